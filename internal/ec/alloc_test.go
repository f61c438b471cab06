package ec

import (
	"crypto/sha256"
	"testing"
)

// TestAllocs pins the zero-allocation promise of every operation except Precompute (the lazy tables are
// built before measuring).
func TestAllocs(t *testing.T) {
	for _, c := range refCurves {
		t.Run(c.name, func(t *testing.T) {
			rng := newRNG(t)
			d, k := scalarBytes(c.randScalar(rng)), scalarBytes(c.randScalar(rng))
			var pub [65]byte
			if err := ScalarBaseMult(c.id, &pub, d); err != nil {
				t.Fatal(err)
			}
			h := sha256.Sum256([]byte("allocs"))
			var sig [64]byte
			if err := SignDigest(c.id, &sig, d, k, h[:]); err != nil {
				t.Fatal(err)
			}
			pk, err := NewPublicKey(c.id, pub[:])
			if err != nil {
				t.Fatal(err)
			}
			pre := pk.Precompute()
			r, s := (*[32]byte)(sig[:32]), (*[32]byte)(sig[32:])
			jobs := []VerifyJob{{Key: pk, Digest: h[:], R: *r, S: *s}, {Pre: pre, Digest: h[:], R: *r, S: *s}}
			ok := make([]bool, 2)
			var x [32]byte
			var out [65]byte
			comp := c.compress(c.mul(c.randScalar(rng), c.g()))
			for name, f := range map[string]func(){
				"ScalarBaseMult":  func() { _ = ScalarBaseMult(c.id, &out, k) },
				"ECDH":            func() { _ = ECDH(c.id, &x, pub[:], k) },
				"SignDigest":      func() { _ = SignDigest(c.id, &sig, d, k, h[:]) },
				"VerifyDigest":    func() { pk.VerifyDigest(h[:], r, s) },
				"Precomputed":     func() { pre.VerifyDigest(h[:], r, s) },
				"VerifyBatch":     func() { VerifyBatch(jobs, ok) },
				"ValidatePoint":   func() { _ = ValidatePoint(c.id, pub[:]) },
				"DecompressPoint": func() { _ = DecompressPoint(c.id, &out, comp) },
				"SetBytes": func() {
					var k PublicKey
					_, _ = k.SetBytes(c.id, comp)
				},
			} {
				if n := testing.AllocsPerRun(20, f); n != 0 {
					t.Errorf("%s: %v allocations", name, n)
				}
			}
		})
	}
}
