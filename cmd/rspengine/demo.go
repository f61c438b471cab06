package main

import (
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/lpa"
	"github.com/rspengine/rspengine/lpa/testbed"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/smdp"
)

func init() {
	register("demo", "run a profile download on each curve on the embedded defaults", runDemo)
}

// runDemo runs, in one process, an SM-DP+ (package smdp), an eUICC (package
// euicc) and the LPA between them (package lpa): a whole download on each
// curve with every Common Mutual Authentication step, what was checked,
// sizes and timings, then enable, disable, delete and the notifications, and
// two failures that must be handled cleanly (a wrong matchingId, a tampered
// Bound Profile Package). It exits 1 if anything does not go as expected.
func runDemo(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	verbose := fs.Bool("v", false, "show the DER of every message (hex)")
	pkiName := fs.String("pki", "embedded", "test PKI: embedded (internal/testpki, no file needed) or sgp26 (GSMA SGP.26 files from -sgp26)")
	sgpDir := fs.String("sgp26", "../shared/testdata/sgp26", "directory of the SGP.26 test PKI (for -pki sgp26)")
	curveName := fs.String("curve", "both", "curves to run: both, p256 or brainpool")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: rspengine demo [-v] [-pki embedded|sgp26] [-sgp26 DIR] [-curve both|p256|brainpool]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	var curves []ecdsa.Curve
	switch strings.ToLower(*curveName) {
	case "both":
		curves = []ecdsa.Curve{ecdsa.P256, ecdsa.BrainpoolP256r1}
	case "p256", "p-256", "nist":
		curves = []ecdsa.Curve{ecdsa.P256}
	case "brainpool", "brainpoolp256r1", "brp":
		curves = []ecdsa.Curve{ecdsa.BrainpoolP256r1}
	default:
		fmt.Fprintf(stderr, "demo: unknown curve %q\n", *curveName)
		return 2
	}
	start := time.Now()
	var pkis []*testbed.PKI
	for _, c := range curves {
		switch *pkiName {
		case "embedded":
			pkis = append(pkis, testbed.Embedded(c))
		case "sgp26":
			p, err := testbed.SGP26(*sgpDir, c)
			if err != nil {
				fmt.Fprintf(stderr, "demo: SGP.26 PKI: %v\n", err)
				return 1
			}
			pkis = append(pkis, p)
		default:
			fmt.Fprintf(stderr, "demo: unknown PKI %q\n", *pkiName)
			return 2
		}
	}
	bed, err := testbed.New(testbed.Config{PKIs: pkis})
	if err != nil {
		fmt.Fprintf(stderr, "demo: %v\n", err)
		return 1
	}
	setup := time.Since(start)

	d := &demo{w: stdout, verbose: *verbose, bed: bed}
	d.p("rspengine demo: GSMA SGP.22 profile download, all in one process")
	d.p("  SM-DP+  %s (package smdp, ES9+ on the ASN.1 binding)", bed.Address)
	d.p("  eUICC   package euicc (ES10 DER in, DER out), one card per curve")
	d.p("  LPA     package lpa, relaying every message as received")
	d.p("  PKI     %s, TEST KEYS ONLY (%s)", pkis[0].Name, pkiNote(*pkiName))
	d.p("  setup   %s (certificate chains checked, eUICCs personalised)", ms(setup))
	d.p("")
	d.p("Checks: \"LPA\" ones are made here by the LPA (with lpa.Options.Verify it verifies every")
	d.p("signature it relays); \"SM-DP+\" and \"eUICC\" ones are the checks the peer makes before")
	d.p("answering success. Sizes are DER bytes sent (>) and received (<).")

	ok := true
	for i, p := range pkis {
		ok = d.curve(i, p) && ok
	}
	ok = d.failures() && ok
	d.p("")
	if !ok {
		d.p("RESULT: FAILED (see the steps marked FAIL above); total %s", ms(time.Since(start)))
		return 1
	}
	d.p("RESULT: all steps passed: %d download(s), enable, disable, delete, %d notification(s) delivered,", len(pkis), d.notifications)
	d.p("        2 failures handled as expected; total %s", ms(time.Since(start)))
	d.p("        SM-DP+ sessions still open: %d (a session refused at AuthenticateClient stays until it expires)", bed.Sessions.Len())
	return 0
}

func pkiNote(name string) string {
	if name == "sgp26" {
		return "GSMA SGP.26 test certificates and keys"
	}
	return "deterministic SGP.26-shaped CI, EUM, eUICC, DPauth, DPpb; nothing read from disk"
}

