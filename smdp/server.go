package smdp

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/rspengine/rspengine/asn1der"
	"github.com/rspengine/rspengine/ecdsa"
	"github.com/rspengine/rspengine/ecka"
	"github.com/rspengine/rspengine/rspcert"
)

// Credential is the SM-DP+'s key set under one CI: CERT.DPauth with its key
// (signs serverSigned1) and CERT.DPpb with its key (signs smdpSigned2 and the
// BPP). Configure one per CI (and so per curve) the SM-DP+ serves.
type Credential struct {
	DPauthCert []byte
	DPauthKey  *ecdsa.PrivateKey
	DPpbCert   []byte
	DPpbKey    *ecdsa.PrivateKey
}

// Random supplies the session's random values. The default draws from
// crypto/rand; tests inject fixed values (the recorded session's
// transactionId, serverChallenge and otSK.DP).
type Random interface {
	// TransactionID fills a new session's transactionId.
	TransactionID(tid *[TransactionIDSize]byte) error
	// ServerChallenge fills a new session's serverChallenge.
	ServerChallenge(c *[16]byte) error
	// OtSK returns a fresh one-time ECKA key pair otSK.DP/otPK.DP on curve
	// c. The server destroys it once the BPP is built.
	OtSK(c ecdsa.Curve) (*ecdsa.PrivateKey, error)
}

// CryptoRandom is the default Random: everything from crypto/rand.
type CryptoRandom struct{}

// TransactionID implements Random.
func (CryptoRandom) TransactionID(tid *[TransactionIDSize]byte) error {
	_, err := io.ReadFull(rand.Reader, tid[:])
	return err
}

// ServerChallenge implements Random.
func (CryptoRandom) ServerChallenge(c *[16]byte) error {
	_, err := io.ReadFull(rand.Reader, c[:])
	return err
}

// OtSK implements Random.
func (CryptoRandom) OtSK(c ecdsa.Curve) (*ecdsa.PrivateKey, error) {
	return ecka.GenerateKey(c, rand.Reader)
}

// Config configures New.
type Config struct {
	// Address is the SM-DP+ address (FQDN) that InitiateAuthentication's
	// smdpAddress and euiccSigned1's serverAddress must equal (ASCII case
	// is ignored) and that serverSigned1 carries.
	Address string
	// OID, when not empty, is the dotted SM-DP+ OID; it must equal the
	// registeredID of every CERT.DPauth and CERT.DPpb. When empty it is
	// taken from the first CERT.DPauth.
	OID string
	// Credentials: one per CI (both curves may be served).
	Credentials []Credential
	// CIs are the trusted CERT.CI: the eUICC chains must end there, and
	// every credential must chain to one of them.
	CIs *rspcert.CIStore
	// CredentialCIs, when set, is the store the credentials' certificates
	// are checked against in New (default CIs): for a deployment whose own
	// CERT.DPauth/DPpb name a CI certificate other than the one trusted for
	// eUICC chains under the same key (PKID), as in the recorded session
	// whose EUM names the SGP.26 v1 "GSMA Test CI".
	CredentialCIs *rspcert.CIStore
	// HostID is the hostId of the BSP key derivation (CRT tag 84, 1..16
	// bytes). Default "rspengine".
	HostID []byte
	// Now is the clock (certificate validity, session expiry). Default time.Now.
	Now func() time.Time
	// Random supplies transactionIds, serverChallenges and otSK.DP.
	// Default CryptoRandom.
	Random Random
	// SignRand feeds the hedged ECDSA nonces. Default crypto/rand.
	SignRand io.Reader
	// DeterministicSignatures makes serverSignature1 and smdpSignature2 plain
	// RFC 6979 signatures (no random input): for reproducible fixtures and
	// tests only. The BPP's smdpSign stays hedged with SignRand.
	DeterministicSignatures bool
	// Sessions is the session store. Default a MemoryStore using Now.
	Sessions SessionStore
	// Profiles is the profile source. Required.
	Profiles ProfileSource
	// SessionTTL is how long a session lives after its last step.
	// Default 10 minutes.
	SessionTTL time.Duration
	// EUMCache remembers verified CERT.EUMs. Default a fresh rspcert.Cache.
	EUMCache *rspcert.Cache
	// MaxConfirmationCodeAttempts before confirmationCodeRetriesExceeded
	// ends the session. Default 3.
	MaxConfirmationCodeAttempts int
	// SkipEIDCheckDigits turns off rspcert's EID check-digit rule.
	SkipEIDCheckDigits bool
}

type credential struct {
	dpauthDER, dppbDER []byte
	dpauth, dppb       rspcert.Certificate
	dpauthKey, dppbKey *ecdsa.PrivateKey
	pkid               []byte // the CI (AKI of both certificates)
	curve              ecdsa.Curve
}

// Server is an SM-DP+ on the ES9+ ASN.1 binding. It is safe for concurrent
// use.
type Server struct {
	address  string
	addrB    []byte
	oid      []byte // OID contents octets
	creds    []*credential
	cands    []*rspcert.Certificate
	cis      *rspcert.CIStore
	hostID   []byte
	now      func() time.Time
	random   Random
	signRand io.Reader
	sessions SessionStore
	profiles ProfileSource
	ttl      time.Duration
	cache    *rspcert.Cache
	maxCC    int
	skipEID  bool
	determ   bool
}

