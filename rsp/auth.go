package rsp

import (
	"github.com/rspengine/rspengine/asn1der"
)

// Common Mutual Authentication (SGP.22 v2.5 §3.1.2; ES9+ InitiateAuthentication
// and AuthenticateClient, ES10b AuthenticateServer; RSP-FACTS §2.1.2, tagging
// §2.7, signed data §3.2).

// ServerSigned1 is the data the SM-DP+ signs with serverSignature1
// (RSP-FACTS §3.2: the whole 30 L … TLV, Raw).
type ServerSigned1 struct {
	Raw             []byte
	TransactionID   []byte // 80, 1..16 bytes
	EuiccChallenge  []byte // 81, 16 bytes
	ServerAddress   []byte // 83, UTF8String
	ServerChallenge []byte // 84, 16 bytes
	Extensions      []byte
}

func (x *ServerSigned1) parse(d *decoder) {
	v := d.expect(asn1der.TagSequence)
	c := d.child(v)
	x.Raw = v.Raw
	x.TransactionID = c.transactionID(0x80)
	x.EuiccChallenge = c.octets(0x81, ChallengeSize, ChallengeSize, "euiccChallenge is not 16 bytes")
	x.ServerAddress = c.utf8(c.expect(0x83), -1)
	x.ServerChallenge = c.octets(0x84, ChallengeSize, ChallengeSize, "serverChallenge is not 16 bytes")
	x.Extensions = c.rest()
	d.fail(c.err)
}

// ParseServerSigned1 decodes a standalone ServerSigned1 (30 …), as the ES9+
// JSON binding carries it.
func ParseServerSigned1(b []byte) (ServerSigned1, error) {
	d := decoder{r: asn1der.NewReader(b)}
	var x ServerSigned1
	x.parse(&d)
	d.end()
	if d.err != nil {
		return ServerSigned1{}, parseErr("ServerSigned1", d.err)
	}
	return x, nil
}

// AppendServerSigned1 appends a ServerSigned1 (30 L 80 tid 81 euiccChallenge
// 83 serverAddress 84 serverChallenge). The result is the exact input of
// serverSignature1.
func AppendServerSigned1(dst []byte, transactionID, euiccChallenge, serverAddress, serverChallenge []byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = asn1der.AppendTLV(dst, 0x80, transactionID)
	dst = asn1der.AppendTLV(dst, 0x81, euiccChallenge)
	dst = asn1der.AppendTLV(dst, 0x83, serverAddress)
	dst = asn1der.AppendTLV(dst, 0x84, serverChallenge)
	return asn1der.AppendEnd(dst, mk)
}

