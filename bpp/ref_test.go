package bpp

import (
	"bytes"
	"errors"
	"math/big"

	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	stdecdsa "crypto/ecdsa"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/rsp"
	"io"
)

// stdRef is a reference SM-DP+ binder built only from the standard library
// (crypto/ecdh, crypto/ecdsa, crypto/sha256, crypto/aes + crypto/cipher CBC and
// a plain RFC 4493 CMAC), written from RSP-FACTS §3.2 and §4 the way a careful
// engineer would: it is the impl=stdlib side of BenchmarkBuild and the other
// half of TestReferenceBuild's differential check. NIST P-256 only (the
// standard library has no brainpoolP256r1).
type stdRef struct {
	encBlock, macBlock cipher.Block
	k1, k2             [16]byte
	mcv                [16]byte
	counter            uint64
}

func (r *stdRef) setKeys(enc, mac, mcv []byte) {
	r.encBlock, _ = aes.NewCipher(enc)
	r.macBlock, _ = aes.NewCipher(mac)
	var l [16]byte
	r.macBlock.Encrypt(l[:], l[:])
	r.k1 = dbl(l)
	r.k2 = dbl(r.k1)
	copy(r.mcv[:], mcv)
	r.counter = 1
}

func dbl(b [16]byte) [16]byte {
	var o [16]byte
	carry := b[0] >> 7
	for i := 0; i < 15; i++ {
		o[i] = b[i]<<1 | b[i+1]>>7
	}
	o[15] = b[15] << 1
	o[15] ^= 0x87 * carry
	return o
}

// cmac is RFC 4493 AES-CMAC of mcv ‖ msg (msg non-empty): the one-block
// prefix is absorbed first, so the message needs no copy.
func (r *stdRef) cmac(mcv [16]byte, msg []byte) [16]byte {
	x := mcv
	r.macBlock.Encrypt(x[:], x[:])
	n := len(msg)
	blocks := (n + 15) / 16
	for i := 0; i < blocks-1; i++ {
		subtle.XORBytes(x[:], x[:], msg[16*i:16*i+16])
		r.macBlock.Encrypt(x[:], x[:])
	}
	var last [16]byte
	rest := msg[16*(blocks-1):]
	copy(last[:], rest)
	if len(rest) == 16 {
		subtle.XORBytes(last[:], last[:], r.k1[:])
	} else {
		last[len(rest)] = 0x80
		subtle.XORBytes(last[:], last[:], r.k2[:])
	}
	subtle.XORBytes(x[:], x[:], last[:])
	r.macBlock.Encrypt(x[:], x[:])
	return x
}

func appendLen(dst []byte, n int) []byte {
	switch {
	case n < 0x80:
		return append(dst, byte(n))
	case n < 0x100:
		return append(dst, 0x81, byte(n))
	case n < 0x10000:
		return append(dst, 0x82, byte(n>>8), byte(n))
	}
	return append(dst, 0x83, byte(n>>16), byte(n>>8), byte(n))
}

// protect appends the segments of plaintext under tag (RSP-FACTS §4.2–4.4).
func (r *stdRef) protect(dst []byte, tag byte, plaintext []byte, scratch []byte) []byte {
	max := 1007
	if tag == 0x88 {
		max = 1008
	}
	for first := true; first || len(plaintext) > 0; first = false {
		chunk := plaintext[:min(max, len(plaintext))]
		plaintext = plaintext[len(chunk):]
		data := chunk
		if tag != 0x88 {
			p := append(scratch[:0], chunk...)
			p = append(p, 0x80)
			for len(p)%16 != 0 {
				p = append(p, 0)
			}
			var icv [16]byte
			binary.BigEndian.PutUint64(icv[8:], r.counter)
			r.encBlock.Encrypt(icv[:], icv[:])
			cipher.NewCBCEncrypter(r.encBlock, icv[:]).CryptBlocks(p, p)
			data = p
		}
		r.counter++
		start := len(dst)
		dst = append(dst, tag)
		dst = appendLen(dst, len(data)+8)
		dst = append(dst, data...)
		r.mcv = r.cmac(r.mcv, dst[start:])
		dst = append(dst, r.mcv[:8]...)
		scratch = data[:0]
	}
	return dst
}

