package euicc

import (
	"errors"
	"fmt"
	"time"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/bpp"
	"github.com/rspengine/rspengine/ecasd"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/ecka"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/rspcert"
	"github.com/rspengine/rspengine/saip"
)

// sessionStage is where a download session stands.
type sessionStage uint8

const (
	stageAuthenticated sessionStage = iota + 1 // after AuthenticateServer
	stagePrepared                              // after PrepareDownload
	stageLoading                               // BF36 received
	stageFailed                                // the load failed: only CancelSession remains
)

// session is the RSP session context of one download (card RAM, never
// stored): AuthenticateServer creates it, PrepareDownload needs it,
// CancelSession and the end of a load end it.
type session struct {
	stage         sessionStage
	transactionID []byte
	serverAddress []byte
	ciPKID        []byte // euiccCiPKIdToBeUsed: the key set that signs
	smdpOID       []byte // from CERT.DPauth (EuiccCancelSessionSigned)
	sig1DO        []byte // euiccSignature1 DO: part of smdpSignature2's input
	dppb          *ecdsa.PublicKey
	dppbOID       []byte // from CERT.DPpb (ProfileInstallationResultData.smdpOid)
	otsk          *ecdsa.PrivateKey
	otpk          []byte
}

// endSession wipes the session's secrets and forgets it.
func (e *EUICC) endSession() {
	if e.sess != nil && e.sess.otsk != nil {
		e.sess.otsk.Destroy()
	}
	if e.loading {
		e.loader.Abort()
		e.loading = false
	}
	e.sess = nil
}

func (e *EUICC) now() time.Time { return e.cfg.Now() }

// es10Code extracts the ES10 code of a certificate/signature failure from
// ecasd (an *rspcert.Error); anything else is undefinedError(127).
func es10Code(err error) rspcert.ES10Code {
	var ce *rspcert.Error
	if errors.As(err, &ce) && ce.ES10 != 0 {
		return ce.ES10
	}
	return rspcert.ES10UndefinedError
}

// authenticateServer is ES10b.AuthenticateServer (RSP-FACTS §2.1.2, §3.2).
// Checks, in this order ([MEM] for the order): euiccCiPKIdToBeUsed in the
// signing list (ciPKUnknown(7)); serverCertificate, a CERT.DPauth (or
// CERT.DSauth) chaining to a verification CI, with its role OID, key usage,
// validity and curve (invalidCertificate(1), invalidOid(5),
// unsupportedCurve(3)); serverSignature1 over serverSigned1
// (invalidSignature(2)); serverSigned1.euiccChallenge equal to the last
// GetEuiccChallenge value (euiccChallengeMismatch(6)). The challenge is used
// once, whatever the outcome. On success a new session replaces any earlier
// one, and euiccSigned1 is signed with the key set of euiccCiPKIdToBeUsed.
func (e *EUICC) authenticateServer(req, dst []byte) ([]byte, error) {
	q, err := rsp.ParseAuthenticateServerRequestMode(req, asn1der.BER)
	if err != nil {
		return dst, ErrMalformedRequest
	}
	tid := q.ServerSigned1.TransactionID
	fail := func(c rsp.AuthenticateErrorCode) ([]byte, error) {
		return rsp.AppendAuthenticateServerResponseError(dst, tid, c), nil
	}
	challenge, had := e.challenge, e.hasChallenge
	e.hasChallenge = false
	clear(e.challenge[:])

	if err := e.ecasd.CheckCiPKIdToBeUsed(q.EuiccCiPKIdToBeUsed); err != nil {
		return fail(rsp.AuthenticateErrorCiPKUnknown)
	}
	sc, err := e.ecasd.VerifyServerCertificate(q.ServerCertificate, rspcert.RoleDPauth, q.EuiccCiPKIdToBeUsed, e.now())
	if err != nil && es10Code(err) == rspcert.ES10InvalidOid {
		if sc2, err2 := e.ecasd.VerifyServerCertificate(q.ServerCertificate, rspcert.RoleDSauth, q.EuiccCiPKIdToBeUsed, e.now()); err2 == nil {
			sc, err = sc2, nil
		}
	}
	if err != nil {
		return fail(rsp.AuthenticateErrorCode(es10Code(err)))
	}
	if err := e.ecasd.VerifyServerSignature(sc.PublicKey, q.ServerSignature1, q.ServerSigned1.Raw, nil); err != nil {
		return fail(rsp.AuthenticateErrorInvalidSignature)
	}
	if !had || string(q.ServerSigned1.EuiccChallenge) != string(challenge[:]) {
		return fail(rsp.AuthenticateErrorEuiccChallengeMismatch)
	}

	es1 := rsp.EuiccSigned1{
		TransactionID:   tid,
		ServerAddress:   q.ServerSigned1.ServerAddress,
		ServerChallenge: q.ServerSigned1.ServerChallenge,
		EuiccInfo2:      e.euiccInfo2(),
		CtxParams1:      q.CtxParams1,
	}
	signed := rsp.AppendEuiccSigned1(nil, &es1)
	sig, err := e.ecasd.SignWith(q.EuiccCiPKIdToBeUsed, ecasd.PurposeEuiccSigned1, signed, nil)
	if err != nil {
		return fail(rsp.AuthenticateErrorUndefinedError)
	}
	cert, eum, err := e.ecasd.Certificates(q.EuiccCiPKIdToBeUsed)
	if err != nil {
		return fail(rsp.AuthenticateErrorCiPKUnknown)
	}
	e.endSession()
	e.sess = &session{
		stage:         stageAuthenticated,
		transactionID: clone(tid),
		serverAddress: clone(q.ServerSigned1.ServerAddress),
		ciPKID:        clone(q.EuiccCiPKIdToBeUsed),
		smdpOID:       clone(sc.Chain.SMDPOID),
		sig1DO:        asn1der.AppendTLV(nil, rsp.TagSignature, sig[:]),
	}
	return rsp.AppendAuthenticateServerResponseOk(dst, signed, sig[:], cert, eum), nil
}

