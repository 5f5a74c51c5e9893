package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
)

// hostile are strings a document could carry to attack a page that shows
// it: markup, script, URLs that run script or fetch, a template action,
// entities that must stay literal, and the characters that hide or
// reorder text.
var hostile = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(2)>`,
	`'><svg onload=alert(3)>`,
	`</script><script>alert(4)</script>`,
	`</style><script>alert(5)</script>`,
	`</textarea></title><!-- <![CDATA[ ]]> -->`,
	`javascript:alert(6)`,
	`<a href="javascript:alert(7)">click</a>`,
	`<meta http-equiv="refresh" content="0;url=https://evil.example/">`,
	`<base href="https://evil.example/"><link rel=stylesheet href=//evil.example/x.css>`,
	`<iframe src="data:text/html,<script>alert(8)</script>"></iframe>`,
	`@import url(https://evil.example/x.css); x{background:url(//evil.example/p)}`,
	`{{.CSP}} {{template "page.tmpl"}} &lt;b&gt; &amp; &#x3c;`,
	"\u202eevil\u202c \u2066iso\u2069 \u200fRLM \u200dZWJ \ufeffBOM",
	"NUL\x00 ESC\x1b[2J BEL\x07 DEL\x7f C1\u009b NEL\u0085 LS\u2028PS\u2029",
	"bad \xff\xfe\xc0\x80 bytes",
	"\"quotes' `backticks` <> &",
}

// hostileResult puts every hostile string in every place a document
// reaches the page: text (with a span cutting through it), source, id,
// language, URL and title.
func hostileResult() *cluster.Result {
	res := &cluster.Result{}
	for i, h := range hostile {
		for k := range 2 {
			res.Docs = append(res.Docs, corpus.Document{
				ID: h + strconv.Itoa(k), Source: h, Lang: h, URL: h, Title: h,
				Date: day("2024-05-01").AddDate(0, 0, k),
			})
			text := "Copy " + strconv.Itoa(i) + ": " + h + " and the rest of the agency copy."
			res.Paragraphs = append(res.Paragraphs, cluster.Paragraph{Doc: len(res.Docs) - 1, Text: text, Words: 12, Indexed: true})
		}
		n := len(res.Paragraphs)
		a, b := explained(n-2, 1, 1, 1, 0, 8, 9, len(res.Paragraphs[n-2].Text)), explained(n-1, 0.9, 1, 1, 3, 20)
		c := cluster.Cluster{ID: i + 1, Origin: true, Members: []cluster.Member{a, b}}
		if i%4 == 3 {
			c.Boilerplate = true
			res.Boilerplate = append(res.Boilerplate, c)
		} else {
			res.Clusters = append(res.Clusters, c)
		}
	}
	return res
}

func TestHTMLHostile(t *testing.T) {
	for _, show := range []bool{false, true} {
		t.Run(fmt.Sprint("boilerplate=", show), func(t *testing.T) {
			res := hostileResult()
			opts := Options{Format: FormatHTML, ShowBoilerplate: show}
			var buf bytes.Buffer
			if err := Write(&buf, res, opts); err != nil {
				t.Fatal(err)
			}
			checkHTML(t, res, opts, buf.Bytes())
			// A document's entities stay literal text.
			if !strings.Contains(buf.String(), "&amp;lt;b&amp;gt;") {
				t.Errorf("the entity &lt; in a document was not escaped as text")
			}
		})
	}
}

