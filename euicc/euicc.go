package euicc

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/bpp"
	"github.com/rspengine/rspengine/ecasd"
	"github.com/rspengine/rspengine/rsp"
)

// Card is the in-process ES10 transport an LPA drives: one ES10 request DER
// in (a whole STORE DATA payload, already reassembled), its response DER out.
// *EUICC implements it.
type Card interface {
	Transmit(req []byte) ([]byte, error)
}

// Transport-level errors of Handle: the request could not be taken as an ES10
// command at all (on a real card, a status word instead of response data).
// Everything else is answered in the response DER with the spec's code.
var (
	// ErrMalformedRequest: the request is not one well-formed ES10 request
	// of its tag (SW 6A80 on a card).
	ErrMalformedRequest = errors.New("euicc: malformed ES10 request")
	// ErrUnsupportedFunction: the top tag names no ES10 function of this
	// model (SW 6D00 / 6A88 on a card).
	ErrUnsupportedFunction = errors.New("euicc: unsupported ES10 function")
	// ErrNoDownloadSession: a LoadBoundProfilePackage segment arrived with
	// no PrepareDownload before it, or out of a load (SW 6985 on a card).
	ErrNoDownloadSession = errors.New("euicc: no download session for LoadBoundProfilePackage")
	// ErrStore: the Store failed; nothing changed.
	ErrStore = errors.New("euicc: state store failed")
)

// Config configures an EUICC.
type Config struct {
	// ECASD is the personalised root of trust (required).
	ECASD *ecasd.ECASD
	// Store keeps the State; nil means a new MemoryStore.
	Store Store
	// Rand feeds the challenges and the one-time ECKA keys; nil means
	// crypto/rand.Reader.
	Rand io.Reader
	// Now is the clock server certificates are checked against; nil means
	// time.Now.
	Now func() time.Time

	// Svn is the SGP.22 version of EUICCInfo1/2 (default 2.2.2, what the
	// SGP.22 v2 LPAs and SM-DP+s expect); ProfileVersion the SAIP version
	// (default 2.3.1); FirmwareVersion euiccFirmwareVer (default 1.0.0).
	Svn, ProfileVersion, FirmwareVersion rsp.Version
	// RootDsAddress is the root SM-DS of EuiccConfiguredAddresses
	// (default "lpa.ds.gsma.com").
	RootDsAddress string
	// DefaultDpAddress is the default SM-DP+ address of a new state.
	DefaultDpAddress string
	// MaxProfiles bounds the installed profiles (default 8); MemorySize the
	// bytes of profile data (default 2 MiB). Beyond them an install fails with
	// installFailedDueToInsufficientMemoryForProfile(10).
	MaxProfiles int
	MemorySize  int
	// NoTestProfiles clears RspCapability testProfileSupport(3): Test
	// Profiles are then refused with unsupportedProfileClass(6).
	NoTestProfiles bool
	// ForbiddenPPRs is EUICCInfo2.forbiddenProfilePolicyRules: a profile
	// whose metadata sets one of them is refused with pprNotAllowed(15).
	ForbiddenPPRs rsp.PprIds
	// SasAccreditationNumber of EUICCInfo2 (default "RSPENGINE-TEST").
	SasAccreditationNumber string
}

// EUICC is the eUICC model: one ES10 entry point, Handle. It is safe for
// concurrent use (calls are serialised, as a card is).
type EUICC struct {
	mu    sync.Mutex
	cfg   Config
	ecasd *ecasd.ECASD
	store Store
	state *State // committed; never modified in place
	eid   [16]byte

	challenge    [rsp.ChallengeSize]byte
	hasChallenge bool

	sess    *session
	loading bool
	loader  bpp.Loader
	stage   staging
	scratch []byte
}

// New returns an eUICC over cfg, restoring the state cfg.Store holds.
func New(cfg Config) (*EUICC, error) {
	if cfg.ECASD == nil {
		return nil, errors.New("euicc: Config.ECASD is required")
	}
	eid, err := cfg.ECASD.EID()
	if err != nil {
		return nil, fmt.Errorf("euicc: %w", err)
	}
	if cfg.Store == nil {
		cfg.Store = NewMemoryStore()
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Svn == nil {
		cfg.Svn = rsp.Version{2, 2, 2}
	}
	if cfg.ProfileVersion == nil {
		cfg.ProfileVersion = rsp.Version{2, 3, 1}
	}
	if cfg.FirmwareVersion == nil {
		cfg.FirmwareVersion = rsp.Version{1, 0, 0}
	}
	if cfg.RootDsAddress == "" {
		cfg.RootDsAddress = "lpa.ds.gsma.com"
	}
	if cfg.MaxProfiles <= 0 {
		cfg.MaxProfiles = 8
	}
	if cfg.MemorySize <= 0 {
		cfg.MemorySize = 2 << 20
	}
	if cfg.SasAccreditationNumber == "" {
		cfg.SasAccreditationNumber = "RSPENGINE-TEST"
	}
	e := &EUICC{cfg: cfg, ecasd: cfg.ECASD, store: cfg.Store, eid: eid, scratch: make([]byte, 0, 4096)}
	b, err := cfg.Store.Load()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrStore, err)
	}
	if b == nil {
		e.state = &State{DefaultDpAddress: cfg.DefaultDpAddress}
	} else if e.state, err = UnmarshalState(b); err != nil {
		return nil, err
	}
	return e, nil
}

