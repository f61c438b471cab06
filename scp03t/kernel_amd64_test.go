//go:build !purego

package scp03t

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unsafe"
)

func needAsm(t *testing.T) {
	if !haveAsm {
		t.Skip("CPU without AES-NI/AVX: the assembly is not used here")
	}
}

// withGo runs f with the pure-Go twins selected.
func withGo(f func()) {
	savedAsm, savedVAES, saved512 := haveAsm, haveVAES, haveVAES512
	haveAsm, haveVAES, haveVAES512 = false, false, false
	defer func() { haveAsm, haveVAES, haveVAES512 = savedAsm, savedVAES, saved512 }()
	f()
}

// TestLanesAsmMatchesGo runs 1..20 lanes (the assembly takes eight at a
// time) with random keys, chaining values, masks and block counts through
// the assembly and through lanesGo.
func TestLanesAsmMatchesGo(t *testing.T) {
	needAsm(t)
	rng := rand.New(rand.NewPCG(21, 22))
	for round := 0; round < 300; round++ {
		nl := 1 + rng.IntN(20)
		nb := 1 + rng.IntN(70)
		keys := make([]schedule, nl)
		srcs := make([][]byte, nl)
		dA := make([][]byte, nl)
		dG := make([][]byte, nl)
		la := make([]lane, nl)
		lg := make([]lane, nl)
		for i := 0; i < nl; i++ {
			var k [16]byte
			fill(rng, k[:])
			expandKeyGo(&k, &keys[i], nil)
			srcs[i] = make([]byte, 16*nb)
			fill(rng, srcs[i])
			dA[i] = make([]byte, 16*nb)
			dG[i] = make([]byte, 16*nb)
			var mask uintptr
			if rng.IntN(2) == 0 {
				mask = ^uintptr(0)
			}
			var x [16]byte
			fill(rng, x[:])
			la[i] = lane{ks: &keys[i], src: unsafe.Pointer(&srcs[i][0]), dst: unsafe.Pointer(&dA[i][0]), mask: mask, x: x}
			lg[i] = lane{ks: &keys[i], src: unsafe.Pointer(&srcs[i][0]), dst: unsafe.Pointer(&dG[i][0]), mask: mask, x: x}
		}
		lanesAsm(la, nb)
		lanesGo(lg, nb)
		for i := range la {
			if la[i].x != lg[i].x || !bytes.Equal(dA[i], dG[i]) {
				t.Fatalf("round %d: %d lanes × %d blocks: lane %d differs", round, nl, nb, i)
			}
		}
	}
}

// TestCBCDecryptAsmMatchesGo: every block count 0..200, in place and not,
// against cbcDecryptGo and crypto/cipher's CBC decrypter, with the AVX-512
// kernel (where present) and the AVX one.
func TestCBCDecryptAsmMatchesGo(t *testing.T) {
	needAsm(t)
	t.Run("zmm", func(t *testing.T) {
		if !haveVAES512 {
			t.Skip("no AVX-512 VAES")
		}
		testCBCDecrypt(t)
	})
	t.Run("xmm", func(t *testing.T) {
		saved := haveVAES512
		haveVAES512 = false
		defer func() { haveVAES512 = saved }()
		testCBCDecrypt(t)
	})
}

func testCBCDecrypt(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for nb := 0; nb <= 200; nb++ {
		var k, iv [16]byte
		fill(rng, k[:])
		fill(rng, iv[:])
		var enc, dec schedule
		expandKeyGo(&k, &enc, &dec)
		src := make([]byte, 16*nb)
		fill(rng, src)
		want := make([]byte, len(src))
		ivG := iv
		cbcDecryptGo(&dec, &ivG, want, src)
		ref := newRef(&KeySet{Enc: k})
		ref.cbcDec.(ivSetter).SetIV(iv[:])
		got := bytes.Clone(src)
		ref.cbcDec.CryptBlocks(got, got)
		if !bytes.Equal(got, want) {
			t.Fatalf("%d blocks: cbcDecryptGo differs from crypto/cipher", nb)
		}
		ivA := iv
		got = make([]byte, len(src))
		cbcDecrypt(&dec, &ivA, got, src)
		if !bytes.Equal(got, want) || ivA != ivG {
			t.Fatalf("%d blocks: assembly differs", nb)
		}
		ivA = iv
		inPlace := bytes.Clone(src)
		cbcDecrypt(&dec, &ivA, inPlace, inPlace)
		if !bytes.Equal(inPlace, want) || ivA != ivG {
			t.Fatalf("%d blocks in place: assembly differs", nb)
		}
	}
}

