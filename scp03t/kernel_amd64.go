//go:build !purego

package scp03t

import (
	"unsafe"

	"github.com/klauspost/cpuid/v2"
)

//go:generate sh -c "cd _asm && go run . > ../lanes_amd64.s"

// haveAsm: the kernels use AES-NI with VEX (AVX) encodings, whose memory
// operands need no alignment.
var haveAsm = cpuid.CPU.Supports(cpuid.AESNI, cpuid.AVX)

//go:noescape
func expandKeyAsm(key *[16]byte, enc, dec *schedule)

//go:noescape
func encryptBlockAsm(ks *schedule, dst, src *[16]byte)

//go:noescape
func cbcDecryptAsm(ks *schedule, iv *[16]byte, dst, src *byte, nblocks int)

//go:noescape
func lanes1Asm(l *lane, nblocks int)

//go:noescape
func lanes2Asm(l *lane, nblocks int)

//go:noescape
func lanes3Asm(l *lane, nblocks int)

//go:noescape
func lanes4Asm(l *lane, nblocks int)

//go:noescape
func lanes5Asm(l *lane, nblocks int)

//go:noescape
func lanes6Asm(l *lane, nblocks int)

//go:noescape
func lanes7Asm(l *lane, nblocks int)

//go:noescape
func lanes8Asm(l *lane, nblocks int)

func expandKey(key *[16]byte, enc, dec *schedule) {
	if haveAsm {
		expandKeyAsm(key, enc, dec)
		return
	}
	expandKeyGo(key, enc, dec)
}

func encryptBlock(ks *schedule, dst, src *[16]byte) {
	if haveAsm {
		encryptBlockAsm(ks, dst, src)
		return
	}
	encryptBlockGo(ks, dst, src)
}

// runLanes advances every lane of l by n ≥ 1 blocks.
func runLanes(l []lane, n int) {
	if !haveAsm {
		lanesGo(l, n)
		return
	}
	lanesAsm(l, n)
}

func lanesAsm(l []lane, n int) {
	for len(l) > 0 {
		k := min(len(l), maxLanes)
		p := &l[0]
		switch k {
		case 1:
			lanes1Asm(p, n)
		case 2:
			lanes2Asm(p, n)
		case 3:
			lanes3Asm(p, n)
		case 4:
			lanes4Asm(p, n)
		case 5:
			lanes5Asm(p, n)
		case 6:
			lanes6Asm(p, n)
		case 7:
			lanes7Asm(p, n)
		default:
			lanes8Asm(p, n)
		}
		l = l[k:]
	}
}

func cbcDecrypt(ks *schedule, iv *[16]byte, dst, src []byte) {
	if !haveAsm {
		cbcDecryptGo(ks, iv, dst, src)
		return
	}
	if len(src) >= 16 {
		cbcDecryptAsm(ks, iv, unsafe.SliceData(dst), unsafe.SliceData(src), len(src)/16)
	}
}

// Implementation names the code path in use (for benchmarks and the CLI).
func Implementation() string {
	if haveAsm {
		return "amd64 AES-NI/AVX assembly"
	}
	return "go"
}
