package field

import "math/bits"

// This file holds the limb helpers shared by the four types. Every function
// here runs in time independent of the limb values: no branches and no memory
// indices depend on them.

// lessThan returns 1 if x < m, else 0, in constant time.
func lessThan(x, m *[4]uint64) int {
	var b uint64
	_, b = bits.Sub64(x[0], m[0], 0)
	_, b = bits.Sub64(x[1], m[1], b)
	_, b = bits.Sub64(x[2], m[2], b)
	_, b = bits.Sub64(x[3], m[3], b)
	return int(b)
}

// halfLimbs sets z = x/2 mod m for x < m and an odd m: x, or x + m when x is
// odd (chosen with a mask), shifted right by one bit with the carry of the
// addition as the top bit. Constant time.
func halfLimbs(z, x, m *[4]uint64) {
	mask := -(x[0] & 1)
	s0, c := bits.Add64(x[0], m[0]&mask, 0)
	s1, c := bits.Add64(x[1], m[1]&mask, c)
	s2, c := bits.Add64(x[2], m[2]&mask, c)
	s3, c := bits.Add64(x[3], m[3]&mask, c)
	z[0] = s0>>1 | s1<<63
	z[1] = s1>>1 | s2<<63
	z[2] = s2>>1 | s3<<63
	z[3] = s3>>1 | c<<63
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
