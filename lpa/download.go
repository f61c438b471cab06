package lpa

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/bpp"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/rspcert"
)

// defaultTAC is the TAC sent when Options.DeviceInfo is nil (a test value).
var defaultTAC = []byte{0x35, 0x29, 0x06, 0x11}

// Download runs a whole profile download (SGP.22 §3.1.2 Common Mutual
// Authentication and §3.1.3 Download and Installation) between es9 and card
// for the activation code ac, then, unless opts.SkipNotifications, delivers
// the ProfileInstallationResult to the SM-DP+ and removes it from the card.
//
// The Report lists every step; it is returned also on failure, with Err set
// to the returned error, a *StepError. When the eUICC refuses a step, the
// LPA relays its error response to the SM-DP+ (which ends the session) before
// returning; when the end user refuses or no confirmation code is available,
// the LPA cancels the session on both sides (§3.1.5).
func Download(ctx context.Context, es9 ES9Client, card Card, ac ActivationCode, opts *Options) (*Report, error) {
	r := newRun(opts)
	err := r.download(ctx, es9, card, ac)
	rep := r.finish()
	if err != nil && rep.Err == nil {
		rep.Err = err
	}
	return rep, err
}

func (r *run) download(ctx context.Context, es9 ES9Client, card Card, ac ActivationCode) error {
	o := r.o
	rep := r.rep
	if err := checkFQDN(ac.SMDPAddress); err != nil {
		return fmt.Errorf("%w: SM-DP+ address %q: %v", ErrActivationCode, ac.SMDPAddress, err)
	}

	// ES10c.GetEID (for the report; the SM-DP+ reads the EID from CERT.EUICC).
	st := r.begin("ES10c.GetEID")
	resp, err := st.card(card, rsp.AppendGetEuiccDataRequest(nil))
	if err == nil {
		var v rsp.GetEuiccDataResponse
		if v, err = rsp.ParseGetEuiccDataResponse(resp); err == nil {
			rep.EID = bytes.Clone(v.EID)
			st.detail("EID %X", v.EID)
		}
	}
	if err := st.end(err); err != nil {
		return err
	}

	// ES10b.GetEUICCInfo1.
	st = r.begin("ES10b.GetEUICCInfo1")
	info1, err := st.card(card, rsp.AppendEmptyRequest(nil, rsp.TagEUICCInfo1))
	if err == nil {
		var v rsp.EUICCInfo1
		if v, err = rsp.ParseEUICCInfo1(info1); err == nil {
			st.detail("SVN %d.%d.%d, %d CI key(s) for verification, %d for signing", v.Svn[0], v.Svn[1], v.Svn[2],
				v.CiPKIdListForVerification.Count, v.CiPKIdListForSigning.Count)
		}
	}
	if err := st.end(err); err != nil {
		return err
	}

	// ES10b.GetEUICCChallenge.
	st = r.begin("ES10b.GetEUICCChallenge")
	var challenge []byte
	resp, err = st.card(card, rsp.AppendEmptyRequest(nil, rsp.TagGetEuiccChallenge))
	if err == nil {
		var v rsp.GetEuiccChallengeResponse
		if v, err = rsp.ParseGetEuiccChallengeResponse(resp); err == nil {
			challenge = bytes.Clone(v.EuiccChallenge)
			st.detail("euiccChallenge %X", challenge)
		}
	}
	if err := st.end(err); err != nil {
		return err
	}

	// ES9+.InitiateAuthentication: BF39 { 81 euiccChallenge, 83 smdpAddress,
	// BF20 euiccInfo1 as the card sent it }.
	st = r.begin("ES9+.InitiateAuthentication")
	req, mk := asn1der.AppendBegin(nil, rsp.TagInitiateAuthentication)
	req = asn1der.AppendTLV(req, 0x81, challenge)
	req = asn1der.AppendTLV(req, 0x83, []byte(ac.SMDPAddress))
	req = append(req, info1...)
	req = asn1der.AppendEnd(req, mk)
	iaDER, err := st.es9(ctx, es9.InitiateAuthentication, req)
	var ia rsp.InitiateAuthenticationResponse
	if err == nil {
		ia, err = rsp.ParseInitiateAuthenticationResponse(iaDER)
		if err == nil && !ia.IsOk {
			err = ia.Error
		}
	}
	if err == nil {
		ok := &ia.Ok
		ss := &ok.ServerSigned1
		switch {
		case !bytes.Equal(ss.TransactionID, ok.TransactionID):
			err = checkf("serverSigned1.transactionId %X differs from transactionId %X", ss.TransactionID, ok.TransactionID)
		case !bytes.Equal(ss.EuiccChallenge, challenge):
			err = checkf("serverSigned1.euiccChallenge is not the eUICC's challenge")
		case !strings.EqualFold(string(ss.ServerAddress), ac.SMDPAddress):
			err = checkf("serverSigned1.serverAddress %q is not %q", ss.ServerAddress, ac.SMDPAddress)
		}
		if err == nil && ac.SMDPOID != "" {
			// [MEM] SGP.22 §4.1: an SM-DP+ OID in the activation code must be
			// the one CERT.DPauth names (its subjectAltName registeredID).
			var c rspcert.Certificate
			if err = rspcert.Parse(&c, ok.ServerCertificateRaw); err == nil {
				if got := string(asn1der.AppendOIDText(nil, c.Extensions.RegisteredID)); got != ac.SMDPOID {
					err = checkf("CERT.DPauth names SM-DP+ OID %s, the activation code %s", got, ac.SMDPOID)
				} else {
					st.check("LPA", "CERT.DPauth names the activation code's SM-DP+ OID %s", ac.SMDPOID)
				}
			}
		}
		if err == nil {
			rep.TransactionID = bytes.Clone(ok.TransactionID)
			st.check("SM-DP+", "smdpAddress is its own; a CI of euiccCiPKIdListForSigning is trusted; a CERT.DPauth chains to a CI of euiccCiPKIdListForVerification")
			st.check("LPA", "serverSigned1: transactionId consistent, euiccChallenge echoed, serverAddress = %s", ac.SMDPAddress)
			curve := ""
			if o.Verify {
				curve, err = verifySig(ok.ServerCertificateRaw, ok.ServerSignature1, ss.Raw)
				if err == nil {
					st.check("LPA", "serverSignature1 verifies with CERT.DPauth (%s)", curve)
				}
			}
			st.detail("transactionId %X, CI PKID to use %s", ok.TransactionID, short(ok.EuiccCiPKIdToBeUsed, 20))
		}
	}
	if err := st.end(err); err != nil {
		return err
	}
	tid := rep.TransactionID
	iaOk := &ia.Ok

	// ES10b.AuthenticateServer: BF38 { serverSigned1, serverSignature1,
	// 04 euiccCiPKIdToBeUsed, CERT.DPauth, A0 ctxParams1 }, the signed parts
	// relayed as received.
	st = r.begin("ES10b.AuthenticateServer")
	ctx1 := rsp.CtxParams1{MatchingID: []byte(ac.MatchingID), HasMatchingID: true}
	if o.DeviceInfo != nil {
		ctx1.DeviceInfo = *o.DeviceInfo
	} else {
		ctx1.DeviceInfo = rsp.DeviceInfo{TAC: defaultTAC}
	}
	req, mk = asn1der.AppendBegin(nil, rsp.TagAuthenticateServer)
	req = append(req, iaOk.ServerSigned1.Raw...)
	req = append(req, iaOk.ServerSignature1DO...)
	req = asn1der.AppendTLV(req, asn1der.TagOctetString, iaOk.EuiccCiPKIdToBeUsed)
	req = append(req, iaOk.ServerCertificateRaw...)
	req = rsp.AppendCtxParams1(req, &ctx1)
	req = asn1der.AppendEnd(req, mk)
	asrDER, err := st.card(card, req)
	var asr rsp.AuthenticateServerResponse
	if err == nil {
		asr, err = rsp.ParseAuthenticateServerResponse(asrDER)
	}
	cardRefused := false
	if err == nil && !asr.IsOk {
		err, cardRefused = asr.Error.Code, true
	}
	if err == nil {
		es1 := &asr.Ok.EuiccSigned1
		switch {
		case !bytes.Equal(es1.TransactionID, tid):
			err = checkf("euiccSigned1.transactionId %X is not the session's", es1.TransactionID)
		case !bytes.Equal(es1.ServerChallenge, iaOk.ServerSigned1.ServerChallenge):
			err = checkf("euiccSigned1.serverChallenge is not the SM-DP+'s")
		}
		if err == nil {
			st.check("eUICC", "CERT.DPauth chains to the CI of euiccCiPKIdToBeUsed; serverSignature1 verifies; euiccChallenge is its own; serverAddress and transactionId accepted")
			st.check("LPA", "euiccSigned1: transactionId and serverChallenge echoed")
			if o.Verify {
				var curve string
				curve, err = verifySig(asr.Ok.EuiccCertificateRaw, asr.Ok.EuiccSignature1, es1.Raw)
				if err == nil {
					st.check("LPA", "euiccSignature1 verifies with CERT.EUICC (%s)", curve)
				}
			}
			st.detail("euiccSigned1 %d bytes, CERT.EUICC %d bytes, CERT.EUM %d bytes", len(es1.Raw), len(asr.Ok.EuiccCertificateRaw), len(asr.Ok.EumCertificateRaw))
		}
	}
	if err := st.end(err); err != nil {
		if cardRefused {
			// The SM-DP+ learns of the refusal through AuthenticateClient.
			r.relayRefusal(ctx, "ES9+.AuthenticateClient (relaying the eUICC's error)", es9.AuthenticateClient, rsp.AppendAuthenticateClientRequest(nil, tid, asrDER))
		}
		return err
	}

	// ES9+.AuthenticateClient: BF3B { 80 transactionId, BF38 as the card sent it }.
	st = r.begin("ES9+.AuthenticateClient")
	acDER, err := st.es9(ctx, es9.AuthenticateClient, rsp.AppendAuthenticateClientRequest(nil, tid, asrDER))
	var acr rsp.AuthenticateClientResponse
	if err == nil {
		acr, err = rsp.ParseAuthenticateClientResponse(acDER)
		if err == nil && !acr.IsOk {
			err = acr.Error
		}
	}
	acOk := &acr.Ok
	if err == nil {
		switch {
		case !bytes.Equal(acOk.TransactionID, tid) || !bytes.Equal(acOk.SmdpSigned2.TransactionID, tid):
			err = checkf("transactionId in AuthenticateClientResponse is not the session's")
		}
		if err == nil {
			md := &acOk.ProfileMetadata
			rep.ICCID = bytes.Clone(md.ICCID)
			rep.ProfileName = string(md.ProfileName)
			rep.ServiceProvider = string(md.ServiceProviderName)
			st.check("SM-DP+", "CERT.EUM and CERT.EUICC chain to the chosen CI, EID within the EUM's range; euiccSignature1 over euiccSigned1 verifies; serverChallenge and serverAddress echoed; matchingId %q selects a profile", ac.MatchingID)
			st.check("LPA", "transactionId consistent in the response and in smdpSigned2")
			if o.Verify {
				var curve string
				curve, err = verifySig(acOk.SmdpCertificateRaw, acOk.SmdpSignature2, acOk.SmdpSigned2.Raw, asr.Ok.EuiccSignature1DO)
				if err == nil {
					st.check("LPA", "smdpSignature2 over smdpSigned2 ‖ euiccSignature1 verifies with CERT.DPpb (%s)", curve)
				}
			}
			st.detail("profile ICCID %s %q by %q, ccRequiredFlag %v", ICCIDString(md.ICCID), md.ProfileName, md.ServiceProviderName, acOk.SmdpSigned2.CcRequiredFlag)
		}
	}
	if err := st.end(err); err != nil {
		return err
	}

	// End-user consent and the confirmation code.
	if o.Confirm != nil && !o.Confirm(&acOk.ProfileMetadata) {
		r.cancel(ctx, es9, card, tid, rsp.CancelSessionReasonEndUserRejection)
		return r.fail("LPA.ConfirmProfile", ErrRejected)
	}
	var hashCc []byte
	if acOk.SmdpSigned2.CcRequiredFlag {
		if ac.ConfirmationCode == "" {
			r.cancel(ctx, es9, card, tid, rsp.CancelSessionReasonEndUserRejection)
			return r.fail("LPA.ConfirmationCode", ErrConfirmationCode)
		}
		hashCc = HashConfirmationCode(ac.ConfirmationCode, tid)
	}

	// ES10b.PrepareDownload: BF21 { smdpSigned2, smdpSignature2, [04 hashCc],
	// CERT.DPpb }.
	st = r.begin("ES10b.PrepareDownload")
	req, mk = asn1der.AppendBegin(nil, rsp.TagPrepareDownload)
	req = append(req, acOk.SmdpSigned2.Raw...)
	req = append(req, acOk.SmdpSignature2DO...)
	if hashCc != nil {
		req = asn1der.AppendTLV(req, asn1der.TagOctetString, hashCc)
	}
	req = append(req, acOk.SmdpCertificateRaw...)
	req = asn1der.AppendEnd(req, mk)
	pdrDER, err := st.card(card, req)
	var pdr rsp.PrepareDownloadResponse
	if err == nil {
		pdr, err = rsp.ParsePrepareDownloadResponse(pdrDER)
	}
	cardRefused = false
	if err == nil && !pdr.IsOk {
		err, cardRefused = pdr.Error.Code, true
	}
	if err == nil {
		es2 := &pdr.Ok.EuiccSigned2
		if !bytes.Equal(es2.TransactionID, tid) {
			err = checkf("euiccSigned2.transactionId is not the session's")
		}
		if err == nil {
			st.check("eUICC", "CERT.DPpb chains to a CI it trusts; smdpSignature2 verifies; transactionId is the session's; hashCc present iff required")
			st.check("LPA", "euiccSigned2.transactionId consistent")
			if hashCc != nil {
				st.check("LPA", "hashCc = SHA256(SHA256(confirmation code) ‖ transactionId) sent")
			}
			if o.Verify {
				var curve string
				curve, err = verifySig(asr.Ok.EuiccCertificateRaw, pdr.Ok.EuiccSignature2, es2.Raw, acOk.SmdpSignature2DO)
				if err == nil {
					st.check("LPA", "euiccSignature2 over euiccSigned2 ‖ smdpSignature2 verifies with CERT.EUICC (%s)", curve)
				}
			}
			st.detail("otPK.EUICC %s", short(es2.EuiccOtpk, 8))
		}
	}
	if err := st.end(err); err != nil {
		if cardRefused {
			r.relayRefusal(ctx, "ES9+.GetBoundProfilePackage (relaying the eUICC's error)", es9.GetBoundProfilePackage, rsp.AppendGetBoundProfilePackageRequest(nil, tid, pdrDER))
		}
		return err
	}

	// ES9+.GetBoundProfilePackage: BF3A { 80 transactionId, BF21 as the card sent it }.
	st = r.begin("ES9+.GetBoundProfilePackage")
	gbDER, err := st.es9(ctx, es9.GetBoundProfilePackage, rsp.AppendGetBoundProfilePackageRequest(nil, tid, pdrDER))
	var gb rsp.GetBoundProfilePackageResponse
	if err == nil {
		gb, err = rsp.ParseGetBoundProfilePackageResponse(gbDER)
		if err == nil && !gb.IsOk {
			err = gb.Error
		}
	}
	var segs []bpp.Segment
	if err == nil && !bytes.Equal(gb.TransactionID, tid) {
		err = checkf("transactionId in GetBoundProfilePackageResponse is not the session's")
	}
	if err == nil {
		var seq func(func(bpp.Segment) bool)
		if seq, err = bpp.Segments(gb.BoundProfilePackage.Raw); err == nil {
			for s := range seq {
				segs = append(segs, s)
			}
			st.check("SM-DP+", "euiccSignature2 over euiccSigned2 ‖ smdpSignature2 verifies; hashCc when required; otPK.EUICC on the session's curve; then ECKA, KDF and the BSP binding")
			st.check("LPA", "Bound Profile Package parses and cuts into %d STORE DATA segments", len(segs))
			st.detail("Bound Profile Package %d bytes", len(gb.BoundProfilePackage.Raw))
		}
	}
	if err := st.end(err); err != nil {
		return err
	}

	// ES10b.LoadBoundProfilePackage, one STORE DATA payload per segment.
	st = r.begin("ES10b.LoadBoundProfilePackage")
	var pirDER []byte
	counts := map[bpp.SegmentKind]int{}
	var order []bpp.SegmentKind
	for _, s := range segs {
		if counts[s.Kind] == 0 {
			order = append(order, s.Kind)
		}
		counts[s.Kind]++
		resp, err = st.card(card, s.Data)
		if err != nil {
			break
		}
		if len(resp) != 0 {
			pirDER = resp
			break
		}
	}
	var pir rsp.ProfileInstallationResult
	if err == nil && pirDER == nil {
		err = checkf("the eUICC sent no ProfileInstallationResult after the last segment")
	}
	if err == nil {
		pir, err = rsp.ParseProfileInstallationResult(pirDER)
	}
	if err == nil && !bytes.Equal(pir.Data.TransactionID, tid) {
		err = checkf("ProfileInstallationResult.transactionId is not the session's")
	}
	if err == nil && o.Verify {
		var curve string
		curve, err = verifySig(asr.Ok.EuiccCertificateRaw, pir.EuiccSignPIR, pir.Data.Raw)
		if err == nil {
			st.check("LPA", "euiccSignPIR over ProfileInstallationResultData verifies with CERT.EUICC (%s)", curve)
		}
	}
	var installErr error
	if err == nil {
		var parts []string
		for _, k := range order {
			parts = append(parts, fmt.Sprintf("%d×%s", counts[k], segmentName(k)))
		}
		if pir.Data.IsSuccess {
			rep.Installed = true
			rep.ISDPAid = bytes.Clone(pir.Data.Success.AID)
			st.check("eUICC", "InitialiseSecureChannel (remoteOpId, transactionId, CRT, smdpSign with CERT.DPpb), session keys from ECKA; every segment's C-MAC and padding; ConfigureISDP, StoreMetadata (ICCID = profile header), profile elements parsed")
			st.detail("%d segments (%s); installed in ISD-P %X", len(segs), strings.Join(parts, ", "), pir.Data.Success.AID)
		} else {
			installErr = &InstallError{BppCommandID: pir.Data.Error.BppCommandID, ErrorReason: pir.Data.Error.ErrorReason}
			st.detail("%d of %d segments (%s) sent; the eUICC answered ErrorResult %v / %v", countSent(counts), len(segs), strings.Join(parts, ", "),
				pir.Data.Error.BppCommandID, pir.Data.Error.ErrorReason)
		}
		st.check("LPA", "ProfileInstallationResult parses; transactionId is the session's")
	}
	if err := st.end(err); err != nil {
		return err
	}

	// The ProfileInstallationResult goes to the SM-DP+ (success or not).
	if !o.SkipNotifications {
		if err := r.deliver(ctx, es9, card, pirDER, pir.Data.NotificationMetadata.SeqNumber, "ProfileInstallationResult"); err != nil && installErr == nil {
			return err
		}
	}
	if installErr != nil {
		err := &StepError{Step: "ES10b.LoadBoundProfilePackage", Err: installErr}
		// Mark the load step as failed for the report.
		for i := range rep.Steps {
			if rep.Steps[i].Name == "ES10b.LoadBoundProfilePackage" {
				rep.Steps[i].Err = err
			}
		}
		rep.Err = err
		return err
	}
	return nil
}

