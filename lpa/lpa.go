package lpa

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rspengine/rspengine/rsp"
)

// ES9Client is the SM-DP+ seen from the LPA: the five ES9+ functions on the
// ASN.1 binding (SGP.22 §5.6; RSP-FACTS §2.1.2–2.1.7). Each takes the request
// DER and appends the response DER to dst. On an SM-DP+ failure err is not
// nil (for *smdp.Server a *smdp.StatusError with the SGP.22 status code
// pair) and, where the ASN.1 binding has an error alternative, the error
// form may also be appended to dst. HandleNotification has no response
// body.
//
// *smdp.Server implements ES9Client in-process, with no adapter.
type ES9Client interface {
	InitiateAuthentication(ctx context.Context, req, dst []byte) ([]byte, error)
	AuthenticateClient(ctx context.Context, req, dst []byte) ([]byte, error)
	GetBoundProfilePackage(ctx context.Context, req, dst []byte) ([]byte, error)
	HandleNotification(ctx context.Context, req, dst []byte) ([]byte, error)
	CancelSession(ctx context.Context, req, dst []byte) ([]byte, error)
}

// Card is the eUICC's ES10 transport: one ES10 request DER in, its response
// DER out. LoadBoundProfilePackage arrives as its STORE DATA segments, one
// call each; the card answers empty until the last, which returns the
// ProfileInstallationResult (BF37). A spec error is encoded in the response;
// the error return is for transport failures only.
type Card interface {
	Transmit(req []byte) ([]byte, error)
}

// CardFunc adapts a function to Card.
type CardFunc func(req []byte) ([]byte, error)

// Transmit implements Card.
func (f CardFunc) Transmit(req []byte) ([]byte, error) { return f(req) }

// Options tune Download and the management functions. The zero value works.
type Options struct {
	// DeviceInfo is sent in ctxParamsForCommonAuthentication. Default: TAC
	// 35290611 ([TEST] value), empty deviceCapabilities.
	DeviceInfo *rsp.DeviceInfo
	// KeepMessages keeps every request and response DER in the Report (for
	// a verbose dump).
	KeepMessages bool
	// Verify makes the LPA verify every signature it relays (see the
	// package doc). It costs four ECDSA verifications per download.
	Verify bool
	// Confirm, when not nil, is shown the profile metadata after
	// AuthenticateClient (the end user's consent, SGP.22 §3.1.3); returning
	// false cancels the session with endUserRejection.
	Confirm func(md *rsp.StoreMetadataRequest) bool
	// SkipNotifications leaves the ProfileInstallationResult on the card
	// instead of delivering it to the SM-DP+ at the end of Download.
	SkipNotifications bool
	// Now is the clock for the durations in the Report. Default time.Now.
	Now func() time.Time
}

func (o *Options) now() time.Time {
	if o != nil && o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// Check is one verification made during a step.
type Check struct {
	// By is who made it: "LPA" (this package, always performed), "SM-DP+"
	// or "eUICC" (documented checks of the peer, which answered success).
	By   string
	What string
}

// Exchange is one request/response pair (kept with Options.KeepMessages).
type Exchange struct {
	Request, Response []byte
}

// Step is one function of the procedure as the LPA ran it.
type Step struct {
	Name      string // interface and function, e.g. "ES10b.AuthenticateServer"
	Detail    string // what came out, e.g. "transactionId 0102…, serverChallenge …"
	Sent      int    // bytes sent (all requests of the step)
	Received  int    // bytes received
	Exchanges int    // number of request/response pairs (STORE DATA segments for the BPP)
	Duration  time.Duration
	Checks    []Check
	Messages  []Exchange // with Options.KeepMessages
	Err       error
}

// Report is what a procedure did, step by step.
type Report struct {
	Steps []Step
	Total time.Duration
	Err   error // the first failure, also returned

	// Download results (empty until reached).
	EID             []byte // from ES10c.GetEID
	TransactionID   []byte
	ICCID           []byte // from the profile metadata
	ProfileName     string
	ServiceProvider string
	ISDPAid         []byte // from the ProfileInstallationResult
	Installed       bool
}

// StepError is a failure in a named step. It unwraps to the cause: an
// *smdp.StatusError (SM-DP+ failures, matchable with errors.Is against
// rsp.StatusCode values), an eUICC result code (rsp.AuthenticateErrorCode,
// rsp.DownloadErrorCode, rsp.EnableProfileResult, …), an *InstallError,
// ErrCheck or a transport error.
type StepError struct {
	Step string
	Err  error
}

func (e *StepError) Error() string { return "lpa: " + e.Step + ": " + e.Err.Error() }
func (e *StepError) Unwrap() error { return e.Err }

// InstallError is an ErrorResult of the ProfileInstallationResult: the step
// of the Bound Profile Package that failed and why (RSP-FACTS §2.1.4).
// errors.Is matches its BppCommandID and ErrorReason values.
type InstallError struct {
	BppCommandID rsp.BppCommandID
	ErrorReason  rsp.ErrorReason
}

func (e *InstallError) Error() string {
	return fmt.Sprintf("profile installation failed at %v: %v", e.BppCommandID, e.ErrorReason)
}

// Unwrap returns the two codes.
func (e *InstallError) Unwrap() []error { return []error{e.ErrorReason, e.BppCommandID} }

// ErrCheck is wrapped by the failures of the LPA's own checks (a response
// that does not match the request, a signature that does not verify with
// Options.Verify).
var ErrCheck = errors.New("lpa: check failed")

// ErrConfirmationCode: the SM-DP+ requires a confirmation code and the
// activation code came without one; the session was cancelled.
var ErrConfirmationCode = errors.New("lpa: the SM-DP+ requires a confirmation code and none was given")

// ErrRejected: Options.Confirm refused the profile; the session was
// cancelled with endUserRejection.
var ErrRejected = errors.New("lpa: the end user rejected the profile")
