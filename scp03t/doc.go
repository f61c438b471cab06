// Package scp03t implements the Bound Profile Package's secure channel, the
// BSP that SGP.22 calls SCP03t (SGP.22 §2.6.4 and §5.5; RSP-FACTS §4.2–4.5):
// the key set (initial MAC chaining value, S-ENC, S-MAC), the segment
// counter, the ICV, ISO/IEC 9797-1 method 2 padding, AES-CMAC (RFC 4493)
// chaining with 8 bytes transmitted, ReplaceSessionKeys, and the protection
// and verification of 86, 87 and 88 segments of at most 1020 bytes.
//
// What it covers:
//   - Session: AppendProtect (one segment), AppendProtectAll (a whole
//     sequenceOf86 or sequenceOf88 split into maximum-size segments),
//     AppendUnprotect (C-MAC checked in constant time before anything is
//     decrypted, then strict padding), ReplaceSessionKeys, Destroy.
//   - ProtectLanes: many sessions at once (an SM-DP+ binding many profiles),
//     their CBC and CMAC chains advanced together.
//   - CMAC: plain AES-CMAC.
//   - Errors: an Unprotect failure is an *Error whose Reason is the SGP.22
//     errorReason scp03tSecurityError(8) (C-MAC) or scp03tStructureError(7)
//     (everything else); match with errors.Is(err, ErrSecurity / ErrStructure).
//
// What it leaves out: the key agreement and X9.63 KDF (package ecka; use
// KeySetFromKDF on its 48 bytes), the BPP's TLV structure, the
// InitialiseSecureChannel checks and the bppCommandId bookkeeping (package
// bpp). The segment counter is not covered by the C-MAC (RSP-FACTS §4.2–4.3):
// an eUICC with the wrong counter detects it only through the padding or the
// content of the first block.
//
// Implementation: on amd64 with AES-NI and AVX every AES operation runs in
// assembly (the key schedule with AESKEYGENASSIST; CBC decryption eight
// blocks at a time; up to eight independent CBC/CMAC chains interleaved),
// selected at run time with github.com/klauspost/cpuid/v2. The purego build
// tag, other architectures and older CPUs use a table-based pure-Go AES that
// is not constant-time against cache-timing attacks. Implementation reports
// which path is in use.
//
// The protected segment of RSP-FACTS §4.3: tag ‖ L ‖ data ‖ C-MAC(8), with
// L = len(data)+8 in BER form, data = AES-CBC(S-ENC, ICV = AES(S-ENC,
// counter as a 16-byte big-endian block), plaintext ‖ 80 ‖ 00…) for 86/87
// and the plaintext for 88, and C-MAC the first 8 bytes of
// AES-CMAC(S-MAC, MCV ‖ tag ‖ L ‖ data), whose full 16 bytes become the next
// MCV. The counter starts at 1 and counts every segment, 88 included.
package scp03t
