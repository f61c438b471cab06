// Package ec implements the group arithmetic of the two curves RSP uses for ECDSA and ECKA — NIST P-256
// (secp256r1 / prime256v1, FIPS 186-4 §D.1.2.3, SEC 2 §2.4.2) and brainpoolP256r1 (RFC 5639 §3.4) — on top of
// the Montgomery field arithmetic in internal/field. SGP.22 §2.6.5 and SGP.32 use ECDSA with SHA-256 on either
// curve, plain r‖s signatures (BSI TR-03111 §5.2.1) and ECKA shared secrets made of the X coordinate.
//
// What is here:
//
//   - Points in homogeneous projective coordinates (X:Y:Z), x = X/Z, y = Y/Z, identity (0:1:0), with the complete
//     addition and doubling formulas of Renes, Costello and Batina, "Complete addition formulas for prime order
//     elliptic curves" (EUROCRYPT 2016): Algorithms 4, 6 (a = -3) for P-256 and Algorithms 1, 3 (any a) for
//     brainpoolP256r1. Both curves have cofactor 1, so the formulas have no exceptional cases (P + P, P + (-P),
//     P + O all go through the same code); they build the precomputed tables.
//   - Jacobian coordinates (x = X/Z², y = Y/Z³) with the cheaper Bernstein–Lange doubling (dbl-2001-b, a = -3)
//     and mixed addition (madd-2007-bl) formulas, and co-Z additions (ZADDU) for verification's tables.
//     brainpoolP256r1 (a ≠ -3) runs them on its twist brainpoolP256t1 (a = -3, RFC 5639 §3.4;
//     (x, y) -> (z²x, z³y), bp256_curve.go): points are mapped there on the way in and back on the way out,
//     two multiplications by constants each. The doublings have no exceptional inputs on these curves and
//     also serve the constant-time multiplications; the additions are incomplete: verification detects
//     P = Q, P = -Q and O with branches (public data), the constant-time multiplications rule those cases out
//     by integer bounds or select them away (see p256BaseMult).
//   - ScalarBaseMult: constant time fixed-base multiplication with 37 precomputed windows of 64 affine points
//     (signed 7-bit digits, no doublings), scanned in full for every lookup (scanRows64: every entry read and
//     masked, AVX2/SSE2 assembly on amd64, see scan.go); the table (148 KiB per curve) is built on first use.
//     Branch-free Jacobian mixed additions in every window on min(k, n - k) < n/2 (the exceptional cases are
//     ruled out by an integer bound or handled with masks, see p256BaseMult; the sign restored with a mask).
//   - ECDH: constant time variable-base multiplication with signed 4-bit fixed windows over a per-call table of
//     eight multiples (built from the public point, made affine with one batch inversion) on min(k, n - k)
//     (< n/2: 64 windows, 252 doublings, the sign restored with a mask), and branch-free Jacobian mixed
//     additions in every window (exceptions ruled out by an integer bound or selected away, see
//     p256ScalarMultJac); full-table scans with scanRows64.
//   - ECDSA core (SEC 1 v2 §4.1.3 signing from a given nonce, §4.1.4 verification; FIPS 186-4 §6.4):
//     SignDigest (constant time in d and k) and VerifyDigest (variable time: public data only) with interleaved
//     w-NAF double-scalar multiplication u1·G + u2·Q and the final comparison x(R) mod n = r done in projective
//     form without an inversion; PrecomputedKey with a larger table for a hot public key; VerifyBatch, which
//     shares the inversion of s between the jobs of a batch.
//   - SEC 1 v2 §2.3.3 / §2.3.4 point encoding: uncompressed 04‖X‖Y out, uncompressed or compressed (02/03‖X) in;
//     point validation (SEC 1 §3.2.2.1 for prime-order curves: coordinates < p, on the curve, not infinity).
//
// What is left out: other curves, hybrid (06/07) point encodings, the infinity encoding (00) as an input (it is
// rejected with ErrPointAtInfinity), nonce generation (RFC 6979 / hedging lives one floor up in package ecdsa),
// hashing (the caller passes the SHA-256 digest), DER signatures (package ecdsa), and a true batch verification
// with random linear combinations (VerifyBatch verifies each signature, sharing only the inversions).
//
// All exported functions except Precompute (and the one-time lazy table builds) allocate nothing.
//
// The brainpoolP256r1 code in bp256_gen.go is generated from the P-256 template p256.go by gen.go (go generate);
// only the curve constants and formulas (p256_curve.go, bp256_curve.go) are written per curve.
package ec

