package ecka

import (
	"bytes"
	"crypto/ecdh"
	"crypto/rand"
	"os"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/rspengine/rspengine/ecdsa"
)

// TestAlternatedECDHP256 measures BenchmarkECDHP256's two sides in one process, in turns: each round times
// 20 of our ECDH calls and then 20 of crypto/ecdh's (NewPublicKey + ECDH, as in the benchmark), so that both
// see the same machine state, which on the project's VM drifts within seconds. It prints the ratio of the
// total times and the quartiles of the per-round ratios; it asserts only that both sides agree on every
// shared secret. On demand (it takes about 5 s):
//
//	RSPENGINE_ALTERNATE=1 go test -run Alternated -v ./ecka
//
// RSPENGINE_ALTERNATE_ROUNDS sets the number of rounds (default 1500).
func TestAlternatedECDHP256(t *testing.T) {
	if os.Getenv("RSPENGINE_ALTERNATE") == "" {
		t.Skip("timing measurement on demand: set RSPENGINE_ALTERNATE=1")
	}
	rounds := alternateRounds(1500)
	const calls = 20
	sk, err := GenerateKey(ecdsa.P256, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	peer, err := GenerateKey(ecdsa.P256, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pb := peer.Public().Bytes()
	d := sk.Bytes()
	ssk, err := ecdh.P256().NewPrivateKey(d[:])
	if err != nil {
		t.Fatal(err)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var ours, ref time.Duration
	ratios := make([]float64, 0, rounds)
	var z [32]byte
	var zs []byte
	for range rounds {
		t0 := time.Now()
		for range calls {
			if z, err = ECDH(sk, pb[:]); err != nil {
				t.Fatal(err)
			}
		}
		t1 := time.Now()
		for range calls {
			pk, err := ecdh.P256().NewPublicKey(pb[:])
			if err != nil {
				t.Fatal(err)
			}
			if zs, err = ssk.ECDH(pk); err != nil {
				t.Fatal(err)
			}
		}
		t2 := time.Now()
		if !bytes.Equal(z[:], zs) {
			t.Fatalf("shared secrets differ: %x, crypto/ecdh %x", z, zs)
		}
		ours += t1.Sub(t0)
		ref += t2.Sub(t1)
		ratios = append(ratios, float64(t2.Sub(t1))/float64(t1.Sub(t0)))
	}
	slices.Sort(ratios)
	n := float64(rounds * calls)
	t.Logf("ECDH P-256: rspengine %.1f µs, crypto/ecdh %.1f µs; crypto/ecdh / rspengine: %.3f of the totals, "+
		"per round median %.3f (quartiles %.3f, %.3f) over %d rounds of %d calls each",
		float64(ours.Microseconds())/n, float64(ref.Microseconds())/n, float64(ref)/float64(ours),
		ratios[rounds/2], ratios[rounds/4], ratios[3*rounds/4], rounds, calls)
}

// TestAlternatedECDHBatchP256 is TestAlternatedECDHP256 for BenchmarkECDHBatchP256: each round times one
// ECDHBatch of eight jobs, the same eight jobs through ECDH, and through crypto/ecdh, in turns, and checks
// that all three agree. On demand, with the same variables (the default is 1000 rounds).
func TestAlternatedECDHBatchP256(t *testing.T) {
	if os.Getenv("RSPENGINE_ALTERNATE") == "" {
		t.Skip("timing measurement on demand: set RSPENGINE_ALTERNATE=1")
	}
	rounds := alternateRounds(1000)
	const n = 8
	jobs, ssk := p256Jobs(t, n)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var batch, single, ref time.Duration
	var zs [n][32]byte
	var zr [n][]byte
	for range rounds {
		t0 := time.Now()
		ECDHBatch(jobs)
		t1 := time.Now()
		for i := range jobs {
			var err error
			if zs[i], err = ECDH(jobs[i].Key, jobs[i].Peer); err != nil {
				t.Fatal(err)
			}
		}
		t2 := time.Now()
		for i := range jobs {
			pk, err := ecdh.P256().NewPublicKey(jobs[i].Peer)
			if err != nil {
				t.Fatal(err)
			}
			if zr[i], err = ssk[i].ECDH(pk); err != nil {
				t.Fatal(err)
			}
		}
		t3 := time.Now()
		for i := range jobs {
			if jobs[i].Err != nil || jobs[i].ShS != zs[i] || !bytes.Equal(zs[i][:], zr[i]) {
				t.Fatalf("job %d: the three sides differ (%v)", i, jobs[i].Err)
			}
		}
		batch += t1.Sub(t0)
		single += t2.Sub(t1)
		ref += t3.Sub(t2)
	}
	per := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 / float64(rounds*n) }
	t.Logf("ECDH P-256 per job: ECDHBatch %.1f µs, ECDH %.1f µs, crypto/ecdh %.1f µs; crypto/ecdh / ECDHBatch %.3f, "+
		"crypto/ecdh / ECDH %.3f, ECDH / ECDHBatch %.3f (%d rounds of %d jobs)", per(batch), per(single), per(ref),
		float64(ref)/float64(batch), float64(ref)/float64(single), float64(single)/float64(batch), rounds, n)
}

// alternateRounds is RSPENGINE_ALTERNATE_ROUNDS (at least 4), or def.
func alternateRounds(def int) int {
	if n, err := strconv.Atoi(os.Getenv("RSPENGINE_ALTERNATE_ROUNDS")); err == nil && n >= 4 {
		return n
	}
	return def
}

// p256Jobs returns n ECDH jobs on P-256 (fresh keys and peers) and the same
// private keys as crypto/ecdh keys.
func p256Jobs(tb testing.TB, n int) ([]Job, []*ecdh.PrivateKey) {
	jobs := make([]Job, n)
	ssk := make([]*ecdh.PrivateKey, n)
	for i := range jobs {
		sk, err := GenerateKey(ecdsa.P256, rand.Reader)
		if err != nil {
			tb.Fatal(err)
		}
		peer, _ := GenerateKey(ecdsa.P256, rand.Reader)
		pb := peer.Public().Bytes()
		d := sk.Bytes()
		if ssk[i], err = ecdh.P256().NewPrivateKey(d[:]); err != nil {
			tb.Fatal(err)
		}
		jobs[i] = Job{Key: sk, Peer: pb[:]}
	}
	return jobs, ssk
}
