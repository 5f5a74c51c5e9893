package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite testdata/evasion/evasion.jsonl and gold.tsv from sources.jsonl")

// The evasion set (testdata/evasion) holds original paragraphs in
// English, German, French, Russian, Ukrainian, Bulgarian and Greek, the
// copies content farms would make of them to dodge duplicate detection,
// and genuinely different texts in Latin, Cyrillic and Greek script:
// reports of the same events in other words, translations of an original
// into a related language, transliterations. sources.jsonl holds the
// originals and the different texts; the disguises below make the copies.
// TestEvasion regenerates evasion.jsonl and gold.tsv from them (or
// rewrites them, with -update), then runs scan and eval on the set.
const evasionDir = "../../testdata/evasion"

type evasionDoc struct {
	ID     string `json:"id"`
	Role   string `json:"role,omitempty"` // sources.jsonl: original or different
	Source string `json:"source"`
	Lang   string `json:"lang"`
	Kind   string `json:"kind,omitempty"` // the disguise of a copy
	Of     string `json:"of,omitempty"`   // the original a copy disguises
	Text   string `json:"text"`
}

// disguise is one way a content farm changes text, and the scripts of the
// originals it is put on.
type disguise struct {
	kind    string
	scripts string // "latin", "cyrillic", "greek", or several
	apply   func(string) string
}

var (
	latinToCyrillic = pairs("aа cс eе iі jј oо pр sѕ xх yу AА BВ CС EЕ HН IІ JЈ KК MМ OО PР SЅ TТ XХ YУ")
	latinToGreek    = pairs("aα iι oο pρ uυ vν AΑ BΒ EΕ HΗ IΙ KΚ MΜ NΝ OΟ PΡ TΤ XΧ YΥ ZΖ")
	cyrillicToLatin = pairs("аa еe оo рp сc уy хx іi јj ѕs АA ВB ЕE КK МM НH ОO РP СC ТT ХX")
	greekToLatin    = pairs("αa ιi οo ρp υu νv ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX")
)

var disguises = []disguise{
	{"homoglyphs-cyrillic-half", "latin", swap(latinToCyrillic, 2)},
	{"homoglyphs-cyrillic-all", "latin", swap(latinToCyrillic, 1)},
	{"homoglyphs-greek", "latin", swap(latinToGreek, 1)},
	{"homoglyphs-latin-half", "cyrillic greek", swap(merge(cyrillicToLatin, greekToLatin), 2)},
	{"homoglyphs-latin-all", "cyrillic greek", swap(merge(cyrillicToLatin, greekToLatin), 1)},
	{"zero-width", "latin cyrillic greek", zeroWidth},
	{"soft-hyphens", "latin cyrillic greek", softHyphens},
	{"bidi-and-tags", "latin cyrillic greek", bidiAndTags},
	{"full-width", "latin", mapLetters(0xff21, 0xff41, 0xff10)},
	{"math-bold", "latin", mapLetters(0x1d400, 0x1d41a, 0x1d7ce)},
	{"spaced-out", "latin cyrillic greek", spacedOut},
	{"shuffled", "latin cyrillic greek", shuffled},
	{"combined", "latin", func(s string) string { return zeroWidth(spacedOut(swap(latinToCyrillic, 2)(s))) }},
	{"combined", "cyrillic greek", func(s string) string { return zeroWidth(spacedOut(swap(merge(cyrillicToLatin, greekToLatin), 2)(s))) }},
}

func pairs(s string) map[rune]rune {
	m := map[rune]rune{}
	for _, p := range strings.Fields(s) {
		r := []rune(p)
		m[r[0]] = r[1]
	}
	return m
}

func merge(a, b map[rune]rune) map[rune]rune {
	m := map[rune]rune{}
	for _, x := range []map[rune]rune{a, b} {
		for k, v := range x {
			m[k] = v
		}
	}
	return m
}

// swap replaces every nth letter that has a look-alike in m.
func swap(m map[rune]rune, nth int) func(string) string {
	return func(s string) string {
		i := 0
		return strings.Map(func(r rune) rune {
			if c, ok := m[r]; ok {
				i++
				if i%nth == 0 {
					return c
				}
			}
			return r
		}, s)
	}
}

// insideWords inserts what next returns after every nth letter that
// another letter follows.
func insideWords(s string, nth int, next func(i int) string) string {
	var b strings.Builder
	rs := []rune(s)
	n, k := 0, 0
	for i, r := range rs {
		b.WriteRune(r)
		if unicode.IsLetter(r) && i+1 < len(rs) && unicode.IsLetter(rs[i+1]) {
			if n++; n%nth == 0 {
				b.WriteString(next(k))
				k++
			}
		}
	}
	return b.String()
}

func zeroWidth(s string) string {
	invisible := []string{"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u2062", "\u180e"}
	return insideWords(s, 3, func(i int) string { return invisible[i%len(invisible)] })
}

func softHyphens(s string) string {
	return insideWords(s, 4, func(int) string { return "\u00ad" })
}

func bidiAndTags(s string) string {
	marks := []string{"\u200e", "\u202a", "\u202c", "\u2066", "\u2069", "\U000E0041", "\ufe0f", "\u034f"}
	return "\u202b" + insideWords(s, 5, func(i int) string { return marks[i%len(marks)] }) + "\u202c"
}

