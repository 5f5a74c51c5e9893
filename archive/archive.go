// Package archive keeps documents on disk for newsroom monitoring: an
// archive of wire and outlet copy that grows day by day, against which a
// new article is checked (Check) and over which the scan report is run
// again (Documents), without reading every document again.
//
// # Store
//
// An archive is one SQLite database (modernc.org/sqlite, pure Go) in
// write-ahead-log mode, chosen over bbolt and pebble for its promises to
// several processes (bench/storecmp has the comparison): any number of
// readers in other processes see the last committed state while one
// writer writes; commits are atomic, so a process killed at any point
// leaves the archive as of its last commit; a full disk fails the commit
// being made and leaves the file as it was. Writers also hold an
// exclusive lock on PATH.lock for as long as the archive is open for
// writing, so a second writer gets a clear error (or waits, up to
// Options.LockTimeout) rather than interleaving its batches with the
// first one's.
//
// # Format (version 2)
//
// PRAGMA application_id is 0x77637079 ("wcpy") and PRAGMA user_version
// the format version; Open refuses any other version with a message
// naming both. The tables:
//
//	settings(name, value)      pipeline options the band keys were made
//	                           with: shingle_size, permutations,
//	                           min_words, threshold, bands, rows
//	documents(doc, id, ...)    one row per document: its id (unique),
//	                           source, date (RFC 3339, "" when unknown),
//	                           day (Unix seconds of date, NULL when
//	                           unknown, for slicing), lang, url, title,
//	                           path, and text (the whole text, a BLOB)
//	paragraphs(para, doc, ...) one row per paragraph: its number idx in
//	                           the document, byte offsets begin and end
//	                           of its text in the document's text, words,
//	                           lang (of an indexed paragraph: its
//	                           document's, else detected, as a scan
//	                           sets it; empty when too short or indexed
//	                           --translate=false), and keys,
//	                           the band keys it is indexed under, and
//	                           features, its shingles and numbers (both
//	                           NULL when too short to judge)
//	bands(family, key, para)   WITHOUT ROWID, primary key (family, key,
//	                           para): finding the paragraphs filed under
//	                           a band key is one index probe
//
// A paragraph's text is not stored twice: it is bytes begin..end of its
// document's text. Its features (shingle.Features: word count, then the
// shingle and number hashes, each list a uvarint count and little-endian
// uint64s) are stored so that a check verifies a candidate with the
// scan's exact rule without reading and shingling its text again: a
// check of one article verifies thousands of candidates, and reading
// each one's document cost ten times as much as its features. Band keys come in families (Family): the word-shingle
// keys of a scan are family 0; another kind of key (a translation's pivot
// keys) is another family, in the same table. The keys column holds each
// family as a byte, a uvarint count and the keys as little-endian
// uint64s, so that forgetting a paragraph deletes exactly its rows of
// bands.
//
// Re-adding a document id replaces the document (delete and insert in
// one transaction). Add stores a batch of documents in one transaction:
// a document is never half stored.
package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/lsh"
)

// Version is the archive format this package reads and writes. Version
// 2 added paragraph languages and the pivot key families; a version 1
// archive has neither, so a check would miss every translation in it
// without a word, and it is refused: index its documents again.
const Version = 2

// applicationID marks a SQLite file as a wirecopy archive: "wcpy".
const applicationID = 0x77637079

// Options configure Open. The zero value opens an existing archive for
// reading.
type Options struct {
	// Write opens the archive for writing, creating it when it does not
	// exist, and takes the writer's lock.
	Write bool

	// LockTimeout is how long a writer waits for another writer to
	// finish; 0 means not at all: Open fails at once with ErrLocked.
	LockTimeout time.Duration

	// Cluster holds the pipeline options a new archive is made with
	// (shingle size, permutations, minimum words and threshold decide
	// the band keys). An existing archive keeps its own; see
	// Archive.Options.
	Cluster cluster.Options

	// CacheBytes is SQLite's page cache for this connection; 0 means
	// DefaultCacheBytes.
	CacheBytes int64
}

