package report

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/wirecopy/wirecopy/cluster"
)

// Layout constants for the table and markdown formats.
const (
	// maxMatrix is the most sources the matrix shows: beside the row
	// labels, twelve columns of counts (numbered if need be) still fit an
	// 80-column terminal, and a bigger matrix is too sparse to read.
	maxMatrix = 12

	// maxArticles is the most article pairs the table and Markdown list,
	// most reused first: a story carried by a hundred outlets makes
	// thousands of pairs. JSON and the page list them all.
	maxArticles = 50

	// maxPartners is the number of partners listed per source: enough
	// to see where a source's copy comes from without the cell turning
	// into a list of everyone.
	maxPartners = 3

	// minShrink is the narrowest a snippet or source list gets when the
	// table must fit Options.Width: below ten columns a cut snippet or
	// list tells nothing. Lines grow past Width rather than go lower.
	minShrink = 10

	// gap is the space between the columns of a text table. Text tables
	// have no borders, like the tables of ls -l or kubectl: with seven
	// columns, borders and padding would take 22 of 80 columns.
	gap = "  "

	// maxProse is the width at which a text report wraps its prose
	// when Options.Width is wider or 0: 80 columns read comfortably.
	maxProse = 80
)

// writeTables writes the table or, when md is true, the markdown report.
func writeTables(w io.Writer, res *cluster.Result, opts Options, md bool) error {
	sum := summarize(res)
	width := opts.Width
	if md || width < 0 {
		width = 0 // Markdown is read rendered, at any width
	}
	p := printer{w: w, md: md, width: width}

	p.text(summaryLine(res, sum, opts))
	if len(res.Clusters) == 0 {
		p.line("")
		p.text("No reused copy found.")
	} else {
		if arts := Articles(res); len(arts) > 0 {
			p.section("Articles", articleGrid(res, arts[:min(len(arts), maxArticles)]))
			if md {
				p.line("")
			}
			note := articleNote(res, arts[0])
			if len(arts) > maxArticles {
				note += fmt.Sprintf(" The %d most reused of %d pairs are listed (--format json lists them all).", maxArticles, len(arts))
			}
			p.text(note)
		}
		p.section("Reused copy", clusterGrid(res, res.Clusters, opts))
	}
	if len(sum.names) > 0 {
		p.section("Sources", sourceGrid(sum))
	}
	if len(res.Clusters) > 0 {
		g, notes := matrixGrid(sum, width)
		p.section("Shared paragraphs, source x source", g)
		if md {
			p.line("")
		}
		p.text(strings.Join(notes, " "))
	}
	if opts.ShowBoilerplate && len(res.Boilerplate) > 0 {
		p.section("Boilerplate", clusterGrid(res, res.Boilerplate, opts))
	}
	return p.err
}

// summaryLine is the first line of the report.
func summaryLine(res *cluster.Result, sum summary, opts Options) string {
	s := fmt.Sprintf("%s from %s, %s (%d indexed), %s of reused copy",
		count(res.Documents(), "document"), count(len(sum.names), "source"),
		count(res.ParagraphCount(), "paragraph"), sum.indexed,
		count(len(res.Clusters), "cluster"))
	switch n := len(res.Boilerplate); {
	case n > 0 && opts.ShowBoilerplate:
		s += ", " + count(n, "boilerplate cluster")
	case n > 0:
		s += ", " + count(n, "boilerplate cluster") + " hidden (show with --show-boilerplate)"
	}
	return s + "."
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// printer writes the sections of a report, keeping the first error.
type printer struct {
	w     io.Writer
	md    bool
	width int
	err   error
}

func (p *printer) line(s string) {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, s+"\n")
	}
}

// text writes prose. In a text report it is wrapped to the width, and at
// most maxProse columns, the most that reads comfortably.
func (p *printer) text(s string) {
	width := p.width
	if !p.md && (width <= 0 || width > maxProse) {
		width = maxProse
	}
	for _, l := range wrap(s, width) {
		p.line(l)
	}
}

