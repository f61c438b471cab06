package smdp

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/rspcert"
)

// TestDownload runs a whole download on both curves against the testpki PKI
// (card side built here with rsp builders and ecdsa.Sign) and checks every
// signature the server makes, that the card's bpp.Loader installs exactly the
// catalogue's UPP and metadata, and that the ProfileInstallationResult ends
// the session.
func TestDownload(t *testing.T) {
	for _, c := range curves {
		t.Run(c.String(), func(t *testing.T) {
			e := newEnv(t)
			upp := bytes.Repeat([]byte("profile-element "), 300)
			md := metadata(1, "test "+c.String())
			if err := e.cat.Add("AC-TOKEN-1", &Profile{UPP: upp, StoreMetadata: md}); err != nil {
				t.Fatal(err)
			}
			cd := newCard(t, c)
			f := initiate(t, e, cd)
			ok := &f.ia.Ok
			// serverSignature1 with CERT.DPauth over the whole serverSigned1.
			var dpauth rspcert.Certificate
			if err := rspcert.Parse(&dpauth, ok.ServerCertificateRaw); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(ok.ServerCertificateRaw, cd.pki.DPauth.Cert) || !bytes.Equal(ok.EuiccCiPKIdToBeUsed, cd.pki.PKID) {
				t.Fatal("wrong CERT.DPauth or euiccCiPKIdToBeUsed for the card's CI")
			}
			pk, _ := ecdsa.NewPublicKey(c, dpauth.PublicKey.Point)
			d := sha256.Sum256(ok.ServerSigned1.Raw)
			if !ecdsa.Verify(pk, d[:], ok.ServerSignature1) {
				t.Fatal("serverSignature1 does not verify")
			}
			if !bytes.Equal(ok.ServerSigned1.EuiccChallenge, cd.challenge[:]) || string(ok.ServerSigned1.ServerAddress) != cd.address ||
				!bytes.Equal(ok.ServerSigned1.TransactionID, ok.TransactionID) {
				t.Fatal("serverSigned1 members")
			}
			authenticate(t, e, f, []byte("AC-TOKEN-1"))
			ac := &f.ac.Ok
			if !bytes.Equal(ac.ProfileMetadata.Raw, md) || ac.SmdpSigned2.CcRequiredFlag || !bytes.Equal(ac.SmdpSigned2.TransactionID, f.tid) {
				t.Fatal("AuthenticateClient response members")
			}
			var dppb rspcert.Certificate
			if err := rspcert.Parse(&dppb, ac.SmdpCertificateRaw); err != nil {
				t.Fatal(err)
			}
			pb, _ := ecdsa.NewPublicKey(c, dppb.PublicKey.Point)
			// smdpSignature2 covers smdpSigned2 ‖ 5F37 40 euiccSignature1: take
			// euiccSignature1 from the session.
			var s Session
			if err := e.store.Get(context.Background(), f.tid, &s); err != nil || s.State != StateAuthenticated {
				t.Fatalf("session after AuthenticateClient: %v %v", err, s.State)
			}
			var do1 [67]byte
			d = sha256.Sum256(append(append([]byte(nil), ac.SmdpSigned2.Raw...), sigDO(&do1, &s.EuiccSignature1)...))
			if !ecdsa.Verify(pb, d[:], ac.SmdpSignature2) {
				t.Fatal("smdpSignature2 does not verify over smdpSigned2 ‖ euiccSignature1 DO")
			}
			getBPP(t, e, f, nil)
			h := load(t, f)
			if !bytes.Equal(h.profile, upp) || !bytes.Equal(h.metadata, md) {
				t.Fatal("the card did not install the catalogue's UPP and metadata")
			}
			if e.store.Len() != 1 {
				t.Fatalf("store holds %d sessions, want 1", e.store.Len())
			}
			if _, err := e.srv.HandleNotification(context.Background(), f.pirNotification(t, e.srv.OID(), cd.key), nil); err != nil {
				t.Fatalf("HandleNotification: %v", err)
			}
			if e.store.Len() != 0 {
				t.Fatal("the ProfileInstallationResult did not end the session")
			}
		})
	}
}

// TestDownloadByEID: no matchingId, the profile is found by the EID
// (default SM-DP+ address case).
func TestDownloadByEID(t *testing.T) {
	e := newEnv(t)
	cd := newCard(t, ecdsa.P256)
	md := metadata(2, "by EID")
	if err := e.cat.Add("", &Profile{UPP: []byte("upp by eid"), StoreMetadata: md, EID: cd.eid}); err != nil {
		t.Fatal(err)
	}
	f := initiate(t, e, cd)
	authenticate(t, e, f, nil)
	getBPP(t, e, f, nil)
	if h := load(t, f); string(h.profile) != "upp by eid" {
		t.Fatalf("profile %q", h.profile)
	}
}

