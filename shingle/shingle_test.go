package shingle

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
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
	set, n := New(Options{Size: 2}).Shingles("ab cd ab cd ab cd")
	if n != 6 || len(set) != 2 {
		t.Errorf("repeats: %d words, %d shingles; want 6 and 2", n, len(set))
	}
}

// TestNormalizeEvasion covers the disguises content farms put on copy:
// each comes out as the plain text, and text genuinely in one script
// comes out as it went in.
func TestNormalizeEvasion(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"cyrillic look-alikes", "Thе NАТО сhiеf sаid", "the nato chief said"},
		{"greek look-alikes", "Τhe ΝΑΤΟ chief sαid", "the nato chief said"},
		{"every look-alike swapped", "Тhе аllіаnсе wіll mееt іn Вrussеls оn Моndау", "the alliance will meet in brussels on monday"},
		{"wholly cyrillic word in latin text", "the сору desk", "the copy desk"},
		{"rare look-alikes", "ԁata һas ԛueries ԝith ϳam", "data has queries with jam"},
		{"russian stays russian", "Москва не сразу строилась", "москва не сразу строилась"},
		{"russian disguised with latin letters", "Mосквa нe cразу cтроилась", "москва не сразу строилась"},
		{"russian words of look-alikes only", "сор в мусоре у реки, сказал он", "сор в мусоре у реки, сказал он"},
		{"ukrainian stays ukrainian", "Київ і Львів отримали допомогу", "київ і львів отримали допомогу"},
		{"ukrainian with a latin i", "Київ i Львів отримали допомогу", "київ і львів отримали допомогу"},
		{"bulgarian stays bulgarian", "Правителството прие бюджета", "правителството прие бюджета"},
		{"greek stays greek", "Η κυβέρνηση ανακοίνωσε μέτρα", "η κυβέρνηση ανακοίνωσε μέτρα"},
		{"greek disguised with latin letters", "H κυβέpνηση ανακoίνωσε μέτpα", "η κυβέρνηση ανακοίνωσε μέτρα"},
		{"german stays german", "Die Bundesregierung hält an ihrem Plan fest", "die bundesregierung hält an ihrem plan fest"},
		{"zero-width and joiners", "NA\u200bTO al\u200cli\u200dance\u2060", "nato alliance"},
		{"bidirectional controls", "\u202aNATO\u202c \u2066chief\u2069\u200e", "nato chief"},
		{"variation selectors and tags", "NATO\ufe0f chief\U000E0041\U000E007F", "nato chief"},
		{"hangul filler and grapheme joiner", "NA\u3164TO chi\u034fef", "nato chief"},
		{"soft hyphens", "al\u00adli\u00adance", "alliance"},
		{"full-width", "ＮＡＴＯ ｃｈｉｅｆ", "nato chief"},
		{"mathematical letters", "𝐍𝐀𝐓𝐎 𝓬𝓱𝓲𝓮𝓯 𝔰𝔞𝔦𝔡 𝟐𝟎𝟐𝟒", "nato chief said 2024"},
		{"enclosed letters", "ⓝⓐⓣⓞ", "nato"},
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

func TestWordsSpacedOut(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"N A T O chief", []string{"nato", "chief"}},
		{"the r e p o r t said", []string{"the", "report", "said"}},
		{"the  r\te  p  o r t", []string{"the", "report"}},
		{"М О С К В А", []string{"москва"}},
		{"plan a b", []string{"plan", "a", "b"}},        // two letters stay words
		{"a, b, c", []string{"a", "b", "c"}},            // not spaced out: punctuated
		{"a\nb\nc", []string{"a", "b", "c"}},            // nor on separate lines
		{"1 2 3 a b c", []string{"1", "2", "3", "abc"}}, // digits are not spelt out
	}
	s := New(Options{})
	for _, tt := range tests {
		if got := s.Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestInvisible checks the fast path of invisible against the Unicode
// tables it stands for.
func TestInvisible(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.In(r, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point)
		if got := invisible(r); got != want {
			t.Fatalf("invisible(%U) = %v, want %v", r, got, want)
		}
	}
}

