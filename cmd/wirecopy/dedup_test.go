package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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

// TestDedupInterrupted stops dedup with SIGINT and with SIGTERM at the
// two points where it holds temporary files: in the first pass, with its
// copy of standard input in the temporary folder, and in the second,
// with its output and removed list beside their final names. Each stop
// is made deterministic by a named pipe that dedup waits on (standard
// input kept open; an input opened a second time). Nothing may be left
// but the inputs, and the exit status is the shell's for the signal.
func TestDedupInterrupted(t *testing.T) {
	input := bigCorpus(t, 300, 4)
	data, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String()+"/stdin", func(t *testing.T) {
			dir, tmp := t.TempDir(), t.TempDir()
			cmd := wirecopyExe(t, "dedup", "--quiet", "-o", filepath.Join(dir, "out.jsonl"), "--removed", filepath.Join(dir, "removed.jsonl"))
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			stdin.Write(data[:len(data)/2]) // and then nothing: dedup waits
			waitFiles(t, tmp, 1)
			cmd.Process.Signal(sig)
			waitFiles(t, tmp, 0) // removed while dedup still waits for input
			stdin.Close()
			cmd.Wait()
			if got := cmd.ProcessState.ExitCode(); got != 128+int(sig) {
				t.Errorf("exit %d, want %d\n%s", got, 128+int(sig), stderr.String())
			}
			if left := names(t, dir); len(left) != 0 {
				t.Errorf("left in the output folder: %v", left)
			}
		})
		t.Run(sig.String()+"/output", func(t *testing.T) {
			dir := t.TempDir()
			fifo := filepath.Join(dir, "in.jsonl")
			if err := mkfifo(fifo); err != nil {
				t.Skipf("no named pipe: %v", err)
			}
			out := filepath.Join(dir, "out")
			if err := os.Mkdir(out, 0o755); err != nil {
				t.Fatal(err)
			}
			cmd := wirecopyExe(t, "dedup", "--quiet", "-o", filepath.Join(out, "out.jsonl.gz"), "--removed", filepath.Join(out, "removed.jsonl"), fifo)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// The first pass reads the pipe; the second opens it again and
			// waits for a writer, its temporary files made.
			if err := os.WriteFile(fifo, data, 0); err != nil {
				t.Fatal(err)
			}
			waitFiles(t, out, 2)
			cmd.Process.Signal(sig)
			waitFiles(t, out, 0)
			if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
				f.Close()
			}
			cmd.Wait()
			if got := cmd.ProcessState.ExitCode(); got != 128+int(sig) {
				t.Errorf("exit %d, want %d\n%s", got, 128+int(sig), stderr.String())
			}
			if left := names(t, out); len(left) != 0 {
				t.Errorf("left in the output folder: %v", left)
			}
		})
	}
}

// names lists the files in dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ns []string
	for _, e := range entries {
		ns = append(ns, e.Name())
	}
	return ns
}

// waitFiles waits up to 20 s for dir to hold n files.
func waitFiles(t *testing.T, dir string, n int) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if len(names(t, dir)) == n {
			return
		}
	}
	t.Fatalf("%s holds %v, want %d files", dir, names(t, dir), n)
}

// TestDedupStaleTemporaries leaves the temporary files of a dedup that
// was killed outright (a process no longer running) and of one still
// running: the next dedup removes the first and leaves the second.
func TestDedupStaleTemporaries(t *testing.T) {
	dir, tmp := t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmp)
	in := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(in, []byte(`{"id":"a","text":"The council approved the new budget for the harbour district on Tuesday evening."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dead := deadPID(t)
	live := os.Getppid()
	stale := []string{
		filepath.Join(dir, fmt.Sprintf(".out.jsonl.wirecopy-dedup-%d-0a1b2c3d.tmp", dead)),
		filepath.Join(dir, fmt.Sprintf(".removed.jsonl.wirecopy-dedup-%d-0a1b2c3d.tmp", dead)),
		filepath.Join(tmp, fmt.Sprintf("wirecopy-dedup-%d-0a1b2c3d.jsonl", dead)),
	}
	keep := []string{
		filepath.Join(dir, fmt.Sprintf(".out.jsonl.wirecopy-dedup-%d-0a1b2c3d.tmp", live)),
		filepath.Join(tmp, fmt.Sprintf("wirecopy-dedup-%d-0a1b2c3d.jsonl", live)),
		filepath.Join(dir, ".out.jsonl.12345.tmp"), // not named as dedup names them
	}
	for _, f := range append(stale, keep...) {
		if err := os.WriteFile(f, []byte("half written\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	args := []string{"dedup", "--quiet", "-o", filepath.Join(dir, "out.jsonl"), "--removed", filepath.Join(dir, "removed.jsonl"), in, "-"}
	stdin := `{"id":"b","text":"A new bakery opened on Fore Street this weekend, selling bread and pasties to the harbour crowd."}` + "\n"
	if code := run(args, strings.NewReader(stdin), &stdout, &stderr); code != exitOK {
		t.Fatalf("dedup: exit %d\n%s", code, stderr.String())
	}
	for _, f := range stale {
		if _, err := os.Stat(f); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("stale %s: %v, want removed", filepath.Base(f), err)
		}
	}
	for _, f := range keep {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("%s: %v, want kept", filepath.Base(f), err)
		}
	}
}

// deadPID returns the process id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// TestDedupOutputMode checks the mode of dedup's output and removed list:
// a file replaced keeps its mode, a new one gets 0666 less the umask, as
// os.Create (and scan -o) make it.
func TestDedupOutputMode(t *testing.T) {
	dir := t.TempDir()
	probe, err := os.Create(filepath.Join(dir, "probe"))
	if err != nil {
		t.Fatal(err)
	}
	probe.Close()
	fi, err := os.Stat(probe.Name())
	if err != nil {
		t.Fatal(err)
	}
	newMode := fi.Mode().Perm()
	in := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(in, []byte(`{"id":"a","text":"The council approved the new budget for the harbour district on Tuesday evening."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, "old.jsonl.gz")
	if err := os.WriteFile(old, nil, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(old, 0o640); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	args := []string{"dedup", "--quiet", "-o", old, "--removed", filepath.Join(dir, "new.jsonl"), in}
	if code := run(args, strings.NewReader(""), &stdout, &stderr); code != exitOK {
		t.Fatalf("dedup: exit %d\n%s", code, stderr.String())
	}
	for name, want := range map[string]os.FileMode{"old.jsonl.gz": 0o640, "new.jsonl": newMode} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %v, want %v", name, got, want)
		}
	}
}
