package smdp

import (
	"context"
	"errors"
	"sync"

	"github.com/rspengine/rspengine/rsp"
)

// Profile is one downloadable profile as a ProfileSource hands it over.
type Profile struct {
	// UPP is the Unprotected Profile Package (SAIP profile elements, DER).
	UPP []byte
	// StoreMetadata is the whole StoreMetadataRequest TLV (BF25) sent in
	// AuthenticateClient and bound into the BPP.
	StoreMetadata []byte
	// ConfirmationCode, when not nil, is required from the end user
	// (ccRequiredFlag); the eUICC sends hashCc = SHA256(SHA256(CC) ‖
	// transactionId) [MEM: SGP.22 §3.1.3, not re-verified].
	ConfirmationCode []byte
	// EID, when 16 bytes, reserves the profile for that eUICC.
	EID []byte
}

// ProfileSource finds the profile of a download. Implementations must be safe
// for concurrent use and must not modify a Profile after returning it.
type ProfileSource interface {
	// Select picks the profile for AuthenticateClient: matchingID as sent in
	// ctxParamsForCommonAuthentication (hasMatchingID false when absent) and
	// the eUICC's 16-byte EID. It returns a reference kept in the session.
	// Refusals should be *StatusError (see ErrMatchingIDRefused,
	// ErrEIDMismatch, ErrNoEligibleProfile).
	Select(ctx context.Context, matchingID []byte, hasMatchingID bool, eid []byte) (ref string, err error)
	// Profile returns the profile of a reference Select gave.
	Profile(ctx context.Context, ref string) (*Profile, error)
}

// The refusals of Select, with their ES9+ codes.
var (
	ErrMatchingIDRefused = statusErr(StatusMatchingIDRefused, rsp.AuthenticateClientErrorMatchingIdRefused, "matchingId refused", nil)
	ErrEIDMismatch       = statusErr(StatusEIDMismatch, rsp.AuthenticateClientErrorEidMismatch, "profile reserved for another EID", nil)
	ErrNoEligibleProfile = statusErr(StatusProfileNotAvailable, rsp.AuthenticateClientErrorNoEligibleProfile, "no profile for this eUICC", nil)
)

// Catalogue is the embedded in-memory ProfileSource: profiles by matchingId
// (activation code token) and, for downloads without a matchingId (default
// SM-DP+ address, SM-DS event), by EID. Safe for concurrent use.
//
// Rules of Select: a non-empty matchingId must name a profile (else
// matchingIdRefused); a profile reserved for an EID refuses another EID
// (eidMismatch); an absent or empty matchingId selects the profile added
// for the eUICC's EID (else noEligibleProfile). Profiles stay in the
// catalogue after a download (Remove takes them out).
type Catalogue struct {
	mu    sync.RWMutex
	byRef map[string]*Profile
	byEID map[[16]byte]string
}

// NewCatalogue returns an empty catalogue.
func NewCatalogue() *Catalogue {
	return &Catalogue{byRef: map[string]*Profile{}, byEID: map[[16]byte]string{}}
}

// Add stores p under matchingID; with an empty matchingID, p must carry an
// EID and is found by it. The StoreMetadataRequest is checked to decode.
// The catalogue keeps p (and its slices) as given.
func (c *Catalogue) Add(matchingID string, p *Profile) error {
	if _, err := rsp.ParseStoreMetadataRequest(p.StoreMetadata); err != nil {
		return err
	}
	if p.EID != nil && len(p.EID) != 16 {
		return errors.New("smdp: profile EID must be 16 bytes")
	}
	if len(p.UPP) == 0 {
		return errors.New("smdp: profile without UPP")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if matchingID == "" {
		if p.EID == nil {
			return errors.New("smdp: a profile without matchingId needs an EID")
		}
		ref := "eid:" + string(p.EID)
		c.byRef[ref] = p
		c.byEID[[16]byte(p.EID)] = ref
		return nil
	}
	c.byRef["mid:"+matchingID] = p
	return nil
}

// Remove drops the profile of matchingID (or, when empty, of eid).
func (c *Catalogue) Remove(matchingID string, eid []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if matchingID != "" {
		delete(c.byRef, "mid:"+matchingID)
		return
	}
	if len(eid) == 16 {
		if ref, ok := c.byEID[[16]byte(eid)]; ok {
			delete(c.byRef, ref)
			delete(c.byEID, [16]byte(eid))
		}
	}
}

// Select implements ProfileSource.
func (c *Catalogue) Select(_ context.Context, matchingID []byte, hasMatchingID bool, eid []byte) (string, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if hasMatchingID && len(matchingID) > 0 {
		// Look the reference up without building the string (the compiler
		// optimises the concatenation inside the map index away only for
		// string(b), so use a small stack buffer).
		var buf [4 + 256]byte
		if len(matchingID) > 256 {
			return "", ErrMatchingIDRefused
		}
		n := copy(buf[:], "mid:")
		n += copy(buf[n:], matchingID)
		p, ok := c.byRef[string(buf[:n])]
		if !ok {
			return "", ErrMatchingIDRefused
		}
		if p.EID != nil && string(p.EID) != string(eid) {
			return "", ErrEIDMismatch
		}
		return "mid:" + string(matchingID), nil
	}
	if len(eid) != 16 {
		return "", ErrNoEligibleProfile
	}
	ref, ok := c.byEID[[16]byte(eid)]
	if !ok {
		return "", ErrNoEligibleProfile
	}
	return ref, nil
}

// Profile implements ProfileSource.
func (c *Catalogue) Profile(_ context.Context, ref string) (*Profile, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	p, ok := c.byRef[ref]
	if !ok {
		return nil, ErrNoEligibleProfile
	}
	return p, nil
}
