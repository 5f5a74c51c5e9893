package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/dedup"
)

// evalDedup holds eval's flags that score dedup's clusters instead of
// scan's.
type evalDedup struct {
	dedup      bool
	unit       dedup.Unit
	keep       dedup.Keep
	listLabels bool
}

func (o *evalDedup) register(fs *pflag.FlagSet) {
	fs.BoolVar(&o.dedup, "dedup", false, "score the clusters wirecopy dedup finds (JSONL input) instead of scan's")
	choiceFlag(fs, &o.unit, "unit", "", "document", dedup.ParseUnit, "document or paragraph", "with --dedup: the `UNIT` deduplicated, document or paragraph")
	choiceFlag(fs, &o.keep, "keep", "", "central", dedup.ParseKeep, "central, first, longest or earliest", "with --dedup: the keep `POLICY` (see 'wirecopy help dedup'); it decides the labels line")
	fs.BoolVar(&o.listLabels, "list-labels", false, "with --dedup: also list the labels with no document kept and with several")
}

// score scores dedup's clusters as eval scores scan's (score.Pairs): pairs of
// documents from different sources that share a cluster.
func (o *evalDedup) score(e *env, p *pipeline, translate bool, gold map[string]string, paths []string) error {
	opts := dedup.Options{Cluster: p.cluster, Unit: o.unit, Keep: o.keep, Translate: translate, ListAll: true} // Score needs every document
	p.input.Formats = []corpus.Format{corpus.FormatJSONL}
	res, warns, err := firstPass(context.Background(), e, p, opts, paths, e.stdin, true, nil)
	if err != nil {
		return err
	}
	in, _, _, _ := res.Counts()
	writeScores(e, res.Score(gold), in, fmt.Sprintf("%d (dedup, %s unit)", res.Clusters, opts.Unit))
	kept := res.Kept(gold)
	fmt.Fprintf(e.stdout, "labels      %v\n", kept)
	if o.listLabels {
		fmt.Fprintf(e.stdout, "none        %s\n", labelList(kept.NoneLabels))
		fmt.Fprintf(e.stdout, "several     %s\n", labelList(kept.SeveralLabels))
	}
	return silent(warns.err("read"))
}

// labelList joins labels with spaces; "-" when there are none.
func labelList(labels []string) string {
	if len(labels) == 0 {
		return "-"
	}
	return strings.Join(labels, " ")
}
