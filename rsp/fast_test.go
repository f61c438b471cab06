package rsp

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

// The one-pass fast path (fast.go) and the decoder must agree on every input:
// both accept with identical views (reflect.DeepEqual, so nil and empty
// differ too), or both reject.

type fastSlowCase struct {
	name string
	fast func(b []byte) (any, bool)
	slow func(b []byte) (any, error)
}

// fastDirty returns a fully populated response view (every optional member
// present): the fast path must overwrite every field of a reused view.
var fastDirty = sync.OnceValue(func() AuthenticateServerResponse {
	var x AuthenticateServerResponse
	if !x.parseFast(fastSeeds()[0]) || !x.Ok.EuiccSigned1.EuiccInfo2.HasIpaMode {
		panic("synthetic seed not accepted")
	}
	return x
})

var fastSlowCases = []fastSlowCase{
	{"AuthenticateServerResponse",
		func(b []byte) (any, bool) { var x AuthenticateServerResponse; ok := x.parseFast(b); return x, ok },
		func(b []byte) (any, error) { return parseAuthenticateServerResponseSlow(b) }},
	{"AuthenticateServerResponse reused view",
		func(b []byte) (any, bool) { x := fastDirty(); ok := x.parseFast(b); return x, ok },
		func(b []byte) (any, error) { return parseAuthenticateServerResponseSlow(b) }},
	{"AuthenticateClientRequest",
		func(b []byte) (any, bool) { var x AuthenticateClientRequest; ok := x.parseFast(b); return x, ok },
		func(b []byte) (any, error) { return parseAuthenticateClientRequestSlow(b) }},
	{"AuthenticateClientRequest reused view",
		func(b []byte) (any, bool) {
			x := AuthenticateClientRequest{UseMatchingIDForAcr: true, AuthenticateServerResponse: fastDirty()}
			ok := x.parseFast(b)
			return x, ok
		},
		func(b []byte) (any, error) { return parseAuthenticateClientRequestSlow(b) }},
	{"InitiateAuthenticationRequest",
		func(b []byte) (any, bool) { var x InitiateAuthenticationRequest; ok := x.parseFast(b); return x, ok },
		func(b []byte) (any, error) { return parseInitiateAuthenticationRequestSlow(b) }},
	{"PrepareDownloadResponse",
		func(b []byte) (any, bool) { var x PrepareDownloadResponse; ok := x.parseFast(b); return x, ok },
		func(b []byte) (any, error) { return parsePrepareDownloadResponseSlow(b) }},
	{"GetBoundProfilePackageRequest",
		func(b []byte) (any, bool) { var x GetBoundProfilePackageRequest; ok := x.parseFast(b); return x, ok },
		func(b []byte) (any, error) { return parseGetBoundProfilePackageRequestSlow(b) }},
	{"HandleNotification",
		func(b []byte) (any, bool) { var x HandleNotification; ok := x.parseFast(b); return x, ok },
		func(b []byte) (any, error) { return parseHandleNotificationSlow(b) }},
	{"EUICCInfo1",
		func(b []byte) (any, bool) { var x EUICCInfo1; ok := x.parseTopFast(b); return x, ok },
		func(b []byte) (any, error) { return parseEUICCInfo1Slow(b) }},
	{"EUICCInfo2",
		func(b []byte) (any, bool) { var x EUICCInfo2; ok := x.parseTopFast(b); return x, ok },
		func(b []byte) (any, error) { return parseEUICCInfo2Slow(b) }},
}

// checkFastSlow runs every fast/slow pair over b and reports how many
// accepted.
func checkFastSlow(t *testing.T, b []byte) (accepted int) {
	t.Helper()
	for _, c := range fastSlowCases {
		fv, fok := c.fast(b)
		sv, err := c.slow(b)
		if fok != (err == nil) {
			t.Fatalf("%s: fast ok=%v, decoder err=%v on %X", c.name, fok, err, b)
		}
		if fok {
			accepted++
			if !reflect.DeepEqual(fv, sv) {
				t.Fatalf("%s: views differ on %X:\nfast %+v\nslow %+v", c.name, b, fv, sv)
			}
		}
	}
	return accepted
}

