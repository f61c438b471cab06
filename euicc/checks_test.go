package euicc

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/rspengine/rspengine/bpp"
	ourecdsa "github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/testpki"
	"github.com/rspengine/rspengine/rsp"
)

// sgp26DPauth returns the SGP.26 CERT.DPauth (NIST) and its key: a server
// whose CI the testpki eUICC does not know (a foreign CI).
func sgp26Server(t *testing.T, kind string) ([]byte, *ourecdsa.PrivateKey) {
	cert := readShared(t, "sgp26/"+kind+"/CERT_S_SM_"+kind+"_ECDSA_NIST.der")
	key, err := ourecdsa.ParsePrivateKeyPEM(readShared(t, "sgp26/"+kind+"/SK_S_SM_"+kind+"_ECDSA_NIST.pem"))
	if err != nil {
		t.Fatal(err)
	}
	return cert, key
}

// p384Server issues with crypto/x509 a certificate of the given RSP role OID
// whose key is on P-384 (a curve no eUICC supports), signed by the testpki
// NIST CI, with the SM-DP+ OID 2.999.10 in its subjectAltName.
func p384Server(t *testing.T, roleOID string) ([]byte, *ecdsa.PrivateKey) {
	p := testpki.Default(ourecdsa.P256)
	ci, err := x509.ParseCertificate(p.CI.Cert)
	if err != nil {
		t.Fatal(err)
	}
	ciKey, err := p.CI.Key.ToStdlib()
	if err != nil {
		t.Fatal(err)
	}
	k, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	role, _ := x509.ParseOID(roleOID)
	san, _ := asn1.Marshal([]asn1.RawValue{{Class: asn1.ClassContextSpecific, Tag: 8, Bytes: []byte{0x88, 0x37, 0x0A}}})
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(384), Subject: pkix.Name{Organization: []string{"RSPENGINE"}, CommonName: "P-384 server"},
		NotBefore: testNow.AddDate(-1, 0, 0), NotAfter: testNow.AddDate(1, 0, 0),
		KeyUsage: x509.KeyUsageDigitalSignature, Policies: []x509.OID{role}, AuthorityKeyId: p.PKID,
		ExtraExtensions: []pkix.Extension{{Id: asn1.ObjectIdentifier{2, 5, 29, 17}, Value: san}},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ci, &k.PublicKey, ciKey)
	if err != nil {
		t.Fatal(err)
	}
	return der, k
}

