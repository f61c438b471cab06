package ec

import (
	"bytes"
	"crypto/sha256"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// sgp26Dir is the SGP.26 test PKI (see /work/shared/testdata/PROVENANCE.md), relative to this package
// (internal/ec is two levels below the module root, which sits beside shared/).
var sgp26Dir = filepath.Join("..", "..", "..", "shared", "testdata", "sgp26")

func needSGP26(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(sgp26Dir); err != nil {
		t.Skipf("SGP.26 test data not found at %s (it lives in the shared folder beside the repository): %v", sgp26Dir, err)
	}
}

var (
	oidP256  = []byte{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07}       // 1.2.840.10045.3.1.7
	oidBP256 = []byte{0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x07} // 1.3.36.3.3.2.8.1.1.7
)

func curveOfOID(oid []byte) (CurveID, bool) {
	switch {
	case bytes.Equal(oid, oidP256):
		return P256, true
	case bytes.Equal(oid, oidBP256):
		return BP256, true
	}
	return 0, false
}

// parseSEC1 parses an RFC 5915 ECPrivateKey: version 1, privateKey OCTET STRING, [0] named curve, [1] public key.
func parseSEC1(t *testing.T, der []byte) (CurveID, []byte, []byte) {
	t.Helper()
	in := cryptobyte.String(der)
	var seq, d, params, pub cryptobyte.String
	var version int
	var oid []byte
	var hasParams, hasPub bool
	if !in.ReadASN1(&seq, cbasn1.SEQUENCE) || !seq.ReadASN1Integer(&version) || version != 1 ||
		!seq.ReadASN1(&d, cbasn1.OCTET_STRING) ||
		!seq.ReadOptionalASN1(&params, &hasParams, cbasn1.Tag(0).Constructed().ContextSpecific()) ||
		!seq.ReadOptionalASN1(&pub, &hasPub, cbasn1.Tag(1).Constructed().ContextSpecific()) || !hasParams || !hasPub {
		t.Fatal("bad ECPrivateKey")
	}
	var oidS cryptobyte.String
	if !params.ReadASN1(&oidS, cbasn1.OBJECT_IDENTIFIER) {
		t.Fatal("bad curve parameters")
	}
	oid = oidS
	var bits []byte
	var bs cryptobyte.String
	if !pub.ReadASN1(&bs, cbasn1.BIT_STRING) || len(bs) < 1 || bs[0] != 0 {
		t.Fatal("bad public key bit string")
	}
	bits = bs[1:]
	c, ok := curveOfOID(oid)
	if !ok {
		t.Fatalf("unknown curve OID %x", oid)
	}
	return c, d, bits
}

// TestSGP26Keys checks d·G against the public key stored in every SGP.26 private key file (both curves),
// then signs with each key and verifies with VerifyDigest and the reference.
func TestSGP26Keys(t *testing.T) {
	needSGP26(t)
	files, _ := filepath.Glob(filepath.Join(sgp26Dir, "*", "SK_*.pem"))
	if len(files) == 0 {
		t.Fatal("no SK_*.pem files")
	}
	seen := map[CurveID]int{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var block *pem.Block
		for rest := raw; ; {
			block, rest = pem.Decode(rest)
			if block == nil || block.Type == "EC PRIVATE KEY" {
				break
			}
		}
		if block == nil {
			t.Fatalf("%s: no EC PRIVATE KEY", f)
		}
		c, d, pub := parseSEC1(t, block.Bytes)
		seen[c]++
		if len(d) != 32 {
			t.Fatalf("%s: private key length %d", f, len(d))
		}
		var out [65]byte
		if err := ScalarBaseMult(c, &out, (*[32]byte)(d)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out[:], pub) {
			t.Errorf("%s: d·G = %x, file says %x", filepath.Base(f), out, pub)
		}
		pk, err := NewPublicKey(c, pub)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256([]byte(filepath.Base(f)))
		var sig [64]byte
		kh := sha256.Sum256(append(d, 'k'))
		n := c.OrderBytes()
		k := scalarBytes(new(big.Int).Mod(new(big.Int).SetBytes(kh[:]), new(big.Int).SetBytes(n[:])))
		if err := SignDigest(c, &sig, (*[32]byte)(d), k, h[:]); err != nil {
			t.Fatal(err)
		}
		if !pk.VerifyDigest(h[:], (*[32]byte)(sig[:32]), (*[32]byte)(sig[32:])) {
			t.Errorf("%s: own signature rejected", filepath.Base(f))
		}
	}
	if seen[P256] == 0 || seen[BP256] == 0 {
		t.Errorf("expected keys on both curves, saw %v", seen)
	}
}

// cert is the part of an X.509 certificate the signature check needs.
type cert struct {
	tbs   []byte
	curve CurveID
	pub   []byte
	r, s  [32]byte
}

func parseCert(t *testing.T, der []byte) cert {
	t.Helper()
	in := cryptobyte.String(der)
	var c cert
	var crt, tbsRaw, tbs, spki, alg, sigAlg, sigBits, pubBits, sigSeq cryptobyte.String
	if !in.ReadASN1(&crt, cbasn1.SEQUENCE) || !crt.ReadASN1Element(&tbsRaw, cbasn1.SEQUENCE) ||
		!crt.ReadASN1(&sigAlg, cbasn1.SEQUENCE) || !crt.ReadASN1(&sigBits, cbasn1.BIT_STRING) {
		t.Fatal("bad certificate")
	}
	c.tbs = tbsRaw
	tbs = tbsRaw
	if !tbs.ReadASN1(&tbs, cbasn1.SEQUENCE) ||
		!tbs.SkipOptionalASN1(cbasn1.Tag(0).Constructed().ContextSpecific()) ||
		!tbs.SkipASN1(cbasn1.INTEGER) || !tbs.SkipASN1(cbasn1.SEQUENCE) || !tbs.SkipASN1(cbasn1.SEQUENCE) ||
		!tbs.SkipASN1(cbasn1.SEQUENCE) || !tbs.SkipASN1(cbasn1.SEQUENCE) || !tbs.ReadASN1(&spki, cbasn1.SEQUENCE) ||
		!spki.ReadASN1(&alg, cbasn1.SEQUENCE) || !spki.ReadASN1(&pubBits, cbasn1.BIT_STRING) {
		t.Fatal("bad TBSCertificate")
	}
	var oid cryptobyte.String
	if !alg.SkipASN1(cbasn1.OBJECT_IDENTIFIER) || !alg.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) {
		t.Fatal("bad SPKI algorithm")
	}
	var ok bool
	if c.curve, ok = curveOfOID(oid); !ok {
		t.Fatalf("SPKI curve %x", []byte(oid))
	}
	c.pub = pubBits[1:]
	sigBits = sigBits[1:]
	r, s := new(big.Int), new(big.Int)
	if !sigBits.ReadASN1(&sigSeq, cbasn1.SEQUENCE) || !sigSeq.ReadASN1Integer(r) || !sigSeq.ReadASN1Integer(s) {
		t.Fatal("bad ECDSA-Sig-Value")
	}
	r.FillBytes(c.r[:])
	s.FillBytes(c.s[:])
	return c
}

