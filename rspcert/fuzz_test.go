package rspcert

import (
	"bytes"
	"crypto/x509"
	"testing"
)

// FuzzParse feeds arbitrary bytes to Parse: it must never panic, a success
// must yield a self-consistent view, and where crypto/x509 also accepts the
// input, the fields both expose must agree. Seeds: the committed corpus in
// testdata/fuzz/FuzzParse (synthetic certificates generated for this
// package) plus the SGP.26 certificates when the shared test data is present.
func FuzzParse(f *testing.F) {
	if names := sgp26Names(); names != nil {
		for _, n := range names {
			f.Add(n)
		}
	}
	f.Fuzz(func(t *testing.T, der []byte) {
		var c Certificate
		if err := Parse(&c, der); err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		if !bytes.Equal(c.Raw, der) || len(c.SerialNumber) > 20 || len(c.RawTBSCertificate) >= len(der) {
			t.Fatal("inconsistent view")
		}
		var again Certificate
		if err := Parse(&again, c.Raw); err != nil || !bytes.Equal(again.RawTBSCertificate, c.RawTBSCertificate) {
			t.Fatal("re-parse differs")
		}
		// Every iterator ends.
		for it := c.Extensions.PolicyOIDs(); ; {
			if _, ok := it.Next(); !ok {
				break
			}
		}
		for it := NewGeneralNames(c.Extensions.SubjectAltName); ; {
			if _, ok := it.Next(); !ok {
				break
			}
		}
		for it := NewSubtrees(c.Extensions.PermittedSubtrees); ; {
			g, ok := it.Next()
			if !ok {
				break
			}
			var n Name
			if g.Tag == TagDirectoryName {
				if err := DirectoryName(&n, g); err != nil {
					t.Fatalf("validated directoryName fails: %v", err)
				}
			}
		}
		for it := NewStrings(c.Extensions.PermittedEins); ; {
			if _, ok := it.Next(); !ok {
				break
			}
		}
		for it := c.Extensions.CRLDistributionPointURIs(); ; {
			if _, ok := it.Next(); !ok {
				break
			}
		}
		ref, err := x509.ParseCertificate(der)
		if err != nil {
			return
		}
		if !bytes.Equal(c.Issuer.Raw, ref.RawIssuer) || !bytes.Equal(c.Subject.Raw, ref.RawSubject) ||
			!c.NotBefore.Equal(ref.NotBefore) || !c.NotAfter.Equal(ref.NotAfter) ||
			!bytes.Equal(c.Extensions.SubjectKeyID, ref.SubjectKeyId) ||
			!bytes.Equal(c.Extensions.AuthorityKeyID, ref.AuthorityKeyId) ||
			!bytes.Equal(c.PublicKey.Raw, ref.RawSubjectPublicKeyInfo) ||
			(c.Extensions.Has(ExtKeyUsage) && int(c.Extensions.KeyUsage) != int(ref.KeyUsage)) ||
			c.Extensions.IsCA != ref.IsCA {
			t.Fatal("differs from crypto/x509")
		}
	})
}

// FuzzVerifyEUICCChain feeds arbitrary CERT.EUM / CERT.EUICC bytes to the
// chain check under a generated CI (with a cache, so both the cold and the
// warm path run): it must never panic, every failure is an *Error carrying
// codes, and a success names an EID the EUM permits.
func FuzzVerifyEUICCChain(f *testing.F) {
	p := newSynthTemplates()
	p.issue(f)
	s, err := NewCIStore(p.ciDER)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(p.eumDER, p.euiccDER)
	cache := NewCache(CacheConfig{MaxEntries: 16})
	f.Fuzz(func(t *testing.T, eum, euicc []byte) {
		var ch EUICCChain
		for range 2 {
			err := s.VerifyEUICCChain(&ch, eum, euicc, &Options{Now: testNow, Cache: cache})
			if err != nil {
				e, ok := err.(*Error)
				if !ok || e.Rule == 0 || e.ES10 == 0 {
					t.Fatalf("error without codes: %v", err)
				}
				continue
			}
			if CheckEID(&ch.EUM, &ch.EUICC, false) != nil || len(ch.EID) != 32 {
				t.Fatal("accepted chain with a bad EID")
			}
		}
	})
}
