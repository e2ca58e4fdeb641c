package batch

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/sendrecon/sendrecon/emit"
	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

// collector gathers what the batch-wide passes need of each document as it
// finishes, so that a batch of thousands never holds all its items at once:
//
//   - people resolution needs only the leads' names, fed to a Resolver
//     (memory grows with distinct spellings, not documents);
//   - reconciliation never links across local areas, so each document's
//     items wait in a spill file, indexed by area, and the areas are
//     reconciled one block at a time (memory grows with the largest area).
//
// A block is one local area, or several joined by a reviewer's decision
// that names items of both, so every decision is applied where its items
// are and the output is what one reconcile.Run over the whole batch gives.
type collector struct {
	opts      reconcile.Options
	decisions []reconcile.Decision
	spill     *spill
	areas     map[string][]span // area key -> its documents' records
	named     map[string]bool   // item ids some decision names
	areaOf    map[string]string // area key of each of those items
	people    *normalize.Resolver
	// report holds the whole batch for review.html while it has at most
	// reportMax documents; past that it is dropped.
	report    *reportData
	reportMax int
	// docs are the batch's documents in its stable order, written by
	// finish once reconciliation has told each its edition, when
	// writeDocs (a whole run; a merge's documents are the shards' rows).
	docs      []normalize.Document
	writeDocs bool
	// phase, when set, hears the link phase (local areas) and the write
	// phase (documents rows) as finish goes.
	phase func(name string, done, total int)
	// tally counts what finish wrote, for the run's last lines.
	tally reconcileTally
}

// reconcileTally is what the batch-wide passes found.
type reconcileTally struct {
	covered, partly, gaps, conflicts int
	// overdue counts overdue actions once per edition: those of each
	// edition's representative copy.
	overdue int
}

func (t *reconcileTally) add(rec reconcile.Output, items []normalize.Item) {
	rep := map[string]bool{}
	for _, e := range rec.Editions {
		rep[e.Representative] = true
	}
	for i := range items {
		if rep[items[i].DocID] && slices.Contains(items[i].Flags, reconcile.FlagOverdue) {
			t.overdue++
		}
	}
	for _, c := range rec.Coverage {
		switch c.Status {
		case reconcile.Covered:
			t.covered++
		case reconcile.PartlyCovered:
			t.partly++
		case reconcile.Gap:
			t.gaps++
		}
	}
	t.conflicts += len(rec.Conflicts)
}

// personIndex maps every spelling of a person's name to the person's id.
func personIndex(people []normalize.Person) map[string]string {
	ids := map[string]string{}
	for _, p := range people {
		ids[p.Name] = p.ID
		for _, v := range p.Variants {
			ids[v] = p.ID
		}
	}
	return ids
}

// itemPeople are the item_people rows of items: one per lead who is a
// person of people, in the order the leads are written.
func itemPeople(items []normalize.Item, ids map[string]string) []emit.ItemPersonRow {
	var rows []emit.ItemPersonRow
	for _, it := range items {
		seen := map[string]bool{}
		for _, l := range it.Leads {
			if id, ok := ids[l]; ok && !seen[id] {
				seen[id] = true
				rows = append(rows, emit.ItemPersonRow{ItemID: it.ID, PersonID: id, Role: "lead"})
			}
		}
	}
	return rows
}

type reportData struct {
	docs  []normalize.Document
	items []normalize.Item
	rec   reconcile.Output
}

// spilled is one document's spilled part.
type spilled struct {
	Doc   normalize.Document
	Items []normalize.Item
}

func newCollector(tmpDir string, opts reconcile.Options, decisions []reconcile.Decision, maxEdits, reportMax int) (*collector, error) {
	s, err := newSpill(tmpDir, "items")
	if err != nil {
		return nil, err
	}
	opts.PeopleMaxEdits = maxEdits
	c := &collector{
		opts: opts, decisions: decisions, spill: s,
		areas: map[string][]span{}, named: map[string]bool{}, areaOf: map[string]string{},
		people: normalize.NewResolver(maxEdits), reportMax: reportMax,
	}
	for _, d := range decisions {
		c.named[d.Src], c.named[d.Dst] = true, true
	}
	if reportMax > 0 {
		c.report = &reportData{}
	}
	return c, nil
}

// areaKey is the block reconcile puts a document in: its local area, or the
// document alone when it has none.
func areaKey(d *normalize.Document) string {
	if d.LocalArea == "" {
		return "doc:" + d.ID
	}
	return d.LocalArea
}

