package ecdsa

import (
	"crypto/sha256"
	"testing"

	"github.com/rspengine/rspengine/internal/ecref"
	"github.com/rspengine/rspengine/internal/wycheproof"
)

// Policy for Wycheproof "acceptable" ECDSA cases (documented in the report and
// here): this package is strict, so every acceptable case is rejected.
//   - MissingZero (DER INTEGER without its 00 sign octet, i.e. negative):
//     rejected, it is not valid DER.
//   - SigSize (P1363 signature of the wrong length): rejected, raw
//     signatures are exactly 64 bytes.
//
// Every case also runs through the math/big oracle internal/ecref on the
// decoded (r, s), so the vectors check the oracle too.
func wycheproofExpect(result string) bool { return result == "valid" }

func TestWycheproofECDSA(t *testing.T) {
	files := []struct {
		file  string
		curve Curve
		p1363 bool
	}{
		{"ecdsa_secp256r1_sha256_test.json", P256, false},
		{"ecdsa_secp256r1_sha256_p1363_test.json", P256, true},
		{"ecdsa_brainpoolP256r1_sha256_test.json", BrainpoolP256r1, false},
		{"ecdsa_brainpoolP256r1_sha256_p1363_test.json", BrainpoolP256r1, true},
	}
	for _, f := range files {
		t.Run(f.file, func(t *testing.T) {
			var v wycheproof.ECDSAFile
			wycheproof.Load(t, f.file, &v)
			count := 0
			for _, g := range v.TestGroups {
				if g.SHA != "SHA-256" {
					t.Fatalf("unexpected hash %s", g.SHA)
				}
				pk, err := ParsePublicKey(g.KeyDer)
				if err != nil {
					t.Fatalf("group key: %v", err)
				}
				if pk.Curve() != f.curve {
					t.Fatalf("group key curve %v", pk.Curve())
				}
				point := pk.Bytes()
				if string(point[:]) != string(g.Key.Uncompressed) {
					t.Fatal("keyDer and uncompressed key differ")
				}
				refKey, err := ecref.NewPublicKey(ecref.CurveID(f.curve), point[:])
				if err != nil {
					t.Fatal(err)
				}
				ver := NewVerifier(pk)
				for _, tc := range g.Tests {
					count++
					h := sha256.Sum256(tc.Msg)
					want := wycheproofExpect(tc.Result)
					var got, gotV bool
					var raw [64]byte
					var rawOK bool
					if f.p1363 {
						got, gotV = Verify(pk, h[:], tc.Sig), ver.Verify(h[:], tc.Sig)
						rawOK = len(tc.Sig) == 64
						copy(raw[:], tc.Sig)
					} else {
						got, gotV = VerifyASN1(pk, h[:], tc.Sig), ver.VerifyASN1(h[:], tc.Sig)
						var err error
						raw, err = SignatureFromASN1(tc.Sig)
						rawOK = err == nil
						if rawOK && Verify(pk, h[:], raw[:]) != got {
							t.Errorf("tcId %d: raw and DER verification disagree", tc.TcID)
						}
					}
					if got != want || gotV != want {
						t.Errorf("tcId %d (%s, %s %v): Verify %v, Verifier %v, want %v", tc.TcID, tc.Comment, tc.Result, tc.Flags, got, gotV, want)
					}
					// The math/big oracle on the same decoded (r, s).
					refGot := false
					if rawOK {
						r, s := [32]byte(raw[:32]), [32]byte(raw[32:])
						refGot = refKey.VerifyDigest(h[:], &r, &s)
					}
					if refGot != want {
						t.Errorf("tcId %d (%s): ecref oracle %v, want %v", tc.TcID, tc.Comment, refGot, want)
					}
				}
			}
			if count != v.NumberOfTests {
				t.Errorf("ran %d of %d tests", count, v.NumberOfTests)
			}
			t.Logf("%s: %d vectors", f.file, count)
		})
	}
}
