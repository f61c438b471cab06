package bpp

import (
	"bytes"
	"crypto/sha256"
	"errors"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/ecka"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/scp03t"
)

// Handler receives what a Loader unprotects, in order. Views and chunks alias
// the Loader's scratch buffer and are valid only during the call. A Handler
// stages; it commits only when Loader.Feed reports done. Returning an error
// ends the load (see the package doc for the errorReason it becomes).
type Handler interface {
	ConfigureISDP(req *rsp.ConfigureISDPRequest) error
	StoreMetadata(req *rsp.StoreMetadataRequest) error // req.Raw is the BF25 exactly as MACed
	ProfileElements(chunk []byte) error                // the plaintext of one 86 segment
}

// LoaderConfig is the eUICC's session for one BPP: what PrepareDownload left
// behind.
type LoaderConfig struct {
	TransactionID []byte            // the session's transactionId
	EID           []byte            // 16 bytes: the eUICC's EID (KDF SharedInfo)
	DPpb          *ecdsa.PublicKey  // the public key of CERT.DPpb (chain already verified)
	EuiccOtSK     *ecdsa.PrivateKey // otSK.EUICC.ECKA; not needed when SessionKeys is set
	// EuiccOtpk is otPK.EUICC as sent in euiccSigned2 (part of smdpSign's
	// input); nil means EuiccOtSK's public key in uncompressed form.
	EuiccOtpk []byte
	// SessionKeys, when not nil, replaces the key agreement (ECDH with
	// EuiccOtSK and the KDF): for tools and tests that hold the keys but not
	// otSK.EUICC. Everything else is checked as usual.
	SessionKeys *scp03t.KeySet
}

// ErrLoadComplete is returned by Feed after the load has completed.
var ErrLoadComplete = errors.New("bpp: the Bound Profile Package is already complete")

type state uint8

const (
	stISCR state = iota
	stA0
	stA1Header
	st88
	stAfter88
	st86
	stDone
	stFailed
)

// Loader is the eUICC side of ES10b.LoadBoundProfilePackage: a streaming state
// machine fed the segments of Segments one at a time (RSP-FACTS §4.5). It is
// not safe for concurrent use. See the package doc for the checks and codes.
type Loader struct {
	cfg     LoaderConfig
	otpk    [65]byte
	h       Handler
	sess    scp03t.Session
	buf     []byte
	st      state
	bppLeft int // BF36 content bytes not yet received
	seqLeft int // A1 / A3 content bytes not yet received
	n88     int
	err     *Error

	// The views handed to the Handler live here so that passing them by
	// pointer through the interface does not move them to the heap.
	cfgReq rsp.ConfigureISDPRequest
	smdReq rsp.StoreMetadataRequest
}

// NewLoader returns a Loader for one BPP; see Reset.
func NewLoader(cfg *LoaderConfig, h Handler, scratch []byte) *Loader {
	l := new(Loader)
	l.Reset(cfg, h, scratch)
	return l
}

// Reset arms l for a new BPP with cfg and h, wiping any previous state.
// scratch is the working buffer: with a capacity of at least 2 KiB (the
// largest StoreMetadataRequest plus one segment) Feed allocates nothing.
func (l *Loader) Reset(cfg *LoaderConfig, h Handler, scratch []byte) {
	l.sess.Destroy()
	clear(l.buf[:cap(l.buf)])
	*l = Loader{cfg: *cfg, h: h, buf: scratch[:0]}
	if l.cfg.EuiccOtpk == nil && l.cfg.EuiccOtSK != nil {
		l.otpk = l.cfg.EuiccOtSK.Public().Bytes()
		l.cfg.EuiccOtpk = l.otpk[:]
	}
}

// Abort ends the load as interrupted (installFailedDueToInterruption(11)) and
// wipes the keys; later Feeds return that error.
func (l *Loader) Abort() {
	if l.st != stDone && l.st != stFailed {
		l.fail(newError(l.step(), rsp.ErrorReasonInstallFailedDueToInterruption, "aborted", nil))
	}
}

// Finish reports the outcome once the LPA has sent everything: nil when the
// last 86 segment was processed, the load's *Error when it failed, and
// installFailedDueToInterruption(11) for the current step when segments are
// missing.
func (l *Loader) Finish() error {
	switch l.st {
	case stDone:
		return nil
	case stFailed:
		return l.err
	}
	return l.fail(newError(l.step(), rsp.ErrorReasonInstallFailedDueToInterruption, "BPP incomplete", nil))
}

