package saip

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

// FuzzParser feeds arbitrary bytes in chunks of 1..1007 bytes (chunk picks the
// size) in DER or BER mode. Properties: no panic; the chunked result (PE list
// and error text) equals the one-shot Walk; every error is an *Error matching
// ErrPEProcessing; an accepted package is covered exactly by its PEs, starts
// with the header and ends with End. Seeds: committed ones under
// testdata/fuzz/FuzzParser (generated profile and hand-made edge cases) plus
// the TS.48 packages read in place when present. The TS.48 seeds are 12 KB:
// run with -fuzzminimizetime=2s, or the fuzzer spends its time minimizing
// the first new input found from them.
func FuzzParser(f *testing.F) {
	pp := DefaultParams()
	f.Add(AppendDefaultProfile(nil, &pp), uint16(1006), false)
	for _, b := range ts48FilesNoTB() {
		f.Add(b, uint16(1006), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, chunk uint16, ber bool) {
		m := asn1der.DER
		if ber {
			m = asn1der.BER
		}
		size := int(chunk)%1007 + 1
		var one, many []peRecord
		rec := func(out *[]peRecord) func(*PE) error {
			return func(pe *PE) error {
				*out = append(*out, peRecord{pe.Type, pe.Index, pe.Offset, pe.Identification, pe.Mandated, string(pe.TLV.Raw)})
				// The views never panic on a checked PE.
				switch pe.Type {
				case TypeHeader:
					if _, err := pe.ProfileHeader(); err != nil {
						t.Fatalf("header view fails on a checked PE: %v", err)
					}
				case TypeAKAParameter:
					if _, err := pe.AKAParameter(); err != nil {
						t.Fatalf("AKA view fails on a checked PE: %v", err)
					}
				case TypeMF:
					mf, _ := pe.MF()
					ICCIDDigits(mf.EFICCID)
				case TypeUSIM:
					u, _ := pe.USIM()
					u.IMSI()
				}
				return nil
			}
		}
		e1 := Walk(data, m, rec(&one))
		p := NewParser(m, rec(&many))
		var e2 error
		for off := 0; off < len(data) && e2 == nil; off += size {
			e2 = p.Write(data[off:min(off+size, len(data))])
		}
		if e2 == nil {
			e2 = p.Close()
		}
		if fmt.Sprint(e1) != fmt.Sprint(e2) || fmt.Sprint(one) != fmt.Sprint(many) {
			t.Fatalf("one-shot %v (%d PEs) vs chunked %v (%d PEs)", e1, len(one), e2, len(many))
		}
		if e1 != nil {
			var e *Error
			if !errors.As(e1, &e) || !errors.Is(e1, ErrPEProcessing) {
				t.Fatalf("error %v is not an *Error", e1)
			}
			return
		}
		var all []byte
		for _, r := range one {
			all = append(all, r.Raw...)
		}
		if !bytes.Equal(all, data) || one[0].Type != TypeHeader || one[len(one)-1].Type != TypeEnd {
			t.Fatal("accepted package not covered by header..End")
		}
	})
}
