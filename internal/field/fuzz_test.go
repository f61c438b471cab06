package field

import (
	"math/big"
	"testing"
)

// fuzzOne checks one type on arbitrary input against math/big: SetBytes on
// the first 32 bytes (error exactly when the value is >= m), SetBytesReduced
// on any prefix up to 64 bytes, and Add, Sub, Mul, Square, Neg, Invert,
// Equal on the two reduced operands.
func fuzzOne[T any, PT ops[T]](t *testing.T, m *big.Int, data []byte) {
	var a, b, z T
	n := min(len(data), 64)
	PT(&a).SetBytesReduced(data[:n])
	av := new(big.Int).SetBytes(data[:n])
	av.Mod(av, m)
	rest := data[n:]
	PT(&b).SetBytesReduced(rest[:min(len(rest), 32)])
	bv := new(big.Int).SetBytes(rest[:min(len(rest), 32)])
	bv.Mod(bv, m)

	if len(data) >= 32 {
		v := new(big.Int).SetBytes(data[:32])
		_, err := PT(&z).SetBytes(data[:32])
		if (err == nil) != (v.Cmp(m) < 0) {
			t.Fatalf("SetBytes(%x) error = %v", data[:32], err)
		}
	} else if _, err := PT(&z).SetBytes(data); err != ErrInvalidLength {
		t.Fatalf("SetBytes(len %d) error = %v", len(data), err)
	}

	eq := func(op string, got *T, want *big.Int) {
		t.Helper()
		g := PT(got).Bytes()
		if new(big.Int).SetBytes(g[:]).Cmp(want.Mod(want, m)) != 0 {
			t.Fatalf("%s(%x, %x) = %x, want %x", op, av, bv, g, want)
		}
	}
	eq("reduce", &a, new(big.Int).Set(av))
	eq("Add", PT(&z).Add(&a, &b), new(big.Int).Add(av, bv))
	eq("Sub", PT(&z).Sub(&a, &b), new(big.Int).Sub(av, bv))
	eq("Mul", PT(&z).Mul(&a, &b), new(big.Int).Mul(av, bv))
	eq("Square", PT(&z).Square(&a), new(big.Int).Mul(av, av))
	eq("Neg", PT(&z).Neg(&a), new(big.Int).Neg(av))
	inv := new(big.Int).ModInverse(av, m)
	if inv == nil {
		inv = new(big.Int)
	}
	eq("Invert", PT(&z).Invert(&a), inv)
	if PT(&a).Equal(&b) != b2i(av.Cmp(bv) == 0) {
		t.Fatalf("Equal(%x, %x) wrong", av, bv)
	}
}

func FuzzArith(f *testing.F) {
	f.Add([]byte{})
	f.Add(make([]byte, 96))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, n, _ := p256Params()
		fuzzOne[P256Element](t, p, data)
		fuzzOne[P256Scalar](t, n, data)
		fuzzOne[BP256Element](t, mustBig(t, bpP), data)
		fuzzOne[BP256Scalar](t, mustBig(t, bpQ), data)
	})
}
