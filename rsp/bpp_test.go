package rsp

import (
	"bytes"
	"errors"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
)

func TestBoundProfilePackageSession(t *testing.T) {
	b := rspSession(t, "bound-profile-package.der")
	tid := rspSession(t, "transaction-id.bin")
	x, err := ParseBoundProfilePackage(b)
	if err != nil {
		t.Fatal(err)
	}
	is := &x.InitialiseSecureChannelRequest
	crt := &is.ControlRefTemplate
	// README: hostId is the ASCII string euicc-rsp; RSP-FACTS §4.5: keyType 88, keyLen 10, remoteOpId 1.
	if is.RemoteOpID != 1 || !bytes.Equal(crt.KeyType, []byte{0x88}) || !bytes.Equal(crt.KeyLen, []byte{0x10}) || string(crt.HostID) != "euicc-rsp" {
		t.Fatalf("ISCR %+v", is)
	}
	rspEqual(t, "transactionId", is.TransactionID, tid)
	if len(is.SmdpOtpk) != 65 || is.SmdpOtpk[0] != 4 {
		t.Fatalf("smdpOtpk %X", is.SmdpOtpk)
	}
	if x.FirstSequenceOf87.Count != 1 || x.SequenceOf88.Count != 1 || x.SecondSequenceOf87.Present() || x.SequenceOf86.Count != 1 {
		t.Fatalf("segment counts %d %d %v %d", x.FirstSequenceOf87.Count, x.SequenceOf88.Count, x.SecondSequenceOf87.Present(), x.SequenceOf86.Count)
	}
	// smdpSign covers the BF23 members before it ‖ 5F49 euiccOtpk (RSP-FACTS
	// §3.2), signed with CERT.DPpb's key.
	pdr, err := ParsePrepareDownloadResponse(rspSession(t, "prepare-download-response.der"))
	if err != nil {
		t.Fatal(err)
	}
	ac, err := ParseAuthenticateClientResponse(rspSession(t, "authenticate-response.der"))
	if err != nil {
		t.Fatal(err)
	}
	rspVerify(t, ac.Ok.SmdpCertificateRaw, is.AppendSmdpSignInput(nil, pdr.Ok.EuiccSigned2.EuiccOtpk), is.SmdpSign)
	rspEqual(t, "signed part builder", AppendISCRSignedPart(nil, is), is.SignedPart)
	rspEqual(t, "ISCR rebuild", AppendInitialiseSecureChannelRequest(nil, is), is.Raw)
	rspEqual(t, "rebuild", AppendBoundProfilePackage(nil, &x), b)
	if y, err := ParseInitialiseSecureChannelRequest(is.Raw); err != nil || !bytes.Equal(y.SignedPart, is.SignedPart) {
		t.Fatalf("standalone ISCR: %v", err)
	}
	rspEqual(t, "first segment", x.FirstSegment(), b[:len(x.Header)+len(is.Raw)])

	g := AppendGetBoundProfilePackageOk(nil, tid, b)
	r, err := ParseGetBoundProfilePackageResponse(g)
	if err != nil || !r.IsOk || !bytes.Equal(r.BoundProfilePackage.Raw, b) || !bytes.Equal(r.TransactionID, tid) {
		t.Fatalf("GBPP response: %v", err)
	}
	rspEqual(t, "GBPP rebuild", AppendGetBoundProfilePackageResponse(nil, &r), g)
}

