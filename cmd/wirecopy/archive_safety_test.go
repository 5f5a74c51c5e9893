package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/archive/sqlite"
	"github.com/wirecopy/wirecopy/corpus"
)

// wirecopyExe returns a command running wirecopy in a process of its
// own: the test binary under the name "wirecopy", which TestMain
// (testscript.Main) runs as the command.
func wirecopyExe(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	link := filepath.Join(dir, "wirecopy")
	if err := os.Symlink(exe, link); err != nil {
		t.Fatal(err)
	}
	return exec.Command(link, args...)
}

// bigCorpus writes n JSONL documents of paras paragraphs each, every
// document reprinting a paragraph of an earlier one.
func bigCorpus(t *testing.T, n, paras int) string {
	t.Helper()
	var b strings.Builder
	for i := range n {
		var ps []string
		for j := range paras {
			k := i*paras + j
			if j == 0 && i > 0 {
				k = (i - 1) * paras // a reprint
			}
			ps = append(ps, fmt.Sprintf("Paragraph %d tells of the harbour board, the rail union and the budget vote number %d, which the council took on Tuesday after %d hours.", k, k*7, k%13))
		}
		fmt.Fprintf(&b, `{"id":"d%05d","source":"s%d","date":"2024-01-%02d","text":%q}`+"\n", i, i%7, 1+i%28, strings.Join(ps, "\n\n"))
	}
	path := filepath.Join(t.TempDir(), "big.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var committedRE = regexp.MustCompile(`committed (\d+) documents, \d+ paragraphs \(through "(d\d+)"\)`)

// TestIndexKilled kills wirecopy index at random points and reopens the
// archive: it must pass SQLite's integrity check and the archive's own
// (Verify), every document in it must be whole (all its paragraphs, the
// text as given), and every batch reported committed must be there.
func TestIndexKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("runs wirecopy index several times")
	}
	const docs, paras = 1500, 6
	input := bigCorpus(t, docs, paras)
	want := map[string]string{}
	corpus.Walk([]string{input}, nil, corpus.Options{}, func(d corpus.Document) error { want[d.ID] = d.Text; return nil }, func(error) {})
	db := filepath.Join(t.TempDir(), "a.wca")
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 4 {
		cmd := wirecopyExe(t, "index", "--db", db, "--batch", "300", "-v", "--lock-timeout", "10s", input)
		var stderr bytes.Buffer
		pr, pw, _ := os.Pipe()
		cmd.Stderr = pw
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		pw.Close()
		// Kill at a random moment: while creating the archive, signing,
		// inserting or committing, or after the end.
		// The first round aims at the archive's creation.
		delay := time.Duration(50+rng.IntN(1000)) * time.Millisecond
		if round == 0 {
			delay = time.Duration(rng.IntN(40)) * time.Millisecond
		}
		timer := time.AfterFunc(delay, func() { cmd.Process.Kill() })
		sc := bufio.NewScanner(pr)
		lastCommitted := ""
		commits := 0
		for sc.Scan() {
			stderr.WriteString(sc.Text() + "\n")
			if m := committedRE.FindStringSubmatch(sc.Text()); m != nil {
				lastCommitted = m[2]
				commits++
			}
		}
		timer.Stop()
		cmd.Wait()
		pr.Close()
		a, err := sqlite.Open(db, sqlite.Options{})
		if errors.Is(err, os.ErrNotExist) && lastCommitted == "" {
			t.Logf("round %d: killed while creating the archive: none was left", round)
			continue
		}
		if err != nil {
			t.Fatalf("round %d: reopening: %v\n%s", round, err, stderr.String())
		}
		if err := a.Verify(); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		got := map[string]bool{}
		err = a.Documents(archive.Filter{}, func(d corpus.Document) error {
			got[d.ID] = true
			if d.Text != want[d.ID] {
				return fmt.Errorf("%s: text differs", d.ID)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		s, _ := a.Stats()
		a.Close()
		if s.Paragraphs != paras*s.Documents {
			t.Fatalf("round %d: %d documents but %d paragraphs: a document is half stored", round, s.Documents, s.Paragraphs)
		}
		// Every run reads the input from the start, so the documents
		// up to the last reported commit are all there.
		for id := range want {
			if id <= lastCommitted && !got[id] {
				t.Fatalf("round %d: %s was reported committed (through %s) but is missing", round, id, lastCommitted)
			}
		}
		t.Logf("round %d: killed after %d commits (through %s); archive holds %d documents", round, commits, lastCommitted, s.Documents)
	}
}

// TestReadWhileIndexing runs stats and check in other processes while
// wirecopy index writes, and a second index, which must fail at once
// with a clear message.
func TestReadWhileIndexing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs wirecopy index")
	}
	input := bigCorpus(t, 1000, 6)
	db := filepath.Join(t.TempDir(), "a.wca")
	// A first batch, so readers have an archive to open.
	if out, err := wirecopyExe(t, "index", "--db", db, "../../testdata/reprints/dev.jsonl").CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	writer := wirecopyExe(t, "index", "--db", db, "--batch", "200", input)
	var werr bytes.Buffer
	writer.Stderr = &werr
	if err := writer.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- writer.Wait() }()
	reads := 0
	var second []byte
loop:
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("index: %v: %s", err, werr.String())
			}
			break loop
		default:
		}
		out, err := wirecopyExe(t, "stats", "--db", db).CombinedOutput()
		if err != nil {
			t.Fatalf("stats during index: %v: %s", err, out)
		}
		cmd := wirecopyExe(t, "check", "--db", db, "--format", "csv", "-")
		cmd.Stdin = strings.NewReader("Paragraph 6 tells of the harbour board, the rail union and the budget vote number 42, which the council took on Tuesday after 6 hours.")
		if out, err := cmd.CombinedOutput(); err != nil && cmd.ProcessState.ExitCode() != exitFound {
			t.Fatalf("check during index: %v: %s", err, out)
		}
		if second == nil {
			second, _ = wirecopyExe(t, "index", "--db", db, "../../testdata/reprints/test.jsonl").CombinedOutput()
		}
		reads++
	}
	if reads == 0 {
		t.Skip("index finished before a read could start")
	}
	if !strings.Contains(string(second), "another wirecopy is writing to this archive") {
		t.Errorf("second writer: %s", second)
	}
	t.Logf("%d reads during the index", reads)
}

