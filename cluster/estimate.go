package cluster

import "math"

// MatchEstimate is Match for callers that do not keep shingle sets, such
// as the streaming dedup stage: it takes the sizes of the two shingle
// sets and an estimate of their Jaccard similarity (from MinHash
// signatures), derives the number of shared shingles from them, and
// applies the same tests as Match: the shared shingles must reach
// MinShared, the containment Threshold and MinJaccard, and the number
// lists must agree. o must have its defaults applied (WithDefaults).
//
// From J = c/(na+nb-c) the shared count is c = J(na+nb)/(1+J); it is
// rounded to the nearest integer before it is compared with what Match
// requires, so that an exact estimate decides as Match does.
func (o Options) MatchEstimate(na, nb int, jaccard float64, numbersA, numbersB []uint64) bool {
	if na == 0 || nb == 0 {
		return false
	}
	if EstimateShared(na, nb, jaccard) < o.shared(na, nb) {
		return false
	}
	return numbersAgree(numbersA, numbersB)
}

// EstimateShared returns the number of shingles two sets of sizes na and
// nb share when their Jaccard similarity is jaccard, rounded.
func EstimateShared(na, nb int, jaccard float64) int {
	c := int(math.Round(jaccard * float64(na+nb) / (1 + jaccard)))
	return min(c, na, nb)
}
