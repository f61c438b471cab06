package lpa_test

import (
	"context"
	"fmt"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/lpa"
	"github.com/rspengine/rspengine/lpa/testbed"
)

// Example runs a download between an in-process SM-DP+ and eUICC (the
// embedded test PKI on P-256), then enables the profile.
func Example() {
	bed, err := testbed.New(testbed.Config{PKIs: []*testbed.PKI{testbed.Embedded(ecdsa.P256)}})
	if err != nil {
		panic(err)
	}
	if _, err := bed.AddProfile(testbed.Profile{MatchingID: "EXAMPLE-1", ICCID: "898821000000000300"}); err != nil {
		panic(err)
	}
	ac, err := lpa.ParseActivationCode("LPA:1$testsmdpplus1.example.com$EXAMPLE-1")
	if err != nil {
		panic(err)
	}
	rep, err := lpa.Download(context.Background(), bed.SMDP, bed.Cards[0], ac, &lpa.Options{Verify: true})
	if err != nil {
		panic(err)
	}
	for _, s := range rep.Steps {
		fmt.Println(s.Name)
	}
	fmt.Println("installed:", rep.Installed, "ICCID", lpa.ICCIDString(rep.ICCID))
	if _, err := lpa.EnableProfile(bed.Cards[0], rep.ICCID, false, nil); err != nil {
		panic(err)
	}
	list, _, _ := lpa.Profiles(bed.Cards[0], nil)
	fmt.Println("enabled:", list[0].Enabled)
	// Output:
	// ES10c.GetEID
	// ES10b.GetEUICCInfo1
	// ES10b.GetEUICCChallenge
	// ES9+.InitiateAuthentication
	// ES10b.AuthenticateServer
	// ES9+.AuthenticateClient
	// ES10b.PrepareDownload
	// ES9+.GetBoundProfilePackage
	// ES10b.LoadBoundProfilePackage
	// ES9+.HandleNotification
	// ES10b.RemoveNotificationFromList
	// installed: true ICCID 8988210000000003008
	// enabled: true
}