// segmentName is a short name of a STORE DATA payload kind (RSP-FACTS §4.5).
func segmentName(k bpp.SegmentKind) string {
	switch k {
	case bpp.SegmentISCR:
		return "BF36+BF23 InitialiseSecureChannel"
	case bpp.SegmentFirst87:
		return "A0 ConfigureISDP"
	case bpp.SegmentHeader88:
		return "A1 header"
	case bpp.Segment88:
		return "88 StoreMetadata"
	case bpp.SegmentSecond87:
		return "A2 ReplaceSessionKeys"
	case bpp.SegmentHeader86:
		return "A3 header"
	case bpp.Segment86:
		return "86 profile elements"
	}
	return k.String()
}

func countSent(m map[bpp.SegmentKind]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

// fail records a failure that is not an exchange.
func (r *run) fail(name string, err error) error {
	st := r.begin(name)
	return st.end(err)
}

// relayRefusal sends the eUICC's error response to the SM-DP+, which ends the
// session; the SM-DP+'s own answer (an error) is recorded, not returned.
func (r *run) relayRefusal(ctx context.Context, name string, fn func(context.Context, []byte, []byte) ([]byte, error), req []byte) {
	st := r.begin(name)
	_, err := st.es9(ctx, fn, req)
	if err != nil {
		st.detail("the SM-DP+ answered %v and ends the session", err)
	}
	st.s.Duration = r.o.now().Sub(st.begin)
	r.rep.Steps = append(r.rep.Steps, st.s)
}

// HashConfirmationCode returns hashCc = SHA256(SHA256(cc) ‖ transactionId)
// ([MEM] SGP.22 §3.1.3, as package smdp expects it).
func HashConfirmationCode(cc string, transactionID []byte) []byte {
	h1 := sha256.Sum256([]byte(cc))
	h := sha256.New()
	h.Write(h1[:])
	h.Write(transactionID)
	return h.Sum(nil)
}

// ICCIDString renders a 10-byte ICCID (nibble-swapped BCD as in EF.ICCID)
// as its digits, dropping the F filler.
func ICCIDString(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		for _, n := range []byte{c & 0x0F, c >> 4} {
			switch {
			case n <= 9:
				sb.WriteByte('0' + n)
			case n == 0xF:
			default:
				sb.WriteByte('?')
			}
		}
	}
	return sb.String()
}

var _ = errors.New
