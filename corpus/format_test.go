package corpus

import (
	"flag"
	"io"
	"testing"
)

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		err  string
	}{
		{"", FormatAuto, ""},
		{"auto", FormatAuto, ""},
		{"txt", FormatText, ""},
		{"text", FormatText, ""},
		{"md", FormatMarkdown, ""},
		{"Markdown", FormatMarkdown, ""},
		{"html", FormatHTML, ""},
		{"htm", FormatHTML, ""},
		{"jsonl", FormatJSONL, ""},
		{" NDJSON ", FormatJSONL, ""},
		{"csv", FormatCSV, ""},
		{"xml", FormatAuto, `corpus: unknown input format "xml" (want auto, txt, md, html, jsonl or csv)`},
		{"json", FormatAuto, `corpus: unknown input format "json" (want auto, txt, md, html, jsonl or csv)`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseFormat(tt.in)
			if got != tt.want || errString(err) != tt.err {
				t.Errorf("ParseFormat(%q) = %q, %v; want %q, %q", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestParseSourceFrom(t *testing.T) {
	tests := []struct {
		in   string
		want SourceFrom
		err  string
	}{
		{"", SourceAuto, ""},
		{"auto", SourceAuto, ""},
		{"field", SourceField, ""},
		{"Host", SourceHost, ""},
		{"dir", SourceDir, ""},
		{"file", SourceFile, ""},
		{"outlet", SourceAuto, `corpus: unknown source rule "outlet" (want auto, field, host, dir or file)`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSourceFrom(tt.in)
			if got != tt.want || errString(err) != tt.err {
				t.Errorf("ParseSourceFrom(%q) = %q, %v; want %q, %q", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestFlagValues checks that *Format and *SourceFrom serve as flag values.
func TestFlagValues(t *testing.T) {
	var f Format
	var s SourceFrom
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Var(&f, "input-format", "")
	fs.Var(&s, "source-from", "")
	if err := fs.Parse([]string{"-input-format", "ndjson", "-source-from", "host"}); err != nil {
		t.Fatal(err)
	}
	if f != FormatJSONL || s != SourceHost {
		t.Errorf("parsed %q, %q", f, s)
	}
	if f.String() != "jsonl" || Format("").String() != "auto" || s.String() != "host" || SourceAuto.String() != "auto" {
		t.Errorf("String: %q %q %q %q", f.String(), Format("").String(), s.String(), SourceAuto.String())
	}
	if err := fs.Parse([]string{"-input-format", "pdf"}); err == nil {
		t.Error("bad format accepted")
	}
}

func TestFormatOf(t *testing.T) {
	tests := []struct {
		name string
		want Format
		ext  string
		gz   bool
	}{
		{"a.txt", FormatText, ".txt", false},
		{"dir.d/a.MD", FormatMarkdown, ".MD", false},
		{"a.markdown", FormatMarkdown, ".markdown", false},
		{"a.htm.gz", FormatHTML, ".htm", true},
		{"a.jsonl.GZ", FormatJSONL, ".jsonl", true},
		{"a.ndjson", FormatJSONL, ".ndjson", false},
		{"a.csv", FormatCSV, ".csv", false},
		{"a.gz", FormatAuto, "", true},
		{"a.docx", FormatAuto, ".docx", false},
		{"README", FormatAuto, "", false},
		{".txt", FormatAuto, "", false},
		{"a.auto", FormatAuto, ".auto", false},
		{"-", FormatAuto, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ext, gz := formatOf(tt.name)
			if f != tt.want || ext != tt.ext || gz != tt.gz {
				t.Errorf("formatOf(%q) = %q, %q, %v; want %q, %q, %v", tt.name, f, ext, gz, tt.want, tt.ext, tt.gz)
			}
		})
	}
}
