// Package field implements constant-time modular arithmetic for the four
// moduli an SGP.22 / SGP.32 engine needs (SGP.22 §2.6.5: ECDSA and ECKA on NIST
// P-256 and brainpoolP256r1):
//
//   - [P256Element]: the base field of NIST P-256 (FIPS 186-4 §D.1.2.3)
//   - [P256Scalar]: integers modulo the order n of P-256
//   - [BP256Element]: the base field of brainpoolP256r1 (RFC 5639 §3.4)
//   - [BP256Scalar]: integers modulo the order q of brainpoolP256r1
//
// Elements are four 64-bit limbs in Montgomery form. Every operation runs in
// time independent of the values it works on: no branch and no memory index
// depends on them; reductions end in a masked conditional subtraction (CMOV
// in the assembly). Only SetBytes reveals (by returning an error) whether its
// input was canonical; Invert and Sqrt run a fixed sequence of operations
// that depends only on the public modulus.
//
// Implementation: ./gen writes the *_gen.go files (go generate): the types
// and their methods, and straight-line Go kernels: word-by-word (CIOS)
// Montgomery multiplication, a dedicated squaring (off-diagonal products
// once, doubled) followed by Montgomery reduction, and for P-256 p, whose
// -p^-1 mod 2^64 is 1, product-then-reduce with a reduction that needs no
// multiplication by that constant. On amd64 CPUs with BMI2 and ADX, Mul and
// Square run on assembly with MULX/ADCX/ADOX (mul_amd64.s, written by the
// avo program in ./_asm, a separate module), chosen once at start-up;
// [HasAssembly] tells which; for P-256 p the assembly's Montgomery rounds use
// shifts instead of multiplications (p's words are -1, 2^32-1, 0,
// 2^64-2^32+1). The purego build tag keeps the Go kernels. Invert runs a
// fixed number (591) of Bernstein–Yang divsteps (invert.go; the batches in
// assembly written by ./_asminv on amd64); Sqrt is a^((p+1)/4) (both primes p
// are 3 mod 4), a fixed sliding-window exponentiation over the public
// exponent.
//
// The package knows nothing about points (see internal/ec) except the
// Jacobian-coordinate formulas internal/ec spends most of its time in:
// [P256DoubleJacobian] (a = -3) and [P256DoubleJacobianN], their brainpool
// twins [BP256DoubleJacobianAMinus3] and [BP256DoubleJacobianAMinus3N]
// (a = -3 over the brainpool field: internal/ec works on the twist
// brainpoolP256t1), the incomplete mixed additions [P256AddJacobianMixed] and
// [BP256AddJacobianMixed] (Bernstein–Lange dbl-2001-b and madd-2007-bl, both
// scaled by 1/2 so that their small multiples drop out), the constant-time
// window steps [P256AddJacobianMixedSelect] / [BP256AddJacobianMixedSelect]
// and the whole ECDH window [P256JacWindow] / [BP256JacWindow]. On amd64 with
// BMI2 and ADX each runs as one assembly function with all its field
// operations inline (written by ./_asm from a list of steps), which saves the
// calls and operand traffic of 20-30 separate field operations; each product
// also keeps its result in registers for the additions that follow it and is
// stored once; otherwise the same steps run on the methods. All are straight
// line and constant time. [P256Element.OrIf] and its twins serve
// constant-time table scans. The one variable-time operation is
// InvertVartime, for public values. The package leaves out everything but
// these four moduli: no generic modulus, no batch inversion.
package field

//go:generate go run ./gen
//go:generate go run -C _asm . -out ../mul_amd64.s -stubs ../mul_amd64_stubs.go -pkg field

import "errors"

var (
	// ErrInvalidLength is returned by SetBytes for input that is not 32 bytes.
	ErrInvalidLength = errors.New("field: encoding is not 32 bytes")
	// ErrNotCanonical is returned by SetBytes for a value not below the modulus.
	ErrNotCanonical = errors.New("field: value is not below the modulus")
)
