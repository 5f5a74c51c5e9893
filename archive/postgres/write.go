package postgres

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/corpus"
)

// Add stores entries in one transaction, each replacing any stored
// document with the same id (entries with equal ids replace each other
// in order): all of them are stored or none. A transaction cut short
// by a lost connection is retried whole (Options.Retries).
func (s *store) Add(entries []archive.Entry) error {
	if !s.write {
		return errors.New("pgarchive: opened for reading only")
	}
	if len(entries) == 0 {
		return nil
	}
	// The last entry of an id wins, at its own place in the order.
	last := map[string]int{}
	for i, e := range entries {
		last[e.Doc.ID] = i
	}
	var keep []*archive.Entry
	var ids []string
	for i := range entries {
		if last[entries[i].Doc.ID] == i {
			keep = append(keep, &entries[i])
			ids = append(ids, entries[i].Doc.ID)
		}
	}
	for _, e := range keep {
		if err := storable(e.Doc); err != nil {
			return err
		}
		for _, p := range e.Paragraphs {
			if p.Begin < 0 || p.Begin > p.End || p.End > len(e.Doc.Text) {
				return fmt.Errorf("pgarchive: adding %q: paragraph %d: offsets %d-%d outside the text (%d bytes)", e.Doc.ID, p.Index, p.Begin, p.End, len(e.Doc.Text))
			}
		}
	}
	return s.retry("adding documents", func(ctx context.Context) error {
		return pgx.BeginFunc(ctx, s.conn, func(tx pgx.Tx) error {
			if err := s.limit(ctx, tx); err != nil {
				return err
			}
			if err := lockIDs(ctx, tx, ids); err != nil {
				return err
			}
			if err := deleteIDs(ctx, tx, ids); err != nil {
				return err
			}
			return insert(ctx, tx, keep)
		})
	})
}

// storable refuses a document whose metadata PostgreSQL's text type
// cannot hold (a NUL byte; the text itself is bytea and may hold
// anything), naming the document and field, before a transaction
// fails on it with the server's less helpful message.
func storable(d corpus.Document) error {
	for _, f := range []struct{ name, v string }{{"id", d.ID}, {"source", d.Source}, {"lang", d.Lang}, {"url", d.URL}, {"title", d.Title}, {"path", d.Path}} {
		if strings.IndexByte(f.v, 0) >= 0 {
			return fmt.Errorf("pgarchive: document %q: its %s holds a NUL byte, which a PostgreSQL archive cannot store (the embedded archive can)", d.ID, f.name)
		}
	}
	return nil
}

// limit sets the statement timeout of a write transaction.
func (s *store) limit(ctx context.Context, tx pgx.Tx) error {
	if s.opts.StatementTimeout < 0 {
		return nil
	}
	ms := max(s.opts.StatementTimeout.Milliseconds(), 1)
	_, err := tx.Exec(ctx, "SELECT set_config('statement_timeout', $1, true)", strconv.FormatInt(ms, 10))
	return err
}

