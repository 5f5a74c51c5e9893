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

// BenchmarkCountCommon counts the shingles of paragraph-sized sets (60
// to 90 shingles) as verification meets them: candidate pairs that fail
// (three tenths in common, against the 30 asked) and pairs that pass
// (nine tenths). Each run cycles through a thousand different pairs, as
// verification does, so that the processor cannot learn the outcome of
// each comparison of one pair.
func BenchmarkCountCommon(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, c := range []struct {
		name  string
		share float64
	}{{"fail", 0.3}, {"pass", 0.9}} {
		const pairs = 1000
		var xs, ys [pairs][]uint64
		for i := range pairs {
			xs[i], ys[i] = overlapping(r, 60+r.IntN(30), 60+r.IntN(30), c.share)
		}
		b.Run(c.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				countCommon(xs[i], ys[i], 30)
				i = (i + 1) % pairs
			}
		})
	}
}
