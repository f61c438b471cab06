package saip

import (
	"github.com/rspengine/rspengine/asn1der"
)

// ServicesList is the eUICC-Mandatory-services of a ProfileHeader as a mask:
// bit n is set when the element with context tag [n] (the n-th NULL of the
// ServicesList SEQUENCE) is present.
type ServicesList uint64

// The ServicesList members of PEDefinitions version three.
const (
	ServiceContactless                  ServicesList = 1 << iota // contactless
	ServiceUSIM                                                  // usim
	ServiceISIM                                                  // isim
	ServiceCSIM                                                  // csim
	ServiceMilenage                                              // milenage
	ServiceTUAK128                                               // tuak128
	ServiceCAVE                                                  // cave
	ServiceGBAUSIM                                               // gba-usim
	ServiceGBAISIM                                               // gba-isim
	ServiceMBMS                                                  // mbms
	ServiceEAP                                                   // eap
	ServiceJavaCard                                              // javacard
	ServiceMultos                                                // multos
	ServiceMultipleUSIM                                          // multiple-usim
	ServiceMultipleISIM                                          // multiple-isim
	ServiceMultipleCSIM                                          // multiple-csim
	ServiceTUAK256                                               // tuak256
	ServiceUSIMTestAlgorithm                                     // usim-test-algorithm
	ServiceBERTLV                                                // ber-tlv (BER-TLV files)
	ServiceDFLink                                                // dfLink
	ServiceCATTP                                                 // cat-tp
	ServiceGetIdentity                                           // get-identity
	ServiceProfileAX25519                                        // profile-a-x25519
	ServiceProfileBP256                                          // profile-b-p256
	ServiceSUCICalculatorAPI                                     // suciCalculatorApi
	ServiceDNSResolution                                         // dns-resolution
	ServiceSCP11ac                                               // scp11ac
	ServiceSCP11cAuthorizationMechanism                          // scp11c-authorization-mechanism
	ServiceS16Mode                                               // s16mode
	ServiceEAKA                                                  // eaka
)

// Has reports whether every service in s2 is in s.
func (s ServicesList) Has(s2 ServicesList) bool { return s&s2 == s2 }

// ProfileHeader is a view of the header PE (ProfileHeader ::= SEQUENCE, tag
// A0). Byte slices point into the PE; absent OPTIONAL fields are nil.
type ProfileHeader struct {
	MajorVersion int
	MinorVersion int
	ProfileType  []byte // UTF8String (SIZE(1..100))
	// ICCID is the iccid field (10 bytes) exactly as coded in the package.
	// The TS.48 packages code it as plain BCD ("89 00 01 23 ..." for ICCID
	// 89000123456789012341), not in the nibble-swapped EFiccid coding that
	// SGP.22's Iccid uses; see ICCIDDigits and MatchesICCID.
	ICCID                  []byte
	POL                    []byte
	Services               ServicesList
	GFSTEList              []byte // contents of eUICC-Mandatory-GFSTEList: OBJECT IDENTIFIER TLVs
	ConnectivityParameters []byte
	MandatoryAIDs          []byte // contents of eUICC-Mandatory-AIDs
	IoTPIX                 []byte // iotOptions.pix
	Raw                    []byte // the whole PE
}

// ParseProfileHeader decodes and checks a whole header PE (starting with its
// A0 tag) in the given mode.
func ParseProfileHeader(pe []byte, m asn1der.Mode) (ProfileHeader, error) {
	t, err := asn1der.ParseMode(pe, m)
	if err != nil {
		return ProfileHeader{}, derFail(err, "malformed ProfileHeader")
	}
	if e := walk(t, m, 0); e != nil {
		return ProfileHeader{}, e
	}
	h, e := parseProfileHeader(t, m)
	if e != nil {
		return ProfileHeader{}, e
	}
	return h, nil
}

// Supported major versions of the header: 2 (SAIP v2.x, used by all TS.48
// packages checked here) and 3 (PEDefinitions version three).
const (
	minMajorVersion = 2
	maxMajorVersion = 3
)

