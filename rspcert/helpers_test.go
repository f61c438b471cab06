package rspcert

import (
	"os"
	"path/filepath"
	"testing"
)

// sgp26Dir is the SGP.26 test PKI (RSP-FACTS §8; /work/shared/testdata/PROVENANCE.md),
// read in place relative to this package.
const sgp26Dir = "../../shared/testdata/sgp26"

func needSGP26(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(sgp26Dir); err != nil {
		t.Skipf("SGP.26 test PKI not found at %s (the shared test data folder is absent): %v", sgp26Dir, err)
	}
}

// readSGP26 reads one file of the SGP.26 test PKI, e.g. "EUM/CERT_EUM_ECDSA_NIST.der".
func readSGP26(t testing.TB, name string) []byte {
	t.Helper()
	needSGP26(t)
	b, err := os.ReadFile(filepath.Join(sgp26Dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// allSGP26Certs lists every .der file of the SGP.26 folder (valid and invalid).
func allSGP26Certs(t testing.TB) []string {
	t.Helper()
	needSGP26(t)
	var out []string
	err := filepath.WalkDir(sgp26Dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && filepath.Ext(p) == ".der" {
			rel, _ := filepath.Rel(sgp26Dir, p)
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("no certificates in " + sgp26Dir)
	}
	return out
}

// sgp26Names returns the bytes of every SGP.26 certificate, or nil when the
// shared test data is absent (for fuzz seeds and benchmarks that must not fail).
func sgp26Names() [][]byte {
	var out [][]byte
	_ = filepath.WalkDir(sgp26Dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".der" {
			if b, err := os.ReadFile(p); err == nil {
				out = append(out, b)
			}
		}
		return nil
	})
	return out
}
