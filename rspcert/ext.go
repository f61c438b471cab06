package rspcert

import (
	"github.com/rspengine/rspengine/asn1der"
)

// parse walks the [3] EXPLICIT Extensions of a v3 certificate.
func (e *Extensions) parse(t asn1der.TLV) error {
	outer, _ := asn1der.Children(t, asn1der.DER)
	seq, err := outer.Expect(asn1der.TagSequence)
	if err != nil || !outer.Empty() {
		return malformed("extensions", err)
	}
	r, _ := asn1der.Children(seq, asn1der.DER)
	if r.Empty() {
		return malformed("empty extensions", nil)
	}
	for !r.Empty() {
		ext, err := r.Expect(asn1der.TagSequence)
		if err != nil {
			return malformed("Extension", err)
		}
		er, _ := asn1der.Children(ext, asn1der.DER)
		id, err := er.Expect(asn1der.TagOID)
		if err != nil {
			return malformed("extnID", err)
		}
		if err := asn1der.CheckOID(id); err != nil {
			return malformed("extnID", err)
		}
		critical := false
		if b, ok, err := er.Optional(asn1der.TagBoolean); err != nil {
			return malformed("critical", err)
		} else if ok {
			// An explicit FALSE breaks DER's DEFAULT rule; it is accepted,
			// as most X.509 parsers do.
			if critical, err = asn1der.Bool(b, asn1der.DER); err != nil {
				return malformed("critical", err)
			}
		}
		val, err := er.Expect(asn1der.TagOctetString)
		if err != nil || !er.Empty() {
			return malformed("extnValue", err)
		}
		bit, err := e.parseOne(id.Value, val.Value)
		if err != nil {
			return err
		}
		if bit == 0 {
			if critical {
				return &Error{Rule: RuleUnknownCriticalExtension, Detail: "unknown critical extension"}
			}
			continue
		}
		if e.Present&bit != 0 {
			return malformed("repeated extension", nil)
		}
		e.Present |= bit
		if critical {
			e.Critical |= bit
		}
	}
	return nil
}

// parseOne decodes one known extension and returns its Ext* bit (0 for an
// unknown extension, which is skipped).
func (e *Extensions) parseOne(id, v []byte) (uint16, error) {
	switch string(id) {
	case oidExtSKI:
		t, err := asn1der.ParseExpect(v, asn1der.TagOctetString)
		if err != nil {
			return 0, malformed("subjectKeyIdentifier", err)
		}
		e.SubjectKeyID = t.Value
		return ExtSubjectKeyID, nil
	case oidExtAKI:
		return ExtAuthorityKeyID, e.parseAKI(v)
	case oidExtKeyUsage:
		t, err := asn1der.ParseExpect(v, asn1der.TagBitString)
		if err != nil {
			return 0, malformed("keyUsage", err)
		}
		b, err := asn1der.ParseBitString(t, asn1der.DER)
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
		t, err := asn1der.ParseExpect(v, asn1der.TagSequence)
		if err != nil || len(t.Value) == 0 {
			return 0, malformed("subjectAltName", err)
		}
		if err := checkGeneralNames(t.Value); err != nil {
			return 0, err
		}
		e.SubjectAltName = t.Value
		it := GeneralNames{rest: t.Value}
		for {
			g, ok := it.Next()
			if !ok {
				break
			}
			if g.Tag == TagRegisteredID {
				e.RegisteredID = g.Value
				break
			}
		}
		return ExtSubjectAltName, nil
	case oidExtNameCons:
		return ExtNameConstraints, e.parseNameConstraints(v)
	case oidExtCRLDP:
		return ExtCRLDistributionPoints, e.parseCRLDP(v)
	case oidExtEKU:
		t, err := asn1der.ParseExpect(v, asn1der.TagSequence)
		if err != nil || len(t.Value) == 0 {
			return 0, malformed("extendedKeyUsage", err)
		}
		if err := checkOIDList(t.Value); err != nil {
			return 0, err
		}
		e.ExtKeyUsage = t.Value
		return ExtExtendedKeyUsage, nil
	case oidExtPermittedEins:
		t, err := asn1der.ParseExpect(v, asn1der.TagSequence)
		if err != nil {
			return 0, malformed("permittedEins", err)
		}
		r, _ := asn1der.Children(t, asn1der.DER)
		for !r.Empty() {
			s, err := r.Expect(asn1der.TagPrintableString)
			if err != nil {
				return 0, malformed("permittedEins entry", err)
			}
			if !printable(s.Value) {
				return 0, malformed("permittedEins entry is not a PrintableString", nil)
			}
		}
		e.PermittedEins = t.Value
		return ExtPermittedEins, nil
	}
	return 0, nil
}

