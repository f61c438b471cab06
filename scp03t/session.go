package scp03t

import (
	"crypto/subtle"
	"encoding/binary"
	"math/bits"
	"unsafe"
)

// Segment tags of the Bound Profile Package (RSP-FACTS §4.5).
const (
	Tag86 byte = 0x86 // sequenceOf86: profile elements, encrypted and MACed
	Tag87 byte = 0x87 // firstSequenceOf87 / secondSequenceOf87: encrypted and MACed
	Tag88 byte = 0x88 // sequenceOf88: StoreMetadataRequest, MAC only
)

// Segment size limits (RSP-FACTS §4.4).
const (
	MaxSegmentSize        = 1020 // tag, length, data and C-MAC
	MaxEncryptedPlaintext = 1007 // 1008 data bytes after padding, which adds at least one byte
	MaxMACOnlyPlaintext   = 1008
	MACSize               = 8 // transmitted C-MAC: the 8 first bytes of the CMAC
)

// KeySet is the BSP key set: the output of the session-key derivation
// (RSP-FACTS §4.1 item 4: bytes 0–15 initial MCV, 16–31 S-ENC, 32–47 S-MAC)
// or the PPK set of ReplaceSessionKeysRequest (initialMacChainingValue,
// ppkEnc, ppkCmac).
type KeySet struct {
	MCV [16]byte // initial MAC chaining value
	Enc [16]byte // S-ENC (AES-128)
	MAC [16]byte // S-MAC (AES-128)
}

// KeySetFromKDF splits the 48-byte X9.63 KDF output as RSP-FACTS §4.1 says.
func KeySetFromKDF(kdf *[48]byte) KeySet {
	return KeySet{MCV: [16]byte(kdf[0:16]), Enc: [16]byte(kdf[16:32]), MAC: [16]byte(kdf[32:48])}
}

// Session is the state of one BSP secure channel: key schedules for S-ENC
// and S-MAC, the MAC chaining value and the segment counter. The SM-DP+
// protects with it, the eUICC unprotects with it; each side keeps its own.
//
// A Session is not safe for concurrent use. Its methods allocate nothing
// beyond growing the caller's dst buffers.
type Session struct {
	enc, dec, mac schedule
	k1, k2        [16]byte // CMAC subkeys of S-MAC (RFC 4493 §2.3)
	mcv           [16]byte // MAC chaining value: the last full CMAC
	counter       uint64   // the next segment's counter (starts at 1)
	ready         bool
	busy          bool // inside a batch

	// Working blocks: kept here, not on the stack, so nothing escapes.
	ctr  [16]byte // counter block for the ICV
	mx   [16]byte // CMAC state after the MCV block of the next segment
	tail [32]byte // final CMAC block (⊕ subkey), then a zero block
	tout [32]byte // CMAC of the segment, then E(S-MAC, CMAC)
	sink [16]byte // discarded CBC-MAC outputs
	job  [1]ProtectJob
}

// NewSession returns a session keyed with ks and the counter at 1.
func NewSession(ks *KeySet) *Session {
	s := new(Session)
	s.ReplaceSessionKeys(ks)
	return s
}

// ReplaceSessionKeys installs a new key set: S-ENC, S-MAC and the MAC
// chaining value are replaced and the counter restarts at 1 (RSP-FACTS §4.5:
// after ReplaceSessionKeysRequest the 86 segments use the PPK set, MCV =
// initialMacChainingValue, counter 1). It also (re)initialises a Session
// that was Destroyed or is a zero value.
func (s *Session) ReplaceSessionKeys(ks *KeySet) {
	expandKey(&ks.Enc, &s.enc, &s.dec)
	expandKey(&ks.MAC, &s.mac, nil)
	var l [16]byte
	encryptBlock(&s.mac, &l, &l)
	subkey(&s.k1, &l)
	subkey(&s.k2, &s.k1)
	clear(l[:])
	s.mcv = ks.MCV
	s.counter = 1
	s.ready = true
}

