package corpus

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"empty", "", nil},
		{"only white space", " \n\t\r\n\u00a0\n", nil},
		{"one line", "One.", []string{"One."}},
		{"blank lines", "One a.\nOne b.\n\nTwo.\n\n\n\nThree.", []string{"One a.\nOne b.", "Two.", "Three."}},
		{"CRLF", "One a.\r\nOne b.\r\n\r\nTwo.\r\n", []string{"One a.\r\nOne b.", "Two."}},
		{"bare CR", "One.\r\rTwo.", []string{"One.", "Two."}},
		{"no blank line: split at line breaks", "One.\nTwo.\r\nThree.", []string{"One.", "Two.", "Three."}},
		{"white-space-only lines are blank", "One a.\nOne b.\n \t \nTwo.\n\u3000\nThree.", []string{"One a.\nOne b.", "Two.", "Three."}},
		{"leading and trailing space trimmed", "  One.  \n\n\tTwo.\u00a0\n\n", []string{"One.", "Two."}},
		{"inner indentation kept", "  One a.\n  One b.\n\nTwo.", []string{"One a.\n  One b.", "Two."}},
		{"unicode spaces trimmed", "\u2003One.\u2003\n\n\u0085Two.", []string{"One.", "Two."}},
		{"leading blank lines", "\n\n\nOne.", []string{"One."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range Paragraphs(tt.text) {
				got = append(got, tt.text[s.Begin:s.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("Paragraphs(%q) = %q, want %q", tt.text, got, tt.want)
			}
			checkSpans(t, tt.text, Paragraphs(tt.text))
		})
	}
}

// checkSpans checks the invariants of Paragraphs: spans are in range, in
// order, do not overlap, and hold trimmed, non-empty text.
func checkSpans(t testing.TB, text string, spans []Span) {
	t.Helper()
	prev := 0
	for i, s := range spans {
		if s.Begin < prev || s.End <= s.Begin || s.End > len(text) {
			t.Fatalf("span %d %v out of order or range (previous end %d, text %d bytes)", i, s, prev, len(text))
		}
		p := text[s.Begin:s.End]
		if utf8.ValidString(p) && strings.TrimFunc(p, unicode.IsSpace) != p {
			t.Errorf("span %d %q is not trimmed", i, p)
		}
		if strings.TrimSpace(p) == "" {
			t.Errorf("span %d %q is blank", i, p)
		}
		prev = s.End
	}
}
