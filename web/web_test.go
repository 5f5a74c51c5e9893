package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/archive/sqlite"
	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/report"
)

// hostile is a paragraph written to break out of every context a page
// puts text in; the archive holds it twice (a wire story and a reprint)
// under a hostile source name, and the tests check it as an article.
const hostile = `</textarea></p><script>alert("text")</script> <img src=x onerror=alert(2)> ` +
	`"><a href="javascript:alert(3)">click</a> <style>body{display:none}</style> {{.CSP}} &amp;lt; ` +
	"\u202e reversed \u202c and \x1b[31m red; the council voted on the harbour plan late on Tuesday evening."

const hostileSource = `<script>alert("source")</script>`

// exampleDocs are the documents of testdata/example, the README's corpus.
func exampleDocs(t testing.TB) []corpus.Document {
	t.Helper()
	var docs []corpus.Document
	err := corpus.Walk([]string{"../testdata/example"}, nil, corpus.Options{}, func(d corpus.Document) error {
		docs = append(docs, d)
		return nil
	}, func(err error) { t.Fatal(err) })
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func hostileDocs() []corpus.Document {
	day := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	return []corpus.Document{
		{ID: `wire-1"><script>alert(1)</script>`, Source: hostileSource, Date: day, Lang: `en"><b>`,
			URL: "javascript:alert(5)", Title: "<b>title</b>", Text: hostile},
		{ID: "paper-1", Source: "paper", Date: day.AddDate(0, 0, 1), Text: "Reprinted.\n\n" + hostile},
	}
}

// newArchive builds a real archive in a temporary directory from docs
// and opens it read-only, as serve does.
func newArchive(t testing.TB, docs []corpus.Document) (*archive.Archive, cluster.Options) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.wca")
	a, err := sqlite.Open(path, sqlite.Options{Write: true})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := a.NewIndexer(a.Options(), 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := ix.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if a, err = sqlite.Open(path, sqlite.Options{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a, a.Options()
}

func newHandler(t testing.TB, opts Options) (*Handler, []corpus.Document) {
	t.Helper()
	docs := append(exampleDocs(t), hostileDocs()...)
	a, copts := newArchive(t, docs)
	opts.Cluster = copts
	return New(a, opts), docs
}

func do(h http.Handler, method, target, contentType string, body []byte, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, bytes.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			r.Host = header[i+1]
		}
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkResult is the part of check's JSON the tests read.
type checkResult struct {
	Articles []struct {
		Doc, Source, Date, Verdict string
		Judged, Reused             int
		First                      *struct{ Doc, Source, Date string }
		Paragraphs                 []struct {
			Paragraph int
			Text      string
			Matches   []struct{ Doc, Source, Text string }
		}
	}
}

func TestAPI(t *testing.T) {
	h, _ := newHandler(t, Options{})
	small, _ := newHandler(t, Options{MaxBody: 1024})
	hosts, _ := newHandler(t, Options{Hosts: []string{"localhost"}})
	article := readFile(t, "../testdata/example/dailyherald/fed-rates-local-lenders.txt")
	js := func(v any) []byte {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	long := bytes.Repeat([]byte("word "), 300) // 1,500 bytes
	const jsonType = "application/json"
	tests := []struct {
		name         string
		h            http.Handler
		method, path string
		ctype        string
		body         []byte
		header       []string
		status       int
		error        string // in the JSON error, for failures
	}{
		{"check raw", h, "POST", "/api/check", "text/plain", article, nil, 200, ""},
		{"check form-encoded body is raw text", h, "POST", "/api/check", "application/x-www-form-urlencoded", article, nil, 200, ""},
		{"check json", h, "POST", "/api/check", jsonType, js(map[string]string{"text": string(article), "source": "dailyherald", "date": "2024-08-01", "lang": "en", "id": "dh-1"}), nil, 200, ""},
		{"check json charset", h, "POST", "/api/check", "application/json; charset=utf-8", js(map[string]string{"text": string(article)}), nil, 200, ""},
		{"bad json", h, "POST", "/api/check", jsonType, []byte(`{"text": "abc`), nil, 400, "reading the JSON body: unexpected EOF"},
		{"json not an object", h, "POST", "/api/check", jsonType, []byte(`["text"]`), nil, 400, "reading the JSON body: json: cannot unmarshal"},
		{"json unknown field", h, "POST", "/api/check", jsonType, []byte(`{"txt": "a b c"}`), nil, 400, `unknown field "txt"`},
		{"json two values", h, "POST", "/api/check", jsonType, []byte(`{"text": "a b c"} {}`), nil, 400, "more than one value"},
		{"json text not a string", h, "POST", "/api/check", jsonType, []byte(`{"text": 12}`), nil, 400, "cannot unmarshal number"},
		{"empty json text", h, "POST", "/api/check", jsonType, []byte(`{"text": ""}`), nil, 400, "the text is empty"},
		{"empty body", h, "POST", "/api/check", "text/plain", nil, nil, 400, "the text is empty"},
		{"blank body", h, "POST", "/api/check", "text/plain", []byte(" \n\t\n "), nil, 400, "the text is empty"},
		{"invalid utf-8", h, "POST", "/api/check", "text/plain", []byte("caf\xe9 au lait"), nil, 400, "not valid UTF-8"},
		{"binary", h, "POST", "/api/check", "application/octet-stream", []byte("PK\x03\x04\x00\x00binary"), nil, 400, "NUL bytes"},
		{"bad date", h, "POST", "/api/check", jsonType, js(map[string]string{"text": "a b c", "date": "yesterday"}), nil, 400, `date "yesterday" is not`},
		{"raw over the limit", small, "POST", "/api/check", "text/plain", long, nil, 413, "request body too large"},
		{"json over the limit", small, "POST", "/api/check", jsonType, js(map[string]string{"text": string(long)}), nil, 413, "request body too large"},
		{"just under the limit", small, "POST", "/api/check", "text/plain", long[:1024], nil, 200, ""},
		{"json invalid utf-8", h, "POST", "/api/check", jsonType, []byte("{\"text\": \"caf\xe9 au lait, the council voted\"}"), nil, 400, "not valid UTF-8"},
		{"json lone high surrogate", h, "POST", "/api/check", jsonType, []byte(`{"text": "the council \ud800 voted"}`), nil, 400, `\ud800 at byte 22 is half of a UTF-16 surrogate pair`},
		{"json high surrogate at the end", h, "POST", "/api/check", jsonType, []byte(`{"text": "the council voted \uD83D"}`), nil, 400, "surrogate pair"},
		{"json lone low surrogate", h, "POST", "/api/check", jsonType, []byte(`{"text": "the council \udc00 voted"}`), nil, 400, "surrogate pair"},
		{"json high then non-surrogate", h, "POST", "/api/check", jsonType, []byte(`{"text": "the council \ud83d\u0041 voted"}`), nil, 400, "surrogate pair"},
		{"json surrogate pair", h, "POST", "/api/check", jsonType, []byte(`{"text": "the council \ud83d\ude00 voted"}`), nil, 200, ""},
		{"json escaped backslash before u", h, "POST", "/api/check", jsonType, []byte(`{"text": "the council \\ud800 voted"}`), nil, 200, ""},
		{"check by GET", h, "GET", "/api/check", "", nil, nil, 405, "Method Not Allowed"},
		{"clusters by POST", h, "POST", "/api/clusters", "", nil, nil, 405, "Method Not Allowed"},
		{"sources by DELETE", h, "DELETE", "/api/sources", "", nil, nil, 405, "Method Not Allowed"},
		{"unknown API route", h, "GET", "/api/nothing", "", nil, nil, 404, "not found"},
		{"API root", h, "GET", "/api", "", nil, nil, 404, "not found"},
		{"unknown page", h, "GET", "/favicon.ico", "", nil, nil, 404, ""},
		{"clusters", h, "GET", "/api/clusters", "", nil, nil, 200, ""},
		{"clusters of a slice", h, "GET", "/api/clusters?since=2024-07-01&until=2024-08-31&source=reuters&source=ap", "", nil, nil, 200, ""},
		{"clusters bad since", h, "GET", "/api/clusters?since=July", "", nil, nil, 400, `since: date "July"`},
		{"clusters bad until", h, "GET", "/api/clusters?until=2024-13-01", "", nil, nil, 400, "until: date"},
		{"sources", h, "GET", "/api/sources", "", nil, nil, 200, ""},
		{"sources of a slice", h, "GET", "/api/sources?source=reuters", "", nil, nil, 200, ""},
		{"another host", h, "GET", "/api/sources", "", nil, []string{"Host", "attacker.example"}, 200, ""},
		{"cross-origin post", h, "POST", "/api/check", "text/plain", article, []string{"Origin", "https://attacker.example", "Sec-Fetch-Site", "cross-site"}, 403, "cross-origin"},
		{"foreign host", hosts, "GET", "/api/sources", "", nil, []string{"Host", "attacker.example"}, 421, `host "attacker.example" is not served here`},
		{"report bad until, JSON asked for", h, "GET", "/report?until=never", "", nil, []string{"Accept", "application/json"}, 400, `until: date "never"`},
		{"unknown page, JSON asked for", h, "GET", "/favicon.ico", "", nil, []string{"Accept", "application/json, text/plain"}, 404, "not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(tt.h, tt.method, tt.path, tt.ctype, tt.body, tt.header...)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d; body:\n%s", w.Code, tt.status, w.Body)
			}
			for _, k := range []string{"Content-Security-Policy", "X-Content-Type-Options"} {
				if w.Header().Get(k) == "" {
					t.Errorf("no %s header", k)
				}
			}
			if tt.error != "" {
				if ct := w.Header().Get("Content-Type"); ct != "application/json" {
					t.Errorf("error with Content-Type %q, want application/json", ct)
				}
				var e struct{ Error string }
				if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
					t.Fatalf("error body %q: %v", w.Body, err)
				}
				if !strings.Contains(e.Error, tt.error) {
					t.Errorf("error %q, want it to contain %q", e.Error, tt.error)
				}
			}
			if w.Code == 200 && !json.Valid(w.Body.Bytes()) {
				t.Errorf("invalid JSON:\n%s", w.Body)
			}
		})
	}
}

