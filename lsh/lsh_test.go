package lsh

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/zeebo/xxh3"
)

// set returns the integers lo..hi-1 hashed, as a sorted shingle set.
func set(lo, hi int) []uint64 {
	var s []uint64
	for i := lo; i < hi; i++ {
		s = append(s, uint64(i)*0x9e3779b97f4a7c15^0x5bd1e995)
	}
	slices.Sort(s)
	return s
}

func TestSignDeterministicAndOwned(t *testing.T) {
	s := NewSigner(64)
	a := s.Sign(set(0, 50))
	b := s.Sign(set(0, 50))
	if !slices.Equal(a, b) || len(a) != 64 {
		t.Fatalf("signatures differ or wrong length: %d %d", len(a), len(b))
	}
	a[0] = 42
	if c := s.Sign(set(0, 50)); c[0] == 42 {
		t.Fatal("signature shares memory with the signer")
	}
	empty := s.Sign(nil)
	for _, v := range empty {
		if v != math.MaxUint64 {
			t.Fatal("empty set signature not all MaxUint64")
		}
	}
}

func TestSimilarityEstimate(t *testing.T) {
	s := NewSigner(DefaultPermutations)
	tests := []struct {
		a, b []uint64
		want float64
	}{
		{set(0, 100), set(0, 100), 1},
		{set(0, 100), set(50, 150), 50.0 / 150},
		{set(0, 100), set(20, 100), 0.8},
		{set(0, 100), set(100, 200), 0},
	}
	for _, tt := range tests {
		got, err := Similarity(s.Sign(tt.a), s.Sign(tt.b))
		if err != nil {
			t.Fatal(err)
		}
		// Three standard errors of the estimate at 128 permutations.
		if tol := 3 * math.Sqrt(tt.want*(1-tt.want)/DefaultPermutations); math.Abs(got-tt.want) > tol+1e-9 {
			t.Errorf("similarity %.3f, want %.3f ± %.3f", got, tt.want, tol)
		}
	}
	if _, err := Similarity(make(Signature, 3), make(Signature, 4)); err == nil {
		t.Error("no error for signatures of different lengths")
	}
}

func TestOptimal(t *testing.T) {
	for _, th := range []float64{0.2, 0.3, 0.5, 0.7, 0.9} {
		t.Run(fmt.Sprint(th), func(t *testing.T) {
			p, err := Optimal(th, 128)
			if err != nil {
				t.Fatal(err)
			}
			if p.Bands*p.Rows > 128 || p.Bands < 1 || p.Rows < 1 {
				t.Fatalf("invalid banding %v", p)
			}
			// The S-curve must separate well around the threshold.
			if lo, hi := p.Probability(th-0.15), p.Probability(min(th+0.15, 1)); lo > 0.5 || hi < 0.85 {
				t.Errorf("%v: P(t-0.15)=%.2f P(t+0.15)=%.2f", p, lo, hi)
			}
		})
	}
	// Higher thresholds need more rows per band.
	lo, _ := Optimal(0.3, 128)
	hi, _ := Optimal(0.8, 128)
	if hi.Rows <= lo.Rows {
		t.Errorf("rows for 0.8 (%v) not above rows for 0.3 (%v)", hi, lo)
	}
	for _, bad := range []float64{0, 1, -0.5, math.NaN()} {
		if _, err := Optimal(bad, 128); err == nil {
			t.Errorf("Optimal(%v) gave no error", bad)
		}
	}
}

func TestIndexPairs(t *testing.T) {
	p, _ := Optimal(0.5, 128)
	ix, err := NewIndex(p)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSigner(128)
	sets := [][]uint64{
		set(0, 100),     // 0
		set(5, 100),     // 1: near-duplicate of 0
		set(1000, 1100), // 2: unrelated
		set(0, 95),      // 3: near-duplicate of 0 and 1
		set(5000, 5100), // 4: unrelated
		set(1000, 1090), // 5: near-duplicate of 2
	}
	for _, st := range sets {
		keys, err := ix.Keys(s.Sign(st))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ix.Add(keys); err != nil {
			t.Fatal(err)
		}
	}
	got := map[[2]int]bool{}
	for a, b := range ix.Pairs(2) {
		if a >= b {
			t.Fatalf("pair (%d, %d) not ordered", a, b)
		}
		got[[2]int{a, b}] = true
	}
	want := map[[2]int]bool{{0, 1}: true, {0, 3}: true, {1, 3}: true, {2, 5}: true}
	for k := range want {
		if !got[k] {
			t.Errorf("missing pair %v", k)
		}
	}
	for k := range got {
		if !want[k] {
			t.Errorf("unexpected pair %v", k)
		}
	}
	if _, err := ix.Keys(make(Signature, 3)); err == nil {
		t.Error("short signature accepted")
	}
	if _, err := ix.Add([]uint64{1}); err == nil {
		t.Error("wrong number of keys accepted")
	}
}