// Done reports whether the load completed successfully.
func (l *Loader) Done() bool { return l.st == stDone }

// step is the bppCommandId of the step in progress.
func (l *Loader) step() rsp.BppCommandID {
	switch l.st {
	case stISCR:
		return rsp.BppCommandInitialiseSecureChannel
	case stA0:
		return rsp.BppCommandConfigureISDP
	case stA1Header:
		return rsp.BppCommandStoreMetadata
	case st88:
		if l.n88 == 0 {
			return rsp.BppCommandStoreMetadata
		}
		return rsp.BppCommandStoreMetadata2
	}
	return rsp.BppCommandLoadProfileElements
}

func (l *Loader) fail(e *Error) error {
	l.st = stFailed
	l.err = e
	l.sess.Destroy()
	clear(l.buf[:cap(l.buf)])
	l.buf = l.buf[:0]
	return e
}

// Feed processes one segment. It returns done = true after the last 86
// segment was verified and handed over. On any failure it returns an *Error
// (and keeps returning it): the load is over and the Handler is not called
// again.
func (l *Loader) Feed(seg []byte) (done bool, err error) {
	switch l.st {
	case stDone:
		return true, ErrLoadComplete
	case stFailed:
		return false, l.err
	case stISCR:
		return false, l.feedISCR(seg)
	}
	if len(seg) > l.bppLeft {
		return false, l.fail(newError(l.step(), rsp.ErrorReasonScp03tStructureError, "segment beyond the BF36 length", nil))
	}
	switch l.st {
	case stA0:
		err = l.feedA0(seg)
	case stA1Header:
		err = l.feedA1Header(seg)
	case st88:
		err = l.feed88(seg)
	case stAfter88:
		if len(seg) > 0 && seg[0] == 0xA2 {
			err = l.feedA2(seg)
		} else {
			err = l.feedA3Header(seg)
		}
	case st86:
		err = l.feed86(seg)
	}
	if err != nil {
		return false, err
	}
	l.bppLeft -= len(seg)
	return l.st == stDone, nil
}

// readHeader decodes the identifier and definite length octets at the start
// of b (BER: long-form lengths need not be minimal).
func readHeader(b []byte) (tag asn1der.Tag, n, hlen int, ok bool) {
	if len(b) < 2 {
		return 0, 0, 0, false
	}
	i := 1
	tag = asn1der.Tag(b[0])
	if b[0]&0x1F == 0x1F {
		for {
			if i >= len(b) || i > 3 {
				return 0, 0, 0, false
			}
			tag = tag<<8 | asn1der.Tag(b[i])
			i++
			if b[i-1]&0x80 == 0 {
				break
			}
		}
	}
	if i >= len(b) {
		return 0, 0, 0, false
	}
	c := b[i]
	i++
	switch {
	case c < 0x80:
		return tag, int(c), i, true
	case c == 0x80 || c > 0x84:
		return 0, 0, 0, false
	}
	k := int(c & 0x7F)
	if i+k > len(b) {
		return 0, 0, 0, false
	}
	for _, d := range b[i : i+k] {
		n = n<<8 | int(d)
	}
	if n < 0 || n > asn1der.MaxLength {
		return 0, 0, 0, false
	}
	return tag, n, i + k, true
}

func (l *Loader) structure(detail string, cause error) error {
	return l.fail(newError(l.step(), rsp.ErrorReasonScp03tStructureError, detail, cause))
}

