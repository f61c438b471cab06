package ec

import (
	"unsafe"

	"github.com/rspengine/rspengine/internal/field"
)

// brainpoolP256r1 domain parameters (RFC 5639 §3.4): y² = x³ + A·x + B over GF(p), cofactor 1. A is not -3,
// so the complete projective formulas are the generic-a ones; the Jacobian ones run on the a = -3 twist (below).
var (
	bp256PrimeBytes = [32]byte{
		0xa9, 0xfb, 0x57, 0xdb, 0xa1, 0xee, 0xa9, 0xbc, 0x3e, 0x66, 0x0a, 0x90, 0x9d, 0x83, 0x8d, 0x72,
		0x6e, 0x3b, 0xf6, 0x23, 0xd5, 0x26, 0x20, 0x28, 0x20, 0x13, 0x48, 0x1d, 0x1f, 0x6e, 0x53, 0x77,
	}
	bp256OrderBytes = [32]byte{
		0xa9, 0xfb, 0x57, 0xdb, 0xa1, 0xee, 0xa9, 0xbc, 0x3e, 0x66, 0x0a, 0x90, 0x9d, 0x83, 0x8d, 0x71,
		0x8c, 0x39, 0x7a, 0xa3, 0xb5, 0x61, 0xa6, 0xf7, 0x90, 0x1e, 0x0e, 0x82, 0x97, 0x48, 0x56, 0xa7,
	}
	bp256GxBytes = [32]byte{
		0x8b, 0xd2, 0xae, 0xb9, 0xcb, 0x7e, 0x57, 0xcb, 0x2c, 0x4b, 0x48, 0x2f, 0xfc, 0x81, 0xb7, 0xaf,
		0xb9, 0xde, 0x27, 0xe1, 0xe3, 0xbd, 0x23, 0xc2, 0x3a, 0x44, 0x53, 0xbd, 0x9a, 0xce, 0x32, 0x62,
	}
	bp256GyBytes = [32]byte{
		0x54, 0x7e, 0xf8, 0x35, 0xc3, 0xda, 0xc4, 0xfd, 0x97, 0xf8, 0x46, 0x1a, 0x14, 0x61, 0x1d, 0xc9,
		0xc2, 0x77, 0x45, 0x13, 0x2d, 0xed, 0x8e, 0x54, 0x5c, 0x1d, 0x54, 0xc7, 0x2f, 0x04, 0x69, 0x97,
	}
)

// bp256B3 is 3·B, the constant of the generic-a formulas.
var bp256B3 = func() (b3 field.BP256Element) {
	b3.Add(field.BP256B(), field.BP256B())
	b3.Add(&b3, field.BP256B())
	return
}()

// bp256RHS sets r = x³ + A·x + B.
func bp256RHS(r, x *field.BP256Element) {
	var x3, t field.BP256Element
	x3.Square(x)
	x3.Mul(&x3, x)
	t.Mul(field.BP256A(), x)
	x3.Add(&x3, &t)
	r.Add(&x3, field.BP256B())
}

// The formulas below are Algorithms 1 and 3 of Renes–Costello–Batina 2016 (complete addition and doubling
// for arbitrary a, with b3 = 3b), step by step in the paper's order; they build the fixed-base and piece
// tables. brainpoolP256r1 has prime order, so they are complete: no input needs special handling. Outputs
// go through temporaries, so r may alias any input.

