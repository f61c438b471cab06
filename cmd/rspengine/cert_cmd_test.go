package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The SGP.26 test PKI, read in place (cmd/rspengine is at depth 2).
const certTestdata = "../../../shared/testdata/sgp26"

func certFile(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(certTestdata, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("SGP.26 test PKI not found at %s (the shared test data folder is absent)", certTestdata)
	}
	return p
}

func certRun(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	rc := run(args, strings.NewReader(""), &out, &errb)
	return rc, out.String(), errb.String()
}

func TestCertShow(t *testing.T) {
	rc, out, errs := certRun("cert", "show", certFile(t, "eUICC/CERT_EUICC_ECDSA_NIST.der"), certFile(t, "EUM/CERT_EUM_ECDSA_BRP.der"), certFile(t, "DPauth/CERT_S_SM_DPauth_ECDSA_NIST.der"))
	if rc != 0 {
		t.Fatalf("rc %d: %s", rc, errs)
	}
	// Values as openssl x509 -text prints them for these files.
	for _, want := range []string{
		"EID:                       89049032123451234512345678901235",
		"notAfter:                  7496-01-24T09:48:58Z",
		"serial:                    020000000000000001",
		"RSP role:                  eUICC (v2 OID)",
		"authorityKeyIdentifier:    DD3DA24D350C1CC5D0AF0965F40EC34C5EE409F1",
		"brainpoolP256r1 (1.3.36.3.3.2.8.1.1.7)",
		"basicConstraints:          CA:true, pathLen:0 (critical)",
		"nameConstraints permitted: directoryName O=RSP Test EUM, serialNumber=89049032 (critical)",
		"subjectAltName:            registeredID 2.999.10",
		"URI http://ci.test.example.com/CRL-A.crl, URI http://ci.test.example.com/CRL-B.crl",
		"keyUsage:                  keyCertSign (critical)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("show output lacks %q", want)
		}
	}
	if rc, _, _ := certRun("cert", "show", "/nonexistent.der"); rc != 2 {
		t.Errorf("missing file: rc %d", rc)
	}
	bad := filepath.Join(t.TempDir(), "bad.der")
	os.WriteFile(bad, []byte{0x30, 0x03, 0x02, 0x01}, 0o644)
	if rc, out, _ := certRun("cert", "show", bad); rc != 1 || !strings.Contains(out, "malformed") {
		t.Errorf("malformed file: rc %d, %q", rc, out)
	}
}

func TestCertVerifyValid(t *testing.T) {
	for _, c := range []string{"NIST", "BRP"} {
		ci := certFile(t, "CertificateIssuer/CERT_CI_ECDSA_"+c+".der")
		other := certFile(t, "CertificateIssuer/CERT_CI_ECDSA_NIST.der")
		eum := certFile(t, "EUM/CERT_EUM_ECDSA_"+c+".der")
		euicc := certFile(t, "eUICC/CERT_EUICC_ECDSA_"+c+".der")
		// Leaf last, leaf first, with the CI in the list, two CIs.
		for _, args := range [][]string{
			{"-ci", ci, "-at", "2026-06-01T00:00:00Z", eum, euicc},
			{"-ci", ci, "-at", "2026-06-01T00:00:00Z", euicc, eum},
			{"-ci", other, "-ci", ci, "-at", "2026-06-01T00:00:00Z", ci, eum, euicc},
		} {
			if c == "NIST" && args[2] == ci {
				args = append([]string{"-ci", certFile(t, "CertificateIssuer/CERT_CI_ECDSA_BRP.der")}, args...)
			}
			rc, out, errs := certRun(append([]string{"cert", "verify"}, args...)...)
			if rc != 0 || !strings.Contains(out, "EID 89049032123451234512345678901235") || !strings.Contains(out, "OK at 2026-06-01T00:00:00Z") {
				t.Errorf("%s %v: rc %d, %q %q", c, args, rc, out, errs)
			}
		}
		for _, f := range []string{"DPauth/CERT_S_SM_DPauth_ECDSA_", "DPauth/CERT_S_SM_DP2auth_ECDSA_", "DPpb/CERT_S_SM_DPpb_ECDSA_", "DPpb/CERT_S_SM_DP2pb_ECDSA_"} {
			rc, out, _ := certRun("cert", "verify", "-ci", ci, "-at", "2026-06-01T00:00:00Z", certFile(t, f+c+".der"))
			if rc != 0 || !strings.Contains(out, "SM-DP+ OID 2.999.1") {
				t.Errorf("%s%s: rc %d, %q", f, c, rc, out)
			}
		}
		rc, out, _ := certRun("cert", "verify", "-ci", ci, "-at", "2026-06-01T00:00:00Z", eum)
		if rc != 0 || !strings.Contains(out, `EUM "EUM Test"`) {
			t.Errorf("EUM alone: rc %d, %q", rc, out)
		}
	}
}

