package main

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/rsp"
)

// sharedDir is the shared test data, relative to this package (depth 2).
const sharedDir = "../../../shared/testdata"

func needShared(t *testing.T, sub string) string {
	t.Helper()
	p := filepath.Join(sharedDir, sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not present (shared test data is kept outside the repository): %v", p, err)
	}
	return p
}

// runDumpOn runs `rspengine dump args...` with in on stdin.
func runDumpOn(t testing.TB, in []byte, args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(append([]string{"dump"}, args...), bytes.NewReader(in), &o, &e)
	return code, o.String(), e.String()
}

func mustContain(t *testing.T, what, out string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(out, w) {
			t.Errorf("%s: output lacks %q", what, w)
		}
	}
}

// TestDumpSessionFiles dumps every message of the shared deterministic
// session (shared/testdata/session, see its README.md) and checks that the
// names and values the README and RSP-FACTS give appear in their context.
func TestDumpSessionFiles(t *testing.T) {
	dir := needShared(t, "session")
	want := map[string][]string{
		"auth-server-response.der": {"AuthenticateServer (AuthenticateServerResponse)", "authenticateResponseOk (AuthenticateResponseOk)",
			"euiccSigned1 (EuiccSigned1)", `serverAddress: "smdp.example.com"`, "euiccInfo2 (EUICCInfo2)", "euiccSignature1:",
			"euiccCertificate (Certificate)", "eumCertificate (Certificate)", "tbsCertificate (TBSCertificate)",
			`"89049032123451234512345678901235"`, "2.23.146.1.2.1.1 (id-rspRole-euicc)", "2.23.146.1.2.1.2 (id-rspRole-eum)",
			"deviceInfo (DeviceInfo)", "profileVersion (VersionType): 2.2.0"},
		"authenticate-response.der": {"AuthenticateClient (AuthenticateClientResponseEs9)", "authenticateClientOk (AuthenticateClientOk)",
			"profileMetaData (StoreMetadataRequest)", "smdpSigned2 (SmdpSigned2)", "ccRequiredFlag: false", "smdpSignature2:",
			"smdpCertificate (Certificate)", "2.23.146.1.2.1.5 (id-rspRole-dp-pb)"},
		"bound-profile-package.der": {"BoundProfilePackage", "initialiseSecureChannelRequest (InitialiseSecureChannelRequest)",
			"remoteOpId (RemoteOpId): 1 (installBoundProfilePackage)", "controlRefTemplate (ControlRefTemplate)",
			`hostId: 65756963632D727370 "euicc-rsp"`, "smdpOtpk:", "smdpSign:", "firstSequenceOf87", "sequenceOf88", "sequenceOf86"},
		"euicc-info1.der": {"EUICCInfo1", "svn (VersionType): 2.0.0", "euiccCiPKIdListForVerification", "euiccCiPKIdListForSigning"},
		"initiate-response.der": {"InitiateAuthenticationOkEs9", "transactionId: 0102030405060708090A0B0C0D0E0F10",
			"serverSigned1 (ServerSigned1)", "euiccChallenge:", "serverChallenge:", "serverSignature1:",
			"euiccCiPKIdToBeUsed (SubjectKeyIdentifier): F54172BDF98A95D65CBEB88A38A1C11D800A85C3", "serverCertificate (Certificate)",
			"2.23.146.1.2.1.4 (id-rspRole-dp-auth)"},
		"pending-notification.der": {"ProfileInstallationResult", "profileInstallationResultData (ProfileInstallationResultData)",
			"notificationMetadata (NotificationMetadata)", "profileManagementOperation (NotificationEvent): {notificationInstall}",
			`notificationAddress: "smdp.example.com"`, "iccid (Iccid): 89000123456789012341", "finalResult", "successResult (SuccessResult)",
			"euiccSignPIR:"},
		"prepare-download-response.der": {"PrepareDownload (PrepareDownloadResponse)", "downloadResponseOk (PrepareDownloadResponseOk)",
			"euiccSigned2 (EUICCSigned2)", "euiccOtpk:", "euiccSignature2:"},
		"store-metadata.der": {"StoreMetadataRequest", "iccid (Iccid): 89000123456789012341", `serviceProviderName: "euicc-rsp"`,
			`profileName: "euicc-rsp test profile"`},
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.der"))
	if len(files) < len(want) {
		t.Fatalf("found %d session files, want at least %d", len(files), len(want))
	}
	for _, p := range files {
		base := filepath.Base(p)
		code, out, errOut := runDumpOn(t, nil, p)
		if base == "upp.der" {
			// session/README.md: "a 24-byte dummy, not a real SAIP package"
			// (the ASCII text "the-uicc-profile-fixture"): not DER.
			if code != 1 || !strings.Contains(errOut, "offset") {
				t.Errorf("upp.der: exit %d, stderr %q; want 1 with an offset", code, errOut)
			}
			continue
		}
		if code != 0 || errOut != "" {
			t.Errorf("%s: exit %d, stderr %q", base, code, errOut)
			continue
		}
		w, ok := want[base]
		if !ok {
			t.Errorf("%s: no expectations for this file; add them", base)
		}
		mustContain(t, base, out, w...)
		checkOffsets(t, base, out, p)
	}
}

var lineRE = regexp.MustCompile(`^ *(\d+)  ( *)([0-9A-F]+) \((\d+)\)`)

// checkOffsets verifies every printed line against the input bytes: at the
// printed offset there must be the printed tag with the printed length.
func checkOffsets(t *testing.T, what, out, path string) {
	t.Helper()
	in, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		m := lineRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n++
		off, _ := strconv.Atoi(m[1])
		l, _ := strconv.Atoi(m[4])
		tag, _ := hex.DecodeString(m[3])
		if off+len(tag) > len(in) || !bytes.Equal(in[off:off+len(tag)], tag) {
			t.Fatalf("%s: line %q: input at %d is not tag %s", what, line, off, m[3])
		}
		r := asn1der.NewReader(in[off:])
		v, err := r.Next()
		if err != nil || len(v.Value) != l {
			t.Fatalf("%s: line %q: TLV at %d has length %d (%v)", what, line, off, len(v.Value), err)
		}
	}
	if n == 0 {
		t.Fatalf("%s: no TLV lines", what)
	}
}

