package ecka

import (
	"errors"
	"io"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/ec"
)

// Errors of ECDH.
var (
	ErrInvalidPeer = errors.New("ecka: invalid peer public key (not a point on the curve)")
	ErrNoKey       = errors.New("ecka: missing or destroyed private key")
)

// GenerateKey draws a one-time ECKA key pair (otSK/otPK, RSP-FACTS §4.1
// item 1) on curve c from rand (crypto/rand.Reader when nil). The public key
// to send in 5F49 is sk.Public().Bytes(). Destroy the key once ShS is
// derived.
func GenerateKey(c ecdsa.Curve, rand io.Reader) (*ecdsa.PrivateKey, error) {
	return ecdsa.GenerateKey(c, rand)
}

// ECDH returns ShS, the 32-byte big-endian X coordinate of sk·peer
// (ECKA-DH, BSI TR-03111 §4.3.1; RSP-FACTS §3.1). peer is an encoded point on
// sk's curve: 65-byte uncompressed 04‖X‖Y (the 5F49 form) or 33-byte
// compressed. A peer that is not on the curve, is the point at infinity or is
// badly encoded is rejected with ErrInvalidPeer. Constant time in the private
// scalar; it allocates nothing.
func ECDH(sk *ecdsa.PrivateKey, peer []byte) ([32]byte, error) {
	var x [32]byte
	if sk == nil {
		return x, ErrNoKey
	}
	d := sk.Bytes()
	err := ec.ECDH(sk.Curve(), &x, peer, &d)
	clear(d[:])
	return x, ecdhErr(err)
}

// ecdhErr maps an error of ec.ECDH to ECDH's.
func ecdhErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ec.ErrInvalidScalar):
		return ErrNoKey // a destroyed key has d = 0
	}
	return errors.Join(ErrInvalidPeer, err)
}

// Job is one ECDH for [ECDHBatch]: the private key Key and the peer's encoded
// point Peer, as for [ECDH]. ECDHBatch writes ShS and Err.
type Job struct {
	Key  *ecdsa.PrivateKey
	Peer []byte
	ShS  [32]byte // zero when Err is not nil
	Err  error    // what ECDH would return
}

// batchChunk is how many jobs ECDHBatch hands to internal/ec at once (on the
// stack, so no allocation).
const batchChunk = 16

// ECDHBatch computes every job's ShS, with exactly the results and errors
// [ECDH] would give job by job: a bad peer or key fails only its own job.
// It is for an SM-DP+ that derives the shared secrets of many sessions at
// once: up to eight jobs per curve share the field inversions that each ECDH
// otherwise does twice (the affine conversion of the peer's table, and the
// final X/Z²), about 6% of the time per job on the project's VM
// (TestAlternatedECDHBatchP256). Constant time in the private scalars, as
// ECDH; it allocates nothing (a rejected job's error aside).
func ECDHBatch(jobs []Job) {
	var ecJobs [batchChunk]ec.ECDHJob // their K: copies of the private scalars, cleared after use
	var idx [batchChunk]int
	n := 0
	flush := func() {
		ec.ECDHBatch(ecJobs[:n])
		for m := range n {
			j := &jobs[idx[m]]
			j.ShS, j.Err = ecJobs[m].X, ecdhErr(ecJobs[m].Err)
			ecJobs[m] = ec.ECDHJob{}
		}
		n = 0
	}
	for i := range jobs {
		j := &jobs[i]
		j.ShS, j.Err = [32]byte{}, nil
		if j.Key == nil {
			j.Err = ErrNoKey
			continue
		}
		ecJobs[n] = ec.ECDHJob{Curve: j.Key.Curve(), Peer: j.Peer, K: j.Key.Bytes()}
		idx[n] = i
		n++
		if n == batchChunk {
			flush()
		}
	}
	flush()
}
