package euicc

import (
	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecasd"
	"github.com/rspengine/rspengine/rsp"
)

// notify adds to ns the notifications of event for profile p: one
// OtherSignedNotification (signed NotificationMetadata, CERT.EUICC,
// CERT.EUM) for each address p's notificationConfigurationInfo lists for
// that event, each with the next seqNumber ([MEM], RSP-FACTS §6.1).
func (e *EUICC) notify(ns *State, p *Profile, event rsp.NotificationEvent) error {
	if p.NotificationConfig == nil {
		return nil
	}
	info := rsp.ProfileInfo{NotificationConfigurationInfo: p.NotificationConfig}
	for c := range info.NotificationConfigurations().All() {
		if c.ProfileManagementOperation&event == 0 {
			continue
		}
		ns.LastSeqNumber++
		nm := rsp.NotificationMetadata{SeqNumber: ns.LastSeqNumber, ProfileManagementOperation: event, NotificationAddress: c.NotificationAddress, ICCID: p.ICCID}
		meta := rsp.AppendNotificationMetadata(nil, nm)
		sig, err := e.ecasd.Sign(ecasd.PurposeNotification, meta, nil)
		if err != nil {
			return err
		}
		cert, eum, err := e.ecasd.Certificates(nil)
		if err != nil {
			return err
		}
		nm.Raw = meta
		pending := rsp.AppendOtherSignedNotification(nil, rsp.OtherSignedNotification{TbsOtherNotification: nm, EuiccNotificationSignature: sig[:], EuiccCertificate: cert, EumCertificate: eum})
		ns.Notifications = append(ns.Notifications, Notification{SeqNumber: nm.SeqNumber, Event: event, Address: clone(c.NotificationAddress), ICCID: p.ICCID, Metadata: meta, Pending: pending})
	}
	return nil
}

func resultResponse(dst []byte, tag asn1der.Tag, code int64) []byte {
	return rsp.AppendResultResponse(dst, rsp.ResultResponse{Tag: tag, Result: code})
}

// enableProfile is ES10c.EnableProfile (RSP-FACTS §6.1): an unknown ISD-P
// AID or ICCID is iccidOrAidNotFound(1), an enabled target
// profileNotInDisabledState(2). At most one profile is enabled, so enabling
// implicitly disables the enabled one; when that one is an Operational
// Profile with PPR1 and the target is an Operational Profile, the answer is
// disallowedByPolicy(3) ([MEM]: PPR1 does not prevent enabling a Test or
// Provisioning Profile). Notifications: disable for the old profile, enable
// for the new one. wrongProfileReenabling(4) and catBusy(5) depend on the
// Device's REFRESH and proactive sessions, which this model does not have.
func (e *EUICC) enableProfile(req, dst []byte) ([]byte, error) {
	q, err := rsp.ParseEnableProfileRequestMode(req, asn1der.BER)
	if err != nil {
		return dst, ErrMalformedRequest
	}
	ns := e.state.clone()
	i := ns.find(q.IsdpAid, q.ICCID)
	if i < 0 {
		return resultResponse(dst, rsp.TagEnableProfile, int64(rsp.EnableProfileIccidOrAidNotFound)), nil
	}
	if ns.Profiles[i].Enabled {
		return resultResponse(dst, rsp.TagEnableProfile, int64(rsp.EnableProfileProfileNotInDisabledState)), nil
	}
	if cur := ns.enabled(); cur >= 0 {
		c := &ns.Profiles[cur]
		if c.PPRs&rsp.Ppr1 != 0 && c.Class == rsp.ProfileClassOperational && ns.Profiles[i].Class == rsp.ProfileClassOperational {
			return resultResponse(dst, rsp.TagEnableProfile, int64(rsp.EnableProfileDisallowedByPolicy)), nil
		}
		c.Enabled = false
		if e.notify(ns, c, rsp.NotificationDisable) != nil {
			return resultResponse(dst, rsp.TagEnableProfile, int64(rsp.EnableProfileUndefinedError)), nil
		}
	}
	ns.Profiles[i].Enabled = true
	if e.notify(ns, &ns.Profiles[i], rsp.NotificationEnable) != nil || e.commit(ns) != nil {
		return resultResponse(dst, rsp.TagEnableProfile, int64(rsp.EnableProfileUndefinedError)), nil
	}
	return resultResponse(dst, rsp.TagEnableProfile, int64(rsp.EnableProfileOk)), nil
}

