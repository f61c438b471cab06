package rsp

import "github.com/rspengine/rspengine/asn1der"

// Notifications (SGP.22 §5.7.9/§5.7.10 ES10b.ListNotification,
// RetrieveNotificationsList, RemoveNotificationFromList; RSP-FACTS §2.1.6) with
// the SGP.32 V1.2 extensions of RetrieveNotificationsList (RSP-FACTS §2.4.5,
// §2.4.6: euiccPackageResults search criterion, euiccPackageResultList
// response, compact pending notifications).

// NotificationMetadata is a view of NotificationMetadata (BF2F):
// BF2F { 80 seqNumber, 81 NotificationEvent, 0C notificationAddress, [5A iccid] }.
type NotificationMetadata struct {
	Raw                        []byte // the whole BF2F TLV: what euiccNotificationSignature covers (RSP-FACTS §3.2)
	SeqNumber                  int64
	ProfileManagementOperation NotificationEvent // the spec requires exactly one bit; not enforced here
	NotificationAddress        []byte            // FQDN (UTF8String)
	ICCID                      []byte            // 10 bytes, nil when absent
	Extensions                 []byte            // unknown trailing elements, appended again by the builder
	pmoBits                    int
}

// ParseNotificationMetadata decodes a strict-DER NotificationMetadata (BF2F).
func ParseNotificationMetadata(b []byte) (NotificationMetadata, error) {
	return ParseNotificationMetadataMode(b, asn1der.DER)
}

// ParseNotificationMetadataMode is [ParseNotificationMetadata] in mode m.
func ParseNotificationMetadataMode(b []byte, m asn1der.Mode) (NotificationMetadata, error) {
	t, err := asn1der.ParseMode(b, m)
	if err == nil {
		var n NotificationMetadata
		n, err = parseNotificationMetadataTLV(t, m)
		if err == nil {
			return n, nil
		}
	}
	return NotificationMetadata{}, parseErr("NotificationMetadata", err)
}

func parseNotificationMetadataTLV(t asn1der.TLV, m asn1der.Mode) (NotificationMetadata, error) {
	var n NotificationMetadata
	if t.Tag != TagNotificationMetadata {
		return n, mgWrongTag(t, TagNotificationMetadata)
	}
	r, err := asn1der.Children(t, m)
	if err != nil {
		return n, err
	}
	n.Raw = t.Raw
	if n.SeqNumber, err = mgInt(&r, 0x80); err != nil {
		return n, err
	}
	v, err := r.Expect(0x81)
	if err != nil {
		return n, err
	}
	bits, nb, err := mgBits(v, m)
	if err != nil {
		return n, err
	}
	n.ProfileManagementOperation, n.pmoBits = NotificationEvent(bits), nb
	if n.NotificationAddress, err = mgUTF8(&r, asn1der.TagUTF8String); err != nil {
		return n, err
	}
	if v, ok, err := r.Optional(TagICCID); err != nil {
		return n, err
	} else if ok {
		if n.ICCID, err = mgICCID(v); err != nil {
			return n, err
		}
	}
	n.Extensions, err = mgEnd(&r, 0x80, 0x81, asn1der.TagUTF8String, TagICCID)
	return n, err
}

