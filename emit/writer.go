package emit

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/sendrecon/sendrecon/extract/layout"
	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

// Writer streams one run's rows into the tables of an output folder.
type Writer struct {
	mu       sync.Mutex
	learning *reconcile.Learning
	dir      string
	opts     Options
	state    state
	started  time.Time
	config   []byte
	digest   string
	inputs   []Input

	documents  *tableWriter[DocumentRow]
	items      *tableWriter[ItemRow]
	people     *tableWriter[PersonRow]
	links      *tableWriter[LinkRow]
	cells      *tableWriter[CellRow]
	coverage   *tableWriter[CoverageRow]
	conflicts  *tableWriter[ConflictRow]
	itemPeople *tableWriter[ItemPersonRow]
	itemOrgs   *tableWriter[ItemOrgRow]
	itemRefs   *tableWriter[ItemRefRow]
	changes    *tableWriter[ChangeRow]
	// tables holds the writers above in Schema order.
	tables []tableFile
}

type state int

const (
	open state = iota
	closed
	aborted
)

// Create makes dir if needed and opens a temporary file there for every
// table of Schema. Nothing in dir is replaced before Close.
func Create(dir string, opts Options) (*Writer, error) {
	opts = opts.withDefaults()
	popts, err := opts.parquetOptions()
	if err != nil {
		return nil, err
	}
	config, digest, err := configJSON(opts.Config)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fileError("", dir, err)
	}
	w := &Writer{dir: dir, opts: opts, started: opts.Now(), config: config, digest: digest}
	var errs []error
	w.documents = openTable[DocumentRow](w, "documents", popts, &errs)
	w.items = openTable[ItemRow](w, "items", popts, &errs)
	w.people = openTable[PersonRow](w, "people", popts, &errs)
	w.links = openTable[LinkRow](w, "links", popts, &errs)
	w.cells = openTable[CellRow](w, "cells", popts, &errs)
	w.coverage = openTable[CoverageRow](w, "coverage", popts, &errs)
	w.conflicts = openTable[ConflictRow](w, "conflicts", popts, &errs)
	w.itemPeople = openTable[ItemPersonRow](w, "item_people", popts, &errs)
	w.itemOrgs = openTable[ItemOrgRow](w, "item_orgs", popts, &errs)
	w.itemRefs = openTable[ItemRefRow](w, "item_refs", popts, &errs)
	w.changes = openTable[ChangeRow](w, "changes", popts, &errs)
	if len(errs) > 0 {
		return nil, errors.Join(append(errs, w.discardAll())...)
	}
	return w, nil
}

func openTable[T any](w *Writer, name string, popts []parquet.WriterOption, errs *[]error) *tableWriter[T] {
	t, err := newTableWriter[T](w.dir, name, w.opts.Part, popts...)
	if err != nil {
		*errs = append(*errs, err)
		return nil
	}
	w.tables = append(w.tables, t)
	return t
}

// AddDocument adds a documents row and records the input in manifest.json.
func (w *Writer) AddDocument(d normalize.Document) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.documents.add(documentRow(&d)); err != nil {
		return err
	}
	in := Input{DocID: d.ID, Path: d.SourcePath, SHA256: d.SHA256, Status: d.Status, Error: d.Error}
	if w.opts.AsOfDocuments && !d.Date.IsZero() {
		in.AsOf = d.Date.Time.Format(time.DateOnly)
	}
	w.inputs = append(w.inputs, in)
	return nil
}

// AddResult adds a document, its items with the document's local area, and
// their item_orgs and item_refs rows.
func (w *Writer) AddResult(r normalize.Result) error {
	return errors.Join(w.AddDocument(r.Document), w.addItems(r.Items, &r.Document))
}

// AddResultItems adds a document's items as AddResult does, without its
// documents row: for a caller that writes the row once it knows more (the
// document's edition, which the whole local area decides).
func (w *Writer) AddResultItems(r normalize.Result) error {
	return w.addItems(r.Items, &r.Document)
}

// AddItems adds items rows, with their item_orgs and item_refs rows, for
// items whose document is not at hand (local_area is null and
// organisations are canonical without the document's acronyms). Like every
// Add method taking a slice, it writes every row it can and returns the
// rejected ones' errors joined.
func (w *Writer) AddItems(items []normalize.Item) error {
	return w.addItems(items, nil)
}

func (w *Writer) addItems(items []normalize.Item, d *normalize.Document) error {
	var area *string
	var acronyms map[string]string
	if d != nil {
		area, acronyms = optString(&d.LocalArea), d.Acronyms
	}
	var orgs []ItemOrgRow
	var refs []ItemRefRow
	for i := range items {
		it := &items[i]
		for _, o := range it.LeadOrgs {
			orgs = append(orgs, ItemOrgRow{ItemID: it.ID, Org: o, OrgCanonical: w.opts.canonicalOrg(o, acronyms)})
		}
		for _, r := range it.Refs {
			refs = append(refs, ItemRefRow{ItemID: it.ID, Ref: r})
		}
	}
	same := func(r *ItemOrgRow) (ItemOrgRow, *columnError) { return *r, nil }
	return errors.Join(
		addAll(w, w.items, func(it *normalize.Item) (ItemRow, *columnError) { return itemRow(it, area) }, items),
		addAll(w, w.itemOrgs, same, orgs),
		addAll(w, w.itemRefs, func(r *ItemRefRow) (ItemRefRow, *columnError) { return *r, nil }, refs),
	)
}

