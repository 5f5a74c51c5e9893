package main

import (
	"cmp"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/report"
)

func reportCommand() command {
	return command{
		name:    "report",
		summary: "the scan report over an archive or a slice of it",
		run:     runReport,
		usage: func(w io.Writer) {
			fs, _ := reportFlags()
			fmt.Fprint(w, `Usage: wirecopy report --db FILE [flags]

Writes the report 'wirecopy scan' writes, over the documents of an archive
or the slice that --since, --until and --source select: the same clusters
scan finds when given the same documents. Undated documents are left out
of a date slice.

Flags:
`)
			fmt.Fprint(w, fs.FlagUsages())
			fmt.Fprint(w, `
Examples:
  wirecopy report --db news.wca --since 2024-03-01 --until 2024-03-31
  wirecopy report --db news.wca --source reuters --source dailyherald --format json

Exit status: 0 on success; 1 when the archive cannot be read or the report
not written; 2 on bad usage.
`)
		},
	}
}

type reportOptions struct {
	pipeline
	db    dbFlags
	slice sliceFlags
	outputFlags
	report report.Options
}

func reportFlags() (*pflag.FlagSet, *reportOptions) {
	o := &reportOptions{}
	fs := pflag.NewFlagSet("report", pflag.ContinueOnError)
	fs.SortFlags = false
	o.db.register(fs, false)
	o.slice.register(fs, false)
	o.outputFlags.register(fs)
	fs.BoolVar(&o.report.ShowBoilerplate, "show-boilerplate", false, "also list the paragraphs judged to be site boilerplate")
	o.pipeline.registerCluster(fs)
	return fs, o
}

func runReport(e *env, args []string) error {
	fs, o := reportFlags()
	if done, err := parseFlags(e, fs, args, reportCommand().usage); done || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return errUsage("unexpected argument %q (see 'wirecopy help report')", fs.Arg(0))
	}
	f, err := o.slice.filter()
	if err != nil {
		return asUsage(err)
	}
	o.report.Format = o.format
	a, err := o.db.open(e, false, cluster.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	opts := archiveOptions(fs, o.cluster, a)
	if err := opts.Validate(); err != nil {
		return asUsage(err)
	}
	b, err := cluster.NewBuilder(opts)
	if err != nil {
		return err
	}
	err = a.Documents(f, func(d corpus.Document) error {
		b.Add(d)
		return nil
	})
	res, rerr := b.Result()
	if err != nil || rerr != nil {
		return cmp.Or(err, rerr)
	}
	return writeReport(e, o.output, func(w io.Writer) error {
		o.report.Width = terminalWidth(w)
		return report.Write(w, res, o.report)
	})
}

// writeReport runs write on standard output, or on the file output
// through a temporary file beside it, renamed when complete (as dedup
// writes): a failed report leaves the file it would replace as it was.
func writeReport(e *env, output string, write func(io.Writer) error) error {
	if output == "" || output == "-" {
		if err := write(e.stdout); err != nil {
			return fmt.Errorf("writing report: %w", err)
		}
		return nil
	}
	w, commit, err := create(newTemps("report"), output, nil, false)
	if err != nil {
		return err
	}
	defer commit(false)
	if err := write(w); err != nil {
		return fmt.Errorf("writing report to %s: %w", output, err)
	}
	return commit(true)
}
