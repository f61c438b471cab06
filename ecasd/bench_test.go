package ecasd

import (
	stdecdsa "crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/testpki"
	"github.com/rspengine/rspengine/rspcert"
)

// BenchmarkSign: the signing service (shape check, SHA-256, hedged ECDSA)
// against crypto/ecdsa.SignASN1 over the same bytes (P-256 only: the standard
// library has no brainpool curve; its DER signature is left unconverted,
// which favours the reference).
func BenchmarkSign(b *testing.B) {
	es2, sigDO := signCases(b)[1].signed, signCases(b)[1].tail
	for _, c := range curves {
		e := personalised(b, c)
		b.Run(c.String()+"/impl=rspengine", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Sign(PurposeEuiccSigned2, es2, sigDO); err != nil {
					b.Fatal(err)
				}
			}
		})
		if c != ecdsa.P256 {
			continue
		}
		sk, _ := testpki.Default(c).EUICC.Key.ToStdlib()
		b.Run(c.String()+"/impl=stdlib", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				h := sha256.New()
				h.Write(es2)
				h.Write(sigDO)
				var d [32]byte
				if _, err := stdecdsa.SignASN1(rand.Reader, sk, h.Sum(d[:0])); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifyServerCertificate: the eUICC's CERT.DPauth check (parse,
// rules, signature under the CI) against crypto/x509 parsing the certificate
// and checking its signature under the already parsed CI (no RSP rules: the
// reference does less).
func BenchmarkVerifyServerCertificate(b *testing.B) {
	for _, c := range curves {
		p := testpki.Default(c)
		e := personalised(b, c)
		b.Run(c.String()+"/impl=rspengine", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.VerifyServerCertificate(p.DPauth.Cert, rspcert.RoleDPauth, nil, at2025); err != nil {
					b.Fatal(err)
				}
			}
		})
		if c != ecdsa.P256 {
			continue
		}
		ci, _ := x509.ParseCertificate(p.CI.Cert)
		b.Run(c.String()+"/impl=stdlib", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				dp, err := x509.ParseCertificate(p.DPauth.Cert)
				if err != nil {
					b.Fatal(err)
				}
				if err := dp.CheckSignatureFrom(ci); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifyServerSignature: smdpSignature2-style check over
// smdpSigned2 ‖ euiccSignature1 DO against crypto/ecdsa.VerifyASN1 (given
// the DER form, which favours the reference).
func BenchmarkVerifyServerSignature(b *testing.B) {
	signed, tail := signCases(b)[1].signed, signCases(b)[1].tail
	d := sha256.Sum256(append(append([]byte(nil), signed...), tail...))
	for _, c := range curves {
		p := testpki.Default(c)
		sig, _ := ecdsa.Sign(nil, p.DPpb.Key, d[:])
		pub := p.DPpb.Key.Public()
		b.Run(c.String()+"/impl=rspengine", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := VerifyServerSignature(pub, sig[:], signed, tail); err != nil {
					b.Fatal(err)
				}
			}
		})
		if c != ecdsa.P256 {
			continue
		}
		spub, _ := pub.ToStdlib()
		der := ecdsa.AppendASN1Signature(nil, &sig)
		b.Run(c.String()+"/impl=stdlib", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				h := sha256.New()
				h.Write(signed)
				h.Write(tail)
				var d [32]byte
				if !stdecdsa.VerifyASN1(spub, h.Sum(d[:0]), der) {
					b.Fatal("verify")
				}
			}
		})
	}
}
