package cluster

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestCountCommon holds countCommon to a plain count: exact at or above
// need, below need otherwise, on random sets of every overlap.
func TestCountCommon(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		a, b := overlapping(r, 1+r.IntN(60), 1+r.IntN(60), r.Float64())
		want := 0
		for _, x := range a {
			if _, ok := slices.BinarySearch(b, x); ok {
				want++
			}
		}
		for need := range 70 {
			got := countCommon(a, b, need)
			if want >= need && got != want || want < need && got >= need {
				t.Fatalf("countCommon(%v, %v, %d) = %d, %d in common", a, b, need, got, want)
			}
		}
	}
}

// overlapping returns two sorted sets of distinct values of na and nb
// elements, about share of the smaller found in the larger.
func overlapping(r *rand.Rand, na, nb int, share float64) (a, b []uint64) {
	seen := map[uint64]bool{}
	fresh := func() uint64 {
		for {
			if x := r.Uint64(); !seen[x] {
				seen[x] = true
				return x
			}
		}
	}
	for range na {
		a = append(a, fresh())
	}
	for _, x := range a[:min(na, nb)] {
		if r.Float64() < share {
			b = append(b, x)
		}
	}
	for len(b) < nb {
		b = append(b, fresh())
	}
	slices.Sort(a)
	slices.Sort(b)
	return a, b
}

// BenchmarkCountCommon counts the shingles of paragraph-sized sets (100
// and 120 shingles) as verification meets them: a candidate pair that
// fails (a tenth in common, against the 60 the default test needs) and
// one that passes (nine tenths).
func BenchmarkCountCommon(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, c := range []struct {
		name  string
		share float64
	}{{"fail", 0.1}, {"pass", 0.9}} {
		x, y := overlapping(r, 100, 120, c.share)
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				countCommon(x, y, 60)
			}
		})
	}
}
