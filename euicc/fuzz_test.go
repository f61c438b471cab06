package euicc

import (
	"encoding/binary"
	"errors"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/rspengine/rspengine/bpp"
	"github.com/rspengine/rspengine/ecasd"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rsp"
)

// The fuzz targets feed arbitrary bytes to Handle, one ES10 entry point each
// (seeded with well-formed requests of that function), and require: no
// panic; an error only of the transport kinds; otherwise a response that
// decodes as the response of the request's function; and a State that keeps
// its invariants. The seed corpora under testdata/fuzz/ are written by
// TestWriteFuzzSeeds (EUICC_WRITE_SEEDS=1).

// checkAnswer is the oracle of every target.
func checkAnswer(t *testing.T, e *EUICC, req, out []byte, err error) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, ErrMalformedRequest) && !errors.Is(err, ErrUnsupportedFunction) && !errors.Is(err, ErrNoDownloadSession) {
			t.Fatalf("Handle(%x): error %v is not a transport error", req, err)
		}
		if len(out) != 0 {
			t.Fatalf("Handle(%x): answer %x with error %v", req, out, err)
		}
		return
	}
	tag, _ := topTag(req)
	var perr error
	switch tag {
	case rsp.TagGetEuiccChallenge:
		_, perr = rsp.ParseGetEuiccChallengeResponse(out)
	case rsp.TagEUICCInfo1:
		_, perr = rsp.ParseEUICCInfo1(out)
	case rsp.TagEUICCInfo2:
		_, perr = rsp.ParseEUICCInfo2(out)
	case rsp.TagGetEuiccData:
		_, perr = rsp.ParseGetEuiccDataResponse(out)
	case rsp.TagEuiccConfiguredAddresses:
		_, perr = rsp.ParseEuiccConfiguredAddressesResponse(out)
	case rsp.TagSetDefaultDpAddress, rsp.TagEnableProfile, rsp.TagDisableProfile, rsp.TagDeleteProfile, rsp.TagSetNickname:
		_, perr = rsp.ParseResultResponse(out, tag)
	case rsp.TagAuthenticateServer:
		_, perr = rsp.ParseAuthenticateServerResponse(out)
	case rsp.TagPrepareDownload:
		_, perr = rsp.ParsePrepareDownloadResponse(out)
	case rsp.TagCancelSession:
		_, perr = rsp.ParseCancelSessionResponse(out)
	case rsp.TagListNotification:
		_, perr = rsp.ParseListNotificationResponse(out)
	case rsp.TagRetrieveNotificationsList:
		_, perr = rsp.ParseRetrieveNotificationsListResponse(out)
	case rsp.TagNotificationSent:
		_, perr = rsp.ParseNotificationSentResponse(out)
	case rsp.TagProfileInfoList:
		_, perr = rsp.ParseProfileInfoListResponse(out)
	case rsp.TagEuiccMemoryReset:
		_, perr = rsp.ParseEuiccMemoryResetResponse(out)
	case rsp.TagBoundProfilePackage, 0xA0, 0xA1, 0x88, 0xA2, 0xA3, 0x86:
		if len(out) > 0 {
			_, perr = rsp.ParseProfileInstallationResult(out)
		}
	default:
		t.Fatalf("Handle(%x): answer %x for an unknown function", req, out)
	}
	if perr != nil {
		t.Fatalf("Handle(%x): answer %x does not decode: %v", req, out, perr)
	}
	if err := e.state.check(); err != nil {
		t.Fatalf("Handle(%x): state broken: %v", req, err)
	}
}

// fuzzBase is a shared eUICC with three profiles (one enabled, one PPR1|PPR2,
// one Test Profile with notification addresses) and pending notifications;
// the targets restore its State before each input (copy-on-write makes that
// a pointer assignment).
var fuzzBase struct {
	once  sync.Once
	e     *EUICC
	state *State
}

