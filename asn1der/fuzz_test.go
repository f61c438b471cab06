package asn1der

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzMaxDepth bounds the recursive walks of the fuzz targets. It is above the
// nesting of any RSP message (a certificate inside AuthenticateServerResponse
// is about 10 deep) and well above what a short fuzz input can build.
const fuzzMaxDepth = 48

// sharedSeedFiles lists the shared test files (read in place, never copied
// into the corpus) that seed the fuzzers in addition to the committed corpus
// under testdata/fuzz. They are skipped silently when the folder is absent:
// the committed corpus alone must keep `go test` meaningful.
func sharedSeedFiles() []string {
	var out []string
	for _, pat := range []string{
		"../../shared/testdata/session/*.der",
		"../../shared/testdata/sgp26/*/*.der",
		"../../shared/testdata/upp/*.der",
	} {
		m, _ := filepath.Glob(pat)
		out = append(out, m...)
	}
	return out
}

func addSharedSeeds(f *testing.F) {
	for _, p := range sharedSeedFiles() {
		b, err := os.ReadFile(p)
		if err == nil {
			f.Add(b)
		}
	}
}

// FuzzReader feeds arbitrary bytes to the reader in strict DER and in BER mode.
// Properties:
//   - no panic in the reader or in any value decoder;
//   - every TLV's Raw is the input at Offset, Header+len(Value) matches Raw
//     (plus the two end-of-contents octets for BER indefinite lengths), and
//     nested offsets follow from the parent's Offset and Header;
//   - strict DER: every accepted TLV (recursively, up to fuzzMaxDepth)
//     re-encodes with the writer to exactly its Raw bytes, both with
//     AppendHeader/AppendTLV and with AppendBegin/AppendEnd over the children;
//     accepted primitive values re-encode with the typed writers;
//   - whatever DER accepts, BER accepts identically.
func FuzzReader(f *testing.F) {
	addSharedSeeds(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		derOK := checkWalk(t, in, DER)
		berOK := checkWalk(t, in, BER)
		if derOK && !berOK {
			t.Fatalf("DER accepts %x but BER rejects it", in)
		}
		// Parse (exactly one TLV) agrees with a one-element walk.
		d, errD := Parse(in)
		b, errB := ParseMode(in, BER)
		if errD == nil {
			if errB != nil || d.Offset != b.Offset || d.Header != b.Header || !bytes.Equal(d.Raw, b.Raw) {
				t.Fatalf("Parse DER %+v, BER %+v %v", d, b, errB)
			}
			if !bytes.Equal(d.Raw, in) {
				t.Fatalf("Parse accepted %x but Raw is %x", in, d.Raw)
			}
		}
		checkErr(t, errD, len(in))
		checkErr(t, errB, len(in))
	})
}

// checkErr requires a reader error to be an *Error with an offset inside the input.
func checkErr(t *testing.T, err error, n int) {
	t.Helper()
	if err == nil {
		return
	}
	e, ok := err.(*Error)
	if !ok {
		t.Fatalf("error %v is %T, not *Error", err, err)
	}
	if e.Offset < 0 || e.Offset > n {
		t.Fatalf("error offset %d outside input of %d bytes: %v", e.Offset, n, err)
	}
	if e.Rule == 0 || strings.HasPrefix(e.Rule.String(), "rule ") {
		t.Fatalf("error without a named rule: %v", err)
	}
}

// checkWalk reads every TLV of in (recursively) in mode m, checks the
// invariants, and reports whether the whole input was accepted.
func checkWalk(t *testing.T, in []byte, m Mode) bool {
	r := NewReaderMode(in, m)
	return walkLevel(t, in, &r, m, 0)
}

func walkLevel(t *testing.T, in []byte, r *Reader, m Mode, depth int) bool {
	for !r.Empty() {
		start := r.Offset()
		v, err := r.Next()
		if err != nil {
			checkErr(t, err, len(in))
			if e := err.(*Error); e.Offset < start {
				t.Fatalf("error offset %d before the element at %d", e.Offset, start)
			}
			if r.Offset() != start {
				t.Fatalf("cursor moved on error: %d -> %d", start, r.Offset())
			}
			return false
		}
		checkTLV(t, in, v, start, m)
		if r.Offset() != start+len(v.Raw) {
			t.Fatalf("cursor at %d after a TLV at %d of %d bytes", r.Offset(), start, len(v.Raw))
		}
		if depth >= fuzzMaxDepth {
			continue
		}
		if v.Constructed() {
			c, err := r.Enter(v)
			if err != nil {
				t.Fatalf("Enter of constructed %s: %v", v.Tag, err)
			}
			if c.Offset() != v.Offset+v.Header || c.Mode() != m {
				t.Fatalf("Enter: offset %d mode %d, want %d %d", c.Offset(), c.Mode(), v.Offset+v.Header, m)
			}
			ok := walkLevel(t, in, &c, m, depth+1)
			if ok && m == DER {
				checkReencodeConstructed(t, v)
			}
			if !ok {
				return false
			}
		} else {
			if _, err := r.Enter(v); err == nil {
				t.Fatalf("Enter accepted primitive %s", v.Tag)
			}
			checkPrimitive(t, v, m)
		}
	}
	return true
}

