package field

// P256AddJacobian sets (x3 : y3 : z3) = (x1 : y1 : z1) + (x2 : y2 : z2) for
// points in Jacobian coordinates over the P-256 field with "add-2007-bl"
// (Bernstein–Lange, 11M + 5S), straight line and constant time. The formula
// is incomplete: the result is correct only if neither input is the identity
// (Z = 0) and the inputs are neither equal nor opposite; in those cases it
// returns Z3 = 0 (p = ±q) or garbage (an identity input), which callers must
// rule out or replace with Selects. Outputs may alias inputs. On amd64 with
// BMI2 and ADX it is one assembly function with all field operations inline
// (it computes Z3 as 2·Z1·Z2·H, the same value as ((Z1+Z2)² - Z1Z1 - Z2Z2)·H
// below, and the mixed addition's Z3 as 2·Z1·H = (Z1+H)² - Z1Z1 - HH).
func P256AddJacobian(x3, y3, z3, x1, y1, z1, x2, y2, z2 *P256Element) {
	if p256JacAddAsm(x3, y3, z3, x1, y1, z1, x2, y2, z2) {
		return
	}
	var z1z1, z2z2, u1, u2, s1, s2, h, i, j, rr, v, xo, yo, zo P256Element
	z1z1.Square(z1)
	z2z2.Square(z2)
	u1.Mul(x1, &z2z2)
	u2.Mul(x2, &z1z1)
	s1.Mul(y1, z2)
	s1.Mul(&s1, &z2z2)
	s2.Mul(y2, z1)
	s2.Mul(&s2, &z1z1)
	h.Sub(&u2, &u1)
	rr.Sub(&s2, &s1)
	rr.Add(&rr, &rr)
	i.Add(&h, &h)
	i.Square(&i)
	j.Mul(&h, &i)
	v.Mul(&u1, &i)
	xo.Square(&rr)
	xo.Sub(&xo, &j)
	xo.Sub(&xo, &v)
	xo.Sub(&xo, &v)
	yo.Sub(&v, &xo)
	yo.Mul(&rr, &yo)
	s1.Mul(&s1, &j)
	s1.Add(&s1, &s1)
	yo.Sub(&yo, &s1)
	zo.Add(z1, z2)
	zo.Square(&zo)
	zo.Sub(&zo, &z1z1)
	zo.Sub(&zo, &z2z2)
	zo.Mul(&zo, &h)
	*x3, *y3, *z3 = xo, yo, zo
}

// P256AddJacobianMixed sets (x3 : y3 : z3) = (x1 : y1 : z1) + (x2, y2) for a
// Jacobian and an affine point over the P-256 field with "madd-2007-bl"
// (7M + 4S), straight line and constant time, with the same caveats as
// P256AddJacobian (correct only for (x1 : y1 : z1) ≠ O and ≠ ±(x2, y2)).
func P256AddJacobianMixed(x3, y3, z3, x1, y1, z1, x2, y2 *P256Element) {
	if p256JacAddMixedAsm(x3, y3, z3, x1, y1, z1, x2, y2) {
		return
	}
	var z1z1, u2, s2, h, hh, i, j, rr, v, xo, yo, zo P256Element
	z1z1.Square(z1)
	u2.Mul(x2, &z1z1)
	s2.Mul(y2, z1)
	s2.Mul(&s2, &z1z1)
	h.Sub(&u2, x1)
	rr.Sub(&s2, y1)
	rr.Add(&rr, &rr)
	hh.Square(&h)
	i.Add(&hh, &hh)
	i.Add(&i, &i)
	j.Mul(&h, &i)
	v.Mul(x1, &i)
	xo.Square(&rr)
	xo.Sub(&xo, &j)
	xo.Sub(&xo, &v)
	xo.Sub(&xo, &v)
	yo.Sub(&v, &xo)
	yo.Mul(&rr, &yo)
	j.Mul(y1, &j)
	j.Add(&j, &j)
	yo.Sub(&yo, &j)
	zo.Add(z1, &h)
	zo.Square(&zo)
	zo.Sub(&zo, &z1z1)
	zo.Sub(&zo, &hh)
	*x3, *y3, *z3 = xo, yo, zo
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
