package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/sendrecon/sendrecon/config"
	"github.com/sendrecon/sendrecon/emit"
	"github.com/sendrecon/sendrecon/extract"
	"github.com/sendrecon/sendrecon/extract/isolate"
	"github.com/sendrecon/sendrecon/extract/layout"
	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
	"github.com/sendrecon/sendrecon/report"
)

// Batch runs documents through extract and normalize, then the batch-wide
// passes (people, reconcile), into one output folder (Config.Run.Out).
//
// Memory is bounded by the workers, not the batch: documents are processed
// by at most Config.Workers() goroutines, their rows are written as they
// finish, in input order, and what the batch-wide passes need waits on disk
// (see collector).
type Batch struct {
	Config *config.Config
	// Version names the program in manifest.json and in the document
	// digest, so a new version processes every document again.
	Version string
	// Force reprocesses documents an earlier run into the same folder
	// already did.
	Force bool
	// Shard, when set, processes one stable subset of the inputs and
	// writes its tables as parts; Merge reconciles the parts.
	Shard Shard
	// Now is the clock of the run (overdue flags, manifest); time.Now when
	// nil.
	Now func() time.Time
	// TimeLimit, when set, replaces extract.max_seconds (tests).
	TimeLimit time.Duration
	// AfterDocument, when set, is called after each document's rows are
	// written (tests inject faults with it).
	AfterDocument func()

	// prev holds the rows of documents an earlier run into the same folder
	// did, for carrying over; nil when there are none or with Force.
	prev *previous
	// phases counts the run's phases for a PhaseSink; nil without one.
	phases *phaseCounter
	// pool reads documents in worker processes (extract.isolation).
	pool *isolate.Pool
}

// PhaseSink is a Sink that also hears each phase of a run with its own
// count: extract and normalize (documents, as workers finish them), link
// (local areas reconciled) and write (documents rows, then tables
// published), so a long link or write phase never looks like a hang.
type PhaseSink interface {
	Sink
	Phase(name string, done, total int)
}

// The phases a PhaseSink hears, in order.
const (
	PhaseExtract   = "extract"
	PhaseNormalize = "normalize"
	PhaseLink      = "link"
	PhaseWrite     = "write"
)

// phaseCounter counts documents through extract and normalize, which run
// on several workers at once.
type phaseCounter struct {
	sink                  PhaseSink
	total                 int
	extracted, normalized atomic.Int64
}

// done counts one more document through a phase; a nil counter (no
// PhaseSink) counts nothing.
func (p *phaseCounter) done(name string) {
	if p == nil {
		return
	}
	n := &p.extracted
	if name == PhaseNormalize {
		n = &p.normalized
	}
	p.sink.Phase(name, int(n.Add(1)), p.total)
}

// Sink hears what a run does, for a progress display; the batch itself
// never prints. Its methods may be called from several goroutines.
type Sink interface {
	// Start is called once, with the number of inputs to process.
	Start(total int)
	// Done is called once per document, in input order.
	Done(d *normalize.Document, carried bool)
	// Warn is about the output: a row not written, a decision orphaned.
	Warn(msg string)
	// Note is information that progress output may show or not.
	Note(msg string)
}

// discard is the Sink of a caller that wants none.
type discard struct{}

func (discard) Start(int)                      {}
func (discard) Done(*normalize.Document, bool) {}
func (discard) Warn(string)                    {}
func (discard) Note(string)                    {}

func (b *Batch) clock() time.Time {
	if b.Now != nil {
		return b.Now()
	}
	return time.Now()
}

// Summary counts what a run did.
type Summary struct {
	Documents, Failed, Carried, Items, Links, Cells, Pages int
	// Overdue counts overdue actions, once per edition when the run
	// reconciles (not in a shard); Covered, Partly, Gaps (findings) and
	// Conflicts come from reconciliation.
	Overdue                          int
	Covered, Partly, Gaps, Conflicts int
	// AsOf is the span of days overdue was judged against: one day, or
	// with reconcile.as_of: document the documents' own dates, and the
	// run's day too when some document states none.
	AsOfFirst, AsOfLast time.Time
}

