package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
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

// jsonFieldSets are the id and text field names FuzzDecodeJSON decodes
// records for: the defaults, names in other cases, an id whose name folds
// to the text's (which Options.check refuses; the two decoders must agree
// on it all the same), an
// id that encoding/json leaves out ("-"), a text that takes an optional
// field's place, and names past ASCII that fold to ASCII (K is the Kelvin
// sign, ſ a long s).
var jsonFieldSets = [][2]string{
	{"id", "text"},
	{"ID", "Body"},
	{"Text", "text"},
	{"-", "content"},
	{"guid", "title"},
	{"\u212a", "\u017ftory"},
}

// FuzzDecodeJSON holds decodeFast to json.Unmarshal: a line it decodes is
// one json.Unmarshal decodes to the same fields.
func FuzzDecodeJSON(f *testing.F) {
	for line := range strings.Lines(fixture(f, "news.jsonl")) {
		f.Add([]byte(line), uint8(0))
	}
	for _, line := range []string{
		`{}`,
		` {"id" : "a" , "text" : "b" } `,
		"\t{\"id\":\"a\",\r\n\"text\":\"b\"}\n",
		`{"id":"a","text":"b",}`,
		`{"id":"a","text":"b"}x`,
		`{"id":"a","text":"b"}{}`,
		`{"id":"a" "text":"b"}`,
		`{"id":-0.5e+10,"text":"b"}`,
		`{"id":01,"text":"b"}`,
		`{"id":1.,"text":"b"}`,
		`{"id":-,"text":"b"}`,
		`{"id":1E5,"text":"b"}`,
		`{"id":"a","text":null}`,
		`{"id":"a","text":"b","text":null}`,
		`{"id":"a","text":null,"text":"b"}`,
		`{"id":"a","id":"c","text":"b","TEXT":"d"}`,
		`{"ID":"a","Text":"b","SOURCE":"s","Url":"u"}`,
		`{"\u212a":"k","\u017ftory":"s","\u017fource":"x"}`,
		"{\"\u212a\":\"k\",\"\u017ftory\":\"s\",\"\u017fource\":\"x\",\"k\":\"2\"}",
		`{"i\u0064":"a","text":"b"}`,
		`{"id":"a","text":"\u00e9\ud83d\ude00\ud800\udc00\ud800x\udc00\ud800\u0041\uDBFF\uDFFF"}`,
		`{"id":"a","text":"\"\\\/\b\f\n\r\t"}`,
		`{"id":"a","text":"\x"}`,
		`{"id":"a","text":"\u12g4"}`,
		`{"id":"a","text":"\'"}`,
		"{\"id\":\"a\",\"text\":\"tab\there\"}",
		"{\"id\":\"a\",\"text\":\"caf\xe9\"}",
		"{\"id\":\"a\",\"te\xffxt\":\"b\"}",
		`{"id":"a","text":5}`,
		`{"id":"a","text":{"p":1}}`,
		`{"id":["x",{"y":[true,false,null]}],"text":"b","tags":[[],{}]}`,
		`{"id":"a","text":"b","tags":[1,2,]}`,
		`{"id":"a","text":"b","meta":{"k":nul}}`,
		`{"id":"a","text":"b","x":tru}`,
		`{"id":"a","text":"b","title":"a long title of more than eight bytes \\"}`,
		`{"id":"a","text":"unterminated`,
		strings.Repeat("[", 120) + strings.Repeat("]", 120),
		`{"id":"a","text":"b","deep":` + strings.Repeat("[", 120) + strings.Repeat("]", 120) + `}`,
	} {
		for set := range jsonFieldSets {
			f.Add([]byte(line), uint8(set))
		}
	}
	f.Fuzz(func(t *testing.T, line []byte, set uint8) {
		names := jsonFieldSets[int(set)%len(jsonFieldSets)]
		fast, slow := newJSONFields(names[0], names[1]), newJSONFields(names[0], names[1])
		fast.reset()
		if !fast.decodeFast(line) {
			return
		}
		slow.reset()
		if err := json.Unmarshal(line, slow.ptr); err != nil {
			t.Fatalf("decodeFast took %q, which json.Unmarshal does not: %v", line, err)
		}
		if got, want := fast.String(), slow.String(); got != want {
			t.Fatalf("%q with fields %q:\ndecodeFast   %s\njson.Unmarshal %s", line, names, got, want)
		}
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

// String shows the decoded fields, raw values quoted, a missing one as nil.
func (f *jsonFields) String() string {
	raw := func(r *rawValue) string {
		if r == nil || *r == nil {
			return "nil"
		}
		return strconv.Quote(string(*r))
	}
	text := "nil"
	if *f.text != nil {
		text = strconv.Quote(**f.text)
	}
	s := fmt.Sprintf("id %s text %s", raw(f.id), text)
	for i, o := range f.opt {
		s += fmt.Sprintf(" %s %s", optionalFields[i], raw(o))
	}
	return s
}
