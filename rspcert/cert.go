package rspcert

import (
	"time"

	"github.com/rspengine/rspengine/asn1der"
)

// Certificate is a view of one DER X.509 certificate (RFC 5280 §4.1). Every
// []byte field is a sub-slice of the input given to [Parse]: keep that input
// alive and unchanged while the view is in use.
type Certificate struct {
	Raw               []byte // the whole certificate
	RawTBSCertificate []byte // the TBSCertificate TLV, header included: the signed bytes
	Version           int    // 1, 2 or 3 (RSP requires 3)
	// SerialNumber is the magnitude of the serial, big-endian, without the
	// sign octet (at most 20 octets, RFC 5280 §4.1.2.2).
	SerialNumber []byte
	// SignatureAlgorithm is the OID contents of the signature algorithm;
	// SignatureAlgorithmParams the raw parameters TLV, if any (ECDSA has none).
	SignatureAlgorithm       []byte
	SignatureAlgorithmParams []byte
	Issuer, Subject          Name
	NotBefore, NotAfter      time.Time // UTC
	PublicKey                PublicKeyInfo
	Extensions               Extensions
	// Signature is the signatureValue BIT STRING's bytes: for ECDSA a DER
	// ECDSA-Sig-Value.
	Signature []byte
}

// Name is a view of an X.501 Name with the attributes RSP certificates use.
// Each attribute is the value's contents octets (PrintableString or
// UTF8String in practice); nil when absent.
type Name struct {
	Raw                []byte // the Name TLV (SEQUENCE OF RelativeDistinguishedName), header included
	Country            []byte // C, 2.5.4.6
	Organization       []byte // O, 2.5.4.10
	OrganizationalUnit []byte // OU, 2.5.4.11 (the first one)
	CommonName         []byte // CN, 2.5.4.3
	SerialNumber       []byte // serialNumber, 2.5.4.5: the EID in CERT.EUICC, the EID prefix in a name constraint
}

// PublicKeyInfo is a view of the SubjectPublicKeyInfo.
type PublicKeyInfo struct {
	Raw       []byte // the SubjectPublicKeyInfo TLV
	Algorithm []byte // OID contents (id-ecPublicKey for RSP)
	CurveOID  []byte // namedCurve OID contents, for id-ecPublicKey
	Curve     Curve  // CurveUnknown when the OID is neither P-256 nor brainpoolP256r1
	Point     []byte // the subjectPublicKey bytes: an SEC1 point (04‖X‖Y) for EC keys
}

// KeyUsage is the keyUsage extension as a mask: bit i is named bit i of
// RFC 5280 §4.2.1.3 (the same values as crypto/x509.KeyUsage).
type KeyUsage uint16

// The key usages RSP profiles use.
const (
	KeyUsageDigitalSignature KeyUsage = 1 << 0
	KeyUsageKeyCertSign      KeyUsage = 1 << 5
	KeyUsageCRLSign          KeyUsage = 1 << 6
)

// Extension presence bits, for [Extensions.Present] and [Extensions.Critical].
const (
	ExtSubjectKeyID uint16 = 1 << iota
	ExtAuthorityKeyID
	ExtKeyUsage
	ExtBasicConstraints
	ExtCertificatePolicies
	ExtSubjectAltName
	ExtNameConstraints
	ExtCRLDistributionPoints
	ExtExtendedKeyUsage
	ExtPermittedEins
)

