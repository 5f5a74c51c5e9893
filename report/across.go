package report

import "github.com/wirecopy/wirecopy/cluster"

// Across returns res with only the clusters that hold documents of both
// sides: those for which against is true and those for which it is
// false (scan --against: press releases or a wire feed on one side,
// today's articles on the other, as churnalism compares them). Reuse
// within one side is left out of every section: the clusters, the
// articles, the sources and the matrix. The clusters keep their order
// and are numbered again from 1; boilerplate clusters are kept on the
// same rule. res itself is not changed.
func Across(res *cluster.Result, against func(doc int) bool) *cluster.Result {
	if res == nil {
		return nil
	}
	out := *res
	out.Clusters = across(res, res.Clusters, against)
	out.Boilerplate = across(res, res.Boilerplate, against)
	return &out
}

func across(res *cluster.Result, list []cluster.Cluster, against func(doc int) bool) []cluster.Cluster {
	var kept []cluster.Cluster
	for _, c := range list {
		var in, out bool
		for _, m := range c.Members {
			if m.Paragraph < 0 || m.Paragraph >= len(res.Paragraphs) {
				continue
			}
			if against(res.Paragraphs[m.Paragraph].Doc) {
				in = true
			} else {
				out = true
			}
		}
		if in && out {
			c.ID = len(kept) + 1
			kept = append(kept, c)
		}
	}
	return kept
}
