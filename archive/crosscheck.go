package archive

import (
	"slices"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/pivot"
	"github.com/wirecopy/wirecopy/shingle"
)

// Translations. Unless the check's options are Monolingual, a paragraph
// in a language pivot reads is also looked up by its pivot keys (family
// Pivot), and the archived paragraphs in another language that share at
// least pivot.MinSharedKeys of them (a key shared by more than
// pivot.MaxPosting paragraphs of a language is too common and skipped
// there, and counts on neither side of pivot.CandidatePair's share, as
// in a scan) are verified with the scan's cross-language rule:
// pivot.CandidatePair on the key counts, then Options.Translated (two
// known languages, shingles that do not match) and Options.CrossMatch on
// the pivot features, read from the archived paragraph's text. A match
// is a Hit with Translated set and the pivot similarity
// (cluster.CrossSimilarity).

// crossState holds what a check reads once per article for the
// cross-language lookups.
type crossState struct {
	families []Family                   // the pivot families the archive holds
	feats    map[int64]shingle.Features // archived paragraphs' shingle features (shared with Check)
	hits     map[int64]Hit              // archived paragraphs as hits (shared with Check)
	pivots   map[int64]*pivot.Features  // archived paragraphs' pivot features
}

// crossHits returns the translated hits of paragraph text of doc, in
// lang with shingle features f, leaving out the archived paragraphs in
// skip (its monolingual hits), and the number of candidates verified.
func (c *Checker) crossHits(st *crossState, doc corpus.Document, text, lang string, f shingle.Features, skip map[int64]bool) ([]Hit, int, error) {
	opts := c.opts.Cluster
	pf, err := c.signer.Pivot(text, lang)
	if err != nil {
		return nil, 0, err
	}
	keys := pf.Keys(cluster.CrossKeys)
	own, _ := pivotFamily(lang)
	shared := map[int64]int{}
	common := map[Family]map[uint64]bool{} // per family, the keys too common to look up
	for _, fam := range st.families {
		if fam == own {
			continue
		}
		err := c.looks[0].Postings(fam, keys, pivot.MaxPosting, func(i int, paras []int64, cut bool) {
			if cut {
				if common[fam] == nil {
					common[fam] = map[uint64]bool{}
				}
				common[fam][keys[i]] = true
				return
			}
			for _, p := range paras {
				shared[p]++
			}
		})
		if err != nil {
			return nil, 0, err
		}
	}
	var cands []int64
	for p, n := range shared {
		if n >= pivot.MinSharedKeys && !skip[p] {
			cands = append(cands, p)
		}
	}
	slices.Sort(cands)
	if err := c.features(st.feats, cands); err != nil {
		return nil, 0, err
	}
	var out []Hit
	for _, para := range cands {
		cf, ok := st.feats[para]
		if !ok || cf.Words < opts.MinWords {
			continue
		}
		h, err := c.hit(st.hits, para)
		if err != nil {
			return nil, 0, err
		}
		if h.Doc == doc.ID || !opts.Near(doc.Date, h.Date) || !opts.Translated(lang, h.Lang, f, cf) {
			continue
		}
		cpf := st.pivots[para]
		if cpf == nil {
			p, err := c.signer.Pivot(h.Text, h.Lang)
			if err != nil {
				return nil, 0, err
			}
			cpf = &p
			st.pivots[para] = cpf
		}
		// As in a scan's pivot.KeyIndex, the share of keys is counted
		// over the keys whose sharing is known: those too common in the
		// archived paragraph's language count on neither side.
		fam, _ := pivotFamily(h.Lang)
		theirs := cpf.Keys(cluster.CrossKeys)
		known := len(theirs)
		for _, k := range theirs {
			if common[fam][k] {
				known--
			}
		}
		if !pivot.CandidatePair(shared[para], len(keys)-len(common[fam]), known) || !opts.CrossMatch(&pf, cpf) {
			continue
		}
		h.Translated, h.Similarity = true, cluster.CrossSimilarity(&pf, cpf)
		out = append(out, h)
	}
	return out, len(cands), nil
}

// pivotFamilies returns the pivot families the store holds keys of, in
// pivot.Languages order: one index probe per language pivot reads. A
// check reads them once per article, so that a long-lived Checker sees
// languages indexed after it was made.
func pivotFamilies(l Lookup) ([]Family, error) {
	var fams []Family
	for i := range pivot.Languages {
		fam := Pivot + Family(i)
		has, err := l.HasFamily(fam)
		if err != nil {
			return nil, err
		}
		if has {
			fams = append(fams, fam)
		}
	}
	return fams, nil
}
