package corpus

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func encode(t *testing.T, e encoding.Encoding, s string) string {
	t.Helper()
	out, err := e.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestParseEncoding(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"", "", ""},
		{"auto", "", ""},
		{" UTF-8 ", "utf-8", ""},
		{"utf8", "utf-8", ""},
		{"utf-16", "utf-16le", ""},
		{"UTF-16LE", "utf-16le", ""},
		{"utf-16be", "utf-16be", ""},
		{"windows-1252", "windows-1252", ""},
		{"cp1252", "windows-1252", ""},
		{"iso-8859-1", "windows-1252", ""}, // as the WHATWG standard reads it
		{"latin1", "windows-1252", ""},
		{"iso-8859-15", "iso-8859-15", ""},
		{"koi8-r", "koi8-r", ""},
		{"windows-1251", "windows-1251", ""},
		{"shift_jis", "shift_jis", ""},
		{"IBM437", "ibm437", ""}, // IANA only
		{"iso-2022-kr", "", `corpus: unknown encoding "iso-2022-kr" (want auto, utf-8, utf-16le, utf-16be, windows-1252, or another WHATWG or IANA name)`},
		{"klingon", "", `corpus: unknown encoding "klingon" (want auto, utf-8, utf-16le, utf-16be, windows-1252, or another WHATWG or IANA name)`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseEncoding(tt.in)
			if got != tt.want || errString(err) != tt.err {
				t.Errorf("ParseEncoding(%q) = %q, %v; want %q, %q", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}

// TestReadEncodings reads text in other encodings than UTF-8, detected or
// named: the text comes out as written, and a guess is noted once.
func TestReadEncodings(t *testing.T) {
	le := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	be := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	cp1252 := charmap.Windows1252
	const french = "Le café coûte 5 € à Noël, dit l’État."
	tests := []struct {
		name  string
		file  string
		data  string
		opts  Options
		docs  []string // show(doc)
		warns []string
	}{
		{
			name: "utf-16le with byte order mark",
			file: "a.txt",
			data: "\xff\xfe" + encode(t, le, "Привет,\r\nΚαλημέρα 👋"),
			docs: []string{`a.txt|a|||||0|"Привет,\nΚαλημέρα 👋"`},
		},
		{
			name: "utf-16be with byte order mark",
			file: "a.txt",
			data: "\xfe\xff" + encode(t, be, french),
			docs: []string{`a.txt|a|||||0|"` + french + `"`},
		},
		{
			name: "utf-16le jsonl",
			file: "a.jsonl",
			data: "\xff\xfe" + encode(t, le, `{"id":"1","text":"één"}`+"\r\n"+`{"id":"2","text":"twee"}`+"\r\n"),
			docs: []string{`1|a|||||1|"één"`, `2|a|||||2|"twee"`},
		},
		{
			name: "utf-16le csv, gzipped",
			file: "a.csv.gz",
			data: gz(t, "\xff\xfe"+encode(t, le, "id,text\r\n1,\"Straße, Köln\"\r\n")),
			docs: []string{`1|a|||||2|"Straße, Köln"`},
		},
		{
			name: "byte order mark wins over the encoding named",
			file: "a.txt",
			data: "\xff\xfe" + encode(t, le, "café"),
			opts: Options{Encoding: "windows-1252"},
			docs: []string{`a.txt|a|||||0|"café"`},
		},
		{
			name:  "utf-16le without byte order mark is taken for binary",
			file:  "a.txt",
			data:  encode(t, le, "Hello, world. This is UTF-16 text."),
			warns: []string{`corpus: a.txt: binary file (NUL byte at offset 1); if it is UTF-16LE text without a byte order mark, give encoding utf-16le`},
		},
		{
			name: "utf-16le without byte order mark, named",
			file: "a.txt",
			data: encode(t, le, "Hello, world."),
			opts: Options{Encoding: "utf-16le"},
			docs: []string{`a.txt|a|||||0|"Hello, world."`},
		},
		{
			name:  "windows-1252 text, detected",
			file:  "a.txt",
			data:  encode(t, cp1252, french),
			docs:  []string{`a.txt|a|||||0|"` + french + `"`},
			warns: []string{`corpus: a.txt: note: not UTF-8 (byte 0xe9 at offset 6), read as windows-1252`},
		},
		{
			name:  "utf-8 with a stray byte keeps its utf-8",
			file:  "a.txt",
			data:  "Zürich \x96 Genève",
			docs:  []string{`a.txt|a|||||0|"Zürich – Genève"`},
			warns: []string{`corpus: a.txt: note: partly not UTF-8 (byte 0x96 at offset 8), read as windows-1252`},
		},
		{
			name:  "bytes windows-1252 leaves undefined are kept as C1 controls",
			file:  "a.txt",
			data:  "a\x81b\x8dc\x8fd\x90e\x9df",
			docs:  []string{`a.txt|a|||||0|"a\u0081b\u008dc\u008fd\u0090e\u009df"`},
			warns: []string{`corpus: a.txt: note: not UTF-8 (byte 0x81 at offset 1), read as windows-1252`},
		},
		{
			name: "windows-1252 jsonl lines, noted once",
			file: "a.jsonl",
			data: `{"id":"1","text":"ok"}` + "\n" + encode(t, cp1252, `{"id":"2","text":"café"}`) + "\n" + encode(t, cp1252, `{"id":"3","text":"€"}`) + "\n",
			docs: []string{`1|a|||||1|"ok"`, `2|a|||||2|"café"`, `3|a|||||3|"€"`},
			warns: []string{
				`corpus: a.jsonl line 2: note: not UTF-8 (byte 0xe9 at offset 21), read as windows-1252`,
			},
		},
		{
			name:  "windows-1252 csv field",
			file:  "a.csv",
			data:  encode(t, cp1252, "id,text,source\n1,Œuvre,Le Monde\n"),
			docs:  []string{`1|Le Monde|||||2|"Œuvre"`},
			warns: []string{`corpus: a.csv line 2: note: field "text": not UTF-8 (byte 0x8c at offset 0), read as windows-1252`},
		},
		{
			name: "named encoding over valid-looking utf-8",
			file: "a.txt",
			data: "\xc3\xa9", // é in UTF-8
			opts: Options{Encoding: "windows-1252"},
			docs: []string{`a.txt|a|||||0|"Ã©"`},
		},
		{
			name: "named koi8-r",
			file: "a.txt",
			data: encode(t, charmap.KOI8R, "Москва не сразу строилась"),
			opts: Options{Encoding: "koi8-r"},
			docs: []string{`a.txt|a|||||0|"Москва не сразу строилась"`},
		},
		{
			name: "named windows-1251 jsonl",
			file: "a.jsonl",
			data: encode(t, charmap.Windows1251, `{"id":"ю","text":"Київ і Львів"}`),
			opts: Options{Encoding: "cp1251"},
			docs: []string{`ю|a|||||1|"Київ і Львів"`},
		},
		{
			name: "html meta charset",
			file: "a.html",
			data: encode(t, charmap.Windows1251, `<html><head><meta charset="windows-1251"><title>Новости</title></head><body><p>Правительство объявило.</p></body></html>`),
			docs: []string{`a.html|a||||Новости|0|"Правительство объявило."`},
		},
		{
			name: "html http-equiv charset",
			file: "a.html",
			data: encode(t, charmap.ISO8859_7, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-7"></head><body><p>Καλημέρα κόσμε.</p></body></html>`),
			docs: []string{`a.html|a|||||0|"Καλημέρα κόσμε."`},
		},
		{
			name: "html declaring a charset but valid utf-8",
			file: "a.html",
			data: `<html><head><meta charset="windows-1251"></head><body><p>Правительство объявило.</p></body></html>`,
			docs: []string{`a.html|a|||||0|"Правительство объявило."`},
		},
		{
			name:  "html without a declaration",
			file:  "a.html",
			data:  encode(t, cp1252, `<p>Déjà vu.</p>`),
			docs:  []string{`a.html|a|||||0|"Déjà vu."`},
			warns: []string{`corpus: a.html: note: not UTF-8 (byte 0xe9 at offset 4), read as windows-1252`},
		},
		{
			name: "named encoding wins over meta charset",
			file: "a.html",
			data: encode(t, cp1252, `<meta charset="koi8-r"><p>Déjà vu.</p>`),
			opts: Options{Encoding: "latin1"},
			docs: []string{`a.html|a|||||0|"Déjà vu."`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readString(t, tt.data, tt.file, tt.opts)
			if res.err != nil {
				t.Fatalf("Read: %v", res.err)
			}
			equalLists(t, "documents", res.docs, tt.docs)
			equalLists(t, "warnings", res.warns, tt.warns)
		})
	}
}

func TestReadUnknownEncoding(t *testing.T) {
	err := Read(strings.NewReader("x"), "a.txt", Options{Encoding: "ebcdic-klingon"}, func(Document) error { return nil }, nil)
	want := `corpus: unknown encoding "ebcdic-klingon" (want auto, utf-8, utf-16le, utf-16be, windows-1252, or another WHATWG or IANA name)`
	if errString(err) != want {
		t.Errorf("Read: %v, want %s", err, want)
	}
}

func TestFromWindows1252(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"ascii", "ascii"},
		{"\x80\x9f\xa0\xff", "€Ÿ\u00a0ÿ"},
		{"valid ü and \xfc", "valid ü and ü"},
		{"\xe2\x82", "â‚"}, // a cut UTF-8 sequence is two windows-1252 bytes
	}
	for _, tt := range tests {
		if got := string(fromWindows1252([]byte(tt.in))); got != tt.want {
			t.Errorf("fromWindows1252(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
