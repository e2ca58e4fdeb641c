package pdflayout

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// rule is a horizontal or vertical line that may bound table cells, in
// page space. For a horizontal rule pos is its y and lo..hi its x extent;
// for a vertical one pos is its x and lo..hi its y extent.
type rule struct {
	pos, lo, hi float64
}

// Tolerances of rule geometry, in points.
const (
	// maxRuleThickness: a filled rectangle thinner than this is a drawn
	// line, not an area.
	maxRuleThickness = 3.0
	// ruleSnap: rules this close are the same line (double borders, the
	// edges of adjacent cell backgrounds).
	ruleSnap = 2.0
	// ruleJoin: collinear rules with a gap this small are one rule.
	ruleJoin = 2.5
)

// pageRules gathers the horizontal and vertical rules of a page from every
// way producers draw them: stroked lines, stroked rectangle outlines, thin
// filled rectangles, and the edges of filled cell backgrounds. drawn are
// the horizontal rules drawn as lines, without the backgrounds' edges.
func pageRules(pc *pageContent) (hs, vs, drawn []rule) {
	for _, s := range pc.strokes {
		switch {
		case math.Abs(s.y0-s.y1) < 0.5 && math.Abs(s.x0-s.x1) > 1:
			hs = append(hs, rule{(s.y0 + s.y1) / 2, min(s.x0, s.x1), max(s.x0, s.x1)})
		case math.Abs(s.x0-s.x1) < 0.5 && math.Abs(s.y0-s.y1) > 1:
			vs = append(vs, rule{(s.x0 + s.x1) / 2, min(s.y0, s.y1), max(s.y0, s.y1)})
		}
	}
	var areas []box
	for _, b := range pc.fills {
		switch {
		case b.h() <= maxRuleThickness && b.w() > maxRuleThickness:
			hs = append(hs, rule{(b.y0 + b.y1) / 2, b.x0, b.x1})
		case b.w() <= maxRuleThickness && b.h() > maxRuleThickness:
			vs = append(vs, rule{(b.x0 + b.x1) / 2, b.y0, b.y1})
		}
	}
	// Drawn rules so far; a background inside a cell they enclose that
	// touches none of them is a paragraph's (LibreOffice paints a header
	// cell's paragraph, inset by the cell's padding, one line tall): its
	// edges would cut the cell's row in two.
	drawnH, drawnV := slices.Clone(hs), slices.Clone(vs)
	for _, b := range pc.fills {
		if b.w() > maxRuleThickness && b.h() > maxRuleThickness {
			if b.w() > 0.9*pc.width && b.h() > 0.9*pc.height {
				continue // a page background
			}
			if insetInCell(b, drawnH, drawnV) {
				continue
			}
			areas = append(areas, b)
		}
	}
	drawnHs, drawnVs := len(hs), vs[:len(vs):len(vs)]
	for _, b := range areas {
		hs = append(hs, rule{b.y0, b.x0, b.x1}, rule{b.y1, b.x0, b.x1})
		vs = append(vs, rule{b.x0, b.y0, b.y1}, rule{b.x1, b.y0, b.y1})
	}
	drawn = mergeRules(dropUnderlines(slices.Clone(hs[:drawnHs]), pc.glyphs))
	hs = dropShortBackgrounds(hs, drawnHs, drawnVs)
	return mergeRules(dropUnderlines(hs, pc.glyphs)), mergeRules(vs), drawn
}

// dropShortBackgrounds removes the edges of cell backgrounds that stop
// short of their cell: hs[:drawn] are drawn horizontal rules, the rest
// come in pairs, the top and bottom edges of each filled area. An edge
// bounds no cell where the area sits between two drawn vertical rules
// (its column's borders) that run on past the edge, and nothing else
// (no drawn rule, no other background's edge) lies along it: a producer
// that fills a cell spanning rows only as far as its text, or only on
// the part of the cell before a page break, draws such an edge, and
// taken for a border it would cut the cell and the rows beside it in
// two. The edges of cell backgrounds that fill their cells meet the
// cells' borders or the next background, and stay.
func dropShortBackgrounds(hs []rule, drawn int, vs []rule) []rule {
	out := hs[:drawn:drawn]
	for i := drawn; i < len(hs); i++ {
		e := hs[i]
		// dir is the way out of the area across this edge: down for a
		// bottom edge, up for a top one.
		dir := 1.0
		if (i-drawn)%2 == 0 {
			dir = -1
		}
		if !(bordersRunPast(vs, e, dir) && oneColumn(vs, e) && alone(hs, i, drawn)) {
			out = append(out, e)
		}
	}
	return out
}

