// Package testbed wires an SM-DP+ (package smdp) and eUICCs (package euicc)
// in one process on a test PKI, so that package lpa can run whole downloads:
// the embedded default of the demo, the end-to-end tests and the bench.
//
// Two PKIs are offered for each of the two SGP.22 curves (NIST P-256,
// brainpoolP256r1): Embedded, the deterministic SGP.26-shaped PKI of
// internal/testpki (no file needed), and SGP26, the GSMA SGP.26 test
// certificates and keys read from a directory (CERT.CI, CERT.EUM, the eUICC key
// set, CERT.DPauth and CERT.DPpb with their keys). Profiles are the SAIP
// default profile of package saip with a StoreMetadataRequest that asks for
// install, enable, disable and delete notifications to the SM-DP+.
//
// TEST KEYS ONLY: never use either PKI outside tests and demonstrations.
package testbed

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecasd"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/euicc"
	"github.com/rspengine/rspengine/internal/testpki"
	"github.com/rspengine/rspengine/lpa"
	"github.com/rspengine/rspengine/rsp"
	"github.com/rspengine/rspengine/rspcert"
	"github.com/rspengine/rspengine/saip"
	"github.com/rspengine/rspengine/smdp"
)

// PKI is one curve's credentials: the CI, the eUICC's key set and the SM-DP+'s.
type PKI struct {
	Name        string // where it comes from, e.g. "embedded testpki" or "SGP.26"
	Curve       ecdsa.Curve
	CI          []byte
	EUM         []byte
	EUICC       []byte
	EUICCKey    *ecdsa.PrivateKey
	DPauth      []byte
	DPauthKey   *ecdsa.PrivateKey
	DPpb        []byte
	DPpbKey     *ecdsa.PrivateKey
	SMDPAddress string
	EID         string
}

// Embedded returns the internal/testpki default PKI of curve c.
func Embedded(c ecdsa.Curve) *PKI {
	p := testpki.Default(c)
	return &PKI{
		Name: "embedded testpki", Curve: c, CI: p.CI.Cert, EUM: p.EUM.Cert, EUICC: p.EUICC.Cert, EUICCKey: p.EUICC.Key,
		DPauth: p.DPauth.Cert, DPauthKey: p.DPauth.Key, DPpb: p.DPpb.Cert, DPpbKey: p.DPpb.Key,
		SMDPAddress: p.SMDPAddress, EID: p.EID,
	}
}

// SGP26 reads the GSMA SGP.26 test PKI of curve c from dir (the layout of
// shared/testdata/sgp26: CertificateIssuer/, EUM/, eUICC/, DPauth/, DPpb/, files
// suffixed _NIST or _BRP). The SM-DP+ address is the SGP.26 test address
// testsmdpplus1.example.com. An absent directory gives an error wrapping
// fs.ErrNotExist.
func SGP26(dir string, c ecdsa.Curve) (*PKI, error) {
	sfx := "NIST"
	if c == ecdsa.BrainpoolP256r1 {
		sfx = "BRP"
	}
	p := &PKI{Name: "SGP.26", Curve: c, SMDPAddress: testpki.DefaultSMDPAddress}
	var err error
	read := func(rel string) []byte {
		if err != nil {
			return nil
		}
		var b []byte
		b, err = os.ReadFile(filepath.Join(dir, rel))
		return b
	}
	key := func(rel string) *ecdsa.PrivateKey {
		b := read(rel)
		if err != nil {
			return nil
		}
		var k *ecdsa.PrivateKey
		if k, err = ecdsa.ParsePrivateKeyPEM(b); err != nil {
			err = fmt.Errorf("%s: %w", rel, err)
		}
		return k
	}
	p.CI = read("CertificateIssuer/CERT_CI_ECDSA_" + sfx + ".der")
	p.EUM = read("EUM/CERT_EUM_ECDSA_" + sfx + ".der")
	p.EUICC = read("eUICC/CERT_EUICC_ECDSA_" + sfx + ".der")
	p.EUICCKey = key("eUICC/SK_EUICC_ECDSA_" + sfx + ".pem")
	p.DPauth = read("DPauth/CERT_S_SM_DPauth_ECDSA_" + sfx + ".der")
	p.DPauthKey = key("DPauth/SK_S_SM_DPauth_ECDSA_" + sfx + ".pem")
	p.DPpb = read("DPpb/CERT_S_SM_DPpb_ECDSA_" + sfx + ".der")
	p.DPpbKey = key("DPpb/SK_S_SM_DPpb_ECDSA_" + sfx + ".pem")
	if err != nil {
		return nil, err
	}
	var cert rspcert.Certificate
	if err := rspcert.Parse(&cert, p.EUICC); err != nil {
		return nil, fmt.Errorf("CERT.EUICC: %w", err)
	}
	p.EID = string(cert.Subject.SerialNumber)
	return p, nil
}

