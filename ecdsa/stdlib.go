package ecdsa

import (
	stdecdsa "crypto/ecdsa"
	"crypto/elliptic"
	"errors"
)

var errNotP256 = errors.Join(ErrUnsupportedCurve, errors.New("the standard library only has P-256 of the RSP curves"))

// FromStdlib converts a crypto/ecdsa P-256 public key.
func FromStdlib(pub *stdecdsa.PublicKey) (*PublicKey, error) {
	if pub == nil || pub.Curve != elliptic.P256() {
		return nil, errNotP256
	}
	b, err := pub.Bytes()
	if err != nil {
		return nil, errors.Join(ErrInvalidPublicKey, err)
	}
	return NewPublicKey(P256, b)
}

// ToStdlib converts a P-256 public key to crypto/ecdsa.
func (pk *PublicKey) ToStdlib() (*stdecdsa.PublicKey, error) {
	if pk.Curve() != P256 {
		return nil, errNotP256
	}
	b := pk.Bytes()
	return stdecdsa.ParseUncompressedPublicKey(elliptic.P256(), b[:])
}

// PrivateKeyFromStdlib converts a crypto/ecdsa P-256 private key.
func PrivateKeyFromStdlib(priv *stdecdsa.PrivateKey) (*PrivateKey, error) {
	if priv == nil || priv.Curve != elliptic.P256() {
		return nil, errNotP256
	}
	d, err := priv.Bytes()
	if err != nil {
		return nil, errors.Join(ErrInvalidKey, err)
	}
	sk, err := NewPrivateKey(P256, d)
	clear(d)
	return sk, err
}

// ToStdlib converts a P-256 private key to crypto/ecdsa.
func (sk *PrivateKey) ToStdlib() (*stdecdsa.PrivateKey, error) {
	if sk.c != P256 {
		return nil, errNotP256
	}
	if sk.destroyed {
		return nil, ErrDestroyed
	}
	return stdecdsa.ParseRawPrivateKey(elliptic.P256(), sk.d[:])
}
