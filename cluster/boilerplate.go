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
	minDocs := opts.WithDefaults().BoilerplateDocs
	clusterOf := make([]int, len(r.Paragraphs))
	for p := range clusterOf {
		clusterOf[p] = -1
	}
	for i, c := range r.Clusters {
		for _, m := range c.Members {
			clusterOf[m.Paragraph] = i
		}
	}
	paras := make([][]int, len(r.Docs)) // document -> its indexed paragraphs
	for p, pp := range r.Paragraphs {
		if pp.Indexed {
			paras[pp.Doc] = append(paras[pp.Doc], p)
		}
	}
	var kept []Cluster
	for i, c := range r.Clusters {
		carriers := map[string][]carrier{}
		seen := map[int]bool{}
		for _, m := range c.Members {
			d := r.Paragraphs[m.Paragraph].Doc
			if seen[d] {
				continue
			}
			seen[d] = true
			var cr carrier
			for _, p := range paras[d] {
				if o := clusterOf[p]; o != i {
					cr.N++
					if o >= 0 {
						cr.Others = append(cr.Others, o)
					}
				}
			}
			slices.Sort(cr.Others)
			cr.Others = slices.Compact(cr.Others)
			carriers[r.Docs[d].Source] = append(carriers[r.Docs[d].Source], cr)
		}
		docs := make(map[string]int, len(carriers))
		for src, cs := range carriers {
			docs[src] = len(cs)
		}
		same := func(src string, i, j int) bool {
			a, b := carriers[src][i], carriers[src][j]
			return SameStory(a.shared(b), a.N, b.N)
		}
		if IsBoilerplate(docs, minDocs, same) {
			c.Boilerplate = true
			r.Boilerplate = append(r.Boilerplate, c)
		} else {
			kept = append(kept, c)
		}
	}
	r.Clusters = kept
}
