package corpus

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// csvSlack is how far past the limit the CSV reader may read ahead before
// the stream is cut: encoding/csv buffers 4 KiB beyond the record it
// returns, so a record within the limit never reaches the cut; the exact
// check is made on the record's size once it is read.
const csvSlack = 64 << 10

// readCSV reads a header row, then one document per record. A record
// over the limit is skipped, like any other bad record: the reader cuts
// it off at the limit and skips its rest (skipRecord), and reading goes on
// with the next one.
func (rd *reader) readCSV(r *bufio.Reader) error {
	lim := &limitReader{r: r}
	cr := csv.NewReader(lim)
	cr.ReuseRecord = true
	var prevEnd int64 // input offset after the last record
	nextLine := 1     // the line after the last record
	shift := 0        // lines skipped by skipRecord, which cr did not count

	// next reads a record and the line it starts on. Its error is a
	// *csv.ParseError for a malformed record, errRecordTooLarge for one
	// over the limit (then skipped), io.EOF at the end, or a stream
	// error.
	next := func() (rec []string, line int, err error) {
		lim.end = prevEnd + int64(rd.max) + csvSlack
		lim.keepFrom(prevEnd)
		rec, err = cr.Read()
		for lim.cut && err == io.EOF && lim.blank(prevEnd) {
			// Cut off among blank lines, which cr skips: read on. cr
			// counted a line for the end it met.
			lim.cut = false
			shift--
			prevEnd = cr.InputOffset()
			lim.end = prevEnd + int64(rd.max) + csvSlack
			rec, err = cr.Read()
		}
		line = nextLine
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			line = pe.StartLine + shift
		} else if len(rec) > 0 {
			line, _ = cr.FieldPos(0)
			line += shift
		}
		if lim.cut {
			// Cut off at the limit: skip the rest of the record in the
			// stream below cr, then let cr read on from the next one.
			lines, err := lim.skipRecord(prevEnd)
			if err != nil {
				return nil, line, rd.fail(line, err)
			}
			shift += lines
			prevEnd = cr.InputOffset()
			nextLine = line + 1 // at least; cr's next record says where
			return nil, line, errRecordTooLarge
		}
		if len(rec) > 0 && cr.InputOffset()-prevEnd-lim.blankHead(prevEnd) > int64(rd.max) {
			prevEnd = cr.InputOffset()
			return nil, line, errRecordTooLarge
		}
		prevEnd = cr.InputOffset()
		if len(rec) > 0 {
			last, _ := cr.FieldPos(len(rec) - 1)
			nextLine = last + shift + strings.Count(rec[len(rec)-1], "\n") + 1
		}
		if pe != nil {
			nextLine = max(nextLine, pe.Line+shift+1)
		} else if err != nil && err != io.EOF {
			return nil, line, rd.fail(line, err)
		}
		return rec, line, err
	}
	tooLarge := fmt.Errorf("record %w: longer than the limit of %s", ErrTooLarge, formatBytes(int64(rd.max)))

	header, line, err := next()
	var pe *csv.ParseError
	switch {
	case err == errRecordTooLarge: // the columns must be known
		return rd.fail(line, tooLarge)
	case err == io.EOF: // only blank lines
		rd.warn(0, errEmptyFile)
		return nil
	case errors.As(err, &pe):
		return rd.fail(line, fmt.Errorf("header: %w", pe.Err))
	case err != nil:
		return err
	}
	header = slices.Clone(header) // cr reuses the slice
	cols := make(map[string]int, len(header))
	for i, h := range header {
		header[i] = strings.TrimSpace(h)
		h = strings.ToLower(header[i])
		if _, dup := cols[h]; !dup {
			cols[h] = i
		}
	}
	col := func(name string) int {
		if i, ok := cols[strings.ToLower(strings.TrimSpace(name))]; ok {
			return i
		}
		return -1
	}
	idCol, textCol := col(rd.idField), col(rd.textField)
	for _, c := range []struct {
		name string
		i    int
	}{{rd.idField, idCol}, {rd.textField, textCol}} {
		if c.i < 0 {
			return rd.fail(line, fmt.Errorf("header has no %q column", c.name))
		}
	}
	sourceCol, dateCol, langCol, urlCol, titleCol := col("source"), col("date"), col("lang"), col("url"), col("title")
	used := []int{idCol, textCol, sourceCol, dateCol, langCol, urlCol, titleCol}

	for {
		rec, line, err := next()
		switch {
		case err == io.EOF:
			return nil
		case err == errRecordTooLarge:
			rd.warn(line, tooLarge)
			continue
		case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount):
			rd.warn(line, fmt.Errorf("row has %d fields, header has %d", len(rec), len(header)))
			continue
		case errors.As(err, &pe):
			rd.warn(line, pe.Err)
			continue
		case err != nil:
			return err
		}
		keepOnly(rec, used)
		doc, ok := rd.csvRecord(header, rec, line, idCol, textCol)
		if !ok {
			continue
		}
		get := func(i int) string {
			if i < 0 {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		doc.URL, doc.Title, doc.Lang = get(urlCol), get(titleCol), get(langCol)
		doc.Date = rd.date(line, get(dateCol))
		doc.Source = rd.source(get(sourceCol), doc.URL)
		if err := rd.fn(doc); err != nil {
			return err
		}
	}
}

