package main

import (
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/rspengine/rspengine/ecka"
)

func init() {
	register("ecka", "ECDH shared secret (derive) and BSP session keys (kdf)", runECKA)
}

const eckaUsage = `usage:
  rspengine ecka derive -key SK.pem -peer PK.pem|SK.pem|CERT.der|HEXPOINT
  rspengine ecka kdf -z HEX -host-id HEX -eid HEX

derive prints ShS, the X coordinate of the ECDH point (32 bytes, hex); the peer
is a key or certificate file, or a hex point (04||X||Y or 02/03||X) on the
curve of -key. kdf runs the SGP.22 BSP key derivation (X9.63 KDF, SHA-256) and
prints the initial MAC chaining value, S-ENC and S-MAC.
`

func runECKA(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "derive" && args[0] != "kdf") {
		fmt.Fprint(stderr, eckaUsage)
		return 2
	}
	mode := args[0]
	fs := flag.NewFlagSet("ecka "+mode, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, eckaUsage) }
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "rspengine ecka %s: %s\n", mode, fmt.Sprintf(format, a...))
		return 2
	}
	if mode == "kdf" {
		z := fs.String("z", "", "shared secret ShS, 32 bytes hex")
		host := fs.String("host-id", "", "hostId, 1-16 bytes hex")
		eid := fs.String("eid", "", "EID, 16 bytes hex")
		if err := fs.Parse(args[1:]); err != nil {
			return 2
		}
		if fs.NArg() != 0 {
			return fail("unexpected argument %q", fs.Arg(0))
		}
		zb, err1 := hex.DecodeString(*z)
		hb, err2 := hex.DecodeString(*host)
		eb, err3 := hex.DecodeString(*eid)
		if err1 != nil || err2 != nil || err3 != nil {
			return fail("-z, -host-id and -eid must be hex")
		}
		keys, err := ecka.DeriveSessionKeys(zb, hb, eb)
		if err != nil {
			return fail("%v", err)
		}
		fmt.Fprintf(stdout, "mcv=%x\ns-enc=%x\ns-mac=%x\n", keys.InitialMCV, keys.SEnc, keys.SMac)
		keys.Destroy()
		return 0
	}

	keyPath := fs.String("key", "", "private key file")
	peer := fs.String("peer", "", "peer public key: file or hex point")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if fs.NArg() != 0 {
		return fail("unexpected argument %q", fs.Arg(0))
	}
	if *keyPath == "" || *peer == "" {
		return fail("-key and -peer are required")
	}
	sk, err := loadPrivateKey(*keyPath)
	if err != nil {
		return fail("%v", err)
	}
	defer sk.Destroy()
	var point []byte
	if _, statErr := os.Stat(*peer); statErr == nil {
		pk, err := loadPublicKey(*peer)
		if err != nil {
			return fail("%v", err)
		}
		if pk.Curve() != sk.Curve() {
			return fail("peer key is on %v, private key on %v", pk.Curve(), sk.Curve())
		}
		b := pk.Bytes()
		point = b[:]
	} else if point, err = hex.DecodeString(*peer); err != nil {
		return fail("-peer is neither a readable file nor a hex point")
	}
	x, err := ecka.ECDH(sk, point)
	if err != nil {
		return fail("%v", err)
	}
	fmt.Fprintln(stdout, hex.EncodeToString(x[:]))
	return 0
}
