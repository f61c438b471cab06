package scp03t

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/subtle"
	"encoding/binary"
)

// refSession is the reference the tests and benchmarks compare against: the
// same BSP algorithm written the way a careful engineer would with the
// standard library only — crypto/aes, CBC block modes reused through SetIV,
// and AES-CMAC (RFC 4493) over cipher.Block with its state in the struct.
type refSession struct {
	enc, mac cipher.Block
	cbcEnc   cipher.BlockMode
	cbcDec   cipher.BlockMode
	k1, k2   [16]byte
	mcv      [16]byte
	counter  uint64
	ctr, icv [16]byte
	x, blk   [16]byte
}

type ivSetter interface{ SetIV([]byte) }

func newRef(ks *KeySet) *refSession {
	r := new(refSession)
	r.replace(ks)
	return r
}

func (r *refSession) replace(ks *KeySet) {
	r.enc, _ = aes.NewCipher(ks.Enc[:])
	r.mac, _ = aes.NewCipher(ks.MAC[:])
	r.cbcEnc = cipher.NewCBCEncrypter(r.enc, make([]byte, 16))
	r.cbcDec = cipher.NewCBCDecrypter(r.enc, make([]byte, 16))
	var l [16]byte
	r.mac.Encrypt(l[:], l[:])
	refDouble(&r.k1, &l)
	refDouble(&r.k2, &r.k1)
	r.mcv = ks.MCV
	r.counter = 1
}

func refDouble(dst, src *[16]byte) {
	var carry byte
	for i := 15; i >= 0; i-- {
		b := src[i]
		dst[i] = b<<1 | carry
		carry = b >> 7
	}
	if carry != 0 {
		dst[15] ^= 0x87
	}
}

// cmac computes AES-CMAC(S-MAC, MCV ‖ msg) into r.x.
func (r *refSession) cmac(msg []byte) {
	r.mac.Encrypt(r.x[:], r.mcv[:])
	for len(msg) > 16 {
		subtle.XORBytes(r.x[:], r.x[:], msg[:16])
		r.mac.Encrypt(r.x[:], r.x[:])
		msg = msg[16:]
	}
	clear(r.blk[:])
	copy(r.blk[:], msg)
	if len(msg) == 16 {
		subtle.XORBytes(r.blk[:], r.blk[:], r.k1[:])
	} else {
		r.blk[len(msg)] = 0x80
		subtle.XORBytes(r.blk[:], r.blk[:], r.k2[:])
	}
	subtle.XORBytes(r.x[:], r.x[:], r.blk[:])
	r.mac.Encrypt(r.x[:], r.x[:])
}

func (r *refSession) setICV() {
	binary.BigEndian.PutUint64(r.ctr[8:], r.counter)
	r.enc.Encrypt(r.icv[:], r.ctr[:])
}

// appendProtect protects one segment; data is encrypted after padding
// unless tag is 88. raw skips the padding (tests build bad segments with it).
func (r *refSession) appendProtect(dst []byte, tag byte, pt []byte, raw bool) []byte {
	d := len(pt)
	if tag != Tag88 && !raw {
		d = d&^15 + 16
	}
	start := len(dst)
	l := d + MACSize
	switch {
	case l < 0x80:
		dst = append(dst, tag, byte(l))
	case l < 0x100:
		dst = append(dst, tag, 0x81, byte(l))
	default:
		dst = append(dst, tag, 0x82, byte(l>>8), byte(l))
	}
	hdr := len(dst)
	dst = append(dst, pt...)
	if tag != Tag88 {
		if !raw {
			dst = append(dst, 0x80)
			for len(dst)-hdr < d {
				dst = append(dst, 0)
			}
		}
		r.setICV()
		r.cbcEnc.(ivSetter).SetIV(r.icv[:])
		r.cbcEnc.CryptBlocks(dst[hdr:], dst[hdr:])
	}
	r.cmac(dst[start:])
	dst = append(dst, r.x[:MACSize]...)
	r.mcv = r.x
	r.counter++
	return dst
}

func (r *refSession) appendProtectAll(dst []byte, tag byte, pt []byte) []byte {
	m := maxPlaintext(tag)
	for {
		n := min(m, len(pt))
		dst = r.appendProtect(dst, tag, pt[:n], false)
		pt = pt[n:]
		if len(pt) == 0 {
			return dst
		}
	}
}

// appendUnprotect returns ok=false on any failure (structure, MAC, padding).
func (r *refSession) appendUnprotect(dst, seg []byte) ([]byte, bool) {
	_, hlen, dlen, err := ParseSegment(seg)
	if err != nil {
		return dst, false
	}
	r.cmac(seg[:hlen+dlen])
	if subtle.ConstantTimeCompare(r.x[:MACSize], seg[hlen+dlen:]) != 1 {
		return dst, false
	}
	start := len(dst)
	dst = append(dst, seg[hlen:hlen+dlen]...)
	if seg[0] != Tag88 {
		r.setICV()
		r.cbcDec.(ivSetter).SetIV(r.icv[:])
		p := dst[start:]
		r.cbcDec.CryptBlocks(p, p)
		i := len(p) - 1
		for i >= len(p)-16 && p[i] == 0 {
			i--
		}
		if i < len(p)-16 || p[i] != 0x80 {
			return dst[:start], false
		}
		dst = dst[:start+i]
	}
	r.mcv = r.x
	r.counter++
	return dst, true
}
