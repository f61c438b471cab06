package saip

import (
	"unicode/utf8"

	"github.com/rspengine/rspengine/asn1der"
)

// maxDepth bounds the TLV nesting the structural walk follows inside one PE.
// The deepest TS.48 element (an Fcp's proprietaryEFInfo inside a File inside
// a PE) is at depth 4.
const maxDepth = 32

// Tags used inside PEs. Everything is AUTOMATIC TAGS, so most fields are
// context-specific: ctx(n) primitive, cctx(n) constructed.
func ctx(n uint32) asn1der.Tag  { return asn1der.Context(n, false) }
func cctx(n uint32) asn1der.Tag { return asn1der.Context(n, true) }

// walk checks that every constructed element inside t is a well-formed
// sequence of TLVs, recursively.
func walk(t asn1der.TLV, m asn1der.Mode, depth int) *Error {
	if !t.Tag.Constructed() {
		return nil
	}
	if depth > maxDepth {
		return fail(t.Offset, StatusInvalidRequestFormat, "TLV nesting too deep", nil)
	}
	r, err := asn1der.Children(t, m)
	if err != nil {
		return derFail(err, "malformed TLV")
	}
	for !r.Empty() {
		c, err := r.Next()
		if err != nil {
			return derFail(err, "malformed TLV")
		}
		if c.Tag.Constructed() {
			if e := walk(c, m, depth+1); e != nil {
				return e
			}
		}
	}
	return nil
}

// uintValue decodes an INTEGER in [0, max].
func uintValue(t asn1der.TLV, max int64, what string) (int64, *Error) {
	v, err := asn1der.Int64(t)
	if err != nil {
		return 0, derFail(err, what)
	}
	if v < 0 || v > max {
		return 0, fail(t.Offset, StatusBadValues, what, nil)
	}
	return v, nil
}

// sizedOctets checks a primitive OCTET STRING's length.
func sizedOctets(t asn1der.TLV, min, max int, what string) *Error {
	if t.Tag.Constructed() || len(t.Value) < min || len(t.Value) > max {
		return fail(t.Offset, StatusBadValues, what, nil)
	}
	return nil
}

func null(t asn1der.TLV, what string) *Error {
	if t.Tag.Constructed() || len(t.Value) != 0 {
		return fail(t.Offset, StatusBadValues, what, nil)
	}
	return nil
}

// peHeader decodes PEHeader ::= SEQUENCE { mandated NULL OPTIONAL,
// identification UInt15 } as the first field [0] of a PE.
func peHeader(r *asn1der.Reader) (id int, mandated bool, e *Error) {
	t, err := r.Next()
	if err != nil {
		return 0, false, derFail(err, "PEHeader missing")
	}
	if t.Tag != cctx(0) {
		return 0, false, fail(t.Offset, StatusInvalidRequestFormat, "PEHeader missing", nil)
	}
	h, _ := r.Enter(t)
	v, ok, err := h.Optional(ctx(0))
	if err != nil {
		return 0, false, derFail(err, "PEHeader malformed")
	}
	if ok {
		if e := null(v, "PEHeader mandated is not NULL"); e != nil {
			return 0, false, e
		}
		mandated = true
	}
	v, err = h.Expect(ctx(1))
	if err != nil {
		return 0, false, derFail(err, "PEHeader identification missing")
	}
	n, e := uintValue(v, 32767, "PEHeader identification not a UInt15")
	if e != nil {
		return 0, false, e
	}
	if e := extensions(&h, 1); e != nil {
		return 0, false, e
	}
	return int(n), mandated, nil
}

// extensions accepts what EXTENSIBILITY IMPLIED allows after the known
// fields of a SEQUENCE: further context-specific elements with increasing tag
// numbers above last.
func extensions(r *asn1der.Reader, last uint32) *Error {
	for !r.Empty() {
		t, err := r.Next()
		if err != nil {
			return derFail(err, "malformed TLV")
		}
		if t.Tag.Class() != asn1der.ClassContext || t.Tag.Number() <= last {
			return fail(t.Offset, StatusInvalidRequestFormat, "unexpected element", nil)
		}
		last = t.Tag.Number()
	}
	return nil
}

