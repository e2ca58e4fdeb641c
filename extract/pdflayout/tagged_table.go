package pdflayout

import (
	"math"
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// table converts a Table element: rows from TR elements (directly or in
// THead/TBody/TFoot), cells placed on the grid by HTML's rules so that a
// cell spanning rows pushes the cells below it to the right.
func (tb *taggedBuilder) table(e *structElem, out []layout.Block) []layout.Block {
	type rowElem struct {
		tr     *structElem
		header bool
	}
	var rows []rowElem
	var nested []*structElem
	var walk func(e *structElem, header bool, depth int)
	walk = func(e *structElem, header bool, depth int) {
		for _, k := range e.kids {
			if k.elem == nil || depth > 4 {
				continue
			}
			switch k.elem.role {
			case "TR":
				rows = append(rows, rowElem{k.elem, header})
			case "THead":
				walk(k.elem, true, depth+1)
			case "TBody", "TFoot":
				walk(k.elem, header, depth+1)
			case "Caption":
			default:
				walk(k.elem, header, depth+1)
			}
		}
	}
	walk(e, false, 0)

	// Gather each cell's glyphs first: their extent places cells whose
	// row lacks an element for an empty cell, and tells where each
	// column's text wraps.
	var cells []taggedCell
	for r, row := range rows {
		for _, k := range row.tr.kids {
			if k.elem == nil || (k.elem.role != "TD" && k.elem.role != "TH") {
				continue
			}
			tc := taggedCell{elem: k.elem, row: r, header: row.header || k.elem.role == "TH",
				rowSpan: min(k.elem.rowSpan, len(rows)-r), colSpan: k.elem.colSpan}
			tb.onlyPages = tb.distinctPages(k.elem)
			used := tb.used
			tc.pages = tb.onlyPages
			tc.x0, tc.x1 = tb.glyphExtent(tb.glyphsOf(k.elem.kids, nil, nil))
			tb.used = used
			tb.onlyPages = nil
			cells = append(cells, tc)
		}
	}
	cols := placeTaggedCells(cells)
	colRight := make([]float64, cols)
	for _, c := range cells {
		if c.colSpan == 1 && c.col < cols {
			colRight[c.col] = max(colRight[c.col], c.x1)
		}
	}

	t := &layout.Table{Index: len(tablesIn(tb.doc, out))}
	for _, tc := range cells {
		right := tc.x1
		if last := tc.col + tc.colSpan - 1; last < cols && colRight[last] > 0 {
			right = max(right, colRight[last])
		}
		tb.onlyPages = tc.pages
		lines, inner := tb.cellLines(tc.elem, right)
		tb.onlyPages = nil
		nested = append(nested, inner...)
		c := layout.Cell{
			Row: tc.row, Col: tc.col, RowSpan: tc.rowSpan, ColSpan: tc.colSpan,
			Header: tc.header, Lines: lines, Text: joinCellLines(lines),
		}
		if len(lines) > 0 {
			c.Page = lines[0].Page
		}
		t.Cells = append(t.Cells, c)
	}
	t.Cols = cols
	t.Rows = len(rows)
	if len(t.Cells) == 0 {
		return out
	}
	page := 0
	for _, c := range t.Cells {
		if c.Page > 0 {
			page = c.Page
			break
		}
	}
	out = append(out, layout.Block{Kind: layout.KindTable, Page: page, Table: t})
	for _, n := range nested {
		out = tb.table(n, out)
	}
	return out
}

// distinctPages returns the pages of a cell's content whose text is not a
// repeat of an earlier page's: a header row that the producer redrew on
// every page the table crosses is tagged as one cell with content on each
// page. A row split by a page break has different text on each page and
// keeps all of them. Nil means every page.
func (tb *taggedBuilder) distinctPages(cell *structElem) map[int]bool {
	var pages []int
	seenPage := map[int]bool{}
	var walk func(e *structElem)
	walk = func(e *structElem) {
		for _, k := range e.kids {
			if k.elem != nil {
				walk(k.elem)
			} else if !seenPage[k.page] {
				seenPage[k.page] = true
				pages = append(pages, k.page)
			}
		}
	}
	walk(cell)
	if len(pages) < 2 {
		return nil
	}
	keep := map[int]bool{}
	seenText := map[string]bool{}
	used := tb.used
	for _, p := range pages {
		tb.onlyPages = map[int]bool{p: true}
		text, _ := tb.paragraph(cell.kids)
		if !seenText[text] {
			seenText[text] = true
			keep[p] = true
		}
	}
	tb.used = used
	return keep
}

// tablesIn counts the tables already in the document and in pending.
func tablesIn(doc *layout.Document, pending []layout.Block) []*layout.Table {
	ts := doc.Tables()
	for i := range pending {
		if pending[i].Table != nil {
			ts = append(ts, pending[i].Table)
		}
	}
	return ts
}

// cellLines turns a cell's content into lines: one per paragraph or
// heading, one per list item (marked as a bullet with its depth). Tables
// nested in the cell are returned to be emitted after the outer table.
func (tb *taggedBuilder) cellLines(cell *structElem, right float64) ([]layout.Line, []*structElem) {
	var out []layout.Line
	var nested []*structElem
	var inline []structKid
	flush := func() {
		if len(inline) == 0 {
			return
		}
		out = append(out, tb.paragraphLines(inline, right)...)
		inline = nil
	}
	var walk func(e *structElem)
	walk = func(e *structElem) {
		for _, k := range e.kids {
			switch {
			case k.elem == nil || !isBlock(k.elem):
				inline = append(inline, k)
			case k.elem.role == "Table":
				flush()
				nested = append(nested, k.elem)
			case k.elem.role == "L":
				flush()
				list := &layout.List{}
				tb.listItems(k.elem, 0, list)
				for _, it := range list.Items {
					out = append(out, layout.Line{Text: it.Text, Bullet: true, Depth: it.Depth, Page: it.Page})
				}
			case hasBlockKid(k.elem):
				flush()
				walk(k.elem)
			default:
				flush()
				out = append(out, tb.paragraphLines(k.elem.kids, right)...)
			}
		}
		flush()
	}
	walk(cell)
	return out, nested
}

// joinCellLines is a cell's Text: its lines joined by "\n".
func joinCellLines(lines []layout.Line) string {
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = l.Text
	}
	return strings.Join(parts, "\n")
}

