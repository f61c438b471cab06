package testbed

import (
	"bytes"
	"errors"
	"io/fs"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rsp"
)

// TestMetadata: the StoreMetadataRequest decodes with the EF.ICCID coding
// and asks for the four notifications to the address.
func TestMetadata(t *testing.T) {
	md, err := Metadata("898821000000000001", "name", "sp", "smdp.example.com")
	if err != nil {
		t.Fatal(err)
	}
	v, err := rsp.ParseStoreMetadataRequest(md)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := ICCIDBytes("898821000000000001")
	// 89 88 21 00 00 00 00 00 00 1x: nibble-swapped, Luhn digit appended, F-padded.
	if !bytes.Equal(v.ICCID, want) || want[0] != 0x98 || want[9]&0xF0 != 0xF0 || string(v.ProfileName) != "name" || string(v.ServiceProviderName) != "sp" {
		t.Fatalf("metadata %X %q %q", v.ICCID, v.ProfileName, v.ServiceProviderName)
	}
	if v.NotificationConfigurationInfo.Count != 4 {
		t.Fatalf("%d notification configurations", v.NotificationConfigurationInfo.Count)
	}
	if _, err := Metadata("12", "n", "s", "a.b"); err == nil {
		t.Fatal("a 2-digit ICCID was accepted")
	}
}

// TestSGP26: the GSMA files load with the SGP.26 EID; an absent directory is
// fs.ErrNotExist.
func TestSGP26(t *testing.T) {
	for _, c := range []ecdsa.Curve{ecdsa.P256, ecdsa.BrainpoolP256r1} {
		p, err := SGP26("../../../shared/testdata/sgp26", c)
		if errors.Is(err, fs.ErrNotExist) {
			t.Skip("SGP.26 PKI absent (fresh clone without ../shared): skipping")
		}
		if err != nil {
			t.Fatal(err)
		}
		if p.EID != "89049032123451234512345678901235" || p.EUICCKey.Curve() != c || p.DPpbKey.Curve() != c {
			t.Fatalf("%v: EID %s", c, p.EID)
		}
	}
	if _, err := SGP26(t.TempDir(), ecdsa.P256); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("empty dir: %v", err)
	}
}

// TestNewRefuses: no PKI, or PKIs naming different SM-DP+ addresses.
func TestNewRefuses(t *testing.T) {
	if _, err := New(Config{}); err == nil {
		t.Fatal("no PKI accepted")
	}
	a, b := *Embedded(ecdsa.P256), *Embedded(ecdsa.BrainpoolP256r1)
	b.SMDPAddress = "other.example.com"
	if _, err := New(Config{PKIs: []*PKI{&a, &b}}); err == nil {
		t.Fatal("two addresses accepted")
	}
}
