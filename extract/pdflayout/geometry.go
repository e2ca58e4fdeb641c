package pdflayout

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// pageTable is a table found on one page, before tables continued across
// pages are joined.
type pageTable struct {
	page     int
	lastPage int // the page of the last part joined on
	box      box
	xs       []float64 // column edges
	rows     int
	cols     int
	cells    []layout.Cell
	// src holds, for each cell of a ruled table, the visual lines its
	// logical lines were grouped from, so that a cell a page break cut can
	// be regrouped whole; nil for tables read otherwise.
	src []cellSource
	// openTop and openBottom are set where the part's first or last row
	// was cut by a page break, no rule closing it (latticeTable).
	openTop, openBottom bool
	// openCols are the columns whose last cell the page break cut, the
	// cells beside it closed (latticeTable.openCols).
	openCols map[int]bool
	// uncertain says why the grid may be wrong (layout.Table.Uncertain).
	uncertain []string
	// lastBottom is where the last part joined on ends on its page, and
	// cutAt where a page break cut one of the table's rows (0 if none
	// did): how far down the producer fills a page with this table.
	lastBottom, cutAt float64
}

// doubt records a reason the table's grid is uncertain, once.
func (t *pageTable) doubt(reason string) {
	if !slices.Contains(t.uncertain, reason) {
		t.uncertain = append(t.uncertain, reason)
	}
}

// cellSource is what a cell's lines were grouped from: its visual lines,
// on one page or more, and where text in it wraps.
type cellSource struct {
	lines []line
	right float64
}

// pageItem is a block or a table at its place on a page.
type pageItem struct {
	top   float64
	block *layout.Block
	table *pageTable
}

// buildGeometric fills doc from page geometry alone: the path for untagged
// PDFs.
func buildGeometric(doc *layout.Document, pages []*pageContent) {
	for _, pc := range pages {
		if pc != nil {
			addShapeBullets(pc)
		}
	}
	furniture, allLines := findFurniture(pages)
	dt := newDocText(allLines)
	var pageLines [][]line
	var items [][]pageItem
	for i, pc := range pages {
		if pc == nil {
			pageLines = append(pageLines, nil)
			items = append(items, nil)
			continue
		}
		body, tables := splitTables(pc, dt)
		body, banded := findBandTables(pc, body, dt)
		tables = append(tables, banded...)
		// A page without tables has the lines furniture was found on:
		// the same glyphs, the same options.
		lines := allLines[i]
		if len(body) < len(pc.glyphs) {
			lines = buildLinesOf(pc.glyphs, body, pc.number, lineOptions{splitGap: 3})
		}
		var kept []line
		for _, l := range lines {
			if furniture.has(l) {
				doc.Furniture = append(doc.Furniture, layout.Line{Text: l.text, Page: pc.number})
				continue
			}
			kept = append(kept, l)
		}
		streams, kept := findStreamTables(kept, pc.number, dt.pitch)
		tables = append(tables, streams...)
		pageLines = append(pageLines, kept)
		var its []pageItem
		for i := range tables {
			its = append(its, pageItem{top: tables[i].box.y0, table: &tables[i]})
		}
		items = append(items, its)
	}
	styles := newTextStyles(pageLines)
	styles.docText = dt
	for i, lines := range pageLines {
		items[i] = append(items[i], styles.blocks(lines)...)
		sort.SliceStable(items[i], func(a, b int) bool { return items[i][a].top < items[i][b].top })
	}
	var pending *pageTable
	var pendingBlock int
	for _, its := range items {
		for _, it := range its {
			if it.table != nil {
				if pending != nil && continues(pending, it.table, its) {
					joinTable(pending, it.table, dt)
					continue
				}
				flushTable(doc, pending, pendingBlock)
				pending = it.table
				doc.Blocks = append(doc.Blocks, layout.Block{Kind: layout.KindTable, Page: it.table.page})
				pendingBlock = len(doc.Blocks) - 1
				doc.Blocks[pendingBlock].Table = &layout.Table{}
				continue
			}
			pending = flushTable(doc, pending, pendingBlock)
			if n := len(doc.Blocks); n > 0 && continuesText(&doc.Blocks[n-1], it.block, dt.vocab) {
				prev := &doc.Blocks[n-1]
				for _, u := range it.block.Uncertain {
					prev.Uncertain = addNote(prev.Uncertain, u)
				}
				prev.Uncertain = addNote(prev.Uncertain, joinedAcrossPages)
				continue
			}
			doc.Blocks = append(doc.Blocks, *it.block)
		}
	}
	flushTable(doc, pending, pendingBlock)
	for i, t := range doc.Tables() {
		t.Index = i
	}
}

