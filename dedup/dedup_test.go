package dedup

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/score"
)

// vocabulary for generated test documents: enough words that unrelated
// paragraphs share few three-word shingles.
var vocabulary = strings.Fields(`harbour council bridge storm ferry island
	minister budget school hospital river flood police court trial market
	shares bank rates inflation election vote party leader farmers harvest
	drought wildfire firefighters village mayor road rail strike union wages
	museum festival concert theatre football match coach season injury
	airport flight delay passengers tourism hotel beach coast fishing boats
	quota treaty summit talks ceasefire aid refugees border troops exercise
	report survey study scientists climate energy wind solar grid prices`)

// paragraph returns a paragraph of n words drawn by r.
func paragraph(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = vocabulary[r.IntN(len(vocabulary))]
	}
	return strings.Join(w, " ") + "."
}

// testCorpus returns n documents: originals of 2-4 paragraphs, about a
// third of them followed later by copies that keep a prefix of the
// paragraphs, some with one word changed, and a boilerplate paragraph in
// every fifth document.
func testCorpus(seed uint64, n int) []corpus.Document {
	r := rand.New(rand.NewPCG(seed, 0))
	boiler := paragraph(r, 18)
	var originals [][]string
	var docs []corpus.Document
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		var paras []string
		if len(originals) > 0 && r.IntN(3) == 0 {
			src := originals[r.IntN(len(originals))]
			paras = slices.Clone(src[:1+r.IntN(len(src))])
			if r.IntN(2) == 0 {
				w := strings.Fields(paras[0])
				w[r.IntN(len(w))] = "changed"
				paras[0] = strings.Join(w, " ")
			}
		} else {
			for range 2 + r.IntN(3) {
				paras = append(paras, paragraph(r, 12+r.IntN(40)))
			}
			originals = append(originals, paras)
		}
		if i%5 == 0 {
			paras = append(paras, boiler)
		}
		date := day.Add(time.Duration(r.IntN(30*24)) * time.Hour)
		if i%7 == 0 {
			date = time.Time{}
		}
		docs = append(docs, corpus.Document{
			ID: fmt.Sprintf("d%03d", i), Source: fmt.Sprintf("s%d", i%6), Date: date,
			Text: strings.Join(paras, "\n\n"), Path: "t.jsonl", Line: i + 1,
		})
	}
	return docs
}

