package dedup

import (
	"cmp"
	"slices"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/internal/join"
	"github.com/wirecopy/wirecopy/pivot"
	"github.com/wirecopy/wirecopy/sign"
)

// Translations (Options.Translate). A corpus cleaner usually wants a
// translation kept: it is another language's text, and a multilingual
// training set needs both. So dedup matches within one language only
// unless asked; with Translate, it also removes a unit that is a
// translation of a kept unit, by scan's cross-language test:
//
//   - the first pass reads each indexed unit's language (its document's
//     lang when pivot knows it, else detected, as scan does) and, in a
//     language pivot reads, its pivot features (pivot.Features), kept in
//     memory: several hundred bytes to a few KiB per unit on top of the
//     270 bytes of the monolingual state, which is why it is not the
//     default for corpora of millions of units;
//   - Decide indexes the units outside the commonest language by pivot
//     key, looks every unit's keys up there, and joins candidate pairs
//     (pivot.CandidatePair) in two languages that pass
//     cluster.Options.CrossMatch, as scan's cross-language stage does;
//   - the keep policy then treats a unit that CrossMatches a kept unit as
//     its duplicate: Doc.Translated / Removal.Translated, with the pivot
//     similarity (cluster.CrossSimilarity).
//
// With UnitDocument the whole document is read as one text: the
// thresholds were chosen on paragraphs, and a document and its
// translation score alike.

// crossStore holds the cross-language state of every indexed unit.
type crossStore struct {
	langs      []string         // per unit: its language, "" when pivot does not read it
	feats      []pivot.Features // per unit: its pivot features (empty when no language)
	translated []bool           // per unit: removed as a translation of a kept unit
}

// crossFeatures returns the language and pivot features of a unit's text
// whose document has lang docLang; no language when pivot cannot read it.
func crossFeatures(co cluster.Options, s *sign.Signer, text, docLang string) (string, pivot.Features, error) {
	co.Monolingual = false // detect even though dedup's scan options may say monolingual
	lang := co.ParagraphLang(docLang, text)
	if pivot.Code(lang) == "" {
		return "", pivot.Features{}, nil
	}
	f, err := s.Pivot(text, lang)
	return lang, f, err
}

// crossLinks returns the unit pairs in two languages that match by the
// cross-language test, as links.
func (d *Deduper) crossLinks() []join.Link {
	cs := d.cross
	count := map[string]int{}
	for _, l := range cs.langs {
		if l != "" {
			count[l]++
		}
	}
	if len(count) < 2 {
		return nil
	}
	main := pivot.MainLanguage(count)
	// Units outside the main language are indexed by key; every unit
	// looks its keys up there (as scan's cross-language stage does).
	keys := make([][]uint64, len(cs.langs))
	indexed := make([][]uint64, len(cs.langs))
	for u, l := range cs.langs {
		if l == "" {
			continue
		}
		keys[u] = cs.feats[u].Keys(cluster.CrossKeys)
		if l != main {
			indexed[u] = keys[u]
		}
	}
	index := pivot.NewKeyIndex(indexed, cs.langs) // by language, as in scan
	var h pivot.KeyHits
	var links []join.Link
	for u, l := range cs.langs {
		if l == "" {
			continue
		}
		index.Candidates(keys[u], l, &h, func(q int32) {
			// Each pair once: from its later unit when both are indexed
			// (in two languages: Candidates skips l's).
			if l != main && int(q) >= u || !d.crossMatch(int32(u), q) {
				return
			}
			inU, inQ, _ := pivot.Compare(&cs.feats[u], &cs.feats[q])
			links = append(links, join.Link{A: int32(u), B: q, SA: float32(inU), SB: float32(inQ)})
		})
	}
	// In one order, whatever the order the map of hits gave.
	slices.SortFunc(links, func(x, y join.Link) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
	return links
}

// crossContained reports whether unit u is a translation of the kept
// unit k whose terms k holds at the cross-language threshold.
func (d *Deduper) crossContained(u, k int32) bool {
	if !d.crossMatch(u, k) {
		return false
	}
	own, _, _ := pivot.Compare(&d.cross.feats[u], &d.cross.feats[k])
	return own >= d.co.CrossThreshold-1e-9
}

// crossMatch reports whether units a and b are translations of one
// another by the cross-language test (and not already near-duplicates).
func (d *Deduper) crossMatch(a, b int32) bool {
	cs := d.cross
	if cs == nil {
		return false
	}
	la, lb := cs.langs[a], cs.langs[b]
	if la == "" || lb == "" || la == lb {
		return false
	}
	ua, ub := d.st.units[a], d.st.units[b]
	if d.co.Within > 0 && !d.co.Near(d.res.Docs[ua.doc].Date, d.res.Docs[ub.doc].Date) {
		return false
	}
	return d.co.CrossMatch(&cs.feats[a], &cs.feats[b])
}

// similarity is what a removal reports: the share of the removed unit u
// found in the kept unit k, of its pivot terms for a translation, else
// (estimated) of its shingles.
func (d *Deduper) similarity(u, k int32) float64 {
	if d.cross != nil && d.cross.translated[u] {
		own, _, _ := pivot.Compare(&d.cross.feats[u], &d.cross.feats[k])
		return own
	}
	own, _ := d.shares(int(u), int(k))
	return own
}
