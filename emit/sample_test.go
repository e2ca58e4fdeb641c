package emit

import (
	"testing"
	"time"

	"github.com/sendrecon/sendrecon/extract/layout"
	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func ptr[T any](v T) *T { return &v }

// batch is one run's worth of stage output, with a row or more for every
// table and the absent values each table must turn into nulls.
type batch struct {
	results    []normalize.Result
	tables     map[string][]*layout.Table // by doc_id
	people     []normalize.Person
	links      []reconcile.Link
	coverage   []reconcile.Coverage
	conflicts  []reconcile.Conflict
	changes    []reconcile.Change
	itemPeople []ItemPersonRow
}

func sampleBatch() batch {
	full := normalize.Document{
		ID: "d1", SourcePath: "corpus/kent/plan.pdf", Format: "pdf", SHA256: "ab12",
		Title: "Kent SEND plan", LocalArea: "Kent", DocType: "action_plan",
		Roles: []string{"policy", "inspection"}, PageCount: 12,
		PeriodStart: normalize.Date{Time: day(2023, 1, 1), Precision: normalize.PrecisionYear},
		PeriodEnd:   normalize.Date{Time: day(2023, 12, 31), Precision: normalize.PrecisionYear},
		Status:      normalize.StatusPartial, Error: "page 3: bad xref",
		Date:      normalize.Date{Time: day(2023, 2, 1), Precision: normalize.PrecisionMonth},
		EditionID: "d1",
	}
	bare := normalize.Document{
		ID: "d2", SourcePath: "corpus/leeds/source.html", Format: "html", SHA256: "cd34",
		Title: "Leeds strategy", Status: normalize.StatusOK,
	}
	action := normalize.Item{
		ID: "d1:1.1", DocID: "d1", Kind: normalize.KindAction, Key: "1.1", ParentKey: "1",
		Objective: "Early help", Text: "Publish the local offer",
		Leads: []string{"Jo Bloggs", "Head of SEND"}, LeadOrgs: []string{"KCC"},
		Timescale: "April 2023 - 2023",
		Start:     normalize.Date{Time: day(2023, 4, 1), Precision: normalize.PrecisionMonth},
		Due:       normalize.Date{Time: day(2023, 12, 31), Precision: normalize.PrecisionYear},
		Status:    "On track", StatusCategory: normalize.StatusOnTrack, Refs: []string{"AFI2"}, Measures: []string{"m1"},
		Outcomes: []string{"o1"}, Rationale: []string{"r1"}, Milestones: []string{"ms1", "ms2"},
		Progress: []string{"p1"}, Page: 4, Flags: []string{"no_lead", "overdue"},
	}
	priority := normalize.Item{ID: "d1:1", DocID: "d1", Kind: normalize.KindPriority, Key: "1", Text: "Early help"}
	finding := normalize.Item{ID: "d2:AFI2", DocID: "d2", Kind: normalize.KindFinding, Key: "AFI2", Text: "Waiting times"}
	return batch{
		results: []normalize.Result{
			{Document: full, Items: []normalize.Item{priority, action}},
			{Document: bare, Items: []normalize.Item{finding}},
		},
		tables: map[string][]*layout.Table{"d1": {{
			Index: 0, Rows: 2, Cols: 2, Cells: []layout.Cell{
				{Row: 0, Col: 0, RowSpan: 1, ColSpan: 2, Header: true, Text: "Action", Page: 4},
				{Row: 1, Col: 0, RowSpan: 1, ColSpan: 1, Text: "Publish\nthe offer", Page: 4},
				{Row: 1, Col: 1, RowSpan: 1, ColSpan: 1},
			},
		}}},
		people: []normalize.Person{
			{ID: "p1", Name: "Jo Bloggs", Variants: []string{"J. Bloggs"}, DocIDs: []string{"d1", "d2"}},
			{ID: "p2", Name: "Sam Smith"},
		},
		links: []reconcile.Link{{
			ID: "l1", Src: "d1:1.1", Dst: "d2:AFI2", Relation: reconcile.RelAddresses, Score: 0.75,
			Method: "explicit_ref", Evidence: "cites AFI2", Review: reconcile.ReviewProposed,
		}},
		coverage: []reconcile.Coverage{
			{FindingID: "d2:AFI2", DocID: "d2", LocalArea: "Leeds", Key: "AFI2", Text: "Waiting times",
				Actions: 1, ActionIDs: []string{"d1:1.1"}, Status: reconcile.PartlyCovered},
			{FindingID: "d2:AFI3", DocID: "d2", Key: "AFI3", Text: "Transitions", Status: reconcile.Gap},
		},
		conflicts: []reconcile.Conflict{
			{LinkID: "l1", SrcItemID: "d1:1.1", DstItemID: "d2:AFI2", Field: "lead", SrcValue: "Jo Bloggs"},
		},
		itemPeople: []ItemPersonRow{{ItemID: "d1:1.1", PersonID: "p1", Role: "lead"}},
		changes: []reconcile.Change{
			{OldDocID: "d1", NewDocID: "d3", NewItemID: "d3:1.2", Key: "1.2", Kind: "action", Change: reconcile.ChangeAdded, After: "New action"},
			{OldDocID: "d1", NewDocID: "d3", OldItemID: "d1:1.1", NewItemID: "d3:1.1", Key: "1.1", Kind: "action", Change: reconcile.ChangeModified,
				Field: "due_date", Before: "2023-12-31", After: "2024-03-31"},
		},
	}
}

// write adds the batch to w, failing the test on any rejected row.
func (b batch) write(t testing.TB, w *Writer) {
	t.Helper()
	for _, r := range b.results {
		if err := w.AddResult(r); err != nil {
			t.Fatal(err)
		}
		if err := w.AddCells(r.Document.ID, b.tables[r.Document.ID]); err != nil {
			t.Fatal(err)
		}
	}
	for _, err := range []error{
		w.AddPeople(b.people), w.AddLinks(b.links), w.AddCoverage(b.coverage),
		w.AddConflicts(b.conflicts), w.AddChanges(b.changes), w.AddItemPeople(b.itemPeople),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// fixedClock returns start, then each later call a minute more.
func fixedClock(start time.Time) func() time.Time {
	n := 0
	return func() time.Time {
		n++
		return start.Add(time.Duration(n-1) * time.Minute)
	}
}