// checkTLV checks the span invariants of one TLV.
func checkTLV(t *testing.T, in []byte, v TLV, start int, m Mode) {
	if v.Offset != start {
		t.Fatalf("TLV offset %d, cursor was at %d", v.Offset, start)
	}
	if v.Offset < 0 || v.Offset+len(v.Raw) > len(in) || !bytes.Equal(in[v.Offset:v.Offset+len(v.Raw)], v.Raw) {
		t.Fatalf("Raw of %s at %d is not the input there", v.Tag, v.Offset)
	}
	if len(v.Raw) > 0 && &in[v.Offset] != &v.Raw[0] {
		t.Fatalf("Raw of %s at %d is a copy, not a sub-slice", v.Tag, v.Offset)
	}
	if v.Header < 2 || v.Header > len(v.Raw) {
		t.Fatalf("header %d of %d-byte TLV", v.Header, len(v.Raw))
	}
	if v.Tag.Len() > v.Header-1 {
		t.Fatalf("tag %s longer than header %d", v.Tag, v.Header)
	}
	if !bytes.Equal(v.Tag.AppendTo(nil), v.Raw[:v.Tag.Len()]) {
		t.Fatalf("tag %s does not match its identifier octets %x", v.Tag, v.Raw[:v.Tag.Len()])
	}
	switch rest := len(v.Raw) - v.Header - len(v.Value); {
	case rest == 0:
		if len(v.Value) > 0 && &v.Value[0] != &v.Raw[v.Header] {
			t.Fatal("Value is not the contents of Raw")
		}
	case rest == 2 && m == BER && v.Raw[v.Header-1] == 0x80 && v.Constructed():
		if v.Raw[len(v.Raw)-2] != 0 || v.Raw[len(v.Raw)-1] != 0 {
			t.Fatal("indefinite length TLV does not end with end-of-contents")
		}
	default:
		t.Fatalf("Raw %d bytes = header %d + value %d + %d", len(v.Raw), v.Header, len(v.Value), rest)
	}
	if cap(v.Value) != len(v.Value) || cap(v.Raw) != len(v.Raw) {
		t.Fatal("Value or Raw lets an append overwrite the input")
	}
	if m == DER {
		if got := AppendHeader(nil, v.Tag, len(v.Value)); !bytes.Equal(got, v.Raw[:v.Header]) {
			t.Fatalf("AppendHeader = %x, input header %x", got, v.Raw[:v.Header])
		}
		if HeaderLen(v.Tag, len(v.Value)) != v.Header {
			t.Fatalf("HeaderLen = %d, header %d", HeaderLen(v.Tag, len(v.Value)), v.Header)
		}
		if got := AppendTLV([]byte{0xEE}, v.Tag, v.Value); !bytes.Equal(got[1:], v.Raw) || got[0] != 0xEE {
			t.Fatalf("AppendTLV = %x, input %x", got[1:], v.Raw)
		}
	}
}

// checkReencodeConstructed rebuilds a constructed DER TLV with AppendBegin,
// one AppendTLV per child, and AppendEnd, after a prefix (so that the mark is
// not at zero).
func checkReencodeConstructed(t *testing.T, v TLV) {
	dst, mark := AppendBegin([]byte{0xEE, 0xEE}, v.Tag)
	c, _ := Children(v, DER)
	for !c.Empty() {
		k, err := c.Next()
		if err != nil {
			t.Fatalf("second read of %s failed: %v", v.Tag, err)
		}
		dst = AppendTLV(dst, k.Tag, k.Value)
	}
	dst = AppendEnd(dst, mark)
	if !bytes.Equal(dst[:2], []byte{0xEE, 0xEE}) || !bytes.Equal(dst[2:], v.Raw) {
		t.Fatalf("AppendBegin/AppendEnd of %s = %x, input %x", v.Tag, dst[2:], v.Raw)
	}
}

