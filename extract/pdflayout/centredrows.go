package pdflayout

import (
	"math"
	"slices"
	"sort"
)

// Rows of a table whose cells are centred vertically. A producer that
// sets every cell in the middle of its row (LibreOffice's default for
// HTML tables) leaves no common top line and no common whitespace between
// rows: a tall cell's lines run past the gap its short neighbours leave.
// What the cells of one row share is their middle. So where the text
// blocks of the columns fall into groups with one middle each, and the
// blocks of a group begin at different heights (the sign of centring;
// top-aligned cells begin together and are read by the whitespace), each
// group is a row. A block whose middle is no row's is a cell spanning
// rows: it spans the rows whose extent it is centred on.

// centreTol is how far apart, in glyph sizes, two blocks' middles may be
// and still be one row's.
const centreTol = 0.3

// cellBlock is a run of one column's lines, no wider apart than a line
// pitch: one cell's text.
type cellBlock struct {
	col         int
	top, bottom float64 // first and last baseline
	row, span   int
}

func (b cellBlock) mid() float64 { return (b.top + b.bottom) / 2 }

// centredRows reads the rows of a body set with centred cells; ok is
// false where the body does not show centring, and the caller reads the
// rows by whitespace instead.
func centredRows(glyphs []glyph, body []int, xs []float64, cols [][]glyph, pitch float64) (rows [][]int, bridges []map[int]bool, ok bool) {
	size := glyphs[body[0]].size
	var blocks []cellBlock
	for c, gs := range cols {
		lines := buildLines(gs, 0, lineOptions{})
		for k, l := range lines {
			if k > 0 && l.y-lines[k-1].y <= rowBreak*pitch {
				blocks[len(blocks)-1].bottom = l.y
				continue
			}
			blocks = append(blocks, cellBlock{col: c, top: l.y, bottom: l.y, row: -1})
		}
	}
	if len(blocks) < 6 {
		return nil, nil, false
	}
	// Group the blocks by their middles: a row is a middle shared by
	// blocks of two columns or more.
	order := make([]int, len(blocks))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return blocks[order[a]].mid() < blocks[order[b]].mid() })
	type group struct {
		members     []int
		top, bottom float64
	}
	var groups []group
	for k := 0; k < len(order); {
		end := k + 1
		for end < len(order) && blocks[order[end]].mid()-blocks[order[end-1]].mid() < centreTol*size {
			end++
		}
		members := order[k:end]
		k = end
		cs := map[int]bool{}
		for _, i := range members {
			cs[blocks[i].col] = true
		}
		if len(cs) < 2 || len(cs) < len(members) {
			continue // one column's block alone, or two of one column: no row
		}
		g := group{members: members, top: math.Inf(1), bottom: math.Inf(-1)}
		for _, i := range members {
			g.top = min(g.top, blocks[i].top)
			g.bottom = max(g.bottom, blocks[i].bottom)
		}
		groups = append(groups, g)
	}
	// The cells of a row broken by the page end are set from the top:
	// two groups whose blocks all begin on one line are that row's.
	for r := len(groups) - 1; r > 0; r-- {
		if sameTop(blocks, groups[r-1].members, groups[r].members, centreTol*size) {
			groups[r-1].members = append(groups[r-1].members, groups[r].members...)
			groups[r-1].bottom = max(groups[r-1].bottom, groups[r].bottom)
			groups = slices.Delete(groups, r, r+1)
		}
	}
	// Centring shows where most rows' blocks begin at different heights,
	// and most blocks fall in a row.
	staggered, grouped := 0, 0
	for _, g := range groups {
		grouped += len(g.members)
		for _, i := range g.members {
			if blocks[i].top-g.top > pitch/2 {
				staggered++
				break
			}
		}
	}
	if len(groups) < 2 || 2*staggered < len(groups)+1 || 4*grouped < 3*len(blocks) {
		return nil, nil, false
	}
	for r, g := range groups {
		for _, i := range g.members {
			blocks[i].row, blocks[i].span = r, 1
		}
	}
	// A block outside the rows spans the rows whose extent it sits
	// in the middle of, those it covers at least.
	taken := make([]map[int]bool, len(groups))
	for r := range taken {
		taken[r] = map[int]bool{}
	}
	for _, b := range blocks {
		if b.row >= 0 {
			taken[b.row][b.col] = true
		}
	}
	for i := range blocks {
		b := &blocks[i]
		if b.row >= 0 {
			continue
		}
		best := math.Inf(1)
		for r0 := range groups {
			for r1 := r0; r1 < len(groups); r1++ {
				if groups[r0].top > b.top+size || groups[r1].bottom < b.bottom-size {
					continue
				}
				free := true
				for r := r0; r <= r1; r++ {
					free = free && !taken[r][b.col]
				}
				if d := math.Abs((groups[r0].top+groups[r1].bottom)/2 - b.mid()); free && d < best {
					best, b.row, b.span = d, r0, r1-r0+1
				}
			}
		}
		if b.row < 0 || best > pitch {
			return nil, nil, false // a block that fits no row: not a centred table
		}
		for r := b.row; r < b.row+b.span; r++ {
			taken[r][b.col] = true
		}
	}
	rows = make([][]int, len(groups))
	bridges = make([]map[int]bool, len(groups)-1)
	for _, i := range body {
		g := glyphs[i]
		c := columnOf(g.midX(), xs)
		r := -1
		for _, b := range blocks {
			if b.col == c && g.y > b.top-0.3*g.size && g.y < b.bottom+0.3*g.size {
				r = b.row
				break
			}
		}
		if r < 0 {
			return nil, nil, false
		}
		rows[r] = append(rows[r], i)
	}
	for _, b := range blocks {
		for r := b.row; r < b.row+b.span-1; r++ {
			if bridges[r] == nil {
				bridges[r] = map[int]bool{}
			}
			bridges[r][b.col] = true
		}
	}
	return rows, bridges, true
}

// sameTop reports whether the blocks of both groups begin on one line.
func sameTop(blocks []cellBlock, a, b []int, tol float64) bool {
	top := blocks[a[0]].top
	for _, i := range append(slices.Clone(a), b...) {
		if math.Abs(blocks[i].top-top) > tol {
			return false
		}
	}
	return true
}
