//go:build amd64 && !purego

package field

import (
	"unsafe"

	"github.com/klauspost/cpuid/v2"
)

// useAsm selects the MULX/ADCX/ADOX assembly when the CPU has BMI2 and ADX.
// It is decided once at start-up from public information and read by the
// assembly entry points (mul_amd64.s), which otherwise jump to the Go
// kernels; branching on it is not a timing leak.
var useAsm = cpuid.CPU.Supports(cpuid.BMI2, cpuid.ADX)

// useAVX2 lets the ECDH window (JacWindowAsm) scan its table with AVX2
// instead of CMOV; like useAsm it is decided once from public information.
var useAVX2 = cpuid.CPU.Supports(cpuid.AVX2)

// HasAssembly reports whether Mul and Square run on assembly (amd64 with
// BMI2 and ADX, not built with the purego tag).
func HasAssembly() bool { return useAsm }

// p256JacDoubleAsm runs P256DoubleJacobian on the assembly and reports true,
// or reports false (doing nothing) without BMI2 and ADX.
func p256JacDoubleAsm(x3, y3, z3, x, y, z *P256Element) bool {
	if !useAsm {
		return false
	}
	p256ElementJacDoubleAsm(&x3.l, &y3.l, &z3.l, &x.l, &y.l, &z.l)
	return true
}

// p256JacDoubleNAsm runs P256DoubleJacobianN on the assembly and reports
// true, or reports false (doing nothing) without BMI2 and ADX.
func p256JacDoubleNAsm(x, y, z *P256Element, n int) bool {
	if !useAsm {
		return false
	}
	p256ElementJacDoubleNAsm(&x.l, &y.l, &z.l, uint64(n))
	return true
}

// p256JacWindowAsm runs P256JacWindow on the assembly and reports true, or
// reports false (doing nothing) without BMI2 and ADX.
func p256JacWindowAsm(x, y, z *P256Element, tab *[16]P256Element, abs uint64, neg, keep int) bool {
	if !useAsm {
		return false
	}
	p256ElementJacWindowAsm(&x.l, &y.l, &z.l, (*[64]uint64)(unsafe.Pointer(tab)), abs, uint64(neg), uint64(keep))
	return true
}

// p256JacAddMixedAsm runs P256AddJacobianMixed on the assembly and reports
// true, or reports false (doing nothing) without BMI2 and ADX.
func p256JacAddMixedAsm(x3, y3, z3, x1, y1, z1, x2, y2 *P256Element) bool {
	if !useAsm {
		return false
	}
	p256ElementJacAddMixedAsm(&x3.l, &y3.l, &z3.l, &x1.l, &y1.l, &z1.l, &x2.l, &y2.l)
	return true
}

// p256JacAddMixedSelectAsm is p256JacAddAsm for P256AddJacobianMixedSelect.
func p256JacAddMixedSelectAsm(x3, y3, z3, x1, y1, z1, x2, y2 *P256Element, neg, keep int) bool {
	if !useAsm {
		return false
	}
	p256ElementJacAddMixedSelectAsm(&x3.l, &y3.l, &z3.l, &x1.l, &y1.l, &z1.l, &x2.l, &y2.l, uint64(neg), uint64(keep))
	return true
}

func bp256JacAddMixedSelectAsm(x3, y3, z3, x1, y1, z1, x2, y2 *BP256Element, neg, keep int) bool {
	if !useAsm {
		return false
	}
	bp256ElementJacAddMixedSelectAsm(&x3.l, &y3.l, &z3.l, &x1.l, &y1.l, &z1.l, &x2.l, &y2.l, uint64(neg), uint64(keep))
	return true
}

// bp256JacDoubleAMinus3Asm and bp256JacAddMixedAsm run the
// brainpoolP256r1 formulas on the assembly and report true, or report false
// (doing nothing) without BMI2 and ADX.
func bp256JacDoubleAMinus3Asm(x3, y3, z3, x, y, z *BP256Element) bool {
	if !useAsm {
		return false
	}
	bp256ElementJacDoubleAMinus3Asm(&x3.l, &y3.l, &z3.l, &x.l, &y.l, &z.l)
	return true
}

func bp256JacDoubleAMinus3NAsm(x, y, z *BP256Element, n int) bool {
	if !useAsm {
		return false
	}
	bp256ElementJacDoubleNAsm(&x.l, &y.l, &z.l, uint64(n))
	return true
}

func bp256JacWindowAsm(x, y, z *BP256Element, tab *[16]BP256Element, abs uint64, neg, keep int) bool {
	if !useAsm {
		return false
	}
	bp256ElementJacWindowAsm(&x.l, &y.l, &z.l, (*[64]uint64)(unsafe.Pointer(tab)), abs, uint64(neg), uint64(keep))
	return true
}

func bp256JacAddMixedAsm(x3, y3, z3, x1, y1, z1, x2, y2 *BP256Element) bool {
	if !useAsm {
		return false
	}
	bp256ElementJacAddMixedAsm(&x3.l, &y3.l, &z3.l, &x1.l, &y1.l, &z1.l, &x2.l, &y2.l)
	return true
}