// joinedAcrossPages notes a paragraph or list whose end on one page and
// start on the next were taken for one, from how the first part ends and
// the second begins.
const joinedAcrossPages = "joined across a page break"

func addNote(notes []string, n string) []string {
	if slices.Contains(notes, n) {
		return notes
	}
	return append(notes, n)
}

// continuesText joins a paragraph that a page break cut: next, the first
// block on its page, carries on prev (a paragraph or list item ending the
// page before) when prev stops mid-sentence or next starts in lower case.
// It reports whether next was absorbed.
func continuesText(prev, next *layout.Block, vocab vocabulary) bool {
	if next.Kind == layout.KindList {
		return continuesList(prev, next)
	}
	if next.Kind != layout.KindParagraph {
		return false
	}
	var target *string
	var page int
	r, _ := utf8.DecodeRuneInString(next.Text)
	switch prev.Kind {
	case layout.KindParagraph:
		target, page = &prev.Text, prev.Page
	case layout.KindList:
		// Items written as phrases end without a stop, so after one only
		// a lower-case start shows the item going on; a capital starts
		// the text after the list ("Sourced January 2021"). An item
		// written in sentences that stops mid-sentence goes on.
		last := &prev.List.Items[len(prev.List.Items)-1]
		if !unicode.IsLower(r) && !strings.Contains(last.Text, ". ") {
			return false
		}
		target, page = &last.Text, last.Page
	default:
		return false
	}
	if page != next.Page-1 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(*target)
	if !unicode.IsLower(r) && strings.ContainsRune(".!?:;", last) {
		return false
	}
	*target = joinLines([]string{*target, next.Text}, vocab)
	return true
}

// continuesList joins a list that a page break cut: the next page opens
// with items of the same kind, numbered on from the last.
func continuesList(prev, next *layout.Block) bool {
	if prev.Kind != layout.KindList || prev.List.Ordered != next.List.Ordered {
		return false
	}
	last, first := prev.List.Items[len(prev.List.Items)-1], next.List.Items[0]
	if last.Page != first.Page-1 || first.Depth != 0 && first.Depth > last.Depth {
		return false
	}
	if prev.List.Ordered && first.Depth == 0 && first.Number != last.Number+1 {
		return false
	}
	prev.List.Items = append(prev.List.Items, next.List.Items...)
	return true
}

// flushTable stores the finished pending table in its block.
func flushTable(doc *layout.Document, t *pageTable, block int) *pageTable {
	if t == nil {
		return nil
	}
	*doc.Blocks[block].Table = layout.Table{Rows: t.rows, Cols: t.cols, Cells: t.cells, Uncertain: t.uncertain}
	return nil
}

// splitTables finds the page's ruled tables, fills their cells with the
// glyphs inside them, and returns the glyphs outside any table (as
// indexes into the page's glyphs, in order).
func splitTables(pc *pageContent, dt docText) ([]int32, []pageTable) {
	lattices := findLatticeTables(pc)
	lattices = slices.DeleteFunc(lattices, func(t latticeTable) bool {
		return t.oneRow() && (pc.number == 1 || textAbove(pc, t.box.y0)) || t.oneColumn()
	})
	if len(lattices) == 0 {
		return allGlyphs(pc), nil
	}
	inCell := make([][][]int32, len(lattices))
	for i, t := range lattices {
		inCell[i] = make([][]int32, len(t.cells))
	}
	body := make([]int32, 0, len(pc.glyphs))
	for gi := range pc.glyphs {
		g := &pc.glyphs[gi]
		x, y := g.midX(), g.midY()
		placed := false
		for ti, t := range lattices {
			if x < t.box.x0 || x > t.box.x1 || y < t.box.y0 || y > t.box.y1 {
				continue
			}
			for ci, c := range t.cells {
				if x >= c.box.x0 && x <= c.box.x1 && y >= c.box.y0 && y <= c.box.y1 {
					inCell[ti][ci] = append(inCell[ti][ci], int32(gi))
					placed = true
					break
				}
			}
			if placed {
				break
			}
		}
		if !placed {
			body = append(body, int32(gi))
		}
	}
	var tables []pageTable
	for ti, t := range lattices {
		if pt, ok := fillTable(t, pc.glyphs, inCell[ti], pc.number, dt); ok {
			tables = append(tables, pt)
		}
	}
	return body, tables
}

