package lpa

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rspcert"
)

// run records the steps of one procedure into a Report.
type run struct {
	o     *Options
	rep   *Report
	start time.Time
}

func newRun(o *Options) *run {
	if o == nil {
		o = &Options{}
	}
	return &run{o: o, rep: &Report{}, start: o.now()}
}

// step is a Step in progress.
type step struct {
	r     *run
	s     Step
	begin time.Time
}

func (r *run) begin(name string) *step {
	return &step{r: r, s: Step{Name: name}, begin: r.o.now()}
}

func (st *step) record(req, resp []byte) {
	st.s.Sent += len(req)
	st.s.Received += len(resp)
	st.s.Exchanges++
	if st.r.o.KeepMessages {
		st.s.Messages = append(st.s.Messages, Exchange{Request: bytes.Clone(req), Response: bytes.Clone(resp)})
	}
}

// card sends one ES10 request.
func (st *step) card(c Card, req []byte) ([]byte, error) {
	resp, err := c.Transmit(req)
	st.record(req, resp)
	if err != nil {
		return resp, fmt.Errorf("card transport: %w", err)
	}
	return resp, nil
}

// es9 calls one ES9+ function.
func (st *step) es9(ctx context.Context, fn func(context.Context, []byte, []byte) ([]byte, error), req []byte) ([]byte, error) {
	resp, err := fn(ctx, req, nil)
	st.record(req, resp)
	return resp, err
}

func (st *step) check(by, format string, args ...any) {
	st.s.Checks = append(st.s.Checks, Check{By: by, What: fmt.Sprintf(format, args...)})
}

func (st *step) detail(format string, args ...any) { st.s.Detail = fmt.Sprintf(format, args...) }

// end closes the step; a non-nil err is wrapped in a *StepError, recorded as
// the report's first failure and returned.
func (st *step) end(err error) error {
	st.s.Duration = st.r.o.now().Sub(st.begin)
	if err != nil {
		err = &StepError{Step: st.s.Name, Err: err}
		st.s.Err = err
		if st.r.rep.Err == nil {
			st.r.rep.Err = err
		}
	}
	st.r.rep.Steps = append(st.r.rep.Steps, st.s)
	return err
}

// finish closes the report.
func (r *run) finish() *Report {
	r.rep.Total = r.o.now().Sub(r.start)
	return r.rep
}

func checkf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrCheck, fmt.Sprintf(format, args...))
}

// verifySig verifies a raw r‖s signature by cert's key over the
// concatenation of parts (variable time, public data). It returns the curve
// name for the report.
func verifySig(cert []byte, sig []byte, parts ...[]byte) (string, error) {
	var c rspcert.Certificate
	if err := rspcert.Parse(&c, cert); err != nil {
		return "", fmt.Errorf("certificate: %w", err)
	}
	curve, ok := ecdsa.CurveFromOID(c.PublicKey.CurveOID)
	if !ok {
		return "", fmt.Errorf("certificate: unsupported curve")
	}
	pk, err := ecdsa.NewPublicKey(curve, c.PublicKey.Point)
	if err != nil {
		return "", fmt.Errorf("certificate key: %w", err)
	}
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
	}
	if !ecdsa.Verify(pk, h.Sum(nil), sig) {
		return curve.String(), checkf("signature does not verify with the certificate's key")
	}
	return curve.String(), nil
}

// short renders b in hex, cut after n bytes.
func short(b []byte, n int) string {
	if len(b) <= n {
		return hex.EncodeToString(b)
	}
	return hex.EncodeToString(b[:n]) + "…"
}
