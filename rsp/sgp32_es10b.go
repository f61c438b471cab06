package rsp

import "github.com/rspengine/rspengine/asn1der"

// SGP.32 V1.2 ES10b functions (SGP.32 §5.9.x, RSP-FACTS §2.4.3, §2.4.5,
// §6.3-6.6): ImmediateEnable, ProfileRollback, ConfigureImmediateProfileEnabling,
// ExecuteFallbackMechanism, ReturnFromFallback, Enable/DisableEmergencyProfile,
// EimAcknowledgements and AddInitialEim. Their single-INTEGER responses are
// [ResultResponse] values; eUICCMemoryReset (BF64) and SetDefaultDpAddress
// (BF65) share the SGP.22 views in mgmt_profile.go.

// RefreshFlagRequest is one of the SGP.32 requests whose only member is
// refreshFlag BOOLEAN, automatically tagged [0]: Tag { 80 refreshFlag } —
// ImmediateEnableRequest (BF5A), ProfileRollbackRequest (BF58),
// ExecuteFallbackMechanismRequest (BF5D), ReturnFromFallbackRequest (BF5E),
// EnableEmergencyProfileRequest (BF5B), DisableEmergencyProfileRequest (BF5C).
type RefreshFlagRequest struct {
	Raw         []byte
	Tag         asn1der.Tag
	RefreshFlag bool
	Extensions  []byte
}

var refreshFlagRequestNames = map[asn1der.Tag]string{
	TagImmediateEnable:          "ImmediateEnableRequest",
	TagProfileRollback:          "ProfileRollbackRequest",
	TagExecuteFallbackMechanism: "ExecuteFallbackMechanismRequest",
	TagReturnFromFallback:       "ReturnFromFallbackRequest",
	TagEnableEmergencyProfile:   "EnableEmergencyProfileRequest",
	TagDisableEmergencyProfile:  "DisableEmergencyProfileRequest",
}

// ParseRefreshFlagRequest decodes a strict-DER refreshFlag request whose tag
// must be tag (one of those listed at [RefreshFlagRequest]).
func ParseRefreshFlagRequest(b []byte, tag asn1der.Tag) (RefreshFlagRequest, error) {
	return ParseRefreshFlagRequestMode(b, tag, asn1der.DER)
}

// ParseRefreshFlagRequestMode is [ParseRefreshFlagRequest] in mode m.
func ParseRefreshFlagRequestMode(b []byte, tag asn1der.Tag, m asn1der.Mode) (RefreshFlagRequest, error) {
	name, ok := refreshFlagRequestNames[tag]
	if !ok {
		return RefreshFlagRequest{}, parseErr("refreshFlag request", &asn1der.Error{Rule: asn1der.RuleUnexpectedTag, Tag: tag, Detail: "not a refreshFlag request"})
	}
	raw, v, ext, err := mgParseWrappedBool(b, m, tag, 0x80)
	if err != nil {
		return RefreshFlagRequest{}, parseErr(name, err)
	}
	return RefreshFlagRequest{Raw: raw, Tag: tag, RefreshFlag: v, Extensions: ext}, nil
}

// AppendRefreshFlagRequest appends q.Tag { 80 refreshFlag }.
func AppendRefreshFlagRequest(dst []byte, q RefreshFlagRequest) []byte {
	return mgAppendWrappedBool(dst, q.Tag, 0x80, q.RefreshFlag, q.Extensions)
}

// ProfileRollbackResponse is ES10b.ProfileRollback's response (SGP.32
// §5.9.16): BF58 { 02 cmdResult, [BF51 eUICCPackageResult] } — cmdResult is
// untagged next to a tagged member, so it keeps the universal INTEGER tag;
// [81] on the already [81]-tagged EuiccPackageResult is implicit, i.e. BF51.
type ProfileRollbackResponse struct {
	Raw                   []byte
	CmdResult             ProfileRollbackResult
	HasEuiccPackageResult bool
	EuiccPackageResult    EuiccPackageResult
	Extensions            []byte
}

