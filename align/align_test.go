package align

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zeebo/xxh3"

	"github.com/wirecopy/wirecopy/shingle"
)

const wire = "NATO Secretary-General Jens Stoltenberg has called a special meeting of allied ambassadors and senior Russian officials for next week, as both sides seek dialogue to prevent an open conflict over Ukraine, a NATO official said on Tuesday."

// passage is an expected span: byte offsets in A and B, and the text of A
// they cut out (which documents the offsets and is checked too).
type passage struct {
	aBegin, aEnd, bBegin, bEnd int
	text                       string
}

func TestAlign(t *testing.T) {
	de := "BERLIN (dpa) – „Die Bundesregierung hat am Dienstag die Förderung für Wärmepumpen in der HAUPTSTRASSE um weitere zwölf Monate verlängert“, teilte das Wirtschaftsministerium in Berlin mit."
	deWire := "\"Die Bundesregierung hat am Dienstag die Förderung für Wärmepumpen in der Hauptstraße um weitere zwölf Monate verlängert\", teilte das Ministerium mit."
	ru := "МОСКВА, 12 марта. Правительство России в среду объявило о повышении пенсий на 7,5 процента с первого января."
	ruWire := "Правительство России в среду объявило о повышении пенсий на 7,5 процента с первого января следующего года, сообщил министр."
	tests := []struct {
		name string
		a, b string
		want []passage
	}{
		{"identical", wire, wire, []passage{{0, 236, 0, 236, wire[:236]}}},
		{
			// "BRUSSELS (Reuters) - " is 21 bytes; the credit line
			// after the wire's last word is outside too, and so is the
			// full stop: spans cover words.
			"dateline and credit line",
			"BRUSSELS (Reuters) - " + wire + " Reporting by Sabine Siebold; editing by Alex Richardson.", wire,
			[]passage{{21, 257, 0, 236, wire[:236]}},
		},
		{
			"trimmed ending",
			strings.Split(wire, ", as")[0] + ".", wire,
			[]passage{{0, 133, 0, 133, "NATO Secretary-General Jens Stoltenberg has called a special meeting of allied ambassadors and senior Russian officials for next week"}},
		},
		{
			// The inserted sentence, with its full stop, lies between
			// the two passages; B has them side by side.
			"inserted sentence",
			"NATO Secretary-General Jens Stoltenberg has called a special meeting of allied ambassadors. The city council met on Monday to discuss parking. And senior Russian officials for next week, as both sides seek dialogue.",
			"NATO Secretary-General Jens Stoltenberg has called a special meeting of allied ambassadors and senior Russian officials for next week, as both sides seek dialogue.",
			[]passage{
				{0, 90, 0, 90, "NATO Secretary-General Jens Stoltenberg has called a special meeting of allied ambassadors"},
				{143, 214, 91, 162, "And senior Russian officials for next week, as both sides seek dialogue"},
			},
		},
		{
			// A changed word and a two-word synonym inside, an en dash
			// for a hyphen: one passage, a word longer in A than in B.
			"edited words",
			strings.NewReplacer("special", "extraordinary", "seek", "look for", "Secretary-General", "Secretary–General").Replace(wire), wire,
			[]passage{{0, 248, 0, 236, "NATO Secretary–General Jens Stoltenberg has called a extraordinary meeting of allied ambassadors and senior Russian officials for next week, as both sides look for dialogue to prevent an open conflict over Ukraine, a NATO official said on Tuesday"}},
		},
		{
			// A changed word two words from the end: extension steps
			// over it (score -1 +1 +1).
			"changed word near the end",
			"The committee will vote on the bill next month, the chairman said Tuesday night.",
			"The committee will vote on the bill next month, the chairman announced Tuesday night.",
			[]passage{{0, 79, 0, 84, "The committee will vote on the bill next month, the chairman said Tuesday night"}},
		},
		{
			// Umlauts (2 bytes), ß, curly and low quotes and an en dash
			// (3 bytes); "HAUPTSTRASSE" is "Hauptstraße" case-folded.
			// The dateline ends at byte 20, before „; the edited ending
			// ("Wirtschaftsministerium in Berlin") is outside.
			"German", de, deWire,
			[]passage{{20, 160, 1, 139, "Die Bundesregierung hat am Dienstag die Förderung für Wärmepumpen in der HAUPTSTRASSE um weitere zwölf Monate verlängert“, teilte das"}},
		},
		{
			// Cyrillic letters take 2 bytes: the dateline "МОСКВА, 12
			// марта. " is 6*2+2+2+1+5*2+2 = 29 bytes. The ending is
			// trimmed; "7,5" is one word.
			"Cyrillic", ru, ruWire,
			[]passage{{29, 191, 0, 162, "Правительство России в среду объявило о повышении пенсий на 7,5 процента с первого января"}},
		},
		{
			"CRLF inside a paragraph",
			"The measure, which passed 61-38, now goes to the president,\r\nwho is expected to sign it.",
			"The measure, which passed 61–38, now goes to the president, who is expected to sign it.",
			[]passage{{0, 87, 0, 88, "The measure, which passed 61-38, now goes to the president,\r\nwho is expected to sign it"}},
		},
		{
			// One common phrase in otherwise different sentences is
			// not a passage (MinSpan).
			"chance phrase",
			"The fire brigade pumped water out of basements, a spokesman said on Tuesday.",
			"Stocks fell sharply in early trading, analysts said on Tuesday.",
			nil,
		},
		{"unrelated", wire, "Heavy rain flooded several streets in the city centre on Monday evening.", nil},
		{"shorter than a seed", "Hello world", "Hello world", nil},
		{"empty", "", wire, nil},
	}
	al := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, p := range tt.want {
				if got := tt.a[p.aBegin:p.aEnd]; got != p.text {
					t.Fatalf("test is wrong: A[%d:%d] = %q, not %q", p.aBegin, p.aEnd, got, p.text)
				}
			}
			x, y := al.Words(tt.a), al.Words(tt.b)
			spans := al.Align(x, y)
			var got []passage
			for _, s := range spans {
				got = append(got, passage{s.A.Begin, s.A.End, s.B.Begin, s.B.End, tt.a[s.A.Begin:s.A.End]})
			}
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", tt.want) {
				t.Errorf("spans:\n%+v\nwant:\n%+v", got, tt.want)
			}
			checkSpans(t, tt.a, tt.b, x, y, spans)
		})
	}
}

