package rsp

import "github.com/rspengine/rspengine/asn1der"

// SGP.32 V1.2 IPA ⇄ eUICC data and the profile download trigger (SGP.32
// §2.11.1.2, §2.11.1.3, §2.11.2.2, §2.11.2.3; RSP-FACTS §2.4.3).

// IpaEuiccDataRequest is a view of IpaEuiccDataRequest:
// BF52 { 5C tagList, [04 euiccCiPKIdentifierToBeUsed],
// [A1 { 80 seqNumber | 81 NotificationEvent }], [A2 { 80 seqNumber }],
// [83 eimTransactionId] }.
type IpaEuiccDataRequest struct {
	Raw     []byte
	TagList []byte // the tags of the IpaEuiccData members asked for
	// EuiccCiPKIdentifierToBeUsed (possibly truncated) is nil when absent.
	EuiccCiPKIdentifierToBeUsed []byte
	// NotificationSearch is NotificationSearchNone, …SeqNumber or
	// …ProfileManagementOperation (searchCriteriaNotification [1]).
	NotificationSearch          NotificationSearchKind
	NotificationSeqNumber       int64
	NotificationEvent           NotificationEvent
	HasEuiccPackageResultSearch bool // searchCriteriaEuiccPackageResult [2]
	EuiccPackageResultSeqNumber int64
	EimTransactionID            []byte // 83, nil when absent
	Extensions                  []byte
	eventBits                   int
}

// ParseIpaEuiccDataRequest decodes a strict-DER IpaEuiccDataRequest.
func ParseIpaEuiccDataRequest(b []byte) (IpaEuiccDataRequest, error) {
	return ParseIpaEuiccDataRequestMode(b, asn1der.DER)
}

// ParseIpaEuiccDataRequestMode is [ParseIpaEuiccDataRequest] in mode m.
func ParseIpaEuiccDataRequestMode(b []byte, m asn1der.Mode) (IpaEuiccDataRequest, error) {
	q, err := parseIpaEuiccDataRequest(b, m)
	if err != nil {
		return IpaEuiccDataRequest{}, parseErr("IpaEuiccDataRequest", err)
	}
	return q, nil
}

