package saip

import (
	"bytes"
	"errors"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

// defaultPEs splits the generated default profile into its five PEs.
func defaultPEs(t testing.TB) (hdr, mf, usim, aka, end []byte) {
	pp := DefaultParams()
	var raws [][]byte
	if err := Walk(AppendDefaultProfile(nil, &pp), asn1der.DER, func(pe *PE) error {
		raws = append(raws, bytes.Clone(pe.TLV.Raw))
		return nil
	}); err != nil || len(raws) != 5 {
		t.Fatalf("default profile: %v (%d PEs)", err, len(raws))
	}
	return raws[0], raws[1], raws[2], raws[3], raws[4]
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

func pe(tag asn1der.Tag, body ...[]byte) []byte { return asn1der.AppendTLV(nil, tag, cat(body...)) }

func peHdr(id int64) []byte { return appendPEHeader(nil, id) }

// header builds a ProfileHeader with the given version, iccid and services
// contents.
func header(major int64, iccid []byte, services []byte) []byte {
	return pe(cctx(0),
		asn1der.AppendInt64(nil, ctx(0), major),
		asn1der.AppendInt64(nil, ctx(1), 3),
		asn1der.AppendTLV(nil, ctx(3), iccid),
		asn1der.AppendTLV(nil, cctx(5), services),
		asn1der.AppendTLV(nil, cctx(6), nil))
}

func akaPE(alg int64, key, opc []byte) []byte {
	return pe(cctx(4), peHdr(3), pe(cctx(1), pe(cctx(1),
		asn1der.AppendInt64(nil, ctx(0), alg),
		asn1der.AppendTLV(nil, ctx(1), []byte{0}),
		asn1der.AppendTLV(nil, ctx(2), key),
		asn1der.AppendTLV(nil, ctx(3), opc))))
}

// without rebuilds a PE without its field with tag drop.
func without(t testing.TB, raw []byte, drop asn1der.Tag) []byte {
	v, err := asn1der.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := asn1der.Children(v, asn1der.DER)
	var body []byte
	for !r.Empty() {
		c, _ := r.Next()
		if c.Tag != drop {
			body = append(body, c.Raw...)
		}
	}
	return asn1der.AppendTLV(nil, v.Tag, body)
}

func TestPackageErrors(t *testing.T) {
	hdr, mf, usim, aka, end := defaultPEs(t)
	iccid := bytes.Repeat([]byte{0x89}, 10)
	svc := cat(asn1der.AppendNull(nil, ctx(1)), asn1der.AppendNull(nil, ctx(4)))
	key16 := bytes.Repeat([]byte{1}, 16)
	base := func(extra ...[]byte) []byte {
		return cat(append([][]byte{hdr, mf, usim, aka}, append(extra, end)...)...)
	}
	offAfter := func(parts ...[]byte) int64 { return int64(len(cat(parts...))) }
	cases := []struct {
		name   string
		in     []byte
		index  int
		typ    PEType
		status Status
		offset int64 // -1: not checked
	}{
		{"empty package", nil, 0, TypeHeader, StatusInvalidRequestFormat, 0},
		{"header not first", cat(mf, hdr, usim, aka, end), 0, TypeMF, StatusInvalidRequestFormat, 0},
		{"two headers", cat(hdr, hdr, mf, usim, aka, end), 1, TypeHeader, StatusInvalidRequestFormat, offAfter(hdr)},
		{"PE after End", cat(base(), end), 5, TypeEnd, StatusInvalidRequestFormat, offAfter(base())},
		{"no End", cat(hdr, mf, usim, aka), 4, TypeEnd, StatusInvalidRequestFormat, offAfter(hdr, mf, usim, aka)},
		{"garbage after End", cat(base(), []byte{0}), 5, TypeUnknown, StatusInvalidRequestFormat, offAfter(base())},
		{"truncated PE", cat(hdr, mf[:10]), 1, TypeMF, StatusInvalidRequestFormat, offAfter(hdr)},
		{"major version 4", cat(header(4, iccid, svc), end), 0, TypeHeader, StatusUnsupportedProfileVersion, 2},
		{"major version 1", cat(header(1, iccid, svc), end), 0, TypeHeader, StatusUnsupportedProfileVersion, 2},
		{"iccid 9 bytes", cat(header(2, iccid[:9], svc), end), 0, TypeHeader, StatusBadValues, 8},
		{"iccid not BCD", cat(header(2, bytes.Repeat([]byte{0xAB}, 10), svc), end), 0, TypeHeader, StatusBadValues, 8},
		{"services out of order", cat(header(2, iccid, cat(svc[2:], svc[:2])), end), 0, TypeHeader, StatusInvalidRequestFormat, -1},
		{"service not NULL", cat(header(2, iccid, []byte{0x81, 1, 0}), end), 0, TypeHeader, StatusBadValues, -1},
		{"Milenage key 15 bytes", cat(hdr, akaPE(1, key16[:15], key16), end), 1, TypeAKAParameter, StatusBadValues, offAfter(hdr) + 2 + 7 + 2 + 2 + 3 + 3},
		{"Milenage OPc 8 bytes", cat(hdr, akaPE(1, key16, key16[:8]), end), 1, TypeAKAParameter, StatusBadValues, -1},
		{"TUAK TOPc 16 bytes", cat(hdr, akaPE(2, key16, key16), end), 1, TypeAKAParameter, StatusBadValues, -1},
		{"unknown algorithm", cat(hdr, akaPE(9, key16, key16), end), 1, TypeAKAParameter, StatusBadValues, -1},
		{"reserved rfu1 PE", cat(hdr, pe(cctx(11), peHdr(9)), end), 1, TypeRFU1, StatusPENotSupported, offAfter(hdr)},
		{"unknown mandated PE", cat(hdr, pe(cctx(40), peHdr(9)), end), 1, TypeUnknown, StatusPENotSupported, offAfter(hdr)},
		{"primitive PE tag", cat(hdr, []byte{0x8A, 0}, end), 1, TypeUnknown, StatusInvalidRequestFormat, offAfter(hdr)},
		{"universal PE tag", cat(hdr, []byte{0x30, 0}, end), 1, TypeUnknown, StatusInvalidRequestFormat, offAfter(hdr)},
		{"usim without ef-imsi", base()[:0:0], 0, 0, 0, 0}, // replaced below
		{"identification beyond UInt15", cat(hdr, pe(cctx(10), pe(cctx(0), asn1der.AppendInt64(nil, ctx(1), 40000)))), 1, TypeEnd, StatusBadValues, -1},
		{"End without PEHeader", cat(hdr, pe(cctx(10))), 1, TypeEnd, StatusInvalidRequestFormat, -1},
		{"empty genericFileManagement", cat(hdr, pe(cctx(1), peHdr(5), pe(cctx(1))), end), 1, TypeGenericFileManagement, StatusInvalidRequestFormat, -1},
		{"PIN value 7 bytes", cat(hdr, pe(cctx(2), peHdr(5), pe(cctx(1), pe(cctx(0), pe(asn1der.TagSequence,
			asn1der.AppendInt64(nil, ctx(0), 1), asn1der.AppendTLV(nil, ctx(1), key16[:7]))))), end), 1, TypePINCodes, StatusBadValues, -1},
		{"templateID not an OID", cat(hdr, pe(cctx(16), peHdr(1), []byte{0x81, 1, 0x80}), end), 1, TypeMF, StatusInvalidRequestFormat, -1},
		{"non-minimal length (DER)", cat(hdr, []byte{0xAA, 0x81, 0x07}, end[2:]), 1, TypeEnd, StatusInvalidRequestFormat, -1},
		{"indefinite length (DER)", cat(hdr, []byte{0xAA, 0x80}, end[2:], []byte{0, 0}), 1, TypeEnd, StatusInvalidRequestFormat, offAfter(hdr)},
		{"indefinite length inside a PE (DER)", cat(hdr, []byte{0xAA, 0x09, 0xA0, 0x80}, end[4:], []byte{0, 0}), 1, TypeEnd, StatusInvalidRequestFormat, offAfter(hdr) + 2},
		{"bad TLV deep inside", cat(hdr, mf[:len(mf)-1], []byte{0x05}, usim, aka, end), 1, TypeMF, StatusInvalidRequestFormat, -1},
	}
	cases[21].in = cat(hdr, mf, without(t, usim, cctx(3)), aka, end)
	cases[21].index, cases[21].typ, cases[21].status, cases[21].offset = 2, TypeUSIM, StatusInvalidRequestFormat, offAfter(hdr, mf)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, chunk := range []int{1, 7, 1007, 1 << 20} {
				err := feed(c.in, asn1der.DER, chunk)
				var e *Error
				if !errors.As(err, &e) || !errors.Is(err, ErrPEProcessing) {
					t.Fatalf("chunk %d: error %v, want *Error", chunk, err)
				}
				if e.Index != c.index || e.Type != c.typ || e.Status != c.status || c.offset >= 0 && e.Offset != c.offset {
					t.Fatalf("chunk %d: got #%d %v %v offset %d, want #%d %v %v offset %d (%v)", chunk,
						e.Index, e.Type, e.Status, e.Offset, c.index, c.typ, c.status, c.offset, err)
				}
				if e.Error() == "" || e.Reason == "" {
					t.Fatal("empty message")
				}
			}
		})
	}
}