func (l *Loader) feedISCR(seg []byte) error {
	const cmd = rsp.BppCommandInitialiseSecureChannel
	tag, n, hlen, ok := readHeader(seg)
	if !ok || tag != rsp.TagBoundProfilePackage {
		return l.structure("first segment is not BF36 L", nil)
	}
	rest := seg[hlen:]
	t, err := asn1der.ParseMode(rest, asn1der.BER)
	if err != nil || t.Tag != rsp.TagInitialiseSecureChannel {
		return l.structure("first segment does not hold exactly one BF23", err)
	}
	if n < len(rest) {
		return l.structure("BF36 length shorter than BF23", nil)
	}
	l.bppLeft = n - len(rest)
	x, err := rsp.ParseInitialiseSecureChannelRequestMode(rest, asn1der.BER)
	if err != nil {
		return l.fail(newError(cmd, rsp.ErrorReasonIncorrectInputValues, "InitialiseSecureChannelRequest", err))
	}
	if x.RemoteOpID != RemoteOpInstallBoundProfilePackage {
		return l.fail(newError(cmd, rsp.ErrorReasonUnsupportedRemoteOperationType, "", nil))
	}
	if !bytes.Equal(x.TransactionID, l.cfg.TransactionID) {
		return l.fail(newError(cmd, rsp.ErrorReasonInvalidTransactionId, "", nil))
	}
	crt := &x.ControlRefTemplate
	if len(crt.KeyType) != 1 || crt.KeyType[0] != ecka.KeyTypeAES || len(crt.KeyLen) != 1 || crt.KeyLen[0] != ecka.KeyLength128 {
		return l.fail(newError(cmd, rsp.ErrorReasonUnsupportedCrtValues, "", nil))
	}
	// smdpSign over the members before it ‖ 5F49 L euiccOtpk (RSP-FACTS §3.2),
	// assembled in the scratch buffer.
	if l.cfg.DPpb == nil || len(x.SmdpSign) != 64 {
		return l.fail(newError(cmd, rsp.ErrorReasonInvalidSignature, "", nil))
	}
	l.buf = x.AppendSmdpSignInput(l.buf[:0], l.cfg.EuiccOtpk)
	digest := sha256.Sum256(l.buf)
	l.buf = l.buf[:0]
	if !ecdsa.Verify(l.cfg.DPpb, digest[:], x.SmdpSign) {
		return l.fail(newError(cmd, rsp.ErrorReasonInvalidSignature, "", nil))
	}
	// Session keys (RSP-FACTS §4.1).
	if l.cfg.SessionKeys != nil {
		l.sess.ReplaceSessionKeys(l.cfg.SessionKeys)
	} else {
		if l.cfg.EuiccOtSK == nil {
			return l.fail(newError(cmd, rsp.ErrorReasonInstallFailedDueToUnknownError, "no otSK.EUICC", nil))
		}
		shs, err := ecka.ECDH(l.cfg.EuiccOtSK, x.SmdpOtpk)
		if err != nil {
			return l.fail(newError(cmd, rsp.ErrorReasonIncorrectInputValues, "smdpOtpk", err))
		}
		keys, err := ecka.DeriveSessionKeys(shs[:], crt.HostID, l.cfg.EID)
		clear(shs[:])
		if err != nil {
			return l.fail(newError(cmd, rsp.ErrorReasonIncorrectInputValues, "key derivation", err))
		}
		ks := scp03t.KeySet{MCV: keys.InitialMCV, Enc: keys.SEnc, MAC: keys.SMac}
		keys.Destroy()
		l.sess.ReplaceSessionKeys(&ks)
		clear(ks.MCV[:])
		clear(ks.Enc[:])
		clear(ks.MAC[:])
	}
	l.st = stA0
	return nil
}

// unprotectList opens every segment of a whole A0/A2 TLV into l.buf.
func (l *Loader) unprotectList(seg []byte, listTag asn1der.Tag) error {
	t, err := asn1der.ParseMode(seg, asn1der.BER)
	if err != nil || t.Tag != listTag {
		return l.structure("expected one whole sequence TLV", err)
	}
	r, err := asn1der.Children(t, asn1der.BER)
	if err != nil {
		return l.structure("sequence contents", err)
	}
	l.buf = l.buf[:0]
	count := 0
	for !r.Empty() {
		s, err := r.Next()
		if err != nil || s.Tag != 0x87 {
			return l.structure("sequence element is not an 87 segment", err)
		}
		if l.buf, _, err = l.sess.AppendUnprotect(l.buf, s.Raw); err != nil {
			return l.fail(bspError(l.step(), err))
		}
		count++
	}
	if count == 0 {
		return l.structure("empty sequence of 87", nil)
	}
	return nil
}

func (l *Loader) feedA0(seg []byte) error {
	if err := l.unprotectList(seg, 0xA0); err != nil {
		return err
	}
	var err error
	if l.cfgReq, err = rsp.ParseConfigureISDPRequestMode(l.buf, asn1der.BER); err != nil {
		return l.fail(newError(rsp.BppCommandConfigureISDP, rsp.ErrorReasonIncorrectInputValues, "ConfigureISDPRequest", err))
	}
	err = l.h.ConfigureISDP(&l.cfgReq)
	l.cfgReq = rsp.ConfigureISDPRequest{}
	if err != nil {
		return l.fail(handlerError(rsp.BppCommandConfigureISDP, err))
	}
	clear(l.buf)
	l.st = stA1Header
	return nil
}

