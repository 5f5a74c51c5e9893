package cluster

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/score"
	"github.com/wirecopy/wirecopy/shingle"
)

func TestOverlap(t *testing.T) {
	tests := []struct {
		a, b                 []uint64
		common               int
		jaccard, containment float64
	}{
		{nil, []uint64{1}, 0, 0, 0},
		{[]uint64{1, 2, 3}, []uint64{1, 2, 3}, 3, 1, 1},
		{[]uint64{1, 2}, []uint64{1, 2, 3, 4}, 2, 0.5, 1},
		{[]uint64{1, 3, 5, 7}, []uint64{2, 3, 4, 7}, 2, 2.0 / 6, 0.5},
		{[]uint64{1}, []uint64{2}, 0, 0, 0},
	}
	for _, tt := range tests {
		c, j, k := Overlap(tt.a, tt.b)
		if c != tt.common || math.Abs(j-tt.jaccard) > 1e-12 || math.Abs(k-tt.containment) > 1e-12 {
			t.Errorf("Overlap(%v, %v) = %d %.3f %.3f, want %d %.3f %.3f", tt.a, tt.b, c, j, k, tt.common, tt.jaccard, tt.containment)
		}
	}
}

const wire = "NATO Secretary-General Jens Stoltenberg has called a special meeting of allied ambassadors and senior Russian officials for next week, as both sides seek dialogue to prevent an open conflict over Ukraine, a NATO official said on Tuesday."

func day(d int) time.Time { return time.Date(2022, 1, d, 0, 0, 0, 0, time.UTC) }

// corpusFor builds documents with one paragraph each, plus the given
// boilerplate paragraph appended to the documents of one source.
func testDocs() []corpus.Document {
	share := "SHARE this article with your friends on Facebook, X and by email today please"
	return []corpus.Document{
		{ID: "wire", Source: "reuters", Date: day(4), Text: wire},
		{ID: "dateline", Source: "herald", Date: day(5), Text: "BRUSSELS (Reuters) - " + wire + "\n\nReporting by Sabine Siebold; Editing by Alex Richardson and Mark Potter today\n\n" + share},
		{ID: "trimmed", Source: "post", Date: day(6), Text: strings.Split(wire, ", as")[0] + ".\n\n" + share},
		{ID: "quotes", Source: "times", Text: strings.NewReplacer("Secretary-General", "Secretary–General", "said", "told reporters").Replace(wire)},
		{ID: "negative", Source: "times", Date: day(4), Text: "Jens Stoltenberg, the NATO Secretary-General, said on Tuesday that allied ambassadors would meet Russian officials in Brussels next week, and warned that Moscow must pull back troops from the Ukrainian border."},
		{ID: "unrelated", Source: "post", Date: day(3), Text: "Heavy rain flooded several streets in the city centre on Monday evening, and the fire brigade pumped water out of dozens of basements.\n\n" + share},
		{ID: "post3", Source: "post", Date: day(7), Text: "The city council approved the new budget for schools and libraries after a long debate on Thursday night.\n\n" + share},
	}
}

