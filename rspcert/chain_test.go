package rspcert

import (
	"errors"
	"testing"
	"time"

	"github.com/rspengine/rspengine/asn1der"
)

// testNow is the clock of the SGP.26 chain tests: inside every valid
// certificate's period (the DPauth/DPpb certificates end in March 2030).
var testNow = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

const sgp26EID = "89049032123451234512345678901235" // the SGP.26 eUICC's EID (PROVENANCE.md)

// sgp26Store returns a store with the NIST and brainpool test CIs.
func sgp26Store(t testing.TB) *CIStore {
	t.Helper()
	s, err := NewCIStore(readSGP26(t, "CertificateIssuer/CERT_CI_ECDSA_NIST.der"), readSGP26(t, "CertificateIssuer/CERT_CI_ECDSA_BRP.der"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestVerifySGP26Valid: the SGP.26 chains verify on both curves.
func TestVerifySGP26Valid(t *testing.T) {
	s := sgp26Store(t)
	for _, curve := range []string{"NIST", "BRP"} {
		var ch EUICCChain
		err := s.VerifyEUICCChain(&ch, readSGP26(t, "EUM/CERT_EUM_ECDSA_"+curve+".der"), readSGP26(t, "eUICC/CERT_EUICC_ECDSA_"+curve+".der"), &Options{Now: testNow})
		if err != nil {
			t.Fatalf("%s eUICC chain: %v", curve, err)
		}
		if string(ch.EID) != sgp26EID {
			t.Errorf("%s: EID %s", curve, ch.EID)
		}
		wantCurve := map[string]Curve{"NIST": P256, "BRP": BrainpoolP256r1}[curve]
		if ch.CI.Curve() != wantCurve || ch.EUICC.PublicKey.Curve != wantCurve {
			t.Errorf("%s: curve %v", curve, ch.CI.Curve())
		}
		// The SGP.26 eUICC is valid until 7496.
		if err := s.VerifyEUICCChain(&ch, readSGP26(t, "EUM/CERT_EUM_ECDSA_"+curve+".der"), readSGP26(t, "eUICC/CERT_EUICC_ECDSA_"+curve+".der"), &Options{Now: time.Date(2054, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Errorf("%s in 2054: %v", curve, err)
		}
		var sc ServerChain
		var auth, pb Certificate
		for _, c := range []struct {
			file string
			role Role
			oid  string
			dst  *Certificate
		}{
			{"DPauth/CERT_S_SM_DPauth_ECDSA_" + curve + ".der", RoleDPauth, "2.999.10", &auth},
			{"DPauth/CERT_S_SM_DP2auth_ECDSA_" + curve + ".der", RoleDPauth, "2.999.12", nil},
			{"DPpb/CERT_S_SM_DPpb_ECDSA_" + curve + ".der", RoleDPpb, "2.999.10", &pb},
			{"DPpb/CERT_S_SM_DP2pb_ECDSA_" + curve + ".der", RoleDPpb, "2.999.12", nil},
		} {
			if err := s.VerifyServerCertificate(&sc, readSGP26(t, c.file), c.role, &Options{Now: testNow}); err != nil {
				t.Errorf("%s: %v", c.file, err)
				continue
			}
			if got := appendOID(sc.SMDPOID); got != c.oid {
				t.Errorf("%s: SM-DP+ OID %s, want %s", c.file, got, c.oid)
			}
			if c.dst != nil {
				*c.dst = sc.Cert
			}
		}
		if err := CheckSMDPOID(&auth, asn1der.OID("2.999.10")); err != nil {
			t.Errorf("%s: CheckSMDPOID: %v", curve, err)
		}
		if err := CheckSMDPOID(&auth, asn1der.OID("2.999.12")); !errors.Is(err, StatusSMDPOIDMismatch) || !errors.Is(err, ErrSMDPOIDMismatch) {
			t.Errorf("%s: CheckSMDPOID with another OID: %v", curve, err)
		}
		if err := SameSMDP(&auth, &pb); err != nil {
			t.Errorf("%s: DPauth/DPpb of the same SM-DP+: %v", curve, err)
		}
		var pb2 Certificate
		if err := Parse(&pb2, readSGP26(t, "DPpb/CERT_S_SM_DP2pb_ECDSA_"+curve+".der")); err != nil {
			t.Fatal(err)
		}
		if err := SameSMDP(&auth, &pb2); !errors.Is(err, ErrSMDPMismatch) || !errors.Is(err, ES10InvalidCertificate) {
			t.Errorf("%s: DPauth with another SM-DP+'s DPpb: %v", curve, err)
		}
	}
}

// TestVerifySGP26Invalid: every certificate of sgp26/invalid is rejected with
// the rule it breaks and the codes each side reports. The file names and
// their intent are those of the generator of the set (osmo-ttcn3-hacks
// InvalidTestCases: "self-signed instead of CI/EUM-signed", "expired",
// "EUM signed by unknown CI", "EID outside EUM's permitted range", "EID not in
// default profiles").
func TestVerifySGP26Invalid(t *testing.T) {
	s := sgp26Store(t)
	eum := readSGP26(t, "EUM/CERT_EUM_ECDSA_NIST.der")
	euicc := readSGP26(t, "eUICC/CERT_EUICC_ECDSA_NIST.der")
	inv := func(n string) []byte { return readSGP26(t, "invalid/"+n) }
	cases := []struct {
		name        string
		eum, euicc  []byte
		rule        Rule
		cert        Role
		status      StatusCode
		es10        ES10Code
		whichRuleIs string
	}{
		{"CERT_EUICC_ECDSA_NIST_EXPIRED.der", eum, inv("CERT_EUICC_ECDSA_NIST_EXPIRED.der"), RuleExpired, RoleEUICC, StatusEUICCExpired, ES10InvalidCertificate,
			"notAfter 2015-01-01 is before the clock; everything else about it is right (signed by the EUM, AKI = EUM SKI)"},
		{"CERT_EUICC_ECDSA_NIST_INVALID.der", eum, inv("CERT_EUICC_ECDSA_NIST_INVALID.der"), RuleAuthorityKeyID, RoleEUICC, StatusEUICCInvalid, ES10InvalidCertificate,
			"self-signed with SK.EUICC: no AKI naming the EUM (and its issuer name is not the EUM's, and the signature does not verify under PK.EUM)"},
		{"CERT_EUICC_ECDSA_NIST_INVALID_EID.der", eum, inv("CERT_EUICC_ECDSA_NIST_INVALID_EID.der"), RuleEIDNotPermitted, RoleEUICC, StatusEIDNotPermitted, ES10InvalidCertificate,
			"EID 89049033... is outside the EUM's nameConstraints directoryName serialNumber 89049032"},
		{"CERT_EUICC_ECDSA_NIST_UNMATCHED_EID.der", eum, inv("CERT_EUICC_ECDSA_NIST_UNMATCHED_EID.der"), RuleEIDFormat, RoleEUICC, StatusEUICCInvalid, ES10InvalidCertificate,
			"EID 89049032123451234512345678901299 is inside the permitted prefix but its check digits are wrong (the number is 65 mod 97, not 1); the set's generator meant it for the later profile-matching step, which is not a certificate rule"},
		{"CERT_EUM_ECDSA_NIST_EXPIRED.der", inv("CERT_EUM_ECDSA_NIST_EXPIRED.der"), euicc, RuleExpired, RoleEUM, StatusEUMExpired, ES10InvalidCertificate,
			"notAfter 2015-01-01 (it also carries the DPauth policy and no basicConstraints; validity is checked first)"},
		{"CERT_EUM_ECDSA_NIST_INVALID.der", inv("CERT_EUM_ECDSA_NIST_INVALID.der"), euicc, RuleAuthorityKeyID, RoleEUM, StatusEUMInvalid, ES10InvalidCertificate,
			"self-signed with SK.EUM: no AKI, so no CI issued it"},
		{"CERT_EUM_ECDSA_NIST_UNKNOWN_CI.der", inv("CERT_EUM_ECDSA_NIST_UNKNOWN_CI.der"), euicc, RuleUnknownCI, RoleEUM, StatusCIUnknown, ES10CiPKUnknown,
			"AKI 8466D9DC... is the PKID of no CI in the store"},
	}
	for _, tc := range cases {
		var ch EUICCChain
		err := s.VerifyEUICCChain(&ch, tc.eum, tc.euicc, &Options{Now: testNow})
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: got %v, want rule %v (%s)", tc.name, err, tc.rule, tc.whichRuleIs)
			continue
		}
		if e.Rule != tc.rule || e.Cert != tc.cert || e.Status != tc.status || e.ES10 != tc.es10 {
			t.Errorf("%s: got %v (rule %d, cert %v, %v, %v), want rule %v on %v, %v, %v: %s",
				tc.name, err, e.Rule, e.Cert, e.Status, e.ES10, tc.rule, tc.cert, tc.status, tc.es10, tc.whichRuleIs)
		}
		if !errors.Is(err, tc.status) || !errors.Is(err, tc.es10) || !errors.Is(err, &Error{Rule: tc.rule}) {
			t.Errorf("%s: errors.Is does not match its own codes", tc.name)
		}
	}

	// The self-signed certificates also fail the signature rule under the
	// real issuer's key: pin that the second reason holds too.
	var c, eumC Certificate
	if err := Parse(&eumC, eum); err != nil {
		t.Fatal(err)
	}
	pk, err := newPublicKey(&eumC)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"CERT_EUICC_ECDSA_NIST_INVALID.der"} {
		if err := Parse(&c, inv(n)); err != nil {
			t.Fatal(err)
		}
		if checkSignature(&c, plainKey(pk)) {
			t.Errorf("%s verifies under PK.EUM", n)
		}
	}
	ci := s.Lookup(mustHex("F54172BDF98A95D65CBEB88A38A1C11D800A85C3"))
	if err := Parse(&c, inv("CERT_EUM_ECDSA_NIST_INVALID.der")); err != nil {
		t.Fatal(err)
	}
	if checkSignature(&c, ci.key()) {
		t.Error("CERT_EUM_ECDSA_NIST_INVALID verifies under PK.CI")
	}

	// The unknown CI: not acceptable as a trust anchor (no SKI, so no PKID;
	// no CI policy), and as a server certificate it chains to nothing.
	unk := inv("CERT_UNKNOWN_CI_ECDSA_NIST.der")
	if _, err := (&CIStore{}).Add(unk); !errors.Is(err, &Error{Rule: RuleSubjectKeyID, Cert: RoleCI}) {
		t.Errorf("CERT_UNKNOWN_CI as an anchor: %v", err)
	}
	var sc ServerChain
	if err := s.VerifyServerCertificate(&sc, unk, RoleDPauth, &Options{Now: testNow}); !errors.Is(err, ErrAuthorityKeyID) || !errors.Is(err, ES10InvalidCertificate) {
		t.Errorf("CERT_UNKNOWN_CI as serverCertificate: %v", err)
	}
	// The EUM of the unknown CI fails the same way as a server certificate
	// would from the eUICC's side: invalidCertificate.
	if err := s.VerifyServerCertificate(&sc, inv("CERT_EUM_ECDSA_NIST_UNKNOWN_CI.der"), RoleDPauth, &Options{Now: testNow}); !errors.Is(err, ErrUnknownCI) || !errors.Is(err, ES10InvalidCertificate) || !errors.Is(err, StatusNoServerCertificate) {
		t.Errorf("unknown-CI certificate as serverCertificate: %v", err)
	}
	// UNMATCHED_EID passes when the check-digit rule is off: only that rule
	// rejects it.
	var ch EUICCChain
	if err := s.VerifyEUICCChain(&ch, eum, inv("CERT_EUICC_ECDSA_NIST_UNMATCHED_EID.der"), &Options{Now: testNow, SkipEIDCheckDigits: true}); err != nil {
		t.Errorf("UNMATCHED_EID without the check-digit rule: %v", err)
	}
	// A NIST chain when the BRP CI was selected: 8.11.1/3.9.
	if err := s.VerifyEUICCChain(&ch, eum, euicc, &Options{Now: testNow, CiPKID: mustHex("C0BC70BA36929D43B467FF57570530E57AB8FCD8")}); !errors.Is(err, ErrCINotSelected) || !errors.Is(err, StatusCIUnknown) {
		t.Errorf("NIST chain under the selected BRP CI: %v", err)
	}
	// Cross-curve: the BRP eUICC under the NIST EUM names another issuer.
	if err := s.VerifyEUICCChain(&ch, eum, readSGP26(t, "eUICC/CERT_EUICC_ECDSA_BRP.der"), &Options{Now: testNow}); !errors.Is(err, ErrAuthorityKeyID) {
		t.Errorf("BRP eUICC under NIST EUM: %v", err)
	}
	// Roles: a DPpb certificate offered as DPauth, an EUM as eUICC.
	if err := s.VerifyServerCertificate(&sc, readSGP26(t, "DPpb/CERT_S_SM_DPpb_ECDSA_NIST.der"), RoleDPauth, &Options{Now: testNow}); !errors.Is(err, ErrRole) || !errors.Is(err, ES10InvalidOid) {
		t.Errorf("DPpb as DPauth: %v", err)
	}
	// Expired server certificate (after March 2030).
	if err := s.VerifyServerCertificate(&sc, readSGP26(t, "DPauth/CERT_S_SM_DPauth_ECDSA_NIST.der"), RoleDPauth, &Options{Now: time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)}); !errors.Is(err, ErrExpired) || !errors.Is(err, ES10InvalidCertificate) {
		t.Errorf("DPauth in 2031: %v", err)
	}
	// Before the EUM's notBefore.
	if err := s.VerifyEUICCChain(&ch, eum, euicc, &Options{Now: time.Date(2020, 4, 1, 9, 0, 0, 0, time.UTC)}); !errors.Is(err, ErrNotYetValid) || !errors.Is(err, StatusEUMExpired) {
		t.Errorf("before notBefore: %v", err)
	}
}

// TestVerifyEUM: CI → CERT.EUM alone.
func TestVerifyEUM(t *testing.T) {
	s := sgp26Store(t)
	var c Certificate
	for _, curve := range []string{"NIST", "BRP"} {
		ci, err := s.VerifyEUM(&c, readSGP26(t, "EUM/CERT_EUM_ECDSA_"+curve+".der"), &Options{Now: testNow})
		if err != nil || ci == nil || string(c.Subject.CommonName) != "EUM Test" {
			t.Errorf("%s: %v", curve, err)
		}
	}
	if _, err := s.VerifyEUM(&c, readSGP26(t, "invalid/CERT_EUM_ECDSA_NIST_EXPIRED.der"), &Options{Now: testNow}); !errors.Is(err, StatusEUMExpired) {
		t.Errorf("expired EUM: %v", err)
	}
	if _, err := s.VerifyEUM(&c, []byte{0x30, 0x00}, nil); !errors.Is(err, &Error{Rule: RuleMalformed, Cert: RoleEUM, Status: StatusEUMInvalid}) {
		t.Errorf("malformed EUM: %v", err)
	}
}
