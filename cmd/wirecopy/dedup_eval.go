package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/dedup"
)

// evalDedup holds eval's flags that score dedup's clusters instead of
// scan's.
type evalDedup struct {
	dedup bool
	unit  string
}

func (o *evalDedup) register(fs *pflag.FlagSet) {
	fs.BoolVar(&o.dedup, "dedup", false, "score the clusters wirecopy dedup finds (JSONL input) instead of scan's")
	fs.StringVar(&o.unit, "unit", "document", "with --dedup: the `UNIT` deduplicated, document or paragraph")
}

// score scores dedup's clusters as cluster.Score scores scan's: pairs of
// documents from different sources that share a cluster.
func (o *evalDedup) score(e *env, p *pipeline, gold map[string]string, paths []string) int {
	opts := dedup.Options{Cluster: p.cluster}
	var err error
	if opts.Unit, err = dedup.ParseUnit(o.unit); err != nil {
		e.warnf("eval: %v", err)
		return exitUsage
	}
	p.input.Format = corpus.FormatJSONL
	res, skipped, err := firstPass(e, p, opts, paths, e.stdin, true, nil)
	if err != nil {
		e.warnf("eval: %v", err)
		return exitSkipped
	}
	s := res.Score(gold)
	in, _, _, _ := res.Counts()
	fmt.Fprintf(e.stdout, "documents   %d (%d without a gold label, left out)\n", in, s.Unlabelled)
	fmt.Fprintf(e.stdout, "clusters    %d (dedup, %s unit)\n", res.Clusters, opts.Unit)
	fmt.Fprintf(e.stdout, "pairs       %d true positive, %d false positive, %d false negative\n",
		s.TruePositives, s.FalsePositives, s.FalseNegatives)
	fmt.Fprintf(e.stdout, "precision   %.4f\nrecall      %.4f\nF1          %.4f\n", s.Precision, s.Recall, s.F1)
	if skipped > 0 {
		return exitSkipped
	}
	return exitOK
}
