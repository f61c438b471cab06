//go:build amd64 && !purego

package field

import (
	"math/rand/v2"
	"testing"
)

// TestInvertAsmAgainstGo checks the assembly divstep batches against
// divstepsBatchGo word for word, and invertLimbs with the assembly against
// invertLimbs with the Go batches (useInvAsm off), for every modulus, on
// edge values and random ones. TestInvertLimbs and TestDivsteps check
// whichever path the CPU selects against math/big and a plain reference.
func TestInvertAsmAgainstGo(t *testing.T) {
	if !useInvAsm {
		t.Skip("no CMOV")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		z := int64(rng.IntN(61)) - 30
		f, g := rng.Uint64()|1, rng.Uint64()
		if rng.IntN(8) == 0 {
			g = 0
		}
		for _, c := range []struct {
			n  uint
			fn func(int64, uint64, uint64) (int64, int64, int64, int64, int64, int64)
		}{{invBatchSteps, invBatch60Asm}, {invLastSteps, invBatch51Asm}} {
			az, au, av, aq, ar, afw := c.fn(z, f, g)
			gz, gu, gv, gq, gr, gfw := divstepsBatchGo(z, f, g, c.n)
			if az != gz || au != gu || av != gv || aq != gq || ar != gr || afw != gfw {
				t.Fatalf("n = %d, (%d, %#x, %#x): asm %d %d %d %d %d %#x, Go %d %d %d %d %d %#x",
					c.n, z, f, g, az, au, av, aq, ar, afw, gz, gu, gv, gq, gr, gfw)
			}
		}
	}
	defer func() { useInvAsm = true }()
	for _, im := range invModuli {
		var xs [][4]uint64
		var one, mm1 [4]uint64
		one[0] = 1
		mm1 = *im.m
		mm1[0]--
		xs = append(xs, [4]uint64{}, one, mm1)
		for range 2000 {
			xs = append(xs, randLimbs(rng, im.m))
		}
		for _, x := range xs {
			var za, zg [4]uint64
			useInvAsm = true
			invertLimbs(&za, &x, im.m, im.mod)
			useInvAsm = false
			invertLimbs(&zg, &x, im.m, im.mod)
			if za != zg {
				t.Fatalf("%s: invert(%x): asm %x, Go %x", im.name, x, za, zg)
			}
		}
	}
}
