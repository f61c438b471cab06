package smdp

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/bpp"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/ecka"
	"github.com/rspengine/rspengine/internal/testpki"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/rspcert"
)

// sharedDir is the shared test data, relative to this package (depth 1).
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

// fakeClock is an adjustable clock.
type fakeClock struct{ ns atomic.Int64 }

func newClock(t time.Time) *fakeClock        { c := &fakeClock{}; c.ns.Store(t.UnixNano()); return c }
func (c *fakeClock) Now() time.Time          { return time.Unix(0, c.ns.Load()).UTC() }
func (c *fakeClock) Advance(d time.Duration) { c.ns.Add(int64(d)) }

// fixedRandom returns the given transactionId, serverChallenge and otSK.DP.
type fixedRandom struct {
	tid, chal [16]byte
	otsk      []byte
}

func (f *fixedRandom) TransactionID(t *[16]byte) error   { *t = f.tid; return nil }
func (f *fixedRandom) ServerChallenge(c *[16]byte) error { *c = f.chal; return nil }
func (f *fixedRandom) OtSK(c ecdsa.Curve) (*ecdsa.PrivateKey, error) {
	if f.otsk == nil {
		return ecka.GenerateKey(c, rand.Reader)
	}
	return ecdsa.NewPrivateKey(c, f.otsk)
}

// counterRandom gives unique transactionIds from a counter (fast, for the
// concurrency test and the benchmark) and crypto/rand challenges.
type counterRandom struct{ n atomic.Uint64 }

func (r *counterRandom) TransactionID(t *[16]byte) error {
	binary.BigEndian.PutUint64(t[8:], r.n.Add(1))
	copy(t[:8], "rspengin")
	return nil
}
func (r *counterRandom) ServerChallenge(c *[16]byte) error { return CryptoRandom{}.ServerChallenge(c) }
func (r *counterRandom) OtSK(c ecdsa.Curve) (*ecdsa.PrivateKey, error) {
	return ecka.GenerateKey(c, rand.Reader)
}

var curves = []ecdsa.Curve{ecdsa.P256, ecdsa.BrainpoolP256r1}

// env is a Server over the testpki PKIs of both curves with a catalogue.
type env struct {
	srv   *Server
	store *MemoryStore
	cat   *Catalogue
	clock *fakeClock
	pkis  map[ecdsa.Curve]*testpki.PKI
}

type envOpt func(*Config)

func newEnv(t testing.TB, opts ...envOpt) *env {
	t.Helper()
	e := &env{clock: newClock(testpki.DefaultNow.AddDate(1, 0, 0)), cat: NewCatalogue(), pkis: map[ecdsa.Curve]*testpki.PKI{}}
	cis, err := rspcert.NewCIStore()
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Address: testpki.DefaultSMDPAddress, CIs: cis, Profiles: e.cat, Now: e.clock.Now, Random: &counterRandom{}, HostID: []byte("euicc-rsp")}
	for _, c := range curves {
		p := testpki.Default(c)
		e.pkis[c] = p
		if _, err := cis.Add(p.CI.Cert); err != nil {
			t.Fatal(err)
		}
		cfg.Credentials = append(cfg.Credentials, Credential{DPauthCert: p.DPauth.Cert, DPauthKey: p.DPauth.Key, DPpbCert: p.DPpb.Cert, DPpbKey: p.DPpb.Key})
	}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.Sessions == nil {
		e.store = NewMemoryStore(MemoryStoreConfig{Now: e.clock.Now})
		cfg.Sessions = e.store
	}
	e.srv, err = New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func metadata(iccidLast byte, name string) []byte {
	iccid := []byte{0x98, 0x10, 0x32, 0x54, 0x76, 0x98, 0x10, 0x32, 0x54, iccidLast}
	return rsp.AppendStoreMetadataRequest(nil, &rsp.StoreMetadataRequest{ICCID: iccid, ServiceProviderName: []byte("rspengine"), ProfileName: []byte(name)})
}

// card plays the eUICC (and the LPA relaying it) with a testpki chain.
type card struct {
	curve     ecdsa.Curve
	pki       *testpki.PKI
	key       *ecdsa.PrivateKey
	cert, eum []byte
	eid       []byte // 16 bytes
	challenge [16]byte
	address   string
	otsk      *ecdsa.PrivateKey
	// signing / verification PKIDs for EUICCInfo1 (default: its CI)
	signing, verification [][]byte
}

func newCard(t testing.TB, c ecdsa.Curve) *card {
	p := testpki.Default(c)
	eid, _ := hex.DecodeString(p.EID)
	cd := &card{curve: c, pki: p, key: p.EUICC.Key, cert: p.EUICC.Cert, eum: p.EUM.Cert, eid: eid, address: p.SMDPAddress}
	if _, err := rand.Read(cd.challenge[:]); err != nil {
		t.Fatal(err)
	}
	cd.signing = [][]byte{p.PKID}
	cd.verification = [][]byte{p.PKID}
	return cd
}