// wrap breaks s into lines of at most width columns at spaces; 0 means
// no limit. A word longer than width gets a line of its own.
func wrap(s string, width int) []string {
	if width <= 0 || textWidth(s) <= width {
		return []string{s}
	}
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case textWidth(line)+1+textWidth(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}

func (p *printer) section(title string, g grid) {
	p.line("")
	if p.md {
		p.line("## " + title)
		p.line("")
	} else {
		p.line(title)
		p.line(strings.Repeat("-", textWidth(title)))
	}
	if p.err == nil {
		p.err = g.render(p.w, p.width, p.md)
	}
}

// column describes a table column.
type column struct {
	header string
	right  bool // right-aligned, for numbers
	shrink bool // cut to fit the width: snippets, source lists
	// shrinkLast: cut to fit the width only once the shrink columns are
	// as narrow as they go (origins, whose source names matter more
	// than a longer snippet).
	shrinkLast bool
}

// grid is a table before layout.
type grid struct {
	cols []column
	rows [][]cell
}

// layout returns the cells as text, with shrinkable columns cut so a
// line of the text table fits width (0 means no limit).
func (g grid) layout(width int) [][]string {
	widths := make([]int, len(g.cols))
	full := make([][]string, len(g.rows))
	for i, c := range g.cols {
		widths[i] = textWidth(c.header)
	}
	for r, row := range g.rows {
		full[r] = make([]string, len(row))
		for i, c := range row {
			full[r][i] = c.String()
			widths[i] = max(widths[i], textWidth(full[r][i]))
		}
	}
	if width <= 0 {
		return full
	}
	total := len(gap) * (len(g.cols) - 1)
	for _, w := range widths {
		total += w
	}
	fitted := slices.Clone(widths)
	for total > width {
		// Take a column from the widest shrinkable column, so long
		// snippets and long lists end up sharing the space; from a
		// shrinkLast column when no other is left.
		best := -1
		for _, last := range []bool{false, true} {
			for i, c := range g.cols {
				if (c.shrink && !last || c.shrinkLast && last) && fitted[i] > max(minShrink, textWidth(c.header)) && (best < 0 || fitted[i] > fitted[best]) {
					best = i
				}
			}
			if best >= 0 {
				break
			}
		}
		if best < 0 {
			break
		}
		fitted[best]--
		total--
	}
	for r, row := range g.rows {
		for i, c := range row {
			if fitted[i] < widths[i] {
				full[r][i] = c.fit(fitted[i])
			}
		}
	}
	return full
}

// render draws the grid as a text table fitted to width, or as a
// Markdown table.
func (g grid) render(w io.Writer, width int, md bool) error {
	rows := g.layout(width)
	headers := make([]any, len(g.cols))
	aligns := make([]tw.Align, len(g.cols))
	for i, c := range g.cols {
		headers[i] = c.header
		aligns[i] = tw.AlignLeft
		if c.right {
			aligns[i] = tw.AlignRight
		}
	}
	opts := []tablewriter.Option{
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignmentConfig(tw.CellAlignment{PerColumn: aligns}),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: aligns}),
	}
	if md {
		opts = append(opts, tablewriter.WithRenderer(renderer.NewMarkdown()))
		for i := range headers {
			headers[i] = markdownEscaper.Replace(g.cols[i].header)
		}
		for _, row := range rows {
			for i := range row {
				row[i] = markdownEscaper.Replace(row[i])
			}
		}
	} else {
		opts = append(opts,
			tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
				Borders: tw.BorderNone,
				Symbols: tw.NewSymbolCustom("plain").WithColumn(gap),
				Settings: tw.Settings{
					Separators: tw.Separators{BetweenColumns: tw.On, BetweenRows: tw.Off},
					Lines:      tw.Lines{ShowHeaderLine: tw.Off},
				},
			})),
			tablewriter.WithPadding(tw.PaddingNone),
		)
	}
	var buf bytes.Buffer
	t := tablewriter.NewTable(&buf, opts...)
	t.Header(headers...)
	for _, row := range rows {
		if err := t.Append(row); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	// The last column is padded to its width; drop the padding.
	for line := range strings.Lines(buf.String()) {
		if _, err := io.WriteString(w, strings.TrimRight(line, " \n")+"\n"); err != nil {
			return err
		}
	}
	return nil
}

