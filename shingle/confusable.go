package shingle

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"go.mau.fi/util/confusable"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Confusables: content farms disguise copy by swapping Latin letters for
// Cyrillic or Greek ones that look the same ("Nаtо" with Cyrillic а and о),
// or the other way round in Cyrillic and Greek text. Folding every
// look-alike to Latin, as the Unicode TR39 skeleton does, would undo that,
// but would also turn genuine Russian or Greek words into Latin nonsense
// ("сор" into "cop"). So look-alikes are folded only where a word is
// disguised, towards the script the word is really in:
//
//   - A letter is ambiguous when a letter of another of the three scripts
//     (Latin, Greek, Cyrillic) looks the same in lower or upper case (a,
//     а and α; t and т, since T and Т look alike); otherwise it is
//     distinctive (f, ж, λ), and tells the script of its word. For a Latin
//     letter only the basic Greek and Cyrillic alphabets count, in which
//     those languages are written: d is distinctive although Komi has a ԁ,
//     and that ԁ tells that its word is Latin.
//   - A paragraph's script is the one most of its distinctive letters tell
//     (Latin on a tie); when none tells one, the one most of its letters
//     are in (Latin on a tie). A word's script is the one most of its
//     distinctive letters tell, or the paragraph's when none does or on a
//     tie.
//   - Every ambiguous letter of a word that is not in the word's script is
//     replaced by its look-alike in that script, when there is one (a
//     capital by the letter whose capital looks like it: Greek Ν by N).
//
// So "Моsсow" in an English paragraph becomes "moscow", "Mосквa" in a
// Russian one "москва", and "сор" (litter) stays Russian in Russian text,
// while a wholly Cyrillic "сору" in English text becomes "copy". A word
// whose letters are all in its paragraph's script is never changed, so
// text in one script (Russian, Greek, Bulgarian, German) is left as it is.
//
// Look-alikes come from the confusables data of Unicode TR39 (version 17.0,
// through go.mau.fi/util/confusable): two letters look alike when their
// skeletons are equal, in lower case or in capitals. The folding runs on
// text in NFKC before case folding, since capitals look alike where small
// letters do not (Т and T, т and t); its tables are built on first use.

// script is one of the scripts whose look-alikes are folded.
type script uint8

const (
	other script = iota
	latin
	greek
	cyrillic
	numScripts
)

// letter is what the folding knows of a lower-case letter.
type letter struct {
	script script
	// The Latin letter it looks like in lower case (с: c), and the one
	// whose capital its capital looks like (т: t, since Т looks like T;
	// ν: n, since Ν looks like N). For a Latin letter, itself. 0 when none.
	lower, upper rune
	vote         script // the script the letter tells its word is in; other when it tells none
}

// denseLetters covers Basic Latin to the Cyrillic Supplement, where nearly
// all letters of the three scripts are; the rest are in a map.
const denseLetters = 0x530

type confusableTables struct {
	dense [denseLetters]letter // capitals too, as their small letter
	more  map[rune]letter      // small letters only
	word  [denseLetters]bool   // letters and marks, which words are made of
	// The letter of a script that a Latin letter's lower or upper case
	// looks like (Latin: the letter itself).
	toLower, toUpper [numScripts]map[rune]rune
}

func (t *confusableTables) letter(r rune) letter {
	if r < denseLetters {
		return t.dense[r]
	}
	return t.more[r]
}

var tables = sync.OnceValue(buildTables)

