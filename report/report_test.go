package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestMain(m *testing.M) {
	// Widths of ambiguous characters such as "…" depend on the locale;
	// fix them so the golden files do not.
	twwidth.SetEastAsian(false)
	os.Exit(m.Run())
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func mem(p int, sim float64) cluster.Member { return cluster.Member{Paragraph: p, Similarity: sim} }

// explained is mem with an explanation: coverage, origin coverage and
// spans given as begin, end, begin, end...
func explained(p int, sim, coverage, origin float64, offsets ...int) cluster.Member {
	m := mem(p, sim)
	m.Coverage, m.OriginCoverage = coverage, origin
	m.Spans = spanList(offsets...)
	return m
}

// weird is a paragraph with everything that must not break a report:
// quotes, commas, newlines, a tab, ANSI colour escapes, HTML, Markdown
// markup, invalid UTF-8 and a bidi override.
const weird = "\x1b[31mRED\x1b[0m \u202eevil\u202c \"Nothing's settled,\" said <b>Ana</b> | *Ruiz* & co.\r\nLine two\tends, bytes \xff\xfe, $5 and $6; under_score, \x07bell \u0085nel \u009bc1"

// fixture is a small scan: five sources, a four-source cluster with an
// origin, a two-source cluster, a cluster with no dates, a cluster within
// one source, a boilerplate cluster and a source nobody copied. The
// explanations are those cluster.Find gives these texts: paragraph 7
// lacks the dateline's "(AP)" and "the end of", paragraph 9 the dateline
// and the ending. Paragraphs lie in their documents as if separated by
// blank lines.
func fixture() *cluster.Result {
	res := &cluster.Result{
		Docs: []corpus.Document{
			{ID: "ap-001", Source: "ap", Date: day("2024-03-05"), Lang: "en"},
			{ID: "dh-101", Source: "dailyherald", Date: day("2024-03-06"), Lang: "en"},
			{ID: "mt-7", Source: "metrotimes", Date: day("2024-03-06"), Lang: "en"},
			{ID: "vp-9", Source: "valleypost"},
			{ID: "dh-102", Source: "dailyherald", Date: day("2024-03-07"), Lang: "en"},
			{ID: "qg-1", Source: "quietgazette", Date: day("2024-03-01"), Lang: "en"},
			{ID: "mt-8", Source: "metrotimes", Lang: "de"},
		},
		Paragraphs: []cluster.Paragraph{
			{Doc: 0, Index: 0, Words: 20, Indexed: true, Text: "WASHINGTON (AP) — Lawmakers agreed on Tuesday to extend funding for rural hospitals through the end of next year, averting a shutdown."},
			{Doc: 0, Index: 1, Words: 15, Indexed: true, Text: "The measure, which passed 61-38, now goes to the president, who is expected to sign it."},
			{Doc: 0, Index: 2, Words: 1, Text: "(AP)"},
			{Doc: 0, Index: 3, Words: 25, Indexed: true, Text: "In other news, the agency reported on a story that nobody else picked up this week."},
			{Doc: 1, Index: 0, Words: 20, Indexed: true, Text: "WASHINGTON (AP) — Lawmakers agreed Tuesday to extend funding for rural hospitals through the end of next year, averting a shutdown."},
			{Doc: 1, Index: 1, Words: 8, Indexed: true, Text: "Subscribe to the Daily Herald for $1 a week. Cancel anytime."},
			{Doc: 1, Index: 2, Words: 10, Indexed: true, Text: "City council approved the new bus routes on Monday after a long debate."},
			{Doc: 2, Index: 0, Words: 19, Indexed: true, Text: "WASHINGTON — Lawmakers agreed on Tuesday to extend funding for rural hospitals through next year, averting a shutdown."},
			{Doc: 2, Index: 1, Words: 15, Indexed: true, Text: "The measure, which passed 61-38, now goes to the president,\nwho is expected to sign it."},
			{Doc: 3, Index: 0, Words: 20, Indexed: true, Text: "Lawmakers agreed on Tuesday to extend funding for rural hospitals through the end of next year."},
			{Doc: 3, Index: 1, Words: 12, Indexed: true, Text: weird},
			{Doc: 4, Index: 0, Words: 8, Indexed: true, Text: "Subscribe to the Daily Herald for $1 a week. Cancel anytime."},
			{Doc: 4, Index: 1, Words: 10, Indexed: true, Text: "City council approved new bus routes Monday after a long debate."},
			{Doc: 5, Index: 0, Words: 30, Indexed: true, Text: "The Quiet Gazette's own reporting on the county fair, which nobody else ran."},
			{Doc: 6, Index: 0, Words: 12, Indexed: true, Text: "RED evil \"Nothing's settled,\" said Ana Ruiz & co. Line two ends, $5 and $6; under_score"},
		},
		Clusters: []cluster.Cluster{
			{ID: 1, Origin: true, Members: []cluster.Member{
				explained(0, 1, 1, 1, 0, 135), explained(4, 0.98, 1, 1, 0, 132),
				explained(7, 0.91, 16.0/17, 16.0/21, 15, 88, 89, 119), explained(9, 0.71, 1, 16.0/21, 0, 94)}},
			{ID: 2, Origin: true, Members: []cluster.Member{explained(1, 1, 1, 1, 0, 86), explained(8, 0.85, 1, 1, 0, 86)}},
			{ID: 3, Members: []cluster.Member{explained(10, 1, 10.0/22, 1, 64, 124), explained(14, 0.8765, 9.0/15, 10.0/22, 39, 87)}},
			{ID: 4, Origin: true, Members: []cluster.Member{explained(6, 1, 1, 1, 0, 70), explained(12, 0.93, 1, 1, 0, 63)}},
		},
		Boilerplate: []cluster.Cluster{
			{ID: 5, Origin: true, Boilerplate: true, Members: []cluster.Member{explained(5, 1, 1, 1, 0, 59), explained(11, 1, 1, 1, 0, 59)}},
		},
	}
	at := map[int]int{} // document -> where its next paragraph begins
	for i := range res.Paragraphs {
		p := &res.Paragraphs[i]
		p.Begin = at[p.Doc]
		p.End = p.Begin + len(p.Text)
		at[p.Doc] = p.End + len("\n\n")
	}
	return res
}

// manySources has 14 sources, more than the matrix shows, all sharing
// one paragraph with the first and some with each other.
func manySources() *cluster.Result {
	res := &cluster.Result{}
	var all []cluster.Member
	for i := range 14 {
		src := fmt.Sprintf("source-%02d-with-a-long-name", i)
		res.Docs = append(res.Docs, corpus.Document{ID: fmt.Sprintf("d%d", i), Source: src, Date: day("2024-01-01").AddDate(0, 0, i), Lang: "en"})
		res.Paragraphs = append(res.Paragraphs,
			cluster.Paragraph{Doc: i, Index: 0, Words: 10, Indexed: true, Text: "Shared lead paragraph of a story every outlet carried."},
			cluster.Paragraph{Doc: i, Index: 1, Words: 10, Indexed: true, Text: fmt.Sprintf("Paragraph %d shared with the next outlet.", i)},
		)
		all = append(all, cluster.Member{Paragraph: 2 * i, Similarity: 1 - float64(i)/100})
	}
	res.Clusters = append(res.Clusters, cluster.Cluster{ID: 1, Origin: true, Members: all})
	for i := 0; i < 6; i++ {
		res.Clusters = append(res.Clusters, cluster.Cluster{ID: 2 + i, Origin: true, Members: []cluster.Member{mem(2*i+1, 1), mem(2*i+3, 0.9)}})
	}
	return res
}

var goldens = []struct {
	name string
	res  func() *cluster.Result
	opts Options
}{
	{"table", fixture, Options{}},
	{"table_width80", fixture, Options{Width: 80}},
	{"table_boilerplate", fixture, Options{ShowBoilerplate: true}},
	{"table_snippet20", fixture, Options{Snippet: 20}},
	{"table_snippet200", fixture, Options{Snippet: 200}},
	{"table_empty", func() *cluster.Result {
		res := fixture()
		res.Clusters = nil
		return res
	}, Options{}},
	{"table_nothing", func() *cluster.Result { return nil }, Options{}},
	{"table_many_sources", manySources, Options{Width: 100}},
	{"markdown_many_sources", manySources, Options{Format: FormatMarkdown}},
	{"markdown", fixture, Options{Format: FormatMarkdown}},
	{"markdown_boilerplate", fixture, Options{Format: FormatMarkdown, ShowBoilerplate: true, Width: 40}},
	{"html", fixture, Options{Format: FormatHTML}},
	{"html_boilerplate", fixture, Options{Format: FormatHTML, ShowBoilerplate: true}},
	{"html_empty", func() *cluster.Result { return nil }, Options{Format: FormatHTML}},
	{"html_translated", translatedFixture, Options{Format: FormatHTML}},
	{"csv", fixture, Options{Format: FormatCSV}},
	{"csv_boilerplate", fixture, Options{Format: FormatCSV, ShowBoilerplate: true}},
	{"json", fixture, Options{Format: FormatJSON}},
	{"json_boilerplate", fixture, Options{Format: FormatJSON, ShowBoilerplate: true}},
	{"json_empty", func() *cluster.Result { return nil }, Options{Format: FormatJSON}},
	{"jsonl", fixture, Options{Format: FormatJSONL}},
	{"jsonl_boilerplate", fixture, Options{Format: FormatJSONL, ShowBoilerplate: true}},
}

func TestGolden(t *testing.T) {
	for _, tt := range goldens {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tt.res(), tt.opts); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			path := filepath.Join("testdata", tt.name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run go test ./report -update if the change is intended)\ngot:\n%s", path, got)
			}

			// Idempotence: a second run writes the same bytes.
			var again bytes.Buffer
			if err := Write(&again, tt.res(), tt.opts); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, again.Bytes()) {
				t.Errorf("second Write differs from the first")
			}
			checkValid(t, tt.res(), tt.opts, got)
		})
	}
}