func decide(t testing.TB, docs []corpus.Document, opts Options) *Result {
	t.Helper()
	d, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range docs {
		d.Add(doc)
	}
	res, err := d.Decide()
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// summary writes the decisions as text, for comparing runs.
func summary(r *Result) string {
	var b strings.Builder
	for i, d := range r.Docs {
		fmt.Fprintf(&b, "%s %s dup=%d cluster=%d sim=%.4f kept=%d\n", d.ID, d.Drop, d.DuplicateOf, d.Cluster, d.Similarity, d.KeptWords)
		for _, rm := range r.RemovedFrom(i) {
			fmt.Fprintf(&b, "  -%d %+v\n", rm.Paragraph, rm)
		}
	}
	fmt.Fprintf(&b, "clusters %d units %d\n", r.Clusters, r.Units)
	return b.String()
}

func TestDeterministicAcrossWorkers(t *testing.T) {
	docs := testCorpus(1, 400)
	for _, unit := range []Unit{UnitDocument, UnitParagraph} {
		for _, keep := range []Keep{KeepCentral, KeepFirst, KeepLongest, KeepEarliest} {
			t.Run(unit.String()+"/"+keep.String(), func(t *testing.T) {
				var want string
				for _, workers := range []int{1, 2, 8} {
					res := decide(t, docs, Options{Unit: unit, Keep: keep, Cluster: cluster.Options{Workers: workers}})
					got := summary(res)
					if res.Clusters == 0 || !strings.Contains(got, "duplicate") && len(res.Removed) == 0 {
						t.Fatalf("%d workers: nothing removed from a corpus of copies", workers)
					}
					if want == "" {
						want = got
					} else if got != want {
						t.Fatalf("%d workers decide differently from 1", workers)
					}
				}
			})
		}
	}
}

// TestKeepPolicies checks that every member removed points at a kept
// member of its cluster that holds it (see cover), and that the member
// the policy prefers is kept unless a kept member holds it.
func TestKeepPolicies(t *testing.T) {
	docs := testCorpus(2, 300)
	for _, keep := range []Keep{KeepFirst, KeepLongest, KeepEarliest} {
		t.Run(keep.String(), func(t *testing.T) {
			res := decide(t, docs, Options{Keep: keep})
			members := map[int][]int{}
			for i, d := range res.Docs {
				if d.Cluster > 0 {
					members[d.Cluster] = append(members[d.Cluster], i)
				}
			}
			if len(members) != res.Clusters || res.Clusters == 0 {
				t.Fatalf("%d clusters listed, %d counted", len(members), res.Clusters)
			}
			better := func(a, b int) bool { // a preferred to b
				da, db := res.Docs[a], res.Docs[b]
				switch keep {
				case KeepLongest:
					return da.Words > db.Words || da.Words == db.Words && a < b
				case KeepEarliest:
					if da.Date.IsZero() != db.Date.IsZero() {
						return !da.Date.IsZero()
					}
					return da.Date.Before(db.Date) || da.Date.Equal(db.Date) && a < b
				}
				return a < b
			}
			for c, ms := range members {
				best := ms[0]
				for _, m := range ms[1:] {
					if better(m, best) {
						best = m
					}
				}
				if d := res.Docs[best]; d.Drop != Kept && d.Drop != Duplicate {
					t.Errorf("cluster %d: the preferred %s is %s", c, d.ID, d.Drop)
				}
				for _, m := range ms {
					dm := res.Docs[m]
					if dm.Drop == Kept {
						continue
					}
					k := dm.DuplicateOf
					if dm.Drop != Duplicate || k < 0 || res.Docs[k].Drop != Kept || res.Docs[k].Cluster != c {
						t.Fatalf("cluster %d: %s (%s) points at %d, not at a kept member", c, dm.ID, dm.Drop, k)
					}
					if dm.Similarity < cluster.DefaultThreshold-1e-9 {
						t.Errorf("cluster %d: %s removed at similarity %.4f to %s", c, dm.ID, dm.Similarity, res.Docs[k].ID)
					}
				}
			}
		})
	}
}

// TestScoreAgainstScan scores dedup's clusters and scan's on the same
// generated corpus with the labels it was made from: dedup, which only
// keeps sketches, must come close to scan's exact verification.
func TestScoreAgainstScan(t *testing.T) {
	docs := testCorpus(3, 300)
	gold := map[string]string{}
	// Label by the text of the first paragraph's first five words: copies
	// keep their original's first paragraph (but for one word).
	for _, d := range docs {
		gold[d.ID] = strings.Join(strings.Fields(d.Text)[:3], " ")
	}
	scan, err := cluster.Find(docs, cluster.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sdocs := make([]score.Doc, len(scan.Docs))
	for i, d := range scan.Docs {
		sdocs[i] = score.Doc{ID: d.ID, Source: d.Source}
	}
	want := score.Pairs(sdocs, scan.DocClusters(), gold)
	got := decide(t, docs, Options{Unit: UnitParagraph}).Score(gold)
	t.Logf("scan %v\ndedup %v", want, got)
	if got.F1 < want.F1-0.05 || got.TruePositives == 0 {
		t.Errorf("dedup F1 %.4f, scan %.4f", got.F1, want.F1)
	}
}

// TestWriteParagraphs runs both passes on JSONL and checks the rewritten
// text and the removed file.
func TestWriteParagraphs(t *testing.T) {
	input := `{"id":"a","text":"` + strings.Repeat("one two three four five six seven eight nine ten eleven. ", 2) + `\n\nunique words for the first document only, written once and never again here."}
{"x":1,"id":"b","text":"Another opening paragraph with words of its own, eleven words or more in all.\n\n` + strings.Repeat("one two three four five six seven eight nine ten eleven. ", 2) + `"}
`
	var docs []corpus.Document
	err := corpus.Read(strings.NewReader(input), "in.jsonl", corpus.Options{}, func(d corpus.Document) error {
		docs = append(docs, d)
		return nil
	}, func(err error) { t.Fatal(err) })
	if err != nil {
		t.Fatal(err)
	}
	res := decide(t, docs, Options{Unit: UnitParagraph})
	var out, removed bytes.Buffer
	n, err := res.Write(&out, WriteOptions{
		Open:    func(string) (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(input)), nil },
		Input:   corpus.Options{TextField: "text"},
		Removed: &removed,
	})
	if err != nil || n != 2 {
		t.Fatalf("wrote %d records: %v", n, err)
	}
	lines := strings.Split(out.String(), "\n")
	if want := `{"x":1,"id":"b","text":"Another opening paragraph with words of its own, eleven words or more in all."}`; lines[1] != want {
		t.Errorf("got  %s\nwant %s", lines[1], want)
	}
	if lines[0] != strings.Split(input, "\n")[0] {
		t.Errorf("first record changed: %s", lines[0])
	}
	if !strings.Contains(removed.String(), `"id":"b","file":"in.jsonl","line":2,"reason":"duplicate","paragraph":1,"duplicate_of":"a","matched_to":{"doc":"a","paragraph":0},"similarity":1`) {
		t.Errorf("removed file: %s", removed.String())
	}
}

func BenchmarkDecide(b *testing.B) {
	docs := testCorpus(4, 3000)
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		decide(b, docs, Options{Unit: UnitParagraph})
	}
}

