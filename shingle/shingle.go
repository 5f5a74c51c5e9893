// Package shingle turns paragraph text into the set of word n-gram hashes
// ("shingles") that MinHash signs and that candidate pairs are verified on.
//
// Three steps, each chosen so that the edits outlets make to agency copy do
// not change the set while different text still does:
//
//  1. Normalise: drop invisible characters (zero-width space and joiners,
//     word joiner, byte-order mark, soft hyphen), fold typographic variants
//     of quotes, apostrophes, dashes and spaces to their ASCII forms, apply
//     Unicode NFKC (full-width letters, ligatures, superscripts) and full
//     case folding ("Straße" and "STRASSE" meet).
//  2. Segment words by the Unicode word-boundary rules (UAX #29), keeping
//     tokens that hold a letter or a digit: punctuation and spacing, which
//     outlets change freely, never reach a shingle.
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

	"github.com/clipperhouse/uax29/v2/words"
	"github.com/zeebo/xxh3"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
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
	t := strings.Map(foldRune, text)
	if isASCII(t) {
		// Typographic quotes, dashes and spaces were the only non-ASCII
		// characters, as in most English news: NFKC and full case folding
		// would change nothing more.
		return strings.ToLower(t)
	}
	t = norm.NFKC.String(t)
	s.fold.Reset()
	return s.fold.String(t)
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
	s.hashes = s.hashes[:0]
	var numbers []uint64
	eachWord(s.Normalize(text), func(w string) {
		s.hashes = append(s.hashes, xxh3.HashString(w))
		if hasDigit(w) {
			numbers = append(numbers, xxh3.HashString(strings.Map(dropSeparator, w)))
		}
	})
	h := s.hashes
	if len(h) == 0 {
		return Features{}
	}
	n := max(len(h)-s.size+1, 1)
	set := make([]uint64, 0, n)
	for i := range n {
		end := min(i+s.size, len(h))
		set = append(set, combine(h[i:end]))
	}
	slices.Sort(set)
	slices.Sort(numbers)
	return Features{Shingles: slices.Compact(set), Numbers: slices.Compact(numbers), Words: len(h)}
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

// eachWord calls fn for every UAX #29 word of text that holds a letter or
// a digit.
func eachWord(text string, fn func(string)) {
	tokens := words.FromString(text)
	for tokens.Next() {
		w := tokens.Value()
		if isWord(w) {
			fn(w)
		}
	}
}

func isWord(tok string) bool {
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
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e':
		return -1 // zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen, Mongolian vowel separator
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '\u02bc', '\u00b4', '`':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb', '\u2039', '\u203a':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe58', '\ufe63', '\uff0d':
		return '-'
	}
	if r != ' ' && unicode.IsSpace(r) && r != '\n' && r != '\t' {
		return ' '
	}
	return r
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
