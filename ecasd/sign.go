package ecasd

import (
	"crypto/sha256"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rsp"
)

// Purpose is what a signature of the signing service is for. Each purpose
// fixes the shape of the signed bytes (RSP-FACTS §3.2, §3.3).
type Purpose uint8

// The purposes. signed is always one whole DER TLV; tail is the data object
// the specification appends to it, or empty.
const (
	// PurposeEuiccSigned1: euiccSignature1 over euiccSigned1 (30 L …); no tail.
	PurposeEuiccSigned1 Purpose = iota + 1
	// PurposeEuiccSigned2: euiccSignature2 over euiccSigned2 (30 L …) ‖
	// the whole smdpSignature2 data object (5F37 40 r‖s) as tail.
	PurposeEuiccSigned2
	// PurposeProfileInstallationResult: euiccSignPIR over
	// ProfileInstallationResultData (BF27 L …); no tail.
	PurposeProfileInstallationResult
	// PurposeNotification: euiccNotificationSignature over
	// tbsOtherNotification, a NotificationMetadata (BF2F L …); no tail.
	PurposeNotification
	// PurposeCancelSession: euiccCancelSessionSignature over
	// EuiccCancelSessionSigned (30 L …); no tail.
	PurposeCancelSession
	// PurposeEuiccPackageResult: euiccSignEPR over
	// EuiccPackageResultDataSigned (30 L …) ‖ associationToken (84 L …,
	// SGP.32 v1.1+) or ‖ the eimSignature data object (5F37 40 …, v1.0.0).
	PurposeEuiccPackageResult
	// PurposeEuiccPackageError: euiccSignEPE over
	// EuiccPackageErrorDataSigned (30 L …) ‖ associationToken (84 L …).
	PurposeEuiccPackageError
)

var purposeNames = [...]string{"", "euiccSigned1", "euiccSigned2", "profileInstallationResultData",
	"notification", "euiccCancelSessionSigned", "euiccPackageResult", "euiccPackageError"}

func (p Purpose) String() string {
	if int(p) < len(purposeNames) && p != 0 {
		return purposeNames[p]
	}
	return "purpose?"
}

const tagAssociationToken asn1der.Tag = 0x84

// checkShape checks the outer shape of the bytes a purpose signs.
func checkShape(p Purpose, signed, tail []byte) error {
	var want asn1der.Tag
	switch p {
	case PurposeEuiccSigned1, PurposeEuiccSigned2, PurposeCancelSession, PurposeEuiccPackageResult, PurposeEuiccPackageError:
		want = asn1der.TagSequence
	case PurposeProfileInstallationResult:
		want = rsp.TagProfileInstallationResultData
	case PurposeNotification:
		want = rsp.TagNotificationMetadata
	default:
		return ErrPurpose
	}
	t, err := asn1der.Parse(signed)
	if err != nil || t.Tag != want {
		return ErrPurpose
	}
	switch p {
	case PurposeEuiccSigned2:
		if !isSignatureDO(tail) {
			return ErrPurpose
		}
	case PurposeEuiccPackageResult:
		if !isSignatureDO(tail) && !isAssociationToken(tail) {
			return ErrPurpose
		}
	case PurposeEuiccPackageError:
		if !isAssociationToken(tail) {
			return ErrPurpose
		}
	default:
		if len(tail) != 0 {
			return ErrPurpose
		}
	}
	return nil
}

// isSignatureDO: 5F37 40 ‹64 bytes›.
func isSignatureDO(b []byte) bool {
	t, err := asn1der.Parse(b)
	return err == nil && t.Tag == rsp.TagSignature && len(t.Value) == 64
}

// isAssociationToken: 84 L ‹INTEGER contents›.
func isAssociationToken(b []byte) bool {
	t, err := asn1der.Parse(b)
	if err != nil || t.Tag != tagAssociationToken {
		return false
	}
	_, err = asn1der.Int64(t)
	return err == nil
}

// Sign signs, for purpose p, the SHA-256 digest of signed ‖ tail with the
// SK.EUICC of the first key set and returns the raw r‖s signature (the 5F37
// value). See [Purpose] for what signed and tail must be; anything else is
// ErrPurpose and nothing is signed. Nonces are hedged (crypto/rand); it
// allocates nothing.
func (e *ECASD) Sign(p Purpose, signed, tail []byte) ([64]byte, error) {
	return e.SignWith(nil, p, signed, tail)
}

// SignWith is Sign with the key set issued under the CI of PKID ciPKID (the
// euiccCiPKIdToBeUsed of the session); nil means the first key set.
func (e *ECASD) SignWith(ciPKID []byte, p Purpose, signed, tail []byte) ([64]byte, error) {
	if err := checkShape(p, signed, tail); err != nil {
		return [64]byte{}, err
	}
	h := sha256.New()
	h.Write(signed)
	h.Write(tail)
	var d [32]byte
	h.Sum(d[:0])
	e.mu.RLock()
	defer e.mu.RUnlock()
	ks, err := e.keySet(ciPKID)
	if err != nil {
		return [64]byte{}, err
	}
	return ecdsa.Sign(e.rand, ks.sk, d[:])
}
