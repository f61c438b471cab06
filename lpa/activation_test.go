package lpa

import (
	"bytes"
	"errors"
	"testing"
)

// Vectors: SGP.22 §4.1 layout ([MEM]); the addresses and tokens are the
// shapes found on real QR codes ("LPA:1$host$TOKEN").
func TestParseActivationCode(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want ActivationCode
	}{
		{"LPA:1$smdp.example.com$MATCHINGID", ActivationCode{SMDPAddress: "smdp.example.com", MatchingID: "MATCHINGID"}},
		{"1$smdp.example.com$MATCHINGID", ActivationCode{SMDPAddress: "smdp.example.com", MatchingID: "MATCHINGID"}},
		{"lpa:1$SMDP.Example.COM$04386-AGYFT-A74Y8-3F815", ActivationCode{SMDPAddress: "SMDP.Example.COM", MatchingID: "04386-AGYFT-A74Y8-3F815"}},
		{"LPA:1$testsmdpplus1.example.com$", ActivationCode{SMDPAddress: "testsmdpplus1.example.com"}},
		{"LPA:1$a.b$T$2.999.10", ActivationCode{SMDPAddress: "a.b", MatchingID: "T", SMDPOID: "2.999.10"}},
		{"LPA:1$a.b$T$$1", ActivationCode{SMDPAddress: "a.b", MatchingID: "T", ConfirmationCodeRequired: true}},
		{"LPA:1$a.b$T$1.2.3$1$F54172BDF98A95D65CBEB88A38A1C11D800A85C3", ActivationCode{SMDPAddress: "a.b", MatchingID: "T", SMDPOID: "1.2.3", ConfirmationCodeRequired: true,
			CIPKID: []byte{0xF5, 0x41, 0x72, 0xBD, 0xF9, 0x8A, 0x95, 0xD6, 0x5C, 0xBE, 0xB8, 0x8A, 0x38, 0xA1, 0xC1, 0x1D, 0x80, 0x0A, 0x85, 0xC3}}},
		{"LPA:1$a.b$T$$", ActivationCode{SMDPAddress: "a.b", MatchingID: "T"}},
	} {
		got, err := ParseActivationCode(tc.in)
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if got.SMDPAddress != tc.want.SMDPAddress || got.MatchingID != tc.want.MatchingID || got.SMDPOID != tc.want.SMDPOID ||
			got.ConfirmationCodeRequired != tc.want.ConfirmationCodeRequired || !bytes.Equal(got.CIPKID, tc.want.CIPKID) {
			t.Fatalf("%q: got %+v, want %+v", tc.in, got, tc.want)
		}
		// String round-trips.
		again, err := ParseActivationCode(got.String())
		if err != nil || again.String() != got.String() {
			t.Fatalf("%q: String %q does not round-trip: %v", tc.in, got.String(), err)
		}
	}
}

func TestParseActivationCodeRefusals(t *testing.T) {
	for _, in := range []string{
		"", "LPA:", "LPA:2$a.b$T", "LPA:1$a.b", "LPA:1", "LPA:1$$T", "LPA:1$a..b$T", "LPA:1$-a.b$T", "LPA:1$a b$T",
		"LPA:1$https://a.b$T", "LPA:1$a.b:443$T", "LPA:1$a.b$T$x.y", "LPA:1$a.b$T$1.2$2", "LPA:1$a.b$T$$1$ZZ",
		"LPA:1$a.b$T$$1$AB$extra", "LPA:1$a.b$T\n", "LPA:1$a.b$T\x00", string(make([]byte, 2000)),
	} {
		if ac, err := ParseActivationCode(in); !errors.Is(err, ErrActivationCode) {
			t.Errorf("%q: got %+v, %v; want ErrActivationCode", in, ac, err)
		}
	}
}

func TestStringOmitsEmptyTail(t *testing.T) {
	ac := ActivationCode{SMDPAddress: "a.b", MatchingID: "X", ConfirmationCode: "secret"}
	if s := ac.String(); s != "LPA:1$a.b$X" {
		t.Fatalf("String = %q", s)
	}
	ac.ConfirmationCodeRequired = true
	if s := ac.String(); s != "LPA:1$a.b$X$$1" {
		t.Fatalf("String = %q", s)
	}
}

func FuzzParseActivationCode(f *testing.F) {
	for _, s := range []string{"LPA:1$smdp.example.com$MATCHINGID", "1$a.b$T$1.2.3$1$F541", "LPA:1$a.b$$$", "LPA:2$x$y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ac, err := ParseActivationCode(s)
		if err != nil {
			if !errors.Is(err, ErrActivationCode) {
				t.Fatalf("error %v does not wrap ErrActivationCode", err)
			}
			return
		}
		// A parsed code formats to one that parses to the same values.
		again, err := ParseActivationCode(ac.String())
		if err != nil || again.SMDPAddress != ac.SMDPAddress || again.MatchingID != ac.MatchingID ||
			again.SMDPOID != ac.SMDPOID || again.ConfirmationCodeRequired != ac.ConfirmationCodeRequired || !bytes.Equal(again.CIPKID, ac.CIPKID) {
			t.Fatalf("%q -> %q -> %+v, %v", s, ac.String(), again, err)
		}
	})
}
