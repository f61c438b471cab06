// Command _asm writes mul_amd64.s and mul_amd64_stubs.go for package field:
// Montgomery multiplication for the four moduli with MULX/ADCX/ADOX (BMI2 and
// ADX). It lives in its own module so the main module does not depend on avo.
//
// Run it with `go generate` in internal/field (see asm.go there).
package main

import (
	"fmt"
	"math/big"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

type modulus struct {
	prefix string
	hex    string
}

// The moduli, as in ../gen/main.go; the tests of package field compare the
// two implementations on random and extreme inputs.
var moduli = []modulus{
	{"p256Element", "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"},
	{"p256Scalar", "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"},
	{"bp256Element", "a9fb57dba1eea9bc3e660a909d838d726e3bf623d52620282013481d1f6e5377"},
	{"bp256Scalar", "a9fb57dba1eea9bc3e660a909d838d718c397aa3b561a6f7901e0e82974856a7"},
}

func main() {
	ConstraintExpr("amd64,!purego")
	for _, m := range moduli {
		g := &gen{modulus: m}
		g.l, g.m0inv = limbs(m)
		g.special = g.m0inv == 1 && g.l[0] == ^uint64(0)
		g.mod = GLOBL(m.prefix+"ModulusAsm", RODATA|NOPTR)
		for i, w := range g.l {
			DATA(8*i, U64(w))
		}
		if g.m0inv != 1 {
			g.inv = GLOBL(m.prefix+"M0InvAsm", RODATA|NOPTR)
			DATA(0, U64(g.m0inv))
		}
		g.mul()
		g.square()
	}
	Generate()
}

func limbs(m modulus) (l [4]uint64, m0inv uint64) {
	v, ok := new(big.Int).SetString(m.hex, 16)
	if !ok {
		panic("bad hex")
	}
	mask := new(big.Int).SetUint64(^uint64(0))
	t := new(big.Int).Set(v)
	for i := range l {
		l[i] = new(big.Int).And(t, mask).Uint64()
		t.Rsh(t, 64)
	}
	two64 := new(big.Int).Lsh(big.NewInt(1), 64)
	inv := new(big.Int).ModInverse(new(big.Int).SetUint64(l[0]), two64)
	return l, new(big.Int).Sub(two64, inv).Uint64()
}

type gen struct {
	modulus
	l       [4]uint64
	m0inv   uint64
	special bool // m0inv == 1 and m[0] == 2^64-1 (P-256 p)
	mod     Mem
	inv     Mem
}

// mul emits <prefix>MulAsm(z, x, y *[4]uint64): z = x·y·2^-256 mod m, for
// y < m and x < 2^256, with z < m. Word-by-word (CIOS) Montgomery
// multiplication; each of the four rounds adds x[i]·y and then q·m with two
// independent carry chains (ADCX on CF, ADOX on OF), and the result is reduced
// once with a subtraction and CMOV: no branch and no memory index depends on
// the values.
func (g *gen) mul() {
	m, l, m0inv, mod, inv, special := g.modulus, g.l, g.m0inv, g.mod, g.inv, g.special

	TEXT(m.prefix+"MulAsm", NOSPLIT, "func(z, x, y *[4]uint64)")
	Pragma("noescape")
	Doc(fmt.Sprintf("%sMulAsm sets z = x·y·2^-256 mod m for y < m, x < 2^256 (MULX/ADCX/ADOX; needs BMI2 and ADX).", m.prefix))
	xp, yp := reg.RSI, reg.RDI
	Load(Param("x"), xp)
	Load(Param("y"), yp)
	t := []reg.Register{reg.R8, reg.R9, reg.R10, reg.R11, reg.R12, reg.R13}
	lo, hi, zero := reg.RAX, reg.RBX, reg.RCX
	dx := reg.RDX
	for _, r := range t {
		XORQ(r, r)
	}
	XORQ(zero, zero)
	for i := range 4 {
		Commentf("round %d: t += x[%d]·y", i, i)
		MOVQ(Mem{Base: xp, Disp: 8 * i}, dx)
		XORQ(zero, zero) // clears CF and OF
		for j := range 4 {
			MULXQ(Mem{Base: yp, Disp: 8 * j}, lo, hi)
			ADCXQ(lo, t[j])
			ADOXQ(hi, t[j+1])
		}
		ADCXQ(zero, t[4])
		ADOXQ(zero, t[5])
		ADCXQ(zero, t[5])

		Comment("q = t0·(-m^-1) mod 2^64; t = (t + q·m) / 2^64")
		MOVQ(t[0], dx)
		if special {
			// t0 + q·(2^64-1) = q·2^64 exactly (q = t0): t0 becomes 0 and
			// q is carried into t1.
			XORQ(t[0], t[0]) // also clears CF and OF
			ADOXQ(dx, t[1])
		} else {
			if m0inv != 1 {
				IMULQ(inv, dx)
			}
			XORQ(zero, zero)
			MULXQ(mod.Offset(0), lo, hi)
			ADCXQ(lo, t[0]) // t0 becomes 0
			ADOXQ(hi, t[1])
		}
		for j := 1; j < 4; j++ {
			if l[j] == 0 {
				ADCXQ(zero, t[j])
				ADOXQ(zero, t[j+1])
				continue
			}
			MULXQ(mod.Offset(8*j), lo, hi)
			ADCXQ(lo, t[j])
			ADOXQ(hi, t[j+1])
		}
		ADCXQ(zero, t[4])
		ADOXQ(zero, t[5])
		ADCXQ(zero, t[5])
		// rotate: the zero word t0 becomes the new top word
		t = append(t[1:], t[0])
	}

	Comment("t < 2m: subtract m once, keep t if that borrowed (CMOV, no branch)")
	d := []reg.Register{reg.RSI, reg.RDI, lo, hi}
	for j := range 4 {
		MOVQ(t[j], d[j])
	}
	SUBQ(mod.Offset(0), d[0])
	SBBQ(mod.Offset(8), d[1])
	SBBQ(mod.Offset(16), d[2])
	SBBQ(mod.Offset(24), d[3])
	SBBQ(U32(0), t[4])
	for j := range 4 {
		CMOVQCC(d[j], t[j])
	}
	Load(Param("z"), dx)
	for j := range 4 {
		MOVQ(t[j], Mem{Base: dx, Disp: 8 * j})
	}
	RET()
}

// square emits <prefix>SquareAsm(z, x *[4]uint64): z = x·x·2^-256 mod m for
// x < m. The 512-bit square is computed with the six off-diagonal products
// once, doubled, plus the diagonal (10 MULX instead of 16); the low half is
// Montgomery-reduced in four rounds, the high half added, and the sum reduced
// once with SUB/SBB and CMOV. No branch or memory index depends on x.
func (g *gen) square() {
	TEXT(g.prefix+"SquareAsm", NOSPLIT, "func(z, x *[4]uint64)")
	Pragma("noescape")
	Doc(fmt.Sprintf("%sSquareAsm sets z = x·x·2^-256 mod m for x < m (MULX/ADCX/ADOX; needs BMI2 and ADX).", g.prefix))
	xp := reg.RSI
	Load(Param("x"), xp)
	t := []reg.Register{reg.R8, reg.R9, reg.R10, reg.R11, reg.R12, reg.R13, reg.R14, reg.RDI}
	lo, hi, zero, dx := reg.RAX, reg.RBX, reg.RCX, reg.RDX
	x := func(i int) Mem { return Mem{Base: xp, Disp: 8 * i} }

	Comment("off-diagonal products x[i]·x[j], i < j, into t1..t6")
	XORQ(zero, zero)
	MOVQ(x(0), dx)
	MULXQ(x(1), t[1], t[2])
	MULXQ(x(2), lo, t[3])
	ADCXQ(lo, t[2])
	MULXQ(x(3), lo, t[4])
	ADCXQ(lo, t[3])
	MOVQ(x(1), dx)
	MULXQ(x(3), lo, t[5])
	ADCXQ(lo, t[4])
	MOVQ(x(2), dx)
	MULXQ(x(3), lo, t[6])
	ADCXQ(lo, t[5])
	ADCXQ(zero, t[6])
	MOVQ(x(1), dx)
	MULXQ(x(2), lo, hi)
	ADDQ(lo, t[3])
	ADCQ(hi, t[4])
	ADCQ(U8(0), t[5])
	ADCQ(U8(0), t[6]) // the off-diagonal sum is below 2^448

	Comment("double (CF chain) and add the squares x[i]² (OF chain)")
	XORQ(t[7], t[7])
	MOVQ(x(0), dx)
	MULXQ(dx, t[0], lo)
	ADCXQ(t[1], t[1])
	ADOXQ(lo, t[1])
	for i := 1; i < 4; i++ {
		MOVQ(x(i), dx)
		MULXQ(dx, lo, hi)
		ADCXQ(t[2*i], t[2*i])
		ADOXQ(lo, t[2*i])
		ADCXQ(t[2*i+1], t[2*i+1])
		ADOXQ(hi, t[2*i+1])
	}

	Comment("Montgomery-reduce the low half t0..t3 in place: u = (t_low + Q·m) / 2^256 <= m")
	a := []reg.Register{t[0], t[1], t[2], t[3]}
	for range 4 {
		MOVQ(a[0], dx)
		if g.special {
			XORQ(a[0], a[0])
			ADOXQ(dx, a[1])
		} else {
			if g.m0inv != 1 {
				IMULQ(g.inv, dx)
			}
			XORQ(zero, zero)
			MULXQ(g.mod.Offset(0), lo, hi)
			ADCXQ(lo, a[0])
			ADOXQ(hi, a[1])
		}
		for j := 1; j < 4; j++ {
			next := a[(j+1)%4] // j == 3: the zero word a0 becomes the top
			if g.l[j] == 0 {
				ADCXQ(zero, a[j])
				ADOXQ(zero, next)
				continue
			}
			MULXQ(g.mod.Offset(8*j), lo, hi)
			ADCXQ(lo, a[j])
			ADOXQ(hi, next)
		}
		ADCXQ(zero, a[0]) // the value stays below 2^192 + m < 2^256
		a = append(a[1:], a[0])
	}

	Comment("s = u + t_high (< 2m), then subtract m once unless that borrows")
	c := reg.RSI
	XORQ(c, c)
	ADDQ(a[0], t[4])
	ADCQ(a[1], t[5])
	ADCQ(a[2], t[6])
	ADCQ(a[3], t[7])
	ADCQ(U8(0), c)
	for j := range 4 {
		MOVQ(t[4+j], a[j])
	}
	SUBQ(g.mod.Offset(0), a[0])
	SBBQ(g.mod.Offset(8), a[1])
	SBBQ(g.mod.Offset(16), a[2])
	SBBQ(g.mod.Offset(24), a[3])
	SBBQ(U8(0), c)
	for j := range 4 {
		CMOVQCC(a[j], t[4+j])
	}
	Load(Param("z"), dx)
	for j := range 4 {
		MOVQ(t[4+j], Mem{Base: dx, Disp: 8 * j})
	}
	RET()
}