// subkey sets dst = src·x in GF(2^128) (RFC 4493 §2.3), in constant time.
func subkey(dst, src *[16]byte) {
	hi := binary.BigEndian.Uint64(src[0:])
	lo := binary.BigEndian.Uint64(src[8:])
	carry := hi >> 63
	hi = hi<<1 | lo>>63
	lo = lo<<1 ^ (-carry & 0x87)
	binary.BigEndian.PutUint64(dst[0:], hi)
	binary.BigEndian.PutUint64(dst[8:], lo)
}

// Counter returns the counter the next segment will use.
func (s *Session) Counter() uint64 { return s.counter }

// SetCounter sets the counter of the next segment (for tests and tools that
// start in the middle of a BPP; a download never needs it).
func (s *Session) SetCounter(n uint64) { s.counter = n }

// MCV returns the current MAC chaining value.
func (s *Session) MCV() [16]byte { return s.mcv }

// Destroy wipes the keys, the chaining value and every working block. The
// session is unusable until ReplaceSessionKeys.
func (s *Session) Destroy() {
	*s = Session{}
}

func (s *Session) wipeScratch() {
	clear(s.ctr[:])
	clear(s.mx[:])
	clear(s.tail[:])
	clear(s.tout[:])
	clear(s.sink[:])
}

// headerLen is the size of tag plus BER length for a value of l bytes.
func headerLen(l int) int {
	switch {
	case l < 0x80:
		return 2
	case l < 0x100:
		return 3
	default:
		return 4
	}
}

func putHeader(b []byte, tag byte, l int) {
	b[0] = tag
	switch {
	case l < 0x80:
		b[1] = byte(l)
	case l < 0x100:
		b[1], b[2] = 0x81, byte(l)
	default:
		b[1], b[2], b[3] = 0x82, byte(l>>8), byte(l)
	}
}

func maxPlaintext(tag byte) int {
	if tag == Tag88 {
		return MaxMACOnlyPlaintext
	}
	return MaxEncryptedPlaintext
}

func validTag(tag byte) bool { return tag == Tag86 || tag == Tag87 || tag == Tag88 }

// segmentLen is the protected size of one segment carrying n plaintext bytes.
func segmentLen(tag byte, n int) int {
	d := n
	if tag != Tag88 {
		d = n&^15 + 16
	}
	return headerLen(d+MACSize) + d + MACSize
}

// ProtectedLen returns how many bytes AppendProtectAll appends for n bytes
// of plaintext under tag (one segment at least, all but the last full).
func ProtectedLen(tag byte, n int) int {
	m := maxPlaintext(tag)
	if n <= m {
		return segmentLen(tag, n)
	}
	full := (n - 1) / m
	return full*MaxSegmentSize + segmentLen(tag, n-full*m)
}

// Segments returns how many segments AppendProtectAll produces for n bytes.
func Segments(tag byte, n int) int {
	m := maxPlaintext(tag)
	if n <= m {
		return 1
	}
	return (n + m - 1) / m
}

// grow returns dst extended by n bytes and the extension.
func grow(dst []byte, n int) (whole, ext []byte) {
	if total := len(dst) + n; cap(dst) >= total {
		whole = dst[:total]
	} else {
		whole = make([]byte, total, total+total/4)
		copy(whole, dst)
	}
	return whole, whole[len(dst):]
}

// AppendProtect protects one segment: tag 86 or 87 encrypt the plaintext
// with S-ENC (AES-CBC, ICV = AES(S-ENC, counter), ISO/IEC 9797-1 method 2
// padding) and MAC the result, tag 88 MACs the plaintext only; the C-MAC is
// AES-CMAC(S-MAC, MCV ‖ tag ‖ L ‖ data) of which 8 bytes are sent and all
// 16 chained (RSP-FACTS §4.2–4.3). The segment tag ‖ L ‖ data ‖ C-MAC is
// appended to dst; the counter advances by one. plaintext must fit one
// segment (MaxEncryptedPlaintext / MaxMACOnlyPlaintext) and must not overlap
// dst's spare capacity.
func (s *Session) AppendProtect(dst []byte, tag byte, plaintext []byte) ([]byte, error) {
	if !validTag(tag) {
		return dst, ErrInvalidTag
	}
	if len(plaintext) > maxPlaintext(tag) {
		return dst, ErrPlaintextTooLong
	}
	return s.appendProtectAll(dst, tag, plaintext)
}

