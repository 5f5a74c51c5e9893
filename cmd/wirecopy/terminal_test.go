package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A command that would read standard input from a terminal says so before
// it waits; one given a pipe or files does not.
func TestWaitingOnTerminal(t *testing.T) {
	dir := t.TempDir()
	article := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(article, []byte("One short paragraph of text.\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "news.wca")
	if status := run([]string{"index", "--db", db, article}, nil, io.Discard, io.Discard); status != exitOK {
		t.Fatalf("index: status %d", status)
	}
	for _, tc := range []struct {
		args     []string
		terminal bool
		want     string // "" for no note
	}{
		{[]string{"check", "--db", db}, true, "wirecopy: check: reading an article from the terminal; end with Ctrl-D, or give ARTICLE files (see 'wirecopy help check')\n"},
		{[]string{"check", "--db", db, "-"}, true, "wirecopy: check: reading an article from the terminal"},
		{[]string{"dedup", "-q"}, true, "wirecopy: dedup: reading JSONL records from the terminal; end with Ctrl-D, or give INPUT files (see 'wirecopy help dedup')\n"},
		{[]string{"scan", "-"}, true, "wirecopy: scan: reading documents from the terminal"},
		{[]string{"check", "--db", db}, false, ""},
		{[]string{"dedup", "-q"}, false, ""},
		{[]string{"check", "--db", db, article}, true, ""},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			defer func(f func(io.Reader) bool) { isTerminal = f }(isTerminal)
			isTerminal = func(io.Reader) bool { return tc.terminal }
			var stderr bytes.Buffer
			run(tc.args, strings.NewReader(""), io.Discard, &stderr)
			got := stderr.String()
			if tc.want == "" && strings.Contains(got, "terminal") || !strings.Contains(got, tc.want) {
				t.Errorf("stderr:\n%s\nwant it to hold %q", got, tc.want)
			}
		})
	}
}
