// Command checklat measures the latency of checking articles against an
// archive, in one process, so that process start and opening the
// archive are measured apart from the check itself.
//
//	checklat -db ARCHIVE|URL -reprints CORPUS.jsonl -fresh FRESH.jsonl [-n 50] [-paragraphs 10] [-warm]
//
// It takes n/2 articles from each JSONL file (documents spread over the
// file), keeps their first -paragraphs paragraphs, gives each a new id
// (so that an archived document is not left out as the article itself),
// checks each with archive.Checker, and prints the time to open the
// archive and the median, 95th percentile and maximum check time, with
// how many articles were found to carry archived copy. With -warm it
// checks every article once before measuring, so that the figures leave
// out reading the archive's pages from the file: what is left is the
// cost of the statements and of the checker's own work.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/wirecopy/wirecopy/archive"
	"github.com/wirecopy/wirecopy/archive/postgres"
	"github.com/wirecopy/wirecopy/archive/sqlite"
	"github.com/wirecopy/wirecopy/corpus"
)

var verbose *bool

func main() {
	db := flag.String("db", "", "archive")
	reprints := flag.String("reprints", "", "JSONL of archived documents to check again, under new ids")
	fresh := flag.String("fresh", "", "JSONL of documents not in the archive")
	n := flag.Int("n", 50, "articles to check")
	paras := flag.Int("paragraphs", 10, "paragraphs per article")
	verbose = flag.Bool("v", false, "print each article's time and candidates")
	warm := flag.Bool("warm", false, "check every article once before measuring")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the checks to `FILE`")
	flag.Parse()
	if *profile != "" {
		f, err := os.Create(*profile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "checklat:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if err := run(*db, *reprints, *fresh, *n, *paras, *warm); err != nil {
		fmt.Fprintln(os.Stderr, "checklat:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(db, reprints, fresh string, n, paras int, warm bool) error {
	var docs []corpus.Document
	for _, f := range []string{reprints, fresh} {
		d, err := sample(f, n/2, paras)
		if err != nil {
			return err
		}
		docs = append(docs, d...)
	}
	start := time.Now()
	var a *archive.Archive
	var err error
	if postgres.IsURL(db) {
		a, err = postgres.Open(db, postgres.Options{})
	} else {
		a, err = sqlite.Open(db, sqlite.Options{})
	}
	if err != nil {
		return err
	}
	defer a.Close()
	c, err := a.NewChecker(archive.CheckOptions{})
	if err != nil {
		return err
	}
	defer c.Close()
	open := time.Since(start)
	if warm {
		for _, d := range docs {
			if _, err := c.Check(d); err != nil {
				return err
			}
		}
	}
	var times []time.Duration
	found := 0
	for _, d := range docs {
		t := time.Now()
		r, err := c.Check(d)
		if err != nil {
			return err
		}
		times = append(times, time.Since(t))
		if *verbose {
			cands, partial := 0, 0
			for _, p := range r.Paragraphs {
				cands += p.Candidates
				if p.Partial {
					partial++
				}
			}
			fmt.Printf("%s: %v, %d paragraphs, %d reused, %d candidates, %d partial\n", d.ID, time.Since(t).Round(time.Millisecond), len(r.Paragraphs), r.Reused, cands, partial)
		}
		if r.Reused > 0 {
			found++
		}
	}
	slices.Sort(times)
	pct := func(p float64) time.Duration { return times[min(len(times)-1, int(p*float64(len(times))))] }
	fmt.Printf("open: %v; %d articles of up to %d paragraphs: check median %v, p95 %v, max %v; %d found to carry archived copy\n",
		open.Round(time.Millisecond), len(docs), paras, pct(0.5).Round(100*time.Microsecond),
		pct(0.95).Round(100*time.Microsecond), times[len(times)-1].Round(100*time.Microsecond), found)
	return nil
}

// sample reads k documents spread over a JSONL file, cut to paras
// paragraphs, with new ids.
func sample(path string, k, paras int) ([]corpus.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(lines) < k {
		return nil, fmt.Errorf("%s: %d documents, need %d", path, len(lines), k)
	}
	var out []corpus.Document
	for i := range k {
		line := lines[i*len(lines)/k]
		var rec struct{ ID, Source, Date, Text string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			return nil, err
		}
		d := corpus.Document{ID: "checklat-" + rec.ID, Source: "checklat"}
		spans := corpus.Paragraphs(rec.Text)
		var parts []string
		for _, s := range spans[:min(paras, len(spans))] {
			parts = append(parts, rec.Text[s.Begin:s.End])
		}
		d.Text = strings.Join(parts, "\n\n")
		out = append(out, d)
	}
	return out, nil
}
