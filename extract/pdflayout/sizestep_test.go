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

// TestVocabularyBesideWideGap: a line of a page that runs across a
// table's cells holds a word broken at a column's edge ("Performanc",
// its "e" on the line below) beside the next column's text; neither it
// nor the word after the gap is a word the document writes whole, so
// "Performanc" + "e" can still be found one word.
func TestVocabularyBesideWideGap(t *testing.T) {
	const size = 9.5
	// Three columns 12pt apart: a lead's post wraps in the middle one.
	row1 := append(append(word("Lead one", 0, 100, size), word("Head of Performanc", 50, 100, size)...),
		word("Oct-24 and more", 50+18*4.75+12, 100, size)...)
	row2 := append(append(word("Director", 0, 112, size), word("e and Quality team", 50, 112, size)...),
		word("Feb-25 to come", 50+18*4.75+12, 112, size)...)
	row3 := word("we report on Performance each month", 40, 124, size)
	lines := buildLines(append(append(row1, row2...), row3...), 1, lineOptions{splitGap: 3})
	if len(lines) != 3 {
		t.Fatalf("lines %d, want 3 (the gaps are within splitGap): %+v", len(lines), lines)
	}
	v := newVocabulary([][]line{lines})
	for _, w := range []string{"performanc", "oct-24", "e", "feb-25"} {
		if v.has(w) {
			t.Errorf("vocabulary holds %q, a word beside a column gap", w)
		}
	}
	for _, w := range []string{"of", "and", "report", "performance"} {
		if !v.has(w) {
			t.Errorf("vocabulary lacks %q", w)
		}
	}
	if got := joinLines([]string{"Head of Performanc", "e and Quality team"}, v); got != "Head of Performance and Quality team" {
		t.Errorf("joined %q", got)
	}
}
