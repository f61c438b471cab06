package ec

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"os"
	"slices"
	"testing"
	"time"
)

// pairedRatio times a and b alternately (reps rounds of inner calls each) and returns the median time of each
// and the median of the per-round ratios a/b. Adjacent rounds see the same machine load, so the ratio is far
// steadier than separate benchmark runs on a shared, noisy machine.
func pairedRatio(a, b func(), reps, inner int) (medA, medB time.Duration, medRatio float64) {
	as := make([]time.Duration, 0, reps)
	bs := make([]time.Duration, 0, reps)
	rs := make([]float64, 0, reps)
	for range reps {
		t0 := time.Now()
		for range inner {
			a()
		}
		t1 := time.Now()
		for range inner {
			b()
		}
		t2 := time.Now()
		da, db := t1.Sub(t0)/time.Duration(inner), t2.Sub(t1)/time.Duration(inner)
		as, bs, rs = append(as, da), append(bs, db), append(rs, float64(da)/float64(db))
	}
	slices.Sort(as)
	slices.Sort(bs)
	slices.Sort(rs)
	return as[reps/2], bs[reps/2], rs[reps/2]
}

// TestPairedRatios logs rspengine/stdlib time ratios for P-256 measured in alternating rounds (the same
// operations as the impl=stdlib sub-benchmarks). It asserts nothing about speed and only runs when EC_PAIRED
// is set: EC_PAIRED=1 go test -run TestPairedRatios -v ./internal/ec
func TestPairedRatios(t *testing.T) {
	if os.Getenv("EC_PAIRED") == "" {
		t.Skip("set EC_PAIRED=1 to measure")
	}
	st := newBenchSetup(t, refP256)
	pk, err := NewPublicKey(P256, st.pub[:])
	if err != nil {
		t.Fatal(err)
	}
	pre := pk.Precompute()
	sk, err := ecdh.P256().NewPrivateKey(st.k[:])
	if err != nil {
		t.Fatal(err)
	}
	spk := stdlibKey(st)
	der := asn1Sig(st.r, st.s)
	ssk, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), st.d[:])
	if err != nil {
		t.Fatal(err)
	}
	var out [65]byte
	var x [32]byte
	var sig [64]byte
	for _, c := range []struct {
		name string
		ours func()
		std  func()
	}{
		{"ScalarBaseMult", func() { _ = ScalarBaseMult(P256, &out, st.k) },
			func() { k, _ := ecdh.P256().NewPrivateKey(st.k[:]); _ = k.PublicKey().Bytes() }},
		{"ECDH", func() { _ = ECDH(P256, &x, st.peer[:], st.k) },
			func() { p, _ := ecdh.P256().NewPublicKey(st.peer[:]); _, _ = sk.ECDH(p) }},
		{"SignDigest", func() { _ = SignDigest(P256, &sig, st.d, st.k, st.digest[:]) },
			func() { _, _ = ecdsa.SignASN1(rand.Reader, ssk, st.digest[:]) }},
		{"VerifyDigest", func() { pk.VerifyDigest(st.digest[:], st.r, st.s) },
			func() { ecdsa.VerifyASN1(spk, st.digest[:], der) }},
		{"PrecomputedKey.VerifyDigest", func() { pre.VerifyDigest(st.digest[:], st.r, st.s) },
			func() { ecdsa.VerifyASN1(spk, st.digest[:], der) }},
	} {
		a, b, r := pairedRatio(c.ours, c.std, 200, 10)
		t.Logf("%-28s rspengine %9v  stdlib %9v  median paired time ratio rspengine/stdlib %.2f", c.name, a, b, r)
	}
	// brainpoolP256r1 has no standard-library reference: median absolute times only.
	bst := newBenchSetup(t, refBP256)
	bpk, err := NewPublicKey(BP256, bst.pub[:])
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"BP256 ScalarBaseMult", func() { _ = ScalarBaseMult(BP256, &out, bst.k) }},
		{"BP256 ECDH", func() { _ = ECDH(BP256, &x, bst.peer[:], bst.k) }},
		{"BP256 SignDigest", func() { _ = SignDigest(BP256, &sig, bst.d, bst.k, bst.digest[:]) }},
		{"BP256 VerifyDigest", func() { bpk.VerifyDigest(bst.digest[:], bst.r, bst.s) }},
	} {
		a, _, _ := pairedRatio(c.f, func() {}, 100, 10)
		t.Logf("%-28s rspengine %9v", c.name, a)
	}
}
