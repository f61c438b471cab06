package bpp_test

import (
	"bytes"
	"crypto/rand"
	"fmt"

	"github.com/rspengine/rspengine/bpp"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/ecka"
	"github.com/rspengine/rspengine/rsp"
)

type stage struct{ profile []byte }

func (s *stage) ConfigureISDP(*rsp.ConfigureISDPRequest) error { return nil }
func (s *stage) StoreMetadata(*rsp.StoreMetadataRequest) error { return nil }
func (s *stage) ProfileElements(chunk []byte) error {
	s.profile = append(s.profile, chunk...)
	return nil
}

// Example binds a profile on the SM-DP+, splits it as the LPA does and loads
// it on the eUICC.
func Example() {
	dppb, _ := ecdsa.GenerateKey(ecdsa.P256, rand.Reader)   // SK of CERT.DPpb
	euiccOt, _ := ecka.GenerateKey(ecdsa.P256, rand.Reader) // otSK.EUICC from PrepareDownload
	otpk := euiccOt.Public().Bytes()
	tid := []byte{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08}
	eid := bytes.Repeat([]byte{0x89}, 16)
	upp := []byte("SAIP profile elements")
	smd := rsp.AppendStoreMetadataRequest(nil, &rsp.StoreMetadataRequest{
		ICCID: bytes.Repeat([]byte{0x98}, 10), ServiceProviderName: []byte("SP"), ProfileName: []byte("Test"),
	})

	package_, err := bpp.AppendBuild(nil, &bpp.BuildInput{
		UPP: upp, StoreMetadata: smd, TransactionID: tid, HostID: []byte("host"), EID: eid,
		EuiccOtpk: otpk[:], DPpb: dppb,
	})
	if err != nil {
		panic(err)
	}

	var card stage
	l := bpp.NewLoader(&bpp.LoaderConfig{TransactionID: tid, EID: eid, DPpb: dppb.Public(), EuiccOtSK: euiccOt}, &card, make([]byte, 0, 4096))
	segs, _ := bpp.Segments(package_)
	for s := range segs {
		done, err := l.Feed(s.Data)
		if err != nil {
			fmt.Println("installation failed:", err)
			return
		}
		if done {
			fmt.Printf("installed %q\n", card.profile)
		}
	}
	// Output: installed "SAIP profile elements"
}
