package bpp

import (
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"io"
	"slices"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/ecka"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/scp03t"
)

// RemoteOpInstallBoundProfilePackage is RemoteOpId installBoundProfilePackage(1),
// the only value InitialiseSecureChannelRequest may carry (RSP-FACTS §4.5).
const RemoteOpInstallBoundProfilePackage = 1

var (
	crtKeyType = []byte{ecka.KeyTypeAES}   // CRT tag 80: AES
	crtKeyLen  = []byte{ecka.KeyLength128} // CRT tag 81: 16 bytes

	// DefaultConfigureISDP is ConfigureISDPRequest without dpProprietaryData:
	// BF24 00 (the value of the RSP-FACTS §4.6 vector).
	DefaultConfigureISDP = []byte{0xBF, 0x24, 0x00}
)

// Errors of the building side (caller mistakes, not protocol errors).
var (
	ErrMissingInput = errors.New("bpp: build input incomplete (DPpb key, transactionId, hostId, EID, euiccOtpk and StoreMetadataRequest are required)")
	ErrHostID       = errors.New("bpp: hostId must be 1 to 16 bytes")
	ErrEID          = errors.New("bpp: EID must be 16 bytes")
	ErrOtSK         = errors.New("bpp: otSK.DP is not on the curve of otPK.EUICC or otPK.EUICC is not a valid point")
)

// BuildInput is what the SM-DP+ binds: the profile, its metadata and the
// session (RSP-FACTS §4.1, §4.5).
type BuildInput struct {
	UPP           []byte // the Unprotected Profile Package: SAIP profile elements, DER
	StoreMetadata []byte // the whole StoreMetadataRequest TLV (BF25) as sent in AuthenticateClient
	ConfigureISDP []byte // the whole ConfigureISDPRequest TLV (BF24); nil means DefaultConfigureISDP

	TransactionID []byte // the session's transactionId
	HostID        []byte // CRT tag 84, 1..16 bytes
	EID           []byte // 16 bytes (the 5A value)
	EuiccOtpk     []byte // otPK.EUICC.ECKA from euiccSigned2 (65 bytes, 04‖X‖Y)

	// SmdpOtSK is otSK.DP.ECKA. When nil, a fresh key pair is drawn from
	// Rand on the curve of DPpb (which allocates) and destroyed afterwards.
	SmdpOtSK *ecdsa.PrivateKey
	// DPpb is the private key of CERT.DPpb that signs
	// InitialiseSecureChannelRequest.
	DPpb *ecdsa.PrivateKey
	// Rand feeds the signature's hedged nonce (and otSK.DP when drawn);
	// nil means crypto/rand.
	Rand io.Reader

	// PPK, when not nil, adds A2 {87 ReplaceSessionKeysRequest} with this key
	// set and protects the 86 segments with it (MCV = PPK.MCV, counter 1).
	PPK *scp03t.KeySet
}

// Builder binds profiles. Its zero value is ready; reusing one Builder keeps
// its BSP session state off the heap. It is not safe for concurrent use.
type Builder struct {
	sess scp03t.Session
	rsk  [64]byte
}

// BuildLen returns the exact length of the BoundProfilePackage that
// AppendBuild produces for in (with a 65-byte otPK.DP), so that a caller can
// size its buffer.
func BuildLen(in *BuildInput) int {
	n, _ := lengths(in, 65)
	return n
}

type layout struct {
	signed, iscr, a0, a1, a2, a3, content int
}

func tlvLen(t asn1der.Tag, n int) int { return asn1der.HeaderLen(t, n) + n }

func lengths(in *BuildInput, otpkLen int) (int, layout) {
	var l layout
	cfg := in.ConfigureISDP
	if cfg == nil {
		cfg = DefaultConfigureISDP
	}
	crt := tlvLen(0x80, 1) + tlvLen(0x81, 1) + tlvLen(0x84, len(in.HostID))
	l.signed = 3 + tlvLen(0x80, len(in.TransactionID)) + tlvLen(0xA6, crt) + tlvLen(rsp.TagSmdpOtpk, otpkLen)
	l.iscr = l.signed + tlvLen(rsp.TagSignature, 64)
	l.a0 = scp03t.ProtectedLen(scp03t.Tag87, len(cfg))
	l.a1 = scp03t.ProtectedLen(scp03t.Tag88, len(in.StoreMetadata))
	if in.PPK != nil {
		l.a2 = scp03t.ProtectedLen(scp03t.Tag87, 3*18+2)
	}
	l.a3 = scp03t.ProtectedLen(scp03t.Tag86, len(in.UPP))
	l.content = tlvLen(rsp.TagInitialiseSecureChannel, l.iscr) + tlvLen(0xA0, l.a0) + tlvLen(0xA1, l.a1) + tlvLen(0xA3, l.a3)
	if in.PPK != nil {
		l.content += tlvLen(0xA2, l.a2)
	}
	return tlvLen(rsp.TagBoundProfilePackage, l.content), l
}

// AppendBuild appends the BoundProfilePackage (BF36) for in to dst with a
// fresh Builder.
func AppendBuild(dst []byte, in *BuildInput) ([]byte, error) {
	var b Builder
	return b.AppendBuild(dst, in)
}

