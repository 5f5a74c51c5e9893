// Command wirecopy finds text reused across news outlets: agency copy
// reprinted word for word or lightly edited.
//
//	wirecopy scan [flags] PATH...          report which sources reuse the same copy
//	wirecopy eval --gold LABELS PATH...    score the clusters against gold labels
//	wirecopy dedup [flags] INPUT... -o OUT remove near-duplicate documents or paragraphs
//	wirecopy index --db FILE PATH...       add documents to an archive on disk
//	wirecopy check --db FILE [ARTICLE...]  which archived copy an article carries
//	wirecopy report --db FILE              the scan report over the archive or a slice
//	wirecopy stats --db FILE               what an archive holds
//	wirecopy forget --db FILE ID...        remove documents from an archive
//	wirecopy serve --db FILE               a local web page and JSON API over an archive
//	wirecopy db migrate --db URL           create or migrate an archive's schema on PostgreSQL
//	wirecopy help [COMMAND]                describe a command and its flags
//
// See README.md for formats and examples.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/wirecopy/wirecopy/report"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK      = 0 // success
	exitSkipped = 1 // some input could not be read; everything readable was processed
	exitUsage   = 2 // bad usage
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(env *env, args []string) int
	usage   func(w io.Writer) // full help: synopsis, flags and examples
}

// env is what a command may touch besides its arguments.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// warnf prints a message on standard error. The whole message passes
// through report.Clean, as table cells do: a file name or archived text
// holding control characters or a line break can neither drive the
// terminal nor fake a line of its own.
func (e *env) warnf(format string, args ...any) {
	fmt.Fprintf(e.stderr, "wirecopy: %s\n", report.Clean(fmt.Sprintf(format, args...)))
}

func commands() []command {
	return []command{scanCommand(), evalCommand(), dedupCommand(), indexCommand(), checkCommand(), reportCommand(), statsCommand(), forgetCommand(), serveCommand(), dbCommand()}
}

// run is main without the exit, for tests.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "help":
		return help(e, args[1:])
	case "--version", "version":
		fmt.Fprintln(stdout, "wirecopy", version)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(e, args[1:])
		}
	}
	e.warnf("unknown command %q (try 'wirecopy help')", args[0])
	return exitUsage
}

// version is set at build time with -ldflags "-X main.version=...".
var version = "devel"

func help(e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			c.usage(e.stdout)
			return exitOK
		}
	}
	e.warnf("unknown command %q (try 'wirecopy help')", args[0])
	return exitUsage
}

func usage(w io.Writer) {
	var b strings.Builder
	b.WriteString("wirecopy finds news text reused across outlets: agency copy reprinted word for\n")
	b.WriteString("word or lightly edited.\n\nUsage:\n  wirecopy COMMAND [flags] PATH...\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-7s %s\n", c.name, c.summary)
	}
	b.WriteString("  help    describe a command and its flags: wirecopy help scan\n")
	b.WriteString("\nExample:\n  wirecopy scan testdata/example\n")
	io.WriteString(w, b.String())
}
