package smdp

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"sync"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/bpp"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/rspcert"
)

// --- response helpers --------------------------------------------------------

func iaFail(dst []byte, st rsp.StatusCode, code rsp.InitiateAuthenticationErrorCode, msg string, cause error) ([]byte, error) {
	dst, mk := asn1der.AppendBegin(dst, rsp.TagInitiateAuthentication)
	dst = asn1der.AppendInt64(dst, 0x81, int64(code))
	return asn1der.AppendEnd(dst, mk), statusErr(st, code, msg, cause)
}

func acFail(dst []byte, st rsp.StatusCode, code rsp.AuthenticateClientErrorCode, msg string, cause error) ([]byte, error) {
	dst, mk := asn1der.AppendBegin(dst, rsp.TagAuthenticateClient)
	dst = asn1der.AppendInt64(dst, 0x81, int64(code))
	return asn1der.AppendEnd(dst, mk), statusErr(st, code, msg, cause)
}

func gbFail(dst []byte, st rsp.StatusCode, code rsp.GetBoundProfilePackageErrorCode, msg string, cause error) ([]byte, error) {
	return rsp.AppendGetBoundProfilePackageError(dst, code), statusErr(st, code, msg, cause)
}

func csFail(dst []byte, st rsp.StatusCode, code rsp.CancelSessionEs9ErrorCode, msg string, cause error) ([]byte, error) {
	return rsp.AppendCancelSessionResponseEs9(dst, false, code), statusErr(st, code, msg, cause)
}

// sigDO is 5F 37 40 ‖ sig, the signature data object.
func sigDO(b *[67]byte, sig *[64]byte) []byte {
	b[0], b[1], b[2] = 0x5F, 0x37, 0x40
	copy(b[3:], sig[:])
	return b[:]
}

// verify checks a raw r‖s signature over the SHA-256 of the parts.
func verify(pk *ecdsa.PublicKey, sig []byte, parts ...[]byte) bool {
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
	}
	var d [32]byte
	return ecdsa.Verify(pk, h.Sum(d[:0]), sig)
}

func (s *Server) sign(sk *ecdsa.PrivateKey, parts ...[]byte) ([64]byte, error) {
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
	}
	var d [32]byte
	if s.determ {
		return ecdsa.Sign(nil, sk, h.Sum(d[:0]))
	}
	return ecdsa.Sign(s.signRand, sk, h.Sum(d[:0]))
}

// --- InitiateAuthentication --------------------------------------------------

