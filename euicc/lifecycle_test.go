package euicc

import (
	"bytes"
	"errors"
	"path/filepath"
	"sync"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/testpki"
	"github.com/rspengine/rspengine/rsp"
)

func result(t testing.TB, e *EUICC, req []byte, tag asn1der.Tag) int64 {
	t.Helper()
	r, err := rsp.ParseResultResponse(call(t, e, req), tag)
	if err != nil {
		t.Fatal(err)
	}
	return r.Result
}

func enable(t testing.TB, e *EUICC, iccid []byte) rsp.EnableProfileResult {
	return rsp.EnableProfileResult(result(t, e, rsp.AppendEnableProfileRequest(nil, rsp.ProfileIDRequest{ICCID: iccid, RefreshFlag: true}), rsp.TagEnableProfile))
}

func enableAID(t testing.TB, e *EUICC, aid []byte) rsp.EnableProfileResult {
	return rsp.EnableProfileResult(result(t, e, rsp.AppendEnableProfileRequest(nil, rsp.ProfileIDRequest{IsdpAid: aid}), rsp.TagEnableProfile))
}

func disable(t testing.TB, e *EUICC, iccid []byte) rsp.DisableProfileResult {
	return rsp.DisableProfileResult(result(t, e, rsp.AppendDisableProfileRequest(nil, rsp.ProfileIDRequest{ICCID: iccid}), rsp.TagDisableProfile))
}

func del(t testing.TB, e *EUICC, iccid []byte) rsp.DeleteProfileResult {
	return rsp.DeleteProfileResult(result(t, e, rsp.AppendDeleteProfileRequest(nil, rsp.DeleteProfileRequest{ICCID: iccid}), rsp.TagDeleteProfile))
}

func memoryReset(t testing.TB, e *EUICC, o rsp.ResetOptions) rsp.EuiccMemoryResetResult {
	t.Helper()
	r, err := rsp.ParseEuiccMemoryResetResponse(call(t, e, rsp.AppendEuiccMemoryResetRequest(nil, rsp.EuiccMemoryResetRequest{Tag: rsp.TagEuiccMemoryReset, ResetOptions: o})))
	if err != nil {
		t.Fatal(err)
	}
	return r.ResetResult
}

func states(t testing.TB, e *EUICC) map[string]rsp.ProfileState {
	m := map[string]rsp.ProfileState{}
	for _, p := range profilesInfo(t, e, rsp.ProfileInfoListRequest{}) {
		m[string(p.ICCID)] = p.ProfileState
	}
	return m
}

func withPPR(ppr rsp.PprIds) func(*rsp.StoreMetadataRequest) {
	return func(m *rsp.StoreMetadataRequest) {
		m.ProfilePolicyRules, m.HasProfilePolicyRules = namedBits(uint64(ppr)), true
	}
}

func withClass(c int64) func(*rsp.StoreMetadataRequest) {
	return func(m *rsp.StoreMetadataRequest) { m.ProfileClass, m.HasProfileClass = c, true }
}

