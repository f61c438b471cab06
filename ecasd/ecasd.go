package ecasd

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rspcert"
)

// Errors. Callers match them with errors.Is; certificate failures also match
// the *rspcert.Error sentinels and rspcert.ES10Code values.
var (
	ErrNotPersonalised     = errors.New("ecasd: not personalised")
	ErrAlreadyPersonalised = errors.New("ecasd: already personalised (immutable)")
	ErrWiped               = errors.New("ecasd: wiped")
	ErrConfig              = errors.New("ecasd: invalid personalisation")
	ErrPurpose             = errors.New("ecasd: data does not have the shape of the signing purpose")
	ErrRenewal             = errors.New("ecasd: renewal rejected")
	ErrState               = errors.New("ecasd: malformed state")
)

// KeySet is the personalisation data of one key set: SK.EUICC with its
// CERT.EUICC and the CERT.EUM that issued it.
type KeySet struct {
	Key              *ecdsa.PrivateKey // SK.EUICC; Personalise keeps its own copy
	EUICCCertificate []byte            // CERT.EUICC (DER)
	EUMCertificate   []byte            // CERT.EUM (DER)
}

// Config is the personalisation of an ECASD.
type Config struct {
	// KeySets in the order of euiccCiPKIdListForSigning; at least one.
	// Each one's CERT.EUM must be issued by a CI of CIs, all must carry
	// the same EID, and no two by the same CI.
	KeySets []KeySet
	// CIs are the CERT.CI the ECASD knows (DER), by PKID.
	CIs [][]byte
	// VerificationPKIDs orders euiccCiPKIdListForVerification: the CIs
	// server certificates are verified against. Nil means all of CIs, in
	// their order.
	VerificationPKIDs [][]byte
	// Now is the clock the chains are checked against at personalisation;
	// zero means the latest notBefore of the chain (an eUICC has no clock).
	Now time.Time
	// Rand is the randomness of the hedged nonces and of on-card key
	// generation; nil means crypto/rand.Reader.
	Rand io.Reader
}

// keySet is a personalised key set. Its slices are never modified after
// construction; a renewal builds a new keySet.
type keySet struct {
	sk       *ecdsa.PrivateKey
	euiccDER []byte
	eumDER   []byte
	euicc    rspcert.Certificate
	eum      rspcert.Certificate
	eumKey   *ecdsa.PublicKey
	pkid     []byte // signing PKID: CERT.EUM's AKI
	pending  *ecdsa.PrivateKey
}

// ECASD is the eUICC's root of trust. The zero value is an empty,
// unpersonalised ECASD; it is safe for concurrent use.
type ECASD struct {
	mu           sync.RWMutex
	personalised bool
	wiped        bool
	eid          [16]byte
	eidText      string
	keySets      []*keySet
	cis          [][]byte // CERT.CI DER, as given
	all          *rspcert.CIStore
	verify       *rspcert.CIStore
	verifyPKIDs  [][]byte
	signPKIDs    [][]byte
	counter      uint64 // last accepted renewal counter
	rand         io.Reader
}

// New returns an unpersonalised ECASD (the same as new(ECASD)).
func New() *ECASD { return new(ECASD) }

// Personalise loads cfg once. It checks every key set (key = CERT.EUICC's
// key; CERT.EUICC issued by CERT.EUM with the EUM's permitted EID; CERT.EUM
// issued by one of the CIs; roles, key usages, signatures, curves, via
// rspcert), that all key sets carry the same EID and that the verification
// PKIDs name known CIs. A second call fails with ErrAlreadyPersonalised.
func (e *ECASD) Personalise(cfg Config) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.personalised || e.wiped {
		return ErrAlreadyPersonalised
	}
	st, err := build(&cfg, 0)
	if err != nil {
		return err
	}
	e.install(st)
	return nil
}

// state is a fully checked personalisation, ready to install.
type state struct {
	eid         [16]byte
	eidText     string
	keySets     []*keySet
	cis         [][]byte
	all, verify *rspcert.CIStore
	verifyPKIDs [][]byte
	signPKIDs   [][]byte
	counter     uint64
	rand        io.Reader
}

func (e *ECASD) install(st *state) {
	e.personalised = true
	e.eid, e.eidText = st.eid, st.eidText
	e.keySets, e.cis, e.all, e.verify = st.keySets, st.cis, st.all, st.verify
	e.verifyPKIDs, e.signPKIDs, e.counter, e.rand = st.verifyPKIDs, st.signPKIDs, st.counter, st.rand
}

func configErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrConfig}, args...)...)
}

