package rsp

import (
	"github.com/rspengine/rspengine/asn1der"
)

// Views and builders for the eUICC information objects (SGP.22 v2.5 ES10a/b/c,
// RSP-FACTS §2.1.1, SGP.32 v1.2 additions from §2.4.4 and the post-v2.5
// fields of §2.2).

// MakeKeyIDList appends the elements of a SEQUENCE OF SubjectKeyIdentifier
// (04 L id …) to buf and returns a list over them, for use in builders.
func MakeKeyIDList(buf []byte, ids ...[]byte) KeyIDList {
	start := len(buf)
	for _, id := range ids {
		buf = asn1der.AppendTLV(buf, asn1der.TagOctetString, id)
	}
	return KeyIDList{Contents: buf[start:], Count: len(ids)}
}

// EUICCInfo1 is the eUICC's answer to GetEuiccInfo1 (BF20): the SGP.22 version
// and the CI key identifiers it can verify with and sign under
// (RSP-FACTS §2.1.1, §5.3).
type EUICCInfo1 struct {
	Raw                       []byte
	Svn                       Version   // 82
	CiPKIdListForVerification KeyIDList // A9
	CiPKIdListForSigning      KeyIDList // AA
	Extensions                []byte    // unknown trailing elements, kept as sent
}

// ParseEUICCInfo1 decodes an EUICCInfo1 (BF20), strict DER.
func ParseEUICCInfo1(b []byte) (x EUICCInfo1, err error) {
	if x.parseTopFast(b) {
		return x, nil
	}
	return parseEUICCInfo1Slow(b)
}