// TestDumpCertificates dumps SGP.26 test certificates (shared/testdata/sgp26,
// PROVENANCE.md): role OIDs, curves, the EID in the eUICC subject.
func TestDumpCertificates(t *testing.T) {
	dir := needShared(t, "sgp26")
	cases := []struct {
		file  string
		wants []string
	}{
		{"eUICC/CERT_EUICC_ECDSA_NIST.der", []string{"Certificate", "tbsCertificate (TBSCertificate)", "version (Version): 2 (v3)",
			"serialNumber:", "signature (AlgorithmIdentifier)", "issuer (Name)", "validity (Validity)", "subject (Name)",
			"subjectPublicKeyInfo (SubjectPublicKeyInfo)", "1.2.840.10045.3.1.7 (prime256v1)", "2.5.4.5 (serialNumber)",
			`"89049032123451234512345678901235"`, "2.23.146.1.2.1.1 (id-rspRole-euicc)", "keyUsage (KeyUsage): {digitalSignature}",
			"[contains DER]", "signatureAlgorithm (AlgorithmIdentifier)", "1.2.840.10045.4.3.2 (ecdsa-with-SHA256)", "signatureValue"}},
		{"eUICC/CERT_EUICC_ECDSA_BRP.der", []string{"1.3.36.3.3.2.8.1.1.7 (brainpoolP256r1)", `"89049032123451234512345678901235"`}},
		{"CertificateIssuer/CERT_CI_ECDSA_NIST.der", []string{"2.23.146.1.2.1.0 (id-rspRole-ci)", "keyCertSign", "cRLSign",
			"2.5.29.19 (basicConstraints)", "subjectKeyIdentifier: F54172BDF98A95D65CBEB88A38A1C11D800A85C3"}},
		{"EUM/CERT_EUM_ECDSA_NIST.der", []string{"2.23.146.1.2.1.2 (id-rspRole-eum)", "2.5.29.30 (nameConstraints)"}},
		{"DPauth/CERT_S_SM_DPauth_ECDSA_NIST.der", []string{"2.23.146.1.2.1.4 (id-rspRole-dp-auth)"}},
		{"DPpb/CERT_S_SM_DPpb_ECDSA_NIST.der", []string{"2.23.146.1.2.1.5 (id-rspRole-dp-pb)"}},
	}
	for _, c := range cases {
		p := filepath.Join(dir, c.file)
		code, out, errOut := runDumpOn(t, nil, p)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", c.file, code, errOut)
			continue
		}
		mustContain(t, c.file, out, c.wants...)
		checkOffsets(t, c.file, out, p)
	}
}

