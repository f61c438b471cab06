package bpp

import (
	"iter"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/rsp"
)

// SegmentKind names one kind of ES10b.LoadBoundProfilePackage payload
// (RSP-FACTS §4.5).
type SegmentKind uint8

const (
	SegmentISCR     SegmentKind = iota + 1 // BF36 L and the whole BF23 TLV
	SegmentFirst87                         // the whole A0 TLV (ConfigureISDP)
	SegmentHeader88                        // the A1 header alone
	Segment88                              // one 88 TLV (StoreMetadata)
	SegmentSecond87                        // the whole A2 TLV (ReplaceSessionKeys)
	SegmentHeader86                        // the A3 header alone
	Segment86                              // one 86 TLV (profile elements)
)

// String is the comment the LPA fixtures use for the kind.
func (k SegmentKind) String() string {
	switch k {
	case SegmentISCR:
		return "Tag and length fields of the BoundProfilePackage TLV plus the initialiseSecureChannelRequest TLV"
	case SegmentFirst87:
		return "Tag and length fields of the first sequenceOf87 TLV plus the first '87' TLV"
	case SegmentHeader88:
		return "Tag and length fields of the sequenceOf88 TLV"
	case Segment88:
		return "one of the '88' TLVs"
	case SegmentSecond87:
		return "Tag and length fields of the sequenceOf87 TLV plus the first '87' TLV"
	case SegmentHeader86:
		return "Tag and length fields of the sequenceOf86 TLV"
	case Segment86:
		return "one of the '86' TLVs"
	}
	return "unknown segment"
}

// Segment is one STORE DATA payload. Data aliases the BPP; Index counts the
// 88 or 86 segments from 0 (0 for the other kinds).
type Segment struct {
	Kind  SegmentKind
	Index int
	Data  []byte
}

// Segments parses a BoundProfilePackage as an LPA receives it (BER-lenient,
// RSP-FACTS §2.7; the pieces are the bytes as received) and returns an
// iterator over its STORE DATA payloads in the order and cut of RSP-FACTS §4.5:
// BF36 L with the whole BF23; the whole A0; the A1 header, then each 88; the
// whole A2 when present; the A3 header, then each 86. Unknown extension
// elements of BF36 are not sent. It allocates nothing but the iterator.
func Segments(bpp []byte) (iter.Seq[Segment], error) {
	p, err := rsp.ParseBoundProfilePackageMode(bpp, asn1der.BER)
	if err != nil {
		return nil, err
	}
	return func(yield func(Segment) bool) {
		if !yield(Segment{Kind: SegmentISCR, Data: p.FirstSegment()}) {
			return
		}
		if !yield(Segment{Kind: SegmentFirst87, Data: p.FirstSequenceOf87.Raw}) {
			return
		}
		if !yield(Segment{Kind: SegmentHeader88, Data: p.SequenceOf88.Header}) {
			return
		}
		i := 0
		for s := range p.SequenceOf88.All() {
			if !yield(Segment{Kind: Segment88, Index: i, Data: s.Raw}) {
				return
			}
			i++
		}
		if p.SecondSequenceOf87.Present() {
			if !yield(Segment{Kind: SegmentSecond87, Data: p.SecondSequenceOf87.Raw}) {
				return
			}
		}
		if !yield(Segment{Kind: SegmentHeader86, Data: p.SequenceOf86.Header}) {
			return
		}
		i = 0
		for s := range p.SequenceOf86.All() {
			if !yield(Segment{Kind: Segment86, Index: i, Data: s.Raw}) {
				return
			}
			i++
		}
	}, nil
}
