//go:build amd64 && !purego

package field

import (
	"math/big"
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

// bigToS62 returns v (|v| < 2^310) as an s62: limbs 0..3 in [0, 2^62),
// limb 4 the signed rest.
func bigToS62(v *big.Int) s62 {
	var r s62
	t := new(big.Int).Set(v)
	mask := new(big.Int).SetUint64(mask62)
	for i := range 4 {
		r[i] = new(big.Int).And(t, mask).Int64()
		t.Rsh(t, 62) // floor, also for negative t
	}
	r[4] = t.Int64()
	return r
}

// TestInvertUpdateAsmAgainstGo checks invUpdateFGAsm, invUpdateDEAsm and
// invUpdateDAsm against updateFGGo, updateDEGo and updateDGo word for word:
// matrices with entries at their bounds (±2^62, |u|+|v| = 2^62) and random
// ones, f and g with limbs at their ends and random, d and e at the ends of
// (-2m, m) (-2m+1, -m, -1, 0, m-1) and random in it, for every modulus.
func TestInvertUpdateAsmAgainstGo(t *testing.T) {
	if !useInvAsm {
		t.Skip("no CMOV")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	const b62 = int64(1) << 62
	rows := [][2]int64{{b62, 0}, {-b62, 0}, {0, b62}, {0, -b62}, {b62 / 2, b62 / 2}, {-b62 / 2, b62 / 2},
		{b62 - 1, 1}, {1 - b62, -1}, {b62 / 2, -b62 / 2}, {-b62 / 2, -b62 / 2}, {0, 0}, {1, 0}, {-1, 1}}
	randRow := func() [2]int64 {
		if rng.IntN(3) == 0 {
			return rows[rng.IntN(len(rows))]
		}
		a := rng.Int64N(b62 + 1)
		c := rng.Int64N(b62 - a + 1)
		if rng.IntN(2) == 0 {
			a = -a
		}
		if rng.IntN(2) == 0 {
			c = -c
		}
		if rng.IntN(2) == 0 {
			a, c = c, a
		}
		return [2]int64{a, c}
	}
	randS62 := func() s62 {
		var x s62
		for i := range 4 {
			switch rng.IntN(4) {
			case 0:
				x[i] = 0
			case 1:
				x[i] = mask62
			default:
				x[i] = rng.Int64N(b62)
			}
		}
		switch rng.IntN(4) {
		case 0:
			x[4] = b62 - 1 - rng.Int64N(3)
		case 1:
			x[4] = -b62 + rng.Int64N(3)
		default:
			x[4] = rng.Int64N(1<<20) - 1<<19
		}
		return x
	}
	for range 20000 {
		r1, r2 := randRow(), randRow()
		u, v, q, r := r1[0], r1[1], r2[0], r2[1]
		f, g := randS62(), randS62()
		fa, ga, fg, gg := f, g, f, g
		invUpdateFGAsm((*[5]int64)(&fa), (*[5]int64)(&ga), u, v, q, r)
		updateFGGo(&fg, &gg, u, v, q, r)
		if fa != fg || ga != gg {
			t.Fatalf("updateFG(%x, %x, %d, %d, %d, %d): asm %x %x, Go %x %x", f, g, u, v, q, r, fa, ga, fg, gg)
		}
	}
	for _, im := range invModuli {
		m := limbsToBig(im.m)
		twoM := new(big.Int).Lsh(m, 1)
		ends := []*big.Int{new(big.Int).Sub(big.NewInt(1), twoM), new(big.Int).Neg(m), big.NewInt(-1), big.NewInt(0),
			new(big.Int).Sub(m, big.NewInt(1)), new(big.Int).Sub(big.NewInt(2), twoM), new(big.Int).Sub(big.NewInt(1), m)}
		randDE := func() s62 {
			if rng.IntN(3) == 0 {
				return bigToS62(ends[rng.IntN(len(ends))])
			}
			x := randLimbs(rng, im.m)
			v := limbsToBig(&x) // [0, m): shift to (-2m, m) with a random multiple
			v.Sub(v, new(big.Int).Mul(m, big.NewInt(int64(rng.IntN(3)))))
			if v.Cmp(new(big.Int).Neg(twoM)) <= 0 {
				v.Add(v, m)
			}
			return bigToS62(v)
		}
		for range 20000 {
			r1, r2 := randRow(), randRow()
			u, v, q, r := r1[0], r1[1], r2[0], r2[1]
			d, e := randDE(), randDE()
			da, ea, dg, eg := d, e, d, e
			invUpdateDEAsm((*[5]int64)(&da), (*[5]int64)(&ea), u, v, q, r, (*[5]int64)(&im.mod.m), im.mod.mInv62)
			updateDEGo(&dg, &eg, u, v, q, r, im.mod)
			if da != dg || ea != eg {
				t.Fatalf("%s: updateDE(%x, %x, %d, %d, %d, %d): asm %x %x, Go %x %x", im.name, d, e, u, v, q, r, da, ea, dg, eg)
			}
			db, eb := d, e
			updateDGo(&db, &eb, u, v, im.mod)
			if db != dg || eb != e {
				t.Fatalf("%s: updateDGo(%x, %x, %d, %d) = %x %x, want %x and e unchanged", im.name, d, e, u, v, db, eb, dg)
			}
			da, ea = d, e
			invUpdateDAsm((*[5]int64)(&da), (*[5]int64)(&ea), u, v, (*[5]int64)(&im.mod.m), im.mod.mInv62)
			if da != dg || ea != e {
				t.Fatalf("%s: invUpdateDAsm(%x, %x, %d, %d) = %x %x, want %x and e unchanged", im.name, d, e, u, v, da, ea, dg)
			}
		}
	}
}