// TestDumpTextEncodings feeds one message as binary, hex (upper, lower, with
// spaces, colons, newlines) and base64 (std and URL, padded and not) on stdin
// and as a file: the output must be identical.
func TestDumpTextEncodings(t *testing.T) {
	msg := selfBuiltMessages()["EuiccPackageRequest"]
	if p := filepath.Join(sharedDir, "session", "auth-server-response.der"); fileExists(p) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		msg = b
	}
	code, ref, errOut := runDumpOn(t, msg, "-")
	if code != 0 || ref == "" {
		t.Fatalf("binary: exit %d: %s", code, errOut)
	}
	h := hex.EncodeToString(msg)
	var spaced, colons strings.Builder
	for i := 0; i < len(h); i += 2 {
		if i > 0 && i%64 == 0 {
			spaced.WriteString("\n")
		} else if i > 0 {
			spaced.WriteString(" ")
			colons.WriteString(":")
		}
		spaced.WriteString(h[i : i+2])
		colons.WriteString(strings.ToUpper(h[i : i+2]))
	}
	std := base64.StdEncoding.EncodeToString(msg)
	var wrapped strings.Builder
	for i := 0; i < len(std); i += 76 {
		wrapped.WriteString(std[i:min(i+76, len(std))] + "\r\n")
	}
	inputs := map[string]string{
		"hex lower":         h,
		"hex upper newline": strings.ToUpper(h) + "\n",
		"hex spaced":        spaced.String(),
		"hex colons":        colons.String(),
		"base64 std":        std,
		"base64 wrapped":    wrapped.String(),
		"base64 raw":        base64.RawStdEncoding.EncodeToString(msg),
		"base64 url":        base64.URLEncoding.EncodeToString(msg),
		"base64 url raw":    base64.RawURLEncoding.EncodeToString(msg),
	}
	for name, in := range inputs {
		code, out, errOut := runDumpOn(t, []byte(in))
		if code != 0 || out != ref {
			t.Errorf("%s: exit %d (%s); output differs from binary:\n%s", name, code, errOut, out)
		}
	}
	// The same through a file argument.
	p := filepath.Join(t.TempDir(), "msg.b64")
	if err := os.WriteFile(p, []byte(std), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := runDumpOn(t, nil, p); code != 0 || out != ref {
		t.Errorf("base64 file: exit %d, output differs", code)
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// TestDumpRealBPPs dumps the four real Bound Profile Packages (base64,
// shared/testdata/bpp-real, PROVENANCE.md).
func TestDumpRealBPPs(t *testing.T) {
	dir := needShared(t, "bpp-real")
	for i := 1; i <= 4; i++ {
		p := filepath.Join(dir, "bpp@"+string(rune('0'+i))+".txt")
		code, out, errOut := runDumpOn(t, nil, p)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", p, code, errOut)
			continue
		}
		mustContain(t, p, out, "BoundProfilePackage", "initialiseSecureChannelRequest (InitialiseSecureChannelRequest)",
			"remoteOpId (RemoteOpId): 1 (installBoundProfilePackage)", "controlRefTemplate (ControlRefTemplate)", "hostId:",
			"firstSequenceOf87", "sequenceOf88", "sequenceOf86", "profile element segment (86)", "... (")
	}
}

// TestDumpMalformed: truncated and corrupted input exits 1 with the byte
// offset and the rule in the message, after printing the tree up to there.
func TestDumpMalformed(t *testing.T) {
	// Known answers on hand-made bytes (X.690 §8.1.3: the length octets).
	cases := []struct {
		name, hexIn string
		wantErr     string
		wantOut     []string
	}{
		{"inner value too long", "BF3805A003800500", "offset 5: value or header runs past the end of the input (tag 80)",
			[]string{"BF38 (5)  AuthenticateServer", "A0 (3)  authenticateResponseOk"}},
		{"non-minimal length", "BF2E0480820001", "offset 3: length not minimally encoded (tag 80) (BER; try -ber)", []string{"BF2E (4)"}},
		{"indefinite length", "BF38800000", "offset 0: indefinite length not allowed (tag BF38)", nil},
		{"trailing garbage after a TLV", "BF20000000", "offset 3: end-of-contents octets where a value is expected", []string{"BF20 (0)"}},
		{"truncated header", "BF", "offset 0: value or header runs past", nil},
	}
	for _, c := range cases {
		in, _ := hex.DecodeString(c.hexIn)
		code, out, errOut := runDumpOn(t, in)
		if code != 1 || !strings.Contains(errOut, c.wantErr) {
			t.Errorf("%s: exit %d, stderr %q; want 1 and %q", c.name, code, errOut, c.wantErr)
		}
		mustContain(t, c.name, out, c.wantOut...)
	}
	// Truncations and byte flips of a real message: exit 0 or 1, and on 1 an
	// offset inside the input.
	msg := selfBuiltMessages()["EuiccPackageRequest"]
	if p := filepath.Join(sharedDir, "session", "auth-server-response.der"); fileExists(p) {
		msg, _ = os.ReadFile(p)
	}
	offRE := regexp.MustCompile(`offset (\d+): `)
	for cut := 1; cut < len(msg); cut += 37 {
		code, _, errOut := runDumpOn(t, msg[:cut], "-")
		m := offRE.FindStringSubmatch(errOut)
		if code != 1 || m == nil {
			t.Fatalf("truncated to %d: exit %d, stderr %q", cut, code, errOut)
		}
		off, _ := strconv.Atoi(m[1])
		if off >= cut {
			t.Fatalf("truncated to %d: offset %d beyond the input", cut, off)
		}
	}
	bad := bytes.Clone(msg)
	bad[3] ^= 0x40 // the top-level length: now longer or shorter than the contents
	if code, _, errOut := runDumpOn(t, bad); code != 1 || offRE.FindString(errOut) == "" {
		t.Errorf("corrupted length: exit %d, stderr %q", code, errOut)
	}
}

// TestDumpFull: long values are cut to 32 bytes with their length, unless -full.
func TestDumpFull(t *testing.T) {
	msg := selfBuiltMessages()["EuiccPackageRequest"]
	sig := strings.Repeat("33", 64)
	_, short, _ := runDumpOn(t, msg)
	_, full, _ := runDumpOn(t, msg, "-full")
	if !strings.Contains(short, strings.Repeat("33", 32)+"... (64 bytes)") || strings.Contains(short, sig) {
		t.Errorf("default output does not truncate the signature:\n%s", short)
	}
	if !strings.Contains(full, sig) || strings.Contains(full, "(64 bytes)") {
		t.Errorf("-full output truncates:\n%s", full)
	}
}

func TestDumpUsage(t *testing.T) {
	if code, _, _ := runDumpOn(t, nil, "a", "b"); code != 2 {
		t.Errorf("two files: exit %d, want 2", code)
	}
	if code, _, _ := runDumpOn(t, nil, "-no-such-flag"); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	if code, _, errOut := runDumpOn(t, nil, filepath.Join(t.TempDir(), "missing")); code != 1 || errOut == "" {
		t.Errorf("missing file: exit %d", code)
	}
	if code, _, errOut := runDumpOn(t, []byte(" \n")); code != 1 || !strings.Contains(errOut, "no data") {
		t.Errorf("empty input: exit %d, %q", code, errOut)
	}
}

// selfBuiltMessages builds messages with the asn1der writer from the ASN.1 in
// RSP-FACTS §2.1/§2.4 and the encodings of §2.7, so that these tests run
// without the shared data.
func selfBuiltMessages() map[string][]byte {
	tlv := asn1der.AppendTLV
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	iccid := tlv(nil, 0x5A, []byte{0x98, 0x10, 0x99, 0x09, 0x00, 0x21, 0x43, 0x65, 0x87, 0xF9})
	eid, _ := hex.DecodeString("89049032123451234512345678901235")
	sig := bytes.Repeat([]byte{0x33}, 64)
	m := map[string][]byte{}
	m["EnableProfileRequest"] = tlv(nil, 0xBF31, cat(tlv(nil, 0xA0, iccid), asn1der.AppendBool(nil, 0x81, true)))
	m["EnableProfileResponse"] = tlv(nil, 0xBF31, asn1der.AppendInt64(nil, 0x80, 2))
	m["DeleteProfileRequest"] = tlv(nil, 0xBF33, iccid)
	m["EuiccMemoryReset22"] = tlv(nil, 0xBF34, asn1der.AppendNamedBits(nil, 0x82, 0b111))
	m["EuiccMemoryReset32"] = tlv(nil, 0xBF64, asn1der.AppendNamedBits(nil, 0x82, 0b1100001))
	m["EuiccMemoryResetResponse32"] = tlv(nil, 0xBF64, cat(asn1der.AppendInt64(nil, 0x80, 104), asn1der.AppendInt64(nil, 0x81, 0)))
	m["ExecuteFallbackMechanism"] = tlv(nil, 0xBF5D, asn1der.AppendBool(nil, asn1der.TagBoolean, true))
	m["ReturnFromFallbackResponse"] = tlv(nil, 0xBF5E, asn1der.AppendInt64(nil, 0x80, 6))
	m["EnableEmergencyProfile"] = tlv(nil, 0xBF5B, asn1der.AppendBool(nil, asn1der.TagBoolean, false))
	m["DisableEmergencyProfileResponse"] = tlv(nil, 0xBF5C, asn1der.AppendInt64(nil, 0x80, 0))
	m["GetEuiccChallengeResponse"] = tlv(nil, 0xBF2E, tlv(nil, 0x80, bytes.Repeat([]byte{0xAB}, 16)))
	m["ReplaceSessionKeys"] = tlv(nil, 0xBF26, cat(tlv(nil, 0x80, make([]byte, 16)), tlv(nil, 0x81, make([]byte, 16)), tlv(nil, 0x82, make([]byte, 16))))
	m["ConfigureISDP"] = tlv(nil, 0xBF24, tlv(nil, 0xB8, asn1der.AppendOID(nil, asn1der.TagOID, asn1der.OID("2.999.10"))))
	m["CancelSession"] = tlv(nil, 0xBF41, cat(tlv(nil, 0x80, make([]byte, 16)), asn1der.AppendInt64(nil, 0x81, 1)))
	m["ProfileInfoList"] = tlv(nil, 0xBF2D, tlv(nil, 0xA0, tlv(nil, 0xE3, cat(iccid, asn1der.AppendInt64(nil, 0x9F70, 1),
		asn1der.AppendString(nil, 0x90, "nick"), asn1der.AppendInt64(nil, 0x95, 2), asn1der.AppendBool(nil, 0x9F26, true)))))
	m["EuiccPackageRequest"] = tlv(nil, 0xBF51, cat(tlv(nil, 0x30, cat(asn1der.AppendString(nil, 0x80, "eim.example"),
		tlv(nil, 0x5A, eid), asn1der.AppendInt64(nil, 0x81, 5),
		tlv(nil, 0xA0, cat(tlv(nil, 0xA3, cat(iccid, asn1der.AppendNull(nil, asn1der.TagNull))),
			tlv(nil, 0xBF65, asn1der.AppendString(nil, 0x80, "dp.example")))))), tlv(nil, 0x5F37, sig)))
	m["HandleNotification"] = tlv(nil, 0xBF3D, tlv(nil, 0xBF37, cat(tlv(nil, 0xBF27, cat(tlv(nil, 0x80, make([]byte, 16)),
		tlv(nil, 0xBF2F, cat(asn1der.AppendInt64(nil, 0x80, 3), asn1der.AppendNamedBits(nil, 0x81, 1), asn1der.AppendString(nil, 0x0C, "dp.example"))),
		asn1der.AppendOID(nil, asn1der.TagOID, asn1der.OID("2.999.10")),
		tlv(nil, 0xA2, tlv(nil, 0xA1, cat(asn1der.AppendInt64(nil, 0x80, 5), asn1der.AppendInt64(nil, 0x81, 8)))))),
		tlv(nil, 0x5F37, sig))))
	tid := bytes.Repeat([]byte{0x11}, 16)
	ss1 := tlv(nil, 0x30, cat(tlv(nil, 0x80, tid), tlv(nil, 0x81, tid), asn1der.AppendString(nil, 0x83, "dp.example"), tlv(nil, 0x84, tid)))
	info1 := tlv(nil, 0xBF20, cat(tlv(nil, 0x82, []byte{2, 2, 0}), tlv(nil, 0xA9, tlv(nil, 0x04, make([]byte, 20))), tlv(nil, 0xAA, nil)))
	m["InitiateAuthenticationRequest"] = tlv(nil, 0xBF39, cat(tlv(nil, 0x81, tid), asn1der.AppendString(nil, 0x83, "dp.example"), info1))
	m["AuthenticateServerRequest"] = tlv(nil, 0xBF38, cat(ss1, tlv(nil, 0x5F37, sig), tlv(nil, 0x04, make([]byte, 20)),
		tlv(nil, 0xA0, cat(asn1der.AppendString(nil, 0x80, "ACTIVATION-CODE"), tlv(nil, 0xA1, tlv(nil, 0x80, []byte{1, 2, 3, 4}))))))
	m["AuthenticateClientRequest"] = tlv(nil, 0xBF3B, cat(tlv(nil, 0x80, tid), tlv(nil, 0xBF38, tlv(nil, 0xA1, cat(tlv(nil, 0x80, tid),
		asn1der.AppendInt64(nil, asn1der.TagInteger, 6))))))
	m["GetBoundProfilePackageRequest"] = tlv(nil, 0xBF3A, cat(tlv(nil, 0x80, tid), tlv(nil, 0xBF21, tlv(nil, 0xA1, cat(tlv(nil, 0x80, tid),
		asn1der.AppendInt64(nil, asn1der.TagInteger, 5))))))
	m["EuiccPackageResult"] = tlv(nil, 0xBF51, tlv(nil, 0x30, cat(tlv(nil, 0x30, cat(asn1der.AppendString(nil, 0x80, "eim.example"),
		asn1der.AppendInt64(nil, 0x81, 5), asn1der.AppendInt64(nil, 0x83, 9), tlv(nil, 0x30, cat(asn1der.AppendInt64(nil, 0x83, 0),
			asn1der.AppendInt64(nil, asn1der.TagInteger, 3))))), tlv(nil, 0x5F37, sig))))
	hn, _ := asn1der.Parse(m["HandleNotification"])
	m["RetrieveNotificationsListResponse"] = tlv(nil, 0xBF2B, tlv(nil, 0xA0, hn.Value))
	return m
}

// TestDumpSelfBuilt checks names and decoded values on messages built here,
// one per message family the shared session does not cover.
func TestDumpSelfBuilt(t *testing.T) {
	msgs := selfBuiltMessages()
	want := map[string][]string{
		"EnableProfileRequest":            {"EnableProfile (EnableProfileRequest)", "profileIdentifier", "iccid (Iccid): 8901999000123456789", "refreshFlag: true"},
		"EnableProfileResponse":           {"EnableProfile (EnableProfileResponse)", "enableResult: 2 ("},
		"DeleteProfileRequest":            {"DeleteProfile (DeleteProfileRequest)", "iccid (Iccid): 8901999000123456789"},
		"EuiccMemoryReset22":              {"EuiccMemoryReset (EuiccMemoryResetRequest)", "{deleteOperationalProfiles, deleteFieldLoadedTestProfiles, resetDefaultSmdpAddress}"},
		"EuiccMemoryReset32":              {"EuiccMemoryReset (EuiccMemoryResetRequest)", "{deleteOperationalProfiles, resetEimConfigData, resetImmediateEnableConfig}"},
		"EuiccMemoryResetResponse32":      {"EuiccMemoryResetResponse", "resetResult: 104 (ecallActive)", "resetEimResult: 0 (ok)"},
		"ExecuteFallbackMechanism":        {"ExecuteFallbackMechanism (ExecuteFallbackMechanismRequest)", "refreshFlag: true"},
		"ReturnFromFallbackResponse":      {"ReturnFromFallback (ReturnFromFallbackResponse)", "returnFromFallbackResult: 6 (fallbackNotAvailable)"},
		"EnableEmergencyProfile":          {"EnableEmergencyProfile (EnableEmergencyProfileRequest)", "refreshFlag: false"},
		"DisableEmergencyProfileResponse": {"DisableEmergencyProfile (DisableEmergencyProfileResponse)", "disableEmergencyProfileResult: 0 (ok)"},
		"GetEuiccChallengeResponse":       {"GetEuiccChallenge (GetEuiccChallengeResponse)", "euiccChallenge: ABAB"},
		"ReplaceSessionKeys":              {"ReplaceSessionKeysRequest", "initialMacChainingValue:", "ppkEnc:", "ppkCmac:"},
		"ConfigureISDP":                   {"ConfigureISDPRequest", "dpProprietaryData (DpProprietaryData)", "dpOid: 2.999.10"},
		"CancelSession":                   {"CancelSession (CancelSessionRequest)", "reason (CancelSessionReason): 1 (postponed)"},
		"ProfileInfoList":                 {"ProfileInfoList", "ProfileInfo", "profileState (ProfileState): 1 (enabled)", `profileNickname: "nick"`, "profileClass (ProfileClass): 2 (operational)", "fallbackAttribute: true"},
		"EuiccPackageRequest": {"EuiccPackage (EuiccPackageRequest / EuiccPackageResult)", `eimId: "eim.example"`,
			"eidValue (EID): 89049032123451234512345678901235", "counterValue: 5", "psmoList", "enable", "rollbackFlag: NULL",
			"setDefaultDpAddress (SetDefaultDpAddressRequest)", `defaultDpAddress: "dp.example"`, "eimSignature / euiccSignEPR"},
		"InitiateAuthenticationRequest": {"InitiateAuthentication (InitiateAuthenticationRequest)", "euiccChallenge: 1111",
			`smdpAddress: "dp.example"`, "euiccInfo1 (EUICCInfo1)", "svn (VersionType): 2.2.0", "SubjectKeyIdentifier: 0000"},
		"AuthenticateServerRequest": {"AuthenticateServer (AuthenticateServerRequest)", "serverSigned1 (ServerSigned1)",
			`serverAddress: "dp.example"`, "serverSignature1:", "euiccCiPKIdToBeUsed (SubjectKeyIdentifier)",
			"ctxParams1 (CtxParamsForCommonAuthentication)", `matchingId: "ACTIVATION-CODE"`, "deviceInfo (DeviceInfo)", "tac: 01020304"},
		"AuthenticateClientRequest": {"AuthenticateClient (AuthenticateClientRequest)", "authenticateServerResponse (AuthenticateServerResponse)",
			"authenticateResponseError (AuthenticateResponseError)", "authenticateErrorCode (AuthenticateErrorCode): 6 (euiccChallengeMismatch)"},
		"GetBoundProfilePackageRequest": {"GetBoundProfilePackage (GetBoundProfilePackageRequest)", "prepareDownloadResponse (PrepareDownloadResponse)",
			"downloadResponseError (PrepareDownloadResponseError)", "downloadErrorCode (DownloadErrorCode): 5 (invalidTransactionId)"},
		"EuiccPackageResult": {"EuiccPackage (EuiccPackageResult)", "euiccPackageResultDataSigned", "seqNumber: 9", "euiccResult (EuiccResultData)",
			"enableResult: 0 (ok)", "processingTerminated: 3 (interruption)", "euiccSignEPR"},
		"RetrieveNotificationsListResponse": {"RetrieveNotificationsList", "searchCriteria / notificationList (PendingNotificationList)",
			"profileInstallationResult (ProfileInstallationResult)", "notificationMetadata (NotificationMetadata)"},
		"HandleNotification": {"HandleNotification", "profileInstallationResult (ProfileInstallationResult)", "errorResult (ErrorResult)",
			"bppCommandId (BppCommandId): 5 (loadProfileElements)", "errorReason (ErrorReason): 8 (scp03tSecurityError)"},
	}
	for name, msg := range msgs {
		code, out, errOut := runDumpOn(t, msg)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", name, code, errOut)
			continue
		}
		w, ok := want[name]
		if !ok {
			t.Errorf("%s: no expectations", name)
		}
		mustContain(t, name, out, w...)
	}
}

