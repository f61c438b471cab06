// This file is the template for the brainpoolP256r1 code: gen.go copies it to bp256_gen.go replacing
// "P256" with "BP256" and "p256" with "bp256". Curve-specific constants and formulas live in p256_curve.go
// and bp256_curve.go. Run `go generate` after editing.

package ec

import (
	"sync"
	"unsafe"

	"github.com/rspengine/rspengine/internal/field"
)

// p256Point is a point in homogeneous projective coordinates (X:Y:Z); the identity is (0:1:0).
type p256Point struct {
	x, y, z field.P256Element
}

// p256Affine is a point (x, y) other than the identity.
type p256Affine struct {
	x, y field.P256Element
}

// p256PieceTable holds the odd multiples (2m+1)·2^(pieceBits·j)·P for the pieces j of a w-NAF (see pieceBits).
type p256PieceTable [pieceCount][pieceSize]p256Affine

var (
	p256G p256Affine // the base point

	p256OrderField  field.P256Element // n as a field element (n < p)
	p256PMinusN     [32]byte          // p - n, big-endian: r + n < p iff r < p - n
	p256BaseOnce    sync.Once
	p256BaseTable   *[baseWindows][baseRow]p256Affine // [i][j-1] = j·2^(baseBits·i)·G
	p256GPieceOnce  sync.Once
	p256GPieceTable *p256PieceTable
)

func init() {
	if _, err := p256G.x.SetBytes(p256GxBytes[:]); err != nil {
		panic("ec: bad P256 generator")
	}
	if _, err := p256G.y.SetBytes(p256GyBytes[:]); err != nil {
		panic("ec: bad P256 generator")
	}
	if _, err := p256OrderField.SetBytes(p256OrderBytes[:]); err != nil {
		panic("ec: bad P256 order")
	}
	p256PMinusN = subBE(&p256PrimeBytes, &p256OrderBytes)
}

func (p *p256Point) setAffine(a *p256Affine) *p256Point {
	p.x.Set(&a.x)
	p.y.Set(&a.y)
	p.z.One()
	return p
}

// affineX returns the canonical encoding of x = X/Z of p ≠ O (one constant-time inversion, no y).
func (p *p256Point) affineX() [32]byte {
	var zinv field.P256Element
	zinv.Invert(&p.z)
	zinv.Mul(&p.x, &zinv)
	return zinv.Bytes()
}

// toAffine converts p ≠ O to affine coordinates with one constant-time inversion.
func (p *p256Point) toAffine(a *p256Affine) {
	var zinv field.P256Element
	zinv.Invert(&p.z)
	a.x.Mul(&p.x, &zinv)
	a.y.Mul(&p.y, &zinv)
}

// p256BatchToAffine converts points (none of them the identity) to affine coordinates with a single inversion
// (Montgomery's trick). It allocates a scratch slice: it is only used to build tables of public points, so
// the inversion is the variable-time one.
func p256BatchToAffine(out []p256Affine, in []p256Point) {
	prefix := make([]field.P256Element, len(in))
	var acc, inv, zinv field.P256Element
	acc.One()
	for i := range in {
		prefix[i].Set(&acc)
		acc.Mul(&acc, &in[i].z)
	}
	inv.InvertVartime(&acc)
	for i := len(in) - 1; i >= 0; i-- {
		zinv.Mul(&inv, &prefix[i])
		inv.Mul(&inv, &in[i].z)
		out[i].x.Mul(&in[i].x, &zinv)
		out[i].y.Mul(&in[i].y, &zinv)
	}
}

// encode writes 04‖X‖Y.
func (a *p256Affine) encode(dst *[65]byte) {
	dst[0] = 4
	x := a.x.Bytes()
	y := a.y.Bytes()
	copy(dst[1:33], x[:])
	copy(dst[33:], y[:])
}

// p256Decode parses an uncompressed (65-byte) or compressed (33-byte) SEC 1 point and checks that it is on the
// curve with canonical coordinates. Variable time (public input).
func p256Decode(a *p256Affine, b []byte) error {
	switch {
	case len(b) == 65 && b[0] == 4:
		if _, err := a.x.SetBytes(b[1:33]); err != nil {
			return ErrInvalidPoint
		}
		if _, err := a.y.SetBytes(b[33:]); err != nil {
			return ErrInvalidPoint
		}
		var lhs, rhs field.P256Element
		lhs.Square(&a.y)
		p256RHS(&rhs, &a.x)
		if lhs.Equal(&rhs) != 1 {
			return ErrInvalidPoint
		}
		return nil
	case len(b) == 33 && (b[0] == 2 || b[0] == 3):
		if _, err := a.x.SetBytes(b[1:]); err != nil {
			return ErrInvalidPoint
		}
		var rhs field.P256Element
		p256RHS(&rhs, &a.x)
		if _, ok := a.y.Sqrt(&rhs); ok != 1 {
			return ErrInvalidPoint
		}
		yb := a.y.Bytes()
		if yb[31]&1 != b[0]&1 {
			a.y.Neg(&a.y)
		}
		return nil
	case len(b) == 1 && b[0] == 0:
		return ErrPointAtInfinity
	}
	return ErrInvalidPoint
}

