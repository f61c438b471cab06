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

// haveVAES: the wide kernel advances two lanes per YMM register.
var haveVAES = haveAsm && cpuid.CPU.Supports(cpuid.VAES, cpuid.AVX2)

// haveVAES512: CBC decryption on ZMM registers, four blocks per register
// (the tail mask uses SHLX from BMI2).
var haveVAES512 = haveVAES && cpuid.CPU.Supports(cpuid.AVX512F, cpuid.VAES, cpuid.BMI2)

//go:noescape
func lanesWide5Asm(l *lane, keys *packedKeys, nblocks int)

//go:noescape
func lanesWide6Asm(l *lane, keys *packedKeys, nblocks int)

//go:noescape
func lanesWide7Asm(l *lane, keys *packedKeys, nblocks int)

//go:noescape
func lanesWide8Asm(l *lane, keys *packedKeys, nblocks int)

// lanesWideAsm advances 10, 12, 14 or 16 lanes (len(l) even, > 8) whose
// keys are in columns 0..len(l)-1 of keys.
func lanesWideAsm(l []lane, keys *packedKeys, n int) {
	p := &l[0]
	switch len(l) {
	case 10:
		lanesWide5Asm(p, keys, n)
	case 12:
		lanesWide6Asm(p, keys, n)
	case 14:
		lanesWide7Asm(p, keys, n)
	case 16:
		lanesWide8Asm(p, keys, n)
	default:
		panic("scp03t: bad wide lane count")
	}
}

//go:noescape
func expandKeyAsm(key *[16]byte, enc, dec *schedule)

//go:noescape
func encryptBlockAsm(ks *schedule, dst, src *[16]byte)

//go:noescape
func cbcDecryptAsm(ks *schedule, iv *[16]byte, dst, src *byte, nblocks int)

//go:noescape
func segmentMACAsm(mac, enc *schedule, mcv, ctr, icv *[16]byte, msg *byte, nblocks int, last, t *[16]byte)

//go:noescape
func cbcDecryptZAsm(ks *schedule, iv *[16]byte, dst, src *byte, nblocks int)

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
	if len(src) >= 16 && haveVAES512 {
		cbcDecryptZAsm(ks, iv, unsafe.SliceData(dst), unsafe.SliceData(src), len(src)/16)
		return
	}
	if len(src) >= 16 {
		cbcDecryptAsm(ks, iv, unsafe.SliceData(dst), unsafe.SliceData(src), len(src)/16)
	}
}

// Implementation names the code path in use (for benchmarks and the CLI).
func Implementation() string {
	if haveVAES512 {
		return "amd64 AES-NI/AVX assembly, VAES lanes, AVX-512 VAES decryption"
	}
	if haveVAES {
		return "amd64 AES-NI/AVX assembly, VAES lanes"
	}
	if haveAsm {
		return "amd64 AES-NI/AVX assembly"
	}
	return "go"
}