// The four real BPPs split into exactly the LPA segments of their sbpp@N.txt
// (RSP-FACTS §4.5; fixtures from damonto/euicc-go, see PROVENANCE.md).
func TestBoundProfilePackageReal(t *testing.T) {
	want86 := map[int]int{1: 3, 2: 2, 3: 8, 4: 7}
	for n := 1; n <= 4; n++ {
		b, segs := rspBPPReal(t, n)
		x, err := ParseBoundProfilePackage(b)
		if err != nil {
			t.Fatalf("bpp@%d: %v", n, err)
		}
		got := [][]byte{x.FirstSegment(), x.FirstSequenceOf87.Raw, x.SequenceOf88.Header}
		for s := range x.SequenceOf88.All() {
			got = append(got, s.Raw)
		}
		if x.SecondSequenceOf87.Present() {
			got = append(got, x.SecondSequenceOf87.Raw)
		}
		got = append(got, x.SequenceOf86.Header)
		n86 := 0
		for s := range x.SequenceOf86.All() {
			if s.Tag != 0x86 {
				t.Fatalf("bpp@%d: segment tag %v", n, s.Tag)
			}
			got = append(got, s.Raw)
			n86++
		}
		if n86 != x.SequenceOf86.Count || n86 != want86[n] {
			t.Fatalf("bpp@%d: %d 86 segments (count %d), want %d", n, n86, x.SequenceOf86.Count, want86[n])
		}
		if len(got) != len(segs) {
			t.Fatalf("bpp@%d: %d segments, sbpp has %d", n, len(got), len(segs))
		}
		for i := range got {
			rspEqual(t, "segment", got[i], segs[i])
		}
		if l := len(x.InitialiseSecureChannelRequest.TransactionID); l != 16 && l != 8 {
			t.Fatalf("bpp@%d: transactionId of %d bytes", n, l)
		}
		if h := len(x.InitialiseSecureChannelRequest.ControlRefTemplate.HostID); h < 12 || h > 16 {
			t.Fatalf("bpp@%d: hostId of %d bytes", n, h)
		}
		rspEqual(t, "rebuild", AppendBoundProfilePackage(nil, &x), b)
	}
}

func TestStoreMetadataSession(t *testing.T) {
	b := rspSession(t, "store-metadata.der")
	x, err := ParseStoreMetadataRequest(b)
	if err != nil {
		t.Fatal(err)
	}
	// ICCID as coded in EFiccid (nibble-swapped 89000123456789012341).
	rspEqual(t, "iccid", x.ICCID, []byte{0x98, 0x00, 0x10, 0x32, 0x54, 0x76, 0x98, 0x10, 0x32, 0x14})
	if string(x.ServiceProviderName) != "euicc-rsp" || string(x.ProfileName) != "euicc-rsp test profile" || x.Class() != ProfileClassOperational || x.HasProfileClass {
		t.Fatalf("metadata %q %q %d", x.ServiceProviderName, x.ProfileName, x.ProfileClass)
	}
	rspEqual(t, "rebuild", AppendStoreMetadataRequest(nil, &x), b)
}

