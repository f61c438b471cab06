// Package wycheproof loads Project Wycheproof test vectors for tests. It is
// test support only: no production package imports it.
//
// The vectors are not vendored. [Load] asks the go command to download the
// module github.com/google/wycheproof at the pinned version [Version]
// (`go mod download -json`, which uses the module cache and the configured
// module proxy), reads the "Dir" field of its JSON answer and opens
// testvectors/<file> there. When the download fails (offline machine, no go
// command) Load calls t.Skip with the reason, so `go test ./...` still passes
// on a fresh machine. Wycheproof is never added to go.mod.
package wycheproof

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// Module and Version pin the Wycheproof snapshot the tests run against.
const (
	Module  = "github.com/google/wycheproof"
	Version = "v0.0.0-20191219022705-2196000605e4"
)

var (
	dirOnce sync.Once
	dir     string
	dirErr  error
)

type skipError string

func (e skipError) Error() string { return string(e) }

func moduleDir() (string, error) {
	dirOnce.Do(func() {
		gobin := filepath.Join(os.Getenv("GOROOT"), "bin", "go")
		if _, err := os.Stat(gobin); err != nil {
			gobin = "go"
		}
		// Run outside the module (and any workspace) so that go.mod and
		// go.sum are never touched.
		cmd := exec.Command(gobin, "mod", "download", "-json", Module+"@"+Version)
		cmd.Dir = os.TempDir()
		cmd.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off")
		out, err := cmd.Output()
		if err != nil {
			dirErr = skipError("go mod download " + Module + "@" + Version + " failed: " + err.Error())
			return
		}
		var info struct{ Dir, Error string }
		if err := json.Unmarshal(out, &info); err != nil || info.Dir == "" {
			dirErr = skipError("go mod download gave no Dir: " + info.Error + string(out))
			return
		}
		dir = info.Dir
	})
	return dir, dirErr
}

// Load downloads (once per process) the pinned Wycheproof module, reads
// testvectors/<file> and decodes it into v. It skips the test when the module
// cannot be fetched, and fails it when the file is missing or malformed.
func Load(t testing.TB, file string, v any) {
	t.Helper()
	d, err := moduleDir()
	if err != nil {
		t.Skipf("wycheproof vectors unavailable, skipping: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(d, "testvectors", file))
	if err != nil {
		if os.IsNotExist(err) {
			t.Skipf("wycheproof %s has no testvectors/%s", Version, file)
		}
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("wycheproof %s: %v", file, err)
	}
}

// Hex is a hex string in a vector file, decoded on unmarshal.
type Hex []byte

// UnmarshalJSON decodes a JSON string of hex digits.
func (h *Hex) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := hex.DecodeString(s)
	if err != nil {
		return err
	}
	*h = v
	return nil
}

// Test is the part every Wycheproof test case shares.
type Test struct {
	TcID    int      `json:"tcId"`
	Comment string   `json:"comment"`
	Result  string   `json:"result"` // "valid", "invalid" or "acceptable"
	Flags   []string `json:"flags"`
}

// HasFlag reports whether the case carries the flag.
func (t *Test) HasFlag(f string) bool {
	for _, g := range t.Flags {
		if g == f {
			return true
		}
	}
	return false
}

// ECDSAFile is an ecdsa_*_test.json (DER signatures) or ecdsa_*_p1363_test.json
// (raw r‖s signatures) file.
type ECDSAFile struct {
	Algorithm     string `json:"algorithm"`
	NumberOfTests int    `json:"numberOfTests"`
	TestGroups    []struct {
		Key struct {
			Curve        string `json:"curve"`
			Uncompressed Hex    `json:"uncompressed"`
		} `json:"key"`
		KeyDer Hex    `json:"keyDer"`
		KeyPem string `json:"keyPem"`
		SHA    string `json:"sha"`
		Tests  []struct {
			Test
			Msg Hex `json:"msg"`
			Sig Hex `json:"sig"`
		} `json:"tests"`
	} `json:"testGroups"`
}

// ECDHFile is an ecdh_<curve>_test.json file: the public keys are
// SubjectPublicKeyInfo DER, the private keys big-endian integers (possibly with
// a leading zero octet).
type ECDHFile struct {
	Algorithm     string `json:"algorithm"`
	NumberOfTests int    `json:"numberOfTests"`
	TestGroups    []struct {
		Curve    string `json:"curve"`
		Encoding string `json:"encoding"`
		Tests    []struct {
			Test
			Public  Hex `json:"public"`
			Private Hex `json:"private"`
			Shared  Hex `json:"shared"`
		} `json:"tests"`
	} `json:"testGroups"`
}
