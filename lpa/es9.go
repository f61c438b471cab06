package lpa

import "github.com/rspengine/rspengine/smdp"

// *smdp.Server is the in-process ES9Client: its five ES9+ methods already
// have the ASN.1-binding signature (request DER in, response DER appended).
var _ ES9Client = (*smdp.Server)(nil)
