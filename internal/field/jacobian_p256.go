// This file is the template of jacobian_bp256_gen.go (go generate runs jacgen.go): keep it free of
// P-256-only facts, or word them so that they hold for brainpoolP256r1 after the translation.

package field

// P256DoubleJacobian sets (x3 : y3 : z3) = 2·(x : y : z) for a point in
// Jacobian coordinates (x = X/Z², y = Y/Z³) on a curve y² = x³ - 3x + b over
// the P-256 field: "dbl-2001-b" (Bernstein–Lange, 4M + 4S) with the result
// scaled by λ = 1/2, the same point since (X : Y : Z) = (λ²X : λ³Y : λZ).
// With δ = Z², γ = Y², β = X·γ and α = (3/2)(X-δ)(X+δ):
// X3 = α² - 2β, Y3 = α(β - X3) - γ², Z3 = Y·Z, which needs eight additions and
// one halving where the unscaled formula (X3 = α₀² - 8β, Y3 = α₀(4β - X3) - 8γ²,
// Z3 = 2YZ with α₀ = 3(X-δ)(X+δ)) needs twelve. The formula has no exceptional inputs on
// the prime-order curves it serves (no point has Y = 0; Z = 0 stays Z = 0). Outputs may alias inputs.
// The brainpoolP256r1 version of these formulas serves brainpoolP256t1, the twist with a = -3 (RFC 5639
// §3.4, isomorphic through (x, y) -> (x·z², y·z³)), on which internal/ec computes: brainpoolP256r1's own a
// would need 4M + 6S.
//
// Like the other point formulas of this file, on amd64 with BMI2 and ADX it
// runs as a single assembly function with every field operation inline
// (mul_amd64.s), which saves the call and operand traffic of the separate
// field operations; elsewhere it is the same sequence of field methods.
// Constant time either way.
func P256DoubleJacobian(x3, y3, z3, x, y, z *P256Element) {
	if p256JacDoubleAsm(x3, y3, z3, x, y, z) {
		return
	}
	p256JacDoubleGo(x3, y3, z3, x, y, z)
}

// P256DoubleJacobianN sets (x : y : z) = 2^n·(x : y : z) in place: n
// doublings of P256DoubleJacobian (n <= 0 leaves the point alone). On amd64
// with BMI2 and ADX it is one assembly function that keeps the point on its
// stack between the doublings, which saves a call and two copies of the
// point per doubling; the fixed-window multiplications double four times per
// window. Constant time for a given n.
func P256DoubleJacobianN(x, y, z *P256Element, n int) {
	if n <= 0 {
		return
	}
	if p256JacDoubleNAsm(x, y, z, n) {
		return
	}
	for range n {
		p256JacDoubleGo(x, y, z, x, y, z)
	}
}

// p256JacDoubleGo is P256DoubleJacobian with the field methods.
func p256JacDoubleGo(x3o, y3o, z3o, x, y, z *P256Element) {
	var delta, g, b, alpha, t, x3, y3, z3 P256Element
	var g2 [8]uint64 // γ², not reduced (see p256ElementMulSubWideGo)
	delta.Square(z)
	g.Square(y) // γ
	z3.Mul(y, z)
	t.Sub(x, &delta)
	alpha.Add(x, &delta)
	t2 := alpha
	t2.Half(&t2)
	alpha.Add(&alpha, &t2) // (3/2)(X+δ)
	b.Mul(x, &g)           // β
	alpha.Mul(&alpha, &t)
	p256ElementSquareWideGo(&g2, &g.l)
	x3.Square(&alpha)
	x3.Sub(&x3, &b)
	x3.Sub(&x3, &b)
	y3.Sub(&b, &x3)
	p256ElementMulSubWideGo(&y3.l, &alpha.l, &y3.l, &g2) // α(β - X3) - γ², one reduction
	*x3o, *y3o, *z3o = x3, y3, z3
}

