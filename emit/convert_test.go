package emit

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/sendrecon/sendrecon/extract/layout"
	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

type convCase[S, T any] struct {
	name    string
	in      S
	want    T
	wantErr string // "" for none
}

func runConv[S, T any](t *testing.T, convert func(*S) (T, *columnError), cases []convCase[S, T]) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := convert(&tc.in)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tc.wantErr {
				t.Errorf("error %q, want %q", gotErr, tc.wantErr)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("\n got %s\nwant %s", asJSON(got), asJSON(tc.want))
			}
		})
	}
}

// asJSON shows pointers as their values, nil as null and [] apart from null.
func asJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestDocumentRow(t *testing.T) {
	runConv(t, documentRow, []convCase[normalize.Document, DocumentRow]{
		{
			name: "pdf with every field",
			in:   sampleBatch().results[0].Document,
			want: DocumentRow{
				DocID: "d1", SourcePath: "corpus/kent/plan.pdf", SourceFormat: "pdf", SHA256: "ab12",
				Title: "Kent SEND plan", LocalArea: ptr("Kent"), DocType: ptr("action_plan"),
				Roles: []string{"policy", "inspection"}, PageCount: ptr[int32](12),
				PeriodStart: ptr[int32](19358), PeriodEnd: ptr[int32](19722),
				Status: "partial", Error: ptr("page 3: bad xref"),
				EditionID: "d1", DocDate: ptr[int32](19389),
			},
		},
		{
			name: "absent values become null, nil roles an empty list",
			in:   normalize.Document{ID: "d2", SourcePath: "a.html", Format: "html", SHA256: "cd", Title: "T", Status: "ok"},
			want: DocumentRow{DocID: "d2", SourcePath: "a.html", SourceFormat: "html", SHA256: "cd", Title: "T", Roles: []string{}, Status: "ok", EditionID: "d2"},
		},
		{
			name:    "page count beyond INT32",
			in:      normalize.Document{ID: "d3", PageCount: math.MaxInt32 + 1},
			want:    DocumentRow{DocID: "d3", Roles: []string{}, PageCount: ptr[int32](0), EditionID: "d3"},
			wantErr: "page_count: value out of range: 2147483648",
		},
	})
}

func TestItemRow(t *testing.T) {
	empty := []string{}
	plain := func(r ItemRow) ItemRow {
		r.ItemID, r.DocID, r.Kind, r.Key, r.Text = "i", "d", "action", "1", "Do it"
		r.Leads, r.LeadOrgs, r.Refs, r.Measures, r.Outcomes = empty, empty, empty, empty, empty
		r.Rationale, r.Milestones, r.Progress, r.Flags, r.Delivers = empty, empty, empty, empty, empty
		return r
	}
	item := func(it normalize.Item) normalize.Item {
		it.ID, it.DocID, it.Kind, it.Key, it.Text = "i", "d", normalize.KindAction, "1", "Do it"
		return it
	}
	plus1 := time.FixedZone("+01", 3600)
	runConv(t, func(it *normalize.Item) (ItemRow, *columnError) { return itemRow(it, nil) }, []convCase[normalize.Item, ItemRow]{
		{
			name: "every field",
			in:   sampleBatch().results[0].Items[1],
			want: ItemRow{
				ItemID: "d1:1.1", DocID: "d1", Kind: "action", Key: "1.1", ParentKey: ptr("1"),
				Objective: ptr("Early help"), Text: "Publish the local offer",
				Leads: []string{"Jo Bloggs", "Head of SEND"}, LeadOrgs: []string{"KCC"},
				Timescale: ptr("April 2023 - 2023"), StartDate: ptr[int32](19448), DueDate: ptr[int32](19722),
				StartPrecision: ptr("month"), DuePrecision: ptr("year"), Status: ptr("On track"),
				Refs: []string{"AFI2"}, Measures: []string{"m1"}, Outcomes: []string{"o1"},
				Rationale: []string{"r1"}, Milestones: []string{"ms1", "ms2"}, Progress: []string{"p1"},
				Page: ptr[int32](4), Flags: []string{"no_lead", "overdue"},
				StatusCategory: ptr("on_track"), IsOverdue: true, Delivers: []string{},
			},
		},
		{
			name: "nothing optional",
			in:   item(normalize.Item{}),
			want: plain(ItemRow{}),
		},
		{
			name: "a date is the calendar day in its own time zone",
			in:   item(normalize.Item{Due: normalize.Date{Time: time.Date(2024, 1, 1, 0, 30, 0, 0, plus1), Precision: normalize.PrecisionDay}}),
			want: plain(ItemRow{DueDate: ptr[int32](19723), DuePrecision: ptr("day")}),
		},
		{
			name: "a precision without a date is dropped",
			in:   item(normalize.Item{Start: normalize.Date{Precision: normalize.PrecisionYear}}),
			want: plain(ItemRow{}),
		},
		{
			name: "a date without a precision keeps the date",
			in:   item(normalize.Item{Start: normalize.Date{Time: day(1969, 12, 31)}}),
			want: plain(ItemRow{StartDate: ptr[int32](-1)}),
		},
		{
			name:    "negative page",
			in:      item(normalize.Item{Page: -2}),
			want:    plain(ItemRow{Page: ptr[int32](0)}),
			wantErr: "page: value out of range: -2",
		},
	})
}

