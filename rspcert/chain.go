package rspcert

import (
	"time"

	"github.com/rspengine/rspengine/ecdsa"
)

// Options configure a chain check. A nil *Options means the defaults.
type Options struct {
	// Now is the clock validity periods are checked against; the zero time
	// means time.Now().
	Now time.Time
	// CiPKID, when set, is the CI the chain must be issued under: the
	// euiccCiPKIdToBeUsed the SM-DP+ chose. A CERT.EUM of another known CI
	// then fails with RuleCINotSelected (8.11.1/3.9, RSP-FACTS §5.3).
	CiPKID []byte
	// Cache, when set, remembers verified CERT.EUMs (see [Cache]).
	Cache *Cache
	// SkipEIDCheckDigits turns off the EID check-digit rule ([MEM]: an EID's
	// 32 digits, read as a number, are 1 mod 97, ISO/IEC 7064 MOD 97-10).
	SkipEIDCheckDigits bool
}

func (o *Options) now() time.Time {
	if o == nil || o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}

// EUICCChain is the result of [CIStore.VerifyEUICCChain].
type EUICCChain struct {
	CI    *TrustAnchor
	EUM   Certificate // when EUMFromCache, a view over the cache's copy of the certificate
	EUICC Certificate // a view over the caller's bytes
	// EID is CERT.EUICC's subject serialNumber (32 decimal digits).
	EID          []byte
	EUMFromCache bool
}

// VerifyEUICCChain checks CI → CERT.EUM → CERT.EUICC as an SM-DP+ does in
// ES9+.AuthenticateClient (RSP-FACTS §3.2, §5.1, §5.3): the EUM's AKI names a
// CI of the store (and the selected one, if opts.CiPKID is set), each
// certificate's role OID, keyUsage, basicConstraints, validity at the clock,
// AKI = issuer SKI, issuer name = issuer's subject, the curve of the CI, the
// signature under the issuer's key, and the EID (subject serialNumber of
// CERT.EUICC) inside the EUM's permitted prefixes. The eUICC's public key is
// checked for its curve, not validated as a point: validate it where it is
// used (ecdsa.NewPublicKey) before checking euiccSignature1.
//
// With opts.Cache, a CERT.EUM verified before costs no parse and no signature
// check, and the whole call allocates nothing. Failures are *Error.
func (s *CIStore) VerifyEUICCChain(ch *EUICCChain, eumDER, euiccDER []byte, opts *Options) error {
	now := opts.now()
	var cache *Cache
	if opts != nil {
		cache = opts.Cache
	}
	ch.EUMFromCache = false
	var eumKey sigKey
	var e *cacheEntry
	if cache != nil {
		e = cache.lookup(eumDER, now)
		if e != nil && s.Lookup(e.ci.PKID) != e.ci {
			e = nil // verified under an anchor this store does not hold
		}
	}
	if e != nil {
		ch.CI = e.ci
		ch.EUM = e.cert
		ch.EUMFromCache = true
		if opts != nil && opts.CiPKID != nil && string(opts.CiPKID) != string(e.ci.PKID) {
			return fail(RuleCINotSelected, RoleEUM, "")
		}
		if err := checkAnchorTime(e.ci, now); err != nil {
			return err
		}
		eumKey = cache.key(e)
	} else {
		ci, pk, err := s.verifyEUM(&ch.EUM, eumDER, opts, now)
		if err != nil {
			return err
		}
		ch.CI = ci
		eumKey = plainKey(pk)
		if cache != nil {
			cache.insert(eumDER, ci, &ch.EUM, pk, now)
		}
	}
	if err := Parse(&ch.EUICC, euiccDER); err != nil {
		return atPosition(err, RoleEUICC)
	}
	if err := checkIssued(&ch.EUICC, &ch.EUM, eumKey, ch.CI.Curve(), RoleEUICC, now); err != nil {
		return err
	}
	ch.EID = ch.EUICC.Subject.SerialNumber
	skipCD := opts != nil && opts.SkipEIDCheckDigits
	return CheckEID(&ch.EUM, &ch.EUICC, skipCD)
}

