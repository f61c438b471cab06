//go:build purego || !amd64

package scp03t

const haveAsm = false

const haveVAES = false

func segmentMACAsm(mac, enc *schedule, mcv, ctr, icv *[16]byte, msg *byte, nblocks int, last, t *[16]byte) {
	panic("unreachable")
}

func lanesWideAsm(l []lane, keys *packedKeys, n int) { lanesGo(l, n) }

func lanesAsm(l []lane, n int) { lanesGo(l, n) }

func expandKey(key *[16]byte, enc, dec *schedule) { expandKeyGo(key, enc, dec) }

func encryptBlock(ks *schedule, dst, src *[16]byte) { encryptBlockGo(ks, dst, src) }

func runLanes(l []lane, n int) { lanesGo(l, n) }

func cbcDecrypt(ks *schedule, iv *[16]byte, dst, src []byte) { cbcDecryptGo(ks, iv, dst, src) }

// Implementation names the code path in use (for benchmarks and the CLI).
func Implementation() string { return "go" }
