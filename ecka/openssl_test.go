package ecka

import (
	"bytes"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
)

// TestOpenSSLDerive compares ECDH with `openssl pkeyutl -derive` on both
// curves, with OpenSSL's keys on both sides and with one key of ours whose
// public key OpenSSL reads as SubjectPublicKeyInfo.
func TestOpenSSLDerive(t *testing.T) {
	bin, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl command not found; skipping the interop test")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("openssl %v: %v %s", args, err, out)
		}
	}
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, cv := range []struct {
		c    ecdsa.Curve
		name string
	}{{ecdsa.P256, "prime256v1"}, {ecdsa.BrainpoolP256r1, "brainpoolP256r1"}} {
		a, b := filepath.Join(dir, cv.name+"-a.pem"), filepath.Join(dir, cv.name+"-b.pem")
		aPub, bPub := a+".pub", b+".pub"
		run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:"+cv.name, "-out", a)
		run("ecparam", "-name", cv.name, "-genkey", "-noout", "-out", b)
		run("pkey", "-in", a, "-pubout", "-out", aPub)
		run("pkey", "-in", b, "-pubout", "-out", bPub)
		z := filepath.Join(dir, "z")
		run("pkeyutl", "-derive", "-inkey", a, "-peerkey", bPub, "-out", z)
		want := read(z)

		ska, err := ecdsa.ParsePrivateKeyPEM(read(a))
		if err != nil {
			t.Fatal(err)
		}
		// b has no separate EC PARAMETERS block (-noout): the SEC 1 key
		// names its curve itself.
		skb, err := ecdsa.ParsePrivateKeyPEM(read(b))
		if err != nil {
			t.Fatal(err)
		}
		pkb, _ := ecdsa.ParsePublicKeyPEM(read(bPub))
		pka, _ := ecdsa.ParsePublicKeyPEM(read(aPub))
		pb, pa := pkb.Bytes(), pka.Bytes()
		x1, err1 := ECDH(ska, pb[:])
		x2, err2 := ECDH(skb, pa[:])
		if err1 != nil || err2 != nil || !bytes.Equal(x1[:], want) || !bytes.Equal(x2[:], want) {
			t.Fatalf("%s: ECDH %x / %x, OpenSSL %x (%v %v)", cv.name, x1, x2, want, err1, err2)
		}
		// Our key against OpenSSL's.
		own, _ := GenerateKey(cv.c, nil)
		ownPub := filepath.Join(dir, "own.pub")
		os.WriteFile(ownPub, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: own.Public().AppendSubjectPublicKeyInfo(nil)}), 0o600)
		run("pkeyutl", "-derive", "-inkey", a, "-peerkey", ownPub, "-out", z)
		x3, err := ECDH(own, pa[:])
		if err != nil || !bytes.Equal(x3[:], read(z)) {
			t.Fatalf("%s: ECDH with our key differs from OpenSSL", cv.name)
		}
	}
}