// InitiateAuthentication handles ES9+.InitiateAuthentication (SGP.22 §3.1.2,
// §5.6.1; RSP-FACTS §2.1.2, §5.3). req is the InitiateAuthenticationRequest
// (BF39). Checks, in order: the request decodes; smdpAddress is ours
// (8.8.1/3.8, invalidDpAddress); the eUICC's SVN is 2.x.x (8.8.3/3.1,
// euiccVersionNotSupportedByDp, [MEM]); a CI of euiccCiPKIdListForSigning
// is trusted (8.8.2/3.1, ciPKNotSupported); a CERT.DPauth chains to a CI of
// euiccCiPKIdListForVerification (8.8.4/3.7, ciPKNotSupported). It then
// opens a session with a fresh transactionId and serverChallenge and appends
// BF39 A0 { 80 transactionId, 30 serverSigned1, 5F37 serverSignature1 (by
// DPauth over the whole serverSigned1 TLV), 04 euiccCiPKIdToBeUsed,
// CERT.DPauth }.
func (s *Server) InitiateAuthentication(ctx context.Context, req []byte, dst []byte) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return dst, err
	}
	r, err := rsp.ParseInitiateAuthenticationRequest(req)
	if err != nil {
		// No initiateAuthenticationError value fits a malformed request.
		return dst, statusErr(StatusMalformed, nil, "InitiateAuthenticationRequest does not decode", err)
	}
	if !s.addressOK(r.SmdpAddress) {
		return iaFail(dst, StatusInvalidSmdpAddress, rsp.InitiateAuthenticationErrorInvalidDpAddress, "smdpAddress is not this SM-DP+", nil)
	}
	if len(r.EuiccInfo1.Svn) != 3 || r.EuiccInfo1.Svn[0] != 2 {
		return iaFail(dst, StatusSvnNotSupported, rsp.InitiateAuthenticationErrorEuiccVersionNotSupportedByDp, "eUICC SVN not supported (want 2.x.x)", nil)
	}
	ci, err := s.cis.SelectSigningCI(rspcert.PKIDList(r.EuiccInfo1.CiPKIdListForSigning.Contents))
	if err != nil {
		return iaFail(dst, StatusPKIDNotSupported, rsp.InitiateAuthenticationErrorCiPKNotSupported, "none of the proposed Public Key Identifiers is supported", err)
	}
	idx, err := s.cis.SelectServerCertificate(rspcert.PKIDList(r.EuiccInfo1.CiPKIdListForVerification.Contents), ci, s.cands)
	if err != nil {
		return iaFail(dst, StatusNoDPauthForCI, rsp.InitiateAuthenticationErrorCiPKNotSupported, "no CERT.DPauth chains to a CI the eUICC can verify", err)
	}
	cred := s.creds[idx]

	var sess Session
	sess.State = StateInitiated
	sess.Expires = s.now().Add(s.ttl)
	copy(sess.EuiccChallenge[:], r.EuiccChallenge)
	sess.SigningPKID.set(ci.PKID)
	sess.ServerPKID.set(cred.pkid)
	if err := s.random.ServerChallenge(&sess.ServerChallenge); err != nil {
		return dst, err
	}
	for try := 0; ; try++ {
		if err := s.random.TransactionID(&sess.TransactionID); err != nil {
			return dst, err
		}
		err = s.sessions.Insert(ctx, &sess)
		if err == nil {
			break
		}
		if errors.Is(err, ErrStoreFull) {
			return dst, statusErr(StatusCapacityExceeded, nil, "session store full", err)
		}
		if !errors.Is(err, ErrSessionExists) || try == 3 {
			return dst, err
		}
	}
	tid := sess.TransactionID[:]

	var buf [192]byte
	ss1 := rsp.AppendServerSigned1(buf[:0], tid, sess.EuiccChallenge[:], s.addrB, sess.ServerChallenge[:])
	sig, err := s.sign(cred.dpauthKey, ss1)
	if err != nil {
		_ = s.sessions.Delete(ctx, tid)
		return dst, err
	}
	dst, mk := asn1der.AppendBegin(dst, rsp.TagInitiateAuthentication)
	dst, m := asn1der.AppendBegin(dst, 0xA0)
	dst = asn1der.AppendTLV(dst, 0x80, tid)
	dst = append(dst, ss1...)
	dst = asn1der.AppendTLV(dst, rsp.TagSignature, sig[:])
	dst = asn1der.AppendTLV(dst, asn1der.TagOctetString, ci.PKID)
	dst = append(dst, cred.dpauthDER...)
	dst = asn1der.AppendEnd(dst, m)
	return asn1der.AppendEnd(dst, mk), nil
}

// --- AuthenticateClient ------------------------------------------------------

// chainFail maps an rspcert chain failure to the AuthenticateClient error.
func chainFail(dst []byte, err error) ([]byte, error) {
	var ce *rspcert.Error
	st := StatusEuiccCertificateInvalid
	code := rsp.AuthenticateClientErrorEuiccCertificateInvalid
	if errors.As(err, &ce) {
		if ce.Status.Subject != "" {
			st = rsp.StatusCode{Subject: ce.Status.Subject, Reason: ce.Status.Reason}
		}
		switch {
		case ce.Rule == rspcert.RuleUnknownCI || ce.Rule == rspcert.RuleCINotSelected || ce.Cert == rspcert.RoleCI:
			code = rsp.AuthenticateClientErrorCiPKUnknown
		case ce.Cert == rspcert.RoleEUM && ce.Rule == rspcert.RuleExpired:
			code = rsp.AuthenticateClientErrorEumCertificateExpired
		case ce.Cert == rspcert.RoleEUM:
			code = rsp.AuthenticateClientErrorEumCertificateInvalid
		case ce.Rule == rspcert.RuleExpired:
			code = rsp.AuthenticateClientErrorEuiccCertificateExpired
		}
	}
	return acFail(dst, st, code, "eUICC certificate chain", err)
}