// allGlyphs picks every glyph of the page.
func allGlyphs(pc *pageContent) []int32 {
	sel := make([]int32, len(pc.glyphs))
	for i := range sel {
		sel[i] = int32(i)
	}
	return sel
}

// oneColumn reports a framework of rules with a single column: boxes
// stacked down the page (a page's banner, navigation and content areas
// drawn as backgrounds, a framed notice) set apart, not cells of a table,
// which relates at least two columns of values. Its text stays in the
// body, where its headings, paragraphs and lists are read as such.
func (t latticeTable) oneColumn() bool { return len(t.xs) == 2 }

// textAbove reports whether the page has text above y, outside the top
// margin where running headers sit.
func textAbove(pc *pageContent, y float64) bool {
	for _, g := range pc.glyphs {
		if g.y < y && g.top() > furnitureMargin*pc.height {
			return true
		}
	}
	return false
}

// fillTable builds the cells' lines. Wrapped lines are told from hard
// breaks by where text in each cell wraps (cellRight).
func fillTable(t latticeTable, gs []glyph, inCell [][]int32, page int, dt docText) (pageTable, bool) {
	pt := pageTable{page: page, lastPage: page, box: t.box, xs: t.xs, rows: len(t.ys) - 1, cols: len(t.xs) - 1,
		openTop: t.openTop, openBottom: t.openBottom, openCols: t.openCols}
	lines := make([][]line, len(t.cells))
	nonEmpty := 0
	for ci := range t.cells {
		lines[ci] = buildLinesOf(gs, inCell[ci], page, lineOptions{})
		if len(lines[ci]) > 0 {
			nonEmpty++
		}
	}
	if nonEmpty == 0 {
		return pt, false // a framed picture or a decorative box, not a table
	}
	closeRowCuts(t, lines, dt.pitch)
	rights := cellRights(t, lines)
	for ci, c := range t.cells {
		ls := groupLines(lines[ci], rights[ci], dt)
		pt.cells = append(pt.cells, layout.Cell{
			Row: c.row, Col: c.col, RowSpan: c.rowSpan, ColSpan: c.colSpan,
			Text: joinCellLines(ls), Lines: ls, Page: page,
		})
		pt.src = append(pt.src, cellSource{lines: lines[ci], right: rights[ci]})
	}
	return pt, true
}

// cellRights finds where text wraps in each cell: the cell's right edge
// less its padding, which producers make the same on both sides and which
// the table's text shows on the left (the least distance from a cell's
// left edge to its text). Where the text itself reaches further (a
// padding measured wrong, a word too long for the cell), its right end
// counts instead; so it does for a column's cells together, which share
// their wrap width.
func cellRights(t latticeTable, lines [][]line) []float64 {
	pad := math.Inf(1)
	colRight := map[int]float64{}
	for ci, c := range t.cells {
		for _, l := range lines[ci] {
			pad = min(pad, l.x0-c.box.x0)
			if c.colSpan == 1 {
				colRight[c.col] = max(colRight[c.col], l.x1)
			}
		}
	}
	pad = max(0, min(pad, maxCellPadding))
	out := make([]float64, len(t.cells))
	for ci, c := range t.cells {
		right := c.box.x1 - pad
		if c.colSpan == 1 {
			right = max(right, colRight[c.col])
		}
		for _, l := range lines[ci] {
			right = max(right, l.x1)
		}
		out[ci] = right
	}
	return out
}

// maxCellPadding (points) bounds the padding measured from a table's
// text: text set further in than this is indented or centred, and says
// nothing about the padding.
const maxCellPadding = 12.0