func parseIpaEuiccDataRequest(b []byte, m asn1der.Mode) (IpaEuiccDataRequest, error) {
	var q IpaEuiccDataRequest
	t, r, err := mgTop(b, TagIpaEuiccData, m)
	if err != nil {
		return q, err
	}
	q.Raw = t.Raw
	v, err := r.Expect(TagTagList)
	if err != nil {
		return q, err
	}
	q.TagList = v.Value
	if v, ok, err := r.Optional(asn1der.TagOctetString); err != nil {
		return q, err
	} else if ok {
		q.EuiccCiPKIdentifierToBeUsed = v.Value
	}
	if w, ok, err := r.Optional(0xA1); err != nil {
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
		case 0x80:
			q.NotificationSearch = NotificationSearchSeqNumber
			q.NotificationSeqNumber, err = asn1der.Int64(v)
		case 0x81:
			var bits uint64
			bits, q.eventBits, err = mgBits(v, m)
			q.NotificationSearch, q.NotificationEvent = NotificationSearchProfileManagementOperation, NotificationEvent(bits)
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
	if w, ok, err := r.Optional(0xA2); err != nil {
		return q, err
	} else if ok {
		c, err := r.Enter(w)
		if err != nil {
			return q, err
		}
		if q.EuiccPackageResultSeqNumber, err = mgInt(&c, 0x80); err != nil {
			return q, err
		}
		if err := mgEndExact(&c); err != nil {
			return q, err
		}
		q.HasEuiccPackageResultSearch = true
	}
	if q.EimTransactionID, err = mgOptTransactionID(&r, 0x83); err != nil {
		return q, err
	}
	q.Extensions, err = mgEnd(&r, TagTagList, asn1der.TagOctetString, 0xA1, 0xA2, 0x83)
	return q, err
}

// AppendIpaEuiccDataRequest appends q.
func AppendIpaEuiccDataRequest(dst []byte, q IpaEuiccDataRequest) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagIpaEuiccData)
	dst = asn1der.AppendTLV(dst, TagTagList, q.TagList)
	if q.EuiccCiPKIdentifierToBeUsed != nil {
		dst = asn1der.AppendTLV(dst, asn1der.TagOctetString, q.EuiccCiPKIdentifierToBeUsed)
	}
	if q.NotificationSearch == NotificationSearchSeqNumber || q.NotificationSearch == NotificationSearchProfileManagementOperation {
		var mc asn1der.Mark
		dst, mc = asn1der.AppendBegin(dst, 0xA1)
		if q.NotificationSearch == NotificationSearchSeqNumber {
			dst = asn1der.AppendInt64(dst, 0x80, q.NotificationSeqNumber)
		} else {
			dst = mgAppendBits(dst, 0x81, uint64(q.NotificationEvent), q.eventBits)
		}
		dst = asn1der.AppendEnd(dst, mc)
	}
	if q.HasEuiccPackageResultSearch {
		var mc asn1der.Mark
		dst, mc = asn1der.AppendBegin(dst, 0xA2)
		dst = asn1der.AppendInt64(dst, 0x80, q.EuiccPackageResultSeqNumber)
		dst = asn1der.AppendEnd(dst, mc)
	}
	if q.EimTransactionID != nil {
		dst = asn1der.AppendTLV(dst, 0x83, q.EimTransactionID)
	}
	dst = append(dst, q.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// IpaEuiccData is the data alternative of IpaEuiccDataResponse; each member
// is optional (nil or Has… false when absent). Composite members are kept as
// their whole TLVs, to be appended as they are by the builder. The two
// certificates are [5]/[6] IMPLICIT Certificate: EumCertificate and
// EuiccCertificate hold the contents octets, which become a standard X.509
// DER when wrapped as 30 L … (asn1der.AppendTLV(dst, 0x30, c)).
type IpaEuiccData struct {
	NotificationsList      []byte // A0 SEQUENCE OF PendingNotification (whole TLV)
	DefaultSmdpAddress     []byte // 81
	EuiccPackageResultList []byte // A2 SEQUENCE OF EuiccPackageResult (whole TLV)
	EuiccInfo1             []byte // BF20 (whole TLV; see ParseEUICCInfo1)
	EuiccInfo2             []byte // BF22 (whole TLV; see ParseEUICCInfo2)
	RootSmdsAddress        []byte // 83
	HasAssociationToken    bool
	AssociationToken       int64  // 84
	EumCertificate         []byte // A5 contents
	EuiccCertificate       []byte // A6 contents
	EimTransactionID       []byte // 87
	IpaCapabilities        []byte // A8 (whole TLV)
	DeviceInfo             []byte // A9 (whole TLV)
	Extensions             []byte
}

// Notifications returns a cursor over notificationsList.
func (d IpaEuiccData) Notifications() ListIter[PendingNotification] {
	return mgRawListIter(d.NotificationsList, parsePendingNotificationTLV)
}

// EuiccPackageResults returns a cursor over euiccPackageResultList.
func (d IpaEuiccData) EuiccPackageResults() ListIter[EuiccPackageResult] {
	return mgRawListIter(d.EuiccPackageResultList, parseEuiccPackageResultTLV)
}

func mgRawListIter[T any](raw []byte, parse func(asn1der.TLV, asn1der.Mode) (T, error)) ListIter[T] {
	if raw == nil {
		return ListIter[T]{}
	}
	t, err := asn1der.ParseMode(raw, asn1der.BER)
	if err != nil {
		return ListIter[T]{}
	}
	r, err := asn1der.Children(t, asn1der.BER)
	if err != nil {
		return ListIter[T]{}
	}
	return newListIter(r, parse)
}

// ipaEuiccDataOrder lists the members of IpaEuiccData in their order.
var ipaEuiccDataOrder = [...]asn1der.Tag{0xA0, 0x81, 0xA2, TagEUICCInfo1, TagEUICCInfo2, 0x83, 0x84, 0xA5, 0xA6, 0x87, 0xA8, 0xA9}

func parseIpaEuiccData(t asn1der.TLV, m asn1der.Mode) (IpaEuiccData, error) {
	var d IpaEuiccData
	r, err := asn1der.Children(t, m)
	if err != nil {
		return d, err
	}
	last := -1
	for !r.Empty() {
		rest := r.Rest()
		v, err := r.Next()
		if err != nil {
			return d, err
		}
		pos := -1
		for i, k := range ipaEuiccDataOrder {
			if k == v.Tag {
				pos = i
				break
			}
		}
		if pos < 0 {
			r = asn1der.NewReaderMode(rest, m)
			d.Extensions, err = mgEnd(&r, ipaEuiccDataOrder[:]...)
			return d, err
		}
		if pos <= last {
			return d, &asn1der.Error{Offset: v.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: v.Tag, Detail: "member out of order or repeated"}
		}
		last = pos
		switch v.Tag {
		case 0xA0, 0xA2:
			var c asn1der.Reader
			if c, err = r.Enter(v); err == nil {
				if v.Tag == 0xA0 {
					_, err = mgList(c, 0, parsePendingNotificationTLV)
					d.NotificationsList = v.Raw
				} else {
					_, err = mgList(c, TagEuiccPackage, parseEuiccPackageResultTLV)
					d.EuiccPackageResultList = v.Raw
				}
			}
		case 0x81:
			d.DefaultSmdpAddress, err = mgCheckUTF8(v)
		case 0x83:
			d.RootSmdsAddress, err = mgCheckUTF8(v)
		case 0x84:
			d.AssociationToken, err = asn1der.Int64(v)
			d.HasAssociationToken = true
		case 0x87:
			d.EimTransactionID, err = mgSized(v, 1, MaxTransactionID, "eimTransactionId is not 1 to 16 bytes")
		case TagEUICCInfo1, TagEUICCInfo2, 0xA5, 0xA6, 0xA8, 0xA9:
			if !v.Constructed() {
				err = &asn1der.Error{Offset: v.Offset, Rule: asn1der.RuleNotConstructed, Tag: v.Tag}
				break
			}
			switch v.Tag {
			case TagEUICCInfo1:
				d.EuiccInfo1 = v.Raw
			case TagEUICCInfo2:
				d.EuiccInfo2 = v.Raw
			case 0xA5:
				d.EumCertificate = v.Value
			case 0xA6:
				d.EuiccCertificate = v.Value
			case 0xA8:
				d.IpaCapabilities = v.Raw
			default:
				d.DeviceInfo = v.Raw
			}
		}
		if err != nil {
			return d, err
		}
	}
	return d, nil
}

func appendIpaEuiccData(dst []byte, t asn1der.Tag, d *IpaEuiccData) []byte {
	dst, mk := asn1der.AppendBegin(dst, t)
	dst = append(dst, d.NotificationsList...)
	if d.DefaultSmdpAddress != nil {
		dst = asn1der.AppendTLV(dst, 0x81, d.DefaultSmdpAddress)
	}
	dst = append(dst, d.EuiccPackageResultList...)
	dst = append(dst, d.EuiccInfo1...)
	dst = append(dst, d.EuiccInfo2...)
	if d.RootSmdsAddress != nil {
		dst = asn1der.AppendTLV(dst, 0x83, d.RootSmdsAddress)
	}
	if d.HasAssociationToken {
		dst = asn1der.AppendInt64(dst, 0x84, d.AssociationToken)
	}
	if d.EumCertificate != nil {
		dst = asn1der.AppendTLV(dst, 0xA5, d.EumCertificate)
	}
	if d.EuiccCertificate != nil {
		dst = asn1der.AppendTLV(dst, 0xA6, d.EuiccCertificate)
	}
	if d.EimTransactionID != nil {
		dst = asn1der.AppendTLV(dst, 0x87, d.EimTransactionID)
	}
	dst = append(dst, d.IpaCapabilities...)
	dst = append(dst, d.DeviceInfo...)
	dst = append(dst, d.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// AppendIpaNotificationsList appends a notificationsList (A0 { … }) from raw
// PendingNotification TLVs, the form [IpaEuiccData].NotificationsList holds.
func AppendIpaNotificationsList(dst []byte, pending ...[]byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, 0xA0)
	for _, p := range pending {
		dst = append(dst, p...)
	}
	return asn1der.AppendEnd(dst, mk)
}

// AppendIpaEuiccPackageResultList appends a euiccPackageResultList
// (A2 { BF51 … }) from raw EuiccPackageResult TLVs.
func AppendIpaEuiccPackageResultList(dst []byte, results ...[]byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, 0xA2)
	for _, p := range results {
		dst = append(dst, p...)
	}
	return asn1der.AppendEnd(dst, mk)
}

// IpaEuiccDataResponse is a view of IpaEuiccDataResponse, a [82] CHOICE with
// automatic tags: BF52 { A0 IpaEuiccData } or
// BF52 { A1 { [80 eimTransactionId] 02 ipaEuiccDataErrorCode } }.
type IpaEuiccDataResponse struct {
	Raw     []byte
	IsError bool
	Data    IpaEuiccData
	// The error alternative.
	ErrorEimTransactionID []byte
	ErrorCode             IpaEuiccDataErrorCode
	ErrorExtensions       []byte
}

// ParseIpaEuiccDataResponse decodes a strict-DER IpaEuiccDataResponse.
func ParseIpaEuiccDataResponse(b []byte) (IpaEuiccDataResponse, error) {
	return ParseIpaEuiccDataResponseMode(b, asn1der.DER)
}

// ParseIpaEuiccDataResponseMode is [ParseIpaEuiccDataResponse] in mode m.
func ParseIpaEuiccDataResponseMode(b []byte, m asn1der.Mode) (IpaEuiccDataResponse, error) {
	q, err := parseIpaEuiccDataResponse(b, m)
	if err != nil {
		return IpaEuiccDataResponse{}, parseErr("IpaEuiccDataResponse", err)
	}
	return q, nil
}

func parseIpaEuiccDataResponse(b []byte, m asn1der.Mode) (IpaEuiccDataResponse, error) {
	var q IpaEuiccDataResponse
	t, r, err := mgTop(b, TagIpaEuiccData, m)
	if err != nil {
		return q, err
	}
	q.Raw = t.Raw
	v, err := r.Next()
	if err != nil {
		return q, err
	}
	if err := mgEndExact(&r); err != nil {
		return q, err
	}
	switch v.Tag {
	case 0xA0:
		q.Data, err = parseIpaEuiccData(v, m)
		return q, err
	case 0xA1:
		q.IsError = true
		c, err := r.Enter(v)
		if err != nil {
			return q, err
		}
		if q.ErrorEimTransactionID, err = mgOptTransactionID(&c, 0x80); err != nil {
			return q, err
		}
		n, err := mgInt(&c, asn1der.TagInteger)
		if err != nil {
			return q, err
		}
		q.ErrorCode = IpaEuiccDataErrorCode(n)
		q.ErrorExtensions, err = mgEnd(&c, 0x80, asn1der.TagInteger)
		return q, err
	}
	return q, mgBadChoice(v)
}

// AppendIpaEuiccDataResponse appends q: the error alternative when
// q.IsError, else q.Data.
func AppendIpaEuiccDataResponse(dst []byte, q *IpaEuiccDataResponse) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagIpaEuiccData)
	if q.IsError {
		var mc asn1der.Mark
		dst, mc = asn1der.AppendBegin(dst, 0xA1)
		if q.ErrorEimTransactionID != nil {
			dst = asn1der.AppendTLV(dst, 0x80, q.ErrorEimTransactionID)
		}
		dst = asn1der.AppendInt64(dst, asn1der.TagInteger, int64(q.ErrorCode))
		dst = append(dst, q.ErrorExtensions...)
		dst = asn1der.AppendEnd(dst, mc)
	} else {
		dst = appendIpaEuiccData(dst, 0xA0, &q.Data)
	}
	return asn1der.AppendEnd(dst, mk)
}

