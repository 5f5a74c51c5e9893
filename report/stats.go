package report

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/wirecopy/wirecopy/cluster"
)

// SourceStat summarises one source (outlet). Only Result.Clusters count as
// reuse; boilerplate clusters do not.
type SourceStat struct {
	Source    string
	Documents int // documents from the source
	// Paragraphs counts the source's indexed paragraphs, the ones long
	// enough to be compared; Words counts their words.
	Paragraphs int
	Words      int
	// Shared counts the source's paragraphs that are in a cluster with a
	// paragraph of another source; SharedWords counts their words.
	Shared      int
	SharedWords int
	Reuse       float64   // SharedWords / Words: the share of the source's text found elsewhere; 0 when Words is 0
	Partners    []Partner // other sources it shares paragraphs with, most first, then by name

	// Direction, from clusters with a dated origin (Cluster.Origin).
	// Originated counts the source's paragraphs that are the origin of
	// copy another source carries. Copied counts its paragraphs in a
	// cluster whose origin is another source's; CopiedWords their words;
	// Copy is CopiedWords / Words, the share of its text that is copy
	// first published elsewhere. CopiedFrom lists those origins' sources,
	// most first, then by name, but for paragraphs that credit an agency
	// the corpus lacks: they copied the agency (see Article.Agency).
	Originated  int
	Copied      int
	CopiedWords int
	Copy        float64
	CopiedFrom  []Partner
}

// Partner is a source another source shares paragraphs with.
type Partner struct {
	Source     string
	Paragraphs int // paragraphs of the first source in a cluster with this one
}

func (s SourceStat) String() string {
	return fmt.Sprintf("%s: %d docs, %d/%d paragraphs, %d/%d words shared (%.1f%%)",
		s.Source, s.Documents, s.Shared, s.Paragraphs, s.SharedWords, s.Words, 100*s.Reuse)
}

func (p Partner) String() string { return fmt.Sprintf("%s (%d)", p.Source, p.Paragraphs) }

// Sources summarises every source of res.Docs, sorted by Reuse (highest
// first), then by name. Members that point outside res are skipped.
func Sources(res *cluster.Result) []SourceStat {
	return sortSources(summarize(res).stats)
}

// sortSources sorts stats in the order of Sources, in place.
func sortSources(stats []SourceStat) []SourceStat {
	slices.SortFunc(stats, func(a, b SourceStat) int {
		if c := cmp.Compare(b.Reuse, a.Reuse); c != 0 {
			return c
		}
		return cmp.Compare(a.Source, b.Source)
	})
	return stats
}

// Matrix counts paragraphs shared between sources. sources lists every
// source of res.Docs, sorted by name. For i != j, counts[i][j] is the
// number of paragraphs of sources[i] that are in a cluster with a
// paragraph of sources[j]; counts[i][i] is the number of paragraphs of
// sources[i] in a cluster with another document of the same source.
// Boilerplate clusters do not count.
func Matrix(res *cluster.Result) (sources []string, counts [][]int) {
	s := summarize(res)
	return s.names, s.counts
}

// summary is what Sources, Matrix and the reports compute in one pass.
type summary struct {
	names   []string     // every source, by name
	counts  [][]int      // Matrix, in names order
	stats   []SourceStat // in names order
	indexed int          // indexed paragraphs
	reused  int          // distinct paragraphs in Result.Clusters
}

