package rsp

import (
	"errors"
	"strconv"

	"github.com/rspengine/rspengine/asn1der"
)

// ParseError reports a message that could not be decoded. Message names the
// ASN.1 type ("AuthenticateServerResponse"); Err is the cause, normally an
// [*asn1der.Error] carrying the offset and the broken rule.
type ParseError struct {
	Message string
	Err     error
}

func (e *ParseError) Error() string { return "rsp: " + e.Message + ": " + e.Err.Error() }

// Unwrap returns the cause, so errors.As(err, new(*asn1der.Error)) works.
func (e *ParseError) Unwrap() error { return e.Err }

// parseErr wraps err (normally an *asn1der.Error) as a *ParseError for msg.
func parseErr(msg string, err error) error {
	if err == nil {
		return nil
	}
	var pe *ParseError
	if errors.As(err, &pe) {
		return &ParseError{Message: msg, Err: pe.Err}
	}
	return &ParseError{Message: msg, Err: err}
}

// badValueErr is a semantic error in one element (a wrong size, a value out
// of range), reported as an asn1der RuleBadValue at the element's offset.
func badValueErr(t asn1der.TLV, detail string) error {
	return &asn1der.Error{Offset: t.Offset, Rule: asn1der.RuleBadValue, Tag: t.Tag, Detail: detail}
}

// Code is implemented by every result-code type of this package: each is an
// integer as carried on the wire that is also an error, so an error returned
// by an eUICC or SM-DP+ implementation can be matched with
// errors.Is(err, rsp.DownloadErrorInvalidSignature).
type Code interface {
	error
	// Value returns the INTEGER value carried on the wire.
	Value() int64
}

// ResultError is an error from a step of an RSP function, carrying the
// specification's code. Op names the function or message ("PrepareDownload",
// "AuthenticateClient"); Code is one of this package's code types or a
// [StatusCode]; Err, if not nil, is the underlying cause. errors.Is matches
// both Code and Err.
type ResultError struct {
	Op   string
	Code error
	Err  error
}

func (e *ResultError) Error() string {
	s := "rsp: " + e.Op + ": " + e.Code.Error()
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the code and the cause.
func (e *ResultError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Code}
	}
	return []error{e.Code, e.Err}
}

// codeName returns names[v] or "name(v)" for unknown values.
func codeName(kind string, names map[int64]string, v int64) string {
	if s, ok := names[v]; ok {
		return s
	}
	return kind + "(" + strconv.FormatInt(v, 10) + ")"
}

// AuthenticateErrorCode is AuthenticateResponseError.authenticateErrorCode
// (ES10b.AuthenticateServer, RSP-FACTS §2.1.2).
type AuthenticateErrorCode int64

// AuthenticateErrorCode values.
const (
	AuthenticateErrorInvalidCertificate     AuthenticateErrorCode = 1
	AuthenticateErrorInvalidSignature       AuthenticateErrorCode = 2
	AuthenticateErrorUnsupportedCurve       AuthenticateErrorCode = 3
	AuthenticateErrorNoSessionContext       AuthenticateErrorCode = 4
	AuthenticateErrorInvalidOid             AuthenticateErrorCode = 5
	AuthenticateErrorEuiccChallengeMismatch AuthenticateErrorCode = 6
	AuthenticateErrorCiPKUnknown            AuthenticateErrorCode = 7
	AuthenticateErrorUndefinedError         AuthenticateErrorCode = 127
)

var authenticateErrorNames = map[int64]string{
	1: "invalidCertificate", 2: "invalidSignature", 3: "unsupportedCurve", 4: "noSessionContext",
	5: "invalidOid", 6: "euiccChallengeMismatch", 7: "ciPKUnknown", 127: "undefinedError",
}

func (c AuthenticateErrorCode) String() string {
	return codeName("authenticateErrorCode", authenticateErrorNames, int64(c))
}
func (c AuthenticateErrorCode) Error() string { return "AuthenticateServer: " + c.String() }

// Value returns the wire value.
func (c AuthenticateErrorCode) Value() int64 { return int64(c) }

// InitiateAuthenticationErrorCode is InitiateAuthenticationResponse's
// initiateAuthenticationError (ES9+, RSP-FACTS §2.1.2).
type InitiateAuthenticationErrorCode int64

// InitiateAuthenticationErrorCode values.
const (
	InitiateAuthenticationErrorInvalidDpAddress             InitiateAuthenticationErrorCode = 1
	InitiateAuthenticationErrorEuiccVersionNotSupportedByDp InitiateAuthenticationErrorCode = 2
	InitiateAuthenticationErrorCiPKNotSupported             InitiateAuthenticationErrorCode = 3
)

