package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/corpus"
)

// checkedOf is a check result whose article is text in one paragraph
// with one archived match carrying the same text after a dateline, so
// the page marks a shared passage on both sides. Every string field
// holds text too.
func checkedOf(text string) archive.Checked {
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	hit := archive.Hit{Doc: text, Source: text, Date: day, Lang: text, URL: text, Title: text,
		Paragraph: 2, Similarity: 0.9, Text: "LONDON (Wire) - " + text}
	p := archive.CheckedParagraph{Index: 1, Begin: 0, End: len(text), Words: 20, Text: text, Indexed: true,
		Hits: []archive.Hit{hit}, More: 3}
	return archive.Checked{Doc: corpus.Document{ID: text, Source: text, Title: text, Text: text},
		Paragraphs: []archive.CheckedParagraph{p}, Judged: 1, Reused: 1, First: &hit, FirstParagraphs: 1}
}

// checkPageProblems lists what keeps a check page from being safe: an
// element the page does not use, an event handler or style attribute,
// a URL other than a fragment or the form's own, a script, other
// styles than the two embedded, a CSP other than checkPageCSP.
func checkPageProblems(doc *html.Node, form *CheckForm) []string {
	var bad []string
	styles, csp := 0, 0
	for _, n := range findAll(doc, func(n *html.Node) bool { return n.Type == html.ElementNode }) {
		if !allowedElements[n.DataAtom] && n.DataAtom != atom.Textarea || n.DataAtom == atom.Script {
			bad = append(bad, fmt.Sprintf("unexpected element <%s>", n.Data))
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			own := form != nil && (key == "action" && a.Val == form.Action || key == "href" && a.Val == form.Report)
			switch {
			case strings.HasPrefix(key, "on"), key == "style":
				bad = append(bad, fmt.Sprintf("<%s %s=%q>", n.Data, a.Key, a.Val))
			case urlAttrs[key] && !strings.HasPrefix(a.Val, "#") && !own:
				bad = append(bad, fmt.Sprintf("<%s %s=%q>: a URL", n.Data, a.Key, a.Val))
			}
		}
		switch n.DataAtom {
		case atom.Style:
			if t := textOf(n); t != htmlStyle && t != checkStyle || styles > 0 && t == htmlStyle {
				bad = append(bad, fmt.Sprintf("style element with other text: %.100q", t))
			}
			styles++
		case atom.Meta:
			if attr(n, "http-equiv") != "" {
				csp++
				if attr(n, "content") != checkPageCSP(form != nil) || attr(prevElement(n), "charset") != "utf-8" {
					bad = append(bad, fmt.Sprintf("CSP %q", attr(n, "content")))
				}
			}
		}
	}
	if styles != 2 || csp != 1 {
		bad = append(bad, fmt.Sprintf("%d styles, %d CSP metas; want 2 and 1", styles, csp))
	}
	return bad
}

// checkCheckPage parses page, checks it is safe, and that each of
// checked's paragraphs and matches shows its text exactly (as shown
// does), with a mark.
func checkCheckPage(t *testing.T, page []byte, checked []archive.Checked, form *CheckForm) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range checkPageProblems(doc, form) {
		t.Error(p)
	}
	var want []string
	for _, c := range checked {
		for _, p := range c.Paragraphs {
			want = append(want, shown(p.Text))
			for i, h := range p.Hits {
				if i < checkHTMLHits {
					want = append(want, shown(h.Text))
				}
			}
		}
	}
	var got []string
	for _, n := range findAll(doc, func(n *html.Node) bool { return hasClass(n, "text") }) {
		got = append(got, textOf(n))
	}
	if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
		t.Errorf("texts shown:\n%q\nwant:\n%q", got, want)
	}
	return doc
}

