// Package archive keeps documents on disk for newsroom monitoring: an
// archive of wire and outlet copy that grows day by day, against which a
// new article is checked (Checker) and over which the scan report is run
// again (Archive.Documents), without reading every document again.
//
// # Stores
//
// What an archive keeps of a document, how it is signed and how a check
// verifies candidates is decided here, once, for every store; where it
// is kept is a Backend's. Two stand beside this package, and each one's
// Open returns an *Archive: archive/sqlite, one embedded file for a desk
// (several processes may read it while one writes), and
// archive/postgres, a PostgreSQL server that ingest workers on several
// machines and many readers share. A check, a report or a count gives
// the same results on both.
//
// # What is kept
//
// Per document: its id (unique; re-adding an id replaces the document),
// source, date, lang, url, title, path and its whole text. The date is
// kept as RFC 3339 text with its original zone and any fraction of a
// second ("" when unknown), beside its Unix seconds (none when unknown)
// for slicing by date.
//
// Per paragraph: its number in the document, the byte offsets of its
// text in the document's text (a paragraph's text is not stored twice),
// its length in words, its language (of an indexed paragraph: its
// document's, else detected, as a scan sets it; empty when too short or
// indexed Monolingual), the band keys it is filed under and its
// features (both none when too short to judge).
//
// Band keys come in families (Family): the word-shingle keys of a scan
// are family Shingles; a translation's pivot keys are families Pivot+i,
// one per language. A store finds the paragraphs filed under a key of a
// family with one index probe.
//
// A paragraph's features (shingle.Features) are kept so that a check
// verifies a candidate with the scan's exact rule without reading and
// shingling its text again: a check of one article verifies thousands
// of candidates, and reading each one's document cost ten times as much
// as its features. They are kept as bytes: a uvarint word count, then
// the shingle hashes and the number hashes, each list a uvarint count
// and little-endian uint64s.
//
// # Settings
//
// A store keeps the pipeline options its band keys were made with, as
// names and values: shingle_size, permutations, min_words, threshold,
// and the banding they give, bands and rows. A new store keeps those it
// is opened with; later, the store's own are used (Archive.Options), and
// options that would look up other keys are refused (Compatible).
package archive

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/lsh"
	"github.com/wirecopy/wirecopy/pivot"
)

// Archive is an open archive over a Backend. Its methods may be called
// from one goroutine at a time; each Checker from one goroutine.
type Archive struct {
	b     Backend
	opts  cluster.Options // the archive's pipeline options, with defaults
	bands lsh.Params
}

// New returns the archive b keeps: the backends' Open functions call
// it. A store open for writing that keeps no settings yet keeps those
// of opts. The errors of b.Settings are returned as they are. On an
// error, b is left open.
func New(b Backend, opts cluster.Options) (*Archive, error) {
	s, err := b.Settings(func() ([][2]string, error) { return settings(opts) })
	if err != nil {
		return nil, err
	}
	a := &Archive{b: b}
	if s == nil {
		// A store that keeps none yet (a PostgreSQL schema made by db
		// migrate alone) reads as the defaults.
		a.opts = cluster.Options{}.WithDefaults()
		a.bands, err = a.opts.Signing().Params()
		return a, err
	}
	if a.opts, a.bands, err = parseSettings(s); err != nil {
		return nil, fmt.Errorf("archive: %s: %w", b.Name(), err)
	}
	return a, nil
}

// settings returns the settings rows (name, value) a store keeps of
// opts (see the package comment).
func settings(opts cluster.Options) ([][2]string, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	opts = opts.WithDefaults()
	params, err := opts.Signing().Params()
	if err != nil {
		return nil, err
	}
	return [][2]string{
		{"shingle_size", strconv.Itoa(opts.Shingle.Size)},
		{"permutations", strconv.Itoa(opts.Permutations)},
		{"min_words", strconv.Itoa(opts.MinWords)},
		{"threshold", strconv.FormatFloat(opts.Threshold, 'g', -1, 64)},
		{"bands", strconv.Itoa(params.Bands)},
		{"rows", strconv.Itoa(params.Rows)},
	}, nil
}

