package cluster

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/wirecopy/wirecopy/corpus"
)

// TestRankKeys checks that the paragraphs' ranks order them as their
// document IDs and numbers do, with documents that share an ID and
// paragraphs listed out of order among them.
func TestRankKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	r := &Result{}
	for d := range 60 {
		r.Docs = append(r.Docs, corpus.Document{ID: fmt.Sprintf("doc%02d", rng.IntN(40))})
		for i := range rng.IntN(5) {
			r.Paragraphs = append(r.Paragraphs, Paragraph{Doc: d, Index: i})
		}
	}
	rng.Shuffle(len(r.Paragraphs), func(i, j int) { r.Paragraphs[i], r.Paragraphs[j] = r.Paragraphs[j], r.Paragraphs[i] })
	n := len(r.Paragraphs)
	want := make([][]int, n)
	for p := range n {
		want[p] = make([]int, n)
		for q := range n {
			want[p][q] = r.compareKeys(p, q)
		}
	}
	r.rankKeys()
	if r.keyRank == nil {
		t.Fatal("no ranks")
	}
	for p := range n {
		for q := range n {
			if got := r.compareKeys(p, q); got != want[p][q] {
				t.Fatalf("compareKeys(%d, %d) = %d with ranks, %d by IDs", p, q, got, want[p][q])
			}
		}
	}
}
