package archive

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"

	"github.com/wirecopy/wirecopy/corpus"
)

// Documents calls fn with each stored document f selects, in id order,
// its text and metadata as they were added (Line is 0). It stops at
// fn's first error and returns it.
func (a *Archive) Documents(f Filter, fn func(corpus.Document) error) error {
	cond, args := f.where()
	rows, err := a.conn.QueryContext(context.Background(),
		"SELECT id, source, date, lang, url, title, path, text FROM documents WHERE "+cond+" ORDER BY id", args...)
	if err != nil {
		return a.fail("reading documents", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d corpus.Document
		var date string
		var text []byte
		if err := rows.Scan(&d.ID, &d.Source, &date, &d.Lang, &d.URL, &d.Title, &d.Path, &text); err != nil {
			return a.fail("reading documents", err)
		}
		if d.Date, err = parseDate(date); err != nil {
			return a.fail(fmt.Sprintf("document %q", d.ID), err)
		}
		d.Text = string(text)
		if err := fn(d); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return a.fail("reading documents", err)
	}
	return nil
}

func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("damaged date %q", s)
	}
	return t, nil
}

// Stats describes an archive.
type Stats struct {
	Documents, Paragraphs, Indexed int     // Indexed: paragraphs filed under band keys
	Keys                           int     // rows of the band-key index
	Sources                        []Count // documents per source, most first
	Languages                      []Count // documents per language ("" unknown), most first
	// ParagraphLanguages counts the indexed paragraphs per language, as
	// detected at index time ("" with --translate=false), most first.
	ParagraphLanguages []Count
	First, Last        string // earliest and latest date, RFC 3339; "" when none is dated
	Undated            int    // documents without a date
	Bytes              int64  // size on disk: the database, its write-ahead log and lock file
	Version            int    // format version
}

// Count is a name and a number of documents.
type Count struct {
	Name string
	N    int
}

// Stats counts what the archive holds.
func (a *Archive) Stats() (Stats, error) {
	ctx := context.Background()
	s := Stats{Version: Version}
	one := func(q string, dst ...any) error {
		return a.conn.QueryRowContext(ctx, q).Scan(dst...)
	}
	var first, last sql.NullString
	steps := []error{
		one("SELECT count(*), count(*) - count(day) FROM documents", &s.Documents, &s.Undated),
		one("SELECT count(*), count(keys) FROM paragraphs", &s.Paragraphs, &s.Indexed),
		// day orders dates; the stored text keeps the original zone.
		one("SELECT (SELECT date FROM documents WHERE day IS NOT NULL ORDER BY day LIMIT 1), (SELECT date FROM documents WHERE day IS NOT NULL ORDER BY day DESC LIMIT 1)", &first, &last),
	}
	for _, err := range steps {
		if err != nil {
			return s, a.fail("counting", err)
		}
	}
	s.First, s.Last = first.String, last.String
	var err error
	if s.Sources, err = a.counts("SELECT source, count(*) AS n FROM documents GROUP BY source ORDER BY n DESC, source"); err != nil {
		return s, err
	}
	if s.Languages, err = a.counts("SELECT lang, count(*) AS n FROM documents GROUP BY lang ORDER BY n DESC, lang"); err != nil {
		return s, err
	}
	if s.ParagraphLanguages, err = a.counts("SELECT lang, count(*) AS n FROM paragraphs WHERE keys IS NOT NULL GROUP BY lang ORDER BY n DESC, lang"); err != nil {
		return s, err
	}
	for _, suffix := range []string{"", "-wal", "-shm", ".lock"} {
		if fi, err := os.Stat(a.path + suffix); err == nil {
			s.Bytes += fi.Size()
		}
	}
	return s, nil
}

func (a *Archive) counts(q string) ([]Count, error) {
	rows, err := a.conn.QueryContext(context.Background(), q)
	if err != nil {
		return nil, a.fail("counting", err)
	}
	defer rows.Close()
	var out []Count
	for rows.Next() {
		var c Count
		if err := rows.Scan(&c.Name, &c.N); err != nil {
			return nil, a.fail("counting", err)
		}
		out = append(out, c)
	}
	return out, a.failIf("counting", rows.Err())
}

func (a *Archive) failIf(what string, err error) error {
	if err == nil {
		return nil
	}
	return a.fail(what, err)
}

// Verify checks the archive's integrity: SQLite's integrity check of
// every page and index, then that every paragraph belongs to a stored
// document and lies inside its text, that an indexed paragraph has both
// band keys and features, that every band key points at a stored
// paragraph, and that the index holds as many keys as the paragraphs
// list. It returns the first problem found. It reads the whole archive.
func (a *Archive) Verify() error {
	ctx := context.Background()
	var res string
	if err := a.conn.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&res); err != nil {
		return a.fail("checking integrity", err)
	}
	if res != "ok" {
		return fmt.Errorf("archive: %s is damaged: %s", a.path, res)
	}
	checks := []struct{ what, q string }{
		{"paragraphs without a document", "SELECT count(*) FROM paragraphs p LEFT JOIN documents d USING (doc) WHERE d.doc IS NULL"},
		{"paragraphs outside their document's text", "SELECT count(*) FROM paragraphs p JOIN documents d USING (doc) WHERE p.begin < 0 OR p.begin > p.end OR p.end > length(d.text)"},
		{"band keys without a paragraph", "SELECT count(*) FROM bands b LEFT JOIN paragraphs p USING (para) WHERE p.para IS NULL"},
		{"paragraphs with band keys but no features, or features but no keys", "SELECT count(*) FROM paragraphs WHERE (keys IS NULL) != (features IS NULL)"},
	}
	for _, c := range checks {
		var n int
		if err := a.conn.QueryRowContext(ctx, c.q).Scan(&n); err != nil {
			return a.fail("checking integrity", err)
		}
		if n > 0 {
			return fmt.Errorf("archive: %s is damaged: %d %s", a.path, n, c.what)
		}
	}
	// Every key a paragraph lists is a row of bands, and no other row is
	// (the rows without a paragraph were counted above).
	var listed, rows int
	if err := a.conn.QueryRowContext(ctx, "SELECT count(*) FROM bands").Scan(&rows); err != nil {
		return a.fail("checking integrity", err)
	}
	keys, err := a.conn.QueryContext(ctx, "SELECT para, keys FROM paragraphs WHERE keys IS NOT NULL")
	if err != nil {
		return a.fail("checking integrity", err)
	}
	defer keys.Close()
	for keys.Next() {
		var para int64
		var blob []byte
		if err := keys.Scan(&para, &blob); err != nil {
			return a.fail("checking integrity", err)
		}
		k, err := decodeKeys(blob)
		if err != nil {
			return fmt.Errorf("archive: %s is damaged: paragraph %d: %w", a.path, para, err)
		}
		for _, ks := range k {
			listed += len(ks)
		}
	}
	if err := keys.Err(); err != nil {
		return a.fail("checking integrity", err)
	}
	if listed != rows {
		return fmt.Errorf("archive: %s is damaged: paragraphs list %d band keys, the index holds %d", a.path, listed, rows)
	}
	return nil
}
