//go:build !purego

package scp03t

const haveAsm = false

func expandKey(key *[16]byte, enc, dec *schedule) { expandKeyGo(key, enc, dec) }

func encryptBlock(ks *schedule, dst, src *[16]byte) { encryptBlockGo(ks, dst, src) }

func runLanes(l []lane, n int) { lanesGo(l, n) }

func cbcDecrypt(ks *schedule, iv *[16]byte, dst, src []byte) { cbcDecryptGo(ks, iv, dst, src) }

func Implementation() string { return "go" }
