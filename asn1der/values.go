package asn1der

import (
	"strconv"
	"time"
)

func badValue(t TLV, detail string) error {
	return &Error{Offset: t.Offset, Rule: RuleBadValue, Tag: t.Tag, Detail: detail}
}

// IntegerBytes checks the contents of an INTEGER (X.690 §8.3: non-empty, and in
// DER minimal) and returns them: two's complement, big-endian.
func IntegerBytes(t TLV) ([]byte, error) {
	v := t.Value
	if len(v) == 0 {
		return nil, badValue(t, "empty INTEGER")
	}
	if len(v) > 1 && (v[0] == 0 && v[1]&0x80 == 0 || v[0] == 0xFF && v[1]&0x80 != 0) {
		return nil, badValue(t, "INTEGER not minimally encoded")
	}
	return v, nil
}

// UnsignedBytes returns the magnitude of a non-negative INTEGER without its
// sign octet (a leading 00 is stripped); negative values are rejected.
func UnsignedBytes(t TLV) ([]byte, error) {
	v, err := IntegerBytes(t)
	if err != nil {
		return nil, err
	}
	if v[0]&0x80 != 0 {
		return nil, badValue(t, "negative INTEGER")
	}
	if len(v) > 1 && v[0] == 0 {
		v = v[1:]
	}
	return v, nil
}

// Int64 decodes an INTEGER that fits in an int64.
func Int64(t TLV) (int64, error) {
	v, err := IntegerBytes(t)
	if err != nil {
		return 0, err
	}
	if len(v) > 8 {
		return 0, badValue(t, "INTEGER does not fit in 64 bits")
	}
	var n int64
	if v[0]&0x80 != 0 {
		n = -1
	}
	for _, c := range v {
		n = n<<8 | int64(c)
	}
	return n, nil
}

// Bool decodes a BOOLEAN: one octet, 00 or FF in DER (X.690 §11.1); in BER
// any non-zero octet is TRUE.
func Bool(t TLV, m Mode) (bool, error) {
	if len(t.Value) != 1 {
		return false, badValue(t, "BOOLEAN length is not 1")
	}
	switch c := t.Value[0]; {
	case c == 0:
		return false, nil
	case c == 0xFF || m == BER:
		return true, nil
	}
	return false, badValue(t, "BOOLEAN not 00 or FF")
}

// Null checks a NULL: empty contents.
func Null(t TLV) error {
	if len(t.Value) != 0 {
		return badValue(t, "NULL with contents")
	}
	return nil
}

// BitString is a decoded BIT STRING: Bytes holds the bits, most significant
// first; the last Unused bits of the last byte are padding.
type BitString struct {
	Bytes  []byte
	Unused int
}

// Len returns the number of bits.
func (b BitString) Len() int { return len(b.Bytes)*8 - b.Unused }

// Has reports whether named bit i (bit 0 = the most significant bit of the
// first byte, X.680 §22) is set; bits beyond the string are clear.
func (b BitString) Has(i int) bool {
	if i < 0 || i >= b.Len() {
		return false
	}
	return b.Bytes[i/8]&(0x80>>(i%8)) != 0
}

// ParseBitString decodes a BIT STRING (X.690 §8.6). DER additionally requires
// the unused bits to be zero (§11.2.1).
func ParseBitString(t TLV, m Mode) (BitString, error) {
	v := t.Value
	if len(v) == 0 {
		return BitString{}, badValue(t, "empty BIT STRING")
	}
	u := int(v[0])
	if u > 7 || len(v) == 1 && u != 0 {
		return BitString{}, badValue(t, "BIT STRING unused-bits octet out of range")
	}
	if m != BER && len(v) > 1 && v[len(v)-1]&(1<<u-1) != 0 {
		return BitString{}, badValue(t, "BIT STRING padding bits not zero")
	}
	return BitString{Bytes: v[1:], Unused: u}, nil
}

// ParseNamedBits decodes a BIT STRING with named bits. In DER the encoding
// must also drop trailing zero bits (X.690 §11.2.2).
func ParseNamedBits(t TLV, m Mode) (BitString, error) {
	b, err := ParseBitString(t, m)
	if err != nil {
		return b, err
	}
	if m != BER && len(b.Bytes) > 0 && b.Bytes[len(b.Bytes)-1]&(1<<b.Unused) == 0 {
		return BitString{}, badValue(t, "named BIT STRING keeps trailing zero bits")
	}
	return b, nil
}

