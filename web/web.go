// Package web serves an archive over HTTP: a page to check an article
// against it, the archive's report, and a JSON API (wirecopy serve).
//
// Routes:
//
//	GET  /             the check page: a form to paste or upload an article
//	POST /check        the form's target: the page with the article's result
//	GET  /report       the archive's HTML report (?since, ?until, ?source, ?against)
//	POST /api/check    check one article; the JSON of 'check --format json'
//	GET  /api/clusters the archive's report as 'report --format json' writes it
//	GET  /api/sources  {"sources": [...]}, the per-source figures of that report
//
// ?against=SOURCE (repeatable) is scan --against over the archive: the
// documents of those sources are one side, the rest of the slice the
// other, and the report keeps only the copy shared across the two
// (report.Across); with ?source as well, the slice is those sources and
// the against sources.
//
// The handler reads the archive through Archive and never writes
// to it, so 'wirecopy index' can add documents while it serves; every
// request sees the archive as it is then (the report is built afresh
// per request, one at a time, see reportSlots).
//
// Safety. Pages are html/template output (package report) with a
// Content-Security-Policy that allows no script and no network access,
// sent both as a header and in the page; document text is escaped data
// everywhere. Request bodies are limited (Options.MaxBody, 413 beyond);
// unsafe cross-origin requests are refused (http.CrossOriginProtection);
// and with Options.Hosts set (the command sets it when bound to
// loopback, or to --allow-host) a request naming another host is
// refused, so a web page cannot reach the archive through DNS
// rebinding.
//
// Load. Checks run at most Options.MaxChecks at a time (a 4 MiB article
// takes a few hundred MB while it is checked); others wait for a slot,
// holding their bodies, up to Options.MaxBodyMemory bytes of bodies in
// all, read or being read. A request past that budget gets 503 with
// Retry-After at once, before its body is read.
//
// Errors. Every answer under /api/, and every error to a request whose
// Accept header asks for application/json first, is {"error": "..."}
// with the status, including the 404, 405 and 403 that the router and
// the cross-origin check write; pages get plain text.
package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/report"
)

// DefaultMaxBody is Options.MaxBody's default: 4 MiB holds the longest
// news article many times over (a long feature is 50 KB of text) and
// keeps one request's memory small.
const DefaultMaxBody = 4 << 20

// DefaultMaxChecks is Options.MaxChecks's default. A check is CPU work
// (two cores make two the useful number) and a large article's check
// takes memory many times its size (a 4 MiB article about 300 MB at its
// peak): two at a time keep eight concurrent 4 MiB requests under
// 1.5 GiB (bench/serve.sh, docs/serve.md).
const DefaultMaxChecks = 2

// DefaultMaxBodyMemory is Options.MaxBodyMemory's default: eight bodies
// of DefaultMaxBody, waiting or being read.
const DefaultMaxBodyMemory = 8 * DefaultMaxBody

// retryAfter is the Retry-After of a 503: a 4 MiB check takes a few
// seconds, a news article's a few tens of milliseconds.
const retryAfter = "5"

// Options controls the handler. The zero value checks with the
// archive's own settings and limits bodies to DefaultMaxBody.
type Options struct {
	// Cluster are the settings the report is built with; the checker
	// fills fields left zero from the archive. The command passes the
	// archive's settings (archive.Archive.Options) with the user's flags.
	Cluster cluster.Options
	// MaxBody is the largest request body read, in bytes; 0 means
	// DefaultMaxBody.
	MaxBody int64
	// MaxHits is the most archived matches listed per paragraph; 0 means
	// archive.DefaultMaxHits.
	MaxHits int
	// Hosts, when not empty, are the only host names (without port)
	// a request's Host header may give, compared without regard to case
	// or a final dot; others get 421.
	Hosts []string
	// MaxChecks is how many checks run at once; 0 means
	// DefaultMaxChecks. Others wait for a slot.
	MaxChecks int
	// MaxBodyMemory bounds the bytes of request bodies held at once
	// (each body counts its Content-Length, or MaxBody when it has
	// none); a request past it gets 503. 0 means DefaultMaxBodyMemory;
	// it is raised to MaxBody when lower.
	MaxBodyMemory int64
}