// AppendProtectAll splits plaintext into segments of the maximum size
// (1007 bytes for 86/87, 1008 for 88; the last one shorter), protects each
// as AppendProtect does and appends them all to dst (ProtectedLen bytes).
// An empty plaintext gives one segment. The CBC encryption of segment i+1
// runs interleaved with the CMAC of segment i.
func (s *Session) AppendProtectAll(dst []byte, tag byte, plaintext []byte) ([]byte, error) {
	if !validTag(tag) {
		return dst, ErrInvalidTag
	}
	return s.appendProtectAll(dst, tag, plaintext)
}

func (s *Session) appendProtectAll(dst []byte, tag byte, plaintext []byte) ([]byte, error) {
	if !s.ready {
		return dst, ErrSessionDestroyed
	}
	whole, out := grow(dst, ProtectedLen(tag, len(plaintext)))
	var e engine
	j := s.job[:]
	j[0].st.init(s, tag, plaintext, out)
	e.run(j)
	j[0].st = jobState{}
	return whole, nil
}

// ParseSegment checks the framing of one protected segment (tag 86/87/88,
// BER length matching the segment size exactly, at most 1020 bytes, room for
// the C-MAC, encrypted data a non-empty multiple of 16) and returns its tag
// and data (without header and C-MAC). It checks no MAC.
func ParseSegment(seg []byte) (tag byte, hlen, dlen int, err error) {
	return parseSegment(seg, MaxSegmentSize)
}

func parseSegment(seg []byte, max int) (tag byte, hlen, dlen int, err error) {
	if len(seg) > max {
		return 0, 0, 0, errTooLong
	}
	if len(seg) < 2 {
		return 0, 0, 0, errTooShort
	}
	tag = seg[0]
	if !validTag(tag) {
		return 0, 0, 0, errSegTag
	}
	var l int
	switch b := seg[1]; {
	case b < 0x80:
		l, hlen = int(b), 2
	case b == 0x81 && len(seg) >= 3:
		l, hlen = int(seg[2]), 3
	case b == 0x82 && len(seg) >= 4:
		l, hlen = int(seg[2])<<8|int(seg[3]), 4
	default:
		return 0, 0, 0, errLenField
	}
	if l != len(seg)-hlen {
		return 0, 0, 0, errLenDiffer
	}
	if l < MACSize {
		return 0, 0, 0, errTooShort
	}
	dlen = l - MACSize
	if tag != Tag88 && (dlen == 0 || dlen%16 != 0) {
		return 0, 0, 0, errDataLen
	}
	return tag, hlen, dlen, nil
}

// AppendUnprotect verifies and opens one protected segment and appends its
// plaintext to dst. The C-MAC is checked, in constant time, before anything
// is decrypted; then 86/87 data is decrypted and its padding checked
// strictly (one 80 byte followed by at most 15 zero bytes, within the last
// block). On success the MCV and the counter advance; on any error the
// session is left exactly as it was, dst is returned unchanged (its spare
// capacity wiped) and the error is an *Error matching ErrSecurity (C-MAC)
// or ErrStructure (everything else). BER lengths in the long form are
// accepted as received: the MAC covers the received header bytes.
// Decryption in place is allowed as AppendUnprotect(segment[:0], segment);
// other overlaps of dst's spare capacity with segment are not.
func (s *Session) AppendUnprotect(dst, segment []byte) (out []byte, tag byte, err error) {
	return s.appendUnprotect(dst, segment, MaxSegmentSize)
}

