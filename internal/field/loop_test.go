package field

import (
	"math/big"
	"math/bits"
	"math/rand/v2"
	"testing"
)

// A word-by-word (CIOS) Montgomery multiplication written as loops: a second,
// independent implementation the generated straight-line kernels are checked
// against, including on inputs that are not reduced.

// montMulLoop is a word-by-word (CIOS) Montgomery multiplication:
// z = x·y·2^-256 mod m, with m0inv = -m^-1 mod 2^64. It requires x·y < m·2^256
// (true when one operand is < m and the other < 2^256) and returns z < m.
func montMulLoop(z, x, y, m *[4]uint64, m0inv uint64) {
	var t [6]uint64
	for i := 0; i < 4; i++ {
		// t += x[i]·y
		var c uint64
		for j := 0; j < 4; j++ {
			hi, lo := bits.Mul64(x[i], y[j])
			var cc uint64
			lo, cc = bits.Add64(lo, t[j], 0)
			hi += cc
			lo, cc = bits.Add64(lo, c, 0)
			hi += cc
			t[j] = lo
			c = hi
		}
		var cc uint64
		t[4], cc = bits.Add64(t[4], c, 0)
		t[5] = cc
		// t = (t + q·m) / 2^64
		q := t[0] * m0inv
		hi, lo := bits.Mul64(q, m[0])
		_, cc = bits.Add64(lo, t[0], 0)
		c = hi + cc
		for j := 1; j < 4; j++ {
			hi, lo := bits.Mul64(q, m[j])
			lo, cc = bits.Add64(lo, t[j], 0)
			hi += cc
			lo, cc = bits.Add64(lo, c, 0)
			hi += cc
			t[j-1] = lo
			c = hi
		}
		t[3], cc = bits.Add64(t[4], c, 0)
		t[4] = t[5] + cc
	}
	condSubLimbs(z, &[4]uint64{t[0], t[1], t[2], t[3]}, t[4], m)
}

type kernelSet struct {
	name     string
	m        *[4]uint64
	m0inv    uint64
	mul      func(z, x, y *[4]uint64)
	square   func(z, x *[4]uint64)
	mulGo    func(z, x, y *[4]uint64)
	squareGo func(z, x *[4]uint64)
	fromMont func(z, x *[4]uint64)
	add, sub func(z, x, y *[4]uint64)
}

var kernelSets = []kernelSet{
	{"P256Element", &p256ElementModulus, p256ElementM0Inv, p256ElementMul, p256ElementSquare, p256ElementMulGo, p256ElementSquareGo, p256ElementFromMont, p256ElementAdd, p256ElementSub},
	{"P256Scalar", &p256ScalarModulus, p256ScalarM0Inv, p256ScalarMul, p256ScalarSquare, p256ScalarMulGo, p256ScalarSquareGo, p256ScalarFromMont, p256ScalarAdd, p256ScalarSub},
	{"BP256Element", &bp256ElementModulus, bp256ElementM0Inv, bp256ElementMul, bp256ElementSquare, bp256ElementMulGo, bp256ElementSquareGo, bp256ElementFromMont, bp256ElementAdd, bp256ElementSub},
	{"BP256Scalar", &bp256ScalarModulus, bp256ScalarM0Inv, bp256ScalarMul, bp256ScalarSquare, bp256ScalarMulGo, bp256ScalarSquareGo, bp256ScalarFromMont, bp256ScalarAdd, bp256ScalarSub},
}

// randLimbs returns a value below bound (nil: below 2^256), biased towards
// extreme limbs (all zeros, all ones) where carries go wrong.
func randLimbs(rng *rand.Rand, bound *[4]uint64) [4]uint64 {
	for {
		var x [4]uint64
		for i := range x {
			switch rng.IntN(5) {
			case 0:
				x[i] = 0
			case 1:
				x[i] = ^uint64(0)
			case 2:
				if bound != nil {
					x[i] = bound[i] - uint64(rng.IntN(3))
				} else {
					x[i] = rng.Uint64()
				}
			default:
				x[i] = rng.Uint64()
			}
		}
		if bound == nil || lessThan(&x, bound) == 1 {
			return x
		}
	}
}

// TestKernelsAgainstLoop checks the kernels against the loop implementation
// and math/big: Mul with one factor not reduced (as SetBytesReduced uses it),
// Square, FromMont, Add and Sub, on random and extreme limbs.
func TestKernelsAgainstLoop(t *testing.T) {
	for _, ks := range kernelSets {
		t.Run(ks.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(3, ks.m[0]))
			m := limbsToBig(ks.m)
			rInv := new(big.Int).ModInverse(new(big.Int).Lsh(big.NewInt(1), 256), m)
			for range 3000 {
				x, y := randLimbs(rng, ks.m), randLimbs(rng, ks.m)
				wide := randLimbs(rng, nil)
				var want, got [4]uint64
				montMulLoop(&want, &wide, &y, ks.m, ks.m0inv)
				ref := new(big.Int).Mul(limbsToBig(&wide), limbsToBig(&y))
				ref.Mul(ref, rInv).Mod(ref, m)
				if limbsToBig(&want).Cmp(ref) != 0 {
					t.Fatalf("loop Mul(%x, %x) wrong", wide, y)
				}
				for _, f := range []func(z, x, y *[4]uint64){ks.mul, ks.mulGo} {
					f(&got, &wide, &y)
					if got != want {
						t.Fatalf("Mul(%x, %x) = %x, want %x", wide, y, got, want)
					}
				}
				montMulLoop(&want, &x, &x, ks.m, ks.m0inv)
				for _, f := range []func(z, x *[4]uint64){ks.square, ks.squareGo} {
					f(&got, &x)
					if got != want {
						t.Fatalf("Square(%x) = %x, want %x", x, got, want)
					}
				}
				montMulLoop(&want, &x, &[4]uint64{1}, ks.m, ks.m0inv)
				if ks.fromMont(&got, &x); got != want {
					t.Fatalf("FromMont(%x) = %x, want %x", x, got, want)
				}
				sum := new(big.Int).Add(limbsToBig(&x), limbsToBig(&y))
				if ks.add(&got, &x, &y); limbsToBig(&got).Cmp(sum.Mod(sum, m)) != 0 {
					t.Fatalf("Add(%x, %x) = %x", x, y, got)
				}
				diff := new(big.Int).Sub(limbsToBig(&x), limbsToBig(&y))
				if ks.sub(&got, &x, &y); limbsToBig(&got).Cmp(diff.Mod(diff, m)) != 0 {
					t.Fatalf("Sub(%x, %x) = %x", x, y, got)
				}
			}
		})
	}
}
