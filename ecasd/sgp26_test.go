package ecasd

import (
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"testing"

	stdecdsa "crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509/pkix"
	"encoding/asn1"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/testpki"
	"github.com/rspengine/rspengine/rspcert"
)

// sgp26ECASD personalises with the SGP.26 eUICC: the NIST key set first,
// then the brainpool one (both certificates carry EID
// 89049032123451234512345678901235), and both SGP.26 CIs.
func sgp26ECASD(t *testing.T) *ECASD {
	e := New()
	err := e.Personalise(Config{
		KeySets: []KeySet{
			{Key: sgp26Key(t, "eUICC/SK_EUICC_ECDSA_NIST.pem"), EUICCCertificate: sgp26(t, "eUICC/CERT_EUICC_ECDSA_NIST.der"), EUMCertificate: sgp26(t, "EUM/CERT_EUM_ECDSA_NIST.der")},
			{Key: sgp26Key(t, "eUICC/SK_EUICC_ECDSA_BRP.pem"), EUICCCertificate: sgp26(t, "eUICC/CERT_EUICC_ECDSA_BRP.der"), EUMCertificate: sgp26(t, "EUM/CERT_EUM_ECDSA_BRP.der")},
		},
		CIs: [][]byte{sgp26(t, "CertificateIssuer/CERT_CI_ECDSA_NIST.der"), sgp26(t, "CertificateIssuer/CERT_CI_ECDSA_BRP.der")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// Known CI PKIDs of the SGP.26 test CIs (RSP-FACTS §5.1).
var (
	pkidNIST = []byte{0xF5, 0x41, 0x72, 0xBD, 0xF9, 0x8A, 0x95, 0xD6, 0x5C, 0xBE, 0xB8, 0x8A, 0x38, 0xA1, 0xC1, 0x1D, 0x80, 0x0A, 0x85, 0xC3}
	pkidBRP  = []byte{0xC0, 0xBC, 0x70, 0xBA, 0x36, 0x92, 0x9D, 0x43, 0xB4, 0x67, 0xFF, 0x57, 0x57, 0x05, 0x30, 0xE5, 0x7A, 0xB8, 0xFC, 0xD8}
)

// TestSGP26Personalise: the SGP.26 eUICC personalises; the EID and PKIDs are
// those RSP-FACTS §5.1 lists; signatures under each key set verify with the
// public key of that key set's CERT.EUICC.
func TestSGP26Personalise(t *testing.T) {
	e := sgp26ECASD(t)
	if eid, _ := e.EIDString(); eid != "89049032123451234512345678901235" {
		t.Fatalf("EID %s", eid)
	}
	s := e.CIPKIDsForSigning()
	if len(s) != 2 || string(s[0]) != string(pkidNIST) || string(s[1]) != string(pkidBRP) {
		t.Fatalf("signing list %x", s)
	}
	es1 := signCases(t)[0].signed
	d := sha256.Sum256(es1)
	for i, f := range []string{"eUICC/CERT_EUICC_ECDSA_NIST.der", "eUICC/CERT_EUICC_ECDSA_BRP.der"} {
		var c rspcert.Certificate
		der := sgp26(t, f)
		if err := rspcert.Parse(&c, der); err != nil {
			t.Fatal(err)
		}
		pub, err := ecdsa.NewPublicKey(ecdsa.Curve(c.PublicKey.Curve), c.PublicKey.Point)
		if err != nil {
			t.Fatal(err)
		}
		sig, err := e.SignWith(s[i], PurposeEuiccSigned1, es1, nil)
		if err != nil || !ecdsa.Verify(pub, d[:], sig[:]) {
			t.Fatalf("%s: signature does not verify under CERT.EUICC (%v)", f, err)
		}
		euicc, _, _ := e.Certificates(s[i])
		if string(euicc) != string(der) {
			t.Fatalf("Certificates(%x) is not %s", s[i], f)
		}
	}
}

// TestSGP26ServerCertificates: the SGP.26 DPauth/DPpb (and DP2auth/DP2pb)
// of both curves pass the eUICC's check; their keys verify signatures.
func TestSGP26ServerCertificates(t *testing.T) {
	e := sgp26ECASD(t)
	for _, f := range []struct {
		cert, key string
		role      rspcert.Role
	}{
		{"DPauth/CERT_S_SM_DPauth_ECDSA_NIST.der", "DPauth/SK_S_SM_DPauth_ECDSA_NIST.pem", rspcert.RoleDPauth},
		{"DPauth/CERT_S_SM_DPauth_ECDSA_BRP.der", "DPauth/SK_S_SM_DPauth_ECDSA_BRP.pem", rspcert.RoleDPauth},
		{"DPpb/CERT_S_SM_DPpb_ECDSA_NIST.der", "DPpb/SK_S_SM_DPpb_ECDSA_NIST.pem", rspcert.RoleDPpb},
		{"DPpb/CERT_S_SM_DPpb_ECDSA_BRP.der", "DPpb/SK_S_SM_DPpb_ECDSA_BRP.pem", rspcert.RoleDPpb},
		{"DPauth/CERT_S_SM_DP2auth_ECDSA_NIST.der", "DPauth/SK_S_SM_DP2auth_ECDSA_NIST.pem", rspcert.RoleDPauth},
		{"DPpb/CERT_S_SM_DP2pb_ECDSA_BRP.der", "DPpb/SK_S_SM_DP2pb_ECDSA_BRP.pem", rspcert.RoleDPpb},
	} {
		cert := sgp26(t, f.cert)
		sc, err := e.VerifyServerCertificate(cert, f.role, nil, at2025)
		if err != nil {
			t.Fatalf("%s: %v", f.cert, err)
		}
		if sc.Chain.CI == nil || sc.PublicKey == nil || len(sc.Chain.SMDPOID) == 0 {
			t.Fatalf("%s: incomplete result", f.cert)
		}
		// With euiccCiPKIdToBeUsed in the signing list as well.
		if _, err := e.VerifyServerCertificate(cert, f.role, sc.Chain.CI.PKID, at2025); err != nil {
			t.Fatalf("%s with ciPKID: %v", f.cert, err)
		}
		// serverSignature1-style: the server key signs, the ECASD verifies.
		sk := sgp26Key(t, f.key)
		signed := signCases(t)[0].signed
		tail := signCases(t)[1].tail
		d := sha256.Sum256(append(append([]byte(nil), signed...), tail...))
		sig, _ := ecdsa.Sign(nil, sk, d[:])
		if err := e.VerifyServerSignature(sc.PublicKey, sig[:], signed, tail); err != nil {
			t.Fatalf("%s: %v", f.cert, err)
		}
		sig[10] ^= 1
		if err := e.VerifyServerSignature(sc.PublicKey, sig[:], signed, tail); !errors.Is(err, rspcert.ES10InvalidSignature) {
			t.Fatalf("%s: tampered signature: %v", f.cert, err)
		}
		if err := VerifyServerSignature(nil, sig[:], signed, nil); !errors.Is(err, rspcert.ES10InvalidSignature) {
			t.Fatal("nil key accepted")
		}
	}
}

// TestSGP26ServerCertificateRejects: every certificate of sgp26/invalid/ is
// refused as a server certificate with invalidCertificate(1) for the rule it
// breaks; the SGP.26 TLS, EUM, eUICC and CI certificates in the DPauth
// position give invalidOid(5) (wrong role) or invalidCertificate(1); a
// euiccCiPKIdToBeUsed outside the signing list gives ciPKUnknown(7); a key
// on an unsupported curve gives unsupportedCurve(3).
func TestSGP26ServerCertificateRejects(t *testing.T) {
	e := sgp26ECASD(t)
	type want struct {
		code rspcert.ES10Code
		rule *rspcert.Error
	}
	invalid := map[string]want{
		// issued by the EUM, not by a CI of the verification list
		"CERT_EUICC_ECDSA_NIST_EXPIRED.der":       {rspcert.ES10InvalidCertificate, rspcert.ErrUnknownCI},
		"CERT_EUICC_ECDSA_NIST_INVALID_EID.der":   {rspcert.ES10InvalidCertificate, rspcert.ErrUnknownCI},
		"CERT_EUICC_ECDSA_NIST_UNMATCHED_EID.der": {rspcert.ES10InvalidCertificate, rspcert.ErrUnknownCI},
		// self-issued, no AKI
		"CERT_EUICC_ECDSA_NIST_INVALID.der": {rspcert.ES10InvalidCertificate, rspcert.ErrAuthorityKeyID},
		"CERT_EUM_ECDSA_NIST_INVALID.der":   {rspcert.ES10InvalidCertificate, rspcert.ErrAuthorityKeyID},
		"CERT_UNKNOWN_CI_ECDSA_NIST.der":    {rspcert.ES10InvalidCertificate, rspcert.ErrAuthorityKeyID},
		// issued by the test CI with the dp-auth role, but expired in 2015
		"CERT_EUM_ECDSA_NIST_EXPIRED.der": {rspcert.ES10InvalidCertificate, rspcert.ErrExpired},
		// issued by an unknown CI
		"CERT_EUM_ECDSA_NIST_UNKNOWN_CI.der": {rspcert.ES10InvalidCertificate, rspcert.ErrUnknownCI},
	}
	files, _ := filepath.Glob(filepath.Join(sgp26Dir, "invalid", "*.der"))
	if len(files) == 0 {
		t.Skip("SGP.26 invalid certificates not present")
	}
	sort.Strings(files)
	for _, f := range files {
		w, ok := invalid[filepath.Base(f)]
		if !ok {
			t.Errorf("%s: no expectation for this file", filepath.Base(f))
			continue
		}
		der, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, role := range []rspcert.Role{rspcert.RoleDPauth, rspcert.RoleDPpb} {
			_, err := e.VerifyServerCertificate(der, role, nil, at2025)
			if !errors.Is(err, w.code) || !errors.Is(err, w.rule) {
				t.Errorf("%s as %v: %v, want %v / %v", filepath.Base(f), role, err, w.code, w.rule.Rule)
			}
		}
	}
	other := map[string]want{
		"DPtls/CERT_S_SM_DP2_TLS.der":             {rspcert.ES10InvalidOid, rspcert.ErrRole},
		"DPpb/CERT_S_SM_DPpb_ECDSA_NIST.der":      {rspcert.ES10InvalidOid, rspcert.ErrRole}, // DPpb where DPauth is expected
		"EUM/CERT_EUM_ECDSA_NIST.der":             {rspcert.ES10InvalidOid, rspcert.ErrRole},
		"eUICC/CERT_EUICC_ECDSA_NIST.der":         {rspcert.ES10InvalidCertificate, rspcert.ErrUnknownCI},
		"CertificateIssuer/CERT_CI_ECDSA_BRP.der": {rspcert.ES10InvalidCertificate, rspcert.ErrAuthorityKeyID},
	}
	for f, w := range other {
		if _, err := e.VerifyServerCertificate(sgp26(t, f), rspcert.RoleDPauth, nil, at2025); !errors.Is(err, w.code) || !errors.Is(err, w.rule) {
			t.Errorf("%s as DPauth: %v, want %v / %v", f, err, w.code, w.rule.Rule)
		}
	}
	// Expired at the clock given (SGP.26 DPauth ends 2030-03-30).
	late := at2025.AddDate(10, 0, 0)
	if _, err := e.VerifyServerCertificate(sgp26(t, "DPauth/CERT_S_SM_DPauth_ECDSA_NIST.der"), rspcert.RoleDPauth, nil, late); !errors.Is(err, rspcert.ES10InvalidCertificate) || !errors.Is(err, rspcert.ErrExpired) {
		t.Errorf("expired DPauth: %v", err)
	}
	// euiccCiPKIdToBeUsed not in the signing list.
	if _, err := e.VerifyServerCertificate(sgp26(t, "DPauth/CERT_S_SM_DPauth_ECDSA_NIST.der"), rspcert.RoleDPauth, []byte{1, 2, 3}, at2025); !errors.Is(err, rspcert.ES10CiPKUnknown) {
		t.Errorf("unknown ciPKID: %v", err)
	}
	// Garbage.
	for _, g := range [][]byte{nil, {0x30}, {0x30, 0x00}, []byte("not a certificate")} {
		if _, err := e.VerifyServerCertificate(g, rspcert.RoleDPauth, nil, at2025); !errors.Is(err, rspcert.ES10InvalidCertificate) {
			t.Errorf("garbage %q: %v", g, err)
		}
	}
	// A P-384 key in a DPauth certificate signed by a CI the ECASD knows:
	// unsupportedCurve(3). Built with crypto/x509 from a testpki CI.
	p := testpki.Default(ecdsa.P256)
	e2 := personalised(t, ecdsa.P256)
	der := p384DPauth(t, p)
	if _, err := e2.VerifyServerCertificate(der, rspcert.RoleDPauth, nil, at2025); !errors.Is(err, rspcert.ES10UnsupportedCurve) {
		t.Errorf("P-384 DPauth: %v, want unsupportedCurve(3)", err)
	}
	// e2 verifies against both testpki CIs: the brainpool DPauth passes.
	if _, err := e2.VerifyServerCertificate(testpki.Default(ecdsa.BrainpoolP256r1).DPauth.Cert, rspcert.RoleDPauth, nil, at2025); err != nil {
		t.Errorf("brainpool DPauth under the known brainpool CI: %v", err)
	}
}

// p384DPauth issues, with crypto/x509, a DPauth-profile certificate whose
// key is on P-384, signed by the testpki P-256 CI.
func p384DPauth(t *testing.T, p *testpki.PKI) []byte {
	ci, err := x509.ParseCertificate(p.CI.Cert)
	if err != nil {
		t.Fatal(err)
	}
	ciKey, err := p.CI.Key.ToStdlib()
	if err != nil {
		t.Fatal(err)
	}
	k, err := stdecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	role, _ := x509.ParseOID("2.23.146.1.2.1.4")
	san, _ := asn1.Marshal([]asn1.RawValue{{Class: asn1.ClassContextSpecific, Tag: 8, Bytes: []byte{0x88, 0x37, 0x0A}}})
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(7), Subject: pkix.Name{Organization: []string{"ACME"}, CommonName: "P-384 SM-DP+"},
		NotBefore: at2025.AddDate(-1, 0, 0), NotAfter: at2025.AddDate(1, 0, 0),
		KeyUsage: x509.KeyUsageDigitalSignature, Policies: []x509.OID{role}, AuthorityKeyId: p.PKID,
		ExtraExtensions: []pkix.Extension{{Id: asn1.ObjectIdentifier{2, 5, 29, 17}, Value: san}},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ci, &k.PublicKey, ciKey)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// TestSGP26InvalidPersonalisation: the invalid eUICC and EUM certificates of
// sgp26/invalid/ cannot be personalised (the chain rules refuse them).
func TestSGP26InvalidPersonalisation(t *testing.T) {
	key := sgp26Key(t, "eUICC/SK_EUICC_ECDSA_NIST.pem")
	euicc, eum := sgp26(t, "eUICC/CERT_EUICC_ECDSA_NIST.der"), sgp26(t, "EUM/CERT_EUM_ECDSA_NIST.der")
	cis := [][]byte{sgp26(t, "CertificateIssuer/CERT_CI_ECDSA_NIST.der")}
	for f, rule := range map[string]*rspcert.Error{
		"invalid/CERT_EUICC_ECDSA_NIST_EXPIRED.der":       rspcert.ErrExpired,
		"invalid/CERT_EUICC_ECDSA_NIST_INVALID.der":       rspcert.ErrAuthorityKeyID,
		"invalid/CERT_EUICC_ECDSA_NIST_INVALID_EID.der":   rspcert.ErrEIDNotPermitted,
		"invalid/CERT_EUICC_ECDSA_NIST_UNMATCHED_EID.der": rspcert.ErrEIDFormat,
	} {
		err := New().Personalise(Config{KeySets: []KeySet{{Key: key, EUICCCertificate: sgp26(t, f), EUMCertificate: eum}}, CIs: cis})
		if !errors.Is(err, ErrConfig) || !errors.Is(err, rule) {
			t.Errorf("%s: %v, want %v", f, err, rule.Rule)
		}
	}
	for _, f := range []string{"invalid/CERT_EUM_ECDSA_NIST_EXPIRED.der", "invalid/CERT_EUM_ECDSA_NIST_INVALID.der", "invalid/CERT_EUM_ECDSA_NIST_UNKNOWN_CI.der"} {
		err := New().Personalise(Config{KeySets: []KeySet{{Key: key, EUICCCertificate: euicc, EUMCertificate: sgp26(t, f)}}, CIs: cis})
		if !errors.Is(err, ErrConfig) {
			t.Errorf("%s: %v, want ErrConfig", f, err)
		}
	}
	if err := New().Personalise(Config{KeySets: []KeySet{{Key: key, EUICCCertificate: euicc, EUMCertificate: eum}},
		CIs: [][]byte{sgp26(t, "invalid/CERT_UNKNOWN_CI_ECDSA_NIST.der")}}); !errors.Is(err, ErrConfig) {
		t.Errorf("unknown CI only: %v", err)
	}
}
