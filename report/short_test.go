package report

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
)

// TestShortDocuments checks that documents too short to judge, which the
// Builder only counts (cluster.Result.Short), are reported exactly as
// when they are kept whole: in the summary, the sources and every format.
func TestShortDocuments(t *testing.T) {
	t.Chdir("..")
	var docs []corpus.Document
	err := corpus.Walk([]string{"testdata/example"}, nil, corpus.Options{}, func(d corpus.Document) error {
		docs = append(docs, d)
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Short documents of known and new sources, between the others.
	var mixed []corpus.Document
	for i, d := range docs {
		mixed = append(mixed, d)
		for j, text := range []string{"Breaking.", "Read more\n\nat our site", "…"} {
			source := d.Source
			if j == 2 {
				source = fmt.Sprintf("tiny%d", i%3)
			}
			mixed = append(mixed, corpus.Document{ID: fmt.Sprintf("short-%d-%d", i, j), Source: source, Text: text, Path: "short.jsonl", Line: 3*i + j + 1})
		}
	}
	build := func(all bool) *cluster.Result {
		b, err := cluster.NewBuilder(cluster.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if all {
			b.ListAll()
		}
		for _, d := range mixed {
			b.Add(d)
		}
		res, err := b.Result()
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	lean, full := build(false), build(true)
	if len(lean.Docs) != len(docs) || lean.Documents() != len(mixed) || len(full.Short) != 0 {
		t.Fatalf("lean: %d documents listed, %d in all; full: %d short sources", len(lean.Docs), lean.Documents(), len(full.Short))
	}
	for _, f := range []Format{FormatTable, FormatMarkdown, FormatCSV, FormatJSON, FormatJSONL, FormatHTML} {
		var a, b bytes.Buffer
		if err := Write(&a, lean, Options{Format: f}); err != nil {
			t.Fatal(err)
		}
		if err := Write(&b, full, Options{Format: f}); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("%s: the report differs when short documents are only counted", f)
		}
	}
	var a, b bytes.Buffer
	WriteSources(&a, lean)
	WriteSources(&b, full)
	if a.String() != b.String() {
		t.Errorf("sources differ:\n%s\nwant\n%s", a.String(), b.String())
	}
}
