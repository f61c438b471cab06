package rsp

import "github.com/rspengine/rspengine/asn1der"

// Local profile management (SGP.22 ES10c, RSP-FACTS §2.1.5, §6.1) with the
// SGP.32 V1.2 ProfileInfo members (RSP-FACTS §2.4.4): GetProfilesInfo,
// EnableProfile, DisableProfile, DeleteProfile, SetNickname, GetRAT,
// eUICCMemoryReset (SGP.22 BF34 and SGP.32 V1.2 BF64) and SetDefaultDpAddress
// (SGP.22 BF3F and SGP.32 V1.2 BF65).

// ProfileState is ProfileInfo.profileState (9F70, RSP-FACTS §2.1.4).
type ProfileState int64

// ProfileState values.
const (
	ProfileStateDisabled ProfileState = 0
	ProfileStateEnabled  ProfileState = 1
)

var profileStateNames = map[int64]string{0: "disabled", 1: "enabled"}

func (s ProfileState) String() string { return codeName("profileState", profileStateNames, int64(s)) }

// ProfileClass is the ProfileClass INTEGER (95, RSP-FACTS §2.1.4, §6.1).
type ProfileClass int64

// The ProfileClass values are the untyped constants ProfileClassTest,
// ProfileClassProvisioning and ProfileClassOperational of bpp.go.

var profileClassNames = map[int64]string{0: "test", 1: "provisioning", 2: "operational"}

func (c ProfileClass) String() string { return codeName("profileClass", profileClassNames, int64(c)) }

// IconType is the IconType INTEGER (93, RSP-FACTS §2.1.4).
type IconType int64

// IconType values.
const (
	IconTypeJPG IconType = 0
	IconTypePNG IconType = 1
)

var iconTypeNames = map[int64]string{0: "jpg", 1: "png"}

func (c IconType) String() string { return codeName("iconType", iconTypeNames, int64(c)) }

// ProfileSearchKind says which searchCriteria a ProfileInfoListRequest
// carries.
type ProfileSearchKind uint8

// ProfileSearchKind values.
const (
	ProfileSearchNone         ProfileSearchKind = iota // no searchCriteria: all profiles
	ProfileSearchIsdpAid                               // 4F
	ProfileSearchICCID                                 // 5A
	ProfileSearchProfileClass                          // 95
)

// ProfileInfoListRequest is ES10c.GetProfilesInfo's request (BF2D), also the
// listProfileInfo PSMO of SGP.32: BF2D { [A0 { 4F aid | 5A iccid | 95 class }]
// [5C tagList] } (searchCriteria [0] CHOICE is explicit, RSP-FACTS §2.7).
// Later revisions' iotSpecificTagList (5D) lands in Extensions.
type ProfileInfoListRequest struct {
	Raw          []byte
	Search       ProfileSearchKind
	IsdpAid      []byte       // for ProfileSearchIsdpAid
	ICCID        []byte       // for ProfileSearchICCID
	ProfileClass ProfileClass // for ProfileSearchProfileClass
	TagList      []byte       // 5C contents: the tags to return; nil when absent
	Extensions   []byte
}

// ParseProfileInfoListRequest decodes a strict-DER ProfileInfoListRequest.
func ParseProfileInfoListRequest(b []byte) (ProfileInfoListRequest, error) {
	return ParseProfileInfoListRequestMode(b, asn1der.DER)
}

// ParseProfileInfoListRequestMode is [ParseProfileInfoListRequest] in mode m.
func ParseProfileInfoListRequestMode(b []byte, m asn1der.Mode) (ProfileInfoListRequest, error) {
	t, err := asn1der.ParseMode(b, m)
	if err == nil {
		var q ProfileInfoListRequest
		if q, err = parseProfileInfoListRequestTLV(t, m); err == nil {
			return q, nil
		}
	}
	return ProfileInfoListRequest{}, parseErr("ProfileInfoListRequest", err)
}

func parseProfileInfoListRequestTLV(t asn1der.TLV, m asn1der.Mode) (ProfileInfoListRequest, error) {
	q := ProfileInfoListRequest{Raw: t.Raw}
	if t.Tag != TagProfileInfoList {
		return q, mgWrongTag(t, TagProfileInfoList)
	}
	r, err := asn1der.Children(t, m)
	if err != nil {
		return q, err
	}
	if w, ok, err := r.Optional(0xA0); err != nil {
		return q, err
	} else if ok {
		c, err := r.Enter(w)
		if err != nil {
			return q, err
		}
		v, err := c.Next()
		if err != nil {
			return q, err
		}
		switch v.Tag {
		case TagISDPAid:
			q.Search = ProfileSearchIsdpAid
			q.IsdpAid, err = mgAID(v)
		case TagICCID:
			q.Search = ProfileSearchICCID
			q.ICCID, err = mgICCID(v)
		case TagProfileClass:
			q.Search = ProfileSearchProfileClass
			var n int64
			n, err = asn1der.Int64(v)
			q.ProfileClass = ProfileClass(n)
		default:
			err = mgBadChoice(v)
		}
		if err != nil {
			return q, err
		}
		if err := mgEndExact(&c); err != nil {
			return q, err
		}
	}
	if v, ok, err := r.Optional(TagTagList); err != nil {
		return q, err
	} else if ok {
		q.TagList = v.Value
	}
	q.Extensions, err = mgEnd(&r, 0xA0, TagTagList)
	return q, err
}

