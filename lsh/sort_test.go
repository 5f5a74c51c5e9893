package lsh

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestWordSorter holds wordSorter to slices.Sort on the words of bands
// of every shape: hashed keys, spread evenly; keys that all share their
// top bits, so that one prefix gets every word; large buckets of equal
// keys; and bands too small to sort by prefix. The sorter is used again
// and again with the buffers it hands back, as SortedBands uses it.
func TestWordSorter(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	shapes := map[string]func(i int) uint64{
		"hashed":     func(i int) uint64 { return r.Uint64()&^0xfffff | uint64(i) },
		"low bits":   func(i int) uint64 { return r.Uint64N(1<<40)&^0xfffff | uint64(i) },
		"buckets":    func(i int) uint64 { return r.Uint64N(5)<<60 | uint64(i) },
		"one bucket": func(i int) uint64 { return 7<<50 | uint64(i) },
	}
	var s wordSorter
	for name, word := range shapes {
		for _, n := range []int{1, 100, sortedPrefixes - 1, sortedPrefixes, 5000, 70000} {
			words := make([]uint64, n)
			for i := range words {
				words[i] = word(i)
			}
			want := slices.Sorted(slices.Values(words))
			if got := s.sort(words); !slices.Equal(got, want) {
				t.Fatalf("%s, %d words: not sorted as slices.Sort sorts them", name, n)
			}
		}
	}
}

// BenchmarkWordSorter sorts bands of 230,000 hashed words, those of 100
// MB of realnews, against slices.Sort.
func BenchmarkWordSorter(b *testing.B) {
	r := rand.New(rand.NewPCG(13, 14))
	words := make([]uint64, 230000)
	for i := range words {
		words[i] = r.Uint64()&^0x3ffff | uint64(i)
	}
	buf := make([]uint64, len(words))
	b.Run("prefix", func(b *testing.B) {
		var s wordSorter
		for b.Loop() {
			copy(buf, words)
			buf = s.sort(buf)
		}
	})
	b.Run("pdqsort", func(b *testing.B) {
		for b.Loop() {
			copy(buf, words)
			slices.Sort(buf)
		}
	})
}