// p256Base returns the fixed-base table, building it on first use.
func p256Base() *[baseWindows][baseRow]p256Affine {
	p256BaseOnce.Do(func() {
		pts := make([]p256Point, baseWindows*baseRow)
		var base p256Point
		base.setAffine(&p256G)
		for i := 0; i < baseWindows; i++ {
			row := pts[i*baseRow : (i+1)*baseRow]
			row[0] = base
			row[1].double(&base)
			for j := 2; j < baseRow; j++ {
				row[j].add(&row[j-1], &base)
			}
			base.double(&row[baseRow-1]) // 2·baseRow·base = 2^baseBits·base
		}
		t := new([baseWindows][baseRow]p256Affine)
		flat := make([]p256Affine, len(pts))
		p256BatchToAffine(flat, pts)
		for i := range t {
			copy(t[i][:], flat[i*baseRow:])
		}
		p256BaseTable = t
	})
	return p256BaseTable
}

// p256BaseMult sets r = k·G for a big-endian scalar k <= n (k = 0 and k = n give the identity).
//
// Constant time: k is replaced by k' = min(k, n - k) < n/2 (halfScalar; k·G = ±k'·G, the sign restored at
// the end with a mask) and recoded into 37 signed 7-bit digits in [-64, 64] with arithmetic only
// (recodeSignedBase). For each window i the row of j·128^i·G (64 entries) is scanned completely, keeping the
// entry for |d| under a mask (scanRows64; all zero when d = 0), and p256Jac.addAffineSelect negates its y
// coordinate or not with a mask, always computes the addition and keeps the unchanged accumulator when the
// digit is zero, again with masks; the first window sets the accumulator to the masked entry instead
// (setAffineSelect). There are no doublings, every window does the same operations for every k, and no
// branch or memory index depends on k.
//
// Every window uses the Jacobian mixed addition (8M+3S, in addAffineSelect), which is wrong only for acc = ±T
// or acc = O. acc = O (all lower digits zero) is handled by selecting T. acc = ±T cannot happen: acc is P·G
// with the integer P = Σ_{j<i} d_j·128^j, |P| ≤ 64·(128^i-1)/127 < 128^i, and T = d_i·128^i·G with
// 1 ≤ |d_i| ≤ 64, so 0 < |P ∓ d_i·128^i| < 65·128^i ≤ 65·2^245 < 2^252 < n for i ≤ 35 (n > 2^255 on both
// curves): the two points differ and are not opposite. In the last window (i = 36) k' < 2^255 bounds the
// digit, 0 ≤ d_36 ≤ 8, so |P ∓ d_36·2^252| < 9·2^252 < n (n > 10·2^252 on both curves) and acc = ±T would
// need P = ±d_36·2^252 as integers: impossible for d_36 ≠ 0 since |P| < 2^252.
func p256BaseMult(r *p256Point, k *[32]byte) {
	tab := p256Base()
	var kh [32]byte
	flip := halfScalar(&kh, k, &p256OrderBytes)
	var digits [baseWindows]int8
	recodeSignedBase(&digits, &kh)
	var acc p256Jac
	var q p256Affine
	for i := 0; i < baseWindows; i++ {
		abs, neg := absSign(digits[i])
		p256LookupBase(&q, &tab[i], abs)
		if i == 0 {
			acc.setAffineSelect(&q, neg, ctEq(abs, 0))
			continue
		}
		acc.addAffineSelect(&q, neg, ctEq(abs, 0))
	}
	r.fromJacobian(&acc)
	r.negateIf(flip)
	digits = [baseWindows]int8{}
	kh = [32]byte{}
}

// p256ScalarMultJac sets acc = ±k·q for a big-endian scalar k <= n, in Jacobian coordinates on the curve itself,
// and returns 1 when acc = -k·q (halfScalar's flip, which the caller undoes with a mask if it needs y; ECDH needs
// only x, which is the same for both).
//
// Constant time: a table of 1·q .. 8·q is built from the public point q (variable-time Jacobian formulas,
// then one batch conversion of 2·q .. 8·q to affine coordinates, p256JacBatchToAffine, so the main loop can
// use the cheaper mixed addition); k is replaced by k' = min(k, n - k) < n/2 (halfScalar; k·q = ±k'·q, the
// sign left for the caller) and recoded into signed 4-bit digits without branches; k' < 2^255 leaves no
// carry above digit 63. The accumulator starts as the entry for |d_63| (the whole table scanned with
// scanRows64, every entry read and the one for |d_63| kept by masks; setAffineSelect negates y or not and
// sets Z = 0 for d_63 = 0, with masks); then for i = 62 down to 0 p256Jac.window does four Jacobian
// doublings, scans the whole table the same way (CMOV in the assembly) and performs one mixed addition,
// negating y or not and keeping the accumulator when d_i = 0, all with masks.
//
// Every window uses the branch-free Jacobian mixed addition (8M+3S, in addAffineSelect), wrong only for
// acc = O (handled by selecting T) or acc = ±T, which cannot happen: before window i, acc = 16·A·q for the
// integer A = Σ_{j>i} d_j·16^(j-i-1), with |16·A| ≤ k'/16^i + 9 < n/2 + 9; acc = ±T needs
// 16·A ≡ ±d_i (mod n), and |16·A ∓ d_i| < n/2 + 17 < n makes that 16·A = ±d_i, which for |d_i| ≤ 8 means
// A = 0 (acc = O) and d_i = 0 (the dummy entry, whose result is not kept). The doublings have no exceptional
// inputs on these curves (no point has y = 0, and Z = 0 stays Z = 0). Nothing branches on k or indexes memory
// with it.
func p256ScalarMultJac(acc *p256Jac, q *p256Affine, k *[32]byte) int {
	var jt [7]p256Jac
	var tab [8]p256Affine
	p256MulTableJac(&tab, &jt, q)
	p256JacBatchToAffine(tab[1:], jt[:])
	return p256ScalarMultTab(acc, &tab, k)
}

