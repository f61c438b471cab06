package bpp

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"testing"

	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/ecka"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/rspcert"
	"github.com/rspengine/rspengine/scp03t"
)

// sessionInput assembles the Build input of the recorded SM-DP+ session in
// ../shared/testdata/session (its README.md describes every file): otSK.DP,
// transactionId, StoreMetadataRequest, the dummy UPP, otPK.EUICC from the
// PrepareDownloadResponse, hostId "euicc-rsp" and the EID from CERT.EUICC's
// subject serialNumber.
func sessionInput(t *testing.T) (*BuildInput, *ecdsa.PublicKey) {
	t.Helper()
	otsk, err := ecdsa.NewPrivateKey(ecdsa.P256, readShared(t, "session/otsk-dp.bin"))
	if err != nil {
		t.Fatal(err)
	}
	pdr, err := rsp.ParsePrepareDownloadResponse(readShared(t, "session/prepare-download-response.der"))
	if err != nil || !pdr.IsOk {
		t.Fatalf("PrepareDownloadResponse: %v", err)
	}
	asr, err := rsp.ParseAuthenticateServerResponse(readShared(t, "session/auth-server-response.der"))
	if err != nil || !asr.IsOk {
		t.Fatalf("AuthenticateServerResponse: %v", err)
	}
	var cert rspcert.Certificate
	if err := rspcert.Parse(&cert, asr.Ok.EuiccCertificateRaw); err != nil {
		t.Fatal(err)
	}
	eid, err := hex.DecodeString(string(cert.Subject.SerialNumber))
	if err != nil || len(eid) != 16 {
		t.Fatalf("EID from CERT.EUICC serialNumber %q: %v", cert.Subject.SerialNumber, err)
	}
	sk, pk := sgp26Key(t, "NIST")
	return &BuildInput{
		UPP:           readShared(t, "session/upp.der"),
		StoreMetadata: readShared(t, "session/store-metadata.der"),
		TransactionID: readShared(t, "session/transaction-id.bin"),
		HostID:        []byte("euicc-rsp"),
		EID:           eid,
		EuiccOtpk:     pdr.Ok.EuiccSigned2.EuiccOtpk,
		SmdpOtSK:      otsk,
		DPpb:          sk,
	}, pk
}

// sessionKeys derives the BSP keys on the SM-DP+ side: ECDH(otSK.DP,
// otPK.EUICC) → X9.63 KDF (the eUICC's otSK is not in the recording).
func sessionKeys(t *testing.T, in *BuildInput) *scp03t.KeySet {
	shs, err := ecka.ECDH(in.SmdpOtSK, in.EuiccOtpk)
	if err != nil {
		t.Fatal(err)
	}
	k, err := ecka.DeriveSessionKeys(shs[:], in.HostID, in.EID)
	if err != nil {
		t.Fatal(err)
	}
	return &scp03t.KeySet{MCV: k.InitialMCV, Enc: k.SEnc, MAC: k.SMac}
}

// TestSessionBuild: Build on the recorded session's inputs reproduces
// bound-profile-package.der byte for byte except smdpSign, which verifies with
// CERT.DPpb over the RSP-FACTS §3.2 bytes.
func TestSessionBuild(t *testing.T) {
	in, pk := sessionInput(t)
	want := readShared(t, "session/bound-profile-package.der")
	got, err := AppendBuild(nil, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != BuildLen(in) {
		t.Errorf("BuildLen %d, built %d", BuildLen(in), len(got))
	}
	gp, err := rsp.ParseBoundProfilePackage(got)
	if err != nil {
		t.Fatal(err)
	}
	wp, err := rsp.ParseBoundProfilePackage(want)
	if err != nil {
		t.Fatal(err)
	}
	// smdpSign verifies over SignedPart ‖ 5F49 41 euiccOtpk.
	digest := sha256.Sum256(gp.InitialiseSecureChannelRequest.AppendSmdpSignInput(nil, in.EuiccOtpk))
	if !ecdsa.Verify(pk, digest[:], gp.InitialiseSecureChannelRequest.SmdpSign) {
		t.Error("our smdpSign does not verify with CERT.DPpb")
	}
	// The recorded signature verifies over the same bytes (proves the input).
	digest = sha256.Sum256(wp.InitialiseSecureChannelRequest.AppendSmdpSignInput(nil, in.EuiccOtpk))
	if !ecdsa.Verify(pk, digest[:], wp.InitialiseSecureChannelRequest.SmdpSign) {
		t.Error("recorded smdpSign does not verify over the RSP-FACTS §3.2 bytes")
	}
	// Everything but the 64 signature bytes is identical.
	if len(got) != len(want) {
		t.Fatalf("length %d, want %d", len(got), len(want))
	}
	g := bytes.Clone(got)
	w := bytes.Clone(want)
	sigAt := bytes.Index(g, gp.InitialiseSecureChannelRequest.SmdpSign)
	copy(g[sigAt:sigAt+64], make([]byte, 64))
	copy(w[sigAt:sigAt+64], make([]byte, 64))
	if !bytes.Equal(g, w) {
		for i := range g {
			if g[i] != w[i] {
				t.Fatalf("first difference at byte %d: got %x want %x", i, g[i:min(i+16, len(g))], w[i:min(i+16, len(w))])
			}
		}
	}
}

// TestSessionLoad: the Loader, given the SM-DP+-side session keys and the
// eUICC's otPK.EUICC, loads the recorded BPP and recovers upp.der and the
// StoreMetadataRequest.
func TestSessionLoad(t *testing.T) {
	in, pk := sessionInput(t)
	bpp := readShared(t, "session/bound-profile-package.der")
	cfg := &LoaderConfig{TransactionID: in.TransactionID, EID: in.EID, DPpb: pk, EuiccOtpk: in.EuiccOtpk, SessionKeys: sessionKeys(t, in)}
	r, err := load(cfg, segmentsOf(t, bpp))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r.profile, in.UPP) {
		t.Errorf("profile %x, want upp.der %x", r.profile, in.UPP)
	}
	if !bytes.Equal(r.metadata, in.StoreMetadata) {
		t.Errorf("metadata %x", r.metadata)
	}
	if !bytes.Equal(r.cfg, DefaultConfigureISDP) {
		t.Errorf("ConfigureISDP %x", r.cfg)
	}
	// A wrong transactionId in the eUICC's session.
	cfg.TransactionID = bytes.Repeat([]byte{0xEE}, 16)
	r, err = load(cfg, segmentsOf(t, bpp))
	var be *Error
	if !errors.As(err, &be) || be.BppCommandID != rsp.BppCommandInitialiseSecureChannel || be.ErrorReason != rsp.ErrorReasonInvalidTransactionId {
		t.Errorf("wrong transactionId: %v", err)
	}
	if len(r.calls) != 0 {
		t.Errorf("handler called after the error: %v", r.calls)
	}
}
