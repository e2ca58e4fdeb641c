package pdflayout

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
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
	if endedEarly(prev) && !repeatsHeader(prev, next) {
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

// repeatsHeader reports whether next opens with prev's first row again:
// a header the producer redrew on the new page.
func repeatsHeader(prev, next *pageTable) bool {
	return rowText(prev, 0) != "" && rowText(prev, 0) == rowText(next, 0)
}

// minRowSpace (points) is the least room a row takes: a line of text and
// the cell's padding.
const minRowSpace = 18.0

// endedEarly reports whether prev, a table whose rows the producer cuts
// at a page's end (it did so on an earlier page), stops with room for
// more above where it cut that row: had the table gone on, its next row
// would have begun in that room. (A producer may still keep a row whole,
// one a cell spans into, say: a repeated header outweighs this.)
func endedEarly(prev *pageTable) bool {
	return prev.cutAt > 0 && !prev.openBottom && prev.cutAt-prev.bottom() > minRowSpace
}

// bottom is where the table's last part ends on its page.
func (t *pageTable) bottom() float64 {
	if t.lastBottom == 0 {
		return t.box.y1
	}
	return t.lastBottom
}

// joinTable appends next's rows to prev. A first row repeating prev's
// first row is a header the producer redrew on the new page: it is dropped
// and prev's first row marked as header. A row the page break split is
// joined back into prev's last row.
func joinTable(prev, next *pageTable, dt docText) {
	prev.lastPage = next.page
	if prev.src != nil || next.src != nil {
		prev.src, next.src = fullSources(prev), fullSources(next)
	}
	skip := 0
	if repeatsHeader(prev, next) {
		skip = rowsSpanned(next, 0)
		for i := range prev.cells {
			if prev.cells[i].Row < skip {
				prev.cells[i].Header = true
			}
		}
	}
	merged := 0
	var drop map[int]bool
	// A part whose last row no rule closes was cut by the page end, and
	// so was a part whose first row has none above it: the first row
	// (after a repeated header) carries that row on, whatever its text.
	cut := prev.openBottom || next.openTop && skip == 0
	if skip < next.rows && (cut || rowSplit(prev, next, skip)) {
		mergeSplitRow(prev, next, skip, dt)
		merged = 1
		prev.cutAt = max(prev.cutAt, prev.bottom())
	} else if skip < next.rows {
		drop = continueSpans(prev, next, skip)
	}
	if skip == 0 && merged == 0 && len(drop) == 0 {
		// Neither a repeated header nor a row carried over ties the
		// parts: two tables of the same columns, one ending a page and
		// the other opening the next, read the same.
		prev.doubt(fmt.Sprintf("joined to the part on page %d by its columns alone", next.page))
	}
	for _, u := range next.uncertain {
		prev.doubt(u)
	}
	offset := prev.rows - skip - merged
	for j, c := range next.cells {
		if c.Row < skip+merged || drop[j] {
			continue
		}
		c.Row += offset
		prev.cells = append(prev.cells, c)
		if prev.src != nil {
			prev.src = append(prev.src, next.src[j])
		}
	}
	prev.rows += next.rows - skip - merged
	prev.openBottom, prev.openCols, prev.lastBottom = next.openBottom, next.openCols, next.box.y1
}

// fullSources returns t's cell sources, one for each cell, empty where
// t has none.
func fullSources(t *pageTable) []cellSource {
	if len(t.src) == len(t.cells) {
		return t.src
	}
	return make([]cellSource, len(t.cells))
}

// rowSplit reports whether row r of next continues the last row of prev,
// broken by the page end. Either a column's text carries on mid-sentence
// (starts in lower case), or the row is incomplete, some column that has
// text in prev's last row being empty in it (a row label, a date, a lead
// written once at the row's top), and some column's text carries on the
// text above it (carriesOn). A column whose cell above no rule closed,
// the cells beside it closed, is a cell spanning rows the break cut: it
// is empty below as the next row's own cell, and shows no row incomplete.
func rowSplit(prev, next *pageTable, r int) bool {
	last := lastRowCells(prev)
	incomplete, carried := false, false
	for j, c := range next.cells {
		if c.Row != r {
			continue
		}
		i, ok := last[c.Col]
		if !ok {
			continue
		}
		p := prev.cells[i]
		switch {
		case p.Text == "" || c.Text == "" && (c.RowSpan > 1 || prev.openCols[c.Col]):
			// a cell spanning rows is drawn again below the break
		case c.Text == "" && labelsEveryRow(prev, c.Col):
			// The row's label, written in every row of the part above,
			// is missing: written once at the row's top, above the break.
			return true
		case c.Text == "":
			incomplete = true
		case startsLower(c.Text):
			return true
		case carriesOn(prev, i, next, j):
			carried = true
		}
	}
	return incomplete && carried
}

// redrawnLine reports whether b, the first line of a row's part on the
// next page, is a, the last line above the break, drawn again: a producer
// that cuts pages out of one long canvas (wkhtmltopdf) draws the line the
// cut runs through on both pages.
func redrawnLine(a, b line) bool {
	return a.text == b.text && math.Abs(a.x0-b.x0) < 1 && math.Abs(a.size-b.size) < 0.5
}

// labelsEveryRow reports whether column col of t has text in each of
// its two or more rows, no cell of it spanning rows: a column of row
// labels.
func labelsEveryRow(t *pageTable, col int) bool {
	rows := map[int]bool{}
	for _, c := range t.cells {
		if c.Col != col {
			continue
		}
		if c.Text == "" || c.RowSpan > 1 {
			return false
		}
		rows[c.Row] = true
	}
	return t.rows >= 2 && len(rows) == t.rows
}

// carriesOn reports whether next's cell j reads as the rest of prev's cell
// i: the text above stops mid-sentence, the text below opens with neither
// a bullet nor a list number, and where both cells' visual lines are known,
// the first word below would not have fitted at the end of the line above.
func carriesOn(prev *pageTable, i int, next *pageTable, j int) bool {
	above, below := prev.cells[i], next.cells[j]
	if endsSentence(above.Text) {
		return false
	}
	if len(below.Lines) > 0 && below.Lines[0].Bullet {
		return false
	}
	if _, ok := splitMarker(below.Text); ok {
		return false
	}
	if i >= len(prev.src) || j >= len(next.src) {
		return true
	}
	a, b := prev.src[i], next.src[j]
	if len(a.lines) == 0 || len(b.lines) == 0 {
		return true
	}
	return !hardBreak(a.lines[len(a.lines)-1], b.lines[0], a.right)
}

// endsSentence reports whether text ends with a sentence's or a list
// entry's closing punctuation.
func endsSentence(text string) bool {
	text = strings.TrimRight(strings.TrimSpace(text), "\"')]”’")
	r, _ := utf8.DecodeLastRuneInString(text)
	return strings.ContainsRune(".!?:;", r)
}

func startsLower(text string) bool {
	r, _ := utf8.DecodeRuneInString(text)
	return unicode.IsLower(r)
}

// continueSpans extends the row spans of prev's last-row cells over the
// empty cell below them at the top of next, where either spans rows or
// no rule closes the cell above while the cells beside it are closed: a
// cell spanning rows that the page break cut is drawn again, empty, on the
// new page (where it may span one row above the break and several below).
// It returns the next cells to leave out.
func continueSpans(prev, next *pageTable, r int) map[int]bool {
	drop := map[int]bool{}
	last := map[int]int{}
	for i, c := range prev.cells {
		if c.Row+c.RowSpan == prev.rows && c.Text != "" {
			last[c.Col] = i
		}
	}
	for j, c := range next.cells {
		if c.Row != r || c.Text != "" {
			continue
		}
		i, ok := last[c.Col]
		if !ok || prev.cells[i].ColSpan != c.ColSpan || prev.cells[i].RowSpan == 1 && c.RowSpan == 1 && !prev.openCols[c.Col] {
			continue
		}
		prev.cells[i].RowSpan += c.RowSpan
		drop[j] = true
	}
	return drop
}

// lastRowCells maps column to the index of the cell covering prev's last
// row there.
func lastRowCells(t *pageTable) map[int]int {
	out := map[int]int{}
	for i, c := range t.cells {
		if c.Row+c.RowSpan == t.rows {
			out[c.Col] = i
		}
	}
	return out
}

// mergeSplitRow appends the cells of next's row r to the cells covering
// prev's last row. Where both parts' visual lines are known, the cell's
// lines are grouped again from all of them, so that a paragraph or a list
// item cut by the page is one line again. Otherwise a continuation in
// lower case joins the last line with a space, and the rest start new
// lines.
func mergeSplitRow(prev, next *pageTable, r int, dt docText) {
	idx := lastRowCells(prev)
	for j, c := range next.cells {
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
		if i < len(prev.src) && j < len(next.src) && len(prev.src[i].lines) > 0 && len(next.src[j].lines) > 0 {
			src := &prev.src[i]
			more := next.src[j].lines
			if last := src.lines[len(src.lines)-1]; redrawnLine(last, more[0]) {
				more = more[1:]
			}
			src.lines = append(src.lines[:len(src.lines):len(src.lines)], more...)
			p.Lines = groupLines(src.lines, src.right, dt)
			p.Text = joinCellLines(p.Lines)
			continue
		}
		lines := c.Lines
		if n := len(p.Lines); n > 0 && p.Lines[n-1].Text == lines[0].Text {
			lines = lines[1:] // the line the break cut, drawn again (redrawnLine)
			if len(lines) == 0 {
				continue
			}
		}
		if n := len(p.Lines); n > 0 && !lines[0].Bullet && startsLower(lines[0].Text) {
			p.Lines[n-1].Text = joinLines([]string{p.Lines[n-1].Text, lines[0].Text}, nil)
			lines = lines[1:]
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
