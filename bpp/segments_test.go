package bpp

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
)

// TestSegmentsRealBPPs: the four commercial BPPs of ../shared/testdata/bpp-real
// (captured by damonto/euicc-go, see PROVENANCE.md) split into exactly the
// STORE DATA payloads of their sbpp@N.txt (hex, # comment lines), in order.
func TestSegmentsRealBPPs(t *testing.T) {
	for n := 1; n <= 4; n++ {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			raw := readShared(t, fmt.Sprintf("bpp-real/bpp@%d.txt", n))
			// Two of the captures carry one '=' too many: decode unpadded.
			b64 := strings.TrimRight(strings.Join(strings.Fields(string(raw)), ""), "=")
			bpp, err := base64.RawStdEncoding.DecodeString(b64)
			if err != nil {
				t.Fatal(err)
			}
			var want [][]byte
			for _, line := range strings.Split(string(readShared(t, fmt.Sprintf("bpp-real/sbpp@%d.txt", n))), "\n") {
				line = strings.TrimSpace(line)
				if line == "" || strings.HasPrefix(line, "#") {
					continue
				}
				b, err := hex.DecodeString(line)
				if err != nil {
					t.Fatal(err)
				}
				want = append(want, b)
			}
			got := segmentsOf(t, bpp)
			if len(got) != len(want) {
				t.Fatalf("%d segments, want %d", len(got), len(want))
			}
			total := 0
			for i := range got {
				if !bytes.Equal(got[i], want[i]) {
					t.Errorf("segment %d differs:\n got %X\nwant %X", i, got[i][:min(32, len(got[i]))], want[i][:min(32, len(want[i]))])
				}
				total += len(got[i])
			}
			if total != len(bpp) {
				t.Errorf("segments cover %d bytes of %d", total, len(bpp))
			}
		})
	}
}

// TestSegmentsKinds checks the kinds, indexes and early stop of the iterator
// on a built BPP with A2.
func TestSegmentsKinds(t *testing.T) {
	in := freshInput(t, "NIST", 3000, true)
	bpp, err := AppendBuild(nil, in)
	if err != nil {
		t.Fatal(err)
	}
	seq, err := Segments(bpp)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []SegmentKind
	for s := range seq {
		kinds = append(kinds, s.Kind)
	}
	want := []SegmentKind{SegmentISCR, SegmentFirst87, SegmentHeader88, Segment88, SegmentSecond87, SegmentHeader86, Segment86, Segment86, Segment86}
	if fmt.Sprint(kinds) != fmt.Sprint(want) {
		t.Errorf("kinds %v, want %v", kinds, want)
	}
	n := 0
	for range seq {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Error("early break")
	}
	if _, err := Segments(bpp[:len(bpp)-1]); err == nil {
		t.Error("truncated BPP accepted")
	}
}