func summarize(res *cluster.Result) summary {
	var s summary
	if res == nil {
		s.names, s.counts, s.stats = []string{}, [][]int{}, []SourceStat{}
		return s
	}
	index := make(map[string]int)
	docSource := make([]int, len(res.Docs))
	for _, d := range res.Docs {
		if _, ok := index[d.Source]; !ok {
			index[d.Source] = 0
			s.names = append(s.names, d.Source)
		}
	}
	for _, c := range res.Short {
		if _, ok := index[c.Source]; !ok {
			index[c.Source] = 0
			s.names = append(s.names, c.Source)
		}
	}
	slices.Sort(s.names)
	if s.names == nil {
		s.names = []string{}
	}
	for i, name := range s.names {
		index[name] = i
	}
	n := len(s.names)
	s.stats = make([]SourceStat, n)
	s.counts = make([][]int, n)
	for i, name := range s.names {
		s.stats[i].Source = name
		s.stats[i].Partners = []Partner{}
		s.counts[i] = make([]int, n)
	}
	for i, d := range res.Docs {
		docSource[i] = index[d.Source]
		s.stats[docSource[i]].Documents++
	}
	for _, c := range res.Short {
		s.stats[index[c.Source]].Documents += c.Documents
	}

	// paraSource[p] is the source of paragraph p, -1 when p is invalid.
	paraSource := make([]int, len(res.Paragraphs))
	for i, p := range res.Paragraphs {
		paraSource[i] = -1
		if p.Doc < 0 || p.Doc >= len(res.Docs) {
			continue
		}
		paraSource[i] = docSource[p.Doc]
		if p.Indexed {
			s.indexed++
			s.stats[paraSource[i]].Paragraphs++
			s.stats[paraSource[i]].Words += p.Words
		}
	}
	valid := func(m cluster.Member) bool {
		return m.Paragraph >= 0 && m.Paragraph < len(paraSource) && paraSource[m.Paragraph] >= 0
	}

	// A paragraph normally belongs to one cluster. Those in several need
	// their (paragraph, source) pairs deduplicated; the rest do not.
	inClusters := make([]int32, len(res.Paragraphs))
	for _, c := range res.Clusters {
		for _, m := range c.Members {
			if valid(m) {
				inClusters[m.Paragraph]++
			}
		}
	}
	seen := make(map[[2]int]bool)
	crossShared := make([]bool, len(res.Paragraphs))

	// Per cluster, stamp[src] == cluster number+1 marks a source present,
	// firstDoc[src] is its first document and multiDoc[src] whether it
	// has a second one.
	stamp := make([]int, n)
	firstDoc := make([]int, n)
	multiDoc := make([]bool, n)
	present := make([]int, 0, n)
	for ci, c := range res.Clusters {
		present = present[:0]
		for _, m := range c.Members {
			if !valid(m) {
				continue
			}
			src, doc := paraSource[m.Paragraph], res.Paragraphs[m.Paragraph].Doc
			if stamp[src] != ci+1 {
				stamp[src], firstDoc[src], multiDoc[src] = ci+1, doc, false
				present = append(present, src)
			} else if doc != firstDoc[src] {
				multiDoc[src] = true
			}
		}
		for _, m := range c.Members {
			if !valid(m) {
				continue
			}
			src := paraSource[m.Paragraph]
			for _, other := range present {
				if other == src && !multiDoc[src] {
					continue
				}
				if inClusters[m.Paragraph] > 1 {
					key := [2]int{m.Paragraph, other}
					if seen[key] {
						continue
					}
					seen[key] = true
				}
				s.counts[src][other]++
				if other != src && !crossShared[m.Paragraph] {
					crossShared[m.Paragraph] = true
					s.stats[src].Shared++
					s.stats[src].SharedWords += res.Paragraphs[m.Paragraph].Words
				}
			}
		}
	}
	for _, k := range inClusters {
		if k > 0 {
			s.reused++
		}
	}
	s.direction(res, paraSource, valid)

	for i := range s.stats {
		st := &s.stats[i]
		if st.Words > 0 {
			st.Reuse = float64(st.SharedWords) / float64(st.Words)
		}
		for j, k := range s.counts[i] {
			if j != i && k > 0 {
				st.Partners = append(st.Partners, Partner{Source: s.names[j], Paragraphs: k})
			}
		}
		sortPartners(st.Partners)
	}
	return s
}

// direction fills in who published first: Originated, Copied, CopiedWords,
// Copy and CopiedFrom of every source.
func (s *summary) direction(res *cluster.Result, paraSource []int, valid func(cluster.Member) bool) {
	n := len(s.names)
	from := make([][]int, n) // from[copier][origin] paragraphs
	for i := range from {
		from[i] = make([]int, n)
	}
	copied := make([]bool, len(res.Paragraphs))
	for _, c := range res.Clusters {
		if !c.Origin || len(c.Members) == 0 || !valid(c.Members[0]) {
			continue
		}
		origin := paraSource[c.Members[0].Paragraph]
		others := false
		for _, m := range c.Members[1:] {
			if !valid(m) || paraSource[m.Paragraph] == origin || copied[m.Paragraph] {
				continue
			}
			others = true
			copied[m.Paragraph] = true
			src := paraSource[m.Paragraph]
			s.stats[src].Copied++
			s.stats[src].CopiedWords += res.Paragraphs[m.Paragraph].Words
			// A member that credits the cluster's agency, absent from the
			// corpus, copied the agency, not the origin (as in Articles).
			if c.Credit == "" || c.Credited || !slices.Contains(m.Credits, c.Credit) {
				from[src][origin]++
			}
		}
		if others {
			s.stats[origin].Originated++
		}
	}
	for i := range s.stats {
		st := &s.stats[i]
		if st.Words > 0 {
			st.Copy = float64(st.CopiedWords) / float64(st.Words)
		}
		st.CopiedFrom = []Partner{}
		for j, k := range from[i] {
			if k > 0 {
				st.CopiedFrom = append(st.CopiedFrom, Partner{Source: s.names[j], Paragraphs: k})
			}
		}
		sortPartners(st.CopiedFrom)
	}
}

// sortPartners sorts by paragraphs, most first, then by name.
func sortPartners(ps []Partner) {
	slices.SortFunc(ps, func(a, b Partner) int {
		if c := cmp.Compare(b.Paragraphs, a.Paragraphs); c != 0 {
			return c
		}
		return cmp.Compare(a.Source, b.Source)
	})
}
