package rspcert

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/rspengine/rspengine/asn1der"
)

// TestOIDConstants cross-checks the hand-encoded OID constants against the
// asn1der encoder.
func TestOIDConstants(t *testing.T) {
	for dotted, enc := range map[string]string{
		"1.2.840.10045.4.3.2":      oidSigECDSAWithSHA256,
		"1.2.840.10045.2.1":        oidECPublicKey,
		"1.2.840.10045.3.1.7":      oidPrime256v1,
		"1.3.36.3.3.2.8.1.1.7":     oidBrainpoolP256r1,
		"2.5.4.3":                  oidAttrCommonName,
		"2.5.4.5":                  oidAttrSerialNumber,
		"2.5.4.6":                  oidAttrCountry,
		"2.5.4.10":                 oidAttrOrganization,
		"2.5.4.11":                 oidAttrOrgUnit,
		"2.5.29.14":                oidExtSKI,
		"2.5.29.15":                oidExtKeyUsage,
		"2.5.29.17":                oidExtSAN,
		"2.5.29.19":                oidExtBasicCons,
		"2.5.29.30":                oidExtNameCons,
		"2.5.29.31":                oidExtCRLDP,
		"2.5.29.32":                oidExtPolicies,
		"2.5.29.35":                oidExtAKI,
		"2.5.29.37":                oidExtEKU,
		"2.23.146.1.2.2.0":         oidExtPermittedEins,
		"2.23.146.1.2.1":           oidRSPRoleArc,
		"2.23.146.1.2.1.0.0":       oidRSPRoleV3Arc,
		"2.23.146.1.2.1.0.0.0.0.0": oidRSPRoleV3EUICC,
	} {
		if got := string(asn1der.OID(dotted)); got != enc {
			t.Errorf("%s: constant %x, encoder %x", dotted, enc, got)
		}
	}
}

// TestRoleOIDs checks every row of RSP-FACTS §5.2 (v2 and v3 columns).
func TestRoleOIDs(t *testing.T) {
	rows := []struct {
		role   Role
		v2, v3 string
	}{
		{RoleCI, "2.23.146.1.2.1.0", ""},
		{RoleEUICC, "2.23.146.1.2.1.1", "2.23.146.1.2.1.0.0.0.0.0"},
		{RoleEUM, "2.23.146.1.2.1.2", "2.23.146.1.2.1.0.0.0"},
		{RoleDPtls, "2.23.146.1.2.1.3", "2.23.146.1.2.1.0.0.1.0"},
		{RoleDPauth, "2.23.146.1.2.1.4", "2.23.146.1.2.1.0.0.1.1"},
		{RoleDPpb, "2.23.146.1.2.1.5", "2.23.146.1.2.1.0.0.1.2"},
		{RoleDStls, "2.23.146.1.2.1.6", "2.23.146.1.2.1.0.0.2.0"},
		{RoleDSauth, "2.23.146.1.2.1.7", "2.23.146.1.2.1.0.0.2.1"},
	}
	for _, r := range rows {
		if got, v3 := roleOf(asn1der.OID(r.v2)); got != r.role || v3 {
			t.Errorf("%s: got %v v3=%v, want %v", r.v2, got, v3, r.role)
		}
		if r.v3 != "" {
			if got, v3 := roleOf(asn1der.OID(r.v3)); got != r.role || !v3 {
				t.Errorf("%s: got %v v3=%v, want %v (v3)", r.v3, got, v3, r.role)
			}
		}
	}
	for _, o := range []string{"2.23.146.1.2.1.8", "2.23.146.1.2.1.0.0", "2.23.146.1.2.1.0.0.0.0", "2.23.146.1.2.2.0", "1.2.3"} {
		if got, _ := roleOf(asn1der.OID(o)); got != RoleNone {
			t.Errorf("%s: got role %v, want none", o, got)
		}
	}
}

func mustHex(s string) []byte {
	b, err := hex.DecodeString(strings.ReplaceAll(s, ":", ""))
	if err != nil {
		panic(err)
	}
	return b
}

