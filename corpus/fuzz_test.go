package corpus

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// fuzzRead reads data as name and checks the invariants every reader
// keeps, whatever its input: no panic; every document has an id, its
// Path, a source, a non-blank UTF-8 text, a line number fitting
// its format, and paragraphs whose spans are sound; every warning and
// error is an *Error for the stream.
func fuzzRead(t *testing.T, data []byte, name string, opts Options) []Document {
	var docs []Document
	isErr := func(what string, err error) {
		var e *Error
		if !errors.As(err, &e) || e.Path != name || e.Err == nil || !strings.HasPrefix(err.Error(), "corpus: ") {
			t.Fatalf("%s %v (%T) is not an *Error for %s", what, err, err, name)
		}
	}
	f, _, _ := formatOf(name)
	err := Read(bytes.NewReader(data), name, opts, func(d Document) error {
		if strings.TrimSpace(d.ID) == "" {
			t.Fatalf("document with blank id: %+v", d)
		}
		if d.Path != name {
			t.Fatalf("document %q: Path %q, want %q", d.ID, d.Path, name)
		}
		if strings.TrimSpace(d.Text) == "" || !utf8.ValidString(d.Text) {
			t.Fatalf("document %q: bad text %q", d.ID, d.Text)
		}
		if whole := f.whole(); f != FormatAuto && (whole && d.Line != 0 || !whole && d.Line < 1) {
			t.Fatalf("document %q: line %d in a %s stream", d.ID, d.Line, f)
		}
		if d.Source == "" {
			t.Fatalf("document %q: no source", d.ID)
		}
		checkSpans(t, d.Text, Paragraphs(d.Text))
		docs = append(docs, d)
		return nil
	}, func(err error) { isErr("warning", err) })
	if err != nil {
		isErr("error", err)
	}
	return docs
}

// seed adds the fixture files to f's corpus, and a gzipped copy of each.
func seed(f *testing.F, files ...string) {
	for _, name := range files {
		data := fixture(f, name)
		f.Add([]byte(data))
		f.Add([]byte(gz(f, data)))
	}
}

// fuzzLimit keeps the record limit small, so that fuzzing reaches it.
const fuzzLimit = 4 << 10

func FuzzReadJSONL(f *testing.F) {
	seed(f, "news.jsonl")
	f.Add([]byte("{\"id\":1e3,\"text\":\"a\\r\\nb\"}\r\n\n{}\n[]\n{\"id\":\"x\",\"text\":\"\\ud800\"}"))
	f.Add([]byte("\ufeff{\"id\":\"b\",\"text\":\"bom\",\"date\":\"02.01.2006\",\"url\":\"www.x.org\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "f.jsonl", Options{MaxRecordBytes: fuzzLimit})
	})
}

func FuzzReadCSV(f *testing.F) {
	seed(f, "news.csv")
	f.Add([]byte("id,text\n1,\"a\"\"b\"\n2,\"x\ny\"\n3,\"open\n"))
	f.Add([]byte("\ufeffID,TEXT,date\r\n1,t,2024-03-05\r\n\r\n2,u\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "f.csv", Options{MaxRecordBytes: fuzzLimit})
	})
}

func FuzzReadHTML(f *testing.F) {
	seed(f, "article.html")
	f.Add([]byte("<p>One<br>Two</p><pre>a\n\nb</pre><table><tr><td>x"))
	f.Add([]byte("<html><body><nav>n</nav><div hidden>h</div>text</body></html>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "f.html", Options{})
	})
}

