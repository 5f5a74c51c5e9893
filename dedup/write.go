package dedup

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/wirecopy/wirecopy/corpus"
)

// WriteOptions configure the second pass.
type WriteOptions struct {
	// Context, if not nil, stops Write with its error once it is done
	// (checked before each read of an input).
	Context context.Context
	// Open opens an input again by the path its documents were read
	// from ("-" for standard input: the caller keeps a copy of it).
	Open func(path string) (io.ReadCloser, error)
	// Input are the options the first pass read with; UnitParagraph
	// reads the documents it cuts again with them, so that paragraphs
	// are split on the very same text.
	Input corpus.Options
	// Annotate keeps every document and adds wirecopy_cluster and
	// wirecopy_duplicate_of (UnitDocument only).
	Annotate bool
	// Removed, when not nil, receives one JSON line for every document
	// and paragraph dropped, and every record that could not be read.
	Removed io.Writer
}

// Write runs the second pass: it reads every input again and writes the
// kept records to out, in input order, each kept line byte for byte (but
// for its line ending, always \n), with UnitParagraph the text of a
// document that lost paragraphs rewritten, and with Annotate two fields
// added. It returns the number of records written.
func (r *Result) Write(out io.Writer, opts WriteOptions) (written int, err error) {
	w := &writer{r: r, opts: opts, out: out}
	if opts.Removed != nil {
		w.removed = json.NewEncoder(opts.Removed)
		w.removed.SetEscapeHTML(false)
	}
	defer w.close()
	short := r.short
	for i := 0; i <= len(r.Docs); i++ {
		// The short documents before Docs[i], then Docs[i].
		for len(short) > 0 && int(short[0].before) == i {
			if err := w.copyShort(r.inputs[short[0].input], short[0].line); err != nil {
				return w.written, err
			}
			short = short[1:]
		}
		if i < len(r.Docs) {
			if err := w.doc(i); err != nil {
				return w.written, err
			}
		}
	}
	return w.written, nil
}

type writer struct {
	r       *Result
	opts    WriteOptions
	out     io.Writer
	removed *json.Encoder
	written int

	path  string // the input being read again
	rc    io.ReadCloser
	lines *lineReader
}

// open returns the lines of the input path, opened once however many of
// its records are written in a row.
func (w *writer) open(path string) (*lineReader, error) {
	if w.lines != nil && w.path == path {
		return w.lines, nil
	}
	w.close()
	rc, err := w.opts.Open(path)
	if err != nil {
		return nil, fmt.Errorf("dedup: reading %s again: %w", path, err)
	}
	w.rc, w.path = rc, path
	var r io.Reader = rc
	if w.opts.Context != nil {
		r = ctxReader{w.opts.Context, rc}
	}
	if w.lines, err = newLineReader(r); err != nil {
		return nil, fmt.Errorf("dedup: reading %s again: %w", path, err)
	}
	return w.lines, nil
}

func (w *writer) close() {
	if w.rc != nil {
		w.rc.Close()
	}
	w.rc, w.lines, w.path = nil, nil, ""
}

// seek returns line n of the input path.
func (w *writer) seek(path string, n int) ([]byte, error) {
	lines, err := w.open(path)
	if err != nil {
		return nil, err
	}
	line, err := lines.seek(n)
	if err != nil {
		return nil, fmt.Errorf("dedup: reading %s again, line %d: %w (did the input change?)", path, n, err)
	}
	return line, nil
}

// doc writes the record Docs[i], or its removal.
func (w *writer) doc(i int) error {
	d := &w.r.Docs[i]
	if d.Line == 0 || d.Drop == Bad { // nothing to copy: a problem with the whole input, or a bad record (read past by the next seek)
		return w.writeRemoved(i, nil)
	}
	line, err := w.seek(d.Path, d.Line)
	if err != nil {
		return err
	}
	if err := w.record(i, line); err != nil {
		return fmt.Errorf("dedup: %s line %d: %w", d.Path, d.Line, err)
	}
	return nil
}

