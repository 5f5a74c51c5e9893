package sqlite

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/lsh"
	"github.com/wirecopy/wirecopy/sign"
)

// story is a paragraph long enough to index, different for each n.
func story(n int) string {
	words := []string{"council", "harbour", "budget", "minister", "storm", "rail", "union", "court", "river", "school"}
	var b strings.Builder
	fmt.Fprintf(&b, "Story %d:", n)
	for i := range 24 {
		b.WriteString(" " + words[(n*7+i*i+i*n)%len(words)] + fmt.Sprint((n*31+i)%97))
	}
	return b.String() + "."
}

func doc(id, source, date string, paras ...string) corpus.Document {
	d := corpus.Document{ID: id, Source: source, Text: strings.Join(paras, "\n\n")}
	if date != "" {
		d.Date, _ = time.Parse(time.DateOnly, date)
	}
	return d
}

// testArchive is an open archive and its store.
type testArchive struct {
	*archive.Archive
	s *store
}

// Add stores entries as an Indexer does.
func (a testArchive) Add(entries []archive.Entry) error { return a.s.Add(entries) }

func add(t *testing.T, a testArchive, docs ...corpus.Document) {
	t.Helper()
	s, err := sign.New(a.Options().Signing())
	if err != nil {
		t.Fatal(err)
	}
	var es []archive.Entry
	for _, d := range docs {
		es = append(es, entry(t, d, s, a.Options()))
	}
	if err := a.Add(es); err != nil {
		t.Fatal(err)
	}
}

