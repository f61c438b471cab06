package rsp

import (
	"iter"
	"strconv"
	"unicode/utf8"

	"github.com/rspengine/rspengine/asn1der"
)

// This file holds the small types and decoding helpers shared by the profile
// management (mgmt_*.go) and SGP.32 eUICC Package (sgp32_*.go) views:
// NotificationEvent, PprIds, OperatorId, NotificationConfigurationInformation.
// Helpers are prefixed "mg" so they cannot collide with the rest of the
// package.

// NotificationEvent is the NotificationEvent named BIT STRING (SGP.22
// RSP-FACTS §2.1.4) as a mask: bit i of the mask is named bit i.
type NotificationEvent uint64

// NotificationEvent bits.
const (
	NotificationInstall NotificationEvent = 1 << 0 // notificationInstall(0)
	NotificationEnable  NotificationEvent = 1 << 1 // notificationEnable(1)
	NotificationDisable NotificationEvent = 1 << 2 // notificationDisable(2)
	NotificationDelete  NotificationEvent = 1 << 3 // notificationDelete(3)
)

var notificationEventNames = [...]string{"notificationInstall", "notificationEnable", "notificationDisable", "notificationDelete"}

func (e NotificationEvent) String() string { return mgBitsString(uint64(e), notificationEventNames[:]) }

// PprIds is the PprIds named BIT STRING (Profile Policy Rules, RSP-FACTS
// §2.1.4, §6.1) as a mask.
type PprIds uint64

// PprIds bits.
const (
	PprUpdateControl PprIds = 1 << 0 // pprUpdateControl(0)
	Ppr1             PprIds = 1 << 1 // ppr1(1): disabling of this Profile is not allowed
	Ppr2             PprIds = 1 << 2 // ppr2(2): deletion of this Profile is not allowed
)

var pprIdsNames = [...]string{"pprUpdateControl", "ppr1", "ppr2"}

func (p PprIds) String() string { return mgBitsString(uint64(p), pprIdsNames[:]) }

// mgBitsString writes a mask as "{a,b}" with the spec names of the bits, and
// "bitN" for bits the specification does not name.
func mgBitsString(m uint64, names []string) string {
	s := "{"
	for i := 0; i < 64; i++ {
		if m&(1<<i) == 0 {
			continue
		}
		if len(s) > 1 {
			s += ","
		}
		if i < len(names) {
			s += names[i]
		} else {
			s += "bit" + strconv.Itoa(i)
		}
	}
	return s + "}"
}

// OperatorId identifies a mobile operator (RSP-FACTS §2.1.4): a SEQUENCE with
// automatic tags, mccMnc 80 (3 bytes), gid1 81 and gid2 82 optional. Nil Gid1
// or Gid2 means absent. Nothing may follow gid2 (the small inner SEQUENCEs of
// these files take no extension elements).
type OperatorId struct {
	MccMnc []byte
	Gid1   []byte
	Gid2   []byte
}

// parseOperatorID decodes the contents of an OperatorId (the caller has
// consumed its tag, 30 or an implicit context tag such as B7).
func parseOperatorID(t asn1der.TLV, m asn1der.Mode) (OperatorId, error) {
	var o OperatorId
	r, err := asn1der.Children(t, m)
	if err != nil {
		return o, err
	}
	v, err := r.Expect(0x80)
	if err != nil {
		return o, err
	}
	if len(v.Value) != 3 {
		return o, badValueErr(v, "mccMnc is not 3 bytes")
	}
	o.MccMnc = v.Value
	if v, ok, err := r.Optional(0x81); err != nil {
		return o, err
	} else if ok {
		o.Gid1 = v.Value
	}
	if v, ok, err := r.Optional(0x82); err != nil {
		return o, err
	} else if ok {
		o.Gid2 = v.Value
	}
	return o, mgEndExact(&r)
}

// appendOperatorID appends an OperatorId with tag t (0x30, or 0xB7 for
// profileOwner).
func appendOperatorID(dst []byte, t asn1der.Tag, o OperatorId) []byte {
	dst, mk := asn1der.AppendBegin(dst, t)
	dst = asn1der.AppendTLV(dst, 0x80, o.MccMnc)
	if o.Gid1 != nil {
		dst = asn1der.AppendTLV(dst, 0x81, o.Gid1)
	}
	if o.Gid2 != nil {
		dst = asn1der.AppendTLV(dst, 0x82, o.Gid2)
	}
	return asn1der.AppendEnd(dst, mk)
}

// NotificationConfigurationInformation names the address that receives
// notifications for some profile management operations (RSP-FACTS §2.1.4):
// 30 { 80 NotificationEvent, 81 UTF8String }.
type NotificationConfigurationInformation struct {
	ProfileManagementOperation NotificationEvent
	NotificationAddress        []byte // FQDN
	pmoBits                    int
}