// TestParseSGP26 checks the fields of the SGP.26 certificates against the
// values openssl prints for them (RSP-FACTS §5.1 and `openssl x509 -text`).
func TestParseSGP26(t *testing.T) {
	for _, name := range allSGP26Certs(t) {
		var c Certificate
		if err := Parse(&c, readSGP26(t, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	var c Certificate
	// CERT.EUICC NIST: EID, GeneralizedTime notAfter in 7496, eUICC role, no basicConstraints.
	if err := Parse(&c, readSGP26(t, "eUICC/CERT_EUICC_ECDSA_NIST.der")); err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"eUICC EID", string(c.Subject.SerialNumber), "89049032123451234512345678901235"},
		{"eUICC CN", string(c.Subject.CommonName), "Test eUICC"},
		{"eUICC serial", hex.EncodeToString(c.SerialNumber), "020000000000000001"},
		{"eUICC notAfter", c.NotAfter, time.Date(7496, 1, 24, 9, 48, 58, 0, time.UTC)},
		{"eUICC notBefore", c.NotBefore, time.Date(2020, 4, 1, 9, 48, 58, 0, time.UTC)},
		{"eUICC role", c.Extensions.Role, RoleEUICC},
		{"eUICC key usage", c.Extensions.KeyUsage, KeyUsageDigitalSignature},
		{"eUICC curve", c.PublicKey.Curve, P256},
		{"eUICC basicConstraints", c.Extensions.Has(ExtBasicConstraints), false},
		{"eUICC AKI", hex.EncodeToString(c.Extensions.AuthorityKeyID), "dd3da24d350c1cc5d0af0965f40ec34c5ee409f1"},
		{"eUICC point", hex.EncodeToString(c.PublicKey.Point[:9]), "046db3f53adc87dc2f"},
	}
	// CERT.EUM NIST: nameConstraints directoryName {O, serialNumber = 89049032}, CA with pathLen 0.
	var eum Certificate
	if err := Parse(&eum, readSGP26(t, "EUM/CERT_EUM_ECDSA_NIST.der")); err != nil {
		t.Fatal(err)
	}
	var dn Name
	st := NewSubtrees(eum.Extensions.PermittedSubtrees)
	g, ok := st.Next()
	if !ok {
		t.Fatal("EUM: no permitted subtree")
	}
	if err := DirectoryName(&dn, g); err != nil {
		t.Fatal(err)
	}
	if _, more := st.Next(); more {
		t.Error("EUM: more than one permitted subtree")
	}
	checks = append(checks, []struct {
		what      string
		got, want any
	}{
		{"EUM role", eum.Extensions.Role, RoleEUM},
		{"EUM CA", eum.Extensions.IsCA, true},
		{"EUM pathLen", eum.Extensions.MaxPathLen, 0},
		{"EUM key usage", eum.Extensions.KeyUsage, KeyUsageKeyCertSign},
		{"EUM nameConstraints critical", eum.Extensions.IsCritical(ExtNameConstraints), true},
		{"EUM permitted O", string(dn.Organization), "RSP Test EUM"},
		{"EUM permitted serialNumber", string(dn.SerialNumber), "89049032"},
		{"EUM SKI", hex.EncodeToString(eum.Extensions.SubjectKeyID), "dd3da24d350c1cc5d0af0965f40ec34c5ee409f1"},
		{"EUM registeredID", appendOID(eum.Extensions.RegisteredID), "2.999.5"},
		{"EUM serial", hex.EncodeToString(eum.SerialNumber), "12345678"},
	}...)
	// CERT.DPauth NIST: SM-DP+ OID 2.999.10, two CRL distribution points.
	var dp Certificate
	if err := Parse(&dp, readSGP26(t, "DPauth/CERT_S_SM_DPauth_ECDSA_NIST.der")); err != nil {
		t.Fatal(err)
	}
	var uris []string
	it := dp.Extensions.CRLDistributionPointURIs()
	for g, ok := it.Next(); ok; g, ok = it.Next() {
		if g.Tag == TagURI {
			uris = append(uris, string(g.Value))
		}
	}
	checks = append(checks, []struct {
		what      string
		got, want any
	}{
		{"DPauth role", dp.Extensions.Role, RoleDPauth},
		{"DPauth SM-DP+ OID", appendOID(dp.Extensions.RegisteredID), "2.999.10"},
		{"DPauth CRL DPs", strings.Join(uris, " "), "http://ci.test.example.com/CRL-A.crl http://ci.test.example.com/CRL-B.crl"},
		{"DPauth CN", string(dp.Subject.CommonName), "TEST SM-DP+"},
	}...)
	// CERT.CI: PKIDs of RSP-FACTS §5.1.
	var ci, ciB Certificate
	if err := Parse(&ci, readSGP26(t, "CertificateIssuer/CERT_CI_ECDSA_NIST.der")); err != nil {
		t.Fatal(err)
	}
	if err := Parse(&ciB, readSGP26(t, "CertificateIssuer/CERT_CI_ECDSA_BRP.der")); err != nil {
		t.Fatal(err)
	}
	checks = append(checks, []struct {
		what      string
		got, want any
	}{
		{"CI NIST PKID", hex.EncodeToString(ci.Extensions.SubjectKeyID), "f54172bdf98a95d65cbeb88a38a1c11d800a85c3"},
		{"CI BRP PKID", hex.EncodeToString(ciB.Extensions.SubjectKeyID), "c0bc70ba36929d43b467ff57570530e57ab8fcd8"},
		{"CI BRP curve", ciB.PublicKey.Curve, BrainpoolP256r1},
		{"CI role", ci.Extensions.Role, RoleCI},
		{"CI key usage", ci.Extensions.KeyUsage, KeyUsageKeyCertSign | KeyUsageCRLSign},
		{"CI policy critical", ci.Extensions.IsCritical(ExtCertificatePolicies), true},
		{"CI HasPolicy", ci.Extensions.HasPolicy(asn1der.OID("2.23.146.1.2.1.0")), true},
		{"CI OU", string(ci.Subject.OrganizationalUnit), "TESTCERT"},
	}...)
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s: got %v, want %v", ch.what, ch.got, ch.want)
		}
	}
}

