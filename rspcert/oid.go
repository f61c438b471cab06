package rspcert

// Object identifiers as their DER contents octets (X.690 §8.19), kept as string
// constants so that comparisons with a []byte allocate nothing.
const (
	oidSigECDSAWithSHA256 = "\x2a\x86\x48\xce\x3d\x04\x03\x02"             // 1.2.840.10045.4.3.2
	oidECPublicKey        = "\x2a\x86\x48\xce\x3d\x02\x01"                 // 1.2.840.10045.2.1
	oidPrime256v1         = "\x2a\x86\x48\xce\x3d\x03\x01\x07"             // 1.2.840.10045.3.1.7
	oidBrainpoolP256r1    = "\x2b\x24\x03\x03\x02\x08\x01\x01\x07"         // 1.3.36.3.3.2.8.1.1.7
	oidAttrCommonName     = "\x55\x04\x03"                                 // 2.5.4.3
	oidAttrSerialNumber   = "\x55\x04\x05"                                 // 2.5.4.5
	oidAttrCountry        = "\x55\x04\x06"                                 // 2.5.4.6
	oidAttrOrganization   = "\x55\x04\x0a"                                 // 2.5.4.10
	oidAttrOrgUnit        = "\x55\x04\x0b"                                 // 2.5.4.11
	oidExtSKI             = "\x55\x1d\x0e"                                 // 2.5.29.14
	oidExtKeyUsage        = "\x55\x1d\x0f"                                 // 2.5.29.15
	oidExtSAN             = "\x55\x1d\x11"                                 // 2.5.29.17
	oidExtBasicCons       = "\x55\x1d\x13"                                 // 2.5.29.19
	oidExtNameCons        = "\x55\x1d\x1e"                                 // 2.5.29.30
	oidExtCRLDP           = "\x55\x1d\x1f"                                 // 2.5.29.31
	oidExtPolicies        = "\x55\x1d\x20"                                 // 2.5.29.32
	oidExtAKI             = "\x55\x1d\x23"                                 // 2.5.29.35
	oidExtEKU             = "\x55\x1d\x25"                                 // 2.5.29.37
	oidExtPermittedEins   = "\x67\x81\x12\x01\x02\x02\x00"                 // 2.23.146.1.2.2.0 (GSMA permittedEins)
	oidRSPRoleArc         = "\x67\x81\x12\x01\x02\x01"                     // 2.23.146.1.2.1 (id-rspRole)
	oidRSPRoleV3Arc       = "\x67\x81\x12\x01\x02\x01\x00\x00"             // 2.23.146.1.2.1.0.0 (v3 sub-arcs)
	oidRSPRoleV3EUICC     = "\x67\x81\x12\x01\x02\x01\x00\x00\x00\x00\x00" // 2.23.146.1.2.1.0.0.0.0.0
)

// Curve is the named curve of a certificate's public key.
type Curve uint8

// The curves of RSP-FACTS §3.1. The values match ecdsa.Curve.
const (
	CurveUnknown    Curve = 0
	P256            Curve = 1 // prime256v1, 1.2.840.10045.3.1.7
	BrainpoolP256r1 Curve = 2 // brainpoolP256r1, 1.3.36.3.3.2.8.1.1.7
)

func (c Curve) String() string {
	switch c {
	case P256:
		return "P-256"
	case BrainpoolP256r1:
		return "brainpoolP256r1"
	}
	return "unknown curve"
}

// Role is the RSP role a certificate claims in its certificatePolicies
// (RSP-FACTS §5.2). The v2 ("…-v2" in SGP.22 v3) and v3 OIDs map to the same
// Role; [Extensions.RoleV3] tells which form was used.
type Role uint8

// The roles of RSP-FACTS §5.2.
const (
	RoleNone      Role = iota // no RSP role policy
	RoleCI                    // 2.23.146.1.2.1.0
	RoleEUICC                 // 2.23.146.1.2.1.1 / 2.23.146.1.2.1.0.0.0.0.0
	RoleEUM                   // 2.23.146.1.2.1.2 / 2.23.146.1.2.1.0.0.0
	RoleDPtls                 // 2.23.146.1.2.1.3 / 2.23.146.1.2.1.0.0.1.0
	RoleDPauth                // 2.23.146.1.2.1.4 / 2.23.146.1.2.1.0.0.1.1
	RoleDPpb                  // 2.23.146.1.2.1.5 / 2.23.146.1.2.1.0.0.1.2
	RoleDStls                 // 2.23.146.1.2.1.6 / 2.23.146.1.2.1.0.0.2.0
	RoleDSauth                // 2.23.146.1.2.1.7 / 2.23.146.1.2.1.0.0.2.1
	RoleAmbiguous             // more than one RSP role policy
)

var roleNames = [...]string{"none", "CI", "eUICC", "EUM", "DP TLS", "DPauth", "DPpb", "DS TLS", "DSauth", "ambiguous"}

func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "unknown role"
}

// roleOf maps a policy OID (contents octets) to an RSP role; v3 reports the
// v3 form.
func roleOf(oid []byte) (r Role, v3 bool) {
	s := string(oid)
	if len(s) == len(oidRSPRoleArc)+1 && s[:len(oidRSPRoleArc)] == oidRSPRoleArc {
		switch s[len(s)-1] {
		case 0:
			return RoleCI, false
		case 1:
			return RoleEUICC, false
		case 2:
			return RoleEUM, false
		case 3:
			return RoleDPtls, false
		case 4:
			return RoleDPauth, false
		case 5:
			return RoleDPpb, false
		case 6:
			return RoleDStls, false
		case 7:
			return RoleDSauth, false
		}
		return RoleNone, false
	}
	if s == oidRSPRoleV3EUICC {
		return RoleEUICC, true
	}
	if len(s) == len(oidRSPRoleV3Arc)+1 && s[:len(oidRSPRoleV3Arc)] == oidRSPRoleV3Arc && s[len(s)-1] == 0 {
		return RoleEUM, true
	}
	if len(s) == len(oidRSPRoleV3Arc)+2 && s[:len(oidRSPRoleV3Arc)] == oidRSPRoleV3Arc {
		switch s[len(s)-2:] {
		case "\x01\x00":
			return RoleDPtls, true
		case "\x01\x01":
			return RoleDPauth, true
		case "\x01\x02":
			return RoleDPpb, true
		case "\x02\x00":
			return RoleDStls, true
		case "\x02\x01":
			return RoleDSauth, true
		}
	}
	return RoleNone, false
}