// TestEnableDisableDelete: the lifecycle rules of RSP-FACTS §6.1 with their
// result codes, on profiles named by ICCID and by ISD-P AID.
func TestEnableDisableDelete(t *testing.T) {
	e := newEUICC(t)
	a, b := newProfile(t, 1, nil), newProfile(t, 2, nil)
	aidA := install(t, e, a).Data.Success.AID
	install(t, e, b)
	missing := newProfile(t, 9, nil).iccid

	if r := enable(t, e, missing); r != rsp.EnableProfileIccidOrAidNotFound {
		t.Errorf("enable missing: %v", r)
	}
	if r := disable(t, e, missing); r != rsp.DisableProfileIccidOrAidNotFound {
		t.Errorf("disable missing: %v", r)
	}
	if r := del(t, e, missing); r != rsp.DeleteProfileIccidOrAidNotFound {
		t.Errorf("delete missing: %v", r)
	}
	if r := enableAID(t, e, []byte{0xA0, 0, 0, 5, 0x59}); r != rsp.EnableProfileIccidOrAidNotFound {
		t.Errorf("enable missing AID: %v", r)
	}
	if r := disable(t, e, a.iccid); r != rsp.DisableProfileProfileNotInEnabledState {
		t.Errorf("disable disabled: %v", r)
	}
	if r := enableAID(t, e, aidA); r != rsp.EnableProfileOk {
		t.Fatalf("enable A by AID: %v", r)
	}
	if r := enable(t, e, a.iccid); r != rsp.EnableProfileProfileNotInDisabledState {
		t.Errorf("enable enabled: %v", r)
	}
	if r := del(t, e, a.iccid); r != rsp.DeleteProfileProfileNotInDisabledState {
		t.Errorf("delete enabled: %v", r)
	}
	// Enabling B disables A: at most one enabled profile.
	if r := enable(t, e, b.iccid); r != rsp.EnableProfileOk {
		t.Fatalf("enable B: %v", r)
	}
	s := states(t, e)
	if s[string(a.iccid)] != rsp.ProfileStateDisabled || s[string(b.iccid)] != rsp.ProfileStateEnabled {
		t.Fatalf("states after implicit disable: %v", s)
	}
	if r := disable(t, e, b.iccid); r != rsp.DisableProfileOk {
		t.Errorf("disable B: %v", r)
	}
	if r := del(t, e, a.iccid); r != rsp.DeleteProfileOk {
		t.Errorf("delete A: %v", r)
	}
	if r := del(t, e, a.iccid); r != rsp.DeleteProfileIccidOrAidNotFound {
		t.Errorf("delete A twice: %v", r)
	}
	if s := states(t, e); len(s) != 1 {
		t.Errorf("profiles after delete: %v", s)
	}
}

// TestPPR: PPR1 blocks disabling an Operational Profile and enabling another
// Operational Profile over it (but not a Test or Provisioning Profile); PPR2
// blocks deletion; a memory reset deletes anyway ([MEM], RSP-FACTS §6.1/6.2).
func TestPPR(t *testing.T) {
	e := newEUICC(t)
	locked := newProfile(t, 1, withPPR(rsp.Ppr1|rsp.Ppr2))
	op := newProfile(t, 2, nil)
	test := newProfile(t, 3, withClass(rsp.ProfileClassTest))
	prov := newProfile(t, 4, withClass(rsp.ProfileClassProvisioning))
	for _, p := range []profile{locked, op, test, prov} {
		install(t, e, p)
	}
	if r := del(t, e, locked.iccid); r != rsp.DeleteProfileDisallowedByPolicy {
		t.Errorf("delete PPR2 profile: %v", r)
	}
	if r := enable(t, e, locked.iccid); r != rsp.EnableProfileOk {
		t.Fatal(r)
	}
	if r := disable(t, e, locked.iccid); r != rsp.DisableProfileDisallowedByPolicy {
		t.Errorf("disable PPR1 profile: %v", r)
	}
	if r := enable(t, e, op.iccid); r != rsp.EnableProfileDisallowedByPolicy {
		t.Errorf("enable over PPR1: %v", r)
	}
	if s := states(t, e); s[string(locked.iccid)] != rsp.ProfileStateEnabled || s[string(op.iccid)] != rsp.ProfileStateDisabled {
		t.Errorf("a refused enable changed states: %v", s)
	}
	if r := enable(t, e, prov.iccid); r != rsp.EnableProfileOk {
		t.Errorf("enable a Provisioning Profile over PPR1: %v", r)
	}
	if r := enable(t, e, test.iccid); r != rsp.EnableProfileOk {
		t.Errorf("enable a Test Profile: %v", r)
	}
	if r := del(t, e, locked.iccid); r != rsp.DeleteProfileDisallowedByPolicy {
		t.Errorf("delete disabled PPR2 profile: %v", r)
	}
	// The memory reset deletes operational profiles, PPR2 or not, and the
	// field-loaded Test Profile; the Provisioning Profile stays.
	if r := memoryReset(t, e, rsp.DeleteOperationalProfiles|rsp.DeleteFieldLoadedTestProfiles); r != rsp.EuiccMemoryResetOk {
		t.Fatal(r)
	}
	s := states(t, e)
	if len(s) != 1 || s[string(prov.iccid)] != rsp.ProfileStateDisabled {
		t.Errorf("after reset: %v", s)
	}
	if r := memoryReset(t, e, rsp.DeleteOperationalProfiles); r != rsp.EuiccMemoryResetNothingToDelete {
		t.Errorf("second reset: %v", r)
	}
}

