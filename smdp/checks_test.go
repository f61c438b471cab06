package smdp

import (
	"bytes"
	"context"
	"encoding/hex"
	"testing"
	"time"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/testpki"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/rspcert"
)

// Every SM-DP+ check fails closed with its status code (and, where the
// ASN.1 has one, its ES9+ error form), one case per check. Where a case
// leaves the session alive, a later valid step is still accepted or refused as
// the session's state says (see TestFailedStepKeepsSession).

var bg = context.Background()

func addProfile(t testing.TB, e *env, mid string) {
	t.Helper()
	if err := e.cat.Add(mid, &Profile{UPP: []byte("upp " + mid), StoreMetadata: metadata(9, mid)}); err != nil {
		t.Fatal(err)
	}
}

func TestInitiateAuthenticationChecks(t *testing.T) {
	e := newEnv(t)
	other, err := testpki.New(ecdsa.P256, testpki.Options{Seed: []byte("another CI")})
	if err != nil {
		t.Fatal(err)
	}
	nist, brp := e.pkis[ecdsa.P256].PKID, e.pkis[ecdsa.BrainpoolP256r1].PKID
	cases := []struct {
		name   string
		mutate func(c *card) []byte
		st     rsp.StatusCode
		code   rsp.Code
	}{
		{"malformed", func(c *card) []byte { return []byte{0xBF, 0x39, 0x01, 0x00} }, StatusMalformed, nil},
		{"trailing garbage", func(c *card) []byte { return append(c.initiateRequest(), 0) }, StatusMalformed, nil},
		{"wrong address", func(c *card) []byte { c.address = "other.example.com"; return c.initiateRequest() }, StatusInvalidSmdpAddress, rsp.InitiateAuthenticationErrorInvalidDpAddress},
		{"svn 3", func(c *card) []byte {
			b := c.initiateRequest()
			i := bytes.Index(b, []byte{0x82, 0x03, 0x02, 0x02, 0x00})
			b[i+2] = 3
			return b
		}, StatusSvnNotSupported, rsp.InitiateAuthenticationErrorEuiccVersionNotSupportedByDp},
		{"foreign CI", func(c *card) []byte { c.signing = [][]byte{other.PKID}; return c.initiateRequest() }, StatusPKIDNotSupported, rsp.InitiateAuthenticationErrorCiPKNotSupported},
		{"empty CI lists", func(c *card) []byte { c.signing, c.verification = nil, nil; return c.initiateRequest() }, StatusPKIDNotSupported, rsp.InitiateAuthenticationErrorCiPKNotSupported},
		{"no DPauth for the verification CIs", func(c *card) []byte { c.verification = [][]byte{other.PKID}; return c.initiateRequest() }, StatusNoDPauthForCI, rsp.InitiateAuthenticationErrorCiPKNotSupported},
		{"case-insensitive address accepted", nil, rsp.StatusCode{}, nil},
	}
	_ = brp
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newCard(t, ecdsa.P256)
			before := e.store.Len()
			if tc.mutate == nil {
				c.address = "TestSMDPplus1.Example.COM"
				if _, err := e.srv.InitiateAuthentication(bg, c.initiateRequest(), nil); err != nil {
					t.Fatal(err)
				}
				return
			}
			out, err := e.srv.InitiateAuthentication(bg, tc.mutate(c), nil)
			wantFail(t, out, err, tc.st, tc.code)
			if e.store.Len() != before {
				t.Fatal("a failed InitiateAuthentication opened a session")
			}
		})
	}

	// Wrong curve: a server with only the NIST credential and a brainpool-only
	// eUICC (its CI is trusted, but no CERT.DPauth chains to it): 8.8.4/3.7.
	t.Run("wrong curve", func(t *testing.T) {
		e2 := newEnv(t, func(c *Config) { c.Credentials = c.Credentials[:1] })
		c := newCard(t, ecdsa.BrainpoolP256r1)
		out, err := e2.srv.InitiateAuthentication(bg, c.initiateRequest(), nil)
		wantFail(t, out, err, StatusNoDPauthForCI, rsp.InitiateAuthenticationErrorCiPKNotSupported)
		// Offering both: the server picks the NIST credential for verification
		// while the eUICC signs under brainpool.
		c.verification = [][]byte{brp, nist}
		f := initiate(t, e2, c)
		if !bytes.Equal(f.ia.Ok.EuiccCiPKIdToBeUsed, brp) || !bytes.Equal(f.ia.Ok.ServerCertificateRaw, e2.pkis[ecdsa.P256].DPauth.Cert) {
			t.Fatal("CI selection")
		}
	})

	t.Run("store full", func(t *testing.T) {
		e2 := newEnv(t, func(c *Config) { c.Sessions = NewMemoryStore(MemoryStoreConfig{MaxSessions: 2, Now: c.Now}) })
		c := newCard(t, ecdsa.P256)
		for range 2 {
			initiate(t, e2, c)
		}
		out, err := e2.srv.InitiateAuthentication(bg, c.initiateRequest(), nil)
		wantFail(t, out, err, StatusCapacityExceeded, nil)
	})
}