// fastSeeds are inputs for every fast parser: a synthetic response with every
// optional member of EUICCInfo2, CtxParams1 and DeviceInfo present (built with
// this package's builders, so it runs without the shared data), its parts,
// and the recorded session's messages when present.
func fastSeeds() [][]byte {
	info2 := EUICCInfo2{ProfileVersion: Version{2, 3, 1}, Svn: Version{2, 5, 0}, EuiccFirmwareVer: Version{1, 0, 0},
		ExtCardResource: []byte{0x81, 0x01, 0x00}, UICCCapability: asn1der.BitString{Bytes: []byte{0x80, 0x00}},
		TS102241Version: Version{9, 2, 0}, GlobalPlatformVersion: Version{2, 3, 0}, RspCapability: asn1der.BitString{Bytes: []byte{0xF8}, Unused: 2},
		CiPKIdListForVerification: MakeKeyIDList(nil, bytes.Repeat([]byte{1}, 20), bytes.Repeat([]byte{2}, 20)),
		CiPKIdListForSigning:      MakeKeyIDList(nil, bytes.Repeat([]byte{1}, 20)),
		EuiccCategory:             2, HasEuiccCategory: true, ForbiddenPPRs: asn1der.BitString{Bytes: []byte{0x40}, Unused: 6}, HasForbiddenPPRs: true,
		PpVersion: Version{1, 0, 0}, SasAccreditationNumber: []byte("SAS-1"),
		HasCertificationData: true, PlatformLabel: []byte("1.2.3"), DiscoveryBaseURL: []byte("https://d.example"),
		TreProperties: asn1der.BitString{Bytes: []byte{0x80}, Unused: 7}, HasTreProperties: true, TreProductReference: []byte("TRE"),
		AdditionalProfileVersions: []byte{0xAF, 0x05, 0x04, 0x03, 3, 0, 0}, IpaMode: 1, HasIpaMode: true,
		CiPKIdListForSigningV3: MakeKeyIDList(nil, bytes.Repeat([]byte{3}, 20)), HasCiPKIdListForSigningV3: true,
		AdditionalEuiccInfo: []byte{0xAA}, HighestSvn: Version{3, 1, 0}, IotSpecificInfo: []byte{0xB4, 0x03, 0x80, 0x01, 0x01},
		EuiccMinimumSecurityLevel: []byte{1}, Extensions: []byte{0x9F, 0x70, 0x01, 0x00}}
	ch := bytes.Repeat([]byte{0xC1}, 16)
	s1 := EuiccSigned1{TransactionID: []byte{1, 2, 3, 4}, ServerAddress: []byte("smdp.example.com"), ServerChallenge: ch, EuiccInfo2: info2,
		CtxParams1: CtxParams1{MatchingID: []byte("MATCH-1"), HasMatchingID: true, DeviceInfo: DeviceInfo{TAC: []byte{0x35, 0x29, 0x06, 0x11},
			DeviceCapabilitiesRaw: []byte{0xA1, 0x05, 0x80, 0x03, 0x0F, 0x00, 0x00}, IMEI: bytes.Repeat([]byte{0x53}, 8)}}}
	signed := AppendEuiccSigned1(nil, &s1)
	cert := []byte{0x30, 0x03, 0x02, 0x01, 0x00}
	asr := AppendAuthenticateServerResponseOk(nil, signed, bytes.Repeat([]byte{0x5A}, 64), cert, cert)
	asrErr := AppendAuthenticateServerResponseError(nil, []byte{1, 2, 3, 4}, AuthenticateErrorCode(3))
	info1 := EUICCInfo1{Svn: Version{2, 5, 0}, CiPKIdListForVerification: info2.CiPKIdListForVerification, CiPKIdListForSigning: info2.CiPKIdListForSigning}
	seeds := [][]byte{asr, asrErr, AppendEUICCInfo2(nil, &info2), AppendEUICCInfo1(nil, &info1),
		AppendAuthenticateClientRequest(nil, []byte{1, 2, 3, 4}, asr),
		AppendAuthenticateClientRequest(nil, []byte{1, 2, 3, 4}, asrErr),
		AppendInitiateAuthenticationRequest(nil, &InitiateAuthenticationRequest{EuiccChallenge: ch, SmdpAddress: []byte("smdp.example.com"), EuiccInfo1: info1}),
	}
	pdrOk := AppendPrepareDownloadResponse(nil, &PrepareDownloadResponse{IsOk: true, Ok: PrepareDownloadResponseOk{
		EuiccSigned2:    EuiccSigned2{TransactionID: []byte{1, 2, 3, 4}, EuiccOtpk: append([]byte{4}, bytes.Repeat([]byte{0x11}, 64)...), HashCc: bytes.Repeat([]byte{0x22}, 32)},
		EuiccSignature2: bytes.Repeat([]byte{0x5B}, 64)}})
	pdrErr := AppendPrepareDownloadResponse(nil, &PrepareDownloadResponse{Error: PrepareDownloadResponseError{TransactionID: []byte{1, 2}, Code: DownloadErrorCode(2)}})
	seeds = append(seeds, pdrOk, pdrErr, AppendGetBoundProfilePackageRequest(nil, []byte{1, 2, 3, 4}, pdrOk), AppendGetBoundProfilePackageRequest(nil, []byte{1, 2}, pdrErr))
	if b, err := os.ReadFile(filepath.Join(rspSessionDir, "prepare-download-response.der")); err == nil {
		seeds = append(seeds, b, AppendGetBoundProfilePackageRequest(nil, []byte{9, 9}, b))
	}
	seeds = append(seeds, AppendHandleNotification(nil, []byte{0x30, 0x03, 0x80, 0x01, 0x01}), AppendHandleNotification(nil, []byte{0xBF, 0x37, 0x00}))
	if b, err := os.ReadFile(filepath.Join(rspSessionDir, "pending-notification.der")); err == nil {
		seeds = append(seeds, AppendHandleNotification(nil, b))
	}
	// The session's messages, when the shared data is there.
	if b, err := os.ReadFile(filepath.Join(rspSessionDir, "auth-server-response.der")); err == nil {
		seeds = append(seeds, b, AppendAuthenticateClientRequest(nil, []byte{9, 9}, b))
		var x AuthenticateServerResponse
		if x.parseFast(b) {
			seeds = append(seeds, x.Ok.EuiccSigned1.EuiccInfo2.Raw)
		}
	}
	if b, err := os.ReadFile(filepath.Join(rspSessionDir, "euicc-info1.der")); err == nil {
		seeds = append(seeds, b)
		if x, err := parseEUICCInfo1Slow(b); err == nil {
			seeds = append(seeds, AppendInitiateAuthenticationRequest(nil, &InitiateAuthenticationRequest{EuiccChallenge: ch, SmdpAddress: []byte("a.b"), EuiccInfo1: x}))
		}
	}
	return seeds
}

