package euicc

import (
	"bytes"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rsp"
)

// TestDownload runs whole downloads on both curves (the SM-DP+ side built
// here with the rsp builders, ecdsa.Sign and bpp.AppendBuild over the testpki
// PKI) and checks every eUICC signature with PK.EUICC of the curve, the stored
// profile and the install notification.
func TestDownload(t *testing.T) {
	for i, c := range curves {
		t.Run(c.String(), func(t *testing.T) {
			e := newEUICC(t)
			d := newDP(t, e, c)
			pk := d.pki.EUICC.Key.Public()
			ch := d.challenge()
			out := call(t, e, d.authRequest(ch, nil))
			asr, err := rsp.ParseAuthenticateServerResponse(out)
			if err != nil || !asr.IsOk {
				t.Fatalf("AuthenticateServer: %v %v", err, asr.Err())
			}
			d.asr = asr
			ok := asr.Ok
			if !verify(t, pk, ok.EuiccSignature1, ok.EuiccSigned1Raw) {
				t.Error("euiccSignature1 does not verify with PK.EUICC")
			}
			if !bytes.Equal(ok.EuiccSigned1.TransactionID, d.tid) || !bytes.Equal(ok.EuiccSigned1.ServerChallenge, d.srvChal) || string(ok.EuiccSigned1.ServerAddress) != d.address {
				t.Error("euiccSigned1 does not echo the server's values")
			}
			if !bytes.Equal(ok.EuiccCertificateRaw, d.pki.EUICC.Cert) || !bytes.Equal(ok.EumCertificateRaw, d.pki.EUM.Cert) {
				t.Error("certificates are not those of euiccCiPKIdToBeUsed's key set")
			}
			if string(ok.EuiccSigned1.CtxParams1.MatchingID) != "MATCHING-ID-1" {
				t.Error("ctxParams1 not echoed")
			}
			pdr := d.prepare()
			if !pdr.IsOk {
				t.Fatalf("PrepareDownload: %v", pdr.Err())
			}
			if !verify(t, pk, pdr.Ok.EuiccSignature2, pdr.Ok.EuiccSigned2Raw, d.sig2) {
				t.Error("euiccSignature2 does not verify over euiccSigned2 ‖ smdpSignature2 DO")
			}
			if _, err := ecdsa.NewPublicKey(c, pdr.Ok.EuiccSigned2.EuiccOtpk); err != nil {
				t.Errorf("otPK.EUICC not a point of %v: %v", c, err)
			}
			p := newProfile(t, i, func(m *rsp.StoreMetadataRequest) { m.ProfileName = []byte("download " + c.String()) })
			res := d.load(d.boundPackage(p))
			pir, err := rsp.ParseProfileInstallationResult(res)
			if err != nil {
				t.Fatal(err)
			}
			if !pir.Data.IsSuccess {
				t.Fatalf("install failed: %v %v", pir.Data.Error.BppCommandID, pir.Data.Error.ErrorReason)
			}
			if !verify(t, pk, pir.EuiccSignPIR, pir.Data.Raw) {
				t.Error("euiccSignPIR does not verify over ProfileInstallationResultData")
			}
			if !bytes.Equal(pir.Data.TransactionID, d.tid) || pir.Data.NotificationMetadata.SeqNumber != 1 ||
				pir.Data.NotificationMetadata.ProfileManagementOperation != rsp.NotificationInstall ||
				string(pir.Data.NotificationMetadata.NotificationAddress) != d.address || !bytes.Equal(pir.Data.NotificationMetadata.ICCID, p.iccid) {
				t.Errorf("result data: %+v", pir.Data.NotificationMetadata)
			}
			if string(asn1der.AppendOIDText(nil, pir.Data.SmdpOid)) != d.pki.SMDPOID {
				t.Errorf("smdpOid %x", pir.Data.SmdpOid)
			}
			aid := pir.Data.Success.AID
			if len(aid) != 16 || aid[0] != 0xA0 {
				t.Errorf("ISD-P AID %x", aid)
			}
			// The profile is installed Disabled with that AID.
			infos := profilesInfo(t, e, rsp.ProfileInfoListRequest{})
			if len(infos) != 1 || !bytes.Equal(infos[0].ICCID, p.iccid) || !bytes.Equal(infos[0].IsdpAid, aid) ||
				infos[0].ProfileState != rsp.ProfileStateDisabled || string(infos[0].ProfileName) != "download "+c.String() ||
				infos[0].ProfileClass != rsp.ProfileClassOperational {
				t.Fatalf("profiles: %+v", infos)
			}
			// The session ended with the load.
			if r := prepareErr(t, e, d.prepareRequest(d.tid, false, nil, nil)); r != rsp.DownloadErrorNoSessionContext {
				t.Errorf("PrepareDownload after the load: %v", r)
			}
			// The install notification is pending, retrievable and removable.
			n := retrieve(t, e, rsp.RetrieveNotificationsListRequest{})
			if len(n) != 1 || !bytes.Equal(n[0], res) {
				t.Fatalf("pending notifications %x", n)
			}
			if s := notificationSent(t, e, 1); s != rsp.DeleteNotificationOk {
				t.Errorf("NotificationSent: %v", s)
			}
			if s := notificationSent(t, e, 1); s != rsp.DeleteNotificationNothingToDelete {
				t.Errorf("second NotificationSent: %v", s)
			}
		})
	}
}

func profilesInfo(t testing.TB, e *EUICC, q rsp.ProfileInfoListRequest) []rsp.ProfileInfo {
	t.Helper()
	out := call(t, e, rsp.AppendProfileInfoListRequest(nil, q))
	r, err := rsp.ParseProfileInfoListResponse(out)
	if err != nil {
		t.Fatal(err)
	}
	if r.IsError {
		t.Fatalf("GetProfilesInfo error %v", r.Error)
	}
	var list []rsp.ProfileInfo
	for p := range r.ProfileInfos().All() {
		list = append(list, p)
	}
	return list
}

func retrieve(t testing.TB, e *EUICC, q rsp.RetrieveNotificationsListRequest) [][]byte {
	t.Helper()
	out := call(t, e, rsp.AppendRetrieveNotificationsListRequest(nil, q))
	r, err := rsp.ParseRetrieveNotificationsListResponse(out)
	if err != nil {
		t.Fatal(err)
	}
	var list [][]byte
	for n := range r.NotificationList().All() {
		list = append(list, n.Raw)
	}
	return list
}

func notificationSent(t testing.TB, e *EUICC, seq int64) rsp.DeleteNotificationStatus {
	t.Helper()
	out := call(t, e, rsp.AppendNotificationSentRequest(nil, rsp.NotificationSentRequest{SeqNumber: seq}))
	r, err := rsp.ParseNotificationSentResponse(out)
	if err != nil {
		t.Fatal(err)
	}
	return r.DeleteNotificationStatus
}

func authErr(t testing.TB, e *EUICC, req []byte) rsp.AuthenticateErrorCode {
	t.Helper()
	r, err := rsp.ParseAuthenticateServerResponse(call(t, e, req))
	if err != nil {
		t.Fatal(err)
	}
	if r.IsOk {
		return -1
	}
	return r.Error.Code
}

func prepareErr(t testing.TB, e *EUICC, req []byte) rsp.DownloadErrorCode {
	t.Helper()
	r, err := rsp.ParsePrepareDownloadResponse(call(t, e, req))
	if err != nil {
		t.Fatal(err)
	}
	if r.IsOk {
		return -1
	}
	return r.Error.Code
}
