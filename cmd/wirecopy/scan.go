package main

import (
	"cmp"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/wirecopy/wirecopy/report"
)

func scanCommand() command {
	return flagCommand[scanOptions]{
		name:    "scan",
		summary: "read documents and report which sources reuse the same copy",
		flags:   (*scanOptions).addFlags,
		want:    somePaths,
		run:     runScan,
		about: `Usage: wirecopy scan [flags] PATH...

Reads news documents and reports the paragraphs that several of them carry:
agency copy reprinted word for word or lightly edited. PATH is a file, a
folder (read recursively; hidden files are skipped) or - for standard input.
Formats by extension: .txt .md .html .htm .jsonl .ndjson .csv, each may be
gzipped (.gz); other files in a folder are named in a note, not read
(--input-format reads them all as one format). JSONL and CSV records need id
and text; source, date, lang, url and title are optional. A bad record is
named and skipped, and the records after it are read.

The report lists (1) clusters of reused copy, most widely reused first, with
the likely origin where dates exist and how much of each member is shared
copy; (2) per source, how much of its text is reused and with whom; (3) a
source x source matrix of shared paragraphs. JSON and CSV explain every
member: the passages it shares with the cluster's representative, as byte
offsets into its text, and the share of each side's words they cover.

Flags:
`,
		more: `
Examples:
  wirecopy scan testdata/example
  wirecopy scan --format json news.jsonl.gz > clusters.json
  wirecopy scan --format html -o report.html articles/
  wirecopy scan --source-from host --threshold 0.6 articles/
  wirecopy scan --within 30d --format json archive.jsonl
  wirecopy scan --against press-releases/ todays-articles/
  cat article.txt | wirecopy scan archive/ -

Exit status: 0 on success; 1 when some input could not be read (everything
readable is still reported, each problem named on stderr) or a document
had the id of one read before (it is skipped; such documents are counted
and the first three named, once); 2 on bad usage.
Notes on stderr ("note:": text read as windows-1252, a file given twice)
say how input was read and do not change the status.
`,
	}.command()
}

type scanOptions struct {
	pipeline
	outputFlags
	report  report.Options
	against []string // --against: the other side's paths
	quiet   bool
}

// outputFlags are --format and --output, of every command that writes a
// report (scan, report, check).
type outputFlags struct {
	format report.Format
	output string
}

func (o *outputFlags) register(fs *pflag.FlagSet) {
	choiceFlag(fs, &o.format, "format", "f", "table", report.ParseFormat, "table, markdown, csv, json, jsonl or html", "output `FORMAT`: table, markdown, csv, json, jsonl or html")
	fs.StringVarP(&o.output, "output", "o", "", "write the report to `FILE` instead of standard output")
}

// addFlags registers scan's flags on fs, parsed into o.
func (o *scanOptions) addFlags(fs *pflag.FlagSet) {
	o.outputFlags.register(fs)
	fs.StringArrayVar(&o.against, "against", nil, "compare the documents given with those at `PATH` (a file, a folder or -; repeat for several)\nand report only the copy shared across the two")
	fs.BoolVar(&o.report.ShowBoilerplate, "show-boilerplate", false, "also list the paragraphs judged to be site boilerplate")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "no progress bar on a terminal's standard error")
	o.pipeline.register(fs)
}

func runScan(e *env, fs *pflag.FlagSet, o *scanOptions) (err error) {
	stop, err := o.start()
	if err != nil {
		return err
	}
	defer func() { err = cmp.Or(err, stop()) }()
	o.input.SplitFlatFolder = true
	o.report.Format = o.format
	o.report.Workers = o.cluster.Workers

	o.progress = !o.quiet
	res, warns, err := o.run(e, "scan", append(fs.Args(), o.against...))
	if err != nil {
		return err
	}
	if len(o.against) > 0 {
		res = report.Across(res, func(d int) bool { return under(res.Docs[d].Path, o.against) })
	}

	if err := writeReport(e, o.output, func(w io.Writer) error {
		o.report.Width = terminalWidth(w)
		return report.Write(w, res, o.report)
	}); err != nil {
		return err
	}
	return warns.err("read")
}

// under reports whether a document read from path came from one of the
// paths given: the file itself, or a file in the folder (corpus.Walk
// names files in a folder by joining its path and their names).
func under(path string, paths []string) bool {
	clean := filepath.Clean(path)
	for _, p := range paths {
		if p == "-" {
			if path == "-" {
				return true
			}
			continue
		}
		p = filepath.Clean(p)
		if clean == p || strings.HasPrefix(clean, p+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// terminalWidth is the width tables must fit: the terminal's when w is
// one, else $COLUMNS when set, else 0 (no limit).
func terminalWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if width, _, err := term.GetSize(int(f.Fd())); err == nil {
			return width
		}
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return 0
}
