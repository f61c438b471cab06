package rsp

import (
	"bytes"
	stdasn1 "encoding/asn1"
	"errors"
	"testing"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// The fields an SM-DP+ takes out of an AuthenticateServerResponse on the hot
// path (DESIGN.md "How data flows"): every implementation below extracts
// exactly these, and TestASRImplsAgree checks that they agree.
type asrFields struct {
	transactionID, serverAddress, serverChallenge []byte
	euiccSigned1, signature, signatureDO          []byte
	euiccCert, eumCert                            []byte
	svn, profileVersion, firmwareVer              []byte
}

func asrRspengine(b []byte, f *asrFields) error {
	x, err := ParseAuthenticateServerResponse(b)
	if err != nil {
		return err
	}
	if !x.IsOk {
		return x.Err()
	}
	o := &x.Ok
	s := &o.EuiccSigned1
	*f = asrFields{s.TransactionID, s.ServerAddress, s.ServerChallenge, o.EuiccSigned1Raw, o.EuiccSignature1, o.EuiccSignature1DO,
		o.EuiccCertificateRaw, o.EumCertificateRaw, s.EuiccInfo2.Svn, s.EuiccInfo2.ProfileVersion, s.EuiccInfo2.EuiccFirmwareVer}
	return nil
}

// asrRspengineInto is asrRspengine with ParseAuthenticateServerResponseInto,
// which fills a view in place instead of returning 1.3 KB by value.
func asrRspengineInto(b []byte, f *asrFields) error {
	var x AuthenticateServerResponse
	if err := ParseAuthenticateServerResponseInto(&x, b); err != nil {
		return err
	}
	if !x.IsOk {
		return x.Err()
	}
	o := &x.Ok
	s := &o.EuiccSigned1
	*f = asrFields{s.TransactionID, s.ServerAddress, s.ServerChallenge, o.EuiccSigned1Raw, o.EuiccSignature1, o.EuiccSignature1DO,
		o.EuiccCertificateRaw, o.EumCertificateRaw, s.EuiccInfo2.Svn, s.EuiccInfo2.ProfileVersion, s.EuiccInfo2.EuiccFirmwareVer}
	return nil
}

// encoding/asn1 reference: Go structs with the module's tags. The [56] CHOICE
// wrapper (BF38) and its [0] alternative (A0) cannot be expressed in one
// struct field, so the wrapper is taken as a RawValue (class and tag checked)
// and its contents decoded with params "tag:0".
type stdEUICCInfo2 struct {
	ProfileVersion        []byte            `asn1:"tag:1"`
	Svn                   []byte            `asn1:"tag:2"`
	EuiccFirmwareVer      []byte            `asn1:"tag:3"`
	ExtCardResource       []byte            `asn1:"tag:4"`
	UICCCapability        stdasn1.BitString `asn1:"tag:5"`
	TS102241Version       []byte            `asn1:"optional,tag:6"`
	GlobalPlatformVersion []byte            `asn1:"optional,tag:7"`
	RspCapability         stdasn1.BitString `asn1:"tag:8"`
	CiPKIdListForVerif    [][]byte          `asn1:"tag:9"`
	CiPKIdListForSigning  [][]byte          `asn1:"tag:10"`
	EuiccCategory         int               `asn1:"optional,tag:11"`
	ForbiddenPPRs         stdasn1.BitString `asn1:"optional,tag:25"`
	PpVersion             []byte            // untagged OCTET STRING
	SasAccreditation      string            `asn1:"utf8"`
	CertificationData     stdasn1.RawValue  `asn1:"optional,tag:12"`
	TreProperties         stdasn1.BitString `asn1:"optional,tag:13"`
	TreProductReference   string            `asn1:"optional,utf8,tag:14"`
	AdditionalVersions    [][]byte          `asn1:"optional,tag:15"`
}

type stdEuiccSigned1 struct {
	Raw             stdasn1.RawContent
	TransactionID   []byte           `asn1:"tag:0"`
	ServerAddress   string           `asn1:"utf8,tag:3"`
	ServerChallenge []byte           `asn1:"tag:4"`
	EuiccInfo2      stdEUICCInfo2    `asn1:"tag:34"`
	CtxParams1      stdasn1.RawValue // CHOICE: A0 ctxParamsForCommonAuthentication
}

type stdAuthenticateResponseOk struct {
	EuiccSigned1     stdEuiccSigned1
	EuiccSignature1  stdasn1.RawValue // [APPLICATION 55]; RawValue keeps the whole DO
	EuiccCertificate stdasn1.RawValue
	EumCertificate   stdasn1.RawValue
}

func asrEncodingASN1(b []byte, f *asrFields) error {
	var wrap stdasn1.RawValue
	rest, err := stdasn1.Unmarshal(b, &wrap)
	if err != nil {
		return err
	}
	if len(rest) != 0 || wrap.Class != stdasn1.ClassContextSpecific || wrap.Tag != 56 || !wrap.IsCompound {
		return errors.New("not BF38")
	}
	var ok stdAuthenticateResponseOk
	rest, err = stdasn1.UnmarshalWithParams(wrap.Bytes, &ok, "tag:0")
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return errors.New("trailing data in BF38")
	}
	sig := ok.EuiccSignature1
	if sig.Class != stdasn1.ClassApplication || sig.Tag != 55 || len(sig.Bytes) != 64 {
		return errors.New("bad euiccSignature1")
	}
	if ok.EuiccSigned1.CtxParams1.Class != stdasn1.ClassContextSpecific || ok.EuiccSigned1.CtxParams1.Tag != 0 {
		return errors.New("bad ctxParams1")
	}
	s := &ok.EuiccSigned1
	*f = asrFields{s.TransactionID, []byte(s.ServerAddress), s.ServerChallenge, s.Raw, sig.Bytes, sig.FullBytes,
		ok.EuiccCertificate.FullBytes, ok.EumCertificate.FullBytes, s.EuiccInfo2.Svn, s.EuiccInfo2.ProfileVersion, s.EuiccInfo2.EuiccFirmwareVer}
	return nil
}