func parseProfileHeader(t asn1der.TLV, m asn1der.Mode) (ProfileHeader, *Error) {
	h := ProfileHeader{Raw: t.Raw}
	if t.Tag != cctx(0) {
		return h, fail(t.Offset, StatusInvalidRequestFormat, "not a ProfileHeader", nil)
	}
	r, _ := asn1der.Children(t, m)
	v, err := r.Expect(ctx(0))
	if err != nil {
		return h, derFail(err, "ProfileHeader major-version missing")
	}
	n, e := uintValue(v, 255, "major-version not a UInt8")
	if e != nil {
		return h, e
	}
	if n < minMajorVersion || n > maxMajorVersion {
		return h, fail(v.Offset, StatusUnsupportedProfileVersion, "unsupported major-version", nil)
	}
	h.MajorVersion = int(n)
	v, err = r.Expect(ctx(1))
	if err != nil {
		return h, derFail(err, "ProfileHeader minor-version missing")
	}
	if n, e = uintValue(v, 255, "minor-version not a UInt8"); e != nil {
		return h, e
	}
	h.MinorVersion = int(n)
	v, ok, err := r.Optional(ctx(2))
	if err != nil {
		return h, derFail(err, "malformed ProfileHeader")
	}
	if ok {
		if e := sizedOctets(v, 1, 100, "profileType not 1..100 bytes"); e != nil {
			return h, e
		}
		if !validUTF8(v.Value) {
			return h, fail(v.Offset, StatusBadValues, "profileType not UTF-8", nil)
		}
		h.ProfileType = v.Value
	}
	v, err = r.Expect(ctx(3))
	if err != nil {
		return h, derFail(err, "ProfileHeader iccid missing")
	}
	if e := sizedOctets(v, 10, 10, "iccid is not 10 bytes"); e != nil {
		return h, e
	}
	if !bcdNibbles(v.Value) {
		return h, fail(v.Offset, StatusBadValues, "iccid is not BCD", nil)
	}
	h.ICCID = v.Value
	if v, ok, err = r.Optional(ctx(4)); err != nil {
		return h, derFail(err, "malformed ProfileHeader")
	} else if ok {
		if v.Tag.Constructed() {
			return h, fail(v.Offset, StatusInvalidRequestFormat, "pol is constructed", nil)
		}
		h.POL = v.Value
	}
	v, err = r.Expect(cctx(5))
	if err != nil {
		return h, derFail(err, "ProfileHeader eUICC-Mandatory-services missing")
	}
	sr, _ := r.Enter(v)
	last := -1
	for !sr.Empty() {
		s, err := sr.Next()
		if err != nil {
			return h, derFail(err, "malformed ServicesList")
		}
		n := int(s.Tag.Number())
		if s.Tag.Class() != asn1der.ClassContext || n <= last {
			return h, fail(s.Offset, StatusInvalidRequestFormat, "ServicesList element out of order", nil)
		}
		if e := null(s, "ServicesList element is not NULL"); e != nil {
			return h, e
		}
		last = n
		if n < 64 {
			h.Services |= 1 << n
		}
	}
	v, err = r.Expect(cctx(6))
	if err != nil {
		return h, derFail(err, "ProfileHeader eUICC-Mandatory-GFSTEList missing")
	}
	gr, _ := r.Enter(v)
	for !gr.Empty() {
		o, err := gr.Expect(asn1der.TagOID)
		if err != nil {
			return h, derFail(err, "GFSTEList element is not an OBJECT IDENTIFIER")
		}
		if err := asn1der.CheckOID(o); err != nil {
			return h, derFail(err, "GFSTEList element is not an OBJECT IDENTIFIER")
		}
	}
	h.GFSTEList = v.Value
	if v, ok, err = r.Optional(ctx(7)); err != nil {
		return h, derFail(err, "malformed ProfileHeader")
	} else if ok {
		h.ConnectivityParameters = v.Value
	}
	if v, ok, err = r.Optional(cctx(8)); err != nil {
		return h, derFail(err, "malformed ProfileHeader")
	} else if ok {
		ar, _ := r.Enter(v)
		for !ar.Empty() {
			s, err := ar.Expect(asn1der.TagSequence)
			if err != nil {
				return h, derFail(err, "eUICC-Mandatory-AIDs element is not a SEQUENCE")
			}
			er, _ := ar.Enter(s)
			a, err := er.Expect(ctx(0))
			if err != nil {
				return h, derFail(err, "mandatory AID missing")
			}
			if e := sizedOctets(a, 5, 16, "mandatory AID not 5..16 bytes"); e != nil {
				return h, e
			}
			a, err = er.Expect(ctx(1))
			if err != nil {
				return h, derFail(err, "mandatory AID version missing")
			}
			if e := sizedOctets(a, 2, 2, "mandatory AID version not 2 bytes"); e != nil {
				return h, e
			}
			if e := extensions(&er, 1); e != nil {
				return h, e
			}
		}
		h.MandatoryAIDs = v.Value
	}
	if v, ok, err = r.Optional(cctx(9)); err != nil {
		return h, derFail(err, "malformed ProfileHeader")
	} else if ok {
		ir, _ := r.Enter(v)
		p, err := ir.Expect(ctx(0))
		if err != nil {
			return h, derFail(err, "iotOptions pix missing")
		}
		if e := sizedOctets(p, 7, 11, "iotOptions pix not 7..11 bytes"); e != nil {
			return h, e
		}
		if e := extensions(&ir, 0); e != nil {
			return h, e
		}
		h.IoTPIX = p.Value
	}
	if e := extensions(&r, 9); e != nil {
		return h, e
	}
	return h, nil
}

