package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// Options control how documents are read. The zero value reads every format
// by its file extension, takes ids and texts from the fields "id" and
// "text", and picks each document's source by the SourceAuto rules.
type Options struct {
	// Format forces one format for every input. FormatAuto picks it by
	// the file extension after stripping ".gz"; standard input, and a
	// stream handed to Read under a name without a known extension, are
	// sniffed: a leading '{' means JSONL, '<' means HTML, anything else
	// plain text.
	Format Format

	// TextField and IDField name the JSONL or CSV fields holding a
	// document's text and id; "" means "text" and "id". Names are matched
	// case-insensitively, and may not hold quotes, backslashes or commas.
	TextField string
	IDField   string

	// SourceFrom picks where a document's source comes from. SourceAuto
	// takes the record's source field, else the host of its url, else the
	// name of the folder holding the file, else the file name. Any other
	// rule is used alone and falls back to the file name.
	SourceFrom SourceFrom

	// MaxRecordBytes is the largest JSONL line, CSV record or whole file
	// (text, Markdown, HTML) accepted; a larger one stops the stream with
	// an error wrapping ErrTooLarge. 0 (or less) means
	// DefaultMaxRecordBytes.
	MaxRecordBytes int
}

// DefaultMaxRecordBytes is the default Options.MaxRecordBytes. Scraped dumps
// hold JSONL lines of tens of megabytes (an article with its page's HTML
// embedded), so the limit sits well above those; it is there so that a
// file without line breaks (a mislabelled binary or a whole database dump
// on one line) fails quickly with a clear error instead of exhausting
// memory.
const DefaultMaxRecordBytes = 64 << 20

const (
	// sniffBytes is how much of a stream is inspected for NUL bytes
	// (binary files) and for the first non-space byte (format sniffing).
	// Git and grep look at a similar window; text files never hold NUL, so
	// a few kilobytes decide reliably.
	sniffBytes = 8 << 10

	// bufSize is the read buffer. JSONL lines of typical articles (a few
	// kilobytes) fit in it whole, so most lines are decoded without a
	// copy; longer ones are assembled.
	bufSize = 64 << 10
)

var (
	gzipMagic = []byte{0x1f, 0x8b}
	utf8BOM   = []byte{0xef, 0xbb, 0xbf}
)

func (o Options) check() error {
	if !o.Format.valid() {
		return fmt.Errorf("corpus: unknown input format %q", string(o.Format))
	}
	if !o.SourceFrom.valid() {
		return fmt.Errorf("corpus: unknown source rule %q", string(o.SourceFrom))
	}
	for _, f := range []string{o.TextField, o.IDField} {
		if !validFieldName(f) {
			return fmt.Errorf("corpus: field name %q holds a quote, backslash or comma", f)
		}
	}
	if o.TextField != "" && strings.EqualFold(o.TextField, o.IDField) {
		return fmt.Errorf("corpus: the text and the id cannot both be field %q", o.TextField)
	}
	return nil
}

// Read decodes the documents of one stream and calls fn for each, in order.
// name is the path the stream was opened from ("-" or "" for standard
// input); it selects the format (see Options.Format), is the id of
// whole-file documents, feeds the dir and file source rules, and names the
// stream in errors.
//
// Any stream may be gzip-compressed: it is decompressed when name ends in
// ".gz" or the data starts with the gzip magic bytes.
//
// Problems with single records (malformed JSON, a missing id or text, a
// ragged CSV row, invalid UTF-8) and with the whole stream's content (empty,
// binary, no text) are passed to warn as an *Error, and the record or
// stream is skipped; a date that cannot be parsed is warned about and the
// document kept with a zero Date. warn may be nil.
//
// Read returns an error only when the stream cannot be read further (an I/O
// error, a truncated gzip stream, a record larger than
// Options.MaxRecordBytes), as an *Error naming the stream and line; when
// opts are invalid (an unknown Format or SourceFrom, a field name holding a
// quote); or when fn returns an error, which Read then returns unchanged.
func Read(r io.Reader, name string, opts Options, fn func(Document) error, warn func(error)) error {
	if name == "" {
		name = "-"
	}
	if err := opts.check(); err != nil {
		return err
	}
	rd := newReader(name, opts, fn, warn)
	return rd.read(r)
}

