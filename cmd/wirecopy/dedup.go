package main

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/dedup"
)

func dedupCommand() command {
	return flagCommand[dedupOptions]{
		name:    "dedup",
		summary: "remove near-duplicate documents or paragraphs from JSONL corpora",
		flags:   (*dedupOptions).addFlags,
		want:    anyOperands,
		run:     runDedup,
		about: `Usage: wirecopy dedup [flags] [INPUT...] [-o OUTPUT]

Reads JSONL or JSONL.gz records (standard input when no INPUT is given, or
for "-"; in a folder, its .jsonl and .ndjson files, the others named in a
note) and writes them again without near-duplicates: of each cluster of
near-duplicate documents the fewest that hold all the others are kept
(--keep prefers among equals), the others are dropped. With
--unit paragraph, paragraphs found elsewhere (reprinted blocks, boilerplate)
are cut out of each document instead, keeping one copy, and documents left
with fewer than --min-words words are dropped. With --annotate every record
is kept and gets "wirecopy_cluster" (a number, or null) and
"wirecopy_duplicate_of" (the id kept in its place, or null).

Kept records are copied byte for byte: field order, unknown fields and
escapes stay as they are; only the text field of a document that lost
paragraphs is rewritten. Pairs are judged as scan judges them (the shorter
text's share of shared three-word shingles must reach --threshold), on
MinHash sketches, so the input is never held in memory; it is read twice
(standard input is kept in a temporary file meanwhile).

Translations are kept unless --translate is given (unlike scan, where it
is on): a text and its translation are different training text in two
languages. With --translate, a document (or paragraph) that translates a
kept one is removed too, judged as scan judges translations
(--cross-threshold), and --removed says "translated": true for it. This
holds each unit's dictionary terms in memory, several times the rest.

A malformed record, one without its id or text field, or a line over
--max-doc-bytes, stops dedup with an error naming the file and line and
writes nothing, unless --skip-bad is given: then it is left out of the
output, named on stderr and in --removed, the records after it are read,
and the exit status is 1.

Flags:
`,
		more: `
Examples:
  wirecopy dedup crawl.jsonl.gz -o clean.jsonl.gz --removed removed.jsonl
  wirecopy dedup --keep earliest --threshold 0.6 news/*.jsonl -o news.jsonl
  wirecopy dedup --unit paragraph --skip-bad dump.jsonl > dump.clean.jsonl
  zcat feed.jsonl.gz | wirecopy dedup --annotate | jq 'select(.wirecopy_cluster)'
  wirecopy dedup --translate --unit paragraph multilingual.jsonl --removed removed.jsonl

Exit status: 0 on success; 1 when a bad record was skipped (--skip-bad) or
a record had the id of one read before (it is kept or removed by its text
as any other; such records are counted and the first three named, once),
or when nothing could be written; 2 on bad usage; 128+N when stopped by
signal N (nothing is written).
`,
	}.command()
}

type dedupOptions struct {
	pipeline
	output, removed   string
	opts              dedup.Options // --keep and --unit
	annotate, skipBad bool
	quiet             bool
	temps             *temps // the temporary files of a run
}

// addFlags registers dedup's flags on fs, parsed into o.
func (o *dedupOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVarP(&o.output, "output", "o", "", "write the kept records to `FILE` (gzip when it ends in .gz; default: standard output)")
	choiceFlag(fs, &o.opts.Keep, "keep", "", "central", dedup.ParseKeep, "central, first, longest or earliest", "of a cluster's documents that hold as many others, keep by `POLICY`: central (the most alike the others), first (in input order), longest (most words) or earliest (date)")
	choiceFlag(fs, &o.opts.Unit, "unit", "", "document", dedup.ParseUnit, "document or paragraph", "`UNIT` to deduplicate: document, or paragraph (cut repeated paragraphs out of documents)")
	fs.BoolVar(&o.annotate, "annotate", false, "keep every record; add wirecopy_cluster and wirecopy_duplicate_of (document unit only)")
	fs.StringVar(&o.removed, "removed", "", "write every dropped record or paragraph, and why, as JSONL to `FILE`")
	fs.BoolVar(&o.skipBad, "skip-bad", false, "skip malformed records (named on stderr and in --removed) instead of stopping")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "no progress bar and no summary")
	// Translations are kept by default (see the usage): the default of
	// --translate, which the pipeline registers, is false here.
	o.pipeline.cluster.Monolingual = true
	o.pipeline.register(fs)
	// Boilerplate is what paragraph mode removes anyway.
	fs.MarkHidden("boilerplate-docs")
	fs.Lookup("input-format").Usage = "read every input, every file in a folder too, as `FORMAT`: jsonl, the only one (default: the JSONL files of a folder)"
}

