package bpp

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"slices"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rsp"
)

// tamperFixture builds a BPP with two 88 segments, A2 and three 86 segments:
// 0 ISCR, 1 A0, 2 A1 header, 3-4 88, 5 A2, 6 A3 header, 7-9 86.
func tamperFixture(t *testing.T) (*freshSession, [][]byte) {
	t.Helper()
	upp := make([]byte, 2500)
	for i := range upp {
		upp[i] = byte(i)
	}
	s := newFreshSession(t, "fresh-NIST", upp, true)
	s.in.StoreMetadata = rsp.AppendStoreMetadataRequest(nil, &rsp.StoreMetadataRequest{
		ICCID: mustHex("89000123456789012341"), ServiceProviderName: []byte("sp"), ProfileName: []byte("p"),
		IconType: 0, HasIconType: true, Icon: bytes.Repeat([]byte{1}, 1000),
	})
	bpp, err := AppendBuild(nil, s.in)
	if err != nil {
		t.Fatal(err)
	}
	segs := segmentsOf(t, bpp)
	if len(segs) != 10 || segs[3][0] != 0x88 || segs[4][0] != 0x88 || segs[5][0] != 0xA2 || segs[9][0] != 0x86 {
		t.Fatalf("fixture layout: %d segments", len(segs))
	}
	return s, segs
}

func flip(segs [][]byte, i, at int) [][]byte {
	out := clone2(segs)
	if at < 0 {
		at += len(out[i])
	}
	out[i][at] ^= 0x01
	return out
}

func clone2(segs [][]byte) [][]byte {
	out := make([][]byte, len(segs))
	for i := range segs {
		out[i] = bytes.Clone(segs[i])
	}
	return out
}