// copyShort copies the line of a short document, which is always kept.
func (w *writer) copyShort(path string, n int) error {
	line, err := w.seek(path, n)
	if err != nil {
		return err
	}
	if w.opts.Annotate {
		if line, err = annotate(line, 0, "", false); err != nil {
			return fmt.Errorf("dedup: %s line %d: %w", path, n, err)
		}
	}
	return w.line(line)
}

// ctxReader reads from r until ctx is done, then returns ctx's error.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// record writes one record's line, or its removal.
func (w *writer) record(i int, line []byte) error {
	d := &w.r.Docs[i]
	switch {
	case d.Drop == Bad || d.Drop == Duplicate && !w.opts.Annotate:
		return w.writeRemoved(i, nil)
	case w.opts.Annotate:
		dup := ""
		if d.DuplicateOf >= 0 {
			dup = w.r.Docs[d.DuplicateOf].ID
		}
		out, err := annotate(line, d.Cluster, dup, d.Drop == Duplicate)
		if err != nil {
			return err
		}
		return w.line(out)
	case d.removed == 0:
		return w.line(line)
	}
	// UnitParagraph: cut the removed paragraphs.
	doc, err := w.reread(line, d)
	if err != nil {
		return err
	}
	if err := w.writeRemoved(i, &doc); err != nil {
		return err
	}
	if d.Drop == Empty {
		return nil
	}
	out, err := replaceValue(line, w.opts.Input.TextField, cut(doc.Text, w.r.RemovedFrom(i)))
	if err != nil {
		return err
	}
	return w.line(out)
}

func (w *writer) line(b []byte) error {
	w.written++
	if _, err := w.out.Write(b); err != nil {
		return err
	}
	_, err := w.out.Write([]byte{'\n'})
	return err
}

// reread decodes a line as the first pass did. A line of valid UTF-8 read
// as UTF-8 (the usual case) has its text field decoded here, as package
// corpus decodes it (encoding/json, then \r\n read as \n); any other goes
// through corpus.Read again.
func (w *writer) reread(line []byte, d *Doc) (corpus.Document, error) {
	opts := w.opts.Input
	if (opts.Encoding == "" || opts.Encoding == "utf-8") && utf8.Valid(line) {
		if b, e, err := fieldValue(line, opts.TextField); err == nil {
			var text string
			if err := json.Unmarshal(line[b:e], &text); err == nil {
				return corpus.Document{ID: d.ID, Text: strings.ReplaceAll(text, "\r\n", "\n")}, nil
			}
		}
	}
	var doc corpus.Document
	n := 0
	opts.Format = corpus.FormatJSONL
	err := corpus.Read(bytes.NewReader(line), "line.jsonl", opts, func(x corpus.Document) error {
		doc = x
		n++
		return nil
	}, nil)
	if err == nil && n != 1 {
		err = errors.New("the record no longer reads")
	}
	if err == nil && doc.ID != d.ID {
		err = fmt.Errorf("id %q where the first pass read %q", doc.ID, d.ID)
	}
	return doc, err
}

// cut returns text without the removed paragraphs. Each kept paragraph is
// preceded by the separator that preceded it in text (the first by none).
func cut(text string, removed []Removal) string {
	spans := corpus.Paragraphs(text)
	drop := map[int]bool{}
	for _, r := range removed {
		drop[r.Paragraph] = true
	}
	var b strings.Builder
	for p, sp := range spans {
		if drop[p] {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(text[spans[p-1].End:sp.Begin])
		}
		b.WriteString(text[sp.Begin:sp.End])
	}
	return b.String()
}

