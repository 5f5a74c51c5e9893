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
// keys in parts (one a language), keys found in more than MaxPosting
// items of a part left out of that part (too common to find candidates
// with), and each lookup taking an item's rarest keys first, in all
// parts together, within lookupBudget entries.
//
// The caps are a part's own, so that the few paragraphs of one language
// are not lost among the many of another: a key every other German
// paragraph has still finds the French ones that have it. And a pair's
// share of keys (CandidatePair) is counted over the keys whose sharing
// is known: a key left out for being too common, or not looked up within
// the budget, may be shared or not, so it counts on neither side.
// Counting such keys as unshared, in one index for all languages, lost
// translations in large corpora, where most of a paragraph's everyday
// words are too common: on xl-multi-dev inside 100 MB of realnews (30%
// German), its recall fell from 0.91 to 0.59.
type KeyIndex struct {
	parts []keyTable
	part  []int32          // per item, its part
	nkeys []int32          // per item, its keys that are not left out of its part
	langs map[string]int32 // a language's part
}

// keyTable is one part of a KeyIndex: its keys in an open-addressing
// table probed linearly, each with where its items are in items, the
// postings of all keys end to end, each in item order. Go maps of keys
// to slices of items took twice as long to build (on one goroutine,
// between stages that run on every core) and to look up, and held every
// posting in a slice of its own.
type keyTable struct {
	slots []keySlot // a power of two of them, at most half full
	items []int32
	used  int // slots in use
}

// keySlot is a key and its posting: items[off:off+n]. n is 0 in an empty
// slot and leftOut for a key filed under more than MaxPosting items.
type keySlot struct {
	key uint64
	off uint32
	n   int32
}

const leftOut = -1

// slot returns k's slot in t: the one holding k, or the empty slot where
// it would go.
func (t *keyTable) slot(k uint64) *keySlot {
	mask := uint64(len(t.slots) - 1)
	// Keys are hashes, but salted ones (samelang.go in package cluster)
	// differ from one another in a few bits: mix them again.
	for i := (k * 0x9e3779b97f4a7c15) >> 32 & mask; ; i = (i + 1) & mask {
		if s := &t.slots[i]; s.n == 0 || s.key == k {
			return s
		}
	}
}

// count adds one to the items filed under k, growing the table as needed.
func (t *keyTable) count(k uint64) {
	if 2*(t.used+1) > len(t.slots) {
		old := t.slots
		t.slots = make([]keySlot, max(2*len(old), 1<<10))
		for _, s := range old {
			if s.n != 0 {
				*t.slot(s.key) = s
			}
		}
	}
	s := t.slot(k)
	if s.n == 0 {
		s.key = k
		t.used++
	}
	s.n++
}

// NewKeyIndex files item i under keys[i], a set (no key twice, as
// Features.Keys and Extractor.Keys give them), in the part of its
// language langs[i] (nil langs puts every item in one part); a nil
// keys[i] files nothing. Parts are numbered in the order their
// languages first come.
func NewKeyIndex(keys [][]uint64, langs []string) *KeyIndex {
	x := &KeyIndex{part: make([]int32, len(keys)), nkeys: make([]int32, len(keys)), langs: map[string]int32{}}
	number := x.langs
	for i := range keys {
		if keys[i] == nil {
			continue // part 0: it files nothing
		}
		lang := ""
		if langs != nil {
			lang = langs[i]
		}
		n, ok := number[lang]
		if !ok {
			n = int32(len(number))
			number[lang] = n
			x.parts = append(x.parts, keyTable{})
		}
		x.part[i] = n
	}
	if len(x.parts) == 0 {
		x.parts = append(x.parts, keyTable{})
	}
	// Count each key's items, then lay the postings out end to end
	// (leaving out the keys of too many), then file the items.
	for i, ks := range keys {
		t := &x.parts[x.part[i]]
		for _, k := range ks {
			t.count(k)
		}
	}
	for p := range x.parts {
		t := &x.parts[p]
		off := 0
		for j := range t.slots {
			s := &t.slots[j]
			switch {
			case s.n > MaxPosting:
				s.n = leftOut
			case s.n > 0:
				s.off = uint32(off)
				off += int(s.n)
				s.n = 0 // counted again as the items are filed
			}
		}
		t.items = make([]int32, off)
	}
	for i, ks := range keys {
		t := &x.parts[x.part[i]]
		for _, k := range ks {
			s := t.slot(k)
			if s.n == leftOut {
				continue
			}
			t.items[s.off+uint32(s.n)] = int32(i)
			s.n++
			x.nkeys[i]++
		}
	}
	return x
}

