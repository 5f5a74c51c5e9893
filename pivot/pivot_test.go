package pivot

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestNameKey(t *testing.T) {
	same := [][]string{
		{"Tymoshenko", "Timoshenko", "Timoschenko", "Тимошенко"},
		{"Zelensky", "Zelenskyy", "Selenskyj", "Зеленский"},
		{"Stoltenberg", "Stoltenbergs", "Stoltenberga", "Столтенберг"},
		{"Peskov", "Peskow", "Песков"},
		{"Grushko", "Gruschko", "Грушко"},
		{"NATO", "Nato", "НАТО"},
	}
	for _, names := range same {
		want := NameKey(names[0])
		if want == "" {
			t.Errorf("NameKey(%q) is empty", names[0])
		}
		for _, n := range names[1:] {
			if got := NameKey(n); got != want {
				t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q: want equal", n, got, names[0], want)
			}
		}
	}
	apart := [][2]string{{"Stoltenberg", "Lambrecht"}, {"Peskov", "Putin"}, {"Russia", "Prussia"}, {"Fomin", "Lavrov"}}
	for _, p := range apart {
		if NameKey(p[0]) == NameKey(p[1]) {
			t.Errorf("NameKey(%q) = NameKey(%q) = %q", p[0], p[1], NameKey(p[0]))
		}
	}
	for _, short := range []string{"", "A", "EU", "中国"} {
		if k := NameKey(short); k != "" {
			t.Errorf("NameKey(%q) = %q, want empty", short, k)
		}
	}
}

func TestNumbers(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"8,400 troops", "8400"},
		{"8.400 Soldaten", "8400"},
		{"8 400 soldats", "8400"},
		{"3,5 Prozent", "35"},
		{"3.5 percent", "35"},
		{"on 12. Januar", "12"},
		{"in 2019.", "2019"},
	} {
		var got []string
		for w := range words(tt.text) {
			if w.number {
				got = append(got, NumberKey(w.text))
			}
		}
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%q: number keys %q, want [%s]", tt.text, got, tt.want)
		}
	}
}

func TestCode(t *testing.T) {
	for tag, want := range map[string]string{
		"de": "de", "de-AT": "de", "DE_de": "de", "deu": "de", "ger": "de", "German": "de",
		"en-GB": "en", "pt-BR": "pt", "cze": "cs", "zh": "", "": "", "x": "",
	} {
		if got := Code(tag); got != want {
			t.Errorf("Code(%q) = %q, want %q", tag, got, want)
		}
	}
}

// paragraphs are news paragraphs written for this test, one per language.
var paragraphs = map[string]string{
	"en": "The ministers agreed on Thursday to buy part of their gas together from next spring, so that the member states no longer outbid each other.",
	"de": "Die Minister einigten sich am Donnerstag darauf, ab dem kommenden Frühjahr einen Teil ihres Gases gemeinsam zu kaufen, damit sich die Staaten nicht mehr überbieten.",
	"fr": "Les ministres se sont mis d'accord jeudi pour acheter une partie de leur gaz en commun à partir du printemps prochain.",
	"es": "Los ministros acordaron el jueves comprar parte de su gas de forma conjunta a partir de la próxima primavera, para que los estados no compitan entre sí.",
	"it": "I ministri hanno concordato giovedì di acquistare una parte del loro gas in comune a partire dalla prossima primavera.",
	"pt": "Os ministros concordaram na quinta-feira em comprar parte do seu gás em conjunto a partir da próxima primavera, para que os estados não se superem.",
	"nl": "De ministers zijn het donderdag eens geworden om vanaf het volgende voorjaar een deel van hun gas samen in te kopen.",
	"pl": "Ministrowie zgodzili się w czwartek, że od przyszłej wiosny będą wspólnie kupować część gazu, aby państwa nie przelicytowywały się nawzajem.",
	"sv": "Ministrarna kom på torsdagen överens om att från nästa vår köpa en del av sin gas tillsammans, så att länderna inte längre bjuder över varandra.",
	"ru": "Министры договорились в четверг с следующей весны закупать часть газа совместно, чтобы страны больше не перебивали друг друга.",
	"cs": "Ministři se ve čtvrtek dohodli, že od příštího jara budou část plynu nakupovat společně, aby se státy navzájem nepřeplácely.",
}

func TestDetect(t *testing.T) {
	for lang, text := range paragraphs {
		if got := Detect(text); got != lang {
			t.Errorf("Detect(%s paragraph) = %q", lang, got)
		}
	}
	for _, text := range []string{"", "12345 67", "!!!", "中国 日本"} {
		if got := Detect(text); got != "" {
			t.Errorf("Detect(%q) = %q, want unknown", text, got)
		}
	}
}

