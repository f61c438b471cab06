package ec

import (
	"crypto/sha256"
	"sync"
	"testing"
)

// TestConcurrentFirstUse runs the operations that build the lazy tables from several goroutines at once
// (run it alone under -race to exercise the first use) and checks the results agree.
func TestConcurrentFirstUse(t *testing.T) {
	for _, c := range refCurves {
		d := scalarBytes(c.randScalar(newRNG(t)))
		h := sha256.Sum256([]byte("concurrent"))
		var wg sync.WaitGroup
		results := make([][65]byte, 4)
		oks := make([]bool, 4)
		for g := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := ScalarBaseMult(c.id, &results[g], d); err != nil {
					t.Error(err)
					return
				}
				var sig [64]byte
				if err := SignDigest(c.id, &sig, d, d, h[:]); err != nil {
					t.Error(err)
					return
				}
				pk, err := NewPublicKey(c.id, results[g][:])
				if err != nil {
					t.Error(err)
					return
				}
				oks[g] = pk.VerifyDigest(h[:], (*[32]byte)(sig[:32]), (*[32]byte)(sig[32:]))
			}()
		}
		wg.Wait()
		for g := range 4 {
			if results[g] != results[0] || !oks[g] {
				t.Errorf("%s: goroutine %d disagrees or failed to verify", c.name, g)
			}
		}
	}
}