// TestAuthenticateServerChecks: every check of ES10b.AuthenticateServer fails
// closed with its AuthenticateErrorCode (RSP-FACTS §3.2), echoing the
// transactionId, and creates no session.
func TestAuthenticateServerChecks(t *testing.T) {
	p384, _ := p384Server(t, "2.23.146.1.2.1.4")
	tests := []struct {
		name  string
		setup func(*testing.T, *EUICC, *dp) []byte // returns the request
		want  rsp.AuthenticateErrorCode
	}{
		{"wrong challenge", func(t *testing.T, e *EUICC, d *dp) []byte {
			d.challenge()
			return d.authRequest(bytes.Repeat([]byte{0xEE}, 16), nil)
		}, rsp.AuthenticateErrorEuiccChallengeMismatch},
		{"no challenge", func(t *testing.T, e *EUICC, d *dp) []byte {
			return d.authRequest(make([]byte, 16), nil)
		}, rsp.AuthenticateErrorEuiccChallengeMismatch},
		{"challenge used twice", func(t *testing.T, e *EUICC, d *dp) []byte {
			ch := d.challenge()
			if c := authErr(t, e, d.authRequest(ch, nil)); c != -1 {
				t.Fatalf("first AuthenticateServer: %v", c)
			}
			return d.authRequest(ch, nil)
		}, rsp.AuthenticateErrorEuiccChallengeMismatch},
		{"foreign CI (SGP.26 DPauth)", func(t *testing.T, e *EUICC, d *dp) []byte {
			d.authCert, d.authKey = sgp26Server(t, "DPauth")
			return d.authRequest(d.challenge(), nil)
		}, rsp.AuthenticateErrorInvalidCertificate},
		{"euiccCiPKIdToBeUsed unknown", func(t *testing.T, e *EUICC, d *dp) []byte {
			d.pkid = bytes.Repeat([]byte{0xEE}, 20)
			return d.authRequest(d.challenge(), nil)
		}, rsp.AuthenticateErrorCiPKUnknown},
		{"tampered serverSigned1", func(t *testing.T, e *EUICC, d *dp) []byte {
			return d.authRequest(d.challenge(), func(x *rsp.AuthenticateServerRequest) {
				x.ServerSigned1.ServerChallenge = bytes.Repeat([]byte{0x11}, 16)
			})
		}, rsp.AuthenticateErrorInvalidSignature},
		{"tampered serverSignature1", func(t *testing.T, e *EUICC, d *dp) []byte {
			return d.authRequest(d.challenge(), func(x *rsp.AuthenticateServerRequest) { x.ServerSignature1[5] ^= 1 })
		}, rsp.AuthenticateErrorInvalidSignature},
		{"certificate not matching the signing key", func(t *testing.T, e *EUICC, d *dp) []byte {
			d.authKey = d.pbKey
			return d.authRequest(d.challenge(), nil)
		}, rsp.AuthenticateErrorInvalidSignature},
		{"DPpb certificate as serverCertificate", func(t *testing.T, e *EUICC, d *dp) []byte {
			d.authCert, d.authKey = d.pbCert, d.pbKey
			return d.authRequest(d.challenge(), nil)
		}, rsp.AuthenticateErrorInvalidOid},
		{"expired DPauth", func(t *testing.T, e *EUICC, d *dp) []byte {
			e.cfg.Now = func() time.Time { return testNow.AddDate(60, 0, 0) }
			return d.authRequest(d.challenge(), nil)
		}, rsp.AuthenticateErrorInvalidCertificate},
		{"DPauth not yet valid", func(t *testing.T, e *EUICC, d *dp) []byte {
			e.cfg.Now = func() time.Time { return testpki.DefaultNow.AddDate(-1, 0, 0) }
			return d.authRequest(d.challenge(), nil)
		}, rsp.AuthenticateErrorInvalidCertificate},
		{"wrong curve (P-384 DPauth)", func(t *testing.T, e *EUICC, d *dp) []byte {
			d.authCert = p384
			return d.authRequest(d.challenge(), nil)
		}, rsp.AuthenticateErrorUnsupportedCurve},
		{"truncated certificate", func(t *testing.T, e *EUICC, d *dp) []byte {
			d.authCert = append([]byte{0x30, 0x03}, 0x02, 0x01, 0x00)
			return d.authRequest(d.challenge(), nil)
		}, rsp.AuthenticateErrorInvalidCertificate},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEUICC(t)
			d := newDP(t, e, ourecdsa.P256)
			out := call(t, e, tc.setup(t, e, d))
			r, err := rsp.ParseAuthenticateServerResponse(out)
			if err != nil {
				t.Fatal(err)
			}
			if r.IsOk || r.Error.Code != tc.want {
				t.Fatalf("got ok=%v code %v, want %v", r.IsOk, r.Error.Code, tc.want)
			}
			if !errors.Is(r.Err(), tc.want) {
				t.Errorf("Err() %v does not match %v", r.Err(), tc.want)
			}
			if !bytes.Equal(r.Error.TransactionID, d.tid) {
				t.Errorf("transactionId %x", r.Error.TransactionID)
			}
			if e.sess != nil && e.sess.stage == stageAuthenticated && !bytes.Equal(e.sess.transactionID, d.tid) {
				t.Error("a failed AuthenticateServer created a session")
			}
			d.asr.Ok.EuiccSignature1DO = make([]byte, 67)
			if c := prepareErr(t, e, d.prepareRequest(d.tid, false, nil, nil)); tc.name != "challenge used twice" && c != rsp.DownloadErrorNoSessionContext {
				t.Errorf("PrepareDownload after the failure: %v, want noSessionContext", c)
			}
		})
	}
}

