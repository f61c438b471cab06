package smdp

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rsp"
)

// Fuzz targets on each ES9+ entry point: any bytes give either success or a
// *StatusError, never a panic, and any response appended is a well-formed
// message of the function. The fuzz server has a fixed transactionId and
// serverChallenge and RFC 6979 signatures, and each iteration first brings a
// session to the step the target needs, so the seeds (valid requests of that
// session, signed over the same smdpSignature2) reach the deep checks and
// succeed.

type fuzzEnv struct {
	e    *env
	fr   *fixedRandom
	c    *card
	ac   []byte // a valid AuthenticateClient request for the fixed session
	gbpp []byte // a valid GetBoundProfilePackage request
	pir  []byte // a valid HandleNotification (PIR)
	cs   []byte // a valid CancelSession request
	snap [StateBound + 1]Session
}

func newFuzzEnv(t testing.TB) *fuzzEnv {
	fr := &fixedRandom{}
	copy(fr.tid[:], "fuzz-transaction")
	copy(fr.chal[:], "fuzz-challenge!!")
	fe := &fuzzEnv{fr: fr}
	fe.e = newEnv(t, func(c *Config) { c.Random, c.DeterministicSignatures = fr, true })
	addProfile(t, fe.e, "MID")
	fe.c = newCard(t, ecdsa.P256)
	copy(fe.c.challenge[:], "euicc-challenge!")
	ctx := context.Background()
	snap := func(st State) {
		if err := fe.e.store.Get(ctx, fe.fr.tid[:], &fe.snap[st]); err != nil || fe.snap[st].State != st {
			t.Fatalf("snapshot %d: %v", st, err)
		}
	}
	f := fe.initiate(t)
	snap(StateInitiated)
	fe.ac = f.authRequest(t, []byte("MID"), nil)
	out, err := fe.e.srv.AuthenticateClient(ctx, fe.ac, nil)
	if err != nil {
		t.Fatal(err)
	}
	snap(StateAuthenticated)
	f.ac, _ = rsp.ParseAuthenticateClientResponse(out)
	fe.gbpp = f.bppRequest(t, nil)
	fe.cs = f.cancelRequest(t, f.tid, fe.e.srv.OID(), fe.c.key)
	getBPP(t, fe.e, f, nil)
	snap(StateBound)
	fe.pir = f.pirNotification(t, fe.e.srv.OID(), fe.c.key)
	return fe
}

func (fe *fuzzEnv) initiate(t testing.TB) *flow {
	_ = fe.e.store.Delete(context.Background(), fe.fr.tid[:])
	return initiate(t, fe.e, fe.c)
}

// toStep puts the fixed session in state st: a snapshot taken while the
// seeds were made is inserted afresh (cheap, so that the fuzzer's
// minimisation stays fast).
func (fe *fuzzEnv) toStep(t testing.TB, st State) {
	ctx := context.Background()
	_ = fe.e.store.Delete(ctx, fe.fr.tid[:])
	s := fe.snap[st]
	if err := fe.e.store.Insert(ctx, &s); err != nil {
		t.Fatal(err)
	}
}

func checkOutcome(t *testing.T, out []byte, err error, parse func([]byte) error) {
	if err != nil {
		var se *StatusError
		if !errors.As(err, &se) {
			t.Fatalf("error %v (%T) is not a *StatusError", err, err)
		}
		if se.Subject == "" || se.Reason == "" {
			t.Fatalf("status without codes: %v", err)
		}
	}
	if len(out) > 0 && parse != nil {
		if perr := parse(out); perr != nil {
			t.Fatalf("response %x does not decode: %v", out, perr)
		}
	}
}

func addSeeds(f *testing.F, seeds ...[]byte) {
	for _, s := range seeds {
		f.Add(s)
		for _, n := range []int{1, 2, 5, len(s) / 2, len(s) - 1} {
			if n > 0 && n < len(s) {
				f.Add(s[:n])
			}
		}
	}
}

func FuzzInitiateAuthentication(f *testing.F) {
	fe := newFuzzEnv(f)
	addSeeds(f, fe.c.initiateRequest())
	parse := func(b []byte) error { _, err := rsp.ParseInitiateAuthenticationResponse(b); return err }
	f.Fuzz(func(t *testing.T, req []byte) {
		_ = fe.e.store.Delete(context.Background(), fe.fr.tid[:])
		out, err := fe.e.srv.InitiateAuthentication(context.Background(), req, nil)
		checkOutcome(t, out, err, parse)
	})
}

