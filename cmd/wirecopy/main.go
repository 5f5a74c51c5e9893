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
//	wirecopy version                       print the version
//
// See README.md for formats and examples.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/wirecopy/wirecopy/report"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit statuses. Commands return errors; exitStatus alone turns them
// into these (docs/cli.md lists them).
const (
	exitOK      = 0 // success
	exitSkipped = 1 // some input could not be read (everything readable was processed), or the command failed
	exitUsage   = 2 // bad usage
	exitFound   = 3 // check: some article carries archived copy
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(env *env, args []string) error
	usage   func(w io.Writer) // full help: synopsis, flags and examples
}

// usageError is a mistake on the command line (exit status 2).
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

// errUsage returns a usageError with the formatted message; %w wraps.
func errUsage(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// asUsage marks err, when not nil, as a usage error.
func asUsage(err error) error {
	if err == nil {
		return nil
	}
	return usageError{err}
}

// statusError ends a command with status; its message, when err is not
// nil, is printed as any other error's. A status with no message (check's
// 3) says all there is to say.
type statusError struct {
	status int
	err    error
}

func (s statusError) Error() string {
	if s.err == nil {
		return fmt.Sprintf("exit status %d", s.status)
	}
	return s.err.Error()
}

func (s statusError) Unwrap() error { return s.err }

// exitStatus reports err, returned by command name, on standard error and
// returns the exit status it stands for: 0 for nil, 2 for a usageError,
// a statusError's own, 1 for anything else.
func exitStatus(e *env, name string, err error) int {
	if err == nil {
		return exitOK
	}
	var s statusError
	if errors.As(err, &s) && s.err == nil {
		return s.status
	}
	e.warnf("%s: %v", name, err)
	var u usageError
	switch {
	case errors.As(err, &s):
		return s.status
	case errors.As(err, &u):
		return exitUsage
	}
	return exitSkipped
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

// isTerminal reports whether r is a terminal (a variable, for tests).
var isTerminal = func(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// noteTerminal says on standard error that command name, given paths,
// is about to wait for what to read on a terminal: a command given no
// file reads standard input, and would otherwise wait in silence.
func (e *env) noteTerminal(name string, paths []string, what, files string) {
	if slices.Contains(paths, "-") && isTerminal(e.stdin) {
		e.warnf("%s: reading %s from the terminal; end with Ctrl-D, or give %s (see 'wirecopy help %s')", name, what, files, name)
	}
}

func commands() []command {
	return []command{scanCommand(), evalCommand(), dedupCommand(), indexCommand(), checkCommand(), reportCommand(), statsCommand(), forgetCommand(), serveCommand(), dbCommand(), helpCommand(), versionCommand()}
}

// run is main without the exit, for tests.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "--help":
		name = "help"
	case "--version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name {
			return exitStatus(e, c.name, c.run(e, args[1:]))
		}
	}
	e.warnf("unknown command %q (try 'wirecopy help')", args[0])
	return exitUsage
}

// version is set at build time with -ldflags "-X main.version=...".
var version = "devel"

func versionCommand() command {
	return command{
		name:    "version",
		summary: "print wirecopy's version",
		run: func(e *env, args []string) error {
			fmt.Fprintln(e.stdout, "wirecopy", version)
			return nil
		},
		usage: func(w io.Writer) {
			fmt.Fprint(w, "Usage: wirecopy version\n\nPrints wirecopy's version (also: wirecopy --version).\n")
		},
	}
}

func helpCommand() command {
	return command{
		name:    "help",
		summary: "describe a command and its flags: wirecopy help scan",
		run: func(e *env, args []string) error {
			if len(args) == 0 {
				usage(e.stdout)
				return nil
			}
			if args[0] == "-h" || args[0] == "--help" {
				args[0] = "help"
			}
			for _, c := range commands() {
				if c.name == args[0] {
					c.usage(e.stdout)
					return nil
				}
			}
			return errUsage("unknown command %q (try 'wirecopy help')", args[0])
		},
		usage: func(w io.Writer) {
			fmt.Fprint(w, `Usage: wirecopy help [COMMAND]

Lists the commands, or describes COMMAND: what it does, its flags, examples
and its exit status. 'wirecopy COMMAND --help' says the same.
`)
		},
	}
}

func usage(w io.Writer) {
	var b strings.Builder
	b.WriteString("wirecopy finds news text reused across outlets: agency copy reprinted word for\n")
	b.WriteString("word or lightly edited.\n\nUsage:\n  wirecopy COMMAND [flags] PATH...\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-7s %s\n", c.name, c.summary)
	}
	b.WriteString("\nExample:\n  wirecopy scan testdata/example\n")
	io.WriteString(w, b.String())
}

// flagCommand is a command that parses its flags into options O before
// it runs: flags registers them on a FlagSet, want says what may follow
// them (parseFlags), run runs on what was parsed. Its usage is about,
// the flags, then more.
type flagCommand[O any] struct {
	name    string
	summary string
	flags   func(o *O, fs *pflag.FlagSet)
	want    operands
	run     func(e *env, fs *pflag.FlagSet, o *O) error
	about   string // synopsis and description, up to "Flags:"
	more    string // after the flags: examples and exit status
}

// flagSet returns the command's flags and the options they parse into.
func (c flagCommand[O]) flagSet() (*pflag.FlagSet, *O) {
	o, fs := new(O), newFlags(c.name)
	c.flags(o, fs)
	return fs, o
}

func (c flagCommand[O]) command() command {
	usage := func(w io.Writer) {
		fs, _ := c.flagSet()
		fmt.Fprint(w, c.about)
		fmt.Fprint(w, fs.FlagUsages())
		fmt.Fprint(w, c.more)
	}
	run := func(e *env, args []string) error {
		fs, o := c.flagSet()
		if done, err := parseFlags(e, fs, args, usage, c.want); done || err != nil {
			return err
		}
		return c.run(e, fs, o)
	}
	return command{name: c.name, summary: c.summary, run: run, usage: usage}
}
