package field

import (
	"crypto/elliptic"
	"encoding/asn1"
	"encoding/hex"
	"encoding/pem"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// ops is the method set shared by the four types, so one generic test
// drives them all against math/big.
type ops[T any] interface {
	*T
	Zero() *T
	One() *T
	Set(*T) *T
	SetUint64(uint64) *T
	SetBytes([]byte) (*T, error)
	SetBytesReduced([]byte) *T
	Bytes() [32]byte
	IsOdd() int
	Add(a, b *T) *T
	Sub(a, b *T) *T
	Neg(a *T) *T
	Half(a *T) *T
	Mul(a, b *T) *T
	Square(a *T) *T
	Invert(a *T) *T
	InvertVartime(a *T) *T
	Select(a, b *T, cond int) *T
	OrIf(a *T, cond int) *T
	Equal(a *T) int
	IsZero() int
}

type sqrtOps[T any] interface {
	ops[T]
	Sqrt(a *T) (*T, int)
}

func mustBig(t testing.TB, s string) *big.Int {
	t.Helper()
	v, ok := new(big.Int).SetString(s, 16)
	if !ok {
		t.Fatalf("bad hex %q", s)
	}
	return v
}

// Reference values typed in from the standards, independent of the generator.
const (
	// RFC 5639 §3.4, brainpoolP256r1.
	bpP  = "A9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377"
	bpA  = "7D5A0975FC2C3057EEF67530417AFFE7FB8055C126DC5C6CE94A4B44F330B5D9"
	bpB  = "26DC5C6CE94A4B44F330B5D9BBD77CBF958416295CF7E1CE6BCCDC18FF8C07B6"
	bpGx = "8BD2AEB9CB7E57CB2C4B482FFC81B7AFB9DE27E1E3BD23C23A4453BD9ACE3262"
	bpGy = "547EF835C3DAC4FD97F8461A14611DC9C27745132DED8E545C1D54C72F046997"
	bpQ  = "A9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7"
)

func limbsToBig(l *[4]uint64) *big.Int {
	var b [32]byte
	storeBE(&b, l)
	return new(big.Int).SetBytes(b[:])
}

func be32(v *big.Int) []byte {
	var b [32]byte
	v.FillBytes(b[:])
	return b[:]
}

func p256Params() (p, n, b *big.Int) {
	pp := elliptic.P256().Params()
	return pp.P, pp.N, pp.B
}

// TestModuli checks the generated moduli against independent sources:
// crypto/elliptic for P-256, the RFC 5639 values and the curve equation for
// brainpoolP256r1.
func TestModuli(t *testing.T) {
	p, n, b := p256Params()
	formula := new(big.Int).Lsh(big.NewInt(1), 256)
	for _, term := range []struct {
		k    uint
		sign int
	}{{224, -1}, {192, 1}, {96, 1}, {0, -1}} {
		v := new(big.Int).Lsh(big.NewInt(1), term.k)
		if term.sign < 0 {
			formula.Sub(formula, v)
		} else {
			formula.Add(formula, v)
		}
	}
	if formula.Cmp(p) != 0 {
		t.Fatal("crypto/elliptic P-256 p differs from 2^256 - 2^224 + 2^192 + 2^96 - 1")
	}
	checks := []struct {
		name string
		got  [4]uint64
		want *big.Int
	}{
		{"P-256 p", p256ElementModulus, p},
		{"P-256 n", p256ScalarModulus, n},
		{"brainpoolP256r1 p", bp256ElementModulus, mustBig(t, bpP)},
		{"brainpoolP256r1 q", bp256ScalarModulus, mustBig(t, bpQ)},
	}
	for _, c := range checks {
		if limbsToBig(&c.got).Cmp(c.want) != 0 {
			t.Errorf("%s: generated modulus %x, want %x", c.name, limbsToBig(&c.got), c.want)
		}
		if !c.want.ProbablyPrime(20) {
			t.Errorf("%s is not prime", c.name)
		}
	}
	if got := P256B().Bytes(); new(big.Int).SetBytes(got[:]).Cmp(b) != 0 {
		t.Errorf("P256B = %x, want %x", got, b)
	}
	if got := BP256A().Bytes(); hex.EncodeToString(got[:]) != lower(bpA) {
		t.Errorf("BP256A = %x", got)
	}
	if got := BP256B().Bytes(); hex.EncodeToString(got[:]) != lower(bpB) {
		t.Errorf("BP256B = %x", got)
	}

	// brainpoolP256r1: G is on the curve and has order q (RFC 5639 §3.4, cofactor 1).
	bp := newBigCurve(t, bpP, bpA, bpB)
	gx, gy := mustBig(t, bpGx), mustBig(t, bpGy)
	if !bp.onCurve(gx, gy) {
		t.Fatal("brainpoolP256r1 G is not on y² = x³ + Ax + B")
	}
	qm1 := new(big.Int).Sub(mustBig(t, bpQ), big.NewInt(1))
	x, y := bp.scalarMult(gx, gy, qm1) // (q-1)·G = -G
	if x.Cmp(gx) != 0 || new(big.Int).Add(y, gy).Cmp(bp.p) != 0 {
		t.Fatal("(q-1)·G != -G on brainpoolP256r1")
	}
}

func lower(s string) string {
	b, _ := hex.DecodeString(s)
	return hex.EncodeToString(b)
}

// bigCurve is a slow, variable-time short-Weierstrass curve on math/big,
// used only to check the constants.
type bigCurve struct{ p, a, b *big.Int }

func newBigCurve(t testing.TB, p, a, b string) *bigCurve {
	return &bigCurve{mustBig(t, p), mustBig(t, a), mustBig(t, b)}
}

func (c *bigCurve) onCurve(x, y *big.Int) bool {
	l := new(big.Int).Mul(y, y)
	r := new(big.Int).Mul(x, x)
	r.Mul(r, x)
	r.Add(r, new(big.Int).Mul(c.a, x))
	r.Add(r, c.b)
	return l.Sub(l, r).Mod(l, c.p).Sign() == 0
}

// add adds affine points; nil x means the point at infinity.
func (c *bigCurve) add(x1, y1, x2, y2 *big.Int) (*big.Int, *big.Int) {
	if x1 == nil {
		return x2, y2
	}
	if x2 == nil {
		return x1, y1
	}
	var l *big.Int
	if x1.Cmp(x2) == 0 {
		if new(big.Int).Add(y1, y2).Mod(new(big.Int).Add(y1, y2), c.p).Sign() == 0 {
			return nil, nil
		}
		num := new(big.Int).Mul(x1, x1)
		num.Mul(num, big.NewInt(3)).Add(num, c.a)
		den := new(big.Int).Lsh(y1, 1)
		l = num.Mul(num, den.ModInverse(den, c.p))
	} else {
		num := new(big.Int).Sub(y2, y1)
		den := new(big.Int).Sub(x2, x1)
		den.Mod(den, c.p)
		l = num.Mul(num, den.ModInverse(den, c.p))
	}
	l.Mod(l, c.p)
	x3 := new(big.Int).Mul(l, l)
	x3.Sub(x3, x1).Sub(x3, x2).Mod(x3, c.p)
	y3 := new(big.Int).Sub(x1, x3)
	y3.Mul(y3, l).Sub(y3, y1).Mod(y3, c.p)
	return x3, y3
}

func (c *bigCurve) scalarMult(x, y, k *big.Int) (*big.Int, *big.Int) {
	var rx, ry *big.Int
	for i := k.BitLen() - 1; i >= 0; i-- {
		rx, ry = c.add(rx, ry, rx, ry)
		if k.Bit(i) == 1 {
			rx, ry = c.add(rx, ry, x, y)
		}
	}
	return rx, ry
}

// TestSGP26Keys checks the brainpoolP256r1 constants against real data: the
// SGP.26 test keys (../../../shared/testdata/sgp26, SEC 1 "EC PRIVATE KEY"
// files with their public points) satisfy Q = d·G on the curve.
func TestSGP26Keys(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "testdata", "sgp26")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "SK_*_BRP.pem"))
	if len(files) == 0 {
		t.Skip("SGP.26 test PKI not found at " + dir + " (shared test data absent)")
	}
	bp := newBigCurve(t, bpP, bpA, bpB)
	gx, gy := mustBig(t, bpGx), mustBig(t, bpGy)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var key struct {
			Version int
			D       []byte
			Params  asn1.ObjectIdentifier `asn1:"optional,explicit,tag:0"`
			Pub     asn1.BitString        `asn1:"optional,explicit,tag:1"`
		}
		var blk *pem.Block
		for rest := data; ; {
			blk, rest = pem.Decode(rest)
			if blk == nil || blk.Type == "EC PRIVATE KEY" {
				break
			}
		}
		if blk == nil {
			t.Fatalf("%s: no EC PRIVATE KEY block", f)
		}
		if _, err := asn1.Unmarshal(blk.Bytes, &key); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		pub := key.Pub.Bytes
		if len(pub) != 65 || pub[0] != 4 {
			t.Fatalf("%s: unexpected public key %x", f, pub)
		}
		qx, qy := new(big.Int).SetBytes(pub[1:33]), new(big.Int).SetBytes(pub[33:])
		if !bp.onCurve(qx, qy) {
			t.Errorf("%s: public point not on brainpoolP256r1", f)
		}
		x, y := bp.scalarMult(gx, gy, new(big.Int).SetBytes(key.D))
		if x.Cmp(qx) != 0 || y.Cmp(qy) != 0 {
			t.Errorf("%s: d·G != Q", f)
		}
		// The same check on our field: Qy² = Qx³ + A·Qx + B.
		var ex, ey, l, r BP256Element
		if _, err := ex.SetBytes(pub[1:33]); err != nil {
			t.Fatal(err)
		}
		if _, err := ey.SetBytes(pub[33:]); err != nil {
			t.Fatal(err)
		}
		l.Square(&ey)
		r.Square(&ex).Mul(&r, &ex)
		r.Add(&r, new(BP256Element).Mul(BP256A(), &ex)).Add(&r, BP256B())
		if l.Equal(&r) != 1 {
			t.Errorf("%s: curve equation fails in BP256Element arithmetic", f)
		}
	}
}