// Extensions holds the extensions RSP profiles use. Lists are kept as their
// validated DER contents and walked with the iterators ([OIDs],
// [GeneralNames], ...), so that no parse allocates.
type Extensions struct {
	Present  uint16 // Ext* bits of the extensions present
	Critical uint16 // Ext* bits of the extensions marked critical

	SubjectKeyID   []byte // SKI keyIdentifier
	AuthorityKeyID []byte // AKI keyIdentifier ([0]); nil when absent

	KeyUsage KeyUsage

	IsCA       bool // basicConstraints cA
	MaxPathLen int  // basicConstraints pathLenConstraint; -1 when absent

	// Policies holds the certificatePolicies contents (SEQUENCE OF
	// PolicyInformation); Role is the RSP role found there (RoleAmbiguous if
	// several) and RoleV3 whether it was the v3 OID form.
	Policies []byte
	Role     Role
	RoleV3   bool

	// SubjectAltName holds the GeneralNames contents; RegisteredID the first
	// registeredID in it (the SM-DP+ OID in CERT.DPauth / CERT.DPpb).
	SubjectAltName []byte
	RegisteredID   []byte

	// PermittedSubtrees and ExcludedSubtrees hold the nameConstraints
	// GeneralSubtrees contents.
	PermittedSubtrees []byte
	ExcludedSubtrees  []byte

	// PermittedEins holds the contents of the GSMA permittedEins extension
	// (2.23.146.1.2.2.0, SEQUENCE OF PrintableString).
	PermittedEins []byte

	// CRLDistributionPoints holds the CRLDistributionPoints contents.
	CRLDistributionPoints []byte

	// ExtKeyUsage holds the extendedKeyUsage contents (SEQUENCE OF OID).
	ExtKeyUsage []byte
}

// Has reports whether the extensions with the given Ext* bits are all present.
func (e *Extensions) Has(bits uint16) bool { return e.Present&bits == bits }

// IsCritical reports whether the extension with the given Ext* bit is marked critical.
func (e *Extensions) IsCritical(bit uint16) bool { return e.Critical&bit != 0 }

// HasPolicy reports whether certificatePolicies lists the policy OID (contents octets).
func (e *Extensions) HasPolicy(oid []byte) bool {
	it := OIDs{rest: e.Policies, policies: true}
	for {
		p, ok := it.Next()
		if !ok {
			return false
		}
		if string(p) == string(oid) {
			return true
		}
	}
}

// Parse fills c with a view of the DER certificate der. It checks the whole
// structure (strict DER, RFC 5280 §4.1 field order, every extension RSP uses
// down to its leaves), rejects unknown critical extensions and duplicate
// extensions, and allocates nothing when der is well formed. Errors are
// *Error with RuleMalformed, RuleUnknownCriticalExtension or RuleVersion.
func Parse(c *Certificate, der []byte) error {
	*c = Certificate{}
	c.Extensions.MaxPathLen = -1
	top, err := asn1der.ParseExpect(der, asn1der.TagSequence)
	if err != nil {
		return malformed("Certificate", err)
	}
	c.Raw = top.Raw
	r := asn1der.NewReader(top.Value)
	tbs, err := r.Expect(asn1der.TagSequence)
	if err != nil {
		return malformed("tbsCertificate", err)
	}
	alg, err := r.Expect(asn1der.TagSequence)
	if err != nil {
		return malformed("signatureAlgorithm", err)
	}
	sv, err := r.Expect(asn1der.TagBitString)
	if err != nil {
		return malformed("signatureValue", err)
	}
	if !r.Empty() {
		return malformed("bytes after signatureValue", nil)
	}
	bs, err := asn1der.ParseBitString(sv, asn1der.DER)
	if err != nil || bs.Unused != 0 {
		return malformed("signatureValue", err)
	}
	c.Signature = bs.Bytes
	c.RawTBSCertificate = tbs.Raw
	if c.SignatureAlgorithm, c.SignatureAlgorithmParams, err = parseAlgorithm(alg); err != nil {
		return err
	}
	return c.parseTBS(tbs, alg.Raw)
}

func parseAlgorithm(alg asn1der.TLV) (oid, params []byte, err error) {
	r, _ := asn1der.Children(alg, asn1der.DER)
	o, err := r.Expect(asn1der.TagOID)
	if err != nil {
		return nil, nil, malformed("AlgorithmIdentifier", err)
	}
	if err := asn1der.CheckOID(o); err != nil {
		return nil, nil, malformed("AlgorithmIdentifier", err)
	}
	if !r.Empty() {
		p, err := r.Next()
		if err != nil {
			return nil, nil, malformed("AlgorithmIdentifier parameters", err)
		}
		if !r.Empty() {
			return nil, nil, malformed("AlgorithmIdentifier: extra elements", nil)
		}
		params = p.Raw
	}
	return o.Value, params, nil
}

