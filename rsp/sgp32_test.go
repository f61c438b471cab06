package rsp

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"math/big"
	"strings"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

// mgtEimConfig is an EimConfigurationData body with every member.
func mgtEimConfig(tag string) string {
	return mgtTLV(tag,
		mgtTLV("80", mgtStr("eim1")),
		mgtTLV("81", mgtStr("eim.example")),
		mgtTLV("82", "02"),
		mgtTLV("83", "00"),
		mgtTLV("84", "0100"),
		mgtTLV("A5", mgtTLV("A0", mgtTLV("30", mgtTLV("06", "2A8648CE3D0201")), mgtTLV("03", "0004"+strings.Repeat("01", 4)))),
		mgtTLV("A6", mgtTLV("A1", mgtTLV("30", "020101"), mgtTLV("30", ""), mgtTLV("03", "00"))),
		mgtTLV("87", "03A0"),
		mgtTLV("88", strings.Repeat("F5", 20)),
		"8900",
	)
}

func mgtSigned(list string) string {
	return mgtTLV("30", mgtTLV("80", mgtStr("eim1")), mgtTLV("5A", mgtEID), mgtTLV("81", "05"), mgtTLV("82", "0102"), list)
}

func mgtAllPsmos() string {
	return mgtTLV("A0",
		mgtTLV("A3", mgtTLV("5A", mgtICCID), "0500"),
		mgtTLV("A3", mgtTLV("5A", mgtICCID)),
		mgtTLV("A4", mgtTLV("5A", mgtICCID)),
		mgtTLV("A5", mgtTLV("5A", mgtICCID)),
		mgtTLV("BF2D", mgtTLV("A0", mgtTLV("95", "02")), mgtTLV("5C", "5A9F70")),
		"A600",
		mgtTLV("A7", "8000", mgtTLV("81", "2B0601"), mgtTLV("82", mgtStr("dp.example"))),
		"A700",
		mgtTLV("A8", mgtTLV("5A", mgtICCID)),
		"A900",
		mgtTLV("BF65", mgtTLV("80", mgtStr("dp.example"))),
	)
}

func mgtAllEcos() string {
	return mgtTLV("A1",
		mgtEimConfig("A8"),
		mgtTLV("A9", mgtTLV("80", mgtStr("eim2"))),
		mgtTLV("AA", mgtTLV("80", mgtStr("eim1")), mgtTLV("83", "0A")),
		"AB00",
	)
}

func mgtAllResults() string {
	pil := mgtTLV("BF2D", mgtTLV("A0", mgtTLV("E3", mgtTLV("5A", mgtICCID), mgtTLV("9F70", "01"), mgtTLV("9F26", "FF"), mgtTLV("9F67", "FF"))))
	rat := mgtTLV("A6", mgtTLV("30", mgtTLV("80", "0560"), mgtTLV("A1", mgtTLV("30", mgtTLV("80", "26F010"))), mgtTLV("82", "0780")))
	return mgtTLV("30",
		"830100", "840102", "850115", pil, rat, "870107",
		mgtTLV("A8", "840105"), mgtTLV("A8", "020102"),
		"890102", "8A0106",
		mgtTLV("AB", mgtTLV("A0", mgtTLV("30", mgtTLV("80", mgtStr("eim1")), "820101"), mgtTLV("30", mgtTLV("80", mgtStr("eim2"))))),
		"AB03 81017F",
		"8C0100", "8D0102", "8E0103",
		mgtTLV("BF65", "800100"),
		"BF2D03 81010B",
		"020103",
	)
}

