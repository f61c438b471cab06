package asn1der

import (
	"bytes"
	"testing"
)

// cursorAgrees checks that Cursor accepts, rejects and splits b exactly as a
// strict-DER Reader does, through Next, Expect and Optional.
func cursorAgrees(t *testing.T, b []byte) {
	t.Helper()
	c := Cursor(b)
	tag, val, raw, ok := c.Next()
	r := NewReader(b)
	v, err := r.Next()
	if ok != (err == nil) {
		t.Fatalf("% x: Cursor ok=%v, Reader err=%v", b, ok, err)
	}
	if !ok {
		if !bytes.Equal(c, b) {
			t.Fatalf("% x: Cursor moved on failure", b)
		}
		return
	}
	if tag != v.Tag || !bytes.Equal(val, v.Value) || !bytes.Equal(raw, v.Raw) || !bytes.Equal(c, r.Rest()) {
		t.Fatalf("% x: Cursor and Reader split differently", b)
	}
	if c.PeekTag() != r.PeekTag() {
		t.Fatalf("% x: PeekTag differs", b)
	}
	// Expect with the right tag and with another one.
	e := Cursor(b)
	if ev, er, ok := e.Expect(v.Tag); !ok || !bytes.Equal(ev, v.Value) || !bytes.Equal(er, v.Raw) {
		t.Fatalf("% x: Expect(%v) failed", b, v.Tag)
	}
	w := Cursor(b)
	if _, _, ok := w.Expect(v.Tag ^ 0x01); ok || !bytes.Equal(w, b) {
		t.Fatalf("% x: Expect with a wrong tag succeeded or moved", b)
	}
	o := Cursor(b)
	if ov, present, ok := o.Optional(v.Tag); !ok || !present || !bytes.Equal(ov, v.Value) {
		t.Fatalf("% x: Optional failed", b)
	}
}

// TestCursorMatchesReader runs the agreement check on the length and tag edge
// cases of X.690 §8.1 / §10.1, on RSP-style multi-octet tags, and on every
// prefix and suffix of a nested message.
func TestCursorMatchesReader(t *testing.T) {
	cases := [][]byte{
		nil, {0x30}, {0x30, 0x00}, {0x00, 0x00}, {0x04, 0x01, 0xAA}, {0x04, 0x02, 0xAA},
		{0x30, 0x80, 0x00, 0x00}, {0x04, 0x81, 0x7F}, {0x04, 0x81, 0x80}, {0x04, 0x82, 0x00, 0x80},
		{0x04, 0x82, 0x01, 0x00}, {0x04, 0x85, 1, 0, 0, 0, 0}, {0x04, 0xFF}, {0x04, 0x84, 0x80, 0, 0, 0},
		{0xBF, 0x38, 0x00}, {0x5F, 0x37, 0x01, 0xAA}, {0x1F, 0x05, 0x00}, {0xBF, 0x80, 0x38, 0x00},
		append([]byte{0x04, 0x81, 0x80}, make([]byte, 0x80)...),
		append([]byte{0x04, 0x82, 0x01, 0x00}, make([]byte, 0x100)...),
		append([]byte{0x04, 0x82, 0x00, 0xFF}, make([]byte, 0xFF)...),
	}
	for _, b := range cases {
		cursorAgrees(t, b)
	}
	msg := unhex(t, "bf380ca00a3003800101"+"5f3702aabb")
	for i := range msg {
		cursorAgrees(t, msg[:i])
		cursorAgrees(t, msg[i:])
	}
	if v, ok := ParseOne(msg, 0xBF38); !ok || len(v) != 12 {
		t.Error("ParseOne")
	}
	if _, ok := ParseOne(append(msg, 0), 0xBF38); ok {
		t.Error("ParseOne accepted trailing data")
	}
	c := Cursor(msg[3:])
	if _, present, ok := c.Optional(0x30); present || !ok {
		t.Error("Optional of an absent tag")
	}
}

// FuzzCursor: the agreement check on arbitrary bytes.
func FuzzCursor(f *testing.F) {
	f.Add([]byte{0x30, 0x03, 0x02, 0x01, 0x05})
	f.Add([]byte{0x04, 0x82, 0x00, 0x05, 1, 2, 3, 4, 5})
	f.Add([]byte{0xBF, 0x38, 0x03, 0x80, 0x01, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) { cursorAgrees(t, b) })
}

func TestCursorZeroAllocs(t *testing.T) {
	msg := unhex(t, "bf380ca00a3003800101"+"5f3702aabb")
	n := testing.AllocsPerRun(100, func() {
		c := Cursor(msg)
		v, _, ok := c.Expect(0xBF38)
		if !ok {
			panic("expect")
		}
		in := Cursor(v)
		a0, _, _ := in.Expect(0xA0)
		x := Cursor(a0)
		_, _, _, _ = x.Next()
		_, _, _ = x.Optional(0x5F37)
	})
	if n != 0 {
		t.Errorf("%v allocs", n)
	}
}