// ParseProfileRollbackResponse decodes a strict-DER ProfileRollbackResponse.
func ParseProfileRollbackResponse(b []byte) (ProfileRollbackResponse, error) {
	return ParseProfileRollbackResponseMode(b, asn1der.DER)
}

// ParseProfileRollbackResponseMode is [ParseProfileRollbackResponse] in mode m.
func ParseProfileRollbackResponseMode(b []byte, m asn1der.Mode) (ProfileRollbackResponse, error) {
	var q ProfileRollbackResponse
	t, r, err := mgTop(b, TagProfileRollback, m)
	if err == nil {
		q.Raw = t.Raw
		var n int64
		if n, err = mgInt(&r, asn1der.TagInteger); err == nil {
			q.CmdResult = ProfileRollbackResult(n)
			var v asn1der.TLV
			if v, q.HasEuiccPackageResult, err = r.Optional(TagEuiccPackage); err == nil && q.HasEuiccPackageResult {
				q.EuiccPackageResult, err = parseEuiccPackageResultTLV(v, m)
			}
			if err == nil {
				q.Extensions, err = mgEnd(&r, asn1der.TagInteger, TagEuiccPackage)
			}
		}
	}
	if err != nil {
		return ProfileRollbackResponse{}, parseErr("ProfileRollbackResponse", err)
	}
	return q, nil
}

// AppendProfileRollbackResponse appends q; the eUICC Package result is copied
// from q.EuiccPackageResult.Raw when q.HasEuiccPackageResult.
func AppendProfileRollbackResponse(dst []byte, q *ProfileRollbackResponse) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagProfileRollback)
	dst = asn1der.AppendInt64(dst, asn1der.TagInteger, int64(q.CmdResult))
	if q.HasEuiccPackageResult {
		dst = append(dst, q.EuiccPackageResult.Raw...)
	}
	dst = append(dst, q.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// ConfigureImmediateProfileEnablingRequest is ES10b.ConfigureImmediateProfileEnabling's
// request (SGP.32 §5.9.17): BF59 { [80 NULL immediateEnableFlag]
// [81 defaultSmdpOid] [82 defaultSmdpAddress] }.
type ConfigureImmediateProfileEnablingRequest struct {
	Raw                 []byte
	ImmediateEnableFlag bool
	DefaultSmdpOid      []byte // OID contents, nil when absent
	DefaultSmdpAddress  []byte // nil when absent
	Extensions          []byte
}

// ParseConfigureImmediateProfileEnablingRequest decodes a strict-DER
// ConfigureImmediateProfileEnablingRequest.
func ParseConfigureImmediateProfileEnablingRequest(b []byte) (ConfigureImmediateProfileEnablingRequest, error) {
	return ParseConfigureImmediateProfileEnablingRequestMode(b, asn1der.DER)
}

// ParseConfigureImmediateProfileEnablingRequestMode is
// [ParseConfigureImmediateProfileEnablingRequest] in mode m.
func ParseConfigureImmediateProfileEnablingRequestMode(b []byte, m asn1der.Mode) (ConfigureImmediateProfileEnablingRequest, error) {
	var q ConfigureImmediateProfileEnablingRequest
	t, r, err := mgTop(b, TagConfigureImmediateProfileEnabling, m)
	if err == nil {
		q.Raw = t.Raw
		if q.ImmediateEnableFlag, q.DefaultSmdpOid, q.DefaultSmdpAddress, err = mgImmediateEnableConfig(&r); err == nil {
			q.Extensions, err = mgEnd(&r, 0x80, 0x81, 0x82)
		}
	}
	if err != nil {
		return ConfigureImmediateProfileEnablingRequest{}, parseErr("ConfigureImmediateProfileEnablingRequest", err)
	}
	return q, nil
}

// AppendConfigureImmediateProfileEnablingRequest appends q.
func AppendConfigureImmediateProfileEnablingRequest(dst []byte, q ConfigureImmediateProfileEnablingRequest) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagConfigureImmediateProfileEnabling)
	dst = mgAppendImmediateEnableConfig(dst, q.ImmediateEnableFlag, q.DefaultSmdpOid, q.DefaultSmdpAddress)
	dst = append(dst, q.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// EimAcknowledgements is a view of EimAcknowledgements (SGP.32 §2.11.1.4):
// BF53 { 80 seqNumber... } (SequenceNumber ::= [0] INTEGER).
type EimAcknowledgements struct {
	Raw  []byte
	list asn1der.Reader
}

// SequenceNumbers returns a cursor over the acknowledged sequence numbers.
func (a EimAcknowledgements) SequenceNumbers() ListIter[int64] {
	return newListIter(a.list, mgSeqNumber)
}

func mgSeqNumber(t asn1der.TLV, _ asn1der.Mode) (int64, error) {
	if t.Tag != 0x80 {
		return 0, mgWrongTag(t, 0x80)
	}
	return asn1der.Int64(t)
}

// ParseEimAcknowledgements decodes a strict-DER EimAcknowledgements.
func ParseEimAcknowledgements(b []byte) (EimAcknowledgements, error) {
	return ParseEimAcknowledgementsMode(b, asn1der.DER)
}

// ParseEimAcknowledgementsMode is [ParseEimAcknowledgements] in mode m.
func ParseEimAcknowledgementsMode(b []byte, m asn1der.Mode) (EimAcknowledgements, error) {
	t, r, err := mgTop(b, TagEimAcknowledgements, m)
	if err == nil {
		if _, err = mgList(r, 0x80, mgSeqNumber); err == nil {
			return EimAcknowledgements{Raw: t.Raw, list: r}, nil
		}
	}
	return EimAcknowledgements{}, parseErr("EimAcknowledgements", err)
}

// AppendEimAcknowledgements appends BF53 { 80 seqNumber... }.
func AppendEimAcknowledgements(dst []byte, seqNumbers ...int64) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagEimAcknowledgements)
	for _, n := range seqNumbers {
		dst = asn1der.AppendInt64(dst, 0x80, n)
	}
	return asn1der.AppendEnd(dst, mk)
}