// TestHosts: with Hosts set (serve on loopback), a request naming
// another host is refused: DNS rebinding cannot reach the archive.
func TestHosts(t *testing.T) {
	h, _ := newHandler(t, Options{Hosts: []string{"localhost", "127.0.0.1", "::1"}})
	for host, want := range map[string]int{
		"127.0.0.1:8080": 200, "localhost:8080": 200, "[::1]:8080": 200, "localhost": 200,
		"LOCALHOST": 200, "LocalHost:8080": 200, "localhost.:8080": 200,
		"attacker.example:8080": 421, "127.0.0.1.nip.io:8080": 421, "": 421, "localhost.attacker.example": 421,
	} {
		w := do(h, "GET", "/api/sources", "", nil, "Host", host)
		if w.Code != want {
			t.Errorf("Host %q: status %d, want %d", host, w.Code, want)
		}
	}
}

// TestAPICheck compares the API's answer with check's JSON for the same
// article, and checks what it found: the Daily Herald's rewrite of the
// Reuters story carries Reuters' paragraphs.
func TestAPICheck(t *testing.T) {
	h, docs := newHandler(t, Options{})
	text := string(readFile(t, "../testdata/example/dailyherald/fed-rates-local-lenders.txt"))
	body, _ := json.Marshal(article{Text: text, Source: "dailyherald", Date: "2024-08-01", Lang: "en", ID: "dh-1"})
	w := do(h, "POST", "/api/check", "application/json", body)
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	// The same check done directly on the archive.
	a, _ := newArchive(t, docs)
	c, err := a.NewChecker(archive.CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	d := corpus.Document{ID: "dh-1", Source: "dailyherald", Lang: "en", Date: time.Date(2024, 8, 1, 0, 0, 0, 0, time.UTC), Text: text}
	want, err := c.Check(d)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteCheck(&buf, []archive.Checked{want}, report.CheckOptions{Format: report.FormatJSON}); err != nil {
		t.Fatal(err)
	}
	if w.Body.String() != buf.String() {
		t.Errorf("the API's answer differs from check's JSON:\n%s\nwant:\n%s", w.Body, buf.String())
	}
	var res checkResult
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Articles) != 1 {
		t.Fatalf("%d articles", len(res.Articles))
	}
	got := res.Articles[0]
	if got.Doc != "dh-1" || got.Source != "dailyherald" || got.Date != "2024-08-01" {
		t.Errorf("article %q %q %q, want the id, source and date sent", got.Doc, got.Source, got.Date)
	}
	if got.Reused == 0 || got.First == nil || got.First.Source != "reuters" {
		t.Errorf("verdict %q: want reused copy first published by reuters", got.Verdict)
	}
	// The archived copy of the article itself (another id) is a match.
	own := false
	for _, p := range got.Paragraphs {
		for _, m := range p.Matches {
			own = own || strings.HasSuffix(m.Doc, "fed-rates-local-lenders.txt")
		}
	}
	if !own {
		t.Errorf("the archived copy of the article is not among the matches")
	}
}

