package e2e

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/lpa"
	"github.com/rspengine/rspengine/lpa/testbed"
)

const uppDir = "../../shared/testdata/upp"

// TestTS48Profiles downloads the GSMA TS.48 generic test profiles (11-13 KB
// SAIP packages from shared/testdata/upp) on both curves: the eUICC parses
// every PE while loading and checks the header's ICCID against the metadata.
func TestTS48Profiles(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(uppDir, "*.der"))
	if len(files) == 0 {
		t.Skipf("TS.48 profiles absent at %s (fresh clone without ../shared): skipping", uppDir)
	}
	for _, c := range curves {
		bed := newBed(t, c)
		for i, f := range files {
			t.Run(c.String()+"/"+filepath.Base(f), func(t *testing.T) {
				upp, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				mid := fmt.Sprintf("TS48-%d", i)
				iccid, err := bed.AddUPP(mid, upp, filepath.Base(f))
				if err != nil {
					t.Fatal(err)
				}
				rep, err := lpa.Download(context.Background(), bed.SMDP, bed.Cards[0], lpa.ActivationCode{SMDPAddress: bed.Address, MatchingID: mid}, &lpa.Options{Verify: true})
				if err != nil {
					dump(t, rep)
					t.Fatalf("Download of %d-byte UPP: %v", len(upp), err)
				}
				if p := profile(t, bed.Cards[0], iccid); p.Enabled {
					t.Fatal("enabled after download")
				}
				// Several 86 segments for a 12 KB profile (1020-byte segments at most).
				for _, s := range rep.Steps {
					if s.Name == "ES10b.LoadBoundProfilePackage" && s.Exchanges < 5+len(upp)/1020 {
						t.Fatalf("%d STORE DATA exchanges for %d bytes", s.Exchanges, len(upp))
					}
				}
				if _, err := lpa.DeleteProfile(bed.Cards[0], iccid, nil); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

// TestConcurrentDownloads: eight devices download at once from one SM-DP+
// (run under -race); every download succeeds, every session ends.
func TestConcurrentDownloads(t *testing.T) {
	const devices, each = 8, 3
	p := testbed.Embedded(ecdsa.P256)
	bed, err := testbed.New(testbed.Config{PKIs: []*testbed.PKI{p, testbed.Embedded(ecdsa.BrainpoolP256r1)}})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, devices*each)
	for d := range devices {
		pk := bed.PKIs[d%2]
		card, err := bed.NewCard(pk)
		if err != nil {
			t.Fatal(err)
		}
		for k := range each {
			if _, err := bed.AddProfile(testbed.Profile{MatchingID: fmt.Sprintf("C%d-%d", d, k), ICCID: fmt.Sprintf("8988210000000%03d%02d", d, k)}); err != nil {
				t.Fatal(err)
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range each {
				ac := lpa.ActivationCode{SMDPAddress: bed.Address, MatchingID: fmt.Sprintf("C%d-%d", d, k)}
				if _, err := lpa.Download(context.Background(), bed.SMDP, card, ac, nil); err != nil {
					errs <- fmt.Errorf("device %d download %d: %w", d, k, err)
					return
				}
			}
			if list, _, err := lpa.Profiles(card, nil); err != nil || len(list) != each {
				errs <- fmt.Errorf("device %d: %d profiles, %v", d, len(list), err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := bed.Sessions.Len(); n != 0 {
		t.Fatalf("%d SM-DP+ sessions left", n)
	}
}

// TestSGP26Skip documents the skip path: SGP26 on an absent directory is an
// fs.ErrNotExist error.
func TestSGP26Skip(t *testing.T) {
	if _, err := testbed.SGP26(t.TempDir(), ecdsa.P256); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("error %v, want fs.ErrNotExist", err)
	}
}

// BenchmarkDownload: one whole download (both ends and the LPA in one
// process, 8 crypto signatures and 7 verifications across the two ends plus
// ECKA and the BSP on each side) followed by a delete, on the default
// profile. There is no standard-library reference for a whole download; the
// per-primitive ratios are in the ecdsa, ecka and scp03t benchmarks.
func BenchmarkDownload(b *testing.B) {
	for _, c := range curves {
		b.Run("curve="+c.String(), func(b *testing.B) {
			bed, err := testbed.New(testbed.Config{PKIs: []*testbed.PKI{testbed.Embedded(c)}})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := bed.AddProfile(testbed.Profile{MatchingID: "B", ICCID: "898821000000000200"}); err != nil {
				b.Fatal(err)
			}
			iccid, _ := testbed.ICCIDBytes("898821000000000200")
			ac := lpa.ActivationCode{SMDPAddress: bed.Address, MatchingID: "B"}
			opts := &lpa.Options{SkipNotifications: false}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := lpa.Download(context.Background(), bed.SMDP, bed.Cards[0], ac, opts); err != nil {
					b.Fatal(err)
				}
				if _, err := lpa.DeleteProfile(bed.Cards[0], iccid, nil); err != nil {
					b.Fatal(err)
				}
				// Drop the delete notification so the card's list stays short.
				if _, _, err := lpa.Notifications(context.Background(), bed.SMDP, bed.Cards[0], "", nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