// TestSessionAsmMatchesGo protects and unprotects random plaintexts of
// every length class (0..3 segments, every padding length, all tags) with
// the assembly and with the pure-Go twins and compares the bytes.
func TestSessionAsmMatchesGo(t *testing.T) {
	needAsm(t)
	rng := rand.New(rand.NewPCG(25, 26))
	buf := make([]byte, 4*MaxMACOnlyPlaintext)
	for _, tag := range []byte{Tag86, Tag87, Tag88} {
		for _, n := range testLengths(tag) {
			ks := randKeys(rng)
			fill(rng, buf)
			pt := buf[:n]
			a := NewSession(&ks)
			var g *Session
			withGo(func() { g = NewSession(&ks) })
			if a.enc != g.enc || a.dec != g.dec || a.mac != g.mac || a.k1 != g.k1 || a.k2 != g.k2 {
				t.Fatal("key setup differs")
			}
			outA, _ := a.AppendProtectAll(nil, tag, pt)
			var outG []byte
			withGo(func() { outG, _ = g.AppendProtectAll(nil, tag, pt) })
			if !bytes.Equal(outA, outG) {
				t.Fatalf("tag %02x len %d: protect differs", tag, n)
			}
			ca, cg := NewSession(&ks), NewSession(&ks)
			var backA, backG []byte
			for _, seg := range splitSegments(outA) {
				var errA, errG error
				backA, _, errA = ca.AppendUnprotect(backA, seg)
				withGo(func() { backG, _, errG = cg.AppendUnprotect(backG, seg) })
				if errA != nil || errG != nil {
					t.Fatalf("tag %02x len %d: %v / %v", tag, n, errA, errG)
				}
			}
			if !bytes.Equal(backA, pt) || !bytes.Equal(backG, pt) {
				t.Fatalf("tag %02x len %d: unprotect differs", tag, n)
			}
		}
	}
}

// TestLanesWideMatchesGo runs the VAES kernels (10, 12, 14, 16 lanes) with
// random keys, chaining values, masks and block counts against lanesGo.
func TestLanesWideMatchesGo(t *testing.T) {
	if !haveVAES {
		t.Skip("CPU without VAES: the wide kernel is not used here")
	}
	rng := rand.New(rand.NewPCG(27, 28))
	for round := 0; round < 200; round++ {
		nl := 10 + 2*rng.IntN(4)
		nb := 1 + rng.IntN(70)
		keys := make([]schedule, nl)
		var packed packedKeys
		dA := make([][]byte, nl)
		dG := make([][]byte, nl)
		la := make([]lane, nl)
		lg := make([]lane, nl)
		for i := 0; i < nl; i++ {
			var k [16]byte
			fill(rng, k[:])
			expandKeyGo(&k, &keys[i], nil)
			packed.setColumn(i, &keys[i])
			src := make([]byte, 16*nb)
			fill(rng, src)
			dA[i] = make([]byte, 16*nb)
			dG[i] = make([]byte, 16*nb)
			var mask uintptr
			if rng.IntN(2) == 0 {
				mask = ^uintptr(0)
			}
			var x [16]byte
			fill(rng, x[:])
			la[i] = lane{ks: &keys[i], src: unsafe.Pointer(&src[0]), dst: unsafe.Pointer(&dA[i][0]), mask: mask, x: x}
			lg[i] = lane{ks: &keys[i], src: unsafe.Pointer(&src[0]), dst: unsafe.Pointer(&dG[i][0]), mask: mask, x: x}
		}
		lanesWideAsm(la, &packed, nb)
		lanesGo(lg, nb)
		for i := range la {
			if la[i].x != lg[i].x || !bytes.Equal(dA[i], dG[i]) {
				t.Fatalf("round %d: %d lanes × %d blocks: lane %d differs", round, nl, nb, i)
			}
		}
	}
}