// cbReadHigh reads an element with a two-byte tag (BF38, BF22, 5F37), which
// cryptobyte's ASN.1 reader does not support, using its primitive readers:
// returns the contents and the whole element.
func cbReadHigh(s *cryptobyte.String, tag uint16) (body cryptobyte.String, full []byte, ok bool) {
	start := *s
	var t uint16
	var l uint8
	if !s.ReadUint16(&t) || t != tag || !s.ReadUint8(&l) {
		return nil, nil, false
	}
	n := int(l)
	switch {
	case l < 0x80:
	case l == 0x81:
		var v uint8
		if !s.ReadUint8(&v) || v < 0x80 {
			return nil, nil, false
		}
		n = int(v)
	case l == 0x82:
		var v uint16
		if !s.ReadUint16(&v) || v < 0x100 {
			return nil, nil, false
		}
		n = int(v)
	default:
		return nil, nil, false
	}
	if !s.ReadBytes((*[]byte)(&body), n) {
		return nil, nil, false
	}
	return body, start[:len(start)-len(*s)], true
}

var errCB = errors.New("cryptobyte: malformed")

func asrCryptobyte(b []byte, f *asrFields) error {
	in := cryptobyte.String(b)
	outer, _, ok := cbReadHigh(&in, 0xBF38)
	if !ok || !in.Empty() {
		return errCB
	}
	var alt, signed1, signed1Full, info2 cryptobyte.String
	ctx := func(n uint8) cbasn1.Tag { return cbasn1.Tag(n).ContextSpecific() }
	if !outer.ReadASN1(&alt, ctx(0).Constructed()) || !outer.Empty() {
		return errCB
	}
	if !alt.ReadASN1Element(&signed1Full, cbasn1.SEQUENCE) {
		return errCB
	}
	f.euiccSigned1 = signed1Full
	if !signed1Full.ReadASN1(&signed1, cbasn1.SEQUENCE) {
		return errCB
	}
	var tid, addr, chal, ctxp cryptobyte.String
	if !signed1.ReadASN1(&tid, ctx(0)) || !signed1.ReadASN1(&addr, ctx(3)) || !signed1.ReadASN1(&chal, ctx(4)) {
		return errCB
	}
	f.transactionID, f.serverAddress, f.serverChallenge = tid, addr, chal
	info2, _, ok = cbReadHigh(&signed1, 0xBF22)
	if !ok || !signed1.ReadASN1Element(&ctxp, ctx(0).Constructed()) {
		return errCB
	}
	var pv, svn, fw cryptobyte.String
	if !info2.ReadASN1(&pv, ctx(1)) || !info2.ReadASN1(&svn, ctx(2)) || !info2.ReadASN1(&fw, ctx(3)) {
		return errCB
	}
	for !info2.Empty() { // the other EUICCInfo2 members: checked, not kept
		var e cryptobyte.String
		var tag cbasn1.Tag
		if !info2.ReadAnyASN1Element(&e, &tag) {
			return errCB
		}
	}
	f.profileVersion, f.svn, f.firmwareVer = pv, svn, fw
	sig, sigDO, ok := cbReadHigh(&alt, 0x5F37)
	if !ok || len(sig) != 64 {
		return errCB
	}
	f.signature, f.signatureDO = sig, sigDO
	var ec, eum cryptobyte.String
	if !alt.ReadASN1Element(&ec, cbasn1.SEQUENCE) || !alt.ReadASN1Element(&eum, cbasn1.SEQUENCE) || !alt.Empty() {
		return errCB
	}
	f.euiccCert, f.eumCert = ec, eum
	return nil
}

