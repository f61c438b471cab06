package rsp

import (
	"iter"
	"strconv"
	"unicode/utf8"

	"github.com/rspengine/rspengine/asn1der"
)

// This file holds the building blocks shared by the authentication and
// download views: the sticky-error decoder, Version, KeyIDList, SegmentList,
// and size limits taken from the ASN.1 constraints.

// Sizes fixed by the ASN.1 module or by RSP-FACTS §3.1.
const (
	ChallengeSize          = 16 // Octet16 euiccChallenge / serverChallenge
	MaxTransactionID       = 16 // TransactionId ::= OCTET STRING (SIZE(1..16))
	SignatureSize          = 64 // r‖s of a 5F37 signature (BSI TR-03111, RSP-FACTS §3.1)
	ICCIDSize              = 10 // Iccid
	EIDSize                = 16 // eidValue
	HashCcSize             = 32 // Octet32 hashCc
	TACSize                = 4  // DeviceInfo.tac
	IMEISize               = 8  // DeviceInfo.imei
	VersionSize            = 3  // VersionType
	MaxHostID              = 16 // ControlRefTemplate.hostId OctetTo16
	MaxProfileName         = 64 // profileName, profileNickname
	MaxServiceProviderName = 32 // serviceProviderName
	MaxIcon                = 1024
	MaxSasAccredNum        = 64 // sasAcreditationNumber UTF8String (SIZE(0..64))
)

// Version is a VersionType: three bytes major, minor, revision ('02 02 00'
// is v2.2.0). It aliases the input; nil means absent.
type Version []byte

// String formats v as "2.2.0" (or "absent").
func (v Version) String() string {
	if len(v) != VersionSize {
		return "absent"
	}
	return strconv.Itoa(int(v[0])) + "." + strconv.Itoa(int(v[1])) + "." + strconv.Itoa(int(v[2]))
}

// KeyIDList is a SEQUENCE OF SubjectKeyIdentifier (euiccCiPKIdListFor…):
// the contents of the list, every element checked to be an OCTET STRING.
type KeyIDList struct {
	Contents []byte // the concatenated 04 L … elements
	Count    int
}

// All yields each key identifier (the OCTET STRING value, normally 20 bytes).
func (l KeyIDList) All() iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		r := asn1der.NewReader(l.Contents)
		for !r.Empty() {
			v, err := r.Next()
			if err != nil || !yield(v.Value) {
				return
			}
		}
	}
}

// Contains reports whether id is in the list.
func (l KeyIDList) Contains(id []byte) bool {
	r := asn1der.NewReader(l.Contents)
	for !r.Empty() {
		v, err := r.Next()
		if err != nil {
			return false
		}
		if string(v.Value) == string(id) {
			return true
		}
	}
	return false
}

// appendBits appends a BIT STRING exactly as a view holds it.
func appendBits(dst []byte, t asn1der.Tag, b asn1der.BitString) []byte {
	return asn1der.AppendBitString(dst, t, b.Bytes, b.Len())
}

// SegmentList is a SEQUENCE OF one primitive element type, as in the Bound
// Profile Package (A0/A2 of 87, A1 of 88, A3 of 86; RSP-FACTS §4.5).
type SegmentList struct {
	Raw      []byte      // the whole list TLV (A0 L …); nil when absent
	Header   []byte      // its tag and length octets alone (what an LPA sends first for A1 and A3)
	Contents []byte      // the concatenated segment TLVs
	Elem     asn1der.Tag // the tag every segment carries (0x86, 0x87 or 0x88)
	Count    int
	Mode     asn1der.Mode // the mode the list was checked in
}

// Present reports whether the list was in the message.
func (l SegmentList) Present() bool { return l.Raw != nil }

// All yields each segment as a TLV: Raw is the whole segment (what an LPA
// sends in one STORE DATA sequence), Value the protected data.
func (l SegmentList) All() iter.Seq[asn1der.TLV] {
	return func(yield func(asn1der.TLV) bool) {
		r := asn1der.NewReaderMode(l.Contents, l.Mode)
		for !r.Empty() {
			v, err := r.Next()
			if err != nil || !yield(v) {
				return
			}
		}
	}
}

// decoder is a cursor with a sticky error: after the first failure every
// call is a no-op returning zero values, so a parser reads like the ASN.1.
// It caches the tag of the next element, so that trying a run of absent
// OPTIONAL members costs one header decode, not one per member.
type decoder struct {
	r   asn1der.Reader
	err error
	pk  asn1der.Tag // cached tag of the next element, valid when hasPk
	// hasPk is set while pk describes the element at the cursor.
	hasPk bool
	// known records the tags of the members tried so far (present or not),
	// so that rest can reject a known member out of order or repeated.
	known [24]asn1der.Tag
	nk    int
}

