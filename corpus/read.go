package corpus

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
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

	// Formats, when not empty and Format forces none, are the only
	// formats read: a file found in a folder whose extension names
	// another one is skipped as of unknown type (see Walk), and standard
	// input and a file named explicitly are read as Formats[0] unless
	// their extension names one of Formats. dedup, which copies JSONL
	// records, reads with Formats {FormatJSONL}.
	Formats []Format

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

	// SplitFlatFolder, under SourceAuto, takes each file's name as its
	// documents' source, instead of the folder's, when one folder holds
	// every file Walk reads (two or more; see flatFolder): a flat folder
	// of articles is not one outlet. Walk names the folder in a note
	// when the rule gave a document its source. Commands that compare
	// the documents of one run with each other (scan) set it; those that
	// file one outlet's folder at a time into an archive do not.
	SplitFlatFolder bool

	// Encoding names the character encoding of every input (see
	// ParseEncoding for the names); "" detects it: a byte order mark, an
	// HTML page's <meta charset>, else UTF-8 with any byte that is not
	// UTF-8 read as windows-1252. The rules are in encoding.go.
	Encoding string

	// MaxRecordBytes is the largest JSONL line, CSV record or whole file
	// (text, Markdown, HTML) accepted. A larger line or record is skipped
	// with a warning wrapping ErrTooLarge, and reading goes on with the
	// next; a larger file stops its stream with an error wrapping
	// ErrTooLarge. 0 means DefaultMaxRecordBytes, less than 0 no limit.
	MaxRecordBytes int

	// MaxInputBytes is the most bytes read from one stream once
	// decompressed; past it the stream stops with an error wrapping
	// ErrInputTooLarge, after the documents before it. 0 means
	// DefaultMaxInputBytes, less than 0 no limit.
	MaxInputBytes int64
}

// DefaultMaxRecordBytes is the default Options.MaxRecordBytes. Scraped dumps
// hold JSONL lines of tens of megabytes (an article with its page's HTML
// embedded), so the limit sits well above those; it is there so that a
// file without line breaks (a mislabelled binary or a whole database dump
// on one line) fails quickly with a clear error instead of exhausting
// memory.
const DefaultMaxRecordBytes = 64 << 20