func parseNotificationConfigurationInformation(t asn1der.TLV, m asn1der.Mode) (NotificationConfigurationInformation, error) {
	var n NotificationConfigurationInformation
	r, err := asn1der.Children(t, m)
	if err != nil {
		return n, err
	}
	v, err := r.Expect(0x80)
	if err != nil {
		return n, err
	}
	bits, nb, err := mgBits(v, m)
	if err != nil {
		return n, err
	}
	n.ProfileManagementOperation, n.pmoBits = NotificationEvent(bits), nb
	if n.NotificationAddress, err = mgUTF8(&r, 0x81); err != nil {
		return n, err
	}
	return n, mgEndExact(&r)
}

func appendNotificationConfigurationInformation(dst []byte, n NotificationConfigurationInformation) []byte {
	dst, mk := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = mgAppendBits(dst, 0x80, uint64(n.ProfileManagementOperation), n.pmoBits)
	dst = asn1der.AppendTLV(dst, 0x81, n.NotificationAddress)
	return asn1der.AppendEnd(dst, mk)
}

// ---- decoding helpers ----

// mgTop decodes b as exactly one TLV with tag t and returns it with a cursor
// over its contents.
func mgTop(b []byte, t asn1der.Tag, m asn1der.Mode) (asn1der.TLV, asn1der.Reader, error) {
	v, err := asn1der.ParseMode(b, m)
	if err != nil {
		return v, asn1der.Reader{}, err
	}
	if v.Tag != t {
		return v, asn1der.Reader{}, &asn1der.Error{Offset: 0, Rule: asn1der.RuleUnexpectedTag, Tag: v.Tag, Detail: "want " + t.String()}
	}
	r, err := asn1der.Children(v, m)
	return v, r, err
}

// mgEnd consumes the extension elements that may follow the known members
// of a SEQUENCE (the modules are EXTENSIBILITY IMPLIED) and returns their raw
// bytes, nil when there are none; builders append them again so that a view
// rebuilds to the bytes it came from. An element carrying one of the known
// tags is out of order or repeated, and is rejected.
func mgEnd(r *asn1der.Reader, known ...asn1der.Tag) ([]byte, error) {
	if r.Empty() {
		return nil, nil
	}
	rest := r.Rest()
	for !r.Empty() {
		v, err := r.Next()
		if err != nil {
			return nil, err
		}
		for _, k := range known {
			if v.Tag == k {
				return nil, &asn1der.Error{Offset: v.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: v.Tag, Detail: "member out of order or repeated"}
			}
		}
	}
	return rest, nil
}

// mgEndExact requires the cursor to be empty: for CHOICE wrappers and
// SEQUENCE OF, where nothing else may follow.
func mgEndExact(r *asn1der.Reader) error {
	if r.Empty() {
		return nil
	}
	return &asn1der.Error{Offset: r.Offset(), Rule: asn1der.RuleTrailingData}
}

// mgInt decodes an INTEGER that fits in an int64.
func mgInt(r *asn1der.Reader, t asn1der.Tag) (int64, error) {
	v, err := r.Expect(t)
	if err != nil {
		return 0, err
	}
	return asn1der.Int64(v)
}

// mgOptInt decodes an OPTIONAL INTEGER.
func mgOptInt(r *asn1der.Reader, t asn1der.Tag) (int64, bool, error) {
	v, ok, err := r.Optional(t)
	if err != nil || !ok {
		return 0, false, err
	}
	n, err := asn1der.Int64(v)
	return n, err == nil, err
}

// mgBool decodes a BOOLEAN (DER: 00 or FF).
func mgBool(r *asn1der.Reader, t asn1der.Tag) (bool, error) {
	v, err := r.Expect(t)
	if err != nil {
		return false, err
	}
	return asn1der.Bool(v, r.Mode())
}

// mgOptNull decodes an OPTIONAL NULL and reports its presence.
func mgOptNull(r *asn1der.Reader, t asn1der.Tag) (bool, error) {
	v, ok, err := r.Optional(t)
	if err != nil || !ok {
		return false, err
	}
	return true, asn1der.Null(v)
}

// mgBits decodes a named BIT STRING as a mask and the number of bits as
// sent. Like the rest of the package (common.go), trailing zero bits are
// accepted even in DER mode because real eUICCs send them (the recorded
// session's NotificationMetadata has 81 02 00 80); the bit count lets a
// builder reproduce the encoding exactly. Padding bits must be zero in DER
// mode; bits beyond 63 may not be set.
func mgBits(v asn1der.TLV, m asn1der.Mode) (uint64, int, error) {
	b, err := asn1der.ParseBitString(v, m)
	if err != nil {
		return 0, 0, err
	}
	for i := 64; i < b.Len(); i++ {
		if b.Has(i) {
			return 0, 0, badValueErr(v, "named bit beyond 63")
		}
	}
	return b.NamedBitsMask(), b.Len(), nil
}