// AddInitialEimRequest is ES10b.AddInitialEim's request (SGP.32 §5.9.4):
// BF57 { A0 { 30 EimConfigurationData... } }.
type AddInitialEimRequest struct {
	Raw        []byte
	Extensions []byte
	list       asn1der.Reader
}

// EimConfigurationDataList returns a cursor over the eIM configurations.
func (a AddInitialEimRequest) EimConfigurationDataList() ListIter[EimConfigurationData] {
	return newListIter(a.list, parseEimConfigurationDataTLV)
}

// ParseAddInitialEimRequest decodes a strict-DER AddInitialEimRequest.
func ParseAddInitialEimRequest(b []byte) (AddInitialEimRequest, error) {
	return ParseAddInitialEimRequestMode(b, asn1der.DER)
}

// ParseAddInitialEimRequestMode is [ParseAddInitialEimRequest] in mode m.
func ParseAddInitialEimRequestMode(b []byte, m asn1der.Mode) (AddInitialEimRequest, error) {
	var a AddInitialEimRequest
	t, r, err := mgTop(b, TagAddInitialEim, m)
	if err == nil {
		a.Raw = t.Raw
		var v asn1der.TLV
		if v, err = r.Expect(0xA0); err == nil {
			var c asn1der.Reader
			if c, err = r.Enter(v); err == nil {
				if _, err = mgList(c, asn1der.TagSequence, parseEimConfigurationDataTLV); err == nil {
					a.list = c
					a.Extensions, err = mgEnd(&r, 0xA0)
				}
			}
		}
	}
	if err != nil {
		return AddInitialEimRequest{}, parseErr("AddInitialEimRequest", err)
	}
	return a, nil
}

// AppendAddInitialEimRequest appends an AddInitialEimRequest holding configs.
func AppendAddInitialEimRequest(dst []byte, configs ...EimConfigurationData) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagAddInitialEim)
	dst, ml := asn1der.AppendBegin(dst, 0xA0)
	for i := range configs {
		dst = AppendEimConfigurationData(dst, &configs[i])
	}
	dst = asn1der.AppendEnd(dst, ml)
	return asn1der.AppendEnd(dst, mk)
}