func feed(b []byte, m asn1der.Mode, chunk int) error {
	p := NewParser(m, nil)
	for off := 0; off < len(b); off += chunk {
		if err := p.Write(b[off:min(off+chunk, len(b))]); err != nil {
			return err
		}
	}
	return p.Close()
}

func TestAccepted(t *testing.T) {
	hdr, mf, usim, aka, end := defaultPEs(t)
	cases := []struct {
		name string
		m    asn1der.Mode
		in   []byte
	}{
		{"header and End only", asn1der.DER, cat(hdr, end)},
		{"unknown PE, not mandated", asn1der.DER, cat(hdr, pe(asn1der.Context(40, true), pe(cctx(0), asn1der.AppendInt64(nil, ctx(1), 7)), []byte{0x81, 1, 5}), mf, end)},
		{"BER: indefinite inside a PE", asn1der.BER, cat(hdr, mf, usim, aka, []byte{0xAA, 0x09, 0xA0, 0x80}, end[4:], []byte{0, 0})},
		{"BER: non-minimal length", asn1der.BER, cat(hdr, []byte{0xAA, 0x82, 0, 7}, end[2:])},
		{"PEHeader extension element", asn1der.DER, cat(hdr, pe(cctx(10), pe(cctx(0), asn1der.AppendInt64(nil, ctx(1), 4), []byte{0x82, 0})))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, chunk := range []int{1, 3, 1007} {
				if err := feed(c.in, c.m, chunk); err != nil {
					t.Fatalf("chunk %d: %v", chunk, err)
				}
			}
		})
	}
}

