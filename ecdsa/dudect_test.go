package ecdsa_test

import (
	"crypto/rand"
	"crypto/sha256"
	"math"
	mrand "math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/ecka"
)

// This is a dudect-style leakage test (Reparaz, Balasch, Verbauwhede, "Dude,
// is my code constant time?", 2017): time the operation on a fixed secret
// (class 0) and on fresh random secrets (class 1), interleaved in random
// order, and compare the two timing distributions with Welch's t-test, on all
// measurements and on measurements cropped at several percentiles. |t| above
// about 4.5 suggests a leak; above 10 it is hard to explain by noise.
//
// It takes a while and is noisy on a shared machine, so it only runs on
// demand: RSPENGINE_DUDECT=1 go test -run Dudect -v ./ecdsa
// (RSPENGINE_DUDECT_N sets the measurements per class, default 20000).

func dudectN(t *testing.T) int {
	if os.Getenv("RSPENGINE_DUDECT") == "" {
		t.Skip("timing-leak test runs only with RSPENGINE_DUDECT=1")
	}
	if n, err := strconv.Atoi(os.Getenv("RSPENGINE_DUDECT_N")); err == nil && n > 100 {
		return n
	}
	return 20000
}

// welch returns Welch's t statistic of the two samples.
func welch(a, b []float64) float64 {
	mv := func(x []float64) (float64, float64) {
		var m float64
		for _, v := range x {
			m += v
		}
		m /= float64(len(x))
		var s float64
		for _, v := range x {
			s += (v - m) * (v - m)
		}
		return m, s / float64(len(x)-1)
	}
	ma, va := mv(a)
	mb, vb := mv(b)
	return (ma - mb) / math.Sqrt(va/float64(len(a))+vb/float64(len(b)))
}

// dudect measures op(class, i) for n inputs per class and reports t for the
// uncropped data and for crops at the 50th, 75th, 90th and 99th percentiles.
func dudect(t *testing.T, name string, n int, op func(class, i int)) {
	order := make([]int, 2*n)
	for i := n; i < 2*n; i++ {
		order[i] = 1
	}
	mrand.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	times := make([]float64, len(order))
	idx := [2]int{}
	for i, c := range order {
		start := time.Now()
		op(c, idx[c])
		times[i] = float64(time.Since(start).Nanoseconds())
		idx[c]++
	}
	sorted := slices.Clone(times)
	slices.Sort(sorted)
	maxT := 0.0
	for _, pct := range []float64{100, 99, 90, 75, 50} {
		cut := sorted[int(float64(len(sorted)-1)*pct/100)]
		var a, b []float64
		for i, c := range order {
			if times[i] > cut {
				continue
			}
			if c == 0 {
				a = append(a, times[i])
			} else {
				b = append(b, times[i])
			}
		}
		tv := welch(a, b)
		t.Logf("%s: crop p%v: n=%d/%d t=%.2f (means %.0f / %.0f ns)", name, pct, len(a), len(b), tv, mean(a), mean(b))
		maxT = max(maxT, math.Abs(tv))
	}
	t.Logf("%s: max |t| = %.2f", name, maxT)
	if maxT > 10 {
		t.Errorf("%s: timing depends on the secret (|t| = %.1f > 10)", name, maxT)
	}
}

// fixedKeys returns n separate key objects holding the same scalar d, so that
// the fixed class loads its key from memory as cold as the random class does
// (one shared object would sit in cache and look a few ns faster).
func fixedKeys(c ecdsa.Curve, d byte, n int) []*ecdsa.PrivateKey {
	keys := make([]*ecdsa.PrivateKey, n)
	for i := range keys {
		keys[i], _ = ecdsa.NewPrivateKey(c, []byte{d})
	}
	return keys
}

// signKeys returns n fixed-class keys (the scalar d, as fixedKeys) and n
// random keys whose first RFC 6979 candidate for digest h is accepted (see
// TestDudectSign). The random scalars are drawn first and then both classes'
// key objects are made in turns, so that they lie equally dense in memory:
// keys kept among discarded ones would be spread wider and load a little
// slower (about 0.3% of a brainpool SignBatch of four, seen as |t| up to 6
// before this).
// It also returns how many random keys were drawn.
func signKeys(c ecdsa.Curve, d byte, n int, h []byte) (fixed, random []*ecdsa.PrivateKey, drawn int) {
	var ds [][32]byte
	for len(ds) < n {
		k, _ := ecdsa.GenerateKey(c, rand.Reader)
		drawn++
		if ecdsa.NonceCandidates(k, h) == 1 {
			ds = append(ds, k.Bytes())
		}
	}
	fixed, random = make([]*ecdsa.PrivateKey, n), make([]*ecdsa.PrivateKey, n)
	for i := range n {
		fixed[i], _ = ecdsa.NewPrivateKey(c, []byte{d})
		random[i], _ = ecdsa.NewPrivateKey(c, ds[i][:])
	}
	return fixed, random, drawn
}

