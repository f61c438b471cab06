package rsp

import (
	"iter"

	"github.com/rspengine/rspengine/asn1der"
)

// The Bound Profile Package and the ES8+ commands it carries (SGP.22 v2.5
// §2.5.5, §5.5; RSP-FACTS §2.1.4, §4.5, tagging §2.7, signed data §3.2).
// These are decoded on the eUICC, so each parser has a Mode variant: with
// asn1der.BER it accepts what an LPA or SM-DP+ sent loosely (RSP-FACTS §2.7).

// ControlRefTemplate is the key agreement CRT inside
// InitialiseSecureChannelRequest: A6 { 80 keyType, 81 keyLen, 84 hostId }.
// The view does not check the values: an eUICC answers unsupportedCrtValues(4)
// itself when keyType is not 88 or keyLen not 10 (RSP-FACTS §4.5).
type ControlRefTemplate struct {
	Raw        []byte // the whole A6 TLV
	KeyType    []byte // 80, 1 byte (AES = 88)
	KeyLen     []byte // 81, 1 byte (10)
	HostID     []byte // 84, 1..16 bytes
	Extensions []byte
}

// InitialiseSecureChannelRequest (BF23) opens the BSP session (RSP-FACTS §2.1.4).
type InitialiseSecureChannelRequest struct {
	Raw                []byte
	RemoteOpID         int64              // 82: installBoundProfilePackage(1); not checked here
	TransactionID      []byte             // 80
	ControlRefTemplate ControlRefTemplate // A6
	SmdpOtpk           []byte             // 5F49: otPK.DP.ECKA
	SmdpSign           []byte             // 5F37 value, 64 bytes
	SmdpSignDO         []byte             // the whole 5F37 DO
	// SignedPart is the contents of BF23 before smdpSign: 82 … 80 … A6 … 5F49 ….
	// smdpSign covers SignedPart ‖ 5F49 L euiccOtpk (RSP-FACTS §3.2); see
	// AppendSmdpSignInput.
	SignedPart []byte
	Extensions []byte // unknown elements after smdpSign
}

// AppendSmdpSignInput appends the bytes smdpSign covers: x.SignedPart ‖
// 5F49 L euiccOtpk, where euiccOtpk is the eUICC's one-time key from
// EuiccSigned2.
func (x *InitialiseSecureChannelRequest) AppendSmdpSignInput(dst, euiccOtpk []byte) []byte {
	dst = append(dst, x.SignedPart...)
	return asn1der.AppendTLV(dst, TagEuiccOtpk, euiccOtpk)
}

func (x *InitialiseSecureChannelRequest) parse(d *decoder, contents []byte) {
	start := d.offset()
	x.RemoteOpID = d.int64(d.expect(0x82))
	x.TransactionID = d.transactionID(0x80)
	crt := d.expect(0xA6)
	c := d.child(crt)
	x.ControlRefTemplate.Raw = crt.Raw
	x.ControlRefTemplate.KeyType = c.octets(0x80, 1, 1, "keyType is not 1 byte")
	x.ControlRefTemplate.KeyLen = c.octets(0x81, 1, 1, "keyLen is not 1 byte")
	x.ControlRefTemplate.HostID = c.octets(0x84, 1, MaxHostID, "hostId is not 1 to 16 bytes")
	x.ControlRefTemplate.Extensions = c.rest()
	d.fail(c.err)
	x.SmdpOtpk = d.octets(TagSmdpOtpk, 1, 255, "smdpOtpk is empty")
	signStart := d.offset()
	x.SmdpSign, x.SmdpSignDO = d.signature()
	if d.ok() {
		x.SignedPart = contents[:signStart-start]
	}
	x.Extensions = d.rest()
}

// ParseInitialiseSecureChannelRequest decodes BF23 in strict DER.
func ParseInitialiseSecureChannelRequest(b []byte) (InitialiseSecureChannelRequest, error) {
	return ParseInitialiseSecureChannelRequestMode(b, asn1der.DER)
}

