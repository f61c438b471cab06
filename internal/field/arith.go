package field

import "math/bits"

// This file holds the limb helpers shared by the four types. Every function
// here runs in time independent of the limb values: no branches and no memory
// indices depend on them.

// montMulLoop is a word-by-word (CIOS) Montgomery multiplication:
// z = x·y·2^-256 mod m, with m0inv = -m^-1 mod 2^64. It requires x·y < m·2^256
// (true when one operand is < m and the other < 2^256) and returns z < m.
func montMulLoop(z, x, y, m *[4]uint64, m0inv uint64) {
	var t [6]uint64
	for i := 0; i < 4; i++ {
		// t += x[i]·y
		var c uint64
		for j := 0; j < 4; j++ {
			hi, lo := bits.Mul64(x[i], y[j])
			var cc uint64
			lo, cc = bits.Add64(lo, t[j], 0)
			hi += cc
			lo, cc = bits.Add64(lo, c, 0)
			hi += cc
			t[j] = lo
			c = hi
		}
		var cc uint64
		t[4], cc = bits.Add64(t[4], c, 0)
		t[5] = cc
		// t = (t + q·m) / 2^64
		q := t[0] * m0inv
		hi, lo := bits.Mul64(q, m[0])
		_, cc = bits.Add64(lo, t[0], 0)
		c = hi + cc
		for j := 1; j < 4; j++ {
			hi, lo := bits.Mul64(q, m[j])
			lo, cc = bits.Add64(lo, t[j], 0)
			hi += cc
			lo, cc = bits.Add64(lo, c, 0)
			hi += cc
			t[j-1] = lo
			c = hi
		}
		t[3], cc = bits.Add64(t[4], c, 0)
		t[4] = t[5] + cc
	}
	condSub(z, &[4]uint64{t[0], t[1], t[2], t[3]}, t[4], m)
}

// condSub sets z = (hi·2^256 + x) - m if that is non-negative, else z = x,
// with a mask instead of a branch. It requires hi·2^256 + x < 2m.
func condSub(z, x *[4]uint64, hi uint64, m *[4]uint64) {
	var d [4]uint64
	var b uint64
	d[0], b = bits.Sub64(x[0], m[0], 0)
	d[1], b = bits.Sub64(x[1], m[1], b)
	d[2], b = bits.Sub64(x[2], m[2], b)
	d[3], b = bits.Sub64(x[3], m[3], b)
	_, b = bits.Sub64(hi, 0, b)
	// b == 1: the subtraction went negative, keep x.
	mask := -b
	z[0] = d[0] ^ ((x[0] ^ d[0]) & mask)
	z[1] = d[1] ^ ((x[1] ^ d[1]) & mask)
	z[2] = d[2] ^ ((x[2] ^ d[2]) & mask)
	z[3] = d[3] ^ ((x[3] ^ d[3]) & mask)
}

// addMod sets z = x + y mod m for x, y < m.
func addMod(z, x, y, m *[4]uint64) {
	var s [4]uint64
	var c uint64
	s[0], c = bits.Add64(x[0], y[0], 0)
	s[1], c = bits.Add64(x[1], y[1], c)
	s[2], c = bits.Add64(x[2], y[2], c)
	s[3], c = bits.Add64(x[3], y[3], c)
	condSub(z, &s, c, m)
}

// subMod sets z = x - y mod m for x, y < m: the difference, plus m when the
// subtraction borrowed (m masked by the borrow, no branch).
func subMod(z, x, y, m *[4]uint64) {
	var d [4]uint64
	var b uint64
	d[0], b = bits.Sub64(x[0], y[0], 0)
	d[1], b = bits.Sub64(x[1], y[1], b)
	d[2], b = bits.Sub64(x[2], y[2], b)
	d[3], b = bits.Sub64(x[3], y[3], b)
	mask := -b
	var c uint64
	z[0], c = bits.Add64(d[0], m[0]&mask, 0)
	z[1], c = bits.Add64(d[1], m[1]&mask, c)
	z[2], c = bits.Add64(d[2], m[2]&mask, c)
	z[3], _ = bits.Add64(d[3], m[3]&mask, c)
}

// lessThan returns 1 if x < m, else 0, in constant time.
func lessThan(x, m *[4]uint64) int {
	var b uint64
	_, b = bits.Sub64(x[0], m[0], 0)
	_, b = bits.Sub64(x[1], m[1], b)
	_, b = bits.Sub64(x[2], m[2], b)
	_, b = bits.Sub64(x[3], m[3], b)
	return int(b)
}

// selectLimbs sets z = a if cond == 1, z = b if cond == 0, with a mask.
func selectLimbs(z, a, b *[4]uint64, cond int) {
	mask := -uint64(cond)
	z[0] = b[0] ^ ((a[0] ^ b[0]) & mask)
	z[1] = b[1] ^ ((a[1] ^ b[1]) & mask)
	z[2] = b[2] ^ ((a[2] ^ b[2]) & mask)
	z[3] = b[3] ^ ((a[3] ^ b[3]) & mask)
}

// isZeroWord returns 1 if v == 0, else 0, without a branch.
func isZeroWord(v uint64) int {
	return int(1 ^ ((v | -v) >> 63))
}

// equalLimbs returns 1 if a == b, else 0, in constant time.
func equalLimbs(a, b *[4]uint64) int {
	return isZeroWord((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2]) | (a[3] ^ b[3]))
}

// isZeroLimbs returns 1 if a == 0, else 0, in constant time.
func isZeroLimbs(a *[4]uint64) int {
	return isZeroWord(a[0] | a[1] | a[2] | a[3])
}

// loadBE reads 32 big-endian bytes into little-endian limbs.
func loadBE(z *[4]uint64, b *[32]byte) {
	for i := 0; i < 4; i++ {
		j := 24 - 8*i
		z[i] = uint64(b[j])<<56 | uint64(b[j+1])<<48 | uint64(b[j+2])<<40 | uint64(b[j+3])<<32 |
			uint64(b[j+4])<<24 | uint64(b[j+5])<<16 | uint64(b[j+6])<<8 | uint64(b[j+7])
	}
}

// storeBE writes little-endian limbs as 32 big-endian bytes.
func storeBE(b *[32]byte, x *[4]uint64) {
	for i := 0; i < 4; i++ {
		j := 24 - 8*i
		v := x[i]
		b[j], b[j+1], b[j+2], b[j+3] = byte(v>>56), byte(v>>48), byte(v>>40), byte(v>>32)
		b[j+4], b[j+5], b[j+6], b[j+7] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
	}
}
