package cluster

// DocClusters returns, for each cluster of reused copy (r.Clusters; the
// boilerplate clusters are not among them), the documents it holds a
// paragraph of, as indices into r.Docs, each once: the clusters package
// score compares with gold labels.
func (r *Result) DocClusters() [][]int {
	out := make([][]int, len(r.Clusters))
	for i, c := range r.Clusters {
		seen := map[int]bool{}
		for _, m := range c.Members {
			if d := r.Paragraphs[m.Paragraph].Doc; !seen[d] {
				seen[d] = true
				out[i] = append(out[i], d)
			}
		}
	}
	return out
}
