// Package asn1der is a zero-allocation reader and appending writer for ASN.1
// DER (X.690 §8, §10) and the BER-TLV forms that GSMA SGP.22 v2.5 and SGP.32
// v1.2 messages use.
//
// A tag is kept as its encoded bytes packed into a [Tag] (0x30, 0xBF38,
// 0x5F37, 0x9F70), which is how the RSP specifications write them. The reader
// is a cursor over a caller's []byte: every [TLV] it returns holds sub-slices
// of that input (the value and the whole raw span, header included), so that a
// signature can be checked over exactly the bytes that were signed.
//
// Strict DER is the default: indefinite lengths, non-minimal length encodings,
// non-minimal or over-long tags, lengths beyond the input or beyond 2^31-1 and
// trailing bytes after a top-level object are all rejected, each with an
// [*Error] that names the byte offset and the rule. [BER] mode accepts
// non-minimal lengths and indefinite lengths on constructed values, for the
// few places where an eUICC must accept what an LPA sent (RSP-FACTS §2.7:
// "Decoders in an eUICC model should be BER-lenient").
//
// The writer appends to a caller's buffer: [AppendTLV] when the value is at
// hand, [AppendBegin]/[AppendEnd] for nested constructed values (the length is
// written when the value is closed; when it needs more than one byte only that
// value's content is moved, never the whole output), and typed helpers for
// INTEGER, BOOLEAN, NULL, OCTET STRING, UTF8String, OBJECT IDENTIFIER and
// named-bit BIT STRING with DER's trailing-zero rule.
//
// Not covered: REAL, the string types beyond what RSP uses, SET OF sorting,
// and the BER constructed string forms.
package asn1der

// Tag is an ASN.1 identifier in its encoded form, big-endian in the low bytes:
// 0x30 is a universal SEQUENCE, 0xA0 a context-specific constructed [0],
// 0xBF38 the context-specific constructed [56], 0x5F37 the application
// primitive [55]. At most four identifier octets are supported.
type Tag uint32

// Class is the class of a tag (X.690 §8.1.2.2).
type Class uint8

// The four tag classes.
const (
	ClassUniversal   Class = 0
	ClassApplication Class = 1
	ClassContext     Class = 2
	ClassPrivate     Class = 3
)

// Universal tags used by the RSP modules.
const (
	TagBoolean         Tag = 0x01
	TagInteger         Tag = 0x02
	TagBitString       Tag = 0x03
	TagOctetString     Tag = 0x04
	TagNull            Tag = 0x05
	TagOID             Tag = 0x06
	TagEnumerated      Tag = 0x0A
	TagUTF8String      Tag = 0x0C
	TagPrintableString Tag = 0x13
	TagIA5String       Tag = 0x16
	TagUTCTime         Tag = 0x17
	TagGeneralizedTime Tag = 0x18
	TagSequence        Tag = 0x30
	TagSet             Tag = 0x31
)

// firstByte returns the leading identifier octet of t.
func (t Tag) firstByte() byte {
	switch {
	case t > 0xFFFFFF:
		return byte(t >> 24)
	case t > 0xFFFF:
		return byte(t >> 16)
	case t > 0xFF:
		return byte(t >> 8)
	}
	return byte(t)
}

// Len is the number of identifier octets of t (1 to 4).
func (t Tag) Len() int {
	switch {
	case t > 0xFFFFFF:
		return 4
	case t > 0xFFFF:
		return 3
	case t > 0xFF:
		return 2
	}
	return 1
}

// Class returns the tag's class.
func (t Tag) Class() Class { return Class(t.firstByte() >> 6) }

// Constructed reports whether the constructed bit is set.
func (t Tag) Constructed() bool { return t.firstByte()&0x20 != 0 }

// Number returns the tag number: 16 for 0x30, 56 for 0xBF38, 55 for 0x5F37.
func (t Tag) Number() uint32 {
	f := t.firstByte()
	if f&0x1F != 0x1F {
		return uint32(f & 0x1F)
	}
	var n uint32
	for i := t.Len() - 2; i >= 0; i-- {
		n = n<<7 | uint32(byte(t>>(8*i))&0x7F)
	}
	return n
}

// Universal, Application, Context and Private build a tag from its class,
// number and form. Numbers up to 2^21-1 fit in four identifier octets.
func Universal(n uint32, constructed bool) Tag   { return MakeTag(ClassUniversal, n, constructed) }
func Application(n uint32, constructed bool) Tag { return MakeTag(ClassApplication, n, constructed) }
func Context(n uint32, constructed bool) Tag     { return MakeTag(ClassContext, n, constructed) }
func Private(n uint32, constructed bool) Tag     { return MakeTag(ClassPrivate, n, constructed) }

// MakeTag encodes class, number and form as a Tag. It panics when n needs more
// than four identifier octets (n >= 2^21): tags are program constants.
func MakeTag(c Class, n uint32, constructed bool) Tag {
	f := uint32(c) << 6
	if constructed {
		f |= 0x20
	}
	if n < 31 {
		return Tag(f | n)
	}
	if n >= 1<<21 {
		panic("asn1der: tag number too large")
	}
	t := f | 0x1F
	switch {
	case n < 1<<7:
		return Tag(t<<8 | n)
	case n < 1<<14:
		return Tag(t<<16 | (0x80|n>>7)<<8 | n&0x7F)
	default:
		return Tag(t<<24 | (0x80|n>>14)<<16 | (0x80|(n>>7)&0x7F)<<8 | n&0x7F)
	}
}

// AppendTo appends the identifier octets of t to dst.
func (t Tag) AppendTo(dst []byte) []byte {
	switch t.Len() {
	case 4:
		return append(dst, byte(t>>24), byte(t>>16), byte(t>>8), byte(t))
	case 3:
		return append(dst, byte(t>>16), byte(t>>8), byte(t))
	case 2:
		return append(dst, byte(t>>8), byte(t))
	}
	return append(dst, byte(t))
}

const hexDigits = "0123456789ABCDEF"

// String returns the tag in the hex form the specifications use ("BF38").
func (t Tag) String() string {
	var b [8]byte
	n := t.Len()
	for i := 0; i < n; i++ {
		v := byte(t >> (8 * (n - 1 - i)))
		b[2*i] = hexDigits[v>>4]
		b[2*i+1] = hexDigits[v&15]
	}
	return string(b[:2*n])
}
