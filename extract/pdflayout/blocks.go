package pdflayout

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// textStyles knows the document's body text size and the larger sizes its
// headings use, so that headings can be told by size relative to the body.
type textStyles struct {
	body float64
	docText
	// headingSizes are the sizes above the body, largest first: level 1 is
	// headingSizes[0].
	headingSizes []float64
}

// headingRatio: text this much larger than the body is a heading.
const headingRatio = 1.15

func newTextStyles(pages [][]line) textStyles {
	chars := map[float64]int{}
	for _, ls := range pages {
		for _, l := range ls {
			chars[roundSize(l.size)] += utf8.RuneCountInString(l.text)
		}
	}
	var ts textStyles
	best := -1
	for s, n := range chars {
		if n > best || n == best && s < ts.body {
			ts.body, best = s, n
		}
	}
	for s := range chars {
		if s >= ts.body*headingRatio {
			ts.headingSizes = append(ts.headingSizes, s)
		}
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(ts.headingSizes)))
	// Sizes within 10% of each other are one level.
	var levels []float64
	for _, s := range ts.headingSizes {
		if len(levels) == 0 || s < levels[len(levels)-1]*0.9 {
			levels = append(levels, s)
		}
	}
	ts.headingSizes = levels
	return ts
}

func roundSize(s float64) float64 { return math.Round(s*2) / 2 }

// level is the heading level of a line of size s, 0 for body text.
func (ts textStyles) level(s float64) int {
	if s < ts.body*headingRatio {
		return 0
	}
	for i, hs := range ts.headingSizes {
		if s >= hs*0.9 {
			return min(i+1, 6)
		}
	}
	return min(len(ts.headingSizes), 6)
}

// blocks turns a page's body lines into headings, paragraphs and lists.
func (ts textStyles) blocks(lines []line) []pageItem {
	var out []pageItem
	var list *layout.List
	var listTop float64
	var textXs []float64 // where each item's text starts, for its depth
	listBeside := false
	var listX [2]float64 // the list's horizontal extent
	flushList := func() {
		if list == nil {
			return
		}
		depthOf := bulletDepths(append([]float64(nil), textXs...))
		for i := range list.Items {
			list.Items[i].Depth = depthOf(textXs[i])
		}
		b := &layout.Block{Kind: layout.KindList, Page: list.Items[0].Page, List: list}
		if listBeside {
			b.Uncertain = []string{besideOtherText}
		}
		out = append(out, pageItem{top: listTop, block: b})
		list, textXs, listBeside = nil, nil, false
	}
	paras, beside := ts.paragraphs(lines)
	for pi, p := range paras {
		texts := make([]string, len(p))
		for i, l := range p {
			texts[i] = l.text
		}
		first := p[0]
		// A numbered line in heading type is a numbered heading ("1.
		// Introduction"); in body type it is a list item even when bold.
		if m, ok := splitMarker(first.text); ok && ts.level(first.size) == 0 && !ts.numberedHeading(p, m) &&
			!(m.ordered && ts.boldHeading(p, m.body) && bodyFollows(first, paras[pi+1:])) {
			texts[0] = m.body
			x := itemTextX(first, m.body)
			if list != nil && list.Ordered != m.ordered && x <= slices.Min(textXs)+nestIndent {
				flushList() // another kind of list at the same indent
			}
			if ext := extent(p); list != nil && !overlaps(ext, listX) {
				flushList() // a list in another column
			}
			if list == nil {
				list = &layout.List{Ordered: m.ordered}
				listTop = first.top()
				listX = extent(p)
			}
			ext := extent(p)
			listX = [2]float64{min(listX[0], ext[0]), max(listX[1], ext[1])}
			list.Items = append(list.Items, layout.ListItem{
				Text: joinLines(texts, ts.vocab), Marker: m.marker, Number: m.number, Page: first.page,
			})
			listBeside = listBeside || beside[pi]
			textXs = append(textXs, x)
			continue
		}
		if list == nil || !listGoesOnBeside(p, listX, paras[pi+1:]) {
			flushList()
		}
		text := joinLines(texts, ts.vocab)
		b := &layout.Block{Kind: layout.KindParagraph, Page: first.page, Text: text}
		if lvl := ts.level(first.size); lvl > 0 {
			b.Kind, b.Level = layout.KindHeading, lvl
		} else if ts.boldHeading(p, text) || ts.numberedHeadingText(p, text) {
			// A bold numbered line with body text after it is a numbered
			// heading in body type ("1. Personal budgets" over its
			// section), not an item of a list.
			b.Kind, b.Level = layout.KindHeading, min(len(ts.headingSizes)+1, 6)
		}
		if beside[pi] {
			b.Uncertain = append(b.Uncertain, besideOtherText)
		}
		out = append(out, pageItem{top: first.top(), block: b})
	}
	flushList()
	return out
}

// besideOtherText notes a block whose lines were interleaved with text
// beside them (a sidebar, a second column, an unruled table): its lines
// were told apart by position alone.
const besideOtherText = "lines interleaved with text beside them; grouped by position"

// extent is the horizontal extent of a paragraph's lines.
func extent(p []line) [2]float64 {
	e := [2]float64{p[0].x0, p[0].x1}
	for _, l := range p[1:] {
		e = [2]float64{min(e[0], l.x0), max(e[1], l.x1)}
	}
	return e
}

