package testbed

import (
	"bytes"
	"context"

	"github.com/rspengine/rspengine/bpp"
	"github.com/rspengine/rspengine/lpa"
	"github.com/rspengine/rspengine/rsp"
)

// TamperBPP is an ES9Client that passes everything to ES9 but flips the
// lowest bit of the last byte of one STORE DATA segment of every Bound Profile
// Package it relays (the first segment of kind Kind; the zero Kind means the
// first 86 segment, the protected profile elements): what an attacker on the
// path could do. The last byte of a protected segment is in its C-MAC, the
// last byte of the BF36+BF23 segment in smdpSign, so the eUICC must refuse
// that segment and install nothing.
type TamperBPP struct {
	lpa.ES9Client
	Kind bpp.SegmentKind
	// Tampered counts the packages changed.
	Tampered int
}

// GetBoundProfilePackage implements lpa.ES9Client.
func (t *TamperBPP) GetBoundProfilePackage(ctx context.Context, req, dst []byte) ([]byte, error) {
	out, err := t.ES9Client.GetBoundProfilePackage(ctx, req, dst)
	if err != nil {
		return out, err
	}
	resp := out[len(dst):]
	r, perr := rsp.ParseGetBoundProfilePackageResponse(resp)
	if perr != nil || !r.IsOk {
		return out, err
	}
	kind := t.Kind
	if kind == 0 {
		kind = bpp.Segment86
	}
	segs, serr := bpp.Segments(r.BoundProfilePackage.Raw)
	if serr != nil {
		return out, err
	}
	var data []byte
	for s := range segs {
		if s.Kind == kind {
			data = s.Data
			break
		}
	}
	// The views cap their slices, so find the segment by its bytes (it ends
	// with a MAC or a signature: unique in the package).
	off := bytes.Index(resp, data)
	if len(data) == 0 || off < 0 {
		return out, err
	}
	resp[off+len(data)-1] ^= 0x01
	t.Tampered++
	return out, err
}