// New checks cfg and returns a Server: each credential's certificates must
// chain to a CI of cfg.CIs (rspcert's DPauth / DPpb rules at cfg.Now), be
// issued by the same CI on the key's curve, name the same SM-DP+ OID, and the
// private keys must match the certificates.
func New(cfg Config) (*Server, error) {
	s := &Server{
		address: cfg.Address, cis: cfg.CIs, hostID: cfg.HostID, now: cfg.Now, random: cfg.Random,
		signRand: cfg.SignRand, sessions: cfg.Sessions, profiles: cfg.Profiles, ttl: cfg.SessionTTL,
		cache: cfg.EUMCache, maxCC: cfg.MaxConfirmationCodeAttempts, skipEID: cfg.SkipEIDCheckDigits,
		determ: cfg.DeterministicSignatures,
	}
	s.addrB = []byte(s.address)
	if s.address == "" || s.cis == nil || s.profiles == nil || len(cfg.Credentials) == 0 {
		return nil, errors.New("smdp: Address, CIs, Profiles and at least one Credential are required")
	}
	if s.hostID == nil {
		s.hostID = []byte("rspengine")
	}
	if len(s.hostID) == 0 || len(s.hostID) > 16 {
		return nil, errors.New("smdp: HostID must be 1..16 bytes")
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.random == nil {
		s.random = CryptoRandom{}
	}
	if s.signRand == nil {
		s.signRand = rand.Reader
	}
	if s.sessions == nil {
		s.sessions = NewMemoryStore(MemoryStoreConfig{Now: s.now})
	}
	if s.ttl <= 0 {
		s.ttl = 10 * time.Minute
	}
	if s.cache == nil {
		s.cache = rspcert.NewCache(rspcert.CacheConfig{})
	}
	if s.maxCC <= 0 {
		s.maxCC = 3
	}
	if cfg.OID != "" {
		s.oid = asn1der.OID(cfg.OID)
		if s.oid == nil {
			return nil, errors.New("smdp: bad OID " + cfg.OID)
		}
	}
	opts := &rspcert.Options{Now: s.now()}
	credCIs := cfg.CredentialCIs
	if credCIs == nil {
		credCIs = s.cis
	}
	for i := range cfg.Credentials {
		in := &cfg.Credentials[i]
		if in.DPauthKey == nil || in.DPpbKey == nil {
			return nil, errors.New("smdp: credential without keys")
		}
		c := &credential{dpauthDER: bytes.Clone(in.DPauthCert), dppbDER: bytes.Clone(in.DPpbCert), dpauthKey: in.DPauthKey, dppbKey: in.DPpbKey}
		var auth, pb rspcert.ServerChain
		if err := credCIs.VerifyServerCertificate(&auth, c.dpauthDER, rspcert.RoleDPauth, opts); err != nil {
			return nil, err
		}
		if err := credCIs.VerifyServerCertificate(&pb, c.dppbDER, rspcert.RoleDPpb, opts); err != nil {
			return nil, err
		}
		c.dpauth, c.dppb = auth.Cert, pb.Cert
		if err := rspcert.SameSMDP(&c.dpauth, &c.dppb); err != nil {
			return nil, err
		}
		if auth.CI != pb.CI {
			return nil, errors.New("smdp: CERT.DPauth and CERT.DPpb of one credential must share their CI")
		}
		c.pkid = auth.CI.PKID
		c.curve = ecdsa.Curve(auth.CI.Curve())
		if s.oid == nil {
			s.oid = bytes.Clone(auth.SMDPOID)
		}
		if err := rspcert.CheckSMDPOID(&c.dpauth, s.oid); err != nil {
			return nil, err
		}
		pa := in.DPauthKey.Public().Bytes()
		pp := in.DPpbKey.Public().Bytes()
		if in.DPauthKey.Curve() != c.curve || !bytes.Equal(pa[:], c.dpauth.PublicKey.Point) ||
			in.DPpbKey.Curve() != c.curve || !bytes.Equal(pp[:], c.dppb.PublicKey.Point) {
			return nil, errors.New("smdp: a credential's private key does not match its certificate")
		}
		for _, o := range s.creds {
			if bytes.Equal(o.pkid, c.pkid) {
				return nil, errors.New("smdp: two credentials under one CI")
			}
		}
		s.creds = append(s.creds, c)
		s.cands = append(s.cands, &c.dpauth)
	}
	return s, nil
}

// OID returns the SM-DP+ OID (contents octets).
func (s *Server) OID() []byte { return s.oid }

// Sessions returns the server's session store.
func (s *Server) Sessions() SessionStore { return s.sessions }

func (s *Server) credential(pkid []byte) *credential {
	for _, c := range s.creds {
		if bytes.Equal(c.pkid, pkid) {
			return c
		}
	}
	return nil
}

func (s *Server) addressOK(a []byte) bool {
	return len(a) == len(s.address) && strings.EqualFold(string(a), s.address)
}