// State returns a copy of the committed state (for tools and tests).
func (e *EUICC) State() State {
	e.mu.Lock()
	defer e.mu.Unlock()
	return *e.state.clone()
}

// Transmit is Handle with a fresh response buffer: the Card interface.
func (e *EUICC) Transmit(req []byte) ([]byte, error) { return e.Handle(req, nil) }

// commit stores ns and makes it the state; on failure nothing changes.
func (e *EUICC) commit(ns *State) error {
	b, err := MarshalState(ns)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrStore, err)
	}
	if err := e.store.Commit(b); err != nil {
		return fmt.Errorf("%w: %v", ErrStore, err)
	}
	e.state = ns
	return nil
}

// Handle processes one ES10 request and appends its response to dst.
// It dispatches on the request's top tag (RSP-FACTS §2.8). A
// LoadBoundProfilePackage arrives as the LPA's segments (RSP-FACTS §4.5),
// one call each: the answer is empty until the last one, which gets the
// ProfileInstallationResult (BF37); any other request during a load
// interrupts it (installFailedDueToInterruption(11), kept as a pending
// notification). The error return is for transport-level failures only
// (ErrMalformedRequest, ErrUnsupportedFunction, ErrNoDownloadSession,
// ErrStore); spec errors are in the response with the spec's code.
func (e *EUICC) Handle(req []byte, dst []byte) ([]byte, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	tag, ok := topTag(req)
	if !ok {
		return dst, ErrMalformedRequest
	}
	if e.loading {
		switch tag {
		case 0xA0, 0xA1, 0x88, 0xA2, 0xA3, 0x86:
			return e.loadSegment(req, dst)
		}
		if err := e.interruptLoad(); err != nil {
			return dst, err
		}
	} else {
		switch tag {
		case 0xA0, 0xA1, 0x88, 0xA2, 0xA3, 0x86:
			return dst, ErrNoDownloadSession
		}
	}
	switch tag {
	case rsp.TagGetEuiccChallenge:
		return e.getEuiccChallenge(req, dst)
	case rsp.TagEUICCInfo1:
		if rsp.ParseEmptyRequest(req, tag) != nil {
			return dst, ErrMalformedRequest
		}
		return e.appendEUICCInfo1(dst), nil
	case rsp.TagEUICCInfo2:
		if rsp.ParseEmptyRequest(req, tag) != nil {
			return dst, ErrMalformedRequest
		}
		info := e.euiccInfo2()
		return rsp.AppendEUICCInfo2(dst, &info), nil
	case rsp.TagGetEuiccData:
		q, err := rsp.ParseGetEuiccDataRequest(req, asn1der.BER)
		if err != nil || len(q.TagList) != 1 || q.TagList[0] != 0x5A {
			return dst, ErrMalformedRequest
		}
		return rsp.AppendGetEuiccDataResponse(dst, e.eid[:]), nil
	case rsp.TagEuiccConfiguredAddresses:
		if rsp.ParseEmptyRequest(req, tag) != nil {
			return dst, ErrMalformedRequest
		}
		x := rsp.EuiccConfiguredAddressesResponse{RootDsAddress: []byte(e.cfg.RootDsAddress)}
		if e.state.DefaultDpAddress != "" {
			x.DefaultDpAddress = []byte(e.state.DefaultDpAddress)
		}
		return rsp.AppendEuiccConfiguredAddressesResponse(dst, &x), nil
	case rsp.TagSetDefaultDpAddress:
		return e.setDefaultDpAddress(req, dst)
	case rsp.TagAuthenticateServer:
		return e.authenticateServer(req, dst)
	case rsp.TagPrepareDownload:
		return e.prepareDownload(req, dst)
	case rsp.TagBoundProfilePackage:
		return e.loadStart(req, dst)
	case rsp.TagCancelSession:
		return e.cancelSession(req, dst)
	case rsp.TagListNotification:
		return e.listNotification(req, dst)
	case rsp.TagRetrieveNotificationsList:
		return e.retrieveNotificationsList(req, dst)
	case rsp.TagNotificationSent:
		return e.notificationSent(req, dst)
	case rsp.TagProfileInfoList:
		return e.getProfilesInfo(req, dst)
	case rsp.TagEnableProfile:
		return e.enableProfile(req, dst)
	case rsp.TagDisableProfile:
		return e.disableProfile(req, dst)
	case rsp.TagDeleteProfile:
		return e.deleteProfile(req, dst)
	case rsp.TagSetNickname:
		return e.setNickname(req, dst)
	case rsp.TagEuiccMemoryReset:
		return e.memoryReset(req, dst)
	}
	return dst, ErrUnsupportedFunction
}

