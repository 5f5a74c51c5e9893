package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// gzBomb returns a gzip stream of prefix followed by n newlines: a few
// dozen kilobytes that inflate to n bytes.
func gzBomb(t *testing.T, prefix string, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	io.WriteString(w, prefix)
	chunk := bytes.Repeat([]byte("\n"), 1<<20)
	for ; n > 0; n -= len(chunk) {
		w.Write(chunk[:min(n, len(chunk))])
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestReadLimits covers Options.MaxInputBytes and MaxRecordBytes: the
// documents before the limit are read, and the error names the stream, the
// line and the limit.
func TestReadLimits(t *testing.T) {
	const docs = `{"id":"1","text":"one"}` + "\n" + `{"id":"2","text":"two"}` + "\n"
	bomb := gzBomb(t, docs, 64<<20)
	zipped := gz(t, strings.Repeat(`{"id":"1","text":"t"}`+"\n", 1000))
	badCRC := []byte(zipped)
	badCRC[len(badCRC)-8] ^= 0xff // the CRC-32 in the trailer
	bigText := strings.Repeat("word ", 400)
	tests := []struct {
		name string
		file string
		data string
		opts Options
		ids  []string
		err  string
		is   error
	}{
		{
			name: "gzip bomb",
			file: "bomb.jsonl.gz",
			data: string(bomb),
			opts: Options{MaxInputBytes: 1 << 20},
			ids:  []string{"1", "2"},
			// The limit falls on the byte at offset 1 MiB, which
			// starts line 3 + (1 MiB - len(docs)).
			err: fmt.Sprintf("corpus: bomb.jsonl.gz line %d: input too large: more than the limit of 1 MiB once decompressed", 3+(1<<20)-len(docs)),
			is:  ErrInputTooLarge,
		},
		{
			name: "gzip bomb under a limit smaller than its compressed size",
			file: "bomb.jsonl.gz",
			data: string(bomb),
			opts: Options{MaxInputBytes: 100},
			ids:  []string{"1", "2"},
			err:  fmt.Sprintf("corpus: bomb.jsonl.gz line %d: input too large: more than the limit of 100 bytes once decompressed", 3+100-len(docs)),
			is:   ErrInputTooLarge,
		},
		{
			name: "gzipped text over the input limit",
			file: "a.txt.gz",
			data: gz(t, bigText),
			opts: Options{MaxInputBytes: 1 << 10},
			err:  "corpus: a.txt.gz: input too large: more than the limit of 1 KiB once decompressed",
			is:   ErrInputTooLarge,
		},
		{
			name: "plain jsonl over the input limit",
			file: "a.jsonl",
			data: docs + docs,
			opts: Options{MaxInputBytes: 60},
			ids:  []string{"1", "2"},
			err:  "corpus: a.jsonl line 3: input too large: more than the limit of 60 bytes",
			is:   ErrInputTooLarge,
		},
		{
			name: "csv over the input limit",
			file: "a.csv",
			data: "id,text\n1,one\n2,two\n3,three\n",
			opts: Options{MaxInputBytes: 20},
			ids:  []string{"1", "2"},
			err:  "corpus: a.csv line 4: input too large: more than the limit of 20 bytes",
			is:   ErrInputTooLarge,
		},
		{
			name: "text over the record limit",
			file: "a.txt",
			data: bigText,
			opts: Options{MaxRecordBytes: 1 << 10},
			err:  "corpus: a.txt: file too large: larger than the limit of 1 KiB",
			is:   ErrTooLarge,
		},
		{
			name: "truncated gzip text",
			file: "a.txt.gz",
			data: gz(t, bigText)[:40], // the text inflated, not the trailer
			err:  "corpus: a.txt.gz: truncated gzip stream: unexpected EOF (after 2000 bytes)",
			is:   io.ErrUnexpectedEOF,
		},
		{
			name: "gzip checksum error",
			file: "a.jsonl.gz",
			data: string(badCRC),
			ids:  strings.Split(strings.Repeat("1 ", 1000), " ")[:1000],
			err:  "corpus: a.jsonl.gz line 1001: gzip: invalid checksum",
			is:   gzip.ErrChecksum,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ids []string
			err := Read(strings.NewReader(tt.data), tt.file, tt.opts, func(d Document) error {
				ids = append(ids, d.ID)
				return nil
			}, func(err error) { t.Errorf("warning: %v", err) })
			if errString(err) != tt.err || !errors.Is(err, tt.is) {
				t.Errorf("error %v, want %q wrapping %v", err, tt.err, tt.is)
			}
			equalLists(t, "documents before the error", ids, tt.ids)
		})
	}

	t.Run("exactly at the limits", func(t *testing.T) {
		res := readString(t, docs, "a.jsonl", Options{MaxInputBytes: int64(len(docs)), MaxRecordBytes: len(docs)/2 - 1})
		if res.err != nil || len(res.docs) != 2 {
			t.Errorf("error %v, %d documents; want none and 2", res.err, len(res.docs))
		}
	})
	t.Run("no limits", func(t *testing.T) {
		res := readString(t, string(gz(t, bigText)), "a.txt", Options{MaxInputBytes: -1, MaxRecordBytes: -1})
		if res.err != nil || len(res.docs) != 1 {
			t.Errorf("error %v, %d documents; want none and 1", res.err, len(res.docs))
		}
	})
}

// TestWalkHostile walks a folder holding everything a folder should not:
// links of every kind, a pipe, a socket, a device, an unreadable file, and
// paths given twice. Everything readable is read once; the rest is named.
func TestWalkHostile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("pipes, sockets and devices are Unix files")
	}
	root := writeTree(t, map[string]string{
		"a.txt":     "alpha",
		"sub/b.txt": "beta",
	})
	outside := writeTree(t, map[string]string{"c.txt": "outside"})
	at := func(name string) string { return filepath.Join(root, filepath.FromSlash(name)) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Link(at("a.txt"), at("sub/hard.txt")))
	must(os.Symlink("../a.txt", at("sub/soft.txt")))
	must(os.Symlink("..", at("sub/up")))
	must(os.Symlink(outside, at("sub/out")))
	must(os.Symlink("/dev/null", at("dev.txt")))
	must(os.Symlink("nowhere.txt", at("gone.txt")))
	must(os.Symlink("loop2.txt", at("loop1.txt")))
	must(os.Symlink("loop1.txt", at("loop2.txt")))
	must(mkfifo(at("pipe.txt")))
	must(mkfifo(at("pipe"))) // no known extension: not ours to read
	ln, err := net.Listen("unix", at("sock.jsonl"))
	if err != nil {
		t.Skip("no Unix sockets:", err)
	}
	defer ln.Close()
	unreadable := ""
	if runtime.GOOS == "linux" {
		// Reading /proc/self/mem at offset 0 fails, even for root.
		must(os.Symlink("/proc/self/mem", at("mem.txt")))
		unreadable = "corpus: mem.txt: input/output error"
	}

	docs, warns, err := walk(t, root, []string{root, at("a.txt"), at("sub"), at("sub") + "/./b.txt", "-", "-"}, "from stdin", Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Base(root)
	equalLists(t, "documents", docs, []string{"a.txt (" + base + ")", "sub/b.txt (sub)", "- (stdin)"})
	want := []string{
		"corpus: dev.txt: skipped: a character device, not a file",
		"corpus: gone.txt: no such file or directory",
		"corpus: loop1.txt: too many levels of symbolic links",
		"corpus: loop2.txt: too many levels of symbolic links",
		unreadable,
		"corpus: pipe.txt: skipped: a named pipe (FIFO), not a file",
		"corpus: sock.jsonl: skipped: a socket, not a file",
		"corpus: sub/hard.txt: note: same file as a.txt, already read",
		"corpus: sub/out: skipped: symbolic link to a folder outside the walk, not followed (name it to read it)",
		"corpus: sub/soft.txt: note: same file as a.txt, already read",
		"corpus: sub/up: note: symbolic link to a folder inside the walk, not followed",
		"corpus: " + root + ": note: skipped 1 file of unknown type: pipe",
		"corpus: a.txt: note: file already read",
		"corpus: sub: note: folder already read",
		"corpus: sub/./b.txt: note: same file as sub/b.txt, already read",
		"corpus: stdin: note: standard input given twice, read once",
	}
	if unreadable == "" {
		want = append(want[:4], want[5:]...)
	}
	equalLists(t, "warnings", warns, want)

	// Named explicitly, the folder outside is read, and a socket is not.
	docs, warns, err = walk(t, root, []string{at("sub/out"), at("sock.jsonl")}, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	equalLists(t, "documents", docs, []string{"sub/out/c.txt (out)"})
	equalLists(t, "warnings", warns, []string{"corpus: sock.jsonl: skipped: a socket, not a file"})
}

// TestWalkNamedPipe reads a pipe named explicitly, as a shell's
// <(zcat feed.jsonl.gz) gives one: its format is sniffed.
func TestWalkNamedPipe(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes")
	}
	fifo := filepath.Join(t.TempDir(), "63")
	if err := mkfifo(fifo); err != nil {
		t.Skip("no named pipes:", err)
	}
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		io.WriteString(f, `{"id":"p1","text":"through a pipe"}`+"\n")
		f.Close()
	}()
	docs, warns, err := walk(t, filepath.Dir(fifo), []string{fifo}, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	equalLists(t, "documents", docs, []string{"p1 (" + filepath.Base(filepath.Dir(fifo)) + ")"})
	equalLists(t, "warnings", warns, nil)
}
