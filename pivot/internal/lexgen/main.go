// Command lexgen builds pivot's lexicon files from bilingual dictionaries
// installed by Debian packages: for each language, every single-word
// headword is stemmed (pivot.Stem) and mapped to the English stems of its
// translations, commonest first, at most pivot.MaxTranslations.
//
// Sources (each read from where its Debian package installs it):
//   - German: Ding, package trans-de-en, /usr/share/trans/de-en
//     ("de1; de2 | forms :: en1; en2 | forms" lines).
//   - the other languages: FreeDict dictd databases, packages
//     dict-freedict-XXX-eng and dict-freedict-eng-XXX, /usr/share/dictd
//     (a .index of base64 offsets into a dictzip'd .dict). Both
//     directions are read: XXX-eng maps headwords to English, eng-XXX is
//     read in reverse.
//   - Polish and Italian wordnets, and CLDR's names of languages and
//     countries for seven languages, from the Open Multilingual Wordnet
//     (omw-data's tab files, folder -omw: go generate passes the
//     shared/lexicon/omw folder beside the checkout): each lemma is tied
//     to a Princeton WordNet 3.0 synset, whose English lemmas (Debian's
//     wordnet-base, /usr/share/wordnet) are its translations; see omw.go.
//   - Polish forms: hunspell-pl's dictionary and suffix rules
//     (/usr/share/hunspell/pl_PL.{aff,dic}), expanded into the forms
//     whose stem is not their lemma's (lexicon/pl-forms.gz); see
//     hunspell.go.
//
// Only sources whose licence lets the embedded result ship under the
// project's GPL-3.0-or-later are used: the GPL (or dual-licensed with a
// GPL option), and permissive licences that ask for a notice (WordNet,
// plWordNet, CC BY 3.0, ODC-BY, Unicode); see the sources table below
// and NOTICE. FreeDict's pol-eng, fin-eng, eng-fin and ell-eng (CC BY-SA
// 3.0 only) are left out, and so are the OMW sources named there.
//
// Run it with `go generate ./pivot` (which passes -o lexicon and -omw);
// it writes one gzip file per language, and the form tables, and prints
// the entry counts. Debian packages: trans-de-en, the dict-freedict-*
// of the sources below, wordnet-base, hunspell-pl.
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/wirecopy/wirecopy/pivot"
)

// source is one dictionary file. Sources through German must come after
// the German one.
type source struct {
	lang    string
	path    string
	kind    string // "ding", "x-eng" (headwords foreign), "eng-x" (headwords English), "x-deu", "deu-x" (the same with German)
	licence string
}

const dictd = "/usr/share/dictd/"

