// Package rsp holds typed, zero-copy views and appending builders for the
// messages of GSMA SGP.22 v2.5 (consumer Remote SIM Provisioning) and SGP.32
// v1.2 (IoT), their result and error codes, and the tag constants of every
// top-level object.
//
// # What is covered
//
//   - SGP.22 v2.5 §2.1.1 of RSP-FACTS (ES10a/b/c information): EUICCInfo1,
//     EUICCInfo2 (RspCapability, forbiddenProfilePolicyRules, the untagged
//     ppVersion 04 and sasAcreditationNumber 0C), GetEuiccChallenge,
//     GetEuiccData (EID), EuiccConfiguredAddresses.
//   - Common Mutual Authentication (SGP.22 §3.1.2, ES9+ / ES10b; RSP-FACTS
//     §2.1.2): InitiateAuthenticationRequest/Response, ServerSigned1,
//     CtxParams1 / CtxParamsForCommonAuthentication / DeviceInfo,
//     AuthenticateServerRequest/Response, EuiccSigned1,
//     AuthenticateClientRequest/Response.
//   - Download (SGP.22 §3.1.3, RSP-FACTS §2.1.3–2.1.4): SmdpSigned2,
//     PrepareDownloadRequest/Response, EuiccSigned2,
//     GetBoundProfilePackageRequest/Response, BoundProfilePackage (BF36) with
//     its InitialiseSecureChannelRequest (BF23) and the A0/A1/A2/A3 segment
//     sequences, ConfigureISDPRequest, StoreMetadataRequest (with the SGP.32
//     v1.2 fields ecallIndication [123] 9F7B and fallbackAllowed [103] 9F67,
//     RSP-FACTS §2.4.4), ReplaceSessionKeysRequest, ProfileInstallationResult.
//   - Cancel session (RSP-FACTS §2.1.7): the ES10b and ES9+ request and
//     response, EuiccCancelSessionSigned; HandleNotification.
//   - Profile management, notifications and the SGP.32 eUICC Package messages
//     live in the mgmt_*.go and sgp32_*.go files of this package.
//
// # Views
//
// A view is a small struct of []byte sub-slices and integers produced by a
// ParseXxx function from one whole top-level TLV. It never copies: every
// field points into the caller's input, so the input must stay unchanged
// while the view is used. Parsing allocates nothing on success.
//
// Every view of a signed object exposes the exact bytes its signature covers
// (RSP-FACTS §3.2), so a verifier never re-encodes: for example
// [AuthenticateResponseOk] has EuiccSigned1Raw (the whole 30 L … TLV),
// EuiccSignature1 (the 64-byte r‖s) and EuiccSignature1DO (the whole
// 5F37 40 … data object, which is part of smdpSignature2's input).
//
// Parsing is strict DER by default: definite minimal lengths, minimal tags,
// minimal INTEGERs, BOOLEAN 00/FF, DEFAULT values omitted, zero padding bits,
// no trailing bytes, and sizes from the module (Octet16 challenges, 1..16-byte
// transactionIds, 3-byte VersionTypes, 10-byte ICCIDs) plus the 64-byte r‖s
// of every 5F37 signature (RSP-FACTS §3.1). One DER rule is deliberately not
// enforced: a BIT STRING with named bits may keep trailing zero bits, because
// real eUICCs send them inside signed data (the recorded session's EUICCInfo2
// has uiccCapability 85 02 00 00 and its NotificationMetadata 81 02 00 80);
// views keep the bits exactly as sent and builders reproduce them. The ASN.1
// modules are EXTENSIBILITY IMPLIED, so unknown elements after the known
// members of a SEQUENCE are skipped and kept (Extensions fields, appended
// again by the builders); they must still be well-formed, and an element
// carrying the tag of a known member (out of order or repeated) is rejected.
// Unknown alternatives of a CHOICE are rejected.
//
// The messages an SM-DP+ parses for every download (InitiateAuthentication
// and AuthenticateClient requests, AuthenticateServerResponse with
// EuiccSigned1, EUICCInfo1/2, CtxParams1 and DeviceInfo, PrepareDownloadResponse
// inside GetBoundProfilePackage, HandleNotification) are decoded in one pass
// with an [asn1der.Cursor] (fast.go). That pass accepts exactly what the
// member-by-member decoder accepts, with identical views (checked by
// TestFastSlowAgree and FuzzFastSlowAgree); when it rejects, the decoder
// re-reads the input to report the offset and rule. For the 1.3 KB
// AuthenticateServerResponse view, [ParseAuthenticateServerResponseInto]
// fills a caller's variable in place instead of returning it by value.
//
// # Strict and lenient decoding
//
// The messages an eUICC receives from an LPA (ES10b requests, the Bound
// Profile Package and its commands, StoreMetadataRequest) are decoded on the
// card; RSP-FACTS §2.7 notes that an eUICC model should be BER-lenient there,
// and StoreMetadataRequest is MACed as the SM-DP+ encoded it. Parsers for
// those messages have a ParseXxxMode variant (or a mode argument) taking an
// [asn1der.Mode]; with [asn1der.BER] they also accept non-minimal and
// indefinite lengths, BOOLEANs other than 00/FF, non-zero padding bits and an
// explicit DEFAULT profileClass. The raw spans of a BER view are still the
// bytes as received, which is what the signatures cover. Everything an SM-DP+
// receives (ES9+ requests, responses relayed from the eUICC) is parsed
// strictly.
//
// # Builders
//
// AppendXxx(dst, …) appends the DER encoding of a message to dst and returns
// the extended slice, like strconv.AppendInt. With enough capacity in dst a
// builder allocates nothing. Builders emit DER: DEFAULT values are omitted
// and named BIT STRINGs lose trailing zero bits. A builder that receives a
// field of the wrong fixed size (a 16-byte challenge, a 64-byte signature)
// encodes what it is given; validation is the parser's job.
//
// # Errors
//
// A malformed input gives a [*ParseError] naming the message and wrapping the
// [*asn1der.Error] that says where and which rule broke; nothing panics on
// any input. The result codes of the specification are typed integers
// ([AuthenticateErrorCode], [DownloadErrorCode], [ErrorReason], …) that also
// implement error, and the ES9+ status codes are [StatusCode] values, so
// callers match them with errors.Is and errors.As.
//
// # Left out
//
// SGP.22 v3 structures (RSP-FACTS §2.3 has no usable module), the ES11
// (SM-DS) messages, LoadCRL, RAT contents, the JSON binding of ES9+, the
// ES10 transport (STORE DATA) and any cryptography: signatures are exposed
// as bytes for the ecdsa package, certificates as raw spans for rspcert.
package rsp