func (c *Certificate) parseTBS(tbs asn1der.TLV, outerAlg []byte) error {
	r, _ := asn1der.Children(tbs, asn1der.DER)
	c.Version = 1
	if v, ok, err := r.Optional(0xA0); err != nil {
		return malformed("version", err)
	} else if ok {
		vr, _ := asn1der.Children(v, asn1der.DER)
		n, err := vr.Expect(asn1der.TagInteger)
		if err != nil || !vr.Empty() {
			return malformed("version", err)
		}
		x, err := asn1der.Int64(n)
		if err != nil {
			return malformed("version", err)
		}
		if x < 0 || x > 2 {
			return &Error{Rule: RuleVersion, Detail: "version number out of range"}
		}
		if x == 0 {
			// DEFAULT v1 must be omitted in DER.
			return malformed("version v1 encoded explicitly", nil)
		}
		c.Version = int(x) + 1
	}
	sn, err := r.Expect(asn1der.TagInteger)
	if err != nil {
		return malformed("serialNumber", err)
	}
	if c.SerialNumber, err = asn1der.UnsignedBytes(sn); err != nil {
		return malformed("serialNumber", err)
	}
	if len(c.SerialNumber) > 20 {
		return malformed("serialNumber longer than 20 octets", nil)
	}
	alg, err := r.Expect(asn1der.TagSequence)
	if err != nil {
		return malformed("signature", err)
	}
	if string(alg.Raw) != string(outerAlg) {
		return malformed("signature algorithm differs from the outer signatureAlgorithm", nil)
	}
	is, err := r.Expect(asn1der.TagSequence)
	if err != nil {
		return malformed("issuer", err)
	}
	if err := parseName(&c.Issuer, is); err != nil {
		return err
	}
	val, err := r.Expect(asn1der.TagSequence)
	if err != nil {
		return malformed("validity", err)
	}
	if err := c.parseValidity(val); err != nil {
		return err
	}
	sub, err := r.Expect(asn1der.TagSequence)
	if err != nil {
		return malformed("subject", err)
	}
	if err := parseName(&c.Subject, sub); err != nil {
		return err
	}
	spki, err := r.Expect(asn1der.TagSequence)
	if err != nil {
		return malformed("subjectPublicKeyInfo", err)
	}
	if err := c.PublicKey.parse(spki); err != nil {
		return err
	}
	if _, ok, err := r.Optional(0x81); err != nil || ok && c.Version < 2 {
		return malformed("issuerUniqueID", err)
	}
	if _, ok, err := r.Optional(0x82); err != nil || ok && c.Version < 2 {
		return malformed("subjectUniqueID", err)
	}
	ext, ok, err := r.Optional(0xA3)
	if err != nil {
		return malformed("extensions", err)
	}
	if ok {
		if c.Version != 3 {
			return malformed("extensions in a certificate before v3", nil)
		}
		if err := c.Extensions.parse(ext); err != nil {
			return err
		}
	}
	if !r.Empty() {
		return malformed("bytes after the last TBSCertificate field", nil)
	}
	return nil
}

func (c *Certificate) parseValidity(v asn1der.TLV) error {
	r, _ := asn1der.Children(v, asn1der.DER)
	var err error
	for i := range 2 {
		t, e := r.Next()
		if e != nil {
			return malformed("validity", e)
		}
		var tm time.Time
		if tm, err = asn1der.ParseTime(t); err != nil {
			return malformed("validity", err)
		}
		if i == 0 {
			c.NotBefore = tm
		} else {
			c.NotAfter = tm
		}
	}
	if !r.Empty() {
		return malformed("validity: extra elements", nil)
	}
	return nil
}

