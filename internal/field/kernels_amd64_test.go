//go:build amd64 && !purego

package field

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/klauspost/cpuid/v2"
)

// The assembly entry points (they run the assembly when useAsm is true).
var asmKernels = map[string]func(z, x, y *[4]uint64){
	"P256Element":  p256ElementMul,
	"P256Scalar":   p256ScalarMul,
	"BP256Element": bp256ElementMul,
	"BP256Scalar":  bp256ScalarMul,
}

var asmSquares = map[string]func(z, x *[4]uint64){
	"P256Element":  p256ElementSquare,
	"P256Scalar":   p256ScalarSquare,
	"BP256Element": bp256ElementSquare,
	"BP256Scalar":  bp256ScalarSquare,
}

// TestAsmFallback runs the assembly entry points with useAsm false: they must
// jump to the Go kernels and give the same results.
func TestAsmFallback(t *testing.T) {
	saved := useAsm
	defer func() { useAsm = saved }()
	useAsm = false
	for _, ks := range kernelSets {
		rng := rand.New(rand.NewPCG(5, ks.m[0]))
		for range 200 {
			x, y := randLimbs(rng, nil), randLimbs(rng, ks.m)
			var got, want [4]uint64
			ks.mulGo(&want, &x, &y)
			if asmKernels[ks.name](&got, &x, &y); got != want {
				t.Fatalf("%s: fallback Mul = %x, want %x", ks.name, got, want)
			}
			ks.squareGo(&want, &y)
			if asmSquares[ks.name](&got, &y); got != want {
				t.Fatalf("%s: fallback Square = %x, want %x", ks.name, got, want)
			}
		}
	}
}

// TestAsmAgainstGo checks the MULX/ADX assembly against the generated Go
// kernels (themselves checked against math/big and the loop version), on
// random and extreme limbs, with an unreduced first factor as
// SetBytesReduced uses it, and with aliased arguments.
func TestAsmAgainstGo(t *testing.T) {
	if HasAssembly() != cpuid.CPU.Supports(cpuid.BMI2, cpuid.ADX) {
		t.Fatal("HasAssembly disagrees with the CPU features")
	}
	if !HasAssembly() {
		t.Skip("CPU lacks BMI2 or ADX: the assembly is not used here")
	}
	for _, ks := range kernelSets {
		asm, asmSq := asmKernels[ks.name], asmSquares[ks.name]
		t.Run(ks.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(4, ks.m[0]))
			for range 20000 {
				x, y := randLimbs(rng, nil), randLimbs(rng, ks.m)
				var got, want [4]uint64
				ks.mulGo(&want, &x, &y)
				asm(&got, &x, &y)
				if got != want {
					t.Fatalf("asm Mul(%x, %x) = %x, want %x", x, y, got, want)
				}
				x = randLimbs(rng, ks.m)
				ks.squareGo(&want, &x)
				got = x
				asm(&got, &got, &got)
				if got != want {
					t.Fatalf("asm Mul(%x, %x) aliased = %x, want %x", x, x, got, want)
				}
				asmSq(&got, &x)
				if got != want {
					t.Fatalf("asm Square(%x) = %x, want %x", x, got, want)
				}
				got = x
				if asmSq(&got, &got); got != want {
					t.Fatalf("asm Square(%x) aliased = %x, want %x", x, got, want)
				}
			}
		})
	}
}

func BenchmarkKernels(b *testing.B) {
	for _, ks := range kernelSets {
		x, y := [4]uint64{1, 2, 3, 4}, *ks.m // y = m-1
		y[0]--
		b.Run(ks.name+"/Mul/impl=asm", func(b *testing.B) {
			f := asmKernels[ks.name]
			b.ReportAllocs()
			for b.Loop() {
				f(&x, &x, &y)
			}
		})
		b.Run(ks.name+"/Mul/impl=purego", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ks.mulGo(&x, &x, &y)
			}
		})
		b.Run(ks.name+"/Square/impl=asm", func(b *testing.B) {
			f := asmSquares[ks.name]
			b.ReportAllocs()
			for b.Loop() {
				f(&x, &x)
			}
		})
		b.Run(ks.name+"/Square/impl=purego", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ks.squareGo(&x, &x)
			}
		})
	}
}

