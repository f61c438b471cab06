package rsp

import (
	"github.com/rspengine/rspengine/asn1der"
)

// Download preparation and BPP retrieval (SGP.22 v2.5 §3.1.3; ES10b
// PrepareDownload, ES9+ GetBoundProfilePackage; RSP-FACTS §2.1.3, signed
// data §3.2).

// SmdpSigned2 is the data the SM-DP+ signs with smdpSignature2, whose input
// is Raw ‖ the whole euiccSignature1 DO (RSP-FACTS §3.2).
type SmdpSigned2 struct {
	Raw            []byte
	TransactionID  []byte // 80
	CcRequiredFlag bool   // 01 (untagged BOOLEAN)
	BppEuiccOtpk   []byte // 5F49 OPTIONAL: otPK.EUICC.ECKA already used for binding; nil when absent
	Extensions     []byte
}

func (x *SmdpSigned2) parse(d *decoder) {
	v := d.expect(asn1der.TagSequence)
	c := d.child(v)
	x.Raw = v.Raw
	x.TransactionID = c.transactionID(0x80)
	x.CcRequiredFlag = c.bool(c.expect(asn1der.TagBoolean))
	if t, ok := c.optional(TagEuiccOtpk); ok {
		x.BppEuiccOtpk = c.sized(t, 1, 255, "bppEuiccOtpk is empty")
	}
	x.Extensions = c.rest()
	d.fail(c.err)
}

// ParseSmdpSigned2 decodes a standalone SmdpSigned2 (30 …).
func ParseSmdpSigned2(b []byte) (SmdpSigned2, error) {
	d := decoder{r: asn1der.NewReader(b)}
	var x SmdpSigned2
	x.parse(&d)
	d.end()
	if d.err != nil {
		return SmdpSigned2{}, parseErr("SmdpSigned2", d.err)
	}
	return x, nil
}

