package scp03t

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"
)

func randKeys(rng *rand.Rand) KeySet {
	var ks KeySet
	fill(rng, ks.MCV[:])
	fill(rng, ks.Enc[:])
	fill(rng, ks.MAC[:])
	return ks
}

// interesting plaintext lengths: 0..3 segments, every padding length.
func testLengths(tag byte) []int {
	m := maxPlaintext(tag)
	var ls []int
	for n := 0; n <= 48; n++ {
		ls = append(ls, n)
	}
	for _, base := range []int{m, 2 * m, 3 * m} {
		for d := -17; d <= 17; d++ {
			ls = append(ls, base+d)
		}
	}
	ls = append(ls, 100, 126, 127, 128, 240, 247, 248, 255, 256, 500)
	return ls
}

// TestProtectAllMatchesStdlib compares AppendProtectAll with the standard
// library reference on random keys, counters and every length class, and
// unprotects the result segment by segment.
func TestProtectAllMatchesStdlib(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	buf := make([]byte, 4*MaxMACOnlyPlaintext)
	for _, tag := range []byte{Tag86, Tag87, Tag88} {
		for _, n := range testLengths(tag) {
			ks := randKeys(rng)
			fill(rng, buf)
			pt := buf[:n]
			s, r, card := NewSession(&ks), newRef(&ks), NewSession(&ks)
			ctr := 1 + rng.Uint64N(1<<40)
			s.SetCounter(ctr)
			r.counter = ctr
			card.SetCounter(ctr)
			got, err := s.AppendProtectAll([]byte{1, 2, 3}, tag, pt)
			if err != nil {
				t.Fatal(err)
			}
			want := r.appendProtectAll([]byte{1, 2, 3}, tag, pt)
			if !bytes.Equal(got, want) {
				t.Fatalf("tag %02x len %d: differs from the stdlib reference", tag, n)
			}
			if len(got)-3 != ProtectedLen(tag, n) {
				t.Fatalf("tag %02x len %d: %d bytes, ProtectedLen says %d", tag, n, len(got)-3, ProtectedLen(tag, n))
			}
			if s.Counter() != r.counter || s.MCV() != r.mcv {
				t.Fatalf("tag %02x len %d: state differs after protect", tag, n)
			}
			// Unprotect every segment back.
			rest := got[3:]
			var back []byte
			segs := 0
			for len(rest) > 0 {
				_, hlen, dlen, err := ParseSegment(rest[:min(len(rest), MaxSegmentSize)])
				if err != nil && len(rest) > MaxSegmentSize {
					_, hlen, dlen, err = ParseSegment(rest[:MaxSegmentSize])
				}
				if err != nil {
					t.Fatalf("tag %02x len %d: segment %d: %v", tag, n, segs, err)
				}
				l := hlen + dlen + MACSize
				var tg byte
				back, tg, err = card.AppendUnprotect(back, rest[:l])
				if err != nil || tg != tag {
					t.Fatalf("tag %02x len %d: unprotect segment %d: %v", tag, n, segs, err)
				}
				rest = rest[l:]
				segs++
			}
			if !bytes.Equal(back, pt) || segs != Segments(tag, n) {
				t.Fatalf("tag %02x len %d: round trip failed (%d segments)", tag, n, segs)
			}
			if card.Counter() != s.Counter() || card.MCV() != s.MCV() {
				t.Fatalf("tag %02x len %d: eUICC state differs from SM-DP+ state", tag, n)
			}
		}
	}
}

