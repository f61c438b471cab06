package asn1der

import (
	"bytes"
	encasn1 "encoding/asn1"
	"math/big"
	"os"
	"testing"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// FuzzDiffCryptobyte compares the strict DER reader with
// golang.org/x/crypto/cryptobyte, an independent DER parser, on the same
// bytes. Both walk the input as a sequence of TLVs, recursively into
// constructed values (up to fuzzMaxDepth): at every step both must accept or
// both reject the element, with the same tag and the same raw span, and for
// the universal primitive types both parse, the same value.
//
// Known, justified differences (the walk stops at these points, it does not
// skip the rest of the input silently: everything before them was compared):
//
//   - High tag numbers: cryptobyte supports only the low-tag-number form
//     (its readASN1 returns false for an identifier octet with 0x1F in the
//     low bits), while RSP needs BF38, 5F37, 9F70. The walk stops at the first
//     such identifier.
//   - Identifier octet 00: cryptobyte reads tag 0 like any other, while X.690
//     §8.1.5 reserves 00 00 for end-of-contents and asn1der rejects it
//     (RuleTagZero). The walk stops there.
//   - OBJECT IDENTIFIER arcs of 2^31 or more: cryptobyte refuses them
//     (readBase128Int caps at 31 bits to behave the same on 32-bit
//     platforms); asn1der accepts any size and prints "?" beyond 64 bits.
//     Values are compared only when every subidentifier is below 2^31.
//   - UTCTime without seconds (YYMMDDHHMMZ) and times with a ±hhmm offset:
//     cryptobyte accepts them, asn1der follows RFC 5280 §4.1.2.5 (seconds
//     and Z required). Compared: whatever asn1der accepts, cryptobyte must
//     accept with the same instant; whatever cryptobyte accepts in the
//     YYMMDDHHMMSSZ / YYYYMMDDHHMMSSZ form, asn1der must accept.
func FuzzDiffCryptobyte(f *testing.F) {
	addSharedSeeds(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		r := NewReader(in)
		diffLevel(t, &r, cryptobyte.String(in), 0)
	})
}

func diffLevel(t *testing.T, r *Reader, s cryptobyte.String, depth int) {
	for {
		if r.Empty() != s.Empty() {
			t.Fatalf("asn1der empty %v, cryptobyte empty %v", r.Empty(), s.Empty())
		}
		if r.Empty() {
			return
		}
		if first := r.Rest()[0]; first&0x1F == 0x1F || first == 0 {
			return // documented exclusions: high tag form, tag 00
		}
		at := r.Offset()
		v, err := r.Next()
		var raw cryptobyte.String
		var cbTag cbasn1.Tag
		cbOK := s.ReadAnyASN1Element(&raw, &cbTag)
		if (err == nil) != cbOK {
			t.Fatalf("offset %d: asn1der err %v, cryptobyte ok %v (input %x)", at, err, cbOK, r.Rest())
		}
		if err != nil {
			return
		}
		if uint32(v.Tag) != uint32(cbTag) || !bytes.Equal(v.Raw, raw) {
			t.Fatalf("offset %d: asn1der %s %x, cryptobyte %x %x", at, v.Tag, v.Raw, uint8(cbTag), []byte(raw))
		}
		// cryptobyte's view of the contents of the same element.
		var contents cryptobyte.String
		el := cryptobyte.String(raw)
		if !el.ReadASN1(&contents, cbTag) || !bytes.Equal(contents, v.Value) {
			t.Fatalf("offset %d: contents differ: %x vs %x", at, v.Value, []byte(contents))
		}
		if v.Constructed() {
			if depth < fuzzMaxDepth {
				c, err := r.Enter(v)
				if err != nil {
					t.Fatal(err)
				}
				diffLevel(t, &c, contents, depth+1)
			}
			continue
		}
		diffValue(t, v, raw)
	}
}

