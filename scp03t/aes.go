package scp03t

import "encoding/binary"

// AES-128 as FIPS 197 defines it, on an expanded key kept in a plain byte
// array so the state lives in the caller's structs (no cipher.Block, nothing
// escapes) and the same schedule feeds the assembly (AESENC/AESDEC take round
// keys in memory order).
//
// The pure-Go block functions below use 32-bit lookup tables: they are NOT
// constant-time against cache-timing attackers. They serve the purego build
// and CPUs without AES-NI+AVX; on amd64 with AES-NI every AES operation,
// including the key expansion (AESKEYGENASSIST/AESIMC), runs in assembly.

const (
	rounds     = 10
	scheduleSz = 16 * (rounds + 1)
)

// schedule is an expanded AES-128 key: 11 round keys of 16 bytes, in the
// order the rounds use them. For decryption it holds the "equivalent inverse
// cipher" keys of FIPS 197 §5.3.5 (the order and form AESDEC expects).
type schedule [scheduleSz]byte

var (
	sbox, invSbox      [256]byte
	te0, te1, te2, te3 [256]uint32
	td0, td1, td2, td3 [256]uint32
	rcon               = [rounds]byte{0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1b, 0x36}
)

// gmul multiplies in GF(2^8) modulo x^8+x^4+x^3+x+1 (FIPS 197 §4.2).
func gmul(a, b byte) byte {
	var p byte
	for b != 0 {
		if b&1 != 0 {
			p ^= a
		}
		hi := a & 0x80
		a <<= 1
		if hi != 0 {
			a ^= 0x1b
		}
		b >>= 1
	}
	return p
}

func init() {
	// S-box from its definition (FIPS 197 §5.1.1): multiplicative inverse
	// followed by the affine transformation.
	for i := 0; i < 256; i++ {
		b := byte(i)
		inv := byte(0)
		if b != 0 {
			// b^254 = b^-1 in GF(2^8).
			inv = 1
			for e := 0; e < 254; e++ {
				inv = gmul(inv, b)
			}
		}
		s := inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^ rotl8(inv, 4) ^ 0x63
		sbox[i] = s
		invSbox[s] = byte(i)
	}
	for i := 0; i < 256; i++ {
		s := sbox[i]
		w := uint32(gmul(s, 2))<<24 | uint32(s)<<16 | uint32(s)<<8 | uint32(gmul(s, 3))
		te0[i], te1[i], te2[i], te3[i] = w, w>>8|w<<24, w>>16|w<<16, w>>24|w<<8
		si := invSbox[i]
		v := uint32(gmul(si, 0x0e))<<24 | uint32(gmul(si, 0x09))<<16 | uint32(gmul(si, 0x0d))<<8 | uint32(gmul(si, 0x0b))
		td0[i], td1[i], td2[i], td3[i] = v, v>>8|v<<24, v>>16|v<<16, v>>24|v<<8
	}
}

func rotl8(b byte, n uint) byte { return b<<n | b>>(8-n) }

func subWord(w uint32) uint32 {
	return uint32(sbox[w>>24])<<24 | uint32(sbox[w>>16&0xff])<<16 | uint32(sbox[w>>8&0xff])<<8 | uint32(sbox[w&0xff])
}

// invMixColumn applies InvMixColumns (FIPS 197 §5.3.3) to one column word.
func invMixColumn(w uint32) uint32 {
	a0, a1, a2, a3 := byte(w>>24), byte(w>>16), byte(w>>8), byte(w)
	b0 := gmul(a0, 14) ^ gmul(a1, 11) ^ gmul(a2, 13) ^ gmul(a3, 9)
	b1 := gmul(a0, 9) ^ gmul(a1, 14) ^ gmul(a2, 11) ^ gmul(a3, 13)
	b2 := gmul(a0, 13) ^ gmul(a1, 9) ^ gmul(a2, 14) ^ gmul(a3, 11)
	b3 := gmul(a0, 11) ^ gmul(a1, 13) ^ gmul(a2, 9) ^ gmul(a3, 14)
	return uint32(b0)<<24 | uint32(b1)<<16 | uint32(b2)<<8 | uint32(b3)
}

// expandKeyGo is the FIPS 197 §5.2 key expansion for AES-128 plus the
// equivalent-inverse-cipher decryption schedule (§5.3.5).
func expandKeyGo(key *[16]byte, enc, dec *schedule) {
	var w [4 * (rounds + 1)]uint32
	for i := 0; i < 4; i++ {
		w[i] = binary.BigEndian.Uint32(key[4*i:])
	}
	for i := 4; i < len(w); i++ {
		t := w[i-1]
		if i%4 == 0 {
			t = subWord(t<<8|t>>24) ^ uint32(rcon[i/4-1])<<24
		}
		w[i] = w[i-4] ^ t
	}
	for i, v := range w {
		binary.BigEndian.PutUint32(enc[4*i:], v)
	}
	if dec == nil {
		return
	}
	for r := 0; r <= rounds; r++ {
		for c := 0; c < 4; c++ {
			v := w[4*(rounds-r)+c]
			if r > 0 && r < rounds {
				v = invMixColumn(v)
			}
			binary.BigEndian.PutUint32(dec[16*r+4*c:], v)
		}
	}
	clear(w[:])
}

