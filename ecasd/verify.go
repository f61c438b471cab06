package ecasd

import (
	"crypto/sha256"
	"time"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rspcert"
)

// ServerCertificate is a verified CERT.DPauth / CERT.DPpb / CERT.DSauth.
type ServerCertificate struct {
	// Chain is rspcert's view: the issuing CI, the certificate (a view over
	// the caller's bytes) and the SM-DP+ OID.
	Chain rspcert.ServerChain
	// PublicKey is the certificate's validated public key.
	PublicKey *ecdsa.PublicKey
}

// VerifyServerCertificate checks a server certificate as the eUICC does in
// ES10b.AuthenticateServer (CERT.DPauth, role rspcert.RoleDPauth or
// RoleDSauth) and PrepareDownload (CERT.DPpb, RoleDPpb): it must chain to a
// CI of the verification list, with rspcert's rules (role OID, keyUsage,
// not a CA, validity at now — zero means time.Now —, the CI's curve, the
// signature, an SM-DP+ OID). When ciPKID (euiccCiPKIdToBeUsed) is not nil it
// must be in the signing list first. Failures are *rspcert.Error whose ES10
// field is the code to return: invalidCertificate(1), unsupportedCurve(3),
// invalidOid(5), ciPKUnknown(7). The returned view refers to cert.
func (e *ECASD) VerifyServerCertificate(cert []byte, role rspcert.Role, ciPKID []byte, now time.Time) (ServerCertificate, error) {
	var sc ServerCertificate
	e.mu.RLock()
	store := e.verify
	err := e.usable()
	if err == nil && ciPKID != nil {
		_, err = e.keySet(ciPKID)
	}
	e.mu.RUnlock()
	if err != nil {
		return sc, err
	}
	if err := store.VerifyServerCertificate(&sc.Chain, cert, role, &rspcert.Options{Now: now}); err != nil {
		return ServerCertificate{}, err
	}
	pub, err := ecdsa.NewPublicKey(ecdsa.Curve(sc.Chain.Cert.PublicKey.Curve), sc.Chain.Cert.PublicKey.Point)
	if err != nil {
		return ServerCertificate{}, &rspcert.Error{Rule: rspcert.RuleCurve, Cert: role, Status: rspcert.StatusNoServerCertificate,
			ES10: rspcert.ES10InvalidCertificate, Detail: "public key is not a valid point", Err: err}
	}
	sc.PublicKey = pub
	return sc, nil
}

// VerifyServerSignature checks a server's raw r‖s signature sig over
// signed ‖ tail (serverSignature1 over serverSigned1 with an empty tail;
// smdpSignature2 over smdpSigned2 ‖ the euiccSignature1 data object,
// RSP-FACTS §3.2) with pub. A bad signature is rspcert.ES10InvalidSignature,
// invalidSignature(2). It is variable time (public data) and allocates
// nothing.
func VerifyServerSignature(pub *ecdsa.PublicKey, sig, signed, tail []byte) error {
	h := sha256.New()
	h.Write(signed)
	h.Write(tail)
	var d [32]byte
	h.Sum(d[:0])
	if pub == nil || !ecdsa.Verify(pub, d[:], sig) {
		return rspcert.ES10InvalidSignature
	}
	return nil
}

// VerifyServerSignature is the package function VerifyServerSignature, as a
// method for callers that hold an ECASD.
func (e *ECASD) VerifyServerSignature(pub *ecdsa.PublicKey, sig, signed, tail []byte) error {
	return VerifyServerSignature(pub, sig, signed, tail)
}
