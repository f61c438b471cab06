package lpa

import (
	"bytes"
	"context"
	"fmt"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/rsp"
)

// cancel ends the session on both sides (SGP.22 §3.1.5): ES10b.CancelSession
// makes the eUICC sign the cancellation, ES9+.CancelSession relays it. Its
// failures are recorded in the report, not returned: the caller reports why
// it cancelled.
func (r *run) cancel(ctx context.Context, es9 ES9Client, card Card, tid []byte, reason rsp.CancelSessionReason) {
	st := r.begin("ES10b.CancelSession")
	resp, err := st.card(card, rsp.AppendCancelSessionRequest(nil, tid, reason))
	var cs rsp.CancelSessionResponse
	if err == nil {
		cs, err = rsp.ParseCancelSessionResponse(resp)
		if err == nil && !cs.IsOk {
			err = cs.Error
		}
	}
	if err == nil {
		st.detail("reason %v; the eUICC signed euiccCancelSessionSigned", reason)
	}
	r.recordQuiet(st, err)
	if err != nil {
		return
	}
	// ES9+: BF41 { 80 tid, A1 <the contents of the card's BF41> }.
	inner, _ := asn1der.ParseOne(resp, rsp.TagCancelSession)
	req, mk := asn1der.AppendBegin(nil, rsp.TagCancelSession)
	req = asn1der.AppendTLV(req, 0x80, tid)
	req = asn1der.AppendTLV(req, 0xA1, inner)
	req = asn1der.AppendEnd(req, mk)
	st = r.begin("ES9+.CancelSession")
	resp, err = st.es9(ctx, es9.CancelSession, req)
	if err == nil {
		var v rsp.CancelSessionResponseEs9
		if v, err = rsp.ParseCancelSessionResponseEs9(resp); err == nil {
			err = v.Err()
		}
	}
	if err == nil {
		st.check("SM-DP+", "euiccCancelSessionSignature verifies with PK.EUICC; smdpOid is its own; the session ends")
	}
	r.recordQuiet(st, err)
}

// recordQuiet closes a step without making its error the report's.
func (r *run) recordQuiet(st *step, err error) {
	st.s.Duration = r.o.now().Sub(st.begin)
	if err != nil {
		st.s.Err = &StepError{Step: st.s.Name, Err: err}
	}
	r.rep.Steps = append(r.rep.Steps, st.s)
}

// CancelSession cancels the download session tid on the card and at the
// SM-DP+ with reason (SGP.22 §3.1.5). Failures are in the report.
func CancelSession(ctx context.Context, es9 ES9Client, card Card, tid []byte, reason rsp.CancelSessionReason, opts *Options) *Report {
	r := newRun(opts)
	r.cancel(ctx, es9, card, tid, reason)
	for _, s := range r.rep.Steps {
		if s.Err != nil && r.rep.Err == nil {
			r.rep.Err = s.Err
		}
	}
	return r.finish()
}

// deliver sends one pending notification (its whole TLV as the card gave it)
// with ES9+.HandleNotification and, once the SM-DP+ accepted it, removes it
// from the card with ES10b.RemoveNotificationFromList.
func (r *run) deliver(ctx context.Context, es9 ES9Client, card Card, pending []byte, seq int64, what string) error {
	st := r.begin("ES9+.HandleNotification")
	_, err := st.es9(ctx, es9.HandleNotification, rsp.AppendHandleNotification(nil, pending))
	if err == nil {
		st.detail("%s seqNumber %d", what, seq)
		if what == "ProfileInstallationResult" {
			st.check("SM-DP+", "euiccSignPIR verifies with the session's PK.EUICC; smdpOid is its own; the session ends")
		} else {
			st.check("SM-DP+", "CERT.EUM and CERT.EUICC chain to a trusted CI; euiccNotificationSignature verifies")
		}
	}
	if err := st.end(err); err != nil {
		return err
	}
	st = r.begin("ES10b.RemoveNotificationFromList")
	resp, err := st.card(card, rsp.AppendNotificationSentRequest(nil, rsp.NotificationSentRequest{SeqNumber: seq}))
	if err == nil {
		var v rsp.NotificationSentResponse
		if v, err = rsp.ParseNotificationSentResponse(resp); err == nil {
			if v.DeleteNotificationStatus != rsp.DeleteNotificationOk {
				err = v.DeleteNotificationStatus
			} else {
				st.detail("seqNumber %d removed", seq)
			}
		}
	}
	return st.end(err)
}

// Notification is one pending notification as the card listed it.
type Notification struct {
	SeqNumber int64
	Operation rsp.NotificationEvent
	Address   string
	ICCID     []byte
	Raw       []byte // the whole PendingNotification TLV
}

// Notifications retrieves every pending notification (ES10b.RetrieveNotificationsList,
// SGP.22 §3.5), delivers each to the SM-DP+ with ES9+.HandleNotification and
// removes it from the card (ES10b.RemoveNotificationFromList). Only
// notifications addressed to smdpAddress are sent (ASCII case ignored; an
// empty smdpAddress sends all to es9); the others stay on the card. It returns
// the delivered notifications, in the card's order, and stops at the first
// failure.
func Notifications(ctx context.Context, es9 ES9Client, card Card, smdpAddress string, opts *Options) (delivered []Notification, rep *Report, err error) {
	r := newRun(opts)
	defer func() { rep = r.finish() }()
	list, err := r.retrieve(card)
	if err != nil {
		return nil, nil, err
	}
	for _, n := range list {
		if smdpAddress != "" && !bytes.EqualFold([]byte(n.Address), []byte(smdpAddress)) {
			continue
		}
		if err := r.deliver(ctx, es9, card, n.Raw, n.SeqNumber, n.Operation.String()+" notification"); err != nil {
			return delivered, nil, err
		}
		delivered = append(delivered, n)
	}
	return delivered, nil, nil
}