// TestAPIClusters checks the report routes against the documents they
// select: the sources listed and the documents counted.
func TestAPIClusters(t *testing.T) {
	h, docs := newHandler(t, Options{})
	type jsonReport struct {
		Clusters []struct{ Members []struct{ Source string } }
		Sources  []struct{ Source string }
		Stats    struct{ Documents, Clusters int }
	}
	since, until := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		query   string
		select_ func(corpus.Document) bool
	}{
		{"", func(corpus.Document) bool { return true }},
		{"?source=reuters&source=dailyherald", func(d corpus.Document) bool { return d.Source == "reuters" || d.Source == "dailyherald" }},
		{"?since=2024-07-01&until=2024-08-31", func(d corpus.Document) bool { return !d.Date.Before(since) && d.Date.Before(until) }},
		{"?source=nobody", func(corpus.Document) bool { return false }},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var selected []corpus.Document
			sources := map[string]bool{}
			for _, d := range docs {
				if tt.select_(d) {
					selected = append(selected, d)
					sources[d.Source] = true
				}
			}
			w := do(h, "GET", "/api/clusters"+tt.query, "", nil)
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			var rep jsonReport
			if err := json.Unmarshal(w.Body.Bytes(), &rep); err != nil {
				t.Fatal(err)
			}
			if rep.Stats.Documents != len(selected) {
				t.Errorf("%d documents, want %d", rep.Stats.Documents, len(selected))
			}
			for _, c := range rep.Clusters {
				for _, m := range c.Members {
					if !sources[m.Source] {
						t.Errorf("a member from %q, not selected", m.Source)
					}
				}
			}
			if len(selected) > 5 && len(rep.Clusters) == 0 {
				t.Errorf("no cluster among %d documents", len(selected))
			}
			w = do(h, "GET", "/api/sources"+tt.query, "", nil)
			var src struct{ Sources []struct{ Source string } }
			if err := json.Unmarshal(w.Body.Bytes(), &src); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(src.Sources, rep.Sources) {
				t.Errorf("/api/sources %v, want the report's %v", src.Sources, rep.Sources)
			}
			var names []string
			for _, s := range src.Sources {
				names = append(names, s.Source)
			}
			var want []string
			for s := range sources {
				want = append(want, s)
			}
			slices.Sort(names)
			slices.Sort(want)
			if !slices.Equal(names, want) {
				t.Errorf("sources %q, want %q", names, want)
			}
		})
	}
}

