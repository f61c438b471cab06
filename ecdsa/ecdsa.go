package ecdsa

import (
	"crypto/rand"
	"io"

	"github.com/rspengine/rspengine/internal/ec"
)

var cryptoRandReader = rand.Reader

// maxSignTries bounds the nonce retries of Sign. A retry happens only when r
// or s comes out zero (probability about 2^-255 per try).
const maxSignTries = 16

// Sign signs digest (a SHA-256 output; longer digests are truncated to their
// leftmost 256 bits as ECDSA prescribes) with sk and returns the raw
// signature r‖s, 32 bytes each, as carried in SGP.22 5F37 data objects
// (BSI TR-03111 §5.2.1, RSP-FACTS §3.1).
//
// The nonce is the RFC 6979 HMAC-DRBG nonce with 32 bytes read from rand as
// additional data (RFC 6979 §3.6, "hedged"): a broken rand cannot leak the key
// and a repeated message still gets a fresh nonce. A nil rand gives plain
// deterministic RFC 6979 signatures (same key and digest, same signature),
// which is safe but should be reserved for tests and reproducible fixtures.
// Signing is constant time in the key and the nonce (internal/ec). With rand
// nil or crypto/rand.Reader it allocates nothing.
func Sign(rand io.Reader, sk *PrivateKey, digest []byte) ([64]byte, error) {
	var sig [64]byte
	if sk == nil || sk.destroyed {
		return sig, ErrDestroyed
	}
	var extraBuf [32]byte
	var extra []byte
	if rand != nil {
		if err := readRandom(rand, &extraBuf); err != nil {
			return sig, err
		}
		extra = extraBuf[:]
	}
	err := signWith(&sig, sk, digest, extra)
	clear(extraBuf[:])
	return sig, err
}

// readRandom fills b from r. crypto/rand.Reader is read through rand.Read so
// that b stays on the caller's stack; other readers get a heap copy.
func readRandom(r io.Reader, b *[32]byte) error {
	if r == cryptoRandReader {
		rand.Read(b[:]) // never fails (Go 1.24+: crashes the program instead)
		return nil
	}
	tmp := make([]byte, 32)
	if _, err := io.ReadFull(r, tmp); err != nil {
		return err
	}
	copy(b[:], tmp)
	clear(tmp)
	return nil
}

// signWith signs with the RFC 6979 nonce seeded with the optional extra data.
func signWith(sig *[64]byte, sk *PrivateKey, digest, extra []byte) error {
	n := sk.c.OrderBytes()
	var g drbg
	var k [32]byte
	g.init(&sk.d, digest, &n, extra)
	var err error
	for range maxSignTries {
		g.next(&k, &n)
		if err = ec.SignDigest(sk.c, sig, &sk.d, &k, digest); err == nil {
			break
		}
	}
	clear(k[:])
	g.wipe()
	if err != nil {
		*sig = [64]byte{}
		return ErrSign
	}
	return nil
}

// SignJob is one signature for [SignBatch]: Digest signed with Key.
// SignBatch writes Sig and Err.
type SignJob struct {
	Key    *PrivateKey
	Digest []byte
	Sig    [64]byte // r‖s, zero when Err is not nil
	Err    error    // what Sign would return
}

// signChunk is how many jobs SignBatch hands to internal/ec at once (on the
// stack, so no allocation).
const signChunk = 16

// SignBatch signs every job as [Sign] would: each job reads its own 32 bytes
// from rand, in job order, for its hedged nonce (so with equal rand streams
// SignBatch and a loop of Sign calls give the same signatures; with a nil
// rand both are plain RFC 6979). A job with a nil or destroyed key fails
// alone, with ErrDestroyed. It is for an SM-DP+ that signs for many sessions
// at once: up to eight jobs per curve share the two constant-time
// inversions that each signature otherwise does alone (the affine x of k·G
// and k⁻¹ mod n). Constant time in the keys and nonces, as Sign; with rand
// nil or crypto/rand.Reader it allocates nothing.
func SignBatch(rand io.Reader, jobs []SignJob) {
	var ecJobs [signChunk]ec.SignJob // their D and K: copies of the secrets, cleared after use
	var extra [signChunk][32]byte
	var idx [signChunk]int
	n := 0
	flush := func() {
		ec.SignBatch(ecJobs[:n])
		for m := range n {
			j := &jobs[idx[m]]
			if ecJobs[m].Err == nil {
				j.Sig = ecJobs[m].Sig
			} else { // r or s zero (about 2^-255): Sign's own retries, from the same seed
				var ex []byte
				if rand != nil {
					ex = extra[m][:]
				}
				j.Err = signWith(&j.Sig, j.Key, j.Digest, ex)
			}
			ecJobs[m] = ec.SignJob{}
		}
		clear(extra[:n])
		n = 0
	}
	for i := range jobs {
		j := &jobs[i]
		j.Sig, j.Err = [64]byte{}, nil
		if j.Key == nil || j.Key.destroyed {
			j.Err = ErrDestroyed
			continue
		}
		var ex []byte
		if rand != nil {
			if err := readRandom(rand, &extra[n]); err != nil {
				j.Err = err
				continue
			}
			ex = extra[n][:]
		}
		nb := j.Key.c.OrderBytes()
		var g drbg
		g.init(&j.Key.d, j.Digest, &nb, ex)
		ecJobs[n] = ec.SignJob{Curve: j.Key.c, D: j.Key.d, Digest: j.Digest}
		g.next(&ecJobs[n].K, &nb)
		g.wipe()
		idx[n] = i
		n++
		if n == signChunk {
			flush()
		}
	}
	flush()
}

