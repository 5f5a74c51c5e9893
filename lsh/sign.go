package lsh

import (
	"encoding/binary"
	"math"
)

// minimumsGeneric sets sig to the MinHash signature of shingles exactly as
// go-minhash's MinWise computes it (the value of permutation i of a
// shingle is h1 + i*h2, see h1 and h2), only faster: the values of a
// shingle are produced by additions instead of a multiplication each, four
// permutations at a time with branch-free minimums, and without the
// indirect calls of go-minhash's hash functions. Signing is most of the
// time dedup spends on a corpus; TestSignMatchesGoMinhash checks that the
// signatures are the same bits.
func minimumsGeneric(sig Signature, shingles []uint64) {
	for i := range sig {
		sig[i] = math.MaxUint64
	}
	var buf [8]byte
	for _, sh := range shingles {
		binary.LittleEndian.PutUint64(buf[:], sh)
		v1, v2 := h1(buf[:]), h2(buf[:])
		step := 4 * v2
		a, b, c, d := v1, v1+v2, v1+2*v2, v1+3*v2
		m := sig
		for len(m) >= 4 {
			m[0] = min(m[0], a)
			m[1] = min(m[1], b)
			m[2] = min(m[2], c)
			m[3] = min(m[3], d)
			a += step
			b += step
			c += step
			d += step
			m = m[4:]
		}
		for i := range m {
			m[i] = min(m[i], a)
			a += v2
		}
	}
}