// disableProfile is ES10c.DisableProfile (RSP-FACTS §6.1):
// iccidOrAidNotFound(1), profileNotInEnabledState(2), and
// disallowedByPolicy(3) for an Operational Profile with PPR1 ([MEM]: PPR1 is
// not enforced on Test Profiles).
func (e *EUICC) disableProfile(req, dst []byte) ([]byte, error) {
	q, err := rsp.ParseDisableProfileRequestMode(req, asn1der.BER)
	if err != nil {
		return dst, ErrMalformedRequest
	}
	ns := e.state.clone()
	i := ns.find(q.IsdpAid, q.ICCID)
	switch {
	case i < 0:
		return resultResponse(dst, rsp.TagDisableProfile, int64(rsp.DisableProfileIccidOrAidNotFound)), nil
	case !ns.Profiles[i].Enabled:
		return resultResponse(dst, rsp.TagDisableProfile, int64(rsp.DisableProfileProfileNotInEnabledState)), nil
	case ns.Profiles[i].PPRs&rsp.Ppr1 != 0 && ns.Profiles[i].Class == rsp.ProfileClassOperational:
		return resultResponse(dst, rsp.TagDisableProfile, int64(rsp.DisableProfileDisallowedByPolicy)), nil
	}
	ns.Profiles[i].Enabled = false
	if e.notify(ns, &ns.Profiles[i], rsp.NotificationDisable) != nil || e.commit(ns) != nil {
		return resultResponse(dst, rsp.TagDisableProfile, int64(rsp.DisableProfileUndefinedError)), nil
	}
	return resultResponse(dst, rsp.TagDisableProfile, int64(rsp.DisableProfileOk)), nil
}

// deleteProfile is ES10c.DeleteProfile (RSP-FACTS §6.1):
// iccidOrAidNotFound(1), profileNotInDisabledState(2) for the enabled
// profile, disallowedByPolicy(3) for a profile with PPR2 ([MEM]).
func (e *EUICC) deleteProfile(req, dst []byte) ([]byte, error) {
	q, err := rsp.ParseDeleteProfileRequestMode(req, asn1der.BER)
	if err != nil {
		return dst, ErrMalformedRequest
	}
	ns := e.state.clone()
	i := ns.find(q.IsdpAid, q.ICCID)
	switch {
	case i < 0:
		return resultResponse(dst, rsp.TagDeleteProfile, int64(rsp.DeleteProfileIccidOrAidNotFound)), nil
	case ns.Profiles[i].Enabled:
		return resultResponse(dst, rsp.TagDeleteProfile, int64(rsp.DeleteProfileProfileNotInDisabledState)), nil
	case ns.Profiles[i].PPRs&rsp.Ppr2 != 0:
		return resultResponse(dst, rsp.TagDeleteProfile, int64(rsp.DeleteProfileDisallowedByPolicy)), nil
	}
	p := ns.Profiles[i]
	ns.Profiles = append(ns.Profiles[:i:i], ns.Profiles[i+1:]...)
	if e.notify(ns, &p, rsp.NotificationDelete) != nil || e.commit(ns) != nil {
		return resultResponse(dst, rsp.TagDeleteProfile, int64(rsp.DeleteProfileUndefinedError)), nil
	}
	return resultResponse(dst, rsp.TagDeleteProfile, int64(rsp.DeleteProfileOk)), nil
}

// setNickname is ES10c.SetNickname: iccidNotFound(1) for an unknown ICCID.
func (e *EUICC) setNickname(req, dst []byte) ([]byte, error) {
	q, err := rsp.ParseSetNicknameRequestMode(req, asn1der.BER)
	if err != nil {
		return dst, ErrMalformedRequest
	}
	ns := e.state.clone()
	i := ns.find(nil, q.ICCID)
	if i < 0 {
		return resultResponse(dst, rsp.TagSetNickname, int64(rsp.SetNicknameIccidNotFound)), nil
	}
	ns.Profiles[i].Nickname = clone(q.ProfileNickname)
	if e.commit(ns) != nil {
		return resultResponse(dst, rsp.TagSetNickname, int64(rsp.SetNicknameUndefinedError)), nil
	}
	return resultResponse(dst, rsp.TagSetNickname, int64(rsp.SetNicknameOk)), nil
}

