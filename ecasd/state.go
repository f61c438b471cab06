package ecasd

import (
	"fmt"
	"io"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecdsa"
)

// The exported state (DER, this package's own format):
//
//	ECASDState ::= SEQUENCE {
//	    version           INTEGER (1),
//	    renewalCounter    INTEGER,
//	    cis               SEQUENCE OF Certificate,
//	    verificationPKIDs SEQUENCE OF OCTET STRING,
//	    keySets           SEQUENCE OF SEQUENCE {
//	        curve INTEGER, skEuicc OCTET STRING (SIZE(32)),
//	        euiccCertificate Certificate, eumCertificate Certificate }
//	}
const stateVersion = 1

// maxStateSize bounds what Import reads.
const maxStateSize = 1 << 20

// Export appends the whole state to dst for the eUICC's persistent Store.
// It contains every SK.EUICC in clear: the Store must be protected like the
// card's secure memory. A pending renewal key is not exported.
func (e *ECASD) Export(dst []byte) ([]byte, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if err := e.usable(); err != nil {
		return dst, err
	}
	dst, m := asn1der.AppendBegin(dst, asn1der.TagSequence)
	dst = asn1der.AppendInt64(dst, asn1der.TagInteger, stateVersion)
	dst = asn1der.AppendUnsigned(dst, asn1der.TagInteger, u64(e.counter))
	var mc asn1der.Mark
	dst, mc = asn1der.AppendBegin(dst, asn1der.TagSequence)
	for _, c := range e.cis {
		dst = append(dst, c...)
	}
	dst = asn1der.AppendEnd(dst, mc)
	dst, mc = asn1der.AppendBegin(dst, asn1der.TagSequence)
	for _, p := range e.verifyPKIDs {
		dst = asn1der.AppendTLV(dst, asn1der.TagOctetString, p)
	}
	dst = asn1der.AppendEnd(dst, mc)
	dst, mc = asn1der.AppendBegin(dst, asn1der.TagSequence)
	for _, ks := range e.keySets {
		var mk asn1der.Mark
		dst, mk = asn1der.AppendBegin(dst, asn1der.TagSequence)
		dst = asn1der.AppendInt64(dst, asn1der.TagInteger, int64(ks.sk.Curve()))
		d := ks.sk.Bytes()
		dst = asn1der.AppendTLV(dst, asn1der.TagOctetString, d[:])
		clear(d[:])
		dst = append(dst, ks.euiccDER...)
		dst = append(dst, ks.eumDER...)
		dst = asn1der.AppendEnd(dst, mk)
	}
	dst = asn1der.AppendEnd(dst, mc)
	return asn1der.AppendEnd(dst, m), nil
}

func u64(v uint64) []byte {
	var b [8]byte
	for i := range b {
		b[i] = byte(v >> (56 - 8*i))
	}
	return b[:]
}

func stateErr(what string, err error) error {
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrState, what, err)
	}
	return fmt.Errorf("%w: %s", ErrState, what)
}

// Import restores a state written by Export into an unpersonalised ECASD,
// re-running every personalisation check. rand is the randomness source as
// in Config.Rand (nil: crypto/rand.Reader).
func (e *ECASD) Import(state []byte, rand io.Reader) error {
	cfg, counter, err := parseState(state)
	if err != nil {
		return err
	}
	cfg.Rand = rand
	defer func() {
		for _, ks := range cfg.KeySets {
			ks.Key.Destroy() // build keeps its own copies
		}
	}()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.personalised || e.wiped {
		return ErrAlreadyPersonalised
	}
	st, err := build(&cfg, counter)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrState, err)
	}
	e.install(st)
	return nil
}

// parseState decodes an exported state into a Config (no certificate
// checks: build does those). The keys it returns are the caller's to destroy.
func parseState(state []byte) (cfg Config, counter uint64, err error) {
	defer func() {
		if err != nil {
			for _, ks := range cfg.KeySets {
				ks.Key.Destroy()
			}
			cfg = Config{}
		}
	}()
	if len(state) > maxStateSize {
		return cfg, 0, stateErr("too large", nil)
	}
	outer, err := asn1der.ParseExpect(state, asn1der.TagSequence)
	if err != nil {
		return cfg, 0, stateErr("outer", err)
	}
	r := asn1der.NewReader(outer.Value)
	v, err := r.Expect(asn1der.TagInteger)
	if err != nil {
		return cfg, 0, stateErr("version", err)
	}
	if n, err := asn1der.Int64(v); err != nil || n != stateVersion {
		return cfg, 0, stateErr("unsupported version", err)
	}
	c, err := r.Expect(asn1der.TagInteger)
	if err != nil {
		return cfg, 0, stateErr("counter", err)
	}
	n, err := asn1der.Int64(c)
	if err != nil || n < 0 {
		return cfg, 0, stateErr("counter", err)
	}
	cfg.VerificationPKIDs = [][]byte{}
	cis, err := r.Expect(asn1der.TagSequence)
	if err != nil {
		return cfg, 0, stateErr("cis", err)
	}
	for cr := asn1der.NewReader(cis.Value); !cr.Empty(); {
		t, err := cr.Next()
		if err != nil {
			return cfg, 0, stateErr("cis", err)
		}
		cfg.CIs = append(cfg.CIs, t.Raw)
	}
	vp, err := r.Expect(asn1der.TagSequence)
	if err != nil {
		return cfg, 0, stateErr("verificationPKIDs", err)
	}
	for pr := asn1der.NewReader(vp.Value); !pr.Empty(); {
		t, err := pr.Expect(asn1der.TagOctetString)
		if err != nil {
			return cfg, 0, stateErr("verificationPKIDs", err)
		}
		cfg.VerificationPKIDs = append(cfg.VerificationPKIDs, t.Value)
	}
	kss, err := r.Expect(asn1der.TagSequence)
	if err != nil || !r.Empty() {
		return cfg, 0, stateErr("keySets", err)
	}
	for kr := asn1der.NewReader(kss.Value); !kr.Empty(); {
		t, err := kr.Expect(asn1der.TagSequence)
		if err != nil {
			return cfg, 0, stateErr("keySet", err)
		}
		k := asn1der.NewReader(t.Value)
		cv, err1 := k.Expect(asn1der.TagInteger)
		sk, err2 := k.Expect(asn1der.TagOctetString)
		euicc, err3 := k.Next()
		eum, err4 := k.Next()
		if err1 != nil || err2 != nil || err3 != nil || err4 != nil || !k.Empty() {
			return cfg, 0, stateErr("keySet", nil)
		}
		curve, err := asn1der.Int64(cv)
		if err != nil || curve <= 0 || curve > 255 {
			return cfg, 0, stateErr("keySet curve", err)
		}
		key, err := ecdsa.NewPrivateKey(ecdsa.Curve(curve), sk.Value)
		if err != nil {
			return cfg, 0, stateErr("SK.EUICC", err)
		}
		cfg.KeySets = append(cfg.KeySets, KeySet{Key: key, EUICCCertificate: euicc.Raw, EUMCertificate: eum.Raw})
	}
	return cfg, uint64(n), nil
}
