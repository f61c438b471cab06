package ecdsa

import (
	"errors"

	"github.com/rspengine/rspengine/asn1der"
)

// ErrSignatureEncoding reports a DER ECDSA-Sig-Value that is not strictly
// encoded (RFC 5480 §2.2 / SEC 1 §C.5: SEQUENCE of two INTEGERs, X.690 DER).
var ErrSignatureEncoding = errors.New("ecdsa: signature is not a strict DER ECDSA-Sig-Value")

// SignatureFromASN1 converts a DER ECDSA-Sig-Value
//
//	ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }
//
// into the raw 64-byte r‖s form of BSI TR-03111 §5.2.1 (the SGP.22 5F37
// form). It is strict: minimal DER lengths and INTEGERs, both positive, at
// most 32 bytes of magnitude each, nothing after the SEQUENCE. It does not
// check r and s against the group order (Verify does). It allocates nothing.
func SignatureFromASN1(der []byte) (sig [64]byte, err error) {
	seq, err := asn1der.ParseExpect(der, asn1der.TagSequence)
	if err != nil {
		return sig, ErrSignatureEncoding
	}
	rd := asn1der.NewReader(seq.Value)
	if err := readSigInt(&rd, sig[:32]); err != nil {
		return sig, err
	}
	if err := readSigInt(&rd, sig[32:]); err != nil {
		return sig, err
	}
	if !rd.Empty() {
		return sig, ErrSignatureEncoding
	}
	return sig, nil
}

func readSigInt(rd *asn1der.Reader, out []byte) error {
	t, err := rd.Expect(asn1der.TagInteger)
	if err != nil {
		return ErrSignatureEncoding
	}
	mag, err := asn1der.UnsignedBytes(t)
	if err != nil || len(mag) > len(out) {
		return ErrSignatureEncoding
	}
	copy(out[len(out)-len(mag):], mag)
	return nil
}

// AppendASN1Signature appends the DER ECDSA-Sig-Value of a raw r‖s
// signature to dst (at most 72 bytes).
func AppendASN1Signature(dst []byte, sig *[64]byte) []byte {
	dst, m := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = asn1der.AppendUnsigned(dst, asn1der.TagInteger, sig[:32])
	dst = asn1der.AppendUnsigned(dst, asn1der.TagInteger, sig[32:])
	return asn1der.AppendEnd(dst, m)
}