// AppendNotificationMetadata appends NotificationMetadata (BF2F) built from
// n's fields (n.Raw is ignored).
func AppendNotificationMetadata(dst []byte, n NotificationMetadata) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagNotificationMetadata)
	dst = asn1der.AppendInt64(dst, 0x80, n.SeqNumber)
	dst = mgAppendBits(dst, 0x81, uint64(n.ProfileManagementOperation), n.pmoBits)
	dst = asn1der.AppendTLV(dst, asn1der.TagUTF8String, n.NotificationAddress)
	if n.ICCID != nil {
		dst = asn1der.AppendTLV(dst, TagICCID, n.ICCID)
	}
	dst = append(dst, n.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// ListNotificationRequest is ES10b.ListNotification's request (BF28):
// BF28 { [81 profileManagementOperation] }.
type ListNotificationRequest struct {
	Raw []byte
	// HasFilter reports whether profileManagementOperation is present.
	HasFilter                  bool
	ProfileManagementOperation NotificationEvent
	Extensions                 []byte
	pmoBits                    int
}

// ParseListNotificationRequest decodes a strict-DER ListNotificationRequest.
func ParseListNotificationRequest(b []byte) (ListNotificationRequest, error) {
	return ParseListNotificationRequestMode(b, asn1der.DER)
}

// ParseListNotificationRequestMode is [ParseListNotificationRequest] in mode m.
func ParseListNotificationRequestMode(b []byte, m asn1der.Mode) (ListNotificationRequest, error) {
	var q ListNotificationRequest
	t, r, err := mgTop(b, TagListNotification, m)
	if err == nil {
		q.Raw = t.Raw
		var v asn1der.TLV
		if v, q.HasFilter, err = r.Optional(0x81); err == nil && q.HasFilter {
			var bits uint64
			bits, q.pmoBits, err = mgBits(v, m)
			q.ProfileManagementOperation = NotificationEvent(bits)
		}
		if err == nil {
			q.Extensions, err = mgEnd(&r, 0x81)
		}
	}
	if err != nil {
		return ListNotificationRequest{}, parseErr("ListNotificationRequest", err)
	}
	return q, nil
}

// AppendListNotificationRequest appends a ListNotificationRequest; the filter
// is written when q.HasFilter is true.
func AppendListNotificationRequest(dst []byte, q ListNotificationRequest) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagListNotification)
	if q.HasFilter {
		dst = mgAppendBits(dst, 0x81, uint64(q.ProfileManagementOperation), q.pmoBits)
	}
	dst = append(dst, q.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// ListNotificationResponse is ES10b.ListNotification's response (BF28), a
// CHOICE: BF28 { A0 { NotificationMetadata... } } or BF28 { 81 error }.
type ListNotificationResponse struct {
	Raw []byte
	// IsError selects the error alternative; Error is then its code.
	IsError bool
	Error   NotificationsListError
	list    asn1der.Reader
}

// NotificationMetadataList returns a cursor over the notificationMetadataList
// (empty for the error alternative).
func (l ListNotificationResponse) NotificationMetadataList() ListIter[NotificationMetadata] {
	return newListIter(l.list, parseNotificationMetadataTLV)
}

// ParseListNotificationResponse decodes a strict-DER ListNotificationResponse.
func ParseListNotificationResponse(b []byte) (ListNotificationResponse, error) {
	return ParseListNotificationResponseMode(b, asn1der.DER)
}

// ParseListNotificationResponseMode is [ParseListNotificationResponse] in mode m.
func ParseListNotificationResponseMode(b []byte, m asn1der.Mode) (ListNotificationResponse, error) {
	var l ListNotificationResponse
	t, r, err := mgTop(b, TagListNotification, m)
	if err == nil {
		l.Raw = t.Raw
		var v asn1der.TLV
		if v, err = r.Next(); err == nil {
			switch v.Tag {
			case 0xA0:
				var c asn1der.Reader
				if c, err = r.Enter(v); err == nil {
					var it ListIter[NotificationMetadata]
					it, err = mgList(c, TagNotificationMetadata, parseNotificationMetadataTLV)
					l.list = it.r
				}
			case 0x81:
				var code int64
				code, err = asn1der.Int64(v)
				l.IsError, l.Error = true, NotificationsListError(code)
			default:
				err = mgBadChoice(v)
			}
		}
		if err == nil {
			err = mgEndExact(&r)
		}
	}
	if err != nil {
		return ListNotificationResponse{}, parseErr("ListNotificationResponse", err)
	}
	return l, nil
}

// AppendListNotificationResponse appends the notificationMetadataList
// alternative of a ListNotificationResponse.
func AppendListNotificationResponse(dst []byte, list ...NotificationMetadata) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagListNotification)
	dst, ml := asn1der.AppendBegin(dst, 0xA0)
	for _, n := range list {
		dst = AppendNotificationMetadata(dst, n)
	}
	dst = asn1der.AppendEnd(dst, ml)
	return asn1der.AppendEnd(dst, mk)
}

// AppendListNotificationResponseError appends the listNotificationsResultError
// alternative of a ListNotificationResponse.
func AppendListNotificationResponseError(dst []byte, code NotificationsListError) []byte {
	return mgAppendWrappedInt(dst, TagListNotification, 0x81, int64(code), nil)
}

// NotificationSearchKind says which searchCriteria alternative a
// RetrieveNotificationsListRequest carries.
type NotificationSearchKind uint8

