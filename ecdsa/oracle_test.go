package ecdsa

import (
	"crypto/rand"
	"crypto/sha256"
	"math/big"
	"testing"

	"github.com/rspengine/rspengine/internal/ec"
	"github.com/rspengine/rspengine/internal/ecref"
)

// edgeScalars returns scalars that stress carries and reductions: 1, 2, 3,
// n-1, n-2, (n-1)/2, 2^255, 2^128-1, and all-ones words below n.
func edgeScalars(c Curve) [][32]byte {
	o := c.OrderBytes()
	n := new(big.Int).SetBytes(o[:])
	vals := []*big.Int{
		big.NewInt(1), big.NewInt(2), big.NewInt(3),
		new(big.Int).Sub(n, big.NewInt(1)), new(big.Int).Sub(n, big.NewInt(2)),
		new(big.Int).Rsh(n, 1), new(big.Int).Add(new(big.Int).Rsh(n, 1), big.NewInt(1)),
		new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1)),
		new(big.Int).Lsh(big.NewInt(1), 64),
	}
	if c == P256 {
		vals = append(vals, new(big.Int).Lsh(big.NewInt(1), 255))
	}
	out := make([][32]byte, len(vals))
	for i, v := range vals {
		v.FillBytes(out[i][:])
	}
	return out
}

func randScalar(c Curve) [32]byte {
	o := c.OrderBytes()
	n := new(big.Int).SetBytes(o[:])
	v, _ := rand.Int(rand.Reader, new(big.Int).Sub(n, big.NewInt(1)))
	v.Add(v, big.NewInt(1))
	var k [32]byte
	v.FillBytes(k[:])
	return k
}

// TestOracleDifferential compares internal/ec (through the calls this
// package makes) with the math/big oracle internal/ecref on edge-case and
// random scalars, on both curves: public keys, ECDSA signatures with the same
// nonce, verification of each other's signatures (also with wrong digests
// and with r, s at the range ends), and ECDH.
func TestOracleDifferential(t *testing.T) {
	iters := 24
	if testing.Short() {
		iters = 8
	}
	for _, c := range []Curve{P256, BrainpoolP256r1} {
		rc := ecref.CurveID(c)
		scalars := edgeScalars(c)
		for range iters {
			scalars = append(scalars, randScalar(c))
		}
		for i, d := range scalars {
			var p1, p2 [65]byte
			if err := ec.ScalarBaseMult(c, &p1, &d); err != nil {
				t.Fatal(err)
			}
			if err := ecref.ScalarBaseMult(rc, &p2, &d); err != nil || p1 != p2 {
				t.Fatalf("%v: ScalarBaseMult(%x) differs", c, d)
			}
			k := scalars[(i*7+3)%len(scalars)]
			h := sha256.Sum256(d[:])
			var s1, s2 [64]byte
			e1 := ec.SignDigest(c, &s1, &d, &k, h[:])
			e2 := ecref.SignDigest(rc, &s2, &d, &k, h[:])
			if (e1 == nil) != (e2 == nil) || s1 != s2 {
				t.Fatalf("%v: SignDigest differs (d %x k %x): %v / %v", c, d, k, e1, e2)
			}
			pk, _ := ec.NewPublicKey(c, p1[:])
			rpk, _ := ecref.NewPublicKey(rc, p1[:])
			pre := pk.Precompute()
			for j, dg := range [][]byte{h[:], h[:16], append(h[:], h[:]...), {}} {
				r, s := [32]byte(s1[:32]), [32]byte(s1[32:])
				if j == 3 {
					s = c.OrderBytes()
					s[31]--
				}
				a, b, cc := pk.VerifyDigest(dg, &r, &s), pre.VerifyDigest(dg, &r, &s), rpk.VerifyDigest(dg, &r, &s)
				if a != cc || b != cc || (j == 0 && !a) {
					t.Fatalf("%v: VerifyDigest differs (case %d): ec %v pre %v ref %v", c, j, a, b, cc)
				}
			}
			peer := scalars[(i*5+1)%len(scalars)]
			var q [65]byte
			ecref.ScalarBaseMult(rc, &q, &peer)
			var x1, x2 [32]byte
			e1 = ec.ECDH(c, &x1, q[:], &d)
			e2 = ecref.ECDH(rc, &x2, q[:], &d)
			if e1 != nil || e2 != nil || x1 != x2 {
				t.Fatalf("%v: ECDH differs: %v %v", c, e1, e2)
			}
			comp := append([]byte{2 | q[64]&1}, q[1:33]...)
			var dq [65]byte
			if err := ec.DecompressPoint(c, &dq, comp); err != nil || dq != q {
				t.Fatalf("%v: DecompressPoint: %v", c, err)
			}
		}
	}
}