func overlaps(a, b [2]float64) bool { return a[0] < b[1] && b[0] < a[1] }

// listGoesOnBeside reports whether paragraph p stands beside an open list
// that goes on past it: p shares no width with the list, and what comes
// next in the list's column, level with p or just below it, is another
// item (a sidebar's list beside the main text, or the main text's list
// beside a sidebar).
// The list then stays whole instead of breaking at each of p's lines.
func listGoesOnBeside(p []line, listX [2]float64, rest [][]line) bool {
	if overlaps(extent(p), listX) {
		return false
	}
	last := p[len(p)-1]
	for _, q := range rest {
		if q[0].top() > last.bottom()+2*last.size {
			return false
		}
		if overlaps(extent(q), listX) {
			_, item := splitMarker(q[0].text)
			return item
		}
	}
	return false
}

// bodyFollows reports whether the paragraph after a numbered line is body
// text set back at the number, not indented to the item's text as a list
// item's own paragraphs are: the number then heads a section.
func bodyFollows(numbered line, rest [][]line) bool {
	if len(rest) == 0 {
		return false
	}
	next := rest[0][0]
	if _, ok := splitMarker(next.text); ok || next.bold {
		return false
	}
	return next.x0 <= numbered.x0+0.5*numbered.size
}

// itemTextX is where a list item's text starts after its marker: bullets
// and right-aligned numbers sit at different places, the text of items of
// one level lines up.
func itemTextX(l line, body string) float64 {
	if at := strings.Index(l.text, body); at > 0 && at < len(l.byteX) {
		return l.byteX[at]
	}
	return l.x0
}

// numberedHeading reports whether a paragraph opening with an ordered
// marker is a numbered heading set a little above the body size but below
// the heading sizes: bold throughout, larger than the body, and numbered.
func (ts textStyles) numberedHeading(p []line, m listMarker) bool {
	if !m.ordered || p[0].size < ts.body*numberedHeadingRatio {
		return false
	}
	for _, l := range p {
		if !l.bold {
			return false
		}
	}
	return true
}

func (ts textStyles) numberedHeadingText(p []line, text string) bool {
	m, ok := splitMarker(text)
	return ok && ts.numberedHeading(p, m)
}

// numberedHeadingRatio: bold numbered text this much larger than the body
// is a heading, though smaller than headingRatio asks of other text.
const numberedHeadingRatio = 1.05

// maxBoldHeading (characters) bounds a heading told by weight alone: two
// lines of a wide page, a long titled section ("Case study 3 - ...")
// included, but not a bold paragraph.
const maxBoldHeading = 160

// boldHeading reports whether a body-size paragraph reads as a heading:
// short, entirely bold, and not a sentence.
func (ts textStyles) boldHeading(p []line, text string) bool {
	if len(p) > 2 || utf8.RuneCountInString(text) > maxBoldHeading {
		return false
	}
	for _, l := range p {
		if !l.bold {
			return false
		}
	}
	return !strings.HasSuffix(text, ".") && !strings.HasSuffix(text, ",")
}

// paragraphs groups lines (in reading order) into paragraphs: a line
// carries on the paragraph of the nearest line above it that it shares
// some width with, unless there is a vertical gap wider than line
// spacing, a change of size or weight, a bullet, or the line starts left
// of a hanging indent. Taking the nearest line above, not the line before
// in reading order, keeps a paragraph whole beside a sidebar or a second
// column whose lines fall between its own. Paragraphs come out in the
// order of their first lines; beside reports for each whether lines of
// other text fell between its own.
func (ts textStyles) paragraphs(lines []line) (out [][]line, beside []bool) {
	last := make([]int, 0, len(lines)) // which paragraph each line went to
	open := map[int]bool{}             // paragraphs whose last line is lines[i]
	for i, l := range lines {
		p := -1
		if above := nearestAbove(lines, i); above >= 0 && open[above] {
			prev := lines[above]
			gap := l.y - prev.y
			_, bullet := splitMarker(l.text)
			same := math.Abs(l.size-prev.size) < 0.1*prev.size && l.bold == prev.bold &&
				ts.level(l.size) == ts.level(prev.size)
			if !bullet && same && !newParagraph(prev, l, ts.pitch) && gap > 0.5*prev.size && l.x0 > prev.x0-prev.size*4 {
				p = last[above]
				delete(open, above)
				for j := above + 1; j < i && !beside[p]; j++ {
					if lines[j].y-prev.y > 0.3*prev.size && l.y-lines[j].y > 0.3*l.size {
						beside[p] = true // a line of other text between
					}
				}
			}
		}
		if p < 0 {
			out = append(out, nil)
			beside = append(beside, false)
			p = len(out) - 1
		}
		out[p] = append(out[p], l)
		last = append(last, p)
		open[i] = true
	}
	return out, beside
}

// nearestAbove is the index of the closest line above lines[i] (lines in
// reading order) that overlaps it horizontally, -1 if none is within a
// paragraph's reach.
func nearestAbove(lines []line, i int) int {
	l := lines[i]
	for j := i - 1; j >= 0; j-- {
		o := lines[j]
		if l.y-o.y > 3*max(l.size, o.size) {
			return -1
		}
		if l.y-o.y <= 0.3*min(l.size, o.size) {
			continue // the same row
		}
		if o.x0 < l.x1 && l.x0 < o.x1 {
			return j
		}
	}
	return -1
}
