package smdp

import (
	"context"
	"encoding/binary"
	"errors"
	"hash/maphash"
	"sync"
	"time"

	"github.com/rspengine/rspengine/ecdsa"
)

// State is the step a download session has reached.
type State uint8

// The states of a session, in order.
const (
	StateInitiated     State = 1 // after InitiateAuthentication
	StateAuthenticated State = 2 // after AuthenticateClient
	StateBound         State = 3 // after GetBoundProfilePackage
)

// TransactionIDSize is the size of the transactionIds this SM-DP+ issues
// (the module allows 1..16 bytes; we always use 16).
const TransactionIDSize = 16

// Session is the SM-DP+ state of one download. It holds no secret: otSK.DP
// lives only inside GetBoundProfilePackage and is destroyed there. It is a
// plain value (fixed-size arrays and one string), so a store can copy it
// freely; MarshalBinary gives the form a shared store keeps.
type Session struct {
	TransactionID [TransactionIDSize]byte
	State         State
	Expires       time.Time

	// SigningPKID is the CI chosen for the eUICC's chain (euiccCiPKIdToBeUsed);
	// ServerPKID the CI of the credential (CERT.DPauth / CERT.DPpb) chosen.
	SigningPKID PKID
	ServerPKID  PKID

	ServerChallenge [16]byte
	EuiccChallenge  [16]byte

	// Set by AuthenticateClient.
	EID             [16]byte
	Curve           ecdsa.Curve
	EuiccPK         [65]byte // PK.EUICC.ECDSA, uncompressed
	EuiccSignature1 [64]byte
	SmdpSignature2  [64]byte // the smdpSignature2 DO is 5F 37 40 ‖ this
	ProfileRef      string
	CCRequired      bool
	CCHash          [32]byte // expected hashCc = SHA256(SHA256(CC) ‖ transactionId) [MEM]
	CCAttempts      uint8
	HasOtPKEuicc    bool
	OtPKEuicc       [65]byte // otPK.EUICC.ECKA seen in GetBoundProfilePackage
	ReportedPIR     bool     // the ProfileInstallationResult arrived
}

// PKID is a CI Public Key Identifier (a SubjectKeyIdentifier, normally 20
// bytes) in fixed storage.
type PKID struct {
	N uint8
	B [32]byte
}

// Bytes returns the identifier.
func (p *PKID) Bytes() []byte { return p.B[:p.N] }

func (p *PKID) set(b []byte) bool {
	if len(b) == 0 || len(b) > len(p.B) {
		return false
	}
	p.N = uint8(copy(p.B[:], b))
	return true
}

const sessionVersion = 1

// sessionFixedLen is the size of the marshalled form without the profile reference.
const sessionFixedLen = 1 + 16 + 1 + 8 + 33 + 33 + 16 + 16 + 16 + 1 + 65 + 64 + 64 + 1 + 32 + 1 + 1 + 65 + 1 + 2

// MarshalBinary encodes s (version 1): fixed-size fields in order, then the
// profile reference with a 2-byte length.
func (s *Session) MarshalBinary() ([]byte, error) {
	return s.AppendBinary(make([]byte, 0, sessionFixedLen+len(s.ProfileRef)))
}

// AppendBinary appends the MarshalBinary form to b.
func (s *Session) AppendBinary(b []byte) ([]byte, error) {
	if len(s.ProfileRef) > 0xFFFF {
		return nil, errors.New("smdp: profile reference too long")
	}
	b = append(b, sessionVersion)
	b = append(b, s.TransactionID[:]...)
	b = append(b, byte(s.State))
	var exp int64
	if !s.Expires.IsZero() {
		exp = s.Expires.UnixNano()
	}
	b = binary.BigEndian.AppendUint64(b, uint64(exp))
	b = append(b, s.SigningPKID.N)
	b = append(b, s.SigningPKID.B[:]...)
	b = append(b, s.ServerPKID.N)
	b = append(b, s.ServerPKID.B[:]...)
	b = append(b, s.ServerChallenge[:]...)
	b = append(b, s.EuiccChallenge[:]...)
	b = append(b, s.EID[:]...)
	b = append(b, byte(s.Curve))
	b = append(b, s.EuiccPK[:]...)
	b = append(b, s.EuiccSignature1[:]...)
	b = append(b, s.SmdpSignature2[:]...)
	b = append(b, boolByte(s.CCRequired))
	b = append(b, s.CCHash[:]...)
	b = append(b, s.CCAttempts)
	b = append(b, boolByte(s.HasOtPKEuicc))
	b = append(b, s.OtPKEuicc[:]...)
	b = append(b, boolByte(s.ReportedPIR))
	b = binary.BigEndian.AppendUint16(b, uint16(len(s.ProfileRef)))
	b = append(b, s.ProfileRef...)
	return b, nil
}

