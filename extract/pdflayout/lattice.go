package pdflayout

import (
	"math"
	"sort"
)

// gridCell is a cell found from rules: its slot range on the grid and its
// box on the page.
type gridCell struct {
	row, col         int
	rowSpan, colSpan int
	box              box
}

// latticeTable is a table whose cells are bounded by drawn rules.
type latticeTable struct {
	page  int
	box   box
	xs    []float64 // column edges, left to right
	ys    []float64 // row edges, top to bottom
	cells []gridCell
	// openTop and openBottom are set where no rule was drawn at the
	// table's top or bottom edge, its side rules running on to the
	// page's end: a row the page break cut.
	openTop, openBottom bool
	// openCols are the columns whose last cell no rule closes while
	// other columns' last cells are closed: a cell spanning rows that the
	// page break cut, the cells beside it ended (set only then).
	openCols map[int]bool
}

// oneRow reports a table of a single row: a row of buttons or a framed
// heading more often than a table, unless it carries on a table from the
// page before (so never on the first page).
func (t latticeTable) oneRow() bool { return len(t.ys) == 2 }

// boundaryCover is the share of a slot's edge a rule must cover to count
// as a cell boundary there.
const boundaryCover = 0.6

// findLatticeTables groups a page's rules into connected frameworks and
// turns each framework with at least two cells into a table.
func findLatticeTables(pc *pageContent) []latticeTable {
	hs, vs, drawn := pageRules(pc)
	if len(hs) < 1 || len(vs) < 2 {
		return nil
	}
	// Union-find over rules: horizontal i is node i, vertical j is
	// len(hs)+j; touching rules join.
	sets := newDisjointSets(len(hs) + len(vs))
	find := sets.find
	const touch = ruleJoin
	for i, h := range hs {
		for j, v := range vs {
			if v.pos >= h.lo-touch && v.pos <= h.hi+touch && h.pos >= v.lo-touch && h.pos <= v.hi+touch {
				sets.union(i, len(hs)+j)
			}
		}
	}
	// Frameworks in the order their first rule comes, not the map's
	// (which varies from run to run): two tables side by side with the
	// same top must come out in the same order every time.
	groups := map[int][2][]rule{}
	var roots []int
	add := func(node int, r rule, dir int) {
		root := find(node)
		g, ok := groups[root]
		if !ok {
			roots = append(roots, root)
		}
		g[dir] = append(g[dir], r)
		groups[root] = g
	}
	for i, h := range hs {
		add(i, h, 0)
	}
	for j, v := range vs {
		add(len(hs)+j, v, 1)
	}
	var out []latticeTable
	for _, root := range roots {
		g := groups[root]
		var top, bottom float64
		g[0], top, bottom = closeFrame(g[0], g[1])
		for _, band := range splitBands(g[0], g[1]) {
			if t, ok := gridFromRules(band[0], band[1]); ok {
				t.page = pc.number
				t.openCols = openColumns(t, band[0], drawn)
				t.openTop = math.Abs(t.box.y0-top) < 0.5
				t.openBottom = math.Abs(t.box.y1-bottom) < 0.5
				out = append(out, t)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].box.y0 < out[j].box.y0 })
	return out
}

// closeFrame adds the missing top or bottom border of a framework whose
// outer vertical rules run on past its first or last horizontal rule: a
// producer that splits a row at a page break draws the row's side borders
// down to the page end but no bottom border under the part (and no top
// border over the part on the next page). Without the closing edge, the
// cut row and its text fall out of the table. It returns the positions
// of the edges it added, NaN where it added none.
func closeFrame(hs, vs []rule) (out []rule, top, bottom float64) {
	top, bottom = math.NaN(), math.NaN()
	if len(hs) == 0 || len(vs) < 2 {
		return hs, top, bottom
	}
	left, right := vs[0], vs[0]
	for _, v := range vs {
		if v.pos < left.pos {
			left = v
		}
		if v.pos > right.pos {
			right = v
		}
	}
	if right.pos-left.pos < minCellSize {
		return hs, top, bottom
	}
	first, last := hs[0].pos, hs[0].pos
	for _, h := range hs {
		first, last = min(first, h.pos), max(last, h.pos)
	}
	if end := min(left.hi, right.hi); end > last+minCellSize {
		hs = append(hs, rule{end, left.pos, right.pos})
		bottom = end
	}
	if start := max(left.lo, right.lo); start < first-minCellSize {
		hs = append(hs, rule{start, left.pos, right.pos})
		top = start
	}
	return hs, top, bottom
}

// gridFromRules builds the grid of one connected framework of rules: every
// rule position is a grid line, and slots not separated by a rule merge
// into spanning cells.
func gridFromRules(hs, vs []rule) (latticeTable, bool) {
	if len(hs) < 2 || len(vs) < 2 {
		return latticeTable{}, false
	}
	ys := linePositions(hs)
	xs := linePositions(vs)
	if len(ys) < 2 || len(xs) < 2 {
		return latticeTable{}, false
	}
	rows, cols := len(ys)-1, len(xs)-1
	slot := func(r, c int) int { return r*cols + c }
	sets := newDisjointSets(rows * cols)
	find, union := sets.find, sets.union
	for r := range rows {
		for c := range cols {
			if c+1 < cols && !hasRule(vs, xs[c+1], ys[r], ys[r+1]) {
				union(slot(r, c), slot(r, c+1))
			}
			if r+1 < rows && !hasRule(hs, ys[r+1], xs[c], xs[c+1]) {
				union(slot(r, c), slot(r+1, c))
			}
		}
	}
	type extent struct{ r0, c0, r1, c1 int }
	ext := map[int]*extent{}
	var order []int
	for r := range rows {
		for c := range cols {
			root := find(slot(r, c))
			e, ok := ext[root]
			if !ok {
				ext[root] = &extent{r, c, r, c}
				order = append(order, root)
				continue
			}
			e.r0, e.c0 = min(e.r0, r), min(e.c0, c)
			e.r1, e.c1 = max(e.r1, r), max(e.c1, c)
		}
	}
	t := latticeTable{xs: xs, ys: ys, box: box{xs[0], ys[0], xs[cols], ys[rows]}}
	for _, root := range order {
		e := ext[root]
		t.cells = append(t.cells, gridCell{
			row: e.r0, col: e.c0, rowSpan: e.r1 - e.r0 + 1, colSpan: e.c1 - e.c0 + 1,
			box: box{xs[e.c0], ys[e.r0], xs[e.c1+1], ys[e.r1+1]},
		})
	}
	if len(t.cells) < 2 {
		return latticeTable{}, false
	}
	sort.Slice(t.cells, func(i, j int) bool {
		if t.cells[i].row != t.cells[j].row {
			return t.cells[i].row < t.cells[j].row
		}
		return t.cells[i].col < t.cells[j].col
	})
	return t, true
}

