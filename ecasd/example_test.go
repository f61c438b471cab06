package ecasd_test

import (
	"fmt"
	"time"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecasd"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/internal/testpki"
	"github.com/rspengine/rspengine/rspcert"
)

// An eUICC model personalises its ECASD from the test PKI, checks the
// SM-DP+'s CERT.DPauth as in AuthenticateServer, and signs euiccSigned1.
func Example() {
	p := testpki.Default(ecdsa.P256)
	e := ecasd.New()
	err := e.Personalise(ecasd.Config{
		KeySets: []ecasd.KeySet{{Key: p.EUICC.Key, EUICCCertificate: p.EUICC.Cert, EUMCertificate: p.EUM.Cert}},
		CIs:     [][]byte{p.CI.Cert},
	})
	if err != nil {
		panic(err)
	}
	eid, _ := e.EIDString()
	fmt.Println("EID", eid)
	fmt.Println("signing PKIDs", len(e.CIPKIDsForSigning()), "of", len(e.CIPKIDsForSigning()[0]), "bytes")

	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	sc, err := e.VerifyServerCertificate(p.DPauth.Cert, rspcert.RoleDPauth, p.PKID, now)
	fmt.Println("DPauth:", err, len(sc.Chain.SMDPOID) > 0)
	_, err = e.VerifyServerCertificate(p.DPpb.Cert, rspcert.RoleDPauth, p.PKID, now)
	fmt.Println("DPpb as DPauth:", err.(*rspcert.Error).ES10)

	euiccSigned1 := asn1der.AppendTLV(nil, asn1der.TagSequence, asn1der.AppendTLV(nil, 0x80, []byte{1}))
	sig, err := e.Sign(ecasd.PurposeEuiccSigned1, euiccSigned1, nil)
	pub, _ := e.PublicKey(nil)
	fmt.Println("euiccSignature1:", err, ecasd.VerifyServerSignature(pub, sig[:], euiccSigned1, nil) == nil)
	_, err = e.Sign(ecasd.PurposeEuiccSigned1, []byte("anything else"), nil)
	fmt.Println("arbitrary data:", err)
	// Output:
	// EID 89049032123451234512345678901235
	// signing PKIDs 1 of 20 bytes
	// DPauth: <nil> true
	// DPpb as DPauth: invalidOid(5)
	// euiccSignature1: <nil> true
	// arbitrary data: ecasd: data does not have the shape of the signing purpose
}
