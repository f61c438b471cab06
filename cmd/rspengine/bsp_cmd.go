package main

import (
	"bufio"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rspengine/rspengine/scp03t"
)

func init() {
	register("bsp", "protect or unprotect BSP (SCP03t) segments", runBSP)
}

const bspUsage = `usage:
  rspengine bsp protect   -enc HEX -mac HEX -mcv HEX [-counter N] -tag 86|87|88 [-in FILE] [-hexin]
  rspengine bsp unprotect -enc HEX -mac HEX -mcv HEX [-counter N] [-in FILE] [-hexout]

protect reads plaintext bytes (hex text with -hexin) from FILE or standard input,
splits it into segments of at most 1020 bytes and prints each protected segment
as one hex line. unprotect reads hex segments, one per line, and writes the
plaintext (as hex with -hexout); it exits 1 on a C-MAC failure
(scp03tSecurityError(8)) or a structure/padding failure (scp03tStructureError(7)).
`

func runBSP(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "protect" && args[0] != "unprotect") {
		fmt.Fprint(stderr, bspUsage)
		return 2
	}
	mode := args[0]
	fs := flag.NewFlagSet("bsp "+mode, flag.ContinueOnError)
	fs.SetOutput(stderr)
	encHex := fs.String("enc", "", "S-ENC, 16 bytes hex")
	macHex := fs.String("mac", "", "S-MAC, 16 bytes hex")
	mcvHex := fs.String("mcv", "", "initial MAC chaining value, 16 bytes hex")
	counter := fs.Uint64("counter", 1, "counter of the first segment")
	in := fs.String("in", "", "input file (default standard input)")
	var tagHex *string
	var hexIn, hexOut *bool
	if mode == "protect" {
		tagHex = fs.String("tag", "", "segment tag: 86, 87 or 88")
		hexIn = fs.Bool("hexin", false, "the input is hex text, not raw bytes")
	} else {
		hexOut = fs.Bool("hexout", false, "write the plaintext as hex")
	}
	fs.Usage = func() { fmt.Fprint(stderr, bspUsage) }
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(stderr, "rspengine bsp: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	var ks scp03t.KeySet
	for _, k := range []struct {
		name string
		hex  string
		dst  *[16]byte
	}{{"enc", *encHex, &ks.Enc}, {"mac", *macHex, &ks.MAC}, {"mcv", *mcvHex, &ks.MCV}} {
		b, err := hex.DecodeString(k.hex)
		if err != nil || len(b) != 16 {
			fmt.Fprintf(stderr, "rspengine bsp: -%s must be 16 bytes in hex\n", k.name)
			return 2
		}
		*k.dst = [16]byte(b)
	}
	if *counter == 0 {
		fmt.Fprintln(stderr, "rspengine bsp: -counter starts at 1")
		return 2
	}
	r := stdin
	if *in != "" {
		f, err := os.Open(*in)
		if err != nil {
			fmt.Fprintf(stderr, "rspengine bsp: %v\n", err)
			return 2
		}
		defer f.Close()
		r = f
	}
	s := scp03t.NewSession(&ks)
	defer s.Destroy()
	s.SetCounter(*counter)
	if mode == "protect" {
		return bspProtect(s, *tagHex, *hexIn, r, stdout, stderr)
	}
	return bspUnprotect(s, *hexOut, r, stdout, stderr)
}

func bspProtect(s *scp03t.Session, tagHex string, hexIn bool, r io.Reader, stdout, stderr io.Writer) int {
	var tag byte
	switch strings.ToLower(tagHex) {
	case "86":
		tag = scp03t.Tag86
	case "87":
		tag = scp03t.Tag87
	case "88":
		tag = scp03t.Tag88
	default:
		fmt.Fprintln(stderr, "rspengine bsp protect: -tag must be 86, 87 or 88")
		return 2
	}
	pt, err := io.ReadAll(r)
	if err != nil {
		fmt.Fprintf(stderr, "rspengine bsp protect: %v\n", err)
		return 2
	}
	if hexIn {
		pt, err = hex.DecodeString(strings.Join(strings.Fields(string(pt)), ""))
		if err != nil {
			fmt.Fprintf(stderr, "rspengine bsp protect: input: %v\n", err)
			return 2
		}
	}
	out, err := s.AppendProtectAll(nil, tag, pt)
	if err != nil {
		fmt.Fprintf(stderr, "rspengine bsp protect: %v\n", err)
		return 1
	}
	w := bufio.NewWriter(stdout)
	for len(out) > 0 {
		_, hlen, dlen, err := scp03t.ParseSegment(out[:min(len(out), scp03t.MaxSegmentSize)])
		if err != nil { // cannot happen: we just built it
			fmt.Fprintf(stderr, "rspengine bsp protect: internal error: %v\n", err)
			return 1
		}
		n := hlen + dlen + scp03t.MACSize
		fmt.Fprintln(w, hex.EncodeToString(out[:n]))
		out = out[n:]
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "rspengine bsp protect: %v\n", err)
		return 1
	}
	return 0
}

func bspUnprotect(s *scp03t.Session, hexOut bool, r io.Reader, stdout, stderr io.Writer) int {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	var seg, pt []byte
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var err error
		seg, err = hex.AppendDecode(seg[:0], []byte(text))
		if err != nil {
			fmt.Fprintf(stderr, "rspengine bsp unprotect: line %d: not hex: %v\n", line, err)
			return 2
		}
		pt, _, err = s.AppendUnprotect(pt[:0], seg)
		if err != nil {
			w.Flush()
			var e *scp03t.Error
			if errors.As(err, &e) {
				fmt.Fprintf(stderr, "rspengine bsp unprotect: line %d (counter %d): %v\n", line, s.Counter(), err)
			} else {
				fmt.Fprintf(stderr, "rspengine bsp unprotect: line %d: %v\n", line, err)
			}
			return 1
		}
		if hexOut {
			fmt.Fprintln(w, hex.EncodeToString(pt))
		} else {
			w.Write(pt)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(stderr, "rspengine bsp unprotect: %v\n", err)
		return 2
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "rspengine bsp unprotect: %v\n", err)
		return 1
	}
	return 0
}
