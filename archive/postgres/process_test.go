package postgres

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
	buildDir  string
)

// TestMain removes the wirecopy binary that the process tests build
// (once, on first use).
func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

func wirecopy(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if buildDir, buildErr = os.MkdirTemp("", "wirecopy-pgtest"); buildErr != nil {
			return
		}
		binary = filepath.Join(buildDir, "wirecopy")
		out, err := exec.Command("go", "build", "-o", binary, "../../cmd/wirecopy").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// run runs the wirecopy binary and returns its standard output; it
// fails the test on an exit status other than want.
func run(t *testing.T, want int, args ...string) string {
	t.Helper()
	cmd := exec.Command(wirecopy(t), args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if got := cmd.ProcessState.ExitCode(); got != want {
		t.Fatalf("wirecopy %s: exit %d (%v), want %d\n%s", strings.Join(args, " "), got, err, want, stderr.String())
	}
	return stdout.String()
}

// TestConcurrentWriters runs four wirecopy index processes at once on
// one server archive, in small batches, with overlapping inputs (every
// process indexes the same 340 documents, and 40 of its own): the
// archive ends up with each id once, consistent, and every command
// gives the same output as on an embedded archive indexed by one
// process.
func TestConcurrentWriters(t *testing.T) {
	dsn := freshDB(t)
	dir := t.TempDir()
	shared := []string{"../../testdata/reprints/dev.jsonl", "../../testdata/reprints/hard.jsonl"}
	var own []string
	test, err := os.ReadFile("../../testdata/reprints/test.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSpace(string(test)), "\n")
	for w := range 4 {
		p := filepath.Join(dir, fmt.Sprintf("own%d.jsonl", w))
		if err := os.WriteFile(p, []byte(strings.Join(lines[w*40:(w+1)*40], "")), 0o644); err != nil {
			t.Fatal(err)
		}
		own = append(own, p)
	}
	var wg sync.WaitGroup
	errs := make([]string, 4)
	for w := range 4 {
		wg.Go(func() {
			// Each process reads the shared files in its own order, so
			// that batches overlap differently.
			files := append([]string{own[w]}, shared...)
			if w%2 == 1 {
				files = append([]string{own[w]}, shared[1], shared[0])
			}
			cmd := exec.Command(wirecopy(t), append([]string{"index", "--db", dsn, "--batch", "20"}, files...)...)
			if out, err := cmd.CombinedOutput(); err != nil {
				errs[w] = fmt.Sprintf("writer %d: %v\n%s", w, err, out)
			}
		})
	}
	wg.Wait()
	for _, e := range errs {
		if e != "" {
			t.Fatal(e)
		}
	}
	if n := count(t, dsn, "SELECT count(*) FROM documents"); n != 340+160 {
		t.Fatalf("%d documents after four writers, want %d", n, 340+160)
	}
	if n := count(t, dsn, "SELECT count(*) FROM (SELECT para FROM bands GROUP BY family, key, para HAVING count(*) > 1) x"); n != 0 {
		t.Fatalf("%d band keys filed twice", n)
	}
	run(t, 0, "stats", "--db", dsn, "--verify")

	// The same documents in an embedded archive, by one process.
	file := filepath.Join(dir, "a.wca")
	run(t, 0, append(append([]string{"index", "--db", file}, own...), shared...)...)
	for _, args := range [][]string{
		{"report", "--format", "json"},
		{"report", "--source", "reuters", "--since", "2024-06-01"},
		{"check", "--format", "json", own[0]},
	} {
		want := 0
		if args[0] == "check" {
			want = 3 // reused copy found
		}
		pg := run(t, want, append(args, "--db", dsn)...)
		emb := run(t, want, append(args, "--db", file)...)
		if pg != emb || pg == "" {
			t.Errorf("wirecopy %s: the server archive's output differs from the embedded one's:\n%s\n---\n%s", strings.Join(args, " "), head(pg), head(emb))
		}
	}
	pg := run(t, 0, "forget", "--db", dsn, "--source", "reuters", "--before", "2024-06-01")
	emb := run(t, 0, "forget", "--db", file, "--source", "reuters", "--before", "2024-06-01")
	if pg != emb || pg == "" {
		t.Errorf("forget removed other documents:\n%s\n---\n%s", head(pg), head(emb))
	}
	run(t, 0, "stats", "--db", dsn, "--verify")
}

func head(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "..."
	}
	return s
}
