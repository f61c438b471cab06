package rsp

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

// The recorded SM-DP+ session and the real BPPs live in the shared test data
// (see ../../shared/testdata/PROVENANCE.md): session/ comes from
// waigel/euicc-rsp testdata (signatures re-verified independently), bpp-real/
// from damonto/euicc-go fixtures.
const (
	rspSessionDir = "../../shared/testdata/session"
	rspBPPRealDir = "../../shared/testdata/bpp-real"
)

// rspSession reads a file of the recorded session, skipping when the shared
// test data is absent (a fresh clone).
func rspSession(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(rspSessionDir, name))
	if errors.Is(err, os.ErrNotExist) {
		tb.Skipf("shared test data absent (%s): skipping", rspSessionDir)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// rspBPPReal reads bpp@n.txt (base64) and sbpp@n.txt (the expected LPA
// segmentation: hex lines, # comments).
func rspBPPReal(tb testing.TB, n int) (bpp []byte, segs [][]byte) {
	tb.Helper()
	name := filepath.Join(rspBPPRealDir, "bpp@"+string(rune('0'+n))+".txt")
	b, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		tb.Skipf("shared test data absent (%s): skipping", rspBPPRealDir)
	}
	if err != nil {
		tb.Fatal(err)
	}
	// bpp@2.txt ends in "===": decode without padding.
	bpp, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(strings.Join(strings.Fields(string(b)), ""), "="))
	if err != nil {
		tb.Fatal(err)
	}
	s, err := os.ReadFile(filepath.Join(rspBPPRealDir, "sbpp@"+string(rune('0'+n))+".txt"))
	if err != nil {
		tb.Fatal(err)
	}
	for _, line := range strings.Split(string(s), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		seg, err := hex.DecodeString(line)
		if err != nil {
			tb.Fatalf("sbpp@%d: %v", n, err)
		}
		segs = append(segs, seg)
	}
	return bpp, segs
}

// rspVerify checks a 64-byte r‖s signature over msg with the key of the DER
// certificate cert (crypto/x509 + crypto/ecdsa as an independent oracle: a
// wrong raw span cannot verify).
func rspVerify(tb testing.TB, cert, msg, sig []byte) {
	tb.Helper()
	c, err := x509.ParseCertificate(cert)
	if err != nil {
		tb.Fatalf("certificate: %v", err)
	}
	pub, ok := c.PublicKey.(*ecdsa.PublicKey)
	if !ok {
		tb.Fatalf("certificate key is %T", c.PublicKey)
	}
	if len(sig) != 64 {
		tb.Fatalf("signature is %d bytes", len(sig))
	}
	h := sha256.Sum256(msg)
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
	if !ecdsa.Verify(pub, h[:], r, s) {
		tb.Fatalf("signature does not verify over the %d-byte span", len(msg))
	}
}

func rspEqual(tb testing.TB, what string, got, want []byte) {
	tb.Helper()
	if !bytes.Equal(got, want) {
		tb.Fatalf("%s:\n got %X\nwant %X", what, got, want)
	}
}

func TestEUICCInfo1Session(t *testing.T) {
	b := rspSession(t, "euicc-info1.der")
	x, err := ParseEUICCInfo1(b)
	if err != nil {
		t.Fatal(err)
	}
	// README: "BF20 09 82 03 020000 A9 00 AA 00" (no CI keys listed).
	if x.Svn.String() != "2.0.0" || x.CiPKIdListForVerification.Count != 0 || x.CiPKIdListForSigning.Count != 0 {
		t.Fatalf("got svn %v, %d/%d keys", x.Svn, x.CiPKIdListForVerification.Count, x.CiPKIdListForSigning.Count)
	}
	rspEqual(t, "rebuild", AppendEUICCInfo1(nil, &x), b)
}