// DefaultCacheBytes is the page cache of one open archive: large enough
// to hold the upper levels of the band-key index of a few million
// paragraphs, so that an insert or a probe reads one or two pages from
// the file; small next to what a scan of the same corpus takes.
const DefaultCacheBytes = 256 << 20

// ErrLocked is returned (wrapped) when another process holds the
// writer's lock.
var ErrLocked = errors.New("another wirecopy is writing to this archive")

// Archive is an open archive. Its methods may be called from one
// goroutine at a time.
type Archive struct {
	path  string
	db    *sql.DB
	conn  *sql.Conn
	lock  *os.File // writers only
	write bool
	opts  cluster.Options // the archive's pipeline options, with defaults
	bands lsh.Params
}

// Open opens the archive at path. A reader needs an existing archive; a
// writer creates one when path does not exist.
func Open(path string, opts Options) (*Archive, error) {
	a := &Archive{path: path, write: opts.Write}
	if _, err := os.Stat(path); err != nil {
		if !opts.Write || !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("archive: %w", err)
		}
	}
	if opts.Write {
		lock, err := lockFile(path+".lock", opts.LockTimeout)
		if err != nil {
			return nil, fmt.Errorf("archive: %s: %w", path, err)
		}
		a.lock = lock
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			if err := create(path, opts); err != nil {
				a.Close()
				return nil, fmt.Errorf("archive: %s: %w", path, err)
			}
		}
	}
	if err := a.open(opts); err != nil {
		a.Close()
		return nil, fmt.Errorf("archive: %s: %w", path, err)
	}
	return a, nil
}

// create makes a new archive at path+".new" and renames it to path, so
// that a process killed while creating an archive leaves either none or
// a whole one. The caller holds the writer's lock.
func create(path string, opts Options) error {
	tmp := path + ".new"
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if err := os.Remove(tmp + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	a := &Archive{path: tmp, write: true}
	err := a.open(opts)
	if cerr := a.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

func (a *Archive) open(opts Options) error {
	cache := opts.CacheBytes
	if cache <= 0 {
		cache = DefaultCacheBytes
	}
	mode := "ro"
	if a.write {
		mode = "rwc"
	}
	// busy_timeout: a reader waits while a checkpoint or recovery holds
	// the file briefly, instead of failing.
	// The path is escaped for SQLite's URI syntax: a '#' or '?' in a file
	// or folder name would otherwise end the path.
	uriPath := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(a.path)
	dsn := "file:" + uriPath + "?mode=" + mode +
		"&_pragma=busy_timeout(10000)&_pragma=mmap_size(8589934592)" +
		"&_pragma=cache_size(" + strconv.FormatInt(-cache/1024, 10) + ")"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	a.db = db
	db.SetMaxOpenConns(1)
	a.conn, err = db.Conn(context.Background())
	if err != nil {
		return explain(err)
	}
	var appID, version int
	if err := a.conn.QueryRowContext(context.Background(), "PRAGMA application_id").Scan(&appID); err != nil {
		return explain(err)
	}
	if err := a.conn.QueryRowContext(context.Background(), "PRAGMA user_version").Scan(&version); err != nil {
		return explain(err)
	}
	switch {
	case appID == 0 && version == 0 && a.write && a.empty():
		if err := a.create(opts.Cluster); err != nil {
			return err
		}
	case appID != applicationID:
		return errors.New("not a wirecopy archive")
	case version != Version:
		return fmt.Errorf("archive format version %d; this wirecopy reads version %d only (use the wirecopy that made it, or index the documents again)", version, Version)
	}
	if a.write {
		// WAL lets readers in other processes go on while this process
		// writes; NORMAL syncs the log at checkpoints only, which a
		// killed process cannot undo (the log is in the OS's hands),
		// though a power cut may lose the last commits.
		for _, p := range []string{"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"} {
			if _, err := a.conn.ExecContext(context.Background(), p); err != nil {
				return explain(err)
			}
		}
	}
	return a.loadSettings()
}

// empty reports whether the database has no tables: a new file.
func (a *Archive) empty() bool {
	var n int
	err := a.conn.QueryRowContext(context.Background(), "SELECT count(*) FROM sqlite_schema").Scan(&n)
	return err == nil && n == 0
}

const schema = `
CREATE TABLE settings(name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents(
	doc INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	source TEXT NOT NULL,
	date TEXT NOT NULL,
	day INTEGER,
	lang TEXT NOT NULL,
	url TEXT NOT NULL,
	title TEXT NOT NULL,
	path TEXT NOT NULL,
	text BLOB NOT NULL
);
CREATE INDEX documents_source ON documents(source, day);
CREATE INDEX documents_day ON documents(day);
CREATE TABLE paragraphs(
	para INTEGER PRIMARY KEY,
	doc INTEGER NOT NULL,
	idx INTEGER NOT NULL,
	begin INTEGER NOT NULL,
	end INTEGER NOT NULL,
	words INTEGER NOT NULL,
	lang TEXT NOT NULL,
	keys BLOB,
	features BLOB
);
CREATE INDEX paragraphs_doc ON paragraphs(doc, idx);
CREATE TABLE bands(
	family INTEGER NOT NULL,
	key INTEGER NOT NULL,
	para INTEGER NOT NULL,
	PRIMARY KEY (family, key, para)
) WITHOUT ROWID;
`

// create makes the tables of a new archive in one transaction.
func (a *Archive) create(opts cluster.Options) error {
	settings, err := Settings(opts)
	if err != nil {
		return err
	}
	ctx := context.Background()
	tx, err := a.conn.BeginTx(ctx, nil)
	if err != nil {
		return explain(err)
	}
	defer tx.Rollback()
	stmts := []string{schema,
		fmt.Sprintf("PRAGMA application_id = %d", applicationID),
		fmt.Sprintf("PRAGMA user_version = %d", Version),
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return explain(err)
		}
	}
	for _, kv := range settings {
		if _, err := tx.ExecContext(ctx, "INSERT INTO settings(name, value) VALUES (?, ?)", kv[0], kv[1]); err != nil {
			return explain(err)
		}
	}
	return explain(tx.Commit())
}

// Settings returns the settings rows (name, value) a store keeps of the
// pipeline options its band keys are made with: what loadSettings reads
// back, the same for every store.
func Settings(opts cluster.Options) ([][2]string, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	opts = opts.WithDefaults()
	params, err := cluster.LSHParams(opts)
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

// loadSettings reads the pipeline options the archive was made with.
func (a *Archive) loadSettings() error {
	rows, err := a.conn.QueryContext(context.Background(), "SELECT name, value FROM settings")
	if err != nil {
		return explain(err)
	}
	defer rows.Close()
	s := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return explain(err)
		}
		s[k] = v
	}
	if err := rows.Err(); err != nil {
		return explain(err)
	}
	a.opts, a.bands, err = ParseSettings(s)
	return err
}

