package rspcert

import (
	"crypto/x509"
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
