//go:build !amd64 || purego

package ec

import "unsafe"

// scanRows64 is the portable twin of the SSE2 routine in scan_amd64.s (see scan.go).
func scanRows64(out *[8]uint64, row *[8]uint64, n uint64, idx uint64) {
	scanRows64Go(out, unsafe.Slice(row, n), idx)
}
