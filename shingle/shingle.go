// Package shingle turns paragraph text into the set of word n-gram hashes
// ("shingles") that MinHash signs and that candidate pairs are verified on.
//
// Three steps, each chosen so that the edits outlets make to agency copy,
// and the disguises content farms put on it, do not change the set while
// different text still does:
//
//  1. Normalise: drop invisible characters (every default-ignorable code
//     point: zero-width space and joiners, word joiner, soft hyphen,
//     byte-order mark, bidirectional controls, variation selectors, tag
//     characters), fold typographic variants of quotes, apostrophes,
//     dashes and spaces to their ASCII forms, apply Unicode NFKC
//     (full-width and mathematical letters, ligatures, superscripts), full
//     case folding ("Straße" and "STRASSE" meet), and fold the Cyrillic,
//     Greek and Latin look-alike letters of words that mix those scripts
//     to the script the word is in (see confusable.go: "Nаtо" with
//     Cyrillic letters is "nato", while Russian text stays Russian).
//  2. Segment words by the Unicode word-boundary rules (UAX #29), keeping
//     tokens that hold a letter or a digit: punctuation and spacing, which
//     outlets change freely, never reach a shingle. A run of three or more
//     single letters separated by spaces is one word ("N A T O" is
//     "nato"): text spaced out to dodge matching reads as written.
//  3. Shingle: every run of Size consecutive words is hashed (64-bit,
//     order-sensitive) and the distinct hashes, sorted, form the set. A
//     paragraph shorter than Size words yields one shingle of all its words.
//
// Word hashes are computed once per word and combined per shingle, so the
// cost is linear in the number of words whatever the shingle size.
package shingle

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zeebo/xxh3"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/wirecopy/wirecopy/internal/hashsort"
)

// DefaultSize is the shingle size used when Options.Size is zero. Three
// words was measured best on the project's labelled reprints (see the
// README, "Choosing the defaults"): two-word shingles let unrelated reports
// of one event share too many name pairs ("jens stoltenberg", "the
// alliance"), four words and more lose short reprints with light edits,
// since each changed word removes Size shingles.
const DefaultSize = 3

// Options configure a Shingler. The zero value is ready to use.
type Options struct {
	Size int // words per shingle; 0 means DefaultSize
}

// Shingler normalises, segments and shingles text. It keeps scratch
// buffers, so one Shingler must not be used by two goroutines at once;
// make one per goroutine.
type Shingler struct {
	size   int
	fold   cases.Caser
	hashes []uint64
	table  []uint64 // Bag's table of distinct shingles
	lower  []byte   // a word in lower case, being hashed
	sorter hashsort.Sorter
}

// New returns a Shingler for opts.
func New(opts Options) *Shingler {
	size := opts.Size
	if size <= 0 {
		size = DefaultSize
	}
	return &Shingler{size: size, fold: cases.Fold()}
}

// Size returns the number of words per shingle.
func (s *Shingler) Size() int { return s.size }

// Normalize returns text normalised as described in the package comment.
func (s *Shingler) Normalize(text string) string {
	if isASCII(text) {
		return strings.ToLower(text)
	}
	if f, ok := foldLatin(text); ok {
		return f
	}
	return s.normalizeFull(strings.Map(foldRune, text))
}

// normalizeFull is Normalize for any text t that foldRune has mapped.
func (s *Shingler) normalizeFull(t string) string {
	n := norm.NFKC.String(t)
	// NFKC makes some of the variants foldRune folds ("ŉ" is "ʼn"): fold
	// them too, so that normalising twice changes nothing more.
	refold := n != t
	if u, changed := foldConfusables(n); changed {
		// A letter put in may compose with the marks after it (Greek σ
		// and a circumflex become o and a circumflex, which is ô).
		n, refold = norm.NFKC.String(u), true
	}
	s.fold.Reset()
	t = cherokeeUpper(s.fold.String(n))
	if refold {
		t = strings.Map(foldRune, t)
	}
	return t
}

// cherokeeUpper maps Cherokee small letters to capitals. Unicode case
// folding maps Cherokee to capitals, but x/text's Fold (v0.43) swaps the
// two cases, so folding twice would undo the first folding.
func cherokeeUpper(s string) string {
	if !strings.Contains(s, "\xea\xad") && !strings.Contains(s, "\xea\xae") && !strings.Contains(s, "\xe1\x8f") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if 0xab70 <= r && r <= 0xabbf || 0x13f8 <= r && r <= 0x13fd {
			return unicode.ToUpper(r)
		}
		return r
	}, s)
}

// Normalize is Shingler.Normalize for one-off use.
func Normalize(text string) string { return New(Options{}).Normalize(text) }

// Words returns the normalised words of text, in order.
func (s *Shingler) Words(text string) []string {
	var out []string
	eachWord(s.Normalize(text), func(w string) { out = append(out, w) })
	return out
}

