// Package report turns the result of a scan (a *cluster.Result) into
// tables for people and files for programs. It is the last stage of the
// pipeline and only reads the Result.
//
// # Sections
//
// The table and markdown formats print a one-line summary (documents,
// sources, paragraphs, clusters, hidden boilerplate) and then up to five
// sections:
//
//  1. Articles: one row per pair of documents that share copy (Articles,
//     articles.go), most reused first: the copy, how many of the
//     original's paragraphs it carries ("reprints 4 of 7"), the share of
//     the copy's words they make, the original, why it is taken as the
//     original (WHY: "credited", "earlier", "same day", "no dates") and
//     the clusters they share; a sentence below reads the first row.
//  2. Reused copy: one row per cluster, in Result order (most widely
//     reused first): the sources that carry it, the number of documents,
//     the origin (date and source of the likely first publication, when
//     the cluster has one, marked "(credited)" when the members credit
//     its source, or "(reuters copy)" when they credit an agency that has
//     no member; see cluster.Cluster.Credit), the languages, the range of similarity to the representative,
//     the range of the members' coverage (the share of each member's
//     words in passages it shares: with the representative, or for the
//     representative with any member) and a snippet of the
//     representative's text.
//  3. Sources: per source, its documents, indexed paragraphs, paragraphs
//     shared with another source, the share of its words that are reused
//     (REUSE), the share that is copy first published by another source
//     (COPY), the number of its paragraphs that others carry after it
//     (FIRST), and the sources it shares most with (see SourceStat).
//  4. Shared paragraphs, source x source: the Matrix, limited to the 12
//     sources with most shared paragraphs. A zero prints as "-".
//  5. Boilerplate, only with Options.ShowBoilerplate: boilerplate clusters,
//     laid out like section 1.
//
// A result with no clusters prints "No reused copy found." and the
// sources. Boilerplate clusters never count as reuse in sections 3 and 4.
//
// # Formats
//
// FormatTable prints plain text: each section has a title and a table
// whose columns are separated by two spaces, without borders or colour.
// Tables fit Options.Width: only snippets and source lists are cut (with
// "…"; lists lose whole items first), the widest first, and then origins,
// never below ten columns, so a very narrow width gives longer lines. If the matrix is too wide, its columns
// are numbered instead of named. Prose wraps at Width, at most 80.
// FormatMarkdown prints the same sections as GitHub-flavoured Markdown
// tables under "##" headings, ignores Width and backslash-escapes Markdown
// punctuation in cells.
//
// Text from documents (snippets, sources, languages) is made safe for a
// terminal before it goes into a table cell: runs of white space become
// one space, invalid UTF-8 becomes U+FFFD, and control characters (C0,
// DEL, C1) and bidirectional overrides and isolates (U+202A–U+202E,
// U+2066–U+2069) are shown as Go-style escapes: ESC prints as `\x1b`,
// U+202E as `\u202e`.
//
// FormatJSON writes one object with "clusters", "articles" (the pairs of
// the Articles section), "sources" and "stats"; FormatJSONL writes one
// cluster object per line, the same objects as in "clusters", and no
// articles (a line is always a cluster). A cluster's "origin" carries
// "evidence", why it is the origin ("credited: reuters (3 of 4
// documents)", "earliest: 2024-04-03"), and "credited"; the cluster
// carries "credit", the agency its members' documents credit, and each
// member "credits", the agencies its document credits. The keys are a public contract: they may be extended but are
// never renamed. Floats are rounded to 4 decimals; arrays are never null;
// HTML characters are not escaped.
//
// Each member carries its explanation (cluster.Member): "matched_to", the
// representative ("doc" and "paragraph") its passages were aligned with,
// itself for the representative; "spans", the shared passages as byte
// offsets {"begin", "end"} into the member's "text" (for the
// representative, what any other member shares with it); "coverage", the
// share of the member's words inside the spans; "origin_coverage", the
// share of the representative's words the member carries; and
// "doc_begin", "doc_end", the byte offsets of "text" in its document's
// text, so that document text[doc_begin+begin : doc_begin+end] is a span.
//
// Translations: "lang" is the language the paragraph was read in
// (cluster.Paragraph.Lang: detected, or its document's); a member in
// another language than the representative has "translated": true, and
// so has its cluster. Its "similarity" and explanation are those of the
// pivot vocabulary: "spans" cover the translated words, names and
// numbers it shares with the representative, "coverage" is the share of
// its content words among them. The table's LANGS column then ends in
// "translated".
//
// FormatCSV writes one row per cluster member, header first:
//
//	cluster,boilerplate,doc,paragraph,source,lang,date,similarity,origin,text,coverage,origin_coverage,doc_begin,doc_end,spans,translated,credits
//
// with spans written "begin-end;begin-end" and credits "reuters;ap".
//
// JSON, JSONL and CSV carry member text unchanged (JSON replaces invalid
// UTF-8 with U+FFFD), so they are files for programs, not for printing on
// a terminal. CSV follows RFC 4180 via encoding/csv, so a reader sees
// "\r\n" inside a text field as "\n"; a text starting with "=" is written
// as is, so do not open untrusted CSV in a spreadsheet that evaluates
// formulas.
//
// FormatHTML writes one self-contained page (html.go): the clusters, each
// expandable to its members side by side with the shared passages
// marked, filters by source, language and date, the sources with reuse
// bars and the source x source matrix as a heatmap. It loads nothing
// from the network, and its Content-Security-Policy lets nothing but its
// own inline script and stylesheet run; document text is escaped by
// html/template and its control characters are shown as escapes. The
// page is for reading, so like the tables it caps long lists, each with
// a note of what it leaves out: a cluster shows its first 20 members and
// names 10 sources in its summary, and the article table lists the 200
// most reused pairs. Counts, filters and date ranges still cover every
// member; JSON, JSONL and CSV list everything.
//
// JSON, JSONL, CSV and HTML stream: clusters (and JSON's article pairs
// and sources) are converted and written one at a time, so what Write
// holds beyond the Result is one element, the sorted article pairs and
// the per-source figures, never a second copy of the text. Tables lay out
// a row per cluster before printing (column widths need every row), but
// a row holds a snippet and a capped source list, not the members' text.
package report

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/wirecopy/wirecopy/cluster"
)

