package ecasd

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/testpki"
	"github.com/rspengine/rspengine/rspcert"
)

// renewal builds an EumRenewalRequest for e's pending key of curve c's
// testpki key set: the new CERT.EUICC certifies pub under eum (nil: the
// PKI's EUM) and the request is signed with signer.
func renewal(t testing.TB, p *testpki.PKI, e *ECASD, pub *ecdsa.PublicKey, counter uint64, eum *testpki.Entity, signer *ecdsa.PrivateKey, label string) []byte {
	t.Helper()
	cert, err := p.CertifyEUICC(eum, "", pub, label)
	if err != nil {
		t.Fatal(err)
	}
	eid, _ := e.EID()
	r := &RenewalRequest{Counter: counter, EID: eid, CiPKID: p.PKID, EUICCCertificate: cert}
	if eum != nil {
		r.EUMCertificate = eum.Cert
	}
	req, err := AppendRenewalRequest(nil, r, signer, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// TestRenewal: a renewal signed by the current EUM replaces SK.EUICC and
// CERT.EUICC; signatures then verify under the new certificate only; the
// counter is remembered.
func TestRenewal(t *testing.T) {
	for _, c := range curves {
		p := testpki.Default(c)
		e := personalised(t, c)
		pub, err := e.BeginRenewal(nil)
		if err != nil {
			t.Fatal(err)
		}
		if pub.Equal(p.EUICC.Key.Public()) || pub.Curve() != c {
			t.Fatal("BeginRenewal returned the current key or another curve")
		}
		req := renewal(t, p, e, pub, 1, nil, p.EUM.Key, "renewal-1")
		if err := e.Renew(req); err != nil {
			t.Fatalf("%v: %v", c, err)
		}
		euicc, eum, _ := e.Certificates(p.PKID)
		var view rspcert.Certificate
		if err := rspcert.Parse(&view, euicc); err != nil || !bytes.Equal(eum, p.EUM.Cert) {
			t.Fatal(err)
		}
		newPub, _ := ecdsa.NewPublicKey(c, view.PublicKey.Point)
		if !newPub.Equal(pub) {
			t.Fatal("CERT.EUICC not replaced")
		}
		es1 := signCases(t)[0].signed
		d := sha256.Sum256(es1)
		sig, err := e.Sign(PurposeEuiccSigned1, es1, nil)
		if err != nil || !ecdsa.Verify(pub, d[:], sig[:]) || ecdsa.Verify(p.EUICC.Key.Public(), d[:], sig[:]) {
			t.Fatal("signature not under the renewed key")
		}
		if e.RenewalCounter() != 1 {
			t.Fatal("counter not kept")
		}
		// Replay of the same request: refused, nothing changes.
		pub2, _ := e.BeginRenewal(nil)
		if err := e.Renew(req); !errors.Is(err, ErrRenewal) {
			t.Fatalf("replayed request: %v", err)
		}
		// A fresh counter with the new pending key works again.
		if err := e.Renew(renewal(t, p, e, pub2, 7, nil, p.EUM.Key, "renewal-2")); err != nil {
			t.Fatal(err)
		}
		if e.RenewalCounter() != 7 {
			t.Fatal("counter")
		}
	}
}

// TestRenewalWithNewEUM: the request may carry a new CERT.EUM of the same CI
// (signed by the old EUM key); the new CERT.EUICC must chain to it, and
// later renewals must be signed by the new EUM.
func TestRenewalWithNewEUM(t *testing.T) {
	p := testpki.Default(ecdsa.BrainpoolP256r1)
	e := personalised(t, ecdsa.BrainpoolP256r1)
	eum2, err := p.NewEUM("eum-2")
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := e.BeginRenewal(p.PKID)
	if err := e.Renew(renewal(t, p, e, pub, 1, &eum2, p.EUM.Key, "under-eum-2")); err != nil {
		t.Fatal(err)
	}
	_, eum, _ := e.Certificates(nil)
	if !bytes.Equal(eum, eum2.Cert) {
		t.Fatal("CERT.EUM not replaced")
	}
	pub, _ = e.BeginRenewal(nil)
	if err := e.Renew(renewal(t, p, e, pub, 2, nil, p.EUM.Key, "old-eum-signs")); !errors.Is(err, ErrRenewal) {
		t.Fatalf("renewal signed by the replaced EUM: %v", err)
	}
	// The certificate must chain to the EUM in the key set: eum2 here.
	if err := e.Renew(renewal(t, p, e, pub, 2, &eum2, eum2.Key, "new-eum-signs")); err != nil {
		t.Fatal(err)
	}
}

// TestRenewalRejects: every way a request can be wrong leaves the ECASD as
// it was.
func TestRenewalRejects(t *testing.T) {
	p := testpki.Default(ecdsa.P256)
	b := testpki.Default(ecdsa.BrainpoolP256r1)
	e := personalised(t, ecdsa.P256)
	before, _ := e.Export(nil)
	// No pending key yet.
	if err := e.Renew(renewal(t, p, e, p.EUICC.Key.Public(), 1, nil, p.EUM.Key, "x")); !errors.Is(err, ErrRenewal) {
		t.Fatalf("without BeginRenewal: %v", err)
	}
	pub, _ := e.BeginRenewal(nil)
	otherEUM, _ := p.NewEUM("other")
	foreign, _ := p.NewEUICC("", "foreign")
	eid, _ := e.EID()
	cert, _ := p.CertifyEUICC(nil, "", pub, "ok")
	wrongEID := eid
	wrongEID[3] ^= 0x11
	otherEIDCert, _ := p.CertifyEUICC(nil, testpki.EIDWithCheckDigits("890490320000000000000000000077"), pub, "other-eid")
	build := func(r RenewalRequest, signer *ecdsa.PrivateKey) []byte {
		req, err := AppendRenewalRequest(nil, &r, signer, nil)
		if err != nil {
			t.Fatal(err)
		}
		return req
	}
	good := RenewalRequest{Counter: 5, EID: eid, CiPKID: p.PKID, EUICCCertificate: cert}
	cases := map[string][]byte{
		"signed by the CI":         build(good, p.CI.Key),
		"signed by the eUICC":      build(good, p.EUICC.Key),
		"signed by another EUM":    build(good, otherEUM.Key),
		"signed by brainpool EUM":  build(good, b.EUM.Key),
		"wrong EID":                build(RenewalRequest{Counter: 5, EID: wrongEID, CiPKID: p.PKID, EUICCCertificate: cert}, p.EUM.Key),
		"certificate of other EID": build(RenewalRequest{Counter: 5, EID: eid, CiPKID: p.PKID, EUICCCertificate: otherEIDCert}, p.EUM.Key),
		"unknown key set":          build(RenewalRequest{Counter: 5, EID: eid, CiPKID: b.PKID, EUICCCertificate: cert}, p.EUM.Key),
		"key not the pending one":  build(RenewalRequest{Counter: 5, EID: eid, CiPKID: p.PKID, EUICCCertificate: foreign.Cert}, p.EUM.Key),
		"EUM of another CI":        build(RenewalRequest{Counter: 5, EID: eid, CiPKID: p.PKID, EUICCCertificate: cert, EUMCertificate: b.EUM.Cert}, p.EUM.Key),
		"EUICC not under new EUM":  build(RenewalRequest{Counter: 5, EID: eid, CiPKID: p.PKID, EUICCCertificate: cert, EUMCertificate: otherEUM.Cert}, p.EUM.Key),
		"EUM cert is a DPauth":     build(RenewalRequest{Counter: 5, EID: eid, CiPKID: p.PKID, EUICCCertificate: cert, EUMCertificate: p.DPauth.Cert}, p.EUM.Key),
		"garbage certificate":      build(RenewalRequest{Counter: 5, EID: eid, CiPKID: p.PKID, EUICCCertificate: []byte{0x30, 0x00}}, p.EUM.Key),
		"empty":                    nil,
		"not DER":                  []byte("renew me"),
	}
	valid := build(good, p.EUM.Key)
	tampered := append([]byte(nil), valid...)
	tampered[len(tampered)/2] ^= 0x01
	cases["tampered byte"] = tampered
	cases["truncated"] = valid[:len(valid)-1]
	cases["trailing byte"] = append(append([]byte(nil), valid...), 0)
	for name, req := range cases {
		if err := e.Renew(req); !errors.Is(err, ErrRenewal) {
			t.Errorf("%s: %v, want ErrRenewal", name, err)
		}
	}
	after, _ := e.Export(nil)
	if !bytes.Equal(before, after) {
		t.Fatal("a refused renewal changed the ECASD")
	}
	if _, err := AppendRenewalRequest(nil, &RenewalRequest{Counter: 0}, p.EUM.Key, nil); err == nil {
		t.Fatal("counter 0 accepted by the builder")
	}
	// The valid one still works after all that.
	if err := e.Renew(valid); err != nil {
		t.Fatal(err)
	}
	if _, err := e.BeginRenewal([]byte("unknown")); !errors.Is(err, rspcert.ES10CiPKUnknown) {
		t.Fatalf("BeginRenewal for an unknown key set: %v", err)
	}
}