// lockIDs takes the transaction-scoped advisory lock of each id, in
// the order of the lock keys, so that two writers with overlapping
// batches wait for each other instead of deadlocking. A hash collision
// only makes two ids share a lock.
func lockIDs(ctx context.Context, tx pgx.Tx, ids []string) error {
	keys := make([]int64, len(ids))
	for i, id := range ids {
		h := fnv.New64a()
		h.Write([]byte(id))
		keys[i] = int64(h.Sum64())
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	// The aggregate takes the keys in array order.
	_, err := tx.Exec(ctx, "SELECT count(pg_advisory_xact_lock(k)) FROM unnest($1::bigint[]) WITH ORDINALITY AS t(k, n)", keys)
	return err
}

// deleteIDs deletes the documents with the given ids, their paragraphs
// and their band keys.
func deleteIDs(ctx context.Context, tx pgx.Tx, ids []string) error {
	if _, err := tx.Exec(ctx, deleteBands, ids); err != nil {
		return fmt.Errorf("deleting band keys: %w", err)
	}
	if _, err := tx.Exec(ctx, "DELETE FROM documents WHERE id = ANY($1)", ids); err != nil {
		return fmt.Errorf("deleting documents: %w", err)
	}
	return nil
}

// deleteBands deletes the band rows of the paragraphs of the documents
// $1 names, by paragraph number: the paragraphs' numbers are one array
// that bands_para (schema version 3) looks up, whatever keys they share
// with other paragraphs.
const deleteBands = `DELETE FROM bands WHERE para = ANY(ARRAY(
	SELECT p.para FROM documents d JOIN paragraphs p USING (doc) WHERE d.id = ANY($1)))`

// reserve takes n numbers from a sequence.
func reserve(ctx context.Context, tx pgx.Tx, seq string, n int) ([]int64, error) {
	if n == 0 {
		return nil, nil
	}
	rows, err := tx.Query(ctx, "SELECT nextval($1::regclass) FROM generate_series(1, $2)", seq, n)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

// insert copies the entries' documents, paragraphs and band keys.
func insert(ctx context.Context, tx pgx.Tx, entries []*archive.Entry) error {
	npara := 0
	for _, e := range entries {
		npara += len(e.Paragraphs)
	}
	docIDs, err := reserve(ctx, tx, "documents_doc_seq", len(entries))
	if err != nil {
		return fmt.Errorf("reserving document numbers: %w", err)
	}
	paraIDs, err := reserve(ctx, tx, "paragraphs_para_seq", npara)
	if err != nil {
		return fmt.Errorf("reserving paragraph numbers: %w", err)
	}
	docs := make([][]any, 0, len(entries))
	paras := make([][]any, 0, npara)
	var bands [][]any
	for i, e := range entries {
		d := e.Doc
		var day any // NULL when undated
		date := ""
		if !d.Date.IsZero() {
			day = d.Date.Unix()
			date = d.Date.Format(time.RFC3339Nano)
		}
		docs = append(docs, []any{docIDs[i], d.ID, d.Source, date, day, d.Lang, d.URL, d.Title, d.Path, []byte(d.Text)})
		for _, p := range e.Paragraphs {
			para := paraIDs[len(paras)]
			var fams []int16
			var keys []int64
			var feats []byte
			if p.Indexed() {
				feats = p.Features
				for _, fam := range slices.Sorted(maps.Keys(p.Keys)) {
					ks := slices.Clone(p.Keys[fam])
					slices.Sort(ks)
					for _, k := range slices.Compact(ks) { // one row per key, as the embedded store keeps
						fams, keys = append(fams, int16(fam)), append(keys, int64(k))
						bands = append(bands, []any{int16(fam), int64(k), para})
					}
				}
			}
			paras = append(paras, []any{para, docIDs[i], p.Index, p.Begin, p.End, p.Words, p.Lang, fams, keys, feats})
		}
	}
	copies := []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"documents", []string{"doc", "id", "source", "date", "day", "lang", "url", "title", "path", "text"}, docs},
		{"paragraphs", []string{"para", "doc", "idx", "start_byte", "end_byte", "words", "lang", "families", "keys", "features"}, paras},
		{"bands", []string{"family", "key", "para"}, bands},
	}
	for _, c := range copies {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
			return fmt.Errorf("copying %s: %w", c.table, err)
		}
	}
	return nil
}

// Forget deletes the documents f selects, in one transaction, and
// returns their ids.
func (s *store) Forget(f archive.Filter) ([]string, error) {
	if !s.write {
		return nil, errors.New("pgarchive: opened for reading only")
	}
	cond, args := where(f)
	var ids []string
	err := s.retry("forgetting", func(ctx context.Context) error {
		return pgx.BeginFunc(ctx, s.conn, func(tx pgx.Tx) error {
			if err := s.limit(ctx, tx); err != nil {
				return err
			}
			rows, err := tx.Query(ctx, "SELECT id FROM documents WHERE "+cond+` ORDER BY id COLLATE "C"`, args...)
			if err != nil {
				return err
			}
			if ids, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
				return err
			}
			if err := lockIDs(ctx, tx, ids); err != nil {
				return err
			}
			return deleteIDs(ctx, tx, ids)
		})
	})
	return ids, err
}