// TestIndexDiskFull indexes into a 2 MB tmpfs until the device is full:
// index must fail saying so, and the archive must reopen sound with
// every batch it reported committed. It needs root to mount the tmpfs
// (CI runs as root); elsewhere archive's TestDiskFull covers the same
// path with SQLite's page limit.
func TestIndexDiskFull(t *testing.T) {
	if testing.Short() || os.Geteuid() != 0 {
		t.Skip("needs root to mount a tmpfs")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	input := bigCorpus(t, 1000, 6)
	db := filepath.Join(dir, "a.wca")
	cmd := wirecopyExe(t, "index", "--db", db, "--batch", "300", "-v", input)
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("index into 2 MB succeeded:\n%s", out)
	}
	if !strings.Contains(string(out), "disk full") {
		t.Fatalf("index on a full device:\n%s", out)
	}
	last := ""
	for _, m := range committedRE.FindAllStringSubmatch(string(out), -1) {
		last = m[2]
	}
	a, err := sqlite.Open(db, sqlite.Options{})
	if err != nil {
		t.Fatalf("reopening: %v", err)
	}
	defer a.Close()
	if err := a.Verify(); err != nil {
		t.Fatal(err)
	}
	s, _ := a.Stats()
	if s.Documents == 0 || last == "" || s.Documents != 1+int(mustAtoi(t, last[1:])) {
		t.Fatalf("archive holds %d documents; index reported commits through %q\n%s", s.Documents, last, out)
	}
	t.Logf("the device was full after %d documents", s.Documents)
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
