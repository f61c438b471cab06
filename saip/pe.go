package saip

import "github.com/rspengine/rspengine/asn1der"

// PEType is the alternative of the ProfileElement CHOICE (PEDefinitions, in
// CHOICE order). Under AUTOMATIC TAGS the n-th alternative (from 0) is the
// context-specific constructed tag [n]: header = A0, end = AA, mf = B0,
// usim = B3, df-5gprose = BF1F, opt-iot = BF21.
type PEType uint8

// The ProfileElement alternatives of PEDefinitions version three, in order.
const (
	TypeHeader                PEType = iota // header ProfileHeader, A0
	TypeGenericFileManagement               // genericFileManagement, A1
	TypePINCodes                            // pinCodes, A2
	TypePUKCodes                            // pukCodes, A3
	TypeAKAParameter                        // akaParameter, A4
	TypeCDMAParameter                       // cdmaParameter, A5
	TypeSecurityDomain                      // securityDomain, A6
	TypeRFM                                 // rfm, A7
	TypeApplication                         // application, A8
	TypeNonStandard                         // nonStandard, A9
	TypeEnd                                 // end, AA
	TypeRFU1                                // rfu1 PE-Dummy, AB
	TypeRFU2                                // rfu2, AC
	TypeRFU3                                // rfu3, AD
	TypeRFU4                                // rfu4, AE
	TypeRFU5                                // rfu5, AF
	TypeMF                                  // mf, B0
	TypeCD                                  // cd, B1
	TypeTelecom                             // telecom, B2
	TypeUSIM                                // usim, B3
	TypeOptUSIM                             // opt-usim, B4
	TypeISIM                                // isim, B5
	TypeOptISIM                             // opt-isim, B6
	TypePhonebook                           // phonebook, B7
	TypeGSMAccess                           // gsm-access, B8
	TypeCSIM                                // csim, B9
	TypeOptCSIM                             // opt-csim, BA
	TypeEAP                                 // eap, BB
	TypeDF5GS                               // df-5gs, BC
	TypeDFSAIP                              // df-saip, BD
	TypeDFSNPN                              // df-snpn, BE
	TypeDF5GProSe                           // df-5gprose, BF1F
	TypeIoT                                 // iot, BF20
	TypeOptIoT                              // opt-iot, BF21

	// TypeUnknown is a PE whose tag lies beyond the alternatives known here
	// (the CHOICE is extensible). The parser accepts it only when its PEHeader
	// does not carry "mandated".
	TypeUnknown PEType = 0xFF
)

const numKnownTypes = int(TypeOptIoT) + 1

var typeNames = [numKnownTypes]string{
	"header", "genericFileManagement", "pinCodes", "pukCodes", "akaParameter",
	"cdmaParameter", "securityDomain", "rfm", "application", "nonStandard", "end",
	"rfu1", "rfu2", "rfu3", "rfu4", "rfu5",
	"mf", "cd", "telecom", "usim", "opt-usim", "isim", "opt-isim", "phonebook",
	"gsm-access", "csim", "opt-csim", "eap", "df-5gs", "df-saip", "df-snpn",
	"df-5gprose", "iot", "opt-iot",
}

// String returns the ASN.1 identifier of the alternative ("usim", "end").
func (t PEType) String() string {
	if int(t) < numKnownTypes {
		return typeNames[t]
	}
	return "unknown"
}

// Tag returns the encoded tag of the alternative (0xA0 for TypeHeader,
// 0xBF21 for TypeOptIoT); 0 for TypeUnknown.
func (t PEType) Tag() asn1der.Tag {
	if int(t) >= numKnownTypes {
		return 0
	}
	return asn1der.Context(uint32(t), true)
}

// IsFileSystemTemplate reports whether t is one of the file-system PEs built
// from a template (mf .. opt-iot): PEHeader, templateID, then File fields.
func (t PEType) IsFileSystemTemplate() bool {
	return t >= TypeMF && t <= TypeOptIoT
}

// TypeOf maps a PE tag to its alternative. It returns TypeUnknown and true for
// a context-specific constructed tag beyond the known alternatives, and false
// for any tag that cannot be a ProfileElement.
func TypeOf(tag asn1der.Tag) (PEType, bool) {
	if tag.Class() != asn1der.ClassContext || !tag.Constructed() {
		return 0, false
	}
	n := tag.Number()
	if n < uint32(numKnownTypes) {
		return PEType(n), true
	}
	return TypeUnknown, true
}