// Archive is what the handler reads of an archive: an *archive.Archive
// of either store.
type Archive interface {
	NewChecker(opts archive.CheckOptions) (*archive.Checker, error)
	Documents(f archive.Filter, fn func(corpus.Document) error) error
	Stats() (archive.Stats, error)
	Path() string
}

// Handler is the web application over one archive.
type Handler struct {
	store Archive
	opts  Options
	mux   http.Handler
	// reportSlots lets one report be built at a time: building one holds
	// the selected documents' features in memory, and two at once would
	// only share the two cores more slowly.
	reportSlots chan struct{}
	// checkSlots lets Options.MaxChecks checks run at once.
	checkSlots chan struct{}
	// bodyMu guards bodyBytes, the body bytes reserved by requests
	// under way.
	bodyMu    sync.Mutex
	bodyBytes int64
	// nameMu guards name, the archive's name and size as the check page
	// shows it, and nameAt, when it was counted.
	nameMu sync.Mutex
	name   string
	nameAt time.Time
}

// archiveNameAge is how long the archive's size on the check page is
// shown before it is counted again: counting a large archive takes a
// moment, and index may add to it while it is served.
const archiveNameAge = time.Minute

// archiveName names the archive served and its size for the check page:
// "news.wca: 25 documents, 149 paragraphs".
func (h *Handler) archiveName() string {
	h.nameMu.Lock()
	defer h.nameMu.Unlock()
	if h.name != "" && time.Since(h.nameAt) < archiveNameAge {
		return h.name
	}
	s, err := h.store.Stats()
	if err != nil {
		return h.store.Path() // not counted now; counted again next time
	}
	h.name = fmt.Sprintf("%s: %s, %s", h.store.Path(), count(s.Documents, "document"), count(s.Paragraphs, "paragraph"))
	h.nameAt = time.Now()
	return h.name
}

