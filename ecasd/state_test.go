package ecasd

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"sync"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/testpki"
	"github.com/rspengine/rspengine/rspcert"
)

// TestExportImport: the exported state restores an equal ECASD (same EID,
// lists, certificates, key and renewal counter), byte-identical on a second
// export; a malformed state is refused with ErrState.
func TestExportImport(t *testing.T) {
	p := testpki.Default(ecdsa.P256)
	b := testpki.Default(ecdsa.BrainpoolP256r1)
	e := New()
	if err := e.Personalise(Config{
		KeySets:           []KeySet{{Key: b.EUICC.Key, EUICCCertificate: b.EUICC.Cert, EUMCertificate: b.EUM.Cert}, {Key: p.EUICC.Key, EUICCCertificate: p.EUICC.Cert, EUMCertificate: p.EUM.Cert}},
		CIs:               [][]byte{p.CI.Cert, b.CI.Cert},
		VerificationPKIDs: [][]byte{b.PKID},
	}); err != nil {
		t.Fatal(err)
	}
	pub, _ := e.BeginRenewal(p.PKID)
	if err := e.Renew(renewal(t, p, e, pub, 3, nil, p.EUM.Key, "before-export")); err != nil {
		t.Fatal(err)
	}
	state, err := e.Export(nil)
	if err != nil {
		t.Fatal(err)
	}
	r := New()
	if err := r.Import(state, nil); err != nil {
		t.Fatal(err)
	}
	again, _ := r.Export([]byte("prefix"))
	if !bytes.Equal(again[6:], state) || string(again[:6]) != "prefix" {
		t.Fatal("second export differs")
	}
	if r.RenewalCounter() != 3 {
		t.Fatal("counter lost")
	}
	eid1, _ := e.EIDString()
	eid2, _ := r.EIDString()
	if eid1 != eid2 || len(r.CIPKIDsForVerification()) != 1 || !bytes.Equal(r.CIPKIDsForSigning()[1], p.PKID) {
		t.Fatal("EID or lists differ")
	}
	es1 := signCases(t)[0].signed
	d := sha256.Sum256(es1)
	sig, err := r.SignWith(p.PKID, PurposeEuiccSigned1, es1, nil)
	if err != nil || !ecdsa.Verify(pub, d[:], sig[:]) {
		t.Fatal("restored key does not sign as the renewed key")
	}
	// The renewal counter survives: the old request stays refused.
	pub2, _ := r.BeginRenewal(p.PKID)
	if err := r.Renew(renewal(t, p, r, pub2, 3, nil, p.EUM.Key, "replay")); !errors.Is(err, ErrRenewal) {
		t.Fatalf("replay after import: %v", err)
	}
	// Malformed states.
	for i, s := range [][]byte{nil, {0x30, 0x00}, state[:len(state)-1], append(append([]byte(nil), state...), 0),
		bytes.Replace(state, []byte{0x02, 0x01, 0x01}, []byte{0x02, 0x01, 0x02}, 1)} {
		if err := New().Import(s, nil); !errors.Is(err, ErrState) {
			t.Errorf("state %d: %v, want ErrState", i, err)
		}
	}
	mod := append([]byte(nil), state...)
	i := bytes.Index(mod, b.EUICC.Cert)
	mod[i+len(b.EUICC.Cert)-3] ^= 1 // corrupt CERT.EUICC's signature
	if err := New().Import(mod, nil); !errors.Is(err, ErrState) || !errors.Is(err, rspcert.ErrSignature) && !errors.Is(err, rspcert.ErrMalformed) {
		t.Errorf("corrupted certificate in state: %v", err)
	}
}

// TestConcurrent: signing, verification, renewal and export run in parallel
// (go test -race).
func TestConcurrent(t *testing.T) {
	p := testpki.Default(ecdsa.P256)
	e := personalised(t, ecdsa.P256)
	es1 := signCases(t)[0].signed
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				if _, err := e.Sign(PurposeEuiccSigned1, es1, nil); err != nil {
					t.Error(err)
				}
				if _, err := e.VerifyServerCertificate(p.DPauth.Cert, rspcert.RoleDPauth, nil, at2025); err != nil {
					t.Error(err)
				}
				if _, err := e.Export(nil); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	for i := uint64(1); i <= 5; i++ {
		pub, err := e.BeginRenewal(nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.Renew(renewal(t, p, e, pub, i, nil, p.EUM.Key, "concurrent")); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
}
