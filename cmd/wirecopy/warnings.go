package main

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/wirecopy/wirecopy/corpus"
)

// warningsShown is how many messages on one input are printed: enough to
// show what is wrong with it, few enough that a file of a million bad
// records does not bury the rest of standard error.
const warningsShown = 10

// warnings prints the problems and notes met while reading inputs, at most
// warningsShown per input; the rest are counted, and said once per input
// by done: "corpus: feed.jsonl: ... and 13,699,998 more problems not
// shown". It counts the problems (not the notes) for the exit status,
// every command that reads input the same way.
type warnings struct {
	e        *env
	problems int            // problems met, shown or not
	repeated int            // documents with a repeated id (repeatedIDs)
	shown    map[string]int // messages printed, by input
	hidden   map[string]*hiddenCount
	order    []string // inputs with hidden messages, in order
}

type hiddenCount struct{ problems, notes int }

func newWarnings(e *env) *warnings {
	return &warnings{e: e, shown: map[string]int{}, hidden: map[string]*hiddenCount{}}
}

// add prints err, with hint's flags and suffix after it, unless its input
// had its share. A *corpus.Error names its input; any other error counts
// for input, "" when there is none.
func (w *warnings) add(input string, err error, suffix string) {
	if !corpus.IsNote(err) {
		w.problems++
	}
	var ce *corpus.Error
	if errors.As(err, &ce) {
		input = ce.Path
	}
	if w.shown[input] < warningsShown {
		w.shown[input]++
		w.e.warnf("%v%s", hint(err), suffix)
		return
	}
	h := w.hidden[input]
	if h == nil {
		h = &hiddenCount{}
		w.hidden[input] = h
		w.order = append(w.order, input)
	}
	if corpus.IsNote(err) {
		h.notes++
	} else {
		h.problems++
	}
}

// warn is add for corpus.Walk and corpus.Read.
func (w *warnings) warn(err error) { w.add("", err, "") }

// err returns nil when no problem was met, else the error that ends the
// command with status 1, after everything readable was what (processed):
// "3 input problem(s) reported above; everything else was read".
func (w *warnings) err(what string) error {
	if n := w.problems + w.repeated; n > 0 {
		return fmt.Errorf("%d input problem(s) reported above; everything else was %s", n, what)
	}
	return nil
}

// done says how many messages were not printed, per input.
func (w *warnings) done() {
	for _, input := range w.order {
		h := w.hidden[input]
		name := input
		if name == "-" {
			name = "stdin"
		}
		var parts []string
		if h.problems > 0 {
			parts = append(parts, thousands(h.problems)+" more "+plural(h.problems, "problem"))
		}
		if h.notes > 0 {
			parts = append(parts, thousands(h.notes)+" more "+plural(h.notes, "note"))
		}
		msg := parts[0]
		if len(parts) > 1 {
			msg += " and " + parts[1]
		}
		w.e.warnf("corpus: %s: ... and %s not shown (the first %d are above)", name, msg, warningsShown)
	}
	w.order = nil
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
