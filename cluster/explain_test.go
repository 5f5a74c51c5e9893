package cluster

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/wirecopy/wirecopy/corpus"
)

// TestExplain checks the passages of a wire paragraph and three reprints,
// with offsets counted by hand: the wire has 38 words; a dateline adds 2
// words and 21 bytes before them; the trimmed copy keeps the first 20
// words (133 bytes, up to "next week"); the third inserts a sentence of 9
// words after them.
func TestExplain(t *testing.T) {
	inserted := "NATO Secretary-General Jens Stoltenberg has called a special meeting of allied ambassadors and senior Russian officials for next week. The city council met on Monday to discuss parking. As both sides seek dialogue to prevent an open conflict over Ukraine, a NATO official said on Tuesday."
	docs := []corpus.Document{
		{ID: "wire", Source: "reuters", Date: day(4), Text: wire},
		{ID: "dateline", Source: "herald", Date: day(5), Text: "BRUSSELS (Reuters) - " + wire + "\n\nReporting by Sabine Siebold; Editing by Alex Richardson and Mark Potter today"},
		{ID: "trimmed", Source: "post", Date: day(6), Text: strings.Split(wire, ", as")[0] + "."},
		{ID: "inserted", Source: "times", Date: day(6), Text: inserted},
	}
	res, err := Find(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Clusters) != 1 {
		t.Fatalf("clusters: %v", describe(res, res.Clusters))
	}
	type want struct {
		doc            string
		spans          []string // the text of each span
		begins         []int
		coverage, orig float64
	}
	wants := []want{
		// The representative: the union of what the others carry, all
		// of it.
		{"wire", []string{wire[:236]}, []int{0}, 1, 1},
		{"dateline", []string{wire[:236]}, []int{21}, 38.0 / 40, 1},
		{"trimmed", []string{wire[:133]}, []int{0}, 1, 20.0 / 38},
		{"inserted", []string{wire[:133], "As both sides seek dialogue to prevent an open conflict over Ukraine, a NATO official said on Tuesday"}, []int{0, 186}, 38.0 / 47, 1},
	}
	c := res.Clusters[0]
	if len(c.Members) != len(wants) {
		t.Fatalf("members: %v", describe(res, res.Clusters))
	}
	for i, w := range wants {
		m := c.Members[i]
		p := res.Paragraphs[m.Paragraph]
		if id := res.Docs[p.Doc].ID; id != w.doc {
			t.Fatalf("member %d is %s, want %s", i, id, w.doc)
		}
		var spans []string
		var begins []int
		for _, s := range m.Spans {
			spans = append(spans, p.Text[s.Begin:s.End])
			begins = append(begins, s.Begin)
		}
		if fmt.Sprintf("%q %v", spans, begins) != fmt.Sprintf("%q %v", w.spans, w.begins) {
			t.Errorf("%s: spans %q at %v, want %q at %v", w.doc, spans, begins, w.spans, w.begins)
		}
		if math.Abs(m.Coverage-w.coverage) > 1e-9 || math.Abs(m.OriginCoverage-w.orig) > 1e-9 {
			t.Errorf("%s: coverage %.4f origin coverage %.4f, want %.4f %.4f", w.doc, m.Coverage, m.OriginCoverage, w.coverage, w.orig)
		}
	}
}

