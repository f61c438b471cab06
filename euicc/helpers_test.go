package euicc

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/bpp"
	"github.com/rspengine/rspengine/ecasd"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/testpki"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/saip"
)

// sharedDir is the shared test data relative to this package (depth 1).
const sharedDir = "../../shared/testdata"

func readShared(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedDir, rel))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("shared test data %s absent (fresh clone without ../shared): skipping", rel)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var curves = []ecdsa.Curve{ecdsa.P256, ecdsa.BrainpoolP256r1}

// testNow is inside the validity of every testpki certificate.
var testNow = testpki.DefaultNow.AddDate(1, 0, 0)

// newECASD personalises an ECASD with the testpki key sets of the curves.
func newECASD(t testing.TB, cs ...ecdsa.Curve) *ecasd.ECASD {
	t.Helper()
	var cfg ecasd.Config
	for _, c := range cs {
		p := testpki.Default(c)
		cfg.KeySets = append(cfg.KeySets, ecasd.KeySet{Key: p.EUICC.Key, EUICCCertificate: p.EUICC.Cert, EUMCertificate: p.EUM.Cert})
		cfg.CIs = append(cfg.CIs, p.CI.Cert)
	}
	e := ecasd.New()
	if err := e.Personalise(cfg); err != nil {
		t.Fatal(err)
	}
	return e
}

type opt func(*Config)

