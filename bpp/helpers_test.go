package bpp

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/rspcert"
)

// testdata is the shared test-data folder, relative to this package (depth 1).
const testdata = "../../shared/testdata"

func readShared(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testdata, rel))
	if os.IsNotExist(err) {
		t.Skipf("shared test data %s absent (fresh clone without ../shared): skipping", rel)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// sgp26Key loads an SGP.26 DPpb key pair: "NIST" or "BRP".
func sgp26Key(t testing.TB, curve string) (*ecdsa.PrivateKey, *ecdsa.PublicKey) {
	t.Helper()
	sk, err := ecdsa.ParsePrivateKeyPEM(readShared(t, "sgp26/DPpb/SK_S_SM_DPpb_ECDSA_"+curve+".pem"))
	if err != nil {
		t.Fatal(err)
	}
	var c rspcert.Certificate
	der := readShared(t, "sgp26/DPpb/CERT_S_SM_DPpb_ECDSA_"+curve+".der")
	if err := rspcert.Parse(&c, der); err != nil {
		t.Fatal(err)
	}
	pk, err := ecdsa.ParsePublicKey(c.PublicKey.Raw)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := sk.Public().Bytes(), pk.Bytes(); a != b {
		t.Fatalf("SGP.26 DPpb %s: private key does not match CERT.DPpb", curve)
	}
	return sk, pk
}

// recorder is a Handler that stages what the Loader hands it.
type recorder struct {
	cfg      []byte
	metadata []byte
	profile  []byte
	chunks   int
	calls    []string
	failAt   string // "cfg", "smd" or "pe": return failErr there
	failErr  error
}

func (r *recorder) ConfigureISDP(req *rsp.ConfigureISDPRequest) error {
	r.calls = append(r.calls, "cfg")
	if r.failAt == "cfg" {
		return r.failErr
	}
	r.cfg = bytes.Clone(req.Raw)
	return nil
}

func (r *recorder) StoreMetadata(req *rsp.StoreMetadataRequest) error {
	r.calls = append(r.calls, "smd")
	if r.failAt == "smd" {
		return r.failErr
	}
	r.metadata = bytes.Clone(req.Raw)
	return nil
}

func (r *recorder) ProfileElements(chunk []byte) error {
	r.calls = append(r.calls, "pe")
	if r.failAt == "pe" {
		return r.failErr
	}
	r.profile = append(r.profile, chunk...)
	r.chunks++
	return nil
}

// nopHandler accepts everything without keeping it (benchmarks, fuzzing).
type nopHandler struct{}

func (nopHandler) ConfigureISDP(*rsp.ConfigureISDPRequest) error { return nil }
func (nopHandler) StoreMetadata(*rsp.StoreMetadataRequest) error { return nil }
func (nopHandler) ProfileElements([]byte) error                  { return nil }

// segmentsOf returns the LPA segments of a BPP as copies.
func segmentsOf(t testing.TB, bpp []byte) [][]byte {
	t.Helper()
	seq, err := Segments(bpp)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for s := range seq {
		out = append(out, bytes.Clone(s.Data))
	}
	return out
}

// load feeds every segment to a fresh Loader and returns the recorder and
// the final error (Finish's when all segments were accepted).
func load(cfg *LoaderConfig, segs [][]byte) (*recorder, error) {
	r := &recorder{}
	l := NewLoader(cfg, r, make([]byte, 0, 4096))
	for _, s := range segs {
		if _, err := l.Feed(s); err != nil {
			return r, err
		}
	}
	return r, l.Finish()
}

func mustKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(ecdsa.P256, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