func (k *PublicKeyInfo) parse(spki asn1der.TLV) error {
	k.Raw = spki.Raw
	r, _ := asn1der.Children(spki, asn1der.DER)
	alg, err := r.Expect(asn1der.TagSequence)
	if err != nil {
		return malformed("subjectPublicKeyInfo algorithm", err)
	}
	oid, params, err := parseAlgorithm(alg)
	if err != nil {
		return err
	}
	k.Algorithm = oid
	if string(oid) == oidECPublicKey {
		p, err := asn1der.ParseExpect(params, asn1der.TagOID)
		if err != nil {
			return malformed("ECParameters: not a namedCurve", err)
		}
		if err := asn1der.CheckOID(p); err != nil {
			return malformed("namedCurve", err)
		}
		k.CurveOID = p.Value
		switch string(p.Value) {
		case oidPrime256v1:
			k.Curve = P256
		case oidBrainpoolP256r1:
			k.Curve = BrainpoolP256r1
		}
	}
	bits, err := r.Expect(asn1der.TagBitString)
	if err != nil {
		return malformed("subjectPublicKey", err)
	}
	b, err := asn1der.ParseBitString(bits, asn1der.DER)
	if err != nil || b.Unused != 0 {
		return malformed("subjectPublicKey", err)
	}
	if !r.Empty() {
		return malformed("subjectPublicKeyInfo: extra elements", nil)
	}
	k.Point = b.Bytes
	return nil
}

// parseName checks a Name (SEQUENCE OF SET OF AttributeTypeAndValue) and picks
// out the attributes RSP uses. A repeated C, O, CN or serialNumber is
// rejected: an EID must be unambiguous.
func parseName(n *Name, t asn1der.TLV) error {
	n.Raw = t.Raw
	r, err := asn1der.Children(t, asn1der.DER)
	if err != nil {
		return malformed("Name", err)
	}
	for !r.Empty() {
		set, err := r.Expect(asn1der.TagSet)
		if err != nil {
			return malformed("RelativeDistinguishedName", err)
		}
		sr, _ := asn1der.Children(set, asn1der.DER)
		if sr.Empty() {
			return malformed("empty RelativeDistinguishedName", nil)
		}
		for !sr.Empty() {
			atv, err := sr.Expect(asn1der.TagSequence)
			if err != nil {
				return malformed("AttributeTypeAndValue", err)
			}
			ar, _ := asn1der.Children(atv, asn1der.DER)
			typ, err := ar.Expect(asn1der.TagOID)
			if err != nil {
				return malformed("AttributeType", err)
			}
			if err := asn1der.CheckOID(typ); err != nil {
				return malformed("AttributeType", err)
			}
			val, err := ar.Next()
			if err != nil || !ar.Empty() {
				return malformed("AttributeValue", err)
			}
			var dst *[]byte
			switch string(typ.Value) {
			case oidAttrCountry:
				dst = &n.Country
			case oidAttrOrganization:
				dst = &n.Organization
			case oidAttrCommonName:
				dst = &n.CommonName
			case oidAttrSerialNumber:
				dst = &n.SerialNumber
			case oidAttrOrgUnit:
				if n.OrganizationalUnit == nil {
					n.OrganizationalUnit = val.Value[:len(val.Value):len(val.Value)]
				}
				continue
			default:
				continue
			}
			if val.Tag.Constructed() {
				return malformed("AttributeValue is not a string", nil)
			}
			if *dst != nil {
				return malformed("repeated name attribute", nil)
			}
			*dst = val.Value[:len(val.Value):len(val.Value)]
		}
	}
	return nil
}

// String returns the name in a one-line form ("C=ES, O=RSP Test EUM, CN=EUM
// Test") with the attributes this view keeps. It allocates.
func (n *Name) String() string {
	var b []byte
	add := func(k string, v []byte) {
		if v == nil {
			return
		}
		if len(b) > 0 {
			b = append(b, ", "...)
		}
		b = append(b, k...)
		b = append(b, '=')
		b = append(b, v...)
	}
	add("C", n.Country)
	add("O", n.Organization)
	add("OU", n.OrganizationalUnit)
	add("serialNumber", n.SerialNumber)
	add("CN", n.CommonName)
	return string(b)
}
