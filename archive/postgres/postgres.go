// Package postgres keeps an archive (see package archive) on a
// PostgreSQL server, so that ingest workers on several machines and
// many readers share one archive. It is an archive.Backend: the
// commands index, check, report, stats and forget work on it as on the
// embedded SQLite file (package archive/sqlite), with the same results.
// Its messages name it pgarchive.
//
// # Schema
//
// The schema is versioned: schema_version holds the versions applied,
// and Migrate applies the missing ones (see migrations), each in its own
// transaction under an advisory lock, so concurrent Migrate calls are
// safe and a second call does nothing. The tables mirror the embedded
// archive's:
//
//	settings(name, value)             pipeline options of the band keys
//	documents(doc, id UNIQUE, ...)    one row per document, text as bytea
//	paragraphs(para, doc, ...)        offsets, words, lang, families and
//	                                  keys (parallel arrays: the band keys
//	                                  it is filed under), features (the
//	                                  bytes package archive makes)
//	bands(family, key, para)          indexed on (family, key, para): a
//	                                  candidate lookup is one index range
//	                                  scan per band key
//
// bands has no foreign key and no primary key, so that it can be
// distributed by key on its own (on Citus: SELECT
// create_distributed_table('bands', 'key'); a lookup then goes to one
// shard; not tested here); paragraphs reference documents with ON
// DELETE CASCADE.
//
// # Writers
//
// Add stores a batch in one transaction: band keys, paragraphs and
// documents are written with COPY, with ids reserved from sequences
// beforehand, so that several writers (processes, machines) never
// collide. Re-adding an id replaces the document; writers serialize per
// document id with transaction-scoped advisory locks taken in a fixed
// order (no deadlock), so two writers adding the same id one after the
// other leave one document, never two and never an error. A batch cut
// short (a dropped connection, a terminated backend, a deadlock or
// serialization failure) is rolled back by the server and retried whole
// on a new connection with exponential backoff, each retry reported
// through Options.Retried.
//
// Readers see committed batches only, as every PostgreSQL reader does.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/cluster"
)

// Options configure Open. The zero value opens an existing archive for
// reading, retrying a dropped connection DefaultRetries times.
type Options struct {
	// Write opens the archive for writing: the schema is created or
	// migrated to this version and the settings stored when missing.
	Write bool
	// Cluster holds the pipeline options a new archive is made with; an
	// existing one keeps its own.
	Cluster cluster.Options
	// Retries is how often a batch cut short by a lost connection is
	// tried again; 0 means DefaultRetries, a negative number none.
	Retries int
	// RetryWait is the wait before the first retry, doubled for each
	// next one up to MaxRetryWait; 0 means DefaultRetryWait.
	RetryWait time.Duration
	// Retried, if not nil, is told of each retry: the error that cut
	// the batch short, the attempt about to be made (2, 3, ...) and the
	// wait before it.
	Retried func(err error, attempt int, wait time.Duration)
	// Context, if not nil, bounds every statement: cancelling it
	// cancels the statement running on the server (a cancel request,
	// not only a closed socket) and makes the call return its error,
	// with no retry. nil means context.Background().
	Context context.Context
	// StatementTimeout bounds each statement of a write transaction
	// (Add, Forget) on the server; 0 means DefaultStatementTimeout, a
	// negative value none. A statement past it fails the transaction,
	// which the server rolls back.
	StatementTimeout time.Duration
}

const (
	// DefaultRetries and DefaultRetryWait ride out a server restart or
	// fail-over of up to about 25 s (0.5+1+2+4+8+10 s) before giving up.
	DefaultRetries   = 6
	DefaultRetryWait = 500 * time.Millisecond
	// MaxRetryWait caps the backoff: longer waits only delay noticing
	// that the server is back.
	MaxRetryWait = 10 * time.Second
	// DefaultStatementTimeout is far above what a write statement takes
	// (a COPY of a 20,000-paragraph batch takes seconds, a delete of a
	// batch's old rows milliseconds), so that only a runaway statement
	// meets it, and it then stops holding its batch's locks.
	DefaultStatementTimeout = 5 * time.Minute
	// clientCheckInterval is how often the server checks, while it runs
	// a statement, that the client is still connected
	// (client_connection_check_interval, PostgreSQL 14 and later): a
	// wirecopy killed mid-statement (SIGINT, SIGTERM, kill -9) has its
	// statement cancelled and its locks released within this interval,
	// instead of when the statement ends.
	clientCheckInterval = "1s"
	// cancelDelay is how long a cancelled context waits for the server
	// to act on the cancel request before the connection is closed.
	cancelDelay = 2 * time.Second
)

