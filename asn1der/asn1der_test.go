package asn1der

import (
	"bytes"
	"encoding/hex"
	"errors"
	"math"
	"testing"
	"time"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTagFields(t *testing.T) {
	tests := []struct {
		tag         Tag
		class       Class
		num         uint32
		constructed bool
		str         string
	}{
		{0x30, ClassUniversal, 16, true, "30"},
		{0x02, ClassUniversal, 2, false, "02"},
		{0xA0, ClassContext, 0, true, "A0"},
		{0x80, ClassContext, 0, false, "80"},
		{0xBF38, ClassContext, 56, true, "BF38"},
		{0xBF20, ClassContext, 32, true, "BF20"},
		{0x5F37, ClassApplication, 55, false, "5F37"},
		{0x5F49, ClassApplication, 73, false, "5F49"},
		{0x9F70, ClassContext, 112, false, "9F70"},
		{0xBF64, ClassContext, 100, true, "BF64"},
		{0x5A, ClassApplication, 26, false, "5A"},
		{0xE0, ClassPrivate, 0, true, "E0"},
		{0x9F8100, ClassContext, 128, false, "9F8100"},
	}
	for _, tc := range tests {
		if tc.tag.Class() != tc.class || tc.tag.Number() != tc.num || tc.tag.Constructed() != tc.constructed || tc.tag.String() != tc.str {
			t.Errorf("%s: class %d num %d constructed %v", tc.str, tc.tag.Class(), tc.tag.Number(), tc.tag.Constructed())
		}
		if got := MakeTag(tc.class, tc.num, tc.constructed); got != tc.tag {
			t.Errorf("MakeTag(%d,%d,%v) = %s, want %s", tc.class, tc.num, tc.constructed, got, tc.str)
		}
	}
	if Context(56, true) != 0xBF38 || Application(55, false) != 0x5F37 || Private(1, true) != 0xE1 || Universal(16, true) != 0x30 {
		t.Error("class helpers")
	}
}

// TestStrictRejects lists encodings X.690 §10 forbids, each with the rule it breaks.
func TestStrictRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
		rule Rule
		off  int
	}{
		{"empty", "", RuleTruncated, 0},
		{"header only", "30", RuleTruncated, 0},
		{"value short", "040301", RuleTruncated, 0},
		{"indefinite", "3080000000", RuleIndefiniteLength, 0},
		{"long form for short length", "04810100", RuleLengthNonMinimal, 0},
		{"leading zero length octet", "0482000100", RuleLengthNonMinimal, 0},
		{"two octets where one fits", "048200" + "ff", RuleLengthNonMinimal, 0},
		{"reserved length", "04ff", RuleLengthReserved, 0},
		{"length over 2^31", "0485ffffffffff", RuleTruncated, 0},
		{"length 2^31", "048480000000", RuleLengthTooLarge, 0},
		{"high tag form for small number", "1f0500", RuleTagNonMinimal, 0},
		{"tag leading 0x80", "bf803800", RuleTagNonMinimal, 0},
		{"tag five octets", "bf8181810100", RuleTagTooLong, 0},
		{"tag zero", "0000", RuleTagZero, 0},
		{"trailing", "0500ff", RuleTrailingData, 2},
		{"truncated tag", "bf", RuleTruncated, 0},
		{"truncated multi tag", "bf81", RuleTruncated, 0},
	}
	for _, tc := range tests {
		_, err := Parse(unhex(t, tc.in))
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: got %v, want rule %v", tc.name, err, tc.rule)
			continue
		}
		if tc.name == "length over 2^31" {
			// five length octets: the value exceeds 2^31-1 before the input ends.
			if e.Rule != RuleTruncated && e.Rule != RuleLengthTooLarge {
				t.Errorf("%s: rule %v", tc.name, e.Rule)
			}
			continue
		}
		if e.Rule != tc.rule || e.Offset != tc.off {
			t.Errorf("%s: got %v (offset %d), want %v at %d", tc.name, e.Rule, e.Offset, tc.rule, tc.off)
		}
		if !errors.Is(err, &Error{Rule: tc.rule}) {
			t.Errorf("%s: errors.Is by rule failed", tc.name)
		}
	}
}

