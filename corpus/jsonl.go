package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// readJSONL reads one document per line. Lines are read with a
// bufio.Reader rather than a bufio.Scanner, whose 64 KiB token limit real
// dumps exceed; Options.MaxRecordBytes bounds them instead. A line over
// the limit is skipped, unread, like any other bad record, and reading
// goes on with the next one.
func (rd *reader) readJSONL(br *bufio.Reader) error {
	var long []byte // assembles lines longer than the read buffer
	rec := newJSONFields(rd.idField, rd.textField)
	for line := 1; ; line++ {
		line += skipBlankLines(br)
		b, tooLong, err := readLine(br, &long, rd.max)
		if err != nil && err != io.EOF {
			return rd.fail(line, err)
		}
		switch {
		case tooLong:
			rd.warn(line, fmt.Errorf("line %w: longer than the limit of %s", ErrTooLarge, formatBytes(int64(rd.max))))
		case len(bytes.TrimSpace(b)) > 0:
			doc, ok := rd.jsonRecord(b, line, rec)
			if ok {
				if err := rd.fn(doc); err != nil {
					return err
				}
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// skipBlankLines discards the empty lines (\n or \r\n) at the head of br's
// buffer and returns how many there were. A run of blank lines, such as a
// gzip stream of newlines, then costs a byte comparison each rather than a
// call to readLine.
func skipBlankLines(br *bufio.Reader) int {
	lines := 0
	for {
		buf, _ := br.Peek(br.Buffered())
		i := 0
		for i < len(buf) && (buf[i] == '\n' || buf[i] == '\r' && i+1 < len(buf) && buf[i+1] == '\n') {
			if buf[i] == '\n' {
				lines++
			}
			i++
		}
		br.Discard(i)
		if i == 0 || i < len(buf) {
			return lines
		}
		if _, err := br.Peek(1); err != nil { // refill; an error is met again by readLine
			return lines
		}
	}
}

// readLine returns the next line of br without its line ending. The line is
// valid until the next call; buf holds lines longer than br's buffer. A
// line longer than max is read to its end but not kept: readLine returns
// tooLong and no bytes. At the end of the stream it returns the last line,
// possibly empty, with io.EOF.
func readLine(br *bufio.Reader, buf *[]byte, max int) (line []byte, tooLong bool, err error) {
	if cap(*buf) > 1<<20 {
		*buf = nil // let one huge line's memory go
	}
	b, err := br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		*buf = append((*buf)[:0], b...)
		for err == bufio.ErrBufferFull {
			if len(*buf) > max+2 { // +2: the line ending does not count
				*buf = (*buf)[:0]
				for err == bufio.ErrBufferFull {
					_, err = br.ReadSlice('\n')
				}
				return nil, true, err
			}
			b, err = br.ReadSlice('\n')
			*buf = append(*buf, b...)
		}
		b = *buf
	}
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
		}
	}
	if len(b) > max {
		return nil, true, err
	}
	return b, false, err
}

// jsonRecord decodes the JSONL record b at line into a document; it warns
// and returns false when the record must be skipped.
func (rd *reader) jsonRecord(b []byte, line int, rec *jsonFields) (Document, bool) {
	b, ok := rd.text(b, line, "")
	if !ok {
		return Document{}, false
	}
	if c := bytes.TrimLeft(b, " \t\r\n"); c[0] != '{' {
		rd.warn(line, errors.New("not a JSON object"))
		return Document{}, false
	}
	if err := rec.decode(b); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) { // only the text has a type to mismatch
			rd.warn(line, fmt.Errorf("field %q: not a string: %s", rd.textField, te.Value))
		} else {
			rd.warn(line, fmt.Errorf("malformed JSON: %w", err))
		}
		return Document{}, false
	}

	id, err := jsonID(*rec.id)
	if err != nil {
		rd.warn(line, fmt.Errorf("field %q: %w", rd.idField, err))
		return Document{}, false
	}
	if strings.TrimSpace(id) == "" {
		rd.warn(line, fmt.Errorf("missing %s", rd.idField))
		return Document{}, false
	}
	switch {
	case *rec.text == nil:
		rd.warn(line, fmt.Errorf("missing %s", rd.textField))
		return Document{}, false
	case isBlank(**rec.text):
		rd.warn(line, fmt.Errorf("empty %s", rd.textField))
		return Document{}, false
	}

	doc := Document{ID: id, Text: normalizeNewlines(**rec.text), Path: rd.name, Line: line}
	// Optional fields: a value of the wrong type is warned about and
	// ignored, the document is kept.
	opt := func(i int) string {
		if rec.opt[i] == nil {
			return ""
		}
		s, _, err := jsonString(*rec.opt[i])
		if err != nil {
			rd.warn(line, fmt.Errorf("field %q: %w", optionalFields[i], err))
		}
		return strings.TrimSpace(s)
	}
	source := opt(0)
	doc.URL = opt(1)
	doc.Title = opt(2)
	doc.Lang = opt(3)
	doc.Date = rd.date(line, opt(4))
	doc.Source = rd.source(source, doc.URL)
	return doc, true
}

