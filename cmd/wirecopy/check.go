package main

import (
	"io"

	"github.com/spf13/pflag"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/report"
)

func checkCommand() command {
	return flagCommand[checkOptions]{
		name:    "check",
		summary: "tell which archived copy an article carries",
		flags:   (*checkOptions).addFlags,
		want:    anyOperands,
		run:     runCheck,
		about: `Usage: wirecopy check --db FILE [flags] [ARTICLE...]

Checks articles against an archive made with 'wirecopy index': for each
paragraph, the archived paragraphs it carries (reprinted or lightly
edited), with their source, date and similarity (the share of the shorter
paragraph's shingles found in the other); then a verdict per article:
"7 of 9 paragraphs (78%) are archived copy, first published by reuters on
2022-01-04". ARTICLE is read as scan reads PATH (a file, a folder, JSONL,
CSV; - or nothing for standard input); each document is one article.
Archived documents with the article's own id are not matches. A paragraph
whose matches look like site boilerplate (repeated by one source) is
marked and not counted.

Flags:
`,
		more: `
Examples:
  wirecopy check --db news.wca article.txt
  curl -s https://example.com/story | wirecopy check --db news.wca --input-format html
  wirecopy check --db news.wca --format json today.jsonl > verdicts.json

Exit status: 0 when no article carries archived copy; 3 when some article
does; 1 when some input could not be read, an article had the id of one
read before (it is not checked; such articles are counted and the first
three named, once), or the archive could not be used (even if copy was
found); 2 on bad usage.
`,
	}.command()
}

type checkOptions struct {
	pipeline
	db dbFlags
	outputFlags
	report  report.CheckOptions
	maxHits int
}

// addFlags registers check's flags on fs, parsed into o.
func (o *checkOptions) addFlags(fs *pflag.FlagSet) {
	o.db.register(fs, false)
	o.outputFlags.register(fs)
	intFlag(fs, &o.maxHits, "max-hits", archive.DefaultMaxHits, 1, "list at most `N` archived matches per paragraph")
	o.pipeline.register(fs)
}

func runCheck(e *env, fs *pflag.FlagSet, o *checkOptions) error {
	if err := o.resolve(); err != nil {
		return asUsage(err)
	}
	o.report.Format = o.format
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	a, opts, err := o.db.openReading(e, fs, o.cluster)
	if err != nil {
		return err
	}
	defer a.Close()
	c, err := a.NewChecker(archive.CheckOptions{Cluster: opts, MaxHits: o.maxHits})
	if err != nil {
		return errUsage("%w (leave those flags unset)", err)
	}
	defer c.Close()
	if !opts.Monolingual {
		// An archive indexed with --translate=false has no dictionary
		// keys: say so rather than find no translation in silence.
		if langs, err := a.PivotLanguages(); err == nil && len(langs) == 0 {
			e.warnf("check: note: %s holds no dictionary keys (empty, or indexed with --translate=false): translations are not looked for", o.db.path)
		}
	}

	var results []archive.Checked
	e.noteTerminal("check", paths, "an article", "ARTICLE files")
	warns := newWarnings(e)
	var ids repeatedIDs
	walkErr := corpus.Walk(paths, e.stdin, o.input, func(d corpus.Document) error {
		if ids.add(d) {
			return nil
		}
		r, err := c.Check(d)
		if err != nil {
			return err
		}
		results = append(results, r)
		return nil
	}, warns.warn)
	warns.done()
	ids.report("check", "not checked", warns)
	if walkErr != nil {
		e.warnf("check: %v", walkErr)
		warns.problems++
	}
	if err := writeReport(e, o.output, func(w io.Writer) error {
		o.report.Width = terminalWidth(w)
		return report.WriteCheck(w, results, o.report)
	}); err != nil {
		return err
	}
	if err := warns.err("checked"); err != nil {
		return err
	}
	for _, r := range results {
		if r.Reused > 0 {
			return statusError{status: exitFound}
		}
	}
	return nil
}