func TestParserLimitsAndCallback(t *testing.T) {
	hdr, mf, usim, aka, end := defaultPEs(t)
	upp := cat(hdr, mf, usim, aka, end)
	p := NewParser(asn1der.DER, nil)
	p.MaxPESize = 50
	var e *Error
	if err := p.Write(upp); !errors.As(err, &e) || e.Status != StatusNotEnoughMemory || e.Index != 0 {
		t.Fatalf("MaxPESize: %v", err)
	}
	// A PE whose header announces more than the limit is refused before
	// anything is buffered, and an indefinite length on a PE is refused in
	// BER mode too.
	p = NewParser(asn1der.BER, nil)
	p.MaxPESize = 1 << 16
	p.Write(hdr)
	if err := p.Write([]byte{0xA9, 0x83, 0x01, 0x00, 0x00}); !errors.As(err, &e) || e.Status != StatusNotEnoughMemory || e.Index != 1 {
		t.Fatalf("announced size: %v", err)
	}
	p = NewParser(asn1der.BER, nil)
	if err := p.Write(cat(hdr, []byte{0xAA, 0x80})); !errors.As(err, &e) || e.Status != StatusInvalidRequestFormat || e.Index != 1 {
		t.Fatalf("indefinite PE in BER: %v", err)
	}

	stop := errors.New("stop")
	n := 0
	p = NewParser(asn1der.DER, func(pe *PE) error {
		n++
		if pe.Type == TypeUSIM {
			return stop
		}
		return nil
	})
	if err := p.Write(upp); !errors.Is(err, stop) || n != 3 {
		t.Fatalf("callback error: %v after %d PEs", err, n)
	}
	if err := p.Write(end); !errors.Is(err, stop) {
		t.Fatal("error not sticky")
	}
	if err := p.Close(); !errors.Is(err, stop) {
		t.Fatal("error not sticky at Close")
	}
	p.Reset()
	if err := p.Write(upp[:100]); err != nil {
		t.Fatal(err)
	}
	if _, ok := p.ICCID(); !ok {
		t.Fatal("ICCID not known after the header")
	}
	if err := p.Write(upp[100:]); !errors.Is(err, stop) {
		t.Fatal(err)
	}

	q := NewParser(asn1der.DER, nil)
	if err := q.Write(upp); err != nil || q.Close() != nil {
		t.Fatal(err)
	}
	iccid, _ := q.ICCID()
	ef, _ := ICCIDFromDigits(DefaultParams().ICCID)
	h := ProfileHeader{ICCID: iccid[:]}
	if maj, min, ok := q.Version(); !ok || maj != 2 || min != 3 || q.Count() != 5 || !q.Ended() || !h.MatchesICCID(ef[:]) {
		t.Fatalf("parser state: %d.%d %v count %d", maj, min, ok, q.Count())
	}
}

