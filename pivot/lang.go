package pivot

import (
	"strings"
	"unicode"
	"unicode/utf8"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"github.com/blevesearch/snowballstem/turkish"
)

// Languages lists the languages the package knows, as ISO 639-1 codes:
// English, the pivot, first, then every language with a lexicon.
var Languages = []string{"en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da", "ru", "tr", "hu", "cs", "el"}

// stemmers are the Snowball stemmers by language. Polish, Czech and
// Greek have none in snowballstem; their words are cut to prefixLen
// letters instead (see Stem).
var stemmers = map[string]func(*snowball.Env) bool{
	"en": english.Stem, "de": german.Stem, "fr": french.Stem, "es": spanish.Stem,
	"it": italian.Stem, "pt": portuguese.Stem, "nl": dutch.Stem, "sv": swedish.Stem,
	"da": danish.Stem, "ru": russian.Stem, "tr": turkish.Stem, "hu": hungarian.Stem,
}

// Languages without a Snowball stemmer (Polish, Czech, Greek) get a
// light one: the longest of their commonest inflectional endings is
// removed (leaving at least minStem letters), then the word is cut to
// prefixLen letters. Six letters keep most stems apart and fold what the
// ending list misses ("sojuszu", "sojusznikom"); the ending list brings
// short stems together ("szkoła", "szkoły"). Both measured on Tatoeba
// coverage (README).
const (
	prefixLen = 6
	minStem   = 3
)

// endings are the commonest noun, adjective and verb endings, longest
// first within each language.
var endings = map[string][]string{
	"pl": strings.Fields("owie ach ami ego emu ich imi ymi ów om em ie ią ię ej ym im ą ę a e i o u y"),
	"cs": strings.Fields("ové ech ami ích ími ých ým ům em ou ou ie a e i o u y í é ě á"),
	"el": strings.Fields("ους ων ες ος ης ας ου α ο η ε"),
}

// Stem returns the stem of a lower-case word in lang, or the word itself
// when the language is unknown. English irregular forms are first taken
// to their base form (irregular.go), as dictionaries translate them.
func Stem(lang, word string) string {
	if lang == "en" {
		if base, ok := irregular[word]; ok {
			word = base
		}
	}
	if st, ok := stemmers[lang]; ok {
		env := snowball.NewEnv(word)
		st(env)
		return env.Current()
	}
	ends, ok := endings[lang]
	if !ok {
		return word
	}
	for _, e := range ends {
		if strings.HasSuffix(word, e) && utf8.RuneCountInString(word)-utf8.RuneCountInString(e) >= minStem {
			word = word[:len(word)-len(e)]
			break
		}
	}
	n := 0
	for i := range word {
		if n == prefixLen {
			return word[:i]
		}
		n++
	}
	return word
}

// stop maps a function word to the languages (bits, by index in
// Languages) in which it is one.
var stop = func() map[string]uint32 {
	m := map[string]uint32{}
	for i, l := range Languages {
		for _, w := range strings.Fields(stopwordLists[l]) {
			m[w] |= 1 << i
		}
	}
	return m
}()

// maxStopLen is the length in bytes of the longest function word.
var maxStopLen = func() int {
	n := 0
	for w := range stop {
		n = max(n, len(w))
	}
	return n
}()

// stopBits returns the languages in which w, as written or in lower
// case, is a function word (stop), lower being scratch space. Function
// words are short: a word longer than lower is not looked up in lower
// case, and no word longer than maxStopLen is looked up as it is. Most
// words of most news are content words in ASCII, which are looked up
// once or not at all.
func stopBits(w string, lower *[32]byte) uint32 {
	var b uint32
	ok := false
	if len(w) <= maxStopLen {
		b, ok = stop[w]
	}
	if ok || len(w) > len(lower) {
		return b
	}
	l, upper, ascii := lower[:0], false, true
	for i := range len(w) {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
			c += 'a' - 'A'
		}
		l = append(l, c)
	}
	if ascii && !upper {
		return 0 // w in lower case is w
	}
	if !ascii {
		l = lower[:0]
		for _, r := range w {
			l = utf8.AppendRune(l, unicode.ToLower(r))
		}
	}
	if len(l) > maxStopLen || string(l) == w {
		return 0
	}
	return stop[string(l)]
}

// IsStopword reports whether w (lower case) is a function word of lang.
func IsStopword(lang, w string) bool {
	for i, l := range Languages {
		if l == lang {
			return stop[w]&(1<<i) != 0
		}
	}
	return false
}

// Detection. A paragraph's language is the one whose function words it
// uses most: news prose has one in every two or three words, and the
// commonest ones ("the", "der", "le", "el", "il", "de") differ between
// languages. Letters that only some languages write (ß, ñ, ł, ő, å, ı ...)
// add to their languages' counts, which decides short or ambiguous
// texts; Cyrillic and Greek script decide alone. A text with no evidence
// is left unknown ("").

