package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bppRealDir holds the commercial BPP captures and their expected LPA
// segmentation (damonto/euicc-go fixtures, see PROVENANCE.md).
const bppRealDir = "../../../shared/testdata/bpp-real"

// TestBPPSegmentsCLI: `bpp segments` on each base64 capture prints exactly
// the hex lines of its sbpp@N.txt, each after one # comment.
func TestBPPSegmentsCLI(t *testing.T) {
	if _, err := os.Stat(bppRealDir); err != nil {
		t.Skip("shared test data bpp-real absent: skipping")
	}
	for n := 1; n <= 4; n++ {
		file := filepath.Join(bppRealDir, fmt.Sprintf("bpp@%d.txt", n))
		code, out, errs := runCLI(t, "", "bpp", "segments", file)
		if code != 0 {
			t.Fatalf("bpp@%d: code %d: %s", n, code, errs)
		}
		want, err := os.ReadFile(filepath.Join(bppRealDir, fmt.Sprintf("sbpp@%d.txt", n)))
		if err != nil {
			t.Fatal(err)
		}
		if got, w := dataLines(out), dataLines(string(want)); strings.Join(got, "\n") != strings.Join(w, "\n") {
			t.Errorf("bpp@%d: %d segments, want %d (or contents differ)", n, len(got), len(w))
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		for i := 0; i < len(lines); i += 2 {
			if !strings.HasPrefix(lines[i], "# ") || strings.HasPrefix(lines[i+1], "#") {
				t.Fatalf("bpp@%d: line %d not a comment followed by a segment", n, i)
			}
		}
		if !strings.HasPrefix(lines[0], "# Tag and length fields of the BoundProfilePackage") {
			t.Errorf("first comment %q", lines[0])
		}
	}
	// The same input on standard input gives the same output.
	raw, err := os.ReadFile(filepath.Join(bppRealDir, "bpp@2.txt"))
	if err != nil {
		t.Fatal(err)
	}
	_, fromFile, _ := runCLI(t, "", "bpp", "segments", filepath.Join(bppRealDir, "bpp@2.txt"))
	if code, out, errs := runCLI(t, string(raw), "bpp", "segments", "-"); code != 0 || out != fromFile {
		t.Errorf("stdin: code %d err %q", code, errs)
	}
}

func dataLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, strings.ToUpper(l))
		}
	}
	return out
}

func TestBPPSegmentsCLIErrors(t *testing.T) {
	if code, _, _ := runCLI(t, "", "bpp"); code != 2 {
		t.Errorf("no args: %d", code)
	}
	if code, _, _ := runCLI(t, "", "bpp", "nope"); code != 2 {
		t.Errorf("unknown subcommand: %d", code)
	}
	if code, _, errs := runCLI(t, "3003020101", "bpp", "segments", "-"); code != 1 || !strings.Contains(errs, "not a BoundProfilePackage") {
		t.Errorf("not a BPP: %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, "", "bpp", "segments", "/nonexistent/file"); code != 1 {
		t.Errorf("missing file: %d", code)
	}
}
