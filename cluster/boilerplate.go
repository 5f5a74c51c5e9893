package cluster

import "slices"

// Stories. Two documents of one source that carry a paragraph are one
// story when more than half of the other paragraphs of the one with
// fewer are found in the other (in one cluster with one of its
// paragraphs): a story and its update, or one document read twice. A
// document with no other paragraph long enough to judge is one story
// with any other, since nothing tells them apart. Furniture (a bio, a
// share line) sits under stories that share nothing else, or only other
// furniture: a story of three paragraphs with a bio and a copyright line
// shares one of its four other paragraphs with the next story.

// carrier is a document that carries a cluster, as the story test sees
// it: the other clusters its other paragraphs are in, and how many other
// paragraphs long enough to judge it has.
type carrier struct {
	Others []int // sorted, distinct
	N      int
}

// SameStory reports whether two carriers of one source are one story.
// shared is the number of a's other paragraphs found in b; n is a's
// and b's numbers of other paragraphs.
func SameStory(shared, na, nb int) bool {
	return na == 0 || nb == 0 || 2*shared > min(na, nb)
}

// shared counts the clusters two carriers' other paragraphs share.
func (a carrier) shared(b carrier) int {
	n, i, j := 0, 0, 0
	for i < len(a.Others) && j < len(b.Others) {
		switch {
		case a.Others[i] < b.Others[j]:
			i++
		case a.Others[i] > b.Others[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// IsBoilerplate is the boilerplate rule of the package comment for a
// group of paragraphs (a cluster, or a checked paragraph and its archived
// matches) carried by docs[s] documents of each source s, where same(s,
// i, j) reports whether s's i-th and j-th such document are one story:
// some source repeats it in documents of at least minDocs different
// stories, and the sources that repeat it (in two documents or more)
// hold at least half of its documents.
func IsBoilerplate(docs map[string]int, minDocs int, same func(src string, i, j int) bool) bool {
	repeated, total := 0, 0
	for _, n := range docs {
		if n > 1 {
			repeated += n
		}
		total += n
	}
	if 2*repeated < total {
		return false
	}
	for src, n := range docs {
		if n >= minDocs && stories(n, minDocs, func(i, j int) bool { return same(src, i, j) }) >= minDocs {
			return true
		}
	}
	return false
}

// stories counts the stories among n documents, up to limit: each
// document joins the first story whose first document it is one story
// with. At most maxStoryDocs documents are read, which bounds the work
// for a line a source repeats on thousands of pages.
func stories(n, limit int, same func(i, j int) bool) int {
	var firsts []int
	for i := range min(n, maxStoryDocs) {
		if !slices.ContainsFunc(firsts, func(f int) bool { return same(i, f) }) {
			if firsts = append(firsts, i); len(firsts) >= limit {
				break
			}
		}
	}
	return len(firsts)
}

// maxStoryDocs is the most documents of one source stories reads: a
// source whose first 64 documents carrying a paragraph hold fewer than
// BoilerplateDocs stories is repeating a story, not furniture.
const maxStoryDocs = 64

// SetBoilerplate moves the clusters that are site boilerplate under
// Options.BoilerplateDocs (see the package comment) from r.Clusters to
// r.Boilerplate. Paragraphs that are not Indexed count in no story.
func (r *Result) SetBoilerplate(opts Options) {
	sources := make([]string, len(r.Docs))
	for d, doc := range r.Docs {
		sources[d] = doc.Source
	}
	paraDoc := make([]int, len(r.Paragraphs))
	for p, pp := range r.Paragraphs {
		paraDoc[p] = pp.Doc
	}
	groups := make([][]int, len(r.Clusters))
	for i, c := range r.Clusters {
		for _, m := range c.Members {
			groups[i] = append(groups[i], m.Paragraph)
		}
	}
	indexed := func(p int) bool { return r.Paragraphs[p].Indexed }
	boilerplate := boilerplateGroups(sources, paraDoc, indexed, groups, opts.WithDefaults().BoilerplateDocs)
	var kept []Cluster
	for i, c := range r.Clusters {
		if boilerplate[i] {
			c.Boilerplate = true
			r.Boilerplate = append(r.Boilerplate, c)
		} else {
			kept = append(kept, c)
		}
	}
	r.Clusters = kept
}

// BoilerplateGroups applies SetBoilerplate's rule to groups of units
// that are not a Result's clusters (dedup's): unit u is document
// unitDoc[u] or one of its paragraphs, the document's source is
// sources[unitDoc[u]], and groups[g] lists the units of group g. It
// reports which groups are site boilerplate.
func BoilerplateGroups(sources []string, unitDoc []int, groups [][]int, opts Options) []bool {
	all := func(int) bool { return true }
	return boilerplateGroups(sources, unitDoc, all, groups, opts.WithDefaults().BoilerplateDocs)
}

// boilerplateGroups is the rule of SetBoilerplate over units: a unit
// for which counted is false is in no story.
func boilerplateGroups(sources []string, unitDoc []int, counted func(u int) bool, groups [][]int, minDocs int) []bool {
	groupOf := make([]int, len(unitDoc))
	for u := range groupOf {
		groupOf[u] = -1
	}
	for i, g := range groups {
		for _, u := range g {
			groupOf[u] = i
		}
	}
	units := make([][]int, len(sources)) // document -> its counted units
	for u, d := range unitDoc {
		if counted(u) {
			units[d] = append(units[d], u)
		}
	}
	out := make([]bool, len(groups))
	for i, g := range groups {
		carriers := map[string][]carrier{}
		seen := map[int]bool{}
		for _, u := range g {
			d := unitDoc[u]
			if seen[d] {
				continue
			}
			seen[d] = true
			var cr carrier
			for _, v := range units[d] {
				if o := groupOf[v]; o != i {
					cr.N++
					if o >= 0 {
						cr.Others = append(cr.Others, o)
					}
				}
			}
			slices.Sort(cr.Others)
			cr.Others = slices.Compact(cr.Others)
			carriers[sources[d]] = append(carriers[sources[d]], cr)
		}
		docs := make(map[string]int, len(carriers))
		for src, cs := range carriers {
			docs[src] = len(cs)
		}
		same := func(src string, i, j int) bool {
			a, b := carriers[src][i], carriers[src][j]
			return SameStory(a.shared(b), a.N, b.N)
		}
		out[i] = IsBoilerplate(docs, minDocs, same)
	}
	return out
}
