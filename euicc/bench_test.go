package euicc

import (
	stdecdsa "crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"math/big"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/testpki"
	"github.com/rspengine/rspengine/rsp"
)

// TestAllocs pins the allocation-free read paths: GetEuiccChallenge and GetEID
// appending into a caller's buffer. (State-changing functions allocate: they
// copy the State and encode it for the Store.)
func TestAllocs(t *testing.T) {
	e := newEUICC(t)
	dst := make([]byte, 0, 256)
	for name, req := range map[string][]byte{
		"GetEuiccChallenge": rsp.AppendEmptyRequest(nil, rsp.TagGetEuiccChallenge),
		"GetEID":            rsp.AppendGetEuiccDataRequest(nil),
	} {
		if n := testing.AllocsPerRun(100, func() {
			if _, err := e.Handle(req, dst[:0]); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%s: %v allocations, want 0", name, n)
		}
	}
}

// BenchmarkDownload is a whole download (GetEuiccChallenge,
// AuthenticateServer, PrepareDownload, every LoadBoundProfilePackage segment)
// on each curve. The timer includes the SM-DP+ side of the test (its two
// signatures and the binding of the BPP with bpp.AppendBuild), so it measures
// both ends of one download in one process.
// There is no standard-library eUICC to compare with: the ratios of the
// primitives underneath are in the ecdsa, ecka, scp03t and bpp benchmarks,
// and BenchmarkAuthenticateServer compares the most expensive ES10 call.
func BenchmarkDownload(b *testing.B) {
	for _, c := range curves {
		b.Run("curve="+c.String()+"/impl=rspengine", func(b *testing.B) {
			e := newEUICC(b)
			p := newProfile(b, 1, nil)
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				e.mu.Lock()
				e.state = &State{}
				e.mu.Unlock()
				d := newDP(b, e, c)
				b.StartTimer()
				r := d.download(p)
				if !r.Data.IsSuccess {
					b.Fatal(r.Data.Error.ErrorReason)
				}
			}
		})
	}
}

// BenchmarkAuthenticateServer compares ES10b.AuthenticateServer on the card
// (impl=rspengine: parse, CERT.DPauth chain with rspcert, serverSignature1,
// euiccSigned1 signed by the ECASD, response) with the same cryptographic
// work done by the standard library (impl=stdlib: crypto/x509 parse and
// CheckSignatureFrom the CI, crypto/ecdsa verify of serverSignature1 and a
// signature with SK.EUICC, the response encoded with the same rsp builders).
// NIST P-256 only (the standard library has no brainpool).
func BenchmarkAuthenticateServer(b *testing.B) {
	p := testpki.Default(ecdsa.P256)
	b.Run("impl=rspengine", func(b *testing.B) {
		e := newEUICC(b)
		d := newDP(b, e, ecdsa.P256)
		ch := d.challenge()
		req := d.authRequest(ch, nil)
		dst := make([]byte, 0, 4096)
		if r := authErr(b, e, req); r != -1 {
			b.Fatal(r)
		}
		b.ReportAllocs()
		for b.Loop() {
			e.challenge, e.hasChallenge = [16]byte(ch), true
			out, err := e.Handle(req, dst[:0])
			if err != nil || len(out) < 1000 {
				b.Fatalf("%v %x", err, out)
			}
		}
	})
	b.Run("impl=stdlib", func(b *testing.B) {
		e := newEUICC(b)
		d := newDP(b, e, ecdsa.P256)
		req := d.authRequest(d.challenge(), nil)
		ci, err := x509.ParseCertificate(p.CI.Cert)
		if err != nil {
			b.Fatal(err)
		}
		sk, err := p.EUICC.Key.ToStdlib()
		if err != nil {
			b.Fatal(err)
		}
		info := e.euiccInfo2()
		dst := make([]byte, 0, 4096)
		b.ReportAllocs()
		for b.Loop() {
			q, err := rsp.ParseAuthenticateServerRequest(req)
			if err != nil {
				b.Fatal(err)
			}
			cert, err := x509.ParseCertificate(q.ServerCertificate)
			if err != nil || cert.CheckSignatureFrom(ci) != nil {
				b.Fatal("chain")
			}
			pub := cert.PublicKey.(*stdecdsa.PublicKey)
			h := sha256.Sum256(q.ServerSigned1.Raw)
			r, s := new(big.Int).SetBytes(q.ServerSignature1[:32]), new(big.Int).SetBytes(q.ServerSignature1[32:])
			if !stdecdsa.Verify(pub, h[:], r, s) {
				b.Fatal("signature")
			}
			es1 := rsp.EuiccSigned1{TransactionID: q.ServerSigned1.TransactionID, ServerAddress: q.ServerSigned1.ServerAddress, ServerChallenge: q.ServerSigned1.ServerChallenge, EuiccInfo2: info, CtxParams1: q.CtxParams1}
			signed := rsp.AppendEuiccSigned1(nil, &es1)
			h = sha256.Sum256(signed)
			sr, ss, err := stdecdsa.Sign(rand.Reader, sk, h[:])
			if err != nil {
				b.Fatal(err)
			}
			var sig [64]byte
			sr.FillBytes(sig[:32])
			ss.FillBytes(sig[32:])
			_ = rsp.AppendAuthenticateServerResponseOk(dst[:0], signed, sig[:], p.EUICC.Cert, p.EUM.Cert)
		}
	})
}
