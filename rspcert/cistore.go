package rspcert

import (
	"sync"
	"sync/atomic"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecdsa"
)

// TrustAnchor is a CERT.CI accepted into a [CIStore]. Its PKID is its
// SubjectKeyIdentifier (RSP-FACTS §5.1).
type TrustAnchor struct {
	Cert      Certificate // view over the anchor's own copy of the certificate
	PKID      []byte      // = Cert.Extensions.SubjectKeyID
	PublicKey *ecdsa.PublicKey
	verifier  *ecdsa.Verifier // CI keys are hot: precomputed once
}

// Curve returns the curve of the CI's key (and so of its whole chain).
func (a *TrustAnchor) Curve() Curve { return a.Cert.PublicKey.Curve }

// CIStore holds the trust anchors, indexed by PKID. Lookups are lock-free and
// allocate nothing; Add may run concurrently with them.
type CIStore struct {
	mu      sync.Mutex // serialises Add
	anchors atomic.Pointer[[]*TrustAnchor]
}

// NewCIStore returns a store holding the given CI certificates (DER).
func NewCIStore(certs ...[]byte) (*CIStore, error) {
	s := &CIStore{}
	for _, der := range certs {
		if _, err := s.Add(der); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Add checks a CERT.CI against the CI profile of RSP-FACTS §5.1 (v3,
// self-issued and self-signed, SKI present, AKI absent or equal to the SKI,
// policy id-rspRole-ci, keyUsage keyCertSign and cRLSign, basicConstraints
// cA, ecdsa-with-SHA256 on a supported curve) and adds it. The store keeps its
// own copy of der. Adding a second CI with the same PKID is an error; adding
// the same certificate again returns the existing anchor. Failures are
// *Error with Cert = RoleCI (RuleCIProfile, RuleSignature, RuleCurve, ...).
func (s *CIStore) Add(der []byte) (*TrustAnchor, error) {
	a := &TrustAnchor{}
	own := append([]byte(nil), der...)
	if err := Parse(&a.Cert, own); err != nil {
		return nil, atPosition(err, RoleCI)
	}
	c := &a.Cert
	x := &c.Extensions
	switch {
	case c.Version != 3:
		return nil, fail(RuleVersion, RoleCI, "")
	case string(c.SignatureAlgorithm) != oidSigECDSAWithSHA256 || c.SignatureAlgorithmParams != nil:
		return nil, fail(RuleSignatureAlgorithm, RoleCI, "")
	case string(c.Issuer.Raw) != string(c.Subject.Raw):
		return nil, fail(RuleCIProfile, RoleCI, "not self-issued")
	case len(x.SubjectKeyID) == 0:
		return nil, fail(RuleSubjectKeyID, RoleCI, "a CI needs a subjectKeyIdentifier: it is the PKID")
	case x.AuthorityKeyID != nil && string(x.AuthorityKeyID) != string(x.SubjectKeyID):
		return nil, fail(RuleAuthorityKeyID, RoleCI, "self-signed CI with AKI != SKI")
	case x.Role != RoleCI:
		return nil, fail(RuleRole, RoleCI, "policy id-rspRole-ci missing")
	case !x.Has(ExtKeyUsage) || x.KeyUsage&(KeyUsageKeyCertSign|KeyUsageCRLSign) != KeyUsageKeyCertSign|KeyUsageCRLSign:
		return nil, fail(RuleKeyUsage, RoleCI, "keyCertSign and cRLSign required")
	case !x.IsCA:
		return nil, fail(RuleBasicConstraints, RoleCI, "cA must be TRUE")
	case string(c.PublicKey.Algorithm) != oidECPublicKey || c.PublicKey.Curve == CurveUnknown:
		return nil, fail(RuleCurve, RoleCI, "")
	}
	pk, err := newPublicKey(c)
	if err != nil {
		return nil, fail(RuleCurve, RoleCI, "invalid public key")
	}
	a.PublicKey = pk
	a.PKID = x.SubjectKeyID
	a.verifier = ecdsa.NewVerifier(pk)
	if !checkSignature(c, hotKey(a.verifier)) {
		return nil, fail(RuleSignature, RoleCI, "self-signature")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var list []*TrustAnchor
	if p := s.anchors.Load(); p != nil {
		list = *p
	}
	for _, old := range list {
		if string(old.PKID) == string(a.PKID) {
			if string(old.Cert.Raw) == string(a.Cert.Raw) {
				return old, nil
			}
			return nil, fail(RuleCIProfile, RoleCI, "another CI with the same PKID is already in the store")
		}
	}
	next := append(append(make([]*TrustAnchor, 0, len(list)+1), list...), a)
	s.anchors.Store(&next)
	return a, nil
}

// Lookup returns the anchor whose PKID is pkid, or nil.
func (s *CIStore) Lookup(pkid []byte) *TrustAnchor {
	if s == nil {
		return nil
	}
	p := s.anchors.Load()
	if p == nil {
		return nil
	}
	for _, a := range *p {
		if string(a.PKID) == string(pkid) {
			return a
		}
	}
	return nil
}

// Anchors returns the anchors in the order they were added.
func (s *CIStore) Anchors() []*TrustAnchor {
	if p := s.anchors.Load(); p != nil {
		return *p
	}
	return nil
}

// PKIDList is a list of CI Public Key Identifiers as it appears on the wire:
// the contents of euiccCiPKIdListForVerification [9] / ForSigning [10] of
// EUICCInfo1 (RSP-FACTS §5.3), i.e. concatenated SubjectKeyIdentifier
// OCTET STRINGs (04 14 ‹20 bytes›...). Use [AppendPKIDList] to build one.
type PKIDList []byte

// AppendPKIDList appends the encoding of the given PKIDs to dst.
func AppendPKIDList(dst []byte, pkids ...[]byte) PKIDList {
	for _, p := range pkids {
		dst = asn1der.AppendTLV(dst, asn1der.TagOctetString, p)
	}
	return dst
}

// Next returns the first PKID of l and the rest of the list; ok is false at
// the end or on a malformed element (which ends the walk).
func (l PKIDList) Next() (pkid []byte, rest PKIDList, ok bool) {
	r := asn1der.NewReader(l)
	if r.Empty() {
		return nil, nil, false
	}
	t, err := r.Expect(asn1der.TagOctetString)
	if err != nil {
		return nil, nil, false
	}
	return t.Value, r.Rest(), true
}

// Check validates the list's encoding.
func (l PKIDList) Check() error {
	r := asn1der.NewReader(l)
	for !r.Empty() {
		if _, err := r.Expect(asn1der.TagOctetString); err != nil {
			return malformed("PKID list", err)
		}
	}
	return nil
}

// Contains reports whether pkid is in the list.
func (l PKIDList) Contains(pkid []byte) bool {
	for p, rest, ok := l.Next(); ok; p, rest, ok = rest.Next() {
		if string(p) == string(pkid) {
			return true
		}
	}
	return false
}

// SelectSigningCI is the SM-DP+'s first step of ES9+.InitiateAuthentication
// (RSP-FACTS §5.3): the first PKID of the eUICC's euiccCiPKIdListForSigning
// (the eUICC's order of preference) that the store holds, i.e. the
// euiccCiPKIdToBeUsed. None supported: *Error RuleNoSupportedCI, 8.8.2/3.1.
func (s *CIStore) SelectSigningCI(forSigning PKIDList) (*TrustAnchor, error) {
	if err := forSigning.Check(); err != nil {
		return nil, err
	}
	for p, rest, ok := forSigning.Next(); ok; p, rest, ok = rest.Next() {
		if a := s.Lookup(p); a != nil {
			return a, nil
		}
	}
	return nil, fail(RuleNoSupportedCI, RoleNone, "")
}

// SelectServerCertificate picks the CERT.DPauth (or DSauth) to send as
// serverCertificate: the first candidate whose issuer (AKI) is both in the
// eUICC's euiccCiPKIdListForVerification and in the store, preferring one
// issued by prefer (the signing CI chosen by SelectSigningCI), as osmo-smdpp
// does with a single key set (RSP-FACTS §5.3). It returns the index into
// candidates; none: *Error RuleNoServerCertificate, 8.8.4/3.7.
func (s *CIStore) SelectServerCertificate(forVerification PKIDList, prefer *TrustAnchor, candidates []*Certificate) (int, error) {
	if err := forVerification.Check(); err != nil {
		return -1, err
	}
	best := -1
	for i, c := range candidates {
		aki := c.Extensions.AuthorityKeyID
		if aki == nil || !forVerification.Contains(aki) || s.Lookup(aki) == nil {
			continue
		}
		if prefer != nil && string(aki) == string(prefer.PKID) {
			return i, nil
		}
		if best < 0 {
			best = i
		}
	}
	if best < 0 {
		return -1, fail(RuleNoServerCertificate, RoleNone, "")
	}
	return best, nil
}

// CheckCiPKIdToBeUsed is the eUICC's check in ES10b.AuthenticateServer: the
// euiccCiPKIdToBeUsed the SM-DP+ chose must be in the eUICC's signing list,
// else ciPKUnknown(7) (RSP-FACTS §3.2, §5.3).
func CheckCiPKIdToBeUsed(forSigning PKIDList, pkid []byte) error {
	if forSigning.Contains(pkid) {
		return nil
	}
	return fail(RuleCiPKIdUnknown, RoleNone, "")
}
