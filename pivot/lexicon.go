package pivot

import (
	"bufio"
	"compress/gzip"
	"embed"
	"fmt"
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
//go:generate go run ./internal/lexgen -o lexicon
//go:embed lexicon/*.gz
var lexiconFiles embed.FS

// MaxTranslations is the most English stems the generator keeps per
// stem: a word's first few translations carry its common senses; later
// ones are rare senses that match unrelated English words.
const MaxTranslations = 4

// lexicon maps a stem to the pivot IDs of its English translations.
type lexicon map[string][]uint64

var (
	lexMu   sync.Mutex
	lexOnce = map[string]*lexEntry{}
)

type lexEntry struct {
	once sync.Once
	lex  lexicon
	err  error
}

// load returns the lexicon of lang, reading it on first use; a language
// without one gets nil.
func load(lang string) (lexicon, error) {
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

func readLexicon(lang string) (lexicon, error) {
	f, err := lexiconFiles.Open("lexicon/" + lang + ".gz")
	if err != nil {
		return nil, nil // no lexicon for this language
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("pivot: lexicon %s: %w", lang, err)
	}
	lex := lexicon{}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		stem, ens, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			return nil, fmt.Errorf("pivot: lexicon %s: malformed line %q", lang, sc.Text())
		}
		ids := make([]uint64, 0, MaxTranslations)
		for en := range strings.FieldsSeq(ens) {
			ids = append(ids, pivotID(en))
		}
		lex[stem] = ids
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("pivot: lexicon %s: %w", lang, err)
	}
	return lex, nil
}

// LexiconSize returns the number of entries in lang's lexicon.
func LexiconSize(lang string) (int, error) {
	lex, err := load(lang)
	return len(lex), err
}

// IDs of the three kinds of pivot terms, kept apart by a prefix.
func pivotID(enStem string) uint64 { return xxh3.HashString("p\x00" + enStem) }
func nameID(key string) uint64     { return xxh3.HashString("n\x00" + key) }
func numberID(key string) uint64   { return xxh3.HashString("#\x00" + key) }
