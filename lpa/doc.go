// Package lpa is a small Local Profile Assistant: it runs a profile download
// between an SM-DP+ reached through an ES9Client and an eUICC reached through
// a Card (ES10 request DER in, response DER out), then manages the profile and
// delivers the notifications. It is what the demo, the end-to-end tests and
// the bench drive.
//
// What it implements (SGP.22 v2.5; RSP-FACTS §2.1, §3.2, §4.5):
//
//   - the Activation Code of SGP.22 §4.1 ([MEM], see ActivationCode);
//   - Common Mutual Authentication (§3.1.2): ES10b.GetEUICCChallenge,
//     ES10b.GetEUICCInfo1, ES9+.InitiateAuthentication, ES10b.AuthenticateServer,
//     ES9+.AuthenticateClient;
//   - Download and Installation (§3.1.3): ES10b.PrepareDownload with hashCc =
//     SHA256(SHA256(CC) ‖ transactionId) ([MEM]: computed by the LPA and
//     signed by the eUICC in euiccSigned2), ES9+.GetBoundProfilePackage,
//     ES10b.LoadBoundProfilePackage cut into the STORE DATA segments of
//     RSP-FACTS §4.5 by bpp.Segments;
//   - Cancel Session (§3.1.5) when the eUICC or the end user stops a
//     download (ES10b.CancelSession, then ES9+.CancelSession);
//   - the ProfileInstallationResult and the other pending notifications (§3.5):
//     ES10b.RetrieveNotificationsList, ES9+.HandleNotification,
//     ES10b.RemoveNotificationFromList;
//   - local profile management (§3.2, ES10c): GetProfilesInfo, EnableProfile,
//     DisableProfile, DeleteProfile.
//
// Every message relayed between the two sides is relayed as received: the
// signed spans (serverSigned1, smdpSigned2, the eUICC's responses) are copied,
// never re-encoded. The LPA's own checks are the ones SGP.22 gives it
// (transactionId and challenge echo, address, ccRequiredFlag); with
// Options.Verify it also verifies every signature it relays (serverSignature1
// with CERT.DPauth, euiccSignature1 with CERT.EUICC, smdpSignature2 with
// CERT.DPpb, euiccSignPIR), which a real LPA does not need to do; certificate
// chains are left to the two ends. Signature verification here is variable
// time (public data).
//
// Every function returns a Report of its steps: request and response sizes,
// durations, the checks performed by the LPA and the ones the peer performed
// before answering successfully (as documented by packages smdp and euicc).
//
// Left out: the ES9+ JSON/HTTPS binding (package es9p), ES11 (SM-DS event
// retrieval), the ISO 7816 transport (package apdu), the end-user
// interaction (profile metadata confirmation, PPR consent) beyond
// Options.Confirm, and retrying a Bound Profile Package download.
package lpa
