// Command _asm writes mul_amd64.s and mul_amd64_stubs.go for package field:
// Montgomery multiplication and squaring for the four moduli with
// MULX/ADCX/ADOX (BMI2 and ADX), and the Jacobian point formulas of P-256 and
// brainpoolP256r1 as single functions with those operations inline
// (fusedFormula). It lives in its own module so the main module does not
// depend on avo.
//
// Run it with `go generate` in internal/field (see doc.go there).
package main

import (
	"fmt"
	"math/big"

	. "github.com/mmcloughlin/avo/build"
	"github.com/mmcloughlin/avo/ir"
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

// scanOne is the 64-bit integer 1, the step of the window scan's index.
var scanOne Mem

func main() {
	ConstraintExpr("amd64,!purego")
	scanOne = GLOBL("windowScanOneAsm", RODATA|NOPTR)
	DATA(0, U64(1))
	for _, m := range moduli {
		g := &gen{modulus: m}
		g.l, g.m0inv = limbs(m)
		g.special = g.m0inv == 1 && g.l[0] == ^uint64(0)
		if m.prefix == "p256Element" || m.prefix == "bp256Element" {
			g.one = GLOBL(m.prefix+"OneAsm", RODATA|NOPTR) // 2^256 mod m: 1 in Montgomery form
			for i, w := range montOne(m) {
				DATA(8*i, U64(w))
			}
		}
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
		if g.special {
			g.fusedFormula("JacDoubleAsm", "(x3 : y3 : z3) = 2·(x1 : y1 : z1) in Jacobian coordinates for a = -3 (dbl-2001-b scaled by 1/2)",
				[]string{"x1", "y1", "z1"}, p256DoubleSteps)
			g.fusedDoubleN()
			g.fusedFormula("JacAddMixedAsm", "(x3 : y3 : z3) = (x1 : y1 : z1) + (x2, y2) in Jacobian coordinates (madd-2007-bl)",
				[]string{"x1", "y1", "z1", "x2", "y2"}, p256MaddSteps)
			g.fusedMaddSelect()
			g.fusedWindow()
		}
		if m.prefix == "bp256Element" {
			g.fusedFormula("JacAddMixedAsm", "(x3 : y3 : z3) = (x1 : y1 : z1) + (x2, y2) in Jacobian coordinates (madd-2007-bl)",
				[]string{"x1", "y1", "z1", "x2", "y2"}, p256MaddSteps)
			g.fusedMaddSelect()
			g.fusedWindow()
			g.fusedFormula("JacDoubleAMinus3Asm", "(x3 : y3 : z3) = 2·(x1 : y1 : z1) in Jacobian coordinates for a = -3 (dbl-2001-b scaled by 1/2)",
				[]string{"x1", "y1", "z1"}, p256DoubleSteps)
			g.fusedDoubleN()
		}
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
	// reduceStore keeps the partly reduced low half in four words, which
	// needs m < 2^256 - 2^192 (true for all four moduli).
	limit := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), new(big.Int).Lsh(big.NewInt(1), 192))
	if v.Cmp(limit) >= 0 || v.Bit(0) == 0 {
		panic("modulus must be odd and below 2^256 - 2^192")
	}
	two64 := new(big.Int).Lsh(big.NewInt(1), 64)
	inv := new(big.Int).ModInverse(new(big.Int).SetUint64(l[0]), two64)
	return l, new(big.Int).Sub(two64, inv).Uint64()
}

// montOne returns 2^256 mod m as little-endian words.
func montOne(m modulus) (l [4]uint64) {
	v, _ := new(big.Int).SetString(m.hex, 16)
	t := new(big.Int).Mod(new(big.Int).Lsh(big.NewInt(1), 256), v)
	mask := new(big.Int).SetUint64(^uint64(0))
	for i := range l {
		l[i] = new(big.Int).And(t, mask).Uint64()
		t.Rsh(t, 64)
	}
	return l
}

type gen struct {
	modulus
	l       [4]uint64
	m0inv   uint64
	special bool // m0inv == 1 and m[0] == 2^64-1 (P-256 p)
	mod     Mem
	inv     Mem
	one     Mem // 2^256 mod m (the Montgomery form of 1), element moduli only
}

// mul emits <prefix>Mul(z, x, y *[4]uint64): z = x·y·2^-256 mod m. It
// needs x·y < m·2^256 (one factor below m, the other below 2^256) and returns
// z < m. The 512-bit product is computed row by row, each row with two
// independent carry chains (ADCX on CF, ADOX on OF); reduceStore finishes.
// No branch or memory index depends on the values.
func (g *gen) mul() {
	TEXT(g.prefix+"Mul", NOSPLIT, "func(z, x, y *[4]uint64)")
	Pragma("noescape")
	Doc(fmt.Sprintf("%sMul sets z = x·y·2^-256 mod m for x·y < m·2^256 (MULX/ADCX/ADOX,", g.prefix),
		fmt.Sprintf("or %sMulGo when useAsm is false).", g.prefix))
	fallback(g.prefix + "MulGo")
	g.loadShift()
	xp, yp := reg.RSI, reg.RCX
	Load(Param("x"), xp)
	Load(Param("y"), yp)
	g.reduceStore(g.mulT(Mem{Base: xp}, Mem{Base: yp}))
	RET()
}

