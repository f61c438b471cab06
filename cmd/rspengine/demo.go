package main

import (
	"fmt"
	"io"
)

func init() {
	register("demo", "run a profile download on the embedded defaults", runDemo)
}

// runDemo will drive a whole download on both curves once the SM-DP+, eUICC
// and LPA packages exist (issue: end-to-end download). Until then it reports
// what the engine offers so far, honestly.
func runDemo(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stdout, "rspengine demo: the end-to-end download is not built yet.")
	fmt.Fprintln(stdout, "Built so far:")
	fmt.Fprintln(stdout, "  asn1der  zero-allocation DER/BER-TLV reader and appending writer")
	return 0
}
