package ecdsa

import (
	"crypto/sha256"
	"errors"
	"io"
	mrand "math/rand/v2"
	"testing"
)

// TestSignBatch runs mixed batches (both curves, several digests, a nil and a destroyed key) of every length
// up to 40, across the chunk sizes: with a nil rand every signature must equal Sign(nil, ...)'s (plain RFC
// 6979), with a seeded stream it must equal a loop of Sign calls on an identical stream, and each must verify.
func TestSignBatch(t *testing.T) {
	var keys [2][3]*PrivateKey
	for ci, c := range []Curve{P256, BrainpoolP256r1} {
		for i := range keys[ci] {
			keys[ci][i], _ = GenerateKey(c, nil)
		}
	}
	dead, _ := GenerateKey(P256, nil)
	dead.Destroy()
	for n := 0; n <= 40; n++ {
		jobs := make([]SignJob, n)
		for i := range jobs {
			h := sha256.Sum256([]byte{byte(i), byte(n)})
			jobs[i] = SignJob{Key: keys[(i+n)%2][(i*5+n)%3], Digest: [][]byte{h[:], h[:20], nil}[i%3], Sig: [64]byte{1}}
			switch (i + 2*n) % 11 {
			case 4:
				jobs[i].Key = nil
			case 8:
				jobs[i].Key = dead
			}
		}
		for _, seeded := range []bool{false, true} {
			var r1, r2 io.Reader
			if seeded {
				r1 = mrand.NewChaCha8([32]byte{byte(n)})
				r2 = mrand.NewChaCha8([32]byte{byte(n)})
			}
			SignBatch(r1, jobs)
			for i, j := range jobs {
				sig, err := Sign(r2, j.Key, j.Digest)
				if err != nil {
					sig = [64]byte{}
				}
				if j.Sig != sig || !errors.Is(j.Err, err) || (j.Err == nil) != (err == nil) {
					t.Fatalf("batch of %d, job %d (rand %v): %x, %v; Sign gives %x, %v", n, i, seeded, j.Sig, j.Err, sig, err)
				}
				if err == nil && !Verify(j.Key.Public(), j.Digest, j.Sig[:]) {
					t.Fatalf("batch of %d, job %d: the signature does not verify", n, i)
				}
				if j.Key == nil || j.Key == dead {
					if !errors.Is(j.Err, ErrDestroyed) {
						t.Fatalf("batch of %d, job %d: a missing key gave %v", n, i, j.Err)
					}
				}
			}
		}
	}
}

// failingReader fails after its first limit bytes.
type failingReader struct{ limit int }

var errRead = errors.New("read failed")

func (r *failingReader) Read(p []byte) (int, error) {
	if r.limit <= 0 {
		return 0, errRead
	}
	n := min(len(p), r.limit)
	clear(p[:n])
	r.limit -= n
	return n, nil
}

// TestSignBatchReaderError: a rand that fails after two jobs' worth of bytes fails the later jobs with its
// error, as Sign would, and leaves the first two signed.
func TestSignBatchReaderError(t *testing.T) {
	sk, _ := GenerateKey(P256, nil)
	h := sha256.Sum256([]byte("m"))
	jobs := make([]SignJob, 5)
	for i := range jobs {
		jobs[i] = SignJob{Key: sk, Digest: h[:]}
	}
	SignBatch(&failingReader{limit: 64}, jobs)
	for i, j := range jobs {
		if i < 2 {
			if j.Err != nil || !Verify(sk.Public(), h[:], j.Sig[:]) {
				t.Fatalf("job %d: %v", i, j.Err)
			}
			if want, _ := Sign(&failingReader{limit: 32}, sk, h[:]); j.Sig != want {
				t.Fatalf("job %d: not Sign's signature for zero randomness", i)
			}
		} else if !errors.Is(j.Err, errRead) || j.Sig != [64]byte{} {
			t.Fatalf("job %d: %v, %x", i, j.Err, j.Sig)
		}
	}
}
