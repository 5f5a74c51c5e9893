package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// scanJSON runs wirecopy scan with args and returns its standard output.
func scanJSON(t *testing.T, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"scan"}, args...), strings.NewReader(""), &stdout, &stderr); code != exitOK {
		t.Fatalf("scan %v: exit %d\n%s", args, code, stderr.String())
	}
	return stdout.Bytes()
}

// shuffledCopy writes the lines of the JSONL file at path, shuffled, to a
// file in dir and returns its name.
func shuffledCopy(t *testing.T, path, dir string, rng *rand.Rand) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\n") + "\n"
	}
	rng.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
	out := filepath.Join(dir, "shuffled-"+filepath.Base(path))
	if err := os.WriteFile(out, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// writeTies writes a JSONL file of documents that tie wherever clusters
// break ties: three exact copies of each of the first records of the dev
// set on the same day, two of them by one source, and one paragraph
// carried by 80 sources, more than an LSH bucket pairs up in full.
func writeTies(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile("../../testdata/reprints/dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, line := range strings.Split(string(data), "\n")[:40] {
		var rec map[string]string
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		for _, copy := range []string{"a", "b", "c"} {
			source := "mirror-" + strings.Replace(copy, "c", "a", 1)
			out, _ := json.Marshal(map[string]string{"id": "tie-" + rec["id"] + "-" + copy, "source": source, "date": rec["date"], "text": rec["text"]})
			b.Write(append(out, '\n'))
		}
	}
	for d := range 80 {
		fmt.Fprintf(&b, `{"id": "day-%02d", "source": "outlet-%02d", "date": "2024-03-%02d", "text": "The regional council approved a new flood defence plan for the river valley on Thursday after months of public hearings and expert reports."}`+"\n",
			d, d, 1+d%28)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestScanDeterministic: the same documents give byte-identical reports
// on one core or eight, with one worker or eight, and with the records of
// every file and the files themselves in another order.
func TestScanDeterministic(t *testing.T) {
	ties := filepath.Join(t.TempDir(), "ties.jsonl")
	writeTies(t, ties)
	sets := []string{"../../testdata/reprints/dev.jsonl", "../../testdata/reprints/hard.jsonl", "../../testdata/reprints/test.jsonl", ties}
	example := "../../testdata/example" // a folder: txt, md, html, jsonl
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := rand.New(rand.NewPCG(3, 4))
	for _, format := range []string{"json", "table", "json --within 2d"} {
		t.Run(format, func(t *testing.T) {
			flags := append([]string{"--format"}, strings.Fields(format)...)
			runtime.GOMAXPROCS(1)
			want := scanJSON(t, append(append(flags, "--workers", "1", example), sets...)...)
			for i, procs := range []int{8, 1, 8} {
				dir := t.TempDir()
				var paths []string
				for _, s := range sets {
					paths = append(paths, shuffledCopy(t, s, dir, rng))
				}
				paths = append(paths, example)
				rng.Shuffle(len(paths), func(i, j int) { paths[i], paths[j] = paths[j], paths[i] })
				runtime.GOMAXPROCS(procs)
				args := flags
				if i < 2 {
					args = append(args, "--workers", fmt.Sprint(procs))
				}
				got := scanJSON(t, append(args, paths...)...)
				if !bytes.Equal(got, want) {
					t.Fatalf("GOMAXPROCS %d, paths %v: output differs (%d bytes, want %d)", procs, paths, len(got), len(want))
				}
			}
		})
	}
}

type jsonMember struct {
	Doc       string `json:"doc"`
	Paragraph int    `json:"paragraph"`
	MatchedTo struct {
		Doc       string `json:"doc"`
		Paragraph int    `json:"paragraph"`
	} `json:"matched_to"`
	Coverage       float64 `json:"coverage"`
	OriginCoverage float64 `json:"origin_coverage"`
	Spans          []struct {
		Begin int `json:"begin"`
		End   int `json:"end"`
	} `json:"spans"`
	DocBegin int    `json:"doc_begin"`
	DocEnd   int    `json:"doc_end"`
	Text     string `json:"text"`
}

// The wire paragraph of TestScanOffsets, with curly quotes and umlauts.
const dpa = "„Wir wollen den Dialog“, sagte Nato-Generalsekretär Jens Stoltenberg am Dienstag in Brüssel. Er lud Vertreter Russlands für nächste Woche zu einem Treffen des Nato-Russland-Rats ein, um einen offenen Konflikt über die Ukraine zu verhindern."

// TestScanOffsets: a wire story in JSONL, its reprint in an HTML page and
// a trimmed reprint in a text file with \r\n line ends. Offsets are
// counted by hand; the paragraph and span offsets are into each
// document's text as read: the article text extracted from the HTML (its
// headline paragraph first), and the text file with "\r\n" read as "\n".
func TestScanOffsets(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"feeds/dpa.jsonl": fmt.Sprintf(`{"id": "dpa-1", "source": "dpa", "date": "2022-01-04", "text": %q}`+"\n", "Nato lädt Russland ein\n\n"+dpa),
		"stadtanzeiger/nato.html": `<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Nato lädt Russland ein – Stadtanzeiger</title>
<meta property="article:published_time" content="2022-01-05T09:00:00Z"></head>
<body><nav><a href="/">Start</a> | <a href="/politik">Politik</a></nav>
<article>
<h1>Nato lädt Russland zu Gesprächen ein</h1>
<p>BRÜSSEL (dpa) – ` + dpa + `</p>
<p>Unsere Zeitung berichtet weiter über die Lage in Osteuropa und die Folgen für die Region.</p>
</article>
<footer>© Stadtanzeiger</footer>
</body></html>
`,
		"kurier/nato.txt": "Treffen in Brüssel\r\n\r\nBRÜSSEL – " + strings.Split(dpa, ", um")[0] + ".\r\n",
	}
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var rep struct {
		Clusters []struct{ Members []jsonMember } `json:"clusters"`
	}
	if err := json.Unmarshal(scanJSON(t, "--format", "json", dir), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Clusters) != 1 || len(rep.Clusters[0].Members) != 3 {
		t.Fatalf("want one cluster of three: %+v", rep)
	}
	// dpa has 37 words ("Nato-Generalsekretär" is two); the HTML reprint
	// adds "BRÜSSEL" and "dpa", the text file "BRÜSSEL" and keeps 28 of
	// them (up to "Nato-Russland-Rats ein").
	trimmed := strings.Split(dpa, ", um")[0]
	html := filepath.Join(dir, "stadtanzeiger/nato.html")
	txt := filepath.Join(dir, "kurier/nato.txt")
	want := []struct {
		doc                string
		docBegin, docEnd   int
		spans              [][2]int
		coverage, original float64
	}{
		// "Nato lädt Russland ein\n\n" is 25 bytes; the span leaves out
		// „ (3 bytes) and the final full stop.
		{"dpa-1", 25, 25 + len(dpa), [][2]int{{3, len(dpa) - 1}}, 1, 1},
		// The extracted text starts "Nato lädt Russland zu Gesprächen
		// ein\n\n" (40 bytes); "BRÜSSEL (dpa) – „" is 22.
		{html, 40, 40 + 22 + len(dpa) - 3, [][2]int{{22, 22 + len(dpa) - 4}}, 37.0 / 39, 1},
		// "Treffen in Brüssel\n\n" is 21 bytes once "\r\n" is read as
		// "\n"; "BRÜSSEL – „" is 16.
		{txt, 21, 21 + 16 + len(trimmed) - 3 + 1, [][2]int{{16, 16 + len(trimmed) - 3}}, 28.0 / 29, 28.0 / 37},
	}
	for i, w := range want {
		m := rep.Clusters[0].Members[i]
		var spans [][2]int
		for _, s := range m.Spans {
			spans = append(spans, [2]int{s.Begin, s.End})
		}
		if m.Doc != w.doc || m.DocBegin != w.docBegin || m.DocEnd != w.docEnd || fmt.Sprint(spans) != fmt.Sprint(w.spans) ||
			m.Coverage != round4(w.coverage) || m.OriginCoverage != round4(w.original) {
			t.Errorf("member %d: %s at %d-%d, spans %v, coverage %v, origin coverage %v\nwant %s at %d-%d, spans %v, coverage %v, origin coverage %v",
				i, m.Doc, m.DocBegin, m.DocEnd, spans, m.Coverage, m.OriginCoverage, w.doc, w.docBegin, w.docEnd, w.spans, round4(w.coverage), round4(w.original))
			continue
		}
		if m.MatchedTo.Doc != "dpa-1" || m.MatchedTo.Paragraph != 1 {
			t.Errorf("member %d matched to %+v, want dpa-1 paragraph 1", i, m.MatchedTo)
		}
		got := m.Text[w.spans[0][0]:w.spans[0][1]]
		if !strings.HasPrefix(got, "Wir wollen") || !strings.HasSuffix(got, "verhindern") && !strings.HasSuffix(got, "Rats ein") {
			t.Errorf("member %d: span %q", i, got)
		}
	}
}

func round4(x float64) float64 { return float64(int(x*1e4+0.5)) / 1e4 }