func mean(x []float64) float64 {
	var m float64
	for _, v := range x {
		m += v
	}
	return m / float64(len(x))
}

// TestDudectSign: Sign with a fixed private key (the first small scalar
// whose RFC 6979 nonce for the fixed digest is the first candidate; the
// nonce is then fixed too) against random private keys.
//
// RFC 6979 draws nonce candidates until one is below n (§3.2 step h.3). On
// brainpoolP256r1 about a third of the first candidates are not, and each
// rejection costs three more HMACs, a visible difference in time. It tells
// an observer only how many candidates were thrown away, nothing about the
// nonce that was used (the same is true of every RFC 6979 signer on this
// curve; with hedging the count is random anyway). To test the constant-time
// arithmetic itself, both classes use only keys whose first candidate is
// accepted; the share of keys that were set aside is logged.
func TestDudectSign(t *testing.T) {
	n := dudectN(t)
	h := sha256.Sum256([]byte("dudect"))
	for _, c := range []ecdsa.Curve{ecdsa.P256, ecdsa.BrainpoolP256r1} {
		var fixedD byte
		for d := byte(1); fixedD == 0; d++ {
			k, _ := ecdsa.NewPrivateKey(c, []byte{d})
			if ecdsa.NonceCandidates(k, h[:]) == 1 {
				fixedD = d
			}
		}
		fixed, random, drawn := signKeys(c, fixedD, n, h[:])
		t.Logf("%v: %d of %d random keys set aside (first RFC 6979 candidate >= n)", c, drawn-n, drawn)
		dudect(t, "Sign "+c.String(), n, func(class, i int) {
			sk := fixed[i]
			if class == 1 {
				sk = random[i]
			}
			ecdsa.Sign(nil, sk, h[:])
		})
	}
}

// TestDudectECDH: ECDH with a fixed scalar (1) against random scalars, on
// the same peer point.
func TestDudectECDH(t *testing.T) {
	n := dudectN(t)
	for _, c := range []ecdsa.Curve{ecdsa.P256, ecdsa.BrainpoolP256r1} {
		fixed := fixedKeys(c, 1, n)
		peerKey, _ := ecka.GenerateKey(c, rand.Reader)
		peer := peerKey.Public().Bytes()
		random := make([]*ecdsa.PrivateKey, n)
		for i := range random {
			random[i], _ = ecka.GenerateKey(c, rand.Reader)
		}
		dudect(t, "ECDH "+c.String(), n, func(class, i int) {
			sk := fixed[i]
			if class == 1 {
				sk = random[i]
			}
			ecka.ECDH(sk, peer[:])
		})
	}
}

// TestDudectECDHBatch: ecka.ECDHBatch of four jobs on the same peer point,
// all four with the fixed scalar 1 against four random scalars (the batch
// shares the constant-time inversion of the product of the four Z²).
func TestDudectECDHBatch(t *testing.T) {
	n := dudectN(t)
	const size = 4
	for _, c := range []ecdsa.Curve{ecdsa.P256, ecdsa.BrainpoolP256r1} {
		fixed := fixedKeys(c, 1, n*size)
		peerKey, _ := ecka.GenerateKey(c, rand.Reader)
		peer := peerKey.Public().Bytes()
		random := make([]*ecdsa.PrivateKey, n*size)
		for i := range random {
			random[i], _ = ecka.GenerateKey(c, rand.Reader)
		}
		jobs := make([]ecka.Job, size)
		dudect(t, "ECDHBatch "+c.String(), n, func(class, i int) {
			keys := fixed
			if class == 1 {
				keys = random
			}
			for m := range jobs {
				jobs[m] = ecka.Job{Key: keys[size*i+m], Peer: peer[:]}
			}
			ecka.ECDHBatch(jobs)
		})
	}
}

// TestDudectSignBatch: ecdsa.SignBatch of four jobs on the fixed digest of
// TestDudectSign, all four with that test's fixed key against four random
// keys (all with an accepted first RFC 6979 candidate, as there).
func TestDudectSignBatch(t *testing.T) {
	n := dudectN(t)
	const size = 4
	h := sha256.Sum256([]byte("dudect"))
	for _, c := range []ecdsa.Curve{ecdsa.P256, ecdsa.BrainpoolP256r1} {
		var fixedD byte
		for d := byte(1); fixedD == 0; d++ {
			k, _ := ecdsa.NewPrivateKey(c, []byte{d})
			if ecdsa.NonceCandidates(k, h[:]) == 1 {
				fixedD = d
			}
		}
		fixed, random, _ := signKeys(c, fixedD, n*size, h[:])
		jobs := make([]ecdsa.SignJob, size)
		dudect(t, "SignBatch "+c.String(), n, func(class, i int) {
			keys := fixed
			if class == 1 {
				keys = random
			}
			for m := range jobs {
				jobs[m] = ecdsa.SignJob{Key: keys[size*i+m], Digest: h[:]}
			}
			ecdsa.SignBatch(nil, jobs)
		})
	}
}