// mgAppendBits appends a named BIT STRING with nbits bits (as a view
// recorded them), or in the DER form without trailing zero bits when nbits is
// 0 or too small for mask.
func mgAppendBits(dst []byte, t asn1der.Tag, mask uint64, nbits int) []byte {
	need := 0
	for i := 63; i >= 0; i-- {
		if mask&(1<<i) != 0 {
			need = i + 1
			break
		}
	}
	if nbits <= need || nbits == 0 {
		return asn1der.AppendNamedBits(dst, t, mask)
	}
	nb := (nbits + 7) / 8
	dst = asn1der.AppendHeader(dst, t, nb+1)
	dst = append(dst, byte(nb*8-nbits))
	for i := 0; i < nb; i++ {
		var c byte
		for k := 0; k < 8 && 8*i+k < 64; k++ {
			if mask&(1<<(8*i+k)) != 0 {
				c |= 0x80 >> k
			}
		}
		dst = append(dst, c)
	}
	return dst
}

// mgUTF8 decodes a UTF8String member.
func mgUTF8(r *asn1der.Reader, t asn1der.Tag) ([]byte, error) {
	v, err := r.Expect(t)
	if err != nil {
		return nil, err
	}
	return mgCheckUTF8(v)
}

// mgOptUTF8 decodes an OPTIONAL UTF8String member; nil when absent (a present
// empty string is a non-nil empty slice).
func mgOptUTF8(r *asn1der.Reader, t asn1der.Tag) ([]byte, error) {
	v, ok, err := r.Optional(t)
	if err != nil || !ok {
		return nil, err
	}
	return mgCheckUTF8(v)
}

func mgCheckUTF8(v asn1der.TLV) ([]byte, error) {
	if !utf8.Valid(v.Value) {
		return nil, badValueErr(v, "UTF8String is not valid UTF-8")
	}
	return v.Value, nil
}

// mgSized checks the length of an OCTET STRING value against [lo, hi].
func mgSized(v asn1der.TLV, lo, hi int, what string) ([]byte, error) {
	if len(v.Value) < lo || len(v.Value) > hi {
		return nil, badValueErr(v, what)
	}
	return v.Value, nil
}

// mgICCID decodes an Iccid (5A, exactly 10 bytes).
func mgICCID(v asn1der.TLV) ([]byte, error) {
	return mgSized(v, 10, 10, "ICCID is not 10 bytes")
}

// mgAID decodes an isdpAid (4F, OctetTo16).
func mgAID(v asn1der.TLV) ([]byte, error) {
	return mgSized(v, 1, 16, "isdpAid is not 1 to 16 bytes")
}

// ListIter is an allocation-free cursor over the elements of a SEQUENCE OF
// inside a view. The parser that produced the view has already checked every
// element, so iteration cannot fail. The zero ListIter is empty.
type ListIter[T any] struct {
	r     asn1der.Reader
	parse func(asn1der.TLV, asn1der.Mode) (T, error)
}

func newListIter[T any](r asn1der.Reader, parse func(asn1der.TLV, asn1der.Mode) (T, error)) ListIter[T] {
	return ListIter[T]{r: r, parse: parse}
}

// Next returns the next element and true, or the zero value and false at the
// end of the list.
func (it *ListIter[T]) Next() (T, bool) {
	var zero T
	if it.parse == nil || it.r.Empty() {
		return zero, false
	}
	v, err := it.r.Next()
	if err != nil {
		return zero, false
	}
	x, err := it.parse(v, it.r.Mode())
	if err != nil {
		return zero, false
	}
	return x, true
}

// Len returns the number of elements left.
func (it ListIter[T]) Len() int {
	n := 0
	r := it.r
	for !r.Empty() {
		if _, err := r.Next(); err != nil {
			break
		}
		n++
	}
	return n
}

// All returns the remaining elements as a range-over-func sequence.
func (it ListIter[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for {
			x, ok := it.Next()
			if !ok || !yield(x) {
				return
			}
		}
	}
}

// mgList checks every element of a SEQUENCE OF with parse and returns a
// cursor over them; want, when not zero, is the tag each element must have.
func mgList[T any](r asn1der.Reader, want asn1der.Tag, parse func(asn1der.TLV, asn1der.Mode) (T, error)) (ListIter[T], error) {
	c := r
	for !c.Empty() {
		v, err := c.Next()
		if err != nil {
			return ListIter[T]{}, err
		}
		if want != 0 && v.Tag != want {
			return ListIter[T]{}, &asn1der.Error{Offset: v.Offset, Rule: asn1der.RuleUnexpectedTag, Tag: v.Tag, Detail: "want " + want.String()}
		}
		if _, err := parse(v, c.Mode()); err != nil {
			return ListIter[T]{}, err
		}
	}
	return newListIter(r, parse), nil
}
