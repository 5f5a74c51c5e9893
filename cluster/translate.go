package cluster

import (
	"cmp"
	"slices"
	"sync"

	"github.com/wirecopy/wirecopy/internal/join"
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
//   - its keys, each term by its first candidate (pivot.Features.Keys),
//     are a second key family beside the monolingual band keys. The
//     paragraphs of every language but the commonest are indexed by key,
//     one part a language (pivot.KeyIndex); every paragraph then looks
//     up its keys there, and those of another language that share at
//     least pivot.MinSharedKeys keys are candidates. Pairs in one
//     language are left to the monolingual test and to the
//     same-language pass (samelang.go), whose test is stricter. Keys
//     held by more than pivot.MaxPosting paragraphs of a language are
//     too common to find candidates with there and count on neither
//     side of the share (they still count in verification);
//   - each candidate is verified by CrossMatch, a score that ignores word
//     order and accepts any of a word's translations: the share of the
//     shorter paragraph's terms found among the other's pivot IDs must
//     reach CrossThreshold, the longer one's share crossMinOther, at least
//     crossMinShared terms must match, and numbers must agree as in Match;
//   - a verified pair is kept when each paragraph is among the other's
//     best matches in its outlet (bestPairs);
//   - kept pairs are links like the monolingual ones (package join), so
//     a translation joins the cluster whose core it matches, or, one
//     step and no further, whose member that matches the core it
//     matches.
//
// Why an inverted index rather than MinHash bands: a translation's keys
// have a Jaccard similarity of only 0.1 to 0.5 with its original's
// (testdata/translations dev), so banding needs 256 permutations in 128
// bands of 2 rows (measured: recall 1.0 on dev), and signing every
// paragraph that way cost 2.7x the CPU time and 2.5x the memory of a
// monolingual scan on the 100 MB benchmark with translations mixed in.
// Most corpora have one main language; only the paragraphs in the
// others need to be kept and indexed, the rest are read once, looked up
// and dropped unless they match.
//
// A member whose language differs from its representative's is marked
// Translated; its Similarity is CrossSimilarity and its explanation the
// passages of shared pivot terms (explain.go).

// Defaults of the cross-language test, chosen on the dev split of
// testdata/translations (TestTranslations) and checked on its test
// split; the README gives the figures.
const (
	// DefaultCrossThreshold is the share of the shorter paragraph's
	// terms that must be found in the other. On dev (bench/translate.sh
	// --cross-threshold T), F1 over all languages was 1.0 at 0.4, 0.979
	// at 0.45, 0.933 at 0.5, 0.820 at 0.6 (German and Spanish alone: 1.0
	// up to 0.5), and paragraphs of the same story that say other things
	// reached at most 0.39, so it was 0.45. With the wordnet lexicons,
	// Polish forms and bestPairs it is 0.42: xl-multi-dev F1 0.9307 at
	// 0.45, 0.9437 at 0.42 (precision 0.976, 0.975; Polish share 0.82,
	// 0.86), testdata translations 1.0 on dev and test from 0.4, and
	// SemEval's 177 cross-language different-story pairs share no
	// cluster at 0.4 either. At 0.4, seed 004's English paragraph on
	// Russia's build-up along Ukraine's border joins seed 001's German
	// one on Stoltenberg's reply (0.40), another part of the story.
	DefaultCrossThreshold = 0.42
	// crossMinOther is the share of the longer paragraph's terms that
	// must be found in the shorter: it keeps a short paragraph from
	// matching a long one of the same story that contains its words.
	crossMinOther = 0.3
	// crossMinShared is the fewest matching terms: fewer is a headline
	// or a caption, where names alone would decide.
	crossMinShared = 6
	// CrossKeys is the candidates per term that are keys (see
	// pivot.Features.Keys): a term's first candidate only, since all of
	// them gave translations lower key similarities (0.05 to 0.3
	// instead of 0.1 to 0.5) and more chance matches.
	CrossKeys = 1
)

// ParagraphLang returns the language of a paragraph of a document whose
// Lang is docLang, as Find sets Paragraph.Lang for an indexed paragraph.
func (o Options) ParagraphLang(docLang, text string) string {
	if c := pivot.Code(docLang); c != "" {
		return c
	}
	if docLang != "" || o.Monolingual {
		return docLang
	}
	return pivot.Detect(text)
}

// isTranslation reports whether paragraphs p and q are a translation pair:
// the cross-language stage ran, they are in different known languages,
// and their shingles do not match (documents whose lang fields differ
// but whose texts are the same copy are not translations); or they were
// joined as two translations of the same copy in one language
// (samelang.go).
func (b *Builder) isTranslation(p, q int) bool {
	if b.pfeats == nil {
		return false
	}
	return b.opts.Translated(b.res.Paragraphs[p].Lang, b.res.Paragraphs[q].Lang, b.feats[p], b.feats[q]) || b.sameCopyPair(p, q)
}

// similarities returns the similarity of paragraph p to q and of q to p:
// the pivot one across languages (CrossSimilarity), else the shingle
// containment, both read at once. It reads the pivot features of a
// paragraph no stage kept (pivotFeatures).
func (b *Builder) similarities(p, q int) (pq, qp float64) {
	same := false
	if b.maySameCopy(p, q) {
		b.sameMu.Lock()
		same = b.sameCopy[[2]int{min(p, q), max(p, q)}]
		b.sameMu.Unlock()
	}
	if same {
		// A pair known to be two translations of one copy; a pair not
		// yet tested is not tested here (the medoid search compares
		// many pairs, and SameMatch reads both sides' pivot terms).
		s := SameSimilarity(b.pivotFeatures(p), b.pivotFeatures(q))
		return s, s
	}
	if b.pfeats != nil && b.opts.Translated(b.res.Paragraphs[p].Lang, b.res.Paragraphs[q].Lang, b.feats[p], b.feats[q]) {
		fp, fq := b.pivotFeatures(p), b.pivotFeatures(q)
		inP, inQ, _ := pivot.Compare(fp, fq)
		return crossShare(fp, fq, inP, inQ), crossShare(fq, fp, inQ, inP)
	}
	s := similarity(b.feats[p], b.feats[q])
	return s, s
}

// pivotFeatures returns the pivot features of paragraph p, reading them
// the first time when a stage did not. Goroutines may call it at once,
// for any paragraphs: each paragraph's are read once (pfOnce), with an
// extractor of the pool. A lexicon that cannot be read leaves them empty
// (it was read once already, so this does not happen). A stage that
// writes pfeats itself does so before any goroutine calls this for the
// same paragraph.
func (b *Builder) pivotFeatures(p int) *pivot.Features { return b.featuresWith(nil, p) }

// featuresWith is pivotFeatures reading with x, an extractor the caller
// holds (a worker's, see extractor), or with one of the pool's when x is
// nil.
func (b *Builder) featuresWith(x *pivot.Extractor, p int) *pivot.Features {
	f := &b.pfeats[p]
	b.pfOnce[p].Do(func() {
		if f.Lang != "" {
			return
		}
		if x == nil {
			x, _ = b.xs.Get().(*pivot.Extractor)
			if x == nil {
				x = pivot.NewExtractor()
			}
			defer b.xs.Put(x)
		}
		*f, _ = x.Features(b.res.Paragraphs[p].Text, b.res.Paragraphs[p].Lang)
	})
	return f
}

// extractor returns worker w's extractor, made on first use. The
// stages' loops on the workers read with these, so that a word is looked
// up in the dictionaries once a worker rather than once a stage: with
// an extractor made for every stage, a two-language scan of realnews
// looked up each word of its vocabulary about a dozen times (0.8 s of
// CPU on 100 MB, pprof).
func (b *Builder) extractor(w int) *pivot.Extractor {
	if b.px[w] == nil {
		b.px[w] = pivot.NewExtractor()
	}
	return b.px[w]
}

// CrossSimilarity is the share of the shorter paragraph's pivot terms
// found in the other's.
func CrossSimilarity(a, b *pivot.Features) float64 {
	inA, inB, _ := pivot.Compare(a, b)
	return crossShare(a, b, inA, inB)
}

// crossShare is CrossSimilarity(a, b) from the shares pivot.Compare(a, b)
// returned.
func crossShare(a, b *pivot.Features, inA, inB float64) float64 {
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
	return numbersAgree(a.Numbers, b.Numbers)
}

// translationLinks runs the cross-language stage and the same-language one
// (samelang.go) over the indexed paragraphs ids (in compareKeys order)
// and returns the kept pairs as links, with the share of each side's
// pivot terms found in the other. mono are the monolingual links: the
// pivot features of their paragraphs outside the main language are read
// ahead for join.Groups.
func (b *Builder) translationLinks(ids []int, mono []join.Link) ([]join.Link, error) {
	res, opts := b.res, b.opts
	if opts.Monolingual {
		return nil, nil
	}
	var todo []int
	count := map[string]int{}
	for _, p := range ids {
		if l := res.Paragraphs[p].Lang; pivot.Code(l) != "" {
			todo = append(todo, p)
			count[l]++
		}
	}
	// Nothing to do for a corpus in one language when that is English
	// (the same-language pass leaves English out).
	if len(todo) < 2 || len(count) < 2 && count["en"] > 0 {
		return nil, nil
	}
	b.pfeats = make([]pivot.Features, len(res.Paragraphs))
	b.pfOnce = make([]sync.Once, len(res.Paragraphs))
	b.pkeys = make([][]uint64, len(res.Paragraphs))
	defer func() {
		// The workers' word caches go too: no stage after this one
		// reads with them, and the heap peaks after it (on the stress
		// corpus, while the representatives are found).
		b.pkeys = nil
		clear(b.px)
	}()
	var pairs [][2]int
	if len(count) >= 2 {
		found, err := b.crossPairs(todo, count)
		if err != nil {
			return nil, err
		}
		pairs = b.bestPairs(found, func(p, q int) float64 { return CrossSimilarity(&b.pfeats[p], &b.pfeats[q]) })
	}
	same, err := b.samePairs(todo)
	if err != nil {
		return nil, err
	}
	// Paragraphs of one document may translate each other (a bilingual
	// page), so unlike the monolingual stage this one links them. Both
	// lists are sorted, so the links come in one order whatever the
	// number of workers.
	all := slices.Concat(pairs, same)
	links := make([]join.Link, len(all))
	b.parallel(len(all), func(_, i int) {
		p, q := all[i][0], all[i][1]
		inP, inQ, _ := pivot.Compare(&b.pfeats[p], &b.pfeats[q])
		links[i] = join.Link{A: int32(p), B: int32(q), SA: float32(inP), SB: float32(inQ)}
	})
	// join.Groups fits paragraphs of two languages, or two translations
	// in one, through their pivot features, read when a fit first needs
	// them (pivotFeatures). Those of the linked paragraphs outside the
	// main language are read now, in one pass on every worker: when
	// Groups read them one at a time on one goroutine, that was 3.6 s of
	// CPU on the stress corpus. The main language's are read there, as
	// few are needed.
	// The paragraphs linked are marked, then taken in order: on the
	// stress corpus, with 4 million links, collecting their ends and
	// sorting them was 0.6 s on one goroutine.
	main := pivot.MainLanguage(count)
	linked := make([]bool, len(res.Paragraphs))
	for _, ls := range [][]join.Link{mono, links} {
		for _, l := range ls {
			linked[l.A], linked[l.B] = true, true
		}
	}
	var need []int
	for p, ok := range linked {
		if lang := res.Paragraphs[p].Lang; ok && lang != main && pivot.Code(lang) != "" && b.pfeats[p].Lang == "" {
			need = append(need, p)
		}
	}
	if err := b.extract(need); err != nil {
		return nil, err
	}
	return links, nil
}

// crossPairs returns the pairs of paragraphs of todo in two languages
// that pass CrossMatch; count holds the paragraphs per language.
func (b *Builder) crossPairs(todo []int, count map[string]int) ([][2]int, error) {
	res, opts := b.res, b.opts
	main := pivot.MainLanguage(count)
	// The paragraphs in other languages than the main one: read and
	// indexed by key.
	var indexed []int
	slot := make(map[int]int32) // paragraph -> position in indexed
	for _, p := range todo {
		if res.Paragraphs[p].Lang != main {
			slot[p] = int32(len(indexed))
			indexed = append(indexed, p)
		}
	}
	keys, err := b.readKeys(indexed)
	if err != nil {
		return nil, err
	}
	langs := make([]string, len(indexed))
	for i, p := range indexed {
		langs[i] = res.Paragraphs[p].Lang
		b.pkeys[p] = keys[i]
	}
	index := pivot.NewKeyIndex(keys, langs)
	// The features of an indexed paragraph are read when it is first in
	// a candidate pair (pivotFeatures): most never are (on 100 MB of
	// realnews, reading all of them was a sixth of the stage), and their
	// keys are enough to index them.

	// Every paragraph looks up its keys; the main language's are read
	// here and kept only when they match.
	found := make([][][2]int, opts.Workers)
	errs := make([]error, opts.Workers)
	var wg sync.WaitGroup
	for w := range opts.Workers {
		wg.Go(func() {
			x := b.extractor(w)
			var h pivot.KeyHits
			for i := w; i < len(todo); i += opts.Workers {
				p := todo[i]
				pp := &res.Paragraphs[p]
				self, isIndexed := slot[p]
				var keys []uint64
				if isIndexed {
					keys = b.pkeys[p]
				} else {
					var err error
					if keys, err = x.LookupKeys(pp.Text, pp.Lang); err != nil {
						errs[w] = err
						return
					}
				}
				// The features of a paragraph are read only when it has
				// a candidate; a paragraph of the main language keeps
				// them only when it matches.
				var f *pivot.Features
				matched := false
				index.Candidates(keys, pp.Lang, &h, func(q int32) {
					qp := indexed[q]
					// Each pair of indexed paragraphs once (never one
					// language with itself: Candidates skips pp's).
					if errs[w] != nil || isIndexed && q <= self ||
						!res.near(opts, pp.Doc, res.Paragraphs[qp].Doc) {
						return
					}
					switch {
					case f != nil:
					case isIndexed:
						f = b.featuresWith(x, p)
					default:
						nf, err := x.Features(pp.Text, pp.Lang)
						if err != nil {
							errs[w] = err
							return
						}
						f = &nf
					}
					if opts.CrossMatch(f, b.featuresWith(x, qp)) {
						found[w] = append(found[w], [2]int{p, qp})
						matched = true
					}
				})
				if errs[w] != nil {
					return
				}
				if matched && !isIndexed {
					b.pfeats[p] = *f
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return slices.Concat(found...), nil
}

// crossBestMargin is how close to a paragraph's best verified match in
// a source another match of the same paragraph in that source must come
// to be kept (see bestPairs): 1, the best only (ties kept). On
// xl-multi-dev (six outlets carrying each paragraph, neighbouring
// paragraphs of one article sharing names and numbers), at threshold
// 0.45, 1.0 left 1 wrong verified pair of 33 and 2,333 right ones of
// 2,339, 0.9 left 5 wrong and 2,334 right; with the clusters (threshold
// 0.42) precision 0.9751 at 1.0, 0.9655 at 0.95, 0.9560 at 0.9, recall
// 0.9143 at all three.
const crossBestMargin = 1.0

// bestPairs keeps the verified cross-language pairs p-q in which q is
// among p's best matches in q's source and p among q's best in p's
// source: a paragraph scoring at least crossBestMargin times the best
// similarity (sim) of the paragraph's matches there. An outlet carries one
// translation of a paragraph; the neighbouring paragraphs of the same
// article that also pass CrossMatch (the same names, numbers and topic
// words) score lower than the translation itself, so they are dropped
// here instead of joining two paragraphs' clusters. An outlet that
// carries one translation twice keeps both (their scores are equal), and
// they match each other by shingles anyway. The result is sorted.
func (b *Builder) bestPairs(pairs [][2]int, sim func(p, q int) float64) [][2]int {
	sims := make([]float64, len(pairs))
	b.parallel(len(pairs), func(_, i int) { sims[i] = sim(pairs[i][0], pairs[i][1]) })
	// A paragraph and a source, as one word: the sources numbered here
	// (hashing their names for every pair was most of this function's
	// 0.4 s on one goroutine on the stress corpus).
	docSource := b.res.sourceNumbers()
	side := func(p, in int) uint64 {
		return uint64(p)<<32 | uint64(docSource[b.res.Paragraphs[in].Doc])
	}
	best := map[uint64]float64{}
	for i, pq := range pairs {
		for _, s := range [2]uint64{side(pq[0], pq[1]), side(pq[1], pq[0])} {
			best[s] = max(best[s], sims[i])
		}
	}
	var kept [][2]int
	for i, pq := range pairs {
		if sims[i] >= crossBestMargin*best[side(pq[0], pq[1])] &&
			sims[i] >= crossBestMargin*best[side(pq[1], pq[0])] {
			kept = append(kept, pq)
		}
	}
	slices.SortFunc(kept, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	return kept
}

// joinMembers tells join.Groups about the paragraphs of a Builder.
type joinMembers struct{ b *Builder }

// Compare orders paragraphs by document ID and paragraph.
func (m joinMembers) Compare(p, q int) int { return m.b.res.compareKeys(p, q) }

// Translation reports whether p and q are a translation pair.
func (m joinMembers) Translation(p, q int) bool { return m.b.isTranslation(p, q) }

// Fit reports whether paragraph p carries the copy of the core c of a
// cluster, with the share of p's text found in c and of c's in p: Match
// on their shingles, or through the pivot CrossMatch across languages
// and SameMatch in one (sameCopyPair), with Within applied to their
// documents' dates. Goroutines may call it at once.
func (m joinMembers) Fit(p, c int) (own, core float64, ok bool) {
	b := m.b
	res, opts := b.res, b.opts
	pp, pc := &res.Paragraphs[p], &res.Paragraphs[c]
	if !res.near(opts, pp.Doc, pc.Doc) {
		return 0, 0, false
	}
	if common, ok := opts.matchCommon(b.feats[p], b.feats[c]); ok {
		return float64(common) / float64(len(b.feats[p].Shingles)), float64(common) / float64(len(b.feats[c].Shingles)), true
	}
	if b.pfeats == nil || pivot.Code(pp.Lang) == "" || pivot.Code(pc.Lang) == "" {
		return 0, 0, false
	}
	if pp.Lang == pc.Lang {
		if !b.sameCopyPair(p, c) {
			return 0, 0, false
		}
	} else if !opts.CrossMatch(b.pivotFeatures(p), b.pivotFeatures(c)) {
		return 0, 0, false
	}
	own, core, _ = pivot.Compare(b.pivotFeatures(p), b.pivotFeatures(c))
	return own, core, true
}

// readKeys returns the pivot keys (CrossKeys per term) of paragraphs
// ps, read on every worker.
func (b *Builder) readKeys(ps []int) ([][]uint64, error) {
	keys := make([][]uint64, len(ps))
	err := b.onWorkers(len(ps), func(x *pivot.Extractor, i int) error {
		p := &b.res.Paragraphs[ps[i]]
		var err error
		keys[i], err = x.Keys(p.Text, p.Lang)
		return err
	})
	return keys, err
}

// extract reads paragraphs ps into b.pfeats, on every worker.
func (b *Builder) extract(ps []int) error {
	return b.onWorkers(len(ps), func(x *pivot.Extractor, i int) error {
		p := &b.res.Paragraphs[ps[i]]
		var err error
		b.pfeats[ps[i]], err = x.Features(p.Text, p.Lang)
		return err
	})
}

// parallel calls fn(w, i) for i from 0 to n-1, spread over the workers
// (w, from 0, is the worker's number). The pairs of the translation
// stages are scored through it: on the stress corpus, bestPairs alone
// scored them for 1.7 s of CPU on one goroutine (pprof) while the other
// core waited.
func (b *Builder) parallel(n int, fn func(w, i int)) {
	var wg sync.WaitGroup
	for w := range b.opts.Workers {
		wg.Go(func() {
			for i := w; i < n; i += b.opts.Workers {
				fn(w, i)
			}
		})
	}
	wg.Wait()
}

// onWorkers calls fn for i from 0 to n-1, spread over the workers, each
// with its extractor, and returns the first error; a worker
// stops at its first.
func (b *Builder) onWorkers(n int, fn func(x *pivot.Extractor, i int) error) error {
	errs := make([]error, b.opts.Workers)
	b.parallel(n, func(w, i int) {
		if errs[w] != nil {
			return
		}
		errs[w] = fn(b.extractor(w), i)
	})
	return cmp.Or(errs...)
}
