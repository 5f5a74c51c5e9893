package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/wirecopy/wirecopy/archive"
)

// CheckOptions controls WriteCheck. The zero value prints tables with no
// width limit and default snippets.
type CheckOptions struct {
	Format  Format // output format; "" means FormatTable
	Width   int    // terminal width for FormatTable; 0 means no limit
	Snippet int    // snippet length in runes; 0 means DefaultSnippet
	// Form, with FormatHTML, puts a form to check another article at
	// the top of the page (for wirecopy serve); nil writes none.
	Form *CheckForm
}

// Verdict sums up a checked article in a sentence, such as "7 of 9
// paragraphs (78%) are archived copy, first published by reuters on
// 2022-01-04 (doc r-17)". The share is of the paragraphs long enough to
// judge; boilerplate does not count.
func Verdict(c archive.Checked) string {
	switch {
	case c.Judged == 0:
		return "no paragraph is long enough to judge."
	case c.Reused == 0:
		return fmt.Sprintf("none of %s is archived copy.", count(c.Judged, "paragraph"))
	}
	s := fmt.Sprintf("%d of %s (%.0f%%) %s archived copy", c.Reused, count(c.Judged, "paragraph"),
		100*float64(c.Reused)/float64(c.Judged), map[bool]string{true: "is", false: "are"}[c.Reused == 1])
	if c.First != nil {
		s += fmt.Sprintf(", first published by %s on %s (%s)", c.First.Source, date(c.First.Date), c.First.Doc)
		if c.FirstParagraphs < c.Reused {
			s += fmt.Sprintf(", which carries %d of them", c.FirstParagraphs)
		}
	}
	return s + "."
}

// WriteCheck writes the results of checking articles against an archive
// in opts.Format:
//
//   - table and markdown: per article, a line naming it and its verdict,
//     then one row per archived match of each judged paragraph (a
//     paragraph without a match gets one row with "-"): PARA, SOURCE,
//     DATE, SIMILARITY, MATCH (archived document id and paragraph number,
//     or "boilerplate"; "translated (LANG)" after a match found in
//     another language), and a snippet of the article's paragraph on its
//     first row;
//   - json: {"articles": [...]}, one object per article (below);
//   - jsonl: one article object per line;
//   - csv: one row per match, header first:
//     article,paragraph,boilerplate,doc,doc_paragraph,source,lang,date,similarity,text,doc_text,translated
//   - html: one self-contained page (checkhtml.go), each article's
//     paragraphs beside their archived matches, shared passages marked;
//
// An article object has "doc", "source", "date", "title", "judged",
// "reused", "share" (reused/judged), "first" (the earliest dated match:
// "doc", "paragraph", "source", "date"; omitted when none),
// "first_paragraphs", "verdict", and "paragraphs": each with
// "paragraph", "lang" (as a scan detects it; "" when not indexed or with
// --translate=false), "words", "indexed", "boilerplate", "partial", "more",
// "begin", "end", "text" and "matches" ("doc", "paragraph", "source",
// "lang" (the archived paragraph's), "date", "url", "title",
// "similarity", "translated" (found in another language; similarity is
// then the pivot one) and "text").
func WriteCheck(w io.Writer, checked []archive.Checked, opts CheckOptions) error {
	format, err := ParseFormat(string(opts.Format))
	if err != nil {
		return err
	}
	switch format {
	case FormatTable, FormatMarkdown:
		err = writeCheckTables(w, checked, opts, format == FormatMarkdown)
	case FormatJSON:
		err = writeCheckJSON(w, checked, false)
	case FormatJSONL:
		err = writeCheckJSON(w, checked, true)
	case FormatCSV:
		err = writeCheckCSV(w, checked)
	case FormatHTML:
		err = writeCheckHTML(w, checked, opts)
	}
	if err != nil {
		return fmt.Errorf("report: writing %s: %w", format, err)
	}
	return nil
}

