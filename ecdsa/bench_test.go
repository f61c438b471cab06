package ecdsa

import (
	stdecdsa "crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"testing"

	"github.com/rspengine/rspengine/internal/field"
)

// implName labels our sub-benchmarks: impl=rspengine when internal/field
// runs its assembly, impl=purego when it does not (build with -tags purego
// to get that run), so benchstat can show all three side by side.
func implName() string {
	if field.HasAssembly() {
		return "impl=rspengine"
	}
	return "impl=purego"
}

// stdlibName labels the standard-library reference; under the purego tag the
// standard library runs without its assembly too, so it gets its own name.
func stdlibName() string {
	if pureGoBuild {
		return "impl=stdlib-purego"
	}
	return "impl=stdlib"
}

type benchKey struct {
	sk   *PrivateKey
	pk   *PublicKey
	ssk  *stdecdsa.PrivateKey
	h    [32]byte
	der  []byte
	sig  [64]byte
	vrfy *Verifier
}

func newBenchKey(b *testing.B, c Curve) *benchKey {
	b.Helper()
	sk, err := GenerateKey(c, rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	k := &benchKey{sk: sk, pk: sk.Public(), h: sha256.Sum256([]byte("benchmark message"))}
	k.sig, _ = Sign(rand.Reader, sk, k.h[:])
	k.der = AppendASN1Signature(nil, &k.sig)
	k.vrfy = NewVerifier(k.pk)
	if !Verify(k.pk, k.h[:], k.sig[:]) {
		p, d := k.pk.Bytes(), sk.Bytes()
		b.Fatalf("%v: fresh signature does not verify: d=%x Q=%x sig=%x", c, d, p, k.sig)
	}
	if c == P256 {
		k.ssk, _ = sk.ToStdlib()
	}
	return k
}

// BenchmarkVerifyP256 compares VerifyASN1 with crypto/ecdsa.VerifyASN1 on the
// same key, digest and DER signature; both keys are parsed outside the loop.
func BenchmarkVerifyP256(b *testing.B) {
	k := newBenchKey(b, P256)
	b.Run(implName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			if !VerifyASN1(k.pk, k.h[:], k.der) {
				b.Fatal("invalid")
			}
		}
	})
	b.Run(stdlibName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			if !stdecdsa.VerifyASN1(&k.ssk.PublicKey, k.h[:], k.der) {
				b.Fatal("invalid")
			}
		}
	})
}

// BenchmarkVerifierP256: the precomputed-table Verifier against the same
// crypto/ecdsa call (the standard library has no per-key precomputation).
func BenchmarkVerifierP256(b *testing.B) {
	k := newBenchKey(b, P256)
	b.Run(implName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			if !k.vrfy.VerifyASN1(k.h[:], k.der) {
				b.Fatal("invalid")
			}
		}
	})
	b.Run(stdlibName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			if !stdecdsa.VerifyASN1(&k.ssk.PublicKey, k.h[:], k.der) {
				b.Fatal("invalid")
			}
		}
	})
}

// BenchmarkSignP256: SignASN1 (hedged RFC 6979 nonce, crypto/rand) against
// crypto/ecdsa.SignASN1 with crypto/rand.
func BenchmarkSignP256(b *testing.B) {
	k := newBenchKey(b, P256)
	b.Run(implName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		buf := make([]byte, 0, 80)
		for b.Loop() {
			if _, err := SignASN1(rand.Reader, k.sk, k.h[:], buf[:0]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run(stdlibName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := stdecdsa.SignASN1(rand.Reader, k.ssk, k.h[:]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSignBatchP256: eight raw r‖s signatures per op (eight keys and
// digests, hedged with crypto/rand) with one SignBatch call, with eight Sign
// calls (impl=...-single), and with eight crypto/ecdsa.SignASN1 calls (its
// fastest entry point; it has no raw form).
func BenchmarkSignBatchP256(b *testing.B) {
	jobs, ssk := p256SignJobs(b, 8)
	b.Run("n=8/"+implName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			SignBatch(rand.Reader, jobs)
		}
		for _, j := range jobs {
			if j.Err != nil || !Verify(j.Key.Public(), j.Digest, j.Sig[:]) {
				b.Fatal("batch signature failed", j.Err)
			}
		}
	})
	b.Run("n=8/"+implName()+"-single", func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			for i := range jobs {
				if _, err := Sign(rand.Reader, jobs[i].Key, jobs[i].Digest); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("n=8/"+stdlibName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			for i := range jobs {
				if _, err := stdecdsa.SignASN1(rand.Reader, ssk[i], jobs[i].Digest); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// BenchmarkVerifyBP256 and BenchmarkSignBP256 have no standard-library
// reference (Go has no brainpool curves); see the report for OpenSSL's
// figures on the same machine.
func BenchmarkVerifyBP256(b *testing.B) {
	k := newBenchKey(b, BrainpoolP256r1)
	b.Run(implName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			if !VerifyASN1(k.pk, k.h[:], k.der) {
				b.Fatal("invalid")
			}
		}
	})
	b.Run(implName()+"/verifier", func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			if !k.vrfy.VerifyASN1(k.h[:], k.der) {
				b.Fatal("invalid")
			}
		}
	})
}

func BenchmarkSignBP256(b *testing.B) {
	k := newBenchKey(b, BrainpoolP256r1)
	b.Run(implName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		buf := make([]byte, 0, 80)
		for b.Loop() {
			if _, err := SignASN1(rand.Reader, k.sk, k.h[:], buf[:0]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkVerifyBatch verifies 64 P-256 signatures under 64 keys per op.
func BenchmarkVerifyBatchP256(b *testing.B) {
	jobs := make([]Job, 64)
	for i := range jobs {
		k := newBenchKey(b, P256)
		jobs[i] = Job{Key: k.pk, Digest: k.h[:], Sig: k.sig[:]}
	}
	ok := make([]bool, len(jobs))
	b.Run(implName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			VerifyBatch(jobs, ok)
		}
	})
}
