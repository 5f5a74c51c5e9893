package corpus

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Format is an input format. Its values are the canonical file extensions
// without the dot.
type Format string

const (
	FormatAuto     Format = ""      // by file extension; standard input is sniffed
	FormatText     Format = "txt"   // plain text, one document per file
	FormatMarkdown Format = "md"    // Markdown, markup lightly stripped, one document per file
	FormatHTML     Format = "html"  // a web page, main text extracted, one document per file
	FormatJSONL    Format = "jsonl" // one JSON object per line, one document per line
	FormatCSV      Format = "csv"   // a header row, then one document per record
)

// formatNames maps every accepted name of a format, as a flag value or a
// file extension, to the format.
var formatNames = map[string]Format{
	"auto":     FormatAuto,
	"txt":      FormatText,
	"text":     FormatText,
	"md":       FormatMarkdown,
	"markdown": FormatMarkdown,
	"html":     FormatHTML,
	"htm":      FormatHTML,
	"jsonl":    FormatJSONL,
	"ndjson":   FormatJSONL,
	"csv":      FormatCSV,
}

// ParseFormat returns the format named s (case-insensitive): one of the
// Format values, "auto" or "" for FormatAuto, or the aliases "text",
// "markdown", "htm" and "ndjson".
func ParseFormat(s string) (Format, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	if name == "" {
		return FormatAuto, nil
	}
	f, ok := formatNames[name]
	if !ok {
		return FormatAuto, fmt.Errorf("corpus: unknown input format %q (want auto, txt, md, html, jsonl or csv)", s)
	}
	return f, nil
}

// String returns the format's name, "auto" for FormatAuto.
func (f Format) String() string {
	if f == FormatAuto {
		return "auto"
	}
	return string(f)
}

// Set parses s into f, so that a *Format can serve as a flag.Value or
// pflag.Value.
func (f *Format) Set(s string) error {
	v, err := ParseFormat(s)
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// Type names the flag value type for pflag.
func (f *Format) Type() string { return "format" }

func (f Format) valid() bool {
	switch f {
	case FormatAuto, FormatText, FormatMarkdown, FormatHTML, FormatJSONL, FormatCSV:
		return true
	}
	return false
}

// whole reports whether f makes one document of a whole file.
func (f Format) whole() bool {
	return f == FormatText || f == FormatMarkdown || f == FormatHTML
}

// formatOf returns the format that name's extension stands for (FormatAuto
// when none does), the extension itself, and whether name ends in ".gz".
func formatOf(name string) (f Format, ext string, gz bool) {
	base := filepath.Base(name)
	if e := filepath.Ext(base); strings.EqualFold(e, ".gz") {
		gz = true
		base = base[:len(base)-len(e)]
	}
	ext = filepath.Ext(base)
	if ext == "" || ext == base {
		return FormatAuto, "", gz
	}
	f, ok := formatNames[strings.ToLower(ext[1:])]
	if !ok || f == FormatAuto {
		return FormatAuto, ext, gz
	}
	return f, ext, gz
}

// SourceFrom says where a document's source (the outlet) comes from.
type SourceFrom string

const (
	SourceAuto  SourceFrom = ""      // the first of field, host, dir and file that yields a name
	SourceField SourceFrom = "field" // the record's source field (JSONL, CSV)
	SourceHost  SourceFrom = "host"  // the host of the record's url, lower case, without "www."
	SourceDir   SourceFrom = "dir"   // the name of the folder holding the file
	SourceFile  SourceFrom = "file"  // the file name without its extensions
)

// ParseSourceFrom returns the rule named s (case-insensitive): "field",
// "host", "dir", "file", or "auto" or "" for SourceAuto.
func ParseSourceFrom(s string) (SourceFrom, error) {
	switch v := SourceFrom(strings.ToLower(strings.TrimSpace(s))); v {
	case "auto", SourceAuto:
		return SourceAuto, nil
	case SourceField, SourceHost, SourceDir, SourceFile:
		return v, nil
	}
	return SourceAuto, fmt.Errorf("corpus: unknown source rule %q (want auto, field, host, dir or file)", s)
}

// String returns the rule's name, "auto" for SourceAuto.
func (s SourceFrom) String() string {
	if s == SourceAuto {
		return "auto"
	}
	return string(s)
}

// Set parses v into s, so that a *SourceFrom can serve as a flag.Value or
// pflag.Value.
func (s *SourceFrom) Set(v string) error {
	r, err := ParseSourceFrom(v)
	if err != nil {
		return err
	}
	*s = r
	return nil
}

// Type names the flag value type for pflag.
func (s *SourceFrom) Type() string { return "source" }

func (s SourceFrom) valid() bool {
	switch s {
	case SourceAuto, SourceField, SourceHost, SourceDir, SourceFile:
		return true
	}
	return false
}
