package ecdsa

import (
	"bytes"
	stdecdsa "crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"io"
	"math/big"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRFC6979P256 checks the deterministic nonce and signature against RFC
// 6979 Appendix A.2.5 (ECDSA, 256 bits (prime field), key pair, "With
// SHA-256" for the messages "sample" and "test").
func TestRFC6979P256(t *testing.T) {
	x := unhex(t, "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721")
	sk, err := NewPrivateKey(P256, x)
	if err != nil {
		t.Fatal(err)
	}
	pub := sk.Public().Bytes()
	if want := "04" + "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6" + "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299"; !bytes.Equal(pub[:], unhex(t, want)) {
		t.Fatalf("public key %x, want %s", pub, want)
	}
	for _, v := range []struct{ msg, k, r, s string }{
		{"sample", "A6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60",
			"EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716", "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"},
		{"test", "D16B6AE827F17175E040871A1C7EC3500192C4C92677336EC2537ACAEE0008E0",
			"F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367", "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"},
	} {
		h := sha256.Sum256([]byte(v.msg))
		n := P256.OrderBytes()
		var g drbg
		var k [32]byte
		g.init(&sk.d, h[:], &n, nil)
		g.next(&k, &n)
		if !bytes.Equal(k[:], unhex(t, v.k)) {
			t.Errorf("%s: k = %X, want %s", v.msg, k, v.k)
		}
		sig, err := Sign(nil, sk, h[:])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(sig[:], unhex(t, v.r+v.s)) {
			t.Errorf("%s: sig = %X, want %s%s", v.msg, sig, v.r, v.s)
		}
		if !Verify(sk.Public(), h[:], sig[:]) {
			t.Errorf("%s: own signature rejected", v.msg)
		}
	}
}

// TestRFC6979Retry drives the DRBG past a rejected candidate: with n = 1 no
// candidate is in range, with n = 2^256-1 the stream must equal the
// step-h.3 sequence written out by hand.
func TestRFC6979Stream(t *testing.T) {
	var n [32]byte
	for i := range n {
		n[i] = 0xFF
	}
	x := [32]byte{31: 1}
	h := sha256.Sum256(nil)
	var g drbg
	g.init(&x, h[:], &n, []byte("extra"))
	var k1, k2 [32]byte
	g.next(&k1, &n)
	g.next(&k2, &n)
	// By hand: V1 = HMAC_K(V); then K' = HMAC_K(V1‖00), V' = HMAC_K'(V1), V2 = HMAC_K'(V').
	var ref drbg
	ref.init(&x, h[:], &n, []byte("extra"))
	v1 := hmacSHA256(&ref.k, ref.v[:])
	kk := hmacSHA256(&ref.k, append(v1[:], 0))
	vv := hmacSHA256(&kk, v1[:])
	v2 := hmacSHA256(&kk, vv[:])
	if k1 != v1 || k2 != v2 {
		t.Fatalf("DRBG stream %x %x, want %x %x", k1, k2, v1, v2)
	}
	var noExtra drbg
	noExtra.init(&x, h[:], &n, nil)
	var k3 [32]byte
	noExtra.next(&k3, &n)
	if k3 == k1 {
		t.Fatal("additional data did not change the nonce")
	}
}

func TestHMACAgainstStdlib(t *testing.T) {
	for _, l := range []int{0, 1, 32, 33, 97, maxMsg} {
		var key [32]byte
		rand.Read(key[:])
		msg := make([]byte, l)
		rand.Read(msg)
		got := hmacSHA256(&key, msg)
		m := hmacStd(key[:], msg)
		if !bytes.Equal(got[:], m) {
			t.Fatalf("len %d: HMAC mismatch", l)
		}
	}
}

func TestBits2Octets(t *testing.T) {
	n := P256.OrderBytes()
	nb := new(big.Int).SetBytes(n[:])
	for i := 0; i < 200; i++ {
		h := make([]byte, mrand.IntN(70))
		rand.Read(h)
		if i%3 == 0 && len(h) >= 4 {
			copy(h, []byte{0xFF, 0xFF, 0xFF, 0xFF})
		}
		var out [32]byte
		bits2octets(&out, h, &n)
		hh := h
		if len(hh) > 32 {
			hh = hh[:32]
		}
		want := new(big.Int).Mod(new(big.Int).SetBytes(hh), nb)
		if new(big.Int).SetBytes(out[:]).Cmp(want) != 0 {
			t.Fatalf("bits2octets(%x) = %x", h, out)
		}
	}
	a, b := [32]byte{31: 1}, [32]byte{31: 2}
	if !lessThan(&a, &b) || lessThan(&b, &a) || lessThan(&a, &a) {
		t.Fatal("lessThan")
	}
}

func TestSignatureDER(t *testing.T) {
	var sig [64]byte
	sig[31] = 1
	sig[32] = 0x80
	der := AppendASN1Signature(nil, &sig)
	if want := "3026020101022100" + "80" + strings.Repeat("00", 31); !bytes.Equal(der, unhex(t, want)) {
		t.Fatalf("DER %x, want %s", der, want)
	}
	back, err := SignatureFromASN1(der)
	if err != nil || back != sig {
		t.Fatalf("round trip: %v", err)
	}
	bad := []string{
		"",
		"3006020101020101" + "00",     // trailing byte
		"300702020001020101",          // non-minimal r
		"3006020181020101",            // negative r
		"30060201010201",              // truncated
		"3003020101",                  // missing s
		"30090201010201010201" + "01", // three INTEGERs
		"3080020101020101" + "0000",   // indefinite length
		"308106020101020101",          // long-form length
		"3024020101022100" + strings.Repeat("11", 33), // s of 33 bytes magnitude
		"3006040101020101",                            // OCTET STRING for r
		"3100",                                        // SET
	}
	for _, h := range bad {
		if _, err := SignatureFromASN1(unhex(t, h)); !errors.Is(err, ErrSignatureEncoding) {
			t.Errorf("%s accepted (err %v)", h, err)
		}
	}
}

func TestSignVerifyBothCurves(t *testing.T) {
	for _, c := range []Curve{P256, BrainpoolP256r1} {
		sk, err := GenerateKey(c, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 8; i++ {
			msg := make([]byte, i*13)
			rand.Read(msg)
			h := sha256.Sum256(msg)
			sig, err := Sign(rand.Reader, sk, h[:])
			if err != nil {
				t.Fatal(err)
			}
			der, err := SignASN1(rand.Reader, sk, h[:], []byte{0xEE})
			if err != nil || der[0] != 0xEE {
				t.Fatal("SignASN1 must append")
			}
			v := NewVerifier(sk.Public())
			if !Verify(sk.Public(), h[:], sig[:]) || !v.Verify(h[:], sig[:]) || !VerifyASN1(sk.Public(), h[:], der[1:]) || !v.VerifyASN1(h[:], der[1:]) {
				t.Fatalf("%v: valid signature rejected", c)
			}
			for _, mod := range []func([]byte) []byte{
				func(s []byte) []byte { s[5] ^= 0x10; return s },
				func(s []byte) []byte { s[40] ^= 1; return s },
				func(s []byte) []byte { return s[:63] },
				func(s []byte) []byte { return append(s, 0) },
			} {
				s := mod(bytes.Clone(sig[:]))
				if Verify(sk.Public(), h[:], s) || v.Verify(h[:], s) {
					t.Fatalf("%v: modified signature accepted", c)
				}
			}
			h[0] ^= 1
			if Verify(sk.Public(), h[:], sig[:]) {
				t.Fatalf("%v: signature accepted for another digest", c)
			}
		}
	}
}

// TestHedged: with randomness the same message gets different signatures;
// without, RFC 6979 gives the same one; a fixed reader makes it reproducible.
func TestHedged(t *testing.T) {
	sk, _ := GenerateKey(BrainpoolP256r1, nil)
	h := sha256.Sum256([]byte("hedge"))
	a, _ := Sign(rand.Reader, sk, h[:])
	b, _ := Sign(rand.Reader, sk, h[:])
	if a == b {
		t.Error("hedged signatures repeat")
	}
	c, _ := Sign(nil, sk, h[:])
	d, _ := Sign(nil, sk, h[:])
	if c != d || c == a {
		t.Error("nil rand must give deterministic RFC 6979 signatures")
	}
	e, _ := Sign(bytes.NewReader(make([]byte, 32)), sk, h[:])
	f, _ := Sign(bytes.NewReader(make([]byte, 32)), sk, h[:])
	if e != f || e == c {
		t.Error("additional data from a fixed reader must be reproducible and differ from none")
	}
	if _, err := Sign(bytes.NewReader(nil), sk, h[:]); !errors.Is(err, io.EOF) {
		t.Errorf("failing reader: err = %v", err)
	}
}

func TestDestroy(t *testing.T) {
	sk, _ := GenerateKey(P256, rand.Reader)
	h := sha256.Sum256(nil)
	sk.Destroy()
	if sk.Bytes() != ([32]byte{}) {
		t.Fatal("scalar not wiped")
	}
	if _, err := Sign(rand.Reader, sk, h[:]); !errors.Is(err, ErrDestroyed) {
		t.Fatalf("destroyed key signs: %v", err)
	}
	if _, err := sk.ToStdlib(); !errors.Is(err, ErrDestroyed) {
		t.Fatal("destroyed key converts")
	}
}

func TestKeyRanges(t *testing.T) {
	for _, c := range []Curve{P256, BrainpoolP256r1} {
		n := c.OrderBytes()
		if _, err := NewPrivateKey(c, n[:]); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("%v: d = n accepted", c)
		}
		if _, err := NewPrivateKey(c, []byte{0}); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("%v: d = 0 accepted", c)
		}
		if _, err := NewPrivateKey(c, make([]byte, 33)); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("%v: 33-byte d accepted", c)
		}
		sk, err := NewPrivateKey(c, []byte{1})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := NewPublicKey(c, make([]byte, 65)); !errors.Is(err, ErrInvalidPublicKey) {
			t.Errorf("%v: zero point accepted", c)
		}
		p := sk.Public().Bytes()
		p[64] ^= 1
		if _, err := NewPublicKey(c, p[:]); err == nil {
			t.Errorf("%v: off-curve point accepted", c)
		}
		comp := append([]byte{2 | (p[64]^1)&1}, p[1:33]...)
		pk, err := NewPublicKey(c, comp)
		if err != nil || !pk.Equal(sk.Public()) {
			t.Errorf("%v: compressed generator: %v", c, err)
		}
	}
	if _, err := NewPrivateKey(7, []byte{1}); !errors.Is(err, ErrUnsupportedCurve) {
		t.Error("curve 7 accepted")
	}
	if _, err := GenerateKey(7, nil); !errors.Is(err, ErrUnsupportedCurve) {
		t.Error("curve 7 accepted")
	}
}

