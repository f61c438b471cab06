package ecka

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/rand"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/ecref"
	"github.com/rspengine/rspengine/internal/wycheproof"
)

// spkiPoint is a minimal walk of a SubjectPublicKeyInfo to its raw point
// bytes, without any validation of the point, so that the oracle can be fed
// exactly what the vector holds.
func spkiPoint(der []byte) ([]byte, bool) {
	seq, err := asn1der.ParseExpect(der, asn1der.TagSequence)
	if err != nil {
		return nil, false
	}
	rd, _ := asn1der.Children(seq, asn1der.DER)
	if _, err := rd.Expect(asn1der.TagSequence); err != nil {
		return nil, false
	}
	bs, err := rd.Expect(asn1der.TagBitString)
	if err != nil || len(bs.Value) < 1 {
		return nil, false
	}
	return bs.Value[1:], true
}

// Policy for the Wycheproof ECDH "acceptable" cases: public keys must be a
// strict DER SubjectPublicKeyInfo with a named curve, so InvalidAsn,
// UnnamedCurve, UnusedParam and WrongOrder cases are rejected; a compressed
// point (CompressedPoint) is accepted and must give the listed secret.
func TestWycheproofECDH(t *testing.T) {
	for _, f := range []struct {
		file  string
		curve ecdsa.Curve
	}{
		{"ecdh_secp256r1_test.json", ecdsa.P256},
		{"ecdh_brainpoolP256r1_test.json", ecdsa.BrainpoolP256r1},
	} {
		t.Run(f.file, func(t *testing.T) {
			var v wycheproof.ECDHFile
			wycheproof.Load(t, f.file, &v)
			count, computed := 0, 0
			// Every vector ECDH was given also goes through one ECDHBatch
			// call at the end, which must agree job by job.
			var batch []Job
			var single [][32]byte
			var singleErr []error
			for _, g := range v.TestGroups {
				for _, tc := range g.Tests {
					count++
					priv := bytes.TrimLeft(tc.Private, "\x00")
					sk, err := ecdsa.NewPrivateKey(f.curve, priv)
					if err != nil {
						t.Fatalf("tcId %d: private key: %v", tc.TcID, err)
					}
					d := sk.Bytes()
					want := tc.Result == "valid" || tc.Result == "acceptable" && tc.HasFlag("CompressedPoint")

					pk, perr := ecdsa.ParsePublicKey(tc.Public)
					var got []byte
					if perr == nil && pk.Curve() == f.curve {
						raw, _ := spkiPoint(tc.Public) // 33 or 65 bytes as in the vector
						x, err := ECDH(sk, raw)
						if err == nil {
							got = x[:]
						}
						batch = append(batch, Job{Key: sk, Peer: raw})
						single, singleErr = append(single, x), append(singleErr, err)
						x2, err2 := ECDH(sk, func() []byte { b := pk.Bytes(); return b[:] }())
						if (err == nil) != (err2 == nil) || x != x2 {
							t.Errorf("tcId %d: compressed and uncompressed peer disagree", tc.TcID)
						}
					}
					if want {
						if got == nil {
							t.Errorf("tcId %d (%s %v): rejected: %v", tc.TcID, tc.Comment, tc.Flags, perr)
						} else if !bytes.Equal(got, tc.Shared) {
							t.Errorf("tcId %d: shared %x, want %x", tc.TcID, got, tc.Shared)
						}
					} else if got != nil {
						t.Errorf("tcId %d (%s, %s %v): accepted", tc.TcID, tc.Comment, tc.Result, tc.Flags)
					}
					// The oracle on the raw point bytes of the vector: it must
					// agree with ecka on every key ecka parsed, and reject the
					// points that are off the curve.
					offCurve := tc.Comment == "point is not on curve" || tc.Comment == "public point not on curve" ||
						tc.Comment == "public point = (0,0)" || tc.Comment == "invalid public key" || strings.Contains(tc.Comment, "twist")
					if raw, ok := spkiPoint(tc.Public); ok && (perr == nil || offCurve) {
						var rx [32]byte
						rerr := ecref.ECDH(ecref.CurveID(f.curve), &rx, raw, &d)
						switch {
						case offCurve && rerr == nil:
							t.Errorf("tcId %d (%s): oracle accepts an invalid point", tc.TcID, tc.Comment)
						case perr == nil && (rerr == nil) != (got != nil):
							t.Errorf("tcId %d: oracle validity %v, ecka %v", tc.TcID, rerr, got != nil)
						case rerr == nil && got != nil && !bytes.Equal(rx[:], got):
							t.Errorf("tcId %d: oracle secret differs", tc.TcID)
						}
					}
					if got != nil {
						computed++
					}
				}
			}
			if count != v.NumberOfTests {
				t.Errorf("ran %d of %d", count, v.NumberOfTests)
			}
			ECDHBatch(batch)
			for i, j := range batch {
				if !sameECDH(j.ShS, j.Err, single[i], singleErr[i]) {
					t.Errorf("batch job %d: %x, %v; ECDH gave %x, %v", i, j.ShS, j.Err, single[i], singleErr[i])
				}
			}
			t.Logf("%s: %d vectors, %d shared secrets computed", f.file, count, computed)
		})
	}
}

