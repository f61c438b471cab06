//go:build amd64 && !purego

package ec

import "github.com/klauspost/cpuid/v2"

// useAVX2 selects the AVX2 scan; without it the SSE2 one (part of the amd64 baseline) runs.
var useAVX2 = cpuid.CPU.Supports(cpuid.AVX2)

// scanRows64 is described in scan.go; the kernels are in scan_amd64.s. The branch depends only on the CPU.
func scanRows64(out *[8]uint64, row *[8]uint64, n uint64, idx uint64) {
	if useAVX2 {
		scanRows64AVX2(out, row, n, idx)
		return
	}
	scanRows64SSE2(out, row, n, idx)
}

//go:noescape
func scanRows64SSE2(out *[8]uint64, row *[8]uint64, n uint64, idx uint64)

//go:noescape
func scanRows64AVX2(out *[8]uint64, row *[8]uint64, n uint64, idx uint64)
