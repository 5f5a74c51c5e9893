package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// benchJSONL returns about size bytes of JSONL: news-like records of a few
// kilobytes with the optional fields set, as scraped dumps hold them.
func benchJSONL(size int) []byte {
	para := "The harbour at Porthmellow was closed on Tuesday morning after a storm surge broke over the outer wall, the port authority said in a statement. \u201cWe have not seen a surge like this since 2014,\u201d said the harbour master."
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for i := 0; b.Len() < size; i++ {
		text := strings.Repeat(para+"\n\n", 4+i%12)
		rec := map[string]string{
			"id":     fmt.Sprintf("doc-%07d", i),
			"source": []string{"Reuters", "AP", "AFP", "dpa"}[i%4],
			"url":    fmt.Sprintf("https://www.example.com/news/%d", i),
			"date":   "2024-03-05T08:30:00Z",
			"lang":   "en",
			"title":  "Storm closes harbour",
			"text":   text,
		}
		if err := enc.Encode(rec); err != nil {
			panic(err)
		}
	}
	return b.Bytes()
}

func BenchmarkReadJSONL(b *testing.B) {
	data := benchJSONL(10 << 20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := Read(bytes.NewReader(data), "bench.jsonl", Options{}, func(Document) error {
			n++
			return nil
		}, func(err error) { b.Fatal(err) })
		if err != nil || n == 0 {
			b.Fatalf("read %d documents: %v", n, err)
		}
	}
}

// BenchmarkDecodeJSONL times the decoding of records alone, on records
// like BenchmarkReadJSONL's: as encoding/json writes them (text in UTF-8)
// and with every character past ASCII escaped (\u201c), as Python's
// json.dumps writes them by default.
func BenchmarkDecodeJSONL(b *testing.B) {
	data := benchJSONL(4 << 20)
	for _, bc := range []struct {
		name string
		data []byte
	}{{"utf8", data}, {"escaped", escapeNonASCII(data)}} {
		b.Run(bc.name, func(b *testing.B) {
			lines := bytes.Split(bytes.TrimSuffix(bc.data, []byte("\n")), []byte("\n"))
			rec := newJSONFields("id", "text")
			b.SetBytes(int64(len(bc.data)))
			b.ReportAllocs()
			for b.Loop() {
				for _, line := range lines {
					if err := rec.decode(line); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// escapeNonASCII writes every character of the JSON data b past ASCII as
// a \u escape, or a pair of them.
func escapeNonASCII(b []byte) []byte {
	var out []byte
	for _, r := range string(b) {
		switch {
		case r < utf8.RuneSelf:
			out = append(out, byte(r))
		case r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			out = fmt.Appendf(out, "\\u%04x\\u%04x", r1, r2)
		default:
			out = fmt.Appendf(out, "\\u%04x", r)
		}
	}
	return out
}

func BenchmarkParagraphs(b *testing.B) {
	text := fixture(b, "plain.txt")
	text = strings.Repeat(text+"\n", 100)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Paragraphs(text)
	}
}
