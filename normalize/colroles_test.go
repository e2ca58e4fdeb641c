package normalize

import (
	"testing"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// grid builds a table from rows of cell texts; the first row is the header.
func grid(rows ...[]string) *layout.Table {
	t := &layout.Table{Rows: len(rows), Cols: len(rows[0])}
	for r, row := range rows {
		for c, text := range row {
			t.Cells = append(t.Cells, layout.Cell{Row: r, Col: c, RowSpan: 1, ColSpan: 1, Header: r == 0, Text: text})
		}
	}
	return t
}

// Headings nobody configured still give their columns a role from what the
// cells hold: people, dates (the left one the start), ratings.
func TestInferRolesFromCells(t *testing.T) {
	b := testBuilder()
	tbl := grid(
		[]string{"Action", "Named person", "Begins", "Complete by", "How are we doing?"},
		[]string{"Appoint a programme manager.", "Gareth Rowntree, Director of Education", "Sept 17", "Dec-17", "B"},
		[]string{"Establish four workstreams.", "Head of SEN", "Oct-17", "Q4 2018/19", "G"},
		[]string{"Publish the Local Offer.", "Kate Lumley / Chair of SENCO Network", "Jan 2018", "Ongoing", "Amber\nSlipped because of staff changes"},
	)
	h := b.inferRoles(tbl, b.cols.readHeader(tbl))
	want := []string{RoleText, RoleLead, RoleStart, RoleDue, RoleStatus}
	for c, w := range want {
		if h.roles[c] != w {
			t.Errorf("column %d (%q): role %q; want %q", c, tbl.At(0, c).Text, h.roles[c], w)
		}
	}
}

// A column headed as progress that holds ratings is a status column; its
// comment lines stay progress.
func TestInferStatusOverProgressHeading(t *testing.T) {
	b := testBuilder()
	b.opts.Columns = map[string][]string{RoleText: {"action"}, RoleProgress: {"progress"}}
	b.cols = newColumnMatcher(b.opts.Columns)
	tbl := grid(
		[]string{"Action", "Progress (RAG)"},
		[]string{"Build the dashboard.", "Blue"},
		[]string{"Sign the agreement.", "Green\nLived experience page added August 2024"},
		[]string{"Adopt the software.", "Amber Health data for 19 to 25 year olds incomplete"},
	)
	h := b.inferRoles(tbl, b.cols.readHeader(tbl))
	if h.roles[1] != RoleStatus {
		t.Fatalf("role %q; want status", h.roles[1])
	}
	rows := b.rows(tbl, h, RoleText)
	for i, want := range []struct{ status, progress string }{{"Blue", ""}, {"Green", "Lived experience page added August 2024"}, {"Amber", "Health data for 19 to 25 year olds incomplete"}} {
		b.splitStatus(rows[i])
		if got := rows[i].fields[RoleStatus].text(); got != want.status {
			t.Errorf("row %d status %q; want %q", i, got, want.status)
		}
		if got := rows[i].fields[RoleProgress].text(); got != want.progress {
			t.Errorf("row %d progress %q; want %q", i, got, want.progress)
		}
	}
}
