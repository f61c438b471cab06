package rspcert

import "strconv"

// Rule names the certificate rule an input broke.
type Rule uint8

// The rules. Each [*Error] names one; the tests say which SGP.26 negative
// certificate breaks which.
const (
	RuleMalformed                Rule = iota + 1 // not a DER X.509 certificate of the shape RSP uses
	RuleUnknownCriticalExtension                 // a critical extension this package does not know
	RuleVersion                                  // not an X.509 v3 certificate
	RuleSignatureAlgorithm                       // not ecdsa-with-SHA256 (without parameters)
	RuleUnknownCI                                // the issuer is no CI of the store (AKI not a known PKID)
	RuleCINotSelected                            // issued by a known CI, but not by the one selected (euiccCiPKIdToBeUsed)
	RuleAuthorityKeyID                           // AKI missing or not the issuer's SKI
	RuleIssuerName                               // issuer name is not the issuer's subject name
	RuleSignature                                // the signature does not verify under the issuer's key
	RuleNotYetValid                              // the clock is before notBefore
	RuleExpired                                  // the clock is after notAfter
	RuleRole                                     // certificatePolicies lacks the role OID of this position
	RuleKeyUsage                                 // keyUsage missing, not critical, or not the profile's bits
	RuleBasicConstraints                         // basicConstraints wrong for this position (CA flag, pathLen)
	RuleSubjectKeyID                             // SKI missing where the chain needs it
	RuleCurve                                    // key on an unsupported curve, not the CI's curve, or not a valid point
	RuleEIDFormat                                // CERT.EUICC's serialNumber is not a 32-digit EID with valid check digits
	RuleEIDNotPermitted                          // the EID is outside the EUM's permitted prefixes
	RuleSMDPOID                                  // SM-DP+ certificate without a subjectAltName registeredID
	RuleSMDPMismatch                             // CERT.DPpb names another SM-DP+ than CERT.DPauth
	RuleCIProfile                                // a trust anchor that is not a CI certificate
	RuleNoSupportedCI                            // CI selection: none of the eUICC's PKIDs is supported
	RuleNoServerCertificate                      // CI selection: no CERT.DPauth chains to a CI the eUICC can verify
	RuleCiPKIdUnknown                            // eUICC: euiccCiPKIdToBeUsed not in its signing list
	RuleSMDPOIDMismatch                          // an smdpOid in a message is not the OID of CERT.DPauth
	ruleCount
)

var ruleText = [...]string{
	RuleMalformed:                "malformed certificate",
	RuleUnknownCriticalExtension: "unknown critical extension",
	RuleVersion:                  "not an X.509 v3 certificate",
	RuleSignatureAlgorithm:       "signature algorithm is not ecdsa-with-SHA256",
	RuleUnknownCI:                "issuer is not a known CI",
	RuleCINotSelected:            "issuer CI is not the selected one",
	RuleAuthorityKeyID:           "authorityKeyIdentifier missing or not the issuer's subjectKeyIdentifier",
	RuleIssuerName:               "issuer name is not the issuer's subject",
	RuleSignature:                "signature does not verify under the issuer's key",
	RuleNotYetValid:              "not yet valid",
	RuleExpired:                  "expired",
	RuleRole:                     "certificatePolicies lacks the role OID of this position",
	RuleKeyUsage:                 "keyUsage wrong for this position",
	RuleBasicConstraints:         "basicConstraints wrong for this position",
	RuleSubjectKeyID:             "subjectKeyIdentifier missing",
	RuleCurve:                    "public key curve unsupported or not the CI's curve",
	RuleEIDFormat:                "EID is not 32 digits with valid check digits",
	RuleEIDNotPermitted:          "EID outside the EUM's permitted prefixes",
	RuleSMDPOID:                  "no SM-DP+ OID (subjectAltName registeredID)",
	RuleSMDPMismatch:             "CERT.DPpb and CERT.DPauth name different SM-DP+ OIDs",
	RuleCIProfile:                "trust anchor is not a CI certificate",
	RuleNoSupportedCI:            "none of the proposed PKIDs is supported",
	RuleNoServerCertificate:      "no CERT.DPauth chains to a CI the eUICC can verify",
	RuleCiPKIdUnknown:            "euiccCiPKIdToBeUsed is not in the signing list",
	RuleSMDPOIDMismatch:          "smdpOid is not the SM-DP+ OID of CERT.DPauth",
}

func (r Rule) String() string {
	if int(r) < len(ruleText) && ruleText[r] != "" {
		return ruleText[r]
	}
	return "rule " + strconv.Itoa(int(r))
}

