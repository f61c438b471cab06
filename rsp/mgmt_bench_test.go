package rsp

import (
	"encoding/asn1"
	"errors"
	"testing"
)

// The stdlib reference walks the same messages with encoding/asn1: RawValue
// for every TLV (its struct tags cannot express this module's PRIVATE and
// high-numbered context tags on CHOICE/SEQUENCE OF elements in one go), the
// tag checks, and the members a caller reads. It is what a careful engineer
// without this package would write.

var errMgtRef = errors.New("reference: unexpected structure")

func mgtRefChildren(b []byte, class, tag int, each func(asn1.RawValue) error) error {
	var rv asn1.RawValue
	rest, err := asn1.Unmarshal(b, &rv)
	if err != nil {
		return err
	}
	if len(rest) != 0 || rv.Class != class || rv.Tag != tag || !rv.IsCompound {
		return errMgtRef
	}
	inner := rv.Bytes
	for len(inner) > 0 {
		var e asn1.RawValue
		if inner, err = asn1.Unmarshal(inner, &e); err != nil {
			return err
		}
		if err := each(e); err != nil {
			return err
		}
	}
	return nil
}

// mgtRefProfileInfoList reads every ProfileInfo's ICCID, state, names and
// class from a ProfileInfoListResponse.
func mgtRefProfileInfoList(b []byte) (int, error) {
	n := 0
	err := mgtRefChildren(b, asn1.ClassContextSpecific, 45, func(list asn1.RawValue) error {
		if list.Class != asn1.ClassContextSpecific || list.Tag != 0 {
			return errMgtRef
		}
		return mgtRefChildren(list.FullBytes, asn1.ClassContextSpecific, 0, func(pi asn1.RawValue) error {
			if pi.Class != asn1.ClassPrivate || pi.Tag != 3 {
				return errMgtRef
			}
			return mgtRefChildren(pi.FullBytes, asn1.ClassPrivate, 3, func(m asn1.RawValue) error {
				switch {
				case m.Class == asn1.ClassApplication && m.Tag == 26:
					if len(m.Bytes) != 10 {
						return errMgtRef
					}
					n += len(m.Bytes)
				case m.Class == asn1.ClassContextSpecific && (m.Tag == 112 || m.Tag == 21):
					var v int
					if _, err := asn1.UnmarshalWithParams(m.FullBytes, &v, "tag:"+map[int]string{112: "112", 21: "21"}[m.Tag]); err != nil {
						return err
					}
					n += v
				case m.Class == asn1.ClassContextSpecific && (m.Tag == 16 || m.Tag == 17 || m.Tag == 18):
					n += len(m.Bytes)
				}
				return nil
			})
		})
	})
	return n, err
}

// mgtRefEuiccPackageRequest reads the header and every PSMO's ICCID of an
// EuiccPackageRequest.
func mgtRefEuiccPackageRequest(b []byte) (int, error) {
	n := 0
	err := mgtRefChildren(b, asn1.ClassContextSpecific, 81, func(top asn1.RawValue) error {
		if top.Class == asn1.ClassApplication && top.Tag == 55 {
			n += len(top.Bytes)
			return nil
		}
		if top.Class != asn1.ClassUniversal || top.Tag != asn1.TagSequence {
			return errMgtRef
		}
		return mgtRefChildren(top.FullBytes, asn1.ClassUniversal, asn1.TagSequence, func(m asn1.RawValue) error {
			switch {
			case m.Class == asn1.ClassContextSpecific && m.Tag == 1:
				var v int64
				if _, err := asn1.UnmarshalWithParams(m.FullBytes, &v, "tag:1"); err != nil {
					return err
				}
				n += int(v)
			case m.Class == asn1.ClassContextSpecific && m.Tag == 0 && m.IsCompound:
				return mgtRefChildren(m.FullBytes, asn1.ClassContextSpecific, 0, func(p asn1.RawValue) error {
					if !p.IsCompound {
						return errMgtRef
					}
					return mgtRefChildren(p.FullBytes, p.Class, p.Tag, func(f asn1.RawValue) error {
						if f.Class == asn1.ClassApplication && f.Tag == 26 {
							n += len(f.Bytes)
						}
						return nil
					})
				})
			default:
				n += len(m.Bytes)
			}
			return nil
		})
	})
	return n, err
}

