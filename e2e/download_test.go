// Package e2e runs whole profile downloads end to end: package lpa drives an
// in-process SM-DP+ (package smdp) and eUICC (package euicc) wired by
// lpa/testbed, on the embedded test PKI and on the GSMA SGP.26 test PKI.
package e2e

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/lpa"
	"github.com/rspengine/rspengine/lpa/testbed"
	"github.com/rspengine/rspengine/rsp"
)

const sgp26Dir = "../../shared/testdata/sgp26"

var curves = []ecdsa.Curve{ecdsa.P256, ecdsa.BrainpoolP256r1}

func pkis(t *testing.T, source string) []*testbed.PKI {
	t.Helper()
	var out []*testbed.PKI
	for _, c := range curves {
		if source == "embedded" {
			out = append(out, testbed.Embedded(c))
			continue
		}
		p, err := testbed.SGP26(sgp26Dir, c)
		if errors.Is(err, fs.ErrNotExist) {
			t.Skipf("SGP.26 PKI absent at %s (fresh clone without ../shared): skipping", sgp26Dir)
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// TestFullDownload: on both curves and both PKIs, a download with every
// signature re-verified by the LPA, the profile installed Disabled, the
// ProfileInstallationResult delivered (which ends the SM-DP+ session), then
// enable, disable, delete and their notifications.
func TestFullDownload(t *testing.T) {
	for _, source := range []string{"embedded", "sgp26"} {
		t.Run(source, func(t *testing.T) {
			ps := pkis(t, source)
			bed, err := testbed.New(testbed.Config{PKIs: ps})
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range ps {
				t.Run(p.Curve.String(), func(t *testing.T) {
					iccid := []string{"898821000000000001", "898821000000000002"}[i]
					mid := "E2E-" + p.Curve.String()
					if _, err := bed.AddProfile(testbed.Profile{MatchingID: mid, ICCID: iccid, Name: "e2e " + p.Curve.String()}); err != nil {
						t.Fatal(err)
					}
					runLifecycle(t, bed, bed.Cards[i], p, mid, iccid)
				})
			}
		})
	}
}

func runLifecycle(t *testing.T, bed *testbed.Bed, card lpa.Card, p *testbed.PKI, mid, iccid string) {
	ctx := context.Background()
	opts := &lpa.Options{Verify: true}
	ac, err := lpa.ParseActivationCode("LPA:1$" + bed.Address + "$" + mid)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := lpa.Download(ctx, bed.SMDP, card, ac, opts)
	if err != nil {
		dump(t, rep)
		t.Fatalf("Download: %v", err)
	}
	if !rep.Installed || len(rep.ISDPAid) == 0 || !bytes.Equal(rep.EID, p.EIDBytes()) {
		t.Fatalf("report: installed %v, ISD-P %X, EID %X", rep.Installed, rep.ISDPAid, rep.EID)
	}
	want, _ := testbed.ICCIDBytes(iccid)
	if !bytes.Equal(rep.ICCID, want) {
		t.Fatalf("ICCID %X, want %X", rep.ICCID, want)
	}
	// Four LPA signature checks passed.
	n := 0
	for _, s := range rep.Steps {
		for _, c := range s.Checks {
			if c.By == "LPA" && bytes.Contains([]byte(c.What), []byte("verifies with")) {
				n++
			}
		}
	}
	if n != 5 {
		t.Fatalf("%d LPA signature verifications, want 5 (serverSignature1, euiccSignature1, smdpSignature2, euiccSignature2, euiccSignPIR)", n)
	}
	if bed.Sessions.Len() != 0 {
		t.Fatal("the ProfileInstallationResult did not end the SM-DP+ session")
	}
	prof := profile(t, card, want)
	if prof.Enabled {
		t.Fatal("a freshly installed profile must be Disabled")
	}
	// The install notification was delivered and removed.
	if left := pending(t, card); len(left) != 0 {
		t.Fatalf("pending notifications after Download: %+v", left)
	}

	if _, err := lpa.EnableProfile(card, want, false, nil); err != nil {
		t.Fatalf("enable: %v", err)
	}
	if !profile(t, card, want).Enabled {
		t.Fatal("not enabled")
	}
	if _, err := lpa.EnableProfile(card, want, false, nil); !errors.Is(err, rsp.EnableProfileResult(2)) {
		t.Fatalf("enabling an enabled profile: %v, want profileNotInDisabledState(2)", err)
	}
	if _, err := lpa.DisableProfile(card, want, false, nil); err != nil {
		t.Fatalf("disable: %v", err)
	}
	if _, err := lpa.DeleteProfile(card, want, nil); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := lpa.DeleteProfile(card, want, nil); !errors.Is(err, rsp.DeleteProfileResult(1)) {
		t.Fatalf("deleting again: %v, want iccidOrAidNotFound(1)", err)
	}
	// enable, disable, delete notifications, in order, all accepted.
	sent, nrep, err := lpa.Notifications(ctx, bed.SMDP, card, bed.Address, nil)
	if err != nil {
		dump(t, nrep)
		t.Fatalf("notifications: %v", err)
	}
	var ops []rsp.NotificationEvent
	for i, n := range sent {
		ops = append(ops, n.Operation)
		if i > 0 && n.SeqNumber <= sent[i-1].SeqNumber {
			t.Fatalf("seqNumbers not increasing: %+v", sent)
		}
	}
	wantOps := []rsp.NotificationEvent{rsp.NotificationEnable, rsp.NotificationDisable, rsp.NotificationDelete}
	if len(ops) != len(wantOps) || ops[0] != wantOps[0] || ops[1] != wantOps[1] || ops[2] != wantOps[2] {
		t.Fatalf("notifications %v, want %v", ops, wantOps)
	}
	if left := pending(t, card); len(left) != 0 {
		t.Fatalf("notifications left: %+v", left)
	}
}

func profile(t *testing.T, card lpa.Card, iccid []byte) lpa.ProfileInfo {
	t.Helper()
	list, _, err := lpa.Profiles(card, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list {
		if bytes.Equal(p.ICCID, iccid) {
			return p
		}
	}
	t.Fatalf("profile %X not listed (%d profiles)", iccid, len(list))
	return lpa.ProfileInfo{}
}

func pending(t *testing.T, card lpa.Card) []lpa.Notification {
	t.Helper()
	list, _, err := lpa.PendingNotifications(card, nil)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func dump(t *testing.T, rep *lpa.Report) {
	t.Helper()
	if rep == nil {
		return
	}
	for _, s := range rep.Steps {
		t.Logf("%-40s sent %5d recv %5d %v err=%v", s.Name, s.Sent, s.Received, s.Detail, s.Err)
	}
}
