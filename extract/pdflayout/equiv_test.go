package pdflayout

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The line building and underline dropping before they were rewritten
// to work on indexes and arenas, kept as references: the rewrite must
// give the same lines and rules for any input, NaN and Inf included.

// buildLines groups glyphs into lines: by baseline, then left to right.
func refBuildLines(glyphs []glyph, page int, opt lineOptions) []line {
	if len(glyphs) == 0 {
		return nil
	}
	gs := make([]glyph, len(glyphs))
	copy(gs, glyphs)
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].y < gs[j].y })
	if refLowerRaised(gs) {
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
		out = append(out, refSplitRow(gs[start:i], page, opt)...)
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
func refLowerRaised(gs []glyph) bool {
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

// splitRow turns glyphs sharing a baseline into one or more lines.
func refSplitRow(row []glyph, page int, opt lineOptions) []line {
	sort.SliceStable(row, func(i, j int) bool { return row[i].x0 < row[j].x0 })
	var out []line
	var b strings.Builder
	var cur line
	var boldN, letterN int
	var prev, ink *glyph
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
		prev, ink = nil, nil
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
			if opt.splitGap > 0 && (gap > opt.splitGap*size || !isSpace && sizeStepApart(ink, g)) {
				flush()
			} else if gap > spaceGap*size && !isSpace && !refEndsSpace(&b) {
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
			if b.Len() > 0 && !refEndsSpace(&b) {
				if cur.firstX1 == 0 {
					cur.firstX1 = g.x0
				}
				b.WriteByte(' ')
				cur.byteX = append(cur.byteX, g.x0)
			}
		} else {
			if b.Len() > 0 && refEndsSpace(&b) {
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
		if !isSpace {
			ink = g
		}
	}
	flush()
	return out
}

func refEndsSpace(b *strings.Builder) bool {
	s := b.String()
	return s == "" || s[len(s)-1] == ' '
}

func refDropUnderlines(hs []rule, glyphs []glyph) []rule {
	out := hs[:0]
	for _, h := range hs {
		covered := 0.0
		for _, g := range glyphs {
			if d := h.pos - g.y; d >= -0.5 && d <= 0.3*g.size && g.x1 > h.lo && g.x0 < h.hi {
				covered += min(g.x1, h.hi) - max(g.x0, h.lo)
			}
		}
		if covered < 0.6*(h.hi-h.lo) {
			out = append(out, h)
		}
	}
	return out
}

// randomGlyphs are glyphs on a few baselines, with the cases line building
// treats apart: spaces, empty and non-ASCII blank text, glyphs drawn twice,
// raised small marks, wide gaps, bold letters, and now and then a NaN or
// infinite coordinate.
func randomGlyphs(r *rand.Rand, n int) []glyph {
	texts := []string{"a", "b", "1", " ", "", "\u00a0", "ab", "é", "•", "-", ".", "\u2003x"}
	sizes := []float64{6, 9, 10, 10, 12, 18}
	var gs []glyph
	x := 0.0
	for range n {
		size := sizes[r.IntN(len(sizes))]
		y := float64(100 + 14*r.IntN(6))
		if r.IntN(8) == 0 {
			y -= 0.4 * size // raised
			size *= 0.6
		}
		y += r.Float64() - 0.5
		if r.IntN(30) == 0 {
			x = r.Float64() * 500
		}
		w := size * (0.3 + 0.4*r.Float64())
		x0 := x
		if r.IntN(6) == 0 {
			x0 += size * (0.1 + 5*r.Float64()) // a gap, sometimes a column's
		}
		g := glyph{x0: x0, x1: x0 + w, y: y, size: size, text: texts[r.IntN(len(texts))], bold: r.IntN(3) == 0}
		switch r.IntN(200) {
		case 0:
			g.y = math.NaN()
		case 1:
			g.x0 = math.Inf(1)
		case 2:
			g.size = math.NaN()
		}
		gs = append(gs, g)
		if r.IntN(15) == 0 {
			gs = append(gs, g) // drawn twice
		}
		x = g.x1
	}
	r.Shuffle(len(gs), func(i, j int) {
		if r.IntN(4) == 0 { // mostly in drawing order
			gs[i], gs[j] = gs[j], gs[i]
		}
	})
	return gs
}

func TestBuildLinesAsBefore(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 3000 {
		gs := randomGlyphs(r, 1+r.IntN(120))
		if trial%3 == 0 {
			// In reading order already, as most pages draw their text.
			slices.SortStableFunc(gs, func(a, b glyph) int {
				if math.Abs(a.y-b.y) > 1 {
					return cmpFloat(a.y, b.y)
				}
				return cmpFloat(a.x0, b.x0)
			})
		}
		opt := lineOptions{splitGap: []float64{0, 3}[r.IntN(2)]}
		want := refBuildLines(gs, 1, opt)
		if got := buildLines(gs, 1, opt); !same(got, want) {
			t.Fatalf("trial %d: buildLines differs from before\n got %+v\nwant %+v", trial, got, want)
		}
		// A subset, picked in an order of its own.
		var sel []int32
		var sub []glyph
		for i := range gs {
			if r.IntN(3) > 0 {
				sel = append(sel, int32(i))
			}
		}
		r.Shuffle(len(sel), func(i, j int) { sel[i], sel[j] = sel[j], sel[i] })
		for _, i := range sel {
			sub = append(sub, gs[i])
		}
		want = refBuildLines(sub, 2, opt)
		if got := buildLinesOf(gs, sel, 2, opt); !same(got, want) {
			t.Fatalf("trial %d: buildLinesOf differs from buildLines of the subset\n got %+v\nwant %+v", trial, got, want)
		}
	}
}

func TestDropUnderlinesAsBefore(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 3000 {
		gs := randomGlyphs(r, r.IntN(150))
		var hs []rule
		for range r.IntN(40) {
			pos := float64(100+14*r.IntN(6)) + 4*r.Float64() - 1
			lo := r.Float64() * 400
			h := rule{pos, lo, lo + 200*r.Float64()}
			if r.IntN(100) == 0 {
				h.pos = []float64{math.NaN(), math.Inf(1), 1e300}[r.IntN(3)]
			}
			hs = append(hs, h)
		}
		want := refDropUnderlines(slices.Clone(hs), gs)
		if got := dropUnderlines(slices.Clone(hs), gs); !same(got, want) {
			t.Fatalf("trial %d: dropUnderlines differs from before\n got %+v\nwant %+v", trial, got, want)
		}
	}
}

// same compares as printed: floats print exactly (shortest round trip),
// and NaN equals NaN, as reflect.DeepEqual would not have it.
func same(a, b any) bool {
	return fmt.Sprintf("%+v", a) == fmt.Sprintf("%+v", b)
}

func cmpFloat(a, b float64) int {
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}
	return 0
}

// TestSortFuncAsSortSlice: addShapeBullets takes the first glyph right of
// a mark in the order sort.Slice gave; slices.SortFunc with a negative
// result exactly where that less held is the same pdqsort, ties and all.
func TestSortFuncAsSortSlice(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := range 500 {
		n := r.IntN(300)
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = float64(r.IntN(1 + n/4)) // many ties
		}
		want := make([]int, n)
		for i := range want {
			want[i] = i
		}
		sort.Slice(want, func(a, b int) bool { return xs[want[a]] < xs[want[b]] })
		got := make([]glyphAt, n)
		for i := range got {
			got[i] = glyphAt{xs[i], int32(i)}
		}
		slices.SortFunc(got, func(a, b glyphAt) int {
			if a.key < b.key {
				return -1
			}
			return 1
		})
		for i := range got {
			if int(got[i].i) != want[i] {
				t.Fatalf("trial %d: order differs at %d", trial, i)
			}
		}
	}
}