func (r *run) retrieve(card Card) ([]Notification, error) {
	st := r.begin("ES10b.RetrieveNotificationsList")
	resp, err := st.card(card, rsp.AppendRetrieveNotificationsListRequest(nil, rsp.RetrieveNotificationsListRequest{}))
	var out []Notification
	if err == nil {
		var v rsp.RetrieveNotificationsListResponse
		if v, err = rsp.ParseRetrieveNotificationsListResponse(resp); err == nil {
			switch v.Alternative {
			case 0xA0:
				for p := range v.NotificationList().All() {
					out = append(out, Notification{
						SeqNumber: p.Metadata.SeqNumber, Operation: p.Metadata.ProfileManagementOperation,
						Address: string(p.Metadata.NotificationAddress), ICCID: bytes.Clone(p.Metadata.ICCID), Raw: bytes.Clone(p.Raw),
					})
				}
				st.detail("%d pending", len(out))
			case 0x81:
				if v.Error == rsp.NotificationsListError(127) {
					err = v.Error
				} else {
					st.detail("none pending (%v)", v.Error)
				}
			default:
				err = fmt.Errorf("unexpected alternative %v", v.Alternative)
			}
		}
	}
	return out, st.end(err)
}

// ProfileInfo is one installed profile as ES10c.GetProfilesInfo lists it.
type ProfileInfo struct {
	ICCID           []byte
	ISDPAid         []byte
	Enabled         bool
	Name            string
	Nickname        string
	ServiceProvider string
	Class           rsp.ProfileClass
}

// Profiles lists the installed profiles (ES10c.GetProfilesInfo, SGP.22 §5.7.15).
func Profiles(card Card, opts *Options) ([]ProfileInfo, *Report, error) {
	r := newRun(opts)
	st := r.begin("ES10c.GetProfilesInfo")
	resp, err := st.card(card, rsp.AppendProfileInfoListRequest(nil, rsp.ProfileInfoListRequest{}))
	var out []ProfileInfo
	if err == nil {
		var v rsp.ProfileInfoListResponse
		if v, err = rsp.ParseProfileInfoListResponse(resp); err == nil {
			if v.IsError {
				err = v.Error
			} else {
				for p := range v.ProfileInfos().All() {
					out = append(out, ProfileInfo{
						ICCID: bytes.Clone(p.ICCID), ISDPAid: bytes.Clone(p.IsdpAid),
						Enabled: p.HasProfileState && p.ProfileState == rsp.ProfileStateEnabled,
						Name:    string(p.ProfileName), Nickname: string(p.ProfileNickname),
						ServiceProvider: string(p.ServiceProviderName), Class: p.ProfileClass,
					})
				}
				st.detail("%d profile(s)", len(out))
			}
		}
	}
	err = st.end(err)
	return out, r.finish(), err
}

// EnableProfile enables the profile of iccid (ES10c.EnableProfile, SGP.22
// §3.2.1). A result other than ok(0) is returned as the
// rsp.EnableProfileResult, wrapped in a *StepError.
func EnableProfile(card Card, iccid []byte, refresh bool, opts *Options) (*Report, error) {
	req := rsp.AppendEnableProfileRequest(nil, rsp.ProfileIDRequest{ICCID: iccid, RefreshFlag: refresh})
	return resultCall(card, "ES10c.EnableProfile", req, rsp.TagEnableProfile, iccid, func(v int64) error { return rsp.EnableProfileResult(v) }, opts)
}

// DisableProfile disables the profile of iccid (ES10c.DisableProfile, SGP.22 §3.2.2).
func DisableProfile(card Card, iccid []byte, refresh bool, opts *Options) (*Report, error) {
	req := rsp.AppendDisableProfileRequest(nil, rsp.ProfileIDRequest{ICCID: iccid, RefreshFlag: refresh})
	return resultCall(card, "ES10c.DisableProfile", req, rsp.TagDisableProfile, iccid, func(v int64) error { return rsp.DisableProfileResult(v) }, opts)
}

// DeleteProfile deletes the profile of iccid (ES10c.DeleteProfile, SGP.22 §3.2.3).
func DeleteProfile(card Card, iccid []byte, opts *Options) (*Report, error) {
	req := rsp.AppendDeleteProfileRequest(nil, rsp.DeleteProfileRequest{ICCID: iccid})
	return resultCall(card, "ES10c.DeleteProfile", req, rsp.TagDeleteProfile, iccid, func(v int64) error { return rsp.DeleteProfileResult(v) }, opts)
}

func resultCall(card Card, name string, req []byte, tag asn1der.Tag, iccid []byte, code func(int64) error, opts *Options) (*Report, error) {
	r := newRun(opts)
	st := r.begin(name)
	resp, err := st.card(card, req)
	if err == nil {
		var v rsp.ResultResponse
		if v, err = rsp.ParseResultResponse(resp, tag); err == nil {
			if v.Result != 0 {
				err = code(v.Result)
			} else {
				st.detail("ICCID %s: ok", ICCIDString(iccid))
			}
		}
	}
	err = st.end(err)
	return r.finish(), err
}

// PendingNotifications lists the notifications pending on the card
// (ES10b.RetrieveNotificationsList without search criteria) without sending
// them.
func PendingNotifications(card Card, opts *Options) ([]Notification, *Report, error) {
	r := newRun(opts)
	list, err := r.retrieve(card)
	return list, r.finish(), err
}
