package rsp

import (
	"bytes"
	"crypto/x509"
	"encoding/hex"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

// Known answers from the recorded session (../../shared/testdata/session,
// README.md there): the challenges and transactionId equal the .bin files,
// the SM-DP+ address is smdp.example.com, and every signature must verify
// over the raw span the view exposes (RSP-FACTS §3.2).

func TestAuthenticateServerResponseSession(t *testing.T) {
	b := rspSession(t, "auth-server-response.der")
	tid := rspSession(t, "transaction-id.bin")
	sch := rspSession(t, "server-challenge.bin")
	x, err := ParseAuthenticateServerResponse(b)
	if err != nil {
		t.Fatal(err)
	}
	if !x.IsOk || x.Err() != nil {
		t.Fatal("not ok")
	}
	s := &x.Ok.EuiccSigned1
	rspEqual(t, "transactionId", s.TransactionID, tid)
	rspEqual(t, "serverChallenge", s.ServerChallenge, sch)
	if string(s.ServerAddress) != "smdp.example.com" {
		t.Fatalf("serverAddress %q", s.ServerAddress)
	}
	i2 := &s.EuiccInfo2
	if i2.Svn.String() != "2.2.0" || i2.ProfileVersion.String() != "2.2.0" || i2.EuiccFirmwareVer.String() != "1.0.0" || i2.PpVersion.String() != "2.0.0" {
		t.Fatalf("EUICCInfo2 versions %v %v %v %v", i2.Svn, i2.ProfileVersion, i2.EuiccFirmwareVer, i2.PpVersion)
	}
	if i2.SasAccreditationNumber == nil || len(i2.SasAccreditationNumber) != 0 || i2.HasEuiccCategory || i2.HasForbiddenPPRs {
		t.Fatalf("EUICCInfo2 optional members wrong: %+v", i2)
	}
	// uiccCapability and rspCapability are sent as 02 00 00: the view keeps them.
	if i2.UICCCapability.Len() != 8 || i2.RspCapability.Len() != 8 {
		t.Fatalf("capabilities %d %d bits", i2.UICCCapability.Len(), i2.RspCapability.Len())
	}
	if s.CtxParams1.HasMatchingID || len(s.CtxParams1.DeviceInfo.TAC) != 4 || s.CtxParams1.DeviceInfo.IMEI != nil {
		t.Fatalf("ctxParams1 %+v", s.CtxParams1)
	}
	// The certificates are raw spans that crypto/x509 parses; CERT.EUICC
	// carries the EID in its subject serialNumber (PROVENANCE.md).
	ec, err := x509.ParseCertificate(x.Ok.EuiccCertificateRaw)
	if err != nil {
		t.Fatal(err)
	}
	if ec.Subject.SerialNumber != "89049032123451234512345678901235" {
		t.Fatalf("EID %q", ec.Subject.SerialNumber)
	}
	if _, err := x509.ParseCertificate(x.Ok.EumCertificateRaw); err != nil {
		t.Fatal(err)
	}
	// euiccSignature1 covers the whole euiccSigned1 TLV.
	rspVerify(t, x.Ok.EuiccCertificateRaw, x.Ok.EuiccSigned1Raw, x.Ok.EuiccSignature1)
	if !bytes.Equal(x.Ok.EuiccSignature1DO[3:], x.Ok.EuiccSignature1) || !bytes.HasPrefix(x.Ok.EuiccSignature1DO, []byte{0x5F, 0x37, 0x40}) {
		t.Fatalf("signature DO %X", x.Ok.EuiccSignature1DO)
	}
	rspEqual(t, "raw", x.Raw, b)
	rspEqual(t, "rebuild", AppendAuthenticateServerResponse(nil, &x), b)
	rspEqual(t, "rebuild from parts", AppendAuthenticateServerResponseOk(nil, x.Ok.EuiccSigned1Raw, x.Ok.EuiccSignature1, x.Ok.EuiccCertificateRaw, x.Ok.EumCertificateRaw), b)
	rspEqual(t, "euiccSigned1 rebuild", AppendEuiccSigned1(nil, s), s.Raw)
	rspEqual(t, "EUICCInfo2 rebuild", AppendEUICCInfo2(nil, i2), i2.Raw)
	i2b, err := ParseEUICCInfo2(i2.Raw)
	if err != nil || !bytes.Equal(i2b.Raw, i2.Raw) {
		t.Fatalf("standalone EUICCInfo2: %v", err)
	}
}

func TestInitiateAuthenticationSession(t *testing.T) {
	b := rspSession(t, "initiate-response.der")
	x, err := ParseInitiateAuthenticationOk(b)
	if err != nil {
		t.Fatal(err)
	}
	rspEqual(t, "transactionId", x.TransactionID, rspSession(t, "transaction-id.bin"))
	rspEqual(t, "signed transactionId", x.ServerSigned1.TransactionID, x.TransactionID)
	rspEqual(t, "euiccChallenge", x.ServerSigned1.EuiccChallenge, rspSession(t, "euicc-challenge.bin"))
	rspEqual(t, "serverChallenge", x.ServerSigned1.ServerChallenge, rspSession(t, "server-challenge.bin"))
	if string(x.ServerSigned1.ServerAddress) != "smdp.example.com" {
		t.Fatalf("serverAddress %q", x.ServerSigned1.ServerAddress)
	}
	pkid, _ := hex.DecodeString("F54172BDF98A95D65CBEB88A38A1C11D800A85C3")
	rspEqual(t, "euiccCiPKIdToBeUsed", x.EuiccCiPKIdToBeUsed, pkid)
	rspVerify(t, x.ServerCertificateRaw, x.ServerSigned1.Raw, x.ServerSignature1)
	rspEqual(t, "rebuild", AppendInitiateAuthenticationOk(nil, &x), b)
	ss := AppendServerSigned1(nil, x.ServerSigned1.TransactionID, x.ServerSigned1.EuiccChallenge, x.ServerSigned1.ServerAddress, x.ServerSigned1.ServerChallenge)
	rspEqual(t, "ServerSigned1 builder", ss, x.ServerSigned1.Raw)
	if y, err := ParseServerSigned1(ss); err != nil || !bytes.Equal(y.Raw, ss) {
		t.Fatalf("ParseServerSigned1: %v", err)
	}

	// The same message in its BF39 CHOICE wrapper (A0), and the error form.
	resp := InitiateAuthenticationResponse{IsOk: true, Ok: x}
	w := AppendInitiateAuthenticationResponse(nil, &resp)
	r, err := ParseInitiateAuthenticationResponse(w)
	if err != nil || !r.IsOk || !bytes.Equal(r.Ok.ServerSigned1.Raw, x.ServerSigned1.Raw) || w[0] != 0xBF || w[1] != 0x39 {
		t.Fatalf("BF39 ok: %v", err)
	}
	rspEqual(t, "BF39 rebuild", AppendInitiateAuthenticationResponse(nil, &r), w)

	// AuthenticateServerRequest as the LPA builds it from this response.
	euiccInfo := rspSession(t, "auth-server-response.der")
	asr, _ := ParseAuthenticateServerResponse(euiccInfo)
	req := AuthenticateServerRequest{
		ServerSigned1:       x.ServerSigned1,
		ServerSignature1:    x.ServerSignature1,
		EuiccCiPKIdToBeUsed: x.EuiccCiPKIdToBeUsed,
		ServerCertificate:   x.ServerCertificateRaw,
		CtxParams1:          asr.Ok.EuiccSigned1.CtxParams1,
	}
	rb := AppendAuthenticateServerRequest(nil, &req)
	q, err := ParseAuthenticateServerRequest(rb)
	if err != nil {
		t.Fatal(err)
	}
	rspEqual(t, "ASR serverSigned1", q.ServerSigned1.Raw, x.ServerSigned1.Raw)
	rspEqual(t, "ASR ctxParams1", q.CtxParams1.Raw, asr.Ok.EuiccSigned1.CtxParams1.Raw)
	rspVerify(t, q.ServerCertificate, q.ServerSigned1.Raw, q.ServerSignature1)
	rspEqual(t, "ASR rebuild", AppendAuthenticateServerRequest(nil, &q), rb)
}

func TestAuthenticateClientSession(t *testing.T) {
	b := rspSession(t, "authenticate-response.der")
	asrb := rspSession(t, "auth-server-response.der")
	tid := rspSession(t, "transaction-id.bin")
	x, err := ParseAuthenticateClientResponse(b)
	if err != nil {
		t.Fatal(err)
	}
	if !x.IsOk || x.Err() != nil {
		t.Fatal("not ok")
	}
	o := &x.Ok
	rspEqual(t, "transactionId", o.TransactionID, tid)
	rspEqual(t, "smdpSigned2.transactionId", o.SmdpSigned2.TransactionID, tid)
	rspEqual(t, "profileMetaData", o.ProfileMetadata.Raw, rspSession(t, "store-metadata.der"))
	if o.SmdpSigned2.CcRequiredFlag || o.SmdpSigned2.BppEuiccOtpk != nil {
		t.Fatalf("smdpSigned2 %+v", o.SmdpSigned2)
	}
	// smdpSignature2 covers smdpSigned2 ‖ the whole euiccSignature1 DO.
	asr, err := ParseAuthenticateServerResponse(asrb)
	if err != nil {
		t.Fatal(err)
	}
	in := AppendSmdpSignature2Input(nil, o.SmdpSigned2.Raw, asr.Ok.EuiccSignature1DO)
	rspVerify(t, o.SmdpCertificateRaw, in, o.SmdpSignature2)
	rspEqual(t, "rebuild", AppendAuthenticateClientResponse(nil, &x), b)

	// The request the LPA sends for it, around the recorded BF38.
	req := AppendAuthenticateClientRequest(nil, tid, asrb)
	q, err := ParseAuthenticateClientRequest(req)
	if err != nil {
		t.Fatal(err)
	}
	rspEqual(t, "request BF38", q.AuthenticateServerResponse.Raw, asrb)
	rspEqual(t, "request euiccSigned1", q.AuthenticateServerResponse.Ok.EuiccSigned1Raw, asr.Ok.EuiccSigned1Raw)
	if q.UseMatchingIDForAcr {
		t.Fatal("useMatchingIdForAcr set")
	}
}

func TestAuthenticateErrors(t *testing.T) {
	tid := []byte{1, 2, 3, 4}
	for _, code := range []AuthenticateErrorCode{
		AuthenticateErrorInvalidCertificate, AuthenticateErrorInvalidSignature, AuthenticateErrorUnsupportedCurve,
		AuthenticateErrorNoSessionContext, AuthenticateErrorInvalidOid, AuthenticateErrorEuiccChallengeMismatch,
		AuthenticateErrorCiPKUnknown, AuthenticateErrorUndefinedError,
	} {
		b := AppendAuthenticateServerResponseError(nil, tid, code)
		// RSP-FACTS §2.7: BF38 L A1 L (80 L tid)(02 01 code).
		want := []byte{0xBF, 0x38, 0x0B, 0xA1, 0x09, 0x80, 0x04, 1, 2, 3, 4, 0x02, 0x01, byte(code)}
		rspEqual(t, code.String(), b, want)
		x, err := ParseAuthenticateServerResponse(b)
		if err != nil {
			t.Fatal(err)
		}
		if x.IsOk || x.Error.Code != code || !bytes.Equal(x.Error.TransactionID, tid) {
			t.Fatalf("%v: %+v", code, x)
		}
		if err := x.Err(); !errorsIs(err, code) {
			t.Fatalf("%v: Err() = %v", code, err)
		}
		rspEqual(t, "rebuild", AppendAuthenticateServerResponse(nil, &x), b)
	}
	for _, code := range []InitiateAuthenticationErrorCode{InitiateAuthenticationErrorInvalidDpAddress, InitiateAuthenticationErrorEuiccVersionNotSupportedByDp, InitiateAuthenticationErrorCiPKNotSupported} {
		b := AppendInitiateAuthenticationResponse(nil, &InitiateAuthenticationResponse{Error: code})
		rspEqual(t, code.String(), b, []byte{0xBF, 0x39, 0x03, 0x81, 0x01, byte(code)})
		x, err := ParseInitiateAuthenticationResponse(b)
		if err != nil || x.IsOk || x.Error != code || !errorsIs(x.Err(), code) {
			t.Fatalf("%v: %+v %v", code, x, err)
		}
	}
	for code := AuthenticateClientErrorEumCertificateInvalid; code <= AuthenticateClientErrorInsufficientMemory; code++ {
		b := AppendAuthenticateClientResponse(nil, &AuthenticateClientResponse{Error: code})
		rspEqual(t, code.String(), b, []byte{0xBF, 0x3B, 0x03, 0x81, 0x01, byte(code)})
		x, err := ParseAuthenticateClientResponse(b)
		if err != nil || x.IsOk || x.Error != code || !errorsIs(x.Err(), code) {
			t.Fatalf("%v: %+v %v", code, x, err)
		}
	}
}

// InitiateAuthenticationRequest as an LPA sends it for the recorded session,
// with the replay EUICCInfo1 the session README asks for (the SGP.26 NIST CI
// PKID in both lists).
func TestInitiateAuthenticationRequest(t *testing.T) {
	pkid, _ := hex.DecodeString("F54172BDF98A95D65CBEB88A38A1C11D800A85C3")
	ech := rspSession(t, "euicc-challenge.bin")
	x := InitiateAuthenticationRequest{
		EuiccChallenge: ech,
		SmdpAddress:    []byte("smdp.example.com"),
		EuiccInfo1: EUICCInfo1{Svn: Version{2, 2, 0},
			CiPKIdListForVerification: MakeKeyIDList(nil, pkid), CiPKIdListForSigning: MakeKeyIDList(nil, pkid)},
	}
	b := AppendInitiateAuthenticationRequest(nil, &x)
	y, err := ParseInitiateAuthenticationRequest(b)
	if err != nil {
		t.Fatal(err)
	}
	rspEqual(t, "euiccChallenge", y.EuiccChallenge, ech)
	if string(y.SmdpAddress) != "smdp.example.com" || !y.EuiccInfo1.CiPKIdListForSigning.Contains(pkid) || y.EuiccInfo1.Svn.String() != "2.2.0" {
		t.Fatalf("%+v", y)
	}
	rspEqual(t, "rebuild", AppendInitiateAuthenticationRequest(nil, &y), b)
	// The recorded EUICCInfo1 lists no key: a strict SM-DP+ finds no PKID to use (README: 8.8.2/3.1).
	info, err := ParseEUICCInfo1(rspSession(t, "euicc-info1.der"))
	if err != nil {
		t.Fatal(err)
	}
	if info.CiPKIdListForSigning.Contains(pkid) {
		t.Fatal("recorded EUICCInfo1 claims the NIST CI")
	}
	if StatusPKIDNotSupported.String() != "8.8.2/3.1" {
		t.Fatal(StatusPKIDNotSupported)
	}
}

// AuthenticateClientRequest with the post-v2.5 useMatchingIdForAcr NULL.
func TestAuthenticateClientRequestAcr(t *testing.T) {
	asrb := rspSession(t, "auth-server-response.der")
	tid := rspSession(t, "transaction-id.bin")
	b := AppendAuthenticateClientRequest(nil, tid, asrb)
	b = append(b, 0x05, 0x00)
	b[4] += 2 // BF3B 82 05 45 → 05 47: the low length octet, no carry for this message
	x, err := ParseAuthenticateClientRequest(b)
	if err != nil {
		t.Fatal(err)
	}
	if !x.UseMatchingIDForAcr || !bytes.Equal(x.AuthenticateServerResponse.Raw, asrb) {
		t.Fatalf("%+v", x.UseMatchingIDForAcr)
	}
}

// CtxParamsForCommonAuthentication with a matchingId, device capabilities and
// an IMEI: A0 { 80 matchingId, A1 { 80 tac, A1 caps, 82 imei } } (RSP-FACTS §2.7).
func TestCtxParams1Full(t *testing.T) {
	caps := []byte{0xA1, 0x0A, 0x80, 0x03, 0x0F, 0x00, 0x00, 0x85, 0x03, 0x0F, 0x00, 0x00}
	x := CtxParams1{MatchingID: []byte("MATCH-1"), HasMatchingID: true,
		DeviceInfo: DeviceInfo{TAC: []byte{0x35, 0x29, 0x06, 0x11}, DeviceCapabilitiesRaw: caps, IMEI: bytes.Repeat([]byte{0x53}, 8)}}
	b := AppendCtxParams1(nil, &x)
	if !bytes.HasPrefix(b, []byte{0xA0, byte(len(b) - 2), 0x80, 0x07, 'M', 'A', 'T', 'C', 'H', '-', '1', 0xA1}) {
		t.Fatalf("layout %X", b)
	}
	d := decoder{r: asn1der.NewReader(b)}
	var y CtxParams1
	y.parse(&d)
	d.end()
	if d.err != nil || !y.HasMatchingID || string(y.MatchingID) != "MATCH-1" || !bytes.Equal(y.DeviceInfo.IMEI, x.DeviceInfo.IMEI) {
		t.Fatalf("%+v %v", y, d.err)
	}
	if v, ok := y.DeviceInfo.DeviceCapability(5); !ok || !bytes.Equal(v, []byte{0x0F, 0, 0}) {
		t.Fatalf("eutranEpcSupportedRelease %X %v", v, ok)
	}
	if _, ok := y.DeviceInfo.DeviceCapability(9); ok {
		t.Fatal("absent capability found")
	}
	rspEqual(t, "rebuild", AppendCtxParams1(nil, &y), b)
}
