package ec

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"math/big"
	"testing"
)

// TestScalarBaseMult compares k·G with the math/big reference for both curves and edge scalars, and for P-256
// with the public key crypto/ecdh derives from the same private key.
func TestScalarBaseMult(t *testing.T) {
	for _, c := range refCurves {
		t.Run(c.name, func(t *testing.T) {
			rng := newRNG(t)
			ks := []*big.Int{big.NewInt(1), big.NewInt(2), big.NewInt(3), new(big.Int).Sub(c.n, big.NewInt(1)),
				new(big.Int).Sub(c.n, big.NewInt(2))}
			for i := 0; i < 8; i++ {
				ks = append(ks, c.randScalar(rng))
			}
			for _, k := range ks {
				var out [65]byte
				if err := ScalarBaseMult(c.id, &out, scalarBytes(k)); err != nil {
					t.Fatal(err)
				}
				if want := c.encode(c.mul(k, c.g())); !bytes.Equal(out[:], want) {
					t.Fatalf("k=%x: got %x want %x", k, out, want)
				}
				if c.id == P256 {
					sk, err := ecdh.P256().NewPrivateKey(scalarBytes(k)[:])
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(sk.PublicKey().Bytes(), out[:]) {
						t.Fatalf("k=%x: differs from crypto/ecdh", k)
					}
				}
			}
			for _, bad := range []*big.Int{big.NewInt(0), c.n, new(big.Int).Add(c.n, big.NewInt(1)),
				new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))} {
				var out [65]byte
				if err := ScalarBaseMult(c.id, &out, scalarBytes(bad)); !errors.Is(err, ErrInvalidScalar) {
					t.Errorf("k=%x: err %v, want ErrInvalidScalar", bad, err)
				}
			}
		})
	}
	var out [65]byte
	if err := ScalarBaseMult(0, &out, &[32]byte{31: 1}); !errors.Is(err, ErrUnknownCurve) {
		t.Errorf("unknown curve: %v", err)
	}
}

// invalidPoints returns encodings every decoder must reject, built from a valid point q.
func invalidPoints(c *refCurve, q refPoint) map[string][]byte {
	enc := c.encode(q)
	comp := c.compress(q)
	m := map[string][]byte{
		"empty":          {},
		"infinity":       {0},
		"prefix 05":      append([]byte{5}, enc[1:]...),
		"hybrid 06":      append([]byte{6}, enc[1:]...),
		"hybrid 07":      append([]byte{7}, enc[1:]...),
		"truncated":      enc[:64],
		"too long":       append(append([]byte{}, enc...), 0),
		"compressed 04":  append([]byte{4}, comp[1:]...),
		"uncompressed 2": append([]byte{2}, enc[1:]...),
		"raw 64 bytes":   enc[1:],
	}
	off := append([]byte{}, enc...)
	off[64] ^= 1
	m["off curve"] = off
	// Coordinates equal to p (not canonical).
	xp := append([]byte{}, enc...)
	c.p.FillBytes(xp[1:33])
	m["x = p"] = xp
	yp := append([]byte{}, enc...)
	c.p.FillBytes(yp[33:])
	m["y = p"] = yp
	// y + p when it fits in 32 bytes (non-canonical coordinate of an on-curve point).
	if yy := new(big.Int).Add(q.y, c.p); yy.BitLen() <= 256 {
		b := append([]byte{}, enc...)
		yy.FillBytes(b[33:])
		m["y + p"] = b
	}
	// A compressed x with no square root of x³ + ax + b.
	for x := int64(1); ; x++ {
		rhs := new(big.Int).Exp(big.NewInt(x), big.NewInt(3), c.p)
		rhs.Add(rhs, new(big.Int).Mul(c.a, big.NewInt(x)))
		rhs.Add(rhs, c.b)
		rhs.Mod(rhs, c.p)
		if big.Jacobi(rhs, c.p) == -1 {
			b := make([]byte, 33)
			b[0] = 2
			big.NewInt(x).FillBytes(b[1:])
			m["compressed non-residue"] = b
			break
		}
	}
	cp := append([]byte{}, comp...)
	c.p.FillBytes(cp[1:])
	m["compressed x = p"] = cp
	return m
}