func (d *decoder) note(t asn1der.Tag) {
	if d.nk < len(d.known) {
		d.known[d.nk] = t
		d.nk++
	}
}

// top decodes b as exactly one TLV with tag t and returns a decoder over its
// contents.
func top(b []byte, t asn1der.Tag, m asn1der.Mode) (asn1der.TLV, decoder) {
	v, err := asn1der.ParseMode(b, m)
	if err != nil {
		return v, decoder{err: err}
	}
	if v.Tag != t {
		return v, decoder{err: &asn1der.Error{Rule: asn1der.RuleUnexpectedTag, Tag: v.Tag, Detail: "want " + t.String()}}
	}
	r, err := asn1der.Children(v, m)
	return v, decoder{r: r, err: err}
}

func (d *decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

func (d *decoder) ok() bool { return d.err == nil }

func (d *decoder) mode() asn1der.Mode { return d.r.Mode() }

// more reports whether an element is left (and no error occurred).
func (d *decoder) more() bool { return d.err == nil && !d.r.Empty() }

// offset is the offset of the next unread element in the outermost input.
func (d *decoder) offset() int { return d.r.Offset() }

// peek returns the next tag (0 at the end or on error; a malformed next
// element is reported by whoever reads it).
func (d *decoder) peek() asn1der.Tag {
	if d.err != nil || d.r.Empty() {
		return 0
	}
	if !d.hasPk {
		d.pk, d.hasPk = d.r.PeekTag(), true
	}
	return d.pk
}

// next consumes any element.
func (d *decoder) next() asn1der.TLV {
	if d.err != nil {
		return asn1der.TLV{}
	}
	if d.r.Empty() {
		d.err = &asn1der.Error{Offset: d.r.Offset(), Rule: asn1der.RuleMissing}
		return asn1der.TLV{}
	}
	d.hasPk = false
	v, err := d.r.Next()
	d.fail(err)
	return v
}

// expect consumes an element with tag t. (Kept small enough to inline.)
func (d *decoder) expect(t asn1der.Tag) (v asn1der.TLV) {
	if d.nk < len(d.known) {
		d.known[d.nk] = t
		d.nk++
	}
	if d.err == nil {
		d.hasPk = false
		v, d.err = d.r.Expect(t)
	}
	return v
}

// optional consumes an element with tag t if it is next.
func (d *decoder) optional(t asn1der.Tag) (asn1der.TLV, bool) {
	d.note(t)
	if d.peek() != t || t == 0 {
		return asn1der.TLV{}, false
	}
	d.hasPk = false
	v, err := d.r.Next()
	d.fail(err)
	return v, err == nil
}

// child returns a decoder over the contents of a constructed element.
func (d *decoder) child(v asn1der.TLV) decoder {
	if d.err != nil {
		return decoder{err: d.err}
	}
	r, err := d.r.Enter(v)
	return decoder{r: r, err: err}
}

// sized checks an OCTET STRING-like value against [lo, hi] bytes.
func (d *decoder) sized(v asn1der.TLV, lo, hi int, what string) []byte {
	if d.err != nil {
		return nil
	}
	if len(v.Value) < lo || len(v.Value) > hi {
		d.err = badValueErr(v, what)
		return nil
	}
	return v.Value
}

// octets reads a primitive element with tag t of lo..hi bytes.
func (d *decoder) octets(t asn1der.Tag, lo, hi int, what string) []byte {
	return d.sized(d.expect(t), lo, hi, what)
}

// utf8 checks a UTF8String value of at most max bytes (max < 0: no limit).
func (d *decoder) utf8(v asn1der.TLV, max int) []byte {
	if d.err != nil {
		return nil
	}
	if max >= 0 && len(v.Value) > max {
		d.err = badValueErr(v, "UTF8String too long")
		return nil
	}
	if !utf8.Valid(v.Value) {
		d.err = badValueErr(v, "UTF8String is not valid UTF-8")
		return nil
	}
	return v.Value
}

// int64 decodes an INTEGER value.
func (d *decoder) int64(v asn1der.TLV) int64 {
	if d.err != nil {
		return 0
	}
	n, err := asn1der.Int64(v)
	d.fail(err)
	return n
}

// bool decodes a BOOLEAN value in the decoder's mode.
func (d *decoder) bool(v asn1der.TLV) bool {
	if d.err != nil {
		return false
	}
	b, err := asn1der.Bool(v, d.mode())
	d.fail(err)
	return b
}

// bits decodes a BIT STRING with named bits. Trailing zero bits are
// accepted even in DER mode, because real eUICCs send them (the recorded
// session's EUICCInfo2 has uiccCapability 85 02 00 00 and its
// NotificationMetadata 81 02 00 80); the view keeps the bits as sent so that
// a builder reproduces them and a signature over them still verifies. The
// padding bits must be zero in DER mode.
func (d *decoder) bits(v asn1der.TLV) asn1der.BitString {
	if d.err != nil {
		return asn1der.BitString{}
	}
	b, err := asn1der.ParseBitString(v, d.mode())
	d.fail(err)
	return b
}

// version reads a VersionType with tag t.
func (d *decoder) version(t asn1der.Tag) Version {
	return Version(d.octets(t, VersionSize, VersionSize, "VersionType is not 3 bytes"))
}

// optVersion reads an OPTIONAL VersionType; nil when absent.
func (d *decoder) optVersion(t asn1der.Tag) Version {
	v, ok := d.optional(t)
	if !ok {
		return nil
	}
	return Version(d.sized(v, VersionSize, VersionSize, "VersionType is not 3 bytes"))
}

// signature reads a 5F37 signature data object: the 64-byte value and the
// whole DO.
func (d *decoder) signature() (sig, do []byte) {
	v := d.expect(TagSignature)
	sig = d.sized(v, SignatureSize, SignatureSize, "signature is not 64 bytes r‖s (RSP-FACTS §3.1)")
	if d.err != nil {
		return nil, nil
	}
	return sig, v.Raw
}

// transactionID reads a TransactionId with tag t.
func (d *decoder) transactionID(t asn1der.Tag) []byte {
	return d.octets(t, 1, MaxTransactionID, "transactionId is not 1 to 16 bytes")
}

// certificate reads a Certificate: a SEQUENCE whose raw span is returned
// (rspcert checks the inside).
func (d *decoder) certificate() []byte {
	return d.expect(asn1der.TagSequence).Raw
}

// keyIDList reads a SEQUENCE OF SubjectKeyIdentifier with tag t.
func (d *decoder) keyIDList(v asn1der.TLV) KeyIDList {
	c := d.child(v)
	n := 0
	for c.more() {
		c.expect(asn1der.TagOctetString)
		n++
	}
	d.fail(c.err)
	if d.err != nil {
		return KeyIDList{}
	}
	return KeyIDList{Contents: v.Value, Count: n}
}

// segments checks a SEQUENCE OF elem with tag t and returns it.
func (d *decoder) segments(v asn1der.TLV, elem asn1der.Tag) SegmentList {
	c := d.child(v)
	n := 0
	for c.more() {
		c.expect(elem)
		n++
	}
	d.fail(c.err)
	if d.err != nil {
		return SegmentList{}
	}
	return SegmentList{Raw: v.Raw, Header: v.Raw[:v.Header], Contents: v.Value, Elem: elem, Count: n, Mode: d.mode()}
}

// oid reads an OBJECT IDENTIFIER and returns its contents octets.
func (d *decoder) oid(t asn1der.Tag) []byte {
	v := d.expect(t)
	if d.err != nil {
		return nil
	}
	d.fail(asn1der.CheckOID(v))
	return v.Value
}

// rest consumes the extension elements after the known members (the modules
// are EXTENSIBILITY IMPLIED) and returns their raw bytes, nil when none.
// They must be well-formed TLVs, and none may carry the tag of a known member
// (that would be a member out of order or repeated).
func (d *decoder) rest() []byte {
	if !d.more() {
		return nil
	}
	b := d.r.Rest()
	for d.more() {
		v := d.next()
		if d.err != nil {
			return nil
		}
		for _, k := range d.known[:d.nk] {
			if v.Tag == k {
				d.fail(&asn1der.Error{Offset: v.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: v.Tag, Detail: "member out of order or repeated"})
				return nil
			}
		}
	}
	return b
}

// end requires that nothing follows (CHOICE wrappers, which carry exactly
// one alternative).
func (d *decoder) end() {
	if d.more() {
		d.err = &asn1der.Error{Offset: d.r.Offset(), Rule: asn1der.RuleTrailingData}
	}
}

// choiceAlt enters the single alternative of a CHOICE wrapper (the whole
// contents of the top-level element must be that one alternative).
func (d *decoder) choiceAlt() asn1der.TLV {
	v := d.next()
	d.end()
	return v
}

// ParseEmptyRequest checks that b is an empty request with tag t, such as
// GetEuiccInfo1Request (BF20 00), GetEuiccInfo2Request (BF22 00),
// GetEuiccChallengeRequest (BF2E 00) or EuiccConfiguredAddressesRequest
// (BF3C 00). It decodes in BER (these requests reach the eUICC from an LPA)
// and tolerates extension elements.
func ParseEmptyRequest(b []byte, t asn1der.Tag) error {
	_, d := top(b, t, asn1der.BER)
	d.rest()
	if d.err != nil {
		return parseErr("empty request "+t.String(), d.err)
	}
	return nil
}

// AppendEmptyRequest appends an empty request with tag t (t 00).
func AppendEmptyRequest(dst []byte, t asn1der.Tag) []byte { return asn1der.AppendHeader(dst, t, 0) }
