package ec

import (
	"sync"
	"testing"

	"github.com/rspengine/rspengine/internal/field"
)

// BenchmarkPointOps measures the formulas and the inversions that the scalar multiplications are made of: the
// complete projective ones, and the Jacobian doubling and constant-time window step of ECDH and signing (the
// brainpool ones on its working curve; the values themselves do not matter for timing).
func BenchmarkPointOps(b *testing.B) {
	var p, q p256Point
	p.setAffine(&p256G)
	q.double(&p)
	b.Run("P-256/add", func(b *testing.B) {
		for b.Loop() {
			p.add(&p, &q)
		}
	})
	b.Run("P-256/double", func(b *testing.B) {
		for b.Loop() {
			p.double(&p)
		}
	})
	var pj p256Jac
	pj.setAffine(&p256G)
	b.Run("P-256/jacDouble", func(b *testing.B) {
		for b.Loop() {
			pj.double(&pj)
		}
	})
	b.Run("P-256/jacAddAffineSelect", func(b *testing.B) {
		for b.Loop() {
			pj.addAffineSelect(&p256G, 1, 0)
		}
	})
	b.Run("P-256/scalarInvert", func(b *testing.B) {
		var s field.P256Scalar
		s.SetBytes(p256GxBytes[:])
		for b.Loop() {
			s.Invert(&s)
		}
	})
	var bp, bq bp256Point
	bp.setAffine(&bp256G)
	bq.double(&bp)
	b.Run("BP256/add", func(b *testing.B) {
		for b.Loop() {
			bp.add(&bp, &bq)
		}
	})
	b.Run("BP256/double", func(b *testing.B) {
		for b.Loop() {
			bp.double(&bp)
		}
	})
	var bj bp256Jac
	bj.setAffine(&bp256G)
	b.Run("BP256/jacDouble", func(b *testing.B) {
		for b.Loop() {
			bj.double(&bj)
		}
	})
	b.Run("BP256/jacAddAffineSelect", func(b *testing.B) {
		for b.Loop() {
			bj.addAffineSelect(&bp256G, 1, 0)
		}
	})
}

// BenchmarkTableBuild measures the one-time lazy table builds: the fixed-base table of ScalarBaseMult and the
// piece table of G used by verification (the same build as Precompute).
func BenchmarkTableBuild(b *testing.B) {
	var g p256Point
	g.setAffine(&p256G)
	b.Run("P-256/pieces", func(b *testing.B) {
		for b.Loop() {
			p256NewPieceTable(&g)
		}
	})
	b.Run("P-256/base", func(b *testing.B) {
		for b.Loop() {
			p256BaseTable = nil
			p256BaseOnce = sync.Once{}
			p256Base()
		}
	})
	var bg bp256Point
	bg.setAffine(&bp256G)
	b.Run("BP256/pieces", func(b *testing.B) {
		for b.Loop() {
			bp256NewPieceTable(&bg)
		}
	})
	b.Run("BP256/base", func(b *testing.B) {
		for b.Loop() {
			bp256BaseTable = nil
			bp256BaseOnce = sync.Once{}
			bp256Base()
		}
	})
}
