package lsh

import (
	"encoding/binary"

	"golang.org/x/sys/cpu"
)

// hasAVX512 reports whether minimums may take the AVX-512 path: 8
// permutations an instruction, the 128 minimums of a default signature
// kept in registers (sign_amd64.s). It needs unsigned 64-bit minimums
// (AVX-512F) and 64-bit multiplies (AVX-512DQ).
var hasAVX512 = cpu.X86.HasAVX512F && cpu.X86.HasAVX512DQ

// minimums128 folds the n shingles whose hash values are v1[0:n] and
// v2[0:n] into sig, as minimumsGeneric does.
//
//go:noescape
func minimums128(sig *[128]uint64, v1, v2 *uint64, n int)

// minimums sets sig to the MinHash signature of shingles
// (minimumsGeneric), on the AVX-512 path when the CPU has it and sig has
// the default 128 permutations: the hash values of a batch of shingles
// are computed here, their minimums in assembly. Signatures are the same
// bits either way (TestSignMatchesGoMinhash runs both).
func minimums(sig Signature, shingles []uint64) {
	if !hasAVX512 || len(sig) != 128 {
		minimumsGeneric(sig, shingles)
		return
	}
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	var v1, v2 [64]uint64
	var buf [8]byte
	for len(shingles) > 0 {
		batch := shingles[:min(len(shingles), len(v1))]
		shingles = shingles[len(batch):]
		for i, sh := range batch {
			binary.LittleEndian.PutUint64(buf[:], sh)
			v1[i], v2[i] = h1(buf[:]), h2(buf[:])
		}
		minimums128((*[128]uint64)(sig), &v1[0], &v2[0], len(batch))
	}
}
