package ec

import (
	"unsafe"

	"github.com/rspengine/rspengine/internal/field"
)

// NIST P-256 domain parameters (FIPS 186-4 §D.1.2.3; SEC 2 v2 §2.4.2): y² = x³ - 3x + b over GF(p),
// p = 2^256 - 2^224 + 2^192 + 2^96 - 1, cofactor 1.
var (
	p256PrimeBytes = [32]byte{
		0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	}
	p256OrderBytes = [32]byte{
		0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
	}
	p256GxBytes = [32]byte{
		0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc, 0xe6, 0xe5, 0x63, 0xa4, 0x40, 0xf2,
		0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33, 0xa0, 0xf4, 0xa1, 0x39, 0x45, 0xd8, 0x98, 0xc2, 0x96,
	}
	p256GyBytes = [32]byte{
		0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f, 0x9b, 0x8e, 0xe7, 0xeb, 0x4a, 0x7c, 0x0f, 0x9e, 0x16,
		0x2b, 0xce, 0x33, 0x57, 0x6b, 0x31, 0x5e, 0xce, 0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51, 0xf5,
	}
)

// p256RHS sets r = x³ - 3x + b.
func p256RHS(r, x *field.P256Element) {
	var x3, t field.P256Element
	x3.Square(x)
	x3.Mul(&x3, x)
	t.Add(x, x)
	t.Add(&t, x)
	x3.Sub(&x3, &t)
	r.Add(&x3, field.P256B())
}

// The formulas below are Algorithms 4 and 6 of Renes–Costello–Batina 2016 (complete addition and doubling
// for a = -3), step by step in the paper's order; they build the fixed-base and piece tables. They are
// complete on P-256 (prime order, so no points of order 2): no input needs special handling. Every output
// is computed into temporaries first, so r may alias any input.

// add sets r = p + q (Algorithm 4: 12M + 2m_b + 29a).
func (r *p256Point) add(p, q *p256Point) *p256Point {
	b := field.P256B()
	var t0, t1, t2, t3, t4, x3, y3, z3 field.P256Element
	t0.Mul(&p.x, &q.x)
	t1.Mul(&p.y, &q.y)
	t2.Mul(&p.z, &q.z)
	t3.Add(&p.x, &p.y)
	t4.Add(&q.x, &q.y)
	t3.Mul(&t3, &t4)
	t4.Add(&t0, &t1)
	t3.Sub(&t3, &t4) // X1Y2 + X2Y1
	t4.Add(&p.y, &p.z)
	x3.Add(&q.y, &q.z)
	t4.Mul(&t4, &x3)
	x3.Add(&t1, &t2)
	t4.Sub(&t4, &x3) // Y1Z2 + Y2Z1
	x3.Add(&p.x, &p.z)
	y3.Add(&q.x, &q.z)
	x3.Mul(&x3, &y3)
	y3.Add(&t0, &t2)
	y3.Sub(&x3, &y3) // X1Z2 + X2Z1
	z3.Mul(b, &t2)
	x3.Sub(&y3, &z3)
	z3.Add(&x3, &x3)
	x3.Add(&x3, &z3)
	z3.Sub(&t1, &x3)
	x3.Add(&t1, &x3)
	y3.Mul(b, &y3)
	t1.Add(&t2, &t2)
	t2.Add(&t1, &t2)
	y3.Sub(&y3, &t2)
	y3.Sub(&y3, &t0)
	t1.Add(&y3, &y3)
	y3.Add(&t1, &y3)
	t1.Add(&t0, &t0)
	t0.Add(&t1, &t0)
	t0.Sub(&t0, &t2)
	t1.Mul(&t4, &y3)
	t2.Mul(&t0, &y3)
	y3.Mul(&x3, &z3)
	y3.Add(&y3, &t2)
	x3.Mul(&t3, &x3)
	x3.Sub(&x3, &t1)
	z3.Mul(&t4, &z3)
	t1.Mul(&t3, &t0)
	z3.Add(&z3, &t1)
	r.x.Set(&x3)
	r.y.Set(&y3)
	r.z.Set(&z3)
	return r
}