func appendOID(b []byte) string { return string(asn1der.AppendOIDText(nil, b)) }

// TestParseDifferentialX509 parses every NIST certificate of the SGP.26 set with
// crypto/x509 and checks that every field both parsers expose agrees.
func TestParseDifferentialX509(t *testing.T) {
	n := 0
	for _, name := range allSGP26Certs(t) {
		der := readSGP26(t, name)
		ref, err := x509.ParseCertificate(der)
		if err != nil {
			if strings.Contains(name, "BRP") {
				continue // crypto/x509 does not know brainpoolP256r1
			}
			t.Errorf("%s: crypto/x509: %v", name, err)
			continue
		}
		n++
		var c Certificate
		if err := Parse(&c, der); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		diffX509(t, name, &c, ref)
	}
	if n < 10 {
		t.Errorf("only %d NIST certificates compared", n)
	}
}

func diffX509(t *testing.T, name string, c *Certificate, ref *x509.Certificate) {
	t.Helper()
	eq := func(field string, ok bool) {
		if !ok {
			t.Errorf("%s: %s differs from crypto/x509", name, field)
		}
	}
	e := &c.Extensions
	eq("Raw", bytes.Equal(c.Raw, ref.Raw))
	eq("RawTBSCertificate", bytes.Equal(c.RawTBSCertificate, ref.RawTBSCertificate))
	eq("Version", c.Version == ref.Version)
	eq("SerialNumber", new(big.Int).SetBytes(c.SerialNumber).Cmp(ref.SerialNumber) == 0)
	eq("SignatureAlgorithm", ref.SignatureAlgorithm == x509.ECDSAWithSHA256 && string(c.SignatureAlgorithm) == oidSigECDSAWithSHA256 && c.SignatureAlgorithmParams == nil)
	eq("Signature", bytes.Equal(c.Signature, ref.Signature))
	eq("RawIssuer", bytes.Equal(c.Issuer.Raw, ref.RawIssuer))
	eq("RawSubject", bytes.Equal(c.Subject.Raw, ref.RawSubject))
	for _, p := range []struct {
		field string
		v     *Name
		n     pkix.Name
	}{{"Issuer", &c.Issuer, ref.Issuer}, {"Subject", &c.Subject, ref.Subject}} {
		eq(p.field+".C", strEq(p.v.Country, p.n.Country))
		eq(p.field+".O", strEq(p.v.Organization, p.n.Organization))
		eq(p.field+".OU", strEq(p.v.OrganizationalUnit, p.n.OrganizationalUnit))
		eq(p.field+".CN", string(p.v.CommonName) == p.n.CommonName)
		eq(p.field+".serialNumber", string(p.v.SerialNumber) == p.n.SerialNumber)
	}
	eq("NotBefore", c.NotBefore.Equal(ref.NotBefore))
	eq("NotAfter", c.NotAfter.Equal(ref.NotAfter))
	eq("RawSubjectPublicKeyInfo", bytes.Equal(c.PublicKey.Raw, ref.RawSubjectPublicKeyInfo))
	pk, ok := ref.PublicKey.(*ecdsa.PublicKey)
	eq("PublicKey type", ok && ref.PublicKeyAlgorithm == x509.ECDSA && string(c.PublicKey.Algorithm) == oidECPublicKey)
	if ok {
		eq("PublicKey curve", pk.Curve == elliptic.P256() && c.PublicKey.Curve == P256)
		point, err := pk.Bytes()
		eq("PublicKey point", err == nil && bytes.Equal(point, c.PublicKey.Point))
	}
	eq("SubjectKeyId", bytes.Equal(e.SubjectKeyID, ref.SubjectKeyId))
	eq("AuthorityKeyId", bytes.Equal(e.AuthorityKeyID, ref.AuthorityKeyId))
	eq("KeyUsage", int(e.KeyUsage) == int(ref.KeyUsage))
	eq("BasicConstraintsValid", e.Has(ExtBasicConstraints) == ref.BasicConstraintsValid)
	eq("IsCA", e.IsCA == ref.IsCA)
	if ref.BasicConstraintsValid {
		wantPL := ref.MaxPathLen
		if wantPL == 0 && !ref.MaxPathLenZero {
			wantPL = -1
		}
		eq("MaxPathLen", e.MaxPathLen == wantPL)
	}
	var pol []string
	it := e.PolicyOIDs()
	for o, ok := it.Next(); ok; o, ok = it.Next() {
		pol = append(pol, appendOID(o))
	}
	var refPol []string
	for _, p := range ref.Policies {
		refPol = append(refPol, p.String())
	}
	eq("Policies", strings.Join(pol, ",") == strings.Join(refPol, ","))
	var uris []string
	ci := e.CRLDistributionPointURIs()
	for g, ok := ci.Next(); ok; g, ok = ci.Next() {
		if g.Tag == TagURI {
			uris = append(uris, string(g.Value))
		}
	}
	eq("CRLDistributionPoints", strings.Join(uris, " ") == strings.Join(ref.CRLDistributionPoints, " "))
	var dns []string
	sans := NewGeneralNames(e.SubjectAltName)
	for g, ok := sans.Next(); ok; g, ok = sans.Next() {
		if g.Tag == TagDNSName {
			dns = append(dns, string(g.Value))
		}
	}
	eq("DNSNames", strings.Join(dns, " ") == strings.Join(ref.DNSNames, " "))
	var ekus []string
	ek := e.ExtKeyUsageOIDs()
	for o, ok := ek.Next(); ok; o, ok = ek.Next() {
		ekus = append(ekus, appendOID(o))
	}
	var refEKU []string
	for _, u := range ref.ExtKeyUsage {
		switch u {
		case x509.ExtKeyUsageServerAuth:
			refEKU = append(refEKU, "1.3.6.1.5.5.7.3.1")
		case x509.ExtKeyUsageClientAuth:
			refEKU = append(refEKU, "1.3.6.1.5.5.7.3.2")
		default:
			refEKU = append(refEKU, "other")
		}
	}
	eq("ExtKeyUsage", strings.Join(ekus, ",") == strings.Join(refEKU, ","))
	// Extensions crypto/x509 keeps only raw: compare extnValue and criticality.
	var present, critical uint16
	for _, x := range ref.Extensions {
		var bit uint16
		var ours []byte
		switch x.Id.String() {
		case "2.5.29.14":
			bit = ExtSubjectKeyID
		case "2.5.29.35":
			bit = ExtAuthorityKeyID
		case "2.5.29.15":
			bit = ExtKeyUsage
		case "2.5.29.19":
			bit = ExtBasicConstraints
		case "2.5.29.32":
			bit, ours = ExtCertificatePolicies, e.Policies
		case "2.5.29.17":
			bit, ours = ExtSubjectAltName, e.SubjectAltName
			var raw asn1.RawValue
			asn1.Unmarshal(x.Value, &raw)
			// registeredID: crypto/x509 does not expose it, so decode it here.
			var rest = raw.Bytes
			var regID string
			for len(rest) > 0 {
				var g asn1.RawValue
				rest, _ = asn1.Unmarshal(rest, &g)
				if g.Class == asn1.ClassContextSpecific && g.Tag == 8 && regID == "" {
					var oid asn1.ObjectIdentifier
					full := append([]byte{0x06}, g.FullBytes[1:]...)
					asn1.Unmarshal(full, &oid)
					regID = oid.String()
				}
			}
			eq("registeredID", regID == appendOID(e.RegisteredID) || regID == "" && e.RegisteredID == nil)
		case "2.5.29.30":
			bit = ExtNameConstraints
			var raw asn1.RawValue
			asn1.Unmarshal(x.Value, &raw)
			var sub asn1.RawValue
			asn1.Unmarshal(raw.Bytes, &sub)
			eq("nameConstraints permitted", sub.Tag == 0 && bytes.Equal(sub.Bytes, e.PermittedSubtrees))
		case "2.5.29.31":
			bit, ours = ExtCRLDistributionPoints, e.CRLDistributionPoints
		case "2.5.29.37":
			bit, ours = ExtExtendedKeyUsage, e.ExtKeyUsage
		case "2.23.146.1.2.2.0":
			bit, ours = ExtPermittedEins, e.PermittedEins
		default:
			continue
		}
		present |= bit
		if x.Critical {
			critical |= bit
		}
		if ours != nil {
			var raw asn1.RawValue
			asn1.Unmarshal(x.Value, &raw)
			eq("extension "+x.Id.String()+" contents", bytes.Equal(raw.Bytes, ours))
		}
	}
	eq("extensions present", present == e.Present)
	eq("extensions critical", critical == e.Critical)
}