func runDedup(e *env, fs *pflag.FlagSet, o *dedupOptions) (err error) {
	opts := o.opts
	if o.annotate && opts.Unit != dedup.UnitDocument {
		err = errors.New("--annotate works with --unit document only")
	}
	if err == nil && o.removed == "-" {
		err = errors.New("--removed needs a file name (standard output holds the records kept)")
	}
	if err == nil && o.input.Format != corpus.FormatAuto && o.input.Format != corpus.FormatJSONL {
		err = fmt.Errorf("--input-format %s: dedup reads JSONL only", o.input.Format)
	}
	if err == nil {
		err = o.resolve()
	}
	if err != nil {
		return asUsage(err)
	}
	stop, err := o.startProfile()
	if err != nil {
		return err
	}
	defer func() { err = cmp.Or(err, stop()) }()
	o.input.Formats = []corpus.Format{corpus.FormatJSONL}
	if o.input.TextField == "" {
		o.input.TextField = "text"
	}
	opts.Cluster = o.cluster
	opts.Translate = !o.cluster.Monolingual
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	return o.dedup(e, opts, paths)
}

// dedupGCPercent is the garbage collector's target while dedup runs. What
// dedup keeps is a few large pointer-free arrays that a collection does
// not scan, so collecting more often costs little, while Go's default
// (100: the heap may grow to twice what is live) would let the resident
// memory of a 1 GB corpus in paragraph mode approach 2 GiB.
const dedupGCPercent = 30

func (o *dedupOptions) dedup(e *env, opts dedup.Options, paths []string) error {
	start := time.Now()
	defer debug.SetGCPercent(debug.SetGCPercent(dedupGCPercent))
	o.temps = newTemps("dedup")
	ctx, sig, stop := interruptible(o.temps)
	defer stop()
	var err error
	// Standard input is read twice: the first pass keeps a copy.
	stdin := e.stdin
	var spool *os.File
	for _, p := range paths {
		if p == "-" && spool == nil {
			if spool, err = o.temps.create("", "", ".jsonl"); err != nil {
				return fmt.Errorf("copying standard input: %w", err)
			}
			defer o.temps.done(spool.Name())
			defer os.Remove(spool.Name())
			defer spool.Close()
			stdin = io.TeeReader(e.stdin, spool)
		}
	}

	e.noteTerminal("dedup", paths, "JSONL records", "INPUT files")
	bar := o.progress(e, paths)
	res, warns, err := firstPass(ctx, e, &o.pipeline, opts, paths, stdin, o.skipBad, bar)
	if s := sig(); s != 0 {
		return interrupted(s)
	}
	if err != nil {
		e.warnf("%v", err)
		return errors.New("nothing written (--skip-bad skips bad records and inputs)")
	}

	written, err := o.write(ctx, e, res, spool)
	if s := sig(); s != 0 && err != nil {
		return interrupted(s)
	}
	if err != nil {
		return err
	}
	if !o.quiet {
		in, _, dropped, _ := res.Counts()
		secs := time.Since(start).Seconds()
		paras := ""
		if opts.Unit == dedup.UnitParagraph {
			paras = fmt.Sprintf(", %d paragraphs cut", len(res.Removed))
		}
		fmt.Fprintf(e.stderr, "dedup: %d documents in, %d out, %d removed%s, %d clusters, %d skipped; %.1f MB of text in %.1f s (%.1f MB/s)\n",
			in, written, dropped, paras, res.Clusters, warns.problems, float64(res.TextBytes)/1e6, secs, float64(res.TextBytes)/1e6/secs)
	}
	if warns.problems+warns.repeated > 0 {
		return statusError{status: exitSkipped} // the summary and the notes said why
	}
	return nil
}

