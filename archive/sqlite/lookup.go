package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"

	"github.com/wirecopy/wirecopy/archive"
)

// lookup is the archive.Lookup of a store: prepared statements on a
// connection of its own, so that a Checker's lookups read at once.
type lookup struct {
	s           *store
	conn        *sql.Conn
	probes      map[probeShape]*sql.Stmt // band keys, prepared on first use
	feats, load *sql.Stmt
}

// probeShape is what a probe statement is prepared for: the number of
// keys it looks up (probeBatch, or 1) and the rows it takes of each.
type probeShape struct{ keys, limit int }

// featureBatch is the number of paragraphs whose features one query
// reads: one statement instead of one per candidate, the paragraphs
// read in the order of the table.
const featureBatch = 64

// Lookups is one a core, up to four. Reading the archive is four fifths
// of a check, and each lookup has a connection of its own: on two cores,
// two took the median check of a 10-paragraph article against a million
// paragraphs from 21-26 to 19-25 ms (bench/checklat, alternating on a
// noisy machine), not to half, as each connection reads pages into a
// cache of its own.
func (s *store) Lookups() int { return min(runtime.NumCPU(), 4) }

// lookupCacheBytes is the page cache of a lookup's connection, which
// reads without a memory map (see Lookup): enough for the upper levels
// of the band-key index and the paragraphs table, while the leaf pages a
// check reads at random pass through. Filling a larger cache costs more
// than it saves: each page of it is memory the process touches for the
// first time (10-24 us a page on the 2-core development machine, a
// virtual one: bench/pagecost). On an archive of a million paragraphs
// (bench/checklat, alternating, three runs each) the median and 95th
// percentile check were 9.3-11.3 and 18-23 ms with 2 MiB, 7.7-16.7 and
// 34-52 ms with 4 MiB, 16.7-19.3 and 36-44 ms with 32 MiB; 512 KiB and
// 1 MiB did about as well as 2 MiB.
const lookupCacheBytes = 2 << 20

func (s *store) Lookup() (archive.Lookup, error) {
	ctx := context.Background()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, s.fail("opening a connection", err)
	}
	// A check reads a few hundred pages at random: the leaves of the
	// band-key index its keys fall in and the rows of its candidates.
	// Read through the memory map (mmap_size), each page costs a page
	// fault the first time this connection touches it, and its own map
	// each connection has; read into the page cache, a read from the
	// OS's file cache. On the development machine a first touch took
	// 28-50 us a page and a read 3.5-8.7 us (bench/pagecost: random
	// 4 KiB pages of a 3 GB archive in the file cache, load average 2
	// to 4), and the median check of a 10-paragraph article
	// against a million paragraphs went from 21.8-24.2 ms to 7.9-13.9 ms
	// (bench/checklat, three runs each, alternating, load average 3 on
	// 2 cores). modernc.org/sqlite maps at most the first 2 GiB of a
	// file (SQLITE_MAX_MMAP_SIZE), so a larger archive was read both
	// ways before.
	for _, p := range []string{"PRAGMA mmap_size = 0", fmt.Sprintf("PRAGMA cache_size = %d", -lookupCacheBytes/1024)} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			conn.Close()
			return nil, s.fail("opening a connection", err)
		}
	}
	l := &lookup{s: s, conn: conn, probes: map[probeShape]*sql.Stmt{}}
	for _, st := range []struct {
		stmt  **sql.Stmt
		query string
	}{
		{&l.feats, "SELECT para, features FROM paragraphs WHERE features IS NOT NULL AND para IN (" +
			strings.TrimSuffix(strings.Repeat("?, ", featureBatch), ", ") + ")"},
		{&l.load, `SELECT p.idx, d.id, d.source, d.date, coalesce(nullif(p.lang, ''), d.lang), d.url, d.title,
		substr(d.text, p.begin + 1, p.end - p.begin)
		FROM paragraphs p JOIN documents d USING (doc) WHERE p.para = ?`},
	} {
		if *st.stmt, err = conn.PrepareContext(ctx, st.query); err != nil {
			l.Close()
			return nil, s.fail("preparing", err)
		}
	}
	return l, nil
}

// HasFamily reports whether family fam has any key.
func (l *lookup) HasFamily(fam archive.Family) (bool, error) {
	var one int
	err := l.conn.QueryRowContext(context.Background(), "SELECT 1 FROM bands WHERE family = ? LIMIT 1", int64(fam)).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, l.s.fail("looking up pivot keys", err)
	}
	return true, nil
}

