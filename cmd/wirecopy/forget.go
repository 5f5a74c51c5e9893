package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/report"
)

func forgetCommand() command {
	return flagCommand[forgetOptions]{
		name:    "forget",
		summary: "remove documents from an archive",
		flags:   (*forgetOptions).addFlags,
		want:    anyOperands,
		run:     runForget,
		about: `Usage: wirecopy forget --db FILE [flags] [ID...]

Removes documents from an archive: those with the given ids, or those of
a source and/or a date range. Given both ids and other flags, a document
must match all of them. All are removed in one transaction.

Flags:
`,
		more: `
Examples:
  wirecopy forget --db news.wca g000123 g000124
  wirecopy forget --db news.wca --source dailyherald --before 2024-01-01

Exit status: 0 on success (also when nothing matched); 1 when the archive
cannot be written; 2 on bad usage.
`,
	}.command()
}

type forgetOptions struct {
	db    dbFlags
	slice sliceFlags
	quiet bool
}

// addFlags registers forget's flags on fs, parsed into o.
func (o *forgetOptions) addFlags(fs *pflag.FlagSet) {
	o.db.register(fs, true)
	o.slice.register(fs, true)
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "do not list the removed ids")
}

func runForget(e *env, fs *pflag.FlagSet, o *forgetOptions) error {
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
