package corpus

import (
	"errors"
	"fmt"
)

// Error is a problem with one input: a file that cannot be read, or one
// record of it. Read and Walk pass record problems to their warn function
// as *Error, and return stream problems as *Error too.
//
// An Error with Note set is not a problem but a remark on how an input
// was read, passed to the warn function all the same: nothing was
// skipped (a file read as windows-1252, a path given twice and read
// once). Its text says "note:" after the file and line.
type Error struct {
	Path string // the file as given; "-" for standard input
	Line int    // 1-based line of the record; 0 when the problem is the whole file
	Err  error
	Note bool // a remark, not a problem: nothing was skipped
}

func (e *Error) Error() string {
	path := e.Path
	if path == "-" {
		path = "stdin"
	}
	msg := e.Err.Error()
	if e.Note {
		msg = "note: " + msg
	}
	switch {
	case path == "":
		return "corpus: " + msg
	case e.Line > 0:
		return fmt.Sprintf("corpus: %s line %d: %s", path, e.Line, msg)
	}
	return fmt.Sprintf("corpus: %s: %s", path, msg)
}

func (e *Error) Unwrap() error { return e.Err }

// IsNote reports whether err is a note (see Error) rather than a problem.
func IsNote(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Note
}

// ErrTooLarge is wrapped by the warning about a line or record larger than
// Options.MaxRecordBytes, and by the error Read returns for such a file.
var ErrTooLarge = errors.New("too large")

// ErrInputTooLarge is wrapped by the error Read returns when a stream, once
// decompressed, is larger than Options.MaxInputBytes: a gzip bomb, or an
// input larger than the limit allows.
var ErrInputTooLarge = errors.New("input too large")

// ErrUnknownType is wrapped by the note Walk gives on the files of a
// folder it skipped for their type (see Walk).
var ErrUnknownType = errors.New("unknown type")

// Problems with single records and files, wrapped in *Error. Their text is
// part of the warnings users see.
var (
	errEmptyFile = errors.New("empty file")
	errNoText    = errors.New("no text")
)