//go:generate go run gen.go

import (
	"errors"
)

// CurveID names one of the supported curves.
type CurveID uint8

// The supported curves.
const (
	P256  CurveID = 1 // NIST P-256 (prime256v1, 1.2.840.10045.3.1.7)
	BP256 CurveID = 2 // brainpoolP256r1 (1.3.36.3.3.2.8.1.1.7)
)

// String returns "P-256", "brainpoolP256r1" or "unknown curve".
func (c CurveID) String() string {
	switch c {
	case P256:
		return "P-256"
	case BP256:
		return "brainpoolP256r1"
	}
	return "unknown curve"
}

// OrderBytes returns the group order n of the curve, big-endian (all zero for an unknown curve).
func (c CurveID) OrderBytes() [32]byte {
	switch c {
	case P256:
		return p256OrderBytes
	case BP256:
		return bp256OrderBytes
	}
	return [32]byte{}
}

// Errors returned by this package. Callers match them with errors.Is.
var (
	ErrUnknownCurve    = errors.New("ec: unknown curve")
	ErrInvalidPoint    = errors.New("ec: invalid point encoding or point not on the curve")
	ErrPointAtInfinity = errors.New("ec: point at infinity")
	ErrInvalidScalar   = errors.New("ec: scalar is zero or not less than the group order")
	// ErrZeroSignature is returned by SignDigest when r or s comes out as zero; the caller retries with another
	// nonce (SEC 1 §4.1.3 steps 4 and 6).
	ErrZeroSignature = errors.New("ec: r or s is zero, retry with another nonce")
)

// ValidatePoint checks that p is the SEC 1 encoding (65-byte uncompressed or 33-byte compressed) of a point on
// curve c other than the point at infinity, with both coordinates less than the field prime.
// It is variable time (points are public).
func ValidatePoint(c CurveID, p []byte) error {
	switch c {
	case P256:
		var a p256Affine
		return p256Decode(&a, p)
	case BP256:
		var a bp256Affine
		return bp256Decode(&a, p)
	}
	return ErrUnknownCurve
}

// DecompressPoint validates p (33 or 65 bytes, as in ValidatePoint) and writes its uncompressed encoding
// 04‖X‖Y to dst.
func DecompressPoint(c CurveID, dst *[65]byte, p []byte) error {
	switch c {
	case P256:
		var a p256Affine
		if err := p256Decode(&a, p); err != nil {
			return err
		}
		a.encode(dst)
		return nil
	case BP256:
		var a bp256Affine
		if err := bp256Decode(&a, p); err != nil {
			return err
		}
		a.encode(dst)
		return nil
	}
	return ErrUnknownCurve
}

// ScalarBaseMult writes k·G, uncompressed, to dst. k is a big-endian scalar in [1, n-1] (else ErrInvalidScalar).
// It runs in time independent of the value of k; see p256BaseMult for how.
func ScalarBaseMult(c CurveID, dst *[65]byte, k *[32]byte) error {
	switch c {
	case P256:
		return p256ScalarBaseMult(dst, k)
	case BP256:
		return bp256ScalarBaseMult(dst, k)
	}
	return ErrUnknownCurve
}

// ECDH computes the X coordinate of k·peer into x (32 bytes, big-endian: the ECKA shared secret of BSI TR-03111
// §4.3.1 / SEC 1 §3.3.1). peer is validated first (33 or 65 bytes, on the curve, not infinity); k must be in
// [1, n-1]. A point-at-infinity result is rejected with ErrPointAtInfinity (it cannot happen for a valid peer on
// these prime-order curves). The multiplication runs in time independent of k; see p256ScalarMultJac.
func ECDH(c CurveID, x *[32]byte, peer []byte, k *[32]byte) error {
	switch c {
	case P256:
		return p256ECDH(x, peer, k)
	case BP256:
		return bp256ECDH(x, peer, k)
	}
	return ErrUnknownCurve
}

// ECDHJob is one ECDH for ECDHBatch: the scalar K (big-endian, in [1, n-1]) times the encoded point Peer on
// Curve. ECDHBatch writes X and Err and leaves K for the caller to clear.
type ECDHJob struct {
	Curve CurveID
	Peer  []byte
	K     [32]byte
	X     [32]byte // the shared secret, zero when Err is not nil
	Err   error    // what ECDH would return
}

// ecdhChunk is the number of jobs per curve whose two inversions ECDHBatch shares (their tables are on the
// stack, about 16 KB).
const ecdhChunk = 8

