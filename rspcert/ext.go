package rspcert

import (
	"github.com/rspengine/rspengine/asn1der"
)

// parse walks the contents of the [3] EXPLICIT Extensions of a v3 certificate.
func (e *Extensions) parse(v []byte) error {
	seq, ok := one(v, 0x30)
	if !ok {
		return malformed("extensions", nil)
	}
	r := cursor(seq)
	if r.Empty() {
		return malformed("empty extensions", nil)
	}
	for !r.Empty() {
		ext, _, ok := r.Expect(0x30)
		if !ok {
			return malformed("Extension", nil)
		}
		// Fast path: a 2.5.29.x extension with short lengths, exactly
		// 06 03 55 1D xx [01 01 FF] 04 L value, as the general path would
		// split it. (An explicit FALSE goes the general way.)
		if n := len(ext); n >= 7 && n < 0x80 && ext[0] == 0x06 && ext[1] == 0x03 && ext[2] == 0x55 && ext[3] == 0x1D && ext[4] < 0x80 {
			rest, critical := ext[5:], false
			if len(rest) >= 3 && rest[0] == 0x01 && rest[1] == 0x01 && rest[2] == 0xFF {
				rest, critical = rest[3:], true
			}
			if len(rest) >= 2 && rest[0] == 0x04 && int(rest[1]) == len(rest)-2 {
				if err := e.record(ext[2:5], critical, rest[2:]); err != nil {
					return err
				}
				continue
			}
		}
		er := cursor(ext)
		id, _, ok := er.Expect(0x06)
		if !ok {
			return malformed("extnID", nil)
		}
		if !validOID(id) {
			return malformed("extnID", nil)
		}
		critical := false
		if b, present, ok := er.Optional(0x01); !ok {
			return malformed("critical", nil)
		} else if present {
			// An explicit FALSE breaks DER's DEFAULT rule; it is accepted,
			// as most X.509 parsers do.
			var err error
			if critical, err = asn1der.Bool(tlv(asn1der.TagBoolean, b), asn1der.DER); err != nil {
				return malformed("critical", err)
			}
		}
		val, _, ok := er.Expect(0x04)
		if !ok || !er.Empty() {
			return malformed("extnValue", nil)
		}
		if err := e.record(id, critical, val); err != nil {
			return err
		}
	}
	return nil
}

// record decodes one extension and notes its presence and criticality.
func (e *Extensions) record(id []byte, critical bool, val []byte) error {
	bit, err := e.parseOne(id, val)
	if err != nil {
		return err
	}
	if bit == 0 {
		if critical {
			return &Error{Rule: RuleUnknownCriticalExtension, Detail: "unknown critical extension"}
		}
		return nil
	}
	if e.Present&bit != 0 {
		return malformed("repeated extension", nil)
	}
	e.Present |= bit
	if critical {
		e.Critical |= bit
	}
	return nil
}

