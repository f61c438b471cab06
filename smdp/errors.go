package smdp

import (
	"errors"

	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/rspcert"
)

// StatusError is the failure of an ES9+ function: the SGP.22 status code
// pair (Subject and Reason, as the JSON binding's statusCodeData carries
// them, e.g. "8.1.3" / "6.1"), a human-readable Message and, when the ASN.1
// binding defines an error alternative for it, the error code that was
// appended to the caller's buffer (Code, an rsp code type such as
// rsp.AuthenticateClientErrorCode; nil when no error form was appended).
//
// errors.Is matches a *StatusError target with the same Subject and Reason,
// an rsp.StatusCode or rspcert.StatusCode with the same pair, the Code, and
// the cause (Err).
type StatusError struct {
	Subject string
	Reason  string
	Message string
	Code    rsp.Code // ES9+ error code put into the response, or nil
	Err     error    // the cause (an *rspcert.Error, an *rsp.ParseError, ...), or nil
}

func (e *StatusError) Error() string {
	s := "smdp: " + e.Subject + "/" + e.Reason + " " + e.Message
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Is matches the status pair (against *StatusError, rsp.StatusCode and
// rspcert.StatusCode targets).
func (e *StatusError) Is(target error) bool {
	switch t := target.(type) {
	case *StatusError:
		return t.Subject == e.Subject && t.Reason == e.Reason
	case rsp.StatusCode:
		return t.Subject == e.Subject && t.Reason == e.Reason
	case rspcert.StatusCode:
		return t.Subject == e.Subject && t.Reason == e.Reason
	}
	return false
}

// Unwrap returns the ES9+ code and the cause.
func (e *StatusError) Unwrap() []error {
	var out []error
	if e.Code != nil {
		out = append(out, e.Code)
	}
	if e.Err != nil {
		out = append(out, e.Err)
	}
	return out
}

// Status returns the pair as an rsp.StatusCode.
func (e *StatusError) Status() rsp.StatusCode {
	return rsp.StatusCode{Subject: e.Subject, Reason: e.Reason}
}

// The status codes this package reports. Those of RSP-FACTS §3.2 and §5.3
// are [IMPL] facts; the others ([MEM]) come from memory of the SGP.22 prose
// and were not re-verified against the specification text.
var (
	StatusEuiccVerificationFailed = rsp.StatusEuiccVerificationFailed // 8.1/6.1: euiccSignature1/2, serverChallenge, address echo
	StatusEuiccCertificateInvalid = rsp.StatusEuiccCertificateInvalid // 8.1.3/6.1
	StatusEuiccCertificateExpired = rsp.StatusEuiccCertificateExpired // 8.1.3/6.3 [MEM]
	StatusEumCertificateInvalid   = rsp.StatusEumCertificateInvalid   // 8.1.2/6.1 [MEM]
	StatusEumCertificateExpired   = rsp.StatusEumCertificateExpired   // 8.1.2/6.3 [MEM]
	StatusEIDNotPermitted         = rsp.StatusEuiccEIDNotPermitted    // 8.1.4/6.1
	StatusInvalidSmdpAddress      = rsp.StatusInvalidSmdpAddress      // 8.8.1/3.8
	StatusPKIDNotSupported        = rsp.StatusPKIDNotSupported        // 8.8.2/3.1
	StatusSvnNotSupported         = rsp.StatusSvnNotSupported         // 8.8.3/3.1 [MEM]
	StatusNoDPauthForCI           = rsp.StatusNoDPauthForCI           // 8.8.4/3.7
	StatusSmdpOIDMismatch         = rsp.StatusSmdpOIDMismatch         // 8.8/3.10
	StatusTransactionIDUnknown    = rsp.StatusTransactionIDUnknown    // 8.10.1/3.9
	StatusCIPKUnknown             = rsp.StatusCIPKUnknown             // 8.11.1/3.9
	StatusMatchingIDRefused       = rsp.StatusMatchingIDRefused       // 8.2.6/3.8 [MEM]
	StatusConfirmationCodeMissing = rsp.StatusConfirmationCodeMissing // 8.2.7/2.2 [MEM]
	StatusConfirmationCodeRefused = rsp.StatusConfirmationCodeRefused // 8.2.7/3.8 [MEM]
	StatusConfirmationCodeRetries = rsp.StatusConfirmationCodeRetries // 8.2.7/6.4 [MEM]
	StatusProfileNotAvailable     = rsp.StatusProfileNotAvailable     // 8.2.1/3.9 [MEM]: no profile for this EID

	// StatusEIDMismatch: the profile is reserved for another EID (8.1.1/3.8, [MEM]).
	StatusEIDMismatch = rsp.StatusCode{Subject: "8.1.1", Reason: "3.8"}
	// StatusMalformed: a request that does not decode, or a member with an
	// impossible value (1.2/2.1 "invalid", [MEM]: the exact pair SGP.22 uses
	// for a syntactically invalid ES9+ request was not re-verified).
	StatusMalformed = rsp.StatusCode{Subject: "1.2", Reason: "2.1"}
	// StatusEuiccError: the eUICC answered with its error alternative
	// (AuthenticateServerResponse / PrepareDownloadResponse /
	// CancelSessionResponse error) where a signed success was required
	// (8.1/4.8, [MEM]).
	StatusEuiccError = rsp.StatusCode{Subject: "8.1", Reason: "4.8"}
	// StatusCapacityExceeded: the session store is full (8.8/4.3, [MEM]).
	StatusCapacityExceeded = rsp.StatusCode{Subject: "8.8", Reason: "4.3"}
)

func statusErr(s rsp.StatusCode, code rsp.Code, msg string, cause error) *StatusError {
	return &StatusError{Subject: s.Subject, Reason: s.Reason, Message: msg, Code: code, Err: cause}
}

// Sentinel errors of the session store.
var (
	ErrSessionNotFound = errors.New("smdp: session not found or expired")
	ErrSessionExists   = errors.New("smdp: session already exists")
	ErrSessionState    = errors.New("smdp: session is not in the expected state")
	ErrStoreFull       = errors.New("smdp: session store full")
)