func (l *Loader) feedA1Header(seg []byte) error {
	tag, n, hlen, ok := readHeader(seg)
	if !ok || tag != 0xA1 || hlen != len(seg) || n == 0 || hlen+n > l.bppLeft {
		return l.structure("expected the A1 header alone", nil)
	}
	l.seqLeft = n
	l.n88 = 0
	l.buf = l.buf[:0]
	l.st = st88
	return nil
}

func (l *Loader) feed88(seg []byte) error {
	if len(seg) == 0 || seg[0] != scp03t.Tag88 || len(seg) > l.seqLeft {
		return l.structure("expected an 88 segment within A1", nil)
	}
	var err error
	if l.buf, _, err = l.sess.AppendUnprotect(l.buf, seg); err != nil {
		return l.fail(bspError(l.step(), err))
	}
	l.n88++
	l.seqLeft -= len(seg)
	if l.seqLeft > 0 {
		return nil
	}
	if l.smdReq, err = rsp.ParseStoreMetadataRequestMode(l.buf, asn1der.BER); err != nil {
		return l.fail(newError(rsp.BppCommandStoreMetadata, rsp.ErrorReasonIncorrectInputValues, "StoreMetadataRequest", err))
	}
	err = l.h.StoreMetadata(&l.smdReq)
	l.smdReq = rsp.StoreMetadataRequest{}
	if err != nil {
		return l.fail(handlerError(rsp.BppCommandStoreMetadata, err))
	}
	clear(l.buf)
	l.buf = l.buf[:0]
	l.st = stAfter88
	return nil
}

func (l *Loader) feedA2(seg []byte) error {
	const cmd = rsp.BppCommandReplaceSessionKeys
	if err := l.unprotectListCmd(seg, cmd); err != nil {
		return err
	}
	req, err := rsp.ParseReplaceSessionKeysRequestMode(l.buf, asn1der.BER)
	if err != nil || len(req.InitialMacChainingValue) != 16 || len(req.PpkEnc) != 16 || len(req.PpkCmac) != 16 {
		clear(l.buf)
		return l.fail(newError(cmd, rsp.ErrorReasonIncorrectInputValues, "ReplaceSessionKeysRequest", err))
	}
	var ks scp03t.KeySet
	copy(ks.MCV[:], req.InitialMacChainingValue)
	copy(ks.Enc[:], req.PpkEnc)
	copy(ks.MAC[:], req.PpkCmac)
	clear(l.buf)
	l.buf = l.buf[:0]
	l.sess.ReplaceSessionKeys(&ks)
	clear(ks.MCV[:])
	clear(ks.Enc[:])
	clear(ks.MAC[:])
	// Still waiting for the A3 header; seqLeft -1 marks "A2 seen", so a
	// second A2 is a structure error.
	l.seqLeft = -1
	return nil
}

// unprotectListCmd is unprotectList with errors attributed to cmd.
func (l *Loader) unprotectListCmd(seg []byte, cmd rsp.BppCommandID) error {
	if l.seqLeft == -1 {
		return l.fail(newError(cmd, rsp.ErrorReasonScp03tStructureError, "second A2", nil))
	}
	err := l.unprotectList(seg, 0xA2)
	if err != nil {
		l.err.BppCommandID = cmd
	}
	return err
}

func (l *Loader) feedA3Header(seg []byte) error {
	tag, n, hlen, ok := readHeader(seg)
	if !ok || tag != 0xA3 || hlen != len(seg) || n == 0 || hlen+n != l.bppLeft {
		return l.structure("expected the A3 header alone, ending BF36", nil)
	}
	l.seqLeft = n
	l.st = st86
	return nil
}

func (l *Loader) feed86(seg []byte) error {
	if len(seg) == 0 || seg[0] != scp03t.Tag86 || len(seg) > l.seqLeft {
		return l.structure("expected an 86 segment within A3", nil)
	}
	var err error
	if l.buf, _, err = l.sess.AppendUnprotect(l.buf[:0], seg); err != nil {
		return l.fail(bspError(rsp.BppCommandLoadProfileElements, err))
	}
	if err := l.h.ProfileElements(l.buf); err != nil {
		return l.fail(handlerError(rsp.BppCommandLoadProfileElements, err))
	}
	clear(l.buf)
	l.seqLeft -= len(seg)
	if l.seqLeft == 0 {
		l.st = stDone
		l.sess.Destroy()
	}
	return nil
}
