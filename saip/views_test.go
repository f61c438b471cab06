package saip

import (
	"bytes"
	"errors"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

func octets(tag asn1der.Tag, n int) []byte {
	return asn1der.AppendTLV(nil, tag, bytes.Repeat([]byte{7}, n))
}

// fullAKA builds an akaParameter PE with every optional field, each of the
// given sizes (sqnInit with count values of 6 bytes).
func fullAKA(rot, xor, acm, sqnOpt, delta, age, count int) []byte {
	var init []byte
	for range count {
		init = append(init, octets(asn1der.TagOctetString, 6)...)
	}
	return pe(cctx(4), peHdr(3), pe(cctx(1), pe(cctx(1),
		asn1der.AppendInt64(nil, ctx(0), 1), asn1der.AppendTLV(nil, ctx(1), []byte{0}),
		octets(ctx(2), 16), octets(ctx(3), 16),
		octets(ctx(4), rot), octets(ctx(5), xor), octets(ctx(6), acm), asn1der.AppendInt64(nil, ctx(7), 3))),
		octets(ctx(2), sqnOpt), octets(ctx(3), delta), octets(ctx(4), age),
		asn1der.AppendTLV(nil, cctx(5), init))
}

func TestAKAParameterFields(t *testing.T) {
	a, err := ParseAKAParameter(fullAKA(5, 80, 3, 1, 6, 6, 32), asn1der.DER)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.RotationConstants) != 5 || len(a.XoringConstants) != 80 || len(a.AuthCounterMax) != 3 || a.NumberOfKeccak != 3 ||
		a.SQNOptions != 7 || len(a.SQNDelta) != 6 || len(a.SQNAgeLimit) != 6 || len(a.SQNInit) != 32*8 || a.Identification != 3 || !a.Mandated {
		t.Fatalf("%+v", a)
	}
	for _, bad := range [][]byte{
		fullAKA(4, 80, 3, 1, 6, 6, 32), fullAKA(5, 79, 3, 1, 6, 6, 32), fullAKA(5, 80, 2, 1, 6, 6, 32),
		fullAKA(5, 80, 3, 2, 6, 6, 32), fullAKA(5, 80, 3, 1, 5, 6, 32), fullAKA(5, 80, 3, 1, 6, 7, 32),
		fullAKA(5, 80, 3, 1, 6, 6, 31), fullAKA(5, 80, 3, 1, 6, 6, 33),
	} {
		_, err := ParseAKAParameter(bad, asn1der.DER)
		var e *Error
		if !errors.As(err, &e) || e.Status != StatusBadValues {
			t.Errorf("accepted or wrong status: %v", err)
		}
	}
	// mappingParameter
	m := pe(cctx(4), peHdr(4), pe(cctx(1), pe(cctx(0), asn1der.AppendTLV(nil, ctx(0), []byte{1}), octets(ctx(1), 12))))
	if a, err := ParseAKAParameter(m, asn1der.DER); err != nil || !a.Mapping || len(a.MappingSource) != 12 || a.Key != nil {
		t.Fatalf("mapping: %+v %v", a, err)
	}
	m = pe(cctx(4), peHdr(4), pe(cctx(1), pe(cctx(0), asn1der.AppendTLV(nil, ctx(0), []byte{1}), octets(ctx(1), 4))))
	if _, err := ParseAKAParameter(m, asn1der.DER); err == nil {
		t.Fatal("4-byte mappingSource accepted")
	}
	if _, err := ParseAKAParameter(fullAKA(5, 80, 3, 1, 6, 6, 32)[:50], asn1der.DER); err == nil {
		t.Fatal("truncated PE accepted")
	}
	if _, err := ParseAKAParameter(peHdr(1), asn1der.DER); err == nil {
		t.Fatal("not an akaParameter accepted")
	}
}

func TestProfileHeaderFields(t *testing.T) {
	iccid := []byte{0x89, 0, 1, 0x23, 0x45, 0x67, 0x89, 0x01, 0x23, 0x41}
	build := func(aidLen, verLen, pixLen int, extra []byte) []byte {
		return pe(cctx(0),
			asn1der.AppendInt64(nil, ctx(0), 3), asn1der.AppendInt64(nil, ctx(1), 4),
			asn1der.AppendString(nil, ctx(2), "p"), asn1der.AppendTLV(nil, ctx(3), iccid),
			octets(ctx(4), 2), pe(cctx(5), asn1der.AppendNull(nil, ctx(1)), asn1der.AppendNull(nil, ctx(40))),
			pe(cctx(6), asn1der.AppendOID(nil, asn1der.TagOID, asn1der.OID("2.23.143.1.2.1"))),
			octets(ctx(7), 3),
			pe(cctx(8), pe(asn1der.TagSequence, octets(ctx(0), aidLen), octets(ctx(1), verLen))),
			pe(cctx(9), octets(ctx(0), pixLen)), extra)
	}
	h, err := ParseProfileHeader(build(16, 2, 7, asn1der.AppendNull(nil, ctx(12))), asn1der.DER)
	if err != nil {
		t.Fatal(err)
	}
	if h.MajorVersion != 3 || h.MinorVersion != 4 || len(h.POL) != 2 || len(h.ConnectivityParameters) != 3 ||
		len(h.MandatoryAIDs) != 2+18+4 || len(h.IoTPIX) != 7 || !h.Services.Has(ServiceUSIM) || h.Services.Has(ServiceISIM) {
		t.Fatalf("%+v", h)
	}
	for _, bad := range [][]byte{build(4, 2, 7, nil), build(17, 2, 7, nil), build(5, 3, 7, nil), build(5, 2, 6, nil), build(5, 2, 12, nil),
		build(5, 2, 7, asn1der.AppendNull(nil, ctx(2)))} {
		if _, err := ParseProfileHeader(bad, asn1der.DER); !errors.Is(err, ErrPEProcessing) {
			t.Errorf("accepted: %v", err)
		}
	}
	// profileType: empty and non-UTF-8 are refused.
	for _, pt := range []string{"", "\xc3"} {
		b := pe(cctx(0), asn1der.AppendInt64(nil, ctx(0), 2), asn1der.AppendInt64(nil, ctx(1), 3),
			asn1der.AppendString(nil, ctx(2), pt), asn1der.AppendTLV(nil, ctx(3), iccid),
			pe(cctx(5)), pe(cctx(6)))
		if _, err := ParseProfileHeader(b, asn1der.DER); err == nil {
			t.Errorf("profileType %q accepted", pt)
		}
	}
}

func TestErrorText(t *testing.T) {
	inner := &asn1der.Error{Offset: 3, Rule: asn1der.RuleTruncated}
	e := &Error{Index: 2, Offset: 40, Type: TypeUSIM, Status: StatusBadValues, Reason: "why", Err: inner}
	if e.Error() != "saip: PE #2 (usim) at offset 40: why [bad-values]: "+inner.Error() {
		t.Fatal(e.Error())
	}
	if !errors.Is(e, ErrPEProcessing) || !errors.Is(e, &asn1der.Error{Rule: asn1der.RuleTruncated}) || errors.Unwrap(e) != inner {
		t.Fatal("errors.Is/Unwrap")
	}
	for s, want := range map[Status]string{StatusOK: "ok", StatusPENotSupported: "pe-not-supported", StatusUnsupportedProfileVersion: "unsupported-profile-version",
		StatusNotEnoughMemory: "not-enough-memory", StatusPINCodeMissing: "pin-code-missing", 99: "status(99)"} {
		if s.String() != want {
			t.Errorf("%d: %q", s, s.String())
		}
	}
}
