package saip

import (
	"encoding/asn1"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

// BenchmarkParse feeds a TS.48 package (TS48v2, 12309 bytes) in 1007-byte
// chunks, the BPP segment size. impl=stdlib is the reference a careful
// engineer would write with encoding/asn1: split the package into RawValues
// and walk every constructed element recursively (TLV syntax only — it does
// less than the rspengine parser, which also checks the PE structures). The
// reference gets the whole package at once; rspengine gets it in chunks.
// golang.org/x/crypto/cryptobyte cannot serve as a reference here: the TS.48
// packages hold high-tag-number elements (BF24 inside an rfm PE), which
// cryptobyte does not read.
func BenchmarkParse(b *testing.B) {
	upp := ts48(ts48Files(b))
	b.Run("impl=rspengine", func(b *testing.B) {
		p := NewParser(asn1der.DER, func(*PE) error { return nil })
		b.SetBytes(int64(len(upp)))
		b.ReportAllocs()
		for b.Loop() {
			p.Reset()
			for off := 0; off < len(upp); off += 1007 {
				if err := p.Write(upp[off:min(off+1007, len(upp))]); err != nil {
					b.Fatal(err)
				}
			}
			if err := p.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=stdlib", func(b *testing.B) {
		b.SetBytes(int64(len(upp)))
		b.ReportAllocs()
		for b.Loop() {
			if err := stdlibWalk(upp); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// stdlibWalk is the reference: encoding/asn1 RawValue splitting, recursive.
func stdlibWalk(b []byte) error {
	for len(b) > 0 {
		var v asn1.RawValue
		rest, err := asn1.Unmarshal(b, &v)
		if err != nil {
			return err
		}
		if v.IsCompound {
			if err := stdlibWalk(v.Bytes); err != nil {
				return err
			}
		}
		b = rest
	}
	return nil
}

func BenchmarkAppendDefaultProfile(b *testing.B) {
	p := DefaultParams()
	buf := make([]byte, 0, 512)
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendDefaultProfile(buf[:0], &p)
	}
	b.SetBytes(int64(len(buf)))
}