// resignISCR rebuilds the first segment with a mutated, correctly signed
// InitialiseSecureChannelRequest of the same length.
func resignISCR(t *testing.T, s *freshSession, segs [][]byte, mut func(x *rsp.InitialiseSecureChannelRequest)) [][]byte {
	t.Helper()
	_, _, hlen, ok := readHeader(segs[0])
	if !ok {
		t.Fatal("header")
	}
	x, err := rsp.ParseInitialiseSecureChannelRequest(segs[0][hlen:])
	if err != nil {
		t.Fatal(err)
	}
	mut(&x)
	digest := sha256.Sum256(append(rsp.AppendISCRSignedPart(nil, &x), asn1der.AppendTLV(nil, rsp.TagEuiccOtpk, s.in.EuiccOtpk)...))
	sig, err := ecdsa.Sign(rand.Reader, s.in.DPpb, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	x.SmdpSign = sig[:]
	out := clone2(segs)
	out[0] = rsp.AppendInitialiseSecureChannelRequest(bytes.Clone(segs[0][:hlen]), &x)
	if len(out[0]) != len(segs[0]) {
		t.Fatal("resigned ISCR changed length")
	}
	return out
}

// TestTampering: each kind of corruption gives the exact ProfileInstallationResult
// error (bppCommandId, errorReason), the Handler sees nothing after the failing
// segment, Feed keeps returning the error, and the load never completes.
func TestTampering(t *testing.T) {
	s, segs := tamperFixture(t)
	if _, err := load(s.cfg, segs); err != nil {
		t.Fatalf("untampered: %v", err)
	}
	const (
		isc = rsp.BppCommandInitialiseSecureChannel
		cfg = rsp.BppCommandConfigureISDP
		smd = rsp.BppCommandStoreMetadata
		sm2 = rsp.BppCommandStoreMetadata2
		rsk = rsp.BppCommandReplaceSessionKeys
		lpe = rsp.BppCommandLoadProfileElements

		sec    = rsp.ErrorReasonScp03tSecurityError
		str    = rsp.ErrorReasonScp03tStructureError
		sig    = rsp.ErrorReasonInvalidSignature
		interr = rsp.ErrorReasonInstallFailedDueToInterruption
	)
	swap := func(i, j int) [][]byte { o := clone2(segs); o[i], o[j] = o[j], o[i]; return o }
	drop := func(i int) [][]byte { return slices.Delete(clone2(segs), i, i+1) }
	dup := func(i int) [][]byte { return slices.Insert(clone2(segs), i, bytes.Clone(segs[i])) }
	trunc := func(i, n int) [][]byte { o := clone2(segs); o[i] = o[i][:len(o[i])-n]; return o }

	cases := []struct {
		name   string
		segs   [][]byte
		cmd    rsp.BppCommandID
		reason rsp.ErrorReason
	}{
		{"flip smdpSign", flip(segs, 0, -1), isc, sig},
		{"flip smdpOtpk", flip(segs, 0, -70), isc, sig},
		{"flip BF36 tag", flip(segs, 0, 0), isc, str},
		{"flip A0 MAC", flip(segs, 1, -1), cfg, sec},
		{"flip A0 ciphertext", flip(segs, 1, 6), cfg, sec},
		// A wrong A1 length is noticed where the segments stop adding up.
		{"flip A1 length", flip(segs, 2, -1), sm2, str},
		{"flip first 88 data", flip(segs, 3, 10), smd, sec},
		{"flip second 88 MAC", flip(segs, 4, -1), sm2, sec},
		{"flip A2 ciphertext", flip(segs, 5, 10), rsk, sec},
		{"flip A3 tag to A2", flip(segs, 6, 0), rsk, str},
		{"flip A3 tag to A7", func() [][]byte { o := clone2(segs); o[6][0] ^= 0x04; return o }(), lpe, str},
		{"flip 86 ciphertext", flip(segs, 8, 100), lpe, sec},
		{"flip last 86 MAC", flip(segs, 9, -1), lpe, sec},
		{"flip 86 length", flip(segs, 7, 3), lpe, str},
		{"swap A0 and A1 header", swap(1, 2), cfg, str},
		{"swap 88s", swap(3, 4), smd, sec},
		{"swap 86s", swap(7, 8), lpe, sec},
		{"swap A2 and A3 header", swap(5, 6), lpe, str},
		{"drop A0", drop(1), cfg, str},
		{"drop first 88", drop(3), smd, sec},
		{"drop A2", drop(5), lpe, str},
		{"drop middle 86", drop(8), lpe, sec},
		{"drop last 86", drop(9), lpe, interr},
		{"drop A3 header", drop(6), lpe, str},
		{"duplicate ISCR", dup(0), cfg, str},
		{"duplicate 88", dup(3), sm2, str},      // the copy of the full first 88 overruns A1
		{"duplicate last 88", dup(4), lpe, str}, // A1 is complete: an A2 or the A3 header is due
		{"duplicate A2", dup(5), rsk, str},
		{"duplicate 86", dup(7), lpe, sec},
		{"truncate ISCR", trunc(0, 1), isc, str},
		{"truncate A0", trunc(1, 1), cfg, str},
		{"truncate 88", trunc(4, 3), sm2, str},
		{"truncate 86", trunc(8, 16), lpe, str},
		{"empty segment", append(clone2(segs[:7]), []byte{}), lpe, str},
		{"remoteOpId 2", resignISCR(t, s, segs, func(x *rsp.InitialiseSecureChannelRequest) { x.RemoteOpID = 2 }), isc, rsp.ErrorReasonUnsupportedRemoteOperationType},
		{"keyType 89", resignISCR(t, s, segs, func(x *rsp.InitialiseSecureChannelRequest) { x.ControlRefTemplate.KeyType = []byte{0x89} }), isc, rsp.ErrorReasonUnsupportedCrtValues},
		{"keyLen 20", resignISCR(t, s, segs, func(x *rsp.InitialiseSecureChannelRequest) { x.ControlRefTemplate.KeyLen = []byte{0x20} }), isc, rsp.ErrorReasonUnsupportedCrtValues},
		{"other transactionId", resignISCR(t, s, segs, func(x *rsp.InitialiseSecureChannelRequest) {
			x.TransactionID = bytes.Repeat([]byte{0x5A}, len(x.TransactionID))
		}), isc, rsp.ErrorReasonInvalidTransactionId},
		{"other hostId (keys differ)", resignISCR(t, s, segs, func(x *rsp.InitialiseSecureChannelRequest) {
			x.ControlRefTemplate.HostID = bytes.Repeat([]byte{'h'}, len(x.ControlRefTemplate.HostID))
		}), cfg, sec},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := &recorder{}
			l := NewLoader(s.cfg, r, nil)
			var err error
			failedAt := -1
			for i, sg := range c.segs {
				if _, err = l.Feed(sg); err != nil {
					failedAt = i
					break
				}
			}
			if err == nil {
				err = l.Finish()
			}
			var be *Error
			if !errors.As(err, &be) {
				t.Fatalf("error %v is not a *bpp.Error", err)
			}
			if be.BppCommandID != c.cmd || be.ErrorReason != c.reason {
				t.Fatalf("got %v / %v (%v), want %v / %v", be.BppCommandID, be.ErrorReason, err, c.cmd, c.reason)
			}
			if !errors.Is(err, c.reason) || !errors.Is(err, c.cmd) {
				t.Error("errors.Is does not match the codes")
			}
			if l.Done() {
				t.Error("load reported done")
			}
			calls := len(r.calls)
			if failedAt >= 0 {
				for _, sg := range c.segs[failedAt:] {
					if _, err2 := l.Feed(sg); err2 != be {
						t.Fatalf("Feed after failure: %v", err2)
					}
				}
			}
			if len(r.calls) != calls {
				t.Error("handler called after the failure")
			}
			if l.Finish() != be {
				t.Error("Finish after failure returns another error")
			}
			res := ResultData(s.in.TransactionID, rsp.NotificationMetadata{}, nil, nil, nil, err)
			if res.IsSuccess || res.Error.BppCommandID != c.cmd || res.Error.ErrorReason != c.reason {
				t.Errorf("ResultData %+v", res.Error)
			}
		})
	}
}