func mgtSGP32Cases() []mgtCase {
	h := func(s string) []byte { b, _ := hex.DecodeString(strings.ReplaceAll(s, " ", "")); return b }
	resultData := mgtTLV("30", mgtTLV("80", mgtStr("eim1")), "810105", "820102", "830107", mgtAllResults())
	errorData := mgtTLV("30", mgtTLV("80", mgtStr("eim1")), "810105", "020104")
	signedResult := mgtTLV("BF51", mgtTLV("A0", resultData, mgtTLV("5F37", mgtSig)))
	return []mgtCase{
		{"EuiccPackageRequest all PSMOs", h(mgtTLV("BF51", mgtSigned(mgtAllPsmos()), mgtTLV("5F37", mgtSig)))},
		{"EuiccPackageRequest all eCOs", h(mgtTLV("BF51", mgtSigned(mgtAllEcos()), mgtTLV("5F37", mgtSig)))},
		{"EuiccPackageRequest empty psmoList", h(mgtTLV("BF51", mgtSigned("A000"), mgtTLV("5F37", mgtSig)))},
		{"EuiccPackageResult signed all results", h(signedResult)},
		{"EuiccPackageResult error signed", h(mgtTLV("BF51", mgtTLV("A1", errorData, mgtTLV("5F37", mgtSig))))},
		{"EuiccPackageResult error unsigned", h(mgtTLV("BF51", mgtTLV("A2", mgtTLV("80", mgtStr("eim1")), "820102", "840107")))},
		{"EuiccPackageResult error unsigned minimal", h(mgtTLV("BF51", mgtTLV("A2", mgtTLV("80", mgtStr("e")))))},
		{"RetrieveNotificationsListResponse results", h(mgtTLV("BF2B", mgtTLV("A2", signedResult, mgtTLV("BF51", mgtTLV("A2", mgtTLV("80", mgtStr("e")))))))},
		{"EuiccMemoryResetRequest SGP.32", h("BF64 04 82 02 01 FE")},
		{"EuiccMemoryResetResponse SGP.32", h("BF64 09 80 01 68 81 01 02 82 01 01")},
		{"ImmediateEnableRequest", h("BF5A 03 80 01 FF")},
		{"ImmediateEnableResponse", h("BF5A 03 80 01 04")},
		{"ProfileRollbackRequest", h("BF58 03 80 01 00")},
		{"ProfileRollbackResponse", h("BF58 03 02 01 01")},
		{"ProfileRollbackResponse with result", h(mgtTLV("BF58", "020100", signedResult))},
		{"ConfigureImmediateProfileEnablingRequest", h(mgtTLV("BF59", "8000", mgtTLV("81", "2B0601"), mgtTLV("82", mgtStr("dp.example"))))},
		{"ConfigureImmediateProfileEnablingRequest empty", h("BF5900")},
		{"ConfigureImmediateProfileEnablingResponse", h("BF59 03 80 01 02")},
		{"ExecuteFallbackMechanismRequest", h("BF5D 03 80 01 FF")},
		{"ExecuteFallbackMechanismResponse", h("BF5D 03 80 01 06")},
		{"ReturnFromFallbackRequest", h("BF5E 03 80 01 00")},
		{"ReturnFromFallbackResponse", h("BF5E 03 80 01 07")},
		{"EnableEmergencyProfileRequest", h("BF5B 03 80 01 FF")},
		{"EnableEmergencyProfileResponse", h("BF5B 03 80 01 08")},
		{"DisableEmergencyProfileRequest", h("BF5C 03 80 01 FF")},
		{"DisableEmergencyProfileResponse", h("BF5C 03 80 01 02")},
		{"EimAcknowledgements", h("BF53 0A 80 01 01 80 01 02 80 02 01 00")},
		{"EimAcknowledgements empty", h("BF5300")},
		{"AddInitialEimRequest", h(mgtTLV("BF57", mgtTLV("A0", mgtEimConfig("30"), mgtTLV("30", mgtTLV("80", mgtStr("eim2"))))))},
		{"AddInitialEimResponse", h("BF57 07 A0 05 84 01 07 05 00")},
		{"GetEimConfigurationDataRequest", h(mgtTLV("BF55", mgtTLV("A0", mgtTLV("80", mgtStr("eim1")))))},
		{"GetEimConfigurationDataRequest all", h("BF5500")},
		{"IpaEuiccDataRequest", h(mgtTLV("BF52", mgtTLV("5C", "BF2081A0"), mgtTLV("04", "F5"), mgtTLV("A1", "800101"), mgtTLV("A2", "800102"), "830109"))},
		{"IpaEuiccDataRequest event", h(mgtTLV("BF52", mgtTLV("5C", "81"), mgtTLV("A1", mgtTLV("81", "0780"))))},
		{"IpaEuiccDataRequest minimal", h("BF52 02 5C 00")},
		{"IpaEuiccDataResponse", h(mgtTLV("BF52", mgtTLV("A0",
			mgtTLV("A0", mgtPIR()), mgtTLV("81", mgtStr("dp.example")), mgtTLV("A2", mgtTLV("BF51", mgtTLV("A2", mgtTLV("80", mgtStr("e"))))),
			"BF2000", "BF2200", mgtTLV("83", mgtStr("ds.example")), "840105", mgtTLV("A5", "020101"), mgtTLV("A6", "020102"), "870101",
			mgtTLV("A8", mgtTLV("80", "0780")), mgtTLV("A9", mgtTLV("80", "01020304"), "A100"))))},
		{"IpaEuiccDataResponse empty", h("BF52 02 A0 00")},
		{"IpaEuiccDataResponse error", h("BF52 08 A1 06 80 01 01 02 01 68")},
		{"ProfileDownloadTriggerRequest AC", h(mgtTLV("BF54", mgtTLV("A0", mgtTLV("80", mgtStr("1$smdp.example$ABC"))), "820107"))},
		{"ProfileDownloadTriggerRequest default", h("BF54 04 A0 02 81 00")},
		{"ProfileDownloadTriggerRequest SM-DS", h(mgtTLV("BF54", mgtTLV("A0", mgtTLV("A2", mgtTLV("80", mgtStr("lpa.ds.example"))))))},
		{"ProfileDownloadTriggerRequest SM-DS default", h("BF54 04 A0 02 A2 00")},
		{"ProfileDownloadTriggerRequest empty", h("BF5400")},
		{"ProfileDownloadTriggerResult", h(mgtTLV("BF54", "820107", mgtPIR()))},
		{"ProfileDownloadTriggerResult error", h(mgtTLV("BF54", mgtTLV("30", "800168", "04026A88")))},
		{"GetEimConfigurationDataResponse", h(mgtTLV("BF55", mgtTLV("A0", mgtEimConfig("30"), mgtTLV("30", mgtTLV("80", mgtStr("eim2"))))))},
		{"AddInitialEimResponse error", h("BF57 03 81 01 02")},
	}
}