// judged widens the as-of span by one document's day.
func (s *Summary) judged(day time.Time) {
	if s.AsOfFirst.IsZero() || day.Before(s.AsOfFirst) {
		s.AsOfFirst = day
	}
	if day.After(s.AsOfLast) {
		s.AsOfLast = day
	}
}

// count adds one document's items to the summary.
func (s *Summary) count(items []normalize.Item) {
	for i := range items {
		if slices.Contains(items[i].Flags, reconcile.FlagOverdue) {
			s.Overdue++
		}
	}
}

// useStatusCategories has reconcile compare statuses by their category
// (normalize.ClassifyStatus with the configured vocabulary), so "G" and
// "Green" agree and "B" and "Complete" do.
func useStatusCategories(cfg *config.Config) {
	opts := cfg.Normalize.Statuses
	reconcile.SetStatusCategory(func(s string) string { return normalize.ClassifyStatus(s, nil, opts) })
}

// canonicalOrg is item_orgs.org_canonical under the configuration.
func canonicalOrg(cfg *config.Config) func(string, map[string]string) string {
	known := cfg.Normalize.OrgAcronyms
	return func(org string, acronyms map[string]string) string {
		return normalize.CanonicalOrg(org, acronyms, known)
	}
}

// Document is what one input gave.
type Document struct {
	Result normalize.Result
	Tables []*layout.Table
	// CellRows are the cells of a document carried over from an earlier
	// run, as they were written.
	CellRows []emit.CellRow
	Cells    int
	Carried  bool
}

// Run processes inputs into the output folder and returns what it did. A
// document that fails is a failed documents row, not an error; the error
// is for a run that could not write its output.
func (b *Batch) Run(ctx context.Context, inputs []Input, sink Sink) (sum Summary, err error) {
	if sink == nil {
		sink = discard{}
	}
	useStatusCategories(b.Config)
	out := b.Config.Run.Out
	inputs = b.Shard.pick(inputs)
	digest := documentDigest(b.Config, b.Version)
	o, err := b.openOutput(b.Shard.part(), b.Shard.tables(), digest)
	if err != nil {
		return sum, err
	}
	// Everything is written into the staging folder; a failure or an
	// interruption anywhere leaves the output folder as it was.
	defer func() {
		if err != nil {
			err = errors.Join(err, o.abort())
		}
	}()
	st, w, tmp := o.st, o.w, o.tmp
	stopWorkers := b.isolate()
	defer func() { err = errors.Join(err, stopWorkers()) }()
	var coll *collector
	if !b.Shard.on() {
		decisions, err := b.decisions(sink)
		if err != nil {
			return sum, err
		}
		coll, err = newCollector(tmp, b.Config.Reconcile, decisions, b.Config.Normalize.PeopleMaxEdits, b.Config.Run.ReportMaxDocuments)
		if err != nil {
			return sum, err
		}
		defer func() { err = errors.Join(err, coll.close()) }()
		coll.writeDocs = true
	}
	if !b.Force {
		b.prev, err = loadPrevious(ctx, out, tmp, digest)
		if err != nil {
			return sum, err
		}
		defer func() { err = errors.Join(err, b.prev.close()) }()
	}
	sink.Start(len(inputs))
	b.phases = nil
	if ps, ok := sink.(PhaseSink); ok {
		b.phases = &phaseCounter{sink: ps, total: len(inputs)}
	}
	// The same bytes given twice, by doc_id and format: the first input
	// with them, and the doc_ids seen in any format.
	seen := map[[2]string]string{}
	seenID := map[string]bool{}
	err = forEachOrdered(ctx, len(inputs), b.Config.Workers(),
		func(ctx context.Context, i int) Document { return b.Process(ctx, inputs[i]) },
		func(r Document) error {
			d := &r.Result.Document
			key := [2]string{d.ID, d.Format}
			if first, dup := seen[key]; dup {
				// Same bytes twice would give the same ids twice: keep the
				// first, and give this one a row of its own naming it.
				sink.Note(fmt.Sprintf("%s: same content as %s; skipped", d.SourcePath, first))
				sum.Documents++
				return rowErrors(sink, w.AddDocument(duplicateOf(d, first)))
			}
			seen[key] = d.SourcePath
			if seenID[d.ID] {
				// The same bytes read as another format (a misnamed
				// copy) are another document: read again under an id
				// of its own, so neither hides the other.
				r = b.Process(ctx, Input{Path: d.SourcePath, distinct: true})
				d = &r.Result.Document
			}
			seenID[d.ID] = true
			var docErr error
			if coll == nil {
				// With reconciliation the collector writes the row once the
				// local area has told the document's edition.
				docErr = addDocument(w, &r)
			}
			sum.Documents++
			if d.Status == normalize.StatusFailed {
				sum.Failed++
			}
			if r.Carried {
				sum.Carried++
			}
			asOf, _ := reconcile.AsOf(d, b.Config.Reconcile, b.clock())
			reconcile.FlagOverdueAsOf(r.Result.Items, b.Config.Reconcile, asOf)
			if len(r.Result.Items) > 0 {
				sum.judged(asOf)
			}
			sum.count(r.Result.Items)
			sum.Items += len(r.Result.Items)
			sum.Cells += r.Cells
			sum.Pages += d.PageCount
			sink.Done(d, r.Carried)
			// With reconciliation the items are written with their
			// document at hand, and the document's row waits for its
			// edition, which only the whole local area can tell.
			err := rowErrors(sink, errors.Join(docErr, w.AddResultItems(r.Result), w.AddCells(d.ID, r.Tables), w.AddCellRows(r.CellRows)))
			if err == nil && coll != nil {
				err = coll.add(d, r.Result.Items)
			}
			if b.AfterDocument != nil {
				b.AfterDocument()
			}
			return err
		})
	var remove []string
	if err == nil && coll != nil {
		var orphans []reconcile.Decision
		if ps, ok := sink.(PhaseSink); ok {
			coll.phase = ps.Phase
		}
		sum.Links, orphans, err = coll.finish(ctx, w, func(err error) error { return rowErrors(sink, err) })
		t := coll.tally
		sum.Covered, sum.Partly, sum.Gaps, sum.Conflicts = t.covered, t.partly, t.gaps, t.conflicts
		sum.Overdue = t.overdue
		warnOrphans(sink, orphans, DecisionsFile(b.Config))
		if err == nil {
			remove, err = b.report(coll, sink, st)
		}
	}
	if err != nil {
		return sum, err
	}
	// Interrupted after the last document: still nothing is published.
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	if ps, ok := sink.(PhaseSink); ok {
		defer func() {
			if err == nil {
				ps.Phase(PhaseWrite, sum.Documents, sum.Documents)
			}
		}()
	}
	if err := w.Close(); err != nil {
		return sum, err
	}
	// The scratch files are closed before the folder is published.
	if err := errors.Join(coll.close(), b.prev.close()); err != nil {
		return sum, err
	}
	coll, b.prev = nil, nil
	return sum, st.Publish(remove...)
}

