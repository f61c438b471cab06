// Package rspcert is a zero-allocation view of GSMA RSP certificates and the
// chain rules an SM-DP+ and an eUICC apply to them.
//
// It implements, from RSP-FACTS §5 (SGP.22 §4.5.2 certificate profiles, as found
// in the SGP.26 test certificates) and §3.2 (the checks around the signatures):
//
//   - [Parse]: an X.509 v3 certificate view whose fields are sub-slices of the
//     input: the TBS span (the signed bytes), the serial (up to 20 bytes, kept
//     as bytes), issuer and subject (raw, plus C, O, OU, CN and serialNumber,
//     which is the EID in CERT.EUICC), validity (UTCTime and GeneralizedTime,
//     including the SGP.26 eUICC's notAfter in year 7496), the public key
//     (curve OID and point, NIST P-256 and brainpoolP256r1), the extensions
//     (keyUsage, basicConstraints with pathLen, SKI, AKI, certificatePolicies
//     with the v2 and v3 role OIDs of RSP-FACTS §5.2, subjectAltName with the
//     registeredID that names an SM-DP+, nameConstraints with directoryName
//     subtrees, the GSMA permittedEins extension 2.23.146.1.2.2.0, CRL
//     distribution points, extendedKeyUsage) and the signature. Unknown
//     critical extensions are rejected. Parsing allocates nothing.
//   - [CIStore]: trust anchors (CERT.CI) indexed by their PKID, which is the CI
//     certificate's SubjectKeyIdentifier (RSP-FACTS §5.1), and the CI selection
//     of ES9+.InitiateAuthentication from euiccCiPKIdListForSigning and
//     euiccCiPKIdListForVerification (RSP-FACTS §5.3).
//   - [CIStore.VerifyEUICCChain], [CIStore.VerifyEUM] and
//     [CIStore.VerifyServerCertificate]: the chains CI → EUM → eUICC and
//     CI → DPauth / DPpb / DSauth: role OID per position, keyUsage,
//     basicConstraints (pathLen), validity against a supplied clock, AKI =
//     issuer SKI, curve of the key, signature (ECDSA with SHA-256 over the TBS
//     span, DER ECDSA-Sig-Value), the EID inside the EUM's permitted prefixes
//     (nameConstraints directoryName serialNumber for Variant O, permittedEins
//     for the v3 variants) and the SM-DP+ OID ([SameSMDP], [CheckSMDPOID]).
//     Each failure is an [*Error] that carries both the SM-DP+ status code
//     pair (SGP.22 subject code / reason code) and the ES10
//     AuthenticateErrorCode-style code; match with errors.Is / errors.As.
//   - [Cache]: a bounded, concurrency-safe cache of verified intermediate
//     certificates (CERT.EUM), keyed by a hash of the certificate bytes and its
//     issuer (hits compare the full bytes), whose entries expire with the
//     certificate or after a maximum TTL. A hit costs no signature check, and a
//     hot EUM key is handed to a precomputed ecdsa.Verifier.
//
// Provenance of the rules. The profile table, the role OIDs, the PKID = SKI
// rule, the EID ↔ EUM binding and the codes 8.1.3/6.1, 8.1.4/6.1, 8.11.1/3.9,
// 8.8.2/3.1, 8.8.4/3.7 and 8.8/3.10 are [IMPL] facts of RSP-FACTS §3.2, §5.1 and §5.3.
// From memory of SGP.22 prose ([MEM], not re-verified against the GSMA text):
// the split of SM-DP+ codes by certificate (8.1.2 for CERT.EUM, 8.1.3 for
// CERT.EUICC) with reason 6.3 for an expired certificate; that every
// certificate of a chain uses the curve of its CI; that the organisation in a
// directoryName name constraint must equal the eUICC's; that an EID carries
// ISO/IEC 7064 MOD 97-10 check digits (the whole 32-digit number mod 97 is 1);
// and the use of invalidOid for a wrong role or a missing SM-DP+ OID.
//
// Left out: revocation (CRLs are parsed, never fetched or checked), the TLS
// certificate rules (CERT.DP.TLS parses, but has no chain function here), the
// SGP.22 v3 sub-CA chains (EUM SubCA, DP SubCA) and the truncated PKIDs of
// SGP.32, name constraints other than directoryName (they parse and are kept
// raw), and policy qualifiers.
//
// Decoding: the certificate parser walks the DER with a small private cursor
// (strict DER, one-octet tags, the only ones X.509 uses) instead of
// asn1der.Reader, because the reader's per-TLV cost made a parse about four
// times slower; a differential test and a fuzz target hold the cursor to
// asn1der's accept/reject decisions and splits, and every value-level rule
// (INTEGER, OBJECT IDENTIFIER, times, BIT STRING, BOOLEAN) is asn1der's. The
// iterators over lists kept raw (GeneralNames, Subtrees, ...) use asn1der.
//
// Floors: rspcert is on floor 3 beside ecdsa and imports it (for the
// signature checks and the precomputed Verifier); that is the one same-floor
// import and it is acyclic. It imports nothing above floor 3.
//
// Signature verification is variable time: every key and signature here is
// public.
package rspcert