// TestECDHStdlibDifferential compares with crypto/ecdh on random P-256 keys,
// both directions, and checks both curves for agreement between the two
// sides of an exchange.
func TestECDHStdlibDifferential(t *testing.T) {
	for i := 0; i < 64; i++ {
		a, err := GenerateKey(ecdsa.P256, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := ecdh.P256().GenerateKey(rand.Reader)
		x, err := ECDH(a, b.PublicKey().Bytes())
		if err != nil {
			t.Fatal(err)
		}
		ab := a.Bytes()
		sa, _ := ecdh.P256().NewPrivateKey(ab[:])
		pa := a.Public().Bytes()
		pkA, _ := ecdh.P256().NewPublicKey(pa[:])
		w1, _ := sa.ECDH(b.PublicKey())
		w2, _ := b.ECDH(pkA)
		if !bytes.Equal(x[:], w1) || !bytes.Equal(x[:], w2) {
			t.Fatal("ECDH differs from crypto/ecdh")
		}
	}
	for _, c := range []ecdsa.Curve{ecdsa.P256, ecdsa.BrainpoolP256r1} {
		a, _ := GenerateKey(c, nil)
		b, _ := GenerateKey(c, nil)
		pa, pb := a.Public().Bytes(), b.Public().Bytes()
		x1, err1 := ECDH(a, pb[:])
		x2, err2 := ECDH(b, pa[:])
		if err1 != nil || err2 != nil || x1 != x2 {
			t.Fatalf("%v: the two sides disagree", c)
		}
		var rx [32]byte
		ad := a.Bytes()
		if ecref.ECDH(ecref.CurveID(c), &rx, pb[:], &ad) != nil || rx != x1 {
			t.Fatalf("%v: oracle disagrees", c)
		}
		// Invalid peers: off the curve, truncated, empty, the SEC 1 encoding of
		// the point at infinity (00), zero coordinates, a bad prefix.
		bad := pb
		bad[64] ^= 1
		for _, p := range [][]byte{bad[:], pb[:64], nil, {0}, make([]byte, 65), make([]byte, 33), append([]byte{5}, pb[1:]...)} {
			if _, err := ECDH(a, p); !errors.Is(err, ErrInvalidPeer) {
				t.Errorf("%v: invalid peer %x accepted (%v)", c, p, err)
			}
		}
		a.Destroy()
		if _, err := ECDH(a, pb[:]); !errors.Is(err, ErrNoKey) {
			t.Errorf("destroyed key agreed: %v", err)
		}
	}
	if _, err := ECDH(nil, nil); !errors.Is(err, ErrNoKey) {
		t.Error("nil key")
	}
}

func TestECDHAllocs(t *testing.T) {
	var jobs []Job
	for _, c := range []ecdsa.Curve{ecdsa.P256, ecdsa.BrainpoolP256r1} {
		a, _ := GenerateKey(c, nil)
		b, _ := GenerateKey(c, nil)
		pb := b.Public().Bytes()
		if n := testing.AllocsPerRun(20, func() { ECDH(a, pb[:]) }); n != 0 {
			t.Errorf("%v: ECDH allocates %v times", c, n)
		}
		for range 12 {
			jobs = append(jobs, Job{Key: a, Peer: pb[:]})
		}
	}
	if n := testing.AllocsPerRun(10, func() { ECDHBatch(jobs) }); n != 0 {
		t.Errorf("ECDHBatch allocates %v times", n)
	}
	if jobs[0].Err != nil || jobs[len(jobs)-1].Err != nil {
		t.Fatal(jobs[0].Err, jobs[len(jobs)-1].Err)
	}
}

// sameECDH reports whether two ECDH outcomes are the same: the same secret,
// or the same error (ECDH's peer errors are joined afresh on each call, so
// they are compared by message).
func sameECDH(x1 [32]byte, err1 error, x2 [32]byte, err2 error) bool {
	if (err1 == nil) != (err2 == nil) {
		return false
	}
	if err1 != nil {
		return x1 == [32]byte{} && x2 == [32]byte{} && err1.Error() == err2.Error()
	}
	return x1 == x2
}

// TestECDHBatch runs mixed batches (both curves, valid jobs, invalid and
// other-curve peers, a nil key, a destroyed key) of every length up to 40,
// across the chunk sizes, and checks each job against ECDH and the two
// sides of the exchange against each other.
func TestECDHBatch(t *testing.T) {
	curves := []ecdsa.Curve{ecdsa.P256, ecdsa.BrainpoolP256r1}
	var keys, peers [2][4]*ecdsa.PrivateKey
	for ci, c := range curves {
		for i := range 4 {
			keys[ci][i], _ = GenerateKey(c, nil)
			peers[ci][i], _ = GenerateKey(c, nil)
		}
	}
	dead, _ := GenerateKey(ecdsa.P256, nil)
	dead.Destroy()
	for n := 0; n <= 40; n++ {
		jobs := make([]Job, n)
		var rev []Job // the peer's side of each valid job
		for i := range jobs {
			ci, ki := (i*7+n)%2, (i+n)%4
			pb := peers[ci][ki].Public().Bytes()
			jobs[i] = Job{Key: keys[ci][ki], Peer: pb[:], ShS: [32]byte{1}}
			switch (i + 3*n) % 9 {
			case 2:
				jobs[i].Peer = append([]byte(nil), pb[:64]...)
			case 4:
				bad := pb
				bad[40] ^= 0x80
				jobs[i].Peer = bad[:]
			case 5:
				ob := peers[1-ci][ki].Public().Bytes()
				jobs[i].Peer = ob[:]
			case 6:
				jobs[i].Key = nil
			case 7:
				jobs[i].Key = dead
			default:
				kb := keys[ci][ki].Public().Bytes()
				rev = append(rev, Job{Key: peers[ci][ki], Peer: kb[:]})
			}
		}
		ECDHBatch(jobs)
		ECDHBatch(rev)
		r := 0
		for i, j := range jobs {
			x, err := ECDH(j.Key, j.Peer)
			if !sameECDH(j.ShS, j.Err, x, err) {
				t.Fatalf("batch of %d, job %d: %x, %v; ECDH gives %x, %v", n, i, j.ShS, j.Err, x, err)
			}
			if (i+3*n)%9 < 2 || (i+3*n)%9 == 3 || (i+3*n)%9 == 8 {
				if j.Err != nil || rev[r].Err != nil || j.ShS != rev[r].ShS {
					t.Fatalf("batch of %d, job %d: the two sides disagree (%v, %v)", n, i, j.Err, rev[r].Err)
				}
				r++
			} else if j.Err == nil {
				t.Fatalf("batch of %d, job %d: an invalid job was accepted", n, i)
			}
		}
	}
}

// findTag returns the first TLV with tag t in a DER tree (depth first).
func findTag(b []byte, t asn1der.Tag) (asn1der.TLV, bool) {
	rd := asn1der.NewReader(b)
	for !rd.Empty() {
		v, err := rd.Next()
		if err != nil {
			return asn1der.TLV{}, false
		}
		if v.Tag == t {
			return v, true
		}
		if v.Constructed() {
			if w, ok := findTag(v.Value, t); ok {
				return w, true
			}
		}
	}
	return asn1der.TLV{}, false
}

func cmacAES(key, msg []byte) []byte {
	blk, _ := aes.NewCipher(key)
	dbl := func(b []byte) []byte {
		out := make([]byte, 16)
		carry := b[0] >> 7
		for i := 0; i < 15; i++ {
			out[i] = b[i]<<1 | b[i+1]>>7
		}
		out[15] = b[15] << 1
		if carry == 1 {
			out[15] ^= 0x87
		}
		return out
	}
	l := make([]byte, 16)
	blk.Encrypt(l, l)
	k1 := dbl(l)
	k2 := dbl(k1)
	n := (len(msg) + 15) / 16
	last := make([]byte, 16)
	if n > 0 && len(msg)%16 == 0 {
		copy(last, msg[(n-1)*16:])
		for i := range last {
			last[i] ^= k1[i]
		}
	} else {
		if n == 0 {
			n = 1
		}
		rem := msg[(n-1)*16:]
		copy(last, rem)
		last[len(rem)] = 0x80
		for i := range last {
			last[i] ^= k2[i]
		}
	}
	x := make([]byte, 16)
	for i := 0; i < n-1; i++ {
		for j := 0; j < 16; j++ {
			x[j] ^= msg[i*16+j]
		}
		blk.Encrypt(x, x)
	}
	for j := 0; j < 16; j++ {
		x[j] ^= last[j]
	}
	blk.Encrypt(x, x)
	return x
}

// TestRecordedSessionECKA replays the key agreement of the recorded SM-DP+
// session in ../../shared/testdata/session (waigel/euicc-rsp, re-verified per
// PROVENANCE.md): otSK.DP (otsk-dp.bin) must give the smdpOtpk of the BPP's
// InitialiseSecureChannelRequest; ECDH with the eUICC's otPK (5F49 of
// PrepareDownloadResponse) and the KDF with the BPP's hostId and the SGP.26
// eUICC's EID (89049032123451234512345678901235, PROVENANCE.md) must give
// session keys under which the first 87 segment (ConfigureISDP) carries a
// valid C-MAC (RSP-FACTS §4.3) and decrypts (RSP-FACTS §4.2) to a BF24 TLV.
func TestRecordedSessionECKA(t *testing.T) {
	dir := "../../shared/testdata/session/"
	otsk, err := os.ReadFile(dir + "otsk-dp.bin")
	if err != nil {
		t.Skipf("recorded session not found (%v); skipping", err)
	}
	bpp, _ := os.ReadFile(dir + "bound-profile-package.der")
	pdr, _ := os.ReadFile(dir + "prepare-download-response.der")
	sk, err := ecdsa.NewPrivateKey(ecdsa.P256, otsk)
	if err != nil {
		t.Fatal(err)
	}
	isc, ok := findTag(bpp, 0xBF23)
	if !ok {
		t.Fatal("no BF23")
	}
	smdpOtpk, ok1 := findTag(isc.Value, 0x5F49)
	hostID, ok2 := findTag(isc.Value, 0x84)
	euiccOtpk, ok3 := findTag(pdr, 0x5F49)
	if !ok1 || !ok2 || !ok3 {
		t.Fatal("BPP or PrepareDownloadResponse lacks 5F49/84")
	}
	if pub := sk.Public().Bytes(); !bytes.Equal(pub[:], smdpOtpk.Value) {
		t.Fatal("otSK.DP·G differs from the smdpOtpk the SM-DP+ sent")
	}
	shs, err := ECDH(sk, euiccOtpk.Value)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := DeriveSessionKeys(shs[:], hostID.Value, unhex(t, "89049032123451234512345678901235"))
	if err != nil {
		t.Fatal(err)
	}
	a0, ok := findTag(bpp, 0xA0)
	if !ok {
		t.Fatal("no A0")
	}
	a0r := asn1der.NewReader(a0.Value)
	seg, err := a0r.Next()
	if err != nil || seg.Tag != 0x87 || len(seg.Value) < 24 {
		t.Fatalf("first A0 element: %v", err)
	}
	ct, mac := seg.Value[:len(seg.Value)-8], seg.Value[len(seg.Value)-8:]
	macIn := append(append(keys.InitialMCV[:], seg.Raw[:seg.Header]...), ct...)
	if got := cmacAES(keys.SMac[:], macIn)[:8]; !bytes.Equal(got, mac) {
		t.Fatalf("C-MAC %x, want %x: ECKA/KDF keys do not match the recorded session", got, mac)
	}
	blk, _ := aes.NewCipher(keys.SEnc[:])
	icv := make([]byte, 16)
	icv[15] = 1
	blk.Encrypt(icv, icv)
	pt := make([]byte, len(ct))
	cipher.NewCBCDecrypter(blk, icv).CryptBlocks(pt, ct)
	if pt[0] != 0xBF || pt[1] != 0x24 {
		t.Fatalf("decrypted ConfigureISDP starts %x", pt[:4])
	}
}
