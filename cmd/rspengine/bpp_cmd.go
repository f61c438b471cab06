package main

import (
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/bpp"
)

func init() {
	register("bpp", "Bound Profile Package tools: segments FILE (the LPA's STORE DATA payloads)", runBPP)
}

func bppUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: rspengine bpp segments FILE")
	fmt.Fprintln(w, "  prints the ES10b.LoadBoundProfilePackage segments of a BoundProfilePackage (BF36) in")
	fmt.Fprintln(w, "  hex, one per line, each after a # comment naming it (RSP-FACTS §4.5).")
	fmt.Fprintln(w, "  FILE is DER, hex or base64 (auto-detected); - reads standard input.")
}

func runBPP(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		bppUsage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	switch args[0] {
	case "segments":
		if len(args) != 2 {
			bppUsage(stderr)
			return 2
		}
		return bppSegments(args[1], stdin, stdout, stderr)
	}
	fmt.Fprintf(stderr, "rspengine bpp: unknown subcommand %q\n", args[0])
	bppUsage(stderr)
	return 2
}

func bppSegments(name string, stdin io.Reader, stdout, stderr io.Writer) int {
	var raw []byte
	var err error
	if name == "-" {
		raw, err = io.ReadAll(stdin)
	} else {
		raw, err = os.ReadFile(name)
	}
	if err != nil {
		fmt.Fprintf(stderr, "rspengine bpp: %v\n", err)
		return 1
	}
	data, _ := decodeDumpInput(raw, asn1der.BER)
	seq, err := bpp.Segments(data)
	if err != nil {
		fmt.Fprintf(stderr, "rspengine bpp: %s: not a BoundProfilePackage: %v\n", name, err)
		return 1
	}
	var sb strings.Builder
	for s := range seq {
		switch s.Kind {
		case bpp.Segment88, bpp.Segment86:
			fmt.Fprintf(&sb, "# '%02X' TLV %d (%d bytes)\n", s.Data[0], s.Index+1, len(s.Data))
		default:
			fmt.Fprintf(&sb, "# %s\n", s.Kind)
		}
		sb.WriteString(strings.ToUpper(hex.EncodeToString(s.Data)))
		sb.WriteByte('\n')
	}
	io.WriteString(stdout, sb.String())
	return 0
}