// TestPointEncoding checks ValidatePoint, DecompressPoint and NewPublicKey on valid points of both parities,
// compressed and uncompressed, and rejects malformed, off-curve, non-canonical and infinity encodings.
func TestPointEncoding(t *testing.T) {
	for _, c := range refCurves {
		t.Run(c.name, func(t *testing.T) {
			rng := newRNG(t)
			var sawParity [2]bool
			for i := 0; i < 16; i++ {
				q := c.mul(c.randScalar(rng), c.g())
				sawParity[q.y.Bit(0)] = true
				enc, comp := c.encode(q), c.compress(q)
				for _, in := range [][]byte{enc, comp} {
					if err := ValidatePoint(c.id, in); err != nil {
						t.Fatalf("ValidatePoint(%x): %v", in, err)
					}
					var out [65]byte
					if err := DecompressPoint(c.id, &out, in); err != nil || !bytes.Equal(out[:], enc) {
						t.Fatalf("DecompressPoint(%x) = %x, %v; want %x", in, out, err, enc)
					}
					pk, err := NewPublicKey(c.id, in)
					if err != nil {
						t.Fatal(err)
					}
					if b := pk.Bytes(); !bytes.Equal(b[:], enc) || pk.Curve() != c.id {
						t.Fatalf("PublicKey.Bytes = %x", b)
					}
				}
				if i == 0 {
					for name, in := range invalidPoints(c, q) {
						if err := ValidatePoint(c.id, in); err == nil {
							t.Errorf("%s: ValidatePoint accepted %x", name, in)
						}
						var out [65]byte
						if err := DecompressPoint(c.id, &out, in); err == nil {
							t.Errorf("%s: DecompressPoint accepted", name)
						}
						if _, err := NewPublicKey(c.id, in); err == nil {
							t.Errorf("%s: NewPublicKey accepted", name)
						}
						var x [32]byte
						if err := ECDH(c.id, &x, in, &[32]byte{31: 1}); err == nil {
							t.Errorf("%s: ECDH accepted", name)
						}
					}
				}
			}
			if !sawParity[0] || !sawParity[1] {
				t.Errorf("test did not cover both y parities")
			}
			if err := ValidatePoint(c.id, []byte{0}); !errors.Is(err, ErrPointAtInfinity) {
				t.Errorf("infinity: %v", err)
			}
		})
	}
	if err := ValidatePoint(7, nil); !errors.Is(err, ErrUnknownCurve) {
		t.Errorf("unknown curve: %v", err)
	}
}

// TestECDH compares the shared X coordinate with the reference (both curves) and with crypto/ecdh (P-256),
// for compressed and uncompressed peers and edge scalars.
func TestECDH(t *testing.T) {
	for _, c := range refCurves {
		t.Run(c.name, func(t *testing.T) {
			rng := newRNG(t)
			for i := 0; i < 8; i++ {
				q := c.mul(c.randScalar(rng), c.g())
				k := c.randScalar(rng)
				switch i {
				case 0:
					k = big.NewInt(1)
				case 1:
					k = new(big.Int).Sub(c.n, big.NewInt(1))
				case 2:
					k = new(big.Int).Sub(c.n, big.NewInt(2))
				case 3:
					q = c.g()
				}
				want := make([]byte, 32)
				c.mul(k, q).x.FillBytes(want)
				for _, peer := range [][]byte{c.encode(q), c.compress(q)} {
					var x [32]byte
					if err := ECDH(c.id, &x, peer, scalarBytes(k)); err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(x[:], want) {
						t.Fatalf("ECDH: got %x want %x", x, want)
					}
				}
				if c.id == P256 {
					sk, _ := ecdh.P256().NewPrivateKey(scalarBytes(k)[:])
					pub, err := ecdh.P256().NewPublicKey(c.encode(q))
					if err != nil {
						t.Fatal(err)
					}
					z, err := sk.ECDH(pub)
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(z, want) {
						t.Fatalf("reference differs from crypto/ecdh")
					}
				}
			}
			var x [32]byte
			peer := c.encode(c.g())
			for _, bad := range []*big.Int{big.NewInt(0), c.n} {
				if err := ECDH(c.id, &x, peer, scalarBytes(bad)); !errors.Is(err, ErrInvalidScalar) {
					t.Errorf("k=%x: %v", bad, err)
				}
			}
		})
	}
}

