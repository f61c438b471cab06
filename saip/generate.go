package saip

import (
	"encoding/binary"
	"errors"
	"unicode/utf8"

	"github.com/rspengine/rspengine/asn1der"
)

// ProfileParams are the subscription values of the default profile.
type ProfileParams struct {
	// ICCID: 18 digits (the Luhn check digit is appended) or 19-20 digits
	// ending in a valid check digit.
	ICCID string
	// IMSI: 6 to 15 digits.
	IMSI string
	// Ki and OPc of the Milenage algorithm.
	Ki  [16]byte
	OPc [16]byte
	// ProfileType is the header's profileType (1..100 bytes of UTF-8); empty
	// means DefaultProfileType.
	ProfileType string
}

// DefaultProfileType is the profileType AppendDefaultProfile writes when
// ProfileParams.ProfileType is empty.
const DefaultProfileType = "rspengine default profile"

// DefaultParams returns the parameters of the project's embedded default
// profile: an ICCID under the international 89 882 prefix, the 3GPP test PLMN
// 001-01, and K / OPc of 3GPP TS 35.208 §4.3 Test Set 1 (so that Milenage
// known answers apply to the profile).
func DefaultParams() ProfileParams {
	return ProfileParams{
		ICCID: "898820000000000001", // 18 digits: the check digit is appended
		IMSI:  "001010000000001",
		Ki: [16]byte{0x46, 0x5b, 0x5c, 0xe8, 0xb1, 0x99, 0xb4, 0x9f,
			0xaa, 0x5f, 0x0a, 0x2e, 0xe2, 0x38, 0xa6, 0xbc},
		OPc: [16]byte{0xcd, 0x63, 0xcb, 0x71, 0x95, 0x4a, 0x9f, 0x4e,
			0x48, 0xa5, 0x99, 0x4e, 0x37, 0xa0, 0x2b, 0xaf},
	}
}

// Validate checks the parameters AppendDefaultProfile needs.
func (p *ProfileParams) Validate() error {
	if _, err := ICCIDFromDigits(p.ICCID); err != nil {
		return err
	}
	if _, err := IMSIFromDigits(p.IMSI); err != nil {
		return err
	}
	if len(p.ProfileType) > 100 || !utf8.ValidString(p.ProfileType) {
		return errProfileType
	}
	return nil
}

var errProfileType = errors.New("saip: profileType must be at most 100 bytes of UTF-8")

// Header version written by the generator: SAIP 2.3, the version of the newer
// TS.48 packages (TS48v2/v4/v5 "SAIP2.3").
const (
	DefaultMajorVersion = 2
	DefaultMinorVersion = 3
)

// Template OIDs (contents octets) of the file-system templates, as the TS.48
// packages carry them in templateID and in eUICC-Mandatory-GFSTEList:
// 2.23.143.1.2.1 for the MF, 2.23.143.1.2.4 for the USIM.
var (
	oidTemplateMF   = asn1der.OID("2.23.143.1.2.1")
	oidTemplateUSIM = asn1der.OID("2.23.143.1.2.4")
)

// usimAID is the ADF.USIM AID of the default profile: the 3GPP USIM
// application (RID A000000087, application code 1002) with the extension the
// TS.48 packages use (FF49FF0589).
var usimAID = [12]byte{0xA0, 0x00, 0x00, 0x00, 0x87, 0x10, 0x02, 0xFF, 0x49, 0xFF, 0x05, 0x89}

// USIMAID returns the ADF.USIM AID the default profile uses (the one of the
// TS.48 packages: A0000000871002FF49FF0589).
func USIMAID() [12]byte { return usimAID }

// PE identification numbers of the default profile.
const (
	idMF = 1 + iota
	idUSIM
	idAKA
	idEnd
)

// BuildDefaultProfile is AppendDefaultProfile with the parameters checked.
func BuildDefaultProfile(dst []byte, p *ProfileParams) ([]byte, error) {
	if err := p.Validate(); err != nil {
		return dst, err
	}
	return AppendDefaultProfile(dst, p), nil
}

