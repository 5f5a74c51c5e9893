package cluster

import (
	"sync"

	"github.com/wirecopy/wirecopy/lsh"
	"github.com/wirecopy/wirecopy/pivot"
)

// Translations. Agency copy is republished in other languages, often by
// machine translation, and a translation shares no shingle with its
// original. So, unless Options.Monolingual is set, every indexed
// paragraph gets a language (its document's Lang when pivot knows it,
// else pivot.Detect), and when the corpus holds two languages or more,
// a second stage runs after the monolingual one:
//
//   - each paragraph in a known language is read into the pivot
//     vocabulary (pivot.Features: its content words as English stems
//     through bilingual dictionaries, its names and numbers as
//     language-neutral anchors);
//   - the set of each paragraph's terms, each by its first candidate
//     (pivot.Features.Keys), is signed and banded like shingles, a
//     second key family (crossParams) in an index of its own, and its
//     candidate pairs are kept only across different languages: pairs
//     in one language stay with the monolingual test, whose figures do
//     not change;
//   - each candidate is verified by CrossMatch, a score that ignores word
//     order and accepts any of a word's translations: the share of the
//     shorter paragraph's terms found among the other's pivot IDs must
//     reach CrossThreshold, the longer one's share crossMinOther, at least
//     crossMinShared terms must match, and numbers must agree as in Match;
//   - verified pairs join the same union-find as monolingual ones, so a
//     translation joins its original's cluster and, through it, the
//     other translations.
//
// A member whose language differs from its representative's is marked
// Translated; its Similarity is CrossSimilarity and its explanation the
// passages of shared pivot terms (explain.go).

// Defaults of the cross-language test, chosen on the dev split of
// testdata/translations (bench/translate.sh) and checked on its test
// split; the README gives the figures.
const (
	// DefaultCrossThreshold is the share of the shorter paragraph's
	// terms that must be found in the other.
	DefaultCrossThreshold = 0.5
	// crossMinOther is the share of the longer paragraph's terms that
	// must be found in the shorter: it keeps a short paragraph from
	// matching a long one of the same story that contains its words.
	crossMinOther = 0.3
	// crossMinShared is the fewest matching terms: fewer is a headline
	// or a caption, where names alone would decide.
	crossMinShared = 6
	// crossTarget is the Jaccard similarity of key sets the second index
	// is tuned for. A term's first candidate is often not the word its
	// translation used, so translations have key sets of Jaccard
	// similarity 0.1 to 0.5 (most above 0.15), and paragraphs of one
	// story in two languages below 0.1 (testdata/translations dev). All
	// candidates instead of the first gave lower similarities (0.05 to
	// 0.3); the first two, in between.
	crossTarget = 0.1
	// crossPermutations: at 128, no banding reaches 0.1 without one-row
	// bands, which make nearly every pair a candidate; 256 gives 128
	// bands of 2 rows, finding 72% of pairs at Jaccard 0.1 and 95% at
	// 0.15, 27% at 0.05.
	crossPermutations = 256
	// crossKeys is the candidates per term that are signed.
	crossKeys = 1
)

// paragraphLang returns the language of a paragraph of a document whose
// Lang is docLang (see Paragraph.Lang).
func paragraphLang(opts Options, docLang, text string) string {
	if c := pivot.Code(docLang); c != "" {
		return c
	}
	if docLang != "" || opts.Monolingual {
		return docLang
	}
	return pivot.Detect(text)
}

// translation reports whether members p and q of a cluster are in
// different known languages.
func (r *Result) translation(p, q int) bool {
	lp, lq := r.Paragraphs[p].Lang, r.Paragraphs[q].Lang
	return lp != lq && pivot.Code(lp) != "" && pivot.Code(lq) != ""
}

