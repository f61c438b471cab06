package saip

import (
	"github.com/rspengine/rspengine/asn1der"
)

// PE is one complete, checked Profile Element handed to a Parser's callback.
// TLV (and everything sliced from it) points into the parser's buffer or the
// caller's chunk and is valid only during the callback: copy what you keep.
// TLV.Offset is 0 (offsets inside the PE count from its first byte); Offset
// is the PE's position in the package.
type PE struct {
	Type           PEType
	Index          int   // 0-based position in the package
	Offset         int64 // byte offset of the PE in the package
	Identification int   // PEHeader identification; -1 for the ProfileHeader
	Mandated       bool  // PEHeader mandated
	TLV            asn1der.TLV
	mode           asn1der.Mode
}

// ProfileHeader returns the view of a header PE.
func (pe *PE) ProfileHeader() (ProfileHeader, error) { return ParseProfileHeader(pe.TLV.Raw, pe.mode) }

// AKAParameter returns the view of an akaParameter PE.
func (pe *PE) AKAParameter() (AKAParameter, error) { return ParseAKAParameter(pe.TLV.Raw, pe.mode) }

// MF returns the view of an mf PE.
func (pe *PE) MF() (MF, error) { return ParseMF(pe.TLV.Raw, pe.mode) }

// USIM returns the view of a usim PE.
func (pe *PE) USIM() (USIM, error) { return ParseUSIM(pe.TLV.Raw, pe.mode) }

// DefaultMaxPESize bounds the size of one PE (header included) that a Parser
// buffers. Applications' load blocks are the largest PEs; 1 MiB is far beyond
// what an eUICC has room for anyway.
const DefaultMaxPESize = 1 << 20

// Parser checks an unprotected profile package (a concatenation of
// ProfileElement TLVs) fed in chunks of any size, as an eUICC receives it
// from the BPP loader. Complete PEs are checked and passed to the callback;
// at most one incomplete PE is buffered (its bytes, plus the rest of the
// chunk that completed it while that chunk is processed). The buffer is kept
// across Reset, so feeding more packages allocates nothing once it has grown.
//
// Package rules checked: the first PE is the ProfileHeader, there is exactly
// one, End is the last PE and nothing follows it.
type Parser struct {
	// MaxPESize overrides DefaultMaxPESize when > 0.
	MaxPESize int

	mode  asn1der.Mode
	fn    func(*PE) error
	buf   []byte
	off   int64 // package offset of buf[0] (the pending PE)
	index int
	iccid [10]byte
	major int
	minor int
	hdr   bool
	end   bool
	err   error
	cur   PE
}

// NewParser returns a parser in the given mode (asn1der.DER checks strict
// DER, asn1der.BER accepts non-minimal lengths and, inside a PE, indefinite
// lengths; a PE's own length must be definite in both modes, so that its end
// is known from its header and it is parsed exactly once).
// fn, if not nil, is called for every complete PE in order; an error it
// returns stops the parser and is returned by Write (and later calls).
func NewParser(m asn1der.Mode, fn func(*PE) error) *Parser {
	return &Parser{mode: m, fn: fn}
}

// Reset prepares p for a new package, keeping its buffer.
func (p *Parser) Reset() {
	*p = Parser{MaxPESize: p.MaxPESize, mode: p.mode, fn: p.fn, buf: p.buf[:0]}
}

// Count returns the number of complete PEs seen so far.
func (p *Parser) Count() int { return p.index }

// ICCID returns the header's iccid field (as coded in the package) once the
// ProfileHeader has been seen.
func (p *Parser) ICCID() (iccid [10]byte, ok bool) { return p.iccid, p.hdr }

// Version returns the header's major and minor version once it has been seen.
func (p *Parser) Version() (major, minor int, ok bool) { return p.major, p.minor, p.hdr }

// Ended reports whether the End PE has been seen.
func (p *Parser) Ended() bool { return p.end }

func (p *Parser) maxPE() int {
	if p.MaxPESize > 0 {
		return p.MaxPESize
	}
	return DefaultMaxPESize
}

