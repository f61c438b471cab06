package smdp

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rspengine/rspengine/ecdsa"
)

func sampleSession() Session {
	s := Session{State: StateAuthenticated, Expires: time.Unix(1700000000, 123456789), Curve: ecdsa.BrainpoolP256r1,
		ProfileRef: "mid:AC-TOKEN", CCRequired: true, CCAttempts: 2, HasOtPKEuicc: true, ReportedPIR: false}
	for i := range s.TransactionID {
		s.TransactionID[i] = byte(i)
	}
	s.SigningPKID.set(bytes.Repeat([]byte{0xF5}, 20))
	s.ServerPKID.set(bytes.Repeat([]byte{0xA1}, 20))
	for i := range 16 {
		s.ServerChallenge[i], s.EuiccChallenge[i], s.EID[i] = byte(0x10+i), byte(0x20+i), byte(0x89+i)
	}
	for i := range s.EuiccPK {
		s.EuiccPK[i], s.OtPKEuicc[i] = byte(i), byte(3*i)
	}
	for i := range 64 {
		s.EuiccSignature1[i], s.SmdpSignature2[i] = byte(5*i), byte(7*i)
	}
	for i := range s.CCHash {
		s.CCHash[i] = byte(11 * i)
	}
	return s
}

// TestSessionBinary: MarshalBinary/UnmarshalBinary round-trip every field;
// truncated, extended and out-of-range encodings are refused.
func TestSessionBinary(t *testing.T) {
	s := sampleSession()
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != sessionFixedLen+len(s.ProfileRef) {
		t.Fatalf("length %d", len(b))
	}
	var u Session
	if err := u.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if !u.Expires.Equal(s.Expires) {
		t.Fatal("Expires")
	}
	u.Expires = s.Expires
	if u != s {
		t.Fatalf("round trip:\n%+v\n%+v", u, s)
	}
	for _, bad := range [][]byte{b[:len(b)-1], append(bytes.Clone(b), 0), b[:10], nil} {
		if err := u.UnmarshalBinary(bad); err == nil {
			t.Fatalf("accepted %d bytes", len(bad))
		}
	}
	v := bytes.Clone(b)
	v[0] = 2
	if u.UnmarshalBinary(v) == nil {
		t.Fatal("accepted version 2")
	}
	v = bytes.Clone(b)
	v[17] = 9 // state
	if u.UnmarshalBinary(v) == nil {
		t.Fatal("accepted state 9")
	}
	if n := testing.AllocsPerRun(100, func() { b, _ = s.AppendBinary(b[:0]) }); n != 0 {
		t.Fatalf("AppendBinary allocates %v times", n)
	}
}