// Format names an output format. The zero value means FormatTable.
// *Format implements the flag.Value and pflag.Value interfaces, so a
// command-line flag can parse straight into Options.Format.
type Format string

// The output formats.
const (
	FormatTable    Format = "table"
	FormatMarkdown Format = "markdown"
	FormatCSV      Format = "csv"
	FormatJSON     Format = "json"
	FormatJSONL    Format = "jsonl"
	FormatHTML     Format = "html"
)

// formatAliases maps accepted spellings to formats: the names themselves
// plus the common file extensions "md" and "ndjson".
var formatAliases = map[string]Format{
	"":         FormatTable,
	"table":    FormatTable,
	"markdown": FormatMarkdown,
	"md":       FormatMarkdown,
	"csv":      FormatCSV,
	"json":     FormatJSON,
	"jsonl":    FormatJSONL,
	"ndjson":   FormatJSONL,
	"html":     FormatHTML,
	"htm":      FormatHTML,
}

// ParseFormat returns the format named by s, ignoring case and surrounding
// space. The empty string means FormatTable; "md", "ndjson" and "htm" are
// accepted for markdown, jsonl and html.
func ParseFormat(s string) (Format, error) {
	f, ok := formatAliases[strings.ToLower(strings.TrimSpace(s))]
	if !ok {
		return "", fmt.Errorf("report: unknown format %q (want table, markdown, csv, json, jsonl or html)", s)
	}
	return f, nil
}

// String returns the format's name; the zero Format is "table".
func (f Format) String() string {
	if f == "" {
		return string(FormatTable)
	}
	return string(f)
}

