// Command lshcompare times the signing and LSH stage alone, on the same
// shingle sets, with the same number of permutations, in wirecopy's lsh
// package and in github.com/ekzhu/minhash-lsh (pinned in this folder's
// go.mod, a module of its own so that wirecopy does not depend on it), and
// in Python's datasketch when it is installed. Shingling is done once,
// beforehand, with wirecopy's shingler, and is not timed.
//
//	go run . -in corpus.jsonl -docs 20000
//
// Each library signs every set, indexes the signatures and lists the
// candidates of every set, as a deduplication does; the candidate pair
// counts are printed as a check that all did the same work. ekzhu's
// index chooses its own bands and rows from the threshold (they are
// printed); datasketch is given wirecopy's.
package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"time"

	minhashlsh "github.com/ekzhu/minhash-lsh"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/lsh"
	"github.com/wirecopy/wirecopy/shingle"
)

func main() {
	in := flag.String("in", "", "JSONL `FILE` of documents (required)")
	docs := flag.Int("docs", 20000, "read the first `N` documents")
	threshold := flag.Float64("threshold", cluster.DefaultThreshold, "containment threshold, as wirecopy's --threshold")
	perms := flag.Int("permutations", lsh.DefaultPermutations, "MinHash permutations")
	script := flag.String("datasketch", "", "the datasketch `SCRIPT` (default: datasketch.py beside this program's source)")
	flag.Parse()
	if *in == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := compare(*in, *docs, *threshold, *perms, *script); err != nil {
		fmt.Fprintln(os.Stderr, "lshcompare:", err)
		os.Exit(1)
	}
}

func compare(in string, n int, threshold float64, perms int, script string) error {
	sets, bytes, err := readSets(in, n)
	if err != nil {
		return err
	}
	params, err := cluster.Options{Threshold: threshold, Permutations: perms}.Signing().Params()
	if err != nil {
		return err
	}
	jaccard := threshold / (2 - threshold) // what sign.Options.Params tunes for
	shingles := 0
	for _, s := range sets {
		shingles += len(s)
	}
	fmt.Printf("documents %d (%.1f MB of text), %d shingles, %d permutations, wirecopy banding %v (Jaccard target %.3f)\n",
		len(sets), float64(bytes)/1e6, shingles, perms, params, jaccard)
	report := func(name string, d time.Duration, pairs int) {
		fmt.Printf("%-34s %8.2f s  %7.1f MB/s  %9d candidate pairs\n", name, d.Seconds(), float64(bytes)/1e6/d.Seconds(), pairs)
	}

	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		d, pairs, err := wirecopy(sets, perms, params, workers)
		if err != nil {
			return err
		}
		report(fmt.Sprintf("wirecopy lsh, %d core(s)", workers), d, pairs)
	}
	d, pairs, k, l := ekzhu(sets, perms, jaccard)
	report(fmt.Sprintf("ekzhu/minhash-lsh (%d bands x %d rows)", l, k), d, pairs)

	if err := exec.Command("python3", "-c", "import datasketch").Run(); err != nil {
		fmt.Println("datasketch MinHashLSH                skipped: datasketch not installed (pip install datasketch)")
		return nil
	}
	d, pairs, err = datasketch(sets, perms, params, script)
	if err != nil {
		return err
	}
	report("datasketch MinHashLSH (Python)", d, pairs)
	return nil
}

// readSets shingles the first n documents of a JSONL file.
func readSets(path string, n int) (sets [][]uint64, bytes int, err error) {
	sh := shingle.New(shingle.Options{})
	stop := errors.New("enough")
	err = corpus.Walk([]string{path}, nil, corpus.Options{Format: corpus.FormatJSONL}, func(d corpus.Document) error {
		if len(sets) == n {
			return stop
		}
		f := sh.Features(d.Text)
		if f.Words >= cluster.DefaultMinWords {
			sets = append(sets, f.Shingles)
			bytes += len(d.Text)
		}
		return nil
	}, nil)
	if errors.Is(err, stop) {
		err = nil
	}
	return sets, bytes, err
}

// wirecopy signs on workers goroutines, indexes in order and enumerates
// the candidate pairs.
func wirecopy(sets [][]uint64, perms int, params lsh.Params, workers int) (time.Duration, int, error) {
	start := time.Now()
	ix, err := lsh.NewIndex(params)
	if err != nil {
		return 0, 0, err
	}
	signer := lsh.NewSigner(perms)
	keys := make([][]uint64, len(sets))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(sets); i += workers {
				keys[i], _ = ix.Keys(signer.Sign(sets[i]))
			}
		})
	}
	wg.Wait()
	for _, k := range keys {
		if _, err := ix.Add(k); err != nil {
			return 0, 0, err
		}
	}
	seen := map[[2]int]bool{}
	for a, b := range ix.Pairs(workers) {
		seen[[2]int{a, b}] = true
	}
	return time.Since(start), len(seen), nil
}

// ekzhu signs with ekzhu/minhash-lsh's Minhash, adds every signature,
// indexes and queries each one.
func ekzhu(sets [][]uint64, perms int, jaccard float64) (d time.Duration, pairs, k, l int) {
	start := time.Now()
	index := minhashlsh.NewMinhashLSH64(perms, jaccard)
	sigs := make([][]uint64, len(sets))
	var buf [8]byte
	for i, s := range sets {
		m := minhashlsh.NewMinhash(1, perms)
		for _, sh := range s {
			binary.LittleEndian.PutUint64(buf[:], sh)
			m.Push(buf[:])
		}
		sigs[i] = m.Signature()
		index.Add(i, sigs[i])
	}
	index.Index()
	for i, sig := range sigs {
		for _, key := range index.Query(sig) {
			if key.(int) > i {
				pairs++
			}
		}
	}
	k, l = index.Params()
	return time.Since(start), pairs, k, l
}

// datasketch runs datasketch.py on the sets, written to a temporary file,
// and reads back the time it took and the pairs it found.
func datasketch(sets [][]uint64, perms int, params lsh.Params, script string) (time.Duration, int, error) {
	if script == "" {
		_, file, _, _ := runtime.Caller(0)
		script = filepath.Join(filepath.Dir(file), "datasketch.py")
	}
	f, err := os.CreateTemp("", "lshcompare-*.txt")
	if err != nil {
		return 0, 0, err
	}
	defer os.Remove(f.Name())
	w := bufio.NewWriter(f)
	for _, s := range sets {
		for i, sh := range s {
			if i > 0 {
				w.WriteByte(' ')
			}
			w.WriteString(strconv.FormatUint(sh, 10))
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return 0, 0, err
	}
	f.Close()
	out, err := exec.Command("python3", script, f.Name(), strconv.Itoa(perms), strconv.Itoa(params.Bands), strconv.Itoa(params.Rows)).Output()
	if err != nil {
		return 0, 0, fmt.Errorf("datasketch: %w", err)
	}
	var secs float64
	var pairs int
	if _, err := fmt.Sscan(string(out), &secs, &pairs); err != nil {
		return 0, 0, fmt.Errorf("datasketch printed %q: %w", out, err)
	}
	return time.Duration(secs * float64(time.Second)), pairs, nil
}
