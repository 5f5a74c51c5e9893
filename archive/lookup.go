package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/lsh"
	"github.com/wirecopy/wirecopy/shingle"
)

// Lookup is what a Checker reads of a store: the paragraphs filed under
// band keys, their stored features and what a Hit shows of them. The
// verification of candidates is the Checker's, the same for every
// store. Paragraphs are named by the store's paragraph number.
type Lookup interface {
	// Candidates returns the paragraphs filed under any of keys in
	// family fam, each once, in paragraph order. From one key it takes
	// the first maxBucket paragraphs (in paragraph order) and sets
	// partial when there were more.
	Candidates(fam Family, keys []uint64, maxBucket int) (paras []int64, partial bool, err error)
	// Features calls fn with the features of each of paras that has
	// them, in any order.
	Features(paras []int64, fn func(para int64, f shingle.Features)) error
	// Hit reads an archived paragraph's document and text; Similarity
	// is left to the Checker.
	Hit(para int64) (Hit, error)
	// Paragraphs returns the paragraphs of archived document doc that
	// are long enough to judge (those with features), with their numbers
	// in the document, in document order.
	Paragraphs(doc string) ([]DocParagraph, error)
	// HasFamily reports whether any paragraph is filed under a key of
	// family fam (a check looks up only the languages an archive holds).
	HasFamily(fam Family) (bool, error)
	Close() error
}

// DocParagraph is a paragraph of an archived document: the store's
// paragraph number and its number in the document.
type DocParagraph struct {
	Para  int64
	Index int
}

// Keyed is a store's knowledge of the options its band keys were made
// with.
type Keyed interface {
	// Options returns the pipeline options the store was made with.
	Options() cluster.Options
	// Compatible reports why opts cannot look up the store's band keys.
	Compatible(opts cluster.Options) error
}

// NewStoreChecker returns a Checker over any store: k gives the store's
// options, l its lookups (the Checker's Close closes l). Zero fields of
// opts.Cluster take the store's options.
func NewStoreChecker(k Keyed, l Lookup, opts CheckOptions) (*Checker, error) {
	stored := k.Options()
	o := opts.Cluster
	if o.Shingle.Size == 0 {
		o.Shingle.Size = stored.Shingle.Size
	}
	if o.Permutations == 0 {
		o.Permutations = stored.Permutations
	}
	if o.MinWords == 0 {
		o.MinWords = stored.MinWords
	}
	if o.Threshold == 0 {
		o.Threshold = stored.Threshold
	}
	if err := k.Compatible(o); err != nil {
		return nil, err
	}
	signer, err := cluster.NewSigner(o)
	if err != nil {
		return nil, err
	}
	opts.Cluster = signer.Options()
	if opts.MaxHits <= 0 {
		opts.MaxHits = DefaultMaxHits
	}
	if opts.MaxBucket <= 0 {
		opts.MaxBucket = DefaultMaxBucket
	}
	return &Checker{look: l, opts: opts, signer: signer}, nil
}

// Compatible reports why opts cannot be used with band keys made with
// the options stored and the banding bands, in the words of the flags
// to change; name names the store. Stores other than *Archive use it
// for their Compatible method.
func Compatible(name string, stored cluster.Options, bands lsh.Params, opts cluster.Options) error {
	opts = opts.WithDefaults()
	params, err := cluster.LSHParams(opts)
	if err != nil {
		return err
	}
	var diffs []string
	if opts.Shingle.Size != stored.Shingle.Size {
		diffs = append(diffs, fmt.Sprintf("--shingle-size %d", stored.Shingle.Size))
	}
	if opts.Permutations != stored.Permutations {
		diffs = append(diffs, fmt.Sprintf("--permutations %d", stored.Permutations))
	}
	if opts.MinWords != stored.MinWords {
		diffs = append(diffs, fmt.Sprintf("--min-words %d", stored.MinWords))
	}
	if params != bands && len(diffs) == 0 {
		diffs = append(diffs, fmt.Sprintf("a --threshold giving %v, such as %v", bands, stored.Threshold))
	}
	if len(diffs) > 0 {
		return fmt.Errorf("archive: %s was made with %s", name, strings.Join(diffs, ", "))
	}
	return nil
}

// EncodeFeatures and DecodeFeatures convert a paragraph's features to
// and from the bytes stored for it (see the package comment), so that
// every store keeps them alike.
func EncodeFeatures(f shingle.Features) []byte { return encodeFeatures(f) }

// DecodeFeatures reads what EncodeFeatures wrote.
func DecodeFeatures(b []byte) (shingle.Features, error) { return decodeFeatures(b) }

// ParseDate reads a stored date: RFC 3339, "" for none.
func ParseDate(s string) (time.Time, error) { return parseDate(s) }