// KeyHits is the scratch space of one goroutine's lookups in a KeyIndex.
type KeyHits struct {
	hits    []int32
	touched []int32
	order   []posting
	unknown []int // per part, the keys whose sharing is not known
}

// posting is the items of a part filed under one key.
type posting struct {
	items []int32
	part  int32
	key   uint64
}

// Candidates calls fn with each item that shares enough of keys with it
// to be a candidate pair (CandidatePair, over the keys whose sharing is
// known in the item's part), in no set order. The items in
// language skip are not looked up (a paragraph's pairs in its own
// language are for the monolingual tests; on a two-language corpus, a
// third of the lookups); skip "" leaves none out. When the keys'
// postings pass lookupBudget entries, keys are looked up rarest first (by
// the length of their postings in a part, then part, then key) until the
// budget is spent.
func (x *KeyIndex) Candidates(keys []uint64, skip string, h *KeyHits, fn func(item int32)) {
	if len(h.hits) < len(x.nkeys) {
		h.hits = make([]int32, len(x.nkeys))
	}
	if cap(h.unknown) < len(x.parts) {
		h.unknown = make([]int, len(x.parts))
	}
	h.unknown = h.unknown[:len(x.parts)]
	clear(h.unknown)
	es := h.order[:0]
	total := 0
	skipped := int32(-1)
	if n, ok := x.langs[skip]; ok && skip != "" {
		skipped = n
	}
	for i, pt := range x.parts {
		if int32(i) == skipped {
			continue
		}
		for _, k := range keys {
			if len(pt.slots) == 0 {
				break
			}
			switch s := pt.slot(k); {
			case s.n > 0:
				es = append(es, posting{pt.items[s.off : s.off+uint32(s.n)], int32(i), k})
				total += int(s.n)
			case s.n == leftOut:
				h.unknown[i]++
			}
		}
	}
	if total > lookupBudget { // else every posting is visited, in any order
		slices.SortFunc(es, func(a, b posting) int {
			return cmp.Or(cmp.Compare(len(a.items), len(b.items)), cmp.Compare(a.part, b.part), cmp.Compare(a.key, b.key))
		})
	}
	h.order = es
	visits, cut := 0, len(es)
	for j, e := range es {
		if visits += len(e.items); visits > lookupBudget {
			cut = j
			break
		}
	}
	for _, e := range es[cut:] {
		h.unknown[e.part]++
	}
	es = es[:cut]
	if len(es) == 0 {
		return
	}
	// The longest posting is searched rather than visited: an item needs
	// MinSharedKeys hits, so only one that the other postings hit at
	// least MinSharedKeys-1 times can be a candidate, and those are few.
	// On 100 MB of realnews almost every item a lookup hits is hit once
	// (139.1 million of 141.9 million), and the longest postings were a
	// fifth of the visits.
	longest := 0
	for j, e := range es {
		if len(e.items) > len(es[longest].items) {
			longest = j
		}
	}
	last := len(es) - 1
	es[longest], es[last] = es[last], es[longest]
	searched := es[last].items
	h.touched = h.touched[:0]
	for _, e := range es[:last] {
		for _, q := range e.items {
			if h.hits[q] == 0 {
				h.touched = append(h.touched, q)
			}
			h.hits[q]++
		}
	}
	for _, q := range h.touched {
		n := h.hits[q]
		h.hits[q] = 0
		if n < MinSharedKeys-1 {
			continue
		}
		if _, ok := slices.BinarySearch(searched, q); ok {
			n++
		}
		// Most items are settled above, before their part and key
		// count are read (scattered loads, a quarter of the lookups'
		// time).
		if n >= MinSharedKeys && CandidatePair(int(n), len(keys)-h.unknown[x.part[q]], int(x.nkeys[q])) {
			fn(q)
		}
	}
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