func TestStoreMetadataFull(t *testing.T) {
	nci := asn1der.AppendTLV(nil, asn1der.TagSequence, append(asn1der.AppendNamedBits(nil, 0x80, 1), asn1der.AppendString(nil, 0x81, "notif.example.com")...))
	x := StoreMetadataRequest{
		ICCID:                         bytes.Repeat([]byte{0x98}, 10),
		ServiceProviderName:           []byte("Op"),
		ProfileName:                   []byte("Profile"),
		IconType:                      1,
		HasIconType:                   true,
		Icon:                          []byte{0x89, 'P', 'N', 'G'},
		ProfileClass:                  ProfileClassTest,
		HasProfileClass:               true,
		NotificationConfigurationInfo: SegmentList{Raw: []byte{}, Contents: nci},
		ProfileOwnerMccMnc:            []byte{0x21, 0xF3, 0x54},
		ProfileOwnerGid1:              []byte{0x01},
		ProfilePolicyRules:            asn1der.BitString{Bytes: []byte{0x40}, Unused: 6},
		HasProfilePolicyRules:         true,
		EcallIndication:               true,
		HasEcallIndication:            true,
		FallbackAllowed:               false,
		HasFallbackAllowed:            true,
	}
	b := AppendStoreMetadataRequest(nil, &x)
	y, err := ParseStoreMetadataRequest(b)
	if err != nil {
		t.Fatal(err)
	}
	if y.Class() != ProfileClassTest || !y.HasIconType || y.IconType != 1 || !bytes.Equal(y.Icon, x.Icon) ||
		y.NotificationConfigurationInfo.Count != 1 || !bytes.Equal(y.ProfileOwnerGid1, []byte{1}) || y.ProfileOwnerGid2 != nil ||
		!y.ProfilePolicyRules.Has(1) || !y.HasEcallIndication || !y.EcallIndication || !y.HasFallbackAllowed || y.FallbackAllowed {
		t.Fatalf("round trip %+v", y)
	}
	if o, ok := y.ProfileOwner(); !ok || !bytes.Equal(o.MccMnc, []byte{0x21, 0xF3, 0x54}) || y.PPRs() != Ppr1 {
		t.Fatalf("profileOwner %+v, PPRs %v", o, y.PPRs())
	}
	nn := 0
	for n, err := range y.NotificationConfigurations() {
		if err != nil || n.ProfileManagementOperation != NotificationInstall || string(n.NotificationAddress) != "notif.example.com" {
			t.Fatalf("notificationConfigurationInfo %+v %v", n, err)
		}
		nn++
	}
	if nn != 1 {
		t.Fatalf("%d notification configurations", nn)
	}
	// SGP.32 members in order ecallIndication 9F7B, fallbackAllowed 9F67 (RSP-FACTS §2.4.4).
	if !bytes.HasSuffix(b, []byte{0x9F, 0x7B, 0x01, 0xFF, 0x9F, 0x67, 0x01, 0x00}) {
		t.Fatalf("SGP.32 members: %X", b)
	}
	rspEqual(t, "rebuild", AppendStoreMetadataRequest(nil, &y), b)

	// profileClass operational is the DEFAULT: omitted by the builder, and
	// rejected when present in DER but accepted in BER.
	x.ProfileClass = ProfileClassOperational
	b = AppendStoreMetadataRequest(nil, &x)
	if bytes.Contains(b, []byte{0x95, 0x01}) {
		t.Fatal("DEFAULT profileClass encoded")
	}
	withDefault := StoreMetadataRequest{ICCID: x.ICCID, ServiceProviderName: []byte{}, ProfileName: []byte{}}
	wb := AppendStoreMetadataRequest(nil, &withDefault)
	wb = append(wb[:len(wb):len(wb)], 0x95, 0x01, 0x02)
	wb[2] += 3
	// A repeated member is not an extension.
	if _, err := ParseStoreMetadataRequestMode(append(wb[:len(wb):len(wb)], 0x95, 0x01, 0x00)[:0], asn1der.BER); err == nil {
		t.Fatal("empty input accepted")
	}
	dup := append(append([]byte(nil), wb...), 0x95, 0x01, 0x00)
	dup[2] += 3
	if _, err := ParseStoreMetadataRequestMode(dup, asn1der.BER); !errors.Is(err, &asn1der.Error{Rule: asn1der.RuleUnexpectedTag}) {
		t.Fatalf("repeated profileClass: %v", err)
	}
	if _, err := ParseStoreMetadataRequest(wb); !errors.Is(err, &asn1der.Error{Rule: asn1der.RuleBadValue}) {
		t.Fatalf("DER accepted an explicit DEFAULT: %v", err)
	}
	if y, err := ParseStoreMetadataRequestMode(wb, asn1der.BER); err != nil || y.Class() != ProfileClassOperational {
		t.Fatalf("BER: %v", err)
	}
}

func TestConfigureISDPAndRSK(t *testing.T) {
	// RSP-FACTS §4.6: ConfigureISDP BF24 00 and ReplaceSessionKeys
	// BF26 36 8010 000102…0F 8110 0101…0F 8210 0201…0F.
	c, err := ParseConfigureISDPRequest([]byte{0xBF, 0x24, 0x00})
	if err != nil || c.DpProprietaryDataRaw != nil {
		t.Fatalf("BF24 00: %v", err)
	}
	rspEqual(t, "BF24 00", AppendConfigureISDPRequest(nil, &c), []byte{0xBF, 0x24, 0x00})
	c = ConfigureISDPRequest{DpOid: asn1der.OID("2.999.10")}
	cb := AppendConfigureISDPRequest(nil, &c)
	c2, err := ParseConfigureISDPRequest(cb)
	if err != nil || !bytes.Equal(c2.DpOid, c.DpOid) {
		t.Fatalf("dpOid: %v", err)
	}
	var mcv, enc, mac [16]byte
	for i := range mcv {
		mcv[i], enc[i], mac[i] = byte(i), byte(i), byte(i)
	}
	enc[0], mac[0] = 1, 2
	rb := AppendReplaceSessionKeysRequest(nil, mcv[:], enc[:], mac[:])
	want := append([]byte{0xBF, 0x26, 0x36, 0x80, 0x10}, mcv[:]...)
	want = append(append(want, 0x81, 0x10), enc[:]...)
	want = append(append(want, 0x82, 0x10), mac[:]...)
	rspEqual(t, "RSK", rb, want)
	r, err := ParseReplaceSessionKeysRequestMode(rb, asn1der.BER)
	if err != nil || !bytes.Equal(r.PpkCmac, mac[:]) || !bytes.Equal(r.InitialMacChainingValue, mcv[:]) {
		t.Fatalf("RSK: %v", err)
	}
}

