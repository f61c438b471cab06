package rspcert

import (
	"crypto/x509"
	"strings"
	"testing"
)

// BenchmarkParseCertificate parses CERT.EUICC (NIST, SGP.26) with this package
// and with crypto/x509.ParseCertificate.
func BenchmarkParseCertificate(b *testing.B) {
	der := readSGP26(b, "eUICC/CERT_EUICC_ECDSA_NIST.der")
	b.Run("impl=rspengine", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(der)))
		var c Certificate
		for b.Loop() {
			if err := Parse(&c, der); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=stdlib", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(der)))
		for b.Loop() {
			if _, err := x509.ParseCertificate(der); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkVerifyEUICCChain is the SM-DP+'s certificate work in
// AuthenticateClient (SGP.26 NIST chain): parse CERT.EUM and CERT.EUICC,
// verify both signatures, check the EID against the EUM's permitted prefix.
// cache=warm: CERT.EUM seen before (cache hit, hot Verifier); cache=cold:
// the cache is emptied every iteration, so both certificates are parsed and
// both signatures checked. impl=stdlib: crypto/x509 with the CI parsed once
// outside the loop, CheckSignatureFrom twice, the EID prefix by hand.
func BenchmarkVerifyEUICCChain(b *testing.B) {
	ciDER := readSGP26(b, "CertificateIssuer/CERT_CI_ECDSA_NIST.der")
	eum := readSGP26(b, "EUM/CERT_EUM_ECDSA_NIST.der")
	euicc := readSGP26(b, "eUICC/CERT_EUICC_ECDSA_NIST.der")
	s, err := NewCIStore(ciDER)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("impl=rspengine/cache=warm", func(b *testing.B) {
		b.ReportAllocs()
		cache := NewCache(CacheConfig{})
		opts := &Options{Now: testNow, Cache: cache}
		var ch EUICCChain
		for range 3 {
			if err := s.VerifyEUICCChain(&ch, eum, euicc, opts); err != nil {
				b.Fatal(err)
			}
		}
		for b.Loop() {
			if err := s.VerifyEUICCChain(&ch, eum, euicc, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=rspengine/cache=cold", func(b *testing.B) {
		b.ReportAllocs()
		cache := NewCache(CacheConfig{})
		opts := &Options{Now: testNow, Cache: cache}
		var ch EUICCChain
		for b.Loop() {
			cache.Clear()
			if err := s.VerifyEUICCChain(&ch, eum, euicc, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=stdlib", func(b *testing.B) {
		b.ReportAllocs()
		ci, err := x509.ParseCertificate(ciDER)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			e, err := x509.ParseCertificate(eum)
			if err != nil {
				b.Fatal(err)
			}
			u, err := x509.ParseCertificate(euicc)
			if err != nil {
				b.Fatal(err)
			}
			if err := e.CheckSignatureFrom(ci); err != nil {
				b.Fatal(err)
			}
			if err := u.CheckSignatureFrom(e); err != nil {
				b.Fatal(err)
			}
			if !u.NotAfter.After(testNow) || !e.NotAfter.After(testNow) || !strings.HasPrefix(u.Subject.SerialNumber, "89049032") {
				b.Fatal("EID or validity")
			}
		}
	})
}