func buildTables() *confusableTables {
	fold := cases.Fold()
	skeleton := func(r rune) string { return confusable.Skeleton(string(r)) }
	// Lower-case letters that NFKC and case folding keep, by script.
	// Latin takes only letters built on an ASCII one (a, é, ë): the
	// others (ĸ, ı, small capitals) are rare and would make common
	// Cyrillic and Greek letters look like Latin ones.
	var letters [numScripts][]rune
	for s, table := range map[script]*unicode.RangeTable{latin: unicode.Latin, greek: unicode.Greek, cyrillic: unicode.Cyrillic} {
		for _, r16 := range table.R16 {
			for r := rune(r16.Lo); r <= rune(r16.Hi); r += rune(r16.Stride) {
				letters[s] = appendLower(letters[s], r, s, fold)
			}
		}
		for _, r32 := range table.R32 {
			for r := rune(r32.Lo); r <= rune(r32.Hi); r += rune(r32.Stride) {
				letters[s] = appendLower(letters[s], r, s, fold)
			}
		}
		slices.Sort(letters[s])
	}

	// Latin letters by their skeleton, and by their capital's.
	byLower, byUpper := map[string]rune{}, map[string]rune{}
	for _, r := range letters[latin] { // ascending: the first one wins
		if _, dup := byLower[skeleton(r)]; !dup {
			byLower[skeleton(r)] = r
		}
		if u := unicode.ToUpper(r); u != r {
			if _, dup := byUpper[skeleton(u)]; !dup {
				byUpper[skeleton(u)] = r
			}
		}
	}

	t := &confusableTables{more: map[rune]letter{}}
	set := func(r rune, l letter) {
		if r < denseLetters {
			t.dense[r] = l
		} else {
			t.more[r] = l
		}
	}
	for s := latin; s < numScripts; s++ {
		t.toLower[s], t.toUpper[s] = map[rune]rune{}, map[rune]rune{}
	}
	for _, r := range letters[latin] {
		set(r, letter{script: latin, lower: r, upper: r})
		t.toLower[latin][r], t.toUpper[latin][r] = r, r
	}
	for _, s := range []script{greek, cyrillic} {
		for _, r := range letters[s] {
			l := letter{script: s, lower: byLower[skeleton(r)]}
			if u := unicode.ToUpper(r); u != r {
				l.upper = byUpper[skeleton(u)]
			}
			set(r, l)
			// The look-alike of a Latin letter in this script: a letter
			// of the basic alphabet (н, not һ, for h), then the lowest.
			for _, m := range []struct {
				to    map[rune]rune
				proto rune
			}{{t.toLower[s], l.lower}, {t.toUpper[s], l.upper}} {
				if m.proto == 0 {
					continue
				}
				if old, ok := m.to[m.proto]; !ok || basicLetter(r) && !basicLetter(old) {
					m.to[m.proto] = r
				}
			}
		}
	}
	for r := rune(0); r < denseLetters; r++ {
		t.dense[r].vote = t.voteOf(r)
	}
	for r, l := range t.more {
		l.vote = t.voteOf(r)
		t.more[r] = l
	}
	// Capitals in the dense range are looked up directly.
	for r := rune(0); r < denseLetters; r++ {
		if small := unicode.ToLower(unicode.ToUpper(r)); small != r && small < denseLetters && t.dense[r].script == other {
			t.dense[r] = t.dense[small]
		}
		t.word[r] = unicode.IsLetter(r) || unicode.IsMark(r)
	}
	return t
}

// isAmbiguous reports whether a letter of another script looks like l.
// Only the basic Greek and Cyrillic alphabets count for a Latin letter:
// text in those scripts is written in them, so a Latin d or l in a word
// is Latin, although Komi has a ԁ and Abkhaz a ӏ.
func (t *confusableTables) isAmbiguous(l letter) bool {
	for s := latin; s < numScripts; s++ {
		if s == l.script {
			continue
		}
		for _, c := range []rune{t.toLower[s][l.lower], t.toUpper[s][l.upper]} {
			if c != 0 && (s == latin || l.script != latin || basicLetter(c)) {
				return true
			}
		}
	}
	return false
}

// voteOf returns the script the lower-case letter r tells its word is in:
// its own when it is distinctive; Latin for a rare look-alike of a
// distinctive Latin letter (Komi ԁ for d), which in practice only ever
// disguises one; none for other ambiguous letters. A letter with a
// diacritic votes as its base letter does, so that it votes the same
// composed (ô) or not (o and a circumflex).
func (t *confusableTables) voteOf(r rune) script {
	l := t.letter(r)
	if l.script == other {
		return other
	}
	if base, _ := utf8.DecodeRuneInString(norm.NFD.String(string(r))); base != r {
		if b := t.letter(base); b.script == l.script {
			l = b
		}
	}
	switch {
	case !t.isAmbiguous(l):
		return l.script
	case l.script == latin:
		return other
	}
	p := l.lower
	if p == 0 {
		p = l.upper
	}
	if t.voteOf(p) == latin {
		return latin
	}
	return other
}

// appendLower appends r to rs when it is a lower-case letter that NFKC
// and case folding keep as it is (so folding to it keeps text
// normalised), and, for Latin, one built on an ASCII letter.
func appendLower(rs []rune, r rune, s script, fold cases.Caser) []rune {
	if !unicode.IsLetter(r) || fold.String(string(r)) != string(r) || !norm.NFKC.IsNormalString(string(r)) {
		return rs
	}
	if s == latin {
		d := norm.NFD.String(string(r))
		if c := d[0]; !('a' <= c && c <= 'z') {
			return rs
		}
	}
	return append(rs, r)
}