// TestMemoryResetOptions: each SGP.22 option deletes exactly its class.
func TestMemoryResetOptions(t *testing.T) {
	e := newEUICC(t, func(c *Config) { c.DefaultDpAddress = "smdp.example.com" })
	op, test := newProfile(t, 1, nil), newProfile(t, 2, withClass(rsp.ProfileClassTest))
	install(t, e, op)
	install(t, e, test)
	enable(t, e, op.iccid)
	if r := memoryReset(t, e, rsp.DeleteFieldLoadedTestProfiles); r != rsp.EuiccMemoryResetOk {
		t.Fatal(r)
	}
	if s := states(t, e); len(s) != 1 || s[string(op.iccid)] != rsp.ProfileStateEnabled {
		t.Fatalf("after test reset: %v", s)
	}
	addr := func() []byte {
		r, err := rsp.ParseEuiccConfiguredAddressesResponse(call(t, e, rsp.AppendEmptyRequest(nil, rsp.TagEuiccConfiguredAddresses)))
		if err != nil {
			t.Fatal(err)
		}
		return r.DefaultDpAddress
	}
	if string(addr()) != "smdp.example.com" {
		t.Fatal("default address")
	}
	if r := memoryReset(t, e, rsp.ResetDefaultSmdpAddress); r != rsp.EuiccMemoryResetOk || addr() != nil {
		t.Fatalf("address reset: %v %q", r, addr())
	}
	if r := memoryReset(t, e, rsp.DeleteOperationalProfiles); r != rsp.EuiccMemoryResetOk || len(states(t, e)) != 0 {
		t.Fatalf("operational reset (enabled profile): %v", r)
	}
	if r := memoryReset(t, e, 0); r != rsp.EuiccMemoryResetNothingToDelete {
		t.Errorf("empty reset: %v", r)
	}
}

