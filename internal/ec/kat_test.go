package ec

import (
	"bytes"
	"encoding/hex"
	"testing"
)

// TestRFC6932BrainpoolVectors: the brainpoolP256r1 key pairs of RFC 6932 Appendix A.1 (IKE test vectors:
// the initiator's and the responder's private exponents i, r and public points g^i, g^r). k·G must reproduce
// the published points, and both sides of the ECDH must agree. This is an external known answer for the
// brainpool constants and arithmetic, independent of the math/big reference in ref_test.go.
func TestRFC6932BrainpoolVectors(t *testing.T) {
	vectors := []struct{ k, p string }{
		{"041EB8B1E2BC681BCE8E39963B2E9FC415B05283313DD1A8BCC055F11AE49699",
			"0478028496B5ECAAB3C8B6C12E45DB1E02C9E4D26B4113BC4F015F60C5CCC0D206" +
				"A2AE1762A3831C1D20F03F8D1E3C0C39AFE6F09B4D44BBE80CD100987B05F92B"},
		{"06F5240EACDB9837BC96D48274C8AA834B6C87BA9CC3EEDD81F99A16B8D804D3",
			"048E07E219BA588916C5B06AA30A2F464C2F2ACFC1610A3BE2FB240B635341F0DB" +
				"148EA1D7D1E7E54B9555B6C9AC90629C18B63BEE5D7AA6949EBBF47B24FDE40D"},
	}
	var ks [2][32]byte
	var ps [2][]byte
	for i, v := range vectors {
		k, _ := hex.DecodeString(v.k)
		p, _ := hex.DecodeString(v.p)
		copy(ks[i][:], k)
		ps[i] = p
		var out [65]byte
		if err := ScalarBaseMult(BP256, &out, &ks[i]); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out[:], p) {
			t.Errorf("vector %d: k·G = %x, RFC 6932 says %x", i, out, p)
		}
	}
	var z1, z2 [32]byte
	if err := ECDH(BP256, &z1, ps[1], &ks[0]); err != nil {
		t.Fatal(err)
	}
	if err := ECDH(BP256, &z2, ps[0], &ks[1]); err != nil {
		t.Fatal(err)
	}
	if z1 != z2 {
		t.Errorf("ECDH disagrees: %x vs %x", z1, z2)
	}
}
