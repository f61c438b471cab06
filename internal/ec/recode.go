package ec

import (
	"encoding/binary"
	"math/bits"
)

// Table geometry shared by both curves.
const (
	// Fixed-base table for ScalarBaseMult: 37 windows of signed 7-bit digits in [-64, 64], one row of
	// j·128^i·G (j = 1..64) per window (37·64 affine points, 148 KiB per curve). With the vector scan
	// (scanRows64) 7-bit windows measured faster than 6-bit ones (43 windows of 32): six fewer additions
	// outweigh the longer scans.
	baseBits    = 7
	baseWindows = 37 // ceil(256 / 7); the top window holds 4 bits plus a carry, so the final carry is 0 for k < 2^256
	baseRow     = 1 << (baseBits - 1)

	// Variable-base windows for ECDH: 65 signed 4-bit digits in [-8, 8] over a table of 1·Q .. 8·Q.
	mulWindows = 65

	// Piece tables for verification: the w-NAF of a scalar (at most 257 digits) is cut into pieceCount
	// pieces of pieceBits digits; piece j uses odd multiples (1, 3, ..., 2^(pieceWidth-1)-1) of 2^(pieceBits·j)·P.
	// With all pieces added in the same pass only pieceBits doublings are needed. One table is
	// 33·128 affine points = 264 KiB; 8-bit pieces and width 9 measured about 15 % faster than 16-bit pieces
	// and width 8 (a quarter of the memory).
	pieceBits  = 8
	pieceCount = 33 // ceil(257 / pieceBits)
	pieceWidth = 9  // w-NAF width for G and for a PrecomputedKey
	pieceSize  = 1 << (pieceWidth - 2)
	nafLen     = pieceBits * pieceCount // >= 257

	// w-NAF width for the on-the-fly table of Q in PublicKey.VerifyDigest: odd multiples 1..15 of Q.
	qWidth = 5
	qSize  = 1 << (qWidth - 2)
)

// recodeSigned4 writes the 65 signed base-16 digits of the big-endian scalar k, each in [-8, 8], least
// significant first, such that k = Σ d[i]·16^i. Constant time: the carry is computed arithmetically and all
// indices depend only on the loop counter.
func recodeSigned4(d *[mulWindows]int8, k *[32]byte) {
	var carry uint64
	for i := 0; i < 64; i++ {
		nib := (uint64(k[31-i/2]) >> (4 * uint(i&1))) & 0xf
		v := nib + carry     // 0..16
		carry = (v + 7) >> 4 // 1 iff v >= 9
		d[i] = int8(int64(v) - int64(carry<<4))
	}
	d[64] = int8(carry)
}

// recodeSignedBase writes the baseWindows signed base-2^baseBits digits of the big-endian scalar k, each in
// [-baseRow, baseRow], least significant first, such that k = Σ d[i]·2^(baseBits·i). Constant time: the limb and
// shift used for window i depend only on i, the carry is computed arithmetically.
func recodeSignedBase(d *[baseWindows]int8, k *[32]byte) {
	l := limbs(k)
	var carry uint64
	for i := 0; i < baseWindows; i++ {
		bit := uint(baseBits * i)
		li, sh := bit/64, bit%64
		v := l[li] >> sh
		if sh > 64-baseBits && li < 3 {
			v |= l[li+1] << (64 - sh)
		}
		v = v&(1<<baseBits-1) + carry         // 0..2^baseBits
		carry = (v + baseRow - 1) >> baseBits // 1 iff v > baseRow
		d[i] = int8(int64(v) - int64(carry<<baseBits))
	}
}

// absSign returns |d| and 1 if d < 0 (else 0), without branches.
func absSign(d int8) (abs uint64, neg int) {
	x := int64(d)
	s := x >> 63
	return uint64((x ^ s) - s), int(s & 1)
}

// ctEq returns 1 if a == b, else 0, without branches.
func ctEq(a, b uint64) int {
	x := a ^ b
	return int(1 ^ ((x | -x) >> 63))
}

