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

// FuzzECDH: fuzzed scalar and peer encoding; ECDH must fail exactly when the peer is not a valid point or k is
// not in [1, n-1], and otherwise return the X coordinate the math/big reference computes.
func FuzzECDH(f *testing.F) {
	for _, c := range refCurves {
		f.Add(byte(c.id), scalarBytes(big.NewInt(3))[:], c.encode(c.g()))
		f.Add(byte(c.id), scalarBytes(new(big.Int).Sub(c.n, big.NewInt(1)))[:], c.compress(c.g()))
	}
	f.Fuzz(func(t *testing.T, sel byte, k []byte, peer []byte) {
		c := refBP256
		if sel&1 == 1 {
			c = refP256
		}
		if len(k) != 32 {
			return
		}
		q, okPeer := c.decode(peer)
		kk := new(big.Int).SetBytes(k)
		okK := kk.Sign() > 0 && kk.Cmp(c.n) < 0
		var x [32]byte
		err := ECDH(c.id, &x, peer, (*[32]byte)(k))
		if (err == nil) != (okPeer && okK) {
			t.Fatalf("ECDH error %v, peer ok %v, k ok %v", err, okPeer, okK)
		}
		if err == nil {
			want := make([]byte, 32)
			c.mul(kk, q).x.FillBytes(want)
			if !bytes.Equal(x[:], want) {
				t.Fatalf("ECDH = %x, want %x", x, want)
			}
		}
	})
}

// FuzzSignDigest: fuzzed d, k and digest; SignDigest must reject out-of-range scalars and otherwise produce
// r = x(kG) mod n and s = k⁻¹(e + rd) mod n as computed with math/big.
func FuzzSignDigest(f *testing.F) {
	for _, c := range refCurves {
		f.Add(byte(c.id), scalarBytes(big.NewInt(5))[:], scalarBytes(big.NewInt(7))[:], []byte("digest"))
	}
	f.Fuzz(func(t *testing.T, sel byte, d, k, e []byte) {
		c := refBP256
		if sel&1 == 1 {
			c = refP256
		}
		if len(d) != 32 || len(k) != 32 {
			return
		}
		dd, kk := new(big.Int).SetBytes(d), new(big.Int).SetBytes(k)
		ok := dd.Sign() > 0 && dd.Cmp(c.n) < 0 && kk.Sign() > 0 && kk.Cmp(c.n) < 0
		var sig [64]byte
		err := SignDigest(c.id, &sig, (*[32]byte)(d), (*[32]byte)(k), e)
		// SignBatch agrees, with a valid job of each curve beside this one.
		jobs := []SignJob{{Curve: P256, D: [32]byte{31: 3}, K: [32]byte{31: 9}, Digest: e},
			{Curve: c.id, D: [32]byte(d), K: [32]byte(k), Digest: e}, {Curve: BP256, D: [32]byte{31: 4}, K: [32]byte{31: 2}, Digest: e}}
		SignBatch(jobs)
		if jobs[1].Err != err || err == nil && jobs[1].Sig != sig {
			t.Fatalf("SignBatch %x, %v; SignDigest %x, %v", jobs[1].Sig, jobs[1].Err, sig, err)
		}
		if !ok {
			if err == nil {
				t.Fatal("accepted an out-of-range scalar")
			}
			return
		}
		r := new(big.Int).Mod(c.mul(kk, c.g()).x, c.n)
		ee := new(big.Int).SetBytes(e)
		if len(e) > 32 {
			ee.Rsh(ee, uint(8*(len(e)-32)))
		}
		s := new(big.Int).Mul(r, dd)
		s.Add(s, ee)
		s.Mul(s, new(big.Int).ModInverse(kk, c.n))
		s.Mod(s, c.n)
		if r.Sign() == 0 || s.Sign() == 0 {
			if err != ErrZeroSignature {
				t.Fatalf("want ErrZeroSignature, got %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		gr, gs := refSig(&sig)
		if gr.Cmp(r) != 0 || gs.Cmp(s) != 0 {
			t.Fatalf("signature (%x, %x), want (%x, %x)", gr, gs, r, s)
		}
	})
}
