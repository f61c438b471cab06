package ec

import (
	"encoding/hex"
	"math/big"
	"testing"
)

// TestBP256Twist checks the isomorphism behind bp256ToWork against RFC 5639 §3.4: with the RFC's z,
// A·z⁴ = -3 and B·z⁶ = B' (brainpoolP256t1's coefficient) mod p, the generator of brainpoolP256r1 maps to the
// RFC's generator of brainpoolP256t1, and the maps there and back are inverse.
func TestBP256Twist(t *testing.T) {
	h := func(s string) *big.Int {
		b, err := hex.DecodeString(s)
		if err != nil {
			t.Fatal(err)
		}
		return new(big.Int).SetBytes(b)
	}
	p := new(big.Int).SetBytes(bp256PrimeBytes[:])
	z := new(big.Int).SetBytes(bp256TwistZBytes[:])
	a := h("7d5a0975fc2c3057eef67530417affe7fb8055c126dc5c6ce94a4b44f330b5d9")
	b := h("26dc5c6ce94a4b44f330b5d9bbd77cbf958416295cf7e1ce6bccdc18ff8c07b6")
	bt := h("662c61c430d84ea4fe66a7733d0b76b7bf93ebc4af2f49256ae58101fee92b04")
	z4 := new(big.Int).Exp(z, big.NewInt(4), p)
	if got := new(big.Int).Mod(new(big.Int).Mul(a, z4), p); got.Cmp(new(big.Int).Sub(p, big.NewInt(3))) != 0 {
		t.Fatalf("A·z⁴ = %x, want p - 3", got)
	}
	z6 := new(big.Int).Exp(z, big.NewInt(6), p)
	if got := new(big.Int).Mod(new(big.Int).Mul(b, z6), p); got.Cmp(bt) != 0 {
		t.Fatalf("B·z⁶ = %x, want brainpoolP256t1's B %x", got, bt)
	}
	g := bp256G
	bp256ToWork(&g)
	gx, gy := g.x.Bytes(), g.y.Bytes()
	if hex.EncodeToString(gx[:]) != "a3e8eb3cc1cfe7b7732213b23a656149afa142c47aafbc2b79a191562e1305f4" ||
		hex.EncodeToString(gy[:]) != "2d996c823439c56d7f7b22e14644417e69bcb6de39d027001dabe8f35b25c9be" {
		t.Fatalf("G maps to (%x, %x), not brainpoolP256t1's generator", gx, gy)
	}
	var j bp256Jac
	j.setAffine(&g)
	bp256FromWork(&j)
	if j.x != bp256G.x || j.y != bp256G.y {
		t.Fatal("bp256FromWork does not undo bp256ToWork")
	}
	bp256JacToWork(&j)
	if j.x != g.x || j.y != g.y {
		t.Fatal("bp256JacToWork and bp256ToWork disagree")
	}
}

// TestHalfScalar checks halfScalar against math/big (out = min(k, n-k), flip = 1 iff out = n-k) on both curves
// for edge and random scalars, and that the recoding of out leaves the top digit zero, as ECDH relies on.
func TestHalfScalar(t *testing.T) {
	for _, ad := range adapters {
		c := ad.ref
		var nb [32]byte
		c.n.FillBytes(nb[:])
		rng := newRNG(t)
		ks := []*big.Int{big.NewInt(0), big.NewInt(1), big.NewInt(2), new(big.Int).Rsh(c.n, 1),
			new(big.Int).Add(new(big.Int).Rsh(c.n, 1), big.NewInt(1)), new(big.Int).Sub(c.n, big.NewInt(1)), c.n}
		for range 200 {
			ks = append(ks, c.randScalar(rng))
		}
		for _, k := range ks {
			kb := scalarBytes(k)
			var out [32]byte
			flip := halfScalar(&out, kb, &nb)
			nk := new(big.Int).Sub(c.n, k)
			want, wantFlip := k, 0
			if nk.Cmp(k) < 0 {
				want, wantFlip = nk, 1
			}
			if got := new(big.Int).SetBytes(out[:]); got.Cmp(want) != 0 || flip != wantFlip {
				t.Fatalf("%s: halfScalar(%x) = %x, %d; want %x, %d", c.name, k, got, flip, want, wantFlip)
			}
			var d [mulWindows]int8
			recodeSigned4(&d, &out)
			if d[mulWindows-1] != 0 {
				t.Fatalf("%s: top digit of min(k, n-k) for k = %x is %d", c.name, k, d[mulWindows-1])
			}
		}
	}
}