// output is a run's output while it is written: the staging folder, the
// tables' writer in it and a scratch folder, also in it.
type output struct {
	st  *Stage
	w   *emit.Writer
	tmp string
}

// openOutput stages Config.Run.Out and opens the tables (those of only,
// or all) in the staging folder, as part when set.
func (b *Batch) openOutput(part string, only []string, digest string) (*output, error) {
	st, err := NewStage(b.Config.Run.Out)
	if err != nil {
		return nil, err
	}
	w, err := emit.Create(st.Dir(), emit.Options{
		Tool: "sendrecon", Version: b.Version, Config: b.Config.Settings(), Now: b.Now,
		RowGroupRows: b.Config.Run.RowGroupRows,
		Part:         part, DocumentDigest: digest, Only: only,
		AsOf:          reconcile.RunAsOf(b.Config.Reconcile, b.clock()),
		AsOfDocuments: b.Config.Reconcile.AsOf == reconcile.AsOfDocument,
		CanonicalOrg:  canonicalOrg(b.Config),
	})
	if err != nil {
		return nil, errors.Join(err, st.Discard())
	}
	tmp, err := st.Scratch()
	if err != nil {
		return nil, errors.Join(err, w.Abort(), st.Discard())
	}
	return &output{st: st, w: w, tmp: tmp}, nil
}

// abort throws away everything written; the output folder is untouched.
func (o *output) abort() error { return errors.Join(o.w.Abort(), o.st.Discard()) }