func TestNestedOffsets(t *testing.T) {
	// BF38 { A0 { 30 {80 01 01} 5F37 02 AABB } }
	in := unhex(t, "bf380ca00a3003800101"+"5f3702aabb")
	top, err := Parse(in)
	if err != nil {
		t.Fatal(err)
	}
	if top.Tag != 0xBF38 || top.Header != 3 || len(top.Value) != 12 {
		t.Fatalf("top %+v", top)
	}
	r := NewReader(in)
	outer, _ := r.Next()
	c, err := r.Enter(outer)
	if err != nil {
		t.Fatal(err)
	}
	a0, err := c.Expect(0xA0)
	if err != nil {
		t.Fatal(err)
	}
	if a0.Offset != 3 {
		t.Errorf("A0 offset %d", a0.Offset)
	}
	in2, _ := c.Enter(a0)
	seq, err := in2.Expect(0x30)
	if err != nil || seq.Offset != 5 || !bytes.Equal(seq.Raw, in[5:10]) {
		t.Fatalf("seq %+v %v", seq, err)
	}
	sig, ok, err := in2.Optional(0x5F37)
	if !ok || err != nil || sig.Offset != 10 || !bytes.Equal(sig.Value, []byte{0xAA, 0xBB}) {
		t.Fatalf("sig %+v %v %v", sig, ok, err)
	}
	if !in2.Empty() {
		t.Error("not empty")
	}
	// A malformed nested value reports its absolute offset.
	bad := unhex(t, "3006"+"0401aa"+"040500")
	r = NewReader(bad)
	s, _ := r.Next()
	cr, _ := r.Enter(s)
	if _, err := cr.Next(); err != nil {
		t.Fatal(err)
	}
	_, err = cr.Next()
	var e *Error
	if !errors.As(err, &e) || e.Offset != 5 || e.Rule != RuleTruncated {
		t.Errorf("nested error %v", err)
	}
	if _, err := cr.Expect(0x04); err == nil {
		t.Error("Expect on malformed succeeded")
	}
	r = NewReader(unhex(t, "0400"))
	if _, err := r.Expect(0x05); !errors.Is(err, &Error{Rule: RuleUnexpectedTag}) {
		t.Errorf("unexpected tag: %v", err)
	}
	if _, err := r.Expect(0x04); err != nil {
		t.Error(err)
	}
	if _, err := r.Expect(0x04); !errors.Is(err, &Error{Rule: RuleMissing}) {
		t.Errorf("missing: %v", err)
	}
	prim, _ := Parse(unhex(t, "0400"))
	if _, err := r.Enter(prim); !errors.Is(err, &Error{Rule: RuleNotConstructed}) {
		t.Errorf("enter primitive: %v", err)
	}
}

func TestFind(t *testing.T) {
	r := NewReader(unhex(t, "800101"+"810102"+"820103"))
	v, ok, err := r.Find(0x81)
	if !ok || err != nil || v.Value[0] != 2 {
		t.Fatal(v, ok, err)
	}
	if _, ok, _ := r.Find(0x81); ok {
		t.Error("found twice")
	}
	if !r.Empty() {
		t.Error("Find left data")
	}
}

