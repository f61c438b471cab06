// Command _asminv writes invert_amd64.s and invert_amd64_stubs.go for
// package field: the divstep batches of the constant-time inversion
// (divstepsBatchGo in ../invert.go), fully unrolled, with CMOV for every
// data-dependent choice. It lives in its own module so the main module does
// not depend on avo.
//
// Run it with `go generate` in internal/field (see invert.go there).
package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

func main() {
	ConstraintExpr("amd64,!purego")
	batch("invBatch60Asm", 60)
	batch("invBatch51Asm", 51)
	updateFG()
	updateDE(false)
	updateDE(true)
	Generate()
}

// batch writes a function running n (41..60) hddivsteps as groups of 20,
// 20 and n-40, exactly as divstepsBatchGo does, with the same result.
func batch(name string, n int) {
	TEXT(name, NOSPLIT, "func(zeta int64, f0, g0 uint64) (z, u, v, q, r, fw int64)")
	Doc(fmt.Sprintf("%s is divstepsBatchGo(zeta, f0, g0, %d): straight line, no data-dependent branch or index.", name, n))
	z := Load(Param("zeta"), GP64())
	f := Load(Param("f0"), GP64())
	g := Load(Param("g0"), GP64())

	// group 1; its matrix waits in the result slots
	z, u1, v1, q1, r1, _ := group(z, f, g, 20)
	f1 := lincomb(u1, f, v1, g)
	g1 := lincomb(q1, f, r1, g)
	SHRQ(U8(20), f1)
	SHRQ(U8(20), g1)
	MOVQ(u1, ret("u"))
	MOVQ(v1, ret("v"))
	MOVQ(q1, ret("q"))
	MOVQ(r1, ret("r"))

	// group 2, then M21 = M2·M1
	z, u2, v2, q2, r2, _ := group(z, f1, g1, 20)
	f2 := lincomb(u2, f1, v2, g1)
	g2 := lincomb(q2, f1, r2, g1)
	SHRQ(U8(20), f2)
	SHRQ(U8(20), g2)
	u21 := lincomb(u2, ret("u"), v2, ret("q"))
	v21 := lincomb(u2, ret("v"), v2, ret("r"))
	q21 := lincomb(q2, ret("u"), r2, ret("q"))
	r21 := lincomb(q2, ret("v"), r2, ret("r"))
	MOVQ(u21, ret("u"))
	MOVQ(v21, ret("v"))
	MOVQ(q21, ret("q"))
	MOVQ(r21, ret("r"))

	// group 3, then M = M3·M21 scaled by 2^(62-n)
	z, u3, v3, q3, r3, fw := group(z, f2, g2, n-40)
	MOVQ(z, ret("z"))
	MOVQ(fw, ret("fw"))
	sh := U8(62 - n)
	u := lincomb(u3, ret("u"), v3, ret("q"))
	v := lincomb(u3, ret("v"), v3, ret("r"))
	q := lincomb(q3, ret("u"), r3, ret("q"))
	r := lincomb(q3, ret("v"), r3, ret("r"))
	for _, x := range []reg.Register{u, v, q, r} {
		SHLQ(sh, x)
	}
	MOVQ(u, ret("u"))
	MOVQ(v, ret("v"))
	MOVQ(q, ret("q"))
	MOVQ(r, ret("r"))
	RET()
}

// ret is the memory slot of a result.
func ret(name string) Mem {
	b, err := Return(name).Resolve()
	if err != nil {
		panic(err)
	}
	return b.Addr
}

// lincomb returns a·b + c·d modulo 2^64; a and c are registers, b and d
// registers or memory.
func lincomb(a reg.Register, b Op, c reg.Register, d Op) reg.Register {
	t := GP64()
	MOVQ(b, t)
	IMULQ(a, t)
	s := GP64()
	MOVQ(d, s)
	IMULQ(c, s)
	ADDQ(s, t)
	return t
}

// group runs n <= 20 steps as divsteps20 does, on the packed words
// F = f0 + 2^(20+n), G = g0 + 2^(42+n) (f0, g0 the low 20 bits of f and g,
// signed), and returns ζ, the matrix and F.
//
// A step keeps NF = -F and X (what G gains if it is odd: -F if δ > 0, else
// F) and uses flags and CMOV only:
//
//	swap = g odd and δ > 0      (TEST G, ζ>>63)
//	F, NF = G, -G               if swap
//	ζ = ^ζ if swap              (then ζ-1 below: -ζ-2 or ζ-1, that is 2-δ or 2+δ)
//	G = (G + X if g odd, else G) >> 1
//	X = NF if ζ-1 < 0, else F   (for the next step; CMPQ ζ, $1)
//	ζ = ζ-1
//
// (one CMOV and one ALU operation fewer per step than selecting between
// -ζ-2 and ζ-1; CMOV throughput bounds these steps on Zen 3.)
func group(z, f, g reg.Register, n int) (zo, u, v, q, r, fw reg.Register) {
	var F, G, k, NF, X reg.Register = GP64(), GP64(), GP64(), GP64(), GP64()
	MOVQ(f, F)
	SHLQ(U8(44), F)
	SARQ(U8(44), F)
	MOVQ(U64(uint64(1)<<(20+n)), k)
	ADDQ(k, F)
	MOVQ(g, G)
	SHLQ(U8(44), G)
	SARQ(U8(44), G)
	MOVQ(U64(uint64(1)<<(42+n)), k)
	ADDQ(k, G)
	MOVQ(F, NF)
	NEGQ(NF)
	MOVQ(F, X)
	TESTQ(z, z)
	CMOVQMI(NF, X)
	for range n {
		zs, pm, ng, t := GP64(), GP64(), GP64(), GP64()
		MOVQ(z, zs)
		NOTQ(zs) // -ζ-1
		MOVQ(z, pm)
		SHRQ(U8(63), pm) // 1 if δ > 0
		MOVQ(G, ng)
		NEGQ(ng)
		LEAQ(Mem{Base: G, Index: X, Scale: 1}, t)
		TESTQ(pm, G) // swap?
		CMOVQNE(G, F)
		CMOVQNE(ng, NF)
		CMOVQNE(zs, z)   // ζ+1 for the new ζ: -ζ-1 or ζ
		TESTQ(U32(1), G) // g odd?
		CMOVQNE(t, G)
		SARQ(U8(1), G)
		X = GP64()
		MOVQ(F, X)
		CMPQ(z, U8(1)) // new ζ < 0
		CMOVQLT(NF, X)
		LEAQ(Mem{Base: z, Disp: -1}, z)
	}
	u, v, q, r = GP64(), GP64(), GP64(), GP64()
	LEAQ(Mem{Base: F, Disp: 1 << 19}, u)
	SHLQ(U8(22), u)
	SARQ(U8(42), u)
	MOVQ(U64(1<<19+1<<41), k)
	LEAQ(Mem{Base: F, Index: k, Scale: 1}, v)
	SARQ(U8(42), v)
	LEAQ(Mem{Base: G, Disp: 1 << 19}, q)
	SHLQ(U8(22), q)
	SARQ(U8(42), q)
	LEAQ(Mem{Base: G, Index: k, Scale: 1}, r)
	SARQ(U8(42), r)
	return z, u, v, q, r, F
}
