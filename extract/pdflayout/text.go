package pdflayout

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is a run of glyphs on one baseline, in page space.
type line struct {
	page   int
	x0, x1 float64
	y      float64 // baseline
	size   float64 // largest glyph size
	bold   bool    // most of its letters and digits are bold
	text   string
	// firstX1 is where the first word ends; a hanging indent lines the
	// next line up with the second word.
	firstX1 float64
	// words are where each word after the first starts.
	words []wordStart
	// byteX is the left edge of the glyph that wrote each byte of text.
	byteX []float64
}

// wordStart is a word's left edge and its byte offset in the line's text.
type wordStart struct {
	x  float64
	at int
}

// splitAt cuts the line before word w.
func (l line) splitAt(w int) (line, line) {
	ws := l.words[w]
	a, b := l, l
	a.text = strings.TrimSpace(l.text[:ws.at])
	b.text = strings.TrimSpace(l.text[ws.at:])
	a.words = l.words[:w]
	a.byteX = l.byteX[:min(ws.at, len(l.byteX))]
	b.byteX = l.byteX[min(ws.at, len(l.byteX)):]
	b.words = nil
	for _, x := range l.words[w+1:] {
		b.words = append(b.words, wordStart{x.x, x.at - ws.at})
	}
	b.x0 = ws.x
	a.x1 = ws.x
	return a, b
}

func (l line) top() float64    { return l.y - 0.8*l.size }
func (l line) bottom() float64 { return l.y + 0.25*l.size }

// lineOptions tune how glyphs become lines.
type lineOptions struct {
	// splitGap, in font sizes, is the horizontal gap that ends a line, so
	// that text in separate columns stays apart; 0 never splits.
	splitGap float64
}

// spaceGap is the gap, in font sizes, above which two glyphs are taken to
// be separate words when no space glyph stands between them.
const spaceGap = 0.18

// buildLines groups glyphs into lines: by baseline, then left to right.
func buildLines(glyphs []glyph, page int, opt lineOptions) []line {
	if len(glyphs) == 0 {
		return nil
	}
	gs := make([]glyph, len(glyphs))
	copy(gs, glyphs)
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].y < gs[j].y })
	if lowerRaised(gs) {
		sort.SliceStable(gs, func(i, j int) bool { return gs[i].y < gs[j].y })
	}

	var out []line
	start := 0
	for i := 1; i <= len(gs); i++ {
		if i < len(gs) {
			ref := gs[start:i]
			tol := 0.3 * max(gs[i].size, ref[len(ref)-1].size)
			if math.Abs(gs[i].y-ref[len(ref)-1].y) <= tol {
				continue
			}
		}
		out = append(out, splitRow(gs[start:i], page, opt)...)
		start = i
	}
	sort.SliceStable(out, func(i, j int) bool {
		if math.Abs(out[i].y-out[j].y) > 0.3*min(out[i].size, out[j].size) {
			return out[i].y < out[j].y
		}
		return out[i].x0 < out[j].x0
	})
	return out
}

// lowerRaised puts raised small glyphs (a footnote mark "1", the "st" of
// "1st") on the baseline of the text they follow, so that they end its
// line as they do in the source ("exceptions).1") instead of making a
// line of their own between two lines. gs is sorted by baseline; it
// reports whether any glyph moved.
func lowerRaised(gs []glyph) bool {
	maxSize := 0.0
	for _, g := range gs {
		maxSize = max(maxSize, g.size)
	}
	moved := false
	for i := range gs {
		g := &gs[i]
		if g.size <= 0 || g.size > raisedRatio*maxSize || strings.TrimSpace(g.text) == "" {
			continue
		}
		// Candidates sit below g by 0.2 to 0.6 of their own size.
		lo := sort.Search(len(gs), func(k int) bool { return gs[k].y > g.y })
		for k := lo; k < len(gs) && k < lo+maxRaisedScan && gs[k].y <= g.y+0.6*maxSize; k++ {
			h := gs[k]
			d := h.y - g.y
			if g.size > raisedRatio*h.size || d < 0.2*h.size || d > 0.6*h.size {
				continue
			}
			if h.x1 <= g.x0+0.1*h.size && g.x0-h.x1 <= 1.5*h.size {
				g.y = h.y
				moved = true
				break
			}
		}
	}
	return moved
}

// raisedRatio: a glyph at most this share of the text's size may be set
// raised as a superscript.
const raisedRatio = 0.96

// maxRaisedScan bounds the glyphs looked at for each possible superscript.
const maxRaisedScan = 400