func strEq(b []byte, s []string) bool {
	if b == nil {
		return len(s) == 0
	}
	return len(s) >= 1 && s[0] == string(b)
}

// TestParseAllocs pins zero allocations for parsing every SGP.26 certificate.
func TestParseAllocs(t *testing.T) {
	for _, name := range allSGP26Certs(t) {
		der := readSGP26(t, name)
		var c Certificate
		if a := testing.AllocsPerRun(50, func() {
			if err := Parse(&c, der); err != nil {
				t.Fatal(err)
			}
		}); a != 0 {
			t.Errorf("%s: %v allocs per Parse, want 0", name, a)
		}
	}
}

// genCert issues a P-256 certificate with crypto/x509 for negative parse and
// chain tests; extra extensions are appended as given.
func genCert(t testing.TB, tmpl *x509.Certificate, parent *x509.Certificate, parentKey *ecdsa.PrivateKey) ([]byte, *ecdsa.PrivateKey) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if parent == nil {
		parent, parentKey = tmpl, k
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &k.PublicKey, parentKey)
	if err != nil {
		t.Fatal(err)
	}
	return der, k
}

// TestParseRejects feeds hostile and off-profile certificates; each must be
// rejected with the named rule and never panic.
func TestParseRejects(t *testing.T) {
	base := &x509.Certificate{
		SerialNumber: big.NewInt(7),
		Subject:      pkix.Name{CommonName: "x"},
		NotBefore:    time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	withExt := func(id string, critical bool, val []byte) []byte {
		tm := *base
		var oid asn1.ObjectIdentifier
		for _, p := range strings.Split(id, ".") {
			var n int
			for _, ch := range p {
				n = n*10 + int(ch-'0')
			}
			oid = append(oid, n)
		}
		tm.ExtraExtensions = []pkix.Extension{{Id: oid, Critical: critical, Value: val}}
		der, _ := genCert(t, &tm, nil, nil)
		return der
	}
	good, _ := genCert(t, base, nil, nil)
	var c Certificate
	if err := Parse(&c, good); err != nil {
		t.Fatalf("generated certificate: %v", err)
	}
	if err := Parse(&c, withExt("1.2.3.4", false, []byte{5, 0})); err != nil {
		t.Errorf("unknown non-critical extension: %v", err)
	}
	cases := []struct {
		name string
		der  []byte
		rule Rule
	}{
		{"unknown critical extension", withExt("1.2.3.4", true, []byte{5, 0}), RuleUnknownCriticalExtension},
		{"keyUsage not a BIT STRING", withExt("2.5.29.15", true, []byte{4, 0}), RuleMalformed},
		{"permittedEins with a UTF8String", withExt("2.23.146.1.2.2.0", false, []byte{0x30, 3, 0x0c, 1, '8'}), RuleMalformed},
		{"permittedEins not PrintableString chars", withExt("2.23.146.1.2.2.0", false, []byte{0x30, 3, 0x13, 1, '*'}), RuleMalformed},
		{"basicConstraints negative pathLen", withExt("2.5.29.19", true, []byte{0x30, 6, 1, 1, 0xff, 2, 1, 0xff}), RuleMalformed},
		{"policies empty", withExt("2.5.29.32", true, []byte{0x30, 0}), RuleMalformed},
		{"SAN unknown choice", withExt("2.5.29.17", false, []byte{0x30, 2, 0x89, 0}), RuleMalformed},
		{"nameConstraints empty", withExt("2.5.29.30", true, []byte{0x30, 0}), RuleMalformed},
		{"empty", nil, RuleMalformed},
		{"trailing byte", append(append([]byte{}, good...), 0), RuleMalformed},
		{"truncated", good[:len(good)-1], RuleMalformed},
	}
	for _, tc := range cases {
		err := Parse(&c, tc.der)
		var e *Error
		if !errors.As(err, &e) || e.Rule != tc.rule {
			t.Errorf("%s: got %v, want rule %v", tc.name, err, tc.rule)
		}
	}
	// Every truncation of every SGP.26 certificate fails cleanly.
	for _, name := range allSGP26Certs(t) {
		der := readSGP26(t, name)
		for i := range der {
			if Parse(&c, der[:i]) == nil {
				t.Fatalf("%s truncated to %d bytes parsed", name, i)
			}
		}
	}
}

// TestParseSerial20 checks the RFC 5280 serial bound: 20 octets pass (with a
// sign octet), 21 fail; a negative serial fails.
func TestParseSerial20(t *testing.T) {
	needSGP26(t)
	der := readSGP26(t, "eUICC/CERT_EUICC_ECDSA_NIST.der")
	var c Certificate
	if err := Parse(&c, der); err != nil {
		t.Fatal(err)
	}
	// Re-encode the certificate with another serial (the signature no longer
	// matters for parsing).
	with := func(serial []byte) []byte {
		tbs, _ := asn1der.ParseExpect(c.RawTBSCertificate, asn1der.TagSequence)
		r, _ := asn1der.Children(tbs, asn1der.DER)
		var body []byte
		for !r.Empty() {
			el, _ := r.Next()
			if el.Tag == asn1der.TagInteger {
				body = asn1der.AppendTLV(body, asn1der.TagInteger, serial)
			} else {
				body = append(body, el.Raw...)
			}
		}
		out, m := asn1der.AppendBegin(nil, asn1der.TagSequence)
		out = asn1der.AppendTLV(out, asn1der.TagSequence, body)
		out = append(out, 0x30, 0x0a, 0x06, 0x08)
		out = append(out, oidSigECDSAWithSHA256...)
		out = asn1der.AppendTLV(out, asn1der.TagBitString, append([]byte{0}, c.Signature...))
		return asn1der.AppendEnd(out, m)
	}
	s20 := append([]byte{0x00, 0x80}, bytes.Repeat([]byte{1}, 19)...)
	if err := Parse(&c, with(s20)); err != nil || len(c.SerialNumber) != 20 || c.SerialNumber[0] != 0x80 {
		t.Errorf("20-octet serial: %v (%x)", err, c.SerialNumber)
	}
	if err := Parse(&c, with(bytes.Repeat([]byte{1}, 21))); !errors.Is(err, ErrMalformed) {
		t.Errorf("21-octet serial: %v", err)
	}
	if err := Parse(&c, with([]byte{0xff})); !errors.Is(err, ErrMalformed) {
		t.Errorf("negative serial: %v", err)
	}
}

// TestParseNameForms: names outside the one-attribute, short-length RDN fast
// path (a long CN needing long-form lengths, a multi-valued RDN) parse through
// the general path with the same result crypto/x509 gives.
func TestParseNameForms(t *testing.T) {
	long := strings.Repeat("x", 140)
	multi, err := asn1.Marshal(pkix.RDNSequence{
		{{Type: asn1.ObjectIdentifier{2, 5, 4, 6}, Value: "ES"}},
		{{Type: asn1.ObjectIdentifier{2, 5, 4, 10}, Value: "RSP Test EUM"}, {Type: asn1.ObjectIdentifier{2, 5, 4, 5}, Value: "89049032123451234512345678901235"}},
		{{Type: asn1.ObjectIdentifier{2, 5, 4, 3}, Value: long}},
	})
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), RawSubject: multi,
		NotBefore: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	der, _ := genCert(t, tmpl, nil, nil)
	var c Certificate
	if err := Parse(&c, der); err != nil {
		t.Fatal(err)
	}
	ref, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	diffX509(t, "multi-valued RDN, long CN", &c, ref)
	if string(c.Subject.CommonName) != long || string(c.Subject.SerialNumber) != "89049032123451234512345678901235" || string(c.Subject.Organization) != "RSP Test EUM" {
		t.Errorf("subject %s", c.Subject.String())
	}
	// A repeated serialNumber (two EIDs) is refused.
	dup, _ := asn1.Marshal(pkix.RDNSequence{
		{{Type: asn1.ObjectIdentifier{2, 5, 4, 5}, Value: "1"}},
		{{Type: asn1.ObjectIdentifier{2, 5, 4, 5}, Value: "2"}},
	})
	tmpl.RawSubject = dup
	der, _ = genCert(t, tmpl, nil, nil)
	if err := Parse(&c, der); !errors.Is(err, ErrMalformed) {
		t.Errorf("two serialNumbers: %v", err)
	}
}

