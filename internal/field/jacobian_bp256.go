package field

// BP256DoubleJacobianAMinus3 sets (x3 : y3 : z3) = 2·(x : y : z) for a point
// in Jacobian coordinates on a curve y² = x³ - 3x + b' over the
// brainpoolP256r1 field: the a = -3 formula of P256DoubleJacobian
// ("dbl-2001-b" scaled by 1/2, 4M + 4S; brainpoolP256r1's own a would need 4M + 6S). Callers
// use it on brainpoolP256t1, the twist of brainpoolP256r1 with a = -3 that
// RFC 5639 §3.4 defines (isomorphic through (x, y) -> (x·z², y·z³)). No
// exceptional inputs (no point of that prime-order curve has Y = 0; Z = 0
// stays Z = 0). Outputs may alias inputs. Constant time; one assembly
// function on amd64 with BMI2 and ADX.
func BP256DoubleJacobianAMinus3(x3, y3, z3, x, y, z *BP256Element) {
	if bp256JacDoubleAMinus3Asm(x3, y3, z3, x, y, z) {
		return
	}
	var delta, g, b, alpha, t, xo, yo, zo BP256Element
	delta.Square(z)
	g.Square(y) // γ
	zo.Mul(y, z)
	t.Sub(x, &delta)
	alpha.Add(x, &delta)
	t2 := alpha
	t2.Half(&t2)
	alpha.Add(&alpha, &t2) // (3/2)(X+δ)
	b.Mul(x, &g)           // β
	alpha.Mul(&alpha, &t)
	g.Square(&g) // γ²
	xo.Square(&alpha)
	xo.Sub(&xo, &b)
	xo.Sub(&xo, &b)
	yo.Sub(&b, &xo)
	yo.Mul(&alpha, &yo)
	yo.Sub(&yo, &g)
	*x3, *y3, *z3 = xo, yo, zo
}

// BP256DoubleJacobianAMinus3N sets (x : y : z) = 2^n·(x : y : z) in place: n
// doublings of BP256DoubleJacobianAMinus3 (n <= 0 leaves the point alone),
// one assembly function on amd64 with BMI2 and ADX like P256DoubleJacobianN.
// Constant time for a given n.
func BP256DoubleJacobianAMinus3N(x, y, z *BP256Element, n int) {
	if n <= 0 {
		return
	}
	if bp256JacDoubleAMinus3NAsm(x, y, z, n) {
		return
	}
	for range n {
		BP256DoubleJacobianAMinus3(x, y, z, x, y, z)
	}
}

// BP256AddJacobianMixed is P256AddJacobianMixed over the brainpoolP256r1
// field (the same scaled formula and caveats: correct only for
// (x1 : y1 : z1) ≠ O and ≠ ±(x2, y2)).
func BP256AddJacobianMixed(x3, y3, z3, x1, y1, z1, x2, y2 *BP256Element) {
	if bp256JacAddMixedAsm(x3, y3, z3, x1, y1, z1, x2, y2) {
		return
	}
	var z1z1, u2, s2, h, hh, j, rr, v, xo, yo, zo BP256Element
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
	yo.Sub(&v, &xo)
	yo.Mul(&rr, &yo)
	j.Mul(y1, &j)
	yo.Sub(&yo, &j)
	zo.Mul(z1, &h)
	*x3, *y3, *z3 = xo, yo, zo
}

// BP256JacWindow is P256JacWindow over the brainpoolP256r1 field (the
// a = -3 doubling: callers work on brainpoolP256t1).
func BP256JacWindow(x, y, z *BP256Element, tab *[16]BP256Element, abs uint64, neg, keep int) {
	if bp256JacWindowAsm(x, y, z, tab, abs, neg, keep) {
		return
	}
	BP256DoubleJacobianAMinus3N(x, y, z, 4)
	var tx, ty BP256Element
	for e := range 8 {
		c := isZeroWord(abs ^ uint64(e+1))
		tx.Select(&tab[2*e], &tx, c)
		ty.Select(&tab[2*e+1], &ty, c)
	}
	BP256AddJacobianMixedSelect(x, y, z, x, y, z, &tx, &ty, neg, keep)
}

// BP256AddJacobianMixedSelect is the step of the constant-time fixed-window
// multiplications: it sets (x3 : y3 : z3) to (x1 : y1 : z1) + (x2, s·y2) with
// s = -1 if neg == 1 and s = 1 if neg == 0 (BP256AddJacobianMixed, with the
// same caveat: wrong for (x1 : y1 : z1) = ±(x2, s·y2)), except that the result
// is (x2, s·y2, 1) when z1 = 0 (the identity plus a point) and (x1 : y1 : z1)
// when keep == 1 (a zero digit). Constant time: the negation and both choices
// are masks (CMOV in the assembly, one function on amd64 with BMI2 and ADX),
// never branches. Outputs may alias inputs.
func BP256AddJacobianMixedSelect(x3, y3, z3, x1, y1, z1, x2, y2 *BP256Element, neg, keep int) {
	if bp256JacAddMixedSelectAsm(x3, y3, z3, x1, y1, z1, x2, y2, neg, keep) {
		return
	}
	var ny, xo, yo, zo, one BP256Element
	ny.Neg(y2)
	ny.Select(&ny, y2, neg)
	BP256AddJacobianMixed(&xo, &yo, &zo, x1, y1, z1, x2, &ny)
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
