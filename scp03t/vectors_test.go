package scp03t

import (
	"bytes"
	"crypto/aes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func key16(t testing.TB, s string) (k [16]byte) {
	t.Helper()
	b := unhex(t, s)
	if len(b) != 16 {
		t.Fatalf("key %s is not 16 bytes", s)
	}
	return [16]byte(b)
}

// TestCMACRFC4493 checks the four examples of RFC 4493 §4 (AES-128).
func TestCMACRFC4493(t *testing.T) {
	key := key16(t, "2b7e151628aed2a6abf7158809cf4f3c")
	msg := unhex(t, "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710")
	for _, tc := range []struct {
		n   int
		mac string
	}{
		{0, "bb1d6929e95937287fa37d129b756746"},
		{16, "070a16b46b4d4144f79bdd9dd04a287c"},
		{40, "dfa66747de9ae63030ca32611497c827"},
		{64, "51f0bebf7e3b9d92fc49741779363cfe"},
	} {
		got := CMAC(&key, msg[:tc.n])
		if hex.EncodeToString(got[:]) != tc.mac {
			t.Errorf("CMAC(Example %d bytes) = %x, want %s", tc.n, got, tc.mac)
		}
	}
}

// TestKeyScheduleAgainstStdlib checks the FIPS 197 key expansion and the
// pure-Go block functions against crypto/aes on random keys and blocks, and
// the FIPS 197 Appendix C.1 example.
func TestKeyScheduleAgainstStdlib(t *testing.T) {
	key := key16(t, "000102030405060708090a0b0c0d0e0f")
	pt := [16]byte(unhex(t, "00112233445566778899aabbccddeeff"))
	var enc, dec schedule
	expandKeyGo(&key, &enc, &dec)
	var ct, back [16]byte
	encryptBlockGo(&enc, &ct, &pt)
	if hex.EncodeToString(ct[:]) != "69c4e0d86a7b0430d8cdb78070b4c55a" {
		t.Fatalf("FIPS 197 C.1: got %x", ct)
	}
	decryptBlockGo(&dec, &back, &ct)
	if back != pt {
		t.Fatalf("FIPS 197 C.1 decrypt: got %x", back)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 500; i++ {
		var k, in, a, b [16]byte
		fill(rng, k[:])
		fill(rng, in[:])
		c, _ := aes.NewCipher(k[:])
		expandKeyGo(&k, &enc, &dec)
		encryptBlockGo(&enc, &a, &in)
		c.Encrypt(b[:], in[:])
		if a != b {
			t.Fatalf("encrypt key %x block %x: got %x want %x", k, in, a, b)
		}
		decryptBlockGo(&dec, &a, &in)
		c.Decrypt(b[:], in[:])
		if a != b {
			t.Fatalf("decrypt key %x block %x: got %x want %x", k, in, a, b)
		}
		// The dispatched path (assembly where available) agrees too.
		var e2, d2 schedule
		expandKey(&k, &e2, &d2)
		if e2 != enc || d2 != dec {
			t.Fatalf("expandKey differs from expandKeyGo for key %x", k)
		}
		encryptBlock(&e2, &a, &in)
		c.Encrypt(b[:], in[:])
		if a != b {
			t.Fatalf("encryptBlock key %x: got %x want %x", k, a, b)
		}
	}
}

func fill(rng *rand.Rand, b []byte) {
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
}

// Keys of RSP-FACTS §4.6 "KDF #2 (Mode51 SM-DP+)" (re-verified there from
// pySim tests/unittests/test_esim_bsp.py, BSP_Test_mode51).
func mode51Keys(t testing.TB) KeySet {
	return KeySet{
		MCV: key16(t, "406d507b448a699e7a36a38494debbde"),
		Enc: key16(t, "472f5bfadd97f21d34f3ce9b51b92751"),
		MAC: key16(t, "9ec07f5b36a13e12a991d66e294e6242"),
	}
}

type mode51Segment struct {
	tag       byte
	plaintext string
	protected string
}

// mode51Segments are the three segments of RSP-FACTS §4.6 (counters 1, 2,
// 3): ConfigureISDP (87), StoreMetadata (88), ReplaceSessionKeys (87).
func mode51Segments() []mode51Segment {
	storeMeta := "bf252d5a0a98001032547698103214910947534d415f54455354921147534d415f544553545f50524f46494c45950100"
	return []mode51Segment{
		{Tag87, "bf2400", "8718f6fe031e4b9cfe87c8e1e62f3fde85c49412d7722a6a2d89"},
		{Tag88, storeMeta, "8838" + storeMeta + "8a62cc9adbb5ccbc"},
		{Tag87, "bf2636" + "8010000102030405060708090a0b0c0d0e0f" + "8110010102030405060708090a0b0c0d0e0f" + "8210020102030405060708090a0b0c0d0e0f",
			"8748a14c800a001992351cd46ad2945654674369701d82b7b46567652bc8fbed234939fc57fba748015525fd6c651e9d3d1330652d42a0cfad950e912122af4ec5362d3c0bc535729c40"},
	}
}

type pysimVectors struct {
	Segment0Plaintext  string `json:"segment0_plaintext"`
	Segment1Plaintext  string `json:"segment1_plaintext"`
	Segment0Expected86 string `json:"segment0_expected_86"`
	Segment1Expected86 string `json:"segment1_expected_86"`
	PPK                struct {
		SEnc       string `json:"s_enc"`
		SMac       string `json:"s_mac"`
		InitialMCV string `json:"initial_mcv"`
	} `json:"ppk_replace_keys"`
}

// loadPysim reads ../../shared/testdata/bsp/pysim-vectors.json (data
// extracted from pySim's test_esim_bsp.py, BSP_Test_mode51.test_ciphering).
func loadPysim(t testing.TB) pysimVectors {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "testdata", "bsp", "pysim-vectors.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("shared test data not present (%v): skipping the pySim BSP vectors", err)
	}
	var v pysimVectors
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func (v pysimVectors) ppk(t testing.TB) KeySet {
	return KeySet{MCV: key16(t, v.PPK.InitialMCV), Enc: key16(t, v.PPK.SEnc), MAC: key16(t, v.PPK.SMac)}
}

// TestMode51Sequence protects the RSP-FACTS §4.6 sequence 87/88/87 with
// counters 1, 2, 3 on one session, replaces the session keys with the PPK
// set of the JSON file and protects the two 1007-byte profile segments with
// counter 1: every output must match byte for byte. A second (eUICC)
// session unprotects all of it back.
func TestMode51Sequence(t *testing.T) {
	v := loadPysim(t)
	ks := mode51Keys(t)
	ppk := v.ppk(t)
	dp := NewSession(&ks)
	card := NewSession(&ks)
	for i, seg := range mode51Segments() {
		if dp.Counter() != uint64(i+1) {
			t.Fatalf("segment %d: counter %d, want %d", i, dp.Counter(), i+1)
		}
		pt := unhex(t, seg.plaintext)
		got, err := dp.AppendProtect(nil, seg.tag, pt)
		if err != nil {
			t.Fatal(err)
		}
		if hex.EncodeToString(got) != seg.protected {
			t.Fatalf("segment %d (%02x): got\n%x\nwant\n%s", i, seg.tag, got, seg.protected)
		}
		back, tag, err := card.AppendUnprotect(nil, got)
		if err != nil || tag != seg.tag || !bytes.Equal(back, pt) {
			t.Fatalf("unprotect segment %d: tag %02x err %v plaintext %x", i, tag, err, back)
		}
	}
	dp.ReplaceSessionKeys(&ppk)
	card.ReplaceSessionKeys(&ppk)
	if dp.Counter() != 1 || dp.MCV() != ppk.MCV {
		t.Fatalf("after ReplaceSessionKeys: counter %d MCV %x", dp.Counter(), dp.MCV())
	}
	pts := []string{v.Segment0Plaintext, v.Segment1Plaintext}
	wants := []string{v.Segment0Expected86, v.Segment1Expected86}
	for i := range pts {
		pt := unhex(t, pts[i])
		if len(pt) != MaxEncryptedPlaintext {
			t.Fatalf("segment%d plaintext is %d bytes, want 1007", i, len(pt))
		}
		got, err := dp.AppendProtect(nil, Tag86, pt)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != MaxSegmentSize || hex.EncodeToString(got) != wants[i] {
			t.Fatalf("segment%d_expected_86 mismatch (%d bytes): got %x…", i, len(got), got[:16])
		}
		back, tag, err := card.AppendUnprotect(nil, got)
		if err != nil || tag != Tag86 || !bytes.Equal(back, pt) {
			t.Fatalf("unprotect 86 segment %d: tag %02x err %v", i, tag, err)
		}
	}
}

// TestPysimProtectAll protects segment0‖segment1 (2014 bytes) in one call
// after ReplaceSessionKeys: AppendProtectAll must split it into the same
// two 1020-byte segments (the engine interleaves the CBC of the second
// segment with the CMAC of the first).
func TestPysimProtectAll(t *testing.T) {
	v := loadPysim(t)
	ppk := v.ppk(t)
	for _, lanes := range []bool{false, true} {
		s := NewSession(&ppk)
		pt := append(unhex(t, v.Segment0Plaintext), unhex(t, v.Segment1Plaintext)...)
		want := v.Segment0Expected86 + v.Segment1Expected86
		prefix := []byte{0xa3, 0x82, 0x07, 0xf8}
		var got []byte
		if lanes {
			jobs := []ProtectJob{{Session: s, Tag: Tag86, Plaintext: pt, Dst: prefix}}
			ProtectLanes(jobs)
			if jobs[0].Err != nil {
				t.Fatal(jobs[0].Err)
			}
			got = jobs[0].Dst
		} else {
			var err error
			got, err = s.AppendProtectAll(prefix, Tag86, pt)
			if err != nil {
				t.Fatal(err)
			}
		}
		if hex.EncodeToString(got) != "a38207f8"+want {
			t.Fatalf("lanes=%v: AppendProtectAll mismatch", lanes)
		}
		if s.Counter() != 3 {
			t.Fatalf("counter after two segments = %d, want 3", s.Counter())
		}
	}
}

// TestWrongKeysFail: with the Mode51 session keys (not the PPK set) the
// 86 segments of the pySim file must fail the C-MAC check.
func TestWrongKeysFail(t *testing.T) {
	v := loadPysim(t)
	ks := mode51Keys(t)
	s := NewSession(&ks)
	_, _, err := s.AppendUnprotect(nil, unhex(t, v.Segment0Expected86))
	if !errors.Is(err, ErrSecurity) {
		t.Fatalf("got %v, want ErrSecurity", err)
	}
}

// TestKDFVectorsToKeySet runs the two KDF examples of RSP-FACTS §4.6
// through an X9.63 KDF with SHA-256 written here (the engine's own lives in
// package ecka) and checks that KeySetFromKDF splits the 48 bytes as
// §4.1 item 4 says: initial MCV, S-ENC, S-MAC.
func TestKDFVectorsToKeySet(t *testing.T) {
	x963 := func(shs, sharedInfo []byte) (out [48]byte) {
		var buf []byte
		for i := uint32(1); len(buf) < 48; i++ {
			h := sha256.New()
			h.Write(shs)
			h.Write([]byte{byte(i >> 24), byte(i >> 16), byte(i >> 8), byte(i)})
			h.Write(sharedInfo)
			buf = h.Sum(buf)
		}
		copy(out[:], buf)
		return out
	}
	for _, v := range []struct{ shs, eid, mcv, enc, mac string }{
		{"8902dca391bbb22570fe60c176076246f568b1941265dff1d729e63039658089", "89049032123451234512345678901335",
			"734bc93ddb10c71c5ad13d420dc08b5b", "d782d575b22a38334556a3d9a1e2ae6b", "a35addc192ae8f934e2932116c7e89e7"},
		{"c9a993dd4879a8f7161f2085410edd4f9652f1df37be097ba96ba2ca6be528fe", "89049032123451234512345678901235",
			"406d507b448a699e7a36a38494debbde", "472f5bfadd97f21d34f3ce9b51b92751", "9ec07f5b36a13e12a991d66e294e6242"},
	} {
		info := append(unhex(t, "8810088080808080808080"+"10"), unhex(t, v.eid)...)
		kdf := x963(unhex(t, v.shs), info)
		ks := KeySetFromKDF(&kdf)
		if ks.MCV != key16(t, v.mcv) || ks.Enc != key16(t, v.enc) || ks.MAC != key16(t, v.mac) {
			t.Fatalf("ShS %s…: got MCV %x S-ENC %x S-MAC %x", v.shs[:8], ks.MCV, ks.Enc, ks.MAC)
		}
	}
}