// p256MulTableJac starts the table of p256ScalarMultJac: tab[0] = q and jt[0..6] = 2·q .. 8·q in Jacobian
// coordinates, both on the working curve (p256ToWork: the identity for P-256). The caller converts jt into
// tab[1..7] (p256JacBatchToAffine, or one conversion for many tables in p256ECDHBatch). q is public, so the
// variable-time formulas are fine here; m·q ≠ O for m ≤ 8.
func p256MulTableJac(tab *[8]p256Affine, jt *[7]p256Jac, q *p256Affine) {
	qw := *q
	p256ToWork(&qw)
	var q1 p256Jac
	q1.setAffine(&qw)
	jt[0].double(&q1)
	jt[1].addAffine(&jt[0], &qw) // q has Z = 1: mixed additions
	jt[2].double(&jt[0])
	jt[3].addAffine(&jt[2], &qw)
	jt[4].double(&jt[1])
	jt[5].addAffine(&jt[4], &qw)
	jt[6].double(&jt[2])
	tab[0] = qw // 1·q is affine already
}

// p256ScalarMultTab is p256ScalarMultJac on a finished table tab = 1·q .. 8·q (affine, on the working curve).
func p256ScalarMultTab(acc *p256Jac, tab *[8]p256Affine, k *[32]byte) int {
	var kh [32]byte
	flip := halfScalar(&kh, k, &p256OrderBytes)
	var digits [mulWindows]int8
	recodeSigned4(&digits, &kh) // digits[64] = 0: kh < 2^255
	var t p256Affine
	abs, neg := absSign(digits[mulWindows-2])
	p256LookupAffine8(&t, tab, abs)
	acc.setAffineSelect(&t, neg, ctEq(abs, 0))
	for i := mulWindows - 3; i >= 0; i-- {
		abs, neg := absSign(digits[i])
		acc.window(tab, abs, neg, ctEq(abs, 0))
	}
	p256FromWork(acc)
	digits = [mulWindows]int8{}
	kh = [32]byte{}
	return flip
}

// setAffineSelect sets acc = (-1)^neg·q with Z = 1, or the identity (Z = 0) when zero == 1 (q is then the
// all-zero dummy): the first window of the constant-time multiplications, where an addition to acc = O
// would only select q. Constant time: the negation and the choice of Z are masks.
func (acc *p256Jac) setAffineSelect(q *p256Affine, neg, zero int) {
	var ny, one, zz field.P256Element
	ny.Neg(&q.y)
	one.One()
	acc.x.Set(&q.x)
	acc.y.Select(&ny, &q.y, neg)
	acc.z.Select(&zz, &one, zero)
}

// p256JacBatchToAffine converts the Jacobian points in (none of them the identity; one to eight of them, as
// many as out) to affine coordinates with one inversion (Montgomery's trick: 3(len-1) products besides the
// inversion and the 4 per point of the conversion), without allocating. The points must be public (the
// tables of a peer's or a signer's public point): the inversion is field's InvertVartime, the rest has no
// branch on the values.
func p256JacBatchToAffine(out []p256Affine, in []p256Jac) {
	var prefix [8]field.P256Element
	p256JacBatchToAffineBuf(out, in, prefix[:])
}

// p256JacBatchToAffineBuf is p256JacBatchToAffine for any number of points, with the caller's scratch prefix
// (at least len(in) elements).
func p256JacBatchToAffineBuf(out []p256Affine, in []p256Jac, prefix []field.P256Element) {
	n := len(in)
	out, prefix = out[:n], prefix[:n] // prefix[i] = Z_0·…·Z_i
	prefix[0].Set(&in[0].z)
	for i := 1; i < n; i++ {
		prefix[i].Mul(&prefix[i-1], &in[i].z)
	}
	var inv, zinv, zinv2 field.P256Element
	inv.InvertVartime(&prefix[n-1]) // at step i of the loop below, inv = 1/(Z_0·…·Z_i)
	for i := n - 1; i >= 0; i-- {
		if i > 0 {
			zinv.Mul(&inv, &prefix[i-1])
			inv.Mul(&inv, &in[i].z)
		} else {
			zinv.Set(&inv)
		}
		zinv2.Square(&zinv)
		out[i].x.Mul(&in[i].x, &zinv2)
		zinv2.Mul(&zinv2, &zinv)
		out[i].y.Mul(&in[i].y, &zinv2)
	}
}

// p256LookupAffine8 sets t = tab[abs-1] by scanning the whole table with scanRows64 (t = (0, 0) for abs = 0;
// the caller discards the results computed from that dummy). Constant time.
func p256LookupAffine8(t *p256Affine, tab *[8]p256Affine, abs uint64) {
	scanRows64((*[8]uint64)(unsafe.Pointer(t)), (*[8]uint64)(unsafe.Pointer(&tab[0])), 8, abs)
}