func TestFastSlowAgree(t *testing.T) {
	seeds := fastSeeds()
	for i, b := range seeds {
		if checkFastSlow(t, b) == 0 {
			t.Fatalf("seed %d accepted by no parser: %X", i, b)
		}
	}
	n := 20000
	if testing.Short() {
		n = 3000
	}
	r := rand.New(rand.NewPCG(3, 4))
	accepted := 0
	for i := 0; i < n; i++ {
		b := fastMutate(r, seeds[r.IntN(len(seeds))])
		if checkFastSlow(t, b) > 0 {
			accepted++
		}
	}
	t.Logf("%d of %d mutated inputs accepted by some parser", accepted, n)
	if accepted == 0 {
		t.Fatal("no mutation was accepted: the differential test exercises only rejections")
	}
}

// fastMutate returns a mutated copy of b: byte overwrites, truncations,
// insertions, and value-preserving edits that keep the DER framing (a
// content byte changed, an element's tag byte changed, an element removed
// with its parent lengths fixed up are left to the fuzzer).
func fastMutate(r *rand.Rand, seed []byte) []byte {
	b := append([]byte(nil), seed...)
	for k := r.IntN(3) + 1; k > 0 && len(b) > 0; k-- {
		switch j := r.IntN(len(b)); r.IntN(5) {
		case 0:
			b[j] = byte(r.IntN(256))
		case 1:
			b = b[:j]
		case 2:
			b = append(b[:j:j], append([]byte{byte(r.IntN(256))}, b[j:]...)...)
		case 3:
			// Same-length edits keep every length valid: flip one bit, so a
			// tag becomes its neighbour, a size check or a UTF-8 check trips.
			b[j] ^= 1 << r.IntN(8)
		case 4:
			// Replace with a tag that the parsers know (reordering, repeats).
			tags := []byte{0x04, 0x05, 0x0C, 0x30, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x8B, 0x8D, 0x8E, 0x90, 0x92, 0x93, 0x95, 0x99, 0xA0, 0xA1, 0xA9, 0xAA, 0xAC, 0xAF, 0xB1, 0xB4}
			b[j] = tags[r.IntN(len(tags))]
		}
	}
	return b
}