// Config configures New.
type Config struct {
	// PKIs: the SM-DP+ serves every one of them (one credential per CI) and
	// New makes one eUICC per PKI. All must name the same SM-DP+ address.
	PKIs []*PKI
	// Now is the clock of the SM-DP+ and of the eUICCs' certificate checks.
	// Default: 2025-01-01 (inside the validity of both PKIs).
	Now func() time.Time
}

// Bed is an SM-DP+ and its eUICCs.
type Bed struct {
	SMDP      *smdp.Server
	Catalogue *smdp.Catalogue
	Sessions  *smdp.MemoryStore
	Address   string
	// Cards holds one eUICC per PKI, in the order of Config.PKIs.
	Cards []*euicc.EUICC
	PKIs  []*PKI
	now   func() time.Time
}

// NewCard returns another eUICC personalised with p's key set (the same EID
// and certificates as the card New made for p): for tests with several
// devices.
func (b *Bed) NewCard(p *PKI) (*euicc.EUICC, error) { return b.newCard(p, b.now) }

func (b *Bed) newCard(p *PKI, now func() time.Time) (*euicc.EUICC, error) {
	e := ecasd.New()
	if err := e.Personalise(ecasd.Config{
		KeySets: []ecasd.KeySet{{Key: p.EUICCKey, EUICCCertificate: p.EUICC, EUMCertificate: p.EUM}},
		CIs:     [][]byte{p.CI},
	}); err != nil {
		return nil, fmt.Errorf("testbed: %s %v ECASD: %w", p.Name, p.Curve, err)
	}
	card, err := euicc.New(euicc.Config{ECASD: e, Now: now, DefaultDpAddress: b.Address})
	if err != nil {
		return nil, fmt.Errorf("testbed: %s %v eUICC: %w", p.Name, p.Curve, err)
	}
	return card, nil
}

// AddUPP adds an existing Unprotected Profile Package (for instance a GSMA
// TS.48 test profile) under matchingID, with metadata naming the ICCID of its
// ProfileHeader (in the EF.ICCID coding the metadata uses). It returns that
// ICCID.
func (b *Bed) AddUPP(matchingID string, upp []byte, name string) ([]byte, error) {
	var ef []byte
	err := saip.Walk(upp, asn1der.BER, func(pe *saip.PE) error {
		if ef != nil || pe.Type != saip.TypeHeader {
			return nil
		}
		h, err := pe.ProfileHeader()
		if err != nil {
			return err
		}
		swapped := bytes.Clone(h.ICCID)
		saip.SwapNibbles(swapped)
		for _, c := range [][]byte{swapped, h.ICCID} {
			if h.MatchesICCID(c) {
				ef = bytes.Clone(c)
				return nil
			}
		}
		return errors.New("testbed: the ProfileHeader ICCID matches neither coding")
	})
	if err != nil {
		return nil, fmt.Errorf("testbed: UPP: %w", err)
	}
	if ef == nil {
		return nil, errors.New("testbed: UPP has no ProfileHeader")
	}
	digits, err := saip.ICCIDDigits(ef)
	if err != nil {
		return nil, fmt.Errorf("testbed: UPP ICCID: %w", err)
	}
	md, err := Metadata(digits, name, "rspengine", b.Address)
	if err != nil {
		return nil, err
	}
	if err := b.Catalogue.Add(matchingID, &smdp.Profile{UPP: upp, StoreMetadata: md}); err != nil {
		return nil, err
	}
	return ef, nil
}

// DefaultNow is the default clock of a Bed.
var DefaultNow = time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)

// New builds the SM-DP+ (with an empty catalogue) and the eUICCs.
func New(cfg Config) (*Bed, error) {
	if len(cfg.PKIs) == 0 {
		return nil, errors.New("testbed: no PKI")
	}
	now := cfg.Now
	if now == nil {
		now = func() time.Time { return DefaultNow }
	}
	b := &Bed{Catalogue: smdp.NewCatalogue(), Address: cfg.PKIs[0].SMDPAddress, PKIs: cfg.PKIs}
	cis, err := rspcert.NewCIStore()
	if err != nil {
		return nil, err
	}
	b.Sessions = smdp.NewMemoryStore(smdp.MemoryStoreConfig{Now: now})
	sc := smdp.Config{Address: b.Address, CIs: cis, Profiles: b.Catalogue, Now: now, Sessions: b.Sessions}
	for _, p := range cfg.PKIs {
		if p.SMDPAddress != b.Address {
			return nil, fmt.Errorf("testbed: PKIs name different SM-DP+ addresses (%q, %q)", b.Address, p.SMDPAddress)
		}
		if _, err := cis.Add(p.CI); err != nil {
			return nil, fmt.Errorf("testbed: %s %v CERT.CI: %w", p.Name, p.Curve, err)
		}
		sc.Credentials = append(sc.Credentials, smdp.Credential{DPauthCert: p.DPauth, DPauthKey: p.DPauthKey, DPpbCert: p.DPpb, DPpbKey: p.DPpbKey})
	}
	if b.SMDP, err = smdp.New(sc); err != nil {
		return nil, fmt.Errorf("testbed: SM-DP+: %w", err)
	}
	for _, p := range cfg.PKIs {
		card, err := b.newCard(p, now)
		if err != nil {
			return nil, err
		}
		b.Cards = append(b.Cards, card)
	}
	b.now = now
	return b, nil
}