// sources lists every dictionary read, with its licence as its Debian
// copyright file and database header state it.
var sources = []source{
	{"de", "/usr/share/trans/de-en", "ding", "GPL-2.0-or-later"},
	{"fr", dictd + "freedict-fra-eng", "x-eng", "GPL-2.0-or-later"},
	{"fr", dictd + "freedict-eng-fra", "eng-x", "GPL-2.0-or-later"},
	{"es", dictd + "freedict-spa-eng", "x-eng", "GPL-2.0-or-later"},
	{"es", dictd + "freedict-eng-spa", "eng-x", "GPL-2.0-or-later"},
	{"it", dictd + "freedict-ita-eng", "x-eng", "GPL-2.0-or-later"},
	{"it", dictd + "freedict-eng-ita", "eng-x", "GPL-2.0-or-later"},
	{"pt", dictd + "freedict-por-eng", "x-eng", "GPL-2.0-or-later"},
	{"pt", dictd + "freedict-eng-por", "eng-x", "GPL-2.0-or-later"},
	{"nl", dictd + "freedict-nld-eng", "x-eng", "GPL-2.0-or-later"},
	{"nl", dictd + "freedict-eng-nld", "eng-x", "GPL-2.0-or-later"},
	{"pl", dictd + "freedict-eng-pol", "eng-x", "GPL-3.0-or-later (or GFDL-1.2-or-later)"},
	{"sv", dictd + "freedict-swe-eng", "x-eng", "GPL-2.0-or-later"},
	{"sv", dictd + "freedict-eng-swe", "eng-x", "GPL-2.0-or-later"},
	{"da", dictd + "freedict-dan-eng", "x-eng", "GPL-3.0-or-later (or CC-BY-SA-3.0-or-later)"},
	{"da", dictd + "freedict-eng-dan", "eng-x", "GPL-3.0-or-later (or CC-BY-SA-3.0-or-later)"},
	{"ru", dictd + "freedict-eng-rus", "eng-x", "GPL-2.0-or-later"},
	{"tr", dictd + "freedict-tur-eng", "x-eng", "GPL-2.0-or-later"},
	{"tr", dictd + "freedict-eng-tur", "eng-x", "GPL-2.0-or-later"},
	{"hu", dictd + "freedict-hun-eng", "x-eng", "GPL-2.0-or-later"},
	{"hu", dictd + "freedict-eng-hun", "eng-x", "GPL-2.0-or-later"},
	{"cs", dictd + "freedict-ces-eng", "x-eng", "GPL-2.0-or-later"},
	{"cs", dictd + "freedict-eng-ces", "eng-x", "GPL-2.0-or-later"},
	{"el", dictd + "freedict-eng-ell", "eng-x", "GPL-2.0-or-later (or CC-BY-SA-3.0)"},
	// Through German (Ding's English translations of the German side),
	// for languages whose English dictionaries are small.
	{"es", dictd + "freedict-spa-deu", "x-deu", "GPL-2.0-or-later (or GFDL-1.2-or-later, CC-BY-SA-1.0)"},
	{"it", dictd + "freedict-ita-deu", "x-deu", "GPL-2.0-or-later"},
	{"it", dictd + "freedict-deu-ita", "deu-x", "GPL-2.0-or-later"},
	{"pt", dictd + "freedict-por-deu", "x-deu", "GPL-2.0-or-later"},
	{"pt", dictd + "freedict-deu-por", "deu-x", "GPL-2.0-or-later"},
	{"tr", dictd + "freedict-tur-deu", "x-deu", "GPL-2.0-or-later"},
	{"tr", dictd + "freedict-deu-tur", "deu-x", "GPL-2.0-or-later"},
	// Wordnets from the Open Multilingual Wordnet (paths under -omw),
	// through Princeton WordNet 3.0's English lemmas (wordnetDir). Left
	// out: WOLF (French, CeCILL-C: its copyleft keeps derived data under
	// CeCILL-C, which the GPL does not allow), OpenWN-PT (Portuguese) and
	// the Wiktionary extracts (CC BY-SA 3.0, GFDL), and the Open Dutch
	// WordNet (CC BY-SA 4.0, which would pin Dutch to GPL-3.0 only, with
	// no Dutch test data to show a gain).
	{"pl", "pol/wn-data-pol.tab", "omw", "plWordNet 2.3 licence (WordNet 3.0 style: permission with notice)"},
	{"it", "ita/wn-data-ita.tab", "omw", "CC-BY-3.0 (MultiWordNet)"},
	{"it", "iwn/wn-data-ita.tab", "omw", "ODC-BY-1.0 (ItalWordNet)"},
	{"de", "cldr/wn-cldr-deu.tab", "omw", "Unicode-DFS-2016 (CLDR)"},
	{"fr", "cldr/wn-cldr-fra.tab", "omw", "Unicode-DFS-2016 (CLDR)"},
	{"es", "cldr/wn-cldr-spa.tab", "omw", "Unicode-DFS-2016 (CLDR)"},
	{"it", "cldr/wn-cldr-ita.tab", "omw", "Unicode-DFS-2016 (CLDR)"},
	{"pt", "cldr/wn-cldr-por.tab", "omw", "Unicode-DFS-2016 (CLDR)"},
	{"nl", "cldr/wn-cldr-nld.tab", "omw", "Unicode-DFS-2016 (CLDR)"},
	{"pl", "cldr/wn-cldr-pol.tab", "omw", "Unicode-DFS-2016 (CLDR)"},
}

// omwCodes maps a language to OMW's code for it.
var omwCodes = map[string]string{"de": "deu", "fr": "fra", "es": "spa", "it": "ita", "pt": "por", "nl": "nld", "pl": "pol"}

func main() {
	out := flag.String("o", "lexicon", "output folder")
	omw := flag.String("omw", "../../shared/lexicon/omw", "folder of the Open Multilingual Wordnet's tab files (omw-data's wns tree)")
	flag.Parse()
	if err := run(*out, *omw); err != nil {
		fmt.Fprintln(os.Stderr, "lexgen:", err)
		os.Exit(1)
	}
}

