package bpp

import (
	"crypto/rand"
	"fmt"
	"testing"
)

// TestAllocs pins the hot paths: Builder.AppendBuild into a buffer with room
// (otSK.DP given) and Loader.Feed over a whole BPP with a large enough scratch
// allocate nothing.
func TestAllocs(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("allocation counts are not pinned in -short or -race runs")
	}
	s := newFreshSession(t, "fresh-NIST", make([]byte, 12<<10), true)
	s.in.SmdpOtSK = mustKey(t)
	s.in.Rand = rand.Reader
	var b Builder
	buf := make([]byte, 0, BuildLen(s.in))
	if n := testing.AllocsPerRun(20, func() {
		var err error
		if buf, err = b.AppendBuild(buf[:0], s.in); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("AppendBuild: %v allocations", n)
	}
	segs := segmentsOf(t, buf)
	var l Loader
	scratch := make([]byte, 0, 4096)
	var h nopHandler
	if n := testing.AllocsPerRun(20, func() {
		l.Reset(s.cfg, h, scratch)
		for _, sg := range segs {
			if _, err := l.Feed(sg); err != nil {
				t.Fatal(err)
			}
		}
		if !l.Done() {
			t.Fatal("not done")
		}
	}); n != 0 {
		t.Errorf("Loader: %v allocations", n)
	}
}

func BenchmarkBuild(b *testing.B) {
	for _, size := range []int{12 << 10, 60 << 10} {
		s := newFreshSession(b, "fresh-NIST", make([]byte, size), false)
		s.in.SmdpOtSK = mustKey(b)
		name := fmt.Sprintf("size=%dKiB", size>>10)
		b.Run(name+"/impl=rspengine", func(b *testing.B) {
			var bl Builder
			buf := make([]byte, 0, BuildLen(s.in))
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if buf, err = bl.AppendBuild(buf[:0], s.in); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/impl=stdlib", func(b *testing.B) {
			otsk, dppb := stdKeys(b, s.in)
			buf := make([]byte, 0, BuildLen(s.in))
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if buf, err = refBuild(buf[:0], s.in, otsk, dppb, rand.Reader); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoad: the eUICC side over a whole BPP (ECDH, KDF, signature
// verification, every C-MAC and decryption).
func BenchmarkLoad(b *testing.B) {
	for _, size := range []int{12 << 10, 60 << 10} {
		s := newFreshSession(b, "fresh-NIST", make([]byte, size), false)
		bpp, err := AppendBuild(nil, s.in)
		if err != nil {
			b.Fatal(err)
		}
		segs := segmentsOf(b, bpp)
		b.Run(fmt.Sprintf("size=%dKiB/impl=rspengine", size>>10), func(b *testing.B) {
			var l Loader
			scratch := make([]byte, 0, 4096)
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				l.Reset(s.cfg, nopHandler{}, scratch)
				for _, sg := range segs {
					if _, err := l.Feed(sg); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
		b.Run(fmt.Sprintf("size=%dKiB/impl=stdlib", size>>10), func(b *testing.B) {
			pk, otsk := stdLoadKeys(b, s)
			scratch := make([]byte, 0, 4096)
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if err := refLoad(segs, s.in.TransactionID, s.in.EID, s.in.EuiccOtpk, pk, otsk, scratch, func([]byte) {}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