// TestExplainCRLF: a document with \r\n line ends, as a library user may
// pass one (the corpus readers turn them into \n). The paragraph starts
// after "Allies to meet Russia\r\n\r\n" (21+4 bytes); the line break inside
// it takes two bytes, so its span is one byte longer than the wire's.
func TestExplainCRLF(t *testing.T) {
	text := "Allies to meet Russia\r\n\r\n" + strings.Replace(wire, ", as both", ",\r\nas both", 1) + "\r\n\r\nReporting by Sabine Siebold\r\n"
	res, err := Find([]corpus.Document{
		{ID: "a", Source: "reuters", Text: wire},
		{ID: "b", Source: "herald", Text: text},
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Clusters) != 1 {
		t.Fatalf("clusters: %v", describe(res, res.Clusters))
	}
	for _, m := range res.Clusters[0].Members {
		p := res.Paragraphs[m.Paragraph]
		if res.Docs[p.Doc].ID != "b" {
			continue
		}
		if p.Begin != 25 || p.End != 263 || p.Text != text[25:263] {
			t.Errorf("paragraph at %d-%d, want 25-263", p.Begin, p.End)
		}
		if fmt.Sprint(m.Spans) != "[0-237]" || m.Coverage != 1 || m.OriginCoverage != 1 {
			t.Errorf("member %v, want one span 0-237 covering both", m)
		}
		if got := text[p.Begin+m.Spans[0].Begin : p.Begin+m.Spans[0].End]; !strings.HasSuffix(got, "said on Tuesday") || !strings.Contains(got, ",\r\nas both") {
			t.Errorf("span cut out of the document: %q", got)
		}
	}
}

func TestWithin(t *testing.T) {
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	docs := []corpus.Document{
		{ID: "jan01", Source: "a", Date: day(1), Text: wire},
		{ID: "jan20", Source: "b", Date: day(20), Text: wire},
		{ID: "mar01", Source: "c", Date: day(60), Text: wire}, // 40 days after jan20
		{ID: "mar02-late", Source: "d", Date: at("2022-03-02T23:30:00Z"), Text: wire},
	}
	undated := corpus.Document{ID: "undated", Source: "e", Text: wire}
	tests := []struct {
		within time.Duration
		docs   []corpus.Document
		want   string
	}{
		{0, docs, "[[jan01 jan20 mar01 mar02-late]]"},
		{30 * 24 * time.Hour, docs, "[[jan01 jan20] [mar01 mar02-late]]"},
		// A bare day against a time of day: days are compared.
		{24 * time.Hour, docs, "[[mar01 mar02-late]]"},
		{12 * time.Hour, docs, "[]"},
		// An undated document is not restricted, and joins them all.
		{30 * 24 * time.Hour, append(docs[:4:4], undated), "[[jan01 jan20 mar01 mar02-late undated]]"},
	}
	for _, tt := range tests {
		res, err := Find(tt.docs, Options{Within: tt.within})
		if err != nil {
			t.Fatal(err)
		}
		var got [][]string
		for _, c := range res.Clusters {
			var ids []string
			for _, m := range c.Members {
				ids = append(ids, res.Docs[res.Paragraphs[m.Paragraph].Doc].ID)
			}
			got = append(got, ids)
		}
		if fmt.Sprint(got) != tt.want {
			t.Errorf("within %v: %v, want %s", tt.within, got, tt.want)
		}
	}
	if err := (Options{Within: -time.Hour}).Validate(); err == nil {
		t.Error("negative Within: no error")
	}
}

// TestFindOrderIndependent: the documents in other orders, on one worker
// or four, give the same clusters, members, representatives and
// explanations.
func TestFindOrderIndependent(t *testing.T) {
	docs := append(testDocs(),
		// Same-day copies: the representative is chosen among ties.
		corpus.Document{ID: "copy-a", Source: "x", Date: day(4), Text: wire},
		corpus.Document{ID: "copy-b", Source: "y", Date: day(4), Text: wire},
		// Same day, same source: ordered by document ID.
		corpus.Document{ID: "copy-d", Source: "z", Date: day(5), Text: wire},
		corpus.Document{ID: "copy-c", Source: "z", Date: day(5), Text: wire},
		corpus.Document{ID: "other-1", Source: "x", Text: distinctStory(1) + " " + distinctStory(2) + " " + distinctStory(3)},
		corpus.Document{ID: "other-2", Source: "y", Text: distinctStory(1) + " " + distinctStory(2) + " " + distinctStory(3)},
	)
	render := func(res *Result) string {
		var b strings.Builder
		for _, list := range [][]Cluster{res.Clusters, res.Boilerplate} {
			for _, c := range list {
				fmt.Fprintf(&b, "cluster %d origin %v:", c.ID, c.Origin)
				for _, m := range c.Members {
					p := res.Paragraphs[m.Paragraph]
					fmt.Fprintf(&b, " %s/%d %.6f %v %.6f %.6f", res.Docs[p.Doc].ID, p.Index, m.Similarity, m.Spans, m.Coverage, m.OriginCoverage)
				}
				b.WriteString("\n")
			}
		}
		return b.String()
	}
	first, err := Find(docs, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := render(first)
	rng := rand.New(rand.NewPCG(8, 9))
	for i := range 20 {
		shuffled := append([]corpus.Document(nil), docs...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		res, err := Find(shuffled, Options{Workers: 1 + i%4})
		if err != nil {
			t.Fatal(err)
		}
		if got := render(res); got != want {
			t.Fatalf("shuffle %d differs:\n%s\nwant:\n%s", i, got, want)
		}
	}
}

// TestWithinLargeBucket: more copies than lsh.MaxBucketPairs, one a day,
// each within Within (24h) only of the day before and after. The index
// pairs a large bucket's items with their neighbours, by item number
// (document ID, which here runs with the dates). Membership is decided
// at the core (internal/join), so the days do not chain into one cluster: every
// cluster spans at most two days either side of... at most Within of its
// core, and every copy but the last day's, whose only neighbour another
// core took, is in one, whatever the reading order.
func TestWithinLargeBucket(t *testing.T) {
	var docs []corpus.Document
	for d := range 80 {
		docs = append(docs, corpus.Document{ID: fmt.Sprintf("d%02d", d), Source: fmt.Sprintf("s%02d", d), Date: day(1).AddDate(0, 0, d), Text: wire})
	}
	rng := rand.New(rand.NewPCG(1, 1))
	rng.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	res, err := Find(docs, Options{Within: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	clustered := 0
	for _, c := range res.Clusters {
		first, last := res.Docs[res.Paragraphs[c.Members[0].Paragraph].Doc].Date, time.Time{}
		for _, m := range c.Members {
			d := res.Docs[res.Paragraphs[m.Paragraph].Doc].Date
			first, last = minTime(first, d), maxTime(last, d)
		}
		if last.Sub(first) > 48*time.Hour {
			t.Errorf("cluster %d spans %v: %v", c.ID, last.Sub(first), describe(res, []Cluster{c}))
		}
		clustered += len(c.Members)
	}
	if clustered != 79 {
		t.Errorf("%d copies clustered, want 79: %v", clustered, describe(res, res.Clusters))
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
