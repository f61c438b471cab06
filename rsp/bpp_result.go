package rsp

import (
	"github.com/rspengine/rspengine/asn1der"
)

// ProfileInstallationResult (SGP.22 v2.5 §5.7.6 end of
// ES10b.LoadBoundProfilePackage; RSP-FACTS §2.1.4, tagging §2.7, signed data
// §3.2). NotificationMetadata is the view of mgmt_notification.go.

// SuccessResult is finalResult A0 { 4F aid, 04 simaResponse }.
type SuccessResult struct {
	AID          []byte // 4F, 5..16 bytes: the ISD-P
	SimaResponse []byte // 04: EUICCResponse(s) of the profile element processing
	Extensions   []byte
}

// ErrorResult is finalResult A1 { 80 bppCommandId, 81 errorReason, [82 simaResponse] }.
type ErrorResult struct {
	BppCommandID BppCommandID
	ErrorReason  ErrorReason
	SimaResponse []byte // 82 OPTIONAL; nil when absent
	Extensions   []byte
}

// ProfileInstallationResultData (BF27) is what euiccSignPIR covers: Raw, the
// whole BF27 TLV (RSP-FACTS §3.2).
type ProfileInstallationResultData struct {
	Raw                  []byte
	TransactionID        []byte               // 80
	NotificationMetadata NotificationMetadata // BF2F
	SmdpOid              []byte               // 06: OID contents octets
	IsSuccess            bool                 // finalResult A2 holds A0 (success) or A1 (error)
	Success              SuccessResult
	Error                ErrorResult
	Extensions           []byte
}

// ProfileInstallationResult (BF37 { BF27 data, 5F37 euiccSignPIR }).
type ProfileInstallationResult struct {
	Raw            []byte
	Data           ProfileInstallationResultData
	EuiccSignPIR   []byte // 64 bytes
	EuiccSignPIRDO []byte // whole 5F37 DO
	Extensions     []byte
}

// Err returns nil for a successful installation and otherwise a *ResultError
// whose Code is the ErrorReason and whose Err is the BppCommandID of the
// failed step, so errors.Is matches either.
func (x *ProfileInstallationResult) Err() error {
	if x.Data.IsSuccess {
		return nil
	}
	return &ResultError{Op: "LoadBoundProfilePackage", Code: x.Data.Error.ErrorReason, Err: x.Data.Error.BppCommandID}
}

func (x *ProfileInstallationResultData) parse(d *decoder) {
	x.TransactionID = d.transactionID(0x80)
	nm := d.expect(TagNotificationMetadata)
	if d.ok() {
		n, err := parseNotificationMetadataTLV(nm, d.mode())
		d.fail(err)
		x.NotificationMetadata = n
	}
	x.SmdpOid = d.oid(asn1der.TagOID)
	fr := d.expect(0xA2)
	fc := d.child(fr)
	alt := fc.choiceAlt()
	c := fc.child(alt)
	switch {
	case !fc.ok():
	case alt.Tag == 0xA0:
		x.IsSuccess = true
		x.Success.AID = c.octets(TagISDPAid, 5, 16, "aid is not 5 to 16 bytes")
		x.Success.SimaResponse = c.expect(asn1der.TagOctetString).Value
		x.Success.Extensions = c.rest()
	case alt.Tag == 0xA1:
		x.Error.BppCommandID = BppCommandID(c.int64(c.expect(0x80)))
		x.Error.ErrorReason = ErrorReason(c.int64(c.expect(0x81)))
		if t, ok := c.optional(0x82); ok {
			x.Error.SimaResponse = t.Value
		}
		x.Error.Extensions = c.rest()
	default:
		c.fail(&asn1der.Error{Offset: alt.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: alt.Tag, Detail: "want A0 or A1"})
	}
	fc.fail(c.err)
	d.fail(fc.err)
	x.Extensions = d.rest()
}

// ParseProfileInstallationResultData decodes a standalone BF27 in mode.
func ParseProfileInstallationResultData(b []byte, mode asn1der.Mode) (ProfileInstallationResultData, error) {
	v, d := top(b, TagProfileInstallationResultData, mode)
	var x ProfileInstallationResultData
	x.parse(&d)
	if d.err != nil {
		return ProfileInstallationResultData{}, parseErr("ProfileInstallationResultData", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// ParseProfileInstallationResult decodes a BF37 in strict DER (with the
// BIT STRING leniency described in the package doc).
func ParseProfileInstallationResult(b []byte) (ProfileInstallationResult, error) {
	return ParseProfileInstallationResultMode(b, asn1der.DER)
}

// ParseProfileInstallationResultMode decodes a BF37 in the given mode.
func ParseProfileInstallationResultMode(b []byte, mode asn1der.Mode) (ProfileInstallationResult, error) {
	v, d := top(b, TagProfileInstallationResult, mode)
	var x ProfileInstallationResult
	data := d.expect(TagProfileInstallationResultData)
	c := d.child(data)
	x.Data.parse(&c)
	d.fail(c.err)
	x.Data.Raw = data.Raw
	x.EuiccSignPIR, x.EuiccSignPIRDO = d.signature()
	x.Extensions = d.rest()
	if d.err != nil {
		return ProfileInstallationResult{}, parseErr("ProfileInstallationResult", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// AppendProfileInstallationResultData appends x (BF27): the bytes the eUICC
// signs into euiccSignPIR.
func AppendProfileInstallationResultData(dst []byte, x *ProfileInstallationResultData) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagProfileInstallationResultData)
	dst = asn1der.AppendTLV(dst, 0x80, x.TransactionID)
	dst = AppendNotificationMetadata(dst, x.NotificationMetadata)
	dst = asn1der.AppendOID(dst, asn1der.TagOID, x.SmdpOid)
	var fr, m asn1der.Mark
	dst, fr = asn1der.AppendBegin(dst, 0xA2)
	if x.IsSuccess {
		dst, m = asn1der.AppendBegin(dst, 0xA0)
		dst = asn1der.AppendTLV(dst, TagISDPAid, x.Success.AID)
		dst = asn1der.AppendTLV(dst, asn1der.TagOctetString, x.Success.SimaResponse)
		dst = append(dst, x.Success.Extensions...)
	} else {
		dst, m = asn1der.AppendBegin(dst, 0xA1)
		dst = asn1der.AppendInt64(dst, 0x80, int64(x.Error.BppCommandID))
		dst = asn1der.AppendInt64(dst, 0x81, int64(x.Error.ErrorReason))
		if x.Error.SimaResponse != nil {
			dst = asn1der.AppendTLV(dst, 0x82, x.Error.SimaResponse)
		}
		dst = append(dst, x.Error.Extensions...)
	}
	dst = asn1der.AppendEnd(dst, m)
	dst = asn1der.AppendEnd(dst, fr)
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// AppendProfileInstallationResultSigned appends BF37 { data, 5F37 sig }
// where data is a whole BF27 TLV (as signed).
func AppendProfileInstallationResultSigned(dst, data, euiccSignPIR []byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagProfileInstallationResult)
	dst = append(dst, data...)
	dst = asn1der.AppendTLV(dst, TagSignature, euiccSignPIR)
	return asn1der.AppendEnd(dst, mk)
}

// AppendProfileInstallationResult appends x (BF37) from its fields.
func AppendProfileInstallationResult(dst []byte, x *ProfileInstallationResult) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagProfileInstallationResult)
	dst = AppendProfileInstallationResultData(dst, &x.Data)
	dst = asn1der.AppendTLV(dst, TagSignature, x.EuiccSignPIR)
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}
