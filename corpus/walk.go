package corpus

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Walk reads every path in turn and calls fn for each document, in order.
// A path is a file, a directory, or "-" for stdin.
//
// Directories are walked recursively in lexical order, so the documents of
// a tree always come in the same order. Files and folders whose names start
// with "." are skipped. So are files whose extension names no format (or
// none of Options.Formats), unless Options.Format forces one: they are
// never read as another format, and never skipped in silence, but named
// in one note per folder given, with their number and the first few names:
// "skipped 12 files of unknown type: feed.json, notes.xml, README and 9
// more", wrapping ErrUnknownType.
//
// What is read, and what is skipped:
//   - A path named explicitly is followed if it is a symbolic link. A named
//     pipe or character device named explicitly (/dev/stdin, a shell's
//     <(zcat feed.jsonl.gz)) is read, its format sniffed like standard
//     input's when its name has no known extension.
//   - Inside a folder, symbolic links to files are read; symbolic links to
//     folders are not followed (as grep -r and find do not), so a walk
//     never loops and never leaves the tree it was given. Such a link is
//     named in a note when it points into the tree, whose files are read
//     anyway, and in a warning when it points out of it. Named pipes,
//     sockets and devices in a folder are skipped with a warning: opening
//     a pipe would wait for a writer.
//   - Every file and folder is read once: one reached again (a path given
//     twice, a folder inside another one given, a hard or symbolic link to
//     a file already read) is skipped with a note, and so is standard input
//     given twice.
//
// Under SourceAuto with Options.SplitFlatFolder, when one folder holds
// every file read (two or more), each file's name is the source of its
// documents that name none, not the folder's; a note names the folder.
//
// Problems do not stop the walk: a path that cannot be read, a file named
// explicitly whose format is unknown, a binary or empty file, a stream
// error in one file and every record problem Read reports are passed to
// warn (which may be nil) as an *Error, and the walk goes on with the next
// file; notes are passed to warn too (see Error). Walk returns the error fn
// returns, which stops it, or an error for invalid Options (see Read).
func Walk(paths []string, stdin io.Reader, opts Options, fn func(Document) error, warn func(error)) error {
	if err := opts.check(); err != nil {
		return err
	}
	w := walker{opts: opts, fn: fn, warnFn: warn, seen: map[fileKey]string{}}
	if opts.SourceFrom == SourceAuto && opts.SplitFlatFolder {
		w.flat = flatFolder(paths, &w)
	}
	for _, p := range paths {
		if err := w.path(p, stdin); err != nil {
			return err
		}
	}
	if w.flatFiles > 0 {
		w.note(w.flat, "every file is in this one folder, so each file's name is the source of its documents (%s; --source-from dir makes the folder the source of all)", files(w.flatFiles))
	}
	return nil
}

// flatFolder returns the folder, as named in paths, that holds every
// file a walk of paths reads, when there is one such folder and it holds
// two files or more; else "". Under SourceAuto the folder's name is then
// no outlet: it would make one source of everything, and every repeated
// paragraph site boilerplate. The file name is taken instead (see
// reader.source). The listing stops at the second folder it finds.
func flatFolder(paths []string, w *walker) string {
	var name, folder string // the one folder's name, and its path
	files, mixed := 0, false
	one := func(path string) {
		d := dirSource(path)
		if path == "-" {
			d = "-" // standard input is a source of its own
		}
		switch {
		case files == 0:
			name, folder = d, filepath.Dir(path)
		case d != name:
			mixed = true
		}
		files++
	}
	for _, p := range paths {
		if mixed {
			break
		}
		info, err := os.Stat(p)
		if p == "-" || err != nil || !info.IsDir() {
			one(p)
			continue
		}
		filepath.WalkDir(p, func(path string, e fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return nil
			case path != p && strings.HasPrefix(e.Name(), "."):
				if e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			case e.IsDir() || !w.wanted(path):
				return nil
			}
			if one(path); mixed {
				return fs.SkipAll
			}
			return nil
		})
	}
	if mixed || files < 2 || name == "" || name == "-" {
		return ""
	}
	return folder
}

// files says "1 file" or "N files".
func files(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}

