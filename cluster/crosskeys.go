package cluster

import (
	"cmp"
	"slices"

	"github.com/wirecopy/wirecopy/pivot"
	"github.com/wirecopy/wirecopy/shingle"
)

// The cross-language test outside Find: an archive files each paragraph
// under its pivot keys (Signer.Pivot) and a check finds translations by
// them, deciding candidates and matches as Find's cross-language stage
// does (see Translations in translate.go).

// MaxCrossPosting is the most paragraphs a pivot key may find before it
// is too common to find candidates with, in Find, dedup and a check
// alike; rarer keys (names, numbers, specific words) still find a
// translation.
const MaxCrossPosting = maxPosting

// CrossMinKeys is the fewest pivot keys a candidate pair must share;
// CrossCandidate adds the share of the smaller key set.
const CrossMinKeys = crossMinKeys

// lookupBudget bounds the index entries one paragraph's keys may visit
// when it looks for candidates in Find's cross-language and
// same-language stages: its keys are looked up rarest first, and a key
// whose entries would take the visits past the budget, and every
// commoner key, is left out. A translation shares its rarest keys (names,
// numbers, specific words) with its original, and those are the ones
// looked up; what the budget can miss is a translation whose paragraph
// has more than a few keys among the budget's last, common ones and
// shares too few rare ones (crossMinKeys) with its original. Measured:
// the dev sets' figures do not change, and on 100 MB of realnews (a
// small synthetic vocabulary, 30% German) the stages' work falls from
// about a billion visits to a budget per paragraph.
const lookupBudget = 4096

// KeyIndex is the inverted index of pivot keys the translation stages
// find candidates in, in scan (the cross-language and same-language
// stages) and dedup alike: items filed under their keys, keys found in
// more than MaxCrossPosting items left out (too common to find
// candidates with), and each lookup taking an item's rarest keys first
// within lookupBudget entries.
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
		if len(ps) > maxPosting {
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
// to be a candidate pair (CrossCandidate), in the order first found.
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
		if CrossCandidate(int(n), len(keys), x.nkeys[q]) {
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
// the first in byte order): the one the cross-language stage does not
// index.
func MainLanguage(count map[string]int) string {
	main := ""
	for l, n := range count {
		if main == "" || n > count[main] || n == count[main] && l < main {
			main = l
		}
	}
	return main
}

// CrossCandidate reports whether two paragraphs with na and nb pivot
// keys (pivot.Features.Keys(CrossKeys)), sharing shared of them, are a
// candidate pair for CrossMatch.
func CrossCandidate(shared, na, nb int) bool {
	return shared >= crossMinKeys && float64(shared) >= crossMinKeyShare*float64(min(na, nb))
}

// Translated reports whether two paragraphs in languages langA and langB
// with features a and b form a translation pair as Find marks one
// (Member.Translated): two different known languages, and shingles that
// do not match (documents whose lang fields differ but whose texts are
// the same copy are not translations).
func (o Options) Translated(langA, langB string, a, b shingle.Features) bool {
	return langA != langB && pivot.Code(langA) != "" && pivot.Code(langB) != "" && !o.Match(a, b)
}

// Lang returns the language of an indexed paragraph of a document whose
// Lang is docLang, as Find sets Paragraph.Lang (ParagraphLang).
func (s *Signer) Lang(docLang, text string) string { return s.opts.ParagraphLang(docLang, text) }

// Pivot returns the pivot features of text read as lang, with the
// Signer's extractor (its word cache is kept between paragraphs). It
// fails only when an embedded lexicon cannot be read.
func (s *Signer) Pivot(text, lang string) (pivot.Features, error) {
	if s.px == nil {
		s.px = pivot.NewExtractor()
	}
	return s.px.Features(text, lang)
}

// PivotKeys returns the pivot keys of text read as lang: the keys Find's
// cross-language stage looks candidates up by (CrossKeys per term).
func (s *Signer) PivotKeys(text, lang string) ([]uint64, error) {
	if s.px == nil {
		s.px = pivot.NewExtractor()
	}
	return s.px.Keys(text, lang)
}
