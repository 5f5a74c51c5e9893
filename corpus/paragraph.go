package corpus

import (
	"strings"
	"unicode"
)

// Span is a paragraph's place in its document's text: Text[Begin:End].
type Span struct {
	Begin, End int
}

// Paragraphs splits text at blank lines (a line holding only white space
// counts as blank). A text with no blank line is split at every line break
// instead, since many scraped articles put one paragraph on each line. Spans
// are trimmed of surrounding white space and empty paragraphs are dropped.
func Paragraphs(text string) []Span {
	lines := lineSpans(text)
	blank := false
	for _, l := range lines {
		if isBlank(text[l.Begin:l.End]) {
			blank = true
			break
		}
	}
	var out []Span
	start := -1 // begin of the paragraph being built, -1 when none
	end := 0
	flush := func() {
		if start >= 0 {
			out = append(out, trim(text, Span{start, end}))
			start = -1
		}
	}
	for _, l := range lines {
		if isBlank(text[l.Begin:l.End]) {
			flush()
			continue
		}
		if !blank {
			flush()
		}
		if start < 0 {
			start = l.Begin
		}
		end = l.End
	}
	flush()
	return out
}

// lineSpans returns the lines of text without their terminators; \r\n, \n
// and \r all end a line.
func lineSpans(text string) []Span {
	var out []Span
	begin := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			out = append(out, Span{begin, i})
			begin = i + 1
		case '\r':
			out = append(out, Span{begin, i})
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			begin = i + 1
		}
	}
	if begin < len(text) {
		out = append(out, Span{begin, len(text)})
	}
	return out
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// trim narrows s to exclude surrounding white space: the same white space
// (unicode.IsSpace) that makes a line blank, so that a trimmed paragraph is
// never empty.
func trim(text string, s Span) Span {
	p := text[s.Begin:s.End]
	left := len(p) - len(strings.TrimLeftFunc(p, unicode.IsSpace))
	right := len(strings.TrimRightFunc(p, unicode.IsSpace))
	return Span{s.Begin + left, s.Begin + right}
}
