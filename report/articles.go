package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/wirecopy/wirecopy/cluster"
)

// The article view. An editor asks which articles reprint which, not
// which paragraphs; so every format that can hold it (table, Markdown,
// JSON, HTML) opens with the pairs of documents that share copy. The
// pairs come from the clusters: every member of a cluster reprints its
// representative (the likely origin), so each member's document and the
// representative's document make a pair, and the pair adds up the
// clusters the two share. Two reprints of one wire article are not a
// pair of their own: each is paired with the wire.

// Article is a pair of documents that share copy: Copy reprints
// Original (or, when Directed is false, the two share copy and neither
// is known to be first).
type Article struct {
	Copy, Original int // indexes into Result.Docs
	// Paragraphs counts the paragraphs of Original that Copy carries (in
	// a cluster with one of Copy's paragraphs), OriginalParagraphs the
	// indexed paragraphs of Original: "reprints 4 of 7 paragraphs".
	Paragraphs, OriginalParagraphs int
	// CopyParagraphs counts Copy's paragraphs in those clusters and
	// Share the share of Copy's indexed words in them: how much of the
	// reprint is the original's copy.
	CopyParagraphs int
	Share          float64
	// Directed is true when some shared cluster has an origin
	// (cluster.Cluster.Origin): the representative's document is then
	// Original. Credited is true when one of them was chosen because
	// the members credit Original's source (cluster.Cluster.Credited).
	Directed, Credited bool
	Translated         bool  // some member of Copy's is a translation of the representative
	Clusters           []int // IDs of the shared clusters, in report order
	// Agency is the agency Copy credits for copy it shares with
	// Original when that agency is not in the corpus: Copy then carries
	// the agency's copy, not Original's, and a cluster so credited does
	// not direct the pair (the two share it).
	Agency string
}

// Articles returns the pairs of documents that share copy in
// res.Clusters, most reused first: most paragraphs of the original
// carried, then the largest share of the copy, then by the copy's and
// the original's document IDs. Members and paragraphs that point outside
// res are skipped.
func Articles(res *cluster.Result) []Article {
	if res == nil {
		return []Article{}
	}
	valid := func(p int) bool {
		return p >= 0 && p < len(res.Paragraphs) && res.Paragraphs[p].Doc >= 0 && res.Paragraphs[p].Doc < len(res.Docs)
	}
	type key struct{ copy, orig int }
	byPair := map[key]*Article{}
	origParas := map[key]map[int]bool{} // paragraphs of Original carried
	copyParas := map[key]map[int]bool{} // paragraphs of Copy in the shared clusters
	for _, c := range res.Clusters {
		if len(c.Members) < 2 || !valid(c.Members[0].Paragraph) {
			continue
		}
		rep := c.Members[0].Paragraph
		orig := res.Paragraphs[rep].Doc
		for _, m := range c.Members[1:] {
			if !valid(m.Paragraph) {
				continue
			}
			d := res.Paragraphs[m.Paragraph].Doc
			if d == orig {
				continue
			}
			k := key{d, orig}
			a := byPair[k]
			if a == nil {
				a = &Article{Copy: d, Original: orig, Clusters: []int{}}
				byPair[k] = a
				origParas[k], copyParas[k] = map[int]bool{}, map[int]bool{}
			}
			origParas[k][rep] = true
			copyParas[k][m.Paragraph] = true
			// A member that credits the cluster's agency, absent from
			// the corpus, reprints the agency, not the representative.
			if c.Credit != "" && !c.Credited && slices.Contains(m.Credits, c.Credit) {
				a.Agency = c.Credit
			} else {
				a.Directed = a.Directed || c.Origin
			}
			a.Credited = a.Credited || c.Credited
			a.Translated = a.Translated || m.Translated
			if !slices.Contains(a.Clusters, c.ID) {
				a.Clusters = append(a.Clusters, c.ID)
			}
		}
	}
	indexed := make([]int, len(res.Docs)) // indexed paragraphs per document
	words := make([]int, len(res.Docs))   // their words
	for i, p := range res.Paragraphs {
		if p.Indexed && valid(i) {
			indexed[p.Doc]++
			words[p.Doc] += p.Words
		}
	}
	out := make([]Article, 0, len(byPair))
	for k, a := range byPair {
		a.Paragraphs = len(origParas[k])
		a.OriginalParagraphs = max(indexed[a.Original], a.Paragraphs)
		a.CopyParagraphs = len(copyParas[k])
		shared := 0
		for p := range copyParas[k] {
			shared += res.Paragraphs[p].Words
		}
		if words[a.Copy] > 0 {
			a.Share = min(1, float64(shared)/float64(words[a.Copy]))
		}
		out = append(out, *a)
	}
	slices.SortFunc(out, func(x, y Article) int {
		return cmp.Or(
			cmp.Compare(y.Paragraphs, x.Paragraphs),
			cmp.Compare(y.Share, x.Share),
			cmp.Compare(res.Docs[x.Copy].ID, res.Docs[y.Copy].ID),
			cmp.Compare(res.Docs[x.Original].ID, res.Docs[y.Original].ID),
			cmp.Compare(x.Copy, y.Copy),
			cmp.Compare(x.Original, y.Original),
		)
	})
	return out
}

