package rsp

import (
	"slices"
	"unicode/utf8"

	"github.com/rspengine/rspengine/asn1der"
)

// The one-pass fast path of the hot views (AuthenticateServerResponse and
// everything inside it, AuthenticateClientRequest,
// InitiateAuthenticationRequest, EUICCInfo1/2).
//
// fdec mirrors the sticky-error [decoder] member by member, but walks with
// an [asn1der.Cursor] (bare sub-slices, no TLV copies, no offsets) and keeps
// only an ok flag. It accepts exactly what the decoder accepts: every
// element at every level it walks is consumed by Cursor.Expect/Next (the
// same strict-DER header rules as the Reader), the same value checks run
// (sizes, UTF-8, INTEGER, BIT STRING), and the extension check of
// [decoder.rest] uses a fixed member list per type instead of the
// known-tags array (the decoder notes exactly those tags before it reaches
// rest, so the sets are equal). When fdec rejects, the Parse function
// re-runs the decoder, which produces the detailed *ParseError with offset
// and rule; FuzzFastSlowAgree and TestFastSlowAgree check that both agree.

// fdec is a Cursor with a sticky ok flag.
type fdec struct {
	c  asn1der.Cursor
	ok bool
}

// child returns a decoder over the contents v of an element read from d.
func (d *fdec) child(v []byte) fdec { return fdec{c: v, ok: d.ok} }

// next consumes any element (the first branch is the Cursor's fast path,
// see expect).
func (d *fdec) next() (tag asn1der.Tag, val, raw []byte) {
	b := d.c
	if len(b) >= 2 && b[0]&0x1F != 0x1F && b[0] != 0 && b[1] < 0x80 && int(b[1]) <= len(b)-2 {
		n := int(b[1]) + 2
		d.c = b[n:]
		return asn1der.Tag(b[0]), b[2:n:n], b[:n:n]
	}
	return d.nextSlow()
}

func (d *fdec) nextSlow() (tag asn1der.Tag, val, raw []byte) {
	tag, val, raw, ok := d.c.Next()
	if !ok {
		d.ok = false
	}
	return tag, val, raw
}

// The methods below take a tag constant t of one or two octets (a valid
// identifier: not 00, and a two-octet tag with a number of at least 31).
// expect's first branch is the Cursor's own fast path (one-octet tag, short
// definite length), repeated here because asn1der.Cursor.Expect is over the
// compiler's inlining budget (cost 148 > 80 with Go 1.26) and a call per
// element is a large part of a walk this small. expectLong then takes the
// remaining common cases in one call: a two-octet tag (BF22, 5F37, …) and
// the DER length forms 81 xx (xx >= 80) and 82 xxxx (xxxx >= 0100), exactly
// the forms the Reader's own fast path takes. Anything else goes through
// Cursor.Expect. So the accepted set is the Cursor's (and the Reader's).

// expect consumes an element with tag t.
func (d *fdec) expect(t asn1der.Tag) (val, raw []byte) {
	b := d.c
	if len(b) >= 2 && asn1der.Tag(b[0]) == t && b[1] < 0x80 && int(b[1]) <= len(b)-2 {
		n := int(b[1]) + 2
		d.c = b[n:]
		return b[2:n:n], b[:n:n]
	}
	return d.expectLong(t)
}

func (d *fdec) expectLong(t asn1der.Tag) (val, raw []byte) {
	b := d.c
	i := 1
	if t > 0xFF {
		if t > 0xFFFF || len(b) < 2 || asn1der.Tag(b[0])<<8|asn1der.Tag(b[1]) != t {
			return d.expectSlow(t)
		}
		i = 2
	} else if len(b) < 1 || asn1der.Tag(b[0]) != t {
		return d.expectSlow(t)
	}
	if len(b) < i+1 {
		return d.expectSlow(t)
	}
	l, h := int(b[i]), i+1
	switch {
	case l < 0x80:
	case l == 0x81 && len(b) >= i+2 && b[i+1] >= 0x80:
		l, h = int(b[i+1]), i+2
	case l == 0x82 && len(b) >= i+3 && b[i+1] != 0:
		l, h = int(b[i+1])<<8|int(b[i+2]), i+3
	default:
		return d.expectSlow(t)
	}
	if l > len(b)-h {
		return d.expectSlow(t)
	}
	n := h + l
	d.c = b[n:]
	return b[h:n:n], b[:n:n]
}

