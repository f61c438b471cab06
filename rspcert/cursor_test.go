package rspcert

import (
	"bytes"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

// cursorAgrees checks cursor.next against asn1der's strict DER reader on b:
// for a one-octet tag both accept or both reject, and split the same way.
func cursorAgrees(t *testing.T, b []byte) {
	if len(b) > 0 && b[0]&0x1F == 0x1F {
		return // multi-octet tags: the cursor rejects them by design (X.509 has none)
	}
	c := cursor(b)
	tag, val, raw, ok := c.next()
	r := asn1der.NewReader(b)
	v, err := r.Next()
	if ok != (err == nil) {
		t.Fatalf("% x: cursor ok=%v, asn1der err=%v", b, ok, err)
	}
	if ok && (asn1der.Tag(tag) != v.Tag || !bytes.Equal(val, v.Value) || !bytes.Equal(raw, v.Raw) || !bytes.Equal(c, r.Rest())) {
		t.Fatalf("% x: cursor and asn1der split differently", b)
	}
}

// TestCursorMatchesAsn1der runs the agreement check on edge cases of X.690
// §8.1 / §10.1 (lengths) and on every prefix of every SGP.26 certificate.
func TestCursorMatchesAsn1der(t *testing.T) {
	cases := [][]byte{
		nil, {0x30}, {0x30, 0x00}, {0x00, 0x00}, {0x04, 0x01, 0xAA}, {0x04, 0x02, 0xAA},
		{0x30, 0x80, 0x00, 0x00}, {0x04, 0x81, 0x7F}, {0x04, 0x81, 0x80}, {0x04, 0x82, 0x00, 0x80},
		{0x04, 0x82, 0x01, 0x00}, {0x04, 0x85, 1, 0, 0, 0, 0}, {0x04, 0xFF}, {0x04, 0x84, 0x80, 0, 0, 0},
		append([]byte{0x04, 0x81, 0x80}, make([]byte, 0x80)...),
		append([]byte{0x04, 0x82, 0x01, 0x00}, make([]byte, 0x100)...),
		append([]byte{0x04, 0x82, 0x00, 0xFF}, make([]byte, 0xFF)...),
	}
	for _, b := range cases {
		cursorAgrees(t, b)
	}
	for _, der := range sgp26Names() {
		for i := range der {
			cursorAgrees(t, der[:i])
			cursorAgrees(t, der[i:])
		}
	}
}

// FuzzCursor: the agreement check on arbitrary bytes.
func FuzzCursor(f *testing.F) {
	f.Add([]byte{0x30, 0x03, 0x02, 0x01, 0x05})
	f.Add([]byte{0x04, 0x82, 0x00, 0x05, 1, 2, 3, 4, 5})
	f.Fuzz(func(t *testing.T, b []byte) { cursorAgrees(t, b) })
}