func (c *card) info1() []byte {
	return rsp.AppendEUICCInfo1(nil, &rsp.EUICCInfo1{
		Svn:                       rsp.Version{2, 2, 0},
		CiPKIdListForVerification: rsp.MakeKeyIDList(nil, c.verification...),
		CiPKIdListForSigning:      rsp.MakeKeyIDList(nil, c.signing...),
	})
}

func (c *card) initiateRequest() []byte {
	info, _ := rsp.ParseEUICCInfo1(c.info1())
	return rsp.AppendInitiateAuthenticationRequest(nil, &rsp.InitiateAuthenticationRequest{
		EuiccChallenge: c.challenge[:], SmdpAddress: []byte(c.address), EuiccInfo1: info,
	})
}

func (c *card) info2() rsp.EUICCInfo2 {
	return rsp.EUICCInfo2{
		ProfileVersion: rsp.Version{2, 3, 1}, Svn: rsp.Version{2, 2, 0}, EuiccFirmwareVer: rsp.Version{1, 0, 0},
		ExtCardResource: []byte{0x81, 0x01, 0x00}, UICCCapability: asn1der.BitString{Bytes: []byte{0x00}},
		RspCapability:             asn1der.BitString{Bytes: []byte{0x00}},
		CiPKIdListForVerification: rsp.MakeKeyIDList(nil, c.verification...),
		CiPKIdListForSigning:      rsp.MakeKeyIDList(nil, c.signing...),
		PpVersion:                 rsp.Version{0, 1, 0}, SasAccreditationNumber: []byte("TEST-SAS"),
	}
}

// euiccSigned1 builds the eUICC's signed data for the server's answer.
func (c *card) euiccSigned1(tid, serverChallenge []byte, matchingID []byte) rsp.EuiccSigned1 {
	es := rsp.EuiccSigned1{TransactionID: tid, ServerAddress: []byte(c.address), ServerChallenge: serverChallenge, EuiccInfo2: c.info2()}
	es.CtxParams1.DeviceInfo = rsp.DeviceInfo{TAC: []byte{0x35, 0x29, 0x06, 0x11}, DeviceCapabilitiesRaw: []byte{0xA1, 0x00}}
	if matchingID != nil {
		es.CtxParams1.MatchingID, es.CtxParams1.HasMatchingID = matchingID, true
	}
	return es
}

