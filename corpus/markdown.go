package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The Markdown reader strips markup lightly, line by line, rather than
// rendering through a full CommonMark parser: what matters downstream is
// the words and the blank-line paragraph structure, both kept as written.
// Headings lose their markers and stand as paragraphs of their own; the
// first becomes the title. Emphasis, inline code and link markup are
// dropped, keeping their text; images, fenced code blocks, link reference
// definitions and thematic breaks are dropped entirely. A YAML ("---") or
// TOML ("+++") front matter block is dropped too, and its title and date
// are used.

// mdDoc is a Markdown file's text and metadata.
type mdDoc struct {
	title, text string
	date        string // from front matter, as written
}

// markdown returns the text and metadata of the Markdown document src.
func markdown(src string) mdDoc {
	var d mdDoc
	lines := strings.Split(normalizeNewlines(src), "\n")
	lines = d.frontMatter(lines)

	var out []string
	blank := true      // the last line written is blank, or none is written
	text := false      // the last line written is paragraph text
	var fence string   // the opening fence while in a fenced code block
	var lastRaw string // the last line written, before inline()
	emitBlank := func() {
		if !blank {
			out = append(out, "")
		}
		blank, text = true, false
	}
	emit := func(s string) {
		out = append(out, s)
		blank, text = false, true
	}
	heading := func(s string) {
		s = strings.TrimSpace(inline(s))
		if d.title == "" {
			d.title = s
		}
		emitBlank()
		if s != "" {
			emit(s)
		}
		emitBlank()
	}

	for _, line := range lines {
		if fence != "" {
			if closesFence(line, fence) {
				fence = ""
			}
			continue
		}
		if isBlank(line) {
			emitBlank()
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " "))
		if indent > 3 { // indented: a continuation or code, kept as text
			if s := inline(line); !isBlank(s) {
				emit(s)
				lastRaw = line
			}
			continue
		}
		body := strings.TrimRight(line[indent:], " \t")
		switch {
		case opensFence(body) != "":
			fence = opensFence(body)
			emitBlank()
		case isSetextUnderline(body) && text:
			// The line before is a heading: move it into a paragraph
			// of its own.
			out = out[:len(out)-1]
			blank = len(out) == 0 || out[len(out)-1] == ""
			text = !blank
			heading(lastRaw)
		case isThematicBreak(body):
			emitBlank()
		case isRefDefinition(body):
		case atxHeading(body) != nil:
			heading(*atxHeading(body))
		default:
			raw := stripBlockMarkers(line)
			if s := inline(raw); isBlank(s) {
				emitBlank() // an image alone on its line, say
			} else {
				emit(s)
				lastRaw = raw
			}
		}
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	d.text = strings.Join(out, "\n")
	d.title = strings.TrimSpace(d.title)
	return d
}

// frontMatter drops a leading YAML or TOML front matter block, keeping its
// title and date, and returns the remaining lines.
func (d *mdDoc) frontMatter(lines []string) []string {
	if len(lines) == 0 {
		return lines
	}
	delim := strings.TrimRight(lines[0], " \t")
	sep := ":"
	switch delim {
	case "---":
	case "+++":
		sep = "="
	default:
		return lines
	}
	for i := 1; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], " \t")
		if l == delim || delim == "---" && l == "..." {
			for _, kv := range lines[1:i] {
				k, v, ok := strings.Cut(kv, sep)
				if !ok {
					continue
				}
				v = strings.Trim(strings.TrimSpace(v), `"'`)
				switch strings.ToLower(strings.TrimSpace(k)) {
				case "title":
					d.title = inline(v)
				case "date":
					d.date = v
				}
			}
			return lines[i+1:]
		}
	}
	return lines
}

// opensFence returns the fence a line opens (``` or ~~~, or longer), or "".
func opensFence(s string) string {
	if len(s) < 3 || s[0] != '`' && s[0] != '~' {
		return ""
	}
	n := runLen(s, 0, s[0])
	if n < 3 || s[0] == '`' && strings.IndexByte(s[n:], '`') >= 0 {
		return ""
	}
	return s[:n]
}