// appendServerSigned1View appends x including its extensions.
func appendServerSigned1View(dst []byte, x *ServerSigned1) []byte {
	dst, mk := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = asn1der.AppendTLV(dst, 0x80, x.TransactionID)
	dst = asn1der.AppendTLV(dst, 0x81, x.EuiccChallenge)
	dst = asn1der.AppendTLV(dst, 0x83, x.ServerAddress)
	dst = asn1der.AppendTLV(dst, 0x84, x.ServerChallenge)
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// DeviceInfo describes the Device (RSP-FACTS §2.1.1): 80 tac, A1
// deviceCapabilities, 82 imei (automatic tags).
type DeviceInfo struct {
	Raw                   []byte // the whole A1 TLV inside CtxParamsForCommonAuthentication
	TAC                   []byte // 80, 4 bytes
	DeviceCapabilitiesRaw []byte // A1: the whole TLV, kept as sent
	IMEI                  []byte // 82 OPTIONAL, 8 bytes; nil when absent
	Extensions            []byte
}

// DeviceCapability returns the value of member n of DeviceCapabilities
// (automatic tags: 0 gsmSupportedRelease, 1 utran…, 5 eutranEpcSupportedRelease,
// 7 rspCrlSupportedVersion, 8 nrEpc…, 9 nr5gc…, 11 lpaSvn, 12
// catSupportedClasses, 13 euiccFormFactorType, 14 deviceAdditionalFeatureSupport).
func (x *DeviceInfo) DeviceCapability(n int) ([]byte, bool) {
	if n < 0 || n > 30 {
		return nil, false
	}
	t, err := asn1der.Parse(x.DeviceCapabilitiesRaw)
	if err != nil {
		return nil, false
	}
	r, err := asn1der.Children(t, asn1der.BER)
	if err != nil {
		return nil, false
	}
	for !r.Empty() {
		v, err := r.Next()
		if err != nil {
			return nil, false
		}
		if v.Tag.Number() == uint32(n) && v.Tag.Class() == asn1der.ClassContext {
			return v.Value, true
		}
	}
	return nil, false
}

func (x *DeviceInfo) parse(d *decoder, v asn1der.TLV) {
	x.Raw = v.Raw
	c := d.child(v)
	x.TAC = c.octets(0x80, TACSize, TACSize, "tac is not 4 bytes")
	caps := c.expect(0xA1)
	if c.ok() {
		// DeviceCapabilities is extensible (deviceInfoExtensibilitySupport):
		// check it is well-formed and keep it whole.
		cc := c.child(caps)
		cc.rest()
		c.fail(cc.err)
		x.DeviceCapabilitiesRaw = caps.Raw
	}
	if t, ok := c.optional(0x82); ok {
		x.IMEI = c.sized(t, IMEISize, IMEISize, "imei is not 8 bytes")
	}
	x.Extensions = c.rest()
	d.fail(c.err)
}

func appendDeviceInfo(dst []byte, t asn1der.Tag, x *DeviceInfo) []byte {
	dst, mk := asn1der.AppendBegin(dst, t)
	dst = asn1der.AppendTLV(dst, 0x80, x.TAC)
	if x.DeviceCapabilitiesRaw != nil {
		dst = append(dst, x.DeviceCapabilitiesRaw...)
	} else {
		dst = append(dst, 0xA1, 0x00)
	}
	if x.IMEI != nil {
		dst = asn1der.AppendTLV(dst, 0x82, x.IMEI)
	}
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// CtxParams1 is the CHOICE CtxParams1 with its only SGP.22 v2.5 alternative
// ctxParamsForCommonAuthentication (A0 { [80 matchingId] A1 deviceInfo }).
type CtxParams1 struct {
	Raw           []byte // the whole A0 TLV
	MatchingID    []byte // 80 OPTIONAL UTF8String (activation code token, EventID or empty)
	HasMatchingID bool
	DeviceInfo    DeviceInfo // A1
	Extensions    []byte
}

func (x *CtxParams1) parse(d *decoder) {
	v := d.next()
	if d.ok() && v.Tag != 0xA0 {
		d.fail(&asn1der.Error{Offset: v.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: v.Tag, Detail: "want A0 (ctxParamsForCommonAuthentication)"})
		return
	}
	x.Raw = v.Raw
	c := d.child(v)
	if t, ok := c.optional(0x80); ok {
		x.MatchingID, x.HasMatchingID = c.utf8(t, -1), true
	}
	x.DeviceInfo.parse(&c, c.expect(0xA1))
	x.Extensions = c.rest()
	d.fail(c.err)
}

// AppendCtxParams1 appends x as ctxParamsForCommonAuthentication (A0).
func AppendCtxParams1(dst []byte, x *CtxParams1) []byte {
	dst, mk := asn1der.AppendBegin(dst, 0xA0)
	if x.HasMatchingID {
		dst = asn1der.AppendTLV(dst, 0x80, x.MatchingID)
	}
	dst = appendDeviceInfo(dst, 0xA1, &x.DeviceInfo)
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// AuthenticateServerRequest is ES10b.AuthenticateServer (BF38), decoded on
// the eUICC.
type AuthenticateServerRequest struct {
	Raw                 []byte
	ServerSigned1       ServerSigned1 // 30; ServerSigned1.Raw is serverSignature1's input
	ServerSignature1    []byte        // 5F37 value, 64 bytes
	ServerSignature1DO  []byte        // the whole 5F37 40 … TLV
	EuiccCiPKIdToBeUsed []byte        // 04
	ServerCertificate   []byte        // 30: CERT.XXauth raw
	CtxParams1          CtxParams1    // A0
	Extensions          []byte
}

// ParseAuthenticateServerRequest decodes BF38 in strict DER.
func ParseAuthenticateServerRequest(b []byte) (AuthenticateServerRequest, error) {
	return ParseAuthenticateServerRequestMode(b, asn1der.DER)
}

// ParseAuthenticateServerRequestMode decodes BF38 in the given mode (BER for
// an eUICC that accepts what an LPA sent).
func ParseAuthenticateServerRequestMode(b []byte, mode asn1der.Mode) (AuthenticateServerRequest, error) {
	v, d := top(b, TagAuthenticateServer, mode)
	var x AuthenticateServerRequest
	x.ServerSigned1.parse(&d)
	x.ServerSignature1, x.ServerSignature1DO = d.signature()
	x.EuiccCiPKIdToBeUsed = d.expect(asn1der.TagOctetString).Value
	x.ServerCertificate = d.certificate()
	x.CtxParams1.parse(&d)
	x.Extensions = d.rest()
	if d.err != nil {
		return AuthenticateServerRequest{}, parseErr("AuthenticateServerRequest", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// AppendAuthenticateServerRequest appends x (BF38).
func AppendAuthenticateServerRequest(dst []byte, x *AuthenticateServerRequest) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagAuthenticateServer)
	dst = appendServerSigned1View(dst, &x.ServerSigned1)
	dst = asn1der.AppendTLV(dst, TagSignature, x.ServerSignature1)
	dst = asn1der.AppendTLV(dst, asn1der.TagOctetString, x.EuiccCiPKIdToBeUsed)
	dst = append(dst, x.ServerCertificate...)
	dst = AppendCtxParams1(dst, &x.CtxParams1)
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// EuiccSigned1 is the data the eUICC signs with euiccSignature1: the whole
// 30 L … TLV as present inside BF38 A0 (Raw; RSP-FACTS §3.2).
type EuiccSigned1 struct {
	Raw             []byte
	TransactionID   []byte     // 80
	ServerAddress   []byte     // 83
	ServerChallenge []byte     // 84, 16 bytes
	EuiccInfo2      EUICCInfo2 // BF22
	CtxParams1      CtxParams1 // A0
	Extensions      []byte
}

func (x *EuiccSigned1) parse(d *decoder) {
	v := d.expect(asn1der.TagSequence)
	c := d.child(v)
	x.Raw = v.Raw
	x.TransactionID = c.transactionID(0x80)
	x.ServerAddress = c.utf8(c.expect(0x83), -1)
	x.ServerChallenge = c.octets(0x84, ChallengeSize, ChallengeSize, "serverChallenge is not 16 bytes")
	info := c.expect(TagEUICCInfo2)
	ic := c.child(info)
	x.EuiccInfo2.parse(&ic)
	c.fail(ic.err)
	x.EuiccInfo2.Raw = info.Raw
	x.CtxParams1.parse(&c)
	x.Extensions = c.rest()
	d.fail(c.err)
}

// AppendEuiccSigned1 appends x (30 …), the exact input of euiccSignature1.
func AppendEuiccSigned1(dst []byte, x *EuiccSigned1) []byte {
	dst, mk := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = asn1der.AppendTLV(dst, 0x80, x.TransactionID)
	dst = asn1der.AppendTLV(dst, 0x83, x.ServerAddress)
	dst = asn1der.AppendTLV(dst, 0x84, x.ServerChallenge)
	dst = AppendEUICCInfo2(dst, &x.EuiccInfo2)
	dst = AppendCtxParams1(dst, &x.CtxParams1)
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// AuthenticateResponseOk is the success alternative of
// AuthenticateServerResponse (BF38 A0).
type AuthenticateResponseOk struct {
	EuiccSigned1        EuiccSigned1
	EuiccSigned1Raw     []byte // = EuiccSigned1.Raw: euiccSignature1's input
	EuiccSignature1     []byte // 64 bytes r‖s
	EuiccSignature1DO   []byte // 5F37 40 …: the whole DO, part of smdpSignature2's input
	EuiccCertificateRaw []byte // 30: CERT.EUICC
	EumCertificateRaw   []byte // 30: CERT.EUM
	Extensions          []byte
}

// AuthenticateResponseError is the error alternative (BF38 A1).
type AuthenticateResponseError struct {
	TransactionID []byte                // 80
	Code          AuthenticateErrorCode // 02
	Extensions    []byte
}

// AuthenticateServerResponse is the eUICC's answer to AuthenticateServer
// (BF38), received by the SM-DP+ inside AuthenticateClientRequest.
type AuthenticateServerResponse struct {
	Raw   []byte
	IsOk  bool
	Ok    AuthenticateResponseOk    // valid when IsOk
	Error AuthenticateResponseError // valid when !IsOk
}

// Err returns nil for an OK response and a *ResultError carrying the
// AuthenticateErrorCode otherwise.
func (x *AuthenticateServerResponse) Err() error {
	if x.IsOk {
		return nil
	}
	return &ResultError{Op: "AuthenticateServer", Code: x.Error.Code}
}

// ParseAuthenticateServerResponse decodes BF38 { A0 ok | A1 error }, strict
// DER (named BIT STRINGs inside EUICCInfo2 as sent). It allocates nothing.
func ParseAuthenticateServerResponse(b []byte) (x AuthenticateServerResponse, err error) {
	// Small enough to inline, so the 1.3 KB view is filled in the caller's
	// variable rather than copied out. One pass with a Cursor (fast.go); on
	// rejection the decoder re-reads the input for the error's offset and
	// rule.
	err = ParseAuthenticateServerResponseInto(&x, b)
	return x, err
}

// ParseAuthenticateServerResponseInto is [ParseAuthenticateServerResponse]
// writing the view into *x instead of returning it by value: for a hot path
// that keeps the 1.3 KB view in a local or reused variable and so saves
// copying it. Every field of *x is overwritten (it need not be zero); on
// error *x is the zero view. It allocates nothing on success.
func ParseAuthenticateServerResponseInto(x *AuthenticateServerResponse, b []byte) error {
	if x.parseFast(b) {
		return nil
	}
	*x = AuthenticateServerResponse{}
	y, err := parseAuthenticateServerResponseSlow(b)
	if err == nil {
		*x = y
	}
	return err
}

// parseAuthenticateServerResponseSlow is the decoder's (precise) path.
func parseAuthenticateServerResponseSlow(b []byte) (x AuthenticateServerResponse, err error) {
	v, d := top(b, TagAuthenticateServer, asn1der.DER)
	x.parseContents(&d)
	if d.err != nil {
		return AuthenticateServerResponse{}, parseErr("AuthenticateServerResponse", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

func (x *AuthenticateServerResponse) parseContents(d *decoder) {
	alt := d.choiceAlt()
	c := d.child(alt)
	switch {
	case !d.ok():
	case alt.Tag == 0xA0:
		x.IsOk = true
		o := &x.Ok
		o.EuiccSigned1.parse(&c)
		o.EuiccSigned1Raw = o.EuiccSigned1.Raw
		o.EuiccSignature1, o.EuiccSignature1DO = c.signature()
		o.EuiccCertificateRaw = c.certificate()
		o.EumCertificateRaw = c.certificate()
		o.Extensions = c.rest()
	case alt.Tag == 0xA1:
		e := &x.Error
		e.TransactionID = c.transactionID(0x80)
		e.Code = AuthenticateErrorCode(c.int64(c.expect(asn1der.TagInteger)))
		e.Extensions = c.rest()
	default:
		c.fail(&asn1der.Error{Offset: alt.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: alt.Tag, Detail: "want A0 or A1"})
	}
	d.fail(c.err)
}

// AppendAuthenticateServerResponse appends x (BF38).
func AppendAuthenticateServerResponse(dst []byte, x *AuthenticateServerResponse) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagAuthenticateServer)
	if x.IsOk {
		dst = appendAuthenticateResponseOk(dst, &x.Ok)
	} else {
		dst = appendAuthenticateResponseError(dst, &x.Error)
	}
	return asn1der.AppendEnd(dst, mk)
}

func appendAuthenticateResponseOk(dst []byte, o *AuthenticateResponseOk) []byte {
	dst, mk := asn1der.AppendBegin(dst, 0xA0)
	dst = AppendEuiccSigned1(dst, &o.EuiccSigned1)
	dst = asn1der.AppendTLV(dst, TagSignature, o.EuiccSignature1)
	dst = append(dst, o.EuiccCertificateRaw...)
	dst = append(dst, o.EumCertificateRaw...)
	dst = append(dst, o.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

func appendAuthenticateResponseError(dst []byte, e *AuthenticateResponseError) []byte {
	dst, mk := asn1der.AppendBegin(dst, 0xA1)
	dst = asn1der.AppendTLV(dst, 0x80, e.TransactionID)
	dst = asn1der.AppendInt64(dst, asn1der.TagInteger, int64(e.Code))
	dst = append(dst, e.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// AppendAuthenticateServerResponseOk appends BF38 A0 { euiccSigned1,
// 5F37 euiccSignature1, euiccCertificate, eumCertificate } from parts: the
// euiccSigned1 TLV and the certificates are appended as given.
func AppendAuthenticateServerResponseOk(dst, euiccSigned1, euiccSignature1, euiccCert, eumCert []byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagAuthenticateServer)
	dst, m2 := asn1der.AppendBegin(dst, 0xA0)
	dst = append(dst, euiccSigned1...)
	dst = asn1der.AppendTLV(dst, TagSignature, euiccSignature1)
	dst = append(dst, euiccCert...)
	dst = append(dst, eumCert...)
	dst = asn1der.AppendEnd(dst, m2)
	return asn1der.AppendEnd(dst, mk)
}

// AppendAuthenticateServerResponseError appends BF38 A1 { 80 tid, 02 code }.
func AppendAuthenticateServerResponseError(dst, transactionID []byte, code AuthenticateErrorCode) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagAuthenticateServer)
	dst = appendAuthenticateResponseError(dst, &AuthenticateResponseError{TransactionID: transactionID, Code: code})
	return asn1der.AppendEnd(dst, mk)
}

// InitiateAuthenticationRequest is ES9+.InitiateAuthentication (BF39),
// received by the SM-DP+.
type InitiateAuthenticationRequest struct {
	Raw            []byte
	EuiccChallenge []byte     // 81, 16 bytes
	SmdpAddress    []byte     // 83 UTF8String
	EuiccInfo1     EUICCInfo1 // BF20
	Extensions     []byte
}

// ParseInitiateAuthenticationRequest decodes BF39 { 81 challenge, 83
// address, BF20 euiccInfo1 }.
func ParseInitiateAuthenticationRequest(b []byte) (x InitiateAuthenticationRequest, err error) {
	if x.parseFast(b) {
		return x, nil
	}
	return parseInitiateAuthenticationRequestSlow(b)
}

func parseInitiateAuthenticationRequestSlow(b []byte) (InitiateAuthenticationRequest, error) {
	v, d := top(b, TagInitiateAuthentication, asn1der.DER)
	var x InitiateAuthenticationRequest
	x.EuiccChallenge = d.octets(0x81, ChallengeSize, ChallengeSize, "euiccChallenge is not 16 bytes")
	x.SmdpAddress = d.utf8(d.expect(0x83), -1)
	info := d.expect(TagEUICCInfo1)
	ic := d.child(info)
	x.EuiccInfo1.parse(&ic)
	d.fail(ic.err)
	x.EuiccInfo1.Raw = info.Raw
	x.Extensions = d.rest()
	if d.err != nil {
		return InitiateAuthenticationRequest{}, parseErr("InitiateAuthenticationRequest", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// AppendInitiateAuthenticationRequest appends x (BF39).
func AppendInitiateAuthenticationRequest(dst []byte, x *InitiateAuthenticationRequest) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagInitiateAuthentication)
	dst = asn1der.AppendTLV(dst, 0x81, x.EuiccChallenge)
	dst = asn1der.AppendTLV(dst, 0x83, x.SmdpAddress)
	dst = AppendEUICCInfo1(dst, &x.EuiccInfo1)
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// InitiateAuthenticationOk is InitiateAuthenticationOkEs9: what the SM-DP+
// returns and the LPA forwards into AuthenticateServerRequest.
type InitiateAuthenticationOk struct {
	Raw                  []byte // the whole element (30 … standalone, A0 … inside BF39)
	TransactionID        []byte // 80
	ServerSigned1        ServerSigned1
	ServerSignature1     []byte // 5F37 value
	ServerSignature1DO   []byte // whole 5F37 DO
	EuiccCiPKIdToBeUsed  []byte // 04
	ServerCertificateRaw []byte // 30: CERT.DPauth
	Extensions           []byte
}

func (x *InitiateAuthenticationOk) parse(d *decoder, v asn1der.TLV) {
	x.Raw = v.Raw
	c := d.child(v)
	x.TransactionID = c.transactionID(0x80)
	x.ServerSigned1.parse(&c)
	x.ServerSignature1, x.ServerSignature1DO = c.signature()
	x.EuiccCiPKIdToBeUsed = c.expect(asn1der.TagOctetString).Value
	x.ServerCertificateRaw = c.certificate()
	x.Extensions = c.rest()
	d.fail(c.err)
}

// ParseInitiateAuthenticationOk decodes a standalone
// InitiateAuthenticationOkEs9 (30 …), the form the recorded session keeps.
func ParseInitiateAuthenticationOk(b []byte) (InitiateAuthenticationOk, error) {
	v, err := asn1der.ParseExpect(b, asn1der.TagSequence)
	if err != nil {
		return InitiateAuthenticationOk{}, parseErr("InitiateAuthenticationOkEs9", err)
	}
	d := decoder{}
	var x InitiateAuthenticationOk
	x.parse(&d, v)
	if d.err != nil {
		return InitiateAuthenticationOk{}, parseErr("InitiateAuthenticationOkEs9", d.err)
	}
	return x, nil
}

func appendInitiateAuthenticationOk(dst []byte, t asn1der.Tag, x *InitiateAuthenticationOk) []byte {
	dst, mk := asn1der.AppendBegin(dst, t)
	dst = asn1der.AppendTLV(dst, 0x80, x.TransactionID)
	dst = appendServerSigned1View(dst, &x.ServerSigned1)
	dst = asn1der.AppendTLV(dst, TagSignature, x.ServerSignature1)
	dst = asn1der.AppendTLV(dst, asn1der.TagOctetString, x.EuiccCiPKIdToBeUsed)
	dst = append(dst, x.ServerCertificateRaw...)
	dst = append(dst, x.Extensions...)
	return asn1der.AppendEnd(dst, mk)
}

// AppendInitiateAuthenticationOk appends x as a standalone
// InitiateAuthenticationOkEs9 (30 …).
func AppendInitiateAuthenticationOk(dst []byte, x *InitiateAuthenticationOk) []byte {
	return appendInitiateAuthenticationOk(dst, asn1der.TagSequence, x)
}

// InitiateAuthenticationResponse is BF39 { A0 InitiateAuthenticationOkEs9 |
// 81 initiateAuthenticationError }.
type InitiateAuthenticationResponse struct {
	Raw   []byte
	IsOk  bool
	Ok    InitiateAuthenticationOk
	Error InitiateAuthenticationErrorCode
}

// Err returns nil for an OK response, else a *ResultError with the code.
func (x *InitiateAuthenticationResponse) Err() error {
	if x.IsOk {
		return nil
	}
	return &ResultError{Op: "InitiateAuthentication", Code: x.Error}
}

// ParseInitiateAuthenticationResponse decodes BF39 (strict DER).
func ParseInitiateAuthenticationResponse(b []byte) (InitiateAuthenticationResponse, error) {
	v, d := top(b, TagInitiateAuthentication, asn1der.DER)
	var x InitiateAuthenticationResponse
	alt := d.choiceAlt()
	switch {
	case !d.ok():
	case alt.Tag == 0xA0:
		x.IsOk = true
		x.Ok.parse(&d, alt)
	case alt.Tag == 0x81:
		x.Error = InitiateAuthenticationErrorCode(d.int64(alt))
	default:
		d.fail(&asn1der.Error{Offset: alt.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: alt.Tag, Detail: "want A0 or 81"})
	}
	if d.err != nil {
		return InitiateAuthenticationResponse{}, parseErr("InitiateAuthenticationResponse", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// AppendInitiateAuthenticationResponse appends x (BF39).
func AppendInitiateAuthenticationResponse(dst []byte, x *InitiateAuthenticationResponse) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagInitiateAuthentication)
	if x.IsOk {
		dst = appendInitiateAuthenticationOk(dst, 0xA0, &x.Ok)
	} else {
		dst = asn1der.AppendInt64(dst, 0x81, int64(x.Error))
	}
	return asn1der.AppendEnd(dst, mk)
}

// AuthenticateClientRequest is ES9+.AuthenticateClient (BF3B { 80 tid, BF38
// authenticateServerResponse }), received by the SM-DP+.
type AuthenticateClientRequest struct {
	Raw                        []byte
	TransactionID              []byte
	AuthenticateServerResponse AuthenticateServerResponse
	UseMatchingIDForAcr        bool // 05 NULL OPTIONAL (untagged, SGP.22 ≥ v2.6, RSP-FACTS §2.2)
	Extensions                 []byte
}

// ParseAuthenticateClientRequest decodes BF3B (strict DER).
func ParseAuthenticateClientRequest(b []byte) (x AuthenticateClientRequest, err error) {
	err = x.parseInto(b) // inlines: the 1.4 KB view is filled in place
	return x, err
}

func (x *AuthenticateClientRequest) parseInto(b []byte) error {
	if x.parseFast(b) {
		return nil
	}
	*x = AuthenticateClientRequest{}
	y, err := parseAuthenticateClientRequestSlow(b)
	if err == nil {
		*x = y
	}
	return err
}

func parseAuthenticateClientRequestSlow(b []byte) (AuthenticateClientRequest, error) {
	v, d := top(b, TagAuthenticateClient, asn1der.DER)
	var x AuthenticateClientRequest
	x.TransactionID = d.transactionID(0x80)
	asr := d.expect(TagAuthenticateServer)
	c := d.child(asr)
	x.AuthenticateServerResponse.parseContents(&c)
	d.fail(c.err)
	x.AuthenticateServerResponse.Raw = asr.Raw
	if t, ok := d.optional(asn1der.TagNull); ok {
		d.fail(asn1der.Null(t))
		x.UseMatchingIDForAcr = true
	}
	x.Extensions = d.rest()
	if d.err != nil {
		return AuthenticateClientRequest{}, parseErr("AuthenticateClientRequest", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// AppendAuthenticateClientRequest appends BF3B { 80 tid, authenticateServerResponse }
// where asr is the BF38 TLV exactly as the eUICC produced it.
func AppendAuthenticateClientRequest(dst, transactionID, asr []byte) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagAuthenticateClient)
	dst = asn1der.AppendTLV(dst, 0x80, transactionID)
	dst = append(dst, asr...)
	return asn1der.AppendEnd(dst, mk)
}

// AuthenticateClientOk is the success alternative of
// AuthenticateClientResponseEs9 (BF3B A0).
type AuthenticateClientOk struct {
	TransactionID      []byte               // 80
	ProfileMetadata    StoreMetadataRequest // BF25 (ProfileMetadata.Raw is the whole TLV)
	SmdpSigned2        SmdpSigned2          // 30; SmdpSigned2.Raw is part of smdpSignature2's input
	SmdpSignature2     []byte               // 5F37 value
	SmdpSignature2DO   []byte               // whole 5F37 DO: part of euiccSignature2's input
	SmdpCertificateRaw []byte               // 30: CERT.DPpb
	Extensions         []byte
}

// AuthenticateClientResponse is AuthenticateClientResponseEs9 (BF3B { A0 ok
// | 81 error }).
type AuthenticateClientResponse struct {
	Raw   []byte
	IsOk  bool
	Ok    AuthenticateClientOk
	Error AuthenticateClientErrorCode
}

// Err returns nil for an OK response, else a *ResultError with the code.
func (x *AuthenticateClientResponse) Err() error {
	if x.IsOk {
		return nil
	}
	return &ResultError{Op: "AuthenticateClient", Code: x.Error}
}

// ParseAuthenticateClientResponse decodes BF3B (strict DER; the metadata
// inside is decoded as StoreMetadataRequest in DER).
func ParseAuthenticateClientResponse(b []byte) (AuthenticateClientResponse, error) {
	v, d := top(b, TagAuthenticateClient, asn1der.DER)
	var x AuthenticateClientResponse
	alt := d.choiceAlt()
	switch {
	case !d.ok():
	case alt.Tag == 0xA0:
		x.IsOk = true
		o := &x.Ok
		c := d.child(alt)
		o.TransactionID = c.transactionID(0x80)
		md := c.expect(TagStoreMetadata)
		mc := c.child(md)
		o.ProfileMetadata.parse(&mc)
		c.fail(mc.err)
		o.ProfileMetadata.Raw = md.Raw
		o.SmdpSigned2.parse(&c)
		o.SmdpSignature2, o.SmdpSignature2DO = c.signature()
		o.SmdpCertificateRaw = c.certificate()
		o.Extensions = c.rest()
		d.fail(c.err)
	case alt.Tag == 0x81:
		x.Error = AuthenticateClientErrorCode(d.int64(alt))
	default:
		d.fail(&asn1der.Error{Offset: alt.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: alt.Tag, Detail: "want A0 or 81"})
	}
	if d.err != nil {
		return AuthenticateClientResponse{}, parseErr("AuthenticateClientResponse", d.err)
	}
	x.Raw = v.Raw
	return x, nil
}

// AppendAuthenticateClientResponse appends x (BF3B).
func AppendAuthenticateClientResponse(dst []byte, x *AuthenticateClientResponse) []byte {
	dst, mk := asn1der.AppendBegin(dst, TagAuthenticateClient)
	if x.IsOk {
		o := &x.Ok
		var m asn1der.Mark
		dst, m = asn1der.AppendBegin(dst, 0xA0)
		dst = asn1der.AppendTLV(dst, 0x80, o.TransactionID)
		dst = AppendStoreMetadataRequest(dst, &o.ProfileMetadata)
		dst = AppendSmdpSigned2(dst, &o.SmdpSigned2)
		dst = asn1der.AppendTLV(dst, TagSignature, o.SmdpSignature2)
		dst = append(dst, o.SmdpCertificateRaw...)
		dst = append(dst, o.Extensions...)
		dst = asn1der.AppendEnd(dst, m)
	} else {
		dst = asn1der.AppendInt64(dst, 0x81, int64(x.Error))
	}
	return asn1der.AppendEnd(dst, mk)
}