func refSig(sig *[64]byte) (r, s *big.Int) {
	return new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
}

// TestSignVerify signs random digests of several lengths (SHA-256, SHA-512, 20 bytes, empty), checks the
// signature against r = x(kG) mod n computed by the reference, verifies it with the reference verifier, with
// crypto/ecdsa (P-256), with VerifyDigest and PrecomputedKey.VerifyDigest, and checks that tampered or
// out-of-range signatures are rejected by all of them.
func TestSignVerify(t *testing.T) {
	for _, c := range refCurves {
		t.Run(c.name, func(t *testing.T) {
			rng := newRNG(t)
			for i := 0; i < 6; i++ {
				d, k := c.randScalar(rng), c.randScalar(rng)
				msg := []byte{byte(i), 'm', 's', 'g'}
				h := sha256.Sum256(msg)
				h512 := sha512.Sum512(msg)
				digests := [][]byte{h[:], h512[:], h[:20], nil}
				q := c.mul(d, c.g())
				pk, err := NewPublicKey(c.id, c.encode(q))
				if err != nil {
					t.Fatal(err)
				}
				pre := pk.Precompute()
				for _, e := range digests {
					var sig [64]byte
					if err := SignDigest(c.id, &sig, scalarBytes(d), scalarBytes(k), e); err != nil {
						t.Fatal(err)
					}
					r, s := refSig(&sig)
					wantR := new(big.Int).Mod(c.mul(k, c.g()).x, c.n)
					if r.Cmp(wantR) != 0 {
						t.Fatalf("r = %x, want %x", r, wantR)
					}
					// s·k = e + r·d (mod n)
					ee := new(big.Int).SetBytes(e)
					if len(e) > 32 {
						ee.Rsh(ee, uint(8*(len(e)-32)))
					}
					lhs := new(big.Int).Mul(s, k)
					rhs := new(big.Int).Add(ee, new(big.Int).Mul(r, d))
					if lhs.Mod(lhs, c.n).Cmp(rhs.Mod(rhs, c.n)) != 0 {
						t.Fatalf("s does not satisfy s·k = e + r·d")
					}
					if !c.verify(q, e, r, s) {
						t.Fatalf("reference rejects our signature")
					}
					rb, sb := (*[32]byte)(sig[:32]), (*[32]byte)(sig[32:])
					if !pk.VerifyDigest(e, rb, sb) || !pre.VerifyDigest(e, rb, sb) {
						t.Fatalf("VerifyDigest rejects a valid signature (len(e)=%d)", len(e))
					}
					if c.id == P256 {
						spk := &ecdsa.PublicKey{Curve: elliptic.P256(), X: q.x, Y: q.y}
						if !ecdsa.Verify(spk, e, r, s) {
							t.Fatalf("crypto/ecdsa rejects our signature (len(e)=%d)", len(e))
						}
					}
					// Tampering: flip a bit of the digest, r, s; r or s out of range.
					bad := func(name string, e []byte, r, s *[32]byte) {
						t.Helper()
						if pk.VerifyDigest(e, r, s) || pre.VerifyDigest(e, r, s) {
							t.Errorf("%s: accepted", name)
						}
					}
					e2 := append([]byte{}, e...)
					if len(e2) > 0 {
						e2[0] ^= 0x80
						bad("digest", e2, rb, sb)
					}
					r2, s2 := *rb, *sb
					r2[31] ^= 1
					bad("r", e, &r2, sb)
					s2[5] ^= 1
					bad("s", e, rb, &s2)
					zero := [32]byte{}
					bad("r = 0", e, &zero, sb)
					bad("s = 0", e, rb, &zero)
					n := c.id.OrderBytes()
					bad("r = n", e, &n, sb)
					bad("s = n", e, rb, &n)
					if rn := new(big.Int).Add(r, c.n); rn.BitLen() <= 256 {
						bad("r + n", e, scalarBytes(rn), sb)
					}
					sn := new(big.Int).Sub(c.n, s) // (r, n - s) is also valid in ECDSA: must verify
					if !pk.VerifyDigest(e, rb, scalarBytes(sn)) || !pre.VerifyDigest(e, rb, scalarBytes(sn)) {
						t.Errorf("(r, n-s) rejected")
					}
				}
				// Signatures made by crypto/ecdsa verify with ours (P-256).
				if c.id == P256 {
					ssk := &ecdsa.PrivateKey{PublicKey: ecdsa.PublicKey{Curve: elliptic.P256(), X: q.x, Y: q.y}, D: d}
					r, s, err := ecdsa.Sign(cryptoRand{}, ssk, h[:])
					if err != nil {
						t.Fatal(err)
					}
					if !pk.VerifyDigest(h[:], scalarBytes(r), scalarBytes(s)) ||
						!pre.VerifyDigest(h[:], scalarBytes(r), scalarBytes(s)) {
						t.Fatalf("crypto/ecdsa signature rejected")
					}
				}
			}
			// Invalid private scalars and nonces.
			var sig [64]byte
			one := scalarBytes(big.NewInt(1))
			for _, bad := range []*big.Int{big.NewInt(0), c.n, new(big.Int).Add(c.n, big.NewInt(5))} {
				if err := SignDigest(c.id, &sig, scalarBytes(bad), one, []byte{1}); !errors.Is(err, ErrInvalidScalar) {
					t.Errorf("d=%x: %v", bad, err)
				}
				if err := SignDigest(c.id, &sig, one, scalarBytes(bad), []byte{1}); !errors.Is(err, ErrInvalidScalar) {
					t.Errorf("k=%x: %v", bad, err)
				}
			}
			// s = 0: choose e = -r·d mod n, so e + r·d = 0.
			d := c.randScalar(rng)
			k := big.NewInt(7)
			r := new(big.Int).Mod(c.mul(k, c.g()).x, c.n)
			e := new(big.Int).Mul(r, d)
			e.Neg(e).Mod(e, c.n)
			if err := SignDigest(c.id, &sig, scalarBytes(d), scalarBytes(k), scalarBytes(e)[:]); !errors.Is(err, ErrZeroSignature) {
				t.Errorf("s = 0: %v", err)
			}
		})
	}
}

