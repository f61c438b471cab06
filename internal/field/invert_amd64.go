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

// updateFG applies a batch matrix to f and g (see updateFGGo), on the
// assembly when useInvAsm is set.
func updateFG(f, g *s62, u, v, q, r int64) {
	if useInvAsm {
		invUpdateFGAsm((*[5]int64)(f), (*[5]int64)(g), u, v, q, r)
		return
	}
	updateFGGo(f, g, u, v, q, r)
}

// updateDE applies a batch matrix to d and e (see updateDEGo), on the
// assembly when useInvAsm is set.
func updateDE(d, e *s62, u, v, q, r int64, mod *invModulus) {
	if useInvAsm {
		invUpdateDEAsm((*[5]int64)(d), (*[5]int64)(e), u, v, q, r, (*[5]int64)(&mod.m), mod.mInv62)
		return
	}
	updateDEGo(d, e, u, v, q, r, mod)
}

// updateD applies the first row of a batch matrix to d (see updateDGo), on
// the assembly when useInvAsm is set.
func updateD(d, e *s62, u, v int64, mod *invModulus) {
	if useInvAsm {
		invUpdateDAsm((*[5]int64)(d), (*[5]int64)(e), u, v, (*[5]int64)(&mod.m), mod.mInv62)
		return
	}
	updateDGo(d, e, u, v, mod)
}