func TestAuthenticateClientChecks(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.SessionTTL = time.Hour })
	addProfile(t, e, "MID")
	cd := newCard(t, ecdsa.BrainpoolP256r1)
	if err := e.cat.Add("RESERVED", &Profile{UPP: []byte("u"), StoreMetadata: metadata(7, "r"), EID: bytes.Repeat([]byte{0x89}, 16)}); err != nil {
		t.Fatal(err)
	}
	foreign, err := testpki.New(ecdsa.BrainpoolP256r1, testpki.Options{Seed: []byte("foreign")})
	if err != nil {
		t.Fatal(err)
	}
	p := e.pkis[ecdsa.BrainpoolP256r1]
	outsider, err := p.NewEUICC(testpki.EIDWithCheckDigits("890490991234567890123456789012"), "outsider")
	if err != nil {
		t.Fatal(err)
	}
	nistCard := newCard(t, ecdsa.P256)
	mid := []byte("MID")
	type tcase struct {
		name string
		req  func(t *testing.T, f *flow) []byte
		st   rsp.StatusCode
		code rsp.AuthenticateClientErrorCode
	}
	cases := []tcase{
		{"malformed", func(t *testing.T, f *flow) []byte { return []byte{0xBF, 0x3B, 0x00} }, StatusMalformed, rsp.AuthenticateClientErrorUndefinedError},
		{"unknown transactionId", func(t *testing.T, f *flow) []byte {
			r := f.authRequest(t, mid, nil)
			f2 := *f
			f2.tid = bytes.Repeat([]byte{0xEE}, 16)
			asr, _ := rsp.ParseAuthenticateClientRequest(r)
			return rsp.AppendAuthenticateClientRequest(nil, f2.tid, asr.AuthenticateServerResponse.Raw)
		}, StatusTransactionIDUnknown, rsp.AuthenticateClientErrorInvalidTransactionId},
		{"signed transactionId differs", func(t *testing.T, f *flow) []byte {
			return f.authRequest(t, mid, func(es *rsp.EuiccSigned1) { es.TransactionID = bytes.Repeat([]byte{1}, 16) })
		}, StatusTransactionIDUnknown, rsp.AuthenticateClientErrorInvalidTransactionId},
		{"wrong challenge", func(t *testing.T, f *flow) []byte {
			return f.authRequest(t, mid, func(es *rsp.EuiccSigned1) { es.ServerChallenge = make([]byte, 16) })
		}, StatusEuiccVerificationFailed, rsp.AuthenticateClientErrorEuiccSignatureInvalid},
		{"wrong address echo", func(t *testing.T, f *flow) []byte {
			return f.authRequest(t, mid, func(es *rsp.EuiccSigned1) { es.ServerAddress = []byte("evil.example.com") })
		}, StatusEuiccVerificationFailed, rsp.AuthenticateClientErrorEuiccSignatureInvalid},
		{"tampered euiccSigned1", func(t *testing.T, f *flow) []byte {
			r := f.authRequest(t, mid, nil)
			i := bytes.Index(r, []byte("TEST-SAS"))
			r[i+7] ^= 1
			return r
		}, StatusEuiccVerificationFailed, rsp.AuthenticateClientErrorEuiccSignatureInvalid},
		{"tampered euiccSignature1", func(t *testing.T, f *flow) []byte {
			r := f.authRequest(t, mid, nil)
			i := bytes.Index(r, []byte{0x5F, 0x37, 0x40})
			r[i+10] ^= 0x80
			return r
		}, StatusEuiccVerificationFailed, rsp.AuthenticateClientErrorEuiccSignatureInvalid},
		{"signed by another key (certificate mismatch)", func(t *testing.T, f *flow) []byte {
			c2 := *f.c
			c2.key = outsider.Key
			es := f.c.euiccSigned1(f.tid, f.ia.Ok.ServerSigned1.ServerChallenge, mid)
			return rsp.AppendAuthenticateClientRequest(nil, f.tid, c2.asr(t, &es))
		}, StatusEuiccVerificationFailed, rsp.AuthenticateClientErrorEuiccSignatureInvalid},
		{"EID outside the EUM's range", func(t *testing.T, f *flow) []byte {
			c2 := *f.c
			c2.key, c2.cert = outsider.Key, outsider.Cert
			es := f.c.euiccSigned1(f.tid, f.ia.Ok.ServerSigned1.ServerChallenge, mid)
			return rsp.AppendAuthenticateClientRequest(nil, f.tid, c2.asr(t, &es))
		}, StatusEIDNotPermitted, rsp.AuthenticateClientErrorEuiccCertificateInvalid},
		{"foreign CI", func(t *testing.T, f *flow) []byte {
			c2 := *f.c
			c2.key, c2.cert, c2.eum = foreign.EUICC.Key, foreign.EUICC.Cert, foreign.EUM.Cert
			es := f.c.euiccSigned1(f.tid, f.ia.Ok.ServerSigned1.ServerChallenge, mid)
			return rsp.AppendAuthenticateClientRequest(nil, f.tid, c2.asr(t, &es))
		}, StatusCIPKUnknown, rsp.AuthenticateClientErrorCiPKUnknown},
		{"chain under another CI than chosen (wrong curve)", func(t *testing.T, f *flow) []byte {
			es := f.c.euiccSigned1(f.tid, f.ia.Ok.ServerSigned1.ServerChallenge, mid)
			return rsp.AppendAuthenticateClientRequest(nil, f.tid, nistCard.asr(t, &es))
		}, StatusCIPKUnknown, rsp.AuthenticateClientErrorCiPKUnknown},
		{"EUM and eUICC swapped", func(t *testing.T, f *flow) []byte {
			c2 := *f.c
			c2.cert, c2.eum = f.c.eum, f.c.cert
			es := f.c.euiccSigned1(f.tid, f.ia.Ok.ServerSigned1.ServerChallenge, mid)
			return rsp.AppendAuthenticateClientRequest(nil, f.tid, c2.asr(t, &es))
		}, StatusCIPKUnknown, rsp.AuthenticateClientErrorCiPKUnknown},
		{"eUICC error alternative", func(t *testing.T, f *flow) []byte {
			return rsp.AppendAuthenticateClientRequest(nil, f.tid, rsp.AppendAuthenticateServerResponseError(nil, f.tid, rsp.AuthenticateErrorInvalidSignature))
		}, StatusEuiccError, rsp.AuthenticateClientErrorUndefinedError},
		{"matchingId refused", func(t *testing.T, f *flow) []byte { return f.authRequest(t, []byte("NOPE"), nil) }, StatusMatchingIDRefused, rsp.AuthenticateClientErrorMatchingIdRefused},
		{"EID mismatch", func(t *testing.T, f *flow) []byte { return f.authRequest(t, []byte("RESERVED"), nil) }, StatusEIDMismatch, rsp.AuthenticateClientErrorEidMismatch},
		{"no eligible profile", func(t *testing.T, f *flow) []byte { return f.authRequest(t, nil, nil) }, StatusProfileNotAvailable, rsp.AuthenticateClientErrorNoEligibleProfile},
		{"empty matchingId, no profile by EID", func(t *testing.T, f *flow) []byte { return f.authRequest(t, []byte{}, nil) }, StatusProfileNotAvailable, rsp.AuthenticateClientErrorNoEligibleProfile},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := initiate(t, e, cd)
			out, err := e.srv.AuthenticateClient(bg, tc.req(t, f), nil)
			wantFail(t, out, err, tc.st, tc.code)
			var s Session
			if err := e.store.Get(bg, f.tid, &s); err != nil || s.State != StateInitiated {
				t.Fatalf("session after a failed AuthenticateClient: %v state %d", err, s.State)
			}
		})
	}

	t.Run("replayed transactionId", func(t *testing.T) {
		f := initiate(t, e, cd)
		req := f.authRequest(t, mid, nil)
		if _, err := e.srv.AuthenticateClient(bg, req, nil); err != nil {
			t.Fatal(err)
		}
		out, err := e.srv.AuthenticateClient(bg, req, nil)
		wantFail(t, out, err, StatusTransactionIDUnknown, rsp.AuthenticateClientErrorInvalidTransactionId)
	})
	t.Run("expired session", func(t *testing.T) {
		e2 := newEnv(t, func(c *Config) { c.SessionTTL = time.Minute })
		addProfile(t, e2, "MID")
		f := initiate(t, e2, cd)
		e2.clock.Advance(time.Minute)
		out, err := e2.srv.AuthenticateClient(bg, f.authRequest(t, mid, nil), nil)
		wantFail(t, out, err, StatusTransactionIDUnknown, rsp.AuthenticateClientErrorInvalidTransactionId)
		if e2.store.Len() != 0 {
			t.Fatal("expired session still counted")
		}
	})
	t.Run("clock before the chain's validity", func(t *testing.T) {
		e2 := newEnv(t, func(c *Config) { c.SessionTTL = 1000 * 24 * time.Hour })
		addProfile(t, e2, "MID")
		f := initiate(t, e2, cd)
		e2.clock.Advance(-2 * 365 * 24 * time.Hour)
		out, err := e2.srv.AuthenticateClient(bg, f.authRequest(t, mid, nil), nil)
		// The whole testpki chain starts at DefaultNow: rspcert reports the
		// CI first (8.11.1/3.9).
		wantFail(t, out, err, StatusCIPKUnknown, rsp.AuthenticateClientErrorCiPKUnknown)
	})
}

