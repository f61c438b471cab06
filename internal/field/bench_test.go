package field

import (
	"math/big"
	"testing"
)

// Benchmarks of Mul, Square and Invert per type, with math/big references
// beside them: impl=mathbig is Mul then Mod into preallocated Ints, and
// ModInverse, how a careful engineer would use math/big. math/big is variable
// time (ModInverse especially), so its Invert is not a like-for-like
// comparison with our constant-time one. With the purego build tag the
// impl=rspengine rows measure the Go kernels; BenchmarkKernels (amd64) puts
// the assembly and the Go kernels side by side in one run.

func benchOps[T any, PT ops[T]](b *testing.B, m *big.Int) {
	var x, y T
	PT(&x).SetBytesReduced([]byte("0123456789abcdef0123456789abcdef"))
	PT(&y).SetBytesReduced([]byte("fedcba9876543210fedcba9876543210"))
	b.Run("Mul/impl=rspengine", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			PT(&x).Mul(&x, &y)
		}
	})
	b.Run("Mul/impl=mathbig", func(b *testing.B) {
		xb, yb := bytesToBig(PT(&x).Bytes()), bytesToBig(PT(&y).Bytes())
		t := new(big.Int)
		b.ReportAllocs()
		for b.Loop() {
			t.Mul(xb, yb)
			xb.Mod(t, m)
		}
	})
	b.Run("Square/impl=rspengine", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			PT(&x).Square(&x)
		}
	})
	b.Run("Invert/impl=rspengine", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			PT(&x).Invert(&x)
		}
	})
	b.Run("Invert/impl=mathbig", func(b *testing.B) {
		xb := bytesToBig(PT(&x).Bytes())
		z := new(big.Int)
		b.ReportAllocs()
		for b.Loop() {
			z.ModInverse(xb, m)
		}
	})
}

func bytesToBig(b [32]byte) *big.Int { return new(big.Int).SetBytes(b[:]) }

func BenchmarkP256Element(b *testing.B) {
	p, _, _ := p256Params()
	benchOps[P256Element](b, p)
}

func BenchmarkP256Scalar(b *testing.B) {
	_, n, _ := p256Params()
	benchOps[P256Scalar](b, n)
}

func BenchmarkBP256Element(b *testing.B) { benchOps[BP256Element](b, mustBig(b, bpP)) }

func BenchmarkBP256Scalar(b *testing.B) { benchOps[BP256Scalar](b, mustBig(b, bpQ)) }
