package bpp

import (
	"bytes"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/ecka"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/scp03t"
)

// testPPK is a profile protection key set for the A2 tests.
var testPPK = scp03t.KeySet{
	MCV: [16]byte{0: 0x22, 15: 0x22},
	Enc: [16]byte{0: 0x01, 7: 0x77},
	MAC: [16]byte{0: 0x02, 9: 0x99},
}

var testStoreMetadata = mustHex("bf25285a0a89000123456789012341910a4f736d6f636f6d53504e920e4f736d6f636f6d50726f66696c65")

// freshSession is one download seen from both sides: fresh otSK.EUICC and
// the DPpb key of SGP.26 on curve ("NIST" or "BRP"), or a fresh DPpb key
// when curve starts with "fresh-".
type freshSession struct {
	in   *BuildInput
	cfg  *LoaderConfig
	euic *ecdsa.PrivateKey
}

func newFreshSession(t testing.TB, curve string, upp []byte, withPPK bool) *freshSession {
	t.Helper()
	var sk *ecdsa.PrivateKey
	var pk *ecdsa.PublicKey
	c := ecdsa.P256
	switch curve {
	case "NIST", "BRP":
		sk, pk = sgp26Key(t, curve)
		if curve == "BRP" {
			c = ecdsa.BrainpoolP256r1
		}
	case "fresh-NIST", "fresh-BRP":
		if curve == "fresh-BRP" {
			c = ecdsa.BrainpoolP256r1
		}
		var err error
		if sk, err = ecdsa.GenerateKey(c, rand.Reader); err != nil {
			t.Fatal(err)
		}
		pk = sk.Public()
	default:
		t.Fatalf("curve %q", curve)
	}
	euicc, err := ecka.GenerateKey(c, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	otpk := euicc.Public().Bytes()
	in := &BuildInput{
		UPP:           upp,
		StoreMetadata: testStoreMetadata,
		TransactionID: mustHex("0123456789abcdef0123456789abcdef"),
		HostID:        []byte("bpp-test-host"),
		EID:           mustHex("89049032123451234512345678901235"),
		EuiccOtpk:     otpk[:],
		DPpb:          sk,
	}
	if withPPK {
		in.PPK = &testPPK
	}
	cfg := &LoaderConfig{TransactionID: in.TransactionID, EID: in.EID, DPpb: pk, EuiccOtSK: euicc}
	return &freshSession{in: in, cfg: cfg, euic: euicc}
}

func freshInput(t testing.TB, curve string, n int, withPPK bool) *BuildInput {
	upp := make([]byte, n)
	for i := range upp {
		upp[i] = byte(i * 7)
	}
	return newFreshSession(t, curve, upp, withPPK).in
}

func ts48Profiles(t *testing.T) map[string][]byte {
	dir := filepath.Join(testdata, "upp")
	ents, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		t.Skip("shared test data upp/ absent: skipping")
	}
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".der") {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			out[e.Name()] = b
		}
	}
	if len(out) == 0 {
		t.Skip("no TS.48 profiles")
	}
	return out
}

// TestRoundTripTS48: every GSMA TS.48 test profile of ../shared/testdata/upp,
// bound by Build and loaded by the Loader (which derives its own keys with a
// fresh otSK.EUICC and verifies smdpSign with the DPpb public key), comes back
// identical, on both curves (SGP.26 DPpb keys and fresh ones), with and
// without ReplaceSessionKeys.
func TestRoundTripTS48(t *testing.T) {
	for name, upp := range ts48Profiles(t) {
		for _, curve := range []string{"NIST", "BRP", "fresh-NIST", "fresh-BRP"} {
			for _, ppk := range []bool{false, true} {
				label := name + "/" + curve
				if ppk {
					label += "/rsk"
				}
				t.Run(label, func(t *testing.T) {
					s := newFreshSession(t, curve, upp, ppk)
					bpp, err := AppendBuild(nil, s.in)
					if err != nil {
						t.Fatal(err)
					}
					p, err := rsp.ParseBoundProfilePackage(bpp)
					if err != nil {
						t.Fatalf("our BPP is not strict DER: %v", err)
					}
					if p.SecondSequenceOf87.Present() != ppk {
						t.Errorf("A2 present = %v", p.SecondSequenceOf87.Present())
					}
					r, err := load(s.cfg, segmentsOf(t, bpp))
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(r.profile, upp) {
						t.Fatalf("profile differs (%d bytes, want %d)", len(r.profile), len(upp))
					}
					if !bytes.Equal(r.metadata, testStoreMetadata) || !bytes.Equal(r.cfg, DefaultConfigureISDP) {
						t.Error("metadata / ConfigureISDP differ")
					}
					if want := scp03t.Segments(scp03t.Tag86, len(upp)); r.chunks != want {
						t.Errorf("%d profile chunks, want %d", r.chunks, want)
					}
				})
			}
		}
	}
}

// TestBuildLongMetadata: a StoreMetadataRequest longer than one segment (an
// icon) is split over several 88 segments, and the Loader joins them.
func TestBuildLongMetadata(t *testing.T) {
	icon := bytes.Repeat([]byte{0xAB}, 1024)
	smd := rsp.AppendStoreMetadataRequest(nil, &rsp.StoreMetadataRequest{
		ICCID: mustHex("89000123456789012341"), ServiceProviderName: []byte("sp"), ProfileName: []byte("long"),
		IconType: 1, HasIconType: true, Icon: icon,
	})
	s := newFreshSession(t, "fresh-NIST", []byte("profile"), false)
	s.in.StoreMetadata = smd
	bpp, err := AppendBuild(nil, s.in)
	if err != nil {
		t.Fatal(err)
	}
	p, err := rsp.ParseBoundProfilePackage(bpp)
	if err != nil {
		t.Fatal(err)
	}
	if p.SequenceOf88.Count != 2 {
		t.Errorf("%d 88 segments for %d bytes", p.SequenceOf88.Count, len(smd))
	}
	r, err := load(s.cfg, segmentsOf(t, bpp))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r.metadata, smd) || string(r.profile) != "profile" {
		t.Error("round trip differs")
	}
}

// TestBuildInputErrors: caller mistakes are reported and leave dst unchanged.
func TestBuildInputErrors(t *testing.T) {
	base := freshInput(t, "fresh-NIST", 10, false)
	cases := map[string]func(in *BuildInput){
		"no DPpb":     func(in *BuildInput) { in.DPpb = nil },
		"no tid":      func(in *BuildInput) { in.TransactionID = nil },
		"long hostId": func(in *BuildInput) { in.HostID = make([]byte, 17) },
		"short EID":   func(in *BuildInput) { in.EID = in.EID[:15] },
		"bad otpk":    func(in *BuildInput) { in.EuiccOtpk = append([]byte{4}, make([]byte, 64)...) },
	}
	for name, mut := range cases {
		in := *base
		mut(&in)
		dst := []byte("prefix")
		out, err := AppendBuild(dst, &in)
		if err == nil || string(out) != "prefix" {
			t.Errorf("%s: err %v, out %q", name, err, out)
		}
	}
	// Without otSK.DP a fresh one is drawn; the eUICC still derives the keys.
	s := newFreshSession(t, "fresh-BRP", []byte("x"), false)
	s.in.SmdpOtSK = nil
	bpp, err := AppendBuild(nil, s.in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := load(s.cfg, segmentsOf(t, bpp)); err != nil {
		t.Fatal(err)
	}
	var be *Error
	if errors.As(nil, &be) {
		t.Fatal("unreachable")
	}
}
