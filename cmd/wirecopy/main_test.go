package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// The CLI is tested with txtar scripts in testdata/script: each runs
// wirecopy commands and checks stdout, stderr and the exit status.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"wirecopy": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       os.Getenv("UPDATE_SCRIPTS") != "",
		RequireExplicitExec: true,
		Cmds:                scriptCmds,
		Condition:           scriptCondition,
		Setup: func(env *testscript.Env) error {
			env.Setenv("COLUMNS", "")
			env.Setenv("NO_COLOR", "1")
			// The project's labelled data, for scripts that scan it.
			testdata, err := filepath.Abs("../../testdata")
			env.Setenv("TESTDATA", testdata)
			return err
		},
	})
}