func run(out, omw string) error {
	tables := map[string]*table{}
	var wn wordnet
	for _, s := range sources {
		t := tables[s.lang]
		if t == nil {
			t = &table{lang: s.lang, score: map[string]map[string]float64{}}
			tables[s.lang] = t
		}
		t.via = tables["de"]
		var n int
		var err error
		if s.kind == "omw" {
			if wn == nil {
				if wn, err = readWordNet(wordnetDir, filepath.Join(omw, "cldr/wn-cldr-eng.tab")); err != nil {
					return err
				}
			}
			s.path = filepath.Join(omw, s.path)
			n, err = readOMW(s.path, omwCodes[s.lang], wn, t)
		} else {
			n, err = read(s, t)
		}
		if err != nil {
			return err
		}
		fmt.Printf("%s\t%s\t%d pairs\t%s\n", s.lang, s.path, n, s.licence)
	}
	for _, lang := range pivot.Languages[1:] {
		t := tables[lang]
		if t == nil {
			continue
		}
		n, size, err := t.write(filepath.Join(out, lang+".gz"))
		if err != nil {
			return err
		}
		fmt.Printf("%s\t%d entries\t%d bytes\n", lang, n, size)
	}
	for _, s := range formSources {
		forms, err := formTable(s, tables[s.lang])
		if err != nil {
			return err
		}
		n, size, err := writeForms(filepath.Join(out, s.lang+"-forms.gz"), forms)
		if err != nil {
			return err
		}
		fmt.Printf("%s forms\t%s\t%d entries\t%d bytes\t%s\n", s.lang, s.dic, n, size, s.licence)
	}
	return nil
}

// table collects, per foreign stem, a score per English stem.
type table struct {
	lang  string
	score map[string]map[string]float64
	via   *table // the German table, for sources through German
}

// add records that foreign phrase f translates English phrase e, the
// rank-th translation of its entry (0 first). Earlier translations weigh
// more, so that a word's usual senses come before its rare ones.
func (t *table) add(f, e string, rank int) int {
	return t.addScore(f, e, 1/float64(1+rank))
}

// addScore adds score to English phrase e as a translation of foreign
// phrase f: single foreign words only, English phrases of one or two
// content words, each of which counts.
func (t *table) addScore(f, e string, score float64) int {
	fw := strings.Fields(strings.ToLower(f))
	if len(fw) != 1 || !letters(fw[0]) || pivot.IsStopword(t.lang, fw[0]) {
		return 0
	}
	var ens []string
	for _, w := range strings.Fields(strings.ToLower(e)) {
		w = strings.Trim(w, ".!?\"'")
		if letters(w) && len(w) > 1 && !pivot.IsStopword("en", w) {
			ens = append(ens, pivot.Stem("en", pivot.Latin(w)))
		}
	}
	if len(ens) == 0 || len(ens) > 2 {
		return 0
	}
	m := t.scores(fw[0])
	for _, en := range ens {
		m[en] += score
	}
	return 1
}

// scores returns the scores of the English stems of foreign word w.
func (t *table) scores(w string) map[string]float64 {
	stem := pivot.Stem(t.lang, w)
	m := t.score[stem]
	if m == nil {
		m = map[string]float64{}
		t.score[stem] = m
	}
	return m
}

// viaWeight is what a translation through German counts against a
// direct one: two dictionaries' errors compound.
const viaWeight = 0.5

// addVia records that foreign phrase f translates German phrase g: f
// gets the English stems g has in the German table, weighted down by
// viaWeight and by their rank there.
func (t *table) addVia(f, g string, rank int) int {
	fw, gw := strings.Fields(strings.ToLower(f)), strings.Fields(strings.ToLower(g))
	if len(fw) != 1 || len(gw) != 1 || !letters(fw[0]) || pivot.IsStopword(t.lang, fw[0]) {
		return 0
	}
	ens := t.via.top(pivot.Stem("de", gw[0]))
	if len(ens) == 0 {
		return 0
	}
	m := t.scores(fw[0])
	for j, en := range ens {
		m[en] += viaWeight / float64((1+rank)*(1+j))
	}
	return 1
}

func letters(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !(r >= 'a' && r <= 'z') && r < 0xC0 {
			return false
		}
	}
	return true
}