// double sets r = 2p (Algorithm 6: 8M + 3S + 2m_b + 21a).
func (r *p256Point) double(p *p256Point) *p256Point {
	b := field.P256B()
	var t0, t1, t2, t3, x3, y3, z3 field.P256Element
	t0.Square(&p.x)
	t1.Square(&p.y)
	t2.Square(&p.z)
	t3.Mul(&p.x, &p.y)
	t3.Add(&t3, &t3)
	z3.Mul(&p.x, &p.z)
	z3.Add(&z3, &z3)
	y3.Mul(b, &t2)
	y3.Sub(&y3, &z3)
	x3.Add(&y3, &y3)
	y3.Add(&x3, &y3)
	x3.Sub(&t1, &y3)
	y3.Add(&t1, &y3)
	y3.Mul(&x3, &y3)
	x3.Mul(&x3, &t3)
	t3.Add(&t2, &t2)
	t2.Add(&t2, &t3)
	z3.Mul(b, &z3)
	z3.Sub(&z3, &t2)
	z3.Sub(&z3, &t0)
	t3.Add(&z3, &z3)
	z3.Add(&z3, &t3)
	t3.Add(&t0, &t0)
	t0.Add(&t3, &t0)
	t0.Sub(&t0, &t2)
	t0.Mul(&t0, &z3)
	y3.Add(&y3, &t0)
	t0.Mul(&p.y, &p.z)
	t0.Add(&t0, &t0)
	z3.Mul(&t0, &z3)
	x3.Sub(&x3, &z3)
	z3.Mul(&t0, &t1)
	z3.Add(&z3, &z3)
	z3.Add(&z3, &z3)
	r.x.Set(&x3)
	r.y.Set(&y3)
	r.z.Set(&z3)
	return r
}

// double sets r = 2p in Jacobian coordinates, a = -3. It is "dbl-2001-b" (Bernstein–Lange) rearranged to use
// fewer field additions, which cost almost as much as multiplications here: with δ = Z², γ = Y²,
// α = 3(X-δ)(X+δ), 2β = X·2γ: X3 = α² - 8β, Z3 = 2·Y·Z, Y3 = α(4β - X3) - 2·(2γ)² (4M + 4S, 12 additions).
// Used by the variable-time verification and, being free of exceptional cases, by the constant-time ECDH. The
// formula lives in internal/field (P256DoubleJacobian), where it runs as one assembly function.
// The identity (Z = 0) doubles to Z3 = 0; no point on the curve has Y = 0.
func (r *p256Jac) double(p *p256Jac) *p256Jac {
	field.P256DoubleJacobian(&r.x, &r.y, &r.z, &p.x, &p.y, &p.z)
	return r
}

// doubleN sets r = 2^n·r in place: n doublings of double in one call (field.P256DoubleJacobianN), the four of each
// window of the constant-time ECDH. Constant time for a given n.
func (r *p256Jac) doubleN(n int) *p256Jac {
	field.P256DoubleJacobianN(&r.x, &r.y, &r.z, n)
	return r
}

// addAffineCT sets r = p + q for an affine q ("madd-2007-bl" scaled by 1/2: 8M + 3S) without any branch. The result is
// correct only if p ≠ O and p ≠ ±q; callers rule those cases out (or discard the result) with Selects. It is
// field.P256AddJacobianMixed, one assembly function on amd64.
func (r *p256Jac) addAffineCT(p *p256Jac, q *p256Affine) *p256Jac {
	field.P256AddJacobianMixed(&r.x, &r.y, &r.z, &p.x, &p.y, &p.z, &q.x, &q.y)
	return r
}

// window is one window of the constant-time ECDH: acc = 16·acc + (-1)^neg·tab[abs-1], the four doublings,
// the masked scan of the whole table and addAffineSelect's choices (keep = 1 exactly when abs = 0) in one
// call, field.P256JacWindow (one assembly function on amd64, the point on its stack throughout). Constant
// time.
func (acc *p256Jac) window(tab *[8]p256Affine, abs uint64, neg, keep int) {
	field.P256JacWindow(&acc.x, &acc.y, &acc.z, (*[16]field.P256Element)(unsafe.Pointer(tab)), abs, neg, keep)
}

// addAffineSelect is the step of the constant-time multiplications: acc += (-1)^neg·q for an affine q, except
// that acc becomes (-1)^neg·q when it is the identity (Z = 0) and stays as it is when keep == 1 (a zero digit;
// q is then the all-zero dummy). Otherwise the caveat of addAffineCT holds: wrong for acc = ±q, which the
// callers rule out by integer bounds. Constant time: field.P256AddJacobianMixedSelect, one assembly function on
// amd64 that negates and selects with masks.
func (acc *p256Jac) addAffineSelect(q *p256Affine, neg, keep int) {
	field.P256AddJacobianMixedSelect(&acc.x, &acc.y, &acc.z, &acc.x, &acc.y, &acc.z, &q.x, &q.y, neg, keep)
}

// The working coordinates of the Jacobian arithmetic. brainpoolP256r1 runs its Jacobian formulas on an
// isomorphic curve with a = -3 (bp256_curve.go); P-256 already has a = -3, so its maps are the identity and
// compile to nothing. p256ToWork maps an affine point to the working curve, p256FromWork maps a Jacobian
// point back, and p256WorkXScale multiplies by the factor u² with x_work = u²·x (used to compare x(R) with r
// without mapping R back).
func p256ToWork(*p256Affine)            {}
func p256FromWork(*p256Jac)             {}
func p256WorkXScale(*field.P256Element) {}
