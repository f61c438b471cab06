package main

import (
	"bytes"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Keys of RSP-FACTS §4.6 "KDF #2 (Mode51 SM-DP+)".
var bspKeyArgs = []string{
	"-enc", "472f5bfadd97f21d34f3ce9b51b92751",
	"-mac", "9ec07f5b36a13e12a991d66e294e6242",
	"-mcv", "406d507b448a699e7a36a38494debbde",
}

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, strings.NewReader(stdin), &o, &e)
	return code, o.String(), e.String()
}

// TestBSPProtectVectors reproduces the RSP-FACTS §4.6 segments: 87 BF2400
// with counter 1 and the 88 StoreMetadata segment with counter 2.
func TestBSPProtectVectors(t *testing.T) {
	code, out, errs := runCLI(t, "bf2400\n", append(append([]string{"bsp", "protect"}, bspKeyArgs...), "-tag", "87", "-hexin")...)
	if code != 0 || out != "8718f6fe031e4b9cfe87c8e1e62f3fde85c49412d7722a6a2d89\n" {
		t.Fatalf("87: code %d out %q err %q", code, out, errs)
	}
	// The 88 segment of the vector has counter 2 and the MCV after the 87
	// segment: feed both through unprotect instead (one session, counter 1).
	meta := "8838bf252d5a0a98001032547698103214910947534d415f54455354921147534d415f544553545f50524f46494c459501008a62cc9adbb5ccbc"
	in := "8718f6fe031e4b9cfe87c8e1e62f3fde85c49412d7722a6a2d89\n" + meta + "\n"
	code, out, errs = runCLI(t, in, append(append([]string{"bsp", "unprotect"}, bspKeyArgs...), "-hexout")...)
	want := "bf2400\nbf252d5a0a98001032547698103214910947534d415f54455354921147534d415f544553545f50524f46494c45950100\n"
	if code != 0 || out != want {
		t.Fatalf("unprotect: code %d out %q err %q", code, out, errs)
	}
}

// TestBSPRoundTripSplit protects 3000 raw bytes from a file (three
// segments, one hex line each) and unprotects them back; a flipped nibble
// makes unprotect exit 1 with scp03tSecurityError(8).
func TestBSPRoundTripSplit(t *testing.T) {
	pt := make([]byte, 3000)
	for i := range pt {
		pt[i] = byte(i * 7)
	}
	file := filepath.Join(t.TempDir(), "pt.bin")
	if err := os.WriteFile(file, pt, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "", append(append([]string{"bsp", "protect"}, bspKeyArgs...), "-tag", "86", "-counter", "5", "-in", file)...)
	if code != 0 {
		t.Fatalf("protect: %d %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || len(lines[0]) != 2*1020 || !strings.HasPrefix(lines[0], "868203f8") {
		t.Fatalf("want 3 lines, first a full 1020-byte 86 segment; got %d lines", len(lines))
	}
	code, got, errs := runCLI(t, out, append(append([]string{"bsp", "unprotect"}, bspKeyArgs...), "-counter", "5")...)
	if code != 0 || got != string(pt) {
		t.Fatalf("unprotect: code %d err %s", code, errs)
	}
	// Change one hex digit inside segment 2's ciphertext: segment 1 is
	// written, then unprotect stops with the C-MAC failure.
	b := []byte(lines[1])
	if b[100] == '0' {
		b[100] = '1'
	} else {
		b[100] = '0'
	}
	tampered := lines[0] + "\n" + string(b) + "\n" + lines[2] + "\n"
	code, got, errs = runCLI(t, tampered, append(append([]string{"bsp", "unprotect"}, bspKeyArgs...), "-counter", "5")...)
	if code != 1 || !strings.Contains(errs, "scp03tSecurityError(8)") || !strings.Contains(errs, "line 2") {
		t.Fatalf("tampered: code %d err %q", code, errs)
	}
	if got != string(pt[:1007]) {
		t.Fatalf("tampered: the first segment's plaintext should have been written (%d bytes)", len(got))
	}
}

func TestBSPPaddingFailureExit1(t *testing.T) {
	// 87 BF2400 with counter 2 instead of 1: the single block decrypts
	// to garbage and its padding is rejected.
	code, _, errs := runCLI(t, "8718f6fe031e4b9cfe87c8e1e62f3fde85c49412d7722a6a2d89\n",
		append(append([]string{"bsp", "unprotect"}, bspKeyArgs...), "-counter", "2")...)
	if code != 1 || !strings.Contains(errs, "scp03tStructureError(7)") {
		t.Fatalf("code %d err %q", code, errs)
	}
}

func TestBSPUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"bsp"},
		{"bsp", "seal"},
		{"bsp", "protect", "-enc", "00"},
		append(append([]string{"bsp", "protect"}, bspKeyArgs...), "-tag", "85"),
		append(append([]string{"bsp", "protect"}, bspKeyArgs...), "-tag", "86", "-counter", "0"),
		append(append([]string{"bsp", "unprotect"}, bspKeyArgs...), "-in", "/nonexistent/x"),
	} {
		if code, _, _ := runCLI(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, _ := runCLI(t, "zz\n", append([]string{"bsp", "unprotect"}, bspKeyArgs...)...); code != 2 {
		t.Errorf("non-hex line: exit %d, want 2", code)
	}
	if code, out, _ := runCLI(t, hex.EncodeToString(nil), append(append([]string{"bsp", "protect"}, bspKeyArgs...), "-tag", "88")...); code != 0 || len(strings.TrimSpace(out)) != 2*10 {
		t.Errorf("empty 88 input: code %d out %q", code, out)
	}
}
