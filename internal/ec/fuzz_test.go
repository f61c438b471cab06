package ec

import (
	"bytes"
	"crypto/sha256"
	"math/big"
	"testing"
)

// refDecode is SEC 1 v2 §2.3.4 on math/big: 04‖X‖Y or 02/03‖X, coordinates < p, on the curve.
func (c *refCurve) decode(b []byte) (refPoint, bool) {
	switch {
	case len(b) == 65 && b[0] == 4:
		x, y := new(big.Int).SetBytes(b[1:33]), new(big.Int).SetBytes(b[33:])
		p := refPoint{x: x, y: y}
		return p, x.Cmp(c.p) < 0 && y.Cmp(c.p) < 0 && c.onCurve(p)
	case len(b) == 33 && (b[0] == 2 || b[0] == 3):
		x := new(big.Int).SetBytes(b[1:])
		if x.Cmp(c.p) >= 0 {
			return refPoint{}, false
		}
		rhs := new(big.Int).Mul(x, x)
		rhs.Add(rhs, c.a)
		rhs.Mul(rhs, x)
		rhs.Add(rhs, c.b)
		rhs.Mod(rhs, c.p)
		y := new(big.Int).ModSqrt(rhs, c.p)
		if y == nil {
			return refPoint{}, false
		}
		if y.Bit(0) != uint(b[0]&1) {
			y.Sub(c.p, y)
			y.Mod(y, c.p)
		}
		return refPoint{x: x, y: y}, true
	}
	return refPoint{}, false
}

// FuzzDecodePoint: the first byte picks the curve; the rest is a point encoding. ValidatePoint,
// DecompressPoint and NewPublicKey must agree with the math/big decoder and never panic.
func FuzzDecodePoint(f *testing.F) {
	for _, c := range refCurves {
		g := c.g()
		f.Add(append([]byte{byte(c.id)}, c.encode(g)...))
		f.Add(append([]byte{byte(c.id)}, c.compress(g)...))
		f.Add(append([]byte{byte(c.id)}, c.compress(c.neg(g))...))
	}
	f.Add([]byte{1, 0})
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) < 1 {
			return
		}
		var c *refCurve
		switch in[0] & 1 {
		case 1:
			c = refP256
		default:
			c = refBP256
		}
		p := in[1:]
		want, ok := c.decode(p)
		err := ValidatePoint(c.id, p)
		if (err == nil) != ok {
			t.Fatalf("ValidatePoint(%x) = %v, reference ok = %v", p, err, ok)
		}
		var out [65]byte
		err = DecompressPoint(c.id, &out, p)
		if (err == nil) != ok || (ok && !bytes.Equal(out[:], c.encode(want))) {
			t.Fatalf("DecompressPoint(%x) = %x, %v", p, out, err)
		}
		pk, err := NewPublicKey(c.id, p)
		if (err == nil) != ok || (ok && pk.Bytes() != out) {
			t.Fatalf("NewPublicKey(%x): %v", p, err)
		}
	})
}

// FuzzVerifyDigest: a fixed key per curve, fuzzed digest and signature. VerifyDigest and
// PrecomputedKey.VerifyDigest must agree with the math/big verifier. The seeds include valid signatures.
func FuzzVerifyDigest(f *testing.F) {
	type key struct {
		pk  *PublicKey
		pre *PrecomputedKey
		q   refPoint
	}
	keys := map[CurveID]key{}
	for _, c := range refCurves {
		d := big.NewInt(0x1234567)
		q := c.mul(d, c.g())
		pk, err := NewPublicKey(c.id, c.encode(q))
		if err != nil {
			f.Fatal(err)
		}
		keys[c.id] = key{pk, pk.Precompute(), q}
		h := sha256.Sum256([]byte("seed"))
		var sig [64]byte
		if err := SignDigest(c.id, &sig, scalarBytes(d), scalarBytes(big.NewInt(99)), h[:]); err != nil {
			f.Fatal(err)
		}
		f.Add(byte(c.id), h[:], sig[:])
	}
	f.Fuzz(func(t *testing.T, sel byte, e []byte, sig []byte) {
		c := refBP256
		if sel&1 == 1 {
			c = refP256
		}
		if len(sig) != 64 {
			return
		}
		k := keys[c.id]
		r, s := (*[32]byte)(sig[:32]), (*[32]byte)(sig[32:])
		want := c.verify(k.q, e, new(big.Int).SetBytes(r[:]), new(big.Int).SetBytes(s[:]))
		if got := k.pk.VerifyDigest(e, r, s); got != want {
			t.Fatalf("VerifyDigest = %v, reference %v", got, want)
		}
		if got := k.pre.VerifyDigest(e, r, s); got != want {
			t.Fatalf("PrecomputedKey.VerifyDigest = %v, reference %v", got, want)
		}
	})
}