func TestOIDs(t *testing.T) {
	for _, c := range []Curve{P256, BrainpoolP256r1} {
		if got, ok := CurveFromOID(OIDOf(c)); !ok || got != c {
			t.Errorf("%v: OID round trip", c)
		}
	}
	if _, ok := CurveFromOID([]byte{0x2A}); ok || OIDOf(9) != nil {
		t.Error("unknown OID accepted")
	}
	if !bytes.Equal(OIDOf(BrainpoolP256r1), unhex(t, "2b2403030208010107")) || !bytes.Equal(OIDOf(P256), unhex(t, "2a8648ce3d030107")) {
		t.Error("OID bytes")
	}
}

// TestStdlibDifferential signs and verifies random messages across this
// package and crypto/ecdsa (P-256), and converts keys both ways.
func TestStdlibDifferential(t *testing.T) {
	for i := 0; i < 64; i++ {
		ssk, _ := stdecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		sk, err := PrivateKeyFromStdlib(ssk)
		if err != nil {
			t.Fatal(err)
		}
		pk, err := FromStdlib(&ssk.PublicKey)
		if err != nil || !pk.Equal(sk.Public()) {
			t.Fatal("FromStdlib public key differs")
		}
		back, _ := sk.ToStdlib()
		if !back.Equal(ssk) {
			t.Fatal("ToStdlib private key differs")
		}
		bpk, _ := pk.ToStdlib()
		if !bpk.Equal(&ssk.PublicKey) {
			t.Fatal("ToStdlib public key differs")
		}
		msg := make([]byte, i)
		rand.Read(msg)
		h := sha256.Sum256(msg)
		der, _ := SignASN1(rand.Reader, sk, h[:], nil)
		if !stdecdsa.VerifyASN1(&ssk.PublicKey, h[:], der) {
			t.Fatal("crypto/ecdsa rejects our signature")
		}
		sder, _ := stdecdsa.SignASN1(rand.Reader, ssk, h[:])
		if !VerifyASN1(pk, h[:], sder) {
			t.Fatal("we reject a crypto/ecdsa signature")
		}
		// Random garbage signatures: both must agree (reject).
		junk := make([]byte, 64)
		rand.Read(junk)
		r, s := new(big.Int).SetBytes(junk[:32]), new(big.Int).SetBytes(junk[32:])
		if Verify(pk, h[:], junk) != stdecdsa.Verify(&ssk.PublicKey, h[:], r, s) {
			t.Fatal("disagreement on a random signature")
		}
	}
	if _, err := FromStdlib(&stdecdsa.PublicKey{Curve: elliptic.P384()}); !errors.Is(err, ErrUnsupportedCurve) {
		t.Error("P-384 converted")
	}
	bk, _ := GenerateKey(BrainpoolP256r1, nil)
	if _, err := bk.ToStdlib(); !errors.Is(err, ErrUnsupportedCurve) {
		t.Error("brainpool converted to stdlib")
	}
}

