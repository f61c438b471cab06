package ecdsa

import (
	"encoding/pem"
	"errors"
	"io"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/internal/ec"
)

// PublicKey is a validated ECDSA/ECKA public key: a point on P-256 or
// brainpoolP256r1, never the point at infinity.
type PublicKey struct {
	k *ec.PublicKey
}

// NewPublicKey validates an encoded point (65-byte uncompressed 04‖X‖Y or
// 33-byte compressed 02/03‖X, SEC 1 §2.3.4) on curve c.
func NewPublicKey(c Curve, point []byte) (*PublicKey, error) {
	if !validCurve(c) {
		return nil, ErrUnsupportedCurve
	}
	k, err := ec.NewPublicKey(c, point)
	if err != nil {
		return nil, errors.Join(ErrInvalidPublicKey, err)
	}
	return &PublicKey{k: k}, nil
}

// Curve returns the key's curve.
func (pk *PublicKey) Curve() Curve { return pk.k.Curve() }

// Bytes returns the uncompressed point 04‖X‖Y (the 5F49 form, RSP-FACTS §3.1).
func (pk *PublicKey) Bytes() [65]byte { return pk.k.Bytes() }

// Equal reports whether pk and q are the same key.
func (pk *PublicKey) Equal(q *PublicKey) bool {
	return pk.Curve() == q.Curve() && pk.Bytes() == q.Bytes()
}

// ParsePublicKey parses a DER SubjectPublicKeyInfo (RFC 5480 §2):
//
//	SEQUENCE { SEQUENCE { id-ecPublicKey, namedCurve OID }, BIT STRING point }
//
// strictly: DER only, the namedCurve form of the parameters (no implicit or
// explicit curves), a BIT STRING without unused bits holding a 65-byte
// uncompressed or 33-byte compressed point, nothing after the SEQUENCE.
func ParsePublicKey(der []byte) (*PublicKey, error) {
	spki, err := asn1der.ParseExpect(der, asn1der.TagSequence)
	if err != nil {
		return nil, errors.Join(ErrKeyEncoding, err)
	}
	rd := asn1der.NewReader(spki.Value)
	c, err := readAlgorithm(&rd)
	if err != nil {
		return nil, err
	}
	bs, err := rd.Expect(asn1der.TagBitString)
	if err != nil || !rd.Empty() {
		return nil, ErrKeyEncoding
	}
	point, err := bitStringBytes(bs)
	if err != nil {
		return nil, err
	}
	return NewPublicKey(c, point)
}

// bitStringBytes returns the contents of a BIT STRING with no unused bits.
func bitStringBytes(t asn1der.TLV) ([]byte, error) {
	if len(t.Value) < 1 || t.Value[0] != 0 {
		return nil, ErrKeyEncoding
	}
	return t.Value[1:], nil
}

// readAlgorithm reads an AlgorithmIdentifier { id-ecPublicKey, namedCurve }.
func readAlgorithm(rd *asn1der.Reader) (Curve, error) {
	alg, err := rd.Expect(asn1der.TagSequence)
	if err != nil {
		return 0, ErrKeyEncoding
	}
	ard, _ := rd.Enter(alg)
	oid, err := ard.Expect(asn1der.TagOID)
	if err != nil || asn1der.CheckOID(oid) != nil {
		return 0, ErrKeyEncoding
	}
	if !IsECPublicKeyOID(oid.Value) {
		return 0, ErrUnsupportedCurve
	}
	cOID, err := ard.Expect(asn1der.TagOID)
	if err != nil || asn1der.CheckOID(cOID) != nil || !ard.Empty() {
		// A NULL (implicitlyCA) or a SEQUENCE (explicit parameters) lands
		// here too: RSP keys always name their curve.
		return 0, ErrUnsupportedCurve
	}
	c, ok := CurveFromOID(cOID.Value)
	if !ok {
		return 0, ErrUnsupportedCurve
	}
	return c, nil
}

// AppendSubjectPublicKeyInfo appends the DER SubjectPublicKeyInfo of pk
// (uncompressed point, named curve).
func (pk *PublicKey) AppendSubjectPublicKeyInfo(dst []byte) []byte {
	dst, m := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst, a := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = asn1der.AppendOID(dst, asn1der.TagOID, oidECPublicKey)
	if pk.Curve() == P256 {
		dst = asn1der.AppendOID(dst, asn1der.TagOID, oidP256)
	} else {
		dst = asn1der.AppendOID(dst, asn1der.TagOID, oidBP256)
	}
	dst = asn1der.AppendEnd(dst, a)
	p := pk.Bytes()
	dst = asn1der.AppendHeader(dst, asn1der.TagBitString, 66)
	dst = append(dst, 0)
	dst = append(dst, p[:]...)
	return asn1der.AppendEnd(dst, m)
}

// ParsePublicKeyPEM parses the first "PUBLIC KEY" PEM block of data.
func ParsePublicKeyPEM(data []byte) (*PublicKey, error) {
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			return nil, errors.Join(ErrKeyEncoding, errors.New("no PUBLIC KEY PEM block"))
		}
		if b.Type == "PUBLIC KEY" {
			return ParsePublicKey(b.Bytes)
		}
	}
}

