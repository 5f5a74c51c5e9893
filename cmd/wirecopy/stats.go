package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/report"
)

func statsCommand() command {
	return flagCommand[statsOptions]{
		name:    "stats",
		summary: "tell what an archive holds",
		flags:   (*statsOptions).addFlags,
		want:    noOperands,
		run:     runStats,
		about: `Usage: wirecopy stats --db FILE [flags]

Prints what an archive holds: documents, paragraphs, sources, languages,
the date range and the size on disk. It reads the archive while another
wirecopy may be writing to it.

Flags:
`,
		more: `
Example:
  wirecopy stats --db news.wca

Exit status: 0 on success; 1 when the archive cannot be read; 2 on bad usage.
`,
	}.command()
}

type statsOptions struct {
	db     dbFlags
	json   bool
	verify bool
}

// addFlags registers stats's flags on fs, parsed into o.
func (o *statsOptions) addFlags(fs *pflag.FlagSet) {
	o.db.register(fs, false)
	fs.BoolVar(&o.json, "json", false, "print the figures as one JSON object")
	fs.BoolVar(&o.verify, "verify", false, "also check the archive's integrity (reads every page)")
}

func runStats(e *env, fs *pflag.FlagSet, o *statsOptions) error {
	a, err := o.db.open(e, false, cluster.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	if o.verify {
		if err := a.Verify(); err != nil {
			return err
		}
	}
	s, err := a.Stats()
	if err != nil {
		return err
	}
	if o.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(map[string]any{
			"documents": s.Documents, "paragraphs": s.Paragraphs, "indexed_paragraphs": s.Indexed,
			"sources": jsonCounts[documentCount](s.Sources), "languages": jsonCounts[documentCount](s.Languages),
			"paragraph_languages": jsonCounts[paragraphCount](s.ParagraphLanguages),
			"first":               s.First, "last": s.Last, "undated": s.Undated, "bytes": s.Bytes, "version": s.Version,
		})
	} else {
		_, err = io.WriteString(e.stdout, statsText(a.Path(), s, a.Options()))
	}
	return err
}

// documentCount and paragraphCount are an archive.Count in stats' JSON,
// named by what it counts.
type (
	documentCount struct {
		Name string `json:"name"`
		N    int    `json:"documents"`
	}
	paragraphCount struct {
		Name string `json:"name"`
		N    int    `json:"paragraphs"`
	}
)

// jsonCounts converts counts to T, archive.Count with JSON names.
func jsonCounts[T documentCount | paragraphCount](cs []archive.Count) []T {
	out := make([]T, len(cs))
	for i, c := range cs {
		out[i] = T(c)
	}
	return out
}

func statsText(path string, s archive.Stats, opts cluster.Options) string {
	var b strings.Builder
	fmt.Fprintf(&b, "archive     %s (format %d)\n", report.Clean(path), s.Version)
	fmt.Fprintf(&b, "documents   %d\n", s.Documents)
	fmt.Fprintf(&b, "paragraphs  %d (%d indexed)\n", s.Paragraphs, s.Indexed)
	fmt.Fprintf(&b, "sources     %d%s\n", len(s.Sources), top(s.Sources))
	fmt.Fprintf(&b, "languages   %d%s\n", len(s.Languages), top(s.Languages))
	fmt.Fprintf(&b, "detected    %d%s (languages of the indexed paragraphs)\n", len(s.ParagraphLanguages), top(s.ParagraphLanguages))
	switch {
	case s.First == "":
		fmt.Fprintf(&b, "dates       none\n")
	case s.Undated > 0:
		fmt.Fprintf(&b, "dates       %s to %s (%d undated)\n", s.First, s.Last, s.Undated)
	default:
		fmt.Fprintf(&b, "dates       %s to %s\n", s.First, s.Last)
	}
	size := fmt.Sprintf("%.1f MB", float64(s.Bytes)/1e6)
	if s.Paragraphs > 0 {
		size += fmt.Sprintf(" (%.0f bytes per paragraph)", float64(s.Bytes)/float64(s.Paragraphs))
	}
	fmt.Fprintf(&b, "on disk     %s\n", size)
	fmt.Fprintf(&b, "options     --shingle-size %d --permutations %d --min-words %d --threshold %v\n",
		opts.Shingle.Size, opts.Permutations, opts.MinWords, opts.Threshold)
	return b.String()
}

// top lists the first few names and counts: ": reuters 120, ap 80, …".
func top(cs []archive.Count) string {
	const shown = 5 // a line's worth
	var parts []string
	for i, c := range cs {
		if i == shown {
			parts = append(parts, "…")
			break
		}
		name := c.Name
		if name == "" {
			name = "(none)"
		}
		parts = append(parts, fmt.Sprintf("%s %d", report.Clean(name), c.N))
	}
	if len(parts) == 0 {
		return ""
	}
	return ": " + strings.Join(parts, ", ")
}
