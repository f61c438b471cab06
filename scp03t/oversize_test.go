package scp03t

import (
	"bytes"
	"errors"
	"testing"
)

// TestAppendUnprotectOversize: a legal segment opens identically through both
// functions; a segment over 1020 bytes is refused by AppendUnprotect as a
// structure error and gets past the size check (to the C-MAC check) in
// AppendUnprotectOversize. bpp's pySim test opens real oversize segments.
func TestAppendUnprotectOversize(t *testing.T) {
	ks := KeySet{MCV: [16]byte{1}, Enc: [16]byte{2}, MAC: [16]byte{3}}
	smdp := NewSession(&ks)
	// A legal 88 segment opens the same way through both functions.
	seg, err := smdp.AppendProtect(nil, Tag88, bytes.Repeat([]byte{7}, 100))
	if err != nil {
		t.Fatal(err)
	}
	a, b := NewSession(&ks), NewSession(&ks)
	p1, _, err1 := a.AppendUnprotect(nil, seg)
	p2, _, err2 := b.AppendUnprotectOversize(nil, seg, 4096)
	if err1 != nil || err2 != nil || !bytes.Equal(p1, p2) || a.MCV() != b.MCV() {
		t.Fatalf("legal segment: %v %v", err1, err2)
	}
	// An oversize one (1 + 3 + 1032 bytes) fails the size check in
	// AppendUnprotect and reaches the MAC check in AppendUnprotectOversize.
	big := append([]byte{Tag86, 0x82, 0x04, 0x08}, make([]byte, 1032)...)
	if _, _, err := a.AppendUnprotect(nil, big); !errors.Is(err, ErrStructure) {
		t.Errorf("AppendUnprotect oversize: %v", err)
	}
	if _, _, err := b.AppendUnprotectOversize(nil, big, 2048); !errors.Is(err, ErrSecurity) {
		t.Errorf("AppendUnprotectOversize: %v (want the C-MAC failure)", err)
	}
	if _, _, err := b.AppendUnprotectOversize(nil, big, 100); !errors.Is(err, ErrStructure) {
		t.Errorf("limit below 1020 is raised to 1020, still too small: %v", err)
	}
}
