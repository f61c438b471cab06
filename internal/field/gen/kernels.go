package main

import (
	"fmt"
	"math/big"
	"strings"
)

// This file emits the straight-line (fully unrolled) limb kernels: Montgomery
// multiplication and squaring, conversion out of Montgomery form, modular
// addition and subtraction. The emitted code names every intermediate value
// once (SSA style) so the compiler keeps them in registers; math/bits
// intrinsics give MUL/ADC/SBB. No branch or index depends on the values.

type emitter struct {
	b strings.Builder
	n int
}

func (e *emitter) fresh(p string) string {
	e.n++
	return fmt.Sprintf("%s%d", p, e.n)
}

func (e *emitter) line(format string, args ...any) {
	fmt.Fprintf(&e.b, "\t"+format+"\n", args...)
}

// kgen holds the modulus in the form the emitter needs.
type kgen struct {
	*emitter
	m      [4]uint64
	m0inv  uint64
	prefix string
}

func newKgen(m *modulus) *kgen {
	k := &kgen{emitter: &emitter{}, prefix: m.Prefix}
	t := new(big.Int).Set(m.m)
	mask := new(big.Int).SetUint64(^uint64(0))
	for i := range 4 {
		k.m[i] = new(big.Int).And(t, mask).Uint64()
		t.Rsh(t, 64)
	}
	k.m0inv = m.m0inv()
	return k
}

func hex64(v uint64) string { return fmt.Sprintf("0x%016x", v) }

// add emits s, c := bits.Add64(a, b, cin) and returns s, c. cin "" means 0.
func (k *kgen) add(a, b, cin string) (string, string) {
	if cin == "" {
		cin = "0"
	}
	s, c := k.fresh("s"), k.fresh("c")
	k.line("%s, %s := bits.Add64(%s, %s, %s)", s, c, a, b, cin)
	return s, c
}

// addNoCarry emits s := a + b + cin for a sum known not to overflow.
func (k *kgen) addNoCarry(a, b, cin string) string {
	s := k.fresh("s")
	switch {
	case b == "0" && cin == "":
		return a
	case b == "0":
		k.line("%s := %s + %s", s, a, cin)
	case cin == "":
		k.line("%s := %s + %s", s, a, b)
	default:
		k.line("%s := %s + %s + %s", s, a, b, cin)
	}
	return s
}

func (k *kgen) mul(a, b string) (hi, lo string) {
	hi, lo = k.fresh("h"), k.fresh("l")
	k.line("%s, %s := bits.Mul64(%s, %s)", hi, lo, a, b)
	return
}

// row returns the 5 words of a·(y0, y1, y2, y3); a zero "0" y word is skipped.
func (k *kgen) row(a string, y []string) []string {
	his, los := make([]string, len(y)), make([]string, len(y))
	for j, yj := range y {
		if yj == "0" {
			his[j], los[j] = "0", "0"
			continue
		}
		his[j], los[j] = k.mul(a, yj)
	}
	out := []string{los[0]}
	c := ""
	for j := 1; j < len(y); j++ {
		var s string
		s, c = k.add(los[j], his[j-1], c)
		out = append(out, s)
	}
	out = append(out, k.addNoCarry(his[len(y)-1], "0", c))
	return out
}

// accumulate adds r (len n+1) into t[off : off+n] where t[off+n] does not
// exist yet; the sum is known to fit. It returns the updated t.
func (k *kgen) accumulate(t []string, r []string, off int) []string {
	c := ""
	n := len(r) - 1
	for j := 0; j < n; j++ {
		t[off+j], c = k.add(t[off+j], r[j], c)
	}
	return append(t, k.addNoCarry(r[n], "0", c))
}

// product emits the 8-word product of x and y.
func (k *kgen) product(x, y []string) []string {
	t := k.row(x[0], y)
	for i := 1; i < 4; i++ {
		t = k.accumulate(t, k.row(x[i], y), i)
	}
	return t
}

// square emits the 8-word square of x: off-diagonal products once, doubled,
// plus the diagonal.
func (k *kgen) square(x []string) []string {
	a := k.row(x[0], x[1:]) // positions 1..4
	b := k.row(x[1], x[2:]) // positions 3..5
	h23, l23 := k.mul(x[2], x[3])
	u := make([]string, 8)
	u[1], u[2] = a[0], a[1]
	var c string
	u[3], c = k.add(a[2], b[0], "")
	u[4], c = k.add(a[3], b[1], c)
	u[5], c = k.add(b[2], l23, c)
	u[6] = k.addNoCarry(h23, "0", c) // the off-diagonal sum is below 2^448
	// double
	d := make([]string, 8)
	d[7] = k.fresh("d")
	k.line("%s := %s >> 63", d[7], u[6])
	for i := 6; i >= 2; i-- {
		d[i] = k.fresh("d")
		k.line("%s := %s<<1 | %s>>63", d[i], u[i], u[i-1])
	}
	d[1] = k.fresh("d")
	k.line("%s := %s << 1", d[1], u[1])
	// diagonal
	t := make([]string, 8)
	diag := make([]string, 8)
	for i := range 4 {
		diag[2*i+1], diag[2*i] = k.mul(x[i], x[i])
	}
	t[0] = diag[0]
	c = ""
	for i := 1; i < 7; i++ {
		t[i], c = k.add(d[i], diag[i], c)
	}
	t[7] = k.addNoCarry(d[7], diag[7], c)
	return t
}

