package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/corpus"
)

// where returns the SQL condition and arguments for f over documents,
// as the embedded store reads a Filter: undated documents never pass a
// date bound.
func where(f archive.Filter) (string, []any) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if len(f.IDs) > 0 {
		conds = append(conds, "id = ANY("+arg(f.IDs)+")")
	}
	if len(f.Sources) > 0 {
		conds = append(conds, "source = ANY("+arg(f.Sources)+")")
	}
	if !f.Since.IsZero() {
		conds = append(conds, "day >= "+arg(f.Since.Unix()))
	}
	if !f.Before.IsZero() {
		conds = append(conds, "day < "+arg(f.Before.Unix()))
	}
	if len(conds) == 0 {
		return "true", nil
	}
	return strings.Join(conds, " AND "), args
}

// Documents calls fn with each stored document f selects, in id order
// (byte order, as the embedded store sorts), as they were added (Line
// is 0), and its stored date. It stops at fn's first error and returns
// it. The documents are read in one snapshot; a lost connection is not
// retried once fn has been called. The connection is held while fn
// runs, so fn must not use the store.
func (s *store) Documents(f archive.Filter, fn func(corpus.Document, string) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cond, args := where(f)
	ctx := s.opts.Context
	if err := s.connect(ctx); err != nil {
		return s.fail("connecting", err)
	}
	rows, err := s.conn.Query(ctx, "SELECT "+archive.DocumentColumns+" FROM documents WHERE "+cond+` ORDER BY id COLLATE "C"`, args...)
	if err != nil {
		return s.fail("reading documents", err)
	}
	defer rows.Close()
	return archive.EachDocument(rows, fn, func(err error) error { return s.fail("reading documents", err) })
}

// Stats counts what the archive holds, in one snapshot. Bytes is the
// size of the archive's tables and indexes on the server.
func (s *store) Stats() (archive.Stats, error) {
	var st archive.Stats
	err := s.retry("counting", func(ctx context.Context) error {
		st = archive.Stats{Version: Latest}
		return pgx.BeginTxFunc(ctx, s.conn, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
			one := func(q string, dst ...any) error { return tx.QueryRow(ctx, q).Scan(dst...) }
			var first, last *string
			for _, err := range []error{
				one("SELECT count(*), count(*) - count(day) FROM documents", &st.Documents, &st.Undated),
				one("SELECT count(*), count(features) FROM paragraphs", &st.Paragraphs, &st.Indexed),
				one("SELECT count(*) FROM bands", &st.Keys),
				one("SELECT (SELECT date FROM documents WHERE day IS NOT NULL ORDER BY day LIMIT 1), (SELECT date FROM documents WHERE day IS NOT NULL ORDER BY day DESC LIMIT 1)", &first, &last),
				one("SELECT sum(pg_total_relation_size(t))::bigint FROM unnest(array['settings', 'documents', 'paragraphs', 'bands', 'schema_version']::regclass[]) t", &st.Bytes),
			} {
				if err != nil {
					return err
				}
			}
			if first != nil {
				st.First = *first
			}
			if last != nil {
				st.Last = *last
			}
			var err error
			if st.Sources, err = counts(ctx, tx, `SELECT source, count(*) AS n FROM documents GROUP BY source ORDER BY n DESC, source COLLATE "C"`); err != nil {
				return err
			}
			if st.Languages, err = counts(ctx, tx, `SELECT lang, count(*) AS n FROM documents GROUP BY lang ORDER BY n DESC, lang COLLATE "C"`); err != nil {
				return err
			}
			st.ParagraphLanguages, err = counts(ctx, tx, `SELECT lang, count(*) AS n FROM paragraphs WHERE keys IS NOT NULL GROUP BY lang ORDER BY n DESC, lang COLLATE "C"`)
			return err
		})
	})
	return st, err
}

func counts(ctx context.Context, tx pgx.Tx, q string) ([]archive.Count, error) {
	rows, err := tx.Query(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []archive.Count
	var c archive.Count
	_, err = pgx.ForEachRow(rows, []any{&c.Name, &c.N}, func() error { out = append(out, c); return nil })
	return out, err
}

// Verify checks, in one snapshot, that every paragraph lies inside its
// document's text, that an indexed paragraph has both band keys and
// features, that every band key points at a stored paragraph, and that
// the index holds as many keys as the paragraphs list. It reads the
// whole archive.
func (s *store) Verify() error {
	var problem string
	err := s.retry("checking integrity", func(ctx context.Context) error {
		problem = ""
		return pgx.BeginTxFunc(ctx, s.conn, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
			checks := []archive.IntegrityCheck{
				{What: "paragraphs outside their document's text", Query: "SELECT count(*) FROM paragraphs p JOIN documents d USING (doc) WHERE p.start_byte < 0 OR p.start_byte > p.end_byte OR p.end_byte > length(d.text)"},
				{What: "band keys without a paragraph", Query: "SELECT count(*) FROM bands b WHERE NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.para = b.para)"},
				{What: "paragraphs with band keys but no features, or features but no keys", Query: "SELECT count(*) FROM paragraphs WHERE (keys IS NULL) != (features IS NULL) OR cardinality(keys) IS DISTINCT FROM cardinality(families)"},
				{What: "band keys more than the paragraphs list (or fewer)", Query: "SELECT abs((SELECT count(*) FROM bands) - (SELECT coalesce(sum(cardinality(keys)), 0) FROM paragraphs))"},
			}
			var err error
			problem, err = archive.FirstProblem(checks, func(q string) (n int64, err error) {
				err = tx.QueryRow(ctx, q).Scan(&n)
				return n, err
			})
			return err
		})
	})
	if err != nil {
		return err
	}
	if problem != "" {
		return fmt.Errorf("pgarchive: %s is damaged: %s", s.Name(), problem)
	}
	return nil
}
