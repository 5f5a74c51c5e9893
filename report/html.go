package report

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wirecopy/wirecopy/cluster"
)

// The HTML report. writeHTML executes one html/template (html/page.tmpl)
// over a page model built here; the stylesheet and the script are
// embedded files placed inline, so the page is one file that needs no
// network and opens from disk. Document text reaches the page only as
// template data, escaped by html/template for the context it lands in
// (text, attribute value); nothing is concatenated into markup by hand.
//
// Defence in depth: the page carries a Content-Security-Policy that
// allows no network access at all (default-src 'none') and runs only the
// one script and the one stylesheet whose SHA-256 hashes it names, so
// even markup that slipped past escaping could neither run script nor
// fetch anything. For the same reason the page uses no style attributes
// (bars are <meter> elements, heatmap shades are classes).
//
// Size. The page holds the text of the members it shows once, so it is
// about as large as that text plus a little markup per member. It lists
// every cluster, but long lists within are capped (pageMembers,
// pageArticles, maxListed), each with a note that the JSON, JSONL and CSV
// formats hold them all: a story carried by a hundred outlets otherwise
// puts a hundred copies of each paragraph on the page. Closed
// <details> are not laid out and each cluster item is marked
// content-visibility: auto, so thousands of clusters stay light to
// scroll; the filters only toggle the hidden attribute.

//go:embed html/page.tmpl html/style.css html/script.js
var htmlFiles embed.FS

var (
	htmlStyle  = mustRead("html/style.css")
	htmlScript = mustRead("html/script.js")
	// htmlCSP is the page's Content-Security-Policy (see above).
	htmlCSP = "default-src 'none'; style-src '" + sha256Source(htmlStyle) +
		"'; script-src '" + sha256Source(htmlScript) + "'; img-src 'none'; base-uri 'none'; form-action 'none'"
	htmlPage = template.Must(template.New("page.tmpl").Funcs(template.FuncMap{
		"percent": percent,
		"count":   count,
	}).ParseFS(htmlFiles, "html/page.tmpl"))
	// htmlClusterBlock is the page's "cluster" block in a set of its
	// own: htmlList.Write executes it on several goroutines while the
	// page is executed, and it is escaped apart from the page.
	htmlClusterBlock = template.Must(htmlPage.Clone()).Lookup("cluster")
)

func mustRead(name string) string {
	b, err := htmlFiles.ReadFile(name)
	if err != nil {
		panic(err) // embedded at build time: cannot happen
	}
	return string(b)
}