func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte{}, b...)
}

// prepareDownload is ES10b.PrepareDownload (RSP-FACTS §2.1.3, §3.2).
// Checks, in order: a session from AuthenticateServer (noSessionContext(4));
// CERT.DPpb chaining to a verification CI with the DPpb role, and the same
// SM-DP+ OID as CERT.DPauth ([MEM]) (invalidCertificate(1),
// unsupportedCurve(3); a wrong role is invalidCertificate(1) as the code list
// has no invalidOid here); smdpSignature2 over smdpSigned2 ‖ the
// euiccSignature1 DO (invalidSignature(2)); smdpSigned2.transactionId equal
// to the session's (invalidTransactionId(5)); ccRequiredFlag with no hashCc,
// or hashCc without it, is undefinedError(127) ([MEM]). Then otSK.EUICC.ECKA
// is generated on CERT.DPpb's curve for this session (or, when
// bppEuiccOtpk names the key this session already generated, that key is
// kept: a retry of the same binding, [MEM]) and euiccSigned2 is signed.
func (e *EUICC) prepareDownload(req, dst []byte) ([]byte, error) {
	q, err := rsp.ParsePrepareDownloadRequestMode(req, asn1der.BER)
	if err != nil {
		return dst, ErrMalformedRequest
	}
	tid := q.SmdpSigned2.TransactionID
	fail := func(c rsp.DownloadErrorCode) ([]byte, error) {
		x := rsp.PrepareDownloadResponse{}
		x.Error.TransactionID, x.Error.Code = tid, c
		return rsp.AppendPrepareDownloadResponse(dst, &x), nil
	}
	s := e.sess
	if s == nil || (s.stage != stageAuthenticated && s.stage != stagePrepared) {
		return fail(rsp.DownloadErrorNoSessionContext)
	}
	sc, err := e.ecasd.VerifyServerCertificate(q.SmdpCertificateRaw, rspcert.RoleDPpb, nil, e.now())
	if err != nil {
		switch es10Code(err) {
		case rspcert.ES10UnsupportedCurve:
			return fail(rsp.DownloadErrorUnsupportedCurve)
		case rspcert.ES10UndefinedError:
			return fail(rsp.DownloadErrorUndefinedError)
		}
		return fail(rsp.DownloadErrorInvalidCertificate)
	}
	if string(sc.Chain.SMDPOID) != string(s.smdpOID) {
		return fail(rsp.DownloadErrorInvalidCertificate)
	}
	if err := e.ecasd.VerifyServerSignature(sc.PublicKey, q.SmdpSignature2, q.SmdpSigned2.Raw, s.sig1DO); err != nil {
		return fail(rsp.DownloadErrorInvalidSignature)
	}
	if string(tid) != string(s.transactionID) {
		return fail(rsp.DownloadErrorInvalidTransactionId)
	}
	if q.SmdpSigned2.CcRequiredFlag != (q.HashCc != nil) {
		return fail(rsp.DownloadErrorUndefinedError)
	}
	otsk, otpk := s.otsk, s.otpk
	if otsk == nil || q.SmdpSigned2.BppEuiccOtpk == nil || string(q.SmdpSigned2.BppEuiccOtpk) != string(otpk) || otsk.Curve() != sc.PublicKey.Curve() {
		otsk, err = ecka.GenerateKey(sc.PublicKey.Curve(), e.cfg.Rand)
		if err != nil {
			return fail(rsp.DownloadErrorUndefinedError)
		}
		pub := otsk.Public().Bytes()
		otpk = pub[:]
	}
	es2 := rsp.EuiccSigned2{TransactionID: tid, EuiccOtpk: otpk, HashCc: q.HashCc}
	signed := rsp.AppendEuiccSigned2(nil, &es2)
	sig, err := e.ecasd.SignWith(s.ciPKID, ecasd.PurposeEuiccSigned2, signed, q.SmdpSignature2DO)
	if err != nil {
		if otsk != s.otsk {
			otsk.Destroy()
		}
		return fail(rsp.DownloadErrorUndefinedError)
	}
	if s.otsk != nil && s.otsk != otsk {
		s.otsk.Destroy()
	}
	s.otsk, s.otpk = otsk, otpk
	s.dppb, s.dppbOID = sc.PublicKey, clone(sc.Chain.SMDPOID)
	s.stage = stagePrepared
	x := rsp.PrepareDownloadResponse{IsOk: true}
	x.Ok.EuiccSigned2 = es2
	x.Ok.EuiccSignature2 = sig[:]
	return rsp.AppendPrepareDownloadResponse(dst, &x), nil
}

