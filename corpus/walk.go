package corpus

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Walk reads every path in turn and calls fn for each document, in order.
// A path is a file, a directory, or "-" for stdin.
//
// Directories are walked recursively in lexical order, so the documents of
// a tree always come in the same order. Files and folders whose names start
// with "." are skipped, and so are files whose extension is not a known
// format, unless Options.Format forces one.
//
// Problems do not stop the walk: a path that cannot be read, a file named
// explicitly whose format is unknown, a binary or empty file, a stream
// error in one file and every record problem Read reports are passed to
// warn (which may be nil) as an *Error, and the walk goes on with the next
// file. Walk returns the error fn returns, which stops it, or an error for
// invalid Options (see Read).
func Walk(paths []string, stdin io.Reader, opts Options, fn func(Document) error, warn func(error)) error {
	if err := opts.check(); err != nil {
		return err
	}
	w := walker{opts: opts, fn: fn, warnFn: warn}
	for _, p := range paths {
		if err := w.path(p, stdin); err != nil {
			return err
		}
	}
	return nil
}

type walker struct {
	opts   Options
	fn     func(Document) error
	warnFn func(error)
}

func (w *walker) warn(path string, err error) {
	if w.warnFn == nil {
		return
	}
	if _, ok := err.(*Error); !ok {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the *Error names the path
		}
		err = &Error{Path: path, Err: err}
	}
	w.warnFn(err)
}

// path reads one argument of Walk.
func (w *walker) path(p string, stdin io.Reader) error {
	if p == "-" {
		if stdin == nil {
			w.warn(p, errors.New("no standard input"))
			return nil
		}
		return w.read(stdin, p)
	}
	info, err := os.Stat(p)
	if err != nil {
		w.warn(p, err)
		return nil
	}
	if !info.IsDir() {
		if w.opts.Format == FormatAuto {
			if f, ext, gz := formatOf(p); f == FormatAuto {
				switch {
				case ext != "":
					w.warn(p, fmt.Errorf("unknown format %q", ext))
				case gz:
					w.warn(p, errors.New(`unknown format: no file extension before ".gz"`))
				default:
					w.warn(p, errors.New("unknown format: no file extension"))
				}
				return nil
			}
		}
		return w.file(p)
	}
	root := p
	if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		root += string(filepath.Separator) // WalkDir does not follow a symbolic link given as root
	}
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if d == nil { // root vanished since os.Stat
			w.warn(path, err)
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if err != nil {
			w.warn(path, err)
			return nil // a folder that cannot be listed is skipped
		}
		if d.IsDir() {
			return nil
		}
		if w.opts.Format == FormatAuto {
			if f, _, _ := formatOf(path); f == FormatAuto {
				return nil
			}
		}
		if !d.Type().IsRegular() {
			// A symbolic link: read what it points to unless that is a
			// folder, which could make a cycle.
			info, err := os.Stat(path)
			if err != nil {
				w.warn(path, err)
				return nil
			}
			if !info.Mode().IsRegular() {
				return nil
			}
		}
		return w.file(path)
	})
}

// file opens and reads one file.
func (w *walker) file(path string) error {
	f, err := os.Open(path)
	if err != nil {
		w.warn(path, err)
		return nil
	}
	defer f.Close()
	return w.read(f, path)
}

// read reads one stream; a stream error is warned about, fn's error is
// returned.
func (w *walker) read(r io.Reader, name string) error {
	var fnErr error
	fn := func(d Document) error {
		fnErr = w.fn(d)
		return fnErr
	}
	err := Read(r, name, w.opts, fn, w.warnFn)
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		w.warn(name, err)
	}
	return nil
}