func closesFence(line, fence string) bool {
	s := strings.TrimSpace(line)
	return len(line)-len(strings.TrimLeft(line, " ")) <= 3 &&
		len(s) >= len(fence) && runLen(s, 0, fence[0]) == len(s)
}

func isSetextUnderline(s string) bool {
	return s != "" && (s[0] == '=' || s[0] == '-') && runLen(s, 0, s[0]) == len(s)
}

// isThematicBreak reports lines of three or more '-', '*' or '_', possibly
// spaced.
func isThematicBreak(s string) bool {
	if s == "" || !strings.ContainsRune("-*_", rune(s[0])) {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case s[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// isRefDefinition reports link reference definitions: "[label]: url".
func isRefDefinition(s string) bool {
	if !strings.HasPrefix(s, "[") {
		return false
	}
	end := strings.Index(s, "]:")
	return end > 1 && !strings.ContainsAny(s[1:end], "[]") && strings.TrimSpace(s[end+2:]) != ""
}

// atxHeading returns the text of a "# Heading #" line, or nil.
func atxHeading(s string) *string {
	n := runLen(s, 0, '#')
	if n == 0 || n > 6 || n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return nil
	}
	h := strings.TrimSpace(s[n:])
	// A closing run of '#' preceded by a space is not part of the text.
	if t := strings.TrimRight(h, "#"); t == "" || strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\t") {
		h = strings.TrimSpace(t)
	}
	return &h
}

// stripBlockMarkers drops blockquote markers and one list item marker from
// the start of a line, keeping its indentation.
func stripBlockMarkers(line string) string {
	indent := len(line) - len(strings.TrimLeft(line, " \t"))
	s := line[indent:]
	quoted := false
	for strings.HasPrefix(s, ">") {
		s = strings.TrimPrefix(s[1:], " ")
		quoted = true
	}
	if quoted {
		s = strings.TrimLeft(s, " \t")
	}
	if n := listMarker(s); n > 0 {
		s = s[n:]
	}
	return line[:indent] + s
}

// listMarker returns the length of a list item marker and the spaces after
// it at the start of s: "- ", "* ", "+ ", "1. ", "12) "; 0 if there is none.
func listMarker(s string) int {
	n := 0
	switch {
	case s != "" && strings.IndexByte("-*+", s[0]) >= 0:
		n = 1
	default:
		for n < len(s) && n < 3 && '0' <= s[n] && s[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(s) || s[n] != '.' && s[n] != ')' {
			return 0
		}
		n++
	}
	if n >= len(s) || s[n] != ' ' && s[n] != '\t' {
		return 0
	}
	return n + len(s[n:]) - len(strings.TrimLeft(s[n:], " \t"))
}

// inline drops inline markup from s: emphasis and strike-through markers,
// code spans' backticks, link syntax (keeping the link text), images,
// autolinks' angle brackets and backslash escapes. It runs in time linear
// in len(s) whatever the input: brackets are matched once up front, links
// do not nest, and code spans have bounded markers.
func inline(s string) string {
	if !strings.ContainsAny(s, "\\![`*_~<") {
		return s
	}
	var match []int // see matchBrackets
	if strings.IndexByte(s, '[') >= 0 {
		match = matchBrackets(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	limit := len(s) // end of the text being written: of the line or of a link's text
	linkEnd := -1   // where to go on at limit when in a link's text
	// noClose[n] records that no run of n backticks closes a code span
	// before limit: later runs of n need not search again.
	var noClose [maxCodeRun + 1]bool
	for i := 0; i < len(s); {
		if i >= limit {
			i, limit, linkEnd = linkEnd, len(s), -1
			noClose = [maxCodeRun + 1]bool{}
			continue
		}
		c := s[i]
		switch c {
		case '\\':
			if i+1 < limit && isASCIIPunct(s[i+1]) {
				b.WriteByte(s[i+1])
				i += 2
				continue
			}
		case '!':
			if i+1 < limit && s[i+1] == '[' {
				if _, end, ok := link(s[:limit], i+1, match); ok {
					i = end // an image: dropped
					continue
				}
			}
		case '[':
			if linkEnd < 0 {
				if close, end, ok := link(s[:limit], i, match); ok {
					limit, linkEnd = close, end
					noClose = [maxCodeRun + 1]bool{}
					i++
					continue
				}
			}
		case '`':
			n := runLen(s[:limit], i, '`')
			if n <= maxCodeRun && !noClose[n] {
				if j := closingRun(s[:limit], i+n, n, '`'); j >= 0 {
					b.WriteString(s[i+n : j])
					i = j + n
					continue
				}
				noClose[n] = true
			}
			b.WriteString(s[i : i+n])
			i += n
			continue
		case '*', '_', '~':
			n := runLen(s[:limit], i, c)
			if !isEmphasis(s[:limit], i, n) {
				b.WriteString(s[i : i+n])
			}
			i += n
			continue
		case '<':
			j := i + 1
			for j < limit && strings.IndexByte(" \t<>", s[j]) < 0 {
				j++
			}
			if j < limit && s[j] == '>' && isAutolink(s[i+1:j]) {
				b.WriteString(s[i+1 : j])
				i = j + 1
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// maxCodeRun is the longest backtick run taken to open a code span. Real
// ones use one to three; the bound keeps a line of ever longer runs from
// costing quadratic time.
const maxCodeRun = 8

// matchBrackets returns, for each '[' and '(' in s, the index of the
// bracket closing it, or -1; escaped brackets do not count.
func matchBrackets(s string) []int {
	match := make([]int, len(s))
	var squares, parens []int
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			match[i] = -1
			squares = append(squares, i)
		case '(':
			match[i] = -1
			parens = append(parens, i)
		case ']':
			if n := len(squares); n > 0 {
				match[squares[n-1]] = i
				squares = squares[:n-1]
			}
		case ')':
			if n := len(parens); n > 0 {
				match[parens[n-1]] = i
				parens = parens[:n-1]
			}
		}
	}
	return match
}

// link parses "[text](url)", "[text][ref]" or "[text][]" at s[i], given
// the bracket matches of a string s is a prefix of. It returns the index of
// the ']' closing the text and the index just past the link.
func link(s string, i int, match []int) (close, end int, ok bool) {
	if match == nil || match[i] <= i {
		return 0, 0, false
	}
	close = match[i]
	if close+1 >= len(s) || s[close+1] != '(' && s[close+1] != '[' {
		return 0, 0, false
	}
	if e := match[close+1]; e > close+1 && e < len(s) {
		return close, e + 1, true
	}
	return 0, 0, false
}

// closingRun returns the index of the next run of exactly n c's at or after
// s[i], or -1.
func closingRun(s string, i, n int, c byte) int {
	for i < len(s) {
		j := strings.IndexByte(s[i:], c)
		if j < 0 {
			return -1
		}
		j += i
		m := runLen(s, j, c)
		if m == n {
			return j
		}
		i = j + m
	}
	return -1
}

// isEmphasis reports whether the run s[i:i+n] of '*', '_' or '~' is an
// emphasis marker: it is not inside a word (snake_case, 5*3) and not
// standing alone between spaces (a * b). A single '~' is never one.
func isEmphasis(s string, i, n int) bool {
	if s[i] == '~' && n != 2 {
		return false
	}
	before, after := ' ', ' '
	if i > 0 {
		before, _ = utf8.DecodeLastRuneInString(s[:i])
	}
	if i+n < len(s) {
		after, _ = utf8.DecodeRuneInString(s[i+n:])
	}
	inWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	if inWord(before) && inWord(after) {
		return false
	}
	return !(unicode.IsSpace(before) && unicode.IsSpace(after))
}

func isAutolink(s string) bool {
	if strings.ContainsAny(s, " \t<") {
		return false
	}
	for _, p := range []string{"http://", "https://", "mailto:", "ftp://"} {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			return true
		}
	}
	return false
}

func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// runLen returns how many c's start at s[i].
func runLen(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}