// TestAuthenticateClientSGP26Invalid runs the SGP.26 negative certificates
// (../shared/testdata/sgp26/invalid) through AuthenticateClient: each is
// refused by the chain check with its code before any signature is used.
func TestAuthenticateClientSGP26Invalid(t *testing.T) {
	read := func(p string) []byte { return readShared(t, "sgp26/"+p) }
	cis, err := rspcert.NewCIStore(read("CertificateIssuer/CERT_CI_ECDSA_NIST.der"))
	if err != nil {
		t.Fatal(err)
	}
	cat := NewCatalogue()
	clock := newClock(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	srv, err := New(Config{Address: "smdp.example.com", CIs: cis, Profiles: cat, Now: clock.Now, Random: &counterRandom{},
		Credentials: []Credential{{DPauthCert: read("DPauth/CERT_S_SM_DPauth_ECDSA_NIST.der"), DPauthKey: sgp26Key(t, "DPauth/SK_S_SM_DPauth_ECDSA_NIST.pem"),
			DPpbCert: read("DPpb/CERT_S_SM_DPpb_ECDSA_NIST.der"), DPpbKey: sgp26Key(t, "DPpb/SK_S_SM_DPpb_ECDSA_NIST.pem")}}})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{srv: srv, cat: cat, clock: clock}
	if err := cat.Add("MID", &Profile{UPP: []byte("u"), StoreMetadata: metadata(1, "m")}); err != nil {
		t.Fatal(err)
	}
	pkid, _ := hex.DecodeString(nistPKIDHex)
	eid, _ := hex.DecodeString(testpki.DefaultEID)
	base := &card{curve: ecdsa.P256, key: sgp26Key(t, "eUICC/SK_EUICC_ECDSA_NIST.pem"), cert: read("eUICC/CERT_EUICC_ECDSA_NIST.der"),
		eum: read("EUM/CERT_EUM_ECDSA_NIST.der"), eid: eid, address: "smdp.example.com", signing: [][]byte{pkid}, verification: [][]byte{pkid}}
	cases := []struct {
		name, euicc, eum string
		st               rsp.StatusCode
		code             rsp.AuthenticateClientErrorCode
	}{
		{"valid", "", "", rsp.StatusCode{}, 0},
		{"eUICC expired", "invalid/CERT_EUICC_ECDSA_NIST_EXPIRED.der", "", StatusEuiccCertificateExpired, rsp.AuthenticateClientErrorEuiccCertificateExpired},
		{"eUICC bad signature", "invalid/CERT_EUICC_ECDSA_NIST_INVALID.der", "", StatusEuiccCertificateInvalid, rsp.AuthenticateClientErrorEuiccCertificateInvalid},
		{"EID outside range", "invalid/CERT_EUICC_ECDSA_NIST_INVALID_EID.der", "", StatusEIDNotPermitted, rsp.AuthenticateClientErrorEuiccCertificateInvalid},
		// Its EID's check digits are wrong: rspcert refuses the EID format.
		{"EID unmatched", "invalid/CERT_EUICC_ECDSA_NIST_UNMATCHED_EID.der", "", StatusEuiccCertificateInvalid, rsp.AuthenticateClientErrorEuiccCertificateInvalid},
		{"EUM expired", "", "invalid/CERT_EUM_ECDSA_NIST_EXPIRED.der", StatusEumCertificateExpired, rsp.AuthenticateClientErrorEumCertificateExpired},
		{"EUM bad signature", "", "invalid/CERT_EUM_ECDSA_NIST_INVALID.der", StatusEumCertificateInvalid, rsp.AuthenticateClientErrorEumCertificateInvalid},
		{"EUM from an unknown CI", "", "invalid/CERT_EUM_ECDSA_NIST_UNKNOWN_CI.der", StatusCIPKUnknown, rsp.AuthenticateClientErrorCiPKUnknown},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := *base
			if _, err := rand32(c.challenge[:]); err != nil {
				t.Fatal(err)
			}
			if tc.euicc != "" {
				c.cert = read(tc.euicc)
			}
			if tc.eum != "" {
				c.eum = read(tc.eum)
			}
			f := initiate(t, e, &c)
			out, err := srv.AuthenticateClient(bg, f.authRequest(t, []byte("MID"), nil), nil)
			if tc.code == 0 {
				if err != nil {
					t.Fatalf("valid SGP.26 chain refused: %v", err)
				}
				return
			}
			wantFail(t, out, err, tc.st, tc.code)
		})
	}
}

