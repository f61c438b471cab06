package field

// Temporary kernels on the generic loop implementation; replaced by the
// generated straight-line code.

func p256ElementMul(z, x, y *[4]uint64) {
	montMulLoop(z, x, y, &p256ElementModulus, p256ElementM0Inv)
}
func p256ElementSquare(z, x *[4]uint64) {
	montMulLoop(z, x, x, &p256ElementModulus, p256ElementM0Inv)
}
func p256ElementFromMont(z, x *[4]uint64) {
	montMulLoop(z, x, &[4]uint64{1}, &p256ElementModulus, p256ElementM0Inv)
}
func p256ElementAdd(z, x, y *[4]uint64) { addMod(z, x, y, &p256ElementModulus) }
func p256ElementSub(z, x, y *[4]uint64) { subMod(z, x, y, &p256ElementModulus) }

func p256ScalarMul(z, x, y *[4]uint64) {
	montMulLoop(z, x, y, &p256ScalarModulus, p256ScalarM0Inv)
}
func p256ScalarSquare(z, x *[4]uint64) {
	montMulLoop(z, x, x, &p256ScalarModulus, p256ScalarM0Inv)
}
func p256ScalarFromMont(z, x *[4]uint64) {
	montMulLoop(z, x, &[4]uint64{1}, &p256ScalarModulus, p256ScalarM0Inv)
}
func p256ScalarAdd(z, x, y *[4]uint64) { addMod(z, x, y, &p256ScalarModulus) }
func p256ScalarSub(z, x, y *[4]uint64) { subMod(z, x, y, &p256ScalarModulus) }

func bp256ElementMul(z, x, y *[4]uint64) {
	montMulLoop(z, x, y, &bp256ElementModulus, bp256ElementM0Inv)
}
func bp256ElementSquare(z, x *[4]uint64) {
	montMulLoop(z, x, x, &bp256ElementModulus, bp256ElementM0Inv)
}
func bp256ElementFromMont(z, x *[4]uint64) {
	montMulLoop(z, x, &[4]uint64{1}, &bp256ElementModulus, bp256ElementM0Inv)
}
func bp256ElementAdd(z, x, y *[4]uint64) { addMod(z, x, y, &bp256ElementModulus) }
func bp256ElementSub(z, x, y *[4]uint64) { subMod(z, x, y, &bp256ElementModulus) }

func bp256ScalarMul(z, x, y *[4]uint64) {
	montMulLoop(z, x, y, &bp256ScalarModulus, bp256ScalarM0Inv)
}
func bp256ScalarSquare(z, x *[4]uint64) {
	montMulLoop(z, x, x, &bp256ScalarModulus, bp256ScalarM0Inv)
}
func bp256ScalarFromMont(z, x *[4]uint64) {
	montMulLoop(z, x, &[4]uint64{1}, &bp256ScalarModulus, bp256ScalarM0Inv)
}
func bp256ScalarAdd(z, x, y *[4]uint64) { addMod(z, x, y, &bp256ScalarModulus) }
func bp256ScalarSub(z, x, y *[4]uint64) { subMod(z, x, y, &bp256ScalarModulus) }
