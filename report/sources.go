package report

import (
	"fmt"
	"io"
	"slices"

	"github.com/wirecopy/wirecopy/cluster"
)

// WriteSources writes {"sources": [...]}: the per-source objects of the
// JSON report (see Write), in the order of Sources, indented as there.
func WriteSources(w io.Writer, res *cluster.Result) error {
	stats := sortSources(slices.Clone(summarize(res).stats))
	j := newJSONWriter(w, "  ", "  ")
	if err := j.write("{\n  \"sources\": ", toJSONSources(stats), "\n}\n"); err != nil {
		return fmt.Errorf("report: writing sources: %w", err)
	}
	return nil
}