// AppendProfileInfoListRequest appends q as a ProfileInfoListRequest (BF2D).
func AppendProfileInfoListRequest(dst []byte, q ProfileInfoListRequest) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagProfileInfoList)
	if q.Search != ProfileSearchNone {
		var mc asn1der.Mark
		dst, mc = asn1der.AppendBegin(dst, 0xA0)
		switch q.Search {
		case ProfileSearchIsdpAid:
			dst = asn1der.AppendTLV(dst, TagISDPAid, q.IsdpAid)
		case ProfileSearchICCID:
			dst = asn1der.AppendTLV(dst, TagICCID, q.ICCID)
		default:
			dst = asn1der.AppendInt64(dst, TagProfileClass, int64(q.ProfileClass))
		}
		dst = asn1der.AppendEnd(dst, mc)
	}
	if q.TagList != nil {
		dst = asn1der.AppendTLV(dst, TagTagList, q.TagList)
	}
	dst = append(dst, q.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// ProfileInfo is a view of ProfileInfo (E3), SGP.22 V2.5 with the SGP.32
// V1.2 members (RSP-FACTS §2.1.5, §2.4.4). Every member is optional: byte
// slices are nil and Has… flags false when absent. In DER, fallbackAttribute
// (DEFAULT FALSE) is present only when TRUE; a present FALSE is rejected in
// DER mode and kept (for an exact rebuild) in BER mode.
type ProfileInfo struct {
	Raw                 []byte
	ICCID               []byte // 5A, 10 bytes
	IsdpAid             []byte // 4F, 1..16 bytes
	HasProfileState     bool
	ProfileState        ProfileState // 9F70
	ProfileNickname     []byte       // 90, UTF8String 0..64
	ServiceProviderName []byte       // 91, UTF8String 0..32
	ProfileName         []byte       // 92, UTF8String 0..64
	HasIconType         bool
	IconType            IconType // 93
	Icon                []byte   // 94, 0..1024 bytes
	HasProfileClass     bool
	ProfileClass        ProfileClass // 95
	// NotificationConfigurationInfo is the whole B6 TLV (SEQUENCE OF
	// NotificationConfigurationInformation), nil when absent; iterate it with
	// NotificationConfigurations, build it with
	// AppendNotificationConfigurationInfo.
	NotificationConfigurationInfo []byte
	// ProfileOwner (B7) is absent when ProfileOwner.MccMnc is nil.
	ProfileOwner OperatorId
	// DpProprietaryData is the whole B8 TLV, nil when absent; DpOid its
	// dpOid (80) contents.
	DpProprietaryData     []byte
	DpOid                 []byte
	HasProfilePolicyRules bool
	ProfilePolicyRules    PprIds // 99
	// ServiceSpecificDataStoredInEuicc is the whole BF22 TLV, nil when absent.
	ServiceSpecificDataStoredInEuicc []byte
	HasEcallIndication               bool
	EcallIndication                  bool // 9F7B (SGP.32)
	FallbackAttribute                bool // 9F26 (SGP.32), DEFAULT FALSE
	HasFallbackAllowed               bool
	FallbackAllowed                  bool   // 9F67 (SGP.32)
	Extensions                       []byte // unknown trailing elements (e.g. iotSpecificProfileInfo BF64 of later revisions)

	pprBits          int
	fallbackAttrSent bool // 9F26 was present (BER: even when FALSE)
}

// NotificationConfigurations returns a cursor over the
// notificationConfigurationInfo list.
func (p ProfileInfo) NotificationConfigurations() ListIter[NotificationConfigurationInformation] {
	if p.NotificationConfigurationInfo == nil {
		return ListIter[NotificationConfigurationInformation]{}
	}
	t, _ := asn1der.ParseMode(p.NotificationConfigurationInfo, asn1der.BER)
	r, _ := asn1der.Children(t, asn1der.BER)
	return newListIter(r, parseNotificationConfigurationInformation)
}

// ParseProfileInfo decodes one strict-DER ProfileInfo (E3).
func ParseProfileInfo(b []byte) (ProfileInfo, error) {
	return ParseProfileInfoMode(b, asn1der.DER)
}

// ParseProfileInfoMode is [ParseProfileInfo] in mode m.
func ParseProfileInfoMode(b []byte, m asn1der.Mode) (ProfileInfo, error) {
	t, err := asn1der.ParseMode(b, m)
	if err == nil {
		var p ProfileInfo
		if p, err = parseProfileInfoTLV(t, m); err == nil {
			return p, nil
		}
	}
	return ProfileInfo{}, parseErr("ProfileInfo", err)
}

// profileInfoOrder lists the members of ProfileInfo in their order.
var profileInfoOrder = [...]asn1der.Tag{TagICCID, TagISDPAid, TagProfileState, TagProfileNickname, TagServiceProviderName,
	TagProfileName, TagIconType, TagIcon, TagProfileClass, TagNotificationConfigurationInfo, TagProfileOwner,
	TagDpProprietaryData, TagProfilePolicyRules, TagServiceSpecificDataStoredInEuicc, TagEcallIndication,
	TagFallbackAttribute, TagFallbackAllowed}

func profileInfoPos(t asn1der.Tag) int {
	for i, k := range profileInfoOrder {
		if k == t {
			return i
		}
	}
	return -1
}

// parseProfileInfoTLV decodes a ProfileInfo in one pass: every element is
// read once and dispatched on its tag; members must come in the order of the
// module, and the first unknown tag starts the extensions.
func parseProfileInfoTLV(t asn1der.TLV, m asn1der.Mode) (ProfileInfo, error) {
	p := ProfileInfo{Raw: t.Raw}
	if t.Tag != TagProfileInfo {
		return p, mgWrongTag(t, TagProfileInfo)
	}
	r, err := asn1der.Children(t, m)
	if err != nil {
		return p, err
	}
	last := -1
	for !r.Empty() {
		rest := r.Rest()
		v, err := r.Next()
		if err != nil {
			return p, err
		}
		pos := profileInfoPos(v.Tag)
		if pos < 0 {
			// Extensions: nothing known may follow.
			for !r.Empty() {
				w, err := r.Next()
				if err != nil {
					return p, err
				}
				if profileInfoPos(w.Tag) >= 0 {
					return p, &asn1der.Error{Offset: w.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: w.Tag, Detail: "member out of order or repeated"}
				}
			}
			p.Extensions = rest
			break
		}
		if pos <= last {
			return p, &asn1der.Error{Offset: v.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: v.Tag, Detail: "member out of order or repeated"}
		}
		last = pos
		var n int64
		switch v.Tag {
		case TagICCID:
			p.ICCID, err = mgICCID(v)
		case TagISDPAid:
			p.IsdpAid, err = mgAID(v)
		case TagProfileState:
			n, err = asn1der.Int64(v)
			p.HasProfileState, p.ProfileState = true, ProfileState(n)
		case TagProfileNickname, TagProfileName:
			var s []byte
			if s, err = mgSized(v, 0, MaxProfileName, "string longer than 64 bytes"); err == nil {
				s, err = mgCheckUTF8(v)
			}
			if v.Tag == TagProfileNickname {
				p.ProfileNickname = s
			} else {
				p.ProfileName = s
			}
		case TagServiceProviderName:
			if _, err = mgSized(v, 0, MaxServiceProviderName, "serviceProviderName longer than 32 bytes"); err == nil {
				p.ServiceProviderName, err = mgCheckUTF8(v)
			}
		case TagIconType:
			n, err = asn1der.Int64(v)
			p.HasIconType, p.IconType = true, IconType(n)
		case TagIcon:
			p.Icon, err = mgSized(v, 0, MaxIcon, "icon longer than 1024 bytes")
		case TagProfileClass:
			n, err = asn1der.Int64(v)
			p.HasProfileClass, p.ProfileClass = true, ProfileClass(n)
		case TagNotificationConfigurationInfo:
			var c asn1der.Reader
			if c, err = r.Enter(v); err == nil {
				_, err = mgList(c, asn1der.TagSequence, parseNotificationConfigurationInformation)
			}
			p.NotificationConfigurationInfo = v.Raw
		case TagProfileOwner:
			p.ProfileOwner, err = parseOperatorID(v, m)
		case TagDpProprietaryData:
			p.DpProprietaryData = v.Raw
			p.DpOid, err = mgDpOid(v, m)
		case TagProfilePolicyRules:
			var bits uint64
			bits, p.pprBits, err = mgBits(v, m)
			p.HasProfilePolicyRules, p.ProfilePolicyRules = true, PprIds(bits)
		case TagServiceSpecificDataStoredInEuicc:
			if !v.Constructed() {
				err = &asn1der.Error{Offset: v.Offset, Rule: asn1der.RuleNotConstructed, Tag: v.Tag}
			}
			p.ServiceSpecificDataStoredInEuicc = v.Raw
		case TagEcallIndication:
			p.EcallIndication, err = asn1der.Bool(v, m)
			p.HasEcallIndication = true
		case TagFallbackAttribute:
			p.fallbackAttrSent = true
			if p.FallbackAttribute, err = asn1der.Bool(v, m); err == nil && !p.FallbackAttribute && m == asn1der.DER {
				err = badValueErr(v, "fallbackAttribute DEFAULT FALSE encoded (DER omits it)")
			}
		case TagFallbackAllowed:
			p.FallbackAllowed, err = asn1der.Bool(v, m)
			p.HasFallbackAllowed = true
		}
		if err != nil {
			return p, err
		}
	}
	return p, nil
}

// mgDpOid checks a DpProprietaryData (B8 { 80 dpOid, ... }) and returns the
// dpOid contents; elements after dpOid are the SM-DP+'s own. dpOid is [0]
// IMPLICIT (AUTOMATIC TAGS); BER mode also accepts a universal 06 dpOid, as
// [ParseConfigureISDPRequestMode] does, since an eUICC returns the
// dpProprietaryData it was given.
func mgDpOid(v asn1der.TLV, m asn1der.Mode) ([]byte, error) {
	c, err := asn1der.Children(v, m)
	if err != nil {
		return nil, err
	}
	o, err := c.Expect(dpOidTag(c.PeekTag(), m))
	if err != nil {
		return nil, err
	}
	if err := asn1der.CheckOID(o); err != nil {
		return nil, err
	}
	for !c.Empty() {
		if _, err := c.Next(); err != nil {
			return nil, err
		}
	}
	return o.Value, nil
}

// AppendProfileInfo appends p as a ProfileInfo (E3). Raw-span members
// (NotificationConfigurationInfo, DpProprietaryData,
// ServiceSpecificDataStoredInEuicc, Extensions) are copied as they are.
func AppendProfileInfo(dst []byte, p *ProfileInfo) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagProfileInfo)
	if p.ICCID != nil {
		dst = asn1der.AppendTLV(dst, TagICCID, p.ICCID)
	}
	if p.IsdpAid != nil {
		dst = asn1der.AppendTLV(dst, TagISDPAid, p.IsdpAid)
	}
	if p.HasProfileState {
		dst = asn1der.AppendInt64(dst, TagProfileState, int64(p.ProfileState))
	}
	if p.ProfileNickname != nil {
		dst = asn1der.AppendTLV(dst, TagProfileNickname, p.ProfileNickname)
	}
	if p.ServiceProviderName != nil {
		dst = asn1der.AppendTLV(dst, TagServiceProviderName, p.ServiceProviderName)
	}
	if p.ProfileName != nil {
		dst = asn1der.AppendTLV(dst, TagProfileName, p.ProfileName)
	}
	if p.HasIconType {
		dst = asn1der.AppendInt64(dst, TagIconType, int64(p.IconType))
	}
	if p.Icon != nil {
		dst = asn1der.AppendTLV(dst, TagIcon, p.Icon)
	}
	if p.HasProfileClass {
		dst = asn1der.AppendInt64(dst, TagProfileClass, int64(p.ProfileClass))
	}
	dst = append(dst, p.NotificationConfigurationInfo...)
	if p.ProfileOwner.MccMnc != nil {
		dst = appendOperatorID(dst, TagProfileOwner, p.ProfileOwner)
	}
	dst = append(dst, p.DpProprietaryData...)
	if p.HasProfilePolicyRules {
		dst = mgAppendBits(dst, TagProfilePolicyRules, uint64(p.ProfilePolicyRules), p.pprBits)
	}
	dst = append(dst, p.ServiceSpecificDataStoredInEuicc...)
	if p.HasEcallIndication {
		dst = asn1der.AppendBool(dst, TagEcallIndication, p.EcallIndication)
	}
	if p.FallbackAttribute || p.fallbackAttrSent {
		dst = asn1der.AppendBool(dst, TagFallbackAttribute, p.FallbackAttribute)
	}
	if p.HasFallbackAllowed {
		dst = asn1der.AppendBool(dst, TagFallbackAllowed, p.FallbackAllowed)
	}
	dst = append(dst, p.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// AppendNotificationConfigurationInfo appends a notificationConfigurationInfo
// list (B6 { 30 { 80 NotificationEvent, 81 address }... }), the form
// [ProfileInfo].NotificationConfigurationInfo holds.
func AppendNotificationConfigurationInfo(dst []byte, items ...NotificationConfigurationInformation) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagNotificationConfigurationInfo)
	for _, it := range items {
		dst = appendNotificationConfigurationInformation(dst, it)
	}
	return asn1der.AppendEnd(dst, mk)
}

