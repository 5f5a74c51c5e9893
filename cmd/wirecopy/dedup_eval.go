package main

import (
	"context"
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

// score scores dedup's clusters as eval scores scan's (score.Pairs): pairs of
// documents from different sources that share a cluster.
func (o *evalDedup) score(e *env, p *pipeline, gold map[string]string, paths []string) int {
	opts := dedup.Options{Cluster: p.cluster, ListAll: true} // Score needs every document
	var err error
	if opts.Unit, err = dedup.ParseUnit(o.unit); err != nil {
		e.warnf("eval: %v", err)
		return exitUsage
	}
	p.input.Formats = []corpus.Format{corpus.FormatJSONL}
	res, skipped, err := firstPass(context.Background(), e, p, opts, paths, e.stdin, true, nil)
	if err != nil {
		e.warnf("eval: %v", err)
		return exitSkipped
	}
	in, _, _, _ := res.Counts()
	status := writeScores(e, res.Score(gold), in, fmt.Sprintf("%d (dedup, %s unit)", res.Clusters, opts.Unit), skipped)
	fmt.Fprintf(e.stdout, "labels      %v\n", res.Kept(gold))
	return status
}
