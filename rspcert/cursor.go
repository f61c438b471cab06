package rspcert

import "github.com/rspengine/rspengine/asn1der"

// cursor is the certificate parser's strict-DER cursor over one level of
// TLVs: the hot-path twin of asn1der.Reader in DER mode, restricted to what
// X.509 uses (one-octet tags, definite lengths of at most four octets). It
// returns bare sub-slices instead of asn1der.TLV values, which makes a
// certificate parse an order of magnitude cheaper; TestCursorMatchesAsn1der
// and FuzzCursor check that it accepts and splits exactly what asn1der does
// for such inputs. Value-level rules (INTEGER, OID, time, BIT STRING) stay
// with asn1der.
type cursor []byte

// next consumes one TLV: its tag octet, contents and whole encoding. The
// short-length case is kept small enough to inline.
func (c *cursor) next() (tag byte, val, raw []byte, ok bool) {
	b := *c
	if len(b) >= 2 && b[1] < 0x80 && b[0]&0x1F != 0x1F && b[0] != 0 {
		end := int(b[1]) + 2
		if end > len(b) {
			return 0, nil, nil, false
		}
		*c = b[end:]
		return b[0], b[2:end:end], b[:end:end], true
	}
	return c.nextLong()
}

func (c *cursor) nextLong() (tag byte, val, raw []byte, ok bool) {
	b := *c
	if len(b) < 2 {
		return 0, nil, nil, false
	}
	tag = b[0]
	if tag&0x1F == 0x1F || tag == 0 {
		return 0, nil, nil, false // multi-octet tags are not X.509; 00 is end-of-contents
	}
	l := int(b[1])
	i := 2
	if l >= 0x80 {
		n := l & 0x7F
		if n == 0 || n > 4 || len(b) < 2+n || b[2] == 0 {
			return 0, nil, nil, false // indefinite, reserved, too long, truncated or leading zero
		}
		l = 0
		for _, x := range b[2 : 2+n] {
			l = l<<8 | int(x)
		}
		if l < 0x80 || l > asn1der.MaxLength || n > 1 && l < 1<<(8*(n-1)) {
			return 0, nil, nil, false // not minimal
		}
		i = 2 + n
	}
	if l > len(b)-i {
		return 0, nil, nil, false
	}
	end := i + l
	*c = b[end:]
	return tag, b[i:end:end], b[:end:end], true
}

// expect consumes a TLV with the given tag (a valid one-octet tag). The
// short-length case is small enough to inline.
func (c *cursor) expect(tag byte) (val, raw []byte, ok bool) {
	b := *c
	if len(b) >= 2 && b[0] == tag && b[1] < 0x80 {
		if end := int(b[1]) + 2; end <= len(b) {
			*c = b[end:]
			return b[2:end:end], b[:end:end], true
		}
	}
	return c.expectLong(tag)
}

func (c *cursor) expectLong(tag byte) (val, raw []byte, ok bool) {
	t, v, r, ok := c.nextLong()
	if !ok || t != tag {
		return nil, nil, false
	}
	return v, r, true
}

// optional consumes the next TLV if it has the given tag; ok is false only
// when the next TLV is malformed.
func (c *cursor) optional(tag byte) (val []byte, present, ok bool) {
	if len(*c) == 0 || (*c)[0] != tag {
		return nil, false, true
	}
	v, _, ok := c.expect(tag)
	return v, ok, ok
}

func (c cursor) empty() bool { return len(c) == 0 }

// one parses b as exactly one TLV with the given tag.
func one(b []byte, tag byte) (val []byte, ok bool) {
	c := cursor(b)
	v, _, ok := c.expect(tag)
	return v, ok && c.empty()
}

// validOID checks OBJECT IDENTIFIER contents: one-octet arcs (all the OIDs
// of RSP certificates but the brainpool curve and the GSMA arcs) are valid
// as they stand; anything else goes to asn1der.CheckOID.
func validOID(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, x := range b {
		if x >= 0x80 {
			return asn1der.CheckOID(tlv(asn1der.TagOID, b)) == nil
		}
	}
	return true
}

// tlv wraps contents for the asn1der value checks.
func tlv(tag asn1der.Tag, v []byte) asn1der.TLV { return asn1der.TLV{Tag: tag, Value: v} }