// AuthenticateClient handles ES9+.AuthenticateClient (SGP.22 §3.1.2,
// §5.6.3; RSP-FACTS §2.1.2, §3.2, §5.3). req is the
// AuthenticateClientRequest (BF3B). Checks, in order: the request decodes
// (undefinedError); the transactionId names a session waiting for this step
// (8.10.1/3.9, invalidTransactionId: unknown, expired, replayed); the eUICC
// sent its success alternative; euiccSigned1.transactionId is the same;
// CI → CERT.EUM → CERT.EUICC with rspcert under the CI chosen in
// InitiateAuthentication (EUM AKI = that CI: 8.11.1/3.9 ciPKUnknown; chain
// 8.1.2 or 8.1.3 with 6.1 / 6.3; EID in the EUM's range 8.1.4/6.1) using the
// cache of verified EUMs; PK.EUICC is a valid point; euiccSignature1 over
// the raw euiccSigned1 TLV (8.1/6.1, euiccSignatureInvalid); the echoed
// serverChallenge and serverAddress (8.1/6.1); then the ProfileSource rules
// (matchingId, EID, see Catalogue). It appends BF3B A0 { 80 transactionId,
// BF25 StoreMetadataRequest, 30 smdpSigned2 { 80 tid, 01 ccRequiredFlag },
// 5F37 smdpSignature2 (by DPpb over smdpSigned2 ‖ 5F37 40 euiccSignature1),
// CERT.DPpb }.
func (s *Server) AuthenticateClient(ctx context.Context, req []byte, dst []byte) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return dst, err
	}
	r, err := rsp.ParseAuthenticateClientRequest(req)
	if err != nil {
		return acFail(dst, StatusMalformed, rsp.AuthenticateClientErrorUndefinedError, "AuthenticateClientRequest does not decode", err)
	}
	var sess Session
	if err := s.sessions.Get(ctx, r.TransactionID, &sess); err != nil || sess.State != StateInitiated {
		return acFail(dst, StatusTransactionIDUnknown, rsp.AuthenticateClientErrorInvalidTransactionId, "transactionId unknown", err)
	}
	asr := &r.AuthenticateServerResponse
	if !asr.IsOk {
		return acFail(dst, StatusEuiccError, rsp.AuthenticateClientErrorUndefinedError, "the eUICC answered AuthenticateServer with "+asr.Error.Code.String(), nil)
	}
	ok := &asr.Ok
	es1 := &ok.EuiccSigned1
	if string(es1.TransactionID) != string(r.TransactionID) {
		return acFail(dst, StatusTransactionIDUnknown, rsp.AuthenticateClientErrorInvalidTransactionId, "euiccSigned1.transactionId differs", nil)
	}
	var ch rspcert.EUICCChain
	opts := rspcert.Options{Now: s.now(), CiPKID: sess.SigningPKID.Bytes(), Cache: s.cache, SkipEIDCheckDigits: s.skipEID}
	if err := s.cis.VerifyEUICCChain(&ch, ok.EumCertificateRaw, ok.EuiccCertificateRaw, &opts); err != nil {
		return chainFail(dst, err)
	}
	curve := ecdsa.Curve(ch.EUICC.PublicKey.Curve)
	pk, err := ecdsa.NewPublicKey(curve, ch.EUICC.PublicKey.Point)
	if err != nil || len(ch.EUICC.PublicKey.Point) != 65 {
		return acFail(dst, StatusEuiccCertificateInvalid, rsp.AuthenticateClientErrorEuiccCertificateInvalid, "PK.EUICC is not a valid point", err)
	}
	if !verify(pk, ok.EuiccSignature1, ok.EuiccSigned1Raw) {
		return acFail(dst, StatusEuiccVerificationFailed, rsp.AuthenticateClientErrorEuiccSignatureInvalid, "euiccSignature1 does not verify", nil)
	}
	if subtle.ConstantTimeCompare(es1.ServerChallenge, sess.ServerChallenge[:]) != 1 {
		return acFail(dst, StatusEuiccVerificationFailed, rsp.AuthenticateClientErrorEuiccSignatureInvalid, "serverChallenge differs", nil)
	}
	if !s.addressOK(es1.ServerAddress) {
		return acFail(dst, StatusEuiccVerificationFailed, rsp.AuthenticateClientErrorEuiccSignatureInvalid, "serverAddress echo differs", nil)
	}
	if len(ch.EID) != 32 {
		return acFail(dst, StatusEuiccCertificateInvalid, rsp.AuthenticateClientErrorEuiccCertificateInvalid, "EID is not 32 digits", nil)
	}
	if _, err := hex.Decode(sess.EID[:], ch.EID); err != nil {
		return acFail(dst, StatusEuiccCertificateInvalid, rsp.AuthenticateClientErrorEuiccCertificateInvalid, "EID is not 32 digits", err)
	}
	cp := &es1.CtxParams1
	ref, err := s.profiles.Select(ctx, cp.MatchingID, cp.HasMatchingID, sess.EID[:])
	if err != nil {
		var se *StatusError
		if errors.As(err, &se) {
			if c, isAC := se.Code.(rsp.AuthenticateClientErrorCode); isAC {
				return acFail(dst, se.Status(), c, se.Message, se.Err)
			}
			return acFail(dst, se.Status(), rsp.AuthenticateClientErrorUndefinedError, se.Message, se.Err)
		}
		return acFail(dst, StatusProfileNotAvailable, rsp.AuthenticateClientErrorUndefinedError, "profile source", err)
	}
	prof, err := s.profiles.Profile(ctx, ref)
	if err != nil {
		return acFail(dst, StatusProfileNotAvailable, rsp.AuthenticateClientErrorNoEligibleProfile, "profile source", err)
	}
	cred := s.credential(sess.ServerPKID.Bytes())
	if cred == nil {
		return acFail(dst, StatusNoDPauthForCI, rsp.AuthenticateClientErrorUndefinedError, "the session's credential is not configured here", nil)
	}

	tid := sess.TransactionID[:]
	sess.ProfileRef = ref
	sess.Curve = curve
	sess.EuiccPK = pk.Bytes()
	copy(sess.EuiccSignature1[:], ok.EuiccSignature1)
	if prof.ConfirmationCode != nil {
		sess.CCRequired = true
		sess.CCHash = ccHash(prof.ConfirmationCode, tid)
	}
	var sbuf [32]byte
	ss2 := appendSmdpSigned2(sbuf[:0], tid, sess.CCRequired)
	var do1 [67]byte
	sig, err := s.sign(cred.dppbKey, ss2, sigDO(&do1, &sess.EuiccSignature1))
	if err != nil {
		return dst, err
	}
	sess.SmdpSignature2 = sig
	sess.State = StateAuthenticated
	sess.Expires = s.now().Add(s.ttl)
	if err := s.sessions.Update(ctx, &sess, StateInitiated); err != nil {
		return acFail(dst, StatusTransactionIDUnknown, rsp.AuthenticateClientErrorInvalidTransactionId, "transactionId unknown", err)
	}
	dst, mk := asn1der.AppendBegin(dst, rsp.TagAuthenticateClient)
	dst, m := asn1der.AppendBegin(dst, 0xA0)
	dst = asn1der.AppendTLV(dst, 0x80, tid)
	dst = append(dst, prof.StoreMetadata...)
	dst = append(dst, ss2...)
	dst = asn1der.AppendTLV(dst, rsp.TagSignature, sig[:])
	dst = append(dst, cred.dppbDER...)
	dst = asn1der.AppendEnd(dst, m)
	return asn1der.AppendEnd(dst, mk), nil
}

