package scp03t

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzUnprotect feeds arbitrary bytes to AppendUnprotect (no panic; any
// failure classified as ErrSecurity or ErrStructure; the session unchanged
// by a failure) and checks that protecting the fuzzed plaintext under the
// fuzzed tag round-trips, while the same segment with one byte changed is
// rejected.
func FuzzUnprotect(f *testing.F) {
	f.Add([]byte{0x87, 0x18, 0xf6, 0xfe}, []byte{0xbf, 0x24, 0x00}, byte(1), uint16(3))
	f.Add([]byte{0x88, 0x08, 0, 0, 0, 0, 0, 0, 0, 0}, []byte{}, byte(2), uint16(0))
	ks := KeySet{
		MCV: [16]byte{0x40, 0x6d, 0x50, 0x7b, 0x44, 0x8a, 0x69, 0x9e, 0x7a, 0x36, 0xa3, 0x84, 0x94, 0xde, 0xbb, 0xde},
		Enc: [16]byte{0x47, 0x2f, 0x5b, 0xfa, 0xdd, 0x97, 0xf2, 0x1d, 0x34, 0xf3, 0xce, 0x9b, 0x51, 0xb9, 0x27, 0x51},
		MAC: [16]byte{0x9e, 0xc0, 0x7f, 0x5b, 0x36, 0xa1, 0x3e, 0x12, 0xa9, 0x91, 0xd6, 0x6e, 0x29, 0x4e, 0x62, 0x42},
	}
	tags := [3]byte{Tag86, Tag87, Tag88}
	f.Fuzz(func(t *testing.T, seg, pt []byte, tagSel byte, pos uint16) {
		card := NewSession(&ks)
		out, _, err := card.AppendUnprotect([]byte{7}, seg)
		if err != nil {
			if !errors.Is(err, ErrSecurity) && !errors.Is(err, ErrStructure) {
				t.Fatalf("unclassified error %v", err)
			}
			if len(out) != 1 || card.Counter() != 1 || card.MCV() != ks.MCV {
				t.Fatal("failure changed the output or the session")
			}
		}
		tag := tags[int(tagSel)%3]
		if len(pt) > maxPlaintext(tag) {
			pt = pt[:maxPlaintext(tag)]
		}
		dp, card2 := NewSession(&ks), NewSession(&ks)
		p, err := dp.AppendProtect(nil, tag, pt)
		if err != nil {
			t.Fatal(err)
		}
		bad := bytes.Clone(p)
		i := int(pos) % len(bad)
		bad[i] ^= 1 + byte(pos>>8)%255
		if _, _, err := card2.AppendUnprotect(nil, bad); err == nil {
			t.Fatalf("segment with byte %d changed was accepted", i)
		}
		back, gotTag, err := card2.AppendUnprotect(nil, p)
		if err != nil || gotTag != tag || !bytes.Equal(back, pt) {
			t.Fatalf("round trip: tag %02x err %v", gotTag, err)
		}
	})
}