// TestCover checks the choice of kept units in a cluster on hand-made
// relations: holds[i] lists the units unit i holds; units are in order
// of preference.
func TestCover(t *testing.T) {
	tests := []struct {
		name  string
		holds [][]int
		want  []int // per unit: the unit it duplicates, -1 when kept
	}{
		{"copies of one another: the first stays", [][]int{{1, 2}, {0, 2}, {0, 1}}, []int{-1, 0, 0}},
		{"the fuller copy holds the trimmed ones", [][]int{{}, {0, 2}, {}}, []int{1, -1, 1}},
		{"two that hold as many: the first", [][]int{{2}, {2}, {}}, []int{-1, -1, 0}},
		{"nothing held: all stay", [][]int{{}, {}, {}}, []int{-1, -1, -1}},
		{"a held unit never keeps others", [][]int{{1}, {2}, {}}, []int{-1, 0, -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cover(len(tt.holds), func(i, j int) bool { return slices.Contains(tt.holds[i], j) })
			if !slices.Equal(got, tt.want) {
				t.Errorf("cover = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestCentralKeepsTheStory builds synd-dev's hardest case: a reprint of
// story B that carries most of a short story A (one long sentence of it),
// read first. It holds A's copies through that sentence, so keeping the
// first member of A's cluster leaves A with no copy of its own; the
// central policy keeps A's own copy.
func TestCentralKeepsTheStory(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 0))
	aLong, aShort := paragraph(r, 40), paragraph(r, 8)
	b1, b2, b3 := paragraph(r, 14), paragraph(r, 30), paragraph(r, 30)
	docs := []corpus.Document{
		{ID: "b-reprint", Source: "tribune", Text: b1 + " " + aLong},
		{ID: "a-wire", Source: "wire", Text: aLong + " " + aShort},
		{ID: "a-reprint", Source: "herald", Text: "PRAGUE (Reuters) - " + aLong + " " + aShort},
		{ID: "b-wire", Source: "wire", Text: b1 + " " + b2 + " " + b3},
		{ID: "b-copy", Source: "post", Text: b1 + " " + b2 + " " + b3 + " Copyright 2024."},
	}
	keptA := func(keep Keep) []string {
		var ids []string
		for _, d := range decide(t, docs, Options{Keep: keep}).Docs {
			if d.Drop == Kept && strings.HasPrefix(d.ID, "a-") {
				ids = append(ids, d.ID)
			}
		}
		return ids
	}
	if got := keptA(KeepFirst); len(got) != 0 {
		t.Fatalf("first keeps %v: the case no longer needs the central policy", got)
	}
	if got := keptA(KeepCentral); len(got) != 1 {
		t.Errorf("central keeps %v of story A, want one copy", got)
	}
}

// TestInsertedPassageKeepsTheStory builds synd-dev's other hard case: a
// reprint of story B that carries all of B and, inserted, the long first
// sentence of a short story A that has no other copy. The reprint holds
// half of A's text and, matched by every other unit, is the core of a
// cluster that holds A too. It holds A only through the insertion, text
// that B's own copies lack, so A must stay, whatever the keep policy; B
// keeps one copy.
func TestInsertedPassageKeepsTheStory(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 0))
	aLong, aRest := paragraph(r, 40), paragraph(r, 24)
	b1, b2, b3 := paragraph(r, 30), paragraph(r, 30), paragraph(r, 12)
	docs := []corpus.Document{
		{ID: "b-wire", Source: "wire", Text: b1 + " " + b2 + " " + b3},
		{ID: "b-copy", Source: "post", Text: "LONDON (AP) - " + b1 + " " + b2 + " " + b3 + " Copyright 2024 The Post."},
		{ID: "b-bridge", Source: "herald", Text: b1 + " " + b2 + " " + b3 + " " + aLong},
		{ID: "a-wire", Source: "wire", Text: aLong + " " + aRest},
	}
	for _, keep := range []Keep{KeepCentral, KeepFirst, KeepLongest, KeepEarliest} {
		t.Run(keep.String(), func(t *testing.T) {
			res := decide(t, docs, Options{Keep: keep})
			if a := res.Docs[3]; a.Cluster != res.Docs[2].Cluster || a.Cluster == 0 {
				t.Fatalf("a-wire is in cluster %d, the reprint in %d: the case no longer needs the rule", a.Cluster, res.Docs[2].Cluster)
			}
			var keptA, keptB []string
			for _, d := range res.Docs {
				switch {
				case d.Drop != Kept:
				case strings.HasPrefix(d.ID, "a-"):
					keptA = append(keptA, d.ID)
				default:
					keptB = append(keptB, d.ID)
				}
			}
			if len(keptA) != 1 || len(keptB) != 1 {
				t.Errorf("kept %v of story A and %v of B, want one of each", keptA, keptB)
			}
		})
	}
}

// TestExcerptsAreDuplicates checks the other side of the rule above: two
// reprints that each carry a different paragraph of an original, whole,
// share no text with each other, yet each is the original's duplicate.
func TestExcerptsAreDuplicates(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 0))
	p1, p2, p3 := paragraph(r, 30), paragraph(r, 30), paragraph(r, 30)
	docs := []corpus.Document{
		{ID: "wire", Source: "wire", Text: p1 + "\n\n" + p2 + "\n\n" + p3},
		{ID: "first", Source: "post", Text: p1},
		{ID: "last", Source: "herald", Text: p3},
	}
	res := decide(t, docs, Options{})
	for _, d := range res.Docs[1:] {
		if d.Drop != Duplicate || d.DuplicateOf != 0 {
			t.Errorf("%s: %s, duplicate of %d, want a duplicate of the wire", d.ID, d.Drop, d.DuplicateOf)
		}
	}
}