// bordersRunPast reports whether drawn vertical rules stand at both ends
// of edge e, each going on past it by more than a cell's least size in
// direction dir.
func bordersRunPast(vs []rule, e rule, dir float64) bool {
	runsPast := func(x float64) bool {
		for _, v := range vs {
			if math.Abs(v.pos-x) > ruleSnap || e.pos < v.lo-ruleJoin || e.pos > v.hi+ruleJoin {
				continue
			}
			if dir > 0 && v.hi > e.pos+minCellSize || dir < 0 && v.lo < e.pos-minCellSize {
				return true
			}
		}
		return false
	}
	return runsPast(e.lo) && runsPast(e.hi)
}

// oneColumn reports whether no drawn vertical rule crosses edge e between
// its ends: the background is one column's, not a row's.
func oneColumn(vs []rule, e rule) bool {
	for _, v := range vs {
		if v.pos > e.lo+ruleSnap && v.pos < e.hi-ruleSnap && e.pos > v.lo && e.pos < v.hi {
			return false
		}
	}
	return true
}

// alone reports whether nothing but hs[i] (a background's edge; hs[:drawn]
// are drawn rules) bounds a cell along it: no drawn rule within a cell's
// least size of its position runs under the background itself, and no
// other background's edge there reaches its extent (the backgrounds of
// cells side by side meet end to end). A border drawn under the cells
// beside it, ending where the background begins, closes those cells,
// not the background's.
func alone(hs []rule, i, drawn int) bool {
	e := hs[i]
	for j, h := range hs {
		if j == i || math.Abs(h.pos-e.pos) >= minCellSize {
			continue
		}
		reach := ruleJoin // another background's edge: touching counts
		if j < drawn {
			reach = -ruleJoin // a drawn rule: it must run under this one
		}
		if h.lo <= e.hi+reach && e.lo <= h.hi+reach {
			return false
		}
	}
	return true
}

// insetInCell reports whether box b lies inside drawn rules on all four
// sides without touching any of them.
func insetInCell(b box, hs, vs []rule) bool {
	var above, below, left, right bool
	for _, h := range hs {
		if h.lo > b.x0+ruleSnap || h.hi < b.x1-ruleSnap {
			continue
		}
		d0, d1 := b.y0-h.pos, h.pos-b.y1
		if math.Abs(d0) <= ruleSnap || math.Abs(d1) <= ruleSnap {
			return false
		}
		below, above = below || d0 > 0, above || d1 > 0
	}
	for _, v := range vs {
		if v.lo > b.y0+ruleSnap || v.hi < b.y1-ruleSnap {
			continue
		}
		d0, d1 := b.x0-v.pos, v.pos-b.x1
		if math.Abs(d0) <= ruleSnap || math.Abs(d1) <= ruleSnap {
			return false
		}
		left, right = left || d0 > 0, right || d1 > 0
	}
	return above && below && left && right
}

