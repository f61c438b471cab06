package field

import "math/bits"

// Constant-time modular inversion by Bernstein–Yang divsteps ("Fast
// constant-time gcd computation and modular inversion", 2019), in the
// "half-delta" form (hddivsteps) that starts from δ = 1/2 instead of 1.
// With δ kept doubled (so it stays an integer) one step is:
//
//	hddivstep(δ, f, g) = (2 - δ, g, (g - f)/2)          if δ > 0 and g is odd
//	                     (2 + δ, f, (g + (g mod 2)·f)/2) otherwise
//
// which is the paper's divstep with every δ halved. Starting from (1, m, x)
// with f = m odd and 0 <= x < m < 2^256, g reaches 0 within
// ⌊(3787·256 + 2166)/1644⌋ = 591 steps: the bound for hddivsteps that
// Wuille's safegcd-bounds analysis (convex hulls of the reachable (f, g)
// states, verified for all M <= 2^3805) gives as ⌊(3787·log2(M) + 2166)/1644⌋
// for 0 <= g <= f <= M. (The plain divstep needs the paper's 742.) We always
// run 10 batches of 62 = 620 steps, so the sequence of operations is the same
// for every input; steps after g = 0 change nothing but δ and the scale the
// matrices undo. Then f = ±1 and, because d·x ≡ f (mod m) is kept invariant,
// x^-1 = ±d.
//
// Each batch runs 62 divsteps on the low 64 bits of f and g only, collecting
// them in a 2×2 integer matrix (entries at most 2^62 in absolute value), then
// applies the matrix to the full f, g and (modulo m) to d, e. Numbers are kept
// in a signed radix-2^62 form. Every step is branch-free: swaps, negations and
// conditional additions use masks.

const (
	invBatches = 10
	invSteps   = 62
	mask62     = 1<<62 - 1
)

// s62 is a signed integer Σ v[i]·2^(62·i): v[0..3] in [0, 2^62), v[4] signed.
type s62 [5]int64

// invModulus holds what inversion needs about an odd modulus m < 2^256.
type invModulus struct {
	m      s62
	mInv62 uint64 // m^-1 mod 2^62
}

func toS62(x *[4]uint64) s62 {
	return s62{
		int64(x[0] & mask62),
		int64((x[0]>>62 | x[1]<<2) & mask62),
		int64((x[1]>>60 | x[2]<<4) & mask62),
		int64((x[2]>>58 | x[3]<<6) & mask62),
		int64(x[3] >> 56),
	}
}

// divsteps62 runs 62 divsteps on the low 64 bits of f and g and returns the
// new δ and the matrix (u, v, q, r) with 2^62·(f', g') = (u·f + v·g, q·f + r·g).
//
// One step without a swap: with x = -f if δ > 0, else x = f, set g += x if g
// is odd; when δ > 0 and g is odd (the swap case, g' = (g - f)/2 and f' = g)
// also set f += g, which turns f into the old g. Then halve g. The matrix
// rows follow the same additions; halving g doubles (u, v) instead. δ is
// kept negated (nd = -δ) so that δ > 0 is the sign bit of nd.
func divsteps62(delta int64, f, g uint64) (int64, int64, int64, int64, int64) {
	u, v, q, r := int64(1), int64(0), int64(0), int64(1)
	nd := -delta
	for range invSteps {
		c1 := nd >> 63 // all ones if δ > 0
		odd := -int64(g & 1)
		x := (f ^ uint64(c1)) - uint64(c1)
		y := (u ^ c1) - c1
		z := (v ^ c1) - c1
		g += x & uint64(odd)
		q += y & odd
		r += z & odd
		s := c1 & odd // swap: δ = 2 - δ, else δ = 2 + δ
		nd = (nd ^ s) + ^s - 1
		f += g & uint64(s)
		u += q & s
		v += r & s
		g >>= 1
		u <<= 1
		v <<= 1
	}
	return -nd, u, v, q, r
}

// i128 is a signed 128-bit accumulator.
type i128 struct {
	hi int64
	lo uint64
}

// mulAdd returns c + a·b for signed 64-bit a and b.
func (c i128) mulAdd(a, b int64) i128 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	// signed correction of the unsigned product
	hi -= uint64(a>>63)&uint64(b) + uint64(b>>63)&uint64(a)
	lo, carry := bits.Add64(c.lo, lo, 0)
	return i128{c.hi + int64(hi) + int64(carry), lo}
}

// low62 returns the low 62 bits; shr62 shifts right arithmetically by 62.
func (c i128) low62() int64 { return int64(c.lo & mask62) }
func (c i128) shr62() i128  { return i128{c.hi >> 62, c.lo>>62 | uint64(c.hi)<<2} }

