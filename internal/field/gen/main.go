// Command gen writes the *_gen.go files of package field: one file per
// modulus with the element type, its constants (computed here with math/big
// from the modulus) and its methods.
//
// Run it with `go generate` in internal/field.
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"log"
	"math/big"
	"os"
	"text/template"
)

// modulus describes one generated type.
type modulus struct {
	Type     string // exported type name
	Prefix   string // prefix of the unexported helpers
	File     string // output file
	Hex      string // modulus, big-endian hex
	Doc      string // first doc comment line(s) for the type
	IsField  bool   // p of a curve: gets Sqrt (requires p ≡ 3 mod 4)
	Consts   []curveConst
	m        *big.Int
	window   int
	invSteps []powStep
	invTail  int
	sqrSteps []powStep
	sqrTail  int
}

type curveConst struct {
	Func string // exported function name
	Hex  string // canonical value, big-endian hex
	Doc  string
}

type powStep struct{ Sq, Idx int }

var moduli = []*modulus{
	{
		Type: "P256Element", Prefix: "p256Element", File: "p256element_gen.go",
		Hex:     "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
		Doc:     "P256Element is an integer modulo p = 2^256 - 2^224 + 2^192 + 2^96 - 1, the prime of the\n// NIST P-256 (secp256r1, prime256v1) base field (FIPS 186-4 §D.1.2.3, SEC 2 §2.4.2).",
		IsField: true,
		Consts: []curveConst{{
			Func: "P256B", Hex: "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
			Doc: "P256B returns the coefficient b of NIST P-256, y² = x³ - 3x + b (FIPS 186-4 §D.1.2.3).",
		}},
	},
	{
		Type: "P256Scalar", Prefix: "p256Scalar", File: "p256scalar_gen.go",
		Hex: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
		Doc: "P256Scalar is an integer modulo n, the order of the NIST P-256 base point\n// (FIPS 186-4 §D.1.2.3).",
	},
	{
		Type: "BP256Element", Prefix: "bp256Element", File: "bp256element_gen.go",
		Hex:     "a9fb57dba1eea9bc3e660a909d838d726e3bf623d52620282013481d1f6e5377",
		Doc:     "BP256Element is an integer modulo p, the prime of the brainpoolP256r1 base field\n// (RFC 5639 §3.4).",
		IsField: true,
		Consts: []curveConst{{
			Func: "BP256A", Hex: "7d5a0975fc2c3057eef67530417affe7fb8055c126dc5c6ce94a4b44f330b5d9",
			Doc: "BP256A returns the coefficient A of brainpoolP256r1, y² = x³ + Ax + B (RFC 5639 §3.4).",
		}, {
			Func: "BP256B", Hex: "26dc5c6ce94a4b44f330b5d9bbd77cbf958416295cf7e1ce6bccdc18ff8c07b6",
			Doc: "BP256B returns the coefficient B of brainpoolP256r1, y² = x³ + Ax + B (RFC 5639 §3.4).",
		}},
	},
	{
		Type: "BP256Scalar", Prefix: "bp256Scalar", File: "bp256scalar_gen.go",
		Hex: "a9fb57dba1eea9bc3e660a909d838d718c397aa3b561a6f7901e0e82974856a7",
		Doc: "BP256Scalar is an integer modulo q, the order of the brainpoolP256r1 base point\n// (RFC 5639 §3.4).",
	},
}

func main() {
	for _, m := range moduli {
		m.m = mustHex(m.Hex)
		if !m.m.ProbablyPrime(32) {
			log.Fatalf("%s: modulus is not prime", m.Type)
		}
		if m.m.BitLen() != 256 {
			log.Fatalf("%s: modulus is not 256 bits", m.Type)
		}
		exp := new(big.Int).Sub(m.m, big.NewInt(2))
		m.window, m.invSteps, m.invTail = bestWindow(exp)
		if m.IsField {
			if new(big.Int).And(m.m, big.NewInt(3)).Int64() != 3 {
				log.Fatalf("%s: p is not 3 mod 4; Sqrt needs another method", m.Type)
			}
			e := new(big.Int).Add(m.m, big.NewInt(1))
			e.Rsh(e, 2)
			m.sqrSteps, m.sqrTail = slidingWindow(e, m.window)
		}
		write(m.File, typeTemplate, m)
	}
}

