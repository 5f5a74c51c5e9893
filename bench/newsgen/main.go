// Newsgen writes a large, deterministic corpus of news-like documents with
// known near-duplicates, for benchmarking wirecopy.
//
// Usage:
//
//	newsgen [-size 100MB] [-seed 1] [-o news.jsonl[.gz]] [-gold gold.tsv] [-dup 0.3] [-paragraphs 8] [-outlets-per-story N]
//
// Each output line is a JSON object with the fields id ("g000001"),
// source, date, url, title and text; text is paragraphs joined by "\n\n",
// starting with the headline. Generation stops once -size bytes of JSONL
// (before any compression) are written, so the output overshoots by at most
// one document. Sizes take the suffixes KB, MB, GB (powers of 1000) or KiB,
// MiB, GiB (powers of 1024).
//
// The text is English-like prose from a small phrase grammar: sentences of
// 12 to about 35 words, paragraphs of 2 to 5 sentences, built from a few
// thousand real English words, names, places and organisations, each list
// drawn with a Zipf distribution. Fifty outlets publish it. Four of them
// are wire services that originate most of the copy; the rest mostly
// reprint it. A reprint takes 30-100% of the body paragraphs of a recent
// wire story and edits them as outlets do: a dateline before the lede, a
// trimmed last sentence, an inserted sentence, British spelling or a few
// synonyms, and the outlet's own quote and dash style. It adds paragraphs
// of its own, sometimes a credit line, and like most documents ends with
// the outlet's boilerplate ("SHARE: ...", a newsletter line).
//
// -outlets-per-story N makes heavy syndication: every story is a wire
// story carried by N outlets, the wire's document followed by N-1
// reprints (edited as above), each by a different outlet. Beyond the
// fifty outlets, more are named after places ("Lagos Herald") so that N
// can exceed fifty; -dup is then unused.
//
// The -gold file has one line per document, "id<TAB>label": a reprint's
// label is the id of the wire story it copies, every other document's
// label is its own id. Documents with the same label share copy; sharing
// only boilerplate or credit lines does not count.
//
// The generator keeps only a ring of recent wire stories in memory, so any
// -size runs in a few megabytes. A given seed and set of flags always yields
// the same bytes.
package main

import (
	"bufio"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("newsgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	size := byteSize(100e6)
	fs.Var(&size, "size", "stop after this many bytes of JSONL, e.g. 100MB or 1GiB")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same corpus")
	outPath := fs.String("o", "-", "output file, gzip-compressed if it ends in .gz; - is standard output")
	goldPath := fs.String("gold", "", "also write id<TAB>cluster-label lines to this file")
	dup := fs.Float64("dup", 0.3, "fraction of documents that reprint an earlier wire story")
	paras := fs.Float64("paragraphs", 8, "mean body paragraphs per original story")
	perStory := fs.Int("outlets-per-story", 0, "heavy syndication: every story carried by this many outlets (the wire and N-1 reprints); 0 for the mix of -dup")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "newsgen: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if *dup < 0 || *dup > 1 {
		fmt.Fprintf(stderr, "newsgen: -dup %v: want a fraction from 0 to 1\n", *dup)
		return 2
	}
	if *paras < 1 {
		fmt.Fprintf(stderr, "newsgen: -paragraphs %v: want at least 1\n", *paras)
		return 2
	}
	if *perStory < 0 || *perStory == 1 {
		fmt.Fprintf(stderr, "newsgen: -outlets-per-story %d: want 0 (off) or at least 2\n", *perStory)
		return 2
	}
	cfg := config{size: int64(size), seed: *seed, dup: *dup, paragraphs: *paras, perStory: *perStory}
	start := time.Now()
	st, err := write(cfg, *outPath, *goldPath, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "newsgen: %v\n", err)
		return 1
	}
	secs := time.Since(start).Seconds()
	fmt.Fprintf(stderr, "newsgen: %d documents (%d reprints of %d wire stories), %.1f MB in %.1f s (%.0f MB/s)\n",
		st.docs, st.reprints, st.stories, float64(st.bytes)/1e6, secs, float64(st.bytes)/1e6/secs)
	return 0
}

// write generates the corpus into the named files.
func write(cfg config, outPath, goldPath string, stdout io.Writer) (st stats, err error) {
	var out io.Writer = stdout
	if outPath != "-" {
		f, cerr := os.Create(outPath)
		if cerr != nil {
			return st, cerr
		}
		defer func() {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}()
		out = f
	}
	bw := bufio.NewWriterSize(out, 1<<20)
	var zw *gzip.Writer
	if strings.HasSuffix(outPath, ".gz") {
		// gzip is slower than the generator even at its best speed;
		// higher levels would cost more time for a slightly smaller file.
		zw, _ = gzip.NewWriterLevel(bw, gzip.BestSpeed)
		out = zw
	} else {
		out = bw
	}

	var gold io.Writer
	if goldPath != "" {
		f, cerr := os.Create(goldPath)
		if cerr != nil {
			return st, cerr
		}
		defer func() {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}()
		gold = f
	}

	if st, err = generate(cfg, out, gold); err != nil {
		return st, err
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return st, err
		}
	}
	return st, bw.Flush()
}

// byteSize is a flag value for sizes such as 100MB or 1.5GiB.
type byteSize int64

func (b *byteSize) String() string { return strconv.FormatInt(int64(*b), 10) }

func (b *byteSize) Set(s string) error {
	n, err := parseSize(s)
	if err != nil {
		return err
	}
	*b = byteSize(n)
	return nil
}

var sizeUnits = []struct {
	suffix string
	factor float64
}{
	// Longest suffixes first, so "MIB" is not read as "B".
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
	if err != nil || !(v >= 0 && v < 1e18) { // also rejects NaN and Inf
		return 0, fmt.Errorf("bad size %q: want a number with an optional KB, MB, GB, KiB, MiB or GiB suffix", s)
	}
	return int64(v * factor), nil
}
