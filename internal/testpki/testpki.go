package testpki

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/rspcert"
)

// The curves, as ecdsa names them.
const (
	P256            = ecdsa.P256
	BrainpoolP256r1 = ecdsa.BrainpoolP256r1
)

// Defaults of Options.
const (
	// DefaultSeed is the seed of Default's PKIs.
	DefaultSeed = "rspengine testpki v1 - TEST KEYS ONLY"
	// DefaultEID is the EID of the SGP.26 test eUICC (its check digits hold).
	DefaultEID = "89049032123451234512345678901235"
	// DefaultSMDPAddress is the SGP.26 test SM-DP+ address.
	DefaultSMDPAddress = "testsmdpplus1.example.com"
	// DefaultSMDPOID is the SM-DP+ OID of the SGP.26 test certificates.
	DefaultSMDPOID = "2.999.10"
	// DefaultEIDPrefixLen is the length of the EID prefix the EUM permits
	// (the SGP.26 EUM permits "89049032").
	DefaultEIDPrefixLen = 8
)

// DefaultNow is the default Options.Now: the notBefore of the SGP.26 CI
// (2020-04-01 08:27:51 UTC).
var DefaultNow = time.Date(2020, 4, 1, 8, 27, 51, 0, time.UTC)

// Options parameterise New. Zero fields take the defaults above.
type Options struct {
	Seed        []byte    // key derivation seed (DefaultSeed)
	EID         string    // 32 digits with valid check digits (DefaultEID); see EIDWithCheckDigits
	EIDPrefix   string    // the prefix the EUM permits (the EID's first DefaultEIDPrefixLen digits)
	SMDPAddress string    // carried in PKI.SMDPAddress, not in a certificate (DefaultSMDPAddress)
	SMDPOID     string    // dotted SM-DP+ OID for the SAN of DPauth/DPpb (DefaultSMDPOID)
	Now         time.Time // notBefore of every certificate (DefaultNow)
}

// Entity is one certificate with its private key.
type Entity struct {
	Cert   []byte              // DER
	Key    *ecdsa.PrivateKey   // TEST KEY ONLY
	Parsed rspcert.Certificate // a view over Cert
}

// PKI is one curve's test PKI. The values returned by Default are shared:
// treat them as read-only (never modify the bytes, never Destroy a key).
type PKI struct {
	Curve       ecdsa.Curve
	CI          Entity
	EUM         Entity
	EUICC       Entity
	DPauth      Entity
	DPpb        Entity
	EID         string // CERT.EUICC's serialNumber
	SMDPAddress string
	SMDPOID     string // dotted
	PKID        []byte // the CI's PKID (= its SubjectKeyIdentifier)

	seed      []byte
	now       time.Time
	eumPrefix string
}

var (
	errEID   = errors.New("testpki: EID must be 32 decimal digits with valid check digits (SGP.29)")
	errCurve = errors.New("testpki: unsupported curve")
)

// Subject names, as in the SGP.26 certificates (RSP-FACTS §5.1).
const (
	eumOrg = "RSP Test EUM"
	dpOrg  = "ACME"
)

var (
	ciName = []attr{{oidCommonName, false, "Test CI"}, {oidOrgUnit, false, "TESTCERT"},
		{oidOrganization, false, "RSPTEST"}, {oidCountry, true, "IT"}}
	eumName = []attr{{oidCountry, true, "ES"}, {oidOrganization, false, eumOrg}, {oidCommonName, false, "EUM Test"}}
	dpName  = []attr{{oidOrganization, false, dpOrg}, {oidCommonName, false, "TEST SM-DP+"}}
	ciOID   = asn1der.OID("2.999.1")
	eumOID  = asn1der.OID("2.999.5")
	crlA    = "http://ci.test.example.com/CRL-A.crl"
	crlB    = "http://ci.test.example.com/CRL-B.crl"
	// The eUICC's notAfter of the SGP.26 file (openssl -days 2000000).
	euiccNotAfter = time.Date(7496, 1, 24, 9, 48, 58, 0, time.UTC)
)