func FuzzAuthenticateClient(f *testing.F) {
	fe := newFuzzEnv(f)
	addSeeds(f, fe.ac)
	parse := func(b []byte) error { _, err := rsp.ParseAuthenticateClientResponse(b); return err }
	f.Fuzz(func(t *testing.T, req []byte) {
		fe.toStep(t, StateInitiated)
		out, err := fe.e.srv.AuthenticateClient(context.Background(), req, nil)
		checkOutcome(t, out, err, parse)
	})
}

func FuzzGetBoundProfilePackage(f *testing.F) {
	fe := newFuzzEnv(f)
	addSeeds(f, fe.gbpp)
	parse := func(b []byte) error { _, err := rsp.ParseGetBoundProfilePackageResponse(b); return err }
	f.Fuzz(func(t *testing.T, req []byte) {
		fe.toStep(t, StateAuthenticated)
		out, err := fe.e.srv.GetBoundProfilePackage(context.Background(), req, nil)
		checkOutcome(t, out, err, parse)
	})
}

func FuzzHandleNotification(f *testing.F) {
	fe := newFuzzEnv(f)
	addSeeds(f, fe.pir)
	f.Fuzz(func(t *testing.T, req []byte) {
		fe.toStep(t, StateBound)
		out, err := fe.e.srv.HandleNotification(context.Background(), req, nil)
		if len(out) != 0 {
			t.Fatal("HandleNotification appended a response")
		}
		checkOutcome(t, out, err, nil)
	})
}

func FuzzCancelSession(f *testing.F) {
	fe := newFuzzEnv(f)
	addSeeds(f, fe.cs)
	parse := func(b []byte) error { _, err := rsp.ParseCancelSessionResponseEs9(b); return err }
	f.Fuzz(func(t *testing.T, req []byte) {
		fe.toStep(t, StateAuthenticated)
		out, err := fe.e.srv.CancelSession(context.Background(), req, nil)
		checkOutcome(t, out, err, parse)
	})
}

// TestWriteFuzzCorpus regenerates the committed seed corpora
// (testdata/fuzz/FuzzXxx) when SMDP_WRITE_CORPUS=1.
func TestWriteFuzzCorpus(t *testing.T) {
	if os.Getenv("SMDP_WRITE_CORPUS") != "1" {
		t.Skip("set SMDP_WRITE_CORPUS=1 to rewrite testdata/fuzz")
	}
	fe := newFuzzEnv(t)
	for name, seed := range map[string][]byte{
		"FuzzInitiateAuthentication": fe.c.initiateRequest(), "FuzzAuthenticateClient": fe.ac,
		"FuzzGetBoundProfilePackage": fe.gbpp, "FuzzHandleNotification": fe.pir, "FuzzCancelSession": fe.cs,
	} {
		dir := filepath.Join("testdata", "fuzz", name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for i, s := range [][]byte{seed, seed[:len(seed)/2], seed[:len(seed)-1]} {
			body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", s)
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("seed-%d", i)), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestFuzzSeedsSucceed: the valid seeds pass every check in the fuzz
// setting, so the fuzzers start from the deepest path.
func TestFuzzSeedsSucceed(t *testing.T) {
	fe := newFuzzEnv(t)
	ctx := context.Background()
	fe.toStep(t, StateInitiated)
	if _, err := fe.e.srv.AuthenticateClient(ctx, fe.ac, nil); err != nil {
		t.Fatal(err)
	}
	fe.toStep(t, StateAuthenticated)
	if _, err := fe.e.srv.GetBoundProfilePackage(ctx, fe.gbpp, nil); err != nil {
		t.Fatal(err)
	}
	fe.toStep(t, StateAuthenticated)
	if _, err := fe.e.srv.CancelSession(ctx, fe.cs, nil); err != nil {
		t.Fatal(err)
	}
	fe.toStep(t, StateBound)
	if _, err := fe.e.srv.HandleNotification(ctx, fe.pir, nil); err != nil {
		t.Fatal(err)
	}
}