// VerifyEUM checks CI → CERT.EUM alone (the first half of
// VerifyEUICCChain, without the cache) and fills eum with its view.
func (s *CIStore) VerifyEUM(eum *Certificate, der []byte, opts *Options) (*TrustAnchor, error) {
	ci, _, err := s.verifyEUM(eum, der, opts, opts.now())
	return ci, err
}

func (s *CIStore) verifyEUM(eum *Certificate, der []byte, opts *Options, now time.Time) (*TrustAnchor, *ecdsa.PublicKey, error) {
	if err := Parse(eum, der); err != nil {
		return nil, nil, atPosition(err, RoleEUM)
	}
	ci, err := s.issuerOf(eum, RoleEUM, opts)
	if err != nil {
		return nil, nil, err
	}
	if err := checkAnchorTime(ci, now); err != nil {
		return nil, nil, err
	}
	if err := checkIssued(eum, &ci.Cert, ci.key(), ci.Curve(), RoleEUM, now); err != nil {
		return nil, nil, err
	}
	pk, err := newPublicKey(eum)
	if err != nil {
		return nil, nil, fail(RuleCurve, RoleEUM, "invalid public key point")
	}
	return ci, pk, nil
}

// ServerChain is the result of [CIStore.VerifyServerCertificate].
type ServerChain struct {
	CI   *TrustAnchor
	Cert Certificate
	// SMDPOID is the SM-DP+ (or SM-DS) OID: the registeredID of the
	// certificate's subjectAltName.
	SMDPOID []byte
}

// VerifyServerCertificate checks CI → CERT.DPauth / CERT.DPpb / CERT.DSauth
// (role RoleDPauth, RoleDPpb or RoleDSauth) as an eUICC does in
// ES10b.AuthenticateServer and PrepareDownload (RSP-FACTS §3.2): the
// certificate's AKI names a CI of the store (the eUICC's
// euiccCiPKIdListForVerification), role OID, keyUsage digitalSignature, not a
// CA, validity at the clock, the CI's curve, the signature, and an SM-DP+ OID
// in subjectAltName. Failures are *Error whose ES10 field is the
// AuthenticateErrorCode to return.
func (s *CIStore) VerifyServerCertificate(sc *ServerChain, der []byte, role Role, opts *Options) error {
	now := opts.now()
	if err := Parse(&sc.Cert, der); err != nil {
		return atPosition(err, role)
	}
	ci, err := s.issuerOf(&sc.Cert, role, opts)
	if err != nil {
		return err
	}
	sc.CI = ci
	if err := checkAnchorTime(ci, now); err != nil {
		return err
	}
	if err := checkIssued(&sc.Cert, &ci.Cert, ci.key(), ci.Curve(), role, now); err != nil {
		return err
	}
	sc.SMDPOID = sc.Cert.Extensions.RegisteredID
	if sc.SMDPOID == nil {
		return fail(RuleSMDPOID, role, "")
	}
	return nil
}

// SameSMDP checks that CERT.DPpb names the SM-DP+ of CERT.DPauth (the same
// registeredID): the eUICC's PrepareDownload check, invalidCertificate(1) on
// failure ([MEM], RSP-FACTS §3.2).
func SameSMDP(dpAuth, dpPb *Certificate) error {
	a, b := dpAuth.Extensions.RegisteredID, dpPb.Extensions.RegisteredID
	if a == nil || string(a) != string(b) {
		return fail(RuleSMDPMismatch, RoleDPpb, "")
	}
	return nil
}