// TestCentralKeepsTheLongerOfTwo builds a cluster of two documents that
// hold each other: a reprint of another story that carries a long
// sentence of a short story, read first, and that story. Keeping the
// story loses less text (a third of the reprint against half of the
// story); input order would keep the reprint.
func TestCentralKeepsTheLongerOfTwo(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 0))
	long, other := paragraph(r, 30), paragraph(r, 14)
	docs := []corpus.Document{
		{ID: "reprint", Source: "tribune", Text: other + " " + long},
		{ID: "story", Source: "wire", Text: long + " " + paragraph(r, 36)},
	}
	res := decide(t, docs, Options{})
	if res.Docs[0].Cluster == 0 || res.Docs[0].Cluster != res.Docs[1].Cluster {
		t.Fatal("the two documents do not match: the case is gone")
	}
	if got := res.Docs[1]; got.Drop != Kept || res.Docs[0].Drop != Duplicate {
		t.Errorf("story %s, reprint %s: want the story kept", got.Drop, res.Docs[0].Drop)
	}
	// Each holds the other, so first keeps the reprint.
	first := decide(t, docs, Options{Keep: KeepFirst})
	if first.Docs[0].Drop != Kept || first.Docs[1].Drop != Duplicate {
		t.Errorf("first keeps the story: the reprint no longer holds it, and the case shows nothing")
	}
}