// ProfileDownloadDataKind says which ProfileDownloadData alternative a
// ProfileDownloadTriggerRequest carries.
type ProfileDownloadDataKind uint8

// ProfileDownloadDataKind values.
const (
	ProfileDownloadDataAbsent         ProfileDownloadDataKind = iota
	ProfileDownloadActivationCode                             // 80 UTF8String (0..255)
	ProfileDownloadContactDefaultSmdp                         // 81 NULL
	ProfileDownloadContactSmds                                // A2 { [80 smdsAddress] }
)

// ProfileDownloadTriggerRequest is a view of ProfileDownloadTriggerRequest
// (SGP.32 §2.11.1.3): BF54 { [A0 { 80 activationCode | 81 NULL |
// A2 { [80 smdsAddress] } }] [82 eimTransactionId] } — profileDownloadData
// [0] is an explicit CHOICE; contactSmds' only member gets the automatic tag [0].
type ProfileDownloadTriggerRequest struct {
	Raw              []byte
	Kind             ProfileDownloadDataKind
	ActivationCode   []byte // for ProfileDownloadActivationCode
	SmdsAddress      []byte // for ProfileDownloadContactSmds; nil when absent
	EimTransactionID []byte
	Extensions       []byte
}

// ParseProfileDownloadTriggerRequest decodes a strict-DER
// ProfileDownloadTriggerRequest.
func ParseProfileDownloadTriggerRequest(b []byte) (ProfileDownloadTriggerRequest, error) {
	return ParseProfileDownloadTriggerRequestMode(b, asn1der.DER)
}

