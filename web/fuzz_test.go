package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReadArticle sends arbitrary bodies as POST /api/check requests:
// the article read is valid, non-empty UTF-8 without NUL, or the
// request gets a client error (400, or 413 over the limit); never a
// crash. (The check behind it reads the archive, whose SQLite is too
// slow under coverage instrumentation to fuzz; TestAPI and TestCheckPage
// cover that path, and report's FuzzWriteCheckHTML the page.)
func FuzzReadArticle(f *testing.F) {
	f.Add("application/json", []byte(`{"text": "The council voted on the harbour plan.", "date": "2024-01-03", "id": "x"}`))
	f.Add("text/plain", []byte(hostile))
	f.Add("application/json", []byte(`{"text": "\u0000"}`))
	f.Add("application/json; charset=utf-8", []byte(`{"text": "a"} {"text": "b"}`))
	f.Add("application/json", []byte(`{"text": "a", "date": "2024-02-30"}`))
	f.Add("text/plain", []byte("caf\xe9"))
	f.Add("", []byte(strings.Repeat("x", 5000)))
	f.Fuzz(func(t *testing.T, ctype string, body []byte) {
		r := httptest.NewRequest("POST", "/api/check", bytes.NewReader(body))
		r.Header.Set("Content-Type", ctype)
		r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, 4096)
		d, status, err := readArticle(r)
		switch {
		case err == nil && status != http.StatusOK,
			err != nil && status != http.StatusBadRequest && status != http.StatusRequestEntityTooLarge:
			t.Fatalf("status %d with error %v", status, err)
		case err != nil:
			return
		case !utf8.ValidString(d.Text) || strings.TrimSpace(d.Text) == "" || strings.ContainsRune(d.Text, 0):
			t.Fatalf("accepted text %q", d.Text)
		case d.ID == "":
			t.Fatalf("no id")
		case len(body) > 4096:
			t.Fatalf("a body of %d bytes accepted over the 4096 limit", len(body))
		}
	})
}