// marks are letters written in few of the known languages, with the
// languages that write them.
var marks = map[rune]string{
	'ß': "de", 'ä': "de sv", 'ö': "de sv tr hu", 'ü': "de tr hu",
	'ñ': "es", 'á': "es pt hu cs", 'í': "es pt hu cs", 'ó': "es pt pl hu", 'ú': "es pt hu cs",
	'ç': "fr pt tr", 'è': "fr it", 'ê': "fr pt", 'à': "fr it pt", 'ù': "fr it", 'œ': "fr", 'â': "fr pt", 'î': "fr", 'û': "fr", 'ë': "fr nl",
	'ã': "pt", 'õ': "pt",
	'ł': "pl", 'ą': "pl", 'ę': "pl", 'ś': "pl", 'ż': "pl", 'ź': "pl", 'ć': "pl", 'ń': "pl",
	'å': "sv da", 'ø': "da", 'æ': "da",
	'ı': "tr", 'ğ': "tr", 'ş': "tr",
	'ő': "hu", 'ű': "hu",
	'ě': "cs", 'ř': "cs", 'ů': "cs", 'č': "cs", 'š': "cs", 'ž': "cs", 'ý': "cs", 'ť': "cs", 'ď': "cs", 'ň': "cs",
}

var markBits = func() map[rune]uint32 {
	m := map[rune]uint32{}
	for r, ls := range marks {
		for _, l := range strings.Fields(ls) {
			m[r] |= 1 << langIndex(l)
		}
	}
	return m
}()

func langIndex(lang string) int {
	for i, l := range Languages {
		if l == lang {
			return i
		}
	}
	return -1
}

// Detect returns the language of text as a code of Languages, or "" when
// it cannot tell.
func Detect(text string) string {
	var votes [32]int
	cyr, greek, latin := 0, 0, 0
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf { // most text: a byte at a time
			if c|0x20 >= 'a' && c|0x20 <= 'z' {
				latin++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Greek, r):
			greek++
		default:
			if b := markBits[unicode.ToLower(r)]; b != 0 {
				addVotes(&votes, b, 1)
			}
		}
	}
	switch {
	case cyr > latin && cyr >= greek:
		return "ru"
	case greek > latin:
		return "el"
	}
	hits := 0
	var lower [32]byte
	for w := range words(text) {
		b := stopBits(w.text, &lower)
		if b == 0 {
			continue
		}
		// A function word counts three letters' worth: it is the
		// stronger evidence.
		addVotes(&votes, b, 3)
		// Long paragraphs decide early: once one language has
		// decisiveHits function words' worth and twice the votes of
		// any other, the rest cannot change the answer in practice.
		if hits++; hits%8 == 0 {
			if best, second := leader(&votes); votes[best] >= 3*decisiveHits && votes[best] >= 2*second {
				break
			}
		}
	}
	best, second := leader(&votes)
	if votes[best] == 0 || votes[best] == second {
		return ""
	}
	return Languages[best]
}

// decisiveHits is the function words after which Detect stops reading
// a paragraph whose language leads clearly: news paragraphs have one in
// every two or three words, so about the first 50 words; detection on
// testdata/translations and Tatoeba was the same with and without it.
const decisiveHits = 16

// leader returns the languages (indexes) with the most and the second
// most votes (the second as its vote count).
func leader(votes *[32]int) (best, second int) {
	best = -1
	for i := range Languages {
		switch {
		case best < 0 || votes[i] > votes[best]:
			if best >= 0 {
				second = votes[best]
			}
			best = i
		case votes[i] > second:
			second = votes[i]
		}
	}
	return best, second
}

func addVotes(v *[32]int, bits uint32, n int) {
	for i := range Languages {
		if bits&(1<<i) != 0 {
			v[i] += n
		}
	}
}

// Code returns the code in Languages for a language tag as documents
// give it ("de", "de-AT", "de_DE", "DE", "deu", "ger", "German"), or ""
// when it names none of them.
func Code(tag string) string {
	t := strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(t, "-_"); i >= 0 {
		t = t[:i]
	}
	if langIndex(t) >= 0 {
		return t
	}
	return longCodes[t]
}

// longCodes maps ISO 639-2 codes (both forms) and English names to
// Languages codes.
var longCodes = func() map[string]string {
	m := map[string]string{}
	for _, row := range []string{
		"en eng english", "de deu ger german", "fr fra fre french", "es spa spanish", "it ita italian",
		"pt por portuguese", "nl nld dut dutch", "pl pol polish", "sv swe swedish", "da dan danish",
		"ru rus russian", "tr tur turkish", "hu hun hungarian", "cs ces cze czech", "el ell gre greek",
	} {
		f := strings.Fields(row)
		for _, k := range f[1:] {
			m[k] = f[0]
		}
	}
	return m
}()