func x963(z, info []byte) [48]byte {
	var out [48]byte
	for i := 1; i <= 2; i++ {
		h := sha256.New()
		h.Write(z)
		binary.Write(h, binary.BigEndian, uint32(i))
		h.Write(info)
		copy(out[32*(i-1):], h.Sum(nil))
	}
	return out
}

func tlv(dst []byte, tag []byte, v []byte) []byte {
	dst = append(dst, tag...)
	return append(appendLen(dst, len(v)), v...)
}

// refBuild binds in with the standard library: otSK.DP is otsk, DPpb dppb.
func refBuild(dst []byte, in *BuildInput, otsk *ecdh.PrivateKey, dppb *stdecdsa.PrivateKey, rnd io.Reader) ([]byte, error) {
	peer, err := ecdh.P256().NewPublicKey(in.EuiccOtpk)
	if err != nil {
		return nil, err
	}
	shs, err := otsk.ECDH(peer)
	if err != nil {
		return nil, err
	}
	info := append([]byte{0x88, 0x10, byte(len(in.HostID))}, in.HostID...)
	info = append(append(info, byte(len(in.EID))), in.EID...)
	k := x963(shs, info)
	var r stdRef
	r.setKeys(k[16:32], k[32:48], k[0:16])

	crt := tlv(tlv(tlv(nil, []byte{0x80}, []byte{0x88}), []byte{0x81}, []byte{0x10}), []byte{0x84}, in.HostID)
	signed := append([]byte{0x82, 0x01, 0x01}, tlv(nil, []byte{0x80}, in.TransactionID)...)
	signed = tlv(signed, []byte{0xA6}, crt)
	signed = tlv(signed, []byte{0x5F, 0x49}, otsk.PublicKey().Bytes())
	digest := sha256.Sum256(tlv(append([]byte(nil), signed...), []byte{0x5F, 0x49}, in.EuiccOtpk))
	rr, ss, err := stdecdsa.Sign(rnd, dppb, digest[:])
	if err != nil {
		return nil, err
	}
	var sig [64]byte
	rr.FillBytes(sig[:32])
	ss.FillBytes(sig[32:])
	iscr := tlv(nil, []byte{0xBF, 0x23}, tlv(signed, []byte{0x5F, 0x37}, sig[:]))

	scratch := make([]byte, 0, 1024)
	cfg := in.ConfigureISDP
	if cfg == nil {
		cfg = DefaultConfigureISDP
	}
	body := append([]byte(nil), iscr...)
	body = tlv(body, []byte{0xA0}, r.protect(nil, 0x87, cfg, scratch))
	body = tlv(body, []byte{0xA1}, r.protect(nil, 0x88, in.StoreMetadata, scratch))
	if in.PPK != nil {
		rsk := tlv(tlv(tlv(nil, []byte{0x80}, in.PPK.MCV[:]), []byte{0x81}, in.PPK.Enc[:]), []byte{0x82}, in.PPK.MAC[:])
		body = tlv(body, []byte{0xA2}, r.protect(nil, 0x87, tlv(nil, []byte{0xBF, 0x26}, rsk), scratch))
		r.setKeys(in.PPK.Enc[:], in.PPK.MAC[:], in.PPK.MCV[:])
	}
	body = tlv(body, []byte{0xA3}, r.protect(make([]byte, 0, len(in.UPP)+len(in.UPP)/64+64), 0x86, in.UPP, scratch))
	return tlv(dst, []byte{0xBF, 0x36}, body), nil
}