var asrImpls = []struct {
	name string
	fn   func([]byte, *asrFields) error
}{
	{"rspengine", asrRspengine},
	{"rspengine_into", asrRspengineInto},
	{"encoding_asn1", asrEncodingASN1},
	{"cryptobyte", asrCryptobyte},
}

func TestASRImplsAgree(t *testing.T) {
	b := rspSession(t, "auth-server-response.der")
	var want asrFields
	if err := asrRspengine(b, &want); err != nil {
		t.Fatal(err)
	}
	for _, impl := range asrImpls {
		var f asrFields
		if err := impl.fn(b, &f); err != nil {
			t.Fatalf("%s: %v", impl.name, err)
		}
		got := [][]byte{f.transactionID, f.serverAddress, f.serverChallenge, f.euiccSigned1, f.signature, f.signatureDO, f.euiccCert, f.eumCert, f.svn, f.profileVersion, f.firmwareVer}
		exp := [][]byte{want.transactionID, want.serverAddress, want.serverChallenge, want.euiccSigned1, want.signature, want.signatureDO, want.euiccCert, want.eumCert, want.svn, want.profileVersion, want.firmwareVer}
		for i := range got {
			if !bytes.Equal(got[i], exp[i]) || len(got[i]) == 0 && i != 1 {
				t.Fatalf("%s: field %d = %X, want %X", impl.name, i, got[i], exp[i])
			}
		}
	}
}

