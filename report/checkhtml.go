package report

import (
	"embed"
	"html/template"
	"io"
	"strconv"

	"github.com/wirecopy/wirecopy/align"
	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/cluster"
)

// The HTML page of check: per article, its verdict, then each judged
// paragraph with the archived paragraphs it carries side by side, the
// passages they share marked on both sides (word alignment, package
// align). It follows the report page's conventions (html.go): one
// html/template (html/check.tmpl, which uses page.tmpl's blocks), the
// same embedded style and script, the same Content-Security-Policy, no
// URL but #fragments, document text only as escaped template data.

// CheckForm puts a form to check an article at the top of the check
// page, for a page served by a web server (wirecopy serve) rather than
// written to a file. The fields prefill the form.
type CheckForm struct {
	Action                   string // where the form posts, a path on the same server such as "/check"
	Text, Source, Date, Lang string
	ID                       string
	Error                    string // a problem with the last submission, shown above the form
	Report                   string // a link to the archive's report on the same server ("" for none)
	Archive                  string // the archive checked against and its size, "news.wca: 25 documents, 149 paragraphs" ("" for none)
}

// checkHTMLHits is the most matches the page shows side by side for one
// paragraph: a wire story reprinted by dozens of outlets would otherwise
// make a page of the same text; the rest are counted ("and 37 more").
const checkHTMLHits = 12

type htmlCheckView struct {
	CSP      string
	Style    template.CSS
	Extra    template.CSS
	Form     *CheckForm
	Articles []htmlArticle
}

type htmlArticle struct {
	N          int // 1-based, for element ids
	Doc        string
	Source     string
	Date       string
	Title      string
	Verdict    string
	Judged     int
	Reused     int
	Paragraphs []htmlCheckParagraph
}

type htmlCheckParagraph struct {
	Index       int // as check numbers paragraphs (JSON "paragraph")
	Indexed     bool
	Boilerplate bool
	Partial     bool
	Words       int
	Segments    []htmlSegment // the article's paragraph, shared passages marked
	Hits        []htmlMember
	More        int // matches not shown
}

//go:embed html/check.tmpl html/page.tmpl html/check.css
var checkFiles embed.FS

var (
	// checkStyle is added to the report's stylesheet for the form and
	// the paragraph list; the page runs no script.
	checkStyle = mustReadFS(checkFiles, "html/check.css")
	checkPage  = template.Must(template.New("check.tmpl").Funcs(template.FuncMap{
		"percent": percent,
		"count":   count,
	}).ParseFS(checkFiles, "html/check.tmpl", "html/page.tmpl"))
)

func mustReadFS(fsys embed.FS, name string) string {
	b, err := fsys.ReadFile(name)
	if err != nil {
		panic(err) // embedded at build time: cannot happen
	}
	return string(b)
}

// checkPageCSP is the page's policy: the report's without script, and
// with a form allowed to post only to the server that served the page.
func checkPageCSP(form bool) string {
	action := "'none'"
	if form {
		action = "'self'"
	}
	return "default-src 'none'; style-src '" + sha256Source(htmlStyle) + "' '" + sha256Source(checkStyle) +
		"'; img-src 'none'; base-uri 'none'; form-action " + action
}

// HTMLCSP is the Content-Security-Policy of the HTML report (FormatHTML),
// for a server to send as a header as well: a stricter header policy
// would block the page's own style and script.
func HTMLCSP() string { return htmlCSP }

// CheckPageCSP is the Content-Security-Policy of a check page written
// with a CheckForm, for a server to send as a header as well.
func CheckPageCSP() string { return checkPageCSP(true) }

func writeCheckHTML(w io.Writer, checked []archive.Checked, opts CheckOptions) error {
	v := htmlCheckView{
		CSP:   checkPageCSP(opts.Form != nil),
		Style: template.CSS(htmlStyle),
		Extra: template.CSS(checkStyle),
		Form:  opts.Form,
	}
	al := align.New()
	for i, c := range checked {
		a := htmlArticle{N: i + 1, Doc: clean(c.Doc.ID), Source: sourceName(c.Doc.Source), Date: date(c.Doc.Date),
			Title: clean(c.Doc.Title), Verdict: clean(Verdict(c)), Judged: c.Judged, Reused: c.Reused}
		if c.Doc.Source == "" {
			a.Source = ""
		}
		for _, p := range c.Paragraphs {
			a.Paragraphs = append(a.Paragraphs, checkParagraph(al, c, p))
		}
		v.Articles = append(v.Articles, a)
	}
	return checkPage.Execute(w, v)
}

// checkParagraph aligns an article's paragraph with each match shown:
// the match's text is marked where it shares a passage with the
// paragraph, and the paragraph where it shares one with any match.
func checkParagraph(al *align.Aligner, c archive.Checked, p archive.CheckedParagraph) htmlCheckParagraph {
	hp := htmlCheckParagraph{Index: p.Index, Indexed: p.Indexed, Boilerplate: p.Boilerplate,
		Partial: p.Partial, Words: p.Words, More: p.More}
	hits := p.Hits
	if len(hits) > checkHTMLHits {
		hp.More += len(hits) - checkHTMLHits
		hits = hits[:checkHTMLHits]
	}
	var mine []align.Range
	words := al.Words(p.Text)
	for _, h := range hits {
		var theirs []cluster.Span
		for _, s := range al.Align(words, al.Words(h.Text)) {
			mine = append(mine, s.A)
			theirs = append(theirs, cluster.Span{Begin: s.B.Begin, End: s.B.End})
		}
		origin := c.First != nil && c.First.Doc == h.Doc && c.First.Paragraph == h.Paragraph
		hp.Hits = append(hp.Hits, htmlMember{
			Doc: clean(h.Doc), Paragraph: h.Paragraph, Source: sourceName(h.Source), Lang: clean(h.Lang),
			Date: date(h.Date), URL: clean(h.URL), Title: clean(h.Title),
			Similarity: strconv.FormatFloat(finite(h.Similarity), 'f', 2, 64),
			First:      origin, Translated: h.Translated, Segments: segments(h.Text, theirs),
		})
	}
	var spans []cluster.Span
	for _, r := range align.Union(mine) {
		spans = append(spans, cluster.Span{Begin: r.Begin, End: r.End})
	}
	hp.Segments = segments(p.Text, spans)
	return hp
}