func BenchmarkParseProfileInfoListResponse(b *testing.B) {
	pil := mgtBigProfileInfoList(b, 8)
	b.Run("impl=rspengine", func(b *testing.B) {
		b.SetBytes(int64(len(pil)))
		b.ReportAllocs()
		for b.Loop() {
			l, err := ParseProfileInfoListResponse(pil)
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			it := l.ProfileInfos()
			for p, ok := it.Next(); ok; p, ok = it.Next() {
				n += len(p.ICCID) + int(p.ProfileState) + len(p.ProfileNickname) + len(p.ServiceProviderName) + len(p.ProfileName) + int(p.ProfileClass)
			}
			if n == 0 {
				b.Fatal("empty")
			}
		}
	})
	b.Run("impl=stdlib", func(b *testing.B) {
		b.SetBytes(int64(len(pil)))
		b.ReportAllocs()
		for b.Loop() {
			if n, err := mgtRefProfileInfoList(pil); err != nil || n == 0 {
				b.Fatal(n, err)
			}
		}
	})
}

func BenchmarkParseEuiccPackageRequest(b *testing.B) {
	pkg := mgtSGP32Cases()[0].in
	b.Run("impl=rspengine", func(b *testing.B) {
		b.SetBytes(int64(len(pkg)))
		b.ReportAllocs()
		for b.Loop() {
			q, err := ParseEuiccPackageRequest(pkg)
			if err != nil {
				b.Fatal(err)
			}
			n := int(q.Signed.CounterValue) + len(q.EimSignature)
			it := q.Signed.Psmos()
			for p, ok := it.Next(); ok; p, ok = it.Next() {
				n += len(p.ICCID)
			}
			if n == 0 {
				b.Fatal("empty")
			}
		}
	})
	b.Run("impl=stdlib", func(b *testing.B) {
		b.SetBytes(int64(len(pkg)))
		b.ReportAllocs()
		for b.Loop() {
			if n, err := mgtRefEuiccPackageRequest(pkg); err != nil || n == 0 {
				b.Fatal(n, err)
			}
		}
	})
}

// BenchmarkAppendProfileInfoListResponse builds 8 full ProfileInfos. The
// reference marshals the same members with encoding/asn1 RawValues.
func BenchmarkAppendProfileInfoListResponse(b *testing.B) {
	pil := mgtBigProfileInfoList(b, 8)
	l, _ := ParseProfileInfoListResponse(pil)
	var infos []ProfileInfo
	for p := range l.ProfileInfos().All() {
		infos = append(infos, p)
	}
	buf := make([]byte, 0, 2*len(pil))
	b.Run("impl=rspengine", func(b *testing.B) {
		b.SetBytes(int64(len(pil)))
		b.ReportAllocs()
		for b.Loop() {
			buf = AppendProfileInfoListResponse(buf[:0], infos...)
		}
	})
	b.Run("impl=stdlib", func(b *testing.B) {
		b.SetBytes(int64(len(pil)))
		b.ReportAllocs()
		for b.Loop() {
			var elems []asn1.RawValue
			for i := range infos {
				p := &infos[i]
				var members []byte
				add := func(class, tag int, compound bool, v []byte) {
					m, _ := asn1.Marshal(asn1.RawValue{Class: class, Tag: tag, IsCompound: compound, Bytes: v})
					members = append(members, m...)
				}
				add(asn1.ClassApplication, 26, false, p.ICCID)
				add(asn1.ClassApplication, 15, false, p.IsdpAid)
				add(asn1.ClassContextSpecific, 112, false, []byte{byte(p.ProfileState)})
				add(asn1.ClassContextSpecific, 16, false, p.ProfileNickname)
				add(asn1.ClassContextSpecific, 17, false, p.ServiceProviderName)
				add(asn1.ClassContextSpecific, 18, false, p.ProfileName)
				add(asn1.ClassContextSpecific, 19, false, []byte{byte(p.IconType)})
				add(asn1.ClassContextSpecific, 20, false, p.Icon)
				add(asn1.ClassContextSpecific, 21, false, []byte{byte(p.ProfileClass)})
				members = append(members, p.NotificationConfigurationInfo...)
				members = append(members, p.DpProprietaryData...)
				members = append(members, p.ServiceSpecificDataStoredInEuicc...)
				elems = append(elems, asn1.RawValue{Class: asn1.ClassPrivate, Tag: 3, IsCompound: true, Bytes: members})
			}
			var list []byte
			for _, e := range elems {
				m, _ := asn1.Marshal(e)
				list = append(list, m...)
			}
			a0, _ := asn1.Marshal(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: list})
			out, _ := asn1.Marshal(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 45, IsCompound: true, Bytes: a0})
			if len(out) == 0 {
				b.Fatal("empty")
			}
		}
	})
}
