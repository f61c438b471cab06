// Package ecref is a SLOW, VARIABLE-TIME, TEST-ONLY reference implementation
// of the internal/ec contract (EC-API.md, floor 2) on math/big, for NIST P-256
// and brainpoolP256r1 (RFC 5639 §3.4).
//
// !!! DO NOT USE OUTSIDE TESTS. Every operation here leaks its scalars through
// timing and memory access (math/big, affine double-and-add). It exists as a
// differential oracle: the ecdsa and ecka tests run Wycheproof, the SGP.26
// keys and random inputs through it and through the constant-time
// internal/ec, and compare. No non-test file in this module may import it.
//
// The formulas are the textbook affine ones (SEC 1 v2 §2.2.1, §3.2.2.1 for
// point validation, §4.1.3/§4.1.4 for ECDSA signing and verification with the
// bits2int truncation of RFC 6979 §2.3.2). Its exported names mirror
// internal/ec so that a test can switch between the two.
package ecref

import (
	"errors"
	"math/big"
)

// CurveID names a curve, with the same values as internal/ec.
type CurveID uint8

// The curves.
const (
	P256  CurveID = 1
	BP256 CurveID = 2
)

func (c CurveID) String() string {
	switch c {
	case P256:
		return "P-256"
	case BP256:
		return "brainpoolP256r1"
	}
	return "unknown curve"
}

// OrderBytes returns the group order n, big-endian.
func (c CurveID) OrderBytes() [32]byte {
	var out [32]byte
	if cv := curveOf(c); cv != nil {
		cv.n.FillBytes(out[:])
	}
	return out
}

type curve struct {
	p, a, b, n, gx, gy *big.Int
}

func hexInt(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 16)
	if !ok {
		panic("ecref: bad constant " + s)
	}
	return v
}

var (
	// SEC 2 v2 §2.4.2 secp256r1 (= NIST P-256, FIPS 186-4 D.1.2.3).
	p256 = func() *curve {
		p := hexInt("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff")
		return &curve{
			p:  p,
			a:  new(big.Int).Sub(p, big.NewInt(3)),
			b:  hexInt("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b"),
			n:  hexInt("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"),
			gx: hexInt("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"),
			gy: hexInt("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"),
		}
	}()
	// RFC 5639 §3.4 brainpoolP256r1.
	bp256 = &curve{
		p:  hexInt("a9fb57dba1eea9bc3e660a909d838d726e3bf623d52620282013481d1f6e5377"),
		a:  hexInt("7d5a0975fc2c3057eef67530417affe7fb8055c126dc5c6ce94a4b44f330b5d9"),
		b:  hexInt("26dc5c6ce94a4b44f330b5d9bbd77cbf958416295cf7e1ce6bccdc18ff8c07b6"),
		n:  hexInt("a9fb57dba1eea9bc3e660a909d838d718c397aa3b561a6f7901e0e82974856a7"),
		gx: hexInt("8bd2aeb9cb7e57cb2c4b482ffc81b7afb9de27e1e3bd23c23a4453bd9ace3262"),
		gy: hexInt("547ef835c3dac4fd97f8461a14611dc9c27745132ded8e545c1d54c72f046997"),
	}
)

func curveOf(c CurveID) *curve {
	switch c {
	case P256:
		return p256
	case BP256:
		return bp256
	}
	return nil
}

// Errors. internal/ec has its own; callers of either only test err != nil.
var (
	ErrCurve  = errors.New("ecref: unknown curve")
	ErrPoint  = errors.New("ecref: invalid point")
	ErrScalar = errors.New("ecref: scalar out of range [1, n-1]")
	ErrRetry  = errors.New("ecref: r or s is zero, retry with another nonce")
)

// point is an affine point; inf marks the point at infinity.
type point struct {
	x, y *big.Int
	inf  bool
}

func (cv *curve) onCurve(x, y *big.Int) bool {
	// y² = x³ + a x + b (mod p)
	l := new(big.Int).Mul(y, y)
	l.Mod(l, cv.p)
	r := new(big.Int).Mul(x, x)
	r.Add(r, cv.a)
	r.Mul(r, x)
	r.Add(r, cv.b)
	r.Mod(r, cv.p)
	return l.Cmp(r) == 0
}