func (e *Extensions) parseAKI(v []byte) error {
	t, err := asn1der.ParseExpect(v, asn1der.TagSequence)
	if err != nil {
		return malformed("authorityKeyIdentifier", err)
	}
	r, _ := asn1der.Children(t, asn1der.DER)
	if k, ok, err := r.Optional(0x80); err != nil {
		return malformed("authorityKeyIdentifier keyIdentifier", err)
	} else if ok {
		e.AuthorityKeyID = k.Value
	}
	if g, ok, err := r.Optional(0xA1); err != nil {
		return malformed("authorityCertIssuer", err)
	} else if ok {
		if err := checkGeneralNames(g.Value); err != nil {
			return err
		}
	}
	if s, ok, err := r.Optional(0x82); err != nil {
		return malformed("authorityCertSerialNumber", err)
	} else if ok && len(s.Value) == 0 {
		return malformed("authorityCertSerialNumber empty", nil)
	}
	if !r.Empty() {
		return malformed("authorityKeyIdentifier: unexpected element", nil)
	}
	return nil
}

func (e *Extensions) parseBasicConstraints(v []byte) error {
	t, err := asn1der.ParseExpect(v, asn1der.TagSequence)
	if err != nil {
		return malformed("basicConstraints", err)
	}
	r, _ := asn1der.Children(t, asn1der.DER)
	if b, ok, err := r.Optional(asn1der.TagBoolean); err != nil {
		return malformed("basicConstraints cA", err)
	} else if ok {
		if e.IsCA, err = asn1der.Bool(b, asn1der.DER); err != nil {
			return malformed("basicConstraints cA", err)
		}
	}
	if n, ok, err := r.Optional(asn1der.TagInteger); err != nil {
		return malformed("pathLenConstraint", err)
	} else if ok {
		x, err := asn1der.Int64(n)
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
	t, err := asn1der.ParseExpect(v, asn1der.TagSequence)
	if err != nil || len(t.Value) == 0 {
		return malformed("certificatePolicies", err)
	}
	r, _ := asn1der.Children(t, asn1der.DER)
	for !r.Empty() {
		pi, err := r.Expect(asn1der.TagSequence)
		if err != nil {
			return malformed("PolicyInformation", err)
		}
		pr, _ := asn1der.Children(pi, asn1der.DER)
		oid, err := pr.Expect(asn1der.TagOID)
		if err != nil {
			return malformed("policyIdentifier", err)
		}
		if err := asn1der.CheckOID(oid); err != nil {
			return malformed("policyIdentifier", err)
		}
		if !pr.Empty() {
			if _, err := pr.Expect(asn1der.TagSequence); err != nil || !pr.Empty() {
				return malformed("policyQualifiers", err)
			}
		}
		if role, v3 := roleOf(oid.Value); role != RoleNone {
			switch e.Role {
			case RoleNone:
				e.Role, e.RoleV3 = role, v3
			case role:
			default:
				e.Role = RoleAmbiguous
			}
		}
	}
	e.Policies = t.Value
	return nil
}

func (e *Extensions) parseNameConstraints(v []byte) error {
	t, err := asn1der.ParseExpect(v, asn1der.TagSequence)
	if err != nil {
		return malformed("nameConstraints", err)
	}
	r, _ := asn1der.Children(t, asn1der.DER)
	for _, tag := range [2]asn1der.Tag{0xA0, 0xA1} {
		s, ok, err := r.Optional(tag)
		if err != nil {
			return malformed("nameConstraints subtrees", err)
		}
		if !ok {
			continue
		}
		if len(s.Value) == 0 {
			return malformed("empty GeneralSubtrees", nil)
		}
		if err := checkSubtrees(s.Value); err != nil {
			return err
		}
		if tag == 0xA0 {
			e.PermittedSubtrees = s.Value
		} else {
			e.ExcludedSubtrees = s.Value
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
	r := asn1der.NewReader(b)
	for !r.Empty() {
		st, err := r.Expect(asn1der.TagSequence)
		if err != nil {
			return malformed("GeneralSubtree", err)
		}
		sr, _ := asn1der.Children(st, asn1der.DER)
		base, err := sr.Next()
		if err != nil {
			return malformed("GeneralSubtree base", err)
		}
		if err := checkGeneralName(base); err != nil {
			return err
		}
		for _, tag := range [2]asn1der.Tag{0x80, 0x81} {
			if n, ok, err := sr.Optional(tag); err != nil {
				return malformed("GeneralSubtree minimum/maximum", err)
			} else if ok {
				if _, err := asn1der.UnsignedBytes(asn1der.TLV{Tag: asn1der.TagInteger, Value: n.Value, Offset: n.Offset}); err != nil {
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
	t, err := asn1der.ParseExpect(v, asn1der.TagSequence)
	if err != nil || len(t.Value) == 0 {
		return malformed("cRLDistributionPoints", err)
	}
	r, _ := asn1der.Children(t, asn1der.DER)
	for !r.Empty() {
		dp, err := r.Expect(asn1der.TagSequence)
		if err != nil {
			return malformed("DistributionPoint", err)
		}
		dr, _ := asn1der.Children(dp, asn1der.DER)
		if n, ok, err := dr.Optional(0xA0); err != nil {
			return malformed("distributionPoint", err)
		} else if ok {
			nr, _ := asn1der.Children(n, asn1der.DER)
			c, err := nr.Next()
			if err != nil || !nr.Empty() {
				return malformed("DistributionPointName", err)
			}
			switch c.Tag {
			case 0xA0: // fullName GeneralNames
				if len(c.Value) == 0 {
					return malformed("empty fullName", nil)
				}
				if err := checkGeneralNames(c.Value); err != nil {
					return err
				}
			case 0xA1: // nameRelativeToCRLIssuer
				if err := checkRDN(c.Value); err != nil {
					return err
				}
			default:
				return malformed("DistributionPointName", nil)
			}
		}
		if _, _, err := dr.Optional(0x81); err != nil {
			return malformed("reasons", err)
		}
		if g, ok, err := dr.Optional(0xA2); err != nil {
			return malformed("cRLIssuer", err)
		} else if ok {
			if err := checkGeneralNames(g.Value); err != nil {
				return err
			}
		}
		if !dr.Empty() {
			return malformed("DistributionPoint: unexpected element", nil)
		}
	}
	e.CRLDistributionPoints = t.Value
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
	r := asn1der.NewReader(b)
	for !r.Empty() {
		g, err := r.Next()
		if err != nil {
			return malformed("GeneralName", err)
		}
		if err := checkGeneralName(g); err != nil {
			return err
		}
	}
	return nil
}

func checkGeneralName(g asn1der.TLV) error {
	switch g.Tag {
	case TagOtherName, TagX400Address, TagEDIPartyName, TagRFC822Name, TagDNSName, TagURI, TagIPAddress:
		return nil
	case TagRegisteredID:
		if err := asn1der.CheckOID(g); err != nil {
			return malformed("registeredID", err)
		}
		return nil
	case TagDirectoryName:
		n, err := asn1der.ParseExpect(g.Value, asn1der.TagSequence)
		if err != nil {
			return malformed("directoryName", err)
		}
		var nm Name
		return parseName(&nm, n)
	}
	return malformed("GeneralName: unknown choice", nil)
}

// checkRDN checks the contents of a RelativeDistinguishedName (SET OF
// AttributeTypeAndValue).
func checkRDN(b []byte) error {
	r := asn1der.NewReader(b)
	if r.Empty() {
		return malformed("empty RelativeDistinguishedName", nil)
	}
	for !r.Empty() {
		atv, err := r.Expect(asn1der.TagSequence)
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
		if _, err := ar.Next(); err != nil || !ar.Empty() {
			return malformed("AttributeValue", err)
		}
	}
	return nil
}

func checkOIDList(b []byte) error {
	r := asn1der.NewReader(b)
	for !r.Empty() {
		o, err := r.Expect(asn1der.TagOID)
		if err != nil {
			return malformed("OBJECT IDENTIFIER list", err)
		}
		if err := asn1der.CheckOID(o); err != nil {
			return malformed("OBJECT IDENTIFIER list", err)
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
	return parseName(n, t)
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