// interesting returns edge values and random values below 2^256.
func interesting(m *big.Int, rng *rand.Rand, nRandom int) []*big.Int {
	one := big.NewInt(1)
	two256 := new(big.Int).Lsh(one, 256)
	vals := []*big.Int{
		big.NewInt(0), big.NewInt(1), big.NewInt(2), big.NewInt(3),
		new(big.Int).Sub(m, one), new(big.Int).Sub(m, big.NewInt(2)),
		new(big.Int).Rsh(m, 1), new(big.Int).Add(new(big.Int).Rsh(m, 1), one),
		new(big.Int).Lsh(one, 255), new(big.Int).Sub(new(big.Int).Lsh(one, 64), one),
		new(big.Int).Lsh(one, 64), new(big.Int).Lsh(one, 128), new(big.Int).Lsh(one, 192),
		new(big.Int).Sub(two256, one).Mod(new(big.Int).Sub(two256, one), m),
	}
	for range nRandom {
		var b [32]byte
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		v := new(big.Int).SetBytes(b[:])
		switch rng.IntN(4) {
		case 0: // sparse / high limbs all ones near m
			v.Sub(m, new(big.Int).SetUint64(rng.Uint64()))
		case 1:
			v.Rsh(v, uint(rng.IntN(256)))
		}
		vals = append(vals, v.Mod(v, m))
	}
	return vals
}