// clusterGrid lays out clusters, for the "Reused copy" and "Boilerplate"
// sections.
func clusterGrid(res *cluster.Result, clusters []cluster.Cluster, opts Options) grid {
	snippet := opts.Snippet
	if snippet <= 0 {
		snippet = DefaultSnippet
	}
	g := grid{cols: []column{
		{header: "ID", right: true},
		{header: "SOURCES", shrink: true},
		{header: "DOCS", right: true},
		{header: "ORIGIN", shrinkLast: true},
		{header: "LANGS"},
		{header: "SIMILARITY"},
		{header: "COVERAGE"},
		{header: "SNIPPET", shrink: true},
	}}
	g.rows = make([][]cell, 0, len(clusters))
	for i := range clusters {
		c := &clusters[i]
		v := describe(res, c)
		sources := make([]string, min(len(v.sources), maxListed))
		for j := range sources {
			sources[j] = sourceName(v.sources[j])
		}
		origin, text := "-", ""
		if len(c.Members) > 0 {
			p := res.Paragraphs[c.Members[0].Paragraph]
			d := &res.Docs[p.Doc]
			if c.Origin {
				origin = strings.TrimSpace(date(d.Date) + " " + sourceName(d.Source))
				if c.Credited {
					origin += " (credited)"
				}
			}
			if c.Credit != "" && !c.Credited {
				origin = strings.TrimPrefix(origin+" ("+clean(c.Credit)+" copy)", "- ")
			}
			text = cut(clean(p.Text), snippet, 0)
		}
		langs := "-"
		if len(v.languages) > 0 {
			langs = clean(strings.Join(v.languages, ","))
		}
		if v.translated {
			langs += " translated"
		}
		g.rows = append(g.rows, []cell{
			plain(strconv.Itoa(c.ID)),
			{prefix: strconv.Itoa(len(v.sources)) + ": ", items: sources, more: len(v.sources) > maxListed},
			plain(strconv.Itoa(v.documents)),
			plain(origin),
			plain(langs),
			plain(similarity(v)),
			plain(coverage(c)),
			plain(text),
		})
	}
	return g
}

// maxListed is the most sources a cluster's SOURCES cell names, in a
// table or Markdown: a story carried by a hundred outlets reads "114: a,
// b, c, …" (the count is always there; JSON, CSV and the page list them
// all).
const maxListed = 10

// articleGrid lays out the "Articles" section: one row per pair of
// documents that share copy (Articles).
func articleGrid(res *cluster.Result, arts []Article) grid {
	g := grid{cols: []column{
		{header: "COPY", shrink: true},
		{header: "REUSE"},
		{header: "WORDS", right: true},
		{header: "ORIGINAL", shrink: true},
		{header: "WHY", shrinkLast: true},
		{header: "CLUSTERS", shrink: true},
	}}
	name := func(d int) string { return sourceName(res.Docs[d].Source) + ": " + docName(res.Docs[d].ID) }
	for _, a := range arts {
		ids := make([]string, len(a.Clusters))
		for i, id := range a.Clusters {
			ids[i] = strconv.Itoa(id)
		}
		g.rows = append(g.rows, []cell{
			plain(name(a.Copy)),
			plain(fmt.Sprintf("%s %d of %d", a.verb(), a.Paragraphs, a.OriginalParagraphs)),
			plain(percent(a.Share)),
			plain(name(a.Original)),
			plain(a.why(res)),
			{items: ids},
		})
	}
	return g
}

// articleNote explains the articles table by its first row.
func articleNote(res *cluster.Result, a Article) string {
	return "Most reused first: " + a.sentence(res) + ". WHY: credited (the text credits the original's source), " +
		"earlier (published first); the shared paragraphs are the clusters below."
}

// similarity formats a cluster's similarity range, "0.71-0.98".
func similarity(v view) string {
	if !v.ok {
		return "-"
	}
	lo, hi := strconv.FormatFloat(v.simMin, 'f', 2, 64), strconv.FormatFloat(v.simMax, 'f', 2, 64)
	if lo == hi {
		return lo
	}
	return lo + "-" + hi
}