// add sets r = p + q (Algorithm 1: 12M + 3m_a + 2m_3b + 23a).
func (r *bp256Point) add(p, q *bp256Point) *bp256Point {
	a := field.BP256A()
	var t0, t1, t2, t3, t4, t5, x3, y3, z3 field.BP256Element
	t0.Mul(&p.x, &q.x)
	t1.Mul(&p.y, &q.y)
	t2.Mul(&p.z, &q.z)
	t3.Add(&p.x, &p.y)
	t4.Add(&q.x, &q.y)
	t3.Mul(&t3, &t4)
	t4.Add(&t0, &t1)
	t3.Sub(&t3, &t4) // X1Y2 + X2Y1
	t4.Add(&p.x, &p.z)
	t5.Add(&q.x, &q.z)
	t4.Mul(&t4, &t5)
	t5.Add(&t0, &t2)
	t4.Sub(&t4, &t5) // X1Z2 + X2Z1
	t5.Add(&p.y, &p.z)
	x3.Add(&q.y, &q.z)
	t5.Mul(&t5, &x3)
	x3.Add(&t1, &t2)
	t5.Sub(&t5, &x3) // Y1Z2 + Y2Z1
	z3.Mul(a, &t4)
	x3.Mul(&bp256B3, &t2)
	z3.Add(&x3, &z3)
	x3.Sub(&t1, &z3)
	z3.Add(&t1, &z3)
	y3.Mul(&x3, &z3)
	t1.Add(&t0, &t0)
	t1.Add(&t1, &t0)
	t2.Mul(a, &t2)
	t4.Mul(&bp256B3, &t4)
	t1.Add(&t1, &t2)
	t2.Sub(&t0, &t2)
	t2.Mul(a, &t2)
	t4.Add(&t4, &t2)
	t0.Mul(&t1, &t4)
	y3.Add(&y3, &t0)
	t0.Mul(&t5, &t4)
	x3.Mul(&t3, &x3)
	x3.Sub(&x3, &t0)
	t0.Mul(&t3, &t1)
	z3.Mul(&t5, &z3)
	z3.Add(&z3, &t0)
	r.x.Set(&x3)
	r.y.Set(&y3)
	r.z.Set(&z3)
	return r
}

// double sets r = 2p (Algorithm 3: 8M + 3S + 3m_a + 2m_3b + 15a).
func (r *bp256Point) double(p *bp256Point) *bp256Point {
	a := field.BP256A()
	var t0, t1, t2, t3, x3, y3, z3 field.BP256Element
	t0.Square(&p.x)
	t1.Square(&p.y)
	t2.Square(&p.z)
	t3.Mul(&p.x, &p.y)
	t3.Add(&t3, &t3)
	z3.Mul(&p.x, &p.z)
	z3.Add(&z3, &z3)
	x3.Mul(a, &z3)
	y3.Mul(&bp256B3, &t2)
	y3.Add(&x3, &y3)
	x3.Sub(&t1, &y3)
	y3.Add(&t1, &y3)
	y3.Mul(&x3, &y3)
	x3.Mul(&t3, &x3)
	z3.Mul(&bp256B3, &z3)
	t2.Mul(a, &t2)
	t3.Sub(&t0, &t2)
	t3.Mul(a, &t3)
	t3.Add(&t3, &z3)
	z3.Add(&t0, &t0)
	t0.Add(&z3, &t0)
	t0.Add(&t0, &t2)
	t0.Mul(&t0, &t3)
	y3.Add(&y3, &t0)
	t2.Mul(&p.y, &p.z)
	t2.Add(&t2, &t2)
	t0.Mul(&t2, &t3)
	x3.Sub(&x3, &t0)
	z3.Mul(&t2, &t1)
	z3.Add(&z3, &z3)
	z3.Add(&z3, &z3)
	r.x.Set(&x3)
	r.y.Set(&y3)
	r.z.Set(&z3)
	return r
}

// double sets r = 2p in Jacobian coordinates on brainpoolP256t1 (a = -3; see bp256ToWork), the working curve
// of every bp256Jac that is doubled: field.BP256DoubleJacobianAMinus3, "dbl-2001-b" as for P-256 (4M + 4S; one
// assembly function on amd64). Used by the variable-time verification and, being free of exceptional cases,
// by the constant-time ECDH. The identity (Z = 0) doubles to Z3 = 0; no point on the curve has Y = 0.
func (r *bp256Jac) double(p *bp256Jac) *bp256Jac {
	field.BP256DoubleJacobianAMinus3(&r.x, &r.y, &r.z, &p.x, &p.y, &p.z)
	return r
}

// doubleN sets r = 2^n·r in place: n doublings of double in one call (field.BP256DoubleJacobianAMinus3N), the four of each
// window of the constant-time ECDH. Constant time for a given n.
func (r *bp256Jac) doubleN(n int) *bp256Jac {
	field.BP256DoubleJacobianAMinus3N(&r.x, &r.y, &r.z, n)
	return r
}

