package ec

import (
	"crypto/sha256"
	"errors"
	"math/big"
	"testing"
)

// TestSignBatch gives SignBatch batches of every length from 0 to 3·signChunk+1 that mix both curves, valid
// jobs with digests of several lengths, invalid scalars (d or k zero, k = n), an unknown curve, and a digest
// chosen so that s = 0, and checks every job against SignDigest and each signature with the math/big
// reference verifier.
func TestSignBatch(t *testing.T) {
	rng := newRNG(t)
	type want struct {
		sig [64]byte
		err error
		pub refPoint
	}
	mk := func(i int) (SignJob, want) {
		c := refCurves[rng.IntN(len(refCurves))]
		d, k := c.randScalar(rng), c.randScalar(rng)
		h := sha256.Sum256([]byte{byte(i), byte(i >> 8)})
		digests := [][]byte{h[:], h[:20], nil, append(h[:], h[:]...)}
		j := SignJob{Curve: c.id, D: *scalarBytes(d), K: *scalarBytes(k), Digest: digests[i%4]}
		switch i % 13 {
		case 3:
			j.D = [32]byte{}
		case 5:
			j.K = [32]byte{}
		case 7:
			j.K = *scalarBytes(c.n)
		case 9:
			j.Curve = 0
		case 11: // e = -r·d mod n, so that s = 0
			r := c.mul(k, c.g()).x
			r = new(big.Int).Mod(r, c.n)
			e := new(big.Int).Mul(r, d)
			e.Neg(e).Mod(e, c.n)
			j.Digest = scalarBytes(e)[:]
		}
		w := want{pub: c.mul(d, c.g())}
		if j.Curve == 0 {
			w.err = ErrUnknownCurve
		} else {
			w.err = SignDigest(j.Curve, &w.sig, &j.D, &j.K, j.Digest)
			if w.err != nil {
				w.sig = [64]byte{}
			}
		}
		if i%13 == 11 && w.err != ErrZeroSignature {
			t.Fatalf("the s = 0 digest gave %v", w.err)
		}
		j.Sig, j.Err = [64]byte{0xff}, errors.New("stale") // SignBatch must overwrite stale outputs
		return j, w
	}
	for n := 0; n <= 3*signChunk+1; n++ {
		jobs := make([]SignJob, n)
		wants := make([]want, n)
		for i := range jobs {
			jobs[i], wants[i] = mk(i + 5*n)
		}
		SignBatch(jobs)
		for i, j := range jobs {
			w := wants[i]
			if j.Err != w.err || j.Sig != w.sig {
				t.Fatalf("batch of %d, job %d (%v): got %x, %v; SignDigest gives %x, %v", n, i, j.Curve, j.Sig, j.Err, w.sig, w.err)
			}
			if j.Err == nil {
				c := refCurves[0]
				if c.id != j.Curve {
					c = refCurves[1]
				}
				r, s := refSig(&j.Sig)
				if !c.verify(w.pub, j.Digest, r, s) {
					t.Fatalf("batch of %d, job %d: the reference rejects the signature", n, i)
				}
			}
		}
	}
}

// TestSignBatchAllocs pins that a full chunk of jobs on each curve allocates nothing.
func TestSignBatchAllocs(t *testing.T) {
	rng := newRNG(t)
	h := sha256.Sum256([]byte("allocs"))
	var jobs []SignJob
	for _, c := range refCurves {
		for range signChunk {
			jobs = append(jobs, SignJob{Curve: c.id, D: *scalarBytes(c.randScalar(rng)), K: *scalarBytes(c.randScalar(rng)), Digest: h[:]})
		}
	}
	if n := testing.AllocsPerRun(10, func() { SignBatch(jobs) }); n != 0 {
		t.Errorf("SignBatch: %v allocations", n)
	}
	for i, j := range jobs {
		if j.Err != nil {
			t.Fatalf("job %d: %v", i, j.Err)
		}
	}
}
