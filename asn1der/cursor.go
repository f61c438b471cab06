package asn1der

// Cursor is the hot-path twin of a strict-DER [Reader]: a bare []byte over
// one level of TLVs whose methods return sub-slices (contents and the whole
// encoding) and a success flag instead of [TLV] values and [*Error]s. It
// accepts and splits exactly what [Reader] accepts in [DER] mode (one-octet
// tags with a short length take a few instructions; everything else goes
// through the Reader's header decoder), but it keeps no offsets: on
// failure, re-read the input with a Reader to get the offset and the rule.
//
// Use it where a parser walks many small TLVs and only needs to know whether
// the input is valid (a certificate, a signed data object); use Reader where
// errors must say where and why.
type Cursor []byte

// Empty reports whether the cursor has consumed all its input.
func (c Cursor) Empty() bool { return len(c) == 0 }

// Next consumes one TLV and returns its tag, contents and whole encoding.
// On failure ok is false and the cursor does not move.
func (c *Cursor) Next() (tag Tag, val, raw []byte, ok bool) {
	b := *c
	if len(b) >= 2 && b[1] < 0x80 && b[0]&0x1F != 0x1F && b[0] != 0 {
		end := int(b[1]) + 2
		if end > len(b) {
			return 0, nil, nil, false
		}
		*c = b[end:]
		return Tag(b[0]), b[2:end:end], b[:end:end], true
	}
	return c.nextSlow()
}

func (c *Cursor) nextSlow() (tag Tag, val, raw []byte, ok bool) {
	b := *c
	tag, hdr, vlen, _, err := readHeader(b, 0, DER)
	if err != nil || vlen > len(b)-hdr {
		return 0, nil, nil, false
	}
	end := hdr + vlen
	*c = b[end:]
	return tag, b[hdr:end:end], b[:end:end], true
}

// Expect consumes a TLV with tag t. On failure (malformed, or another tag)
// ok is false and the cursor does not move.
func (c *Cursor) Expect(t Tag) (val, raw []byte, ok bool) {
	b := *c
	if len(b) >= 2 && t < 0x100 && b[0] == byte(t) && b[1] < 0x80 && b[0]&0x1F != 0x1F && b[0] != 0 {
		if end := int(b[1]) + 2; end <= len(b) {
			*c = b[end:]
			return b[2:end:end], b[:end:end], true
		}
	}
	return c.expectSlow(t)
}

func (c *Cursor) expectSlow(t Tag) (val, raw []byte, ok bool) {
	save := *c
	tag, v, r, ok := c.nextSlow()
	if !ok || tag != t {
		*c = save
		return nil, nil, false
	}
	return v, r, true
}

// PeekTag returns the tag of the next TLV without consuming it; 0 when the
// cursor is empty or the identifier is malformed.
func (c Cursor) PeekTag() Tag {
	if len(c) >= 1 && c[0]&0x1F != 0x1F && c[0] != 0 {
		return Tag(c[0])
	}
	tag, _, _, _, err := readHeader(c, 0, DER)
	if err != nil {
		return 0
	}
	return tag
}

// Optional consumes the next TLV if it has tag t. present reports whether it
// did; ok is false only when that TLV is malformed.
func (c *Cursor) Optional(t Tag) (val []byte, present, ok bool) {
	if len(*c) == 0 || c.PeekTag() != t {
		return nil, false, true
	}
	v, _, ok := c.Expect(t)
	return v, ok, ok
}

// ParseOne returns the contents of b when b is exactly one strict-DER TLV
// with tag t.
func ParseOne(b []byte, t Tag) (val []byte, ok bool) {
	c := Cursor(b)
	v, _, ok := c.Expect(t)
	return v, ok && c.Empty()
}