// addAffineCT sets r = p + q for an affine q ("madd-2007-bl" scaled by 1/2: 8M + 3S) without any branch. The result is
// correct only if p ≠ O and p ≠ ±q; callers rule those cases out (or discard the result) with Selects. It is
// field.BP256AddJacobianMixed, one assembly function on amd64.
func (r *bp256Jac) addAffineCT(p *bp256Jac, q *bp256Affine) *bp256Jac {
	field.BP256AddJacobianMixed(&r.x, &r.y, &r.z, &p.x, &p.y, &p.z, &q.x, &q.y)
	return r
}

// window is one window of the constant-time ECDH: acc = 16·acc + (-1)^neg·tab[abs-1], the four doublings,
// the masked scan of the whole table and addAffineSelect's choices (keep = 1 exactly when abs = 0) in one
// call, field.BP256JacWindow (one assembly function on amd64, the point on its stack throughout). Constant
// time.
func (acc *bp256Jac) window(tab *[8]bp256Affine, abs uint64, neg, keep int) {
	field.BP256JacWindow(&acc.x, &acc.y, &acc.z, (*[16]field.BP256Element)(unsafe.Pointer(tab)), abs, neg, keep)
}

// addAffineSelect is the step of the constant-time multiplications: acc += (-1)^neg·q for an affine q, except
// that acc becomes (-1)^neg·q when it is the identity (Z = 0) and stays as it is when keep == 1 (a zero digit;
// q is then the all-zero dummy). Otherwise the caveat of addAffineCT holds: wrong for acc = ±q, which the
// callers rule out by integer bounds. Constant time: field.BP256AddJacobianMixedSelect, one assembly function on
// amd64 that negates and selects with masks.
func (acc *bp256Jac) addAffineSelect(q *bp256Affine, neg, keep int) {
	field.BP256AddJacobianMixedSelect(&acc.x, &acc.y, &acc.z, &acc.x, &acc.y, &acc.z, &q.x, &q.y, neg, keep)
}

// The Jacobian arithmetic of brainpoolP256r1 (verification, ECDH) runs on brainpoolP256t1, the twist that
// RFC 5639 §3.4 defines with a = -3: (x, y) -> (z²·x, z³·y) maps y² = x³ + Ax + B onto y² = x³ - 3x + B·z⁶,
// since A·z⁴ = -3 (mod p) for the RFC's z below (TestBP256Twist checks this and that G maps to the RFC's
// generator of brainpoolP256t1). There the doubling is the a = -3 formula (4M + 4S instead of 4M + 6S);
// additions do not depend on a. Points enter through bp256ToWork and leave through bp256FromWork (two
// multiplications by constants each); the fixed-base tables of signing and key generation stay on
// brainpoolP256r1, where only additions are used.
var bp256TwistZBytes = [32]byte{
	0x3e, 0x2d, 0x4b, 0xd9, 0x59, 0x7b, 0x58, 0x63, 0x9a, 0xe7, 0xaa, 0x66, 0x9c, 0xab, 0x98, 0x37,
	0xcf, 0x5c, 0xf2, 0x0a, 0x2c, 0x85, 0x2d, 0x10, 0xf6, 0x55, 0x66, 0x8d, 0xfc, 0x15, 0x0e, 0xf0,
}

// bp256Twist holds z², z³ and their inverses (Montgomery form), computed once at start-up.
var bp256Twist = func() (t struct{ z2, z3, z2inv, z3inv field.BP256Element }) {
	var z field.BP256Element
	if _, err := z.SetBytes(bp256TwistZBytes[:]); err != nil {
		panic("ec: brainpoolP256t1 z is not a field element")
	}
	t.z2.Square(&z)
	t.z3.Mul(&t.z2, &z)
	t.z2inv.Invert(&t.z2)
	t.z3inv.Invert(&t.z3)
	return
}()

func bp256ToWork(a *bp256Affine) {
	a.x.Mul(&a.x, &bp256Twist.z2)
	a.y.Mul(&a.y, &bp256Twist.z3)
}

func bp256FromWork(p *bp256Jac) {
	p.x.Mul(&p.x, &bp256Twist.z2inv)
	p.y.Mul(&p.y, &bp256Twist.z3inv)
}

func bp256WorkXScale(x *field.BP256Element) { x.Mul(x, &bp256Twist.z2) }