// TestSGP26Certificates verifies the ECDSA-SHA256 signatures of the SGP.26 certificates (made by OpenSSL when
// the PKI was generated) with VerifyDigest and PrecomputedKey.VerifyDigest: CI self-signature, EUM, DPauth,
// DPpb and DP TLS under the CI, eUICC under the EUM, on both curves; and rejects the certificate the test PKI
// marks as carrying an invalid signature.
func TestSGP26Certificates(t *testing.T) {
	needSGP26(t)
	load := func(rel string) cert {
		der, err := os.ReadFile(filepath.Join(sgp26Dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		return parseCert(t, der)
	}
	check := func(name string, c cert, issuer cert, want bool) {
		t.Helper()
		pk, err := NewPublicKey(issuer.curve, issuer.pub)
		if err != nil {
			t.Fatalf("%s: issuer key: %v", name, err)
		}
		h := sha256.Sum256(c.tbs)
		got1 := pk.VerifyDigest(h[:], &c.r, &c.s)
		got2 := pk.Precompute().VerifyDigest(h[:], &c.r, &c.s)
		if got1 != want || got2 != want {
			t.Errorf("%s: verify = %v / %v (precomputed), want %v", name, got1, got2, want)
		}
	}
	n := 0
	for _, suffix := range []string{"NIST", "BRP"} {
		ci := load("CertificateIssuer/CERT_CI_ECDSA_" + suffix + ".der")
		eum := load("EUM/CERT_EUM_ECDSA_" + suffix + ".der")
		check("CI self-signed "+suffix, ci, ci, true)
		check("EUM "+suffix, eum, ci, true)
		check("eUICC "+suffix, load("eUICC/CERT_EUICC_ECDSA_"+suffix+".der"), eum, true)
		check("eUICC under CI "+suffix, load("eUICC/CERT_EUICC_ECDSA_"+suffix+".der"), ci, false)
		for _, dir := range []string{"DPauth", "DPpb"} {
			files, _ := filepath.Glob(filepath.Join(sgp26Dir, dir, "CERT_*"+suffix+".der"))
			for _, f := range files {
				check(filepath.Base(f), load(filepath.Join(dir, filepath.Base(f))), ci, true)
				n++
			}
		}
		if suffix == "NIST" {
			check("CERT_EUICC_ECDSA_NIST_INVALID", load("invalid/CERT_EUICC_ECDSA_NIST_INVALID.der"), eum, false)
		}
	}
	if n < 4 {
		t.Errorf("only %d DP certificates found", n)
	}
}
