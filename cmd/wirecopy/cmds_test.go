package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/text/encoding/htmlindex"
)

// scriptCmds are the commands the txtar scripts use to make inputs that a
// text archive cannot hold: bytes that are not UTF-8, NUL bytes, gzip
// streams, huge lines, named pipes; and a copy of the example tree.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	// bytes FILE "GO-QUOTED": write the unquoted string to FILE.
	"bytes": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf(`usage: bytes FILE "go-quoted string"`)
		}
		s, err := strconv.Unquote(`"` + strings.ReplaceAll(args[1], `"`, `\"`) + `"`)
		ts.Check(err)
		writeFile(ts, args[0], []byte(s))
	},
	// encode ENCODING SRC DST: write SRC, UTF-8, in ENCODING; an
	// encoding ending in "+bom" is written with a byte order mark.
	"encode": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 3 {
			ts.Fatalf("usage: encode ENCODING SRC DST")
		}
		name, bom := strings.CutSuffix(args[0], "+bom")
		enc, err := htmlindex.Get(name)
		ts.Check(err)
		out, err := enc.NewEncoder().String(ts.ReadFile(args[1]))
		ts.Check(err)
		if bom {
			out = map[string]string{"utf-16le": "\xff\xfe", "utf-16be": "\xfe\xff", "utf-8": "\ufeff"}[name] + out
		}
		writeFile(ts, args[2], []byte(out))
	},
	// gzip SRC DST: compress SRC into DST.
	"gzip": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: gzip SRC DST")
		}
		writeFile(ts, args[1], gzipped(ts, ts.ReadFile(args[0]), 0))
	},
	// gzbomb SRC N DST: compress SRC followed by N newlines into DST.
	"gzbomb": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 3 {
			ts.Fatalf("usage: gzbomb SRC N DST")
		}
		n, err := strconv.Atoi(args[1])
		ts.Check(err)
		writeFile(ts, args[2], gzipped(ts, ts.ReadFile(args[0]), n))
	},
	// cut FILE N: keep the first N bytes of FILE; N < 0 drops -N bytes
	// from its end.
	"cut": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: cut FILE N")
		}
		n, err := strconv.Atoi(args[1])
		ts.Check(err)
		if n < 0 {
			n += len(ts.ReadFile(args[0]))
		}
		ts.Check(os.Truncate(ts.MkAbs(args[0]), int64(n)))
	},
	// bigline FILE N: append a JSONL record whose text is N bytes.
	"bigline": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: bigline FILE N")
		}
		n, err := strconv.Atoi(args[1])
		ts.Check(err)
		var b bytes.Buffer
		b.WriteString(`{"id":"big","source":"bulk","text":"`)
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "word%d ", i%5000)
		}
		b.WriteString("\"}\n")
		f, err := os.OpenFile(ts.MkAbs(args[0]), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		ts.Check(err)
		_, err = f.Write(b.Bytes())
		ts.Check(err)
		ts.Check(f.Close())
	},
	// mkfifo PATH: make a named pipe.
	"mkfifo": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 1 {
			ts.Fatalf("usage: mkfifo PATH")
		}
		ts.Check(mkfifo(ts.MkAbs(args[0])))
	},
	// example DIR: copy the project's example tree (testdata/example)
	// into DIR, for scripts that change it.
	"example": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 1 {
			ts.Fatalf("usage: example DIR")
		}
		src, err := filepath.Abs("../../testdata/example")
		ts.Check(err)
		ts.Check(os.CopyFS(ts.MkAbs(args[0]), os.DirFS(src)))
	},
}

func writeFile(ts *testscript.TestScript, name string, data []byte) {
	ts.Check(os.MkdirAll(filepath.Dir(ts.MkAbs(name)), 0o755))
	ts.Check(os.WriteFile(ts.MkAbs(name), data, 0o644))
}

func gzipped(ts *testscript.TestScript, s string, newlines int) []byte {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	_, err := w.Write([]byte(s))
	ts.Check(err)
	chunk := bytes.Repeat([]byte("\n"), 1<<20)
	for ; newlines > 0; newlines -= len(chunk) {
		_, err = w.Write(chunk[:min(newlines, len(chunk))])
		ts.Check(err)
	}
	ts.Check(w.Close())
	return b.Bytes()
}

// scriptCondition adds [root]: chmod does not stop root reading a file.
func scriptCondition(cond string) (bool, error) {
	if cond == "root" {
		return os.Geteuid() == 0, nil
	}
	return false, fmt.Errorf("unknown condition %q", cond)
}