func parseEUICCInfo1Slow(b []byte) (EUICCInfo1, error) {
	v, d := top(b, TagEUICCInfo1, asn1der.DER)
	var x EUICCInfo1
	x.parse(&d)
	if d.err != nil {
		return EUICCInfo1{}, parseErr("EUICCInfo1", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

func (x *EUICCInfo1) parse(d *decoder) {
	x.Svn = d.version(0x82)
	x.CiPKIdListForVerification = d.keyIDList(d.expect(0xA9))
	x.CiPKIdListForSigning = d.keyIDList(d.expect(0xAA))
	x.Extensions = d.rest()
}

// AppendEUICCInfo1 appends x as an EUICCInfo1 (BF20).
func AppendEUICCInfo1(dst []byte, x *EUICCInfo1) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagEUICCInfo1)
	dst = asn1der.AppendTLV(dst, 0x82, x.Svn)
	dst = asn1der.AppendTLV(dst, 0xA9, x.CiPKIdListForVerification.Contents)
	dst = asn1der.AppendTLV(dst, 0xAA, x.CiPKIdListForSigning.Contents)
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// RspCapability named bits (RSP-FACTS §2.1.1; 19, 26-28 from §2.2).
const (
	RspCapAdditionalProfile                    = 0
	RspCapCrlSupport                           = 1
	RspCapRpmSupport                           = 2
	RspCapTestProfileSupport                   = 3
	RspCapDeviceInfoExtensibilitySupport       = 4
	RspCapServiceSpecificDataSupport           = 5
	RspCapOsUpdateSupport                      = 19
	RspCapIotSpecificMetadataSupport           = 26
	RspCapMslCheckSupport                      = 27
	RspCapRspServerTestProfileAllowlistSupport = 28
)

// EUICCInfo2 is the eUICC's detailed description (BF22), sent to the SM-DP+
// inside EuiccSigned1 (RSP-FACTS §2.1.1; fields [16]-[21] from the post-v2.5
// and SGP.32 v1.2 modules, §2.2 and §2.4.4). Optional members are nil (or
// Has… false) when absent. Named BIT STRINGs are kept exactly as sent (see
// the package doc).
type EUICCInfo2 struct {
	Raw                       []byte
	ProfileVersion            Version           // 81
	Svn                       Version           // 82
	EuiccFirmwareVer          Version           // 83
	ExtCardResource           []byte            // 84, ETSI TS 102 226
	UICCCapability            asn1der.BitString // 85
	TS102241Version           Version           // 86 OPTIONAL
	GlobalPlatformVersion     Version           // 87 OPTIONAL
	RspCapability             asn1der.BitString // 88
	CiPKIdListForVerification KeyIDList         // A9
	CiPKIdListForSigning      KeyIDList         // AA
	EuiccCategory             int64             // 8B OPTIONAL: other(0), basicEuicc(1), mediumEuicc(2), contactlessEuicc(3)
	HasEuiccCategory          bool              //
	ForbiddenPPRs             asn1der.BitString // 99 OPTIONAL forbiddenProfilePolicyRules (PprIds)
	HasForbiddenPPRs          bool              //
	PpVersion                 Version           // 04 (untagged)
	SasAccreditationNumber    []byte            // 0C (untagged UTF8String, 0..64)
	CertificationDataObject   []byte            // AC OPTIONAL: the whole TLV as parsed (the builder uses the fields below)
	HasCertificationData      bool              // AC present
	PlatformLabel             []byte            // AC/80
	DiscoveryBaseURL          []byte            // AC/81
	CertificationDataExt      []byte            // AC: unknown trailing elements
	TreProperties             asn1der.BitString // 8D OPTIONAL
	HasTreProperties          bool              //
	TreProductReference       []byte            // 8E OPTIONAL UTF8String
	AdditionalProfileVersions []byte            // AF OPTIONAL: the whole SEQUENCE OF VersionType TLV
	IpaMode                   int64             // 90 OPTIONAL (SGP.32 ipaMode; lpaMode in SGP.22 ≥ v2.6)
	HasIpaMode                bool              //
	CiPKIdListForSigningV3    KeyIDList         // B1 OPTIONAL
	HasCiPKIdListForSigningV3 bool              //
	AdditionalEuiccInfo       []byte            // 92 OPTIONAL (0..32 bytes)
	HighestSvn                Version           // 93 OPTIONAL
	IotSpecificInfo           []byte            // B4 OPTIONAL (SGP.32): the whole TLV
	EuiccMinimumSecurityLevel []byte            // 95 OPTIONAL (post-v2.5, 1 byte)
	Extensions                []byte            // unknown trailing elements
}

// Svn etc. are VersionType; ParseEUICCInfo2 decodes a standalone EUICCInfo2
// (BF22), strict DER except for named BIT STRINGs.
func ParseEUICCInfo2(b []byte) (x EUICCInfo2, err error) {
	if x.parseTopFast(b) {
		return x, nil
	}
	return parseEUICCInfo2Slow(b)
}

func parseEUICCInfo2Slow(b []byte) (EUICCInfo2, error) {
	v, d := top(b, TagEUICCInfo2, asn1der.DER)
	var x EUICCInfo2
	x.parse(&d)
	if d.err != nil {
		return EUICCInfo2{}, parseErr("EUICCInfo2", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

func (x *EUICCInfo2) parse(d *decoder) {
	x.ProfileVersion = d.version(0x81)
	x.Svn = d.version(0x82)
	x.EuiccFirmwareVer = d.version(0x83)
	x.ExtCardResource = d.expect(0x84).Value
	x.UICCCapability = d.bits(d.expect(0x85))
	x.TS102241Version = d.optVersion(0x86)
	x.GlobalPlatformVersion = d.optVersion(0x87)
	x.RspCapability = d.bits(d.expect(0x88))
	x.CiPKIdListForVerification = d.keyIDList(d.expect(0xA9))
	x.CiPKIdListForSigning = d.keyIDList(d.expect(0xAA))
	if v, ok := d.optional(0x8B); ok {
		x.EuiccCategory, x.HasEuiccCategory = d.int64(v), true
	}
	if v, ok := d.optional(0x99); ok {
		x.ForbiddenPPRs, x.HasForbiddenPPRs = d.bits(v), true
	}
	x.PpVersion = d.version(asn1der.TagOctetString)
	x.SasAccreditationNumber = d.utf8(d.expect(asn1der.TagUTF8String), MaxSasAccredNum)
	if v, ok := d.optional(0xAC); ok {
		x.CertificationDataObject, x.HasCertificationData = v.Raw, true
		c := d.child(v)
		x.PlatformLabel = c.utf8(c.expect(0x80), -1)
		x.DiscoveryBaseURL = c.utf8(c.expect(0x81), -1)
		x.CertificationDataExt = c.rest()
		d.fail(c.err)
	}
	if v, ok := d.optional(0x8D); ok {
		x.TreProperties, x.HasTreProperties = d.bits(v), true
	}
	if v, ok := d.optional(0x8E); ok {
		x.TreProductReference = d.utf8(v, -1)
	}
	if v, ok := d.optional(0xAF); ok {
		c := d.child(v)
		for c.more() {
			c.sized(c.expect(asn1der.TagOctetString), VersionSize, VersionSize, "VersionType is not 3 bytes")
		}
		d.fail(c.err)
		x.AdditionalProfileVersions = v.Raw
	}
	if v, ok := d.optional(0x90); ok {
		x.IpaMode, x.HasIpaMode = d.int64(v), true
	}
	if v, ok := d.optional(0xB1); ok {
		x.CiPKIdListForSigningV3, x.HasCiPKIdListForSigningV3 = d.keyIDList(v), true
	}
	if v, ok := d.optional(0x92); ok {
		x.AdditionalEuiccInfo = d.sized(v, 0, 32, "additionalEuiccInfo longer than 32 bytes")
	}
	x.HighestSvn = d.optVersion(0x93)
	if v, ok := d.optional(0xB4); ok {
		x.IotSpecificInfo = v.Raw
	}
	if v, ok := d.optional(0x95); ok {
		x.EuiccMinimumSecurityLevel = d.sized(v, 1, 1, "euiccMinimumSecurityLevel is not 1 byte")
	}
	x.Extensions = d.rest()
}

// AppendEUICCInfo2 appends x as an EUICCInfo2 (BF22).
func AppendEUICCInfo2(dst []byte, x *EUICCInfo2) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagEUICCInfo2)
	dst = asn1der.AppendTLV(dst, 0x81, x.ProfileVersion)
	dst = asn1der.AppendTLV(dst, 0x82, x.Svn)
	dst = asn1der.AppendTLV(dst, 0x83, x.EuiccFirmwareVer)
	dst = asn1der.AppendTLV(dst, 0x84, x.ExtCardResource)
	dst = appendBits(dst, 0x85, x.UICCCapability)
	if x.TS102241Version != nil {
		dst = asn1der.AppendTLV(dst, 0x86, x.TS102241Version)
	}
	if x.GlobalPlatformVersion != nil {
		dst = asn1der.AppendTLV(dst, 0x87, x.GlobalPlatformVersion)
	}
	dst = appendBits(dst, 0x88, x.RspCapability)
	dst = asn1der.AppendTLV(dst, 0xA9, x.CiPKIdListForVerification.Contents)
	dst = asn1der.AppendTLV(dst, 0xAA, x.CiPKIdListForSigning.Contents)
	if x.HasEuiccCategory {
		dst = asn1der.AppendInt64(dst, 0x8B, x.EuiccCategory)
	}
	if x.HasForbiddenPPRs {
		dst = appendBits(dst, 0x99, x.ForbiddenPPRs)
	}
	dst = asn1der.AppendTLV(dst, asn1der.TagOctetString, x.PpVersion)
	dst = asn1der.AppendTLV(dst, asn1der.TagUTF8String, x.SasAccreditationNumber)
	if x.HasCertificationData {
		var m asn1der.Mark
		dst, m = asn1der.AppendBegin(dst, 0xAC)
		dst = asn1der.AppendTLV(dst, 0x80, x.PlatformLabel)
		dst = asn1der.AppendTLV(dst, 0x81, x.DiscoveryBaseURL)
		dst = append(dst, x.CertificationDataExt...)
		dst = asn1der.AppendEnd(dst, m)
	}
	if x.HasTreProperties {
		dst = appendBits(dst, 0x8D, x.TreProperties)
	}
	if x.TreProductReference != nil {
		dst = asn1der.AppendTLV(dst, 0x8E, x.TreProductReference)
	}
	dst = append(dst, x.AdditionalProfileVersions...)
	if x.HasIpaMode {
		dst = asn1der.AppendInt64(dst, 0x90, x.IpaMode)
	}
	if x.HasCiPKIdListForSigningV3 {
		dst = asn1der.AppendTLV(dst, 0xB1, x.CiPKIdListForSigningV3.Contents)
	}
	if x.AdditionalEuiccInfo != nil {
		dst = asn1der.AppendTLV(dst, 0x92, x.AdditionalEuiccInfo)
	}
	if x.HighestSvn != nil {
		dst = asn1der.AppendTLV(dst, 0x93, x.HighestSvn)
	}
	dst = append(dst, x.IotSpecificInfo...)
	if x.EuiccMinimumSecurityLevel != nil {
		dst = asn1der.AppendTLV(dst, 0x95, x.EuiccMinimumSecurityLevel)
	}
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// GetEuiccChallengeResponse (BF2E) carries the eUICC's 16-byte challenge.
type GetEuiccChallengeResponse struct {
	Raw            []byte
	EuiccChallenge []byte // 80, 16 bytes
}

// ParseGetEuiccChallengeResponse decodes BF2E { 80 10 challenge }.
func ParseGetEuiccChallengeResponse(b []byte) (GetEuiccChallengeResponse, error) {
	v, d := top(b, TagGetEuiccChallenge, asn1der.DER)
	x := GetEuiccChallengeResponse{Raw: v.Raw}
	x.EuiccChallenge = d.octets(0x80, ChallengeSize, ChallengeSize, "euiccChallenge is not 16 bytes")
	d.rest()
	if d.err != nil {
		return GetEuiccChallengeResponse{}, parseErr("GetEuiccChallengeResponse", d.err)
	}
	return x, nil
}

// AppendGetEuiccChallengeResponse appends BF2E { 80 10 challenge }.
func AppendGetEuiccChallengeResponse(dst []byte, challenge []byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagGetEuiccChallenge)
	dst = asn1der.AppendTLV(dst, 0x80, challenge)
	return asn1der.AppendEnd(dst, mk)
}

// GetEuiccDataRequest (BF3E) asks for the EID: tagList 5C 01 5A.
type GetEuiccDataRequest struct {
	Raw     []byte
	TagList []byte // 5C, 1 byte; SGP.22 requires 5A
}

// ParseGetEuiccDataRequest decodes BF3E { 5C 01 tag }. mode is DER or BER
// (the eUICC side).
func ParseGetEuiccDataRequest(b []byte, mode asn1der.Mode) (GetEuiccDataRequest, error) {
	v, d := top(b, TagGetEuiccData, mode)
	x := GetEuiccDataRequest{Raw: v.Raw}
	x.TagList = d.octets(TagTagList, 1, 1, "tagList is not 1 byte")
	d.rest()
	if d.err != nil {
		return GetEuiccDataRequest{}, parseErr("GetEuiccDataRequest", d.err)
	}
	return x, nil
}

// AppendGetEuiccDataRequest appends BF3E 03 5C 01 5A.
func AppendGetEuiccDataRequest(dst []byte) []byte {
	return append(dst, 0xBF, 0x3E, 0x03, 0x5C, 0x01, 0x5A)
}

// GetEuiccDataResponse (BF3E) carries the EID.
type GetEuiccDataResponse struct {
	Raw []byte
	EID []byte // 5A, 16 bytes
}

// ParseGetEuiccDataResponse decodes BF3E { 5A 10 eid }.
func ParseGetEuiccDataResponse(b []byte) (GetEuiccDataResponse, error) {
	v, d := top(b, TagGetEuiccData, asn1der.DER)
	x := GetEuiccDataResponse{Raw: v.Raw}
	x.EID = d.octets(TagEID, EIDSize, EIDSize, "eidValue is not 16 bytes")
	d.rest()
	if d.err != nil {
		return GetEuiccDataResponse{}, parseErr("GetEuiccDataResponse", d.err)
	}
	return x, nil
}

// AppendGetEuiccDataResponse appends BF3E { 5A 10 eid }.
func AppendGetEuiccDataResponse(dst []byte, eid []byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagGetEuiccData)
	dst = asn1der.AppendTLV(dst, TagEID, eid)
	return asn1der.AppendEnd(dst, mk)
}

// EuiccConfiguredAddressesResponse (BF3C): the default SM-DP+ address
// (optional) and the root SM-DS address, as FQDNs.
type EuiccConfiguredAddressesResponse struct {
	Raw              []byte
	DefaultDpAddress []byte // 80 OPTIONAL; nil when absent
	RootDsAddress    []byte // 81
	Extensions       []byte
}

// ParseEuiccConfiguredAddressesResponse decodes BF3C { [80 dp] 81 ds }.
func ParseEuiccConfiguredAddressesResponse(b []byte) (EuiccConfiguredAddressesResponse, error) {
	v, d := top(b, TagEuiccConfiguredAddresses, asn1der.DER)
	x := EuiccConfiguredAddressesResponse{Raw: v.Raw}
	if t, ok := d.optional(0x80); ok {
		x.DefaultDpAddress = d.utf8(t, -1)
	}
	x.RootDsAddress = d.utf8(d.expect(0x81), -1)
	x.Extensions = d.rest()
	if d.err != nil {
		return EuiccConfiguredAddressesResponse{}, parseErr("EuiccConfiguredAddressesResponse", d.err)
	}
	return x, nil
}

// AppendEuiccConfiguredAddressesResponse appends x (BF3C).
func AppendEuiccConfiguredAddressesResponse(dst []byte, x *EuiccConfiguredAddressesResponse) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagEuiccConfiguredAddresses)
	if x.DefaultDpAddress != nil {
		dst = asn1der.AppendTLV(dst, 0x80, x.DefaultDpAddress)
	}
	dst = asn1der.AppendTLV(dst, 0x81, x.RootDsAddress)
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}
