package testpki

import (
	"crypto/sha1"
	"crypto/sha256"
	"time"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecdsa"
)

// OIDs used by the builder (contents octets).
var (
	oidECDSAWithSHA256  = asn1der.OID("1.2.840.10045.4.3.2")
	oidCommonName       = asn1der.OID("2.5.4.3")
	oidSerialNumber     = asn1der.OID("2.5.4.5")
	oidCountry          = asn1der.OID("2.5.4.6")
	oidOrganization     = asn1der.OID("2.5.4.10")
	oidOrgUnit          = asn1der.OID("2.5.4.11")
	oidExtSKI           = asn1der.OID("2.5.29.14")
	oidExtKeyUsage      = asn1der.OID("2.5.29.15")
	oidExtSAN           = asn1der.OID("2.5.29.17")
	oidExtBasicConstr   = asn1der.OID("2.5.29.19")
	oidExtNameConstr    = asn1der.OID("2.5.29.30")
	oidExtCRLDP         = asn1der.OID("2.5.29.31")
	oidExtPolicies      = asn1der.OID("2.5.29.32")
	oidExtAKI           = asn1der.OID("2.5.29.35")
	oidRoleCI           = asn1der.OID("2.23.146.1.2.1.0")
	oidRoleEUICC        = asn1der.OID("2.23.146.1.2.1.1")
	oidRoleEUM          = asn1der.OID("2.23.146.1.2.1.2")
	oidRoleDPauth       = asn1der.OID("2.23.146.1.2.1.4")
	oidRoleDPpb         = asn1der.OID("2.23.146.1.2.1.5")
	keyUsageDigitalSign = uint64(1 << 0)
	keyUsageCertSign    = uint64(1 << 5)
	keyUsageCRLSign     = uint64(1 << 6)
)

// attr is one attribute of a Name (one RDN each, as in the SGP.26 files).
type attr struct {
	oid       []byte
	printable bool // PrintableString, else UTF8String
	value     string
}

func appendName(dst []byte, attrs []attr) []byte {
	dst, m := asn1der.AppendBegin(dst, asn1der.TagSequence)
	for _, a := range attrs {
		var m1, m2 asn1der.Mark
		dst, m1 = asn1der.AppendBegin(dst, asn1der.TagSet)
		dst, m2 = asn1der.AppendBegin(dst, asn1der.TagSequence)
		dst = asn1der.AppendOID(dst, asn1der.TagOID, a.oid)
		t := asn1der.TagUTF8String
		if a.printable {
			t = asn1der.TagPrintableString
		}
		dst = asn1der.AppendString(dst, t, a.value)
		dst = asn1der.AppendEnd(dst, m2)
		dst = asn1der.AppendEnd(dst, m1)
	}
	return asn1der.AppendEnd(dst, m)
}

// extension is one X.509 extension: its OID, criticality and the DER of its
// value (the contents of the extnValue OCTET STRING).
type extension struct {
	oid      []byte
	critical bool
	value    []byte
}

// template describes one certificate to issue.
type template struct {
	serial     []byte
	issuer     []byte // issuer Name DER
	subject    []byte // subject Name DER
	notBefore  time.Time
	notAfter   time.Time
	pub        *ecdsa.PublicKey
	extensions []extension
}

// issue builds the TBSCertificate of t, signs it with signer (ECDSA with
// SHA-256, deterministic RFC 6979 nonces) and returns the certificate DER.
func issue(t *template, signer *ecdsa.PrivateKey) ([]byte, error) {
	tbs, m := asn1der.AppendBegin(make([]byte, 0, 640), asn1der.TagSequence)
	var mv asn1der.Mark
	tbs, mv = asn1der.AppendBegin(tbs, 0xA0)
	tbs = asn1der.AppendInt64(tbs, asn1der.TagInteger, 2) // v3
	tbs = asn1der.AppendEnd(tbs, mv)
	tbs = asn1der.AppendUnsigned(tbs, asn1der.TagInteger, t.serial)
	tbs = appendAlgorithm(tbs)
	tbs = append(tbs, t.issuer...)
	var mt asn1der.Mark
	tbs, mt = asn1der.AppendBegin(tbs, asn1der.TagSequence)
	tbs = asn1der.AppendTime(tbs, t.notBefore)
	tbs = asn1der.AppendTime(tbs, t.notAfter)
	tbs = asn1der.AppendEnd(tbs, mt)
	tbs = append(tbs, t.subject...)
	tbs = t.pub.AppendSubjectPublicKeyInfo(tbs)
	if len(t.extensions) > 0 {
		var m3, ms asn1der.Mark
		tbs, m3 = asn1der.AppendBegin(tbs, 0xA3)
		tbs, ms = asn1der.AppendBegin(tbs, asn1der.TagSequence)
		for _, e := range t.extensions {
			var me asn1der.Mark
			tbs, me = asn1der.AppendBegin(tbs, asn1der.TagSequence)
			tbs = asn1der.AppendOID(tbs, asn1der.TagOID, e.oid)
			if e.critical {
				tbs = asn1der.AppendBool(tbs, asn1der.TagBoolean, true)
			}
			tbs = asn1der.AppendTLV(tbs, asn1der.TagOctetString, e.value)
			tbs = asn1der.AppendEnd(tbs, me)
		}
		tbs = asn1der.AppendEnd(tbs, ms)
		tbs = asn1der.AppendEnd(tbs, m3)
	}
	tbs = asn1der.AppendEnd(tbs, m)

	digest := sha256.Sum256(tbs)
	sig, err := ecdsa.SignASN1(nil, signer, digest[:], nil)
	if err != nil {
		return nil, err
	}
	cert, mc := asn1der.AppendBegin(make([]byte, 0, len(tbs)+96), asn1der.TagSequence)
	cert = append(cert, tbs...)
	cert = appendAlgorithm(cert)
	cert = asn1der.AppendBitString(cert, asn1der.TagBitString, sig, 8*len(sig))
	return asn1der.AppendEnd(cert, mc), nil
}