// AddInitialEimResult is one entry of addInitialEimOk: a CHOICE of
// associationToken [4] INTEGER (84) or addOk NULL (05 00; untagged next to a
// tagged alternative).
type AddInitialEimResult struct {
	HasAssociationToken bool // false: addOk
	AssociationToken    int64
}

func parseAddInitialEimResult(t asn1der.TLV, _ asn1der.Mode) (AddInitialEimResult, error) {
	switch t.Tag {
	case 0x84:
		n, err := asn1der.Int64(t)
		return AddInitialEimResult{HasAssociationToken: true, AssociationToken: n}, err
	case asn1der.TagNull:
		return AddInitialEimResult{}, asn1der.Null(t)
	}
	return AddInitialEimResult{}, mgBadChoice(t)
}

// AddInitialEimResponse is ES10b.AddInitialEim's response, a CHOICE with
// automatic tags: BF57 { A0 { (84 token | 05 00)... } } or BF57 { 81 error }.
type AddInitialEimResponse struct {
	Raw     []byte
	IsError bool
	Error   AddInitialEimError
	list    asn1der.Reader
}

// Results returns a cursor over addInitialEimOk, one entry per eIM.
func (a AddInitialEimResponse) Results() ListIter[AddInitialEimResult] {
	if a.IsError {
		return ListIter[AddInitialEimResult]{}
	}
	return newListIter(a.list, parseAddInitialEimResult)
}

// ParseAddInitialEimResponse decodes a strict-DER AddInitialEimResponse.
func ParseAddInitialEimResponse(b []byte) (AddInitialEimResponse, error) {
	return ParseAddInitialEimResponseMode(b, asn1der.DER)
}

// ParseAddInitialEimResponseMode is [ParseAddInitialEimResponse] in mode m.
func ParseAddInitialEimResponseMode(b []byte, m asn1der.Mode) (AddInitialEimResponse, error) {
	var a AddInitialEimResponse
	t, r, err := mgTop(b, TagAddInitialEim, m)
	if err == nil {
		a.Raw = t.Raw
		var v asn1der.TLV
		if v, err = r.Next(); err == nil {
			switch v.Tag {
			case 0xA0:
				var c asn1der.Reader
				if c, err = r.Enter(v); err == nil {
					_, err = mgList(c, 0, parseAddInitialEimResult)
					a.list = c
				}
			case 0x81:
				var n int64
				n, err = asn1der.Int64(v)
				a.IsError, a.Error = true, AddInitialEimError(n)
			default:
				err = mgBadChoice(v)
			}
			if err == nil {
				err = mgEndExact(&r)
			}
		}
	}
	if err != nil {
		return AddInitialEimResponse{}, parseErr("AddInitialEimResponse", err)
	}
	return a, nil
}

// AppendAddInitialEimResponse appends the addInitialEimOk alternative.
func AppendAddInitialEimResponse(dst []byte, results ...AddInitialEimResult) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagAddInitialEim)
	dst, ml := asn1der.AppendBegin(dst, 0xA0)
	for _, x := range results {
		if x.HasAssociationToken {
			dst = asn1der.AppendInt64(dst, 0x84, x.AssociationToken)
		} else {
			dst = asn1der.AppendNull(dst, asn1der.TagNull)
		}
	}
	dst = asn1der.AppendEnd(dst, ml)
	return asn1der.AppendEnd(dst, mk)
}

// AppendAddInitialEimError appends the addInitialEimError alternative.
func AppendAddInitialEimError(dst []byte, code AddInitialEimError) []byte {
	return mgAppendWrappedInt(dst, TagAddInitialEim, 0x81, int64(code), nil)
}

// GetEimConfigurationDataRequest is ES10b.GetEimConfigurationData's request
// (SGP.32 §5.9.18): BF55 { [A0 { 80 eimId }] } — the untagged searchCriteria
// CHOICE gets the automatic tag [0], explicit.
type GetEimConfigurationDataRequest struct {
	Raw        []byte
	EimID      []byte // the search criterion; nil when absent (all eIMs)
	Extensions []byte
}

// ParseGetEimConfigurationDataRequest decodes a strict-DER
// GetEimConfigurationDataRequest.
func ParseGetEimConfigurationDataRequest(b []byte) (GetEimConfigurationDataRequest, error) {
	return ParseGetEimConfigurationDataRequestMode(b, asn1der.DER)
}

