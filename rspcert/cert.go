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
	top, ok := one(der, 0x30)
	if !ok {
		return malformed("Certificate is not one DER SEQUENCE", nil)
	}
	c.Raw = der
	r := cursor(top)
	tbs, tbsRaw, ok := r.Expect(0x30)
	if !ok {
		return malformed("tbsCertificate", nil)
	}
	_, algRaw, ok := r.Expect(0x30)
	if !ok {
		return malformed("signatureAlgorithm", nil)
	}
	sv, _, ok := r.Expect(0x03)
	if !ok || !r.Empty() {
		return malformed("signatureValue", nil)
	}
	bs, err := asn1der.ParseBitString(tlv(asn1der.TagBitString, sv), asn1der.DER)
	if err != nil || bs.Unused != 0 {
		return malformed("signatureValue", err)
	}
	c.Signature = bs.Bytes
	c.RawTBSCertificate = tbsRaw
	if c.SignatureAlgorithm, c.SignatureAlgorithmParams, err = parseAlgorithm(algRaw); err != nil {
		return err
	}
	return c.parseTBS(tbs, algRaw)
}

// algECDSAWithSHA256 is the whole AlgorithmIdentifier TLV of
// ecdsa-with-SHA256 without parameters (RFC 5758 §3.2).
const algECDSAWithSHA256 = "\x30\x0a\x06\x08" + oidSigECDSAWithSHA256

// parseAlgorithm checks an AlgorithmIdentifier TLV.
func parseAlgorithm(raw []byte) (oid, params []byte, err error) {
	if string(raw) == algECDSAWithSHA256 {
		return raw[4:], nil, nil
	}
	v, _ := one(raw, 0x30)
	r := cursor(v)
	o, _, ok := r.Expect(0x06)
	if !ok {
		return nil, nil, malformed("AlgorithmIdentifier", nil)
	}
	if !validOID(o) {
		return nil, nil, malformed("AlgorithmIdentifier", nil)
	}
	if !r.Empty() {
		_, _, p, ok := r.Next()
		if !ok || !r.Empty() {
			return nil, nil, malformed("AlgorithmIdentifier parameters", nil)
		}
		params = p
	}
	return o, params, nil
}