// BenchmarkParseAuthenticateServerResponse: the SM-DP+'s decode of the
// eUICC's answer (AuthenticateClient), ours beside encoding/asn1 and a
// cryptobyte hand walk, all extracting the same fields.
func BenchmarkParseAuthenticateServerResponse(b *testing.B) {
	in := rspSession(b, "auth-server-response.der")
	for _, impl := range asrImpls {
		b.Run("impl="+impl.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			var f asrFields
			for b.Loop() {
				if err := impl.fn(in, &f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

type stdServerSigned1 struct {
	TransactionID   []byte `asn1:"tag:0"`
	EuiccChallenge  []byte `asn1:"tag:1"`
	ServerAddress   string `asn1:"utf8,tag:3"`
	ServerChallenge []byte `asn1:"tag:4"`
}

// BenchmarkBuildServerSigned1: the SM-DP+ encodes serverSigned1 (the bytes it
// signs) for every InitiateAuthentication.
func BenchmarkBuildServerSigned1(b *testing.B) {
	tid := rspSession(b, "transaction-id.bin")
	ech := rspSession(b, "euicc-challenge.bin")
	sch := rspSession(b, "server-challenge.bin")
	addr := []byte("smdp.example.com")
	want := AppendServerSigned1(nil, tid, ech, addr, sch)
	buf := make([]byte, 0, 256)
	check := func(b *testing.B, out []byte) {
		if !bytes.Equal(out, want) {
			b.Fatalf("encoding differs: %X", out)
		}
	}
	b.Run("impl=rspengine", func(b *testing.B) {
		b.ReportAllocs()
		var out []byte
		for b.Loop() {
			out = AppendServerSigned1(buf[:0], tid, ech, addr, sch)
		}
		check(b, out)
	})
	b.Run("impl=encoding_asn1", func(b *testing.B) {
		b.ReportAllocs()
		var out []byte
		for b.Loop() {
			var err error
			out, err = stdasn1.Marshal(stdServerSigned1{tid, ech, string(addr), sch})
			if err != nil {
				b.Fatal(err)
			}
		}
		check(b, out)
	})
	b.Run("impl=cryptobyte", func(b *testing.B) {
		b.ReportAllocs()
		var out []byte
		ctx := func(n uint8) cbasn1.Tag { return cbasn1.Tag(n).ContextSpecific() }
		for b.Loop() {
			cb := cryptobyte.NewBuilder(buf[:0])
			cb.AddASN1(cbasn1.SEQUENCE, func(s *cryptobyte.Builder) {
				s.AddASN1(ctx(0), func(c *cryptobyte.Builder) { c.AddBytes(tid) })
				s.AddASN1(ctx(1), func(c *cryptobyte.Builder) { c.AddBytes(ech) })
				s.AddASN1(ctx(3), func(c *cryptobyte.Builder) { c.AddBytes(addr) })
				s.AddASN1(ctx(4), func(c *cryptobyte.Builder) { c.AddBytes(sch) })
			})
			var err error
			if out, err = cb.Bytes(); err != nil {
				b.Fatal(err)
			}
		}
		check(b, out)
	})
}

// The hot path allocates nothing (DESIGN.md): parsing the recorded
// AuthenticateServerResponse and building ServerSigned1 into a large buffer.
func TestAllocs(t *testing.T) {
	in := rspSession(t, "auth-server-response.der")
	var f asrFields
	if n := testing.AllocsPerRun(100, func() {
		if err := asrRspengine(in, &f); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Fatalf("ParseAuthenticateServerResponse: %v allocs", n)
	}
	if n := testing.AllocsPerRun(100, func() {
		if err := asrRspengineInto(in, &f); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Fatalf("ParseAuthenticateServerResponseInto: %v allocs", n)
	}
	buf := make([]byte, 0, 4096)
	tid, ch := f.transactionID, f.serverChallenge
	if n := testing.AllocsPerRun(100, func() {
		buf = AppendServerSigned1(buf[:0], tid, ch, f.serverAddress, ch)
	}); n != 0 {
		t.Fatalf("AppendServerSigned1: %v allocs", n)
	}
	// Other hot views: the BPP and the PrepareDownloadResponse.
	bpp := rspSession(t, "bound-profile-package.der")
	pdr := rspSession(t, "prepare-download-response.der")
	ac := rspSession(t, "authenticate-response.der")
	if n := testing.AllocsPerRun(100, func() {
		x, err := ParseBoundProfilePackage(bpp)
		if err != nil {
			t.Fatal(err)
		}
		for range x.SequenceOf86.All() {
		}
		if _, err := ParsePrepareDownloadResponse(pdr); err != nil {
			t.Fatal(err)
		}
		if _, err := ParseAuthenticateClientResponse(ac); err != nil {
			t.Fatal(err)
		}
		buf = AppendBoundProfilePackage(buf[:0], &x)
	}); n != 0 {
		t.Fatalf("BPP/PDR/AuthenticateClient: %v allocs", n)
	}
}

// TestAllocsSynthetic pins zero allocations without the shared test data: a
// synthetic AuthenticateServerResponse built with this package's builders.
func TestAllocsSynthetic(t *testing.T) {
	ch := bytes.Repeat([]byte{0xC1}, 16)
	s1 := EuiccSigned1{
		TransactionID: []byte{1, 2, 3, 4}, ServerAddress: []byte("smdp.example.com"), ServerChallenge: ch,
		EuiccInfo2: EUICCInfo2{ProfileVersion: Version{2, 3, 1}, Svn: Version{2, 5, 0}, EuiccFirmwareVer: Version{1, 0, 0},
			ExtCardResource: []byte{0x81, 0x01, 0x00}, PpVersion: Version{1, 0, 0}, SasAccreditationNumber: []byte("SAS-1")},
		CtxParams1: CtxParams1{DeviceInfo: DeviceInfo{TAC: []byte{1, 2, 3, 4}}},
	}
	signed := AppendEuiccSigned1(nil, &s1)
	cert := []byte{0x30, 0x03, 0x02, 0x01, 0x00}
	in := AppendAuthenticateServerResponseOk(nil, signed, bytes.Repeat([]byte{0x5A}, 64), cert, cert)
	x, err := ParseAuthenticateServerResponse(in)
	if err != nil || !bytes.Equal(x.Ok.EuiccSigned1Raw, signed) || x.Ok.EuiccSigned1.EuiccInfo2.Svn.String() != "2.5.0" {
		t.Fatalf("synthetic response: %v", err)
	}
	if n := testing.AllocsPerRun(100, func() {
		if _, err := ParseAuthenticateServerResponse(in); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Fatalf("ParseAuthenticateServerResponse: %v allocs", n)
	}
	buf := make([]byte, 0, 1024)
	if n := testing.AllocsPerRun(100, func() {
		buf = AppendServerSigned1(buf[:0], s1.TransactionID, ch, s1.ServerAddress, ch)
		buf = AppendAuthenticateServerResponse(buf, &x)
	}); n != 0 {
		t.Fatalf("builders: %v allocs", n)
	}
}