// Write feeds the next chunk of the package.
func (p *Parser) Write(chunk []byte) error {
	if p.err != nil {
		return p.err
	}
	for len(chunk) > 0 {
		if len(p.buf) == 0 {
			n, err := p.next(chunk)
			if err != nil {
				return p.setErr(err)
			}
			if n > 0 {
				chunk = chunk[n:]
				continue
			}
			if len(chunk) > p.maxPE() {
				return p.setErr(p.tooLarge())
			}
			p.buf = append(p.buf, chunk...)
			return nil
		}
		had := len(p.buf)
		p.buf = append(p.buf, chunk...)
		n, err := p.next(p.buf)
		if err != nil {
			return p.setErr(err)
		}
		if n == 0 {
			if len(p.buf) > p.maxPE() {
				return p.setErr(p.tooLarge())
			}
			return nil
		}
		// The PE ended inside chunk: continue with the rest of the chunk.
		chunk = chunk[n-had:]
		p.buf = p.buf[:0]
	}
	return nil
}

// Close reports whether the package ended cleanly: no incomplete PE, a
// ProfileHeader and a final End PE.
func (p *Parser) Close() error {
	if p.err != nil {
		return p.err
	}
	switch {
	case len(p.buf) > 0:
		return p.setErr(&Error{Index: p.index, Offset: p.off, Type: p.pendingType(), Status: StatusInvalidRequestFormat,
			Reason: "package ends inside a PE", Err: &asn1der.Error{Offset: int(p.off) + len(p.buf), Rule: asn1der.RuleTruncated}})
	case !p.hdr:
		return p.setErr(&Error{Index: p.index, Offset: p.off, Type: TypeHeader, Status: StatusInvalidRequestFormat, Reason: "package holds no ProfileHeader"})
	case !p.end:
		return p.setErr(&Error{Index: p.index, Offset: p.off, Type: TypeEnd, Status: StatusInvalidRequestFormat, Reason: "package does not end with an End PE"})
	}
	return nil
}

func (p *Parser) setErr(err error) error {
	p.err = err
	return err
}

func (p *Parser) pendingType() PEType { return typeOrUnknown(p.buf) }

func (p *Parser) tooLarge() error {
	return &Error{Index: p.index, Offset: p.off, Type: p.pendingType(), Status: StatusNotEnoughMemory, Reason: "PE larger than the parser's limit"}
}

// peekTag reads a tag of up to four identifier octets; 0 if incomplete or
// malformed.
func peekTag(b []byte) asn1der.Tag {
	if len(b) == 0 || b[0] == 0 {
		return 0
	}
	if b[0]&0x1F != 0x1F {
		return asn1der.Tag(b[0])
	}
	t := uint32(b[0])
	for i := 1; i < len(b) && i < 4; i++ {
		t = t<<8 | uint32(b[i])
		if b[i]&0x80 == 0 {
			return asn1der.Tag(t)
		}
	}
	return 0
}

// peSize decodes the identifier and length octets at the start of b. It
// returns the PE's total size, or 0 when b is too short to tell.
func (p *Parser) peSize(b []byte) (int, *Error) {
	i := 1
	if b[0]&0x1F == 0x1F {
		for {
			if i >= len(b) {
				return 0, nil
			}
			if i >= 4 {
				return 0, p.errHere(StatusInvalidRequestFormat, "PE tag longer than four octets", nil)
			}
			c := b[i]
			i++
			if c&0x80 == 0 {
				break
			}
		}
	}
	if _, ok := TypeOf(peekTag(b)); !ok {
		return 0, p.errHere(StatusInvalidRequestFormat, "not a ProfileElement tag", nil)
	}
	if i >= len(b) {
		return 0, nil
	}
	l := b[i]
	i++
	v := 0
	switch {
	case l < 0x80:
		v = int(l)
	case l == 0x80:
		// Refused in both modes: the parser would have to rescan the
		// buffered PE on every chunk to find its end. BER indefinite
		// lengths are accepted inside a PE.
		return 0, p.errHere(StatusInvalidRequestFormat, "indefinite length on a PE", &asn1der.Error{Offset: int(p.off), Rule: asn1der.RuleIndefiniteLength})
	case l > 0x84:
		return 0, p.errHere(StatusInvalidRequestFormat, "PE length too large", &asn1der.Error{Offset: int(p.off), Rule: asn1der.RuleLengthTooLarge})
	default:
		n := int(l & 0x7F)
		if i+n > len(b) {
			return 0, nil
		}
		for _, c := range b[i : i+n] {
			v = v<<8 | int(c)
		}
		i += n
	}
	if v > p.maxPE()-i {
		return 0, p.errHere(StatusNotEnoughMemory, "PE larger than the parser's limit", nil)
	}
	return i + v, nil
}

