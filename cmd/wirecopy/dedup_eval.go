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
	unit  dedup.Unit
}

func (o *evalDedup) register(fs *pflag.FlagSet) {
	fs.BoolVar(&o.dedup, "dedup", false, "score the clusters wirecopy dedup finds (JSONL input) instead of scan's")
	choiceFlag(fs, &o.unit, "unit", "", "document", dedup.ParseUnit, "document or paragraph", "with --dedup: the `UNIT` deduplicated, document or paragraph")
}

// score scores dedup's clusters as cluster.Score scores scan's: pairs of
// documents from different sources that share a cluster.
func (o *evalDedup) score(e *env, p *pipeline, gold map[string]string, paths []string) error {
	opts := dedup.Options{Cluster: p.cluster, Unit: o.unit, ListAll: true} // Score needs every document
	p.input.Formats = []corpus.Format{corpus.FormatJSONL}
	res, warns, err := firstPass(context.Background(), e, p, opts, paths, e.stdin, true, nil)
	if err != nil {
		return err
	}
	in, _, _, _ := res.Counts()
	writeScores(e, res.Score(gold), in, fmt.Sprintf("%d (dedup, %s unit)", res.Clusters, opts.Unit))
	k := keptPerLabel(res, gold)
	fmt.Fprintf(e.stdout, "labels      %d: one document kept %d (%.1f%%), several %d, none %d\n",
		k.labels, k.one, 100*float64(k.one)/float64(max(k.labels, 1)), k.several, k.none)
	return silent(warns.err("read"))
}

// kept counts the gold labels by the number of their documents dedup
// keeps whole or in part: a cleaner wants one of each, never none.
type kept struct{ labels, one, several, none int }

func keptPerLabel(res *dedup.Result, gold map[string]string) kept {
	n := map[string]int{}
	for _, d := range res.Docs {
		label, ok := gold[d.ID]
		if !ok {
			continue
		}
		if _, seen := n[label]; !seen {
			n[label] = 0
		}
		if d.Drop == dedup.Kept {
			n[label]++
		}
	}
	k := kept{labels: len(n)}
	for _, c := range n {
		switch {
		case c == 0:
			k.none++
		case c == 1:
			k.one++
		default:
			k.several++
		}
	}
	return k
}
