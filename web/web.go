// Package web serves an archive over HTTP: a page to check an article
// against it, the archive's report, and a JSON API (wirecopy serve).
//
// Routes:
//
//	GET  /             the check page: a form to paste or upload an article
//	POST /check        the form's target: the page with the article's result
//	GET  /report       the archive's HTML report (?since, ?until, ?source)
//	POST /api/check    check one article; the JSON of 'check --format json'
//	GET  /api/clusters the archive's report as 'report --format json' writes it
//	GET  /api/sources  {"sources": [...]}, the per-source figures of that report
//
// The handler reads the archive through archive.Store and never writes
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
// loopback) a request naming another host is refused, so a web page
// cannot reach the archive through DNS rebinding.
package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"slices"
	"strings"
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
	// a request's Host header may give; others get 421.
	Hosts []string
}

// Handler is the web application over one archive.
type Handler struct {
	store archive.Store
	opts  Options
	mux   http.Handler
	// reportSlots lets one report be built at a time: building one holds
	// the selected documents' features in memory, and two at once would
	// only share the two cores more slowly.
	reportSlots chan struct{}
}

// New returns the handler serving store.
func New(store archive.Store, opts Options) *Handler {
	if opts.MaxBody <= 0 {
		opts.MaxBody = DefaultMaxBody
	}
	h := &Handler{store: store, opts: opts, reportSlots: make(chan struct{}, 1)}
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
	if len(h.opts.Hosts) > 0 {
		host := r.Host
		if hh, _, err := net.SplitHostPort(host); err == nil {
			host = hh
		}
		if !slices.Contains(h.opts.Hosts, strings.Trim(host, "[]")) {
			h.fail(w, r, http.StatusMisdirectedRequest, fmt.Errorf("host %q is not served here", r.Host))
			return
		}
	}
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, h.opts.MaxBody)
	}
	h.mux.ServeHTTP(w, r)
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
func (h *Handler) check(d corpus.Document) (archive.Checked, error) {
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
	res, err := h.check(d)
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
		dec := json.NewDecoder(r.Body)
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
	res, err := h.check(d)
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
	form.Action, form.Report = "/check#articles", "/report"
	w.Header().Set("Content-Security-Policy", report.CheckPageCSP())
	h.writeStatus(w, r, status, "text/html; charset=utf-8", func(w io.Writer) error {
		return report.WriteCheck(w, checked, report.CheckOptions{Format: report.FormatHTML, Form: form})
	})
}

// result builds the archive's report over the documents the query's
// since, until and source select.
func (h *Handler) result(r *http.Request) (*cluster.Result, int, error) {
	q := r.URL.Query()
	f := archive.Filter{Sources: q["source"]}
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
	return res, http.StatusOK, nil
}

func (h *Handler) reportPage(w http.ResponseWriter, r *http.Request) {
	res, status, err := h.result(r)
	if err != nil {
		h.fail(w, r, status, err)
		return
	}
	w.Header().Set("Content-Security-Policy", report.HTMLCSP())
	h.write(w, r, "text/html; charset=utf-8", func(w io.Writer) error {
		return report.Write(w, res, report.Options{Format: report.FormatHTML})
	})
}

func (h *Handler) apiClusters(w http.ResponseWriter, r *http.Request) {
	res, status, err := h.result(r)
	if err != nil {
		h.fail(w, r, status, err)
		return
	}
	h.write(w, r, "application/json", func(w io.Writer) error {
		return report.Write(w, res, report.Options{Format: report.FormatJSON})
	})
}

func (h *Handler) apiSources(w http.ResponseWriter, r *http.Request) {
	res, status, err := h.result(r)
	if err != nil {
		h.fail(w, r, status, err)
		return
	}
	h.write(w, r, "application/json", func(w io.Writer) error {
		return report.WriteSources(w, res)
	})
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

// fail answers with status and err: {"error": "..."} to API requests,
// plain text to others.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, status int, err error) {
	msg := err.Error()
	if status >= 500 {
		msg = http.StatusText(status) + ": " + msg
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		b, _ := json.Marshal(map[string]string{"error": msg})
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write(append(b, '\n'))
		return
	}
	http.Error(w, msg, status)
}