// p256LookupBase sets q = row[abs-1] by scanning the whole row (q = (0, 0) for abs = 0; that dummy's results
// are always discarded by the caller). Constant time: scanRows64 (scan.go) reads every entry and selects with
// masks.
func p256LookupBase(q *p256Affine, row *[baseRow]p256Affine, abs uint64) {
	scanRows64((*[8]uint64)(unsafe.Pointer(q)), (*[8]uint64)(unsafe.Pointer(&row[0])), baseRow, abs)
}

// negateIf sets r = -r if neg == 1 (unchanged if neg == 0), with a mask: the sign that halfScalar took off.
// Constant time.
func (r *p256Point) negateIf(neg int) {
	var negY field.P256Element
	negY.Neg(&r.y)
	r.y.Select(&negY, &r.y, neg)
}

// fromJacobian sets r to the projective form (X·Z : Y : Z³) of p; Z = 0 gives the identity (0 : 1 : 0).
// Constant time.
func (r *p256Point) fromJacobian(p *p256Jac) {
	var zz, one field.P256Element
	zz.Square(&p.z)
	one.One()
	r.x.Mul(&p.x, &p.z)
	r.y.Select(&one, &p.y, p.z.IsZero())
	r.z.Mul(&zz, &p.z)
}

// p256ScalarOK parses k as a scalar in [1, n-1]. The check reveals only whether k is valid.
func p256ScalarOK(s *field.P256Scalar, k *[32]byte) bool {
	if _, err := s.SetBytes(k[:]); err != nil {
		return false
	}
	return s.IsZero() == 0
}

// p256ScalarBaseMult is ScalarBaseMult (constant time: p256BaseMult, then a constant-time inversion of Z).
func p256ScalarBaseMult(dst *[65]byte, k *[32]byte) error {
	var s field.P256Scalar
	if !p256ScalarOK(&s, k) {
		return ErrInvalidScalar
	}
	var r p256Point
	p256BaseMult(&r, k)
	var a p256Affine
	r.toAffine(&a)
	a.encode(dst)
	return nil
}

// p256ECDH is ECDH: the peer point is public and validated first; k goes only through the range check and
// p256ScalarMultJac, and x = X/Z² of its Jacobian result needs one constant-time inversion (field Invert: a fixed
// number of divsteps); the sign p256ScalarMultJac leaves does not change x.
func p256ECDH(x *[32]byte, peer []byte, k *[32]byte) error {
	var q p256Affine
	if err := p256Decode(&q, peer); err != nil {
		return err
	}
	var s field.P256Scalar
	if !p256ScalarOK(&s, k) {
		return ErrInvalidScalar
	}
	var acc p256Jac
	p256ScalarMultJac(&acc, &q, k) // x(-P) = x(P)
	if acc.z.IsZero() == 1 {
		return ErrPointAtInfinity
	}
	var zinv field.P256Element
	zinv.Square(&acc.z)
	zinv.Invert(&zinv)
	zinv.Mul(&acc.x, &zinv) // x = X/Z²
	*x = zinv.Bytes()
	return nil
}

// p256ECDHBatch runs the jobs on this curve among jobs (the others are left alone), ecdhChunk at a time, with
// two field inversions per chunk instead of two per job: one (InvertVartime, public values) converts all the
// chunk's tables of 2·q .. 8·q to affine coordinates, one (the constant-time Invert) gives all the results'
// 1/Z² (Montgomery's trick: three products per job, no branch on the values). Each job's X and Err are what
// p256ECDH would give; the multiplication itself is p256ScalarMultTab, as in p256ECDH.
func p256ECDHBatch(jobs []ECDHJob) {
	var b p256ECDHChunk
	for i := range jobs {
		if jobs[i].Curve == P256 {
			if b.add(jobs, i); b.n == ecdhChunk {
				b.run(jobs)
			}
		}
	}
	b.run(jobs)
}

// p256ECDHChunk holds up to ecdhChunk accepted jobs of p256ECDHBatch and their tables.
type p256ECDHChunk struct {
	n   int
	idx [ecdhChunk]int            // the jobs' indices in p256ECDHBatch's slice
	jt  [7 * ecdhChunk]p256Jac    // job m's 2·q .. 8·q at [7m, 7m+7)
	aff [7 * ecdhChunk]p256Affine // the same in affine coordinates
	tab [ecdhChunk][8]p256Affine
}

// add validates jobs[i] as p256ECDH does (the peer point first, then the scalar), writing Err for a rejected
// job, and starts the table of an accepted one.
func (b *p256ECDHChunk) add(jobs []ECDHJob, i int) {
	j := &jobs[i]
	j.X, j.Err = [32]byte{}, nil
	var q p256Affine
	if err := p256Decode(&q, j.Peer); err != nil {
		j.Err = err
		return
	}
	var s field.P256Scalar
	if !p256ScalarOK(&s, &j.K) {
		j.Err = ErrInvalidScalar
		return
	}
	p256MulTableJac(&b.tab[b.n], (*[7]p256Jac)(b.jt[7*b.n:]), &q)
	b.idx[b.n] = i
	b.n++
}