func appendAlgorithm(dst []byte) []byte {
	dst, m := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = asn1der.AppendOID(dst, asn1der.TagOID, oidECDSAWithSHA256)
	return asn1der.AppendEnd(dst, m)
}

// keyID is the SubjectKeyIdentifier of a public key: SHA-1 of the
// uncompressed point (RFC 5280 §4.2.1.2 method 1, as in the SGP.26 files).
func keyID(pub *ecdsa.PublicKey) []byte {
	p := pub.Bytes()
	h := sha1.Sum(p[:])
	return h[:]
}

// Extension values (the DER inside extnValue).

func extSKI(ski []byte) extension {
	return extension{oid: oidExtSKI, value: asn1der.AppendTLV(nil, asn1der.TagOctetString, ski)}
}

func extAKI(issuerSKI []byte) extension {
	v := asn1der.AppendTLV(nil, asn1der.TagSequence, asn1der.AppendTLV(nil, 0x80, issuerSKI))
	return extension{oid: oidExtAKI, value: v}
}

func extKeyUsage(mask uint64) extension {
	return extension{oid: oidExtKeyUsage, critical: true, value: asn1der.AppendNamedBits(nil, asn1der.TagBitString, mask)}
}

func extPolicy(role []byte) extension {
	pi := asn1der.AppendTLV(nil, asn1der.TagSequence, asn1der.AppendOID(nil, asn1der.TagOID, role))
	return extension{oid: oidExtPolicies, critical: true, value: asn1der.AppendTLV(nil, asn1der.TagSequence, pi)}
}

func extRegisteredID(oid []byte) extension {
	v := asn1der.AppendTLV(nil, asn1der.TagSequence, asn1der.AppendTLV(nil, 0x88, oid))
	return extension{oid: oidExtSAN, value: v}
}

// extBasicConstraints encodes cA TRUE with pathLen when pathLen >= 0.
func extBasicConstraints(pathLen int) extension {
	v := asn1der.AppendBool(nil, asn1der.TagBoolean, true)
	if pathLen >= 0 {
		v = asn1der.AppendInt64(v, asn1der.TagInteger, int64(pathLen))
	}
	return extension{oid: oidExtBasicConstr, critical: true, value: asn1der.AppendTLV(nil, asn1der.TagSequence, v)}
}

// extCRLDP encodes one DistributionPoint with a fullName URI per uri.
func extCRLDP(uris ...string) extension {
	var dps []byte
	for _, u := range uris {
		gn := asn1der.AppendString(nil, 0x86, u)              // uniformResourceIdentifier [6]
		dpn := asn1der.AppendTLV(nil, 0xA0, gn)               // fullName [0]
		dp := asn1der.AppendTLV(nil, 0xA0, dpn)               // distributionPoint [0]
		dps = asn1der.AppendTLV(dps, asn1der.TagSequence, dp) // DistributionPoint
	}
	return extension{oid: oidExtCRLDP, value: asn1der.AppendTLV(nil, asn1der.TagSequence, dps)}
}

// extNameConstraints encodes the SGP.26 EUM's nameConstraints: permitted
// subtree directoryName {O = org, serialNumber = prefix}.
func extNameConstraints(org, prefix string) extension {
	name := appendName(nil, []attr{{oidOrganization, false, org}, {oidSerialNumber, true, prefix}})
	subtree := asn1der.AppendTLV(nil, asn1der.TagSequence, asn1der.AppendTLV(nil, 0xA4, name)) // directoryName [4]
	permitted := asn1der.AppendTLV(nil, 0xA0, subtree)
	return extension{oid: oidExtNameConstr, critical: true, value: asn1der.AppendTLV(nil, asn1der.TagSequence, permitted)}
}