// TestHandlerErrors: a Handler's refusal ends the load with its code, or 127.
func TestHandlerErrors(t *testing.T) {
	s, segs := tamperFixture(t)
	for _, c := range []struct {
		at     string
		err    error
		cmd    rsp.BppCommandID
		reason rsp.ErrorReason
	}{
		{"cfg", errors.New("no memory"), rsp.BppCommandConfigureISDP, rsp.ErrorReasonInstallFailedDueToUnknownError},
		{"smd", rsp.ErrorReasonInstallFailedDueToIccidAlreadyExistsOnEuicc, rsp.BppCommandStoreMetadata, rsp.ErrorReasonInstallFailedDueToIccidAlreadyExistsOnEuicc},
		{"pe", rsp.ErrorReasonInstallFailedDueToPEProcessingError, rsp.BppCommandLoadProfileElements, rsp.ErrorReasonInstallFailedDueToPEProcessingError},
	} {
		r := &recorder{failAt: c.at, failErr: c.err}
		l := NewLoader(s.cfg, r, nil)
		var err error
		for _, sg := range segs {
			if _, err = l.Feed(sg); err != nil {
				break
			}
		}
		var be *Error
		if !errors.As(err, &be) || be.BppCommandID != c.cmd || be.ErrorReason != c.reason || !errors.Is(err, c.err) {
			t.Errorf("%s: %v", c.at, err)
		}
		if r.calls[len(r.calls)-1] != c.at {
			t.Errorf("%s: calls %v", c.at, r.calls)
		}
	}
	// Abort mid-way: interruption, and no further calls.
	r := &recorder{}
	l := NewLoader(s.cfg, r, nil)
	for _, sg := range segs[:8] {
		if _, err := l.Feed(sg); err != nil {
			t.Fatal(err)
		}
	}
	l.Abort()
	if _, err := l.Feed(segs[8]); !errors.Is(err, rsp.ErrorReasonInstallFailedDueToInterruption) || !errors.Is(err, rsp.BppCommandLoadProfileElements) {
		t.Errorf("after Abort: %v", err)
	}
	// Reset re-arms the same Loader for a full load.
	r = &recorder{}
	l.Reset(s.cfg, r, make([]byte, 0, 4096))
	for i, sg := range segs {
		done, err := l.Feed(sg)
		if err != nil || done != (i == len(segs)-1) {
			t.Fatalf("after Reset, segment %d: %v %v", i, done, err)
		}
	}
	if _, err := l.Feed(segs[0]); err != ErrLoadComplete {
		t.Errorf("Feed after done: %v", err)
	}
	if l.Finish() != nil || !bytes.Equal(r.profile, s.in.UPP) {
		t.Error("Finish / profile after Reset")
	}
	res := ResultData(s.in.TransactionID, rsp.NotificationMetadata{}, nil, []byte{0xA0, 0, 0, 0, 0x87}, nil, l.Finish())
	if !res.IsSuccess || len(res.Success.AID) != 5 {
		t.Error("success ResultData")
	}
}