func TestGetBoundProfilePackageChecks(t *testing.T) {
	e := newEnv(t)
	addProfile(t, e, "MID")
	cd := newCard(t, ecdsa.P256)
	otherCurve := newCard(t, ecdsa.BrainpoolP256r1)
	authed := func(t *testing.T) *flow {
		f := initiate(t, e, cd)
		authenticate(t, e, f, []byte("MID"))
		return f
	}
	type tcase struct {
		name string
		req  func(t *testing.T, f *flow) []byte
		st   rsp.StatusCode
		code rsp.GetBoundProfilePackageErrorCode
		gone bool // the failure ends the session
	}
	cases := []tcase{
		{"malformed", func(t *testing.T, f *flow) []byte { return []byte{0xBF, 0x3A, 0x02, 0x80, 0x00} }, StatusMalformed, rsp.GetBoundProfilePackageErrorUndefinedError, false},
		{"unknown transactionId", func(t *testing.T, f *flow) []byte {
			return rsp.AppendGetBoundProfilePackageRequest(nil, bytes.Repeat([]byte{7}, 16), f.c.pdr(t, f.tid, f.ac.Ok.SmdpSignature2DO, nil))
		}, StatusTransactionIDUnknown, rsp.GetBoundProfilePackageErrorInvalidTransactionId, false},
		{"signed transactionId differs", func(t *testing.T, f *flow) []byte {
			return rsp.AppendGetBoundProfilePackageRequest(nil, f.tid, f.c.pdr(t, bytes.Repeat([]byte{7}, 16), f.ac.Ok.SmdpSignature2DO, nil))
		}, StatusTransactionIDUnknown, rsp.GetBoundProfilePackageErrorInvalidTransactionId, false},
		{"euiccSignature2 over another smdpSignature2", func(t *testing.T, f *flow) []byte {
			do := bytes.Clone(f.ac.Ok.SmdpSignature2DO)
			do[10] ^= 1
			return rsp.AppendGetBoundProfilePackageRequest(nil, f.tid, f.c.pdr(t, f.tid, do, nil))
		}, StatusEuiccVerificationFailed, rsp.GetBoundProfilePackageErrorEuiccSignatureInvalid, false},
		{"tampered euiccSigned2", func(t *testing.T, f *flow) []byte {
			r := f.bppRequest(t, nil)
			i := bytes.Index(r, []byte{0x5F, 0x49, 0x41, 0x04})
			r[i+20] ^= 1
			return r
		}, StatusEuiccVerificationFailed, rsp.GetBoundProfilePackageErrorEuiccSignatureInvalid, false},
		{"signed by another key", func(t *testing.T, f *flow) []byte {
			c2 := *f.c
			c2.key = otherCurve.pki.EUICC.Key
			return rsp.AppendGetBoundProfilePackageRequest(nil, f.tid, c2.pdr(t, f.tid, f.ac.Ok.SmdpSignature2DO, nil))
		}, StatusEuiccVerificationFailed, rsp.GetBoundProfilePackageErrorEuiccSignatureInvalid, false},
		{"otPK.EUICC on the wrong curve", func(t *testing.T, f *flow) []byte {
			c2 := *f.c
			c2.curve = ecdsa.BrainpoolP256r1
			return rsp.AppendGetBoundProfilePackageRequest(nil, f.tid, c2.pdr(t, f.tid, f.ac.Ok.SmdpSignature2DO, nil))
		}, StatusMalformed, rsp.GetBoundProfilePackageErrorUndefinedError, false},
		{"eUICC error alternative", func(t *testing.T, f *flow) []byte {
			x := rsp.PrepareDownloadResponse{Error: rsp.PrepareDownloadResponseError{TransactionID: f.tid, Code: rsp.DownloadErrorInvalidSignature}}
			return rsp.AppendGetBoundProfilePackageRequest(nil, f.tid, rsp.AppendPrepareDownloadResponse(nil, &x))
		}, StatusEuiccError, rsp.GetBoundProfilePackageErrorUndefinedError, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := authed(t)
			out, err := e.srv.GetBoundProfilePackage(bg, tc.req(t, f), nil)
			wantFail(t, out, err, tc.st, tc.code)
			var s Session
			err = e.store.Get(bg, f.tid, &s)
			if tc.gone != (err != nil) || (!tc.gone && s.State != StateAuthenticated) {
				t.Fatalf("session after the failure: %v state %d", err, s.State)
			}
		})
	}
	t.Run("before AuthenticateClient", func(t *testing.T) {
		f := initiate(t, e, cd)
		out, err := e.srv.GetBoundProfilePackage(bg, rsp.AppendGetBoundProfilePackageRequest(nil, f.tid, cd.pdr(t, f.tid, make([]byte, 67), nil)), nil)
		wantFail(t, out, err, StatusTransactionIDUnknown, rsp.GetBoundProfilePackageErrorInvalidTransactionId)
	})
	t.Run("replayed", func(t *testing.T) {
		f := authed(t)
		req := f.bppRequest(t, nil)
		if _, err := e.srv.GetBoundProfilePackage(bg, req, nil); err != nil {
			t.Fatal(err)
		}
		out, err := e.srv.GetBoundProfilePackage(bg, req, nil)
		wantFail(t, out, err, StatusTransactionIDUnknown, rsp.GetBoundProfilePackageErrorInvalidTransactionId)
	})
	t.Run("expired session", func(t *testing.T) {
		f := authed(t)
		e.clock.Advance(11 * time.Minute)
		defer e.clock.Advance(-11 * time.Minute)
		out, err := e.srv.GetBoundProfilePackage(bg, f.bppRequest(t, nil), nil)
		wantFail(t, out, err, StatusTransactionIDUnknown, rsp.GetBoundProfilePackageErrorInvalidTransactionId)
	})
	t.Run("appends to dst", func(t *testing.T) {
		f := authed(t)
		prefix := []byte("prefix")
		out, err := e.srv.GetBoundProfilePackage(bg, f.bppRequest(t, nil), prefix)
		if err != nil || !bytes.HasPrefix(out, prefix) {
			t.Fatal(err)
		}
		if _, err := rsp.ParseGetBoundProfilePackageResponse(out[len(prefix):]); err != nil {
			t.Fatal(err)
		}
	})
}

