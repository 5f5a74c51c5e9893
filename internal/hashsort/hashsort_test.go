package hashsort

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSort holds Sort and Sorted to slices.Sort on words of every
// shape: hashes, spread evenly; words that all share their top bits, so
// that one prefix gets them all; large buckets of equal keys above item
// numbers, as an LSH band has; repeated values, as a shingle bag has;
// and every size from none to more than a prefix per word. One Sorter
// sorts them all, Sorted with the buffers it hands back.
func TestSort(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	shapes := map[string]func(i int) uint64{
		"hashed":     func(i int) uint64 { return r.Uint64() },
		"low bits":   func(i int) uint64 { return r.Uint64N(1 << 40) },
		"buckets":    func(i int) uint64 { return r.Uint64N(5)<<60 | uint64(i) },
		"one bucket": func(i int) uint64 { return 7<<50 | uint64(i) },
		"repeats":    func(i int) uint64 { return r.Uint64N(8) << 61 },
	}
	var s Sorter
	for name, word := range shapes {
		for _, n := range []int{0, 1, 2, minPrefixed - 1, minPrefixed, 70, 1000, 5000, 70000} {
			words := make([]uint64, n)
			for i := range words {
				words[i] = word(i)
			}
			want := slices.Sorted(slices.Values(words))
			in := slices.Clone(words)
			s.Sort(in)
			if !slices.Equal(in, want) {
				t.Fatalf("Sort: %s, %d words: not as slices.Sort sorts them", name, n)
			}
			if got := s.Sorted(words); !slices.Equal(got, want) {
				t.Fatalf("Sorted: %s, %d words: not as slices.Sort sorts them", name, n)
			}
		}
	}
}

// BenchmarkSort sorts hashes, against slices.Sort: 70, the shingles of
// a paragraph, and 230,000, a band of 100 MB of realnews. Each run
// sorts the next of a thousand sets, or one set again for the large.
func BenchmarkSort(b *testing.B) {
	r := rand.New(rand.NewPCG(13, 14))
	for _, n := range []int{70, 230000} {
		sets := make([][]uint64, max(1, 1000*70/n))
		for i := range sets {
			sets[i] = make([]uint64, n)
			for j := range sets[i] {
				sets[i][j] = r.Uint64()
			}
		}
		buf := make([]uint64, n)
		b.Run(fmt.Sprintf("n=%d/prefix", n), func(b *testing.B) {
			var s Sorter
			i := 0
			for b.Loop() {
				copy(buf, sets[i])
				i = (i + 1) % len(sets)
				buf = s.Sorted(buf)
			}
		})
		b.Run(fmt.Sprintf("n=%d/pdqsort", n), func(b *testing.B) {
			i := 0
			for b.Loop() {
				copy(buf, sets[i])
				i = (i + 1) % len(sets)
				slices.Sort(buf)
			}
		})
	}
}
