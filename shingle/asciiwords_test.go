package shingle

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/clipperhouse/uax29/v2/words"
)

// uax29Tokens is the uax29 package's segmentation of text.
func uax29Tokens(text string) []string {
	var out []string
	for t := words.FromString(text); t.Next(); {
		out = append(out, t.Value())
	}
	return out
}

func asciiTokens(text string) []string {
	var out []string
	eachASCIIToken(text, func(w string) { out = append(out, w) })
	return out
}

// TestASCIITokensMatchUAX29 checks eachASCIIToken against the uax29
// package on every ASCII character in every context that matters: random
// strings over an alphabet weighted to the joining and breaking
// characters, every string of up to three characters of it, and the
// ASCII lines of the project's test documents.
func TestASCIITokensMatchUAX29(t *testing.T) {
	check := func(text string) {
		t.Helper()
		if got, want := asciiTokens(text), uax29Tokens(text); !slices.Equal(got, want) {
			t.Fatalf("%q: tokens %q, uax29 gives %q", text, got, want)
		}
	}
	// Every ASCII character once, alone and between letters and digits.
	for c := range 128 {
		s := string(rune(c))
		for _, f := range []string{"%s", "a%sb", "1%s2", "a%s2", "1%sb", "_%s_", "%s%s", "a%s%sb", "1%s%s2"} {
			check(strings.ReplaceAll(f, "%s", s))
		}
	}
	alphabet := "aZ09_:.',; ;\t\r\n\v\f-\"!?()/@#&%x"
	var small func(prefix string, n int)
	small = func(prefix string, n int) {
		check(prefix)
		if n == 0 {
			return
		}
		for i := range len(alphabet) {
			small(prefix+alphabet[i:i+1], n-1)
		}
	}
	small("", 3)
	rng := rand.New(rand.NewPCG(7, 29))
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			if rng.IntN(4) == 0 {
				b[i] = byte(rng.IntN(128))
			} else {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			}
		}
		check(string(b))
	}
	files, _ := filepath.Glob("../testdata/*/*") // the seeds among them
	lines := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue // a folder
		}
		for line := range strings.Lines(string(data)) {
			if isASCII(line) {
				check(line)
				lines++
			}
		}
	}
	if lines < 1000 {
		t.Errorf("only %d ASCII lines of test documents checked", lines)
	}
}

// TestTokensMatchUAX29 checks eachToken, which cuts a text into pieces
// at runs of spaces, against the uax29 package on whole texts mixing
// ASCII with the characters whose rules look across a space or join
// with one: other spaces (WSegSpace), combining marks and ZWJ (WB4),
// regional indicators (WB15, WB16), Hebrew letters and quotes (WB7a to
// WB7c), Katakana, and the non-ASCII middle characters.
func TestTokensMatchUAX29(t *testing.T) {
	alphabet := []string{"a", "Z", "0", "_", ":", ".", "'", ",", " ", " ", " ", "\t", "\n", "\r", "-", "\"",
		"ä", "ß", "\u0301", "\u200d", "\u2000", "\u3000", "\u00a0", "\u00b7", "\u2019", "\uff0e",
		"🇩", "🇪", "א", "カ", "中", "👍", "\u00ad", "é"}
	check := func(text string) {
		t.Helper()
		var got []string
		eachToken(text, func(w string) { got = append(got, w) })
		if want := uax29Tokens(text); !slices.Equal(got, want) {
			t.Fatalf("%q: tokens %q, uax29 gives %q", text, got, want)
		}
	}
	var small func(prefix string, n int)
	small = func(prefix string, n int) {
		check(prefix)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			small(prefix+c, n-1)
		}
	}
	small("", 3)
	rng := rand.New(rand.NewPCG(8, 29))
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		check(b.String())
	}
	files, _ := filepath.Glob("../testdata/*/*")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue // a folder
		}
		for line := range strings.Lines(string(data)) {
			check(line)
		}
	}
}

// BenchmarkWordTokens compares eachASCIIToken with the uax29 package on
// an ASCII news paragraph.
func BenchmarkWordTokens(b *testing.B) {
	text := strings.Repeat("The U.S. Treasury said on Tuesday it would sell $3,100 million of 10-year notes, up 4.5% from May's auction. ", 4)
	b.Run("ascii", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			eachASCIIToken(text, func(string) {})
		}
	})
	b.Run("uax29", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			for t := words.FromString(text); t.Next(); {
				_ = t.Value()
			}
		}
	})
}