var errSessionEncoding = errors.New("smdp: malformed session encoding")

// UnmarshalBinary decodes the MarshalBinary form.
func (s *Session) UnmarshalBinary(b []byte) error {
	if len(b) < sessionFixedLen || b[0] != sessionVersion {
		return errSessionEncoding
	}
	var x Session
	p := b[1:]
	take := func(n int) []byte { v := p[:n]; p = p[n:]; return v }
	copy(x.TransactionID[:], take(16))
	x.State = State(take(1)[0])
	if exp := int64(binary.BigEndian.Uint64(take(8))); exp != 0 {
		x.Expires = time.Unix(0, exp)
	}
	x.SigningPKID.N = take(1)[0]
	copy(x.SigningPKID.B[:], take(32))
	x.ServerPKID.N = take(1)[0]
	copy(x.ServerPKID.B[:], take(32))
	copy(x.ServerChallenge[:], take(16))
	copy(x.EuiccChallenge[:], take(16))
	copy(x.EID[:], take(16))
	x.Curve = ecdsa.Curve(take(1)[0])
	copy(x.EuiccPK[:], take(65))
	copy(x.EuiccSignature1[:], take(64))
	copy(x.SmdpSignature2[:], take(64))
	cc := take(1)[0]
	copy(x.CCHash[:], take(32))
	x.CCAttempts = take(1)[0]
	ho := take(1)[0]
	copy(x.OtPKEuicc[:], take(65))
	pir := take(1)[0]
	n := int(binary.BigEndian.Uint16(take(2)))
	if cc > 1 || ho > 1 || pir > 1 || x.SigningPKID.N > 32 || x.ServerPKID.N > 32 ||
		x.State < StateInitiated || x.State > StateBound || len(p) != n {
		return errSessionEncoding
	}
	x.CCRequired, x.HasOtPKEuicc, x.ReportedPIR = cc == 1, ho == 1, pir == 1
	x.ProfileRef = string(p)
	*s = x
	return nil
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// SessionStore keeps the sessions of an SM-DP+. Implementations must be safe
// for concurrent use; a store shared by several servers keeps the
// MarshalBinary form. Every method copies: the caller's Session is never
// retained.
type SessionStore interface {
	// Insert adds a new session. ErrSessionExists if its transactionId is
	// taken, ErrStoreFull when the store is at its bound.
	Insert(ctx context.Context, s *Session) error
	// Get fills s with the session of transactionId tid. ErrSessionNotFound
	// when there is none or it has expired.
	Get(ctx context.Context, tid []byte, s *Session) error
	// Update replaces the stored session s.TransactionID with s if the stored
	// one is in state from (compare-and-swap, so that one step of a session
	// runs once even under concurrent replays). ErrSessionNotFound when it is
	// gone, ErrSessionState when its state is not from.
	Update(ctx context.Context, s *Session, from State) error
	// Delete ends the session of tid (no error when absent).
	Delete(ctx context.Context, tid []byte) error
}

// MemoryStoreConfig configures NewMemoryStore. Zero fields take defaults.
type MemoryStoreConfig struct {
	MaxSessions int              // bound on live sessions (default 100000)
	Now         func() time.Time // clock for expiry (default time.Now)
}

// MemoryStore is the embedded default SessionStore: sharded maps under
// mutexes, bounded by MaxSessions, dropping sessions past their Expires
// (lazily on access and on insert, and in Sweep).
type MemoryStore struct {
	max    int
	now    func() time.Time
	seed   maphash.Seed
	shards [memShards]memShard
	mu     sync.Mutex // guards count
	count  int
}

const memShards = 32

type memShard struct {
	mu sync.Mutex
	m  map[[TransactionIDSize]byte]*Session
	_  [40]byte
}

// NewMemoryStore returns an empty store.
func NewMemoryStore(cfg MemoryStoreConfig) *MemoryStore {
	st := &MemoryStore{max: cfg.MaxSessions, now: cfg.Now, seed: maphash.MakeSeed()}
	if st.max <= 0 {
		st.max = 100000
	}
	if st.now == nil {
		st.now = time.Now
	}
	for i := range st.shards {
		st.shards[i].m = make(map[[TransactionIDSize]byte]*Session)
	}
	return st
}

func (st *MemoryStore) shard(k *[TransactionIDSize]byte) *memShard {
	return &st.shards[maphash.Bytes(st.seed, k[:])%memShards]
}

func key(tid []byte) (k [TransactionIDSize]byte, ok bool) {
	if len(tid) != TransactionIDSize {
		return k, false
	}
	copy(k[:], tid)
	return k, true
}

func (st *MemoryStore) adjust(d int) {
	st.mu.Lock()
	st.count += d
	st.mu.Unlock()
}

// Insert implements SessionStore.
func (st *MemoryStore) Insert(ctx context.Context, s *Session) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	st.mu.Lock()
	if st.count >= st.max {
		st.mu.Unlock()
		st.Sweep()
		st.mu.Lock()
		if st.count >= st.max {
			st.mu.Unlock()
			return ErrStoreFull
		}
	}
	st.count++ // reserve
	st.mu.Unlock()
	sh := st.shard(&s.TransactionID)
	sh.mu.Lock()
	if old, ok := sh.m[s.TransactionID]; ok && !st.expired(old) {
		sh.mu.Unlock()
		st.adjust(-1)
		return ErrSessionExists
	} else if ok {
		delete(sh.m, s.TransactionID)
		st.adjust(-1)
	}
	c := *s
	sh.m[s.TransactionID] = &c
	sh.mu.Unlock()
	return nil
}