// cancelSession is ES10b.CancelSession (RSP-FACTS §2.1.7, §3.2): the
// transactionId must be the current session's (invalidTransactionId(5));
// the answer is EuiccCancelSessionSigned {transactionId, the SM-DP+ OID of
// CERT.DPauth, reason} signed by the eUICC, and the session ends (its
// otSK.EUICC wiped). A session whose load failed can still be cancelled (the
// LPA reports loadBppExecutionError(5) this way).
func (e *EUICC) cancelSession(req, dst []byte) ([]byte, error) {
	q, err := rsp.ParseCancelSessionRequest(req, asn1der.BER)
	if err != nil {
		return dst, ErrMalformedRequest
	}
	fail := func(c rsp.CancelSessionErrorCode) ([]byte, error) {
		return rsp.AppendCancelSessionResponse(dst, &rsp.CancelSessionResponse{Error: c}), nil
	}
	s := e.sess
	if s == nil || string(q.TransactionID) != string(s.transactionID) {
		return fail(rsp.CancelSessionErrorInvalidTransactionId)
	}
	signed := rsp.EuiccCancelSessionSigned{TransactionID: s.transactionID, SmdpOid: s.smdpOID, Reason: q.Reason}
	raw := rsp.AppendEuiccCancelSessionSigned(nil, &signed)
	sig, err := e.ecasd.SignWith(s.ciPKID, ecasd.PurposeCancelSession, raw, nil)
	if err != nil {
		return fail(rsp.CancelSessionErrorUndefinedError)
	}
	e.endSession()
	x := rsp.CancelSessionResponse{IsOk: true, EuiccCancelSessionSigned: signed, EuiccCancelSessionSignature: sig[:]}
	return rsp.AppendCancelSessionResponse(dst, &x), nil
}