// TestProtectLanesWideMatchesGo: batches of 9..24 jobs (the engine runs
// 9..16 chains, odd counts padded) give the same bytes with the VAES kernel
// as with the pure-Go twins.
func TestProtectLanesWideMatchesGo(t *testing.T) {
	needAsm(t)
	for round := 0; round < 20; round++ {
		nj := 9 + round%16
		mk := func() []ProtectJob {
			r := rand.New(rand.NewPCG(uint64(round), 31))
			jobs := make([]ProtectJob, nj)
			for i := range jobs {
				ks := randKeys(r)
				pt := make([]byte, r.IntN(5000))
				fill(r, pt)
				jobs[i] = ProtectJob{Session: NewSession(&ks), Tag: []byte{Tag86, Tag87, Tag88}[r.IntN(3)], Plaintext: pt}
			}
			return jobs
		}
		a := mk()
		ProtectLanes(a)
		g := mk()
		withGo(func() { ProtectLanes(g) })
		for i := range a {
			if a[i].Err != nil || !bytes.Equal(a[i].Dst, g[i].Dst) {
				t.Fatalf("round %d job %d differs (%v)", round, i, a[i].Err)
			}
		}
	}
}

// TestSegmentMACAsmMatchesGo: the fused C-MAC + ICV kernel against its twin
// for every message length 2..1100 (all final-block cases) and against
// CMAC(S-MAC, MCV ‖ msg).
func TestSegmentMACAsmMatchesGo(t *testing.T) {
	needAsm(t)
	rng := rand.New(rand.NewPCG(33, 34))
	msg := make([]byte, 1100)
	for n := 2; n <= len(msg); n++ {
		ks := randKeys(rng)
		fill(rng, msg[:n])
		s := NewSession(&ks)
		fill(rng, s.ctr[:])
		var ta, tg, ia, ig [16]byte
		s.segmentMAC(&ta, &ia, msg[:n])
		nb, _ := cmacSplit(msg[:n])
		s.segmentMACGo(&tg, &ig, msg[:n], nb)
		want := CMAC(&ks.MAC, append(ks.MCV[:], msg[:n]...))
		var wantICV [16]byte
		encryptBlockGo(&s.enc, &wantICV, &s.ctr)
		if ta != tg || ta != want || ia != ig || ia != wantICV {
			t.Fatalf("length %d: asm %x/%x, go %x/%x, want %x/%x", n, ta, ia, tg, ig, want, wantICV)
		}
	}
}

// FuzzProtectTwins protects fuzzed plaintexts under fuzzed keys, tag and
// counter with the assembly and with the pure-Go twins and the stdlib
// reference; all three must agree, and the assembly unprotect must give the
// plaintext back.
func FuzzProtectTwins(f *testing.F) {
	f.Add([]byte("key material 48 bytes......................!!!!"), []byte{0xbf, 0x24, 0x00}, byte(1), uint32(1))
	f.Fuzz(func(t *testing.T, keys, pt []byte, tagSel byte, ctr uint32) {
		if !haveAsm {
			t.Skip("no assembly here")
		}
		var kdf [48]byte
		copy(kdf[:], keys)
		ks := KeySetFromKDF(&kdf)
		tag := [3]byte{Tag86, Tag87, Tag88}[int(tagSel)%3]
		if len(pt) > 3*MaxMACOnlyPlaintext {
			pt = pt[:3*MaxMACOnlyPlaintext]
		}
		a := NewSession(&ks)
		a.SetCounter(uint64(ctr))
		outA, err := a.AppendProtectAll(nil, tag, pt)
		if err != nil {
			t.Fatal(err)
		}
		var outG []byte
		withGo(func() {
			g := NewSession(&ks)
			g.SetCounter(uint64(ctr))
			outG, _ = g.AppendProtectAll(nil, tag, pt)
		})
		r := newRef(&ks)
		r.counter = uint64(ctr)
		outR := r.appendProtectAll(nil, tag, pt)
		if !bytes.Equal(outA, outG) || !bytes.Equal(outA, outR) {
			t.Fatal("assembly, Go twin and stdlib reference disagree")
		}
		card := NewSession(&ks)
		card.SetCounter(uint64(ctr))
		var back []byte
		for _, seg := range splitSegments(outA) {
			if back, _, err = card.AppendUnprotect(back, seg); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(back, pt) {
			t.Fatal("round trip failed")
		}
	})
}

// TestUnprotectInPlaceXMM repeats TestUnprotectInPlace on the AVX (XMM)
// decryption kernel where the AVX-512 one would otherwise be used.
func TestUnprotectInPlaceXMM(t *testing.T) {
	needAsm(t)
	saved := haveVAES512
	haveVAES512 = false
	defer func() { haveVAES512 = saved }()
	TestUnprotectInPlace(t)
}
