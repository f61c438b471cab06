package rsp

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

// rspViewCase parses b with one view and, when it is accepted, rebuilds it
// with the matching builder (nil rebuilt means "no builder for this view").
type rspViewCase struct {
	name  string
	parse func(b []byte) (rebuilt []byte, err error)
}

// rspViewCases lists every strict-DER view with a builder: an accepted input
// must rebuild to the same bytes.
var rspViewCases = []rspViewCase{
	{"EUICCInfo1", func(b []byte) ([]byte, error) {
		x, err := ParseEUICCInfo1(b)
		return AppendEUICCInfo1(nil, &x), err
	}},
	{"EUICCInfo2", func(b []byte) ([]byte, error) {
		x, err := ParseEUICCInfo2(b)
		return AppendEUICCInfo2(nil, &x), err
	}},
	{"GetEuiccChallengeResponse", func(b []byte) ([]byte, error) {
		x, err := ParseGetEuiccChallengeResponse(b)
		return AppendGetEuiccChallengeResponse(nil, x.EuiccChallenge), err
	}},
	{"GetEuiccDataResponse", func(b []byte) ([]byte, error) {
		x, err := ParseGetEuiccDataResponse(b)
		return AppendGetEuiccDataResponse(nil, x.EID), err
	}},
	{"EuiccConfiguredAddressesResponse", func(b []byte) ([]byte, error) {
		x, err := ParseEuiccConfiguredAddressesResponse(b)
		return AppendEuiccConfiguredAddressesResponse(nil, &x), err
	}},
	{"ServerSigned1", func(b []byte) ([]byte, error) {
		x, err := ParseServerSigned1(b)
		return appendServerSigned1View(nil, &x), err
	}},
	{"AuthenticateServerRequest", func(b []byte) ([]byte, error) {
		x, err := ParseAuthenticateServerRequest(b)
		return AppendAuthenticateServerRequest(nil, &x), err
	}},
	{"AuthenticateServerResponse", func(b []byte) ([]byte, error) {
		x, err := ParseAuthenticateServerResponse(b)
		return AppendAuthenticateServerResponse(nil, &x), err
	}},
	{"InitiateAuthenticationRequest", func(b []byte) ([]byte, error) {
		x, err := ParseInitiateAuthenticationRequest(b)
		return AppendInitiateAuthenticationRequest(nil, &x), err
	}},
	{"InitiateAuthenticationOk", func(b []byte) ([]byte, error) {
		x, err := ParseInitiateAuthenticationOk(b)
		return AppendInitiateAuthenticationOk(nil, &x), err
	}},
	{"InitiateAuthenticationResponse", func(b []byte) ([]byte, error) {
		x, err := ParseInitiateAuthenticationResponse(b)
		return AppendInitiateAuthenticationResponse(nil, &x), err
	}},
	{"AuthenticateClientResponse", func(b []byte) ([]byte, error) {
		x, err := ParseAuthenticateClientResponse(b)
		return AppendAuthenticateClientResponse(nil, &x), err
	}},
	{"SmdpSigned2", func(b []byte) ([]byte, error) {
		x, err := ParseSmdpSigned2(b)
		return AppendSmdpSigned2(nil, &x), err
	}},
	{"PrepareDownloadRequest", func(b []byte) ([]byte, error) {
		x, err := ParsePrepareDownloadRequest(b)
		return AppendPrepareDownloadRequest(nil, &x), err
	}},
	{"PrepareDownloadResponse", func(b []byte) ([]byte, error) {
		x, err := ParsePrepareDownloadResponse(b)
		return AppendPrepareDownloadResponse(nil, &x), err
	}},
	{"GetBoundProfilePackageResponse", func(b []byte) ([]byte, error) {
		x, err := ParseGetBoundProfilePackageResponse(b)
		return AppendGetBoundProfilePackageResponse(nil, &x), err
	}},
	{"InitialiseSecureChannelRequest", func(b []byte) ([]byte, error) {
		x, err := ParseInitialiseSecureChannelRequest(b)
		return AppendInitialiseSecureChannelRequest(nil, &x), err
	}},
	{"BoundProfilePackage", func(b []byte) ([]byte, error) {
		x, err := ParseBoundProfilePackage(b)
		return AppendBoundProfilePackage(nil, &x), err
	}},
	{"ConfigureISDPRequest", func(b []byte) ([]byte, error) {
		x, err := ParseConfigureISDPRequest(b)
		return AppendConfigureISDPRequest(nil, &x), err
	}},
	{"StoreMetadataRequest", func(b []byte) ([]byte, error) {
		x, err := ParseStoreMetadataRequest(b)
		return AppendStoreMetadataRequest(nil, &x), err
	}},
	{"ProfileInstallationResult", func(b []byte) ([]byte, error) {
		x, err := ParseProfileInstallationResult(b)
		return AppendProfileInstallationResult(nil, &x), err
	}},
	{"CancelSessionResponse", func(b []byte) ([]byte, error) {
		x, err := ParseCancelSessionResponse(b)
		return AppendCancelSessionResponse(nil, &x), err
	}},
	{"CancelSessionRequestEs9", func(b []byte) ([]byte, error) {
		x, err := ParseCancelSessionRequestEs9(b)
		return AppendCancelSessionRequestEs9(nil, &x), err
	}},
	// Views whose builder takes parts: rebuild from the parsed parts.
	{"AuthenticateClientRequest", func(b []byte) ([]byte, error) {
		x, err := ParseAuthenticateClientRequest(b)
		if err != nil || x.UseMatchingIDForAcr || x.Extensions != nil {
			return nil, err
		}
		return AppendAuthenticateClientRequest(nil, x.TransactionID, x.AuthenticateServerResponse.Raw), nil
	}},
	{"GetBoundProfilePackageRequest", func(b []byte) ([]byte, error) {
		x, err := ParseGetBoundProfilePackageRequest(b)
		if err != nil || x.Extensions != nil {
			return nil, err
		}
		return AppendGetBoundProfilePackageRequest(nil, x.TransactionID, x.PrepareDownloadResponse.Raw), nil
	}},
	{"ReplaceSessionKeysRequest", func(b []byte) ([]byte, error) {
		x, err := ParseReplaceSessionKeysRequest(b)
		if err != nil || x.Extensions != nil {
			return nil, err
		}
		return AppendReplaceSessionKeysRequest(nil, x.InitialMacChainingValue, x.PpkEnc, x.PpkCmac), nil
	}},
	{"HandleNotification", func(b []byte) ([]byte, error) {
		x, err := ParseHandleNotification(b)
		if err != nil || x.Extensions != nil {
			return nil, err
		}
		return AppendHandleNotification(nil, x.PendingNotification.Raw), nil
	}},
	{"CancelSessionRequest", func(b []byte) ([]byte, error) {
		x, err := ParseCancelSessionRequest(b, asn1der.DER)
		if err != nil || x.Extensions != nil {
			return nil, err
		}
		return AppendCancelSessionRequest(nil, x.TransactionID, x.Reason), nil
	}},
	// Lenient parsers: must not panic; no round trip.
	{"lenient", func(b []byte) ([]byte, error) {
		ParseAuthenticateServerRequestMode(b, asn1der.BER)
		ParsePrepareDownloadRequestMode(b, asn1der.BER)
		ParseBoundProfilePackageMode(b, asn1der.BER)
		ParseStoreMetadataRequestMode(b, asn1der.BER)
		ParseProfileInstallationResultMode(b, asn1der.BER)
		ParseGetEuiccDataRequest(b, asn1der.BER)
		ParseConfigureISDPRequestMode(b, asn1der.BER)
		ParseInitialiseSecureChannelRequestMode(b, asn1der.BER)
		ParseCancelSessionRequest(b, asn1der.BER)
		ParseCancelSessionResponseEs9(b)
		ParseEmptyRequest(b, TagEUICCInfo1)
		return nil, nil
	}},
}

