package field

// P256DoubleJacobian sets (x3 : y3 : z3) = 2·(x : y : z) for a point in
// Jacobian coordinates (x = X/Z², y = Y/Z³) on a curve y² = x³ - 3x + b over
// the P-256 field: "dbl-2001-b" (Bernstein–Lange, 4M + 4S) with the result
// scaled by λ = 1/2, the same point since (X : Y : Z) = (λ²X : λ³Y : λZ).
// With δ = Z², γ = Y², β = X·γ and α = (3/2)(X-δ)(X+δ):
// X3 = α² - 2β, Y3 = α(β - X3) - γ², Z3 = Y·Z, which needs eight additions and
// one halving where the unscaled formula (X3 = α₀² - 8β, Y3 = α₀(4β - X3) - 8γ²,
// Z3 = 2YZ with α₀ = 3(X-δ)(X+δ)) needs twelve. The formula has no exceptional inputs on
// P-256 (no point has Y = 0; Z = 0 stays Z = 0). Outputs may alias inputs.
//
// It is the one piece of point arithmetic in this package: on amd64 with BMI2
// and ADX it runs as a single assembly function with every field operation
// inline (mul_amd64.s), which saves the call and operand traffic of the
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
	var delta, g, b, alpha, t, x3, y3, z3 P256Element
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
	g.Square(&g) // γ²
	x3.Square(&alpha)
	x3.Sub(&x3, &b)
	x3.Sub(&x3, &b)
	y3.Sub(&b, &x3)
	y3.Mul(&alpha, &y3)
	y3.Sub(&y3, &g)
	*x3o, *y3o, *z3o = x3, y3, z3
}