// sha256Source is a CSP hash source for an inline element's text.
func sha256Source(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

const (
	// htmlSnippet is the snippet length, in runes, in a cluster's summary
	// line when Options.Snippet is 0: about two lines of a desktop
	// column, enough to tell stories apart before expanding one.
	htmlSnippet = 160
	// maxHeatmap is the most sources the heatmap shows, those with most
	// shared paragraphs. 40 columns of about 2.5em still fit a laptop
	// screen beside the names; beyond that the grid is too sparse to
	// read and grows with the square of the sources.
	maxHeatmap = 40
	// heatLevels is the number of shades of the heatmap (classes h1 to
	// h6; h0 is zero): six are told apart easily, also in grey.
	heatLevels = 6
	// pageMembers is the most members a cluster shows on the page, the
	// representative first and then in the cluster's order. Side by side,
	// twenty copies show how a story was edited; a hundred only repeat
	// it, and made the page of 50 MB at 114 outlets per story 109 MB
	// (20 MB capped; bench/syndication.sh). The cluster's counts,
	// filters and dates still cover every member.
	pageMembers = 20
	// pageArticles is the most article pairs the page lists, most reused
	// first: four times a table's maxArticles, since a page scrolls and
	// links each pair to its clusters, yet a table of thousands of rows
	// (a story at 114 outlets makes thousands of pairs) is not read.
	pageArticles = 200
	// unstatedLang is the language filter's value for members whose
	// document states no language: a lone space, which clean never
	// returns, so it cannot collide with a real language tag.
	unstatedLang = " "
)

// htmlView is the page model the template reads.
type htmlView struct {
	CSP     string
	Style   template.CSS
	Script  template.JS
	Summary string

	Sources      []htmlSource
	Heatmap      htmlHeatmap
	Articles     []htmlPair // pairs of documents that share copy (Articles), the pageArticles most reused
	ArticleCount int        // all the pairs

	// Clusters is the reused copy, Boilerplate the boilerplate clusters
	// when Options.ShowBoilerplate asks for them, each written by the
	// template's "cluster" block while the page is written (htmlList).
	Clusters        htmlList
	ClusterCount    int
	Boilerplate     htmlList
	BoilerplateList int // boilerplate clusters listed
	BoilerplateAll  int // boilerplate clusters found, listed or not

	// Choices for the filters.
	FilterSources []string
	FilterLangs   []htmlOption
	FirstDate     string // earliest member date, "" when none is dated
	LastDate      string
}

type htmlOption struct{ Value, Label string }

// htmlPair is a pair of documents that share copy, as a row of the
// page's article table.
type htmlPair struct {
	Copy, Original htmlDoc
	Verb           string // "reprints", "translates", "shares"
	Paragraphs     int
	Of             int // the original's indexed paragraphs
	Share          float64
	Why            string
	Translated     bool
	Clusters       []int
}

// htmlDoc names a document: its source, its short name and its full ID.
type htmlDoc struct {
	Source, Name, ID, Title, Date string
}

type htmlSource struct {
	Name                  string
	Documents, Paragraphs int
	Shared, Originated    int
	Reuse, Copy           float64 // shares, 0..1
	Partners, CopiedFrom  string  // "reuters (8), ap (5)"; "" for none
}

type htmlHeatmap struct {
	Names   []string
	Rows    []htmlHeatRow
	Omitted int // sources left out (see maxHeatmap)
	Max     int // the largest count shown
}

type htmlHeatRow struct {
	Name  string
	Cells []htmlHeatCell
}

type htmlHeatCell struct {
	N     int
	Level int // 0 for none, else 1..heatLevels
	Col   string
	Self  bool // the diagonal: two documents of the same source
}

// htmlCluster is one cluster as the page shows it. It is what the
// template's "cluster" block takes, so any listing of clusters (a scan
// now, the matches of a checked article later) renders the same way.
type htmlCluster struct {
	ID           int
	Boilerplate  bool
	Sources      []string // distinct, cleaned
	SourcesShown []string // the first maxListed of Sources, named in the summary
	MoreSources  int      // the rest, counted
	SourceList   string   // Sources joined by "\n", for the filter
	LangList     string   // member languages joined by "\n" (unstatedLang for none)
	Languages    []string // distinct stated languages, cleaned
	Documents    int
	Origin       bool   // the first member is the likely origin (cluster.Cluster.Origin)
	OriginName   string // its source
	OriginDate   string
	Evidence     string // why, "credited: reuters (3 of 4 documents) · earliest: 2024-04-03"
	FirstDate    string // date range of the dated members, "" when none
	LastDate     string
	Similarity   string // as in the tables, "0.71-0.98"
	Coverage     string
	Snippet      string
	Members      []htmlMember // the first pageMembers members
	MemberCount  int          // all the members
	MoreMembers  int          // those not shown
}

// htmlMember is one member: where it comes from and its text cut into
// segments, the shared passages marked.
type htmlMember struct {
	Doc        string
	Paragraph  int // 1-based, as people count
	Source     string
	Lang       string
	Date       string
	URL        string
	Title      string
	Similarity string
	Coverage   string // share of the member's words in shared passages
	OriginCov  string // share of the representative's words it carries
	First      bool   // the representative
	// Translated marks a member matched across languages
	// (cluster.Member.Translated): its marked passages are then the
	// names, numbers and words it shares with the cluster through the
	// bilingual dictionaries, not shared word sequences.
	Translated bool
	Credits    string // agencies its document credits, "reuters, ap"
	Segments   []htmlSegment
}

// htmlSegment is a run of a member's text, inside a shared passage
// (Mark) or outside; Parts cut it further around characters shown as
// escapes.
type htmlSegment struct {
	Mark  bool
	Parts []htmlPart
}

// htmlPart is plain text or, with Esc, a visible escape such as `\u202e`
// standing for a control character of the document.
type htmlPart struct {
	Text string
	Esc  bool
}

// writeHTML writes the self-contained HTML report.
func writeHTML(w io.Writer, res *cluster.Result, opts Options) error {
	sum := summarize(res)
	v := htmlView{
		CSP:            htmlCSP,
		Style:          template.CSS(htmlStyle),
		Script:         template.JS(htmlScript),
		Summary:        summaryLine(res, sum, opts),
		Sources:        htmlSources(sortSources(slices.Clone(sum.stats))),
		Heatmap:        heatmap(sum),
		ClusterCount:   len(res.Clusters),
		BoilerplateAll: len(res.Boilerplate),
	}
	snippet := opts.Snippet
	if snippet <= 0 {
		snippet = htmlSnippet
	}
	v.Clusters = htmlList{w, res, res.Clusters, snippet, opts.Workers}
	if opts.ShowBoilerplate {
		v.Boilerplate = htmlList{w, res, res.Boilerplate, snippet, opts.Workers}
		v.BoilerplateList = len(res.Boilerplate)
	}
	v.Articles, v.ArticleCount = htmlArticles(res)
	v.FilterSources, v.FilterLangs, v.FirstDate, v.LastDate = filterChoices(res, opts)
	return htmlPage.Execute(w, v)
}

// htmlList is a list of clusters that the page writes where its
// template says {{.Write}}: each rendered by the page's "cluster" block
// after a newline, on workers goroutines (inOrder), and written in order
// straight to the page's writer, w, which the template writes to as it
// goes. The page rendered them in its own execution, one at a time on
// one goroutine while the others waited (1.7 s of CPU of a realnews
// scan's page, pprof); passing each rendered batch back through the
// template copied the page twice over (the page of realnews took 80 MiB
// more at its peak).
type htmlList struct {
	w                io.Writer
	res              *cluster.Result
	list             []cluster.Cluster
	snippet, workers int
}

// Write writes the list (see htmlList); the template prints nothing
// for it.
func (l htmlList) Write() (template.HTML, error) {
	return "", inOrder(len(l.list), workerCount(l.workers, len(l.list)), func(_, i int, dst []byte) ([]byte, error) {
		b := bytes.NewBuffer(append(dst, '\n')) // each on a line of its own
		err := htmlClusterBlock.Execute(b, htmlClusterOf(l.res, &l.list[i], l.snippet))
		return b.Bytes(), err
	}, func(b []byte) error {
		_, err := l.w.Write(b)
		return err
	})
}

func htmlClusterOf(res *cluster.Result, c *cluster.Cluster, snippet int) htmlCluster {
	v := describe(res, c)
	hc := htmlCluster{
		ID:          c.ID,
		Boilerplate: c.Boilerplate,
		Documents:   v.documents,
		Origin:      c.Origin && len(c.Members) > 0,
		Similarity:  similarity(v),
		Coverage:    coverage(c),
		Evidence:    strings.Join(originEvidence(res, c), " · "),
		Members:     make([]htmlMember, 0, min(len(c.Members), pageMembers)),
		MemberCount: len(c.Members),
		MoreMembers: max(0, len(c.Members)-pageMembers),
	}
	for _, s := range v.sources {
		hc.Sources = append(hc.Sources, sourceName(s))
	}
	hc.Sources = sortedSet(hc.Sources) // two sources may clean to one name
	for _, l := range v.languages {
		hc.Languages = append(hc.Languages, clean(l))
	}
	langs := make([]string, 0, len(c.Members))
	for i, m := range c.Members {
		p := res.Paragraphs[m.Paragraph]
		d := &res.Docs[p.Doc]
		if i >= pageMembers {
			// Not shown, but the filters and the date range cover it.
			hm := htmlMember{Lang: clean(memberLang(res, m.Paragraph)), Date: date(d.Date)}
			langs, hc.FirstDate, hc.LastDate = addFacts(hm, langs, hc.FirstDate, hc.LastDate)
			continue
		}
		hm := htmlMember{
			Doc:        clean(d.ID),
			Paragraph:  p.Index + 1,
			Source:     sourceName(d.Source),
			Lang:       clean(memberLang(res, m.Paragraph)),
			Date:       date(d.Date),
			URL:        clean(d.URL),
			Title:      clean(d.Title),
			Similarity: strconv.FormatFloat(finite(m.Similarity), 'f', 2, 64),
			Coverage:   percent(m.Coverage),
			OriginCov:  percent(m.OriginCoverage),
			First:      i == 0,
			Translated: m.Translated,
			Credits:    clean(strings.Join(m.Credits, ", ")),
			Segments:   segments(p.Text, m.Spans),
		}
		hc.Members = append(hc.Members, hm)
		langs, hc.FirstDate, hc.LastDate = addFacts(hm, langs, hc.FirstDate, hc.LastDate)
		if i == 0 {
			hc.Snippet = cut(clean(p.Text), snippet, 0)
			if hc.Origin {
				hc.OriginName, hc.OriginDate = hm.Source, hm.Date
			}
		}
	}
	hc.SourceList = strings.Join(hc.Sources, "\n")
	hc.SourcesShown = hc.Sources[:min(len(hc.Sources), maxListed)]
	hc.MoreSources = len(hc.Sources) - len(hc.SourcesShown)
	hc.LangList = strings.Join(sortedSet(langs), "\n")
	return hc
}

// addFacts adds a member's language (unstatedLang for none) to langs and
// its date to the range first..last.
func addFacts(hm htmlMember, langs []string, first, last string) ([]string, string, string) {
	if hm.Lang == "" {
		langs = append(langs, unstatedLang)
	} else {
		langs = append(langs, hm.Lang)
	}
	if hm.Date != "" {
		if first == "" || hm.Date < first {
			first = hm.Date
		}
		last = max(last, hm.Date)
	}
	return langs, first, last
}

// htmlArticles lays out the pageArticles most reused article pairs and
// counts them all.
func htmlArticles(res *cluster.Result) ([]htmlPair, int) {
	all := Articles(res)
	arts := all[:min(len(all), pageArticles)]
	out := make([]htmlPair, len(arts))
	doc := func(d int) htmlDoc {
		x := &res.Docs[d]
		return htmlDoc{Source: sourceName(x.Source), Name: docName(x.ID), ID: clean(x.ID), Title: clean(x.Title), Date: date(x.Date)}
	}
	for i, a := range arts {
		out[i] = htmlPair{
			Copy:       doc(a.Copy),
			Original:   doc(a.Original),
			Verb:       a.verb(),
			Paragraphs: a.Paragraphs,
			Of:         a.OriginalParagraphs,
			Share:      round4(a.Share),
			Why:        a.why(res),
			Translated: a.Translated,
			Clusters:   a.Clusters,
		}
	}
	return out, len(all)
}

// segments cuts text at the spans' edges. Spans are sorted, disjoint byte
// ranges inside text (validate checked the bounds); overlapping ones are
// merged rather than trusted, and an edge inside a UTF-8 sequence or a
// CR LF pair moves past it, so no character or line end is cut in two.
func segments(text string, spans []cluster.Span) []htmlSegment {
	var out []htmlSegment
	at := 0
	for _, s := range spans {
		begin, end := edge(text, max(s.Begin, at)), edge(text, s.End)
		if end <= begin {
			continue
		}
		if begin > at {
			out = append(out, htmlSegment{Parts: parts(text[at:begin])})
		}
		out = append(out, htmlSegment{Mark: true, Parts: parts(text[begin:end])})
		at = end
	}
	if at < len(text) {
		out = append(out, htmlSegment{Parts: parts(text[at:])})
	}
	return out
}

// edge returns i, or the next offset after it that starts a rune and
// does not split a CR LF line end: a page's reader sees CR and LF in two
// elements as two line breaks.
func edge(s string, i int) int {
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	if 0 < i && i < len(s) && s[i-1] == '\r' && s[i] == '\n' {
		i++
	}
	return i
}

// parts cuts s around the characters a page must not show as they are:
// each invalid UTF-8 byte becomes U+FFFD (byte by byte, so where spans
// cut the text never changes what is shown); control characters other
// than tab and line breaks, and bidirectional embeddings, overrides and
// isolates, become visible escapes as in the tables (`\x1b`, `\u202e`),
// so a document can neither hide text nor reorder what follows it.
func parts(s string) []htmlPart {
	if isShowable(s) {
		return []htmlPart{{Text: s}}
	}
	var out []htmlPart
	var b strings.Builder
	for _, r := range s { // an invalid byte arrives as utf8.RuneError
		if !isEscaped(r) {
			b.WriteRune(r)
			continue
		}
		if b.Len() > 0 {
			out = append(out, htmlPart{Text: b.String()})
			b.Reset()
		}
		out = append(out, htmlPart{Text: escapeRune(r), Esc: true})
	}
	if b.Len() > 0 {
		out = append(out, htmlPart{Text: b.String()})
	}
	return out
}

// isShowable reports whether s is valid UTF-8 without a character that
// parts escapes, so that it goes into the page unchanged.
func isShowable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if isEscaped(r) {
			return false
		}
	}
	return true
}