// TestNotifications: install/enable/disable/delete notifications go to the
// addresses of notificationConfigurationInfo, signed, with increasing
// seqNumbers; List/Retrieve filter; RemoveNotificationFromList removes.
func TestNotifications(t *testing.T) {
	e := newEUICC(t)
	p := newProfile(t, 1, func(m *rsp.StoreMetadataRequest) {
		m.NotificationConfigurationInfo = notifConfig(
			rsp.NotificationConfigurationInformation{ProfileManagementOperation: rsp.NotificationEnable | rsp.NotificationDisable, NotificationAddress: []byte("op.example.com")},
			rsp.NotificationConfigurationInformation{ProfileManagementOperation: rsp.NotificationDelete, NotificationAddress: []byte("del.example.com")},
		)
	})
	install(t, e, p)
	enable(t, e, p.iccid)
	disable(t, e, p.iccid)
	del(t, e, p.iccid)
	out := call(t, e, rsp.AppendListNotificationRequest(nil, rsp.ListNotificationRequest{}))
	l, err := rsp.ParseListNotificationResponse(out)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		ev   rsp.NotificationEvent
		addr string
	}
	exp := []want{{rsp.NotificationInstall, testpki.DefaultSMDPAddress}, {rsp.NotificationEnable, "op.example.com"}, {rsp.NotificationDisable, "op.example.com"}, {rsp.NotificationDelete, "del.example.com"}}
	var got []rsp.NotificationMetadata
	for m := range l.NotificationMetadataList().All() {
		got = append(got, m)
	}
	if len(got) != len(exp) {
		t.Fatalf("%d notifications, want %d", len(got), len(exp))
	}
	for i, m := range got {
		if m.SeqNumber != int64(i+1) || m.ProfileManagementOperation != exp[i].ev || string(m.NotificationAddress) != exp[i].addr || !bytes.Equal(m.ICCID, p.iccid) {
			t.Errorf("notification %d: %+v", i, m)
		}
	}
	// Filtered list and retrieval.
	l2, _ := rsp.ParseListNotificationResponse(call(t, e, rsp.AppendListNotificationRequest(nil, rsp.ListNotificationRequest{HasFilter: true, ProfileManagementOperation: rsp.NotificationDelete})))
	if l2.NotificationMetadataList().Len() != 1 {
		t.Errorf("filtered list: %d", l2.NotificationMetadataList().Len())
	}
	bySeq := retrieve(t, e, rsp.RetrieveNotificationsListRequest{Search: rsp.NotificationSearchSeqNumber, SeqNumber: 3})
	if len(bySeq) != 1 {
		t.Fatalf("retrieve seq 3: %d", len(bySeq))
	}
	o, err := rsp.ParseOtherSignedNotification(bySeq[0])
	if err != nil {
		t.Fatal(err)
	}
	pki := testpki.Default(ecdsa.P256)
	if o.TbsOtherNotification.SeqNumber != 3 || !verify(t, pki.EUICC.Key.Public(), o.EuiccNotificationSignature, o.TbsOtherNotification.Raw) || !bytes.Equal(o.EuiccCertificate, pki.EUICC.Cert) {
		t.Error("OtherSignedNotification: wrong seqNumber, signature or certificate")
	}
	if n := retrieve(t, e, rsp.RetrieveNotificationsListRequest{Search: rsp.NotificationSearchProfileManagementOperation, ProfileManagementOperation: rsp.NotificationEnable | rsp.NotificationDisable}); len(n) != 2 {
		t.Errorf("retrieve enable|disable: %d", len(n))
	}
	if n := retrieve(t, e, rsp.RetrieveNotificationsListRequest{Search: rsp.NotificationSearchSeqNumber, SeqNumber: 99}); len(n) != 0 {
		t.Errorf("retrieve unknown seq: %d", len(n))
	}
	notificationSent(t, e, 2)
	if n := retrieve(t, e, rsp.RetrieveNotificationsListRequest{}); len(n) != 3 {
		t.Errorf("after removal: %d", len(n))
	}
	// seqNumbers keep increasing after removals.
	q := newProfile(t, 2, nil)
	if r := install(t, e, q); r.Data.NotificationMetadata.SeqNumber != 5 {
		t.Errorf("next seqNumber %d, want 5", r.Data.NotificationMetadata.SeqNumber)
	}
}

