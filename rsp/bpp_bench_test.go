package rsp

import "testing"

// BenchmarkParseBoundProfilePackage: the LPA/eUICC view of a real 8 KB BPP
// (bpp@3, with a ReplaceSessionKeys sequence) and the walk over its 86
// segments, as an LPA does to split it into STORE DATA sequences.
func BenchmarkParseBoundProfilePackage(b *testing.B) {
	in, _ := rspBPPReal(b, 3)
	b.Run("impl=rspengine", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			x, err := ParseBoundProfilePackage(in)
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for s := range x.SequenceOf86.All() {
				n += len(s.Raw)
			}
			if n == 0 {
				b.Fatal("no segments")
			}
		}
	})
}