// rspCheckViews runs every view over b: no panic, and an accepted input
// rebuilds to the same bytes.
func rspCheckViews(t *testing.T, b []byte) {
	for _, c := range rspViewCases {
		rebuilt, err := c.parse(b)
		if err == nil && rebuilt != nil && !bytes.Equal(rebuilt, b) {
			t.Fatalf("%s accepted %X but rebuilt %X", c.name, b, rebuilt)
		}
	}
}

// FuzzParseViews feeds every view of this file set (see rspViewCases).
// Seeds: testdata/fuzz/FuzzParseViews (the recorded session's messages).
func FuzzParseViews(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) { rspCheckViews(t, b) })
}

// FuzzParseAuthenticateServerResponse: no panic; an accepted response
// rebuilds to the same bytes and its raw spans lie inside the input.
func FuzzParseAuthenticateServerResponse(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		x, err := ParseAuthenticateServerResponse(b)
		if err != nil {
			return
		}
		if got := AppendAuthenticateServerResponse(nil, &x); !bytes.Equal(got, b) {
			t.Fatalf("rebuilt %X from %X", got, b)
		}
		if x.IsOk && (!bytes.Contains(b, x.Ok.EuiccSigned1Raw) || len(x.Ok.EuiccSignature1) != 64 || !bytes.Contains(b, x.Ok.EuiccSignature1DO)) {
			t.Fatal("raw spans not inside the input")
		}
	})
}

