package bpp

import (
	"errors"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/rsp"
)

// TestResultDataEncodes: ResultData for a failure and for a success encodes
// with rsp.AppendProfileInstallationResultData and decodes back to the same
// finalResult (what the eUICC signs into euiccSignPIR).
func TestResultDataEncodes(t *testing.T) {
	nm := rsp.NotificationMetadata{SeqNumber: 3, ProfileManagementOperation: rsp.NotificationInstall, NotificationAddress: []byte("smdp.example.com")}
	oid := asn1der.OID("2.999.10")
	tid := []byte{1, 2, 3, 4}
	for _, err := range []error{
		nil,
		newError(rsp.BppCommandStoreMetadata2, rsp.ErrorReasonScp03tSecurityError, "", nil),
		errors.New("other"),
	} {
		d := ResultData(tid, nm, oid, []byte{0xA0, 0, 0, 5, 0x59, 0x10}, []byte{}, err)
		der := rsp.AppendProfileInstallationResultData(nil, &d)
		back, perr := rsp.ParseProfileInstallationResultData(der, asn1der.DER)
		if perr != nil {
			t.Fatalf("%v: %v (%x)", err, perr, der)
		}
		if back.IsSuccess != (err == nil) {
			t.Fatalf("%v: success %v", err, back.IsSuccess)
		}
		var be *Error
		switch {
		case errors.As(err, &be):
			if back.Error.BppCommandID != be.BppCommandID || back.Error.ErrorReason != be.ErrorReason {
				t.Errorf("codes %v %v", back.Error.BppCommandID, back.Error.ErrorReason)
			}
		case err != nil:
			if back.Error.ErrorReason != rsp.ErrorReasonInstallFailedDueToUnknownError {
				t.Errorf("other error: %v", back.Error.ErrorReason)
			}
		}
	}
}
