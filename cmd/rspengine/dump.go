package main

import (
	"bufio"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/rsp"
)

func init() {
	register("dump", "print an RSP message or certificate (DER, hex or base64) as a named TLV tree", runDump)
}

const (
	dumpMaxInput = 64 << 20 // bytes read from FILE or stdin
	dumpMaxDepth = 64       // nesting shown; deeper values are summarised
	dumpShortHex = 32       // value bytes shown in hex before "... (N bytes)"
)

// runDump implements `rspengine dump [-full] [-ber] [FILE|-]`: it reads one or
// more TLVs (binary, hex with optional whitespace and colons, or base64 in the
// standard or URL alphabet, padded or not: detected automatically) and prints
// one line per TLV: offset, tag, length, the SGP.22/SGP.32/X.509 name of the
// element in its context (rsp.MessageSchema) and, for primitives, the decoded
// value. OCTET STRING and BIT STRING values that hold DER (X.509 extensions,
// ECDSA signatures, simaResponse) are descended into and marked. Malformed
// input prints the tree up to the fault and exits 1 with the byte offset and
// the rule broken; usage errors exit 2.
func runDump(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dump", flag.ContinueOnError)
	fs.SetOutput(stderr)
	full := fs.Bool("full", false, "print long values in full instead of truncating them")
	ber := fs.Bool("ber", false, "accept BER (non-minimal and indefinite lengths) instead of strict DER")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: rspengine dump [-full] [-ber] [FILE|-]")
		fmt.Fprintln(stderr, "  FILE holds DER, hex or base64; - or no FILE reads stdin")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return 2
	}
	in := stdin
	name := "stdin"
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		name = fs.Arg(0)
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(stderr, "rspengine dump: %v\n", err)
			return 1
		}
		defer f.Close()
		in = f
	}
	raw, err := io.ReadAll(io.LimitReader(in, dumpMaxInput+1))
	if err != nil {
		fmt.Fprintf(stderr, "rspengine dump: reading %s: %v\n", name, err)
		return 1
	}
	if len(raw) > dumpMaxInput {
		fmt.Fprintf(stderr, "rspengine dump: %s is larger than %d bytes\n", name, dumpMaxInput)
		return 1
	}
	mode := asn1der.DER
	if *ber {
		mode = asn1der.BER
	}
	data, _ := decodeDumpInput(raw, mode)
	if len(data) == 0 {
		fmt.Fprintf(stderr, "rspengine dump: %s: no data\n", name)
		return 1
	}
	w := bufio.NewWriter(stdout)
	d := dumper{w: w, full: *full, mode: mode}
	err = d.level(asn1der.NewReaderMode(data, mode), rsp.MessageSchema, 0)
	w.Flush()
	if err != nil {
		msg := err.Error()
		var e *asn1der.Error
		if errors.As(err, &e) && !*ber && (e.Rule == asn1der.RuleIndefiniteLength || e.Rule == asn1der.RuleLengthNonMinimal) {
			msg += " (BER; try -ber)"
		}
		fmt.Fprintf(stderr, "rspengine dump: %s: %s\n", name, msg)
		return 1
	}
	return 0
}

// decodeDumpInput tells binary, hex and base64 apart. Input that already
// parses as whole TLVs is binary; otherwise text that is only hex digits
// (with whitespace or colons) is hex, then base64 in its four variants; what
// is none of these is treated as binary and its fault reported by the reader.
func decodeDumpInput(raw []byte, mode asn1der.Mode) ([]byte, string) {
	if parsesWhole(raw, mode) {
		return raw, "binary"
	}
	text := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n', '\f', '\v':
			return -1
		}
		return r
	}, string(raw))
	if text == "" {
		return nil, "empty"
	}
	if h := strings.ReplaceAll(text, ":", ""); isHex(h) && len(h)%2 == 0 {
		if b, err := hex.DecodeString(h); err == nil {
			return b, "hex"
		}
	}
	// Padding is optional; some captures carry more '=' than base64 allows,
	// so all trailing '=' are dropped and the unpadded decoders used.
	unpadded := strings.TrimRight(text, "=")
	for _, enc := range []struct {
		e    *base64.Encoding
		name string
	}{
		{base64.RawStdEncoding, "base64"},
		{base64.RawURLEncoding, "base64url"},
	} {
		if b, err := enc.e.DecodeString(unpadded); err == nil && len(b) > 0 {
			return b, enc.name
		}
	}
	return raw, "binary"
}