// AppendDpProprietaryData appends a DpProprietaryData (B8 { 80 dpOid }) from
// the OID contents octets (asn1der.OID), the form
// [ProfileInfo].DpProprietaryData holds.
func AppendDpProprietaryData(dst, dpOid []byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagDpProprietaryData)
	dst = asn1der.AppendOID(dst, 0x80, dpOid)
	return asn1der.AppendEnd(dst, mk)
}

// ProfileInfoListResponse is ES10c.GetProfilesInfo's response (BF2D), a
// CHOICE with automatic tags: BF2D { A0 { ProfileInfo... } } or
// BF2D { 81 profileInfoListError }. It is also the listProfileInfoResult of
// an SGP.32 eUICC Package result.
type ProfileInfoListResponse struct {
	Raw     []byte
	IsError bool
	Error   ProfileInfoListError
	list    asn1der.Reader
}

// ProfileInfos returns a cursor over profileInfoListOk.
func (l ProfileInfoListResponse) ProfileInfos() ListIter[ProfileInfo] {
	if l.IsError || l.Raw == nil {
		return ListIter[ProfileInfo]{}
	}
	return newListIter(l.list, parseProfileInfoTLV)
}

// ParseProfileInfoListResponse decodes a strict-DER ProfileInfoListResponse.
func ParseProfileInfoListResponse(b []byte) (ProfileInfoListResponse, error) {
	return ParseProfileInfoListResponseMode(b, asn1der.DER)
}

