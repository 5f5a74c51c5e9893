package lsh

import (
	"fmt"

	"github.com/zeebo/xxh3"
)

// DefaultPermutations is the signature length used when a Signer is made
// with zero permutations. 128 gives a Jaccard estimate with a standard
// error of at most 0.044 (sqrt(J(1-J)/128)) and leaves enough rows to band
// for thresholds from 0.2 to 0.9.
const DefaultPermutations = 128

// Seeds of the two hash functions the MinHash permutations are derived
// from. Fixed, so that signatures are the same on every run and machine
// and can be stored and compared later; any two distinct values would do.
const (
	seed1 = 0x9e3779b97f4a7c15
	seed2 = 0xc2b2ae3d27d4eb4f
)

// Signature is a MinHash signature: for each permutation, the minimum
// permuted hash over the set.
type Signature []uint64

// Signer computes MinHash signatures: go-minhash's, computed faster (sign.go).
// A Signer holds no mutable state and may be shared between goroutines.
type Signer struct {
	perms int
}

// NewSigner returns a Signer making signatures of perms values; perms <= 0
// means DefaultPermutations.
func NewSigner(perms int) *Signer {
	if perms <= 0 {
		perms = DefaultPermutations
	}
	return &Signer{perms: perms}
}

// Permutations returns the signature length.
func (s *Signer) Permutations() int { return s.perms }

// h1 and h2 are the two independent hash functions go-minhash combines as
// h1 + i*h2 for permutation i. h2 is forced odd so that the i*h2 terms are
// distinct for every i modulo 2^64.
func h1(b []byte) uint64 { return xxh3.HashSeed(b, seed1) }
func h2(b []byte) uint64 { return xxh3.HashSeed(b, seed2) | 1 }

// Sign returns the signature of a set of shingle hashes. The signature of
// the empty set is all math.MaxUint64. The result is a fresh slice.
func (s *Signer) Sign(shingles []uint64) Signature {
	sig := make(Signature, s.perms)
	minimums(sig, shingles)
	return sig
}

// Similarity estimates the Jaccard similarity of the sets behind two
// signatures: the share of permutations whose minimums agree. Signatures
// of different lengths cannot be compared and give an error (go-minhash
// would panic).
func Similarity(a, b Signature) (float64, error) {
	if len(a) != len(b) {
		return 0, fmt.Errorf("lsh: signatures of different lengths (%d and %d)", len(a), len(b))
	}
	if len(a) == 0 {
		return 0, nil
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a)), nil
}
