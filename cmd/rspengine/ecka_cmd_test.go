package main

import (
	"strings"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
)

func TestECKADeriveCommand(t *testing.T) {
	for _, curve := range []string{"NIST", "BRP"} {
		skA := sgp26Path(t, "DPpb/SK_S_SM_DPpb_ECDSA_"+curve+".pem")
		pkA := sgp26Path(t, "DPpb/PK_S_SM_DPpb_ECDSA_"+curve+".pem")
		skB := sgp26Path(t, "eUICC/SK_EUICC_ECDSA_"+curve+".pem")
		pkB := sgp26Path(t, "eUICC/PK_EUICC_ECDSA_"+curve+".pem")
		certB := sgp26Path(t, "eUICC/CERT_EUICC_ECDSA_"+curve+".der")
		code, ab, errs := runCmd(t, "", "ecka", "derive", "-key", skA, "-peer", pkB)
		if code != 0 || len(strings.TrimSpace(ab)) != 64 {
			t.Fatalf("%s derive: %d %q %s", curve, code, ab, errs)
		}
		for _, peer := range []string{certB, skB} {
			if code, out, _ := runCmd(t, "", "ecka", "derive", "-key", skA, "-peer", peer); code != 0 || out != ab {
				t.Errorf("%s: peer %s gives %q, want %q", curve, peer, out, ab)
			}
		}
		if code, ba, _ := runCmd(t, "", "ecka", "derive", "-key", skB, "-peer", pkA); code != 0 || ba != ab {
			t.Errorf("%s: the two sides disagree: %q %q", curve, ab, ba)
		}
		// The peer as a hex point, uncompressed and compressed.
		pub, _ := ecdsa.ParsePublicKeyPEM(mustReadFile(t, pkB))
		p := pub.Bytes()
		comp := append([]byte{2 | p[64]&1}, p[1:33]...)
		for _, h := range []string{hexs(p[:]), hexs(comp)} {
			if code, out, errs := runCmd(t, "", "ecka", "derive", "-key", skA, "-peer", h); code != 0 || out != ab {
				t.Errorf("%s: hex peer: %d %q %s", curve, code, out, errs)
			}
		}
		p[64] ^= 1
		if code, _, _ := runCmd(t, "", "ecka", "derive", "-key", skA, "-peer", hexs(p[:])); code != 2 {
			t.Errorf("%s: off-curve peer: exit %d, want 2", curve, code)
		}
	}
	nist := sgp26Path(t, "eUICC/SK_EUICC_ECDSA_NIST.pem")
	brp := sgp26Path(t, "eUICC/PK_EUICC_ECDSA_BRP.pem")
	for _, bad := range [][]string{
		{"ecka"}, {"ecka", "derive"}, {"ecka", "derive", "-key", nist, "-peer", brp},
		{"ecka", "derive", "-key", brp, "-peer", brp}, {"ecka", "derive", "-key", nist, "-peer", "nothex"},
	} {
		if code, _, _ := runCmd(t, "", bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

// TestECKAKDFCommand runs the RSP-FACTS §4.6 KDF #1 vector through the CLI.
func TestECKAKDFCommand(t *testing.T) {
	code, out, errs := runCmd(t, "", "ecka", "kdf", "-z", "8902dca391bbb22570fe60c176076246f568b1941265dff1d729e63039658089",
		"-host-id", "8080808080808080", "-eid", "89049032123451234512345678901335")
	want := "mcv=734bc93ddb10c71c5ad13d420dc08b5b\ns-enc=d782d575b22a38334556a3d9a1e2ae6b\ns-mac=a35addc192ae8f934e2932116c7e89e7\n"
	if code != 0 || out != want {
		t.Fatalf("kdf: %d %q %s", code, out, errs)
	}
	for _, bad := range [][]string{
		{"ecka", "kdf", "-z", "00", "-host-id", "01", "-eid", strings.Repeat("00", 16)},
		{"ecka", "kdf", "-z", strings.Repeat("00", 32), "-host-id", "", "-eid", strings.Repeat("00", 16)},
		{"ecka", "kdf", "-z", "xyz"},
	} {
		if code, _, _ := runCmd(t, "", bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

func hexs(b []byte) string {
	const digits = "0123456789abcdef"
	var s strings.Builder
	for _, c := range b {
		s.WriteByte(digits[c>>4])
		s.WriteByte(digits[c&15])
	}
	return s.String()
}