func sign(t testing.TB, sk *ecdsa.PrivateKey, parts ...[]byte) [64]byte {
	t.Helper()
	d := sha256.Sum256(bytes.Join(parts, nil))
	sig, err := ecdsa.Sign(rand.Reader, sk, d[:])
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

// asr signs es and wraps it as AuthenticateServerResponse (BF38).
func (c *card) asr(t testing.TB, es *rsp.EuiccSigned1) []byte {
	signed := rsp.AppendEuiccSigned1(nil, es)
	sig := sign(t, c.key, signed)
	return rsp.AppendAuthenticateServerResponseOk(nil, signed, sig[:], c.cert, c.eum)
}

// pdr builds PrepareDownloadResponse over the smdpSignature2 DO, drawing
// otSK.EUICC.
func (c *card) pdr(t testing.TB, tid, smdpSig2DO, hashCc []byte) []byte {
	var err error
	c.otsk, err = ecka.GenerateKey(c.curve, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	otpk := c.otsk.Public().Bytes()
	es2 := rsp.EuiccSigned2{TransactionID: tid, EuiccOtpk: otpk[:], HashCc: hashCc}
	signed := rsp.AppendEuiccSigned2(nil, &es2)
	sig := sign(t, c.key, signed, smdpSig2DO)
	x := rsp.PrepareDownloadResponse{IsOk: true}
	x.Ok.EuiccSigned2 = es2
	x.Ok.EuiccSignature2 = sig[:]
	return rsp.AppendPrepareDownloadResponse(nil, &x)
}

// flow holds the messages of one download as it goes.
type flow struct {
	c      *card
	ia     rsp.InitiateAuthenticationResponse
	iaDER  []byte
	tid    []byte
	ac     rsp.AuthenticateClientResponse
	acDER  []byte
	gbDER  []byte
	bppDER []byte
}

func initiate(t testing.TB, e *env, c *card) *flow {
	t.Helper()
	out, err := e.srv.InitiateAuthentication(context.Background(), c.initiateRequest(), nil)
	if err != nil {
		t.Fatalf("InitiateAuthentication: %v", err)
	}
	ia, err := rsp.ParseInitiateAuthenticationResponse(out)
	if err != nil || !ia.IsOk {
		t.Fatalf("InitiateAuthentication response: %v %x", err, out)
	}
	return &flow{c: c, ia: ia, iaDER: out, tid: ia.Ok.TransactionID}
}

func (f *flow) authRequest(t testing.TB, matchingID []byte, mutate func(*rsp.EuiccSigned1)) []byte {
	es := f.c.euiccSigned1(f.tid, f.ia.Ok.ServerSigned1.ServerChallenge, matchingID)
	if mutate != nil {
		mutate(&es)
	}
	return rsp.AppendAuthenticateClientRequest(nil, f.tid, f.c.asr(t, &es))
}

func authenticate(t testing.TB, e *env, f *flow, matchingID []byte) {
	t.Helper()
	out, err := e.srv.AuthenticateClient(context.Background(), f.authRequest(t, matchingID, nil), nil)
	if err != nil {
		t.Fatalf("AuthenticateClient: %v", err)
	}
	f.acDER = out
	f.ac, err = rsp.ParseAuthenticateClientResponse(out)
	if err != nil || !f.ac.IsOk {
		t.Fatalf("AuthenticateClient response: %v", err)
	}
}

func (f *flow) bppRequest(t testing.TB, hashCc []byte) []byte {
	return rsp.AppendGetBoundProfilePackageRequest(nil, f.tid, f.c.pdr(t, f.tid, f.ac.Ok.SmdpSignature2DO, hashCc))
}

func getBPP(t testing.TB, e *env, f *flow, hashCc []byte) {
	t.Helper()
	out, err := e.srv.GetBoundProfilePackage(context.Background(), f.bppRequest(t, hashCc), nil)
	if err != nil {
		t.Fatalf("GetBoundProfilePackage: %v", err)
	}
	gb, err := rsp.ParseGetBoundProfilePackageResponse(out)
	if err != nil || !gb.IsOk {
		t.Fatalf("GetBoundProfilePackage response: %v", err)
	}
	f.gbDER, f.bppDER = out, gb.BoundProfilePackage.Raw
}

// collector is a bpp.Handler keeping what the eUICC receives.
type collector struct{ metadata, profile []byte }

func (h *collector) ConfigureISDP(*rsp.ConfigureISDPRequest) error { return nil }
func (h *collector) StoreMetadata(r *rsp.StoreMetadataRequest) error {
	h.metadata = append([]byte(nil), r.Raw...)
	return nil
}
func (h *collector) ProfileElements(c []byte) error { h.profile = append(h.profile, c...); return nil }

// load plays ES10b.LoadBoundProfilePackage on the card with otSK.EUICC and
// the DPpb key from the AuthenticateClient response.
func load(t testing.TB, f *flow) *collector {
	t.Helper()
	var dppb rspcert.Certificate
	if err := rspcert.Parse(&dppb, f.ac.Ok.SmdpCertificateRaw); err != nil {
		t.Fatal(err)
	}
	pk, err := ecdsa.NewPublicKey(ecdsa.Curve(dppb.PublicKey.Curve), dppb.PublicKey.Point)
	if err != nil {
		t.Fatal(err)
	}
	h := &collector{}
	l := bpp.NewLoader(&bpp.LoaderConfig{TransactionID: f.tid, EID: f.c.eid, DPpb: pk, EuiccOtSK: f.c.otsk}, h, make([]byte, 0, 4096))
	segs, err := bpp.Segments(f.bppDER)
	if err != nil {
		t.Fatal(err)
	}
	for s := range segs {
		if _, err := l.Feed(s.Data); err != nil {
			t.Fatalf("load segment %v: %v", s.Kind, err)
		}
	}
	if err := l.Finish(); err != nil {
		t.Fatalf("load: %v", err)
	}
	return h
}

// pirNotification builds HandleNotification with a signed
// ProfileInstallationResult for f.
func (f *flow) pirNotification(t testing.TB, smdpOid []byte, key *ecdsa.PrivateKey) []byte {
	nm := rsp.NotificationMetadata{SeqNumber: 1, ProfileManagementOperation: rsp.NotificationInstall, NotificationAddress: []byte(f.c.address)}
	data := bpp.ResultData(f.tid, nm, smdpOid, []byte{0xA0, 0, 0, 5, 0x59, 0x10, 0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0x89, 0, 0, 0x11, 0}, nil, nil)
	d := rsp.AppendProfileInstallationResultData(nil, &data)
	sig := sign(t, key, d)
	return rsp.AppendHandleNotification(nil, rsp.AppendProfileInstallationResultSigned(nil, d, sig[:]))
}

// cancelRequest builds the ES9+ CancelSession request.
func (f *flow) cancelRequest(t testing.TB, tid, smdpOid []byte, key *ecdsa.PrivateKey) []byte {
	signed := rsp.EuiccCancelSessionSigned{TransactionID: tid, SmdpOid: smdpOid, Reason: rsp.CancelSessionReasonEndUserRejection}
	raw := rsp.AppendEuiccCancelSessionSigned(nil, &signed)
	sig := sign(t, key, raw)
	x := rsp.CancelSessionRequestEs9{TransactionID: f.tid}
	x.CancelSessionResponse = rsp.CancelSessionResponse{IsOk: true, EuiccCancelSessionSigned: signed, EuiccCancelSessionSignature: sig[:]}
	return rsp.AppendCancelSessionRequestEs9(nil, &x)
}

var _ = sync.Mutex{}

func cryptoRandRead(b []byte) (int, error) { return rand.Read(b) }
