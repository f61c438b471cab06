package ecdsa

import (
	stdecdsa "crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// TestAlternatedSignBatchP256 measures BenchmarkSignBatchP256's three sides in one process, in turns (the
// project's VM drifts within seconds): each round times one SignBatch of eight jobs, the same eight jobs
// through Sign, and eight crypto/ecdsa.SignASN1 calls. It prints the µs per signature and the ratios, and
// asserts only that every signature verifies. On demand (about 5 s):
//
//	RSPENGINE_ALTERNATE=1 go test -run Alternated -v ./ecdsa
//
// RSPENGINE_ALTERNATE_ROUNDS sets the number of rounds (default 2000).
func TestAlternatedSignBatchP256(t *testing.T) {
	if os.Getenv("RSPENGINE_ALTERNATE") == "" {
		t.Skip("timing measurement on demand: set RSPENGINE_ALTERNATE=1")
	}
	rounds := 2000
	if n, err := strconv.Atoi(os.Getenv("RSPENGINE_ALTERNATE_ROUNDS")); err == nil && n >= 4 {
		rounds = n
	}
	const n = 8
	jobs, ssk := p256SignJobs(t, n)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var batch, single, ref time.Duration
	var sigs [n][64]byte
	var ders [n][]byte
	for range rounds {
		t0 := time.Now()
		SignBatch(rand.Reader, jobs)
		t1 := time.Now()
		for i := range jobs {
			var err error
			if sigs[i], err = Sign(rand.Reader, jobs[i].Key, jobs[i].Digest); err != nil {
				t.Fatal(err)
			}
		}
		t2 := time.Now()
		for i := range jobs {
			var err error
			if ders[i], err = stdecdsa.SignASN1(rand.Reader, ssk[i], jobs[i].Digest); err != nil {
				t.Fatal(err)
			}
		}
		t3 := time.Now()
		for i, j := range jobs {
			if j.Err != nil || !Verify(j.Key.Public(), j.Digest, j.Sig[:]) || !Verify(j.Key.Public(), j.Digest, sigs[i][:]) ||
				!VerifyASN1(j.Key.Public(), j.Digest, ders[i]) {
				t.Fatalf("job %d: a signature does not verify (%v)", i, j.Err)
			}
		}
		batch += t1.Sub(t0)
		single += t2.Sub(t1)
		ref += t3.Sub(t2)
	}
	per := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 / float64(rounds*n) }
	t.Logf("ECDSA P-256 sign per signature: SignBatch %.1f µs, Sign %.1f µs, crypto/ecdsa %.1f µs; crypto/ecdsa / SignBatch %.3f, "+
		"crypto/ecdsa / Sign %.3f, Sign / SignBatch %.3f (%d rounds of %d jobs)", per(batch), per(single), per(ref),
		float64(ref)/float64(batch), float64(ref)/float64(single), float64(single)/float64(batch), rounds, n)
}

// p256SignJobs returns n signing jobs on P-256 (fresh keys, distinct
// digests) and the same keys as crypto/ecdsa keys.
func p256SignJobs(tb testing.TB, n int) ([]SignJob, []*stdecdsa.PrivateKey) {
	jobs := make([]SignJob, n)
	ssk := make([]*stdecdsa.PrivateKey, n)
	for i := range jobs {
		sk, err := GenerateKey(P256, rand.Reader)
		if err != nil {
			tb.Fatal(err)
		}
		h := sha256.Sum256([]byte{byte(i)})
		jobs[i] = SignJob{Key: sk, Digest: h[:]}
		if ssk[i], err = sk.ToStdlib(); err != nil {
			tb.Fatal(err)
		}
	}
	return jobs, ssk
}