// Features is what the pipeline keeps of a paragraph's text.
type Features struct {
	Shingles []uint64 // sorted, distinct shingle hashes
	Numbers  []uint64 // sorted, distinct hashes of the numbers it states (see Features)
	Words    int      // number of words
}

// Features returns the shingles, numbers and word count of text. A number
// is a word holding a digit, with its group and decimal separators
// dropped, so that "8,400", "8.400" and "8400" are one number; numbers
// tell apart stories written on one template (another company's recall,
// another day's market report) whose shingles largely agree. The slices
// are newly allocated and owned by the caller.
func (s *Shingler) Features(text string) Features {
	set, numbers, words := s.shingle(text)
	// Shingles are hashes: sorting them by prefix was a third of the
	// time of pdqsort (internal/hashsort), and on 100 MB of realnews
	// pdqsort took 0.55 s of CPU here (pprof).
	s.sorter.Sort(set)
	return Features{Shingles: slices.Compact(set), Numbers: numbers, Words: words}
}

// Bag is what a MinHash sketch needs of a text's shingles: their
// minimum under each permutation, which a bag gives as well as a set,
// and how many differ. It skips the sort that makes Features' set, a
// tenth of dedup's time.
type Bag struct {
	Shingles []uint64 // in text order, a repeated shingle as often as it occurs
	Distinct int      // the number of distinct shingles: len(Features.Shingles)
	Numbers  []uint64 // as in Features
	Words    int      // as in Features
}

// Bag returns the shingles of text as a Bag; the slices are newly
// allocated and owned by the caller.
func (s *Shingler) Bag(text string) Bag {
	set, numbers, words := s.shingle(text)
	return Bag{Shingles: set, Distinct: s.distinct(set), Numbers: numbers, Words: words}
}

// distinct counts the different values of hs in an open-addressing
// table of the Shingler's, twice their number rounded up to a power of
// two. Zero is the empty slot, so a zero hash is counted apart.
func (s *Shingler) distinct(hs []uint64) int {
	size := 1 << bits.Len(uint(2*len(hs)))
	if cap(s.table) < size {
		s.table = make([]uint64, size)
	}
	table := s.table[:size]
	clear(table)
	mask := uint64(size - 1)
	n, zero := 0, false
	for _, h := range hs {
		if h == 0 {
			zero = true
			continue
		}
		for i := h & mask; ; i = (i + 1) & mask {
			if table[i] == h {
				break
			}
			if table[i] == 0 {
				table[i] = h
				n++
				break
			}
		}
	}
	if zero {
		n++
	}
	return n
}

// shingle returns the shingle hashes of text in text order, the sorted,
// distinct hashes of the numbers it states, and its word count; nil
// slices for a text without words.
func (s *Shingler) shingle(text string) (shingles, numbers []uint64, words int) {
	s.hashes = s.hashes[:0]
	if isASCII(text) {
		// Normalising ASCII is lowering it, and UAX #29 splits words
		// the same in either case: each word is lowered as it is hashed,
		// in the Shingler's scratch, instead of the whole text into a
		// new string first.
		eachWord(text, func(w string) {
			s.lower = asciiLower(s.lower[:0], w)
			s.hashes = append(s.hashes, xxh3.Hash(s.lower))
			if hasDigit(w) {
				numbers = append(numbers, xxh3.HashString(strings.Map(dropSeparator, string(s.lower))))
			}
		})
	} else {
		eachWord(s.Normalize(text), func(w string) {
			s.hashes = append(s.hashes, xxh3.HashString(w))
			if hasDigit(w) {
				numbers = append(numbers, xxh3.HashString(strings.Map(dropSeparator, w)))
			}
		})
	}
	h := s.hashes
	if len(h) == 0 {
		return nil, nil, 0
	}
	n := max(len(h)-s.size+1, 1)
	shingles = make([]uint64, 0, n)
	for i := range n {
		end := min(i+s.size, len(h))
		shingles = append(shingles, combine(h[i:end]))
	}
	slices.Sort(numbers)
	return shingles, slices.Compact(numbers), len(h)
}

// Shingles returns the sorted, distinct shingle hashes of text and the
// number of words it holds.
func (s *Shingler) Shingles(text string) (set []uint64, nwords int) {
	f := s.Features(text)
	return f.Shingles, f.Words
}