// ParseProfileInfoListResponseMode is [ParseProfileInfoListResponse] in mode m.
func ParseProfileInfoListResponseMode(b []byte, m asn1der.Mode) (ProfileInfoListResponse, error) {
	t, err := asn1der.ParseMode(b, m)
	if err == nil {
		var l ProfileInfoListResponse
		if l, err = parseProfileInfoListResponseTLV(t, m); err == nil {
			return l, nil
		}
	}
	return ProfileInfoListResponse{}, parseErr("ProfileInfoListResponse", err)
}

func parseProfileInfoListResponseTLV(t asn1der.TLV, m asn1der.Mode) (ProfileInfoListResponse, error) {
	l := ProfileInfoListResponse{Raw: t.Raw}
	if t.Tag != TagProfileInfoList {
		return l, mgWrongTag(t, TagProfileInfoList)
	}
	r, err := asn1der.Children(t, m)
	if err != nil {
		return l, err
	}
	v, err := r.Next()
	if err != nil {
		return l, err
	}
	switch v.Tag {
	case 0xA0:
		var c asn1der.Reader
		if c, err = r.Enter(v); err == nil {
			_, err = mgList(c, TagProfileInfo, parseProfileInfoTLV)
			l.list = c
		}
	case 0x81:
		var n int64
		n, err = asn1der.Int64(v)
		l.IsError, l.Error = true, ProfileInfoListError(n)
	default:
		err = mgBadChoice(v)
	}
	if err != nil {
		return l, err
	}
	return l, mgEndExact(&r)
}

// AppendProfileInfoListResponse appends the profileInfoListOk alternative.
func AppendProfileInfoListResponse(dst []byte, infos ...ProfileInfo) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagProfileInfoList)
	dst, ml := asn1der.AppendBegin(dst, 0xA0)
	for i := range infos {
		dst = AppendProfileInfo(dst, &infos[i])
	}
	dst = asn1der.AppendEnd(dst, ml)
	return asn1der.AppendEnd(dst, mk)
}

// AppendProfileInfoListError appends the profileInfoListError alternative.
func AppendProfileInfoListError(dst []byte, code ProfileInfoListError) []byte {
	return mgAppendWrappedInt(dst, TagProfileInfoList, 0x81, int64(code), nil)
}

// ProfileIDRequest is EnableProfileRequest (BF31) or DisableProfileRequest
// (BF32): Tag { A0 { 4F isdpAid | 5A iccid } 81 refreshFlag } — the untagged
// profileIdentifier CHOICE and refreshFlag get automatic tags [0] (explicit)
// and [1] (RSP-FACTS §2.7).
type ProfileIDRequest struct {
	Raw         []byte
	Tag         asn1der.Tag // TagEnableProfile or TagDisableProfile
	IsdpAid     []byte      // set when the profile is named by its ISD-P AID
	ICCID       []byte      // set when the profile is named by its ICCID
	RefreshFlag bool
	Extensions  []byte
}

// EnableProfileRequest is ES10c.EnableProfile's request (BF31).
type EnableProfileRequest = ProfileIDRequest

// DisableProfileRequest is ES10c.DisableProfile's request (BF32).
type DisableProfileRequest = ProfileIDRequest

// ParseEnableProfileRequest decodes a strict-DER EnableProfileRequest (BF31).
func ParseEnableProfileRequest(b []byte) (EnableProfileRequest, error) {
	return parseProfileIDRequest(b, asn1der.DER, TagEnableProfile, "EnableProfileRequest")
}

// ParseEnableProfileRequestMode is [ParseEnableProfileRequest] in mode m.
func ParseEnableProfileRequestMode(b []byte, m asn1der.Mode) (EnableProfileRequest, error) {
	return parseProfileIDRequest(b, m, TagEnableProfile, "EnableProfileRequest")
}

// ParseDisableProfileRequest decodes a strict-DER DisableProfileRequest (BF32).
func ParseDisableProfileRequest(b []byte) (DisableProfileRequest, error) {
	return parseProfileIDRequest(b, asn1der.DER, TagDisableProfile, "DisableProfileRequest")
}

// ParseDisableProfileRequestMode is [ParseDisableProfileRequest] in mode m.
func ParseDisableProfileRequestMode(b []byte, m asn1der.Mode) (DisableProfileRequest, error) {
	return parseProfileIDRequest(b, m, TagDisableProfile, "DisableProfileRequest")
}

func parseProfileIDRequest(b []byte, m asn1der.Mode, tag asn1der.Tag, name string) (ProfileIDRequest, error) {
	q := ProfileIDRequest{Tag: tag}
	t, r, err := mgTop(b, tag, m)
	if err == nil {
		q.Raw = t.Raw
		var w asn1der.TLV
		if w, err = r.Expect(0xA0); err == nil {
			var c asn1der.Reader
			if c, err = r.Enter(w); err == nil {
				q.IsdpAid, q.ICCID, err = mgProfileIdentifier(&c)
				if err == nil {
					err = mgEndExact(&c)
				}
			}
		}
		if err == nil {
			if q.RefreshFlag, err = mgBool(&r, 0x81); err == nil {
				q.Extensions, err = mgEnd(&r, 0xA0, 0x81)
			}
		}
	}
	if err != nil {
		return ProfileIDRequest{}, parseErr(name, err)
	}
	return q, nil
}

// mgProfileIdentifier reads a CHOICE { isdpAid 4F, iccid 5A }.
func mgProfileIdentifier(r *asn1der.Reader) (aid, iccid []byte, err error) {
	v, err := r.Next()
	if err != nil {
		return nil, nil, err
	}
	switch v.Tag {
	case TagISDPAid:
		aid, err = mgAID(v)
	case TagICCID:
		iccid, err = mgICCID(v)
	default:
		err = mgBadChoice(v)
	}
	return aid, iccid, err
}

func mgAppendProfileIdentifier(dst, aid, iccid []byte) []byte {
	if iccid != nil {
		return asn1der.AppendTLV(dst, TagICCID, iccid)
	}
	return asn1der.AppendTLV(dst, TagISDPAid, aid)
}

// AppendEnableProfileRequest appends q as an EnableProfileRequest (BF31); the
// profile is named by q.ICCID when set, else by q.IsdpAid. q.Tag is ignored.
func AppendEnableProfileRequest(dst []byte, q ProfileIDRequest) []byte {
	return appendProfileIDRequest(dst, TagEnableProfile, q)
}

