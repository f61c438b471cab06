package ec

import (
	"math/rand/v2"
	"testing"
)

// TestScanRows64 checks scanRows64 (assembly on amd64 without purego) against a direct index and against
// scanRows64Go for every idx in [0, n+2] on random tables of several lengths (the expected value is the
// entry at idx-1, or all zero when idx is 0 or past the end).
func TestScanRows64(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 8, 31, 32, 33} {
		row := make([][8]uint64, n)
		for j := range row {
			for w := range row[j] {
				row[j][w] = rng.Uint64()
			}
		}
		for idx := uint64(0); idx <= uint64(n)+2; idx++ {
			var want, got, goGot [8]uint64
			if idx >= 1 && idx <= uint64(n) {
				want = row[idx-1]
			}
			scanRows64(&got, &row[0], uint64(n), idx)
			scanRows64Go(&goGot, row, idx)
			if got != want || goGot != want {
				t.Fatalf("n=%d idx=%d: got %x, Go %x, want %x", n, idx, got, goGot, want)
			}
		}
	}
	// a huge idx (above 2^32 would alias in 32-bit lanes; callers pass at most 32) still selects nothing here
	var row [32][8]uint64
	for j := range row {
		row[j] = [8]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
	}
	var got [8]uint64
	scanRows64(&got, &row[0], 32, 1000)
	if got != ([8]uint64{}) {
		t.Fatalf("idx 1000 selected %x", got)
	}
}
