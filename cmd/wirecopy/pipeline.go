package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/pflag"

	"github.com/wirecopy/wirecopy/cluster"
	"github.com/wirecopy/wirecopy/corpus"
	"github.com/wirecopy/wirecopy/lsh"
	"github.com/wirecopy/wirecopy/shingle"
)

// pipeline holds the flags that shape reading and clustering, shared by
// every command that runs the pipeline, so that eval scores exactly what
// scan reports.
type pipeline struct {
	input   corpus.Options
	cluster cluster.Options

	maxDocBytes   byteSize
	maxInputBytes byteSize

	// listAll keeps every document in the Result, the short ones too
	// (cluster.Builder.ListAll): eval's scores need them.
	listAll bool
	// progress shows a bar on stderr while reading, when it is a
	// terminal (readingBar), then what the pipeline is doing.
	progress bool
	// cpuprofile is the file --cpuprofile writes a CPU profile to.
	cpuprofile string
}

func (p *pipeline) register(fs *pflag.FlagSet) {
	choiceFlag(fs, &p.input.Format, "input-format", "", "", corpus.ParseFormat, "txt, md, html, jsonl or csv", "read every input as `FORMAT`: txt, md, html, jsonl, csv (default: by file extension)")
	fs.StringVar(&p.input.TextField, "text-field", "text", "JSONL/CSV `FIELD` holding the document text")
	fs.StringVar(&p.input.IDField, "id-field", "id", "JSONL/CSV `FIELD` holding the document id")
	choiceFlag(fs, &p.input.SourceFrom, "source-from", "", "", corpus.ParseSourceFrom, "auto, field, host, dir or file", "take each document's source from `RULE`: field, host (of its url), dir (folder name) or file (name);\ndefault: the source field, else the url's host, else the folder, else the file name\n(scan and eval: the file name when one folder holds every file)")
	registerInput(fs, p)
	p.registerCluster(fs)
	fs.StringVar(&p.cpuprofile, "cpuprofile", "", "write a CPU profile of the run to `FILE` (read it with 'go tool pprof FILE')")
}

// start resolves the flags (a usageError when they conflict) and starts
// the CPU profile, for a command that runs the pipeline on its input;
// stop ends the profile.
func (p *pipeline) start() (stop func() error, err error) {
	if err := p.resolve(); err != nil {
		return nil, asUsage(err)
	}
	return p.startProfile()
}

// startProfile starts the CPU profile --cpuprofile asks for; stop ends it
// and writes the file.
func (p *pipeline) startProfile() (stop func() error, err error) {
	if p.cpuprofile == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(p.cpuprofile)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile %s: %w", p.cpuprofile, err)
	}
	return func() error {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			return fmt.Errorf("--cpuprofile %s: %w", p.cpuprofile, err)
		}
		return nil
	}, nil
}

// registerCluster registers the flags of clustering only, for commands
// that read no input files.
func (p *pipeline) registerCluster(fs *pflag.FlagSet) {
	shareFlag(fs, &p.cluster.Threshold, "threshold", cluster.DefaultThreshold, "share of the shorter paragraph's shingles that a pair must have in common to count as the same `COPY` (0-1)")
	intFlag(fs, &p.cluster.MinWords, "min-words", cluster.DefaultMinWords, 1, "paragraphs with fewer `WORDS` are too short to judge and are not indexed")
	intFlag(fs, &p.cluster.Shingle.Size, "shingle-size", shingle.DefaultSize, 1, "`WORDS` per shingle")
	intFlag(fs, &p.cluster.Permutations, "permutations", lsh.DefaultPermutations, 1, "MinHash signature `LENGTH`")
	intFlag(fs, &p.cluster.BoilerplateDocs, "boilerplate-docs", cluster.DefaultBoilerplateDocs, 2, "a paragraph one source repeats in `N` of its documents is site boilerplate")
	fs.Var(spanValue{&p.cluster.Within}, "within", "join only documents dated at most `DURATION` apart, e.g. 30d, 2w, 36h (default: no limit;\nundated documents are not restricted)")
	registerTranslate(fs, p)
	intFlag(fs, &p.cluster.Workers, "workers", 0, 1, "`N` goroutines for shingling, signing, verifying and aligning (default: one per core)")
}

// resolve checks and converts the flags after parsing.
func (p *pipeline) resolve() error {
	p.resolveInput()
	return p.cluster.Validate()
}

