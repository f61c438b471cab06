package smdp

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	stdecdh "crypto/ecdh"
	stdecdsa "crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"crypto/x509"
	"encoding/binary"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rsp"
)

// cycleRandom hands out a fixed cycle of transactionIds and
// serverChallenges, so that the card side of each can be precomputed.
type cycleRandom struct {
	tids, chals [][16]byte
	i, j        int
}

func (r *cycleRandom) TransactionID(t *[16]byte) error {
	*t = r.tids[r.i%len(r.tids)]
	r.i++
	return nil
}
func (r *cycleRandom) ServerChallenge(c *[16]byte) error {
	*c = r.chals[r.j%len(r.chals)]
	r.j++
	return nil
}
func (r *cycleRandom) OtSK(c ecdsa.Curve) (*ecdsa.PrivateKey, error) { return CryptoRandom{}.OtSK(c) }

// BenchmarkSession measures one download's SM-DP+ work: InitiateAuthentication
// + AuthenticateClient + GetBoundProfilePackage on a 20 KiB profile (P-256),
// the card side precomputed (its requests are replayed over a cycle of 64
// sessions, with RFC 6979 server signatures so that the precomputed
// PrepareDownloadResponse still signs the right smdpSignature2), the EUM in
// rspcert's cache (warm path), otSK.DP fresh from crypto/rand each time. The
// session is deleted after the BPP (the PIR is not part of the measure).
//
// impl=stdlib is the same cryptographic work done the way a careful engineer
// would with the standard library alone (crypto/ecdsa, crypto/x509
// signature check of CERT.EUICC with the EUM parsed once, crypto/ecdh,
// SHA-256 KDF, AES-CBC and an AES-CMAC over 1 KiB segments) and none of the
// ASN.1, sessions or checks: a floor, not a full SM-DP+.
func BenchmarkSession(b *testing.B) {
	b.Run("impl=rspengine", benchSessionOurs)
	b.Run("impl=stdlib", benchSessionStdlib)
}

const benchProfileSize = 20 << 10

// sessionRunner precomputes the card side of a cycle of 64 sessions and
// returns a function running the server side of the next one.
func sessionRunner(b testing.TB) func() {
	const cycle = 64
	cr := &cycleRandom{}
	for i := range cycle {
		var t, c [16]byte
		binary.BigEndian.PutUint64(t[8:], uint64(i+1))
		copy(t[:8], "benchtid")
		binary.BigEndian.PutUint64(c[:], uint64(i)*0x9E3779B97F4A7C15)
		cr.tids, cr.chals = append(cr.tids, t), append(cr.chals, c)
	}
	e := newEnv(b, func(c *Config) { c.Random, c.DeterministicSignatures = cr, true })
	upp := make([]byte, benchProfileSize)
	rand.Read(upp)
	if err := e.cat.Add("BENCH", &Profile{UPP: upp, StoreMetadata: metadata(1, "bench")}); err != nil {
		b.Fatal(err)
	}
	cd := newCard(b, ecdsa.P256)
	ctx := context.Background()
	iaReq := cd.initiateRequest()
	acReqs := make([][]byte, cycle)
	gbReqs := make([][]byte, cycle)
	for i := range cycle {
		f := initiate(b, e, cd)
		acReqs[i] = f.authRequest(b, []byte("BENCH"), nil)
		out, err := e.srv.AuthenticateClient(ctx, acReqs[i], nil)
		if err != nil {
			b.Fatal(err)
		}
		f.ac, _ = rsp.ParseAuthenticateClientResponse(out)
		gbReqs[i] = f.bppRequest(b, nil)
		if _, err := e.srv.GetBoundProfilePackage(ctx, gbReqs[i], nil); err != nil {
			b.Fatal(err)
		}
		_ = e.store.Delete(ctx, f.tid)
	}
	buf := make([]byte, 0, 32<<10)
	k := 0
	return func() {
		i := k % cycle
		k++
		out, err := e.srv.InitiateAuthentication(ctx, iaReq, buf[:0])
		if err != nil {
			b.Fatal(err)
		}
		if _, err = e.srv.AuthenticateClient(ctx, acReqs[i], out[:0]); err != nil {
			b.Fatal(err)
		}
		if out, err = e.srv.GetBoundProfilePackage(ctx, gbReqs[i], out[:0]); err != nil {
			b.Fatal(err)
		}
		buf = out
		_ = e.store.Delete(ctx, cr.tids[i][:])
	}
}

func benchSessionOurs(b *testing.B) {
	run := sessionRunner(b)
	b.ReportAllocs()
	b.SetBytes(benchProfileSize)
	for b.Loop() {
		run()
	}
}

// TestSessionAllocs pins the allocations of a whole download's server side
// (IA + AC + GBPP, 20 KiB profile, buffers reused): the session map entry, the
// catalogue reference, otSK.DP and the validated public keys — a bound, so
// that a regression shows.
func TestSessionAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	run := sessionRunner(t)
	if n := testing.AllocsPerRun(20, run); n > 16 {
		t.Fatalf("a session allocates %v objects, want at most 16", n)
	}
}

// stdlib reference ---------------------------------------------------------

type cmac struct {
	c      cipher.Block
	k1, k2 [16]byte
}

