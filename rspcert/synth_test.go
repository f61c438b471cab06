package rspcert

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/rspengine/rspengine/asn1der"
)

// A synthetic SGP.26-shaped PKI generated with crypto/x509 (P-256) for the
// rules the SGP.26 negative set does not cover. Each test case edits the
// templates before the chain is issued.

func mustOID(s string) x509.OID {
	o, err := x509.ParseOID(s)
	if err != nil {
		panic(err)
	}
	return o
}

func asnOID(s string) asn1.ObjectIdentifier {
	var o asn1.ObjectIdentifier
	n := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			o = append(o, n)
			n = 0
			continue
		}
		n = n*10 + int(s[i]-'0')
	}
	return o
}

// nameConstraintsDirName encodes nameConstraints with one permitted (or
// excluded) directoryName {O = org, serialNumber = prefix}.
func nameConstraintsDirName(org, prefix string, excluded bool) []byte {
	var name []byte
	name, m := asn1der.AppendBegin(name, asn1der.TagSequence)
	if org != "" {
		rdn, m2 := asn1der.AppendBegin(nil, asn1der.TagSet)
		atv, m3 := asn1der.AppendBegin(nil, asn1der.TagSequence)
		atv = asn1der.AppendOID(atv, asn1der.TagOID, asn1der.OID("2.5.4.10"))
		atv = asn1der.AppendString(atv, asn1der.TagUTF8String, org)
		atv = asn1der.AppendEnd(atv, m3)
		rdn = append(rdn, atv...)
		rdn = asn1der.AppendEnd(rdn, m2)
		name = append(name, rdn...)
	}
	rdn, m2 := asn1der.AppendBegin(nil, asn1der.TagSet)
	atv, m3 := asn1der.AppendBegin(nil, asn1der.TagSequence)
	atv = asn1der.AppendOID(atv, asn1der.TagOID, asn1der.OID("2.5.4.5"))
	atv = asn1der.AppendString(atv, asn1der.TagPrintableString, prefix)
	atv = asn1der.AppendEnd(atv, m3)
	rdn = append(rdn, atv...)
	rdn = asn1der.AppendEnd(rdn, m2)
	name = append(name, rdn...)
	name = asn1der.AppendEnd(name, m)
	sub := asn1der.AppendTLV(nil, asn1der.TagSequence, asn1der.AppendTLV(nil, TagDirectoryName, name))
	tag := asn1der.Tag(0xA0)
	if excluded {
		tag = 0xA1
	}
	return asn1der.AppendTLV(nil, asn1der.TagSequence, asn1der.AppendTLV(nil, tag, sub))
}

func permittedEins(prefixes ...string) []byte {
	var b []byte
	for _, p := range prefixes {
		b = asn1der.AppendString(b, asn1der.TagPrintableString, p)
	}
	return asn1der.AppendTLV(nil, asn1der.TagSequence, b)
}

type synthPKI struct {
	ci, eum, euicc, dp   *x509.Certificate
	euiccKeyCurve        elliptic.Curve
	ciDER, eumDER        []byte
	euiccDER, dpDER      []byte
	ciKey, eumKey, dpKey *ecdsa.PrivateKey
}

func newSynthTemplates() *synthPKI {
	nb := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	return &synthPKI{
		ci: &x509.Certificate{
			SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Synth CI", Organization: []string{"RSPTEST"}, Country: []string{"IT"}},
			NotBefore: nb, NotAfter: time.Date(2055, 1, 1, 0, 0, 0, 0, time.UTC),
			IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
			SubjectKeyId: []byte("synthetic-ci-pkid-20"), Policies: []x509.OID{mustOID("2.23.146.1.2.1.0")},
		},
		eum: &x509.Certificate{
			SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "Synth EUM", Organization: []string{"Synth EUM"}, Country: []string{"ES"}},
			NotBefore: nb, NotAfter: time.Date(2054, 1, 1, 0, 0, 0, 0, time.UTC),
			IsCA: true, BasicConstraintsValid: true, MaxPathLenZero: true, KeyUsage: x509.KeyUsageCertSign,
			SubjectKeyId: []byte("synthetic-eum-ski-20"), Policies: []x509.OID{mustOID("2.23.146.1.2.1.2")},
			ExtraExtensions: []pkix.Extension{{Id: asnOID("2.5.29.30"), Critical: true, Value: nameConstraintsDirName("Synth EUM", "89049032", false)}},
		},
		euicc: &x509.Certificate{
			SerialNumber: big.NewInt(3), Subject: pkix.Name{CommonName: "Synth eUICC", Organization: []string{"Synth EUM"}, Country: []string{"ES"}, SerialNumber: sgp26EID},
			NotBefore: nb, NotAfter: time.Date(7496, 1, 1, 0, 0, 0, 0, time.UTC),
			KeyUsage: x509.KeyUsageDigitalSignature, SubjectKeyId: []byte("synthetic-euicc-ski1"), Policies: []x509.OID{mustOID("2.23.146.1.2.1.1")},
		},
		dp: &x509.Certificate{
			SerialNumber: big.NewInt(4), Subject: pkix.Name{CommonName: "Synth SM-DP+", Organization: []string{"ACME"}},
			NotBefore: nb, NotAfter: time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC),
			KeyUsage: x509.KeyUsageDigitalSignature, SubjectKeyId: []byte("synthetic-dpauth-ski"), Policies: []x509.OID{mustOID("2.23.146.1.2.1.4")},
			ExtraExtensions: []pkix.Extension{{Id: asnOID("2.5.29.17"), Value: []byte{0x30, 0x05, 0x88, 0x03, 0x88, 0x37, 0x0a}}}, // registeredID 2.999.10
		},
		euiccKeyCurve: elliptic.P256(),
	}
}