// unprotect verifies and opens one segment (RSP-FACTS §4.2–4.3) into dst.
func (r *stdRef) unprotect(dst, seg []byte) ([]byte, error) {
	tag, n, hlen, ok := readHeader(seg)
	if !ok || hlen+n != len(seg) || n < 8 || (tag != 0x86 && tag != 0x87 && tag != 0x88) {
		return dst, errRef
	}
	mac := r.cmac(r.mcv, seg[:len(seg)-8])
	if subtle.ConstantTimeCompare(mac[:8], seg[len(seg)-8:]) != 1 {
		return dst, errRef
	}
	data := seg[hlen : len(seg)-8]
	ctr := r.counter
	r.counter++
	r.mcv = mac
	if tag == 0x88 {
		return append(dst, data...), nil
	}
	if len(data) == 0 || len(data)%16 != 0 {
		return dst, errRef
	}
	var icv [16]byte
	binary.BigEndian.PutUint64(icv[8:], ctr)
	r.encBlock.Encrypt(icv[:], icv[:])
	start := len(dst)
	dst = append(dst, data...)
	cipher.NewCBCDecrypter(r.encBlock, icv[:]).CryptBlocks(dst[start:], dst[start:])
	i := len(dst) - 1
	for i > start && dst[i] == 0 {
		i--
	}
	if dst[i] != 0x80 || len(dst)-i > 16 {
		return dst[:start], errRef
	}
	return dst[:i], nil
}

var errRef = errors.New("reference: segment rejected")

// refLoad is the eUICC side with the standard library (crypto/ecdsa verify,
// crypto/ecdh, SHA-256 KDF, AES-CBC and CMAC); the DER walking reuses the
// rsp views. It hands the plaintext of each 86 to pe.
func refLoad(segs [][]byte, tid, eid, otpk []byte, dppb *stdecdsa.PublicKey, otsk *ecdh.PrivateKey, scratch []byte, pe func([]byte)) error {
	_, _, hlen, _ := readHeader(segs[0])
	x, err := rsp.ParseInitialiseSecureChannelRequest(segs[0][hlen:])
	if err != nil || !bytes.Equal(x.TransactionID, tid) {
		return errRef
	}
	digest := sha256.Sum256(x.AppendSmdpSignInput(scratch[:0], otpk))
	if !stdecdsa.Verify(dppb, digest[:], new(big.Int).SetBytes(x.SmdpSign[:32]), new(big.Int).SetBytes(x.SmdpSign[32:])) {
		return errRef
	}
	peer, err := ecdh.P256().NewPublicKey(x.SmdpOtpk)
	if err != nil {
		return err
	}
	shs, err := otsk.ECDH(peer)
	if err != nil {
		return err
	}
	h := x.ControlRefTemplate.HostID
	info := append(append(append([]byte{0x88, 0x10, byte(len(h))}, h...), byte(len(eid))), eid...)
	k := x963(shs, info)
	var r stdRef
	r.setKeys(k[16:32], k[32:48], k[0:16])
	for _, seg := range segs[1:] {
		switch seg[0] {
		case 0xA0, 0xA2:
			t, err := asn1der.Parse(seg)
			if err != nil {
				return err
			}
			in, _ := asn1der.Children(t, asn1der.DER)
			buf := scratch[:0]
			for !in.Empty() {
				s, _ := in.Next()
				if buf, err = r.unprotect(buf, s.Raw); err != nil {
					return err
				}
			}
			if seg[0] == 0xA2 {
				q, err := rsp.ParseReplaceSessionKeysRequest(buf)
				if err != nil {
					return err
				}
				r.setKeys(q.PpkEnc, q.PpkCmac, q.InitialMacChainingValue)
			}
		case 0x88:
			if _, err := r.unprotect(scratch[:0], seg); err != nil {
				return err
			}
		case 0x86:
			buf, err := r.unprotect(scratch[:0], seg)
			if err != nil {
				return err
			}
			pe(buf)
		}
	}
	return nil
}
