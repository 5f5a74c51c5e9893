package report

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// ellipsis marks text cut to fit a column.
const ellipsis = "…"

// clean returns s as one line of text that is safe to print on a terminal:
// runs of white space (including newlines) become one space and leading
// and trailing space goes; invalid UTF-8 becomes U+FFFD; control
// characters (C0, DEL, C1) print as `\x1b`-style escapes and bidirectional
// overrides and isolates as `\u202e`-style escapes, so a document can
// neither move the cursor, change colours nor reorder the line.
func clean(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s { // invalid bytes arrive as utf8.RuneError, written as U+FFFD
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		switch {
		case r < 0x20 || 0x7f <= r && r <= 0x9f:
			b.WriteString(`\x`)
			b.WriteByte(hex[r>>4])
			b.WriteByte(hex[r&0xf])
		case isBidiControl(r):
			b.WriteString(`\u`)
			for shift := 12; shift >= 0; shift -= 4 {
				b.WriteByte(hex[r>>shift&0xf])
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Clean is what the tables print of any text: the escaping every command
// applies to what it prints of documents, archives and file names, its
// messages on standard error included (see clean).
func Clean(s string) string { return clean(s) }

const hex = "0123456789abcdef"

// isPlain reports whether s is printable ASCII with single inner spaces,
// which clean returns unchanged.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ') {
			return false
		}
	}
	return true
}

// isBidiControl reports whether r is a bidirectional embedding, override
// or isolate (U+202A–U+202E, U+2066–U+2069), which reorder the rest of a
// terminal line.
func isBidiControl(r rune) bool {
	return 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069
}

// textWidth returns the number of terminal columns s takes, measured as
// tablewriter measures it. Printable ASCII, most cells, takes a column a
// byte.
func textWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return twwidth.Width(s)
		}
	}
	return len(s)
}

func runeWidth(r rune) int {
	if 0x20 <= r && r < 0x7f {
		return 1
	}
	return twwidth.Width(string(r))
}

// cut shortens s to at most maxRunes runes and maxWidth columns, ending it
// with an ellipsis when it had to be cut. A limit of 0 or less means none.
func cut(s string, maxRunes, maxWidth int) string {
	if maxRunes <= 0 {
		maxRunes = math.MaxInt
	}
	if maxWidth <= 0 {
		maxWidth = math.MaxInt
	}
	ew := textWidth(ellipsis)
	runes, width, end := 0, 0, 0
	for i, r := range s {
		rw := runeWidth(r)
		if runes+1 > maxRunes || width+rw > maxWidth {
			return strings.TrimRight(s[:end], " ") + ellipsis
		}
		runes++
		width += rw
		if runes+1 <= maxRunes && width+ew <= maxWidth {
			end = i + utf8.RuneLen(r)
		}
	}
	return s
}

// cell is a table cell whose text may be cut to fit its column: either
// plain text or a list, which loses whole items before it loses letters.
type cell struct {
	text   string   // plain text, already clean
	prefix string   // for a list: text before the items, such as "4: "
	items  []string // for a list: the items, already clean
	more   bool     // for a list: items were left out, so it ends in ", …"
}

func plain(s string) cell { return cell{text: s} }

func (c cell) isList() bool { return c.items != nil }

func (c cell) String() string {
	if !c.isList() {
		return c.text
	}
	s := c.prefix + strings.Join(c.items, ", ")
	if c.more {
		s += ", " + ellipsis
	}
	return s
}

// fit returns the cell's text cut to at most w columns.
func (c cell) fit(w int) string {
	full := c.String()
	if textWidth(full) <= w {
		return full
	}
	if !c.isList() {
		return cut(full, 0, w)
	}
	best := ""
	for k := 1; k <= len(c.items); k++ {
		s := c.prefix + strings.Join(c.items[:k], ", ") + ", " + ellipsis
		if textWidth(s) > w {
			break
		}
		best = s
	}
	if best == "" {
		return cut(full, 0, w)
	}
	return best
}

// markdownEscaper backslash-escapes the ASCII punctuation that Markdown
// would read as markup, HTML, maths or a cell boundary in a table cell.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "~", `\~`, "&", `\&`, "$", `\$`,
)