func writeCheckTables(w io.Writer, checked []archive.Checked, opts CheckOptions, md bool) error {
	width := opts.Width
	if md || width < 0 {
		width = 0
	}
	snippet := opts.Snippet
	if snippet <= 0 {
		snippet = DefaultSnippet
	}
	p := printer{w: w, md: md, width: width}
	if len(checked) == 0 {
		p.text("No article to check.")
	}
	for i, c := range checked {
		if i > 0 {
			p.line("")
		}
		title := clean(c.Doc.ID)
		var about []string
		if c.Doc.Source != "" {
			about = append(about, clean(c.Doc.Source))
		}
		if d := date(c.Doc.Date); d != "" {
			about = append(about, d)
		}
		if len(about) > 0 {
			title += " (" + strings.Join(about, ", ") + ")"
		}
		// The verdict names an archived source and id: cleaned as
		// every cell is.
		verdict := clean(Verdict(c))
		if md {
			p.line("## " + markdownEscaper.Replace(title))
			p.line("")
			p.text(markdownEscaper.Replace(verdict))
		} else {
			p.text(title + ": " + verdict)
		}
		if c.Judged == 0 {
			continue
		}
		p.line("")
		if p.err == nil {
			p.err = checkGrid(c, snippet).render(p.w, width, md)
		}
	}
	return p.err
}

func checkGrid(c archive.Checked, snippet int) grid {
	// MATCH shrinks with SNIPPET, sharing the space: archived document
	// ids are often paths as long as the line, and a snippet cut to its
	// first word says nothing.
	g := grid{cols: []column{
		{header: "PARA", right: true}, {header: "SOURCE", shrinkLast: true}, {header: "DATE"},
		{header: "SIMILARITY", right: true}, {header: "MATCH", shrink: true}, {header: "SNIPPET", shrink: true},
	}}
	for _, p := range c.Paragraphs {
		if !p.Indexed {
			continue
		}
		snip := plain(cut(clean(p.Text), snippet, 0))
		if len(p.Hits) == 0 {
			g.rows = append(g.rows, []cell{plain(strconv.Itoa(p.Index)), plain("-"), plain(""), plain(""), plain(""), snip})
			continue
		}
		for i, h := range p.Hits {
			match := clean(h.Doc) + ":" + strconv.Itoa(h.Paragraph)
			if h.Translated {
				match += " translated (" + clean(h.Lang) + ")"
			}
			if p.Boilerplate {
				match = "boilerplate " + match
			}
			row := []cell{plain(""), plain(clean(h.Source)), plain(date(h.Date)),
				plain(strconv.FormatFloat(round4(h.Similarity), 'f', 2, 64)), plain(match), plain("")}
			if i == 0 {
				row[0], row[5] = plain(strconv.Itoa(p.Index)), snip
			}
			g.rows = append(g.rows, row)
		}
		if p.More > 0 {
			g.rows = append(g.rows, []cell{plain(""), plain(fmt.Sprintf("%d more", p.More)), plain(""), plain(""), plain(""), plain("")})
		}
	}
	return g
}

// The JSON types of check are a public contract like the scan's: keys
// are added, never renamed.
type jsonArticle struct {
	Doc             string          `json:"doc"`
	Source          string          `json:"source"`
	Date            string          `json:"date,omitempty"`
	Title           string          `json:"title,omitempty"`
	Judged          int             `json:"judged"`
	Reused          int             `json:"reused"`
	Share           float64         `json:"share"`
	First           *jsonFirst      `json:"first,omitempty"`
	FirstParagraphs int             `json:"first_paragraphs"`
	Verdict         string          `json:"verdict"`
	Paragraphs      []jsonParagraph `json:"paragraphs"`
}

type jsonFirst struct {
	Doc       string `json:"doc"`
	Paragraph int    `json:"paragraph"`
	Source    string `json:"source"`
	Date      string `json:"date"`
}

type jsonParagraph struct {
	Paragraph   int         `json:"paragraph"`
	Lang        string      `json:"lang"`
	Words       int         `json:"words"`
	Indexed     bool        `json:"indexed"`
	Boilerplate bool        `json:"boilerplate"`
	Partial     bool        `json:"partial"`
	More        int         `json:"more"`
	Begin       int         `json:"begin"`
	End         int         `json:"end"`
	Text        string      `json:"text"`
	Matches     []jsonMatch `json:"matches"`
}