func TestCellRow(t *testing.T) {
	tb := &layout.Table{Index: 3}
	convert := func(c *layout.Cell) (CellRow, *columnError) { return cellRow("d", tb, c) }
	runConv(t, convert, []convCase[layout.Cell, CellRow]{
		{
			name: "header spanning two columns",
			in:   layout.Cell{Row: 0, Col: 1, RowSpan: 1, ColSpan: 2, Header: true, Text: "a\nb", Page: 9},
			want: CellRow{DocID: "d", TableIndex: 3, Page: ptr[int32](9), Row: 0, Col: 1, RowSpan: 1, ColSpan: 2, IsHeader: true, Text: "a\nb"},
		},
		{
			name: "blank cell without a page",
			in:   layout.Cell{Row: 2, Col: 0, RowSpan: 1, ColSpan: 1},
			want: CellRow{DocID: "d", TableIndex: 3, Row: 2, RowSpan: 1, ColSpan: 1},
		},
		{
			name:    "zero span",
			in:      layout.Cell{Row: 2, Col: 0, RowSpan: 1, ColSpan: 0},
			want:    CellRow{DocID: "d", TableIndex: 3, Row: 2, RowSpan: 1},
			wantErr: "col_span: value out of range: 0, want at least 1",
		},
	})
}

func TestLinkRow(t *testing.T) {
	link := func(score float64) reconcile.Link {
		return reconcile.Link{ID: "l", Src: "a", Dst: "b", Relation: "same_as", Score: score, Method: "text", Evidence: "e", Review: "accepted"}
	}
	row := func(score float64) LinkRow {
		return LinkRow{LinkID: "l", SrcItemID: "a", DstItemID: "b", Relation: "same_as", Score: score, Method: "text", Evidence: "e", Review: "accepted"}
	}
	runConv(t, linkRow, []convCase[reconcile.Link, LinkRow]{
		{name: "score 1", in: link(1), want: row(1)},
		{name: "score 0", in: link(0), want: row(0)},
		{name: "score above 1", in: link(1.5), want: row(1.5), wantErr: "score: value out of range: 1.5, want 0 to 1"},
	})
	// NaN is never DeepEqual to itself, so only its error is compared.
	nan := link(math.NaN())
	if _, err := linkRow(&nan); err == nil || err.Error() != "score: value out of range: NaN, want 0 to 1" {
		t.Errorf("NaN score: error %v", err)
	}
}

func TestPersonRow(t *testing.T) {
	runConv(t, personRow, []convCase[normalize.Person, PersonRow]{
		{name: "variants and documents", in: sampleBatch().people[0],
			want: PersonRow{PersonID: "p1", Name: "Jo Bloggs", Variants: []string{"J. Bloggs"}, DocIDs: []string{"d1", "d2"}}},
		{name: "nil lists are empty", in: normalize.Person{ID: "p", Name: "N"},
			want: PersonRow{PersonID: "p", Name: "N", Variants: []string{}, DocIDs: []string{}}},
	})
}

func TestCoverageRow(t *testing.T) {
	runConv(t, coverageRow, []convCase[reconcile.Coverage, CoverageRow]{
		{name: "gap without a local area", in: sampleBatch().coverage[1],
			want: CoverageRow{FindingID: "d2:AFI3", DocID: "d2", Key: "AFI3", Text: "Transitions", ActionIDs: []string{}, Status: "gap"}},
		{name: "negative count", in: reconcile.Coverage{FindingID: "f", Actions: -1, Accepted: 2},
			want:    CoverageRow{FindingID: "f", ActionIDs: []string{}, Accepted: 2},
			wantErr: "actions: value out of range: -1"},
	})
}

func TestConflictAndChangeRows(t *testing.T) {
	runConv(t, conflictRow, []convCase[reconcile.Conflict, ConflictRow]{
		{name: "one side without a value", in: sampleBatch().conflicts[0],
			want: ConflictRow{LinkID: "l1", SrcItemID: "d1:1.1", DstItemID: "d2:AFI2", Field: "lead", SrcValue: ptr("Jo Bloggs")}},
	})
	runConv(t, changeRow, []convCase[reconcile.Change, ChangeRow]{
		{name: "added", in: sampleBatch().changes[0],
			want: ChangeRow{OldDocID: "d1", NewDocID: "d3", NewItemID: ptr("d3:1.2"), Key: "1.2", Kind: "action", Change: "added", After: ptr("New action")}},
		{name: "modified", in: sampleBatch().changes[1],
			want: ChangeRow{OldDocID: "d1", NewDocID: "d3", OldItemID: ptr("d1:1.1"), NewItemID: ptr("d3:1.1"), Key: "1.1", Kind: "action", Change: "modified",
				Field: ptr("due_date"), Before: ptr("2023-12-31"), After: ptr("2024-03-31")}},
		{name: "removed, naming the old item", in: reconcile.Change{OldDocID: "d1", NewDocID: "d3", OldItemID: "i1",
			Key: "1.3", Kind: "action", Change: "removed", Before: "Old action"},
			want: ChangeRow{OldDocID: "d1", NewDocID: "d3", OldItemID: ptr("i1"), Key: "1.3", Kind: "action",
				Change: "removed", Before: ptr("Old action")}},
	})
}
