package rsp

import (
	"strconv"

	"github.com/rspengine/rspengine/asn1der"
)

// SGP.32 V1.2 eUICC Package result (SGP.32 §2.11.2.1, RSP-FACTS §2.4.2, §2.7,
// §3.3, §6.3).

// EuiccPackageResultKind says which EuiccPackageResult alternative a result
// holds. The three alternatives are untagged SEQUENCEs, so AUTOMATIC TAGS
// gives them [0], [1], [2] (implicit).
type EuiccPackageResultKind uint8

// EuiccPackageResultKind values.
const (
	EuiccPackageResultSignedKind  EuiccPackageResultKind = 1 // A0 euiccPackageResultSigned
	EuiccPackageErrorSignedKind   EuiccPackageResultKind = 2 // A1 euiccPackageErrorSigned
	EuiccPackageErrorUnsignedKind EuiccPackageResultKind = 3 // A2 euiccPackageErrorUnsigned
)

// EuiccPackageResult is a view of EuiccPackageResult (BF51), a [81] CHOICE:
//
//	BF51 { A0 { 30 euiccPackageResultDataSigned, 5F37 euiccSignEPR } }
//	BF51 { A1 { 30 euiccPackageErrorDataSigned, 5F37 euiccSignEPE } }
//	BF51 { A2 { 80 eimId, [82 eimTransactionId], [84 associationToken] } }
//
// Both signatures cover the signed data's Raw followed by 84 L
// associationToken (SGP.32 v1.1+, RSP-FACTS §3.3).
type EuiccPackageResult struct {
	Raw  []byte
	Kind EuiccPackageResultKind
	// ResultData for EuiccPackageResultSignedKind.
	ResultData EuiccPackageResultDataSigned
	// ErrorData for EuiccPackageErrorSignedKind.
	ErrorData EuiccPackageErrorDataSigned
	// Signature and SignatureDO (the whole 5F37 TLV) for the two signed kinds.
	Signature   []byte
	SignatureDO []byte
	// ErrorUnsigned for EuiccPackageErrorUnsignedKind.
	ErrorUnsigned EuiccPackageErrorUnsigned
	// Extensions of the A0/A1/A2 SEQUENCE.
	Extensions []byte
}

// EuiccPackageResultDataSigned is a view of EuiccPackageResultDataSigned:
// 30 { 80 eimId, 81 counterValue, [82 eimTransactionId], 83 seqNumber,
// 30 { EuiccResultData... } } (euiccResult is untagged next to tagged
// members, so it keeps the universal SEQUENCE tag).
type EuiccPackageResultDataSigned struct {
	Raw              []byte // the whole 30 TLV, as signed
	EimID            []byte
	CounterValue     int64
	EimTransactionID []byte // nil when absent
	SeqNumber        int64
	Extensions       []byte
	results          asn1der.Reader
}

// EuiccResults returns a cursor over euiccResult; it allocates nothing.
func (d EuiccPackageResultDataSigned) EuiccResults() ListIter[EuiccResultData] {
	if d.Raw == nil {
		return ListIter[EuiccResultData]{}
	}
	return newListIter(d.results, parseEuiccResultDataTLV)
}

// EuiccPackageErrorDataSigned is a view of EuiccPackageErrorDataSigned:
// 30 { 80 eimId, 81 counterValue, [82 eimTransactionId], 02 euiccPackageErrorCode }.
type EuiccPackageErrorDataSigned struct {
	Raw                   []byte // the whole 30 TLV, as signed
	EimID                 []byte
	CounterValue          int64
	EimTransactionID      []byte
	EuiccPackageErrorCode EuiccPackageErrorCode
	Extensions            []byte
}

// EuiccPackageErrorUnsigned is EuiccPackageErrorUnsigned's members.
type EuiccPackageErrorUnsigned struct {
	EimID               []byte
	EimTransactionID    []byte
	HasAssociationToken bool
	AssociationToken    int64
}

