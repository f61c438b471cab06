package bpp

import (
	"errors"
	"fmt"

	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/scp03t"
)

// Error is a failed Bound Profile Package step as ProfileInstallationResult
// reports it: ErrorResult { bppCommandId, errorReason } (RSP-FACTS §2.1.4,
// §4.5). Match it with errors.As, or match its codes with errors.Is (an
// rsp.ErrorReason or rsp.BppCommandID value, or the cause).
type Error struct {
	BppCommandID rsp.BppCommandID
	ErrorReason  rsp.ErrorReason
	Detail       string
	Err          error // the underlying cause, if any (an *scp03t.Error, a *rsp.ParseError, a Handler's error)
}

func (e *Error) Error() string {
	s := fmt.Sprintf("bpp: %v: %v", e.BppCommandID, e.ErrorReason)
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the errorReason, the bppCommandId and the cause.
func (e *Error) Unwrap() []error {
	if e.Err != nil {
		return []error{e.ErrorReason, e.BppCommandID, e.Err}
	}
	return []error{e.ErrorReason, e.BppCommandID}
}

// ErrorResult returns the finalResult ErrorResult members of
// ProfileInstallationResultData for this failure (simaResponse absent).
func (e *Error) ErrorResult() rsp.ErrorResult {
	return rsp.ErrorResult{BppCommandID: e.BppCommandID, ErrorReason: e.ErrorReason}
}

func newError(cmd rsp.BppCommandID, reason rsp.ErrorReason, detail string, cause error) *Error {
	return &Error{BppCommandID: cmd, ErrorReason: reason, Detail: detail, Err: cause}
}

// bspError maps an scp03t unprotect failure to its errorReason.
func bspError(cmd rsp.BppCommandID, err error) *Error {
	var se *scp03t.Error
	if errors.As(err, &se) && se.Reason == scp03t.ReasonSecurityError {
		return newError(cmd, rsp.ErrorReasonScp03tSecurityError, "", err)
	}
	return newError(cmd, rsp.ErrorReasonScp03tStructureError, "", err)
}

// handlerError maps an error returned by a Handler.
func handlerError(cmd rsp.BppCommandID, err error) *Error {
	var be *Error
	if errors.As(err, &be) {
		return newError(cmd, be.ErrorReason, "handler", err)
	}
	var reason rsp.ErrorReason
	if errors.As(err, &reason) {
		return newError(cmd, reason, "handler", err)
	}
	return newError(cmd, rsp.ErrorReasonInstallFailedDueToUnknownError, "handler", err)
}

// ResultData fills the ProfileInstallationResultData an eUICC signs into
// euiccSignPIR (RSP-FACTS §2.1.4, §3.2) for the outcome err of a load: nil is
// SuccessResult {aid, simaResponse}, an *Error (or an error wrapping one) is
// ErrorResult {bppCommandId, errorReason}, any other error is
// installFailedDueToUnknownError(127) at loadProfileElements. The transactionId,
// notificationMetadata and smdpOid are the caller's; the returned view's
// slices alias them. Build the BF27 with rsp.AppendProfileInstallationResultData.
func ResultData(transactionID []byte, nm rsp.NotificationMetadata, smdpOid []byte, aid, simaResponse []byte, err error) rsp.ProfileInstallationResultData {
	d := rsp.ProfileInstallationResultData{TransactionID: transactionID, NotificationMetadata: nm, SmdpOid: smdpOid}
	if err == nil {
		d.IsSuccess = true
		d.Success = rsp.SuccessResult{AID: aid, SimaResponse: simaResponse}
		return d
	}
	var be *Error
	if errors.As(err, &be) {
		d.Error = be.ErrorResult()
	} else {
		d.Error = rsp.ErrorResult{BppCommandID: rsp.BppCommandLoadProfileElements, ErrorReason: rsp.ErrorReasonInstallFailedDueToUnknownError}
	}
	d.Error.SimaResponse = simaResponse
	return d
}