// checkHTML parses a page and checks everything the package comment
// promises: it is self-contained and safe (see checkSafe), every listed
// cluster is there with every member's text, its shared passages marked
// and its origin badged, and the sources and heatmap match Sources and
// Matrix.
func checkHTML(t *testing.T, res *cluster.Result, opts Options, page []byte) {
	t.Helper()
	if res == nil {
		res = &cluster.Result{}
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("page does not parse: %v", err)
	}
	checkSafe(t, doc)

	items := findAll(doc, func(n *html.Node) bool { return n.DataAtom == atom.Li && hasClass(n, "cluster") })
	var want []*cluster.Cluster
	_ = eachListed(res, opts, func(c *cluster.Cluster, _ bool) error {
		want = append(want, c)
		return nil
	})
	if len(items) != len(want) {
		t.Fatalf("%d cluster items, want %d", len(items), len(want))
	}
	for i, c := range want {
		li := items[i]
		if id := attr(li, "id"); id != "c"+strconv.Itoa(c.ID) {
			t.Errorf("item %d: id %q, want c%d", i, id, c.ID)
		}
		if d := first(li, atom.Details); d == nil || first(d, atom.Summary) == nil {
			t.Errorf("cluster %d: no details with a summary", c.ID)
		}
		sources := []string{}
		for _, m := range c.Members {
			sources = append(sources, sourceName(res.Source(m.Paragraph)))
		}
		if got, want := strings.Split(attr(li, "data-sources"), "\n"), sortedSet(sources); !slices.Equal(got, want) {
			t.Errorf("cluster %d: data-sources %q, want %q", c.ID, got, want)
		}
		members := findAll(li, func(n *html.Node) bool { return n.DataAtom == atom.Article })
		shownMembers := c.Members[:min(len(c.Members), pageMembers)]
		if len(members) != len(shownMembers) {
			t.Fatalf("cluster %d: %d members, want %d", c.ID, len(members), len(shownMembers))
		}
		more := fmt.Sprintf("Showing %d of %d members; the other %d are in the JSON, JSONL and CSV reports", pageMembers, len(c.Members), len(c.Members)-pageMembers)
		if got := strings.Contains(textOf(li), more); got != (len(c.Members) > pageMembers) {
			t.Errorf("cluster %d of %d members: note %q shown: %v", c.ID, len(c.Members), more, got)
		}
		for k, m := range shownMembers {
			p := res.Paragraphs[m.Paragraph]
			text := findAll(members[k], func(n *html.Node) bool { return hasClass(n, "text") })
			if len(text) != 1 {
				t.Fatalf("cluster %d member %d: %d text elements", c.ID, k, len(text))
			}
			if got, want := textOf(text[0]), shown(p.Text); got != want {
				t.Errorf("cluster %d member %d: text\n%q, want\n%q", c.ID, k, got, want)
			}
			var marks, spans []string
			for _, mk := range findAll(text[0], func(n *html.Node) bool { return n.DataAtom == atom.Mark }) {
				marks = append(marks, textOf(mk))
			}
			for _, s := range m.Spans {
				// An edge inside a character or a CR LF moves past it.
				if b, e := edge(p.Text, s.Begin), edge(p.Text, s.End); e > b {
					spans = append(spans, shown(p.Text[b:e]))
				}
			}
			if !slices.Equal(marks, spans) {
				t.Errorf("cluster %d member %d: marked %q, want %q", c.ID, k, marks, spans)
			}
			badge := findAll(members[k], func(n *html.Node) bool { return hasClass(n, "origin") })
			if wantBadge := k == 0 && c.Origin; (len(badge) == 1) != wantBadge {
				t.Errorf("cluster %d member %d: %d origin badges, want %v", c.ID, k, len(badge), wantBadge)
			}
		}
	}

	stats := Sources(res)
	rows := findAll(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Tr && n.Parent.DataAtom == atom.Tbody && hasClass(n.Parent.Parent, "sources")
	})
	if len(rows) != len(stats) {
		t.Fatalf("%d source rows, want %d", len(rows), len(stats))
	}
	for i, s := range stats {
		if got := textOf(first(rows[i], atom.Th)); got != sourceName(s.Source) {
			t.Errorf("source row %d: %q, want %q", i, got, sourceName(s.Source))
		}
	}

	names, counts := Matrix(res)
	cells := findAll(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Td && n.Parent.Parent.DataAtom == atom.Tbody && hasClass(n.Parent.Parent.Parent, "heatmap")
	})
	if len(names) <= maxHeatmap {
		var want []string
		for i := range names {
			for j := range names {
				n := strconv.Itoa(counts[i][j])
				if n == "0" {
					n = "–"
				}
				want = append(want, n)
			}
		}
		var got []string
		for _, c := range cells {
			got = append(got, textOf(c))
		}
		if !slices.Equal(got, want) {
			t.Errorf("heatmap cells %q, want %q", got, want)
		}
	}
}