// reduce emits the Montgomery reduction of the 4 words w: it returns
// u = (w + Q·m) / 2^256 ≤ m, where Q < 2^256 makes the sum divisible.
func (k *kgen) reduce(w []string) []string {
	w = append([]string(nil), w...)
	ms := make([]string, 4)
	for j := range 4 {
		if k.m[j] == 0 {
			ms[j] = "0"
		} else {
			ms[j] = hex64(k.m[j])
		}
	}
	special := k.special()
	for i := range 4 {
		q := w[i]
		if k.m0inv != 1 {
			q = k.fresh("q")
			k.line("%s := %s * %s", q, w[i], hex64(k.m0inv))
		}
		// r = (w[i] + q·m0) / 2^64 + q·(m1, m2, m3): the words i+1 .. i+4.
		var carry0 string
		if special {
			// w[i] + w[i]·(2^64-1) = w[i]·2^64 exactly.
			carry0 = q
		} else {
			h0, l0 := k.mul(q, ms[0])
			_, c0 := k.fresh("_"), k.fresh("c")
			k.line("_, %s := bits.Add64(%s, %s, 0)", c0, w[i], l0)
			carry0 = k.addNoCarry(h0, "0", c0)
		}
		his, los := make([]string, 4), make([]string, 4)
		for j := 1; j < 4; j++ {
			if ms[j] == "0" {
				his[j], los[j] = "0", "0"
				continue
			}
			his[j], los[j] = k.mul(q, ms[j])
		}
		r := make([]string, 4)
		c := ""
		r[0], c = k.add(los[1], carry0, "")
		r[1], c = k.add(los[2], his[1], c)
		r[2], c = k.add(los[3], his[2], c)
		r[3] = k.addNoCarry(his[3], "0", c)
		c = ""
		for j := 0; j < 3; j++ {
			w[i+1+j], c = k.add(w[i+1+j], r[j], c)
		}
		w = append(w, k.addNoCarry(r[3], "0", c))
	}
	return w[4:]
}

// condSubStore emits z = (hi·2^256 + s) - m if non-negative, else s, with a
// mask, for a value below 2m. hi "" means 0.
func (k *kgen) condSubStore(s []string, hi string) {
	d := make([]string, 4)
	b := ""
	for j := range 4 {
		d[j] = k.fresh("d")
		nb := k.fresh("b")
		if b == "" {
			b = "0"
		}
		k.line("%s, %s := bits.Sub64(%s, %s, %s)", d[j], nb, s[j], hex64(k.m[j]), b)
		b = nb
	}
	if hi != "" {
		nb := k.fresh("b")
		k.line("_, %s := bits.Sub64(%s, 0, %s)", nb, hi, b)
		b = nb
	}
	mask := k.fresh("mask")
	k.line("%s := -%s // all ones if the subtraction borrowed: keep s", mask, b)
	for j := range 4 {
		k.line("z[%d] = %s ^ ((%s ^ %s) & %s)", j, d[j], s[j], d[j], mask)
	}
}

func (k *kgen) load(name string) []string {
	v := []string{name + "0", name + "1", name + "2", name + "3"}
	k.line("%s, %s, %s, %s := %s[0], %s[1], %s[2], %s[3]", v[0], v[1], v[2], v[3], name, name, name, name)
	return v
}

// finish adds the high half to the reduced low half and reduces once.
func (k *kgen) finish(t []string) {
	u := k.reduce(t[:4])
	s := make([]string, 4)
	c := ""
	for j := range 4 {
		s[j], c = k.add(u[j], t[4+j], c)
	}
	k.condSubStore(s, c)
}

// special reports whether m0inv == 1 and m[0] == 2^64-1 (P-256 p): the
// reduction then needs no q computation and no multiplication by m[0].
func (k *kgen) special() bool { return k.m0inv == 1 && k.m[0] == ^uint64(0) }

// cios emits a word-by-word (CIOS) Montgomery multiplication and stores z:
// four rounds of t += x[i]·y, then t = (t + q·m) / 2^64 with
// q = t0·(-m^-1) mod 2^64. t stays below 2m (five words) as long as y < m.
// For general moduli it is faster in Go than product-then-reduce (fewer live
// words); the special form of P-256 p favours the latter.
func (k *kgen) cios(x, y []string) {
	ms := make([]string, 4)
	for j := range 4 {
		ms[j] = hex64(k.m[j])
		if k.m[j] == 0 {
			ms[j] = "0"
		}
	}
	var t []string // t0..t4 (t4 small)
	for i := range 4 {
		r := k.row(x[i], y)
		if i == 0 {
			t = r
		} else {
			c := ""
			nt := make([]string, 6)
			for j := range 5 {
				nt[j], c = k.add(t[j], r[j], c)
			}
			nt[5] = c
			t = nt
		}
		// q·m row
		q := t[0]
		if k.m0inv != 1 {
			q = k.fresh("q")
			k.line("%s := %s * %s", q, t[0], hex64(k.m0inv))
		}
		qm := k.row(q, ms)
		c := ""
		nt := make([]string, 5)
		_, c0 := k.fresh("_"), k.fresh("c")
		k.line("_, %s := bits.Add64(%s, %s, 0)", c0, t[0], qm[0])
		c = c0
		for j := 1; j < 5; j++ {
			nt[j-1], c = k.add(t[j], qm[j], c)
		}
		if len(t) == 6 {
			nt[4] = k.addNoCarry(t[5], "0", c)
		} else {
			nt[4] = c
		}
		t = nt
	}
	k.condSubStore(t[:4], t[4])
}