// TestSGP32RoundTrip parses every SGP.32 case, checks that it rebuilds to
// the same bytes (walking every iterator), and that every truncation is
// rejected.
func TestSGP32RoundTrip(t *testing.T) {
	for _, tc := range mgtSGP32Cases() {
		t.Run(tc.name, func(t *testing.T) {
			n, err := mgtRebuildAll(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				t.Fatal("no parser accepted the message")
			}
			mgtTruncations(t, tc.name, tc.in, func(b []byte) error {
				if k, _ := mgtRebuildAll(b); k != 0 {
					return nil
				}
				return errNotAccepted
			})
		})
	}
}

var errNotAccepted = parseErr("test", &asn1der.Error{Rule: asn1der.RuleMissing})

// TestEuiccPackageRequestKnownAnswer checks a hand-encoded eUICC Package
// following RSP-FACTS §2.7 ("EuiccPackageSigned → 30 L 80 L eimId 5A 10 eid
// 81 L counter [82 L tid] (A0|A1) L …; Psmo: enable A3{5A iccid [05 00]} …
// getRAT A6"), lengths counted by hand.
func TestEuiccPackageRequestKnownAnswer(t *testing.T) {
	in := mgtHex(t, "BF51 76"+
		" 30 31"+
		" 80 04 65696D31"+
		" 5A 10 "+mgtEID+
		" 81 01 05"+
		" 82 02 0102"+
		" A0 10 A3 0C 5A 0A "+mgtICCID+" A6 00"+
		" 5F37 40 "+mgtSig)
	q, err := ParseEuiccPackageRequest(in)
	if err != nil {
		t.Fatal(err)
	}
	s := q.Signed
	if string(s.EimID) != "eim1" || !bytes.Equal(s.EID, mgtHex(t, mgtEID)) || s.CounterValue != 5 ||
		!bytes.Equal(s.EimTransactionID, []byte{1, 2}) || s.Kind != EuiccPackagePsmoList || len(q.EimSignature) != 64 {
		t.Errorf("fields %+v", s)
	}
	mgtEq(t, "signed raw span", s.Raw, in[3:3+0x33])
	mgtEq(t, "signature DO", q.EimSignatureDO, in[len(in)-67:])
	it := s.Psmos()
	if it.Len() != 2 {
		t.Errorf("Len %d", it.Len())
	}
	p1, _ := it.Next()
	p2, _ := it.Next()
	if _, ok := it.Next(); ok {
		t.Error("third PSMO")
	}
	if p1.Kind != PsmoEnable || !bytes.Equal(p1.ICCID, mgtHex(t, mgtICCID)) || p1.RollbackFlag || p2.Kind != PsmoGetRAT {
		t.Errorf("psmos %+v %+v", p1, p2)
	}
	if e := s.Ecos(); e.Len() != 0 {
		t.Error("ecos in a psmo package")
	}
	// Build the same package from scratch.
	signed := AppendEuiccPackageSignedPsmos(nil, &EuiccPackageSigned{EimID: []byte("eim1"), EID: mgtHex(t, mgtEID), CounterValue: 5, EimTransactionID: []byte{1, 2}},
		Psmo{Kind: PsmoEnable, ICCID: mgtHex(t, mgtICCID)}, Psmo{Kind: PsmoGetRAT})
	mgtEq(t, "built", AppendEuiccPackageRequest(nil, signed, q.EimSignature), in)
	// RSP-FACTS §3.3: the eIM signs DER(euiccPackageSigned) ‖ 84 L associationToken.
	mgtEq(t, "signed data", AppendSignedDataWithAssociationToken(nil, s.Raw, 0x0100), append(append([]byte{}, s.Raw...), 0x84, 0x02, 0x01, 0x00))
}

// TestEuiccPackageResultKnownAnswer checks a hand-encoded signed result
// following RSP-FACTS §2.7 (EuiccResultData: enableResult 83,
// processingTerminated universal 02; the result alternative gets [0] = A0).
func TestEuiccPackageResultKnownAnswer(t *testing.T) {
	in := mgtHex(t, "BF51 5B A0 59"+
		" 30 14 80 04 65696D31 81 01 05 83 01 07 30 06 83 01 00 02 01 03"+
		" 5F37 40 "+mgtSig)
	r, err := ParseEuiccPackageResult(in)
	if err != nil {
		t.Fatal(err)
	}
	d := r.ResultData
	if r.Kind != EuiccPackageResultSignedKind || string(d.EimID) != "eim1" || d.CounterValue != 5 || d.EimTransactionID != nil || d.SeqNumber != 7 {
		t.Errorf("fields %+v", d)
	}
	mgtEq(t, "signed raw", d.Raw, in[5:5+0x16])
	it := d.EuiccResults()
	x1, _ := it.Next()
	x2, _ := it.Next()
	if x1.Kind != ResultEnable || x1.EnableResult() != EnableProfileOk || x2.Kind != ResultProcessingTerminated ||
		x2.ProcessingTerminated() != ProcessingTerminatedInterruption {
		t.Errorf("results %+v %+v", x1, x2)
	}
	data := AppendEuiccPackageResultDataSigned(nil, &EuiccPackageResultDataSigned{EimID: []byte("eim1"), CounterValue: 5, SeqNumber: 7},
		EuiccResultData{Kind: ResultEnable, Code: 0}, EuiccResultData{Kind: ResultProcessingTerminated, Code: 3})
	mgtEq(t, "built", AppendEuiccPackageResultSigned(nil, data, r.Signature), in)
}