// appendSmdpSigned2 appends 30 { 80 tid, 01 ccRequiredFlag }.
func appendSmdpSigned2(dst, tid []byte, cc bool) []byte {
	dst, mk := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = asn1der.AppendTLV(dst, 0x80, tid)
	dst = asn1der.AppendBool(dst, asn1der.TagBoolean, cc)
	return asn1der.AppendEnd(dst, mk)
}

// ccHash is the hashCc an eUICC sends for confirmation code cc in session
// tid: SHA256(SHA256(cc) ‖ transactionId) ([MEM]: SGP.22 §3.1.3 / §5.7.5,
// not re-verified against the specification text).
func ccHash(cc, tid []byte) [32]byte {
	inner := sha256.Sum256(cc)
	h := sha256.New()
	h.Write(inner[:])
	h.Write(tid)
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// --- GetBoundProfilePackage --------------------------------------------------

var builders = sync.Pool{New: func() any { return new(bpp.Builder) }}

// GetBoundProfilePackage handles ES9+.GetBoundProfilePackage (SGP.22
// §3.1.3, §5.6.2; RSP-FACTS §2.1.3, §3.2, §4). req is the
// GetBoundProfilePackageRequest (BF3A). Checks, in order: the request
// decodes (undefinedError); the transactionId names a session that passed
// AuthenticateClient and has no BPP yet (8.10.1/3.9, invalidTransactionId);
// the eUICC sent its success alternative (else the session ends);
// euiccSigned2.transactionId is the same; euiccSignature2 over euiccSigned2
// ‖ the smdpSignature2 DO verifies with PK.EUICC (8.1/6.1,
// euiccSignatureInvalid); the confirmation code when required (hashCc
// missing 8.2.7/2.2, wrong 8.2.7/3.8, and after MaxConfirmationCodeAttempts
// wrong ones 8.2.7/6.4 which ends the session); otPK.EUICC is a point on the
// session's curve. Then it draws otSK.DP, binds the profile with bpp (ECKA,
// KDF with HostID and the EID, ISCR signed by DPpb), destroys otSK.DP and
// appends BF3A A0 { 80 transactionId, BF36 … }.
func (s *Server) GetBoundProfilePackage(ctx context.Context, req []byte, dst []byte) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return dst, err
	}
	r, err := rsp.ParseGetBoundProfilePackageRequest(req)
	if err != nil {
		return gbFail(dst, StatusMalformed, rsp.GetBoundProfilePackageErrorUndefinedError, "GetBoundProfilePackageRequest does not decode", err)
	}
	var sess Session
	if err := s.sessions.Get(ctx, r.TransactionID, &sess); err != nil || sess.State != StateAuthenticated {
		return gbFail(dst, StatusTransactionIDUnknown, rsp.GetBoundProfilePackageErrorInvalidTransactionId, "transactionId unknown", err)
	}
	tid := sess.TransactionID[:]
	pdr := &r.PrepareDownloadResponse
	if !pdr.IsOk {
		_ = s.sessions.Delete(ctx, tid)
		return gbFail(dst, StatusEuiccError, rsp.GetBoundProfilePackageErrorUndefinedError, "the eUICC answered PrepareDownload with "+pdr.Error.Code.String(), nil)
	}
	es2 := &pdr.Ok.EuiccSigned2
	if string(es2.TransactionID) != string(tid) {
		return gbFail(dst, StatusTransactionIDUnknown, rsp.GetBoundProfilePackageErrorInvalidTransactionId, "euiccSigned2.transactionId differs", nil)
	}
	pk, err := ecdsa.NewPublicKey(sess.Curve, sess.EuiccPK[:])
	if err != nil {
		return gbFail(dst, StatusEuiccVerificationFailed, rsp.GetBoundProfilePackageErrorUndefinedError, "session PK.EUICC", err)
	}
	var do2 [67]byte
	if !verify(pk, pdr.Ok.EuiccSignature2, pdr.Ok.EuiccSigned2Raw, sigDO(&do2, &sess.SmdpSignature2)) {
		return gbFail(dst, StatusEuiccVerificationFailed, rsp.GetBoundProfilePackageErrorEuiccSignatureInvalid, "euiccSignature2 does not verify", nil)
	}
	if sess.CCRequired {
		if es2.HashCc == nil {
			return gbFail(dst, StatusConfirmationCodeMissing, rsp.GetBoundProfilePackageErrorConfirmationCodeMissing, "confirmation code required", nil)
		}
		if subtle.ConstantTimeCompare(es2.HashCc, sess.CCHash[:]) != 1 {
			sess.CCAttempts++
			if int(sess.CCAttempts) >= s.maxCC {
				_ = s.sessions.Delete(ctx, tid)
				return gbFail(dst, StatusConfirmationCodeRetries, rsp.GetBoundProfilePackageErrorConfirmationCodeRetriesExceeded, "confirmation code retries exceeded", nil)
			}
			if err := s.sessions.Update(ctx, &sess, StateAuthenticated); err != nil {
				return gbFail(dst, StatusTransactionIDUnknown, rsp.GetBoundProfilePackageErrorInvalidTransactionId, "transactionId unknown", err)
			}
			return gbFail(dst, StatusConfirmationCodeRefused, rsp.GetBoundProfilePackageErrorConfirmationCodeRefused, "confirmation code refused", nil)
		}
	}
	if len(es2.EuiccOtpk) != 65 {
		return gbFail(dst, StatusMalformed, rsp.GetBoundProfilePackageErrorUndefinedError, "otPK.EUICC is not an uncompressed point", nil)
	}
	if _, err := ecdsa.NewPublicKey(sess.Curve, es2.EuiccOtpk); err != nil {
		return gbFail(dst, StatusMalformed, rsp.GetBoundProfilePackageErrorUndefinedError, "otPK.EUICC is not a point of the session's curve", err)
	}
	prof, err := s.profiles.Profile(ctx, sess.ProfileRef)
	if err != nil {
		return gbFail(dst, StatusProfileNotAvailable, rsp.GetBoundProfilePackageErrorUndefinedError, "profile source", err)
	}
	cred := s.credential(sess.ServerPKID.Bytes())
	if cred == nil {
		return gbFail(dst, StatusNoDPauthForCI, rsp.GetBoundProfilePackageErrorUndefinedError, "the session's credential is not configured here", nil)
	}
	// Claim the step before the expensive work, so that a concurrent replay
	// of this request loses.
	sess.State = StateBound
	sess.HasOtPKEuicc = true
	copy(sess.OtPKEuicc[:], es2.EuiccOtpk)
	sess.Expires = s.now().Add(s.ttl)
	if err := s.sessions.Update(ctx, &sess, StateAuthenticated); err != nil {
		return gbFail(dst, StatusTransactionIDUnknown, rsp.GetBoundProfilePackageErrorInvalidTransactionId, "transactionId unknown", err)
	}
	otsk, err := s.random.OtSK(sess.Curve)
	if err != nil {
		return dst, err
	}
	defer otsk.Destroy()
	in := bpp.BuildInput{
		UPP: prof.UPP, StoreMetadata: prof.StoreMetadata,
		TransactionID: tid, HostID: s.hostID, EID: sess.EID[:], EuiccOtpk: sess.OtPKEuicc[:],
		SmdpOtSK: otsk, DPpb: cred.dppbKey, Rand: s.signRand,
	}
	n := bpp.BuildLen(&in)
	inner := asn1der.HeaderLen(0x80, len(tid)) + len(tid) + n
	start := len(dst)
	dst = asn1der.AppendHeader(dst, rsp.TagGetBoundProfilePackage, asn1der.HeaderLen(0xA0, inner)+inner)
	dst = asn1der.AppendHeader(dst, 0xA0, inner)
	dst = asn1der.AppendTLV(dst, 0x80, tid)
	b := builders.Get().(*bpp.Builder)
	out, err := b.AppendBuild(dst, &in)
	builders.Put(b)
	if err != nil || len(out)-len(dst) != n {
		_ = s.sessions.Delete(ctx, tid)
		return gbFail(dst[:start], StatusMalformed, rsp.GetBoundProfilePackageErrorUndefinedError, "binding the profile", err)
	}
	return out, nil
}

