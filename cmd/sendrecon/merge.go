package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/emit"
	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

// mergePart names the part of each batch-wide table a merge writes.
const mergePart = "merge"

// mergeTables are the tables made from all shards together.
var mergeTables = []string{"people", "links", "coverage", "conflicts", "item_people"}

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
			return merge(cmd.Context(), cfg, args[0], g)
		},
	}
}

func merge(ctx context.Context, cfg *config.Config, out string, g *globals) (err error) {
	if _, err := os.Stat(filepath.Join(out, "documents.parquet")); err == nil {
		return fmt.Errorf("merge: %s holds a whole run (documents.parquet), not shards: nothing to merge", out)
	}
	files, err := emit.TableFiles(out, "documents")
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("merge: no documents parts in %s (run 'sendrecon run --shard i/n --out %s' first)", out, out)
	}
	decisions, err := reconcile.ReadDecisions(cfg.Reconcile.Decisions)
	if err != nil {
		return err
	}
	w, err := emit.Create(out, emit.Options{
		Tool: "sendrecon", Version: versionString(), Config: cfg.Settings(),
		RowGroupRows: cfg.Run.RowGroupRows,
		Part:         mergePart, Only: mergeTables,
	})
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(out, ".sendrecon-tmp-")
	if err != nil {
		return errors.Join(err, w.Abort())
	}
	defer func() { err = errors.Join(err, os.RemoveAll(tmp)) }()
	coll, err := newCollector(tmp, cfg.Reconcile, decisions, cfg.Normalize.PeopleMaxEdits, cfg.Run.ReportMaxDocuments)
	if err != nil {
		return errors.Join(err, w.Abort())
	}
	defer func() { err = errors.Join(err, coll.close()) }()
	prog := newProgress(g.stderr, "off", 0, time.Now)
	n, err := collectParts(ctx, out, coll, prog)
	if err == nil {
		var links int
		var orphans []reconcile.Decision
		links, orphans, err = coll.finish(w, func(err error) error { return rowErrors(prog, err) })
		for _, o := range orphans {
			prog.warn(fmt.Sprintf("orphaned decision: %s %s (%s -%s-> %s): its items are gone; kept in %s, not applied",
				o.Action, o.LinkID, o.Src, o.Relation, o.Dst, cfg.Reconcile.Decisions))
		}
		if err == nil {
			b := &batch{cfg: cfg}
			err = b.report(coll, prog)
		}
		if err == nil {
			fmt.Fprintf(g.stderr, "%s: merged %d documents of %d parts, %d links\n", out, n, len(files), links)
		}
	}
	if err != nil {
		return errors.Join(err, w.Abort())
	}
	return w.Close()
}

// collectParts feeds the documents and items of every part to coll, each
// document once (the same bytes given to two shards are kept from the first
// part), and returns how many documents there were.
func collectParts(ctx context.Context, out string, coll *collector, prog *progress) (int, error) {
	docs := map[string]normalize.Document{}
	var order []string
	err := emit.ReadTable(out, "documents", func(rows []emit.DocumentRow) error {
		for i := range rows {
			id := rows[i].DocID
			if first, dup := docs[id]; dup {
				prog.warn(fmt.Sprintf("%s: same content as %s in another shard; the first is kept", rows[i].SourcePath, first.SourcePath))
				continue
			}
			docs[id] = emit.DocumentOf(&rows[i])
			order = append(order, id)
		}
		return ctx.Err()
	})
	if err != nil {
		return 0, err
	}
	added := map[string]bool{}
	g := grouper[normalize.Item]{wanted: nil, put: func(id string, items []normalize.Item) error {
		d, ok := docs[id]
		if !ok || added[id] {
			return nil // an item without its document, or a duplicate's
		}
		added[id] = true
		return coll.add(&d, items)
	}}
	g.keepAll = true
	err = emit.ReadTable(out, "items", func(rows []emit.ItemRow) error {
		for i := range rows {
			if err := g.add(rows[i].DocID, emit.ItemOf(&rows[i])); err != nil {
				return err
			}
		}
		return ctx.Err()
	})
	if err = errors.Join(err, g.flush()); err != nil {
		return 0, err
	}
	for _, id := range order {
		if !added[id] {
			d := docs[id]
			if err := coll.add(&d, nil); err != nil {
				return 0, err
			}
		}
	}
	return len(order), nil
}