// ICCIDDigits returns the digits of the header's ICCID in the TS.48 coding
// (plain BCD, F-padded). It fails when the field holds anything else.
func (h *ProfileHeader) ICCIDDigits() (string, error) {
	var sw [10]byte
	if len(h.ICCID) != 10 {
		return "", errICCIDLength
	}
	copy(sw[:], h.ICCID)
	SwapNibbles(sw[:])
	return ICCIDDigits(sw[:])
}

// MatchesICCID reports whether the header's ICCID is the same ICCID as iccid,
// which is coded as in EFiccid (SGP.22 Iccid, tag 5A: nibble-swapped BCD).
// Both codings of the header are accepted: plain BCD (the TS.48 packages and
// AppendDefaultProfile) and EFiccid coding.
func (h *ProfileHeader) MatchesICCID(iccid []byte) bool {
	if len(h.ICCID) != 10 || len(iccid) != 10 {
		return false
	}
	plain, swapped := true, true
	for i, b := range h.ICCID {
		c := iccid[i]
		if b != c {
			swapped = false
		}
		if b != c<<4|c>>4 {
			plain = false
		}
	}
	return plain || swapped
}

// bcdNibbles reports whether every nibble of b is a decimal digit or F.
func bcdNibbles(b []byte) bool {
	for _, c := range b {
		if c&0x0F > 9 && c&0x0F != 0x0F || c>>4 > 9 && c>>4 != 0x0F {
			return false
		}
	}
	return true
}

// AKA algorithm identifiers (AlgoParameter.algorithmID).
const (
	AlgorithmMilenage          = 1
	AlgorithmTUAK              = 2
	AlgorithmUSIMTestAlgorithm = 3
)

// AKAParameter is a view of PE-AKAParameter (tag A4). Byte slices point into
// the PE; absent fields that have a DEFAULT are nil (their default applies).
type AKAParameter struct {
	Identification int
	Mandated       bool

	// Mapping is set when algoConfiguration is a mappingParameter (the
	// parameters are shared with another NAA); then only MappingOptions and
	// MappingSource are filled.
	Mapping        bool
	MappingOptions byte
	MappingSource  []byte

	AlgorithmID       int // AlgorithmMilenage, AlgorithmTUAK, AlgorithmUSIMTestAlgorithm
	AlgorithmOptions  byte
	Key               []byte // K: 16 bytes (TUAK: 16 or 32)
	OPc               []byte // OPc (Milenage, 16 bytes), TOPc (TUAK, 32 bytes)
	RotationConstants []byte // 5 bytes; nil: '4000204060'H
	XoringConstants   []byte // 80 bytes; nil: the default c1..c5
	AuthCounterMax    []byte // 3 bytes
	NumberOfKeccak    int    // TUAK; 1 when absent

	SQNOptions  byte   // '02'H when absent
	SQNDelta    []byte // 6 bytes; nil: '000010000000'H
	SQNAgeLimit []byte // 6 bytes; nil: '000010000000'H
	SQNInit     []byte // contents of sqnInit (32 OCTET STRING (SIZE(6))); nil: all zero
}

