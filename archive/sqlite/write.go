package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/wirecopy/wirecopy/archive"
)

// Add stores entries in one transaction, each replacing any stored
// document with the same id: all of them are stored or, on an error,
// none. Entries with equal ids replace each other in order.
func (s *store) Add(entries []archive.Entry) error {
	if !s.write {
		return errors.New("archive: opened for reading only")
	}
	ctx := context.Background()
	tx, err := s.conn.BeginTx(ctx, nil)
	if err != nil {
		return s.fail("adding documents", err)
	}
	defer tx.Rollback()
	w, err := newWriter(ctx, tx)
	if err != nil {
		return s.fail("adding documents", err)
	}
	defer w.close()
	for i := range entries {
		if err := w.add(&entries[i]); err != nil {
			return s.fail(fmt.Sprintf("adding %q", entries[i].Doc.ID), err)
		}
	}
	if err := w.flushBands(); err != nil {
		return s.fail("adding band keys", err)
	}
	if err := tx.Commit(); err != nil {
		return s.fail("committing", err)
	}
	return nil
}

func (s *store) fail(what string, err error) error {
	return fmt.Errorf("archive: %s: %s: %w", s.path, what, explain(err))
}

// writer holds the prepared statements of one transaction.
type writer struct {
	ctx                         context.Context
	tx                          *sql.Tx
	findDoc, insDoc, insPara    *sql.Stmt
	paraKeys, delBand, delParas *sql.Stmt
	delDoc, insBand             *sql.Stmt
	rows                        []bandRow // queued for flushBands
}

func newWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{ctx: ctx, tx: tx}
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var s *sql.Stmt
		s, err = tx.PrepareContext(ctx, q)
		return s
	}
	w.findDoc = prep("SELECT doc FROM documents WHERE id = ?")
	w.insDoc = prep("INSERT INTO documents(id, source, date, day, lang, url, title, path, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
	w.insPara = prep("INSERT INTO paragraphs(doc, idx, begin, end, words, lang, keys, features) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
	w.paraKeys = prep("SELECT para, keys FROM paragraphs WHERE doc = ? AND keys IS NOT NULL")
	w.delBand = prep("DELETE FROM bands WHERE family = ? AND key = ? AND para = ?")
	w.delParas = prep("DELETE FROM paragraphs WHERE doc = ?")
	w.delDoc = prep("DELETE FROM documents WHERE doc = ?")
	w.insBand = prep("INSERT OR IGNORE INTO bands(family, key, para) VALUES (?, ?, ?)")
	if err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

func (w *writer) close() {
	for _, s := range []*sql.Stmt{w.findDoc, w.insDoc, w.insPara, w.paraKeys, w.delBand, w.delParas, w.delDoc, w.insBand} {
		if s != nil {
			s.Close()
		}
	}
}

func (w *writer) add(e *archive.Entry) error {
	d := e.Doc
	if err := w.forgetID(d.ID); err != nil {
		return err
	}
	var day any // NULL when undated
	date := ""
	if !d.Date.IsZero() {
		day = d.Date.Unix()
		date = d.Date.Format(time.RFC3339Nano)
	}
	res, err := w.insDoc.ExecContext(w.ctx, d.ID, d.Source, date, day, d.Lang, d.URL, d.Title, d.Path, []byte(d.Text))
	if err != nil {
		return err
	}
	doc, err := res.LastInsertId()
	if err != nil {
		return err
	}
	for _, p := range e.Paragraphs {
		if p.Begin < 0 || p.Begin > p.End || p.End > len(d.Text) {
			return fmt.Errorf("paragraph %d: offsets %d-%d outside the text (%d bytes)", p.Index, p.Begin, p.End, len(d.Text))
		}
		var keys, feats []byte // NULL when not indexed
		if p.Indexed() {
			keys, feats = encodeKeys(p.Keys), p.Features
		}
		res, err := w.insPara.ExecContext(w.ctx, doc, p.Index, p.Begin, p.End, p.Words, p.Lang, keys, feats)
		if err != nil {
			return err
		}
		para, err := res.LastInsertId()
		if err != nil {
			return err
		}
		for _, fam := range slices.Sorted(maps.Keys(p.Keys)) {
			for _, k := range p.Keys[fam] {
				w.band(int64(fam), int64(k), para)
			}
		}
	}
	return nil
}

// band queues one bands row.
func (w *writer) band(fam, key, para int64) {
	w.rows = append(w.rows, bandRow{fam, key, para})
}

type bandRow struct{ fam, key, para int64 }

// flushBands writes the queued rows in key order: the index is keyed by
// band key, and rows in its order visit its pages in order, where hash
// order jumps about the whole index for every row. Indexing 100,803
// paragraphs (the first 45 MB of bench/archive.sh's corpus) took 14.4 s
// of CPU sorted and 16.0 s unsorted (wall time on a loaded machine: 94 s
// and 121 s). Writing 32 rows per INSERT statement, tried too, gained
// nothing (14.4 s of CPU against 12.3 s with one row per statement).
func (w *writer) flushBands() error {
	slices.SortFunc(w.rows, func(a, b bandRow) int {
		return cmp.Or(cmp.Compare(a.fam, b.fam), cmp.Compare(a.key, b.key), cmp.Compare(a.para, b.para))
	})
	for _, r := range w.rows {
		if _, err := w.insBand.ExecContext(w.ctx, r.fam, r.key, r.para); err != nil {
			return err
		}
	}
	w.rows = w.rows[:0]
	return nil
}

// forgetID deletes the document with the given id, if stored, with its
// paragraphs and their band keys.
func (w *writer) forgetID(id string) error {
	var doc int64
	switch err := w.findDoc.QueryRowContext(w.ctx, id).Scan(&doc); {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	}
	return w.forgetDoc(doc)
}

func (w *writer) forgetDoc(doc int64) error {
	// The document may have been added earlier in this transaction,
	// its band keys still queued.
	if err := w.flushBands(); err != nil {
		return err
	}
	rows, err := w.paraKeys.QueryContext(w.ctx, doc)
	if err != nil {
		return err
	}
	type filed struct {
		para int64
		keys map[archive.Family][]uint64
	}
	var all []filed
	for rows.Next() {
		var f filed
		var blob []byte
		if err := rows.Scan(&f.para, &blob); err != nil {
			rows.Close()
			return err
		}
		if f.keys, err = decodeKeys(blob); err != nil {
			rows.Close()
			return fmt.Errorf("paragraph %d: %w", f.para, err)
		}
		all = append(all, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, f := range all {
		for fam, keys := range f.keys {
			for _, k := range keys {
				if _, err := w.delBand.ExecContext(w.ctx, int64(fam), int64(k), f.para); err != nil {
					return err
				}
			}
		}
	}
	if _, err := w.delParas.ExecContext(w.ctx, doc); err != nil {
		return err
	}
	_, err = w.delDoc.ExecContext(w.ctx, doc)
	return err
}

// where returns the SQL condition and arguments for f over the
// documents table. Undated documents never pass a date bound.
func where(f archive.Filter) (string, []any) {
	var conds []string
	var args []any
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		conds = append(conds, col+" IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(vals)), ", ")+")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	in("id", f.IDs)
	in("source", f.Sources)
	if !f.Since.IsZero() {
		conds = append(conds, "day >= ?")
		args = append(args, f.Since.Unix())
	}
	if !f.Before.IsZero() {
		conds = append(conds, "day < ?")
		args = append(args, f.Before.Unix())
	}
	if len(conds) == 0 {
		return "1", nil
	}
	return strings.Join(conds, " AND "), args
}

// Forget deletes the documents f selects, in one transaction, and
// returns their ids.
func (s *store) Forget(f archive.Filter) ([]string, error) {
	if !s.write {
		return nil, errors.New("archive: opened for reading only")
	}
	cond, args := where(f)
	ctx := context.Background()
	tx, err := s.conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, s.fail("forgetting", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT doc, id FROM documents WHERE "+cond+" ORDER BY id", args...)
	if err != nil {
		return nil, s.fail("forgetting", err)
	}
	var docs []int64
	var ids []string
	for rows.Next() {
		var doc int64
		var id string
		if err := rows.Scan(&doc, &id); err != nil {
			rows.Close()
			return nil, s.fail("forgetting", err)
		}
		docs, ids = append(docs, doc), append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.fail("forgetting", err)
	}
	w, err := newWriter(ctx, tx)
	if err != nil {
		return nil, s.fail("forgetting", err)
	}
	defer w.close()
	for i, doc := range docs {
		if err := w.forgetDoc(doc); err != nil {
			return nil, s.fail(fmt.Sprintf("forgetting %q", ids[i]), err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, s.fail("committing", err)
	}
	return ids, nil
}

// encodeKeys writes keys as, per family in order: the family byte, a
// uvarint count, and the keys as little-endian uint64s.
func encodeKeys(keys map[archive.Family][]uint64) []byte {
	var b []byte
	for _, f := range slices.Sorted(maps.Keys(keys)) {
		b = append(b, byte(f))
		b = binary.AppendUvarint(b, uint64(len(keys[f])))
		for _, k := range keys[f] {
			b = binary.LittleEndian.AppendUint64(b, k)
		}
	}
	return b
}

func decodeKeys(b []byte) (map[archive.Family][]uint64, error) {
	keys := map[archive.Family][]uint64{}
	for len(b) > 0 {
		f := archive.Family(b[0])
		n, w := binary.Uvarint(b[1:])
		if w <= 0 || n > uint64(len(b)) {
			return nil, errors.New("damaged band keys")
		}
		b = b[1+w:]
		if uint64(len(b)) < 8*n {
			return nil, errors.New("damaged band keys")
		}
		ks := make([]uint64, n)
		for i := range ks {
			ks[i] = binary.LittleEndian.Uint64(b[8*i:])
		}
		keys[f] = ks
		b = b[8*n:]
	}
	return keys, nil
}