func (p *Parser) errHere(st Status, reason string, err error) *Error {
	return &Error{Index: p.index, Offset: p.off, Type: TypeUnknown, Status: st, Reason: reason, Err: err}
}

// next processes the PE at the start of b if it is complete and returns its
// size, or 0 when more bytes are needed.
func (p *Parser) next(b []byte) (int, error) {
	size, e := p.peSize(b)
	if e != nil {
		e.Type = typeOrUnknown(b)
		return 0, e
	}
	if size == 0 || size > len(b) {
		return 0, nil
	}
	t, err := asn1der.ParseMode(b[:size], p.mode)
	if err != nil {
		return 0, p.peErr(derFail(err, "malformed PE"), typeOrUnknown(b))
	}
	if err := p.process(t); err != nil {
		return 0, err
	}
	p.off += int64(size)
	p.index++
	return size, nil
}

func typeOrUnknown(b []byte) PEType {
	if t, ok := TypeOf(peekTag(b)); ok {
		return t
	}
	return TypeUnknown
}

// peErr completes an error from the PE checks: index, type, and the offset
// made absolute.
func (p *Parser) peErr(e *Error, typ PEType) error {
	e.Index = p.index
	e.Type = typ
	e.Offset += p.off
	if ae, ok := e.Err.(*asn1der.Error); ok {
		c := *ae
		c.Offset += int(p.off)
		e.Err = &c
	}
	return e
}

// process checks one complete PE (offsets in t relative to its start) and
// the package rules, then calls the callback.
func (p *Parser) process(t asn1der.TLV) error {
	typ, _ := TypeOf(t.Tag)
	if p.end {
		return p.peErr(fail(0, StatusInvalidRequestFormat, "PE after End", nil), typ)
	}
	if p.index == 0 && typ != TypeHeader {
		return p.peErr(fail(0, StatusInvalidRequestFormat, "first PE is not the ProfileHeader", nil), typ)
	}
	if p.index > 0 && typ == TypeHeader {
		return p.peErr(fail(0, StatusInvalidRequestFormat, "second ProfileHeader", nil), typ)
	}
	id, mandated, e := checkPE(t, typ, p.mode)
	if e != nil {
		return p.peErr(e, typ)
	}
	switch typ {
	case TypeHeader:
		h, _ := parseProfileHeader(t, p.mode)
		copy(p.iccid[:], h.ICCID)
		p.major, p.minor = h.MajorVersion, h.MinorVersion
		p.hdr = true
	case TypeEnd:
		p.end = true
	}
	if p.fn != nil {
		// The PE lives in the parser so that handing a pointer to the
		// callback does not allocate.
		p.cur = PE{Type: typ, Index: p.index, Offset: p.off, Identification: id, Mandated: mandated, TLV: t, mode: p.mode}
		err := p.fn(&p.cur)
		p.cur = PE{}
		if err != nil {
			return err
		}
	}
	return nil
}

// Walk checks a whole package held in memory, calling fn (if not nil) for
// each PE; it is a Parser fed one chunk, so it buffers nothing.
func Walk(upp []byte, m asn1der.Mode, fn func(*PE) error) error {
	p := Parser{mode: m, fn: fn}
	if err := p.Write(upp); err != nil {
		return err
	}
	return p.Close()
}