// FuzzParseBoundProfilePackage: no panic in DER or BER; an accepted DER
// package rebuilds to the same bytes and its segments add up to the input.
func FuzzParseBoundProfilePackage(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		ParseBoundProfilePackageMode(b, asn1der.BER)
		x, err := ParseBoundProfilePackage(b)
		if err != nil {
			return
		}
		if got := AppendBoundProfilePackage(nil, &x); !bytes.Equal(got, b) {
			t.Fatalf("rebuilt %X from %X", got, b)
		}
		n := len(x.FirstSegment()) + len(x.FirstSequenceOf87.Raw) + len(x.SequenceOf88.Raw) + len(x.SecondSequenceOf87.Raw) + len(x.SequenceOf86.Raw) + len(x.Extensions)
		if n != len(b) {
			t.Fatalf("segments cover %d of %d bytes", n, len(b))
		}
		for _, l := range []SegmentList{x.FirstSequenceOf87, x.SequenceOf88, x.SecondSequenceOf87, x.SequenceOf86} {
			k := 0
			for s := range l.All() {
				if s.Tag != l.Elem {
					t.Fatalf("segment tag %v in a list of %v", s.Tag, l.Elem)
				}
				k++
			}
			if k != l.Count {
				t.Fatalf("iterated %d of %d segments", k, l.Count)
			}
		}
	})
}

// TestViewsOnSession runs the fuzz property over the recorded session without
// the fuzzer (so plain go test checks it even without a corpus).
func TestViewsOnSession(t *testing.T) {
	for _, name := range []string{"euicc-info1.der", "auth-server-response.der", "initiate-response.der", "authenticate-response.der",
		"bound-profile-package.der", "prepare-download-response.der", "store-metadata.der", "pending-notification.der"} {
		b := rspSession(t, name)
		rspCheckViews(t, b)
		// Every truncation and every single-byte flip must fail cleanly or round trip.
		for i := 0; i < len(b) && i < 400; i++ {
			rspCheckViews(t, b[:i])
			c := append([]byte(nil), b...)
			c[i] ^= 0x41
			rspCheckViews(t, c)
		}
	}
}

// TestMutatedSessionMessages applies the fuzz property to deterministic
// random mutations (byte overwrites, truncations, insertions) of the session
// messages, so plain go test exercises far more than the seed corpus.
func TestMutatedSessionMessages(t *testing.T) {
	var seeds [][]byte
	for _, name := range []string{"euicc-info1.der", "auth-server-response.der", "initiate-response.der", "authenticate-response.der",
		"bound-profile-package.der", "prepare-download-response.der", "store-metadata.der", "pending-notification.der"} {
		seeds = append(seeds, rspSession(t, name))
	}
	n := 20000
	if testing.Short() {
		n = 2000
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < n; i++ {
		b := append([]byte(nil), seeds[r.IntN(len(seeds))]...)
		for k := r.IntN(4) + 1; k > 0; k-- {
			switch j := r.IntN(len(b)); r.IntN(3) {
			case 0:
				b[j] = byte(r.IntN(256))
			case 1:
				b = b[:j+1]
			case 2:
				b = append(b[:j:j], append([]byte{byte(r.IntN(256))}, b[j:]...)...)
			}
		}
		rspCheckViews(t, b)
	}
}