// TestChildName checks the exported lookup on a few paths from RSP-FACTS §2.7.
func TestChildName(t *testing.T) {
	cases := []struct {
		path []asn1der.Tag
		tag  asn1der.Tag
		idx  int
		want string
	}{
		{nil, 0xBF38, 0, "AuthenticateServer"},
		{nil, 0xBF36, 0, "BoundProfilePackage"},
		{[]asn1der.Tag{0xBF36}, 0xBF23, 0, "initialiseSecureChannelRequest"},
		{[]asn1der.Tag{0xBF36, 0xBF23}, 0xA6, 2, "controlRefTemplate"},
		{[]asn1der.Tag{0xBF36, 0xBF23, 0xA6}, 0x84, 2, "hostId"},
		{[]asn1der.Tag{0xBF37, 0xBF27}, 0xBF2F, 1, "notificationMetadata"},
		{[]asn1der.Tag{0xBF37, 0xBF27, 0xA2}, 0xA1, 0, "errorResult"},
		{[]asn1der.Tag{0xBF25}, 0x95, 3, "profileClass"},
		{[]asn1der.Tag{0xBF36}, 0x99, 0, ""},
		{nil, 0x42, 0, ""},
	}
	for _, c := range cases {
		if got := rsp.ChildName(c.path, c.tag, c.idx); got != c.want {
			t.Errorf("ChildName(%v, %s, %d) = %q, want %q", c.path, c.tag, c.idx, got, c.want)
		}
	}
	// Context decides: 80 is transactionId in ServerSigned1, seqNumber in
	// NotificationMetadata, keyType in the CRT.
	if a, b := rsp.ChildName([]asn1der.Tag{0xBF2F}, 0x80, 0), rsp.ChildName([]asn1der.Tag{0xBF36, 0xBF23, 0xA6}, 0x80, 0); a != "seqNumber" || b != "keyType" {
		t.Errorf("context names: %q %q", a, b)
	}
}