// Set parses s with ParseFormat, for flag.Value and pflag.Value.
func (f *Format) Set(s string) error {
	v, err := ParseFormat(s)
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// Type returns "format", for pflag.Value.
func (f *Format) Type() string { return "format" }

// DefaultSnippet is the snippet length, in runes, used when
// Options.Snippet is 0: the first ten or so words of a paragraph, enough
// to recognise the copy, and with the other columns about 120 terminal
// columns in all. Options.Width shrinks it further.
const DefaultSnippet = 60

// Options controls Write. The zero value prints tables with no width limit,
// default snippets and boilerplate hidden.
type Options struct {
	Format Format // output format; "" means FormatTable

	// Width is the terminal width for FormatTable; 0 (or less) means no
	// limit. Snippets and source lists shrink so lines fit.
	Width int

	// ShowBoilerplate also lists boilerplate clusters: a separate section
	// in tables, "boilerplate": true clusters in JSON, rows in CSV.
	ShowBoilerplate bool

	// Snippet is the maximum snippet length in runes in tables; 0 (or
	// less) means DefaultSnippet. Width may shrink snippets further.
	Snippet int

	// Workers is the goroutines that encode JSON and JSONL reports' items
	// (written in order all the same); 0 (or less) means one per core.
	Workers int
}

// Write writes a report of res to w in opts.Format. A nil res is an empty
// result. Write returns an error for an unknown format, for a Result whose
// indexes point outside its slices, and for errors writing to w.
func Write(w io.Writer, res *cluster.Result, opts Options) error {
	if res == nil {
		res = &cluster.Result{}
	}
	format, err := ParseFormat(string(opts.Format))
	if err != nil {
		return err
	}
	if err := validate(res); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	switch format {
	case FormatTable, FormatMarkdown:
		err = writeTables(bw, res, opts, format == FormatMarkdown)
	case FormatJSON:
		err = writeJSON(bw, res, opts)
	case FormatJSONL:
		err = writeJSONL(bw, res, opts)
	case FormatCSV:
		err = writeCSV(bw, res, opts)
	case FormatHTML:
		err = writeHTML(bw, res, opts)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return fmt.Errorf("report: writing %s: %w", format, err)
	}
	return nil
}

// validate checks that every index in res points inside its slice, so the
// writers can index without checks.
func validate(res *cluster.Result) error {
	for i, p := range res.Paragraphs {
		if p.Doc < 0 || p.Doc >= len(res.Docs) {
			return fmt.Errorf("report: paragraph %d: document %d out of range (%d documents)", i, p.Doc, len(res.Docs))
		}
	}
	for _, list := range [][]cluster.Cluster{res.Clusters, res.Boilerplate} {
		for _, c := range list {
			for _, m := range c.Members {
				if m.Paragraph < 0 || m.Paragraph >= len(res.Paragraphs) {
					return fmt.Errorf("report: cluster %d: paragraph %d out of range (%d paragraphs)", c.ID, m.Paragraph, len(res.Paragraphs))
				}
				n := len(res.Paragraphs[m.Paragraph].Text)
				for _, s := range m.Spans {
					if s.Begin < 0 || s.Begin > s.End || s.End > n {
						return fmt.Errorf("report: cluster %d: paragraph %d: span %v out of range (%d bytes)", c.ID, m.Paragraph, s, n)
					}
				}
			}
		}
	}
	return nil
}

// eachListed calls fn for the clusters a report lists: the reused copy,
// then the boilerplate when opts asks for it. boilerplate is true for
// the latter, whether or not their Boilerplate field says so.
func eachListed(res *cluster.Result, opts Options, fn func(c *cluster.Cluster, boilerplate bool) error) error {
	for i := range res.Clusters {
		if err := fn(&res.Clusters[i], res.Clusters[i].Boilerplate); err != nil {
			return err
		}
	}
	if !opts.ShowBoilerplate {
		return nil
	}
	for i := range res.Boilerplate {
		if err := fn(&res.Boilerplate[i], true); err != nil {
			return err
		}
	}
	return nil
}

// listed is a cluster a report lists, and whether it is listed as
// boilerplate.
type listed struct {
	c           *cluster.Cluster
	boilerplate bool
}

// listedClusters returns the clusters eachListed goes through, in its
// order.
func listedClusters(res *cluster.Result, opts Options) []listed {
	var ls []listed
	_ = eachListed(res, opts, func(c *cluster.Cluster, boilerplate bool) error {
		ls = append(ls, listed{c, boilerplate})
		return nil
	})
	return ls
}

// view is what every format shows about a cluster beyond its members.
type view struct {
	sources   []string // distinct sources, sorted
	documents int      // distinct documents
	languages []string // distinct non-empty languages of the members (memberLang), sorted
	// translated is true when some member is in another language than
	// the representative (cluster.Member.Translated).
	translated bool
	// Similarity range over the members other than the representative;
	// ok is false for a cluster of one member.
	simMin, simMax float64
	ok             bool
}

func describe(res *cluster.Result, c *cluster.Cluster) view {
	var v view
	docs := make([]int, 0, len(c.Members))
	for i, m := range c.Members {
		p := res.Paragraphs[m.Paragraph]
		d := &res.Docs[p.Doc]
		docs = append(docs, p.Doc)
		v.sources = append(v.sources, d.Source)
		if l := memberLang(res, m.Paragraph); l != "" {
			v.languages = append(v.languages, l)
		}
		v.translated = v.translated || m.Translated
		if i == 0 {
			continue
		}
		s := finite(m.Similarity)
		if !v.ok || s < v.simMin {
			v.simMin = s
		}
		if !v.ok || s > v.simMax {
			v.simMax = s
		}
		v.ok = true
	}
	v.sources = sortedSet(v.sources)
	v.languages = sortedSet(v.languages)
	slices.Sort(docs)
	v.documents = len(slices.Compact(docs))
	return v
}

// memberLang is the language a report shows for paragraph p: the one the
// pipeline read it in (cluster.Paragraph.Lang), else its document's.
func memberLang(res *cluster.Result, p int) string {
	if l := res.Paragraphs[p].Lang; l != "" {
		return l
	}
	return res.Docs[res.Paragraphs[p].Doc].Lang
}

// sortedSet sorts s and removes duplicates, in place; nil becomes empty.
func sortedSet(s []string) []string {
	if s == nil {
		return []string{}
	}
	slices.Sort(s)
	return slices.Compact(s)
}

// finite maps NaN and infinities, which no format can print, to 0.
func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

// round4 rounds to 4 decimals, the precision of every float in JSON and
// CSV: similarities and shares are estimates, more digits are noise.
func round4(x float64) float64 {
	return math.Round(finite(x)*1e4) / 1e4
}

// date formats a publication date; "" when unknown.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
