package ec

import "math/bits"

// modulus is an odd 256-bit modulus with the constant for exact division by powers of two.
type modulus struct {
	m    [4]uint64
	mInv uint64 // -m⁻¹ mod 2^64
}

func newModulus(be *[32]byte) modulus {
	m := limbs(be)
	inv := m[0] // correct to 3 bits for odd m; each Newton step doubles the precision
	for range 5 {
		inv *= 2 - m[0]*inv
	}
	return modulus{m: m, mInv: -inv}
}

// inverseVartime returns a⁻¹ mod m for 0 < a < m with gcd(a, m) = 1 (0 if a = 0), by the binary extended
// Euclidean algorithm with invariants x1·a ≡ u and x2·a ≡ v (mod m). Runs of k zero bits are removed at once:
// x·2⁻ᵏ mod m is computed exactly as (x + q·m)/2ᵏ with q = x·(-m⁻¹) mod 2ᵏ.
//
// VARIABLE TIME: its running time depends on a. Only for public values (the s of a signature being verified).
func (md *modulus) inverseVartime(a [4]uint64) [4]uint64 {
	u, v := a, md.m
	x1, x2 := [4]uint64{1}, [4]uint64{}
	for {
		if u == ([4]uint64{}) {
			return [4]uint64{}
		}
		if u[0]&1 == 0 {
			k := uint(bits.TrailingZeros64(u[0]))
			if k == 64 {
				k = 63
			}
			shr4(&u, k)
			md.divPow2(&x1, k)
			continue
		}
		if v[0]&1 == 0 {
			k := uint(bits.TrailingZeros64(v[0]))
			if k == 64 {
				k = 63
			}
			shr4(&v, k)
			md.divPow2(&x2, k)
			continue
		}
		if u == [4]uint64{1} {
			return x1
		}
		if v == [4]uint64{1} {
			return x2
		}
		if !less4(&u, &v) {
			sub4(&u, &v)
			md.subMod(&x1, &x2)
		} else {
			sub4(&v, &u)
			md.subMod(&x2, &x1)
		}
	}
}

// divPow2 sets x = x·2⁻ᵏ mod m for x < m, 1 <= k <= 63.
func (md *modulus) divPow2(x *[4]uint64, k uint) {
	q := (x[0] * md.mInv) & (1<<k - 1)
	// t = x + q·m (5 limbs); its low k bits are zero.
	var t [5]uint64
	var c, hi, lo, carry uint64
	for i := 0; i < 4; i++ {
		hi, lo = bits.Mul64(q, md.m[i])
		lo, c = bits.Add64(lo, carry, 0)
		hi += c
		t[i], c = bits.Add64(x[i], lo, 0)
		carry = hi + c
	}
	t[4] = carry
	shr(&t, k)
	// t < 2m: subtract m once if needed.
	r := [4]uint64{t[0], t[1], t[2], t[3]}
	if t[4] != 0 || !less4(&r, &md.m) {
		sub4(&r, &md.m)
	}
	*x = r
}

// subMod sets x = x - y mod m for x, y < m.
func (md *modulus) subMod(x, y *[4]uint64) {
	var b uint64
	x[0], b = bits.Sub64(x[0], y[0], 0)
	x[1], b = bits.Sub64(x[1], y[1], b)
	x[2], b = bits.Sub64(x[2], y[2], b)
	x[3], b = bits.Sub64(x[3], y[3], b)
	if b != 0 {
		var c uint64
		x[0], c = bits.Add64(x[0], md.m[0], 0)
		x[1], c = bits.Add64(x[1], md.m[1], c)
		x[2], c = bits.Add64(x[2], md.m[2], c)
		x[3], _ = bits.Add64(x[3], md.m[3], c)
	}
}

func shr4(x *[4]uint64, s uint) {
	x[0] = x[0]>>s | x[1]<<(64-s)
	x[1] = x[1]>>s | x[2]<<(64-s)
	x[2] = x[2]>>s | x[3]<<(64-s)
	x[3] >>= s
}

func less4(a, b *[4]uint64) bool {
	for i := 3; i >= 0; i-- {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

func sub4(x, y *[4]uint64) {
	var b uint64
	x[0], b = bits.Sub64(x[0], y[0], 0)
	x[1], b = bits.Sub64(x[1], y[1], b)
	x[2], b = bits.Sub64(x[2], y[2], b)
	x[3], _ = bits.Sub64(x[3], y[3], b)
}

// beBytes converts little-endian limbs to 32 big-endian bytes.
func beBytes(x *[4]uint64) (b [32]byte) {
	for i := 0; i < 4; i++ {
		v := x[3-i]
		for j := 0; j < 8; j++ {
			b[8*i+j] = byte(v >> (56 - 8*j))
		}
	}
	return
}