var initiateAuthenticationErrorNames = map[int64]string{
	1: "invalidDpAddress", 2: "euiccVersionNotSupportedByDp", 3: "ciPKNotSupported",
}

func (c InitiateAuthenticationErrorCode) String() string {
	return codeName("initiateAuthenticationError", initiateAuthenticationErrorNames, int64(c))
}
func (c InitiateAuthenticationErrorCode) Error() string {
	return "InitiateAuthentication: " + c.String()
}

// Value returns the wire value.
func (c InitiateAuthenticationErrorCode) Value() int64 { return int64(c) }

// AuthenticateClientErrorCode is AuthenticateClientResponseEs9's
// authenticateClientError (ES9+, RSP-FACTS §2.1.2).
type AuthenticateClientErrorCode int64

// AuthenticateClientErrorCode values.
const (
	AuthenticateClientErrorEumCertificateInvalid   AuthenticateClientErrorCode = 1
	AuthenticateClientErrorEumCertificateExpired   AuthenticateClientErrorCode = 2
	AuthenticateClientErrorEuiccCertificateInvalid AuthenticateClientErrorCode = 3
	AuthenticateClientErrorEuiccCertificateExpired AuthenticateClientErrorCode = 4
	AuthenticateClientErrorEuiccSignatureInvalid   AuthenticateClientErrorCode = 5
	AuthenticateClientErrorMatchingIdRefused       AuthenticateClientErrorCode = 6
	AuthenticateClientErrorEidMismatch             AuthenticateClientErrorCode = 7
	AuthenticateClientErrorNoEligibleProfile       AuthenticateClientErrorCode = 8
	AuthenticateClientErrorCiPKUnknown             AuthenticateClientErrorCode = 9
	AuthenticateClientErrorInvalidTransactionId    AuthenticateClientErrorCode = 10
	AuthenticateClientErrorInsufficientMemory      AuthenticateClientErrorCode = 11
	AuthenticateClientErrorUndefinedError          AuthenticateClientErrorCode = 127
)

var authenticateClientErrorNames = map[int64]string{
	1: "eumCertificateInvalid", 2: "eumCertificateExpired", 3: "euiccCertificateInvalid",
	4: "euiccCertificateExpired", 5: "euiccSignatureInvalid", 6: "matchingIdRefused", 7: "eidMismatch",
	8: "noEligibleProfile", 9: "ciPKUnknown", 10: "invalidTransactionId", 11: "insufficientMemory",
	127: "undefinedError",
}

func (c AuthenticateClientErrorCode) String() string {
	return codeName("authenticateClientError", authenticateClientErrorNames, int64(c))
}
func (c AuthenticateClientErrorCode) Error() string { return "AuthenticateClient: " + c.String() }

// Value returns the wire value.
func (c AuthenticateClientErrorCode) Value() int64 { return int64(c) }

// DownloadErrorCode is PrepareDownloadResponseError.downloadErrorCode
// (ES10b.PrepareDownload, RSP-FACTS §2.1.3).
type DownloadErrorCode int64

// DownloadErrorCode values.
const (
	DownloadErrorInvalidCertificate   DownloadErrorCode = 1
	DownloadErrorInvalidSignature     DownloadErrorCode = 2
	DownloadErrorUnsupportedCurve     DownloadErrorCode = 3
	DownloadErrorNoSessionContext     DownloadErrorCode = 4
	DownloadErrorInvalidTransactionId DownloadErrorCode = 5
	DownloadErrorUndefinedError       DownloadErrorCode = 127
)

var downloadErrorNames = map[int64]string{
	1: "invalidCertificate", 2: "invalidSignature", 3: "unsupportedCurve", 4: "noSessionContext",
	5: "invalidTransactionId", 127: "undefinedError",
}

func (c DownloadErrorCode) String() string {
	return codeName("downloadErrorCode", downloadErrorNames, int64(c))
}
func (c DownloadErrorCode) Error() string { return "PrepareDownload: " + c.String() }

// Value returns the wire value.
func (c DownloadErrorCode) Value() int64 { return int64(c) }

// GetBoundProfilePackageErrorCode is GetBoundProfilePackageResponse's
// getBoundProfilePackageError (ES9+, RSP-FACTS §2.1.3).
type GetBoundProfilePackageErrorCode int64