// New builds the PKI of curve c from o. It is deterministic: equal inputs
// give byte-identical certificates and keys.
func New(c ecdsa.Curve, o Options) (*PKI, error) {
	if c != P256 && c != BrainpoolP256r1 {
		return nil, errCurve
	}
	p := &PKI{Curve: c, EID: o.EID, SMDPAddress: o.SMDPAddress, SMDPOID: o.SMDPOID, now: o.Now.UTC().Truncate(time.Second)}
	p.seed = append([]byte(nil), o.Seed...)
	if len(p.seed) == 0 {
		p.seed = []byte(DefaultSeed)
	}
	if p.EID == "" {
		p.EID = DefaultEID
	}
	if !ValidEID(p.EID) {
		return nil, errEID
	}
	prefix := o.EIDPrefix
	if prefix == "" {
		prefix = p.EID[:DefaultEIDPrefixLen]
	}
	if p.SMDPAddress == "" {
		p.SMDPAddress = DefaultSMDPAddress
	}
	if p.SMDPOID == "" {
		p.SMDPOID = DefaultSMDPOID
	}
	smdpOID, err := parseOID(p.SMDPOID)
	if err != nil {
		return nil, err
	}
	if o.Now.IsZero() {
		p.now = DefaultNow
	}
	now := p.now

	var keys [5]*ecdsa.PrivateKey
	for i, label := range []string{"ci", "eum", "euicc", "dpauth", "dppb"} {
		if keys[i], err = DeriveKey(c, p.seed, label); err != nil {
			return nil, err
		}
	}
	ciSubject := appendName(nil, ciName)
	ciSKI := keyID(keys[0].Public())
	ci := template{
		serial: []byte{0xB8, 0x74, 0xF3, 0xAB, 0xFA, 0x6C, 0x44, 0xD3}, issuer: ciSubject, subject: ciSubject,
		notBefore: now, notAfter: now.AddDate(35, 0, 0), pub: keys[0].Public(),
		extensions: []extension{extSKI(ciSKI), extBasicConstraints(-1), extPolicy(oidRoleCI),
			extKeyUsage(keyUsageCertSign | keyUsageCRLSign), extRegisteredID(ciOID), extCRLDP(crlA, crlB)},
	}
	if p.CI, err = finish(&ci, keys[0], keys[0]); err != nil {
		return nil, err
	}
	p.PKID = p.CI.Parsed.Extensions.SubjectKeyID

	p.eumPrefix = prefix
	if p.EUM, err = p.issueEUM(keys[1], []byte{0x12, 0x34, 0x56, 0x78}, prefix); err != nil {
		return nil, err
	}
	if p.EUICC, err = p.issueEUICC(p.EID, keys[2], []byte{0x02, 0, 0, 0, 0, 0, 0, 0, 0x01}); err != nil {
		return nil, err
	}
	for i, role := range [][]byte{oidRoleDPauth, oidRoleDPpb} {
		k := keys[3+i]
		dp := template{
			serial: []byte{0x01, byte(i)}, issuer: ciSubject, subject: appendName(nil, dpName),
			notBefore: now, notAfter: now.AddDate(30, 0, 0), pub: k.Public(),
			extensions: []extension{extAKI(ciSKI), extSKI(keyID(k.Public())), extRegisteredID(smdpOID),
				extKeyUsage(keyUsageDigitalSign), extPolicy(role), extCRLDP(crlA, crlB)},
		}
		e, err := finish(&dp, k, keys[0])
		if err != nil {
			return nil, err
		}
		if i == 0 {
			p.DPauth = e
		} else {
			p.DPpb = e
		}
	}
	return p, nil
}

// issueEUICC issues a CERT.EUICC for eid and key under p's EUM.
func (p *PKI) issueEUICC(eid string, key *ecdsa.PrivateKey, serial []byte) (Entity, error) {
	der, err := p.certifyEUICC(&p.EUM, eid, key.Public(), serial)
	if err != nil {
		return Entity{}, err
	}
	return parsed(der, key)
}

func (p *PKI) certifyEUICC(issuer *Entity, eid string, pub *ecdsa.PublicKey, serial []byte) ([]byte, error) {
	subject := appendName(nil, []attr{{oidCountry, true, "ES"}, {oidOrganization, false, eumOrg},
		{oidSerialNumber, true, eid}, {oidCommonName, false, "Test eUICC"}})
	t := template{
		serial: serial, issuer: issuer.Parsed.Subject.Raw, subject: subject,
		notBefore: p.now, notAfter: euiccNotAfter, pub: pub,
		extensions: []extension{extAKI(issuer.Parsed.Extensions.SubjectKeyID), extSKI(keyID(pub)),
			extKeyUsage(keyUsageDigitalSign), extPolicy(oidRoleEUICC)},
	}
	return issue(&t, issuer.Key)
}

// NewEUICC issues another CERT.EUICC under p's EUM, for eid (32 digits,
// checked like Options.EID, or "" for p.EID) with a key derived from the
// seed and label ("euicc/" + label): for tests of key renewal and of several
// cards under one EUM. The serial number is derived from the label.
func (p *PKI) NewEUICC(eid, label string) (Entity, error) {
	key, err := DeriveKey(p.Curve, p.seed, "euicc/"+label)
	if err != nil {
		return Entity{}, err
	}
	der, err := p.CertifyEUICC(nil, eid, key.Public(), label)
	if err != nil {
		return Entity{}, err
	}
	return parsed(der, key)
}