func fuzzEUICC(t testing.TB) *EUICC {
	fuzzBase.once.Do(func() {
		e := newEUICC(t)
		install(t, e, newProfile(t, 1, withPPR(rsp.Ppr1|rsp.Ppr2)))
		install(t, e, newProfile(t, 2, nil))
		install(t, e, newProfile(t, 3, func(m *rsp.StoreMetadataRequest) {
			withClass(rsp.ProfileClassTest)(m)
			m.NotificationConfigurationInfo = notifConfig(rsp.NotificationConfigurationInformation{ProfileManagementOperation: 0xF, NotificationAddress: []byte("n.example.com")})
		}))
		enable(t, e, newProfile(t, 2, nil).iccid)
		fuzzBase.e, fuzzBase.state = e, e.state
	})
	e := fuzzBase.e
	e.mu.Lock()
	e.state = fuzzBase.state
	e.endSession()
	e.mu.Unlock()
	return e
}

func fuzzOne(t *testing.T, e *EUICC, req []byte) {
	out, err := e.Handle(req, nil)
	checkAnswer(t, e, req, out, err)
}

// seedRequests returns well-formed requests of each function (the seeds).
func seedRequests(t testing.TB) map[string][][]byte {
	e := newEUICC(t)
	d := newDP(t, e, ecdsa.P256)
	p := newProfile(t, 2, nil)
	m := map[string][][]byte{}
	m["FuzzInfo"] = [][]byte{
		rsp.AppendEmptyRequest(nil, rsp.TagGetEuiccChallenge), rsp.AppendEmptyRequest(nil, rsp.TagEUICCInfo1),
		rsp.AppendEmptyRequest(nil, rsp.TagEUICCInfo2), rsp.AppendGetEuiccDataRequest(nil),
		rsp.AppendEmptyRequest(nil, rsp.TagEuiccConfiguredAddresses),
		rsp.AppendSetDefaultDpAddressRequest(nil, rsp.SetDefaultDpAddressRequest{Tag: rsp.TagSetDefaultDpAddress, DefaultDpAddress: []byte("dp.example.com")}),
	}
	m["FuzzAuthenticateServer"] = [][]byte{d.authRequest(make([]byte, 16), nil)}
	d.authenticate()
	m["FuzzPrepareDownload"] = [][]byte{d.prepareRequest(d.tid, false, nil, nil), d.prepareRequest(d.tid, true, make([]byte, 32), nil)}
	m["FuzzCancelSession"] = [][]byte{rsp.AppendCancelSessionRequest(nil, d.tid, rsp.CancelSessionReasonEndUserRejection)}
	m["FuzzProfileManagement"] = [][]byte{
		rsp.AppendEnableProfileRequest(nil, rsp.ProfileIDRequest{ICCID: p.iccid, RefreshFlag: true}),
		rsp.AppendDisableProfileRequest(nil, rsp.ProfileIDRequest{IsdpAid: isdpAID(2)}),
		rsp.AppendDeleteProfileRequest(nil, rsp.DeleteProfileRequest{ICCID: p.iccid}),
		rsp.AppendSetNicknameRequest(nil, rsp.SetNicknameRequest{ICCID: p.iccid, ProfileNickname: []byte("nick")}),
		rsp.AppendEuiccMemoryResetRequest(nil, rsp.EuiccMemoryResetRequest{Tag: rsp.TagEuiccMemoryReset, ResetOptions: 7}),
	}
	m["FuzzGetProfilesInfo"] = [][]byte{
		rsp.AppendProfileInfoListRequest(nil, rsp.ProfileInfoListRequest{}),
		rsp.AppendProfileInfoListRequest(nil, rsp.ProfileInfoListRequest{Search: rsp.ProfileSearchICCID, ICCID: p.iccid, TagList: []byte{0x5A, 0x9F, 0x70, 0x92}}),
		rsp.AppendProfileInfoListRequest(nil, rsp.ProfileInfoListRequest{Search: rsp.ProfileSearchProfileClass, ProfileClass: rsp.ProfileClassTest}),
	}
	m["FuzzNotifications"] = [][]byte{
		rsp.AppendListNotificationRequest(nil, rsp.ListNotificationRequest{}),
		rsp.AppendListNotificationRequest(nil, rsp.ListNotificationRequest{HasFilter: true, ProfileManagementOperation: rsp.NotificationInstall}),
		rsp.AppendRetrieveNotificationsListRequest(nil, rsp.RetrieveNotificationsListRequest{Search: rsp.NotificationSearchSeqNumber, SeqNumber: 2}),
		rsp.AppendNotificationSentRequest(nil, rsp.NotificationSentRequest{SeqNumber: 1}),
	}
	var all [][]byte
	for _, v := range m {
		all = append(all, v...)
	}
	m["FuzzHandle"] = all
	m["FuzzLoadBoundProfilePackage"] = [][]byte{loadSeed(t, newProfile(t, 5, nil))}
	return m
}