// checkPE checks one complete PE (t is the whole PE TLV, offsets relative to
// the PE start) and returns its PEHeader fields. It checks the TLV nesting of
// the whole PE and the structure of the PEs this package models.
func checkPE(t asn1der.TLV, typ PEType, m asn1der.Mode) (id int, mandated bool, e *Error) {
	if e := walk(t, m, 0); e != nil {
		return 0, false, e
	}
	r, _ := asn1der.Children(t, m)
	switch {
	case typ == TypeHeader:
		_, e := parseProfileHeader(t, m)
		return -1, false, e
	case typ == TypeAKAParameter:
		a, e := parseAKAParameter(t, m)
		return a.Identification, a.Mandated, e
	case typ >= TypeRFU1 && typ <= TypeRFU5:
		return 0, false, fail(t.Offset, StatusPENotSupported, "reserved PE (rfu)", nil)
	}
	id, mandated, e = peHeader(&r)
	if e != nil {
		return 0, false, e
	}
	switch {
	case typ == TypeEnd:
		e = extensions(&r, 0)
	case typ == TypeGenericFileManagement:
		e = checkGFM(&r, t)
	case typ == TypePINCodes:
		e = checkPINCodes(&r, t, m)
	case typ == TypePUKCodes:
		e = checkPUKCodes(&r, t, m)
	case typ == TypeNonStandard:
		e = checkNonStandard(&r, t)
	case typ.IsFileSystemTemplate():
		e = checkFileSystemPE(&r, t, typ)
	case typ == TypeUnknown:
		if mandated {
			e = fail(t.Offset, StatusPENotSupported, "unknown PE marked mandated", nil)
		}
	}
	// cdmaParameter, securityDomain, rfm, application: PEHeader and TLV
	// nesting only.
	return id, mandated, e
}

// requiredFields lists the non-OPTIONAL File fields (by tag number) of the
// template PEs whose structure is modelled.
func requiredFields(typ PEType) uint64 {
	switch typ {
	case TypeMF: // mf, ef-iccid, ef-dir, ef-arr
		return 1<<2 | 1<<4 | 1<<5 | 1<<6
	case TypeUSIM: // adf-usim, ef-imsi, ef-arr, ef-ust, ef-spn, ef-est, ef-acc, ef-ecc
		return 1<<2 | 1<<3 | 1<<4 | 1<<8 | 1<<13 | 1<<14 | 1<<18 | 1<<22
	}
	return 0
}

// checkFileSystemPE checks a template PE: PEHeader, templateID OBJECT
// IDENTIFIER [1], then File fields with increasing context tags.
func checkFileSystemPE(r *asn1der.Reader, pe asn1der.TLV, typ PEType) *Error {
	t, err := r.Next()
	if err != nil {
		return derFail(err, "templateID missing")
	}
	if t.Tag != ctx(1) {
		return fail(t.Offset, StatusInvalidRequestFormat, "templateID missing", nil)
	}
	if err := asn1der.CheckOID(t); err != nil {
		return derFail(err, "templateID is not an OBJECT IDENTIFIER")
	}
	var seen uint64
	last := uint32(1)
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return derFail(err, "malformed TLV")
		}
		n := f.Tag.Number()
		if f.Tag.Class() != asn1der.ClassContext || !f.Tag.Constructed() || n <= last {
			return fail(f.Offset, StatusInvalidRequestFormat, "unexpected element in file-system PE", nil)
		}
		last = n
		if n < 64 {
			seen |= 1 << n
		}
		if e := checkFile(f); e != nil {
			return e
		}
	}
	if req := requiredFields(typ); seen&req != req {
		return fail(pe.Offset, StatusInvalidRequestFormat, "mandatory file missing from template PE", nil)
	}
	return nil
}

