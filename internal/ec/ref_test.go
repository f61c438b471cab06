package ec

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// refCurve is a slow textbook affine implementation on math/big (SEC 1 v2 §2.2.1), the oracle for the tests.
// Its parameters are typed in again from FIPS 186-4 §D.1.2.3 and RFC 5639 §3.4, independently of
// p256_curve.go / bp256_curve.go.
type refCurve struct {
	id         CurveID
	p, a, b, n *big.Int
	gx, gy     *big.Int
	name       string
}

// refPoint is an affine point; inf marks the point at infinity.
type refPoint struct {
	x, y *big.Int
	inf  bool
}

func hexInt(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 16)
	if !ok {
		panic("bad hex " + s)
	}
	return v
}

var refP256 = func() *refCurve {
	p := hexInt("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff")
	return &refCurve{
		id:   P256,
		name: "P-256",
		p:    p,
		a:    new(big.Int).Sub(p, big.NewInt(3)),
		b:    hexInt("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b"),
		n:    hexInt("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"),
		gx:   hexInt("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"),
		gy:   hexInt("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"),
	}
}()

var refBP256 = &refCurve{
	id:   BP256,
	name: "brainpoolP256r1",
	p:    hexInt("a9fb57dba1eea9bc3e660a909d838d726e3bf623d52620282013481d1f6e5377"),
	a:    hexInt("7d5a0975fc2c3057eef67530417affe7fb8055c126dc5c6ce94a4b44f330b5d9"),
	b:    hexInt("26dc5c6ce94a4b44f330b5d9bbd77cbf958416295cf7e1ce6bccdc18ff8c07b6"),
	n:    hexInt("a9fb57dba1eea9bc3e660a909d838d718c397aa3b561a6f7901e0e82974856a7"),
	gx:   hexInt("8bd2aeb9cb7e57cb2c4b482ffc81b7afb9de27e1e3bd23c23a4453bd9ace3262"),
	gy:   hexInt("547ef835c3dac4fd97f8461a14611dc9c27745132ded8e545c1d54c72f046997"),
}

var refCurves = []*refCurve{refP256, refBP256}

func (c *refCurve) g() refPoint { return refPoint{x: c.gx, y: c.gy} }

func (c *refCurve) mod(v *big.Int) *big.Int { return v.Mod(v, c.p) }

func (c *refCurve) onCurve(p refPoint) bool {
	if p.inf {
		return false
	}
	lhs := c.mod(new(big.Int).Mul(p.y, p.y))
	rhs := new(big.Int).Mul(p.x, p.x)
	rhs.Add(rhs, c.a)
	rhs.Mul(rhs, p.x)
	rhs.Add(rhs, c.b)
	return lhs.Cmp(c.mod(rhs)) == 0
}

func (c *refCurve) neg(p refPoint) refPoint {
	if p.inf {
		return p
	}
	return refPoint{x: p.x, y: c.mod(new(big.Int).Neg(p.y))}
}

func (c *refCurve) add(p, q refPoint) refPoint {
	switch {
	case p.inf:
		return q
	case q.inf:
		return p
	}
	var l *big.Int
	if p.x.Cmp(q.x) == 0 {
		if new(big.Int).Add(p.y, q.y).Mod(new(big.Int).Add(p.y, q.y), c.p).Sign() == 0 {
			return refPoint{inf: true}
		}
		// λ = (3x² + a) / 2y
		num := new(big.Int).Mul(p.x, p.x)
		num.Mul(num, big.NewInt(3))
		num.Add(num, c.a)
		den := new(big.Int).Lsh(p.y, 1)
		l = num.Mul(num, den.ModInverse(den.Mod(den, c.p), c.p))
	} else {
		num := new(big.Int).Sub(q.y, p.y)
		den := new(big.Int).Sub(q.x, p.x)
		l = num.Mul(num, den.ModInverse(den.Mod(den, c.p), c.p))
	}
	c.mod(l)
	x := new(big.Int).Mul(l, l)
	x.Sub(x, p.x)
	x.Sub(x, q.x)
	c.mod(x)
	y := new(big.Int).Sub(p.x, x)
	y.Mul(y, l)
	y.Sub(y, p.y)
	return refPoint{x: x, y: c.mod(y)}
}

func (c *refCurve) mul(k *big.Int, p refPoint) refPoint {
	r := refPoint{inf: true}
	for i := k.BitLen() - 1; i >= 0; i-- {
		r = c.add(r, r)
		if k.Bit(i) == 1 {
			r = c.add(r, p)
		}
	}
	return r
}

func (c *refCurve) encode(p refPoint) []byte {
	out := make([]byte, 65)
	out[0] = 4
	p.x.FillBytes(out[1:33])
	p.y.FillBytes(out[33:])
	return out
}

func (c *refCurve) compress(p refPoint) []byte {
	out := make([]byte, 33)
	out[0] = byte(2 + p.y.Bit(0))
	p.x.FillBytes(out[1:])
	return out
}

// randScalar returns a uniformly random scalar in [1, n-1] from a seeded source (tests are reproducible).
func (c *refCurve) randScalar(rng *rand.Rand) *big.Int {
	for {
		var b [32]byte
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		k := new(big.Int).SetBytes(b[:])
		if k.Sign() > 0 && k.Cmp(c.n) < 0 {
			return k
		}
	}
}

func scalarBytes(k *big.Int) *[32]byte {
	var b [32]byte
	k.FillBytes(b[:])
	return &b
}

// refVerify is SEC 1 v2 §4.1.4 on math/big.
func (c *refCurve) verify(q refPoint, e []byte, r, s *big.Int) bool {
	if r.Sign() <= 0 || r.Cmp(c.n) >= 0 || s.Sign() <= 0 || s.Cmp(c.n) >= 0 {
		return false
	}
	ee := new(big.Int).SetBytes(e)
	if len(e) > 32 {
		ee.Rsh(ee, uint(8*(len(e)-32)))
	}
	w := new(big.Int).ModInverse(s, c.n)
	u1 := new(big.Int).Mul(ee, w)
	u1.Mod(u1, c.n)
	u2 := new(big.Int).Mul(r, w)
	u2.Mod(u2, c.n)
	R := c.add(c.mul(u1, c.g()), c.mul(u2, q))
	if R.inf {
		return false
	}
	return new(big.Int).Mod(R.x, c.n).Cmp(r) == 0
}

func newRNG(t testing.TB) *rand.Rand {
	t.Helper()
	return rand.New(rand.NewPCG(0x5eed, uint64(len(t.Name()))))
}