// AppendDefaultProfile appends a minimal profile package to dst: a
// ProfileHeader (version 2.3, services usim and milenage, GFSTE list of the
// MF and USIM templates), an mf PE with EF-ICCID and an EF-DIR record for the
// USIM, a usim PE with EF-IMSI and EF-ACC, an akaParameter PE (Milenage, K,
// OPc, everything else default) and the End PE. The same parameters give the
// same bytes. It panics when p does not pass Validate (use
// BuildDefaultProfile to get an error instead).
func AppendDefaultProfile(dst []byte, p *ProfileParams) []byte {
	iccid, err := ICCIDFromDigits(p.ICCID)
	if err != nil {
		panic("saip: AppendDefaultProfile: " + err.Error())
	}
	imsi, err := IMSIFromDigits(p.IMSI)
	if err != nil {
		panic("saip: AppendDefaultProfile: " + err.Error())
	}
	ptype := p.ProfileType
	if ptype == "" {
		ptype = DefaultProfileType
	}
	if len(ptype) > 100 || !utf8.ValidString(ptype) {
		panic("saip: AppendDefaultProfile: " + errProfileType.Error())
	}

	// ProfileHeader
	var m, m2 asn1der.Mark
	dst, m = asn1der.AppendBegin(dst, TypeHeader.Tag())
	dst = asn1der.AppendInt64(dst, ctx(0), DefaultMajorVersion)
	dst = asn1der.AppendInt64(dst, ctx(1), DefaultMinorVersion)
	dst = asn1der.AppendString(dst, ctx(2), ptype)
	plain := iccid
	SwapNibbles(plain[:]) // the header carries plain BCD, as in TS.48
	dst = asn1der.AppendTLV(dst, ctx(3), plain[:])
	dst, m2 = asn1der.AppendBegin(dst, cctx(5)) // eUICC-Mandatory-services
	dst = asn1der.AppendNull(dst, ctx(1))       // usim
	dst = asn1der.AppendNull(dst, ctx(4))       // milenage
	dst = asn1der.AppendEnd(dst, m2)
	dst, m2 = asn1der.AppendBegin(dst, cctx(6)) // eUICC-Mandatory-GFSTEList
	dst = asn1der.AppendOID(dst, asn1der.TagOID, oidTemplateMF)
	dst = asn1der.AppendOID(dst, asn1der.TagOID, oidTemplateUSIM)
	dst = asn1der.AppendEnd(dst, m2)
	dst = asn1der.AppendEnd(dst, m)

	// mf
	dst, m = asn1der.AppendBegin(dst, TypeMF.Tag())
	dst = appendPEHeader(dst, idMF)
	dst = asn1der.AppendOID(dst, ctx(1), oidTemplateMF)
	dst = asn1der.AppendTLV(dst, cctx(2), nil) // mf: template default
	dst = appendFileContent(dst, 4, iccid[:])  // ef-iccid
	// ef-dir: one application template record for the USIM (ETSI TS 102 221
	// §13.1): 61 L { 4F AID, 50 label }.
	var dir [2 + 2 + len(usimAID) + 2 + 4]byte
	rec := append(dir[:0], 0x61, byte(len(dir)-2), 0x4F, byte(len(usimAID)))
	rec = append(rec, usimAID[:]...)
	rec = append(rec, 0x50, 4, 'U', 'S', 'I', 'M')
	dst = appendFileContent(dst, 5, rec)
	dst = asn1der.AppendTLV(dst, cctx(6), nil) // ef-arr: template default
	dst = asn1der.AppendEnd(dst, m)

	// usim
	dst, m = asn1der.AppendBegin(dst, TypeUSIM.Tag())
	dst = appendPEHeader(dst, idUSIM)
	dst = asn1der.AppendOID(dst, ctx(1), oidTemplateUSIM)
	dst, m2 = asn1der.AppendBegin(dst, cctx(2)) // adf-usim
	var m3 asn1der.Mark
	dst, m3 = asn1der.AppendBegin(dst, cctx(1))              // Fcp
	dst = asn1der.AppendTLV(dst, ctx(3), []byte{0x7F, 0xD0}) // fileID: temporary FID of the ADF
	dst = asn1der.AppendTLV(dst, ctx(4), usimAID[:])         // dfName
	dst = asn1der.AppendEnd(dst, m3)
	dst = asn1der.AppendEnd(dst, m2)
	dst = appendFileContent(dst, 3, imsi[:])    // ef-imsi
	dst = asn1der.AppendTLV(dst, cctx(4), nil)  // ef-arr
	dst = asn1der.AppendTLV(dst, cctx(8), nil)  // ef-ust
	dst = asn1der.AppendTLV(dst, cctx(13), nil) // ef-spn
	dst = asn1der.AppendTLV(dst, cctx(14), nil) // ef-est
	// ef-acc: the access class is the last IMSI digit (3GPP TS 22.011 §4.2),
	// coded as in TS 31.102 §4.2.15.
	var acc [2]byte
	binary.BigEndian.PutUint16(acc[:], 1<<(p.IMSI[len(p.IMSI)-1]-'0'))
	dst = appendFileContent(dst, 18, acc[:])
	dst = asn1der.AppendTLV(dst, cctx(22), nil) // ef-ecc
	dst = asn1der.AppendEnd(dst, m)

	// akaParameter
	dst, m = asn1der.AppendBegin(dst, TypeAKAParameter.Tag())
	dst = appendPEHeader(dst, idAKA)
	dst, m2 = asn1der.AppendBegin(dst, cctx(1)) // algoConfiguration
	dst, m3 = asn1der.AppendBegin(dst, cctx(1)) // algoParameter
	dst = asn1der.AppendInt64(dst, ctx(0), AlgorithmMilenage)
	dst = asn1der.AppendTLV(dst, ctx(1), []byte{0x00}) // algorithmOptions
	dst = asn1der.AppendTLV(dst, ctx(2), p.Ki[:])
	dst = asn1der.AppendTLV(dst, ctx(3), p.OPc[:])
	dst = asn1der.AppendEnd(dst, m3)
	dst = asn1der.AppendEnd(dst, m2)
	dst = asn1der.AppendEnd(dst, m)

	// end
	dst, m = asn1der.AppendBegin(dst, TypeEnd.Tag())
	dst = appendPEHeader(dst, idEnd)
	return asn1der.AppendEnd(dst, m)
}

// appendPEHeader appends a PEHeader [0] with mandated set, as TS.48 does.
func appendPEHeader(dst []byte, id int64) []byte {
	dst, m := asn1der.AppendBegin(dst, cctx(0))
	dst = asn1der.AppendNull(dst, ctx(0))
	dst = asn1der.AppendInt64(dst, ctx(1), id)
	return asn1der.AppendEnd(dst, m)
}

// appendFileContent appends File field [n] holding one fillFileContent.
func appendFileContent(dst []byte, n uint32, content []byte) []byte {
	dst, m := asn1der.AppendBegin(dst, cctx(n))
	dst = asn1der.AppendTLV(dst, ctx(3), content)
	return asn1der.AppendEnd(dst, m)
}
