package ecdsa

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func opensslPath(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl command not found; skipping the interop test")
	}
	return p
}

func runOpenSSL(t *testing.T, bin string, args ...string) ([]byte, error) {
	t.Helper()
	return exec.Command(bin, args...).CombinedOutput()
}

// TestOpenSSLInterop signs with OpenSSL and verifies here, signs here and
// verifies with OpenSSL (DER signatures, SHA-256), for keys OpenSSL
// generated (SEC 1 and PKCS#8 PEM) and keys generated here (exported as
// SubjectPublicKeyInfo), on both curves.
func TestOpenSSLInterop(t *testing.T) {
	bin := opensslPath(t)
	dir := t.TempDir()
	msg := filepath.Join(dir, "msg")
	msgBytes := make([]byte, 1000)
	rand.Read(msgBytes)
	os.WriteFile(msg, msgBytes, 0o600)
	h := sha256.Sum256(msgBytes)
	for _, cv := range []struct {
		c    Curve
		name string
	}{{P256, "prime256v1"}, {BrainpoolP256r1, "brainpoolP256r1"}} {
		t.Run(cv.name, func(t *testing.T) {
			sec1 := filepath.Join(dir, cv.name+"-sec1.pem")
			p8 := filepath.Join(dir, cv.name+"-p8.pem")
			pub := filepath.Join(dir, cv.name+"-pub.pem")
			if out, err := runOpenSSL(t, bin, "ecparam", "-name", cv.name, "-genkey", "-out", sec1); err != nil {
				t.Fatalf("ecparam: %v %s", err, out)
			}
			if out, err := runOpenSSL(t, bin, "pkcs8", "-topk8", "-nocrypt", "-in", sec1, "-out", p8); err != nil {
				t.Fatalf("pkcs8: %v %s", err, out)
			}
			if out, err := runOpenSSL(t, bin, "ec", "-in", sec1, "-pubout", "-out", pub); err != nil {
				t.Fatalf("ec -pubout: %v %s", err, out)
			}
			sk, err := ParsePrivateKeyPEM(mustRead(t, sec1))
			if err != nil {
				t.Fatal(err)
			}
			sk8, err := ParsePrivateKeyPEM(mustRead(t, p8))
			if err != nil {
				t.Fatal(err)
			}
			pk, err := ParsePublicKeyPEM(mustRead(t, pub))
			if err != nil {
				t.Fatal(err)
			}
			if sk.Curve() != cv.c || !sk.Public().Equal(pk) || !sk8.Public().Equal(pk) || sk.Bytes() != sk8.Bytes() {
				t.Fatal("SEC 1, PKCS#8 and SPKI forms of the OpenSSL key disagree")
			}
			// OpenSSL signs, we verify.
			for i := range 5 {
				sig := filepath.Join(dir, "osig")
				if out, err := runOpenSSL(t, bin, "dgst", "-sha256", "-sign", sec1, "-out", sig, msg); err != nil {
					t.Fatalf("dgst -sign: %v %s", err, out)
				}
				der := mustRead(t, sig)
				if !VerifyASN1(pk, h[:], der) || !NewVerifier(pk).VerifyASN1(h[:], der) {
					t.Fatalf("OpenSSL signature %d %x rejected", i, der)
				}
			}
			// We sign (OpenSSL's key and a key of ours), OpenSSL verifies.
			own, _ := GenerateKey(cv.c, rand.Reader)
			ownPub := filepath.Join(dir, cv.name+"-own-pub.pem")
			os.WriteFile(ownPub, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: own.Public().AppendSubjectPublicKeyInfo(nil)}), 0o600)
			for _, k := range []struct {
				sk  *PrivateKey
				pub string
			}{{sk, pub}, {own, ownPub}} {
				der, err := SignASN1(rand.Reader, k.sk, h[:], nil)
				if err != nil {
					t.Fatal(err)
				}
				sig := filepath.Join(dir, "sig")
				os.WriteFile(sig, der, 0o600)
				if out, err := runOpenSSL(t, bin, "dgst", "-sha256", "-verify", k.pub, "-signature", sig, msg); err != nil {
					t.Fatalf("OpenSSL rejects our signature: %v %s", err, out)
				}
				der[len(der)-1] ^= 1
				os.WriteFile(sig, der, 0o600)
				if _, err := runOpenSSL(t, bin, "dgst", "-sha256", "-verify", k.pub, "-signature", sig, msg); err == nil {
					t.Fatal("OpenSSL accepts a modified signature")
				}
			}
		})
	}
}

// TestOpenSSLSGP26 has OpenSSL sign with each SGP.26 SK_*.pem and checks the
// signature here under the matching public key.
func TestOpenSSLSGP26(t *testing.T) {
	bin := opensslPath(t)
	dir := t.TempDir()
	msg := filepath.Join(dir, "msg")
	os.WriteFile(msg, []byte("SGP.26 interop"), 0o600)
	h := sha256.Sum256([]byte("SGP.26 interop"))
	for _, p := range sgp26Files(t, "SK_", ".pem") {
		sk, err := ParsePrivateKeyPEM(mustRead(t, p))
		if err != nil {
			t.Fatal(err)
		}
		sig := filepath.Join(dir, "sig")
		if out, err := runOpenSSL(t, bin, "dgst", "-sha256", "-sign", p, "-out", sig, msg); err != nil {
			t.Fatalf("%s: %v %s", p, err, out)
		}
		if !VerifyASN1(sk.Public(), h[:], mustRead(t, sig)) {
			t.Errorf("%s: OpenSSL signature rejected", filepath.Base(p))
		}
	}
}