func (d *fdec) expectSlow(t asn1der.Tag) (val, raw []byte) {
	val, raw, ok := d.c.Expect(t)
	if !ok {
		d.ok = false
	}
	return val, raw
}

// value consumes an element with tag t and returns its contents.
func (d *fdec) value(t asn1der.Tag) []byte {
	b := d.c
	if len(b) >= 2 && asn1der.Tag(b[0]) == t && b[1] < 0x80 && int(b[1]) <= len(b)-2 {
		n := int(b[1]) + 2
		d.c = b[n:]
		return b[2:n:n]
	}
	v, _ := d.expectLong(t)
	return v
}

// optional consumes an element with one-octet tag t if it is next; present
// is false when absent or malformed (then ok is cleared).
func (d *fdec) optional(t asn1der.Tag) (val, raw []byte, present bool) {
	if len(d.c) == 0 || asn1der.Tag(d.c[0]) != t {
		return nil, nil, false
	}
	return d.optionalSlow(t)
}

//go:noinline (keeps optional itself small enough to inline)
func (d *fdec) optionalSlow(t asn1der.Tag) (val, raw []byte, present bool) {
	val, raw = d.expect(t)
	return val, raw, d.ok
}

// sized checks len(v) in [lo, hi].
func (d *fdec) sized(v []byte, lo, hi int) []byte {
	if len(v) < lo || len(v) > hi {
		d.ok = false
	}
	return v
}

func (d *fdec) octets(t asn1der.Tag, lo, hi int) []byte { return d.sized(d.value(t), lo, hi) }

func (d *fdec) version(t asn1der.Tag) Version {
	return Version(d.octets(t, VersionSize, VersionSize))
}

func (d *fdec) utf8(v []byte, max int) []byte {
	if max >= 0 && len(v) > max || !utf8.Valid(v) {
		d.ok = false
	}
	return v
}

func (d *fdec) int64(v []byte) int64 {
	n, err := asn1der.Int64(asn1der.TLV{Value: v})
	if err != nil {
		d.ok = false
	}
	return n
}

// bits is decoder.bits in DER mode (the fast path is DER only).
func (d *fdec) bits(v []byte) asn1der.BitString {
	b, err := asn1der.ParseBitString(asn1der.TLV{Value: v}, asn1der.DER)
	if err != nil {
		d.ok = false
	}
	return b
}

func (d *fdec) signature() (sig, do []byte) {
	v, raw := d.expect(TagSignature)
	return d.sized(v, SignatureSize, SignatureSize), raw
}

func (d *fdec) keyIDList(v []byte) KeyIDList {
	c := fdec{c: v, ok: true}
	n := 0
	for len(c.c) > 0 && c.ok {
		c.value(asn1der.TagOctetString)
		n++
	}
	if !c.ok {
		d.ok = false
		return KeyIDList{}
	}
	return KeyIDList{Contents: v, Count: n}
}

// rest is decoder.rest: the extension elements after the members, each
// well-formed and none carrying a member's tag.
func (d *fdec) rest(members []asn1der.Tag) []byte {
	if len(d.c) == 0 {
		return nil
	}
	return d.restSlow(members)
}

func (d *fdec) restSlow(members []asn1der.Tag) []byte {
	if !d.ok {
		return nil
	}
	b := []byte(d.c)
	for len(d.c) > 0 {
		tag, _, _ := d.next()
		if !d.ok || slices.Contains(members, tag) {
			d.ok = false
			return nil
		}
	}
	return b
}

// The member tags each decoder notes before its rest (see decoder.known).
var (
	euiccInfo1Members = [...]asn1der.Tag{0x82, 0xA9, 0xAA}
	euiccInfo2Members = [...]asn1der.Tag{0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0xA9, 0xAA, 0x8B, 0x99,
		asn1der.TagOctetString, asn1der.TagUTF8String, 0xAC, 0x8D, 0x8E, 0xAF, 0x90, 0xB1, 0x92, 0x93, 0xB4, 0x95}
	certDataMembers     = [...]asn1der.Tag{0x80, 0x81}
	deviceInfoMembers   = [...]asn1der.Tag{0x80, 0xA1, 0x82}
	ctxParams1Members   = [...]asn1der.Tag{0x80, 0xA1}
	euiccSigned1Members = [...]asn1der.Tag{0x80, 0x83, 0x84, TagEUICCInfo2}
	asrOkMembers        = [...]asn1der.Tag{asn1der.TagSequence, TagSignature}
	asrErrorMembers     = [...]asn1der.Tag{0x80, asn1der.TagInteger}
	authClientMembers   = [...]asn1der.Tag{0x80, TagAuthenticateServer, asn1der.TagNull}
	initAuthMembers     = [...]asn1der.Tag{0x81, 0x83, TagEUICCInfo1}
)

