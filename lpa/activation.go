package lpa

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// ActivationCode is a parsed SGP.22 §4.1 Activation Code (the string an end
// user scans as a QR code, "LPA:1$smdp.example.com$MATCHINGID"), plus the
// Confirmation Code the user types separately (never part of the code).
//
// [MEM] The layout below is from memory of SGP.22 v2.x §4.1 and was not
// re-verified against the specification text:
//
//	AC = AC_Format "$" SM-DP+ Address "$" AC_Token
//	     [ "$" SM-DP+ OID [ "$" Confirmation Code Required Flag [ "$" CI PKID ] ] ]
//
// AC_Format is "1"; the QR code prefixes the string with "LPA:". The AC_Token
// is the matchingId sent in ctxParamsForCommonAuthentication (it may be
// empty); the flag, when present, is "1" (a confirmation code is required) or
// empty; the OID field may be empty when a later field follows.
type ActivationCode struct {
	SMDPAddress string // FQDN of the SM-DP+ (no scheme, no port)
	MatchingID  string // AC_Token: the matchingId

	// ConfirmationCode is the end user's confirmation code (not carried in
	// the activation code). When the SM-DP+ sets ccRequiredFlag, Download
	// sends hashCc computed from it; an empty one then cancels the session.
	ConfirmationCode string

	SMDPOID                  string // optional dotted SM-DP+ OID (informational)
	ConfirmationCodeRequired bool   // optional flag "1"
	CIPKID                   []byte // optional CI public key identifier (hex in the code) [MEM]
}

// ErrActivationCode is wrapped by every ParseActivationCode failure.
var ErrActivationCode = errors.New("lpa: invalid activation code")

// maxActivationCode bounds the input (a QR code holds a few hundred bytes).
const maxActivationCode = 1024

// ParseActivationCode parses an activation code with or without the "LPA:"
// prefix of the QR code (ASCII case ignored in the prefix). It refuses an
// unknown AC_Format, an empty or malformed SM-DP+ address, control characters
// and more fields than the format has, each with an error wrapping
// ErrActivationCode.
func ParseActivationCode(s string) (ActivationCode, error) {
	var ac ActivationCode
	if len(s) > maxActivationCode {
		return ac, fmt.Errorf("%w: %d bytes (at most %d)", ErrActivationCode, len(s), maxActivationCode)
	}
	if len(s) >= 4 && strings.EqualFold(s[:4], "LPA:") {
		s = s[4:]
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7F {
			return ac, fmt.Errorf("%w: control character 0x%02X at offset %d", ErrActivationCode, c, i)
		}
	}
	f := strings.Split(s, "$")
	if f[0] != "1" {
		return ac, fmt.Errorf("%w: AC_Format %q (only \"1\" is defined)", ErrActivationCode, f[0])
	}
	if len(f) < 3 {
		return ac, fmt.Errorf("%w: %d fields, want AC_Format$SM-DP+ address$AC_Token at least", ErrActivationCode, len(f))
	}
	if len(f) > 6 {
		return ac, fmt.Errorf("%w: %d fields (at most 6)", ErrActivationCode, len(f))
	}
	if err := checkFQDN(f[1]); err != nil {
		return ac, fmt.Errorf("%w: SM-DP+ address %q: %v", ErrActivationCode, f[1], err)
	}
	ac.SMDPAddress, ac.MatchingID = f[1], f[2]
	if len(f) > 3 {
		if f[3] != "" && !dottedOID(f[3]) {
			return ac, fmt.Errorf("%w: SM-DP+ OID %q is not a dotted OID", ErrActivationCode, f[3])
		}
		ac.SMDPOID = f[3]
	}
	if len(f) > 4 {
		switch f[4] {
		case "1":
			ac.ConfirmationCodeRequired = true
		case "", "0":
		default:
			return ac, fmt.Errorf("%w: confirmation code required flag %q (want \"1\" or empty)", ErrActivationCode, f[4])
		}
	}
	if len(f) > 5 && f[5] != "" {
		b, err := hex.DecodeString(f[5])
		if err != nil || len(b) == 0 || len(b) > 32 {
			return ac, fmt.Errorf("%w: CI PKID %q is not 1..32 bytes of hex", ErrActivationCode, f[5])
		}
		ac.CIPKID = b
	}
	return ac, nil
}

// String formats ac as an activation code with the "LPA:" prefix, omitting
// trailing optional fields that are empty. The confirmation code is never
// part of it.
func (ac ActivationCode) String() string {
	f := []string{"1", ac.SMDPAddress, ac.MatchingID, ac.SMDPOID, "", ""}
	if ac.ConfirmationCodeRequired {
		f[4] = "1"
	}
	if ac.CIPKID != nil {
		f[5] = strings.ToUpper(hex.EncodeToString(ac.CIPKID))
	}
	n := len(f)
	for n > 3 && f[n-1] == "" {
		n--
	}
	return "LPA:" + strings.Join(f[:n], "$")
}

// checkFQDN accepts a DNS host name: labels of letters, digits and hyphens,
// 1..63 bytes each, not starting or ending with a hyphen, 253 bytes at most.
func checkFQDN(h string) error {
	if h == "" {
		return errors.New("empty")
	}
	if len(h) > 253 {
		return errors.New("longer than 253 bytes")
	}
	for _, l := range strings.Split(h, ".") {
		if l == "" || len(l) > 63 {
			return errors.New("empty or over-long label")
		}
		if l[0] == '-' || l[len(l)-1] == '-' {
			return errors.New("label starts or ends with '-'")
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return fmt.Errorf("character %q", c)
			}
		}
	}
	return nil
}

func dottedOID(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || len(p) > 20 {
			return false
		}
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return false
			}
		}
	}
	return true
}