func TestEUICCInfo1WithKeys(t *testing.T) {
	// The replay EUICCInfo1 the session README asks for: the SGP.26 NIST CI
	// PKID in both lists.
	pkid, _ := hex.DecodeString("F54172BDF98A95D65CBEB88A38A1C11D800A85C3")
	other := bytes.Repeat([]byte{0xAB}, 20)
	x := EUICCInfo1{
		Svn:                       Version{2, 2, 0},
		CiPKIdListForVerification: MakeKeyIDList(nil, pkid, other),
		CiPKIdListForSigning:      MakeKeyIDList(nil, pkid),
	}
	b := AppendEUICCInfo1(nil, &x)
	y, err := ParseEUICCInfo1(b)
	if err != nil {
		t.Fatal(err)
	}
	if !y.CiPKIdListForSigning.Contains(pkid) || y.CiPKIdListForSigning.Contains(other) || y.CiPKIdListForVerification.Count != 2 {
		t.Fatalf("lists wrong: %+v", y)
	}
	var n int
	for id := range y.CiPKIdListForVerification.All() {
		if len(id) != 20 {
			t.Fatalf("id of %d bytes", len(id))
		}
		n++
	}
	if n != 2 {
		t.Fatalf("iterated %d ids", n)
	}
	rspEqual(t, "rebuild", AppendEUICCInfo1(nil, &y), b)
}

func TestSmallInfoMessages(t *testing.T) {
	ch := bytes.Repeat([]byte{0x5C}, 16)
	b := AppendGetEuiccChallengeResponse(nil, ch)
	x, err := ParseGetEuiccChallengeResponse(b)
	if err != nil || !bytes.Equal(x.EuiccChallenge, ch) || b[0] != 0xBF || b[1] != 0x2E || b[3] != 0x80 {
		t.Fatalf("challenge: %X %v", b, err)
	}
	eid, _ := hex.DecodeString("89049032123451234512345678901235")
	b = AppendGetEuiccDataResponse(nil, eid)
	e, err := ParseGetEuiccDataResponse(b)
	if err != nil || !bytes.Equal(e.EID, eid) {
		t.Fatalf("EID: %X %v", b, err)
	}
	rq, err := ParseGetEuiccDataRequest(AppendGetEuiccDataRequest(nil), asn1der.DER)
	if err != nil || !bytes.Equal(rq.TagList, []byte{0x5A}) {
		t.Fatalf("GetEuiccDataRequest: %v", err)
	}
	a := EuiccConfiguredAddressesResponse{DefaultDpAddress: []byte("smdp.example.com"), RootDsAddress: []byte("lpa.ds.gsma.com")}
	b = AppendEuiccConfiguredAddressesResponse(nil, &a)
	ar, err := ParseEuiccConfiguredAddressesResponse(b)
	if err != nil || string(ar.DefaultDpAddress) != "smdp.example.com" || string(ar.RootDsAddress) != "lpa.ds.gsma.com" {
		t.Fatalf("addresses: %X %v", b, err)
	}
	// Without the optional default address: BF3C L 81 L ds (RSP-FACTS §2.7).
	b = AppendEuiccConfiguredAddressesResponse(nil, &EuiccConfiguredAddressesResponse{RootDsAddress: []byte("ds")})
	rspEqual(t, "addresses", b, []byte{0xBF, 0x3C, 0x04, 0x81, 0x02, 'd', 's'})
	for _, tag := range []asn1der.Tag{TagEUICCInfo1, TagEUICCInfo2, TagGetEuiccChallenge, TagEuiccConfiguredAddresses} {
		if err := ParseEmptyRequest(AppendEmptyRequest(nil, tag), tag); err != nil {
			t.Fatalf("%v: %v", tag, err)
		}
	}
	if err := ParseEmptyRequest([]byte{0xBF, 0x20, 0x00}, TagEUICCInfo2); err == nil {
		t.Fatal("wrong empty request tag accepted")
	}
}

func TestVersionString(t *testing.T) {
	if s := (Version{2, 5, 12}).String(); s != "2.5.12" {
		t.Fatal(s)
	}
	if s := Version(nil).String(); s != "absent" {
		t.Fatal(s)
	}
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }
