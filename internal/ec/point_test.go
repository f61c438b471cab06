package ec

import (
	"bytes"
	"fmt"
	"math/big"
	"os"
	"testing"

	"github.com/rspengine/rspengine/internal/field"
)

// TestCurveParams checks the domain parameters typed into the package against the independently typed ones
// in ref_test.go, and their consistency: p and n prime, G on the curve, n·G = O (reference arithmetic).
func TestCurveParams(t *testing.T) {
	type params struct {
		prime, order, gx, gy [32]byte
		b                    [32]byte
		a                    []byte // nil for a = -3
	}
	got := map[CurveID]params{
		P256:  {p256PrimeBytes, p256OrderBytes, p256GxBytes, p256GyBytes, field.P256B().Bytes(), nil},
		BP256: {bp256PrimeBytes, bp256OrderBytes, bp256GxBytes, bp256GyBytes, field.BP256B().Bytes(), nil},
	}
	bpA := field.BP256A().Bytes()
	for _, c := range refCurves {
		t.Run(c.name, func(t *testing.T) {
			g := got[c.id]
			for _, f := range []struct {
				name string
				have [32]byte
				want *big.Int
			}{{"p", g.prime, c.p}, {"n", g.order, c.n}, {"Gx", g.gx, c.gx}, {"Gy", g.gy, c.gy}, {"b", g.b, c.b}} {
				if !bytes.Equal(f.have[:], c.encode(refPoint{x: f.want, y: big.NewInt(0)})[1:33]) {
					t.Errorf("%s mismatch", f.name)
				}
			}
			if c.id == BP256 && new(big.Int).SetBytes(bpA[:]).Cmp(c.a) != 0 {
				t.Errorf("A mismatch")
			}
			if ob := c.id.OrderBytes(); new(big.Int).SetBytes(ob[:]).Cmp(c.n) != 0 {
				t.Errorf("OrderBytes mismatch")
			}
			if !c.p.ProbablyPrime(20) || !c.n.ProbablyPrime(20) {
				t.Errorf("p or n not prime")
			}
			if !c.onCurve(c.g()) {
				t.Errorf("G not on curve")
			}
			if r := c.mul(c.n, c.g()); !r.inf {
				t.Errorf("n·G != O in the reference")
			}
			// The group has prime order n (odd, cofactor 1), so it has no point of order 2, i.e. no point with
			// y = 0: the doubling formulas never meet y = 0.
			if c.n.Bit(0) != 1 {
				t.Errorf("n is even")
			}
		})
	}
	if P256.String() != "P-256" || BP256.String() != "brainpoolP256r1" || CurveID(9).String() != "unknown curve" {
		t.Errorf("String names")
	}
}

