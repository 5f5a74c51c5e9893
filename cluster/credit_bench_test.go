package cluster

import (
	"strings"
	"testing"
)

// BenchmarkCredits reads the head and tail of a 3,400-byte article that
// credits no agency, one with a dateline and one with a sign-off.
func BenchmarkCredits(b *testing.B) {
	body := strings.Repeat("The council met on Tuesday and voted on the budget for next year, officials said. ", 40)
	for _, tc := range []struct{ name, text string }{
		{"none", body},
		{"dateline", "BRUSSELS (Reuters) - " + body},
		{"signoff", body + "\n\nReporting by Jan Novak; Editing by Mary Jones"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Credits(tc.text)
			}
		})
	}
}