func (st *MemoryStore) expired(s *Session) bool {
	return !s.Expires.IsZero() && !st.now().Before(s.Expires)
}

// Get implements SessionStore.
func (st *MemoryStore) Get(ctx context.Context, tid []byte, s *Session) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	k, ok := key(tid)
	if !ok {
		return ErrSessionNotFound
	}
	sh := st.shard(&k)
	sh.mu.Lock()
	v, ok := sh.m[k]
	if ok && st.expired(v) {
		delete(sh.m, k)
		sh.mu.Unlock()
		st.adjust(-1)
		return ErrSessionNotFound
	}
	if ok {
		*s = *v
	}
	sh.mu.Unlock()
	if !ok {
		return ErrSessionNotFound
	}
	return nil
}

// Update implements SessionStore.
func (st *MemoryStore) Update(ctx context.Context, s *Session, from State) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	sh := st.shard(&s.TransactionID)
	sh.mu.Lock()
	v, ok := sh.m[s.TransactionID]
	switch {
	case ok && st.expired(v):
		delete(sh.m, s.TransactionID)
		sh.mu.Unlock()
		st.adjust(-1)
		return ErrSessionNotFound
	case !ok:
		sh.mu.Unlock()
		return ErrSessionNotFound
	case v.State != from:
		sh.mu.Unlock()
		return ErrSessionState
	}
	*v = *s
	sh.mu.Unlock()
	return nil
}

// Delete implements SessionStore.
func (st *MemoryStore) Delete(ctx context.Context, tid []byte) error {
	k, ok := key(tid)
	if !ok {
		return nil
	}
	sh := st.shard(&k)
	sh.mu.Lock()
	_, ok = sh.m[k]
	if ok {
		delete(sh.m, k)
	}
	sh.mu.Unlock()
	if ok {
		st.adjust(-1)
	}
	return nil
}

// Sweep drops every expired session.
func (st *MemoryStore) Sweep() {
	for i := range st.shards {
		sh := &st.shards[i]
		n := 0
		sh.mu.Lock()
		for k, v := range sh.m {
			if st.expired(v) {
				delete(sh.m, k)
				n++
			}
		}
		sh.mu.Unlock()
		if n > 0 {
			st.adjust(-n)
		}
	}
}

// Len returns the number of live sessions (it sweeps expired ones first).
func (st *MemoryStore) Len() int {
	st.Sweep()
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.count
}