// count writes n and its noun, with commas between groups of three
// digits: "1 document", "91,200 documents".
func count(n int, noun string) string {
	if n != 1 {
		noun += "s"
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s + " " + noun
}

// New returns the handler serving store.
func New(store Archive, opts Options) *Handler {
	if opts.MaxBody <= 0 {
		opts.MaxBody = DefaultMaxBody
	}
	if opts.MaxChecks <= 0 {
		opts.MaxChecks = DefaultMaxChecks
	}
	if opts.MaxBodyMemory <= 0 {
		opts.MaxBodyMemory = DefaultMaxBodyMemory
	}
	opts.MaxBodyMemory = max(opts.MaxBodyMemory, opts.MaxBody)
	h := &Handler{store: store, opts: opts, reportSlots: make(chan struct{}, 1), checkSlots: make(chan struct{}, opts.MaxChecks)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", h.checkPage)
	mux.HandleFunc("POST /check", h.checkForm)
	mux.HandleFunc("GET /report", h.reportPage)
	mux.HandleFunc("POST /api/check", h.apiCheck)
	mux.HandleFunc("GET /api/clusters", h.apiClusters)
	mux.HandleFunc("GET /api/sources", h.apiSources)
	h.mux = http.NewCrossOriginProtection().Handler(mux)
	return h
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	if wantsJSON(r) {
		jw := &jsonErrors{ResponseWriter: w}
		defer jw.finish()
		w = jw
	}
	if len(h.opts.Hosts) > 0 && !h.hostAllowed(r.Host) {
		h.fail(w, r, http.StatusMisdirectedRequest, fmt.Errorf("host %q is not served here", r.Host))
		return
	}
	if r.Body != nil && r.Body != http.NoBody {
		// A body over MaxBody is refused (413) by the handler reading it.
		n := h.opts.MaxBody
		if r.ContentLength >= 0 {
			n = min(r.ContentLength, n)
		}
		if !h.reserveBody(n) {
			w.Header().Set("Retry-After", retryAfter)
			h.fail(w, r, http.StatusServiceUnavailable, errors.New("too many requests under way; try again shortly"))
			return
		}
		defer h.releaseBody(n)
		r.Body = http.MaxBytesReader(w, r.Body, h.opts.MaxBody)
	}
	h.mux.ServeHTTP(w, r)
}

// hostAllowed reports whether the Host header host (a name or address,
// with or without a port) names one of Options.Hosts. Host names are
// compared as DNS compares them: without regard to case, and
// "localhost." is "localhost".
func (h *Handler) hostAllowed(host string) bool {
	if hh, _, err := net.SplitHostPort(host); err == nil {
		host = hh
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	return slices.ContainsFunc(h.opts.Hosts, func(allowed string) bool {
		return strings.EqualFold(strings.TrimSuffix(allowed, "."), host)
	})
}

// reserveBody reserves n bytes of the body budget, or reports that they
// are not free.
func (h *Handler) reserveBody(n int64) bool {
	h.bodyMu.Lock()
	defer h.bodyMu.Unlock()
	if h.bodyBytes+n > h.opts.MaxBodyMemory {
		return false
	}
	h.bodyBytes += n
	return true
}

func (h *Handler) releaseBody(n int64) {
	h.bodyMu.Lock()
	h.bodyBytes -= n
	h.bodyMu.Unlock()
}

// wantsJSON reports whether errors to r are JSON: r is an API request,
// or its Accept header names application/json first.
func wantsJSON(r *http.Request) bool {
	if r.URL.Path == "/api" || strings.HasPrefix(r.URL.Path, "/api/") {
		return true
	}
	first, _, _ := strings.Cut(r.Header.Get("Accept"), ",")
	mt, _, _ := mime.ParseMediaType(first)
	return mt == "application/json"
}

// jsonErrors rewrites the plain-text errors that handlers not our own
// write (http.ServeMux's 404 and 405, http.CrossOriginProtection's 403,
// http.Error) as {"error": "..."}, keeping their status and headers.
type jsonErrors struct {
	http.ResponseWriter
	status int          // the status of an error being rewritten, or 0
	msg    bytes.Buffer // its text
}

// maxErrorText caps the text of an error kept for rewriting.
const maxErrorText = 4 << 10

func (j *jsonErrors) WriteHeader(status int) {
	if status >= 400 && j.status == 0 {
		if mt, _, _ := mime.ParseMediaType(j.Header().Get("Content-Type")); mt != "application/json" {
			j.status = status
			return
		}
	}
	j.ResponseWriter.WriteHeader(status)
}

func (j *jsonErrors) Write(b []byte) (int, error) {
	if j.status == 0 {
		return j.ResponseWriter.Write(b)
	}
	j.msg.Write(b[:min(len(b), max(0, maxErrorText-j.msg.Len()))])
	return len(b), nil
}

// finish writes the rewritten error, if there is one.
func (j *jsonErrors) finish() {
	if j.status == 0 {
		return
	}
	msg := strings.TrimSpace(strings.ToValidUTF8(j.msg.String(), "\uFFFD"))
	if msg == "" {
		msg = http.StatusText(j.status)
	}
	b, _ := json.Marshal(map[string]string{"error": msg})
	hd := j.ResponseWriter.Header()
	hd.Set("Content-Type", "application/json")
	hd.Del("Content-Length")
	j.ResponseWriter.WriteHeader(j.status)
	j.ResponseWriter.Write(append(b, '\n'))
}

// article is a request to check one article.
type article struct {
	Text   string `json:"text"`
	Source string `json:"source"`
	Date   string `json:"date"`
	Lang   string `json:"lang"`
	ID     string `json:"id"`
}

// defaultID names an article sent without an id. Archived documents
// with the article's id are not its matches, so it must not be one an
// archive likely holds.
const defaultID = "(checked article)"

// document validates a and turns it into the document to check.
func (a article) document() (corpus.Document, error) {
	d := corpus.Document{ID: strings.TrimSpace(a.ID), Source: strings.TrimSpace(a.Source),
		Lang: strings.TrimSpace(a.Lang), Text: a.Text}
	if d.ID == "" {
		d.ID = defaultID
	}
	switch {
	case !utf8.ValidString(a.Text):
		return d, errors.New("the text is not valid UTF-8")
	case strings.ContainsRune(a.Text, 0):
		return d, errors.New("the text contains NUL bytes: binary data, not an article")
	case strings.TrimSpace(a.Text) == "":
		return d, errors.New("the text is empty")
	}
	if s := strings.TrimSpace(a.Date); s != "" {
		t, err := parseDate(s)
		if err != nil {
			return d, err
		}
		d.Date = t
	}
	return d, nil
}

// parseDate reads a date as 2006-01-02 or RFC 3339.
func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{time.DateOnly, time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q is not 2006-01-02 or RFC 3339", s)
}

// check checks one document against the archive. A Checker is made per
// request: it is cheap (three prepared statements) and not meant for
// two goroutines at once.
func (h *Handler) check(ctx context.Context, d corpus.Document) (archive.Checked, error) {
	select {
	case h.checkSlots <- struct{}{}:
		defer func() { <-h.checkSlots }()
	case <-ctx.Done():
		return archive.Checked{}, ctx.Err()
	}
	c, err := h.store.NewChecker(archive.CheckOptions{Cluster: h.opts.Cluster, MaxHits: h.opts.MaxHits})
	if err != nil {
		return archive.Checked{}, err
	}
	defer c.Close()
	return c.Check(d)
}

// apiCheck takes {"text": ..., "source": ..., "date": ..., "lang": ...,
// "id": ...} as application/json, or any other body as the raw text.
func (h *Handler) apiCheck(w http.ResponseWriter, r *http.Request) {
	d, status, err := readArticle(r)
	if err != nil {
		h.fail(w, r, status, err)
		return
	}
	res, err := h.check(r.Context(), d)
	if err != nil {
		h.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	h.write(w, r, "application/json", func(w io.Writer) error {
		return report.WriteCheck(w, []archive.Checked{res}, report.CheckOptions{Format: report.FormatJSON})
	})
}

// readArticle reads the article of a POST /api/check, or returns the
// status to answer and why.
func readArticle(r *http.Request) (corpus.Document, int, error) {
	var a article
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "application/json" {
		// encoding/json would read invalid UTF-8, and an escaped half of
		// a UTF-16 surrogate pair, as U+FFFD: the article would not be
		// what was sent.
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return corpus.Document{}, statusOf(err, http.StatusBadRequest), fmt.Errorf("reading the JSON body: %w", err)
		}
		if !utf8.Valid(body) {
			return corpus.Document{}, http.StatusBadRequest, errors.New("reading the JSON body: not valid UTF-8")
		}
		if at := loneSurrogate(body); at >= 0 {
			return corpus.Document{}, http.StatusBadRequest, fmt.Errorf("reading the JSON body: %s at byte %d is half of a UTF-16 surrogate pair", body[at:at+6], at)
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&a); err != nil {
			return corpus.Document{}, statusOf(err, http.StatusBadRequest), fmt.Errorf("reading the JSON body: %w", err)
		}
		if dec.More() {
			return corpus.Document{}, http.StatusBadRequest, errors.New("reading the JSON body: more than one value")
		}
	} else {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return corpus.Document{}, statusOf(err, http.StatusBadRequest), fmt.Errorf("reading the body: %w", err)
		}
		a.Text = string(b)
	}
	d, err := a.document()
	if err != nil {
		return d, http.StatusBadRequest, err
	}
	return d, http.StatusOK, nil
}

// loneSurrogate returns the offset of the first \u escape in the JSON
// text b that is half of a UTF-16 surrogate pair on its own (a high one
// not followed by an escaped low one, or a low one not preceded by a
// high one), or -1. Backslashes only occur in strings of valid JSON; the
// decoder reports any other.
func loneSurrogate(b []byte) int {
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' {
			continue
		}
		i++ // the escaped byte: skipped, so \\u is no escape
		if i >= len(b) || b[i] != 'u' {
			continue
		}
		r, ok := hex4(b[i+1:])
		if !ok {
			continue
		}
		at := i - 1
		i += 4
		switch {
		case 0xDC00 <= r && r <= 0xDFFF:
			return at
		case 0xD800 <= r && r <= 0xDBFF:
			if len(b) > i+2 && b[i+1] == '\\' && b[i+2] == 'u' {
				if lo, ok := hex4(b[i+3:]); ok && 0xDC00 <= lo && lo <= 0xDFFF {
					i += 6
					continue
				}
			}
			return at
		}
	}
	return -1
}