// formBody encodes fields, and the file when not nil, as multipart.
func formBody(t *testing.T, fields map[string]string, file []byte) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if file != nil {
		fw, err := mw.CreateFormFile("file", "article.txt")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(file)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), mw.FormDataContentType()
}

func TestCheckPage(t *testing.T) {
	h, _ := newHandler(t, Options{})
	small, _ := newHandler(t, Options{MaxBody: 1024})
	article := string(readFile(t, "../testdata/example/dailyherald/fed-rates-local-lenders.txt"))
	upload, uploadType := formBody(t, map[string]string{"source": "upload", "text": "ignored: the file wins"}, []byte(article))
	noFile, noFileType := formBody(t, map[string]string{"text": hostile, "id": `<i>id</i>`, "lang": `"><b>`}, nil)
	tests := []struct {
		name         string
		h            http.Handler
		method, path string
		ctype        string
		body         []byte
		status       int
		verdict      string // in the verdict; "" for no result
		alert        string // in the form's error
	}{
		{"empty form", h, "GET", "/", "", nil, 200, "", ""},
		{"pasted", h, "POST", "/check", "application/x-www-form-urlencoded",
			[]byte(url.Values{"text": {article}, "source": {"dailyherald"}, "date": {"2024-08-01"}}.Encode()), 200, "first published by reuters", ""},
		{"uploaded", h, "POST", "/check", uploadType, upload, 200, "first published by reuters", ""},
		{"hostile", h, "POST", "/check", noFileType, noFile, 200, "1 of 1 paragraph (100%) is archived copy", ""},
		{"empty text", h, "POST", "/check", "application/x-www-form-urlencoded", []byte("text=+&source=x"), 400, "", "Nothing checked: the text is empty."},
		{"bad date", h, "POST", "/check", "application/x-www-form-urlencoded", []byte("text=a+b&date=soon"), 400, "", `date "soon" is not`},
		{"invalid utf-8", h, "POST", "/check", "application/x-www-form-urlencoded", []byte("text=caf%E9"), 400, "", "not valid UTF-8"},
		{"over the limit", small, "POST", "/check", "application/x-www-form-urlencoded", []byte("text=" + strings.Repeat("word+", 300)), 413, "", "The form could not be read"},
		{"upload over the limit", small, "POST", "/check", uploadType, upload, 413, "", "The form could not be read"},
		{"check page by PUT", h, "PUT", "/check", "", nil, 405, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(tt.h, tt.method, tt.path, tt.ctype, tt.body)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d:\n%s", w.Code, tt.status, w.Body)
			}
			if tt.status == 405 {
				return
			}
			doc := checkPage(t, w)
			verdicts := findAll(doc, func(n *html.Node) bool { return hasClass(n, "verdict") })
			switch {
			case tt.verdict == "" && len(verdicts) > 0:
				t.Errorf("a verdict on a page with no result: %q", textOf(verdicts[0]))
			case tt.verdict != "" && (len(verdicts) != 1 || !strings.Contains(textOf(verdicts[0]), tt.verdict)):
				t.Errorf("verdicts %d, want one containing %q", len(verdicts), tt.verdict)
			}
			alerts := findAll(doc, func(n *html.Node) bool { return attr(n, "role") == "alert" })
			if tt.alert == "" && len(alerts) > 0 || tt.alert != "" && (len(alerts) != 1 || !strings.Contains(textOf(alerts[0]), tt.alert)) {
				t.Errorf("%d alerts, want %q", len(alerts), tt.alert)
			}
			if tt.verdict == "" {
				return
			}
			// The article's paragraphs beside their matches, marked.
			marks := findAll(doc, func(n *html.Node) bool { return n.DataAtom == atom.Mark && !hasClass(n.Parent, "summary") })
			matches := findAll(doc, func(n *html.Node) bool { return hasClass(n, "match") })
			if len(marks) == 0 || len(matches) == 0 {
				t.Errorf("%d marks, %d matches: want both", len(marks), len(matches))
			}
			for _, li := range findAll(doc, func(n *html.Node) bool { return hasClass(n, "hit") }) {
				if len(findAll(li, func(n *html.Node) bool { return n.DataAtom == atom.Mark })) == 0 {
					t.Errorf("paragraph %s has matches but nothing marked", attr(li, "id"))
				}
			}
			if tt.name == "hostile" {
				checkHostile(t, doc)
			}
		})
	}
}