// reader holds the state of one Read call.
type reader struct {
	name       string
	opts       Options
	max        int
	fn         func(Document) error
	warnFn     func(error)
	textField  string
	idField    string
	dirSource  string // folder name of name, "" when there is none
	fileSource string // file name without extensions, "stdin" for "-"
}

func newReader(name string, opts Options, fn func(Document) error, warn func(error)) *reader {
	rd := &reader{
		name:       name,
		opts:       opts,
		max:        opts.MaxRecordBytes,
		fn:         fn,
		warnFn:     warn,
		textField:  opts.TextField,
		idField:    opts.IDField,
		dirSource:  dirSource(name),
		fileSource: fileSource(name),
	}
	if rd.max <= 0 {
		rd.max = DefaultMaxRecordBytes
	}
	if rd.textField == "" {
		rd.textField = "text"
	}
	if rd.idField == "" {
		rd.idField = "id"
	}
	return rd
}

// warn reports a problem with line (0: the whole stream).
func (rd *reader) warn(line int, err error) {
	if rd.warnFn != nil {
		rd.warnFn(&Error{Path: rd.name, Line: line, Err: err})
	}
}

// fail returns a stream error at line.
func (rd *reader) fail(line int, err error) error {
	return &Error{Path: rd.name, Line: line, Err: err}
}

func (rd *reader) read(r io.Reader) error {
	// Errors are made sticky so that one met while peeking is met again,
	// at its line, by the format's reader.
	br := bufio.NewReaderSize(&stickyReader{r: r}, bufSize)
	head, err := br.Peek(len(gzipMagic))
	if len(head) == 0 {
		if err != io.EOF {
			return rd.fail(0, err)
		}
		rd.warn(0, errEmptyFile)
		return nil
	}
	byExt, _, gz := formatOf(rd.name)
	if gz || bytes.Equal(head, gzipMagic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return rd.fail(0, gzipError(err))
		}
		defer zr.Close()
		br = bufio.NewReaderSize(&stickyReader{r: gzipReader{zr}}, bufSize)
	}

	peek, err := br.Peek(sniffBytes)
	if len(peek) == 0 {
		if err != io.EOF {
			return rd.fail(0, err)
		}
		rd.warn(0, errEmptyFile)
		return nil
	}
	if i := bytes.IndexByte(peek, 0); i >= 0 {
		rd.warn(0, fmt.Errorf("binary file (NUL byte at offset %d)", i))
		return nil
	}

	format := rd.opts.Format
	if format == FormatAuto {
		format = byExt
	}
	if format == FormatAuto {
		format = sniff(peek)
	}
	switch format {
	case FormatJSONL:
		return rd.readJSONL(br)
	case FormatCSV:
		return rd.readCSV(br)
	}
	return rd.readWhole(br, format)
}

// sniff guesses the format of a stream from its first bytes.
func sniff(p []byte) Format {
	p = bytes.TrimPrefix(p, utf8BOM)
	for _, c := range p {
		switch c {
		case ' ', '\t', '\r', '\n', '\f', '\v':
			continue
		case '{':
			return FormatJSONL
		case '<':
			return FormatHTML
		}
		break
	}
	return FormatText
}

// stickyReader returns its first error again on every later call.
type stickyReader struct {
	r   io.Reader
	err error
}

func (s *stickyReader) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.r.Read(p)
	s.err = err
	return n, err
}

// gzipReader names gzip's errors: a truncated stream otherwise reports a
// bare "unexpected EOF".
type gzipReader struct{ r io.Reader }

func (g gzipReader) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = gzipError(err)
	}
	return n, err
}

func gzipError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF {
		return fmt.Errorf("truncated gzip stream: %w", io.ErrUnexpectedEOF)
	}
	return err
}