func TestHandleNotificationChecks(t *testing.T) {
	e := newEnv(t)
	addProfile(t, e, "MID")
	cd := newCard(t, ecdsa.P256)
	other := newCard(t, ecdsa.BrainpoolP256r1)
	bound := func(t *testing.T) *flow {
		f := initiate(t, e, cd)
		authenticate(t, e, f, []byte("MID"))
		getBPP(t, e, f, nil)
		return f
	}
	t.Run("malformed", func(t *testing.T) {
		out, err := e.srv.HandleNotification(bg, []byte{0xBF, 0x3D, 0x02, 0xA0, 0x00}, nil)
		wantFail(t, out, err, StatusMalformed, nil)
	})
	t.Run("PIR signed by another key", func(t *testing.T) {
		f := bound(t)
		out, err := e.srv.HandleNotification(bg, f.pirNotification(t, e.srv.OID(), other.key), nil)
		wantFail(t, out, err, StatusEuiccVerificationFailed, nil)
		if e.store.Get(bg, f.tid, new(Session)) != nil {
			t.Fatal("a refused notification ended the session")
		}
	})
	t.Run("PIR tampered", func(t *testing.T) {
		f := bound(t)
		n := f.pirNotification(t, e.srv.OID(), cd.key)
		n[bytes.Index(n, []byte(cd.address))] ^= 1
		out, err := e.srv.HandleNotification(bg, n, nil)
		wantFail(t, out, err, StatusEuiccVerificationFailed, nil)
	})
	t.Run("PIR unknown transactionId", func(t *testing.T) {
		f := bound(t)
		f.tid = bytes.Repeat([]byte{3}, 16)
		out, err := e.srv.HandleNotification(bg, f.pirNotification(t, e.srv.OID(), cd.key), nil)
		wantFail(t, out, err, StatusTransactionIDUnknown, nil)
	})
	t.Run("PIR before the BPP", func(t *testing.T) {
		f := initiate(t, e, cd)
		authenticate(t, e, f, []byte("MID"))
		out, err := e.srv.HandleNotification(bg, f.pirNotification(t, e.srv.OID(), cd.key), nil)
		wantFail(t, out, err, StatusTransactionIDUnknown, nil)
	})
	other1 := func(c *card, key *ecdsa.PrivateKey) []byte {
		nm := rsp.AppendNotificationMetadata(nil, rsp.NotificationMetadata{SeqNumber: 5, ProfileManagementOperation: rsp.NotificationEnable, NotificationAddress: []byte(c.address)})
		sig := sign(t, key, nm)
		v, _ := rsp.ParseNotificationMetadata(nm)
		return rsp.AppendHandleNotification(nil, rsp.AppendOtherSignedNotification(nil, rsp.OtherSignedNotification{
			TbsOtherNotification: v, EuiccNotificationSignature: sig[:], EuiccCertificate: c.cert, EumCertificate: c.eum}))
	}
	t.Run("other notification accepted", func(t *testing.T) {
		if _, err := e.srv.HandleNotification(bg, other1(cd, cd.key), nil); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("other notification signed by another key", func(t *testing.T) {
		out, err := e.srv.HandleNotification(bg, other1(cd, other.key), nil)
		wantFail(t, out, err, StatusEuiccVerificationFailed, nil)
	})
	t.Run("other notification from a foreign CI", func(t *testing.T) {
		foreign, err := testpki.New(ecdsa.P256, testpki.Options{Seed: []byte("foreign")})
		if err != nil {
			t.Fatal(err)
		}
		c := &card{cert: foreign.EUICC.Cert, eum: foreign.EUM.Cert, address: cd.address}
		out, err := e.srv.HandleNotification(bg, other1(c, foreign.EUICC.Key), nil)
		wantFail(t, out, err, StatusCIPKUnknown, nil)
	})
}

func TestCancelSessionChecks(t *testing.T) {
	e := newEnv(t)
	addProfile(t, e, "MID")
	cd := newCard(t, ecdsa.P256)
	other := newCard(t, ecdsa.P256)
	other.key = e.pkis[ecdsa.BrainpoolP256r1].EUICC.Key
	authed := func(t *testing.T) *flow {
		f := initiate(t, e, cd)
		authenticate(t, e, f, []byte("MID"))
		return f
	}
	cases := []struct {
		name string
		req  func(t *testing.T, f *flow) []byte
		st   rsp.StatusCode
		code rsp.CancelSessionEs9ErrorCode
	}{
		{"malformed", func(t *testing.T, f *flow) []byte { return []byte{0xBF, 0x41, 0x00} }, StatusMalformed, rsp.CancelSessionEs9ErrorUndefinedError},
		{"wrong SM-DP+ OID", func(t *testing.T, f *flow) []byte { return f.cancelRequest(t, f.tid, asn1der.OID("2.999.11"), cd.key) }, StatusSmdpOIDMismatch, rsp.CancelSessionEs9ErrorUndefinedError},
		{"signed by another key", func(t *testing.T, f *flow) []byte { return f.cancelRequest(t, f.tid, e.srv.OID(), other.key) }, StatusEuiccVerificationFailed, rsp.CancelSessionEs9ErrorEuiccSignatureInvalid},
		{"signed transactionId differs", func(t *testing.T, f *flow) []byte {
			return f.cancelRequest(t, bytes.Repeat([]byte{9}, 16), e.srv.OID(), cd.key)
		}, StatusTransactionIDUnknown, rsp.CancelSessionEs9ErrorInvalidTransactionId},
		{"unknown transactionId", func(t *testing.T, f *flow) []byte {
			f2 := *f
			f2.tid = bytes.Repeat([]byte{9}, 16)
			return f2.cancelRequest(t, f2.tid, e.srv.OID(), cd.key)
		}, StatusTransactionIDUnknown, rsp.CancelSessionEs9ErrorInvalidTransactionId},
		{"eUICC error alternative", func(t *testing.T, f *flow) []byte {
			x := rsp.CancelSessionRequestEs9{TransactionID: f.tid, CancelSessionResponse: rsp.CancelSessionResponse{Error: rsp.CancelSessionErrorInvalidTransactionId}}
			return rsp.AppendCancelSessionRequestEs9(nil, &x)
		}, StatusEuiccError, rsp.CancelSessionEs9ErrorUndefinedError},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := authed(t)
			out, err := e.srv.CancelSession(bg, tc.req(t, f), nil)
			wantFail(t, out, err, tc.st, tc.code)
			if e.store.Get(bg, f.tid, new(Session)) != nil {
				t.Fatal("a refused cancellation ended the session")
			}
		})
	}
	t.Run("before AuthenticateClient", func(t *testing.T) {
		f := initiate(t, e, cd)
		out, err := e.srv.CancelSession(bg, f.cancelRequest(t, f.tid, e.srv.OID(), cd.key), nil)
		wantFail(t, out, err, StatusTransactionIDUnknown, rsp.CancelSessionEs9ErrorInvalidTransactionId)
	})
}

// TestFailedStepKeepsSession: after refused attempts the genuine messages
// still complete the download (a failure records nothing).
func TestFailedStepKeepsSession(t *testing.T) {
	e := newEnv(t)
	addProfile(t, e, "MID")
	cd := newCard(t, ecdsa.P256)
	f := initiate(t, e, cd)
	bad := f.authRequest(t, []byte("MID"), func(es *rsp.EuiccSigned1) { es.ServerChallenge = make([]byte, 16) })
	if _, err := e.srv.AuthenticateClient(bg, bad, nil); err == nil {
		t.Fatal("accepted")
	}
	authenticate(t, e, f, []byte("MID"))
	do := bytes.Clone(f.ac.Ok.SmdpSignature2DO)
	do[5] ^= 1
	if _, err := e.srv.GetBoundProfilePackage(bg, rsp.AppendGetBoundProfilePackageRequest(nil, f.tid, cd.pdr(t, f.tid, do, nil)), nil); err == nil {
		t.Fatal("accepted")
	}
	getBPP(t, e, f, nil)
	if h := load(t, f); string(h.profile) != "upp MID" {
		t.Fatal("profile")
	}
}

func rand32(b []byte) (int, error) { return cryptoRandRead(b) }