func TestBucketPairs(t *testing.T) {
	count := func(m int) (n int, connected bool) {
		b := make([]int, m)
		for i := range b {
			b[i] = i
		}
		parent := make([]int, m)
		for i := range parent {
			parent[i] = i
		}
		var find func(int) int
		find = func(x int) int {
			if parent[x] != x {
				parent[x] = find(parent[x])
			}
			return parent[x]
		}
		bucketPairs(b, func(x, y int) bool { n++; parent[find(x)] = find(y); return true })
		for i := range m {
			if find(i) != find(0) {
				return n, false
			}
		}
		return n, true
	}
	for _, tt := range []struct{ m, pairs int }{{1, 0}, {2, 1}, {MaxBucketPairs, MaxBucketPairs * (MaxBucketPairs - 1) / 2}, {1000, 999 + 998}} {
		n, ok := count(tt.m)
		if n != tt.pairs || !ok {
			t.Errorf("bucket of %d: %d pairs (connected %v), want %d", tt.m, n, ok, tt.pairs)
		}
	}
}

func BenchmarkSign(b *testing.B) {
	s := NewSigner(DefaultPermutations)
	st := set(0, 60) // a typical news paragraph: 60 three-word shingles
	b.ReportAllocs()
	for b.Loop() {
		s.Sign(st)
	}
}

func BenchmarkPairs(b *testing.B) {
	p, _ := Optimal(0.2, 128)
	ix, _ := NewIndex(p)
	s := NewSigner(128)
	for i := range 20000 {
		keys, _ := ix.Keys(s.Sign(set(i*40, i*40+60)))
		ix.Add(keys)
	}
	b.ReportAllocs()
	for b.Loop() {
		for range ix.Pairs(2) {
		}
	}
}

// TestSortedBands checks that the bands come in order, each sorted and
// whole, whatever the number of sorting goroutines (more than the bands
// too), and that a caller may stop early.
func TestSortedBands(t *testing.T) {
	const n, bands = 1000, 13
	word := func(i, band int) uint64 { return uint64((i*7919+band*104729)%n)<<32 | uint64(band)<<16 | uint64(i) }
	for _, sorters := range []int{1, 2, 5, 20} {
		band := 0
		for words := range SortedBands(n, bands, sorters, word) {
			if len(words) != n || !slices.IsSorted(words) {
				t.Fatalf("%d sorters, band %d: %d words, sorted %v", sorters, band, len(words), slices.IsSorted(words))
			}
			for _, w := range words {
				if i := int(uint16(w)); word(i, band) != w {
					t.Fatalf("%d sorters, band %d: word %#x is not item %d's", sorters, band, w, i)
				}
			}
			band++
		}
		if band != bands {
			t.Errorf("%d sorters: %d bands, want %d", sorters, band, bands)
		}
		before := runtime.NumGoroutine()
		for range SortedBands(n, bands, sorters, word) {
			break
		}
		// The sorters end once the caller stops.
		for wait := 0; runtime.NumGoroutine() > before; wait++ {
			if wait == 200 {
				t.Fatalf("%d sorters: %d goroutines 2 s after stopping early, %d before", sorters, runtime.NumGoroutine(), before)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// bandedIndex returns an index of n items whose band keys are chosen to
// make buckets of every kind: band 0 puts the items in two buckets of
// more than MaxBucketPairs, band 1 in seven of about 30, band 2 in
// threes, band 3 in the same two large buckets as band 0, band 4 in
// fives.
func bandedIndex(t *testing.T, n int) *Index {
	t.Helper()
	ix, err := NewIndex(Params{Bands: 5, Rows: 1})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		group := []int{i % 2, i % 7, i / 3, i % 2, i / 5}
		keys := make([]uint64, len(group))
		for band, g := range group {
			keys[band] = xxh3.HashSeed([]byte{byte(g), byte(g >> 8)}, uint64(band))
		}
		if _, err := ix.Add(keys); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}

// TestIndexSeen holds Seen to the record of the pairs Candidates
// yielded: SeenBefore only for a pair yielded before, NotSeen only for
// one never yielded; and with a set of the pairs of large buckets, as
// join.Verifier keeps, every candidate is told a first proposal or a
// repeat exactly.
func TestIndexSeen(t *testing.T) {
	const n = 200
	ix := bandedIndex(t, n)
	yielded := map[[2]int32]int{} // pair -> proposals so far
	inLarge := map[[2]int32]bool{}
	counts := map[Seen]int{}
	for c := range ix.Candidates(2) {
		if c.A >= c.B {
			t.Fatalf("candidate %v not ordered", c)
		}
		if want := c.Band == 0 || c.Band == 3; c.Large != want {
			t.Fatalf("candidate %v: Large %v", c, c.Large)
		}
		p := [2]int32{c.A, c.B}
		seen := ix.Seen(c)
		counts[seen]++
		switch {
		case seen == SeenBefore && yielded[p] == 0:
			t.Fatalf("%v: SeenBefore, never yielded before", c)
		case seen == NotSeen && yielded[p] > 0:
			t.Fatalf("%v: NotSeen, yielded %d times before", c, yielded[p])
		}
		first := seen == NotSeen || seen == MaybeSeen && !inLarge[p]
		if first != (yielded[p] == 0) {
			t.Fatalf("%v: %d, in a large bucket before %v; yielded %d times before", c, seen, inLarge[p], yielded[p])
		}
		if c.Large {
			inLarge[p] = true
		}
		yielded[p]++
	}
	for _, s := range []Seen{NotSeen, SeenBefore, MaybeSeen} {
		if counts[s] == 0 {
			t.Errorf("no candidate was %d; counts %v", s, counts)
		}
	}
}
