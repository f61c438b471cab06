package testbed

import (
	"bytes"
	"context"

	"github.com/rspengine/rspengine/lpa"
	"github.com/rspengine/rspengine/rsp"
)

// TamperBPP is an ES9Client that passes everything to ES9 but flips one bit
// in the first 86 segment (the protected profile elements) of every Bound
// Profile Package it relays: what an attacker on the path could do. The
// eUICC must refuse the segment (its C-MAC no longer verifies) and install
// nothing.
type TamperBPP struct {
	lpa.ES9Client
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
	// The first 86 segment inside A3: flip the lowest bit of its last
	// byte (inside the C-MAC).
	var seg86 []byte
	for seg := range r.BoundProfilePackage.SequenceOf86.All() {
		seg86 = seg.Raw
		break
	}
	// The views cap their slices, so find the segment by its bytes (a
	// ciphertext with its MAC: unique in the package).
	off := bytes.Index(out[len(dst):], seg86)
	if len(seg86) == 0 || off < 0 {
		return out, err
	}
	out[len(dst)+off+len(seg86)-1] ^= 0x01
	t.Tampered++
	return out, err
}
