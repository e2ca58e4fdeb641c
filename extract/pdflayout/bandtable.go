package pdflayout

import (
	"math"
	"slices"
	"sort"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// Header-band tables are tables drawn without rules whose header cells
// have backgrounds: a producer that ignores CSS borders (LibreOffice's
// HTML import draws only a table's border attribute) still paints the
// header cells' background colour. Those backgrounds, side by side on one
// band across the page, give the columns; the text below that keeps to
// the columns is the body, its rows told apart by the whitespace between
// them.

// Tolerances of header bands, in points.
const (
	// maxBandGap is the widest gap between two header cell backgrounds
	// of one band (the cell spacing and padding between two paragraphs'
	// backgrounds).
	maxBandGap = 12.0
	// maxBandHeight bounds a header cell background: taller fills are
	// boxes and panels, not header cells.
	maxBandHeight = 80.0
	// bandStraddle: a glyph reaching this far over a column boundary
	// belongs to text across the columns, which ends the table.
	bandStraddle = 0.5
)

// rowBreak is how far apart, in line pitches, two baselines must be for
// a row to end between them: a cell's lines are a pitch apart (a little
// more at a paragraph or list item), rows also by the cells' padding.
const rowBreak = 1.4

// endBreak is the baseline distance, in line pitches, that ends a
// header-band table: a blank line or more than any row's padding.
const endBreak = 3.2

// The reasons a grid read without rules is uncertain.
const (
	doubtWhitespaceRows = "no rules drawn: columns from the header cells' backgrounds, rows from the whitespace between them (a cell spanning rows is not seen)"
	doubtCentredRows    = "no rules drawn: columns from the header cells' backgrounds, rows from the middles the cells of each row share (cells centred vertically)"
	doubtAlignedText    = "no rules drawn: columns and rows from the alignment of the text"
)

// headerBand is a row of cell backgrounds side by side.
type headerBand struct {
	cells []box
	box   box
}

// findBandTables finds the header-band tables among the page's glyphs
// that sel picks (those outside ruled tables), and returns them and the
// glyphs left over.
func findBandTables(pc *pageContent, sel []int32, dt docText) ([]int32, []pageTable) {
	bands := headerBands(pc, sel)
	if len(bands) == 0 {
		return sel, nil
	}
	glyphs := make([]glyph, len(sel))
	for k, i := range sel {
		glyphs[k] = pc.glyphs[i]
	}
	var tables []pageTable
	used := make([]bool, len(glyphs))
	for bi, b := range bands {
		limit := math.Inf(1)
		if bi+1 < len(bands) {
			limit = bands[bi+1].box.y0
		}
		if t, ok := bandTable(b, glyphs, used, limit, pc.number, dt); ok {
			tables = append(tables, t)
		}
	}
	var rest []int32
	for k := range glyphs {
		if !used[k] {
			rest = append(rest, sel[k])
		}
	}
	return rest, tables
}

// headerBands groups the page's cell-sized fills that hold text into
// bands: fills overlapping on one band of the page, each beside the next.
// A band of one fill is a highlighted paragraph, not a header row.
func headerBands(pc *pageContent, sel []int32) []headerBand {
	var cand []box
	for _, f := range pc.fills {
		if f.w() <= maxRuleThickness || f.h() <= maxRuleThickness || f.h() > maxBandHeight {
			continue
		}
		if slices.ContainsFunc(sel, func(i int32) bool { g := &pc.glyphs[i]; return inBox(f, g.midX(), g.midY()) }) {
			cand = append(cand, f)
		}
	}
	sort.Slice(cand, func(i, j int) bool { return cand[i].x0 < cand[j].x0 })
	var bands []headerBand
	done := make([]bool, len(cand))
	for i := range cand {
		if done[i] {
			continue
		}
		b := headerBand{cells: []box{cand[i]}, box: cand[i]}
		done[i] = true
		for j := i + 1; j < len(cand); j++ {
			last := b.cells[len(b.cells)-1]
			if done[j] || !overlapY(last, cand[j]) {
				continue
			}
			gap := cand[j].x0 - last.x1
			if gap < -bandStraddle || gap > maxBandGap {
				continue
			}
			b.cells = append(b.cells, cand[j])
			b.box = box{b.box.x0, min(b.box.y0, cand[j].y0), cand[j].x1, max(b.box.y1, cand[j].y1)}
			done[j] = true
		}
		if len(b.cells) >= 2 && !enclosed(b.box, pc.fills) {
			bands = append(bands, b)
		}
	}
	sort.Slice(bands, func(i, j int) bool { return bands[i].box.y0 < bands[j].box.y0 })
	return bands
}

// enclosed reports whether a larger fill holds the band and reaches well
// beyond it: buttons or tabs on a banner's or a panel's background, not a
// table's header row.
func enclosed(b box, fills []box) bool {
	for _, f := range fills {
		if f.x0 <= b.x0 && f.x1 >= b.x1 && f.y0 <= b.y0 && f.y1 >= b.y1 &&
			(b.x0-f.x0 > maxBandGap || f.x1-b.x1 > maxBandGap) {
			return true
		}
	}
	return false
}

// overlapY reports whether a and b share at least half the height of the
// lower one.
func overlapY(a, b box) bool {
	return min(a.y1, b.y1)-max(a.y0, b.y0) >= 0.5*min(a.h(), b.h())
}

func inBox(b box, x, y float64) bool {
	return x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1
}

// bandTable reads the table under band b: the header row inside the
// band, then body rows down to text that crosses the columns, a gap wider
// than a row's padding, or limit (the next band). It marks the glyphs it
// takes in used.
func bandTable(b headerBand, glyphs []glyph, used []bool, limit float64, page int, dt docText) (pageTable, bool) {
	// Column edges: the first background's left, the middle of each gap
	// between backgrounds, the last background's right.
	xs := []float64{b.cells[0].x0}
	for i := 1; i < len(b.cells); i++ {
		xs = append(xs, (b.cells[i-1].x1+b.cells[i].x0)/2)
	}
	xs = append(xs, b.cells[len(b.cells)-1].x1)
	left, right := xs[0]-maxBandGap, xs[len(xs)-1]+maxBandGap

	// The header: the glyphs inside the band.
	var head []int
	for i, g := range glyphs {
		if !used[i] && inBox(b.box, g.midX(), g.midY()) {
			head = append(head, i)
		}
	}
	// The body: baseline rows below the band, while every glyph on the
	// row keeps inside one column.
	var below []int
	for i, g := range glyphs {
		if !used[i] && g.midY() > b.box.y1 && g.midY() < limit {
			below = append(below, i)
		}
	}
	sort.SliceStable(below, func(a, c int) bool { return glyphs[below[a]].y < glyphs[below[c]].y })
	var body []int
	lastY, pitch := b.box.y1, 0.0
	for k := 0; k < len(below); {
		g0 := glyphs[below[k]]
		end := k
		for end < len(below) && math.Abs(glyphs[below[end]].y-g0.y) < 0.3*g0.size {
			end++
		}
		row := below[k:end]
		k = end
		p := g0.size * max(dt.pitch, 1)
		if pitch == 0 {
			pitch = p
		}
		// A raised glyph (a footnote's number) sits on its own baseline
		// just above its line: the line decides for it.
		near := end
		for near < len(below) && glyphs[below[near]].y-g0.y < 0.6*g0.size {
			near++
		}
		if g0.y-lastY > endBreak*max(pitch, p) && len(body) > 0 || !keepsToColumns(glyphs, below[k-len(row):near], xs, left, right) {
			break
		}
		body = append(body, row...)
		lastY = g0.y
	}
	if len(body) == 0 {
		return pageTable{}, false
	}
	rows, bridges, centred := splitRows(glyphs, body, xs, dt)
	if !relatesColumns(glyphs, rows, xs) && !namesColumns(glyphs, head, xs) {
		return pageTable{}, false
	}
	t := pageTable{page: page, lastPage: page, xs: xs, cols: len(xs) - 1}
	if centred {
		t.doubt(doubtCentredRows)
	} else {
		t.doubt(doubtWhitespaceRows)
	}
	t.box = box{xs[0], b.box.y0, xs[len(xs)-1], glyphs[body[len(body)-1]].y}
	// The grid: each row's glyphs by column; a column bridging the gap
	// under a row carries its cell on into the next.
	grid := make([][][]glyph, len(rows)+1)
	for r, idx := range append([][]int{head}, rows...) {
		grid[r] = make([][]glyph, len(xs)-1)
		for _, i := range idx {
			c := columnOf(glyphs[i].midX(), xs)
			grid[r][c] = append(grid[r][c], glyphs[i])
		}
	}
	type slot struct{ row, col, span int }
	var slots []slot
	for c := range len(xs) - 1 {
		for r := 0; r < len(grid); {
			span := 1
			for r > 0 && r+span-1 < len(bridges)+1 && r+span-1 >= 1 && bridges[r+span-2][c] {
				grid[r][c] = append(grid[r][c], grid[r+span][c]...)
				span++
			}
			slots = append(slots, slot{r, c, span})
			r += span
		}
	}
	sort.Slice(slots, func(i, j int) bool {
		if slots[i].row != slots[j].row {
			return slots[i].row < slots[j].row
		}
		return slots[i].col < slots[j].col
	})
	for _, sl := range slots {
		lines := buildLines(grid[sl.row][sl.col], page, lineOptions{})
		right := xs[sl.col+1]
		for _, l := range lines {
			right = max(right, l.x1)
		}
		ls := groupLines(lines, right, dt)
		t.cells = append(t.cells, layout.Cell{
			Row: sl.row, Col: sl.col, RowSpan: sl.span, ColSpan: 1, Header: sl.row == 0,
			Text: joinCellLines(ls), Lines: ls, Page: page,
		})
		t.src = append(t.src, cellSource{lines: lines, right: right})
	}
	t.rows = len(grid)
	for _, i := range head {
		used[i] = true
	}
	for _, i := range body {
		used[i] = true
	}
	return t, true
}

// relatesColumns reports whether some body row has text in two columns
// or more: a band whose text below keeps to one column is a split
// background (a paragraph's, a banner's), and relates nothing.
func relatesColumns(glyphs []glyph, rows [][]int, xs []float64) bool {
	for _, r := range rows {
		cols := map[int]bool{}
		for _, i := range r {
			if glyphs[i].text != " " {
				cols[columnOf(glyphs[i].midX(), xs)] = true
			}
		}
		if len(cols) >= 2 {
			return true
		}
	}
	return false
}

// namesColumns reports whether the band's text names three columns or
// more: a header row, repeated over the rest of a table whose last row
// the page broke, relates the columns even where that rest has text in
// one column only. A split paragraph or banner background names none.
func namesColumns(glyphs []glyph, head []int, xs []float64) bool {
	cols := map[int]bool{}
	for _, i := range head {
		if glyphs[i].text != " " {
			cols[columnOf(glyphs[i].midX(), xs)] = true
		}
	}
	return len(cols) >= 3 && len(cols) == len(xs)-1
}

// lastLine is column c's last line on the baselines given.
func lastLine(at []map[int]line, c int) (line, bool) {
	for j := len(at) - 1; j >= 0; j-- {
		if l, ok := at[j][c]; ok {
			return l, true
		}
	}
	return line{}, false
}

// keepsToColumns reports whether the glyphs of one baseline row lie
// within the table and none crosses a column boundary.
func keepsToColumns(glyphs []glyph, row []int, xs []float64, left, right float64) bool {
	for _, i := range row {
		g := glyphs[i]
		if g.x0 < left || g.x1 > right {
			return false
		}
		for _, x := range xs[1 : len(xs)-1] {
			if g.x0 < x-bandStraddle && g.x1 > x+bandStraddle && g.text != " " {
				return false
			}
		}
	}
	return true
}

// columnOf is the column whose edges hold x.
func columnOf(x float64, xs []float64) int {
	for c := 1; c < len(xs)-1; c++ {
		if x < xs[c] {
			return c - 1
		}
	}
	return len(xs) - 2
}

// splitRows cuts the body into rows: where the space between two
// consecutive baselines (of any column) is wider than a cell's line pitch
// by the cells' padding; in a table set without padding (rows of one line
// each, as in a contents list or a glossary), where the same columns
// carry on from one baseline to the next, none of their lines carries on
// the text above (in lower case) and some was begun anew (its first word
// would have fitted on the line above, or it opens with a number). The pitch is the least baseline distance between two
// lines of one column, or the document's where that is no line pitch.
// A body whose cells are centred vertically is read by their middles
// (centredRows), and centred says so.
func splitRows(glyphs []glyph, body []int, xs []float64, dt docText) (rows [][]int, bridges []map[int]bool, centred bool) {
	size := glyphs[body[0]].size
	var ys []float64
	for _, i := range body {
		g := glyphs[i]
		if n := len(ys); n == 0 || math.Abs(g.y-ys[n-1]) >= 0.3*g.size {
			ys = append(ys, g.y)
		}
	}
	// Each column's lines, by the baseline they sit on.
	cols := make([][]glyph, len(xs)-1)
	for _, i := range body {
		c := columnOf(glyphs[i].midX(), xs)
		cols[c] = append(cols[c], glyphs[i])
	}
	at := make([]map[int]line, len(ys))
	for j := range at {
		at[j] = map[int]line{}
	}
	pitch := math.Inf(1)
	for c, gs := range cols {
		lines := buildLines(gs, 0, lineOptions{})
		for k, l := range lines {
			if k > 0 && l.y-lines[k-1].y >= 0.9*size {
				pitch = min(pitch, l.y-lines[k-1].y)
			}
			for j, y := range ys {
				if math.Abs(l.y-y) < 0.3*l.size {
					at[j][c] = l
					break
				}
			}
		}
	}
	// Where no cell has two lines, the least distance is between rows;
	// the document's own line pitch stands in.
	if body := max(dt.pitch, 1) * size; math.IsInf(pitch, 1) || pitch > rowBreak*body {
		pitch = body
	}
	if rows, bridges, ok := centredRows(glyphs, body, xs, cols, pitch); ok {
		return rows, bridges, true
	}
	// Rows set with padding are told apart by it alone; without any,
	// by how each column's line begins.
	padded := false
	for j := 1; j < len(ys); j++ {
		padded = padded || ys[j]-ys[j-1] > rowBreak*pitch
	}
	// A cell spanning rows, its text centred across them, closes the
	// whitespace between them in its column only: where nearly all
	// columns with text on both sides leave a row's gap, the row ends,
	// and the few columns bridging the gap hold cells that span it.
	colGap := func(c, j int) (gap, bridge bool) {
		above, below := math.Inf(-1), math.Inf(1)
		for k := j - 1; k >= 0 && math.IsInf(above, -1); k-- {
			if _, ok := at[k][c]; ok {
				above = ys[k]
			}
		}
		for k := j; k < len(ys) && math.IsInf(below, 1); k++ {
			if _, ok := at[k][c]; ok {
				below = ys[k]
			}
		}
		if math.IsInf(above, -1) || math.IsInf(below, 1) {
			return false, false
		}
		d := below - above
		return d > rowBreak*pitch, d <= rowBreak*pitch
	}
	spanGap := func(j int) (map[int]bool, bool) {
		gaps, bridging := 0, map[int]bool{}
		for c := range cols {
			gap, bridge := colGap(c, j)
			if gap {
				gaps++
			}
			if bridge {
				bridging[c] = true
			}
		}
		// Centred short cells leave gaps beside a tall cell inside one
		// row: only a few columns bridging what nearly all leave open
		// make a span.
		return bridging, gaps >= 3 && len(bridging) > 0 && 4*len(bridging) <= gaps+len(bridging)
	}
	lastSpan := -1
	newRow := func(j int) bool {
		if padded {
			if ys[j]-ys[j-1] > rowBreak*pitch {
				bridges = append(bridges, nil)
				return true
			}
			bridging, ok := spanGap(j)
			if !ok || lastSpan == j-1 {
				if ok {
					lastSpan = j // the same gap, seen again a line further
				}
				return false
			}
			lastSpan = j
			bridges = append(bridges, bridging)
			return true
		}
		prev, cur := at[j-1], at[j]
		if len(cur) < 2 {
			return false
		}
		anew, all := false, true
		for c, l := range cur {
			if _, bullet := splitBullet(l.text); bullet || startsLower(l.text) {
				return false // items of lists in the cells, or text carrying on
			}
			above, ok := lastLine(at[:j], c)
			if !ok {
				continue
			}
			_, numbered := splitMarker(l.text)
			begun := numbered || hardBreak(above, l, xs[c+1])
			anew = anew || begun
			if _, onPrev := prev[c]; onPrev {
				all = all && begun
			}
		}
		for c := range prev {
			if _, ok := cur[c]; !ok {
				return false // a column carries on alone
			}
		}
		// Every column of the baseline above begins anew, or, where the
		// same columns go on, one does (a narrow column's short entries
		// need not leave room for the next).
		if all || len(cur) == len(prev) && anew {
			bridges = append(bridges, nil)
			return true
		}
		return false
	}
	var cur []int
	k := 0
	for j, y := range ys {
		if j > 0 && newRow(j) {
			rows = append(rows, cur)
			cur = nil
		}
		for k < len(body) && math.Abs(glyphs[body[k]].y-y) < 0.3*glyphs[body[k]].size {
			cur = append(cur, body[k])
			k++
		}
	}
	return append(rows, append(cur, body[k:]...)), bridges, false
}