// urlAttrs are the attributes whose value a browser may load or follow.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "srcset": true, "action": true, "formaction": true, "poster": true,
	"data": true, "background": true, "cite": true, "longdesc": true, "manifest": true, "ping": true,
	"xlink:href": true, "codebase": true, "archive": true, "usemap": true, "icon": true,
}

// allowedElements is every element the page may contain; anything else
// (img, iframe, object, svg, link, base, form fields of a document...)
// came from a document.
var allowedElements = map[atom.Atom]bool{}

func init() {
	for _, a := range []atom.Atom{atom.Html, atom.Head, atom.Meta, atom.Title, atom.Style, atom.Body, atom.A,
		atom.Header, atom.H1, atom.H2, atom.H3, atom.H4, atom.P, atom.Nav, atom.Ul, atom.Ol, atom.Li, atom.Main,
		atom.Section, atom.Mark, atom.Span, atom.Form, atom.Label, atom.Select, atom.Option, atom.Input,
		atom.Div, atom.Button, atom.Table, atom.Thead, atom.Tbody, atom.Tr, atom.Th, atom.Td, atom.Bdi,
		atom.Meter, atom.Details, atom.Summary, atom.Article,
		atom.Footer, atom.Script, atom.Br} {
		allowedElements[a] = true
	}
}

// unsafe lists what keeps a parsed page from being self-contained and
// running nothing but its own script: anything but one script and one
// style element holding exactly the embedded files and the CSP naming
// their hashes right after the charset; an unknown element; an event
// handler or style attribute; a URL other than a fragment.
func unsafe(doc *html.Node) []string {
	var bad []string
	scripts, styles, csp := 0, 0, 0
	for _, n := range findAll(doc, func(n *html.Node) bool { return n.Type == html.ElementNode }) {
		if !allowedElements[n.DataAtom] {
			bad = append(bad, fmt.Sprintf("unexpected element <%s>", n.Data))
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			switch {
			case strings.HasPrefix(key, "on"):
				bad = append(bad, fmt.Sprintf("<%s> has event handler %s=%q", n.Data, a.Key, a.Val))
			case key == "style":
				bad = append(bad, fmt.Sprintf("<%s> has a style attribute %q", n.Data, a.Val))
			case urlAttrs[key] && !strings.HasPrefix(a.Val, "#"):
				bad = append(bad, fmt.Sprintf("<%s %s=%q>: a URL that is not a fragment", n.Data, a.Key, a.Val))
			case key == "http-equiv" && !strings.EqualFold(a.Val, "Content-Security-Policy"):
				bad = append(bad, fmt.Sprintf("<meta http-equiv=%q>", a.Val))
			}
		}
		switch n.DataAtom {
		case atom.Script:
			scripts++
			if textOf(n) != htmlScript || len(n.Attr) > 0 {
				bad = append(bad, fmt.Sprintf("script element with attributes %v or other text: %.200q", n.Attr, textOf(n)))
			}
		case atom.Style:
			styles++
			if textOf(n) != htmlStyle {
				bad = append(bad, fmt.Sprintf("style element with other text: %.200q", textOf(n)))
			}
		case atom.Meta:
			if attr(n, "http-equiv") != "" {
				csp++
				if attr(n, "content") != htmlCSP || attr(prevElement(n), "charset") != "utf-8" {
					bad = append(bad, fmt.Sprintf("CSP %q, want %q right after the charset", attr(n, "content"), htmlCSP))
				}
			}
		}
	}
	if scripts != 1 || styles != 1 || csp != 1 {
		bad = append(bad, fmt.Sprintf("%d scripts, %d styles, %d CSP metas; want one of each", scripts, styles, csp))
	}
	return bad
}