// hex4 reads four hexadecimal digits.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// statusOf is 413 when err comes from a body over the limit, else status.
func statusOf(err error, status int) int {
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return http.StatusRequestEntityTooLarge
	}
	return status
}

func (h *Handler) checkPage(w http.ResponseWriter, r *http.Request) {
	h.page(w, r, http.StatusOK, nil, &report.CheckForm{})
}

// checkForm takes the page's form: the text typed or pasted, or an
// uploaded file, which wins when both are given.
func (h *Handler) checkForm(w http.ResponseWriter, r *http.Request) {
	form := &report.CheckForm{}
	// ParseForm reads a urlencoded body; ParseMultipartForm a multipart
	// one (it would call ParseForm itself but drop its error).
	err := r.ParseForm()
	if err == nil {
		if err = r.ParseMultipartForm(h.opts.MaxBody); errors.Is(err, http.ErrNotMultipart) {
			err = nil
		}
	}
	if err != nil {
		form.Error = "The form could not be read: " + err.Error()
		h.page(w, r, statusOf(err, http.StatusBadRequest), nil, form)
		return
	}
	a := article{Text: r.PostFormValue("text"), Source: r.PostFormValue("source"), Date: r.PostFormValue("date"),
		Lang: r.PostFormValue("lang"), ID: r.PostFormValue("id")}
	if f, _, err := r.FormFile("file"); err == nil {
		b, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			form.Error = "The file could not be read: " + err.Error()
			h.page(w, r, http.StatusBadRequest, nil, form)
			return
		}
		if len(b) > 0 {
			a.Text = string(b)
		}
	}
	form.Text, form.Source, form.Date, form.Lang, form.ID = a.Text, a.Source, a.Date, a.Lang, a.ID
	if !utf8.ValidString(form.Text) {
		form.Text = strings.ToValidUTF8(form.Text, "\uFFFD")
	}
	d, err := a.document()
	if err != nil {
		form.Error = "Nothing checked: " + err.Error() + "."
		h.page(w, r, http.StatusBadRequest, nil, form)
		return
	}
	res, err := h.check(r.Context(), d)
	if err != nil {
		form.Error = "The archive could not be read: " + err.Error()
		h.page(w, r, http.StatusInternalServerError, nil, form)
		return
	}
	h.page(w, r, http.StatusOK, []archive.Checked{res}, form)
}