// TestSGP26PublicKeys parses every PK_*.pem of the SGP.26 test PKI.
func TestSGP26PublicKeys(t *testing.T) {
	for _, p := range sgp26Files(t, "PK_", ".pem") {
		pk, err := ParsePublicKeyPEM(mustRead(t, p))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if want := strings.Contains(p, "BRP"); (pk.Curve() == BrainpoolP256r1) != want {
			t.Errorf("%s: curve %v", p, pk.Curve())
		}
	}
}

// TestSGP26Keys parses every SK_*.pem of the SGP.26 test PKI (both curves),
// checks its public point against the matching PK_*.pem, signs and verifies.
func TestSGP26Keys(t *testing.T) {
	for _, skPath := range sgp26Files(t, "SK_", ".pem") {
		name := filepath.Base(skPath)
		sk, err := ParsePrivateKeyPEM(mustRead(t, skPath))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		wantCurve := P256
		if strings.Contains(name, "BRP") {
			wantCurve = BrainpoolP256r1
		}
		if sk.Curve() != wantCurve {
			t.Errorf("%s: curve %v", name, sk.Curve())
		}
		// The public key: PK_<name>.pem, or (the CI has none) the SPKI of
		// CERT_<name>.der.
		pkPath := filepath.Join(filepath.Dir(skPath), "PK_"+strings.TrimPrefix(name, "SK_"))
		var pk *PublicKey
		if _, serr := os.Stat(pkPath); serr == nil {
			pk, err = ParsePublicKeyPEM(mustRead(t, pkPath))
		} else {
			pkPath = filepath.Join(filepath.Dir(skPath), "CERT_"+strings.TrimSuffix(strings.TrimPrefix(name, "SK_"), ".pem")+".der")
			pk, err = ParsePublicKey(splitCert(t, mustRead(t, pkPath)).spki)
		}
		if err != nil {
			t.Errorf("%s: %v", pkPath, err)
			continue
		}
		if !pk.Equal(sk.Public()) {
			t.Errorf("%s: d·G differs from %s", name, filepath.Base(pkPath))
		}
		h := sha256.Sum256([]byte(name))
		sig, err := Sign(rand.Reader, sk, h[:])
		if err != nil || !Verify(pk, h[:], sig[:]) {
			t.Errorf("%s: sign/verify failed: %v", name, err)
		}
		// Round trip through SPKI DER.
		pk2, err := ParsePublicKey(pk.AppendSubjectPublicKeyInfo(nil))
		if err != nil || !pk2.Equal(pk) {
			t.Errorf("%s: SPKI round trip: %v", name, err)
		}
	}
}

