package postgres

import (
	"context"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/wirecopy/wirecopy/archive"
)

// lookup is the archive.Lookup of a Store. A paragraph's band keys go
// to the server as one pipelined batch of index probes: one round trip
// per paragraph, not one per key.
type lookup struct{ s *store }

// Lookup returns the lookups of a Checker, on the store's connection.
func (s *store) Lookup() (archive.Lookup, error) { return &lookup{s: s}, nil }

// Lookups is one: lookups share the store's connection, and a batch
// already goes to the server in one round trip.
func (s *store) Lookups() int { return 1 }

func (l *lookup) Close() error { return nil }

// HasFamily reports whether any paragraph is filed under a key of fam:
// one probe of the bands index.
func (l *lookup) HasFamily(fam archive.Family) (bool, error) {
	s := l.s
	var has bool
	err := s.retry("looking up key families", func(ctx context.Context) error {
		return s.conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM bands WHERE family = $1)", int16(fam)).Scan(&has)
	})
	return has, err
}

func (l *lookup) Postings(fam archive.Family, keys []uint64, maxBucket int, fn func(int, []int64, bool)) error {
	// Rows are collected first: a retried batch must not call fn twice.
	var got [][]int64
	err := l.s.retry("looking up keys", func(ctx context.Context) error {
		got = got[:0]
		b := &pgx.Batch{}
		for _, k := range keys {
			b.Queue("SELECT para FROM bands WHERE family = $1 AND key = $2 ORDER BY para LIMIT $3", int16(fam), int64(k), maxBucket+1)
		}
		res := l.s.conn.SendBatch(ctx, b)
		for range keys {
			rows, err := res.Query()
			if err != nil {
				res.Close()
				return err
			}
			ps, err := pgx.CollectRows(rows, pgx.RowTo[int64])
			if err != nil {
				res.Close()
				return err
			}
			got = append(got, ps)
		}
		return res.Close()
	})
	if err != nil {
		return err
	}
	for i, ps := range got {
		fn(i, ps[:min(len(ps), maxBucket)], len(ps) > maxBucket)
	}
	return nil
}

func (l *lookup) Features(paras []int64, fn func(int64, []byte)) error {
	if len(paras) == 0 {
		return nil
	}
	type row struct {
		para int64
		blob []byte
	}
	var got []row
	err := l.s.retry("loading features", func(ctx context.Context) error {
		rows, err := l.s.conn.Query(ctx, "SELECT para, features FROM paragraphs WHERE features IS NOT NULL AND para = ANY($1)", paras)
		if err != nil {
			return err
		}
		var r row
		got = got[:0]
		_, err = pgx.ForEachRow(rows, []any{&r.para, &r.blob}, func() error {
			got = append(got, row{r.para, slices.Clone(r.blob)})
			return nil
		})
		return err
	})
	if err != nil {
		return err
	}
	for _, r := range got {
		fn(r.para, r.blob)
	}
	return nil
}

func (l *lookup) Paragraphs(doc string) ([]archive.DocParagraph, error) {
	var out []archive.DocParagraph
	err := l.s.retry("loading a document's paragraphs", func(ctx context.Context) error {
		rows, err := l.s.conn.Query(ctx, `SELECT p.para, p.idx FROM paragraphs p JOIN documents d USING (doc)
			WHERE d.id = $1 AND p.features IS NOT NULL ORDER BY p.idx`, doc)
		if err != nil {
			return err
		}
		var p archive.DocParagraph
		out = out[:0]
		_, err = pgx.ForEachRow(rows, []any{&p.Para, &p.Index}, func() error {
			out = append(out, p)
			return nil
		})
		return err
	})
	return out, err
}

func (l *lookup) Hit(para int64) (archive.Hit, string, error) {
	var h archive.Hit
	var date string
	var text []byte
	err := l.s.retry("loading paragraph", func(ctx context.Context) error {
		return l.s.conn.QueryRow(ctx, `SELECT p.idx, d.id, d.source, d.date, coalesce(nullif(p.lang, ''), d.lang), d.url, d.title,
			substring(d.text FROM p.start_byte + 1 FOR p.end_byte - p.start_byte)
			FROM paragraphs p JOIN documents d USING (doc) WHERE p.para = $1`, para).
			Scan(&h.Paragraph, &h.Doc, &h.Source, &date, &h.Lang, &h.URL, &h.Title, &text)
	})
	if err != nil {
		return h, "", err
	}
	h.Text = string(text)
	return h, date, nil
}
