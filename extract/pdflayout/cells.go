package pdflayout

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// groupLines joins visual lines into logical ones; right is where text in
// this column must wrap.
func groupLines(lines []line, right float64, dt docText) []layout.Line {
	var bulletXs []float64
	for _, l := range lines {
		if _, ok := splitBullet(l.text); ok {
			bulletXs = append(bulletXs, l.x0)
		}
	}
	depthOf := bulletDepths(bulletXs)

	var out []layout.Line
	var parts []string
	var cur layout.Line
	flush := func() {
		if len(parts) > 0 {
			cur.Text = joinLines(parts, dt.vocab)
			out = append(out, cur)
		}
		parts = nil
	}
	for i, l := range lines {
		text := l.text
		body, bullet := splitBullet(text)
		newLine := i == 0 || bullet
		if i > 0 && !newLine {
			prev := lines[i-1]
			newLine = prev.page == l.page && newParagraph(prev, l, dt.pitch) || hardBreak(prev, l, right)
			// A word too long for the cell, broken where it met the
			// edge ("Complete" + "d"), carries on whatever fits after it.
			newLine = newLine && !brokenWord(lastWord(prev.text), firstWord(text), dt.vocab)
		}
		if newLine {
			flush()
			cur = layout.Line{Page: l.page}
			if bullet {
				cur.Bullet = true
				cur.Depth = depthOf(l.x0)
				text = body
			}
		}
		parts = append(parts, text)
	}
	flush()
	return out
}

// hardBreak reports whether the line break between prev and next was
// written, not made by wrapping: next's first word would have fitted on
// prev before right.
func hardBreak(prev, next line, right float64) bool {
	nextWord := next.firstX1 - next.x0
	return prev.x1+0.25*next.size+nextWord < right-0.5*next.size
}

// splitBullet reports whether text starts with a bullet glyph and returns
// the text after it.
func splitBullet(text string) (string, bool) {
	r, n := utf8.DecodeRuneInString(text)
	if n == 0 || !strings.ContainsRune(bulletRunes, r) || isDash(r) && !strings.HasPrefix(text[n:], " ") {
		return text, false
	}
	rest := strings.TrimSpace(text[n:])
	if rest == "" {
		return text, false
	}
	return rest, true
}

func isDash(r rune) bool { return r == '-' || r == '–' || r == '—' || r == '*' || r == '·' }

// nestIndent is the least extra indent (points) of a nested list item;
// HTML indents each level by some 30pt, and items of one level may differ
// by a few points (a wider number, a different bullet glyph).
const nestIndent = 8.0

// bulletDepths maps a bullet's x position to its nesting depth: distinct
// indents, left to right.
func bulletDepths(xs []float64) func(float64) int {
	sort.Float64s(xs)
	var levels []float64
	for _, x := range xs {
		if len(levels) == 0 || x-levels[len(levels)-1] > nestIndent {
			levels = append(levels, x)
		}
	}
	return func(x float64) int {
		d := 0
		for i, lx := range levels {
			if x >= lx-nestIndent/2 {
				d = i
			}
		}
		return d
	}
}