type jsonMatch struct {
	Doc        string  `json:"doc"`
	Paragraph  int     `json:"paragraph"`
	Source     string  `json:"source"`
	Lang       string  `json:"lang"`
	Date       string  `json:"date,omitempty"`
	URL        string  `json:"url,omitempty"`
	Title      string  `json:"title,omitempty"`
	Similarity float64 `json:"similarity"`
	Translated bool    `json:"translated"`
	Text       string  `json:"text"`
}

func toJSONArticle(c archive.Checked) jsonArticle {
	a := jsonArticle{
		Doc: c.Doc.ID, Source: c.Doc.Source, Date: date(c.Doc.Date), Title: c.Doc.Title,
		Judged: c.Judged, Reused: c.Reused, FirstParagraphs: c.FirstParagraphs, Verdict: Verdict(c),
		Paragraphs: make([]jsonParagraph, 0, len(c.Paragraphs)),
	}
	if c.Judged > 0 {
		a.Share = round4(float64(c.Reused) / float64(c.Judged))
	}
	if f := c.First; f != nil {
		a.First = &jsonFirst{Doc: f.Doc, Paragraph: f.Paragraph, Source: f.Source, Date: date(f.Date)}
	}
	for _, p := range c.Paragraphs {
		jp := jsonParagraph{
			Paragraph: p.Index, Lang: p.Lang, Words: p.Words, Indexed: p.Indexed, Boilerplate: p.Boilerplate,
			Partial: p.Partial, More: p.More, Begin: p.Begin, End: p.End, Text: p.Text,
			Matches: make([]jsonMatch, len(p.Hits)),
		}
		for i, h := range p.Hits {
			jp.Matches[i] = jsonMatch{Doc: h.Doc, Paragraph: h.Paragraph, Source: h.Source, Lang: h.Lang,
				Date: date(h.Date), URL: h.URL, Title: h.Title, Similarity: round4(h.Similarity), Translated: h.Translated, Text: h.Text}
		}
		a.Paragraphs = append(a.Paragraphs, jp)
	}
	return a
}

// writeCheckJSON writes {"articles": [...]} indented, or with lines
// true one article per line; articles are encoded one at a time.
func writeCheckJSON(w io.Writer, checked []archive.Checked, lines bool) error {
	if lines {
		j := newJSONWriter(w, "", "")
		for _, c := range checked {
			if err := j.write("", toJSONArticle(c), "\n"); err != nil {
				return err
			}
		}
		return nil
	}
	j := newJSONWriter(w, "    ", "  ")
	if _, err := io.WriteString(w, "{\n  \"articles\": ["); err != nil {
		return err
	}
	for i, c := range checked {
		sep := ",\n    "
		if i == 0 {
			sep = "\n    "
		}
		if err := j.write(sep, toJSONArticle(c), ""); err != nil {
			return err
		}
	}
	end := "]\n}\n"
	if len(checked) > 0 {
		end = "\n  " + end
	}
	_, err := io.WriteString(w, end)
	return err
}

// checkCSVHeader names the columns of check's CSV, one row per match.
var checkCSVHeader = []string{"article", "paragraph", "boilerplate", "doc", "doc_paragraph", "source", "lang", "date", "similarity", "text", "doc_text", "translated"}

func writeCheckCSV(w io.Writer, checked []archive.Checked) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(checkCSVHeader); err != nil {
		return err
	}
	for _, c := range checked {
		for _, p := range c.Paragraphs {
			for _, h := range p.Hits {
				row := []string{c.Doc.ID, strconv.Itoa(p.Index), strconv.FormatBool(p.Boilerplate), h.Doc,
					strconv.Itoa(h.Paragraph), h.Source, h.Lang, date(h.Date),
					strconv.FormatFloat(round4(h.Similarity), 'f', -1, 64), p.Text, h.Text, strconv.FormatBool(h.Translated)}
				if err := cw.Write(row); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