func mustHex(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 16)
	if !ok {
		log.Fatalf("bad hex %q", s)
	}
	return v
}

// limbs renders v mod 2^256 as a Go [4]uint64 literal, little-endian limbs.
func limbs(v *big.Int) string {
	mask := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 64), big.NewInt(1))
	s := "[4]uint64{"
	t := new(big.Int).Set(v)
	for i := 0; i < 4; i++ {
		w := new(big.Int).And(t, mask)
		s += fmt.Sprintf("0x%016x", w.Uint64())
		if i < 3 {
			s += ", "
		}
		t.Rsh(t, 64)
	}
	return s + "}"
}

func (m *modulus) R(k int) *big.Int {
	r := new(big.Int).Lsh(big.NewInt(1), uint(256*k))
	return r.Mod(r, m.m)
}

// Limbs etc. are used by the template.
func (m *modulus) Modulus() string { return limbs(m.m) }
func (m *modulus) One() string     { return limbs(m.R(1)) }
func (m *modulus) R2() string      { return limbs(m.R(2)) }
func (m *modulus) R3() string      { return limbs(m.R(3)) }
func (m *modulus) M0Inv() string {
	two64 := new(big.Int).Lsh(big.NewInt(1), 64)
	inv := new(big.Int).ModInverse(new(big.Int).Mod(m.m, two64), two64)
	inv.Sub(two64, inv)
	return fmt.Sprintf("0x%016x", inv.Uint64())
}
func (m *modulus) Mont(hex string) string {
	v := mustHex(hex)
	if v.Cmp(m.m) >= 0 {
		log.Fatalf("constant %s not reduced", hex)
	}
	v.Mul(v, m.R(1))
	return limbs(v.Mod(v, m.m))
}
func (m *modulus) TableSize() int       { return 1 << (m.window - 1) }
func (m *modulus) InvSteps() []powStep  { return m.invSteps }
func (m *modulus) InvTail() int         { return m.invTail }
func (m *modulus) SqrtSteps() []powStep { return m.sqrSteps }
func (m *modulus) SqrtTail() int        { return m.sqrTail }
func (m *modulus) Bits() string         { return fmt.Sprintf("%x", m.m) }

// slidingWindow decomposes the public exponent e, left to right, into steps:
// square Sq times, then multiply by table[Idx] = x^(2·Idx+1); then square
// tail more times. The first step's Sq is ignored (it starts from 1).
func slidingWindow(e *big.Int, w int) (steps []powStep, tail int) {
	i := e.BitLen() - 1
	pending := 0
	for i >= 0 {
		if e.Bit(i) == 0 {
			pending++
			i--
			continue
		}
		j := i - w + 1
		if j < 0 {
			j = 0
		}
		for e.Bit(j) == 0 {
			j++
		}
		val := 0
		for k := i; k >= j; k-- {
			val = val<<1 | int(e.Bit(k))
		}
		steps = append(steps, powStep{Sq: pending + i - j + 1, Idx: (val - 1) / 2})
		pending = 0
		i = j - 1
	}
	steps[0].Sq = 0
	return steps, pending
}

// bestWindow picks the window width that needs the fewest multiplications
// and squarings, counting the table.
func bestWindow(e *big.Int) (int, []powStep, int) {
	best, bestCost := 0, 1<<30
	for w := 1; w <= 7; w++ {
		steps, tail := slidingWindow(e, w)
		cost := tail + len(steps) - 1
		for _, s := range steps[1:] {
			cost += s.Sq
		}
		if w > 1 {
			cost += 1 << (w - 1) // one squaring and 2^(w-1)-1 multiplications
		}
		if cost < bestCost {
			best, bestCost = w, cost
		}
	}
	steps, tail := slidingWindow(e, best)
	return best, steps, tail
}

func write(name string, tmpl *template.Template, data any) {
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, data); err != nil {
		log.Fatal(err)
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		os.WriteFile(name+".broken", buf.Bytes(), 0o644)
		log.Fatalf("%s: %v", name, err)
	}
	if err := os.WriteFile(name, src, 0o644); err != nil {
		log.Fatal(err)
	}
}
