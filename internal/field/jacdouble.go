package field

// P256DoubleJacobian sets (x3 : y3 : z3) = 2·(x : y : z) for a point in
// Jacobian coordinates (x = X/Z², y = Y/Z³) on a curve y² = x³ - 3x + b over
// the P-256 field: "dbl-2001-b" (Bernstein–Lange) rearranged to need fewer
// additions. With δ = Z², γ = Y², α = 3(X-δ)(X+δ), 2β = X·2γ:
// X3 = α² - 8β, Z3 = 2·Y·Z, Y3 = α(4β - X3) - 2·(2γ)² (4M + 4S, 12 additions).
// The formula has no exceptional inputs on P-256 (no point has Y = 0; Z = 0
// stays Z = 0). Outputs may alias inputs.
//
// It is the one piece of point arithmetic in this package: on amd64 with BMI2
// and ADX it runs as a single assembly function with every field operation
// inline (mul_amd64.s), which saves the call and operand traffic of twenty
// separate field operations; elsewhere it is the same sequence of field
// methods. Constant time either way.
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
	var delta, g2, b4, alpha, t, x3, y3, z3 P256Element
	delta.Square(z)
	g2.Square(y)
	g2.Add(&g2, &g2) // 2γ
	b4.Mul(x, &g2)
	b4.Add(&b4, &b4) // 4β
	t.Sub(x, &delta)
	alpha.Add(x, &delta)
	alpha.Mul(&alpha, &t)
	t.Add(&alpha, &alpha)
	alpha.Add(&alpha, &t) // 3(X-δ)(X+δ)
	x3.Square(&alpha)
	t.Add(&b4, &b4) // 8β
	x3.Sub(&x3, &t)
	z3.Mul(y, z)
	z3.Add(&z3, &z3)
	y3.Sub(&b4, &x3)
	y3.Mul(&alpha, &y3)
	g2.Square(&g2) // 4γ²
	g2.Add(&g2, &g2)
	y3.Sub(&y3, &g2)
	*x3o, *y3o, *z3o = x3, y3, z3
}