func TestBER(t *testing.T) {
	// Non-minimal length and indefinite constructed values are BER-only.
	in := unhex(t, "3080"+"04810100"+"a080"+"0500"+"0000"+"0000")
	if _, err := Parse(in); err == nil {
		t.Fatal("DER accepted BER")
	}
	v, err := ParseMode(in, BER)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Raw) != len(in) || len(v.Value) != len(in)-4 {
		t.Fatalf("raw %d value %d", len(v.Raw), len(v.Value))
	}
	r, _ := Children(v, BER)
	o, err := r.Expect(0x04)
	if err != nil || len(o.Value) != 1 || o.Offset != 2 {
		t.Fatalf("%+v %v", o, err)
	}
	a, err := r.Expect(0xA0)
	if err != nil || a.Offset != 6 {
		t.Fatalf("%+v %v", a, err)
	}
	ar, _ := r.Enter(a)
	n, err := ar.Expect(0x05)
	if err != nil || n.Offset != 8 {
		t.Fatalf("%+v %v", n, err)
	}
	if !r.Empty() {
		t.Fatal("rest")
	}
	// Indefinite primitive is never allowed; unterminated indefinite fails.
	for _, s := range []string{"0480", "3080", "30800500", "3080" + "0400"} {
		if _, err := ParseMode(unhex(t, s), BER); err == nil {
			t.Errorf("%s accepted", s)
		}
	}
	// Deep nesting is bounded.
	deep := bytes.Repeat([]byte{0x30, 0x80}, 100)
	deep = append(deep, bytes.Repeat([]byte{0, 0}, 100)...)
	if _, err := ParseMode(deep, BER); !errors.Is(err, &Error{Rule: RuleTooDeep}) {
		t.Errorf("deep: %v", err)
	}
}

func TestValues(t *testing.T) {
	intCases := []struct {
		in  string
		v   int64
		bad bool
	}{
		{"020100", 0, false}, {"02017f", 127, false}, {"02020080", 128, false}, {"020180", -128, false},
		{"0202ff7f", -129, false}, {"0208" + "7fffffffffffffff", math.MaxInt64, false},
		{"0208" + "8000000000000000", math.MinInt64, false},
		{"0200", 0, true}, {"0202007f", 0, true}, {"0202ff80", 0, true}, {"0209" + "00ffffffffffffffff", 0, true},
	}
	for _, tc := range intCases {
		tlv, err := Parse(unhex(t, tc.in))
		if err != nil {
			t.Fatal(err)
		}
		v, err := Int64(tlv)
		if tc.bad != (err != nil) || !tc.bad && v != tc.v {
			t.Errorf("Int64(%s) = %d, %v", tc.in, v, err)
		}
		if !tc.bad {
			if got := AppendInt64(nil, TagInteger, tc.v); hex.EncodeToString(got) != tc.in {
				t.Errorf("AppendInt64(%d) = %x, want %s", tc.v, got, tc.in)
			}
		}
	}
	u, _ := Parse(unhex(t, "020300ff01"))
	if m, err := UnsignedBytes(u); err != nil || !bytes.Equal(m, []byte{0xff, 0x01}) {
		t.Error("UnsignedBytes", m, err)
	}
	if got := AppendUnsigned(nil, TagInteger, []byte{0, 0, 0xff, 1}); hex.EncodeToString(got) != "020300ff01" {
		t.Errorf("AppendUnsigned %x", got)
	}
	if got := AppendUnsigned(nil, TagInteger, nil); hex.EncodeToString(got) != "020100" {
		t.Errorf("AppendUnsigned(0) %x", got)
	}
	neg, _ := Parse(unhex(t, "020180"))
	if _, err := UnsignedBytes(neg); err == nil {
		t.Error("negative accepted")
	}

	for in, want := range map[string]int{"0101ff": 1, "010100": 0, "010101": -1, "0100": -1, "01020000": -1} {
		tlv, _ := Parse(unhex(t, in))
		v, err := Bool(tlv, DER)
		if want < 0 != (err != nil) || want >= 0 && v != (want == 1) {
			t.Errorf("Bool(%s) = %v %v", in, v, err)
		}
	}
	tlv, _ := Parse(unhex(t, "010101"))
	if v, err := Bool(tlv, BER); !v || err != nil {
		t.Error("BER bool")
	}

	// BIT STRING: named bits drop trailing zeros in DER (RSP-FACTS §2.7 examples).
	if got := AppendNamedBits(nil, 0x03, 1); hex.EncodeToString(got) != "03020780" {
		t.Errorf("notificationInstall = %x", got)
	}
	if got := AppendNamedBits(nil, 0x82, 0b111); hex.EncodeToString(got) != "820205e0" {
		t.Errorf("reset options = %x", got)
	}
	if got := AppendNamedBits(nil, 0x03, 0); hex.EncodeToString(got) != "030100" {
		t.Errorf("empty = %x", got)
	}
	if got := AppendNamedBits(nil, 0x03, 1<<9); hex.EncodeToString(got) != "0303060040" {
		t.Errorf("bit 9 = %x", got)
	}
	bs, _ := Parse(unhex(t, "820205e0"))
	b, err := ParseNamedBits(bs, DER)
	if err != nil || b.NamedBitsMask() != 7 || !b.Has(2) || b.Has(3) || b.Len() != 3 {
		t.Errorf("ParseNamedBits %+v %v", b, err)
	}
	for _, in := range []string{"03020700", "03020000", "030208ff", "03020701", "0300", "030107"} {
		tlv, _ := Parse(unhex(t, in))
		if _, err := ParseNamedBits(tlv, DER); err == nil {
			t.Errorf("named bits %s accepted", in)
		}
	}
	lenient, _ := Parse(unhex(t, "03020080"))
	if b, err := ParseNamedBits(lenient, BER); err != nil || !b.Has(0) {
		t.Error("BER named bits")
	}
	if got := AppendBitString(nil, 0x03, []byte{0xff, 0xff}, 12); hex.EncodeToString(got) != "030304fff0" {
		t.Errorf("AppendBitString %x", got)
	}

	// OBJECT IDENTIFIER.
	for dotted, enc := range map[string]string{
		"2.23.146.1.2.1.0":     "67811201020100",
		"1.2.840.10045.3.1.7":  "2a8648ce3d030107",
		"1.3.36.3.3.2.8.1.1.7": "2b2403030208010107",
		"2.999.3":              "883703",
	} {
		if got := hex.EncodeToString(OID(dotted)); got != enc {
			t.Errorf("OID(%s) = %s want %s", dotted, got, enc)
		}
		tlv, _ := Parse(AppendOID(nil, TagOID, unhex(t, enc)))
		if err := CheckOID(tlv); err != nil {
			t.Error(err)
		}
		if got := string(AppendOIDText(nil, tlv.Value)); got != dotted {
			t.Errorf("AppendOIDText = %s want %s", got, dotted)
		}
	}
	for _, in := range []string{"0600", "060180", "06022a86", "06028001"} {
		tlv, err := Parse(unhex(t, in))
		if err != nil {
			t.Fatal(err)
		}
		if CheckOID(tlv) == nil {
			t.Errorf("OID %s accepted", in)
		}
	}
	n, _ := Parse(unhex(t, "0500"))
	if Null(n) != nil {
		t.Error("null")
	}
	n2, _ := Parse(unhex(t, "050100"))
	if Null(n2) == nil {
		t.Error("null with contents")
	}
}

