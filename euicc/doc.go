// Package euicc is the eUICC model of rspengine, SGP.22 v2.5 part: the ISD-R
// behind one entry point, EUICC.Handle, that takes an ES10 request (DER, or
// the BER an LPA may send, RSP-FACTS §2.7) and appends the response DER. It
// dispatches on the request's top tag (RSP-FACTS §2.8):
//
//   - ES10a/b/c information: GetEuiccChallenge (BF2E), GetEUICCInfo1 (BF20)
//     and GetEUICCInfo2 (BF22) from the ECASD's CI lists, GetEuiccData / EID
//     (BF3E), EuiccConfiguredAddresses (BF3C), SetDefaultDpAddress (BF3F).
//   - Download (RSP-FACTS §2.1.2-§2.1.4, §3.2, §4.5): AuthenticateServer (BF38)
//     with every check and code of RSP-FACTS §3.2 (server chain and signature
//     through package ecasd, the one-time euiccChallenge), PrepareDownload
//     (BF21) generating otSK.EUICC.ECKA per session, LoadBoundProfilePackage as
//     the LPA's segments (BF36+BF23, A0, A1 header, each 88, A2, A3 header,
//     each 86; one Handle call each, empty answers until the signed
//     ProfileInstallationResult BF37) through the streaming bpp.Loader, with
//     the profile elements parsed while they arrive (package saip): the
//     ProfileHeader ICCID must be the metadata's, malformed PEs end in
//     installFailedDueToPEProcessingError(12). The profile is stored Disabled
//     with a new ISD-P AID. CancelSession (BF41) returns the signed
//     EuiccCancelSessionSigned.
//   - Notifications (RSP-FACTS §2.1.6): ListNotification (BF28),
//     RetrieveNotificationsList (BF2B), RemoveNotificationFromList /
//     NotificationSent (BF30), with increasing seqNumbers.
//   - Local profile management (RSP-FACTS §2.1.5, §6.1, §6.2): GetProfilesInfo
//     (BF2D) with search criteria and tag lists, EnableProfile (BF31),
//     DisableProfile (BF32), DeleteProfile (BF33), SetNickname (BF29),
//     eUICCMemoryReset (BF34) with the SGP.22 v2 options.
//
// # Lifecycle rules
//
// At most one profile is enabled; enabling one implicitly disables the
// enabled one. Profile classes are test, provisioning and operational. PPR1
// ("disabling not allowed") makes DisableProfile of an Operational Profile,
// and an EnableProfile of another Operational Profile that would disable it,
// disallowedByPolicy(3); PPR2 ("deletion not allowed") makes DeleteProfile
// disallowedByPolicy(3), but a memory reset deletes the profile anyway. These
// policy semantics are [MEM] in RSP-FACTS §6.1/§6.2 (the codes are [ASN]).
// Each install, enable, disable and delete creates notifications: the signed
// ProfileInstallationResult for the SM-DP+ of the download, and an
// OtherSignedNotification for every address the profile's
// notificationConfigurationInfo lists for the operation ([MEM]).
//
// # Sessions, state and atomicity
//
// AuthenticateServer creates the session context (transactionId, the key set
// of euiccCiPKIdToBeUsed, the SM-DP+ OID); PrepareDownload needs it
// (noSessionContext(4)); CancelSession and the end of a load end it, wiping
// otSK.EUICC. The session lives in memory only, as in a card's RAM. The
// persistent State (profiles, notifications, counters, default SM-DP+ address)
// goes through a Store: every operation builds a copy of the State, and the
// copy replaces the current one only after Store.Commit succeeded, so an
// operation changes everything or nothing. MemoryStore is the default,
// FileStore (write-new, fsync, rename) is for the CLI. The ECASD is not part of
// the State (export it with ecasd.ECASD.Export).
//
// # Errors
//
// Handle's error return is for transport-level failures only: a request that
// is not a well-formed ES10 request (ErrMalformedRequest), an unknown tag
// (ErrUnsupportedFunction), a load segment without a download session
// (ErrNoDownloadSession) — a card answers these with a status word. Every
// spec error is in the response DER with the spec's code.
//
// EUICC is safe for concurrent use (a mutex serialises calls, as a card is
// serial) and implements Card, the in-process ES10 transport the lpa package
// drives.
//
// Left out: SGP.32 (eUICC Packages, PSMO/eCO, Emergency Profile, Fallback,
// BF64 memory reset), SGP.22 v3 (MEP, RPM, Device Change), LoadCRL, the RAT
// (GetRat, allowed operators: only EUICCInfo2.forbiddenProfilePolicyRules is
// enforced), ES6 UpdateMetadata, the Device's REFRESH/proactive session
// (wrongProfileReenabling(4), catBusy(5) never occur), the ISO 7816 APDU front
// (package apdu) and the real processing of profile elements beyond their
// structure (file systems, NAA keys).
package euicc
