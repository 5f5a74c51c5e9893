package corpus

import (
	"encoding/json"
	"testing"
)

// TestDecodeFast checks which records decodeFast takes and that it decodes
// them as json.Unmarshal does; the others are left to json.Unmarshal.
func TestDecodeFast(t *testing.T) {
	nils := " source nil url nil title nil lang nil date nil"
	for _, tc := range []struct {
		name, line string
		want       string // "" when decodeFast leaves the line
	}{
		{"plain", `{"id":"a1","text":"Two\n\nparagraphs."}`, `id "\"a1\"" text "Two\n\nparagraphs."` + nils},
		{"spaced", " {\t\"id\" : 7 ,\r\n\"text\" : \"x\" } ", `id "7" text "x"` + nils},
		{"empty object", `{}`, `id nil text nil` + nils},
		{"optional fields", `{"id":"a","source":"AP","url":null,"title":1,"lang":"en","date":"2024","text":"x"}`,
			`id "\"a\"" text "x" source "\"AP\"" url "null" title "1" lang "\"en\"" date "\"2024\""`},
		{"other fields skipped", `{"id":"a","tags":["x",{"y":[true,false,null,-1.5e3]}],"text":"x","n":{}}`, `id "\"a\"" text "x"` + nils},
		{"nested id kept as written", `{"id":{"k": [1, 2]},"text":"x"}`, `id "{\"k\": [1, 2]}" text "x"` + nils},
		{"last duplicate wins", `{"id":"a","text":"x","ID":"b","Text":null}`, `id "\"b\"" text nil` + nils},
		{"case folded", `{"Id":"a","TEXT":"x","Source":"s"}`, `id "\"a\"" text "x" source "\"s\"" url nil title nil lang nil date nil`},
		{"long s folds to s", "{\"id\":\"a\",\"text\":\"x\",\"\u017fource\":\"s\"}", `id "\"a\"" text "x" source "\"s\"" url nil title nil lang nil date nil`},
		{"escapes", `{"id":"a","text":"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00 \ud800x \udc00"}`, `id "\"a\"" text "\"\\/\b\f\n\r\té😀 �x �"` + nils},
		{"text past ASCII", `{"id":"a","text":"“Zürich” — 東京"}`, `id "\"a\"" text "“Zürich” — 東京"` + nils},

		{"key with an escape", `{"i\u0064":"a","text":"x"}`, ""},
		{"text a number", `{"id":"a","text":5}`, ""},
		{"text not UTF-8", "{\"id\":\"a\",\"text\":\"caf\xe9\"}", ""},
		{"trailing comma", `{"id":"a","text":"x",}`, ""},
		{"after the object", `{"id":"a","text":"x"} x`, ""},
		{"control character", "{\"id\":\"a\",\"text\":\"a\tb\"}", ""},
		{"bad escape", `{"id":"a","text":"\'"}`, ""},
		{"bad number", `{"id":01,"text":"x"}`, ""},
		{"cut off", `{"id":"a","text":"x`, ""},
		{"not an object", `["id","text"]`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newJSONFields("id", "text")
			f.reset()
			ok := f.decodeFast([]byte(tc.line))
			if tc.want == "" {
				if ok {
					t.Fatalf("decodeFast took %s: %s", tc.line, f)
				}
				return
			}
			if !ok {
				t.Fatalf("decodeFast left %s", tc.line)
			}
			if got := f.String(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			slow := newJSONFields("id", "text")
			slow.reset()
			if err := json.Unmarshal([]byte(tc.line), slow.ptr); err != nil || slow.String() != tc.want {
				t.Errorf("json.Unmarshal: %s, %v", slow, err)
			}
		})
	}
}