// StatusCode is an SM-DP+ status code pair: SGP.22 subject code and reason
// code, as an ES9+ function reports them ("8.1.3" / "6.1").
type StatusCode struct {
	Subject, Reason string
}

// The SM-DP+ status codes this package reports (RSP-FACTS §3.2, §5.3; the
// 8.1.2 and 6.3 forms are [MEM]).
var (
	StatusEUMInvalid          = StatusCode{"8.1.2", "6.1"}  // CERT.EUM verification failed [MEM]
	StatusEUMExpired          = StatusCode{"8.1.2", "6.3"}  // CERT.EUM expired [MEM]
	StatusEUICCInvalid        = StatusCode{"8.1.3", "6.1"}  // CERT.EUICC (chain) verification failed
	StatusEUICCExpired        = StatusCode{"8.1.3", "6.3"}  // CERT.EUICC expired [MEM]
	StatusEIDNotPermitted     = StatusCode{"8.1.4", "6.1"}  // EID outside the EUM's permitted range
	StatusCIUnknown           = StatusCode{"8.11.1", "3.9"} // CI public key unknown
	StatusPKIDNotSupported    = StatusCode{"8.8.2", "3.1"}  // none of the proposed PKIDs is supported
	StatusNoServerCertificate = StatusCode{"8.8.4", "3.7"}  // no CERT.DPauth chains to a CI supported by the eUICC
	StatusSMDPOIDMismatch     = StatusCode{"8.8", "3.10"}   // smdpOid (e.g. in euiccCancelSessionSigned) is not the SM-DP+'s
)

// Error makes a StatusCode usable as an errors.Is target.
func (s StatusCode) Error() string { return s.Subject + "/" + s.Reason }

// ES10Code is the eUICC's AuthenticateErrorCode (ES10b.AuthenticateServer) /
// PrepareDownload error code, as in the SGP.22 ASN.1 (RSP-FACTS §3.2).
type ES10Code uint8

// The ES10b codes used for certificate failures.
const (
	ES10InvalidCertificate ES10Code = 1
	ES10InvalidSignature   ES10Code = 2
	ES10UnsupportedCurve   ES10Code = 3
	ES10InvalidOid         ES10Code = 5
	ES10CiPKUnknown        ES10Code = 7
	ES10UndefinedError     ES10Code = 127
)

func (c ES10Code) String() string {
	switch c {
	case ES10InvalidCertificate:
		return "invalidCertificate(1)"
	case ES10InvalidSignature:
		return "invalidSignature(2)"
	case ES10UnsupportedCurve:
		return "unsupportedCurve(3)"
	case ES10InvalidOid:
		return "invalidOid(5)"
	case ES10CiPKUnknown:
		return "ciPKUnknown(7)"
	case ES10UndefinedError:
		return "undefinedError(127)"
	}
	return "ES10 code " + strconv.Itoa(int(c))
}

// Error makes an ES10Code usable as an errors.Is target.
func (c ES10Code) Error() string { return c.String() }

// Error is a certificate failure. It names the rule, the certificate at fault
// (by its position's role) and the codes each side reports: Status for an
// SM-DP+ (ES9+), ES10 for an eUICC.
//
// errors.Is matches an *Error target on its non-zero fields (so the sentinel
// ErrExpired matches any expired certificate), a [StatusCode] target on
// Status, and an [ES10Code] target on ES10.
type Error struct {
	Rule   Rule
	Cert   Role // the certificate at fault: RoleEUM, RoleEUICC, RoleDPauth, ... (RoleNone for a bare parse)
	Status StatusCode
	ES10   ES10Code
	Detail string // a constant or a short explanation
	Err    error  // the DER error underneath, if any
}

