package rspcert

import (
	"crypto/sha256"

	"github.com/rspengine/rspengine/ecdsa"
)

// newPublicKey validates a certificate's point on its curve.
func newPublicKey(c *Certificate) (*ecdsa.PublicKey, error) {
	if c.PublicKey.Curve == CurveUnknown {
		return nil, ecdsa.ErrUnsupportedCurve
	}
	return ecdsa.NewPublicKey(ecdsa.Curve(c.PublicKey.Curve), c.PublicKey.Point)
}

// sigKey verifies certificate signatures with a precomputed *ecdsa.Verifier
// when there is one, else with the plain key. (A struct rather than an
// interface, so that the digest does not escape to the heap.)
type sigKey struct {
	pk *ecdsa.PublicKey
	v  *ecdsa.Verifier
}

func plainKey(pk *ecdsa.PublicKey) sigKey { return sigKey{pk: pk} }
func hotKey(v *ecdsa.Verifier) sigKey     { return sigKey{v: v} }

// checkSignature verifies c's signature (DER ECDSA-Sig-Value over SHA-256 of
// the TBS span, RSP-FACTS §3.1) under the issuer's key.
func checkSignature(c *Certificate, key sigKey) bool {
	d := sha256.Sum256(c.RawTBSCertificate)
	if key.v != nil {
		return key.v.VerifyASN1(d[:], c.Signature)
	}
	return key.pk != nil && ecdsa.VerifyASN1(key.pk, d[:], c.Signature)
}