// run reads every path and clusters the documents; documents are signed
// while later ones are still being read. Input problems are reported on
// stderr and counted in warns; the rest is still processed.
func (p *pipeline) run(e *env, name string, paths []string) (res *cluster.Result, warns *warnings, err error) {
	warns = newWarnings(e)
	b, err := cluster.NewBuilder(p.cluster)
	if err != nil {
		return nil, warns, err
	}
	if p.listAll {
		b.ListAll()
	}
	e.noteTerminal(name, paths, "documents", "PATH")
	var bar *progressbar.ProgressBar
	if p.progress {
		bar = readingBar(e, paths)
	}
	var ids repeatedIDs
	var source oneSource
	docs := 0
	add := func(d corpus.Document) error {
		if ids.add(d) {
			return nil
		}
		source.add(d.Source)
		b.Add(d)
		if docs++; bar != nil {
			bar.Add(len(d.Text))
			if docs%1000 == 0 {
				bar.Describe(fmt.Sprintf("%d documents", docs))
			}
		}
		return nil
	}
	err = corpus.Walk(paths, e.stdin, p.input, add, warns.warn)
	if bar != nil {
		bar.Finish()
		if err == nil {
			fmt.Fprintf(e.stderr, "\n%s: read %d documents; finding the reused copy...\n", name, docs)
		}
	}
	warns.done()
	ids.report(name, "skipped", warns)
	if err != nil {
		b.Result() // stops the signers
		return nil, warns, err
	}
	if source.docs > 1 && !source.several {
		e.warnf("%s: note: all %d documents have one source, %s: copy is reported across sources only, and what its documents repeat is boilerplate (--source-from picks the source)", name, source.docs, source.name)
	}
	res, err = b.Result()
	return res, warns, err
}

// oneSource finds whether the documents of a run have one source: a
// scan of one source finds no reuse across sources, and says so.
type oneSource struct {
	name    string
	docs    int
	several bool
}

func (o *oneSource) add(source string) {
	if o.docs == 0 {
		o.name = source
	}
	o.several = o.several || source != o.name
	o.docs++
}

// repeatedIDs applies the one policy of every command that reads
// documents for a document whose id an earlier one of the same run had
// (docs/cli.md): each is counted, the first few are named in one message
// after reading, and they make the exit status 1. What becomes of them
// is the command's: scan, eval and check skip them (the first is used),
// dedup judges them by their text as any other record, and index lets
// the later replace the earlier (runIDs), as a later run would.
type repeatedIDs struct {
	seen     docIDs
	n        int
	examples []string // the first duplicatesShown, named
}

// duplicatesShown is how many documents with a repeated id are named.
const duplicatesShown = 3

// add reports whether d's id was read before in this run, counting d if so.
func (r *repeatedIDs) add(d corpus.Document) bool {
	if _, dup := r.seen.add(d); !dup {
		return false
	}
	r.n++
	if len(r.examples) < duplicatesShown {
		r.examples = append(r.examples, fmt.Sprintf("%q (%s)", d.ID, where(d.Path, d.Line)))
	}
	return true
}

// report names the repeated ids once, saying what was done with their
// documents ("skipped"), and counts them in warns for the exit status.
func (r *repeatedIDs) report(name, done string, warns *warnings) {
	if r.n == 0 {
		return
	}
	verb := "were"
	if r.n == 1 {
		verb = "was"
	}
	warns.e.warnf("%s: %s had the id of a document read before in this run, and %s %s: %s", name, count(r.n, "document"), verb, done, namedList(r.examples, r.n))
	warns.repeated += r.n
}

// namedList joins the names of the first few of n things, and says how
// many more there were.
func namedList(names []string, n int) string {
	s := strings.Join(names, ", ")
	if more := n - len(names); more > 0 {
		s += fmt.Sprintf(" and %d more", more)
	}
	return s
}

// docIDs finds documents whose id an earlier document had. It keeps, per
// id, only where it was first read, in 12 bytes: a scan of millions of
// tiny records holds little else (cluster.Result.Short).
type docIDs struct {
	first map[string]int32 // id -> its number, in files and lines
	files []int32          // by number: index into paths
	lines []int
	paths []string
}

// add records d; when its id was read before, it returns where instead.
func (s *docIDs) add(d corpus.Document) (first string, dup bool) {
	if i, ok := s.first[d.ID]; ok {
		return where(s.paths[s.files[i]], s.lines[i]), true
	}
	if s.first == nil {
		s.first = map[string]int32{}
	}
	if n := len(s.paths); n == 0 || s.paths[n-1] != d.Path {
		s.paths = append(s.paths, d.Path)
	}
	s.first[d.ID] = int32(len(s.files))
	s.files = append(s.files, int32(len(s.paths)-1))
	s.lines = append(s.lines, d.Line)
	return "", false
}

// where names a document's place: its file, and its line when it has one.
func where(path string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s line %d", path, line)
	}
	return path
}

// newFlags returns the flags of command name: errors are returned, not
// printed, and the usage lists the flags in the order registered.
func newFlags(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SortFlags = false
	return fs
}

// operands says what a command takes after its flags.
type operands int

const (
	anyOperands operands = iota // whatever; the command checks them
	noOperands                  // nothing
	somePaths                   // at least one PATH
)

// parseFlags parses args with fs and checks the operands left against
// want. done is true when the command has nothing more to do (--help
// printed its usage); err is a usageError.
func parseFlags(e *env, fs *pflag.FlagSet, args []string, help func(io.Writer), want operands) (done bool, err error) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			help(e.stdout)
			return true, nil
		}
		return false, errUsage("%v (see 'wirecopy help %s')", flagError(err), fs.Name())
	}
	switch {
	case want == noOperands && fs.NArg() > 0:
		return false, errUsage("unexpected argument %q (see 'wirecopy help %s')", fs.Arg(0), fs.Name())
	case want == somePaths && fs.NArg() == 0:
		return false, errUsage("no PATH given (see 'wirecopy help %s')", fs.Name())
	}
	return false, nil
}
