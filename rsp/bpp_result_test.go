package rsp

import (
	"bytes"
	"errors"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

func TestProfileInstallationResultSession(t *testing.T) {
	b := rspSession(t, "pending-notification.der")
	x, err := ParseProfileInstallationResult(b)
	if err != nil {
		t.Fatal(err)
	}
	d := &x.Data
	rspEqual(t, "transactionId", d.TransactionID, rspSession(t, "transaction-id.bin"))
	if !d.IsSuccess || x.Err() != nil {
		t.Fatalf("not a success: %+v", d.Error)
	}
	// ISD-P AID A0000005591010FFFFFFFF8900001100, smdpOid 2.999 (the session's SM-DP+).
	rspEqual(t, "aid", d.Success.AID, []byte{0xA0, 0, 0, 5, 0x59, 0x10, 0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0x89, 0, 0, 0x11, 0})
	rspEqual(t, "smdpOid", d.SmdpOid, asn1der.OID("2.999"))
	n := &d.NotificationMetadata
	if string(n.NotificationAddress) != "smdp.example.com" || n.ProfileManagementOperation != NotificationInstall || n.SeqNumber != 1 {
		t.Fatalf("notification metadata %+v", n)
	}
	sm, err := ParseStoreMetadataRequest(rspSession(t, "store-metadata.der"))
	if err != nil {
		t.Fatal(err)
	}
	rspEqual(t, "iccid", n.ICCID, sm.ICCID)
	// euiccSignPIR covers the whole BF27 TLV (RSP-FACTS §3.2).
	asr, err := ParseAuthenticateServerResponse(rspSession(t, "auth-server-response.der"))
	if err != nil {
		t.Fatal(err)
	}
	rspVerify(t, asr.Ok.EuiccCertificateRaw, d.Raw, x.EuiccSignPIR)
	rspEqual(t, "rebuild", AppendProfileInstallationResult(nil, &x), b)
	rspEqual(t, "rebuild signed", AppendProfileInstallationResultSigned(nil, d.Raw, x.EuiccSignPIR), b)
	if y, err := ParseProfileInstallationResultData(d.Raw, asn1der.DER); err != nil || !bytes.Equal(y.Raw, d.Raw) {
		t.Fatalf("standalone BF27: %v", err)
	}
}

// Each ErrorResult code path: A2 { A1 { 80 cmd, 81 reason, [82 sima] } }
// (RSP-FACTS §2.7), matched with errors.Is on both codes.
func TestProfileInstallationResultErrors(t *testing.T) {
	reasons := []ErrorReason{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 31, 32, 127}
	for i, reason := range reasons {
		cmd := BppCommandID(i % 6)
		var sima []byte
		if i%2 == 0 {
			sima = []byte{0x30, 0x00}
		}
		x := ProfileInstallationResult{
			Data: ProfileInstallationResultData{
				TransactionID:        []byte{1, 2},
				NotificationMetadata: NotificationMetadata{SeqNumber: int64(i), ProfileManagementOperation: NotificationInstall, NotificationAddress: []byte("dp")},
				SmdpOid:              asn1der.OID("2.999.10"),
				Error:                ErrorResult{BppCommandID: cmd, ErrorReason: reason, SimaResponse: sima},
			},
			EuiccSignPIR: bytes.Repeat([]byte{0x11}, 64),
		}
		b := AppendProfileInstallationResult(nil, &x)
		y, err := ParseProfileInstallationResult(b)
		if err != nil {
			t.Fatalf("%v: %v", reason, err)
		}
		if y.Data.IsSuccess || y.Data.Error.ErrorReason != reason || y.Data.Error.BppCommandID != cmd || !bytes.Equal(y.Data.Error.SimaResponse, sima) {
			t.Fatalf("%v: %+v", reason, y.Data.Error)
		}
		err = y.Err()
		if !errors.Is(err, reason) || !errors.Is(err, cmd) {
			t.Fatalf("%v: Err() = %v", reason, err)
		}
		if reason.String() == "" || bytes.ContainsRune([]byte(reason.String()), '(') || bytes.ContainsRune([]byte(cmd.String()), '(') {
			t.Fatalf("unnamed code %d/%d", reason, cmd)
		}
		simaTLV := 0
		if sima != nil {
			simaTLV = 2 + len(sima)
		}
		want := []byte{0xA2, byte(8 + simaTLV), 0xA1, byte(6 + simaTLV), 0x80, 0x01, byte(cmd), 0x81, 0x01, byte(reason)}
		if !bytes.Contains(b, want) {
			t.Fatalf("%v: layout %X", reason, b)
		}
		rspEqual(t, "rebuild", AppendProfileInstallationResult(nil, &y), b)
	}
}
