package ecasd

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"testing"
	"time"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/testpki"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/rspcert"
)

// TestPersonaliseTestPKI personalises with the testpki key set of each curve
// and checks the EID, the lists and the certificates handed out.
func TestPersonaliseTestPKI(t *testing.T) {
	for _, c := range curves {
		t.Run(c.String(), func(t *testing.T) {
			p := testpki.Default(c)
			e := personalised(t, c)
			eid, err := e.EIDString()
			if err != nil || eid != p.EID {
				t.Fatalf("EID %q, %v; want %q", eid, err, p.EID)
			}
			b, _ := e.EID()
			if want := eidBytes(p.EID); b != want || b[0] != 0x89 || b[15] != 0x35 {
				t.Fatalf("EID bytes % x", b)
			}
			if v := e.CIPKIDsForVerification(); len(v) != 2 || !bytes.Equal(v[0], p.PKID) || !bytes.Equal(v[1], testpki.Default(3-c).PKID) {
				t.Fatalf("verification list %x", v)
			}
			if s := e.CIPKIDsForSigning(); len(s) != 1 || !bytes.Equal(s[0], p.PKID) {
				t.Fatalf("signing list %x", s)
			}
			euicc, eum, err := e.Certificates(p.PKID)
			if err != nil || !bytes.Equal(euicc, p.EUICC.Cert) || !bytes.Equal(eum, p.EUM.Cert) {
				t.Fatalf("Certificates: %v", err)
			}
			if _, _, err := e.Certificates(testpki.Default(3 - c).PKID); !errors.Is(err, rspcert.ES10CiPKUnknown) {
				t.Fatalf("Certificates under a CI without key set: %v", err)
			}
			if err := e.CheckCiPKIdToBeUsed(p.PKID); err != nil {
				t.Fatal(err)
			}
			if err := e.CheckCiPKIdToBeUsed(nil); !errors.Is(err, rspcert.ES10CiPKUnknown) {
				t.Fatalf("nil ciPKId: %v", err)
			}
			pub, err := e.PublicKey(nil)
			if err != nil || !pub.Equal(p.EUICC.Key.Public()) {
				t.Fatal("PublicKey")
			}
		})
	}
}

// TestVerificationOrder: VerificationPKIDs fixes the order (and subset) of
// euiccCiPKIdListForVerification.
func TestVerificationOrder(t *testing.T) {
	cfg := pkiConfig(ecdsa.P256)
	nist, brp := testpki.Default(ecdsa.P256).PKID, testpki.Default(ecdsa.BrainpoolP256r1).PKID
	cfg.VerificationPKIDs = [][]byte{brp, nist}
	e := New()
	if err := e.Personalise(cfg); err != nil {
		t.Fatal(err)
	}
	if v := e.CIPKIDsForVerification(); len(v) != 2 || !bytes.Equal(v[0], brp) || !bytes.Equal(v[1], nist) {
		t.Fatalf("order not respected: %x", v)
	}
	// Only the brainpool CI for verification: a NIST DPauth is refused.
	cfg.VerificationPKIDs = [][]byte{brp}
	e = New()
	if err := e.Personalise(cfg); err != nil {
		t.Fatal(err)
	}
	if _, err := e.VerifyServerCertificate(testpki.Default(ecdsa.P256).DPauth.Cert, rspcert.RoleDPauth, nil, at2025); !errors.Is(err, rspcert.ES10InvalidCertificate) {
		t.Fatalf("DPauth of a CI outside the verification list: %v", err)
	}
	if _, err := e.VerifyServerCertificate(testpki.Default(ecdsa.BrainpoolP256r1).DPauth.Cert, rspcert.RoleDPauth, nil, at2025); err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][][]byte{{[]byte("unknown")}, {brp, brp}} {
		cfg.VerificationPKIDs = bad
		if err := New().Personalise(cfg); !errors.Is(err, ErrConfig) {
			t.Fatalf("verification list %x accepted: %v", bad, err)
		}
	}
}