// isEscaped reports whether the page shows r as an escape.
func isEscaped(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || 0x7f <= r && r <= 0x9f || isBidiControl(r)
}

// escapeRune writes r Go-style, as clean does: `\x1b`, `\u202e`.
func escapeRune(r rune) string {
	if r <= 0xff {
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}

// htmlSources turns source statistics into rows of the bar chart.
func htmlSources(stats []SourceStat) []htmlSource {
	out := make([]htmlSource, len(stats))
	for i, s := range stats {
		out[i] = htmlSource{
			Name:       sourceName(s.Source),
			Documents:  s.Documents,
			Paragraphs: s.Paragraphs,
			Shared:     s.Shared,
			Originated: s.Originated,
			Reuse:      finite(s.Reuse),
			Copy:       finite(s.Copy),
			Partners:   partnerList(s.Partners),
			CopiedFrom: partnerList(s.CopiedFrom),
		}
	}
	return out
}

// htmlPartners is how many partners a source row of the page names; the
// rest are counted. A page wraps the cell, so it can name more than a
// table's maxPartners; five fit a phone's width in two lines.
const htmlPartners = 5

// partnerList names the first partners, "reuters (8), ap (5), and 3 more".
func partnerList(ps []Partner) string {
	var b strings.Builder
	for i, p := range ps {
		if i == htmlPartners {
			b.WriteString(", and " + strconv.Itoa(len(ps)-i) + " more")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(sourceName(p.Source) + " (" + strconv.Itoa(p.Paragraphs) + ")")
	}
	return b.String()
}

// heatmap lays out the source x source matrix of the maxHeatmap sources
// with most shared paragraphs, in name order, with shades on a
// logarithmic scale of the largest count: counts span orders of
// magnitude, and a linear scale would leave all but the biggest pair
// pale.
func heatmap(sum summary) htmlHeatmap {
	keep := make([]int, len(sum.names))
	for i := range keep {
		keep[i] = i
	}
	var h htmlHeatmap
	if len(keep) > maxHeatmap {
		slices.SortStableFunc(keep, func(a, b int) int {
			return cmp.Compare(sum.stats[b].Shared, sum.stats[a].Shared)
		})
		keep = keep[:maxHeatmap]
		slices.Sort(keep)
		h.Omitted = len(sum.names) - maxHeatmap
	}
	for _, i := range keep {
		h.Names = append(h.Names, sourceName(sum.names[i]))
		for _, j := range keep {
			h.Max = max(h.Max, sum.counts[i][j])
		}
	}
	for _, i := range keep {
		row := htmlHeatRow{Name: sourceName(sum.names[i])}
		for _, j := range keep {
			n := sum.counts[i][j]
			cell := htmlHeatCell{N: n, Col: sourceName(sum.names[j]), Self: i == j}
			if n > 0 {
				cell.Level = max(1, int(math.Ceil(heatLevels*math.Log1p(float64(n))/math.Log1p(float64(h.Max)))))
			}
			row.Cells = append(row.Cells, cell)
		}
		h.Rows = append(h.Rows, row)
	}
	return h
}

// filterChoices lists the sources and languages of the listed clusters'
// members and their date range, for the filters.
func filterChoices(res *cluster.Result, opts Options) (sources []string, langs []htmlOption, first, last string) {
	var names, tags []string
	unstated := false
	_ = eachListed(res, opts, func(c *cluster.Cluster, _ bool) error {
		for _, m := range c.Members {
			d := &res.Docs[res.Paragraphs[m.Paragraph].Doc]
			names = append(names, sourceName(d.Source))
			if l := clean(memberLang(res, m.Paragraph)); l != "" {
				tags = append(tags, l)
			} else {
				unstated = true
			}
			if dd := date(d.Date); dd != "" {
				if first == "" || dd < first {
					first = dd
				}
				last = max(last, dd)
			}
		}
		return nil
	})
	for _, t := range sortedSet(tags) {
		langs = append(langs, htmlOption{Value: t, Label: t})
	}
	if unstated {
		langs = append(langs, htmlOption{Value: unstatedLang, Label: "not stated"})
	}
	return sortedSet(names), langs, first, last
}

// percent formats a share in whole percent, "83%".
func percent(x float64) string {
	return strconv.Itoa(int(math.Round(100*finite(x)))) + "%"
}
