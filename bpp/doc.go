// Package bpp is the Bound Profile Package of SGP.22 v2.5 (§2.5.5, §3.1.3,
// §5.5; RSP-FACTS §2.1.4, §3.2 and §4) seen from its three sides:
//
//   - SM-DP+: AppendBuild / Builder.AppendBuild binds an Unprotected Profile
//     Package (a SAIP DER stream) to one download session. It derives the
//     session keys (ecka: ECDH(otSK.DP, otPK.EUICC), X9.63 KDF with hostId and
//     EID), signs InitialiseSecureChannelRequest with the DPpb key over exactly
//     the bytes of RSP-FACTS §3.2 (the BF23 members before smdpSign ‖ 5F49 L
//     euiccOtpk), and protects with scp03t: A0 {87 ConfigureISDPRequest},
//     A1 {88 StoreMetadataRequest, in several 88 when it is longer than one
//     segment}, optionally A2 {87 ReplaceSessionKeysRequest} with a profile
//     protection key set (PPK), and A3 {86 …} carrying the profile.
//   - LPA: Segments yields the ES10b.LoadBoundProfilePackage STORE DATA
//     payloads in the order and cut of RSP-FACTS §4.5: BF36 L with the whole
//     BF23, the whole A0, the A1 header then each 88, the whole A2 (when
//     present), the A3 header then each 86.
//   - eUICC: Loader is a streaming state machine fed one of those segments at a
//     time. It checks their order and structure, the InitialiseSecureChannel
//     values (remoteOpId, transactionId, CRT) and smdpSign, derives the keys with
//     otSK.EUICC, verifies every C-MAC and padding, decrypts, applies
//     ReplaceSessionKeys, and hands ConfigureISDP, StoreMetadata and the
//     profile-element plaintext to a Handler. Every failure is an *Error with
//     the exact bppCommandId and errorReason of ProfileInstallationResult.
//
// # Check order on the eUICC
//
// InitialiseSecureChannelRequest is checked in this order: its structure
// (incorrectInputValues(1)), remoteOpId = installBoundProfilePackage(1)
// (unsupportedRemoteOperationType(5)), transactionId equal to the session's
// (invalidTransactionId(3)), CRT keyType 88 and keyLen 10
// (unsupportedCrtValues(4)), then smdpSign with the public key of CERT.DPpb
// (invalidSignature(2)), and last the key agreement with smdpOtpk (a point not
// on the curve is incorrectInputValues(1)). The codes come from the ASN.1
// module; the relative order of these checks is not in the facts we hold
// ([MEM]): the cheap public-value checks run first, the signature before any
// use of smdpOtpk.
//
// A segment that comes in the wrong place, a length field that does not add up,
// a truncated segment or bad padding is scp03tStructureError(7); a C-MAC that
// does not verify (a flipped bit, a reordered, dropped or duplicated segment:
// the MAC chain covers them all) is scp03tSecurityError(8). The bppCommandId is
// the step the segment belongs to: initialiseSecureChannel(0) for BF36/BF23,
// configureISDP(1) for A0, storeMetadata(2) for the A1 header and its first
// 88, storeMetadata2(3) for the following 88 segments ([MEM]: SGP.22 names the
// value, the assignment to "second and later 88" is our reading),
// replaceSessionKeys(4) for A2 and loadProfileElements(5) for A3 and its 86.
// A decrypted ConfigureISDPRequest, StoreMetadataRequest or
// ReplaceSessionKeysRequest that does not decode is incorrectInputValues(1).
// An error a Handler returns ends the load too: an rsp.ErrorReason (or an
// error wrapping one) is reported as such, anything else as
// installFailedDueToUnknownError(127). Finish on a load that has not seen its
// last 86 reports installFailedDueToInterruption(11) for the step it stopped in.
//
// # Nothing partly installed
//
// The Loader owns no profile storage. The Handler stages what it receives and
// commits only when Feed reports done (or Finish returns nil); after the first
// error the Loader calls the Handler no more, answers every further Feed with
// the same *Error, and wipes its keys. Abort and Reset do the same on request.
//
// # Allocations
//
// Builder.AppendBuild appends into the caller's buffer and allocates nothing
// when the buffer has room for the result (BuildLen) and otSK.DP is given;
// Loader.Feed unprotects into the caller's scratch buffer (Reset) and allocates
// nothing once the scratch is large enough for the StoreMetadataRequest.
//
// # Left out
//
// The certificate chain of CERT.DPpb (the caller verified it in PrepareDownload
// and passes the public key), the signing of the ProfileInstallationResult
// (package ecasd), the SAIP processing of the profile elements (package saip)
// and the ES10 STORE DATA transport (package apdu). SGP.22 v3 BPP changes are
// not covered.
package bpp