// verb is what the copy does to the original: "reprints", "translates"
// or, undirected, "shares".
func (a Article) verb() string {
	switch {
	case !a.Directed:
		return "shares"
	case a.Translated:
		return "translates"
	}
	return "reprints"
}

// sentence says what the pair is: "metrotimes' fed-rate-decision.md
// reprints 4 of the 7 paragraphs of reuters' fed-holds-rates.md (74% of
// its words)", with names cleaned for a terminal.
func (a Article) sentence(res *cluster.Result) string {
	name := func(d int) string {
		src := sourceName(res.Docs[d].Source)
		if strings.HasSuffix(src, "s") {
			return src + "' " + docName(res.Docs[d].ID)
		}
		return src + "'s " + docName(res.Docs[d].ID)
	}
	var what string
	switch {
	case a.OriginalParagraphs == 1:
		what = "the one paragraph"
	case a.Paragraphs == a.OriginalParagraphs:
		what = fmt.Sprintf("all %d paragraphs", a.Paragraphs)
	default:
		what = fmt.Sprintf("%d of the %d paragraphs", a.Paragraphs, a.OriginalParagraphs)
	}
	return fmt.Sprintf("%s %s %s of %s (%s of its words)", name(a.Copy), a.verb(), what, name(a.Original), percent(a.Share))
}

// why is the evidence for the pair's direction: "credited" when the
// copy's cluster credits the original's source, "earlier" or "same day"
// by the dates; "no dates" when there is none; for an undirected pair
// whose copy credits an agency the corpus lacks, "credits AGENCY".
func (a Article) why(res *cluster.Result) string {
	var why []string
	if a.Credited {
		why = append(why, "credited")
	}
	od, cd := res.Docs[a.Original].Date, res.Docs[a.Copy].Date
	if a.Directed && !od.IsZero() && !cd.IsZero() {
		switch c := cluster.CompareDates(od, cd); {
		case c < 0:
			why = append(why, "earlier")
		case c == 0:
			why = append(why, "same day")
		default:
			why = append(why, "later")
		}
	}
	if a.Directed && len(why) == 0 {
		why = append(why, "only one dated")
	}
	if !a.Directed && a.Agency != "" {
		why = append(why, "credits "+a.Agency)
	}
	if len(why) == 0 {
		return "no dates"
	}
	return strings.Join(why, ", ")
}

// docName is the short name of a document ID in tables and prose: the
// last element of a path or URL ("fed-holds-rates.md"), the whole ID
// when it has none; cleaned for a terminal.
func docName(id string) string {
	trimmed := strings.TrimRight(id, `/\`)
	if i := strings.LastIndexAny(trimmed, `/\`); i >= 0 && i+1 < len(trimmed) {
		id = trimmed[i+1:]
	}
	return clean(id)
}
