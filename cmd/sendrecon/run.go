package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sendrecon/sendrecon/config"
)

type runFlags struct {
	out      string
	workers  int
	quiet    bool
	progress string
}

func newRunCmd(g *globals) *cobra.Command {
	f := &runFlags{}
	cmd := &cobra.Command{
		Use:   "run [PATH...]",
		Short: "Extract, normalise and reconcile documents into Parquet tables",
		Long: `Read every document named (files, folders searched recursively, and globs of
.pdf, .html/.htm, .txt and .md files), and write into the output folder:

  documents.parquet  one row per input, with status ok, partial or failed
  items.parquet      priorities, actions, findings, outcomes, indicators
  people.parquet     people named as leads, spelling variants resolved
  links.parquet      proposed and reviewed links between items
  cells.parquet      every table cell as extracted
  coverage.parquet   how well each inspection finding is answered
  conflicts.parquet  linked items that disagree
  changes.parquet    item changes between versions (sendrecon diff)
  manifest.json      inputs, configuration, counts and versions

A document that cannot be read gets a documents row with status=failed and
an error naming the file (and page); the rest of the batch is still written.
The command then exits 1 and prints "N of M documents failed". Tables are
written under temporary names and renamed into place when the run ends, so
a reader never sees a half-written table.`,
		Example: `  # The bundled samples, default configuration
  sendrecon run testdata/samples --out out

  # Everything under a folder, four documents at a time
  sendrecon run ~/send-docs --out out --workers 4

  # Then look at what came out, for example with DuckDB
  duckdb -c "SELECT kind, key, text FROM 'out/items.parquet' LIMIT 10"`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := config.Load(g.configFile)
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("out") {
				cfg.Run.Out = f.out
			}
			if cmd.Flags().Changed("workers") {
				cfg.Run.Workers = f.workers
			}
			if cmd.Flags().Changed("progress") {
				cfg.Run.Progress = f.progress
			}
			if f.quiet {
				cfg.Run.Progress = "off"
			}
			if err := cfg.Check(); err != nil {
				return err
			}
			b := &batch{cfg: cfg, stdout: g.stdout, stderr: g.stderr}
			sum, err := b.run(cmd.Context(), expandInputs(args))
			if err != nil {
				return err
			}
			fmt.Fprintf(g.stderr, "%s: %d documents, %d items, %d links, %d table cells\n",
				cfg.Run.Out, sum.documents, sum.items, sum.links, sum.cells)
			if sum.failed > 0 {
				fmt.Fprintf(g.stderr, "%d of %d documents failed\n", sum.failed, sum.documents)
				return errDocumentsFailed
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&f.out, "out", "o", "out", "output `DIR` for the tables (run.out)")
	cmd.Flags().IntVarP(&f.workers, "workers", "w", 0, "documents processed at once; 0 for one per CPU (run.workers)")
	cmd.Flags().StringVar(&f.progress, "progress", "auto", "progress on stderr: auto, bar, lines or off (run.progress)")
	cmd.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "no progress on stderr")
	return cmd
}
