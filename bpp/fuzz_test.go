package bpp

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rsp"
)

// The fuzz session uses fixed keys (made-up scalars, not secrets) so that the
// committed seeds carry a valid smdpSign and real key agreement.
var (
	fuzzDPpbD  = mustHex("1f2e3d4c5b6a79880102030405060708090a0b0c0d0e0f101112131415161718")
	fuzzEuiccD = mustHex("2a3b4c5d6e7f80910102030405060708090a0b0c0d0e0f101112131415161719")
	fuzzOtDPD  = mustHex("3c4d5e6f708192a30102030405060708090a0b0c0d0e0f10111213141516171a")
)

func fuzzConfig(t testing.TB) (*LoaderConfig, *BuildInput) {
	dppb, err1 := ecdsa.NewPrivateKey(ecdsa.P256, fuzzDPpbD)
	euicc, err2 := ecdsa.NewPrivateKey(ecdsa.P256, fuzzEuiccD)
	otdp, err3 := ecdsa.NewPrivateKey(ecdsa.P256, fuzzOtDPD)
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	otpk := euicc.Public().Bytes()
	in := &BuildInput{
		UPP: bytes.Repeat([]byte{0xA0, 0x03, 0x80, 0x01, 0x02}, 300), StoreMetadata: testStoreMetadata,
		TransactionID: []byte{1, 2, 3, 4, 5, 6, 7, 8}, HostID: []byte("fuzz"), EID: mustHex("89049032123451234512345678901235"),
		EuiccOtpk: otpk[:], SmdpOtSK: otdp, DPpb: dppb,
	}
	return &LoaderConfig{TransactionID: in.TransactionID, EID: in.EID, DPpb: dppb.Public(), EuiccOtSK: euicc}, in
}

// frame joins segments as 2-byte big-endian length ‖ segment (the fuzz input
// format); unframe splits such input, ignoring a trailing partial frame.
func frame(segs [][]byte) []byte {
	var out []byte
	for _, s := range segs {
		out = binary.BigEndian.AppendUint16(out, uint16(len(s)))
		out = append(out, s...)
	}
	return out
}

func unframe(b []byte) [][]byte {
	var out [][]byte
	for len(b) >= 2 {
		n := int(binary.BigEndian.Uint16(b))
		b = b[2:]
		n = min(n, len(b))
		out = append(out, b[:n])
		b = b[n:]
	}
	return out
}

// FuzzLoader feeds arbitrary segment streams to a Loader of a fixed session.
// Invariants: no panic; every failure is a *Error with a defined
// bppCommandId and errorReason; the Handler is never called after a failure,
// always in the order ConfigureISDP, StoreMetadata, ProfileElements; done
// only once, after which Feed only answers ErrLoadComplete.
func FuzzLoader(f *testing.F) {
	cfg, in := fuzzConfig(f)
	for _, ppk := range []bool{false, true} {
		in.PPK = nil
		if ppk {
			in.PPK = &testPPK
		}
		bpp, err := AppendBuild(nil, in)
		if err != nil {
			f.Fatal(err)
		}
		segs := segmentsOf(f, bpp)
		f.Add(frame(segs))
		f.Add(frame(segs[:3]))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &recorder{}
		l := NewLoader(cfg, r, make([]byte, 0, 2048))
		var failed *Error
		done := false
		for _, s := range unframe(data) {
			d, err := l.Feed(s)
			if done {
				if err != ErrLoadComplete {
					t.Fatalf("after done: %v", err)
				}
				continue
			}
			if err != nil {
				var be *Error
				if !errors.As(err, &be) {
					t.Fatalf("not a *Error: %v", err)
				}
				if be.BppCommandID < rsp.BppCommandInitialiseSecureChannel || be.BppCommandID > rsp.BppCommandLoadProfileElements || be.ErrorReason < 1 || be.ErrorReason > 127 {
					t.Fatalf("codes out of range: %v", err)
				}
				if failed != nil && be != failed {
					t.Fatalf("second, different error %v after %v", err, failed)
				}
				failed = be
				continue
			}
			if failed != nil {
				t.Fatal("Feed succeeded after a failure")
			}
			done = d
		}
		calls := fmt.Sprint(r.calls)
		if len(r.calls) > 0 && r.calls[0] != "cfg" || len(r.calls) > 1 && r.calls[1] != "smd" {
			t.Fatalf("handler order %s", calls)
		}
		for _, c := range r.calls[min(2, len(r.calls)):] {
			if c != "pe" {
				t.Fatalf("handler order %s", calls)
			}
		}
		if err := l.Finish(); (err == nil) != done {
			t.Fatalf("Finish %v, done %v", err, done)
		}
	})
}