func TestTime(t *testing.T) {
	cases := []struct {
		in   string
		want time.Time
	}{
		{"170d3230303430313130333033305a", time.Date(2020, 4, 1, 10, 30, 30, 0, time.UTC)},
		{"170d3439313233313233353935395a", time.Date(2049, 12, 31, 23, 59, 59, 0, time.UTC)},
		{"170d3530303130313030303030305a", time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)},
		// The SGP.26 eUICC certificate's notAfter lies in year 7496.
		{"180f37343936303132343039333630305a", time.Date(7496, 1, 24, 9, 36, 0, 0, time.UTC)},
	}
	for _, tc := range cases {
		tlv, err := Parse(unhex(t, tc.in))
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseTime(tlv)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("ParseTime(%s) = %v %v", tc.in, got, err)
		}
		if enc := AppendTime(nil, tc.want); hex.EncodeToString(enc) != tc.in {
			t.Errorf("AppendTime(%v) = %x", tc.want, enc)
		}
	}
	for _, in := range []string{"170c3230303430313130333033305a", "170d3230313330313130333033305a",
		"170d3230303233303130333033305a", "170d323030343031313033303330", "170d3230303430313130333033302b",
		"180f32303230303432393130333033305a"} {
		b := unhex(t, in)
		tlv, err := Parse(b)
		if err != nil {
			continue
		}
		if _, err := ParseTime(tlv); err == nil && in != "180f32303230303432393130333033305a" {
			t.Errorf("time %s accepted", in)
		}
	}
}