// coverage formats the range of a cluster's members' coverage in whole
// percent, "55-100%"; "-" for a cluster without members.
func coverage(c *cluster.Cluster) string {
	if len(c.Members) == 0 {
		return "-"
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, m := range c.Members {
		x := finite(m.Coverage)
		lo, hi = min(lo, x), max(hi, x)
	}
	pct := func(x float64) string { return strconv.Itoa(int(math.Round(100 * x))) }
	if pct(lo) == pct(hi) {
		return pct(lo) + "%"
	}
	return pct(lo) + "-" + pct(hi) + "%"
}

// sourceName is a source as a table shows it.
func sourceName(s string) string {
	if s = clean(s); s == "" {
		return "(none)"
	}
	return s
}

// sourceGrid lays out the "Sources" section.
func sourceGrid(sum summary) grid {
	g := grid{cols: []column{
		{header: "SOURCE"},
		{header: "DOCS", right: true},
		{header: "PARAGRAPHS", right: true},
		{header: "SHARED", right: true},
		{header: "REUSE", right: true},
		{header: "COPY", right: true},
		{header: "FIRST", right: true},
		{header: "TOP PARTNERS", shrink: true},
	}}
	for _, s := range sortSources(slices.Clone(sum.stats)) {
		partners := plain("-")
		if len(s.Partners) > 0 {
			partners = cell{more: len(s.Partners) > maxPartners}
			for _, p := range s.Partners[:min(len(s.Partners), maxPartners)] {
				partners.items = append(partners.items, fmt.Sprintf("%s (%d)", sourceName(p.Source), p.Paragraphs))
			}
		}
		g.rows = append(g.rows, []cell{
			plain(sourceName(s.Source)),
			plain(strconv.Itoa(s.Documents)),
			plain(strconv.Itoa(s.Paragraphs)),
			plain(strconv.Itoa(s.Shared)),
			plain(strconv.FormatFloat(100*s.Reuse, 'f', 1, 64) + "%"),
			plain(strconv.FormatFloat(100*s.Copy, 'f', 1, 64) + "%"),
			plain(strconv.Itoa(s.Originated)),
			partners,
		})
	}
	return g
}

// matrixGrid lays out the matrix of the maxMatrix sources with most
// shared paragraphs, and returns the notes to print below it. When the
// sources' names make the table wider than width, the columns are
// numbered instead and the rows say which number is which source.
func matrixGrid(sum summary, width int) (grid, []string) {
	keep := make([]int, len(sum.names))
	for i := range keep {
		keep[i] = i
	}
	var notes []string
	if len(keep) > maxMatrix {
		slices.SortStableFunc(keep, func(a, b int) int {
			return cmp.Compare(sum.stats[b].Shared, sum.stats[a].Shared)
		})
		keep = keep[:maxMatrix]
		slices.Sort(keep)
		notes = append(notes, fmt.Sprintf("Showing the %d of %d sources with most paragraphs shared with another source.", maxMatrix, len(sum.names)))
	}
	notes = append(notes, "Each count is paragraphs of the row source in a cluster with the column source; "+
		"the diagonal counts paragraphs shared by two documents of the same source.")

	build := func(numbered bool) grid {
		g := grid{cols: []column{{header: "SOURCE"}}}
		for k, j := range keep {
			h := sourceName(sum.names[j])
			if numbered {
				h = strconv.Itoa(k + 1)
			}
			g.cols = append(g.cols, column{header: h, right: true})
		}
		for k, i := range keep {
			label := sourceName(sum.names[i])
			if numbered {
				label = strconv.Itoa(k+1) + " " + label
			}
			row := []cell{plain(label)}
			for _, j := range keep {
				n := "-"
				if c := sum.counts[i][j]; c > 0 {
					n = strconv.Itoa(c)
				}
				row = append(row, plain(n))
			}
			g.rows = append(g.rows, row)
		}
		return g
	}
	g := build(false)
	if width > 0 && g.width() > width {
		g = build(true)
		notes = append(notes, "Columns are numbered like the rows.")
	}
	return g, notes
}

// width returns the width of the grid drawn as a text table with no cell
// cut.
func (g grid) width() int {
	total := len(gap) * (len(g.cols) - 1)
	for i, c := range g.cols {
		w := textWidth(c.header)
		for _, row := range g.rows {
			w = max(w, textWidth(row[i].String()))
		}
		total += w
	}
	return total
}