func FuzzReadText(f *testing.F) {
	seed(f, "plain.txt")
	f.Add([]byte("a\r\n\r\nb\rc\n"))
	f.Add([]byte("\ufeffbom"))
	f.Add([]byte("caf\xe9 \x80 Zürich \x81"))
	f.Add([]byte("\xff\xfea\x00\r\x00\n\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs := fuzzRead(t, data, "f.txt", Options{MaxRecordBytes: 1 << 20})
		// Text is kept as given, but for line ends and a byte order
		// mark; bytes that are not UTF-8 are read as windows-1252.
		if len(docs) == 1 && !bytes.HasPrefix(data, gzipMagic) && !bytes.HasPrefix(data, utf16LEBOM) && !bytes.HasPrefix(data, utf16BEBOM) {
			want := normalizeNewlines(string(fromWindows1252(bytes.TrimPrefix(data, utf8BOM))))
			if docs[0].Text != want {
				t.Fatalf("text %q, want %q", docs[0].Text, want)
			}
		}
	})
}

// FuzzReadStdin reads standard input, whose format is sniffed, under every
// kind of encoding option.
func FuzzReadStdin(f *testing.F) {
	for _, name := range []string{"news.jsonl", "news.csv", "article.html", "plain.txt"} {
		data := fixture(f, name)
		f.Add([]byte(data), uint8(0))
		f.Add([]byte(gz(f, data)), uint8(1))
	}
	f.Add([]byte("\xff\xfe{\x00\"\x00}\x00"), uint8(0))
	f.Add([]byte("\xfe\xff\x00<\x00p\x00>"), uint8(2))
	f.Add([]byte("<meta charset=koi8-r><p>\xf0\xd2\xc9"), uint8(0))
	f.Add([]byte("{\"id\":\"\xe9\",\"text\":\"\x93q\x94\"}"), uint8(3))
	encodings := []string{"", "utf-8", "utf-16le", "windows-1252", "shift_jis", "utf-16be"}
	f.Fuzz(func(t *testing.T, data []byte, enc uint8) {
		fuzzRead(t, data, "-", Options{MaxRecordBytes: fuzzLimit, MaxInputBytes: 1 << 20, Encoding: encodings[int(enc)%len(encodings)]})
	})
}

// FuzzFromWindows1252 checks the fallback decoding: valid UTF-8 is kept,
// every other byte becomes exactly one character, and the result is UTF-8.
func FuzzFromWindows1252(f *testing.F) {
	f.Add([]byte("caf\xe9 Zürich \x80\x81\x9d\xe2\x82"))
	f.Fuzz(func(t *testing.T, b []byte) {
		out := fromWindows1252(b)
		if !utf8.Valid(out) {
			t.Fatalf("%q -> %q: not UTF-8", b, out)
		}
		if utf8.Valid(b) && !bytes.Equal(out, b) {
			t.Fatalf("valid %q changed to %q", b, out)
		}
		// Each invalid byte is one rune; each valid sequence is kept.
		want := 0
		for i := 0; i < len(b); {
			_, size := utf8.DecodeRune(b[i:])
			want++
			i += size
		}
		if got := utf8.RuneCount(out); got != want {
			t.Fatalf("%q -> %q: %d characters, want %d", b, out, got, want)
		}
	})
}

func FuzzReadMarkdown(f *testing.F) {
	seed(f, "notes.md")
	f.Add([]byte("---\ntitle: T\ndate: x\n---\nSetext\n===\n[a [b] c](d (e)) ![i](j) `k` **l** \\*m\\*\n```\ncode\n```\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "f.md", Options{MaxRecordBytes: 1 << 20})
	})
}

func FuzzParagraphs(f *testing.F) {
	for _, name := range []string{"plain.txt", "notes.md", "article.html"} {
		f.Add(fixture(f, name))
	}
	f.Add("a\r\n\r\nb\rc\n \t\n\u00a0d\u3000\n")
	f.Add("one\ntwo\r\nthree")
	f.Fuzz(func(t *testing.T, text string) {
		spans := Paragraphs(text)
		checkSpans(t, text, spans)
		// Paragraphs drop white space only: every other character is
		// in exactly one paragraph.
		var kept strings.Builder
		for _, s := range spans {
			kept.WriteString(dropSpace(text[s.Begin:s.End]))
		}
		if got, want := kept.String(), dropSpace(text); got != want {
			t.Fatalf("paragraphs hold %q, text holds %q", got, want)
		}
	})
}

func dropSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
