//go:build amd64 && !purego

#include "textflag.h"

// func scanRows64SSE2(out *[8]uint64, row *[8]uint64, n uint64, idx uint64)
//
// Constant-time table lookup (see scan.go): reads all n entries of 64 bytes,
// ANDs each with a mask that is all ones iff its 1-based position equals idx
// (SSE2 PCMPEQL of broadcast 32-bit counters; idx < 2^32), ORs them together.
// The loop count and every address depend only on row and n, never on idx.
TEXT ·scanRows64SSE2(SB), NOSPLIT, $0-32
	MOVQ out+0(FP), DI
	MOVQ row+8(FP), SI
	MOVQ n+16(FP), CX
	MOVQ idx+24(FP), AX
	MOVQ AX, X11
	PSHUFD $0, X11, X11 // idx in all four 32-bit lanes
	MOVL $1, AX
	MOVQ AX, X10
	PSHUFD $0, X10, X10 // 1 in all lanes
	MOVOU X10, X9       // position counter, starts at 1
	PXOR X0, X0
	PXOR X1, X1
	PXOR X2, X2
	PXOR X3, X3
	TESTQ CX, CX
	JZ done

loop:
	MOVOU X9, X8
	PCMPEQL X11, X8 // all ones iff counter == idx
	MOVOU 0(SI), X4
	MOVOU 16(SI), X5
	MOVOU 32(SI), X6
	MOVOU 48(SI), X7
	PAND X8, X4
	PAND X8, X5
	PAND X8, X6
	PAND X8, X7
	POR X4, X0
	POR X5, X1
	POR X6, X2
	POR X7, X3
	PADDL X10, X9
	ADDQ $64, SI
	DECQ CX
	JNZ loop

done:
	MOVOU X0, 0(DI)
	MOVOU X1, 16(DI)
	MOVOU X2, 32(DI)
	MOVOU X3, 48(DI)
	RET

// func scanRows64AVX2(out *[8]uint64, row *[8]uint64, n uint64, idx uint64)
//
// The same scan with 32-byte AVX2 registers (two per entry), four entries per loop iteration: a single
// position counter j (stepping by 4) is compared with idx, idx-1, idx-2 and idx-3, which is j+k == idx for
// entry k of the group. Branches depend only on n. Requires AVX2. Every vector instruction is VEX-encoded:
// one legacy-SSE MOVQ into X11 before the 256-bit code measured 3x slower on Zen 3 (SSE/AVX transition).
TEXT ·scanRows64AVX2(SB), NOSPLIT, $0-32
	MOVQ out+0(FP), DI
	MOVQ row+8(FP), SI
	MOVQ n+16(FP), CX
	MOVQ idx+24(FP), AX
	VMOVQ AX, X11        // VEX form: a legacy SSE write here costs a state transition
	VPBROADCASTD X11, Y11 // idx in all eight 32-bit lanes
	MOVL $1, AX
	VMOVQ AX, X9
	VPBROADCASTD X9, Y9   // position counter j, starts at 1
	VPADDD Y9, Y9, Y12    // 2
	VPSUBD Y9, Y11, Y10   // idx - 1
	VPSUBD Y12, Y11, Y14  // idx - 2
	VPSUBD Y9, Y14, Y13   // idx - 3
	VPADDD Y12, Y12, Y12  // 4, the counter step
	VPXOR Y0, Y0, Y0
	VPXOR Y1, Y1, Y1
	VPXOR Y2, Y2, Y2
	VPXOR Y3, Y3, Y3
	CMPQ CX, $4
	JB avxtail

avxloop:
	VPCMPEQD Y11, Y9, Y8 // entry j
	VPCMPEQD Y10, Y9, Y7 // entry j+1
	VPAND 0(SI), Y8, Y4
	VPAND 32(SI), Y8, Y5
	VPAND 64(SI), Y7, Y6
	VPAND 96(SI), Y7, Y7
	VPOR Y4, Y6, Y4
	VPOR Y5, Y7, Y5
	VPOR Y4, Y0, Y0
	VPOR Y5, Y1, Y1
	VPCMPEQD Y14, Y9, Y8 // entry j+2
	VPCMPEQD Y13, Y9, Y7 // entry j+3
	VPAND 128(SI), Y8, Y4
	VPAND 160(SI), Y8, Y5
	VPAND 192(SI), Y7, Y6
	VPAND 224(SI), Y7, Y7
	VPOR Y4, Y6, Y4
	VPOR Y5, Y7, Y5
	VPOR Y4, Y2, Y2
	VPOR Y5, Y3, Y3
	VPADDD Y12, Y9, Y9
	ADDQ $256, SI
	SUBQ $4, CX
	CMPQ CX, $4
	JAE avxloop

avxtail:
	// up to three entries left: j, j+1, j+2
	TESTQ CX, CX
	JZ avxmerge
	VPCMPEQD Y11, Y9, Y8
	VPAND 0(SI), Y8, Y4
	VPAND 32(SI), Y8, Y5
	VPOR Y4, Y0, Y0
	VPOR Y5, Y1, Y1
	CMPQ CX, $2
	JB avxmerge
	VPCMPEQD Y10, Y9, Y8
	VPAND 64(SI), Y8, Y4
	VPAND 96(SI), Y8, Y5
	VPOR Y4, Y2, Y2
	VPOR Y5, Y3, Y3
	CMPQ CX, $3
	JB avxmerge
	VPCMPEQD Y14, Y9, Y8
	VPAND 128(SI), Y8, Y4
	VPAND 160(SI), Y8, Y5
	VPOR Y4, Y0, Y0
	VPOR Y5, Y1, Y1

avxmerge:
	VPOR Y2, Y0, Y0
	VPOR Y3, Y1, Y1
	VMOVDQU Y0, 0(DI)
	VMOVDQU Y1, 32(DI)
	VZEROUPPER
	RET