// newEUICC is an eUICC with both curves' key sets, a memory store and a clock
// at testNow.
func newEUICC(t testing.TB, opts ...opt) *EUICC {
	t.Helper()
	cfg := Config{ECASD: newECASD(t, curves...), Now: func() time.Time { return testNow }}
	for _, o := range opts {
		o(&cfg)
	}
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func call(t testing.TB, e *EUICC, req []byte) []byte {
	t.Helper()
	out, err := e.Handle(req, nil)
	if err != nil {
		t.Fatalf("Handle(%x...): %v", req[:min(len(req), 4)], err)
	}
	return out
}

func sign(t testing.TB, sk *ecdsa.PrivateKey, parts ...[]byte) []byte {
	t.Helper()
	d := sha256.Sum256(bytes.Join(parts, nil))
	sig, err := ecdsa.Sign(rand.Reader, sk, d[:])
	if err != nil {
		t.Fatal(err)
	}
	return sig[:]
}

func verify(t testing.TB, pk *ecdsa.PublicKey, sig []byte, parts ...[]byte) bool {
	t.Helper()
	d := sha256.Sum256(bytes.Join(parts, nil))
	return ecdsa.Verify(pk, d[:], sig)
}

// dp plays the SM-DP+ (and the LPA relaying it) with rsp builders, ecdsa.Sign
// and bpp.AppendBuild, over a testpki PKI.
type dp struct {
	t       testing.TB
	e       *EUICC
	pki     *testpki.PKI
	tid     []byte
	srvChal []byte
	address string

	authCert []byte // CERT.DPauth sent
	authKey  *ecdsa.PrivateKey
	pbCert   []byte
	pbKey    *ecdsa.PrivateKey
	pkid     []byte // euiccCiPKIdToBeUsed

	asr  rsp.AuthenticateServerResponse
	sig2 []byte // smdpSignature2 DO
	pdr  rsp.PrepareDownloadResponse
}

func newDP(t testing.TB, e *EUICC, c ecdsa.Curve) *dp {
	p := testpki.Default(c)
	d := &dp{t: t, e: e, pki: p, tid: []byte{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08}, srvChal: bytes.Repeat([]byte{0x5C}, 16), address: p.SMDPAddress,
		authCert: p.DPauth.Cert, authKey: p.DPauth.Key, pbCert: p.DPpb.Cert, pbKey: p.DPpb.Key, pkid: p.PKID}
	return d
}

func (d *dp) challenge() []byte {
	out := call(d.t, d.e, rsp.AppendEmptyRequest(nil, rsp.TagGetEuiccChallenge))
	r, err := rsp.ParseGetEuiccChallengeResponse(out)
	if err != nil {
		d.t.Fatal(err)
	}
	return r.EuiccChallenge
}

func ctxParams(matchingID string) rsp.CtxParams1 {
	c := rsp.CtxParams1{MatchingID: []byte(matchingID), HasMatchingID: true}
	c.DeviceInfo = rsp.DeviceInfo{TAC: []byte{0x35, 0x29, 0x06, 0x11}, DeviceCapabilitiesRaw: []byte{0xA1, 0x00}}
	return c
}

// authRequest builds AuthenticateServerRequest for euiccChallenge;
// mutate, if set, may change the signed data after signing.
func (d *dp) authRequest(euiccChallenge []byte, mutate func(*rsp.AuthenticateServerRequest)) []byte {
	ss1 := rsp.AppendServerSigned1(nil, d.tid, euiccChallenge, []byte(d.address), d.srvChal)
	v, err := rsp.ParseServerSigned1(ss1)
	if err != nil {
		d.t.Fatal(err)
	}
	x := rsp.AuthenticateServerRequest{ServerSigned1: v, ServerSignature1: sign(d.t, d.authKey, ss1), EuiccCiPKIdToBeUsed: d.pkid, ServerCertificate: d.authCert, CtxParams1: ctxParams("MATCHING-ID-1")}
	if mutate != nil {
		mutate(&x)
	}
	return rsp.AppendAuthenticateServerRequest(nil, &x)
}

// authenticate runs GetEuiccChallenge + AuthenticateServer and returns the
// response (parsed).
func (d *dp) authenticate() rsp.AuthenticateServerResponse {
	out := call(d.t, d.e, d.authRequest(d.challenge(), nil))
	r, err := rsp.ParseAuthenticateServerResponse(out)
	if err != nil {
		d.t.Fatal(err)
	}
	d.asr = r
	return r
}

func (d *dp) prepareRequest(tid []byte, cc bool, hashCc []byte, mutate func(*rsp.PrepareDownloadRequest)) []byte {
	ss2 := rsp.AppendSmdpSigned2(nil, &rsp.SmdpSigned2{TransactionID: tid, CcRequiredFlag: cc})
	v, err := rsp.ParseSmdpSigned2(ss2)
	if err != nil {
		d.t.Fatal(err)
	}
	sig := sign(d.t, d.pbKey, ss2, d.asr.Ok.EuiccSignature1DO)
	d.sig2 = asn1der.AppendTLV(nil, rsp.TagSignature, sig)
	x := rsp.PrepareDownloadRequest{SmdpSigned2: v, SmdpSignature2: sig, HashCc: hashCc, SmdpCertificateRaw: d.pbCert}
	if mutate != nil {
		mutate(&x)
	}
	return rsp.AppendPrepareDownloadRequest(nil, &x)
}

func (d *dp) prepare() rsp.PrepareDownloadResponse {
	out := call(d.t, d.e, d.prepareRequest(d.tid, false, nil, nil))
	r, err := rsp.ParsePrepareDownloadResponse(out)
	if err != nil {
		d.t.Fatal(err)
	}
	d.pdr = r
	return r
}

// profile is a UPP and its metadata.
type profile struct {
	upp, metadata []byte
	iccid         []byte
}

// newProfile builds the saip default profile with the ICCID 8988200000000000 + n
// (its Luhn digit appended) and metadata for it; md, if set, edits the
// metadata.
func newProfile(t testing.TB, n int, md func(*rsp.StoreMetadataRequest)) profile {
	t.Helper()
	params := saip.DefaultParams()
	digits := []byte("898820000000000000")
	digits[16], digits[17] = byte('0'+n/10%10), byte('0'+n%10)
	params.ICCID = string(digits)
	upp, err := saip.BuildDefaultProfile(nil, &params)
	if err != nil {
		t.Fatal(err)
	}
	iccid, err := saip.ICCIDFromDigits(string(digits))
	if err != nil {
		t.Fatal(err)
	}
	x := rsp.StoreMetadataRequest{ICCID: iccid[:], ServiceProviderName: []byte("rspengine"), ProfileName: []byte("test profile")}
	if md != nil {
		md(&x)
	}
	return profile{upp: upp, metadata: rsp.AppendStoreMetadataRequest(nil, &x), iccid: iccid[:]}
}

// boundPackage binds p for the prepared session.
func (d *dp) boundPackage(p profile) []byte {
	eid, _ := d.e.ecasd.EID()
	b, err := bpp.AppendBuild(nil, &bpp.BuildInput{UPP: p.upp, StoreMetadata: p.metadata, TransactionID: d.tid, HostID: []byte("rspengine-host"), EID: eid[:], EuiccOtpk: d.pdr.Ok.EuiccSigned2.EuiccOtpk, DPpb: d.pbKey})
	if err != nil {
		d.t.Fatal(err)
	}
	return b
}

// load sends the BPP segment by segment as an LPA does and returns the first
// non-empty answer (the BF37: on an error the eUICC answers at once and the
// LPA stops sending).
func (d *dp) load(b []byte) []byte {
	segs, err := bpp.Segments(b)
	if err != nil {
		d.t.Fatal(err)
	}
	for s := range segs {
		if out := call(d.t, d.e, s.Data); len(out) > 0 {
			return out
		}
	}
	return nil
}

// download runs a whole download of p and returns the parsed result.
func (d *dp) download(p profile) rsp.ProfileInstallationResult {
	d.t.Helper()
	if r := d.authenticate(); !r.IsOk {
		d.t.Fatalf("AuthenticateServer: %v", r.Err())
	}
	if r := d.prepare(); !r.IsOk {
		d.t.Fatalf("PrepareDownload: %v", r.Err())
	}
	out := d.load(d.boundPackage(p))
	r, err := rsp.ParseProfileInstallationResult(out)
	if err != nil {
		d.t.Fatal(err)
	}
	return r
}

// install downloads p and requires success.
func install(t testing.TB, e *EUICC, p profile) rsp.ProfileInstallationResult {
	t.Helper()
	r := newDP(t, e, ecdsa.P256).download(p)
	if !r.Data.IsSuccess {
		t.Fatalf("install: %v/%v", r.Data.Error.BppCommandID, r.Data.Error.ErrorReason)
	}
	return r
}

func notifConfig(items ...rsp.NotificationConfigurationInformation) rsp.SegmentList {
	b := rsp.AppendNotificationConfigurationInfo(nil, items...)
	tlv, _ := asn1der.Parse(b)
	return rsp.SegmentList{Raw: b, Contents: tlv.Value, Elem: 0x30, Count: len(items)}
}