// taggedCell is a TD or TH element on its way to the grid.
type taggedCell struct {
	elem             *structElem
	row, col         int
	rowSpan, colSpan int
	header           bool
	pages            map[int]bool
	x0, x1           float64 // extent of its glyphs; x0 > x1 when empty
}

// glyphExtent is the horizontal extent of glyphs (+Inf, -Inf for none).
func (tb *taggedBuilder) glyphExtent(gs []glyphRef) (float64, float64) {
	x0, x1 := math.Inf(1), math.Inf(-1)
	for _, r := range gs {
		g := tb.glyph(r)
		x0, x1 = min(x0, g.x0), max(x1, g.x1)
	}
	return x0, x1
}

// placeTaggedCells puts cells on the grid by HTML's rules, then moves the
// cells of rows that come up short to the columns their text stands in:
// some producers tag no element for an empty cell, which would shift the
// rest of its row left. It returns the column count.
func placeTaggedCells(cells []taggedCell) int {
	var grid occupancy
	place := func(colOf func(i, free int) int) {
		grid = occupancy{}
		row, col := -1, 0
		for i := range cells {
			c := &cells[i]
			if c.row != row {
				row, col = c.row, 0
			}
			col = colOf(i, grid.nextFree(c.row, col))
			for grid.taken[[2]int{c.row, col}] {
				col++
			}
			c.col = col
			grid.mark(c.row, col, c.rowSpan, c.colSpan)
			col += c.colSpan
		}
	}
	place(func(_, free int) int { return free })
	cols := grid.cols
	// Column left edges from rows that fill the grid.
	filled := map[int]int{}
	for _, c := range cells {
		for r := c.row; r < c.row+c.rowSpan; r++ {
			filled[r] += c.colSpan
		}
	}
	left := make([]float64, cols)
	for i := range left {
		left[i] = math.Inf(1)
	}
	short := false
	for _, c := range cells {
		if filled[c.row] == cols && c.colSpan == 1 {
			left[c.col] = min(left[c.col], c.x0)
		}
		if filled[c.row] < cols {
			short = true
		}
	}
	if !short {
		return cols
	}
	place(func(i, free int) int {
		c := cells[i]
		if filled[c.row] == cols || math.IsInf(c.x0, 1) {
			return free
		}
		best := free
		for k := free; k < cols; k++ {
			if !math.IsInf(left[k], 1) && left[k] <= c.x0+2 {
				best = k
			}
		}
		return best
	})
	return max(cols, grid.cols)
}

// occupancy tracks which grid slots spanning cells already cover.
type occupancy struct {
	taken map[[2]int]bool
	cols  int
}

func (o *occupancy) nextFree(row, col int) int {
	for o.taken[[2]int{row, col}] {
		col++
	}
	return col
}

func (o *occupancy) mark(row, col, rowSpan, colSpan int) {
	if o.taken == nil {
		o.taken = map[[2]int]bool{}
	}
	for r := row; r < row+rowSpan; r++ {
		for c := col; c < col+colSpan; c++ {
			o.taken[[2]int{r, c}] = true
		}
	}
	o.cols = max(o.cols, col+colSpan)
}