// checkSpans checks what holds for every alignment: spans run forward in
// both texts without overlapping, their ranges agree with the words, and
// each starts and ends on a pair of equal words.
func checkSpans(t *testing.T, a, b string, x, y []Word, spans []Span) {
	t.Helper()
	lastA, lastB := 0, 0
	for _, s := range spans {
		for _, side := range []struct {
			r    Range
			ws   []Word
			text string
			last int
		}{{s.A, x, a, lastA}, {s.B, y, b, lastB}} {
			r := side.r
			if r.From < side.last || r.To <= r.From || r.To > len(side.ws) {
				t.Fatalf("span %v out of order or bounds (%d words, previous ends at word %d)", s, len(side.ws), side.last)
			}
			if r.Begin != side.ws[r.From].Begin || r.End != side.ws[r.To-1].End || r.End > len(side.text) {
				t.Fatalf("span %v: bytes disagree with words", s)
			}
			if !utf8.ValidString(side.text) {
				continue
			}
			if !utf8.ValidString(side.text[r.Begin:r.End]) {
				t.Fatalf("span %v cuts a character", s)
			}
		}
		if s.A.Words() < MinSpan || s.B.Words() < MinSpan {
			t.Errorf("span %v shorter than %d words", s, MinSpan)
		}
		if x[s.A.From].Hash != y[s.B.From].Hash || x[s.A.To-1].Hash != y[s.B.To-1].Hash {
			t.Errorf("span %v does not start and end on equal words", s)
		}
		lastA, lastB = s.A.To, s.B.To
	}
}

func TestWords(t *testing.T) {
	text := "Grüße aus Köln – „Straße“ und “quotes” don’t\r\n2,5 Mio."
	want := []string{"Grüße 0-7", "aus 8-11", "Köln 12-17", "Straße 25-32", "und 36-39", "quotes 43-49", "don’t 53-60", "2,5 62-65", "Mio 66-69"}
	al := New()
	var got []string
	for _, w := range al.Words(text) {
		got = append(got, fmt.Sprintf("%s %d-%d", text[w.Begin:w.End], w.Begin, w.End))
	}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("words:\n%s\nwant:\n%s", strings.Join(got, ", "), strings.Join(want, ", "))
	}
	same := [][2]string{{"Straße", "STRASSE"}, {"don’t", "DON'T"}, {"Ｗｉｒｅ", "wire"}, {"Köln", "KÖLN"}, {"ПРАВИТЕЛЬСТВО", "правительство"}}
	for _, p := range same {
		if x, y := al.Words(p[0]), al.Words(p[1]); len(x) != 1 || len(y) != 1 || x[0].Hash != y[0].Hash {
			t.Errorf("%q and %q are not one word", p[0], p[1])
		}
	}
}