// removedRecord is one line of the removed file. Its explanation fields
// are named as in scan's JSON report.
type removedRecord struct {
	ID          string     `json:"id,omitempty"`
	File        string     `json:"file"`
	Line        int        `json:"line,omitempty"`
	Reason      string     `json:"reason"`
	Paragraph   *int       `json:"paragraph,omitempty"`
	DuplicateOf string     `json:"duplicate_of,omitempty"`
	MatchedTo   *matchedTo `json:"matched_to,omitempty"`
	Similarity  *float64   `json:"similarity,omitempty"`
	Cluster     int        `json:"cluster,omitempty"`
	Translated  bool       `json:"translated,omitempty"`
	Words       *int       `json:"words,omitempty"`
	DocBegin    *int       `json:"doc_begin,omitempty"`
	DocEnd      *int       `json:"doc_end,omitempty"`
	Text        string     `json:"text,omitempty"`
	Error       string     `json:"error,omitempty"`
}

type matchedTo struct {
	Doc       string `json:"doc"`
	Paragraph *int   `json:"paragraph,omitempty"`
}

// writeRemoved writes the removed-file lines of record i; doc is its text
// for UnitParagraph.
func (w *writer) writeRemoved(i int, doc *corpus.Document) error {
	if w.removed == nil {
		return nil
	}
	d := &w.r.Docs[i]
	base := removedRecord{ID: d.ID, File: d.Path, Line: d.Line, Reason: d.Drop.String()}
	switch {
	case d.Drop == Bad:
		base.Error = d.Err
		return w.removed.Encode(base)
	case doc == nil: // a duplicate document
		kept := w.r.Docs[d.DuplicateOf].ID
		base.DuplicateOf, base.MatchedTo = kept, &matchedTo{Doc: kept}
		base.Similarity, base.Cluster, base.Translated = ptr(round4(d.Similarity)), d.Cluster, d.Translated
		return w.removed.Encode(base)
	}
	spans := corpus.Paragraphs(doc.Text)
	for _, rm := range w.r.RemovedFrom(i) {
		rec := base
		rec.Reason = Duplicate.String()
		kept := w.r.Docs[rm.KeptDoc].ID
		rec.Paragraph = ptr(rm.Paragraph)
		rec.DuplicateOf, rec.MatchedTo = kept, &matchedTo{Doc: kept, Paragraph: ptr(rm.KeptParagraph)}
		rec.Similarity, rec.Cluster, rec.Words, rec.Translated = ptr(round4(rm.Similarity)), rm.Cluster, ptr(rm.Words), rm.Translated
		if rm.Paragraph < len(spans) {
			sp := spans[rm.Paragraph]
			rec.DocBegin, rec.DocEnd, rec.Text = ptr(sp.Begin), ptr(sp.End), doc.Text[sp.Begin:sp.End]
		}
		if err := w.removed.Encode(rec); err != nil {
			return err
		}
	}
	if d.Drop == Empty {
		base.Words = ptr(d.KeptWords)
		return w.removed.Encode(base)
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

func round4(x float64) float64 { return float64(int(x*10000+0.5)) / 10000 }

// lineReader reads the lines of an input again, decompressed when it is
// gzip, numbered as package corpus numbers them.
type lineReader struct {
	br   *bufio.Reader
	line int // lines read
	long []byte
}

func newLineReader(r io.Reader) (*lineReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, err
		}
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	return &lineReader{br: br}, nil
}

// seek returns line n (after the current one), without its line ending;
// it is valid until the next call. The lines before it are read past, not
// kept, however long.
func (l *lineReader) seek(n int) ([]byte, error) {
	for {
		b, err := l.br.ReadSlice('\n')
		for err == bufio.ErrBufferFull && l.line+1 < n {
			b, err = l.br.ReadSlice('\n')
		}
		if err == bufio.ErrBufferFull {
			l.long = append(l.long[:0], b...)
			for err == bufio.ErrBufferFull {
				b, err = l.br.ReadSlice('\n')
				l.long = append(l.long, b...)
			}
			b = l.long
		}
		if err != nil && (err != io.EOF || len(b) == 0) {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		l.line++
		if l.line < n {
			continue
		}
		b = bytes.TrimSuffix(b, []byte{'\n'})
		b = bytes.TrimSuffix(b, []byte{'\r'})
		if l.line == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		}
		return b, nil
	}
}
