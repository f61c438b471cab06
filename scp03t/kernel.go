package scp03t

import "unsafe"

// lane is one AES chain x ← E(ks, x ⊕ src[i]) for i = 0, 1, …: a CBC
// encryption when each x is stored, a CBC-MAC (the body of CMAC) when it is
// not. Several lanes advance together so that independent chains (several
// sessions, or the CBC of one segment and the CMAC of the previous one) fill
// the AES pipeline that a single chain leaves idle.
//
// The layout is shared with lanes_amd64.s: 64 bytes, fields at the offsets
// noted. The assembly never writes a pointer field.
type lane struct {
	ks   *schedule      // 0: encryption schedule
	src  unsafe.Pointer // 8: next input block
	dst  unsafe.Pointer // 16: where block i's output goes (dst + 16·i&mask)
	mask uintptr        // 24: ^0 stores block i at dst+16i; 0 stores every block at dst
	x    [16]byte       // 32: chaining value
	_    [16]byte
}

const maxLanes = 8

// wideLanes is how many lanes the VAES kernel takes (in pairs, one pair per
// YMM register).
const wideLanes = 16

// packedKeys holds the round keys of up to wideLanes lanes side by side:
// round r of lane i at 256·r + 16·i, so a pair's keys load as one 32-byte
// operand.
type packedKeys [rounds + 1][wideLanes][16]byte

// setColumn copies schedule ks into lane column i.
func (p *packedKeys) setColumn(i int, ks *schedule) {
	for r := range p {
		p[r][i] = [16]byte(ks[16*r:])
	}
}

// lanesGo is the pure-Go twin of the assembly lane kernels: it advances every
// lane in l by n blocks.
func lanesGo(l []lane, n int) {
	for i := range l {
		ln := &l[i]
		src := unsafe.Slice((*byte)(ln.src), 16*n)
		for b := 0; b < n; b++ {
			in := (*[16]byte)(src[16*b:])
			for j := range ln.x {
				ln.x[j] ^= in[j]
			}
			encryptBlockGo(ln.ks, &ln.x, &ln.x)
			*(*[16]byte)(unsafe.Add(ln.dst, uintptr(16*b)&ln.mask)) = ln.x
		}
	}
}

// cbcDecryptGo is the pure-Go twin of cbcDecryptAsm: CBC decryption of src
// (a multiple of 16 bytes) into dst (same length; dst == src is allowed)
// with chaining value iv, which is left holding the last ciphertext block.
func cbcDecryptGo(ks *schedule, iv *[16]byte, dst, src []byte) {
	var c, p [16]byte
	for len(src) >= 16 {
		c = [16]byte(src[:16])
		decryptBlockGo(ks, &p, &c)
		for j := range p {
			p[j] ^= iv[j]
		}
		*iv = c
		copy(dst[:16], p[:])
		src, dst = src[16:], dst[16:]
	}
	clear(p[:])
}