// TestPrepareDownloadChecks: every check of ES10b.PrepareDownload fails
// closed with its DownloadErrorCode.
func TestPrepareDownloadChecks(t *testing.T) {
	other, err := testpki.New(ourecdsa.P256, testpki.Options{SMDPOID: "2.999.11"})
	if err != nil {
		t.Fatal(err)
	}
	p384, p384Key := p384Server(t, "2.23.146.1.2.1.5")
	_ = p384Key
	tests := []struct {
		name string
		auth bool
		req  func(*testing.T, *dp) []byte
		want rsp.DownloadErrorCode
	}{
		{"no session", false, func(t *testing.T, d *dp) []byte {
			d.asr.Ok.EuiccSignature1DO = make([]byte, 67)
			return d.prepareRequest(d.tid, false, nil, nil)
		}, rsp.DownloadErrorNoSessionContext},
		{"wrong transactionId", true, func(t *testing.T, d *dp) []byte {
			return d.prepareRequest([]byte{9, 9, 9}, false, nil, nil)
		}, rsp.DownloadErrorInvalidTransactionId},
		{"tampered smdpSignature2", true, func(t *testing.T, d *dp) []byte {
			return d.prepareRequest(d.tid, false, nil, func(x *rsp.PrepareDownloadRequest) { x.SmdpSignature2[0] ^= 0x80 })
		}, rsp.DownloadErrorInvalidSignature},
		{"tampered smdpSigned2", true, func(t *testing.T, d *dp) []byte {
			return d.prepareRequest(d.tid, false, nil, func(x *rsp.PrepareDownloadRequest) { x.SmdpSigned2.CcRequiredFlag = true; x.HashCc = make([]byte, 32) })
		}, rsp.DownloadErrorInvalidSignature},
		{"signed over another euiccSignature1", true, func(t *testing.T, d *dp) []byte {
			d.asr.Ok.EuiccSignature1DO = append([]byte(nil), d.asr.Ok.EuiccSignature1DO...)
			d.asr.Ok.EuiccSignature1DO[10] ^= 1
			return d.prepareRequest(d.tid, false, nil, nil)
		}, rsp.DownloadErrorInvalidSignature},
		{"DPauth certificate as DPpb", true, func(t *testing.T, d *dp) []byte {
			d.pbCert, d.pbKey = d.authCert, d.authKey
			return d.prepareRequest(d.tid, false, nil, nil)
		}, rsp.DownloadErrorInvalidCertificate},
		{"DPpb of another SM-DP+ (OID mismatch)", true, func(t *testing.T, d *dp) []byte {
			d.pbCert, d.pbKey = other.DPpb.Cert, other.DPpb.Key
			return d.prepareRequest(d.tid, false, nil, nil)
		}, rsp.DownloadErrorInvalidCertificate},
		{"foreign CI (SGP.26 DPpb)", true, func(t *testing.T, d *dp) []byte {
			d.pbCert, d.pbKey = sgp26Server(t, "DPpb")
			return d.prepareRequest(d.tid, false, nil, nil)
		}, rsp.DownloadErrorInvalidCertificate},
		{"wrong curve (P-384 DPpb)", true, func(t *testing.T, d *dp) []byte {
			d.pbCert = p384
			return d.prepareRequest(d.tid, false, nil, nil)
		}, rsp.DownloadErrorUnsupportedCurve},
		{"ccRequiredFlag without hashCc", true, func(t *testing.T, d *dp) []byte {
			return d.prepareRequest(d.tid, true, nil, nil)
		}, rsp.DownloadErrorUndefinedError},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEUICC(t)
			d := newDP(t, e, ourecdsa.P256)
			if tc.auth {
				if r := d.authenticate(); !r.IsOk {
					t.Fatal(r.Err())
				}
			}
			if c := prepareErr(t, e, tc.req(t, d)); c != tc.want {
				t.Fatalf("got %v, want %v", c, tc.want)
			}
			// A BPP cannot follow a failed PrepareDownload.
			if _, err := e.Handle([]byte{0xBF, 0x36, 0x00}, nil); !errors.Is(err, ErrNoDownloadSession) {
				t.Errorf("BF36 after the failure: %v", err)
			}
		})
	}
}