func TestCheckHTML(t *testing.T) {
	wire := "The harbour authority approved a plan on Tuesday to dredge the northern channel, officials said."
	many := checkedOf(wire)
	for i := range 20 {
		h := many.Paragraphs[0].Hits[0]
		h.Doc = fmt.Sprint("reprint-", i)
		many.Paragraphs[0].Hits = append(many.Paragraphs[0].Hits, h)
	}
	tests := []struct {
		name    string
		checked []archive.Checked
		form    *CheckForm
		marks   int
		hits    int
		more    string
	}{
		{"empty", nil, nil, 0, 0, ""},
		{"form only", nil, &CheckForm{Action: "/check#articles", Report: "/report", Text: "</textarea><script>alert(1)</script>", Error: "<b>bad</b>"}, 0, 0, ""},
		{"one match", []archive.Checked{checkedOf(wire)}, nil, 2, 1, "1 match shown, 3 more"},
		{"capped", []archive.Checked{many}, &CheckForm{Action: "/check"}, 1 + checkHTMLHits, checkHTMLHits, "12 matches shown, 12 more"},
	}
	for _, h := range hostile {
		tests = append(tests, struct {
			name    string
			checked []archive.Checked
			form    *CheckForm
			marks   int
			hits    int
			more    string
		}{"hostile " + h, []archive.Checked{checkedOf(h + " " + wire)}, &CheckForm{Action: "/check", Text: h, Source: h, Error: h}, -1, 1, ""})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCheck(&buf, tt.checked, CheckOptions{Format: FormatHTML, Form: tt.form}); err != nil {
				t.Fatal(err)
			}
			doc := checkCheckPage(t, buf.Bytes(), tt.checked, tt.form)
			marks := findAll(doc, func(n *html.Node) bool { return n.DataAtom == atom.Mark && !hasClass(n.Parent, "summary") })
			if tt.marks >= 0 && len(marks) != tt.marks {
				t.Errorf("%d marks, want %d", len(marks), tt.marks)
			}
			if n := len(findAll(doc, func(n *html.Node) bool { return hasClass(n, "match") })); n != tt.hits {
				t.Errorf("%d matches shown, want %d", n, tt.hits)
			}
			if tt.more != "" && !strings.Contains(textOf(doc), tt.more) {
				t.Errorf("no %q on the page", tt.more)
			}
			for _, c := range tt.checked {
				if v := clean(Verdict(c)); !strings.Contains(textOf(doc), v) {
					t.Errorf("no verdict %q", v)
				}
			}
			// The textarea holds the text as sent, but for what an HTML
			// parser changes (NUL, CR, a leading line feed).
			if f := tt.form; f != nil && utf8.ValidString(f.Text) && !strings.ContainsAny(f.Text, "\x00\r") && !strings.HasPrefix(f.Text, "\n") {
				areas := findAll(doc, func(n *html.Node) bool { return n.DataAtom == atom.Textarea })
				if len(areas) != 1 || textOf(areas[0]) != f.Text {
					t.Errorf("the textarea does not hold %q", f.Text)
				}
			}
		})
	}
}

// FuzzWriteCheckHTML writes the check page of fuzzed text in every
// field and checks it as TestCheckHTML does.
func FuzzWriteCheckHTML(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checked := []archive.Checked{checkedOf(text)}
		form := &CheckForm{Action: "/check", Text: text, Source: text, Date: text, Lang: text, ID: text, Error: text}
		var buf bytes.Buffer
		if err := WriteCheck(&buf, checked, CheckOptions{Format: FormatHTML, Form: form}); err != nil {
			t.Fatal(err)
		}
		checkCheckPage(t, buf.Bytes(), checked, form)
	})
}

// TestCheckHTMLTranslated: a match found in another language is badged
// "translated"; one in the article's language is not.
func TestCheckHTMLTranslated(t *testing.T) {
	c := checkedOf("Die Hafenbehörde billigte am Dienstag einen Plan, die nördliche Fahrrinne auszubaggern.")
	same := c.Paragraphs[0].Hits[0]
	same.Doc = "same-language"
	c.Paragraphs[0].Hits[0].Translated = true
	c.Paragraphs[0].Hits = append(c.Paragraphs[0].Hits, same)
	var buf bytes.Buffer
	if err := WriteCheck(&buf, []archive.Checked{c}, CheckOptions{Format: FormatHTML}); err != nil {
		t.Fatal(err)
	}
	doc := checkCheckPage(t, buf.Bytes(), []archive.Checked{c}, nil)
	var badged []bool
	for _, m := range findAll(doc, func(n *html.Node) bool { return hasClass(n, "match") }) {
		badged = append(badged, len(findAll(m, func(n *html.Node) bool { return hasClass(n, "translated") })) > 0)
	}
	if fmt.Sprint(badged) != "[true false]" {
		t.Errorf("translated badges on the matches: %v, want [true false]", badged)
	}
}