// run finishes the chunk's jobs (see p256ECDHBatch) and empties it. A zero Z (not possible for a valid peer
// on a prime-order curve) gives that job ErrPointAtInfinity; 1 takes its place in the shared inversion.
func (b *p256ECDHChunk) run(jobs []ECDHJob) {
	n := b.n
	if n == 0 {
		return
	}
	var prefix [7 * ecdhChunk]field.P256Element
	p256JacBatchToAffineBuf(b.aff[:7*n], b.jt[:7*n], prefix[:])
	var acc [ecdhChunk]p256Jac
	var z2 [ecdhChunk]field.P256Element
	var zero [ecdhChunk]int
	var one field.P256Element
	one.One()
	for m := range n {
		copy(b.tab[m][1:], b.aff[7*m:7*m+7])
		p256ScalarMultTab(&acc[m], &b.tab[m], &jobs[b.idx[m]].K) // x(-P) = x(P)
		zero[m] = acc[m].z.IsZero()
		z2[m].Square(&acc[m].z)
		z2[m].Select(&one, &z2[m], zero[m])
	}
	p256InvertElements(z2[:n], prefix[:n])
	for m := range n {
		j := &jobs[b.idx[m]]
		if zero[m] == 1 {
			j.Err = ErrPointAtInfinity
		} else {
			z2[m].Mul(&acc[m].x, &z2[m]) // x = X/Z²
			j.X = z2[m].Bytes()
		}
	}
	acc, z2, prefix = [ecdhChunk]p256Jac{}, [ecdhChunk]field.P256Element{}, [7 * ecdhChunk]field.P256Element{}
	b.n = 0
}

// p256InvertElements sets every v[i] (none of them zero) to 1/v[i] with one constant-time inversion
// (Montgomery's trick: three products per element; prefix is scratch of at least len(v) elements), for the
// batch APIs. No branch or memory index depends on the values. (A generic version over both types makes the
// callers' arrays escape to the heap.)
func p256InvertElements(v, prefix []field.P256Element) {
	n := len(v)
	if n == 0 {
		return
	}
	prefix = prefix[:n] // prefix[i] = v_0·…·v_i
	prefix[0].Set(&v[0])
	for i := 1; i < n; i++ {
		prefix[i].Mul(&prefix[i-1], &v[i])
	}
	var inv, t field.P256Element
	inv.Invert(&prefix[n-1]) // at step i below, inv = 1/(v_0·…·v_i)
	for i := n - 1; i > 0; i-- {
		t.Mul(&inv, &prefix[i-1])
		inv.Mul(&inv, &v[i])
		v[i].Set(&t)
	}
	v[0].Set(&inv)
	inv, t = field.P256Element{}, field.P256Element{}
}

// p256InvertScalars is p256InvertElements mod n.
func p256InvertScalars(v, prefix []field.P256Scalar) {
	n := len(v)
	if n == 0 {
		return
	}
	prefix = prefix[:n]
	prefix[0].Set(&v[0])
	for i := 1; i < n; i++ {
		prefix[i].Mul(&prefix[i-1], &v[i])
	}
	var inv, t field.P256Scalar
	inv.Invert(&prefix[n-1])
	for i := n - 1; i > 0; i-- {
		t.Mul(&inv, &prefix[i-1])
		inv.Mul(&inv, &v[i])
		v[i].Set(&t)
	}
	v[0].Set(&inv)
	inv, t = field.P256Scalar{}, field.P256Scalar{}
}

// p256SignDigest is SignDigest. Constant time in d and k: the range checks reveal only whether the scalars are
// valid; k·G is p256BaseMult; x(k·G) comes from a constant-time inversion of Z; k⁻¹ is a constant-time
// inversion mod n (field Invert: a fixed number of Bernstein–Yang divsteps); the products and sums are the
// constant-time field arithmetic. The only branches are on r and s, which are the public output. The scalar
// copies are zeroed before returning.
func p256SignDigest(sig *[64]byte, d, k *[32]byte, e []byte) error {
	var ds, ks field.P256Scalar
	if !p256ScalarOK(&ds, d) || !p256ScalarOK(&ks, k) {
		return ErrInvalidScalar
	}
	var R p256Point
	p256BaseMult(&R, k)
	xb := R.affineX()
	var rs, es, ss field.P256Scalar
	rs.SetBytesReduced(xb[:])
	if rs.IsZero() == 1 {
		return ErrZeroSignature
	}
	var eb [32]byte
	bits2int(&eb, e)
	es.SetBytesReduced(eb[:])
	ss.Mul(&rs, &ds)
	ss.Add(&ss, &es)
	ks.Invert(&ks)
	ss.Mul(&ss, &ks)
	ks.Zero()
	ds.Zero()
	R = p256Point{}
	if ss.IsZero() == 1 {
		return ErrZeroSignature
	}
	rb := rs.Bytes()
	sb := ss.Bytes()
	copy(sig[:32], rb[:])
	copy(sig[32:], sb[:])
	return nil
}

// p256SignBatch signs the jobs on this curve among jobs (the others are left alone), signChunk at a time, with
// two inversions per chunk instead of two per job, both the constant-time Invert of Montgomery's trick (three
// products per job, no branch on the values): one gives the 1/Z of every k·G, one every k⁻¹ mod n. Z ≠ 0 and
// k ≠ 0 for k in [1, n-1]. Each job's Sig and Err are what p256SignDigest would give; the rest is as there.
func p256SignBatch(jobs []SignJob) {
	var b p256SignChunk
	for i := range jobs {
		if jobs[i].Curve == P256 {
			if b.add(jobs, i); b.n == signChunk {
				b.run(jobs)
			}
		}
	}
	b.run(jobs)
}