// CheckSMDPOID checks an SM-DP+ OID found in a message (the smdpOid of
// euiccCancelSessionSigned, for one) against the registeredID of the SM-DP+'s
// CERT.DPauth: 8.8/3.10 on mismatch (RSP-FACTS §3.2).
func CheckSMDPOID(dpAuth *Certificate, oid []byte) error {
	if dpAuth.Extensions.RegisteredID == nil || string(dpAuth.Extensions.RegisteredID) != string(oid) {
		return fail(RuleSMDPOIDMismatch, RoleDPauth, "")
	}
	return nil
}

func (a *TrustAnchor) key() sigKey { return hotKey(a.verifier) }

// issuerOf finds the CI that issued c through c's AKI.
func (s *CIStore) issuerOf(c *Certificate, role Role, opts *Options) (*TrustAnchor, error) {
	aki := c.Extensions.AuthorityKeyID
	if aki == nil {
		return nil, fail(RuleAuthorityKeyID, role, "no authorityKeyIdentifier")
	}
	ci := s.Lookup(aki)
	if ci == nil {
		return nil, fail(RuleUnknownCI, role, "")
	}
	if opts != nil && opts.CiPKID != nil && string(opts.CiPKID) != string(ci.PKID) {
		return nil, fail(RuleCINotSelected, role, "")
	}
	return ci, nil
}

func checkAnchorTime(ci *TrustAnchor, now time.Time) error {
	if now.Before(ci.Cert.NotBefore) {
		return fail(RuleNotYetValid, RoleCI, "")
	}
	if now.After(ci.Cert.NotAfter) {
		return fail(RuleExpired, RoleCI, "")
	}
	return nil
}

// atPosition fills in the position and codes of a parse error.
func atPosition(err error, role Role) error {
	e, ok := err.(*Error)
	if !ok {
		return err
	}
	e.Cert = role
	e.Status, e.ES10 = codes(e.Rule, role)
	return e
}

// checkIssued applies the profile rules of position role to c, issued by
// issuer (whose key is key) in a chain of the given curve.
func checkIssued(c, issuer *Certificate, key sigKey, curve Curve, role Role, now time.Time) error {
	x := &c.Extensions
	switch {
	case c.Version != 3:
		return fail(RuleVersion, role, "")
	case string(c.SignatureAlgorithm) != oidSigECDSAWithSHA256 || c.SignatureAlgorithmParams != nil:
		return fail(RuleSignatureAlgorithm, role, "")
	case x.AuthorityKeyID == nil:
		return fail(RuleAuthorityKeyID, role, "no authorityKeyIdentifier")
	case string(x.AuthorityKeyID) != string(issuer.Extensions.SubjectKeyID):
		return fail(RuleAuthorityKeyID, role, "authorityKeyIdentifier is not the issuer's subjectKeyIdentifier")
	case string(c.Issuer.Raw) != string(issuer.Subject.Raw):
		return fail(RuleIssuerName, role, "")
	case now.Before(c.NotBefore):
		return fail(RuleNotYetValid, role, "")
	case now.After(c.NotAfter):
		return fail(RuleExpired, role, "")
	case x.Role != role:
		return fail(RuleRole, role, "certificatePolicies names role "+x.Role.String())
	case !x.Has(ExtKeyUsage) || !x.IsCritical(ExtKeyUsage):
		return fail(RuleKeyUsage, role, "keyUsage missing or not critical")
	}
	if role == RoleEUM {
		switch {
		case x.KeyUsage&KeyUsageKeyCertSign == 0:
			return fail(RuleKeyUsage, role, "CERT.EUM: keyCertSign required")
		case !x.Has(ExtBasicConstraints) || !x.IsCritical(ExtBasicConstraints) || !x.IsCA:
			return fail(RuleBasicConstraints, role, "CERT.EUM: critical cA TRUE required")
		case !x.RoleV3 && x.MaxPathLen != 0:
			return fail(RuleBasicConstraints, role, "CERT.EUM (Variant O): pathLenConstraint 0 required")
		case issuer.Extensions.MaxPathLen == 0:
			return fail(RuleBasicConstraints, role, "the CI's pathLenConstraint 0 forbids an intermediate")
		case len(x.SubjectKeyID) == 0:
			return fail(RuleSubjectKeyID, role, "")
		}
	} else {
		switch {
		case x.KeyUsage != KeyUsageDigitalSignature:
			return fail(RuleKeyUsage, role, "digitalSignature only")
		case x.IsCA:
			return fail(RuleBasicConstraints, role, "an end-entity certificate must not be a CA")
		}
	}
	if string(c.PublicKey.Algorithm) != oidECPublicKey || c.PublicKey.Curve == CurveUnknown {
		return fail(RuleCurve, role, "")
	}
	if c.PublicKey.Curve != curve {
		return fail(RuleCurve, role, "key not on the CI's curve")
	}
	if !checkSignature(c, key) {
		return fail(RuleSignature, role, "")
	}
	return nil
}

