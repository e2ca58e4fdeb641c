package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/emit"
	"github.com/sendrecon/sendrecon/extract"
	"github.com/sendrecon/sendrecon/extract/layout"
	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
	"github.com/sendrecon/sendrecon/report"
)

// batch is one `sendrecon run`: every input through extract and normalize,
// then the batch-wide passes (people, reconcile), into one output folder.
//
// Memory is bounded by the workers, not the batch: documents are processed
// by at most cfg.Workers() goroutines, their rows are written as they
// finish, in input order, and what the batch-wide passes need waits on disk
// (see collector).
type batch struct {
	// prev holds the rows of documents an earlier run into the same folder
	// did, for carrying over; nil when there are none or with force.
	prev   *previous
	cfg    *config.Config
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time // pinned by tests
	// force reprocesses documents an earlier run into the same folder
	// already did.
	force bool
	// shard, when set, processes one stable subset of the inputs and
	// writes its tables as parts; `sendrecon merge` reconciles the parts.
	shard shard
	// terminal says whether stderr is a terminal; nil asks the OS.
	terminal func(io.Writer) bool
	// timeLimit, when set, replaces extract.max_seconds (tests).
	timeLimit time.Duration
	// afterDocument, when set, is called after each document's rows are
	// written (tests inject faults with it).
	afterDocument func()
}

func (b *batch) clock() time.Time {
	if b.now != nil {
		return b.now()
	}
	return time.Now()
}

type summary struct {
	documents, failed, carried, items, links, cells, pages int
	// overdue counts overdue actions; coverage and conflicts come from
	// the collector.
	overdue                        int
	covered, partly, gaps, clashes int
}

// count adds one document's items to the summary.
func (s *summary) count(items []normalize.Item) {
	for i := range items {
		if slices.Contains(items[i].Flags, reconcile.FlagOverdue) {
			s.overdue++
		}
	}
}

// canonicalOrg is item_orgs.org_canonical under the configuration.
func canonicalOrg(cfg *config.Config) func(string, map[string]string) string {
	known := cfg.Normalize.OrgAcronyms
	return func(org string, acronyms map[string]string) string {
		return normalize.CanonicalOrg(org, acronyms, known)
	}
}

// docResult is what one document gave.
type docResult struct {
	result normalize.Result
	tables []*layout.Table
	// cellRows are the cells of a document carried over from an earlier
	// run, as they were written.
	cellRows []emit.CellRow
	cells    int
	carried  bool
}

