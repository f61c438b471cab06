package euicc

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/rspengine/rspengine/rsp"
)

// State is everything an eUICC keeps across power cycles apart from its ECASD:
// the installed profiles, the pending notifications, the notification sequence
// counter and the configured default SM-DP+ address. A State held by an
// EUICC is never modified in place: every operation works on a copy (see
// clone) and the copy replaces it only after the Store committed it, so that
// an operation either changes everything it touches or nothing.
type State struct {
	Profiles         []Profile      `json:"profiles,omitempty"`
	Notifications    []Notification `json:"notifications,omitempty"`
	LastSeqNumber    int64          `json:"lastSeqNumber"`    // the last seqNumber handed out (they only increase)
	AIDCounter       uint32         `json:"aidCounter"`       // ISD-P AIDs handed out (never reused)
	DefaultDpAddress string         `json:"defaultDpAddress"` // "" when none
}

// Profile is one installed profile with its ISD-P (RSP-FACTS §2.1.4, §2.1.5).
// Byte slices are never modified once stored: a change replaces the slice.
type Profile struct {
	ICCID               []byte           `json:"iccid"` // 10 bytes, EFiccid coding (5A)
	AID                 []byte           `json:"aid"`   // the ISD-P AID (4F)
	Enabled             bool             `json:"enabled"`
	Nickname            []byte           `json:"nickname,omitempty"`
	ServiceProviderName []byte           `json:"spn,omitempty"`
	ProfileName         []byte           `json:"name,omitempty"`
	HasIconType         bool             `json:"hasIconType,omitempty"`
	IconType            int64            `json:"iconType,omitempty"`
	Icon                []byte           `json:"icon,omitempty"`
	Class               rsp.ProfileClass `json:"class"`
	NotificationConfig  []byte           `json:"notificationConfig,omitempty"` // the whole B6 TLV as in the metadata
	ProfileOwner        rsp.OperatorId   `json:"owner"`
	DpProprietaryData   []byte           `json:"dpProprietaryData,omitempty"` // the whole B8 TLV
	DpOid               []byte           `json:"dpOid,omitempty"`
	PPRs                rsp.PprIds       `json:"pprs,omitempty"`
	ServiceSpecificData []byte           `json:"ssd,omitempty"`       // BF22 serviceSpecificDataStoredInEuicc
	Preloaded           bool             `json:"preloaded,omitempty"` // a pre-loaded (not field-loaded) Test Profile
	Data                []byte           `json:"data,omitempty"`      // the profile package (SAIP profile elements) as installed
}

// Notification is one pending notification (RSP-FACTS §2.1.6): Pending is the
// PendingNotification DER (a signed ProfileInstallationResult BF37 or an
// OtherSignedNotification 30), Metadata its NotificationMetadata (BF2F).
type Notification struct {
	SeqNumber int64                 `json:"seq"`
	Event     rsp.NotificationEvent `json:"event"`
	Address   []byte                `json:"address"`
	ICCID     []byte                `json:"iccid,omitempty"`
	Metadata  []byte                `json:"metadata"`
	Pending   []byte                `json:"pending"`
}

// clone returns a copy of s whose slices of profiles and notifications can be
// changed without touching s (the byte slices inside are shared: they are
// never modified in place).
func (s *State) clone() *State {
	c := *s
	c.Profiles = slices.Clone(s.Profiles)
	c.Notifications = slices.Clone(s.Notifications)
	return &c
}

// MarshalState encodes s for a Store (JSON; byte strings in base64).
func MarshalState(s *State) ([]byte, error) { return json.Marshal(s) }

// ErrState reports a stored state that does not decode or breaks an invariant.
var ErrState = errors.New("euicc: malformed stored state")

// UnmarshalState decodes a state written by MarshalState and checks its
// invariants (at most one enabled profile, unique ICCIDs and AIDs, increasing
// sequence numbers).
func UnmarshalState(b []byte) (*State, error) {
	var s State
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrState, err)
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	return &s, nil
}

func (s *State) check() error {
	enabled := 0
	for i, p := range s.Profiles {
		if len(p.ICCID) != rsp.ICCIDSize || len(p.AID) < 5 || len(p.AID) > 16 {
			return fmt.Errorf("%w: profile %d has a bad ICCID or AID", ErrState, i)
		}
		if p.Enabled {
			enabled++
		}
		for _, q := range s.Profiles[:i] {
			if string(q.ICCID) == string(p.ICCID) || string(q.AID) == string(p.AID) {
				return fmt.Errorf("%w: duplicate ICCID or AID", ErrState)
			}
		}
	}
	if enabled > 1 {
		return fmt.Errorf("%w: %d enabled profiles", ErrState, enabled)
	}
	for _, n := range s.Notifications {
		if n.SeqNumber <= 0 || n.SeqNumber > s.LastSeqNumber {
			return fmt.Errorf("%w: notification seqNumber %d out of range", ErrState, n.SeqNumber)
		}
	}
	return nil
}

// find returns the index of the profile named by aid or iccid, or -1.
func (s *State) find(aid, iccid []byte) int {
	for i := range s.Profiles {
		p := &s.Profiles[i]
		if (aid != nil && string(p.AID) == string(aid)) || (iccid != nil && string(p.ICCID) == string(iccid)) {
			return i
		}
	}
	return -1
}

// enabled returns the index of the enabled profile, or -1.
func (s *State) enabled() int {
	for i := range s.Profiles {
		if s.Profiles[i].Enabled {
			return i
		}
	}
	return -1
}