// TestPrepareDownloadRetry: a second PrepareDownload in the same session with
// bppEuiccOtpk naming the key already generated keeps it; without it a new
// otPK.EUICC is generated.
func TestPrepareDownloadRetry(t *testing.T) {
	e := newEUICC(t)
	d := newDP(t, e, ourecdsa.P256)
	d.authenticate()
	first := d.prepare().Ok.EuiccSigned2.EuiccOtpk
	again := d.prepare().Ok.EuiccSigned2.EuiccOtpk
	if bytes.Equal(first, again) {
		t.Error("a new PrepareDownload without bppEuiccOtpk reused otPK.EUICC")
	}
	ss2 := rsp.AppendSmdpSigned2(nil, &rsp.SmdpSigned2{TransactionID: d.tid, BppEuiccOtpk: again})
	v, _ := rsp.ParseSmdpSigned2(ss2)
	sig := sign(t, d.pbKey, ss2, d.asr.Ok.EuiccSignature1DO)
	r, err := rsp.ParsePrepareDownloadResponse(call(t, e, rsp.AppendPrepareDownloadRequest(nil, &rsp.PrepareDownloadRequest{SmdpSigned2: v, SmdpSignature2: sig, SmdpCertificateRaw: d.pbCert})))
	if err != nil || !r.IsOk {
		t.Fatalf("%v %v", err, r.Err())
	}
	if !bytes.Equal(r.Ok.EuiccSigned2.EuiccOtpk, again) {
		t.Error("bppEuiccOtpk of this session's key: otPK.EUICC not kept")
	}
	d.pdr = r
	if res := d.load(d.boundPackage(newProfile(t, 1, nil))); res == nil {
		t.Fatal("no result")
	} else if pir, _ := rsp.ParseProfileInstallationResult(res); !pir.Data.IsSuccess {
		t.Fatalf("install with the kept key: %v", pir.Data.Error.ErrorReason)
	}
}

// loadFailure downloads p and returns the error result, checking its
// signature, that no profile was installed and that the result is pending.
func loadFailure(t *testing.T, e *EUICC, d *dp, b []byte) rsp.ErrorResult {
	t.Helper()
	before := len(e.State().Profiles)
	res := d.load(b)
	pir, err := rsp.ParseProfileInstallationResult(res)
	if err != nil {
		t.Fatal(err)
	}
	if pir.Data.IsSuccess {
		t.Fatal("install succeeded")
	}
	if !verify(t, d.pki.EUICC.Key.Public(), pir.EuiccSignPIR, pir.Data.Raw) {
		t.Error("error result signature does not verify")
	}
	if len(e.State().Profiles) != before {
		t.Error("a failed load installed a profile")
	}
	found := false
	for _, n := range retrieve(t, e, rsp.RetrieveNotificationsListRequest{}) {
		found = found || bytes.Equal(n, res)
	}
	if !found {
		t.Error("the error result is not a pending notification")
	}
	return pir.Data.Error
}

