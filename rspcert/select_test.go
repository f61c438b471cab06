package rspcert

import (
	"errors"
	"testing"
)

// TestCISelection: ES9+.InitiateAuthentication CI selection (RSP-FACTS §5.3)
// on the SGP.26 PKIDs.
func TestCISelection(t *testing.T) {
	s := sgp26Store(t)
	nist := mustHex("F54172BDF98A95D65CBEB88A38A1C11D800A85C3")
	brp := mustHex("C0BC70BA36929D43B467FF57570530E57AB8FCD8")
	gsma := mustHex("81370F5125D0B1D408D4C3B232E6D25E795BEBFB") // GSMA RSP2 Root CI1: not in the store

	// The eUICC's order of preference wins.
	a, err := s.SelectSigningCI(AppendPKIDList(nil, gsma, brp, nist))
	if err != nil || string(a.PKID) != string(brp) {
		t.Errorf("signing: got %v, %v; want the BRP CI", a, err)
	}
	if _, err := s.SelectSigningCI(AppendPKIDList(nil, gsma)); !errors.Is(err, ErrNoSupportedCI) || !errors.Is(err, StatusPKIDNotSupported) {
		t.Errorf("no supported CI: %v", err)
	}
	if _, err := s.SelectSigningCI(PKIDList{0x04, 0x14, 1}); !errors.Is(err, ErrMalformed) {
		t.Errorf("malformed list: %v", err)
	}
	if _, err := s.SelectSigningCI(nil); !errors.Is(err, StatusPKIDNotSupported) {
		t.Errorf("empty list: %v", err)
	}

	var dpN, dpB Certificate
	if err := Parse(&dpN, readSGP26(t, "DPauth/CERT_S_SM_DPauth_ECDSA_NIST.der")); err != nil {
		t.Fatal(err)
	}
	if err := Parse(&dpB, readSGP26(t, "DPauth/CERT_S_SM_DPauth_ECDSA_BRP.der")); err != nil {
		t.Fatal(err)
	}
	cands := []*Certificate{&dpN, &dpB}
	// Prefer the DPauth of the chosen signing CI.
	if i, err := s.SelectServerCertificate(AppendPKIDList(nil, nist, brp), a, cands); err != nil || i != 1 {
		t.Errorf("server cert preferring BRP: %d, %v", i, err)
	}
	// Only NIST verifiable by the eUICC.
	if i, err := s.SelectServerCertificate(AppendPKIDList(nil, nist), a, cands); err != nil || i != 0 {
		t.Errorf("server cert NIST only: %d, %v", i, err)
	}
	if _, err := s.SelectServerCertificate(AppendPKIDList(nil, gsma), a, cands); !errors.Is(err, ErrNoServerCertificate) || !errors.Is(err, StatusNoServerCertificate) {
		t.Errorf("no DPauth for the verification list: %v", err)
	}

	// The eUICC side: euiccCiPKIdToBeUsed must be in its signing list.
	if err := CheckCiPKIdToBeUsed(AppendPKIDList(nil, nist), nist); err != nil {
		t.Error(err)
	}
	if err := CheckCiPKIdToBeUsed(AppendPKIDList(nil, nist), brp); !errors.Is(err, ES10CiPKUnknown) || !errors.Is(err, ErrCiPKIdUnknown) {
		t.Errorf("ciPKUnknown: %v", err)
	}
	// The wire form of RSP-FACTS §5.1: 04 14 <20 bytes>.
	if l := AppendPKIDList(nil, nist); len(l) != 22 || l[0] != 0x04 || l[1] != 0x14 {
		t.Errorf("PKID list encoding % x", l)
	}
}

// TestErrorMatching: errors.Is / errors.As on the codes.
func TestErrorMatching(t *testing.T) {
	err := error(fail(RuleExpired, RoleEUICC, ""))
	for _, target := range []error{ErrExpired, StatusEUICCExpired, ES10InvalidCertificate, &Error{Cert: RoleEUICC}, &Error{Rule: RuleExpired, Status: StatusCode{"8.1.3", "6.3"}}} {
		if !errors.Is(err, target) {
			t.Errorf("%v does not match %v", err, target)
		}
	}
	for _, target := range []error{ErrSignature, StatusEUICCInvalid, ES10UnsupportedCurve, &Error{Cert: RoleEUM}} {
		if errors.Is(err, target) {
			t.Errorf("%v matches %v", err, target)
		}
	}
	var e *Error
	if !errors.As(err, &e) || e.Status.Subject != "8.1.3" || e.Status.Reason != "6.3" || e.ES10 != 1 {
		t.Errorf("As: %+v", e)
	}
	if got := err.Error(); got != "rspcert: eUICC certificate: expired [8.1.3/6.3] [invalidCertificate(1)]" {
		t.Errorf("message %q", got)
	}
	for r := Rule(1); r < ruleCount; r++ {
		if r.String() == "" || r.String()[:4] == "rule" {
			t.Errorf("rule %d has no text", r)
		}
	}
}