// FuzzSegments: Segments never panics, and what it yields are disjoint,
// ordered sub-slices of the input that cover the BPP but its extensions.
func FuzzSegments(f *testing.F) {
	_, in := fuzzConfig(f)
	in.PPK = &testPPK
	bpp, err := AppendBuild(nil, in)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(bpp)
	f.Add(bpp[:200])
	f.Fuzz(func(t *testing.T, data []byte) {
		seq, err := Segments(data)
		if err != nil {
			return
		}
		total, prev := 0, SegmentKind(0)
		for s := range seq {
			if s.Kind < prev || len(s.Data) == 0 {
				t.Fatalf("kind %v after %v, %d bytes", s.Kind, prev, len(s.Data))
			}
			prev = s.Kind
			total += len(s.Data)
		}
		if total > len(data) {
			t.Fatalf("segments cover %d bytes of %d", total, len(data))
		}
	})
}

// TestWriteFuzzSeeds regenerates the committed seed corpora when
// BPP_WRITE_SEEDS=1 (they carry real signatures over the fixed fuzz keys).
func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("BPP_WRITE_SEEDS") != "1" {
		t.Skip("set BPP_WRITE_SEEDS=1 to regenerate testdata/fuzz")
	}
	_, in := fuzzConfig(t)
	in.Rand = rand.Reader
	write := func(target, name string, b []byte) {
		dir := filepath.Join("testdata", "fuzz", target)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), fmt.Appendf(nil, "go test fuzz v1\n[]byte(%q)\n", b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, ppk := range []bool{false, true} {
		in.PPK = nil
		if ppk {
			in.PPK = &testPPK
		}
		bpp, err := AppendBuild(nil, in)
		if err != nil {
			t.Fatal(err)
		}
		segs := segmentsOf(t, bpp)
		suffix := map[bool]string{false: "plain", true: "rsk"}[ppk]
		write("FuzzLoader", "valid-"+suffix, frame(segs))
		write("FuzzLoader", "upto-a1-"+suffix, frame(segs[:4]))
		write("FuzzLoader", "iscr-only-"+suffix, frame(segs[:1]))
		write("FuzzSegments", "bpp-"+suffix, bpp)
	}
	write("FuzzLoader", "empty", nil)
	write("FuzzSegments", "short", []byte{0xBF, 0x36, 0x00})
}

// TestFuzzSeedsLoad: the committed valid seeds still load completely (so the
// corpus keeps reaching the profile-element states).
func TestFuzzSeedsLoad(t *testing.T) {
	cfg, in := fuzzConfig(t)
	for _, name := range []string{"valid-plain", "valid-rsk"} {
		raw, err := os.ReadFile(filepath.Join("testdata", "fuzz", "FuzzLoader", name))
		if err != nil {
			t.Skipf("seed %s: %v", name, err)
		}
		var b []byte
		if _, err := fmt.Sscanf(string(bytes.TrimPrefix(raw, []byte("go test fuzz v1\n"))), "[]byte(%q)", &b); err != nil {
			t.Fatal(err)
		}
		r, err := load(cfg, unframe(b))
		if err != nil || !bytes.Equal(r.profile, in.UPP) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
