package saip

import (
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

func TestLuhn(t *testing.T) {
	// Vectors: "79927398713" is the worked example of the Luhn algorithm
	// (ISO/IEC 7812-1 Annex B, the usual textbook example); the TS.48 ICCID
	// 89000123456789012341 (header of every TS.48 package here) ends in its
	// check digit 1.
	for _, s := range []string{"79927398713", "89000123456789012341"} {
		if !LuhnValid(s) {
			t.Errorf("%s not valid", s)
		}
		for d := byte('0'); d <= '9'; d++ {
			if d != s[len(s)-1] && LuhnValid(s[:len(s)-1]+string(d)) {
				t.Errorf("%s with check digit %c valid", s, d)
			}
		}
	}
	if d, ok := LuhnCheckDigit("7992739871"); !ok || d != '3' {
		t.Errorf("check digit %c", d)
	}
	if _, ok := LuhnCheckDigit("12a"); ok || LuhnValid("1") || LuhnValid("1x") {
		t.Error("non-digits accepted")
	}
	// Luhn catches every single-digit error: property test.
	rng := rand.New(rand.NewPCG(5, 6))
	for range 1000 {
		b := make([]byte, 18)
		for i := range b {
			b[i] = byte('0' + rng.IntN(10))
		}
		d, _ := LuhnCheckDigit(string(b))
		full := string(b) + string(d)
		if !LuhnValid(full) {
			t.Fatalf("%s not valid", full)
		}
		i := rng.IntN(len(full))
		c := []byte(full)
		c[i] = byte('0' + (int(c[i]-'0')+1+rng.IntN(9))%10)
		if LuhnValid(string(c)) {
			t.Fatalf("single-digit change %s -> %s not detected", full, c)
		}
	}
}

func TestICCID(t *testing.T) {
	// EF-ICCID of the TS.48 packages (mf PE, ef-iccid fillFileContent, read
	// with xxd): 98 00 10 32 54 76 98 10 32 14 = 89000123456789012341.
	ef, err := ICCIDFromDigits("89000123456789012341")
	if err != nil || hex.EncodeToString(ef[:]) != "98001032547698103214" {
		t.Fatalf("%x %v", ef, err)
	}
	if d, err := ICCIDDigits(ef[:]); err != nil || d != "89000123456789012341" {
		t.Fatalf("%q %v", d, err)
	}
	// 18 digits: the check digit is appended (the same ICCID).
	if ef2, err := ICCIDFromDigits("890001234567890123"); err != nil || ef2 == ef {
		t.Fatalf("18 digits: %x %v", ef2, err)
	} else if d, _ := ICCIDDigits(ef2[:]); len(d) != 19 || !LuhnValid(d) || d[:18] != "890001234567890123" {
		t.Fatalf("18 digits decode to %q", d)
	}
	// 19 digits with a check digit: F-padded.
	ef3, err := ICCIDFromDigits("8944100000000000000")
	if err != nil || ef3[9]>>4 != 0xF {
		t.Fatalf("19 digits: %x %v", ef3, err)
	}
	for _, bad := range []string{"", "89000123456789012", "890001234567890123412", "8900012345678901234x", "8900012345678901234"} {
		if _, err := ICCIDFromDigits(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, err := ICCIDFromDigits("89000123456789012342"); !errors.Is(err, ErrICCIDCheckDigit) {
		t.Errorf("bad check digit: %v", err)
	}
	for _, bad := range []string{"98001032547698103214ff", "9800103254769810321", "9800103254769810F2F4", "98001032547698103A14", "98001032547698FFFFFF"} {
		b, _ := hex.DecodeString(bad)
		if _, err := ICCIDDigits(b); err == nil {
			t.Errorf("ICCIDDigits(%s) accepted", bad)
		}
	}
	// header coding
	plain := ef
	SwapNibbles(plain[:])
	h := ProfileHeader{ICCID: plain[:]}
	if d, err := h.ICCIDDigits(); err != nil || d != "89000123456789012341" || !h.MatchesICCID(ef[:]) {
		t.Fatalf("header coding: %q %v", d, err)
	}
	h.ICCID = ef[:] // EFiccid coding in the header is accepted by MatchesICCID too
	if !h.MatchesICCID(ef[:]) || h.MatchesICCID(ef3[:]) || h.MatchesICCID(ef[:9]) {
		t.Fatal("MatchesICCID")
	}
}

func TestIMSI(t *testing.T) {
	// EF_IMSI of the TS.48 packages (usim PE, ef-imsi, read with xxd).
	ef, err := IMSIFromDigits("001010123456063")
	if err != nil || hex.EncodeToString(ef[:]) != "080910101032540636" {
		t.Fatalf("%x %v", ef, err)
	}
	// Even number of digits: parity nibble 1, last nibble F (TS 31.102
	// §4.2.2), worked by hand: 08 | 2,1 | 2,6 | 1,0 | 2,1 | 4,3 | 6,5 | 8,7 | F,9.
	ef, err = IMSIFromDigits("26201123456789")
	if err != nil || hex.EncodeToString(ef[:]) != "0821261021436587f9" {
		t.Fatalf("even IMSI coding %x %v", ef, err)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 500 {
		n := 6 + rng.IntN(10)
		s := ""
		for range n {
			s += strconv.Itoa(rng.IntN(10))
		}
		ef, err := IMSIFromDigits(s)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := IMSIDigits(ef[:]); err != nil || got != s {
			t.Fatalf("%s -> %x -> %q %v", s, ef, got, err)
		}
	}
	for _, bad := range []string{"", "00101", "0010101234567890", "00101012345678a"} {
		if _, err := IMSIFromDigits(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	for _, bad := range []string{"", "08", "090910101032540636", "080a10101032540636", "080110101032540636", "0809101010325406f6", "080910101032540636ff00", "0829101010325406ff"} {
		b, _ := hex.DecodeString(bad)
		if _, err := IMSIDigits(b); err == nil {
			t.Errorf("IMSIDigits(%s) accepted", bad)
		}
	}
}

// TestAllocs pins the zero-allocation paths: a reused Parser fed a whole
// TS.48 package in 1007-byte chunks (after the first run has grown its
// buffer), the views, and the generator into a buffer with room.
func TestAllocs(t *testing.T) {
	upp := ts48(ts48Files(t))
	var h ProfileHeader
	p := NewParser(asn1der.DER, func(pe *PE) error {
		if pe.Type == TypeHeader {
			var err error
			h, err = pe.ProfileHeader()
			return err
		}
		return nil
	})
	run := func() {
		p.Reset()
		for off := 0; off < len(upp); off += 1007 {
			if err := p.Write(upp[off:min(off+1007, len(upp))]); err != nil {
				t.Fatal(err)
			}
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
	}
	run()
	if n := testing.AllocsPerRun(20, run); n != 0 {
		t.Errorf("Parser: %v allocs per package", n)
	}
	if len(h.ICCID) != 10 {
		t.Fatal("header view not filled")
	}
	pp := DefaultParams()
	buf := make([]byte, 0, 1024)
	if n := testing.AllocsPerRun(20, func() { buf = AppendDefaultProfile(buf[:0], &pp) }); n != 0 {
		t.Errorf("AppendDefaultProfile: %v allocs", n)
	}
	var aka []byte
	Walk(buf, asn1der.DER, func(pe *PE) error {
		if pe.Type == TypeAKAParameter {
			aka = pe.TLV.Raw
		}
		return nil
	})
	if n := testing.AllocsPerRun(20, func() { ParseAKAParameter(aka, asn1der.DER) }); n != 0 {
		t.Errorf("ParseAKAParameter: %v allocs", n)
	}
	if n := testing.AllocsPerRun(20, func() { ICCIDFromDigits("890001234567890123") }); n != 0 {
		t.Errorf("ICCIDFromDigits: %v allocs", n)
	}
}
