package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
)

// Flag values that parse straight into the option types and refuse what
// is out of range: a flag's value is what it says, or an error that names
// the flag and what it accepts ("--min-words 0: must be at least 1"; see
// parseFlags). None of them turns a value into a default.

// atLeast is a whole number of at least min.
type atLeast[T ~int | ~int64] struct {
	p   *T
	min T
}

func (v atLeast[T]) String() string {
	if v.p == nil {
		return "0"
	}
	return strconv.FormatInt(int64(*v.p), 10)
}

func (v atLeast[T]) Set(s string) error {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || int64(T(n)) != n {
		return errors.New("not a whole number")
	}
	if T(n) < v.min {
		return fmt.Errorf("must be at least %d", v.min)
	}
	*v.p = T(n)
	return nil
}

func (v atLeast[T]) Type() string { return "int" }

// intFlag registers a whole-number flag of at least min, set to value.
func intFlag[T ~int | ~int64](fs *pflag.FlagSet, p *T, name string, value, min T, usage string) {
	*p = value
	fs.Var(atLeast[T]{p, min}, name, usage)
}

// share is a share strictly between 0 and 1, such as a threshold.
type share struct{ p *float64 }

func (v share) String() string {
	if v.p == nil {
		return "0"
	}
	return strconv.FormatFloat(*v.p, 'g', -1, 64)
}

func (v share) Set(s string) error {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return errors.New("not a number")
	}
	if !(f > 0 && f < 1) {
		return errors.New("must be more than 0 and less than 1")
	}
	*v.p = f
	return nil
}

func (v share) Type() string { return "float" }

// shareFlag registers a flag of a share in (0, 1), set to value.
func shareFlag(fs *pflag.FlagSet, p *float64, name string, value float64, usage string) {
	*p = value
	fs.Var(share{p}, name, usage)
}

// choice is a flag whose value is one of a few names, parsed by a
// library's own parser into its option type.
type choice[T any] struct {
	p     *T
	text  string // the name last set
	parse func(string) (T, error)
	want  string // the names accepted, for the error
}

func (c *choice[T]) String() string { return c.text }

func (c *choice[T]) Set(s string) error {
	v, err := c.parse(s)
	if err != nil {
		return fmt.Errorf("want %s", c.want)
	}
	*c.p, c.text = v, s
	return nil
}

func (c *choice[T]) Type() string { return "string" }

// choiceFlag registers a choice flag set to value, which parse must accept.
func choiceFlag[T any](fs *pflag.FlagSet, p *T, name, shorthand, value string, parse func(string) (T, error), want, usage string) {
	c := &choice[T]{p: p, parse: parse, want: want}
	if err := c.Set(value); err != nil {
		panic("wirecopy: default of --" + name + " is not valid") // a programming error
	}
	fs.VarP(c, name, shorthand, usage)
}

// flagError turns pflag's "invalid argument "0" for "--min-words" flag:
// must be at least 1" into "--min-words 0: must be at least 1".
func flagError(err error) error {
	var iv *pflag.InvalidValueError
	if errors.As(err, &iv) && iv.GetFlag() != nil {
		return fmt.Errorf("--%s %s: %w", iv.GetFlag().Name, iv.GetValue(), iv.Unwrap())
	}
	return err
}