func TestWriterNested(t *testing.T) {
	// Build BF38 { A0 { 30 {80 01 01}, 04 200×AA } } and check every length.
	var dst []byte
	dst, m1 := AppendBegin(dst, 0xBF38)
	dst, m2 := AppendBegin(dst, 0xA0)
	dst, m3 := AppendBegin(dst, 0x30)
	dst = AppendInt64(dst, 0x80, 1)
	dst = AppendEnd(dst, m3)
	dst = AppendTLV(dst, TagOctetString, bytes.Repeat([]byte{0xAA}, 200))
	dst = AppendEnd(dst, m2)
	dst = AppendEnd(dst, m1)
	want := "bf3881d3" + "a081d0" + "3003800101" + "0481c8" + hex.EncodeToString(bytes.Repeat([]byte{0xAA}, 200))
	if hex.EncodeToString(dst) != want {
		t.Fatalf("got %x", dst)
	}
	if _, err := Parse(dst); err != nil {
		t.Fatal(err)
	}
	// Lengths needing 3 and 4 octets.
	for _, n := range []int{0, 127, 128, 255, 256, 65535, 65536, 1 << 20} {
		d, m := AppendBegin([]byte{0x01}, 0x30)
		d = append(d, make([]byte, n)...)
		d = AppendEnd(d, m)
		v, err := Parse(d[1:])
		if err != nil || len(v.Value) != n {
			t.Errorf("n=%d: %v", n, err)
		}
		if !bytes.Equal(d[1:], AppendTLV(nil, 0x30, make([]byte, n))) {
			t.Errorf("n=%d: Begin/End differs from AppendTLV", n)
		}
		if HeaderLen(0x30, n) != v.Header {
			t.Errorf("HeaderLen(%d) = %d want %d", n, HeaderLen(0x30, n), v.Header)
		}
	}
	if got := AppendString(nil, TagUTF8String, "smdp.example.com"); string(got[2:]) != "smdp.example.com" || got[1] != 16 {
		t.Errorf("AppendString %x", got)
	}
	if got := AppendBool(nil, 0x01, true); hex.EncodeToString(got) != "0101ff" {
		t.Error("bool")
	}
	if got := AppendNull(nil, 0x85); hex.EncodeToString(got) != "8500" {
		t.Error("null")
	}
}

// TestZeroAllocs pins the reader and a writer with enough capacity at zero
// allocations.
func TestZeroAllocs(t *testing.T) {
	in := unhex(t, "bf380ca00a3003800101"+"5f3702aabb")
	readAllocs := testing.AllocsPerRun(200, func() {
		r := NewReader(in)
		top, err := r.Next()
		if err != nil {
			panic(err)
		}
		c, _ := r.Enter(top)
		a0, _ := c.Expect(0xA0)
		ar, _ := c.Enter(a0)
		s, _ := ar.Expect(0x30)
		sr, _ := ar.Enter(s)
		v, _ := sr.Expect(0x80)
		if n, _ := Int64(v); n != 1 {
			panic("value")
		}
		_, _, _ = ar.Optional(0x5F37)
	})
	if readAllocs != 0 {
		t.Errorf("reader: %v allocs", readAllocs)
	}
	buf := make([]byte, 0, 4096)
	oid := OID("2.23.146.1.2.1.4")
	big := make([]byte, 300)
	writeAllocs := testing.AllocsPerRun(200, func() {
		d := buf[:0]
		d, m := AppendBegin(d, 0xBF38)
		d, m2 := AppendBegin(d, 0x30)
		d = AppendInt64(d, 0x80, 123456)
		d = AppendOID(d, TagOID, oid)
		d = AppendNamedBits(d, 0x03, 0b1011)
		d = AppendString(d, 0x83, "smdp.example.com")
		d = AppendTLV(d, 0x04, big)
		d = AppendEnd(d, m2)
		d = AppendEnd(d, m)
		_ = d
	})
	if writeAllocs != 0 {
		t.Errorf("writer: %v allocs", writeAllocs)
	}
}
