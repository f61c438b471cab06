package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	"github.com/mmcloughlin/avo/reg"
)

// The matrix applications updateFGGo and updateDEGo (../invert.go) on
// signed radix-2^62 numbers (s62: limbs 0..3 in [0, 2^62), limb 4 signed).
// Every product is a one-operand IMULQ, the exact signed 64×64 → 128-bit
// product: the matrix entries and md, me are signed, limbs 0..3 are below
// 2^62 (so reading them as signed changes nothing) and limb 4 is signed,
// so no sign corrections are needed. Each output word is accumulated as a
// 128-bit two's complement number (lo, hi) and shifted right by 62 with
// SHRQ $62, lo; LEAQ (lo)(hi*4), lo; SARQ $62, hi, which is exact: after
// the SHRQ lo is 0..3 and hi·4 has its low two bits clear. The code is
// straight line with fixed addresses; registers are assigned by hand.
//
// The s62 arguments are passed as *[5]int64 (avo does not see package
// field's types).
const limbSize = 8

// Fixed registers of the update functions.
var (
	rAX, rDX = reg.RAX, reg.RDX
	pA, pB   = reg.RDI, reg.RSI // the two s62 being updated
	pM       = reg.R8           // the modulus m (s62)
	aLo, aHi = reg.RBX, reg.RCX // accumulator of the first output
	bLo, bHi = reg.R9, reg.R10  // accumulator of the second output
	rMA, rMB = reg.R11, reg.R12 // md, me
	rMask    = reg.R13          // 2^62 - 1
)

// param is the memory slot of an argument.
func param(name string) Mem {
	b, err := Param(name).Resolve()
	if err != nil {
		panic(err)
	}
	return b.Addr
}

// limb is limb i of the s62 at p.
func limb(p reg.Register, i int) Mem { return Mem{Base: p, Disp: i * limbSize} }

// mulStart sets (lo, hi) = x·c; mulAdd adds x·c to (lo, hi). x is a
// memory operand, c a register or memory operand; both are read as signed.
func mulStart(lo, hi reg.Register, x Mem, c Op) {
	MOVQ(x, rAX)
	IMULQ(c)
	MOVQ(rAX, lo)
	MOVQ(rDX, hi)
}

func mulAdd(lo, hi reg.Register, x Mem, c Op) {
	MOVQ(x, rAX)
	IMULQ(c)
	ADDQ(rAX, lo)
	ADCQ(rDX, hi)
}

// storeLow stores lo mod 2^62 to dst.
func storeLow(lo reg.Register, dst Mem) {
	MOVQ(lo, rDX)
	ANDQ(rMask, rDX)
	MOVQ(rDX, dst)
}

// shift62 sets (lo, hi) = (lo, hi) >> 62 (arithmetic).
func shift62(lo, hi reg.Register) {
	SHRQ(U8(62), lo)
	LEAQ(Mem{Base: lo, Index: hi, Scale: 4}, lo)
	SARQ(U8(62), hi)
}

// updateFG writes invUpdateFGAsm, the twin of updateFGGo.
func updateFG() {
	TEXT("invUpdateFGAsm", NOSPLIT, "func(fa, ga *[5]int64, u, v, q, r int64)")
	Pragma("noescape")
	Doc("invUpdateFGAsm is updateFGGo(fa, ga, u, v, q, r): straight line, no data-dependent branch or index.")
	Load(Param("fa"), pA) // not "g": that is a register name to the Go assembler
	Load(Param("ga"), pB)
	u, v, q, r := param("u"), param("v"), param("q"), param("r")
	MOVQ(U64(1<<62-1), rMask)
	for i := range 5 {
		if i == 0 {
			mulStart(aLo, aHi, limb(pA, 0), u)
			mulStart(bLo, bHi, limb(pA, 0), q)
		} else {
			mulAdd(aLo, aHi, limb(pA, i), u)
			mulAdd(bLo, bHi, limb(pA, i), q)
		}
		mulAdd(aLo, aHi, limb(pB, i), v)
		mulAdd(bLo, bHi, limb(pB, i), r)
		if i > 0 {
			storeLow(aLo, limb(pA, i-1))
			storeLow(bLo, limb(pB, i-1))
		}
		shift62(aLo, aHi)
		shift62(bLo, bHi)
	}
	MOVQ(aLo, limb(pA, 4))
	MOVQ(bLo, limb(pB, 4))
	RET()
}