// DefaultMaxInputBytes is the default Options.MaxInputBytes. It is what
// stops a gzip bomb (a few megabytes that inflate to terabytes); every
// record before it is still read. wirecopy holds about six times its
// input in memory (see the README, "Speed and memory"), so one input of
// more than 4 GiB would need more memory than the machines it is built for
// have: past it, an input is a mistake or an attack, and a larger limit
// must be asked for.
const DefaultMaxInputBytes = 4 << 30

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
	for _, f := range o.Formats {
		if f == FormatAuto || !f.valid() {
			return fmt.Errorf("corpus: unknown input format %q", string(f))
		}
	}
	if !o.SourceFrom.valid() {
		return fmt.Errorf("corpus: unknown source rule %q", string(o.SourceFrom))
	}
	for _, f := range []string{o.TextField, o.IDField} {
		if !validFieldName(f) {
			return fmt.Errorf("corpus: field name %q holds a quote, backslash or comma", f)
		}
	}
	// Names are matched without case (encoding/json's rule), so "Text"
	// for the id is the text's default field too.
	if text := cmp.Or(o.TextField, "text"); strings.EqualFold(text, cmp.Or(o.IDField, "id")) {
		return fmt.Errorf("corpus: the text and the id cannot both be field %q", text)
	}
	if _, _, err := lookupEncoding(o.Encoding); err != nil {
		return err
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
// Text is decoded to UTF-8 as Options.Encoding and the rules in
// encoding.go say.
//
// Problems with single records (malformed JSON, a missing id or text, a
// ragged CSV row, a NUL byte, invalid UTF-8 when the encoding is "utf-8",
// a line or record over Options.MaxRecordBytes)
// and with the whole stream's content (empty, binary, no text) are passed
// to warn as an *Error, and the record or stream is skipped; a date that
// cannot be parsed is warned about and the document kept with a zero Date.
// Notes (an *Error with Note set: text read as windows-1252) go to warn
// too. warn may be nil.
//
// Read returns an error only when the stream cannot be read further (an I/O
// error, a truncated gzip stream, a whole file or a CSV header larger than
// Options.MaxRecordBytes, more than Options.MaxInputBytes in all), as an
// *Error naming the stream and line; when opts are invalid (an unknown
// Format, SourceFrom or Encoding, a field name holding a quote); or when fn
// returns an error, which Read then returns unchanged. Documents before
// the error have been passed to fn.
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
	flat       bool   // the folder holds every file read (flatFolder): SourceAuto skips it
	flatUsed   bool   // a document took fileSource for flat

	maxInput   int64             // Options.MaxInputBytes resolved
	enc        encoding.Encoding // Options.Encoding; nil for auto
	strictUTF8 bool              // Options.Encoding is UTF-8: invalid bytes are skipped
	decoded    bool              // the stream is decoded from another encoding into UTF-8
	noted      bool              // the windows-1252 note was given
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
	switch {
	case rd.max == 0:
		rd.max = DefaultMaxRecordBytes
	case rd.max < 0:
		rd.max = math.MaxInt / 2 // no limit; room left for the sums made with it
	}
	switch rd.maxInput = opts.MaxInputBytes; {
	case rd.maxInput == 0:
		rd.maxInput = DefaultMaxInputBytes
	case rd.maxInput < 0:
		rd.maxInput = math.MaxInt64
	}
	rd.enc, _, _ = lookupEncoding(opts.Encoding) // checked by Read
	rd.strictUTF8 = rd.enc == unicode.UTF8
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

// note passes a remark on how the stream was read to warn (see Error).
func (rd *reader) note(line int, err error) {
	if rd.warnFn != nil {
		rd.warnFn(&Error{Path: rd.name, Line: line, Err: err, Note: true})
	}
}

// fail returns a stream error at line.
func (rd *reader) fail(line int, err error) error {
	return &Error{Path: rd.name, Line: line, Err: err}
}

func (rd *reader) read(r io.Reader) error {
	// Errors are made sticky so that one met while peeking is met again,
	// at its line, by the format's reader.
	var magic [2]byte
	n, err := io.ReadFull(r, magic[:])
	if n == 0 {
		if err != io.EOF {
			return rd.fail(0, stripPath(err))
		}
		rd.warn(0, errEmptyFile)
		return nil
	}
	head := magic[:n]
	r = io.MultiReader(bytes.NewReader(head), r)
	var br *bufio.Reader
	byExt, _, gz := formatOf(rd.name)
	if gz || bytes.Equal(head, gzipMagic) {
		// The limit is on the decompressed stream.
		zr, err := gzip.NewReader(bufio.NewReaderSize(&stickyReader{r: r}, bufSize))
		if err != nil {
			return rd.fail(0, gzipError(err))
		}
		defer zr.Close()
		br = bufio.NewReaderSize(&stickyReader{r: &inputLimit{r: gzipReader{zr}, max: rd.maxInput, gz: true}}, bufSize)
	} else {
		br = bufio.NewReaderSize(&stickyReader{r: &inputLimit{r: r, max: rd.maxInput}}, bufSize)
	}

	// A byte order mark decides the encoding, else Options.Encoding.
	bom, _ := br.Peek(len(utf8BOM))
	enc, bomLen := bomEncoding(bom)
	if bomLen > 0 {
		br.Discard(bomLen)
	} else {
		enc = rd.enc
	}
	if enc != nil {
		rd.strictUTF8 = enc == unicode.UTF8 && rd.enc == unicode.UTF8
		if enc != unicode.UTF8 {
			// The decoder turns the stream into UTF-8; invalid
			// sequences become U+FFFD, as the encoding's standard says.
			br = bufio.NewReaderSize(&stickyReader{r: transform.NewReader(br, enc.NewDecoder())}, bufSize)
			rd.decoded = true
		}
	}

	peek, err := br.Peek(sniffBytes)
	if len(peek) == 0 {
		if err != io.EOF {
			return rd.fail(0, err)
		}
		rd.warn(0, errEmptyFile)
		return nil
	}
	format := rd.opts.Format
	if format == FormatAuto {
		format = byExt
		if fs := rd.opts.Formats; len(fs) > 0 && !slices.Contains(fs, format) {
			format = fs[0]
		}
	}
	if format == FormatAuto {
		format = sniff(peek)
	}
	// A NUL byte, which no text holds, makes a binary file. In a JSONL or
	// CSV stream only the first line (the first record, the header) is
	// looked at: past it, a record with a NUL byte is one bad record,
	// skipped while the others are read.
	first := peek
	if !format.whole() {
		if i := bytes.IndexByte(first, '\n'); i >= 0 {
			first = first[:i]
		}
	}
	if i := bytes.IndexByte(first, 0); i >= 0 {
		rd.warn(0, binaryError(peek, i, rd.decoded))
		return nil
	}
	switch format {
	case FormatJSONL:
		return rd.readJSONL(br)
	case FormatCSV:
		return rd.readCSV(br)
	}
	return rd.readWhole(br, format)
}

// binaryError describes a stream whose head p has a NUL byte at offset i.
func binaryError(p []byte, i int, decoded bool) error {
	if !decoded {
		if enc := utf16Hint(p); enc != "" {
			return fmt.Errorf("binary file (NUL byte at offset %d); if it is %s text without a byte order mark, give encoding %s", i, strings.ToUpper(enc), enc)
		}
	}
	return fmt.Errorf("binary file (NUL byte at offset %d)", i)
}

// inputLimit ends a stream with an error wrapping ErrInputTooLarge once more
// than max bytes have been read from it.
type inputLimit struct {
	r   io.Reader
	n   int64 // bytes read so far
	max int64
	gz  bool // the stream is decompressed, which the error says
}

func (l *inputLimit) Read(p []byte) (int, error) {
	if l.n > l.max {
		return 0, l.err()
	}
	if room := l.max - l.n; int64(len(p)) > room {
		p = p[:room+1] // one byte more than allowed tells that there is more
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	if l.n > l.max {
		return n - int(l.n-l.max), l.err()
	}
	return n, err
}

func (l *inputLimit) err() error {
	how := ""
	if l.gz {
		how = " once decompressed"
	}
	return fmt.Errorf("%w: more than the limit of %s%s", ErrInputTooLarge, formatBytes(l.max), how)
}

// formatBytes writes a byte count as people read limits: "64 MiB" when it
// is a whole number of KiB, MiB or GiB, else "1000 bytes".
func formatBytes(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
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
	err = stripPath(err)
	s.err = err
	return n, err
}

// stripPath returns the cause of a *fs.PathError: the *Error made of it
// names the path.
func stripPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
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
		if !errors.Is(err, ErrInputTooLarge) {
			err = fmt.Errorf("%w (after %d bytes)", err, len(data))
		}
		return rd.fail(0, err)
	}
	if len(data) > rd.max {
		return rd.fail(0, fmt.Errorf("file %w: larger than the limit of %s", ErrTooLarge, formatBytes(int64(rd.max))))
	}
	// The head was checked for NUL bytes before the format was known;
	// a whole file is in memory, so the rest is checked too.
	if i := bytes.IndexByte(data, 0); i >= 0 {
		rd.warn(0, binaryError(data[:min(len(data), sniffBytes)], i, rd.decoded))
		return nil
	}
	if f == FormatHTML && rd.enc == nil && !rd.decoded && !utf8.Valid(data) {
		if enc := metaCharset(data); enc != nil && enc != unicode.UTF8 {
			if data, err = enc.NewDecoder().Bytes(data); err != nil {
				return rd.fail(0, err) // not reached: decoders replace what they cannot decode
			}
		}
	}
	data, ok := rd.text(data, 0, "")
	if !ok {
		return nil
	}

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
		if rd.flat {
			rd.flatUsed = true
			return rd.fileSource
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