// TestSGP26Certificates verifies the signature of every SGP.26 certificate
// with the public key of its issuer, found among the certificates (CI is
// self-signed; EUM, DPauth, DPpb, DPtls are signed by the CI of the same
// curve; eUICC by the EUM), and checks that each certificate's key signs and
// verifies with the matching SK_*.pem. The deliberately broken
// CERT_*_INVALID.der certificates (signed with their own subject key instead
// of the issuer's) must not verify under any other key.
func TestSGP26Certificates(t *testing.T) {
	type cert struct {
		name  string
		parts certParts
		pk    *PublicKey
	}
	var certs []cert
	for _, p := range sgp26Files(t, "CERT_", ".der") {
		parts := splitCert(t, mustRead(t, p))
		pk, err := ParsePublicKey(parts.spki)
		if err != nil {
			t.Errorf("%s: SPKI: %v", p, err)
			continue
		}
		certs = append(certs, cert{filepath.Base(p), parts, pk})
	}
	keys := map[[65]byte]*PrivateKey{}
	for _, p := range sgp26Files(t, "SK_", ".pem") {
		sk, err := ParsePrivateKeyPEM(mustRead(t, p))
		if err != nil {
			t.Fatal(err)
		}
		keys[sk.Public().Bytes()] = sk
	}
	verified := 0
	for _, c := range certs {
		h := sha256.Sum256(c.parts.tbs)
		var issuers []string
		for _, is := range certs {
			if VerifyASN1(is.pk, h[:], c.parts.sig) {
				issuers = append(issuers, is.name)
			}
		}
		broken := strings.HasSuffix(c.name, "_INVALID.der")
		switch {
		case broken:
			// These certificates are signed with their own subject key
			// instead of the issuer's: only certificates carrying the same
			// key may verify them.
			for _, is := range certs {
				if slices.Contains(issuers, is.name) && !is.pk.Equal(c.pk) {
					t.Errorf("%s: broken certificate verified under issuer %s", c.name, is.name)
				}
			}
		case !broken && len(issuers) == 0 && !strings.Contains(c.name, "UNKNOWN_CI"):
			t.Errorf("%s: no issuer verifies its signature", c.name)
		case len(issuers) > 0:
			verified++
		}
		t.Logf("%s: verified by %v", c.name, issuers)
		if sk, ok := keys[c.pk.Bytes()]; ok {
			sig, _ := SignASN1(rand.Reader, sk, h[:], nil)
			if !VerifyASN1(c.pk, h[:], sig) {
				t.Errorf("%s: signature with its SK does not verify", c.name)
			}
		}
	}
	if verified < 20 {
		t.Errorf("only %d certificates verified", verified)
	}
	t.Logf("%d certificates, %d verified under an issuer in the set", len(certs), verified)
}