// TestJacDoubleAsm compares the fused assembly doubling and mixed addition with the sequence of
// field methods on random and extreme coordinates (including aliasing of the
// outputs with the inputs). The formula is pure field arithmetic, so any
// triples will do; internal/ec checks it on curve points.
func TestJacDoubleAsm(t *testing.T) {
	if !useAsm {
		t.Skip("no BMI2/ADX")
	}
	rng := rand.New(rand.NewPCG(7, 11))
	p, _, _ := p256Params()
	vals := []*big.Int{big.NewInt(0), big.NewInt(1), big.NewInt(2), new(big.Int).Sub(p, big.NewInt(1)), new(big.Int).Sub(p, big.NewInt(2))}
	for range 300 {
		var b [32]byte
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		vals = append(vals, new(big.Int).Mod(new(big.Int).SetBytes(b[:]), p))
	}
	el := func(v *big.Int) P256Element {
		var e P256Element
		if _, err := e.SetBytes(be32(v)); err != nil {
			t.Fatal(err)
		}
		return e
	}
	for i := 0; i+2 < len(vals); i++ {
		x, y, z := el(vals[i]), el(vals[(i*7+1)%len(vals)]), el(vals[(i*13+2)%len(vals)])
		var gx, gy, gz, ax, ay, az P256Element
		p256JacDoubleGo(&gx, &gy, &gz, &x, &y, &z)
		P256DoubleJacobian(&ax, &ay, &az, &x, &y, &z)
		if ax != gx || ay != gy || az != gz {
			t.Fatalf("asm doubling differs for %x %x %x", x.Bytes(), y.Bytes(), z.Bytes())
		}
		x2, y2, z2 := el(vals[(i*5+3)%len(vals)]), el(vals[(i*11+4)%len(vals)]), el(vals[(i*3+5)%len(vals)])
		useAsm = false
		P256AddJacobianMixed(&gx, &gy, &gz, &x, &y, &z, &x2, &y2)
		useAsm = true
		P256AddJacobianMixed(&ax, &ay, &az, &x, &y, &z, &x2, &y2)
		if ax != gx || ay != gy || az != gz {
			t.Fatalf("asm mixed addition differs for %x %x %x + %x %x", x.Bytes(), y.Bytes(), z.Bytes(), x2.Bytes(), y2.Bytes())
		}
		P256AddJacobianMixed(&x2, &y2, &z2, &x, &y, &z, &x2, &y2) // outputs alias the second input
		if x2 != gx || y2 != gy || z2 != gz {
			t.Fatal("asm mixed addition with aliasing differs")
		}
		P256DoubleJacobian(&x, &y, &z, &x, &y, &z) // in place
		x1, y1, z1 := el(vals[i]), el(vals[(i*7+1)%len(vals)]), el(vals[(i*13+2)%len(vals)])
		P256DoubleJacobian(&gx, &gy, &gz, &x1, &y1, &z1)
		if x != gx || y != gy || z != gz {
			t.Fatal("asm doubling in place differs")
		}
	}
}

// TestBP256JacobianAsm compares the brainpoolP256r1 assembly formulas with
// the Go sequences (useAsm switched off) on random and extreme coordinates.
func TestBP256JacobianAsm(t *testing.T) {
	if !useAsm {
		t.Skip("no BMI2/ADX")
	}
	defer func() { useAsm = true }()
	rng := rand.New(rand.NewPCG(13, 17))
	p := mustBig(t, bpP)
	vals := []*big.Int{big.NewInt(0), big.NewInt(1), big.NewInt(2), new(big.Int).Sub(p, big.NewInt(1))}
	for range 200 {
		var b [32]byte
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		vals = append(vals, new(big.Int).Mod(new(big.Int).SetBytes(b[:]), p))
	}
	el := func(i int) *BP256Element {
		var e BP256Element
		if _, err := e.SetBytes(be32(vals[i%len(vals)])); err != nil {
			t.Fatal(err)
		}
		return &e
	}
	for i := range vals {
		x, y, z, x2, y2 := el(i), el(3*i+1), el(5*i+2), el(7*i+3), el(11*i+4)
		var g, a [3]BP256Element
		for _, f := range []struct {
			name string
			run  func(o *[3]BP256Element)
		}{
			{"double a=-3", func(o *[3]BP256Element) { BP256DoubleJacobianAMinus3(&o[0], &o[1], &o[2], x, y, z) }},
			{"mixed", func(o *[3]BP256Element) { BP256AddJacobianMixed(&o[0], &o[1], &o[2], x, y, z, x2, y2) }},
		} {
			useAsm = false
			f.run(&g)
			useAsm = true
			f.run(&a)
			if g != a {
				t.Fatalf("%s: assembly and Go differ for input %d", f.name, i)
			}
		}
	}
}

