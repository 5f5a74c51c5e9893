//go:build !amd64

package lsh

// hasAVX512 is false off amd64: minimums is minimumsGeneric.
const hasAVX512 = false

func minimums(sig Signature, shingles []uint64) { minimumsGeneric(sig, shingles) }