// parseOne decodes one known extension and returns its Ext* bit (0 for an
// unknown extension, which is skipped).
func (e *Extensions) parseOne(id, v []byte) (uint16, error) {
	switch string(id) {
	case oidExtSKI:
		k, ok := one(v, 0x04)
		if !ok {
			return 0, malformed("subjectKeyIdentifier", nil)
		}
		e.SubjectKeyID = k
		return ExtSubjectKeyID, nil
	case oidExtAKI:
		return ExtAuthorityKeyID, e.parseAKI(v)
	case oidExtKeyUsage:
		k, ok := one(v, 0x03)
		if !ok {
			return 0, malformed("keyUsage", nil)
		}
		b, err := asn1der.ParseBitString(tlv(asn1der.TagBitString, k), asn1der.DER)
		if err != nil || b.Len() == 0 || b.Len() > 16 {
			return 0, malformed("keyUsage", err)
		}
		e.KeyUsage = KeyUsage(b.NamedBitsMask())
		return ExtKeyUsage, nil
	case oidExtBasicCons:
		return ExtBasicConstraints, e.parseBasicConstraints(v)
	case oidExtPolicies:
		return ExtCertificatePolicies, e.parsePolicies(v)
	case oidExtSAN:
		g, ok := one(v, 0x30)
		if !ok || len(g) == 0 {
			return 0, malformed("subjectAltName", nil)
		}
		if err := checkGeneralNames(g); err != nil {
			return 0, err
		}
		e.SubjectAltName = g
		r := cursor(g)
		for !r.Empty() {
			if tag, val, _, _ := r.Next(); tag == asn1der.Tag(TagRegisteredID) {
				e.RegisteredID = val
				break
			}
		}
		return ExtSubjectAltName, nil
	case oidExtNameCons:
		return ExtNameConstraints, e.parseNameConstraints(v)
	case oidExtCRLDP:
		return ExtCRLDistributionPoints, e.parseCRLDP(v)
	case oidExtEKU:
		l, ok := one(v, 0x30)
		if !ok || len(l) == 0 {
			return 0, malformed("extendedKeyUsage", nil)
		}
		if err := checkOIDList(l); err != nil {
			return 0, err
		}
		e.ExtKeyUsage = l
		return ExtExtendedKeyUsage, nil
	case oidExtPermittedEins:
		l, ok := one(v, 0x30)
		if !ok {
			return 0, malformed("permittedEins", nil)
		}
		r := cursor(l)
		for !r.Empty() {
			s, _, ok := r.Expect(0x13)
			if !ok {
				return 0, malformed("permittedEins entry is not a PrintableString", nil)
			}
			if !printable(s) {
				return 0, malformed("permittedEins entry is not a PrintableString", nil)
			}
		}
		e.PermittedEins = l
		return ExtPermittedEins, nil
	}
	return 0, nil
}

func (e *Extensions) parseAKI(v []byte) error {
	s, ok := one(v, 0x30)
	if !ok {
		return malformed("authorityKeyIdentifier", nil)
	}
	r := cursor(s)
	if k, present, ok := r.Optional(0x80); !ok {
		return malformed("authorityKeyIdentifier keyIdentifier", nil)
	} else if present {
		e.AuthorityKeyID = k
	}
	if g, present, ok := r.Optional(0xA1); !ok {
		return malformed("authorityCertIssuer", nil)
	} else if present {
		if err := checkGeneralNames(g); err != nil {
			return err
		}
	}
	if sn, present, ok := r.Optional(0x82); !ok || present && len(sn) == 0 {
		return malformed("authorityCertSerialNumber", nil)
	}
	if !r.Empty() {
		return malformed("authorityKeyIdentifier: unexpected element", nil)
	}
	return nil
}

func (e *Extensions) parseBasicConstraints(v []byte) error {
	s, ok := one(v, 0x30)
	if !ok {
		return malformed("basicConstraints", nil)
	}
	r := cursor(s)
	if b, present, ok := r.Optional(0x01); !ok {
		return malformed("basicConstraints cA", nil)
	} else if present {
		var err error
		if e.IsCA, err = asn1der.Bool(tlv(asn1der.TagBoolean, b), asn1der.DER); err != nil {
			return malformed("basicConstraints cA", err)
		}
	}
	if n, present, ok := r.Optional(0x02); !ok {
		return malformed("pathLenConstraint", nil)
	} else if present {
		x, err := asn1der.Int64(tlv(asn1der.TagInteger, n))
		if err != nil || x < 0 || x > 1<<20 {
			return malformed("pathLenConstraint out of range", err)
		}
		e.MaxPathLen = int(x)
	}
	if !r.Empty() {
		return malformed("basicConstraints: unexpected element", nil)
	}
	return nil
}

func (e *Extensions) parsePolicies(v []byte) error {
	l, ok := one(v, 0x30)
	if !ok || len(l) == 0 {
		return malformed("certificatePolicies", nil)
	}
	r := cursor(l)
	for !r.Empty() {
		pi, _, ok := r.Expect(0x30)
		if !ok {
			return malformed("PolicyInformation", nil)
		}
		pr := cursor(pi)
		oid, _, ok := pr.Expect(0x06)
		if !ok {
			return malformed("policyIdentifier", nil)
		}
		if !validOID(oid) {
			return malformed("policyIdentifier", nil)
		}
		if !pr.Empty() {
			if _, _, ok := pr.Expect(0x30); !ok || !pr.Empty() {
				return malformed("policyQualifiers", nil)
			}
		}
		if role, v3 := roleOf(oid); role != RoleNone {
			switch e.Role {
			case RoleNone:
				e.Role, e.RoleV3 = role, v3
			case role:
			default:
				e.Role = RoleAmbiguous
			}
		}
	}
	e.Policies = l
	return nil
}