// TestLoadChecks: the eUICC's checks while loading a BPP end in
// ProfileInstallationResult errors with the exact bppCommandId and
// errorReason, and nothing is installed.
func TestLoadChecks(t *testing.T) {
	type tc struct {
		name   string
		opts   []opt
		before func(*testing.T, *EUICC)
		bpp    func(*testing.T, *dp) []byte
		cmd    rsp.BppCommandID
		reason rsp.ErrorReason
	}
	other := newProfile(t, 2, nil)
	tests := []tc{
		{"ICCID of the header differs from the metadata", nil, nil, func(t *testing.T, d *dp) []byte {
			p := newProfile(t, 1, nil)
			p.metadata = other.metadata
			return d.boundPackage(p)
		}, rsp.BppCommandLoadProfileElements, rsp.ErrorReasonInstallFailedDueToDataMismatch},
		{"malformed PE", nil, nil, func(t *testing.T, d *dp) []byte {
			p := newProfile(t, 1, nil)
			p.upp = append([]byte(nil), p.upp...)
			p.upp[80] ^= 0xFF // inside the MF PE
			return d.boundPackage(p)
		}, rsp.BppCommandLoadProfileElements, rsp.ErrorReasonInstallFailedDueToPEProcessingError},
		{"package without End PE", nil, nil, func(t *testing.T, d *dp) []byte {
			p := newProfile(t, 1, nil)
			p.upp = p.upp[:200] // header, MF, USIM: no akaParameter, no end
			return d.boundPackage(p)
		}, rsp.BppCommandLoadProfileElements, rsp.ErrorReasonInstallFailedDueToPEProcessingError},
		{"not a profile package", nil, nil, func(t *testing.T, d *dp) []byte {
			p := newProfile(t, 1, nil)
			p.upp = bytes.Repeat([]byte{0x04, 0x02, 0x00, 0x00}, 10)
			return d.boundPackage(p)
		}, rsp.BppCommandLoadProfileElements, rsp.ErrorReasonInstallFailedDueToPEProcessingError},
		{"ICCID already on the eUICC", nil, func(t *testing.T, e *EUICC) { install(t, e, newProfile(t, 1, nil)) }, func(t *testing.T, d *dp) []byte {
			return d.boundPackage(newProfile(t, 1, nil))
		}, rsp.BppCommandStoreMetadata, rsp.ErrorReasonInstallFailedDueToIccidAlreadyExistsOnEuicc},
		{"Test Profile without testProfileSupport", []opt{func(c *Config) { c.NoTestProfiles = true }}, nil, func(t *testing.T, d *dp) []byte {
			return d.boundPackage(newProfile(t, 1, func(m *rsp.StoreMetadataRequest) { m.ProfileClass, m.HasProfileClass = rsp.ProfileClassTest, true }))
		}, rsp.BppCommandStoreMetadata, rsp.ErrorReasonUnsupportedProfileClass},
		{"unknown profile class", nil, nil, func(t *testing.T, d *dp) []byte {
			return d.boundPackage(newProfile(t, 1, func(m *rsp.StoreMetadataRequest) { m.ProfileClass, m.HasProfileClass = 7, true }))
		}, rsp.BppCommandStoreMetadata, rsp.ErrorReasonUnsupportedProfileClass},
		{"PPR forbidden by the eUICC", []opt{func(c *Config) { c.ForbiddenPPRs = rsp.Ppr2 }}, nil, func(t *testing.T, d *dp) []byte {
			return d.boundPackage(newProfile(t, 1, func(m *rsp.StoreMetadataRequest) {
				m.ProfilePolicyRules, m.HasProfilePolicyRules = namedBits(uint64(rsp.Ppr2)), true
			}))
		}, rsp.BppCommandStoreMetadata, rsp.ErrorReasonPprNotAllowed},
		{"PPR on a Test Profile", nil, nil, func(t *testing.T, d *dp) []byte {
			return d.boundPackage(newProfile(t, 1, func(m *rsp.StoreMetadataRequest) {
				m.ProfileClass, m.HasProfileClass = rsp.ProfileClassTest, true
				m.ProfilePolicyRules, m.HasProfilePolicyRules = namedBits(uint64(rsp.Ppr1)), true
			}))
		}, rsp.BppCommandStoreMetadata, rsp.ErrorReasonPprNotAllowed},
		{"no room for another profile", []opt{func(c *Config) { c.MaxProfiles = 1 }}, func(t *testing.T, e *EUICC) { install(t, e, newProfile(t, 3, nil)) }, func(t *testing.T, d *dp) []byte {
			return d.boundPackage(newProfile(t, 1, nil))
		}, rsp.BppCommandStoreMetadata, rsp.ErrorReasonInstallFailedDueToInsufficientMemoryForProfile},
		{"profile larger than the memory", []opt{func(c *Config) { c.MemorySize = 100 }}, nil, func(t *testing.T, d *dp) []byte {
			return d.boundPackage(newProfile(t, 1, nil))
		}, rsp.BppCommandLoadProfileElements, rsp.ErrorReasonInstallFailedDueToInsufficientMemoryForProfile},
		{"BPP for another transaction", nil, nil, func(t *testing.T, d *dp) []byte {
			d.tid = []byte{7, 7, 7, 7}
			return d.boundPackage(newProfile(t, 1, nil))
		}, rsp.BppCommandInitialiseSecureChannel, rsp.ErrorReasonInvalidTransactionId},
		{"BPP signed by another DPpb", nil, nil, func(t *testing.T, d *dp) []byte {
			d.pbKey = d.authKey
			return d.boundPackage(newProfile(t, 1, nil))
		}, rsp.BppCommandInitialiseSecureChannel, rsp.ErrorReasonInvalidSignature},
		{"BPP bound to another otPK.EUICC", nil, nil, func(t *testing.T, d *dp) []byte {
			k, _ := ourecdsa.GenerateKey(ourecdsa.P256, rand.Reader)
			pub := k.Public().Bytes()
			d.pdr.Ok.EuiccSigned2.EuiccOtpk = pub[:]
			return d.boundPackage(newProfile(t, 1, nil))
		}, rsp.BppCommandInitialiseSecureChannel, rsp.ErrorReasonInvalidSignature},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEUICC(t, tc.opts...)
			if tc.before != nil {
				tc.before(t, e)
			}
			d := newDP(t, e, ourecdsa.P256)
			d.authenticate()
			if r := d.prepare(); !r.IsOk {
				t.Fatal(r.Err())
			}
			got := loadFailure(t, e, d, tc.bpp(t, d))
			if got.BppCommandID != tc.cmd || got.ErrorReason != tc.reason {
				t.Fatalf("got %v/%v, want %v/%v", got.BppCommandID, got.ErrorReason, tc.cmd, tc.reason)
			}
		})
	}
}