func build(cfg *Config, counter uint64) (*state, error) {
	st := &state{counter: counter, rand: cfg.Rand}
	if st.rand == nil {
		st.rand = rand.Reader
	}
	if len(cfg.KeySets) == 0 {
		return nil, configErr("no key set")
	}
	if len(cfg.CIs) == 0 {
		return nil, configErr("no CI")
	}
	st.all = new(rspcert.CIStore)
	for _, der := range cfg.CIs {
		c := append([]byte(nil), der...)
		if _, err := st.all.Add(c); err != nil {
			return nil, configErr("CERT.CI: %w", err)
		}
		st.cis = append(st.cis, c)
	}
	st.verify = new(rspcert.CIStore)
	if cfg.VerificationPKIDs == nil {
		for _, a := range st.all.Anchors() {
			st.verifyPKIDs = append(st.verifyPKIDs, a.PKID)
		}
	} else {
		for _, pkid := range cfg.VerificationPKIDs {
			if st.all.Lookup(pkid) == nil {
				return nil, configErr("verification PKID %x is not a known CI", pkid)
			}
			for _, p := range st.verifyPKIDs {
				if string(p) == string(pkid) {
					return nil, configErr("verification PKID %x listed twice", pkid)
				}
			}
			st.verifyPKIDs = append(st.verifyPKIDs, st.all.Lookup(pkid).PKID)
		}
	}
	if len(st.verifyPKIDs) == len(st.all.Anchors()) {
		// Every CI verifies: share the store (each anchor costs a
		// precomputed table).
		st.verify = st.all
	} else {
		for _, pkid := range st.verifyPKIDs {
			if _, err := st.verify.Add(st.all.Lookup(pkid).Cert.Raw); err != nil {
				return nil, configErr("CERT.CI: %w", err)
			}
		}
	}
	for i := range cfg.KeySets {
		ks, err := newKeySet(st.all, &cfg.KeySets[i], cfg.Now, nil)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			st.eidText = string(ks.euicc.Subject.SerialNumber)
			st.eid = eidBytes(st.eidText)
		} else if string(ks.euicc.Subject.SerialNumber) != st.eidText {
			return nil, configErr("key set %d has EID %s, key set 0 has %s", i, ks.euicc.Subject.SerialNumber, st.eidText)
		}
		for _, p := range st.signPKIDs {
			if string(p) == string(ks.pkid) {
				return nil, configErr("two key sets under CI %x", ks.pkid)
			}
		}
		st.keySets = append(st.keySets, ks)
		st.signPKIDs = append(st.signPKIDs, ks.pkid)
	}
	return st, nil
}

// newKeySet checks and copies one key set. When want is set (a renewal), the
// CERT.EUM must be issued by the CI of PKID want.
func newKeySet(all *rspcert.CIStore, cfg *KeySet, now time.Time, want []byte) (*keySet, error) {
	if cfg.Key == nil {
		return nil, configErr("no SK.EUICC")
	}
	ks := &keySet{
		euiccDER: append([]byte(nil), cfg.EUICCCertificate...),
		eumDER:   append([]byte(nil), cfg.EUMCertificate...),
	}
	if err := rspcert.Parse(&ks.eum, ks.eumDER); err != nil {
		return nil, configErr("CERT.EUM: %w", err)
	}
	if err := rspcert.Parse(&ks.euicc, ks.euiccDER); err != nil {
		return nil, configErr("CERT.EUICC: %w", err)
	}
	if now.IsZero() {
		now = latest(all, &ks.eum, &ks.euicc)
	}
	opts := &rspcert.Options{Now: now, CiPKID: want}
	// The whole chain with rspcert's rules: CI → CERT.EUM → CERT.EUICC,
	// including the EID permitted by the EUM and its check digits.
	var ch rspcert.EUICCChain
	if err := all.VerifyEUICCChain(&ch, ks.eumDER, ks.euiccDER, opts); err != nil {
		return nil, configErr("key set chain: %w", err)
	}
	ks.pkid = ch.CI.PKID
	pub, err := ecdsa.NewPublicKey(ecdsa.Curve(ks.euicc.PublicKey.Curve), ks.euicc.PublicKey.Point)
	if err != nil {
		return nil, configErr("CERT.EUICC key: %w", err)
	}
	if cfg.Key.Curve() != pub.Curve() || !cfg.Key.Public().Equal(pub) {
		return nil, configErr("SK.EUICC does not match CERT.EUICC")
	}
	if ks.eumKey, err = ecdsa.NewPublicKey(ecdsa.Curve(ks.eum.PublicKey.Curve), ks.eum.PublicKey.Point); err != nil {
		return nil, configErr("CERT.EUM key: %w", err)
	}
	d := cfg.Key.Bytes()
	ks.sk, err = ecdsa.NewPrivateKey(cfg.Key.Curve(), d[:])
	clear(d[:])
	if err != nil {
		return nil, configErr("SK.EUICC: %w", err)
	}
	return ks, nil
}