// TestHashAgreesWithNormalize holds the ASCII shortcut of hash to
// shingle's normalisation.
func TestHashAgreesWithNormalize(t *testing.T) {
	al := New()
	for _, tok := range []string{"NATO", "Stoltenberg", "don't", "61", "x86_64", "Straße", "Ａ", "ǅ", "İstanbul", "ΣΊΣΥΦΟΣ", "ﬁnal", "co\u00adoperate"} {
		if got, want := al.hash(tok), xxh3.HashString(shingle.Normalize(tok)); got != want {
			t.Errorf("hash(%q) disagrees with shingle.Normalize (%q)", tok, shingle.Normalize(tok))
		}
	}
}

func TestUnion(t *testing.T) {
	r := func(from, to int) Range { return Range{From: from, To: to, Begin: 10 * from, End: 10*to - 1} }
	got := Union([]Range{r(8, 12), r(0, 3), r(2, 5), r(5, 6), r(9, 10), r(20, 21)})
	want := []Range{r(0, 6), r(8, 12), r(20, 21)}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Union = %v, want %v", got, want)
	}
	if n := Covered(got); n != 11 {
		t.Errorf("Covered = %d, want 11", n)
	}
}

// TestLongRepetitive: degenerate input (one sentence a thousand times, in
// both texts) stays within MaxSeedPairs seeds per word.
func TestLongRepetitive(t *testing.T) {
	text := strings.Repeat("the cat sat on the mat and the dog sat on the log. ", 1000)
	al := New()
	x := al.Words(text)
	spans := al.Align(x, x)
	if len(al.matches) > MaxSeedPairs*len(x) {
		t.Errorf("%d seeds for %d words", len(al.matches), len(x))
	}
	checkSpans(t, text, text, x, x, spans)
}

// TestLongDocument: a long text against an edited copy of itself (words
// changed, a passage dropped, one inserted) is one passage per stretch
// between the larger edits.
func TestLongDocument(t *testing.T) {
	a, b := longPair(50000)
	al := New()
	x, y := al.Words(a), al.Words(b)
	spans := al.Align(x, y)
	checkSpans(t, a, b, x, y, spans)
	covered := Covered(rangesA(spans))
	if len(spans) != 2 || covered < len(x)-120 {
		t.Errorf("%d spans covering %d of %d words: %v", len(spans), covered, len(x), spans)
	}
}

func rangesA(spans []Span) []Range {
	var rs []Range
	for _, s := range spans {
		rs = append(rs, s.A)
	}
	return rs
}

// longPair returns a text of n random words and a copy with every 50th
// word changed, 100 words dropped in the middle and 100 new ones put in
// their place.
func longPair(n int) (string, string) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := strings.Fields("the a of to in and said on for with at by from minister council police market bank rates city government report week year people officials president company")
	word := func() string {
		if rng.IntN(3) == 0 {
			return fmt.Sprintf("w%d", rng.IntN(100000))
		}
		return vocab[rng.IntN(len(vocab))]
	}
	var a, b []string
	for i := range n {
		w := word()
		a = append(a, w)
		switch {
		case i == n/2:
			for range 100 {
				b = append(b, fmt.Sprintf("new%d", rng.IntN(1000)))
			}
		case i > n/2 && i < n/2+100:
		case i%50 == 25:
			b = append(b, "changed")
		default:
			b = append(b, w)
		}
	}
	return strings.Join(a, " "), strings.Join(b, " ")
}

func FuzzAlign(f *testing.F) {
	f.Add(wire, "BRUSSELS (Reuters) - "+wire)
	f.Add("a b c d e f a b c d e f", "a b c d e f")
	f.Add("МОСКВА, 12 марта. Правительство России", "Правительство России")
	f.Add("x\xffy z w v u", "x\xffy z w v u")
	f.Fuzz(func(t *testing.T, a, b string) {
		al := New()
		x, y := al.Words(a), al.Words(b)
		checkSpans(t, a, b, x, y, al.Align(x, y))
	})
}

func BenchmarkAlign(b *testing.B) {
	para := "BRUSSELS (Reuters) - " + strings.Replace(wire, "special", "extraordinary", 1)
	long, edited := longPair(20000)
	for _, bm := range []struct{ name, a, b string }{
		{"paragraph", para, wire},
		{"document-20k-words", edited, long},
	} {
		b.Run(bm.name, func(b *testing.B) {
			al := New()
			y := al.Words(bm.b)
			var x []Word
			b.SetBytes(int64(len(bm.a)))
			b.ReportAllocs()
			for b.Loop() {
				x = al.AppendWords(x[:0], bm.a)
				al.Align(x, y)
			}
		})
	}
}
