// Package sqlite keeps an archive (see package archive) in one SQLite
// file on disk: the store of a desk, with no server to run.
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
//	                           with (see package archive)
//	documents(doc, id, ...)    one row per document: its id (unique),
//	                           source, date (RFC 3339, "" when unknown),
//	                           day (Unix seconds of date, NULL when
//	                           unknown, for slicing), lang, url, title,
//	                           path, and text (the whole text, a BLOB)
//	paragraphs(para, doc, ...) one row per paragraph: its number idx in
//	                           the document, byte offsets begin and end
//	                           of its text in the document's text, words,
//	                           lang, keys, the band keys it is indexed
//	                           under, and features (both NULL when too
//	                           short to judge)
//	bands(family, key, para)   WITHOUT ROWID, primary key (family, key,
//	                           para): finding the paragraphs filed under
//	                           a band key is one index probe
//
// The keys column holds each family as a byte, a uvarint count and the
// keys as little-endian uint64s, so that forgetting a paragraph deletes
// exactly its rows of bands; features are the bytes package archive
// makes.
//
// Re-adding a document id replaces the document (delete and insert in
// one transaction). Add stores a batch of documents in one transaction:
// a document is never half stored.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	sqlitedrv "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/cluster"
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
	// archive.Archive.Options.
	Cluster cluster.Options

	// CacheBytes is SQLite's page cache for the archive's own
	// connection, which writes and reads documents; 0 means
	// DefaultCacheBytes. A check's lookups have a small cache of their
	// own (see Lookup).
	CacheBytes int64
}

// DefaultCacheBytes is the page cache of one open archive: large enough
// to hold the upper levels of the band-key index of a few million
// paragraphs, so that an insert reads one or two pages from the file;
// small next to what a scan of the same corpus takes.
const DefaultCacheBytes = 256 << 20

// ErrLocked is returned (wrapped) when another process holds the
// writer's lock.
var ErrLocked = errors.New("another wirecopy is writing to this archive")

// store is an archive.Backend on one SQLite file.
type store struct {
	path  string
	cache int64 // page cache in bytes
	db    *sql.DB
	conn  *sql.Conn
	lock  *os.File // writers only
	write bool
	// missing is true when a writer found no file at path, fresh when
	// it found an empty database: Settings makes the archive then, with
	// its settings.
	missing, fresh bool
}

// Open opens the archive at path. A reader needs an existing archive; a
// writer creates one when path does not exist.
func Open(path string, opts Options) (*archive.Archive, error) {
	_, a, err := openStore(path, opts)
	return a, err
}

// openStore is Open, returning the store too (for tests).
func openStore(path string, opts Options) (*store, *archive.Archive, error) {
	s := &store{path: path, cache: opts.CacheBytes, write: opts.Write}
	if s.cache <= 0 {
		s.cache = DefaultCacheBytes
	}
	if _, err := os.Stat(path); err != nil {
		if !opts.Write || !errors.Is(err, os.ErrNotExist) {
			return nil, nil, fmt.Errorf("archive: %w", err)
		}
	}
	if opts.Write {
		lock, err := lockFile(path+".lock", opts.LockTimeout)
		if err != nil {
			return nil, nil, fmt.Errorf("archive: %s: %w", path, err)
		}
		s.lock = lock
		_, err = os.Stat(path)
		s.missing = errors.Is(err, os.ErrNotExist)
	}
	if err := s.open(); err != nil {
		s.Close()
		return nil, nil, fmt.Errorf("archive: %s: %w", path, err)
	}
	a, err := archive.New(s, opts.Cluster)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, a, nil
}

// Settings makes the archive when the writer found none (see store),
// keeping the settings init makes, and reads them.
func (s *store) Settings(init func() ([][2]string, error)) (map[string]string, error) {
	m, err := s.settings(init)
	if err != nil {
		return nil, fmt.Errorf("archive: %s: %w", s.path, err)
	}
	return m, nil
}

func (s *store) settings(init func() ([][2]string, error)) (map[string]string, error) {
	if s.missing || s.fresh {
		settings, err := init()
		if err != nil {
			return nil, err
		}
		if s.fresh {
			err = s.create(settings)
		} else if err = create(s.path, settings); err == nil {
			s.missing = false
			err = s.open()
		}
		if err != nil {
			return nil, err
		}
		s.fresh = false
	}
	return s.loadSettings()
}

