package batch

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/sendrecon/sendrecon/emit"
	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

// previous is what an earlier run into the same output folder wrote about
// the documents it read well (status ok or partial), for an incremental
// run: a document whose bytes (sha256) and document digest are unchanged
// is not processed again; its rows are carried over. The rows wait in a
// spill file, not in memory; only the index is held.
type previous struct {
	spill *spill
	bySHA map[string]string // sha256 -> doc_id
	docs  map[string]*carriedSpans
}

type carriedSpans struct {
	doc          span
	items, cells []span
}

// carriedDoc is one spilled record of a previous run.
type carriedDoc struct {
	Doc   normalize.Document
	Items []normalize.Item
	Cells []emit.CellRow
}

// loadPrevious reads the manifests and tables an earlier run left in out;
// nil when there is nothing to carry over (no earlier run, another
// digest).
func loadPrevious(ctx context.Context, out, tmp, digest string) (*previous, error) {
	ms, err := emit.ReadManifests(out)
	if err != nil {
		return nil, fmt.Errorf("incremental run: %w (use --force to ignore the earlier run)", err)
	}
	p := &previous{bySHA: map[string]string{}, docs: map[string]*carriedSpans{}}
	for _, m := range ms {
		if m.DocumentDigest == "" || m.DocumentDigest != digest {
			continue
		}
		for _, in := range m.Inputs {
			if in.Status != normalize.StatusFailed && in.SHA256 != "" {
				p.bySHA[in.SHA256] = in.DocID
			}
		}
	}
	if len(p.bySHA) == 0 {
		return nil, nil
	}
	wanted := map[string]bool{}
	for _, id := range p.bySHA {
		wanted[id] = true
	}
	if p.spill, err = newSpill(tmp, "previous"); err != nil {
		return nil, err
	}
	err = p.load(ctx, out, wanted)
	if err == nil {
		err = p.spill.flush()
	}
	if err != nil {
		return nil, fmt.Errorf("incremental run: reading the earlier tables in %s: %w (use --force to ignore them)", out, errors.Join(err, p.close()))
	}
	// A document whose rows are not all there is processed again.
	for sha, id := range p.bySHA {
		if c := p.docs[id]; c == nil || c.doc == (span{}) {
			delete(p.bySHA, sha)
		}
	}
	return p, nil
}

func (p *previous) load(ctx context.Context, out string, wanted map[string]bool) error {
	entry := func(id string) *carriedSpans {
		c := p.docs[id]
		if c == nil {
			c = &carriedSpans{}
			p.docs[id] = c
		}
		return c
	}
	err := emit.ReadTable(out, "documents", func(rows []emit.DocumentRow) error {
		for i := range rows {
			if !wanted[rows[i].DocID] {
				continue
			}
			sp, err := p.spill.put(carriedDoc{Doc: emit.DocumentOf(&rows[i])})
			if err != nil {
				return err
			}
			entry(rows[i].DocID).doc = sp
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	items := grouper[normalize.Item]{wanted: wanted, put: func(id string, its []normalize.Item) error {
		sp, err := p.spill.put(carriedDoc{Items: its})
		entry(id).items = append(entry(id).items, sp)
		return err
	}}
	err = emit.ReadTable(out, "items", func(rows []emit.ItemRow) error {
		for i := range rows {
			if err := items.add(rows[i].DocID, emit.ItemOf(&rows[i])); err != nil {
				return err
			}
		}
		return ctx.Err()
	})
	if err = errors.Join(err, items.flush()); err != nil {
		return err
	}
	cells := grouper[emit.CellRow]{wanted: wanted, put: func(id string, cs []emit.CellRow) error {
		sp, err := p.spill.put(carriedDoc{Cells: cs})
		entry(id).cells = append(entry(id).cells, sp)
		return err
	}}
	err = emit.ReadTable(out, "cells", func(rows []emit.CellRow) error {
		for i := range rows {
			r := rows[i]
			if r.Page != nil {
				v := *r.Page // the reader reuses its buffers
				r.Page = &v
			}
			if err := cells.add(r.DocID, r); err != nil {
				return err
			}
		}
		return ctx.Err()
	})
	return errors.Join(err, cells.flush())
}

// grouper collects runs of rows of one document and puts each run, so
// memory holds one document's rows at a time.
type grouper[T any] struct {
	wanted  map[string]bool
	keepAll bool // every document, wanted or not
	put     func(docID string, rows []T) error
	id      string
	rows    []T
}

func (g *grouper[T]) add(id string, row T) error {
	if id != g.id {
		if err := g.flush(); err != nil {
			return err
		}
		g.id = id
	}
	if g.keepAll || g.wanted[id] {
		g.rows = append(g.rows, row)
	}
	return nil
}

func (g *grouper[T]) flush() error {
	if len(g.rows) == 0 {
		return nil
	}
	err := g.put(g.id, g.rows)
	g.rows = nil
	return err
}

// take returns the carried-over result for a document with these bytes,
// under its path in this run; false when it must be processed.
func (p *previous) take(sha, path string) (Document, bool) {
	if p == nil {
		return Document{}, false
	}
	id, ok := p.bySHA[sha]
	if !ok {
		return Document{}, false
	}
	c := p.docs[id]
	var r Document
	var d carriedDoc
	if err := p.spill.get(c.doc, &d); err != nil {
		return Document{}, false
	}
	r.Result.Document = d.Doc
	r.Result.Document.SourcePath = path
	for _, sp := range c.items {
		var d carriedDoc
		if err := p.spill.get(sp, &d); err != nil {
			return Document{}, false
		}
		r.Result.Items = append(r.Result.Items, d.Items...)
	}
	for i := range r.Result.Items {
		// Overdue depends on the day of the run; the batch flags it again.
		it := &r.Result.Items[i]
		it.Flags = slices.DeleteFunc(it.Flags, func(f string) bool { return f == reconcile.FlagOverdue })
		if len(it.Flags) == 0 {
			it.Flags = nil
		}
	}
	for _, sp := range c.cells {
		var d carriedDoc
		if err := p.spill.get(sp, &d); err != nil {
			return Document{}, false
		}
		r.CellRows = append(r.CellRows, d.Cells...)
	}
	r.Cells = len(r.CellRows)
	r.Carried = true
	return r, true
}

func (p *previous) close() error {
	if p == nil {
		return nil
	}
	return p.spill.close()
}
