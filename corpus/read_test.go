package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// show renders a document on one line, for comparing in tests:
// id|source|date|lang|url|title|line|text.
func show(d Document) string {
	date := ""
	if !d.Date.IsZero() {
		date = d.Date.Format(time.RFC3339)
	}
	return fmt.Sprintf("%s|%s|%s|%s|%s|%s|%d|%q", d.ID, d.Source, date, d.Lang, d.URL, d.Title, d.Line, d.Text)
}

// readResult is what one Read call produced.
type readResult struct {
	docs  []string // show(doc)
	warns []string
	err   error
}

// readString runs Read over data and collects its output. It checks that
// every document names the stream as its Path and that every warning is an
// *Error for that stream.
func readString(t *testing.T, data, name string, opts Options) readResult {
	t.Helper()
	return readFrom(t, strings.NewReader(data), name, opts)
}

func readFrom(t *testing.T, r io.Reader, name string, opts Options) readResult {
	t.Helper()
	var res readResult
	path := name
	if path == "" {
		path = "-"
	}
	res.err = Read(r, name, opts, func(d Document) error {
		if d.Path != path {
			t.Errorf("document %s: Path = %q, want %q", d.ID, d.Path, path)
		}
		res.docs = append(res.docs, show(d))
		return nil
	}, func(err error) {
		var e *Error
		if !errors.As(err, &e) || e.Path != path {
			t.Errorf("warning %v: not an *Error for %q", err, path)
		}
		res.warns = append(res.warns, err.Error())
	})
	return res
}

