package lpa_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/lpa"
	"github.com/rspengine/rspengine/lpa/testbed"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/smdp"
)

func newBed(t testing.TB, c ecdsa.Curve) *testbed.Bed {
	t.Helper()
	bed, err := testbed.New(testbed.Config{PKIs: []*testbed.PKI{testbed.Embedded(c)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bed.AddProfile(testbed.Profile{MatchingID: "M", ICCID: "898821000000000100"}); err != nil {
		t.Fatal(err)
	}
	return bed
}

var ac = lpa.ActivationCode{SMDPAddress: "testsmdpplus1.example.com", MatchingID: "M"}

// flipSig returns a Card that flips the last byte of the first 5F37 40
// signature in requests with top tag tag.
func flipSig(card lpa.Card, tag byte) lpa.Card {
	return lpa.CardFunc(func(req []byte) ([]byte, error) {
		if len(req) > 2 && req[0] == 0xBF && req[1] == tag {
			if i := bytes.Index(req, []byte{0x5F, 0x37, 0x40}); i >= 0 && i+3+64 <= len(req) {
				req = bytes.Clone(req)
				req[i+3+63] ^= 1
			}
		}
		return card.Transmit(req)
	})
}

// TestCardRefusesAuthenticateServer: the eUICC answers invalidSignature(2)
// to a serverSignature1 changed on the way; the LPA returns that code and
// relays the eUICC's error response to the SM-DP+.
func TestCardRefusesAuthenticateServer(t *testing.T) {
	bed := newBed(t, ecdsa.P256)
	rep, err := lpa.Download(context.Background(), bed.SMDP, flipSig(bed.Cards[0], 0x38), ac, nil)
	if !errors.Is(err, rsp.AuthenticateErrorInvalidSignature) {
		t.Fatalf("error %v, want invalidSignature", err)
	}
	var se *lpa.StepError
	if !errors.As(err, &se) || se.Step != "ES10b.AuthenticateServer" || rep.Err != err {
		t.Fatalf("step error %+v", se)
	}
	last := rep.Steps[len(rep.Steps)-1]
	if last.Name != "ES9+.AuthenticateClient (relaying the eUICC's error)" || last.Sent == 0 {
		t.Fatalf("last step %+v", last)
	}
	if rep.Installed {
		t.Fatal("installed")
	}
}

// TestCardRefusesPrepareDownload: smdpSignature2 changed on the way gives the
// eUICC's invalidSignature(2) in PrepareDownloadResponse, relayed to the
// SM-DP+ in GetBoundProfilePackage, which ends the session.
func TestCardRefusesPrepareDownload(t *testing.T) {
	bed := newBed(t, ecdsa.BrainpoolP256r1)
	rep, err := lpa.Download(context.Background(), bed.SMDP, flipSig(bed.Cards[0], 0x21), ac, nil)
	if !errors.Is(err, rsp.DownloadErrorInvalidSignature) {
		t.Fatalf("error %v, want invalidSignature", err)
	}
	last := rep.Steps[len(rep.Steps)-1]
	if last.Name != "ES9+.GetBoundProfilePackage (relaying the eUICC's error)" {
		t.Fatalf("last step %q", last.Name)
	}
	if bed.Sessions.Len() != 0 {
		t.Fatal("the SM-DP+ kept the session after the eUICC's refusal")
	}
}

// TestTransportError: a card transport failure at every possible exchange
// ends the download with that error, wrapped in the step's *StepError.
func TestTransportError(t *testing.T) {
	boom := errors.New("card removed")
	for n := 1; ; n++ {
		bed := newBed(t, ecdsa.P256)
		calls := 0
		card := lpa.CardFunc(func(req []byte) ([]byte, error) {
			calls++
			if calls == n {
				return nil, boom
			}
			return bed.Cards[0].Transmit(req)
		})
		_, err := lpa.Download(context.Background(), bed.SMDP, card, ac, nil)
		if calls < n {
			if err != nil {
				t.Fatalf("a download of %d exchanges failed: %v", calls, err)
			}
			if n < 10 {
				t.Fatalf("only %d card exchanges", calls)
			}
			return
		}
		var se *lpa.StepError
		if !errors.Is(err, boom) || !errors.As(err, &se) {
			t.Fatalf("failure at exchange %d: %v", n, err)
		}
	}
}

// TestVerifyCatchesForgery: with Options.Verify, a serverSignature1 that does
// not verify is caught by the LPA before the card sees it.
func TestVerifyCatchesForgery(t *testing.T) {
	bed := newBed(t, ecdsa.P256)
	es9 := &forgeIA{ES9Client: bed.SMDP}
	_, err := lpa.Download(context.Background(), es9, bed.Cards[0], ac, &lpa.Options{Verify: true})
	if !errors.Is(err, lpa.ErrCheck) {
		t.Fatalf("error %v, want ErrCheck", err)
	}
	// Without Verify the card refuses it.
	bed = newBed(t, ecdsa.P256)
	es9 = &forgeIA{ES9Client: bed.SMDP}
	if _, err = lpa.Download(context.Background(), es9, bed.Cards[0], ac, nil); !errors.Is(err, rsp.AuthenticateErrorInvalidSignature) {
		t.Fatalf("error %v, want the eUICC's invalidSignature", err)
	}
}

type forgeIA struct{ lpa.ES9Client }

func (f *forgeIA) InitiateAuthentication(ctx context.Context, req, dst []byte) ([]byte, error) {
	out, err := f.ES9Client.InitiateAuthentication(ctx, req, dst)
	if i := bytes.Index(out[len(dst):], []byte{0x5F, 0x37, 0x40}); err == nil && i >= 0 {
		out[len(dst)+i+3+10] ^= 0x80
	}
	return out, err
}

// TestSMDPStatusErrors: an SM-DP+ refusal is returned as the *smdp.StatusError
// inside the step's *StepError.
func TestSMDPStatusErrors(t *testing.T) {
	bed := newBed(t, ecdsa.P256)
	_, err := lpa.Download(context.Background(), bed.SMDP, bed.Cards[0], lpa.ActivationCode{SMDPAddress: ac.SMDPAddress, MatchingID: "NOPE"}, nil)
	var st *smdp.StatusError
	if !errors.As(err, &st) || st.Subject != "8.2.6" || st.Reason != "3.8" {
		t.Fatalf("error %v", err)
	}
}

// TestActivationAddressChecked: Download refuses a malformed address itself.
func TestActivationAddressChecked(t *testing.T) {
	bed := newBed(t, ecdsa.P256)
	_, err := lpa.Download(context.Background(), bed.SMDP, bed.Cards[0], lpa.ActivationCode{SMDPAddress: "bad host"}, nil)
	if !errors.Is(err, lpa.ErrActivationCode) {
		t.Fatalf("error %v", err)
	}
}

// FuzzDownloadResponses replaces one response of a real download (card or
// SM-DP+, chosen by which) with arbitrary bytes: the LPA must not panic, and
// must either finish or fail with a *StepError.
func FuzzDownloadResponses(f *testing.F) {
	f.Add(uint8(0), []byte{})
	f.Add(uint8(3), []byte{0xBF, 0x39, 0x00})
	f.Add(uint8(5), []byte{0xBF, 0x38, 0x03, 0xA1, 0x01, 0x00})
	f.Add(uint8(12), []byte{0xBF, 0x37, 0x00})
	f.Add(uint8(9), []byte{0xBF, 0x3A, 0x05, 0x80, 0x01, 0x00, 0xBF, 0x36})
	bed := newBed(f, ecdsa.P256)
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		n := 0
		swap := func(resp []byte) []byte {
			n++
			if n == int(which%20)+1 {
				return data
			}
			return resp
		}
		card := lpa.CardFunc(func(req []byte) ([]byte, error) {
			resp, err := bed.Cards[0].Transmit(req)
			return swap(resp), err
		})
		es9 := &swapES9{ES9Client: bed.SMDP, swap: swap}
		rep, err := lpa.Download(context.Background(), es9, card, ac, &lpa.Options{Verify: true})
		if rep == nil {
			t.Fatal("no report")
		}
		var se *lpa.StepError
		if err != nil && !errors.As(err, &se) {
			t.Fatalf("error %v (%T) is not a *StepError", err, err)
		}
		if err == nil && !rep.Installed {
			t.Fatal("success without an installed profile")
		}
		// Leave the card empty for the next input.
		for _, p := range mustProfiles(t, bed.Cards[0]) {
			_, _ = lpa.DeleteProfile(bed.Cards[0], p.ICCID, nil)
		}
	})
}

func mustProfiles(t *testing.T, card lpa.Card) []lpa.ProfileInfo {
	list, _, err := lpa.Profiles(card, nil)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

type swapES9 struct {
	lpa.ES9Client
	swap func([]byte) []byte
}

func (s *swapES9) InitiateAuthentication(ctx context.Context, req, dst []byte) ([]byte, error) {
	out, err := s.ES9Client.InitiateAuthentication(ctx, req, dst)
	return s.swap(out), err
}
func (s *swapES9) AuthenticateClient(ctx context.Context, req, dst []byte) ([]byte, error) {
	out, err := s.ES9Client.AuthenticateClient(ctx, req, dst)
	return s.swap(out), err
}
func (s *swapES9) GetBoundProfilePackage(ctx context.Context, req, dst []byte) ([]byte, error) {
	out, err := s.ES9Client.GetBoundProfilePackage(ctx, req, dst)
	return s.swap(out), err
}

// TestActivationCodeOID: an SM-DP+ OID in the activation code must be the
// one of CERT.DPauth ([MEM] SGP.22 §4.1); testpki's SM-DP+ OID is 2.999.10.
func TestActivationCodeOID(t *testing.T) {
	bed := newBed(t, ecdsa.P256)
	good, err := lpa.ParseActivationCode("LPA:1$testsmdpplus1.example.com$M$2.999.10")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lpa.Download(context.Background(), bed.SMDP, bed.Cards[0], good, nil); err != nil {
		t.Fatalf("matching OID: %v", err)
	}
	bad := good
	bad.SMDPOID = "2.999.11"
	var se *lpa.StepError
	if _, err := lpa.Download(context.Background(), bed.SMDP, bed.Cards[0], bad, nil); !errors.Is(err, lpa.ErrCheck) || !errors.As(err, &se) || se.Step != "ES9+.InitiateAuthentication" {
		t.Fatalf("other OID: %v", err)
	}
}
