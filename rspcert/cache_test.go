package rspcert

import (
	"errors"
	"sync"
	"testing"
	"time"
)

// TestVerifyEUICCChainWarmAllocs pins zero allocations for the warm path
// (CERT.EUM from the cache, CERT.EUICC parsed and verified with the hot EUM
// Verifier, EID checked) on both curves.
func TestVerifyEUICCChainWarmAllocs(t *testing.T) {
	s := sgp26Store(t)
	for _, curve := range []string{"NIST", "BRP"} {
		eum := readSGP26(t, "EUM/CERT_EUM_ECDSA_"+curve+".der")
		euicc := readSGP26(t, "eUICC/CERT_EUICC_ECDSA_"+curve+".der")
		cache := NewCache(CacheConfig{})
		opts := &Options{Now: testNow, Cache: cache}
		var ch EUICCChain
		for range 3 {
			if err := s.VerifyEUICCChain(&ch, eum, euicc, opts); err != nil {
				t.Fatal(err)
			}
		}
		if !ch.EUMFromCache || string(ch.EID) != sgp26EID {
			t.Fatalf("%s: warm chain not from the cache", curve)
		}
		a := testing.AllocsPerRun(20, func() {
			if err := s.VerifyEUICCChain(&ch, eum, euicc, opts); err != nil {
				t.Fatal(err)
			}
		})
		if a != 0 {
			t.Errorf("%s: %v allocs per warm VerifyEUICCChain, want 0", curve, a)
		}
		hits, misses := cache.Stats()
		if misses != 1 || hits < 22 {
			t.Errorf("%s: hits %d misses %d", curve, hits, misses)
		}
		// The cache hit still enforces the selected CI.
		if err := s.VerifyEUICCChain(&ch, eum, euicc, &Options{Now: testNow, Cache: cache, CiPKID: []byte("other")}); !errors.Is(err, ErrCINotSelected) {
			t.Errorf("%s: selected CI on a hit: %v", curve, err)
		}
	}
}

// TestCacheHot: after HotAfter uses an entry's key is a precomputed Verifier.
func TestCacheHot(t *testing.T) {
	s := sgp26Store(t)
	eum := readSGP26(t, "EUM/CERT_EUM_ECDSA_NIST.der")
	euicc := readSGP26(t, "eUICC/CERT_EUICC_ECDSA_NIST.der")
	cache := NewCache(CacheConfig{HotAfter: 3})
	opts := &Options{Now: testNow, Cache: cache}
	var ch EUICCChain
	e := func() *cacheEntry { return cache.lookup(eum, testNow) }
	for i := range 5 {
		if err := s.VerifyEUICCChain(&ch, eum, euicc, opts); err != nil {
			t.Fatal(err)
		}
		hot := e().hot.Load() != nil
		// Use 1 is the miss (plain key); uses 2 and 3 are hits; the third use turns it hot.
		if want := i >= 3; hot != want {
			t.Errorf("after %d verifications hot = %v", i+1, hot)
		}
	}
}

