package field

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

func s62ToBig(v *s62) *big.Int {
	r := big.NewInt(v[4])
	for i := 3; i >= 0; i-- {
		r.Lsh(r, 62)
		r.Add(r, big.NewInt(v[i]))
	}
	return r
}

var invModuli = []struct {
	name string
	m    *[4]uint64
	mod  *invModulus
}{
	{"P256Element", &p256ElementModulus, &p256ElementInvModulus},
	{"P256Scalar", &p256ScalarModulus, &p256ScalarInvModulus},
	{"BP256Element", &bp256ElementModulus, &bp256ElementInvModulus},
	{"BP256Scalar", &bp256ScalarModulus, &bp256ScalarInvModulus},
}

// TestInvertLimbs checks the divstep inversion against math/big on edge
// values (0, 1, 2, m-1, m-2, powers of two and m minus them, all-ones limbs)
// and random values, and checks the invariants behind it: after the fixed
// 591 hddivsteps g = 0, f = ±1 (with its sign read correctly from the low
// bits) and d is in (-2m, m).
func TestInvertLimbs(t *testing.T) {
	for _, im := range invModuli {
		t.Run(im.name, func(t *testing.T) {
			m := limbsToBig(im.m)
			if s62ToBig(&im.mod.m).Cmp(m) != 0 {
				t.Fatal("invModulus.m differs from the modulus")
			}
			if new(big.Int).Mul(m, new(big.Int).SetUint64(im.mod.mInv62)).Bit(0) != 1 ||
				new(big.Int).Mod(new(big.Int).Mul(m, new(big.Int).SetUint64(im.mod.mInv62)), new(big.Int).Lsh(big.NewInt(1), 62)).Cmp(big.NewInt(1)) != 0 {
				t.Fatal("mInv62 is not m^-1 mod 2^62")
			}
			var vals []*big.Int
			one := big.NewInt(1)
			for _, v := range []int64{0, 1, 2, 3, 5} {
				vals = append(vals, big.NewInt(v), new(big.Int).Sub(m, big.NewInt(v)))
			}
			for k := uint(1); k < 256; k += 7 {
				p := new(big.Int).Lsh(one, k)
				vals = append(vals, p, new(big.Int).Sub(m, p), new(big.Int).Sub(p, one))
			}
			rng := rand.New(rand.NewPCG(6, im.m[0]))
			for range 3000 {
				x := randLimbs(rng, im.m)
				vals = append(vals, limbsToBig(&x))
			}
			twoM := new(big.Int).Lsh(m, 1)
			for _, v := range vals {
				if v.Sign() < 0 || v.Cmp(m) >= 0 {
					continue
				}
				var x, z [4]uint64
				copy(x[:], be32limbs(v))
				var d, f, g s62
				neg := invertCore(&d, &f, &g, &x, im.mod, true)
				fb, gb, db := s62ToBig(&f), s62ToBig(&g), s62ToBig(&d)
				if gb.Sign() != 0 {
					t.Fatalf("x = %x: g = %x after %d hddivsteps", v, gb, invTotalSteps)
				}
				if v.Sign() != 0 && fb.CmpAbs(one) != 0 {
					t.Fatalf("x = %x: f = %x, want ±1", v, fb)
				}
				if v.Sign() != 0 && (neg == ^uint64(0)) != (fb.Sign() < 0) {
					t.Fatalf("x = %x: f = %x but neg = %x", v, fb, neg)
				}
				if db.Cmp(m) >= 0 || db.Cmp(new(big.Int).Neg(twoM)) <= 0 {
					t.Fatalf("x = %x: d = %x out of (-2m, m)", v, db)
				}
				invertLimbs(&z, &x, im.m, im.mod)
				want := new(big.Int).ModInverse(v, m)
				if want == nil {
					want = new(big.Int)
				}
				if limbsToBig(&z).Cmp(want) != 0 {
					t.Fatalf("invert(%x) = %x, want %x", v, limbsToBig(&z), want)
				}
			}
		})
	}
}

// be32limbs returns v (< 2^256) as little-endian 64-bit limbs.
func be32limbs(v *big.Int) []uint64 {
	var b [32]byte
	v.FillBytes(b[:])
	var l [4]uint64
	loadBE(&l, &b)
	return l[:]
}