// IsURL reports whether s names a PostgreSQL server rather than a file:
// a postgres:// or postgresql:// URL, or a key=value DSN naming a host
// or database.
func IsURL(s string) bool {
	if strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://") {
		return true
	}
	return dsnKey.MatchString(s)
}

var dsnKey = regexp.MustCompile(`(^|\s)(host|hostaddr|dbname|user|port)=`)

// store is an archive.Backend on a PostgreSQL server.
type store struct {
	dsn   string
	opts  Options
	write bool
	// mu serialises the use of conn: a pgx connection runs one statement
	// at a time, and serve checks several articles at once.
	mu   sync.Mutex
	conn *pgx.Conn
}

var _ archive.Backend = (*store)(nil)

// Open connects to the archive at dsn (a URL or key=value DSN, as libpq
// takes them).
func Open(dsn string, opts Options) (*archive.Archive, error) {
	_, a, err := openStore(dsn, opts)
	return a, err
}

// openStore is Open, returning the store too (for tests).
func openStore(dsn string, opts Options) (*store, *archive.Archive, error) {
	s := &store{dsn: dsn, opts: opts, write: opts.Write}
	if s.opts.Retries == 0 {
		s.opts.Retries = DefaultRetries
	}
	if s.opts.RetryWait <= 0 {
		s.opts.RetryWait = DefaultRetryWait
	}
	if s.opts.StatementTimeout == 0 {
		s.opts.StatementTimeout = DefaultStatementTimeout
	}
	if s.opts.Context == nil {
		s.opts.Context = context.Background()
	}
	// The first connection is not retried: a wrong address or password
	// is reported at once. Retries ride out losing a connection made.
	ctx := s.opts.Context
	if err := s.connect(ctx); err != nil {
		return nil, nil, s.fail("connecting", err)
	}
	if opts.Write {
		if _, err := Migrate(ctx, s.conn, Latest); err != nil {
			s.Close()
			return nil, nil, s.fail("migrating", err)
		}
	} else {
		v, err := Current(ctx, s.conn)
		if err != nil {
			s.Close()
			return nil, nil, s.fail("reading the schema version", err)
		}
		switch {
		case v == 0:
			s.Close()
			return nil, nil, fmt.Errorf("pgarchive: %s: no wirecopy archive here (wirecopy index or wirecopy db migrate creates one)", s.Name())
		case v < Latest:
			s.Close()
			return nil, nil, fmt.Errorf("pgarchive: %s: schema version %d; this wirecopy reads version %d (run wirecopy db migrate --db URL)", s.Name(), v, Latest)
		case v > Latest:
			s.Close()
			return nil, nil, fmt.Errorf("pgarchive: %s: schema version %d is newer than this wirecopy's %d (use a newer wirecopy)", s.Name(), v, Latest)
		}
	}
	a, err := archive.New(s, opts.Cluster)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, a, nil
}

// connect replaces a closed or missing connection.
func (s *store) connect(ctx context.Context) error {
	if s.conn != nil && !s.conn.IsClosed() {
		return nil
	}
	if s.conn != nil {
		s.conn.Close(ctx)
		s.conn = nil
	}
	conn, err := connect(ctx, s.dsn)
	if err != nil {
		return err
	}
	s.conn = conn
	return nil
}

