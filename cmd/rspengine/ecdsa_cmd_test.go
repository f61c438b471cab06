package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
)

// sgp26CmdDir is the SGP.26 test PKI relative to this package (depth 2).
const sgp26CmdDir = "../../../shared/testdata/sgp26"

func sgp26Path(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(sgp26CmdDir, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("SGP.26 test data not found at %s; skipping", sgp26CmdDir)
	}
	return p
}

func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestECDSACommand(t *testing.T) {
	dir := t.TempDir()
	msg := filepath.Join(dir, "msg")
	os.WriteFile(msg, []byte("euiccSigned1 bytes"), 0o600)
	for _, curve := range []string{"NIST", "BRP"} {
		sk := sgp26Path(t, "eUICC/SK_EUICC_ECDSA_"+curve+".pem")
		pk := sgp26Path(t, "eUICC/PK_EUICC_ECDSA_"+curve+".pem")
		cert := sgp26Path(t, "eUICC/CERT_EUICC_ECDSA_"+curve+".der")
		for _, format := range []string{"raw", "der"} {
			code, out, errs := runCmd(t, "", "ecdsa", "sign", "-key", sk, "-in", msg, "-format", format)
			if code != 0 {
				t.Fatalf("%s %s sign: %d %s", curve, format, code, errs)
			}
			sigHex := strings.TrimSpace(out)
			sig, err := hex.DecodeString(sigHex)
			if err != nil || (format == "raw" && len(sig) != 64) || (format == "der" && sig[0] != 0x30) {
				t.Fatalf("%s %s: signature output %q", curve, format, out)
			}
			// The signature checks out with the library too.
			pub, _ := ecdsa.ParsePublicKeyPEM(mustReadFile(t, pk))
			h := sha256.Sum256([]byte("euiccSigned1 bytes"))
			if format == "raw" && !ecdsa.Verify(pub, h[:], sig) || format == "der" && !ecdsa.VerifyASN1(pub, h[:], sig) {
				t.Fatalf("%s %s: library rejects the CLI signature", curve, format)
			}
			for _, key := range []string{pk, sk, cert} {
				if code, out, errs := runCmd(t, "", "ecdsa", "verify", "-key", key, "-in", msg, "-sig", sigHex, "-format", format); code != 0 {
					t.Errorf("%s %s verify with %s: %d %s %s", curve, format, filepath.Base(key), code, out, errs)
				}
			}
			// Message from standard input.
			if code, _, _ := runCmd(t, "euiccSigned1 bytes", "ecdsa", "verify", "-key", pk, "-sig", sigHex, "-format", format); code != 0 {
				t.Errorf("%s %s: verify from stdin: %d", curve, format, code)
			}
			// Another message: invalid, exit 1.
			if code, _, _ := runCmd(t, "other", "ecdsa", "verify", "-key", pk, "-sig", sigHex, "-format", format); code != 1 {
				t.Errorf("%s %s: wrong message: exit %d, want 1", curve, format, code)
			}
		}
		// A key of the other curve: invalid (1).
		other := "BRP"
		if curve == "BRP" {
			other = "NIST"
		}
		_, out, _ := runCmd(t, "", "ecdsa", "sign", "-key", sk, "-in", msg)
		if code, _, _ := runCmd(t, "", "ecdsa", "verify", "-key", sgp26Path(t, "eUICC/PK_EUICC_ECDSA_"+other+".pem"), "-in", msg, "-sig", strings.TrimSpace(out)); code != 1 {
			t.Errorf("%s: other curve's key: exit %d, want 1", curve, code)
		}
	}
	pk := sgp26Path(t, "eUICC/PK_EUICC_ECDSA_NIST.pem")
	for _, bad := range [][]string{
		{"ecdsa"},
		{"ecdsa", "frobnicate"},
		{"ecdsa", "verify", "-key", pk, "-in", msg, "-sig", "zz"},
		{"ecdsa", "verify", "-key", pk, "-in", msg, "-sig", "0102"},
		{"ecdsa", "verify", "-key", pk, "-in", msg, "-sig", "0102", "-format", "pem"},
		{"ecdsa", "verify", "-key", msg, "-in", msg, "-sig", strings.Repeat("01", 64)},
		{"ecdsa", "sign", "-key", pk, "-in", msg},
		{"ecdsa", "sign", "-key", filepath.Join(dir, "missing"), "-in", msg},
		{"ecdsa", "sign", "-in", msg},
		{"ecdsa", "sign", "-key", pk, "-in", msg, "extra"},
	} {
		if code, _, _ := runCmd(t, "", bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

func mustReadFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
