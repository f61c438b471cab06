package scp03t

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
)

// cpuMetric pins the benchmark to its thread and, when it ends, reports the
// thread's CPU time per operation as "cpu-ns/op". On a shared, overloaded
// machine wall time mostly measures waiting for a CPU; CPU time is the
// steadier basis for the ratios. Use: defer cpuMetric(b)().
func cpuMetric(b *testing.B) func() {
	runtime.LockOSThread()
	start := threadCPU()
	return func() {
		end := threadCPU()
		runtime.UnlockOSThread()
		if start >= 0 && end >= start && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
		}
	}
}

// The benchmarks put the standard-library reference (ref_test.go: crypto/aes,
// reused CBC block modes, CMAC over cipher.Block) beside this package as
// impl=stdlib / impl=rspengine sub-benchmarks so benchstat shows the ratio.

var benchSizes = []struct {
	name string
	n    int
}{{"12KiB", 12 << 10}, {"60KiB", 60 << 10}}

func benchKeys() KeySet {
	return randKeys(rand.New(rand.NewPCG(11, 12)))
}

func benchPlaintext(n int) []byte {
	p := make([]byte, n)
	fill(rand.New(rand.NewPCG(13, 14)), p)
	return p
}

func BenchmarkProtectProfile(b *testing.B) {
	ks := benchKeys()
	for _, sz := range benchSizes {
		pt := benchPlaintext(sz.n)
		out := make([]byte, 0, ProtectedLen(Tag86, sz.n))
		b.Run("size="+sz.name+"/impl=rspengine", func(b *testing.B) {
			defer cpuMetric(b)()
			s := NewSession(&ks)
			b.SetBytes(int64(sz.n))
			b.ReportAllocs()
			for b.Loop() {
				out, _ = s.AppendProtectAll(out[:0], Tag86, pt)
			}
		})
		b.Run("size="+sz.name+"/impl=stdlib", func(b *testing.B) {
			defer cpuMetric(b)()
			r := newRef(&ks)
			b.SetBytes(int64(sz.n))
			b.ReportAllocs()
			for b.Loop() {
				out = r.appendProtectAll(out[:0], Tag86, pt)
			}
		})
	}
}

// splitSegments cuts a concatenation of segments made by AppendProtectAll.
func splitSegments(b []byte) [][]byte {
	var segs [][]byte
	for len(b) > 0 {
		_, hlen, dlen, err := ParseSegment(b[:min(len(b), MaxSegmentSize)])
		if err != nil {
			panic(err)
		}
		n := hlen + dlen + MACSize
		segs = append(segs, b[:n])
		b = b[n:]
	}
	return segs
}

// BenchmarkUnprotectProfile is the eUICC's side: every 86 segment of a
// profile verified and decrypted, one at a time as the loader receives them.
func BenchmarkUnprotectProfile(b *testing.B) {
	ks := benchKeys()
	for _, sz := range benchSizes {
		pt := benchPlaintext(sz.n)
		prot, _ := NewSession(&ks).AppendProtectAll(nil, Tag86, pt)
		segs := splitSegments(prot)
		out := make([]byte, 0, sz.n+16)
		b.Run("size="+sz.name+"/impl=rspengine", func(b *testing.B) {
			defer cpuMetric(b)()
			s := NewSession(&ks)
			b.SetBytes(int64(sz.n))
			b.ReportAllocs()
			for b.Loop() {
				s.mcv, s.counter = ks.MCV, 1
				out = out[:0]
				for _, seg := range segs {
					var err error
					if out, _, err = s.AppendUnprotect(out, seg); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
		b.Run("size="+sz.name+"/impl=stdlib", func(b *testing.B) {
			defer cpuMetric(b)()
			r := newRef(&ks)
			b.SetBytes(int64(sz.n))
			b.ReportAllocs()
			for b.Loop() {
				r.mcv, r.counter = ks.MCV, 1
				out = out[:0]
				for _, seg := range segs {
					var ok bool
					if out, ok = r.appendUnprotect(out, seg); !ok {
						b.Fatal("reference unprotect failed")
					}
				}
			}
		})
	}
}

// BenchmarkProtectLanes protects one 12 KiB profile for each of `lanes`
// sessions. impl=stdlib does the same work one session after the other, so
// the ratio is the aggregate throughput against the reference's
// single-session throughput.
func BenchmarkProtectLanes(b *testing.B) {
	const n = 12 << 10
	pt := benchPlaintext(n)
	rng := rand.New(rand.NewPCG(15, 16))
	for _, lanes := range []int{2, 4, 8, 16} {
		keys := make([]KeySet, lanes)
		bufs := make([][]byte, lanes)
		for i := range keys {
			keys[i] = randKeys(rng)
			bufs[i] = make([]byte, 0, ProtectedLen(Tag86, n))
		}
		b.Run(fmt.Sprintf("lanes=%d/impl=rspengine", lanes), func(b *testing.B) {
			defer cpuMetric(b)()
			jobs := make([]ProtectJob, lanes)
			sess := make([]*Session, lanes)
			for i := range sess {
				sess[i] = NewSession(&keys[i])
			}
			b.SetBytes(int64(lanes * n))
			b.ReportAllocs()
			for b.Loop() {
				for i := range jobs {
					jobs[i] = ProtectJob{Session: sess[i], Tag: Tag86, Plaintext: pt, Dst: bufs[i][:0]}
				}
				ProtectLanes(jobs)
			}
		})
		b.Run(fmt.Sprintf("lanes=%d/impl=stdlib", lanes), func(b *testing.B) {
			defer cpuMetric(b)()
			refs := make([]*refSession, lanes)
			for i := range refs {
				refs[i] = newRef(&keys[i])
			}
			b.SetBytes(int64(lanes * n))
			b.ReportAllocs()
			for b.Loop() {
				for i, r := range refs {
					bufs[i] = r.appendProtectAll(bufs[i][:0], Tag86, pt)
				}
			}
		})
	}
}

// BenchmarkProtectSegment: one full 1007-byte segment (serial chains).
func BenchmarkProtectSegment(b *testing.B) {
	ks := benchKeys()
	pt := benchPlaintext(MaxEncryptedPlaintext)
	out := make([]byte, 0, MaxSegmentSize)
	b.Run("impl=rspengine", func(b *testing.B) {
		defer cpuMetric(b)()
		s := NewSession(&ks)
		b.SetBytes(int64(len(pt)))
		b.ReportAllocs()
		for b.Loop() {
			out, _ = s.AppendProtect(out[:0], Tag86, pt)
		}
	})
	b.Run("impl=stdlib", func(b *testing.B) {
		defer cpuMetric(b)()
		r := newRef(&ks)
		b.SetBytes(int64(len(pt)))
		b.ReportAllocs()
		for b.Loop() {
			out = r.appendProtect(out[:0], Tag86, pt, false)
		}
	})
}