// CheckEID checks CERT.EUICC's EID against CERT.EUM (RSP-FACTS §5.1): the
// subject serialNumber is 32 decimal digits; it starts with a prefix the EUM
// permits — every permittedEins entry (2.23.146.1.2.2.0) when that extension
// is present, and a directoryName permitted subtree's serialNumber (whose
// organisation, when given, must be the eUICC's, [MEM]) when nameConstraints
// has such subtrees; no excluded directoryName subtree's serialNumber
// prefixes it; an EUM with neither extension permits no EID. Then, unless
// skipCheckDigits, the EID's check digits hold ([MEM] ISO/IEC 7064 MOD 97-10).
func CheckEID(eum, euicc *Certificate, skipCheckDigits bool) error {
	eid := euicc.Subject.SerialNumber
	if len(eid) != 32 || !digits(eid) {
		return fail(RuleEIDFormat, RoleEUICC, "serialNumber is not 32 digits")
	}
	if !eidPermitted(&eum.Extensions, euicc.Subject.Organization, eid) {
		return fail(RuleEIDNotPermitted, RoleEUICC, "")
	}
	if !skipCheckDigits && mod97(eid) != 1 {
		return fail(RuleEIDFormat, RoleEUICC, "check digits (ISO/IEC 7064 MOD 97-10)")
	}
	return nil
}

func eidPermitted(x *Extensions, org, eid []byte) bool {
	constrained := false
	if x.Has(ExtPermittedEins) {
		constrained = true
		ok := false
		for it := NewStrings(x.PermittedEins); ; {
			p, more := it.Next()
			if !more {
				break
			}
			if len(p) > 0 && len(p) <= len(eid) && string(eid[:len(p)]) == string(p) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	var dn Name
	if x.PermittedSubtrees != nil {
		seen, ok := false, false
		for it := NewSubtrees(x.PermittedSubtrees); ; {
			g, more := it.Next()
			if !more {
				break
			}
			if g.Tag != TagDirectoryName || DirectoryName(&dn, g) != nil || dn.SerialNumber == nil {
				continue
			}
			seen = true
			p := dn.SerialNumber
			if len(p) > 0 && len(p) <= len(eid) && string(eid[:len(p)]) == string(p) &&
				(dn.Organization == nil || string(dn.Organization) == string(org)) {
				ok = true
				break
			}
		}
		if seen {
			constrained = true
			if !ok {
				return false
			}
		}
	}
	if x.ExcludedSubtrees != nil {
		for it := NewSubtrees(x.ExcludedSubtrees); ; {
			g, more := it.Next()
			if !more {
				break
			}
			if g.Tag != TagDirectoryName || DirectoryName(&dn, g) != nil || dn.SerialNumber == nil {
				continue
			}
			p := dn.SerialNumber
			if len(p) <= len(eid) && string(eid[:len(p)]) == string(p) {
				return false
			}
		}
	}
	return constrained
}

func digits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// mod97 returns the decimal number b (digits only) modulo 97.
func mod97(b []byte) int {
	r := 0
	for _, c := range b {
		r = (r*10 + int(c-'0')) % 97
	}
	return r
}
