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
// for 0 <= g <= f <= M. (The plain divstep needs the paper's 742.) We run
// exactly invTotalSteps = 591 steps, in 9 batches of 60 and a last batch of
// 51, so the sequence of operations is the same for every input; steps after
// g = 0 change nothing but δ. Then f = ±1 and, because d·x ≡ f (mod m) is
// kept invariant, x^-1 = ±d.
//
// δ is kept as ζ = -(δ+1)/2 (δ is always odd), so that δ > 0 is the sign bit
// of ζ and both updates are ζ' = (ζ XOR s) - 1 with s = -1 for a swap and
// s = 0 otherwise.
//
// Each batch runs its steps on the low 64 bits of f and g only, collecting
// them in a 2×2 integer matrix (scaled to 2^62: entries at most 2^62 in
// absolute value), then applies the matrix to the full f, g and (modulo m)
// to d, e. Numbers are kept in a signed radix-2^62 form. Inside a batch the
// steps run in groups of at most 20 on packed words (divsteps20), which
// carry the low bits of f (or g) and their row of the matrix in one 64-bit
// integer, so one step costs a handful of word operations.
//
// Constant time: every step is branch-free (swaps, negations and
// conditional additions use masks derived from the low bit of g and the
// sign of ζ); loop counts, shifts and the layout of the batches depend only
// on the constant 591; no memory index depends on any value. The only
// branches are on public loop indices and on the full flag of the tests.