// TestSPKIGeneralPath: SPKIs outside the byte-exact fast path (a compressed
// point, an unknown curve, a non-EC key) take the general path.
func TestSPKIGeneralPath(t *testing.T) {
	spki := func(curveOID string, point []byte) []byte {
		alg := asn1der.AppendOID(nil, asn1der.TagOID, asn1der.OID("1.2.840.10045.2.1"))
		if curveOID != "" {
			alg = asn1der.AppendOID(alg, asn1der.TagOID, asn1der.OID(curveOID))
		}
		body := asn1der.AppendTLV(nil, asn1der.TagSequence, alg)
		body = asn1der.AppendTLV(body, asn1der.TagBitString, append([]byte{0}, point...))
		return asn1der.AppendTLV(nil, asn1der.TagSequence, body)
	}
	compressed := append([]byte{0x02}, bytes.Repeat([]byte{7}, 32)...)
	for _, tc := range []struct {
		raw   []byte
		curve Curve
		ok    bool
	}{
		{spki("1.2.840.10045.3.1.7", compressed), P256, true},
		{spki("1.3.36.3.3.2.8.1.1.7", compressed), BrainpoolP256r1, true},
		{spki("1.3.132.0.34", compressed), CurveUnknown, true}, // P-384: parses, the chain rules refuse it
		{spki("", compressed), CurveUnknown, false},            // id-ecPublicKey without a namedCurve
	} {
		var k PublicKeyInfo
		v, _ := one(tc.raw, 0x30)
		err := k.parse(tc.raw, v)
		if (err == nil) != tc.ok || err == nil && (k.Curve != tc.curve || !bytes.Equal(k.Point, compressed) || string(k.Algorithm) != oidECPublicKey) {
			t.Errorf("% x: curve %v, err %v", tc.raw[:8], k.Curve, err)
		}
	}
}