// checkFile checks File ::= SEQUENCE OF CHOICE { doNotCreate NULL [0],
// fileDescriptor Fcp [1], fillFileOffset UInt16 [2], fillFileContent
// OCTET STRING [3] }.
func checkFile(f asn1der.TLV) *Error {
	r, _ := asn1der.Children(f, asn1der.BER) // nesting already checked
	for !r.Empty() {
		c, err := r.Next()
		if err != nil {
			return derFail(err, "malformed File")
		}
		switch c.Tag {
		case ctx(0):
			if e := null(c, "doNotCreate is not NULL"); e != nil {
				return e
			}
		case cctx(1):
		case ctx(2):
			if _, e := uintValue(c, 65535, "fillFileOffset not a UInt16"); e != nil {
				return e
			}
		case ctx(3):
		default:
			return fail(c.Offset, StatusInvalidRequestFormat, "unexpected element in File", nil)
		}
	}
	return nil
}

// checkGFM checks PE-GenericFileManagement: fileManagementCMD [1] SEQUENCE
// (SIZE(1..MAX)) OF FileManagement, each a SEQUENCE (SIZE(1..MAX)) OF CHOICE
// { filePath [0], createFCP [APPLICATION 2], fillFileOffset UInt16 (INTEGER),
// fillFileContent [1] } (the CHOICE has explicit tags, so no automatic ones).
func checkGFM(r *asn1der.Reader, pe asn1der.TLV) *Error {
	cmds, err := r.Expect(cctx(1))
	if err != nil {
		return derFail(err, "fileManagementCMD missing")
	}
	if e := extensions(r, 1); e != nil {
		return e
	}
	cr, _ := r.Enter(cmds)
	if cr.Empty() {
		return fail(cmds.Offset, StatusInvalidRequestFormat, "empty fileManagementCMD", nil)
	}
	for !cr.Empty() {
		fm, err := cr.Expect(asn1der.TagSequence)
		if err != nil {
			return derFail(err, "FileManagement is not a SEQUENCE")
		}
		fr, _ := cr.Enter(fm)
		if fr.Empty() {
			return fail(fm.Offset, StatusInvalidRequestFormat, "empty FileManagement", nil)
		}
		for !fr.Empty() {
			c, err := fr.Next()
			if err != nil {
				return derFail(err, "malformed FileManagement")
			}
			switch c.Tag {
			case ctx(0):
				if e := sizedOctets(c, 0, 8, "filePath longer than 8 bytes"); e != nil {
					return e
				}
			case asn1der.Application(2, true):
			case asn1der.TagInteger:
				if _, e := uintValue(c, 65535, "fillFileOffset not a UInt16"); e != nil {
					return e
				}
			case ctx(1):
			default:
				return fail(c.Offset, StatusInvalidRequestFormat, "unexpected element in FileManagement", nil)
			}
		}
	}
	return nil
}

// checkPINCodes checks PE-PINCodes: pinCodes [1] CHOICE { pinconfig [0]
// SEQUENCE (SIZE (1..26)) OF PINConfiguration, filePath [1] OCTET STRING
// (SIZE (0..8)) }.
func checkPINCodes(r *asn1der.Reader, pe asn1der.TLV, m asn1der.Mode) *Error {
	ch, err := r.Expect(cctx(1))
	if err != nil {
		return derFail(err, "pinCodes missing")
	}
	if e := extensions(r, 1); e != nil {
		return e
	}
	cr, _ := r.Enter(ch)
	alt, err := cr.Next()
	if err != nil {
		return derFail(err, "pinCodes CHOICE empty")
	}
	if !cr.Empty() {
		return fail(ch.Offset, StatusInvalidRequestFormat, "pinCodes CHOICE holds more than one element", nil)
	}
	switch alt.Tag {
	case ctx(1):
		return sizedOctets(alt, 0, 8, "pinCodes filePath longer than 8 bytes")
	case cctx(0):
	default:
		return fail(alt.Offset, StatusInvalidRequestFormat, "unknown pinCodes alternative", nil)
	}
	lr, _ := cr.Enter(alt)
	n := 0
	for !lr.Empty() {
		c, err := lr.Expect(asn1der.TagSequence)
		if err != nil {
			return derFail(err, "PINConfiguration is not a SEQUENCE")
		}
		n++
		pr, _ := lr.Enter(c)
		v, err := pr.Expect(ctx(0))
		if err != nil {
			return derFail(err, "PINConfiguration keyReference missing")
		}
		if _, e := uintValue(v, 255, "PIN keyReference out of range"); e != nil {
			return e
		}
		v, err = pr.Expect(ctx(1))
		if err != nil {
			return derFail(err, "PINConfiguration pinValue missing")
		}
		if e := sizedOctets(v, 8, 8, "pinValue is not 8 bytes"); e != nil {
			return e
		}
		if v, ok, err := pr.Optional(ctx(2)); err != nil {
			return derFail(err, "malformed PINConfiguration")
		} else if ok {
			if _, e := uintValue(v, 255, "unblockingPINReference out of range"); e != nil {
				return e
			}
		}
		for _, tn := range [2]uint32{3, 4} {
			if v, ok, err := pr.Optional(ctx(tn)); err != nil {
				return derFail(err, "malformed PINConfiguration")
			} else if ok {
				if _, e := uintValue(v, 255, "PIN attribute not a UInt8"); e != nil {
					return e
				}
			}
		}
		if e := extensions(&pr, 4); e != nil {
			return e
		}
	}
	if n < 1 || n > 26 {
		return fail(alt.Offset, StatusBadValues, "pinconfig needs 1..26 entries", nil)
	}
	return nil
}

