package saip

import "errors"

// Errors of the ICCID and IMSI helpers.
var (
	ErrICCIDDigits     = errors.New("saip: ICCID must be 18 digits (check digit added) or 19-20 digits ending in a Luhn check digit")
	ErrICCIDCheckDigit = errors.New("saip: ICCID Luhn check digit is wrong")
	ErrICCIDCoding     = errors.New("saip: ICCID is not F-padded BCD")
	ErrIMSIDigits      = errors.New("saip: IMSI must be 6 to 15 decimal digits")
	ErrIMSICoding      = errors.New("saip: EF_IMSI content is malformed")
	errICCIDLength     = ErrICCIDCoding
)

// LuhnCheckDigit returns the Luhn (ISO/IEC 7812-1 Annex B) check digit for
// the decimal digit string digits, as an ASCII digit. ok is false when
// digits holds a non-digit.
func LuhnCheckDigit(digits string) (d byte, ok bool) {
	sum := 0
	double := true // the digit left of the check digit is doubled
	for i := len(digits) - 1; i >= 0; i-- {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n := int(c - '0')
		if double {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
		double = !double
	}
	return byte('0' + (10-sum%10)%10), true
}

// LuhnValid reports whether the last digit of digits is the Luhn check digit
// of the others.
func LuhnValid(digits string) bool {
	if len(digits) < 2 {
		return false
	}
	d, ok := LuhnCheckDigit(digits[:len(digits)-1])
	return ok && d == digits[len(digits)-1]
}

// ICCIDFromDigits encodes an ICCID (ITU-T E.118) as EFiccid does (ETSI TS
// 102 221 §13.2; SGP.22 Iccid, tag 5A): BCD with the nibbles of each byte
// swapped, padded with F to 10 bytes. Eighteen digits get their Luhn check
// digit appended; 19 or 20 digits must already end in a valid one.
func ICCIDFromDigits(digits string) ([10]byte, error) {
	var out [10]byte
	switch len(digits) {
	case 18:
		d, ok := LuhnCheckDigit(digits)
		if !ok {
			return out, ErrICCIDDigits
		}
		return encodeICCID(digits, d), nil
	case 19, 20:
		if _, ok := LuhnCheckDigit(digits); !ok {
			return out, ErrICCIDDigits
		}
		if !LuhnValid(digits) {
			return out, ErrICCIDCheckDigit
		}
		return encodeICCID(digits, 0), nil
	}
	return out, ErrICCIDDigits
}

// encodeICCID codes the digits of d, followed by the digit check when it is
// not 0, in the EFiccid coding.
func encodeICCID(d string, check byte) [10]byte {
	digit := func(k int) byte {
		switch {
		case k < len(d):
			return d[k] - '0'
		case k == len(d) && check != 0:
			return check - '0'
		}
		return 0xF
	}
	var out [10]byte
	for i := range out {
		out[i] = digit(2*i+1)<<4 | digit(2*i)
	}
	return out
}

// ICCIDDigits decodes an EFiccid-coded ICCID (nibble-swapped BCD, F-padded)
// to its digits. It checks the coding (digits, then only F padding), not the
// Luhn digit: use LuhnValid for that.
func ICCIDDigits(ef []byte) (string, error) {
	if len(ef) != 10 {
		return "", ErrICCIDCoding
	}
	var buf [20]byte
	n := 0
	pad := false
	for _, b := range ef {
		for _, nib := range [2]byte{b & 0x0F, b >> 4} {
			switch {
			case nib == 0x0F:
				pad = true
			case nib <= 9 && !pad:
				buf[n] = '0' + nib
				n++
			default:
				return "", ErrICCIDCoding
			}
		}
	}
	if n < 18 {
		return "", ErrICCIDCoding
	}
	return string(buf[:n]), nil
}

// SwapNibbles swaps the two nibbles of every byte of b in place: it converts
// between the EFiccid coding and the plain BCD coding the TS.48 packages use
// in the ProfileHeader.
func SwapNibbles(b []byte) {
	for i, c := range b {
		b[i] = c<<4 | c>>4
	}
}

// IMSIFromDigits encodes an IMSI as EF_IMSI content (3GPP TS 31.102 §4.2.2):
// a length byte (the number of bytes that follow), then the parity nibble
// (9 for an odd, 1 for an even number of digits) and the digits in swapped
// BCD, padded with F; 9 bytes in all.
func IMSIFromDigits(digits string) ([9]byte, error) {
	var out [9]byte
	if len(digits) < 6 || len(digits) > 15 {
		return out, ErrIMSIDigits
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return out, ErrIMSIDigits
		}
	}
	for i := range out {
		out[i] = 0xFF
	}
	// nibble 0 is the parity, nibbles 1.. are the digits.
	nibs := len(digits) + 1
	out[0] = byte((nibs + 1) / 2)
	parity := byte(1)
	if len(digits)%2 == 1 {
		parity = 9
	}
	nib := func(k int) byte {
		if k == 0 {
			return parity
		}
		if k-1 < len(digits) {
			return digits[k-1] - '0'
		}
		return 0xF
	}
	for i := 0; i < int(out[0]); i++ {
		out[1+i] = nib(2*i+1)<<4 | nib(2*i)
	}
	return out, nil
}

// IMSIDigits decodes EF_IMSI content (TS 31.102 §4.2.2) to the IMSI digits,
// checking the length byte, the parity nibble and the F padding.
func IMSIDigits(ef []byte) (string, error) {
	if len(ef) < 2 {
		return "", ErrIMSICoding
	}
	l := int(ef[0])
	if l < 1 || l > 8 || l+1 > len(ef) {
		return "", ErrIMSICoding
	}
	var buf [16]byte
	n := 0
	pad := false
	for k := 1; k < 2*l; k++ { // nibble 0 is the parity
		b := ef[1+k/2]
		nib := b & 0x0F
		if k%2 == 1 {
			nib = b >> 4
		}
		switch {
		case nib == 0x0F && k == 2*l-1:
			pad = true
		case nib <= 9 && !pad:
			buf[n] = '0' + nib
			n++
		default:
			return "", ErrIMSICoding
		}
	}
	parity := ef[1] & 0x0F
	if n < 6 || n > 15 || parity != 1 && parity != 9 || (parity == 9) != (n%2 == 1) {
		return "", ErrIMSICoding
	}
	for _, b := range ef[1+l:] {
		if b != 0xFF {
			return "", ErrIMSICoding
		}
	}
	return string(buf[:n]), nil
}
