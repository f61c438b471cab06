//go:build amd64 && !purego

package field

import "github.com/klauspost/cpuid/v2"

// useAsm selects the MULX/ADCX/ADOX assembly (mul_amd64.s) when the CPU has
// BMI2 and ADX; it is decided once at start-up from public information, so
// branching on it is not a timing leak.
var useAsm = cpuid.CPU.Supports(cpuid.BMI2, cpuid.ADX)

// HasAssembly reports whether Mul and Square run on assembly (amd64 with
// BMI2 and ADX, not built with the purego tag).
func HasAssembly() bool { return useAsm }

// The assembly, like the Go kernels, needs x·y < m·2^256: one factor below m.

func p256ElementMul(z, x, y *[4]uint64) {
	if useAsm {
		p256ElementMulAsm(z, x, y)
	} else {
		p256ElementMulGo(z, x, y)
	}
}

func p256ElementSquare(z, x *[4]uint64) {
	if useAsm {
		p256ElementSquareAsm(z, x)
	} else {
		p256ElementSquareGo(z, x)
	}
}

func p256ScalarMul(z, x, y *[4]uint64) {
	if useAsm {
		p256ScalarMulAsm(z, x, y)
	} else {
		p256ScalarMulGo(z, x, y)
	}
}

func p256ScalarSquare(z, x *[4]uint64) {
	if useAsm {
		p256ScalarSquareAsm(z, x)
	} else {
		p256ScalarSquareGo(z, x)
	}
}

func bp256ElementMul(z, x, y *[4]uint64) {
	if useAsm {
		bp256ElementMulAsm(z, x, y)
	} else {
		bp256ElementMulGo(z, x, y)
	}
}

func bp256ElementSquare(z, x *[4]uint64) {
	if useAsm {
		bp256ElementSquareAsm(z, x)
	} else {
		bp256ElementSquareGo(z, x)
	}
}

func bp256ScalarMul(z, x, y *[4]uint64) {
	if useAsm {
		bp256ScalarMulAsm(z, x, y)
	} else {
		bp256ScalarMulGo(z, x, y)
	}
}

func bp256ScalarSquare(z, x *[4]uint64) {
	if useAsm {
		bp256ScalarSquareAsm(z, x)
	} else {
		bp256ScalarSquareGo(z, x)
	}
}
