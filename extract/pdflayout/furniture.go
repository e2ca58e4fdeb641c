package pdflayout

import (
	"math"
	"strings"
	"unicode"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// addFurniture records as Document.Furniture the lines made of glyphs
// that isFurniture picks (artifacts in a tagged PDF).
func addFurniture(doc *layout.Document, pages []*pageContent, isFurniture func(*glyph) bool) {
	for _, pc := range pages {
		if pc == nil {
			continue
		}
		var sel []int32
		for i := range pc.glyphs {
			if isFurniture(&pc.glyphs[i]) {
				sel = append(sel, int32(i))
			}
		}
		for _, l := range buildLinesOf(pc.glyphs, sel, pc.number, lineOptions{splitGap: 3}) {
			doc.Furniture = append(doc.Furniture, layout.Line{Text: l.text, Page: pc.number})
		}
	}
}

// furnitureMargin is the share of the page height, at top and at bottom,
// where running headers, footers and page numbers live.
const furnitureMargin = 0.09

// furnitureSet holds the lines recognised as running headers, footers and
// page numbers.
type furnitureSet map[furnitureKey]bool

type furnitureKey struct {
	page int
	y    int
	text string
}

func (f furnitureSet) has(l line) bool {
	return f[furnitureKey{l.page, int(math.Round(l.y)), l.text}]
}

// findFurniture picks, in the top and bottom margins of each page, lines
// that are page numbers or that repeat on other pages, and that stand at
// the page's edge: nothing but other furniture between them and the top
// (or bottom) of the page. A label or heading that opens each section on
// a new page repeats at the same place too, but body text comes before it
// (the section's heading) or it is set as a heading; a running header is
// outside the body. Lines that repeat only with their digits changed
// ("Page 3 of 9") must be set no larger than the body text and not bold,
// which numbered section headings are. It also returns every page's
// lines (nil for a page that could not be read), for measuring the
// document's text and for the body of pages without tables.
func findFurniture(pages []*pageContent) (furnitureSet, [][]line) {
	type cand struct {
		l     line
		key   string
		h     float64
		index int // the line's place in its page's lines
	}
	var cands []*cand
	byKey := map[string]int{}
	byText := map[string]int{}
	n := 0
	all := make([][]line, len(pages))
	sizes := map[float64]int{}
	for pi, pc := range pages {
		if pc == nil {
			continue
		}
		n++
		seenKey, seenText := map[string]bool{}, map[string]bool{}
		lines := buildLines(pc.glyphs, pc.number, lineOptions{splitGap: 3})
		all[pi] = lines
		for i, l := range lines {
			sizes[roundSize(l.size)] += len(l.text)
			if l.top() > furnitureMargin*pc.height && l.bottom() < (1-furnitureMargin)*pc.height {
				continue
			}
			k := furnitureText(l.text)
			cands = append(cands, &cand{l: l, key: k, h: pc.height, index: i})
			if !seenKey[k] {
				seenKey[k] = true
				byKey[k]++
			}
			if !seenText[l.text] {
				seenText[l.text] = true
				byText[l.text]++
			}
		}
	}
	body, best := 0.0, -1
	for s, c := range sizes {
		if c > best || c == best && s < body {
			body, best = s, c
		}
	}
	repeats := func(count int) bool { return n >= 2 && count >= 2 && count*3 >= n }
	out := furnitureSet{}
	for _, c := range cands {
		plain := roundSize(c.l.size) <= body && !c.l.bold
		if isPageNumber(c.l.text) || repeats(byText[c.l.text]) || plain && repeats(byKey[c.key]) {
			out[furnitureKey{c.l.page, int(math.Round(c.l.y)), c.l.text}] = true
		}
	}
	// Keep only furniture at the page's edge, dropping inward until no
	// line is left with body text between it and the edge.
	var pageOf = map[int][]line{}
	for _, ls := range all {
		if len(ls) > 0 {
			pageOf[ls[0].page] = ls
		}
	}
	for changed := true; changed; {
		changed = false
		for _, c := range cands {
			if !out.has(c.l) {
				continue
			}
			ls := pageOf[c.l.page]
			top := c.l.top() <= furnitureMargin*c.h
			for _, o := range ls {
				if math.Abs(o.y-c.l.y) < 0.5*max(o.size, c.l.size) || out.has(o) {
					continue // the same row, or furniture itself
				}
				if top && o.y < c.l.y || !top && o.y > c.l.y {
					delete(out, furnitureKey{c.l.page, int(math.Round(c.l.y)), c.l.text})
					changed = true
					break
				}
			}
		}
	}
	return out, all
}

// furnitureText folds a line so that "Page 3 of 9" and "Page 4 of 9" match.
func furnitureText(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return '#'
		}
		return unicode.ToLower(r)
	}, s)
}

// isPageNumber recognises "7", "- 7 -", "Page 7", "Page 7 of 20", "7/20".
func isPageNumber(s string) bool {
	f := strings.Fields(strings.ToLower(strings.Trim(s, "-–— ")))
	if len(f) == 0 {
		return false
	}
	if f[0] == "page" {
		f = f[1:]
	}
	switch len(f) {
	case 1:
		return isNumberish(f[0])
	case 3:
		return isNumberish(f[0]) && f[1] == "of" && isNumberish(f[2])
	}
	return false
}

func isNumberish(s string) bool {
	if s == "" || len(s) > 9 {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '/' {
			return false
		}
	}
	return true
}
