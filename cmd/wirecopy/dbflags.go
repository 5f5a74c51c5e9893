package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/pflag"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/archive/postgres"
	"github.com/wirecopy/wirecopy/archive/sqlite"
	"github.com/wirecopy/wirecopy/cluster"
)

// dbFlags are the flags of every command that opens an archive.
type dbFlags struct {
	path        string
	lockTimeout time.Duration
}

func (d *dbFlags) register(fs *pflag.FlagSet, writes bool) {
	fs.StringVar(&d.path, "db", "", "the archive: a `FILE` (a SQLite database; index creates it) or a PostgreSQL\nserver, postgres://user@host/dbname or \"host=... dbname=...\" (index creates the schema)")
	if writes {
		fs.DurationVar(&d.lockTimeout, "lock-timeout", 0, "wait up to `DURATION` (e.g. 30s, 5m) while another wirecopy writes to the archive\n(default: fail at once)")
	}
}

// open opens the archive --db names: a reader needs one that exists, a
// writer creates it. A file archive that cannot be opened leaves nothing
// behind: the writer's lock file is removed again when this run made it.
func (d *dbFlags) open(e *env, write bool, opts cluster.Options) (*archive.Archive, error) {
	if d.path == "" {
		return nil, errUsage("--db FILE is required")
	}
	if postgres.IsURL(d.path) {
		return openServer(e, d.path, write, opts)
	}
	if err := d.check(write); err != nil {
		return nil, err
	}
	lock := d.path + ".lock"
	_, err := os.Lstat(lock)
	hadLock := err == nil
	a, err := sqlite.Open(d.path, sqlite.Options{Write: write, LockTimeout: d.lockTimeout, Cluster: opts})
	if err != nil {
		if write && !hadLock {
			os.Remove(lock)
		}
		// "archive: news.wca: not a wirecopy archive" names the flag
		// instead: "--db news.wca: not a wirecopy archive".
		if inner := errors.Unwrap(err); inner != nil {
			err = fmt.Errorf("--db %s: %w", d.path, inner)
		}
		return nil, err
	}
	return a, nil
}

// check says what is wrong with a file archive's path before it is
// opened, in the terms of the --db flag: a folder, or (for a reader) a
// file that does not exist.
func (d *dbFlags) check(write bool) error {
	st, err := os.Stat(d.path)
	switch {
	case err == nil && st.IsDir():
		return fmt.Errorf("--db %s is a folder: give the archive's file (index makes one at a new path)", d.path)
	case errors.Is(err, os.ErrNotExist) && !write:
		return fmt.Errorf("--db %s: no such file (make an archive with 'wirecopy index --db %s PATH...')", d.path, d.path)
	}
	return nil
}

// openReading opens the archive --db names for reading, for a command
// that runs the pipeline on it: the options are those of the pipeline
// flags set, and the archive's for the rest (archiveOptions).
func (d *dbFlags) openReading(e *env, fs *pflag.FlagSet, flags cluster.Options) (*archive.Archive, cluster.Options, error) {
	a, err := d.open(e, false, cluster.Options{})
	if err != nil {
		return nil, flags, err
	}
	opts := archiveOptions(fs, flags, a)
	if err := opts.Validate(); err != nil {
		a.Close()
		return nil, opts, asUsage(err)
	}
	return a, opts, nil
}

// archiveOptions fills the pipeline flags the user did not set from the
// archive, so that a command run without them uses the archive's
// shingle size, permutations, minimum words and threshold.
func archiveOptions(fs *pflag.FlagSet, opts cluster.Options, a *archive.Archive) cluster.Options {
	stored := a.Options()
	if !fs.Changed("shingle-size") {
		opts.Shingle.Size = stored.Shingle.Size
	}
	if !fs.Changed("permutations") {
		opts.Permutations = stored.Permutations
	}
	if !fs.Changed("min-words") {
		opts.MinWords = stored.MinWords
	}
	if !fs.Changed("threshold") {
		opts.Threshold = stored.Threshold
	}
	return opts
}

// sliceFlags select archived documents by source and date.
type sliceFlags struct {
	sources              []string
	since, until, before string
}

func (s *sliceFlags) register(fs *pflag.FlagSet, forget bool) {
	fs.StringArrayVar(&s.sources, "source", nil, "only documents of `SOURCE` (repeat for several)")
	fs.StringVar(&s.since, "since", "", "only documents dated on or after `DATE` (2006-01-02 or RFC 3339)")
	if forget {
		fs.StringVar(&s.before, "before", "", "only documents dated before `DATE`")
	} else {
		fs.StringVar(&s.until, "until", "", "only documents dated on or before `DATE` (a whole day when DATE has no time)")
	}
}

// filter turns the flags into an archive.Filter. A date bound leaves
// undated documents out.
func (s *sliceFlags) filter() (archive.Filter, error) {
	f := archive.Filter{Sources: s.sources}
	var err error
	if s.since != "" {
		if f.Since, _, err = parseDay(s.since); err != nil {
			return f, fmt.Errorf("--since: %w", err)
		}
	}
	if s.before != "" {
		if f.Before, _, err = parseDay(s.before); err != nil {
			return f, fmt.Errorf("--before: %w", err)
		}
	}
	if s.until != "" {
		t, day, err := parseDay(s.until)
		if err != nil {
			return f, fmt.Errorf("--until: %w", err)
		}
		if day {
			t = t.AddDate(0, 0, 1)
		} else {
			t = t.Add(time.Second) // dates are compared by the second
		}
		f.Before = t
	}
	return f, nil
}

// parseDay reads a date flag; day is true when it has no time of day.
func parseDay(s string) (t time.Time, day bool, err error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, true, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, false, nil
	}
	return time.Time{}, false, fmt.Errorf("%q is not a date (2006-01-02 or 2006-01-02T15:04:05Z07:00)", s)
}

// mustExist refuses an archive path that does not exist, for commands
// that write but should not create one.
func (d *dbFlags) mustExist() error {
	if d.path == "" {
		return errUsage("--db FILE is required")
	}
	if postgres.IsURL(d.path) {
		return nil // the server says whether the archive exists
	}
	return d.check(false)
}
