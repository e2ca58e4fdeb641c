package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/sendrecon/sendrecon/batch"
	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/outlock"
	"github.com/sendrecon/sendrecon/report"
)

type runFlags struct {
	out      string
	workers  int
	quiet    bool
	progress string
	force    bool
	shard    string
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
The command then exits 1 and prints "N of M documents failed". A path that
does not exist, or a folder with no document to read, is an error (exit 2)
before anything is written. The output is built in a staging folder beside
--out and moved in only when the whole run succeeded, so a failed or
interrupted run leaves the earlier output as it was. Reviewers' decisions
are read from the output folder (reconcile.decisions, decisions.jsonl).

Documents are processed --workers at a time and their rows written as they
finish, so memory depends on the workers, not on the size of the batch.
The output is the same, byte for byte, whatever the worker count.

A run into a folder an earlier run wrote is incremental: a document whose
bytes and extract/normalize configuration are unchanged (sha256 and
document_digest in manifest.json) is not processed again; its rows are
carried over. --force processes everything.

--shard i/n processes one stable subset of the inputs (n machines, one
shard each, all given the same paths) and writes each table as a part,
<out>/<table>/part-<i>.parquet; then 'sendrecon merge OUT' links the
items of all parts and writes people, links, coverage and conflicts.

Limits under extract: in the configuration (max_bytes, max_pages,
max_objects, max_seconds) cap what one document may cost; a document over
one is failed, its error naming the limit.`,
		Example: `  # The bundled samples, default configuration
  sendrecon run testdata/samples --out out

  # Everything under a folder, four documents at a time
  sendrecon run ~/send-docs --out out --workers 4

  # Four machines, one shard each, then one merge
  sendrecon run ~/send-docs --out /shared/out --shard 0/4
  sendrecon merge /shared/out

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
			b := &batch.Batch{Config: cfg, Version: versionString(), Force: f.force}
			if f.shard != "" {
				if b.Shard, err = batch.ParseShard(f.shard); err != nil {
					return err
				}
			}
			// The inputs are checked before anything is touched.
			inputs, err := batch.Expand(args)
			if err != nil {
				return err
			}
			// One run per output folder: a second would interleave its
			// tables with this one's.
			lock, err := outlock.Acquire(cfg.Run.Out)
			if err != nil {
				return err
			}
			defer atExit(lock.Release)()
			defer lock.Release()
			// Holding the lock, any staging folder of this output is a
			// killed run's.
			if err := batch.RemoveStale(cfg.Run.Out); err != nil {
				return err
			}
			prog := newProgress(g.stderr, progressMode(cfg.Run.Progress, g.stderr, nil), time.Now)
			sum, err := b.Run(cmd.Context(), inputs, prog)
			prog.finish()
			if err != nil {
				return err
			}
			carried := ""
			if sum.Carried > 0 {
				carried = fmt.Sprintf(" (%d unchanged, carried over)", sum.Carried)
			}
			fmt.Fprintf(g.stderr, "%s: %d documents%s, %d items, %d links, %d table cells\n",
				cfg.Run.Out, sum.Documents, carried, sum.Items, sum.Links, sum.Cells)
			if !b.Shard.On() {
				printFindings(g.stderr, cfg, sum, time.Now())
			}
			if b.Shard.On() {
				fmt.Fprintf(g.stderr, "shard %s written; run 'sendrecon merge %s' when every shard is done\n", b.Shard, cfg.Run.Out)
			}
			if sum.Failed > 0 {
				fmt.Fprintf(g.stderr, "%d of %d documents failed\n", sum.Failed, sum.Documents)
				return errDocumentsFailed
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&f.out, "out", "o", "out", "output `DIR` for the tables (run.out)")
	cmd.Flags().IntVarP(&f.workers, "workers", "w", 0, "documents processed at once; 0 for one per CPU (run.workers)")
	cmd.Flags().StringVar(&f.progress, "progress", "auto", "progress on stderr: auto, bar, lines or off (run.progress)")
	cmd.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "no progress on stderr (failures and warnings still print)")
	cmd.Flags().BoolVar(&f.force, "force", false, "process every document, even those unchanged since the last run into --out")
	cmd.Flags().StringVar(&f.shard, "shard", "", "process shard `i/n` of the inputs and write parts (then 'sendrecon merge')")
	return cmd
}

// printFindings is what the run found, in the words of the mission: the
// findings answered and not, the actions overdue (as of when), the
// conflicts, and where to read it all.
func printFindings(w io.Writer, cfg *config.Config, sum batch.Summary, now time.Time) {
	fmt.Fprintf(w, "findings: %d covered, %d partly covered, %d gap\n", sum.Covered, sum.Partly, sum.Gaps)
	asOf := batch.AsOfText(cfg.Reconcile, now)
	if first, last := sum.AsOfFirst, sum.AsOfLast; !first.IsZero() {
		asOf = first.Format(time.DateOnly)
		if !last.Equal(first) {
			asOf += " to " + last.Format(time.DateOnly) + ", each document's own date"
		}
	}
	fmt.Fprintf(w, "overdue actions: %d (as of %s)\n", sum.Overdue, asOf)
	fmt.Fprintf(w, "conflicts: %d\n", sum.Conflicts)
	page := filepath.Join(cfg.Run.Out, report.File)
	if _, err := os.Stat(page); err == nil {
		fmt.Fprintf(w, "review page: %s\n", page)
	}
}