// CheckOID validates the contents of an OBJECT IDENTIFIER (X.690 §8.19):
// non-empty, every subidentifier minimal and terminated.
func CheckOID(t TLV) error {
	v := t.Value
	if len(v) == 0 {
		return badValue(t, "empty OBJECT IDENTIFIER")
	}
	if v[len(v)-1]&0x80 != 0 {
		return badValue(t, "OBJECT IDENTIFIER subidentifier not terminated")
	}
	start := true
	for _, c := range v {
		if start && c == 0x80 {
			return badValue(t, "OBJECT IDENTIFIER subidentifier not minimal")
		}
		start = c&0x80 == 0
	}
	return nil
}

// AppendOIDText appends the dotted form of OID contents to dst ("2.23.146.1").
// The contents must have passed [CheckOID]; arcs beyond 64 bits are written
// as "?".
func AppendOIDText(dst, oid []byte) []byte {
	var arc uint64
	first := true
	overflow := false
	for _, c := range oid {
		if arc > 1<<57 {
			overflow = true
		}
		arc = arc<<7 | uint64(c&0x7F)
		if c&0x80 != 0 {
			continue
		}
		if first {
			first = false
			switch {
			case overflow:
				dst = append(dst, "2.?"...)
			case arc < 40:
				dst = append(dst, '0', '.')
				dst = strconv.AppendUint(dst, arc, 10)
			case arc < 80:
				dst = append(dst, '1', '.')
				dst = strconv.AppendUint(dst, arc-40, 10)
			default:
				dst = append(dst, '2', '.')
				dst = strconv.AppendUint(dst, arc-80, 10)
			}
		} else {
			dst = append(dst, '.')
			if overflow {
				dst = append(dst, '?')
			} else {
				dst = strconv.AppendUint(dst, arc, 10)
			}
		}
		arc, overflow = 0, false
	}
	return dst
}

// ParseTime decodes a UTCTime (YYMMDDHHMMSSZ; years 50-99 are 19xx, RFC 5280
// §4.1.2.5.1) or a GeneralizedTime (YYYYMMDDHHMMSSZ), the two forms X.509 and
// RSP certificates use. Fractions and offsets other than Z are rejected.
func ParseTime(t TLV) (time.Time, error) {
	v := t.Value
	var year, i int
	switch t.Tag {
	case TagUTCTime:
		if len(v) != 13 {
			return time.Time{}, badValue(t, "UTCTime not YYMMDDHHMMSSZ")
		}
		y, ok := digits2(v[0:2])
		if !ok {
			return time.Time{}, badValue(t, "UTCTime digits")
		}
		year = 1900 + y
		if y < 50 {
			year = 2000 + y
		}
		i = 2
	case TagGeneralizedTime:
		if len(v) != 15 {
			return time.Time{}, badValue(t, "GeneralizedTime not YYYYMMDDHHMMSSZ")
		}
		hi, ok1 := digits2(v[0:2])
		lo, ok2 := digits2(v[2:4])
		if !ok1 || !ok2 {
			return time.Time{}, badValue(t, "GeneralizedTime digits")
		}
		year = hi*100 + lo
		i = 4
	default:
		return time.Time{}, badValue(t, "not a UTCTime or GeneralizedTime")
	}
	var f [5]int
	for k := range f {
		n, ok := digits2(v[i+2*k : i+2*k+2])
		if !ok {
			return time.Time{}, badValue(t, "time digits")
		}
		f[k] = n
	}
	if v[len(v)-1] != 'Z' {
		return time.Time{}, badValue(t, "time not in UTC (Z)")
	}
	mon, day, hh, mm, ss := f[0], f[1], f[2], f[3], f[4]
	if mon < 1 || mon > 12 || day < 1 || day > daysIn(mon, year) || hh > 23 || mm > 59 || ss > 59 {
		return time.Time{}, badValue(t, "time field out of range")
	}
	return time.Date(year, time.Month(mon), day, hh, mm, ss, 0, time.UTC), nil
}

func digits2(b []byte) (int, bool) {
	if b[0] < '0' || b[0] > '9' || b[1] < '0' || b[1] > '9' {
		return 0, false
	}
	return int(b[0]-'0')*10 + int(b[1]-'0'), true
}

func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
