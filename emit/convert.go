package emit

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/sendrecon/sendrecon/extract/layout"
	"github.com/sendrecon/sendrecon/normalize"
	"github.com/sendrecon/sendrecon/reconcile"
)

// columnError is a value a converter could not turn into its column; the
// table writer adds the table and row position.
type columnError struct {
	column string
	err    error
}

func (e *columnError) Error() string { return e.column + ": " + e.err.Error() }

// numbers converts ints to INT32 columns, remembering the first that does
// not fit, so a converter can fill a whole row and check once.
type numbers struct{ err *columnError }

func (n *numbers) int32(column string, v int) int32 {
	if v < 0 || v > math.MaxInt32 {
		if n.err == nil {
			n.err = &columnError{column, fmt.Errorf("%w: %d", ErrOutOfRange, v)}
		}
		return 0
	}
	return int32(v)
}

// optInt32 is null for 0, which the stages use for "none".
func (n *numbers) optInt32(column string, v int) *int32 {
	if v == 0 {
		return nil
	}
	i := n.int32(column, v)
	return &i
}

// span is a row or column span: at least 1, since a cell covers itself.
func (n *numbers) span(column string, v int) int32 {
	if v < 1 && n.err == nil {
		n.err = &columnError{column, fmt.Errorf("%w: %d, want at least 1", ErrOutOfRange, v)}
	}
	return n.int32(column, v)
}

func (n *numbers) result() *columnError { return n.err }

// optString points into the stage's own value rather than copying it: the
// row lives only until parquet-go has copied it, and this saves an
// allocation per optional column.
func optString(s *string) *string {
	if *s == "" {
		return nil
	}
	return s
}

func list(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// days is the DATE of t's calendar day, in t's own location.
func days(t time.Time) int32 {
	y, m, d := t.Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// date splits a normalize.Date into its DATE and precision columns; a zero
// date drops its precision too, since a precision of nothing means nothing.
func date(d *normalize.Date) (*int32, *string) {
	if d.IsZero() {
		return nil, nil
	}
	v := days(d.Time)
	return &v, optString((*string)(&d.Precision))
}

func optDate(d *normalize.Date) *int32 {
	v, _ := date(d)
	return v
}

func documentRow(d *normalize.Document) (DocumentRow, *columnError) {
	var n numbers
	r := DocumentRow{
		DocID:        d.ID,
		SourcePath:   d.SourcePath,
		SourceFormat: d.Format,
		SHA256:       d.SHA256,
		Title:        d.Title,
		LocalArea:    optString(&d.LocalArea),
		DocType:      optString(&d.DocType),
		Roles:        list(d.Roles),
		PageCount:    n.optInt32("page_count", d.PageCount),
		PeriodStart:  optDate(&d.PeriodStart),
		PeriodEnd:    optDate(&d.PeriodEnd),
		Status:       d.Status,
		Error:        optString(&d.Error),
		EditionID:    d.EditionID,
		DocDate:      optDate(&d.Date),
	}
	if r.EditionID == "" {
		r.EditionID = d.ID
	}
	return r, n.result()
}

// itemRow is the items row of it; area is its document's local area.
func itemRow(it *normalize.Item, area *string) (ItemRow, *columnError) {
	var n numbers
	r := ItemRow{
		ItemID:     it.ID,
		DocID:      it.DocID,
		Kind:       string(it.Kind),
		Key:        it.Key,
		ParentKey:  optString(&it.ParentKey),
		Objective:  optString(&it.Objective),
		Text:       it.Text,
		Leads:      list(it.Leads),
		LeadOrgs:   list(it.LeadOrgs),
		Timescale:  optString(&it.Timescale),
		Status:     optString(&it.Status),
		Refs:       list(it.Refs),
		Measures:   list(it.Measures),
		Outcomes:   list(it.Outcomes),
		Rationale:  list(it.Rationale),
		Milestones: list(it.Milestones),
		Progress:   list(it.Progress),
		Page:       n.optInt32("page", it.Page),
		Flags:      list(it.Flags),
		LocalArea:  area,
		IsOverdue:  slices.Contains(it.Flags, reconcile.FlagOverdue),
		Delivers:   list(it.Delivers),
	}
	r.StatusCategory = optString(&it.StatusCategory)
	r.StartDate, r.StartPrecision = date(&it.Start)
	r.DueDate, r.DuePrecision = date(&it.Due)
	return r, n.result()
}

func personRow(p *normalize.Person) (PersonRow, *columnError) {
	return PersonRow{
		PersonID: p.ID,
		Name:     p.Name,
		Variants: list(p.Variants),
		DocIDs:   list(p.DocIDs),
	}, nil
}

func linkRow(l *reconcile.Link) (LinkRow, *columnError) {
	r := LinkRow{
		LinkID:    l.ID,
		SrcItemID: l.Src,
		DstItemID: l.Dst,
		Relation:  l.Relation,
		Score:     l.Score,
		Method:    l.Method,
		Evidence:  l.Evidence,
		Review:    l.Review,
	}
	// The negated test also catches NaN.
	if !(l.Score >= 0 && l.Score <= 1) {
		return r, &columnError{"score", fmt.Errorf("%w: %v, want 0 to 1", ErrOutOfRange, l.Score)}
	}
	return r, nil
}

func cellRow(docID string, t *layout.Table, c *layout.Cell) (CellRow, *columnError) {
	var n numbers
	r := CellRow{
		DocID:      docID,
		TableIndex: n.int32("table_index", t.Index),
		Page:       n.optInt32("page", c.Page),
		Row:        n.int32("row", c.Row),
		Col:        n.int32("col", c.Col),
		RowSpan:    n.span("row_span", c.RowSpan),
		ColSpan:    n.span("col_span", c.ColSpan),
		IsHeader:   c.Header,
		Text:       c.Text,
	}
	return r, n.result()
}

func coverageRow(c *reconcile.Coverage) (CoverageRow, *columnError) {
	var n numbers
	r := CoverageRow{
		FindingID: c.FindingID,
		DocID:     c.DocID,
		LocalArea: optString(&c.LocalArea),
		Key:       c.Key,
		Text:      c.Text,
		Actions:   n.int32("actions", c.Actions),
		ActionIDs: list(c.ActionIDs),
		Accepted:  n.int32("accepted", c.Accepted),
		Status:    c.Status,
	}
	return r, n.result()
}

func conflictRow(c *reconcile.Conflict) (ConflictRow, *columnError) {
	return ConflictRow{
		LinkID:    c.LinkID,
		SrcItemID: c.SrcItemID,
		DstItemID: c.DstItemID,
		Field:     c.Field,
		SrcValue:  optString(&c.SrcValue),
		DstValue:  optString(&c.DstValue),
	}, nil
}

func changeRow(c *reconcile.Change) (ChangeRow, *columnError) {
	return ChangeRow{
		OldDocID:  c.OldDocID,
		NewDocID:  c.NewDocID,
		OldItemID: optString(&c.OldItemID),
		NewItemID: optString(&c.NewItemID),
		Key:       c.Key,
		Kind:      c.Kind,
		Change:    c.Change,
		Field:     optString(&c.Field),
		Before:    optString(&c.Before),
		After:     optString(&c.After),
	}, nil
}