// NotificationSearchKind values.
const (
	NotificationSearchNone                       NotificationSearchKind = iota // no searchCriteria
	NotificationSearchSeqNumber                                                // seqNumber [0]
	NotificationSearchProfileManagementOperation                               // profileManagementOperation [1]
	NotificationSearchEuiccPackageResults                                      // euiccPackageResults [2] NULL (SGP.32 V1.2)
)

// RetrieveNotificationsListRequest is ES10b.RetrieveNotificationsList's
// request (BF2B). searchCriteria is an untagged CHOICE in a SEQUENCE whose only
// member is untagged, so AUTOMATIC TAGS gives it [0], explicit for a CHOICE
// (RSP-FACTS §2.7): BF2B { [A0 { 80 seqNumber | 81 NotificationEvent |
// 82 NULL }] }. The 82 alternative is SGP.32 V1.2 (§2.4.5).
type RetrieveNotificationsListRequest struct {
	Raw                        []byte
	Search                     NotificationSearchKind
	SeqNumber                  int64             // for NotificationSearchSeqNumber
	ProfileManagementOperation NotificationEvent // for NotificationSearchProfileManagementOperation
	Extensions                 []byte
	pmoBits                    int
}

// ParseRetrieveNotificationsListRequest decodes a strict-DER
// RetrieveNotificationsListRequest (SGP.22 or SGP.32 V1.2).
func ParseRetrieveNotificationsListRequest(b []byte) (RetrieveNotificationsListRequest, error) {
	return ParseRetrieveNotificationsListRequestMode(b, asn1der.DER)
}

// ParseRetrieveNotificationsListRequestMode is
// [ParseRetrieveNotificationsListRequest] in mode m.
func ParseRetrieveNotificationsListRequestMode(b []byte, m asn1der.Mode) (RetrieveNotificationsListRequest, error) {
	var q RetrieveNotificationsListRequest
	t, r, err := mgTop(b, TagRetrieveNotificationsList, m)
	if err == nil {
		q.Raw = t.Raw
		var w asn1der.TLV
		var ok bool
		if w, ok, err = r.Optional(0xA0); err == nil && ok {
			var c asn1der.Reader
			var v asn1der.TLV
			if c, err = r.Enter(w); err == nil {
				v, err = c.Next()
			}
			if err == nil {
				switch v.Tag {
				case 0x80:
					q.Search = NotificationSearchSeqNumber
					q.SeqNumber, err = asn1der.Int64(v)
				case 0x81:
					var bits uint64
					bits, q.pmoBits, err = mgBits(v, m)
					q.Search, q.ProfileManagementOperation = NotificationSearchProfileManagementOperation, NotificationEvent(bits)
				case 0x82:
					q.Search = NotificationSearchEuiccPackageResults
					err = asn1der.Null(v)
				default:
					err = mgBadChoice(v)
				}
			}
			if err == nil {
				err = mgEndExact(&c)
			}
		}
		if err == nil {
			q.Extensions, err = mgEnd(&r, 0xA0)
		}
	}
	if err != nil {
		return RetrieveNotificationsListRequest{}, parseErr("RetrieveNotificationsListRequest", err)
	}
	return q, nil
}