func gz(t testing.TB, s string) string {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := io.WriteString(w, s); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func fixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func equalLists(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot:\n\t%s\nwant:\n\t%s", what, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func TestRead(t *testing.T) {
	jsonl := `{"id":"a1","source":" Reuters ","date":"2024-03-05T08:30:00Z","lang":"en","url":"https://www.reuters.com/x","title":" Storm ","text":"First.\r\n\r\nSecond."}` + "\n" +
		"\n" + // blank lines are skipped but counted
		`{"id":42,"url":"https://APNews.com/b","text":"Number id.","extra":[1,2]}` + "\n" +
		`   ` + "\n" +
		`{"id":"a3","text":"No newline at the end."}`
	csvData := "ID, Text ,source,URL,date,title,lang\r\n" +
		"c1,\"Two\r\n\r\nparagraphs.\",AFP,,2024-03-05,T,fr\r\n" +
		"\r\n" +
		"c2,Plain.,,https://www.bbc.co.uk/news/1,,,\r\n"
	tests := []struct {
		name  string
		file  string
		data  string
		opts  Options
		docs  []string
		warns []string
	}{
		{
			name: "text",
			file: "a.txt",
			data: "Hello\r\nworld.\r\n\r\nBye.\n",
			docs: []string{`a.txt|a|||||0|"Hello\nworld.\n\nBye.\n"`},
		},
		{
			name: "text in a folder",
			file: "news/reuters/a.txt",
			data: "Hello.",
			docs: []string{`news/reuters/a.txt|reuters|||||0|"Hello."`},
		},
		{
			name: "text with byte order mark",
			file: "a.text",
			data: "\ufeffHello.",
			docs: []string{`a.text|a|||||0|"Hello."`},
		},
		{
			name: "markdown",
			file: "b.md",
			data: "Intro\n\n## Big *news* ##\nBody with [a link](http://x.org) and ![pic](p.png).\n",
			docs: []string{`b.md|b||||Big news|0|"Intro\n\nBig news\n\nBody with a link and ."`},
		},
		{
			name: "markdown front matter",
			file: "b.markdown",
			data: "---\ntitle: \"Front\"\ndate: 2024-03-05\n---\n# Heading\n\nText.\n",
			docs: []string{`b.markdown|b|2024-03-05T00:00:00Z|||Front|0|"Heading\n\nText."`},
		},
		{
			name: "html",
			file: "c.htm",
			data: `<html lang="de"><head><title> Der  Titel </title></head><body><p>Erster Absatz.</p><div>Zweiter<br>Teil.</div><ul><li>Eins</li><li>Zwei</li></ul></body></html>`,
			docs: []string{`c.htm|c||de||Der Titel|0|"Erster Absatz.\n\nZweiter\nTeil.\n\nEins\n\nZwei"`},
		},
		{
			name: "jsonl",
			file: "d.jsonl",
			data: jsonl,
			docs: []string{
				`a1|Reuters|2024-03-05T08:30:00Z|en|https://www.reuters.com/x|Storm|1|"First.\n\nSecond."`,
				`42|apnews.com|||https://APNews.com/b||3|"Number id."`,
				`a3|d|||||5|"No newline at the end."`,
			},
		},
		{
			name: "ndjson with CRLF lines",
			file: "d.ndjson",
			data: "{\"id\":\"x\",\"text\":\"t\"}\r\n{\"id\":\"y\",\"text\":\"u\"}\r\n",
			docs: []string{`x|d|||||1|"t"`, `y|d|||||2|"u"`},
		},
		{
			name: "csv",
			file: "e.csv",
			data: csvData,
			docs: []string{
				`c1|AFP|2024-03-05T00:00:00Z|fr||T|2|"Two\n\nparagraphs."`,
				`c2|bbc.co.uk|||https://www.bbc.co.uk/news/1||6|"Plain."`,
			},
		},
		{
			name: "csv with a large unused column",
			file: "e.csv",
			data: "id,html,text\n1,\"" + strings.Repeat("<p>x</p>", 1000) + "\",kept\n",
			docs: []string{`1|e|||||2|"kept"`},
		},
		{
			name: "csv with byte order mark and only a header",
			file: "e.csv",
			data: "\ufeffid,text\n",
		},
		{
			name: "gzip by name and magic",
			file: "d.jsonl.gz",
			data: gz(t, `{"id":"z","text":"zipped"}`),
			docs: []string{`z|d|||||1|"zipped"`},
		},
		{
			name: "gzip by magic only",
			file: "a.txt",
			data: gz(t, "zipped text"),
			docs: []string{`a.txt|a|||||0|"zipped text"`},
		},
		{
			name: "gzip csv upper-case suffix",
			file: "e.csv.GZ",
			data: gz(t, "id,text\n1,one\n"),
			docs: []string{`1|e|||||2|"one"`},
		},
		{
			name: "stdin sniffed as jsonl",
			file: "-",
			data: " \n{\"id\":\"s\",\"text\":\"from stdin\"}\n",
			docs: []string{`s|stdin|||||2|"from stdin"`},
		},
		{
			name: "stdin sniffed as html",
			file: "-",
			data: "\n<p>Hello <b>web</b>.</p>",
			docs: []string{`-|stdin|||||0|"Hello web."`},
		},
		{
			name: "stdin sniffed as text",
			file: "-",
			data: "Just words.",
			docs: []string{`-|stdin|||||0|"Just words."`},
		},
		{
			name: "stdin gzip then sniffed",
			file: "-",
			data: gz(t, `{"id":"g","text":"gz stdin"}`),
			docs: []string{`g|stdin|||||1|"gz stdin"`},
		},
		{
			name: "empty name is stdin",
			file: "",
			data: "Words.",
			docs: []string{`-|stdin|||||0|"Words."`},
		},
		{
			name: "unknown extension sniffed",
			file: "feed.dat",
			data: `{"id":"f","text":"t"}`,
			docs: []string{`f|feed|||||1|"t"`},
		},
		{
			name: "forced format",
			file: "feed.dat",
			data: "id,text\nq,quoted\n",
			opts: Options{Format: FormatCSV},
			docs: []string{`q|feed|||||2|"quoted"`},
		},
		{
			name: "forced text over extension",
			file: "page.html",
			data: "<p>kept as is</p>",
			opts: Options{Format: FormatText},
			docs: []string{`page.html|page|||||0|"<p>kept as is</p>"`},
		},
		{
			name: "jsonl renamed fields",
			file: "r.jsonl",
			data: `{"guid":"g1","body":"Body text.","id":"ignored","text":"ignored"}`,
			opts: Options{TextField: "body", IDField: "guid"},
			docs: []string{`g1|r|||||1|"Body text."`},
		},
		{
			name: "csv renamed fields, case-insensitive",
			file: "r.csv",
			data: "GUID,Body\ng1,Body text.\n",
			opts: Options{TextField: "body", IDField: "guid"},
			docs: []string{`g1|r|||||2|"Body text."`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readString(t, tt.data, tt.file, tt.opts)
			if res.err != nil {
				t.Fatalf("Read: %v", res.err)
			}
			equalLists(t, "documents", res.docs, tt.docs)
			equalLists(t, "warnings", res.warns, tt.warns)
		})
	}
}

func TestReadSource(t *testing.T) {
	rec := func(source, url string) string {
		return fmt.Sprintf(`{"id":"1","text":"t","source":%q,"url":%q}`, source, url)
	}
	tests := []struct {
		name string
		file string
		data string
		from SourceFrom
		want string
	}{
		{"auto: field", "news/agg/f.jsonl", rec(" AP ", "https://www.reuters.com/a"), SourceAuto, "AP"},
		{"auto: host", "news/agg/f.jsonl", rec("", "https://WWW.Reuters.com:443/a"), SourceAuto, "reuters.com"},
		{"auto: host without scheme", "f.jsonl", rec("", "www.dw.com/en/x"), SourceAuto, "dw.com"},
		{"auto: dir", "news/agg/f.jsonl", rec("", ""), SourceAuto, "agg"},
		{"auto: file", "f.jsonl.gz", gz(t, rec("", "")), SourceAuto, "f"},
		{"auto: absolute path", "/srv/news/bbc/f.txt", "text", SourceAuto, "bbc"},
		{"auto: file at root", "/f.txt", "text", SourceAuto, "f"},
		{"auto: relative to parent", "../f.txt", "text", SourceAuto, "f"},
		{"auto: stdin", "-", rec("", ""), SourceAuto, "stdin"},
		{"field", "news/agg/f.jsonl", rec("AP", "https://reuters.com/a"), SourceField, "AP"},
		{"field missing falls back to file", "news/agg/f.jsonl", rec("", "https://reuters.com/a"), SourceField, "f"},
		{"host", "news/agg/f.jsonl", rec("AP", "https://reuters.com/a"), SourceHost, "reuters.com"},
		{"host missing falls back to file", "news/agg/f.jsonl", rec("AP", ""), SourceHost, "f"},
		{"dir", "news/agg/f.jsonl", rec("AP", "https://reuters.com/a"), SourceDir, "agg"},
		{"dir missing falls back to file", "f.jsonl", rec("AP", ""), SourceDir, "f"},
		{"dir on stdin falls back to stdin", "-", rec("AP", ""), SourceDir, "stdin"},
		{"file", "news/agg/f.2024.jsonl", rec("AP", "https://reuters.com/a"), SourceFile, "f.2024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			err := Read(strings.NewReader(tt.data), tt.file, Options{SourceFrom: tt.from}, func(d Document) error {
				got = append(got, d.Source)
				return nil
			}, func(err error) { t.Errorf("warning: %v", err) })
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("sources %q, want [%q]", got, tt.want)
			}
		})
	}
}