// GetBoundProfilePackageErrorCode values.
const (
	GetBoundProfilePackageErrorEuiccSignatureInvalid           GetBoundProfilePackageErrorCode = 1
	GetBoundProfilePackageErrorConfirmationCodeMissing         GetBoundProfilePackageErrorCode = 2
	GetBoundProfilePackageErrorConfirmationCodeRefused         GetBoundProfilePackageErrorCode = 3
	GetBoundProfilePackageErrorConfirmationCodeRetriesExceeded GetBoundProfilePackageErrorCode = 4
	GetBoundProfilePackageErrorBppRebindingRefused             GetBoundProfilePackageErrorCode = 5
	GetBoundProfilePackageErrorDownloadOrderExpired            GetBoundProfilePackageErrorCode = 6
	GetBoundProfilePackageErrorInvalidTransactionId            GetBoundProfilePackageErrorCode = 95
	GetBoundProfilePackageErrorUndefinedError                  GetBoundProfilePackageErrorCode = 127
)

var getBoundProfilePackageErrorNames = map[int64]string{
	1: "euiccSignatureInvalid", 2: "confirmationCodeMissing", 3: "confirmationCodeRefused",
	4: "confirmationCodeRetriesExceeded", 5: "bppRebindingRefused", 6: "downloadOrderExpired",
	95: "invalidTransactionId", 127: "undefinedError",
}

func (c GetBoundProfilePackageErrorCode) String() string {
	return codeName("getBoundProfilePackageError", getBoundProfilePackageErrorNames, int64(c))
}
func (c GetBoundProfilePackageErrorCode) Error() string {
	return "GetBoundProfilePackage: " + c.String()
}

// Value returns the wire value.
func (c GetBoundProfilePackageErrorCode) Value() int64 { return int64(c) }

// BppCommandID is ErrorResult.bppCommandId: the BPP step that failed
// (RSP-FACTS §2.1.4, §4.5).
type BppCommandID int64

// BppCommandID values.
const (
	BppCommandInitialiseSecureChannel BppCommandID = 0
	BppCommandConfigureISDP           BppCommandID = 1
	BppCommandStoreMetadata           BppCommandID = 2
	BppCommandStoreMetadata2          BppCommandID = 3
	BppCommandReplaceSessionKeys      BppCommandID = 4
	BppCommandLoadProfileElements     BppCommandID = 5
)

var bppCommandNames = map[int64]string{
	0: "initialiseSecureChannel", 1: "configureISDP", 2: "storeMetadata", 3: "storeMetadata2",
	4: "replaceSessionKeys", 5: "loadProfileElements",
}

func (c BppCommandID) String() string { return codeName("bppCommandId", bppCommandNames, int64(c)) }
func (c BppCommandID) Error() string  { return "bppCommandId " + c.String() }

// Value returns the wire value.
func (c BppCommandID) Value() int64 { return int64(c) }

// ErrorReason is ErrorResult.errorReason of a ProfileInstallationResult
// (RSP-FACTS §2.1.4; 31 and 32 from the post-v2.5 module, §2.2).
type ErrorReason int64

// ErrorReason values.
const (
	ErrorReasonIncorrectInputValues                             ErrorReason = 1
	ErrorReasonInvalidSignature                                 ErrorReason = 2
	ErrorReasonInvalidTransactionId                             ErrorReason = 3
	ErrorReasonUnsupportedCrtValues                             ErrorReason = 4
	ErrorReasonUnsupportedRemoteOperationType                   ErrorReason = 5
	ErrorReasonUnsupportedProfileClass                          ErrorReason = 6
	ErrorReasonScp03tStructureError                             ErrorReason = 7
	ErrorReasonScp03tSecurityError                              ErrorReason = 8
	ErrorReasonInstallFailedDueToIccidAlreadyExistsOnEuicc      ErrorReason = 9
	ErrorReasonInstallFailedDueToInsufficientMemoryForProfile   ErrorReason = 10
	ErrorReasonInstallFailedDueToInterruption                   ErrorReason = 11
	ErrorReasonInstallFailedDueToPEProcessingError              ErrorReason = 12
	ErrorReasonInstallFailedDueToDataMismatch                   ErrorReason = 13
	ErrorReasonTestProfileInstallFailedDueToInvalidNaaKey       ErrorReason = 14
	ErrorReasonPprNotAllowed                                    ErrorReason = 15
	ErrorReasonInstallFailedDueToInsufficientMinimumSecurityLvl ErrorReason = 31
	ErrorReasonInstallFailedDueToServerAddressAbsentInAllowList ErrorReason = 32
	ErrorReasonInstallFailedDueToUnknownError                   ErrorReason = 127
)