// ParseSettings reads back the settings rows that Settings wrote: the
// pipeline options (other fields at their defaults) and the banding.
func ParseSettings(s map[string]string) (cluster.Options, lsh.Params, error) {
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
// keys: a shingle size, permutation count, minimum words or banding
// other than the archive's would look up keys it never stored. A
// different threshold is fine as long as it gives the same banding; the
// verification of candidates always uses the threshold asked for.
func (a *Archive) Compatible(opts cluster.Options) error {
	return Compatible(a.path, a.opts, a.bands, opts)
}

// Path returns the archive's file name.
func (a *Archive) Path() string { return a.path }

// Close closes the archive and releases the writer's lock.
func (a *Archive) Close() error {
	var err error
	if a.conn != nil {
		err = a.conn.Close()
	}
	if a.db != nil {
		err = errors.Join(err, a.db.Close())
	}
	if a.lock != nil {
		err = errors.Join(err, a.lock.Close()) // closing releases the lock
		a.lock = nil
	}
	if err != nil {
		return fmt.Errorf("archive: closing %s: %w", a.path, err)
	}
	return nil
}

// explain rewords the SQLite errors a user can meet.
func explain(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_FULL:
			return fmt.Errorf("disk full; the archive is left as of its last commit: %w", err)
		case sqlite3.SQLITE_NOTADB:
			return errors.New("not a wirecopy archive (not a SQLite database)")
		case sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("the archive is damaged: %w", err)
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
			return fmt.Errorf("cannot open: %w", err)
		}
	}
	return err
}
