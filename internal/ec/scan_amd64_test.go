//go:build amd64 && !purego

package ec

import (
	"math/rand/v2"
	"testing"
)

// TestScanRows64Kernels checks both assembly kernels (SSE2 always, AVX2 when the CPU has it) against
// scanRows64Go for every idx in [0, n+2] on random tables of several lengths, odd ones included (the AVX2
// loop takes four entries at a time and has a tail for up to three).
func TestScanRows64Kernels(t *testing.T) {
	kernels := map[string]func(out *[8]uint64, row *[8]uint64, n uint64, idx uint64){"SSE2": scanRows64SSE2}
	if useAVX2 {
		kernels["AVX2"] = scanRows64AVX2
	} else {
		t.Log("no AVX2 on this CPU: only the SSE2 kernel is tested")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for name, scan := range kernels {
		for _, n := range []int{1, 2, 3, 8, 31, 32, 33, 64} {
			row := make([][8]uint64, n)
			for j := range row {
				for w := range row[j] {
					row[j][w] = rng.Uint64()
				}
			}
			for idx := uint64(0); idx <= uint64(n)+2; idx++ {
				var want, got [8]uint64
				scanRows64Go(&want, row, idx)
				if idx >= 1 && idx <= uint64(n) && want != row[idx-1] {
					t.Fatalf("Go scan n=%d idx=%d wrong", n, idx)
				}
				scan(&got, &row[0], uint64(n), idx)
				if got != want {
					t.Fatalf("%s n=%d idx=%d: got %x, want %x", name, n, idx, got, want)
				}
			}
		}
	}
}
