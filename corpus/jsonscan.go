package corpus

// This file is the fast path of jsonFields.decode. json.Unmarshal scans a
// line twice (once to validate it, once to decode it) a byte at a time
// through a state machine, then unquotes the text a rune at a time: 160
// MB/s on article-sized records (BenchmarkDecodeJSONL), 15-19% of the CPU
// time of a dedup run. decodeFast scans the line once, eight bytes at a
// time inside strings, and copies the text between its escapes: 800-1000
// MB/s, and a dedup of 20 MB spends 20 ms decoding where it spent 160 ms.
//
// It takes the common shape of a record: one object whose keys are written
// without escapes. It validates the whole line as json.Unmarshal does
// (white space, literals, numbers, strings, nested values, nothing after the
// object), matches keys to fields as encoding/json does (an exact match
// first, else the first field equal under Unicode case folding; the last of
// duplicate keys wins), keeps the id and optional fields as written and
// unquotes the text as json.Unmarshal does, \u surrogates included.
// Whatever it is not sure of it leaves to json.Unmarshal, which then gives
// the same result or the same error as ever: a line that is not valid JSON,
// a key with an escape or with bytes that are not UTF-8, a text field that
// is not a string or null, a text with bytes that are not UTF-8 (which
// json.Unmarshal would replace; jsonRecord has made every line UTF-8
// already), nesting deeper than jsonMaxDepth. FuzzDecodeJSON holds the
// two paths to the same fields.

