package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// Exit codes: 0 all went well; 1 the run finished but some documents failed
// (their rows say why); 2 the command could not run (bad flags or
// configuration, an output folder it cannot write).
const (
	exitOK      = 0
	exitPartial = 1
	exitFatal   = 2
)

// errDocumentsFailed is returned when a batch finished with failed documents:
// its output is complete, but the caller should know.
var errDocumentsFailed = errors.New("documents failed")

// Run runs the sendrecon command line with args (without the program name).
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	root, g := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if perr := g.stopProfiles(); perr != nil && err == nil {
		err = perr
	}
	if err != nil && !errors.Is(err, errDocumentsFailed) {
		fmt.Fprintln(stderr, "sendrecon:", err)
	}
	return err
}

func exitCode(err error) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errDocumentsFailed):
		return exitPartial
	default:
		return exitFatal
	}
}

// globals are the flags every command takes.
type globals struct {
	configFile string
	stdout     io.Writer
	stderr     io.Writer
	profiles
}

func newRootCmd(stdout, stderr io.Writer) (*cobra.Command, *globals) {
	g := &globals{stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "sendrecon",
		Short: "Turn SEND strategy documents into reconciled Parquet tables",
		Long: `sendrecon reads the strategy documents of local SEND partnerships (PDF, HTML,
text and markdown), extracts their tables and headings, normalises them into
priorities, actions, inspection findings, outcomes and indicators, links the
actions to the findings and priorities they answer, and writes Parquet tables
for DuckDB, Spark or Power BI, plus a manifest of the run.

Configuration comes from the defaults built into the binary (see
'sendrecon config show'), then --config FILE, then SENDRECON_* environment
variables (SENDRECON_RUN_WORKERS=4 sets run.workers).`,
		Example: `  # Process every document under a folder into ./out
  sendrecon run documents/ --out out

  # A few files and a glob, with your own column synonyms
  sendrecon run plan.pdf 'reports/*.html' --config council.yaml --out out

  # What configuration is in force, and is my file valid?
  sendrecon config show --config council.yaml
  sendrecon config validate council.yaml`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().StringVar(&g.configFile, "config", "", "configuration `FILE` (YAML) read over the built-in defaults")
	g.profiles.flags(root)
	root.PersistentPreRunE = func(*cobra.Command, []string) error { return g.startProfiles() }
	root.AddCommand(newRunCmd(g), newConfigCmd(g), newVersionCmd(g), newLayoutCmd(g), newExplainCmd(g), newReviewCmd(g), newDiffCmd(g), newMergeCmd(g))
	return root, g
}