// --- HandleNotification ------------------------------------------------------

// HandleNotification handles ES9+.HandleNotification (SGP.22 §3.5,
// §5.6.4; RSP-FACTS §2.1.6, §3.2). req is BF3D. A ProfileInstallationResult
// must name a session that received its BPP (8.10.1/3.9); euiccSignPIR over
// the whole BF27 must verify with that session's PK.EUICC (8.1/6.1); the
// session then ends. Its smdpOid is not checked: RSP-FACTS §3.2 names no
// SM-DP+ check on it, and the recorded session's eUICC reports 2.999 where
// CERT.DPauth says 2.999.10. An
// OtherSignedNotification carries its certificates: the chain is checked with
// rspcert (no CI preselected) and euiccNotificationSignature over
// tbsOtherNotification with the certificate's key. The ASN.1 binding has no
// response to this function: dst comes back unchanged.
func (s *Server) HandleNotification(ctx context.Context, req []byte, dst []byte) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return dst, err
	}
	hn, err := rsp.ParseHandleNotification(req)
	if err != nil {
		return dst, statusErr(StatusMalformed, nil, "HandleNotification does not decode", err)
	}
	switch hn.PendingNotification.Tag {
	case rsp.TagProfileInstallationResult:
		pir, err := rsp.ParseProfileInstallationResult(hn.PendingNotification.Raw)
		if err != nil {
			return dst, statusErr(StatusMalformed, nil, "ProfileInstallationResult does not decode", err)
		}
		var sess Session
		if err := s.sessions.Get(ctx, pir.Data.TransactionID, &sess); err != nil || sess.State != StateBound {
			return dst, statusErr(StatusTransactionIDUnknown, nil, "transactionId unknown", err)
		}
		pk, err := ecdsa.NewPublicKey(sess.Curve, sess.EuiccPK[:])
		if err != nil || !verify(pk, pir.EuiccSignPIR, pir.Data.Raw) {
			return dst, statusErr(StatusEuiccVerificationFailed, nil, "euiccSignPIR does not verify", err)
		}
		_ = s.sessions.Delete(ctx, sess.TransactionID[:])
		return dst, nil
	default: // 30: OtherSignedNotification (ParseHandleNotification admits nothing else)
		o, err := rsp.ParseOtherSignedNotification(hn.PendingNotification.Raw)
		if err != nil {
			return dst, statusErr(StatusMalformed, nil, "OtherSignedNotification does not decode", err)
		}
		var ch rspcert.EUICCChain
		opts := rspcert.Options{Now: s.now(), Cache: s.cache, SkipEIDCheckDigits: s.skipEID}
		if err := s.cis.VerifyEUICCChain(&ch, o.EumCertificate, o.EuiccCertificate, &opts); err != nil {
			_, e := chainFail(nil, err)
			e.(*StatusError).Code = nil
			return dst, e
		}
		pk, err := ecdsa.NewPublicKey(ecdsa.Curve(ch.EUICC.PublicKey.Curve), ch.EUICC.PublicKey.Point)
		if err != nil || !verify(pk, o.EuiccNotificationSignature, o.TbsOtherNotification.Raw) {
			return dst, statusErr(StatusEuiccVerificationFailed, nil, "euiccNotificationSignature does not verify", err)
		}
		return dst, nil
	}
}