// ParseGetEimConfigurationDataRequestMode is
// [ParseGetEimConfigurationDataRequest] in mode m.
func ParseGetEimConfigurationDataRequestMode(b []byte, m asn1der.Mode) (GetEimConfigurationDataRequest, error) {
	var q GetEimConfigurationDataRequest
	t, r, err := mgTop(b, TagGetEimConfigurationData, m)
	if err == nil {
		q.Raw = t.Raw
		var w asn1der.TLV
		var ok bool
		if w, ok, err = r.Optional(0xA0); err == nil && ok {
			var c asn1der.Reader
			if c, err = r.Enter(w); err == nil {
				if q.EimID, err = mgEimID(&c, 0x80); err == nil {
					err = mgEndExact(&c)
				}
			}
		}
		if err == nil {
			q.Extensions, err = mgEnd(&r, 0xA0)
		}
	}
	if err != nil {
		return GetEimConfigurationDataRequest{}, parseErr("GetEimConfigurationDataRequest", err)
	}
	return q, nil
}

// AppendGetEimConfigurationDataRequest appends q (with the eimId criterion
// when q.EimID is not nil).
func AppendGetEimConfigurationDataRequest(dst []byte, q GetEimConfigurationDataRequest) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagGetEimConfigurationData)
	if q.EimID != nil {
		var mc asn1der.Mark
		dst, mc = asn1der.AppendBegin(dst, 0xA0)
		dst = asn1der.AppendTLV(dst, 0x80, q.EimID)
		dst = asn1der.AppendEnd(dst, mc)
	}
	dst = append(dst, q.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// GetEimConfigurationDataResponse is ES10b.GetEimConfigurationData's
// response: BF55 { A0 { 30 EimConfigurationData... } }.
type GetEimConfigurationDataResponse struct {
	Raw        []byte
	Extensions []byte
	list       asn1der.Reader
}

// EimConfigurationDataList returns a cursor over the eIM configurations.
func (g GetEimConfigurationDataResponse) EimConfigurationDataList() ListIter[EimConfigurationData] {
	if g.Raw == nil {
		return ListIter[EimConfigurationData]{}
	}
	return newListIter(g.list, parseEimConfigurationDataTLV)
}

// ParseGetEimConfigurationDataResponse decodes a strict-DER
// GetEimConfigurationDataResponse.
func ParseGetEimConfigurationDataResponse(b []byte) (GetEimConfigurationDataResponse, error) {
	return ParseGetEimConfigurationDataResponseMode(b, asn1der.DER)
}

// ParseGetEimConfigurationDataResponseMode is
// [ParseGetEimConfigurationDataResponse] in mode m.
func ParseGetEimConfigurationDataResponseMode(b []byte, m asn1der.Mode) (GetEimConfigurationDataResponse, error) {
	var g GetEimConfigurationDataResponse
	t, r, err := mgTop(b, TagGetEimConfigurationData, m)
	if err == nil {
		var v asn1der.TLV
		if v, err = r.Expect(0xA0); err == nil {
			var c asn1der.Reader
			if c, err = r.Enter(v); err == nil {
				if _, err = mgList(c, asn1der.TagSequence, parseEimConfigurationDataTLV); err == nil {
					g.Raw, g.list = t.Raw, c
					g.Extensions, err = mgEnd(&r, 0xA0)
				}
			}
		}
	}
	if err != nil {
		return GetEimConfigurationDataResponse{}, parseErr("GetEimConfigurationDataResponse", err)
	}
	return g, nil
}

// AppendGetEimConfigurationDataResponse appends a response holding configs.
func AppendGetEimConfigurationDataResponse(dst []byte, configs ...EimConfigurationData) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagGetEimConfigurationData)
	dst, ml := asn1der.AppendBegin(dst, 0xA0)
	for i := range configs {
		dst = AppendEimConfigurationData(dst, &configs[i])
	}
	dst = asn1der.AppendEnd(dst, ml)
	return asn1der.AppendEnd(dst, mk)
}