// AppendBuild appends the BoundProfilePackage (BF36) for in to dst: BF23
// signed with in.DPpb over the BF23 members before smdpSign ‖ 5F49 L euiccOtpk
// (RSP-FACTS §3.2), then A0, A1, [A2], A3 protected with the session keys
// derived from ECDH(otSK.DP, otPK.EUICC), hostId and EID (RSP-FACTS §4.1–4.5).
// On error dst is returned unchanged. The session keys and the BSP state are
// wiped before it returns.
func (b *Builder) AppendBuild(dst []byte, in *BuildInput) ([]byte, error) {
	if in.DPpb == nil || len(in.TransactionID) == 0 || len(in.EuiccOtpk) == 0 || len(in.StoreMetadata) == 0 {
		return dst, ErrMissingInput
	}
	if len(in.HostID) < 1 || len(in.HostID) > rsp.MaxHostID {
		return dst, ErrHostID
	}
	if len(in.EID) != 16 {
		return dst, ErrEID
	}
	rnd := in.Rand
	if rnd == nil {
		rnd = rand.Reader
	}
	otsk := in.SmdpOtSK
	if otsk == nil {
		k, err := ecka.GenerateKey(in.DPpb.Public().Curve(), rnd)
		if err != nil {
			return dst, err
		}
		defer k.Destroy()
		otsk = k
	}
	cfg := in.ConfigureISDP
	if cfg == nil {
		cfg = DefaultConfigureISDP
	}

	// Key agreement and session keys (RSP-FACTS §4.1).
	shs, err := ecka.ECDH(otsk, in.EuiccOtpk)
	if err != nil {
		return dst, errors.Join(ErrOtSK, err)
	}
	keys, err := ecka.DeriveSessionKeys(shs[:], in.HostID, in.EID)
	clear(shs[:])
	if err != nil {
		return dst, err
	}
	ks := scp03t.KeySet{MCV: keys.InitialMCV, Enc: keys.SEnc, MAC: keys.SMac}
	keys.Destroy()
	b.sess.ReplaceSessionKeys(&ks)
	clear(ks.Enc[:])
	clear(ks.MAC[:])
	clear(ks.MCV[:])
	defer b.sess.Destroy()

	otpk := otsk.Public().Bytes()
	total, l := lengths(in, len(otpk))
	start := len(dst)
	out := slices.Grow(dst, total)

	// BF36 L, BF23 L, the signed members.
	out = asn1der.AppendHeader(out, rsp.TagBoundProfilePackage, l.content)
	out = asn1der.AppendHeader(out, rsp.TagInitialiseSecureChannel, l.iscr)
	signedAt := len(out)
	iscr := rsp.InitialiseSecureChannelRequest{
		RemoteOpID:    RemoteOpInstallBoundProfilePackage,
		TransactionID: in.TransactionID,
		ControlRefTemplate: rsp.ControlRefTemplate{
			KeyType: crtKeyType, KeyLen: crtKeyLen, HostID: in.HostID,
		},
		SmdpOtpk: otpk[:],
	}
	out = rsp.AppendISCRSignedPart(out, &iscr)
	// smdpSign input: the members ‖ 5F49 L euiccOtpk, hashed in place in the
	// spare capacity and then cut off again (RSP-FACTS §3.2).
	signedEnd := len(out)
	out = asn1der.AppendTLV(out, rsp.TagEuiccOtpk, in.EuiccOtpk)
	digest := sha256.Sum256(out[signedAt:])
	out = out[:signedEnd]
	sig, err := ecdsa.Sign(rnd, in.DPpb, digest[:])
	if err != nil {
		return dst, err
	}
	out = asn1der.AppendTLV(out, rsp.TagSignature, sig[:])

	// A0 {87 ConfigureISDPRequest}
	out = asn1der.AppendHeader(out, 0xA0, l.a0)
	if out, err = b.sess.AppendProtectAll(out, scp03t.Tag87, cfg); err != nil {
		return dst, err
	}
	// A1 {88 StoreMetadataRequest …}
	out = asn1der.AppendHeader(out, 0xA1, l.a1)
	if out, err = b.sess.AppendProtectAll(out, scp03t.Tag88, in.StoreMetadata); err != nil {
		return dst, err
	}
	// A2 {87 ReplaceSessionKeysRequest}, then the PPK set for the 86 segments.
	if in.PPK != nil {
		rskPlain := rsp.AppendReplaceSessionKeysRequest(b.rsk[:0], in.PPK.MCV[:], in.PPK.Enc[:], in.PPK.MAC[:])
		out = asn1der.AppendHeader(out, 0xA2, l.a2)
		out, err = b.sess.AppendProtectAll(out, scp03t.Tag87, rskPlain)
		clear(b.rsk[:])
		if err != nil {
			return dst, err
		}
		b.sess.ReplaceSessionKeys(in.PPK)
	}
	// A3 {86 …}
	out = asn1der.AppendHeader(out, 0xA3, l.a3)
	if out, err = b.sess.AppendProtectAll(out, scp03t.Tag86, in.UPP); err != nil {
		return dst, err
	}
	if len(out)-start != total {
		return dst, errors.New("bpp: internal length mismatch")
	}
	return out, nil
}
