// Package ecasd is the eUICC's root of trust, the eUICC Controlling
// Authority Security Domain of SGP.22 §2.4 as the eUICC model uses it: it
// holds SK.EUICC, CERT.EUICC and CERT.EUM, the CI public keys (as CERT.CI,
// indexed by PKID = SubjectKeyIdentifier, RSP-FACTS §5.1) with the two lists
// EUICCInfo1/2 advertise (euiccCiPKIdListForVerification and
// euiccCiPKIdListForSigning, RSP-FACTS §5.3), an optional EUM keyset
// renewal, the signing service and the off-card verification of server
// certificate chains.
//
// # Life cycle
//
// An ECASD is personalised once ([ECASD.Personalise], or [ECASD.Import] of a
// state exported before) and is immutable afterwards, with two exceptions:
// the EUM-signed key set renewal ([ECASD.Renew]) and [ECASD.Wipe], which
// destroys every SK.EUICC (the eUICC model calls it when the eUICC itself is
// destroyed). An eUICC memory reset (ES10c.eUICCMemoryReset, RSP-FACTS §6.2)
// does NOT reset the ECASD: profiles, notifications and addresses go, the
// keys and certificates stay.
//
// A key set is one SK.EUICC with its CERT.EUICC and CERT.EUM; an ECASD holds
// one or more (an eUICC that can sign under both the NIST and the brainpool
// CI holds two), all for the same EID. The signing list is the PKIDs of the
// CIs that issued each key set's CERT.EUM, in the order of the key sets; the
// verification list is the order given at personalisation.
//
// # Signing service
//
// [ECASD.Sign] signs, with SHA-256 and ECDSA (raw r‖s, the 5F37 form,
// RSP-FACTS §3.1), only the RSP structures listed as [Purpose] values, over
// the exact bytes of RSP-FACTS §3.2/§3.3: euiccSigned1; euiccSigned2 ‖ the
// smdpSignature2 data object; ProfileInstallationResultData;
// NotificationMetadata (tbsOtherNotification); EuiccCancelSessionSigned;
// EuiccPackageResultDataSigned and EuiccPackageErrorDataSigned ‖ the
// associationToken [4] (SGP.32 v1.1+) or, for results, ‖ the eimSignature
// data object (SGP.32 v1.0.0). The ECASD checks the outer shape of each
// (one DER TLV of the purpose's tag, the tail of its tag and size) so that
// it is not a general signing oracle; it does not parse the inside. An
// ECASD never signs arbitrary data for the LPA: the eUICC model is its only
// caller, and builds what it signs. Nonces are hedged (RFC 6979 with fresh
// randomness from crypto/rand, ecdsa.Sign); signing is constant time in the
// key and allocates nothing.
//
// # Server chains
//
// [ECASD.VerifyServerCertificate] is the eUICC's check of CERT.DPauth,
// CERT.DPpb (and CERT.DSauth) in ES10b.AuthenticateServer and
// PrepareDownload, done with rspcert against the verification CIs only; a
// failure is an *rspcert.Error whose ES10 field is the AuthenticateErrorCode
// to return: invalidCertificate(1), unsupportedCurve(3), invalidOid(5); a
// euiccCiPKIdToBeUsed outside the signing list is ciPKUnknown(7).
// [ECASD.VerifyServerSignature] checks serverSignature1 / smdpSignature2
// (invalidSignature(2)). Verification handles public data and is variable
// time.
//
// # Key set renewal (design decision, [MEM])
//
// SGP.22 v2.5 says the EUM may renew an eUICC's keys and certificates but
// publishes no format for it ([MEM]). This package defines a minimal one:
// the ECASD generates the new SK.EUICC on card ([ECASD.BeginRenewal] returns
// only its public key), the EUM certifies it and sends back a request signed
// with SK.EUM, the key of the CERT.EUM currently in the key set:
//
//	EumRenewalRequest ::= SEQUENCE {
//	    renewalSigned EumRenewalSigned,
//	    eumSignature  [APPLICATION 55] OCTET STRING (SIZE(64)) -- 5F37, r‖s over the whole renewalSigned TLV
//	}
//	EumRenewalSigned ::= SEQUENCE {
//	    counter          [0] INTEGER (1..MAX),       -- greater than every counter accepted before (no replay)
//	    eid              [1] OCTET STRING (SIZE(16)), -- this eUICC's EID (binding to one card)
//	    euiccCiPKId      [2] OCTET STRING,           -- the key set renewed (its signing PKID)
//	    euiccCertificate [3] EXPLICIT Certificate,   -- the new CERT.EUICC, for the key BeginRenewal made
//	    eumCertificate   [4] EXPLICIT Certificate OPTIONAL -- a new CERT.EUM (same CI), issuer of the new CERT.EUICC
//	}
//
// [ECASD.Renew] accepts it only if the signature verifies under the current
// CERT.EUM, the counter is fresh, the EID and PKID are this card's, the new
// CERT.EUM (if any) chains to the same CI and the new CERT.EUICC chains to
// the (new or current) CERT.EUM with the same EID and the pending key. Then
// the key set is replaced atomically and the old SK.EUICC destroyed. Nothing
// else changes an ECASD. [AppendRenewalRequest] builds the request (the EUM
// side, for tests and tools).
//
// # State
//
// [ECASD.Export] serialises the whole state for the eUICC's persistent
// Store, including every SK.EUICC in clear: the store must be protected as
// the card's secure memory would be. [ECASD.Import] restores it, re-running
// every personalisation check. A pending renewal key is not exported.
//
// Left out: the SGP.22 v3 sub-CA chains and truncated PKIDs of SGP.32, CRL
// checks, certificate validity against a clock the eUICC does not have
// (personalisation checks the chains at the latest notBefore of the chain
// unless Config.Now is set), and the GlobalPlatform ECASD APDU interface.
package ecasd
