package corpus

import (
	"strings"
	"testing"
	"time"
)

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, src   string
		title, text string
	}{
		{"plain", "Just text.\n\nMore.", "", "Just text.\n\nMore."},
		{"atx headings", "# One #\nText.\n### Three\n#hashtag", "One", "One\n\nText.\n\nThree\n\n#hashtag"},
		{"seven hashes is text", "####### x", "", "####### x"},
		{"setext headings", "Title\n=====\nText.\n\nSub\n---\nMore.", "Title", "Title\n\nText.\n\nSub\n\nMore."},
		{"setext heading with escapes", "\\*Star\\*\n===", "*Star*", "*Star*"},
		{"thematic breaks", "One.\n\n* * *\n\nTwo.\n___", "", "One.\n\nTwo."},
		{"emphasis", "**Bold**, *it*, __b__, _i_, ~~gone~~ and ***both***.", "", "Bold, it, b, i, gone and both."},
		{"not emphasis", "snake_case_name, 5*3, a * b, a ~ b, ~one~", "", "snake_case_name, 5*3, a * b, a ~ b, ~one~"},
		{"code spans", "Run `go *test*` or ``a ` b``; `open", "", "Run go *test* or a ` b; `open"},
		{"links", "See [the *report*](http://x.org/a_(b) \"t\") and [ref][r] and [empty][].", "", "See the report and ref and empty."},
		{"bracket without link", "He said [sic] it.", "", "He said [sic] it."},
		{"images", "Before ![alt](a.png) after. [![badge](b.svg)](http://x)", "", "Before  after. "},
		{"autolinks", "Mail <mailto:a@b.org> or <https://x.org/a>, not <b>tags</b>.", "", "Mail mailto:a@b.org or https://x.org/a, not <b>tags</b>."},
		{"escapes", `\*not emphasis\* and \[not a link\](x) and \\`, "", `*not emphasis* and [not a link](x) and \`},
		{"code fences dropped", "Before.\n```go\nfmt.Println(\"x\")\n```\nAfter.\n~~~~\n~~~\nstill code\n~~~~\nEnd.", "", "Before.\n\nAfter.\n\nEnd."},
		{"unclosed fence drops the rest", "Text.\n```\ncode", "", "Text."},
		{"blockquotes and lists", "> Quoted *text*.\n> > Nested.\n\n- one\n* two\n+ three\n1. four\n12) five\n2024. A year.", "", "Quoted text.\nNested.\n\none\ntwo\nthree\nfour\nfive\n2024. A year."},
		{"reference definitions dropped", "Text [x][1].\n\n[1]: http://example.com\n", "", "Text x."},
		{"indented code kept as text", "Para.\n\n    indented *line*", "", "Para.\n\n    indented line"},
		{"yaml front matter", "---\ntitle: 'Front *page*'\ndate: 2024-03-05\ntags: [a, b]\n---\n# Heading\nText.", "Front page", "Heading\n\nText."},
		{"toml front matter", "+++\ntitle = \"Toml\"\n+++\nText.", "Toml", "Text."},
		{"unclosed front matter is text", "---\ntitle: x\n", "", "title: x"},
		{"CRLF", "# T\r\n\r\nA\r\nB\r\n", "T", "T\n\nA\nB"},
		{"first heading is the title", "Intro.\n\n## Second\n\n# First", "Second", "Intro.\n\nSecond\n\nFirst"},
		{"heading with link", "# [Linked](http://x) title", "Linked title", "Linked title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := markdown(tt.src)
			if d.title != tt.title {
				t.Errorf("title %q, want %q", d.title, tt.title)
			}
			if d.text != tt.text {
				t.Errorf("text:\n%q\nwant:\n%q", d.text, tt.text)
			}
		})
	}
}

// TestMarkdownLinear feeds lines built to make a naive scanner quadratic:
// each must take moments, not hours.
func TestMarkdownLinear(t *testing.T) {
	const n = 1 << 18
	var codeRuns strings.Builder
	for i := 1; codeRuns.Len() < n; i++ {
		codeRuns.WriteString(strings.Repeat("`", i%20+1) + "x")
	}
	tests := map[string]string{
		"open brackets":     strings.Repeat("[", n),
		"nested brackets":   strings.Repeat("[", n/2) + strings.Repeat("]", n/2) + "(x)",
		"unclosed links":    strings.Repeat("[a](", n/4),
		"images":            strings.Repeat("![", n/2),
		"angle brackets":    strings.Repeat("<", n),
		"angle then close":  strings.Repeat("<http://x", n/9) + ">",
		"code runs":         codeRuns.String(),
		"links in links":    strings.Repeat("[a [b](c) `d", n/12),
		"emphasis":          strings.Repeat("*_~", n/3),
		"escapes":           strings.Repeat(`\`, n),
		"headings":          strings.Repeat("#", n),
		"fences and quotes": strings.Repeat("> ```\n", n/6),
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			markdown(src)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}
