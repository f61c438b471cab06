//go:build amd64 && !purego

package field

import (
	"math/rand/v2"
	"testing"

	"github.com/klauspost/cpuid/v2"
)

var asmKernels = map[string]func(z, x, y *[4]uint64){
	"P256Element":  p256ElementMulAsm,
	"P256Scalar":   p256ScalarMulAsm,
	"BP256Element": bp256ElementMulAsm,
	"BP256Scalar":  bp256ScalarMulAsm,
}

var asmSquares = map[string]func(z, x *[4]uint64){
	"P256Element":  p256ElementSquareAsm,
	"P256Scalar":   p256ScalarSquareAsm,
	"BP256Element": bp256ElementSquareAsm,
	"BP256Scalar":  bp256ScalarSquareAsm,
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
