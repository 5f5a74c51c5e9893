package pivot

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestKeyIndexParts: a translation is found although most keys it
// shares with its original are too common in another language. The
// French paragraph below shares 5 rare keys and 10 keys that more than
// MaxPosting German paragraphs have with a 60-key query; it has 55 keys.
// Counted as before this index had parts, over all keys with the common
// ones as unshared (5 of min(60, 55) < 15%), it is no candidate.
func TestKeyIndexParts(t *testing.T) {
	query := make([]uint64, 0, 60)
	for k := range uint64(60) {
		query = append(query, 1000+k)
	}
	var keys [][]uint64
	var langs []string
	for range MaxPosting + 1 { // German paragraphs with the query's first 30 keys
		keys = append(keys, slices.Clone(query[:30]))
		langs = append(langs, "de")
	}
	fr := slices.Concat(query[50:55], query[:10])
	for k := range uint64(40) {
		fr = append(fr, 5000+k)
	}
	keys = append(keys, fr)
	langs = append(langs, "fr")
	frItem := int32(len(keys) - 1)
	if CandidatePair(5, len(query), len(fr)) {
		t.Fatalf("the case needs a pair that fails over all keys")
	}

	found := func(x *KeyIndex) bool {
		var h KeyHits
		ok := false
		x.Candidates(query, "", &h, func(q int32) { ok = ok || q == frItem })
		return ok
	}
	// By language: in the French part no key is common, so all 15
	// shared keys count.
	if !found(NewKeyIndex(keys, langs)) {
		t.Errorf("by language: the French paragraph is not a candidate")
	}
	// One part: the 30 German keys are left out and count on neither
	// side: 5 shared of min(30, 45) known keys.
	if !found(NewKeyIndex(keys, nil)) {
		t.Errorf("one part: the French paragraph is not a candidate")
	}
}

// TestCandidatesSkipLanguage: the items of the language named are not
// looked up; those of other languages are, with the same keys.
func TestCandidatesSkipLanguage(t *testing.T) {
	shared := []uint64{1, 2, 3, 4, 5, 6}
	keys := [][]uint64{shared, shared}
	langs := []string{"de", "fr"}
	x := NewKeyIndex(keys, langs)
	var h KeyHits
	var got []int32
	x.Candidates(shared, "de", &h, func(q int32) { got = append(got, q) })
	if !slices.Equal(got, []int32{1}) {
		t.Errorf("skipping German: candidates %v, want [1] (the French item)", got)
	}
	got = got[:0]
	x.Candidates(shared, "", &h, func(q int32) { got = append(got, q) })
	slices.Sort(got)
	if !slices.Equal(got, []int32{0, 1}) {
		t.Errorf("skipping none: candidates %v, want [0 1]", got)
	}
}

// candidatesByDefinition returns KeyIndex.Candidates as its comment
// states it, without the index: each part's postings in a map, keys of
// over MaxPosting items left out, postings looked up rarest first within
// lookupBudget, and a pair kept when CandidatePair holds over the keys
// whose sharing is known. The function returned gives the candidates of
// a query, sorted.
func candidatesByDefinition(keys [][]uint64, langs []string) func(query []uint64, skip string) []int32 {
	lang := func(i int) string {
		if langs == nil {
			return ""
		}
		return langs[i]
	}
	type post struct {
		items []int32
		lang  string
		part  int
		key   uint64
	}
	var parts []string // in the order their languages first come
	for i := range keys {
		if keys[i] != nil && !slices.Contains(parts, lang(i)) {
			parts = append(parts, lang(i))
		}
	}
	nkeys := make([]int, len(keys)) // keys not left out of the item's part
	type langKey struct {
		lang string
		key  uint64
	}
	postings := map[langKey][]int32{} // every item filed under a key, in order
	for i, ks := range keys {
		if keys[i] != nil {
			for _, k := range ks {
				postings[langKey{lang(i), k}] = append(postings[langKey{lang(i), k}], int32(i))
			}
		}
	}
	posting := func(l string, k uint64) []int32 { return postings[langKey{l, k}] }
	for i, ks := range keys {
		for _, k := range ks {
			if len(posting(lang(i), k)) <= MaxPosting {
				nkeys[i]++
			}
		}
	}
	return func(query []uint64, skip string) []int32 {
		unknown := map[string]int{}
		var es []post
		for pi, l := range parts {
			if l == skip && skip != "" {
				continue
			}
			for _, k := range query {
				switch items := posting(l, k); {
				case len(items) > MaxPosting:
					unknown[l]++
				case len(items) > 0:
					es = append(es, post{items, l, pi, k})
				}
			}
		}
		slices.SortStableFunc(es, func(a, b post) int {
			if len(a.items) != len(b.items) {
				return len(a.items) - len(b.items)
			}
			if a.part != b.part {
				return a.part - b.part
			}
			return cmp.Compare(a.key, b.key)
		})
		hits := map[int32]int{}
		visits := 0
		for j, e := range es {
			if visits += len(e.items); visits > lookupBudget {
				for _, e := range es[j:] {
					unknown[e.lang]++
				}
				break
			}
			for _, q := range e.items {
				hits[q]++
			}
		}
		var got []int32
		for q, n := range hits {
			if CandidatePair(n, len(query)-unknown[lang(int(q))], nkeys[q]) {
				got = append(got, q)
			}
		}
		slices.Sort(got)
		return got
	}
}