// memoryReset is ES10c.eUICCMemoryReset with the SGP.22 v2 options
// (RSP-FACTS §6.2): deleteOperationalProfiles(0) deletes every Operational
// Profile, PPR2 notwithstanding and the enabled one included (disabled
// first) ([MEM]); deleteFieldLoadedTestProfiles(1) deletes the Test Profiles
// that were not pre-loaded; resetDefaultSmdpAddress(2) removes the default
// SM-DP+ address. Deleted profiles produce their delete notifications
// ([MEM]). Provisioning and pre-loaded Test Profiles stay, so do the ECASD
// and the pending notifications. Nothing to do is nothingToDelete(1); other
// option bits (SGP.22 v3, SGP.32) are ignored on BF34.
func (e *EUICC) memoryReset(req, dst []byte) ([]byte, error) {
	q, err := rsp.ParseEuiccMemoryResetRequestMode(req, asn1der.BER)
	if err != nil || q.Tag != rsp.TagEuiccMemoryReset {
		return dst, ErrMalformedRequest
	}
	answer := func(r rsp.EuiccMemoryResetResult) ([]byte, error) {
		return rsp.AppendEuiccMemoryResetResponse(dst, rsp.EuiccMemoryResetResponse{Tag: rsp.TagEuiccMemoryReset, ResetResult: r}), nil
	}
	ns := e.state.clone()
	did := false
	kept := ns.Profiles[:0:0]
	var deleted []Profile
	for _, p := range ns.Profiles {
		del := (q.ResetOptions&rsp.DeleteOperationalProfiles != 0 && p.Class == rsp.ProfileClassOperational) ||
			(q.ResetOptions&rsp.DeleteFieldLoadedTestProfiles != 0 && p.Class == rsp.ProfileClassTest && !p.Preloaded)
		if del {
			deleted = append(deleted, p)
		} else {
			kept = append(kept, p)
		}
	}
	ns.Profiles = kept
	for i := range deleted {
		did = true
		if e.notify(ns, &deleted[i], rsp.NotificationDelete) != nil {
			return answer(rsp.EuiccMemoryResetUndefinedError)
		}
	}
	if q.ResetOptions&rsp.ResetDefaultSmdpAddress != 0 && ns.DefaultDpAddress != "" {
		ns.DefaultDpAddress, did = "", true
	}
	if !did {
		return answer(rsp.EuiccMemoryResetNothingToDelete)
	}
	if e.commit(ns) != nil {
		return answer(rsp.EuiccMemoryResetUndefinedError)
	}
	return answer(rsp.EuiccMemoryResetOk)
}

// listNotification is ES10b.ListNotification: the NotificationMetadata of the
// pending notifications, optionally of some operations only, in seqNumber
// order.
func (e *EUICC) listNotification(req, dst []byte) ([]byte, error) {
	q, err := rsp.ParseListNotificationRequestMode(req, asn1der.BER)
	if err != nil {
		return dst, ErrMalformedRequest
	}
	var list []rsp.NotificationMetadata
	for _, n := range e.state.Notifications {
		if q.HasFilter && n.Event&q.ProfileManagementOperation == 0 {
			continue
		}
		m, err := rsp.ParseNotificationMetadataMode(n.Metadata, asn1der.BER)
		if err != nil {
			return rsp.AppendListNotificationResponseError(dst, rsp.NotificationsListUndefinedError), nil
		}
		list = append(list, m)
	}
	return rsp.AppendListNotificationResponse(dst, list...), nil
}

// retrieveNotificationsList is ES10b.RetrieveNotificationsList: the signed
// pending notifications, all or by seqNumber or operation.
func (e *EUICC) retrieveNotificationsList(req, dst []byte) ([]byte, error) {
	q, err := rsp.ParseRetrieveNotificationsListRequestMode(req, asn1der.BER)
	if err != nil {
		return dst, ErrMalformedRequest
	}
	var list [][]byte
	for _, n := range e.state.Notifications {
		switch q.Search {
		case rsp.NotificationSearchSeqNumber:
			if n.SeqNumber != q.SeqNumber {
				continue
			}
		case rsp.NotificationSearchProfileManagementOperation:
			if n.Event&q.ProfileManagementOperation == 0 {
				continue
			}
		case rsp.NotificationSearchEuiccPackageResults: // SGP.32: none here
			continue
		}
		list = append(list, n.Pending)
	}
	return rsp.AppendRetrieveNotificationsListResponse(dst, list...), nil
}

// notificationSent is ES10b.RemoveNotificationFromList (NotificationSent):
// nothingToDelete(1) for an unknown seqNumber.
func (e *EUICC) notificationSent(req, dst []byte) ([]byte, error) {
	q, err := rsp.ParseNotificationSentRequestMode(req, asn1der.BER)
	if err != nil {
		return dst, ErrMalformedRequest
	}
	answer := func(s rsp.DeleteNotificationStatus) ([]byte, error) {
		return rsp.AppendNotificationSentResponse(dst, rsp.NotificationSentResponse{DeleteNotificationStatus: s}), nil
	}
	ns := e.state.clone()
	for i, n := range ns.Notifications {
		if n.SeqNumber == q.SeqNumber {
			ns.Notifications = append(ns.Notifications[:i:i], ns.Notifications[i+1:]...)
			if e.commit(ns) != nil {
				return answer(rsp.DeleteNotificationUndefinedError)
			}
			return answer(rsp.DeleteNotificationOk)
		}
	}
	return answer(rsp.DeleteNotificationNothingToDelete)
}

