package pdflayout

import "math"

// minCutCells is how many cells of one row must share a gap for it to be
// the producer's cut rather than the text's paragraph spacing.
const minCutCells = 3

// closeRowCuts closes a gap that runs across every cell of a row at one
// height. A producer that cuts pages out of one long canvas (wkhtmltopdf)
// may push the lines below its cut down, leaving a paragraph's space in
// the middle of each cell of the row at the same height: the lines on
// either side are one paragraph's, as if no gap were there. Paragraph
// spacing of the text itself varies from cell to cell; a gap shared by
// three cells or more, each having lines above and below it, with no line
// of the row inside it, is the cut. The lines below it move up by the
// gap's excess so that they read on.
func closeRowCuts(t latticeTable, lines [][]line, pitch float64) {
	byRow := map[int][]int{}
	for ci, c := range t.cells {
		byRow[c.row] = append(byRow[c.row], ci)
	}
	for _, cells := range byRow {
		closeRowCut(cells, lines, pitch)
	}
}

func closeRowCut(cells []int, lines [][]line, pitch float64) {
	// Candidate cuts: the paragraph gaps of the row's first cell with one.
	type gap struct{ lo, hi float64 }
	gapsOf := func(ls []line) []gap {
		var gs []gap
		for k := 1; k < len(ls); k++ {
			if ls[k].page == ls[k-1].page && newParagraph(ls[k-1], ls[k], pitch) {
				gs = append(gs, gap{ls[k-1].y, ls[k].y})
			}
		}
		return gs
	}
	var cands []gap
	for _, ci := range cells {
		if cands = gapsOf(lines[ci]); len(cands) > 0 {
			break
		}
	}
	for _, c := range cands {
		lo, hi := c.lo, c.hi
		shared, ok := 0, true
		for _, ci := range cells {
			ls := lines[ci]
			if len(ls) == 0 {
				continue
			}
			above, below := false, false
			for _, l := range ls {
				switch {
				case l.y <= c.lo+0.5:
					above = true
				case l.y >= c.hi-0.5:
					below = true
				default:
					ok = false // a line inside the gap: no cut there
				}
			}
			if !above || !below {
				continue
			}
			// The cell's own gap across the cut: its lines either side.
			var g gap
			for k := 1; k < len(ls); k++ {
				if ls[k-1].y <= c.lo+0.5 && ls[k].y >= c.hi-0.5 {
					g = gap{ls[k-1].y, ls[k].y}
				}
			}
			if g == (gap{}) || !newParagraph(ls[0], line{y: ls[0].y + g.hi - g.lo, size: ls[0].size}, pitch) {
				ok = false
				break
			}
			lo, hi = max(lo, g.lo), min(hi, g.hi)
			shared++
		}
		if !ok || shared < minCutCells || hi <= lo {
			continue
		}
		for _, ci := range cells {
			ls := lines[ci]
			var shift float64
			for k := 1; k < len(ls); k++ {
				if ls[k-1].y <= c.lo+0.5 && ls[k].y >= c.hi-0.5 {
					shift = ls[k].y - ls[k-1].y - pitch*math.Max(ls[k].size, ls[k-1].size)
				}
			}
			if shift <= 0 {
				continue
			}
			for k := range ls {
				if ls[k].y >= c.hi-0.5 {
					ls[k].y -= shift
				}
			}
		}
		return
	}
}
