package cluster

import (
	"fmt"
	"testing"

	"github.com/wirecopy/wirecopy/shingle"
)

// TestMatchEstimateExact checks that MatchEstimate, given the exact
// Jaccard similarity, decides every pair as Match does: the estimate path
// applies the same rules, not an approximation of them.
func TestMatchEstimateExact(t *testing.T) {
	set := func(lo, hi int) []uint64 {
		var s []uint64
		for i := lo; i < hi; i++ {
			s = append(s, uint64(i))
		}
		return s
	}
	opts := Options{}.WithDefaults()
	n, matched := 0, 0
	for _, na := range []int{4, 8, 10, 25, 60, 200} {
		for _, nb := range []int{4, 9, 30, 60, 400} {
			for shift := 0; shift <= max(na, nb); shift += 1 + max(na, nb)/40 {
				for _, nums := range [][2][]uint64{{nil, nil}, {{1, 2}, {1, 2, 3}}, {{1, 2}, {3, 4}}} {
					a := shingle.Features{Shingles: set(0, na), Numbers: nums[0]}
					b := shingle.Features{Shingles: set(shift, shift+nb), Numbers: nums[1]}
					_, j, _ := Overlap(a.Shingles, b.Shingles)
					want := opts.Match(a, b)
					if want {
						matched++
					}
					if got := opts.MatchEstimate(na, nb, j, nums[0], nums[1]); got != want {
						t.Errorf("sizes %d and %d shifted %d, numbers %v: MatchEstimate %v, Match %v",
							na, nb, shift, nums, got, want)
					}
					n++
				}
			}
		}
	}
	if n < 100 || matched == 0 || matched == n {
		t.Fatal(fmt.Sprint(n, " cases, ", matched, " matching: the table does not test both outcomes"))
	}
	if opts.MatchEstimate(0, 10, 0, nil, nil) {
		t.Error("an empty set matched")
	}
}