// TestFormulas checks add and double (projective, complete), the Jacobian variable-time addAffine and
// double (and verification's AddDigit with d = ±1) against the affine reference on random points with random
// projective scalings, including the cases incomplete formulas get wrong: P + P through add, P + (-P),
// O + P, P + O, O + O, 2·O.
func TestFormulas(t *testing.T) {
	for _, ad := range adapters {
		c := ad.ref
		t.Run(c.name, func(t *testing.T) {
			rng := newRNG(t)
			randZ := func() *big.Int { return c.randScalar(rng) } // < n < p, nonzero
			inf := refPoint{inf: true}
			for i := 0; i < 24; i++ {
				p := c.mul(c.randScalar(rng), c.g())
				q := c.mul(c.randScalar(rng), c.g())
				cases := []struct {
					name string
					p, q refPoint
				}{
					{"P+Q", p, q}, {"P+P", p, p}, {"P+(-P)", p, c.neg(p)}, {"O+P", inf, p}, {"P+O", p, inf},
					{"O+O", inf, inf}, {"G+2G", c.g(), c.add(c.g(), c.g())},
				}
				for _, tc := range cases {
					want := c.add(tc.p, tc.q)
					if got := ad.add(tc.p, tc.q, randZ(), randZ()); !refEqual(got, want) {
						t.Fatalf("add %s: got %v want %v", tc.name, got, want)
					}
					if !tc.q.inf {
						if got := ad.jacAddAffine(tc.p, randZ(), tc.q); !refEqual(got, want) {
							t.Fatalf("Jacobian addAffine %s: got %v want %v", tc.name, got, want)
						}
						if got := ad.jacAddDigit(tc.p, randZ(), tc.q, 1); !refEqual(got, want) {
							t.Fatalf("AddDigit +1 %s: got %v want %v", tc.name, got, want)
						}
						if got, want := ad.jacAddDigit(tc.p, randZ(), tc.q, -1), c.add(tc.p, c.neg(tc.q)); !refEqual(got, want) {
							t.Fatalf("AddDigit -1 %s: got %v want %v", tc.name, got, want)
						}
					}
				}
				for _, pp := range []refPoint{p, inf} {
					if got, want := ad.double(pp, randZ()), c.add(pp, pp); !refEqual(got, want) {
						t.Fatalf("double: got %v want %v", got, want)
					}
					if got, want := ad.jacDouble(pp, randZ()), c.add(pp, pp); !refEqual(got, want) {
						t.Fatalf("Jacobian double: got %v want %v", got, want)
					}
				}
			}
		})
	}
}

// TestOddMultiples checks the co-Z table of verification (1·P, 3·P, ..., 15·P) against the reference
// for random points and for G.
func TestOddMultiples(t *testing.T) {
	for _, ad := range adapters {
		c := ad.ref
		t.Run(c.name, func(t *testing.T) {
			rng := newRNG(t)
			pts := []refPoint{c.g()}
			for range 8 {
				pts = append(pts, c.mul(c.randScalar(rng), c.g()))
			}
			for _, p := range pts {
				got := ad.oddMultiples(p)
				if len(got) != qSize {
					t.Fatalf("%d multiples, want %d", len(got), qSize)
				}
				for i, g := range got {
					if want := c.mul(big.NewInt(int64(2*i+1)), p); !refEqual(g, want) {
						t.Fatalf("%d·P: got %v want %v", 2*i+1, g, want)
					}
				}
			}
		})
	}
}

// TestMultEdges checks the internal constant-time multiplications against the reference for edge scalars:
// 0 (identity), 1, 2, 15, 16, 17, n-2, n-1, n (identity: n·G = O), and scalars with long runs of ones that
// exercise the signed-digit carry.
func TestMultEdges(t *testing.T) {
	for _, ad := range adapters {
		c := ad.ref
		t.Run(c.name, func(t *testing.T) {
			rng := newRNG(t)
			q := c.mul(c.randScalar(rng), c.g())
			ks := []*big.Int{
				big.NewInt(0), big.NewInt(1), big.NewInt(2), big.NewInt(8), big.NewInt(9), big.NewInt(15),
				big.NewInt(16), big.NewInt(17),
				new(big.Int).Sub(c.n, big.NewInt(2)), new(big.Int).Sub(c.n, big.NewInt(1)), new(big.Int).Set(c.n),
				new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 252), big.NewInt(1)),
				hexInt("8888888888888888888888888888888888888888888888888888888888888888"),
				hexInt("7777777777777777777777777777777777777777777777777777777777777777"),
			}
			// Around the boundaries of the incomplete Jacobian additions in the multiplications: n - 2j would hit
			// acc = T in the last ECDH window without halfScalar; scalars with zero low windows start from the
			// identity; k and n - k around n/2 meet in halfScalar; big top
			// digits and n - small·2^(baseBits·i) stress the last fixed-base window.
			for j := int64(1); j <= 17; j++ {
				ks = append(ks, new(big.Int).Sub(c.n, big.NewInt(j)))
			}
			for _, sh := range []uint{4, 6, 7, 8, 14, 64, 120, 238, 245, 246, 248, 250, 252, 254, 255} {
				p2 := new(big.Int).Lsh(big.NewInt(1), sh)
				for _, m := range []int64{1, 3, 7, 31, 33, 63, 64, 65} {
					v := new(big.Int).Mul(p2, big.NewInt(m))
					if v.Cmp(c.n) < 0 {
						ks = append(ks, v, new(big.Int).Sub(c.n, v))
					}
				}
			}
			ks = append(ks, new(big.Int).Rsh(c.n, 1), new(big.Int).Add(new(big.Int).Rsh(c.n, 1), big.NewInt(1)))
			for i := 0; i < 6; i++ {
				ks = append(ks, c.randScalar(rng))
			}
			for _, k := range ks {
				kb := scalarBytes(k)
				if got, want := ad.baseMult(kb), c.mul(k, c.g()); !refEqual(got, want) {
					t.Errorf("baseMult(%x): got %v want %v", k, got, want)
				}
				if got, want := ad.scalarMult(q, kb), c.mul(k, q); !refEqual(got, want) {
					t.Errorf("scalarMult(%x): got %v want %v", k, got, want)
				}
			}
		})
	}
}

