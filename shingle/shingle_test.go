package shingle

import (
	"slices"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ascii lower", "NATO Chief Says", "nato chief says"},
		{"curly quotes", "“Russia’s ‘build-up’”", `"russia's 'build-up'"`},
		{"dashes", "Kyiv – Moscow — Minsk ‑ Riga − 5", "kyiv - moscow - minsk - riga - 5"},
		{"zero width and soft hyphen", "Stol\u200btenberg al\u00adliance \ufeffNATO\u2060", "stoltenberg alliance nato"},
		{"no-break and thin spaces", "12\u00a0January\u2009in\u3000Brussels", "12 january in brussels"},
		{"full-width", "ＮＡＴＯ　２０２２", "nato 2022"},
		{"ligature", "ﬁnance", "finance"},
		{"german sharp s folds", "Straße STRASSE", "strasse strasse"},
		{"guillemets", "«Schutz»", `"schutz"`},
		{"empty", "", ""},
	}
	s := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"BRUSSELS (Reuters) - NATO’s chief said.", []string{"brussels", "reuters", "nato's", "chief", "said"}},
		{"8,400 troops; 3.5% rise", []string{"8,400", "troops", "3.5", "rise"}},
		{"— “ ” ...", nil},
		{"Die Nato-Staaten trafen sich", []string{"die", "nato", "staaten", "trafen", "sich"}},
	}
	s := New(Options{})
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := s.Words(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestShingles(t *testing.T) {
	s := New(Options{Size: 3})
	tests := []struct {
		name       string
		a, b       string
		same       bool
		wantWordsA int
	}{
		{"typography only", `NATO's chief said "no" — again`, "NATO’s chief said “no” – again", true, 5},
		{"punctuation and spacing", "the alliance, he said, will act", "The alliance he said   will act!", true, 6},
		{"invisible characters", "the alliance will act now", "the al\u00adli\u200bance will act now", true, 5},
		{"word order matters", "one two three four", "four three two one", false, 4},
		{"different words", "one two three four", "one two three five", false, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, na := s.Shingles(tt.a)
			b, _ := s.Shingles(tt.b)
			if na != tt.wantWordsA {
				t.Errorf("words = %d, want %d", na, tt.wantWordsA)
			}
			if got := slices.Equal(a, b); got != tt.same {
				t.Errorf("sets equal = %v, want %v\n%v\n%v", got, tt.same, a, b)
			}
		})
	}
}

func TestShinglesSetShape(t *testing.T) {
	tests := []struct {
		size, words, want int
	}{
		{3, 0, 0},
		{3, 1, 1},
		{3, 3, 1},
		{3, 10, 8},
		{1, 10, 10},
		{5, 4, 1},
	}
	for _, tt := range tests {
		s := New(Options{Size: tt.size})
		var ws []string
		for i := range tt.words {
			ws = append(ws, "w"+strings.Repeat("x", i))
		}
		set, n := s.Shingles(strings.Join(ws, " "))
		if n != tt.words || len(set) != tt.want {
			t.Errorf("size %d, %d distinct words: got %d words, %d shingles; want %d shingles", tt.size, tt.words, n, len(set), tt.want)
		}
		if !slices.IsSorted(set) {
			t.Errorf("size %d: set not sorted", tt.size)
		}
	}
	// Repeated text gives distinct shingles only.
	set, n := New(Options{Size: 2}).Shingles("a b a b a b")
	if n != 6 || len(set) != 2 {
		t.Errorf("repeats: %d words, %d shingles; want 6 and 2", n, len(set))
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "NATO’s “chief”", "Straße\u200b", "\xff\xfe bad", "ＮＡＴＯ", "ﬁ\u00ad"} {
		f.Add(s)
	}
	sh := New(Options{})
	f.Fuzz(func(t *testing.T, s string) {
		n := sh.Normalize(s)
		// Normalising twice changes nothing more, so sets built from
		// normalised text are stable.
		if again := sh.Normalize(n); again != n {
			t.Errorf("not idempotent: %q -> %q -> %q", s, n, again)
		}
		set, words := sh.Shingles(s)
		if !slices.IsSorted(set) || len(set) > max(words, 1) {
			t.Errorf("bad set for %q: %d shingles from %d words", s, len(set), words)
		}
	})
}

var benchText = strings.Repeat("Nato-Generalsekretär Jens Stoltenberg hat für nächste Woche ein Sondertreffen “alliierter Botschafter” anberaumt. "+
	"Worried about Russia’s military build-up along Ukraine’s border, the Western military alliance has been seeking a meeting. ", 4)

func BenchmarkShingles(b *testing.B) {
	s := New(Options{})
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		s.Shingles(benchText)
	}
}

func BenchmarkShinglesASCII(b *testing.B) {
	text := strings.Repeat("The Western military alliance has been seeking a meeting of the council for months. ", 8)
	s := New(Options{})
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		s.Shingles(text)
	}
}