// AppendDisableProfileRequest appends q as a DisableProfileRequest (BF32).
func AppendDisableProfileRequest(dst []byte, q ProfileIDRequest) []byte {
	return appendProfileIDRequest(dst, TagDisableProfile, q)
}

func appendProfileIDRequest(dst []byte, tag asn1der.Tag, q ProfileIDRequest) []byte {
	dst, mk := asn1der.AppendBegin(dst, tag)
	dst, mc := asn1der.AppendBegin(dst, 0xA0)
	dst = mgAppendProfileIdentifier(dst, q.IsdpAid, q.ICCID)
	dst = asn1der.AppendEnd(dst, mc)
	dst = asn1der.AppendBool(dst, 0x81, q.RefreshFlag)
	dst = append(dst, q.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// DeleteProfileRequest is ES10c.DeleteProfile's request, a [51] CHOICE:
// BF33 { 4F isdpAid } or BF33 { 5A iccid } (RSP-FACTS §2.7).
type DeleteProfileRequest struct {
	Raw     []byte
	IsdpAid []byte
	ICCID   []byte
}

// ParseDeleteProfileRequest decodes a strict-DER DeleteProfileRequest.
func ParseDeleteProfileRequest(b []byte) (DeleteProfileRequest, error) {
	return ParseDeleteProfileRequestMode(b, asn1der.DER)
}

// ParseDeleteProfileRequestMode is [ParseDeleteProfileRequest] in mode m.
func ParseDeleteProfileRequestMode(b []byte, m asn1der.Mode) (DeleteProfileRequest, error) {
	var q DeleteProfileRequest
	t, r, err := mgTop(b, TagDeleteProfile, m)
	if err == nil {
		q.Raw = t.Raw
		if q.IsdpAid, q.ICCID, err = mgProfileIdentifier(&r); err == nil {
			err = mgEndExact(&r)
		}
	}
	if err != nil {
		return DeleteProfileRequest{}, parseErr("DeleteProfileRequest", err)
	}
	return q, nil
}

// AppendDeleteProfileRequest appends a DeleteProfileRequest naming the
// profile by q.ICCID when set, else by q.IsdpAid.
func AppendDeleteProfileRequest(dst []byte, q DeleteProfileRequest) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagDeleteProfile)
	dst = mgAppendProfileIdentifier(dst, q.IsdpAid, q.ICCID)
	return asn1der.AppendEnd(dst, mk)
}

// ResultResponse is one of the single-INTEGER responses
// (Tag { 80 result }, RSP-FACTS §2.7): EnableProfileResponse (BF31),
// DisableProfileResponse (BF32), DeleteProfileResponse (BF33),
// SetNicknameResponse (BF29), SetDefaultDpAddressResponse (BF3F / BF65), and
// the SGP.32 ImmediateEnable, ConfigureImmediateProfileEnabling,
// ExecuteFallbackMechanism, ReturnFromFallback, EnableEmergencyProfile and
// DisableEmergencyProfile responses (BF5A, BF59, BF5D, BF5E, BF5B, BF5C).
// Result is the raw code; the typed accessors name it.
type ResultResponse struct {
	Raw        []byte
	Tag        asn1der.Tag
	Result     int64
	Extensions []byte
}

// EnableResult returns Result as an EnableProfileResult.
func (r ResultResponse) EnableResult() EnableProfileResult { return EnableProfileResult(r.Result) }

// DisableResult returns Result as a DisableProfileResult.
func (r ResultResponse) DisableResult() DisableProfileResult { return DisableProfileResult(r.Result) }

// DeleteResult returns Result as a DeleteProfileResult.
func (r ResultResponse) DeleteResult() DeleteProfileResult { return DeleteProfileResult(r.Result) }

// SetNicknameResult returns Result as a SetNicknameResult.
func (r ResultResponse) SetNicknameResult() SetNicknameResult { return SetNicknameResult(r.Result) }

// SetDefaultDpAddressResult returns Result as a SetDefaultDpAddressResult.
func (r ResultResponse) SetDefaultDpAddressResult() SetDefaultDpAddressResult {
	return SetDefaultDpAddressResult(r.Result)
}

// ImmediateEnableResult returns Result as an ImmediateEnableResult.
func (r ResultResponse) ImmediateEnableResult() ImmediateEnableResult {
	return ImmediateEnableResult(r.Result)
}

// ConfigureImmediateProfileEnablingResult returns Result as a
// ConfigureImmediateProfileEnablingResult.
func (r ResultResponse) ConfigureImmediateProfileEnablingResult() ConfigureImmediateProfileEnablingResult {
	return ConfigureImmediateProfileEnablingResult(r.Result)
}

// ExecuteFallbackMechanismResult returns Result as an
// ExecuteFallbackMechanismResult.
func (r ResultResponse) ExecuteFallbackMechanismResult() ExecuteFallbackMechanismResult {
	return ExecuteFallbackMechanismResult(r.Result)
}

// ReturnFromFallbackResult returns Result as a ReturnFromFallbackResult.
func (r ResultResponse) ReturnFromFallbackResult() ReturnFromFallbackResult {
	return ReturnFromFallbackResult(r.Result)
}

// EnableEmergencyProfileResult returns Result as an EnableEmergencyProfileResult.
func (r ResultResponse) EnableEmergencyProfileResult() EnableEmergencyProfileResult {
	return EnableEmergencyProfileResult(r.Result)
}

// DisableEmergencyProfileResult returns Result as a
// DisableEmergencyProfileResult.
func (r ResultResponse) DisableEmergencyProfileResult() DisableEmergencyProfileResult {
	return DisableEmergencyProfileResult(r.Result)
}

// resultResponseNames maps the tags ParseResultResponse accepts to the
// message names used in errors.
var resultResponseNames = map[asn1der.Tag]string{
	TagEnableProfile:                     "EnableProfileResponse",
	TagDisableProfile:                    "DisableProfileResponse",
	TagDeleteProfile:                     "DeleteProfileResponse",
	TagSetNickname:                       "SetNicknameResponse",
	TagSetDefaultDpAddress:               "SetDefaultDpAddressResponse",
	TagSetDefaultDpAddressSGP32:          "SetDefaultDpAddressResponse",
	TagImmediateEnable:                   "ImmediateEnableResponse",
	TagConfigureImmediateProfileEnabling: "ConfigureImmediateProfileEnablingResponse",
	TagExecuteFallbackMechanism:          "ExecuteFallbackMechanismResponse",
	TagReturnFromFallback:                "ReturnFromFallbackResponse",
	TagEnableEmergencyProfile:            "EnableEmergencyProfileResponse",
	TagDisableEmergencyProfile:           "DisableEmergencyProfileResponse",
}

