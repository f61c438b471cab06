package rsp

import (
	"bytes"
	"errors"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

// rspPatch returns a copy of b with old replaced by new (same size) at its
// first occurrence.
func rspPatch(tb testing.TB, b, old, new []byte) []byte {
	tb.Helper()
	if len(old) != len(new) {
		tb.Fatal("rspPatch keeps sizes")
	}
	i := bytes.Index(b, old)
	if i < 0 {
		tb.Fatalf("%X not found", old)
	}
	c := append([]byte(nil), b...)
	copy(c[i:], new)
	return c
}

// Malformed inputs: every case must fail with a *ParseError that wraps an
// *asn1der.Error with the expected rule (and never panic).
func TestMalformedAuth(t *testing.T) {
	asr := rspSession(t, "auth-server-response.der")
	x, err := ParseAuthenticateServerResponse(asr)
	if err != nil {
		t.Fatal(err)
	}
	ss := AppendServerSigned1(nil, bytes.Repeat([]byte{1}, 16), bytes.Repeat([]byte{2}, 16), []byte("smdp.example.com"), bytes.Repeat([]byte{3}, 16))

	// Variants built from the session view.
	withSigned1 := func(f func(s *EuiccSigned1)) []byte {
		y := x
		f(&y.Ok.EuiccSigned1)
		return AppendAuthenticateServerResponse(nil, &y)
	}
	shortChallenge := withSigned1(func(s *EuiccSigned1) { s.ServerChallenge = s.ServerChallenge[:15] })
	longTid := withSigned1(func(s *EuiccSigned1) { s.TransactionID = make([]byte, 17) })
	emptyTid := withSigned1(func(s *EuiccSigned1) { s.TransactionID = []byte{} })
	badUTF8 := withSigned1(func(s *EuiccSigned1) { s.ServerAddress = []byte{0xC3, 0x28} })
	shortSvn := withSigned1(func(s *EuiccSigned1) { s.EuiccInfo2.Svn = Version{2, 2} })
	ext := withSigned1(func(s *EuiccSigned1) { s.Extensions = []byte{0x9F, 0x40, 0x01, 0x00} })
	dupTid := withSigned1(func(s *EuiccSigned1) { s.Extensions = []byte{0x80, 0x01, 0x00} })
	badCtx := withSigned1(func(s *EuiccSigned1) { s.CtxParams1.DeviceInfo.TAC = []byte{1, 2, 3} })
	y := x
	y.Ok.EuiccSignature1 = y.Ok.EuiccSignature1[:63]
	shortSig := AppendAuthenticateServerResponse(nil, &y)
	y = x
	y.Ok.EumCertificateRaw = []byte{0x04, 0x00}
	notCert := AppendAuthenticateServerResponse(nil, &y)

	// Header-level damage.
	nonMinimal := append([]byte{0xBF, 0x38, 0x83, 0x00}, asr[3:]...) // 82 05 2E → 83 00 05 2E
	trailing := append(append([]byte(nil), asr...), 0x00)
	wrongAlt := rspPatch(t, asr, []byte{0xBF, 0x38, 0x82, 0x05, 0x2E, 0xA0}, []byte{0xBF, 0x38, 0x82, 0x05, 0x2E, 0xA2})

	cases := []struct {
		name  string
		parse func([]byte) error
		in    []byte
		rule  asn1der.Rule
	}{
		{"empty", pASR, nil, asn1der.RuleTruncated},
		{"truncated", pASR, asr[:len(asr)-1], asn1der.RuleTruncated},
		{"wrong top tag", pASR, ss, asn1der.RuleUnexpectedTag},
		{"non-minimal length", pASR, nonMinimal, asn1der.RuleLengthNonMinimal},
		{"trailing byte", pASR, trailing, asn1der.RuleTrailingData},
		{"unknown CHOICE alternative", pASR, wrongAlt, asn1der.RuleUnexpectedTag},
		{"serverChallenge 15 bytes", pASR, shortChallenge, asn1der.RuleBadValue},
		{"transactionId 17 bytes", pASR, longTid, asn1der.RuleBadValue},
		{"transactionId empty", pASR, emptyTid, asn1der.RuleBadValue},
		{"serverAddress not UTF-8", pASR, badUTF8, asn1der.RuleBadValue},
		{"svn 2 bytes", pASR, shortSvn, asn1der.RuleBadValue},
		{"repeated transactionId", pASR, dupTid, asn1der.RuleUnexpectedTag},
		{"tac 3 bytes", pASR, badCtx, asn1der.RuleBadValue},
		{"signature 63 bytes", pASR, shortSig, asn1der.RuleBadValue},
		{"certificate not a SEQUENCE", pASR, notCert, asn1der.RuleUnexpectedTag},
		{"ServerSigned1 missing member", pSS1, asn1der.AppendTLV(nil, 0x30, ss[2:len(ss)-18]), asn1der.RuleMissing},
		{"ServerSigned1 wrapped", pSS1, append(append([]byte(nil), ss...), 0x30, 0x00), asn1der.RuleTrailingData},
		{"InitiateAuthenticationOk wrong tag", pIAO, asr, asn1der.RuleUnexpectedTag},
		{"BF39 error not INTEGER", pIAR, []byte{0xBF, 0x39, 0x03, 0x81, 0x01}, asn1der.RuleTruncated},
		{"BF39 empty", pIAR, []byte{0xBF, 0x39, 0x00}, asn1der.RuleMissing},
		{"BF3B two alternatives", pACR, []byte{0xBF, 0x3B, 0x06, 0x81, 0x01, 0x01, 0x81, 0x01, 0x02}, asn1der.RuleTrailingData},
		{"BF3B error INTEGER non-minimal", pACR, []byte{0xBF, 0x3B, 0x04, 0x81, 0x02, 0x00, 0x01}, asn1der.RuleBadValue},
	}
	for _, c := range cases {
		err := c.parse(c.in)
		var pe *ParseError
		var ae *asn1der.Error
		if !errors.As(err, &pe) || !errors.As(err, &ae) {
			t.Fatalf("%s: got %v, want a *ParseError wrapping *asn1der.Error", c.name, err)
		}
		if ae.Rule != c.rule {
			t.Fatalf("%s: rule %v (%v), want %v", c.name, ae.Rule, err, c.rule)
		}
	}
	// An unknown extension after the known members is tolerated and kept.
	e, err := ParseAuthenticateServerResponse(ext)
	if err != nil || !bytes.Equal(e.Ok.EuiccSigned1.Extensions, []byte{0x9F, 0x40, 0x01, 0x00}) {
		t.Fatalf("extension: %v", err)
	}
	rspEqual(t, "extension rebuild", AppendAuthenticateServerResponse(nil, &e), ext)
	// The extension is part of the signed span, as the eUICC signed it.
	if !bytes.HasSuffix(e.Ok.EuiccSigned1Raw, []byte{0x9F, 0x40, 0x01, 0x00}) {
		t.Fatal("extension not inside the signed span")
	}
}

// The eUICC-side parsers accept BER where the strict ones refuse it.
func TestLenientModes(t *testing.T) {
	ini, err := ParseInitiateAuthenticationOk(rspSession(t, "initiate-response.der"))
	if err != nil {
		t.Fatal(err)
	}
	asr, _ := ParseAuthenticateServerResponse(rspSession(t, "auth-server-response.der"))
	req := AuthenticateServerRequest{ServerSigned1: ini.ServerSigned1, ServerSignature1: ini.ServerSignature1,
		EuiccCiPKIdToBeUsed: ini.EuiccCiPKIdToBeUsed, ServerCertificate: ini.ServerCertificateRaw, CtxParams1: asr.Ok.EuiccSigned1.CtxParams1}
	der := AppendAuthenticateServerRequest(nil, &req)
	// Same message with an indefinite outer length (BF38 80 … 00 00).
	tl, _ := asn1der.Parse(der)
	ber := append(append([]byte{0xBF, 0x38, 0x80}, tl.Value...), 0, 0)
	if _, err := ParseAuthenticateServerRequest(ber); !errors.Is(err, &asn1der.Error{Rule: asn1der.RuleIndefiniteLength}) {
		t.Fatalf("DER accepted indefinite length: %v", err)
	}
	x, err := ParseAuthenticateServerRequestMode(ber, asn1der.BER)
	if err != nil {
		t.Fatal(err)
	}
	rspEqual(t, "BER serverSigned1 span", x.ServerSigned1.Raw, ini.ServerSigned1.Raw)
	rspVerify(t, x.ServerCertificate, x.ServerSigned1.Raw, x.ServerSignature1)
	// A BOOLEAN 01 (BER TRUE) in SmdpSigned2.ccRequiredFlag.
	pdr := PrepareDownloadRequest{SmdpSigned2: SmdpSigned2{TransactionID: []byte{1}, CcRequiredFlag: true}, SmdpSignature2: make([]byte, 64), SmdpCertificateRaw: []byte{0x30, 0x00}}
	pb := AppendPrepareDownloadRequest(nil, &pdr)
	pb = rspPatch(t, pb, []byte{0x01, 0x01, 0xFF}, []byte{0x01, 0x01, 0x01})
	if _, err := ParsePrepareDownloadRequest(pb); !errors.Is(err, &asn1der.Error{Rule: asn1der.RuleBadValue}) {
		t.Fatalf("DER accepted BOOLEAN 01: %v", err)
	}
	if p, err := ParsePrepareDownloadRequestMode(pb, asn1der.BER); err != nil || !p.SmdpSigned2.CcRequiredFlag {
		t.Fatalf("BER BOOLEAN: %v", err)
	}
}

func pASR(b []byte) error { _, err := ParseAuthenticateServerResponse(b); return err }
func pSS1(b []byte) error { _, err := ParseServerSigned1(b); return err }
func pIAO(b []byte) error { _, err := ParseInitiateAuthenticationOk(b); return err }
func pIAR(b []byte) error { _, err := ParseInitiateAuthenticationResponse(b); return err }
func pACR(b []byte) error { _, err := ParseAuthenticateClientResponse(b); return err }
