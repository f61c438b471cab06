// Package testpki is a deterministic, SGP.26-shaped test PKI for the tests,
// the demo and the bench: the embedded default, so a fresh clone needs no
// outside file.
//
// For each of the two SGP.22 curves (NIST P-256 and brainpoolP256r1) it
// builds, from a seed:
//
//   - CERT.CI: self-signed, policy id-rspRole-ci (2.23.146.1.2.1.0), SKI =
//     the CI's PKID;
//   - CERT.EUM: issued by the CI, policy id-rspRole-eum (2.23.146.1.2.1.2),
//     basicConstraints CA pathLen 0, and the critical nameConstraints of the
//     SGP.26 EUM ("Variant O"): one permitted directoryName subtree
//     {O = the EUM's organisation, serialNumber = the EID prefix};
//   - CERT.EUICC: issued by the EUM, policy id-rspRole-euicc
//     (2.23.146.1.2.1.1), subject serialNumber = the EID, whose last two
//     digits are the SGP.29 check digits (the 32-digit number is 1 mod 97,
//     RSP-FACTS §2.8);
//   - CERT.DPauth and CERT.DPpb: issued by the CI, policies id-rspRole-dp-auth
//     (2.23.146.1.2.1.4) and id-rspRole-dp-pb (2.23.146.1.2.1.5),
//     subjectAltName registeredID = the SM-DP+ OID;
//
// each with its private key. The certificate profile mirrors the SGP.26 test
// certificates as RSP-FACTS §5.1 describes them: the same names, extension
// order and criticality, keyUsage bits, SAN registeredIDs (CI 2.999.1, EUM
// 2.999.5, SM-DP+ 2.999.10 by default), CRL distribution points, SKI = SHA-1
// of the public point (RFC 5280 §4.2.1.2 method 1, as the SGP.26 files do),
// AKI = the issuer's SKI (keyIdentifier only), and the eUICC's notAfter in
// year 7496. One deliberate difference: CERT.DPauth and CERT.DPpb are valid
// for 30 years from Options.Now instead of SGP.26's 10, so that the default
// PKI does not expire under the tests in 2030.
//
// TEST KEYS ONLY. Every private key is derived from the seed as
//
//	d = (HMAC-SHA256(seed, "rspengine/testpki/" + curve + "/" + label) mod (n-1)) + 1
//
// with label "ci", "eum", "euicc", "dpauth" or "dppb" (n the curve order), and
// every signature is a plain RFC 6979 deterministic ECDSA signature
// (ecdsa.SignASN1 with a nil rand), so the same seed and options always give
// the same bytes. Anyone who knows the seed knows the keys: never trust a
// testpki CI outside tests.
//
// For tests of renewal and of several cards, PKI.NewEUICC issues another
// eUICC certificate (new key, any EID) under the EUM, PKI.CertifyEUICC
// certifies a given public key (one an ECASD generated on card) and
// PKI.NewEUM issues another EUM certificate under the CI.
//
// Certificates are built with asn1der (a small certificate builder in this
// package) and signed with ecdsa; the parsed views are rspcert's. What is left
// out: the SGP.22 v3 variants (permittedEins, v3 role OIDs, sub-CAs), TLS
// certificates and CRLs.
package testpki
