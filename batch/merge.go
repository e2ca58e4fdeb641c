package batch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sendrecon/sendrecon/emit"
	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

// mergePart names the part of each batch-wide table a merge writes.
const mergePart = "merge"

// mergeTables are the tables made from all shards together.
var mergeTables = []string{"people", "links", "coverage", "conflicts", "item_people"}

// MergeSummary counts what a merge did.
type MergeSummary struct {
	Documents, Parts, Links int
}

// Merge reads the documents and items of every shard's parts in the output
// folder (Config.Run.Out) and writes the tables that need the whole batch:
// people, links, coverage and conflicts, as <table>/merge.parquet, and
// review.html for a small batch.
func (b *Batch) Merge(ctx context.Context, sink Sink) (sum MergeSummary, err error) {
	if sink == nil {
		sink = discard{}
	}
	useStatusCategories(b.Config)
	cfg, out := b.Config, b.Config.Run.Out
	if _, err := os.Stat(filepath.Join(out, "documents.parquet")); err == nil {
		return sum, fmt.Errorf("merge: %s holds a whole run (documents.parquet), not shards: nothing to merge", out)
	}
	files, err := emit.TableFiles(out, "documents")
	if err != nil {
		return sum, err
	}
	if len(files) == 0 {
		return sum, fmt.Errorf("merge: no documents parts in %s (run 'sendrecon run --shard i/n --out %s' first)", out, out)
	}
	sum.Parts = len(files)
	decisions, err := b.decisions(sink)
	if err != nil {
		return sum, err
	}
	o, err := b.openOutput(mergePart, mergeTables, "")
	if err != nil {
		return sum, err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, o.abort())
		}
	}()
	st, w, tmp := o.st, o.w, o.tmp
	coll, err := newCollector(tmp, cfg.Reconcile, decisions, cfg.Normalize.PeopleMaxEdits, cfg.Run.ReportMaxDocuments)
	if err != nil {
		return sum, err
	}
	defer func() { err = errors.Join(err, coll.close()) }()
	sum.Documents, err = collectParts(ctx, out, coll, sink)
	if err != nil {
		return sum, err
	}
	var orphans []reconcile.Decision
	sum.Links, orphans, err = coll.finish(ctx, w, func(err error) error { return rowErrors(sink, err) })
	if err != nil {
		return sum, err
	}
	warnOrphans(sink, orphans, DecisionsFile(cfg))
	remove, err := b.report(coll, sink, st)
	if err != nil {
		return sum, err
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	if err := errors.Join(w.Close(), coll.close()); err != nil {
		return sum, err
	}
	return sum, st.Publish(remove...)
}

// collectParts feeds the documents and items of every part to coll, each
// document once (the same bytes given to two shards are kept from the first
// part), and returns how many documents there were.
func collectParts(ctx context.Context, out string, coll *collector, sink Sink) (int, error) {
	docs := map[string]normalize.Document{}
	var order []string
	err := emit.ReadTable(out, "documents", func(rows []emit.DocumentRow) error {
		for i := range rows {
			id := rows[i].DocID
			if first, dup := docs[id]; dup {
				sink.Warn(fmt.Sprintf("%s: same content as %s in another shard; the first is kept", rows[i].SourcePath, first.SourcePath))
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
