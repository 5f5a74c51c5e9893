package corpus

import (
	"errors"
	"fmt"
)

// Error is a problem with one input: a file that cannot be read, or one
// record of it. Read and Walk pass record problems to their warn function
// as *Error, and return stream problems as *Error too.
type Error struct {
	Path string // the file as given; "-" for standard input
	Line int    // 1-based line of the record; 0 when the problem is the whole file
	Err  error
}

func (e *Error) Error() string {
	path := e.Path
	if path == "-" {
		path = "stdin"
	}
	switch {
	case path == "":
		return fmt.Sprintf("corpus: %v", e.Err)
	case e.Line > 0:
		return fmt.Sprintf("corpus: %s line %d: %v", path, e.Line, e.Err)
	}
	return fmt.Sprintf("corpus: %s: %v", path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// ErrTooLarge is wrapped by the error Read returns when a line, record or
// file is larger than Options.MaxRecordBytes.
var ErrTooLarge = errors.New("too large")

// Problems with single records and files, wrapped in *Error. Their text is
// part of the warnings users see.
var (
	errEmptyFile = errors.New("empty file")
	errNoText    = errors.New("no text")
)
