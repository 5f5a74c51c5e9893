package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/corpus"
)

// Documents calls fn with each stored document f selects, in id order,
// and its stored date.
func (s *store) Documents(f archive.Filter, fn func(corpus.Document, string) error) error {
	cond, args := where(f)
	rows, err := s.conn.QueryContext(context.Background(),
		"SELECT "+archive.DocumentColumns+" FROM documents WHERE "+cond+" ORDER BY id", args...)
	if err != nil {
		return s.fail("reading documents", err)
	}
	defer rows.Close()
	return archive.EachDocument(rows, fn, func(err error) error { return s.fail("reading documents", err) })
}

// Stats counts what the archive holds.
func (s *store) Stats() (archive.Stats, error) {
	ctx := context.Background()
	out := archive.Stats{Version: Version}
	one := func(q string, dst ...any) error {
		return s.conn.QueryRowContext(ctx, q).Scan(dst...)
	}
	var first, last sql.NullString
	steps := []error{
		one("SELECT count(*), count(*) - count(day) FROM documents", &out.Documents, &out.Undated),
		one("SELECT count(*), count(keys) FROM paragraphs", &out.Paragraphs, &out.Indexed),
		// day orders dates; the stored text keeps the original zone.
		one("SELECT (SELECT date FROM documents WHERE day IS NOT NULL ORDER BY day LIMIT 1), (SELECT date FROM documents WHERE day IS NOT NULL ORDER BY day DESC LIMIT 1)", &first, &last),
	}
	for _, err := range steps {
		if err != nil {
			return out, s.fail("counting", err)
		}
	}
	out.First, out.Last = first.String, last.String
	var err error
	if out.Sources, err = s.counts("SELECT source, count(*) AS n FROM documents GROUP BY source ORDER BY n DESC, source"); err != nil {
		return out, err
	}
	if out.Languages, err = s.counts("SELECT lang, count(*) AS n FROM documents GROUP BY lang ORDER BY n DESC, lang"); err != nil {
		return out, err
	}
	if out.ParagraphLanguages, err = s.counts("SELECT lang, count(*) AS n FROM paragraphs WHERE keys IS NOT NULL GROUP BY lang ORDER BY n DESC, lang"); err != nil {
		return out, err
	}
	for _, suffix := range []string{"", "-wal", "-shm", ".lock"} {
		if fi, err := os.Stat(s.path + suffix); err == nil {
			out.Bytes += fi.Size()
		}
	}
	return out, nil
}

func (s *store) counts(q string) ([]archive.Count, error) {
	rows, err := s.conn.QueryContext(context.Background(), q)
	if err != nil {
		return nil, s.fail("counting", err)
	}
	defer rows.Close()
	var out []archive.Count
	for rows.Next() {
		var c archive.Count
		if err := rows.Scan(&c.Name, &c.N); err != nil {
			return nil, s.fail("counting", err)
		}
		out = append(out, c)
	}
	return out, s.failIf("counting", rows.Err())
}

func (s *store) failIf(what string, err error) error {
	if err == nil {
		return nil
	}
	return s.fail(what, err)
}

// Verify checks the archive's integrity: SQLite's integrity check of
// every page and index, then that every paragraph belongs to a stored
// document and lies inside its text, that an indexed paragraph has both
// band keys and features, that every band key points at a stored
// paragraph, and that the index holds as many keys as the paragraphs
// list. It returns the first problem found. It reads the whole archive.
func (s *store) Verify() error {
	ctx := context.Background()
	var res string
	if err := s.conn.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&res); err != nil {
		return s.fail("checking integrity", err)
	}
	if res != "ok" {
		return fmt.Errorf("archive: %s is damaged: %s", s.path, res)
	}
	checks := []archive.IntegrityCheck{
		{What: "paragraphs without a document", Query: "SELECT count(*) FROM paragraphs p LEFT JOIN documents d USING (doc) WHERE d.doc IS NULL"},
		{What: "paragraphs outside their document's text", Query: "SELECT count(*) FROM paragraphs p JOIN documents d USING (doc) WHERE p.begin < 0 OR p.begin > p.end OR p.end > length(d.text)"},
		{What: "band keys without a paragraph", Query: "SELECT count(*) FROM bands b LEFT JOIN paragraphs p USING (para) WHERE p.para IS NULL"},
		{What: "paragraphs with band keys but no features, or features but no keys", Query: "SELECT count(*) FROM paragraphs WHERE (keys IS NULL) != (features IS NULL)"},
	}
	problem, err := archive.FirstProblem(checks, func(q string) (n int64, err error) {
		err = s.conn.QueryRowContext(ctx, q).Scan(&n)
		return n, err
	})
	if err != nil {
		return s.fail("checking integrity", err)
	}
	if problem != "" {
		return fmt.Errorf("archive: %s is damaged: %s", s.path, problem)
	}
	// Every key a paragraph lists is a row of bands, and no other row is
	// (the rows without a paragraph were counted above).
	var listed, rows int
	if err := s.conn.QueryRowContext(ctx, "SELECT count(*) FROM bands").Scan(&rows); err != nil {
		return s.fail("checking integrity", err)
	}
	keys, err := s.conn.QueryContext(ctx, "SELECT para, keys FROM paragraphs WHERE keys IS NOT NULL")
	if err != nil {
		return s.fail("checking integrity", err)
	}
	defer keys.Close()
	for keys.Next() {
		var para int64
		var blob []byte
		if err := keys.Scan(&para, &blob); err != nil {
			return s.fail("checking integrity", err)
		}
		k, err := decodeKeys(blob)
		if err != nil {
			return fmt.Errorf("archive: %s is damaged: paragraph %d: %w", s.path, para, err)
		}
		for _, ks := range k {
			listed += len(ks)
		}
	}
	if err := keys.Err(); err != nil {
		return s.fail("checking integrity", err)
	}
	if listed != rows {
		return fmt.Errorf("archive: %s is damaged: paragraphs list %d band keys, the index holds %d", s.path, listed, rows)
	}
	return nil
}