func addSeeds(f *testing.F, name string) {
	// The committed corpus is used by go test itself; the generated seeds
	// are added as well so that a fresh checkout fuzzes from them too.
	for _, s := range seedRequests(f)[name] {
		f.Add(s)
	}
}

func FuzzHandle(f *testing.F) {
	addSeeds(f, "FuzzHandle")
	f.Fuzz(func(t *testing.T, req []byte) { fuzzOne(t, fuzzEUICC(t), req) })
}

func FuzzInfo(f *testing.F) {
	addSeeds(f, "FuzzInfo")
	f.Fuzz(func(t *testing.T, req []byte) { fuzzOne(t, fuzzEUICC(t), req) })
}

// FuzzAuthenticateServer fuzzes after a GetEuiccChallenge.
func FuzzAuthenticateServer(f *testing.F) {
	addSeeds(f, "FuzzAuthenticateServer")
	f.Fuzz(func(t *testing.T, req []byte) {
		e := fuzzEUICC(t)
		call(t, e, rsp.AppendEmptyRequest(nil, rsp.TagGetEuiccChallenge))
		fuzzOne(t, e, req)
	})
}

// fuzzSession is a shared eUICC with an authenticated session (the seeds'
// transactionId and euiccSignature1) for PrepareDownload and CancelSession.
var fuzzSession struct {
	once sync.Once
	e    *EUICC
	sess session
}

func fuzzSessionEUICC(t testing.TB) *EUICC {
	fuzzSession.once.Do(func() {
		e := newEUICC(t)
		newDP(t, e, ecdsa.P256).authenticate()
		fuzzSession.e, fuzzSession.sess = e, *e.sess
	})
	e := fuzzSession.e
	e.mu.Lock()
	s := fuzzSession.sess
	e.sess = &s
	e.mu.Unlock()
	return e
}

func FuzzPrepareDownload(f *testing.F) {
	addSeeds(f, "FuzzPrepareDownload")
	f.Fuzz(func(t *testing.T, req []byte) { fuzzOne(t, fuzzSessionEUICC(t), req) })
}

func FuzzCancelSession(f *testing.F) {
	addSeeds(f, "FuzzCancelSession")
	f.Fuzz(func(t *testing.T, req []byte) { fuzzOne(t, fuzzSessionEUICC(t), req) })
}

func FuzzProfileManagement(f *testing.F) {
	addSeeds(f, "FuzzProfileManagement")
	f.Fuzz(func(t *testing.T, req []byte) { fuzzOne(t, fuzzEUICC(t), req) })
}

func FuzzGetProfilesInfo(f *testing.F) {
	addSeeds(f, "FuzzGetProfilesInfo")
	f.Fuzz(func(t *testing.T, req []byte) { fuzzOne(t, fuzzEUICC(t), req) })
}

func FuzzNotifications(f *testing.F) {
	addSeeds(f, "FuzzNotifications")
	f.Fuzz(func(t *testing.T, req []byte) { fuzzOne(t, fuzzEUICC(t), req) })
}

