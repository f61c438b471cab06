package ecdsa

import (
	"bytes"
	"crypto/sha256"
	"testing"
)

// FuzzSignatureFromASN1: no panic on any input; whatever is accepted is the
// unique DER encoding of its (r, s), so re-encoding gives the input back.
func FuzzSignatureFromASN1(f *testing.F) {
	f.Add([]byte{0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01})
	f.Fuzz(func(t *testing.T, der []byte) {
		sig, err := SignatureFromASN1(der)
		if err != nil {
			return
		}
		if again := AppendASN1Signature(nil, &sig); !bytes.Equal(again, der) {
			t.Fatalf("accepted %x but re-encodes as %x", der, again)
		}
	})
}

// FuzzParsePublicKey: no panic; an accepted SubjectPublicKeyInfo re-encodes to
// itself (uncompressed points) or to a key that parses back equal.
func FuzzParsePublicKey(f *testing.F) {
	f.Fuzz(func(t *testing.T, der []byte) {
		pk, err := ParsePublicKey(der)
		if err != nil {
			return
		}
		enc := pk.AppendSubjectPublicKeyInfo(nil)
		if len(der) == len(enc) && !bytes.Equal(enc, der) {
			t.Fatalf("accepted %x but re-encodes as %x", der, enc)
		}
		pk2, err := ParsePublicKey(enc)
		if err != nil || !pk2.Equal(pk) {
			t.Fatalf("re-encoded key does not parse back: %v", err)
		}
	})
}

// FuzzParsePrivateKey: no panic on DER or PEM input; an accepted key signs
// and its signature verifies under its public key.
func FuzzParsePrivateKey(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, parse := range []func([]byte) (*PrivateKey, error){ParsePrivateKey, ParsePrivateKeyPEM} {
			sk, err := parse(data)
			if err != nil {
				continue
			}
			h := sha256.Sum256(data)
			sig, err := Sign(nil, sk, h[:])
			if err != nil || !Verify(sk.Public(), h[:], sig[:]) {
				t.Fatalf("parsed key cannot sign/verify: %v", err)
			}
		}
		_, _ = ParsePublicKeyPEM(data)
	})
}