// AppendRetrieveNotificationsListRequest appends a
// RetrieveNotificationsListRequest with the search criterion q.Search.
func AppendRetrieveNotificationsListRequest(dst []byte, q RetrieveNotificationsListRequest) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagRetrieveNotificationsList)
	if q.Search != NotificationSearchNone {
		var mc asn1der.Mark
		dst, mc = asn1der.AppendBegin(dst, 0xA0)
		switch q.Search {
		case NotificationSearchSeqNumber:
			dst = asn1der.AppendInt64(dst, 0x80, q.SeqNumber)
		case NotificationSearchProfileManagementOperation:
			dst = mgAppendBits(dst, 0x81, uint64(q.ProfileManagementOperation), q.pmoBits)
		default:
			dst = asn1der.AppendNull(dst, 0x82)
		}
		dst = asn1der.AppendEnd(dst, mc)
	}
	dst = append(dst, q.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// PendingNotificationKind says which PendingNotification alternative a view
// holds.
type PendingNotificationKind uint8

// PendingNotificationKind values.
const (
	PendingProfileInstallationResult        PendingNotificationKind = iota + 1 // BF37
	PendingOtherSignedNotification                                             // 30
	PendingCompactProfileInstallationResult                                    // A0 (SGP.32 V1.2 compact form)
	PendingCompactOtherSignedNotification                                      // A1 (SGP.32 V1.2 compact form)
)

// PendingNotification is a view of a PendingNotification CHOICE (SGP.22
// RSP-FACTS §2.1.6; SGP.32-PendingNotification §2.4.6 adds the compact
// alternatives A0 and A1).
//
// A ProfileInstallationResult (BF37) is decoded with
// [ParseProfileInstallationResultMode]; its notificationMetadata is copied to
// Metadata. The compact forms are decoded into Compact (A0) or Metadata and
// EID (A1); they have no builder here (rebuild them from Raw).
type PendingNotification struct {
	Kind PendingNotificationKind
	Raw  []byte // the whole alternative's TLV
	// Metadata is the NotificationMetadata inside the notification (for
	// PendingProfileInstallationResult, PendingOtherSignedNotification and
	// PendingCompactOtherSignedNotification).
	Metadata NotificationMetadata
	// ProfileInstallationResult holds the view of bpp_result.go for
	// PendingProfileInstallationResult.
	ProfileInstallationResult ProfileInstallationResult
	// Other holds the OtherSignedNotification for PendingOtherSignedNotification.
	Other OtherSignedNotification
	// Compact holds the CompactProfileInstallationResultData for
	// PendingCompactProfileInstallationResult.
	Compact CompactProfileInstallationResultData
	// EID is the optional eidValue (5A) of a compact other-signed notification.
	EID []byte
	// Signature is the 5F37 signature value of the alternative.
	Signature []byte
}

// ParsePendingNotification decodes one strict-DER PendingNotification.
func ParsePendingNotification(b []byte) (PendingNotification, error) {
	return ParsePendingNotificationMode(b, asn1der.DER)
}

// ParsePendingNotificationMode is [ParsePendingNotification] in mode m.
func ParsePendingNotificationMode(b []byte, m asn1der.Mode) (PendingNotification, error) {
	t, err := asn1der.ParseMode(b, m)
	if err == nil {
		var p PendingNotification
		if p, err = parsePendingNotificationTLV(t, m); err == nil {
			return p, nil
		}
	}
	return PendingNotification{}, parseErr("PendingNotification", err)
}

func parsePendingNotificationTLV(t asn1der.TLV, m asn1der.Mode) (PendingNotification, error) {
	p := PendingNotification{Raw: t.Raw}
	var err error
	switch t.Tag {
	case TagProfileInstallationResult:
		p.Kind = PendingProfileInstallationResult
		if p.ProfileInstallationResult, err = ParseProfileInstallationResultMode(t.Raw, m); err == nil {
			p.Metadata = p.ProfileInstallationResult.Data.NotificationMetadata
			p.Signature = p.ProfileInstallationResult.EuiccSignPIR
		}
	case asn1der.TagSequence:
		p.Kind = PendingOtherSignedNotification
		if p.Other, err = parseOtherSignedNotificationTLV(t, m); err == nil {
			p.Metadata, p.Signature = p.Other.TbsOtherNotification, p.Other.EuiccNotificationSignature
		}
	case 0xA0:
		p.Kind = PendingCompactProfileInstallationResult
		var r asn1der.Reader
		if r, err = asn1der.Children(t, m); err == nil {
			var v asn1der.TLV
			if v, err = r.Expect(0xA0); err == nil {
				if p.Compact, err = parseCompactPIRData(v, m); err == nil {
					if v, err = r.Expect(TagSignature); err == nil {
						p.Signature = v.Value
						_, err = mgEnd(&r, 0xA0, TagSignature)
					}
				}
			}
		}
	case 0xA1:
		p.Kind = PendingCompactOtherSignedNotification
		var r asn1der.Reader
		if r, err = asn1der.Children(t, m); err != nil {
			return p, err
		}
		if v, ok, e := r.Optional(TagEID); e != nil {
			return p, e
		} else if ok {
			if p.EID, err = mgSized(v, 16, 16, "eidValue is not 16 bytes"); err != nil {
				return p, err
			}
		}
		var v asn1der.TLV
		if v, err = r.Next(); err != nil {
			return p, err
		}
		if p.Metadata, err = parseNotificationMetadataTLV(v, m); err != nil {
			return p, err
		}
		if v, err = r.Expect(TagSignature); err != nil {
			return p, err
		}
		p.Signature = v.Value
		_, err = mgEnd(&r, TagEID, TagNotificationMetadata, TagSignature)
	default:
		err = mgBadChoice(t)
	}
	return p, err
}

// CompactProfileInstallationResultData is the SGP.32 V1.2 compact form of a
// ProfileInstallationResultData (RSP-FACTS §2.4.6): A0 { 80 transactionId,
// 02 seqNumber, [01 iccidPresent], A2 { A0 { 4F compactAid [04 simaResponse] } |
// A1 ErrorResult } } (mixed tags: no automatic tagging in the SEQUENCE; the
// two untagged alternatives of the explicit [2] CHOICE get [0] and [1]).
// euiccSignPIR still covers the full ProfileInstallationResultData, which
// the receiver reconstructs (RSP-FACTS §3.3; rules not verified there).
type CompactProfileInstallationResultData struct {
	TransactionID []byte
	SeqNumber     int64
	IccidPresent  bool // DEFAULT TRUE: encoded only when FALSE
	IsSuccess     bool
	CompactAid    []byte      // bytes 14 and 15 of the ISD-P AID
	SimaResponse  []byte      // nil when absent (it then means the 9-byte success EUICCResponse)
	Error         ErrorResult // for !IsSuccess (the view of bpp_result.go)
}

func parseCompactPIRData(t asn1der.TLV, m asn1der.Mode) (CompactProfileInstallationResultData, error) {
	c := CompactProfileInstallationResultData{IccidPresent: true}
	r, err := asn1der.Children(t, m)
	if err != nil {
		return c, err
	}
	v, err := r.Expect(0x80)
	if err != nil {
		return c, err
	}
	if c.TransactionID, err = mgSized(v, 1, MaxTransactionID, "transactionId is not 1 to 16 bytes"); err != nil {
		return c, err
	}
	if c.SeqNumber, err = mgInt(&r, asn1der.TagInteger); err != nil {
		return c, err
	}
	if v, ok, err := r.Optional(asn1der.TagBoolean); err != nil {
		return c, err
	} else if ok {
		if c.IccidPresent, err = asn1der.Bool(v, m); err != nil {
			return c, err
		}
		if c.IccidPresent && m == asn1der.DER {
			return c, badValueErr(v, "iccidPresent DEFAULT TRUE encoded (DER omits it)")
		}
	}
	if v, err = r.Expect(0xA2); err != nil {
		return c, err
	}
	fr, err := r.Enter(v)
	if err != nil {
		return c, err
	}
	alt, err := fr.Next()
	if err != nil {
		return c, err
	}
	if err := mgEndExact(&fr); err != nil {
		return c, err
	}
	a, err := fr.Enter(alt)
	if err != nil {
		return c, err
	}
	switch alt.Tag {
	case 0xA0:
		c.IsSuccess = true
		if v, err = a.Expect(TagISDPAid); err != nil {
			return c, err
		}
		if c.CompactAid, err = mgSized(v, 2, 2, "compactAid is not 2 bytes"); err != nil {
			return c, err
		}
		if v, ok, err := a.Optional(asn1der.TagOctetString); err != nil {
			return c, err
		} else if ok {
			c.SimaResponse = v.Value
		}
		_, err = mgEnd(&a, TagISDPAid, asn1der.TagOctetString)
	case 0xA1:
		var n int64
		if n, err = mgInt(&a, 0x80); err != nil {
			return c, err
		}
		c.Error.BppCommandID = BppCommandID(n)
		if n, err = mgInt(&a, 0x81); err != nil {
			return c, err
		}
		c.Error.ErrorReason = ErrorReason(n)
		if v, ok, err := a.Optional(0x82); err != nil {
			return c, err
		} else if ok {
			c.Error.SimaResponse = v.Value
		}
		c.Error.Extensions, err = mgEnd(&a, 0x80, 0x81, 0x82)
	default:
		err = mgBadChoice(alt)
	}
	if err != nil {
		return c, err
	}
	_, err = mgEnd(&r, 0x80, asn1der.TagInteger, asn1der.TagBoolean, 0xA2)
	return c, err
}

// OtherSignedNotification is a view of OtherSignedNotification (RSP-FACTS
// §2.1.6): 30 { BF2F tbsOtherNotification, 5F37 euiccNotificationSignature,
// 30 euiccCertificate, 30 eumCertificate }. The signature covers
// TbsOtherNotification.Raw (RSP-FACTS §3.2).
type OtherSignedNotification struct {
	Raw                          []byte
	TbsOtherNotification         NotificationMetadata
	EuiccNotificationSignature   []byte // r‖s
	EuiccNotificationSignatureDO []byte // the whole 5F37 TLV
	EuiccCertificate             []byte // raw 30 TLV (CERT.EUICC.ECDSA)
	EumCertificate               []byte // raw 30 TLV (CERT.EUM.ECDSA)
	Extensions                   []byte
}

// ParseOtherSignedNotification decodes a strict-DER OtherSignedNotification.
func ParseOtherSignedNotification(b []byte) (OtherSignedNotification, error) {
	t, err := asn1der.Parse(b)
	if err == nil {
		var o OtherSignedNotification
		if o, err = parseOtherSignedNotificationTLV(t, asn1der.DER); err == nil {
			return o, nil
		}
	}
	return OtherSignedNotification{}, parseErr("OtherSignedNotification", err)
}

func parseOtherSignedNotificationTLV(t asn1der.TLV, m asn1der.Mode) (OtherSignedNotification, error) {
	var o OtherSignedNotification
	if t.Tag != asn1der.TagSequence {
		return o, mgWrongTag(t, asn1der.TagSequence)
	}
	r, err := asn1der.Children(t, m)
	if err != nil {
		return o, err
	}
	o.Raw = t.Raw
	v, err := r.Next()
	if err != nil {
		return o, err
	}
	if o.TbsOtherNotification, err = parseNotificationMetadataTLV(v, m); err != nil {
		return o, err
	}
	if v, err = r.Expect(TagSignature); err != nil {
		return o, err
	}
	o.EuiccNotificationSignature, o.EuiccNotificationSignatureDO = v.Value, v.Raw
	if v, err = r.Expect(asn1der.TagSequence); err != nil {
		return o, err
	}
	o.EuiccCertificate = v.Raw
	if v, err = r.Expect(asn1der.TagSequence); err != nil {
		return o, err
	}
	o.EumCertificate = v.Raw
	o.Extensions, err = mgEnd(&r, TagNotificationMetadata, TagSignature)
	return o, err
}

// AppendOtherSignedNotification appends an OtherSignedNotification: the raw
// signed NotificationMetadata o.TbsOtherNotification.Raw (BF2F …, as
// produced by [AppendNotificationMetadata] and signed), the 64-byte
// o.EuiccNotificationSignature and the two raw certificates.
func AppendOtherSignedNotification(dst []byte, o OtherSignedNotification) []byte {
	dst, mk := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = append(dst, o.TbsOtherNotification.Raw...)
	dst = asn1der.AppendTLV(dst, TagSignature, o.EuiccNotificationSignature)
	dst = append(dst, o.EuiccCertificate...)
	dst = append(dst, o.EumCertificate...)
	dst = append(dst, o.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// RetrieveNotificationsListResponse is ES10b.RetrieveNotificationsList's
// response (BF2B), a CHOICE with automatic tags: BF2B { A0 { PendingNotification... } }
// (notificationList), BF2B { 81 error }, or, in SGP.32 V1.2,
// BF2B { A2 { EuiccPackageResult (BF51)... } } (euiccPackageResultList).
type RetrieveNotificationsListResponse struct {
	Raw []byte
	// Alternative is the tag of the alternative: 0xA0, 0x81 or 0xA2.
	Alternative asn1der.Tag
	Error       NotificationsListError // for 0x81
	list        asn1der.Reader
}

// NotificationList returns a cursor over the notificationList (alternative A0).
func (l RetrieveNotificationsListResponse) NotificationList() ListIter[PendingNotification] {
	if l.Alternative != 0xA0 {
		return ListIter[PendingNotification]{}
	}
	return newListIter(l.list, parsePendingNotificationTLV)
}

// EuiccPackageResultList returns a cursor over the euiccPackageResultList
// (alternative A2, SGP.32 V1.2).
func (l RetrieveNotificationsListResponse) EuiccPackageResultList() ListIter[EuiccPackageResult] {
	if l.Alternative != 0xA2 {
		return ListIter[EuiccPackageResult]{}
	}
	return newListIter(l.list, parseEuiccPackageResultTLV)
}

// ParseRetrieveNotificationsListResponse decodes a strict-DER
// RetrieveNotificationsListResponse (SGP.22, or SGP.32 V1.2).
func ParseRetrieveNotificationsListResponse(b []byte) (RetrieveNotificationsListResponse, error) {
	return ParseRetrieveNotificationsListResponseMode(b, asn1der.DER)
}

// ParseRetrieveNotificationsListResponseMode is
// [ParseRetrieveNotificationsListResponse] in mode m.
func ParseRetrieveNotificationsListResponseMode(b []byte, m asn1der.Mode) (RetrieveNotificationsListResponse, error) {
	var l RetrieveNotificationsListResponse
	t, r, err := mgTop(b, TagRetrieveNotificationsList, m)
	if err == nil {
		l.Raw = t.Raw
		var v asn1der.TLV
		if v, err = r.Next(); err == nil {
			l.Alternative = v.Tag
			switch v.Tag {
			case 0xA0, 0xA2:
				var c asn1der.Reader
				if c, err = r.Enter(v); err == nil {
					if v.Tag == 0xA0 {
						_, err = mgList(c, 0, parsePendingNotificationTLV)
					} else {
						_, err = mgList(c, TagEuiccPackage, parseEuiccPackageResultTLV)
					}
					l.list = c
				}
			case 0x81:
				var code int64
				code, err = asn1der.Int64(v)
				l.Error = NotificationsListError(code)
			default:
				err = mgBadChoice(v)
			}
		}
		if err == nil {
			err = mgEndExact(&r)
		}
	}
	if err != nil {
		return RetrieveNotificationsListResponse{}, parseErr("RetrieveNotificationsListResponse", err)
	}
	return l, nil
}

// AppendRetrieveNotificationsListResponse appends the notificationList
// alternative from raw PendingNotification TLVs (BF37 … or 30 …, as stored by
// the eUICC).
func AppendRetrieveNotificationsListResponse(dst []byte, pending ...[]byte) []byte {
	return mgAppendRawList(dst, TagRetrieveNotificationsList, 0xA0, pending)
}

// AppendRetrieveNotificationsListResponseResults appends the SGP.32 V1.2
// euiccPackageResultList alternative from raw EuiccPackageResult TLVs (BF51 …).
func AppendRetrieveNotificationsListResponseResults(dst []byte, results ...[]byte) []byte {
	return mgAppendRawList(dst, TagRetrieveNotificationsList, 0xA2, results)
}

// AppendRetrieveNotificationsListResponseError appends the
// notificationsListResultError alternative.
func AppendRetrieveNotificationsListResponseError(dst []byte, code NotificationsListError) []byte {
	return mgAppendWrappedInt(dst, TagRetrieveNotificationsList, 0x81, int64(code), nil)
}

// NotificationSentRequest is ES10b.RemoveNotificationFromList's request
// (BF30 { 80 seqNumber }).
type NotificationSentRequest struct {
	Raw        []byte
	SeqNumber  int64
	Extensions []byte
}

// ParseNotificationSentRequest decodes a strict-DER NotificationSentRequest.
func ParseNotificationSentRequest(b []byte) (NotificationSentRequest, error) {
	return ParseNotificationSentRequestMode(b, asn1der.DER)
}

// ParseNotificationSentRequestMode is [ParseNotificationSentRequest] in mode m.
func ParseNotificationSentRequestMode(b []byte, m asn1der.Mode) (NotificationSentRequest, error) {
	raw, v, ext, err := mgParseWrappedInt(b, m, TagNotificationSent, 0x80)
	if err != nil {
		return NotificationSentRequest{}, parseErr("NotificationSentRequest", err)
	}
	return NotificationSentRequest{Raw: raw, SeqNumber: v, Extensions: ext}, nil
}

// AppendNotificationSentRequest appends BF30 { 80 seqNumber }.
func AppendNotificationSentRequest(dst []byte, q NotificationSentRequest) []byte {
	return mgAppendWrappedInt(dst, TagNotificationSent, 0x80, q.SeqNumber, q.Extensions)
}

// NotificationSentResponse is ES10b.RemoveNotificationFromList's response
// (BF30 { 80 deleteNotificationStatus }).
type NotificationSentResponse struct {
	Raw                      []byte
	DeleteNotificationStatus DeleteNotificationStatus
	Extensions               []byte
}

// ParseNotificationSentResponse decodes a strict-DER NotificationSentResponse.
func ParseNotificationSentResponse(b []byte) (NotificationSentResponse, error) {
	return ParseNotificationSentResponseMode(b, asn1der.DER)
}

// ParseNotificationSentResponseMode is [ParseNotificationSentResponse] in mode m.
func ParseNotificationSentResponseMode(b []byte, m asn1der.Mode) (NotificationSentResponse, error) {
	raw, v, ext, err := mgParseWrappedInt(b, m, TagNotificationSent, 0x80)
	if err != nil {
		return NotificationSentResponse{}, parseErr("NotificationSentResponse", err)
	}
	return NotificationSentResponse{Raw: raw, DeleteNotificationStatus: DeleteNotificationStatus(v), Extensions: ext}, nil
}

// AppendNotificationSentResponse appends BF30 { 80 deleteNotificationStatus }.
func AppendNotificationSentResponse(dst []byte, q NotificationSentResponse) []byte {
	return mgAppendWrappedInt(dst, TagNotificationSent, 0x80, int64(q.DeleteNotificationStatus), q.Extensions)
}

// ---- helpers shared with the other mgmt_/sgp32_ files ----

// mgParseWrappedInt decodes outer { inner INTEGER } (the single-INTEGER
// requests and responses, RSP-FACTS §2.7), skipping extensions.
func mgParseWrappedInt(b []byte, m asn1der.Mode, outer, inner asn1der.Tag) (raw []byte, v int64, ext []byte, err error) {
	t, r, err := mgTop(b, outer, m)
	if err != nil {
		return nil, 0, nil, err
	}
	if v, err = mgInt(&r, inner); err != nil {
		return nil, 0, nil, err
	}
	ext, err = mgEnd(&r, inner)
	return t.Raw, v, ext, err
}

// mgAppendWrappedInt appends outer { inner INTEGER }.
func mgAppendWrappedInt(dst []byte, outer, inner asn1der.Tag, v int64, ext []byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, outer)
	dst = asn1der.AppendInt64(dst, inner, v)
	dst = append(dst, ext...)
	return asn1der.AppendEnd(dst, mk)
}

// mgParseWrappedBool decodes outer { inner BOOLEAN } (the refreshFlag
// requests of SGP.32), skipping extensions.
func mgParseWrappedBool(b []byte, m asn1der.Mode, outer, inner asn1der.Tag) (raw []byte, v bool, ext []byte, err error) {
	t, r, err := mgTop(b, outer, m)
	if err != nil {
		return nil, false, nil, err
	}
	if v, err = mgBool(&r, inner); err != nil {
		return nil, false, nil, err
	}
	ext, err = mgEnd(&r, inner)
	return t.Raw, v, ext, err
}

// mgAppendWrappedBool appends outer { inner BOOLEAN }.
func mgAppendWrappedBool(dst []byte, outer, inner asn1der.Tag, v bool, ext []byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, outer)
	dst = asn1der.AppendBool(dst, inner, v)
	dst = append(dst, ext...)
	return asn1der.AppendEnd(dst, mk)
}

// mgAppendRawList appends outer { list { items... } } from raw TLVs.
func mgAppendRawList(dst []byte, outer, list asn1der.Tag, items [][]byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, outer)
	dst, ml := asn1der.AppendBegin(dst, list)
	for _, it := range items {
		dst = append(dst, it...)
	}
	dst = asn1der.AppendEnd(dst, ml)
	return asn1der.AppendEnd(dst, mk)
}

func mgWrongTag(t asn1der.TLV, want asn1der.Tag) error {
	return &asn1der.Error{Offset: t.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: t.Tag, Detail: "want " + want.String()}
}

func mgBadChoice(t asn1der.TLV) error {
	return &asn1der.Error{Offset: t.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: t.Tag, Detail: "unknown CHOICE alternative"}
}