func (x *EUICCInfo1) parseFast(d *fdec) {
	x.Svn = d.version(0x82)
	x.CiPKIdListForVerification = d.keyIDList(d.value(0xA9))
	x.CiPKIdListForSigning = d.keyIDList(d.value(0xAA))
	x.Extensions = d.rest(euiccInfo1Members[:])
}

// take is expect in value form: the cursor comes and goes in registers
// (a walk through a pointer keeps it in memory, one store-load chain per
// element), used where a parser reads a long run of members.
func (d fdec) take(t asn1der.Tag) ([]byte, fdec) {
	b := d.c
	if len(b) >= 2 && asn1der.Tag(b[0]) == t && b[1] < 0x80 && int(b[1]) <= len(b)-2 {
		n := int(b[1]) + 2
		return b[2:n:n], fdec{c: b[n:], ok: d.ok}
	}
	v, _ := d.expectLong(t)
	return v, d
}

// takeRaw is take also returning the whole element.
func (d fdec) takeRaw(t asn1der.Tag) ([]byte, []byte, fdec) {
	v, raw := d.expect(t)
	return v, raw, d
}

// has reports whether the next element has one-octet tag t.
func (d fdec) has(t asn1der.Tag) bool { return len(d.c) > 0 && asn1der.Tag(d.c[0]) == t }

func (d fdec) sizedv(v []byte, lo, hi int) fdec {
	if len(v) < lo || len(v) > hi {
		d.ok = false
	}
	return d
}

func (x *EUICCInfo2) parseFast(dp *fdec) {
	d := *dp
	var v, raw []byte
	v, d = d.take(0x81)
	x.ProfileVersion, d = v, d.sizedv(v, VersionSize, VersionSize)
	v, d = d.take(0x82)
	x.Svn, d = v, d.sizedv(v, VersionSize, VersionSize)
	v, d = d.take(0x83)
	x.EuiccFirmwareVer, d = v, d.sizedv(v, VersionSize, VersionSize)
	x.ExtCardResource, d = d.take(0x84)
	v, d = d.take(0x85)
	x.UICCCapability = d.bits(v)
	x.TS102241Version = nil
	if d.has(0x86) {
		v, d = d.take(0x86)
		x.TS102241Version, d = v, d.sizedv(v, VersionSize, VersionSize)
	}
	x.GlobalPlatformVersion = nil
	if d.has(0x87) {
		v, d = d.take(0x87)
		x.GlobalPlatformVersion, d = v, d.sizedv(v, VersionSize, VersionSize)
	}
	v, d = d.take(0x88)
	x.RspCapability = d.bits(v)
	v, d = d.take(0xA9)
	x.CiPKIdListForVerification = d.keyIDList(v)
	v, d = d.take(0xAA)
	x.CiPKIdListForSigning = d.keyIDList(v)
	// Every member is written, present or not, so that a view can be
	// reused without being reset (ParseAuthenticateServerResponseInto).
	x.EuiccCategory, x.HasEuiccCategory = 0, false
	x.ForbiddenPPRs, x.HasForbiddenPPRs = asn1der.BitString{}, false
	x.CertificationDataObject, x.HasCertificationData, x.PlatformLabel, x.DiscoveryBaseURL, x.CertificationDataExt = nil, false, nil, nil, nil
	x.TreProperties, x.HasTreProperties, x.TreProductReference = asn1der.BitString{}, false, nil
	x.AdditionalProfileVersions, x.IpaMode, x.HasIpaMode = nil, 0, false
	x.CiPKIdListForSigningV3, x.HasCiPKIdListForSigningV3 = KeyIDList{}, false
	x.AdditionalEuiccInfo, x.IotSpecificInfo, x.EuiccMinimumSecurityLevel, x.HighestSvn = nil, nil, nil, nil
	if d.has(0x8B) {
		v, d = d.take(0x8B)
		x.EuiccCategory, x.HasEuiccCategory = d.int64(v), true
	}
	if d.has(0x99) {
		v, d = d.take(0x99)
		x.ForbiddenPPRs, x.HasForbiddenPPRs = d.bits(v), true
	}
	v, d = d.take(asn1der.TagOctetString)
	x.PpVersion, d = v, d.sizedv(v, VersionSize, VersionSize)
	v, d = d.take(asn1der.TagUTF8String)
	x.SasAccreditationNumber = d.utf8(v, MaxSasAccredNum)
	if d.has(0xAC) {
		v, raw, d = d.takeRaw(0xAC)
		x.CertificationDataObject, x.HasCertificationData = raw, true
		c := d.child(v)
		x.PlatformLabel = c.utf8(c.value(0x80), -1)
		x.DiscoveryBaseURL = c.utf8(c.value(0x81), -1)
		x.CertificationDataExt = c.rest(certDataMembers[:])
		d.ok = c.ok
	}
	if d.has(0x8D) {
		v, d = d.take(0x8D)
		x.TreProperties, x.HasTreProperties = d.bits(v), true
	}
	if d.has(0x8E) {
		v, d = d.take(0x8E)
		x.TreProductReference = d.utf8(v, -1)
	}
	if d.has(0xAF) {
		v, raw, d = d.takeRaw(0xAF)
		c := asn1der.Cursor(v)
		for len(c) > 0 {
			if e, _, ok := c.Expect(asn1der.TagOctetString); !ok || len(e) != VersionSize {
				d.ok = false
				break
			}
		}
		x.AdditionalProfileVersions = raw
	}
	if d.has(0x90) {
		v, d = d.take(0x90)
		x.IpaMode, x.HasIpaMode = d.int64(v), true
	}
	if d.has(0xB1) {
		v, d = d.take(0xB1)
		x.CiPKIdListForSigningV3, x.HasCiPKIdListForSigningV3 = d.keyIDList(v), true
	}
	if d.has(0x92) {
		v, d = d.take(0x92)
		x.AdditionalEuiccInfo, d = v, d.sizedv(v, 0, 32)
	}
	if d.has(0x93) {
		v, d = d.take(0x93)
		x.HighestSvn, d = v, d.sizedv(v, VersionSize, VersionSize)
	}
	if d.has(0xB4) {
		_, raw, d = d.takeRaw(0xB4)
		x.IotSpecificInfo = raw
	}
	if d.has(0x95) {
		v, d = d.take(0x95)
		x.EuiccMinimumSecurityLevel, d = v, d.sizedv(v, 1, 1)
	}
	x.Extensions = d.rest(euiccInfo2Members[:])
	*dp = d
}

