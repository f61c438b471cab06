package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestDemo runs the README's main command on the embedded defaults and checks
// its exit status and the lines a newcomer relies on: each Common Mutual
// Authentication step with its checks, the installation on both curves, the
// lifecycle and the notifications, the two expected failures and the result.
func TestDemo(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"demo"}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out.String(), errb.String())
	}
	s := out.String()
	for _, want := range []string{
		"== Download on P-256 ==",
		"== Download on brainpoolP256r1 ==",
		"Common Mutual Authentication (SGP.22 §3.1.2)",
		"✓ LPA: serverSignature1 verifies with CERT.DPauth (P-256)",
		"✓ LPA: euiccSignature1 verifies with CERT.EUICC (brainpoolP256r1)",
		"✓ LPA: smdpSignature2 over smdpSigned2 ‖ euiccSignature1 verifies with CERT.DPpb (P-256)",
		"✓ LPA: euiccSignPIR over ProfileInstallationResultData verifies with CERT.EUICC (brainpoolP256r1)",
		"Disabled, class operational",
		"Enabled, class operational",
		"notifications delivered to the SM-DP+ and removed from the card: #2 {notificationEnable}, #3 {notificationDisable}, #4 {notificationDelete}",
		"state of the card (final state): no profile",
		"as expected: the SM-DP+ refused with status 8.2.6/3.8",
		"as expected: the eUICC answered ErrorResult bppCommandId loadProfileElements / profile installation: scp03tSecurityError; nothing installed",
		"RESULT: all steps passed: 2 download(s)",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	// Every Common Mutual Authentication and download step, passed, with
	// sizes and a timing, twice (one per curve) plus in the failure runs.
	for _, step := range []string{"ES10b.GetEUICCChallenge", "ES10b.GetEUICCInfo1", "ES9+.InitiateAuthentication", "ES10b.AuthenticateServer",
		"ES9+.AuthenticateClient", "ES10b.PrepareDownload", "ES9+.GetBoundProfilePackage", "ES10b.LoadBoundProfilePackage",
		"ES9+.HandleNotification", "ES10b.RemoveNotificationFromList", "ES10c.EnableProfile", "ES10c.DisableProfile", "ES10c.DeleteProfile"} {
		re := regexp.MustCompile(`(?m)^    ok   ` + regexp.QuoteMeta(step) + ` +> +[1-9][0-9]* B < +[0-9]+ B +[0-9]+\.[0-9]{2} ms$`)
		if n := len(re.FindAllString(s, -1)); n < 2 {
			t.Errorf("step %s passed %d times, want at least 2 (one per curve)", step, n)
		}
	}
	if strings.Contains(s, "FAIL") {
		t.Error("output reports a failure")
	}
	if strings.Contains(s, "> request") {
		t.Error("DER shown without -v")
	}
}

// TestDemoVerbose: -v adds the DER of each message.
func TestDemoVerbose(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"demo", "-v", "-curve", "brainpool"}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	s := out.String()
	// ES10b.GetEUICCChallenge's request is GetEuiccChallengeRequest BF2E 00.
	if !strings.Contains(s, "> request 1 (3 bytes)\n             BF2E00\n") {
		t.Error("GetEuiccChallengeRequest DER not shown")
	}
	// The SM-DP+'s InitiateAuthenticationResponse starts BF39.
	if !regexp.MustCompile(`< response 1 \([0-9]+ bytes\)\n +BF3982`).MatchString(s) {
		t.Error("InitiateAuthenticationResponse DER not shown")
	}
	if strings.Contains(s, "== Download on P-256 ==") || !strings.Contains(s, "== Download on brainpoolP256r1 ==") {
		t.Error("-curve brainpool not honoured")
	}
}

// TestDemoSGP26: the same downloads with the GSMA SGP.26 test PKI.
func TestDemoSGP26(t *testing.T) {
	const dir = "../../../shared/testdata/sgp26"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("SGP.26 PKI absent at %s (fresh clone without ../shared): skipping", dir)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"demo", "-pki", "sgp26", "-sgp26", dir}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out.String(), errb.String())
	}
	s := out.String()
	for _, want := range []string{"PKI     SGP.26", "== Download on P-256 ==", "== Download on brainpoolP256r1 ==", "RESULT: all steps passed"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

// TestDemoBadArgs: usage errors exit 2, a missing PKI directory exits 1.
func TestDemoBadArgs(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"demo", "-curve", "p384"}, 2},
		{[]string{"demo", "-pki", "other"}, 2},
		{[]string{"demo", "extra"}, 2},
		{[]string{"demo", "-nosuchflag"}, 2},
		{[]string{"demo", "-pki", "sgp26", "-sgp26", "/nonexistent/sgp26"}, 1},
	} {
		var out, errb bytes.Buffer
		if code := run(tc.args, nil, &out, &errb); code != tc.code {
			t.Errorf("%v: exit %d, want %d (%s)", tc.args, code, tc.code, errb.String())
		}
	}
}
