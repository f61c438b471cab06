package ecdsa

import (
	"crypto/sha256"
	"crypto/subtle"
)

// This file is the nonce generator of RFC 6979 §3.2 (HMAC-DRBG with
// HMAC-SHA-256) for 256-bit group orders, with the "additional data" k' of
// RFC 6979 §3.6: fresh randomness mixed into the seeding of K, so that the
// nonce stays secret when the random source is weak (deterministic part) and
// differs between signatures of the same message (fault attacks on
// deterministic signing; "hedged" signatures). With no additional data it is
// exactly RFC 6979.
//
// All buffers are fixed arrays on the stack; HMAC is computed with
// sha256.Sum256 over ipad/opad blocks so nothing is allocated. The code does
// not branch on secret data except on "candidate k is out of [1, n-1]" (RFC
// 6979 §3.2 step h.3), which leaks nothing useful.

const (
	hmacBlock = 64
	maxMsg    = 32 + 1 + 32 + 32 + 32 // V ‖ 0x00/0x01 ‖ int2octets(x) ‖ bits2octets(h1) ‖ k'
)

// hmacSHA256 computes HMAC-SHA-256 with a 32-byte key (RFC 2104) over msg
// (at most maxMsg bytes).
func hmacSHA256(key *[32]byte, msg []byte) [32]byte {
	var buf [hmacBlock + maxMsg]byte
	for i := range 32 {
		buf[i] = key[i] ^ 0x36
	}
	for i := 32; i < hmacBlock; i++ {
		buf[i] = 0x36
	}
	n := copy(buf[hmacBlock:], msg)
	inner := sha256.Sum256(buf[:hmacBlock+n])
	for i := range 32 {
		buf[i] = key[i] ^ 0x5c
	}
	for i := 32; i < hmacBlock; i++ {
		buf[i] = 0x5c
	}
	copy(buf[hmacBlock:], inner[:])
	out := sha256.Sum256(buf[:hmacBlock+32])
	clear(buf[:])
	return out
}

// drbg is the HMAC-DRBG state (K, V) of RFC 6979 §3.2.
type drbg struct {
	k, v [32]byte
	used bool // a candidate was taken: update before the next one
}

// lessThan reports, in constant time, whether the 32-byte big-endian a is
// smaller than b.
func lessThan(a, b *[32]byte) bool {
	var borrow uint32
	for i := 31; i >= 0; i-- {
		d := uint32(a[i]) - uint32(b[i]) - borrow
		borrow = (d >> 8) & 1
	}
	return borrow == 1
}

func isZero32(a *[32]byte) bool {
	var z [32]byte
	return subtle.ConstantTimeCompare(a[:], z[:]) == 1
}

// bits2octets computes int2octets(bits2int(h) mod n) for a 256-bit n whose
// top bit is set (RFC 6979 §2.3.4): the leftmost 256 bits of h, reduced by a
// single conditional subtraction of n.
func bits2octets(out *[32]byte, h []byte, n *[32]byte) {
	if len(h) > 32 {
		h = h[:32]
	}
	*out = [32]byte{}
	copy(out[32-len(h):], h)
	// out - n, kept when out >= n.
	var diff [32]byte
	var borrow uint32
	for i := 31; i >= 0; i-- {
		d := uint32(out[i]) - uint32(n[i]) - borrow
		diff[i] = byte(d)
		borrow = (d >> 8) & 1
	}
	subtle.ConstantTimeCopy(int(1-borrow), out[:], diff[:])
}

// init seeds the DRBG from the private key x, the message digest h and the
// optional additional data extra (RFC 6979 §3.2 steps b-g, §3.6).
func (g *drbg) init(x *[32]byte, h []byte, n *[32]byte, extra []byte) {
	var msg [maxMsg]byte
	var h1 [32]byte
	bits2octets(&h1, h, n)
	g.used = false
	for i := range g.v {
		g.v[i] = 0x01
		g.k[i] = 0x00
	}
	copy(msg[:32], g.v[:])
	copy(msg[33:65], x[:])
	copy(msg[65:97], h1[:])
	l := 97 + copy(msg[97:], extra)
	msg[32] = 0x00
	g.k = hmacSHA256(&g.k, msg[:l])
	g.v = hmacSHA256(&g.k, g.v[:])
	copy(msg[:32], g.v[:])
	msg[32] = 0x01
	g.k = hmacSHA256(&g.k, msg[:l])
	g.v = hmacSHA256(&g.k, g.v[:])
	clear(msg[:])
	clear(h1[:])
}

// next writes the next candidate nonce in [1, n-1] to k (step h). Call again
// to get the following one (when a signature came out with r or s zero): the
// step h.3 update K = HMAC_K(V ‖ 0x00), V = HMAC_K(V) runs before every
// candidate but the first.
func (g *drbg) next(k *[32]byte, n *[32]byte) {
	for {
		if g.used {
			var msg [33]byte
			copy(msg[:], g.v[:])
			g.k = hmacSHA256(&g.k, msg[:33])
			g.v = hmacSHA256(&g.k, g.v[:])
		}
		g.used = true
		g.v = hmacSHA256(&g.k, g.v[:])
		*k = g.v
		if lessThan(k, n) && !isZero32(k) {
			return
		}
	}
}

func (g *drbg) wipe() { clear(g.k[:]); clear(g.v[:]) }