func (l *lookup) Paragraphs(doc string) ([]archive.DocParagraph, error) {
	rows, err := l.conn.QueryContext(context.Background(), `SELECT p.para, p.idx FROM paragraphs p JOIN documents d USING (doc)
		WHERE d.id = ? AND p.features IS NOT NULL ORDER BY p.idx`, doc)
	if err != nil {
		return nil, l.s.fail("loading a document's paragraphs", err)
	}
	defer rows.Close()
	var out []archive.DocParagraph
	for rows.Next() {
		var p archive.DocParagraph
		if err := rows.Scan(&p.Para, &p.Index); err != nil {
			return nil, l.s.fail("loading a document's paragraphs", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, l.s.fail("loading a document's paragraphs", err)
	}
	return out, nil
}

func (l *lookup) Close() error {
	var errs []error
	for _, st := range l.probes {
		errs = append(errs, st.Close())
	}
	for _, st := range []*sql.Stmt{l.feats, l.load} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	return errors.Join(append(errs, l.conn.Close())...)
}

// probeBatch is the number of keys one probe statement looks up: a
// paragraph's band keys (28 with the default options) in one statement
// instead of one each took the median check at a million paragraphs
// from 23-26 to 19-21 ms (bench/checklat). A single key has a statement
// of its own.
const probeBatch = 32

// probeQuery returns a probe statement for n keys: for each (family,
// key), the first limit paragraphs filed under it, tagged with the key's
// slot. A slot with family -1 finds nothing.
//
// The limit is written into the statement, not bound: SQLite prepares
// a statement again each time a bound LIMIT changes (it plans with the
// bound value), and binding it made every probe statement of 32 keys be
// parsed and planned anew: about 3 ms of a check. Written in, the median
// check of a 10-paragraph article against a million paragraphs, its
// pages in memory (bench/checklat -warm), went from 8.1-9.3 ms to
// 5.5-7.1 ms.
func probeQuery(n, limit int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(" UNION ALL ")
		}
		fmt.Fprintf(&b, "SELECT %d, para FROM (SELECT para FROM bands WHERE family = ? AND key = ? LIMIT %d)", i, limit)
	}
	return b.String()
}

// probe returns the lookup's probe statement for shape, preparing it
// the first time: a Checker asks for two limits, its MaxBucket's and
// pivot.MaxPosting's.
func (l *lookup) probe(shape probeShape) (*sql.Stmt, error) {
	if st, ok := l.probes[shape]; ok {
		return st, nil
	}
	st, err := l.conn.PrepareContext(context.Background(), probeQuery(shape.keys, shape.limit))
	if err != nil {
		return nil, err
	}
	l.probes[shape] = st
	return st, nil
}

func (l *lookup) Postings(fam archive.Family, keys []uint64, maxBucket int, fn func(int, []int64, bool)) error {
	ctx := context.Background()
	args := make([]any, 2*probeBatch)
	var got [probeBatch][]int64 // rows per slot
	for done := 0; done < len(keys); {
		batch := keys[done:min(len(keys), done+probeBatch)]
		slots := probeBatch
		if len(batch) == 1 {
			slots = 1
		}
		stmt, err := l.probe(probeShape{keys: slots, limit: maxBucket + 1})
		if err != nil {
			return l.s.fail("preparing", err)
		}
		for i := range slots {
			args[2*i], args[2*i+1] = int64(-1), int64(0)
			if i < len(batch) {
				args[2*i], args[2*i+1] = int64(fam), int64(batch[i])
			}
			got[i] = got[i][:0]
		}
		rows, err := stmt.QueryContext(ctx, args[:2*slots]...)
		if err != nil {
			return l.s.fail("looking up keys", err)
		}
		for rows.Next() {
			var slot int
			var p int64
			if err := rows.Scan(&slot, &p); err != nil {
				rows.Close()
				return l.s.fail("looking up keys", err)
			}
			got[slot] = append(got[slot], p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return l.s.fail("looking up keys", err)
		}
		for i := range batch {
			ps := got[i]
			slices.Sort(ps)
			fn(done+i, ps[:min(len(ps), maxBucket)], len(ps) > maxBucket)
		}
		done += len(batch)
	}
	return nil
}

func (l *lookup) Features(want []int64, fn func(int64, []byte)) error {
	args := make([]any, featureBatch)
	for len(want) > 0 {
		n := min(len(want), featureBatch)
		for i := range args {
			args[i] = int64(-1) // no such paragraph
			if i < n {
				args[i] = want[i]
			}
		}
		want = want[n:]
		rows, err := l.feats.QueryContext(context.Background(), args...)
		if err != nil {
			return l.s.fail("loading features", err)
		}
		for rows.Next() {
			var para int64
			var blob []byte
			if err := rows.Scan(&para, &blob); err != nil {
				rows.Close()
				return l.s.fail("loading features", err)
			}
			fn(para, blob)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return l.s.fail("loading features", err)
		}
	}
	return nil
}

func (l *lookup) Hit(para int64) (archive.Hit, string, error) {
	var h archive.Hit
	var date string
	var text []byte
	err := l.load.QueryRowContext(context.Background(), para).Scan(&h.Paragraph, &h.Doc, &h.Source, &date, &h.Lang, &h.URL, &h.Title, &text)
	if err != nil {
		return h, "", l.s.fail("loading paragraph", err)
	}
	h.Text = string(text)
	return h, date, nil
}