func TestReadDates(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339; "" for a zero date
		warn string
	}{
		{"2024-03-05T08:30:00Z", "2024-03-05T08:30:00Z", ""},
		{"2024-03-05T08:30:00.123+02:00", "2024-03-05T08:30:00+02:00", ""},
		{"2024-03-05", "2024-03-05T00:00:00Z", ""},
		{"2024-03-05 08:30:00", "2024-03-05T08:30:00Z", ""},
		{"2024-03-05T08:30:00", "2024-03-05T08:30:00Z", ""},
		{"05.03.2024", "2024-03-05T00:00:00Z", ""},
		{"Tue, 05 Mar 2024 08:30:00 GMT", "2024-03-05T08:30:00Z", ""},
		{"Tue, 05 Mar 2024 08:30:00 +0100", "2024-03-05T08:30:00+01:00", ""},
		{" 2024-03-05 ", "2024-03-05T00:00:00Z", ""},
		{"", "", ""},
		{"March 5, 2024", "", `corpus: d.jsonl line 1: unparseable date "March 5, 2024"`},
		{"2024-13-45", "", `corpus: d.jsonl line 1: unparseable date "2024-13-45"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			data := fmt.Sprintf(`{"id":"1","text":"t","date":%q}`, tt.in)
			var got []string
			var warns []string
			err := Read(strings.NewReader(data), "d.jsonl", Options{}, func(d Document) error {
				s := ""
				if !d.Date.IsZero() {
					s = d.Date.Format(time.RFC3339)
				}
				got = append(got, s)
				return nil
			}, func(err error) { warns = append(warns, err.Error()) })
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("dates %q, want [%q] (the document is kept)", got, tt.want)
			}
			var want []string
			if tt.warn != "" {
				want = []string{tt.warn}
			}
			equalLists(t, "warnings", warns, want)
		})
	}
}

// TestReadWarnings covers every problem that skips a record or a file
// without stopping the stream.
func TestReadWarnings(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		data  string
		opts  Options
		docs  []string // ids of the documents read
		warns []string
	}{
		{
			name: "jsonl malformed",
			file: "n.jsonl",
			data: `{"id":"1","text":"ok"}` + "\n" + `{"id":"2","text":"cut` + "\n" + `{"id":"3","text":"ok"}`,
			docs: []string{"1", "3"},
			warns: []string{
				`corpus: n.jsonl line 2: malformed JSON: unexpected end of JSON input`,
			},
		},
		{
			name: "jsonl syntax errors",
			file: "n.jsonl",
			data: "{x}\n" + `{"id":"1","text":"t"} trailing` + "\n",
			warns: []string{
				`corpus: n.jsonl line 1: malformed JSON: invalid character 'x' looking for beginning of object key string`,
				`corpus: n.jsonl line 2: malformed JSON: invalid character 't' after top-level value`,
			},
		},
		{
			name: "jsonl not an object",
			file: "n.jsonl",
			data: "[1,2]\n\"s\"\nnull\n",
			warns: []string{
				`corpus: n.jsonl line 1: not a JSON object`,
				`corpus: n.jsonl line 2: not a JSON object`,
				`corpus: n.jsonl line 3: not a JSON object`,
			},
		},
		{
			name: "jsonl missing or bad id",
			file: "n.jsonl",
			data: `{"text":"t"}` + "\n" + `{"id":null,"text":"t"}` + "\n" + `{"id":" ","text":"t"}` + "\n" + `{"id":true,"text":"t"}` + "\n" + `{"id":{"a":1},"text":"t"}`,
			warns: []string{
				`corpus: n.jsonl line 1: missing id`,
				`corpus: n.jsonl line 2: missing id`,
				`corpus: n.jsonl line 3: missing id`,
				`corpus: n.jsonl line 4: field "id": not a string or number: true`,
				`corpus: n.jsonl line 5: field "id": not a string or number: {"a":1}`,
			},
		},
		{
			name: "jsonl missing or bad text",
			file: "n.jsonl",
			data: `{"id":"1"}` + "\n" + `{"id":"2","text":5}` + "\n" + `{"id":"3","text":" \n "}` + "\n" + `{"id":"4","text":["a very long array value",1]}`,
			warns: []string{
				`corpus: n.jsonl line 1: missing text`,
				`corpus: n.jsonl line 2: field "text": not a string: number`,
				`corpus: n.jsonl line 3: empty text`,
				`corpus: n.jsonl line 4: field "text": not a string: array`,
			},
		},
		{
			name: "jsonl keys match case-insensitively",
			file: "n.jsonl",
			data: `{"ID":"1","Text":"t","SOURCE":"s"}`,
			docs: []string{"1"},
		},
		{
			name: "jsonl field names clash with optional ones",
			file: "n.jsonl",
			data: `{"url":"u1","title":"The text.","text":"ignored"}`,
			opts: Options{IDField: "url", TextField: "title"},
			docs: []string{"u1"},
		},
		{
			name:  "jsonl renamed field missing",
			file:  "n.jsonl",
			data:  `{"id":"1","text":"t"}`,
			opts:  Options{TextField: "body", IDField: "guid"},
			warns: []string{`corpus: n.jsonl line 1: missing guid`},
		},
		{
			name:  "jsonl optional field of the wrong type is ignored",
			file:  "n.jsonl",
			data:  `{"id":"1","text":"t","source":7,"date":1709627400}`,
			docs:  []string{"1"},
			warns: []string{`corpus: n.jsonl line 1: field "source": not a string: 7`, `corpus: n.jsonl line 1: field "date": not a string: 1709627400`},
		},
		{
			name:  "jsonl invalid UTF-8 under encoding utf-8",
			file:  "n.jsonl",
			data:  `{"id":"1","text":"t"}` + "\n" + "{\"id\":\"2\",\"text\":\"caf\xe9\"}\n" + `{"id":"3","text":"t"}`,
			opts:  Options{Encoding: "utf-8"},
			docs:  []string{"1", "3"},
			warns: []string{`corpus: n.jsonl line 2: invalid UTF-8 at byte offset 21`},
		},
		{
			name:  "text invalid UTF-8 under encoding utf-8",
			file:  "a.txt",
			data:  "caf\xe9 au lait",
			opts:  Options{Encoding: "UTF8"},
			warns: []string{`corpus: a.txt: invalid UTF-8 at byte offset 3`},
		},
		{
			name:  "html invalid UTF-8 under encoding utf-8",
			file:  "a.html",
			data:  "<p>\xff</p>",
			opts:  Options{Encoding: "utf-8"},
			warns: []string{`corpus: a.html: invalid UTF-8 at byte offset 3`},
		},
		{
			name:  "csv invalid UTF-8 under encoding utf-8",
			file:  "a.csv",
			data:  "id,text\n1,\"caf\xe9\"\n2,ok\n",
			opts:  Options{Encoding: "utf-8"},
			docs:  []string{"2"},
			warns: []string{`corpus: a.csv line 2: field "text": invalid UTF-8 at byte offset 3`},
		},
		{
			name:  "csv NUL byte in a field",
			file:  "a.csv",
			data:  "id,text\n1," + strings.Repeat("x", sniffBytes) + "\n2,\"a\x00b\"\n3,ok\n",
			docs:  []string{"1", "3"},
			warns: []string{`corpus: a.csv line 3: field "text": NUL byte at offset 1`},
		},
		{
			name:  "jsonl NUL byte in a line",
			file:  "a.jsonl",
			data:  `{"id":"1","text":"` + strings.Repeat("x", sniffBytes) + "\"}\n{\"id\":\"2\",\"text\":\"a\x00b\"}\n{\"id\":\"3\",\"text\":\"ok\"}",
			docs:  []string{"1", "3"},
			warns: []string{`corpus: a.jsonl line 2: malformed JSON: invalid character '\x00' in string literal`},
		},
		{
			name:  "jsonl NUL byte in a line in the first 8 KiB",
			file:  "a.jsonl",
			data:  `{"id":"1","text":"a"}` + "\n" + `{"id":"2","text":"a` + "\x00" + `b"}` + "\n" + `{"id":"3","text":"ok"}`,
			docs:  []string{"1", "3"},
			warns: []string{`corpus: a.jsonl line 2: malformed JSON: invalid character '\x00' in string literal`},
		},
		{
			name:  "csv NUL byte in a field in the first 8 KiB",
			file:  "a.csv",
			data:  "id,text\n1,a\n2,\"a\x00b\"\n3,ok\n",
			docs:  []string{"1", "3"},
			warns: []string{`corpus: a.csv line 3: field "text": NUL byte at offset 1`},
		},
		{
			name:  "jsonl blank lines counted",
			file:  "a.jsonl",
			data:  "\n\r\n\n" + `{"id":"1","text":"a"}` + "\n\n\n" + `{"id":"2"}` + "\r\n\r\n",
			docs:  []string{"1"},
			warns: []string{`corpus: a.jsonl line 7: missing text`},
		},
		{
			name:  "jsonl line over the limit",
			file:  "big.jsonl",
			data:  `{"id":"1","text":"t"}` + "\n" + `{"id":"2","text":"` + strings.Repeat("x", 100) + `"}` + "\n" + `{"id":"3","text":"t"}`,
			opts:  Options{MaxRecordBytes: 50},
			docs:  []string{"1", "3"},
			warns: []string{"corpus: big.jsonl line 2: line too large: longer than the limit of 50 bytes"},
		},
		{
			name:  "jsonl line over the limit beyond the read buffer",
			file:  "big.jsonl",
			data:  `{"id":"1","text":"` + strings.Repeat("x", 3*bufSize) + `"}` + "\n" + `{"id":"2","text":"t"}` + "\n" + `{"id":"3"}`,
			opts:  Options{MaxRecordBytes: bufSize},
			docs:  []string{"2"},
			warns: []string{"corpus: big.jsonl line 1: line too large: longer than the limit of 64 KiB", "corpus: big.jsonl line 3: missing text"},
		},
		{
			name:  "jsonl last line over the limit",
			file:  "big.jsonl",
			data:  `{"id":"1","text":"t"}` + "\n" + `{"id":"2","text":"` + strings.Repeat("x", 3*bufSize) + `"}`,
			opts:  Options{MaxRecordBytes: bufSize},
			docs:  []string{"1"},
			warns: []string{"corpus: big.jsonl line 2: line too large: longer than the limit of 64 KiB"},
		},
		{
			name:  "csv record over the limit",
			file:  "big.csv",
			data:  "id,text\n1,short\n2,\"" + strings.Repeat("long\n", 20) + "\"\n3,t\n4,u,x\n",
			opts:  Options{MaxRecordBytes: 50},
			docs:  []string{"1", "3"},
			warns: []string{"corpus: big.csv line 3: record too large: longer than the limit of 50 bytes", "corpus: big.csv line 25: row has 3 fields, header has 2"},
		},
		{
			name:  "csv record far over the limit",
			file:  "big.csv",
			data:  "id,text\n1,short\n\n2,\"" + strings.Repeat("x", 4*csvSlack) + "\"\n3,t\n4,u,x\n",
			opts:  Options{MaxRecordBytes: 50},
			docs:  []string{"1", "3"},
			warns: []string{"corpus: big.csv line 4: record too large: longer than the limit of 50 bytes", "corpus: big.csv line 6: row has 3 fields, header has 2"},
		},
		{
			name:  "csv unquoted record far over the limit",
			file:  "big.csv",
			data:  "id,text\n1,short\n2," + strings.Repeat("x", 4*csvSlack) + "\n3,t\n4,u,x\n",
			opts:  Options{MaxRecordBytes: 50},
			docs:  []string{"1", "3"},
			warns: []string{"corpus: big.csv line 3: record too large: longer than the limit of 50 bytes", "corpus: big.csv line 5: row has 3 fields, header has 2"},
		},
		{
			name: "csv quoted record with quotes and line breaks far over the limit",
			file: "big.csv",
			data: "id,text\n1,short\n2,\"" + strings.Repeat("say \"\"hi\"\",\n", 2*csvSlack/10) + "end\"\n3,t\n4,u,x\n",
			opts: Options{MaxRecordBytes: 50},
			docs: []string{"1", "3"},
			warns: []string{"corpus: big.csv line 3: record too large: longer than the limit of 50 bytes",
				fmt.Sprintf("corpus: big.csv line %d: row has 3 fields, header has 2", 3+2*csvSlack/10+2)},
		},
		{
			name:  "csv blank lines over the limit",
			file:  "big.csv",
			data:  "id,text\n1,short\n" + strings.Repeat("\n", 2*csvSlack) + "2,t\n3,u,x\n",
			opts:  Options{MaxRecordBytes: 50},
			docs:  []string{"1", "2"},
			warns: []string{fmt.Sprintf("corpus: big.csv line %d: row has 3 fields, header has 2", 3+2*csvSlack+1)},
		},
		{
			name:  "csv ragged rows",
			file:  "a.csv",
			data:  "id,text,source\n1,t\n2,t,s,extra\n3,t,s\n",
			docs:  []string{"3"},
			warns: []string{`corpus: a.csv line 2: row has 2 fields, header has 3`, `corpus: a.csv line 3: row has 4 fields, header has 3`},
		},
		{
			name:  "csv quotes",
			file:  "a.csv",
			data:  "id,text\n1,a \"b\" c\n2,\"open\"x\n3,t\n",
			docs:  []string{"3"},
			warns: []string{`corpus: a.csv line 2: bare " in non-quoted-field`, `corpus: a.csv line 3: extraneous or missing " in quoted-field`},
		},
		{
			name:  "csv missing id and text",
			file:  "a.csv",
			data:  "id,text\n,t\n2,\n3, \n",
			warns: []string{`corpus: a.csv line 2: missing id`, `corpus: a.csv line 3: empty text`, `corpus: a.csv line 4: empty text`},
		},
		{
			name:  "csv bad date",
			file:  "a.csv",
			data:  "id,text,date\n1,t,soon\n",
			docs:  []string{"1"},
			warns: []string{`corpus: a.csv line 2: unparseable date "soon"`},
		},
		{
			name:  "empty file",
			file:  "a.txt",
			data:  "",
			warns: []string{`corpus: a.txt: empty file`},
		},
		{
			name:  "empty gzip member",
			file:  "a.jsonl.gz",
			data:  gz(t, ""),
			warns: []string{`corpus: a.jsonl.gz: empty file`},
		},
		{
			name:  "empty stdin",
			file:  "-",
			data:  "",
			warns: []string{`corpus: stdin: empty file`},
		},
		{
			name:  "binary file",
			file:  "a.txt",
			data:  "abc\x00def",
			warns: []string{`corpus: a.txt: binary file (NUL byte at offset 3)`},
		},
		{
			name:  "binary jsonl inside gzip",
			file:  "a.jsonl.gz",
			data:  gz(t, strings.Repeat(" ", 40)+"\x00"),
			warns: []string{`corpus: a.jsonl.gz: binary file (NUL byte at offset 40)`},
		},
		{
			name:  "NUL after the first 8 KiB of a whole file",
			file:  "a.txt",
			data:  strings.Repeat("x", sniffBytes) + "\x00",
			warns: []string{`corpus: a.txt: binary file (NUL byte at offset 8192)`},
		},
		{
			name:  "byte order mark only",
			file:  "a.txt",
			data:  "\ufeff",
			warns: []string{`corpus: a.txt: empty file`},
		},
		{
			name:  "empty csv",
			file:  "a.csv",
			data:  "\n\n",
			warns: []string{`corpus: a.csv: empty file`},
		},
		{
			name: "jsonl of blank lines",
			file: "a.jsonl",
			data: "\n \n\t\n",
		},
		{
			name:  "empty gzip stream of a text file",
			file:  "a.txt.gz",
			data:  gz(t, ""),
			warns: []string{`corpus: a.txt.gz: empty file`},
		},
		{
			name:  "blank text file",
			file:  "a.txt",
			data:  " \n\t\n",
			warns: []string{`corpus: a.txt: no text`},
		},
		{
			name:  "markdown with only markup",
			file:  "a.md",
			data:  "![img](x.png)\n\n---\n",
			warns: []string{`corpus: a.md: no text`},
		},
		{
			name:  "html without text",
			file:  "a.html",
			data:  "<html><body><script>x()</script></body></html>",
			warns: []string{`corpus: a.html: no text`},
		},
		{
			name:  "html bad date",
			file:  "a.html",
			data:  `<html><head><meta property="article:published_time" content="yesterday"></head><body><p>Hello.</p></body></html>`,
			docs:  []string{"a.html"},
			warns: []string{`corpus: a.html: unparseable date: error parsing publishedTime: could not find format for "yesterday"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ids []string
			var warns []string
			err := Read(strings.NewReader(tt.data), tt.file, tt.opts, func(d Document) error {
				ids = append(ids, d.ID)
				return nil
			}, func(err error) {
				var e *Error
				if !errors.As(err, &e) {
					t.Errorf("warning %v is not an *Error", err)
				}
				warns = append(warns, err.Error())
			})
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			equalLists(t, "documents", ids, tt.docs)
			equalLists(t, "warnings", warns, tt.warns)
		})
	}
}

var errBoom = errors.New("boom")

// TestReadStreamErrors covers the problems that stop a stream.
func TestReadStreamErrors(t *testing.T) {
	zipped := gz(t, strings.Repeat(`{"id":"1","text":"t"}`+"\n", 1000))
	tests := []struct {
		name string
		file string
		r    io.Reader
		opts Options
		docs int // documents read before the error
		err  string
		is   error
	}{
		{
			name: "csv header over the limit",
			file: "big.csv",
			r:    strings.NewReader("id,text," + strings.Repeat("x", 100) + "\n"),
			opts: Options{MaxRecordBytes: 50},
			err:  "corpus: big.csv line 1: record too large: longer than the limit of 50 bytes",
			is:   ErrTooLarge,
		},
		{
			name: "text file over the limit",
			file: "big.txt",
			r:    strings.NewReader(strings.Repeat("x", 51)),
			opts: Options{MaxRecordBytes: 50},
			err:  "corpus: big.txt: file too large: larger than the limit of 50 bytes",
			is:   ErrTooLarge,
		},
		{
			name: "csv without a text column",
			file: "a.csv",
			r:    strings.NewReader("\n\nid,body\n1,t\n"),
			err:  `corpus: a.csv line 3: header has no "text" column`,
		},
		{
			name: "csv without an id column",
			file: "a.csv",
			r:    strings.NewReader("text\nt\n"),
			opts: Options{IDField: "GUID"},
			err:  `corpus: a.csv line 1: header has no "GUID" column`,
		},
		{
			name: "csv malformed header",
			file: "a.csv",
			r:    strings.NewReader("id,\"te\"xt\n"),
			err:  `corpus: a.csv line 1: header: extraneous or missing " in quoted-field`,
		},
		{
			name: "truncated gzip",
			file: "a.jsonl.gz",
			r:    strings.NewReader(zipped[:len(zipped)/2]),
			docs: -1, // some
			err:  "truncated gzip stream: unexpected EOF",
			is:   io.ErrUnexpectedEOF,
		},
		{
			name: "gzip header cut",
			file: "a.jsonl.gz",
			r:    strings.NewReader(zipped[:5]),
			err:  "corpus: a.jsonl.gz: truncated gzip stream: unexpected EOF",
			is:   io.ErrUnexpectedEOF,
		},
		{
			name: "gz name but not gzip",
			file: "a.txt.gz",
			r:    strings.NewReader("plain text"),
			err:  "corpus: a.txt.gz: gzip: invalid header",
		},
		{
			name: "read error mid-stream",
			file: "a.jsonl",
			r:    io.MultiReader(strings.NewReader(`{"id":"1","text":"t"}`+"\n"+`{"id":"2",`), iotest.ErrReader(errBoom)),
			docs: 1,
			err:  "corpus: a.jsonl line 2: boom",
			is:   errBoom,
		},
		{
			name: "read error in csv",
			file: "a.csv",
			r:    io.MultiReader(strings.NewReader("id,text\n1,t\n2,"), iotest.ErrReader(errBoom)),
			docs: 1,
			err:  "corpus: a.csv line 3: boom",
			is:   errBoom,
		},
		{
			name: "read error at once",
			file: "a.txt",
			r:    iotest.ErrReader(errBoom),
			err:  "corpus: a.txt: boom",
			is:   errBoom,
		},
		{
			name: "unknown format option",
			file: "a.txt",
			r:    strings.NewReader("t"),
			opts: Options{Format: "xml"},
			err:  `corpus: unknown input format "xml"`,
		},
		{
			name: "field name with a quote",
			file: "a.jsonl",
			r:    strings.NewReader("t"),
			opts: Options{TextField: `bo"dy`},
			err:  `corpus: field name "bo\"dy" holds a quote, backslash or comma`,
		},
		{
			name: "id and text the same field",
			file: "a.jsonl",
			r:    strings.NewReader("t"),
			opts: Options{TextField: "Body", IDField: "body"},
			err:  `corpus: the text and the id cannot both be field "Body"`,
		},
		{
			name: "id named as the default text field",
			file: "a.jsonl",
			r:    strings.NewReader("t"),
			opts: Options{IDField: "Text"},
			err:  `corpus: the text and the id cannot both be field "text"`,
		},
		{
			name: "unknown source option",
			file: "a.txt",
			r:    strings.NewReader("t"),
			opts: Options{SourceFrom: "outlet"},
			err:  `corpus: unknown source rule "outlet"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readFrom(t, tt.r, tt.file, tt.opts)
			if res.err == nil {
				t.Fatalf("Read succeeded, want error %q", tt.err)
			}
			if tt.docs == -1 { // where a truncated stream ends varies
				if !strings.HasPrefix(res.err.Error(), "corpus: "+tt.file+" line ") || !strings.HasSuffix(res.err.Error(), tt.err) {
					t.Errorf("error %q, want \"corpus: %s line N: %s\"", res.err, tt.file, tt.err)
				}
			} else if res.err.Error() != tt.err {
				t.Errorf("error %q, want %q", res.err, tt.err)
			}
			if tt.is != nil && !errors.Is(res.err, tt.is) {
				t.Errorf("error %q does not wrap %v", res.err, tt.is)
			}
			switch {
			case tt.docs == -1:
				if len(res.docs) == 0 {
					t.Errorf("no documents read before the error")
				}
			case len(res.docs) != tt.docs:
				t.Errorf("%d documents read before the error, want %d", len(res.docs), tt.docs)
			}
			if len(res.warns) > 0 {
				t.Errorf("warnings: %q", res.warns)
			}
		})
	}
}

func TestReadStopsOnCallbackError(t *testing.T) {
	for _, tt := range []struct {
		file, data string
	}{
		{"a.jsonl", `{"id":"1","text":"t"}` + "\n" + `{"id":"2","text":"t"}`},
		{"a.csv", "id,text\n1,t\n2,t\n"},
		{"a.txt", "text"},
		{"a.md", "text"},
		{"a.html", "<p>text</p>"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			n := 0
			err := Read(strings.NewReader(tt.data), tt.file, Options{}, func(Document) error {
				n++
				return errBoom
			}, nil)
			if err != errBoom {
				t.Errorf("Read returned %v, want fn's error unchanged", err)
			}
			if n != 1 {
				t.Errorf("fn called %d times after failing", n)
			}
		})
	}
}

// TestReadLongLine reads a 50 MB JSONL line, over bufio.Scanner's limit
// and far over the read buffer, then the same line under a lower limit.
func TestReadLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 50 MB line")
	}
	const size = 50 << 20
	var b bytes.Buffer
	b.WriteString(`{"id":"small","text":"before"}` + "\n")
	b.WriteString(`{"id":"big","text":"`)
	word := []byte("wire ")
	for b.Len() < size {
		b.Write(word)
	}
	b.WriteString(`"}` + "\n" + `{"id":"after","text":"after"}` + "\n")
	data := b.Bytes()

	t.Run("within the default limit", func(t *testing.T) {
		var ids []string
		var bigLen int
		err := Read(bytes.NewReader(data), "big.jsonl", Options{}, func(d Document) error {
			ids = append(ids, fmt.Sprintf("%s:%d", d.ID, d.Line))
			if d.ID == "big" {
				bigLen = len(d.Text)
			}
			return nil
		}, func(err error) { t.Errorf("warning: %v", err) })
		if err != nil {
			t.Fatal(err)
		}
		equalLists(t, "documents", ids, []string{"small:1", "big:2", "after:3"})
		if bigLen < size-100 {
			t.Errorf("big text is %d bytes, want about %d", bigLen, size)
		}
	})
	t.Run("over the limit", func(t *testing.T) {
		var ids, warns []string
		err := Read(bytes.NewReader(data), "big.jsonl", Options{MaxRecordBytes: 40 << 20}, func(d Document) error {
			ids = append(ids, fmt.Sprintf("%s:%d", d.ID, d.Line))
			return nil
		}, func(err error) {
			if !errors.Is(err, ErrTooLarge) {
				t.Errorf("warning %v does not wrap ErrTooLarge", err)
			}
			warns = append(warns, err.Error())
		})
		if err != nil {
			t.Fatal(err)
		}
		equalLists(t, "documents", ids, []string{"small:1", "after:3"})
		equalLists(t, "warnings", warns, []string{"corpus: big.jsonl line 2: line too large: longer than the limit of 40 MiB"})
	})
}

// TestReadFixtures reads the files in testdata.
func TestReadFixtures(t *testing.T) {
	tests := []struct {
		file  string
		docs  []string
		warns []string
	}{
		{
			file: "news.jsonl",
			docs: []string{
				`a1|Reuters|2024-03-05T08:30:00Z|en|https://www.reuters.com/world/a1|Storm closes harbour|1|"The harbour was closed on Tuesday.\n\nBoats stayed at their moorings."`,
				`2|apnews.com|||https://APNews.com/article/2||2|"The council approved a new bridge on Monday."`,
				`a4|testdata|2024-03-05T00:00:00Z||||4|"Dated by day only."`,
			},
			warns: []string{`corpus: testdata/news.jsonl line 3: malformed JSON: unexpected end of JSON input`},
		},
		{
			file: "news.csv",
			docs: []string{
				`c1|Reuters|2024-03-05T00:00:00Z||https://www.reuters.com/a|Storm|2|"The harbour was closed on Tuesday.\n\nBoats stayed at their moorings."`,
				`c2|apnews.com|2024-03-05T00:00:00Z||https://apnews.com/b|Bridge|5|"The council approved a new bridge."`,
				`c4|testdata|||||7|"The last record has no source and no url."`,
			},
			warns: []string{`corpus: testdata/news.csv line 6: row has 5 fields, header has 6`},
		},
		{
			file: "plain.txt",
			docs: []string{`testdata/plain.txt|testdata|||||0|"Harbour closed after storm\n\nThe harbour at Porthmellow was closed on Tuesday morning after a storm surge broke over the outer wall.\n\nFishing boats were ordered to stay at their moorings.\n"`},
		},
		{
			file: "notes.md",
			docs: []string{`testdata/notes.md|testdata||||Council approves new bridge|0|"Council approves new bridge\n\nThe town council voted on Monday to approve a new foot bridge over the\nriver, ending a decade-long debate.\n\nConstruction is due to start in spring, the council said.\n\nResidents welcomed the decision.\n\nIt will cost £4m.\nIt opens in 2026.\n\nReaction\n\nLocal_business owners were pleased."`},
		},
		{
			file: "article.html",
			docs: []string{`testdata/article.html|testdata|2024-03-05T08:30:00Z|en-GB||Storm closes harbour|0|"The harbour at Porthmellow was closed on Tuesday morning after a storm surge broke over the outer wall, the port authority said in a statement issued shortly after dawn.\n\nFishing boats that had sheltered overnight were ordered to stay at their moorings, and the ferry service to the islands was suspended until further notice. Harbour master Jane Polglase said the decision was taken for the safety of crews and that engineers would inspect the wall as soon as the tide turned.\n\nResidents on the sea front were asked to move cars away from the promenade,\nwhere waves had thrown shingle across the road.\n\nThe ferry will resume on Thursday at the earliest.\n\nThe lifeboat station remains fully operational.\n\nWe have not seen a surge like this since 2014, and the wall held, which is the main thing.\n\nThe Met Office has issued an amber warning for wind covering the whole coast until Wednesday evening, with gusts of up to 80 miles per hour expected on exposed headlands."`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			name := "testdata/" + tt.file
			res := readString(t, fixture(t, tt.file), name, Options{})
			if res.err != nil {
				t.Fatal(res.err)
			}
			equalLists(t, "documents", res.docs, tt.docs)
			equalLists(t, "warnings", res.warns, tt.warns)

			// The same file gzipped reads the same, but for the
			// path and the ids of whole-file documents.
			zres := readString(t, gz(t, fixture(t, tt.file)), name+".gz", Options{})
			if zres.err != nil {
				t.Fatal(zres.err)
			}
			zdocs := strings.ReplaceAll(strings.Join(zres.docs, "\n"), name+".gz|", name+"|")
			zwarns := strings.ReplaceAll(strings.Join(zres.warns, "\n"), name+".gz", name)
			equalLists(t, "gzipped documents", []string{zdocs}, []string{strings.Join(tt.docs, "\n")})
			equalLists(t, "gzipped warnings", []string{zwarns}, []string{strings.Join(tt.warns, "\n")})
		})
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		err  Error
		want string
	}{
		{Error{Path: "news.jsonl", Line: 812, Err: errors.New("missing id")}, "corpus: news.jsonl line 812: missing id"},
		{Error{Path: "a.txt", Err: errors.New("binary file (NUL byte at offset 40)")}, "corpus: a.txt: binary file (NUL byte at offset 40)"},
		{Error{Path: "-", Line: 3, Err: errors.New("x")}, "corpus: stdin line 3: x"},
		{Error{Err: errors.New("x")}, "corpus: x"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
			if !errors.Is(&tt.err, tt.err.Err) {
				t.Errorf("does not unwrap to its Err")
			}
		})
	}
}