func TestStemWithoutSnowball(t *testing.T) {
	for _, tt := range []struct{ lang, a, b string }{
		{"pl", "szkoła", "szkoły"},
		{"pl", "sojuszu", "sojusz"},
		{"cs", "ministři", "ministr"},
	} {
		if Stem(tt.lang, tt.a) != Stem(tt.lang, tt.b) {
			t.Errorf("%s: Stem(%q) = %q, Stem(%q) = %q: want equal", tt.lang, tt.a, Stem(tt.lang, tt.a), tt.b, Stem(tt.lang, tt.b))
		}
	}
}

// TestTranslationMatches checks that each paragraph's content words are
// mostly found in its English counterpart, and much less in an English
// paragraph of another story that shares its subject.
func TestTranslationMatches(t *testing.T) {
	x := NewExtractor()
	en, err := x.Features(paragraphs["en"], "en")
	if err != nil {
		t.Fatal(err)
	}
	other, _ := x.Features("The ministers met on Thursday in Luxembourg and failed to agree on a price cap for natural gas after long talks.", "en")
	for _, lang := range []string{"de", "fr", "es", "pt", "nl"} {
		f, err := x.Features(paragraphs[lang], lang)
		if err != nil {
			t.Fatal(err)
		}
		in, _, _ := Compare(&f, &en)
		out, _, _ := Compare(&f, &other)
		t.Logf("%s: %.2f of %d terms in the translation, %.2f in the other story", lang, in, f.Terms(), out)
		if in < 0.5 || out >= in-0.2 {
			t.Errorf("%s: %.2f in the translation, %.2f in the other story", lang, in, out)
		}
	}
}

func TestShared(t *testing.T) {
	x := NewExtractor()
	en, _ := x.Features("The United States has put 8,400 troops on heightened alert, Stoltenberg said.", "en")
	de := "Die Vereinigten Staaten haben 8.400 Soldaten in Bereitschaft versetzt, sagte Stoltenberg."
	spans, shared, total, err := x.Shared(de, "de", &en)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range spans {
		got = append(got, de[s.Begin:s.End])
	}
	for _, want := range []string{"Vereinigten Staaten", "8.400", "Stoltenberg"} {
		if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, want) }) {
			t.Errorf("spans %q miss %q", got, want)
		}
	}
	if shared < 4 || shared > total {
		t.Errorf("%d of %d terms shared", shared, total)
	}
}

func TestKeys(t *testing.T) {
	x := NewExtractor()
	for lang, text := range paragraphs {
		f, _ := x.Features(text, lang)
		keys, err := x.Keys(text, lang)
		if err != nil || !slices.Equal(keys, f.Keys(1)) || len(keys) != f.Terms() {
			t.Errorf("%s: Keys %v, Features.Keys(1) %v (%d terms), %v", lang, keys, f.Keys(1), f.Terms(), err)
		}
	}
}

func TestLexicons(t *testing.T) {
	for _, lang := range Languages[1:] {
		n, err := LexiconSize(lang)
		if err != nil || n < 1000 {
			t.Errorf("%s: lexicon of %d entries, %v", lang, n, err)
		}
	}
	if n, err := LexiconSize("en"); n != 0 || err != nil {
		t.Errorf("en: %d entries, %v; English is the pivot and has none", n, err)
	}
}