var errorReasonNames = map[int64]string{
	1: "incorrectInputValues", 2: "invalidSignature", 3: "invalidTransactionId", 4: "unsupportedCrtValues",
	5: "unsupportedRemoteOperationType", 6: "unsupportedProfileClass", 7: "scp03tStructureError",
	8: "scp03tSecurityError", 9: "installFailedDueToIccidAlreadyExistsOnEuicc",
	10: "installFailedDueToInsufficientMemoryForProfile", 11: "installFailedDueToInterruption",
	12: "installFailedDueToPEProcessingError", 13: "installFailedDueToDataMismatch",
	14: "testProfileInstallFailedDueToInvalidNaaKey", 15: "pprNotAllowed",
	31:  "installFailedDueToInsufficientMinimumSecurityLevel",
	32:  "installFailedDueToServerAddressAbsentInEuiccAllowList",
	127: "installFailedDueToUnknownError",
}

func (c ErrorReason) String() string { return codeName("errorReason", errorReasonNames, int64(c)) }
func (c ErrorReason) Error() string  { return "profile installation: " + c.String() }

// Value returns the wire value.
func (c ErrorReason) Value() int64 { return int64(c) }

// CancelSessionReason is the reason of ES10b.CancelSession /
// EuiccCancelSessionSigned (RSP-FACTS §2.1.7).
type CancelSessionReason int64

// CancelSessionReason values.
const (
	CancelSessionReasonEndUserRejection      CancelSessionReason = 0
	CancelSessionReasonPostponed             CancelSessionReason = 1
	CancelSessionReasonTimeout               CancelSessionReason = 2
	CancelSessionReasonPprNotAllowed         CancelSessionReason = 3
	CancelSessionReasonMetadataMismatch      CancelSessionReason = 4
	CancelSessionReasonLoadBppExecutionError CancelSessionReason = 5
	CancelSessionReasonUndefinedReason       CancelSessionReason = 127
)

var cancelSessionReasonNames = map[int64]string{
	0: "endUserRejection", 1: "postponed", 2: "timeout", 3: "pprNotAllowed", 4: "metadataMismatch",
	5: "loadBppExecutionError", 127: "undefinedReason",
}

func (c CancelSessionReason) String() string {
	return codeName("cancelSessionReason", cancelSessionReasonNames, int64(c))
}
func (c CancelSessionReason) Error() string { return "session cancelled: " + c.String() }

// Value returns the wire value.
func (c CancelSessionReason) Value() int64 { return int64(c) }

// CancelSessionErrorCode is ES10b CancelSessionResponse's
// cancelSessionResponseError (RSP-FACTS §2.1.7).
type CancelSessionErrorCode int64

// CancelSessionErrorCode values.
const (
	CancelSessionErrorInvalidTransactionId CancelSessionErrorCode = 5
	CancelSessionErrorUndefinedError       CancelSessionErrorCode = 127
)

var cancelSessionErrorNames = map[int64]string{5: "invalidTransactionId", 127: "undefinedError"}

func (c CancelSessionErrorCode) String() string {
	return codeName("cancelSessionResponseError", cancelSessionErrorNames, int64(c))
}
func (c CancelSessionErrorCode) Error() string { return "CancelSession (ES10b): " + c.String() }

// Value returns the wire value.
func (c CancelSessionErrorCode) Value() int64 { return int64(c) }

// CancelSessionEs9ErrorCode is CancelSessionResponseEs9's cancelSessionError
// (ES9+, RSP-FACTS §2.1.7).
type CancelSessionEs9ErrorCode int64

// CancelSessionEs9ErrorCode values.
const (
	CancelSessionEs9ErrorInvalidTransactionId  CancelSessionEs9ErrorCode = 1
	CancelSessionEs9ErrorEuiccSignatureInvalid CancelSessionEs9ErrorCode = 2
	CancelSessionEs9ErrorUndefinedError        CancelSessionEs9ErrorCode = 127
)

var cancelSessionEs9ErrorNames = map[int64]string{
	1: "invalidTransactionId", 2: "euiccSignatureInvalid", 127: "undefinedError",
}

func (c CancelSessionEs9ErrorCode) String() string {
	return codeName("cancelSessionError", cancelSessionEs9ErrorNames, int64(c))
}
func (c CancelSessionEs9ErrorCode) Error() string { return "CancelSession (ES9+): " + c.String() }

// Value returns the wire value.
func (c CancelSessionEs9ErrorCode) Value() int64 { return int64(c) }

// StatusCode is an ES9+ function execution status: the SGP.22 subject code
// and reason code pair ("8.1.3" / "6.1") carried in the JSON binding's
// statusCodeData. It is comparable, so errors.Is matches a wrapped value.
type StatusCode struct {
	Subject string // subject code, e.g. "8.1.3" (eUICC certificate)
	Reason  string // reason code, e.g. "6.1" (verification failed)
}