// ParseInitialiseSecureChannelRequestMode decodes BF23 in the given mode.
func ParseInitialiseSecureChannelRequestMode(b []byte, mode asn1der.Mode) (InitialiseSecureChannelRequest, error) {
	v, d := top(b, TagInitialiseSecureChannel, mode)
	var x InitialiseSecureChannelRequest
	x.parse(&d, v.Value)
	if d.err != nil {
		return InitialiseSecureChannelRequest{}, parseErr("InitialiseSecureChannelRequest", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// AppendISCRSignedPart appends the members of an InitialiseSecureChannelRequest
// that precede smdpSign (82 01 remoteOpId, 80 tid, A6 crt, 5F49 smdpOtpk),
// i.e. what an SM-DP+ signs (followed by 5F49 euiccOtpk) before it wraps them.
func AppendISCRSignedPart(dst []byte, x *InitialiseSecureChannelRequest) []byte {
	dst = asn1der.AppendInt64(dst, 0x82, x.RemoteOpID)
	dst = asn1der.AppendTLV(dst, 0x80, x.TransactionID)
	var m asn1der.Mark
	dst, m = asn1der.AppendBegin(dst, 0xA6)
	dst = asn1der.AppendTLV(dst, 0x80, x.ControlRefTemplate.KeyType)
	dst = asn1der.AppendTLV(dst, 0x81, x.ControlRefTemplate.KeyLen)
	dst = asn1der.AppendTLV(dst, 0x84, x.ControlRefTemplate.HostID)
	dst = append(dst, x.ControlRefTemplate.Extensions...)
	dst = asn1der.AppendEnd(dst, m)
	return asn1der.AppendTLV(dst, TagSmdpOtpk, x.SmdpOtpk)
}

// AppendInitialiseSecureChannelRequest appends x (BF23) from its fields
// (SignedPart and Raw are ignored).
func AppendInitialiseSecureChannelRequest(dst []byte, x *InitialiseSecureChannelRequest) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagInitialiseSecureChannel)
	dst = AppendISCRSignedPart(dst, x)
	dst = asn1der.AppendTLV(dst, TagSignature, x.SmdpSign)
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// BoundProfilePackage (BF36) as the LPA receives it from the SM-DP+ and
// splits it for the eUICC (RSP-FACTS §4.5):
//
//	BF36 L
//	  BF23 InitialiseSecureChannelRequest
//	  A0 firstSequenceOf87  (87 ConfigureISDP, encrypted+MACed)
//	  A1 sequenceOf88       (88 StoreMetadata, MACed)
//	  A2 secondSequenceOf87 OPTIONAL (87 ReplaceSessionKeys)
//	  A3 sequenceOf86       (86 profile elements)
//
// The segment lists are checked to contain only their element tag; the
// segments themselves are iterated with SegmentList.All.
type BoundProfilePackage struct {
	Raw                            []byte
	Header                         []byte // BF36 L alone
	InitialiseSecureChannelRequest InitialiseSecureChannelRequest
	FirstSequenceOf87              SegmentList // A0 of 87
	SequenceOf88                   SegmentList // A1 of 88
	SecondSequenceOf87             SegmentList // A2 of 87, OPTIONAL (Present() false when absent)
	SequenceOf86                   SegmentList // A3 of 86
	Extensions                     []byte
}

// FirstSegment returns BF36 L together with the whole BF23 TLV: the first
// piece an LPA sends in ES10b.LoadBoundProfilePackage (RSP-FACTS §4.5).
func (x *BoundProfilePackage) FirstSegment() []byte {
	return x.Raw[:len(x.Header)+len(x.InitialiseSecureChannelRequest.Raw)]
}

func (x *BoundProfilePackage) parse(d *decoder) {
	iscr := d.expect(TagInitialiseSecureChannel)
	c := d.child(iscr)
	x.InitialiseSecureChannelRequest.parse(&c, iscr.Value)
	d.fail(c.err)
	x.InitialiseSecureChannelRequest.Raw = iscr.Raw
	x.FirstSequenceOf87 = d.segments(d.expect(0xA0), 0x87)
	x.SequenceOf88 = d.segments(d.expect(0xA1), 0x88)
	if v, ok := d.optional(0xA2); ok {
		x.SecondSequenceOf87 = d.segments(v, 0x87)
	}
	x.SequenceOf86 = d.segments(d.expect(0xA3), 0x86)
	x.Extensions = d.rest()
}

// ParseBoundProfilePackage decodes a BF36 in strict DER.
func ParseBoundProfilePackage(b []byte) (BoundProfilePackage, error) {
	return ParseBoundProfilePackageMode(b, asn1der.DER)
}

// ParseBoundProfilePackageMode decodes a BF36 in the given mode.
func ParseBoundProfilePackageMode(b []byte, mode asn1der.Mode) (BoundProfilePackage, error) {
	v, d := top(b, TagBoundProfilePackage, mode)
	var x BoundProfilePackage
	x.parse(&d)
	if d.err != nil {
		return BoundProfilePackage{}, parseErr("BoundProfilePackage", d.err)
	}
	x.Raw = v.Raw
	x.Header = v.Raw[:v.Header]
	return x, nil
}

// AppendBoundProfilePackage appends x (BF36): the ISCR from its fields and
// the segment lists as they are.
func AppendBoundProfilePackage(dst []byte, x *BoundProfilePackage) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagBoundProfilePackage)
	dst = AppendInitialiseSecureChannelRequest(dst, &x.InitialiseSecureChannelRequest)
	dst = asn1der.AppendTLV(dst, 0xA0, x.FirstSequenceOf87.Contents)
	dst = asn1der.AppendTLV(dst, 0xA1, x.SequenceOf88.Contents)
	if x.SecondSequenceOf87.Present() {
		dst = asn1der.AppendTLV(dst, 0xA2, x.SecondSequenceOf87.Contents)
	}
	dst = asn1der.AppendTLV(dst, 0xA3, x.SequenceOf86.Contents)
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// ConfigureISDPRequest (BF24 { [B8 dpProprietaryData { 80 dpOid … }] }).
//
// DpProprietaryData is a SEQUENCE under AUTOMATIC TAGS with no tagged
// component, so dpOid is [0] IMPLICIT: tag 80, not the universal 06. The
// builder writes 80 and strict DER accepts only 80; BER mode also accepts a
// universal 06 dpOid, for interoperability with encoders that missed the
// automatic tag (earlier builds of this package among them).
type ConfigureISDPRequest struct {
	Raw                  []byte
	DpProprietaryDataRaw []byte // B8 OPTIONAL: the whole TLV, nil when absent
	DpOid                []byte // B8/80: OID contents octets
	DpExtra              []byte // B8: data objects after dpOid, kept as sent
	Extensions           []byte
}

// ParseConfigureISDPRequest decodes BF24 in strict DER.
func ParseConfigureISDPRequest(b []byte) (ConfigureISDPRequest, error) {
	return ParseConfigureISDPRequestMode(b, asn1der.DER)
}

// ParseConfigureISDPRequestMode decodes BF24 in the given mode.
func ParseConfigureISDPRequestMode(b []byte, mode asn1der.Mode) (ConfigureISDPRequest, error) {
	v, d := top(b, TagConfigureISDP, mode)
	x := ConfigureISDPRequest{}
	if t, ok := d.optional(0xB8); ok {
		if len(t.Raw) > 128 {
			d.fail(badValueErr(t, "dpProprietaryData longer than 128 bytes"))
		}
		x.DpProprietaryDataRaw = t.Raw
		c := d.child(t)
		x.DpOid = c.oid(dpOidTag(c.peek(), mode))
		x.DpExtra = c.rest()
		d.fail(c.err)
	}
	x.Extensions = d.rest()
	if d.err != nil {
		return ConfigureISDPRequest{}, parseErr("ConfigureISDPRequest", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// dpOidTag is the tag a dpOid must carry: 80 ([0] IMPLICIT under AUTOMATIC
// TAGS), or in BER mode also a universal 06 when that is what comes next.
func dpOidTag(next asn1der.Tag, m asn1der.Mode) asn1der.Tag {
	if m == asn1der.BER && next == asn1der.TagOID {
		return asn1der.TagOID
	}
	return 0x80
}

// AppendConfigureISDPRequest appends x (BF24).
func AppendConfigureISDPRequest(dst []byte, x *ConfigureISDPRequest) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagConfigureISDP)
	if x.DpOid != nil {
		var m asn1der.Mark
		dst, m = asn1der.AppendBegin(dst, 0xB8)
		dst = asn1der.AppendOID(dst, 0x80, x.DpOid)
		dst = append(dst, x.DpExtra...)
		dst = asn1der.AppendEnd(dst, m)
	}
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// ProfileClass values (RSP-FACTS §2.1.4).
const (
	ProfileClassTest         = 0
	ProfileClassProvisioning = 1
	ProfileClassOperational  = 2 // the DEFAULT of StoreMetadataRequest.profileClass
)

// StoreMetadataRequest (BF25) is the profile metadata (RSP-FACTS §2.1.4 with
// the SGP.32 v1.2 members ecallIndication [123] 9F7B and fallbackAllowed
// [103] 9F67, §2.4.4, and the post-v2.5 iotSpecificMetadata [100] BF64, §2.2).
// It reaches the eUICC MACed inside 88 segments and the LPA in
// AuthenticateClientOk.profileMetaData.
type StoreMetadataRequest struct {
	Raw                           []byte
	ICCID                         []byte            // 5A, 10 bytes
	ServiceProviderName           []byte            // 91, 0..32
	ProfileName                   []byte            // 92, 0..64
	IconType                      int64             // 93 OPTIONAL: jpg(0), png(1)
	HasIconType                   bool              //
	Icon                          []byte            // 94 OPTIONAL, 0..1024; nil when absent
	ProfileClass                  int64             // 95 DEFAULT operational(2); meaningful when HasProfileClass (see Class)
	HasProfileClass               bool              // 95 present on the wire (DER forbids it carrying operational)
	NotificationConfigurationInfo SegmentList       // B6 OPTIONAL SEQUENCE OF NotificationConfigurationInformation (each 30 { 80 event, 81 address })
	ProfileOwnerRaw               []byte            // B7 OPTIONAL OperatorId: the whole TLV
	ProfileOwnerMccMnc            []byte            // B7/80, 3 bytes
	ProfileOwnerGid1              []byte            // B7/81 OPTIONAL
	ProfileOwnerGid2              []byte            // B7/82 OPTIONAL
	ProfileOwnerExt               []byte            // B7: unknown trailing elements
	ProfilePolicyRules            asn1der.BitString // 99 OPTIONAL PprIds
	HasProfilePolicyRules         bool              //
	ServiceSpecificDataStored     []byte            // BF22 OPTIONAL: the whole TLV
	ServiceSpecificDataNotStored  []byte            // BF23 OPTIONAL: the whole TLV
	EcallIndication               bool              // 9F7B OPTIONAL (SGP.32)
	HasEcallIndication            bool              //
	FallbackAllowed               bool              // 9F67 OPTIONAL (SGP.32)
	HasFallbackAllowed            bool              //
	IotSpecificMetadata           []byte            // BF64 OPTIONAL: the whole TLV
	Extensions                    []byte
}

func (x *StoreMetadataRequest) parse(d *decoder) {
	x.ICCID = d.octets(TagICCID, ICCIDSize, ICCIDSize, "iccid is not 10 bytes")
	x.ServiceProviderName = d.utf8(d.expect(TagServiceProviderName), MaxServiceProviderName)
	x.ProfileName = d.utf8(d.expect(TagProfileName), MaxProfileName)
	if t, ok := d.optional(TagIconType); ok {
		x.IconType, x.HasIconType = d.int64(t), true
	}
	if t, ok := d.optional(TagIcon); ok {
		x.Icon = d.sized(t, 0, MaxIcon, "icon longer than 1024 bytes")
	}
	if t, ok := d.optional(TagProfileClass); ok {
		x.ProfileClass, x.HasProfileClass = d.int64(t), true
		if d.ok() && x.ProfileClass == ProfileClassOperational && d.mode() == asn1der.DER {
			d.fail(badValueErr(t, "profileClass equal to its DEFAULT operational must be omitted in DER"))
		}
	}
	if t, ok := d.optional(TagNotificationConfigurationInfo); ok {
		x.NotificationConfigurationInfo = d.segments(t, asn1der.TagSequence)
	}
	if t, ok := d.optional(TagProfileOwner); ok {
		x.ProfileOwnerRaw = t.Raw
		c := d.child(t)
		x.ProfileOwnerMccMnc = c.octets(0x80, 3, 3, "mccMnc is not 3 bytes")
		if g, ok := c.optional(0x81); ok {
			x.ProfileOwnerGid1 = g.Value
		}
		if g, ok := c.optional(0x82); ok {
			x.ProfileOwnerGid2 = g.Value
		}
		x.ProfileOwnerExt = c.rest()
		d.fail(c.err)
	}
	if t, ok := d.optional(TagProfilePolicyRules); ok {
		x.ProfilePolicyRules, x.HasProfilePolicyRules = d.bits(t), true
	}
	if t, ok := d.optional(TagServiceSpecificDataStoredInEuicc); ok {
		x.ServiceSpecificDataStored = t.Raw
	}
	if t, ok := d.optional(TagServiceSpecificDataNotStoredInEuicc); ok {
		x.ServiceSpecificDataNotStored = t.Raw
	}
	if t, ok := d.optional(TagEcallIndication); ok {
		x.EcallIndication, x.HasEcallIndication = d.bool(t), true
	}
	if t, ok := d.optional(TagFallbackAllowed); ok {
		x.FallbackAllowed, x.HasFallbackAllowed = d.bool(t), true
	}
	if t, ok := d.optional(TagIotSpecificMetadata); ok {
		x.IotSpecificMetadata = t.Raw
	}
	x.Extensions = d.rest()
}

// ParseStoreMetadataRequest decodes BF25 in strict DER.
func ParseStoreMetadataRequest(b []byte) (StoreMetadataRequest, error) {
	return ParseStoreMetadataRequestMode(b, asn1der.DER)
}

// ParseStoreMetadataRequestMode decodes BF25 in the given mode. An eUICC
// should use BER: the metadata is MACed as the SM-DP+ encoded it
// (RSP-FACTS §2.7).
func ParseStoreMetadataRequestMode(b []byte, mode asn1der.Mode) (StoreMetadataRequest, error) {
	v, d := top(b, TagStoreMetadata, mode)
	var x StoreMetadataRequest
	x.parse(&d)
	if d.err != nil {
		return StoreMetadataRequest{}, parseErr("StoreMetadataRequest", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// Class returns the effective profileClass: the value sent, or the DEFAULT
// operational(2) when absent.
func (x *StoreMetadataRequest) Class() int64 {
	if x.HasProfileClass {
		return x.ProfileClass
	}
	return ProfileClassOperational
}

// AppendStoreMetadataRequest appends x (BF25) in DER: profileClass is
// written only when HasProfileClass is set and the value is not the DEFAULT
// operational.
func AppendStoreMetadataRequest(dst []byte, x *StoreMetadataRequest) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagStoreMetadata)
	dst = asn1der.AppendTLV(dst, TagICCID, x.ICCID)
	dst = asn1der.AppendTLV(dst, TagServiceProviderName, x.ServiceProviderName)
	dst = asn1der.AppendTLV(dst, TagProfileName, x.ProfileName)
	if x.HasIconType {
		dst = asn1der.AppendInt64(dst, TagIconType, x.IconType)
	}
	if x.Icon != nil {
		dst = asn1der.AppendTLV(dst, TagIcon, x.Icon)
	}
	if x.HasProfileClass && x.ProfileClass != ProfileClassOperational {
		dst = asn1der.AppendInt64(dst, TagProfileClass, x.ProfileClass)
	}
	if x.NotificationConfigurationInfo.Present() {
		dst = asn1der.AppendTLV(dst, TagNotificationConfigurationInfo, x.NotificationConfigurationInfo.Contents)
	}
	if x.ProfileOwnerMccMnc != nil {
		var m asn1der.Mark
		dst, m = asn1der.AppendBegin(dst, TagProfileOwner)
		dst = asn1der.AppendTLV(dst, 0x80, x.ProfileOwnerMccMnc)
		if x.ProfileOwnerGid1 != nil {
			dst = asn1der.AppendTLV(dst, 0x81, x.ProfileOwnerGid1)
		}
		if x.ProfileOwnerGid2 != nil {
			dst = asn1der.AppendTLV(dst, 0x82, x.ProfileOwnerGid2)
		}
		dst = append(dst, x.ProfileOwnerExt...)
		dst = asn1der.AppendEnd(dst, m)
	}
	if x.HasProfilePolicyRules {
		dst = appendBits(dst, TagProfilePolicyRules, x.ProfilePolicyRules)
	}
	dst = append(dst, x.ServiceSpecificDataStored...)
	dst = append(dst, x.ServiceSpecificDataNotStored...)
	if x.HasEcallIndication {
		dst = asn1der.AppendBool(dst, TagEcallIndication, x.EcallIndication)
	}
	if x.HasFallbackAllowed {
		dst = asn1der.AppendBool(dst, TagFallbackAllowed, x.FallbackAllowed)
	}
	dst = append(dst, x.IotSpecificMetadata...)
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// ReplaceSessionKeysRequest (BF26 { 80 initialMacChainingValue, 81 ppkEnc,
// 82 ppkCmac }), carried encrypted in the second sequence of 87
// (RSP-FACTS §2.7, §4.5).
type ReplaceSessionKeysRequest struct {
	Raw                     []byte
	InitialMacChainingValue []byte // 80
	PpkEnc                  []byte // 81
	PpkCmac                 []byte // 82
	Extensions              []byte
}

// ParseReplaceSessionKeysRequest decodes BF26 in strict DER.
func ParseReplaceSessionKeysRequest(b []byte) (ReplaceSessionKeysRequest, error) {
	return ParseReplaceSessionKeysRequestMode(b, asn1der.DER)
}

// ParseReplaceSessionKeysRequestMode decodes BF26 in the given mode.
func ParseReplaceSessionKeysRequestMode(b []byte, mode asn1der.Mode) (ReplaceSessionKeysRequest, error) {
	v, d := top(b, TagReplaceSessionKeys, mode)
	var x ReplaceSessionKeysRequest
	x.InitialMacChainingValue = d.expect(0x80).Value
	x.PpkEnc = d.expect(0x81).Value
	x.PpkCmac = d.expect(0x82).Value
	x.Extensions = d.rest()
	if d.err != nil {
		return ReplaceSessionKeysRequest{}, parseErr("ReplaceSessionKeysRequest", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// AppendReplaceSessionKeysRequest appends BF26 { 80 mcv, 81 ppkEnc, 82 ppkCmac }.
func AppendReplaceSessionKeysRequest(dst, initialMacChainingValue, ppkEnc, ppkCmac []byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagReplaceSessionKeys)
	dst = asn1der.AppendTLV(dst, 0x80, initialMacChainingValue)
	dst = asn1der.AppendTLV(dst, 0x81, ppkEnc)
	dst = asn1der.AppendTLV(dst, 0x82, ppkCmac)
	return asn1der.AppendEnd(dst, mk)
}

// ProfileOwner returns profileOwner as the OperatorId of the profile
// management views; ok is false when absent.
func (x *StoreMetadataRequest) ProfileOwner() (o OperatorId, ok bool) {
	if x.ProfileOwnerMccMnc == nil {
		return OperatorId{}, false
	}
	return OperatorId{MccMnc: x.ProfileOwnerMccMnc, Gid1: x.ProfileOwnerGid1, Gid2: x.ProfileOwnerGid2}, true
}

// PPRs returns profilePolicyRules as a PprIds mask (0 when absent).
func (x *StoreMetadataRequest) PPRs() PprIds {
	return PprIds(x.ProfilePolicyRules.NamedBitsMask())
}

// NotificationConfigurations yields each notificationConfigurationInfo entry
// decoded, or the error of the first malformed one.
func (x *StoreMetadataRequest) NotificationConfigurations() iter.Seq2[NotificationConfigurationInformation, error] {
	return func(yield func(NotificationConfigurationInformation, error) bool) {
		for t := range x.NotificationConfigurationInfo.All() {
			n, err := parseNotificationConfigurationInformation(t, x.NotificationConfigurationInfo.Mode)
			if !yield(n, err) || err != nil {
				return
			}
		}
	}
}
