package pdflayout

import (
	"math"
	"strings"
	"unicode"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// addFurniture records as Document.Furniture the lines made of glyphs
// that isFurniture picks (artifacts in a tagged PDF).
func addFurniture(doc *layout.Document, pages []*pageContent, isFurniture func(glyph) bool) {
	for _, pc := range pages {
		if pc == nil {
			continue
		}
		var gs []glyph
		for _, g := range pc.glyphs {
			if isFurniture(g) {
				gs = append(gs, g)
			}
		}
		for _, l := range buildLines(gs, pc.number, lineOptions{splitGap: 3}) {
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
// that are page numbers or that repeat (digits aside) on other pages. It
// also returns every page's lines, for measuring the document's text.
func findFurniture(pages []*pageContent) (furnitureSet, [][]line) {
	type cand struct {
		l   line
		key string
		h   float64
	}
	var cands []*cand
	byKey := map[string]int{}
	n := 0
	var all [][]line
	for _, pc := range pages {
		if pc == nil {
			continue
		}
		n++
		seen := map[string]bool{}
		lines := buildLines(pc.glyphs, pc.number, lineOptions{splitGap: 3})
		all = append(all, lines)
		for _, l := range lines {
			if l.top() > furnitureMargin*pc.height && l.bottom() < (1-furnitureMargin)*pc.height {
				continue
			}
			k := furnitureText(l.text)
			c := &cand{l: l, key: k, h: pc.height}
			cands = append(cands, c)
			if !seen[k] {
				seen[k] = true
				byKey[k]++
			}
		}
	}
	out := furnitureSet{}
	for _, c := range cands {
		if isPageNumber(c.l.text) || (n >= 2 && byKey[c.key] >= 2 && byKey[c.key]*3 >= n) {
			out[furnitureKey{c.l.page, int(math.Round(c.l.y)), c.l.text}] = true
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
