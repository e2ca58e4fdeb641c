package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/sendrecon/sendrecon/batch"
	"github.com/sendrecon/sendrecon/config"
)

func newMergeCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "merge OUT",
		Short: "Reconcile the shards of a sharded run: people, links, coverage, conflicts",
		Long: `After every 'sendrecon run --shard i/n --out OUT' has finished, read the
documents and items of all their parts in OUT and write the tables that
need the whole batch: people (names resolved across all documents), links,
coverage and conflicts, as OUT/<table>/merge.parquet, beside the shards'
parts. Items are reconciled one local area at a time, so memory depends on
the largest area, not on the batch. Run it again after re-running a shard.`,
		Example: `  sendrecon run docs/ --out out --shard 0/2   # on one machine
  sendrecon run docs/ --out out --shard 1/2   # on another
  sendrecon merge out`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := config.Load(g.configFile)
			if err != nil {
				return err
			}
			cfg.Run.Out = args[0]
			prog := newProgress(g.stderr, "off", time.Now)
			b := &batch.Batch{Config: cfg, Version: versionString()}
			sum, err := b.Merge(cmd.Context(), prog)
			if err != nil {
				return err
			}
			fmt.Fprintf(g.stderr, "%s: merged %d documents of %d parts, %d links\n", cfg.Run.Out, sum.Documents, sum.Parts, sum.Links)
			return nil
		},
	}
}
