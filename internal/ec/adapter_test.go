package ec

import (
	"math/big"

	"github.com/rspengine/rspengine/internal/field"
)

// curveAdapter runs the internal point operations of one curve on math/big affine points, so that one set of
// tests covers both curves. A projective input is the affine point scaled by z (z = 0 means the identity,
// encoded (0:1:0) scaled by a nonzero value).
type curveAdapter struct {
	ref        *refCurve
	add        func(p, q refPoint, zp, zq *big.Int) refPoint
	double     func(p refPoint, zp *big.Int) refPoint
	baseMult   func(k *[32]byte) refPoint
	scalarMult func(q refPoint, k *[32]byte) refPoint
	// Jacobian (variable-time) formulas; the input is (x·z², y·z³, z).
	jacAddAffine func(p refPoint, zp *big.Int, q refPoint) refPoint
	jacDouble    func(p refPoint, zp *big.Int) refPoint
	// jacAddDigit adds d·q (d = ±1, q ≠ O) to p as verification does (the AddDigit of a one-entry table).
	jacAddDigit func(p refPoint, zp *big.Int, q refPoint, d int16) refPoint
	// oddMultiples returns 1·p, 3·p, ..., 15·p from the co-Z table of verification (p ≠ O).
	oddMultiples func(p refPoint) []refPoint
	// checkR runs the x(R) mod n == r check on the projective point (x·z : 1 : z).
	checkR func(x, z *big.Int, r *[32]byte) bool
}