// readWhole makes one document of the whole stream.
func (rd *reader) readWhole(r io.Reader, f Format) error {
	data, err := io.ReadAll(io.LimitReader(r, int64(rd.max)+1))
	if err != nil {
		return rd.fail(0, err)
	}
	if len(data) > rd.max {
		return rd.fail(0, fmt.Errorf("file %w: larger than the %d-byte limit (MaxRecordBytes)", ErrTooLarge, rd.max))
	}
	if err := validText(data); err != nil {
		rd.warn(0, err)
		return nil
	}
	data = bytes.TrimPrefix(data, utf8BOM)

	doc := Document{ID: rd.name, Path: rd.name}
	switch f {
	case FormatMarkdown:
		md := markdown(string(data))
		doc.Title, doc.Text = md.title, md.text
		if md.date != "" {
			doc.Date = rd.date(0, md.date)
		}
	case FormatHTML:
		if !rd.html(data, &doc) {
			return nil
		}
	default:
		doc.Text = normalizeNewlines(string(data))
	}
	if isBlank(doc.Text) {
		rd.warn(0, errNoText)
		return nil
	}
	doc.Source = rd.source("", doc.URL)
	return rd.fn(doc)
}

// validText reports whether b, the bytes of a text (a file, a JSONL line, a
// CSV field), are UTF-8, and if not, where the first invalid byte is. It is
// the one place that decides what a text's bytes mean: encoding detection
// will replace it.
func validText(b []byte) error {
	if utf8.Valid(b) {
		return nil
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return fmt.Errorf("invalid UTF-8 at byte offset %d", i)
		}
		i += size
	}
	return errors.New("invalid UTF-8") // not reached: utf8.Valid said there is an invalid byte
}

// normalizeNewlines turns \r\n line ends into \n; it is the only change made
// to a text as given.
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r\n") {
		return s
	}
	return strings.ReplaceAll(s, "\r\n", "\n")
}

// dateLayouts are the date formats accepted in records, tried in order.
// Dates without a zone are taken as UTC.
var dateLayouts = []string{
	time.RFC3339, // also "2006-01-02T15:04:05Z07:00" with fractional seconds
	"2006-01-02",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"02.01.2006",
	time.RFC1123,
	time.RFC1123Z,
}

// parseDate parses s in one of dateLayouts.
func parseDate(s string) (time.Time, bool) {
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// date parses the date of the record at line, warning when it cannot.
func (rd *reader) date(line int, s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	t, ok := parseDate(s)
	if !ok {
		rd.warn(line, fmt.Errorf("unparseable date %q", s))
	}
	return t
}

// source applies Options.SourceFrom to a record's source field and url.
func (rd *reader) source(field, rawURL string) string {
	switch rd.opts.SourceFrom {
	case SourceField:
		if s := strings.TrimSpace(field); s != "" {
			return s
		}
	case SourceHost:
		if h := host(rawURL); h != "" {
			return h
		}
	case SourceDir:
		if rd.dirSource != "" {
			return rd.dirSource
		}
	case SourceFile:
	default:
		if s := strings.TrimSpace(field); s != "" {
			return s
		}
		if h := host(rawURL); h != "" {
			return h
		}
		if rd.dirSource != "" {
			return rd.dirSource
		}
	}
	return rd.fileSource
}

// host returns the host of rawURL, lower case and without "www.". A URL
// without a scheme ("reuters.com/world/...") is read as a host and path.
func host(rawURL string) string {
	rawURL = strings.TrimSpace(rawURL)
	if rawURL == "" {
		return ""
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	if u.Scheme == "" && u.Host == "" {
		if u, err = url.Parse("//" + rawURL); err != nil {
			return ""
		}
	}
	h := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	return strings.TrimPrefix(h, "www.")
}

// dirSource returns the name of the folder holding the file name, or ""
// when name has no folder of its own (a bare file name, "-", "/a.txt").
func dirSource(name string) string {
	if name == "-" {
		return ""
	}
	dir := filepath.Base(filepath.Dir(name))
	switch dir {
	case ".", "..", string(filepath.Separator), "":
		return ""
	}
	return dir
}

// fileSource returns the file name without ".gz" and its format extension;
// "stdin" for "-".
func fileSource(name string) string {
	if name == "-" {
		return "stdin"
	}
	base := filepath.Base(name)
	s := base
	if ext := filepath.Ext(s); strings.EqualFold(ext, ".gz") {
		s = s[:len(s)-len(ext)]
	}
	s = s[:len(s)-len(filepath.Ext(s))]
	if s == "" {
		return base
	}
	return s
}