func TestPETypes(t *testing.T) {
	want := map[PEType]asn1der.Tag{
		TypeHeader: 0xA0, TypeGenericFileManagement: 0xA1, TypePINCodes: 0xA2, TypePUKCodes: 0xA3,
		TypeAKAParameter: 0xA4, TypeCDMAParameter: 0xA5, TypeSecurityDomain: 0xA6, TypeRFM: 0xA7,
		TypeApplication: 0xA8, TypeNonStandard: 0xA9, TypeEnd: 0xAA, TypeRFU1: 0xAB, TypeRFU5: 0xAF,
		TypeMF: 0xB0, TypeCD: 0xB1, TypeTelecom: 0xB2, TypeUSIM: 0xB3, TypeOptUSIM: 0xB4, TypeISIM: 0xB5,
		TypeGSMAccess: 0xB8, TypeCSIM: 0xB9, TypeOptCSIM: 0xBA, TypeDF5GS: 0xBC, TypeDFSAIP: 0xBD,
		TypeDFSNPN: 0xBE, TypeDF5GProSe: 0xBF1F, TypeIoT: 0xBF20, TypeOptIoT: 0xBF21,
	}
	for typ, tag := range want {
		if typ.Tag() != tag {
			t.Errorf("%v: tag %v, want %v", typ, typ.Tag(), tag)
		}
		if got, ok := TypeOf(tag); !ok || got != typ {
			t.Errorf("TypeOf(%v) = %v", tag, got)
		}
	}
	if TypeOptIoT.String() != "opt-iot" || TypeUnknown.String() != "unknown" || TypeUnknown.Tag() != 0 {
		t.Error("names")
	}
	if got, ok := TypeOf(0xBF22); !ok || got != TypeUnknown {
		t.Error("extension tag")
	}
	for _, tag := range []asn1der.Tag{0x30, 0x80, 0x60, 0xE0} {
		if _, ok := TypeOf(tag); ok {
			t.Errorf("TypeOf(%v) accepted", tag)
		}
	}
}