// ParseEuiccPackageResult decodes a strict-DER EuiccPackageResult (BF51).
// Every EuiccResultData is checked here, so iterating them cannot fail.
func ParseEuiccPackageResult(b []byte) (EuiccPackageResult, error) {
	return ParseEuiccPackageResultMode(b, asn1der.DER)
}

// ParseEuiccPackageResultMode is [ParseEuiccPackageResult] in mode m.
func ParseEuiccPackageResultMode(b []byte, m asn1der.Mode) (EuiccPackageResult, error) {
	t, err := asn1der.ParseMode(b, m)
	if err == nil {
		var e EuiccPackageResult
		if e, err = parseEuiccPackageResultTLV(t, m); err == nil {
			return e, nil
		}
	}
	return EuiccPackageResult{}, parseErr("EuiccPackageResult", err)
}

func parseEuiccPackageResultTLV(t asn1der.TLV, m asn1der.Mode) (EuiccPackageResult, error) {
	e := EuiccPackageResult{Raw: t.Raw}
	if t.Tag != TagEuiccPackage {
		return e, mgWrongTag(t, TagEuiccPackage)
	}
	r, err := asn1der.Children(t, m)
	if err != nil {
		return e, err
	}
	alt, err := r.Next()
	if err != nil {
		return e, err
	}
	if err = mgEndExact(&r); err != nil {
		return e, err
	}
	c, err := r.Enter(alt)
	if err != nil {
		return e, err
	}
	switch alt.Tag {
	case 0xA0, 0xA1:
		var v asn1der.TLV
		if v, err = c.Expect(asn1der.TagSequence); err != nil {
			return e, err
		}
		if alt.Tag == 0xA0 {
			e.Kind = EuiccPackageResultSignedKind
			e.ResultData, err = parseEuiccPackageResultDataSigned(v, m)
		} else {
			e.Kind = EuiccPackageErrorSignedKind
			e.ErrorData, err = parseEuiccPackageErrorDataSigned(v, m)
		}
		if err != nil {
			return e, err
		}
		if v, err = c.Expect(TagSignature); err != nil {
			return e, err
		}
		e.Signature, e.SignatureDO = v.Value, v.Raw
		e.Extensions, err = mgEnd(&c, asn1der.TagSequence, TagSignature)
	case 0xA2:
		e.Kind = EuiccPackageErrorUnsignedKind
		u := &e.ErrorUnsigned
		if u.EimID, err = mgEimID(&c, 0x80); err != nil {
			return e, err
		}
		if u.EimTransactionID, err = mgOptTransactionID(&c, 0x82); err != nil {
			return e, err
		}
		if u.AssociationToken, u.HasAssociationToken, err = mgOptInt(&c, 0x84); err != nil {
			return e, err
		}
		e.Extensions, err = mgEnd(&c, 0x80, 0x82, 0x84)
	default:
		err = mgBadChoice(alt)
	}
	return e, err
}

func parseEuiccPackageResultDataSigned(t asn1der.TLV, m asn1der.Mode) (EuiccPackageResultDataSigned, error) {
	d := EuiccPackageResultDataSigned{Raw: t.Raw}
	r, err := asn1der.Children(t, m)
	if err != nil {
		return d, err
	}
	if d.EimID, err = mgEimID(&r, 0x80); err != nil {
		return d, err
	}
	if d.CounterValue, err = mgInt(&r, 0x81); err != nil {
		return d, err
	}
	if d.EimTransactionID, err = mgOptTransactionID(&r, 0x82); err != nil {
		return d, err
	}
	if d.SeqNumber, err = mgInt(&r, 0x83); err != nil {
		return d, err
	}
	v, err := r.Expect(asn1der.TagSequence)
	if err != nil {
		return d, err
	}
	c, err := r.Enter(v)
	if err != nil {
		return d, err
	}
	if _, err = mgList(c, 0, parseEuiccResultDataTLV); err != nil {
		return d, err
	}
	d.results = c
	d.Extensions, err = mgEnd(&r, 0x80, 0x81, 0x82, 0x83, asn1der.TagSequence)
	return d, err
}

