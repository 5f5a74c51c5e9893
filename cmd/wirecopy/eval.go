package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/wirecopy/wirecopy/score"
)

func evalCommand() command {
	return flagCommand[evalOptions]{
		name:    "eval",
		summary: "score the clusters against gold labels (precision, recall, F1)",
		flags:   (*evalOptions).addFlags,
		want:    anyOperands,
		run:     runEval,
		about: `Usage: wirecopy eval --gold LABELS [flags] PATH...

Runs the scan pipeline with the same flags and scores its clusters against
gold labels: pairwise precision, recall and F1 over pairs of documents from
different sources. A pair is predicted when some cluster of reused copy
holds a paragraph of each document; it is a gold pair when both documents
carry the same label. LABELS is a TSV file of document-id<TAB>cluster-label
lines; documents it does not name are left out.

Flags:
`,
		more: `
With --dedup, the clusters scored are those wirecopy dedup finds (with
--unit and --keep, from JSONL input; translations joined only when
--translate is given, as dedup does), by the same pairwise measure.

Example:
  wirecopy eval --gold testdata/reprints/dev.gold.tsv testdata/reprints/dev.jsonl
  wirecopy eval --dedup --gold testdata/reprints/dev.gold.tsv testdata/reprints/dev.jsonl
`,
	}.command()
}

type evalOptions struct {
	pipeline
	gold string
	evalDedup
}

// addFlags registers eval's flags on fs, parsed into o.
func (o *evalOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.gold, "gold", "", "gold labels: TSV `FILE` of document-id<TAB>cluster-label (required)")
	o.evalDedup.register(fs)
	o.pipeline.register(fs)
}

func runEval(e *env, fs *pflag.FlagSet, o *evalOptions) error {
	if o.gold == "" || fs.NArg() == 0 {
		return errUsage("--gold and at least one PATH are required (see 'wirecopy help eval')")
	}
	if err := o.resolve(); err != nil {
		return asUsage(err)
	}
	o.input.SplitFlatFolder = true // as scan reads
	gold, err := readGold(o.gold)
	if err != nil {
		return asUsage(err)
	}
	if o.dedup {
		// Scored as dedup runs: translations kept unless --translate
		// is given (eval's own default, for scan, is on).
		translate := fs.Changed("translate") && !o.cluster.Monolingual
		return o.evalDedup.score(e, &o.pipeline, translate, gold, fs.Args())
	}
	o.listAll = true
	res, warns, err := o.run(e, "eval", fs.Args())
	if err != nil {
		return err
	}
	docs := make([]score.Doc, len(res.Docs))
	for i, d := range res.Docs {
		docs[i] = score.Doc{ID: d.ID, Source: d.Source}
	}
	s := score.Pairs(docs, res.DocClusters(), gold)
	writeScores(e, s, res.Documents(), fmt.Sprintf("%d (%d boilerplate)", len(res.Clusters), len(res.Boilerplate)))
	return silent(warns.err("read"))
}

// silent keeps err's exit status and drops its message: eval's scores
// are printed whether or not some input was skipped, each skip named
// above them.
func silent(err error) error {
	if err == nil {
		return nil
	}
	return statusError{status: exitSkipped}
}

// writeScores prints eval's report.
func writeScores(e *env, s score.Scores, docs int, clusters string) {
	fmt.Fprintf(e.stdout, "documents   %d (%d without a gold label, left out)\n", docs, s.Unlabelled)
	fmt.Fprintf(e.stdout, "clusters    %s\n", clusters)
	fmt.Fprintf(e.stdout, "pairs       %d true positive, %d false positive, %d false negative\n",
		s.TruePositives, s.FalsePositives, s.FalseNegatives)
	fmt.Fprintf(e.stdout, "precision   %.4f\nrecall      %.4f\nF1          %.4f\n", s.Precision, s.Recall, s.F1)
}

// readGold reads document-id<TAB>cluster-label lines. Blank lines and
// lines starting with # are skipped.
func readGold(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gold := map[string]string{}
	r := bufio.NewReader(f)
	for line := 1; ; line++ {
		text, err := r.ReadString('\n')
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("%s line %d: %w", path, line, err)
		}
		t := strings.TrimRight(text, "\r\n")
		if t != "" && !strings.HasPrefix(t, "#") {
			id, label, ok := strings.Cut(t, "\t")
			if !ok || id == "" || label == "" {
				return nil, fmt.Errorf("%s line %d: want document-id<TAB>cluster-label, got %q", path, line, t)
			}
			if prev, dup := gold[id]; dup && prev != label {
				return nil, fmt.Errorf("%s line %d: document %q labelled both %q and %q", path, line, id, prev, label)
			}
			gold[id] = label
		}
		if err == io.EOF {
			break
		}
	}
	if len(gold) == 0 {
		return nil, fmt.Errorf("%s: no labels", path)
	}
	return gold, nil
}
