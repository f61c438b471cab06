package euicc

import (
	"context"
	"testing"
	"time"

	"github.com/rspengine/rspengine/bpp"
	"github.com/rspengine/rspengine/internal/testpki"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/rspcert"
	"github.com/rspengine/rspengine/smdp"
)

// TestWithSMDP runs downloads between this eUICC and the project's SM-DP+
// (package smdp, in process), relayed the way an LPA relays them: info1 and
// challenge into InitiateAuthentication, its answer into AuthenticateServer,
// the card's answer into AuthenticateClient, PrepareDownload, the
// PrepareDownloadResponse into GetBoundProfilePackage, the BPP's segments into
// the card and the ProfileInstallationResult into HandleNotification. Both
// curves: the SM-DP+ picks the CI from EUICCInfo1 (test only: smdp is on the
// same floor; the lpa package does this for real).
func TestWithSMDP(t *testing.T) {
	for i, c := range curves {
		t.Run(c.String(), func(t *testing.T) {
			ctx := context.Background()
			p := testpki.Default(c)
			cis, err := rspcert.NewCIStore()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := cis.Add(p.CI.Cert); err != nil {
				t.Fatal(err)
			}
			cat := smdp.NewCatalogue()
			prof := newProfile(t, 20+i, nil)
			if err := cat.Add("AC-1", &smdp.Profile{UPP: prof.upp, StoreMetadata: prof.metadata}); err != nil {
				t.Fatal(err)
			}
			now := func() time.Time { return testNow }
			srv, err := smdp.New(smdp.Config{Address: p.SMDPAddress, CIs: cis, Profiles: cat, Now: now,
				Credentials: []smdp.Credential{{DPauthCert: p.DPauth.Cert, DPauthKey: p.DPauth.Key, DPpbCert: p.DPpb.Cert, DPpbKey: p.DPpb.Key}}})
			if err != nil {
				t.Fatal(err)
			}
			// The card knows only this curve's CI, so that the SM-DP+'s choice is forced.
			e, err := New(Config{ECASD: newECASD(t, c), Now: now})
			if err != nil {
				t.Fatal(err)
			}
			info1, _ := rsp.ParseEUICCInfo1(call(t, e, rsp.AppendEmptyRequest(nil, rsp.TagEUICCInfo1)))
			ch, _ := rsp.ParseGetEuiccChallengeResponse(call(t, e, rsp.AppendEmptyRequest(nil, rsp.TagGetEuiccChallenge)))
			out, err := srv.InitiateAuthentication(ctx, rsp.AppendInitiateAuthenticationRequest(nil, &rsp.InitiateAuthenticationRequest{EuiccChallenge: ch.EuiccChallenge, SmdpAddress: []byte(p.SMDPAddress), EuiccInfo1: info1}), nil)
			if err != nil {
				t.Fatal(err)
			}
			ia, err := rsp.ParseInitiateAuthenticationResponse(out)
			if err != nil || !ia.IsOk {
				t.Fatalf("InitiateAuthentication: %v %x", err, out)
			}
			asr := call(t, e, rsp.AppendAuthenticateServerRequest(nil, &rsp.AuthenticateServerRequest{ServerSigned1: ia.Ok.ServerSigned1, ServerSignature1: ia.Ok.ServerSignature1,
				EuiccCiPKIdToBeUsed: ia.Ok.EuiccCiPKIdToBeUsed, ServerCertificate: ia.Ok.ServerCertificateRaw, CtxParams1: ctxParams("AC-1")}))
			out, err = srv.AuthenticateClient(ctx, rsp.AppendAuthenticateClientRequest(nil, ia.Ok.TransactionID, asr), nil)
			if err != nil {
				t.Fatal(err)
			}
			ac, err := rsp.ParseAuthenticateClientResponse(out)
			if err != nil || !ac.IsOk {
				t.Fatalf("AuthenticateClient: %v %x", err, out)
			}
			pdr := call(t, e, rsp.AppendPrepareDownloadRequest(nil, &rsp.PrepareDownloadRequest{SmdpSigned2: ac.Ok.SmdpSigned2, SmdpSignature2: ac.Ok.SmdpSignature2, SmdpCertificateRaw: ac.Ok.SmdpCertificateRaw}))
			out, err = srv.GetBoundProfilePackage(ctx, rsp.AppendGetBoundProfilePackageRequest(nil, ia.Ok.TransactionID, pdr), nil)
			if err != nil {
				t.Fatal(err)
			}
			gb, err := rsp.ParseGetBoundProfilePackageResponse(out)
			if err != nil || !gb.IsOk {
				t.Fatalf("GetBoundProfilePackage: %v %x", err, out)
			}
			segs, err := bpp.Segments(gb.BoundProfilePackage.Raw)
			if err != nil {
				t.Fatal(err)
			}
			var pir []byte
			for s := range segs {
				if r := call(t, e, s.Data); len(r) > 0 {
					pir = r
				}
			}
			res, err := rsp.ParseProfileInstallationResult(pir)
			if err != nil || !res.Data.IsSuccess {
				t.Fatalf("install: %v %+v", err, res.Data.Error)
			}
			if _, err := srv.HandleNotification(ctx, rsp.AppendHandleNotification(nil, pir), nil); err != nil {
				t.Fatalf("HandleNotification: %v", err)
			}
			if s := states(t, e); s[string(prof.iccid)] != rsp.ProfileStateDisabled {
				t.Fatalf("profiles %v", s)
			}
			if enable(t, e, prof.iccid) != rsp.EnableProfileOk {
				t.Fatal("enable the downloaded profile")
			}
		})
	}
}
