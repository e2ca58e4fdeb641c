package pdflayout

import (
	"bytes"
	"math"
	"slices"
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

// splitAt cuts the line before word w. Both halves share the line's
// storage, each capped at its own end: an append to one must copy rather
// than write over the other (or over the next line in the page's arena).
func (l line) splitAt(w int) (line, line) {
	ws := l.words[w]
	a, b := l, l
	a.text = strings.TrimSpace(l.text[:ws.at])
	b.text = strings.TrimSpace(l.text[ws.at:])
	a.words = l.words[:w:w]
	cut := min(ws.at, len(l.byteX))
	a.byteX = l.byteX[:cut:cut]
	b.byteX = l.byteX[cut:len(l.byteX):len(l.byteX)]
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

// sizeStepGap, in font sizes of the larger glyph, is the gap across which
// a change of type size by a heading step ends a line: a heading and a
// sidebar's heading or text set level with it, a column apart, are two
// lines, though the gap is less than splitGap. Words of one line in two
// sizes (a number set smaller, a run in larger type) sit a word space
// apart, well within it.
const sizeStepGap = 1.0

// sizeStepApart reports whether glyphs a and b (a to the left, on one
// baseline, neither a space: a producer may set the spaces between words
// in a size of their own) differ in size by a heading step and stand
// further apart than words do.
func sizeStepApart(a, b *glyph) bool {
	if a == nil {
		return false
	}
	lo, hi := min(a.size, b.size), max(a.size, b.size)
	return hi >= lo*headingRatio && b.x0-a.x1 > sizeStepGap*hi
}

// spaceGap is the gap, in font sizes, above which two glyphs are taken to
// be separate words when no space glyph stands between them.
const spaceGap = 0.18

// buildLines groups glyphs into lines: by baseline, then left to right.
func buildLines(glyphs []glyph, page int, opt lineOptions) []line {
	rs := make([]lineGlyph, len(glyphs))
	for i := range glyphs {
		rs[i] = lineGlyph{y: glyphs[i].y, i: int32(i)}
	}
	return linesFrom(glyphs, rs, page, opt)
}

// buildLinesOf groups the glyphs sel picks (indexes into glyphs, in the
// order they are to be taken) into lines, as buildLines does.
func buildLinesOf(glyphs []glyph, sel []int32, page int, opt lineOptions) []line {
	rs := make([]lineGlyph, len(sel))
	for k, i := range sel {
		rs[k] = lineGlyph{y: glyphs[i].y, i: i}
	}
	return linesFrom(glyphs, rs, page, opt)
}

// lineGlyph is a glyph on its way into a line: the glyphs themselves stay
// where they are and are never copied; line building sorts these small
// records instead. y is the glyph's baseline as line building sees it
// (lowerRaised moves raised marks onto the line they follow).
type lineGlyph struct {
	y float64
	i int32 // index into the glyphs given
}

// sortByBaseline sorts rs by y as sort.SliceStable did with y < y' as
// its less: the comparison gives a negative result exactly where that
// less was true, and nothing else of it counts (NaN included). Glyphs
// mostly come in drawing order, top to bottom: input already in order
// (and free of NaN, which orders nothing) is left as it is, which is
// what a stable sort makes of it.
func sortByBaseline(rs []lineGlyph) {
	if !inOrder(rs, func(r lineGlyph) float64 { return r.y }) {
		slices.SortStableFunc(rs, func(a, b lineGlyph) int {
			if a.y < b.y {
				return -1
			}
			return 1
		})
	}
}

// sortByLeft sorts a row left to right as sortByBaseline sorts by y.
func sortByLeft(gs []glyph, row []lineGlyph) {
	if !inOrder(row, func(r lineGlyph) float64 { return gs[r.i].x0 }) {
		slices.SortStableFunc(row, func(a, b lineGlyph) int {
			if gs[a.i].x0 < gs[b.i].x0 {
				return -1
			}
			return 1
		})
	}
}

// inOrder reports whether key never decreases along rs and is never NaN.
func inOrder(rs []lineGlyph, key func(lineGlyph) float64) bool {
	prev := math.Inf(-1)
	for _, r := range rs {
		k := key(r)
		if k < prev || math.IsNaN(k) {
			return false
		}
		prev = k
	}
	return true
}

// linesFrom builds the lines of the glyphs rs picks: rows by baseline,
// each row split into lines left to right, all in reading order.
func linesFrom(gs []glyph, rs []lineGlyph, page int, opt lineOptions) []line {
	if len(rs) == 0 {
		return nil
	}
	sortByBaseline(rs)
	if lowerRaised(gs, rs) {
		sortByBaseline(rs)
	}
	lb := newLineBuilder(gs, rs, page, opt)
	start := 0
	for i := 1; i <= len(rs); i++ {
		if i < len(rs) {
			tol := 0.3 * max(gs[rs[i].i].size, gs[rs[i-1].i].size)
			if math.Abs(rs[i].y-rs[i-1].y) <= tol {
				continue
			}
		}
		lb.row(rs[start:i])
		start = i
	}
	return lb.finish()
}

// inReadingOrder reports whether a comes before b: by baseline, or left
// to right on one baseline.
func inReadingOrder(a, b *line) bool {
	if math.Abs(a.y-b.y) > 0.3*min(a.size, b.size) {
		return a.y < b.y
	}
	return a.x0 < b.x0
}

// linesInOrder reports whether no line reads before the one ahead of it.
func linesInOrder(ls []line) bool {
	for k := 1; k < len(ls); k++ {
		if inReadingOrder(&ls[k], &ls[k-1]) {
			return false
		}
	}
	return true
}

// lowerRaised puts raised small glyphs (a footnote mark "1", the "st" of
// "1st") on the baseline of the text they follow, so that they end its
// line as they do in the source ("exceptions).1") instead of making a
// line of their own between two lines. rs is sorted by baseline; it
// reports whether any glyph moved.
func lowerRaised(gs []glyph, rs []lineGlyph) bool {
	maxSize := 0.0
	for _, r := range rs {
		maxSize = max(maxSize, gs[r.i].size)
	}
	moved := false
	for i := range rs {
		g := &gs[rs[i].i]
		gy := rs[i].y
		if g.size <= 0 || g.size > raisedRatio*maxSize || blank(g.text) {
			continue
		}
		// Candidates sit below g by 0.2 to 0.6 of their own size.
		lo := sort.Search(len(rs), func(k int) bool { return rs[k].y > gy })
		for k := lo; k < len(rs) && k < lo+maxRaisedScan && rs[k].y <= gy+0.6*maxSize; k++ {
			h := &gs[rs[k].i]
			d := rs[k].y - gy
			if g.size > raisedRatio*h.size || d < 0.2*h.size || d > 0.6*h.size {
				continue
			}
			if h.x1 <= g.x0+0.1*h.size && g.x0-h.x1 <= 1.5*h.size {
				rs[i].y = rs[k].y
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

// blank reports whether s is empty or white space only
// (strings.TrimSpace(s) == "", without trimming).
func blank(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] == 0 {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			return false
		}
		i += n
	}
	return true
}

// asciiSpace marks the ASCII bytes strings.TrimSpace trims.
var asciiSpace = [256]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// lineBuilder writes the lines of one buildLines call. Their text, the
// glyph position of each text byte and their word starts are written once
// into arenas shared by all the lines; each line holds capped sub-slices
// of them, and its text is cut from one string made at the end.
type lineBuilder struct {
	gs    []glyph
	page  int
	opt   lineOptions
	text  []byte
	xs    []float64 // byteX of every line, parallel to text
	words []wordStart
	out   []line
	spans [][2]int // each kept line's bytes in text
}

func newLineBuilder(gs []glyph, rs []lineGlyph, page int, opt lineOptions) *lineBuilder {
	// Room for the glyphs' text and a space between words. The arenas
	// grow past it if need be: the lines hold capped sub-slices, which
	// keep the old storage when they do.
	n := len(rs)/4 + 8
	for _, r := range rs {
		n += len(gs[r.i].text)
	}
	return &lineBuilder{
		gs: gs, page: page, opt: opt,
		text:  make([]byte, 0, n),
		xs:    make([]float64, 0, n),
		words: make([]wordStart, 0, len(rs)/4+1),
		// Lines run some 20 to 80 glyphs in body text, fewer in cells.
		out:   make([]line, 0, len(rs)/16+1),
		spans: make([][2]int, 0, len(rs)/16+1),
	}
}

// row turns glyphs sharing a baseline into one or more lines.
func (lb *lineBuilder) row(row []lineGlyph) {
	sortByLeft(lb.gs, row)
	var cur line
	var boldN, letterN int
	var prev *glyph
	var ink *glyph // the last glyph that is not a space
	start, wstart := len(lb.text), len(lb.words)
	written := func() bool { return len(lb.text) > start }
	endsSpace := func() bool { return len(lb.text) == start || lb.text[len(lb.text)-1] == ' ' }
	write := func(s string, x float64) {
		lb.text = append(lb.text, s...)
		for range len(s) {
			lb.xs = append(lb.xs, x)
		}
	}
	flush := func() {
		cur.bold = letterN > 0 && boldN*2 > letterN
		if len(bytes.TrimSpace(lb.text[start:])) > 0 {
			if cur.firstX1 == 0 {
				cur.firstX1 = cur.x1
			}
			end, wend := len(lb.text), len(lb.words)
			cur.byteX = lb.xs[start:end:end]
			if wend > wstart {
				cur.words = lb.words[wstart:wend:wend]
			}
			lb.out = append(lb.out, cur)
			lb.spans = append(lb.spans, [2]int{start, end})
		} else {
			// Nothing kept: the arenas take the next line's bytes here.
			lb.text, lb.xs, lb.words = lb.text[:start], lb.xs[:start], lb.words[:wstart]
		}
		start, wstart = len(lb.text), len(lb.words)
		boldN, letterN = 0, 0
		prev, ink = nil, nil
	}
	for i := range row {
		g := &lb.gs[row[i].i]
		isSpace := blank(g.text)
		if prev != nil {
			gap := g.x0 - prev.x1
			size := max(g.size, prev.size)
			// A glyph drawn twice at the same place is fake bold or a
			// shadow, not two letters.
			if g.text == prev.text && math.Abs(g.x0-prev.x0) < 0.05*size {
				continue
			}
			if lb.opt.splitGap > 0 && (gap > lb.opt.splitGap*size || !isSpace && sizeStepApart(ink, g)) {
				flush()
			} else if gap > spaceGap*size && !isSpace && !endsSpace() {
				if cur.firstX1 == 0 {
					cur.firstX1 = prev.x1
				}
				write(" ", prev.x1)
			}
		}
		if prev == nil {
			cur = line{page: lb.page, x0: g.x0, x1: g.x1, y: row[i].y, size: g.size}
		}
		if isSpace {
			if written() && !endsSpace() {
				if cur.firstX1 == 0 {
					cur.firstX1 = g.x0
				}
				write(" ", g.x0)
			}
		} else {
			if written() && endsSpace() {
				lb.words = append(lb.words, wordStart{g.x0, len(lb.text) - start})
			}
			write(g.text, g.x0)
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
		if !isSpace {
			ink = g
		}
	}
	flush()
}

// finish gives the lines their text, cut from one string of all of it,
// and puts them in reading order.
func (lb *lineBuilder) finish() []line {
	all := string(lb.text)
	for k, sp := range lb.spans {
		lb.out[k].text = strings.TrimSpace(all[sp[0]:sp[1]])
	}
	out := lb.out
	// A stable sort of up to 20 is one insertion sort: where no line
	// comes before the one ahead of it, it moves nothing.
	if len(out) <= 20 && linesInOrder(out) {
		return out
	}
	order := make([]int32, len(out))
	for i := range order {
		order[i] = int32(i)
	}
	// As sort.SliceStable with inReadingOrder as less: only a negative
	// result counts.
	slices.SortStableFunc(order, func(a, b int32) int {
		if inReadingOrder(&out[a], &out[b]) {
			return -1
		}
		return 1
	})
	sorted := make([]line, len(out))
	for k, i := range order {
		sorted[k] = out[i]
	}
	return sorted
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