// TestCacheExpiry: entries end at the certificate's notAfter and at MaxTTL.
func TestCacheExpiry(t *testing.T) {
	s := sgp26Store(t)
	eum := readSGP26(t, "EUM/CERT_EUM_ECDSA_NIST.der")
	euicc := readSGP26(t, "eUICC/CERT_EUICC_ECDSA_NIST.der")
	cache := NewCache(CacheConfig{MaxTTL: time.Hour})
	var ch EUICCChain
	verify := func(now time.Time) error {
		return s.VerifyEUICCChain(&ch, eum, euicc, &Options{Now: now, Cache: cache})
	}
	if err := verify(testNow); err != nil || ch.EUMFromCache {
		t.Fatalf("first: %v, from cache %v", err, ch.EUMFromCache)
	}
	if err := verify(testNow.Add(30 * time.Minute)); err != nil || !ch.EUMFromCache {
		t.Fatalf("within TTL: %v, from cache %v", err, ch.EUMFromCache)
	}
	if err := verify(testNow.Add(2 * time.Hour)); err != nil || ch.EUMFromCache {
		t.Fatalf("after TTL: %v, from cache %v (want a full check)", err, ch.EUMFromCache)
	}
	// The EUM ends on 2054-03-24 09:28:37: one second before, a hit is
	// bounded by notAfter rather than by the TTL; one second after, expired.
	end := time.Date(2054, 3, 24, 9, 28, 37, 0, time.UTC)
	if err := verify(end.Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := verify(end.Add(time.Second)); !errors.Is(err, &Error{Rule: RuleExpired, Cert: RoleEUM, Status: StatusEUMExpired}) {
		t.Fatalf("after the EUM's notAfter: %v", err)
	}
	if cache.Len() != 0 {
		t.Errorf("expired entry kept: %d entries", cache.Len())
	}
	// Before the EUM's notBefore a cached entry is not used.
	if err := verify(testNow); err != nil {
		t.Fatal(err)
	}
	if err := verify(time.Date(2020, 4, 1, 9, 0, 0, 0, time.UTC)); !errors.Is(err, ErrNotYetValid) {
		t.Errorf("cached EUM before its notBefore: %v", err)
	}
}

// eumVariant returns CERT.EUM NIST with its serial's last byte set to i:
// distinct certificate bytes that still parse (for cache bound tests).
func eumVariant(t testing.TB, eum []byte, i byte) []byte {
	b := append([]byte(nil), eum...)
	at := indexOf(b, []byte{0x02, 0x04, 0x12, 0x34, 0x56, 0x78})
	b[at+5] = i
	return b
}

// TestCacheBound: the count never exceeds the bound; LRU keeps recent entries.
func TestCacheBound(t *testing.T) {
	s := sgp26Store(t)
	eum := readSGP26(t, "EUM/CERT_EUM_ECDSA_NIST.der")
	ci := s.Lookup(mustHex("F54172BDF98A95D65CBEB88A38A1C11D800A85C3"))
	cache := NewCache(CacheConfig{MaxEntries: 32})
	var c Certificate
	for i := range 200 {
		v := eumVariant(t, eum, byte(i))
		if err := Parse(&c, v); err != nil {
			t.Fatal(err)
		}
		pk, err := newPublicKey(&c)
		if err != nil {
			t.Fatal(err)
		}
		cache.insert(v, ci, &c, pk, testNow)
		// Touch variant 0 every time so that it stays recent.
		if cache.lookup(eumVariant(t, eum, 0), testNow) == nil {
			t.Fatalf("recently used entry evicted at %d", i)
		}
		if n := cache.Len(); n > 32 {
			t.Fatalf("%d entries, bound 32", n)
		}
	}
	if cache.Len() < 16 {
		t.Errorf("only %d entries kept", cache.Len())
	}
	cache.Clear()
	if cache.Len() != 0 || cache.lookup(eumVariant(t, eum, 0), testNow) != nil {
		t.Error("Clear")
	}
}

// TestCacheIssuer: an entry counts only with the anchor it was verified
// under; a store without that CI gets no free pass from a shared cache.
func TestCacheIssuer(t *testing.T) {
	s := sgp26Store(t)
	eum := readSGP26(t, "EUM/CERT_EUM_ECDSA_NIST.der")
	euicc := readSGP26(t, "eUICC/CERT_EUICC_ECDSA_NIST.der")
	cache := NewCache(CacheConfig{})
	var ch EUICCChain
	if err := s.VerifyEUICCChain(&ch, eum, euicc, &Options{Now: testNow, Cache: cache}); err != nil {
		t.Fatal(err)
	}
	brpOnly, err := NewCIStore(readSGP26(t, "CertificateIssuer/CERT_CI_ECDSA_BRP.der"))
	if err != nil {
		t.Fatal(err)
	}
	if err := brpOnly.VerifyEUICCChain(&ch, eum, euicc, &Options{Now: testNow, Cache: cache}); !errors.Is(err, ErrUnknownCI) {
		t.Errorf("store without the NIST CI, shared cache: %v", err)
	}
	other := sgp26Store(t) // same CIs, other anchor objects
	if err := other.VerifyEUICCChain(&ch, eum, euicc, &Options{Now: testNow, Cache: cache}); err != nil || ch.EUMFromCache {
		t.Errorf("other store: %v, from cache %v (want a full check)", err, ch.EUMFromCache)
	}
	// Different bytes with the same hash bucket cannot pass: a one-byte
	// change of the cached EUM is a miss and fails its signature.
	bad := eumVariant(t, eum, 0x79)
	if err := s.VerifyEUICCChain(&ch, bad, euicc, &Options{Now: testNow, Cache: cache}); !errors.Is(err, &Error{Rule: RuleSignature, Cert: RoleEUM}) {
		t.Errorf("altered EUM: %v", err)
	}
}

// TestCacheConcurrent hammers a small shared cache from several goroutines
// on both curves, with Clear running beside them (run with -race).
func TestCacheConcurrent(t *testing.T) {
	s := sgp26Store(t)
	type pair struct{ eum, euicc []byte }
	pairs := []pair{
		{readSGP26(t, "EUM/CERT_EUM_ECDSA_NIST.der"), readSGP26(t, "eUICC/CERT_EUICC_ECDSA_NIST.der")},
		{readSGP26(t, "EUM/CERT_EUM_ECDSA_BRP.der"), readSGP26(t, "eUICC/CERT_EUICC_ECDSA_BRP.der")},
	}
	cache := NewCache(CacheConfig{MaxEntries: 16, HotAfter: 2})
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ch EUICCChain
			for i := range 30 {
				p := pairs[(g+i)%2]
				if err := s.VerifyEUICCChain(&ch, p.eum, p.euicc, &Options{Now: testNow, Cache: cache}); err != nil {
					errs <- err
					return
				}
				if string(ch.EID) != sgp26EID {
					errs <- errors.New("wrong EID")
					return
				}
				if g == 0 && i%10 == 9 {
					cache.Clear()
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if hits, _ := cache.Stats(); hits == 0 {
		t.Error("no cache hits")
	}
}

// TestCacheMaxHot: at most MaxHot entries hold a precomputed table; clearing
// or evicting gives the slots back.
func TestCacheMaxHot(t *testing.T) {
	s := sgp26Store(t)
	cache := NewCache(CacheConfig{MaxHot: 1, HotAfter: 1})
	verify := func(curve string, times int) {
		var ch EUICCChain
		for range times {
			if err := s.VerifyEUICCChain(&ch, readSGP26(t, "EUM/CERT_EUM_ECDSA_"+curve+".der"), readSGP26(t, "eUICC/CERT_EUICC_ECDSA_"+curve+".der"), &Options{Now: testNow, Cache: cache}); err != nil {
				t.Fatal(err)
			}
		}
	}
	verify("NIST", 3)
	verify("BRP", 3)
	if cache.Hot() != 1 || cache.Len() != 2 {
		t.Fatalf("hot %d, len %d; want 1 hot of 2", cache.Hot(), cache.Len())
	}
	if cache.lookup(readSGP26(t, "EUM/CERT_EUM_ECDSA_BRP.der"), testNow).hot.Load() != nil {
		t.Error("second entry got a table beyond MaxHot")
	}
	cache.Clear()
	if cache.Hot() != 0 {
		t.Fatalf("hot %d after Clear", cache.Hot())
	}
	verify("BRP", 3)
	if cache.Hot() != 1 || cache.lookup(readSGP26(t, "EUM/CERT_EUM_ECDSA_BRP.der"), testNow).hot.Load() == nil {
		t.Errorf("freed slot not reused: hot %d", cache.Hot())
	}
	// Eviction by the count bound gives the slot back too.
	small := NewCache(CacheConfig{MaxEntries: 1, MaxHot: 1, HotAfter: 1})
	eum := readSGP26(t, "EUM/CERT_EUM_ECDSA_NIST.der")
	ci := s.Lookup(mustHex("F54172BDF98A95D65CBEB88A38A1C11D800A85C3"))
	var c Certificate
	for i := range 40 {
		v := eumVariant(t, eum, byte(i))
		if err := Parse(&c, v); err != nil {
			t.Fatal(err)
		}
		pk, _ := newPublicKey(&c)
		small.insert(v, ci, &c, pk, testNow)
		if e := small.lookup(v, testNow); e != nil {
			small.key(e)
		}
		if small.Hot() > 1 {
			t.Fatalf("hot %d > MaxHot", small.Hot())
		}
	}
	if small.Len() > 16 { // one per shard at most
		t.Errorf("len %d", small.Len())
	}
}
