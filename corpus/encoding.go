package corpus

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
)

// How input bytes become text. Documents are UTF-8 inside wirecopy; a
// stream is decoded by the first of these rules that applies:
//
//  1. A byte order mark: UTF-8's is dropped, UTF-16's (little- or
//     big-endian) decode the stream from UTF-16. It wins over everything
//     else, as in the WHATWG Encoding Standard.
//  2. Options.Encoding, when set, is the encoding of every input. With
//     "utf-8" the bytes must be UTF-8: a record or file that is not is
//     skipped with a warning naming the first invalid byte.
//  3. An HTML page that is not valid UTF-8 is decoded as its
//     <meta charset> (or <meta http-equiv=Content-Type>) says. A page
//     that is valid UTF-8 is read as UTF-8 whatever it declares: scraped
//     pages are often stored re-encoded with their old declaration kept,
//     and text in a legacy encoding is almost never valid UTF-8 by chance.
//  4. Otherwise valid UTF-8 is read as it is, and every byte that is not
//     part of a valid UTF-8 sequence is read as windows-1252 (the superset
//     of ISO 8859-1 that Western European legacy text is in practice, and
//     that the WHATWG standard reads "iso-8859-1" and "latin1" as). Text
//     is never dropped or replaced by U+FFFD, and a note says, once per
//     file, which record and byte offset it first happened at.
//
// The NUL check that skips binary files runs on the decoded text, so
// UTF-16 with a byte order mark passes it; UTF-16 without one is taken for
// binary, with a hint to name its encoding.

// ParseEncoding returns the canonical name of the encoding named s: any
// label of the WHATWG Encoding Standard ("utf-8", "utf-16le",
// "windows-1252", "latin1", "koi8-r", "shift_jis", ...) or an IANA name
// (checked in that order), or "" for "auto" and "". "utf-16" is
// little-endian unless a byte order mark says otherwise.
func ParseEncoding(s string) (string, error) {
	_, name, err := lookupEncoding(s)
	return name, err
}

// lookupEncoding returns the encoding named s and its canonical name; nil
// and "" for auto.
func lookupEncoding(s string) (encoding.Encoding, string, error) {
	label := strings.ToLower(strings.TrimSpace(s))
	if label == "" || label == "auto" {
		return nil, "", nil
	}
	if e, err := htmlindex.Get(label); err == nil && e != encoding.Replacement {
		if name, err := htmlindex.Name(e); err == nil {
			return e, name, nil
		}
	}
	if e, err := ianaindex.IANA.Encoding(label); err == nil && e != nil {
		if name, err := ianaindex.IANA.Name(e); err == nil {
			return e, strings.ToLower(name), nil
		}
	}
	return nil, "", fmt.Errorf("corpus: unknown encoding %q (want auto, utf-8, utf-16le, utf-16be, windows-1252, or another WHATWG or IANA name)", s)
}

var (
	utf16LEBOM = []byte{0xff, 0xfe}
	utf16BEBOM = []byte{0xfe, 0xff}
)

// bomEncoding returns the encoding a byte order mark at the start of p
// stands for, and the mark's length; nil when p starts with none.
func bomEncoding(p []byte) (encoding.Encoding, int) {
	switch {
	case bytes.HasPrefix(p, utf8BOM):
		return unicode.UTF8, len(utf8BOM)
	case bytes.HasPrefix(p, utf16LEBOM):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), len(utf16LEBOM)
	case bytes.HasPrefix(p, utf16BEBOM):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), len(utf16BEBOM)
	}
	return nil, 0
}

// text returns b, the bytes of a text (a file, a JSONL line, a CSV field),
// as UTF-8 by the rules above. what names the field for messages ("" for a
// whole line or file). It warns and returns false when b must be skipped:
// invalid UTF-8 when Options.Encoding is "utf-8".
func (rd *reader) text(b []byte, line int, what string) ([]byte, bool) {
	if utf8.Valid(b) {
		return b, true
	}
	off, multibyte := scanUTF8(b)
	if rd.strictUTF8 {
		rd.warn(line, fmt.Errorf("%sinvalid UTF-8 at byte offset %d", what, off))
		return nil, false
	}
	if !rd.noted {
		rd.noted = true
		how := "not UTF-8"
		if multibyte {
			how = "partly not UTF-8"
		}
		rd.note(line, fmt.Errorf("%s%s (byte 0x%02x at offset %d), read as windows-1252", what, how, b[off], off))
	}
	return fromWindows1252(b), true
}

// scanUTF8 returns the offset of the first byte of b that is not part of
// a valid UTF-8 sequence (len(b) when every byte is), and whether b holds
// a valid UTF-8 sequence of more than one byte.
func scanUTF8(b []byte) (invalid int, multibyte bool) {
	invalid = len(b)
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			invalid = min(invalid, i)
		} else {
			multibyte = true
		}
		i += size
	}
	return invalid, multibyte
}

// fromWindows1252 keeps the valid UTF-8 sequences of b and reads every
// other byte as windows-1252. The five bytes that windows-1252 leaves
// undefined become the C1 controls of the same value, as in the WHATWG
// standard, so no byte is lost.
func fromWindows1252(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/4)
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			out = append(out, b[i])
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			r = charmap.Windows1252.DecodeByte(b[i])
			if r == utf8.RuneError {
				r = rune(b[i]) // undefined in windows-1252: the C1 control
			}
			out = utf8.AppendRune(out, r)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

// metaScanBytes is how much of a page is searched for a <meta charset>.
// The WHATWG prescan looks at 1024 bytes; scraped pages often put scripts
// and styles first, so this looks further, and stops at <body> anyway.
const metaScanBytes = sniffBytes

// metaCharset returns the encoding an HTML page declares in a <meta>
// element of its head, or nil.
func metaCharset(page []byte) encoding.Encoding {
	z := html.NewTokenizer(bytes.NewReader(page[:min(len(page), metaScanBytes)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return nil
			case "meta":
			default:
				continue
			}
			var charset, httpEquiv, content string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "charset":
					charset = string(v)
				case "http-equiv":
					httpEquiv = string(v)
				case "content":
					content = string(v)
				}
			}
			if charset == "" && strings.EqualFold(httpEquiv, "content-type") {
				if i := strings.Index(strings.ToLower(content), "charset="); i >= 0 {
					charset = strings.Trim(content[i+len("charset="):], ` "';`)
				}
			}
			if charset != "" {
				if e, err := htmlindex.Get(strings.TrimSpace(charset)); err == nil && e != encoding.Replacement {
					return e
				}
			}
		}
	}
}

// utf16Hint says, for a binary-looking stream head p, whether it looks
// like UTF-16 text without a byte order mark: "utf-16le" when nearly every
// odd byte is NUL and no even byte is (Latin-script text), "utf-16be" the
// other way round, "" otherwise.
func utf16Hint(p []byte) string {
	pairs := len(p) / 2
	if pairs < 4 {
		return ""
	}
	var zeros [2]int
	for i := 0; i < 2*pairs; i++ {
		if p[i] == 0 {
			zeros[i%2]++
		}
	}
	switch {
	case zeros[0] == 0 && zeros[1] >= pairs*9/10:
		return "utf-16le"
	case zeros[1] == 0 && zeros[0] >= pairs*9/10:
		return "utf-16be"
	}
	return ""
}
