package pdflayout

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// columnTolerance is how far (points) column edges of a table's parts on
// consecutive pages may differ for them to be one table.
const columnTolerance = 3.0

// continues reports whether next, on the page after prev, carries on the
// same table: it comes first on its page and has the same columns.
func continues(prev, next *pageTable, nextPage []pageItem) bool {
	if next.page != prev.lastPage+1 || len(prev.xs) != len(next.xs) {
		return false
	}
	for _, it := range nextPage {
		if it.table == next {
			break
		}
		if it.top < next.box.y0 {
			return false // something stands between the two parts
		}
	}
	for i := range prev.xs {
		if math.Abs(prev.xs[i]-next.xs[i]) > columnTolerance {
			return false
		}
	}
	return true
}

// joinTable appends next's rows to prev. A first row repeating prev's
// first row is a header the producer redrew on the new page: it is dropped
// and prev's first row marked as header.
func joinTable(prev, next *pageTable) {
	prev.lastPage = next.page
	skip := 0
	if rowText(prev, 0) != "" && rowText(prev, 0) == rowText(next, 0) {
		skip = rowsSpanned(next, 0)
		for i := range prev.cells {
			if prev.cells[i].Row < skip {
				prev.cells[i].Header = true
			}
		}
	}
	merged := 0
	var drop map[int]bool
	if skip < next.rows && rowSplit(prev, next, skip) {
		mergeSplitRow(prev, next, skip)
		merged = 1
	} else if skip < next.rows {
		drop = continueSpans(prev, next, skip)
	}
	offset := prev.rows - skip - merged
	for j, c := range next.cells {
		if c.Row < skip+merged || drop[j] {
			continue
		}
		c.Row += offset
		prev.cells = append(prev.cells, c)
	}
	prev.rows += next.rows - skip - merged
}

// rowSplit reports whether row r of next continues the last row of prev,
// broken by the page end: a column's text carries on mid-sentence (starts
// in lower case), or the row's first column is empty where prev's last row
// has its row label.
func rowSplit(prev, next *pageTable, r int) bool {
	last := lastRowCells(prev)
	first := map[int]layout.Cell{}
	for _, c := range next.cells {
		if c.Row == r {
			first[c.Col] = c
		}
	}
	for col, c := range first {
		p, ok := last[col]
		if !ok || p.Text == "" || c.Text == "" {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(c.Text); unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// continueSpans extends the row spans of prev's last-row cells that
// already span rows over the empty cell below them at the top of next: a
// cell spanning rows that the page break cut is drawn again, empty, on the
// new page. It returns the next cells to leave out.
func continueSpans(prev, next *pageTable, r int) map[int]bool {
	drop := map[int]bool{}
	last := map[int]int{}
	for i, c := range prev.cells {
		if c.Row+c.RowSpan == prev.rows && c.RowSpan > 1 && c.Text != "" {
			last[c.Col] = i
		}
	}
	for j, c := range next.cells {
		if c.Row != r || c.Text != "" {
			continue
		}
		if i, ok := last[c.Col]; ok && prev.cells[i].ColSpan == c.ColSpan {
			prev.cells[i].RowSpan += c.RowSpan
			drop[j] = true
		}
	}
	return drop
}

// lastRowCells maps column to the cell covering prev's last row there.
func lastRowCells(t *pageTable) map[int]layout.Cell {
	out := map[int]layout.Cell{}
	for _, c := range t.cells {
		if c.Row+c.RowSpan == t.rows {
			out[c.Col] = c
		}
	}
	return out
}

// mergeSplitRow appends the cells of next's row r to the cells covering
// prev's last row. A paragraph cut by the page joins its continuation with
// a space; otherwise the continuation starts a new line.
func mergeSplitRow(prev, next *pageTable, r int) {
	idx := map[int]int{}
	for i, c := range prev.cells {
		if c.Row+c.RowSpan == prev.rows {
			idx[c.Col] = i
		}
	}
	for _, c := range next.cells {
		if c.Row != r {
			continue
		}
		i, ok := idx[c.Col]
		if !ok {
			continue
		}
		p := &prev.cells[i]
		if c.RowSpan > 1 {
			p.RowSpan += c.RowSpan - 1
		}
		if len(c.Lines) == 0 {
			continue
		}
		lines := c.Lines
		if n := len(p.Lines); n > 0 && !lines[0].Bullet {
			if r0, _ := utf8.DecodeRuneInString(lines[0].Text); unicode.IsLower(r0) {
				p.Lines[n-1].Text = joinLines([]string{p.Lines[n-1].Text, lines[0].Text}, nil)
				lines = lines[1:]
			}
		}
		p.Lines = append(p.Lines, lines...)
		p.Text = joinCellLines(p.Lines)
	}
}

// rowText is the text of the cells starting on row r, for comparing rows.
func rowText(t *pageTable, r int) string {
	var parts []string
	for _, c := range t.cells {
		if c.Row == r {
			parts = append(parts, strings.Join(strings.Fields(c.Text), " "))
		}
	}
	return strings.Join(parts, "\t")
}

// rowsSpanned is how many rows the cells of row r reach down.
func rowsSpanned(t *pageTable, r int) int {
	n := 1
	for _, c := range t.cells {
		if c.Row == r {
			n = max(n, c.RowSpan)
		}
	}
	return n
}
