package ecka

import (
	"errors"
	"io"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/ec"
)

// Errors of ECDH.
var (
	ErrInvalidPeer = errors.New("ecka: invalid peer public key (not a point on the curve)")
	ErrNoKey       = errors.New("ecka: missing or destroyed private key")
)

// GenerateKey draws a one-time ECKA key pair (otSK/otPK, RSP-FACTS §4.1
// item 1) on curve c from rand (crypto/rand.Reader when nil). The public key
// to send in 5F49 is sk.Public().Bytes(). Destroy the key once ShS is
// derived.
func GenerateKey(c ecdsa.Curve, rand io.Reader) (*ecdsa.PrivateKey, error) {
	return ecdsa.GenerateKey(c, rand)
}

// ECDH returns ShS, the 32-byte big-endian X coordinate of sk·peer
// (ECKA-DH, BSI TR-03111 §4.3.1; RSP-FACTS §3.1). peer is an encoded point on
// sk's curve: 65-byte uncompressed 04‖X‖Y (the 5F49 form) or 33-byte
// compressed. A peer that is not on the curve, is the point at infinity or is
// badly encoded is rejected with ErrInvalidPeer. Constant time in the private
// scalar; it allocates nothing.
func ECDH(sk *ecdsa.PrivateKey, peer []byte) ([32]byte, error) {
	var x [32]byte
	if sk == nil {
		return x, ErrNoKey
	}
	d := sk.Bytes()
	err := ec.ECDH(sk.Curve(), &x, peer, &d)
	clear(d[:])
	if err != nil {
		if errors.Is(err, ec.ErrInvalidScalar) {
			return x, ErrNoKey // a destroyed key has d = 0
		}
		return x, errors.Join(ErrInvalidPeer, err)
	}
	return x, nil
}