// loadStart takes the first LoadBoundProfilePackage segment (BF36 L with the
// whole BF23) and arms the bpp Loader with the session of PrepareDownload.
func (e *EUICC) loadStart(req, dst []byte) ([]byte, error) {
	s := e.sess
	if s == nil || s.stage != stagePrepared {
		return dst, ErrNoDownloadSession
	}
	e.stage.reset(e)
	e.loader.Reset(&bpp.LoaderConfig{TransactionID: s.transactionID, EID: e.eid[:], DPpb: s.dppb, EuiccOtSK: s.otsk, EuiccOtpk: s.otpk}, &e.stage, e.scratch[:0])
	e.loading = true
	s.stage = stageLoading
	return e.loadSegment(req, dst)
}

// loadSegment feeds one segment; the answer is empty until the load ends.
func (e *EUICC) loadSegment(req, dst []byte) ([]byte, error) {
	done, err := e.loader.Feed(req)
	if err == nil && !done {
		return dst, nil
	}
	if err == nil {
		err = e.stage.finish()
	}
	return e.endLoad(err, dst)
}

// interruptLoad ends a load that another command interrupted
// (installFailedDueToInterruption(11) at the step it stopped in); the signed
// result stays as a pending notification.
func (e *EUICC) interruptLoad() error {
	e.loader.Abort()
	_, err := e.endLoad(e.loader.Finish(), nil)
	return err
}

// simaResponseOK is the EUICCResponse of a profile whose elements were all
// accepted: EUICCResponse { peStatus { PEStatus { status ok(0) } } } (SAIP
// PEDefinitions, [MEM]: a single summary status, no per-PE list).
var simaResponseOK = []byte{0x30, 0x07, 0xA0, 0x05, 0x30, 0x03, 0x80, 0x01, 0x00}

// endLoad completes a load with outcome err (nil: installed): it builds and
// signs the ProfileInstallationResult, and commits in one step the new
// profile (Disabled, with its ISD-P AID) on success and the result as a
// pending install notification (sent to the SM-DP+ of the session). When the
// commit fails nothing is installed and the result is
// installFailedDueToUnknownError(127), still returned (not stored).
func (e *EUICC) endLoad(outcome error, dst []byte) ([]byte, error) {
	s := e.sess
	e.loading = false
	ns := e.state.clone()
	var aid []byte
	var iccid []byte
	if e.stage.md.ICCID != nil {
		iccid = clone(e.stage.md.ICCID)
	}
	if outcome == nil {
		ns.AIDCounter++
		aid = isdpAID(ns.AIDCounter)
		ns.Profiles = append(ns.Profiles, e.stage.profile(aid))
	}
	out, pir := e.installResult(ns, s, iccid, aid, outcome, dst)
	ns.Notifications = append(ns.Notifications, pir)
	if err := e.commit(ns); err != nil {
		// Nothing was installed or stored: answer the failure (unsigned
		// storage is not possible, but the result itself is still signed).
		fs := e.state.clone()
		out, _ = e.installResult(fs, s, iccid, nil, &bpp.Error{BppCommandID: rsp.BppCommandLoadProfileElements, ErrorReason: rsp.ErrorReasonInstallFailedDueToUnknownError, Err: err}, dst)
		outcome = err
	}
	e.stage.wipe()
	if outcome == nil {
		e.endSession()
	} else {
		s.stage = stageFailed
		if s.otsk != nil {
			s.otsk.Destroy()
			s.otsk = nil
		}
	}
	return out, nil
}

