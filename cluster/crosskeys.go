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

// keyPostings files the paragraphs (by their position in keys) under each
// of their keys, leaving out keys that more than maxPosting of them
// have.
func keyPostings(keys [][]uint64) map[uint64][]int32 {
	m := map[uint64][]int32{}
	for i, ks := range keys {
		for _, k := range ks {
			m[k] = append(m[k], int32(i))
		}
	}
	for k, ps := range m {
		if len(ps) > maxPosting {
			delete(m, k)
		}
	}
	return m
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