// TestVerifyBatch checks that VerifyBatch gives each job the answer VerifyDigest gives, over more jobs than
// one chunk, mixing curves, plain and precomputed keys, valid, tampered and out-of-range signatures and
// jobs without a key.
func TestVerifyBatch(t *testing.T) {
	var jobs []VerifyJob
	var want []bool
	rng := newRNG(t)
	for i := 0; i < 2*batchChunk+5; i++ {
		c := refCurves[rng.IntN(2)]
		d := c.randScalar(rng)
		pk, err := NewPublicKey(c.id, c.encode(c.mul(d, c.g())))
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256([]byte{byte(i)})
		var sig [64]byte
		if err := SignDigest(c.id, &sig, scalarBytes(d), scalarBytes(c.randScalar(rng)), h[:]); err != nil {
			t.Fatal(err)
		}
		j := VerifyJob{Key: pk, Digest: h[:], R: [32]byte(sig[:32]), S: [32]byte(sig[32:])}
		switch i % 7 {
		case 1:
			j.S[3] ^= 1
		case 2:
			j.Pre = pk.Precompute()
		case 3:
			j.Pre = pk.Precompute()
			j.Digest = []byte("other")
		case 4:
			j.R = [32]byte{}
		case 5:
			j.S = c.id.OrderBytes()
		case 6:
			if i%2 == 0 {
				j.Key = nil
			}
		}
		w := false
		switch {
		case j.Pre != nil:
			w = j.Pre.VerifyDigest(j.Digest, &j.R, &j.S)
		case j.Key != nil:
			w = j.Key.VerifyDigest(j.Digest, &j.R, &j.S)
		}
		if want = append(want, w); w != (i%7 == 0 || i%7 == 2 || (i%7 == 6 && i%2 == 1)) {
			t.Fatalf("job %d: VerifyDigest = %v, not what the job was built for", i, w)
		}
		jobs = append(jobs, j)
	}
	ok := make([]bool, len(jobs))
	for i := range ok {
		ok[i] = !want[i] // make sure every entry is written
	}
	VerifyBatch(jobs, ok)
	for i := range ok {
		if ok[i] != want[i] {
			t.Errorf("job %d: %v, want %v", i, ok[i], want[i])
		}
	}
}