// parseSettings reads back what settings wrote: the pipeline options
// (other fields at their defaults) and the banding.
func parseSettings(s map[string]string) (cluster.Options, lsh.Params, error) {
	var err error
	num := func(name string) int {
		n, e := strconv.Atoi(s[name])
		if e != nil && err == nil {
			err = fmt.Errorf("setting %s: %q is not a number", name, s[name])
		}
		return n
	}
	var o cluster.Options
	o.Shingle.Size = num("shingle_size")
	o.Permutations = num("permutations")
	o.MinWords = num("min_words")
	bands := lsh.Params{Bands: num("bands"), Rows: num("rows")}
	t, e := strconv.ParseFloat(s["threshold"], 64)
	if e != nil && err == nil {
		err = fmt.Errorf("setting threshold: %q is not a number", s["threshold"])
	}
	o.Threshold = t
	return o.WithDefaults(), bands, err
}

// Options returns the pipeline options the archive was made with (the
// shingle size, permutations, minimum words and threshold that decided
// its band keys), other fields at their defaults.
func (a *Archive) Options() cluster.Options { return a.opts }

// Compatible reports why opts cannot be used with this archive's band
// keys, in the words of the flags to change: a shingle size,
// permutation count, minimum words or banding other than the archive's
// would look up keys it never stored. A different threshold is fine as
// long as it gives the same banding; the verification of candidates
// always uses the threshold asked for.
func (a *Archive) Compatible(opts cluster.Options) error {
	opts = opts.WithDefaults()
	params, err := opts.Signing().Params()
	if err != nil {
		return err
	}
	stored := a.opts
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
	if params != a.bands && len(diffs) == 0 {
		diffs = append(diffs, fmt.Sprintf("a --threshold giving %v, such as %v", a.bands, stored.Threshold))
	}
	if len(diffs) > 0 {
		return fmt.Errorf("archive: %s was made with %s", a.b.Name(), strings.Join(diffs, ", "))
	}
	return nil
}

// Documents calls fn with each stored document f selects, in id order,
// its text and metadata as they were added (Line is 0). It stops at
// fn's first error and returns it.
func (a *Archive) Documents(f Filter, fn func(corpus.Document) error) error {
	return a.b.Documents(f, func(d corpus.Document, date string) error {
		var err error
		if d.Date, err = parseDate(date); err != nil {
			return fmt.Errorf("archive: %s: document %q: %w", a.b.Name(), d.ID, err)
		}
		return fn(d)
	})
}

// Forget deletes the documents f selects, in one transaction, and
// returns their ids. A Filter selecting everything is refused: delete
// the archive instead.
func (a *Archive) Forget(f Filter) ([]string, error) {
	if len(f.IDs) == 0 && len(f.Sources) == 0 && f.Since.IsZero() && f.Before.IsZero() {
		return nil, errors.New("archive: forget needs ids, a source or a date bound")
	}
	return a.b.Forget(f)
}

// Stats counts what the archive holds.
func (a *Archive) Stats() (Stats, error) { return a.b.Stats() }

// Verify checks the archive's consistency, reading all of it, and
// returns the first problem found.
func (a *Archive) Verify() error { return a.b.Verify() }

// PivotLanguages returns the languages whose pivot keys the archive
// holds, in pivot.Languages order: none when it was indexed with
// translation off (Monolingual), and then a check finds no translation.
func (a *Archive) PivotLanguages() ([]string, error) {
	l, err := a.b.Lookup()
	if err != nil {
		return nil, err
	}
	defer l.Close()
	fams, err := pivotFamilies(l)
	var langs []string
	for _, fam := range fams {
		langs = append(langs, pivot.Languages[fam-Pivot])
	}
	return langs, err
}

// Path names the archive for messages: a file name, or a server address
// without its password.
func (a *Archive) Path() string { return a.b.Name() }

// Close closes the store (and releases a writer's lock).
func (a *Archive) Close() error { return a.b.Close() }

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
	Bytes              int64  // size on disk, or on the server
	Version            int    // format (schema) version
}

// Count is a name and a number of documents.
type Count struct {
	Name string
	N    int
}
