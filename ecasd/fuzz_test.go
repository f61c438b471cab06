package ecasd

import (
	"bytes"
	"errors"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/testpki"
	"github.com/rspengine/rspengine/rspcert"
)

// FuzzRenew feeds arbitrary bytes to Renew on a personalised ECASD with a
// pending key (one per fuzz worker, personalisation being costly): no
// panic; a refusal is ErrRenewal and changes nothing; an acceptance happens
// only for a request whose certificate holds the pending key. The seed
// corpus has one valid request, built for the deterministic pending key of
// fuzzRand.
func FuzzRenew(f *testing.F) {
	p := testpki.Default(ecdsa.P256)
	e, pub := fuzzECASD(f)
	f.Add(renewal(f, p, e, pub, 1, nil, p.EUM.Key, "fuzz"))
	f.Add([]byte{0x30, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		before, _ := e.Export(nil)
		err := e.Renew(data)
		if err != nil {
			if !errors.Is(err, ErrRenewal) {
				t.Fatalf("error not ErrRenewal: %v", err)
			}
			if after, _ := e.Export(nil); !bytes.Equal(before, after) {
				t.Fatal("a refused renewal changed the state")
			}
			return
		}
		euicc, _, _ := e.Certificates(nil)
		var c rspcert.Certificate
		if err := rspcert.Parse(&c, euicc); err != nil {
			t.Fatal(err)
		}
		if k, err := ecdsa.NewPublicKey(ecdsa.P256, c.PublicKey.Point); err != nil || !k.Equal(pub) {
			t.Fatal("accepted a certificate for another key")
		}
		if pub, err = e.BeginRenewal(nil); err != nil {
			t.Fatal(err)
		}
	})
}

// fuzzRand is a deterministic randomness source, so the pending key of
// fuzzECASD is the same on every run and the seed stays valid.
type fuzzRand struct{ n byte }

func (r *fuzzRand) Read(b []byte) (int, error) {
	for i := range b {
		r.n++
		b[i] = r.n*31 + 7
	}
	return len(b), nil
}

func fuzzECASD(t testing.TB) (*ECASD, *ecdsa.PublicKey) {
	cfg := pkiConfig(ecdsa.P256)
	cfg.Rand = &fuzzRand{}
	e := New()
	if err := e.Personalise(cfg); err != nil {
		t.Fatal(err)
	}
	pub, err := e.BeginRenewal(nil)
	if err != nil {
		t.Fatal(err)
	}
	return e, pub
}

// FuzzImport: arbitrary state bytes never panic the state decoder; a
// refusal is ErrState; an accepted decoding yields key sets whose
// certificates are sub-slices of the input. (The certificate checks after
// decoding are build's, the same as Personalise's; TestExportImport covers
// the round trip.)
func FuzzImport(f *testing.F) {
	e := personalised(f, ecdsa.BrainpoolP256r1)
	state, _ := e.Export(nil)
	f.Add(state)
	f.Add([]byte{0x30, 0x03, 0x02, 0x01, 0x01})
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, _, err := parseState(data)
		if err != nil {
			if !errors.Is(err, ErrState) {
				t.Fatalf("error not ErrState: %v", err)
			}
			if cfg.KeySets != nil || cfg.CIs != nil {
				t.Fatal("a refused state returned data")
			}
			return
		}
		for _, ks := range cfg.KeySets {
			if ks.Key == nil || !bytes.Contains(data, ks.EUICCCertificate) || !bytes.Contains(data, ks.EUMCertificate) {
				t.Fatal("key set not taken from the input")
			}
			ks.Key.Destroy()
		}
	})
}

// FuzzSign: the signing service accepts only the shapes of its purposes and
// never panics; whatever it signs verifies under CERT.EUICC.
func FuzzSign(f *testing.F) {
	for _, tc := range signCases(f) {
		f.Add(byte(tc.p), tc.signed, tc.tail)
	}
	f.Add(byte(1), []byte("arbitrary"), []byte{})
	e := personalised(f, ecdsa.P256)
	pub, _ := e.PublicKey(nil)
	f.Fuzz(func(t *testing.T, p byte, signed, tail []byte) {
		sig, err := e.Sign(Purpose(p), signed, tail)
		if err != nil {
			if !errors.Is(err, ErrPurpose) {
				t.Fatalf("error not ErrPurpose: %v", err)
			}
			return
		}
		if checkShape(Purpose(p), signed, tail) != nil {
			t.Fatal("signed a shape checkShape refuses")
		}
		if err := VerifyServerSignature(pub, sig[:], signed, tail); err != nil {
			t.Fatal("signature does not verify")
		}
	})
}