// add takes one finished document, in the batch's stable order.
func (c *collector) add(d *normalize.Document, items []normalize.Item) error {
	if c.writeDocs {
		c.docs = append(c.docs, *d)
	}
	c.people.Add(items)
	if c.report != nil {
		if len(c.report.docs) >= c.reportMax {
			c.report = nil
		} else {
			c.report.docs = append(c.report.docs, *d)
			c.report.items = append(c.report.items, items...)
		}
	}
	if len(items) == 0 {
		return nil // reconcile has nothing to do with it
	}
	key := areaKey(d)
	for i := range items {
		if c.named[items[i].ID] {
			c.areaOf[items[i].ID] = key
		}
	}
	sp, err := c.spill.put(spilled{Doc: *d, Items: items})
	if err != nil {
		return err
	}
	c.areas[key] = append(c.areas[key], sp)
	return nil
}

// finish writes people, then links, coverage and conflicts block by block,
// then the documents with their editions, and returns the links written
// and the decisions whose items are gone.
//
// It stops between blocks when ctx is done: an interrupted run publishes
// nothing, so there is no point finishing the links.
func (c *collector) finish(ctx context.Context, w *emit.Writer, rowErr func(error) error) (links int, orphans []reconcile.Decision, err error) {
	people := c.people.People()
	if err := rowErr(w.AddPeople(people)); err != nil {
		return 0, nil, err
	}
	ids := personIndex(people)
	if err := c.spill.flush(); err != nil {
		return 0, nil, err
	}
	blocks := c.blocks()
	if err := c.learn(blocks, w); err != nil {
		return 0, nil, err
	}
	orphaned := map[string]int{}
	edition := map[string]string{}
	for i, keys := range blocks {
		if err := ctx.Err(); err != nil {
			return links, nil, err
		}
		if c.phase != nil {
			c.phase(PhaseLink, i, len(blocks))
		}
		in, err := c.input(keys)
		if err != nil {
			return links, nil, err
		}
		if err := rowErr(w.AddItemPeople(itemPeople(in.Items, ids))); err != nil {
			return links, nil, err
		}
		rec := reconcile.Run(in, c.decisions, c.opts)
		for _, e := range rec.Editions {
			for _, id := range e.Copies {
				edition[id] = e.ID
			}
		}
		links += len(rec.Links)
		c.tally.add(rec, in.Items)
		if err := rowErr(errors.Join(w.AddLinks(rec.Links), w.AddCoverage(rec.Coverage), w.AddConflicts(rec.Conflicts))); err != nil {
			return links, nil, err
		}
		for _, o := range rec.Orphans {
			orphaned[o.LinkID]++
		}
		if i == 0 {
			orphans = rec.Orphans
		}
		if c.report != nil {
			c.report.rec.Links = append(c.report.rec.Links, rec.Links...)
			c.report.rec.Coverage = append(c.report.rec.Coverage, rec.Coverage...)
			c.report.rec.Conflicts = append(c.report.rec.Conflicts, rec.Conflicts...)
			c.report.rec.Editions = append(c.report.rec.Editions, rec.Editions...)
		}
	}
	if c.phase != nil {
		c.phase(PhaseLink, len(blocks), len(blocks))
	}
	if len(blocks) == 0 {
		orphans = reconcile.Run(reconcile.Input{}, c.decisions, c.opts).Orphans
	}
	// A document reconcile never saw (no items) is an edition of its own.
	var docErrs []error
	for i := range c.docs {
		d := &c.docs[i]
		d.EditionID = edition[d.ID]
		if d.EditionID == "" {
			d.EditionID = reconcile.EditionID(*d)
		}
		// A refused row becomes a failed one naming why, as in a run
		// that writes rows at once.
		docErrs = append(docErrs, addDocument(w, &Document{Result: normalize.Result{Document: *d}}))
		if c.phase != nil && (i%100 == 0 || i == len(c.docs)-1) {
			// The last is counted when the tables are published.
			c.phase(PhaseWrite, i, len(c.docs))
		}
	}
	if err := rowErr(errors.Join(docErrs...)); err != nil {
		return links, nil, err
	}
	if c.report != nil {
		for i := range c.report.docs {
			c.report.docs[i].EditionID = edition[c.report.docs[i].ID]
		}
	}
	// A decision is orphaned when no block holds its items.
	orphans = slices.DeleteFunc(orphans, func(o reconcile.Decision) bool { return orphaned[o.LinkID] < len(blocks) })
	if c.report != nil {
		c.report.rec.Orphans = orphans
		sortLikeRun(&c.report.rec)
	}
	return links, orphans, nil
}

