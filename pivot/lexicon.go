package pivot

import (
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/zeebo/xxh3"
)

// The lexicon files, one per language: gzip-compressed lines
// "stem<TAB>en1 en2 ...", sorted by stem, where stem is the language's
// stem of a headword (Stem) and en1... are English stems of its
// translations, commonest first, at most MaxTranslations. They are
// generated from the dictionaries named in the package comment by
// `go generate ./pivot` (internal/lexgen), which needs the Debian
// packages installed; the result is committed so that a plain go build
// has it.
//
//go:generate go run ./internal/lexgen -o lexicon -omw ../../shared/lexicon/omw
//go:embed lexicon/*.gz
var lexiconFiles embed.FS

// MaxTranslations is the most English stems the generator keeps per
// stem: a word's first few translations carry its common senses; later
// ones are rare senses that match unrelated English words.
const MaxTranslations = 4

// lexicon maps a stem to the pivot IDs of its English translations. It
// keeps the file's text as read and the offsets of its lines, and finds a
// stem by binary search: building a map of the 200,000 German stems took
// most of a second, a lookup is cached by the Extractor anyway.
type lexicon struct {
	text  string
	lines []uint32 // offset of each line's start; one more for the end
}

// value returns the text after the tab of key's line.
func (l *lexicon) value(key string) (string, bool) {
	if l == nil {
		return "", false
	}
	n := len(l.lines) - 1
	i, found := slices.BinarySearchFunc(l.lines[:n], key, func(off uint32, key string) int {
		k, _, _ := strings.Cut(l.text[off:], "\t")
		return strings.Compare(k, key)
	})
	if !found {
		return "", false
	}
	line := l.text[l.lines[i]:l.lines[i+1]]
	_, v, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
	return v, true
}

// lookup returns the pivot IDs of stem's translations.
func (l *lexicon) lookup(stem string) ([]uint64, bool) {
	ens, ok := l.value(stem)
	if !ok {
		return nil, false
	}
	ids := make([]uint64, 0, MaxTranslations)
	for en := range strings.FieldsSeq(ens) {
		ids = append(ids, pivotID(en))
	}
	return ids, true
}

// size returns the number of entries.
func (l *lexicon) size() int {
	if l == nil {
		return 0
	}
	return len(l.lines) - 1
}

var (
	lexMu   sync.Mutex
	lexOnce = map[string]*lexEntry{}
)

type lexEntry struct {
	once sync.Once
	lex  *lexicon
	err  error
}

// load returns the lexicon of lang, reading it on first use; a language
// without one gets nil.
func load(lang string) (*lexicon, error) {
	lexMu.Lock()
	e := lexOnce[lang]
	if e == nil {
		e = &lexEntry{}
		lexOnce[lang] = e
	}
	lexMu.Unlock()
	e.once.Do(func() { e.lex, e.err = readLexicon(lang) })
	return e.lex, e.err
}

func readLexicon(lang string) (*lexicon, error) {
	f, err := lexiconFiles.Open("lexicon/" + lang + ".gz")
	if err != nil {
		return nil, nil // no lexicon for this language
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("pivot: lexicon %s: %w", lang, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("pivot: lexicon %s: %w", lang, err)
	}
	l := &lexicon{text: string(b)}
	prev := ""
	for off := 0; off < len(l.text); {
		end := strings.IndexByte(l.text[off:], '\n')
		if end < 0 {
			return nil, fmt.Errorf("pivot: lexicon %s: last line unterminated", lang)
		}
		stem, _, ok := strings.Cut(l.text[off:off+end], "\t")
		if !ok || stem <= prev && len(l.lines) > 0 {
			return nil, fmt.Errorf("pivot: lexicon %s: line %d malformed or out of order", lang, len(l.lines)+1)
		}
		prev = stem
		l.lines = append(l.lines, uint32(off))
		off += end + 1
	}
	l.lines = append(l.lines, uint32(len(l.text)))
	return l, nil
}

// Form tables (lexicon/LANG-forms.gz, Polish only), in the lexicon's
// format: "form<TAB>key" lines, where key is the lexicon key of the
// form's lemma. They hold the inflected forms that Stem does not bring
// to their lemma's key (miasto, w mieście; Polska, w Polsce), expanded
// from a hunspell dictionary's suffix rules by internal/lexgen.

// formKey returns the lexicon key of a lower-case word of lang from the
// language's form table; false when it has none for the word. A table
// that cannot be read counts as none: it was generated with the lexicon.
func formKey(lang, lw string) (string, bool) {
	if !hasForms[lang] {
		return "", false
	}
	forms, _ := load(lang + "-forms")
	return forms.value(lw)
}

// hasForms lists the languages with a form table.
var hasForms = map[string]bool{"pl": true}

// LexiconSize returns the number of entries in lang's lexicon.
func LexiconSize(lang string) (int, error) {
	lex, err := load(lang)
	return lex.size(), err
}

// IDs of the three kinds of pivot terms, kept apart by a prefix.
func pivotID(enStem string) uint64 { return xxh3.HashString("p\x00" + enStem) }
func nameID(key string) uint64     { return xxh3.HashString("n\x00" + key) }
func numberID(key string) uint64   { return xxh3.HashString("#\x00" + key) }
