// Package ecka is the elliptic-curve key agreement of the SGP.22 BSP
// (SGP.22 §2.6.4 / §5.5, RSP-FACTS §3.1 and §4.1): ephemeral ECKA key pairs
// (otSK/otPK, tag 5F49) on NIST P-256 and brainpoolP256r1, ECDH returning the
// 32-byte X coordinate ShS, the ANSI X9.63 KDF with SHA-256, and the session
// key derivation (initial MAC chaining value, S-ENC, S-MAC). ECDHBatch
// derives many sessions' ShS at once, sharing their field inversions.
//
// Key agreement is constant time in the private scalar (it runs on
// internal/ec); the peer's public point is validated (on the curve, not the
// point at infinity, coordinates reduced) before use. The KDF and the
// derivation allocate nothing.
//
// Tested against the Wycheproof ECDH vectors of both curves (keys given as
// SubjectPublicKeyInfo: strict DER and named curves only, so its "acceptable"
// InvalidAsn/UnnamedCurve cases are rejected, compressed points accepted),
// crypto/ecdh, OpenSSL, the KDF vectors of RSP-FACTS §4.6, and a recorded
// SM-DP+ session whose first BSP segment must authenticate and decrypt under
// the derived keys.
//
// Left out: the BSP itself (package scp03t), ReplaceSessionKeys, and KDFs
// other than X9.63 with SHA-256.
package ecka