// appendUnprotect is AppendUnprotect with another size limit (tests open
// pySim's oversize segments with it).
func (s *Session) appendUnprotect(dst, segment []byte, max int) (out []byte, tag byte, err error) {
	if !s.ready {
		return dst, 0, ErrSessionDestroyed
	}
	tag, hlen, dlen, err := parseSegment(segment, max)
	if err != nil {
		return dst, tag, err
	}
	msg := segment[:hlen+dlen]
	var t [16]byte
	binary.BigEndian.PutUint64(s.ctr[8:], s.counter)
	s.segmentMAC(&t, &s.mx, msg) // s.mx := ICV
	if subtle.ConstantTimeCompare(t[:MACSize], segment[hlen+dlen:]) != 1 {
		s.wipeScratch()
		return dst, tag, errMAC
	}
	data := segment[hlen : hlen+dlen]
	if tag == Tag88 {
		out = append(dst, data...)
	} else {
		whole, p := grow(dst, dlen)
		cbcDecrypt(&s.dec, &s.mx, p, data)
		pad, ok := paddingLen(p[dlen-16:])
		if !ok {
			clear(p)
			s.wipeScratch()
			return dst, tag, errPadding
		}
		out = whole[:len(whole)-pad]
	}
	s.mcv = t
	s.counter++
	s.wipeScratch()
	return out, tag, nil
}

// paddingLen finds ISO/IEC 9797-1 method 2 padding in the last block: its
// lowest non-zero byte must be 80 (the padding is that byte and the zero
// bytes after it, 1 to 16 bytes). It runs in constant time.
func paddingLen(last []byte) (int, bool) {
	hi := binary.BigEndian.Uint64(last[0:8])
	lo := binary.BigEndian.Uint64(last[8:16])
	loZero := 1 ^ ((lo | -lo) >> 63) // 1 when lo == 0
	m := -loZero
	w := lo&^m | hi&m
	sh := uint(bits.TrailingZeros64(w)) &^ 7 // 64 when w == 0
	b := (w >> sh) & 0xff
	n := int(sh/8) + 1 + 8*int(loZero)
	return n, subtle.ConstantTimeEq(int32(b), 0x80) == 1
}

// segmentMAC sets t = AES-CMAC(S-MAC, MCV ‖ msg) and icv = AES(S-ENC,
// s.ctr).
func (s *Session) segmentMAC(t, icv *[16]byte, msg []byte) {
	nb, last := cmacSplit(msg)
	s.cmacLast(&s.tail, last)
	if haveAsm {
		segmentMACAsm(&s.mac, &s.enc, &s.mcv, &s.ctr, icv, unsafe.SliceData(msg), nb, (*[16]byte)(s.tail[:16]), t)
		return
	}
	s.segmentMACGo(t, icv, msg, nb)
}

// segmentMACGo is the twin of segmentMACAsm, built from the lane kernel.
func (s *Session) segmentMACGo(t, icv *[16]byte, msg []byte, nb int) {
	var l [1]lane
	encryptBlock(&s.enc, icv, &s.ctr)
	encryptBlock(&s.mac, &l[0].x, &s.mcv)
	if nb > 0 {
		l[0].ks = &s.mac
		l[0].src = unsafe.Pointer(unsafe.SliceData(msg))
		l[0].dst = unsafe.Pointer(&s.sink)
		runLanes(l[:], nb)
	}
	subtle.XORBytes(l[0].x[:], l[0].x[:], s.tail[:16])
	encryptBlock(&s.mac, t, &l[0].x)
	clear(l[0].x[:])
}

// cmacSplit splits a CMAC message into the blocks chained as they are and
// the final block (1..16 bytes, or empty for an empty message) that is
// combined with a subkey (RFC 4493 §2.4 steps 2–4).
func cmacSplit(msg []byte) (nb int, last []byte) {
	nb = len(msg) / 16
	if len(msg)%16 == 0 && nb > 0 {
		nb--
	}
	return nb, msg[16*nb:]
}

// cmacLast sets b[0:16] to the final CMAC block: last ⊕ K1 when it is a full
// block, (last ‖ 80 ‖ 00…) ⊕ K2 otherwise; b[16:32] is zeroed.
func (s *Session) cmacLast(b *[32]byte, last []byte) {
	clear(b[:])
	copy(b[:], last)
	k := &s.k1
	if len(last) < 16 {
		b[len(last)] = 0x80
		k = &s.k2
	}
	le := binary.LittleEndian
	le.PutUint64(b[0:], le.Uint64(b[0:])^le.Uint64(k[0:]))
	le.PutUint64(b[8:], le.Uint64(b[8:])^le.Uint64(k[8:]))
}