// encryptBlockGo encrypts src into dst (they may alias).
func encryptBlockGo(ks *schedule, dst, src *[16]byte) {
	be := binary.BigEndian
	s0 := be.Uint32(src[0:]) ^ be.Uint32(ks[0:])
	s1 := be.Uint32(src[4:]) ^ be.Uint32(ks[4:])
	s2 := be.Uint32(src[8:]) ^ be.Uint32(ks[8:])
	s3 := be.Uint32(src[12:]) ^ be.Uint32(ks[12:])
	for r := 1; r < rounds; r++ {
		k := ks[16*r : 16*r+16]
		t0 := te0[s0>>24] ^ te1[s1>>16&0xff] ^ te2[s2>>8&0xff] ^ te3[s3&0xff] ^ be.Uint32(k[0:])
		t1 := te0[s1>>24] ^ te1[s2>>16&0xff] ^ te2[s3>>8&0xff] ^ te3[s0&0xff] ^ be.Uint32(k[4:])
		t2 := te0[s2>>24] ^ te1[s3>>16&0xff] ^ te2[s0>>8&0xff] ^ te3[s1&0xff] ^ be.Uint32(k[8:])
		t3 := te0[s3>>24] ^ te1[s0>>16&0xff] ^ te2[s1>>8&0xff] ^ te3[s2&0xff] ^ be.Uint32(k[12:])
		s0, s1, s2, s3 = t0, t1, t2, t3
	}
	k := ks[16*rounds:]
	o0 := uint32(sbox[s0>>24])<<24 | uint32(sbox[s1>>16&0xff])<<16 | uint32(sbox[s2>>8&0xff])<<8 | uint32(sbox[s3&0xff])
	o1 := uint32(sbox[s1>>24])<<24 | uint32(sbox[s2>>16&0xff])<<16 | uint32(sbox[s3>>8&0xff])<<8 | uint32(sbox[s0&0xff])
	o2 := uint32(sbox[s2>>24])<<24 | uint32(sbox[s3>>16&0xff])<<16 | uint32(sbox[s0>>8&0xff])<<8 | uint32(sbox[s1&0xff])
	o3 := uint32(sbox[s3>>24])<<24 | uint32(sbox[s0>>16&0xff])<<16 | uint32(sbox[s1>>8&0xff])<<8 | uint32(sbox[s2&0xff])
	be.PutUint32(dst[0:], o0^be.Uint32(k[0:]))
	be.PutUint32(dst[4:], o1^be.Uint32(k[4:]))
	be.PutUint32(dst[8:], o2^be.Uint32(k[8:]))
	be.PutUint32(dst[12:], o3^be.Uint32(k[12:]))
}

// decryptBlockGo decrypts src into dst (they may alias) with a decryption
// schedule from expandKeyGo.
func decryptBlockGo(ks *schedule, dst, src *[16]byte) {
	be := binary.BigEndian
	s0 := be.Uint32(src[0:]) ^ be.Uint32(ks[0:])
	s1 := be.Uint32(src[4:]) ^ be.Uint32(ks[4:])
	s2 := be.Uint32(src[8:]) ^ be.Uint32(ks[8:])
	s3 := be.Uint32(src[12:]) ^ be.Uint32(ks[12:])
	for r := 1; r < rounds; r++ {
		k := ks[16*r : 16*r+16]
		t0 := td0[s0>>24] ^ td1[s3>>16&0xff] ^ td2[s2>>8&0xff] ^ td3[s1&0xff] ^ be.Uint32(k[0:])
		t1 := td0[s1>>24] ^ td1[s0>>16&0xff] ^ td2[s3>>8&0xff] ^ td3[s2&0xff] ^ be.Uint32(k[4:])
		t2 := td0[s2>>24] ^ td1[s1>>16&0xff] ^ td2[s0>>8&0xff] ^ td3[s3&0xff] ^ be.Uint32(k[8:])
		t3 := td0[s3>>24] ^ td1[s2>>16&0xff] ^ td2[s1>>8&0xff] ^ td3[s0&0xff] ^ be.Uint32(k[12:])
		s0, s1, s2, s3 = t0, t1, t2, t3
	}
	k := ks[16*rounds:]
	o0 := uint32(invSbox[s0>>24])<<24 | uint32(invSbox[s3>>16&0xff])<<16 | uint32(invSbox[s2>>8&0xff])<<8 | uint32(invSbox[s1&0xff])
	o1 := uint32(invSbox[s1>>24])<<24 | uint32(invSbox[s0>>16&0xff])<<16 | uint32(invSbox[s3>>8&0xff])<<8 | uint32(invSbox[s2&0xff])
	o2 := uint32(invSbox[s2>>24])<<24 | uint32(invSbox[s1>>16&0xff])<<16 | uint32(invSbox[s0>>8&0xff])<<8 | uint32(invSbox[s3&0xff])
	o3 := uint32(invSbox[s3>>24])<<24 | uint32(invSbox[s2>>16&0xff])<<16 | uint32(invSbox[s1>>8&0xff])<<8 | uint32(invSbox[s0&0xff])
	be.PutUint32(dst[0:], o0^be.Uint32(k[0:]))
	be.PutUint32(dst[4:], o1^be.Uint32(k[4:]))
	be.PutUint32(dst[8:], o2^be.Uint32(k[8:]))
	be.PutUint32(dst[12:], o3^be.Uint32(k[12:]))
}