// PrivateKey is an ECDSA/ECKA private key: the scalar d in [1, n-1] and its
// public key. The scalar stays inside: only [PrivateKey.Bytes] (for tests,
// interop and key export, use with care) reveals it. [PrivateKey.Destroy]
// wipes it.
type PrivateKey struct {
	c         Curve
	d         [32]byte
	pub       PublicKey
	destroyed bool
}

// NewPrivateKey makes a key from the big-endian scalar d (at most 32 bytes,
// shorter values are left-padded); d must be in [1, n-1].
func NewPrivateKey(c Curve, d []byte) (*PrivateKey, error) {
	if !validCurve(c) {
		return nil, ErrUnsupportedCurve
	}
	if len(d) > 32 {
		return nil, ErrInvalidKey
	}
	sk := &PrivateKey{c: c}
	copy(sk.d[32-len(d):], d)
	if err := sk.derivePublic(); err != nil {
		sk.Destroy()
		return nil, err
	}
	return sk, nil
}

func (sk *PrivateKey) derivePublic() error {
	var p [65]byte
	if err := ec.ScalarBaseMult(sk.c, &p, &sk.d); err != nil {
		return errors.Join(ErrInvalidKey, err)
	}
	k, err := ec.NewPublicKey(sk.c, p[:])
	if err != nil {
		return errors.Join(ErrInvalidKey, err)
	}
	sk.pub.k = k
	return nil
}

// GenerateKey draws a key uniformly from [1, n-1] by rejection sampling
// 32-byte strings from rand (crypto/rand.Reader when rand is nil).
func GenerateKey(c Curve, rand io.Reader) (*PrivateKey, error) {
	if !validCurve(c) {
		return nil, ErrUnsupportedCurve
	}
	if rand == nil {
		rand = cryptoRandReader
	}
	sk := &PrivateKey{c: c}
	for range 100 {
		if _, err := io.ReadFull(rand, sk.d[:]); err != nil {
			sk.Destroy()
			return nil, err
		}
		if sk.derivePublic() == nil {
			return sk, nil
		}
	}
	sk.Destroy()
	return nil, errors.New("ecdsa: random source keeps returning scalars out of range")
}

// Curve returns the key's curve.
func (sk *PrivateKey) Curve() Curve { return sk.c }

// Public returns the public key d·G.
func (sk *PrivateKey) Public() *PublicKey { return &sk.pub }

// Bytes returns the 32-byte big-endian scalar. It exists for tests, interop
// and key export; production code should never need it.
func (sk *PrivateKey) Bytes() [32]byte { return sk.d }

// Destroy wipes the scalar; the key cannot sign or agree afterwards.
func (sk *PrivateKey) Destroy() {
	clear(sk.d[:])
	sk.destroyed = true
}

// ParsePrivateKey parses a DER private key: SEC 1 ECPrivateKey (RFC 5915; the
// curve from its parameters, else from its public key) or PKCS#8
// PrivateKeyInfo/OneAsymmetricKey (RFC 5208, RFC 5958) holding one. When the
// encoding carries a public key it must equal d·G.
func ParsePrivateKey(der []byte) (*PrivateKey, error) {
	return parsePrivateKey(der, 0, false)
}

// parsePrivateKey parses SEC 1 or (unless sec1Only) PKCS#8; hint is the curve
// named outside the structure (0 if none).
func parsePrivateKey(der []byte, hint Curve, sec1Only bool) (*PrivateKey, error) {
	seq, err := asn1der.ParseExpect(der, asn1der.TagSequence)
	if err != nil {
		return nil, errors.Join(ErrKeyEncoding, err)
	}
	rd := asn1der.NewReader(seq.Value)
	vt, err := rd.Expect(asn1der.TagInteger)
	if err != nil {
		return nil, ErrKeyEncoding
	}
	v, err := asn1der.Int64(vt)
	if err != nil {
		return nil, ErrKeyEncoding
	}
	switch {
	case v == 1 && rd.PeekTag() == asn1der.TagOctetString: // SEC 1 ECPrivateKey
		return parseSEC1(&rd, hint)
	case (v == 0 || v == 1) && !sec1Only: // PKCS#8 PrivateKeyInfo (0) or RFC 5958 OneAsymmetricKey v2 (1)
		return parsePKCS8(&rd)
	}
	return nil, ErrKeyEncoding
}

