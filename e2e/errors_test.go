package e2e

import (
	"context"
	"errors"
	"testing"

	"github.com/rspengine/rspengine/bpp"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/lpa"
	"github.com/rspengine/rspengine/lpa/testbed"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/smdp"
)

func newBed(t *testing.T, c ecdsa.Curve) *testbed.Bed {
	t.Helper()
	bed, err := testbed.New(testbed.Config{PKIs: []*testbed.PKI{testbed.Embedded(c)}})
	if err != nil {
		t.Fatal(err)
	}
	return bed
}

func addProfile(t *testing.T, bed *testbed.Bed, p testbed.Profile) {
	t.Helper()
	if _, err := bed.AddProfile(p); err != nil {
		t.Fatal(err)
	}
}

func installed(t *testing.T, card lpa.Card) int {
	t.Helper()
	list, _, err := lpa.Profiles(card, nil)
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

// TestTamperedBPP: one bit flipped in the first 86 segment on the way to the
// card. The eUICC answers ErrorResult loadProfileElements(5) /
// scp03tSecurityError(8) (the segment's C-MAC fails; bpp's check order), the
// LPA returns that exact result as an *InstallError, nothing is installed,
// and the error ProfileInstallationResult reaches the SM-DP+, which ends the
// session.
func TestTamperedBPP(t *testing.T) {
	for _, c := range curves {
		t.Run(c.String(), func(t *testing.T) {
			bed := newBed(t, c)
			addProfile(t, bed, testbed.Profile{MatchingID: "TAMPER", ICCID: "898821000000000010"})
			tamper := &testbed.TamperBPP{ES9Client: bed.SMDP}
			ac := lpa.ActivationCode{SMDPAddress: bed.Address, MatchingID: "TAMPER"}
			rep, err := lpa.Download(context.Background(), tamper, bed.Cards[0], ac, &lpa.Options{Verify: true})
			if tamper.Tampered != 1 {
				t.Fatalf("tampered %d packages", tamper.Tampered)
			}
			var ie *lpa.InstallError
			if !errors.As(err, &ie) || ie.BppCommandID != rsp.BppCommandLoadProfileElements || ie.ErrorReason != rsp.ErrorReasonScp03tSecurityError {
				dump(t, rep)
				t.Fatalf("error %v, want ErrorResult loadProfileElements / scp03tSecurityError", err)
			}
			if !errors.Is(err, rsp.ErrorReasonScp03tSecurityError) || rep.Installed || rep.Err != err {
				t.Fatalf("errors.Is / report: installed %v, rep.Err %v", rep.Installed, rep.Err)
			}
			if n := installed(t, bed.Cards[0]); n != 0 {
				t.Fatalf("%d profiles installed after a tampered BPP", n)
			}
			if bed.Sessions.Len() != 0 {
				t.Fatal("the error ProfileInstallationResult did not end the SM-DP+ session")
			}
			if left := pending(t, bed.Cards[0]); len(left) != 0 {
				t.Fatalf("notifications left: %+v", left)
			}
			// The same card then downloads the genuine package.
			if _, err := lpa.Download(context.Background(), bed.SMDP, bed.Cards[0], ac, nil); err != nil {
				t.Fatalf("download after the tampered one: %v", err)
			}
			if installed(t, bed.Cards[0]) != 1 {
				t.Fatal("not installed")
			}
		})
	}
}

// TestWrongMatchingID: the SM-DP+ refuses an unknown matchingId in
// AuthenticateClient with 8.2.6/3.8 and matchingIdRefused(6); the LPA
// returns that error at that step and the card can download afterwards.
func TestWrongMatchingID(t *testing.T) {
	bed := newBed(t, ecdsa.P256)
	addProfile(t, bed, testbed.Profile{MatchingID: "RIGHT", ICCID: "898821000000000011"})
	card := bed.Cards[0]
	rep, err := lpa.Download(context.Background(), bed.SMDP, card, lpa.ActivationCode{SMDPAddress: bed.Address, MatchingID: "WRONG"}, nil)
	var se *lpa.StepError
	if !errors.As(err, &se) || se.Step != "ES9+.AuthenticateClient" {
		t.Fatalf("error %v, want a StepError at ES9+.AuthenticateClient", err)
	}
	if !errors.Is(err, smdp.StatusMatchingIDRefused) || !errors.Is(err, rsp.AuthenticateClientErrorMatchingIdRefused) {
		t.Fatalf("error %v, want 8.2.6/3.8 matchingIdRefused", err)
	}
	if rep.Installed || installed(t, card) != 0 {
		t.Fatal("something was installed")
	}
	if last := rep.Steps[len(rep.Steps)-1]; last.Name != "ES9+.AuthenticateClient" || last.Err == nil {
		t.Fatalf("last step %q err %v", last.Name, last.Err)
	}
	if _, err := lpa.Download(context.Background(), bed.SMDP, card, lpa.ActivationCode{SMDPAddress: bed.Address, MatchingID: "RIGHT"}, nil); err != nil {
		t.Fatalf("download after the refusal: %v", err)
	}
}

// TestWrongAddress: an activation code naming another SM-DP+ address is
// refused by the SM-DP+ in InitiateAuthentication (8.8.1/3.8).
func TestWrongAddress(t *testing.T) {
	bed := newBed(t, ecdsa.P256)
	_, err := lpa.Download(context.Background(), bed.SMDP, bed.Cards[0], lpa.ActivationCode{SMDPAddress: "other.example.com", MatchingID: "X"}, nil)
	if !errors.Is(err, smdp.StatusInvalidSmdpAddress) {
		t.Fatalf("error %v, want 8.8.1/3.8", err)
	}
}

// TestConfirmationCode: missing (the LPA cancels on both sides), wrong (the
// SM-DP+ refuses: 8.2.7/3.8), right (installed).
func TestConfirmationCode(t *testing.T) {
	bed := newBed(t, ecdsa.BrainpoolP256r1)
	addProfile(t, bed, testbed.Profile{MatchingID: "CC", ICCID: "898821000000000012", ConfirmationCode: "4711"})
	card := bed.Cards[0]
	ctx := context.Background()
	ac := lpa.ActivationCode{SMDPAddress: bed.Address, MatchingID: "CC"}

	rep, err := lpa.Download(ctx, bed.SMDP, card, ac, nil)
	if !errors.Is(err, lpa.ErrConfirmationCode) {
		t.Fatalf("no code: %v", err)
	}
	if !hasStep(rep, "ES10b.CancelSession") || !hasStep(rep, "ES9+.CancelSession") || bed.Sessions.Len() != 0 {
		dump(t, rep)
		t.Fatal("the session was not cancelled on both sides")
	}

	ac.ConfirmationCode = "0000"
	if _, err := lpa.Download(ctx, bed.SMDP, card, ac, nil); !errors.Is(err, smdp.StatusConfirmationCodeRefused) {
		t.Fatalf("wrong code: %v", err)
	}
	ac.ConfirmationCode = "4711"
	if _, err := lpa.Download(ctx, bed.SMDP, card, ac, nil); err != nil {
		t.Fatalf("right code: %v", err)
	}
	if installed(t, card) != 1 {
		t.Fatal("not installed")
	}
}

// TestUserRejects: Options.Confirm refusing the metadata cancels the session
// with endUserRejection on both sides.
func TestUserRejects(t *testing.T) {
	bed := newBed(t, ecdsa.P256)
	addProfile(t, bed, testbed.Profile{MatchingID: "NO", ICCID: "898821000000000013", Name: "unwanted"})
	var seen string
	rep, err := lpa.Download(context.Background(), bed.SMDP, bed.Cards[0], lpa.ActivationCode{SMDPAddress: bed.Address, MatchingID: "NO"},
		&lpa.Options{Confirm: func(md *rsp.StoreMetadataRequest) bool { seen = string(md.ProfileName); return false }})
	if !errors.Is(err, lpa.ErrRejected) || seen != "unwanted" {
		t.Fatalf("error %v, seen %q", err, seen)
	}
	for _, s := range rep.Steps {
		if (s.Name == "ES10b.CancelSession" || s.Name == "ES9+.CancelSession") && s.Err != nil {
			t.Fatalf("%s: %v", s.Name, s.Err)
		}
	}
	if !hasStep(rep, "ES9+.CancelSession") || bed.Sessions.Len() != 0 || installed(t, bed.Cards[0]) != 0 {
		t.Fatal("not cancelled cleanly")
	}
}

// TestForeignCI: an eUICC whose only CI the SM-DP+ does not trust; the SM-DP+
// refuses InitiateAuthentication with 8.8.2/3.1.
func TestForeignCI(t *testing.T) {
	p256 := testbed.Embedded(ecdsa.P256)
	bed, err := testbed.New(testbed.Config{PKIs: []*testbed.PKI{p256}})
	if err != nil {
		t.Fatal(err)
	}
	other, err := testbed.New(testbed.Config{PKIs: []*testbed.PKI{testbed.Embedded(ecdsa.BrainpoolP256r1)}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = lpa.Download(context.Background(), bed.SMDP, other.Cards[0], lpa.ActivationCode{SMDPAddress: bed.Address, MatchingID: "X"}, nil)
	if !errors.Is(err, smdp.StatusPKIDNotSupported) {
		t.Fatalf("error %v, want 8.8.2/3.1", err)
	}
}

func hasStep(rep *lpa.Report, name string) bool {
	for _, s := range rep.Steps {
		if s.Name == name {
			return true
		}
	}
	return false
}

// TestTamperedSegmentKinds: a bit flipped at the end of each kind of STORE
// DATA segment gives the ErrorResult of the step it belongs to (bpp's check
// order: smdpSign for BF23, the C-MAC for the protected segments), and
// nothing is installed.
func TestTamperedSegmentKinds(t *testing.T) {
	for _, tc := range []struct {
		name   string
		kind   bpp.SegmentKind
		cmd    rsp.BppCommandID
		reason rsp.ErrorReason
	}{
		{"BF23", bpp.SegmentISCR, rsp.BppCommandInitialiseSecureChannel, rsp.ErrorReasonInvalidSignature},
		{"A0", bpp.SegmentFirst87, rsp.BppCommandConfigureISDP, rsp.ErrorReasonScp03tSecurityError},
		{"88", bpp.Segment88, rsp.BppCommandStoreMetadata, rsp.ErrorReasonScp03tSecurityError},
		{"86", bpp.Segment86, rsp.BppCommandLoadProfileElements, rsp.ErrorReasonScp03tSecurityError},
	} {
		for _, c := range curves {
			t.Run(tc.name+"/"+c.String(), func(t *testing.T) {
				bed := newBed(t, c)
				addProfile(t, bed, testbed.Profile{MatchingID: "T", ICCID: "898821000000000020"})
				tamper := &testbed.TamperBPP{ES9Client: bed.SMDP, Kind: tc.kind}
				_, err := lpa.Download(context.Background(), tamper, bed.Cards[0], lpa.ActivationCode{SMDPAddress: bed.Address, MatchingID: "T"}, nil)
				var ie *lpa.InstallError
				if tamper.Tampered != 1 || !errors.As(err, &ie) || ie.BppCommandID != tc.cmd || ie.ErrorReason != tc.reason {
					t.Fatalf("tampered %d, error %v; want %v / %v", tamper.Tampered, err, tc.cmd, tc.reason)
				}
				if installed(t, bed.Cards[0]) != 0 || bed.Sessions.Len() != 0 {
					t.Fatal("installed, or the SM-DP+ session was not ended by the error result")
				}
			})
		}
	}
}