func TestConfigureISDPDpOidTag(t *testing.T) {
	// Known answer derived by hand from RSPDefinitions (SGP.22 v2.5):
	// ConfigureISDPRequest ::= [APPLICATION 36] SEQUENCE { dpProprietaryData
	// [24] DpProprietaryData OPTIONAL } and DpProprietaryData ::= SEQUENCE {
	// dpOid OBJECT IDENTIFIER } under AUTOMATIC TAGS, so dpOid is [0]
	// IMPLICIT (80). OID 2.999.10 is 88 37 0A (X.690 §8.19).
	want := []byte{0xBF, 0x24, 0x07, 0xB8, 0x05, 0x80, 0x03, 0x88, 0x37, 0x0A}
	c := ConfigureISDPRequest{DpOid: asn1der.OID("2.999.10")}
	rspEqual(t, "ConfigureISDP dpOid 80", AppendConfigureISDPRequest(nil, &c), want)
	for _, m := range []asn1der.Mode{asn1der.DER, asn1der.BER} {
		got, err := ParseConfigureISDPRequestMode(want, m)
		if err != nil || !bytes.Equal(got.DpOid, []byte{0x88, 0x37, 0x0A}) || !bytes.Equal(got.DpProprietaryDataRaw, want[3:]) {
			t.Fatalf("mode %v: %+v %v", m, got, err)
		}
	}
	// The same with a universal 06 dpOid: refused in DER, accepted in BER
	// (interoperability, see ConfigureISDPRequest).
	univ := []byte{0xBF, 0x24, 0x07, 0xB8, 0x05, 0x06, 0x03, 0x88, 0x37, 0x0A}
	if _, err := ParseConfigureISDPRequest(univ); !errors.Is(err, &asn1der.Error{Rule: asn1der.RuleUnexpectedTag}) {
		t.Fatalf("DER accepted dpOid 06: %v", err)
	}
	if got, err := ParseConfigureISDPRequestMode(univ, asn1der.BER); err != nil || !bytes.Equal(got.DpOid, []byte{0x88, 0x37, 0x0A}) {
		t.Fatalf("BER dpOid 06: %+v %v", got, err)
	}
	// ProfileInfo (E3) carries the same DpProprietaryData; both parsers agree
	// on the tag.
	pi := []byte{0xE3, 0x07, 0xB8, 0x05, 0x80, 0x03, 0x88, 0x37, 0x0A}
	p, err := ParseProfileInfo(pi)
	if err != nil || !bytes.Equal(p.DpOid, []byte{0x88, 0x37, 0x0A}) {
		t.Fatalf("ProfileInfo dpOid 80: %+v %v", p, err)
	}
	rspEqual(t, "AppendDpProprietaryData", AppendDpProprietaryData(nil, p.DpOid), want[3:])
	piU := []byte{0xE3, 0x07, 0xB8, 0x05, 0x06, 0x03, 0x88, 0x37, 0x0A}
	if _, err := ParseProfileInfo(piU); err == nil {
		t.Fatal("ProfileInfo DER accepted dpOid 06")
	}
	if p, err := ParseProfileInfoMode(piU, asn1der.BER); err != nil || !bytes.Equal(p.DpOid, []byte{0x88, 0x37, 0x0A}) {
		t.Fatalf("ProfileInfo BER dpOid 06: %+v %v", p, err)
	}
}