// TestCandidatesByDefinition checks the index against
// candidatesByDefinition on random items whose keys are drawn from a
// skewed vocabulary: some keys are filed under more than MaxPosting
// items of a part, and a query's postings often pass lookupBudget.
func TestCandidatesByDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	draw := func() uint64 {
		// Key k is drawn about 1/k as often: a few very common keys, a
		// long tail of rare ones, as words go.
		return uint64(math.Exp(rng.Float64()*math.Log(3000))) + 1<<40
	}
	item := func(n int) []uint64 {
		var ks []uint64
		for len(ks) < n {
			if k := draw(); !slices.Contains(ks, k) {
				ks = append(ks, k)
			}
		}
		return ks
	}
	for _, tc := range []struct {
		name  string
		langs []string
		skip  string
	}{
		{"one part", nil, ""},
		{"two parts", []string{"de", "fr"}, ""},
		{"two parts, skip de", []string{"de", "fr"}, "de"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var keys [][]uint64
			var langs []string
			for i := range 3000 {
				switch {
				case i%50 == 7:
					keys = append(keys, nil) // files nothing
				case i%5 == 0 && i > 0: // a near copy of an earlier item
					ks := slices.Clone(keys[rng.IntN(i)])
					if ks == nil {
						ks = item(10)
					}
					ks = append(ks[:len(ks)*3/4], item(5)...)
					slices.Sort(ks)
					keys = append(keys, slices.Compact(ks)) // a set, as NewKeyIndex wants
				default:
					keys = append(keys, item(5+rng.IntN(60)))
				}
				if tc.langs != nil {
					langs = append(langs, tc.langs[rng.IntN(len(tc.langs))])
				}
			}
			x := NewKeyIndex(keys, langs)
			def := candidatesByDefinition(keys, langs)
			// Keys filed under many items but not too many: a query of
			// them passes the budget.
			count := map[uint64]int{}
			for _, ks := range keys {
				for _, k := range ks {
					count[k]++
				}
			}
			var mid []uint64
			for k, n := range count {
				if n >= 60 && n <= MaxPosting {
					mid = append(mid, k)
				}
			}
			slices.Sort(mid)
			var h KeyHits
			budget, found := 0, 0
			for qi := range 300 {
				query := item(5 + rng.IntN(60))
				switch qi % 3 {
				case 0: // shares keys with an item
					if ks := keys[rng.IntN(len(keys))]; ks != nil {
						query = append(slices.Clone(ks[:len(ks)/2]), query[:len(query)/2]...)
					}
				case 1: // and has many keys of long postings
					if ks := keys[rng.IntN(len(keys))]; ks != nil {
						query = append(slices.Clone(ks[:len(ks)/2]), query[:len(query)/2]...)
					}
					for range 40 {
						query = append(query, mid[rng.IntN(len(mid))])
					}
				}
				slices.Sort(query)
				query = slices.Compact(query)
				want := def(query, tc.skip)
				var got []int32
				x.Candidates(query, tc.skip, &h, func(q int32) { got = append(got, q) })
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Fatalf("query %d (%d keys): candidates %v, want %v", qi, len(query), got, want)
				}
				found += len(got)
				total := 0
				for _, o := range h.order {
					total += len(o.items)
				}
				if total > lookupBudget {
					budget++
				}
			}
			if budget == 0 || found == 0 {
				t.Errorf("%d queries passed the lookup budget, %d candidates found: the case tests less than it should", budget, found)
			}
		})
	}
}

// BenchmarkKeyIndex builds a KeyIndex the size of a two-language scan's
// (70,000 paragraphs of 40 keys from a skewed vocabulary of 200,000, as
// the German third of 100 MB of realnews) and looks up paragraphs of
// the other language in it.
func BenchmarkKeyIndex(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	item := func() []uint64 {
		ks := make([]uint64, 0, 40)
		for len(ks) < cap(ks) {
			if k := uint64(math.Exp(rng.Float64()*math.Log(200000))) * 0x9e3779b97f4a7c15; !slices.Contains(ks, k) {
				ks = append(ks, k)
			}
		}
		return ks
	}
	keys := make([][]uint64, 70000)
	langs := make([]string, len(keys))
	for i := range keys {
		keys[i], langs[i] = item(), "de"
	}
	queries := make([][]uint64, 1000)
	for i := range queries {
		queries[i] = item()
	}
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			NewKeyIndex(keys, langs)
		}
	})
	b.Run("lookup", func(b *testing.B) {
		x := NewKeyIndex(keys, langs)
		var h KeyHits
		n, i := 0, 0
		b.ReportAllocs()
		for b.Loop() {
			x.Candidates(queries[i%len(queries)], "en", &h, func(int32) { n++ })
			i++
		}
	})
}
