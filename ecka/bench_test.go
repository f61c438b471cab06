package ecka

import (
	"crypto/ecdh"
	"crypto/rand"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/field"
)

func implName() string {
	if field.HasAssembly() {
		return "impl=rspengine"
	}
	return "impl=purego"
}

// stdlibName labels the standard-library reference; under the purego tag the
// standard library runs without its assembly too, so it gets its own name.
func stdlibName() string {
	if pureGoBuild {
		return "impl=stdlib-purego"
	}
	return "impl=stdlib"
}

// BenchmarkECDHP256: ECDH from the peer's encoded point (validation
// included) against crypto/ecdh NewPublicKey + ECDH on the same keys.
func BenchmarkECDHP256(b *testing.B) {
	sk, _ := GenerateKey(ecdsa.P256, rand.Reader)
	peer, _ := GenerateKey(ecdsa.P256, rand.Reader)
	pb := peer.Public().Bytes()
	d := sk.Bytes()
	ssk, _ := ecdh.P256().NewPrivateKey(d[:])
	b.Run(implName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ECDH(sk, pb[:]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run(stdlibName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			pk, err := ecdh.P256().NewPublicKey(pb[:])
			if err != nil {
				b.Fatal(err)
			}
			if _, err := ssk.ECDH(pk); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkECDHBatchP256: eight ECDHs per op (eight keys, eight peers) with
// one ECDHBatch call, with eight ECDH calls (impl=...-single), and with eight
// crypto/ecdh NewPublicKey + ECDH.
func BenchmarkECDHBatchP256(b *testing.B) {
	jobs, ssk := p256Jobs(b, 8)
	b.Run("n=8/"+implName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			ECDHBatch(jobs)
		}
		for _, j := range jobs {
			if j.Err != nil {
				b.Fatal(j.Err)
			}
		}
	})
	b.Run("n=8/"+implName()+"-single", func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			for i := range jobs {
				if _, err := ECDH(jobs[i].Key, jobs[i].Peer); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("n=8/"+stdlibName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			for i := range jobs {
				pk, err := ecdh.P256().NewPublicKey(jobs[i].Peer)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := ssk[i].ECDH(pk); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

func BenchmarkECDHBP256(b *testing.B) {
	sk, _ := GenerateKey(ecdsa.BrainpoolP256r1, rand.Reader)
	peer, _ := GenerateKey(ecdsa.BrainpoolP256r1, rand.Reader)
	pb := peer.Public().Bytes()
	b.Run(implName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ECDH(sk, pb[:]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkECKASessionP256 is the SM-DP+'s per-download ECKA: a fresh
// one-time key pair, the eUICC's otPK parsed and validated, ECDH, and the
// session-key derivation; against crypto/ecdh plus the same derivation.
func BenchmarkECKASessionP256(b *testing.B) {
	peer, _ := GenerateKey(ecdsa.P256, rand.Reader)
	pb := peer.Public().Bytes()
	host, eid := []byte("euicc-rsp"), make([]byte, 16)
	b.Run(implName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			sk, err := GenerateKey(ecdsa.P256, rand.Reader)
			if err != nil {
				b.Fatal(err)
			}
			shs, err := ECDH(sk, pb[:])
			if err != nil {
				b.Fatal(err)
			}
			sk.Destroy()
			if _, err := DeriveSessionKeys(shs[:], host, eid); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run(stdlibName(), func(b *testing.B) {
		defer cpuTimer(b)()
		b.ReportAllocs()
		for b.Loop() {
			sk, err := ecdh.P256().GenerateKey(rand.Reader)
			if err != nil {
				b.Fatal(err)
			}
			pk, err := ecdh.P256().NewPublicKey(pb[:])
			if err != nil {
				b.Fatal(err)
			}
			shs, err := sk.ECDH(pk)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := DeriveSessionKeys(shs, host, eid); err != nil {
				b.Fatal(err)
			}
		}
	})
}
