package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
)

// fuzzSeeds are member texts that have broken reports elsewhere.
var fuzzSeeds = []string{
	"",
	"plain paragraph of agency copy",
	weird,
	"\"quoted\", with commas,\nand\r\nline breaks\r",
	"\x1b]0;title\x07\x1b[2J\x1b[H",
	"\u202eevil\u2066\u2069\u200f",
	"\xff\xfe\xc0\x80 invalid",
	"<script>alert(1)</script> & &amp; | `code` *em* _u_ [l](x)",
	"日本語のテキストと絵文字👍🏽",
	"=1+2",
	" leading and trailing ",
	"\u0085\u2028\u2029\u00a0",
}

// fuzzResult puts text in every place a document reaches a report: the
// representative of a cluster, another member, a source and a language.
func fuzzResult(text string) *cluster.Result {
	return &cluster.Result{
		Docs: []corpus.Document{
			{ID: "a-" + text, Source: "a", Lang: text},
			{ID: "b", Source: text},
			{ID: "c", Source: "c"},
		},
		Paragraphs: []cluster.Paragraph{
			{Doc: 0, Text: text, Words: 3, Indexed: true},
			{Doc: 1, Index: 1, Text: "copy: " + text, Words: 4, Indexed: true},
			{Doc: 2, Text: text + text, Words: 6, Indexed: true},
		},
		Clusters:    []cluster.Cluster{{ID: 1, Members: []cluster.Member{mem(0, 1), mem(1, 0.5)}}},
		Boilerplate: []cluster.Cluster{{ID: 2, Boilerplate: true, Members: []cluster.Member{mem(2, 1), mem(0, 0.75)}}},
	}
}

func FuzzWriteJSON(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		res := fuzzResult(text)
		opts := Options{Format: FormatJSON, ShowBoilerplate: true}
		var buf bytes.Buffer
		if err := Write(&buf, res, opts); err != nil {
			t.Fatal(err)
		}
		var rep jsonReport
		if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
			t.Fatalf("output does not parse: %v\n%s", err, buf.Bytes())
		}
		if len(rep.Clusters) != 2 || len(rep.Clusters[0].Members) != 2 {
			t.Fatalf("clusters: %+v", rep.Clusters)
		}
		if utf8.ValidString(text) {
			if got := rep.Clusters[0].Members[0].Text; got != text {
				t.Errorf("text %q, want %q", got, text)
			}
			if got := rep.Clusters[0].Members[1].Source; got != text {
				t.Errorf("source %q, want %q", got, text)
			}
		}

		buf.Reset()
		opts.Format = FormatJSONL
		if err := Write(&buf, res, opts); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		if len(lines) != 2 {
			t.Fatalf("%d lines, want 2:\n%s", len(lines), buf.Bytes())
		}
		for _, line := range lines {
			var c jsonCluster
			if err := json.Unmarshal([]byte(line), &c); err != nil {
				t.Fatalf("line does not parse: %v\n%s", err, line)
			}
		}
	})
}

func FuzzWriteCSV(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		res := fuzzResult(text)
		var buf bytes.Buffer
		if err := Write(&buf, res, Options{Format: FormatCSV, ShowBoilerplate: true}); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatalf("output does not parse: %v", err)
		}
		if len(rows) != 5 {
			t.Fatalf("%d rows, want 5: %q", len(rows), rows)
		}
		if utf8.ValidString(text) {
			want := csvText(text)
			if got := rows[1][9]; got != want {
				t.Errorf("text %q, want %q", got, want)
			}
			if got := rows[2][4]; got != want {
				t.Errorf("source %q, want %q", got, want)
			}
		}
	})
}

func FuzzTableEscapes(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 0)
		f.Add(s, 80)
	}
	f.Fuzz(func(t *testing.T, text string, width int) {
		res := fuzzResult(text)
		for _, format := range []Format{FormatTable, FormatMarkdown} {
			var buf bytes.Buffer
			if err := Write(&buf, res, Options{Format: format, Width: width % 300, ShowBoilerplate: true}); err != nil {
				t.Fatal(err)
			}
			checkTerminalSafe(t, buf.Bytes())
		}
	})
}