// Profile describes a profile to add to the catalogue.
type Profile struct {
	MatchingID       string
	ICCID            string // 18 digits (the Luhn digit is appended) or 19-20 digits
	IMSI             string // default 001010000000001 (a test network)
	Name             string // profileName; default "rspengine test profile"
	ServiceProvider  string // default "rspengine"
	ConfirmationCode string // when set, the SM-DP+ requires it
	EID              []byte // when 16 bytes, reserve the profile for that eUICC
}

// AddProfile generates the SAIP default profile for p, with metadata that
// asks for install, enable, disable and delete notifications to the SM-DP+,
// and adds it to the catalogue under p.MatchingID. It returns the UPP size.
func (b *Bed) AddProfile(p Profile) (int, error) {
	params := saip.DefaultParams()
	params.ICCID = p.ICCID
	if p.IMSI != "" {
		params.IMSI = p.IMSI
	}
	upp, err := saip.BuildDefaultProfile(nil, &params)
	if err != nil {
		return 0, fmt.Errorf("testbed: profile: %w", err)
	}
	md, err := Metadata(params.ICCID, orDefault(p.Name, "rspengine test profile"), orDefault(p.ServiceProvider, "rspengine"), b.Address)
	if err != nil {
		return 0, err
	}
	prof := &smdp.Profile{UPP: upp, StoreMetadata: md, EID: p.EID}
	if p.ConfirmationCode != "" {
		prof.ConfirmationCode = []byte(p.ConfirmationCode)
	}
	if err := b.Catalogue.Add(p.MatchingID, prof); err != nil {
		return 0, err
	}
	return len(upp), nil
}

// Metadata builds a StoreMetadataRequest (BF25) for iccid (the digits of
// saip.ProfileParams.ICCID) asking for the four notifications to address.
func Metadata(iccid, name, provider, address string) ([]byte, error) {
	ef, err := saip.ICCIDFromDigits(iccid)
	if err != nil {
		return nil, fmt.Errorf("testbed: ICCID %q: %w", iccid, err)
	}
	var items []rsp.NotificationConfigurationInformation
	for _, ev := range []rsp.NotificationEvent{rsp.NotificationInstall, rsp.NotificationEnable, rsp.NotificationDisable, rsp.NotificationDelete} {
		items = append(items, rsp.NotificationConfigurationInformation{ProfileManagementOperation: ev, NotificationAddress: []byte(address)})
	}
	b6 := rsp.AppendNotificationConfigurationInfo(nil, items...)
	inner, ok := asn1der.ParseOne(b6, rsp.TagNotificationConfigurationInfo)
	if !ok {
		return nil, errors.New("testbed: notificationConfigurationInfo did not encode")
	}
	x := rsp.StoreMetadataRequest{ICCID: ef[:], ServiceProviderName: []byte(provider), ProfileName: []byte(name)}
	x.NotificationConfigurationInfo = rsp.SegmentList{Raw: b6, Contents: inner, Count: len(items)}
	return rsp.AppendStoreMetadataRequest(nil, &x), nil
}

// ICCIDBytes returns the EF.ICCID form (nibble-swapped BCD, 10 bytes) of
// 18 digits plus the Luhn digit, or of 19-20 digits.
func ICCIDBytes(digits string) ([]byte, error) {
	var p saip.ProfileParams = saip.DefaultParams()
	p.ICCID = digits
	if err := p.Validate(); err != nil {
		return nil, err
	}
	ef, err := saip.ICCIDFromDigits(p.ICCID)
	if err != nil {
		return nil, err
	}
	return ef[:], nil
}

// EIDBytes returns the 16-byte EID of a PKI.
func (p *PKI) EIDBytes() []byte {
	b, _ := hex.DecodeString(p.EID)
	return b
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// *euicc.EUICC is the in-process lpa.Card.
var _ lpa.Card = (*euicc.EUICC)(nil)
