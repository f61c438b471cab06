package rsp_test

import (
	"fmt"

	"github.com/rspengine/rspengine/rsp"
)

// An eIM builds an eUICC Package with two PSMOs; the eUICC parses it and
// walks the PSMOs without allocating.
func ExampleParseEuiccPackageRequest() {
	iccid := []byte{0x98, 0x00, 0x10, 0x32, 0x54, 0x76, 0x98, 0x10, 0x32, 0x14}
	eid := make([]byte, 16)
	hdr := rsp.EuiccPackageSigned{EimID: []byte("eim.example"), EID: eid, CounterValue: 7}
	signed := rsp.AppendEuiccPackageSignedPsmos(nil, &hdr,
		rsp.Psmo{Kind: rsp.PsmoEnable, ICCID: iccid, RollbackFlag: true},
		rsp.Psmo{Kind: rsp.PsmoListProfileInfo})
	// The eIM signs rsp.AppendSignedDataWithAssociationToken(nil, signed, token).
	req := rsp.AppendEuiccPackageRequest(nil, signed, make([]byte, 64))

	q, err := rsp.ParseEuiccPackageRequest(req)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(q.Signed.EimID), q.Signed.CounterValue)
	it := q.Signed.Psmos()
	for p, ok := it.Next(); ok; p, ok = it.Next() {
		fmt.Printf("%v %X rollback=%v\n", p.Kind, p.ICCID, p.RollbackFlag)
	}
	// Output:
	// eim.example 7
	// enable 98001032547698103214 rollback=true
	// listProfileInfo  rollback=false
}

// An LPA reads the profiles of a GetProfilesInfo response.
func ExampleParseProfileInfoListResponse() {
	info := rsp.ProfileInfo{
		ICCID:           []byte{0x98, 0x00, 0x10, 0x32, 0x54, 0x76, 0x98, 0x10, 0x32, 0x14},
		HasProfileState: true, ProfileState: rsp.ProfileStateEnabled,
		ProfileName: []byte("Test profile"),
	}
	resp := rsp.AppendProfileInfoListResponse(nil, info)
	l, err := rsp.ParseProfileInfoListResponse(resp)
	if err != nil {
		panic(err)
	}
	for p := range l.ProfileInfos().All() {
		fmt.Printf("%X %s %v\n", p.ICCID, p.ProfileName, p.ProfileState)
	}
	// Output:
	// 98001032547698103214 Test profile enabled
}