// create makes a new archive at path+".new" and renames it to path, so
// that a process killed while creating an archive leaves either none or
// a whole one. The caller holds the writer's lock.
func create(path string, settings [][2]string) error {
	tmp := path + ".new"
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if err := os.Remove(tmp + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	s := &store{path: tmp, cache: DefaultCacheBytes, write: true}
	err := s.open()
	if err == nil {
		err = s.create(settings)
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

// open opens the database at s.path, unless a writer found none there.
func (s *store) open() error {
	if s.missing {
		return nil
	}
	mode := "ro"
	if s.write {
		mode = "rwc"
	}
	// busy_timeout: a reader waits while a checkpoint or recovery holds
	// the file briefly, instead of failing.
	// The path is escaped for SQLite's URI syntax: a '#' or '?' in a file
	// or folder name would otherwise end the path.
	uriPath := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(s.path)
	dsn := "file:" + uriPath + "?mode=" + mode +
		"&_pragma=busy_timeout(10000)&_pragma=mmap_size(8589934592)" +
		"&_pragma=cache_size(" + strconv.FormatInt(-s.cache/1024, 10) + ")"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	s.db = db
	// One connection is the store's own; each lookup takes another
	// (Lookup), and gives it back to the pool when closed.
	s.conn, err = db.Conn(context.Background())
	if err != nil {
		return explain(err)
	}
	var appID, version int
	if err := s.conn.QueryRowContext(context.Background(), "PRAGMA application_id").Scan(&appID); err != nil {
		return explain(err)
	}
	if err := s.conn.QueryRowContext(context.Background(), "PRAGMA user_version").Scan(&version); err != nil {
		return explain(err)
	}
	switch {
	case appID == 0 && version == 0 && s.write && s.empty():
		s.fresh = true
	case appID != applicationID:
		return errors.New("not a wirecopy archive")
	case version != Version:
		return fmt.Errorf("archive format version %d; this wirecopy reads version %d only (use the wirecopy that made it, or index the documents again)", version, Version)
	}
	if s.write {
		// WAL lets readers in other processes go on while this process
		// writes; NORMAL syncs the log at checkpoints only, which a
		// killed process cannot undo (the log is in the OS's hands),
		// though a power cut may lose the last commits.
		for _, p := range []string{"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"} {
			if _, err := s.conn.ExecContext(context.Background(), p); err != nil {
				return explain(err)
			}
		}
	}
	return nil
}

// empty reports whether the database has no tables: a new file.
func (s *store) empty() bool {
	var n int
	err := s.conn.QueryRowContext(context.Background(), "SELECT count(*) FROM sqlite_schema").Scan(&n)
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
func (s *store) create(settings [][2]string) error {
	ctx := context.Background()
	tx, err := s.conn.BeginTx(ctx, nil)
	if err != nil {
		return explain(err)
	}
	defer tx.Rollback()
	stmts := []string{schema,
		fmt.Sprintf("PRAGMA application_id = %d", applicationID),
		fmt.Sprintf("PRAGMA user_version = %d", Version),
	}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
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

// loadSettings reads the settings the archive was made with.
func (s *store) loadSettings() (map[string]string, error) {
	rows, err := s.conn.QueryContext(context.Background(), "SELECT name, value FROM settings")
	if err != nil {
		return nil, explain(err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, explain(err)
		}
		m[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, explain(err)
	}
	return m, nil
}

// Name returns the archive's file name.
func (s *store) Name() string { return s.path }

// Close closes the archive and releases the writer's lock.
func (s *store) Close() error {
	var err error
	if s.conn != nil {
		err = s.conn.Close()
	}
	if s.db != nil {
		err = errors.Join(err, s.db.Close())
	}
	if s.lock != nil {
		err = errors.Join(err, s.lock.Close()) // closing releases the lock
		s.lock = nil
	}
	if err != nil {
		return fmt.Errorf("archive: closing %s: %w", s.path, err)
	}
	return nil
}

// explain rewords the SQLite errors a user can meet.
func explain(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlitedrv.Error
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