// csvUnusedMax is how many bytes of columns not read a record may hold
// before the columns read are copied out of it: encoding/csv returns a
// record's fields as parts of one string, so a document keeping its text
// would otherwise keep, say, a column of page HTML alive too.
const csvUnusedMax = 4 << 10

// keepOnly copies the used fields of rec when the others are large.
func keepOnly(rec []string, used []int) {
	n := 0
	for _, f := range rec {
		n += len(f)
	}
	for _, i := range used {
		if i >= 0 {
			n -= len(rec[i])
		}
	}
	if n <= csvUnusedMax {
		return
	}
	for _, i := range used {
		if i >= 0 {
			rec[i] = strings.Clone(rec[i])
		}
	}
}

// csvRecord checks a record's encoding, id and text; it warns and returns
// false when the record must be skipped. Fields are decoded in place (see
// reader.text), and a NUL byte in any field, which no text holds, skips
// the record.
func (rd *reader) csvRecord(header, rec []string, line, idCol, textCol int) (Document, bool) {
	for i, f := range rec {
		if j := strings.IndexByte(f, 0); j >= 0 {
			rd.warn(line, fmt.Errorf("field %q: NUL byte at offset %d", header[i], j))
			return Document{}, false
		}
		if !utf8.ValidString(f) {
			b, ok := rd.text([]byte(f), line, fmt.Sprintf("field %q: ", header[i]))
			if !ok {
				return Document{}, false
			}
			rec[i] = string(b)
		}
	}
	id, text := rec[idCol], rec[textCol]
	if strings.TrimSpace(id) == "" {
		rd.warn(line, fmt.Errorf("missing %s", rd.idField))
		return Document{}, false
	}
	if isBlank(text) {
		rd.warn(line, fmt.Errorf("empty %s", rd.textField))
		return Document{}, false
	}
	return Document{ID: id, Text: normalizeNewlines(text), Path: rd.name, Line: line}, true
}

// errRecordTooLarge is returned by readCSV's next for a record over the
// limit.
var errRecordTooLarge = errors.New("record too large")

// limitReader ends the stream once more than end bytes have been read,
// and records that it did: encoding/csv then ends the record at hand
// (reporting its line) instead of buffering without bound. readCSV moves
// end forward after every record. It keeps the bytes read since the
// start of the current record, so that a record cut off can be skipped.
type limitReader struct {
	r   *bufio.Reader
	n   int64 // bytes read so far
	end int64
	cut bool // the stream was cut at end

	held     []byte // the bytes read from offset heldFrom on
	heldFrom int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	room := l.end - l.n
	if room <= 0 {
		l.cut = true
		return 0, io.EOF
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := l.r.Read(p)
	l.held = append(l.held, p[:n]...)
	l.n += int64(n)
	return n, err
}

// keepFrom lets the bytes before offset go.
func (l *limitReader) keepFrom(offset int64) {
	if drop := offset - l.heldFrom; drop > 0 {
		l.held = l.held[min(drop, int64(len(l.held))):]
		l.heldFrom = offset
		if cap(l.held) > 2*csvSlack && len(l.held) < cap(l.held)/4 {
			l.held = append([]byte(nil), l.held...) // let a long record's memory go
		}
	}
}

// skipRecord skips the rest of a record that starts at offset start and
// was cut off at the limit, reading the stream below the CSV reader up to
// the line break that ends the record: the first one outside quotes, as
// the quotes read so far count (encoding/csv refuses a quote inside an
// unquoted field, so an odd count means a quoted field is open). It
// returns how many lines the CSV reader will not count: the line breaks
// skipped, less one when the cut fell inside a line, which the reader
// counted already, and less one when it fell inside quotes, where the
// reader counted one more line in looking for the closing quote. Then the
// stream is open again.
func (l *limitReader) skipRecord(start int64) (lines int, err error) {
	read := l.held[min(max(start-l.heldFrom, 0), int64(len(l.held))):]
	quoted := bytes.Count(read, []byte{'"'})%2 == 1
	if len(read) > 0 && read[len(read)-1] != '\n' {
		lines--
	}
	if quoted {
		lines-- // the CSV reader counted a line more, looking for the closing quote
	}
	l.held, l.heldFrom, l.cut = l.held[:0], l.n, false
	if cap(l.held) > 2*csvSlack {
		l.held = nil // let the long record's memory go
	}
	for {
		b, err := l.r.ReadSlice('\n')
		if bytes.Count(b, []byte{'"'})%2 == 1 {
			quoted = !quoted
		}
		if len(b) > 0 && b[len(b)-1] == '\n' {
			lines++
			if !quoted {
				return lines, nil
			}
		}
		switch err {
		case nil, bufio.ErrBufferFull:
		case io.EOF:
			return lines, nil
		default:
			return 0, err
		}
	}
}

// blankHead returns the number of line breaks read from offset start on
// before the next record, which cr skipped: they are not part of its size.
func (l *limitReader) blankHead(start int64) int64 {
	read := l.held[min(max(start-l.heldFrom, 0), int64(len(l.held))):]
	return int64(len(read) - len(bytes.TrimLeft(read, "\r\n")))
}

// blank reports whether the bytes read since offset start are only line
// breaks and spaces: the CSV reader was cut off while skipping blank
// lines, not inside a record.
func (l *limitReader) blank(start int64) bool {
	read := l.held[min(max(start-l.heldFrom, 0), int64(len(l.held))):]
	return len(bytes.TrimSpace(read)) == 0
}
