package ecasd

import (
	"crypto/sha256"
	"fmt"
	"io"
	"time"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rsp"
)

// Tags of EumRenewalRequest (see the package documentation).
const (
	tagRenewalCounter     asn1der.Tag = 0x80
	tagRenewalEID         asn1der.Tag = 0x81
	tagRenewalCiPKID      asn1der.Tag = 0x82
	tagRenewalEUICCCert   asn1der.Tag = 0xA3
	tagRenewalEUMCert     asn1der.Tag = 0xA4
	maxRenewalRequestSize             = 8192
)

// RenewalRequest is the content of an EumRenewalSigned, for
// AppendRenewalRequest.
type RenewalRequest struct {
	Counter          uint64 // > every counter the card accepted before; at most 2^63-1
	EID              [16]byte
	CiPKID           []byte // the key set renewed
	EUICCCertificate []byte // the new CERT.EUICC (DER)
	EUMCertificate   []byte // optional new CERT.EUM (DER)
}

// AppendRenewalRequest appends an EumRenewalRequest signed with the EUM's
// key (the side of the EUM: tests and tools). The signature is hedged when
// rand is non-nil, deterministic RFC 6979 when it is nil.
func AppendRenewalRequest(dst []byte, r *RenewalRequest, eumKey *ecdsa.PrivateKey, rand io.Reader) ([]byte, error) {
	if r.Counter == 0 || r.Counter > 1<<63-1 {
		return dst, fmt.Errorf("ecasd: renewal counter %d out of range", r.Counter)
	}
	orig := len(dst)
	dst, m := asn1der.AppendBegin(dst, asn1der.TagSequence)
	start := len(dst)
	var ms asn1der.Mark
	dst, ms = asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = asn1der.AppendInt64(dst, tagRenewalCounter, int64(r.Counter))
	dst = asn1der.AppendTLV(dst, tagRenewalEID, r.EID[:])
	dst = asn1der.AppendTLV(dst, tagRenewalCiPKID, r.CiPKID)
	dst = asn1der.AppendTLV(dst, tagRenewalEUICCCert, r.EUICCCertificate)
	if r.EUMCertificate != nil {
		dst = asn1der.AppendTLV(dst, tagRenewalEUMCert, r.EUMCertificate)
	}
	dst = asn1der.AppendEnd(dst, ms)
	d := sha256.Sum256(dst[start:])
	sig, err := ecdsa.Sign(rand, eumKey, d[:])
	if err != nil {
		return dst[:orig], err
	}
	dst = asn1der.AppendTLV(dst, rsp.TagSignature, sig[:])
	return asn1der.AppendEnd(dst, m), nil
}

// renewalView is a parsed EumRenewalRequest.
type renewalView struct {
	signedRaw []byte
	counter   uint64
	eid       []byte
	pkid      []byte
	euicc     []byte
	eum       []byte
	sig       []byte
}

func renewalErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrRenewal}, args...)...)
}

func parseRenewal(b []byte) (renewalView, error) {
	var v renewalView
	if len(b) > maxRenewalRequestSize {
		return v, renewalErr("request too large")
	}
	outer, err := asn1der.ParseExpect(b, asn1der.TagSequence)
	if err != nil {
		return v, renewalErr("%w", err)
	}
	r := asn1der.NewReader(outer.Value)
	signed, err := r.Expect(asn1der.TagSequence)
	if err != nil {
		return v, renewalErr("renewalSigned: %w", err)
	}
	sig, err := r.Expect(rsp.TagSignature)
	if err != nil || len(sig.Value) != 64 || !r.Empty() {
		return v, renewalErr("eumSignature")
	}
	v.signedRaw, v.sig = signed.Raw, sig.Value
	s := asn1der.NewReader(signed.Value)
	c, err := s.Expect(tagRenewalCounter)
	if err != nil {
		return v, renewalErr("counter: %w", err)
	}
	n, err := asn1der.Int64(c)
	if err != nil || n <= 0 {
		return v, renewalErr("counter")
	}
	v.counter = uint64(n)
	eid, err := s.Expect(tagRenewalEID)
	if err != nil || len(eid.Value) != 16 {
		return v, renewalErr("eid")
	}
	pkid, err := s.Expect(tagRenewalCiPKID)
	if err != nil {
		return v, renewalErr("euiccCiPKId: %w", err)
	}
	euicc, err := s.Expect(tagRenewalEUICCCert)
	if err != nil {
		return v, renewalErr("euiccCertificate: %w", err)
	}
	eum, ok, err := s.Optional(tagRenewalEUMCert)
	if err != nil || !s.Empty() {
		return v, renewalErr("eumCertificate or trailing data")
	}
	v.eid, v.pkid, v.euicc = eid.Value, pkid.Value, euicc.Value
	if ok {
		v.eum = eum.Value
	}
	return v, nil
}