// checkValid checks that output parses back in its format and, for
// tables, that it is safe for a terminal and fits the width.
func checkValid(t *testing.T, res *cluster.Result, opts Options, out []byte) {
	t.Helper()
	if res == nil {
		res = &cluster.Result{}
	}
	switch opts.Format {
	case FormatJSON:
		var rep jsonReport
		if err := json.Unmarshal(out, &rep); err != nil {
			t.Fatalf("json does not parse: %v", err)
		}
		if rep.Clusters == nil || rep.Sources == nil {
			t.Errorf("json has null arrays")
		}
		// The streamed output is what encoding/json writes for the
		// whole report (which writes U+FFFD as is once decoded).
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), bytes.ReplaceAll(out, []byte(`\ufffd`), []byte("\ufffd"))) {
			t.Errorf("json does not re-encode to itself:\n%s", buf.Bytes())
		}
		checkMembers(t, res, opts, rep.Clusters)
	case FormatJSONL:
		var clusters []jsonCluster
		for line := range strings.Lines(string(out)) {
			var c jsonCluster
			if err := json.Unmarshal([]byte(line), &c); err != nil {
				t.Fatalf("jsonl line does not parse: %v\n%s", err, line)
			}
			clusters = append(clusters, c)
		}
		checkMembers(t, res, opts, clusters)
	case FormatCSV:
		rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("csv does not parse: %v", err)
		}
		want := [][]string{csvHeader}
		_ = eachListed(res, opts, func(c *cluster.Cluster, boilerplate bool) error {
			for i, m := range c.Members {
				p := res.Paragraphs[m.Paragraph]
				d := res.Docs[p.Doc]
				var spans []string
				for _, s := range m.Spans {
					spans = append(spans, fmt.Sprintf("%d-%d", s.Begin, s.End))
				}
				want = append(want, []string{
					fmt.Sprint(c.ID), fmt.Sprint(boilerplate), d.ID, fmt.Sprint(p.Index), d.Source, d.Lang,
					date(d.Date), fmt.Sprint(round4(m.Similarity)), fmt.Sprint(c.Origin && i == 0), csvText(p.Text),
					fmt.Sprint(round4(m.Coverage)), fmt.Sprint(round4(m.OriginCoverage)), fmt.Sprint(p.Begin), fmt.Sprint(p.End),
					strings.Join(spans, ";"), fmt.Sprint(m.Translated), strings.Join(m.Credits, ";"),
				})
			}
			return nil
		})
		if fmt.Sprintf("%q", rows) != fmt.Sprintf("%q", want) {
			t.Errorf("csv rows:\n%q\nwant:\n%q", rows, want)
		}
	case FormatHTML:
		checkHTML(t, res, opts, out)
	default:
		checkTerminalSafe(t, out)
		if opts.Width > 0 && opts.Format != FormatMarkdown {
			for line := range strings.Lines(string(out)) {
				line = strings.TrimSuffix(line, "\n")
				if strings.HasPrefix(line, "|") && textWidth(line) > opts.Width {
					t.Errorf("line wider than %d: %d %q", opts.Width, textWidth(line), line)
				}
			}
		}
	}
}