// detRand is a deterministic randomness source, so that the eUICC's
// challenge and otSK.EUICC (and hence a BPP bound to it) are the same on
// every run: the load seed then reaches the profile elements.
func detRand() *mrand.ChaCha8 { return mrand.NewChaCha8([32]byte{'e', 'u', 'i', 'c', 'c'}) }

// prepared returns a fresh eUICC (deterministic randomness) after
// AuthenticateServer and PrepareDownload, with the SM-DP+ side.
func prepared(t testing.TB) (*EUICC, *dp) {
	e := newEUICC(t, func(c *Config) { c.Rand = detRand(); c.ECASD = fuzzECASD(t) })
	d := newDP(t, e, ecdsa.P256)
	d.authenticate()
	d.prepare()
	return e, d
}

var fuzzECASDv struct {
	once sync.Once
	v    *ecasd.ECASD
}

// fuzzECASD is one personalised ECASD shared by the fuzz iterations (it is
// read-only once personalised).
func fuzzECASD(t testing.TB) *ecasd.ECASD {
	fuzzECASDv.once.Do(func() { fuzzECASDv.v = newECASD(t, curves...) })
	return fuzzECASDv.v
}

// loadSeed is a whole BPP for a prepared() eUICC, as length-prefixed
// segments (2 bytes big-endian each).
func loadSeed(t testing.TB, p profile) []byte {
	_, d := prepared(t)
	segs, err := bpp.Segments(d.boundPackage(p))
	if err != nil {
		t.Fatal(err)
	}
	var out []byte
	for s := range segs {
		out = binary.BigEndian.AppendUint16(out, uint16(len(s.Data)))
		out = append(out, s.Data...)
	}
	return out
}

// FuzzLoadBoundProfilePackage feeds length-prefixed segments to a prepared
// session; the seed is a valid BPP for it, so mutations reach every step.
func FuzzLoadBoundProfilePackage(f *testing.F) {
	addSeeds(f, "FuzzLoadBoundProfilePackage")
	f.Fuzz(func(t *testing.T, data []byte) {
		e, _ := prepared(t)
		results := 0
		for len(data) >= 2 {
			n := int(binary.BigEndian.Uint16(data))
			data = data[2:]
			seg := data[:min(n, len(data))]
			data = data[len(seg):]
			out, err := e.Handle(seg, nil)
			checkAnswer(t, e, seg, out, err)
			if len(out) > 0 {
				results++
			}
		}
		if results > 1 {
			t.Fatalf("%d installation results for one BPP", results)
		}
		if results == 1 && e.loading {
			t.Fatal("still loading after the result")
		}
	})
}

// TestWriteFuzzSeeds writes the seed corpora (EUICC_WRITE_SEEDS=1).
func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("EUICC_WRITE_SEEDS") == "" {
		t.Skip("set EUICC_WRITE_SEEDS=1 to rewrite testdata/fuzz")
	}
	for name, seeds := range seedRequests(t) {
		dir := filepath.Join("testdata", "fuzz", name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for i, s := range seeds {
			body := "go test fuzz v1\n[]byte(" + strconv.Quote(string(s)) + ")\n"
			if err := os.WriteFile(filepath.Join(dir, "seed"+strconv.Itoa(i)), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestLoadSeedInstalls: the load seed, replayed on a fresh prepared eUICC,
// installs its profile (the deterministic randomness makes the committed seed
// valid on every run, so the fuzzer starts from a complete load).
func TestLoadSeedInstalls(t *testing.T) {
	data := loadSeed(t, newProfile(t, 5, nil))
	e, _ := prepared(t)
	var last []byte
	for len(data) >= 2 {
		n := int(binary.BigEndian.Uint16(data))
		out := call(t, e, data[2:2+n])
		data = data[2+n:]
		if len(out) > 0 {
			last = out
		}
	}
	pir, err := rsp.ParseProfileInstallationResult(last)
	if err != nil || !pir.Data.IsSuccess {
		t.Fatalf("%v %+v", err, pir.Data.Error)
	}
}