func (s StatusCode) String() string { return s.Subject + "/" + s.Reason }
func (s StatusCode) Error() string {
	if m := statusMessages[s]; m != "" {
		return "ES9+ status " + s.String() + ": " + m
	}
	return "ES9+ status " + s.String()
}

// ES9+ status codes the SM-DP+ returns (RSP-FACTS §3.2 "Checks the SM-DP+
// performs", §5.3). The ones marked [MEM] come from general knowledge of the
// SGP.22 prose and were not re-verified against the specification text.
var (
	StatusEuiccVerificationFailed = StatusCode{"8.1", "6.1"}    // eUICC: euiccSignature1 invalid or serverChallenge mismatch
	StatusEuiccCertificateInvalid = StatusCode{"8.1.3", "6.1"}  // eUICC certificate: chain CI→EUM→eUICC does not verify
	StatusEuiccEIDNotPermitted    = StatusCode{"8.1.4", "6.1"}  // EID outside the EUM's permitted range
	StatusEumCertificateInvalid   = StatusCode{"8.1.2", "6.1"}  // EUM certificate invalid [MEM]
	StatusEumCertificateExpired   = StatusCode{"8.1.2", "6.3"}  // EUM certificate expired [MEM]
	StatusEuiccCertificateExpired = StatusCode{"8.1.3", "6.3"}  // eUICC certificate expired [MEM]
	StatusInvalidSmdpAddress      = StatusCode{"8.8.1", "3.8"}  // SM-DP+ address refused
	StatusPKIDNotSupported        = StatusCode{"8.8.2", "3.1"}  // none of the proposed PKIDs is supported
	StatusSvnNotSupported         = StatusCode{"8.8.3", "3.1"}  // SVN not supported [MEM]
	StatusNoDPauthForCI           = StatusCode{"8.8.4", "3.7"}  // no CERT.DPauth chaining to a CI supported by the eUICC
	StatusSmdpOIDMismatch         = StatusCode{"8.8", "3.10"}   // smdpOid differs from CERT.DPauth
	StatusTransactionIDUnknown    = StatusCode{"8.10.1", "3.9"} // transactionId unknown
	StatusCIPKUnknown             = StatusCode{"8.11.1", "3.9"} // CERT.EUM AKI is not the chosen CI
	StatusMatchingIDRefused       = StatusCode{"8.2.6", "3.8"}  // matchingId refused [MEM]
	StatusConfirmationCodeMissing = StatusCode{"8.2.7", "2.2"}  // confirmation code missing [MEM]
	StatusConfirmationCodeRefused = StatusCode{"8.2.7", "3.8"}  // confirmation code refused [MEM]
	StatusConfirmationCodeRetries = StatusCode{"8.2.7", "6.4"}  // confirmation code retries exceeded [MEM]
	StatusDownloadOrderExpired    = StatusCode{"8.8.5", "4.10"} // download order expired [MEM]
	StatusProfileNotAvailable     = StatusCode{"8.2.1", "3.9"}  // profile (ICCID) unknown [MEM]
	StatusInsufficientMemory      = StatusCode{"8.2.5", "4.3"}  // eUICC memory insufficient [MEM]
)

var statusMessages = map[StatusCode]string{
	StatusEuiccVerificationFailed: "eUICC verification failed",
	StatusEuiccCertificateInvalid: "eUICC certificate verification failed",
	StatusEuiccEIDNotPermitted:    "EID not permitted by the EUM certificate",
	StatusEumCertificateInvalid:   "EUM certificate verification failed",
	StatusEumCertificateExpired:   "EUM certificate expired",
	StatusEuiccCertificateExpired: "eUICC certificate expired",
	StatusInvalidSmdpAddress:      "invalid SM-DP+ address",
	StatusPKIDNotSupported:        "none of the proposed Public Key Identifiers is supported",
	StatusSvnNotSupported:         "SVN not supported",
	StatusNoDPauthForCI:           "no CERT.DPauth chaining to a CI supported by the eUICC",
	StatusSmdpOIDMismatch:         "SM-DP+ OID mismatch",
	StatusTransactionIDUnknown:    "transactionId unknown",
	StatusCIPKUnknown:             "CI public key unknown",
	StatusMatchingIDRefused:       "matchingId refused",
	StatusConfirmationCodeMissing: "confirmation code missing",
	StatusConfirmationCodeRefused: "confirmation code refused",
	StatusConfirmationCodeRetries: "confirmation code retries exceeded",
	StatusDownloadOrderExpired:    "download order expired",
	StatusProfileNotAvailable:     "profile not available",
	StatusInsufficientMemory:      "insufficient eUICC memory",
}