// learn fits the link weights once per run, before any block is linked:
// the decided links are scored as linking would score them (a first pass
// over only the blocks holding items a decision names), the weights are
// learnt from them, and every block is then linked with those weights.
// Scoring the decided links afresh, rather than keeping their evidence in
// the decisions file, means learning follows what the run computes: a
// change of thesaurus, themes or normalisation is learnt through, and a
// decisions file written by hand or by an earlier version teaches as much
// as one written by the review page. manifest.json records the outcome.
func (c *collector) learn(blocks [][]string, w *emit.Writer) error {
	var examples []reconcile.Example
	last := map[string]bool{}
	for _, d := range c.decisions {
		last[d.LinkID] = true
	}
	if c.opts.Learn && len(c.decisions) > 0 {
		decided := map[string]bool{}
		for _, k := range c.areaOf {
			decided[k] = true
		}
		for _, keys := range blocks {
			if !slices.ContainsFunc(keys, func(k string) bool { return decided[k] }) {
				continue
			}
			in, err := c.input(keys)
			if err != nil {
				return err
			}
			examples = append(examples, reconcile.DecidedExamples(in, c.decisions, c.opts)...)
		}
	}
	weights, learning := reconcile.Learn(examples, len(last), c.opts)
	c.opts.Weights = weights
	w.SetLearning(learning)
	return nil
}

// input reads the documents and items of one block back from the spill.
func (c *collector) input(keys []string) (reconcile.Input, error) {
	var in reconcile.Input
	for _, k := range keys {
		for _, sp := range c.areas[k] {
			var r spilled
			if err := c.spill.get(sp, &r); err != nil {
				return in, err
			}
			in.Documents = append(in.Documents, r.Doc)
			in.Items = append(in.Items, r.Items...)
		}
	}
	return in, nil
}

// blocks groups the area keys into the blocks reconciled together, in a
// stable order: areas joined by a decision naming items of both go
// together.
func (c *collector) blocks() [][]string {
	keys := make([]string, 0, len(c.areas))
	for k := range c.areas {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parent := map[string]string{}
	var find func(string) string
	find = func(k string) string {
		p, ok := parent[k]
		if !ok || p == k {
			return k
		}
		r := find(p)
		parent[k] = r
		return r
	}
	for _, d := range c.decisions {
		a, okA := c.areaOf[d.Src]
		b, okB := c.areaOf[d.Dst]
		if okA && okB {
			ra, rb := find(a), find(b)
			if ra != rb {
				// The smaller key names the block, so the order is stable.
				if rb < ra {
					ra, rb = rb, ra
				}
				parent[rb] = ra
			}
		}
	}
	index := map[string]int{}
	var out [][]string
	for _, k := range keys {
		r := find(k)
		i, ok := index[r]
		if !ok {
			i = len(out)
			index[r] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], k)
	}
	return out
}

// sortLikeRun puts the blocks' outputs in the order one reconcile.Run over
// the whole batch gives them.
func sortLikeRun(rec *reconcile.Output) {
	slices.SortFunc(rec.Links, func(a, b reconcile.Link) int {
		return cmp.Or(cmp.Compare(a.Src, b.Src), cmp.Compare(a.Relation, b.Relation), cmp.Compare(a.Dst, b.Dst))
	})
	slices.SortFunc(rec.Coverage, func(a, b reconcile.Coverage) int {
		return cmp.Or(cmp.Compare(a.LocalArea, b.LocalArea), cmp.Compare(a.DocID, b.DocID), cmp.Compare(a.Key, b.Key))
	})
	pos := map[string]int{}
	for i, l := range rec.Links {
		pos[l.ID] = i
	}
	slices.SortStableFunc(rec.Conflicts, func(a, b reconcile.Conflict) int {
		return cmp.Compare(pos[a.LinkID], pos[b.LinkID])
	})
}

func (c *collector) close() error {
	if c == nil {
		return nil
	}
	return c.spill.close()
}

// reportSkipped says why review.html was not written.
func (c *collector) reportSkipped() string {
	if c.reportMax <= 0 {
		return "review.html not written: run.report_max_documents is 0"
	}
	return fmt.Sprintf("review.html not written: the batch has more than run.report_max_documents (%d) documents", c.reportMax)
}