// square emits <prefix>Square(z, x *[4]uint64): z = x·x·2^-256 mod m for
// x < m. The 512-bit square is computed with the six off-diagonal products
// once, doubled, plus the diagonal (10 MULX instead of 16); the low half is
// Montgomery-reduced in four rounds, the high half added, and the sum reduced
// once with SUB/SBB and CMOV. No branch or memory index depends on x.
func (g *gen) square() {
	TEXT(g.prefix+"Square", NOSPLIT, "func(z, x *[4]uint64)")
	Pragma("noescape")
	Doc(fmt.Sprintf("%sSquare sets z = x·x·2^-256 mod m for x < m (MULX/ADCX/ADOX,", g.prefix),
		fmt.Sprintf("or %sSquareGo when useAsm is false).", g.prefix))
	fallback(g.prefix + "SquareGo")
	g.loadShift()
	xp := reg.RSI
	Load(Param("x"), xp)
	g.reduceStore(g.sqrT(Mem{Base: xp}))
	RET()
}

// fallback emits the run-time dispatch: without BMI2 and ADX (useAsm false,
// decided once at start-up) jump to the Go kernel with the same arguments.
func fallback(goFunc string) {
	CMPB(NewDataAddr(Symbol{Name: "·useAsm"}, 0), U8(0))
	JNE(LabelRef("asm"))
	// A tail jump to another function: avo's JMP wants a local label, so the
	// instruction is built by hand (terminal, not a local branch).
	Instruction(&ir.Instruction{
		Opcode:     "JMP",
		Operands:   []Op{NewDataAddr(Symbol{Name: "·" + goFunc}, 0)},
		IsTerminal: true,
	})
	Label("asm")
}