// ECDHBatch does what ECDH does for each job, with the same results and errors (a rejected job does not
// affect the others), but shares the two field inversions of up to ecdhChunk jobs per curve: the affine
// conversion of their tables (public values) and the final 1/Z² (a constant-time inversion of the product of
// all the jobs' Z², Montgomery's trick). For an SM-DP+ deriving the shared secrets of many sessions at once.
// Constant time in each K as ECDH is; it allocates nothing.
func ECDHBatch(jobs []ECDHJob) {
	for i := range jobs {
		if c := jobs[i].Curve; c != P256 && c != BP256 {
			jobs[i].X, jobs[i].Err = [32]byte{}, ErrUnknownCurve
		}
	}
	p256ECDHBatch(jobs)
	bp256ECDHBatch(jobs)
}

// SignDigest computes the ECDSA signature (SEC 1 v2 §4.1.3 steps 4-6) of the digest e with private key d and
// nonce k (both big-endian scalars that must lie in [1, n-1]): r = x(k·G) mod n, s = k⁻¹·(e' + r·d) mod n, where
// e' is bits2int(e) mod n (the leftmost 256 bits of e, or e left-padded when shorter). sig receives r‖s, 32
// bytes each (the BSI TR-03111 plain form). If r or s is zero it returns ErrZeroSignature and the caller must
// retry with a fresh nonce. Constant time in d and k: k·G uses the fixed-base windows, the affine conversion and
// k⁻¹ use the constant-time field inversion, all scalar arithmetic is the constant-time field code.
func SignDigest(c CurveID, sig *[64]byte, d *[32]byte, k *[32]byte, e []byte) error {
	switch c {
	case P256:
		return p256SignDigest(sig, d, k, e)
	case BP256:
		return bp256SignDigest(sig, d, k, e)
	}
	return ErrUnknownCurve
}

// SignJob is one signature for SignBatch: Digest signed with the private scalar D and the nonce K on Curve
// (big-endian, both in [1, n-1]). SignBatch writes Sig and Err and leaves D and K for the caller to clear.
type SignJob struct {
	Curve  CurveID
	D, K   [32]byte
	Digest []byte
	Sig    [64]byte // r‖s, zero when Err is not nil
	Err    error    // what SignDigest would return
}

// signChunk is the number of jobs per curve whose two inversions SignBatch shares.
const signChunk = 8

// SignBatch does what SignDigest does for each job, with the same signatures and errors (a rejected job does
// not affect the others; ErrZeroSignature asks for that job's retry with another nonce), but shares the two
// constant-time inversions of up to signChunk jobs per curve: 1/Z of every k·G and every k⁻¹ mod n
// (Montgomery's trick). For an SM-DP+ signing for many sessions at once. Constant time in each D and K as
// SignDigest is; it allocates nothing.
func SignBatch(jobs []SignJob) {
	for i := range jobs {
		if c := jobs[i].Curve; c != P256 && c != BP256 {
			jobs[i].Sig, jobs[i].Err = [64]byte{}, ErrUnknownCurve
		}
	}
	p256SignBatch(jobs)
	bp256SignBatch(jobs)
}

// PublicKey is a validated public point on one of the supported curves.
type PublicKey struct {
	curve CurveID
	enc   [65]byte
	p256  p256Affine
	bp256 bp256Affine
}

// NewPublicKey validates p (33-byte compressed or 65-byte uncompressed SEC 1 encoding) and returns the key.
func NewPublicKey(c CurveID, p []byte) (*PublicKey, error) {
	pk := new(PublicKey)
	if _, err := pk.SetBytes(c, p); err != nil {
		return nil, err
	}
	return pk, nil
}

// SetBytes is NewPublicKey into an existing PublicKey (no allocation). On error pk is left unchanged.
func (pk *PublicKey) SetBytes(c CurveID, p []byte) (*PublicKey, error) {
	switch c {
	case P256:
		var a p256Affine
		if err := p256Decode(&a, p); err != nil {
			return nil, err
		}
		pk.p256 = a
		a.encode(&pk.enc)
	case BP256:
		var a bp256Affine
		if err := bp256Decode(&a, p); err != nil {
			return nil, err
		}
		pk.bp256 = a
		a.encode(&pk.enc)
	default:
		return nil, ErrUnknownCurve
	}
	pk.curve = c
	return pk, nil
}

// Curve returns the curve of the key.
func (pk *PublicKey) Curve() CurveID { return pk.curve }

// Bytes returns the uncompressed encoding 04‖X‖Y.
func (pk *PublicKey) Bytes() [65]byte { return pk.enc }

