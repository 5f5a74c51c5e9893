package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDedupOutputToPipe writes dedup's output to a named pipe: the pipe
// must be written in place, not replaced by a renamed temporary file (as
// `-o /dev/null` once replaced the device with a regular file).
func TestDedupOutputToPipe(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "out")
	if err := mkfifo(pipe); err != nil {
		t.Skipf("no named pipe: %v", err)
	}
	in := filepath.Join(dir, "in.jsonl")
	record := `{"id":"a","text":"The council approved the new budget for the harbour district on Tuesday evening."}` + "\n"
	if err := os.WriteFile(in, []byte(record), 0o644); err != nil {
		t.Fatal(err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(pipe)
		if err != nil {
			got <- "open: " + err.Error()
			return
		}
		defer f.Close()
		b, err := io.ReadAll(f)
		if err != nil {
			got <- "read: " + err.Error()
			return
		}
		got <- string(b)
	}()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"dedup", "--quiet", "-o", pipe, in}, strings.NewReader(""), &stdout, &stderr); code != exitOK {
		t.Fatalf("dedup: exit %d\n%s", code, stderr.String())
	}
	// Checked before reading: a replaced pipe is never opened for
	// writing, so the reader would wait for ever.
	fi, err := os.Lstat(pipe)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("%s is now %v, want the named pipe it was", pipe, fi.Mode())
	}
	if out := <-got; out != record {
		t.Errorf("read from the pipe %q, want %q", out, record)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("files left in %s: %v", dir, entries)
	}
}
