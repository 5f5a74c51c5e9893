package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The HTML reader finds a page's main text with go-readability (a port of
// Firefox's Reader View), then renders it itself: the library's RenderText
// puts a blank line only after some blocks (p, h1-h6, blockquote, lists as
// a whole) and a single line break after others (div, li, section), and
// Paragraphs, seeing blank lines, would then merge list items and div
// blocks into their neighbours. Here every block element (p, h1-h6, li,
// blockquote, pre, div, section, ...) ends a paragraph with a blank line
// and <br> is a line break. Scripts, styles, media, forms' controls, nav
// and aside are left out. When readability finds no article, the body is
// rendered the same way, without header and footer either.

// html sets doc's text, title, language and date from the page in data; it
// warns and returns false when the page must be skipped.
func (rd *reader) html(data []byte, doc *Document) bool {
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		rd.warn(0, fmt.Errorf("malformed HTML: %w", err))
		return false
	}
	doc.Lang = pageLang(root)
	title := pageTitle(root)

	art, ok := extract(root)
	if ok {
		if art.Node != nil {
			doc.Text = renderText(art.Node, false)
		}
		if t := strings.Join(strings.Fields(art.Title()), " "); t != "" {
			title = t
		}
		// Readability finds the date in meta tags and JSON-LD; one
		// written without a zone is taken in the local time zone.
		if t, err := art.PublishedTime(); err == nil {
			doc.Date = t
		} else if !errors.Is(err, readability.ErrTimestampMissing) {
			rd.warn(0, fmt.Errorf("unparseable date: %w", err))
		}
	}
	if isBlank(doc.Text) {
		// No article: fall back to the whole body. Readability has
		// removed scripts and styles and made paragraphs of runs of
		// <br>; the page is otherwise as parsed.
		body := findElement(root, atom.Body)
		if body == nil {
			body = root
		}
		doc.Text = renderText(body, true)
	}
	doc.Title = title
	return true
}

// extract runs readability on root, which it modifies; ok is false when it
// failed. A panic in the library, on input it was not written for, is
// taken as a failure rather than let through: this package does not panic
// on input.
func extract(root *html.Node) (art readability.Article, ok bool) {
	defer func() {
		if recover() != nil {
			art, ok = readability.Article{}, false
		}
	}()
	p := readability.NewParser()
	art, err := p.ParseAndMutate(root, nil)
	return art, err == nil
}

// pageLang returns the page's language: <html lang>, else a
// Content-Language meta tag.
func pageLang(root *html.Node) string {
	if h := findElement(root, atom.Html); h != nil {
		if l := strings.TrimSpace(attr(h, "lang")); l != "" {
			return l
		}
	}
	var lang string
	walkElements(root, func(n *html.Node) bool {
		if n.DataAtom == atom.Meta && strings.EqualFold(attr(n, "http-equiv"), "content-language") {
			lang = strings.TrimSpace(attr(n, "content"))
		}
		return lang == ""
	})
	return lang
}

// pageTitle returns the text of the page's <title>.
func pageTitle(root *html.Node) string {
	t := findElement(root, atom.Title)
	if t == nil {
		return ""
	}
	var b strings.Builder
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// findElement returns the first element a in document order, or nil.
func findElement(root *html.Node, a atom.Atom) *html.Node {
	var found *html.Node
	walkElements(root, func(n *html.Node) bool {
		if n.DataAtom == a {
			found = n
		}
		return found == nil
	})
	return found
}

// walkElements calls fn for the elements under root in document order
// until fn returns false.
func walkElements(root *html.Node, fn func(*html.Node) bool) {
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && !fn(n) {
			return false
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	walk(root)
}

// Elements by how they are rendered, by tag name: readability renames
// elements without updating their atom, so names are what count.
var (
	// skipped never hold article text; nav and aside are page furniture
	// that readability sometimes keeps on short pages.
	skipped = nameSet("head", "script", "style", "noscript", "template", "svg",
		"math", "iframe", "object", "embed", "canvas", "video", "audio", "img",
		"picture", "select", "button", "input", "textarea", "nav", "aside")
	// chrome is skipped too when rendering a whole body.
	chrome = nameSet("header", "footer")
	// blocks end a paragraph.
	blocks = nameSet("address", "article", "aside", "blockquote", "caption",
		"center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
		"figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
		"h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre",
		"section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul")
)

func nameSet(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// renderText renders the text under n: a blank line between blocks, a line
// break for <br>, white space collapsed except in <pre>. With body set, page
// chrome (nav, header, footer, aside) is left out.
func renderText(n *html.Node, body bool) string {
	var w textWriter
	var render func(n *html.Node, pre bool)
	render = func(n *html.Node, pre bool) {
		switch n.Type {
		case html.TextNode:
			w.text(n.Data, pre)
			return
		case html.ElementNode:
			if skipped[n.Data] || body && chrome[n.Data] || hidden(n) {
				return
			}
			switch n.Data {
			case "br":
				w.brk(1)
				return
			case "td", "th":
				w.space = true
			case "pre":
				pre = true
			}
		case html.DocumentNode:
		default: // comments, doctypes
			return
		}
		block := n.Type == html.ElementNode && blocks[n.Data]
		if block {
			w.brk(2)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			render(c, pre)
		}
		if block {
			w.brk(2)
		}
	}
	render(n, false)
	return w.b.String()
}

// hidden reports elements the page does not show.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// textWriter assembles rendered text. Separators are held back until the
// next word, so the text never starts or ends with one and a line break
// and a blank line in a row make one blank line.
type textWriter struct {
	b     strings.Builder
	space bool // a space is due before the next word
	brks  int  // line breaks due before the next word: 0, 1 or 2
}

func (w *textWriter) brk(n int) {
	w.brks = max(w.brks, n)
	w.space = false
}

func (w *textWriter) flush() {
	if w.b.Len() > 0 {
		switch {
		case w.brks > 0:
			w.b.WriteString("\n\n"[:w.brks])
		case w.space:
			w.b.WriteByte(' ')
		}
	}
	w.brks, w.space = 0, false
}

// text writes a text node, collapsing HTML white space unless pre.
func (w *textWriter) text(s string, pre bool) {
	if pre {
		if s != "" {
			w.flush()
			w.b.WriteString(s)
		}
		return
	}
	for s != "" {
		i := strings.IndexFunc(s, isHTMLSpace)
		if i != 0 {
			if i < 0 {
				i = len(s)
			}
			w.flush()
			w.b.WriteString(s[:i])
			s = s[i:]
			continue
		}
		if w.brks == 0 {
			w.space = true
		}
		s = strings.TrimLeftFunc(s, isHTMLSpace)
	}
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}
