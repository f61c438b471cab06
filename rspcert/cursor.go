package rspcert

import "github.com/rspengine/rspengine/asn1der"

// cursor is asn1der's hot-path Cursor (strict DER, bare sub-slices); the
// certificate parser walks every level with it and leaves value-level rules
// (INTEGER, OID, time, BIT STRING) to asn1der's value functions.
type cursor = asn1der.Cursor

// one parses b as exactly one TLV with the given tag.
func one(b []byte, tag asn1der.Tag) (val []byte, ok bool) { return asn1der.ParseOne(b, tag) }

// validOID checks OBJECT IDENTIFIER contents: one-octet arcs (all the OIDs
// of RSP certificates but the brainpool curve and the GSMA arcs) are valid
// as they stand; anything else goes to asn1der.CheckOID.
func validOID(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, x := range b {
		if x >= 0x80 {
			return asn1der.CheckOID(tlv(asn1der.TagOID, b)) == nil
		}
	}
	return true
}

// tlv wraps contents for the asn1der value checks.
func tlv(tag asn1der.Tag, v []byte) asn1der.TLV { return asn1der.TLV{Tag: tag, Value: v} }