// TestShortDocuments checks that documents too short to match anything,
// held as a place in the input rather than a Doc, are written and counted
// exactly as when every document is listed, in every mode.
func TestShortDocuments(t *testing.T) {
	long := testCorpus(5, 40)
	inputs := map[string]string{}
	var docs []corpus.Document
	shorts := []string{"hi", "two words", "", "…", "a b c d e f g h i", "one\n\ntwo"}
	for _, path := range []string{"a.jsonl", "b.jsonl", "c.jsonl"} {
		var b strings.Builder
		for i, d := range long {
			if path == "c.jsonl" { // a file of short documents only
				break
			}
			text := d.Text
			if i%3 != 0 {
				text = shorts[i%len(shorts)]
				if text == "" {
					b.WriteString("\n") // a blank line, not a record
					continue
				}
			}
			fmt.Fprintf(&b, "{\"id\":%q,\"source\":%q,\"text\":%q}\n", path+d.ID, d.Source, text)
		}
		for _, s := range shorts[:2] {
			fmt.Fprintf(&b, "{\"id\":%q,\"text\":%q}\n", path+s, s)
		}
		inputs[path] = b.String()
		err := corpus.Read(strings.NewReader(b.String()), path, corpus.Options{}, func(d corpus.Document) error {
			docs = append(docs, d)
			return nil
		}, func(err error) { t.Fatal(err) })
		if err != nil {
			t.Fatal(err)
		}
	}
	write := func(res *Result, annotate bool) (string, string) {
		var out, removed bytes.Buffer
		n, err := res.Write(&out, WriteOptions{
			Open:     func(path string) (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(inputs[path])), nil },
			Input:    corpus.Options{TextField: "text"},
			Removed:  &removed,
			Annotate: annotate,
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(out.String(), "\n"); got != n {
			t.Errorf("Write says %d records, wrote %d", n, got)
		}
		return out.String(), removed.String()
	}
	for _, tt := range []struct {
		name     string
		opts     Options
		annotate bool
	}{
		{"document", Options{}, false},
		{"paragraph", Options{Unit: UnitParagraph}, false},
		{"annotate", Options{}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			all := tt.opts
			all.ListAll = true
			lean, full := decide(t, docs, tt.opts), decide(t, docs, all)
			if lean.Short == 0 || full.Short != 0 || len(lean.Docs)+lean.Short != len(full.Docs) {
				t.Fatalf("%d listed and %d short documents, against %d listed", len(lean.Docs), lean.Short, len(full.Docs))
			}
			if a, b := fmt.Sprint(lean.Counts()), fmt.Sprint(full.Counts()); a != b {
				t.Errorf("counts %s, listing all %s", a, b)
			}
			leanOut, leanRemoved := write(lean, tt.annotate)
			fullOut, fullRemoved := write(full, tt.annotate)
			if leanOut != fullOut {
				t.Errorf("output differs from listing every document:\n%s\nwant\n%s", leanOut, fullOut)
			}
			if leanRemoved != fullRemoved {
				t.Errorf("removed differs:\n%s\nwant\n%s", leanRemoved, fullRemoved)
			}
			if !strings.Contains(fullOut, `"id":"c.jsonlhi"`) {
				t.Errorf("a file of short documents is not written")
			}
		})
	}
}

// TestShortDocumentsCostLittle adds many documents too short to match and
// checks what the Deduper holds for them: their place in the input, 16
// bytes, not a Doc (some 200 bytes before).
func TestShortDocumentsCostLittle(t *testing.T) {
	const n = 200_000
	d, err := New(Options{Cluster: cluster.Options{Workers: 1}})
	if err != nil {
		t.Fatal(err)
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	before := heap()
	for i := range n {
		d.Add(corpus.Document{ID: fmt.Sprintf("t%07d", i), Source: "s", Text: fmt.Sprintf("w%d x", i%97), Path: "tiny.jsonl", Line: i + 1})
	}
	per := float64(int64(heap())-int64(before)) / n
	t.Logf("%.1f bytes per short document", per)
	if per > 40 { // 16, and room for the slice's growth
		t.Errorf("%.0f bytes held per short document, want at most 40", per)
	}
	res, err := d.Decide()
	if err != nil {
		t.Fatal(err)
	}
	if in, out, _, _ := res.Counts(); len(res.Docs) != 0 || res.Short != n || in != n || out != n {
		t.Errorf("%d documents listed, %d short, %d in, %d out", len(res.Docs), res.Short, in, out)
	}
}