// checkPage parses a check page and checks what every one must hold:
// the CSP of the header also in the page, no script, no event handler
// or style attribute, no URL but a #fragment, the form's action and the
// report link.
func checkPage(t *testing.T, w *httptest.ResponseRecorder) *html.Node {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	csp := w.Header().Get("Content-Security-Policy")
	if csp != report.CheckPageCSP() || !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "form-action 'self'") {
		t.Errorf("CSP header %q", csp)
	}
	doc, err := html.Parse(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	metas := findAll(doc, func(n *html.Node) bool { return attr(n, "http-equiv") == "Content-Security-Policy" })
	if len(metas) != 1 || attr(metas[0], "content") != csp {
		t.Errorf("the page's CSP differs from the header's")
	}
	if n := len(findAll(doc, func(n *html.Node) bool { return n.DataAtom == atom.Script })); n != 0 {
		t.Errorf("%d script elements; the check page has none", n)
	}
	for _, n := range findAll(doc, func(n *html.Node) bool { return n.Type == html.ElementNode }) {
		for _, a := range n.Attr {
			switch {
			case strings.HasPrefix(a.Key, "on"), a.Key == "style", a.Key == "src", a.Key == "srcset":
				t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
			case a.Key == "href" && !strings.HasPrefix(a.Val, "#") && a.Val != "/report",
				a.Key == "action" && a.Val != "/check#articles":
				t.Errorf("<%s %s=%q>: a URL", n.Data, a.Key, a.Val)
			}
		}
		switch n.DataAtom {
		case atom.Img, atom.Iframe, atom.Object, atom.Embed, atom.Link, atom.Base, atom.Svg, atom.B, atom.I:
			t.Errorf("unexpected <%s>", n.Data)
		}
	}
	forms := findAll(doc, func(n *html.Node) bool { return n.DataAtom == atom.Form })
	if len(forms) != 1 || attr(forms[0], "method") != "post" || attr(forms[0], "enctype") != "multipart/form-data" {
		t.Errorf("want one multipart form posting to /check")
	}
	return doc
}