// openColumns finds the columns of t whose last cell has no rule under
// it (hs, the table's rules) while some other last cell has a drawn one
// (drawn, the page's rules drawn as lines, not the edges of backgrounds):
// nil when every last cell is closed, or none is (a table drawn without a
// bottom border). A cell with only a background's edge under it is taken
// for neither: a producer cutting a row at the page end may carry the
// background of a cell down to it, a point past the borders it cuts.
func openColumns(t latticeTable, hs, drawn []rule) map[int]bool {
	bottom := t.ys[len(t.ys)-1]
	open := map[int]bool{}
	closed := false
	for _, c := range t.cells {
		switch {
		case c.box.y1 != bottom:
			continue
		case hasRule(drawn, bottom, c.box.x0, c.box.x1):
			closed = true
			continue
		case hasRule(hs, bottom, c.box.x0, c.box.x1):
			continue
		}
		for col := c.col; col < c.col+c.colSpan; col++ {
			open[col] = true
		}
	}
	if !closed || len(open) == 0 {
		return nil
	}
	return open
}

// splitBands separates tables drawn touching each other (one's bottom
// border is the next one's top): going down the rows, a row whose column
// boundaries neither include nor are included in those of the rows above
// starts a new table. Rows whose cells span columns have a subset of the
// boundaries and stay.
func splitBands(hs, vs []rule) [][2][]rule {
	ys, xs := linePositions(hs), linePositions(vs)
	if len(ys) < 3 || len(xs) < 3 {
		return [][2][]rule{{hs, vs}}
	}
	var cuts []float64
	var union map[int]bool
	for r := 0; r+1 < len(ys); r++ {
		set := map[int]bool{}
		for c := 1; c+1 < len(xs); c++ {
			if hasRule(vs, xs[c], ys[r], ys[r+1]) {
				set[c] = true
			}
		}
		if union != nil && !subset(set, union) && !subset(union, set) {
			cuts = append(cuts, ys[r])
			union = nil
		}
		if union == nil {
			union = map[int]bool{}
		}
		for c := range set {
			union[c] = true
		}
	}
	if len(cuts) == 0 {
		return [][2][]rule{{hs, vs}}
	}
	bounds := append([]float64{ys[0]}, cuts...)
	bounds = append(bounds, ys[len(ys)-1])
	var out [][2][]rule
	for i := 0; i+1 < len(bounds); i++ {
		y0, y1 := bounds[i], bounds[i+1]
		var bh, bv []rule
		for _, h := range hs {
			if h.pos > y0-minCellSize && h.pos < y1+minCellSize {
				bh = append(bh, h)
			}
		}
		for _, v := range vs {
			lo, hi := max(v.lo, y0), min(v.hi, y1)
			if hi-lo > minCellSize {
				bv = append(bv, rule{v.pos, lo, hi})
			}
		}
		out = append(out, [2][]rule{bh, bv})
	}
	return out
}

func subset(a, b map[int]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// linePositions lists the distinct positions of rules. Positions closer
// than a cell could be are one line (single linkage, so that a border and
// the inset edges of the cell backgrounds either side of it merge), placed
// at their mean.
func linePositions(rs []rule) []float64 {
	ps := make([]float64, 0, len(rs))
	for _, r := range rs {
		ps = append(ps, r.pos)
	}
	sort.Float64s(ps)
	var out []float64
	sum, n := 0.0, 0
	for i, p := range ps {
		if i > 0 && p-ps[i-1] >= minCellSize {
			out = append(out, sum/float64(n))
			sum, n = 0, 0
		}
		sum += p
		n++
	}
	return append(out, sum/float64(n))
}

// minCellSize: grid lines closer than this (points) are one line.
const minCellSize = 4.0

// hasRule reports whether some rule at pos covers a..b.
func hasRule(rs []rule, pos, a, b float64) bool {
	for _, r := range rs {
		if r.pos > pos-minCellSize && r.pos < pos+minCellSize && r.covers(a, b, boundaryCover) {
			return true
		}
	}
	return false
}

// disjointSets is union-find over 0..n-1: rules that touch form one table,
// grid slots with no rule between them form one cell.
type disjointSets []int

func newDisjointSets(n int) disjointSets {
	s := make(disjointSets, n)
	for i := range s {
		s[i] = i
	}
	return s
}

func (s disjointSets) find(i int) int {
	for s[i] != i {
		s[i] = s[s[i]] // path halving
		i = s[i]
	}
	return i
}

func (s disjointSets) union(a, b int) { s[s.find(a)] = s.find(b) }