// mapLetters writes ASCII letters and digits in another block, as
// full-width or mathematical letters.
func mapLetters(upper, lower, digit rune) func(string) string {
	return func(s string) string {
		return strings.Map(func(r rune) rune {
			switch {
			case 'A' <= r && r <= 'Z':
				return upper + r - 'A'
			case 'a' <= r && r <= 'z':
				return lower + r - 'a'
			case '0' <= r && r <= '9':
				return digit + r - '0'
			}
			return r
		}, s)
	}
}

// spacedOut spells out every third word of four letters or more.
func spacedOut(s string) string {
	words := strings.Split(s, " ")
	n := 0
	for i, w := range words {
		if utf8.RuneCountInString(w) < 4 || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			continue
		}
		if n++; n%3 == 0 {
			words[i] = strings.Join(strings.Split(w, ""), " ")
		}
	}
	return strings.Join(words, " ")
}

// shuffled swaps two pairs of neighbouring words.
func shuffled(s string) string {
	words := strings.Split(s, " ")
	for _, i := range []int{3, 12} {
		if i+1 < len(words) {
			words[i], words[i+1] = words[i+1], words[i]
		}
	}
	return strings.Join(words, " ")
}

func scriptOf(text string) string {
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			return "cyrillic"
		case unicode.Is(unicode.Greek, r):
			return "greek"
		}
	}
	return "latin"
}

// evasionSet builds evasion.jsonl and gold.tsv from sources.jsonl.
func evasionSet(t *testing.T) (jsonl, gold []byte) {
	data, err := os.ReadFile(filepath.Join(evasionDir, "sources.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []evasionDoc
	var labels strings.Builder
	for line := range strings.Lines(string(data)) {
		var d evasionDoc
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("sources.jsonl: %v", err)
		}
		role := d.Role
		d.Role = ""
		docs = append(docs, d)
		fmt.Fprintf(&labels, "%s\t%s\n", d.ID, d.ID)
		if role != "original" {
			continue
		}
		script := scriptOf(d.Text)
		for _, g := range disguises {
			if !strings.Contains(g.scripts, script) {
				continue
			}
			c := evasionDoc{ID: d.ID + "-" + g.kind, Source: "farm-" + g.kind, Lang: d.Lang, Kind: g.kind, Of: d.ID, Text: g.apply(d.Text)}
			if c.Text == d.Text {
				t.Fatalf("%s does not change %s", g.kind, d.ID)
			}
			docs = append(docs, c)
			fmt.Fprintf(&labels, "%s\t%s\n", c.ID, d.ID)
		}
	}
	var b bytes.Buffer
	for _, d := range docs {
		line, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.Bytes(), []byte(labels.String())
}

// TestEvasion runs the pipeline on the evasion set: every disguised copy
// must share a cluster with its original, and no cluster may hold two
// texts that are genuinely different.
func TestEvasion(t *testing.T) {
	jsonl, gold := evasionSet(t)
	files := map[string][]byte{"evasion.jsonl": jsonl, "gold.tsv": gold}
	for name, want := range files {
		path := filepath.Join(evasionDir, name)
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%s is not what sources.jsonl and the disguises make (%v): run go test ./cmd/wirecopy -run Evasion -update", path, err)
		}
	}

	var stdout, stderr bytes.Buffer
	if code := run([]string{"scan", "--format", "json", filepath.Join(evasionDir, "evasion.jsonl")}, nil, &stdout, &stderr); code != exitOK || stderr.Len() > 0 {
		t.Fatalf("scan: exit %d\n%s", code, stderr.String())
	}
	var rep struct {
		Clusters []struct {
			ID      int
			Members []struct{ Doc string }
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	clusterOf := map[string]int{} // doc -> cluster id
	members := map[int][]string{} // cluster id -> docs
	for _, c := range rep.Clusters {
		for _, m := range c.Members {
			if !slices.Contains(members[c.ID], m.Doc) {
				members[c.ID] = append(members[c.ID], m.Doc)
			}
			clusterOf[m.Doc] = c.ID
		}
	}
	groups := map[string][]string{} // gold label -> docs
	for line := range strings.Lines(string(gold)) {
		id, label, _ := strings.Cut(strings.TrimSpace(line), "\t")
		groups[label] = append(groups[label], id)
	}
	copies := 0
	for label, docs := range groups {
		if len(docs) == 1 { // a different text: in no cluster
			if c, ok := clusterOf[docs[0]]; ok {
				t.Errorf("%s, a different text, is merged with %v", docs[0], members[c])
			}
			continue
		}
		copies += len(docs) - 1
		c, ok := clusterOf[label]
		if !ok {
			t.Errorf("original %s is in no cluster", label)
			continue
		}
		for _, d := range docs {
			if clusterOf[d] != c {
				t.Errorf("%s is not in the cluster of its original %s", d, label)
			}
		}
		for _, d := range members[c] {
			if !slices.Contains(docs, d) {
				t.Errorf("%s is merged with %s", d, label)
			}
		}
	}
	if copies < 100 {
		t.Errorf("only %d disguised copies", copies)
	}

	// eval scores the same: every pair found, none wrong.
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"eval", "--gold", filepath.Join(evasionDir, "gold.tsv"), filepath.Join(evasionDir, "evasion.jsonl")}, nil, &stdout, &stderr); code != exitOK {
		t.Fatalf("eval: exit %d\n%s", code, stderr.String())
	}
	for _, want := range []string{"precision   1.0000", "recall      1.0000"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("eval: want %q in\n%s", want, stdout.String())
		}
	}
}
