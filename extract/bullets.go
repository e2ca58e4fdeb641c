package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// bulletGlyphs start a line that is visually a list item although nothing
// marks it as one: Word pastes bullets as "•" in a paragraph.
var bulletGlyphs = []string{"•", "●", "▪", "■", "◦", "○", "‣", "∙", "·", "➢", "►", "✓", "-", "–", "*", "+"}

// cutBullet splits a line that starts with a bullet glyph and a space into
// the glyph and the rest.
func cutBullet(s string) (marker, rest string, ok bool) {
	for _, g := range bulletGlyphs {
		if after, found := strings.CutPrefix(s, g); found {
			r, _ := utf8.DecodeRuneInString(after)
			if r == ' ' || r == '\t' || r == '\u00a0' {
				if rest = strings.TrimSpace(after); rest != "" {
					return g, rest, true
				}
			}
		}
	}
	return "", "", false
}

// bulletParagraphsToLists turns runs of paragraphs that start with a bullet
// glyph into list blocks, so that normalize sees the list the reader saw. A
// line of such a paragraph that has no glyph continues the item before it.
func bulletParagraphsToLists(blocks []layout.Block) []layout.Block {
	out := blocks[:0:0]
	var run *layout.List // the list the last paragraphs went into
	for _, b := range blocks {
		if b.Kind != layout.KindParagraph {
			out = append(out, b)
			run = nil
			continue
		}
		lines := strings.Split(b.Text, "\n")
		if _, _, ok := cutBullet(lines[0]); !ok {
			out = append(out, b)
			run = nil
			continue
		}
		if run == nil {
			run = &layout.List{}
			out = append(out, layout.Block{Kind: layout.KindList, Page: b.Page, List: run})
		}
		// Gather an item's lines before joining them: a paragraph of many
		// lines would otherwise cost time in the square of its length.
		var item []string
		addItem := func() {
			if len(item) > 0 {
				marker, rest, _ := cutBullet(item[0])
				item[0] = rest
				run.Items = append(run.Items, layout.ListItem{Text: strings.Join(item, "\n"), Marker: marker, Page: b.Page})
			}
		}
		for _, line := range lines {
			if _, _, ok := cutBullet(line); ok {
				addItem()
				item = []string{line}
			} else {
				item = append(item, line)
			}
		}
		addItem()
	}
	return out
}