// checkPrimitive runs the value decoders on a primitive; in DER, whatever
// they accept must re-encode to the same bytes with the typed writers.
func checkPrimitive(t *testing.T, v TLV, m Mode) {
	if b, err := IntegerBytes(v); err == nil {
		if len(b) == 0 {
			t.Fatal("IntegerBytes accepted an empty INTEGER")
		}
		if n, err := Int64(v); err == nil {
			if got := AppendInt64(nil, v.Tag, n); m == DER && !bytes.Equal(got, v.Raw) {
				t.Fatalf("AppendInt64(%d) = %x, input %x", n, got, v.Raw)
			}
		} else if len(b) <= 8 {
			t.Fatalf("Int64 rejected %d-byte INTEGER: %v", len(b), err)
		}
		if u, err := UnsignedBytes(v); err == nil {
			if got := AppendUnsigned(nil, v.Tag, u); m == DER && !bytes.Equal(got, v.Raw) {
				t.Fatalf("AppendUnsigned(%x) = %x, input %x", u, got, v.Raw)
			}
		} else if b[0]&0x80 == 0 {
			t.Fatalf("UnsignedBytes rejected non-negative %x: %v", b, err)
		}
	} else {
		checkErr(t, err, v.Offset+len(v.Raw))
		if _, err := Int64(v); err == nil {
			t.Fatal("Int64 accepted what IntegerBytes rejected")
		}
	}
	if b, err := Bool(v, m); err == nil && m == DER {
		if got := AppendBool(nil, v.Tag, b); !bytes.Equal(got, v.Raw) {
			t.Fatalf("AppendBool(%v) = %x, input %x", b, got, v.Raw)
		}
	}
	if err := Null(v); err == nil && m == DER {
		if got := AppendNull(nil, v.Tag); !bytes.Equal(got, v.Raw) {
			t.Fatalf("AppendNull = %x, input %x", got, v.Raw)
		}
	}
	if bs, err := ParseBitString(v, m); err == nil {
		if bs.Unused < 0 || bs.Unused > 7 || bs.Len() < 0 {
			t.Fatalf("BitString %+v", bs)
		}
		for i := -1; i <= bs.Len(); i++ {
			_ = bs.Has(i)
		}
		if m == DER {
			if got := AppendBitString(nil, v.Tag, bs.Bytes, bs.Len()); !bytes.Equal(got, v.Raw) {
				t.Fatalf("AppendBitString = %x, input %x", got, v.Raw)
			}
		}
		if nb, err := ParseNamedBits(v, m); err == nil && m == DER && nb.Len() <= 64 {
			if got := AppendNamedBits(nil, v.Tag, nb.NamedBitsMask()); !bytes.Equal(got, v.Raw) {
				t.Fatalf("AppendNamedBits = %x, input %x", got, v.Raw)
			}
		}
	}
	if err := CheckOID(v); err == nil {
		text := string(AppendOIDText(nil, v.Value))
		if !strings.Contains(text, "?") {
			if got := OID(text); !bytes.Equal(got, v.Value) {
				t.Fatalf("OID(%q) = %x, contents %x", text, got, v.Value)
			}
		}
	}
	if tm, err := ParseTime(v); err == nil {
		y := tm.Year()
		utc := y >= 1950 && y < 2050
		if m == DER && utc == (v.Tag == TagUTCTime) {
			if got := AppendTime(nil, tm); !bytes.Equal(got, v.Raw) {
				t.Fatalf("AppendTime(%v) = %x, input %x", tm, got, v.Raw)
			}
		}
	}
}

// TestFuzzSeedsPresent makes sure the committed corpora exist and are in the
// fuzz file format, so that `go test` replays them.
func TestFuzzSeedsPresent(t *testing.T) {
	for _, target := range []string{"FuzzReader", "FuzzDiffCryptobyte"} {
		files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", target, "*"))
		if len(files) < 20 {
			t.Errorf("%s: %d committed seeds, want at least 20", target, len(files))
		}
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte("go test fuzz v1\n[]byte(")) {
				t.Errorf("%s: not a go fuzz corpus file", p)
			}
		}
	}
}

// TestReaderOnSharedFiles runs the FuzzReader properties over the shared RSP
// messages and certificates: these are real DER, so DER must accept them
// whole and the writer must reproduce them byte for byte.
func TestReaderOnSharedFiles(t *testing.T) {
	files := sharedSeedFiles()
	if len(files) == 0 {
		t.Skip("../../shared/testdata not present: shared DER files not checked")
	}
	for _, p := range files {
		if filepath.Base(p) == "upp.der" {
			// session/upp.der is the ASCII string "the-uicc-profile-fixture"
			// (session/README.md: "a 24-byte dummy, not a real SAIP package").
			continue
		}
		in, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(p), func(t *testing.T) {
			if !checkWalk(t, in, DER) {
				_, err := Parse(in)
				t.Fatalf("strict DER walk rejected %s: %v", p, err)
			}
			if !checkWalk(t, in, BER) {
				t.Fatalf("BER walk rejected %s", p)
			}
		})
	}
}