const (
	invTotalSteps = 591 // the hddivstep bound for 256-bit moduli, see above
	invBatchSteps = 60  // steps per batch, three groups of 20
	invBatches    = 10  // 9·60 + 51 = 591
	invLastSteps  = invTotalSteps - (invBatches-1)*invBatchSteps
	mask62        = 1<<62 - 1
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

// divsteps20 runs n <= 20 hddivsteps from ζ on the low 20 bits of f and g
// and returns the new ζ, the matrix (u, v, q, r) with
// 2^n·(f', g') = (u·f + v·g, q·f + r·g) and |u|+|v|, |q|+|r| <= 2^n, and
// the final packed F (whose low 20 - n bits are those of f').
//
// Packing: with f0, g0 the low 20 bits of f and g read as signed numbers
// (|f0|, |g0| <= 2^19), F = f0 + 2^(20+n) and G = g0 + 2^(42+n) run the
// steps themselves (every operation is linear and every halving exact), so
// after i steps F = f_i + (u_i·2^(20+n) + v_i·2^(42+n))/2^i and likewise G
// with q_i, r_i: the low bits of F and G are those of f_i and g_i, so the
// parity tests see the right values. Divsteps never increase max(|f|, |g|),
// and f_i, g_i (i >= 1) stay in (-2^19, 2^19), so after n steps
// F = f_n + u·2^20 + v·2^42 splits into its three parts (u, v in
// [-2^20, 2^20] need 22 bits each). No intermediate value overflows: before
// a halving |G| <= 2^20 + |q|·2^(21+n-i) + |r|·2^(43+n-i) with |q| + |r| <=
// 2^(i+1) and |r| < 2^(i+1) (|r| = 2^(i+1) would need u = q = 0 before the
// step, but every step matrix has determinant 2), which is below 2^63.
func divsteps20(zeta int64, f, g uint64, n uint) (z, u, v, q, r, fw int64) {
	ff := int64(f<<44)>>44 + 1<<(20+n)
	gg := int64(g<<44)>>44 + 1<<(42+n)
	for range n {
		c1 := zeta >> 63 // all ones if δ > 0
		odd := -(gg & 1)
		x := (ff ^ c1) - c1 // -f if δ > 0, else f
		gg += x & odd
		s := c1 & odd // swap: g' = (g - f)/2, f' = g
		zeta = (zeta ^ s) - 1
		ff += gg & s // f + (g - f) = g
		gg >>= 1
	}
	u = (ff + 1<<19) << 22 >> 42
	v = (ff + 1<<19 + 1<<41) >> 42
	q = (gg + 1<<19) << 22 >> 42
	r = (gg + 1<<19 + 1<<41) >> 42
	return zeta, u, v, q, r, ff
}

// divstepsBatchGo runs n (41..60) hddivsteps from ζ on the low 64 bits of f
// and g, as groups of 20, 20 and n - 40 steps: after each group the next
// low bits of f and g follow from the group's matrix (the products modulo
// 2^64 are exact in their low bits: 44, then 24 bits, enough for 20 steps).
// It returns the new ζ, the batch matrix scaled by 2^(62-n), so that
// 2^62·(f', g') = (u·f + v·g, q·f + r·g) with |u|+|v|, |q|+|r| <= 2^62,
// and the packed F of the last group, whose low 60 - n bits are those of f'
// (for the last batch, n = 51, bit 1 gives the sign of f' = ±1).
func divstepsBatchGo(zeta int64, f, g uint64, n uint) (z, u, v, q, r, fw int64) {
	z, u1, v1, q1, r1, _ := divsteps20(zeta, f, g, 20)
	f1 := (uint64(u1)*f + uint64(v1)*g) >> 20
	g1 := (uint64(q1)*f + uint64(r1)*g) >> 20
	z, u2, v2, q2, r2, _ := divsteps20(z, f1, g1, 20)
	f2 := (uint64(u2)*f1 + uint64(v2)*g1) >> 20
	g2 := (uint64(q2)*f1 + uint64(r2)*g1) >> 20
	z, u3, v3, q3, r3, fw := divsteps20(z, f2, g2, n-40)
	// M = M3·M2·M1, |entries| summed per row at most 2^n
	u21, v21 := u2*u1+v2*q1, u2*v1+v2*r1
	q21, r21 := q2*u1+r2*q1, q2*v1+r2*r1
	sh := 62 - n
	u = (u3*u21 + v3*q21) << sh
	v = (u3*v21 + v3*r21) << sh
	q = (q3*u21 + r3*q21) << sh
	r = (q3*v21 + r3*r21) << sh
	return z, u, v, q, r, fw
}

// mac returns (hi:lo) + a·b as a 128-bit two's complement number, for
// signed a with sa = a>>63 (as a mask) and 0 <= b < 2^63.
func mac(hi, lo, a, sa, b uint64) (uint64, uint64) {
	ph, pl := bits.Mul64(a, b)
	ph -= sa & b // signed correction of the unsigned product
	lo, c := bits.Add64(lo, pl, 0)
	return hi + ph + c, lo
}

// macS is mac for a signed b too (sb = b>>63).
func macS(hi, lo, a, sa, b, sb uint64) (uint64, uint64) {
	ph, pl := bits.Mul64(a, b)
	ph -= sa&b + sb&a
	lo, c := bits.Add64(lo, pl, 0)
	return hi + ph + c, lo
}

// shr62 shifts (hi:lo) right arithmetically by 62.
func shr62(hi, lo uint64) (uint64, uint64) {
	return uint64(int64(hi) >> 62), lo>>62 | hi<<2
}

// updateFG sets (f, g) = (u·f + v·g, q·f + r·g) / 2^62 (exact divisions).
func updateFG(f, g *s62, u, v, q, r int64) {
	su, sv, sq, sr := uint64(u>>63), uint64(v>>63), uint64(q>>63), uint64(r>>63)
	uu, vv, qq, rr := uint64(u), uint64(v), uint64(q), uint64(r)
	var fh, fl, gh, gl uint64
	f0, g0 := uint64(f[0]), uint64(g[0])
	fh, fl = mac(0, 0, uu, su, f0)
	fh, fl = mac(fh, fl, vv, sv, g0)
	gh, gl = mac(0, 0, qq, sq, f0)
	gh, gl = mac(gh, gl, rr, sr, g0)
	fh, fl = shr62(fh, fl)
	gh, gl = shr62(gh, gl)
	for i := 1; i < 4; i++ {
		fi, gi := uint64(f[i]), uint64(g[i])
		fh, fl = mac(fh, fl, uu, su, fi)
		fh, fl = mac(fh, fl, vv, sv, gi)
		gh, gl = mac(gh, gl, qq, sq, fi)
		gh, gl = mac(gh, gl, rr, sr, gi)
		f[i-1], g[i-1] = int64(fl&mask62), int64(gl&mask62)
		fh, fl = shr62(fh, fl)
		gh, gl = shr62(gh, gl)
	}
	f4, g4 := uint64(f[4]), uint64(g[4])
	s4f, s4g := uint64(f[4]>>63), uint64(g[4]>>63)
	fh, fl = macS(fh, fl, uu, su, f4, s4f)
	fh, fl = macS(fh, fl, vv, sv, g4, s4g)
	gh, gl = macS(gh, gl, qq, sq, f4, s4f)
	gh, gl = macS(gh, gl, rr, sr, g4, s4g)
	f[3], g[3] = int64(fl&mask62), int64(gl&mask62)
	_, fl = shr62(fh, fl)
	_, gl = shr62(gh, gl)
	f[4], g[4] = int64(fl), int64(gl)
}

// updateDE sets (d, e) = (u·d + v·e, q·d + r·e) / 2^62 mod m. With d and e
// in (-2m, m) on input and |u|+|v|, |q|+|r| <= 2^62, the outputs are in
// (-2m, m) again: a multiple of m makes each sum divisible by 2^62 (and,
// for a negative d or e, first adds the m that moves it into (-m, m)).
func updateDE(d, e *s62, u, v, q, r int64, mod *invModulus) {
	sd, se := d[4]>>63, e[4]>>63
	md := (u & sd) + (v & se)
	me := (q & sd) + (r & se)
	su, sv, sq, sr := uint64(u>>63), uint64(v>>63), uint64(q>>63), uint64(r>>63)
	uu, vv, qq, rr := uint64(u), uint64(v), uint64(q), uint64(r)
	d0, e0 := uint64(d[0]), uint64(e[0])
	var dh, dl, eh, el uint64
	dh, dl = mac(0, 0, uu, su, d0)
	dh, dl = mac(dh, dl, vv, sv, e0)
	eh, el = mac(0, 0, qq, sq, d0)
	eh, el = mac(eh, el, rr, sr, e0)
	// choose md ≡ -cd/m (mod 2^62), keeping the part already in md
	md -= int64((mod.mInv62*dl + uint64(md)) & mask62)
	me -= int64((mod.mInv62*el + uint64(me)) & mask62)
	smd, sme := uint64(md>>63), uint64(me>>63)
	mdd, mee := uint64(md), uint64(me)
	m0 := uint64(mod.m[0])
	dh, dl = mac(dh, dl, mdd, smd, m0)
	eh, el = mac(eh, el, mee, sme, m0)
	dh, dl = shr62(dh, dl)
	eh, el = shr62(eh, el)
	for i := 1; i < 4; i++ {
		di, ei, mi := uint64(d[i]), uint64(e[i]), uint64(mod.m[i])
		dh, dl = mac(dh, dl, uu, su, di)
		dh, dl = mac(dh, dl, vv, sv, ei)
		dh, dl = mac(dh, dl, mdd, smd, mi)
		eh, el = mac(eh, el, qq, sq, di)
		eh, el = mac(eh, el, rr, sr, ei)
		eh, el = mac(eh, el, mee, sme, mi)
		d[i-1], e[i-1] = int64(dl&mask62), int64(el&mask62)
		dh, dl = shr62(dh, dl)
		eh, el = shr62(eh, el)
	}
	d4, e4, m4 := uint64(d[4]), uint64(e[4]), uint64(mod.m[4])
	s4d, s4e := uint64(sd), uint64(se)
	dh, dl = macS(dh, dl, uu, su, d4, s4d)
	dh, dl = macS(dh, dl, vv, sv, e4, s4e)
	dh, dl = mac(dh, dl, mdd, smd, m4)
	eh, el = macS(eh, el, qq, sq, d4, s4d)
	eh, el = macS(eh, el, rr, sr, e4, s4e)
	eh, el = mac(eh, el, mee, sme, m4)
	d[3], e[3] = int64(dl&mask62), int64(el&mask62)
	_, dl = shr62(dh, dl)
	_, el = shr62(eh, el)
	d[4], e[4] = int64(dl), int64(el)
}

// invertLimbs sets z = x^-1 mod m for 0 <= x < m (z = 0 for x = 0), in
// constant time. m is given both as limbs and in mod.
func invertLimbs(z, x, m *[4]uint64, mod *invModulus) {
	var d, f, g s62
	neg := invertCore(&d, &f, &g, x, mod, false)
	// Now g = 0, f = ±1 (or f = m and d = 0 for x = 0), neg is all ones
	// if f = -1, and d·x ≡ f, so x^-1 = sign(f)·d with d in (-2m, m).
	// Convert d to 320-bit two's complement, negate if f < 0, then bring
	// it into [0, m) with masks.
	var w [5]uint64
	w[0] = uint64(d[0]) | uint64(d[1])<<62
	w[1] = uint64(d[1])>>2 | uint64(d[2])<<60
	w[2] = uint64(d[2])>>4 | uint64(d[3])<<58
	w[3] = uint64(d[3])>>6 | uint64(d[4])<<56
	w[4] = uint64(d[4] >> 8)
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

// invertCore runs the 591 hddivsteps from (1, m, x) and sets d (with
// d·x ≡ f mod m). It returns all ones if the final f is negative, else 0,
// read from the low bits the last batch leaves (f = ±1 is 1 or 3 mod 4).
// The last batch does not update f and g, which nothing needs, unless full
// is set (a public flag, for the tests): then f and g are final too.
func invertCore(d, f, g *s62, x *[4]uint64, mod *invModulus, full bool) uint64 {
	*f, *g = mod.m, toS62(x)
	var e s62
	*d, e = s62{}, s62{1}
	zeta := int64(-1) // δ = 1
	for range invBatches - 1 {
		var u, v, q, r int64
		zeta, u, v, q, r, _ = divstepsBatch(zeta, uint64(f[0])|uint64(f[1])<<62, uint64(g[0])|uint64(g[1])<<62, invBatchSteps)
		updateDE(d, &e, u, v, q, r, mod)
		updateFG(f, g, u, v, q, r)
	}
	_, u, v, q, r, fw := divstepsBatch(zeta, uint64(f[0])|uint64(f[1])<<62, uint64(g[0])|uint64(g[1])<<62, invLastSteps)
	updateDE(d, &e, u, v, q, r, mod)
	if full {
		updateFG(f, g, u, v, q, r)
	}
	return -(uint64(fw) >> 1 & 1)
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
