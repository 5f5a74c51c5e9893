package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// migrations are the schema versions, in order: migrations[i] takes the
// schema from version i to i+1. A released migration is never edited;
// a change is a new one.
var migrations = []string{
	// 1: the archive's tables.
	`
CREATE TABLE settings(name text PRIMARY KEY, value text NOT NULL);
CREATE SEQUENCE documents_doc_seq;
CREATE TABLE documents(
	doc bigint PRIMARY KEY DEFAULT nextval('documents_doc_seq'),
	id text NOT NULL UNIQUE,
	source text NOT NULL,
	date text NOT NULL,
	day bigint,
	lang text NOT NULL,
	url text NOT NULL,
	title text NOT NULL,
	path text NOT NULL,
	text bytea NOT NULL
);
CREATE SEQUENCE paragraphs_para_seq;
CREATE TABLE paragraphs(
	para bigint PRIMARY KEY DEFAULT nextval('paragraphs_para_seq'),
	doc bigint NOT NULL REFERENCES documents ON DELETE CASCADE,
	idx integer NOT NULL,
	start_byte integer NOT NULL,
	end_byte integer NOT NULL,
	words integer NOT NULL,
	lang text NOT NULL,
	families smallint[],
	keys bigint[],
	features bytea
);
CREATE INDEX paragraphs_doc ON paragraphs(doc, idx);
CREATE TABLE bands(
	family smallint NOT NULL,
	key bigint NOT NULL,
	para bigint NOT NULL
);
CREATE INDEX bands_key ON bands(family, key, para);
`,
	// 2: slicing by source and date (report --source/--since, forget
	// --before) reads an index instead of every document.
	`
CREATE INDEX documents_source ON documents(source, day);
CREATE INDEX documents_day ON documents(day);
`,
	// 3: replacing or forgetting a document deletes its paragraphs'
	// band rows by paragraph. Through bands_key alone the server looked
	// up each (family, key) and filtered on para, reading every
	// paragraph filed under a shared key: 78 M rows to forget 101
	// documents. Paragraph numbers are written in ascending runs, so
	// the index grows at its end, and B-tree deduplication stores a
	// paragraph's 28 or so rows as one entry: about 7 bytes a row,
	// against bands_key's 120.
	`
CREATE INDEX bands_para ON bands(para);
`,
}

// Latest is the schema version this package reads and writes.
var Latest = len(migrations)

// migrationLock is the advisory lock key under which the schema is
// migrated and the settings stored ("wcpy" in ASCII).
const migrationLock = 0x77637079

// Current returns the schema version of the database conn is on, 0 when
// it has no wirecopy schema.
func Current(ctx context.Context, conn *pgx.Conn) (int, error) {
	var v int
	err := conn.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_version").Scan(&v)
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42P01" { // undefined_table
		return 0, nil
	}
	return v, err
}

// Migrate brings the schema up to version upto (Latest for the whole
// schema), each migration in its own transaction, under an advisory
// lock so that concurrent callers apply each one once. It returns the
// versions applied, none when the schema was up to date. A schema newer
// than upto is left alone.
func Migrate(ctx context.Context, conn *pgx.Conn, upto int) ([]int, error) {
	if upto < 0 || upto > Latest {
		return nil, fmt.Errorf("no schema version %d (this wirecopy knows 1 to %d)", upto, Latest)
	}
	var applied []int
	for {
		done := false
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrationLock); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "CREATE TABLE IF NOT EXISTS schema_version(version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())"); err != nil {
				return err
			}
			var v int
			if err := tx.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_version").Scan(&v); err != nil {
				return err
			}
			if v >= upto {
				done = true
				return nil
			}
			if _, err := tx.Exec(ctx, migrations[v]); err != nil {
				return fmt.Errorf("migrating to version %d: %w", v+1, err)
			}
			if _, err := tx.Exec(ctx, "INSERT INTO schema_version(version) VALUES ($1)", v+1); err != nil {
				return err
			}
			applied = append(applied, v+1)
			return nil
		})
		if err != nil || done {
			return applied, err
		}
	}
}

// MigrateURL connects to dsn and migrates its schema to Latest.
func MigrateURL(dsn string) ([]int, error) {
	ctx := context.Background()
	conn, err := connect(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer conn.Close(ctx)
	return Migrate(ctx, conn, Latest)
}
