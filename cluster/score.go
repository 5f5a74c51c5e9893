package cluster

import "fmt"

// Scores are pairwise precision, recall and F1 over pairs of documents
// from different sources.
type Scores struct {
	TruePositives, FalsePositives, FalseNegatives int
	Precision, Recall, F1                         float64
	Unlabelled                                    int // documents the gold labels do not name; left out
}

func (s Scores) String() string {
	return fmt.Sprintf("precision %.4f  recall %.4f  F1 %.4f  (tp %d, fp %d, fn %d)",
		s.Precision, s.Recall, s.F1, s.TruePositives, s.FalsePositives, s.FalseNegatives)
}

// Score compares r's clusters with gold labels (document id -> cluster
// label). A pair of documents from different sources is predicted when
// some cluster of reused copy holds a paragraph of each; it is a gold pair
// when both documents carry the same label. Boilerplate clusters predict
// nothing. Documents without a label are left out of every pair.
func Score(r *Result, gold map[string]string) Scores {
	var s Scores
	labelled := make([]bool, len(r.Docs))
	for d, doc := range r.Docs {
		_, labelled[d] = gold[doc.ID]
		if !labelled[d] {
			s.Unlabelled++
		}
	}
	crossSource := func(a, b int) bool { return r.Docs[a].Source != r.Docs[b].Source }

	predicted := map[[2]int]bool{}
	for _, c := range r.Clusters {
		var docs []int
		seen := map[int]bool{}
		for _, m := range c.Members {
			d := r.Paragraphs[m.Paragraph].Doc
			if labelled[d] && !seen[d] {
				seen[d] = true
				docs = append(docs, d)
			}
		}
		for i, a := range docs {
			for _, b := range docs[i+1:] {
				if crossSource(a, b) {
					predicted[[2]int{min(a, b), max(a, b)}] = true
				}
			}
		}
	}

	byLabel := map[string][]int{}
	for d, doc := range r.Docs {
		if labelled[d] {
			byLabel[gold[doc.ID]] = append(byLabel[gold[doc.ID]], d)
		}
	}
	for _, docs := range byLabel {
		for i, a := range docs {
			for _, b := range docs[i+1:] {
				if !crossSource(a, b) {
					continue
				}
				if predicted[[2]int{min(a, b), max(a, b)}] {
					s.TruePositives++
				} else {
					s.FalseNegatives++
				}
			}
		}
	}
	s.FalsePositives = len(predicted) - s.TruePositives
	if n := s.TruePositives + s.FalsePositives; n > 0 {
		s.Precision = float64(s.TruePositives) / float64(n)
	}
	if n := s.TruePositives + s.FalseNegatives; n > 0 {
		s.Recall = float64(s.TruePositives) / float64(n)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}
