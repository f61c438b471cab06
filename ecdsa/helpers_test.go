package ecdsa

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

// sgp26Dir is the SGP.26 test PKI, read in place (TEAM-RULES: ../../shared
// from a package at depth 1).
const sgp26Dir = "../../shared/testdata/sgp26"

func sgp26(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat(sgp26Dir); err != nil {
		t.Skipf("SGP.26 test data not found at %s (outside the repository); skipping", sgp26Dir)
	}
	return sgp26Dir
}

// sgp26Files lists files under the SGP.26 folder whose base name matches
// prefix*suffix, sorted.
func sgp26Files(t testing.TB, prefix, suffix string) []string {
	dir := sgp26(t)
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasPrefix(d.Name(), prefix) && strings.HasSuffix(d.Name(), suffix) {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	if len(out) == 0 {
		t.Fatalf("no %s*%s files under %s", prefix, suffix, dir)
	}
	return out
}

func mustRead(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// certParts is the minimal X.509 walk the tests need (the certificate
// package proper belongs to rspcert): the raw TBSCertificate span, its
// SubjectPublicKeyInfo, and the DER signature.
type certParts struct {
	tbs, spki, sig []byte
}

func splitCert(t testing.TB, der []byte) certParts {
	t.Helper()
	cert, err := asn1der.ParseExpect(der, asn1der.TagSequence)
	if err != nil {
		t.Fatal(err)
	}
	rd, _ := asn1der.Children(cert, asn1der.DER)
	tbs, err := rd.Expect(asn1der.TagSequence)
	if err != nil {
		t.Fatal(err)
	}
	alg, err := rd.Expect(asn1der.TagSequence)
	if err != nil {
		t.Fatal(err)
	}
	ard, _ := asn1der.Children(alg, asn1der.DER)
	oid, _ := ard.Expect(asn1der.TagOID)
	if !IsECDSAWithSHA256OID(oid.Value) {
		t.Fatalf("certificate signature algorithm %x is not ecdsa-with-SHA256", oid.Value)
	}
	bs, err := rd.Expect(asn1der.TagBitString)
	if err != nil || len(bs.Value) < 1 || bs.Value[0] != 0 {
		t.Fatal("bad signatureValue")
	}
	trd, _ := asn1der.Children(tbs, asn1der.DER)
	if trd.PeekTag() == 0xA0 { // version
		trd.Next()
	}
	for range 5 { // serialNumber, signature, issuer, validity, subject
		if _, err := trd.Next(); err != nil {
			t.Fatal(err)
		}
	}
	spki, err := trd.Expect(asn1der.TagSequence)
	if err != nil {
		t.Fatal(err)
	}
	return certParts{tbs: tbs.Raw, spki: spki.Raw, sig: bs.Value[1:]}
}