// connect opens a connection on which a cancelled context cancels the
// running statement on the server (pgx's default only closes the
// socket, which a busy server notices when the statement ends), and
// whose server notices a client gone mid-statement (see
// clientCheckInterval).
func connect(ctx context.Context, dsn string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	cfg.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: c, DeadlineDelay: cancelDelay}
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	// The setting is unknown before PostgreSQL 14, where a server only
	// notices a gone client when its statement ends: a refusal from
	// the server is no reason not to go on.
	if _, err := conn.Exec(ctx, "SET client_connection_check_interval = '"+clientCheckInterval+"'"); err != nil {
		var pe *pgconn.PgError
		if !errors.As(err, &pe) {
			conn.Close(ctx)
			return nil, err
		}
	}
	return conn, nil
}

// retry runs f on a live connection, and again on a new one with
// backoff while the error is one of a lost connection or a transient
// conflict. f must be one transaction, so that a failed attempt leaves
// nothing behind.
func (s *store) retry(what string, f func(ctx context.Context) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ctx := s.opts.Context
	wait := s.opts.RetryWait
	for attempt := 1; ; attempt++ {
		err := s.connect(ctx)
		if err == nil {
			err = f(ctx)
		}
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return s.fail(what, ctx.Err())
		}
		if !s.transient(err) || attempt > s.opts.Retries {
			return s.fail(what, err)
		}
		if s.opts.Retried != nil {
			s.opts.Retried(err, attempt+1, wait)
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return s.fail(what, ctx.Err())
		}
		wait = min(2*wait, MaxRetryWait)
	}
}

// transient reports whether err may pass on a retry: the connection is
// gone (or never came), the server is shutting down or starting, or the
// transaction lost a deadlock or serialization conflict.
func (s *store) transient(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case strings.HasPrefix(pe.Code, "08"), // connection exception
			pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03", // admin shutdown, crash shutdown, cannot connect now
			pe.Code == "40001", pe.Code == "40P01": // serialization failure, deadlock
			return true
		}
		return s.conn == nil || s.conn.IsClosed()
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return true
	}
	return s.conn == nil || s.conn.IsClosed() || pgconn.SafeToRetry(err) || pgconn.Timeout(err)
}

func (s *store) fail(what string, err error) error {
	return fmt.Errorf("pgarchive: %s: %s: %w", s.Name(), what, err)
}

// Settings reads the archive's settings; a writer first keeps those
// init makes when there are none, once: the first writer's win, under
// the migration lock. An archive made by db migrate alone keeps none.
func (s *store) Settings(init func() ([][2]string, error)) (map[string]string, error) {
	if s.write {
		if err := s.initSettings(init); err != nil {
			return nil, err
		}
	}
	m := map[string]string{}
	err := s.retry("reading settings", func(ctx context.Context) error {
		rows, err := s.conn.Query(ctx, "SELECT name, value FROM settings")
		if err != nil {
			return err
		}
		var k, v string
		_, err = pgx.ForEachRow(rows, []any{&k, &v}, func() error { m[k] = v; return nil })
		return err
	})
	if len(m) == 0 {
		m = nil // made by db migrate alone: the defaults
	}
	return m, err
}

func (s *store) initSettings(init func() ([][2]string, error)) error {
	settings, err := init()
	if err != nil {
		return err
	}
	return s.retry("storing settings", func(ctx context.Context) error {
		return pgx.BeginFunc(ctx, s.conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrationLock); err != nil {
				return err
			}
			var n int
			if err := tx.QueryRow(ctx, "SELECT count(*) FROM settings").Scan(&n); err != nil || n > 0 {
				return err
			}
			for _, kv := range settings {
				if _, err := tx.Exec(ctx, "INSERT INTO settings(name, value) VALUES ($1, $2)", kv[0], kv[1]); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// Name returns the server address without its password.
func (s *store) Name() string {
	if u, err := url.Parse(s.dsn); err == nil && u.Scheme != "" {
		return u.Redacted()
	}
	return dsnPassword.ReplaceAllString(s.dsn, "${1}password=xxxxx")
}

var dsnPassword = regexp.MustCompile(`(^|\s)password=('(\\.|[^'])*'|\S*)`)

// Close closes the connection.
func (s *store) Close() error {
	if s.conn == nil {
		return nil
	}
	err := s.conn.Close(context.WithoutCancel(s.opts.Context))
	s.conn = nil
	if err != nil {
		return s.fail("closing", err)
	}
	return nil
}
