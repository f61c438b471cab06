package asn1der

import (
	"strconv"
	"strings"
	"time"
)

// lengthLen is the number of octets of the DER length encoding of n.
func lengthLen(n int) int {
	switch {
	case n < 0x80:
		return 1
	case n <= 0xFF:
		return 2
	case n <= 0xFFFF:
		return 3
	case n <= 0xFFFFFF:
		return 4
	}
	return 5
}

// AppendLength appends the minimal DER length octets of n (0 <= n <= 2^31-1).
func AppendLength(dst []byte, n int) []byte {
	switch {
	case n < 0x80:
		return append(dst, byte(n))
	case n <= 0xFF:
		return append(dst, 0x81, byte(n))
	case n <= 0xFFFF:
		return append(dst, 0x82, byte(n>>8), byte(n))
	case n <= 0xFFFFFF:
		return append(dst, 0x83, byte(n>>16), byte(n>>8), byte(n))
	}
	return append(dst, 0x84, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
}

// AppendHeader appends the identifier and length octets of a value of n bytes.
func AppendHeader(dst []byte, t Tag, n int) []byte {
	return AppendLength(t.AppendTo(dst), n)
}

// HeaderLen returns the size of the header AppendHeader writes.
func HeaderLen(t Tag, n int) int { return t.Len() + lengthLen(n) }

// AppendTLV appends a whole element.
func AppendTLV(dst []byte, t Tag, value []byte) []byte {
	return append(AppendHeader(dst, t, len(value)), value...)
}

// AppendString appends an element whose contents are the bytes of s
// (UTF8String and the other character strings).
func AppendString(dst []byte, t Tag, s string) []byte {
	return append(AppendHeader(dst, t, len(s)), s...)
}

// Mark is the position of an open constructed value, returned by AppendBegin.
type Mark int

// AppendBegin opens a constructed value with tag t. Append its contents to
// the returned slice, then close it with AppendEnd.
func AppendBegin(dst []byte, t Tag) ([]byte, Mark) {
	dst = t.AppendTo(dst)
	return append(dst, 0), Mark(len(dst))
}

// AppendEnd closes the value opened at m, writing its minimal length. When
// the length needs more than one octet, the value's contents (and only those)
// move up to make room.
func AppendEnd(dst []byte, m Mark) []byte {
	start := int(m) + 1
	n := len(dst) - start
	if n < 0 || int(m) >= len(dst) || dst[m] != 0 {
		panic("asn1der: AppendEnd with a mark that is not open")
	}
	if n < 0x80 {
		dst[m] = byte(n)
		return dst
	}
	extra := lengthLen(n) - 1
	for range extra {
		dst = append(dst, 0)
	}
	copy(dst[start+extra:], dst[start:start+n])
	AppendLength(dst[:m], n)
	return dst
}

// AppendInt64 appends an INTEGER (minimal two's complement) with tag t.
func AppendInt64(dst []byte, t Tag, v int64) []byte {
	n := 1
	for n < 8 {
		// v fits in n octets if shifting it down by 8n-1 bits leaves only sign.
		s := v >> (8*n - 1)
		if s == 0 || s == -1 {
			break
		}
		n++
	}
	dst = AppendHeader(dst, t, n)
	for i := n - 1; i >= 0; i-- {
		dst = append(dst, byte(v>>(8*i)))
	}
	return dst
}

// AppendUnsigned appends a non-negative INTEGER whose magnitude is the
// big-endian bytes mag: leading zero octets are dropped and a 00 sign octet is
// added when the top bit is set. An empty magnitude encodes 0.
func AppendUnsigned(dst []byte, t Tag, mag []byte) []byte {
	for len(mag) > 1 && mag[0] == 0 {
		mag = mag[1:]
	}
	if len(mag) == 0 {
		return append(AppendHeader(dst, t, 1), 0)
	}
	if mag[0]&0x80 != 0 {
		dst = AppendHeader(dst, t, len(mag)+1)
		dst = append(dst, 0)
		return append(dst, mag...)
	}
	return AppendTLV(dst, t, mag)
}

// AppendBool appends a BOOLEAN (FF for TRUE, X.690 §11.1).
func AppendBool(dst []byte, t Tag, v bool) []byte {
	b := byte(0)
	if v {
		b = 0xFF
	}
	return append(AppendHeader(dst, t, 1), b)
}

// AppendNull appends a NULL.
func AppendNull(dst []byte, t Tag) []byte { return AppendHeader(dst, t, 0) }

// AppendBitString appends a BIT STRING of nbits bits taken from bits (most
// significant first). Padding bits are cleared.
func AppendBitString(dst []byte, t Tag, bits []byte, nbits int) []byte {
	nb := (nbits + 7) / 8
	unused := nb*8 - nbits
	dst = AppendHeader(dst, t, nb+1)
	dst = append(dst, byte(unused))
	dst = append(dst, bits[:nb]...)
	if nb > 0 {
		dst[len(dst)-1] &^= byte(1<<unused - 1)
	}
	return dst
}

// AppendNamedBits appends a BIT STRING with named bits from a mask in which
// bit i of the uint64 is named bit i. Trailing zero bits are dropped as DER
// requires (X.690 §11.2.2): no bit set encodes as 03 01 00.
func AppendNamedBits(dst []byte, t Tag, mask uint64) []byte {
	if mask == 0 {
		return append(AppendHeader(dst, t, 1), 0)
	}
	last := 63
	for mask&(1<<last) == 0 {
		last--
	}
	nbits := last + 1
	nb := (nbits + 7) / 8
	dst = AppendHeader(dst, t, nb+1)
	dst = append(dst, byte(nb*8-nbits))
	for i := 0; i < nb; i++ {
		var c byte
		for k := 0; k < 8; k++ {
			if mask&(1<<(8*i+k)) != 0 {
				c |= 0x80 >> k
			}
		}
		dst = append(dst, c)
	}
	return dst
}

// NamedBitsMask converts a BIT STRING with named bits to a mask in which bit
// i is named bit i; bits beyond 63 are ignored.
func (b BitString) NamedBitsMask() uint64 {
	var m uint64
	for i := 0; i < b.Len() && i < 64; i++ {
		if b.Has(i) {
			m |= 1 << i
		}
	}
	return m
}

// AppendOID appends an OBJECT IDENTIFIER whose contents are the encoded
// subidentifiers oid (as produced by [OID] or taken from a parsed TLV).
func AppendOID(dst []byte, t Tag, oid []byte) []byte { return AppendTLV(dst, t, oid) }

// OID encodes a dotted object identifier ("2.23.146.1.2.1.0") to its
// contents octets. It is meant for package-level constants and panics on a
// malformed string.
func OID(dotted string) []byte {
	parts := strings.Split(dotted, ".")
	if len(parts) < 2 {
		panic("asn1der: OID needs two arcs: " + dotted)
	}
	arcs := make([]uint64, len(parts))
	for i, p := range parts {
		v, err := strconv.ParseUint(p, 10, 64)
		if err != nil {
			panic("asn1der: bad OID " + dotted)
		}
		arcs[i] = v
	}
	if arcs[0] > 2 || arcs[0] < 2 && arcs[1] >= 40 {
		panic("asn1der: bad OID " + dotted)
	}
	var out []byte
	out = appendBase128(out, arcs[0]*40+arcs[1])
	for _, a := range arcs[2:] {
		out = appendBase128(out, a)
	}
	return out
}

func appendBase128(dst []byte, v uint64) []byte {
	n := 1
	for x := v >> 7; x != 0; x >>= 7 {
		n++
	}
	for i := n - 1; i >= 0; i-- {
		c := byte(v>>(7*i)) & 0x7F
		if i > 0 {
			c |= 0x80
		}
		dst = append(dst, c)
	}
	return dst
}

// AppendTime appends t as a UTCTime for years 1950-2049 and as a
// GeneralizedTime otherwise (RFC 5280 §4.1.2.5), in UTC to the second.
func AppendTime(dst []byte, t time.Time) []byte {
	t = t.UTC()
	y := t.Year()
	if y >= 1950 && y < 2050 {
		dst = AppendHeader(dst, TagUTCTime, 13)
		dst = append2(dst, y%100)
	} else {
		dst = AppendHeader(dst, TagGeneralizedTime, 15)
		dst = append2(dst, y/100%100)
		dst = append2(dst, y%100)
	}
	dst = append2(dst, int(t.Month()))
	dst = append2(dst, t.Day())
	dst = append2(dst, t.Hour())
	dst = append2(dst, t.Minute())
	dst = append2(dst, t.Second())
	return append(dst, 'Z')
}

func append2(dst []byte, v int) []byte { return append(dst, byte('0'+v/10), byte('0'+v%10)) }