// BenchmarkExtract measures an Extractor on the test paragraphs: their
// features, and their keys alone (what a scan reads of every paragraph
// in a corpus of two languages or more).
func BenchmarkExtract(b *testing.B) {
	for _, lang := range Languages {
		load(lang) // read the lexicons before timing
	}
	for _, bench := range []struct {
		name string
		read func(x *Extractor, text, lang string) error
	}{
		{"features", func(x *Extractor, text, lang string) error { _, err := x.Features(text, lang); return err }},
		{"keys", func(x *Extractor, text, lang string) error { _, err := x.Keys(text, lang); return err }},
	} {
		b.Run(bench.name, func(b *testing.B) {
			x := NewExtractor()
			b.ReportAllocs()
			for b.Loop() {
				for lang, text := range paragraphs {
					if err := bench.read(x, text, lang); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

func BenchmarkDetect(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, text := range paragraphs {
			Detect(text)
		}
	}
}

// BenchmarkReadLexicon measures the start-up cost of a language: reading
// its embedded lexicon (German is the largest).
func BenchmarkReadLexicon(b *testing.B) {
	for _, lang := range []string{"de", "es"} {
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := readLexicon(lang); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestPolishForms checks that Polish forms whose stem alternates
// (kościół, w kościele; Polska, w Polsce; ręka, ręce; dom, domowi) find
// their lemma's translations through the form table.
func TestPolishForms(t *testing.T) {
	x := NewExtractor()
	for _, tt := range []struct{ pl, en string }{
		{"kościele", "church"},
		{"Polsce", "Poland"},
		{"ręce", "hands"},
		{"domowi", "house"},
	} {
		t.Run(tt.pl, func(t *testing.T) {
			pl, err := x.Features(tt.pl, "pl")
			if err != nil {
				t.Fatal(err)
			}
			en, _ := x.Features(tt.en, "en")
			if in, _, _ := Compare(&pl, &en); in != 1 {
				t.Errorf("%s: %.2f of its terms in %q", tt.pl, in, tt.en)
			}
		})
	}
}

// TestWordnetEntries checks words that only the wordnets (MultiWordNet,
// ItalWordNet, plWordNet; see internal/lexgen) translate: the Italian
// and Polish words for elections, sanctions, primaries and weapons.
func TestWordnetEntries(t *testing.T) {
	x := NewExtractor()
	for _, tt := range []struct{ lang, word, en string }{
		{"it", "elezioni", "elections"},
		{"it", "sanzioni", "sanctions"},
		{"pl", "prawybory", "primary elections"},
		{"pl", "oręż", "weapons"},
	} {
		t.Run(tt.lang+"/"+tt.word, func(t *testing.T) {
			f, err := x.Features(tt.word, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			en, _ := x.Features(tt.en, "en")
			if in, _, _ := Compare(&f, &en); in != 1 {
				t.Errorf("%s %s: %.2f of its terms in %q", tt.lang, tt.word, in, tt.en)
			}
		})
	}
}

// TestCompareCountsTerms checks Compare against the definition, term by
// term, on random features with candidates drawn from a small range so
// that pairs share some: a term of a matches when any of its candidates
// is among b's IDs.
func TestCompareCountsTerms(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	// Up to 40 terms among 200 IDs share a few IDs or a few tens (the
	// filter and the set of Compare); up to 300 among 260, more than
	// the set holds.
	terms, ids := 40, 200
	random := func() Features {
		var f Features
		for range r.IntN(terms) {
			for range 1 + r.IntN(4) {
				f.Cands = append(f.Cands, uint64(r.IntN(ids)))
			}
			f.Ends = append(f.Ends, uint32(len(f.Cands)))
		}
		f.IDs = slices.Compact(slices.Sorted(slices.Values(f.Cands)))
		return f
	}
	count := func(a, b *Features) int {
		n := 0
		for i := range a.Terms() {
			for _, c := range a.Term(i) {
				if slices.Contains(b.IDs, c) {
					n++
					break
				}
			}
		}
		return n
	}
	for i := range 3000 {
		if i == 2000 {
			terms, ids = 300, 260
		}
		a, b := random(), random()
		inA, inB, shared := Compare(&a, &b)
		ma, mb := count(&a, &b), count(&b, &a)
		if inA != share(ma, a.Terms()) || inB != share(mb, b.Terms()) || shared != min(ma, mb) {
			t.Fatalf("Compare = %v %v %d, want %d/%d %d/%d", inA, inB, shared, ma, a.Terms(), mb, b.Terms())
		}
	}
}

// BenchmarkCompare measures Compare on pairs of paragraphs of 40 terms
// (one to three candidates each) that share a given part of their terms:
// what the cross-language and same-language stages verify.
func BenchmarkCompare(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	term := func() []uint64 {
		t := make([]uint64, 1+r.IntN(3))
		for i := range t {
			t[i] = r.Uint64()
		}
		return t
	}
	build := func(terms [][]uint64) Features {
		var f Features
		for _, t := range terms {
			f.Cands = append(f.Cands, t...)
			f.Ends = append(f.Ends, uint32(len(f.Cands)))
		}
		f.IDs = slices.Compact(slices.Sorted(slices.Values(f.Cands)))
		return f
	}
	for _, shared := range []int{2, 10, 30} {
		b.Run(fmt.Sprintf("shared=%d", shared), func(b *testing.B) {
			var pairs [][2]Features
			for range 1000 {
				var ta, tb [][]uint64
				for i := range 40 {
					t := term()
					ta = append(ta, t)
					if i < shared {
						tb = append(tb, t)
					} else {
						tb = append(tb, term())
					}
				}
				pairs = append(pairs, [2]Features{build(ta), build(tb)})
			}
			i := 0
			for b.Loop() {
				p := &pairs[i%len(pairs)]
				Compare(&p[0], &p[1])
				i++
			}
		})
	}
}