func (cv *curve) add(P, Q point) point {
	if P.inf {
		return Q
	}
	if Q.inf {
		return P
	}
	p := cv.p
	var lam *big.Int
	if P.x.Cmp(Q.x) == 0 {
		if new(big.Int).Add(P.y, Q.y).Mod(new(big.Int).Add(P.y, Q.y), p).Sign() == 0 {
			return point{inf: true}
		}
		// doubling: (3x² + a) / 2y
		num := new(big.Int).Mul(P.x, P.x)
		num.Mul(num, big.NewInt(3))
		num.Add(num, cv.a)
		den := new(big.Int).Lsh(P.y, 1)
		den.ModInverse(den.Mod(den, p), p)
		lam = num.Mul(num, den)
	} else {
		num := new(big.Int).Sub(Q.y, P.y)
		den := new(big.Int).Sub(Q.x, P.x)
		den.ModInverse(den.Mod(den, p), p)
		lam = num.Mul(num, den)
	}
	lam.Mod(lam, p)
	x := new(big.Int).Mul(lam, lam)
	x.Sub(x, P.x)
	x.Sub(x, Q.x)
	x.Mod(x, p)
	y := new(big.Int).Sub(P.x, x)
	y.Mul(y, lam)
	y.Sub(y, P.y)
	y.Mod(y, p)
	return point{x: x, y: y}
}

func (cv *curve) mul(P point, k *big.Int) point {
	R := point{inf: true}
	for i := k.BitLen() - 1; i >= 0; i-- {
		R = cv.add(R, R)
		if k.Bit(i) == 1 {
			R = cv.add(R, P)
		}
	}
	return R
}

func (cv *curve) g() point { return point{x: cv.gx, y: cv.gy} }

// parse decodes a 65-byte uncompressed or 33-byte compressed SEC1 point and
// validates it (coordinates < p, on the curve; infinity has no encoding here).
func (cv *curve) parse(b []byte) (point, error) {
	switch {
	case len(b) == 65 && b[0] == 4:
		x, y := new(big.Int).SetBytes(b[1:33]), new(big.Int).SetBytes(b[33:])
		if x.Cmp(cv.p) >= 0 || y.Cmp(cv.p) >= 0 || !cv.onCurve(x, y) {
			return point{}, ErrPoint
		}
		return point{x: x, y: y}, nil
	case len(b) == 33 && (b[0] == 2 || b[0] == 3):
		x := new(big.Int).SetBytes(b[1:])
		if x.Cmp(cv.p) >= 0 {
			return point{}, ErrPoint
		}
		rhs := new(big.Int).Mul(x, x)
		rhs.Add(rhs, cv.a)
		rhs.Mul(rhs, x)
		rhs.Add(rhs, cv.b)
		rhs.Mod(rhs, cv.p)
		y := new(big.Int).ModSqrt(rhs, cv.p)
		if y == nil {
			return point{}, ErrPoint
		}
		if y.Bit(0) != uint(b[0]&1) {
			y.Sub(cv.p, y)
			y.Mod(y, cv.p)
		}
		if y.Bit(0) != uint(b[0]&1) { // y == 0 and odd requested
			return point{}, ErrPoint
		}
		return point{x: x, y: y}, nil
	}
	return point{}, ErrPoint
}

func encode(dst *[65]byte, P point) {
	dst[0] = 4
	P.x.FillBytes(dst[1:33])
	P.y.FillBytes(dst[33:])
}

func (cv *curve) scalar(k *[32]byte) (*big.Int, error) {
	v := new(big.Int).SetBytes(k[:])
	if v.Sign() == 0 || v.Cmp(cv.n) >= 0 {
		return nil, ErrScalar
	}
	return v, nil
}

// bits2int: the leftmost 256 bits of e as an integer (RFC 6979 §2.3.2),
// reduced mod n.
func (cv *curve) hashToInt(e []byte) *big.Int {
	if len(e) > 32 {
		e = e[:32]
	}
	v := new(big.Int).SetBytes(e)
	return v.Mod(v, cv.n)
}

// ValidatePoint checks an encoded point: on the curve, not infinity,
// coordinates < p. 33-byte compressed points are accepted.
func ValidatePoint(c CurveID, p []byte) error {
	cv := curveOf(c)
	if cv == nil {
		return ErrCurve
	}
	_, err := cv.parse(p)
	return err
}

// DecompressPoint writes the uncompressed form of a valid 33- or 65-byte point.
func DecompressPoint(c CurveID, dst *[65]byte, p []byte) error {
	cv := curveOf(c)
	if cv == nil {
		return ErrCurve
	}
	P, err := cv.parse(p)
	if err != nil {
		return err
	}
	encode(dst, P)
	return nil
}

