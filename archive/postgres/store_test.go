package postgres

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/archive/sqlite"
	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
)

// stores are the two backends of an archive; every test of
// the suite runs on both. new returns an opener for a fresh, empty
// archive: open(write) opens it (again).
var stores = []struct {
	name string
	new  func(t *testing.T) func(write bool) *archive.Archive
}{
	{"embedded", func(t *testing.T) func(bool) *archive.Archive {
		path := filepath.Join(t.TempDir(), "a.wca")
		return func(write bool) *archive.Archive {
			a, err := sqlite.Open(path, sqlite.Options{Write: write})
			if err != nil {
				t.Fatal(err)
			}
			return a
		}
	}},
	{"postgres", func(t *testing.T) func(bool) *archive.Archive {
		dsn := freshDB(t)
		return func(write bool) *archive.Archive {
			s, err := Open(dsn, Options{Write: write})
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
	}},
}

func readDocs(t *testing.T, paths ...string) []corpus.Document {
	t.Helper()
	var docs []corpus.Document
	err := corpus.Walk(paths, nil, corpus.Options{}, func(d corpus.Document) error {
		d.Line = 0 // an archive keeps no line numbers
		docs = append(docs, d)
		return nil
	}, func(err error) { t.Error(err) })
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func all(t *testing.T, s *archive.Archive, f archive.Filter) []corpus.Document {
	t.Helper()
	var out []corpus.Document
	if err := s.Documents(f, func(d corpus.Document) error { out = append(out, d); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// outcome is what the suite observed of one store; both stores must
// observe the same.
type outcome struct {
	stats     archive.Stats
	checked   []archive.Checked
	clusters  int
	forgotten []string
	after     archive.Stats
}

// TestStoresAgree indexes, reads, checks, reports, replaces and
// forgets on both stores, asserts what each must hold, and then that
// both hold the same.
func TestStoresAgree(t *testing.T) {
	input := readDocs(t, "../../testdata/reprints/dev.jsonl", "../../testdata/reprints/hard.jsonl")
	byID := slices.Clone(input)
	slices.SortFunc(byID, func(a, b corpus.Document) int { return strings.Compare(a.ID, b.ID) })
	got := map[string]outcome{}
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			open := st.new(t)
			var o outcome
			w := open(true)
			// index: small batches, so that there are many.
			ix, err := w.NewIndexer(cluster.Options{}, 50, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range input {
				if err := ix.Add(d); err != nil {
					t.Fatal(err)
				}
			}
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
			if err := w.Verify(); err != nil {
				t.Fatal(err)
			}
			r := open(false)
			defer r.Close()
			// report: the documents come back as they went in, in id
			// order, and cluster as a scan of the input does.
			docs := all(t, r, archive.Filter{})
			if !reflect.DeepEqual(docs, byID) {
				t.Fatalf("read back %d documents, not the %d indexed (first differing)", len(docs), len(byID))
			}
			res, err := cluster.Find(docs, cluster.Options{})
			if err != nil {
				t.Fatal(err)
			}
			scan, err := cluster.Find(input, cluster.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Clusters) != len(scan.Clusters) || len(res.Clusters) == 0 {
				t.Fatalf("report: %d clusters, scan %d", len(res.Clusters), len(scan.Clusters))
			}
			o.clusters = len(res.Clusters)
			// stats
			if o.stats, err = r.Stats(); err != nil {
				t.Fatal(err)
			}
			if o.stats.Documents != len(input) || o.stats.Paragraphs == 0 || o.stats.Bytes == 0 {
				t.Fatalf("stats %+v", o.stats)
			}
			// 28 word-shingle band keys per indexed paragraph, and the
			// dictionary keys of the translation families on top.
			if st.name == "postgres" && o.stats.Keys < o.stats.Indexed*28 {
				t.Fatalf("stats: %d band keys for %d indexed paragraphs (28 bands each, at least)", o.stats.Keys, o.stats.Indexed)
			}
			// check: every input document against the archive (its own
			// copy is left out); a reprinted story finds its copies.
			c, err := r.NewChecker(archive.CheckOptions{})
			if err != nil {
				t.Fatal(err)
			}
			reused := 0
			for _, d := range input[:120] {
				res, err := c.Check(d)
				if err != nil {
					t.Fatal(err)
				}
				reused += res.Reused
				o.checked = append(o.checked, res)
			}
			c.Close()
			if reused == 0 {
				t.Fatal("check found no reuse in a corpus of reprints")
			}
			// Re-adding an id replaces it.
			changed := input[0]
			changed.Text = "Replaced: " + changed.Text
			ix, err = w.NewIndexer(cluster.Options{}, 0, nil)
			if err != nil {
				t.Fatal(err)
			}
			ix.Add(changed)
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
			again := all(t, r, archive.Filter{IDs: []string{changed.ID}})
			if len(again) != 1 || again[0].Text != changed.Text {
				t.Fatalf("re-added %q: read back %d documents", changed.ID, len(again))
			}
			// forget by source.
			if o.forgotten, err = w.Forget(archive.Filter{Sources: []string{"reuters"}}); err != nil {
				t.Fatal(err)
			}
			if len(o.forgotten) == 0 || len(all(t, r, archive.Filter{Sources: []string{"reuters"}})) != 0 {
				t.Fatalf("forget: removed %d, reuters left", len(o.forgotten))
			}
			if _, err := w.Forget(archive.Filter{}); err == nil {
				t.Fatal("forget with an empty filter removed everything")
			}
			if err := w.Verify(); err != nil {
				t.Fatal(err)
			}
			if o.after, err = r.Stats(); err != nil {
				t.Fatal(err)
			}
			if o.after.Documents != len(input)-len(o.forgotten) {
				t.Fatalf("after forget: %d documents", o.after.Documents)
			}
			w.Close()
			// Sizes and format versions are the stores' own; the
			// embedded store does not count its band keys (Keys is 0).
			for _, s := range []*archive.Stats{&o.stats, &o.after} {
				s.Bytes, s.Version, s.Keys = 0, 0, 0
			}
			got[st.name] = o
		})
	}
	e, p := got["embedded"], got["postgres"]
	if len(got) < 2 {
		return // a store was skipped
	}
	if !reflect.DeepEqual(e.stats, p.stats) || !reflect.DeepEqual(e.after, p.after) {
		t.Errorf("stats differ:\nembedded %+v\npostgres %+v", e.stats, p.stats)
	}
	if !reflect.DeepEqual(e.forgotten, p.forgotten) || e.clusters != p.clusters {
		t.Errorf("forget or report differ")
	}
	for i := range e.checked {
		if !reflect.DeepEqual(e.checked[i], p.checked[i]) {
			t.Errorf("check of %q differs:\nembedded %+v\npostgres %+v", e.checked[i].Doc.ID, e.checked[i], p.checked[i])
		}
	}
}

// TestStoresTranslate indexes the English, French and Spanish paragraphs
// of testdata/translations on both stores and checks the German ones
// under new ids: each store must find translated copies, and both the
// same.
func TestStoresTranslate(t *testing.T) {
	var archived, german []corpus.Document
	for _, d := range readDocs(t, "../../testdata/translations/dev.jsonl") {
		if strings.HasSuffix(d.ID, "-de") {
			d.ID = "checked-" + d.ID
			german = append(german, d)
		} else {
			archived = append(archived, d)
		}
	}
	if len(german) == 0 {
		t.Fatal("no German paragraph in testdata/translations/dev.jsonl")
	}
	got := map[string][]archive.Checked{}
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			r := indexed(t, st.new(t), archived)
			defer r.Close()
			langs, err := r.PivotLanguages()
			if err != nil || !slices.Contains(langs, "en") {
				t.Fatalf("PivotLanguages = %v, %v; want en among them", langs, err)
			}
			c, err := r.NewChecker(archive.CheckOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			translated := 0
			for _, d := range german {
				res, err := c.Check(d)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range res.Paragraphs {
					for _, h := range p.Hits {
						if h.Translated {
							translated++
							if h.Lang == "" || h.Lang == p.Lang {
								t.Errorf("%s: translated hit %s in %q, paragraph in %q", d.ID, h.Doc, h.Lang, p.Lang)
							}
						}
					}
				}
				got[st.name] = append(got[st.name], res)
			}
			if translated < len(german) {
				t.Errorf("%d translated hits for %d German paragraphs, want at least one each", translated, len(german))
			}
		})
	}
	if e, p := got["embedded"], got["postgres"]; e != nil && p != nil && !reflect.DeepEqual(e, p) {
		t.Error("the stores found different translated hits")
	}
}

// TestConcurrentChecks: serve runs several checks at once on one open
// archive; on both stores they must give what one check at a time gives.
func TestConcurrentChecks(t *testing.T) {
	input := readDocs(t, "../../testdata/reprints/dev.jsonl")
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			r := indexed(t, st.new(t), input)
			defer r.Close()
			check := func(d corpus.Document) (archive.Checked, error) {
				c, err := r.NewChecker(archive.CheckOptions{})
				if err != nil {
					return archive.Checked{}, err
				}
				defer c.Close()
				return c.Check(d)
			}
			want := make([]archive.Checked, 40)
			for i := range want {
				var err error
				if want[i], err = check(input[i]); err != nil {
					t.Fatal(err)
				}
			}
			got := make([]archive.Checked, len(want))
			errs := make([]error, len(want))
			var wg sync.WaitGroup
			for i := range want {
				wg.Go(func() { got[i], errs[i] = check(input[i]) })
			}
			wg.Wait()
			for i := range want {
				if errs[i] != nil {
					t.Fatalf("check %d: %v", i, errs[i])
				}
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("check %d at once differs from alone", i)
				}
			}
		})
	}
}

// indexed indexes docs into a fresh archive and opens it for reading.
func indexed(t *testing.T, open func(write bool) *archive.Archive, docs []corpus.Document) *archive.Archive {
	t.Helper()
	w := open(true)
	ix, err := w.NewIndexer(cluster.Options{}, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := ix.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	return open(false)
}