// page writes the check page with status.
func (h *Handler) page(w http.ResponseWriter, r *http.Request, status int, checked []archive.Checked, form *report.CheckForm) {
	// The fragment takes the reader to the result, past the form.
	form.Action, form.Report, form.Archive = "/check#articles", "/report", h.archiveName()
	w.Header().Set("Content-Security-Policy", report.CheckPageCSP())
	h.writeStatus(w, r, status, "text/html; charset=utf-8", func(w io.Writer) error {
		return report.WriteCheck(w, checked, report.CheckOptions{Format: report.FormatHTML, Form: form})
	})
}

// result builds the archive's report over the documents the query's
// since, until and source select, and keeps only the copy shared with
// the against sources when the query names some.
func (h *Handler) result(r *http.Request) (*cluster.Result, int, error) {
	q := r.URL.Query()
	f := archive.Filter{Sources: q["source"]}
	against := q["against"]
	if len(f.Sources) > 0 {
		f.Sources = append(slices.Clone(f.Sources), against...)
	}
	if s := q.Get("since"); s != "" {
		t, err := parseDate(s)
		if err != nil {
			return nil, http.StatusBadRequest, fmt.Errorf("since: %w", err)
		}
		f.Since = t
	}
	if s := q.Get("until"); s != "" {
		t, err := parseDate(s)
		if err != nil {
			return nil, http.StatusBadRequest, fmt.Errorf("until: %w", err)
		}
		if len(s) == len(time.DateOnly) {
			t = t.AddDate(0, 0, 1) // the whole day
		} else {
			t = t.Add(time.Second) // dates are compared by the second
		}
		f.Before = t
	}
	select {
	case h.reportSlots <- struct{}{}:
		defer func() { <-h.reportSlots }()
	case <-r.Context().Done():
		return nil, http.StatusServiceUnavailable, r.Context().Err()
	}
	b, err := cluster.NewBuilder(h.opts.Cluster)
	if err != nil {
		return nil, http.StatusInternalServerError, err
	}
	err = h.store.Documents(f, func(d corpus.Document) error {
		b.Add(d)
		return r.Context().Err()
	})
	res, rerr := b.Result()
	if err = errors.Join(err, rerr); err != nil {
		return nil, http.StatusInternalServerError, err
	}
	if len(against) > 0 {
		res = report.Across(res, func(d int) bool { return slices.Contains(against, res.Docs[d].Source) })
	}
	return res, http.StatusOK, nil
}