// profileInfoTags are the ProfileInfo members GetProfilesInfo can return.
var profileInfoTags = []asn1der.Tag{0x5A, 0x4F, 0x9F70, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0xB6, 0xB7, 0xB8, 0x99, 0xBF22}

// getProfilesInfo is ES10c.GetProfilesInfo (RSP-FACTS §2.1.5): the profiles
// matching searchCriteria (ISD-P AID, ICCID or class; none: all), each with
// the members tagList names (none: all it has). A malformed tagList is
// incorrectInputValues(1); tags it names that ProfileInfo does not have are
// ignored.
func (e *EUICC) getProfilesInfo(req, dst []byte) ([]byte, error) {
	q, err := rsp.ParseProfileInfoListRequestMode(req, asn1der.BER)
	if err != nil {
		return dst, ErrMalformedRequest
	}
	want := map[asn1der.Tag]bool{}
	if q.TagList != nil {
		for b := q.TagList; len(b) > 0; {
			t, n, ok := readTag(b)
			if !ok {
				return rsp.AppendProfileInfoListError(dst, rsp.ProfileInfoListErrorIncorrectInputValues), nil
			}
			want[t], b = true, b[n:]
		}
	} else {
		for _, t := range profileInfoTags {
			want[t] = true
		}
	}
	var infos []rsp.ProfileInfo
	for i := range e.state.Profiles {
		p := &e.state.Profiles[i]
		switch q.Search {
		case rsp.ProfileSearchIsdpAid:
			if string(p.AID) != string(q.IsdpAid) {
				continue
			}
		case rsp.ProfileSearchICCID:
			if string(p.ICCID) != string(q.ICCID) {
				continue
			}
		case rsp.ProfileSearchProfileClass:
			if p.Class != q.ProfileClass {
				continue
			}
		}
		infos = append(infos, profileInfo(p, want))
	}
	return rsp.AppendProfileInfoListResponse(dst, infos...), nil
}

func profileInfo(p *Profile, want map[asn1der.Tag]bool) rsp.ProfileInfo {
	var x rsp.ProfileInfo
	if want[0x5A] {
		x.ICCID = p.ICCID
	}
	if want[0x4F] {
		x.IsdpAid = p.AID
	}
	if want[0x9F70] {
		x.HasProfileState, x.ProfileState = true, rsp.ProfileStateDisabled
		if p.Enabled {
			x.ProfileState = rsp.ProfileStateEnabled
		}
	}
	if want[0x90] && p.Nickname != nil {
		x.ProfileNickname = p.Nickname
	}
	if want[0x91] {
		x.ServiceProviderName = nonNil(p.ServiceProviderName)
	}
	if want[0x92] {
		x.ProfileName = nonNil(p.ProfileName)
	}
	if want[0x93] && p.HasIconType {
		x.HasIconType, x.IconType = true, rsp.IconType(p.IconType)
	}
	if want[0x94] && p.Icon != nil {
		x.Icon = p.Icon
	}
	if want[0x95] {
		x.HasProfileClass, x.ProfileClass = true, p.Class
	}
	if want[0xB6] {
		x.NotificationConfigurationInfo = p.NotificationConfig
	}
	if want[0xB7] && p.ProfileOwner.MccMnc != nil {
		x.ProfileOwner = p.ProfileOwner
	}
	if want[0xB8] && p.DpProprietaryData != nil {
		x.DpProprietaryData, x.DpOid = p.DpProprietaryData, p.DpOid
	}
	if want[0x99] && p.PPRs != 0 {
		x.HasProfilePolicyRules, x.ProfilePolicyRules = true, p.PPRs
	}
	if want[0xBF22] {
		x.ServiceSpecificDataStoredInEuicc = p.ServiceSpecificData
	}
	return x
}

func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

// readTag reads one encoded tag (1 to 4 bytes) from b.
func readTag(b []byte) (asn1der.Tag, int, bool) {
	if len(b) == 0 {
		return 0, 0, false
	}
	t := asn1der.Tag(b[0])
	if b[0]&0x1F != 0x1F {
		return t, 1, true
	}
	for i := 1; i < len(b) && i < 4; i++ {
		t = t<<8 | asn1der.Tag(b[i])
		if b[i]&0x80 == 0 {
			return t, i + 1, true
		}
	}
	return 0, 0, false
}
