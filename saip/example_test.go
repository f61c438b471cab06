package saip_test

import (
	"errors"
	"fmt"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/saip"
)

// An eUICC loading a package segment by segment: the header's ICCID must be
// the one of the profile metadata, and any failure is reported as
// installFailedDueToPEProcessingError.
func ExampleParser() {
	params := saip.DefaultParams()
	upp := saip.AppendDefaultProfile(nil, &params)
	metadataICCID, _ := saip.ICCIDFromDigits(params.ICCID) // StoreMetadata iccid (tag 5A)

	errICCID := errors.New("ICCID differs from the metadata")
	p := saip.NewParser(asn1der.BER, func(pe *saip.PE) error {
		if pe.Type == saip.TypeHeader {
			h, err := pe.ProfileHeader()
			if err != nil {
				return err
			}
			if !h.MatchesICCID(metadataICCID[:]) {
				return errICCID
			}
		}
		fmt.Println(pe.Index, pe.Type, pe.Offset)
		return nil
	})
	var err error
	for off := 0; off < len(upp) && err == nil; off += 100 {
		err = p.Write(upp[off:min(off+100, len(upp))])
	}
	if err == nil {
		err = p.Close()
	}
	if errors.Is(err, saip.ErrPEProcessing) || errors.Is(err, errICCID) {
		fmt.Println("errorReason", saip.ErrorReasonPEProcessing)
		return
	}
	fmt.Println("installed", err == nil)
	// Output:
	// 0 header 0
	// 1 mf 71
	// 2 usim 132
	// 3 akaParameter 200
	// 4 end 255
	// installed true
}