// ParseAKAParameter decodes and checks a whole akaParameter PE (tag A4).
func ParseAKAParameter(pe []byte, m asn1der.Mode) (AKAParameter, error) {
	t, err := asn1der.ParseMode(pe, m)
	if err != nil {
		return AKAParameter{}, derFail(err, "malformed akaParameter")
	}
	if e := walk(t, m, 0); e != nil {
		return AKAParameter{}, e
	}
	a, e := parseAKAParameter(t, m)
	if e != nil {
		return AKAParameter{}, e
	}
	return a, nil
}

func parseAKAParameter(t asn1der.TLV, m asn1der.Mode) (AKAParameter, *Error) {
	a := AKAParameter{SQNOptions: 0x02, NumberOfKeccak: 1}
	if t.Tag != TypeAKAParameter.Tag() {
		return a, fail(t.Offset, StatusInvalidRequestFormat, "not an akaParameter PE", nil)
	}
	r, _ := asn1der.Children(t, m)
	var e *Error
	if a.Identification, a.Mandated, e = peHeader(&r); e != nil {
		return a, e
	}
	cfg, err := r.Expect(cctx(1))
	if err != nil {
		return a, derFail(err, "algoConfiguration missing")
	}
	cr, _ := r.Enter(cfg)
	alt, err := cr.Next()
	if err != nil {
		return a, derFail(err, "algoConfiguration empty")
	}
	if !cr.Empty() {
		return a, fail(cfg.Offset, StatusInvalidRequestFormat, "algoConfiguration holds more than one element", nil)
	}
	ar, err := cr.Enter(alt)
	if err != nil {
		return a, derFail(err, "algoConfiguration alternative not constructed")
	}
	switch alt.Tag {
	case cctx(0): // mappingParameter
		a.Mapping = true
		v, err := ar.Expect(ctx(0))
		if err != nil {
			return a, derFail(err, "mappingOptions missing")
		}
		if e := sizedOctets(v, 1, 1, "mappingOptions not 1 byte"); e != nil {
			return a, e
		}
		a.MappingOptions = v.Value[0]
		if v, err = ar.Expect(ctx(1)); err != nil {
			return a, derFail(err, "mappingSource missing")
		}
		if e := sizedOctets(v, 5, 16, "mappingSource not an AID"); e != nil {
			return a, e
		}
		a.MappingSource = v.Value
		if e := extensions(&ar, 1); e != nil {
			return a, e
		}
	case cctx(1): // algoParameter
		if e := parseAlgoParameter(&a, &ar); e != nil {
			return a, e
		}
	default:
		return a, fail(alt.Offset, StatusInvalidRequestFormat, "unknown algoConfiguration alternative", nil)
	}
	if v, ok, err := r.Optional(ctx(2)); err != nil {
		return a, derFail(err, "malformed akaParameter")
	} else if ok {
		if e := sizedOctets(v, 1, 1, "sqnOptions not 1 byte"); e != nil {
			return a, e
		}
		a.SQNOptions = v.Value[0]
	}
	if v, ok, err := r.Optional(ctx(3)); err != nil {
		return a, derFail(err, "malformed akaParameter")
	} else if ok {
		if e := sizedOctets(v, 6, 6, "sqnDelta not 6 bytes"); e != nil {
			return a, e
		}
		a.SQNDelta = v.Value
	}
	if v, ok, err := r.Optional(ctx(4)); err != nil {
		return a, derFail(err, "malformed akaParameter")
	} else if ok {
		if e := sizedOctets(v, 6, 6, "sqnAgeLimit not 6 bytes"); e != nil {
			return a, e
		}
		a.SQNAgeLimit = v.Value
	}
	if v, ok, err := r.Optional(cctx(5)); err != nil {
		return a, derFail(err, "malformed akaParameter")
	} else if ok {
		sr, _ := r.Enter(v)
		n := 0
		for !sr.Empty() {
			s, err := sr.Expect(asn1der.TagOctetString)
			if err != nil {
				return a, derFail(err, "sqnInit element is not an OCTET STRING")
			}
			if e := sizedOctets(s, 6, 6, "sqnInit element not 6 bytes"); e != nil {
				return a, e
			}
			n++
		}
		if n != 32 {
			return a, fail(v.Offset, StatusBadValues, "sqnInit does not hold 32 values", nil)
		}
		a.SQNInit = v.Value
	}
	if e := extensions(&r, 5); e != nil {
		return a, e
	}
	return a, nil
}