// updateDE writes invUpdateDEAsm, the twin of updateDEGo, or with onlyD
// invUpdateDAsm, which computes only the new d (the last batch: e is not
// used afterwards) and leaves e as it is.
func updateDE(onlyD bool) {
	name, sig := "invUpdateDEAsm", "func(d, e *[5]int64, u, v, q, r int64, m *[5]int64, mInv62 uint64)"
	doc := "invUpdateDEAsm is updateDEGo(d, e, u, v, q, r, mod) for mod.m = m, mod.mInv62 = mInv62: straight line, no data-dependent branch or index."
	if onlyD {
		name, sig = "invUpdateDAsm", "func(d, e *[5]int64, u, v int64, m *[5]int64, mInv62 uint64)"
		doc = "invUpdateDAsm is updateDGo(d, e, u, v, mod) for mod.m = m, mod.mInv62 = mInv62: straight line, no data-dependent branch or index."
	}
	TEXT(name, NOSPLIT, sig)
	Pragma("noescape")
	Doc(doc)
	Load(Param("d"), pA)
	Load(Param("e"), pB)
	Load(Param("m"), pM)
	mInv := param("mInv62")
	u, v := param("u"), param("v")
	var q, r Mem
	if !onlyD {
		q, r = param("q"), param("r")
	}
	// sd, se = signs of d and e (masks); md = u&sd + v&se, me = q&sd + r&se
	MOVQ(limb(pA, 4), rAX)
	SARQ(U8(63), rAX)
	MOVQ(limb(pB, 4), rDX)
	SARQ(U8(63), rDX)
	MOVQ(u, rMA)
	ANDQ(rAX, rMA)
	MOVQ(v, rMask)
	ANDQ(rDX, rMask)
	ADDQ(rMask, rMA)
	if !onlyD {
		MOVQ(q, rMB)
		ANDQ(rAX, rMB)
		MOVQ(r, rMask)
		ANDQ(rDX, rMask)
		ADDQ(rMask, rMB)
	}
	MOVQ(U64(1<<62-1), rMask)

	// limb 0, then md -= (mInv62·lo + md) mod 2^62 (likewise me), so that
	// the sums including md·m, me·m are divisible by 2^62
	mulStart(aLo, aHi, limb(pA, 0), u)
	mulAdd(aLo, aHi, limb(pB, 0), v)
	if !onlyD {
		mulStart(bLo, bHi, limb(pA, 0), q)
		mulAdd(bLo, bHi, limb(pB, 0), r)
	}
	corr := func(lo, mx reg.Register) {
		MOVQ(mInv, rAX)
		IMULQ(lo, rAX)
		ADDQ(mx, rAX)
		ANDQ(rMask, rAX)
		SUBQ(rAX, mx)
	}
	corr(aLo, rMA)
	if !onlyD {
		corr(bLo, rMB)
	}
	mulAdd(aLo, aHi, limb(pM, 0), rMA)
	if !onlyD {
		mulAdd(bLo, bHi, limb(pM, 0), rMB)
	}
	shift62(aLo, aHi)
	if !onlyD {
		shift62(bLo, bHi)
	}
	for i := 1; i < 5; i++ {
		// both outputs read limb i of d and e before either stores to
		// limb i-1, which is below i: the stores never overwrite an input
		// still to be read
		mulAdd(aLo, aHi, limb(pA, i), u)
		mulAdd(aLo, aHi, limb(pB, i), v)
		mulAdd(aLo, aHi, limb(pM, i), rMA)
		if !onlyD {
			mulAdd(bLo, bHi, limb(pA, i), q)
			mulAdd(bLo, bHi, limb(pB, i), r)
			mulAdd(bLo, bHi, limb(pM, i), rMB)
		}
		storeLow(aLo, limb(pA, i-1))
		if !onlyD {
			storeLow(bLo, limb(pB, i-1))
		}
		shift62(aLo, aHi)
		if !onlyD {
			shift62(bLo, bHi)
		}
	}
	MOVQ(aLo, limb(pA, 4))
	if !onlyD {
		MOVQ(bLo, limb(pB, 4))
	}
	RET()
}
