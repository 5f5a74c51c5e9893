package score

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
)

func TestPairs(t *testing.T) {
	docs := []Doc{{"a1", "a"}, {"b1", "b"}, {"c1", "c"}, {"a2", "a"}, {"d1", "d"}}
	gold := map[string]string{"a1": "s", "b1": "s", "c1": "s", "a2": "s", "d1": "t"}
	for _, tc := range []struct {
		name     string
		clusters [][]int
		gold     map[string]string
		want     string
		unlab    int
	}{
		{"perfect", [][]int{{0, 1, 2, 3}}, gold, "precision 1.0000  recall 1.0000  F1 1.0000  (tp 5, fp 0, fn 0)", 0},
		{"same source pairs count neither way", [][]int{{0, 3}}, gold, "precision 0.0000  recall 0.0000  F1 0.0000  (tp 0, fp 0, fn 5)", 0},
		{"repeats and overlaps count once", [][]int{{0, 1, 1}, {1, 0}}, gold, "precision 1.0000  recall 0.2000  F1 0.3333  (tp 1, fp 0, fn 4)", 0},
		{"false positive", [][]int{{0, 1, 4}}, gold, "precision 0.3333  recall 0.2000  F1 0.2500  (tp 1, fp 2, fn 4)", 0},
		{"unlabelled left out", [][]int{{0, 1, 4}}, map[string]string{"a1": "s", "b1": "s"}, "precision 1.0000  recall 1.0000  F1 1.0000  (tp 1, fp 0, fn 0)", 3},
		{"no clusters", nil, gold, "precision 0.0000  recall 0.0000  F1 0.0000  (tp 0, fp 0, fn 5)", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Pairs(docs, tc.clusters, tc.gold)
			if s.String() != tc.want || s.Unlabelled != tc.unlab {
				t.Errorf("got %v, %d unlabelled\nwant %v, %d unlabelled", s, s.Unlabelled, tc.want, tc.unlab)
			}
		})
	}
}

func TestKeptPerLabel(t *testing.T) {
	docs := []Doc{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}, {ID: "e"}, {ID: "x"}}
	gold := map[string]string{"a": "one", "b": "one", "c": "several", "d": "several", "e": "none", "unlisted": "gone"}
	got := KeptPerLabel(docs, []bool{true, false, true, true, false, true}, gold)
	want := Kept{Labels: 3, One: 1, Several: 1, None: 1, SeveralLabels: []string{"several"}, NoneLabels: []string{"none"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// TestKeptLabelOrder checks that the labels listed come in story order:
// numbers by value, then the others as strings.
func TestKeptLabelOrder(t *testing.T) {
	var docs []Doc
	gold := map[string]string{}
	for _, label := range []string{"74", "b", "139", "8", "a", "10", "010"} {
		docs = append(docs, Doc{ID: "doc-" + label})
		gold["doc-"+label] = label
	}
	got := KeptPerLabel(docs, make([]bool, len(docs)), gold).NoneLabels
	if want := []string{"8", "010", "10", "74", "139", "a", "b"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func ExamplePairs() {
	docs := []Doc{{"wire-1", "wire"}, {"herald-7", "herald"}, {"post-3", "post"}}
	gold := map[string]string{"wire-1": "fed", "herald-7": "fed", "post-3": "fed"}
	fmt.Println(Pairs(docs, [][]int{{0, 1}}, gold))
	// Output: precision 1.0000  recall 0.3333  F1 0.5000  (tp 1, fp 0, fn 2)
}
