package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
)

// translatedFixture is a cluster of an English paragraph and its German
// translation, as cluster.Find gives it: the German member is marked
// Translated and carries the passages of the names, numbers and
// translated words it shares.
func translatedFixture() *cluster.Result {
	en := "The United States has put 8,400 troops on heightened alert, the alliance said."
	de := "Die Vereinigten Staaten haben 8.400 Soldaten in erhöhte Bereitschaft versetzt, teilte das Bündnis mit."
	return &cluster.Result{
		Docs: []corpus.Document{
			{ID: "reuters-1", Source: "reuters", Date: day("2022-02-16"), Text: en},
			{ID: "faz-1", Source: "faz", Date: day("2022-02-16"), Text: de},
		},
		Paragraphs: []cluster.Paragraph{
			{Doc: 0, End: len(en), Text: en, Words: 13, Indexed: true, Lang: "en"},
			{Doc: 1, End: len(de), Text: de, Words: 14, Indexed: true, Lang: "de"},
		},
		Clusters: []cluster.Cluster{{ID: 1, Origin: true, Members: []cluster.Member{
			{Paragraph: 0, Similarity: 1, Coverage: 1, OriginCoverage: 1},
			{Paragraph: 1, Similarity: 0.8, Translated: true, Coverage: 0.8, OriginCoverage: 0.8, Spans: []cluster.Span{{Begin: 4, End: 64}}},
		}}},
	}
}

func TestTranslatedMarker(t *testing.T) {
	res := translatedFixture()
	var buf bytes.Buffer
	if err := Write(&buf, res, Options{Format: FormatJSON}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Clusters []struct {
			Languages  []string `json:"languages"`
			Translated bool     `json:"translated"`
			Members    []struct {
				Lang       string `json:"lang"`
				Translated bool   `json:"translated"`
			} `json:"members"`
		} `json:"clusters"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	c := got.Clusters[0]
	if !c.Translated || strings.Join(c.Languages, ",") != "de,en" || c.Members[0].Lang != "en" || c.Members[0].Translated || c.Members[1].Lang != "de" || !c.Members[1].Translated {
		t.Errorf("JSON cluster %+v", c)
	}

	buf.Reset()
	if err := Write(&buf, res, Options{Format: FormatTable, Width: 200}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "de,en translated") {
		t.Errorf("table has no translated marker:\n%s", buf.String())
	}

	buf.Reset()
	if err := Write(&buf, res, Options{Format: FormatCSV}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if !strings.HasSuffix(lines[1], ",false,") || !strings.HasSuffix(lines[2], ",true,") || !strings.Contains(lines[2], ",faz,de,") {
		t.Errorf("CSV:\n%s", buf.String())
	}
}

// TestHTMLTranslated: in the HTML report of a real scan of an English
// paragraph and its German translation (cluster.Find), the German member
// has the translated badge, its detected language and, marked, the
// names, numbers and words it shares through the dictionaries.
func TestHTMLTranslated(t *testing.T) {
	en := "NATO defence ministers met in Brussels on Wednesday to discuss how to strengthen the alliance's eastern flank, as Secretary General Jens Stoltenberg warned that Russia was still moving troops and heavy equipment towards Ukraine's border."
	de := "Die Verteidigungsminister der Nato sind am Mittwoch in Brüssel zusammengekommen, um über eine Stärkung der Ostflanke des Bündnisses zu beraten. Generalsekretär Jens Stoltenberg warnte, Russland verlege weiterhin Truppen und schweres Gerät in Richtung der ukrainischen Grenze."
	res, err := cluster.Find([]corpus.Document{
		{ID: "reuters-1", Source: "reuters", Date: day("2022-02-15"), Text: en},
		{ID: "faz-1", Source: "faz", Date: day("2022-02-16"), Text: de},
	}, cluster.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Clusters) != 1 {
		t.Fatalf("%d clusters, want 1", len(res.Clusters))
	}
	var buf bytes.Buffer
	if err := Write(&buf, res, Options{Format: FormatHTML}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	_, german, ok := strings.Cut(page, "<h4><bdi>faz</bdi>")
	if !ok {
		t.Fatalf("no faz member:\n%s", page)
	}
	german, _, _ = strings.Cut(german, "</article>")
	for _, want := range []string{
		`<span class="badge translated">translated</span>`,
		"language de",
		`<p class="text pivot" lang="de"`,
		"Jens Stoltenberg warnte, Russland</mark>",
	} {
		if !strings.Contains(german, want) {
			t.Errorf("German member lacks %q:\n%s", want, german)
		}
	}
	if n := strings.Count(german, "<mark>"); n < 3 {
		t.Errorf("%d marked passages in the German member, want the shared words:\n%s", n, german)
	}
}