// TestProtectLanesMatchesSerial runs random batches (up to 20 jobs, mixed
// tags and lengths) through ProtectLanes and checks every job against the
// stdlib reference.
func TestProtectLanesMatchesSerial(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	tags := []byte{Tag86, Tag87, Tag88}
	for round := 0; round < 40; round++ {
		nj := 1 + rng.IntN(20)
		jobs := make([]ProtectJob, nj)
		refs := make([][]byte, nj)
		for i := range jobs {
			tag := tags[rng.IntN(3)]
			ls := testLengths(tag)
			n := ls[rng.IntN(len(ls))]
			if rng.IntN(4) == 0 {
				n = rng.IntN(12000)
			}
			pt := make([]byte, n)
			fill(rng, pt)
			ks := randKeys(rng)
			jobs[i] = ProtectJob{Session: NewSession(&ks), Tag: tag, Plaintext: pt, Dst: []byte{byte(i)}}
			refs[i] = newRef(&ks).appendProtectAll([]byte{byte(i)}, tag, pt)
		}
		ProtectLanes(jobs)
		for i := range jobs {
			if jobs[i].Err != nil {
				t.Fatal(jobs[i].Err)
			}
			if !bytes.Equal(jobs[i].Dst, refs[i]) {
				t.Fatalf("round %d job %d (tag %02x, %d bytes): differs from reference", round, i, jobs[i].Tag, len(jobs[i].Plaintext))
			}
		}
	}
}

func TestProtectLanesErrors(t *testing.T) {
	ks := mode51Keys(t)
	s := NewSession(&ks)
	dead := NewSession(&ks)
	dead.Destroy()
	jobs := []ProtectJob{
		{Session: s, Tag: Tag86, Plaintext: []byte("x")},
		{Session: s, Tag: Tag86, Plaintext: []byte("y")},
		{Session: nil, Tag: Tag86},
		{Session: dead, Tag: Tag86},
		{Session: NewSession(&ks), Tag: 0x85},
	}
	ProtectLanes(jobs)
	want := []error{nil, ErrSessionInUseTwice, ErrSessionDestroyed, ErrSessionDestroyed, ErrInvalidTag}
	for i := range jobs {
		if jobs[i].Err != want[i] {
			t.Errorf("job %d: err %v, want %v", i, jobs[i].Err, want[i])
		}
	}
	if s.busy || s.Counter() != 2 {
		t.Fatalf("session state after batch: busy %v counter %d", s.busy, s.Counter())
	}
}

// TestTamper flips every bit of protected segments: a flip in the data or
// the C-MAC is a security error; a flip in the header is a security or
// structure error; the session state is unchanged by any failure, so the
// genuine segment still opens afterwards.
func TestTamper(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, tag := range []byte{Tag86, Tag87, Tag88} {
		for _, n := range []int{0, 15, 16, 100, 200, MaxEncryptedPlaintext} {
			ks := randKeys(rng)
			pt := make([]byte, n)
			fill(rng, pt)
			seg, err := NewSession(&ks).AppendProtect(nil, tag, pt)
			if err != nil {
				t.Fatal(err)
			}
			card := NewSession(&ks)
			_, hlen, _, _ := ParseSegment(seg)
			bad := make([]byte, len(seg))
			for bit := 0; bit < 8*len(seg); bit++ {
				copy(bad, seg)
				bad[bit/8] ^= 1 << (bit % 8)
				out, _, err := card.AppendUnprotect(nil, bad)
				if err == nil {
					t.Fatalf("tag %02x len %d: flipped bit %d accepted", tag, n, bit)
				}
				if out != nil {
					t.Fatalf("output returned with an error")
				}
				if bit/8 >= hlen && !errors.Is(err, ErrSecurity) {
					t.Fatalf("tag %02x len %d bit %d: %v, want ErrSecurity", tag, n, bit, err)
				}
				if !errors.Is(err, ErrSecurity) && !errors.Is(err, ErrStructure) {
					t.Fatalf("unclassified error %v", err)
				}
			}
			if card.Counter() != 1 || card.MCV() != ks.MCV {
				t.Fatal("failed unprotects changed the session")
			}
			back, _, err := card.AppendUnprotect(nil, seg)
			if err != nil || !bytes.Equal(back, pt) {
				t.Fatalf("genuine segment after tampering: %v", err)
			}
		}
	}
}

