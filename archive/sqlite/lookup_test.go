package sqlite

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/sign"
)

// TestPostings looks band keys up in batches of every shape a lookup
// prepares (one key, a full batch, more than one batch) with bucket
// limits changing from call to call on one lookup: each key gets the
// first paragraphs filed under it, in paragraph order, cut where the
// limit says.
func TestPostings(t *testing.T) {
	a := open(t, filepath.Join(t.TempDir(), "a.wca"), true)
	// Three documents carry story 1 (the same band keys), one story 2.
	add(t, a,
		doc("a", "wire", "2024-01-01", story(1)),
		doc("b", "wire", "2024-01-02", story(2)),
		doc("c", "paper", "2024-01-03", story(1)),
		doc("d", "paper", "2024-01-04", story(1)),
	)
	s, err := sign.New(a.Options().Signing())
	if err != nil {
		t.Fatal(err)
	}
	_, one := s.Paragraph(story(1))
	_, two := s.Paragraph(story(2))
	if len(one) == 0 || len(two) == 0 {
		t.Fatal("stories not indexed")
	}
	l, err := a.s.Lookup()
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	para := func(doc string) int64 {
		ps, err := l.Paragraphs(doc)
		if err != nil || len(ps) != 1 {
			t.Fatalf("paragraphs of %s: %v, %v", doc, ps, err)
		}
		return ps[0].Para
	}
	ones := []int64{para("a"), para("c"), para("d")}
	twos := []int64{para("b")}
	const missing = 12345 // a key no paragraph is filed under
	// want is what one key finds under a limit: its paragraphs (those of
	// story 1, story 2 or none), the first max, and whether there were
	// more.
	want := func(key uint64, max int) string {
		var ps []int64
		switch {
		case slices.Contains(one, key):
			ps = ones
		case slices.Contains(two, key):
			ps = twos
		}
		return fmt.Sprint(ps[:min(len(ps), max)], len(ps) > max)
	}
	many := slices.Concat(one, []uint64{missing}, two, one) // more than probeBatch
	if len(many) <= probeBatch {
		t.Fatalf("%d keys, want more than %d", len(many), probeBatch)
	}
	for _, tt := range []struct {
		name string
		keys []uint64
		max  int
	}{
		{"one key, limit 1", one[:1], 1},
		{"one key, limit 2", one[:1], 2},
		{"missing key", []uint64{missing}, 1},
		{"batch, limit 1", one, 1},
		{"batch, limit 3", one, 3},
		{"batches, limit 2", many, 2},
		{"batches, limit 5", many, 5},
		{"one key again, limit 1", one[:1], 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got, exp []string
			for _, k := range tt.keys {
				exp = append(exp, want(k, tt.max))
			}
			err := l.Postings(archive.Shingles, tt.keys, tt.max, func(i int, paras []int64, cut bool) {
				if i != len(got) {
					t.Errorf("key %d called back as %d", len(got), i)
				}
				got = append(got, fmt.Sprint(paras, cut))
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, exp) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(exp, "\n"))
			}
		})
	}
}