// FuzzFastSlowAgree: the fast path and the decoder accept the same inputs
// with the same views. Seeds: testdata/fuzz/FuzzFastSlowAgree and fastSeeds.
func FuzzFastSlowAgree(f *testing.F) {
	for _, b := range fastSeeds() {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkFastSlow(t, b) })
}

// The public parsers still report the decoder's precise error (rule and
// offset) when the fast path rejects.
func TestFastPathErrors(t *testing.T) {
	s1 := EuiccSigned1{TransactionID: []byte{1, 2, 3, 4}, ServerAddress: []byte("a.b"), ServerChallenge: bytes.Repeat([]byte{0xC1}, 15),
		EuiccInfo2: EUICCInfo2{ProfileVersion: Version{2, 3, 1}, Svn: Version{2, 5, 0}, EuiccFirmwareVer: Version{1, 0, 0},
			ExtCardResource: []byte{0x81, 0x01, 0x00}, PpVersion: Version{1, 0, 0}, SasAccreditationNumber: []byte("SAS-1")},
		CtxParams1: CtxParams1{DeviceInfo: DeviceInfo{TAC: []byte{1, 2, 3, 4}}}}
	signed := AppendEuiccSigned1(nil, &s1)
	cert := []byte{0x30, 0x03, 0x02, 0x01, 0x00}
	in := AppendAuthenticateServerResponseOk(nil, signed, bytes.Repeat([]byte{0x5A}, 64), cert, cert)
	_, err := ParseAuthenticateServerResponse(in)
	var ae *asn1der.Error
	if !errors.As(err, &ae) || ae.Rule != asn1der.RuleBadValue || ae.Tag != 0x84 || ae.Offset != bytes.Index(in, []byte{0x84, 0x0F, 0xC1}) {
		t.Fatalf("15-byte serverChallenge: %v", err)
	}
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("not a *ParseError: %T", err)
	}
	if _, err := ParseAuthenticateServerResponse(in[:len(in)-1]); !errors.As(err, &pe) {
		t.Fatalf("truncated: %v", err)
	}
}

// The fast paths allocate nothing on success (synthetic messages, so this
// runs without the shared data): every hot parser on every seed it accepts.
func TestFastPathAllocs(t *testing.T) {
	var asr AuthenticateServerResponse
	parsers := []struct {
		name string
		fn   func([]byte) error
	}{
		{"AuthenticateServerResponse", func(b []byte) error { _, err := ParseAuthenticateServerResponse(b); return err }},
		{"AuthenticateServerResponseInto", func(b []byte) error { return ParseAuthenticateServerResponseInto(&asr, b) }},
		{"AuthenticateClientRequest", func(b []byte) error { _, err := ParseAuthenticateClientRequest(b); return err }},
		{"InitiateAuthenticationRequest", func(b []byte) error { _, err := ParseInitiateAuthenticationRequest(b); return err }},
		{"PrepareDownloadResponse", func(b []byte) error { _, err := ParsePrepareDownloadResponse(b); return err }},
		{"GetBoundProfilePackageRequest", func(b []byte) error { _, err := ParseGetBoundProfilePackageRequest(b); return err }},
		{"HandleNotification", func(b []byte) error { _, err := ParseHandleNotification(b); return err }},
		{"EUICCInfo1", func(b []byte) error { _, err := ParseEUICCInfo1(b); return err }},
		{"EUICCInfo2", func(b []byte) error { _, err := ParseEUICCInfo2(b); return err }},
	}
	pinned := map[string]bool{}
	for i, b := range fastSeeds() {
		for _, p := range parsers {
			if p.fn(b) != nil {
				continue
			}
			if n := testing.AllocsPerRun(20, func() {
				if err := p.fn(b); err != nil {
					t.Fatal(err)
				}
			}); n != 0 {
				t.Fatalf("%s on seed %d: %v allocs", p.name, i, n)
			}
			pinned[p.name] = true
		}
	}
	for _, p := range parsers {
		if !pinned[p.name] {
			t.Errorf("%s accepted no seed", p.name)
		}
	}
}