// limbs converts a 32-byte big-endian value into little-endian 64-bit limbs.
func limbs(b *[32]byte) [4]uint64 {
	return [4]uint64{
		binary.BigEndian.Uint64(b[24:]),
		binary.BigEndian.Uint64(b[16:]),
		binary.BigEndian.Uint64(b[8:]),
		binary.BigEndian.Uint64(b[0:]),
	}
}

// wnaf writes the width-w non-adjacent form of the 256-bit scalar k into out (least significant digit first,
// digits odd and in (-2^(w-1), 2^(w-1)) or zero; at most 257 digits). Variable time: only for public scalars.
//
// It walks k's bits with a carry instead of subtracting each digit from a multiword copy: the next digit
// sits at the first bit that differs from the carry (a run of bits equal to the carry gives zero digits and
// leaves the carry as it is), and it is the w bits there plus the carry, made negative (and the carry set)
// when they reach 2^(w-1). Runs are skipped 64 bits at a time with TrailingZeros64.
func wnaf(out *[nafLen]int16, k [4]uint64, w uint) {
	*out = [nafLen]int16{}
	// Two zero words on top: at reads up to bit 319.
	s := [6]uint64{k[0], k[1], k[2], k[3]}
	// at returns bits pos..pos+63 of s.
	at := func(pos uint) uint64 {
		i, o := pos>>6, pos&63
		if o == 0 {
			return s[i]
		}
		return s[i]>>o | s[i+1]<<(64-o)
	}
	mask := uint64(1)<<w - 1
	carry := uint64(0)
	for pos := uint(0); pos < 257; {
		v := at(pos) ^ -carry // ones where a bit differs from the carry
		if v == 0 {
			pos += 64
			continue
		}
		pos += uint(bits.TrailingZeros64(v))
		if pos >= 257 {
			break
		}
		word := at(pos)&mask + carry // odd, in [1, 2^w - 1]
		carry = word >> (w - 1)
		out[pos] = int16(int64(word) - int64(carry<<w))
		pos += w
	}
}

// lessBE reports whether a < b for 32-byte big-endian values. Variable time.
func lessBE(a, b *[32]byte) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

// subBE returns a - b (a >= b) for 32-byte big-endian values.
func subBE(a, b *[32]byte) [32]byte {
	var out [32]byte
	var borrow uint64
	for i := 31; i >= 0; i-- {
		v := uint64(a[i]) - uint64(b[i]) - borrow
		out[i] = byte(v)
		borrow = (v >> 63) & 1
	}
	return out
}

// halfScalar sets out = min(k, n - k) for a big-endian k <= n and reports 1 if that is n - k (else 0). Since n is
// odd, out < n/2 < 2^255. k·P = ±out·P, so a multiplication can run on the shorter scalar and negate at the
// end. Constant time: the subtraction, the comparison and the choice are carry arithmetic and masks.
func halfScalar(out *[32]byte, k, n *[32]byte) int {
	kl, nl := limbs(k), limbs(n)
	var d [4]uint64
	var b uint64
	d[0], b = bits.Sub64(nl[0], kl[0], 0)
	d[1], b = bits.Sub64(nl[1], kl[1], b)
	d[2], b = bits.Sub64(nl[2], kl[2], b)
	d[3], _ = bits.Sub64(nl[3], kl[3], b)
	// flip = 1 iff n - k < k
	_, b = bits.Sub64(d[0], kl[0], 0)
	_, b = bits.Sub64(d[1], kl[1], b)
	_, b = bits.Sub64(d[2], kl[2], b)
	_, b = bits.Sub64(d[3], kl[3], b)
	mask := -b
	for i := range 4 {
		v := kl[i] ^ ((kl[i] ^ d[i]) & mask)
		binary.BigEndian.PutUint64(out[24-8*i:], v)
		kl[i], d[i] = 0, 0
	}
	return int(b)
}