// TestAddJacobianMixedSelectAsm compares the fused select-and-add assembly of both curves with the Go sequence
// (useAsm switched off) for every neg/keep combination, with z1 = 0 and y2 = 0 among the inputs, and with
// outputs aliasing the first point.
func TestAddJacobianMixedSelectAsm(t *testing.T) {
	if !useAsm {
		t.Skip("no BMI2/ADX")
	}
	avx2 := useAVX2
	defer func() { useAsm, useAVX2 = true, avx2 }()
	for _, sel := range []bool{avx2, false} { // AVX2 blends (where the CPU has them) and CMOV
		useAVX2 = sel
		testAddJacobianMixedSelectAsm(t)
	}
}

func testAddJacobianMixedSelectAsm(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 23))
	pb, _, _ := p256Params()
	for _, c := range []struct {
		name string
		m    *big.Int
	}{{"P-256", pb}, {"brainpoolP256r1", mustBig(t, bpP)}} {
		vals := []*big.Int{big.NewInt(0), big.NewInt(1), new(big.Int).Sub(c.m, big.NewInt(1))}
		for range 60 {
			var b [32]byte
			for i := range b {
				b[i] = byte(rng.Uint32())
			}
			vals = append(vals, new(big.Int).Mod(new(big.Int).SetBytes(b[:]), c.m))
		}
		for i := range vals {
			v := func(k int) []byte { return be32(vals[(i*k+k)%len(vals)]) }
			for neg := range 2 {
				for keep := range 2 {
					if c.name == "P-256" {
						var in [5]P256Element
						for k := range in {
							if _, err := in[k].SetBytes(v(k + 1)); err != nil {
								t.Fatal(err)
							}
						}
						var g, a [3]P256Element
						useAsm = false
						P256AddJacobianMixedSelect(&g[0], &g[1], &g[2], &in[0], &in[1], &in[2], &in[3], &in[4], neg, keep)
						useAsm = true
						a[0], a[1], a[2] = in[0], in[1], in[2]
						P256AddJacobianMixedSelect(&a[0], &a[1], &a[2], &a[0], &a[1], &a[2], &in[3], &in[4], neg, keep)
						if g != a {
							t.Fatalf("P-256 %d neg=%d keep=%d: assembly and Go differ", i, neg, keep)
						}
						continue
					}
					var in [5]BP256Element
					for k := range in {
						if _, err := in[k].SetBytes(v(k + 1)); err != nil {
							t.Fatal(err)
						}
					}
					var g, a [3]BP256Element
					useAsm = false
					BP256AddJacobianMixedSelect(&g[0], &g[1], &g[2], &in[0], &in[1], &in[2], &in[3], &in[4], neg, keep)
					useAsm = true
					a[0], a[1], a[2] = in[0], in[1], in[2]
					BP256AddJacobianMixedSelect(&a[0], &a[1], &a[2], &a[0], &a[1], &a[2], &in[3], &in[4], neg, keep)
					if g != a {
						t.Fatalf("brainpool %d neg=%d keep=%d: assembly and Go differ", i, neg, keep)
					}
				}
			}
		}
	}
}