type walker struct {
	opts   Options
	fn     func(Document) error
	warnFn func(error)

	unknown      int      // files skipped for their type in the folder given
	unknownNames []string // the first few, relative to it

	seen      map[fileKey]string // files and folders read, by identity -> path read as
	stdinRead bool

	flat      string // the one folder holding every file (flatFolder), or ""
	flatFiles int    // files whose documents took the file name for it
	root      string // the folder being walked, symbolic links resolved
	rootArg   string // the same as given
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

func (w *walker) note(path string, format string, args ...any) {
	if w.warnFn != nil {
		w.warnFn(&Error{Path: path, Err: fmt.Errorf(format, args...), Note: true})
	}
}

// once reports whether the file or folder path, described by info, is
// read for the first time, and notes that it is not otherwise.
func (w *walker) once(path string, info fs.FileInfo) bool {
	key, ok := keyOf(info)
	if !ok {
		return true // no identity on this system: read it
	}
	first, dup := w.seen[key]
	if !dup {
		w.seen[key] = path
		return true
	}
	kind := "file"
	if info.IsDir() {
		kind = "folder"
	}
	if first == path {
		w.note(path, "%s already read", kind)
	} else {
		w.note(path, "same %s as %s, already read", kind, first)
	}
	return false
}

// path reads one argument of Walk.
func (w *walker) path(p string, stdin io.Reader) error {
	if p == "-" {
		if stdin == nil {
			w.warn(p, errors.New("no standard input"))
			return nil
		}
		if w.stdinRead {
			w.note(p, "standard input given twice, read once")
			return nil
		}
		w.stdinRead = true
		return w.read(stdin, p)
	}
	info, err := os.Stat(p)
	if err != nil {
		w.warn(p, err)
		return nil
	}
	switch mode := info.Mode(); {
	case mode.IsDir():
		if !w.once(p, info) {
			return nil
		}
		w.root = p
		if real, err := filepath.EvalSymlinks(p); err == nil {
			w.root = real
		}
		w.unknown, w.unknownNames, w.rootArg = 0, nil, p
		err := w.dir(p)
		if w.unknown > 0 {
			w.skippedNote(p)
		}
		return err
	case mode&(fs.ModeNamedPipe|fs.ModeCharDevice) != 0:
		// A pipe or a terminal named explicitly is a stream: no
		// identity to compare, a format to sniff.
		return w.file(p)
	case !mode.IsRegular():
		w.warn(p, fmt.Errorf("skipped: %s, not a file", kindOf(mode)))
		return nil
	}
	if w.opts.Format == FormatAuto && len(w.opts.Formats) == 0 {
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
	if !w.once(p, info) {
		return nil
	}
	return w.file(p)
}

// dir walks the folder dir, already recorded as read.
func (w *walker) dir(dir string) error {
	entries, err := os.ReadDir(dir) // sorted by name
	if err != nil {
		w.warn(dir, err) // a folder that cannot be listed is skipped
		if len(entries) == 0 {
			return nil
		}
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		mode := e.Type()
		var info fs.FileInfo
		if mode&fs.ModeSymlink != 0 {
			if info, err = os.Stat(path); err != nil {
				if w.wanted(path) { // a broken link, or a loop of links
					w.warn(path, err)
				}
				continue
			}
			if info.IsDir() {
				w.symlinkedDir(path)
				continue
			}
			mode = info.Mode().Type()
		}
		if mode.IsDir() {
			if info, err = e.Info(); err != nil {
				w.warn(path, err)
				continue
			}
			if w.once(path, info) {
				if err := w.dir(path); err != nil {
					return err
				}
			}
			continue
		}
		if !w.wanted(path) {
			w.skipped(dir, e.Name())
			continue
		}
		if !mode.IsRegular() {
			w.warn(path, fmt.Errorf("skipped: %s, not a file", kindOf(mode)))
			continue
		}
		if info == nil {
			if info, err = e.Info(); err != nil {
				w.warn(path, err)
				continue
			}
		}
		if !w.once(path, info) {
			continue
		}
		if err := w.file(path); err != nil {
			return err
		}
	}
	return nil
}

// wanted reports whether a file found in a folder is read: its extension
// names a format (one of Options.Formats, when given), or Options.Format
// forces one.
func (w *walker) wanted(path string) bool {
	if w.opts.Format != FormatAuto {
		return true
	}
	f, _, _ := formatOf(path)
	if len(w.opts.Formats) > 0 {
		return slices.Contains(w.opts.Formats, f)
	}
	return f != FormatAuto
}

// unknownShown is how many names of files skipped for their type the note
// gives: enough to recognise them, few enough for one line.
const unknownShown = 3

// skipped counts a file of folder dir skipped for its type.
func (w *walker) skipped(dir, name string) {
	w.unknown++
	if len(w.unknownNames) < unknownShown {
		if rel, err := filepath.Rel(w.rootArg, filepath.Join(dir, name)); err == nil {
			name = rel
		}
		w.unknownNames = append(w.unknownNames, name)
	}
}

// skippedNote names the files of the folder given as arg that were
// skipped for their type.
func (w *walker) skippedNote(arg string) {
	kind := "of unknown type"
	if len(w.opts.Formats) > 0 {
		var names []string
		for _, f := range w.opts.Formats {
			names = append(names, f.String())
		}
		kind = "not of type " + strings.Join(names, " or ")
	}
	files := "files"
	if w.unknown == 1 {
		files = "file"
	}
	list := strings.Join(w.unknownNames, ", ")
	if more := w.unknown - len(w.unknownNames); more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	if w.warnFn != nil {
		w.warnFn(&Error{Path: arg, Err: unknownTypeError(fmt.Sprintf("skipped %d %s %s: %s", w.unknown, files, kind, list)), Note: true})
	}
}

// symlinkedDir reports a symbolic link to a folder met in a walk, which is
// not followed.
func (w *walker) symlinkedDir(path string) {
	target, err := filepath.EvalSymlinks(path)
	if err == nil && w.root != "" {
		if rel, err := filepath.Rel(w.root, target); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			w.note(path, "symbolic link to a folder inside the walk, not followed")
			return
		}
	}
	w.warn(path, errors.New("skipped: symbolic link to a folder outside the walk, not followed (name it to read it)"))
}

// kindOf names a file type that is not read.
func kindOf(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "an irregular file"
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
	rd := newReader(name, w.opts, fn, w.warnFn)
	if w.flat != "" {
		rd.flat = true
	}
	err := rd.read(r)
	if rd.flatUsed {
		w.flatFiles++
	}
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		w.warn(name, err)
	}
	return nil
}

// unknownTypeError is the note on the files skipped for their type.
type unknownTypeError string

func (e unknownTypeError) Error() string        { return string(e) }
func (e unknownTypeError) Is(target error) bool { return target == ErrUnknownType }