// TestCheckR covers the x(R) mod n == r comparison in projective form, including the rare branch where
// x(R) ∈ [n, p) so that r = x - n (needs r + n < p); such x do not come up from random signatures.
func TestCheckR(t *testing.T) {
	for _, ad := range adapters {
		c := ad.ref
		t.Run(c.name, func(t *testing.T) {
			rng := newRNG(t)
			z := c.randScalar(rng)
			pn := new(big.Int).Sub(c.p, c.n)
			for _, tc := range []struct {
				x, r *big.Int
				want bool
			}{
				{big.NewInt(5), big.NewInt(5), true},
				{big.NewInt(5), big.NewInt(6), false},
				{new(big.Int).Add(c.n, big.NewInt(5)), big.NewInt(5), true},                       // x ≥ n, r = x - n
				{new(big.Int).Sub(c.p, big.NewInt(1)), new(big.Int).Sub(pn, big.NewInt(1)), true}, // largest x
				{new(big.Int).Add(c.n, big.NewInt(5)), big.NewInt(6), false},
				{new(big.Int).Sub(c.n, big.NewInt(1)), new(big.Int).Sub(c.n, big.NewInt(1)), true},
				{big.NewInt(3), new(big.Int).Sub(c.n, big.NewInt(1)), false},
				{pn, big.NewInt(0), true}, // x = p - n would need r = 0... x mod n = p-n: r = p-n
			} {
				r := tc.r
				if tc.x.Cmp(pn) == 0 {
					r = pn
					tc.want = true
				}
				if got := ad.checkR(tc.x, z, scalarBytes(r)); got != tc.want {
					t.Errorf("checkR(x=%x, r=%x) = %v, want %v", tc.x, r, got, tc.want)
				}
			}
		})
	}
}

// TestRecodeSigned4 checks Σ d[i]·16^i = k (and Σ d[i]·2^(baseBits·i) = k for recodeSignedBase) and the digit range for random and extreme scalars.
func TestRecodeSigned4(t *testing.T) {
	rng := newRNG(t)
	for i := 0; i < 200; i++ {
		var k [32]byte
		for j := range k {
			k[j] = byte(rng.Uint32())
		}
		switch i {
		case 0:
			k = [32]byte{}
		case 1:
			for j := range k {
				k[j] = 0xff
			}
		case 2:
			for j := range k {
				k[j] = 0x88
			}
		}
		var d [mulWindows]int8
		recodeSigned4(&d, &k)
		sum := new(big.Int)
		for j := mulWindows - 1; j >= 0; j-- {
			if d[j] < -8 || d[j] > 8 {
				t.Fatalf("digit %d out of range", d[j])
			}
			sum.Lsh(sum, 4)
			sum.Add(sum, big.NewInt(int64(d[j])))
		}
		if sum.Cmp(new(big.Int).SetBytes(k[:])) != 0 {
			t.Fatalf("recode(%x) sums to %x", k, sum)
		}
		var d6 [baseWindows]int8
		recodeSignedBase(&d6, &k)
		sum.SetInt64(0)
		for j := baseWindows - 1; j >= 0; j-- {
			if d6[j] < -baseRow || d6[j] > baseRow {
				t.Fatalf("digit %d out of range", d6[j])
			}
			sum.Lsh(sum, baseBits)
			sum.Add(sum, big.NewInt(int64(d6[j])))
		}
		if sum.Cmp(new(big.Int).SetBytes(k[:])) != 0 {
			t.Fatalf("recode6(%x) sums to %x", k, sum)
		}
	}
}

