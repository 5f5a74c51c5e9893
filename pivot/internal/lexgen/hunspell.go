package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"slices"
	"strings"

	"golang.org/x/text/encoding/charmap"

	"github.com/wirecopy/wirecopy/pivot"
)

// Form tables. Polish inflects by changing a stem's last letters
// (miasto, w mieście; Polska, w Polsce; rząd, rządzie), which pivot's
// ending removal (pivot.Stem) cannot undo. A hunspell dictionary lists
// every lemma with the suffix rules it takes (pl_PL.dic "miasto/TU",
// pl_PL.aff "SFX T o ście [^i]to"), so expanding the rules gives every
// form with its lemma. The form table keeps the forms whose stem differs
// from their lemma's and whose lemma is in the lexicon, mapped to the
// lemma's lexicon key: the look-up reads it before stemming (see
// pivot's lookupStem).

// formSource is a hunspell dictionary whose forms are tabled for lang.
type formSource struct {
	lang, aff, dic, charset, licence string
}

var formSources = []formSource{
	{"pl", "/usr/share/hunspell/pl_PL.aff", "/usr/share/hunspell/pl_PL.dic", "ISO8859-2",
		"GPL (or LGPL, MPL, Apache-2.0, CC-SA-1.0; sjp.pl, Debian hunspell-pl)"},
}

// suffixRule is one hunspell SFX line: strip strip from a word ending in
// cond, then add add.
type suffixRule struct {
	strip, add string
	cond       []string // one character class per letter: "a", "[^i]", "[ae]", "."
}

// matches reports whether word ends as cond says.
func (r suffixRule) matches(word []rune) bool {
	if len(word) < len(r.cond) || len(word) < len([]rune(r.strip)) {
		return false
	}
	tail := word[len(word)-len(r.cond):]
	for i, c := range r.cond {
		if !classHas(c, tail[i]) {
			return false
		}
	}
	return strings.HasSuffix(string(word), r.strip)
}

func classHas(class string, r rune) bool {
	if class == "." {
		return true
	}
	if !strings.HasPrefix(class, "[") {
		return []rune(class)[0] == r
	}
	set := strings.Trim(class, "[]")
	if neg, ok := strings.CutPrefix(set, "^"); ok {
		return !strings.ContainsRune(neg, r)
	}
	return strings.ContainsRune(set, r)
}

// parseCond splits a hunspell condition into character classes.
func parseCond(cond string) []string {
	var out []string
	for cond != "" {
		if cond[0] == '[' {
			end := strings.IndexByte(cond, ']')
			if end < 0 {
				end = len(cond) - 1
			}
			out = append(out, cond[:end+1])
			cond = cond[end+1:]
			continue
		}
		_, n := firstRune(cond)
		out = append(out, cond[:n])
		cond = cond[n:]
	}
	return out
}

func firstRune(s string) (rune, int) {
	for i, r := range s {
		if i == 0 {
			return r, len(string(r))
		}
	}
	return 0, 0
}

// decode reads a file in charset (ISO8859-2) as UTF-8 lines.
func decode(path, charset string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if charset != "ISO8859-2" {
		return nil, fmt.Errorf("%s: charset %s not supported", path, charset)
	}
	u, err := charmap.ISO8859_2.NewDecoder().Bytes(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return strings.Split(string(bytes.ReplaceAll(u, []byte("\r"), nil)), "\n"), nil
}

// readAffixes reads the SFX rules of an .aff file by flag.
func readAffixes(path, charset string) (map[string][]suffixRule, error) {
	lines, err := decode(path, charset)
	if err != nil {
		return nil, err
	}
	rules := map[string][]suffixRule{}
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) < 5 || f[0] != "SFX" {
			continue // headers ("SFX a Y 6"); prefixes (Polish: nie-, negation) are left out
		}
		r := suffixRule{strip: f[2], add: f[3], cond: parseCond(f[4])}
		if r.strip == "0" {
			r.strip = ""
		}
		if r.add == "0" {
			r.add = ""
		}
		rules[f[1]] = append(rules[f[1]], r)
	}
	return rules, nil
}

// formTable expands the dictionary and returns, per form, the lexicon key
// of its lemma, for forms whose own stem is another key. A form of two
// lemmas with different keys (ambiguous) is left out.
func formTable(s formSource, lex *table) (map[string]string, error) {
	rules, err := readAffixes(s.aff, s.charset)
	if err != nil {
		return nil, err
	}
	lines, err := decode(s.dic, s.charset)
	if err != nil {
		return nil, err
	}
	// Lemmas: entries with suffix flags (an entry without is a form
	// listed on its own, such as mieście beside miasto/UV).
	lemmas := map[string]bool{}
	for _, l := range lines[1:] { // the first line is the entry count
		if word, flags, _ := strings.Cut(strings.TrimSpace(l), "/"); flags != "" {
			lemmas[strings.ToLower(word)] = true
		}
	}
	forms := map[string]string{}
	ambiguous := map[string]bool{}
	for _, l := range lines[1:] {
		word, flags, _ := strings.Cut(strings.TrimSpace(l), "/")
		if word == "" || flags == "" {
			continue
		}
		word = strings.ToLower(word) // Polska: w Polsce
		key := pivot.Stem(s.lang, word)
		if _, ok := lex.score[key]; !ok {
			continue
		}
		rw := []rune(word)
		for _, flag := range flags {
			for _, r := range rules[string(flag)] {
				if !r.matches(rw) {
					continue
				}
				form := word[:len(word)-len(r.strip)] + r.add
				if lemmas[form] || pivot.Stem(s.lang, form) == key {
					continue // a lemma itself, or stemmed right anyway
				}
				if k, ok := forms[form]; ok && k != key {
					ambiguous[form] = true
				}
				forms[form] = key
			}
		}
	}
	for f := range ambiguous {
		delete(forms, f)
	}
	return forms, nil
}

// writeForms writes a form table as gzip'd sorted "form<TAB>key" lines,
// the lexicon's format, and returns the entry count and file size.
func writeForms(path string, forms map[string]string) (int, int, error) {
	keys := make([]string, 0, len(forms))
	for f := range forms {
		keys = append(keys, f)
	}
	slices.Sort(keys)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	for _, f := range keys {
		fmt.Fprintf(bw, "%s\t%s\n", f, forms[f])
	}
	if err := bw.Flush(); err != nil {
		return 0, 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, 0, err
	}
	return len(keys), buf.Len(), os.WriteFile(path, buf.Bytes(), 0o644)
}