var adapters = []*curveAdapter{
	{
		ref: refP256,
		add: func(p, q refPoint, zp, zq *big.Int) refPoint {
			a, b := toP256(p, zp), toP256(q, zq)
			var r p256Point
			r.add(&a, &b)
			return fromP256(&r)
		},
		double: func(p refPoint, zp *big.Int) refPoint {
			a := toP256(p, zp)
			var r p256Point
			r.double(&a)
			return fromP256(&r)
		},
		baseMult: func(k *[32]byte) refPoint {
			var r p256Point
			p256BaseMult(&r, k)
			return fromP256(&r)
		},
		scalarMult: func(q refPoint, k *[32]byte) refPoint {
			a := toP256(q, big.NewInt(1))
			var qa p256Affine
			qa.x, qa.y = a.x, a.y
			var acc p256Jac
			flip := p256ScalarMultJac(&acc, &qa, k)
			var r p256Point
			r.fromJacobian(&acc)
			r.negateIf(flip) // the whole point, y's sign included
			return fromP256(&r)
		},
		jacAddAffine: func(p refPoint, zp *big.Int, q refPoint) refPoint {
			a, b := toP256Jac(p, zp), toP256Jac(q, big.NewInt(1))
			var qa p256Affine
			qa.x, qa.y = b.x, b.y
			var r p256Jac
			r.addAffine(&a, &qa)
			return fromP256Jac(&r)
		},
		jacDouble: func(p refPoint, zp *big.Int) refPoint {
			a := toP256Jac(p, zp)
			var r p256Jac
			r.double(&a)
			return fromP256Jac(&r)
		},
		jacAddDigit: func(p refPoint, zp *big.Int, q refPoint, d int16) refPoint {
			a, b := toP256Jac(p, zp), toP256Jac(q, big.NewInt(1))
			tab := []p256Affine{{x: b.x, y: b.y}}
			p256AddDigit(&a, tab, d)
			return fromP256Jac(&a)
		},
		oddMultiples: func(p refPoint) []refPoint {
			b := toP256Jac(p, big.NewInt(1))
			q := p256Affine{x: b.x, y: b.y}
			var tab [qSize]p256Jac
			p256OddMultiples(&tab, &q)
			var out []refPoint
			for i := range tab {
				out = append(out, fromP256Jac(&tab[i]))
			}
			return out
		},
		checkR: func(x, z *big.Int, r *[32]byte) bool {
			var p p256Jac
			p.x = p256Elem(new(big.Int).Mul(x, new(big.Int).Mul(z, z)))
			p.y.One()
			p.z = p256Elem(z)
			return p256CheckR(&p, r)
		},
	},
	{
		ref: refBP256,
		add: func(p, q refPoint, zp, zq *big.Int) refPoint {
			a, b := toBP256(p, zp), toBP256(q, zq)
			var r bp256Point
			r.add(&a, &b)
			return fromBP256(&r)
		},
		double: func(p refPoint, zp *big.Int) refPoint {
			a := toBP256(p, zp)
			var r bp256Point
			r.double(&a)
			return fromBP256(&r)
		},
		baseMult: func(k *[32]byte) refPoint {
			var r bp256Point
			bp256BaseMult(&r, k)
			return fromBP256(&r)
		},
		scalarMult: func(q refPoint, k *[32]byte) refPoint {
			a := toBP256(q, big.NewInt(1))
			var qa bp256Affine
			qa.x, qa.y = a.x, a.y
			var acc bp256Jac
			flip := bp256ScalarMultJac(&acc, &qa, k)
			var r bp256Point
			r.fromJacobian(&acc)
			r.negateIf(flip) // the whole point, y's sign included
			return fromBP256(&r)
		},
		// The Jacobian formulas work on the a = -3 twist (bp256ToWork): points go there and back.
		jacAddAffine: func(p refPoint, zp *big.Int, q refPoint) refPoint {
			a, b := toBP256Jac(p, zp), toBP256Jac(q, big.NewInt(1))
			bp256JacToWork(&a)
			var qa bp256Affine
			qa.x, qa.y = b.x, b.y
			bp256ToWork(&qa)
			var r bp256Jac
			r.addAffine(&a, &qa)
			bp256FromWork(&r)
			return fromBP256Jac(&r)
		},
		jacDouble: func(p refPoint, zp *big.Int) refPoint {
			a := toBP256Jac(p, zp)
			bp256JacToWork(&a)
			var r bp256Jac
			r.double(&a)
			bp256FromWork(&r)
			return fromBP256Jac(&r)
		},
		jacAddDigit: func(p refPoint, zp *big.Int, q refPoint, d int16) refPoint {
			a, b := toBP256Jac(p, zp), toBP256Jac(q, big.NewInt(1))
			bp256JacToWork(&a)
			tab := []bp256Affine{{x: b.x, y: b.y}}
			bp256ToWork(&tab[0])
			bp256AddDigit(&a, tab, d)
			bp256FromWork(&a)
			return fromBP256Jac(&a)
		},
		oddMultiples: func(p refPoint) []refPoint {
			b := toBP256Jac(p, big.NewInt(1))
			q := bp256Affine{x: b.x, y: b.y}
			bp256ToWork(&q)
			var tab [qSize]bp256Jac
			bp256OddMultiples(&tab, &q)
			var out []refPoint
			for i := range tab {
				bp256FromWork(&tab[i])
				out = append(out, fromBP256Jac(&tab[i]))
			}
			return out
		},
		checkR: func(x, z *big.Int, r *[32]byte) bool {
			var p bp256Jac
			p.x = bp256Elem(new(big.Int).Mul(x, new(big.Int).Mul(z, z)))
			p.y.One()
			p.z = bp256Elem(z)
			bp256JacToWork(&p)
			return bp256CheckR(&p, r)
		},
	},
}

func p256Elem(v *big.Int) (e field.P256Element) {
	var b [32]byte
	new(big.Int).Mod(v, refP256.p).FillBytes(b[:])
	if _, err := e.SetBytes(b[:]); err != nil {
		panic(err)
	}
	return
}

func bp256Elem(v *big.Int) (e field.BP256Element) {
	var b [32]byte
	new(big.Int).Mod(v, refBP256.p).FillBytes(b[:])
	if _, err := e.SetBytes(b[:]); err != nil {
		panic(err)
	}
	return
}

func toP256(p refPoint, z *big.Int) (r p256Point) {
	if p.inf {
		r.x.Zero()
		r.y = p256Elem(z)
		r.z.Zero()
		return
	}
	r.x = p256Elem(new(big.Int).Mul(p.x, z))
	r.y = p256Elem(new(big.Int).Mul(p.y, z))
	r.z = p256Elem(z)
	return
}

