package cluster

import (
	"slices"
	"sync"

	"github.com/wirecopy/wirecopy/pivot"
)

// Translations of the same copy in one language. Several outlets often
// translate the same agency story into one language, each in its own
// words, and the original may not be in the corpus: two German
// translations of one English statement share few shingles, so the
// monolingual test does not join them, and they are in one language, so
// the cross-language test does not look at them. Read into the pivot
// vocabulary, though, they agree as a translation agrees with its
// original: the same content words or their synonyms (words with a
// translation in common), the same names, the same numbers.
//
// So, unless Options.Monolingual is set, a second pass after the
// cross-language one looks at pairs of paragraphs in one known language
// other than English:
//
//   - candidates: paragraphs indexed by their pivot keys (as in the
//     cross-language stage), one index per language; a pair is a
//     candidate when pivot.CandidatePair holds for their keys, they are of
//     two documents and dated near each other (Options.Within), and
//     their shingles do not match (those are reprints, joined already);
//   - verification (SameMatch): at least sameMinShared terms must
//     match, and either each paragraph has at least sameThreshold of
//     its terms among the other's pivot IDs (a translation carries all
//     of its original), or the shorter one has sameContained of its
//     terms in the longer and the longer sameMinOther in the shorter
//     (one outlet cut the copy, or added a sentence of context); numbers
//     must agree as in Match;
//   - as across languages, a pair is kept only when each paragraph is
//     among the other's best matches in its outlet (bestPairs).
//
// The kept pairs join clusters as every verified pair does, and a member
// so joined to its representative is marked Translated ("translation of
// the same copy", not a reprint) and explained by the pivot terms the
// two share.
//
// Why not English. English is the language wire copy is written in, not
// the one it is translated into, so two English paragraphs that tell the
// same thing in other words are rewrites or independent reports: the
// monolingual test's domain. And in English the pivot vocabulary is
// only the words' stems, so a rewrite of the same facts ("Jens
// Stoltenberg, the NATO Secretary-General, said on Tuesday that allied
// ambassadors would meet Russian officials ...", TestFind's negative)
// agrees with its source as well as a translation does (0.63 of each
// side's terms).
//
// Where the line is. Independent reports of one event share names,
// numbers, topic words and quoted statements too. SemEval-2022's pairs
// of articles in one language other than English that annotators rated
// one story (Overall <= 1.5; 171 pairs in de, es, pl, zh, it, ar, tr,
// fr, ru) were looked at, not tuned on: with 0.45 of each side's terms,
// 30 of them joined through this pass, mostly independent reports
// (Sánchez's investiture, a prison riot in Zacatecas); at 0.55, 4 do:
// one dpa story on the Austrian coalition carried by several sites, a
// statement by Fenerbahçe quoted whole, and machine translations into
// Italian of two reports of one video. The pairs rated different stories
// (Overall >= 3.5) join at neither. In English (synd-dev's wire stories
// come from SemEval articles, some on one event: Auckland's abandoned
// boats, Grassley's tweet) 0.45 joined such reports as well (synd-dev F1
// 0.8368 -> 0.8275), which is one more reason to leave English out.

const (
	// sameThreshold is the share of each paragraph's terms that must be
	// found in the other (see the line above). On es2-dev (two Spanish
	// translations, one human, one by Apertium, of 214 English
	// paragraphs, the English left out; paragraphs of one article are
	// hard negatives): F1 0.9291 at 0.45, 0.9154 at 0.5, 0.8786 at 0.55.
	sameThreshold = 0.55
	// sameContained and sameMinOther: the shorter paragraph's share, and
	// the longer's, when the shorter is contained in the longer. Seeds
	// 001 and 002 (one Stoltenberg statement, the second with the
	// press conference it was said at) score 0.75 and 0.46.
	sameContained = 0.7
	sameMinOther  = 0.4
	// sameMinShared is the fewest matching terms: a sentence or two
	// that two reports of one event both write (see above) share fewer.
	sameMinShared = 10
	// sameMaxContent is the largest share of a paragraph's words that
	// may be distinct content words (its keys): prose has function
	// words (news paragraphs: about half of the words), a list of tags,
	// keywords or a table row has almost none, and two lists of one
	// topic's words agree by chance.
	sameMaxContent = 0.75
)

// SameMatch reports whether two paragraphs in one language, whose
// shingles do not match, translate the same copy (see samelang.go).
func SameMatch(a, b *pivot.Features) bool {
	inA, inB, shared := pivot.Compare(a, b)
	short, long := inA, inB
	if a.Terms() > b.Terms() {
		short, long = inB, inA
	}
	both := short >= sameThreshold && long >= sameThreshold
	contained := short >= sameContained && long >= sameMinOther
	if shared < sameMinShared || !both && !contained {
		return false
	}
	return numbersAgree(a.Numbers, b.Numbers)
}

// SameSimilarity is the smaller share of either paragraph's pivot terms
// found in the other: what SameMatch compares with its threshold.
func SameSimilarity(a, b *pivot.Features) float64 {
	inA, inB, _ := pivot.Compare(a, b)
	return min(inA, inB)
}

