// Package smdp is the SM-DP+ backend that operators link: the ES9+ functions
// of SGP.22 v2.5 on the ASN.1 binding — InitiateAuthentication,
// AuthenticateClient, GetBoundProfilePackage (§3.1.2, §3.1.3),
// HandleNotification (§3.5) and CancelSession (§3.1.5) — built on rsp
// (views and builders), rspcert (chain rules, CI store and selection, cache of
// verified EUMs), ecdsa, ecka and bpp (RSP-FACTS §2.1.2–2.1.7, §3.2, §4,
// §5.3).
//
// # Calling convention and errors
//
// Each function takes the request DER and appends the response DER to a
// caller buffer:
//
//	func (s *Server) InitiateAuthentication(ctx context.Context, req, dst []byte) ([]byte, error)
//
// On failure the error is a *StatusError (or, when ctx is done, the
// context's error; or a Random/store failure passed through) carrying the SGP.22 status code
// pair (Subject "8.1.3", Reason "6.1"), matchable with errors.Is against
// rsp.StatusCode / rspcert.StatusCode values and with errors.As. Where the
// ASN.1 module defines an error alternative for the response
// (initiateAuthenticationError, authenticateClientError,
// getBoundProfilePackageError, cancelSessionError), that error form is
// appended to dst and its code is StatusError.Code, so an ASN.1 front end
// sends dst as it is and a JSON front end maps the status pair. Where the
// module has no fitting value (a malformed InitiateAuthenticationRequest, a
// HandleNotification, which has no response body, a context cancelled), dst
// comes back unchanged. A malformed request to the other functions gets
// undefinedError(127). Every check fails closed: no half-done step is
// recorded in the session.
//
// # Sessions
//
// A Session (transactionId, the CI chosen for the eUICC's chain and the
// credential's CI, serverChallenge, euiccChallenge, EID, PK.EUICC,
// euiccSignature1, smdpSignature2, profile reference, ccRequired and the
// expected hashCc, attempts, otPK.EUICC seen, expiry) lives in a
// SessionStore. Steps are compare-and-swap on the session's State, so a
// replayed or concurrent duplicate request fails with 8.10.1/3.9. The default
// MemoryStore is sharded, bounded and drops expired sessions; Session has
// MarshalBinary/UnmarshalBinary for a shared store. A session holds no secret:
// otSK.DP is drawn inside GetBoundProfilePackage and destroyed there.
//
// The confirmation code hash is hashCc = SHA256(SHA256(CC) ‖ transactionId)
// [MEM: SGP.22 §3.1.3, not re-verified against the specification text].
// Status codes marked [MEM] in errors.go are from memory of the SGP.22
// prose, the others are [IMPL] facts of RSP-FACTS §3.2 / §5.3.
//
// # Left out
//
// The JSON binding and HTTP (package es9p), SM-DS registration (ES12), ES2+
// download orders (the ProfileSource stands for them), BPP re-binding with
// bppEuiccOtpk (a second GetBoundProfilePackage is refused as an unknown
// transactionId), profile protection keys (PPK), revocation (CRLs), the
// SGP.22 v3 structures and the batched verification pipeline. Signature
// verification is variable time (public data); signing goes through ecdsa's
// constant-time code.
package smdp
