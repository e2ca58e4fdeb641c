package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/emit"
	"github.com/sendrecon/sendrecon/extract"
	"github.com/sendrecon/sendrecon/extract/layout"
	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

// batch is one `sendrecon run`: every input through extract and normalize,
// then the batch-wide passes (people, reconcile), into one output folder.
type batch struct {
	cfg    *config.Config
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time // pinned by tests
}

func (b *batch) clock() time.Time {
	if b.now != nil {
		return b.now()
	}
	return time.Now()
}

type summary struct {
	documents, failed, items, links, cells int
}

// docResult is what one document gave.
type docResult struct {
	result normalize.Result
	tables []*layout.Table
	cells  int
}

func (b *batch) run(ctx context.Context, inputs []input) (summary, error) {
	var sum summary
	w, err := emit.Create(b.cfg.Run.Out, emit.Options{
		Tool: "sendrecon", Version: versionString(), Config: b.cfg.Settings(), Now: b.now,
	})
	if err != nil {
		return sum, err
	}
	decisions, err := reconcile.ReadDecisions(b.cfg.Reconcile.Decisions)
	if err != nil {
		return sum, errors.Join(err, w.Abort())
	}
	prog := newProgress(b.stderr, b.cfg.Run.Progress, len(inputs))
	var docs []normalize.Document
	var items []normalize.Item
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
			reconcile.FlagOverdueItems(r.result.Items, b.cfg.Reconcile, b.clock())
			sum.items += len(r.result.Items)
			docs = append(docs, *d)
			sum.cells += r.cells
			items = append(items, r.result.Items...)
			prog.done(d)
			return rowErrors(prog, errors.Join(w.AddResult(r.result), w.AddCells(d.ID, r.tables)))
		})
	if err == nil {
		err = w.AddPeople(normalize.People(items, b.cfg.Normalize.PeopleMaxEdits))
	}
	if err == nil {
		rec := reconcile.Run(reconcile.Input{Documents: docs, Items: items}, decisions, b.cfg.Reconcile)
		for _, o := range rec.Orphans {
			prog.warn(fmt.Sprintf("orphaned decision: %s %s (%s -%s-> %s): its items are gone; kept in %s, not applied",
				o.Action, o.LinkID, o.Src, o.Relation, o.Dst, b.cfg.Reconcile.Decisions))
		}
		sum.links = len(rec.Links)
		err = errors.Join(w.AddLinks(rec.Links), w.AddCoverage(rec.Coverage), w.AddConflicts(rec.Conflicts))
		err = errors.Join(err, writeReport(b.cfg.Run.Out, docs, items, rec, nil, b.clock()))
	}
	if err != nil {
		return sum, errors.Join(err, w.Abort())
	}
	return sum, w.Close()
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
	ld, err := extract.Bytes(ctx, in.Path, data, extractOptions(b.cfg))
	if err != nil {
		return fail(err)
	}
	r, err := normalize.Run(ld, normalize.Meta{
		DocID: d.ID, SourcePath: in.Path, SHA256: d.SHA256,
	}, b.cfg.Normalize)
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
	var fatal []error
	for _, e := range leaves(err) {
		if errors.Is(e, emit.ErrEmpty) || errors.Is(e, emit.ErrNotAllowed) || errors.Is(e, emit.ErrOutOfRange) {
			prog.warn("row not written: " + e.Error())
			continue
		}
		fatal = append(fatal, e)
	}
	return errors.Join(fatal...)
}

func leaves(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leaves(e)...)
		}
		return out
	}
	return []error{err}
}

// readInput reads a whole input, refusing one larger than limit before
// reading it.
func readInput(in input, limit int64) ([]byte, error) {
	if in.Err != nil {
		return nil, in.Err
	}
	f, err := os.Open(in.Path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.Path, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: larger than extract.max_bytes (%d bytes)", in.Path, limit)
	}
	return data, nil
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
	return o
}

func pageErrors(path string, errs []layout.PageError) string {
	parts := make([]string, len(errs))
	for i, e := range errs {
		parts[i] = fmt.Sprintf("%s page %d: %s", path, e.Page, e.Err)
	}
	return strings.Join(parts, "; ")
}
