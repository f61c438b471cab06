package smdp

import (
	"bytes"
	"context"
	"encoding/hex"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rsp"
)

// TestConcurrentSessions: 1,000 downloads on both curves, interleaved step by
// step across goroutines against one Server (run under go test -race in CI):
// every session completes with its own transactionId and its own profile
// (a sample is installed with bpp.Loader), nothing is lost, and once the
// sessions that got no notification expire the store is empty again.
func TestConcurrentSessions(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 200
	}
	e := newEnv(t, func(c *Config) { c.SessionTTL = time.Minute })
	for i := range n {
		if err := e.cat.Add("MID-"+itoa(i), &Profile{UPP: []byte("profile " + itoa(i)), StoreMetadata: metadata(byte(i), "p"+itoa(i))}); err != nil {
			t.Fatal(err)
		}
	}
	cards := map[ecdsa.Curve]*card{ecdsa.P256: newCard(t, ecdsa.P256), ecdsa.BrainpoolP256r1: newCard(t, ecdsa.BrainpoolP256r1)}
	const workers = 8
	var (
		wg     sync.WaitGroup
		failed atomic.Int32
		tids   sync.Map
		done   atomic.Int32
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each worker keeps a window of 4 sessions and advances them in
			// turn, so the steps of different sessions interleave.
			type st struct {
				i int
				f *flow
			}
			var win []*st
			next := w
			for len(win) > 0 || next < n {
				for len(win) < 4 && next < n {
					c := *cards[curves[next%2]]
					cryptoRandRead(c.challenge[:])
					win = append(win, &st{i: next, f: &flow{c: &c}})
					next += workers
				}
				s := win[0]
				win = win[1:]
				ok := step(t, e, s.i, s.f, &tids)
				if !ok {
					failed.Add(1)
					continue
				}
				if s.f.bppDER == nil {
					win = append(win, s)
				} else {
					done.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if failed.Load() != 0 || int(done.Load()) != n {
		t.Fatalf("%d failures, %d of %d sessions completed", failed.Load(), done.Load(), n)
	}
	if got := e.store.Len(); got != n/2 {
		t.Fatalf("store holds %d sessions, want the %d without notification", got, n/2)
	}
	e.clock.Advance(time.Minute)
	if got := e.store.Len(); got != 0 {
		t.Fatalf("store holds %d sessions after expiry", got)
	}
}

// step advances one session by one ES9+ call; every other session sends the
// ProfileInstallationResult right after its BPP.
func step(t *testing.T, e *env, i int, f *flow, tids *sync.Map) bool {
	ctx := context.Background()
	switch {
	case f.tid == nil:
		out, err := e.srv.InitiateAuthentication(ctx, f.c.initiateRequest(), nil)
		if err != nil {
			t.Errorf("session %d: InitiateAuthentication: %v", i, err)
			return false
		}
		f.ia, err = rsp.ParseInitiateAuthenticationResponse(out)
		if err != nil {
			t.Error(err)
			return false
		}
		f.tid = f.ia.Ok.TransactionID
		if _, dup := tids.LoadOrStore(hex.EncodeToString(f.tid), i); dup {
			t.Errorf("session %d: transactionId reused", i)
			return false
		}
	case f.acDER == nil:
		out, err := e.srv.AuthenticateClient(ctx, f.authRequest(t, []byte("MID-"+itoa(i)), nil), nil)
		if err != nil {
			t.Errorf("session %d: AuthenticateClient: %v", i, err)
			return false
		}
		f.acDER = out
		f.ac, _ = rsp.ParseAuthenticateClientResponse(out)
	default:
		out, err := e.srv.GetBoundProfilePackage(ctx, f.bppRequest(t, nil), nil)
		if err != nil {
			t.Errorf("session %d: GetBoundProfilePackage: %v", i, err)
			return false
		}
		gb, err := rsp.ParseGetBoundProfilePackageResponse(out)
		if err != nil || !bytes.Equal(gb.TransactionID, f.tid) {
			t.Errorf("session %d: BPP response: %v", i, err)
			return false
		}
		f.bppDER = gb.BoundProfilePackage.Raw
		if i%97 == 0 {
			if h := load(t, f); string(h.profile) != "profile "+itoa(i) {
				t.Errorf("session %d installed %q", i, h.profile)
				return false
			}
		}
		if i%2 == 0 {
			if _, err := e.srv.HandleNotification(ctx, f.pirNotification(t, e.srv.OID(), f.c.key), nil); err != nil {
				t.Errorf("session %d: HandleNotification: %v", i, err)
				return false
			}
		}
	}
	return true
}

func itoa(i int) string {
	var b [20]byte
	n := len(b)
	for {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
		if i == 0 {
			return string(b[n:])
		}
	}
}

// TestConcurrentReplay: the same AuthenticateClient and
// GetBoundProfilePackage requests sent at once from many goroutines succeed
// exactly once each (the store's compare-and-swap on the session state).
func TestConcurrentReplay(t *testing.T) {
	e := newEnv(t)
	addProfile(t, e, "MID")
	f := initiate(t, e, newCard(t, ecdsa.P256))
	race := func(req []byte, call func(context.Context, []byte, []byte) ([]byte, error)) int {
		var wins atomic.Int32
		var wg sync.WaitGroup
		for range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := call(context.Background(), req, nil); err == nil {
					wins.Add(1)
				} else if !isStatus(err, StatusTransactionIDUnknown) {
					t.Errorf("loser got %v", err)
				}
			}()
		}
		wg.Wait()
		return int(wins.Load())
	}
	req := f.authRequest(t, []byte("MID"), nil)
	if w := race(req, e.srv.AuthenticateClient); w != 1 {
		t.Fatalf("AuthenticateClient succeeded %d times", w)
	}
	out, _ := e.srv.AuthenticateClient(context.Background(), req, nil)
	_ = out
	var s Session
	if err := e.store.Get(context.Background(), f.tid, &s); err != nil {
		t.Fatal(err)
	}
	var do [67]byte
	f.ac.Ok.SmdpSignature2DO = sigDO(&do, &s.SmdpSignature2)
	if w := race(f.bppRequest(t, nil), e.srv.GetBoundProfilePackage); w != 1 {
		t.Fatalf("GetBoundProfilePackage succeeded %d times", w)
	}
}

func isStatus(err error, st rsp.StatusCode) bool {
	se, ok := err.(*StatusError)
	return ok && se.Subject == st.Subject && se.Reason == st.Reason
}