// reduceWindow Montgomery-reduces the low half t[0..3] of a 512-bit value in
// place: four rounds, each adding m·p (m = the lowest word of the window) and
// dropping that word, so that the four returned registers hold
// u = (t_low + Q·m) / 2^256 <= m (no carry leaves the window: after round r the
// value is below 2^(192-64r) + m < 2^256). It uses AX, BX, CX and DX.
//
// For P-256 p (-p^-1 = 1 mod 2^64) a round needs no multiplication: with
// m = t0, t0 + m·(2^64-1) + m·(2^32-1)·2^64 = m·2^96, and m·p[3] =
// m·(2^64 - 2^32 + 1) = (m·2^64 + m) - m·2^32, so the round adds A = m<<32,
// B = m>>32 at words 1, 2 and (m - A, m - B - borrow) at words 3, 4, with shifts
// and one carry chain (nine instructions with SHLX/SHRX; from one round's m to the next
// the chain is a shift and an addition). The other moduli use MULX with
// ADCX/ADOX.
func (g *gen) reduceWindow(t []reg.Register) []reg.Register {
	lo, hi, zero, dx := reg.RAX, reg.RBX, reg.RCX, reg.RDX
	a := []reg.Register{t[0], t[1], t[2], t[3]}
	if g.special {
		A, B, L := reg.RAX, reg.RBX, reg.RCX
		for range 4 {
			SHLXQ(shift, a[0], A)
			SHRXQ(shift, a[0], B)
			MOVQ(a[0], L)
			SUBQ(A, L)
			SBBQ(B, a[0]) // m·p[3] = (a0 : L), a0 is the new top word
			ADDQ(A, a[1])
			ADCQ(B, a[2])
			ADCQ(L, a[3])
			ADCQ(U8(0), a[0])
			a = append(a[1:], a[0])
		}
		return a
	}
	XORQ(zero, zero)
	for range 4 {
		MOVQ(a[0], dx)
		if g.m0inv != 1 {
			IMULQ(g.inv, dx)
		}
		XORQ(zero, zero)
		MULXQ(g.mod.Offset(0), lo, hi)
		ADCXQ(lo, a[0])
		ADOXQ(hi, a[1])
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
	return a
}

// shift holds the count 32 for the P-256 rounds' SHLX/SHRX (set by
// loadShift): the three-operand shifts save the two register copies per
// round that the two-operand ones need, about 2% of a doubling on Zen 3
// (measured by alternating both versions in one process; move elimination
// does not make the copies free there).
var shift = reg.R15

// loadShift sets shift at the start of a P-256 function (no-op otherwise).
func (g *gen) loadShift() {
	if g.special {
		MOVQ(U32(32), shift)
	}
}

// reduceStore finishes a multiplication or squaring whose 512-bit result is in
// t (little-endian words): reduceR (Montgomery reduction of the low half, the
// high half added, m subtracted once unless that borrows) and the store to z.
// It uses AX, BX, CX, DX and SI.
func (g *gen) reduceStore(t []reg.Register) {
	g.reduceR(t)
	Load(Param("z"), reg.RDX)
	for j, r := range resultRegs {
		MOVQ(r, Mem{Base: reg.RDX, Disp: 8 * j})
	}
}

// The Jacobian formulas (p256ElementJac*Asm, bp256ElementJac*Asm) run on
// fusedStep lists: a multiplication or squaring leaves its fully reduced
// result in registers (R12, R13, R14, DI) and a short list of
// post-operations ((3/2)·s, add or subtract a stored value) is
// applied there before the one store, which saves the store, reload and
// separate call of up to three additions per product.

// A post-operation applied to a result held in registers.
type post struct{ op, arg string } // op: "thalf", "add", "sub", "subw"

// A fused step: dst = op(a, b) then the posts, where op is "mul", "sqr" or
// "ld" (load a, then the posts: a plain addition or subtraction), or "mulw"
// or "sqrw": the 512-bit product stored unreduced in the slots dst and
// dst.hi, for a later step's subw post (no posts of its own). Both formulas
// name their one wide value "wide", so that JacWindowAsm, which runs both
// on one frame, gives them the same 64 bytes (its frame must stay within
// a reasonable size).
type fusedStep struct {
	dst, op, a, b string
	posts         []post
}

func thalf() post        { return post{"thalf", ""} } // (3/2)·s
func addp(v string) post { return post{"add", v} }
func subp(v string) post { return post{"sub", v} }

// subw subtracts the wide (unreduced, mulw or sqrw) value v from a product
// before its reduction (subWideR); it must come before the other posts.
func subw(v string) post { return post{"subw", v} }

// p256DoubleSteps is dbl-2001-b for a = -3 (4M + 4S) with δ = Z², γ = Y²,
// β = Xγ, scaled by λ = 1/2 ((X : Y : Z) ~ (λ²X : λ³Y : λZ)) so that the small
// multiples drop out: with α = (3/2)(X-δ)(X+δ), X3 = α² - 2β,
// Y3 = α(β - X3) - γ², Z3 = YZ (eight additions and one halving instead of the
// twelve additions of the unscaled 3(X-δ)(X+δ), 8β, 2YZ, 8γ²), as in
// jacobian_p256.go (the same values). The order puts an independent product
// between each product and the next one that needs it (Z3 = YZ waits until
// after α², Z3 of the mixed addition until after V), so that the
// out-of-order core has work while a result is pending: 2-3% per doubling
// and up to 5% per window, measured by alternating both orders in one
// process.
var p256DoubleSteps = []fusedStep{
	{"delta", "sqr", "z1", "", nil},
	{"g", "sqr", "y1", "", nil},                               // γ
	{"t", "ld", "x1", "", []post{subp("delta")}},              // X - δ
	{"alpha", "ld", "x1", "", []post{addp("delta"), thalf()}}, // (3/2)(X + δ)
	{"b", "mul", "x1", "g", nil},                              // β
	{"alpha", "mul", "alpha", "t", nil},                       // α
	{"wide", "sqrw", "g", "", nil},                            // γ², unreduced
	{"x3", "sqr", "alpha", "", []post{subp("b"), subp("b")}},  // α² - 2β
	{"z3", "mul", "y1", "z1", nil},                            // YZ
	{"y3", "ld", "b", "", []post{subp("x3")}},                 // β - X3
	{"y3", "mul", "alpha", "y3", []post{subw("wide")}},        // reduced once with γ²
}

// p256MaddSteps is madd-2007-bl (8M + 3S: Z3 = Z1·H is a product instead of
// (Z1+H)² - Z1Z1 - HH) scaled by λ = 1/2 like the doubling, which removes its
// small multiples: H = X2·Z1² - X1,
// r = Y2·Z1³ - Y1, X3 = r² - J - 2V, Y3 = r(V - X3) - Y1·J with HH = H²,
// J = H·HH, V = X1·HH, as in jacobian_p256.go (the same values).
var p256MaddSteps = []fusedStep{
	{"z1z1", "sqr", "z1", "", nil},
	{"s2", "mul", "y2", "z1", nil},
	{"h", "mul", "x2", "z1z1", []post{subp("x1")}}, // H
	{"r", "mul", "s2", "z1z1", []post{subp("y1")}}, // r
	{"hh", "sqr", "h", "", nil},
	{"rr", "sqr", "r", "", nil},
	{"j", "mul", "h", "hh", nil},
	{"v", "mul", "x1", "hh", nil},
	{"z3", "mul", "z1", "h", nil},
	{"x3", "ld", "rr", "", []post{subp("j"), subp("v"), subp("v")}},
	{"wide", "mulw", "y1", "j", nil}, // Y1·J, unreduced
	{"y3", "ld", "v", "", []post{subp("x3")}},
	{"y3", "mul", "r", "y3", []post{subw("wide")}}, // reduced once with Y1·J
}

// resultRegs hold a value between the steps of a fused formula.
var resultRegs = []reg.Register{reg.R12, reg.R13, reg.R14, reg.RDI}

// fusedFormula emits <prefix><name>(x3, y3, z3, inputs... *[4]uint64): the steps with every field operation inline on stack temporaries
// (inputs copied in first, x3, y3, z3 stored last, so outputs may alias
// inputs). Straight line: no branch or memory index depends on the values.
func (g *gen) fusedFormula(name, what string, inputs []string, steps []fusedStep) {
	g.fused(name, what, inputs, steps, false)
}

// stackSlots allocates a 32-byte stack slot for every distinct name of the
// lists (in order of first appearance) and extra bytes after them. It returns
// the slot of a name (panicking on an unknown one, naming fn) and the extra
// bytes.
func stackSlots(fn string, extra int, lists ...[]string) (func(string) Mem, Mem) {
	slots := map[string]int{}
	for _, l := range lists {
		for _, n := range l {
			if _, ok := slots[n]; !ok {
				slots[n] = len(slots)
			}
		}
	}
	loc := AllocLocal(32*len(slots) + extra)
	v := func(n string) Mem {
		i, ok := slots[n]
		if !ok {
			panic(fn + ": unknown value " + n)
		}
		return loc.Offset(32 * i)
	}
	return v, loc.Offset(32 * len(slots))
}

// dsts lists the destinations of steps.
func dsts(steps []fusedStep) []string {
	var d []string
	for _, st := range steps {
		d = append(d, st.dst)
		if st.op == "mulw" || st.op == "sqrw" {
			d = append(d, st.dst+".hi")
		}
	}
	return d
}

// fusedMaddSelect emits <prefix>JacAddMixedSelectAsm(x3, y3, z3, x1, y1, z1,
// x2, y2 *[4]uint64, neg, keep uint64): the mixed addition of (x1 : y1 : z1)
// and (x2, ±y2) (y2 negated when neg = 1) with the two selections the
// constant-time multiplications make after each addition folded in: the
// result is (x2, ±y2, 1) when z1 = 0 and (x1 : y1 : z1) when keep = 1. The
// negation is m - y2 taken with CMOV, the selections are CMOV on flags from
// z1's limbs and keep: no branch or memory index depends on the values.
func (g *gen) fusedMaddSelect() {
	g.fused("JacAddMixedSelectAsm", "(x3 : y3 : z3) = (x1 : y1 : z1) + (x2, ±y2), or (x2, ±y2, 1) when z1 = 0, or (x1 : y1 : z1) when keep = 1",
		[]string{"x1", "y1", "z1", "x2", "y2"}, p256MaddSteps, true)
}

// fused emits the function of fusedFormula; with sel it takes neg and keep
// and does what fusedMaddSelect describes.
func (g *gen) fused(name, what string, inputs []string, steps []fusedStep, sel bool) {
	params := "x3, y3, z3"
	for _, in := range inputs {
		params += ", " + in
	}
	params += " *[4]uint64"
	if sel {
		params += ", neg, keep uint64"
	}
	TEXT(g.prefix+name, NOSPLIT, "func("+params+")")
	Pragma("noescape")
	Doc(fmt.Sprintf("%s%s sets %s", g.prefix, name, what),
		"(MULX/ADCX/ADOX; requires BMI2 and ADX). Straight line, constant time.")
	g.loadShift()
	v, _ := stackSlots(name, 0, inputs, dsts(steps))
	for _, in := range inputs {
		Load(Param(in), reg.RSI)
		if sel && in == "y2" {
			g.negSelect(Mem{Base: reg.RSI}, v(in))
			continue
		}
		for j := range 4 {
			MOVQ(Mem{Base: reg.RSI, Disp: 8 * j}, reg.RAX)
			MOVQ(reg.RAX, v(in).Offset(8*j))
		}
	}
	g.emitSteps(steps, v)
	if sel {
		g.selectOut(v, [3]string{"x3", "y3", "z3"})
		RET()
		return
	}
	for _, out := range []string{"x3", "y3", "z3"} {
		Load(Param(out), reg.RSI)
		for j := range 4 {
			MOVQ(v(out).Offset(8*j), reg.RAX)
			MOVQ(reg.RAX, Mem{Base: reg.RSI, Disp: 8 * j})
		}
	}
	RET()
}

// fusedWindow emits <prefix>JacWindowAsm, func(x, y, z *[4]uint64, tab *[64]uint64, abs, neg, keep uint64): one
// window of the constant-time fixed-window multiplication, on the stack from
// start to end. (x : y : z) is doubled four times (the in-place doubling of
// fusedDoubleN), the entry tab[8·(abs-1) : 8·abs] (affine x, y; the zero
// entry for abs = 0) is read by scanning all eight under masks for abs == j
// (AVX2, or CMOV without it),
// y is negated when neg = 1, and the result is the mixed addition or, as in
// fusedMaddSelect, (x2, ±y2, 1) when z = 0 and the doubled point when
// keep = 1. Straight line apart from the public four-step loop; no branch or
// memory index depends on abs, neg or keep.
func (g *gen) fusedWindow() {
	// Not NOSPLIT: the frame is close to the NOSPLIT limit (792 bytes with
	// the callers' share), which an ABI wrapper alone would exceed; the stack
	// check costs a few instructions of a window's thousands.
	TEXT(g.prefix+"JacWindowAsm", 0, "func(x, y, z *[4]uint64, tab *[64]uint64, abs, neg, keep uint64)")
	Pragma("noescape")
	Doc(fmt.Sprintf("%sJacWindowAsm sets (x : y : z) = 16·(x : y : z) + (-1)^neg·tab[abs-1] (see fusedWindow in", g.prefix),
		"internal/field/_asm; MULX/ADCX/ADOX, requires BMI2 and ADX). Constant time.")
	g.loadShift()
	dsteps := inPlace(p256DoubleSteps)
	v, cnt := stackSlots("JacWindowAsm", 8, []string{"x1", "y1", "z1", "x2", "y2", "e"}, dsts(dsteps), dsts(p256MaddSteps))
	copyPoint(v, true)
	Comment("the entry for abs: all eight read, kept with masks (zero for abs = 0)")
	Load(Param("tab"), reg.RSI)
	CMPB(NewDataAddr(Symbol{Name: "·useAVX2"}, 0), U8(0))
	JE(LabelRef("scancmov"))
	// AVX2: compare a broadcast abs with 1..8 lane by lane, AND each entry's
	// two 32-byte halves with the mask, OR them together (the vector unit is
	// otherwise idle here).
	abs, idx, one, mask, t := reg.Y8, reg.Y9, reg.Y10, reg.Y11, reg.Y12
	absParam, err := Param("abs").Resolve()
	if err != nil {
		panic(err)
	}
	VPBROADCASTQ(absParam.Addr, abs)
	VPBROADCASTQ(scanOne, one)
	VMOVDQA(one, idx)
	VPXOR(reg.Y0, reg.Y0, reg.Y0)
	VPXOR(reg.Y1, reg.Y1, reg.Y1)
	for e := range 8 {
		VPCMPEQQ(abs, idx, mask)
		VPAND(Mem{Base: reg.RSI, Disp: 64 * e}, mask, t)
		VPOR(t, reg.Y0, reg.Y0)
		VPAND(Mem{Base: reg.RSI, Disp: 64*e + 32}, mask, t)
		VPOR(t, reg.Y1, reg.Y1)
		if e < 7 {
			VPADDQ(one, idx, idx)
		}
	}
	VMOVDQU(reg.Y0, v("x2"))
	VMOVDQU(reg.Y1, v("e"))
	VZEROUPPER()
	JMP(LabelRef("scanned"))
	Label("scancmov")
	w := []reg.Register{reg.R8, reg.R9, reg.R10, reg.R11, reg.R12, reg.R13, reg.R14, reg.RDI}
	Load(Param("abs"), reg.RAX)
	for _, r := range w {
		XORQ(r, r)
	}
	for e := range 8 {
		CMPQ(reg.RAX, U8(e+1))
		for k, r := range w {
			CMOVQEQ(Mem{Base: reg.RSI, Disp: 64*e + 8*k}, r)
		}
	}
	for k, r := range w[:4] {
		MOVQ(r, v("x2").Offset(8*k))
		MOVQ(w[4+k], v("e").Offset(8*k))
	}
	Label("scanned")
	g.negSelect(v("e"), v("y2"))
	MOVQ(U32(4), cnt)
	Label("dbl")
	g.emitSteps(dsteps, v)
	DECQ(cnt)
	JNZ(LabelRef("dbl"))
	g.emitSteps(p256MaddSteps, v)
	g.selectOut(v, [3]string{"x", "y", "z"})
	RET()
}

// negSelect stores to dst the value at src or, when the parameter neg is 1,
// m minus it (0 for 0), chosen with CMOV.
func (g *gen) negSelect(src, dst Mem) {
	w := []reg.Register{reg.R8, reg.R9, reg.R10, reg.R11}
	n := []reg.Register{reg.R12, reg.R13, reg.R14, reg.RDI}
	for j := range 4 {
		MOVQ(src.Offset(8*j), w[j])
		MOVQ(g.mod.Offset(8*j), n[j])
	}
	SUBQ(w[0], n[0])
	SBBQ(w[1], n[1])
	SBBQ(w[2], n[2])
	SBBQ(w[3], n[3])
	Load(Param("neg"), reg.RAX)
	MOVQ(w[0], reg.RBX)
	ORQ(w[1], reg.RBX)
	ORQ(w[2], reg.RBX)
	ORQ(w[3], reg.RBX)
	TESTQ(reg.RBX, reg.RBX)
	CMOVQEQ(reg.RBX, reg.RAX) // -0 is 0, not m
	TESTQ(reg.RAX, reg.RAX)
	for j := range 4 {
		CMOVQNE(n[j], w[j])
		MOVQ(w[j], dst.Offset(8*j))
	}
}

// selectOut stores to the pointer parameters outs the result (x3 : y3 : z3)
// of the mixed addition, or (x2, y2, 1) when z1 = 0, or (x1 : y1 : z1) when
// the parameter keep is 1, chosen with AVX2 blends under masks (useAVX2) or
// with CMOV.
func (g *gen) selectOut(v func(string) Mem, outs [3]string) {
	Comment("z1 = 0: (x2, ±y2, 1); keep = 1: (x1, y1, z1)")
	zor, keep := reg.RCX, reg.RBX
	MOVQ(v("z1"), zor)
	for j := 1; j < 4; j++ {
		ORQ(v("z1").Offset(8*j), zor)
	}
	Load(Param("keep"), keep)
	alt := func(c int) Mem { // the result when z1 = 0
		switch c {
		case 0:
			return v("x2")
		case 1:
			return v("y2")
		}
		return g.one
	}
	in := []string{"x1", "y1", "z1"}
	CMPB(NewDataAddr(Symbol{Name: "·useAVX2"}, 0), U8(0))
	JE(LabelRef("selcmov"))
	// AVX2: both choices as byte blends under broadcast masks, one 32-byte
	// coordinate at a time.
	NEGQ(zor)
	SBBQ(zor, zor)
	NOTQ(zor)  // all ones when z1 = 0
	NEGQ(keep) // all ones when keep = 1
	mz, mk, r := reg.Y13, reg.Y14, reg.Y0
	VMOVQ(zor, mz.AsX())
	VPBROADCASTQ(mz.AsX(), mz)
	VMOVQ(keep, mk.AsX())
	VPBROADCASTQ(mk.AsX(), mk)
	for c, out := range []string{"x3", "y3", "z3"} {
		VMOVDQU(v(out), r)
		VPBLENDVB(mz, alt(c), r, r)
		VPBLENDVB(mk, v(in[c]), r, r)
		Load(Param(outs[c]), reg.RSI)
		VMOVDQU(r, Mem{Base: reg.RSI})
	}
	VZEROUPPER()
	JMP(LabelRef("seldone"))
	Label("selcmov")
	w := []reg.Register{reg.R8, reg.R9, reg.R10, reg.R11}
	for c, out := range []string{"x3", "y3", "z3"} {
		for j := range 4 {
			MOVQ(v(out).Offset(8*j), w[j])
		}
		TESTQ(zor, zor)
		for j := range 4 {
			CMOVQEQ(alt(c).Offset(8*j), w[j])
		}
		TESTQ(keep, keep)
		for j := range 4 {
			CMOVQNE(v(in[c]).Offset(8*j), w[j])
		}
		Load(Param(outs[c]), reg.RSI)
		for j := range 4 {
			MOVQ(w[j], Mem{Base: reg.RSI, Disp: 8 * j})
		}
	}
	Label("seldone")
}

// emitSteps emits the fused steps on the stack slots that v names: each
// product or load, its post-operations in resultRegs, and the one store.
func (g *gen) emitSteps(steps []fusedStep, v func(string) Mem) {
	s := resultRegs
	for _, st := range steps {
		posts := st.posts
		switch st.op {
		case "mul", "sqr", "mulw", "sqrw":
			var t []reg.Register
			if st.op[0] == 'm' {
				t = g.mulT(v(st.a), v(st.b))
			} else {
				t = g.sqrT(v(st.a))
			}
			if len(st.op) == 4 { // wide: stored unreduced, no posts
				if len(posts) != 0 {
					panic("fusedFormula: posts on the wide step " + st.dst)
				}
				for j := range 4 {
					MOVQ(t[j], v(st.dst).Offset(8*j))
					MOVQ(t[4+j], v(st.dst+".hi").Offset(8*j))
				}
				continue
			}
			for len(posts) > 0 && posts[0].op == "subw" {
				g.subWideR(t, v(posts[0].arg), v(posts[0].arg+".hi"))
				posts = posts[1:]
			}
			g.reduceR(t)
		case "ld":
			Commentf("load %s", st.a)
			for j := range 4 {
				MOVQ(v(st.a).Offset(8*j), s[j])
			}
		default:
			panic("fusedFormula: bad op " + st.op)
		}
		for _, p := range posts {
			switch p.op {
			case "thalf":
				u := []reg.Register{reg.RAX, reg.RBX, reg.RCX, reg.RDX}
				for j := range 4 {
					MOVQ(s[j], u[j])
				}
				g.halfR(u)
				g.addR(s, func(j int) Op { return u[j] })
			case "add":
				m := v(p.arg)
				g.addR(s, func(j int) Op { return m.Offset(8 * j) })
			case "sub":
				g.subR(s, v(p.arg))
			default:
				panic("fusedFormula: bad post " + p.op)
			}
		}
		for j := range 4 {
			MOVQ(s[j], v(st.dst).Offset(8*j))
		}
	}
}

// inPlace renames the outputs x3, y3, z3 of a step list to its inputs x1,
// y1, z1. It is valid for p256DoubleSteps, where every read of an input
// comes before the step that writes the output of the same name.
func inPlace(steps []fusedStep) []fusedStep {
	ren := map[string]string{"x3": "x1", "y3": "y1", "z3": "z1"}
	for o, in := range ren {
		firstWrite := len(steps)
		for i, st := range steps {
			if st.dst == o {
				firstWrite = i
				break
			}
		}
		for i, st := range steps {
			reads := st.a == in || st.b == in
			for _, p := range st.posts {
				reads = reads || p.arg == in
			}
			if reads && i > firstWrite { // a step reads its operands before its store
				panic("inPlace: " + in + " is read after " + o + " is written")
			}
		}
	}
	r := func(n string) string {
		if m, ok := ren[n]; ok {
			return m
		}
		return n
	}
	out := make([]fusedStep, len(steps))
	for i, st := range steps {
		out[i] = fusedStep{dst: r(st.dst), op: st.op, a: r(st.a), b: r(st.b)}
		for _, p := range st.posts {
			out[i].posts = append(out[i].posts, post{p.op, r(p.arg)})
		}
	}
	return out
}

// fusedDoubleN emits <prefix>JacDoubleNAsm(x, y, z *[4]uint64, n uint64):
// (x : y : z) doubled n times in place with p256DoubleSteps, the point kept
// in stack slots between the doublings (one copy in and one out instead of
// a call and two copies per doubling). The loop count is public; the body
// is straight line.
func (g *gen) fusedDoubleN() {
	TEXT(g.prefix+"JacDoubleNAsm", NOSPLIT, "func(x, y, z *[4]uint64, n uint64)")
	Pragma("noescape")
	Doc(fmt.Sprintf("%sJacDoubleNAsm sets (x : y : z) = 2^n·(x : y : z) in Jacobian coordinates for a = -3", g.prefix),
		"(n times the doubling of JacDoubleAsm; MULX/ADCX/ADOX, requires BMI2 and ADX). Constant time for a given n.")
	g.loadShift()
	steps := inPlace(p256DoubleSteps)
	v, cnt := stackSlots("JacDoubleNAsm", 8, []string{"x1", "y1", "z1"}, dsts(steps))
	copyPoint(v, true)
	Load(Param("n"), reg.RAX)
	MOVQ(reg.RAX, cnt)
	TESTQ(reg.RAX, reg.RAX)
	JZ(LabelRef("done"))
	Label("loop")
	g.emitSteps(steps, v)
	DECQ(cnt)
	JNZ(LabelRef("loop"))
	Label("done")
	copyPoint(v, false)
	RET()
}

// copyPoint copies the point parameters x, y, z into the stack slots x1,
// y1, z1 (in) or back (out), through AX.
func copyPoint(v func(string) Mem, in bool) {
	for c, p := range []string{"x", "y", "z"} {
		slot := v([]string{"x1", "y1", "z1"}[c])
		Load(Param(p), reg.RSI)
		for j := range 4 {
			if in {
				MOVQ(Mem{Base: reg.RSI, Disp: 8 * j}, reg.RAX)
				MOVQ(reg.RAX, slot.Offset(8*j))
			} else {
				MOVQ(slot.Offset(8*j), reg.RAX)
				MOVQ(reg.RAX, Mem{Base: reg.RSI, Disp: 8 * j})
			}
		}
	}
}

// mulT multiplies the memory operands x and y like mul and leaves the
// 512-bit product in the returned registers (R8-R14, DI, little-endian). Row
// 0 is t0..t4 = x[0]·y; row i adds x[i]·y into t_i..t_i+4.
func (g *gen) mulT(x, y Mem) []reg.Register {
	Commentf("mul")
	t := []reg.Register{reg.R8, reg.R9, reg.R10, reg.R11, reg.R12, reg.R13, reg.R14, reg.RDI}
	lo, hi, dx := reg.RAX, reg.RBX, reg.RDX
	MOVQ(x, dx)
	MULXQ(y, t[0], t[1])
	MULXQ(y.Offset(8), lo, t[2])
	ADDQ(lo, t[1])
	MULXQ(y.Offset(16), lo, t[3])
	ADCQ(lo, t[2])
	MULXQ(y.Offset(24), lo, t[4])
	ADCQ(lo, t[3])
	ADCQ(U8(0), t[4])
	for i := 1; i < 4; i++ {
		MOVQ(x.Offset(8*i), dx)
		XORQ(t[i+4], t[i+4]) // also clears CF and OF
		for j := range 4 {
			MULXQ(y.Offset(8*j), lo, hi)
			ADCXQ(lo, t[i+j])
			ADOXQ(hi, t[i+j+1])
		}
		ADCQ(U8(0), t[i+4]) // the OF chain is done; this takes the last CF
	}
	return t
}

// sqrT squares the memory operand x (x < m) like square and leaves the
// 512-bit square in the returned registers (R8-R14, DI).
func (g *gen) sqrT(xm Mem) []reg.Register {
	Commentf("square")
	t := []reg.Register{reg.R8, reg.R9, reg.R10, reg.R11, reg.R12, reg.R13, reg.R14, reg.RDI}
	lo, hi, zero, dx := reg.RAX, reg.RBX, reg.RCX, reg.RDX
	x := func(i int) Mem { return xm.Offset(8 * i) }
	// The off-diagonal products x[i]·x[j], i < j, into t1..t6.
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
	// Double it (CF chain) and add the squares x[i]² (OF chain).
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
	return t
}

// reduceR reduces t (a product below m·2^256) to z < m in t[4..7] =
// resultRegs, using t[0..3], AX, BX, CX, DX and SI as scratch.
func (g *gen) reduceR(t []reg.Register) {
	a := g.reduceWindow(t)
	c := reg.RSI
	XORQ(c, c)
	ADDQ(a[0], t[4])
	ADCQ(a[1], t[5])
	ADCQ(a[2], t[6])
	ADCQ(a[3], t[7])
	ADCQ(U8(0), c)
	g.condSubR(t[4:8], a, c)
}

// condSubR sets s = s - m unless that borrows, where s is c·2^256 + s < 2m,
// with d as scratch (SUB/SBB, CMOV). For P-256 p, whose words are -1,
// 2^32 - 1, 0, 2^64 - 2^32 + 1, two of the four words are immediates.
func (g *gen) condSubR(s, d []reg.Register, c reg.Register) {
	for j := range 4 {
		MOVQ(s[j], d[j])
	}
	if g.special {
		SUBQ(I8(-1), d[0])
		SBBQ(g.mod.Offset(8), d[1])
		SBBQ(U8(0), d[2])
		SBBQ(g.mod.Offset(24), d[3])
	} else {
		SUBQ(g.mod.Offset(0), d[0])
		SBBQ(g.mod.Offset(8), d[1])
		SBBQ(g.mod.Offset(16), d[2])
		SBBQ(g.mod.Offset(24), d[3])
	}
	SBBQ(U8(0), c)
	for j := range 4 {
		CMOVQCC(d[j], s[j])
	}
}

// addR sets s = s + y mod m (s, y < m) for y given word by word (registers
// or memory); R8-R11 and SI are scratch.
func (g *gen) addR(s []reg.Register, y func(int) Op) {
	Commentf("add")
	c := reg.RSI
	XORQ(c, c)
	ADDQ(y(0), s[0])
	ADCQ(y(1), s[1])
	ADCQ(y(2), s[2])
	ADCQ(y(3), s[3])
	ADCQ(U8(0), c)
	g.condSubR(s, []reg.Register{reg.R8, reg.R9, reg.R10, reg.R11}, c)
}

// halfR sets s = s/2 mod m (s < m): s plus m masked by s's low bit
// (addMaskedM), then shifted right one bit through the carry (RCR) so that
// the addition's carry becomes the top bit. R8-R11 and SI are scratch.
func (g *gen) halfR(s []reg.Register) {
	Commentf("half")
	mask := reg.RSI
	MOVQ(s[0], mask)
	ANDQ(U8(1), mask)
	NEGQ(mask)
	g.addMaskedM(s, mask, []reg.Register{reg.R8, reg.R9, reg.R10, reg.R11})
	for j := 3; j >= 0; j-- {
		RCRQ(U8(1), s[j])
	}
}

// subR sets s = s - y mod m (s, y < m): the difference, plus m masked by the
// borrow (addMaskedM). R8-R11 and SI are scratch.
func (g *gen) subR(s []reg.Register, y Mem) {
	Commentf("sub")
	mask := reg.RSI
	SUBQ(y, s[0])
	SBBQ(y.Offset(8), s[1])
	SBBQ(y.Offset(16), s[2])
	SBBQ(y.Offset(24), s[3])
	SBBQ(mask, mask)
	g.addMaskedM(s, mask, []reg.Register{reg.R8, reg.R9, reg.R10, reg.R11})
}

// subWideR sets the 512-bit t = t - w (w's words at lo and hi), plus
// m·2^256 when that borrows: for a product t and a stored product w, both
// below m², the result is in [0, m·2^256), which reduceR takes, and it is
// congruent to t - w. One Montgomery reduction and one subtraction replace
// the two reductions and the subtraction of the reduced values. AX, BX, CX,
// DX and SI are scratch.
func (g *gen) subWideR(t []reg.Register, lo, hi Mem) {
	Commentf("wide sub")
	SUBQ(lo, t[0])
	SBBQ(lo.Offset(8), t[1])
	SBBQ(lo.Offset(16), t[2])
	SBBQ(lo.Offset(24), t[3])
	for j := range 4 {
		SBBQ(hi.Offset(8*j), t[4+j])
	}
	mask := reg.RSI
	SBBQ(mask, mask)
	g.addMaskedM(t[4:], mask, []reg.Register{reg.RAX, reg.RBX, reg.RCX, reg.RDX})
}

// addMaskedM sets s = s + (m AND mask) for a mask of all ones or zero (the
// carry out is dropped), with the four scratch registers w. For P-256 the
// mask k gives p's words as k, k >> 32, 0, k & p[3]; otherwise each word of
// m is loaded and masked.
func (g *gen) addMaskedM(s []reg.Register, mask reg.Register, w []reg.Register) {
	if g.special {
		SHRXQ(shift, mask, w[1])
		MOVQ(mask, w[3])
		ANDQ(g.mod.Offset(24), w[3])
		ADDQ(mask, s[0])
		ADCQ(w[1], s[1])
		ADCQ(U8(0), s[2])
		ADCQ(w[3], s[3])
		return
	}
	for j := range 4 {
		MOVQ(g.mod.Offset(8*j), w[j])
		ANDQ(mask, w[j])
	}
	ADDQ(w[0], s[0])
	ADCQ(w[1], s[1])
	ADCQ(w[2], s[2])
	ADCQ(w[3], s[3])
}
