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
// The same scan with 32-byte AVX2 registers (two per entry). Requires AVX2.
TEXT ·scanRows64AVX2(SB), NOSPLIT, $0-32
	MOVQ out+0(FP), DI
	MOVQ row+8(FP), SI
	MOVQ n+16(FP), CX
	MOVQ idx+24(FP), AX
	MOVQ AX, X11
	VPBROADCASTD X11, Y11 // idx in all eight 32-bit lanes
	MOVL $1, AX
	MOVQ AX, X10
	VPBROADCASTD X10, Y10 // 1 in all lanes
	VMOVDQU Y10, Y9       // position counter, starts at 1
	VPXOR Y0, Y0, Y0
	VPXOR Y1, Y1, Y1
	VPXOR Y2, Y2, Y2
	VPXOR Y3, Y3, Y3
	VPADDD Y10, Y10, Y12 // 2 in all lanes
	VPADDD Y10, Y9, Y13  // second counter, starts at 2
	CMPQ CX, $2
	JB avxtail

avxloop:
	// two entries per iteration, with separate accumulators
	VPCMPEQD Y11, Y9, Y8  // all ones iff counter == idx
	VPCMPEQD Y11, Y13, Y7 // the same for the next entry
	VPAND 0(SI), Y8, Y4
	VPAND 32(SI), Y8, Y5
	VPAND 64(SI), Y7, Y6
	VPAND 96(SI), Y7, Y14
	VPOR Y4, Y0, Y0
	VPOR Y5, Y1, Y1
	VPOR Y6, Y2, Y2
	VPOR Y14, Y3, Y3
	VPADDD Y12, Y9, Y9
	VPADDD Y12, Y13, Y13
	ADDQ $128, SI
	SUBQ $2, CX
	CMPQ CX, $2
	JAE avxloop

avxtail:
	TESTQ CX, CX
	JZ avxmerge
	VPCMPEQD Y11, Y9, Y8
	VPAND 0(SI), Y8, Y4
	VPAND 32(SI), Y8, Y5
	VPOR Y4, Y0, Y0
	VPOR Y5, Y1, Y1

avxmerge:
	VPOR Y2, Y0, Y0
	VPOR Y3, Y1, Y1

avxdone:
	VMOVDQU Y0, 0(DI)
	VMOVDQU Y1, 32(DI)
	VZEROUPPER
	RET