func parseAlgoParameter(a *AKAParameter, r *asn1der.Reader) *Error {
	v, err := r.Expect(ctx(0))
	if err != nil {
		return derFail(err, "algorithmID missing")
	}
	id, e := uintValue(v, 255, "algorithmID out of range")
	if e != nil {
		return e
	}
	a.AlgorithmID = int(id)
	idOff := v.Offset
	if v, err = r.Expect(ctx(1)); err != nil {
		return derFail(err, "algorithmOptions missing")
	}
	if e := sizedOctets(v, 1, 1, "algorithmOptions not 1 byte"); e != nil {
		return e
	}
	a.AlgorithmOptions = v.Value[0]
	if v, err = r.Expect(ctx(2)); err != nil {
		return derFail(err, "key missing")
	}
	if v.Tag.Constructed() {
		return fail(v.Offset, StatusInvalidRequestFormat, "key is constructed", nil)
	}
	a.Key = v.Value
	keyOff := v.Offset
	if v, err = r.Expect(ctx(3)); err != nil {
		return derFail(err, "opc missing")
	}
	if v.Tag.Constructed() {
		return fail(v.Offset, StatusInvalidRequestFormat, "opc is constructed", nil)
	}
	a.OPc = v.Value
	opcOff := v.Offset
	switch a.AlgorithmID {
	case AlgorithmMilenage:
		if len(a.Key) != 16 {
			return fail(keyOff, StatusBadValues, "Milenage key is not 16 bytes", nil)
		}
		if len(a.OPc) != 16 {
			return fail(opcOff, StatusBadValues, "Milenage OPc is not 16 bytes", nil)
		}
	case AlgorithmTUAK:
		if len(a.Key) != 16 && len(a.Key) != 32 {
			return fail(keyOff, StatusBadValues, "TUAK key is not 16 or 32 bytes", nil)
		}
		if len(a.OPc) != 32 {
			return fail(opcOff, StatusBadValues, "TUAK TOPc is not 32 bytes", nil)
		}
	case AlgorithmUSIMTestAlgorithm:
		// TS 34.108 test algorithm: 128-bit K; opc is ignored.
		if len(a.Key) != 16 {
			return fail(keyOff, StatusBadValues, "test algorithm key is not 16 bytes", nil)
		}
	default:
		return fail(idOff, StatusBadValues, "unknown algorithmID", nil)
	}
	if v, ok, err := r.Optional(ctx(4)); err != nil {
		return derFail(err, "malformed algoParameter")
	} else if ok {
		if e := sizedOctets(v, 5, 5, "rotationConstants not 5 bytes"); e != nil {
			return e
		}
		a.RotationConstants = v.Value
	}
	if v, ok, err := r.Optional(ctx(5)); err != nil {
		return derFail(err, "malformed algoParameter")
	} else if ok {
		if e := sizedOctets(v, 80, 80, "xoringConstants not 80 bytes"); e != nil {
			return e
		}
		a.XoringConstants = v.Value
	}
	if v, ok, err := r.Optional(ctx(6)); err != nil {
		return derFail(err, "malformed algoParameter")
	} else if ok {
		if e := sizedOctets(v, 3, 3, "authCounterMax not 3 bytes"); e != nil {
			return e
		}
		a.AuthCounterMax = v.Value
	}
	if v, ok, err := r.Optional(ctx(7)); err != nil {
		return derFail(err, "malformed algoParameter")
	} else if ok {
		n, e := uintValue(v, 255, "numberOfKeccak not a UInt8")
		if e != nil {
			return e
		}
		a.NumberOfKeccak = int(n)
	}
	return extensions(r, 7)
}

