package scp03t

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

// TestPysimBPPDecode opens the complete Bound Profile Package of
// ../../shared/testdata/bsp/pysim-vectors.json ("decode_bpp_b64", from
// pySim's TestBSPdecode): the 87 and 88 segments with the session keys that
// test names (S-ENC f11b…, S-MAC 8cd4…, MCV ee31…), the 86 segments with its
// PPK set (S-ENC 00…, S-MAC 11…, MCV 22…) and counter 1. The decrypted
// sequenceOf86 must equal "decode_original_upp_b64" byte for byte.
//
// Two quirks of that pySim-made BPP: each element of the sequences wraps the
// BSP segment once more (87 1A [87 18 …]: the OCTET STRING tag around the
// segment), and its 86 segments carry 1024 data bytes (1036 bytes in all,
// over the 1020-byte limit of RSP-FACTS §4.4). AppendUnprotect rejects them
// as structure errors; the test opens them with the internal size limit
// raised to check the content.
func TestPysimBPPDecode(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "testdata", "bsp", "pysim-vectors.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("shared test data not present (%v)", err)
	}
	var v struct {
		BPP string `json:"decode_bpp_b64"`
		UPP string `json:"decode_original_upp_b64"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	bpp, err := base64.StdEncoding.DecodeString(v.BPP)
	if err != nil {
		t.Fatal(err)
	}
	upp, err := base64.StdEncoding.DecodeString(v.UPP)
	if err != nil {
		t.Fatal(err)
	}
	sessionKeys := KeySet{
		Enc: key16(t, "f11b921c302efb1df6bf218bf2de0dd8"),
		MAC: key16(t, "8cd4d3a761eeac108641d5f4531a137e"),
		MCV: key16(t, "ee3140eafd692b68eff40119b363bc6c"),
	}
	ppk := KeySet{
		Enc: key16(t, "00000000000000000000000000000000"),
		MAC: key16(t, "11111111111111111111111111111111"),
		MCV: key16(t, "22222222222222222222222222222222"),
	}
	top, err := asn1der.ParseMode(bpp, asn1der.BER)
	if err != nil || top.Tag != 0xBF36 {
		t.Fatalf("BoundProfilePackage: tag %x err %v", top.Tag, err)
	}
	card := NewSession(&sessionKeys)
	rd, _ := asn1der.Children(top, asn1der.BER)
	var plain [4][]byte
	var segs [4][][]byte
	for !rd.Empty() {
		seq, err := rd.Next()
		if err != nil {
			t.Fatal(err)
		}
		if seq.Tag == 0xBF23 {
			continue // InitialiseSecureChannelRequest: plaintext, signed
		}
		i := int(seq.Tag) - 0xA0
		if i < 0 || i > 3 {
			t.Fatalf("unexpected tag %x", seq.Tag)
		}
		if i == 3 {
			card.ReplaceSessionKeys(&ppk)
		}
		inner, _ := rd.Enter(seq)
		for !inner.Empty() {
			seg, err := inner.Next()
			if err != nil {
				t.Fatal(err)
			}
			if seg.Tag != asn1der.Tag([4]byte{Tag87, Tag88, Tag87, Tag86}[i]) {
				t.Fatalf("sequence A%d: element tag %x", i, seg.Tag)
			}
			bsp := seg.Value // the BSP segment inside pySim's wrapper
			var tag byte
			if len(bsp) > MaxSegmentSize {
				if _, _, err := card.AppendUnprotect(nil, bsp); err != errTooLong {
					t.Fatalf("oversize segment: %v", err)
				}
			}
			plain[i], tag, err = card.appendUnprotect(plain[i], bsp, 2048)
			if err != nil {
				t.Fatalf("sequence A%d segment %d: %v", i, len(segs[i]), err)
			}
			if want := [4]byte{Tag87, Tag88, Tag87, Tag86}[i]; tag != want {
				t.Fatalf("sequence A%d: tag %02x", i, tag)
			}
			segs[i] = append(segs[i], bsp)
		}
	}
	if hex.EncodeToString(plain[0]) != "bf2400" {
		t.Errorf("ConfigureISDP: %x", plain[0])
	}
	if hex.EncodeToString(plain[1]) != "bf25285a0a89000123456789012341910a4f736d6f636f6d53504e920e4f736d6f636f6d50726f66696c65" {
		t.Errorf("StoreMetadata: %x", plain[1])
	}
	if !bytes.Equal(plain[3], upp) || len(segs[3]) != 13 {
		t.Fatalf("sequenceOf86 (%d segments) does not decrypt to the original UPP (%d vs %d bytes)", len(segs[3]), len(plain[3]), len(upp))
	}
}