// ParseResultResponse decodes a strict-DER single-INTEGER response whose tag
// must be tag (one of those listed at [ResultResponse]).
func ParseResultResponse(b []byte, tag asn1der.Tag) (ResultResponse, error) {
	return ParseResultResponseMode(b, tag, asn1der.DER)
}

// ParseResultResponseMode is [ParseResultResponse] in mode m.
func ParseResultResponseMode(b []byte, tag asn1der.Tag, m asn1der.Mode) (ResultResponse, error) {
	name, ok := resultResponseNames[tag]
	if !ok {
		return ResultResponse{}, parseErr("result response", &asn1der.Error{Rule: asn1der.RuleUnexpectedTag, Tag: tag, Detail: "not a single-INTEGER response"})
	}
	raw, v, ext, err := mgParseWrappedInt(b, m, tag, 0x80)
	if err != nil {
		return ResultResponse{}, parseErr(name, err)
	}
	return ResultResponse{Raw: raw, Tag: tag, Result: v, Extensions: ext}, nil
}

// AppendResultResponse appends Tag { 80 result } (plus r.Extensions).
func AppendResultResponse(dst []byte, r ResultResponse) []byte {
	return mgAppendWrappedInt(dst, r.Tag, 0x80, r.Result, r.Extensions)
}

// SetNicknameRequest is ES10c.SetNickname's request:
// BF29 { 5A iccid, 90 profileNickname }.
type SetNicknameRequest struct {
	Raw             []byte
	ICCID           []byte
	ProfileNickname []byte // UTF8String 0..64
	Extensions      []byte
}

// ParseSetNicknameRequest decodes a strict-DER SetNicknameRequest.
func ParseSetNicknameRequest(b []byte) (SetNicknameRequest, error) {
	return ParseSetNicknameRequestMode(b, asn1der.DER)
}

// ParseSetNicknameRequestMode is [ParseSetNicknameRequest] in mode m.
func ParseSetNicknameRequestMode(b []byte, m asn1der.Mode) (SetNicknameRequest, error) {
	var q SetNicknameRequest
	t, r, err := mgTop(b, TagSetNickname, m)
	if err == nil {
		q.Raw = t.Raw
		var v asn1der.TLV
		if v, err = r.Expect(TagICCID); err == nil {
			q.ICCID, err = mgICCID(v)
		}
		if err == nil {
			if v, err = r.Expect(TagProfileNickname); err == nil {
				if q.ProfileNickname, err = mgSized(v, 0, MaxProfileName, "profileNickname longer than 64 bytes"); err == nil {
					_, err = mgCheckUTF8(v)
				}
			}
		}
		if err == nil {
			q.Extensions, err = mgEnd(&r, TagICCID, TagProfileNickname)
		}
	}
	if err != nil {
		return SetNicknameRequest{}, parseErr("SetNicknameRequest", err)
	}
	return q, nil
}