// checkPUKCodes checks PE-PUKCodes: pukCodes [1] SEQUENCE (SIZE (1..16)) OF
// PUKConfiguration { keyReference [0], pukValue [1] (SIZE(8)),
// maxNumOfAttemps-retryNumLeft [2] UInt8 DEFAULT 170 }.
func checkPUKCodes(r *asn1der.Reader, pe asn1der.TLV, m asn1der.Mode) *Error {
	l, err := r.Expect(cctx(1))
	if err != nil {
		return derFail(err, "pukCodes missing")
	}
	if e := extensions(r, 1); e != nil {
		return e
	}
	lr, _ := r.Enter(l)
	n := 0
	for !lr.Empty() {
		c, err := lr.Expect(asn1der.TagSequence)
		if err != nil {
			return derFail(err, "PUKConfiguration is not a SEQUENCE")
		}
		n++
		pr, _ := lr.Enter(c)
		v, err := pr.Expect(ctx(0))
		if err != nil {
			return derFail(err, "PUKConfiguration keyReference missing")
		}
		if _, e := uintValue(v, 255, "PUK keyReference out of range"); e != nil {
			return e
		}
		v, err = pr.Expect(ctx(1))
		if err != nil {
			return derFail(err, "PUKConfiguration pukValue missing")
		}
		if e := sizedOctets(v, 8, 8, "pukValue is not 8 bytes"); e != nil {
			return e
		}
		if v, ok, err := pr.Optional(ctx(2)); err != nil {
			return derFail(err, "malformed PUKConfiguration")
		} else if ok {
			if _, e := uintValue(v, 255, "PUK attempts not a UInt8"); e != nil {
				return e
			}
		}
		if e := extensions(&pr, 2); e != nil {
			return e
		}
	}
	if n < 1 || n > 16 {
		return fail(l.Offset, StatusBadValues, "pukCodes needs 1..16 entries", nil)
	}
	return nil
}

// checkNonStandard checks PE-NonStandard: issuerID [1] OBJECT IDENTIFIER,
// content [2] OCTET STRING.
func checkNonStandard(r *asn1der.Reader, pe asn1der.TLV) *Error {
	v, err := r.Expect(ctx(1))
	if err != nil {
		return derFail(err, "nonStandard issuerID missing")
	}
	if err := asn1der.CheckOID(v); err != nil {
		return derFail(err, "nonStandard issuerID is not an OBJECT IDENTIFIER")
	}
	if _, err := r.Expect(ctx(2)); err != nil {
		return derFail(err, "nonStandard content missing")
	}
	return extensions(r, 2)
}

// validUTF8 reports whether b is valid UTF-8.
func validUTF8(b []byte) bool { return utf8.Valid(b) }