// ParseProfileDownloadTriggerRequestMode is
// [ParseProfileDownloadTriggerRequest] in mode m.
func ParseProfileDownloadTriggerRequestMode(b []byte, m asn1der.Mode) (ProfileDownloadTriggerRequest, error) {
	q, err := parseProfileDownloadTriggerRequest(b, m)
	if err != nil {
		return ProfileDownloadTriggerRequest{}, parseErr("ProfileDownloadTriggerRequest", err)
	}
	return q, nil
}

func parseProfileDownloadTriggerRequest(b []byte, m asn1der.Mode) (ProfileDownloadTriggerRequest, error) {
	var q ProfileDownloadTriggerRequest
	t, r, err := mgTop(b, TagProfileDownloadTrigger, m)
	if err != nil {
		return q, err
	}
	q.Raw = t.Raw
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
		case 0x80:
			q.Kind = ProfileDownloadActivationCode
			if _, err = mgSized(v, 0, 255, "activationCode longer than 255 bytes"); err == nil {
				q.ActivationCode, err = mgCheckUTF8(v)
			}
		case 0x81:
			q.Kind = ProfileDownloadContactDefaultSmdp
			err = asn1der.Null(v)
		case 0xA2:
			q.Kind = ProfileDownloadContactSmds
			var s asn1der.Reader
			if s, err = c.Enter(v); err == nil {
				if q.SmdsAddress, err = mgOptUTF8(&s, 0x80); err == nil {
					err = mgEndExact(&s)
				}
			}
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
	if q.EimTransactionID, err = mgOptTransactionID(&r, 0x82); err != nil {
		return q, err
	}
	q.Extensions, err = mgEnd(&r, 0xA0, 0x82)
	return q, err
}