// installResult builds the signed BF37 for a load with outcome err, taking
// the next seqNumber of ns, and returns it with its pending notification.
func (e *EUICC) installResult(ns *State, s *session, iccid, aid []byte, outcome error, dst []byte) ([]byte, Notification) {
	ns.LastSeqNumber++
	nm := rsp.NotificationMetadata{SeqNumber: ns.LastSeqNumber, ProfileManagementOperation: rsp.NotificationInstall, NotificationAddress: s.serverAddress, ICCID: iccid}
	var sima []byte
	if outcome == nil {
		sima = simaResponseOK
	}
	data := bpp.ResultData(s.transactionID, nm, s.dppbOID, aid, sima, outcome)
	raw := rsp.AppendProfileInstallationResultData(nil, &data)
	sig, err := e.ecasd.SignWith(s.ciPKID, ecasd.PurposeProfileInstallationResult, raw, nil)
	if err != nil {
		clear(sig[:]) // cannot happen with a personalised ECASD; the result then carries a zero signature
	}
	pending := rsp.AppendProfileInstallationResultSigned(nil, raw, sig[:])
	meta := rsp.AppendNotificationMetadata(nil, nm)
	n := Notification{SeqNumber: nm.SeqNumber, Event: rsp.NotificationInstall, Address: clone(s.serverAddress), ICCID: iccid, Metadata: meta, Pending: pending}
	return append(dst, pending...), n
}

// isdpAID is the n-th ISD-P AID: the SGP.02/SGP.22 ISD-P RID and PIX prefix
// A0 00 00 05 59 10 10 FF FF FF FF 89 followed by 00 00 1n 00 ([MEM]: the
// layout commercial eUICCs show, e.g. A0000005591010FFFFFFFF8900001000).
func isdpAID(n uint32) []byte {
	a := []byte{0xA0, 0x00, 0x00, 0x05, 0x59, 0x10, 0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0x89, 0, 0, 0, 0}
	v := 0x1000 + (n-1)*0x100
	a[12], a[13], a[14], a[15] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
	return a
}

// staging is the bpp.Handler of a load: it checks and keeps what the Loader
// unprotects, and the profile reaches the State only in endLoad.
type staging struct {
	e        *EUICC
	meta     []byte // copy of the StoreMetadataRequest (BF25)
	md       rsp.StoreMetadataRequest
	dpProp   []byte
	dpOid    []byte
	parser   *saip.Parser
	data     []byte
	headerOK bool
}

// errICCIDMismatch marks a ProfileHeader whose ICCID is not the metadata's.
var errICCIDMismatch = errors.New("euicc: the ProfileHeader ICCID differs from the StoreMetadataRequest ICCID")

func (h *staging) reset(e *EUICC) {
	h.e = e
	h.wipe()
	if h.parser == nil {
		h.parser = saip.NewParser(asn1der.BER, h.onPE)
	} else {
		h.parser.Reset()
	}
}

func (h *staging) wipe() {
	h.meta, h.md, h.dpProp, h.dpOid, h.data, h.headerOK = nil, rsp.StoreMetadataRequest{}, nil, nil, nil, false
}

func (h *staging) onPE(pe *saip.PE) error {
	if pe.Type == saip.TypeHeader {
		hd, err := pe.ProfileHeader()
		if err != nil {
			return err
		}
		if !hd.MatchesICCID(h.md.ICCID) {
			return errICCIDMismatch
		}
		h.headerOK = true
	}
	return nil
}

// ConfigureISDP keeps dpProprietaryData for ProfileInfo (B8).
func (h *staging) ConfigureISDP(req *rsp.ConfigureISDPRequest) error {
	h.dpProp, h.dpOid = clone(req.DpProprietaryDataRaw), clone(req.DpOid)
	return nil
}