func toBP256(p refPoint, z *big.Int) (r bp256Point) {
	if p.inf {
		r.x.Zero()
		r.y = bp256Elem(z)
		r.z.Zero()
		return
	}
	r.x = bp256Elem(new(big.Int).Mul(p.x, z))
	r.y = bp256Elem(new(big.Int).Mul(p.y, z))
	r.z = bp256Elem(z)
	return
}

// fromP256 converts back; a point with Z = 0 must be (0 : Y : 0) with Y ≠ 0 to count as the identity,
// anything else is returned as an invalid marker (x = -1).
func fromP256(p *p256Point) refPoint {
	if p.z.IsZero() == 1 {
		if p.x.IsZero() == 1 && p.y.IsZero() == 0 {
			return refPoint{inf: true}
		}
		return refPoint{x: big.NewInt(-1), y: big.NewInt(-1)}
	}
	var a p256Affine
	p.toAffine(&a)
	xb, yb := a.x.Bytes(), a.y.Bytes()
	return refPoint{x: new(big.Int).SetBytes(xb[:]), y: new(big.Int).SetBytes(yb[:])}
}

func fromBP256(p *bp256Point) refPoint {
	if p.z.IsZero() == 1 {
		if p.x.IsZero() == 1 && p.y.IsZero() == 0 {
			return refPoint{inf: true}
		}
		return refPoint{x: big.NewInt(-1), y: big.NewInt(-1)}
	}
	var a bp256Affine
	p.toAffine(&a)
	xb, yb := a.x.Bytes(), a.y.Bytes()
	return refPoint{x: new(big.Int).SetBytes(xb[:]), y: new(big.Int).SetBytes(yb[:])}
}

func refEqual(a, b refPoint) bool {
	if a.inf || b.inf {
		return a.inf == b.inf
	}
	return a.x.Cmp(b.x) == 0 && a.y.Cmp(b.y) == 0
}

func toP256Jac(p refPoint, z *big.Int) (r p256Jac) {
	if p.inf {
		r.x.One()
		r.y.One()
		r.z.Zero()
		return
	}
	z2 := new(big.Int).Mul(z, z)
	r.x = p256Elem(new(big.Int).Mul(p.x, z2))
	r.y = p256Elem(new(big.Int).Mul(p.y, z2.Mul(z2, z)))
	r.z = p256Elem(z)
	return
}

func fromP256Jac(p *p256Jac) refPoint {
	if p.z.IsZero() == 1 {
		return refPoint{inf: true}
	}
	var zi, zi2 field.P256Element
	zi.Invert(&p.z)
	zi2.Square(&zi)
	var a p256Affine
	a.x.Mul(&p.x, &zi2)
	a.y.Mul(&p.y, zi2.Mul(&zi2, &zi))
	xb, yb := a.x.Bytes(), a.y.Bytes()
	return refPoint{x: new(big.Int).SetBytes(xb[:]), y: new(big.Int).SetBytes(yb[:])}
}

func toBP256Jac(p refPoint, z *big.Int) (r bp256Jac) {
	if p.inf {
		r.x.One()
		r.y.One()
		r.z.Zero()
		return
	}
	z2 := new(big.Int).Mul(z, z)
	r.x = bp256Elem(new(big.Int).Mul(p.x, z2))
	r.y = bp256Elem(new(big.Int).Mul(p.y, z2.Mul(z2, z)))
	r.z = bp256Elem(z)
	return
}

func fromBP256Jac(p *bp256Jac) refPoint {
	if p.z.IsZero() == 1 {
		return refPoint{inf: true}
	}
	var zi, zi2 field.BP256Element
	zi.Invert(&p.z)
	zi2.Square(&zi)
	var a bp256Affine
	a.x.Mul(&p.x, &zi2)
	a.y.Mul(&p.y, zi2.Mul(&zi2, &zi))
	xb, yb := a.x.Bytes(), a.y.Bytes()
	return refPoint{x: new(big.Int).SetBytes(xb[:]), y: new(big.Int).SetBytes(yb[:])}
}

// bp256JacToWork maps a Jacobian point of brainpoolP256r1 to the twist the Jacobian formulas work on
// (the inverse of bp256FromWork).
func bp256JacToWork(p *bp256Jac) {
	p.x.Mul(&p.x, &bp256Twist.z2)
	p.y.Mul(&p.y, &bp256Twist.z3)
}