// updateFG sets (f, g) = (u·f + v·g, q·f + r·g) / 2^62 (exact divisions).
func updateFG(f, g *s62, u, v, q, r int64) {
	var cf, cg i128
	cf = cf.mulAdd(u, f[0]).mulAdd(v, g[0])
	cg = cg.mulAdd(q, f[0]).mulAdd(r, g[0])
	cf, cg = cf.shr62(), cg.shr62()
	for i := 1; i < 5; i++ {
		cf = cf.mulAdd(u, f[i]).mulAdd(v, g[i])
		cg = cg.mulAdd(q, f[i]).mulAdd(r, g[i])
		f[i-1], g[i-1] = cf.low62(), cg.low62()
		cf, cg = cf.shr62(), cg.shr62()
	}
	f[4], g[4] = int64(cf.lo), int64(cg.lo)
}

// updateDE sets (d, e) = (u·d + v·e, q·d + r·e) / 2^62 mod m. With d and e
// in (-2m, m) on input and |u|+|v|, |q|+|r| <= 2^62, the outputs are in
// (-2m, m) again: a multiple of m makes each sum divisible by 2^62 (and,
// for a negative d or e, first adds the m that moves it into (-m, m)).
func updateDE(d, e *s62, u, v, q, r int64, mod *invModulus) {
	sd, se := d[4]>>63, e[4]>>63
	md := (u & sd) + (v & se)
	me := (q & sd) + (r & se)
	var cd, ce i128
	cd = cd.mulAdd(u, d[0]).mulAdd(v, e[0])
	ce = ce.mulAdd(q, d[0]).mulAdd(r, e[0])
	// choose md ≡ -cd/m (mod 2^62), keeping the part already in md
	md -= int64((mod.mInv62*cd.lo + uint64(md)) & mask62)
	me -= int64((mod.mInv62*ce.lo + uint64(me)) & mask62)
	cd = cd.mulAdd(mod.m[0], md)
	ce = ce.mulAdd(mod.m[0], me)
	cd, ce = cd.shr62(), ce.shr62()
	for i := 1; i < 5; i++ {
		cd = cd.mulAdd(u, d[i]).mulAdd(v, e[i]).mulAdd(mod.m[i], md)
		ce = ce.mulAdd(q, d[i]).mulAdd(r, e[i]).mulAdd(mod.m[i], me)
		d[i-1], e[i-1] = cd.low62(), ce.low62()
		cd, ce = cd.shr62(), ce.shr62()
	}
	d[4], e[4] = int64(cd.lo), int64(ce.lo)
}

// invertLimbs sets z = x^-1 mod m for 0 <= x < m (z = 0 for x = 0), in
// constant time. m is given both as limbs and in mod.
func invertLimbs(z, x, m *[4]uint64, mod *invModulus) {
	d, f, _ := invertCore(x, mod)
	// Now g = 0, f = ±1 (or f = m and d = 0 for x = 0) and d·x ≡ f, so
	// x^-1 = sign(f)·d with d in (-2m, m). Convert d to 320-bit two's
	// complement, negate if f < 0, then bring it into [0, m) with masks.
	var w [5]uint64
	w[0] = uint64(d[0]) | uint64(d[1])<<62
	w[1] = uint64(d[1])>>2 | uint64(d[2])<<60
	w[2] = uint64(d[2])>>4 | uint64(d[3])<<58
	w[3] = uint64(d[3])>>6 | uint64(d[4])<<56
	w[4] = uint64(d[4] >> 8)
	neg := uint64(f[4] >> 63)
	c := neg & 1 // two's complement negation when neg: ^w + 1
	for i := range w {
		w[i], c = bits.Add64(w[i]^neg, 0, c)
	}
	// w in (-m, 2m): add m if negative
	lt := -(w[4] >> 63)
	c = 0
	for i := range 4 {
		w[i], c = bits.Add64(w[i], m[i]&lt, c)
	}
	w[4] += c
	// w in [0, 2m): subtract m unless that borrows
	condSubLimbs(z, (*[4]uint64)(w[:4]), w[4], m)
}

// invertCore runs the 620 hddivsteps from (1, m, x) and returns d (with
// d·x ≡ f mod m) and the final f and g.
func invertCore(x *[4]uint64, mod *invModulus) (d, f, g s62) {
	f, g = mod.m, toS62(x)
	var e s62
	d, e = s62{}, s62{1}
	delta := int64(1)
	for range invBatches {
		var u, v, q, r int64
		delta, u, v, q, r = divsteps62(delta, uint64(f[0])|uint64(f[1])<<62, uint64(g[0])|uint64(g[1])<<62)
		updateDE(&d, &e, u, v, q, r, mod)
		updateFG(&f, &g, u, v, q, r)
	}
	return d, f, g
}

// condSubLimbs sets z = (hi·2^256 + x) - m if that is not negative, else
// z = x, with a mask. It requires hi·2^256 + x < 2m.
func condSubLimbs(z, x *[4]uint64, hi uint64, m *[4]uint64) {
	var d [4]uint64
	var b uint64
	d[0], b = bits.Sub64(x[0], m[0], 0)
	d[1], b = bits.Sub64(x[1], m[1], b)
	d[2], b = bits.Sub64(x[2], m[2], b)
	d[3], b = bits.Sub64(x[3], m[3], b)
	_, b = bits.Sub64(hi, 0, b)
	selectLimbs(z, x, &d, int(b))
}