// TestGetProfilesInfo: search criteria and tag lists.
func TestGetProfilesInfo(t *testing.T) {
	e := newEUICC(t)
	a := newProfile(t, 1, func(m *rsp.StoreMetadataRequest) {
		m.ProfileOwnerMccMnc = []byte{0x00, 0xF1, 0x10}
		m.Icon, m.IconType, m.HasIconType = []byte{0x89, 'P', 'N', 'G'}, 1, true
		withPPR(rsp.Ppr2)(m)
	})
	b := newProfile(t, 2, withClass(rsp.ProfileClassTest))
	aid := install(t, e, a).Data.Success.AID
	install(t, e, b)
	if r := rsp.SetNicknameResult(result(t, e, rsp.AppendSetNicknameRequest(nil, rsp.SetNicknameRequest{ICCID: a.iccid, ProfileNickname: []byte("mine")}), rsp.TagSetNickname)); r != rsp.SetNicknameOk {
		t.Fatal(r)
	}
	if r := rsp.SetNicknameResult(result(t, e, rsp.AppendSetNicknameRequest(nil, rsp.SetNicknameRequest{ICCID: newProfile(t, 7, nil).iccid, ProfileNickname: []byte("x")}), rsp.TagSetNickname)); r != rsp.SetNicknameIccidNotFound {
		t.Errorf("nickname of a missing profile: %v", r)
	}
	all := profilesInfo(t, e, rsp.ProfileInfoListRequest{})
	if len(all) != 2 {
		t.Fatalf("%d profiles", len(all))
	}
	p := all[0]
	if string(p.ProfileNickname) != "mine" || !bytes.Equal(p.ProfileOwner.MccMnc, []byte{0x00, 0xF1, 0x10}) || !p.HasIconType || string(p.Icon) != "\x89PNG" ||
		!p.HasProfilePolicyRules || p.ProfilePolicyRules != rsp.Ppr2 || !bytes.Equal(p.IsdpAid, aid) {
		t.Errorf("profile info %+v", p)
	}
	byClass := profilesInfo(t, e, rsp.ProfileInfoListRequest{Search: rsp.ProfileSearchProfileClass, ProfileClass: rsp.ProfileClassTest})
	if len(byClass) != 1 || !bytes.Equal(byClass[0].ICCID, b.iccid) {
		t.Errorf("by class: %v", byClass)
	}
	byAID := profilesInfo(t, e, rsp.ProfileInfoListRequest{Search: rsp.ProfileSearchIsdpAid, IsdpAid: aid})
	if len(byAID) != 1 || !bytes.Equal(byAID[0].ICCID, a.iccid) {
		t.Errorf("by AID: %v", byAID)
	}
	byICCID := profilesInfo(t, e, rsp.ProfileInfoListRequest{Search: rsp.ProfileSearchICCID, ICCID: b.iccid, TagList: []byte{0x5A, 0x9F, 0x70}})
	if len(byICCID) != 1 || !bytes.Equal(byICCID[0].ICCID, b.iccid) || !byICCID[0].HasProfileState || byICCID[0].ProfileName != nil || byICCID[0].IsdpAid != nil || byICCID[0].HasProfileClass {
		t.Errorf("tag list 5A 9F70: %+v", byICCID)
	}
	if got := profilesInfo(t, e, rsp.ProfileInfoListRequest{Search: rsp.ProfileSearchICCID, ICCID: newProfile(t, 8, nil).iccid}); len(got) != 0 {
		t.Errorf("missing ICCID: %v", got)
	}
	r, err := rsp.ParseProfileInfoListResponse(call(t, e, rsp.AppendProfileInfoListRequest(nil, rsp.ProfileInfoListRequest{TagList: []byte{0x9F}})))
	if err != nil || !r.IsError || r.Error != rsp.ProfileInfoListErrorIncorrectInputValues {
		t.Errorf("broken tag list: %v %+v", err, r)
	}
}