// p256SignChunk holds up to signChunk accepted jobs of p256SignBatch: their d, k and k·G.
type p256SignChunk struct {
	n      int
	idx    [signChunk]int // the jobs' indices in p256SignBatch's slice
	r      [signChunk]p256Point
	ds, ks [signChunk]field.P256Scalar
}

// add checks the scalars of jobs[i] as p256SignDigest does, writing Err for a rejected job, and computes k·G
// for an accepted one.
func (b *p256SignChunk) add(jobs []SignJob, i int) {
	j := &jobs[i]
	j.Sig, j.Err = [64]byte{}, nil
	okD, okK := p256ScalarOK(&b.ds[b.n], &j.D), p256ScalarOK(&b.ks[b.n], &j.K)
	if !okD || !okK {
		b.ds[b.n].Zero()
		b.ks[b.n].Zero()
		j.Err = ErrInvalidScalar
		return
	}
	p256BaseMult(&b.r[b.n], &j.K)
	b.idx[b.n] = i
	b.n++
}

// run finishes the chunk's signatures (see p256SignBatch) and empties it.
func (b *p256SignChunk) run(jobs []SignJob) {
	n := b.n
	if n == 0 {
		return
	}
	var zs, zp [signChunk]field.P256Element
	var kp [signChunk]field.P256Scalar
	for m := range n {
		zs[m].Set(&b.r[m].z)
	}
	p256InvertElements(zs[:n], zp[:n])
	p256InvertScalars(b.ks[:n], kp[:n]) // b.ks[m] = k⁻¹ from here on
	var rs, es, ss field.P256Scalar
	for m := range n {
		j := &jobs[b.idx[m]]
		zs[m].Mul(&b.r[m].x, &zs[m]) // x = X/Z
		xb := zs[m].Bytes()
		rs.SetBytesReduced(xb[:])
		var eb [32]byte
		bits2int(&eb, j.Digest)
		es.SetBytesReduced(eb[:])
		ss.Mul(&rs, &b.ds[m])
		ss.Add(&ss, &es)
		ss.Mul(&ss, &b.ks[m])
		if rs.IsZero() == 1 || ss.IsZero() == 1 {
			j.Err = ErrZeroSignature
			continue
		}
		rb, sb := rs.Bytes(), ss.Bytes()
		copy(j.Sig[:32], rb[:])
		copy(j.Sig[32:], sb[:])
	}
	kp = [signChunk]field.P256Scalar{}
	b.ds, b.ks = [signChunk]field.P256Scalar{}, [signChunk]field.P256Scalar{}
	b.r = [signChunk]p256Point{}
	b.n = 0
}

// p256GPieces returns the piece table of G, building it on first use.
func p256GPieces() *p256PieceTable {
	p256GPieceOnce.Do(func() {
		var g p256Point
		g.setAffine(&p256G)
		p256GPieceTable = p256NewPieceTable(&g)
	})
	return p256GPieceTable
}

// p256NewPieceTable builds the odd multiples of 2^(pieceBits·j)·q for all pieces j (q ≠ O).
func p256NewPieceTable(q *p256Point) *p256PieceTable {
	pts := make([]p256Point, pieceCount*pieceSize)
	base := *q
	var dbl p256Point
	for j := 0; j < pieceCount; j++ {
		row := pts[j*pieceSize : (j+1)*pieceSize]
		row[0] = base
		dbl.double(&base)
		for m := 1; m < pieceSize; m++ {
			row[m].add(&row[m-1], &dbl)
		}
		for range pieceBits {
			base.double(&base)
		}
	}
	flat := make([]p256Affine, len(pts))
	p256BatchToAffine(flat, pts)
	for i := range flat {
		p256ToWork(&flat[i]) // verification adds these on the working curve
	}
	t := new(p256PieceTable)
	for j := range t {
		copy(t[j][:], flat[j*pieceSize:])
	}
	return t
}

// p256Jac is a point in Jacobian coordinates (X:Y:Z), x = X/Z², y = Y/Z³, identity Z = 0. It is used only
// by the variable-time verification, where the cheaper incomplete formulas are fine because every exceptional
// case is detected and handled with a branch (all data is public).
type p256Jac struct {
	x, y, z field.P256Element
}

func (p *p256Jac) setAffine(a *p256Affine) *p256Jac {
	p.x.Set(&a.x)
	p.y.Set(&a.y)
	p.z.One()
	return p
}

// addAffine sets r = p + q for an affine q ("madd-2007-bl" scaled by 1/2: 8M + 3S), handling p = O, p = q and p = -q.
// Variable time. The arithmetic is the branch-free addAffineCT; p = ±q is recognised afterwards by Z3 = 0
// (Z3 = Z1·H and H = 0 exactly when x(p) = x(q)), and only then the y coordinates are compared.
func (r *p256Jac) addAffine(p *p256Jac, q *p256Affine) *p256Jac {
	if p.z.IsZero() == 1 {
		return r.setAffine(q)
	}
	var t p256Jac
	t.addAffineCT(p, q)
	if t.z.IsZero() == 1 {
		var zz, s2 field.P256Element
		zz.Square(&p.z)
		s2.Mul(&q.y, &p.z)
		s2.Mul(&s2, &zz)
		if s2.Equal(&p.y) == 1 {
			return r.double(p)
		}
		r.x.One()
		r.y.One()
		r.z.Zero()
		return r
	}
	*r = t
	return r
}