// TestImmutable: a second Personalise fails and changes nothing; so does an
// Import into a personalised ECASD.
func TestImmutable(t *testing.T) {
	e := personalised(t, ecdsa.P256)
	state, err := e.Export(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Personalise(pkiConfig(ecdsa.BrainpoolP256r1)); !errors.Is(err, ErrAlreadyPersonalised) {
		t.Fatalf("second Personalise: %v", err)
	}
	if err := e.Import(state, nil); !errors.Is(err, ErrAlreadyPersonalised) {
		t.Fatalf("Import into a personalised ECASD: %v", err)
	}
	if s := e.CIPKIDsForSigning(); !bytes.Equal(s[0], testpki.Default(ecdsa.P256).PKID) {
		t.Fatal("second Personalise changed the ECASD")
	}
	// Unpersonalised: everything fails with ErrNotPersonalised.
	var z ECASD
	if _, err := z.Sign(PurposeEuiccSigned1, []byte{0x30, 0}, nil); !errors.Is(err, ErrNotPersonalised) {
		t.Fatalf("Sign before Personalise: %v", err)
	}
	if _, err := z.EIDString(); !errors.Is(err, ErrNotPersonalised) {
		t.Fatal(err)
	}
	if _, err := z.VerifyServerCertificate(testpki.Default(ecdsa.P256).DPauth.Cert, rspcert.RoleDPauth, nil, at2025); !errors.Is(err, ErrNotPersonalised) {
		t.Fatal(err)
	}
	if _, err := z.Export(nil); !errors.Is(err, ErrNotPersonalised) {
		t.Fatal(err)
	}
}

// TestPersonaliseRejects: a key that is not CERT.EUICC's, a chain that does
// not hold, key sets with different EIDs or the same CI.
func TestPersonaliseRejects(t *testing.T) {
	p, b := testpki.Default(ecdsa.P256), testpki.Default(ecdsa.BrainpoolP256r1)
	other, err := p.NewEUICC(testpki.EIDWithCheckDigits("890490320000000000000000000001"), "other-card")
	if err != nil {
		t.Fatal(err)
	}
	ks := KeySet{Key: p.EUICC.Key, EUICCCertificate: p.EUICC.Cert, EUMCertificate: p.EUM.Cert}
	cis := [][]byte{p.CI.Cert, b.CI.Cert}
	cases := map[string]Config{
		"no key set":       {CIs: cis},
		"no CI":            {KeySets: []KeySet{ks}},
		"wrong key":        {KeySets: []KeySet{{Key: p.DPauth.Key, EUICCCertificate: p.EUICC.Cert, EUMCertificate: p.EUM.Cert}}, CIs: cis},
		"nil key":          {KeySets: []KeySet{{EUICCCertificate: p.EUICC.Cert, EUMCertificate: p.EUM.Cert}}, CIs: cis},
		"EUM of other CI":  {KeySets: []KeySet{{Key: p.EUICC.Key, EUICCCertificate: p.EUICC.Cert, EUMCertificate: b.EUM.Cert}}, CIs: cis},
		"CI unknown":       {KeySets: []KeySet{ks}, CIs: [][]byte{b.CI.Cert}},
		"CI not a CI":      {KeySets: []KeySet{ks}, CIs: [][]byte{p.DPauth.Cert}},
		"certs swapped":    {KeySets: []KeySet{{Key: p.EUICC.Key, EUICCCertificate: p.EUM.Cert, EUMCertificate: p.EUICC.Cert}}, CIs: cis},
		"garbage cert":     {KeySets: []KeySet{{Key: p.EUICC.Key, EUICCCertificate: []byte{0x30, 0}, EUMCertificate: p.EUM.Cert}}, CIs: cis},
		"same CI twice":    {KeySets: []KeySet{ks, {Key: other.Key, EUICCCertificate: other.Cert, EUMCertificate: p.EUM.Cert}}, CIs: cis},
		"EIDs differ":      {KeySets: []KeySet{ks, {Key: b.EUICC.Key, EUICCCertificate: mustEUICC(t, b, other.Parsed.Subject.SerialNumber), EUMCertificate: b.EUM.Cert}}, CIs: cis},
		"clock before all": {KeySets: []KeySet{ks}, CIs: cis, Now: testpki.DefaultNow.Add(-time.Hour)},
	}
	for name, cfg := range cases {
		e := New()
		if err := e.Personalise(cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: %v, want ErrConfig", name, err)
		}
		if _, err := e.EIDString(); !errors.Is(err, ErrNotPersonalised) {
			t.Errorf("%s: a failed Personalise left the ECASD personalised", name)
		}
	}
	// Two key sets (one per curve) with the same EID are fine, and the
	// signing list follows their order.
	e := New()
	if err := e.Personalise(Config{KeySets: []KeySet{
		{Key: b.EUICC.Key, EUICCCertificate: b.EUICC.Cert, EUMCertificate: b.EUM.Cert}, ks}, CIs: cis}); err != nil {
		t.Fatal(err)
	}
	if s := e.CIPKIDsForSigning(); len(s) != 2 || !bytes.Equal(s[0], b.PKID) || !bytes.Equal(s[1], p.PKID) {
		t.Fatalf("signing list %x", s)
	}
}

// mustEUICC certifies b's eUICC key for another EID under b's EUM.
func mustEUICC(t *testing.T, b *testpki.PKI, eid []byte) []byte {
	der, err := b.CertifyEUICC(nil, string(eid), b.EUICC.Key.Public(), "eid-"+string(eid))
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// signCases are well-shaped inputs of every purpose (built with the rsp
// builders where one exists).
func signCases(t testing.TB) []struct {
	p            Purpose
	signed, tail []byte
} {
	sig := make([]byte, 64)
	for i := range sig {
		sig[i] = byte(i + 1)
	}
	sigDO := asn1der.AppendTLV(nil, rsp.TagSignature, sig)
	es1 := asn1der.AppendTLV(nil, asn1der.TagSequence, asn1der.AppendTLV(nil, 0x80, []byte{1, 2, 3}))
	pird := asn1der.AppendTLV(nil, rsp.TagProfileInstallationResultData, asn1der.AppendTLV(nil, 0x80, []byte{1}))
	nm := asn1der.AppendTLV(nil, rsp.TagNotificationMetadata, asn1der.AppendInt64(nil, 0x80, 7))
	token := asn1der.AppendInt64(nil, 0x84, 12345)
	return []struct {
		p            Purpose
		signed, tail []byte
	}{
		{PurposeEuiccSigned1, es1, nil},
		{PurposeEuiccSigned2, es1, sigDO},
		{PurposeProfileInstallationResult, pird, nil},
		{PurposeNotification, nm, nil},
		{PurposeCancelSession, es1, nil},
		{PurposeEuiccPackageResult, es1, token},
		{PurposeEuiccPackageResult, es1, sigDO},
		{PurposeEuiccPackageError, es1, token},
	}
}

// TestSign: every purpose's signature verifies with ecdsa.Verify under
// CERT.EUICC's public key over SHA-256(signed ‖ tail) (RSP-FACTS §3.2, §3.3),
// for both curves; signatures are hedged (two signatures of the same data
// differ).
func TestSign(t *testing.T) {
	for _, c := range curves {
		e := personalised(t, c)
		p := testpki.Default(c)
		pub, err := ecdsa.NewPublicKey(c, p.EUICC.Parsed.PublicKey.Point)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range signCases(t) {
			sig, err := e.Sign(tc.p, tc.signed, tc.tail)
			if err != nil {
				t.Fatalf("%v %v: %v", c, tc.p, err)
			}
			d := sha256.Sum256(append(append([]byte(nil), tc.signed...), tc.tail...))
			if !ecdsa.Verify(pub, d[:], sig[:]) {
				t.Fatalf("%v %v: signature does not verify under CERT.EUICC", c, tc.p)
			}
			sig2, _ := e.SignWith(p.PKID, tc.p, tc.signed, tc.tail)
			if sig2 == sig || !ecdsa.Verify(pub, d[:], sig2[:]) {
				t.Fatalf("%v %v: second signature equal (nonces not hedged) or invalid", c, tc.p)
			}
		}
		if _, err := e.SignWith([]byte("nope"), PurposeEuiccSigned1, signCases(t)[0].signed, nil); !errors.Is(err, rspcert.ES10CiPKUnknown) {
			t.Fatalf("SignWith unknown PKID: %v", err)
		}
	}
}

// TestSignRefusesOtherData: the service signs only the listed RSP shapes.
func TestSignRefusesOtherData(t *testing.T) {
	e := personalised(t, ecdsa.P256)
	cs := signCases(t)
	es1, sigDO, token := cs[0].signed, cs[1].tail, cs[5].tail
	bad := []struct {
		p            Purpose
		signed, tail []byte
	}{
		{0, es1, nil},
		{99, es1, nil},
		{PurposeEuiccSigned1, []byte("arbitrary data for the LPA"), nil},
		{PurposeEuiccSigned1, nil, nil},
		{PurposeEuiccSigned1, append(append([]byte(nil), es1...), 0), nil}, // trailing byte
		{PurposeEuiccSigned1, es1, sigDO},                                  // no tail allowed
		{PurposeEuiccSigned1, cs[2].signed, nil},                           // BF27 is not euiccSigned1
		{PurposeEuiccSigned2, es1, nil},                                    // missing smdpSignature2
		{PurposeEuiccSigned2, es1, sigDO[:60]},
		{PurposeEuiccSigned2, es1, token},
		{PurposeProfileInstallationResult, es1, nil},
		{PurposeNotification, es1, nil},
		{PurposeEuiccPackageError, es1, sigDO},
		{PurposeEuiccPackageResult, es1, []byte{0x84, 0x00}},
		{PurposeEuiccPackageResult, es1, nil},
		{PurposeEuiccSigned1, []byte{0x30, 0x81, 0x01, 0x00}, nil}, // non-minimal length
	}
	for i, tc := range bad {
		if _, err := e.Sign(tc.p, tc.signed, tc.tail); !errors.Is(err, ErrPurpose) {
			t.Errorf("case %d (%v): %v, want ErrPurpose", i, tc.p, err)
		}
	}
	if PurposeEuiccSigned2.String() != "euiccSigned2" || Purpose(0).String() != "purpose?" {
		t.Fatal("Purpose.String")
	}
}

// TestSignAllocs pins the signing service at zero allocations.
func TestSignAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	for _, c := range curves {
		e := personalised(t, c)
		for _, tc := range signCases(t) {
			n := testing.AllocsPerRun(20, func() {
				if _, err := e.Sign(tc.p, tc.signed, tc.tail); err != nil {
					t.Fatal(err)
				}
			})
			if n != 0 {
				t.Fatalf("%v %v: %v allocations per Sign", c, tc.p, n)
			}
		}
		pub, _ := e.PublicKey(nil)
		es1 := signCases(t)[0].signed
		sig, _ := e.Sign(PurposeEuiccSigned1, es1, nil)
		if n := testing.AllocsPerRun(20, func() {
			if err := VerifyServerSignature(pub, sig[:], es1, nil); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Fatalf("VerifyServerSignature: %v allocations", n)
		}
	}
}

// TestWipe: after Wipe nothing signs, the keys are destroyed and the ECASD
// cannot be personalised again.
func TestWipe(t *testing.T) {
	e := personalised(t, ecdsa.P256)
	cfg := pkiConfig(ecdsa.P256)
	ks := e.keySets[0]
	e.Wipe()
	if _, err := e.Sign(PurposeEuiccSigned1, signCases(t)[0].signed, nil); !errors.Is(err, ErrWiped) {
		t.Fatalf("Sign after Wipe: %v", err)
	}
	d := sha256.Sum256([]byte("x"))
	if _, err := ecdsa.Sign(nil, ks.sk, d[:]); !errors.Is(err, ecdsa.ErrDestroyed) {
		t.Fatalf("SK.EUICC not destroyed: %v", err)
	}
	if err := e.Personalise(cfg); !errors.Is(err, ErrAlreadyPersonalised) {
		t.Fatalf("Personalise after Wipe: %v", err)
	}
	if _, err := e.Export(nil); !errors.Is(err, ErrWiped) {
		t.Fatalf("Export after Wipe: %v", err)
	}
	if _, err := e.BeginRenewal(nil); !errors.Is(err, ErrWiped) {
		t.Fatal(err)
	}
	// The caller's key is untouched (Personalise copied it).
	if _, err := ecdsa.Sign(nil, cfg.KeySets[0].Key, d[:]); err != nil {
		t.Fatalf("the caller's key was destroyed: %v", err)
	}
}
