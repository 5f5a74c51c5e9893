package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// temps are the temporary files a command writes (dedup: its output and
// --removed list beside their final names, its copy of standard input in
// the temporary folder). Each is named PREFIX + "wirecopy-" + COMMAND +
// "-" + PID + "-" + RANDOM + SUFFIX, so that removeAll can remove them
// when the command is interrupted, and a later run can tell the ones of
// a process that was killed outright (kill -9, a crash, a power cut) and
// remove them before it makes its own.
type temps struct {
	command string
	// committing is held while files are renamed to their final names,
	// so that removeAll comes before all of them or after all of them.
	committing sync.Mutex
	mu         sync.Mutex
	files      map[string]bool
	closed     bool // removeAll was called: no more files
}

func newTemps(command string) *temps {
	return &temps{command: command, files: map[string]bool{}}
}

var errInterrupted = errors.New("interrupted")

// create makes a new temporary file in dir (the temporary folder when
// empty), with mode 0666 less the umask as os.Create makes a file, after
// removing the files of the same prefix and suffix that a process no
// longer running left there.
func (t *temps) create(dir, prefix, suffix string) (*os.File, error) {
	if dir == "" {
		dir = os.TempDir()
	}
	tag := prefix + "wirecopy-" + t.command + "-"
	t.removeStale(dir, tag, suffix)
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return nil, errInterrupted
	}
	for range 100 {
		b := make([]byte, 4)
		rand.Read(b)
		name := filepath.Join(dir, tag+strconv.Itoa(os.Getpid())+"-"+hex.EncodeToString(b)+suffix)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		t.files[name] = true
		return f, nil
	}
	return nil, fmt.Errorf("no free temporary file name in %s", dir)
}

// removeStale removes the files in dir named tag + PID + "-" + RANDOM +
// suffix whose process PID is not running. A file it cannot remove is
// left for the next run.
func (t *temps) removeStale(dir, tag, suffix string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, tag)
		if !ok || !strings.HasSuffix(rest, suffix) || !e.Type().IsRegular() {
			continue
		}
		pid, _, ok := strings.Cut(strings.TrimSuffix(rest, suffix), "-")
		n, err := strconv.Atoi(pid)
		if !ok || err != nil || n <= 0 || n == os.Getpid() || running(n) {
			continue
		}
		os.Remove(filepath.Join(dir, name))
	}
}

// running reports whether a process pid exists (it may be another
// program that reuses the number: its file then waits for a later run).
func running(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false // Windows: no such process
	}
	if runtime.GOOS == "windows" {
		return true // Signal(0) is not supported there
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

// done forgets name: it was renamed to its final name or removed.
func (t *temps) done(name string) {
	t.mu.Lock()
	delete(t.files, name)
	t.mu.Unlock()
}

// commit runs f, which renames files to their final names, with
// removeAll held off until it returns.
func (t *temps) commit(f func() error) error {
	t.committing.Lock()
	defer t.committing.Unlock()
	return f()
}

// removeAll removes every temporary file not done yet and refuses new
// ones. Files still open are removed too: on Unix their writer goes on
// writing to a file with no name, which the system frees on close.
func (t *temps) removeAll() {
	t.committing.Lock()
	defer t.committing.Unlock()
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closed = true
	for name := range t.files {
		os.Remove(name)
		delete(t.files, name)
	}
}