// TestWrongCounterAndMCV: the MCV is covered by the C-MAC, so a wrong MCV is
// a security error. The counter only feeds the ICV: with the wrong counter
// the ConfigureISDP segment of RSP-FACTS §4.6 (a single block) decrypts to
// garbage whose padding is rejected.
func TestWrongCounterAndMCV(t *testing.T) {
	ks := mode51Keys(t)
	seg := unhex(t, mode51Segments()[0].protected)
	for _, ctr := range []uint64{0, 2, 3, 1 << 32} {
		s := NewSession(&ks)
		s.SetCounter(ctr)
		out, _, err := s.AppendUnprotect(nil, seg)
		if !errors.Is(err, ErrStructure) || out != nil {
			t.Fatalf("counter %d: err %v", ctr, err)
		}
	}
	bad := ks
	bad.MCV[5] ^= 0x40
	if _, _, err := NewSession(&bad).AppendUnprotect(nil, seg); !errors.Is(err, ErrSecurity) {
		t.Fatalf("wrong MCV: %v", err)
	}
	// Multi-block segment with the wrong counter: the first block is garbled.
	pt := bytes.Repeat([]byte{0x5a}, 100)
	seg2, _ := NewSession(&ks).AppendProtect(nil, Tag86, pt)
	s := NewSession(&ks)
	s.SetCounter(7)
	if out, _, err := s.AppendUnprotect(nil, seg2); err == nil && bytes.Equal(out, pt) {
		t.Fatal("wrong counter gave back the plaintext")
	}
}

// TestBadPaddingValidMAC builds segments whose C-MAC is right but whose
// decrypted last block is not ISO/IEC 9797-1 method 2 padding.
func TestBadPaddingValidMAC(t *testing.T) {
	ks := mode51Keys(t)
	cases := [][]byte{
		make([]byte, 16), // no 80 at all
		append(bytes.Repeat([]byte{1}, 15), 0x01), // last byte not 00/80
		append(bytes.Repeat([]byte{1}, 14), 0x80, 0x01),
		append([]byte{0x80}, make([]byte, 31)...), // 80 more than 15 zeros before the end
		append(bytes.Repeat([]byte{2}, 16), append([]byte{0x81}, make([]byte, 15)...)...),
	}
	for i, raw := range cases {
		seg := newRef(&ks).appendProtect(nil, Tag87, raw, true)
		s := NewSession(&ks)
		out, _, err := s.AppendUnprotect(nil, seg)
		if !errors.Is(err, ErrStructure) || errors.Is(err, ErrSecurity) || out != nil {
			t.Errorf("case %d: err %v", i, err)
		}
		var e *Error
		if !errors.As(err, &e) || e.Reason != ReasonStructureError {
			t.Errorf("case %d: reason not 7: %v", i, err)
		}
		if s.Counter() != 1 {
			t.Errorf("case %d: counter moved", i)
		}
	}
	// Good padding in the same construction is accepted (the test is sound).
	good := append(bytes.Repeat([]byte{3}, 17), 0x80)
	good = append(good, make([]byte, 14)...)
	seg := newRef(&ks).appendProtect(nil, Tag87, good, true)
	out, _, err := NewSession(&ks).AppendUnprotect(nil, seg)
	if err != nil || !bytes.Equal(out, good[:17]) {
		t.Fatalf("valid raw padding: %v %x", err, out)
	}
}