type demo struct {
	w             io.Writer
	verbose       bool
	bed           *testbed.Bed
	notifications int
}

func (d *demo) p(format string, args ...any) { fmt.Fprintf(d.w, format+"\n", args...) }

func ms(t time.Duration) string {
	return fmt.Sprintf("%.2f ms", float64(t.Microseconds())/1000)
}

// sections of the download, by first step.
var sections = map[string]string{
	"ES10c.GetEID":                     "Common Mutual Authentication (SGP.22 §3.1.2)",
	"ES10b.PrepareDownload":            "Download and installation (SGP.22 §3.1.3)",
	"ES9+.HandleNotification":          "Notification (SGP.22 §3.5)",
	"ES10b.RetrieveNotificationsList":  "Notifications (SGP.22 §3.5)",
	"ES10b.CancelSession":              "Cancel session (SGP.22 §3.1.5)",
	"ES10c.GetProfilesInfo":            "",
	"ES10b.RemoveNotificationFromList": "",
}

func (d *demo) steps(rep *lpa.Report, expectErr bool) bool {
	ok := true
	for _, s := range rep.Steps {
		if h := sections[s.Name]; h != "" {
			d.p("  %s", h)
		}
		mark := "ok  "
		if s.Err != nil {
			if expectErr {
				mark = "refused"
			} else {
				mark, ok = "FAIL", false
			}
		}
		d.p("    %-4s %-34s >%6d B <%6d B %10s", mark, s.Name, s.Sent, s.Received, ms(s.Duration))
		if s.Exchanges > 1 {
			d.p("           %d exchanges", s.Exchanges)
		}
		if s.Detail != "" {
			d.p("           %s", s.Detail)
		}
		for _, c := range s.Checks {
			d.p("           ✓ %s: %s", c.By, c.What)
		}
		if s.Err != nil {
			d.p("           error: %v", s.Err)
		}
		if d.verbose {
			for i, m := range s.Messages {
				d.hex(fmt.Sprintf("> request %d", i+1), m.Request)
				d.hex(fmt.Sprintf("< response %d", i+1), m.Response)
			}
		}
	}
	return ok
}

func (d *demo) hex(label string, b []byte) {
	d.p("           %s (%d bytes)", label, len(b))
	h := strings.ToUpper(hex.EncodeToString(b))
	for len(h) > 0 {
		n := min(len(h), 64)
		d.p("             %s", h[:n])
		h = h[n:]
	}
}

func (d *demo) opts() *lpa.Options { return &lpa.Options{Verify: true, KeepMessages: d.verbose} }

// curve runs the download and the lifecycle on the i-th card.
func (d *demo) curve(i int, p *testbed.PKI) bool {
	card := d.bed.Cards[i]
	iccid := fmt.Sprintf("8988210000000000%02d", i+1)
	mid := "DEMO-" + strings.ToUpper(strings.ReplaceAll(p.Curve.String(), "-", ""))
	size, err := d.bed.AddProfile(testbed.Profile{MatchingID: mid, ICCID: iccid, Name: "rspengine demo " + p.Curve.String()})
	if err != nil {
		d.p("FAIL: profile: %v", err)
		return false
	}
	ac := lpa.ActivationCode{SMDPAddress: d.bed.Address, MatchingID: mid}
	if ef, err := testbed.ICCIDBytes(iccid); err == nil {
		iccid = lpa.ICCIDString(ef)
	}
	d.p("")
	d.p("== Download on %s ==", p.Curve)
	d.p("  activation code  %s", ac)
	d.p("  eUICC            EID %s, CERT.EUICC under CERT.EUM under CERT.CI (%s)", p.EID, p.Curve)
	d.p("  profile          SAIP default profile, %d bytes (package saip), ICCID %s", size, iccid)
	rep, err := lpa.Download(context.Background(), d.bed.SMDP, card, ac, d.opts())
	ok := d.steps(rep, false) && err == nil
	if err != nil {
		d.p("  download FAILED: %v", err)
		return false
	}
	var ex, sent, recv int
	for _, s := range rep.Steps {
		ex += s.Exchanges
		sent += s.Sent
		recv += s.Received
	}
	d.p("  download: %s in %s (%d exchanges, %d B sent, %d B received), ISD-P %X, profile %q",
		statusWord(rep.Installed), ms(rep.Total), ex, sent, recv, rep.ISDPAid, rep.ProfileName)

	// Lifecycle.
	ef := rep.ICCID
	d.p("  Profile management (ES10c, SGP.22 §3.2)")
	ok = d.list(card, "after the download") && ok
	for _, op := range []struct {
		name string
		fn   func() (*lpa.Report, error)
	}{
		{"enable", func() (*lpa.Report, error) { return lpa.EnableProfile(card, ef, false, d.opts()) }},
		{"list", nil},
		{"disable", func() (*lpa.Report, error) { return lpa.DisableProfile(card, ef, false, d.opts()) }},
		{"delete", func() (*lpa.Report, error) { return lpa.DeleteProfile(card, ef, d.opts()) }},
	} {
		if op.fn == nil {
			ok = d.list(card, "after enable") && ok
			continue
		}
		r, err := op.fn()
		ok = d.steps(r, false) && err == nil && ok
	}
	sentN, nrep, err := lpa.Notifications(context.Background(), d.bed.SMDP, card, d.bed.Address, d.opts())
	ok = d.steps(nrep, false) && err == nil && ok
	var ops []string
	for _, n := range sentN {
		ops = append(ops, fmt.Sprintf("#%d %v", n.SeqNumber, n.Operation))
	}
	d.notifications += len(sentN) + 1 // + the ProfileInstallationResult
	d.p("  notifications delivered to the SM-DP+ and removed from the card: %s", strings.Join(ops, ", "))
	ok = d.list(card, "final state") && ok
	return ok
}

