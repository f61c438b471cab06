//go:build amd64 && !purego

package field

import "github.com/klauspost/cpuid/v2"

// useInvAsm selects the assembly divstep batches (invert_amd64.s, written by
// ./_asminv), which need CMOV. Every amd64 CPU has it, but it is checked
// like the other features; it is decided once at start-up from public
// information, so branching on it is not a timing leak.
var useInvAsm = cpuid.CPU.Supports(cpuid.CMOV)

// divstepsBatch runs one batch of hddivsteps (see divstepsBatchGo) on the
// assembly when it can: the batch lengths invBatchSteps and invLastSteps
// are the two it has, and n is a public constant at every call.
func divstepsBatch(zeta int64, f, g uint64, n uint) (z, u, v, q, r, fw int64) {
	if useInvAsm {
		switch n {
		case invBatchSteps:
			return invBatch60Asm(zeta, f, g)
		case invLastSteps:
			return invBatch51Asm(zeta, f, g)
		}
	}
	return divstepsBatchGo(zeta, f, g, n)
}
