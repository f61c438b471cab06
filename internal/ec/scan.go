package ec

import "unsafe"

// Constant-time table scans for the fixed-base multiplication.
//
// scanRows64(out, &row[0], n, idx) sets out to entry idx-1 of the n 64-byte entries starting at row (all zero
// for idx = 0 or idx > n). It reads every entry in order, masks each with all ones exactly when its 1-based
// position equals idx (a comparison computed with arithmetic, not a branch) and ORs them together, so the
// sequence of instructions and of memory addresses depends only on the table and n, never on idx. On amd64
// (without the purego tag) it is assembly (scan_amd64.s): AVX2 (32-byte registers, four entries per loop
// iteration) when the CPU has it, else SSE2 (16-byte registers, part of the amd64 baseline); the choice
// depends only on the CPU. It replaces 2·n inlined field OrIf calls. Elsewhere scanRows64Go below runs the
// same algorithm in Go. Entries are
// p256Affine / bp256Affine values: two field elements of four uint64 limbs, 64 bytes without padding (checked
// at compile time below).

var (
	_ [unsafe.Sizeof(p256Affine{}) - 64]byte
	_ [64 - unsafe.Sizeof(p256Affine{})]byte
	_ [unsafe.Sizeof(bp256Affine{}) - 64]byte
	_ [64 - unsafe.Sizeof(bp256Affine{})]byte
)

// scanRows64Go is the Go version of scanRows64 (also the reference for the assembly in tests).
func scanRows64Go(out *[8]uint64, row [][8]uint64, idx uint64) {
	var acc [8]uint64
	for j := range row {
		m := -uint64(ctEq(uint64(j+1), idx))
		for w := range acc {
			acc[w] |= row[j][w] & m
		}
	}
	*out = acc
}