// TestInfo: EUICCInfo1/2 carry the ECASD's CI lists, GetEuiccData the EID.
func TestInfo(t *testing.T) {
	e := newEUICC(t, func(c *Config) { c.ForbiddenPPRs = rsp.Ppr1 })
	i1, err := rsp.ParseEUICCInfo1(call(t, e, rsp.AppendEmptyRequest(nil, rsp.TagEUICCInfo1)))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range curves {
		pkid := testpki.Default(c).PKID
		if !i1.CiPKIdListForSigning.Contains(pkid) || !i1.CiPKIdListForVerification.Contains(pkid) {
			t.Errorf("EUICCInfo1 lacks the %v PKID", c)
		}
	}
	i2, err := rsp.ParseEUICCInfo2(call(t, e, rsp.AppendEmptyRequest(nil, rsp.TagEUICCInfo2)))
	if err != nil {
		t.Fatal(err)
	}
	if i2.CiPKIdListForSigning.Count != 2 || !i2.RspCapability.Has(rsp.RspCapAdditionalProfile) || !i2.RspCapability.Has(rsp.RspCapTestProfileSupport) ||
		!i2.HasForbiddenPPRs || rsp.PprIds(i2.ForbiddenPPRs.NamedBitsMask()) != rsp.Ppr1 {
		t.Errorf("EUICCInfo2 %+v", i2)
	}
	d, err := rsp.ParseGetEuiccDataResponse(call(t, e, rsp.AppendGetEuiccDataRequest(nil)))
	if err != nil {
		t.Fatal(err)
	}
	eid, _ := e.ecasd.EIDString()
	if eid != testpki.DefaultEID || len(d.EID) != 16 {
		t.Errorf("EID %x (%s)", d.EID, eid)
	}
	if r := result(t, e, rsp.AppendSetDefaultDpAddressRequest(nil, rsp.SetDefaultDpAddressRequest{Tag: rsp.TagSetDefaultDpAddress, DefaultDpAddress: []byte("dp.example.com")}), rsp.TagSetDefaultDpAddress); r != int64(rsp.SetDefaultDpAddressOk) {
		t.Fatalf("SetDefaultDpAddress: %d", r)
	}
	a, err := rsp.ParseEuiccConfiguredAddressesResponse(call(t, e, rsp.AppendEmptyRequest(nil, rsp.TagEuiccConfiguredAddresses)))
	if err != nil || string(a.DefaultDpAddress) != "dp.example.com" || string(a.RootDsAddress) != "lpa.ds.gsma.com" {
		t.Errorf("EuiccConfiguredAddresses: %v %q %q", err, a.DefaultDpAddress, a.RootDsAddress)
	}
}

// TestAtomicCommit: when the Store fails, an operation changes nothing and
// answers undefinedError.
func TestAtomicCommit(t *testing.T) {
	st := NewMemoryStore()
	e := newEUICC(t, func(c *Config) { c.Store = st })
	a, b := newProfile(t, 1, nil), newProfile(t, 2, nil)
	install(t, e, a)
	enable(t, e, a.iccid)
	before := e.State()
	st.FailCommit = errors.New("disk full")
	if r := enable(t, e, b.iccid); r != rsp.EnableProfileIccidOrAidNotFound {
		t.Fatal(r)
	}
	if r := disable(t, e, a.iccid); r != rsp.DisableProfileUndefinedError {
		t.Errorf("disable with a failing store: %v", r)
	}
	if r := memoryReset(t, e, rsp.DeleteOperationalProfiles); r != rsp.EuiccMemoryResetUndefinedError {
		t.Errorf("reset with a failing store: %v", r)
	}
	// A download whose commit fails installs nothing and stores nothing.
	r := newDP(t, e, ecdsa.P256).download(b)
	if r.Data.IsSuccess || r.Data.Error.ErrorReason != rsp.ErrorReasonInstallFailedDueToUnknownError {
		t.Errorf("download with a failing store: %+v", r.Data.Error)
	}
	after := e.State()
	if len(after.Profiles) != len(before.Profiles) || !after.Profiles[0].Enabled || len(after.Notifications) != len(before.Notifications) || after.LastSeqNumber != before.LastSeqNumber {
		t.Errorf("state changed: %+v", after)
	}
	st.FailCommit = nil
	if r := disable(t, e, a.iccid); r != rsp.DisableProfileOk {
		t.Errorf("disable after recovery: %v", r)
	}
}

