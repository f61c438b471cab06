package ecdsa

// NonceCandidates returns how many RFC 6979 candidates (step h) Sign(nil,
// sk, digest) draws before one lies in [1, n-1]: 1 almost always on P-256,
// where n is close to 2^256, and more than 1 for about a third of the
// key/message pairs on brainpoolP256r1, where n < 0.67·2^256. The timing
// test uses it to keep this rejection sampling, which reveals nothing about
// the nonce finally used, apart from the constant-time arithmetic it checks.
func NonceCandidates(sk *PrivateKey, digest []byte) int {
	n := sk.c.OrderBytes()
	var g drbg
	var k [32]byte
	g.init(&sk.d, digest, &n, nil)
	for count := 1; ; count++ {
		if count > 1 {
			var msg [33]byte
			copy(msg[:], g.v[:])
			g.k = hmacSHA256(&g.k, msg[:33])
			g.v = hmacSHA256(&g.k, g.v[:])
		}
		g.v = hmacSHA256(&g.k, g.v[:])
		k = g.v
		if lessThan(&k, &n) && !isZero32(&k) {
			return count
		}
	}
}
