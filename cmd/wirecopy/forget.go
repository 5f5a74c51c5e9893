package main

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/report"
)

func forgetCommand() command {
	return command{
		name:    "forget",
		summary: "remove documents from an archive",
		run:     runForget,
		usage: func(w io.Writer) {
			fs, _ := forgetFlags()
			fmt.Fprint(w, `Usage: wirecopy forget --db FILE [flags] [ID...]

Removes documents from an archive: those with the given ids, or those of
a source and/or a date range. Given both ids and other flags, a document
must match all of them. All are removed in one transaction.

Flags:
`)
			fmt.Fprint(w, fs.FlagUsages())
			fmt.Fprint(w, `
Examples:
  wirecopy forget --db news.wca g000123 g000124
  wirecopy forget --db news.wca --source dailyherald --before 2024-01-01

Exit status: 0 on success (also when nothing matched); 1 when the archive
cannot be written; 2 on bad usage.
`)
		},
	}
}

type forgetOptions struct {
	db    dbFlags
	slice sliceFlags
	quiet bool
}

func forgetFlags() (*pflag.FlagSet, *forgetOptions) {
	o := &forgetOptions{}
	fs := pflag.NewFlagSet("forget", pflag.ContinueOnError)
	fs.SortFlags = false
	o.db.register(fs, true)
	o.slice.register(fs, true)
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "do not list the removed ids")
	return fs, o
}

func runForget(e *env, args []string) error {
	fs, o := forgetFlags()
	if done, err := parseFlags(e, fs, args, forgetCommand().usage); done || err != nil {
		return err
	}
	f, err := o.slice.filter()
	if err != nil {
		return asUsage(err)
	}
	f.IDs = fs.Args()
	if len(f.IDs) == 0 && len(f.Sources) == 0 && f.Since.IsZero() && f.Before.IsZero() {
		return errUsage("give IDs, --source, --since or --before (see 'wirecopy help forget')")
	}
	if err := o.db.mustExist(); err != nil {
		return err
	}
	a, err := o.db.open(e, true, cluster.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	ids, err := a.Forget(f)
	if err != nil {
		return err
	}
	if err := a.Close(); err != nil {
		return err
	}
	if !o.quiet {
		for _, id := range ids {
			fmt.Fprintln(e.stdout, report.Clean(id))
		}
	}
	e.warnf("forget: removed %s", count(len(ids), "document"))
	return nil
}
