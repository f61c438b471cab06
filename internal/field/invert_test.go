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
// 620 hddivsteps g = 0, f = ±1 and d is in (-2m, m).
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
				d, f, g := invertCore(&x, im.mod)
				fb, gb, db := s62ToBig(&f), s62ToBig(&g), s62ToBig(&d)
				if gb.Sign() != 0 {
					t.Fatalf("x = %x: g = %x after 620 hddivsteps", v, gb)
				}
				if v.Sign() != 0 && fb.CmpAbs(one) != 0 {
					t.Fatalf("x = %x: f = %x, want ±1", v, fb)
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
