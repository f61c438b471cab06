package scp03t

import (
	"errors"
	"strconv"
)

// ErrorReason values of SGP.22 ProfileInstallationResult (RSP-FACTS §2.1.4)
// that a BSP failure maps to.
const (
	ReasonStructureError = 7 // scp03tStructureError: malformed segment, bad length, bad padding
	ReasonSecurityError  = 8 // scp03tSecurityError: C-MAC verification failed
)

// Error is an Unprotect failure. Reason is the SGP.22 errorReason the eUICC
// reports for it. Match with errors.Is(err, ErrSecurity) or
// errors.Is(err, ErrStructure), or errors.As to read Reason.
type Error struct {
	Reason int
	Detail string
}

func (e *Error) Error() string {
	name := "scp03tStructureError(7)"
	if e.Reason == ReasonSecurityError {
		name = "scp03tSecurityError(8)"
	} else if e.Reason != ReasonStructureError {
		name = "reason " + strconv.Itoa(e.Reason)
	}
	if e.Detail == "" {
		return "scp03t: " + name
	}
	return "scp03t: " + e.Detail + " (" + name + ")"
}

// Is reports whether target is the class sentinel (ErrSecurity or
// ErrStructure) with the same Reason.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Detail == "" && t.Reason == e.Reason
}

var (
	// ErrSecurity matches every C-MAC failure (→ scp03tSecurityError(8)).
	ErrSecurity = &Error{Reason: ReasonSecurityError}
	// ErrStructure matches every structural failure: unknown tag, bad
	// length field, segment too long or too short, encrypted data not a
	// non-empty multiple of 16 bytes, bad ISO 9797-1 method 2 padding
	// (→ scp03tStructureError(7)).
	ErrStructure = &Error{Reason: ReasonStructureError}

	errMAC       = &Error{ReasonSecurityError, "C-MAC mismatch"}
	errPadding   = &Error{ReasonStructureError, "bad ISO/IEC 9797-1 method 2 padding"}
	errTooLong   = &Error{ReasonStructureError, "segment longer than 1020 bytes"}
	errTooShort  = &Error{ReasonStructureError, "segment too short"}
	errSegTag    = &Error{ReasonStructureError, "segment tag is not 86, 87 or 88"}
	errLenField  = &Error{ReasonStructureError, "bad segment length field"}
	errLenDiffer = &Error{ReasonStructureError, "segment length field does not match the segment size"}
	errDataLen   = &Error{ReasonStructureError, "encrypted data is not a non-empty multiple of 16 bytes"}
)

// Errors from the protecting side (caller mistakes, not protocol errors).
var (
	ErrInvalidTag        = errors.New("scp03t: tag must be 86, 87 or 88")
	ErrPlaintextTooLong  = errors.New("scp03t: plaintext does not fit one segment (1007 bytes encrypted, 1008 MAC-only)")
	ErrSessionDestroyed  = errors.New("scp03t: session destroyed or not initialised")
	ErrSessionInUseTwice = errors.New("scp03t: the same session appears twice in one batch")
)
