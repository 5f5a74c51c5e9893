package pivot

import (
	"cmp"
	"slices"
)

// The inverted index of pivot keys (Features.Keys) that the
// cross-language stages find candidate translations in: a scan's
// cross-language and same-language stages (package cluster), dedup's
// translations, and a check against an archive, which files the keys in
// its store and applies MaxPosting and CandidatePair to what it looks
// up. Why an inverted index and not MinHash bands: see package cluster's
// translate.go.

const (
	// MinSharedKeys is the fewest keys a candidate pair must share, and
	// minSharedKeyShare the share of the smaller key set (CandidatePair):
	// translations that pass cluster.Options.CrossMatch share at least 4
	// keys and 0.2 of the smaller set (testdata/translations dev and
	// test), paragraphs of other stories rarely more than 0.2 (15 pairs
	// of 3,444). On the 100 MB benchmark with the translations mixed in,
	// 3 keys alone left 4 s of features and verification (a third of the
	// scan's CPU time); 3 keys and 0.15, or 4 and 0.15, found the same
	// clusters, 4 in 10% less CPU time.
	MinSharedKeys     = 4
	minSharedKeyShare = 0.15
	// MaxPosting bounds the indexed paragraphs one key may find: a key
	// that common ("say", "year", "government") finds mostly other
	// stories, and the rarer keys a translation shares with its original
	// (names, numbers, specific words) find it anyway. It does not grow
	// with the index: half a percent of the paragraphs, as it once was,
	// made the lookups grow with the square of the corpus (1,144 entries
	// a key on 100 MB of realnews). lookupBudget bounds a paragraph's
	// lookups as a whole.
	MaxPosting = 256
	// lookupBudget bounds the index entries one paragraph's keys may
	// visit when it looks for candidates: its keys are looked up rarest
	// first, and a key whose entries would take the visits past the
	// budget, and every commoner key, is left out. A translation shares
	// its rarest keys (names, numbers, specific words) with its original,
	// and those are the ones looked up; what the budget can miss is a
	// translation whose paragraph has more than a few keys among the
	// budget's last, common ones and shares too few rare ones
	// (MinSharedKeys) with its original. Measured: the dev sets' figures
	// do not change, and on 100 MB of realnews (a small synthetic
	// vocabulary, 30% German) the stages' work falls from about a billion
	// visits to a budget per paragraph.
	lookupBudget = 4096
)

// CandidatePair reports whether two paragraphs with na and nb pivot
// keys, sharing shared of them, are a candidate pair: a pair the
// cross-language test (cluster.Options.CrossMatch) is worth running on.
func CandidatePair(shared, na, nb int) bool {
	return shared >= MinSharedKeys && float64(shared) >= minSharedKeyShare*float64(min(na, nb))
}

// KeyIndex is the inverted index of pivot keys: items filed under their
// keys, keys found in more than MaxPosting items left out (too common to
// find candidates with), and each lookup taking an item's rarest keys
// first within lookupBudget entries.
type KeyIndex struct {
	postings map[uint64][]int32
	nkeys    []int
}

// NewKeyIndex files item i under keys[i]; a nil keys[i] files nothing.
func NewKeyIndex(keys [][]uint64) *KeyIndex {
	x := &KeyIndex{postings: map[uint64][]int32{}, nkeys: make([]int, len(keys))}
	for i, ks := range keys {
		x.nkeys[i] = len(ks)
		for _, k := range ks {
			x.postings[k] = append(x.postings[k], int32(i))
		}
	}
	for k, ps := range x.postings {
		if len(ps) > MaxPosting {
			delete(x.postings, k)
		}
	}
	return x
}

// KeyHits is the scratch space of one goroutine's lookups in a KeyIndex.
type KeyHits struct {
	hits    []int32
	touched []int32
}

// Candidates calls fn with each item that shares enough of keys with it
// to be a candidate pair (CandidatePair), in the order first found.
func (x *KeyIndex) Candidates(keys []uint64, h *KeyHits, fn func(item int32)) {
	if len(h.hits) < len(x.nkeys) {
		h.hits = make([]int32, len(x.nkeys))
	}
	h.touched = h.touched[:0]
	for _, k := range rarest(keys, x.postings) {
		for _, q := range x.postings[k] {
			if h.hits[q] == 0 {
				h.touched = append(h.touched, q)
			}
			h.hits[q]++
		}
	}
	for _, q := range h.touched {
		n := h.hits[q]
		h.hits[q] = 0
		if CandidatePair(int(n), len(keys), x.nkeys[q]) {
			fn(q)
		}
	}
}

// rarest returns keys ordered by the length of their postings (then by
// key), cut where the postings would pass lookupBudget; keys without
// postings are dropped. keys is not changed.
func rarest(keys []uint64, postings map[uint64][]int32) []uint64 {
	type entry struct {
		key uint64
		n   int
	}
	var es []entry
	for _, k := range keys {
		if n := len(postings[k]); n > 0 {
			es = append(es, entry{k, n})
		}
	}
	slices.SortFunc(es, func(a, b entry) int { return cmp.Or(cmp.Compare(a.n, b.n), cmp.Compare(a.key, b.key)) })
	out := make([]uint64, 0, len(es))
	visits := 0
	for _, e := range es {
		if visits += e.n; visits > lookupBudget {
			break
		}
		out = append(out, e.key)
	}
	return out
}

// MainLanguage returns the language with the most paragraphs (ties to
// the first in byte order): the one the cross-language stages do not
// index, since most corpora have one main language and only the
// paragraphs in the others need to be kept and indexed.
func MainLanguage(count map[string]int) string {
	main := ""
	for l, n := range count {
		if main == "" || n > count[main] || n == count[main] && l < main {
			main = l
		}
	}
	return main
}