func (x *DeviceInfo) parseFast(d *fdec, v, raw []byte) {
	x.Raw = raw
	c := d.child(v)
	x.TAC = c.octets(0x80, TACSize, TACSize)
	caps, capsRaw := c.expect(0xA1)
	cc := c.child(caps)
	cc.rest(nil)
	c.ok = cc.ok
	x.DeviceCapabilitiesRaw = capsRaw
	x.IMEI = nil
	if t, _, ok := c.optional(0x82); ok {
		x.IMEI = c.sized(t, IMEISize, IMEISize)
	}
	x.Extensions = c.rest(deviceInfoMembers[:])
	d.ok = c.ok
}

func (x *CtxParams1) parseFast(d *fdec) {
	tag, v, raw := d.next()
	if tag != 0xA0 {
		d.ok = false
		return
	}
	x.Raw = raw
	c := d.child(v)
	x.MatchingID, x.HasMatchingID = nil, false
	if t, _, ok := c.optional(0x80); ok {
		x.MatchingID, x.HasMatchingID = c.utf8(t, -1), true
	}
	dv, draw := c.expect(0xA1)
	x.DeviceInfo.parseFast(&c, dv, draw)
	x.Extensions = c.rest(ctxParams1Members[:])
	d.ok = c.ok
}

func (x *EuiccSigned1) parseFast(d *fdec) {
	v, raw := d.expect(asn1der.TagSequence)
	c := d.child(v)
	x.Raw = raw
	x.TransactionID = c.octets(0x80, 1, MaxTransactionID)
	x.ServerAddress = c.utf8(c.value(0x83), -1)
	x.ServerChallenge = c.octets(0x84, ChallengeSize, ChallengeSize)
	info, infoRaw := c.expect(TagEUICCInfo2)
	ic := c.child(info)
	x.EuiccInfo2.parseFast(&ic)
	c.ok = ic.ok
	x.EuiccInfo2.Raw = infoRaw
	x.CtxParams1.parseFast(&c)
	x.Extensions = c.rest(euiccSigned1Members[:])
	d.ok = c.ok
}