func TestStructureErrors(t *testing.T) {
	ks := mode51Keys(t)
	s := NewSession(&ks)
	valid := unhex(t, mode51Segments()[0].protected)
	long := make([]byte, MaxSegmentSize+1)
	long[0], long[1], long[2], long[3] = Tag86, 0x82, 0x03, 0xfd
	for i, seg := range [][]byte{
		nil, {0x86}, {0x86, 0x00}, {0x86, 0x07, 1, 2, 3, 4, 5, 6, 7},
		{0x85, 0x08, 1, 2, 3, 4, 5, 6, 7, 8},
		{0x86, 0x08, 1, 2, 3, 4, 5, 6, 7, 8}, // encrypted data empty
		{0x86, 0x80}, {0x86, 0x83, 0, 0, 8}, {0x86, 0x81}, {0x86, 0x82, 0x00},
		append(valid, 0), valid[:len(valid)-1], long,
		append([]byte{0x87, 0x0f}, make([]byte, 15)...), // 7 data bytes, not a block
	} {
		out, _, err := s.AppendUnprotect([]byte{9}, seg)
		if !errors.Is(err, ErrStructure) || len(out) != 1 {
			t.Errorf("case %d (%x): err %v", i, seg, err)
		}
	}
	if _, err := s.AppendProtect(nil, Tag87, make([]byte, MaxEncryptedPlaintext+1)); err != ErrPlaintextTooLong {
		t.Errorf("1008-byte 87 plaintext: %v", err)
	}
	if _, err := s.AppendProtect(nil, Tag88, make([]byte, MaxMACOnlyPlaintext+1)); err != ErrPlaintextTooLong {
		t.Errorf("1009-byte 88 plaintext: %v", err)
	}
	if seg, err := s.AppendProtect(nil, Tag88, make([]byte, MaxMACOnlyPlaintext)); err != nil || len(seg) != MaxSegmentSize {
		t.Errorf("1008-byte 88 plaintext: %v, %d bytes", err, len(seg))
	}
	if _, err := s.AppendProtect(nil, 0x89, nil); err != ErrInvalidTag {
		t.Errorf("tag 89: %v", err)
	}
	// Long-form lengths that are not minimal are accepted as received.
	r := newRef(&ks)
	seg := r.appendProtect(nil, Tag88, []byte{1, 2, 3}, false) // 88 0b ...
	nonMin := append([]byte{0x88, 0x81, 0x0b}, seg[2:]...)
	r2 := newRef(&ks)
	r2.cmac(nonMin[:len(nonMin)-8])
	copy(nonMin[len(nonMin)-8:], r2.x[:8])
	if out, _, err := NewSession(&ks).AppendUnprotect(nil, nonMin); err != nil || !bytes.Equal(out, []byte{1, 2, 3}) {
		t.Errorf("non-minimal length: %v", err)
	}
}

func TestDestroy(t *testing.T) {
	ks := mode51Keys(t)
	s := NewSession(&ks)
	s.Destroy()
	if !reflect.ValueOf(s).Elem().IsZero() {
		t.Fatal("Destroy left state behind")
	}
	if _, err := s.AppendProtect(nil, Tag86, nil); err != ErrSessionDestroyed {
		t.Fatal(err)
	}
	if _, _, err := s.AppendUnprotect(nil, unhex(t, mode51Segments()[0].protected)); err != ErrSessionDestroyed {
		t.Fatal(err)
	}
	s.ReplaceSessionKeys(&ks)
	got, _ := s.AppendProtect(nil, Tag87, []byte{0xbf, 0x24, 0x00})
	if !bytes.Equal(got, unhex(t, mode51Segments()[0].protected)) {
		t.Fatal("re-keyed session does not reproduce the vector")
	}
}

func TestErrorStrings(t *testing.T) {
	if got := errMAC.Error(); got != "scp03t: C-MAC mismatch (scp03tSecurityError(8))" {
		t.Errorf("errMAC: %q", got)
	}
	if !errors.Is(errPadding, ErrStructure) || errors.Is(errPadding, ErrSecurity) {
		t.Error("errPadding classification")
	}
}

