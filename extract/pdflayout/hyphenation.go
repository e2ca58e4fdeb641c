package pdflayout

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// vocabulary holds the words a document writes in the middle of its lines,
// where no line break can have cut them. It decides what a line ending in a
// hyphen or a slash was before the break: "implemen-" + "tation" is one
// word only if the document writes "implementation" somewhere;
// "SEF/" + "DBV" is "SEF/DBV" only if it writes that.
type vocabulary map[string]bool

func newVocabulary(pages [][]line) vocabulary {
	v := vocabulary{}
	for _, ls := range pages {
		for _, l := range ls {
			f := strings.Fields(l.text)
			for i := 1; i+1 < len(f); i++ { // the first and last may be cut
				// So may a word beside a wide gap: a line of a page
				// runs across the cells of a table, a column's word
				// broken at its edge beside the next column's text.
				if !l.wideGapBefore(i, len(f)) && !l.wideGapBefore(i+1, len(f)) {
					v[vocabKey(f[i])] = true
				}
			}
		}
	}
	return v
}

// wideGapAfterGlyph (font sizes) is the distance from the left edge of a
// word's last glyph to the start of the next word above which the two
// stand further apart than words of one text do: a glyph's width and a
// stretched space are less.
const wideGapAfterGlyph = 1.5

// wideGapBefore reports whether a gap wider than words of one text have
// stands before word i of the line's n words; false where the line's
// word starts do not match its words.
func (l line) wideGapBefore(i, n int) bool {
	if i < 1 || len(l.words) != n-1 {
		return false
	}
	w := l.words[i-1]
	last := w.at - 1
	for last > 0 && last < len(l.text) && l.text[last] == ' ' {
		last--
	}
	if last < 0 || last >= len(l.byteX) {
		return false
	}
	return w.x-l.byteX[last] > wideGapAfterGlyph*l.size
}

func vocabKey(w string) string {
	return strings.ToLower(strings.TrimFunc(w, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}))
}

func (v vocabulary) has(w string) bool { return v != nil && v[vocabKey(w)] }

// joinLines joins the wrapped lines of one paragraph. Lines are joined
// with a space, except after a hyphen (kept, without a space, unless the
// vocabulary shows it only broke a word: then it is dropped) and after a
// slash inside a compound.
func joinLines(lines []string, v vocabulary) string {
	var b strings.Builder
	prevLine := ""
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			prev := b.String()
			before, after := lastWord(prev), firstWord(l)
			switch {
			case len(before) > 1 && strings.HasSuffix(before, "-"):
				// Line breakers break after a hyphen: the word goes on
				// without a space.
				stem := before[:len(before)-1]
				if startsLetter(after) && v.has(stem+after) && !v.has(before+after) {
					b.Reset()
					b.WriteString(prev[:len(prev)-1])
				}
			case len(before) > 1 && strings.HasSuffix(before, "/") &&
				(v.has(before+after) || prevLine == before):
				// A slash ending a line that holds nothing else broke a
				// compound too long for its column ("SEF/" + "DBV").
			case brokenWord(before, after, v):
				// A word too long for a narrow cell, broken without a
				// hyphen ("Sufficienc" + "y").
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
		prevLine = l
	}
	return b.String()
}

// brokenWord reports whether before and after, the words either side of a
// line break, are the halves of one word: the document writes the whole
// word elsewhere and at least one half is not a word it writes, or the
// line after opens with a lone lower-case letter that the document never
// writes as a word, after a word long enough to have met the edge
// ("Complete" + "d"). Two words it uses ("in" + "to") stay two words.
func brokenWord(before, after string, v vocabulary) bool {
	if v == nil || !endsLetter(before) || !startsLetter(after) {
		return false
	}
	if v.has(before+after) && (!v.has(before) || !v.has(after)) {
		return true
	}
	// A word long enough to have met the cell's edge.
	const minBroken = 4
	return utf8.RuneCountInString(after) == 1 && isLowerWord(after) && !v.has(after) &&
		utf8.RuneCountInString(before) >= minBroken
}

func isLowerWord(s string) bool {
	for _, r := range s {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return s != ""
}

func endsLetter(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r)
}

func startsLetter(s string) bool {
	for _, r := range s {
		return unicode.IsLetter(r)
	}
	return false
}
