package wycheproof

import "testing"

// TestLoad checks that the pinned module downloads and that the files the
// ecdsa/ecka tests rely on decode with the expected test counts.
func TestLoad(t *testing.T) {
	for _, f := range []string{"ecdsa_secp256r1_sha256_test.json", "ecdsa_brainpoolP256r1_sha256_test.json", "ecdsa_secp256r1_sha256_p1363_test.json"} {
		var v ECDSAFile
		Load(t, f, &v)
		n := 0
		for _, g := range v.TestGroups {
			n += len(g.Tests)
			if len(g.KeyDer) == 0 || len(g.Key.Uncompressed) != 65 {
				t.Fatalf("%s: group without key", f)
			}
		}
		if n != v.NumberOfTests || n == 0 {
			t.Errorf("%s: %d tests, header says %d", f, n, v.NumberOfTests)
		}
	}
	for _, f := range []string{"ecdh_secp256r1_test.json", "ecdh_brainpoolP256r1_test.json"} {
		var v ECDHFile
		Load(t, f, &v)
		n := 0
		for _, g := range v.TestGroups {
			n += len(g.Tests)
		}
		if n != v.NumberOfTests || n == 0 {
			t.Errorf("%s: %d tests, header says %d", f, n, v.NumberOfTests)
		}
	}
	var tc Test
	tc.Flags = []string{"A", "B"}
	if !tc.HasFlag("B") || tc.HasFlag("C") {
		t.Error("HasFlag")
	}
}