// TestJacDoubleNAsm compares the n-fold assembly doublings of both curves
// with n single doublings (the Go sequences, useAsm off) for n = 0..6 on
// random and extreme coordinates.
func TestJacDoubleNAsm(t *testing.T) {
	if !useAsm {
		t.Skip("no BMI2/ADX")
	}
	defer func() { useAsm = true }()
	rng := rand.New(rand.NewPCG(19, 23))
	rnd := func() [32]byte {
		var b [32]byte
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	p, _, _ := p256Params()
	bp := mustBig(t, bpP)
	for i := range 120 {
		var xs [3][32]byte
		for j := range xs {
			xs[j] = rnd()
		}
		switch i {
		case 0: // zeros: Z = 0 stays 0
			xs = [3][32]byte{}
		case 1:
			xs[0], xs[1], xs[2] = be32a(new(big.Int).Sub(p, big.NewInt(1))), be32a(new(big.Int).Sub(p, big.NewInt(1))), be32a(big.NewInt(1))
		}
		n := i % 7
		var pe [3]P256Element
		var be [3]BP256Element
		for j := range xs {
			pe[j].SetBytes(be32(new(big.Int).Mod(new(big.Int).SetBytes(xs[j][:]), p)))
			be[j].SetBytes(be32(new(big.Int).Mod(new(big.Int).SetBytes(xs[j][:]), bp)))
		}
		pw, bw := pe, be
		useAsm = false
		for range n {
			P256DoubleJacobian(&pw[0], &pw[1], &pw[2], &pw[0], &pw[1], &pw[2])
			BP256DoubleJacobianAMinus3(&bw[0], &bw[1], &bw[2], &bw[0], &bw[1], &bw[2])
		}
		useAsm = true
		P256DoubleJacobianN(&pe[0], &pe[1], &pe[2], n)
		BP256DoubleJacobianAMinus3N(&be[0], &be[1], &be[2], n)
		if pe != pw {
			t.Fatalf("P-256: %d asm doublings differ from the Go ones (case %d)", n, i)
		}
		if be != bw {
			t.Fatalf("brainpoolP256r1: %d asm doublings differ from the Go ones (case %d)", n, i)
		}
	}
}

func be32a(v *big.Int) [32]byte {
	var b [32]byte
	v.FillBytes(b[:])
	return b
}

// TestJacWindowAsm compares the one-function window of both curves, with
// either table scan, with the Go sequence (useAsm off: four doublings, the
// masked scan and the selecting mixed addition) for every abs in 0..8, both
// signs, random coordinates and z = 0.
func TestJacWindowAsm(t *testing.T) {
	if !useAsm {
		t.Skip("no BMI2/ADX")
	}
	avx2 := useAVX2
	defer func() { useAsm, useAVX2 = true, avx2 }()
	for _, scan := range []bool{avx2, false} { // the AVX2 scan (where the CPU has it) and the CMOV one
		useAVX2 = scan
		testJacWindowAsm(t)
	}
}

func testJacWindowAsm(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 31))
	p, _, _ := p256Params()
	bp := mustBig(t, bpP)
	rnd := func(m *big.Int) []byte {
		var b [32]byte
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return be32(new(big.Int).Mod(new(big.Int).SetBytes(b[:]), m))
	}
	for i := range 90 {
		var ptab [16]P256Element
		var btab [16]BP256Element
		for k := range ptab {
			ptab[k].SetBytes(rnd(p))
			btab[k].SetBytes(rnd(bp))
		}
		var pe [3]P256Element
		var be [3]BP256Element
		for k := range pe {
			pe[k].SetBytes(rnd(p))
			be[k].SetBytes(rnd(bp))
		}
		if i%9 == 0 {
			pe[2].Zero()
			be[2].Zero()
		}
		abs := uint64(i % 9)
		neg := (i / 9) % 2
		keep := 0
		if abs == 0 {
			keep = 1
		}
		pw, bw := pe, be
		useAsm = false
		P256JacWindow(&pw[0], &pw[1], &pw[2], &ptab, abs, neg, keep)
		BP256JacWindow(&bw[0], &bw[1], &bw[2], &btab, abs, neg, keep)
		useAsm = true
		P256JacWindow(&pe[0], &pe[1], &pe[2], &ptab, abs, neg, keep)
		BP256JacWindow(&be[0], &be[1], &be[2], &btab, abs, neg, keep)
		if pe != pw {
			t.Fatalf("P-256 window differs (abs %d, neg %d, case %d)", abs, neg, i)
		}
		if be != bw {
			t.Fatalf("brainpoolP256r1 window differs (abs %d, neg %d, case %d)", abs, neg, i)
		}
	}
}
