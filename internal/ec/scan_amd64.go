//go:build amd64 && !purego

package ec

// scanRows64 is implemented in scan_amd64.s (SSE2, part of the amd64 baseline, so no CPU check is needed).
//
//go:noescape
func scanRows64(out *[8]uint64, row *[8]uint64, n uint64, idx uint64)