// AddItemPeople adds item_people rows: one per lead of an item that is a
// person of people. The batch writes them once people are resolved.
func (w *Writer) AddItemPeople(rows []ItemPersonRow) error {
	return addAll(w, w.itemPeople, func(r *ItemPersonRow) (ItemPersonRow, *columnError) { return *r, nil }, rows)
}

// AddPeople adds people rows.
func (w *Writer) AddPeople(people []normalize.Person) error {
	return addAll(w, w.people, personRow, people)
}

// AddLinks adds links rows.
func (w *Writer) AddLinks(links []reconcile.Link) error {
	return addAll(w, w.links, linkRow, links)
}

// AddCells adds a cells row for every cell of the given tables of one
// document, usually its layout.Document.Tables().
func (w *Writer) AddCells(docID string, tables []*layout.Table) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	var errs []error
	for _, t := range tables {
		for i := range t.Cells {
			if err := w.cells.add(cellRow(docID, t, &t.Cells[i])); err != nil {
				errs = append(errs, err)
				if w.cells.unusable() {
					return errors.Join(errs...)
				}
			}
		}
	}
	return errors.Join(errs...)
}

// AddCoverage adds coverage rows.
func (w *Writer) AddCoverage(coverage []reconcile.Coverage) error {
	return addAll(w, w.coverage, coverageRow, coverage)
}

// AddConflicts adds conflicts rows.
func (w *Writer) AddConflicts(conflicts []reconcile.Conflict) error {
	return addAll(w, w.conflicts, conflictRow, conflicts)
}

// AddChanges adds changes rows.
func (w *Writer) AddChanges(changes []reconcile.Change) error {
	return addAll(w, w.changes, changeRow, changes)
}

func addAll[S, T any](w *Writer, t *tableWriter[T], convert func(*S) (T, *columnError), src []S) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	var errs []error
	for i := range src {
		if err := t.add(convert(&src[i])); err != nil {
			errs = append(errs, err)
			// One error says it all once the file itself has failed.
			if t.unusable() {
				break
			}
		}
	}
	return errors.Join(errs...)
}

// Close finishes every table, renames them all into place and writes
// manifest.json. If any step fails, it removes what it wrote and returns
// every error met. A second Close returns ErrClosed.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.state != open {
		return &Error{Row: -1, Err: ErrClosed}
	}
	w.state = closed
	var errs []error
	for _, t := range w.tables {
		errs = append(errs, t.finish())
	}
	if err := errors.Join(errs...); err != nil {
		return errors.Join(err, w.discardAll())
	}
	m := w.manifest()
	// The old manifest stops describing the folder as soon as one table is
	// replaced.
	if err := removeIfThere(filepath.Join(w.dir, w.manifestFile())); err != nil {
		return errors.Join(err, w.discardAll())
	}
	var published []tableFile
	for _, t := range w.tables {
		if !w.written(t.count().Name) {
			if err := t.discard(); err != nil {
				return errors.Join(err, w.unpublish(published), w.discardAll())
			}
			continue
		}
		if err := t.publish(); err != nil {
			return errors.Join(err, w.unpublish(published), w.discardAll())
		}
		published = append(published, t)
	}
	if err := writeManifest(filepath.Join(w.dir, w.manifestFile()), m); err != nil {
		return errors.Join(err, w.unpublish(published))
	}
	return nil
}

// written reports whether Close publishes table (Options.Only).
func (w *Writer) written(table string) bool {
	return len(w.opts.Only) == 0 || slices.Contains(w.opts.Only, table)
}

// manifestFile is manifest.json, or manifest-<part>.json for a part.
func (w *Writer) manifestFile() string {
	if w.opts.Part != "" {
		return "manifest-" + w.opts.Part + ".json"
	}
	return ManifestFile
}

// AddCellRows adds cells rows as they are, for rows read back from an
// earlier run's tables (see ReadTable).
func (w *Writer) AddCellRows(rows []CellRow) error {
	return addAll(w, w.cells, func(r *CellRow) (CellRow, *columnError) { return *r, nil }, rows)
}

// SetLearning records in manifest.json the link weights the run linked
// with, once reconciliation has chosen them.
func (w *Writer) SetLearning(l reconcile.Learning) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.learning = &l
}

// Abort discards everything written so far. It does nothing after Close, so
// `defer w.Abort()` is safe beside an explicit Close.
func (w *Writer) Abort() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.state != open {
		return nil
	}
	w.state = aborted
	return w.discardAll()
}

func (w *Writer) manifest() *Manifest {
	m := &Manifest{
		Tool:           w.opts.Tool,
		Version:        w.opts.Version,
		Started:        w.started.UTC(),
		Finished:       w.opts.Now().UTC(),
		ConfigDigest:   w.digest,
		DocumentDigest: w.opts.DocumentDigest,
		Config:         w.config,
		Inputs:         w.inputs,
		Tables:         []TableCount{},
		Learning:       w.learning,
	}
	if !w.opts.AsOf.IsZero() {
		m.AsOf = w.opts.AsOf.Format(time.DateOnly)
		m.AsOfMode = "date"
		if w.opts.AsOfDocuments {
			m.AsOfMode = "document"
		}
	}
	if m.Inputs == nil {
		m.Inputs = []Input{}
	}
	for _, t := range w.tables {
		if c := t.count(); w.written(c.Name) {
			m.Tables = append(m.Tables, c)
		}
	}
	return m
}

func (w *Writer) discardAll() error {
	var errs []error
	for _, t := range w.tables {
		errs = append(errs, t.discard())
	}
	return errors.Join(errs...)
}

func (w *Writer) unpublish(tables []tableFile) error {
	var errs []error
	for _, t := range tables {
		errs = append(errs, t.unpublish())
	}
	return errors.Join(errs...)
}