func testOps[T any, PT ops[T]](t *testing.T, m *big.Int) {
	rng := rand.New(rand.NewPCG(1, uint64(m.Bits()[0])))
	vals := interesting(m, rng, 120)
	elems := make([]T, len(vals))
	for i, v := range vals {
		if _, err := PT(&elems[i]).SetBytes(be32(v)); err != nil {
			t.Fatalf("SetBytes(%x): %v", v, err)
		}
		if got := PT(&elems[i]).Bytes(); new(big.Int).SetBytes(got[:]).Cmp(v) != 0 {
			t.Fatalf("Bytes(SetBytes(%x)) = %x", v, got)
		}
		if PT(&elems[i]).IsOdd() != int(v.Bit(0)) {
			t.Fatalf("IsOdd(%x) wrong", v)
		}
		if PT(&elems[i]).IsZero() != b2i(v.Sign() == 0) {
			t.Fatalf("IsZero(%x) wrong", v)
		}
	}
	check := func(op string, got *T, want *big.Int, a, b *big.Int) {
		t.Helper()
		want = new(big.Int).Mod(want, m)
		g := PT(got).Bytes()
		if new(big.Int).SetBytes(g[:]).Cmp(want) != 0 {
			t.Fatalf("%s(%x, %x) = %x, want %x", op, a, b, g, want)
		}
	}
	var z T
	for i, a := range vals {
		ea := &elems[i]
		check("Square", PT(&z).Square(ea), new(big.Int).Mul(a, a), a, a)
		check("Neg", PT(&z).Neg(ea), new(big.Int).Neg(a), a, a)
		check("Half", PT(&z).Half(ea), new(big.Int).Mul(a, new(big.Int).ModInverse(big.NewInt(2), m)), a, a)
		inv := new(big.Int).ModInverse(a, m)
		if inv == nil {
			inv = new(big.Int)
		}
		check("Invert", PT(&z).Invert(ea), inv, a, a)
		check("InvertVartime", PT(&z).InvertVartime(ea), inv, a, a)
		// aliasing
		PT(&z).Set(ea)
		check("Mul(alias)", PT(&z).Mul(&z, &z), new(big.Int).Mul(a, a), a, a)
		for j, b := range vals {
			if (i*len(vals)+j)%7 != 0 && i > 16 && j > 16 {
				continue // all edge pairs, a sample of random pairs
			}
			eb := &elems[j]
			check("Add", PT(&z).Add(ea, eb), new(big.Int).Add(a, b), a, b)
			check("Sub", PT(&z).Sub(ea, eb), new(big.Int).Sub(a, b), a, b)
			check("Mul", PT(&z).Mul(ea, eb), new(big.Int).Mul(a, b), a, b)
			if PT(ea).Equal(eb) != b2i(a.Cmp(b) == 0) {
				t.Fatalf("Equal(%x, %x) wrong", a, b)
			}
			check("Select1", PT(&z).Select(ea, eb, 1), a, a, b)
			check("Select0", PT(&z).Select(ea, eb, 0), b, a, b)
		}
	}

	// OrIf as a table lookup: from zero, exactly one matching entry (or none) is picked.
	for want := -1; want < len(vals); want += 13 {
		PT(&z).Zero()
		for i := range elems {
			PT(&z).OrIf(&elems[i], b2i(i == want))
		}
		if want < 0 {
			check("OrIf(none)", &z, big.NewInt(0), nil, nil)
		} else {
			check("OrIf", &z, vals[want], vals[want], nil)
		}
	}

	// Constructors.
	check("Zero", PT(&z).Zero(), big.NewInt(0), nil, nil)
	check("One", PT(&z).One(), big.NewInt(1), nil, nil)
	for _, v := range []uint64{0, 1, 2, 1<<63 + 5, ^uint64(0)} {
		check("SetUint64", PT(&z).SetUint64(v), new(big.Int).SetUint64(v), nil, nil)
	}

	// SetBytes rejects non-canonical and wrong-length input, leaving e alone.
	two256 := new(big.Int).Lsh(big.NewInt(1), 256)
	PT(&z).SetUint64(7)
	for _, v := range []*big.Int{m, new(big.Int).Add(m, big.NewInt(1)), new(big.Int).Sub(two256, big.NewInt(1)), new(big.Int).Lsh(big.NewInt(1), 255)} {
		if v.Cmp(m) < 0 {
			continue
		}
		if r, err := PT(&z).SetBytes(be32(v)); err != ErrNotCanonical || r != nil {
			t.Errorf("SetBytes(%x) = %v, %v; want nil, ErrNotCanonical", v, r, err)
		}
		check("SetBytesReduced", PT(&z).SetBytesReduced(be32(v)), v, v, nil)
		PT(&z).SetUint64(7)
	}
	for _, n := range []int{0, 31, 33, 64} {
		if r, err := PT(&z).SetBytes(make([]byte, n)); err != ErrInvalidLength || r != nil {
			t.Errorf("SetBytes(len %d) = %v, %v; want nil, ErrInvalidLength", n, r, err)
		}
	}
	check("SetBytes left e unchanged", &z, big.NewInt(7), nil, nil)

	// SetBytesReduced: random 32-byte and 64-byte and short input.
	for range 200 {
		n := []int{32, 32, 64, 48, 1, 0}[rng.IntN(6)]
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		if rng.IntN(3) == 0 && n > 0 {
			for i := range b[:min(n, 8)] {
				b[i] = 0xff
			}
		}
		v := new(big.Int).SetBytes(b)
		check("SetBytesReduced", PT(&z).SetBytesReduced(b), v, v, nil)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func testSqrt[T any, PT sqrtOps[T]](t *testing.T, m *big.Int) {
	rng := rand.New(rand.NewPCG(2, uint64(m.Bits()[0])))
	squares, nonSquares := 0, 0
	for _, a := range interesting(m, rng, 300) {
		var ea, r T
		PT(&ea).SetBytes(be32(a))
		PT(&r).SetUint64(12345)
		_, ok := PT(&r).Sqrt(&ea)
		want := big.Jacobi(a, m) >= 0
		if ok != b2i(want) {
			t.Fatalf("Sqrt(%x) ok = %d, want %v", a, ok, want)
		}
		got := PT(&r).Bytes()
		g := new(big.Int).SetBytes(got[:])
		if want {
			squares++
			if new(big.Int).Exp(g, big.NewInt(2), m).Cmp(a) != 0 {
				t.Fatalf("Sqrt(%x) = %x, not a root", a, g)
			}
		} else {
			nonSquares++
			if g.Cmp(big.NewInt(12345)) != 0 {
				t.Fatalf("Sqrt(%x) of a non-square changed the receiver to %x", a, g)
			}
		}
		// aliasing: e.Sqrt(e)
		PT(&r).Set(&ea)
		if _, ok2 := PT(&r).Sqrt(&r); ok2 != ok {
			t.Fatal("aliased Sqrt disagrees")
		}
	}
	if squares < 50 || nonSquares < 50 {
		t.Fatalf("unbalanced sample: %d squares, %d non-squares", squares, nonSquares)
	}
}

func TestP256Element(t *testing.T) {
	p, _, _ := p256Params()
	testOps[P256Element](t, p)
	testSqrt[P256Element](t, p)
}

func TestP256Scalar(t *testing.T) {
	_, n, _ := p256Params()
	testOps[P256Scalar](t, n)
}

func TestBP256Element(t *testing.T) {
	testOps[BP256Element](t, mustBig(t, bpP))
	testSqrt[BP256Element](t, mustBig(t, bpP))
}

func TestBP256Scalar(t *testing.T) {
	testOps[BP256Scalar](t, mustBig(t, bpQ))
}

func TestAllocs(t *testing.T) {
	var a, b, c P256Element
	a.SetUint64(3)
	b.SetUint64(5)
	var s BP256Scalar
	in := make([]byte, 32)
	n := testing.AllocsPerRun(20, func() {
		c.Mul(&a, &b).Square(&c).Add(&c, &a).Sub(&c, &b).Neg(&c).Invert(&c)
		c.Sqrt(&c)
		c.Mul(&c, P256B())
		_ = c.Bytes()
		c.SetBytes(in)
		s.SetBytesReduced(in).Invert(&s)
		var e BP256Element
		e.Mul(BP256A(), BP256B())
	})
	if n != 0 {
		t.Fatalf("%v allocations per run, want 0", n)
	}
}

// TestWideKernels checks the unreduced Go kernels of the point formulas
// against math/big: MulSubWideGo(x, y, MulWideGo(a, b)) and
// MulSubWideGo(x, y, SquareWideGo(a)) equal (x·y - a·b)·2^-256 mod m, on
// the edge and random values of interesting, so that both signs of the
// difference occur.
func TestWideKernels(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 47))
	pb, _, _ := p256Params()
	for _, c := range []struct {
		name     string
		m        *big.Int
		mul, sqr func(w *[8]uint64, x ...*[4]uint64)
		mulSub   func(z, x, y *[4]uint64, w *[8]uint64)
	}{
		{"P-256", pb,
			func(w *[8]uint64, x ...*[4]uint64) { p256ElementMulWideGo(w, x[0], x[1]) },
			func(w *[8]uint64, x ...*[4]uint64) { p256ElementSquareWideGo(w, x[0]) },
			p256ElementMulSubWideGo},
		{"brainpoolP256r1", mustBig(t, bpP),
			func(w *[8]uint64, x ...*[4]uint64) { bp256ElementMulWideGo(w, x[0], x[1]) },
			func(w *[8]uint64, x ...*[4]uint64) { bp256ElementSquareWideGo(w, x[0]) },
			bp256ElementMulSubWideGo},
	} {
		rInv := new(big.Int).ModInverse(new(big.Int).Lsh(big.NewInt(1), 256), c.m)
		vals := interesting(c.m, rng, 30)
		toL := func(v *big.Int) *[4]uint64 { return (*[4]uint64)(be32limbs(v)) }
		n := len(vals)
		for i := range n * 3 {
			x, y, a, b := vals[i%n], vals[(i/n+i*7)%n], vals[(i*3+1)%n], vals[(i*5+2)%n]
			for sq := range 2 {
				var w [8]uint64
				bb := b
				if sq == 1 {
					c.sqr(&w, toL(a))
					bb = a
				} else {
					c.mul(&w, toL(a), toL(b))
				}
				var z [4]uint64
				c.mulSub(&z, toL(x), toL(y), &w)
				want := new(big.Int).Mul(x, y)
				want.Sub(want, new(big.Int).Mul(a, bb))
				want.Mul(want, rInv).Mod(want, c.m)
				if limbsToBig(&z).Cmp(want) != 0 {
					t.Fatalf("%s: MulSubWide(%x, %x, %x·%x) = %x, want %x", c.name, x, y, a, bb, limbsToBig(&z), want)
				}
			}
		}
	}
}
