package main

import (
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/report"
)

func reportCommand() command {
	return flagCommand[reportOptions]{
		name:    "report",
		summary: "the scan report over an archive or a slice of it",
		flags:   (*reportOptions).addFlags,
		want:    noOperands,
		run:     runReport,
		about: `Usage: wirecopy report --db FILE [flags]

Writes the report 'wirecopy scan' writes, over the documents of an archive
or the slice that --since, --until and --source select: the same clusters
scan finds when given the same documents. Undated documents are left out
of a date slice.

Flags:
`,
		more: `
Examples:
  wirecopy report --db news.wca --since 2024-03-01 --until 2024-03-31
  wirecopy report --db news.wca --source reuters --source dailyherald --format json

Exit status: 0 on success; 1 when the archive cannot be read or the report
not written; 2 on bad usage.
`,
	}.command()
}

type reportOptions struct {
	pipeline
	db    dbFlags
	slice sliceFlags
	outputFlags
	report report.Options
}

// addFlags registers report's flags on fs, parsed into o.
func (o *reportOptions) addFlags(fs *pflag.FlagSet) {
	o.db.register(fs, false)
	o.slice.register(fs, false)
	o.outputFlags.register(fs)
	fs.BoolVar(&o.report.ShowBoilerplate, "show-boilerplate", false, "also list the paragraphs judged to be site boilerplate")
	o.pipeline.registerCluster(fs)
}

func runReport(e *env, fs *pflag.FlagSet, o *reportOptions) error {
	f, err := o.slice.filter()
	if err != nil {
		return asUsage(err)
	}
	o.report.Format = o.format
	o.report.Workers = o.cluster.Workers
	a, opts, err := o.db.openReading(e, fs, o.cluster)
	if err != nil {
		return err
	}
	defer a.Close()
	b, err := cluster.NewBuilder(opts)
	if err != nil {
		return err
	}
	docs, sources := 0, map[string]bool{}
	err = a.Documents(f, func(d corpus.Document) error {
		docs++
		sources[d.Source] = true
		b.Add(d)
		return nil
	})
	res, rerr := b.Result()
	if err != nil || rerr != nil {
		return cmp.Or(err, rerr)
	}
	if err := o.slice.explain(e, a, docs, sources); err != nil {
		return err
	}
	return writeReport(e, o.output, func(w io.Writer) error {
		o.report.Width = terminalWidth(w)
		return report.Write(w, res, o.report)
	})
}

// explain says on standard error why the slice selected no document, or
// none of a source given: no such source in the archive (naming those it
// holds), or none in the date range.
func (s *sliceFlags) explain(e *env, a *archive.Archive, docs int, seen map[string]bool) error {
	var missing []string
	for _, src := range s.sources {
		if !seen[src] {
			missing = append(missing, src)
		}
	}
	if docs > 0 && len(missing) == 0 || docs == 0 && len(s.sources) == 0 && s.since == "" && s.until == "" {
		return nil // the slice found documents of every source named, or the archive is empty
	}
	st, err := a.Stats()
	if err != nil {
		return err
	}
	held := map[string]bool{}
	var names []string
	for _, c := range st.Sources {
		held[c.Name] = true
		if len(names) < sourcesShown {
			names = append(names, c.Name)
		}
	}
	list := strings.Join(names, ", ")
	if more := len(st.Sources) - len(names); more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	dates := "none dated"
	if st.First != "" {
		dates = "dated " + st.First[:min(len(st.First), 10)] + " to " + st.Last[:min(len(st.Last), 10)]
	}
	for _, src := range missing {
		if held[src] {
			e.warnf("report: no document of source %s in the dates given (the archive's are %s)", src, dates)
		} else {
			e.warnf("report: no source %s in the archive; sources: %s", src, list)
		}
	}
	if docs == 0 && len(missing) < len(s.sources) || docs == 0 && len(s.sources) == 0 {
		e.warnf("report: no document in the dates given (the archive's are %s)", dates)
	}
	return nil
}

// sourcesShown is how many sources a note names: a line's worth.
const sourcesShown = 8

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