// TestConfusableTables checks the look-alike tables: Latin letters map to
// themselves, and the letters disguises use map as expected.
func TestConfusableTables(t *testing.T) {
	tb := tables()
	tests := []struct {
		sc           script
		lower, upper string // Latin:letter pairs, looking alike in small letters, in capitals
	}{
		{cyrillic, "a:а c:с e:е i:і j:ј o:о p:р r:г s:ѕ x:х y:у", "a:а b:в c:с e:е h:н i:і j:ј k:к m:м o:о p:р s:ѕ t:т x:х y:у"},
		{greek, "a:α i:ι o:ο p:ρ u:υ v:ν y:γ", "a:α b:β e:ε h:η i:ι k:κ m:μ n:ν o:ο p:ρ t:τ x:χ y:υ z:ζ"},
	}
	for _, tt := range tests {
		for i, pairs := range []string{tt.lower, tt.upper} {
			to := [2]map[rune]rune{tb.toLower[tt.sc], tb.toUpper[tt.sc]}[i]
			for _, pair := range strings.Fields(pairs) {
				p, c := []rune(pair)[0], []rune(pair)[2]
				if got := to[p]; got != c {
					t.Errorf("%c in script %d (capitals %v): %c, want %c", p, tt.sc, i == 1, got, c)
				}
			}
		}
	}
	for s, to := range [2]map[rune]rune{tb.toLower[latin], tb.toUpper[latin]} {
		for p, c := range to {
			if p != c {
				t.Errorf("Latin %c maps to %c (%d)", p, c, s)
			}
		}
	}
	var distinctive []string
	for r := 'a'; r <= 'z'; r++ {
		if tb.letter(r).vote == latin {
			distinctive = append(distinctive, string(r))
		}
	}
	if got := strings.Join(distinctive, ""); got != "dfglq" {
		t.Errorf("distinctive Latin letters %q, want dfglq", got)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "NATO’s “chief”", "Straße\u200b", "\xff\xfe bad", "ＮＡＴＯ", "ﬁ\u00ad",
		// Inputs that once broke idempotence.
		"0Ꮰ", "0ŉ", "AӢA0Q0A", "Aς̂", "ǰЈ", "ңӉ",
		// Disguises.
		"Thе NАТО сhiеf", "Mосквa нe cразу", "N A T O", "𝐍𝐀𝐓𝐎\u200d"} {
		f.Add(s)
	}
	for _, line := range evasionTexts(f) {
		f.Add(line)
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

// FuzzFeatures checks the shingler: sets are sorted and distinct, no larger
// than the words allow, the same for a text and its normal form, and the
// same when computed again by the same Shingler.
func FuzzFeatures(f *testing.F) {
	for _, s := range []string{"", "one", "a b c d", "N A T O said 8,400 troops", benchText} {
		f.Add(s, uint8(3))
	}
	for _, line := range evasionTexts(f) {
		f.Add(line, uint8(2))
	}
	f.Fuzz(func(t *testing.T, text string, size uint8) {
		sh := New(Options{Size: int(size%6) + 1})
		ft := sh.Features(text)
		for _, set := range [][]uint64{ft.Shingles, ft.Numbers} {
			if !slices.IsSorted(set) || len(slices.Compact(slices.Clone(set))) != len(set) {
				t.Fatalf("%q: set not sorted and distinct: %v", text, set)
			}
		}
		if len(ft.Shingles) > max(ft.Words, 1) || ft.Words > 0 && len(ft.Shingles) == 0 || len(ft.Numbers) > ft.Words {
			t.Fatalf("%q: %d shingles and %d numbers from %d words", text, len(ft.Shingles), len(ft.Numbers), ft.Words)
		}
		again := sh.Features(sh.Normalize(text))
		if !slices.Equal(again.Shingles, ft.Shingles) || !slices.Equal(again.Numbers, ft.Numbers) || again.Words != ft.Words {
			t.Fatalf("%q and its normal form %q differ: %+v, %+v", text, sh.Normalize(text), ft, again)
		}
		set, words := sh.Shingles(text)
		if !slices.Equal(set, ft.Shingles) || words != ft.Words {
			t.Fatalf("%q: Shingles and Features differ", text)
		}
	})
}

// evasionTexts returns the texts of the evasion set, to seed the fuzzers.
func evasionTexts(f *testing.F) []string {
	data, err := os.ReadFile("../testdata/evasion/evasion.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	var texts []string
	for _, line := range strings.Split(string(data), "\n") {
		var rec struct{ Text string }
		if json.Unmarshal([]byte(line), &rec) == nil && rec.Text != "" {
			texts = append(texts, rec.Text)
		}
	}
	return texts
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

// BenchmarkShinglesCyrillic measures text in another script than Latin,
// which the look-alike folding reads through.
func BenchmarkShinglesCyrillic(b *testing.B) {
	text := strings.Repeat("Правительство России объявило во вторник о новых мерах поддержки малого бизнеса в регионах страны. ", 8)
	s := New(Options{})
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		s.Shingles(text)
	}
}

// TestFoldLatin checks Normalize's Latin path against its full path
// (NFKC, confusables, full case folding) on every character the path
// takes, alone and in words, and that it refuses every other character
// of the first three blocks.
func TestFoldLatin(t *testing.T) {
	s := New(Options{})
	for r := rune(0x80); r < 0x800; r++ {
		for _, text := range []string{string(r), "Der " + string(r) + "ZUG fährt", string(r) + string(r) + "x", "it\u2019s `" + string(r) + "`\r"} {
			got, ok := foldLatin(text)
			f := foldRune(r)
			latin := f >= 0xC0 && f <= 0x17F && f != 0xD7 && f != 0xF7 && !strings.ContainsRune("\u0130\u0132\u0133\u013f\u0140\u0149\u017f", f)
			if takes := f < utf8.RuneSelf || latin; ok != takes {
				t.Fatalf("foldLatin(%q) ok = %v, want %v", text, ok, takes)
			}
			if want := s.normalizeFull(strings.Map(foldRune, text)); ok && got != want {
				t.Errorf("foldLatin(%q) = %q, the full path gives %q", text, got, want)
			}
		}
	}
	if got := s.Normalize("„Größe“ ÜBER Straße – Ça, ŁÓDŹ, Čeština"); got != `"grösse" über strasse - ça, łódź, čeština` {
		t.Errorf("Normalize = %q", got)
	}
}

// TestBagMatchesFeatures: a Bag holds the shingles of Features, in text
// order with repeats, and counts them as Features' set does.
func TestBagMatchesFeatures(t *testing.T) {
	var long []string
	for i := range 3000 {
		long = append(long, fmt.Sprintf("w%d", i%700)) // repeats every 700 words
	}
	texts := []string{
		"",
		"one",
		"ab cd ab cd ab cd",
		"Prices rose 4.5% to 1,200 in 2024, up from 980 in 2023, the report said.",
		"The council met. The council met. The council met again on Tuesday.",
		strings.Join(long, " "),
	}
	s := New(Options{})
	for _, text := range texts {
		f, b := s.Features(text), s.Bag(text)
		set := slices.Compact(slices.Sorted(slices.Values(b.Shingles)))
		if !slices.Equal(set, f.Shingles) || b.Distinct != len(f.Shingles) {
			t.Errorf("%.30q: bag of %d shingles, %d distinct, %d as a set; want the set's %d", text, len(b.Shingles), b.Distinct, len(set), len(f.Shingles))
		}
		if !slices.Equal(b.Numbers, f.Numbers) || b.Words != f.Words {
			t.Errorf("%.30q: bag has numbers %v and %d words, features %v and %d", text, b.Numbers, b.Words, f.Numbers, f.Words)
		}
	}
}

// TestDistinctZero: a zero hash, the table's empty slot, is counted too.
func TestDistinctZero(t *testing.T) {
	s := New(Options{})
	if n := s.distinct([]uint64{0, 5, 0, 5, 7}); n != 3 {
		t.Errorf("distinct of {0, 5, 0, 5, 7} = %d, want 3", n)
	}
}

// TestASCIIWordsLowered checks what Features' ASCII path relies on:
// UAX #29 splits an ASCII text into the same words as the text in lower
// case, so lowering each word gives the words of the lowered text.
func TestASCIIWordsLowered(t *testing.T) {
	pieces := []string{"The", "NATO", "u", "S", "A", "e.g.", "U.S.", "3,5", "8.400", "A320", "don't", "O'Neill", "x-ray", "Co-Op", " ", " ", ". ", ", ", ":", "'", "\"", "-", "_", "\t", "\n", "1st", "iPhone", "ABC123def", "#", "@User", "mid.Point"}
	r := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		var sb strings.Builder
		for range 1 + r.IntN(12) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := sb.String()
		var got, want []string
		eachWord(text, func(w string) { got = append(got, string(asciiLower(nil, w))) })
		eachWord(strings.ToLower(text), func(w string) { want = append(want, w) })
		if !slices.Equal(got, want) {
			t.Fatalf("%q: words lowered %q, words of the lowered text %q", text, got, want)
		}
	}
}
