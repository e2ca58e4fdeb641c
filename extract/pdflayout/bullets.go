package pdflayout

import "slices"

// shapeBullet is the text given to a bullet drawn as a shape or image.
const shapeBullet = "•"

// markClearance is how far, in text sizes, the text before a drawn mark
// on its line must end for the mark to be a bullet: more than a word
// space (a mark inside running text is no bullet), less than a table's
// gutter (the text of the cell to the left, which ends a cell padding and
// a rule away, blocks nothing).
const markClearance = 1.0

// addShapeBullets turns the page's drawn bullets into bullet glyphs, so
// that lists whose producer draws their markers (a dot as a filled
// circle, a square, a small image) read like lists whose markers are
// text. A mark is a bullet when it stands at the start of a line of text:
// no larger than the text's letters, vertically within them, with the
// line's first glyph close to its right and nothing written over it or
// just before it on that line. The glyph takes the size and baseline of
// the text it marks.
func addShapeBullets(pc *pageContent) {
	if len(pc.marks) == 0 || len(pc.glyphs) == 0 {
		return
	}
	// Left to right. The sort is the one sort.Slice made with x0 < x0'
	// as its less (the same pdqsort, a negative result exactly where
	// that less held), on records that need no lookup to compare.
	byX := make([]glyphAt, len(pc.glyphs))
	for i := range byX {
		byX[i] = glyphAt{pc.glyphs[i].x0, int32(i)}
	}
	slices.SortFunc(byX, func(a, b glyphAt) int {
		if a.key < b.key {
			return -1
		}
		return 1
	})
	var added []glyph
	seen := map[[2]int]bool{}
	for _, m := range pc.marks {
		key := [2]int{int(m.x0 * 4), int(m.y0 * 4)} // a shape filled and stroked is one mark
		if seen[key] {
			continue
		}
		next, blocked := -1, false
		for _, at := range byX {
			i := int(at.i)
			g := &pc.glyphs[i]
			if g.size <= 0 || m.h() > 0.8*g.size || m.w() > 0.8*g.size {
				continue
			}
			mid := (m.y0 + m.y1) / 2
			if mid < g.top() || mid > g.y {
				continue // not on this glyph's line
			}
			if g.x1 > m.x0-markClearance*g.size && g.x0 < m.x1 {
				blocked = true // text over the mark or just before it
				break
			}
			if g.x0 >= m.x1 && g.x0-m.x1 <= 3*g.size && g.text != " " {
				next = i
				break
			}
		}
		if blocked || next < 0 {
			continue
		}
		seen[key] = true
		g := pc.glyphs[next]
		added = append(added, glyph{
			x0: m.x0, x1: m.x1, y: g.y, size: g.size, text: shapeBullet,
			mcid: g.mcid, artifact: g.artifact,
		})
	}
	pc.glyphs = append(pc.glyphs, added...)
}
