// Package saip reads and writes the unprotected profile package (UPP) of
// GSMA RSP: the SIMalliance/TCA "eUICC Profile Package: Interoperable Format
// Technical Specification" (SAIP), ASN.1 module PEDefinitions version three
// (../shared/spec/asn1/PEDefinitions.asn). It is what an eUICC model needs to
// install a profile from the bytes the BPP loader unprotects (SGP.22 v2.5
// ES8+.LoadProfileElements; section numbers of the SGP.22 prose are [MEM]),
// and what an SM-DP+ needs to generate a small test profile of its own.
//
// # Profile elements
//
// A UPP is a concatenation of ProfileElement TLVs, a CHOICE under AUTOMATIC
// TAGS: the n-th alternative is the context-specific constructed tag [n]
// (header A0, genericFileManagement A1, pinCodes A2, pukCodes A3,
// akaParameter A4, ... end AA, rfu1..rfu5 AB..AF, mf B0, cd B1, telecom B2,
// usim B3, opt-usim B4, isim B5, ... df-snpn BE, df-5gprose BF1F, iot BF20,
// opt-iot BF21); see PEType. The numbering was derived from the CHOICE order
// in the module and checked against the GSMA TS.48 generic test profiles
// (five packages, SAIP 2.1 and 2.3, all of whose PE tags and template OIDs it
// explains).
//
// Parser takes the package in chunks of any size (the eUICC receives it in
// STORE DATA segments that cut PEs anywhere), checks each complete PE and
// hands it to a callback; it buffers at most one incomplete PE and reuses its
// buffer. Walk does the same for a package in memory. Every failure is an
// *Error carrying the PE index, the byte offset, a reason and the PEStatus
// code that fits (bad-values, invalid-request-format, pe-not-supported,
// unsupported-profile-version); errors.Is(err, ErrPEProcessing) holds for all
// of them, and the eUICC reports installFailedDueToPEProcessingError
// (ErrorReasonPEProcessing, 12).
//
// # What is checked
//
//   - TLV syntax of every byte: each PE is one TLV whose constructed
//     elements are walked to the bottom (depth bound 32), in strict DER or in
//     BER (non-minimal lengths; indefinite lengths inside PEs — the PE's own
//     length must then be found by scanning). The TS.48 packages, including
//     the "BERTLV" variants, are strict DER: "BERTLV" names the BER-TLV file
//     type (ServicesList ber-tlv), not a BER encoding.
//   - package rules: ProfileHeader first and only once, End last, nothing
//     after End, no truncated PE at Close.
//   - ProfileHeader: major-version 2 or 3 (else unsupported-profile-version),
//     minor-version, profileType UTF-8 1..100 bytes, iccid 10 BCD bytes,
//     ServicesList elements NULL in increasing tag order, GFSTE list of valid
//     OBJECT IDENTIFIERs, mandatory AIDs and iotOptions sizes.
//   - PEHeader of every other PE (mandated NULL, identification UInt15).
//     Unknown PEs (the CHOICE is extensible) are accepted unless mandated;
//     rfu1..rfu5 are rejected as pe-not-supported.
//   - akaParameter: algoConfiguration (mappingParameter or algoParameter),
//     algorithmID milenage (key and OPc 16 bytes), TUAK (key 16 or 32, TOPc
//     32) or usim-test-algorithm (key 16), sizes of the constants, sqn
//     options and the 32 sqnInit values.
//   - template file-system PEs (mf .. opt-iot): templateID OID, File fields in
//     increasing tag order, each a list of doNotCreate / Fcp / fillFileOffset
//     (UInt16) / fillFileContent; the mandatory files of PE-MF and PE-USIM.
//   - genericFileManagement, pinCodes, pukCodes and nonStandard: their
//     structure and value sizes.
//
// Elements after the known fields of a SEQUENCE are accepted when they carry
// higher context tags (EXTENSIBILITY IMPLIED). DEFAULT values encoded
// explicitly are accepted even in DER mode.
//
// # Views and helpers
//
// ProfileHeader (with ICCID and ServicesList), AKAParameter, MF (EF-ICCID)
// and USIM (ADF AID, EF-IMSI) are views holding sub-slices of the PE.
// ICCIDFromDigits / ICCIDDigits convert between digits and the EFiccid coding
// (ETSI TS 102 221 §13.2: swapped-nibble BCD, F-padded, 10 bytes) with Luhn
// check digit generation and validation (LuhnCheckDigit, LuhnValid);
// IMSIFromDigits / IMSIDigits do the same for EF_IMSI (3GPP TS 31.102
// §4.2.2).
//
// The ProfileHeader iccid coding: all five TS.48 packages code it as plain
// BCD (89 00 01 23 45 67 89 01 23 41 for ICCID 89000123456789012341) while
// their EF-ICCID holds the EFiccid coding (98 00 10 32 ...). The SAIP text
// itself was not available here; this package follows the packages: the
// generator writes plain BCD in the header, and ProfileHeader.MatchesICCID
// compares the header with an SGP.22 Iccid (EFiccid coding) accepting
// either coding.
//
// # Generator
//
// AppendDefaultProfile writes a minimal package — ProfileHeader (version
// 2.3, as the newer TS.48 packages; an eUICC announces the SAIP version it
// supports in EUICCInfo2.profileVersion), mf, usim with EF-IMSI, akaParameter
// (Milenage) and end — deterministic for given ProfileParams, shaped like the
// TS.48 packages (mandated PEHeaders, the same template OIDs and file
// codings) but with template-default (empty) Files wherever the TS.48
// packages spell out contents the model does not use.
//
// # Left out
//
// File-system semantics (templates are not expanded, Fcp contents, file
// sizes, record structures, fill patterns, links and paths are not
// interpreted), applications and load files, security domains and their keys,
// RFM, CDMA parameters, the PEStatus/EUICCResponse encoding, uniqueness of PE
// identification numbers, and cross-PE consistency (PIN references, ICCID in
// EF-ICCID vs the header) beyond what the views expose.
package saip