// TestCertVerifyInvalid: every SGP.26 negative certificate exits 1 with its
// spec codes and rule (the rules each breaks are explained in
// rspcert.TestVerifySGP26Invalid).
func TestCertVerifyInvalid(t *testing.T) {
	ci := certFile(t, "CertificateIssuer/CERT_CI_ECDSA_NIST.der")
	eum := certFile(t, "EUM/CERT_EUM_ECDSA_NIST.der")
	euicc := certFile(t, "eUICC/CERT_EUICC_ECDSA_NIST.der")
	inv := func(n string) string { return certFile(t, "invalid/"+n) }
	cases := []struct {
		chain []string
		want  []string
	}{
		{[]string{eum, inv("CERT_EUICC_ECDSA_NIST_EXPIRED.der")}, []string{"subjectCode 8.1.3, reasonCode 6.3", "invalidCertificate(1)", "rule: expired"}},
		{[]string{inv("CERT_EUICC_ECDSA_NIST_INVALID.der"), eum}, []string{"subjectCode 8.1.3, reasonCode 6.1", "rule: authorityKeyIdentifier missing"}},
		{[]string{eum, inv("CERT_EUICC_ECDSA_NIST_INVALID_EID.der")}, []string{"subjectCode 8.1.4, reasonCode 6.1", "rule: EID outside the EUM's permitted prefixes"}},
		{[]string{eum, inv("CERT_EUICC_ECDSA_NIST_UNMATCHED_EID.der")}, []string{"subjectCode 8.1.3, reasonCode 6.1", "rule: EID is not 32 digits with valid check digits"}},
		{[]string{inv("CERT_EUM_ECDSA_NIST_EXPIRED.der"), euicc}, []string{"CERT_EUM_ECDSA_NIST_EXPIRED.der", "subjectCode 8.1.2, reasonCode 6.3", "rule: expired"}},
		{[]string{euicc, inv("CERT_EUM_ECDSA_NIST_INVALID.der")}, []string{"CERT_EUM_ECDSA_NIST_INVALID.der", "subjectCode 8.1.2, reasonCode 6.1", "rule: authorityKeyIdentifier missing"}},
		{[]string{inv("CERT_EUM_ECDSA_NIST_UNKNOWN_CI.der"), euicc}, []string{"subjectCode 8.11.1, reasonCode 3.9", "ciPKUnknown(7)", "rule: issuer is not a known CI"}},
		{[]string{inv("CERT_UNKNOWN_CI_ECDSA_NIST.der")}, []string{"invalidCertificate(1)", "rule: authorityKeyIdentifier missing"}},
		// Alone, this "EUM" is checked by the role its policy claims (DPauth), so the codes are the server side's.
		{[]string{inv("CERT_EUM_ECDSA_NIST_UNKNOWN_CI.der")}, []string{"DPauth certificate", "subjectCode 8.8.4, reasonCode 3.7", "invalidCertificate(1)", "rule: issuer is not a known CI"}},
	}
	for _, tc := range cases {
		args := append([]string{"cert", "verify", "-ci", ci, "-at", "2026-06-01T00:00:00Z"}, tc.chain...)
		rc, out, errs := certRun(args...)
		if rc != 1 {
			t.Errorf("%v: rc %d, %q %q", tc.chain, rc, out, errs)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %q:\n%s", tc.chain, w, out)
			}
		}
	}
	// The unknown CI given as a trust anchor is refused.
	rc, out, _ := certRun("cert", "verify", "-ci", inv("CERT_UNKNOWN_CI_ECDSA_NIST.der"), eum)
	if rc != 1 || !strings.Contains(out, "subjectKeyIdentifier missing") {
		t.Errorf("unknown CI as -ci: rc %d, %q", rc, out)
	}
	// Expired relative to -at.
	rc, out, _ = certRun("cert", "verify", "-ci", ci, "-at", "2031-01-01T00:00:00Z", certFile(t, "DPauth/CERT_S_SM_DPauth_ECDSA_NIST.der"))
	if rc != 1 || !strings.Contains(out, "rule: expired") {
		t.Errorf("DPauth in 2031: rc %d, %q", rc, out)
	}
}

func TestCertUsage(t *testing.T) {
	for _, args := range [][]string{
		{"cert"},
		{"cert", "nope"},
		{"cert", "verify", "x.der"},
		{"cert", "verify", "-ci"},
		{"cert", "verify", "-ci", "/nonexistent", "x.der"},
		{"cert", "verify", "-ci", "/dev/null", "-at", "yesterday", "x.der"},
	} {
		if rc, _, _ := certRun(args...); rc != 2 {
			t.Errorf("%v: rc %d, want 2", args, rc)
		}
	}
	ci := certFile(t, "CertificateIssuer/CERT_CI_ECDSA_NIST.der")
	if rc, _, errs := certRun("cert", "verify", "-ci", ci, certFile(t, "eUICC/CERT_EUICC_ECDSA_NIST.der")); rc != 2 || !strings.Contains(errs, "give its CERT.EUM") {
		t.Errorf("eUICC alone: rc %d %q", rc, errs)
	}
	if rc, out, _ := certRun("cert", "help"); rc != 0 || !strings.Contains(out, "cert verify -ci") {
		t.Errorf("help: rc %d", rc)
	}
}