// p256AddDigit adds d·P to acc, where tab holds the odd multiples 1·P, 3·P, ... of P and d is a w-NAF digit
// (|d| < 2·len(tab)). Variable time. It is one selecting mixed addition on acc in place (addAffineSelect,
// which takes the sign of d and acc = O itself), with no copy of the entry or of the result. The rare
// acc = ±d·P shows as Z3 = Z1·H = 0 afterwards; then X3 = r² (H = 0 leaves nothing else in it), which is 0
// exactly when acc was d·P, whose sum is its double, and nonzero when the sum is O.
func p256AddDigit(acc *p256Jac, tab []p256Affine, d int16) {
	if d == 0 {
		return
	}
	neg, i := 0, d>>1
	if d < 0 {
		neg, i = 1, (-d)>>1
	}
	q := &tab[i]
	acc.addAffineSelect(q, neg, 0)
	if acc.z.IsZero() == 0 {
		return
	}
	if acc.x.IsZero() == 1 {
		acc.setAffine(q)
		if neg == 1 {
			acc.y.Neg(&acc.y)
		}
		acc.double(acc)
		return
	}
	acc.x.One()
	acc.y.One()
}

// p256Verify checks an ECDSA signature (SEC 1 v2 §4.1.4) against the public point q, using the piece table
// pre of q when it is not nil. Variable time: all inputs are public.
//
// It computes R = u1·G + u2·Q in Jacobian coordinates from the w-NAFs of u1 and u2. G always uses its lazily
// built piece table, so all of G's additions fall into the last pieceBits doublings. Without pre, Q uses a
// table of 1Q, 3Q, ..., 15Q (made per call, affine after one batch inversion) and 256 doublings; with pre
// only pieceBits doublings are needed in total.
func p256Verify(q *p256Affine, pre *p256PieceTable, e []byte, r, s *[32]byte) bool {
	var rs, ss, w field.P256Scalar
	if !p256SigScalars(&rs, &ss, r, s) {
		return false
	}
	if !p256InvertPublic(&w, &ss) {
		return false
	}
	return p256VerifyInv(q, pre, e, r, &rs, &w)
}

// p256InvertPublic sets w = 1/s mod n for a nonzero public s: field's InvertVartime, the Bernstein–Yang
// divsteps stopped as soon as they are done (variable-time binary and Kaliski inversions written for this
// measured no faster than the divsteps).
func p256InvertPublic(w, s *field.P256Scalar) bool {
	w.InvertVartime(s)
	return w.IsZero() == 0
}

// p256SigScalars parses r and s, both required to be in [1, n-1].
func p256SigScalars(rs, ss *field.P256Scalar, r, s *[32]byte) bool {
	if _, err := rs.SetBytes(r[:]); err != nil || rs.IsZero() == 1 {
		return false
	}
	if _, err := ss.SetBytes(s[:]); err != nil || ss.IsZero() == 1 {
		return false
	}
	return true
}

// p256VerifyBatch verifies the jobs on this curve among jobs (len(jobs) <= batchChunk), writing ok[i]; the
// inversions of all their s values are shared (Montgomery's trick: 3 multiplications per job and one
// inversion). Jobs on other curves are left alone. Variable time.
func p256VerifyBatch(jobs []VerifyJob, ok []bool) {
	var ss, prefix [batchChunk]field.P256Scalar
	var rs [batchChunk]field.P256Scalar
	var idx [batchChunk]int
	n := 0
	for i := range jobs {
		j := &jobs[i]
		if j.curve() != P256 {
			continue
		}
		ok[i] = false
		if !p256SigScalars(&rs[n], &ss[n], &j.R, &j.S) {
			continue
		}
		idx[n] = i
		n++
	}
	if n == 0 {
		return
	}
	var acc, inv, w field.P256Scalar
	acc.One()
	for m := 0; m < n; m++ {
		prefix[m].Set(&acc)
		acc.Mul(&acc, &ss[m])
	}
	if !p256InvertPublic(&inv, &acc) {
		return
	}
	for m := n - 1; m >= 0; m-- {
		w.Mul(&inv, &prefix[m])
		inv.Mul(&inv, &ss[m])
		j := &jobs[idx[m]]
		if j.Pre != nil {
			ok[idx[m]] = p256VerifyInv(&j.Pre.pk.p256, j.Pre.p256, j.Digest, &j.R, &rs[m], &w)
		} else {
			ok[idx[m]] = p256VerifyInv(&j.Key.p256, nil, j.Digest, &j.R, &rs[m], &w)
		}
	}
}

