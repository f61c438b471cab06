package ec

import (
	"bytes"
	"errors"
	"testing"
)

// TestECDHBatch gives ECDHBatch batches of every length from 0 to 3·ecdhChunk+1 that mix both curves, valid
// jobs, invalid peers (off the curve, bad encodings, a point of the other curve), invalid scalars (0 and n)
// and an unknown curve, and checks every job against ECDH and, for the valid ones, against the math/big
// reference.
func TestECDHBatch(t *testing.T) {
	rng := newRNG(t)
	type want struct {
		x   [32]byte
		err error
		ref []byte // the reference x for a valid job
	}
	mk := func(i int) (ECDHJob, want) {
		c := refCurves[rng.IntN(len(refCurves))]
		q := c.mul(c.randScalar(rng), c.g())
		k := c.randScalar(rng)
		peer := c.encode(q)
		if rng.IntN(2) == 0 {
			peer = c.compress(q)
		}
		j := ECDHJob{Curve: c.id, Peer: peer, K: *scalarBytes(k)}
		var w want
		switch i % 11 {
		case 3: // off the curve
			p := append([]byte(nil), c.encode(q)...)
			p[64] ^= 1
			j.Peer = p
		case 5: // bad length
			j.Peer = peer[:len(peer)-1]
		case 6: // k = 0
			j.K = [32]byte{}
		case 7: // k = n
			j.K = *scalarBytes(c.n)
		case 8: // the other curve's point
			o := refCurves[0]
			if o.id == c.id {
				o = refCurves[1]
			}
			j.Peer = o.encode(o.mul(o.randScalar(rng), o.g()))
		case 9:
			j.Curve = 0
		}
		switch {
		case j.Curve == 0:
			w.err = ErrUnknownCurve
		default:
			w.err = ECDH(j.Curve, &w.x, j.Peer, &j.K)
		}
		if r := i % 11; r <= 2 || r == 4 || r == 10 { // the valid jobs
			w.ref = make([]byte, 32)
			c.mul(k, q).x.FillBytes(w.ref)
		}
		j.X = [32]byte{0xff} // ECDHBatch must overwrite stale outputs
		j.Err = errors.New("stale")
		return j, w
	}
	for n := 0; n <= 3*ecdhChunk+1; n++ {
		jobs := make([]ECDHJob, n)
		wants := make([]want, n)
		for i := range jobs {
			jobs[i], wants[i] = mk(i + n)
		}
		ECDHBatch(jobs)
		for i, j := range jobs {
			w := wants[i]
			if j.Err != w.err || j.X != w.x {
				t.Fatalf("batch of %d, job %d (%v): got %x, %v; ECDH gives %x, %v", n, i, j.Curve, j.X, j.Err, w.x, w.err)
			}
			if w.ref != nil && (j.Err != nil || !bytes.Equal(j.X[:], w.ref)) {
				t.Fatalf("batch of %d, job %d (%v): got %x, %v; the reference gives %x", n, i, j.Curve, j.X, j.Err, w.ref)
			}
		}
	}
}

// TestECDHBatchAllocs pins that a full chunk of jobs on each curve allocates nothing.
func TestECDHBatchAllocs(t *testing.T) {
	rng := newRNG(t)
	var jobs []ECDHJob
	for _, c := range refCurves {
		for range ecdhChunk {
			jobs = append(jobs, ECDHJob{Curve: c.id, Peer: c.encode(c.mul(c.randScalar(rng), c.g())), K: *scalarBytes(c.randScalar(rng))})
		}
	}
	if n := testing.AllocsPerRun(10, func() { ECDHBatch(jobs) }); n != 0 {
		t.Errorf("ECDHBatch: %v allocations", n)
	}
	for i, j := range jobs {
		if j.Err != nil {
			t.Fatalf("job %d: %v", i, j.Err)
		}
	}
}
