package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/pflag"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/archive/postgres"
	"github.com/wirecopy/wirecopy/cluster"
)

func dbCommand() command {
	return command{
		name:    "db",
		summary: "manage an archive on PostgreSQL: wirecopy db migrate --db URL",
		run:     runDB,
		usage: func(w io.Writer) {
			fs, _ := dbMigrateFlags()
			fmt.Fprint(w, `Usage: wirecopy db migrate --db URL

Creates the archive's schema on a PostgreSQL server, or brings an older
one up to this wirecopy's version, each step in its own transaction.
Running it again does nothing; several at once are safe. wirecopy index
migrates by itself; readers (check, report, stats) refuse an older
schema until it is migrated.

Flags:
`)
			fmt.Fprint(w, fs.FlagUsages())
			fmt.Fprint(w, `
Example:
  wirecopy db migrate --db postgres://wirecopy@db.example/news

Exit status: 0 on success; 1 when the server cannot be reached or the
migration fails; 2 on bad usage.
`)
		},
	}
}

func dbMigrateFlags() (*pflag.FlagSet, *string) {
	fs := newFlags("db migrate")
	url := fs.String("db", "", "the PostgreSQL server: postgres://user@host/dbname or \"host=... dbname=...\"")
	return fs, url
}

func runDB(e *env, args []string) error {
	if len(args) == 0 || args[0] != "migrate" {
		return errUsage("the only subcommand is migrate (see 'wirecopy help db')")
	}
	fs, url := dbMigrateFlags()
	if done, err := parseFlags(e, fs, args[1:], dbCommand().usage, anyOperands); done || err != nil {
		return err
	}
	if *url == "" || !postgres.IsURL(*url) || fs.NArg() > 0 {
		return errUsage("migrate: --db URL of a PostgreSQL server is required, and nothing else (an embedded archive needs no migration)")
	}
	applied, err := postgres.MigrateURL(*url)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if len(applied) == 0 {
		fmt.Fprintf(e.stdout, "schema is at version %d; nothing to do\n", postgres.Latest)
		return nil
	}
	fmt.Fprintf(e.stdout, "migrated the schema to version %d (applied %v)\n", postgres.Latest, applied)
	return nil
}

// openServer opens an archive on PostgreSQL, reporting each retry of a
// lost connection on standard error.
func openServer(e *env, url string, write bool, opts cluster.Options) (*archive.Archive, error) {
	return postgres.Open(url, postgres.Options{Write: write, Cluster: opts,
		Retried: func(err error, attempt int, wait time.Duration) {
			e.warnf("connection to the archive lost (%v); retrying the batch in %v (attempt %d)", err, wait, attempt)
		}})
}