func (c *Certificate) parseTBS(tbs, outerAlg []byte) error {
	r := cursor(tbs)
	c.Version = 1
	if v, present, ok := r.Optional(0xA0); !ok {
		return malformed("version", nil)
	} else if present {
		n, ok := one(v, 0x02)
		if !ok {
			return malformed("version", nil)
		}
		x, err := asn1der.Int64(tlv(asn1der.TagInteger, n))
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
	sn, _, ok := r.Expect(0x02)
	if !ok {
		return malformed("serialNumber", nil)
	}
	var err error
	if c.SerialNumber, err = asn1der.UnsignedBytes(tlv(asn1der.TagInteger, sn)); err != nil {
		return malformed("serialNumber", err)
	}
	if len(c.SerialNumber) > 20 {
		return malformed("serialNumber longer than 20 octets", nil)
	}
	if _, alg, ok := r.Expect(0x30); !ok || string(alg) != string(outerAlg) {
		return malformed("signature algorithm missing or not the outer signatureAlgorithm", nil)
	}
	is, isRaw, ok := r.Expect(0x30)
	if !ok {
		return malformed("issuer", nil)
	}
	if err := parseName(&c.Issuer, isRaw, is); err != nil {
		return err
	}
	val, _, ok := r.Expect(0x30)
	if !ok {
		return malformed("validity", nil)
	}
	if err := c.parseValidity(val); err != nil {
		return err
	}
	sub, subRaw, ok := r.Expect(0x30)
	if !ok {
		return malformed("subject", nil)
	}
	if err := parseName(&c.Subject, subRaw, sub); err != nil {
		return err
	}
	spki, spkiRaw, ok := r.Expect(0x30)
	if !ok {
		return malformed("subjectPublicKeyInfo", nil)
	}
	if err := c.PublicKey.parse(spkiRaw, spki); err != nil {
		return err
	}
	if _, present, ok := r.Optional(0x81); !ok || present && c.Version < 2 {
		return malformed("issuerUniqueID", nil)
	}
	if _, present, ok := r.Optional(0x82); !ok || present && c.Version < 2 {
		return malformed("subjectUniqueID", nil)
	}
	ext, present, ok := r.Optional(0xA3)
	if !ok {
		return malformed("extensions", nil)
	}
	if present {
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

func (c *Certificate) parseValidity(v []byte) error {
	r := cursor(v)
	for i := range 2 {
		tag, val, _, ok := r.Next()
		if !ok {
			return malformed("validity", nil)
		}
		tm, err := asn1der.ParseTime(tlv(asn1der.Tag(tag), val))
		if err != nil {
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

// The fixed start of an uncompressed-point SubjectPublicKeyInfo on each RSP
// curve: SEQUENCE { SEQUENCE { id-ecPublicKey, namedCurve }, BIT STRING
// (0 unused bits) }, up to the point's first octet.
const (
	spkiP256Prefix  = "\x30\x59\x30\x13\x06\x07" + oidECPublicKey + "\x06\x08" + oidPrime256v1 + "\x03\x42\x00"
	spkiBP256Prefix = "\x30\x5a\x30\x14\x06\x07" + oidECPublicKey + "\x06\x09" + oidBrainpoolP256r1 + "\x03\x42\x00"
)

func (k *PublicKeyInfo) parse(raw, v []byte) error {
	k.Raw = raw
	// Fast path: the two SPKIs RSP uses, byte for byte as the general path
	// below would split them.
	for _, f := range [2]struct {
		prefix string
		curve  Curve
		oidAt  int
	}{{spkiP256Prefix, P256, 15}, {spkiBP256Prefix, BrainpoolP256r1, 15}} {
		if len(raw) == len(f.prefix)+65 && string(raw[:len(f.prefix)]) == f.prefix {
			k.Algorithm = raw[6 : 6+len(oidECPublicKey)]
			k.CurveOID = raw[f.oidAt : len(f.prefix)-3]
			k.Curve = f.curve
			k.Point = raw[len(f.prefix):]
			return nil
		}
	}
	r := cursor(v)
	_, algRaw, ok := r.Expect(0x30)
	if !ok {
		return malformed("subjectPublicKeyInfo algorithm", nil)
	}
	oid, params, err := parseAlgorithm(algRaw)
	if err != nil {
		return err
	}
	k.Algorithm = oid
	if string(oid) == oidECPublicKey {
		p, ok := one(params, 0x06)
		if !ok {
			return malformed("ECParameters: not a namedCurve", nil)
		}
		if !validOID(p) {
			return malformed("namedCurve", nil)
		}
		k.CurveOID = p
		switch string(p) {
		case oidPrime256v1:
			k.Curve = P256
		case oidBrainpoolP256r1:
			k.Curve = BrainpoolP256r1
		}
	}
	bits, _, ok := r.Expect(0x03)
	if !ok || !r.Empty() {
		return malformed("subjectPublicKey", nil)
	}
	b, err := asn1der.ParseBitString(tlv(asn1der.TagBitString, bits), asn1der.DER)
	if err != nil || b.Unused != 0 {
		return malformed("subjectPublicKey", err)
	}
	k.Point = b.Bytes
	return nil
}

// parseName checks a Name (SEQUENCE OF SET OF AttributeTypeAndValue; raw is
// the TLV, v its contents) and picks out the attributes RSP uses. A repeated
// C, O, CN or serialNumber is rejected: an EID must be unambiguous.
func parseName(n *Name, raw, v []byte) error {
	n.Raw = raw
	r := cursor(v)
	for !r.Empty() {
		set, _, ok := r.Expect(0x31)
		if !ok {
			return malformed("RelativeDistinguishedName", nil)
		}
		// Fast path for the usual RDN: one AttributeTypeAndValue whose type
		// is a 2.5.4.x attribute and whose lengths are all short — exactly
		// the bytes 30 L 06 03 55 04 xx T L' value, which the general loop
		// below would accept and split the same way.
		if len(set) >= 9 && len(set) < 0x82 && set[0] == 0x30 && int(set[1]) == len(set)-2 && set[2] == 0x06 && set[3] == 0x03 &&
			set[4] == 0x55 && set[5] == 0x04 && set[6] < 0x80 && set[7]&0x1F != 0x1F && set[7] != 0 &&
			int(set[8]) == len(set)-9 {
			if err := n.set(set[4:7], asn1der.Tag(set[7]), set[9:]); err != nil {
				return err
			}
			continue
		}
		sr := cursor(set)
		if sr.Empty() {
			return malformed("empty RelativeDistinguishedName", nil)
		}
		for !sr.Empty() {
			atv, _, ok := sr.Expect(0x30)
			if !ok {
				return malformed("AttributeTypeAndValue", nil)
			}
			ar := cursor(atv)
			typ, _, ok := ar.Expect(0x06)
			if !ok {
				return malformed("AttributeType", nil)
			}
			if !validOID(typ) {
				return malformed("AttributeType", nil)
			}
			vt, val, _, ok := ar.Next()
			if !ok || !ar.Empty() {
				return malformed("AttributeValue", nil)
			}
			if err := n.set(typ, vt, val); err != nil {
				return err
			}
		}
	}
	return nil
}

// set records one attribute of a name.
func (n *Name) set(typ []byte, vt asn1der.Tag, val []byte) error {
	var dst *[]byte
	switch string(typ) {
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
			n.OrganizationalUnit = val
		}
		return nil
	default:
		return nil
	}
	if vt&0x20 != 0 {
		return malformed("AttributeValue is not a string", nil)
	}
	if *dst != nil {
		return malformed("repeated name attribute", nil)
	}
	*dst = val
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