// basicLetter reports whether r is in the basic lower-case alphabet of
// Greek (α-ω) or Cyrillic (а-я, ѐ-џ).
func basicLetter(r rune) bool {
	return 0x03B1 <= r && r <= 0x03C9 || 0x0430 <= r && r <= 0x045F
}

// mayBeMixed reports whether s holds a Greek or Cyrillic letter: only then
// can a word mix scripts. It looks at UTF-8 lead bytes, U+0340 to U+053F.
func mayBeMixed(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 0xCD <= c && c <= 0xD4 {
			return true
		}
	}
	return false
}

// lookup returns what the folding knows of r, in either case: as what
// it folds to (ς as σ), since folding comes after.
func (t *confusableTables) lookup(r rune) letter {
	if r < denseLetters {
		return t.dense[r]
	}
	return t.letter(unicode.ToLower(unicode.ToUpper(r)))
}

// inWord reports whether r is a letter or a mark, which words are made of.
func (t *confusableTables) inWord(r rune) bool {
	if r < denseLetters {
		return t.word[r]
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

// foldConfusables folds the look-alike letters of disguised words in s, a
// text in NFKC, as the comment at the top of this file describes, and
// reports whether it changed any.
func foldConfusables(s string) (string, bool) {
	if !mayBeMixed(s) {
		return s, false
	}
	t := tables()
	base := paragraphScript(t, s)
	var b strings.Builder
	done := 0 // s[:done] is written to b
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !t.inWord(r) {
			i += size
			continue
		}
		end := i + size
		for end < len(s) {
			r, size := utf8.DecodeRuneInString(s[end:])
			if !t.inWord(r) {
				break
			}
			end += size
		}
		if w, ok := foldWord(t, s[i:end], base); ok {
			if b.Len() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[done:i])
			b.WriteString(w)
			done = end
		}
		i = end
	}
	if done == 0 {
		return s, false
	}
	b.WriteString(s[done:])
	return b.String(), true
}

// paragraphScript returns the script of the paragraph s: the one most of
// its distinctive letters tell, Latin on a tie; when none tells one, the
// one most of its letters are in, Latin on a tie.
func paragraphScript(t *confusableTables, s string) script {
	var votes, all [numScripts]int
	for _, r := range s {
		l := t.lookup(r)
		all[l.script]++
		votes[l.vote]++
	}
	if votes[latin]+votes[greek]+votes[cyrillic] > 0 {
		return leader(votes, latin)
	}
	// No letter tells: folding will move letters only into the script
	// chosen here, so a second normalisation chooses it again.
	return leader(all, latin)
}

// leader returns the script with the most votes in n, not counting other
// scripts; tie when none is ahead.
func leader(n [numScripts]int, tie script) script {
	best, count := tie, 0
	for sc := latin; sc < numScripts; sc++ {
		switch {
		case n[sc] > count:
			best, count = sc, n[sc]
		case n[sc] == count && count > 0:
			best = tie
		}
	}
	return best
}

// foldWord returns word with the ambiguous letters that are not in its
// script replaced by their look-alikes, and whether it changed anything.
// A capital is replaced by the letter whose capital looks like it (Greek
// Ν by N), a small letter by the small letter that looks like it (ν by v);
// when there is no such letter, by the other one. A letter is replaced
// only by one that votes as it does, so that votes, and with them every
// choice made here, are the same when the result is normalised again.
func foldWord(t *confusableTables, word string, paragraph script) (string, bool) {
	var in, votes [numScripts]int
	for _, r := range word {
		l := t.lookup(r)
		in[l.script]++
		votes[l.vote]++
	}
	target := leader(votes, paragraph)
	if in[latin]+in[greek]+in[cyrillic] == in[target] {
		return word, false // all in its script already
	}
	var b strings.Builder
	done := 0 // word[:done] is written to b
	for i, r := range word {
		l := t.lookup(r)
		if l.script == other || l.script == target || l.vote == l.script {
			continue // distinctive letters stay
		}
		capital := unicode.IsUpper(r)
		try := [2]rune{t.toLower[target][l.lower], t.toUpper[target][l.upper]}
		if capital {
			try[0], try[1] = try[1], try[0]
		}
		for _, c := range try {
			if c == 0 || t.letter(c).vote != l.vote {
				continue
			}
			if capital {
				c = unicode.ToUpper(c)
			}
			b.WriteString(word[done:i])
			b.WriteRune(c)
			done = i + utf8.RuneLen(r)
			break
		}
	}
	if done == 0 {
		return word, false
	}
	b.WriteString(word[done:])
	return b.String(), true
}