// splitRow turns glyphs sharing a baseline into one or more lines.
func splitRow(row []glyph, page int, opt lineOptions) []line {
	sort.SliceStable(row, func(i, j int) bool { return row[i].x0 < row[j].x0 })
	var out []line
	var b strings.Builder
	var cur line
	var boldN, letterN int
	var prev *glyph
	flush := func() {
		cur.text = strings.TrimSpace(b.String())
		cur.bold = letterN > 0 && boldN*2 > letterN
		if cur.text != "" {
			if cur.firstX1 == 0 {
				cur.firstX1 = cur.x1
			}
			out = append(out, cur)
		}
		b.Reset()
		boldN, letterN = 0, 0
		prev = nil
	}
	for i := range row {
		g := &row[i]
		isSpace := strings.TrimSpace(g.text) == ""
		if prev != nil {
			gap := g.x0 - prev.x1
			size := max(g.size, prev.size)
			// A glyph drawn twice at the same place is fake bold or a
			// shadow, not two letters.
			if g.text == prev.text && math.Abs(g.x0-prev.x0) < 0.05*size {
				continue
			}
			if opt.splitGap > 0 && gap > opt.splitGap*size {
				flush()
			} else if gap > spaceGap*size && !isSpace && !endsSpace(&b) {
				if cur.firstX1 == 0 {
					cur.firstX1 = prev.x1
				}
				b.WriteByte(' ')
				cur.byteX = append(cur.byteX, prev.x1)
			}
		}
		if prev == nil {
			cur = line{page: page, x0: g.x0, x1: g.x1, y: g.y, size: g.size}
		}
		if isSpace {
			if b.Len() > 0 && !endsSpace(&b) {
				if cur.firstX1 == 0 {
					cur.firstX1 = g.x0
				}
				b.WriteByte(' ')
				cur.byteX = append(cur.byteX, g.x0)
			}
		} else {
			if b.Len() > 0 && endsSpace(&b) {
				cur.words = append(cur.words, wordStart{g.x0, b.Len()})
			}
			b.WriteString(g.text)
			for range len(g.text) {
				cur.byteX = append(cur.byteX, g.x0)
			}
			cur.x1 = max(cur.x1, g.x1)
			cur.size = max(cur.size, g.size)
			if r, _ := utf8.DecodeRuneInString(g.text); unicode.IsLetter(r) || unicode.IsDigit(r) {
				letterN++
				if g.bold {
					boldN++
				}
			}
		}
		prev = g
	}
	flush()
	return out
}

func endsSpace(b *strings.Builder) bool {
	s := b.String()
	return s == "" || s[len(s)-1] == ' '
}

func lastWord(s string) string { return s[strings.LastIndexByte(s, ' ')+1:] }

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// defaultPitch is the baseline distance, in font sizes, assumed when a
// document has too few wrapped lines to measure its own.
const defaultPitch = 1.2

// paragraphExtra is how much more than the line pitch (in font sizes) the
// baseline distance must be to mark a new paragraph.
const paragraphExtra = 0.3

// docText is what the whole document says about its text that single
// lines cannot: its line spacing and its vocabulary.
type docText struct {
	pitch float64
	vocab vocabulary
}

func newDocText(pages [][]line) docText {
	return docText{pitch: typicalPitch(pages), vocab: newVocabulary(pages)}
}

// typicalPitch measures the document's line spacing: the most common
// baseline distance between consecutive lines of equal size, in font
// sizes. Paragraph breaks are told from wrapped lines against it.
func typicalPitch(pages [][]line) float64 {
	counts := map[int]int{}
	for _, ls := range pages {
		for i := 1; i < len(ls); i++ {
			a, b := ls[i-1], ls[i]
			if a.size == 0 || math.Abs(a.size-b.size) > 0.1 || math.Abs(a.x0-b.x0) > 2*a.size {
				continue
			}
			r := (b.y - a.y) / a.size
			if r < 0.9 || r > 3 {
				continue
			}
			counts[int(math.Round(r*20))]++
		}
	}
	best, bestN := 0, 0
	for k, n := range counts {
		if n > bestN || n == bestN && k < best {
			best, bestN = k, n
		}
	}
	if bestN < 3 {
		return defaultPitch
	}
	return float64(best) / 20
}

// newParagraph reports whether cur starts a new paragraph after prev by
// vertical distance alone.
func newParagraph(prev, cur line, pitch float64) bool {
	size := max(prev.size, cur.size)
	return cur.y-prev.y > (pitch+paragraphExtra)*size
}