func (b *batch) run(ctx context.Context, inputs []input) (sum summary, err error) {
	out := b.cfg.Run.Out
	inputs = b.shard.pick(inputs)
	digest := documentDigest(b.cfg)
	w, err := emit.Create(out, emit.Options{
		Tool: "sendrecon", Version: versionString(), Config: b.cfg.Settings(), Now: b.now,
		RowGroupRows: b.cfg.Run.RowGroupRows,
		Part:         b.shard.part(), DocumentDigest: digest, Only: b.shard.tables(),
		AsOf:          reconcile.RunAsOf(b.cfg.Reconcile, b.clock()),
		AsOfDocuments: b.cfg.Reconcile.AsOf == reconcile.AsOfDocument,
		CanonicalOrg:  canonicalOrg(b.cfg),
	})
	if err != nil {
		return sum, err
	}
	// Scratch space beside the tables: same disk, removed whatever happens.
	tmp, err := os.MkdirTemp(out, ".sendrecon-tmp-")
	if err != nil {
		return sum, errors.Join(err, w.Abort())
	}
	defer func() { err = errors.Join(err, os.RemoveAll(tmp)) }()
	var coll *collector
	if !b.shard.on() {
		decisions, err := reconcile.ReadDecisions(b.cfg.Reconcile.Decisions)
		if err != nil {
			return sum, errors.Join(err, w.Abort())
		}
		coll, err = newCollector(tmp, b.cfg.Reconcile, decisions, b.cfg.Normalize.PeopleMaxEdits, b.cfg.Run.ReportMaxDocuments)
		if err != nil {
			return sum, errors.Join(err, w.Abort())
		}
		defer func() { err = errors.Join(err, coll.close()) }()
	}
	if !b.force {
		b.prev, err = loadPrevious(ctx, out, tmp, digest)
		if err != nil {
			return sum, errors.Join(err, w.Abort())
		}
		defer func() { err = errors.Join(err, b.prev.close()) }()
	}
	prog := newProgress(b.stderr, b.progressMode(), len(inputs), time.Now)
	defer prog.finish()
	seen := map[string]string{} // doc_id -> path, to catch the same bytes given twice
	err = forEachOrdered(ctx, len(inputs), b.cfg.Workers(),
		func(ctx context.Context, i int) docResult { return b.process(ctx, inputs[i]) },
		func(r docResult) error {
			d := &r.result.Document
			if first, dup := seen[d.ID]; dup {
				// Same bytes twice would give the same ids twice: keep the
				// first, and say so rather than writing duplicate keys.
				prog.note(fmt.Sprintf("%s: same content as %s; skipped", d.SourcePath, first))
				return nil
			}
			seen[d.ID] = d.SourcePath
			sum.documents++
			if d.Status == normalize.StatusFailed {
				sum.failed++
			}
			if r.carried {
				sum.carried++
			}
			asOf, _ := reconcile.AsOf(d, b.cfg.Reconcile, b.clock())
			reconcile.FlagOverdueAsOf(r.result.Items, b.cfg.Reconcile, asOf)
			sum.count(r.result.Items)
			sum.items += len(r.result.Items)
			sum.cells += r.cells
			sum.pages += d.PageCount
			prog.done(d, r.carried)
			err := rowErrors(prog, errors.Join(w.AddResult(r.result), w.AddCells(d.ID, r.tables), w.AddCellRows(r.cellRows)))
			if err == nil && coll != nil {
				err = coll.add(d, r.result.Items)
			}
			if b.afterDocument != nil {
				b.afterDocument()
			}
			return err
		})
	prog.finish()
	if err == nil && coll != nil {
		var orphans []reconcile.Decision
		sum.links, orphans, err = coll.finish(w, func(err error) error { return rowErrors(prog, err) })
		t := coll.tally
		sum.covered, sum.partly, sum.gaps, sum.clashes = t.covered, t.partly, t.gaps, t.conflicts
		for _, o := range orphans {
			prog.warn(fmt.Sprintf("orphaned decision: %s %s (%s -%s-> %s): its items are gone; kept in %s, not applied",
				o.Action, o.LinkID, o.Src, o.Relation, o.Dst, b.cfg.Reconcile.Decisions))
		}
		if err == nil {
			err = b.report(coll, prog)
		}
	}
	if err != nil {
		return sum, errors.Join(err, w.Abort())
	}
	return sum, w.Close()
}

