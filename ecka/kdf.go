package ecka

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
)

// X963KDF fills dst with the ANSI X9.63 key derivation function output for the
// shared secret z and sharedInfo, with SHA-256 (RSP-FACTS §4.1 item 2):
//
//	K_i = SHA-256(z ‖ counter32_BE(i) ‖ sharedInfo), i = 1, 2, …
//
// and dst = K_1 ‖ K_2 ‖ … truncated to len(dst). It allocates nothing when
// len(z)+4+len(sharedInfo) <= 256; longer inputs take a heap buffer.
func X963KDF(dst, z, sharedInfo []byte) {
	var stack [256]byte
	n := len(z) + 4 + len(sharedInfo)
	var buf []byte
	if n <= len(stack) {
		buf = stack[:n]
	} else {
		buf = make([]byte, n)
	}
	copy(buf, z)
	copy(buf[len(z)+4:], sharedInfo)
	for i := uint32(1); len(dst) > 0; i++ {
		binary.BigEndian.PutUint32(buf[len(z):], i)
		k := sha256.Sum256(buf)
		m := copy(dst, k[:])
		dst = dst[m:]
		clear(k[:])
	}
	clear(buf)
}

// The key-derivation parameters fixed by SGP.22 for the BSP session keys
// (RSP-FACTS §4.1 item 3, §4.6): key type AES (CRT tag 80 value 88) and key
// length 16 (CRT tag 81 value 10).
const (
	KeyTypeAES   = 0x88
	KeyLength128 = 0x10
)

// SessionKeys are the BSP (SCP03t) session keys derived from the ECKA shared
// secret ShS: the initial MAC chaining value, S-ENC and S-MAC, in the order
// in which the KDF output is split (RSP-FACTS §4.1 item 4).
type SessionKeys struct {
	InitialMCV [16]byte
	SEnc       [16]byte
	SMac       [16]byte
}

// Destroy wipes the keys.
func (k *SessionKeys) Destroy() { clear(k.InitialMCV[:]); clear(k.SEnc[:]); clear(k.SMac[:]) }

// Errors of DeriveSessionKeys.
var (
	ErrHostID = errors.New("ecka: hostId must be 1 to 16 bytes (SGP.22 CRT tag 84)")
	ErrEID    = errors.New("ecka: EID must be 16 bytes")
	ErrShS    = errors.New("ecka: shared secret ShS must be 32 bytes")
)

// AppendSharedInfo appends the SGP.22 BSP SharedInfo (RSP-FACTS §4.1 item 3):
//
//	keyType(88) ‖ keyLength(10) ‖ len(hostId) ‖ hostId ‖ len(EID) ‖ EID
//
// with single-byte lengths. It does not check the lengths of its arguments
// beyond what one length byte can carry; [DeriveSessionKeys] does.
func AppendSharedInfo(dst, hostID, eid []byte) []byte {
	dst = append(dst, KeyTypeAES, KeyLength128, byte(len(hostID)))
	dst = append(dst, hostID...)
	dst = append(dst, byte(len(eid)))
	return append(dst, eid...)
}

// DeriveSessionKeys derives the BSP session keys from the shared secret ShS
// (the 32-byte X coordinate of the ECKA point), the SM-DP+'s hostId (1 to 16
// bytes, the value of CRT tag 84) and the 16-byte EID (RSP-FACTS §4.1, SGP.22
// §2.6.4.2): 48 bytes of X9.63 KDF (SHA-256) output split into initial MCV,
// S-ENC, S-MAC. It allocates nothing.
func DeriveSessionKeys(shS, hostID, eid []byte) (SessionKeys, error) {
	var keys SessionKeys
	if len(shS) != 32 {
		return keys, ErrShS
	}
	if len(hostID) < 1 || len(hostID) > 16 {
		return keys, ErrHostID
	}
	if len(eid) != 16 {
		return keys, ErrEID
	}
	var infoBuf [2 + 1 + 16 + 1 + 16]byte
	info := AppendSharedInfo(infoBuf[:0], hostID, eid)
	var out [48]byte
	X963KDF(out[:], shS, info)
	copy(keys.InitialMCV[:], out[0:16])
	copy(keys.SEnc[:], out[16:32])
	copy(keys.SMac[:], out[32:48])
	clear(out[:])
	return keys, nil
}
