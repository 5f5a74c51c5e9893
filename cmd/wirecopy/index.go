package main

import (
	"cmp"
	"errors"
	"fmt"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/pflag"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/report"
)

func indexCommand() command {
	return flagCommand[indexOptions]{
		name:    "index",
		summary: "add documents to an archive on disk",
		flags:   (*indexOptions).addFlags,
		want:    somePaths,
		run:     runIndex,
		about: `Usage: wirecopy index --db FILE [flags] PATH...

Adds documents to an archive (created when FILE does not exist), for
'wirecopy check' and 'wirecopy report'. Documents are read as scan reads
them; a document whose id is already archived replaces it. Documents are
committed in batches: a wirecopy killed while indexing leaves the archive
as of its last commit, never damaged. Only one wirecopy writes to an
archive at a time; any number may read it meanwhile.

A new archive keeps the --shingle-size, --permutations, --min-words and
--threshold it was made with; later runs must use the same (leave them
unset).

Flags:
`,
		more: `
Examples:
  wirecopy index --db news.wca feeds/2024-03-26.jsonl
  wirecopy index --db news.wca --lock-timeout 5m --source-from dir articles/

Exit status: 0 on success; 1 when some input could not be read (the rest
is archived), a document had the id of one read before in the run (the
later replaces the earlier; such documents are counted and the first
three named, once) or the archive could not be written; 2 on bad usage.
`,
	}.command()
}

type indexOptions struct {
	pipeline
	db      dbFlags
	batch   int
	verbose bool
	quiet   bool
}

// addFlags registers index's flags on fs, parsed into o.
func (o *indexOptions) addFlags(fs *pflag.FlagSet) {
	o.db.register(fs, true)
	intFlag(fs, &o.batch, "batch", archive.DefaultBatchParagraphs, 1, "commit every `N` paragraphs")
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "report each committed batch on standard error")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "no progress bar on a terminal's standard error")
	o.pipeline.register(fs)
}

func runIndex(e *env, fs *pflag.FlagSet, o *indexOptions) (err error) {
	stop, err := o.start()
	if err != nil {
		return err
	}
	defer func() { err = cmp.Or(err, stop()) }()
	a, err := o.db.open(e, true, o.cluster)
	if err != nil {
		return err
	}
	defer a.Close()
	opts := archiveOptions(fs, o.cluster, a)
	if err := a.Compatible(opts); err != nil {
		return errUsage("%w (leave those flags unset)", err)
	}
	var docs, paras int
	ix, err := a.NewIndexer(opts, o.batch, func(b archive.Batch) {
		docs += b.Documents
		paras += b.Paragraphs
		if o.verbose {
			e.warnf("index: committed %d documents, %d paragraphs (through %q)", docs, paras, b.LastID)
		}
	})
	if err != nil {
		return err
	}
	e.noteTerminal("index", fs.Args(), "documents", "PATH")
	warns := newWarnings(e)
	ids := runIDs{paragraphs: map[string]int{}}
	var bar *progressbar.ProgressBar
	if !o.quiet && !o.verbose {
		bar = readingBar(e, fs.Args())
	}
	add := func(d corpus.Document) error {
		ids.add(d)
		if bar != nil {
			bar.Add(len(d.Text))
		}
		return ix.Add(d)
	}
	walkErr := corpus.Walk(fs.Args(), e.stdin, o.input, add, warns.warn)
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(e.stderr)
	}
	warns.done()
	err = ix.Close()
	if walkErr != nil && (err == nil || !errors.Is(walkErr, err)) {
		err = errors.Join(walkErr, err) // else Walk stopped at the Indexer's error
	}
	if err != nil {
		e.warnf("index: %v", err)
		return fmt.Errorf("%d documents (%d paragraphs) were committed before the error", docs, paras)
	}
	if err := a.Close(); err != nil {
		return err
	}
	if ids.replaced > 0 {
		// The archive keeps the later of two documents with one id.
		docs -= ids.replaced
		paras -= ids.replacedParagraphs
		e.warnf("index: %s had the id of a document read before in this run, and replaced it: %s", count(ids.replaced, "document"), ids.list())
		warns.repeated += ids.replaced
	}
	fmt.Fprintf(e.stdout, "indexed %s (%s) into %s\n", count(docs, "document"), count(paras, "paragraph"), report.Clean(a.Path()))
	return warns.err("archived")
}

// runIDs finds the documents of one index run whose id an earlier
// document of the run had: the archive keeps the later one, so the
// earlier one is not counted as indexed.
type runIDs struct {
	paragraphs         map[string]int // id -> paragraphs of the document last read with it
	replaced           int
	replacedParagraphs int
	examples           []string // the first few, named
}

func (r *runIDs) add(d corpus.Document) {
	n := len(corpus.Paragraphs(d.Text))
	if before, dup := r.paragraphs[d.ID]; dup {
		r.replaced++
		r.replacedParagraphs += before
		if len(r.examples) < duplicatesShown {
			r.examples = append(r.examples, fmt.Sprintf("%q (%s)", d.ID, where(d.Path, d.Line)))
		}
	}
	r.paragraphs[d.ID] = n
}

// list names the examples, and how many more there were.
func (r *runIDs) list() string { return namedList(r.examples, r.replaced) }

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