// report writes review.html when the batch was small enough to hold for it,
// and otherwise removes an earlier run's page, which no longer describes
// the folder.
func (b *batch) report(coll *collector, prog *progress) error {
	if r := coll.report; r != nil {
		return writeReport(b.cfg.Run.Out, r.docs, r.items, r.rec, nil, b.clock(), b.cfg.Reconcile)
	}
	prog.note(coll.reportSkipped())
	err := os.Remove(filepath.Join(b.cfg.Run.Out, report.File))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// process reads, extracts and normalises one input. It never fails: what
// goes wrong becomes the document's status and error.
func (b *batch) process(ctx context.Context, in input) (res docResult) {
	d := &res.result.Document
	d.SourcePath = in.Path
	d.Format = formatOf(in.Path)
	d.Title = strings.TrimSuffix(filepath.Base(in.Path), filepath.Ext(in.Path))
	d.Status = normalize.StatusOK
	fail := func(err error) docResult {
		d.Status, d.Error = normalize.StatusFailed, err.Error()
		res.result.Items, res.tables, res.cells = nil, nil, 0
		return res
	}
	defer func() {
		// extract recovers its parsers' panics; this catches our own, so
		// one document can never take the batch down.
		if p := recover(); p != nil {
			res = fail(fmt.Errorf("%s: internal error: %v\n%s", in.Path, p, debug.Stack()))
		}
	}()

	data, err := readInput(in, b.cfg.Extract.MaxBytes)
	sum := sha256.Sum256(data)
	d.SHA256 = hex.EncodeToString(sum[:])
	d.ID = docID(d.SHA256, in.Path, err == nil)
	if err != nil {
		return fail(err)
	}
	if c, ok := b.prev.take(d.SHA256, in.Path); ok {
		return c
	}
	// The time limit covers extract and normalise; the readers check ctx
	// between pages and blocks.
	parent := ctx
	limit := time.Duration(b.cfg.Extract.MaxSeconds) * time.Second
	if b.timeLimit > 0 {
		limit = b.timeLimit
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	timedOut := func() bool { return parent.Err() == nil && errors.Is(ctx.Err(), context.DeadlineExceeded) }
	ld, err := extract.Bytes(ctx, in.Path, data, extractOptions(b.cfg))
	data = nil // the layout is all that is needed now
	if timedOut() {
		return fail(b.overTime(in.Path))
	}
	if err != nil {
		return fail(b.limitError(in.Path, err))
	}
	if err := b.pageLimit(in.Path, ld); err != nil {
		return fail(err)
	}
	r, err := normalize.Run(ld, normalize.Meta{
		DocID: d.ID, SourcePath: in.Path, SHA256: d.SHA256,
	}, b.cfg.Normalize)
	if timedOut() {
		return fail(b.overTime(in.Path))
	}
	if err != nil {
		return fail(fmt.Errorf("%s: %w", in.Path, err))
	}
	res.result = r
	res.tables = ld.Tables()
	for _, t := range res.tables {
		res.cells += len(t.Cells)
	}
	if len(ld.PageErrors) > 0 && res.result.Document.Status == normalize.StatusOK {
		res.result.Document.Status = normalize.StatusPartial
		res.result.Document.Error = pageErrors(in.Path, ld.PageErrors)
	}
	return res
}

// rowErrors reports rows the writer refused (an empty required value, a
// value outside its column's choices) and lets the batch go on: they are a
// fault in one document's rows, named on stderr, not a reason to lose the
// others. Any other error, such as a failed write, stops the run.
func rowErrors(prog *progress, err error) error {
	rows, rest := emit.Refused(err)
	for _, e := range rows {
		prog.warn("row not written: " + e.Error())
	}
	return rest
}

// readInput reads a whole input, refusing one larger than limit before
// reading it, in words that name the setting to change.
func readInput(in input, limit int64) ([]byte, error) {
	if in.Err != nil {
		return nil, in.Err
	}
	data, err := extract.ReadFile(in.Path, limit)
	if errors.Is(err, extract.ErrTooLarge) {
		return nil, fmt.Errorf("%s: exceeds extract.max_bytes (%d bytes)", in.Path, limit)
	}
	return data, err
}

// docID is stable for the same input bytes. An input that could not be read
// has no bytes to name it by, so its path does.
func docID(sha, path string, read bool) string {
	if !read {
		s := sha256.Sum256([]byte("unread:" + path))
		return "doc-" + hex.EncodeToString(s[:8])
	}
	return "doc-" + sha[:16]
}

// formatOf names the format of an input, even one no reader takes (it is
// then a failed document, and text is the least wrong answer).
func formatOf(path string) string {
	if f, ok := extract.FormatOf(path); ok {
		return string(f)
	}
	return string(layout.FormatText)
}

func extractOptions(cfg *config.Config) extract.Options {
	o := extract.DefaultOptions()
	o.MaxBytes = cfg.Extract.MaxBytes
	o.MaxPages = cfg.Extract.MaxPages
	o.MaxObjects = cfg.Extract.MaxObjects
	return o
}

func pageErrors(path string, errs []layout.PageError) string {
	parts := make([]string, len(errs))
	for i, e := range errs {
		parts[i] = fmt.Sprintf("%s page %d: %s", path, e.Page, e.Err)
	}
	return strings.Join(parts, "; ")
}
