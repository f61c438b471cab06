package ecka

import (
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/ecref"
)

// FuzzECDH feeds arbitrary peer points to ECDH on both curves: no panic,
// and ECDH accepts exactly the points the math/big oracle accepts, with the
// same shared secret.
func FuzzECDH(f *testing.F) {
	keys := map[ecdsa.Curve]*ecdsa.PrivateKey{}
	for _, c := range []ecdsa.Curve{ecdsa.P256, ecdsa.BrainpoolP256r1} {
		sk, err := ecdsa.NewPrivateKey(c, []byte{0x5e, 0xc2, 0xe7})
		if err != nil {
			f.Fatal(err)
		}
		keys[c] = sk
	}
	f.Fuzz(func(t *testing.T, peer []byte, brainpool bool) {
		c := ecdsa.P256
		if brainpool {
			c = ecdsa.BrainpoolP256r1
		}
		sk := keys[c]
		x, err := ECDH(sk, peer)
		d := sk.Bytes()
		var rx [32]byte
		rerr := ecref.ECDH(ecref.CurveID(c), &rx, peer, &d)
		if (err == nil) != (rerr == nil) || err == nil && x != rx {
			t.Fatalf("%v peer %x: ecka %v, oracle %v", c, peer, err, rerr)
		}
		// ECDHBatch gives the same outcome, beside a job on each curve that
		// uses the same bytes.
		jobs := []Job{{Key: keys[ecdsa.P256], Peer: peer}, {Key: sk, Peer: peer}, {Key: keys[ecdsa.BrainpoolP256r1], Peer: peer}}
		ECDHBatch(jobs)
		if !sameECDH(jobs[1].ShS, jobs[1].Err, x, err) {
			t.Fatalf("%v peer %x: ECDHBatch %x, %v; ECDH %x, %v", c, peer, jobs[1].ShS, jobs[1].Err, x, err)
		}
	})
}