// CertifyEUICC issues a CERT.EUICC for an existing public key (one an
// eUICC generated on card, for instance) under issuer (nil: p.EUM), for eid
// ("" for p.EID). The serial number is derived from label.
func (p *PKI) CertifyEUICC(issuer *Entity, eid string, pub *ecdsa.PublicKey, label string) ([]byte, error) {
	if issuer == nil {
		issuer = &p.EUM
	}
	if eid == "" {
		eid = p.EID
	}
	if !ValidEID(eid) {
		return nil, errEID
	}
	if pub == nil || pub.Curve() != p.Curve || issuer.Key == nil {
		return nil, errCurve
	}
	h := sha256.Sum256([]byte(label))
	return p.certifyEUICC(issuer, eid, pub, append([]byte{0x03}, h[:8]...))
}

// NewEUM issues another CERT.EUM under p's CI, with the same subject and name
// constraints as p.EUM and a key derived from the seed and label ("eum/" +
// label): for tests of EUM certificate renewal.
func (p *PKI) NewEUM(label string) (Entity, error) {
	key, err := DeriveKey(p.Curve, p.seed, "eum/"+label)
	if err != nil {
		return Entity{}, err
	}
	return p.issueEUM(key, append([]byte{0x04}, []byte(label)...), p.eumPrefix)
}

func (p *PKI) issueEUM(key *ecdsa.PrivateKey, serial []byte, prefix string) (Entity, error) {
	t := template{
		serial: serial, issuer: p.CI.Parsed.Subject.Raw, subject: appendName(nil, eumName),
		notBefore: p.now, notAfter: p.now.AddDate(34, 0, 0), pub: key.Public(),
		extensions: []extension{extAKI(p.PKID), extSKI(keyID(key.Public())), extKeyUsage(keyUsageCertSign), extPolicy(oidRoleEUM),
			extRegisteredID(eumOID), extBasicConstraints(0), extCRLDP(crlB), extNameConstraints(eumOrg, prefix)},
	}
	return finish(&t, key, p.CI.Key)
}

func finish(t *template, key, signer *ecdsa.PrivateKey) (Entity, error) {
	der, err := issue(t, signer)
	if err != nil {
		return Entity{}, err
	}
	return parsed(der, key)
}

func parsed(der []byte, key *ecdsa.PrivateKey) (Entity, error) {
	e := Entity{Cert: der, Key: key}
	if err := rspcert.Parse(&e.Parsed, der); err != nil {
		return Entity{}, fmt.Errorf("testpki: built an unparsable certificate: %w", err)
	}
	return e, nil
}

// DeriveKey derives the test key of label from seed on curve c:
// d = (HMAC-SHA256(seed, "rspengine/testpki/" + curve + "/" + label) mod (n-1)) + 1.
// TEST KEYS ONLY.
func DeriveKey(c ecdsa.Curve, seed []byte, label string) (*ecdsa.PrivateKey, error) {
	mac := hmac.New(sha256.New, seed)
	mac.Write([]byte("rspengine/testpki/" + c.String() + "/" + label))
	h := new(big.Int).SetBytes(mac.Sum(nil))
	ob := c.OrderBytes()
	n1 := new(big.Int).SetBytes(ob[:])
	n1.Sub(n1, big.NewInt(1))
	h.Mod(h, n1).Add(h, big.NewInt(1))
	var d [32]byte
	h.FillBytes(d[:])
	return ecdsa.NewPrivateKey(c, d[:])
}

// ValidEID reports whether eid is 32 decimal digits whose check digits hold
// (the number is 1 mod 97, SGP.29 / RSP-FACTS §2.8).
func ValidEID(eid string) bool {
	return len(eid) == 32 && isDigits(eid) && mod97(eid) == 1
}

// EIDWithCheckDigits completes a 30-digit EID body with its two SGP.29 check
// digits (RSP-FACTS §2.8: set the last two digits to 00, check = 98 − (n mod
// 97)). It returns "" when body is not 30 decimal digits.
func EIDWithCheckDigits(body string) string {
	if len(body) != 30 || !isDigits(body) {
		return ""
	}
	c := 98 - mod97(body+"00")
	return body + string([]byte{byte('0' + c/10), byte('0' + c%10)})
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func mod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		r = (r*10 + int(s[i]-'0')) % 97
	}
	return r
}

// parseOID encodes a dotted OID, rejecting malformed text instead of
// panicking as asn1der.OID does.
func parseOID(s string) (oid []byte, err error) {
	defer func() {
		if recover() != nil {
			oid, err = nil, fmt.Errorf("testpki: malformed OID %q", s)
		}
	}()
	return asn1der.OID(s), nil
}

var defaults struct {
	once [3]sync.Once
	pki  [3]*PKI
}

// Default returns the cached default PKI of curve c (DefaultSeed and the
// default Options). It panics on an unsupported curve. The result is shared:
// treat it as read-only.
func Default(c ecdsa.Curve) *PKI {
	if c != P256 && c != BrainpoolP256r1 {
		panic(errCurve)
	}
	defaults.once[c].Do(func() {
		p, err := New(c, Options{})
		if err != nil {
			panic(err)
		}
		defaults.pki[c] = p
	})
	return defaults.pki[c]
}
