package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/wirecopy/wirecopy/corpus"
)

// registerInput adds the flags that say how input bytes are read: their
// encoding and the limits on their size.
func registerInput(fs *pflag.FlagSet, p *pipeline) {
	p.maxDocBytes = corpus.DefaultMaxRecordBytes
	p.maxInputBytes = corpus.DefaultMaxInputBytes
	choiceFlag(fs, &p.input.Encoding, "encoding", "", "auto", corpus.ParseEncoding, "auto, utf-8, utf-16le, utf-16be, windows-1252, or another WHATWG or IANA name", "read input in encoding `NAME`: utf-8 (strict), utf-16le, windows-1252, koi8-r, ... (WHATWG or IANA names);\nauto: by byte order mark, else <meta charset>, else UTF-8 with other bytes read as windows-1252")
	fs.Var(&p.maxDocBytes, "max-doc-bytes", "largest JSONL line, CSV record or whole file read, in `BYTES` (KiB, MiB, GiB, KB, MB, GB); 0: no limit")
	fs.Var(&p.maxInputBytes, "max-input-bytes", "most `BYTES` read from one input once decompressed: stops gzip bombs; 0: no limit")
}

// resolveInput converts the size flags after parsing: 0 means no limit.
func (p *pipeline) resolveInput() {
	p.input.MaxRecordBytes = int(p.maxDocBytes)
	if p.maxDocBytes == 0 {
		p.input.MaxRecordBytes = -1
	}
	p.input.MaxInputBytes = int64(p.maxInputBytes)
	if p.maxInputBytes == 0 {
		p.input.MaxInputBytes = -1
	}
}

// hint adds to an input error the flag that changes the limit it hit.
func hint(err error) error {
	switch {
	case errors.Is(err, corpus.ErrTooLarge):
		return fmt.Errorf("%w (see --max-doc-bytes)", err)
	case errors.Is(err, corpus.ErrInputTooLarge):
		return fmt.Errorf("%w (see --max-input-bytes)", err)
	case errors.Is(err, corpus.ErrUnknownType):
		return fmt.Errorf("%w (--input-format reads every file as one format)", err)
	}
	return err
}

// byteSize is a flag value for sizes such as 64MiB or 1.5GB.
type byteSize int64

// String writes the size the way it is best read: 64MiB, 4GiB, 1000.
func (b *byteSize) String() string {
	n := int64(*b)
	for _, u := range []struct {
		suffix string
		size   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return strconv.FormatInt(n/u.size, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}

func (b *byteSize) Set(s string) error {
	n, err := parseSize(s)
	if err != nil {
		return err
	}
	*b = byteSize(n)
	return nil
}

// Type names the flag value type for pflag.
func (b *byteSize) Type() string { return "size" }

var sizeUnits = []struct {
	suffix string
	factor float64
}{
	// Longest suffixes first, so "MIB" is not read as "B". The same units
	// as bench/newsgen's -size.
	{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30},
	{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9},
	{"K", 1e3}, {"M", 1e6}, {"G", 1e9},
	{"B", 1},
}

// parseSize reads a byte count with an optional unit suffix.
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	factor := 1.0
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, factor = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.factor
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || !(v >= 0 && v*factor < 1<<62) { // also rejects NaN and Inf
		return 0, errors.New("want a number of bytes with an optional KiB, MiB, GiB, KB, MB or GB suffix")
	}
	return int64(v * factor), nil
}
