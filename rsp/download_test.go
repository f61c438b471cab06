package rsp

import (
	"bytes"
	"errors"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

func TestPrepareDownloadResponseSession(t *testing.T) {
	b := rspSession(t, "prepare-download-response.der")
	tid := rspSession(t, "transaction-id.bin")
	x, err := ParsePrepareDownloadResponse(b)
	if err != nil {
		t.Fatal(err)
	}
	if !x.IsOk || x.Err() != nil {
		t.Fatal("not ok")
	}
	s := &x.Ok.EuiccSigned2
	rspEqual(t, "transactionId", s.TransactionID, tid)
	if len(s.EuiccOtpk) != 65 || s.EuiccOtpk[0] != 0x04 || s.HashCc != nil {
		t.Fatalf("euiccSigned2 %+v", s)
	}
	// euiccSignature2 covers euiccSigned2 ‖ the whole smdpSignature2 DO
	// (RSP-FACTS §3.2), verified with CERT.EUICC from the session.
	ac, err := ParseAuthenticateClientResponse(rspSession(t, "authenticate-response.der"))
	if err != nil {
		t.Fatal(err)
	}
	asr, err := ParseAuthenticateServerResponse(rspSession(t, "auth-server-response.der"))
	if err != nil {
		t.Fatal(err)
	}
	in := append(append([]byte(nil), x.Ok.EuiccSigned2Raw...), ac.Ok.SmdpSignature2DO...)
	rspVerify(t, asr.Ok.EuiccCertificateRaw, in, x.Ok.EuiccSignature2)
	rspEqual(t, "rebuild", AppendPrepareDownloadResponse(nil, &x), b)

	// GetBoundProfilePackageRequest around it.
	g := AppendGetBoundProfilePackageRequest(nil, tid, b)
	q, err := ParseGetBoundProfilePackageRequest(g)
	if err != nil {
		t.Fatal(err)
	}
	rspEqual(t, "GBPP request PDR", q.PrepareDownloadResponse.Raw, b)
	rspEqual(t, "GBPP request signed2", q.PrepareDownloadResponse.Ok.EuiccSigned2Raw, x.Ok.EuiccSigned2Raw)

	// PrepareDownloadRequest as the LPA builds it from AuthenticateClientOk.
	req := PrepareDownloadRequest{
		SmdpSigned2:        ac.Ok.SmdpSigned2,
		SmdpSignature2:     ac.Ok.SmdpSignature2,
		SmdpCertificateRaw: ac.Ok.SmdpCertificateRaw,
	}
	rb := AppendPrepareDownloadRequest(nil, &req)
	for _, m := range []asn1der.Mode{asn1der.DER, asn1der.BER} {
		p, err := ParsePrepareDownloadRequestMode(rb, m)
		if err != nil {
			t.Fatal(err)
		}
		rspEqual(t, "PDR request signed2", p.SmdpSigned2.Raw, ac.Ok.SmdpSigned2.Raw)
		rspEqual(t, "PDR request sig DO", p.SmdpSignature2DO, ac.Ok.SmdpSignature2DO)
		rspEqual(t, "PDR request rebuild", AppendPrepareDownloadRequest(nil, &p), rb)
	}
	// With hashCc and a bppEuiccOtpk (rebinding).
	req.HashCc = bytes.Repeat([]byte{0xCC}, 32)
	req.SmdpSigned2.BppEuiccOtpk = s.EuiccOtpk
	req.SmdpSigned2.CcRequiredFlag = true
	rb = AppendPrepareDownloadRequest(nil, &req)
	p, err := ParsePrepareDownloadRequest(rb)
	if err != nil || !bytes.Equal(p.HashCc, req.HashCc) || !p.SmdpSigned2.CcRequiredFlag || !bytes.Equal(p.SmdpSigned2.BppEuiccOtpk, s.EuiccOtpk) {
		t.Fatalf("PDR with hashCc: %+v %v", p, err)
	}
}

func TestDownloadErrors(t *testing.T) {
	tid := []byte{9, 8, 7}
	for _, code := range []DownloadErrorCode{DownloadErrorInvalidCertificate, DownloadErrorInvalidSignature, DownloadErrorUnsupportedCurve, DownloadErrorNoSessionContext, DownloadErrorInvalidTransactionId, DownloadErrorUndefinedError} {
		x := PrepareDownloadResponse{Error: PrepareDownloadResponseError{TransactionID: tid, Code: code}}
		b := AppendPrepareDownloadResponse(nil, &x)
		// RSP-FACTS §2.7: BF21 A1 (80 tid)(02 code).
		rspEqual(t, code.String(), b, []byte{0xBF, 0x21, 0x0A, 0xA1, 0x08, 0x80, 0x03, 9, 8, 7, 0x02, 0x01, byte(code)})
		y, err := ParsePrepareDownloadResponse(b)
		if err != nil || y.IsOk || y.Error.Code != code || !errors.Is(y.Err(), code) {
			t.Fatalf("%v: %+v %v", code, y, err)
		}
		var rc *ResultError
		if !errors.As(y.Err(), &rc) || rc.Op != "PrepareDownload" {
			t.Fatalf("%v: ResultError %v", code, y.Err())
		}
	}
	for _, code := range []GetBoundProfilePackageErrorCode{1, 2, 3, 4, 5, 6, 95, 127} {
		b := AppendGetBoundProfilePackageError(nil, code)
		y, err := ParseGetBoundProfilePackageResponse(b)
		if err != nil || y.IsOk || y.Error != code || !errors.Is(y.Err(), code) {
			t.Fatalf("%v: %+v %v", code, y, err)
		}
		if code.String() == "" || bytes.Contains([]byte(code.String()), []byte("(")) {
			t.Fatalf("%d has no name: %q", code, code.String())
		}
	}
}

func TestCancelSession(t *testing.T) {
	tid := []byte{1, 2, 3, 4, 5, 6, 7, 8}
	for r := CancelSessionReasonEndUserRejection; r <= CancelSessionReasonLoadBppExecutionError; r++ {
		b := AppendCancelSessionRequest(nil, tid, r)
		x, err := ParseCancelSessionRequest(b, asn1der.BER)
		if err != nil || x.Reason != r || !bytes.Equal(x.TransactionID, tid) {
			t.Fatalf("%v: %v", r, err)
		}
	}
	// EuiccCancelSessionSigned: 30 L 80 tid 81 <OID contents> 82 reason (RSP-FACTS §2.7).
	oid := asn1der.OID("2.999.10")
	resp := CancelSessionResponse{IsOk: true, EuiccCancelSessionSigned: EuiccCancelSessionSigned{TransactionID: tid, SmdpOid: oid, Reason: CancelSessionReasonPostponed}, EuiccCancelSessionSignature: bytes.Repeat([]byte{7}, 64)}
	b := AppendCancelSessionResponse(nil, &resp)
	x, err := ParseCancelSessionResponse(b)
	if err != nil || !x.IsOk {
		t.Fatal(err)
	}
	signed := x.EuiccCancelSessionSigned.Raw
	want := append([]byte{0x30, 0x12, 0x80, 0x08}, tid...)
	want = append(want, 0x81, byte(len(oid)))
	want = append(want, oid...)
	want = append(want, 0x82, 0x01, 0x01)
	rspEqual(t, "euiccCancelSessionSigned", signed, want)
	rspEqual(t, "rebuild", AppendCancelSessionResponse(nil, &x), b)

	// ES9+: BF41 { 80 tid, A1 <the same contents> }.
	es9 := CancelSessionRequestEs9{TransactionID: tid, CancelSessionResponse: x}
	e := AppendCancelSessionRequestEs9(nil, &es9)
	y, err := ParseCancelSessionRequestEs9(e)
	if err != nil || !y.CancelSessionResponse.IsOk || y.CancelSessionResponse.Raw[0] != 0xA1 {
		t.Fatalf("ES9+ request: %v", err)
	}
	rspEqual(t, "ES9+ signed span", y.CancelSessionResponse.EuiccCancelSessionSigned.Raw, signed)
	rspEqual(t, "ES9+ rebuild", AppendCancelSessionRequestEs9(nil, &y), e)

	for _, code := range []CancelSessionErrorCode{CancelSessionErrorInvalidTransactionId, CancelSessionErrorUndefinedError} {
		b := AppendCancelSessionResponse(nil, &CancelSessionResponse{Error: code})
		x, err := ParseCancelSessionResponse(b)
		if err != nil || x.IsOk || x.Error != code || !errors.Is(x.Err(), code) {
			t.Fatalf("%v: %v", code, err)
		}
	}
	ok := AppendCancelSessionResponseEs9(nil, true, 0)
	rspEqual(t, "ES9+ ok", ok, []byte{0xBF, 0x41, 0x02, 0xA0, 0x00})
	if r, err := ParseCancelSessionResponseEs9(ok); err != nil || !r.IsOk || r.Err() != nil {
		t.Fatalf("ES9+ ok: %v", err)
	}
	for _, code := range []CancelSessionEs9ErrorCode{1, 2, 127} {
		r, err := ParseCancelSessionResponseEs9(AppendCancelSessionResponseEs9(nil, false, code))
		if err != nil || r.IsOk || !errors.Is(r.Err(), code) {
			t.Fatalf("%v: %v", code, err)
		}
	}
}

func TestHandleNotificationSession(t *testing.T) {
	pn := rspSession(t, "pending-notification.der")
	b := AppendHandleNotification(nil, pn)
	x, err := ParseHandleNotification(b)
	if err != nil {
		t.Fatal(err)
	}
	rspEqual(t, "pending notification", x.PendingNotification.Raw, pn)
	if x.PendingNotification.Tag != TagProfileInstallationResult {
		t.Fatalf("tag %v", x.PendingNotification.Tag)
	}
	if _, err := ParseHandleNotification([]byte{0xBF, 0x3D, 0x04, 0xA0, 0x02, 0x04, 0x00}); err == nil {
		t.Fatal("OCTET STRING accepted as a pending notification")
	}
}
