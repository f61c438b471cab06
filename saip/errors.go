package saip

import (
	"errors"
	"strconv"

	"github.com/rspengine/rspengine/asn1der"
)

type asn1derError = asn1der.Error

// ErrorReasonPEProcessing is the SGP.22 errorReason an eUICC reports for any
// error of this package: installFailedDueToPEProcessingError(12) in
// ProfileInstallationResultData (SGP.22 v2.5 §5.7.7, RSPDefinitions).
const ErrorReasonPEProcessing = 12

// ErrPEProcessing matches every *Error of this package with errors.Is: the
// eUICC maps it to installFailedDueToPEProcessingError.
var ErrPEProcessing = errors.New("saip: profile element processing error")

// Status is the PEStatus.status code of PEDefinitions (the eUICC's answer per
// PE in EUICCResponse). Errors carry the code that fits the failure.
type Status uint16

// PEStatus codes (PEDefinitions PEStatus).
const (
	StatusOK                        Status = 0
	StatusPENotSupported            Status = 1
	StatusMemoryFailure             Status = 2
	StatusBadValues                 Status = 3
	StatusNotEnoughMemory           Status = 4
	StatusInvalidRequestFormat      Status = 5
	StatusInvalidParameter          Status = 6
	StatusRuntimeNotSupported       Status = 7
	StatusLibNotSupported           Status = 8
	StatusTemplateNotSupported      Status = 9
	StatusFeatureNotSupported       Status = 10
	StatusPINCodeMissing            Status = 11
	StatusUnsupportedProfileVersion Status = 31
)

// String returns the PEDefinitions name of the status.
func (s Status) String() string {
	switch s {
	case StatusOK:
		return "ok"
	case StatusPENotSupported:
		return "pe-not-supported"
	case StatusMemoryFailure:
		return "memory-failure"
	case StatusBadValues:
		return "bad-values"
	case StatusNotEnoughMemory:
		return "not-enough-memory"
	case StatusInvalidRequestFormat:
		return "invalid-request-format"
	case StatusInvalidParameter:
		return "invalid-parameter"
	case StatusRuntimeNotSupported:
		return "runtime-not-supported"
	case StatusLibNotSupported:
		return "lib-not-supported"
	case StatusTemplateNotSupported:
		return "template-not-supported"
	case StatusFeatureNotSupported:
		return "feature-not-supported"
	case StatusPINCodeMissing:
		return "pin-code-missing"
	case StatusUnsupportedProfileVersion:
		return "unsupported-profile-version"
	}
	return "status(" + strconv.Itoa(int(s)) + ")"
}

// Error is a malformed or unacceptable profile package. Index is the
// 0-based position of the PE in the package (the number of complete PEs
// before it), Offset the byte offset in the package of the element at fault
// (the PE itself or an element inside it), Type the PE's alternative when its
// tag was readable. Err is the underlying asn1der error, if any.
type Error struct {
	Index  int
	Offset int64
	Type   PEType
	Status Status
	Reason string
	Err    error
}

func (e *Error) Error() string {
	b := make([]byte, 0, 96)
	b = append(b, "saip: PE #"...)
	b = strconv.AppendInt(b, int64(e.Index), 10)
	b = append(b, " ("...)
	b = append(b, e.Type.String()...)
	b = append(b, ')')
	b = append(b, " at offset "...)
	b = strconv.AppendInt(b, e.Offset, 10)
	b = append(b, ": "...)
	b = append(b, e.Reason...)
	b = append(b, " ["...)
	b = append(b, e.Status.String()...)
	b = append(b, ']')
	if e.Err != nil {
		b = append(b, ": "...)
		b = append(b, e.Err.Error()...)
	}
	return string(b)
}

// Unwrap returns the underlying encoding error.
func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrPEProcessing) true for every *Error.
func (e *Error) Is(target error) bool { return target == ErrPEProcessing }

// fail builds an error for an element at offset off relative to the PE start;
// the parser fills in Index, Type and the PE's stream offset.
func fail(off int, st Status, reason string, err error) *Error {
	return &Error{Offset: int64(off), Status: st, Reason: reason, Err: err}
}

// derFail wraps an asn1der error, taking its offset.
func derFail(err error, reason string) *Error {
	off := 0
	var ae *asn1derError
	if errors.As(err, &ae) {
		off = ae.Offset
	}
	return fail(off, StatusInvalidRequestFormat, reason, err)
}