func (e *Extensions) parseNameConstraints(v []byte) error {
	s, ok := one(v, 0x30)
	if !ok {
		return malformed("nameConstraints", nil)
	}
	r := cursor(s)
	for _, tag := range [2]asn1der.Tag{0xA0, 0xA1} {
		st, present, ok := r.Optional(tag)
		if !ok {
			return malformed("nameConstraints subtrees", nil)
		}
		if !present {
			continue
		}
		if len(st) == 0 {
			return malformed("empty GeneralSubtrees", nil)
		}
		if err := checkSubtrees(st); err != nil {
			return err
		}
		if tag == 0xA0 {
			e.PermittedSubtrees = st
		} else {
			e.ExcludedSubtrees = st
		}
	}
	if !r.Empty() {
		return malformed("nameConstraints: unexpected element", nil)
	}
	if e.PermittedSubtrees == nil && e.ExcludedSubtrees == nil {
		return malformed("nameConstraints without subtrees", nil)
	}
	return nil
}

func checkSubtrees(b []byte) error {
	r := cursor(b)
	for !r.Empty() {
		st, _, ok := r.Expect(0x30)
		if !ok {
			return malformed("GeneralSubtree", nil)
		}
		sr := cursor(st)
		tag, val, _, ok := sr.Next()
		if !ok {
			return malformed("GeneralSubtree base", nil)
		}
		if err := checkGeneralName(tag, val); err != nil {
			return err
		}
		for _, t := range [2]asn1der.Tag{0x80, 0x81} {
			if n, present, ok := sr.Optional(t); !ok {
				return malformed("GeneralSubtree minimum/maximum", nil)
			} else if present {
				if _, err := asn1der.UnsignedBytes(tlv(asn1der.TagInteger, n)); err != nil {
					return malformed("GeneralSubtree minimum/maximum", err)
				}
			}
		}
		if !sr.Empty() {
			return malformed("GeneralSubtree: unexpected element", nil)
		}
	}
	return nil
}

func (e *Extensions) parseCRLDP(v []byte) error {
	l, ok := one(v, 0x30)
	if !ok || len(l) == 0 {
		return malformed("cRLDistributionPoints", nil)
	}
	r := cursor(l)
	for !r.Empty() {
		dp, _, ok := r.Expect(0x30)
		if !ok {
			return malformed("DistributionPoint", nil)
		}
		dr := cursor(dp)
		if n, present, ok := dr.Optional(0xA0); !ok {
			return malformed("distributionPoint", nil)
		} else if present {
			nr := cursor(n)
			tag, val, _, ok := nr.Next()
			if !ok || !nr.Empty() {
				return malformed("DistributionPointName", nil)
			}
			switch tag {
			case 0xA0: // fullName GeneralNames
				if len(val) == 0 {
					return malformed("empty fullName", nil)
				}
				if err := checkGeneralNames(val); err != nil {
					return err
				}
			case 0xA1: // nameRelativeToCRLIssuer
				if err := checkRDN(val); err != nil {
					return err
				}
			default:
				return malformed("DistributionPointName", nil)
			}
		}
		if _, _, ok := dr.Optional(0x81); !ok {
			return malformed("reasons", nil)
		}
		if g, present, ok := dr.Optional(0xA2); !ok {
			return malformed("cRLIssuer", nil)
		} else if present {
			if err := checkGeneralNames(g); err != nil {
				return err
			}
		}
		if !dr.Empty() {
			return malformed("DistributionPoint: unexpected element", nil)
		}
	}
	e.CRLDistributionPoints = l
	return nil
}

