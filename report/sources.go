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
	if err := writeSourcesJSON(w, res); err != nil {
		return fmt.Errorf("report: writing sources: %w", err)
	}
	return nil
}

func writeSourcesJSON(w io.Writer, res *cluster.Result) error {
	if _, err := io.WriteString(w, "{\n  \"sources\": "); err != nil {
		return err
	}
	sources := jsonArray{j: newJSONWriter(w, "    ", "  ")}
	for _, s := range sortSources(slices.Clone(summarize(res).stats)) {
		if err := sources.add(toJSONSource(s)); err != nil {
			return err
		}
	}
	if err := sources.close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n}\n")
	return err
}
