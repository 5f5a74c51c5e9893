// Package score measures clusters of documents against gold labels, for
// wirecopy eval: scan's clusters and dedup's alike, each given as the
// documents it holds, so that the two are scored by one rule.
//
// # Pairs
//
// A pair of documents from different sources is predicted when some
// cluster holds both; it is a gold pair when both carry the same label.
// Precision, recall and F1 are counted over pairs, so that a cluster of
// ten copies weighs as the 45 pairs a reader would check, and pairs
// within one source (an outlet's own updates, its furniture) count
// neither way. Documents without a label are left out of every pair.
//
// # Kept
//
// A deduplication is also judged by what it keeps of each label: a
// cleaner of training text wants one document of each story, never
// none (KeptPerLabel).
package score

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
)

// Doc is a document scored: its id, which the gold labels name, and its
// source.
type Doc struct {
	ID, Source string
}

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

// Pairs compares clusters with gold labels (document id -> label).
// Each cluster lists documents by their index in docs; a document may
// be listed more than once and in several clusters. Clusters that
// should predict nothing (boilerplate) are left out by the caller.
func Pairs(docs []Doc, clusters [][]int, gold map[string]string) Scores {
	var s Scores
	labelled := make([]bool, len(docs))
	for d, doc := range docs {
		_, labelled[d] = gold[doc.ID]
		if !labelled[d] {
			s.Unlabelled++
		}
	}
	crossSource := func(a, b int) bool { return docs[a].Source != docs[b].Source }

	predicted := map[[2]int]bool{}
	for _, c := range clusters {
		var in []int
		seen := map[int]bool{}
		for _, d := range c {
			if labelled[d] && !seen[d] {
				seen[d] = true
				in = append(in, d)
			}
		}
		for i, a := range in {
			for _, b := range in[i+1:] {
				if crossSource(a, b) {
					predicted[[2]int{min(a, b), max(a, b)}] = true
				}
			}
		}
	}

	byLabel := map[string][]int{}
	for d, doc := range docs {
		if labelled[d] {
			byLabel[gold[doc.ID]] = append(byLabel[gold[doc.ID]], d)
		}
	}
	for _, in := range byLabel {
		for i, a := range in {
			for _, b := range in[i+1:] {
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

// Kept counts the gold labels by the number of their documents a
// deduplication keeps, whole or in part.
type Kept struct {
	Labels, One, Several, None int
	// SeveralLabels and NoneLabels name the labels with several documents
	// kept and with none, in order (see compareLabels), for looking at
	// what went wrong.
	SeveralLabels, NoneLabels []string
}

func (k Kept) String() string {
	return fmt.Sprintf("%d: one document kept %d (%.1f%%), several %d, none %d",
		k.Labels, k.One, 100*float64(k.One)/float64(max(k.Labels, 1)), k.Several, k.None)
}

// KeptPerLabel counts the labels of gold by how many of their documents are
// kept: kept[i] tells whether docs[i] is. Documents without a label
// are left out; a label none of whose documents is listed is not
// counted.
func KeptPerLabel(docs []Doc, kept []bool, gold map[string]string) Kept {
	n := map[string]int{}
	for i, d := range docs {
		label, ok := gold[d.ID]
		if !ok {
			continue
		}
		if _, seen := n[label]; !seen {
			n[label] = 0
		}
		if kept[i] {
			n[label]++
		}
	}
	k := Kept{Labels: len(n)}
	for label, c := range n {
		switch {
		case c == 0:
			k.None++
			k.NoneLabels = append(k.NoneLabels, label)
		case c == 1:
			k.One++
		default:
			k.Several++
			k.SeveralLabels = append(k.SeveralLabels, label)
		}
	}
	slices.SortFunc(k.NoneLabels, compareLabels)
	slices.SortFunc(k.SeveralLabels, compareLabels)
	return k
}

// compareLabels orders labels: integers by value (story 8 before story
// 74), before any other label, and those as strings.
func compareLabels(a, b string) int {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	switch {
	case errA == nil && errB == nil:
		return cmp.Or(cmp.Compare(x, y), cmp.Compare(a, b)) // "010" before "10"
	case errA == nil:
		return -1
	case errB == nil:
		return 1
	}
	return cmp.Compare(a, b)
}