// General name tags (RFC 5280 §4.2.1.6, IMPLICIT except directoryName, which
// is EXPLICIT because Name is a CHOICE).
const (
	TagOtherName     asn1der.Tag = 0xA0
	TagRFC822Name    asn1der.Tag = 0x81
	TagDNSName       asn1der.Tag = 0x82
	TagX400Address   asn1der.Tag = 0xA3
	TagDirectoryName asn1der.Tag = 0xA4
	TagEDIPartyName  asn1der.Tag = 0xA5
	TagURI           asn1der.Tag = 0x86
	TagIPAddress     asn1der.Tag = 0x87
	TagRegisteredID  asn1der.Tag = 0x88
)

func checkGeneralNames(b []byte) error {
	r := cursor(b)
	for !r.Empty() {
		tag, val, _, ok := r.Next()
		if !ok {
			return malformed("GeneralName", nil)
		}
		if err := checkGeneralName(tag, val); err != nil {
			return err
		}
	}
	return nil
}

func checkGeneralName(tag asn1der.Tag, val []byte) error {
	switch asn1der.Tag(tag) {
	case TagOtherName, TagX400Address, TagEDIPartyName, TagRFC822Name, TagDNSName, TagURI, TagIPAddress:
		return nil
	case TagRegisteredID:
		if !validOID(val) {
			return malformed("registeredID", nil)
		}
		return nil
	case TagDirectoryName:
		c := cursor(val)
		n, raw, ok := c.Expect(0x30)
		if !ok || !c.Empty() {
			return malformed("directoryName", nil)
		}
		var nm Name
		return parseName(&nm, raw, n)
	}
	return malformed("GeneralName: unknown choice", nil)
}

// checkRDN checks the contents of a RelativeDistinguishedName (SET OF
// AttributeTypeAndValue).
func checkRDN(b []byte) error {
	r := cursor(b)
	if r.Empty() {
		return malformed("empty RelativeDistinguishedName", nil)
	}
	for !r.Empty() {
		atv, _, ok := r.Expect(0x30)
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
		if _, _, _, ok := ar.Next(); !ok || !ar.Empty() {
			return malformed("AttributeValue", nil)
		}
	}
	return nil
}

func checkOIDList(b []byte) error {
	r := cursor(b)
	for !r.Empty() {
		o, _, ok := r.Expect(0x06)
		if !ok {
			return malformed("OBJECT IDENTIFIER list", nil)
		}
		if !validOID(o) {
			return malformed("OBJECT IDENTIFIER list", nil)
		}
	}
	return nil
}

// printable reports whether b holds only PrintableString characters (X.680 §41.4).
func printable(b []byte) bool {
	for _, c := range b {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == ' ', c == '\'', c == '(', c == ')', c == '+', c == ',', c == '-', c == '.', c == '/', c == ':', c == '=', c == '?':
		default:
			return false
		}
	}
	return true
}

// GeneralNames walks GeneralNames contents (subjectAltName, a CRL
// distribution point's fullName). The zero value is empty.
type GeneralNames struct{ rest []byte }

// NewGeneralNames returns an iterator over validated GeneralNames contents,
// such as [Extensions.SubjectAltName].
func NewGeneralNames(b []byte) GeneralNames { return GeneralNames{rest: b} }

// Next returns the next GeneralName (Tag is one of the Tag* constants, Value
// its contents; for TagDirectoryName Value is the Name TLV).
func (g *GeneralNames) Next() (asn1der.TLV, bool) {
	r := asn1der.NewReader(g.rest)
	if r.Empty() {
		return asn1der.TLV{}, false
	}
	t, err := r.Next()
	if err != nil {
		g.rest = nil
		return asn1der.TLV{}, false
	}
	g.rest = r.Rest()
	return t, true
}

// OIDs walks a list of OBJECT IDENTIFIERs: the policy OIDs of
// [Extensions.Policies] ([Extensions.PolicyOIDs]) or the extendedKeyUsage
// purposes ([Extensions.ExtKeyUsageOIDs]).
type OIDs struct {
	rest     []byte
	policies bool
}

// PolicyOIDs returns an iterator over the certificatePolicies OIDs.
func (e *Extensions) PolicyOIDs() OIDs { return OIDs{rest: e.Policies, policies: true} }