// P256AddJacobianMixed sets (x3 : y3 : z3) = (x1 : y1 : z1) + (x2, y2) for a
// Jacobian and an affine point over the P-256 field with "madd-2007-bl"
// (Bernstein–Lange; 8M + 3S with Z3 = Z1·H), straight line and constant time.
// The formula is incomplete: the result is correct only if (x1 : y1 : z1) is
// not the identity (Z = 0) and not ±(x2, y2); for ±(x2, y2) it returns Z3 = 0,
// for the identity garbage, which callers must rule out or replace with
// Selects. Outputs may alias inputs. The result is scaled by 1/2
// ((X : Y : Z) ~ (X/4 : Y/8 : Z/2), the same point), which removes the
// formula's small multiples: with H = X2·Z1² - X1, r = Y2·Z1³ - Y1, J = H³,
// V = X1·H²: X3 = r² - J - 2V, Y3 = r(V - X3) - Y1·J, Z3 = Z1·H. On amd64
// with BMI2 and ADX it is one assembly function with all field operations
// inline.
func P256AddJacobianMixed(x3, y3, z3, x1, y1, z1, x2, y2 *P256Element) {
	if p256JacAddMixedAsm(x3, y3, z3, x1, y1, z1, x2, y2) {
		return
	}
	var z1z1, u2, s2, h, hh, j, rr, v, xo, yo, zo P256Element
	z1z1.Square(z1)
	u2.Mul(x2, &z1z1)
	s2.Mul(y2, z1)
	s2.Mul(&s2, &z1z1)
	h.Sub(&u2, x1)
	rr.Sub(&s2, y1)
	hh.Square(&h)
	j.Mul(&h, &hh)
	v.Mul(x1, &hh)
	xo.Square(&rr)
	xo.Sub(&xo, &j)
	xo.Sub(&xo, &v)
	xo.Sub(&xo, &v)
	var yj [8]uint64 // Y1·J, not reduced
	p256ElementMulWideGo(&yj, &y1.l, &j.l)
	yo.Sub(&v, &xo)
	p256ElementMulSubWideGo(&yo.l, &rr.l, &yo.l, &yj) // r(V - X3) - Y1·J, one reduction
	zo.Mul(z1, &h)
	*x3, *y3, *z3 = xo, yo, zo
}

// P256JacWindow is one window of the constant-time fixed-window
// multiplication: (x : y : z) is doubled four times (P256DoubleJacobianN) and
// then becomes the P256AddJacobianMixedSelect of it and (tab[2a], s·tab[2a+1])
// for a = abs-1 (the affine entries x, y of a table of eight points; the zero
// point for abs = 0), with s = -1 if neg == 1 and the doubled point kept when
// keep == 1. Callers pass keep = 1 exactly when abs = 0. Constant time: every
// entry is read and the one for abs kept with masks (CMOV in the assembly,
// where the whole window is one function on amd64 with BMI2 and ADX and the
// point stays on its stack), no branch or memory index depends on abs, neg
// or keep.
func P256JacWindow(x, y, z *P256Element, tab *[16]P256Element, abs uint64, neg, keep int) {
	if p256JacWindowAsm(x, y, z, tab, abs, neg, keep) {
		return
	}
	P256DoubleJacobianN(x, y, z, 4)
	var tx, ty P256Element
	for e := range 8 {
		c := isZeroWord(abs ^ uint64(e+1))
		tx.Select(&tab[2*e], &tx, c)
		ty.Select(&tab[2*e+1], &ty, c)
	}
	P256AddJacobianMixedSelect(x, y, z, x, y, z, &tx, &ty, neg, keep)
}

// P256AddJacobianMixedSelect is the step of the constant-time fixed-window
// multiplications: it sets (x3 : y3 : z3) to (x1 : y1 : z1) + (x2, s·y2) with
// s = -1 if neg == 1 and s = 1 if neg == 0 (P256AddJacobianMixed, with the
// same caveat: wrong for (x1 : y1 : z1) = ±(x2, s·y2)), except that the result
// is (x2, s·y2, 1) when z1 = 0 (the identity plus a point) and (x1 : y1 : z1)
// when keep == 1 (a zero digit). Constant time: the negation and both choices
// are masks (CMOV in the assembly, one function on amd64 with BMI2 and ADX),
// never branches. Outputs may alias inputs.
func P256AddJacobianMixedSelect(x3, y3, z3, x1, y1, z1, x2, y2 *P256Element, neg, keep int) {
	if p256JacAddMixedSelectAsm(x3, y3, z3, x1, y1, z1, x2, y2, neg, keep) {
		return
	}
	var ny, xo, yo, zo, one P256Element
	ny.Neg(y2)
	ny.Select(&ny, y2, neg)
	P256AddJacobianMixed(&xo, &yo, &zo, x1, y1, z1, x2, &ny)
	id := z1.IsZero()
	one.One()
	xo.Select(x2, &xo, id)
	yo.Select(&ny, &yo, id)
	zo.Select(&one, &zo, id)
	xo.Select(x1, &xo, keep)
	yo.Select(y1, &yo, keep)
	zo.Select(z1, &zo, keep)
	*x3, *y3, *z3 = xo, yo, zo
}