// interruptible returns a context cancelled on SIGINT or SIGTERM, which
// also removes tmp's files at once (the command may be blocked reading
// standard input, and should not wait for more of it to clean up), and
// sig, which returns the signal received (0 before one). After the first
// signal, or once stop is called, a signal has its default effect again:
// a second Ctrl-C ends the process.
func interruptible(tmp *temps) (ctx context.Context, sig func() syscall.Signal, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	var got atomic.Int32
	done := make(chan struct{})
	go func() {
		select {
		case s := <-c:
			signal.Stop(c)
			if n, ok := s.(syscall.Signal); ok {
				got.Store(int32(n))
			}
			tmp.removeAll()
			cancel()
		case <-done:
		}
	}()
	var once sync.Once
	return ctx, func() syscall.Signal { return syscall.Signal(got.Load()) }, func() {
		once.Do(func() {
			signal.Stop(c)
			close(done)
			cancel()
		})
	}
}

// interrupted says that a signal stopped the command, with the exit
// status a shell gives a process it ended: 128 + its number.
func interrupted(s syscall.Signal) error {
	return statusError{128 + int(s), fmt.Errorf("%v; nothing written, temporary files removed", s)}
}

// firstPass reads every input and decides what is kept. A bad record
// stops it with an error unless skipBad is set; then it is counted and
// named on stderr. bar, when not nil, shows the text bytes read. It
// stops with ctx's error once ctx is done.
func firstPass(ctx context.Context, e *env, p *pipeline, opts dedup.Options, paths []string, stdin io.Reader, skipBad bool, bar *progressbar.ProgressBar) (res *dedup.Result, warns *warnings, err error) {
	warns = newWarnings(e)
	d, err := dedup.New(opts)
	if err != nil {
		return nil, warns, err
	}
	var stop error // the first bad record, without skipBad
	warn := func(err error) {
		if corpus.IsNote(err) {
			warns.add("", err, "")
			return
		}
		var ce *corpus.Error
		if !skipBad || !errors.As(err, &ce) {
			if stop == nil {
				stop = err
			}
			return
		}
		warns.add("", err, " (skipped)")
		d.AddBad(ce.Path, ce.Line, ce.Err)
	}
	docs := 0
	var ids repeatedIDs
	add := func(doc corpus.Document) error {
		if stop != nil {
			return stop
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		ids.add(doc)
		d.Add(doc)
		docs++
		if bar != nil {
			bar.Add(len(doc.Text))
			if docs%1000 == 0 {
				bar.Describe(fmt.Sprintf("%d documents", docs))
			}
		}
		return nil
	}
	err = corpus.Walk(paths, stdin, p.input, add, warn)
	warns.done()
	if err == nil && stop == nil {
		ids.report("dedup", "judged by text as any other record", warns)
	}
	if err == nil {
		err = stop
	}
	res, derr := d.Decide() // also stops the signers after an error
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(e.stderr)
	}
	if err != nil {
		return nil, warns, hint(err)
	}
	return res, warns, derr
}

// write runs the second pass into the output and removed files. Files
// are written under a temporary name and renamed when complete, so that a
// failed run leaves no half-written output (and -o may name an input).
func (o *dedupOptions) write(ctx context.Context, e *env, res *dedup.Result, spool *os.File) (int, error) {
	out, commit, err := create(o.temps, o.output, e.stdout, true)
	if err != nil {
		return 0, err
	}
	defer commit(false)
	wo := dedup.WriteOptions{
		Context:  ctx,
		Input:    o.input,
		Annotate: o.annotate,
		Open: func(path string) (io.ReadCloser, error) {
			if path == "-" && spool != nil {
				return os.Open(spool.Name())
			}
			return os.Open(path)
		},
	}
	if o.removed != "" {
		rm, commitRemoved, err := create(o.temps, o.removed, nil, true)
		if err != nil {
			return 0, err
		}
		defer commitRemoved(false)
		wo.Removed = rm
		n, err := res.Write(out, wo)
		if err == nil {
			// Both files or neither, even when interrupted now.
			err = o.temps.commit(func() error {
				if err := commitRemoved(true); err != nil {
					return err
				}
				return commit(true)
			})
		}
		return n, err
	}
	n, err := res.Write(out, wo)
	if err == nil {
		err = o.temps.commit(func() error { return commit(true) })
	}
	return n, err
}

