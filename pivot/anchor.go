package pivot

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Anchors. Names and numbers mean the same in every language, but are
// spelt differently: Tymoshenko, Timoshenko, Timoschenko, Тимошенко;
// Selenskyj, Zelensky, Zelenskyy; 8,400, 8.400, 8 400. Each is folded to a
// key that the variants share.
//
// A name's key: the word transliterated to Latin letters (Cyrillic and
// Greek by a fixed table, accents removed), lower case, then the letters
// that spelling conventions swap merged (y, j -> i; w -> v; z -> s;
// c, q -> k; ph -> f; h dropped, so sh, sch, kh, ch fold too), doubled
// letters made single (German tsch and sch, French ou read as English
// ch, sh, u first), and the result cut to nameKeyLen letters, which
// also folds the case endings names take in German, Polish or Russian
// (Stoltenbergs, Stoltenberga).
//
// A number's key: its digits alone, so thousands separators and decimal
// commas or points of any language agree ("3.5" and "3,5" both give 35).

// nameKeyLen is where name keys are cut: long enough to keep different
// names apart (stolte, timose, selens), short enough to drop the case
// endings (-s, -a, -u, -em, -om) of inflected languages.
const nameKeyLen = 6

// translit spells Cyrillic and Greek letters in Latin (lower case).
var translit = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z", 'и': "i",
	'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
	'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "",
	'э': "e", 'ю': "iu", 'я': "ia", 'і': "i", 'ї': "i", 'є': "e", 'ґ': "g",
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th", 'ι': "i", 'κ': "k",
	'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t",
	'υ': "i", 'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
	'ł': "l", 'ø': "o", 'æ': "ae", 'œ': "oe", 'ß': "ss", 'ı': "i", 'đ': "d",
}

// Latin folds a word to lower-case ASCII letters: transliterated, accents
// removed, anything else dropped.
func Latin(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		switch {
		case r < 0x80:
			if r >= 'a' && r <= 'z' {
				b.WriteRune(r)
			}
		case unicode.Is(unicode.Mn, r):
		default:
			if t, ok := translit[r]; ok {
				b.WriteString(t)
			} else if t, ok := translit[unicode.ToLower(r)]; ok {
				b.WriteString(t)
			}
		}
	}
	return b.String()
}

// NameKey returns the key of a name (see Anchors), "" when it folds to
// fewer than three letters.
func NameKey(w string) string {
	s := nameSpelling.Replace(Latin(w))
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case 'y', 'j':
			c = 'i'
		case 'w':
			c = 'v'
		case 'z':
			c = 's'
		case 'c', 'q':
			c = 'k'
		case 'h':
			if len(b) > 0 && b[len(b)-1] == 'p' {
				b[len(b)-1] = 'f'
			}
			continue
		}
		if len(b) > 0 && b[len(b)-1] == c {
			continue
		}
		b = append(b, c)
	}
	if len(b) < 3 {
		return ""
	}
	return string(b[:min(len(b), nameKeyLen)])
}

// nameSpelling rewrites German and French spellings of sounds that
// English spells otherwise, before the letters are merged: Timoschenko,
// Tschernyschow, Kouchner.
var nameSpelling = strings.NewReplacer("tsch", "ch", "sch", "sh", "ou", "u")

// NumberKey returns the key of a number token: its digits.
func NumberKey(w string) string {
	var b []byte
	for _, r := range w {
		if unicode.IsDigit(r) {
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b)
}