// optionalFields are the record fields read besides the id and the text.
var optionalFields = [5]string{"source", "url", "title", "lang", "date"}

// jsonFields is the shape of a JSONL record. It is a struct built at run
// time, since Options name the id and text fields: decoding into a struct
// validates a line once and copies only the text, where a map of raw
// values validates and copies it twice; that doubles the throughput on
// article-sized records. As with any struct, encoding/json matches keys
// case-insensitively and skips fields it is not asked for.
type jsonFields struct {
	ptr  any          // pointer to the struct: Unmarshal's target
	id   *rawValue    // the id as written
	text **string     // nil when absent or null
	opt  [5]*rawValue // optionalFields; nil when one is the id or text field

	keys []jsonKey // the fields' names in struct order, for decodeFast
	buf  []byte    // decodeFast unquotes the text in it
}

func newJSONFields(idField, textField string) *jsonFields {
	rawType := reflect.TypeFor[rawValue]()
	tag := func(name string) reflect.StructTag {
		return reflect.StructTag("json:" + strconv.Quote(name))
	}
	fields := []reflect.StructField{
		{Name: "ID", Type: rawType, Tag: tag(idField)},
		{Name: "Text", Type: reflect.TypeFor[*string](), Tag: tag(textField)},
	}
	var optIndex [5]int
	for i, name := range optionalFields {
		if strings.EqualFold(name, idField) || strings.EqualFold(name, textField) {
			continue
		}
		optIndex[i] = len(fields)
		fields = append(fields, reflect.StructField{Name: "Opt" + strconv.Itoa(i), Type: rawType, Tag: tag(name)})
	}
	v := reflect.New(reflect.StructOf(fields)).Elem()
	f := &jsonFields{
		ptr:  v.Addr().Interface(),
		id:   v.Field(0).Addr().Interface().(*rawValue),
		text: v.Field(1).Addr().Interface().(**string),
	}
	for i, j := range optIndex {
		if j > 0 {
			f.opt[i] = v.Field(j).Addr().Interface().(*rawValue)
		}
	}
	for i, sf := range fields {
		name := sf.Tag.Get("json")
		if name == "-" { // encoding/json leaves such a field out
			continue
		}
		slot := i
		if i >= slotOpt {
			slot = slotOpt + slices.Index(optIndex[:], i)
		}
		f.keys = append(f.keys, jsonKey{name: name, folded: string(foldKey(nil, []byte(name))), slot: slot})
	}
	return f
}

// decode decodes the record b into f's fields: on decodeFast's path
// (jsonscan.go) when the record has the common shape, else, and for every
// error, with json.Unmarshal.
func (f *jsonFields) decode(b []byte) error {
	f.reset()
	if f.decodeFast(b) {
		return nil
	}
	f.reset()
	return json.Unmarshal(b, f.ptr)
}

// reset clears the fields before a line is decoded: keys absent from the
// line must not keep the previous line's values.
func (f *jsonFields) reset() {
	*f.id, *f.text = nil, nil
	for _, o := range f.opt {
		if o != nil {
			*o = nil
		}
	}
}

// rawValue is a JSON value as written in the line, not copied: it is only
// valid until the next line is read.
type rawValue []byte

func (r *rawValue) UnmarshalJSON(b []byte) error {
	*r = b
	return nil
}

// validFieldName reports whether a field can be named in Options:
// encoding/json takes any letters, digits, spaces and punctuation but for
// quotes, backslashes and commas.
func validFieldName(s string) bool {
	for _, c := range s {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && !strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c) {
			return false
		}
	}
	return true
}

// jsonString decodes a string field; ok is false when the field is absent
// or null.
func jsonString(raw []byte) (s string, ok bool, err error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", false, nil
	}
	if raw[0] != '"' {
		return "", false, fmt.Errorf("not a string: %s", abbrev(raw))
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		// No escapes: raw has been validated as part of its line, so
		// the text between the quotes is the string.
		return string(raw[1 : len(raw)-1]), true, nil
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false, err
	}
	return s, true, nil
}

// jsonID decodes an id field, a string or a number (kept as written).
func jsonID(raw []byte) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch c := raw[0]; {
	case c == '"':
		s, _, err := jsonString(raw)
		return s, err
	case c == '-' || '0' <= c && c <= '9':
		return string(raw), nil
	}
	return "", fmt.Errorf("not a string or number: %s", abbrev(raw))
}

// abbrev shortens a JSON value for an error message.
func abbrev(raw []byte) string {
	const max = 20
	if len(raw) <= max {
		return string(raw)
	}
	n := max
	for n > 0 && !utf8.RuneStart(raw[n]) {
		n--
	}
	return string(raw[:n]) + "..."
}
