package ecdsa

import (
	"bytes"
	"crypto"
	stdecdsa "crypto/ecdsa"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"math/big"
	"testing"

	"github.com/rspengine/rspengine/internal/ecref"
)

// rfc6979Ref is RFC 6979 §3.2 (with the §3.6 additional data k') written
// straight from the text with crypto/hmac and math/big, for any qlen, as an
// independent reference for the stack-only drbg.
func rfc6979Ref(q, x *big.Int, h1 []byte, extra []byte) *big.Int {
	qlen := q.BitLen()
	rlen := (qlen + 7) / 8
	bits2int := func(b []byte) *big.Int {
		v := new(big.Int).SetBytes(b)
		if blen := len(b) * 8; blen > qlen {
			v.Rsh(v, uint(blen-qlen))
		}
		return v
	}
	int2octets := func(v *big.Int) []byte { return v.FillBytes(make([]byte, rlen)) }
	bits2octets := func(b []byte) []byte {
		z1 := bits2int(b)
		z2 := new(big.Int).Mod(z1, q)
		return int2octets(z2)
	}
	mac := func(k []byte, parts ...[]byte) []byte {
		m := hmac.New(sha256.New, k)
		for _, p := range parts {
			m.Write(p)
		}
		return m.Sum(nil)
	}
	V := bytes.Repeat([]byte{1}, 32)
	K := make([]byte, 32)
	K = mac(K, V, []byte{0}, int2octets(x), bits2octets(h1), extra)
	V = mac(K, V)
	K = mac(K, V, []byte{1}, int2octets(x), bits2octets(h1), extra)
	V = mac(K, V)
	for {
		var T []byte
		for len(T)*8 < qlen {
			V = mac(K, V)
			T = append(T, V...)
		}
		k := bits2int(T)
		if k.Sign() > 0 && k.Cmp(q) < 0 {
			return k
		}
		K = mac(K, V, []byte{0})
		V = mac(K, V)
	}
}

// TestRFC6979AgainstReference: for random keys and digests on both curves
// (on brainpoolP256r1 about a third need a second candidate), with and
// without additional data, the nonce of the stack-only drbg equals the
// textbook algorithm's, and Sign's signature equals the math/big oracle's
// signature with that nonce.
func TestRFC6979AgainstReference(t *testing.T) {
	retries := 0
	for _, c := range []Curve{P256, BrainpoolP256r1} {
		o := c.OrderBytes()
		q := new(big.Int).SetBytes(o[:])
		for i := 0; i < 100; i++ {
			sk, _ := GenerateKey(c, rand.Reader)
			h := make([]byte, []int{32, 32, 20, 48, 0}[i%5])
			rand.Read(h)
			var extra []byte
			if i%2 == 1 {
				extra = make([]byte, 32)
				rand.Read(extra)
			}
			d := sk.Bytes()
			want := rfc6979Ref(q, new(big.Int).SetBytes(d[:]), h, extra)
			var g drbg
			var k [32]byte
			g.init(&d, h, &o, extra)
			g.next(&k, &o)
			if new(big.Int).SetBytes(k[:]).Cmp(want) != 0 {
				t.Fatalf("%v: nonce %x, reference %x", c, k, want)
			}
			if extra == nil && NonceCandidates(sk, h) > 1 {
				retries++
			}
			var sig [64]byte
			var err error
			if extra == nil {
				sig, err = Sign(nil, sk, h)
			} else {
				sig, err = Sign(bytes.NewReader(extra), sk, h)
			}
			var refSig [64]byte
			var kb [32]byte
			want.FillBytes(kb[:])
			if err != nil || ecref.SignDigest(ecref.CurveID(c), &refSig, &d, &kb, h) != nil || sig != refSig {
				t.Fatalf("%v: signature differs from the oracle's with the RFC 6979 nonce (%v)", c, err)
			}
		}
	}
	if retries == 0 {
		t.Error("no brainpool key needed a second candidate; the retry path went untested")
	}
	t.Logf("%d of 50 deterministic brainpool signatures needed more than one candidate", retries)
}

// TestDeterministicMatchesStdlib: since Go 1.24, crypto/ecdsa's
// PrivateKey.Sign with a nil random source signs deterministically per RFC
// 6979; Sign(nil, ...) must give the very same signatures on P-256.
func TestDeterministicMatchesStdlib(t *testing.T) {
	for i := 0; i < 50; i++ {
		sk, _ := GenerateKey(P256, rand.Reader)
		ssk, _ := sk.ToStdlib()
		h := make([]byte, 32)
		rand.Read(h)
		want, err := ssk.Sign(nil, h, crypto.SHA256)
		if err != nil {
			t.Skipf("crypto/ecdsa has no deterministic mode here: %v", err)
		}
		got, err := SignASN1(nil, sk, h, nil)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("deterministic signature %x, crypto/ecdsa %x", got, want)
		}
		if !stdecdsa.VerifyASN1(&ssk.PublicKey, h, got) {
			t.Fatal("crypto/ecdsa rejects it")
		}
	}
}