// TestMemoryStore: insert/get/update/delete semantics, compare-and-swap on
// the state, the bound, expiry, and no allocation on Get and Update.
func TestMemoryStore(t *testing.T) {
	clock := newClock(time.Unix(1000, 0))
	st := NewMemoryStore(MemoryStoreConfig{MaxSessions: 3, Now: clock.Now})
	ctx := context.Background()
	s := sampleSession()
	s.State = StateInitiated
	s.Expires = clock.Now().Add(time.Minute)
	if err := st.Insert(ctx, &s); err != nil {
		t.Fatal(err)
	}
	if err := st.Insert(ctx, &s); !errors.Is(err, ErrSessionExists) {
		t.Fatalf("duplicate insert: %v", err)
	}
	s.ProfileRef = "changed after insert"
	var g Session
	if err := st.Get(ctx, s.TransactionID[:], &g); err != nil || g.ProfileRef != "mid:AC-TOKEN" {
		t.Fatalf("get: %v %q (the store must copy)", err, g.ProfileRef)
	}
	if err := st.Get(ctx, []byte("short"), &g); !errors.Is(err, ErrSessionNotFound) {
		t.Fatal(err)
	}
	g.State = StateAuthenticated
	if err := st.Update(ctx, &g, StateAuthenticated); !errors.Is(err, ErrSessionState) {
		t.Fatalf("update from the wrong state: %v", err)
	}
	if err := st.Update(ctx, &g, StateInitiated); err != nil {
		t.Fatal(err)
	}
	if err := st.Update(ctx, &g, StateInitiated); !errors.Is(err, ErrSessionState) {
		t.Fatal("second update from the same state succeeded")
	}
	if n := testing.AllocsPerRun(100, func() {
		_ = st.Get(ctx, g.TransactionID[:], &g)
		_ = st.Update(ctx, &g, StateAuthenticated)
	}); n != 0 {
		t.Fatalf("Get+Update allocate %v times", n)
	}
	for i := range 2 {
		x := s
		x.TransactionID[0] = byte(100 + i)
		if err := st.Insert(ctx, &x); err != nil {
			t.Fatal(err)
		}
	}
	x := s
	x.TransactionID[0] = 200
	if err := st.Insert(ctx, &x); !errors.Is(err, ErrStoreFull) {
		t.Fatalf("insert beyond the bound: %v", err)
	}
	if st.Len() != 3 {
		t.Fatal(st.Len())
	}
	_ = st.Delete(ctx, g.TransactionID[:])
	if st.Len() != 2 || st.Get(ctx, g.TransactionID[:], &g) == nil {
		t.Fatal("delete")
	}
	clock.Advance(time.Minute)
	if err := st.Insert(ctx, &x); err != nil { // the bound frees expired sessions
		t.Fatalf("insert after expiry: %v", err)
	}
	if st.Len() != 0 {
		t.Fatalf("Len %d: the inserted session had already expired too", st.Len())
	}
	ctx2, cancel := context.WithCancel(ctx)
	cancel()
	if st.Insert(ctx2, &x) == nil || st.Get(ctx2, x.TransactionID[:], &g) == nil {
		t.Fatal("cancelled context accepted")
	}
}

// TestStatusError: errors.Is / As on the pair, the code and the cause.
func TestStatusError(t *testing.T) {
	cause := errors.New("cause")
	var err error = statusErr(StatusEuiccCertificateInvalid, nil, "m", cause)
	if !errors.Is(err, StatusEuiccCertificateInvalid) || errors.Is(err, StatusEuiccVerificationFailed) || !errors.Is(err, cause) {
		t.Fatal("Is")
	}
	if !errors.Is(err, &StatusError{Subject: "8.1.3", Reason: "6.1"}) {
		t.Fatal("Is *StatusError")
	}
	if !errors.Is(ErrMatchingIDRefused, StatusMatchingIDRefused) {
		t.Fatal("sentinel")
	}
}

// keepRandom remembers the otSK.DP it hands out.
type keepRandom struct {
	counterRandom
	keys []*ecdsa.PrivateKey
}

func (r *keepRandom) OtSK(c ecdsa.Curve) (*ecdsa.PrivateKey, error) {
	k, err := r.counterRandom.OtSK(c)
	r.keys = append(r.keys, k)
	return k, err
}

// TestOtSKWiped: otSK.DP is destroyed once the BPP is built, and the EUM
// cache serves the second download (warm path).
func TestOtSKWiped(t *testing.T) {
	kr := &keepRandom{}
	e := newEnv(t, func(c *Config) { c.Random = kr })
	addProfile(t, e, "MID")
	cd := newCard(t, ecdsa.P256)
	for range 2 {
		f := initiate(t, e, cd)
		authenticate(t, e, f, []byte("MID"))
		getBPP(t, e, f, nil)
		load(t, f) // the keys were right while used
	}
	if len(kr.keys) != 2 {
		t.Fatalf("%d otSK.DP drawn", len(kr.keys))
	}
	for _, k := range kr.keys {
		if b := k.Bytes(); b != [32]byte{} {
			t.Fatal("otSK.DP not wiped after GetBoundProfilePackage")
		}
	}
	if hits, _ := e.srv.cache.Stats(); hits == 0 {
		t.Fatal("the second download did not hit the EUM cache")
	}
}