func TestFind(t *testing.T) {
	res, err := Find(testDocs(), Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	got := describe(res, res.Clusters)
	want := []string{"reuters:wire*1.00 herald:dateline 1.00 post:trimmed 1.00 times:quotes 0.92"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("clusters:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := res.Clusters[0]; !c.Origin || c.ID != 1 {
		t.Errorf("cluster = %+v, want origin and ID 1", c)
	}
	bp := describe(res, res.Boilerplate)
	if len(bp) != 1 || !strings.Contains(bp[0], "post:post3") || !strings.Contains(bp[0], "herald:dateline") {
		t.Errorf("boilerplate = %q", bp)
	}
	// Short paragraphs are read but not indexed.
	for _, p := range res.Paragraphs {
		if p.Indexed != (p.Words >= DefaultMinWords) {
			t.Errorf("%v: indexed %v", p, p.Indexed)
		}
	}
}

func TestFindDeterministic(t *testing.T) {
	a, _ := Find(testDocs(), Options{Workers: 1})
	b, _ := Find(testDocs(), Options{Workers: 4})
	if x, y := fmt.Sprint(describe(a, a.Clusters), describe(a, a.Boilerplate)), fmt.Sprint(describe(b, b.Clusters), describe(b, b.Boilerplate)); x != y {
		t.Errorf("results differ with workers:\n%s\n%s", x, y)
	}
}

func TestFindUndated(t *testing.T) {
	docs := []corpus.Document{
		{ID: "short", Source: "a", Text: strings.Split(wire, ", as")[0] + "."},
		{ID: "long", Source: "b", Text: wire},
	}
	res, err := Find(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Clusters) != 1 {
		t.Fatalf("%d clusters, want 1", len(res.Clusters))
	}
	c := res.Clusters[0]
	if c.Origin || res.Docs[res.Paragraphs[c.Members[0].Paragraph].Doc].ID != "long" {
		t.Errorf("representative should be the longest member and not an origin: %+v", c)
	}
}

func TestOptionsValidate(t *testing.T) {
	for _, o := range []Options{{Threshold: 1.5}, {Threshold: -1}, {MinWords: -3}, {BoilerplateDocs: 1}, {MinJaccard: 1}} {
		if err := o.Validate(); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	if err := (Options{}).Validate(); err != nil {
		t.Errorf("zero options: %v", err)
	}
}

func TestScore(t *testing.T) {
	res, err := Find(testDocs(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	gold := map[string]string{"wire": "s1", "dateline": "s1", "trimmed": "s1", "quotes": "s1",
		"negative": "negative", "unrelated": "unrelated", "post3": "s1"}
	// post3 wrongly labelled s1: three missed cross-source pairs (with
	// wire, dateline and quotes; trimmed shares its source).
	s := scoreResult(res, gold)
	if s.TruePositives != 6 || s.FalsePositives != 0 || s.FalseNegatives != 3 {
		t.Errorf("scores %v, want tp 6 fp 0 fn 3", s)
	}
	if math.Abs(s.F1-2*1*(6.0/9)/(1+6.0/9)) > 1e-12 {
		t.Errorf("F1 %.4f", s.F1)
	}
	delete(gold, "post3")
	if s := scoreResult(res, gold); s.Unlabelled != 1 || s.F1 != 1 {
		t.Errorf("without post3: %v, unlabelled %d", s, s.Unlabelled)
	}
}

// scoreResult scores r's clusters as wirecopy eval does.
func scoreResult(r *Result, gold map[string]string) score.Scores {
	docs := make([]score.Doc, len(r.Docs))
	for i, d := range r.Docs {
		docs[i] = score.Doc{ID: d.ID, Source: d.Source}
	}
	return score.Pairs(docs, r.DocClusters(), gold)
}

// describe renders clusters as "source:doc similarity" lists, the
// representative marked with *.
func describe(r *Result, cs []Cluster) []string {
	var out []string
	for _, c := range cs {
		var parts []string
		for i, m := range c.Members {
			p := r.Paragraphs[m.Paragraph]
			mark := " "
			if i == 0 {
				mark = "*"
			}
			parts = append(parts, fmt.Sprintf("%s:%s%s%.2f", r.Docs[p.Doc].Source, r.Docs[p.Doc].ID, mark, m.Similarity))
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

func TestMatchAgreesWithOverlap(t *testing.T) {
	o := Options{}.WithDefaults()
	sets := [][]uint64{{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, {1, 2, 3, 4}, {1, 2, 3, 4, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24}, {5, 6, 7, 8, 9, 10, 30}, {1, 3, 5, 7, 9, 40, 41, 42, 43, 44}}
	for _, a := range sets {
		for _, b := range sets {
			common, j, c := Overlap(a, b)
			want := common >= o.MinShared && c >= o.Threshold && j >= o.MinJaccard
			if got := o.Match(shingle.Features{Shingles: a}, shingle.Features{Shingles: b}); got != want {
				t.Errorf("Match(%v, %v) = %v, want %v (common %d, J %.2f, C %.2f)", a, b, got, want, common, j, c)
			}
		}
	}
}

func TestCompareDates(t *testing.T) {
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct {
		a, b string
		want int
	}{
		{"2024-11-26T00:00:00Z", "2024-11-26T15:05:00Z", 0}, // a bare day matches any time that day
		{"2024-11-26T09:00:00Z", "2024-11-26T15:05:00Z", -1},
		{"2024-11-25T00:00:00Z", "2024-11-26T15:05:00Z", -1},
		{"2024-11-26T10:05:00-05:00", "2024-11-26T00:00:00Z", 0},
		{"2024-11-27T00:00:00Z", "2024-11-26T23:00:00Z", 1},
	}
	for _, tt := range tests {
		if got := compareDates(at(tt.a), at(tt.b)); got != tt.want {
			t.Errorf("compareDates(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestOriginTieBreak: identical copy on the same day; the source that
// published first in another cluster is taken as the origin.
func TestOriginTieBreak(t *testing.T) {
	other := "Heavy rain flooded several streets in the city centre on Monday evening, and the fire brigade pumped water out of dozens of basements."
	docs := []corpus.Document{
		{ID: "a-herald", Source: "herald", Date: day(4), Text: wire},
		{ID: "b-wire", Source: "wire", Date: day(4), Text: wire},
		{ID: "c-wire", Source: "wire", Date: day(1), Text: other},
		{ID: "d-herald", Source: "herald", Date: day(2), Text: other},
	}
	res, err := Find(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Clusters {
		if rep := res.Docs[res.Paragraphs[c.Members[0].Paragraph].Doc]; rep.Source != "wire" {
			t.Errorf("cluster %d: origin %s, want the wire", c.ID, rep.ID)
		}
	}
	if len(res.Clusters) != 2 {
		t.Errorf("%d clusters, want 2", len(res.Clusters))
	}
}

// TestCrossSourceBoilerplate: a wire's credit line that every client
// appends to its reprints is boilerplate, though no single source carries
// most of its copies.
func TestCrossSourceBoilerplate(t *testing.T) {
	credit := "This story was originally published by Meridian Wire and is republished here under licence."
	var docs []corpus.Document
	// One outlet carries it three times, seven others twice each.
	for s := range 8 {
		n := 2
		if s == 0 {
			n = 3
		}
		for k := range n {
			story := distinctStory(s*3 + k)
			docs = append(docs, corpus.Document{ID: fmt.Sprintf("o%d-%d", s, k), Source: fmt.Sprintf("outlet%d", s), Text: story + "\n\n" + credit})
		}
	}
	res, err := Find(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Clusters) != 0 || len(res.Boilerplate) != 1 || len(res.Boilerplate[0].Members) != len(docs) {
		t.Errorf("clusters %v, boilerplate %v; want the credit line as one boilerplate cluster of %d", describe(res, res.Clusters), describe(res, res.Boilerplate), len(docs))
	}
}

// distinctStory returns a sentence of twelve words that shares no three
// consecutive words with distinctStory of another n.
func distinctStory(n int) string {
	pool := strings.Fields("harbor council river budget school bridge storm market tennis museum railway orchard " +
		"festival hospital library airport factory vineyard stadium election court glacier mine theatre")
	var w []string
	for i := range 12 {
		w = append(w, pool[(n*7+i*(n+1))%len(pool)])
	}
	return strings.Join(w, " ") + "."
}

// TestStoryIsNotBoilerplate: a source that carries one story three times
// (the story and two updates, each rewriting its last paragraph) repeats
// its paragraphs in three documents, as another source repeats its bio
// line under three different stories; only the bio is furniture, and the
// story's copy in the other outlet stays visible.
func TestStoryIsNotBoilerplate(t *testing.T) {
	bio := "Anna Berg covers energy and climate for the Daily Courant from its Oslo bureau and has done so since 2019."
	story := []string{
		"Norway's parliament approved a plan on Tuesday to open parts of its continental shelf to seabed mining, despite warnings from scientists.",
		"The government said it would grant the first licences only after further environmental studies, expected to take several years.",
		"Environmental groups said they would challenge the decision in court and called on other Nordic countries to oppose it.",
		"The plan covers an area of about 280,000 square kilometres between Jan Mayen and Svalbard, larger than the United Kingdom.",
	}
	update := func(last string) string { return strings.Join(append(slices.Clone(story[:3]), last), "\n\n") }
	docs := []corpus.Document{
		{ID: "w1", Source: "wire", Text: strings.Join(story, "\n\n")},
		{ID: "w2", Source: "wire", Text: update("The vote passed by 80 votes to 20 after the governing coalition struck a deal with two centre-right opposition parties.")},
		{ID: "w3", Source: "wire", Text: update("Shares in offshore service companies rose after the vote, with several gaining more than five percent in Oslo trading.")},
		{ID: "reprint", Source: "courant", Text: strings.Join(story[:2], "\n\n") + "\n\n" + bio},
		{ID: "other1", Source: "courant", Text: "The city of Bergen will close two of its oldest ferry piers next spring for repairs that are expected to last until the autumn.\n\n" + bio},
		{ID: "other2", Source: "courant", Text: "A heatwave pushed temperatures above thirty degrees in northern Finland for the fourth day running, forecasters said on Friday.\n\n" + bio},
	}
	res, err := Find(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	clusters, boilerplate := describe(res, res.Clusters), describe(res, res.Boilerplate)
	want := []string{"courant:reprint*1.00 wire:w1 1.00 wire:w2 1.00 wire:w3 1.00", "courant:reprint*1.00 wire:w1 1.00 wire:w2 1.00 wire:w3 1.00",
		"wire:w1*1.00 wire:w2 1.00 wire:w3 1.00"}
	if !slices.Equal(clusters, want) {
		t.Errorf("clusters:\n%s\nwant:\n%s", strings.Join(clusters, "\n"), strings.Join(want, "\n"))
	}
	if len(boilerplate) != 1 || strings.Count(boilerplate[0], "courant:") != 3 {
		t.Errorf("boilerplate = %q, want the bio under courant's three stories", boilerplate)
	}
}

// TestMatchZeroOptions: the zero Options match as the defaults do, not
// everything.
func TestMatchZeroOptions(t *testing.T) {
	sh := shingle.New(shingle.Options{})
	copy := sh.Features("BRUSSELS (Reuters) - " + wire)
	other := sh.Features("Heavy rain flooded several streets in the city centre on Monday evening, and the fire brigade pumped water out of dozens of basements.")
	orig := sh.Features(wire)
	if !(Options{}).Match(orig, copy) {
		t.Error("zero Options: a reprint does not match its original")
	}
	if (Options{}).Match(orig, other) {
		t.Error("zero Options: two unrelated paragraphs match")
	}
}