// topTag reads the first tag of req (a LoadBoundProfilePackage segment may be
// a bare header, so the TLV is not parsed here).
func topTag(req []byte) (asn1der.Tag, bool) {
	if len(req) < 2 {
		return 0, false
	}
	t := asn1der.Tag(req[0])
	if req[0]&0x1F != 0x1F {
		return t, true
	}
	for i := 1; i < len(req) && i < 4; i++ {
		t = t<<8 | asn1der.Tag(req[i])
		if req[i]&0x80 == 0 {
			return t, i+1 < len(req)
		}
	}
	return 0, false
}

func (e *EUICC) getEuiccChallenge(req, dst []byte) ([]byte, error) {
	if rsp.ParseEmptyRequest(req, rsp.TagGetEuiccChallenge) != nil {
		return dst, ErrMalformedRequest
	}
	if _, err := io.ReadFull(e.cfg.Rand, e.challenge[:]); err != nil {
		return dst, fmt.Errorf("euicc: randomness: %w", err)
	}
	e.hasChallenge = true
	return rsp.AppendGetEuiccChallengeResponse(dst, e.challenge[:]), nil
}

func (e *EUICC) appendEUICCInfo1(dst []byte) []byte {
	x := rsp.EUICCInfo1{
		Svn:                       e.cfg.Svn,
		CiPKIdListForVerification: rsp.MakeKeyIDList(nil, e.ecasd.CIPKIDsForVerification()...),
		CiPKIdListForSigning:      rsp.MakeKeyIDList(nil, e.ecasd.CIPKIDsForSigning()...),
	}
	return rsp.AppendEUICCInfo1(dst, &x)
}

// euiccInfo2 describes the eUICC (RSP-FACTS §2.1.1). extCardResource follows
// ETSI TS 102 226 ([MEM]): 81 number of installed applications (the ISD-Ps),
// 82 free non-volatile memory, 83 free volatile memory.
func (e *EUICC) euiccInfo2() rsp.EUICCInfo2 {
	used := 0
	for i := range e.state.Profiles {
		used += len(e.state.Profiles[i].Data)
	}
	free := uint32(max(e.cfg.MemorySize-used, 0))
	ext := []byte{0x81, 0x01, byte(len(e.state.Profiles)),
		0x82, 0x04, byte(free >> 24), byte(free >> 16), byte(free >> 8), byte(free),
		0x83, 0x02, 0x10, 0x00}
	var capMask uint64
	if len(e.state.Profiles) < e.cfg.MaxProfiles {
		capMask |= 1 << rsp.RspCapAdditionalProfile
	}
	if !e.cfg.NoTestProfiles {
		capMask |= 1 << rsp.RspCapTestProfileSupport
	}
	x := rsp.EUICCInfo2{
		ProfileVersion:   e.cfg.ProfileVersion,
		Svn:              e.cfg.Svn,
		EuiccFirmwareVer: e.cfg.FirmwareVersion,
		ExtCardResource:  ext,
		// UICCCapability ([MEM] bit names): usimSupport(1), akaMilenage(4).
		UICCCapability:            namedBits(1<<1 | 1<<4),
		RspCapability:             namedBits(capMask),
		CiPKIdListForVerification: rsp.MakeKeyIDList(nil, e.ecasd.CIPKIDsForVerification()...),
		CiPKIdListForSigning:      rsp.MakeKeyIDList(nil, e.ecasd.CIPKIDsForSigning()...),
		PpVersion:                 rsp.Version{0, 1, 0},
		SasAccreditationNumber:    []byte(e.cfg.SasAccreditationNumber),
	}
	if e.cfg.ForbiddenPPRs != 0 {
		x.ForbiddenPPRs, x.HasForbiddenPPRs = namedBits(uint64(e.cfg.ForbiddenPPRs)), true
	}
	return x
}

// namedBits is the DER named-bit BIT STRING of mask (bit i of the mask is
// named bit i; trailing zero bits removed).
func namedBits(mask uint64) asn1der.BitString {
	if mask == 0 {
		return asn1der.BitString{Bytes: []byte{}}
	}
	n := 63
	for mask>>uint(n)&1 == 0 {
		n--
	}
	b := make([]byte, n/8+1)
	for i := 0; i <= n; i++ {
		if mask>>uint(i)&1 == 1 {
			b[i/8] |= 0x80 >> uint(i%8)
		}
	}
	return asn1der.BitString{Bytes: b, Unused: 7 - n%8}
}

func (e *EUICC) setDefaultDpAddress(req, dst []byte) ([]byte, error) {
	q, err := rsp.ParseSetDefaultDpAddressRequestMode(req, asn1der.BER)
	if err != nil {
		return dst, ErrMalformedRequest
	}
	res := rsp.SetDefaultDpAddressOk
	ns := e.state.clone()
	ns.DefaultDpAddress = string(q.DefaultDpAddress)
	if err := e.commit(ns); err != nil {
		res = rsp.SetDefaultDpAddressUndefinedError
	}
	return rsp.AppendResultResponse(dst, rsp.ResultResponse{Tag: rsp.TagSetDefaultDpAddress, Result: int64(res)}), nil
}