// parseSEC1 reads the rest of ECPrivateKey ::= SEQUENCE { version 1,
// privateKey OCTET STRING, parameters [0] EXPLICIT OID OPTIONAL, publicKey
// [1] EXPLICIT BIT STRING OPTIONAL } (RFC 5915 §3).
func parseSEC1(rd *asn1der.Reader, hint Curve) (*PrivateKey, error) {
	ds, err := rd.Expect(asn1der.TagOctetString)
	if err != nil || len(ds.Value) == 0 || len(ds.Value) > 32 {
		return nil, ErrKeyEncoding
	}
	c := hint
	if pt, ok, err := rd.Optional(0xA0); err != nil {
		return nil, ErrKeyEncoding
	} else if ok {
		prd, _ := rd.Enter(pt)
		oid, err := prd.Expect(asn1der.TagOID)
		if err != nil || !prd.Empty() {
			return nil, ErrUnsupportedCurve
		}
		pc, ok := CurveFromOID(oid.Value)
		if !ok || (hint != 0 && pc != hint) {
			return nil, ErrUnsupportedCurve
		}
		c = pc
	}
	var pub []byte
	if pt, ok, err := rd.Optional(0xA1); err != nil {
		return nil, ErrKeyEncoding
	} else if ok {
		prd, _ := rd.Enter(pt)
		bs, err := prd.Expect(asn1der.TagBitString)
		if err != nil || !prd.Empty() {
			return nil, ErrKeyEncoding
		}
		if pub, err = bitStringBytes(bs); err != nil {
			return nil, err
		}
	}
	if !rd.Empty() {
		return nil, ErrKeyEncoding
	}
	if c == 0 {
		// No curve named anywhere: the embedded public key decides.
		for _, cand := range []Curve{P256, BrainpoolP256r1} {
			if pub == nil {
				break
			}
			if sk, err := NewPrivateKey(cand, ds.Value); err == nil {
				if pk, err := NewPublicKey(cand, pub); err == nil && pk.Equal(sk.Public()) {
					return sk, nil
				}
				sk.Destroy()
			}
		}
		return nil, errors.Join(ErrUnsupportedCurve, errors.New("SEC 1 key names no curve"))
	}
	sk, err := NewPrivateKey(c, ds.Value)
	if err != nil {
		return nil, err
	}
	if pub != nil {
		pk, err := NewPublicKey(c, pub)
		if err != nil || !pk.Equal(sk.Public()) {
			sk.Destroy()
			return nil, errors.Join(ErrInvalidKey, errors.New("embedded public key does not match the private scalar"))
		}
	}
	return sk, nil
}

// parsePKCS8 reads the rest of PrivateKeyInfo ::= SEQUENCE { version,
// privateKeyAlgorithm AlgorithmIdentifier, privateKey OCTET STRING (an
// ECPrivateKey), attributes [0] IMPLICIT OPTIONAL, publicKey [1] IMPLICIT
// BIT STRING OPTIONAL }.
func parsePKCS8(rd *asn1der.Reader) (*PrivateKey, error) {
	c, err := readAlgorithm(rd)
	if err != nil {
		return nil, err
	}
	inner, err := rd.Expect(asn1der.TagOctetString)
	if err != nil {
		return nil, ErrKeyEncoding
	}
	if _, _, err := rd.Optional(0xA0); err != nil {
		return nil, ErrKeyEncoding
	}
	var pub []byte
	if pt, ok, err := rd.Optional(0x81); err != nil {
		return nil, ErrKeyEncoding
	} else if ok {
		if pub, err = bitStringBytes(pt); err != nil {
			return nil, err
		}
	}
	if !rd.Empty() {
		return nil, ErrKeyEncoding
	}
	sk, err := parsePrivateKey(inner.Value, c, true)
	if err != nil {
		return nil, err
	}
	if sk.c != c {
		sk.Destroy()
		return nil, ErrUnsupportedCurve
	}
	if pub != nil {
		pk, err := NewPublicKey(c, pub)
		if err != nil || !pk.Equal(sk.Public()) {
			sk.Destroy()
			return nil, errors.Join(ErrInvalidKey, errors.New("embedded public key does not match the private scalar"))
		}
	}
	return sk, nil
}

// ParsePrivateKeyPEM parses the first private key in PEM data: an
// "EC PRIVATE KEY" block (SEC 1; an "EC PARAMETERS" block before it, as
// `openssl ecparam -genkey` writes, names the curve when the key does not) or
// a "PRIVATE KEY" block (PKCS#8). Encrypted keys are not supported.
func ParsePrivateKeyPEM(data []byte) (*PrivateKey, error) {
	var hint Curve
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			return nil, errors.Join(ErrKeyEncoding, errors.New("no EC PRIVATE KEY or PRIVATE KEY PEM block"))
		}
		switch b.Type {
		case "EC PARAMETERS":
			oid, err := asn1der.ParseExpect(b.Bytes, asn1der.TagOID)
			if err != nil {
				return nil, ErrUnsupportedCurve
			}
			c, ok := CurveFromOID(oid.Value)
			if !ok {
				return nil, ErrUnsupportedCurve
			}
			hint = c
		case "EC PRIVATE KEY":
			if len(b.Headers) != 0 {
				return nil, errors.Join(ErrKeyEncoding, errors.New("encrypted PEM keys are not supported"))
			}
			return parsePrivateKey(b.Bytes, hint, true)
		case "PRIVATE KEY":
			return ParsePrivateKey(b.Bytes)
		}
	}
}