// cryptoRand is a deterministic byte source for crypto/ecdsa.Sign in tests (Sign mixes it with the key and
// digest; its output only has to be some valid signature).
type cryptoRand struct{}

func (cryptoRand) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(i*7 + 3)
	}
	return len(p), nil
}

// TestVerifySpecialKeys uses keys that are small multiples of ±G and nonces 1 and 2, so that the interleaved
// accumulation u1·G + u2·Q meets the exceptional cases of the Jacobian formulas (P + P, P + (-P), O) on its way.
func TestVerifySpecialKeys(t *testing.T) {
	for _, c := range refCurves {
		t.Run(c.name, func(t *testing.T) {
			rng := newRNG(t)
			one, two := big.NewInt(1), big.NewInt(2)
			nm1, nm2 := new(big.Int).Sub(c.n, one), new(big.Int).Sub(c.n, two)
			for _, d := range []*big.Int{one, two, nm1, nm2} {
				q := c.mul(d, c.g())
				pk, err := NewPublicKey(c.id, c.encode(q))
				if err != nil {
					t.Fatal(err)
				}
				pre := pk.Precompute()
				for _, k := range []*big.Int{one, two, nm1, c.randScalar(rng)} {
					for _, e := range []*big.Int{big.NewInt(0), one, nm1, c.randScalar(rng)} {
						eb := scalarBytes(e)
						var sig [64]byte
						if err := SignDigest(c.id, &sig, scalarBytes(d), scalarBytes(k), eb[:]); err != nil {
							if errors.Is(err, ErrZeroSignature) {
								continue
							}
							t.Fatal(err)
						}
						r, s := refSig(&sig)
						want := c.verify(q, eb[:], r, s)
						if !want {
							t.Fatalf("reference rejects d=%x k=%x e=%x", d, k, e)
						}
						rb, sb := (*[32]byte)(sig[:32]), (*[32]byte)(sig[32:])
						if !pk.VerifyDigest(eb[:], rb, sb) || !pre.VerifyDigest(eb[:], rb, sb) {
							t.Fatalf("VerifyDigest rejects d=%x k=%x e=%x", d, k, e)
						}
						sb[31] ^= 1
						if pk.VerifyDigest(eb[:], rb, sb) || pre.VerifyDigest(eb[:], rb, sb) {
							t.Fatalf("VerifyDigest accepts a modified s, d=%x k=%x e=%x", d, k, e)
						}
					}
				}
			}
		})
	}
}