// dropUnderlines removes horizontal rules that underline text (links,
// emphasis): a rule just below a baseline, no longer than the text above
// it. Such a rule bounds no cell, and taken for one it splits cells.
func dropUnderlines(hs []rule, glyphs []glyph) []rule {
	if len(hs) == 0 {
		return hs
	}
	// A page has hundreds of rules (every cell background gives two)
	// and thousands of glyphs: beyond a few rules, each looks only at
	// the glyphs whose baselines lie near it.
	var near *baselineIndex
	if len(hs) > 16 {
		near = newBaselineIndex(glyphs)
	}
	var cand []int32
	out := hs[:0]
	for _, h := range hs {
		covered := 0.0
		add := func(g *glyph) {
			if d := h.pos - g.y; d >= -0.5 && d <= 0.3*g.size && g.x1 > h.lo && g.x0 < h.hi {
				covered += min(g.x1, h.hi) - max(g.x0, h.lo)
			}
		}
		var ok bool
		if near != nil {
			cand, ok = near.around(h.pos, cand[:0])
		}
		if ok {
			for _, i := range cand {
				add(&glyphs[i])
			}
		} else {
			for i := range glyphs {
				add(&glyphs[i])
			}
		}
		if covered < 0.6*(h.hi-h.lo) {
			out = append(out, h)
		}
	}
	return out
}

// baselineIndex finds the glyphs whose baselines lie near a rule.
type baselineIndex struct {
	byY     []glyphAt // glyphs with a baseline, by baseline
	maxSize float64
}

// glyphAt is a glyph's coordinate (its baseline, or its left edge) and
// its index among the page's glyphs: what sorting glyphs compares.
type glyphAt struct {
	key float64
	i   int32
}

func newBaselineIndex(glyphs []glyph) *baselineIndex {
	bi := &baselineIndex{byY: make([]glyphAt, 0, len(glyphs))}
	for i := range glyphs {
		// A NaN baseline or size is near no rule.
		if g := &glyphs[i]; !math.IsNaN(g.y) {
			bi.byY = append(bi.byY, glyphAt{g.y, int32(i)})
			if g.size > bi.maxSize {
				bi.maxSize = g.size
			}
		}
	}
	slices.SortFunc(bi.byY, func(a, b glyphAt) int { return cmp.Compare(a.key, b.key) })
	return bi
}

// around appends to out, in page order, every glyph that can underlie a
// rule at pos: baselines from 0.3 of the largest size above it to half a
// point below, with room for rounding. False where pos or the sizes are
// not finite: then any glyph may, and the caller looks at all of them.
func (bi *baselineIndex) around(pos float64, out []int32) ([]int32, bool) {
	slack := 1 + 1e-9*(math.Abs(pos)+bi.maxSize)
	lo, hi := pos-0.3*bi.maxSize-slack, pos+0.5+slack
	if math.IsNaN(lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return out, false
	}
	byY := bi.byY
	k := sort.Search(len(byY), func(k int) bool { return byY[k].key >= lo })
	for ; k < len(byY) && byY[k].key <= hi; k++ {
		out = append(out, byY[k].i)
	}
	// The widths are added up in page order, as a scan of every glyph
	// adds them: the same sum to the last bit.
	slices.Sort(out)
	return out, true
}

// mergeRules snaps rules at nearly the same position onto one line and
// joins the collinear pieces that touch or overlap.
func mergeRules(rs []rule) []rule {
	if len(rs) == 0 {
		return nil
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].pos < rs[j].pos })
	var out []rule
	for i := 0; i < len(rs); {
		j := i + 1
		for j < len(rs) && rs[j].pos-rs[j-1].pos <= ruleSnap && rs[j].pos-rs[i].pos <= 2*ruleSnap {
			j++
		}
		group := append([]rule(nil), rs[i:j]...)
		pos := 0.0
		for _, r := range group {
			pos += r.pos
		}
		pos /= float64(len(group))
		sort.Slice(group, func(a, b int) bool { return group[a].lo < group[b].lo })
		cur := rule{pos, group[0].lo, group[0].hi}
		for _, r := range group[1:] {
			if r.lo <= cur.hi+ruleJoin {
				cur.hi = max(cur.hi, r.hi)
				continue
			}
			out = append(out, cur)
			cur = rule{pos, r.lo, r.hi}
		}
		out = append(out, cur)
		i = j
	}
	return out
}

// covers reports whether r covers the span a..b for at least frac of it.
func (r rule) covers(a, b, frac float64) bool {
	overlap := min(r.hi, b) - max(r.lo, a)
	return overlap >= frac*(b-a)
}