// AppendSetNicknameRequest appends q as a SetNicknameRequest.
func AppendSetNicknameRequest(dst []byte, q SetNicknameRequest) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagSetNickname)
	dst = asn1der.AppendTLV(dst, TagICCID, q.ICCID)
	dst = asn1der.AppendTLV(dst, TagProfileNickname, q.ProfileNickname)
	dst = append(dst, q.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// SetDefaultDpAddressRequest is ES10b.SetDefaultDpAddress's request:
// Tag { 80 defaultDpAddress } with Tag BF3F (SGP.22) or BF65 (SGP.32 V1.2,
// also the setDefaultDpAddress PSMO). The only member is untagged, so it gets
// the automatic tag [0].
type SetDefaultDpAddressRequest struct {
	Raw              []byte
	Tag              asn1der.Tag // TagSetDefaultDpAddress or TagSetDefaultDpAddressSGP32
	DefaultDpAddress []byte      // FQDN (UTF8String; may be empty)
	Extensions       []byte
}

// ParseSetDefaultDpAddressRequest decodes a strict-DER SetDefaultDpAddressRequest
// with tag BF3F or BF65.
func ParseSetDefaultDpAddressRequest(b []byte) (SetDefaultDpAddressRequest, error) {
	return ParseSetDefaultDpAddressRequestMode(b, asn1der.DER)
}

// ParseSetDefaultDpAddressRequestMode is [ParseSetDefaultDpAddressRequest] in mode m.
func ParseSetDefaultDpAddressRequestMode(b []byte, m asn1der.Mode) (SetDefaultDpAddressRequest, error) {
	t, err := asn1der.ParseMode(b, m)
	if err == nil {
		var q SetDefaultDpAddressRequest
		if q, err = parseSetDefaultDpAddressRequestTLV(t, m); err == nil {
			return q, nil
		}
	}
	return SetDefaultDpAddressRequest{}, parseErr("SetDefaultDpAddressRequest", err)
}

func parseSetDefaultDpAddressRequestTLV(t asn1der.TLV, m asn1der.Mode) (SetDefaultDpAddressRequest, error) {
	q := SetDefaultDpAddressRequest{Raw: t.Raw, Tag: t.Tag}
	if t.Tag != TagSetDefaultDpAddress && t.Tag != TagSetDefaultDpAddressSGP32 {
		return q, mgWrongTag(t, TagSetDefaultDpAddressSGP32)
	}
	r, err := asn1der.Children(t, m)
	if err != nil {
		return q, err
	}
	if q.DefaultDpAddress, err = mgUTF8(&r, 0x80); err != nil {
		return q, err
	}
	q.Extensions, err = mgEnd(&r, 0x80)
	return q, err
}

// AppendSetDefaultDpAddressRequest appends q with tag q.Tag (BF3F when zero).
func AppendSetDefaultDpAddressRequest(dst []byte, q SetDefaultDpAddressRequest) []byte {
	t := q.Tag
	if t == 0 {
		t = TagSetDefaultDpAddress
	}
	dst, mk := asn1der.AppendBegin(dst, t)
	dst = asn1der.AppendTLV(dst, 0x80, q.DefaultDpAddress)
	dst = append(dst, q.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// ResetOptions is the resetOptions named BIT STRING of EuiccMemoryResetRequest
// (RSP-FACTS §6.2). Bits 0-2 are SGP.22 v2.x (BF34); SGP.32 V1.2 (BF64) adds
// 3-6, numbered so as not to clash with SGP.22 v3.1's bits 3 and 4.
type ResetOptions uint64

// ResetOptions bits.
const (
	DeleteOperationalProfiles      ResetOptions = 1 << 0
	DeleteFieldLoadedTestProfiles  ResetOptions = 1 << 1
	ResetDefaultSmdpAddress        ResetOptions = 1 << 2
	DeletePreLoadedTestProfiles    ResetOptions = 1 << 3 // SGP.32 V1.2 (and SGP.22 v3.1)
	DeleteProvisioningProfiles     ResetOptions = 1 << 4 // SGP.32 V1.2 (and SGP.22 v3.1)
	ResetEimConfigData             ResetOptions = 1 << 5 // SGP.32 V1.2
	ResetImmediateEnableConfigData ResetOptions = 1 << 6 // SGP.32 V1.2 resetImmediateEnableConfig
)

var resetOptionsNames = [...]string{"deleteOperationalProfiles", "deleteFieldLoadedTestProfiles",
	"resetDefaultSmdpAddress", "deletePreLoadedTestProfiles", "deleteProvisioningProfiles",
	"resetEimConfigData", "resetImmediateEnableConfig"}

func (o ResetOptions) String() string { return mgBitsString(uint64(o), resetOptionsNames[:]) }

// EuiccMemoryResetRequest is ES10c.eUICCMemoryReset's request:
// Tag { 82 resetOptions } with Tag BF34 (SGP.22) or BF64 (SGP.32 V1.2).
type EuiccMemoryResetRequest struct {
	Raw          []byte
	Tag          asn1der.Tag // TagEuiccMemoryReset or TagEuiccMemoryResetSGP32
	ResetOptions ResetOptions
	Extensions   []byte
	optBits      int
}

// ParseEuiccMemoryResetRequest decodes a strict-DER EuiccMemoryResetRequest
// (BF34 or BF64).
func ParseEuiccMemoryResetRequest(b []byte) (EuiccMemoryResetRequest, error) {
	return ParseEuiccMemoryResetRequestMode(b, asn1der.DER)
}

// ParseEuiccMemoryResetRequestMode is [ParseEuiccMemoryResetRequest] in mode m.
func ParseEuiccMemoryResetRequestMode(b []byte, m asn1der.Mode) (EuiccMemoryResetRequest, error) {
	var q EuiccMemoryResetRequest
	t, err := asn1der.ParseMode(b, m)
	if err == nil {
		q.Raw, q.Tag = t.Raw, t.Tag
		if t.Tag != TagEuiccMemoryReset && t.Tag != TagEuiccMemoryResetSGP32 {
			err = mgWrongTag(t, TagEuiccMemoryResetSGP32)
		}
	}
	if err == nil {
		var r asn1der.Reader
		if r, err = asn1der.Children(t, m); err == nil {
			var v asn1der.TLV
			if v, err = r.Expect(0x82); err == nil {
				var bits uint64
				bits, q.optBits, err = mgBits(v, m)
				q.ResetOptions = ResetOptions(bits)
			}
			if err == nil {
				q.Extensions, err = mgEnd(&r, 0x82)
			}
		}
	}
	if err != nil {
		return EuiccMemoryResetRequest{}, parseErr("EuiccMemoryResetRequest", err)
	}
	return q, nil
}

// AppendEuiccMemoryResetRequest appends q with tag q.Tag (BF34 when zero).
func AppendEuiccMemoryResetRequest(dst []byte, q EuiccMemoryResetRequest) []byte {
	t := q.Tag
	if t == 0 {
		t = TagEuiccMemoryReset
	}
	dst, mk := asn1der.AppendBegin(dst, t)
	dst = mgAppendBits(dst, 0x82, uint64(q.ResetOptions), q.optBits)
	dst = append(dst, q.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// EuiccMemoryResetResponse is ES10c.eUICCMemoryReset's response:
// Tag { 80 resetResult [81 resetEimResult] [82 resetImmediateEnableConfigResult] }.
// The two optional results are SGP.32 (BF64; in v1.0.1 they were on BF34).
type EuiccMemoryResetResponse struct {
	Raw                                 []byte
	Tag                                 asn1der.Tag
	ResetResult                         EuiccMemoryResetResult
	HasResetEimResult                   bool
	ResetEimResult                      ResetEimResult
	HasResetImmediateEnableConfigResult bool
	ResetImmediateEnableConfigResult    ResetImmediateEnableConfigResult
	Extensions                          []byte
}

// ParseEuiccMemoryResetResponse decodes a strict-DER EuiccMemoryResetResponse
// (BF34 or BF64).
func ParseEuiccMemoryResetResponse(b []byte) (EuiccMemoryResetResponse, error) {
	return ParseEuiccMemoryResetResponseMode(b, asn1der.DER)
}

// ParseEuiccMemoryResetResponseMode is [ParseEuiccMemoryResetResponse] in mode m.
func ParseEuiccMemoryResetResponseMode(b []byte, m asn1der.Mode) (EuiccMemoryResetResponse, error) {
	var q EuiccMemoryResetResponse
	t, err := asn1der.ParseMode(b, m)
	if err == nil {
		q.Raw, q.Tag = t.Raw, t.Tag
		if t.Tag != TagEuiccMemoryReset && t.Tag != TagEuiccMemoryResetSGP32 {
			err = mgWrongTag(t, TagEuiccMemoryResetSGP32)
		}
	}
	if err == nil {
		var r asn1der.Reader
		if r, err = asn1der.Children(t, m); err == nil {
			var n int64
			if n, err = mgInt(&r, 0x80); err == nil {
				q.ResetResult = EuiccMemoryResetResult(n)
				if n, q.HasResetEimResult, err = mgOptInt(&r, 0x81); err == nil {
					q.ResetEimResult = ResetEimResult(n)
					if n, q.HasResetImmediateEnableConfigResult, err = mgOptInt(&r, 0x82); err == nil {
						q.ResetImmediateEnableConfigResult = ResetImmediateEnableConfigResult(n)
						q.Extensions, err = mgEnd(&r, 0x80, 0x81, 0x82)
					}
				}
			}
		}
	}
	if err != nil {
		return EuiccMemoryResetResponse{}, parseErr("EuiccMemoryResetResponse", err)
	}
	return q, nil
}

// AppendEuiccMemoryResetResponse appends q with tag q.Tag (BF34 when zero).
func AppendEuiccMemoryResetResponse(dst []byte, q EuiccMemoryResetResponse) []byte {
	t := q.Tag
	if t == 0 {
		t = TagEuiccMemoryReset
	}
	dst, mk := asn1der.AppendBegin(dst, t)
	dst = asn1der.AppendInt64(dst, 0x80, int64(q.ResetResult))
	if q.HasResetEimResult {
		dst = asn1der.AppendInt64(dst, 0x81, int64(q.ResetEimResult))
	}
	if q.HasResetImmediateEnableConfigResult {
		dst = asn1der.AppendInt64(dst, 0x82, int64(q.ResetImmediateEnableConfigResult))
	}
	dst = append(dst, q.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// PprFlags is ProfilePolicyAuthorisationRule.pprFlags.
type PprFlags uint64

// PprFlags bits.
const PprConsentRequired PprFlags = 1 << 0 // consentRequired(0)

var pprFlagsNames = [...]string{"consentRequired"}

func (f PprFlags) String() string { return mgBitsString(uint64(f), pprFlagsNames[:]) }

// ProfilePolicyAuthorisationRule is one rule of the Rules Authorisation Table
// (RSP-FACTS §2.1.5, §6.1), automatic tags throughout:
// 30 { 80 pprIds, A1 { OperatorId (30 { 80 mccMnc [81 gid1] [82 gid2] })... }, 82 pprFlags }.
type ProfilePolicyAuthorisationRule struct {
	PprIds PprIds
	// AllowedOperators is the whole A1 TLV; iterate it with Operators, build
	// it with AppendAllowedOperators.
	AllowedOperators []byte
	PprFlags         PprFlags
	pprBits          int
	flagBits         int
}

// Operators returns a cursor over the allowedOperators.
func (p ProfilePolicyAuthorisationRule) Operators() ListIter[OperatorId] {
	t, err := asn1der.ParseMode(p.AllowedOperators, asn1der.BER)
	if err != nil {
		return ListIter[OperatorId]{}
	}
	r, _ := asn1der.Children(t, asn1der.BER)
	return newListIter(r, parseOperatorID)
}

func parseProfilePolicyAuthorisationRule(t asn1der.TLV, m asn1der.Mode) (ProfilePolicyAuthorisationRule, error) {
	var p ProfilePolicyAuthorisationRule
	if t.Tag != asn1der.TagSequence {
		return p, mgWrongTag(t, asn1der.TagSequence)
	}
	r, err := asn1der.Children(t, m)
	if err != nil {
		return p, err
	}
	v, err := r.Expect(0x80)
	if err != nil {
		return p, err
	}
	bits, nb, err := mgBits(v, m)
	if err != nil {
		return p, err
	}
	p.PprIds, p.pprBits = PprIds(bits), nb
	if v, err = r.Expect(0xA1); err != nil {
		return p, err
	}
	c, err := r.Enter(v)
	if err != nil {
		return p, err
	}
	if _, err = mgList(c, asn1der.TagSequence, parseOperatorID); err != nil {
		return p, err
	}
	p.AllowedOperators = v.Raw
	if v, err = r.Expect(0x82); err != nil {
		return p, err
	}
	if bits, nb, err = mgBits(v, m); err != nil {
		return p, err
	}
	p.PprFlags, p.flagBits = PprFlags(bits), nb
	return p, mgEndExact(&r)
}

// AppendProfilePolicyAuthorisationRule appends one rule.
func AppendProfilePolicyAuthorisationRule(dst []byte, p ProfilePolicyAuthorisationRule) []byte {
	dst, mk := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = mgAppendBits(dst, 0x80, uint64(p.PprIds), p.pprBits)
	if p.AllowedOperators == nil {
		dst = asn1der.AppendHeader(dst, 0xA1, 0)
	}
	dst = append(dst, p.AllowedOperators...)
	dst = mgAppendBits(dst, 0x82, uint64(p.PprFlags), p.flagBits)
	return asn1der.AppendEnd(dst, mk)
}

// AppendAllowedOperators appends an allowedOperators list (A1 { 30 … }),
// the form [ProfilePolicyAuthorisationRule].AllowedOperators holds.
func AppendAllowedOperators(dst []byte, ops ...OperatorId) []byte {
	dst, mk := asn1der.AppendBegin(dst, 0xA1)
	for _, o := range ops {
		dst = appendOperatorID(dst, asn1der.TagSequence, o)
	}
	return asn1der.AppendEnd(dst, mk)
}

// RulesAuthorisationTable is a view of a RulesAuthorisationTable (SEQUENCE OF
// ProfilePolicyAuthorisationRule): A0 … inside GetRatResponse, A6 … as the
// getRATResult of an SGP.32 eUICC Package result.
type RulesAuthorisationTable struct {
	Raw  []byte // the whole list TLV
	list asn1der.Reader
}

// Rules returns a cursor over the rules.
func (t RulesAuthorisationTable) Rules() ListIter[ProfilePolicyAuthorisationRule] {
	return newListIter(t.list, parseProfilePolicyAuthorisationRule)
}

func parseRAT(v asn1der.TLV, m asn1der.Mode) (RulesAuthorisationTable, error) {
	c, err := asn1der.Children(v, m)
	if err != nil {
		return RulesAuthorisationTable{}, err
	}
	if _, err = mgList(c, asn1der.TagSequence, parseProfilePolicyAuthorisationRule); err != nil {
		return RulesAuthorisationTable{}, err
	}
	return RulesAuthorisationTable{Raw: v.Raw, list: c}, nil
}

// appendRAT appends a RulesAuthorisationTable with tag t.
func appendRAT(dst []byte, t asn1der.Tag, rules []ProfilePolicyAuthorisationRule) []byte {
	dst, mk := asn1der.AppendBegin(dst, t)
	for _, p := range rules {
		dst = AppendProfilePolicyAuthorisationRule(dst, p)
	}
	return asn1der.AppendEnd(dst, mk)
}

// GetRatResponse is ES10b.GetRAT's response: BF43 { A0 { rule... } } (the
// only member, rat, gets the automatic tag [0]). The request is the empty
// BF43 00 ([ParseEmptyRequest], [AppendEmptyRequest]).
type GetRatResponse struct {
	Raw        []byte
	Rat        RulesAuthorisationTable
	Extensions []byte
}

// ParseGetRatResponse decodes a strict-DER GetRatResponse.
func ParseGetRatResponse(b []byte) (GetRatResponse, error) {
	return ParseGetRatResponseMode(b, asn1der.DER)
}

// ParseGetRatResponseMode is [ParseGetRatResponse] in mode m.
func ParseGetRatResponseMode(b []byte, m asn1der.Mode) (GetRatResponse, error) {
	var g GetRatResponse
	t, r, err := mgTop(b, TagGetRat, m)
	if err == nil {
		g.Raw = t.Raw
		var v asn1der.TLV
		if v, err = r.Expect(0xA0); err == nil {
			if g.Rat, err = parseRAT(v, m); err == nil {
				g.Extensions, err = mgEnd(&r, 0xA0)
			}
		}
	}
	if err != nil {
		return GetRatResponse{}, parseErr("GetRatResponse", err)
	}
	return g, nil
}

// AppendGetRatResponse appends a GetRatResponse holding rules.
func AppendGetRatResponse(dst []byte, rules ...ProfilePolicyAuthorisationRule) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagGetRat)
	dst = appendRAT(dst, 0xA0, rules)
	return asn1der.AppendEnd(dst, mk)
}
