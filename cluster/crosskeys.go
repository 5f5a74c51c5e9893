package cluster

import (
	"github.com/wirecopy/wirecopy/pivot"
	"github.com/wirecopy/wirecopy/shingle"
)

// The cross-language test outside Find: an archive files each paragraph
// under its pivot keys (Signer.Pivot) and a check finds translations by
// them, deciding candidates and matches as Find's cross-language stage
// does (see Translations in translate.go).

// MaxCrossPosting is the most paragraphs a pivot key may find before it
// is too common to find candidates with: Find's bound for an index of up
// to 51,200 paragraphs (postingCap). A store that cannot count its
// paragraphs cheaply uses this fixed bound; rarer keys (names, numbers,
// specific words) still find a translation.
const MaxCrossPosting = maxPosting

// CrossMinKeys is the fewest pivot keys a candidate pair must share;
// CrossCandidate adds the share of the smaller key set.
const CrossMinKeys = crossMinKeys

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