// write writes the table as gzip'd sorted lines and returns the entry
// count and file size.
func (t *table) write(path string) (int, int, error) {
	stems := make([]string, 0, len(t.score))
	for s := range t.score {
		stems = append(stems, s)
	}
	slices.Sort(stems)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	for _, s := range stems {
		fmt.Fprintf(zw, "%s\t%s\n", s, strings.Join(t.top(s), " "))
	}
	if err := zw.Close(); err != nil {
		return 0, 0, err
	}
	return len(stems), buf.Len(), os.WriteFile(path, buf.Bytes(), 0o644)
}

// top returns the English stems of stem, best first, at most
// pivot.MaxTranslations.
func (t *table) top(stem string) []string {
	m := t.score[stem]
	ens := make([]string, 0, len(m))
	for en := range m {
		ens = append(ens, en)
	}
	slices.SortFunc(ens, func(a, b string) int {
		return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a, b))
	})
	return ens[:min(len(ens), pivot.MaxTranslations)]
}

func read(s source, t *table) (int, error) {
	if s.kind == "ding" {
		return readDing(s.path, t)
	}
	return readDictd(s, t)
}

// notes removes bracketed notes: {m}, [ugs.], (auf der Speisekarte), <n>.
var notes = regexp.MustCompile(`\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|<[^>]*>|/[^/]*/`)

// readDing reads Ding's "de | de :: en | en" lines.
func readDing(path string, t *table) (int, error) {
	n := 0
	err := eachLine(path, func(line string) error {
		if strings.HasPrefix(line, "#") {
			return nil
		}
		de, en, ok := strings.Cut(line, " :: ")
		if !ok {
			return nil
		}
		dparts, eparts := strings.Split(de, " | "), strings.Split(en, " | ")
		if len(dparts) != len(eparts) {
			return nil
		}
		for i := range dparts {
			for _, d := range strings.Split(notes.ReplaceAllString(dparts[i], ""), ";") {
				for rank, e := range strings.Split(notes.ReplaceAllString(eparts[i], ""), ";") {
					n += t.add(d, e, rank)
				}
			}
		}
		return nil
	})
	return n, err
}

// eachLine calls fn with each line of the file at path, without its line
// ending, and stops at fn's first error. A line may be up to 1 MiB long.
func eachLine(path string, fn func(line string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if err := fn(sc.Text()); err != nil {
			return err
		}
	}
	return sc.Err()
}

// readDictd reads a FreeDict dictd database.
func readDictd(s source, t *table) (int, error) {
	index, err := os.ReadFile(s.path + ".index")
	if err != nil {
		return 0, err
	}
	f, err := os.Open(s.path + ".dict.dz")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", s.path, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", s.path, err)
	}
	n := 0
	for line := range strings.Lines(string(index)) {
		fields := strings.Split(strings.TrimRight(line, "\n"), "\t")
		if len(fields) != 3 || strings.HasPrefix(fields[0], "00") {
			continue
		}
		off, size := b64(fields[1]), b64(fields[2])
		if off < 0 || size < 0 || off+size > len(data) {
			return n, fmt.Errorf("%s: index entry %q out of range", s.path, fields[0])
		}
		n += entry(string(data[off:off+size]), s.kind, t)
	}
	return n, nil
}

// entry adds one dictd entry: a headword line, then translation lines.
func entry(text, kind string, t *table) int {
	lines := strings.Split(text, "\n")
	head := lines[0]
	if i := strings.IndexAny(head, "/<"); i >= 0 {
		head = head[:i]
	}
	n, rank := 0, 0
	for _, l := range lines[1:] {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "(") || strings.Contains(l, ":") {
			continue // a definition in the other language, a note, a cross-reference
		}
		l = numbering.ReplaceAllString(notes.ReplaceAllString(l, ""), "")
		for _, tr := range strings.FieldsFunc(l, func(r rune) bool { return r == ',' || r == ';' }) {
			for _, h := range strings.Split(head, ",") {
				h = strings.TrimSpace(h)
				switch kind {
				case "x-eng":
					n += t.add(h, tr, rank)
				case "eng-x":
					n += t.add(tr, h, 0)
				case "x-deu":
					n += t.addVia(h, tr, rank)
				case "deu-x":
					n += t.addVia(tr, h, 0)
				}
			}
			rank++
		}
	}
	return n
}

var numbering = regexp.MustCompile(`^\s*\d+\.\s*`)

// b64 decodes dictd's base-64 numbers; -1 when malformed.
func b64(s string) int {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	n := 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(digits, s[i])
		if d < 0 {
			return -1
		}
		n = n*64 + d
	}
	return n
}