func (k *kgen) funcs() string {
	var out strings.Builder
	p := k.prefix
	emit := func(doc, sig string, body func()) {
		k.emitter = &emitter{}
		body()
		fmt.Fprintf(&out, "%s\nfunc %s {\n%s}\n\n", doc, sig, k.b.String())
	}
	emit("// "+p+"MulGo sets z = x·y·2^-256 mod m for y < m and any x < 2^256, and\n// returns z < m.",
		p+"MulGo(z, x, y *[4]uint64)", func() {
			x, y := k.load("x"), k.load("y")
			if k.special() {
				// the product, then the cheap reduction of the special form
				k.finish(k.product(x, y))
			} else {
				k.cios(x, y)
			}
		})
	emit("// "+p+"SquareGo sets z = x·x·2^-256 mod m for x < m.",
		p+"SquareGo(z, x *[4]uint64)", func() {
			x := k.load("x")
			k.finish(k.square(x))
		})
	emit("// "+p+"SquareWideGo sets w to the 512-bit square of x < m (little-endian words), not reduced.",
		p+"SquareWideGo(w *[8]uint64, x *[4]uint64)", func() {
			x := k.load("x")
			for j, v := range k.square(x) {
				k.line("w[%d] = %s", j, v)
			}
		})
	emit("// "+p+"MulWideGo sets w to the 512-bit product of x, y < m, not reduced.",
		p+"MulWideGo(w *[8]uint64, x, y *[4]uint64)", func() {
			x, y := k.load("x"), k.load("y")
			for j, v := range k.product(x, y) {
				k.line("w[%d] = %s", j, v)
			}
		})
	emit("// "+p+"MulSubWideGo sets z = (x·y - w)·2^-256 mod m for x, y < m and a 512-bit w < m²\n"+
		"// (a SquareWideGo or MulWideGo result): the difference, plus m·2^256 if it is negative, is in\n"+
		"// [0, m·2^256) and takes one reduction.",
		p+"MulSubWideGo(z, x, y *[4]uint64, w *[8]uint64)", func() {
			x, y := k.load("x"), k.load("y")
			t := k.product(x, y)
			d := make([]string, 8)
			b := "0"
			for j := range 8 {
				d[j] = k.fresh("d")
				nb := k.fresh("b")
				k.line("%s, %s := bits.Sub64(%s, w[%d], %s)", d[j], nb, t[j], j, b)
				b = nb
			}
			mask := k.fresh("mask")
			k.line("%s := -%s", mask, b)
			c := ""
			for j := range 3 {
				d[4+j], c = k.add(d[4+j], hex64(k.m[j])+"&"+mask, c)
			}
			d[7] = k.addNoCarry(d[7], hex64(k.m[3])+"&"+mask, c)
			k.finish(d)
		})
	emit("// "+p+"FromMont sets z = x·2^-256 mod m (out of Montgomery form).",
		p+"FromMont(z, x *[4]uint64)", func() {
			x := k.load("x")
			k.condSubStore(k.reduce(x), "")
		})
	emit("// "+p+"Add sets z = x + y mod m for x, y < m.",
		p+"Add(z, x, y *[4]uint64)", func() {
			x, y := k.load("x"), k.load("y")
			s := make([]string, 4)
			c := ""
			for j := range 4 {
				s[j], c = k.add(x[j], y[j], c)
			}
			k.condSubStore(s, c)
		})
	emit("// "+p+"Sub sets z = x - y mod m for x, y < m: the difference, plus m masked\n// by the borrow.",
		p+"Sub(z, x, y *[4]uint64)", func() {
			x, y := k.load("x"), k.load("y")
			d := make([]string, 4)
			b := "0"
			for j := range 4 {
				d[j] = k.fresh("d")
				nb := k.fresh("b")
				k.line("%s, %s := bits.Sub64(%s, %s, %s)", d[j], nb, x[j], y[j], b)
				b = nb
			}
			mask := k.fresh("mask")
			k.line("%s := -%s", mask, b)
			c := ""
			for j := range 3 {
				var s string
				s, c = k.add(d[j], hex64(k.m[j])+"&"+mask, c)
				k.line("z[%d] = %s", j, s)
			}
			k.line("z[3], _ = bits.Add64(%s, %s&%s, %s)", d[3], hex64(k.m[3]), mask, c)
		})
	return out.String()
}
