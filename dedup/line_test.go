package dedup

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestFieldValue(t *testing.T) {
	tests := []struct {
		name, line, field, want string // want "" means an error
	}{
		{"plain", `{"id":"a","text":"hello"}`, "text", `"hello"`},
		{"spaces", ` { "text" :  "hi there" , "id": 1 } `, "text", `"hi there"`},
		{"nested braces in strings", `{"meta":{"x":"}{","y":[1,{"text":"inner"}]},"text":"outer"}`, "text", `"outer"`},
		{"escaped quote", `{"text":"say \"}\" now","id":"b"}`, "text", `"say \"}\" now"`},
		{"escaped key", `{"te\u0078t":"escaped key"}`, "text", `"escaped key"`},
		{"case folded", `{"Text":"folded"}`, "text", `"folded"`},
		{"exact beats folded", `{"text":"exact","TEXT":"folded"}`, "text", `"exact"`},
		{"last of equal keys", `{"text":"first","text":"second"}`, "text", `"second"`},
		{"non-string value", `{"text":null}`, "text", `null`},
		{"missing", `{"id":"a"}`, "text", ""},
		{"not an object", `["text","a"]`, "text", ""},
		{"truncated", `{"text":"abc`, "text", ""},
		{"no colon", `{"text" "abc"}`, "text", ""},
		{"empty", ``, "text", ""},
		{"unclosed array", `{"a":[1,2,"text":"x"}`, "text", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, e, err := fieldValue([]byte(tt.line), tt.field)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("got %q, want an error", tt.line[b:e])
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.line[b:e]; got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestReplaceValue(t *testing.T) {
	line := `{"id": "x",  "text": "old \u00e9 text", "tags": ["a", "b"]}`
	got, err := replaceValue([]byte(line), "text", "new <b> & \"quoted\"\nline")
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id": "x",  "text": "new <b> & \"quoted\"\nline", "tags": ["a", "b"]}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestAnnotate(t *testing.T) {
	tests := []struct {
		line    string
		cluster int
		dup     string
		isDup   bool
		want    string
	}{
		{`{"id":"a","text":"t"}`, 0, "", false, `{"id":"a","text":"t","wirecopy_cluster":null,"wirecopy_duplicate_of":null}`},
		{`{"id":"a", "text":"t" }  `, 3, "w \"1\"", true, `{"id":"a", "text":"t" ,"wirecopy_cluster":3,"wirecopy_duplicate_of":"w \"1\""}`},
		{`{}`, 1, "", false, `{"wirecopy_cluster":1,"wirecopy_duplicate_of":null}`},
	}
	for _, tt := range tests {
		got, err := annotate([]byte(tt.line), tt.cluster, tt.dup, tt.isDup)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want || !json.Valid(got) {
			t.Errorf("annotate(%s) = %s, want %s", tt.line, got, tt.want)
		}
	}
	for _, bad := range []string{"", "}", `{"a":1`} {
		if got, err := annotate([]byte(bad), 1, "", false); err == nil && !json.Valid(got) {
			t.Errorf("annotate(%q) = %q: invalid JSON without an error", bad, got)
		}
	}
}

// FuzzFieldValue feeds arbitrary lines to the byte-level JSON editing: it
// must never panic, must return a range inside the line, and on a valid
// JSON object must give valid JSON back.
func FuzzFieldValue(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","text":"hello"}`,
		`{"meta":{"x":"}{","y":[1,{"text":"inner"}]},"text":"outer"}`,
		`{"te\u0078t":"x","TEXT":1}`,
		`{"text":"a\\"}`,
		`{"text"`,
		"{\"text\":\"\xff\"}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		b, e, err := fieldValue([]byte(line), "text")
		if err != nil {
			return
		}
		if b < 0 || b > e || e > len(line) {
			t.Fatalf("range %d-%d outside a line of %d bytes", b, e, len(line))
		}
		if !json.Valid([]byte(line)) {
			return
		}
		out, err := replaceValue([]byte(line), "text", "new")
		if err != nil || !json.Valid(out) {
			t.Fatalf("replaceValue(%q) = %q, %v", line, out, err)
		}
		if !strings.HasPrefix(string(out), line[:b]) || !strings.HasSuffix(string(out), line[e:]) {
			t.Fatalf("replaceValue changed bytes outside the value: %q", out)
		}
		ann, err := annotate([]byte(line), 1, "x", true)
		if err != nil || !json.Valid(ann) {
			t.Fatalf("annotate(%q) = %q, %v", line, ann, err)
		}
	})
}

func TestEqualBytes(t *testing.T) {
	for n := range 40 {
		x, y := make([]uint8, n), make([]uint8, n)
		want := 0
		for i := range n {
			x[i], y[i] = uint8(i*37), uint8(i*37)
			switch i % 5 {
			case 1:
				y[i] ^= 0x80
			case 3:
				y[i] ^= 0x01
			default:
				want++
			}
		}
		if got := equalBytes(x, y); got != want {
			t.Errorf("%d bytes: %d equal, want %d", n, got, want)
		}
	}
}