// TestAllocs pins zero allocations for protect, protect-all, lanes and
// unprotect on pre-sized buffers.
func TestAllocs(t *testing.T) {
	ks := mode51Keys(t)
	s, card := NewSession(&ks), NewSession(&ks)
	pt := make([]byte, 3000)
	out := make([]byte, 0, 4096)
	back := make([]byte, 0, 4096)
	seg, _ := NewSession(&ks).AppendProtect(nil, Tag86, pt[:1000])
	jobs := make([]ProtectJob, 12) // 12 sessions: up to 16 chains (the VAES kernel where present)
	sess := make([]*Session, 12)
	bufs := make([][]byte, 12)
	for i := range jobs {
		sess[i] = NewSession(&ks)
		bufs[i] = make([]byte, 0, 4096)
	}
	for name, f := range map[string]func(){
		"AppendProtect":    func() { out, _ = s.AppendProtect(out[:0], Tag86, pt[:1000]) },
		"AppendProtect88":  func() { out, _ = s.AppendProtect(out[:0], Tag88, pt[:1000]) },
		"AppendProtectAll": func() { out, _ = s.AppendProtectAll(out[:0], Tag86, pt) },
		"AppendUnprotect": func() {
			card.SetCounter(1)
			card.mcv = ks.MCV
			var err error
			back, _, err = card.AppendUnprotect(back[:0], seg)
			if err != nil {
				panic(err)
			}
		},
		"AppendUnprotectFail": func() { back, _, _ = card.AppendUnprotect(back[:0], out[:40]) },
		"ProtectLanes": func() {
			for i := range jobs {
				jobs[i] = ProtectJob{Session: sess[i], Tag: Tag86, Plaintext: pt, Dst: bufs[i][:0]}
			}
			ProtectLanes(jobs)
		},
		"CMAC": func() { _ = CMAC(&ks.MAC, pt) },
	} {
		if a := testing.AllocsPerRun(20, f); a != 0 {
			t.Errorf("%s: %v allocs per run, want 0", name, a)
		}
	}
}

// TestPaddingLen checks the constant-time padding parser against a plain
// scan on every block of the form X ‖ 80 ‖ 00…, and on random blocks.
func TestPaddingLen(t *testing.T) {
	plain := func(b []byte) (int, bool) {
		i := 15
		for i >= 0 && b[i] == 0 {
			i--
		}
		if i < 0 || b[i] != 0x80 {
			return 0, false
		}
		return 16 - i, true
	}
	rng := rand.New(rand.NewPCG(35, 36))
	var b [16]byte
	for iter := 0; iter < 20000; iter++ {
		fill(rng, b[:])
		if iter%2 == 0 {
			k := rng.IntN(16)
			b[k] = 0x80
			clear(b[k+1:])
		}
		if iter%7 == 0 {
			b[rng.IntN(16)] = byte(rng.IntN(3)) * 0x40
		}
		n, ok := paddingLen(b[:])
		wn, wok := plain(b[:])
		if ok != wok || (ok && n != wn) {
			t.Fatalf("%x: got %d %v, want %d %v", b, n, ok, wn, wok)
		}
	}
	if _, ok := paddingLen(make([]byte, 16)); ok {
		t.Fatal("all-zero block accepted")
	}
}

// TestUnprotectInPlace: AppendUnprotect(segment[:0], segment) decrypts over
// the segment itself (the plaintext lands hlen bytes before the data), with
// every kernel available here.
func TestUnprotectInPlace(t *testing.T) {
	rng := rand.New(rand.NewPCG(39, 40))
	for _, tag := range []byte{Tag86, Tag88} {
		for n := 0; n <= maxPlaintext(tag); n += 7 {
			ks := randKeys(rng)
			pt := make([]byte, n)
			fill(rng, pt)
			seg, _ := NewSession(&ks).AppendProtect(nil, tag, pt)
			out, _, err := NewSession(&ks).AppendUnprotect(seg[:0], seg)
			if err != nil || !bytes.Equal(out, pt) {
				t.Fatalf("tag %02x len %d in place: %v", tag, n, err)
			}
		}
	}
}