// FormatDate is how stores keep a document's date: RFC 3339 with the
// original zone and any fraction of a second, "" when unknown.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

// sqliteLookup is the Lookup of an *Archive: prepared statements on its
// connection.
type sqliteLookup struct {
	a                  *Archive
	probe, feats, load *sql.Stmt
}

// featureBatch is the number of paragraphs whose features one query
// reads: one statement instead of one per candidate, the paragraphs
// read in the order of the table.
const featureBatch = 64

func (a *Archive) newLookup() (*sqliteLookup, error) {
	ctx := context.Background()
	l := &sqliteLookup{a: a}
	var err error
	if l.probe, err = a.conn.PrepareContext(ctx, "SELECT para FROM bands WHERE family = ? AND key = ? LIMIT ?"); err != nil {
		return nil, a.fail("preparing", err)
	}
	if l.feats, err = a.conn.PrepareContext(ctx, "SELECT para, features FROM paragraphs WHERE features IS NOT NULL AND para IN ("+
		strings.TrimSuffix(strings.Repeat("?, ", featureBatch), ", ")+")"); err != nil {
		l.probe.Close()
		return nil, a.fail("preparing", err)
	}
	if l.load, err = a.conn.PrepareContext(ctx, `SELECT p.idx, d.id, d.source, d.date, coalesce(nullif(p.lang, ''), d.lang), d.url, d.title,
		substr(d.text, p.begin + 1, p.end - p.begin)
		FROM paragraphs p JOIN documents d USING (doc) WHERE p.para = ?`); err != nil {
		l.probe.Close()
		l.feats.Close()
		return nil, a.fail("preparing", err)
	}
	return l, nil
}

func (l *sqliteLookup) HasFamily(fam Family) (bool, error) { return l.a.hasFamily(fam) }

func (l *sqliteLookup) Paragraphs(doc string) ([]DocParagraph, error) {
	rows, err := l.a.conn.QueryContext(context.Background(), `SELECT p.para, p.idx FROM paragraphs p JOIN documents d USING (doc)
		WHERE d.id = ? AND p.features IS NOT NULL ORDER BY p.idx`, doc)
	if err != nil {
		return nil, l.a.fail("loading a document's paragraphs", err)
	}
	defer rows.Close()
	var out []DocParagraph
	for rows.Next() {
		var p DocParagraph
		if err := rows.Scan(&p.Para, &p.Index); err != nil {
			return nil, l.a.fail("loading a document's paragraphs", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, l.a.fail("loading a document's paragraphs", err)
	}
	return out, nil
}

func (l *sqliteLookup) Close() error {
	return errors.Join(l.probe.Close(), l.feats.Close(), l.load.Close())
}

func (l *sqliteLookup) Candidates(fam Family, keys []uint64, maxBucket int) (paras []int64, partial bool, err error) {
	ctx := context.Background()
	seen := map[int64]bool{}
	for _, k := range keys {
		rows, err := l.probe.QueryContext(ctx, int64(fam), int64(k), maxBucket+1)
		if err != nil {
			return nil, false, l.a.fail("looking up band keys", err)
		}
		n := 0
		for rows.Next() {
			var p int64
			if err := rows.Scan(&p); err != nil {
				rows.Close()
				return nil, false, l.a.fail("looking up band keys", err)
			}
			if n++; n > maxBucket {
				partial = true
				break
			}
			if !seen[p] {
				seen[p] = true
				paras = append(paras, p)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, false, l.a.fail("looking up band keys", err)
		}
	}
	slices.Sort(paras)
	return paras, partial, nil
}

func (l *sqliteLookup) Features(want []int64, fn func(int64, shingle.Features)) error {
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
			return l.a.fail("loading features", err)
		}
		for rows.Next() {
			var para int64
			var blob []byte
			if err := rows.Scan(&para, &blob); err != nil {
				rows.Close()
				return l.a.fail("loading features", err)
			}
			f, err := decodeFeatures(blob)
			if err != nil {
				rows.Close()
				return l.a.fail(fmt.Sprintf("paragraph %d", para), err)
			}
			fn(para, f)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return l.a.fail("loading features", err)
		}
	}
	return nil
}

func (l *sqliteLookup) Hit(para int64) (Hit, error) {
	var h Hit
	var date string
	var text []byte
	err := l.load.QueryRowContext(context.Background(), para).Scan(&h.Paragraph, &h.Doc, &h.Source, &date, &h.Lang, &h.URL, &h.Title, &text)
	if err != nil {
		return h, l.a.fail("loading paragraph", err)
	}
	if h.Date, err = parseDate(date); err != nil {
		return h, l.a.fail("loading paragraph", err)
	}
	h.Text = string(text)
	return h, nil
}