// create opens path for writing through a temporary file of tmp beside
// it, gzip-compressed when gz is set and path ends in .gz; an empty path
// or "-" means w. Errors name path, never the temporary file.
// commit(true) finishes and renames the file; commit(false), after a
// failure or a successful commit, removes what is left. The file gets
// the mode of the file it replaces, or 0666 less the umask for a new one
// (as os.Create, and scan -o, make it).
func create(tmp *temps, path string, w io.Writer, gz bool) (io.Writer, func(ok bool) error, error) {
	if path == "" || path == "-" {
		bw := newBufWriter(w)
		return bw, func(ok bool) error {
			if ok {
				return bw.Flush()
			}
			return nil
		}, nil
	}
	// A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written in
	// place: renaming a temporary file over it would replace the device
	// with a regular file.
	old, statErr := os.Stat(path)
	inPlace := statErr == nil && !old.Mode().IsRegular() && !old.IsDir()
	var f *os.File
	var err error
	if inPlace {
		f, err = os.OpenFile(path, os.O_WRONLY, 0)
	} else {
		f, err = tmp.create(filepath.Dir(path), "."+filepath.Base(path)+".", ".tmp")
		if err == nil && statErr == nil && old.Mode().IsRegular() {
			if err = f.Chmod(old.Mode().Perm()); err != nil {
				f.Close()
				os.Remove(f.Name())
				tmp.done(f.Name())
			}
		}
	}
	if err != nil {
		return nil, nil, pathError(path, err)
	}
	var zw *gzip.Writer
	var out io.Writer = f
	if gz && strings.HasSuffix(path, ".gz") {
		zw = gzip.NewWriter(f)
		out = zw
	}
	bw := newBufWriter(out)
	done := false
	commit := func(ok bool) error {
		if done {
			return nil
		}
		done = true
		if !ok {
			f.Close()
			if inPlace {
				return nil
			}
			defer tmp.done(f.Name())
			return os.Remove(f.Name())
		}
		err := bw.Flush()
		if zw != nil && err == nil {
			err = zw.Close()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if inPlace {
			return pathError(path, err)
		}
		defer tmp.done(f.Name())
		if err == nil {
			err = os.Rename(f.Name(), path)
		}
		if err != nil {
			os.Remove(f.Name())
		}
		return pathError(path, err)
	}
	return bw, commit, nil
}

// pathError names path in err, in place of the temporary file an
// *os.PathError or *os.LinkError names: "writing out.jsonl: no such file
// or directory".
func pathError(path string, err error) error {
	if err == nil {
		return nil
	}
	var pe *os.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return fmt.Errorf("writing %s: %w", path, err)
}

// progress returns a progress bar on stderr when it is a terminal and
// --quiet is not given (see readingBar).
func (o *dedupOptions) progress(e *env, paths []string) *progressbar.ProgressBar {
	if o.quiet {
		return nil
	}
	return readingBar(e, paths)
}

// readingBar returns a progress bar on stderr when it is a terminal, for
// the text bytes read against the size of the input files (a spinner
// when the size is unknown: standard input, gzip), else nil.
func readingBar(e *env, paths []string) *progressbar.ProgressBar {
	f, ok := e.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	var total int64
	for _, p := range paths {
		st, err := os.Stat(p)
		if p == "-" || strings.HasSuffix(p, ".gz") || err != nil || !st.Mode().IsRegular() {
			total = -1
			break
		}
		total += st.Size()
	}
	return newProgressBar(e.stderr, total)
}

// newProgressBar returns a bar of total bytes (-1: unknown) on w, its
// clock started: the rate of the first frame is then the bytes read over
// the time since, not over the microsecond since the first document,
// which read "(26 GB/s)".
func newProgressBar(w io.Writer, total int64) *progressbar.ProgressBar {
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("reading"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
	)
	bar.RenderBlank()
	return bar
}

// newBufWriter buffers writes to a file: the second pass writes one line
// at a time.
func newBufWriter(w io.Writer) *bufio.Writer { return bufio.NewWriterSize(w, 256<<10) }