// parseContentsFast is parseContents on the contents of BF38.
func (x *AuthenticateServerResponse) parseContentsFast(body []byte) bool {
	d := fdec{c: body, ok: true}
	tag, v, _ := d.next()
	if !d.ok || len(d.c) != 0 {
		return false
	}
	c := d.child(v)
	switch tag {
	case 0xA0:
		x.IsOk = true
		x.Error = AuthenticateResponseError{}
		o := &x.Ok
		o.EuiccSigned1.parseFast(&c)
		o.EuiccSigned1Raw = o.EuiccSigned1.Raw
		o.EuiccSignature1, o.EuiccSignature1DO = c.signature()
		_, o.EuiccCertificateRaw = c.expect(asn1der.TagSequence)
		_, o.EumCertificateRaw = c.expect(asn1der.TagSequence)
		o.Extensions = c.rest(asrOkMembers[:])
	case 0xA1:
		x.IsOk = false
		x.Ok = AuthenticateResponseOk{}
		e := &x.Error
		e.TransactionID = c.octets(0x80, 1, MaxTransactionID)
		e.Code = AuthenticateErrorCode(c.int64(c.value(asn1der.TagInteger)))
		e.Extensions = c.rest(asrErrorMembers[:])
	default:
		return false
	}
	return c.ok
}

// parseFast is ParseAuthenticateServerResponse's success path. It writes
// every field of x on success, so x need not be zero.
func (x *AuthenticateServerResponse) parseFast(b []byte) bool {
	d := fdec{c: b, ok: true}
	body, _ := d.expect(TagAuthenticateServer)
	if !d.ok || len(d.c) != 0 || !x.parseContentsFast(body) {
		return false
	}
	x.Raw = b[:len(b):len(b)]
	return true
}

// parseFast is ParseAuthenticateClientRequest's success path.
func (x *AuthenticateClientRequest) parseFast(b []byte) bool {
	body, ok := asn1der.ParseOne(b, TagAuthenticateClient)
	if !ok {
		return false
	}
	d := fdec{c: body, ok: true}
	x.TransactionID = d.octets(0x80, 1, MaxTransactionID)
	asr, asrRaw := d.expect(TagAuthenticateServer)
	if !d.ok || !x.AuthenticateServerResponse.parseContentsFast(asr) {
		return false
	}
	x.AuthenticateServerResponse.Raw = asrRaw
	x.UseMatchingIDForAcr = false
	if t, _, ok := d.optional(asn1der.TagNull); ok {
		if len(t) != 0 {
			return false
		}
		x.UseMatchingIDForAcr = true
	}
	x.Extensions = d.rest(authClientMembers[:])
	if !d.ok {
		return false
	}
	x.Raw = b[:len(b):len(b)]
	return true
}

// parseFast is ParseInitiateAuthenticationRequest's success path.
func (x *InitiateAuthenticationRequest) parseFast(b []byte) bool {
	body, ok := asn1der.ParseOne(b, TagInitiateAuthentication)
	if !ok {
		return false
	}
	d := fdec{c: body, ok: true}
	x.EuiccChallenge = d.octets(0x81, ChallengeSize, ChallengeSize)
	x.SmdpAddress = d.utf8(d.value(0x83), -1)
	info, infoRaw := d.expect(TagEUICCInfo1)
	ic := d.child(info)
	x.EuiccInfo1.parseFast(&ic)
	d.ok = ic.ok
	x.EuiccInfo1.Raw = infoRaw
	x.Extensions = d.rest(initAuthMembers[:])
	if !d.ok {
		return false
	}
	x.Raw = b[:len(b):len(b)]
	return true
}

// parseTopFast is ParseEUICCInfo1's success path.
func (x *EUICCInfo1) parseTopFast(b []byte) bool {
	body, ok := asn1der.ParseOne(b, TagEUICCInfo1)
	if !ok {
		return false
	}
	d := fdec{c: body, ok: true}
	x.parseFast(&d)
	x.Raw = b[:len(b):len(b)]
	return d.ok
}

// parseTopFast is ParseEUICCInfo2's success path.
func (x *EUICCInfo2) parseTopFast(b []byte) bool {
	body, ok := asn1der.ParseOne(b, TagEUICCInfo2)
	if !ok {
		return false
	}
	d := fdec{c: body, ok: true}
	x.parseFast(&d)
	x.Raw = b[:len(b):len(b)]
	return d.ok
}

