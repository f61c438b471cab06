package scp03t

import (
	"crypto/subtle"
	"unsafe"
)

// CMAC returns AES-CMAC (RFC 4493) of msg under the AES-128 key.
func CMAC(key *[16]byte, msg []byte) (mac [16]byte) {
	var (
		ks     schedule
		k1, k2 [16]byte
		b      [16]byte
		l      [1]lane
	)
	expandKey(key, &ks, nil)
	encryptBlock(&ks, &b, &b)
	subkey(&k1, &b)
	subkey(&k2, &k1)
	nb, last := cmacSplit(msg)
	if nb > 0 {
		l[0].ks = &ks
		l[0].src = unsafe.Pointer(unsafe.SliceData(msg))
		l[0].dst = unsafe.Pointer(&b)
		runLanes(l[:], nb)
	}
	clear(b[:])
	copy(b[:], last)
	k := &k1
	if len(last) < 16 {
		b[len(last)] = 0x80
		k = &k2
	}
	subtle.XORBytes(b[:], b[:], k[:])
	subtle.XORBytes(b[:], b[:], l[0].x[:])
	encryptBlock(&ks, &mac, &b)
	clear(ks[:])
	clear(k1[:])
	clear(k2[:])
	clear(b[:])
	clear(l[0].x[:])
	return mac
}