// VerifyDigest reports whether (r, s) is a valid ECDSA signature of the digest e under pk (SEC 1 v2 §4.1.4).
// r and s are big-endian and must lie in [1, n-1] (strict: no reduction of out-of-range values). e is converted
// with bits2int and reduced mod n as in SignDigest.
//
// Variable time: it handles only public data (key, digest, signature), and branches and indexes tables on the
// w-NAF digits of u1 = e·s⁻¹ and u2 = r·s⁻¹.
func (pk *PublicKey) VerifyDigest(e []byte, r, s *[32]byte) bool {
	if pk == nil {
		return false
	}
	switch pk.curve {
	case P256:
		return p256Verify(&pk.p256, nil, e, r, s)
	case BP256:
		return bp256Verify(&pk.bp256, nil, e, r, s)
	}
	return false
}

// PrecomputedKey is a public key with tables of the odd multiples 1·P .. 255·P of P = 2^(8j)·Q (j = 0..32), so
// that verification needs only 8 doublings instead of 256 and about 51 mixed additions. Building one takes a few
// milliseconds (some 50 plain verifications) and 264 KiB of memory; it pays off for a key that verifies many
// signatures (an EUM or CI key, the Verifier path of package ecdsa). A PrecomputedKey is immutable and safe for
// concurrent use.
type PrecomputedKey struct {
	pk    PublicKey
	p256  *p256PieceTable
	bp256 *bp256PieceTable
}

// Precompute builds the table for pk. It allocates (once per key).
func (pk *PublicKey) Precompute() *PrecomputedKey {
	pre := &PrecomputedKey{pk: *pk}
	switch pk.curve {
	case P256:
		var q p256Point
		q.setAffine(&pk.p256)
		pre.p256 = p256NewPieceTable(&q)
	case BP256:
		var q bp256Point
		q.setAffine(&pk.bp256)
		pre.bp256 = bp256NewPieceTable(&q)
	}
	return pre
}

// PublicKey returns the key the table was built for.
func (pk *PrecomputedKey) PublicKey() *PublicKey { return &pk.pk }

// VerifyDigest is PublicKey.VerifyDigest using the precomputed table. Variable time (public data only).
func (pk *PrecomputedKey) VerifyDigest(e []byte, r, s *[32]byte) bool {
	if pk == nil {
		return false
	}
	switch pk.pk.curve {
	case P256:
		return p256Verify(&pk.pk.p256, pk.p256, e, r, s)
	case BP256:
		return bp256Verify(&pk.pk.bp256, pk.bp256, e, r, s)
	}
	return false
}

// VerifyJob is one signature verification for VerifyBatch: Pre when it is not nil, else Key.
type VerifyJob struct {
	Key    *PublicKey
	Pre    *PrecomputedKey // optional; takes precedence over Key
	Digest []byte
	R, S   [32]byte
}

func (j *VerifyJob) curve() CurveID {
	switch {
	case j.Pre != nil:
		return j.Pre.pk.curve
	case j.Key != nil:
		return j.Key.curve
	}
	return 0
}

// batchChunk is the number of jobs whose s inversions VerifyBatch shares (stack arrays, no allocation).
const batchChunk = 32

// VerifyBatch verifies each job and writes the result to ok[i] (len(ok) must be at least len(jobs)); a job
// without a key or on an unknown curve is false. It gives the same answers as VerifyDigest job by job, but
// shares the modular inversion of s between up to 32 jobs per curve (Montgomery's trick), which saves
// roughly a quarter of the work of each PrecomputedKey verification. Variable time (public data only).
func VerifyBatch(jobs []VerifyJob, ok []bool) {
	_ = ok[:len(jobs)]
	for start := 0; start < len(jobs); start += batchChunk {
		end := min(start+batchChunk, len(jobs))
		js, oks := jobs[start:end], ok[start:end]
		for i := range js {
			if c := js[i].curve(); c != P256 && c != BP256 {
				oks[i] = false
			}
		}
		p256VerifyBatch(js, oks)
		bp256VerifyBatch(js, oks)
	}
}

// bits2int converts a digest into the 32-byte big-endian integer of SEC 1 v2 §4.1.3 step 5 / FIPS 186-4 §6.4 for
// a 256-bit group order: the leftmost 256 bits when e is longer, e left-padded with zeros when it is shorter.
// The result still has to be reduced mod n.
func bits2int(out *[32]byte, e []byte) {
	if len(e) >= 32 {
		copy(out[:], e[:32])
		return
	}
	*out = [32]byte{}
	copy(out[32-len(e):], e)
}