var (
	euiccSigned2Members = [...]asn1der.Tag{0x80, TagEuiccOtpk, asn1der.TagOctetString}
	pdrOkMembers        = [...]asn1der.Tag{asn1der.TagSequence, TagSignature}
	pdrErrorMembers     = [...]asn1der.Tag{0x80, asn1der.TagInteger}
	gbppRequestMembers  = [...]asn1der.Tag{0x80, TagPrepareDownload}
)

func (x *EuiccSigned2) parseFast(d *fdec) {
	v, raw := d.expect(asn1der.TagSequence)
	c := d.child(v)
	x.Raw = raw
	x.TransactionID = c.octets(0x80, 1, MaxTransactionID)
	x.EuiccOtpk = c.octets(TagEuiccOtpk, 1, 255)
	x.HashCc = nil
	if t, _, ok := c.optional(asn1der.TagOctetString); ok {
		x.HashCc = c.sized(t, HashCcSize, HashCcSize)
	}
	x.Extensions = c.rest(euiccSigned2Members[:])
	d.ok = c.ok
}

// parseContentsFast is parseContents on the contents of BF21; it writes
// every field but Raw.
func (x *PrepareDownloadResponse) parseContentsFast(body []byte) bool {
	d := fdec{c: body, ok: true}
	tag, v, _ := d.next()
	if !d.ok || len(d.c) != 0 {
		return false
	}
	c := d.child(v)
	switch tag {
	case 0xA0:
		x.IsOk = true
		x.Error = PrepareDownloadResponseError{}
		o := &x.Ok
		o.EuiccSigned2.parseFast(&c)
		o.EuiccSigned2Raw = o.EuiccSigned2.Raw
		o.EuiccSignature2, o.EuiccSignature2DO = c.signature()
		o.Extensions = c.rest(pdrOkMembers[:])
	case 0xA1:
		x.IsOk = false
		x.Ok = PrepareDownloadResponseOk{}
		e := &x.Error
		e.TransactionID = c.octets(0x80, 1, MaxTransactionID)
		e.Code = DownloadErrorCode(c.int64(c.value(asn1der.TagInteger)))
		e.Extensions = c.rest(pdrErrorMembers[:])
	default:
		return false
	}
	return c.ok
}

// parseFast is ParsePrepareDownloadResponse's success path.
func (x *PrepareDownloadResponse) parseFast(b []byte) bool {
	d := fdec{c: b, ok: true}
	body, _ := d.expect(TagPrepareDownload)
	if !d.ok || len(d.c) != 0 || !x.parseContentsFast(body) {
		return false
	}
	x.Raw = b[:len(b):len(b)]
	return true
}

// parseFast is ParseGetBoundProfilePackageRequest's success path.
func (x *GetBoundProfilePackageRequest) parseFast(b []byte) bool {
	d := fdec{c: b, ok: true}
	body, _ := d.expect(TagGetBoundProfilePackage)
	if !d.ok || len(d.c) != 0 {
		return false
	}
	d = fdec{c: body, ok: true}
	x.TransactionID = d.octets(0x80, 1, MaxTransactionID)
	pd, pdRaw := d.expect(TagPrepareDownload)
	if !d.ok || !x.PrepareDownloadResponse.parseContentsFast(pd) {
		return false
	}
	x.PrepareDownloadResponse.Raw = pdRaw
	x.Extensions = d.rest(gbppRequestMembers[:])
	if !d.ok {
		return false
	}
	x.Raw = b[:len(b):len(b)]
	return true
}

var handleNotificationMembers = [...]asn1der.Tag{0xA0}

// parseFast is ParseHandleNotification's success path. The pending
// notification is the first element inside the first element of the
// message, so its offset is the two headers' lengths.
func (x *HandleNotification) parseFast(b []byte) bool {
	d := fdec{c: b, ok: true}
	body, _ := d.expect(TagHandleNotification)
	if !d.ok || len(d.c) != 0 {
		return false
	}
	d = fdec{c: body, ok: true}
	w, wRaw := d.expect(0xA0)
	c := d.child(w)
	tag, v, raw := c.next()
	if !c.ok || len(c.c) != 0 || tag != TagProfileInstallationResult && tag != asn1der.TagSequence {
		return false
	}
	x.Extensions = d.rest(handleNotificationMembers[:])
	if !d.ok {
		return false
	}
	x.PendingNotification = asn1der.TLV{Tag: tag, Value: v, Raw: raw,
		Offset: len(b) - len(body) + len(wRaw) - len(w), Header: len(raw) - len(v)}
	x.Raw = b[:len(b):len(b)]
	return true
}
