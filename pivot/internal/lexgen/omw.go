package main

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// Wordnets. The Open Multilingual Wordnet (omw-data, Bond and Foster
// 2013) ties each lemma of a wordnet to a Princeton WordNet 3.0 synset
// ("00001740-n<TAB>pol:lemma<TAB>byt"); the English lemmas of that synset
// are its translations in that sense. Princeton WordNet's own data files
// (Debian's wordnet-base) give the English lemmas of every synset, and its
// tag counts (cntlist.rev: how often each word was seen in each sense in
// a sense-tagged corpus) say which of them is the usual English word for
// the sense: "bank" for the synset of "depository financial institution,
// bank, banking concern, banking company".
//
// A foreign lemma in synset s gives each English lemma e of s the score
// wnWeight * (1+tag(e,s)) / (len(s) + tags(s)): the synset's weight is
// shared out among its English lemmas by tag count, so a sense with many
// synonyms does not outvote one with a single clear word, and the common
// English word of the sense comes first. wnWeight keeps a bilingual
// dictionary's first translation (score 1) ahead of a wordnet's: a
// dictionary lists a word's common senses, a wordnet all of them alike.
const wnWeight = 0.5

// wordnet is Princeton WordNet 3.0: per synset ("00001740-n"; satellite
// adjectives as "-a", the way OMW writes them), its English lemmas and
// their tag counts.
type wordnet map[string][]wnLemma

type wnLemma struct {
	phrase string // lower case, words separated by spaces
	tags   int
}

// wordnetDir is where Debian's wordnet-base installs WordNet 3.0.
const wordnetDir = "/usr/share/wordnet"

// readWordNet reads the data files and tag counts of WordNet 3.0 in dir,
// and adds the English lemmas of extra (OMW tab files of English,
// such as CLDR's names of languages and countries).
func readWordNet(dir string, extra ...string) (wordnet, error) {
	tags, err := readTagCounts(filepath.Join(dir, "cntlist.rev"))
	if err != nil {
		return nil, err
	}
	wn := wordnet{}
	for _, pos := range []string{"noun", "verb", "adj", "adv"} {
		if err := wn.readData(filepath.Join(dir, "data."+pos), tags); err != nil {
			return nil, err
		}
	}
	for _, path := range extra {
		err := readTab(path, "eng", func(synset, lemma string) {
			for _, l := range wn[synset] {
				if l.phrase == lemma {
					return
				}
			}
			wn[synset] = append(wn[synset], wnLemma{phrase: lemma})
		})
		if err != nil {
			return nil, err
		}
	}
	return wn, nil
}

// readTagCounts reads cntlist.rev lines "sense_key sense_number tag_cnt"
// into a map from the sense key's lemma%type:file:id part to its count.
func readTagCounts(path string) (map[string]int, error) {
	tags := map[string]int{}
	err := eachLine(path, func(line string) error {
		fields := strings.Fields(line)
		if len(fields) != 3 {
			return nil
		}
		n, err := strconv.Atoi(fields[2])
		if err != nil {
			return fmt.Errorf("%s: %q: %w", path, line, err)
		}
		k := senseKey(fields[0])
		tags[k] = max(tags[k], n)
		return nil
	})
	return tags, err
}

// senseKey cuts a sense key "bank%1:14:00::" to "bank%1:14:00", leaving
// out the head word of satellite adjectives.
func senseKey(k string) string {
	parts := strings.SplitN(k, ":", 4)
	if len(parts) < 3 {
		return k
	}
	return strings.Join(parts[:3], ":")
}

// ssTypes numbers the synset types as sense keys do.
var ssTypes = map[string]string{"n": "1", "v": "2", "a": "3", "r": "4", "s": "5"}

// readData reads a WordNet data file: after the licence lines (which
// start with spaces), "offset lex_filenum ss_type w_cnt word lex_id ...".
func (wn wordnet) readData(path string, tags map[string]int) error {
	return eachLine(path, func(line string) error {
		if strings.HasPrefix(line, " ") {
			return nil
		}
		fields := strings.Fields(line)
		if len(fields) < 6 {
			return fmt.Errorf("%s: short line %q", path, line)
		}
		typ := fields[2]
		n, err := strconv.ParseUint(fields[3], 16, 8)
		if err != nil || len(fields) < 4+2*int(n) {
			return fmt.Errorf("%s: bad word count in %q", path, line)
		}
		pos := typ
		if pos == "s" {
			pos = "a"
		}
		synset := fields[0] + "-" + pos
		for i := range int(n) {
			w := strings.ToLower(fields[4+2*i])
			if j := strings.IndexByte(w, '('); j > 0 {
				w = w[:j] // adjective markers: (a), (p), (ip)
			}
			id, _ := strconv.ParseUint(fields[5+2*i], 16, 8)
			key := fmt.Sprintf("%s%%%s:%s:%02d", w, ssTypes[typ], fields[1], id)
			wn[synset] = append(wn[synset], wnLemma{phrase: strings.ReplaceAll(w, "_", " "), tags: tags[key]})
		}
		return nil
	})
}

// readTab reads an OMW tab file, calling fn with each synset and lemma
// (lower case, words separated by spaces) of language lang ("pol").
func readTab(path, lang string, fn func(synset, lemma string)) error {
	return eachLine(path, func(line string) error {
		fields := strings.Split(line, "\t")
		if len(fields) != 3 || fields[1] != lang+":lemma" {
			return nil
		}
		synset := strings.Replace(fields[0], "-s", "-a", 1)
		lemma := strings.Join(strings.Fields(strings.ReplaceAll(strings.ToLower(fields[2]), "_", " ")), " ")
		fn(synset, lemma)
		return nil
	})
}

// readOMW adds the lemmas of an OMW tab file of the table's language,
// each with the English lemmas of its synset, scored as described at
// wnWeight.
func readOMW(path, lang3 string, wn wordnet, t *table) (int, error) {
	n := 0
	err := readTab(path, lang3, func(synset, lemma string) {
		ens := wn[synset]
		total := len(ens)
		for _, e := range ens {
			total += e.tags
		}
		for _, e := range ens {
			n += t.addScore(lemma, e.phrase, wnWeight*float64(1+e.tags)/float64(total))
		}
	})
	return n, err
}