// diffValue compares the decoders of the universal primitive types.
func diffValue(t *testing.T, v TLV, raw cryptobyte.String) {
	switch v.Tag {
	case TagInteger:
		diffInteger(t, v, raw)
	case TagBoolean:
		var cb bool
		s := raw
		cbOK := s.ReadASN1Boolean(&cb)
		b, err := Bool(v, DER)
		if (err == nil) != cbOK || cbOK && b != cb {
			t.Fatalf("BOOLEAN %x: asn1der %v %v, cryptobyte %v %v", v.Raw, b, err, cb, cbOK)
		}
	case TagOID:
		var cb encasn1.ObjectIdentifier
		s := raw
		cbOK := s.ReadASN1ObjectIdentifier(&cb)
		err := CheckOID(v)
		if cbOK && err != nil {
			t.Fatalf("OID %x: cryptobyte accepts %v, asn1der rejects: %v", v.Raw, cb, err)
		}
		if err == nil && arcsFit31(v.Value) {
			if !cbOK {
				t.Fatalf("OID %x: asn1der accepts, cryptobyte rejects", v.Raw)
			}
			if got := string(AppendOIDText(nil, v.Value)); got != cb.String() {
				t.Fatalf("OID %x: asn1der %s, cryptobyte %s", v.Raw, got, cb.String())
			}
		}
	case TagBitString:
		var cb encasn1.BitString
		s := raw
		cbOK := s.ReadASN1BitString(&cb)
		bs, err := ParseBitString(v, DER)
		if (err == nil) != cbOK {
			t.Fatalf("BIT STRING %x: asn1der %v, cryptobyte ok %v", v.Raw, err, cbOK)
		}
		if cbOK && (bs.Len() != cb.BitLength || !bytes.Equal(bs.Bytes, cb.Bytes)) {
			t.Fatalf("BIT STRING %x: asn1der %d bits %x, cryptobyte %d bits %x", v.Raw, bs.Len(), bs.Bytes, cb.BitLength, cb.Bytes)
		}
		for i := 0; cbOK && i < cb.BitLength; i++ {
			if bs.Has(i) != (cb.At(i) == 1) {
				t.Fatalf("BIT STRING %x: bit %d differs", v.Raw, i)
			}
		}
	case TagUTCTime, TagGeneralizedTime:
		var cb time.Time
		s := raw
		var cbOK bool
		if v.Tag == TagUTCTime {
			cbOK = s.ReadASN1UTCTime(&cb)
		} else {
			cbOK = s.ReadASN1GeneralizedTime(&cb)
		}
		tm, err := ParseTime(v)
		if err == nil && (!cbOK || !tm.Equal(cb)) {
			t.Fatalf("time %q: asn1der %v, cryptobyte %v ok %v", v.Value, tm, cb, cbOK)
		}
		strictForm := len(v.Value) == 13 && v.Tag == TagUTCTime || len(v.Value) == 15 && v.Tag == TagGeneralizedTime
		if cbOK && strictForm && v.Value[len(v.Value)-1] == 'Z' && err != nil {
			t.Fatalf("time %q: cryptobyte accepts %v, asn1der rejects: %v", v.Value, cb, err)
		}
	}
}

func diffInteger(t *testing.T, v TLV, raw cryptobyte.String) {
	b, err := IntegerBytes(v)
	var bi big.Int
	s := raw
	cbOK := s.ReadASN1Integer(&bi)
	if (err == nil) != cbOK {
		t.Fatalf("INTEGER %x: asn1der %v, cryptobyte ok %v", v.Raw, err, cbOK)
	}
	if !cbOK {
		return
	}
	if got := twosComplement(b); got.Cmp(&bi) != 0 {
		t.Fatalf("INTEGER %x: asn1der %v, cryptobyte %v", v.Raw, got, &bi)
	}
	var i64 int64
	s = raw
	cb64 := s.ReadASN1Integer(&i64)
	n, err := Int64(v)
	if (err == nil) != cb64 || cb64 && n != i64 {
		t.Fatalf("INTEGER %x as int64: asn1der %d %v, cryptobyte %d %v", v.Raw, n, err, i64, cb64)
	}
	var mag []byte
	s = raw
	cbMag := s.ReadASN1Integer(&mag)
	u, err := UnsignedBytes(v)
	if (err == nil) != cbMag || cbMag && !bytes.Equal(u, mag) {
		t.Fatalf("INTEGER %x unsigned: asn1der %x %v, cryptobyte %x %v", v.Raw, u, err, mag, cbMag)
	}
}