// divstepsRef runs n hddivsteps the plain way (f, g and the matrix in
// separate words, matrix doubling instead of halving) on the low 64 bits of
// f and g, n <= 62: 2^n·(f', g') = (u·f + v·g, q·f + r·g).
func divstepsRef(zeta int64, f, g uint64, n int) (z, u, v, q, r int64) {
	u, v, q, r = 1, 0, 0, 1
	for range n {
		if zeta < 0 && g&1 == 1 { // δ > 0: swap
			f, g = g, g-f
			u, v, q, r = q, r, q-u, r-v
			zeta = -zeta - 2
		} else {
			if g&1 == 1 {
				g += f
				q, r = q+u, r+v
			}
			zeta--
		}
		g >>= 1
		u, v = 2*u, 2*v
	}
	return zeta, u, v, q, r
}

// TestDivsteps checks divsteps20 and divstepsBatchGo (and through
// divstepsBatch whichever implementation the build uses) against
// divstepsRef, on random words and on ones that push the packed fields to
// their limits (long runs without a swap, g ≡ 0, all-ones low bits).
func TestDivsteps(t *testing.T) {
	if invLastSteps < 41 || invLastSteps > 58 || invBatchSteps != 60 || (invBatches-1)*invBatchSteps+invLastSteps != invTotalSteps {
		t.Fatal("batch layout does not fit divstepsBatch")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	special := []uint64{0, 1, 2, 3, 1 << 19, 1<<19 - 1, 1<<20 - 1, 1 << 20, ^uint64(0), ^uint64(0) - 1, 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 1 << 63}
	zetas := []int64{-1, 0, 1, -2, -5, 7, -100, 100, -600, 600}
	type tc struct {
		zeta int64
		f, g uint64
	}
	var cases []tc
	for _, f := range special {
		for _, g := range special {
			for _, z := range zetas {
				cases = append(cases, tc{z, f | 1, g})
			}
		}
	}
	for range 20000 {
		z := int64(rng.IntN(41)) - 20
		if rng.IntN(4) == 0 {
			z = -1
		}
		cases = append(cases, tc{z, rng.Uint64() | 1, rng.Uint64()})
	}
	for _, c := range cases {
		for _, n := range []uint{1, 11, 19, 20} {
			wz, wu, wv, wq, wr := divstepsRef(c.zeta, c.f, c.g, int(n))
			z, u, v, q, r, fw := divsteps20(c.zeta, c.f, c.g, n)
			if z != wz || u != wu || v != wv || q != wq || r != wr {
				t.Fatalf("divsteps20(%d, %#x, %#x, %d) = %d %d %d %d %d, want %d %d %d %d %d", c.zeta, c.f, c.g, n, z, u, v, q, r, wz, wu, wv, wq, wr)
			}
			if wf := (uint64(wu)*c.f + uint64(wv)*c.g) >> n; (uint64(fw)^wf)&(1<<(20-n)-1) != 0 {
				t.Fatalf("divsteps20(%d, %#x, %#x, %d): low bits of F %#x, f' = %#x", c.zeta, c.f, c.g, n, fw, wf)
			}
		}
		for _, n := range []uint{invLastSteps, invBatchSteps} {
			wz, wu, wv, wq, wr := divstepsRef(c.zeta, c.f, c.g, int(n))
			sh := 62 - n
			wu, wv, wq, wr = wu<<sh, wv<<sh, wq<<sh, wr<<sh
			for _, impl := range []struct {
				name string
				fn   func(int64, uint64, uint64, uint) (int64, int64, int64, int64, int64, int64)
			}{{"divstepsBatchGo", divstepsBatchGo}, {"divstepsBatch", divstepsBatch}} {
				z, u, v, q, r, fw := impl.fn(c.zeta, c.f, c.g, n)
				if z != wz || u != wu || v != wv || q != wq || r != wr {
					t.Fatalf("%s(%d, %#x, %#x, %d) = %d %d %d %d %d, want %d %d %d %d %d", impl.name, c.zeta, c.f, c.g, n, z, u, v, q, r, wz, wu, wv, wq, wr)
				}
				if wf := (uint64(wu)*c.f + uint64(wv)*c.g) >> 62; n == invLastSteps && (uint64(fw)^wf)&3 != 0 {
					t.Fatalf("%s(%d, %#x, %#x, %d): low bits of F %#x, f' = %#x", impl.name, c.zeta, c.f, c.g, n, fw, wf)
				}
			}
		}
	}
}