func parsesWhole(b []byte, mode asn1der.Mode) bool {
	if len(b) == 0 {
		return false
	}
	r := asn1der.NewReaderMode(b, mode)
	for !r.Empty() {
		if _, err := r.Next(); err != nil {
			return false
		}
	}
	return true
}

func isHex(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

type dumper struct {
	w    *bufio.Writer
	full bool
	mode asn1der.Mode
}

// level prints every TLV under cursor r, whose parent has schema parent.
func (d *dumper) level(r asn1der.Reader, parent *rsp.Schema, depth int) error {
	var prevOID string // the last OID among the siblings (extnID before extnValue)
	for i := 0; !r.Empty(); i++ {
		v, err := r.Next()
		if err != nil {
			return err
		}
		name, sch := parent.Child(v.Tag, i)
		var kids []asn1der.Tag
		if v.Constructed() {
			kids = childTags(v, d.mode)
			sch = sch.Variant(kids)
		}
		label := elementLabel(name, sch, v.Tag)
		indent := strings.Repeat("  ", depth)
		fmt.Fprintf(d.w, "%6d  %s%s (%d)", v.Offset, indent, v.Tag, len(v.Value))
		if label != "" {
			fmt.Fprintf(d.w, "  %s", label)
		}
		if v.Constructed() {
			d.w.WriteByte('\n')
			if depth+1 >= dumpMaxDepth {
				fmt.Fprintf(d.w, "%6d  %s  ... (nesting deeper than %d not shown)\n", v.Offset+v.Header, indent, dumpMaxDepth)
				continue
			}
			c, err := asn1der.Children(v, d.mode)
			if err != nil {
				return err
			}
			if err := d.level(c, sch, depth+1); err != nil {
				return err
			}
			continue
		}
		val, oid := d.value(v, sch, prevOID)
		if oid != "" {
			prevOID = oid
		}
		if val != "" {
			fmt.Fprintf(d.w, ": %s", val)
		}
		// Encapsulated DER: X.509 extension values, ECDSA signatures in BIT
		// STRINGs, simaResponse. Only whole, well-formed TLVs are entered.
		if inner, ok := d.encapsulated(v, name); ok && depth+1 < dumpMaxDepth {
			fmt.Fprintf(d.w, " [contains DER]\n")
			var encSchema *rsp.Schema
			if name == "extnValue" {
				encSchema = extensionSchema(prevOID)
			}
			if err := d.level(inner, encSchema, depth+1); err != nil {
				return err
			}
			continue
		}
		d.w.WriteByte('\n')
	}
	return nil
}

// childTags lists the tags of v's children (as far as they parse).
func childTags(v asn1der.TLV, m asn1der.Mode) []asn1der.Tag {
	c, err := asn1der.Children(v, m)
	if err != nil {
		return nil
	}
	var tags []asn1der.Tag
	for !c.Empty() {
		k, err := c.Next()
		if err != nil {
			break
		}
		tags = append(tags, k.Tag)
	}
	return tags
}

// elementLabel is "fieldName (TypeName)", or whichever of the two is known,
// or the universal type's name.
func elementLabel(name string, sch *rsp.Schema, tag asn1der.Tag) string {
	typ := ""
	if sch != nil {
		typ = sch.Name
	}
	switch {
	case name != "" && typ != "" && typ != name:
		return name + " (" + typ + ")"
	case name != "":
		return name
	case typ != "":
		return typ
	}
	return universalName(tag)
}

func universalName(t asn1der.Tag) string {
	switch t {
	case asn1der.TagBoolean:
		return "BOOLEAN"
	case asn1der.TagInteger:
		return "INTEGER"
	case asn1der.TagBitString:
		return "BIT STRING"
	case asn1der.TagOctetString:
		return "OCTET STRING"
	case asn1der.TagNull:
		return "NULL"
	case asn1der.TagOID:
		return "OBJECT IDENTIFIER"
	case asn1der.TagEnumerated:
		return "ENUMERATED"
	case asn1der.TagUTF8String:
		return "UTF8String"
	case asn1der.TagPrintableString:
		return "PrintableString"
	case 0x14:
		return "TeletexString"
	case asn1der.TagIA5String:
		return "IA5String"
	case 0x1A:
		return "VisibleString"
	case 0x1E:
		return "BMPString"
	case asn1der.TagUTCTime:
		return "UTCTime"
	case asn1der.TagGeneralizedTime:
		return "GeneralizedTime"
	case asn1der.TagSequence:
		return "SEQUENCE"
	case asn1der.TagSet:
		return "SET"
	}
	return ""
}

// kindOf decides how to show a primitive: from the schema, else from the
// universal tag, else from the RSP tag 5A and its length.
func kindOf(v asn1der.TLV, sch *rsp.Schema) rsp.ValueKind {
	if sch != nil && sch.Kind != rsp.ValueUnknown {
		return sch.Kind
	}
	switch v.Tag {
	case asn1der.TagBoolean:
		return rsp.ValueBoolean
	case asn1der.TagInteger, asn1der.TagEnumerated:
		return rsp.ValueInteger
	case asn1der.TagBitString:
		return rsp.ValueBits
	case asn1der.TagNull:
		return rsp.ValueNull
	case asn1der.TagOID:
		return rsp.ValueOID
	case asn1der.TagUTF8String, asn1der.TagPrintableString, asn1der.TagIA5String, 0x14, 0x1A:
		return rsp.ValueText
	case asn1der.TagUTCTime, asn1der.TagGeneralizedTime:
		return rsp.ValueTime
	case 0x5A:
		switch len(v.Value) {
		case 10:
			return rsp.ValueICCID
		case 16:
			return rsp.ValueEID
		}
	}
	return rsp.ValueOctets
}

// value formats a primitive; oid is its dotted form when it is an OID.
func (d *dumper) value(v asn1der.TLV, sch *rsp.Schema, prevOID string) (text, oid string) {
	b := v.Value
	switch kindOf(v, sch) {
	case rsp.ValueInteger:
		ib, err := asn1der.IntegerBytes(v)
		if err != nil {
			return d.bad(v, err), ""
		}
		n, err := asn1der.Int64(v)
		if err != nil {
			return "0x" + d.hex(ib), ""
		}
		s := strconv.FormatInt(n, 10)
		if sch != nil && sch.Values[n] != "" {
			s += " (" + sch.Values[n] + ")"
		}
		return s, ""
	case rsp.ValueBoolean:
		t, err := asn1der.Bool(v, d.mode)
		if err != nil {
			return d.bad(v, err), ""
		}
		return strconv.FormatBool(t), ""
	case rsp.ValueNull:
		if err := asn1der.Null(v); err != nil {
			return d.bad(v, err), ""
		}
		return "NULL", ""
	case rsp.ValueText:
		if utf8.Valid(b) {
			return strconv.Quote(string(b)), ""
		}
		return d.hex(b) + " (not UTF-8)", ""
	case rsp.ValueOID:
		if err := asn1der.CheckOID(v); err != nil {
			return d.bad(v, err), ""
		}
		dotted := string(asn1der.AppendOIDText(nil, b))
		if n := rsp.OIDName(dotted); n != "" {
			return dotted + " (" + n + ")", dotted
		}
		return dotted, dotted
	case rsp.ValueBits:
		bs, err := asn1der.ParseBitString(v, asn1der.BER)
		if err != nil {
			return d.bad(v, err), ""
		}
		if sch != nil && len(sch.Bits) > 0 {
			var names []string
			for i := 0; i < bs.Len(); i++ {
				if !bs.Has(i) {
					continue
				}
				if i < len(sch.Bits) && sch.Bits[i] != "" {
					names = append(names, sch.Bits[i])
				} else {
					names = append(names, "bit"+strconv.Itoa(i))
				}
			}
			return "{" + strings.Join(names, ", ") + "}", ""
		}
		if bs.Unused != 0 {
			return d.hex(bs.Bytes) + " (" + strconv.Itoa(bs.Len()) + " bits)", ""
		}
		return d.hex(bs.Bytes), ""
	case rsp.ValueTime:
		t, err := asn1der.ParseTime(v)
		if err != nil {
			return strconv.Quote(string(b)) + " (" + err.Error() + ")", ""
		}
		return t.Format(time.RFC3339), ""
	case rsp.ValueVersion:
		if len(b) == 3 {
			return fmt.Sprintf("%d.%d.%d", b[0], b[1], b[2]), ""
		}
	case rsp.ValueICCID:
		if s, ok := iccidDigits(b); ok {
			return s, ""
		}
	case rsp.ValueEID:
		if s := hex.EncodeToString(b); len(b) == 16 && isDecimal(s) {
			return s, ""
		}
	}
	s := d.hex(b)
	if len(b) >= 4 && (d.full || len(b) <= dumpShortHex) && isPrintableASCII(b) {
		s += " " + strconv.Quote(string(b))
	}
	return s, ""
}

func (d *dumper) bad(v asn1der.TLV, err error) string {
	return d.hex(v.Value) + " (invalid: " + err.Error() + ")"
}

// hex prints b in upper-case hex, truncated to dumpShortHex bytes unless -full.
func (d *dumper) hex(b []byte) string {
	if len(b) == 0 {
		return "(empty)"
	}
	if !d.full && len(b) > dumpShortHex {
		return strings.ToUpper(hex.EncodeToString(b[:dumpShortHex])) + "... (" + strconv.Itoa(len(b)) + " bytes)"
	}
	return strings.ToUpper(hex.EncodeToString(b))
}

// iccidDigits decodes an ICCID as coded in EF.ICCID: BCD with the nibbles of
// each byte swapped, padded with F.
func iccidDigits(b []byte) (string, bool) {
	if len(b) != 10 {
		return "", false
	}
	out := make([]byte, 0, 20)
	for i, c := range b {
		for k, n := range [2]byte{c & 0x0F, c >> 4} {
			switch {
			case n <= 9:
				out = append(out, '0'+n)
			case n == 0xF && i == len(b)-1 && k == 1:
				// padding at the end
			default:
				return "", false
			}
		}
	}
	return string(out), true
}

func isDecimal(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isPrintableASCII(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7E {
			return false
		}
	}
	return true
}

// encapsulated reports whether the contents of an OCTET STRING or BIT STRING
// are themselves DER worth descending into: one whole, well-formed TLV that
// is constructed (or any TLV inside an X.509 extnValue).
func (d *dumper) encapsulated(v asn1der.TLV, name string) (asn1der.Reader, bool) {
	var b []byte
	base := v.Offset + v.Header
	switch v.Tag {
	case asn1der.TagOctetString:
		b = v.Value
	case asn1der.TagBitString:
		if len(v.Value) < 2 || v.Value[0] != 0 {
			return asn1der.Reader{}, false
		}
		b = v.Value[1:]
		base++
	default:
		return asn1der.Reader{}, false
	}
	if len(b) < 2 || b[0]&0x20 == 0 && name != "extnValue" {
		return asn1der.Reader{}, false
	}
	if _, err := asn1der.ParseMode(b, d.mode); err != nil {
		return asn1der.Reader{}, false
	}
	// A cursor whose offsets count from the start of the whole input: build a
	// synthetic constructed TLV around the contents and enter it.
	wrap := asn1der.TLV{Tag: asn1der.TagSequence, Value: b, Offset: base, Header: 0}
	r, err := asn1der.Children(wrap, d.mode)
	if err != nil {
		return asn1der.Reader{}, false
	}
	return r, true
}

// extensionSchema names the contents of an X.509 extension value by its OID.
func extensionSchema(oid string) *rsp.Schema {
	switch rsp.OIDName(oid) {
	case "keyUsage":
		return keyUsageSchema
	case "subjectKeyIdentifier":
		return &rsp.Schema{Fields: []rsp.SchemaField{{Tag: asn1der.TagOctetString, Pos: -1, Name: "subjectKeyIdentifier", Type: &rsp.Schema{Kind: rsp.ValueSKI}}}}
	case "certificatePolicies":
		return &rsp.Schema{Fields: []rsp.SchemaField{{Tag: asn1der.TagSequence, Pos: -1, Name: "certificatePolicies"}}}
	}
	return nil
}

var keyUsageSchema = &rsp.Schema{Fields: []rsp.SchemaField{{Tag: asn1der.TagBitString, Pos: -1, Name: "keyUsage",
	Type: &rsp.Schema{Name: "KeyUsage", Kind: rsp.ValueBits, Bits: rsp.KeyUsageBits()}}}}
