package ec

import (
	"math/big"
	"testing"

	"github.com/rspengine/rspengine/internal/field"
)

// TestInverseVartime compares the binary inversion with math/big ModInverse modulo both group orders and both
// field primes, for random values and 1, 2, m-1, m-2, powers of two.
func TestInverseVartime(t *testing.T) {
	rng := newRNG(t)
	for _, mb := range []*[32]byte{&p256OrderBytes, &bp256OrderBytes, &p256PrimeBytes, &bp256PrimeBytes} {
		md := newModulus(mb)
		m := new(big.Int).SetBytes(mb[:])
		vals := []*big.Int{big.NewInt(1), big.NewInt(2), big.NewInt(3), new(big.Int).Sub(m, big.NewInt(1)),
			new(big.Int).Sub(m, big.NewInt(2)), new(big.Int).Lsh(big.NewInt(1), 200), new(big.Int).Lsh(big.NewInt(1), 64)}
		for i := 0; i < 300; i++ {
			var b [32]byte
			for j := range b {
				b[j] = byte(rng.Uint32())
			}
			vals = append(vals, new(big.Int).Mod(new(big.Int).SetBytes(b[:]), m))
		}
		for _, v := range vals {
			if v.Sign() == 0 {
				continue
			}
			got := md.inverseVartime(limbs(scalarBytes(v)))
			gb := beBytes(&got)
			if want := new(big.Int).ModInverse(v, m); new(big.Int).SetBytes(gb[:]).Cmp(want) != 0 {
				t.Fatalf("inverse of %x mod %x: got %x want %x", v, m, gb, want)
			}
		}
		if z := md.inverseVartime([4]uint64{}); z != ([4]uint64{}) {
			t.Errorf("inverse(0) = %x", z)
		}
	}
}

// BenchmarkScalarInverse compares the constant-time Fermat inversion of internal/field with the variable-time
// binary inversion, modulo the P-256 order.
func BenchmarkScalarInverse(b *testing.B) {
	md := newModulus(&p256OrderBytes)
	b.Run("impl=fermat", func(b *testing.B) {
		var s field.P256Scalar
		s.SetBytes(p256GxBytes[:])
		for b.Loop() {
			s.Invert(&s)
		}
	})
	b.Run("impl=binary", func(b *testing.B) {
		x := limbs(&p256GxBytes)
		for b.Loop() {
			x = md.inverseVartime(x)
		}
	})
}
