package ecasd

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/testpki"
)

// sgp26Dir is the SGP.26 test PKI, read in place (RSP-FACTS §5.1; provenance
// in shared/testdata/PROVENANCE.md).
var sgp26Dir = filepath.Join("..", "..", "shared", "testdata", "sgp26")

func sgp26(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sgp26Dir, rel))
	if err != nil {
		if os.IsNotExist(err) {
			t.Skipf("SGP.26 test data not present (%s): skipping", sgp26Dir)
		}
		t.Fatal(err)
	}
	return b
}

func sgp26Key(t testing.TB, rel string) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.ParsePrivateKeyPEM(sgp26(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// A clock inside the validity of the SGP.26 DPauth/DPpb (2020-04-01 to
// 2030-03-30) and of every testpki certificate.
var at2025 = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

var curves = []ecdsa.Curve{ecdsa.P256, ecdsa.BrainpoolP256r1}

// pkiConfig personalises with one testpki key set; both testpki CIs are
// known, the key set's own first for verification.
func pkiConfig(c ecdsa.Curve) Config {
	p := testpki.Default(c)
	other := testpki.Default(3 - c)
	return Config{
		KeySets: []KeySet{{Key: p.EUICC.Key, EUICCCertificate: p.EUICC.Cert, EUMCertificate: p.EUM.Cert}},
		CIs:     [][]byte{p.CI.Cert, other.CI.Cert},
	}
}

func personalised(t testing.TB, c ecdsa.Curve) *ECASD {
	t.Helper()
	e := New()
	if err := e.Personalise(pkiConfig(c)); err != nil {
		t.Fatal(err)
	}
	return e
}
