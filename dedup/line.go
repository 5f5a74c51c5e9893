package dedup

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// The second pass edits JSONL lines as bytes, so that every field of a
// kept record, its order, spacing and escapes stay as they were: only the
// text field's value is replaced (UnitParagraph) or two fields are added
// before the closing brace (annotation).

// fieldValue returns the byte range [begin, end) of the value of the
// top-level field name in the JSON object line. Keys are compared as
// package corpus reads them (encoding/json's rules): an exact match wins,
// else one equal under case folding; of several equal keys the last
// counts.
func fieldValue(line []byte, name string) (begin, end int, err error) {
	i := skipSpace(line, 0)
	if i >= len(line) || line[i] != '{' {
		return 0, 0, errors.New("not a JSON object")
	}
	i++
	exact, folded := false, false
	for {
		i = skipSpace(line, i)
		if i < len(line) && line[i] == '}' {
			break
		}
		if i >= len(line) || line[i] != '"' {
			return 0, 0, errors.New("malformed JSON object")
		}
		kend, err := skipString(line, i)
		if err != nil {
			return 0, 0, err
		}
		key, err := decodeKey(line[i:kend])
		if err != nil {
			return 0, 0, err
		}
		i = skipSpace(line, kend)
		if i >= len(line) || line[i] != ':' {
			return 0, 0, errors.New("malformed JSON object: no colon after a key")
		}
		vbeg := skipSpace(line, i+1)
		vend, err := skipValue(line, vbeg)
		if err != nil {
			return 0, 0, err
		}
		switch {
		case key == name:
			begin, end, exact = vbeg, vend, true
		case !exact && strings.EqualFold(key, name):
			begin, end, folded = vbeg, vend, true
		}
		i = skipSpace(line, vend)
		if i < len(line) && line[i] == ',' {
			i++
			continue
		}
		if i >= len(line) || line[i] != '}' {
			return 0, 0, errors.New("malformed JSON object: no comma or closing brace after a value")
		}
		break
	}
	if !exact && !folded {
		return 0, 0, fmt.Errorf("no field %q", name)
	}
	return begin, end, nil
}

func decodeKey(raw []byte) (string, error) {
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1 : len(raw)-1]), nil
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// skipString returns the end of the JSON string starting at b[i] == '"'.
func skipString(b []byte, i int) (int, error) {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1, nil
		}
	}
	return 0, errors.New("malformed JSON: unterminated string")
}

// skipValue returns the end of the JSON value starting at b[i].
func skipValue(b []byte, i int) (int, error) {
	if i >= len(b) {
		return 0, errors.New("malformed JSON: missing value")
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				end, err := skipString(b, j)
				if err != nil {
					return 0, err
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
			}
		}
		return 0, errors.New("malformed JSON: unclosed object or array")
	}
	j := i
	for j < len(b) && !strings.ContainsRune(" \t\r\n,}]", rune(b[j])) {
		j++
	}
	if j == i {
		return 0, errors.New("malformed JSON: missing value")
	}
	return j, nil
}

// replaceValue returns line with the value of field name replaced by the
// JSON string text.
func replaceValue(line []byte, name, text string) ([]byte, error) {
	begin, end, err := fieldValue(line, name)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(line)-(end-begin)+len(text)+16)
	out = append(out, line[:begin]...)
	out = appendJSONString(out, text)
	return append(out, line[end:]...), nil
}

// appendJSONString appends s as a JSON string. Unlike json.Marshal it
// leaves <, > and & as they are, as most writers of corpora do.
func appendJSONString(dst []byte, s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return append(dst, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// annotate returns line with the fields wirecopy_cluster and
// wirecopy_duplicate_of added before its closing brace: the cluster
// number, or null when the document is in no cluster, and the id of the
// document kept in its place, or null.
func annotate(line []byte, cluster int, duplicateOf string, isDuplicate bool) ([]byte, error) {
	t := bytes.TrimRight(line, " \t\r")
	if len(t) < 2 || t[len(t)-1] != '}' || bytes.TrimLeft(t, " \t")[0] != '{' {
		return nil, errors.New("not a JSON object")
	}
	close := len(t) - 1
	out := make([]byte, 0, len(line)+80)
	out = append(out, t[:close]...)
	if body := bytes.TrimRight(t[:close], " \t\r\n"); len(body) > 0 && body[len(body)-1] != '{' {
		out = append(out, ',')
	}
	out = append(out, `"wirecopy_cluster":`...)
	if cluster > 0 {
		out = fmt.Appendf(out, "%d", cluster)
	} else {
		out = append(out, "null"...)
	}
	out = append(out, `,"wirecopy_duplicate_of":`...)
	if isDuplicate {
		out = appendJSONString(out, duplicateOf)
	} else {
		out = append(out, "null"...)
	}
	return append(out, t[close:]...), nil
}