// SignASN1 is Sign with the signature appended to dst as a DER
// ECDSA-Sig-Value (as in X.509 certificates).
func SignASN1(rand io.Reader, sk *PrivateKey, digest []byte, dst []byte) ([]byte, error) {
	sig, err := Sign(rand, sk, digest)
	if err != nil {
		return dst, err
	}
	return AppendASN1Signature(dst, &sig), nil
}

// splitSig returns r and s of a raw 64-byte signature.
func splitSig(sig []byte, r, s *[32]byte) bool {
	if len(sig) != 64 {
		return false
	}
	copy(r[:], sig[:32])
	copy(s[:], sig[32:])
	return true
}

// Verify checks a raw r‖s signature (exactly 64 bytes; r and s in [1, n-1])
// over digest. Verification works on public data only and is variable time.
// It allocates nothing.
func Verify(pk *PublicKey, digest []byte, sig []byte) bool {
	var r, s [32]byte
	if pk == nil || pk.k == nil || !splitSig(sig, &r, &s) {
		return false
	}
	return pk.k.VerifyDigest(digest, &r, &s)
}

// VerifyASN1 checks a DER ECDSA-Sig-Value signature (strict DER, see
// [SignatureFromASN1]) over digest. It allocates nothing.
func VerifyASN1(pk *PublicKey, digest []byte, der []byte) bool {
	sig, err := SignatureFromASN1(der)
	if pk == nil || err != nil {
		return false
	}
	return Verify(pk, digest, sig[:])
}

// Verifier verifies many signatures under one public key with a precomputed
// table (for a hot key such as an EUM's or a CI's). It is safe for concurrent
// use.
type Verifier struct {
	pk *PublicKey
	t  *ec.PrecomputedKey
}

// NewVerifier precomputes pk's table (this allocates; verification does not).
func NewVerifier(pk *PublicKey) *Verifier {
	return &Verifier{pk: pk, t: pk.k.Precompute()}
}

// PublicKey returns the verifier's key.
func (v *Verifier) PublicKey() *PublicKey { return v.pk }

// Verify is [Verify] with the precomputed key.
func (v *Verifier) Verify(digest, sig []byte) bool {
	var r, s [32]byte
	if !splitSig(sig, &r, &s) {
		return false
	}
	return v.t.VerifyDigest(digest, &r, &s)
}

// VerifyASN1 is [VerifyASN1] with the precomputed key.
func (v *Verifier) VerifyASN1(digest, der []byte) bool {
	sig, err := SignatureFromASN1(der)
	if err != nil {
		return false
	}
	return v.Verify(digest, sig[:])
}

// Job is one signature for [VerifyBatch]: a raw 64-byte r‖s signature Sig
// over Digest under Key.
type Job struct {
	Key    *PublicKey
	Digest []byte
	Sig    []byte
}

// batchChunk is how many jobs VerifyBatch hands to internal/ec at once (on
// the stack, so no allocation).
const batchChunk = 16

// VerifyBatch verifies every job and sets ok[i] to job i's result
// (len(ok) must be at least len(jobs)). Each result is exactly what [Verify]
// would say: a bad signature does not affect the others. It allocates nothing.
func VerifyBatch(jobs []Job, ok []bool) {
	_ = ok[:len(jobs)]
	var ecJobs [batchChunk]ec.VerifyJob
	var ecOK [batchChunk]bool
	var idx [batchChunk]int
	n := 0
	flush := func() {
		ec.VerifyBatch(ecJobs[:n], ecOK[:n])
		for j := range n {
			ok[idx[j]] = ecOK[j]
			ecJobs[j] = ec.VerifyJob{}
		}
		n = 0
	}
	for i := range jobs {
		j := &jobs[i]
		ok[i] = false
		if j.Key == nil || j.Key.k == nil || !splitSig(j.Sig, &ecJobs[n].R, &ecJobs[n].S) {
			continue
		}
		ecJobs[n].Key = j.Key.k
		ecJobs[n].Digest = j.Digest
		idx[n] = i
		n++
		if n == batchChunk {
			flush()
		}
	}
	if n > 0 {
		flush()
	}
}
