package extract

import (
	"fmt"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// HTML's own caps on spans.
const (
	maxColSpan = 1000
	maxRowSpan = 65534
)

// rowGroup is a <thead>, <tbody> or <tfoot>: rowspans stop at its end.
type rowGroup struct {
	rows   []*html.Node
	header bool // a <thead>: all its cells are headers
}

// buildTable lays out one <table> as a grid, following HTML's table model.
// It also returns the tables nested in its cells, in document order, for
// the caller to emit right after it. maxArea (0: none) caps the grid
// positions the cells may cover.
func buildTable(n *html.Node, maxArea int) (*layout.Table, []*html.Node, error) {
	groups, caption := rowGroups(n)
	t := &layout.Table{Cells: []layout.Cell{}}
	if caption != nil {
		t.Caption = flatText(collectLines(caption, skipInCell))
	}
	var g grid
	var nested []*html.Node
	for _, grp := range groups {
		end := t.Rows + len(grp.rows)
		for _, tr := range grp.rows {
			row := t.Rows
			col := 0
			for c := tr.FirstChild; c != nil; c = c.NextSibling {
				if c.Type != html.ElementNode || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) {
					continue
				}
				for g.taken(row, col) {
					col++
				}
				span := spanAttr(c, "colspan", 1, maxColSpan)
				if span == 0 {
					span = 1
				}
				cols := g.fit(row, col, span)
				rows := spanAttr(c, "rowspan", 1, maxRowSpan)
				if rows == 0 || rows > end-row {
					rows = end - row // 0 means "to the end of the group"
				}
				g.area += rows * cols
				if maxArea > 0 && g.area > maxArea {
					return nil, nil, fmt.Errorf("%w: cells cover over %d grid positions", ErrTooLarge, maxArea)
				}
				g.mark(row, col, rows, cols)
				t.Cells = append(t.Cells, tableCell(c, row, col, rows, cols, grp.header))
				nested = nestedTables(c, nested)
				t.Cols = max(t.Cols, col+cols)
				// HTML moves on by the span as written, even where an
				// overlap made us shorten it.
				col += span
			}
			t.Rows++
		}
	}
	return t, nested, nil
}

func tableCell(c *html.Node, row, col, rows, cols int, headerGroup bool) layout.Cell {
	lines := collectLines(c, skipInCell)
	cell := layout.Cell{
		Row: row, Col: col, RowSpan: rows, ColSpan: cols,
		Header: headerGroup || c.DataAtom == atom.Th,
		Text:   joinLines(lines),
	}
	if len(lines) > 1 || (len(lines) == 1 && lines[0].Bullet) {
		cell.Lines = lines
	}
	return cell
}

// rowGroups returns a table's row groups in drawing order: the first
// <thead> first and the first <tfoot> last, as browsers draw them; later
// ones stay where they are. Rows directly under <table> (only possible in a
// scripted DOM; the parser adds a <tbody>) form groups of their own.
func rowGroups(t *html.Node) (groups []rowGroup, caption *html.Node) {
	head, foot := -1, -1
	var loose []*html.Node
	flushLoose := func() {
		if len(loose) > 0 {
			groups = append(groups, rowGroup{rows: loose})
			loose = nil
		}
	}
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Caption:
			if caption == nil {
				caption = c
			}
		case atom.Tr:
			loose = append(loose, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			flushLoose()
			if c.DataAtom == atom.Thead && head < 0 {
				head = len(groups)
			}
			if c.DataAtom == atom.Tfoot && foot < 0 {
				foot = len(groups)
			}
			groups = append(groups, rowGroup{rows: childRows(c), header: c.DataAtom == atom.Thead})
		}
	}
	flushLoose()
	var out []rowGroup
	if head >= 0 {
		out = append(out, groups[head])
	}
	for i, g := range groups {
		if i != head && i != foot {
			out = append(out, g)
		}
	}
	if foot >= 0 {
		out = append(out, groups[foot])
	}
	return out, caption
}

func childRows(group *html.Node) []*html.Node {
	var rows []*html.Node
	for c := group.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Tr {
			rows = append(rows, c)
		}
	}
	return rows
}

// nestedTables appends the tables inside n that are not inside another
// table inside n, in document order.
func nestedTables(n *html.Node, out []*html.Node) []*html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || skipInCell(c) {
			continue
		}
		if c.DataAtom == atom.Table {
			out = append(out, c)
			continue
		}
		out = nestedTables(c, out)
	}
	return out
}

// spanAttr parses a colspan or rowspan the way HTML does: leading digits
// after optional whitespace ("2x" is 2), def when there are none or the
// value is negative, at most limit.
func spanAttr(n *html.Node, key string, def, limit int) int {
	s, ok := attr(n, key)
	if !ok {
		return def
	}
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	if i < len(s) && s[i] == '+' {
		i++
	}
	v, digits := 0, 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		v = min(v*10+int(s[i]-'0'), limit)
		digits++
	}
	if digits == 0 {
		return def
	}
	return v
}

// grid remembers which positions of the rows below the current one are
// covered by rowspans from above. Rows are allocated only where a rowspan
// reaches, so memory follows the area the cells cover.
type grid struct {
	covered [][]bool
	area    int
}

func (g *grid) taken(row, col int) bool {
	return row < len(g.covered) && col < len(g.covered[row]) && g.covered[row][col]
}

// fit shortens a colspan that would run into a cell spanning down from
// above: HTML lets them overlap, but a grid where each position has one
// cell is what every later stage needs.
func (g *grid) fit(row, col, span int) int {
	for k := 1; k < span; k++ {
		if g.taken(row, col+k) {
			return k
		}
	}
	return span
}

func (g *grid) mark(row, col, rows, cols int) {
	for r := row + 1; r < row+rows; r++ {
		for len(g.covered) <= r {
			g.covered = append(g.covered, nil)
		}
		if need := col + cols; len(g.covered[r]) < need {
			g.covered[r] = append(g.covered[r], make([]bool, need-len(g.covered[r]))...)
		}
		for c := col; c < col+cols; c++ {
			g.covered[r][c] = true
		}
	}
}