// langSalt keeps the keys of one language apart from another's in the
// one index samePairs builds: pivot IDs are 64-bit hashes, so mixing in
// a constant per language is as good as a key per (language, ID).
func langSalt(lang string) uint64 {
	for i, l := range pivot.Languages {
		if l == lang {
			return uint64(i+1) * 0x9e3779b97f4a7c15
		}
	}
	return 0
}

// samePairs returns the verified same-language pairs of paragraphs of
// todo, sorted, and records them in b.sameCopy. It reads the pivot keys
// of every paragraph (kept until the candidates are found) and the
// features of the paragraphs in a candidate pair only.
func (b *Builder) samePairs(todo []int) ([][2]int, error) {
	res, opts := b.res, b.opts
	workers := opts.Workers
	keys := make([][]uint64, len(todo))
	err := b.onWorkers(len(todo), func(x *pivot.Extractor, i int) error {
		p := &res.Paragraphs[todo[i]]
		if p.Lang == "en" {
			return nil // see the note on English above
		}
		// Keys the cross-language stage read are copied: they are
		// salted below.
		var k []uint64
		if known := b.pkeys[todo[i]]; known != nil {
			k = slices.Clone(known)
		} else if f := &b.pfeats[todo[i]]; f.Lang != "" {
			k = f.Keys(CrossKeys)
		} else {
			var err error
			if k, err = x.Keys(p.Text, p.Lang); err != nil {
				return err
			}
		}
		if len(k) >= sameMinShared && float64(len(k)) <= sameMaxContent*float64(p.Words) {
			salt := langSalt(p.Lang)
			for j := range k {
				k[j] ^= salt
			}
			keys[i] = k
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	index := pivot.NewKeyIndex(keys, nil) // one part: the keys are salted by language

	// Candidates: each pair once (i < j), one language (the salted keys
	// of two languages never meet).
	cands := make([][][2]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var h pivot.KeyHits
			for i := w; i < len(todo); i += workers {
				p := todo[i]
				index.Candidates(keys[i], "", &h, func(j int32) {
					if j <= int32(i) {
						return
					}
					q := todo[j]
					dp, dq := res.Paragraphs[p].Doc, res.Paragraphs[q].Doc
					if dp == dq || !res.near(opts, dp, dq) || opts.Match(b.feats[p], b.feats[q]) {
						return
					}
					cands[w] = append(cands[w], [2]int{min(p, q), max(p, q)})
				})
			}
		})
	}
	wg.Wait()
	keys, index = nil, nil

	// Features of the paragraphs in a candidate pair, then verification.
	var need []int
	seen := map[int]bool{}
	for _, cs := range cands {
		for _, pq := range cs {
			for _, p := range pq {
				if !seen[p] && b.pfeats[p].Lang == "" {
					seen[p] = true
					need = append(need, p)
				}
			}
		}
	}
	if err := b.extract(need); err != nil {
		return nil, err
	}
	found := make([][][2]int, workers)
	for w := range workers {
		wg.Go(func() {
			for _, pq := range cands[w] {
				if SameMatch(&b.pfeats[pq[0]], &b.pfeats[pq[1]]) {
					found[w] = append(found[w], pq)
				}
			}
		})
	}
	wg.Wait()
	var all [][2]int
	for _, f := range found {
		all = append(all, f...)
	}
	kept := b.bestPairs(all, func(p, q int) float64 { return SameSimilarity(&b.pfeats[p], &b.pfeats[q]) })
	b.sameCopy = make(map[[2]int]bool, len(kept))
	for _, pq := range kept {
		b.sameCopy[pq] = true
	}
	return kept, nil
}

// maySameCopy reports whether paragraphs p and q could be two
// translations of the same copy in one language: two paragraphs in one
// known language other than English. It settles most pairs before the
// shared record of sameCopy is locked and read: on the stress corpus,
// reading it for every pair the representatives compare was 1.7 s of
// CPU (pprof).
func (b *Builder) maySameCopy(p, q int) bool {
	pp, pq := &b.res.Paragraphs[p], &b.res.Paragraphs[q]
	return p != q && pp.Lang == pq.Lang && pp.Lang != "en" && pivot.Code(pp.Lang) != ""
}

// sameCopyPair reports whether paragraphs p and q are two translations
// of the same copy in one language: a pair samePairs kept, or, for a
// member and the core or representative of its cluster, a pair in one
// known language other than English whose shingles do not match and
// that SameMatch accepts (recorded then). Goroutines may call it at
// once.
func (b *Builder) sameCopyPair(p, q int) bool {
	if !b.maySameCopy(p, q) {
		return false
	}
	key := [2]int{min(p, q), max(p, q)}
	b.sameMu.Lock()
	same, ok := b.sameCopy[key]
	b.sameMu.Unlock()
	if ok || b.sameCopy == nil {
		return same
	}
	same = !b.opts.Match(b.feats[p], b.feats[q]) && SameMatch(b.pivotFeatures(p), b.pivotFeatures(q))
	b.sameMu.Lock()
	b.sameCopy[key] = same
	b.sameMu.Unlock()
	return same
}