func (e *Error) Error() string {
	s := "rspcert: "
	if e.Cert != RoleNone {
		s += e.Cert.String() + " certificate: "
	}
	s += e.Rule.String()
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	if e.Status.Subject != "" {
		s += " [" + e.Status.Error() + "]"
	}
	if e.ES10 != 0 {
		s += " [" + e.ES10.String() + "]"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the DER error underneath, if any.
func (e *Error) Unwrap() error { return e.Err }

// Is implements the matching described on [Error].
func (e *Error) Is(target error) bool {
	switch t := target.(type) {
	case *Error:
		return (t.Rule == 0 || t.Rule == e.Rule) && (t.Cert == RoleNone || t.Cert == e.Cert) &&
			(t.Status == StatusCode{} || t.Status == e.Status) && (t.ES10 == 0 || t.ES10 == e.ES10)
	case StatusCode:
		return t == e.Status
	case ES10Code:
		return t == e.ES10
	}
	return false
}

// Sentinels for errors.Is, one per rule.
var (
	ErrMalformed                = &Error{Rule: RuleMalformed}
	ErrUnknownCriticalExtension = &Error{Rule: RuleUnknownCriticalExtension}
	ErrVersion                  = &Error{Rule: RuleVersion}
	ErrSignatureAlgorithm       = &Error{Rule: RuleSignatureAlgorithm}
	ErrUnknownCI                = &Error{Rule: RuleUnknownCI}
	ErrCINotSelected            = &Error{Rule: RuleCINotSelected}
	ErrAuthorityKeyID           = &Error{Rule: RuleAuthorityKeyID}
	ErrIssuerName               = &Error{Rule: RuleIssuerName}
	ErrSignature                = &Error{Rule: RuleSignature}
	ErrNotYetValid              = &Error{Rule: RuleNotYetValid}
	ErrExpired                  = &Error{Rule: RuleExpired}
	ErrRole                     = &Error{Rule: RuleRole}
	ErrKeyUsage                 = &Error{Rule: RuleKeyUsage}
	ErrBasicConstraints         = &Error{Rule: RuleBasicConstraints}
	ErrSubjectKeyID             = &Error{Rule: RuleSubjectKeyID}
	ErrCurve                    = &Error{Rule: RuleCurve}
	ErrEIDFormat                = &Error{Rule: RuleEIDFormat}
	ErrEIDNotPermitted          = &Error{Rule: RuleEIDNotPermitted}
	ErrSMDPOID                  = &Error{Rule: RuleSMDPOID}
	ErrSMDPMismatch             = &Error{Rule: RuleSMDPMismatch}
	ErrCIProfile                = &Error{Rule: RuleCIProfile}
	ErrNoSupportedCI            = &Error{Rule: RuleNoSupportedCI}
	ErrNoServerCertificate      = &Error{Rule: RuleNoServerCertificate}
	ErrCiPKIdUnknown            = &Error{Rule: RuleCiPKIdUnknown}
	ErrSMDPOIDMismatch          = &Error{Rule: RuleSMDPOIDMismatch}
)

// codes maps a rule broken by the certificate in position cert to the codes
// each side reports.
func codes(rule Rule, cert Role) (StatusCode, ES10Code) {
	var st StatusCode
	switch cert {
	case RoleEUM:
		switch rule {
		case RuleUnknownCI, RuleCINotSelected:
			st = StatusCIUnknown
		case RuleExpired, RuleNotYetValid:
			st = StatusEUMExpired
		default:
			st = StatusEUMInvalid
		}
	case RoleEUICC:
		switch rule {
		case RuleExpired, RuleNotYetValid:
			st = StatusEUICCExpired
		case RuleEIDNotPermitted:
			st = StatusEIDNotPermitted
		default:
			st = StatusEUICCInvalid
		}
	case RoleCI:
		st = StatusCIUnknown
	default: // the SM-DP+'s own certificates (DPauth, DPpb, DSauth, DP TLS)
		st = StatusNoServerCertificate
	}
	es := ES10InvalidCertificate
	switch rule {
	case RuleCurve:
		es = ES10UnsupportedCurve
	case RuleRole, RuleSMDPOID, RuleSMDPOIDMismatch:
		es = ES10InvalidOid
	case RuleCiPKIdUnknown, RuleNoSupportedCI:
		es = ES10CiPKUnknown
	case RuleUnknownCI, RuleCINotSelected:
		if cert == RoleEUM || cert == RoleCI {
			es = ES10CiPKUnknown
		}
	}
	switch rule {
	case RuleNoSupportedCI:
		st = StatusPKIDNotSupported
	case RuleNoServerCertificate:
		st = StatusNoServerCertificate
	case RuleCiPKIdUnknown:
		st = StatusCode{} // an eUICC-side check only
	case RuleSMDPOIDMismatch:
		st = StatusSMDPOIDMismatch
	}
	return st, es
}

// fail builds the *Error for rule broken by the certificate at position cert.
func fail(rule Rule, cert Role, detail string) *Error {
	st, es := codes(rule, cert)
	return &Error{Rule: rule, Cert: cert, Status: st, ES10: es, Detail: detail}
}

// malformed wraps a DER error from parsing.
func malformed(detail string, err error) *Error {
	return &Error{Rule: RuleMalformed, Detail: detail, Err: err}
}