// MF is a view of the mf PE (PE-MF, tag B0).
type MF struct {
	Identification int
	TemplateID     []byte // OBJECT IDENTIFIER contents
	EFICCID        []byte // first fillFileContent of ef-iccid (EFiccid coding); nil if none
}

// ParseMF decodes and checks a whole mf PE.
func ParseMF(pe []byte, m asn1der.Mode) (MF, error) {
	t, r, id, e := parseTemplatePE(pe, m, TypeMF)
	if e != nil {
		return MF{}, e
	}
	mf := MF{Identification: id, TemplateID: t}
	mf.EFICCID = fileContent(r, 4)
	return mf, nil
}

// USIM is a view of the usim PE (PE-USIM, tag B3).
type USIM struct {
	Identification int
	TemplateID     []byte // OBJECT IDENTIFIER contents
	AID            []byte // dfName of adf-usim's Fcp; nil if absent
	EFIMSI         []byte // first fillFileContent of ef-imsi (EF_IMSI coding, TS 31.102 §4.2.2); nil if none
}

// IMSI decodes EFIMSI to digits.
func (u *USIM) IMSI() (string, error) { return IMSIDigits(u.EFIMSI) }

// ParseUSIM decodes and checks a whole usim PE.
func ParseUSIM(pe []byte, m asn1der.Mode) (USIM, error) {
	t, r, id, e := parseTemplatePE(pe, m, TypeUSIM)
	if e != nil {
		return USIM{}, e
	}
	u := USIM{Identification: id, TemplateID: t}
	u.EFIMSI = fileContent(r, 3)
	if f, ok := field(r, 2); ok {
		fr, _ := asn1der.Children(f, asn1der.BER)
		if fcp, ok, _ := fr.Find(cctx(1)); ok {
			cr, _ := asn1der.Children(fcp, asn1der.BER)
			if v, ok, _ := cr.Find(ctx(4)); ok {
				u.AID = v.Value
			}
		}
	}
	return u, nil
}

// parseTemplatePE checks a template PE and returns its templateID, a reader
// positioned at its first File field, and its identification.
func parseTemplatePE(pe []byte, m asn1der.Mode, typ PEType) ([]byte, asn1der.Reader, int, *Error) {
	t, err := asn1der.ParseMode(pe, m)
	if err != nil {
		return nil, asn1der.Reader{}, 0, derFail(err, "malformed PE")
	}
	if t.Tag != typ.Tag() {
		return nil, asn1der.Reader{}, 0, fail(0, StatusInvalidRequestFormat, "unexpected PE type", nil)
	}
	id, _, e := checkPE(t, typ, m)
	if e != nil {
		return nil, asn1der.Reader{}, 0, e
	}
	r, _ := asn1der.Children(t, asn1der.BER)
	r.Next() // PEHeader
	tid, _ := r.Next()
	return tid.Value, r, id, nil
}

// field finds the File field with context tag [n] (the reader is a copy).
func field(r asn1der.Reader, n uint32) (asn1der.TLV, bool) {
	v, ok, _ := r.Find(cctx(n))
	return v, ok
}

// fileContent returns the first fillFileContent of File field [n] when no
// fillFileOffset precedes it (the content at offset 0 of the file).
func fileContent(r asn1der.Reader, n uint32) []byte {
	f, ok := field(r, n)
	if !ok {
		return nil
	}
	fr, _ := asn1der.Children(f, asn1der.BER)
	for !fr.Empty() {
		c, err := fr.Next()
		if err != nil {
			return nil
		}
		switch c.Tag {
		case ctx(2):
			return nil
		case ctx(3):
			return c.Value
		}
	}
	return nil
}