// similarity returns the similarity of paragraphs p and q: the pivot one
// across languages, else the shingle containment.
func (b *Builder) similarity(p, q int) float64 {
	if b.pfeats != nil && b.res.translation(p, q) {
		return CrossSimilarity(&b.pfeats[p], &b.pfeats[q])
	}
	return similarity(b.feats[p], b.feats[q])
}

// CrossSimilarity is the share of the shorter paragraph's pivot terms
// found in the other's.
func CrossSimilarity(a, b *pivot.Features) float64 {
	inA, inB, _ := pivot.Compare(a, b)
	if a.Terms() <= b.Terms() {
		return inA
	}
	return inB
}

// CrossMatch reports whether two paragraphs in different languages carry
// the same copy under o (see Translations).
func (o Options) CrossMatch(a, b *pivot.Features) bool {
	threshold := o.CrossThreshold
	if threshold == 0 {
		threshold = DefaultCrossThreshold
	}
	inA, inB, shared := pivot.Compare(a, b)
	short, long := inA, inB
	if a.Terms() > b.Terms() {
		short, long = inB, inA
	}
	if shared < crossMinShared || short < threshold || long < crossMinOther {
		return false
	}
	if min(len(a.Numbers), len(b.Numbers)) < numbersToCompare {
		return true
	}
	_, _, agree := Overlap(a.Numbers, b.Numbers)
	return agree >= numbersAgreement
}

// crossParams returns the banding of the pivot index.
func crossParams() (lsh.Params, error) {
	return lsh.Optimal(crossTarget, crossPermutations)
}

// translated runs the cross-language stage over the indexed paragraphs
// ids (in compareKeys order), joining matching pairs in uf.
func (b *Builder) translated(ids []int, uf *unionFind) error {
	res, opts := b.res, b.opts
	if opts.Monolingual {
		return nil
	}
	var todo []int
	langs := map[string]bool{}
	for _, p := range ids {
		if l := res.Paragraphs[p].Lang; pivot.Code(l) != "" {
			todo = append(todo, p)
			langs[l] = true
		}
	}
	if len(langs) < 2 {
		return nil
	}
	params, err := crossParams()
	if err != nil {
		return err
	}
	ix, err := lsh.NewIndex(params)
	if err != nil {
		return err
	}
	b.pfeats = make([]pivot.Features, len(res.Paragraphs))
	keys := make([][]uint64, len(todo))
	errs := make([]error, opts.Workers)
	signer := lsh.NewSigner(crossPermutations)
	var wg sync.WaitGroup
	for w := range opts.Workers {
		wg.Go(func() {
			x := pivot.NewExtractor()
			for i := w; i < len(todo); i += opts.Workers {
				p := todo[i]
				f, err := x.Features(res.Paragraphs[p].Text, res.Paragraphs[p].Lang)
				if err != nil {
					errs[w] = err
					return
				}
				b.pfeats[p] = f
				if f.Terms() > 0 {
					keys[i], _ = ix.Keys(signer.Sign(f.Keys(crossKeys)))
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	ix.Grow(len(todo))
	var items []int // index item -> paragraph
	for i, p := range todo {
		if keys[i] == nil {
			continue
		}
		if _, err := ix.Add(keys[i]); err != nil {
			return err
		}
		items = append(items, p)
	}
	v := verifier{workers: opts.Workers, uf: uf, match: func(p, q int) bool { return opts.CrossMatch(&b.pfeats[p], &b.pfeats[q]) }}
	for i, j := range ix.Pairs() {
		pa, pb := items[i], items[j]
		da, db := res.Paragraphs[pa].Doc, res.Paragraphs[pb].Doc
		// Paragraphs of one document may translate each other (a
		// bilingual page), so unlike the monolingual stage this one
		// pairs them.
		if res.Paragraphs[pa].Lang == res.Paragraphs[pb].Lang || uf.find(pa) == uf.find(pb) || !opts.Near(res.Docs[da].Date, res.Docs[db].Date) {
			continue
		}
		v.add(pa, pb)
	}
	v.flush()
	return nil
}