// TestEuiccPackageContents checks the decoded fields of the all-PSMO, all-eCO
// and all-results cases.
func TestEuiccPackageContents(t *testing.T) {
	cases := mgtSGP32Cases()
	q, err := ParseEuiccPackageRequest(cases[0].in)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []PsmoKind
	for p := range q.Signed.Psmos().All() {
		kinds = append(kinds, p.Kind)
		switch {
		case p.Kind == PsmoConfigureImmediateEnable && p.ImmediateEnableFlag:
			if !bytes.Equal(p.DefaultSmdpOid, []byte{0x2B, 6, 1}) || string(p.DefaultSmdpAddress) != "dp.example" {
				t.Errorf("configureImmediateEnable %+v", p)
			}
		case p.Kind == PsmoListProfileInfo:
			if p.ListProfileInfo.Search != ProfileSearchProfileClass || p.ListProfileInfo.ProfileClass != ProfileClassOperational {
				t.Errorf("listProfileInfo %+v", p.ListProfileInfo)
			}
		case p.Kind == PsmoSetDefaultDpAddress && string(p.DefaultDpAddress) != "dp.example":
			t.Errorf("setDefaultDpAddress %+v", p)
		}
	}
	want := []PsmoKind{PsmoEnable, PsmoEnable, PsmoDisable, PsmoDelete, PsmoListProfileInfo, PsmoGetRAT, PsmoConfigureImmediateEnable,
		PsmoConfigureImmediateEnable, PsmoSetFallbackAttribute, PsmoUnsetFallbackAttribute, PsmoSetDefaultDpAddress}
	if len(kinds) != len(want) {
		t.Fatalf("kinds %v", kinds)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Errorf("psmo %d: %v, want %v", i, kinds[i], want[i])
		}
	}

	q, err = ParseEuiccPackageRequest(cases[1].in)
	if err != nil {
		t.Fatal(err)
	}
	it := q.Signed.Ecos()
	add, _ := it.Next()
	del, _ := it.Next()
	upd, _ := it.Next()
	lst, _ := it.Next()
	c := add.EimConfigurationData
	if add.Kind != EcoAddEim || string(c.EimID) != "eim1" || string(c.EimFqdn) != "eim.example" || !c.HasEimIDType || c.EimIDType != EimIdTypeFqdn ||
		!c.HasCounterValue || c.CounterValue != 0 || !c.HasAssociationToken || c.AssociationToken != 256 ||
		c.EimPublicKeyData.Kind != EimKeyPublicKey || c.TrustedPublicKeyDataTLS.Kind != EimKeyCertificate ||
		!c.HasEimSupportedProtocol || c.EimSupportedProtocol != EimRetrieveHTTPS|EimInjectHTTPS || len(c.EuiccCiPKID) != 20 || !c.IndirectProfileDownload {
		t.Errorf("addEim %+v", c)
	}
	spki := c.EimPublicKeyData.AppendDER(nil)
	if spki[0] != 0x30 || !bytes.Equal(spki[2:], c.EimPublicKeyData.Contents) {
		t.Errorf("AppendDER %X", spki)
	}
	if del.Kind != EcoDeleteEim || string(del.EimID) != "eim2" || upd.Kind != EcoUpdateEim || upd.EimConfigurationData.CounterValue != 10 || lst.Kind != EcoListEim {
		t.Errorf("ecos %+v %+v %+v", del, upd, lst)
	}

	r, err := ParseEuiccPackageResult(cases[3].in)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for x := range r.ResultData.EuiccResults().All() {
		s := x.Kind.String()
		switch x.Kind {
		case ResultEnable:
			s += "=" + x.EnableResult().String()
		case ResultDelete:
			s += "=" + x.DeleteResult().String()
		case ResultAddEim:
			if x.IsError {
				s += "=" + x.AddEimResultCode().String()
			} else {
				s += "=token"
			}
		case ResultListEim:
			if x.IsError {
				s += "=" + x.ListEimError().String()
			} else {
				s += "=" + string(rune('0'+x.EimIDList().Len()))
			}
		case ResultListProfileInfo:
			if x.IsError {
				s += "=" + x.ProfileInfoList.Error.String()
			} else {
				pit := x.ProfileInfoList.ProfileInfos()
				p, _ := pit.Next()
				if !p.FallbackAttribute || !p.FallbackAllowed {
					t.Errorf("SGP.32 ProfileInfo members %+v", p)
				}
			}
		case ResultGetRAT:
			rit := x.RAT.Rules()
			rule, _ := rit.Next()
			oit := rule.Operators()
			op, _ := oit.Next()
			if rule.PprIds != Ppr1|Ppr2 || rule.PprFlags != PprConsentRequired || !bytes.Equal(op.MccMnc, []byte{0x26, 0xF0, 0x10}) {
				t.Errorf("rule %+v", rule)
			}
		case ResultUnsetFallbackAttribute:
			s += "=" + x.UnsetFallbackAttributeResult().String()
		case ResultProcessingTerminated:
			s += "=" + x.ProcessingTerminated().String()
		}
		got = append(got, s)
	}
	wantS := "enableResult=ok disableResult deleteResult=returnFallbackProfile listProfileInfoResult getRATResult configureImmediateEnableResult " +
		"addEimResult=token addEimResult=associatedEimAlreadyExists deleteEimResult updateEimResult listEimResult=2 listEimResult=undefinedError " +
		"rollbackResult setFallbackAttributeResult unsetFallbackAttributeResult=fallbackProfileEnabled setDefaultDpAddressResult " +
		"listProfileInfoResult=profileChangeOngoing processingTerminated=interruption"
	if g := strings.Join(got, " "); g != wantS {
		t.Errorf("results\n got %s\nwant %s", g, wantS)
	}
}