// TestConfirmationCode: hashCc = SHA256(SHA256(CC) ‖ transactionId) [MEM]
// is required, checked, and retries are bounded.
func TestConfirmationCode(t *testing.T) {
	e := newEnv(t)
	cc := []byte("1234")
	if err := e.cat.Add("CC", &Profile{UPP: []byte("upp"), StoreMetadata: metadata(3, "cc"), ConfirmationCode: cc}); err != nil {
		t.Fatal(err)
	}
	cd := newCard(t, ecdsa.P256)
	f := initiate(t, e, cd)
	authenticate(t, e, f, []byte("CC"))
	if !f.ac.Ok.SmdpSigned2.CcRequiredFlag {
		t.Fatal("ccRequiredFlag not set")
	}
	ctx := context.Background()
	out, err := e.srv.GetBoundProfilePackage(ctx, f.bppRequest(t, nil), nil)
	wantFail(t, out, err, StatusConfirmationCodeMissing, rsp.GetBoundProfilePackageErrorConfirmationCodeMissing)
	wrong := ccHash([]byte("9999"), f.tid)
	out, err = e.srv.GetBoundProfilePackage(ctx, f.bppRequest(t, wrong[:]), nil)
	wantFail(t, out, err, StatusConfirmationCodeRefused, rsp.GetBoundProfilePackageErrorConfirmationCodeRefused)
	// A hash over another transactionId is refused too.
	other := ccHash(cc, []byte("0123456789abcdef"))
	out, err = e.srv.GetBoundProfilePackage(ctx, f.bppRequest(t, other[:]), nil)
	wantFail(t, out, err, StatusConfirmationCodeRefused, rsp.GetBoundProfilePackageErrorConfirmationCodeRefused)
	right := ccHash(cc, f.tid)
	getBPP(t, e, f, right[:])
	if h := load(t, f); string(h.profile) != "upp" {
		t.Fatal("profile")
	}

	// Retries exceeded ends the session.
	f = initiate(t, e, cd)
	authenticate(t, e, f, []byte("CC"))
	for i := range 3 {
		out, err = e.srv.GetBoundProfilePackage(ctx, f.bppRequest(t, wrong[:]), nil)
		if i < 2 {
			wantFail(t, out, err, StatusConfirmationCodeRefused, rsp.GetBoundProfilePackageErrorConfirmationCodeRefused)
		} else {
			wantFail(t, out, err, StatusConfirmationCodeRetries, rsp.GetBoundProfilePackageErrorConfirmationCodeRetriesExceeded)
		}
	}
	out, err = e.srv.GetBoundProfilePackage(ctx, f.bppRequest(t, right[:]), nil)
	wantFail(t, out, err, StatusTransactionIDUnknown, rsp.GetBoundProfilePackageErrorInvalidTransactionId)
}

// TestCancelSession: a signed cancellation with our OID ends the session.
func TestCancelSession(t *testing.T) {
	e := newEnv(t)
	if err := e.cat.Add("X", &Profile{UPP: []byte("upp"), StoreMetadata: metadata(4, "x")}); err != nil {
		t.Fatal(err)
	}
	cd := newCard(t, ecdsa.BrainpoolP256r1)
	f := initiate(t, e, cd)
	authenticate(t, e, f, []byte("X"))
	out, err := e.srv.CancelSession(context.Background(), f.cancelRequest(t, f.tid, e.srv.OID(), cd.key), nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := rsp.ParseCancelSessionResponseEs9(out)
	if err != nil || !r.IsOk {
		t.Fatalf("CancelSession response %x: %v", out, err)
	}
	if e.store.Len() != 0 {
		t.Fatal("session not ended")
	}
	out, err = e.srv.GetBoundProfilePackage(context.Background(), f.bppRequest(t, nil), nil)
	wantFail(t, out, err, StatusTransactionIDUnknown, rsp.GetBoundProfilePackageErrorInvalidTransactionId)
}

// wantFail checks a failure: the *StatusError's pair, its code, and the
// ES9+ error form appended (when code is not nil).
func wantFail(t testing.TB, out []byte, err error, st rsp.StatusCode, code rsp.Code) {
	t.Helper()
	var se *StatusError
	if !errors.As(err, &se) {
		t.Fatalf("error %v (%T), want *StatusError %v", err, err, st)
	}
	if !errors.Is(err, st) {
		t.Fatalf("status %s/%s (%v), want %v", se.Subject, se.Reason, err, st)
	}
	if code == nil {
		if len(out) != 0 {
			t.Fatalf("response %x, want none", out)
		}
		return
	}
	if !errors.Is(err, code) {
		t.Fatalf("code %v, want %v", se.Code, code)
	}
	var got int64 = -1
	switch code.(type) {
	case rsp.InitiateAuthenticationErrorCode:
		r, perr := rsp.ParseInitiateAuthenticationResponse(out)
		if perr == nil && !r.IsOk {
			got = int64(r.Error)
		}
	case rsp.AuthenticateClientErrorCode:
		r, perr := rsp.ParseAuthenticateClientResponse(out)
		if perr == nil && !r.IsOk {
			got = int64(r.Error)
		}
	case rsp.GetBoundProfilePackageErrorCode:
		r, perr := rsp.ParseGetBoundProfilePackageResponse(out)
		if perr == nil && !r.IsOk {
			got = int64(r.Error)
		}
	case rsp.CancelSessionEs9ErrorCode:
		r, perr := rsp.ParseCancelSessionResponseEs9(out)
		if perr == nil && !r.IsOk {
			got = int64(r.Error)
		}
	}
	if got != code.Value() {
		t.Fatalf("error response %x carries %d, want %d", out, got, code.Value())
	}
}
