//go:build !amd64 || purego

package field

// Without assembly (other architectures, or the purego build tag) the Go
// kernels back every method.

func p256ElementMul(z, x, y *[4]uint64)  { p256ElementMulGo(z, x, y) }
func p256ElementSquare(z, x *[4]uint64)  { p256ElementSquareGo(z, x) }
func p256ScalarMul(z, x, y *[4]uint64)   { p256ScalarMulGo(z, x, y) }
func p256ScalarSquare(z, x *[4]uint64)   { p256ScalarSquareGo(z, x) }
func bp256ElementMul(z, x, y *[4]uint64) { bp256ElementMulGo(z, x, y) }
func bp256ElementSquare(z, x *[4]uint64) { bp256ElementSquareGo(z, x) }
func bp256ScalarMul(z, x, y *[4]uint64)  { bp256ScalarMulGo(z, x, y) }
func bp256ScalarSquare(z, x *[4]uint64)  { bp256ScalarSquareGo(z, x) }

// HasAssembly reports whether Mul and Square run on assembly (amd64 with
// BMI2 and ADX, not built with the purego tag).
func HasAssembly() bool { return false }

// p256JacDoubleAsm reports false: P256DoubleJacobian uses the Go sequence.
func p256JacDoubleAsm(x3, y3, z3, x, y, z *P256Element) bool { return false }
func p256JacWindowAsm(x, y, z *P256Element, tab *[16]P256Element, abs uint64, neg, keep int) bool {
	return false
}
func p256JacDoubleNAsm(x, y, z *P256Element, n int) bool { return false }

// p256JacAddMixedAsm and p256JacAddMixedSelectAsm report false: the Go sequences run.
func p256JacAddMixedAsm(x3, y3, z3, x1, y1, z1, x2, y2 *P256Element) bool { return false }
func p256JacAddMixedSelectAsm(x3, y3, z3, x1, y1, z1, x2, y2 *P256Element, neg, keep int) bool {
	return false
}

// The brainpoolP256r1 formulas run the Go sequences.
func bp256JacDoubleAMinus3Asm(x3, y3, z3, x, y, z *BP256Element) bool { return false }
func bp256JacDoubleAMinus3NAsm(x, y, z *BP256Element, n int) bool     { return false }
func bp256JacWindowAsm(x, y, z *BP256Element, tab *[16]BP256Element, abs uint64, neg, keep int) bool {
	return false
}
func bp256JacAddMixedAsm(x3, y3, z3, x1, y1, z1, x2, y2 *BP256Element) bool { return false }
func bp256JacAddMixedSelectAsm(x3, y3, z3, x1, y1, z1, x2, y2 *BP256Element, neg, keep int) bool {
	return false
}