// StoreMetadata checks the metadata against the eUICC (RSP-FACTS §6.1): an
// ICCID already installed (installFailedDueToIccidAlreadyExistsOnEuicc(9)), a
// Test Profile on an eUICC without testProfileSupport, or a class outside
// test/provisioning/operational (unsupportedProfileClass(6)), PPRs the eUICC
// forbids, or PPRs on a Test Profile ([MEM]) (pprNotAllowed(15)), no room for
// another profile (installFailedDueToInsufficientMemoryForProfile(10)).
func (h *staging) StoreMetadata(req *rsp.StoreMetadataRequest) error {
	h.meta = clone(req.Raw)
	md, err := rsp.ParseStoreMetadataRequestMode(h.meta, asn1der.BER)
	if err != nil {
		return fmt.Errorf("%w: %v", rsp.ErrorReasonIncorrectInputValues, err)
	}
	h.md = md
	st, cfg := h.e.state, &h.e.cfg
	if st.find(nil, md.ICCID) >= 0 {
		return rsp.ErrorReasonInstallFailedDueToIccidAlreadyExistsOnEuicc
	}
	class := md.Class()
	switch {
	case class == rsp.ProfileClassTest && cfg.NoTestProfiles,
		class < rsp.ProfileClassTest || class > rsp.ProfileClassOperational:
		return rsp.ErrorReasonUnsupportedProfileClass
	}
	pprs := md.PPRs() &^ rsp.PprUpdateControl
	if pprs&cfg.ForbiddenPPRs != 0 || (pprs != 0 && class == rsp.ProfileClassTest) {
		return rsp.ErrorReasonPprNotAllowed
	}
	for _, err := range md.NotificationConfigurations() {
		if err != nil {
			return fmt.Errorf("%w: %v", rsp.ErrorReasonIncorrectInputValues, err)
		}
	}
	if len(st.Profiles) >= cfg.MaxProfiles {
		return rsp.ErrorReasonInstallFailedDueToInsufficientMemoryForProfile
	}
	return nil
}

// ProfileElements parses the profile package as it arrives (saip): a
// malformed PE is installFailedDueToPEProcessingError(12); a ProfileHeader
// ICCID other than the metadata's is installFailedDueToDataMismatch(13)
// ([MEM]: the code's name; SGP.22 requires the two to match).
func (h *staging) ProfileElements(chunk []byte) error {
	used := len(h.data)
	for i := range h.e.state.Profiles {
		used += len(h.e.state.Profiles[i].Data)
	}
	if used+len(chunk) > h.e.cfg.MemorySize {
		return rsp.ErrorReasonInstallFailedDueToInsufficientMemoryForProfile
	}
	if err := h.parser.Write(chunk); err != nil {
		return peError(err)
	}
	h.data = append(h.data, chunk...)
	return nil
}

func peError(err error) error {
	if errors.Is(err, errICCIDMismatch) {
		return fmt.Errorf("%w: %v", rsp.ErrorReasonInstallFailedDueToDataMismatch, err)
	}
	return fmt.Errorf("%w: %v", rsp.ErrorReasonInstallFailedDueToPEProcessingError, err)
}

// finish checks the package is complete (End PE seen, header checked).
func (h *staging) finish() error {
	err := h.parser.Close()
	if err == nil && !h.headerOK {
		err = errors.New("euicc: no ProfileHeader")
	}
	if err != nil {
		return &bpp.Error{BppCommandID: rsp.BppCommandLoadProfileElements, ErrorReason: reasonOf(peError(err)), Err: err}
	}
	return nil
}

func reasonOf(err error) rsp.ErrorReason {
	var r rsp.ErrorReason
	if errors.As(err, &r) {
		return r
	}
	return rsp.ErrorReasonInstallFailedDueToUnknownError
}

// profile is the new profile (Disabled) from the staged metadata.
func (h *staging) profile(aid []byte) Profile {
	md := &h.md
	p := Profile{
		ICCID:               clone(md.ICCID),
		AID:                 aid,
		ServiceProviderName: clone(md.ServiceProviderName),
		ProfileName:         clone(md.ProfileName),
		HasIconType:         md.HasIconType,
		IconType:            md.IconType,
		Icon:                clone(md.Icon),
		Class:               rsp.ProfileClass(md.Class()),
		DpProprietaryData:   h.dpProp,
		DpOid:               h.dpOid,
		PPRs:                md.PPRs() &^ rsp.PprUpdateControl,
		ServiceSpecificData: clone(md.ServiceSpecificDataStored),
		Data:                h.data,
	}
	if md.NotificationConfigurationInfo.Present() {
		p.NotificationConfig = clone(md.NotificationConfigurationInfo.Raw)
	}
	if o, ok := md.ProfileOwner(); ok {
		p.ProfileOwner = rsp.OperatorId{MccMnc: clone(o.MccMnc), Gid1: clone(o.Gid1), Gid2: clone(o.Gid2)}
	}
	return p
}