func warnOrphans(sink Sink, orphans []reconcile.Decision, file string) {
	for _, o := range orphans {
		sink.Warn(fmt.Sprintf("orphaned decision: %s %s (%s -%s-> %s): its items are gone; kept in %s, not applied",
			o.Action, o.LinkID, o.Src, o.Relation, o.Dst, file))
	}
}

// report writes review.html when the batch was small enough to hold for
// it, and otherwise names an earlier run's page for removal: it no longer
// describes the folder.
func (b *Batch) report(coll *collector, sink Sink, st *Stage) (remove []string, err error) {
	if r := coll.report; r != nil {
		return nil, WriteReport(st.Dir(), st.Target(), r.docs, r.items, r.rec, nil, b.clock(), b.Config.Reconcile)
	}
	sink.Note(coll.reportSkipped())
	return []string{report.File}, nil
}

// Process reads, extracts and normalises one input. It never fails: what
// goes wrong becomes the document's status and error.
func (b *Batch) Process(ctx context.Context, in Input) (res Document) {
	d := &res.Result.Document
	d.SourcePath = in.Path
	d.Format = formatOf(in.Path)
	d.Title = fileTitle(in.Path)
	d.Status = normalize.StatusOK
	fail := func(err error) Document {
		d.Status, d.Error = normalize.StatusFailed, err.Error()
		// Named by its path, not its bytes: a copy that fails here (a
		// misnamed one listed first) must not take the id of one that reads.
		d.ID = docID(d.SHA256, in.Path, false)
		res.Result.Items, res.Tables, res.Cells = nil, nil, 0
		return res
	}
	defer func() {
		// extract recovers its parsers' panics; this catches our own, so
		// one document can never take the batch down.
		if p := recover(); p != nil {
			res = fail(fmt.Errorf("%s: internal error: %v\n%s", in.Path, p, debug.Stack()))
		}
	}()

	data, err := readInput(in, b.Config.Extract.MaxBytes)
	sum := sha256.Sum256(data)
	d.SHA256 = hex.EncodeToString(sum[:])
	d.ID = docID(d.SHA256, in.Path, err == nil && !in.distinct)
	if err != nil {
		return fail(err)
	}
	if c, ok := b.prev.take(d.SHA256, in.Path); ok && !in.distinct {
		return c
	}
	// The time limit covers extract and normalise; the readers check ctx
	// between pages and blocks.
	parent := ctx
	limit := time.Duration(b.Config.Extract.MaxSeconds) * time.Second
	if b.TimeLimit > 0 {
		limit = b.TimeLimit
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	timedOut := func() bool { return parent.Err() == nil && errors.Is(ctx.Err(), context.DeadlineExceeded) }
	ld, err := b.extract(ctx, in.Path, data)
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
	b.phases.done(PhaseExtract)
	r, err := normalize.Run(ld, normalize.Meta{
		DocID: d.ID, SourcePath: in.Path, SHA256: d.SHA256,
	}, b.Config.Normalize)
	if timedOut() {
		return fail(b.overTime(in.Path))
	}
	if err != nil {
		return fail(fmt.Errorf("%s: %w", in.Path, err))
	}
	b.phases.done(PhaseNormalize)
	res.Result = r
	res.Tables = ld.Tables()
	for _, t := range res.Tables {
		res.Cells += len(t.Cells)
	}
	d = &res.Result.Document
	if len(ld.PageErrors) > 0 {
		// Name every page, and the file, whatever normalize said.
		d.Status = normalize.StatusPartial
		reason := d.Error
		if strings.Contains(reason, "page(s) failed") {
			reason = "" // normalize's count, without the file: said better here
		}
		d.Error = joinReasons(pageErrors(in.Path, ld.PageErrors), reason)
	}
	if d.Title == "" {
		// Neither the document's title nor any heading: the file name
		// stands in, and the row says so.
		d.Title = fileTitle(in.Path)
		d.Status = partial(d.Status)
		d.Error = joinReasons(d.Error, fmt.Sprintf("%s: no title found (no title and no heading); the file name is used", in.Path))
	}
	return res
}

// fileTitle is the title a document without one is given: its file name.
func fileTitle(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

// partial lowers ok to partial and leaves partial and failed alone.
func partial(status string) string {
	if status == normalize.StatusOK {
		return normalize.StatusPartial
	}
	return status
}

// joinReasons joins the non-empty reasons a document is not ok.
func joinReasons(reasons ...string) string {
	var out []string
	for _, r := range reasons {
		if r != "" && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return strings.Join(out, "; ")
}

// addDocument writes a document's row. Every input gets exactly one, so
// that no item or cell refers to a document the table lacks: a row the
// writer refuses (an empty required value, a value outside its column's
// choices) is written again as a failed row naming the refusal, with the
// values that can be trusted; if even that is refused, the document's
// items and cells are dropped with it and the refusal is returned.
func addDocument(w *emit.Writer, r *Document) error {
	d := &r.Result.Document
	err := w.AddDocument(*d)
	if rows, _ := emit.Refused(err); len(rows) == 0 {
		return err
	}
	failed := normalize.Document{
		ID: d.ID, SourcePath: d.SourcePath, Format: d.Format, SHA256: d.SHA256,
		Title: d.Title, PageCount: d.PageCount, Status: normalize.StatusFailed,
		Error: joinReasons(d.Error, fmt.Sprintf("%s: documents row refused: %v", d.SourcePath, err)),
	}
	if failed.Title == "" {
		failed.Title = fileTitle(d.SourcePath)
	}
	if failed.Format == "" {
		failed.Format = formatOf(d.SourcePath)
	}
	*d = failed
	if err2 := w.AddDocument(failed); err2 != nil {
		r.Result.Items, r.Tables, r.CellRows = nil, nil, nil
		return errors.Join(err, err2)
	}
	return nil
}

// rowErrors reports rows the writer refused (an empty required value, a
// value outside its column's choices) and lets the batch go on: they are a
// fault in one document's rows, named on stderr, not a reason to lose the
// others. Any other error, such as a failed write, stops the run.
func rowErrors(sink Sink, err error) error {
	rows, rest := emit.Refused(err)
	for _, e := range rows {
		sink.Warn("row not written: " + e.Error())
	}
	return rest
}

// readInput reads a whole input, refusing one larger than limit before
// reading it, in words that name the setting to change.
func readInput(in Input, limit int64) ([]byte, error) {
	if in.Err != nil {
		return nil, in.Err
	}
	data, err := extract.ReadFile(in.Path, limit)
	if errors.Is(err, extract.ErrTooLarge) {
		return nil, fmt.Errorf("%s: exceeds extract.max_bytes (%d bytes)", in.Path, limit)
	}
	return data, err
}

// duplicateOf is the documents row of an input whose bytes an earlier
// input (first) had: named by its own path, pointing at first's rows.
func duplicateOf(d *normalize.Document, first string) normalize.Document {
	s := sha256.Sum256([]byte("duplicate:" + d.SourcePath))
	return normalize.Document{
		ID: "doc-" + hex.EncodeToString(s[:8]), SourcePath: d.SourcePath, Format: d.Format,
		SHA256: d.SHA256, Title: d.Title, Status: normalize.StatusDuplicate,
		Error: fmt.Sprintf("%s: same content as %s (%s); its rows are that document's", d.SourcePath, first, d.ID),
	}
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

// ExtractOptions are the extract settings of a configuration.
func ExtractOptions(cfg *config.Config) extract.Options {
	o := extract.DefaultOptions()
	o.MaxBytes = cfg.Extract.MaxBytes
	o.MaxPages = cfg.Extract.MaxPages
	o.MaxObjects = cfg.Extract.MaxObjects
	o.MaxStreamBytes = cfg.Extract.MaxStreamBytes
	o.MaxOperators = cfg.Extract.MaxOperators
	return o
}

// pageErrors names the file and each page that could not be read (and the
// page's object, where the reader says it).
func pageErrors(path string, errs []layout.PageError) string {
	parts := make([]string, len(errs))
	for i, e := range errs {
		if page := fmt.Sprintf("page %d", e.Page); strings.HasPrefix(e.Err, page+" ") || strings.HasPrefix(e.Err, page+":") {
			parts[i] = path + " " + e.Err
			continue
		}
		parts[i] = fmt.Sprintf("%s page %d: %s", path, e.Page, e.Err)
	}
	return strings.Join(parts, "; ")
}
