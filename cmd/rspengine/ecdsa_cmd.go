package main

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecdsa"
)

func init() {
	register("ecdsa", "ECDSA-SHA256 sign or verify (P-256, brainpoolP256r1; raw r||s or DER)", runECDSA)
}

const ecdsaUsage = `usage:
  rspengine ecdsa sign   -key SK.pem [-in FILE] [-format raw|der]
  rspengine ecdsa verify -key PK.pem|SK.pem|CERT.der|CERT.pem [-in FILE] -sig HEX [-format raw|der]

The message is FILE (standard input when -in is absent or "-"); it is hashed
with SHA-256. Signatures are hex: raw is r||s, 64 bytes, the SGP.22 5F37 form;
der is an ECDSA-Sig-Value as in X.509. The curve comes from the key.
verify exits 0 when the signature is valid, 1 when it is not, 2 on bad input.
`

func runECDSA(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "sign" && args[0] != "verify") {
		fmt.Fprint(stderr, ecdsaUsage)
		return 2
	}
	mode := args[0]
	fs := flag.NewFlagSet("ecdsa "+mode, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, ecdsaUsage) }
	keyPath := fs.String("key", "", "key file")
	in := fs.String("in", "", "message file (default standard input)")
	format := fs.String("format", "raw", "signature format: raw (r||s) or der")
	var sigHex *string
	if mode == "verify" {
		sigHex = fs.String("sig", "", "signature, hex")
	}
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "rspengine ecdsa %s: %s\n", mode, fmt.Sprintf(format, a...))
		return 2
	}
	if fs.NArg() != 0 {
		return fail("unexpected argument %q", fs.Arg(0))
	}
	if *format != "raw" && *format != "der" {
		return fail("-format must be raw or der")
	}
	if *keyPath == "" {
		return fail("-key is required")
	}
	msg, err := readInput(*in, stdin)
	if err != nil {
		return fail("%v", err)
	}
	digest := sha256.Sum256(msg)

	if mode == "sign" {
		sk, err := loadPrivateKey(*keyPath)
		if err != nil {
			return fail("%v", err)
		}
		defer sk.Destroy()
		var out []byte
		if *format == "raw" {
			sig, err := ecdsa.Sign(rand.Reader, sk, digest[:])
			if err != nil {
				return fail("%v", err)
			}
			out = sig[:]
		} else if out, err = ecdsa.SignASN1(rand.Reader, sk, digest[:], nil); err != nil {
			return fail("%v", err)
		}
		fmt.Fprintln(stdout, hex.EncodeToString(out))
		return 0
	}

	pk, err := loadPublicKey(*keyPath)
	if err != nil {
		return fail("%v", err)
	}
	sig, err := hex.DecodeString(strings.TrimSpace(*sigHex))
	if err != nil || len(sig) == 0 {
		return fail("-sig must be a non-empty hex string")
	}
	var ok bool
	if *format == "raw" {
		if len(sig) != 64 {
			return fail("a raw signature is 64 bytes, got %d", len(sig))
		}
		ok = ecdsa.Verify(pk, digest[:], sig)
	} else {
		ok = ecdsa.VerifyASN1(pk, digest[:], sig)
	}
	if !ok {
		fmt.Fprintln(stdout, "invalid signature")
		return 1
	}
	fmt.Fprintf(stdout, "valid signature (%v)\n", pk.Curve())
	return 0
}

// readInput reads the named file, or stdin for "" and "-".
func readInput(path string, stdin io.Reader) ([]byte, error) {
	if path == "" || path == "-" {
		return io.ReadAll(stdin)
	}
	return os.ReadFile(path)
}

// loadPrivateKey reads a private key from a PEM ("EC PRIVATE KEY" or
// "PRIVATE KEY") or DER (SEC 1 or PKCS#8) file. The caller destroys it.
func loadPrivateKey(path string) (*ecdsa.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sk, err := ecdsa.ParsePrivateKeyPEM(data)
	if err != nil {
		if sk, err = ecdsa.ParsePrivateKey(data); err != nil {
			return nil, fmt.Errorf("%s: not a private key: %w", path, err)
		}
	}
	return sk, nil
}

// loadPublicKey reads a public key from a file holding a "PUBLIC KEY" PEM, a
// private key (PEM or DER, whose public half is used), an X.509 certificate
// (DER or "CERTIFICATE" PEM) or a DER SubjectPublicKeyInfo.
func loadPublicKey(path string) (*ecdsa.PublicKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if b, _ := pem.Decode(data); b != nil {
		switch b.Type {
		case "PUBLIC KEY":
			return ecdsa.ParsePublicKey(b.Bytes)
		case "CERTIFICATE":
			return certPublicKey(b.Bytes)
		}
		sk, err := ecdsa.ParsePrivateKeyPEM(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		defer sk.Destroy()
		return sk.Public(), nil
	}
	if pk, err := certPublicKey(data); err == nil {
		return pk, nil
	}
	if pk, err := ecdsa.ParsePublicKey(data); err == nil {
		return pk, nil
	}
	if sk, err := ecdsa.ParsePrivateKey(data); err == nil {
		defer sk.Destroy()
		return sk.Public(), nil
	}
	return nil, fmt.Errorf("%s: no public key, private key or certificate found", path)
}

// certPublicKey walks an X.509 certificate to its SubjectPublicKeyInfo
// (RFC 5280 §4.1: tbsCertificate's seventh field, after an optional [0]
// version). Full certificate handling lives in package rspcert.
func certPublicKey(der []byte) (*ecdsa.PublicKey, error) {
	errNotCert := errors.New("not an X.509 certificate")
	cert, err := asn1der.ParseExpect(der, asn1der.TagSequence)
	if err != nil {
		return nil, errNotCert
	}
	rd, err := asn1der.Children(cert, asn1der.DER)
	if err != nil {
		return nil, errNotCert
	}
	tbs, err := rd.Expect(asn1der.TagSequence)
	if err != nil {
		return nil, errNotCert
	}
	trd, err := asn1der.Children(tbs, asn1der.DER)
	if err != nil {
		return nil, errNotCert
	}
	if _, _, err := trd.Optional(0xA0); err != nil {
		return nil, errNotCert
	}
	for range 5 { // serialNumber, signature, issuer, validity, subject
		if _, err := trd.Next(); err != nil {
			return nil, errNotCert
		}
	}
	spki, err := trd.Expect(asn1der.TagSequence)
	if err != nil {
		return nil, errNotCert
	}
	return ecdsa.ParsePublicKey(spki.Raw)
}
