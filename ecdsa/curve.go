package ecdsa

import (
	"bytes"
	"errors"

	"github.com/rspengine/rspengine/internal/ec"
)

// Curve names one of the two curves of SGP.22 (RSP-FACTS §3.1).
type Curve = ec.CurveID

// The curves: NIST P-256 (prime256v1) and brainpoolP256r1 (RFC 5639).
const (
	P256            = ec.P256
	BrainpoolP256r1 = ec.BP256
)

// OID contents octets (no tag, no length).
var (
	oidP256        = []byte{0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07}       // 1.2.840.10045.3.1.7 prime256v1
	oidBP256       = []byte{0x2B, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x07} // 1.3.36.3.3.2.8.1.1.7 brainpoolP256r1
	oidECPublicKey = []byte{0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01}             // 1.2.840.10045.2.1 id-ecPublicKey
	oidECDSASHA256 = []byte{0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02}       // 1.2.840.10045.4.3.2 ecdsa-with-SHA256
)

// CurveFromOID maps the contents octets of a named-curve OBJECT IDENTIFIER
// (prime256v1 1.2.840.10045.3.1.7, brainpoolP256r1 1.3.36.3.3.2.8.1.1.7) to
// its curve.
func CurveFromOID(oid []byte) (Curve, bool) {
	switch {
	case bytes.Equal(oid, oidP256):
		return P256, true
	case bytes.Equal(oid, oidBP256):
		return BrainpoolP256r1, true
	}
	return 0, false
}

// OIDOf returns the contents octets of the curve's named-curve OID (a fresh
// copy), or nil for an unknown curve.
func OIDOf(c Curve) []byte {
	switch c {
	case P256:
		return bytes.Clone(oidP256)
	case BrainpoolP256r1:
		return bytes.Clone(oidBP256)
	}
	return nil
}

// IsECPublicKeyOID reports whether oid (contents octets) is id-ecPublicKey
// (1.2.840.10045.2.1), the SubjectPublicKeyInfo algorithm of RSP keys.
func IsECPublicKeyOID(oid []byte) bool { return bytes.Equal(oid, oidECPublicKey) }

// IsECDSAWithSHA256OID reports whether oid (contents octets) is
// ecdsa-with-SHA256 (1.2.840.10045.4.3.2), the signature algorithm of RSP
// certificates.
func IsECDSAWithSHA256OID(oid []byte) bool { return bytes.Equal(oid, oidECDSASHA256) }

// Errors. Callers match them with errors.Is. ErrUnsupportedCurve corresponds
// to the SGP.22 ES10b result unsupportedCurve(3) (RSP-FACTS §3.2).
var (
	ErrUnsupportedCurve = errors.New("ecdsa: unsupported curve (SGP.22 unsupportedCurve(3))")
	ErrInvalidPublicKey = errors.New("ecdsa: invalid public key")
	ErrInvalidKey       = errors.New("ecdsa: invalid private key")
	ErrKeyEncoding      = errors.New("ecdsa: malformed key encoding")
	ErrDestroyed        = errors.New("ecdsa: private key was destroyed")
	ErrSign             = errors.New("ecdsa: signing failed")
)

func validCurve(c Curve) bool { return c == P256 || c == BrainpoolP256r1 }