// TestSGP32Rejects lists malformed SGP.32 inputs.
func TestSGP32Rejects(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		only     func([]byte) error
	}{
		{"EID 15 bytes", mgtTLV("BF51", mgtTLV("30", mgtTLV("80", "41"), mgtTLV("5A", mgtEID[:30]), "810105", "A000"), mgtTLV("5F37", mgtSig)), nil},
		{"eimId empty", mgtTLV("BF51", mgtTLV("30", "8000", mgtTLV("5A", mgtEID), "810105", "A000"), mgtTLV("5F37", mgtSig)), nil},
		{"eimId 129 bytes", mgtTLV("BF51", mgtTLV("30", mgtTLV("80", strings.Repeat("41", 129)), mgtTLV("5A", mgtEID), "810105", "A000"), mgtTLV("5F37", mgtSig)), nil},
		{"eimTransactionId 17 bytes", mgtTLV("BF51", mgtTLV("30", mgtTLV("80", "41"), mgtTLV("5A", mgtEID), "810105", mgtTLV("82", strings.Repeat("00", 17)), "A000"), mgtTLV("5F37", mgtSig)), nil},
		{"package without list", mgtTLV("BF51", mgtTLV("30", mgtTLV("80", "41"), mgtTLV("5A", mgtEID), "810105"), mgtTLV("5F37", mgtSig)), nil},
		{"package unknown list", mgtTLV("BF51", mgtTLV("30", mgtTLV("80", "41"), mgtTLV("5A", mgtEID), "810105", "A200"), mgtTLV("5F37", mgtSig)), nil},
		{"unknown PSMO", mgtTLV("BF51", mgtSigned(mgtTLV("A0", "AC00")), mgtTLV("5F37", mgtSig)), nil},
		{"enable rollbackFlag with contents", mgtTLV("BF51", mgtSigned(mgtTLV("A0", mgtTLV("A3", mgtTLV("5A", mgtICCID), "050100"))), mgtTLV("5F37", mgtSig)), nil},
		{"disable without ICCID", mgtTLV("BF51", mgtSigned(mgtTLV("A0", "A400")), mgtTLV("5F37", mgtSig)), nil},
		{"configureImmediateEnable bad OID", mgtTLV("BF51", mgtSigned(mgtTLV("A0", mgtTLV("A7", mgtTLV("81", "2B86")))), mgtTLV("5F37", mgtSig)), nil},
		{"eCO in a psmoList", mgtTLV("BF51", mgtSigned(mgtTLV("A0", "AB00")), mgtTLV("5F37", mgtSig)), nil},
		{"eimPublicKeyData unknown alternative", mgtTLV("BF51", mgtSigned(mgtTLV("A1", mgtTLV("A8", mgtTLV("80", "41"), mgtTLV("A5", "A200")))), mgtTLV("5F37", mgtSig)), nil},
		{"eimPublicKeyData two alternatives", mgtTLV("BF51", mgtSigned(mgtTLV("A1", mgtTLV("A8", mgtTLV("80", "41"), mgtTLV("A5", "A000A100")))), mgtTLV("5F37", mgtSig)), nil},
		{"request without signature", mgtTLV("BF51", mgtSigned("A000")), nil},
		{"result two alternatives", mgtTLV("BF51", mgtTLV("A2", mgtTLV("80", "41")), mgtTLV("A2", mgtTLV("80", "41"))), nil},
		{"result unknown EuiccResultData", mgtTLV("BF51", mgtTLV("A0", mgtTLV("30", mgtTLV("80", "41"), "810105", "830107", mgtTLV("30", "8F0100")), mgtTLV("5F37", mgtSig))), nil},
		{"result seqNumber missing", mgtTLV("BF51", mgtTLV("A0", mgtTLV("30", mgtTLV("80", "41"), "810105", mgtTLV("30", "")), mgtTLV("5F37", mgtSig))), nil},
		{"addEimResult empty", mgtTLV("BF51", mgtTLV("A0", mgtTLV("30", mgtTLV("80", "41"), "810105", "830107", mgtTLV("30", "A800")), mgtTLV("5F37", mgtSig))), nil},
		{"error signed code tagged", mgtTLV("BF51", mgtTLV("A1", mgtTLV("30", mgtTLV("80", "41"), "810105", "830104"), mgtTLV("5F37", mgtSig))), nil},
		{"refreshFlag not a BOOLEAN", "BF5A 03 80 01 01", func(b []byte) error { _, err := ParseRefreshFlagRequest(b, TagImmediateEnable); return err }},
		{"EimAcknowledgements wrong element tag", "BF53 03 81 01 01", nil},
		{"AddInitialEimResponse element not NULL", "BF57 06 A0 04 05 01 00 00", nil},
		{"ProfileRollbackResponse cmdResult tagged", "BF58 03 80 01 00", func(b []byte) error { _, err := ParseProfileRollbackResponse(b); return err }},
	} {
		in := mgtHex(t, tc.in)
		if tc.only != nil {
			if err := tc.only(in); err == nil {
				t.Errorf("%s: accepted", tc.name)
			}
			continue
		}
		if n, err := mgtRebuildAll(in); n != 0 {
			t.Errorf("%s: accepted by %d parsers (%v)", tc.name, n, err)
		}
	}
}

