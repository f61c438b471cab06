package ecdsa

import (
	"crypto/rand"
	"encoding/pem"
	"errors"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

// sec1 builds an RFC 5915 ECPrivateKey with the optional parts chosen.
func sec1(sk *PrivateKey, params, pub bool, pubKey *PublicKey) []byte {
	d := sk.Bytes()
	b, m := asn1der.AppendBegin(nil, asn1der.TagSequence)
	b = asn1der.AppendInt64(b, asn1der.TagInteger, 1)
	b = asn1der.AppendTLV(b, asn1der.TagOctetString, d[:])
	if params {
		var p asn1der.Mark
		b, p = asn1der.AppendBegin(b, 0xA0)
		b = asn1der.AppendOID(b, asn1der.TagOID, OIDOf(sk.Curve()))
		b = asn1der.AppendEnd(b, p)
	}
	if pub {
		if pubKey == nil {
			pubKey = sk.Public()
		}
		pt := pubKey.Bytes()
		var p asn1der.Mark
		b, p = asn1der.AppendBegin(b, 0xA1)
		b = asn1der.AppendBitString(b, asn1der.TagBitString, pt[:], 65*8)
		b = asn1der.AppendEnd(b, p)
	}
	return asn1der.AppendEnd(b, m)
}

func TestSEC1Forms(t *testing.T) {
	for _, c := range []Curve{P256, BrainpoolP256r1} {
		sk, _ := GenerateKey(c, rand.Reader)
		other, _ := GenerateKey(c, rand.Reader)
		for _, tc := range []struct {
			name        string
			der         []byte
			wantErr     error
			wantSameKey bool
		}{
			{"params+pub", sec1(sk, true, true, nil), nil, true},
			{"params only", sec1(sk, true, false, nil), nil, true},
			{"pub only (curve inferred)", sec1(sk, false, true, nil), nil, true},
			{"neither", sec1(sk, false, false, nil), ErrUnsupportedCurve, false},
			{"wrong public key", sec1(sk, true, true, other.Public()), ErrInvalidKey, false},
			{"trailing byte", append(sec1(sk, true, true, nil), 0), ErrKeyEncoding, false},
		} {
			got, err := ParsePrivateKey(tc.der)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Errorf("%v %s: err %v, want %v", c, tc.name, err, tc.wantErr)
				}
				continue
			}
			if err != nil || got.Bytes() != sk.Bytes() || !got.Public().Equal(sk.Public()) || got.Curve() != c {
				t.Errorf("%v %s: %v", c, tc.name, err)
			}
		}
		// "EC PARAMETERS" before a parameterless key names the curve.
		oid := asn1der.AppendOID(nil, asn1der.TagOID, OIDOf(c))
		data := append(pem.EncodeToMemory(&pem.Block{Type: "EC PARAMETERS", Bytes: oid}),
			pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: sec1(sk, false, false, nil)})...)
		if got, err := ParsePrivateKeyPEM(data); err != nil || got.Bytes() != sk.Bytes() || got.Curve() != c {
			t.Errorf("%v: EC PARAMETERS hint: %v", c, err)
		}
		enc := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Headers: map[string]string{"Proc-Type": "4,ENCRYPTED"}, Bytes: sec1(sk, true, false, nil)})
		if _, err := ParsePrivateKeyPEM(enc); !errors.Is(err, ErrKeyEncoding) {
			t.Errorf("encrypted PEM accepted: %v", err)
		}
	}
	if _, err := ParsePrivateKeyPEM([]byte("nothing")); !errors.Is(err, ErrKeyEncoding) {
		t.Error("no PEM")
	}
	if _, err := ParsePublicKeyPEM([]byte("nothing")); !errors.Is(err, ErrKeyEncoding) {
		t.Error("no PEM")
	}
}

func TestSPKIRejects(t *testing.T) {
	sk, _ := GenerateKey(P256, rand.Reader)
	good := sk.Public().AppendSubjectPublicKeyInfo(nil)
	if _, err := ParsePublicKey(good); err != nil {
		t.Fatal(err)
	}
	mut := func(f func([]byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	for name, tc := range map[string]struct {
		der  []byte
		want error
	}{
		"trailing":        {append(append([]byte(nil), good...), 0), ErrKeyEncoding},
		"unused bits":     {mut(func(b []byte) []byte { b[len(b)-66] = 1; return b }), ErrKeyEncoding},
		"rsa oid":         {mut(func(b []byte) []byte { b[10] ^= 0x01; return b }), ErrUnsupportedCurve},
		"unknown curve":   {mut(func(b []byte) []byte { b[20] = 0x08; return b }), ErrUnsupportedCurve},
		"off-curve point": {mut(func(b []byte) []byte { b[len(b)-1] ^= 1; return b }), ErrInvalidPublicKey},
		"truncated":       {good[:len(good)-1], ErrKeyEncoding},
	} {
		if _, err := ParsePublicKey(tc.der); !errors.Is(err, tc.want) {
			t.Errorf("%s: err %v, want %v", name, err, tc.want)
		}
	}
}
