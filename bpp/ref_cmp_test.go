package bpp

import (
	"bytes"
	"crypto/ecdh"
	stdecdsa "crypto/ecdsa"
	"crypto/rand"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rsp"
)

// stdKeys converts a NIST session's keys for the standard-library reference.
func stdKeys(t testing.TB, in *BuildInput) (*ecdh.PrivateKey, *stdecdsa.PrivateKey) {
	t.Helper()
	if in.SmdpOtSK == nil {
		k, err := ecdsa.GenerateKey(ecdsa.P256, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		in.SmdpOtSK = k
	}
	otsk, err := in.SmdpOtSK.ToStdlib()
	if err != nil {
		t.Fatal(err)
	}
	eotsk, err := otsk.ECDH()
	if err != nil {
		t.Fatal(err)
	}
	dppb, err := in.DPpb.ToStdlib()
	if err != nil {
		t.Fatal(err)
	}
	return eotsk, dppb
}

// TestReferenceBuild: with the same otSK.DP, our Build and the
// standard-library reference (ref_test.go, written from RSP-FACTS §3.2, §4)
// produce the same BPP except the 64 smdpSign bytes, with and without A2, and
// the Loader opens the reference's output.
func TestReferenceBuild(t *testing.T) {
	for _, ppk := range []bool{false, true} {
		s := newFreshSession(t, "fresh-NIST", bytes.Repeat([]byte("profile!"), 700), ppk)
		otsk, dppb := stdKeys(t, s.in)
		ours, err := AppendBuild(nil, s.in)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := refBuild(nil, s.in, otsk, dppb, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		if len(ours) != len(ref) {
			t.Fatalf("length %d, reference %d", len(ours), len(ref))
		}
		p, err := rsp.ParseBoundProfilePackage(ref)
		if err != nil {
			t.Fatal(err)
		}
		at := bytes.Index(ref, p.InitialiseSecureChannelRequest.SmdpSign)
		a, b := bytes.Clone(ours), bytes.Clone(ref)
		clear(a[at : at+64])
		clear(b[at : at+64])
		if !bytes.Equal(a, b) {
			t.Errorf("rsk=%v: BPP differs from the reference", ppk)
		}
		r, err := load(s.cfg, segmentsOf(t, ref))
		if err != nil || !bytes.Equal(r.profile, s.in.UPP) {
			t.Errorf("rsk=%v: Loader on the reference: %v", ppk, err)
		}
	}
}

// stdLoadKeys converts the eUICC side of a NIST session for refLoad.
func stdLoadKeys(t testing.TB, s *freshSession) (*stdecdsa.PublicKey, *ecdh.PrivateKey) {
	t.Helper()
	sk, err := s.euic.ToStdlib()
	if err != nil {
		t.Fatal(err)
	}
	otsk, err := sk.ECDH()
	if err != nil {
		t.Fatal(err)
	}
	dppb, err := s.in.DPpb.ToStdlib()
	if err != nil {
		t.Fatal(err)
	}
	return &dppb.PublicKey, otsk
}

// TestReferenceLoad: the standard-library eUICC reference opens our BPPs
// (with and without A2) to the same profile.
func TestReferenceLoad(t *testing.T) {
	for _, ppk := range []bool{false, true} {
		s := newFreshSession(t, "fresh-NIST", bytes.Repeat([]byte("profile?"), 900), ppk)
		bpp, err := AppendBuild(nil, s.in)
		if err != nil {
			t.Fatal(err)
		}
		pk, otsk := stdLoadKeys(t, s)
		var got []byte
		if err := refLoad(segmentsOf(t, bpp), s.in.TransactionID, s.in.EID, s.in.EuiccOtpk, pk, otsk, make([]byte, 0, 2048), func(b []byte) { got = append(got, b...) }); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, s.in.UPP) {
			t.Errorf("rsk=%v: reference loader recovered %d bytes", ppk, len(got))
		}
	}
}