func newCMAC(key []byte) *cmac {
	c, _ := aes.NewCipher(key)
	m := &cmac{c: c}
	var l [16]byte
	c.Encrypt(l[:], l[:])
	dbl := func(dst, src *[16]byte) {
		carry := src[0] >> 7
		for i := 0; i < 15; i++ {
			dst[i] = src[i]<<1 | src[i+1]>>7
		}
		dst[15] = src[15]<<1 ^ 0x87*carry
	}
	dbl(&m.k1, &l)
	dbl(&m.k2, &m.k1)
	return m
}

func (m *cmac) sum(msg []byte) [16]byte {
	var x [16]byte
	for len(msg) > 16 {
		subtle.XORBytes(x[:], x[:], msg[:16])
		m.c.Encrypt(x[:], x[:])
		msg = msg[16:]
	}
	var last [16]byte
	copy(last[:], msg)
	if len(msg) == 16 {
		subtle.XORBytes(last[:], last[:], m.k1[:])
	} else {
		last[len(msg)] = 0x80
		subtle.XORBytes(last[:], last[:], m.k2[:])
	}
	subtle.XORBytes(x[:], x[:], last[:])
	m.c.Encrypt(x[:], x[:])
	return x
}

func benchSessionStdlib(b *testing.B) {
	p := newEnv(b).pkis[ecdsa.P256]
	dpauth, _ := p.DPauth.Key.ToStdlib()
	dppb, _ := p.DPpb.Key.ToStdlib()
	euiccKey, _ := p.EUICC.Key.ToStdlib()
	eum, err := x509.ParseCertificate(p.EUM.Cert) // cached: parsed once
	if err != nil {
		b.Fatal(err)
	}
	// Card side precomputed: signatures over fixed data.
	signed1 := make([]byte, 600)
	signed2 := make([]byte, 120)
	rand.Read(signed1)
	rand.Read(signed2)
	d1 := sha256.Sum256(signed1)
	sig1, _ := stdecdsa.SignASN1(rand.Reader, euiccKey, d1[:])
	d2 := sha256.Sum256(signed2)
	sig2, _ := stdecdsa.SignASN1(rand.Reader, euiccKey, d2[:])
	otEuicc, _ := stdecdh.P256().GenerateKey(rand.Reader)
	otEuiccPub := otEuicc.PublicKey()
	upp := make([]byte, benchProfileSize)
	rand.Read(upp)
	ct := make([]byte, benchProfileSize+1024)
	b.ReportAllocs()
	b.SetBytes(benchProfileSize)
	for b.Loop() {
		// InitiateAuthentication: serverSignature1.
		var ss1 [96]byte
		rand.Read(ss1[:32])
		d := sha256.Sum256(ss1[:])
		if _, err := stdecdsa.SignASN1(rand.Reader, dpauth, d[:]); err != nil {
			b.Fatal(err)
		}
		// AuthenticateClient: CERT.EUICC under the (cached) EUM, euiccSignature1,
		// smdpSignature2.
		euicc, err := x509.ParseCertificate(p.EUICC.Cert)
		if err != nil {
			b.Fatal(err)
		}
		if err := euicc.CheckSignatureFrom(eum); err != nil {
			b.Fatal(err)
		}
		pk := euicc.PublicKey.(*stdecdsa.PublicKey)
		d = sha256.Sum256(signed1)
		if !stdecdsa.VerifyASN1(pk, d[:], sig1) {
			b.Fatal("sig1")
		}
		d = sha256.Sum256(signed2[:40])
		if _, err := stdecdsa.SignASN1(rand.Reader, dppb, d[:]); err != nil {
			b.Fatal(err)
		}
		// GetBoundProfilePackage: euiccSignature2, ECKA, KDF, ISCR signature,
		// AES-CBC + CMAC per 1 KiB segment.
		d = sha256.Sum256(signed2)
		if !stdecdsa.VerifyASN1(pk, d[:], sig2) {
			b.Fatal("sig2")
		}
		otDP, _ := stdecdh.P256().GenerateKey(rand.Reader)
		z, err := otDP.ECDH(otEuiccPub)
		if err != nil {
			b.Fatal(err)
		}
		var keys [48]byte
		for i := range 2 {
			h := sha256.New()
			h.Write(z)
			h.Write([]byte{0, 0, 0, byte(i + 1)})
			h.Write([]byte("shared-info-with-eid"))
			h.Sum(keys[i*32 : i*32])
		}
		d = sha256.Sum256(otDP.PublicKey().Bytes())
		if _, err := stdecdsa.SignASN1(rand.Reader, dppb, d[:]); err != nil {
			b.Fatal(err)
		}
		enc, _ := aes.NewCipher(keys[16:32])
		mac := newCMAC(keys[32:48])
		var chain [16]byte
		for off := 0; off < len(upp); off += 1008 {
			seg := upp[off:min(off+1008, len(upp))]
			var iv [16]byte
			binary.BigEndian.PutUint64(iv[8:], uint64(off/1008+1))
			enc.Encrypt(iv[:], iv[:])
			padded := append(ct[:0], seg...)
			padded = append(padded, 0x80)
			for len(padded)%16 != 0 {
				padded = append(padded, 0)
			}
			cipher.NewCBCEncrypter(enc, iv[:]).CryptBlocks(padded, padded)
			m := append(append(ct[len(padded):len(padded)], chain[:]...), padded...)
			chain = mac.sum(m)
		}
	}
}