func hasDigit(w string) bool {
	for _, r := range w {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func dropSeparator(r rune) rune {
	switch r {
	case ',', '.', '\'', ' ':
		return -1
	}
	return r
}

// combine hashes a run of word hashes into one shingle hash. Rotating
// before each xor makes it order-sensitive ("a b c" and "c b a" differ);
// the final mix (the 64-bit finaliser of MurmurHash3) spreads the bits so
// that MinHash sees uniform values.
func combine(words []uint64) uint64 {
	var h uint64
	for _, w := range words {
		h = bits.RotateLeft64(h, 23) ^ w
	}
	h ^= uint64(len(words))
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// minSpacedRun is the shortest run of single letters, separated by spaces,
// taken as one spaced-out word. Two would join common pairs of one-letter
// words (Spanish "y a", Russian "и в"); three in a row hardly occur in
// prose but are what "N A T O" or "r e p o r t" give.
const minSpacedRun = 3

// eachWord calls fn for every UAX #29 word of text that holds a letter or
// a digit; a run of at least minSpacedRun single letters separated by
// spaces or tabs is one word.
func eachWord(text string, fn func(string)) {
	var buf [8]string
	run := buf[:0] // single letters in a row
	token := func(w string) {
		if len(w) <= utf8.UTFMax && isLetter(w) { // most words are longer
			run = append(run, w)
			return
		}
		if len(run) > 0 {
			if isBlank(w) {
				return // the space between two letters of a run
			}
			run = flushRun(run, fn)
		}
		if IsWord(w) {
			fn(w)
		}
	}
	eachToken(text, token)
	flushRun(run, fn)
}

// flushRun passes a run of single letters to fn, as one word when it is
// long enough, and returns it emptied.
func flushRun(run []string, fn func(string)) []string {
	if len(run) >= minSpacedRun {
		fn(strings.Join(run, ""))
	} else {
		for _, w := range run {
			fn(w)
		}
	}
	return run[:0]
}

// isLetter reports whether tok is a single letter.
func isLetter(tok string) bool {
	switch {
	case len(tok) == 1:
		c := tok[0]
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	case len(tok) > utf8.UTFMax || tok[0] < utf8.RuneSelf:
		return false // several characters: most words stop here
	}
	r, size := utf8.DecodeRuneInString(tok)
	return size == len(tok) && unicode.IsLetter(r)
}

// isBlank reports whether tok is spaces and tabs only.
func isBlank(tok string) bool {
	for i := 0; i < len(tok); i++ {
		if tok[i] != ' ' && tok[i] != '\t' {
			return false
		}
	}
	return true
}

// IsWord reports whether a UAX #29 token counts as a word: it holds a
// letter or a digit. Punctuation and spacing never reach a shingle.
func IsWord(tok string) bool {
	for _, r := range tok {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				return true
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
	}
	return false
}

// foldRune maps typographic variants to one form and drops invisible
// characters (by returning -1, as strings.Map expects).
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		switch r {
		case '`':
			return '\''
		case '\r', '\v', '\f':
			return ' '
		}
		return r
	}
	switch r {
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '\u02bc', '\u00b4':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb', '\u2039', '\u203a':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe58', '\ufe63', '\uff0d':
		return '-'
	}
	if r != ' ' && unicode.IsSpace(r) && r != '\n' && r != '\t' {
		return ' '
	}
	if invisible(r) {
		return -1
	}
	return r
}

// invisible reports whether r is a default-ignorable code point: a
// character that is not shown, such as the zero-width space and joiners,
// the word joiner, the soft hyphen, the byte-order mark, bidirectional
// controls, variation selectors, Hangul fillers and tag characters.
func invisible(r rune) bool {
	switch {
	case r < 0xad:
		return false
	case r < 0x600:
		// Latin, IPA, Greek, Cyrillic, Armenian and Hebrew have two,
		// tested first for speed.
		return r == 0xad || r == 0x34f
	}
	return unicode.In(r, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point)
}

// foldLatin normalises s in one pass when every character of s, mapped
// by foldRune, is ASCII (typographic quotes, dashes and spaces were the
// only others, as in most English news) or a Latin letter of Latin-1 or
// Latin Extended-A (U+00C0 to U+017F, but for × and ÷ and the few NFKC
// or full case folding spell as two characters: Ĳ ĳ Ŀ ŀ ŉ ſ İ), as in
// most German, French, Spanish, Italian, Portuguese, Polish and Czech
// news. NFKC leaves those letters as they are, none is a look-alike the
// confusable folding changes, and full case folding lowers the capitals
// and turns ß into "ss", so the result is normalizeFull's. It reports
// false for any other character. TestFoldLatin checks it against
// normalizeFull on every character up to U+07FF.
func foldLatin(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch r = foldRune(r); {
		case r < 0: // invisible: dropped
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case r == 'ß':
			b.WriteString("ss")
		case latinLetter(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			return "", false
		}
	}
	return b.String(), true
}

// latinLetter reports whether foldLatin folds r: a letter of Latin-1 or
// Latin Extended-A that NFKC and full case folding map to one letter.
func latinLetter(r rune) bool {
	switch {
	case r < 0xC0 || r > 0x17F || r == 0xD7 || r == 0xF7:
		return false
	case r == 0x130, r == 0x132, r == 0x133, r == 0x13F, r == 0x140, r == 0x149, r == 0x17F:
		return false
	}
	return true
}

// asciiLower appends w, ASCII, in lower case to dst.
func asciiLower(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