import (
	"bytes"
	"encoding/binary"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonMaxDepth is how deeply values may nest in a record decoded on the fast
// path: records hold flat metadata, and a bound keeps the recursion of
// skipValue shallow on hostile input. Deeper records are left to
// json.Unmarshal, which allows 10000 levels.
const jsonMaxDepth = 100

// jsonKey is a field name a record is decoded for.
type jsonKey struct {
	name   string // as tagged in the struct
	folded string // name under foldKey: how encoding/json matches a key without case
	slot   int    // slotID, slotText, or slotOpt+i for optionalFields[i]
}

const (
	slotID = iota
	slotText
	slotOpt
)

// decodeFast decodes the record b into f, which must be reset, as
// json.Unmarshal(b, f.ptr) does, and reports whether it could; when it
// could not, f holds a partial record.
func (f *jsonFields) decodeFast(b []byte) bool {
	i := skipSpace(b, 0)
	if i == len(b) || b[i] != '{' {
		return false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return skipSpace(b, i+1) == len(b)
	}
	for {
		if i == len(b) || b[i] != '"' {
			return false
		}
		end, escaped, high := scanString(b, i)
		if end < 0 || escaped {
			return false
		}
		key := b[i+1 : end-1]
		if high && !utf8.Valid(key) {
			return false
		}
		slot := f.field(key)
		if i = skipSpace(b, end); i == len(b) || b[i] != ':' {
			return false
		}
		i = skipSpace(b, i+1)
		if slot == slotText {
			if end = f.decodeText(b, i); end < 0 {
				return false
			}
		} else {
			if end = skipValue(b, i, 1); end < 0 {
				return false
			}
			switch {
			case slot == slotID:
				*f.id = b[i:end]
			case slot >= slotOpt:
				*f.opt[slot-slotOpt] = b[i:end]
			}
		}
		i = skipSpace(b, end)
		if i == len(b) {
			return false
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case '}':
			return skipSpace(b, i+1) == len(b)
		default:
			return false
		}
	}
}

// field returns the slot of the field that encoding/json would store the
// value of key in, or -1.
func (f *jsonFields) field(key []byte) int {
	for _, k := range f.keys {
		if string(key) == k.name {
			return k.slot
		}
	}
	var buf [32]byte
	folded := foldKey(buf[:0], key)
	for _, k := range f.keys {
		if string(folded) == k.folded {
			return k.slot
		}
	}
	return -1
}

// decodeText stores the text value at b[i:] (a string, or null) and returns
// the offset past it; -1 when the value is something else, is not valid
// JSON, or holds bytes that are not UTF-8.
func (f *jsonFields) decodeText(b []byte, i int) int {
	if bytes.HasPrefix(b[i:], []byte("null")) {
		*f.text = nil
		return i + len("null")
	}
	if i == len(b) || b[i] != '"' {
		return -1
	}
	end, escaped, high := scanString(b, i)
	if end < 0 {
		return -1
	}
	raw := b[i+1 : end-1]
	if high && !utf8.Valid(raw) {
		return -1
	}
	var s string
	if escaped {
		// Unquoted in a buffer, then copied: a string the size of raw
		// would hold up to three times the text's memory.
		if cap(f.buf) > 1<<20 {
			f.buf = nil // let one huge text's memory go
		}
		f.buf = appendUnquoted(f.buf[:0], raw)
		s = string(f.buf)
	} else {
		s = string(raw)
	}
	*f.text = &s
	return end
}

// skipSpace returns the offset of the first byte of b from i on that is not
// JSON white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the offset past the JSON value at b[i:], at the given
// depth of nesting; -1 when there is no valid value there.
func skipValue(b []byte, i, depth int) int {
	if i == len(b) {
		return -1
	}
	switch c := b[i]; {
	case c == '"':
		end, _, _ := scanString(b, i)
		return end
	case c == '{' || c == '[':
		if depth == jsonMaxDepth {
			return -1
		}
		closing := byte('}')
		if c == '[' {
			closing = ']'
		}
		i = skipSpace(b, i+1)
		if i < len(b) && b[i] == closing {
			return i + 1
		}
		for {
			if c == '{' {
				if i == len(b) || b[i] != '"' {
					return -1
				}
				if i, _, _ = scanString(b, i); i < 0 {
					return -1
				}
				if i = skipSpace(b, i); i == len(b) || b[i] != ':' {
					return -1
				}
				i = skipSpace(b, i+1)
			}
			if i = skipValue(b, i, depth+1); i < 0 {
				return -1
			}
			if i = skipSpace(b, i); i == len(b) {
				return -1
			}
			switch b[i] {
			case ',':
				i = skipSpace(b, i+1)
			case closing:
				return i + 1
			default:
				return -1
			}
		}
	case c == 't':
		return skipLiteral(b, i, "true")
	case c == 'f':
		return skipLiteral(b, i, "false")
	case c == 'n':
		return skipLiteral(b, i, "null")
	case c == '-' || '0' <= c && c <= '9':
		return skipNumber(b, i)
	}
	return -1
}

func skipLiteral(b []byte, i int, lit string) int {
	if !bytes.HasPrefix(b[i:], []byte(lit)) {
		return -1
	}
	return i + len(lit)
}

// skipNumber returns the offset past the JSON number at b[i:], or -1:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func skipNumber(b []byte, i int) int {
	if b[i] == '-' {
		i++
	}
	switch {
	case i == len(b):
		return -1
	case b[i] == '0':
		i++
	default:
		if i = skipDigits(b, i); i < 0 {
			return -1
		}
	}
	if i < len(b) && b[i] == '.' {
		if i = skipDigits(b, i+1); i < 0 {
			return -1
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i = skipDigits(b, i); i < 0 {
			return -1
		}
	}
	return i
}

// skipDigits returns the offset past the one or more digits at b[i:], or
// -1 when there is none.
func skipDigits(b []byte, i int) int {
	j := i
	for j < len(b) && '0' <= b[j] && b[j] <= '9' {
		j++
	}
	if j == i {
		return -1
	}
	return j
}

// Masks for testing eight bytes at once (a uint64) for bytes of interest:
// x-ones&^x&highs has a high bit set if and only if a byte of x is zero.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// scanString returns the offset past the JSON string at b[i:], which starts
// with a quote, or -1 when it is not a valid string (unterminated, a control
// character, a bad escape); and whether it holds escapes, and bytes past
// ASCII.
func scanString(b []byte, i int) (end int, escaped, high bool) {
	i++
	var or uint64 // the bytes skipped eight at a time, or'ed
	for {
		// Skip eight bytes at a time while none is a quote, a
		// backslash or a control character.
		for ; i+8 <= len(b); i += 8 {
			x := binary.LittleEndian.Uint64(b[i:])
			q := x ^ (ones * '"')
			e := x ^ (ones * '\\')
			if ((q-ones)&^q|(e-ones)&^e|(x-ones*0x20)&^x)&highs != 0 {
				break
			}
			or |= x
		}
		high = high || or&highs != 0
		for ; i < len(b); i++ {
			c := b[i]
			if c == '"' || c == '\\' || c < 0x20 {
				break
			}
			if c >= utf8.RuneSelf {
				high = true
			}
		}
		switch {
		case i == len(b) || b[i] < 0x20:
			return -1, false, false
		case b[i] == '"':
			return i + 1, escaped, high
		}
		// A backslash.
		escaped = true
		if i+1 == len(b) {
			return -1, false, false
		}
		switch b[i+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i += 2
		case 'u':
			if i+6 > len(b) || hex4(b[i+2:i+6]) < 0 {
				return -1, false, false
			}
			i += 6
		default:
			return -1, false, false
		}
	}
}

// hex4 returns the value of the four hex digits of b, or -1.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// appendUnquoted appends the string s, the valid content of a JSON string
// literal, with its escapes decoded as json.Unmarshal decodes them: a \u
// escape of a surrogate that does not pair with the next one is U+FFFD.
func appendUnquoted(dst, s []byte) []byte {
	for {
		j := bytes.IndexByte(s, '\\')
		if j < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:j]...)
		switch c := s[j+1]; c {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r := hex4(s[j+2:])
			s = s[j+6:]
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if len(s) >= 6 && s[0] == '\\' && s[1] == 'u' {
					r2 = hex4(s[2:])
				}
				if r = utf16.DecodeRune(r, r2); r != unicode.ReplacementChar {
					s = s[6:]
				}
			}
			dst = utf8.AppendRune(dst, r)
			continue
		default: // " \ /
			dst = append(dst, c)
		}
		s = s[j+2:]
	}
}

// foldKey appends key in the form in which encoding/json compares a key
// with a field name when their bytes differ: every rune replaced by the
// smallest of the runes it case-folds to (unicode.SimpleFold runs
// through them in a cycle), so "text", "TEXT" and "Text" all become
// "TEXT", and the Kelvin sign becomes "K". Bytes that are not UTF-8
// become U+FFFD, as when encoding/json decodes them.
func foldKey(dst, key []byte) []byte {
	for _, r := range string(key) {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' {
				r -= 'a' - 'A'
			}
			dst = append(dst, byte(r))
			continue
		}
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		dst = utf8.AppendRune(dst, least)
	}
	return dst
}