// latest returns the latest notBefore of the chain: a time at which every
// certificate of a consistent chain is valid, for an eUICC without a clock.
func latest(all *rspcert.CIStore, eum, euicc *rspcert.Certificate) time.Time {
	t := eum.NotBefore
	if euicc.NotBefore.After(t) {
		t = euicc.NotBefore
	}
	if ci := all.Lookup(eum.Extensions.AuthorityKeyID); ci != nil && ci.Cert.NotBefore.After(t) {
		t = ci.Cert.NotBefore
	}
	return t
}

// eidBytes packs 32 decimal digits into the 16-byte EID (one digit per
// nibble, as in GetEuiccData's 5A).
func eidBytes(s string) (b [16]byte) {
	for i := 0; i < 32 && i < len(s); i++ {
		b[i/2] |= (s[i] - '0') << (4 * (1 - i%2))
	}
	return b
}

// EID returns the EID (CERT.EUICC's serialNumber) as 16 bytes, one decimal
// digit per nibble (the 5A value of GetEuiccData).
func (e *ECASD) EID() ([16]byte, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if err := e.usable(); err != nil {
		return [16]byte{}, err
	}
	return e.eid, nil
}

// EIDString returns the EID as its 32 decimal digits.
func (e *ECASD) EIDString() (string, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if err := e.usable(); err != nil {
		return "", err
	}
	return e.eidText, nil
}

func (e *ECASD) usable() error {
	if e.wiped {
		return ErrWiped
	}
	if !e.personalised {
		return ErrNotPersonalised
	}
	return nil
}

// CIPKIDsForVerification returns euiccCiPKIdListForVerification: the PKIDs
// of the CIs server certificates are checked against, in the order given at
// personalisation. The PKIDs are shared: do not modify them.
func (e *ECASD) CIPKIDsForVerification() [][]byte {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return append([][]byte(nil), e.verifyPKIDs...)
}

// CIPKIDsForSigning returns euiccCiPKIdListForSigning: the PKIDs of the CIs
// under which the ECASD holds a key set, in key set order. The PKIDs are
// shared: do not modify them.
func (e *ECASD) CIPKIDsForSigning() [][]byte {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return append([][]byte(nil), e.signPKIDs...)
}

// keySet returns the key set of signing PKID pkid (nil: the first).
// The caller holds e.mu.
func (e *ECASD) keySet(pkid []byte) (*keySet, error) {
	if err := e.usable(); err != nil {
		return nil, err
	}
	if pkid == nil {
		return e.keySets[0], nil
	}
	for _, ks := range e.keySets {
		if string(ks.pkid) == string(pkid) {
			return ks, nil
		}
	}
	return nil, &rspcert.Error{Rule: rspcert.RuleCiPKIdUnknown, ES10: rspcert.ES10CiPKUnknown,
		Detail: "euiccCiPKIdToBeUsed is not in euiccCiPKIdListForSigning"}
}

// CheckCiPKIdToBeUsed is the check of ES10b.AuthenticateServer: the
// euiccCiPKIdToBeUsed the SM-DP+ chose must be in the signing list, else
// ciPKUnknown(7) (an *rspcert.Error matching rspcert.ES10CiPKUnknown).
func (e *ECASD) CheckCiPKIdToBeUsed(pkid []byte) error {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if pkid == nil {
		pkid = []byte{}
	}
	_, err := e.keySet(pkid)
	return err
}

// Certificates returns CERT.EUICC and CERT.EUM of the key set issued under
// the CI of PKID ciPKID (nil: the first key set), for
// AuthenticateServerResponse; ciPKUnknown(7) when there is none. The bytes
// are shared and never modified (a renewal replaces them): do not modify
// them.
func (e *ECASD) Certificates(ciPKID []byte) (euiccCert, eumCert []byte, err error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	ks, err := e.keySet(ciPKID)
	if err != nil {
		return nil, nil, err
	}
	return ks.euiccDER, ks.eumDER, nil
}

// PublicKey returns PK.EUICC of the key set of ciPKID (nil: the first).
func (e *ECASD) PublicKey(ciPKID []byte) (*ecdsa.PublicKey, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	ks, err := e.keySet(ciPKID)
	if err != nil {
		return nil, err
	}
	return ks.sk.Public(), nil
}

// Wipe destroys every SK.EUICC (and any pending renewal key). The ECASD is
// unusable afterwards; Personalise and Import still fail. The eUICC model
// calls it when the eUICC is destroyed, never on an eUICC memory reset.
func (e *ECASD) Wipe() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, ks := range e.keySets {
		ks.sk.Destroy()
		if ks.pending != nil {
			ks.pending.Destroy()
		}
	}
	e.keySets = nil
	e.wiped = true
}