// AppendSmdpSigned2 appends x (30 …).
func AppendSmdpSigned2(dst []byte, x *SmdpSigned2) []byte {
	dst, mk := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = asn1der.AppendTLV(dst, 0x80, x.TransactionID)
	dst = asn1der.AppendBool(dst, asn1der.TagBoolean, x.CcRequiredFlag)
	if x.BppEuiccOtpk != nil {
		dst = asn1der.AppendTLV(dst, TagEuiccOtpk, x.BppEuiccOtpk)
	}
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// AppendSmdpSignature2Input appends the bytes smdpSignature2 covers:
// smdpSigned2 (the whole TLV) ‖ euiccSignature1DO (5F37 40 …).
func AppendSmdpSignature2Input(dst, smdpSigned2, euiccSignature1DO []byte) []byte {
	return append(append(dst, smdpSigned2...), euiccSignature1DO...)
}

// PrepareDownloadRequest is ES10b.PrepareDownload (BF21), decoded on the
// eUICC.
type PrepareDownloadRequest struct {
	Raw                []byte
	SmdpSigned2        SmdpSigned2
	SmdpSignature2     []byte // 5F37 value
	SmdpSignature2DO   []byte // whole 5F37 DO: part of euiccSignature2's input
	HashCc             []byte // 04 OPTIONAL, 32 bytes; nil when absent
	SmdpCertificateRaw []byte // 30: CERT.DPpb
	Extensions         []byte
}

// ParsePrepareDownloadRequest decodes BF21 in strict DER.
func ParsePrepareDownloadRequest(b []byte) (PrepareDownloadRequest, error) {
	return ParsePrepareDownloadRequestMode(b, asn1der.DER)
}

// ParsePrepareDownloadRequestMode decodes BF21 in the given mode (BER on the
// eUICC).
func ParsePrepareDownloadRequestMode(b []byte, mode asn1der.Mode) (PrepareDownloadRequest, error) {
	v, d := top(b, TagPrepareDownload, mode)
	var x PrepareDownloadRequest
	x.SmdpSigned2.parse(&d)
	x.SmdpSignature2, x.SmdpSignature2DO = d.signature()
	if t, ok := d.optional(asn1der.TagOctetString); ok {
		x.HashCc = d.sized(t, HashCcSize, HashCcSize, "hashCc is not 32 bytes")
	}
	x.SmdpCertificateRaw = d.certificate()
	x.Extensions = d.rest()
	if d.err != nil {
		return PrepareDownloadRequest{}, parseErr("PrepareDownloadRequest", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// AppendPrepareDownloadRequest appends x (BF21).
func AppendPrepareDownloadRequest(dst []byte, x *PrepareDownloadRequest) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagPrepareDownload)
	dst = AppendSmdpSigned2(dst, &x.SmdpSigned2)
	dst = asn1der.AppendTLV(dst, TagSignature, x.SmdpSignature2)
	if x.HashCc != nil {
		dst = asn1der.AppendTLV(dst, asn1der.TagOctetString, x.HashCc)
	}
	dst = append(dst, x.SmdpCertificateRaw...)
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// EuiccSigned2 is the data the eUICC signs with euiccSignature2, whose input
// is Raw ‖ the whole smdpSignature2 DO (RSP-FACTS §3.2).
type EuiccSigned2 struct {
	Raw           []byte
	TransactionID []byte // 80
	EuiccOtpk     []byte // 5F49: otPK.EUICC.ECKA (65 bytes 04‖X‖Y for 256-bit curves)
	HashCc        []byte // 04 OPTIONAL, 32 bytes
	Extensions    []byte
}

func (x *EuiccSigned2) parse(d *decoder) {
	v := d.expect(asn1der.TagSequence)
	c := d.child(v)
	x.Raw = v.Raw
	x.TransactionID = c.transactionID(0x80)
	x.EuiccOtpk = c.octets(TagEuiccOtpk, 1, 255, "euiccOtpk is empty")
	if t, ok := c.optional(asn1der.TagOctetString); ok {
		x.HashCc = c.sized(t, HashCcSize, HashCcSize, "hashCc is not 32 bytes")
	}
	x.Extensions = c.rest()
	d.fail(c.err)
}

// AppendEuiccSigned2 appends x (30 …).
func AppendEuiccSigned2(dst []byte, x *EuiccSigned2) []byte {
	dst, mk := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = asn1der.AppendTLV(dst, 0x80, x.TransactionID)
	dst = asn1der.AppendTLV(dst, TagEuiccOtpk, x.EuiccOtpk)
	if x.HashCc != nil {
		dst = asn1der.AppendTLV(dst, asn1der.TagOctetString, x.HashCc)
	}
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// PrepareDownloadResponseOk is BF21 A0 { euiccSigned2, 5F37 euiccSignature2 }.
type PrepareDownloadResponseOk struct {
	EuiccSigned2      EuiccSigned2
	EuiccSigned2Raw   []byte // = EuiccSigned2.Raw
	EuiccSignature2   []byte // 64 bytes
	EuiccSignature2DO []byte // whole 5F37 DO
	Extensions        []byte
}

// PrepareDownloadResponseError is BF21 A1 { 80 tid, 02 downloadErrorCode }.
type PrepareDownloadResponseError struct {
	TransactionID []byte
	Code          DownloadErrorCode
	Extensions    []byte
}

// PrepareDownloadResponse is the eUICC's answer to PrepareDownload (BF21).
type PrepareDownloadResponse struct {
	Raw   []byte
	IsOk  bool
	Ok    PrepareDownloadResponseOk
	Error PrepareDownloadResponseError
}

// Err returns nil for an OK response, else a *ResultError with the
// DownloadErrorCode.
func (x *PrepareDownloadResponse) Err() error {
	if x.IsOk {
		return nil
	}
	return &ResultError{Op: "PrepareDownload", Code: x.Error.Code}
}

// ParsePrepareDownloadResponse decodes BF21 { A0 ok | A1 error } (strict DER).
func ParsePrepareDownloadResponse(b []byte) (x PrepareDownloadResponse, err error) {
	if x.parseFast(b) { // one pass with a Cursor (fast.go)
		return x, nil
	}
	return parsePrepareDownloadResponseSlow(b)
}

// parsePrepareDownloadResponseSlow is the decoder's (precise) path.
func parsePrepareDownloadResponseSlow(b []byte) (PrepareDownloadResponse, error) {
	v, d := top(b, TagPrepareDownload, asn1der.DER)
	var x PrepareDownloadResponse
	x.parseContents(&d)
	if d.err != nil {
		return PrepareDownloadResponse{}, parseErr("PrepareDownloadResponse", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

func (x *PrepareDownloadResponse) parseContents(d *decoder) {
	alt := d.choiceAlt()
	c := d.child(alt)
	switch {
	case !d.ok():
	case alt.Tag == 0xA0:
		x.IsOk = true
		o := &x.Ok
		o.EuiccSigned2.parse(&c)
		o.EuiccSigned2Raw = o.EuiccSigned2.Raw
		o.EuiccSignature2, o.EuiccSignature2DO = c.signature()
		o.Extensions = c.rest()
	case alt.Tag == 0xA1:
		e := &x.Error
		e.TransactionID = c.transactionID(0x80)
		e.Code = DownloadErrorCode(c.int64(c.expect(asn1der.TagInteger)))
		e.Extensions = c.rest()
	default:
		c.fail(&asn1der.Error{Offset: alt.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: alt.Tag, Detail: "want A0 or A1"})
	}
	d.fail(c.err)
}

// AppendPrepareDownloadResponse appends x (BF21).
func AppendPrepareDownloadResponse(dst []byte, x *PrepareDownloadResponse) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagPrepareDownload)
	var m asn1der.Mark
	if x.IsOk {
		dst, m = asn1der.AppendBegin(dst, 0xA0)
		dst = AppendEuiccSigned2(dst, &x.Ok.EuiccSigned2)
		dst = asn1der.AppendTLV(dst, TagSignature, x.Ok.EuiccSignature2)
		dst = append(dst, x.Ok.Extensions...)
	} else {
		dst, m = asn1der.AppendBegin(dst, 0xA1)
		dst = asn1der.AppendTLV(dst, 0x80, x.Error.TransactionID)
		dst = asn1der.AppendInt64(dst, asn1der.TagInteger, int64(x.Error.Code))
		dst = append(dst, x.Error.Extensions...)
	}
	dst = asn1der.AppendEnd(dst, m)
	return asn1der.AppendEnd(dst, mk)
}

// GetBoundProfilePackageRequest is ES9+.GetBoundProfilePackage (BF3A { 80
// tid, BF21 prepareDownloadResponse }).
type GetBoundProfilePackageRequest struct {
	Raw                     []byte
	TransactionID           []byte
	PrepareDownloadResponse PrepareDownloadResponse
	Extensions              []byte
}

// ParseGetBoundProfilePackageRequest decodes BF3A (strict DER).
func ParseGetBoundProfilePackageRequest(b []byte) (x GetBoundProfilePackageRequest, err error) {
	if x.parseFast(b) { // one pass with a Cursor (fast.go)
		return x, nil
	}
	return parseGetBoundProfilePackageRequestSlow(b)
}

// parseGetBoundProfilePackageRequestSlow is the decoder's (precise) path.
func parseGetBoundProfilePackageRequestSlow(b []byte) (GetBoundProfilePackageRequest, error) {
	v, d := top(b, TagGetBoundProfilePackage, asn1der.DER)
	var x GetBoundProfilePackageRequest
	x.TransactionID = d.transactionID(0x80)
	pd := d.expect(TagPrepareDownload)
	c := d.child(pd)
	x.PrepareDownloadResponse.parseContents(&c)
	d.fail(c.err)
	x.PrepareDownloadResponse.Raw = pd.Raw
	x.Extensions = d.rest()
	if d.err != nil {
		return GetBoundProfilePackageRequest{}, parseErr("GetBoundProfilePackageRequest", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// AppendGetBoundProfilePackageRequest appends BF3A { 80 tid, pdr } where pdr
// is the BF21 TLV exactly as the eUICC produced it.
func AppendGetBoundProfilePackageRequest(dst, transactionID, pdr []byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagGetBoundProfilePackage)
	dst = asn1der.AppendTLV(dst, 0x80, transactionID)
	dst = append(dst, pdr...)
	return asn1der.AppendEnd(dst, mk)
}

// GetBoundProfilePackageResponse is BF3A { A0 { 80 tid, BF36 bpp } | 81 error }.
type GetBoundProfilePackageResponse struct {
	Raw                 []byte
	IsOk                bool
	TransactionID       []byte              // ok: 80
	BoundProfilePackage BoundProfilePackage // ok: BF36
	Error               GetBoundProfilePackageErrorCode
	Extensions          []byte // ok: unknown trailing elements
}

// Err returns nil for an OK response, else a *ResultError with the code.
func (x *GetBoundProfilePackageResponse) Err() error {
	if x.IsOk {
		return nil
	}
	return &ResultError{Op: "GetBoundProfilePackage", Code: x.Error}
}

// ParseGetBoundProfilePackageResponse decodes BF3A (strict DER).
func ParseGetBoundProfilePackageResponse(b []byte) (GetBoundProfilePackageResponse, error) {
	v, d := top(b, TagGetBoundProfilePackage, asn1der.DER)
	var x GetBoundProfilePackageResponse
	alt := d.choiceAlt()
	switch {
	case !d.ok():
	case alt.Tag == 0xA0:
		x.IsOk = true
		c := d.child(alt)
		x.TransactionID = c.transactionID(0x80)
		bpp := c.expect(TagBoundProfilePackage)
		bc := c.child(bpp)
		x.BoundProfilePackage.parse(&bc)
		c.fail(bc.err)
		x.BoundProfilePackage.Raw = bpp.Raw
		x.Extensions = c.rest()
		d.fail(c.err)
	case alt.Tag == 0x81:
		x.Error = GetBoundProfilePackageErrorCode(d.int64(alt))
	default:
		d.fail(&asn1der.Error{Offset: alt.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: alt.Tag, Detail: "want A0 or 81"})
	}
	if d.err != nil {
		return GetBoundProfilePackageResponse{}, parseErr("GetBoundProfilePackageResponse", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// AppendGetBoundProfilePackageOk appends BF3A A0 { 80 tid, bpp } where bpp is
// a whole BF36 TLV.
func AppendGetBoundProfilePackageOk(dst, transactionID, bpp []byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagGetBoundProfilePackage)
	dst, m := asn1der.AppendBegin(dst, 0xA0)
	dst = asn1der.AppendTLV(dst, 0x80, transactionID)
	dst = append(dst, bpp...)
	dst = asn1der.AppendEnd(dst, m)
	return asn1der.AppendEnd(dst, mk)
}

// AppendGetBoundProfilePackageError appends BF3A { 81 code }.
func AppendGetBoundProfilePackageError(dst []byte, code GetBoundProfilePackageErrorCode) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagGetBoundProfilePackage)
	dst = asn1der.AppendInt64(dst, 0x81, int64(code))
	return asn1der.AppendEnd(dst, mk)
}

// AppendGetBoundProfilePackageResponse appends x (BF3A).
func AppendGetBoundProfilePackageResponse(dst []byte, x *GetBoundProfilePackageResponse) []byte {
	if !x.IsOk {
		return AppendGetBoundProfilePackageError(dst, x.Error)
	}
	dst, mk := asn1der.AppendBegin(dst, TagGetBoundProfilePackage)
	dst, m := asn1der.AppendBegin(dst, 0xA0)
	dst = asn1der.AppendTLV(dst, 0x80, x.TransactionID)
	dst = AppendBoundProfilePackage(dst, &x.BoundProfilePackage)
	dst = append(dst, x.Extensions...)
	dst = asn1der.AppendEnd(dst, m)
	return asn1der.AppendEnd(dst, mk)
}