// TestWNAF checks the w-NAF recoding: value, odd digits in range, at most one nonzero digit in any w
// consecutive positions (which make it the unique w-NAF), on random scalars, scalars made of long runs of
// ones and zeros, and 0, 1, 2^255 and 2^256 - 1.
func TestWNAF(t *testing.T) {
	rng := newRNG(t)
	for _, w := range []uint{qWidth, pieceWidth} {
		for i := 0; i < 2000; i++ {
			var k [32]byte
			for j := range k {
				k[j] = byte(rng.Uint32())
				if i%4 == 1 { // long runs of ones and zeros, where the carry runs
					k[j] = []byte{0x00, 0xff, 0x80, 0x7f}[rng.Uint32()%4]
				}
			}
			switch i {
			case 0:
				for j := range k {
					k[j] = 0xff // 2^256 - 1
				}
			case 2:
				k = [32]byte{} // 0
			case 3:
				k = [32]byte{31: 1}
			case 4:
				k = [32]byte{0: 0x80} // 2^255
			case 5:
				k = [32]byte{0: 0x7f, 1: 0xff, 2: 0xff} // runs across the top word
			}
			var d [nafLen]int16
			wnaf(&d, limbs(&k), w)
			sum := new(big.Int)
			last := -1000
			for j := nafLen - 1; j >= 0; j-- {
				sum.Lsh(sum, 1)
				sum.Add(sum, big.NewInt(int64(d[j])))
				if d[j] != 0 {
					if v := int(d[j]); v%2 == 0 || v >= 1<<(w-1) || v <= -(1<<(w-1)) {
						t.Fatalf("bad digit %d", d[j])
					}
					if last-j < int(w) && last != -1000 {
						t.Fatalf("digits too close")
					}
					last = j
				}
			}
			if sum.Cmp(new(big.Int).SetBytes(k[:])) != 0 {
				t.Fatalf("wnaf(%x) sums to %x", k, sum)
			}
		}
	}
}

// TestGeneratedUpToDate fails when bp256_gen.go was not regenerated after an edit of p256.go.
func TestGeneratedUpToDate(t *testing.T) {
	src, err := os.ReadFile("p256.go")
	if err != nil {
		t.Fatal(err)
	}
	gen, err := os.ReadFile("bp256_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(src, []byte("\npackage ec\n"))
	body := bytes.ReplaceAll(src[i+1:], []byte("P256"), []byte("BP256"))
	body = bytes.ReplaceAll(body, []byte("p256"), []byte("bp256"))
	want := append([]byte("// Code generated by gen.go from p256.go; DO NOT EDIT.\n\n"), body...)
	// gen.go gofmt-formats its output; the template is gofmt-clean and the replacement does not change layout
	// except for alignment, so compare ignoring spaces and tabs.
	strip := func(b []byte) []byte {
		return bytes.Map(func(r rune) rune {
			if r == ' ' || r == '\t' {
				return -1
			}
			return r
		}, b)
	}
	if !bytes.Equal(strip(want), strip(gen)) {
		t.Fatal("bp256_gen.go is stale: run go generate ./internal/ec")
	}
}

var _ = fmt.Sprint
