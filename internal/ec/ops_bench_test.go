package ec

import (
	"testing"

	"github.com/rspengine/rspengine/internal/field"
)

// BenchmarkPointOps measures the formulas and the inversions that the scalar multiplications are made of.
func BenchmarkPointOps(b *testing.B) {
	var p, q p256Point
	p.setAffine(&p256G)
	q.double(&p)
	b.Run("P-256/add", func(b *testing.B) {
		for b.Loop() {
			p.add(&p, &q)
		}
	})
	b.Run("P-256/addAffine", func(b *testing.B) {
		for b.Loop() {
			p.addAffine(&p, &p256G)
		}
	})
	b.Run("P-256/double", func(b *testing.B) {
		for b.Loop() {
			p.double(&p)
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
	b.Run("BP256/addAffine", func(b *testing.B) {
		for b.Loop() {
			bp.addAffine(&bp, &bp256G)
		}
	})
	b.Run("BP256/double", func(b *testing.B) {
		for b.Loop() {
			bp.double(&bp)
		}
	})
}