func checkSafe(t *testing.T, doc *html.Node) {
	t.Helper()
	for _, problem := range unsafe(doc) {
		t.Error(problem)
	}
}

// TestUnsafe shows that unsafe finds what it looks for, on pages that
// differ from a real one by one injection each.
func TestUnsafe(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, fixture(), Options{Format: FormatHTML}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	const text = "Lawmakers agreed on Tuesday"
	injections := map[string]string{
		"script":    "<script>alert(1)</script>",
		"handler":   `<b onmouseover="alert(1)">x</b>`,
		"image":     `<img src="https://evil.example/p.png">`,
		"link":      `<a href="javascript:alert(1)">x</a>`,
		"style":     `<span style="background:url(//evil.example/p)">x</span>`,
		"refresh":   `<meta http-equiv="refresh" content="0;url=https://evil.example/">`,
		"end tag":   `</p></details></li></ol><iframe></iframe>`,
		"form":      `<form action="https://evil.example/"><button>x</button></form>`,
		"svg":       `<svg><a xlink:href="https://evil.example/">x</a></svg>`,
		"our style": "<style>p{}</style>",
	}
	for name, inject := range injections {
		doc, err := html.Parse(strings.NewReader(strings.Replace(page, text, inject+text, 1)))
		if err != nil {
			t.Fatal(err)
		}
		if len(unsafe(doc)) == 0 {
			t.Errorf("%s: unsafe found nothing wrong with %s", name, inject)
		}
	}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if bad := unsafe(doc); len(bad) > 0 {
		t.Errorf("the page itself: %q", bad)
	}
}

func TestHTMLAssets(t *testing.T) {
	for _, s := range []string{"url(", "@import", "http:", "https:", "//"} {
		if strings.Contains(htmlStyle, s) {
			t.Errorf("the stylesheet contains %q", s)
		}
	}
	for _, s := range []string{"fetch(", "XMLHttpRequest", "http:", "https:", "import(", ".innerHTML", "eval(", ".style", "WebSocket"} {
		if strings.Contains(htmlScript, s) {
			t.Errorf("the script contains %q", s)
		}
	}
	for _, d := range []string{"default-src 'none'", "base-uri 'none'", "form-action 'none'",
		"script-src '" + sha256Source(htmlScript) + "'", "style-src '" + sha256Source(htmlStyle) + "'"} {
		if !strings.Contains(htmlCSP, d) {
			t.Errorf("CSP %q lacks %q", htmlCSP, d)
		}
	}
}

// shown is text as the page must show it: invalid bytes as U+FFFD and
// control characters as escapes (what parts does, written out with the
// terminal's clean); CR LF reads back as LF, as HTML parsers normalise
// line ends.
func shown(s string) string {
	var b strings.Builder
	for _, r := range s { // an invalid byte arrives as U+FFFD
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || 0x7f <= r && r <= 0x9f || isBidiControl(r) {
			fmt.Fprintf(&b, map[bool]string{true: `\x%02x`, false: `\u%04x`}[r <= 0xff], r)
		} else {
			b.WriteRune(r)
		}
	}
	return strings.ReplaceAll(strings.ReplaceAll(b.String(), "\r\n", "\n"), "\r", "\n")
}

func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if match(d) {
			out = append(out, d)
		}
	}
	return out
}

func first(n *html.Node, a atom.Atom) *html.Node {
	for d := range n.Descendants() {
		if d.DataAtom == a {
			return d
		}
	}
	return nil
}

func prevElement(n *html.Node) *html.Node {
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		if p.Type == html.ElementNode {
			return p
		}
	}
	return &html.Node{}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