// ScalarBaseMult sets dst = k·G; k must be in [1, n-1].
func ScalarBaseMult(c CurveID, dst *[65]byte, k *[32]byte) error {
	cv := curveOf(c)
	if cv == nil {
		return ErrCurve
	}
	kv, err := cv.scalar(k)
	if err != nil {
		return err
	}
	encode(dst, cv.mul(cv.g(), kv))
	return nil
}

// ECDH sets x to the X coordinate of k·peer after validating peer.
func ECDH(c CurveID, x *[32]byte, peer []byte, k *[32]byte) error {
	cv := curveOf(c)
	if cv == nil {
		return ErrCurve
	}
	P, err := cv.parse(peer)
	if err != nil {
		return err
	}
	kv, err := cv.scalar(k)
	if err != nil {
		return err
	}
	R := cv.mul(P, kv)
	if R.inf {
		return ErrPoint
	}
	R.x.FillBytes(x[:])
	return nil
}

// SignDigest computes r = x(kG) mod n, s = k⁻¹(e + r·d) mod n.
func SignDigest(c CurveID, sig *[64]byte, d *[32]byte, k *[32]byte, e []byte) error {
	cv := curveOf(c)
	if cv == nil {
		return ErrCurve
	}
	dv, err := cv.scalar(d)
	if err != nil {
		return err
	}
	kv, err := cv.scalar(k)
	if err != nil {
		return err
	}
	R := cv.mul(cv.g(), kv)
	r := new(big.Int).Mod(R.x, cv.n)
	if r.Sign() == 0 {
		return ErrRetry
	}
	s := new(big.Int).Mul(r, dv)
	s.Add(s, cv.hashToInt(e))
	s.Mul(s, new(big.Int).ModInverse(kv, cv.n))
	s.Mod(s, cv.n)
	if s.Sign() == 0 {
		return ErrRetry
	}
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	return nil
}

// PublicKey is a validated public point.
type PublicKey struct {
	c  CurveID
	cv *curve
	q  point
}

// NewPublicKey validates a 33- or 65-byte encoded point.
func NewPublicKey(c CurveID, p []byte) (*PublicKey, error) {
	cv := curveOf(c)
	if cv == nil {
		return nil, ErrCurve
	}
	q, err := cv.parse(p)
	if err != nil {
		return nil, err
	}
	return &PublicKey{c: c, cv: cv, q: q}, nil
}

// Curve returns the key's curve.
func (pk *PublicKey) Curve() CurveID { return pk.c }

// Bytes returns the uncompressed point.
func (pk *PublicKey) Bytes() [65]byte {
	var b [65]byte
	encode(&b, pk.q)
	return b
}

// VerifyDigest checks an ECDSA signature (r, s) over digest e; r and s must be
// in [1, n-1].
func (pk *PublicKey) VerifyDigest(e []byte, r, s *[32]byte) bool {
	cv := pk.cv
	rv, err := cv.scalar(r)
	if err != nil {
		return false
	}
	sv, err := cv.scalar(s)
	if err != nil {
		return false
	}
	w := new(big.Int).ModInverse(sv, cv.n)
	u1 := new(big.Int).Mul(cv.hashToInt(e), w)
	u1.Mod(u1, cv.n)
	u2 := new(big.Int).Mul(rv, w)
	u2.Mod(u2, cv.n)
	R := cv.add(cv.mul(cv.g(), u1), cv.mul(pk.q, u2))
	if R.inf {
		return false
	}
	return new(big.Int).Mod(R.x, cv.n).Cmp(rv) == 0
}

// PrecomputedKey mirrors internal/ec's table-backed key; here it is the same
// slow path.
type PrecomputedKey struct{ pk *PublicKey }

// Precompute returns the key's "precomputed" form.
func (pk *PublicKey) Precompute() *PrecomputedKey { return &PrecomputedKey{pk: pk} }

// VerifyDigest is PublicKey.VerifyDigest.
func (p *PrecomputedKey) VerifyDigest(e []byte, r, s *[32]byte) bool {
	return p.pk.VerifyDigest(e, r, s)
}

// VerifyJob is one signature of a batch.
type VerifyJob struct {
	Key    *PublicKey
	Digest []byte
	R, S   [32]byte
}

// VerifyBatch verifies each job; ok[i] reports job i.
func VerifyBatch(jobs []VerifyJob, ok []bool) {
	for i := range jobs {
		ok[i] = jobs[i].Key != nil && jobs[i].Key.VerifyDigest(jobs[i].Digest, &jobs[i].R, &jobs[i].S)
	}
}