func entry(t *testing.T, d corpus.Document, s *sign.Signer, opts cluster.Options) archive.Entry {
	t.Helper()
	e, err := archive.NewEntry(d, s, opts)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func ids(t *testing.T, a testArchive, f archive.Filter) []string {
	t.Helper()
	var out []string
	if err := a.Documents(f, func(d corpus.Document) error { out = append(out, d.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func open(t *testing.T, path string, write bool) testArchive {
	t.Helper()
	s, a, err := openStore(path, Options{Write: write})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return testArchive{a, s}
}

func TestAddReplaceForget(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.wca")
	a := open(t, path, true)
	add(t, a,
		doc("w1", "wire", "2024-01-02", story(1), story(2)),
		doc("p1", "paper", "2024-01-03", "Short line.", story(1)),
		doc("u1", "blog", "", story(3)),
	)
	if got := ids(t, a, archive.Filter{}); !slices.Equal(got, []string{"p1", "u1", "w1"}) {
		t.Fatalf("documents %v", got)
	}
	// Re-adding an id replaces it: one copy, the new text.
	add(t, a, doc("p1", "paper", "2024-01-04", story(2)))
	var texts []string
	a.Documents(archive.Filter{IDs: []string{"p1"}}, func(d corpus.Document) error { texts = append(texts, d.Text); return nil })
	if len(texts) != 1 || texts[0] != story(2) {
		t.Fatalf("after replacing p1: %q", texts)
	}
	// Equal ids in one batch: the later one stays.
	add(t, a, doc("twice", "blog", "", story(5)), doc("twice", "blog", "", story(6)))
	if err := a.Verify(); err != nil {
		t.Fatal(err)
	}
	texts = nil
	a.Documents(archive.Filter{IDs: []string{"twice"}}, func(d corpus.Document) error { texts = append(texts, d.Text); return nil })
	if len(texts) != 1 || texts[0] != story(6) {
		t.Fatalf("twice: %q", texts)
	}
	if gone, err := a.Forget(archive.Filter{IDs: []string{"twice"}}); err != nil || len(gone) != 1 {
		t.Fatalf("forget twice: %v %v", gone, err)
	}
	s, err := a.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if s.Documents != 3 || s.Paragraphs != 4 || s.Indexed != 4 || s.Undated != 1 || s.First != "2024-01-02T00:00:00Z" || s.Last != "2024-01-04T00:00:00Z" {
		t.Fatalf("stats %+v", s)
	}
	if err := a.Verify(); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		f    archive.Filter
		want []string
	}{
		{archive.Filter{Sources: []string{"wire", "blog"}}, []string{"u1", "w1"}},
		{archive.Filter{Since: day("2024-01-03")}, []string{"p1"}},
		{archive.Filter{Before: day("2024-01-03")}, []string{"w1"}},
	} {
		if got := ids(t, a, tc.f); !slices.Equal(got, tc.want) {
			t.Errorf("filter %+v: %v, want %v", tc.f, got, tc.want)
		}
	}
	if _, err := a.Forget(archive.Filter{}); err == nil {
		t.Error("forgetting everything with an empty filter was allowed")
	}
	gone, err := a.Forget(archive.Filter{Sources: []string{"wire"}})
	if err != nil || !slices.Equal(gone, []string{"w1"}) {
		t.Fatalf("forget: %v %v", gone, err)
	}
	if err := a.Verify(); err != nil {
		t.Fatal(err)
	}
	s, _ = a.Stats()
	var keys int
	a.s.conn.QueryRowContext(t.Context(), "SELECT count(*) FROM bands").Scan(&keys)
	if s.Documents != 2 || keys != 2*bands(t, a).Bands {
		t.Fatalf("after forget: %+v, %d band keys", s, keys)
	}
}

// TestVerifyFindsDamage: Verify notices a missing band key, a band key
// of a paragraph that is gone, and a paragraph outside its text.
func TestVerifyFindsDamage(t *testing.T) {
	for _, tc := range []struct{ damage, want string }{
		{"DELETE FROM bands WHERE (family, key, para) IN (SELECT family, key, para FROM bands LIMIT 1)", "paragraphs list 56 band keys, the index holds 55"},
		{"DELETE FROM paragraphs WHERE para = 1", "band keys without a paragraph"},
		{"UPDATE paragraphs SET end = 100000 WHERE para = 1", "outside their document's text"},
		{"UPDATE paragraphs SET features = NULL WHERE para = 1", "no features"},
	} {
		a := open(t, filepath.Join(t.TempDir(), "a.wca"), true)
		add(t, a, doc("w1", "wire", "", story(1), story(2)))
		if _, err := a.s.conn.ExecContext(t.Context(), tc.damage); err != nil {
			t.Fatal(err)
		}
		if err := a.Verify(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", tc.damage, err)
		}
	}
}

func day(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

func TestCheck(t *testing.T) {
	a := open(t, filepath.Join(t.TempDir(), "a.wca"), true)
	add(t, a,
		doc("w1", "wire", "2024-01-02", story(1), story(2), story(3)),
		doc("p1", "paper", "2024-01-01", story(2)),
		doc("p2", "paper", "2024-01-05", story(1)+" The council said more later.", story(9)),
	)
	c, err := a.NewChecker(archive.CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	art := doc("new", "daily", "2024-01-06", story(1), story(2), story(4), "Too short.")
	r, err := c.Check(art)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range r.Paragraphs {
		for _, h := range p.Hits {
			got = append(got, fmt.Sprintf("%d:%s:%d", p.Index, h.Doc, h.Paragraph))
		}
	}
	want := []string{"0:w1:0", "0:p2:0", "1:p1:0", "1:w1:1"}
	if !slices.Equal(got, want) {
		t.Errorf("hits %v, want %v", got, want)
	}
	if r.Judged != 3 || r.Reused != 2 || r.First == nil || r.First.Doc != "p1" || r.FirstParagraphs != 1 {
		t.Errorf("verdict: judged %d reused %d first %+v (%d)", r.Judged, r.Reused, r.First, r.FirstParagraphs)
	}
	// The article's own id is never its own match.
	r, _ = c.Check(doc("w1", "wire", "2024-01-02", story(3)))
	if r.Reused != 0 {
		t.Errorf("w1 matched itself: %+v", r.Paragraphs)
	}
	// Within: the archived copies are days apart.
	c2, _ := a.NewChecker(archive.CheckOptions{Cluster: cluster.Options{Within: 24 * time.Hour}})
	defer c2.Close()
	r, _ = c2.Check(art)
	if r.Reused != 1 || r.Paragraphs[0].Hits[0].Doc != "p2" {
		t.Errorf("within 1 day: %+v", r.Paragraphs[:2])
	}
}

func TestVersionRefused(t *testing.T) {
	// Version 1 (before paragraph languages and pivot keys) and a future
	// version are both refused.
	for _, v := range []int{1, 99} {
		path := filepath.Join(t.TempDir(), "a.wca")
		a := open(t, path, true)
		if _, err := a.s.conn.ExecContext(t.Context(), fmt.Sprintf("PRAGMA user_version = %d", v)); err != nil {
			t.Fatal(err)
		}
		a.Close()
		for _, write := range []bool{false, true} {
			_, err := Open(path, Options{Write: write})
			want := fmt.Sprintf("format version %d; this wirecopy reads version %d", v, Version)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("version %d, write=%v: %v", v, write, err)
			}
		}
	}
}

func TestNotAnArchive(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"text": strings.Repeat("not a database\n", 400), "empty": ""} {
		path := filepath.Join(dir, name)
		writeFile(t, path, content)
		_, err := Open(path, Options{})
		if err == nil || !strings.Contains(err.Error(), "not a wirecopy archive") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := Open(filepath.Join(dir, "missing"), Options{}); err == nil {
		t.Error("a reader opened a missing archive")
	}
}

func TestSecondWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.wca")
	a := open(t, path, true)
	add(t, a, doc("w1", "wire", "", story(1)))
	_, err := Open(path, Options{Write: true})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second writer: %v", err)
	}
	start := time.Now()
	_, err = Open(path, Options{Write: true, LockTimeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrLocked) || time.Since(start) < 200*time.Millisecond {
		t.Fatalf("second writer with timeout: %v after %v", err, time.Since(start))
	}
	// Readers are not held up by the writer.
	r := open(t, path, false)
	if got := ids(t, r, archive.Filter{}); !slices.Equal(got, []string{"w1"}) {
		t.Fatalf("reader saw %v", got)
	}
	// The waiting writer gets the lock once the first one closes.
	// The test waits for that Close before the cleanup closes a again:
	// the file lock orders the two for SQLite, not for the race detector.
	closed := make(chan struct{})
	go func() { time.Sleep(100 * time.Millisecond); a.Close(); close(closed) }()
	b, err := Open(path, Options{Write: true, LockTimeout: 5 * time.Second})
	<-closed
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
}

// TestDiskFull fills the archive to a size limit (SQLite's
// max_page_count, standing in for a full device, which needs a mount)
// and checks that the failed batch is rolled back whole and the archive
// stays sound, with everything committed before it.
func TestDiskFull(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.wca")
	a := open(t, path, true)
	add(t, a, doc("first", "wire", "", story(1)))
	var pages int
	a.s.conn.QueryRowContext(t.Context(), "PRAGMA page_count").Scan(&pages)
	if _, err := a.s.conn.ExecContext(t.Context(), fmt.Sprintf("PRAGMA max_page_count = %d", pages+3)); err != nil {
		t.Fatal(err)
	}
	var big []corpus.Document
	for i := range 50 {
		big = append(big, doc(fmt.Sprintf("d%02d", i), "paper", "", story(100+i), story(200+i), strings.Repeat(story(300+i)+" ", 20)))
	}
	s, _ := sign.New(a.Options().Signing())
	var es []archive.Entry
	for _, d := range big {
		es = append(es, entry(t, d, s, a.Options()))
	}
	err := a.Add(es)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("adding past the limit: %v", err)
	}
	a.Close()
	r := open(t, path, false)
	if err := r.Verify(); err != nil {
		t.Fatal(err)
	}
	if got := ids(t, r, archive.Filter{}); !slices.Equal(got, []string{"first"}) {
		t.Fatalf("after a full disk: %v", got)
	}
}

func TestKeysRoundTrip(t *testing.T) {
	for _, keys := range []map[archive.Family][]uint64{
		{archive.Shingles: {1, 2, 1 << 63}},
		{archive.Shingles: {5}, 1: {7, 8}},
	} {
		got, err := decodeKeys(encodeKeys(keys))
		if err != nil || fmt.Sprint(got) != fmt.Sprint(keys) {
			t.Errorf("%v: %v %v", keys, got, err)
		}
	}
	for _, bad := range [][]byte{{0}, {0, 3, 1, 2}, {0, 0xff}} {
		if _, err := decodeKeys(bad); err == nil {
			t.Errorf("%v decoded", bad)
		}
	}
}

// TestOddPath: a '#', '?' or '%' in the archive's path is part of the
// file name, not of SQLite's URI syntax.
func TestOddPath(t *testing.T) {
	for _, name := range []string{"a#1.wca", "b?x=1.wca", "c%20.wca"} {
		dir := filepath.Join(t.TempDir(), "d#?%")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		a := open(t, path, true)
		add(t, a, doc("w1", "wire", "", story(1)))
		a.Close()
		if _, err := os.Stat(path); err != nil {
			t.Fatal(err)
		}
		if got := ids(t, open(t, path, false), archive.Filter{}); !slices.Equal(got, []string{"w1"}) {
			t.Errorf("%s: %v", name, got)
		}
	}
}

// bands returns the banding of a's band keys.
func bands(t *testing.T, a testArchive) lsh.Params {
	t.Helper()
	p, err := a.Options().Signing().Params()
	if err != nil {
		t.Fatal(err)
	}
	return p
}