func TestICCIDDigits(t *testing.T) {
	// EF.ICCID coding (swapped nibbles, F padding): 98 10 ... F9 -> 8901...9.
	got, ok := iccidDigits([]byte{0x98, 0x10, 0x99, 0x09, 0x00, 0x21, 0x43, 0x65, 0x87, 0xF9})
	if !ok || got != "8901999000123456789" {
		t.Errorf("iccidDigits = %q %v", got, ok)
	}
	if _, ok := iccidDigits([]byte{0x9A, 0, 0, 0, 0, 0, 0, 0, 0, 0}); ok {
		t.Error("accepted a non-BCD nibble")
	}
}

// FuzzDump: no panic on any input, exit 0 or 1 (never 2 for data), and a
// message on stderr whenever it exits 1.
func FuzzDump(f *testing.F) {
	for _, m := range selfBuiltMessages() {
		f.Add(m)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		code, _, errOut := runDumpOn(t, in)
		if code != 0 && code != 1 {
			t.Fatalf("exit %d on data input", code)
		}
		if code == 1 && !strings.HasPrefix(errOut, "rspengine dump: ") {
			t.Fatalf("exit 1 without a message: %q", errOut)
		}
		if code == 0 && errOut != "" {
			t.Fatalf("exit 0 with stderr %q", errOut)
		}
	})
}