// ExtKeyUsageOIDs returns an iterator over the extendedKeyUsage OIDs.
func (e *Extensions) ExtKeyUsageOIDs() OIDs { return OIDs{rest: e.ExtKeyUsage} }

// Next returns the next OID's contents octets.
func (o *OIDs) Next() ([]byte, bool) {
	r := asn1der.NewReader(o.rest)
	if r.Empty() {
		return nil, false
	}
	t, err := r.Next()
	if err != nil {
		o.rest = nil
		return nil, false
	}
	o.rest = r.Rest()
	if o.policies {
		pr := asn1der.NewReader(t.Value)
		if t, err = pr.Next(); err != nil {
			o.rest = nil
			return nil, false
		}
	}
	return t.Value, true
}

// Subtrees walks nameConstraints GeneralSubtrees contents
// ([Extensions.PermittedSubtrees]).
type Subtrees struct{ rest []byte }

// NewSubtrees returns an iterator over validated GeneralSubtrees contents.
func NewSubtrees(b []byte) Subtrees { return Subtrees{rest: b} }

// Next returns the base GeneralName of the next subtree.
func (s *Subtrees) Next() (asn1der.TLV, bool) {
	r := asn1der.NewReader(s.rest)
	if r.Empty() {
		return asn1der.TLV{}, false
	}
	st, err := r.Next()
	if err != nil {
		s.rest = nil
		return asn1der.TLV{}, false
	}
	s.rest = r.Rest()
	sr := asn1der.NewReader(st.Value)
	base, err := sr.Next()
	if err != nil {
		s.rest = nil
		return asn1der.TLV{}, false
	}
	return base, true
}

// DirectoryName parses a directoryName GeneralName (from [Subtrees] or
// [GeneralNames]) into n.
func DirectoryName(n *Name, g asn1der.TLV) error {
	if g.Tag != TagDirectoryName {
		return malformed("not a directoryName", nil)
	}
	t, err := asn1der.ParseExpect(g.Value, asn1der.TagSequence)
	if err != nil {
		return malformed("directoryName", err)
	}
	*n = Name{}
	return parseName(n, t.Raw, t.Value)
}

// Strings walks a SEQUENCE OF string contents, such as
// [Extensions.PermittedEins].
type Strings struct{ rest []byte }

// NewStrings returns an iterator over validated SEQUENCE OF string contents.
func NewStrings(b []byte) Strings { return Strings{rest: b} }

// Next returns the next string's contents.
func (s *Strings) Next() ([]byte, bool) {
	r := asn1der.NewReader(s.rest)
	if r.Empty() {
		return nil, false
	}
	t, err := r.Next()
	if err != nil {
		s.rest = nil
		return nil, false
	}
	s.rest = r.Rest()
	return t.Value, true
}

// CRLDistributionPointURIs returns an iterator over the URIs in the fullName
// of every CRL distribution point (GeneralNames whose Tag is TagURI carry a
// URI; other names are returned too).
func (e *Extensions) CRLDistributionPointURIs() CRLURIs { return CRLURIs{dps: e.CRLDistributionPoints} }

// CRLURIs walks the fullName GeneralNames of CRL distribution points.
type CRLURIs struct {
	dps []byte
	cur GeneralNames
}

// Next returns the next GeneralName of a fullName.
func (c *CRLURIs) Next() (asn1der.TLV, bool) {
	for {
		if g, ok := c.cur.Next(); ok {
			return g, true
		}
		r := asn1der.NewReader(c.dps)
		if r.Empty() {
			return asn1der.TLV{}, false
		}
		dp, err := r.Next()
		if err != nil {
			c.dps = nil
			return asn1der.TLV{}, false
		}
		c.dps = r.Rest()
		dr := asn1der.NewReader(dp.Value)
		if n, ok, _ := dr.Optional(0xA0); ok {
			nr := asn1der.NewReader(n.Value)
			if fn, ok, _ := nr.Optional(0xA0); ok {
				c.cur = GeneralNames{rest: fn.Value}
			}
		}
	}
}