// --- CancelSession -----------------------------------------------------------

// CancelSession handles ES9+.CancelSession (SGP.22 §3.1.5, §5.6.5;
// RSP-FACTS §2.1.7, §3.2). req is the ES9+ CancelSessionRequest (BF41 { 80
// tid, A1 cancelSessionResponse }). Checks: the request decodes
// (undefinedError); the transactionId names a session past AuthenticateClient
// (8.10.1/3.9, invalidTransactionId); the eUICC sent its signed alternative;
// euiccCancelSessionSigned.transactionId is the same; the signature verifies
// with PK.EUICC (8.1/6.1, euiccSignatureInvalid); smdpOid is this SM-DP+'s
// OID, the registeredID of CERT.DPauth (8.8/3.10, undefinedError). Then the
// session ends and BF41 A0 00 is appended.
func (s *Server) CancelSession(ctx context.Context, req []byte, dst []byte) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return dst, err
	}
	r, err := rsp.ParseCancelSessionRequestEs9(req)
	if err != nil {
		return csFail(dst, StatusMalformed, rsp.CancelSessionEs9ErrorUndefinedError, "CancelSessionRequest does not decode", err)
	}
	var sess Session
	if err := s.sessions.Get(ctx, r.TransactionID, &sess); err != nil || sess.State < StateAuthenticated {
		return csFail(dst, StatusTransactionIDUnknown, rsp.CancelSessionEs9ErrorInvalidTransactionId, "transactionId unknown", err)
	}
	cr := &r.CancelSessionResponse
	if !cr.IsOk {
		return csFail(dst, StatusEuiccError, rsp.CancelSessionEs9ErrorUndefinedError, "the eUICC answered CancelSession with "+cr.Error.String(), nil)
	}
	signed := &cr.EuiccCancelSessionSigned
	if string(signed.TransactionID) != string(sess.TransactionID[:]) {
		return csFail(dst, StatusTransactionIDUnknown, rsp.CancelSessionEs9ErrorInvalidTransactionId, "euiccCancelSessionSigned.transactionId differs", nil)
	}
	pk, err := ecdsa.NewPublicKey(sess.Curve, sess.EuiccPK[:])
	if err != nil || !verify(pk, cr.EuiccCancelSessionSignature, signed.Raw) {
		return csFail(dst, StatusEuiccVerificationFailed, rsp.CancelSessionEs9ErrorEuiccSignatureInvalid, "euiccCancelSessionSignature does not verify", err)
	}
	cred := s.credential(sess.ServerPKID.Bytes())
	if cred == nil {
		return csFail(dst, StatusNoDPauthForCI, rsp.CancelSessionEs9ErrorUndefinedError, "the session's credential is not configured here", nil)
	}
	if err := rspcert.CheckSMDPOID(&cred.dpauth, signed.SmdpOid); err != nil {
		return csFail(dst, StatusSmdpOIDMismatch, rsp.CancelSessionEs9ErrorUndefinedError, "smdpOid is not this SM-DP+'s", err)
	}
	_ = s.sessions.Delete(ctx, sess.TransactionID[:])
	return rsp.AppendCancelSessionResponseEs9(dst, true, 0), nil
}