// AppendProfileDownloadTriggerRequest appends q.
func AppendProfileDownloadTriggerRequest(dst []byte, q ProfileDownloadTriggerRequest) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagProfileDownloadTrigger)
	if q.Kind != ProfileDownloadDataAbsent {
		var mc asn1der.Mark
		dst, mc = asn1der.AppendBegin(dst, 0xA0)
		switch q.Kind {
		case ProfileDownloadActivationCode:
			dst = asn1der.AppendTLV(dst, 0x80, q.ActivationCode)
		case ProfileDownloadContactDefaultSmdp:
			dst = asn1der.AppendNull(dst, 0x81)
		default:
			var ms asn1der.Mark
			dst, ms = asn1der.AppendBegin(dst, 0xA2)
			if q.SmdsAddress != nil {
				dst = asn1der.AppendTLV(dst, 0x80, q.SmdsAddress)
			}
			dst = asn1der.AppendEnd(dst, ms)
		}
		dst = asn1der.AppendEnd(dst, mc)
	}
	if q.EimTransactionID != nil {
		dst = asn1der.AppendTLV(dst, 0x82, q.EimTransactionID)
	}
	dst = append(dst, q.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// ProfileDownloadTriggerResult is a view of ProfileDownloadTriggerResult
// (SGP.32 §2.11.2.3): BF54 { [82 eimTransactionId], (BF37 ProfileInstallationResult |
// 30 { 80 profileDownloadErrorReason, [04 errorResponse] }) } — the result
// CHOICE is untagged next to a tagged member, so its alternatives keep their
// own tags.
type ProfileDownloadTriggerResult struct {
	Raw              []byte
	EimTransactionID []byte
	IsError          bool
	// ProfileInstallationResult (the view of bpp_result.go) when !IsError.
	ProfileInstallationResult ProfileInstallationResult
	// The profileDownloadError alternative.
	ErrorReason     ProfileDownloadErrorReason
	ErrorResponse   []byte // nil when absent
	ErrorExtensions []byte
	Extensions      []byte
}

// ParseProfileDownloadTriggerResult decodes a strict-DER
// ProfileDownloadTriggerResult.
func ParseProfileDownloadTriggerResult(b []byte) (ProfileDownloadTriggerResult, error) {
	return ParseProfileDownloadTriggerResultMode(b, asn1der.DER)
}

// ParseProfileDownloadTriggerResultMode is
// [ParseProfileDownloadTriggerResult] in mode m.
func ParseProfileDownloadTriggerResultMode(b []byte, m asn1der.Mode) (ProfileDownloadTriggerResult, error) {
	q, err := parseProfileDownloadTriggerResult(b, m)
	if err != nil {
		return ProfileDownloadTriggerResult{}, parseErr("ProfileDownloadTriggerResult", err)
	}
	return q, nil
}

func parseProfileDownloadTriggerResult(b []byte, m asn1der.Mode) (ProfileDownloadTriggerResult, error) {
	var q ProfileDownloadTriggerResult
	t, r, err := mgTop(b, TagProfileDownloadTrigger, m)
	if err != nil {
		return q, err
	}
	q.Raw = t.Raw
	if q.EimTransactionID, err = mgOptTransactionID(&r, 0x82); err != nil {
		return q, err
	}
	v, err := r.Next()
	if err != nil {
		return q, err
	}
	switch v.Tag {
	case TagProfileInstallationResult:
		if q.ProfileInstallationResult, err = ParseProfileInstallationResultMode(v.Raw, m); err != nil {
			return q, err
		}
	case asn1der.TagSequence:
		q.IsError = true
		c, err := r.Enter(v)
		if err != nil {
			return q, err
		}
		n, err := mgInt(&c, 0x80)
		if err != nil {
			return q, err
		}
		q.ErrorReason = ProfileDownloadErrorReason(n)
		if w, ok, err := c.Optional(asn1der.TagOctetString); err != nil {
			return q, err
		} else if ok {
			q.ErrorResponse = w.Value
		}
		if q.ErrorExtensions, err = mgEnd(&c, 0x80, asn1der.TagOctetString); err != nil {
			return q, err
		}
	default:
		return q, mgBadChoice(v)
	}
	q.Extensions, err = mgEnd(&r, 0x82, TagProfileInstallationResult, asn1der.TagSequence)
	return q, err
}

// AppendProfileDownloadTriggerResult appends q; the installation result is
// copied from q.ProfileInstallationResult.Raw.
func AppendProfileDownloadTriggerResult(dst []byte, q *ProfileDownloadTriggerResult) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagProfileDownloadTrigger)
	if q.EimTransactionID != nil {
		dst = asn1der.AppendTLV(dst, 0x82, q.EimTransactionID)
	}
	if q.IsError {
		var mc asn1der.Mark
		dst, mc = asn1der.AppendBegin(dst, asn1der.TagSequence)
		dst = asn1der.AppendInt64(dst, 0x80, int64(q.ErrorReason))
		if q.ErrorResponse != nil {
			dst = asn1der.AppendTLV(dst, asn1der.TagOctetString, q.ErrorResponse)
		}
		dst = append(dst, q.ErrorExtensions...)
		dst = asn1der.AppendEnd(dst, mc)
	} else {
		dst = append(dst, q.ProfileInstallationResult.Raw...)
	}
	dst = append(dst, q.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}
