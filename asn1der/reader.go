package asn1der

import "strconv"

// Mode selects how strictly a [Reader] checks encodings.
type Mode uint8

const (
	// DER is the strict mode (X.690 §10): definite, minimal lengths only.
	DER Mode = iota
	// BER additionally accepts non-minimal length encodings and indefinite
	// lengths on constructed values (X.690 §8.1.3). Tags stay strict.
	BER
)

// MaxLength is the largest value length the reader accepts (2^31-1).
const MaxLength = 1<<31 - 1

// maxDepth bounds the nesting the BER indefinite-length scan will follow.
const maxDepth = 64

// Rule names the encoding rule an input broke.
type Rule uint8

// The rules the reader enforces.
const (
	RuleTruncated        Rule = iota + 1 // header or value runs past the input
	RuleTagTooLong                       // more than four identifier octets
	RuleTagNonMinimal                    // high-tag-number form for a number < 31, or a leading 0x80 octet
	RuleTagZero                          // tag 00 (end-of-contents) where a value is expected
	RuleIndefiniteLength                 // 0x80 length octet (not DER; BER only on constructed values)
	RuleLengthNonMinimal                 // long form where the short form fits, or leading zero octets
	RuleLengthTooLarge                   // length beyond 2^31-1 or more than four length octets
	RuleLengthReserved                   // length octet 0xFF
	RuleTrailingData                     // bytes after the top-level object
	RuleUnexpectedTag                    // a different tag than the one required
	RuleMissing                          // a required element is absent
	RuleBadValue                         // a primitive value breaks its type's encoding rules
	RuleTooDeep                          // BER nesting beyond the scan depth
	RuleNotConstructed                   // entering a primitive value
)

var ruleText = [...]string{
	RuleTruncated:        "value or header runs past the end of the input",
	RuleTagTooLong:       "tag longer than four octets",
	RuleTagNonMinimal:    "tag number not minimally encoded",
	RuleTagZero:          "end-of-contents octets where a value is expected",
	RuleIndefiniteLength: "indefinite length not allowed",
	RuleLengthNonMinimal: "length not minimally encoded",
	RuleLengthTooLarge:   "length beyond 2^31-1",
	RuleLengthReserved:   "reserved length octet FF",
	RuleTrailingData:     "trailing bytes after the top-level object",
	RuleUnexpectedTag:    "unexpected tag",
	RuleMissing:          "required element missing",
	RuleBadValue:         "invalid primitive value",
	RuleTooDeep:          "nesting too deep",
	RuleNotConstructed:   "value is not constructed",
}

func (r Rule) String() string {
	if int(r) < len(ruleText) && ruleText[r] != "" {
		return ruleText[r]
	}
	return "rule " + strconv.Itoa(int(r))
}

// Error reports where and how an input broke the encoding rules. Offset is
// counted from the start of the buffer given to [NewReader] or [Parse].
type Error struct {
	Offset int
	Rule   Rule
	Tag    Tag    // the tag involved, when known
	Detail string // a constant, when the rule needs one
}