// mgtBigProfileInfoList builds a ProfileInfoListResponse with n full entries.
func mgtBigProfileInfoList(tb testing.TB, n int) []byte {
	p, err := ParseProfileInfo(mgtHex(tb, mgtProfileInfoFull()))
	if err != nil {
		tb.Fatal(err)
	}
	infos := make([]ProfileInfo, n)
	for i := range infos {
		infos[i] = p
	}
	return AppendProfileInfoListResponse(nil, infos...)
}

// TestMgmtAllocs pins zero allocations for parsing and iterating a
// ProfileInfoListResponse and an EuiccPackageRequest with several PSMOs, and
// for building both into a buffer with enough capacity.
func TestMgmtAllocs(t *testing.T) {
	pil := mgtBigProfileInfoList(t, 8)
	pkg := mgtSGP32Cases()[0].in
	var sink int
	if a := testing.AllocsPerRun(100, func() {
		l, err := ParseProfileInfoListResponse(pil)
		if err != nil {
			panic(err)
		}
		it := l.ProfileInfos()
		for p, ok := it.Next(); ok; p, ok = it.Next() {
			sink += len(p.ProfileName)
			nc := p.NotificationConfigurations()
			for c, ok := nc.Next(); ok; c, ok = nc.Next() {
				sink += len(c.NotificationAddress)
			}
		}
	}); a != 0 {
		t.Errorf("ProfileInfoListResponse parse+iterate: %v allocs", a)
	}
	if a := testing.AllocsPerRun(100, func() {
		q, err := ParseEuiccPackageRequest(pkg)
		if err != nil {
			panic(err)
		}
		for p := range q.Signed.Psmos().All() {
			sink += len(p.ICCID)
		}
	}); a != 0 {
		t.Errorf("EuiccPackageRequest parse+iterate: %v allocs", a)
	}

	l, _ := ParseProfileInfoListResponse(pil)
	var infos []ProfileInfo
	for p := range l.ProfileInfos().All() {
		infos = append(infos, p)
	}
	q, _ := ParseEuiccPackageRequest(pkg)
	var psmos []Psmo
	for p := range q.Signed.Psmos().All() {
		psmos = append(psmos, p)
	}
	buf := make([]byte, 0, 1<<16)
	if a := testing.AllocsPerRun(100, func() {
		out := AppendProfileInfoListResponse(buf[:0], infos...)
		signed := AppendEuiccPackageSignedPsmos(out[len(out):], &q.Signed, psmos...)
		out = AppendEuiccPackageRequest(signed[len(signed):], signed, q.EimSignature)
		sink += len(out)
	}); a != 0 {
		t.Errorf("build: %v allocs", a)
	}
	if sink == 0 {
		t.Error("nothing read")
	}
}

