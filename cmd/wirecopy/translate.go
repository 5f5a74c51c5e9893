package main

import (
	"errors"
	"strconv"

	"github.com/spf13/pflag"

	"github.com/wirecopy/wirecopy/cluster"
)

// registerTranslate adds the flags of the cross-language stage
// (cluster/translate.go) to a pipeline command.
func registerTranslate(fs *pflag.FlagSet, p *pipeline) {
	f := fs.VarPF(negated{&p.cluster.Monolingual}, "translate", "", "also match paragraphs across languages, through bilingual dictionaries (--translate=false: monolingual only)")
	f.NoOptDefVal = "true"
	shareFlag(fs, &p.cluster.CrossThreshold, "cross-threshold", cluster.DefaultCrossThreshold, "share of the shorter paragraph's dictionary terms that a pair in two languages must have in common (0-1)")
}

// negated is a boolean flag that sets the opposite of its value: the
// flag says what is on, the option what is off (so that the option's
// zero value is the default).
type negated struct{ b *bool }

func (n negated) String() string {
	if n.b == nil {
		return "true"
	}
	return strconv.FormatBool(!*n.b)
}

func (n negated) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return errors.New("want true or false")
	}
	*n.b = !v
	return nil
}

func (n negated) Type() string { return "bool" }