func statusWord(installed bool) string {
	if installed {
		return "installed"
	}
	return "NOT installed"
}

func (d *demo) list(card lpa.Card, when string) bool {
	list, rep, err := lpa.Profiles(card, d.opts())
	if err != nil {
		d.steps(rep, false)
		return false
	}
	if len(list) == 0 {
		d.p("    state of the card (%s): no profile", when)
		return true
	}
	for _, p := range list {
		state := "Disabled"
		if p.Enabled {
			state = "Enabled"
		}
		d.p("    state of the card (%s): ICCID %s %s, class %v, %q", when, lpa.ICCIDString(p.ICCID), state, p.Class, p.Name)
	}
	return true
}

// failures runs the two failures the LPA must handle cleanly.
func (d *demo) failures() bool {
	ok := true
	card := d.bed.Cards[0]
	d.p("")
	d.p("== Failures that must be handled cleanly (%s card) ==", d.bed.PKIs[0].Curve)

	d.p("  1. wrong matchingId: the SM-DP+ must refuse AuthenticateClient")
	rep, err := lpa.Download(context.Background(), d.bed.SMDP, card, lpa.ActivationCode{SMDPAddress: d.bed.Address, MatchingID: "NO-SUCH-PROFILE"}, d.opts())
	d.steps(rep, true)
	var se *smdp.StatusError
	if errors.Is(err, smdp.StatusMatchingIDRefused) && errors.As(err, &se) && !rep.Installed {
		d.p("  as expected: the SM-DP+ refused with status %s/%s (%s) and error code %v; nothing installed", se.Subject, se.Reason, se.Message, se.Code)
	} else {
		d.p("  FAIL: want the 8.2.6/3.8 matchingIdRefused refusal, got %v", err)
		ok = false
	}

	d.p("  2. tampered Bound Profile Package: one bit flipped in the first 86 segment on the way")
	if _, err := d.bed.AddProfile(testbed.Profile{MatchingID: "DEMO-TAMPER", ICCID: "898821000000000099", Name: "tampered"}); err != nil {
		d.p("FAIL: profile: %v", err)
		return false
	}
	tamper := &testbed.TamperBPP{ES9Client: d.bed.SMDP}
	rep, err = lpa.Download(context.Background(), tamper, card, lpa.ActivationCode{SMDPAddress: d.bed.Address, MatchingID: "DEMO-TAMPER"}, d.opts())
	d.steps(rep, true)
	var ie *lpa.InstallError
	list, _, lerr := lpa.Profiles(card, nil)
	if errors.As(err, &ie) && ie.BppCommandID == rsp.BppCommandLoadProfileElements && ie.ErrorReason == rsp.ErrorReasonScp03tSecurityError &&
		!rep.Installed && lerr == nil && len(list) == 0 {
		d.p("  as expected: the eUICC answered ErrorResult %v / %v; nothing installed; the result was delivered to the SM-DP+", ie.BppCommandID, ie.ErrorReason)
	} else {
		d.p("  FAIL: want ErrorResult loadProfileElements / scp03tSecurityError and nothing installed, got %v (%d profiles)", err, len(list))
		ok = false
	}
	return ok
}
