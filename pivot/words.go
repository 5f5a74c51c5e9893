package pivot

import (
	"iter"
	"unicode"
	"unicode/utf8"
)

// word is a token of a text: a run of letters (with combining marks), or
// a number (digits, with single '.', ',' or thin/no-break spaces between
// digit groups, so "8,400", "8.400" and "8 400" are one token each).
// Apostrophes and hyphens split words: "l'OTAN", "Russia's" and
// "Nato-Gipfel" give two words each, the way the other languages write
// them apart.
type word struct {
	text       string
	begin, end int // byte offsets in the text
	number     bool
}

// thousands reports whether a plain space between digits digits and the
// text after separates thousands ("8 400", as French and Polish write
// them): the group before has 1 to 3 digits, the one after exactly 3.
func thousands(before, after string) bool {
	n := 0
	for n < len(after) && after[n] >= '0' && after[n] <= '9' {
		n++
	}
	if n != 3 || n < len(after) && unicode.IsDigit(rune(after[n])) {
		return false
	}
	k := len(before)
	for k > 0 && before[k-1] >= '0' && before[k-1] <= '9' {
		k--
	}
	return len(before)-k <= 3
}

// words yields the words of text in order.
func words(text string) iter.Seq[word] {
	return func(yield func(word) bool) {
		i := 0
		for i < len(text) {
			r, n := runeAt(text, i)
			switch {
			case isDigit(r):
				j := i + n
				for j < len(text) {
					r2, n2 := runeAt(text, j)
					if isDigit(r2) {
						j += n2
						continue
					}
					if r2 == '.' || r2 == ',' || r2 == '\u00a0' || r2 == '\u202f' || r2 == '\u2009' || r2 == ' ' && thousands(text[i:j], text[j+1:]) {
						if r3, n3 := utf8.DecodeRuneInString(text[j+n2:]); j+n2 < len(text) && isDigit(r3) {
							j += n2 + n3
							continue
						}
					}
					break
				}
				if !yield(word{text: text[i:j], begin: i, end: j, number: true}) {
					return
				}
				i = j
			case isLetter(r):
				j := i + n
				for j < len(text) {
					if c := text[j]; c < utf8.RuneSelf { // most letters of most news
						if 'a' <= c|0x20 && c|0x20 <= 'z' {
							j++
							continue
						}
						break
					}
					r2, n2 := utf8.DecodeRuneInString(text[j:])
					if !unicode.IsLetter(r2) && !unicode.Is(unicode.Mn, r2) {
						break
					}
					j += n2
				}
				if !yield(word{text: text[i:j], begin: i, end: j}) {
					return
				}
				i = j
			default:
				i += n
			}
		}
	}
}

// runeAt, isDigit and isLetter are utf8.DecodeRuneInString,
// unicode.IsDigit and unicode.IsLetter with the ASCII case first and
// inlined: reading words was two fifths of the time of Keys.
func runeAt(text string, i int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	}
	return unicode.IsLetter(r)
}
