// Package ecdsa is ECDSA with SHA-256 on the two SGP.22 curves, NIST P-256
// (prime256v1) and brainpoolP256r1 (RFC 5639), as RSP uses it (SGP.22
// §2.6.5; RSP-FACTS §3.1): raw 64-byte r‖s signatures (BSI TR-03111 §5.2.1,
// the form carried in 5F37 data objects) and DER ECDSA-Sig-Value signatures
// (X.509 certificates, SGP.22 §4.5.2), plus the key formats the SGP.26 test
// PKI and OpenSSL use (SEC 1 / RFC 5915 "EC PRIVATE KEY", PKCS#8 "PRIVATE
// KEY", SubjectPublicKeyInfo "PUBLIC KEY", RFC 5480 named curves).
//
// Signing is constant time in the private key and the nonce (the point and
// scalar arithmetic of internal/ec); the nonce is RFC 6979's HMAC-DRBG with
// fresh randomness as additional data (§3.6), so signatures are hedged.
// Verification handles public data only and is variable time. Verification is
// strict: r and s in [1, n-1], raw signatures exactly 64 bytes, DER signatures
// minimally encoded with nothing after them, public points on the curve and not
// the point at infinity. [Verifier] keeps a precomputed table for a hot key
// (an EUM, a CI), [VerifyBatch] checks many signatures at once and
// [SignBatch] signs for many sessions at once (sharing their inversions).
// Sign, SignBatch, Verify, VerifyASN1 and Verifier.Verify allocate nothing.
//
// Strictness, in the terms of the Wycheproof suite (all its P-256 and
// brainpoolP256r1 SHA-256 vectors pass, DER and IEEE P1363): its
// "acceptable" cases are rejected — a DER INTEGER without its 00 sign octet
// (MissingZero) is not DER, and a raw signature is exactly 64 bytes (SigSize).
// Public keys in SubjectPublicKeyInfo must be strict DER with a named curve;
// compressed points are accepted.
//
// With a nil random source Sign is plain RFC 6979, byte for byte the
// signatures of crypto/ecdsa's deterministic mode on P-256; use it for tests
// and reproducible fixtures only.
//
// Digests are computed by the caller (SHA-256 over the exact signed bytes,
// RSP-FACTS §3.2). Left out: other hashes and curves, explicit curve
// parameters, encrypted PEM keys, public-key recovery.
package ecdsa