// p256VerifyInv is p256Verify after the range checks, with w = s⁻¹ mod n already computed.
func p256VerifyInv(q *p256Affine, pre *p256PieceTable, e []byte, r *[32]byte, rs, w *field.P256Scalar) bool {
	var es, u1, u2 field.P256Scalar
	var eb [32]byte
	bits2int(&eb, e)
	es.SetBytesReduced(eb[:])
	u1.Mul(&es, w)
	u2.Mul(rs, w)
	u1b, u2b := u1.Bytes(), u2.Bytes()

	gt := p256GPieces()
	var naf1, naf2 [nafLen]int16
	wnaf(&naf1, limbs(&u1b), pieceWidth)
	var acc p256Jac
	acc.x.One()
	acc.y.One()
	acc.z.Zero()
	if pre != nil {
		wnaf(&naf2, limbs(&u2b), pieceWidth)
		for t := pieceBits - 1; t >= 0; t-- {
			if acc.z.IsZero() == 0 {
				acc.double(&acc)
			}
			for j := 0; j < pieceCount; j++ {
				// Most digits are zero (one in pieceWidth+1 is not): test them here, not in a call.
				if d := naf1[j*pieceBits+t]; d != 0 {
					p256AddDigit(&acc, gt[j][:], d)
				}
				if d := naf2[j*pieceBits+t]; d != 0 {
					p256AddDigit(&acc, pre[j][:], d)
				}
			}
		}
	} else {
		wnaf(&naf2, limbs(&u2b), qWidth)
		// Odd multiples 1·Q .. 15·Q, built with co-Z additions and made affine with one batch inversion, so
		// that the main loop adds them with the mixed addition (8M+3S instead of 11M+5S, about 43 times). None
		// of them is the identity (Q ≠ O has prime order n > 15).
		var qj [qSize]p256Jac
		var qt [qSize]p256Affine
		qw := *q
		p256ToWork(&qw)
		p256OddMultiples(&qj, &qw)
		p256JacBatchToAffine(qt[:], qj[:])
		// The doublings owed to acc between two additions (a run of zero digits, about five on average above
		// the last pieceBits positions) are done with one doubleN call.
		pending := 0
		for t := nafLen - 1; t >= 0; t-- {
			if acc.z.IsZero() == 0 {
				pending++
			}
			if d := naf2[t]; d != 0 {
				acc.doubleN(pending)
				pending = 0
				p256AddDigit(&acc, qt[:], d)
			}
			if t < pieceBits {
				for j := 0; j < pieceCount; j++ {
					if d := naf1[j*pieceBits+t]; d != 0 {
						acc.doubleN(pending)
						pending = 0
						p256AddDigit(&acc, gt[j][:], d)
					}
				}
			}
		}
		acc.doubleN(pending)
	}
	return p256CheckR(&acc, r)
}

// p256OddMultiples sets tab to 1·q, 3·q, ..., (2·qSize-1)·q in Jacobian coordinates for an affine q ≠ O,
// with co-Z additions (Meloni's addition of two points sharing Z, in the "ZADDU" form of Goundar, Joye and
// Miyaji: 5M + 2S instead of the 11M + 5S of a full addition). D = 2·q is computed first and q is rescaled
// to D's Z; each zaddu(D, T) returns D + T and rescales D to the new Z, so D always shares its Z with the
// last multiple. The additions need D ≠ ±T, i.e. 2·q ≠ ±(2i+1)·q, which holds on a curve of prime order
// n > 2·qSize + 1. No branch depends on q.
func p256OddMultiples(tab *[qSize]p256Jac, q *p256Affine) {
	var d p256Jac
	tab[0].setAffine(q)
	d.double(&tab[0])
	var zz, zzz field.P256Element
	zz.Square(&d.z)
	zzz.Mul(&zz, &d.z)
	tab[0].x.Mul(&q.x, &zz)
	tab[0].y.Mul(&q.y, &zzz)
	tab[0].z.Set(&d.z)
	for m := 1; m < qSize; m++ {
		tab[m].zaddu(&d, &tab[m-1])
	}
}

// zaddu sets r = p + q for two points with the same Z (neither O, p ≠ ±q; r distinct from both) and
// rescales p to r's Z: with U = X1 - X2, C = U², W1 = X1·C, W2 = X2·C, A1 = Y1·(W1 - W2) = Y1·U³:
// X3 = (Y1 - Y2)² - W1 - W2, Y3 = (Y1 - Y2)(W1 - X3) - A1, Z3 = Z·U, and p becomes (W1, A1, Z3).
func (r *p256Jac) zaddu(p, q *p256Jac) {
	var u, c, w1, w2, t, a1, y3 field.P256Element
	u.Sub(&p.x, &q.x)
	c.Square(&u)
	w1.Mul(&p.x, &c)
	w2.Mul(&q.x, &c)
	t.Sub(&p.y, &q.y)
	a1.Sub(&w1, &w2)
	a1.Mul(&p.y, &a1)
	r.x.Square(&t)
	r.x.Sub(&r.x, &w1)
	r.x.Sub(&r.x, &w2)
	y3.Sub(&w1, &r.x)
	y3.Mul(&t, &y3)
	r.y.Sub(&y3, &a1)
	r.z.Mul(&p.z, &u)
	p.x.Set(&w1)
	p.y.Set(&a1)
	p.z.Set(&r.z)
}

// p256CheckR reports whether x(acc) mod n == r without inverting Z: x = X/Z², and since p < 2n,
// x mod n == r iff X == r·Z² or (r + n < p and X == (r+n)·Z²).
func p256CheckR(acc *p256Jac, r *[32]byte) bool {
	if acc.z.IsZero() == 1 {
		return false
	}
	var rf, zz, t field.P256Element
	if _, err := rf.SetBytes(r[:]); err != nil {
		return false
	}
	zz.Square(&acc.z)
	p256WorkXScale(&zz) // acc is on the working curve, where x is scaled by u²
	t.Mul(&rf, &zz)
	if t.Equal(&acc.x) == 1 {
		return true
	}
	if !lessBE(r, &p256PMinusN) {
		return false
	}
	rf.Add(&rf, &p256OrderField)
	t.Mul(&rf, &zz)
	return t.Equal(&acc.x) == 1
}