func parseEuiccPackageErrorDataSigned(t asn1der.TLV, m asn1der.Mode) (EuiccPackageErrorDataSigned, error) {
	d := EuiccPackageErrorDataSigned{Raw: t.Raw}
	r, err := asn1der.Children(t, m)
	if err != nil {
		return d, err
	}
	if d.EimID, err = mgEimID(&r, 0x80); err != nil {
		return d, err
	}
	if d.CounterValue, err = mgInt(&r, 0x81); err != nil {
		return d, err
	}
	if d.EimTransactionID, err = mgOptTransactionID(&r, 0x82); err != nil {
		return d, err
	}
	n, err := mgInt(&r, asn1der.TagInteger)
	if err != nil {
		return d, err
	}
	d.EuiccPackageErrorCode = EuiccPackageErrorCode(n)
	d.Extensions, err = mgEnd(&r, 0x80, 0x81, 0x82, asn1der.TagInteger)
	return d, err
}

// AppendEuiccPackageResultDataSigned appends an EuiccPackageResultDataSigned
// (30 …) with the header fields of d and the given results (d.Raw is ignored).
func AppendEuiccPackageResultDataSigned(dst []byte, d *EuiccPackageResultDataSigned, results ...EuiccResultData) []byte {
	dst, mk := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = asn1der.AppendTLV(dst, 0x80, d.EimID)
	dst = asn1der.AppendInt64(dst, 0x81, d.CounterValue)
	if d.EimTransactionID != nil {
		dst = asn1der.AppendTLV(dst, 0x82, d.EimTransactionID)
	}
	dst = asn1der.AppendInt64(dst, 0x83, d.SeqNumber)
	dst, ml := asn1der.AppendBegin(dst, asn1der.TagSequence)
	for i := range results {
		dst = AppendEuiccResultData(dst, &results[i])
	}
	dst = asn1der.AppendEnd(dst, ml)
	dst = append(dst, d.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// AppendEuiccPackageErrorDataSigned appends an EuiccPackageErrorDataSigned (30 …).
func AppendEuiccPackageErrorDataSigned(dst []byte, d *EuiccPackageErrorDataSigned) []byte {
	dst, mk := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = asn1der.AppendTLV(dst, 0x80, d.EimID)
	dst = asn1der.AppendInt64(dst, 0x81, d.CounterValue)
	if d.EimTransactionID != nil {
		dst = asn1der.AppendTLV(dst, 0x82, d.EimTransactionID)
	}
	dst = asn1der.AppendInt64(dst, asn1der.TagInteger, int64(d.EuiccPackageErrorCode))
	dst = append(dst, d.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// AppendEuiccPackageResultSigned appends BF51 { A0 { signedData, 5F37 euiccSignEPR } }
// from the raw signed EuiccPackageResultDataSigned and its signature.
func AppendEuiccPackageResultSigned(dst, resultDataSigned, euiccSignEPR []byte) []byte {
	return mgAppendSignedResult(dst, 0xA0, resultDataSigned, euiccSignEPR, nil)
}

// AppendEuiccPackageErrorSigned appends BF51 { A1 { signedData, 5F37 euiccSignEPE } }.
func AppendEuiccPackageErrorSigned(dst, errorDataSigned, euiccSignEPE []byte) []byte {
	return mgAppendSignedResult(dst, 0xA1, errorDataSigned, euiccSignEPE, nil)
}

func mgAppendSignedResult(dst []byte, alt asn1der.Tag, signed, sig, ext []byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagEuiccPackage)
	dst, ma := asn1der.AppendBegin(dst, alt)
	dst = append(dst, signed...)
	dst = asn1der.AppendTLV(dst, TagSignature, sig)
	dst = append(dst, ext...)
	dst = asn1der.AppendEnd(dst, ma)
	return asn1der.AppendEnd(dst, mk)
}

// AppendEuiccPackageErrorUnsigned appends BF51 { A2 { 80 eimId [82 tid] [84 token] } }.
func AppendEuiccPackageErrorUnsigned(dst []byte, u EuiccPackageErrorUnsigned) []byte {
	return mgAppendErrorUnsigned(dst, u, nil)
}

func mgAppendErrorUnsigned(dst []byte, u EuiccPackageErrorUnsigned, ext []byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagEuiccPackage)
	dst, ma := asn1der.AppendBegin(dst, 0xA2)
	dst = asn1der.AppendTLV(dst, 0x80, u.EimID)
	if u.EimTransactionID != nil {
		dst = asn1der.AppendTLV(dst, 0x82, u.EimTransactionID)
	}
	if u.HasAssociationToken {
		dst = asn1der.AppendInt64(dst, 0x84, u.AssociationToken)
	}
	dst = append(dst, ext...)
	dst = asn1der.AppendEnd(dst, ma)
	return asn1der.AppendEnd(dst, mk)
}

// AppendEuiccPackageResult re-encodes a result view: the signed kinds from
// the raw signed data (ResultData.Raw / ErrorData.Raw) and Signature.
func AppendEuiccPackageResult(dst []byte, e *EuiccPackageResult) []byte {
	switch e.Kind {
	case EuiccPackageResultSignedKind:
		return mgAppendSignedResult(dst, 0xA0, e.ResultData.Raw, e.Signature, e.Extensions)
	case EuiccPackageErrorSignedKind:
		return mgAppendSignedResult(dst, 0xA1, e.ErrorData.Raw, e.Signature, e.Extensions)
	case EuiccPackageErrorUnsignedKind:
		return mgAppendErrorUnsigned(dst, e.ErrorUnsigned, e.Extensions)
	}
	return dst
}

// EuiccResultKind names the EuiccResultData alternative (the result of one
// PSMO or eCO).
type EuiccResultKind uint8

// EuiccResultKind values with their tags (RSP-FACTS §2.7).
const (
	ResultEnable                   EuiccResultKind = iota + 1 // 83 EnableProfileResult
	ResultDisable                                             // 84 DisableProfileResult
	ResultDelete                                              // 85 DeleteProfileResult
	ResultListProfileInfo                                     // BF2D ProfileInfoListResponse
	ResultGetRAT                                              // A6 RulesAuthorisationTable
	ResultConfigureImmediateEnable                            // 87 ConfigureImmediateEnableResult
	ResultAddEim                                              // A8 { 84 associationToken | 02 addEimResultCode }
	ResultDeleteEim                                           // 89 DeleteEimResult
	ResultUpdateEim                                           // 8A UpdateEimResult
	ResultListEim                                             // AB { A0 { EimIdInfo... } | 81 listEimError }
	ResultRollback                                            // 8C RollbackProfileResult
	ResultSetFallbackAttribute                                // 8D SetFallbackAttributeResult
	ResultUnsetFallbackAttribute                              // 8E UnsetFallbackAttributeResult
	ResultProcessingTerminated                                // 02 (untagged next to tagged alternatives)
	ResultSetDefaultDpAddress                                 // BF65 { 80 setDefaultDpAddressResult }
)

var euiccResultTags = [...]asn1der.Tag{0, 0x83, 0x84, 0x85, TagProfileInfoList, 0xA6, 0x87, 0xA8, 0x89, 0x8A, 0xAB,
	0x8C, 0x8D, 0x8E, asn1der.TagInteger, TagSetDefaultDpAddressSGP32}

var euiccResultKindNames = [...]string{"", "enableResult", "disableResult", "deleteResult", "listProfileInfoResult",
	"getRATResult", "configureImmediateEnableResult", "addEimResult", "deleteEimResult", "updateEimResult",
	"listEimResult", "rollbackResult", "setFallbackAttributeResult", "unsetFallbackAttributeResult",
	"processingTerminated", "setDefaultDpAddressResult"}

func (k EuiccResultKind) String() string {
	if int(k) < len(euiccResultKindNames) && k != 0 {
		return euiccResultKindNames[k]
	}
	return "euiccResult(" + strconv.FormatUint(uint64(k), 10) + ")"
}

// EuiccResultData is a view of one EuiccResultData. Code holds the INTEGER
// of every integer-valued kind (including the error alternatives of
// listProfileInfoResult, addEimResult and listEimResult, and the code inside
// setDefaultDpAddressResult); the typed accessors name it.
type EuiccResultData struct {
	Kind EuiccResultKind
	Raw  []byte
	Code int64
	// IsError is set for the error alternative of listProfileInfoResult,
	// addEimResult (addEimResultCode) and listEimResult.
	IsError bool
	// AssociationToken is the success alternative of addEimResult.
	AssociationToken int64
	// ProfileInfoList for ResultListProfileInfo.
	ProfileInfoList ProfileInfoListResponse
	// RAT for ResultGetRAT.
	RAT RulesAuthorisationTable
	// Extensions of setDefaultDpAddressResult.
	Extensions []byte
	list       asn1der.Reader
}

// EnableResult returns Code as an EnableProfileResult.
func (d EuiccResultData) EnableResult() EnableProfileResult { return EnableProfileResult(d.Code) }

// DisableResult returns Code as a DisableProfileResult.
func (d EuiccResultData) DisableResult() DisableProfileResult { return DisableProfileResult(d.Code) }

// DeleteResult returns Code as a DeleteProfileResult.
func (d EuiccResultData) DeleteResult() DeleteProfileResult { return DeleteProfileResult(d.Code) }

// ConfigureImmediateEnableResult returns Code as a ConfigureImmediateEnableResult.
func (d EuiccResultData) ConfigureImmediateEnableResult() ConfigureImmediateEnableResult {
	return ConfigureImmediateEnableResult(d.Code)
}

// AddEimResultCode returns Code as an AddEimResultCode (IsError alternative).
func (d EuiccResultData) AddEimResultCode() AddEimResultCode { return AddEimResultCode(d.Code) }

// DeleteEimResult returns Code as a DeleteEimResult.
func (d EuiccResultData) DeleteEimResult() DeleteEimResult { return DeleteEimResult(d.Code) }

// UpdateEimResult returns Code as an UpdateEimResult.
func (d EuiccResultData) UpdateEimResult() UpdateEimResult { return UpdateEimResult(d.Code) }

// ListEimError returns Code as a ListEimError (IsError alternative).
func (d EuiccResultData) ListEimError() ListEimError { return ListEimError(d.Code) }

// RollbackResult returns Code as a RollbackProfileResult.
func (d EuiccResultData) RollbackResult() RollbackProfileResult { return RollbackProfileResult(d.Code) }

// SetFallbackAttributeResult returns Code as a SetFallbackAttributeResult.
func (d EuiccResultData) SetFallbackAttributeResult() SetFallbackAttributeResult {
	return SetFallbackAttributeResult(d.Code)
}

// UnsetFallbackAttributeResult returns Code as an UnsetFallbackAttributeResult.
func (d EuiccResultData) UnsetFallbackAttributeResult() UnsetFallbackAttributeResult {
	return UnsetFallbackAttributeResult(d.Code)
}

// ProcessingTerminated returns Code as a ProcessingTerminated reason.
func (d EuiccResultData) ProcessingTerminated() ProcessingTerminated {
	return ProcessingTerminated(d.Code)
}

// SetDefaultDpAddressResult returns Code as a SetDefaultDpAddressResult.
func (d EuiccResultData) SetDefaultDpAddressResult() SetDefaultDpAddressResult {
	return SetDefaultDpAddressResult(d.Code)
}

// EimIDList returns a cursor over the eimIdList of a listEimResult.
func (d EuiccResultData) EimIDList() ListIter[EimIdInfo] {
	if d.Kind != ResultListEim || d.IsError {
		return ListIter[EimIdInfo]{}
	}
	return newListIter(d.list, parseEimIdInfo)
}

func parseEuiccResultDataTLV(t asn1der.TLV, m asn1der.Mode) (EuiccResultData, error) {
	d := EuiccResultData{Raw: t.Raw}
	var err error
	switch t.Tag {
	case 0x83, 0x84, 0x85, 0x87, 0x89, 0x8A, 0x8C, 0x8D, 0x8E, asn1der.TagInteger:
		for k, tag := range euiccResultTags {
			if tag == t.Tag {
				d.Kind = EuiccResultKind(k)
				break
			}
		}
		d.Code, err = asn1der.Int64(t)
	case TagProfileInfoList:
		d.Kind = ResultListProfileInfo
		d.ProfileInfoList, err = parseProfileInfoListResponseTLV(t, m)
		d.IsError, d.Code = d.ProfileInfoList.IsError, int64(d.ProfileInfoList.Error)
	case 0xA6:
		d.Kind = ResultGetRAT
		d.RAT, err = parseRAT(t, m)
	case 0xA8:
		d.Kind = ResultAddEim
		var r asn1der.Reader
		var v asn1der.TLV
		if r, err = asn1der.Children(t, m); err == nil {
			if v, err = r.Next(); err == nil {
				switch v.Tag {
				case 0x84:
					d.AssociationToken, err = asn1der.Int64(v)
				case asn1der.TagInteger:
					d.IsError = true
					d.Code, err = asn1der.Int64(v)
				default:
					err = mgBadChoice(v)
				}
				if err == nil {
					err = mgEndExact(&r)
				}
			}
		}
	case 0xAB:
		d.Kind = ResultListEim
		var r asn1der.Reader
		var v asn1der.TLV
		if r, err = asn1der.Children(t, m); err == nil {
			if v, err = r.Next(); err == nil {
				switch v.Tag {
				case 0xA0:
					var c asn1der.Reader
					if c, err = r.Enter(v); err == nil {
						_, err = mgList(c, asn1der.TagSequence, parseEimIdInfo)
						d.list = c
					}
				case 0x81:
					d.IsError = true
					d.Code, err = asn1der.Int64(v)
				default:
					err = mgBadChoice(v)
				}
				if err == nil {
					err = mgEndExact(&r)
				}
			}
		}
	case TagSetDefaultDpAddressSGP32:
		d.Kind = ResultSetDefaultDpAddress
		var r asn1der.Reader
		if r, err = asn1der.Children(t, m); err == nil {
			if d.Code, err = mgInt(&r, 0x80); err == nil {
				d.Extensions, err = mgEnd(&r, 0x80)
			}
		}
	default:
		err = mgBadChoice(t)
	}
	return d, err
}

// AppendEuiccResultData appends d according to d.Kind. Integer kinds and the
// error alternatives are encoded from Code (and AssociationToken); the
// composite successes (listProfileInfoResult, getRATResult, listEimResult
// with its list) are copied from d.Raw: build them with
// [AppendProfileInfoListResponse], [AppendEuiccResultGetRAT] and
// [AppendEuiccResultListEim].
func AppendEuiccResultData(dst []byte, d *EuiccResultData) []byte {
	switch d.Kind {
	case ResultEnable, ResultDisable, ResultDelete, ResultConfigureImmediateEnable, ResultDeleteEim,
		ResultUpdateEim, ResultRollback, ResultSetFallbackAttribute, ResultUnsetFallbackAttribute,
		ResultProcessingTerminated:
		return asn1der.AppendInt64(dst, euiccResultTags[d.Kind], d.Code)
	case ResultSetDefaultDpAddress:
		return mgAppendWrappedInt(dst, TagSetDefaultDpAddressSGP32, 0x80, d.Code, d.Extensions)
	case ResultAddEim:
		dst, mk := asn1der.AppendBegin(dst, 0xA8)
		if d.IsError {
			dst = asn1der.AppendInt64(dst, asn1der.TagInteger, d.Code)
		} else {
			dst = asn1der.AppendInt64(dst, 0x84, d.AssociationToken)
		}
		return asn1der.AppendEnd(dst, mk)
	case ResultListProfileInfo:
		if d.IsError {
			return AppendProfileInfoListError(dst, ProfileInfoListError(d.Code))
		}
		return append(dst, d.Raw...)
	case ResultListEim:
		if d.IsError {
			return mgAppendWrappedInt(dst, 0xAB, 0x81, d.Code, nil)
		}
		return append(dst, d.Raw...)
	case ResultGetRAT:
		return append(dst, d.Raw...)
	}
	return dst
}

// AppendEuiccResultCode appends an integer-valued EuiccResultData of kind k
// (not listProfileInfo, getRAT, addEim or listEim success).
func AppendEuiccResultCode(dst []byte, k EuiccResultKind, code int64) []byte {
	d := EuiccResultData{Kind: k, Code: code, IsError: true}
	return AppendEuiccResultData(dst, &d)
}

// AppendEuiccResultAddEimToken appends addEimResult's success alternative
// (A8 { 84 associationToken }).
func AppendEuiccResultAddEimToken(dst []byte, associationToken int64) []byte {
	d := EuiccResultData{Kind: ResultAddEim, AssociationToken: associationToken}
	return AppendEuiccResultData(dst, &d)
}

// AppendEuiccResultGetRAT appends a getRATResult (A6 { rule... }).
func AppendEuiccResultGetRAT(dst []byte, rules ...ProfilePolicyAuthorisationRule) []byte {
	return appendRAT(dst, 0xA6, rules)
}

// AppendEuiccResultListEim appends a listEimResult with its eimIdList
// (AB { A0 { 30 { 80 eimId [82 eimIdType] }... } }).
func AppendEuiccResultListEim(dst []byte, infos ...EimIdInfo) []byte {
	dst, mk := asn1der.AppendBegin(dst, 0xAB)
	dst, ml := asn1der.AppendBegin(dst, 0xA0)
	for _, e := range infos {
		dst = appendEimIdInfo(dst, e)
	}
	dst = asn1der.AppendEnd(dst, ml)
	return asn1der.AppendEnd(dst, mk)
}

// EimIdInfo is one entry of a listEim result: 30 { 80 eimId [82 eimIdType] }.
type EimIdInfo struct {
	EimID        []byte
	HasEimIDType bool
	EimIDType    EimIdType
}

func parseEimIdInfo(t asn1der.TLV, m asn1der.Mode) (EimIdInfo, error) {
	var e EimIdInfo
	if t.Tag != asn1der.TagSequence {
		return e, mgWrongTag(t, asn1der.TagSequence)
	}
	r, err := asn1der.Children(t, m)
	if err != nil {
		return e, err
	}
	if e.EimID, err = mgEimID(&r, 0x80); err != nil {
		return e, err
	}
	var n int64
	if n, e.HasEimIDType, err = mgOptInt(&r, 0x82); err != nil {
		return e, err
	}
	e.EimIDType = EimIdType(n)
	return e, mgEndExact(&r)
}

func appendEimIdInfo(dst []byte, e EimIdInfo) []byte {
	dst, mk := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = asn1der.AppendTLV(dst, 0x80, e.EimID)
	if e.HasEimIDType {
		dst = asn1der.AppendInt64(dst, 0x82, int64(e.EimIDType))
	}
	return asn1der.AppendEnd(dst, mk)
}
