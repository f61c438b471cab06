package asn1der

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	encasn1 "encoding/asn1"
	"math/big"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// benchCert is an SGP.22-shaped eUICC certificate (P-256, policy
// id-rspRole-euicc, SKI/AKI, subject serialNumber = EID) made with crypto/x509
// at run time, so the benchmarks need no shared test data.
var benchCert = sync.OnceValue(func() []byte {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	tpl := &x509.Certificate{
		SerialNumber:       big.NewInt(0x0102030405),
		Subject:            pkix.Name{Organization: []string{"RSP Test EUM"}, CommonName: "Test eUICC", SerialNumber: "89049032123451234512345678901235", Country: []string{"ES"}},
		NotBefore:          time.Date(2020, 4, 1, 9, 28, 37, 0, time.UTC),
		NotAfter:           time.Date(7496, 1, 24, 9, 28, 37, 0, time.UTC),
		KeyUsage:           x509.KeyUsageDigitalSignature,
		PolicyIdentifiers:  []encasn1.ObjectIdentifier{{2, 23, 146, 1, 2, 1, 1}},
		SubjectKeyId:       make([]byte, 20),
		AuthorityKeyId:     make([]byte, 20),
		SignatureAlgorithm: x509.ECDSAWithSHA256,
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		panic(err)
	}
	return der
})

// walkReader visits every TLV of in, descending into constructed values, and
// returns the number of TLVs.
func walkReader(in []byte) (int, error) {
	return walkReaderLevel(NewReader(in))
}

// walkReaderLevel takes the cursor by value: a *Reader parameter of a
// recursive function makes the compiler move every child cursor to the heap.
func walkReaderLevel(r Reader) (int, error) {
	n := 0
	for !r.Empty() {
		v, err := r.Next()
		if err != nil {
			return n, err
		}
		n++
		if v.Constructed() {
			c, err := r.Enter(v)
			if err != nil {
				return n, err
			}
			k, err := walkReaderLevel(c)
			n += k
			if err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// walkCryptobyte is the same walk with cryptobyte (the careful zero-copy way).
func walkCryptobyte(s cryptobyte.String) (int, bool) {
	n := 0
	for !s.Empty() {
		var contents cryptobyte.String
		var tag cbasn1.Tag
		if !s.ReadAnyASN1(&contents, &tag) {
			return n, false
		}
		n++
		if tag&0x20 != 0 {
			k, ok := walkCryptobyte(contents)
			n += k
			if !ok {
				return n, false
			}
		}
	}
	return n, true
}

// walkStdlib is the same walk with encoding/asn1 RawValue.
func walkStdlib(in []byte) (int, error) {
	n := 0
	for len(in) > 0 {
		var rv encasn1.RawValue
		rest, err := encasn1.Unmarshal(in, &rv)
		if err != nil {
			return n, err
		}
		n++
		if rv.IsCompound {
			k, err := walkStdlib(rv.Bytes)
			n += k
			if err != nil {
				return n, err
			}
		}
		in = rest
	}
	return n, nil
}

func TestWalkersAgree(t *testing.T) {
	c := benchCert()
	a, err := walkReader(c)
	b, ok := walkCryptobyte(cryptobyte.String(c))
	s, err2 := walkStdlib(c)
	if err != nil || !ok || err2 != nil || a != b || a != s || a < 30 {
		t.Fatalf("walks: asn1der %d %v, cryptobyte %d %v, stdlib %d %v", a, err, b, ok, s, err2)
	}
}

func BenchmarkReaderWalkCertificate(b *testing.B) {
	c := benchCert()
	b.Run("impl=rspengine", func(b *testing.B) {
		b.SetBytes(int64(len(c)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := walkReader(c); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=cryptobyte", func(b *testing.B) {
		b.SetBytes(int64(len(c)))
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := walkCryptobyte(cryptobyte.String(c)); !ok {
				b.Fatal("cryptobyte walk failed")
			}
		}
	})
	b.Run("impl=stdlib", func(b *testing.B) {
		b.SetBytes(int64(len(c)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := walkStdlib(c); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// Writer benchmark: a ServerSigned1 (SGP.22 §2.1.2) inside an outer SEQUENCE
// that also carries a 300-byte OCTET STRING, so that one length needs the long
// form and AppendEnd has to move contents. Only low tag numbers are used so
// that cryptobyte's Builder can build the same bytes.
var (
	benchTID  = []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}
	benchChal = []byte{0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A}
	benchBlob = make([]byte, 300)
)

const benchAddr = "smdp.example.com"

func writeRspengine(dst []byte) []byte {
	dst, outer := AppendBegin(dst, TagSequence)
	dst, ss1 := AppendBegin(dst, TagSequence)
	dst = AppendTLV(dst, 0x80, benchTID)
	dst = AppendTLV(dst, 0x81, benchChal)
	dst = AppendString(dst, 0x83, benchAddr)
	dst = AppendTLV(dst, 0x84, benchChal)
	dst = AppendEnd(dst, ss1)
	dst = AppendInt64(dst, TagInteger, 127)
	dst = AppendTLV(dst, TagOctetString, benchBlob)
	return AppendEnd(dst, outer)
}

func writeCryptobyte(dst []byte) []byte {
	b := cryptobyte.NewBuilder(dst)
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.Tag(0).ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes(benchTID) })
			b.AddASN1(cbasn1.Tag(1).ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes(benchChal) })
			b.AddASN1(cbasn1.Tag(3).ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes([]byte(benchAddr)) })
			b.AddASN1(cbasn1.Tag(4).ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes(benchChal) })
		})
		b.AddASN1Int64(127)
		b.AddASN1OctetString(benchBlob)
	})
	out, err := b.Bytes()
	if err != nil {
		panic(err)
	}
	return out
}

func TestWritersAgree(t *testing.T) {
	a := writeRspengine(nil)
	c := writeCryptobyte(nil)
	if string(a) != string(c) {
		t.Fatalf("asn1der %x\ncryptobyte %x", a, c)
	}
	if !checkWalk(t, a, DER) {
		t.Fatal("writer output does not read back")
	}
}

func BenchmarkWriter(b *testing.B) {
	buf := make([]byte, 0, 512)
	n := int64(len(writeRspengine(nil)))
	b.Run("impl=rspengine", func(b *testing.B) {
		b.SetBytes(n)
		b.ReportAllocs()
		for b.Loop() {
			buf = writeRspengine(buf[:0])
		}
	})
	b.Run("impl=cryptobyte", func(b *testing.B) {
		b.SetBytes(n)
		b.ReportAllocs()
		for b.Loop() {
			buf = writeCryptobyte(buf[:0])
		}
	})
}

// TestWalkAndWriteZeroAllocs pins the zero-allocation claim of the package
// doc for a whole-certificate walk and for the nested writer on a reused buffer.
func TestWalkAndWriteZeroAllocs(t *testing.T) {
	c := benchCert()
	if a := testing.AllocsPerRun(100, func() { _, _ = walkReader(c) }); a != 0 {
		t.Errorf("certificate walk: %v allocs", a)
	}
	buf := make([]byte, 0, 512)
	if a := testing.AllocsPerRun(100, func() { buf = writeRspengine(buf[:0]) }); a != 0 {
		t.Errorf("writer: %v allocs", a)
	}
}
