package rsp

import (
	"github.com/rspengine/rspengine/asn1der"
)

// Cancel session (SGP.22 v2.5 §3.1.5; ES10b.CancelSession and
// ES9+.CancelSession, RSP-FACTS §2.1.7, tagging §2.7, signed data §3.2) and
// ES9+.HandleNotification.

// CancelSessionRequest is ES10b.CancelSession (BF41 { 80 tid, 81 reason }),
// decoded on the eUICC.
type CancelSessionRequest struct {
	Raw           []byte
	TransactionID []byte
	Reason        CancelSessionReason
	Extensions    []byte
}

// ParseCancelSessionRequest decodes BF41 { 80 tid, 81 reason } in mode.
func ParseCancelSessionRequest(b []byte, mode asn1der.Mode) (CancelSessionRequest, error) {
	v, d := top(b, TagCancelSession, mode)
	var x CancelSessionRequest
	x.TransactionID = d.transactionID(0x80)
	x.Reason = CancelSessionReason(d.int64(d.expect(0x81)))
	x.Extensions = d.rest()
	if d.err != nil {
		return CancelSessionRequest{}, parseErr("CancelSessionRequest", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// AppendCancelSessionRequest appends BF41 { 80 tid, 81 reason }.
func AppendCancelSessionRequest(dst, transactionID []byte, reason CancelSessionReason) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagCancelSession)
	dst = asn1der.AppendTLV(dst, 0x80, transactionID)
	dst = asn1der.AppendInt64(dst, 0x81, int64(reason))
	return asn1der.AppendEnd(dst, mk)
}

// EuiccCancelSessionSigned is what euiccCancelSessionSignature covers (its
// whole 30 L … TLV, Raw): 30 { 80 tid, 81 smdpOid, 82 reason }.
type EuiccCancelSessionSigned struct {
	Raw           []byte
	TransactionID []byte
	SmdpOid       []byte // OID contents octets (SM-DP+ OID from CERT.DPauth)
	Reason        CancelSessionReason
	Extensions    []byte
}

func (x *EuiccCancelSessionSigned) parse(d *decoder) {
	v := d.expect(asn1der.TagSequence)
	c := d.child(v)
	x.Raw = v.Raw
	x.TransactionID = c.transactionID(0x80)
	x.SmdpOid = c.oid(0x81)
	x.Reason = CancelSessionReason(c.int64(c.expect(0x82)))
	x.Extensions = c.rest()
	d.fail(c.err)
}

// AppendEuiccCancelSessionSigned appends x (30 …), the signature input.
func AppendEuiccCancelSessionSigned(dst []byte, x *EuiccCancelSessionSigned) []byte {
	dst, mk := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = asn1der.AppendTLV(dst, 0x80, x.TransactionID)
	dst = asn1der.AppendOID(dst, 0x81, x.SmdpOid)
	dst = asn1der.AppendInt64(dst, 0x82, int64(x.Reason))
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// CancelSessionResponse is the ES10b answer (BF41 { A0 { 30 signed, 5F37
// sig } | 81 error }); inside CancelSessionRequestEs9 the same contents are
// tagged A1.
type CancelSessionResponse struct {
	Raw                           []byte
	IsOk                          bool
	EuiccCancelSessionSigned      EuiccCancelSessionSigned // ok
	EuiccCancelSessionSignature   []byte                   // ok: 64 bytes
	EuiccCancelSessionSignatureDO []byte                   // ok: whole 5F37 DO
	OkExtensions                  []byte                   // ok: unknown trailing elements
	Error                         CancelSessionErrorCode   // error
}

// Err returns nil for an OK response, else a *ResultError with the code.
func (x *CancelSessionResponse) Err() error {
	if x.IsOk {
		return nil
	}
	return &ResultError{Op: "CancelSession", Code: x.Error}
}

func (x *CancelSessionResponse) parseContents(d *decoder) {
	alt := d.choiceAlt()
	switch {
	case !d.ok():
	case alt.Tag == 0xA0:
		x.IsOk = true
		c := d.child(alt)
		x.EuiccCancelSessionSigned.parse(&c)
		x.EuiccCancelSessionSignature, x.EuiccCancelSessionSignatureDO = c.signature()
		x.OkExtensions = c.rest()
		d.fail(c.err)
	case alt.Tag == 0x81:
		x.Error = CancelSessionErrorCode(d.int64(alt))
	default:
		d.fail(&asn1der.Error{Offset: alt.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: alt.Tag, Detail: "want A0 or 81"})
	}
}

// ParseCancelSessionResponse decodes the ES10b BF41 response (strict DER).
func ParseCancelSessionResponse(b []byte) (CancelSessionResponse, error) {
	v, d := top(b, TagCancelSession, asn1der.DER)
	var x CancelSessionResponse
	x.parseContents(&d)
	if d.err != nil {
		return CancelSessionResponse{}, parseErr("CancelSessionResponse", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

func appendCancelSessionResponse(dst []byte, t asn1der.Tag, x *CancelSessionResponse) []byte {
	dst, mk := asn1der.AppendBegin(dst, t)
	if x.IsOk {
		var m asn1der.Mark
		dst, m = asn1der.AppendBegin(dst, 0xA0)
		dst = AppendEuiccCancelSessionSigned(dst, &x.EuiccCancelSessionSigned)
		dst = asn1der.AppendTLV(dst, TagSignature, x.EuiccCancelSessionSignature)
		dst = append(dst, x.OkExtensions...)
		dst = asn1der.AppendEnd(dst, m)
	} else {
		dst = asn1der.AppendInt64(dst, 0x81, int64(x.Error))
	}
	return asn1der.AppendEnd(dst, mk)
}

// AppendCancelSessionResponse appends x as the ES10b response (BF41).
func AppendCancelSessionResponse(dst []byte, x *CancelSessionResponse) []byte {
	return appendCancelSessionResponse(dst, TagCancelSession, x)
}

// CancelSessionRequestEs9 is ES9+.CancelSession (BF41 { 80 tid, A1
// cancelSessionResponse }). Both members are untagged in the module, so they
// get automatic tags; [1] replaces the [65] of CancelSessionResponse (a tagged
// CHOICE, so implicit tagging applies, X.680 §31.2.7), giving A1 { A0 … | 81 … }.
type CancelSessionRequestEs9 struct {
	Raw                   []byte
	TransactionID         []byte
	CancelSessionResponse CancelSessionResponse // its Raw is the A1 TLV
	Extensions            []byte
}

// ParseCancelSessionRequestEs9 decodes the ES9+ BF41 request (strict DER).
func ParseCancelSessionRequestEs9(b []byte) (CancelSessionRequestEs9, error) {
	v, d := top(b, TagCancelSession, asn1der.DER)
	var x CancelSessionRequestEs9
	x.TransactionID = d.transactionID(0x80)
	r := d.expect(0xA1)
	c := d.child(r)
	x.CancelSessionResponse.parseContents(&c)
	d.fail(c.err)
	x.CancelSessionResponse.Raw = r.Raw
	x.Extensions = d.rest()
	if d.err != nil {
		return CancelSessionRequestEs9{}, parseErr("CancelSessionRequestEs9", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// AppendCancelSessionRequestEs9 appends x (BF41 { 80 tid, A1 … }).
func AppendCancelSessionRequestEs9(dst []byte, x *CancelSessionRequestEs9) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagCancelSession)
	dst = asn1der.AppendTLV(dst, 0x80, x.TransactionID)
	dst = appendCancelSessionResponse(dst, 0xA1, &x.CancelSessionResponse)
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// CancelSessionResponseEs9 is the SM-DP+'s answer (BF41 { A0 00 | 81 code }).
type CancelSessionResponseEs9 struct {
	Raw   []byte
	IsOk  bool
	Error CancelSessionEs9ErrorCode
}

// Err returns nil for an OK response, else a *ResultError with the code.
func (x *CancelSessionResponseEs9) Err() error {
	if x.IsOk {
		return nil
	}
	return &ResultError{Op: "CancelSession", Code: x.Error}
}

// ParseCancelSessionResponseEs9 decodes the ES9+ BF41 response.
func ParseCancelSessionResponseEs9(b []byte) (CancelSessionResponseEs9, error) {
	v, d := top(b, TagCancelSession, asn1der.DER)
	var x CancelSessionResponseEs9
	alt := d.choiceAlt()
	switch {
	case !d.ok():
	case alt.Tag == 0xA0:
		x.IsOk = true
		c := d.child(alt)
		c.rest()
		d.fail(c.err)
	case alt.Tag == 0x81:
		x.Error = CancelSessionEs9ErrorCode(d.int64(alt))
	default:
		d.fail(&asn1der.Error{Offset: alt.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: alt.Tag, Detail: "want A0 or 81"})
	}
	if d.err != nil {
		return CancelSessionResponseEs9{}, parseErr("CancelSessionResponseEs9", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// AppendCancelSessionResponseEs9 appends BF41 { A0 00 } (ok) or BF41 { 81 code }.
func AppendCancelSessionResponseEs9(dst []byte, ok bool, code CancelSessionEs9ErrorCode) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagCancelSession)
	if ok {
		dst = append(dst, 0xA0, 0x00)
	} else {
		dst = asn1der.AppendInt64(dst, 0x81, int64(code))
	}
	return asn1der.AppendEnd(dst, mk)
}

// HandleNotification is ES9+.HandleNotification (BF3D). Its only member
// pendingNotification is an untagged CHOICE, so it gets the automatic tag
// [0] explicitly: BF3D { A0 { BF37 … | 30 … } } (X.680 §31.2.7). The
// notification itself is left to ParsePendingNotification /
// ParseProfileInstallationResult.
type HandleNotification struct {
	Raw                 []byte
	PendingNotification asn1der.TLV // the alternative: BF37 ProfileInstallationResult or 30 OtherSignedNotification
	Extensions          []byte
}

// ParseHandleNotification decodes BF3D (strict DER).
func ParseHandleNotification(b []byte) (x HandleNotification, err error) {
	if x.parseFast(b) { // one pass with a Cursor (fast.go)
		return x, nil
	}
	return parseHandleNotificationSlow(b)
}

// parseHandleNotificationSlow is the decoder's (precise) path.
func parseHandleNotificationSlow(b []byte) (HandleNotification, error) {
	v, d := top(b, TagHandleNotification, asn1der.DER)
	var x HandleNotification
	w := d.expect(0xA0)
	c := d.child(w)
	x.PendingNotification = c.choiceAlt()
	if c.ok() && x.PendingNotification.Tag != TagProfileInstallationResult && x.PendingNotification.Tag != asn1der.TagSequence {
		c.fail(&asn1der.Error{Offset: x.PendingNotification.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: x.PendingNotification.Tag, Detail: "want BF37 or 30"})
	}
	d.fail(c.err)
	x.Extensions = d.rest()
	if d.err != nil {
		return HandleNotification{}, parseErr("HandleNotification", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// AppendHandleNotification appends BF3D { A0 { pending } } where pending is
// a whole PendingNotification TLV (BF37 … or 30 …).
func AppendHandleNotification(dst, pending []byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagHandleNotification)
	dst, m := asn1der.AppendBegin(dst, 0xA0)
	dst = append(dst, pending...)
	dst = asn1der.AppendEnd(dst, m)
	return asn1der.AppendEnd(dst, mk)
}