// BeginRenewal generates, on card, the next SK.EUICC of the key set issued
// under the CI of PKID ciPKID (nil: the first key set) and returns its
// public key, for the EUM to certify. SK.EUICC never leaves the ECASD. A
// second call replaces (and destroys) the pending key. The pending key is
// kept in memory only: it is not part of Export.
func (e *ECASD) BeginRenewal(ciPKID []byte) (*ecdsa.PublicKey, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	ks, err := e.keySet(ciPKID)
	if err != nil {
		return nil, err
	}
	k, err := ecdsa.GenerateKey(ks.sk.Curve(), e.rand)
	if err != nil {
		return nil, err
	}
	if ks.pending != nil {
		ks.pending.Destroy()
	}
	ks.pending = k
	return k.Public(), nil
}

// Renew applies an EumRenewalRequest (see the package documentation): it is
// accepted only when eumSignature verifies under the key set's current
// CERT.EUM, the counter is greater than every counter accepted before, the
// EID is this card's, the key set exists, a new CERT.EUM (if present) chains
// to the same CI, and the new CERT.EUICC chains to the (new or current)
// CERT.EUM with this EID and certifies the key BeginRenewal generated. Then
// the key set is replaced and the old SK.EUICC destroyed; on any failure
// nothing changes. Errors match ErrRenewal (and, for a certificate, the
// rspcert error underneath).
func (e *ECASD) Renew(request []byte) error {
	v, err := parseRenewal(request)
	if err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.usable(); err != nil {
		return err
	}
	idx := -1
	for i, ks := range e.keySets {
		if string(ks.pkid) == string(v.pkid) {
			idx = i
		}
	}
	if idx < 0 {
		return renewalErr("no key set under CI %x", v.pkid)
	}
	old := e.keySets[idx]
	d := sha256.Sum256(v.signedRaw)
	if !ecdsa.Verify(old.eumKey, d[:], v.sig) {
		return renewalErr("eumSignature does not verify under CERT.EUM")
	}
	if v.counter <= e.counter {
		return renewalErr("counter %d not greater than %d (replay)", v.counter, e.counter)
	}
	if string(v.eid) != string(e.eid[:]) {
		return renewalErr("EID is not this eUICC's")
	}
	if old.pending == nil {
		return renewalErr("no pending key (call BeginRenewal first)")
	}
	eum := v.eum
	if eum == nil {
		eum = old.eumDER
	}
	// The new chain passes every personalisation check, under the same CI
	// (rspcert.RuleCINotSelected otherwise), with the pending key.
	ks, err := newKeySet(e.all, &KeySet{Key: old.pending, EUICCCertificate: v.euicc, EUMCertificate: eum}, time.Time{}, old.pkid)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrRenewal, err)
	}
	if string(ks.euicc.Subject.SerialNumber) != e.eidText {
		return renewalErr("new CERT.EUICC carries another EID")
	}
	keySets := append([]*keySet(nil), e.keySets...)
	keySets[idx] = ks
	signPKIDs := append([][]byte(nil), e.signPKIDs...)
	signPKIDs[idx] = ks.pkid
	old.pending.Destroy()
	old.pending = nil
	old.sk.Destroy()
	e.keySets, e.signPKIDs, e.counter = keySets, signPKIDs, v.counter
	return nil
}

// RenewalCounter returns the counter of the last accepted renewal (0: none).
func (e *ECASD) RenewalCounter() uint64 {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.counter
}
