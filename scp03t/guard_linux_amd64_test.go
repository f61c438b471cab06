//go:build linux && !purego

package scp03t

import (
	"bytes"
	"math/rand/v2"
	"syscall"
	"testing"
)

// TestKernelsStayInBounds puts the input right before a PROT_NONE page (and
// right after one) and runs decryption, unprotect and the lane kernels on
// every length: any read past either end faults.
func TestKernelsStayInBounds(t *testing.T) {
	needAsm(t)
	page := syscall.Getpagesize()
	mem, err := syscall.Mmap(-1, 0, 3*page, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skip(err)
	}
	defer syscall.Munmap(mem)
	if err := syscall.Mprotect(mem[:page], syscall.PROT_NONE); err != nil {
		t.Skip(err)
	}
	if err := syscall.Mprotect(mem[2*page:], syscall.PROT_NONE); err != nil {
		t.Skip(err)
	}
	body := mem[page : 2*page]
	rng := rand.New(rand.NewPCG(37, 38))
	ks := randKeys(rng)
	var enc, dec schedule
	expandKey(&ks.Enc, &enc, &dec)
	for nb := 1; nb <= 80; nb++ {
		n := 16 * nb
		for _, src := range [][]byte{body[len(body)-n:], body[:n]} {
			fill(rng, src)
			want := make([]byte, n)
			var iv1, iv2 [16]byte
			cbcDecryptGo(&dec, &iv1, want, src)
			got := make([]byte, n)
			cbcDecrypt(&dec, &iv2, got, src)
			if !bytes.Equal(got, want) {
				t.Fatalf("%d blocks: differs", nb)
			}
		}
	}
	// Whole segments of every size at the end of the page.
	for _, tag := range []byte{Tag86, Tag88} {
		for n := 0; n <= MaxEncryptedPlaintext; n += 13 {
			pt := make([]byte, n)
			fill(rng, pt)
			seg, _ := NewSession(&ks).AppendProtect(nil, tag, pt)
			at := body[len(body)-len(seg):]
			copy(at, seg)
			back, _, err := NewSession(&ks).AppendUnprotect(nil, at)
			if err != nil || !bytes.Equal(back, pt) {
				t.Fatalf("tag %02x len %d at page end: %v", tag, n, err)
			}
			copy(body, seg)
			back, _, err = NewSession(&ks).AppendUnprotect(nil, body[:len(seg)])
			if err != nil || !bytes.Equal(back, pt) {
				t.Fatalf("tag %02x len %d at page start: %v", tag, n, err)
			}
			// Protect from a plaintext at the page end.
			pat := body[len(body)-n:]
			copy(pat, pt)
			again, _ := NewSession(&ks).AppendProtect(nil, tag, pat)
			if !bytes.Equal(again, seg) {
				t.Fatalf("tag %02x len %d: protect from page end differs", tag, n)
			}
		}
	}
}
