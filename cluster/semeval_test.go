package cluster

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wirecopy/wirecopy/corpus"
)

// semevalPath is the SemEval-2022 Task 8 training set in the shared
// evaluation data beside the checkout; the test skips when it is absent.
const semevalPath = "../../shared/eval/semeval2022/training_set.csv"

// TestSemEvalHardNegatives checks that pairs of news articles that
// annotators judged to be different stories (Overall >= 3.5 on a 1-4
// scale) never share a cluster, even though many share names and places.
func TestSemEvalHardNegatives(t *testing.T) {
	res, negatives := semeval(t)
	together := map[semevalPair]bool{}
	for _, c := range res.Clusters {
		for i, m := range c.Members {
			for _, n := range c.Members[i+1:] {
				a, b := res.Docs[res.Paragraphs[m.Paragraph].Doc].ID, res.Docs[res.Paragraphs[n.Paragraph].Doc].ID
				together[semevalPair{a, b}], together[semevalPair{b, a}] = true, true
			}
		}
	}
	bad, allowed := 0, 0
	for _, p := range negatives {
		if why, ok := sameSiteBoilerplate[p]; ok && together[p] {
			allowed++
			t.Logf("%s and %s share site boilerplate (%s): allowed", p.a, p.b, why)
			continue
		}
		if together[p] {
			bad++
			t.Errorf("different stories %s and %s share a cluster", p.a, p.b)
		}
	}
	t.Log(semevalTranslations(res, together))
	lang := map[string]string{}
	for _, d := range res.Docs {
		lang[d.ID] = d.Lang
	}
	cross := 0
	for _, p := range negatives {
		if lang[p.a] != lang[p.b] {
			cross++
		}
	}
	t.Logf("%d hard-negative pairs (%d across two languages) over %d articles (%d paragraphs): %d share a cluster, %d more share site boilerplate", len(negatives), cross, len(res.Docs), len(res.Paragraphs), bad, allowed)
}

type semevalPair struct{ a, b string }

// sameSiteBoilerplate lists hard-negative pairs whose articles carry the
// same block of site boilerplate, word for word. The SemEval file has no
// URLs or outlet names, so the test must treat each article as its own
// source and the tool cannot see that both come from one site; in a
// corpus with sources, a site's boilerplate is repeated across its
// documents and set apart (see the package comment). Each entry was
// checked by reading both articles.
var sameSiteBoilerplate = map[semevalPair]string{
	{"1558913813", "1556463214"}:     "a German cookie and privacy notice run into the headline paragraph",
	{"1483803295zh", "1484102113zh"}: "Business Standard's notice that the story was generated from a syndicated feed",
}

// semeval clusters the articles of the hard-negative pairs with the
// default options.
func semeval(t *testing.T) (*Result, []semevalPair) {
	t.Helper()
	f, err := os.Open(semevalPath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not found: shared evaluation data absent", semevalPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	var docs []corpus.Document
	var negatives []semevalPair
	seen := map[string]bool{}
	addDoc := func(id, lang, text string) {
		if !seen[id] {
			seen[id] = true
			// Each article is its own source, so every cluster that joins
			// two articles counts.
			docs = append(docs, corpus.Document{ID: id, Source: id, Lang: lang, Text: text})
		}
	}
	for _, r := range rows[1:] {
		overall, err := strconv.ParseFloat(r[col["Overall"]], 64)
		if err != nil || overall < 3.5 {
			continue
		}
		ids := strings.SplitN(r[col["pair_id"]], "_", 2)
		if len(ids) != 2 || ids[0] == ids[1] {
			continue
		}
		addDoc(ids[0], r[col["lang1"]], r[col["text1"]])
		addDoc(ids[1], r[col["lang2"]], r[col["text2"]])
		negatives = append(negatives, semevalPair{ids[0], ids[1]})
	}
	res, err := Find(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res, negatives
}

// semevalTranslations reports how many of the SemEval articles that come
// with a machine translation in the file (ids "1483803662" and
// "1483803662es") share a cluster with it: real news, translated by a
// real MT system, found by the cross-language stage.
func semevalTranslations(res *Result, together map[semevalPair]bool) string {
	ids := map[string]bool{}
	for _, d := range res.Docs {
		ids[d.ID] = true
	}
	pairs, found := map[string]int{}, map[string]int{}
	for id := range ids {
		base := strings.TrimRight(id, "abcdefghijklmnopqrstuvwxyz")
		if base == id || !ids[base] {
			continue
		}
		lang := id[len(base):]
		pairs[lang]++
		if together[semevalPair{base, id}] {
			found[lang]++
		}
	}
	var b strings.Builder
	b.WriteString("articles sharing a cluster with their machine translation:")
	for _, lang := range slices.Sorted(maps.Keys(pairs)) {
		fmt.Fprintf(&b, " %s %d of %d;", lang, found[lang], pairs[lang])
	}
	return b.String()
}
