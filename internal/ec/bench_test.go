package ec

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"math/big"
	"testing"
)

// benchSetup is one key pair, a peer point, a digest and a signature on a curve.
type benchSetup struct {
	c      *refCurve
	d, k   *[32]byte
	pub    [65]byte
	peer   [65]byte
	digest [32]byte
	r, s   *[32]byte
}

func newBenchSetup(b testing.TB, c *refCurve) *benchSetup {
	rng := newRNG(b)
	st := &benchSetup{c: c, d: scalarBytes(c.randScalar(rng)), k: scalarBytes(c.randScalar(rng))}
	if err := ScalarBaseMult(c.id, &st.pub, st.d); err != nil {
		b.Fatal(err)
	}
	if err := ScalarBaseMult(c.id, &st.peer, scalarBytes(c.randScalar(rng))); err != nil {
		b.Fatal(err)
	}
	st.digest = sha256.Sum256([]byte("benchmark message"))
	var sig [64]byte
	if err := SignDigest(c.id, &sig, st.d, st.k, st.digest[:]); err != nil {
		b.Fatal(err)
	}
	st.r, st.s = (*[32]byte)(sig[:32]), (*[32]byte)(sig[32:])
	if pk, err := NewPublicKey(c.id, st.pub[:]); err != nil || !pk.VerifyDigest(st.digest[:], st.r, st.s) {
		b.Fatal("setup verify failed") // also builds the lazy G tables outside the timed loops
	}
	return st
}

// The stdlib sub-benchmarks use crypto/ecdh and crypto/ecdsa the way a careful caller would: keys parsed once
// outside the loop, the signature pre-encoded for VerifyASN1 (its fastest entry point).

func BenchmarkScalarBaseMult(b *testing.B) {
	for _, c := range refCurves {
		st := newBenchSetup(b, c)
		b.Run(c.name+"/impl=rspengine", func(b *testing.B) {
			b.ReportAllocs()
			var out [65]byte
			for b.Loop() {
				if err := ScalarBaseMult(c.id, &out, st.k); err != nil {
					b.Fatal(err)
				}
			}
		})
		if c.id == P256 {
			b.Run(c.name+"/impl=stdlib", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					sk, err := ecdh.P256().NewPrivateKey(st.k[:])
					if err != nil {
						b.Fatal(err)
					}
					_ = sk.PublicKey().Bytes()
				}
			})
		}
	}
}

func BenchmarkECDH(b *testing.B) {
	for _, c := range refCurves {
		st := newBenchSetup(b, c)
		b.Run(c.name+"/impl=rspengine", func(b *testing.B) {
			b.ReportAllocs()
			var x [32]byte
			for b.Loop() {
				if err := ECDH(c.id, &x, st.peer[:], st.k); err != nil {
					b.Fatal(err)
				}
			}
		})
		if c.id == P256 {
			b.Run(c.name+"/impl=stdlib", func(b *testing.B) {
				b.ReportAllocs()
				sk, err := ecdh.P256().NewPrivateKey(st.k[:])
				if err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					pub, err := ecdh.P256().NewPublicKey(st.peer[:]) // ours parses and validates the peer too
					if err != nil {
						b.Fatal(err)
					}
					if _, err := sk.ECDH(pub); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkSignDigest(b *testing.B) {
	for _, c := range refCurves {
		st := newBenchSetup(b, c)
		b.Run(c.name+"/impl=rspengine", func(b *testing.B) {
			b.ReportAllocs()
			var sig [64]byte
			for b.Loop() {
				if err := SignDigest(c.id, &sig, st.d, st.k, st.digest[:]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func stdlibKey(st *benchSetup) *ecdsa.PublicKey {
	return &ecdsa.PublicKey{Curve: elliptic.P256(), X: new(big.Int).SetBytes(st.pub[1:33]), Y: new(big.Int).SetBytes(st.pub[33:])}
}

func stdlibVerify(b *testing.B, st *benchSetup) {
	pub := stdlibKey(st)
	der := asn1Sig(st.r, st.s)
	b.ReportAllocs()
	for b.Loop() {
		if !ecdsa.VerifyASN1(pub, st.digest[:], der) {
			b.Fatal("stdlib verify failed")
		}
	}
}

// asn1Sig encodes ECDSA-Sig-Value for the stdlib benchmark.
func asn1Sig(r, s *[32]byte) []byte {
	integer := func(v *[32]byte) []byte {
		x := new(big.Int).SetBytes(v[:]).Bytes()
		if len(x) == 0 || x[0]&0x80 != 0 {
			x = append([]byte{0}, x...)
		}
		return append([]byte{2, byte(len(x))}, x...)
	}
	body := append(integer(r), integer(s)...)
	return append([]byte{0x30, byte(len(body))}, body...)
}

func BenchmarkVerifyDigest(b *testing.B) {
	for _, c := range refCurves {
		st := newBenchSetup(b, c)
		b.Run(c.name+"/impl=rspengine", func(b *testing.B) {
			pk, err := NewPublicKey(c.id, st.pub[:])
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if !pk.VerifyDigest(st.digest[:], st.r, st.s) {
					b.Fatal("verify failed")
				}
			}
		})
		if c.id == P256 {
			b.Run(c.name+"/impl=stdlib", func(b *testing.B) { stdlibVerify(b, st) })
		}
	}
}

func BenchmarkPrecomputedVerifyDigest(b *testing.B) {
	for _, c := range refCurves {
		st := newBenchSetup(b, c)
		b.Run(c.name+"/impl=rspengine", func(b *testing.B) {
			pk, err := NewPublicKey(c.id, st.pub[:])
			if err != nil {
				b.Fatal(err)
			}
			pre := pk.Precompute()
			b.ReportAllocs()
			for b.Loop() {
				if !pre.VerifyDigest(st.digest[:], st.r, st.s) {
					b.Fatal("verify failed")
				}
			}
		})
		if c.id == P256 {
			b.Run(c.name+"/impl=stdlib", func(b *testing.B) { stdlibVerify(b, st) })
		}
	}
}

func BenchmarkPrecompute(b *testing.B) {
	for _, c := range refCurves {
		st := newBenchSetup(b, c)
		pk, err := NewPublicKey(c.id, st.pub[:])
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name+"/impl=rspengine", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = pk.Precompute()
			}
		})
	}
}

// BenchmarkVerifyBatch verifies 32 signatures under one precomputed key per op; compare ns/op / 32 with
// BenchmarkPrecomputedVerifyDigest.
func BenchmarkVerifyBatch(b *testing.B) {
	for _, c := range refCurves {
		st := newBenchSetup(b, c)
		pk, err := NewPublicKey(c.id, st.pub[:])
		if err != nil {
			b.Fatal(err)
		}
		pre := pk.Precompute()
		jobs := make([]VerifyJob, batchChunk)
		for i := range jobs {
			jobs[i] = VerifyJob{Pre: pre, Digest: st.digest[:], R: *st.r, S: *st.s}
		}
		ok := make([]bool, len(jobs))
		b.Run(c.name+"/n=32/impl=rspengine", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				VerifyBatch(jobs, ok)
			}
			if !ok[0] || !ok[len(ok)-1] {
				b.Fatal("batch verify failed")
			}
		})
	}
}
