package ecref

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"math/big"
	"testing"
)

// TestCurveConstants: the generator lies on each curve and has order n
// (n·G = O, (n-1)·G = -G), which checks the transcribed SEC 2 / RFC 5639
// constants against each other.
func TestCurveConstants(t *testing.T) {
	for _, c := range []CurveID{P256, BP256} {
		cv := curveOf(c)
		if !cv.onCurve(cv.gx, cv.gy) {
			t.Fatalf("%v: G not on curve", c)
		}
		if !cv.mul(cv.g(), cv.n).inf {
			t.Fatalf("%v: n·G is not infinity", c)
		}
		m := cv.mul(cv.g(), new(big.Int).Sub(cv.n, big.NewInt(1)))
		if m.x.Cmp(cv.gx) != 0 || new(big.Int).Add(m.y, cv.gy).Cmp(cv.p) != 0 {
			t.Fatalf("%v: (n-1)·G != -G", c)
		}
		if c.String() == "unknown curve" {
			t.Error("String")
		}
		o := c.OrderBytes()
		if new(big.Int).SetBytes(o[:]).Cmp(cv.n) != 0 {
			t.Error("OrderBytes")
		}
	}
}

// TestP256AgainstStdlib cross-checks the oracle with crypto/ecdh and
// crypto/ecdsa on random keys: public keys, ECDH, and signatures both ways.
func TestP256AgainstStdlib(t *testing.T) {
	for i := 0; i < 20; i++ {
		a, _ := ecdh.P256().GenerateKey(rand.Reader)
		b, _ := ecdh.P256().GenerateKey(rand.Reader)
		var d [32]byte
		copy(d[:], a.Bytes())
		var pub [65]byte
		if err := ScalarBaseMult(P256, &pub, &d); err != nil || !bytes.Equal(pub[:], a.PublicKey().Bytes()) {
			t.Fatalf("ScalarBaseMult mismatch: %v", err)
		}
		var x [32]byte
		if err := ECDH(P256, &x, b.PublicKey().Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		want, _ := a.ECDH(b.PublicKey())
		if !bytes.Equal(x[:], want) {
			t.Fatal("ECDH mismatch")
		}
		// compressed peer gives the same secret
		bp := b.PublicKey().Bytes()
		comp := append([]byte{2 | bp[64]&1}, bp[1:33]...)
		var x2 [32]byte
		if err := ECDH(P256, &x2, comp, &d); err != nil || x2 != x {
			t.Fatal("ECDH with compressed peer")
		}

		h := sha256.Sum256([]byte{byte(i)})
		var k [32]byte
		rand.Read(k[:])
		k[0] &= 0x7f
		var sig [64]byte
		if err := SignDigest(P256, &sig, &d, &k, h[:]); err != nil {
			t.Fatal(err)
		}
		spk, _ := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), pub[:])
		if !ecdsa.Verify(spk, h[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])) {
			t.Fatal("stdlib rejects oracle signature")
		}
		ssk, _ := ecdsa.ParseRawPrivateKey(elliptic.P256(), d[:])
		r, s, _ := ecdsa.Sign(rand.Reader, ssk, h[:])
		var rb, sb [32]byte
		r.FillBytes(rb[:])
		s.FillBytes(sb[:])
		pk, err := NewPublicKey(P256, pub[:])
		if err != nil || !pk.VerifyDigest(h[:], &rb, &sb) || !pk.Precompute().VerifyDigest(h[:], &rb, &sb) {
			t.Fatal("oracle rejects stdlib signature")
		}
		sb[31] ^= 1
		if pk.VerifyDigest(h[:], &rb, &sb) {
			t.Fatal("oracle accepts a modified signature")
		}
	}
}

func TestRejects(t *testing.T) {
	var k [32]byte
	var dst [65]byte
	if ScalarBaseMult(P256, &dst, &k) == nil {
		t.Error("k = 0 accepted")
	}
	k = P256.OrderBytes()
	if ScalarBaseMult(P256, &dst, &k) == nil {
		t.Error("k = n accepted")
	}
	if ValidatePoint(BP256, make([]byte, 65)) == nil || ValidatePoint(P256, []byte{4}) == nil || ValidatePoint(9, nil) == nil {
		t.Error("bad point accepted")
	}
	k[31] = 0
	k = [32]byte{31: 1}
	ScalarBaseMult(BP256, &dst, &k)
	dst[64] ^= 1
	if ValidatePoint(BP256, dst[:]) == nil {
		t.Error("off-curve point accepted")
	}
}