// TestLoadTamperedSegment: a flipped bit in an 86 segment is
// scp03tSecurityError(8) at loadProfileElements; later segments get the same
// result only once (the load is over: further segments are refused).
func TestLoadTamperedSegment(t *testing.T) {
	e := newEUICC(t)
	d := newDP(t, e, ourecdsa.P256)
	d.authenticate()
	d.prepare()
	b := d.boundPackage(newProfile(t, 1, nil))
	segs, _ := bpp.Segments(b)
	var res []byte
	for s := range segs {
		data := s.Data
		if s.Kind == bpp.Segment86 && s.Index == 0 {
			data = append([]byte(nil), data...)
			data[20] ^= 1
		}
		out, err := e.Handle(data, nil)
		if res != nil {
			if !errors.Is(err, ErrNoDownloadSession) {
				t.Errorf("segment after the result: %v", err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(out) > 0 {
			res = out
		}
	}
	pir, err := rsp.ParseProfileInstallationResult(res)
	if err != nil || pir.Data.IsSuccess || pir.Data.Error.BppCommandID != rsp.BppCommandLoadProfileElements || pir.Data.Error.ErrorReason != rsp.ErrorReasonScp03tSecurityError {
		t.Fatalf("%v %+v", err, pir.Data.Error)
	}
}

// TestLoadInterrupted: another ES10 command during a load interrupts it with
// installFailedDueToInterruption(11), kept as a pending notification; the LPA
// can then cancel the session with loadBppExecutionError.
func TestLoadInterrupted(t *testing.T) {
	e := newEUICC(t)
	d := newDP(t, e, ourecdsa.P256)
	d.authenticate()
	d.prepare()
	segs, _ := bpp.Segments(d.boundPackage(newProfile(t, 1, nil)))
	n := 0
	for s := range segs {
		if n == 3 {
			break
		}
		call(t, e, s.Data)
		n++
	}
	if infos := profilesInfo(t, e, rsp.ProfileInfoListRequest{}); len(infos) != 0 {
		t.Fatalf("profiles %v", infos)
	}
	list := retrieve(t, e, rsp.RetrieveNotificationsListRequest{})
	if len(list) != 1 {
		t.Fatalf("%d notifications", len(list))
	}
	pir, err := rsp.ParseProfileInstallationResult(list[0])
	if err != nil || pir.Data.IsSuccess || pir.Data.Error.ErrorReason != rsp.ErrorReasonInstallFailedDueToInterruption {
		t.Fatalf("%v %+v", err, pir.Data.Error)
	}
	if !verify(t, d.pki.EUICC.Key.Public(), pir.EuiccSignPIR, pir.Data.Raw) {
		t.Error("signature")
	}
	out := call(t, e, rsp.AppendCancelSessionRequest(nil, d.tid, rsp.CancelSessionReasonLoadBppExecutionError))
	cs, err := rsp.ParseCancelSessionResponse(out)
	if err != nil || !cs.IsOk || cs.EuiccCancelSessionSigned.Reason != rsp.CancelSessionReasonLoadBppExecutionError {
		t.Fatalf("CancelSession after the failed load: %v %+v", err, cs)
	}
}

// TestCancelSession: the signed EuiccCancelSessionSigned carries the
// transactionId, the SM-DP+ OID of CERT.DPauth and the reason; a wrong or
// absent session is invalidTransactionId(5); the session ends.
func TestCancelSession(t *testing.T) {
	e := newEUICC(t)
	d := newDP(t, e, ourecdsa.BrainpoolP256r1)
	cancel := func(tid []byte) rsp.CancelSessionResponse {
		r, err := rsp.ParseCancelSessionResponse(call(t, e, rsp.AppendCancelSessionRequest(nil, tid, rsp.CancelSessionReasonPostponed)))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if r := cancel(d.tid); r.IsOk || r.Error != rsp.CancelSessionErrorInvalidTransactionId {
		t.Fatalf("no session: %+v", r)
	}
	d.authenticate()
	d.prepare()
	if r := cancel([]byte{1}); r.IsOk || r.Error != rsp.CancelSessionErrorInvalidTransactionId {
		t.Fatalf("wrong transactionId: %+v", r)
	}
	r := cancel(d.tid)
	if !r.IsOk {
		t.Fatalf("%+v", r)
	}
	s := r.EuiccCancelSessionSigned
	if !bytes.Equal(s.TransactionID, d.tid) || s.Reason != rsp.CancelSessionReasonPostponed || !bytes.Equal(s.SmdpOid, d.pki.DPauth.Parsed.Extensions.RegisteredID) {
		t.Errorf("signed %+v", s)
	}
	if !verify(t, d.pki.EUICC.Key.Public(), r.EuiccCancelSessionSignature, s.Raw) {
		t.Error("euiccCancelSessionSignature does not verify")
	}
	if _, err := e.Handle([]byte{0xBF, 0x36, 0x00}, nil); !errors.Is(err, ErrNoDownloadSession) {
		t.Errorf("BPP after CancelSession: %v", err)
	}
	if r := cancel(d.tid); r.IsOk {
		t.Error("second CancelSession accepted")
	}
}
