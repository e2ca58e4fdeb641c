package pdflayout

import (
	"path/filepath"
	"testing"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// word lays out text as glyphs of one size from x on baseline y, a space
// glyph between words, each glyph half the size wide.
func word(text string, x, y, size float64) []glyph {
	var gs []glyph
	for _, r := range text {
		w := 0.5 * size
		gs = append(gs, glyph{x0: x, x1: x + w, y: y, size: size, text: string(r)})
		x += w
	}
	return gs
}

func TestBuildLinesSizeStep(t *testing.T) {
	for _, tc := range []struct {
		name string
		gs   []glyph
		want []string
	}{{
		// A page heading and a sidebar's smaller heading level with it,
		// 1.3 em of the heading apart: less than a column gap at the
		// heading's size, but nothing a line of one text would hold.
		name: "heading beside sidebar heading",
		gs:   append(word("Our strategy", 60, 244, 22), word("In this section", 60+12*11+28, 244, 14)...),
		want: []string{"Our strategy", "In this section"},
	}, {
		// Words in two sizes a word space apart are one line.
		name: "two sizes a word space apart",
		gs:   append(word("Priority 1", 60, 244, 14), word("(2024)", 60+10*7+3.5, 244, 10)...),
		want: []string{"Priority 1 (2024)"},
	}, {
		// One size, a wide gap within splitGap: one line, as before.
		name: "one size, wide gap",
		gs:   append(word("Home", 40, 180, 10), word("Contact us", 40+4*5+25, 180, 10)...),
		want: []string{"Home Contact us"},
	}, {
		// Spaces set in a larger size than the words they part do not
		// make a size step.
		name: "spaces in another size",
		gs: append(append(word("Home", 40, 180, 8), glyph{x0: 56, x1: 68, y: 180, size: 14, text: " "}),
			word("Schools", 68, 180, 8)...),
		want: []string{"Home Schools"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, l := range buildLines(tc.gs, 1, lineOptions{splitGap: 3}) {
				got = append(got, l.text)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("lines %q, want %q", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("lines %q, want %q", got, tc.want)
				}
			}
		})
	}
}

// TestHeadingBesideSidebar reads a page printed by WeasyPrint whose title
// (22pt) stands level with a sidebar heading (14pt) a column gap to its
// right: the title must be a heading of its own, not run on into the
// sidebar's, or the period it names no longer reads as the document's.
func TestHeadingBesideSidebar(t *testing.T) {
	path := filepath.Join(sharedDir(t), "corpus", "herts-send-strategy-2024", "herts-send-strategy-2024.weasyprint.pdf")
	doc := extractFile(t, path)
	var heads []string
	for _, b := range doc.Blocks {
		if b.Kind == layout.KindHeading && b.Page == 1 {
			heads = append(heads, b.Text)
		}
	}
	want := map[string]bool{"Our SEND Strategy 2024 to 2026": false, "In this section": false, "Other formats": false}
	for _, h := range heads {
		if _, ok := want[h]; ok {
			want[h] = true
		}
	}
	for h, found := range want {
		if !found {
			t.Errorf("no heading %q on page 1; headings %q", h, heads)
		}
	}
}