func (e *Error) Error() string {
	s := "asn1der: offset " + strconv.Itoa(e.Offset) + ": " + e.Rule.String()
	if e.Tag != 0 {
		s += " (tag " + e.Tag.String() + ")"
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Is lets errors.Is match on the rule alone: errors.Is(err, &Error{Rule: RuleTruncated}).
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Rule == e.Rule && t.Offset == 0 && t.Tag == 0
}

func errAt(off int, r Rule, t Tag) error { return &Error{Offset: off, Rule: r, Tag: t} }

// TLV is one decoded element. Value and Raw are sub-slices of the input.
type TLV struct {
	Tag    Tag
	Value  []byte // the contents octets (for BER indefinite length: without the end-of-contents octets)
	Raw    []byte // the whole element: identifier, length and contents
	Offset int    // offset of Raw[0] from the start of the outermost input
	Header int    // number of identifier and length octets at the start of Raw
}

// Constructed reports whether the element's tag is constructed.
func (t TLV) Constructed() bool { return t.Tag.Constructed() }

// Reader is a cursor over a sequence of TLVs. The zero Reader is empty.
type Reader struct {
	data []byte
	base int // offset of data[0] in the outermost input
	mode Mode
}

// NewReader returns a strict DER cursor over b.
func NewReader(b []byte) Reader { return Reader{data: b} }

// NewReaderMode returns a cursor over b in the given mode.
func NewReaderMode(b []byte, m Mode) Reader { return Reader{data: b, mode: m} }

// Empty reports whether the cursor has consumed all its input.
func (r *Reader) Empty() bool { return len(r.data) == 0 }

// Rest returns the unread input.
func (r *Reader) Rest() []byte { return r.data }

// Offset returns the offset of the next unread byte in the outermost input.
func (r *Reader) Offset() int { return r.base }

// Mode returns the reader's mode.
func (r *Reader) Mode() Mode { return r.mode }

// readHeader decodes identifier and length at the start of b. It returns the
// tag, the header length, the value length, and whether the length was
// indefinite.
func readHeader(b []byte, base int, mode Mode) (tag Tag, hdr, vlen int, indef bool, err error) {
	if len(b) == 0 {
		return 0, 0, 0, false, errAt(base, RuleTruncated, 0)
	}
	f := b[0]
	i := 1
	if f&0x1F != 0x1F {
		tag = Tag(f)
		if f == 0 {
			return 0, 0, 0, false, errAt(base, RuleTagZero, 0)
		}
	} else {
		t := uint32(f)
		var num uint32
		for {
			if i >= len(b) {
				return 0, 0, 0, false, errAt(base, RuleTruncated, 0)
			}
			if i >= 4 {
				return 0, 0, 0, false, errAt(base, RuleTagTooLong, 0)
			}
			c := b[i]
			if i == 1 && c == 0x80 {
				return 0, 0, 0, false, errAt(base, RuleTagNonMinimal, 0)
			}
			t = t<<8 | uint32(c)
			num = num<<7 | uint32(c&0x7F)
			i++
			if c&0x80 == 0 {
				break
			}
		}
		if num < 31 {
			return 0, 0, 0, false, errAt(base, RuleTagNonMinimal, Tag(t))
		}
		tag = Tag(t)
	}
	if i >= len(b) {
		return tag, 0, 0, false, errAt(base, RuleTruncated, tag)
	}
	l := b[i]
	i++
	switch {
	case l < 0x80:
		vlen = int(l)
	case l == 0x80:
		if mode != BER || f&0x20 == 0 {
			return tag, 0, 0, false, errAt(base, RuleIndefiniteLength, tag)
		}
		return tag, i, 0, true, nil
	case l == 0xFF:
		return tag, 0, 0, false, errAt(base, RuleLengthReserved, tag)
	default:
		n := int(l & 0x7F)
		if i+n > len(b) {
			return tag, 0, 0, false, errAt(base, RuleTruncated, tag)
		}
		var v uint64
		lead := true
		for k := 0; k < n; k++ {
			c := b[i+k]
			if lead && c == 0 {
				if mode != BER {
					return tag, 0, 0, false, errAt(base, RuleLengthNonMinimal, tag)
				}
				continue
			}
			lead = false
			v = v<<8 | uint64(c)
			if v > MaxLength {
				return tag, 0, 0, false, errAt(base, RuleLengthTooLarge, tag)
			}
		}
		if mode != BER && (v < 0x80 || n > 1 && v < 1<<(8*(n-1))) {
			return tag, 0, 0, false, errAt(base, RuleLengthNonMinimal, tag)
		}
		i += n
		vlen = int(v)
	}
	return tag, i, vlen, false, nil
}

// indefiniteEnd returns the length of the contents of an indefinite-length
// value starting at b (just after its header), and the number of bytes up to
// and including the end-of-contents octets.
func indefiniteEnd(b []byte, base, depth int) (content, total int, err error) {
	if depth > maxDepth {
		return 0, 0, errAt(base, RuleTooDeep, 0)
	}
	off := 0
	for {
		if len(b)-off >= 2 && b[off] == 0 && b[off+1] == 0 {
			return off, off + 2, nil
		}
		_, n, err := next(b[off:], base+off, BER, depth+1)
		if err != nil {
			return 0, 0, err
		}
		off += n
	}
}

// next decodes the TLV at the start of b and returns its total length.
func next(b []byte, base int, mode Mode, depth int) (TLV, int, error) {
	tag, hdr, vlen, indef, err := readHeader(b, base, mode)
	if err != nil {
		return TLV{}, 0, err
	}
	if indef {
		c, total, err := indefiniteEnd(b[hdr:], base+hdr, depth)
		if err != nil {
			return TLV{}, 0, err
		}
		return TLV{Tag: tag, Value: b[hdr : hdr+c : hdr+c], Raw: b[: hdr+total : hdr+total], Offset: base, Header: hdr}, hdr + total, nil
	}
	if vlen > len(b)-hdr {
		return TLV{}, 0, errAt(base, RuleTruncated, tag)
	}
	end := hdr + vlen
	return TLV{Tag: tag, Value: b[hdr:end:end], Raw: b[:end:end], Offset: base, Header: hdr}, end, nil
}

// Next decodes and consumes the next TLV. On error the cursor does not move.
func (r *Reader) Next() (TLV, error) {
	var t TLV
	err := r.read(&t)
	return t, err
}

// read is Next writing into *t, which keeps the hot path free of large
// result copies (Next itself inlines into its callers).
func (r *Reader) read(t *TLV) error {
	b := r.data
	// Fast path: a one-octet tag (not 00, not the high-tag-number form) and a
	// definite length of up to three octets that passes the DER minimality
	// rules in either mode. Everything else goes through next.
	if len(b) >= 2 && b[0]&0x1F != 0x1F && b[0] != 0 {
		l := int(b[1])
		hdr := 2
		switch {
		case l < 0x80:
		case l == 0x81 && len(b) >= 3 && b[2] >= 0x80:
			l, hdr = int(b[2]), 3
		case l == 0x82 && len(b) >= 4 && b[2] != 0:
			l, hdr = int(b[2])<<8|int(b[3]), 4
		default:
			l = -1
		}
		if l >= 0 && l <= len(b)-hdr {
			end := hdr + l
			t.Tag = Tag(b[0])
			t.Value = b[hdr:end:end]
			t.Raw = b[:end:end]
			t.Offset = r.base
			t.Header = hdr
			r.data = b[end:]
			r.base += end
			return nil
		}
	}
	v, n, err := next(b, r.base, r.mode, 0)
	if err != nil {
		return err
	}
	*t = v
	r.data = b[n:]
	r.base += n
	return nil
}

// PeekTag returns the tag of the next TLV without consuming it; 0 when the
// cursor is empty or the next identifier is malformed.
func (r *Reader) PeekTag() Tag {
	if b := r.data; len(b) >= 2 && b[0]&0x1F != 0x1F && b[0] != 0 {
		return Tag(b[0])
	}
	tag, _, _, _, err := readHeader(r.data, r.base, r.mode)
	if err != nil {
		return 0
	}
	return tag
}

// Expect consumes the next TLV and requires its tag to be t. On error the
// cursor does not move.
func (r *Reader) Expect(t Tag) (TLV, error) {
	var v TLV
	err := r.expect(&v, t)
	return v, err
}

func (r *Reader) expect(v *TLV, t Tag) error {
	if len(r.data) == 0 {
		return &Error{Offset: r.base, Rule: RuleMissing, Tag: t}
	}
	data, base := r.data, r.base
	if err := r.read(v); err != nil {
		return err
	}
	if v.Tag != t {
		got := v.Tag
		*v = TLV{}
		r.data, r.base = data, base
		return &Error{Offset: base, Rule: RuleUnexpectedTag, Tag: got, Detail: "want " + t.String()}
	}
	return nil
}

// Optional consumes the next TLV if its tag is t and reports whether it did.
func (r *Reader) Optional(t Tag) (TLV, bool, error) {
	var v TLV
	if len(r.data) == 0 || r.PeekTag() != t {
		// A malformed next element is reported by whoever reads it next.
		return v, false, nil
	}
	err := r.read(&v)
	return v, err == nil, err
}

// Find consumes TLVs until one with tag t, and returns it; ok is false when
// the input ends first. Elements before it are skipped (but still checked).
func (r *Reader) Find(t Tag) (v TLV, ok bool, err error) {
	for !r.Empty() {
		v, err = r.Next()
		if err != nil {
			return TLV{}, false, err
		}
		if v.Tag == t {
			return v, true, nil
		}
	}
	return TLV{}, false, nil
}

// Enter returns a cursor over the contents of a constructed TLV.
func (r *Reader) Enter(t TLV) (Reader, error) {
	if !t.Tag.Constructed() {
		return Reader{}, &Error{Offset: t.Offset, Rule: RuleNotConstructed, Tag: t.Tag}
	}
	return Reader{data: t.Value, base: t.Offset + t.Header, mode: r.mode}, nil
}

// Children returns a cursor over the contents of t (which must be constructed),
// in the given mode. It is Reader.Enter for callers without a parent cursor.
func Children(t TLV, m Mode) (Reader, error) {
	r := Reader{mode: m}
	return r.Enter(t)
}

// Parse decodes exactly one strict-DER TLV that fills b.
func Parse(b []byte) (TLV, error) { return ParseMode(b, DER) }

// ParseMode decodes exactly one TLV that fills b, in the given mode.
func ParseMode(b []byte, m Mode) (TLV, error) {
	t, n, err := next(b, 0, m, 0)
	if err != nil {
		return TLV{}, err
	}
	if n != len(b) {
		return TLV{}, errAt(n, RuleTrailingData, 0)
	}
	return t, nil
}

// ParseExpect decodes exactly one strict-DER TLV with tag t that fills b.
func ParseExpect(b []byte, t Tag) (TLV, error) {
	v, err := Parse(b)
	if err != nil {
		return TLV{}, err
	}
	if v.Tag != t {
		return TLV{}, &Error{Offset: 0, Rule: RuleUnexpectedTag, Tag: v.Tag, Detail: "want " + t.String()}
	}
	return v, nil
}