func (p *synthPKI) issue(t testing.TB) {
	t.Helper()
	key := func(c elliptic.Curve) *ecdsa.PrivateKey {
		k, err := ecdsa.GenerateKey(c, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	mk := func(tmpl, parent *x509.Certificate, pub, priv any) []byte {
		der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, priv)
		if err != nil {
			t.Fatal(err)
		}
		return der
	}
	p.ciKey, p.eumKey, p.dpKey = key(elliptic.P256()), key(elliptic.P256()), key(elliptic.P256())
	p.ciDER = mk(p.ci, p.ci, &p.ciKey.PublicKey, p.ciKey)
	ciCert, _ := x509.ParseCertificate(p.ciDER)
	p.eumDER = mk(p.eum, ciCert, &p.eumKey.PublicKey, p.ciKey)
	eumCert, _ := x509.ParseCertificate(p.eumDER)
	p.euiccDER = mk(p.euicc, eumCert, &key(p.euiccKeyCurve).PublicKey, p.eumKey)
	p.dpDER = mk(p.dp, ciCert, &p.dpKey.PublicKey, p.ciKey)
}

// TestChainRulesSynthetic: one case per rule on a generated chain.
func TestChainRulesSynthetic(t *testing.T) {
	now := testNow
	cases := []struct {
		name string
		edit func(p *synthPKI)
		want *Error // nil: the chain verifies
	}{
		{"baseline (Variant O)", func(p *synthPKI) {}, nil},
		{"v3 variant: permittedEins, v3 role OIDs, no pathLen", func(p *synthPKI) {
			p.eum.Policies = []x509.OID{mustOID("2.23.146.1.2.1.0.0.0")}
			p.eum.MaxPathLenZero, p.eum.MaxPathLen = false, -1
			p.eum.ExtraExtensions = []pkix.Extension{{Id: asnOID("2.23.146.1.2.2.0"), Value: permittedEins("89044", "89049032")}}
			p.euicc.Policies = []x509.OID{mustOID("2.23.146.1.2.1.0.0.0.0.0")}
		}, nil},
		{"permittedEins does not cover the EID", func(p *synthPKI) {
			p.eum.ExtraExtensions = append(p.eum.ExtraExtensions, pkix.Extension{Id: asnOID("2.23.146.1.2.2.0"), Value: permittedEins("89049099")})
		}, &Error{Rule: RuleEIDNotPermitted, Cert: RoleEUICC, Status: StatusEIDNotPermitted}},
		{"EUM without any EID constraint", func(p *synthPKI) { p.eum.ExtraExtensions = nil },
			&Error{Rule: RuleEIDNotPermitted, Cert: RoleEUICC}},
		{"name constraint organisation differs", func(p *synthPKI) {
			p.eum.ExtraExtensions[0].Value = nameConstraintsDirName("Other EUM", "89049032", false)
		}, &Error{Rule: RuleEIDNotPermitted, Cert: RoleEUICC}},
		{"excluded subtree covers the EID", func(p *synthPKI) {
			p.eum.ExtraExtensions = append(p.eum.ExtraExtensions, pkix.Extension{Id: asnOID("2.23.146.1.2.2.0"), Value: permittedEins("8904")})
			p.eum.ExtraExtensions[0].Value = nameConstraintsDirName("", "890490321234", true)
		}, &Error{Rule: RuleEIDNotPermitted, Cert: RoleEUICC}},
		{"EID not 32 digits", func(p *synthPKI) { p.euicc.Subject.SerialNumber = "8904903212345123451234567890123" },
			&Error{Rule: RuleEIDFormat, Cert: RoleEUICC, Status: StatusEUICCInvalid}},
		{"no EID", func(p *synthPKI) { p.euicc.Subject.SerialNumber = "" }, &Error{Rule: RuleEIDFormat, Cert: RoleEUICC}},
		{"EUM keyUsage without keyCertSign", func(p *synthPKI) { p.eum.KeyUsage = x509.KeyUsageDigitalSignature },
			&Error{Rule: RuleKeyUsage, Cert: RoleEUM, Status: StatusEUMInvalid}},
		{"EUM pathLen 1 (Variant O needs 0)", func(p *synthPKI) { p.eum.MaxPathLenZero, p.eum.MaxPathLen = false, 1 },
			&Error{Rule: RuleBasicConstraints, Cert: RoleEUM}},
		{"EUM not a CA", func(p *synthPKI) { p.eum.IsCA, p.eum.MaxPathLenZero = false, false },
			&Error{Rule: RuleBasicConstraints, Cert: RoleEUM}},
		{"CI pathLen 0 forbids the EUM", func(p *synthPKI) { p.ci.MaxPathLenZero = true },
			&Error{Rule: RuleBasicConstraints, Cert: RoleEUM}},
		{"EUM with the eUICC role", func(p *synthPKI) { p.eum.Policies = []x509.OID{mustOID("2.23.146.1.2.1.1")} },
			&Error{Rule: RuleRole, Cert: RoleEUM, ES10: ES10InvalidOid}},
		{"eUICC without a role policy", func(p *synthPKI) { p.euicc.Policies = []x509.OID{mustOID("1.2.3.4")} },
			&Error{Rule: RuleRole, Cert: RoleEUICC, ES10: ES10InvalidOid}},
		{"eUICC with two roles", func(p *synthPKI) {
			p.euicc.Policies = []x509.OID{mustOID("2.23.146.1.2.1.1"), mustOID("2.23.146.1.2.1.4")}
		}, &Error{Rule: RuleRole, Cert: RoleEUICC}},
		{"eUICC is a CA", func(p *synthPKI) { p.euicc.IsCA, p.euicc.BasicConstraintsValid = true, true },
			&Error{Rule: RuleBasicConstraints, Cert: RoleEUICC}},
		{"eUICC keyUsage keyCertSign", func(p *synthPKI) { p.euicc.KeyUsage |= x509.KeyUsageCertSign },
			&Error{Rule: RuleKeyUsage, Cert: RoleEUICC}},
		{"eUICC key on P-384", func(p *synthPKI) { p.euiccKeyCurve = elliptic.P384() },
			&Error{Rule: RuleCurve, Cert: RoleEUICC, ES10: ES10UnsupportedCurve}},
		{"eUICC not yet valid", func(p *synthPKI) { p.euicc.NotBefore = now.Add(time.Hour) },
			&Error{Rule: RuleNotYetValid, Cert: RoleEUICC, Status: StatusEUICCExpired}},
		{"eUICC with an unknown critical extension", func(p *synthPKI) {
			p.euicc.ExtraExtensions = []pkix.Extension{{Id: asnOID("1.3.6.1.4.1.99999.1"), Critical: true, Value: []byte{5, 0}}}
		}, &Error{Rule: RuleUnknownCriticalExtension, Cert: RoleEUICC, Status: StatusEUICCInvalid, ES10: ES10InvalidCertificate}},
		{"CI expired", func(p *synthPKI) { p.ci.NotAfter = now.Add(-time.Hour) }, &Error{Rule: RuleExpired, Cert: RoleCI}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newSynthTemplates()
			tc.edit(p)
			p.issue(t)
			s, err := NewCIStore(p.ciDER)
			if err != nil {
				t.Fatal(err)
			}
			var ch EUICCChain
			err = s.VerifyEUICCChain(&ch, p.eumDER, p.euiccDER, &Options{Now: now})
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

// TestTamperedSignature: a changed TBS byte or signature fails RuleSignature.
func TestTamperedSignature(t *testing.T) {
	p := newSynthTemplates()
	p.issue(t)
	s, err := NewCIStore(p.ciDER)
	if err != nil {
		t.Fatal(err)
	}
	var c Certificate
	if err := Parse(&c, p.euiccDER); err != nil {
		t.Fatal(err)
	}
	// Change one byte of the CN inside the TBS ("Synth eUICC" -> "Synth eUICD").
	tbsOff := len(p.euiccDER) - len(c.Raw) // 0, kept for clarity
	bad := append([]byte(nil), p.euiccDER...)
	idx := tbsOff + indexOf(bad, []byte("Synth eUICC")) + len("Synth eUIC")
	bad[idx] = 'D'
	var ch EUICCChain
	if err := s.VerifyEUICCChain(&ch, p.eumDER, bad, &Options{Now: testNow}); !errors.Is(err, &Error{Rule: RuleSignature, Cert: RoleEUICC, Status: StatusEUICCInvalid}) {
		t.Errorf("tampered TBS: %v", err)
	}
	bad = append([]byte(nil), p.eumDER...)
	bad[len(bad)-1] ^= 1 // last byte of s
	if err := s.VerifyEUICCChain(&ch, bad, p.euiccDER, &Options{Now: testNow}); !errors.Is(err, &Error{Rule: RuleSignature, Cert: RoleEUM, Status: StatusEUMInvalid}) {
		t.Errorf("tampered EUM signature: %v", err)
	}
	// Server side: DPauth without SM-DP+ OID, and a good one.
	var sc ServerChain
	if err := s.VerifyServerCertificate(&sc, p.dpDER, RoleDPauth, &Options{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	p2 := newSynthTemplates()
	p2.dp.ExtraExtensions = nil
	p2.issue(t)
	s2, _ := NewCIStore(p2.ciDER)
	if err := s2.VerifyServerCertificate(&sc, p2.dpDER, RoleDPauth, &Options{Now: testNow}); !errors.Is(err, &Error{Rule: RuleSMDPOID, ES10: ES10InvalidOid}) {
		t.Errorf("DPauth without registeredID: %v", err)
	}
}

func indexOf(b, sub []byte) int {
	for i := 0; i+len(sub) <= len(b); i++ {
		if string(b[i:i+len(sub)]) == string(sub) {
			return i
		}
	}
	panic("not found")
}

// TestCIStoreAdd: the CI profile checks of CIStore.Add.
func TestCIStoreAdd(t *testing.T) {
	cases := []struct {
		name string
		edit func(c *x509.Certificate)
		rule Rule
	}{
		{"no CI policy", func(c *x509.Certificate) { c.Policies = nil }, RuleRole},
		{"no cRLSign", func(c *x509.Certificate) { c.KeyUsage = x509.KeyUsageCertSign }, RuleKeyUsage},
		{"not a CA", func(c *x509.Certificate) { c.IsCA = false }, RuleBasicConstraints},
		{"no SKI", func(c *x509.Certificate) { c.SubjectKeyId = nil }, 0}, // crypto/x509 derives one for a CA: accepted
	}
	for _, tc := range cases {
		p := newSynthTemplates()
		tc.edit(p.ci)
		p.issue(t)
		_, err := (&CIStore{}).Add(p.ciDER)
		if tc.rule == 0 {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		if !errors.Is(err, &Error{Rule: tc.rule, Cert: RoleCI, Status: StatusCIUnknown}) {
			t.Errorf("%s: got %v, want rule %v", tc.name, err, tc.rule)
		}
	}
	p := newSynthTemplates()
	p.issue(t)
	s := &CIStore{}
	a, err := s.Add(p.ciDER)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := s.Add(p.ciDER); err != nil || b != a {
		t.Errorf("adding the same CI twice: %v", err)
	}
	q := newSynthTemplates() // same PKID, another key
	q.issue(t)
	if _, err := s.Add(q.ciDER); !errors.Is(err, ErrCIProfile) {
		t.Errorf("second CI with the same PKID: %v", err)
	}
	bad := append([]byte(nil), p.ciDER...)
	bad[len(bad)-1] ^= 1
	if _, err := (&CIStore{}).Add(bad); !errors.Is(err, ErrSignature) {
		t.Errorf("CI with a broken self-signature: %v", err)
	}
	if _, err := (&CIStore{}).Add(p.eumDER); !errors.Is(err, ErrCIProfile) {
		t.Errorf("EUM as a CI: %v", err)
	}
	if len(s.Anchors()) != 1 || s.Lookup(p.ci.SubjectKeyId) != a || s.Lookup([]byte("nope")) != nil {
		t.Error("Anchors/Lookup")
	}
}