// TestEuiccPackageSignatureSpans signs a package the way an eIM does (ECDSA
// P-256 over DER(euiccPackageSigned) ‖ 84 L associationToken, r‖s,
// RSP-FACTS §3.1, §3.3) and verifies it from the parsed view's raw spans:
// the view never needs a re-encoding.
func TestEuiccPackageSignatureSpans(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	hdr := EuiccPackageSigned{EimID: []byte("eim.example"), EID: mgtHex(t, mgtEID), CounterValue: 300}
	signed := AppendEuiccPackageSignedPsmos(nil, &hdr, Psmo{Kind: PsmoDisable, ICCID: mgtHex(t, mgtICCID)},
		Psmo{Kind: PsmoListProfileInfo, ListProfileInfo: ProfileInfoListRequest{Search: ProfileSearchICCID, ICCID: mgtHex(t, mgtICCID)}})
	const token = 0x7F01
	digest := sha256.Sum256(AppendSignedDataWithAssociationToken(nil, signed, token))
	r, s, err := ecdsa.Sign(rand.Reader, key, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	req := AppendEuiccPackageRequest(nil, signed, sig)

	q, err := ParseEuiccPackageRequest(req)
	if err != nil {
		t.Fatal(err)
	}
	d := sha256.Sum256(AppendSignedDataWithAssociationToken(nil, q.Signed.Raw, token))
	if !ecdsa.Verify(&key.PublicKey, d[:], new(big.Int).SetBytes(q.EimSignature[:32]), new(big.Int).SetBytes(q.EimSignature[32:])) {
		t.Fatal("signature over the view's raw span does not verify")
	}
	if q.Signed.CounterValue != 300 || q.Signed.Psmos().Len() != 2 {
		t.Errorf("view %+v", q.Signed)
	}
	// One flipped bit in the signed span must break it.
	bad := bytes.Clone(req)
	bad[bytes.Index(bad, []byte("eim.example"))] ^= 1
	q2, err := ParseEuiccPackageRequest(bad)
	if err != nil {
		t.Fatal(err)
	}
	d2 := sha256.Sum256(AppendSignedDataWithAssociationToken(nil, q2.Signed.Raw, token))
	if ecdsa.Verify(&key.PublicKey, d2[:], new(big.Int).SetBytes(q2.EimSignature[:32]), new(big.Int).SetBytes(q2.EimSignature[32:])) {
		t.Fatal("tampered package verifies")
	}
}

// TestMgmtBERMode checks the ParseXxxMode variants: BER accepts a long-form
// length, a non-FF TRUE and indefinite lengths that DER rejects, and the
// view's Raw is still the bytes as received.
func TestMgmtBERMode(t *testing.T) {
	for _, in := range []string{
		"BF31 81 11 A0 0C 5A 0A" + mgtICCID + " 81 01 FF",          // non-minimal length
		"BF31 11 A0 0C 5A 0A" + mgtICCID + " 81 01 01",             // TRUE as 01
		"BF31 80 A0 80 5A 0A" + mgtICCID + " 00 00 81 01 FF 00 00", // indefinite lengths
	} {
		b := mgtHex(t, in)
		if _, err := ParseEnableProfileRequest(b); err == nil {
			t.Errorf("%s: accepted in DER", in)
		}
		q, err := ParseEnableProfileRequestMode(b, asn1der.BER)
		if err != nil {
			t.Errorf("%s: BER: %v", in, err)
			continue
		}
		if !q.RefreshFlag || !bytes.Equal(q.ICCID, mgtHex(t, mgtICCID)) || !bytes.Equal(q.Raw, b) {
			t.Errorf("%s: %+v", in, q)
		}
	}
	// A ProfileInfo with fallbackAttribute FALSE encoded: rejected in DER,
	// kept (and rebuilt exactly) in BER.
	b := mgtHex(t, "E3 04 9F 26 01 00")
	p, err := ParseProfileInfoMode(b, asn1der.BER)
	if err != nil || p.FallbackAttribute {
		t.Fatalf("%+v %v", p, err)
	}
	mgtEq(t, "BER rebuild", AppendProfileInfo(nil, &p), b)
	mgtEq(t, "fresh build omits the DEFAULT", AppendProfileInfo(nil, &ProfileInfo{}), []byte{0xE3, 0})
}

// TestIpaEuiccDataFields checks the decoded members of the IPA data cases.
func TestIpaEuiccDataFields(t *testing.T) {
	cases := map[string][]byte{}
	for _, tc := range mgtSGP32Cases() {
		cases[tc.name] = tc.in
	}
	q, err := ParseIpaEuiccDataRequest(cases["IpaEuiccDataRequest"])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(q.TagList, []byte{0xBF, 0x20, 0x81, 0xA0}) || !bytes.Equal(q.EuiccCiPKIdentifierToBeUsed, []byte{0xF5}) ||
		q.NotificationSearch != NotificationSearchSeqNumber || q.NotificationSeqNumber != 1 || !q.HasEuiccPackageResultSearch ||
		q.EuiccPackageResultSeqNumber != 2 || !bytes.Equal(q.EimTransactionID, []byte{9}) {
		t.Errorf("request %+v", q)
	}
	r, err := ParseIpaEuiccDataResponse(cases["IpaEuiccDataResponse"])
	if err != nil {
		t.Fatal(err)
	}
	d := r.Data
	pit := d.Notifications()
	p, _ := pit.Next()
	rit := d.EuiccPackageResults()
	x, _ := rit.Next()
	if r.IsError || p.Kind != PendingProfileInstallationResult || p.Metadata.SeqNumber != 1 || x.Kind != EuiccPackageErrorUnsignedKind ||
		string(d.DefaultSmdpAddress) != "dp.example" || string(d.RootSmdsAddress) != "ds.example" || !d.HasAssociationToken ||
		d.AssociationToken != 5 || !bytes.Equal(d.EumCertificate, []byte{2, 1, 1}) || len(d.EuiccInfo1) != 3 || d.DeviceInfo == nil {
		t.Errorf("response %+v", d)
	}
	r, err = ParseIpaEuiccDataResponse(cases["IpaEuiccDataResponse error"])
	if err != nil || !r.IsError || r.ErrorCode != IpaEuiccDataErrorEcallActive || !bytes.Equal(r.ErrorEimTransactionID, []byte{1}) {
		t.Errorf("error %+v %v", r, err)
	}
	g, err := ParseProfileDownloadTriggerRequest(cases["ProfileDownloadTriggerRequest AC"])
	if err != nil || g.Kind != ProfileDownloadActivationCode || string(g.ActivationCode) != "1$smdp.example$ABC" || !bytes.Equal(g.EimTransactionID, []byte{7}) {
		t.Errorf("trigger %+v %v", g, err)
	}
	res, err := ParseProfileDownloadTriggerResult(cases["ProfileDownloadTriggerResult"])
	if err != nil || res.IsError || res.ProfileInstallationResult.Err() != nil || !bytes.Equal(res.EimTransactionID, []byte{7}) {
		t.Errorf("trigger result %+v %v", res, err)
	}
	res, err = ParseProfileDownloadTriggerResult(cases["ProfileDownloadTriggerResult error"])
	if err != nil || !res.IsError || res.ErrorReason != ProfileDownloadErrorEcallActive || !bytes.Equal(res.ErrorResponse, []byte{0x6A, 0x88}) {
		t.Errorf("trigger error %+v %v", res, err)
	}
	for _, bad := range []string{
		"BF52 00",                   // tagList missing
		"BF52 05 5C 00 A1 01 00",    // A1 primitive content
		"BF52 06 5C 00 A2 02 81 00", // wrong criterion
		"BF54 05 A0 03 81 01 00",    // NULL with contents
		"BF54 05 A0 03 83 01 00",    // unknown ProfileDownloadData
		"BF54 04 82 02 01 02",       // result without data (accepted as a request, so check the result parser)
	} {
		b := mgtHex(t, bad)
		_, e1 := ParseIpaEuiccDataRequest(b)
		_, e2 := ParseProfileDownloadTriggerRequest(b)
		_, e3 := ParseProfileDownloadTriggerResult(b)
		if b[1] == 0x52 && e1 == nil || b[1] == 0x54 && b[3] == 0xA0 && e2 == nil || e3 == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

// TestEuiccPackageResultSignatureSpans signs a result the way the eUICC does
// (euiccSignEPR over DER(euiccPackageResultDataSigned) ‖ 84 L
// associationToken, RSP-FACTS §3.3, v1.1+) and verifies it from the view.
func TestEuiccPackageResultSignatureSpans(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	data := AppendEuiccPackageResultDataSigned(nil, &EuiccPackageResultDataSigned{EimID: []byte("eim.example"), CounterValue: 8, SeqNumber: 3},
		EuiccResultData{Kind: ResultDisable, Code: int64(DisableProfileDisallowedByPolicy)})
	const token = 1
	digest := sha256.Sum256(AppendSignedDataWithAssociationToken(nil, data, token))
	r, s, err := ecdsa.Sign(rand.Reader, key, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	res, err := ParseEuiccPackageResult(AppendEuiccPackageResultSigned(nil, data, sig))
	if err != nil {
		t.Fatal(err)
	}
	d := sha256.Sum256(AppendSignedDataWithAssociationToken(nil, res.ResultData.Raw, token))
	if !ecdsa.Verify(&key.PublicKey, d[:], new(big.Int).SetBytes(res.Signature[:32]), new(big.Int).SetBytes(res.Signature[32:])) {
		t.Fatal("euiccSignEPR over the view's raw span does not verify")
	}
	it := res.ResultData.EuiccResults()
	x, _ := it.Next()
	if x.Kind != ResultDisable || x.DisableResult() != DisableProfileDisallowedByPolicy || res.ResultData.SeqNumber != 3 {
		t.Errorf("result %+v", x)
	}
	// The error alternative, signed the same way.
	errData := AppendEuiccPackageErrorDataSigned(nil, &EuiccPackageErrorDataSigned{EimID: []byte("eim.example"), CounterValue: 8,
		EuiccPackageErrorCode: EuiccPackageErrorReplayError})
	e, err := ParseEuiccPackageResult(AppendEuiccPackageErrorSigned(nil, errData, sig))
	if err != nil || e.Kind != EuiccPackageErrorSignedKind || e.ErrorData.EuiccPackageErrorCode != EuiccPackageErrorReplayError ||
		!bytes.Equal(e.ErrorData.Raw, errData) {
		t.Errorf("error result %+v %v", e, err)
	}
}