// textOf is the text content of n, as the DOM's textContent.
func textOf(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// spanList makes spans of offsets given as begin, end, begin, end...
func spanList(offsets ...int) []cluster.Span {
	spans := []cluster.Span{}
	for i := 0; i+1 < len(offsets); i += 2 {
		spans = append(spans, cluster.Span{Begin: offsets[i], End: offsets[i+1]})
	}
	return spans
}

func TestSegments(t *testing.T) {
	tests := []struct {
		text  string
		spans []cluster.Span
		want  string // marked runs in [], escapes in {}
	}{
		{"plain", nil, "plain"},
		{"one two three", spanList(0, 3, 8, 13), "[one] two [three]"},
		{"overlap here", spanList(0, 7, 3, 12), "[overlap][ here]"},
		{"empty span", spanList(2, 2), "empty span"},
		{"esc\x1b[0m \u202erev", spanList(0, 8), "[esc{\\x1b}[0m ]{\\u202e}rev"},
		{"cut \xc3\xa9 rune", spanList(0, 5), "[cut \u00e9] rune"},
		{"bad \xff\xc0\x80 bytes", spanList(0, 5, 5, 6, 6, 7), "[bad \ufffd][\ufffd\ufffd] bytes"},
		{"tab\tand\r\nlines", nil, "tab\tand\r\nlines"},
		{"cr\r\nlf", spanList(0, 3), "[cr\r\n]lf"},
	}
	for _, tt := range tests {
		var b strings.Builder
		for _, s := range segments(tt.text, tt.spans) {
			if s.Mark {
				b.WriteString("[")
			}
			for _, p := range s.Parts {
				if p.Esc {
					b.WriteString("{" + p.Text + "}")
				} else {
					b.WriteString(p.Text)
				}
			}
			if s.Mark {
				b.WriteString("]")
			}
		}
		if b.String() != tt.want {
			t.Errorf("segments(%q, %v) = %q, want %q", tt.text, tt.spans, b.String(), tt.want)
		}
	}
}

func TestHTMLHeatmapLimit(t *testing.T) {
	res := &cluster.Result{}
	var members []cluster.Member
	for i := range maxHeatmap + 5 {
		res.Docs = append(res.Docs, corpus.Document{ID: fmt.Sprint(i), Source: fmt.Sprintf("s%02d", i)})
		res.Paragraphs = append(res.Paragraphs, cluster.Paragraph{Doc: i, Text: "copy", Words: 1, Indexed: true})
		if i < maxHeatmap+2 { // three sources share nothing
			members = append(members, mem(i, 1))
		}
	}
	res.Clusters = []cluster.Cluster{{ID: 1, Members: members}}
	h := heatmap(summarize(res))
	if len(h.Names) != maxHeatmap || h.Omitted != 5 || len(h.Rows) != maxHeatmap || len(h.Rows[0].Cells) != maxHeatmap {
		t.Fatalf("heatmap of %d sources: %d names, %d omitted", maxHeatmap+5, len(h.Names), h.Omitted)
	}
	if h.Names[0] != "s00" || h.Max != 1 || h.Rows[0].Cells[1].Level != heatLevels || h.Rows[0].Cells[0].Level != 0 {
		t.Errorf("heatmap %+v", h.Rows[0])
	}
	var buf bytes.Buffer
	if err := Write(&buf, res, Options{Format: FormatHTML}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Showing the 40 sources with most shared paragraphs; 5 sources left out.") {
		t.Errorf("no note of the sources left out")
	}
}

// syndicated is one paragraph carried by n outlets (sources s000, s001,
// ...), dated over a week: one cluster of n members, n-1 article pairs.
func syndicated(n int) *cluster.Result {
	res := &cluster.Result{}
	var members []cluster.Member
	for i := range n {
		res.Docs = append(res.Docs, corpus.Document{ID: fmt.Sprintf("d%03d", i), Source: fmt.Sprintf("s%03d", i), Date: day("2024-01-01").AddDate(0, 0, i%7)})
		res.Paragraphs = append(res.Paragraphs, cluster.Paragraph{Doc: i, Words: 10, Indexed: true, Text: fmt.Sprintf("Shared lead paragraph of a story every outlet carried (%d).", i)})
		members = append(members, explained(i, 1-float64(i)/1000, 1, 1, 0, 40))
	}
	res.Clusters = []cluster.Cluster{{ID: 1, Origin: true, Members: members}}
	return res
}

// TestHTMLCaps: a story carried by 250 outlets. The page shows
// pageMembers members of its cluster, names maxListed sources in its
// summary and lists pageArticles article pairs, each with a note of the
// rest; the filters, the cluster's counts and JSON still cover them all.
func TestHTMLCaps(t *testing.T) {
	const outlets = 250
	res := syndicated(outlets)
	opts := Options{Format: FormatHTML}
	var buf bytes.Buffer
	if err := Write(&buf, res, opts); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	checkHTML(t, res, opts, buf.Bytes()) // pageMembers members, the note, data-sources of all 250

	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(findAll(doc, func(n *html.Node) bool { return hasClass(n, "src") })); n != maxListed {
		t.Errorf("the summary names %d sources, want %d", n, maxListed)
	}
	if srcs := findAll(doc, func(n *html.Node) bool { return hasClass(n, "srcs") }); len(srcs) != 1 || !strings.HasSuffix(textOf(srcs[0]), fmt.Sprintf(" and %d more", outlets-maxListed)) {
		t.Errorf("the summary does not count the sources it does not name")
	}
	summary := findAll(doc, func(n *html.Node) bool { return n.DataAtom == atom.H3 })
	if len(summary) != 1 || !strings.Contains(textOf(summary[0]), fmt.Sprintf("%d sources, %d documents", outlets, outlets)) {
		t.Errorf("the summary does not count every source and document")
	}
	options := findAll(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Option && attr(n, "value") == fmt.Sprintf("s%03d", outlets-1)
	})
	if len(options) != 1 {
		t.Errorf("the source filter does not offer the last source, whose member is not shown")
	}
	if got := findAll(doc, func(n *html.Node) bool { return n.DataAtom == atom.Li && hasClass(n, "cluster") }); len(got) != 1 || attr(got[0], "data-to") != "2024-01-07" {
		t.Errorf("the date range does not cover the members not shown")
	}

	pairs := len(Articles(res))
	if pairs <= pageArticles {
		t.Fatalf("%d article pairs, want more than %d for this test", pairs, pageArticles)
	}
	rows := findAll(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Tr && n.Parent != nil && n.Parent.DataAtom == atom.Tbody && n.Parent.Parent != nil && hasClass(n.Parent.Parent, "articles")
	})
	if len(rows) != pageArticles {
		t.Errorf("the page lists %d article pairs, want %d", len(rows), pageArticles)
	}
	if note := fmt.Sprintf("The %d most reused of %d pairs are listed; the JSON report (--format json) lists them all.", pageArticles, pairs); !strings.Contains(page, note) {
		t.Errorf("no note %q", note)
	}

	var js bytes.Buffer
	if err := Write(&js, res, Options{Format: FormatJSON}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Clusters []struct{ Members []any }
		Articles []any
	}
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Clusters) != 1 || len(got.Clusters[0].Members) != outlets || len(got.Articles) != pairs {
		t.Errorf("JSON does not list every member and pair")
	}
}

func FuzzWriteHTML(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		res := fuzzResult(text)
		res.Docs[1].URL, res.Docs[2].Title = text, text
		// A span from the middle of the text to its end.
		for i := range res.Clusters[0].Members {
			m := &res.Clusters[0].Members[i]
			n := len(res.Paragraphs[m.Paragraph].Text)
			m.Spans = []cluster.Span{{Begin: n / 2, End: n}}
		}
		opts := Options{Format: FormatHTML, ShowBoilerplate: true}
		var buf bytes.Buffer
		if err := Write(&buf, res, opts); err != nil {
			t.Fatal(err)
		}
		checkHTML(t, res, opts, buf.Bytes())
	})
}