// TestFileStore: the state survives a restart through the file store, and a
// corrupted file is refused.
func TestFileStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "euicc.json")
	e := newEUICC(t, func(c *Config) { c.Store = NewFileStore(path) })
	p := newProfile(t, 1, nil)
	install(t, e, p)
	enable(t, e, p.iccid)
	e2 := newEUICC(t, func(c *Config) { c.Store = NewFileStore(path) })
	s := states(t, e2)
	if s[string(p.iccid)] != rsp.ProfileStateEnabled {
		t.Fatalf("after restart: %v", s)
	}
	if n := retrieve(t, e2, rsp.RetrieveNotificationsListRequest{}); len(n) != 1 {
		t.Errorf("notifications after restart: %d", len(n))
	}
	if err := NewFileStore(path).Commit([]byte(`{"profiles":[{"iccid":"AA==","aid":"AA=="}]}`)); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Config{ECASD: newECASD(t, ecdsa.P256), Store: NewFileStore(path)}); !errors.Is(err, ErrState) {
		t.Errorf("corrupted state: %v", err)
	}
}

// TestConcurrent drives one eUICC from several goroutines (run with -race):
// downloads interleave with reads; Handle serialises them.
// TestConcurrent: Handle is safe for concurrent use. Readers run while a
// writer enables and disables profiles (one Handle call each); the state
// keeps its invariants. A download is not interleaved with other commands:
// like a card, the model treats any other command during
// LoadBoundProfilePackage as an interruption (errorReason 11), so the
// profiles are installed first.
func TestConcurrent(t *testing.T) {
	e := newEUICC(t)
	var ps []profile
	for i := range 3 {
		p := newProfile(t, 10+i, nil)
		install(t, e, p)
		ps = append(ps, p)
	}
	reads := [][]byte{
		rsp.AppendEmptyRequest(nil, rsp.TagEUICCInfo2),
		rsp.AppendProfileInfoListRequest(nil, rsp.ProfileInfoListRequest{}),
		rsp.AppendRetrieveNotificationsListRequest(nil, rsp.RetrieveNotificationsListRequest{}),
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				for _, req := range reads {
					if _, err := e.Handle(req, nil); err != nil {
						t.Errorf("Handle(% x): %v", req[:2], err)
						return
					}
				}
			}
		}()
	}
	for round := range 6 {
		p := ps[round%len(ps)]
		if r := enable(t, e, p.iccid); r != rsp.EnableProfileOk {
			t.Fatalf("round %d: enable: %v", round, r)
		}
		if r := disable(t, e, p.iccid); r != rsp.DisableProfileOk {
			t.Fatalf("round %d: disable: %v", round, r)
		}
	}
	wg.Wait()
	st := e.State()
	if n := len(st.Profiles); n != 3 {
		t.Errorf("%d profiles", n)
	}
	for iccid, s := range states(t, e) {
		if s != rsp.ProfileStateDisabled {
			t.Errorf("profile %x left in state %v", iccid, s)
		}
	}
}

// TestTransportErrors: garbage, unknown tags and malformed bodies are
// transport-level errors.
func TestTransportErrors(t *testing.T) {
	e := newEUICC(t)
	for _, c := range []struct {
		req  []byte
		want error
	}{
		{nil, ErrMalformedRequest},
		{[]byte{0xBF}, ErrMalformedRequest},
		{[]byte{0xBF, 0xFF, 0xFF, 0xFF, 0xFF}, ErrMalformedRequest},
		{[]byte{0xBF, 0x7F, 0x00}, ErrUnsupportedFunction},
		{[]byte{0xBF, 0x38, 0x02, 0x30, 0x00}, ErrMalformedRequest},
		{[]byte{0xBF, 0x31, 0x00}, ErrMalformedRequest},
		{[]byte{0xBF, 0x3E, 0x03, 0x5C, 0x01, 0x4F}, ErrMalformedRequest},
		{[]byte{0x86, 0x01, 0x00}, ErrNoDownloadSession},
	} {
		if _, err := e.Handle(c.req, nil); !errors.Is(err, c.want) {
			t.Errorf("%x: %v, want %v", c.req, err, c.want)
		}
	}
	var card Card = e
	if out, err := card.Transmit(rsp.AppendEmptyRequest(nil, rsp.TagGetEuiccChallenge)); err != nil || len(out) != 21 {
		t.Errorf("Transmit: %x %v", out, err)
	}
}