// checkHostile checks that the hostile paragraph, its source and its id
// are shown as text: in the textarea as typed, on the page as written.
func checkHostile(t *testing.T, doc *html.Node) {
	t.Helper()
	areas := findAll(doc, func(n *html.Node) bool { return n.DataAtom == atom.Textarea })
	if len(areas) != 1 || textOf(areas[0]) != hostile {
		t.Errorf("the textarea does not hold the text sent")
	}
	page := textOf(doc)
	for _, s := range []string{`<script>alert("text")</script>`, `<img src=x onerror=alert(2)>`, `{{.CSP}}`, `&amp;lt;`,
		hostileSource, `wire-1"><script>alert(1)</script>`, `\u202e`, `\x1b`} {
		if !strings.Contains(page, s) {
			t.Errorf("the page does not show %q as text", s)
		}
	}
	for _, in := range findAll(doc, func(n *html.Node) bool { return n.DataAtom == atom.Input && attr(n, "name") == "id" }) {
		if attr(in, "value") != "<i>id</i>" {
			t.Errorf("id field %q", attr(in, "value"))
		}
	}
}

func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if match(d) {
			out = append(out, d)
		}
	}
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return n != nil && slices.Contains(strings.Fields(attr(n, "class")), class)
}

func textOf(n *html.Node) string {
	var b strings.Builder
	if n.Type == html.TextNode {
		return n.Data
	}
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// TestReportPage: the archive's report is the report package's HTML
// page, with the report's own CSP.
func TestReportPage(t *testing.T) {
	h, _ := newHandler(t, Options{})
	w := do(h, "GET", "/report?source=reuters&source=dailyherald", "", nil)
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	doc, err := html.Parse(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	metas := findAll(doc, func(n *html.Node) bool { return attr(n, "http-equiv") == "Content-Security-Policy" })
	if csp := w.Header().Get("Content-Security-Policy"); csp != report.HTMLCSP() || len(metas) != 1 || attr(metas[0], "content") != csp {
		t.Errorf("CSP header %q differs from the page's", csp)
	}
	items := findAll(doc, func(n *html.Node) bool { return hasClass(n, "cluster") && n.DataAtom == atom.Li })
	if len(items) == 0 {
		t.Fatal("no cluster listed")
	}
	for _, li := range items {
		for _, s := range strings.Split(attr(li, "data-sources"), "\n") {
			if s != "reuters" && s != "dailyherald" {
				t.Errorf("cluster %s lists source %q", attr(li, "id"), s)
			}
		}
	}
	if w := do(h, "GET", "/report?until=never", "", nil); w.Code != 400 || !strings.Contains(w.Body.String(), "until") {
		t.Errorf("bad until: status %d %q", w.Code, w.Body)
	}
}

// TestReportAgainst: ?against=reuters keeps only the copy reuters
// shares with the other sources; ?source narrows the other side and
// still loads reuters.
func TestReportAgainst(t *testing.T) {
	h, _ := newHandler(t, Options{})
	for _, tc := range []struct {
		query string
		want  string // the clusters' sources, one cluster a line
	}{
		{"against=reuters&source=metrotimes", "metrotimes reuters\nmetrotimes reuters\nmetrotimes reuters\nmetrotimes reuters"},
		{"against=metrotimes&against=harbourtimes&source=reuters", "harbourtimes metrotimes reuters\nharbourtimes metrotimes reuters\nharbourtimes metrotimes reuters\nmetrotimes reuters"},
		{"against=nosuchsource", ""},
	} {
		w := do(h, "GET", "/api/clusters?"+tc.query, "", nil)
		if w.Code != 200 {
			t.Fatalf("%s: status %d: %s", tc.query, w.Code, w.Body)
		}
		var got struct {
			Clusters []struct {
				ID      int      `json:"id"`
				Sources []string `json:"sources"`
			} `json:"clusters"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		var lines []string
		for i, c := range got.Clusters {
			if c.ID != i+1 {
				t.Errorf("%s: cluster %d numbered %d", tc.query, i+1, c.ID)
			}
			lines = append(lines, strings.Join(c.Sources, " "))
		}
		if s := strings.Join(lines, "\n"); s != tc.want {
			t.Errorf("%s: clusters\n%s\nwant\n%s", tc.query, s, tc.want)
		}
	}
}

// gatedStore is an archive whose NewChecker, called by every check,
// counts the checks started and waits for gate to close.
type gatedStore struct {
	*archive.Archive
	started atomic.Int32
	gate    chan struct{}
}

func (g *gatedStore) NewChecker(opts archive.CheckOptions) (*archive.Checker, error) {
	g.started.Add(1)
	<-g.gate
	return g.Archive.NewChecker(opts)
}

// bodies returns the body bytes h holds for requests under way.
func (h *Handler) bodies() int64 {
	h.bodyMu.Lock()
	defer h.bodyMu.Unlock()
	return h.bodyBytes
}

// TestCheckLimits sends more checks than MaxChecks at once: MaxChecks
// run, the others wait holding their bodies, and a request whose body
// would pass MaxBodyMemory gets 503 with Retry-After at once; once the
// checks may finish, every request that waited gets its answer.
func TestCheckLimits(t *testing.T) {
	a, copts := newArchive(t, exampleDocs(t))
	g := &gatedStore{Archive: a, gate: make(chan struct{})}
	h := New(g, Options{Cluster: copts, MaxChecks: 2, MaxBody: 1000, MaxBodyMemory: 4000})
	body := bytes.Repeat([]byte("word "), 200) // 1,000 bytes: four fit the budget
	codes := make(chan int, 4)
	for range 4 {
		go func() { codes <- do(h, "POST", "/api/check", "text/plain", body).Code }()
	}
	deadline := time.Now().Add(10 * time.Second)
	for h.bodies() != 4000 || g.started.Load() < 2 {
		if time.Now().After(deadline) {
			t.Fatalf("%d body bytes held and %d checks started, want 4000 and 2", h.bodies(), g.started.Load())
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond) // a third check would start now
	if n := g.started.Load(); n != 2 {
		t.Errorf("%d checks run at once, want MaxChecks = 2", n)
	}
	w := do(h, "POST", "/api/check", "text/plain", []byte("the council voted on the harbour plan"))
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), `"error"`) {
		t.Errorf("past the body budget: status %d, Retry-After %q, body %s; want 503 with Retry-After and a JSON error", w.Code, w.Header().Get("Retry-After"), w.Body)
	}
	if w := do(h, "GET", "/api/sources", "", nil); w.Code != 200 {
		t.Errorf("GET without a body while the budget is spent: status %d, want 200", w.Code)
	}
	close(g.gate)
	for range 4 {
		select {
		case code := <-codes:
			if code != 200 {
				t.Errorf("a waiting check: status %d, want 200", code)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("a waiting check never finished")
		}
	}
	if n := h.bodies(); n != 0 {
		t.Errorf("%d body bytes still held after every request ended", n)
	}
}

// The check page names the archive it serves and its size.
func TestCheckPageNamesArchive(t *testing.T) {
	h, docs := newHandler(t, Options{})
	s, err := h.store.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if s.Documents != len(docs) {
		t.Fatalf("archive holds %d documents, want %d", s.Documents, len(docs))
	}
	w := do(h, "GET", "/", "", nil)
	want := fmt.Sprintf(`<p class="archive">Archive: <bdi>%s: %s, %s</bdi></p>`,
		html.EscapeString(h.store.Path()), count(len(docs), "document"), count(s.Paragraphs, "paragraph"))
	if !strings.Contains(w.Body.String(), want) {
		t.Errorf("page does not hold %s", want)
	}
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0 documents"}, {1, "1 document"}, {1234567, "1,234,567 documents"}} {
		if got := count(tc.n, "document"); got != tc.want {
			t.Errorf("count(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