// csvText is text as a CSV reader returns it: encoding/csv, like RFC 4180
// readers, reads a line break "\r\n" inside a field as "\n".
func csvText(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

// checkMembers checks decoded clusters against res: every member's text
// round-trips when it is valid UTF-8.
func checkMembers(t *testing.T, res *cluster.Result, opts Options, got []jsonCluster) {
	t.Helper()
	var want []*cluster.Cluster
	_ = eachListed(res, opts, func(c *cluster.Cluster, _ bool) error {
		want = append(want, c)
		return nil
	})
	if len(got) != len(want) {
		t.Fatalf("%d clusters, want %d", len(got), len(want))
	}
	for i, c := range want {
		if got[i].ID != c.ID || len(got[i].Members) != len(c.Members) {
			t.Fatalf("cluster %d: id %d with %d members, want id %d with %d", i, got[i].ID, len(got[i].Members), c.ID, len(c.Members))
		}
		first := res.Paragraphs[c.Members[0].Paragraph]
		for k, m := range c.Members {
			p := res.Paragraphs[m.Paragraph]
			gm := got[i].Members[k]
			if utf8.ValidString(p.Text) && gm.Text != p.Text {
				t.Errorf("cluster %d member %d: text %q, want %q", c.ID, k, gm.Text, p.Text)
			}
			// The explanation: matched to the representative, spans
			// and offsets as given.
			if want := (jsonRef{Doc: res.Docs[first.Doc].ID, Paragraph: first.Index}); gm.MatchedTo != want {
				t.Errorf("cluster %d member %d: matched to %+v, want %+v", c.ID, k, gm.MatchedTo, want)
			}
			spans := []cluster.Span{}
			for _, s := range gm.Spans {
				spans = append(spans, cluster.Span(s))
			}
			if gm.Spans == nil || fmt.Sprint(spans) != fmt.Sprint(append([]cluster.Span{}, m.Spans...)) {
				t.Errorf("cluster %d member %d: spans %v, want %v", c.ID, k, spans, m.Spans)
			}
			if gm.DocBegin != p.Begin || gm.DocEnd != p.End || gm.Coverage != round4(m.Coverage) || gm.OriginCoverage != round4(m.OriginCoverage) {
				t.Errorf("cluster %d member %d: %+v, want offsets %d-%d, coverage %v, origin coverage %v", c.ID, k, gm, p.Begin, p.End, m.Coverage, m.OriginCoverage)
			}
		}
	}
}

// checkTerminalSafe fails when out could move the cursor, change colours
// or reorder a terminal line.
func checkTerminalSafe(t *testing.T, out []byte) {
	t.Helper()
	if !utf8.Valid(out) {
		t.Errorf("output is not valid UTF-8")
	}
	for i, r := range string(out) {
		if r < 0x20 && r != '\n' || 0x7f <= r && r <= 0x9f || isBidiControl(r) {
			t.Fatalf("control character %U at byte %d in\n%s", r, i, out)
		}
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		err  bool
	}{
		{"", FormatTable, false},
		{"table", FormatTable, false},
		{" Markdown ", FormatMarkdown, false},
		{"md", FormatMarkdown, false},
		{"CSV", FormatCSV, false},
		{"json", FormatJSON, false},
		{"jsonl", FormatJSONL, false},
		{"ndjson", FormatJSONL, false},
		{"HTML", FormatHTML, false},
		{"htm", FormatHTML, false},
		{"xml", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseFormat(tt.in)
			if (err != nil) != tt.err || got != tt.want {
				t.Errorf("ParseFormat(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.err)
			}
			var f Format
			if err := f.Set(tt.in); (err != nil) != tt.err || f != tt.want {
				t.Errorf("Set(%q) = %v, format %q", tt.in, err, f)
			}
		})
	}
}

func TestWriteErrors(t *testing.T) {
	bad := fixture()
	bad.Clusters[0].Members[1].Paragraph = 99
	badDoc := fixture()
	badDoc.Paragraphs[3].Doc = -1
	badSpan := fixture()
	badSpan.Clusters[1].Members[1].Spans = []cluster.Span{{Begin: 10, End: 200}}
	tests := []struct {
		name string
		res  *cluster.Result
		opts Options
		want string
	}{
		{"format", fixture(), Options{Format: "xml"}, `report: unknown format "xml"`},
		{"member", bad, Options{}, "report: cluster 1: paragraph 99 out of range (15 paragraphs)"},
		{"document", badDoc, Options{Format: FormatCSV}, "report: paragraph 3: document -1 out of range (7 documents)"},
		{"span", badSpan, Options{Format: FormatJSON}, "report: cluster 2: paragraph 8: span 10-200 out of range (87 bytes)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, tt.res, tt.opts)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Write error = %v, want %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("Write wrote %d bytes before failing", buf.Len())
			}
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestWriteWriterError(t *testing.T) {
	for _, f := range []Format{FormatTable, FormatMarkdown, FormatCSV, FormatJSON, FormatJSONL, FormatHTML} {
		err := Write(failWriter{}, fixture(), Options{Format: f})
		if err == nil || !errors.Is(err, os.ErrClosed) || !strings.HasPrefix(err.Error(), "report: writing "+string(f)+": ") {
			t.Errorf("%s: error = %v, want %v", f, err, os.ErrClosed)
		}
	}
}

// TestWidths checks that tables fit widths from narrow to wide, as far as
// the fixed columns allow.
func TestWidths(t *testing.T) {
	for _, width := range []int{80, 100, 120, 200} {
		var buf bytes.Buffer
		if err := Write(&buf, fixture(), Options{Width: width}); err != nil {
			t.Fatal(err)
		}
		for line := range strings.Lines(buf.String()) {
			line = strings.TrimSuffix(line, "\n")
			if textWidth(line) > width {
				t.Errorf("width %d: line of %d: %s", width, textWidth(line), line)
			}
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"  lead and\n\ttrail  ", "lead and trail"},
		{"a\x1b[31mred\x1b[0m", `a\x1b[31mred\x1b[0m`},
		{"nul\x00del\x7f", `nul\x00del\x7f`},
		{"c1\u009bx", `c1\x9bx`},
		{"nel\u0085x", "nel x"},
		{"bad\xffbyte", "bad\ufffdbyte"},
		{"bidi\u202eevil\u2066x\u2069", `bidi\u202eevil\u2066x\u2069`},
		{"<b>&amp;</b>", "<b>&amp;</b>"},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCut(t *testing.T) {
	tests := []struct {
		in          string
		runes, cols int
		want        string
	}{
		{"short", 10, 0, "short"},
		{"exactly ten", 11, 11, "exactly ten"},
		{"one two three", 8, 0, "one two…"},
		{"one two three", 0, 9, "one two…"},
		{"日本語のテキスト", 0, 7, "日本語…"},
		{"abc", 0, 1, "…"},
	}
	for _, tt := range tests {
		if got := cut(tt.in, tt.runes, tt.cols); got != tt.want {
			t.Errorf("cut(%q, %d, %d) = %q, want %q", tt.in, tt.runes, tt.cols, got, tt.want)
		}
	}
}

func TestCellFit(t *testing.T) {
	list := cell{prefix: "4: ", items: []string{"ap", "dailyherald", "metrotimes", "valleypost"}}
	tests := []struct {
		w    int
		want string
	}{
		{100, "4: ap, dailyherald, metrotimes, valleypost"},
		{30, "4: ap, dailyherald, …"},
		{20, "4: ap, …"},
		{5, "4: a…"},
	}
	for _, tt := range tests {
		if got := list.fit(tt.w); got != tt.want {
			t.Errorf("fit(%d) = %q, want %q", tt.w, got, tt.want)
		}
	}
}

// TestArticlesCapped: the table lists the maxArticles most reused pairs
// and says how many there are; JSON lists them all.
func TestArticlesCapped(t *testing.T) {
	res := &cluster.Result{}
	var members []cluster.Member
	for i := range 60 {
		res.Docs = append(res.Docs, corpus.Document{ID: fmt.Sprintf("d%02d", i), Source: fmt.Sprintf("s%02d", i), Date: day("2024-01-01").AddDate(0, 0, i)})
		res.Paragraphs = append(res.Paragraphs, cluster.Paragraph{Doc: i, Words: 10, Indexed: true, Text: "Shared lead paragraph of a story every outlet carried."})
		members = append(members, cluster.Member{Paragraph: i, Similarity: 1})
	}
	res.Clusters = []cluster.Cluster{{ID: 1, Origin: true, Members: members}}
	arts := Articles(res)
	if len(arts) <= maxArticles {
		t.Fatalf("%d article pairs, want more than %d for this test", len(arts), maxArticles)
	}
	var table, js bytes.Buffer
	if err := Write(&table, res, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(table.String()), " "), fmt.Sprintf("The %d most reused of %d pairs are listed", maxArticles, len(arts))) {
		t.Errorf("table does not say it lists %d of %d pairs:\n%s", maxArticles, len(arts), table.String())
	}
	if n := strings.Count(table.String(), "reprints 1 of 1"); n != maxArticles {
		t.Errorf("table lists %d pairs, want %d", n, maxArticles)
	}
	if err := Write(&js, res, Options{Format: FormatJSON}); err != nil {
		t.Fatal(err)
	}
	var got struct{ Articles []any }
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Articles) != len(arts) {
		t.Errorf("JSON lists %d pairs, want all %d", len(got.Articles), len(arts))
	}
}
