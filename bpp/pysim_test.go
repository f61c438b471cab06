package bpp

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/scp03t"
)

// TestPySimDoubleWrappedBPP is a robustness case, not a conformance one.
// The BPP of pySim's TestBSPdecode (../shared/testdata/bsp/pysim-vectors.json,
// from osmocom/pysim tests/unittests/test_esim_bsp.py) wraps every BSP segment
// a second time (87 L {87 L …}, 86 L {86 L …}), carries 1036-byte 86
// segments (RSP-FACTS §4.4 allows 1020), and protects its 86 segments with a
// PPK set although it has no A2. The key sets are the ones that test uses
// (S-ENC/S-MAC/MCV f11b…/8cd4…/ee31…, PPK 00…/11…/22…). Unwrapping once and
// opening with scp03t (AppendUnprotectOversize) recovers ConfigureISDP
// BF24 00, the StoreMetadataRequest and the whole UPP, which the vector file
// says is TS48v2_SAIP2.3_NoBERTLV.der. The segment-level protocol is already
// checked by the scp03t package; this shows the bpp view of the same bytes:
// Segments still splits it, and a Loader refuses it (its BF23 signature is
// not over our session).
func TestPySimDoubleWrappedBPP(t *testing.T) {
	var v struct {
		BPP string `json:"decode_bpp_b64"`
		UPP string `json:"decode_original_upp_b64"`
	}
	if err := json.Unmarshal(readShared(t, "bsp/pysim-vectors.json"), &v); err != nil {
		t.Fatal(err)
	}
	bpp, err1 := base64.StdEncoding.DecodeString(v.BPP)
	upp, err2 := base64.StdEncoding.DecodeString(v.UPP)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	p, err := rsp.ParseBoundProfilePackageMode(bpp, asn1der.BER)
	if err != nil {
		t.Fatal(err)
	}
	sess := scp03t.NewSession(&scp03t.KeySet{
		Enc: [16]byte(mustHex("f11b921c302efb1df6bf218bf2de0dd8")),
		MAC: [16]byte(mustHex("8cd4d3a761eeac108641d5f4531a137e")),
		MCV: [16]byte(mustHex("ee3140eafd692b68eff40119b363bc6c")),
	})
	open := func(l rsp.SegmentList) []byte {
		var out []byte
		for s := range l.All() {
			inner, err := asn1der.ParseMode(s.Value, asn1der.BER) // the second wrapper
			if err != nil || inner.Tag != s.Tag {
				t.Fatalf("segment %x is not double-wrapped: %v", s.Tag, err)
			}
			if out, _, err = sess.AppendUnprotectOversize(out, inner.Raw, 2048); err != nil {
				t.Fatalf("segment %x: %v", s.Tag, err)
			}
		}
		return out
	}
	if cfg := open(p.FirstSequenceOf87); !bytes.Equal(cfg, DefaultConfigureISDP) {
		t.Errorf("ConfigureISDP %x", cfg)
	}
	smd := open(p.SequenceOf88)
	if _, err := rsp.ParseStoreMetadataRequest(smd); err != nil {
		t.Errorf("StoreMetadataRequest: %v", err)
	}
	sess.ReplaceSessionKeys(&scp03t.KeySet{
		MCV: [16]byte(bytes.Repeat([]byte{0x22}, 16)),
		Enc: [16]byte(bytes.Repeat([]byte{0x00}, 16)),
		MAC: [16]byte(bytes.Repeat([]byte{0x11}, 16)),
	})
	if got := open(p.SequenceOf86); !bytes.Equal(got, upp) {
		t.Fatalf("UPP differs: %d bytes, want %d", len(got), len(upp))
	}

	// The LPA view and the eUICC's answer.
	segs := segmentsOf(t, bpp)
	if len(segs) != 5+p.SequenceOf86.Count+p.SequenceOf88.Count-1 {
		t.Errorf("%d LPA segments", len(segs))
	}
	_, pk := sgp26Key(t, "NIST")
	iscr := p.InitialiseSecureChannelRequest
	_, err = load(&LoaderConfig{TransactionID: iscr.TransactionID, EID: make([]byte, 16), DPpb: pk,
		EuiccOtpk: iscr.SmdpOtpk, SessionKeys: &scp03t.KeySet{}}, segs)
	var be *Error
	if !errors.As(err, &be) || be.BppCommandID != rsp.BppCommandInitialiseSecureChannel || be.ErrorReason != rsp.ErrorReasonInvalidSignature {
		t.Errorf("Loader on pySim's BPP: %v", err)
	}
}
