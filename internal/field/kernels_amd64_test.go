//go:build amd64 && !purego

package field

import (
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