func TestVerifyBatch(t *testing.T) {
	var jobs []Job
	var want []bool
	for i := 0; i < 40; i++ {
		c := P256
		if i%3 == 0 {
			c = BrainpoolP256r1
		}
		sk, _ := GenerateKey(c, nil)
		h := sha256.Sum256([]byte{byte(i)})
		sig, _ := Sign(rand.Reader, sk, h[:])
		good := i%4 != 1
		s := sig[:]
		if !good {
			s = bytes.Clone(s)
			s[i%64] ^= 0x40
		}
		if i == 7 {
			s, good = s[:60], false
		}
		key := sk.Public()
		if i == 9 {
			key, good = nil, false
		}
		jobs = append(jobs, Job{Key: key, Digest: h[:], Sig: s})
		want = append(want, good)
	}
	ok := make([]bool, len(jobs))
	VerifyBatch(jobs, ok)
	for i := range ok {
		if ok[i] != want[i] || (jobs[i].Key != nil && ok[i] != Verify(jobs[i].Key, jobs[i].Digest, jobs[i].Sig)) {
			t.Errorf("job %d: %v, want %v", i, ok[i], want[i])
		}
	}
	if testing.AllocsPerRun(10, func() { VerifyBatch(jobs, ok) }) != 0 {
		t.Error("VerifyBatch allocates")
	}
}

func TestAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are pinned without -race (its instrumentation moves Sign's buffer to the heap)")
	}
	for _, c := range []Curve{P256, BrainpoolP256r1} {
		sk, _ := GenerateKey(c, nil)
		h := sha256.Sum256([]byte("allocs"))
		sig, _ := Sign(rand.Reader, sk, h[:])
		der := AppendASN1Signature(nil, &sig)
		v := NewVerifier(sk.Public())
		buf := make([]byte, 0, 80)
		for name, f := range map[string]func(){
			"Verify":              func() { Verify(sk.Public(), h[:], sig[:]) },
			"VerifyASN1":          func() { VerifyASN1(sk.Public(), h[:], der) },
			"Verifier.Verify":     func() { v.Verify(h[:], sig[:]) },
			"Verifier.VerifyASN1": func() { v.VerifyASN1(h[:], der) },
			"Sign(crypto/rand)":   func() { Sign(rand.Reader, sk, h[:]) },
			"Sign(nil)":           func() { Sign(nil, sk, h[:]) },
			"SignASN1":            func() { SignASN1(rand.Reader, sk, h[:], buf[:0]) },
			"SignBatch(crypto/rand)": func() {
				jobs := [3]SignJob{{Key: sk, Digest: h[:]}, {Key: sk, Digest: h[:]}, {Key: sk, Digest: h[:]}}
				SignBatch(rand.Reader, jobs[:])
			},
		} {
			if n := testing.AllocsPerRun(20, f); n != 0 {
				t.Errorf("%v %s: %v allocations", c, name, n)
			}
		}
	}
}

func TestZeroValues(t *testing.T) {
	h := sha256.Sum256(nil)
	var pk PublicKey
	if Verify(&pk, h[:], make([]byte, 64)) || Verify(nil, h[:], make([]byte, 64)) || VerifyASN1(nil, h[:], nil) {
		t.Error("zero or nil key verifies")
	}
	ok := []bool{true}
	VerifyBatch([]Job{{Key: &pk, Digest: h[:], Sig: make([]byte, 64)}}, ok)
	if ok[0] {
		t.Error("zero key in batch verifies")
	}
	if _, err := Sign(nil, nil, h[:]); err == nil {
		t.Error("nil key signs")
	}
}

// TestConcurrentUse shares one Verifier, one PublicKey and one PrivateKey
// between goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	sk, _ := GenerateKey(BrainpoolP256r1, nil)
	v := NewVerifier(sk.Public())
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func(g int) {
			ok := true
			for i := 0; i < 10; i++ {
				h := sha256.Sum256([]byte{byte(g), byte(i)})
				sig, err := Sign(rand.Reader, sk, h[:])
				ok = ok && err == nil && v.Verify(h[:], sig[:]) && Verify(sk.Public(), h[:], sig[:])
			}
			done <- ok
		}(g)
	}
	for g := 0; g < 4; g++ {
		if !<-done {
			t.Error("concurrent sign/verify failed")
		}
	}
}