func (h *Handler) reportPage(w http.ResponseWriter, r *http.Request) {
	h.writeResult(w, r, "text/html; charset=utf-8", func(out io.Writer, res *cluster.Result) error {
		w.Header().Set("Content-Security-Policy", report.HTMLCSP())
		return report.Write(out, res, report.Options{Format: report.FormatHTML})
	})
}

func (h *Handler) apiClusters(w http.ResponseWriter, r *http.Request) {
	h.writeResult(w, r, "application/json", func(out io.Writer, res *cluster.Result) error {
		return report.Write(out, res, report.Options{Format: report.FormatJSON})
	})
}

func (h *Handler) apiSources(w http.ResponseWriter, r *http.Request) {
	h.writeResult(w, r, "application/json", report.WriteSources)
}

// writeResult answers with the report of the slice r asks for (see
// result), as write renders it in contentType, or with the error that
// kept it from being built or rendered.
func (h *Handler) writeResult(w http.ResponseWriter, r *http.Request, contentType string, write func(io.Writer, *cluster.Result) error) {
	res, status, err := h.result(r)
	if err != nil {
		h.fail(w, r, status, err)
		return
	}
	h.write(w, r, contentType, func(w io.Writer) error { return write(w, res) })
}

func (h *Handler) write(w http.ResponseWriter, r *http.Request, contentType string, fn func(io.Writer) error) {
	h.writeStatus(w, r, http.StatusOK, contentType, fn)
}

// writeStatus writes fn's output with status, or a 500 when fn fails:
// the output is buffered, so a failure never leaves half a page.
func (h *Handler) writeStatus(w http.ResponseWriter, r *http.Request, status int, contentType string, fn func(io.Writer) error) {
	var buf bytes.Buffer
	if err := fn(&buf); err != nil {
		h.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	w.Write(buf.Bytes()) // a client gone away is not ours to report
}

// fail answers with status and err: {"error": "..."} to API requests
// (see wantsJSON), plain text to others.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, status int, err error) {
	msg := err.Error()
	if status >= 500 {
		msg = http.StatusText(status) + ": " + msg
	}
	if wantsJSON(r) {
		b, _ := json.Marshal(map[string]string{"error": msg})
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write(append(b, '\n'))
		return
	}
	http.Error(w, msg, status)
}