// twosComplement converts big-endian two's complement bytes to a big.Int
// (independently of both decoders under test).
func twosComplement(b []byte) *big.Int {
	n := new(big.Int).SetBytes(b)
	if len(b) > 0 && b[0]&0x80 != 0 {
		n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
	}
	return n
}

// arcsFit31 reports whether every subidentifier of OID contents is below 2^31
// (the range cryptobyte decodes).
func arcsFit31(oid []byte) bool {
	var v uint64
	for _, c := range oid {
		v = v<<7 | uint64(c&0x7F)
		if v >= 1<<31 {
			return false
		}
		if c&0x80 == 0 {
			v = 0
		}
	}
	return true
}

// TestDiffCryptobyteKnownDifferences pins the documented exclusions, so that
// a change in either parser shows up here rather than as a silent skip.
func TestDiffCryptobyteKnownDifferences(t *testing.T) {
	// High tag: asn1der reads BF38, cryptobyte refuses.
	in := []byte{0xBF, 0x38, 0x00}
	if _, err := Parse(in); err != nil {
		t.Errorf("asn1der rejects BF38: %v", err)
	}
	s := cryptobyte.String(in)
	if s.ReadAnyASN1Element(new(cryptobyte.String), new(cbasn1.Tag)) {
		t.Error("cryptobyte now accepts high tags: widen FuzzDiffCryptobyte")
	}
	// Tag 00: cryptobyte accepts, asn1der rejects.
	in = []byte{0x00, 0x00}
	if _, err := Parse(in); err == nil {
		t.Error("asn1der accepts tag 00")
	}
	s = cryptobyte.String(in)
	if !s.ReadAnyASN1Element(new(cryptobyte.String), new(cbasn1.Tag)) {
		t.Error("cryptobyte now rejects tag 00: drop the exclusion")
	}
	// OID arc 2^31 (1.2.2147483648): asn1der accepts, cryptobyte refuses.
	in = AppendOID(nil, TagOID, OID("1.2.2147483648"))
	v, _ := Parse(in)
	if err := CheckOID(v); err != nil {
		t.Errorf("asn1der rejects a 2^31 arc: %v", err)
	}
	if got := string(AppendOIDText(nil, v.Value)); got != "1.2.2147483648" {
		t.Errorf("AppendOIDText = %s", got)
	}
	s = cryptobyte.String(in)
	if s.ReadASN1ObjectIdentifier(new(encasn1.ObjectIdentifier)) {
		t.Error("cryptobyte now accepts 2^31 arcs: widen arcsFit31")
	}
	// UTCTime without seconds: cryptobyte accepts, asn1der (RFC 5280) rejects.
	in = AppendTLV(nil, TagUTCTime, []byte("2611251830Z"))
	v, _ = Parse(in)
	if _, err := ParseTime(v); err == nil {
		t.Error("asn1der accepts UTCTime without seconds")
	}
	s = cryptobyte.String(in)
	if !s.ReadASN1UTCTime(new(time.Time)) {
		t.Error("cryptobyte now rejects UTCTime without seconds")
	}
}

// TestDiffCryptobyteOnSharedFiles runs the differential walk over the shared
// certificates, which use only low tag numbers throughout.
func TestDiffCryptobyteOnSharedFiles(t *testing.T) {
	files := sharedSeedFiles()
	if len(files) == 0 {
		t.Skip("../../shared/testdata not present: shared DER files not compared")
	}
	for _, p := range files {
		in, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		r := NewReader(in)
		diffLevel(t, &r, cryptobyte.String(in), 0)
	}
}
