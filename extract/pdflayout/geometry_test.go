package pdflayout

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// A white page background whose edges touch a ruled table draws no edge,
// so the table stays a table of its own; a grey one framing a banner and
// a content box is one column of stacked boxes, a layout and not a table.
func TestBackgroundsAreNotTables(t *testing.T) {
	table := ruledGrid(40, 700, []float64{200, 200}, []float64{30, 30})
	cells := textAt(45, 680, 10, "Priority") + textAt(245, 680, 10, "Lead") +
		textAt(45, 650, 10, "Improve data") + textAt(245, 650, 10, "Data team")
	for _, tc := range []struct {
		name   string
		colour string
		body   string
		tables int
	}{
		{"white background", "1 1 1 rg", table + cells, 1},
		{"white background gray", "1 g", table + cells, 1},
		{"white background cmyk", "0 0 0 0 k", table + cells, 1},
		{"grey frame of stacked boxes", "0.9 g", textAt(45, 650, 10, "Our plan sets out five priorities."), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The background's left edge is the table's: a page frame
			// from 40 to 560 wide and most of the page high.
			page := "q " + tc.colour + " 40 60 520 740 re f Q\n" + "q 0 g 40 780 520 20 re f Q\n" +
				tc.body + textAt(45, 760, 18, "Plan title")
			doc, err := extractBytes(t, testPDF{pages: []string{page}}.bytes(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(doc.Tables()); got != tc.tables {
				t.Fatalf("tables = %d, want %d; blocks %+v", got, tc.tables, doc.Blocks)
			}
			if tc.tables == 1 {
				tb := doc.Tables()[0]
				if tb.Rows != 2 || tb.Cols != 2 {
					t.Errorf("table %dx%d, want 2x2", tb.Rows, tb.Cols)
				}
			}
		})
	}
}

func TestTitleFromBlocks(t *testing.T) {
	blocks := []layout.Block{
		{Kind: layout.KindParagraph, Page: 1, Text: "OFFICIAL"},
		{Kind: layout.KindHeading, Page: 1, Level: 3, Text: "County Council"},
		{Kind: layout.KindHeading, Page: 1, Level: 1, Text: "SEND Strategy 2024"},
		{Kind: layout.KindHeading, Page: 1, Level: 1, Text: "Introduction"},
		{Kind: layout.KindHeading, Page: 2, Level: 1, Text: "Later"},
	}
	if got := titleFromBlocks(blocks); got != "SEND Strategy 2024" {
		t.Errorf("title %q", got)
	}
	tableOnly := []layout.Block{{Kind: layout.KindTable, Page: 1, Table: &layout.Table{Cells: []layout.Cell{{Text: "\n"}, {Text: "Report title\nmore"}}}}}
	if got := titleFromBlocks(tableOnly); got != "Report title" {
		t.Errorf("title from table %q", got)
	}
	if got := titleFromBlocks(nil); got != "" {
		t.Errorf("empty document title %q", got)
	}
}

// circle is a content-stream fragment filling a circle of radius r at
// (x, y) with four Bézier curves, as browsers draw a list's disc.
func circle(x, y, r float64) string {
	k := 0.5523 * r
	return fmt.Sprintf("%g %g m %g %g %g %g %g %g c %g %g %g %g %g %g c %g %g %g %g %g %g c %g %g %g %g %g %g c h f\n",
		x+r, y,
		x+r, y+k, x+k, y+r, x, y+r,
		x-k, y+r, x-r, y+k, x-r, y,
		x-r, y-k, x-k, y-r, x, y-r,
		x+k, y-r, x+r, y-k, x+r, y)
}

// Bullets drawn as shapes make a list as bullet glyphs do; a shape that
// does not stand before a line of text (a logo's dot, a mark after the
// text) is no bullet.
func TestShapeBullets(t *testing.T) {
	page := textAt(40, 780, 16, "What we will do") +
		textAt(40, 750, 10, "We have three aims for the next year.") +
		circle(45, 733.5, 1.8) + textAt(55, 730, 10, "listen to families") +
		circle(45, 718.5, 1.8) + textAt(55, 715, 10, "assess needs early") +
		"0 0 1 1 re f\n" + // a dot far from any text
		textAt(40, 690, 10, "Then we will report.") + circle(150, 693.5, 1.8)
	doc, err := extractBytes(t, testPDF{pages: []string{page}}.bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := summary(doc)
	want := []string{
		"h1 What we will do",
		"p We have three aims for the next year.",
		"li0 • listen to families",
		"li0 • assess needs early",
		"p Then we will report.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Running headers and page numbers are furniture; a section heading and
// a label that open every page at the same place are not, since the
// heading is set larger and the label has body text above it.
func TestFurnitureAtThePageEdge(t *testing.T) {
	var pages []string
	for i := 1; i <= 3; i++ {
		pages = append(pages, textAt(270, 820, 9, "OFFICIAL")+
			textAt(40, 790, 14, fmt.Sprintf("Area for improvement %d", i))+
			textAt(40, 770, 10, "The inspection letter said:")+
			textAt(40, 700, 10, fmt.Sprintf("Leaders should improve area %c of the local offer.", 'A'+i))+
			textAt(290, 30, 9, fmt.Sprint(i)))
	}
	doc, err := extractBytes(t, testPDF{pages: pages}.bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var furniture []string
	for _, l := range doc.Furniture {
		furniture = append(furniture, fmt.Sprintf("p%d %s", l.Page, l.Text))
	}
	wantFurniture := "p1 OFFICIAL|p1 1|p2 OFFICIAL|p2 2|p3 OFFICIAL|p3 3"
	if got := strings.Join(furniture, "|"); got != wantFurniture {
		t.Errorf("furniture %s, want %s", got, wantFurniture)
	}
	got := strings.Join(summary(doc), "\n")
	for i := 1; i <= 3; i++ {
		if !strings.Contains(got, fmt.Sprintf("h1 Area for improvement %d", i)) {
			t.Errorf("heading %d lost:\n%s", i, got)
		}
	}
	if n := strings.Count(got, "p The inspection letter said:"); n != 3 {
		t.Errorf("label kept %d times, want 3:\n%s", n, got)
	}
}

// A word broken without a hyphen in a narrow cell is joined when the
// document writes it whole elsewhere and one half is not a word of its
// own; two words it uses stay apart.
func TestJoinBrokenWords(t *testing.T) {
	vocab := vocabulary{"sufficiency": true, "programme": true, "into": true, "in": true, "to": true, "the": true}
	for _, tt := range []struct {
		lines []string
		want  string
	}{
		{[]string{"SEND Sufficienc", "y strategy"}, "SEND Sufficiency strategy"},
		{[]string{"Improvement Programm", "e board"}, "Improvement Programme board"},
		{[]string{"moving in", "to adulthood"}, "moving in to adulthood"},
		{[]string{"the Sufficienc", "y."}, "the Sufficiency."},
		{[]string{"an unknown brok", "en word"}, "an unknown brok en word"},
		{[]string{"ends 2024", "y"}, "ends 2024 y"},
		{[]string{"Complete", "d Embedded"}, "Completed Embedded"},
		{[]string{"moving in", "to the"}, "moving in to the"},
		{[]string{"the offer", "is open"}, "the offer is open"},
	} {
		if got := joinLines(tt.lines, vocab); got != tt.want {
			t.Errorf("joinLines(%q) = %q, want %q", tt.lines, got, tt.want)
		}
	}
}

// A paragraph stays whole beside a sidebar whose lines fall between its
// own; the sidebar's entry stays whole too.
func TestParagraphBesideSidebar(t *testing.T) {
	page := textAt(40, 780, 10, "The local area partnership is the council and") +
		textAt(400, 776, 9, "Our SEND") +
		textAt(40, 768, 10, "the integrated care board, who work with") +
		textAt(400, 765, 9, "Strategy 2024") +
		textAt(40, 756, 10, "schools and the parent carer forum.") +
		textAt(40, 730, 10, "A second paragraph follows.")
	doc, err := extractBytes(t, testPDF{pages: []string{page}}.bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(summary(doc), "\n")
	for _, want := range []string{
		"p The local area partnership is the council and the integrated care board, who work with schools and the parent carer forum.",
		"p Our SEND Strategy 2024",
		"p A second paragraph follows.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

// A landscape page stored portrait with /Rotate 90 (text and rules drawn
// turned a quarter) reads as the same page drawn landscape, and so does a
// landscape page shrunk onto a portrait one (a scaling CTM).
func TestRotatedAndScaledPages(t *testing.T) {
	// turned writes s at (x, top) of the displayed landscape page, top
	// measured down from its top edge: user space x is the displayed
	// distance down, user y the distance across.
	turned := func(x, top, size float64, s string) string {
		return fmt.Sprintf("BT /F1 %g Tf 0 1 -1 0 %g %g Tm (%s) Tj ET\n", size, top, x, s)
	}
	rule := func(x0, top0, x1, top1 float64) string {
		return fmt.Sprintf("%g %g m %g %g l S\n", top0, x0, top1, x1)
	}
	var rotated strings.Builder
	rotated.WriteString(turned(40, 50, 18, "Action plan"))
	rotated.WriteString(turned(40, 80, 10, "Our actions for the year."))
	rotated.WriteString("0.5 w\n")
	for _, top := range []float64{100, 120, 140} {
		rotated.WriteString(rule(40, top, 640, top))
	}
	for _, x := range []float64{40, 340, 640} {
		rotated.WriteString(rule(x, 100, x, 140))
	}
	rotated.WriteString(turned(45, 114, 10, "Action") + turned(345, 114, 10, "Lead"))
	rotated.WriteString(turned(45, 134, 10, "Publish the offer") + turned(345, 134, 10, "Council"))
	want := []string{
		"h1 Action plan",
		"p Our actions for the year.",
		"table#0 2x2",
		`  0,0 1x1 p1 "Action"`,
		`  0,1 1x1 p1 "Lead"`,
		`  1,0 1x1 p1 "Publish the offer"`,
		`  1,1 1x1 p1 "Council"`,
	}
	doc, err := extractBytes(t, testPDF{pages: []string{rotated.String()}, rotate: 90}.bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(doc); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rotated page:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// The same page drawn landscape at 0.6 on a portrait page.
	var flat strings.Builder
	flat.WriteString("q 0.6 0 0 0.6 30 400 cm\n")
	flat.WriteString(textAt(40, 545, 18, "Action plan") + textAt(40, 515, 10, "Our actions for the year."))
	flat.WriteString(ruledGrid(40, 495, []float64{300, 300}, []float64{20, 20}))
	flat.WriteString(textAt(45, 481, 10, "Action") + textAt(345, 481, 10, "Lead"))
	flat.WriteString(textAt(45, 461, 10, "Publish the offer") + textAt(345, 461, 10, "Council"))
	flat.WriteString("Q\n")
	doc, err = extractBytes(t, testPDF{pages: []string{flat.String()}}.bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(doc); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("scaled page:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A paragraph read beside a sidebar says so in the layout.
func TestBesideOtherTextIsFlagged(t *testing.T) {
	page := textAt(40, 780, 10, "The local area partnership is the council and") +
		textAt(400, 776, 9, "Our SEND") +
		textAt(40, 768, 10, "the integrated care board.") +
		textAt(40, 730, 10, "A paragraph on its own.")
	doc, err := extractBytes(t, testPDF{pages: []string{page}}.bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	flagged := map[string]bool{}
	for _, b := range doc.Blocks {
		flagged[b.Text] = len(b.Uncertain) > 0
	}
	if !flagged["The local area partnership is the council and the integrated care board."] {
		t.Errorf("interleaved paragraph not flagged: %+v", doc.Blocks)
	}
	if flagged["A paragraph on its own."] || flagged["Our SEND"] {
		t.Errorf("paragraph flagged without cause: %+v", doc.Blocks)
	}
}

// A bold numbered line in body type heads a section when the body text
// after it starts back at the number; items of a list of bold lines, or
// with their text indented under the item, stay a list.
func TestBoldNumberedSectionHeading(t *testing.T) {
	ts := textStyles{body: 10, docText: docText{pitch: 1.2}}
	bold := func(y float64, text string) line {
		l := textLine(1, 40, y, text)
		l.bold = true
		return l
	}
	kinds := func(lines ...line) string {
		var out []string
		for _, it := range ts.blocks(lines) {
			out = append(out, string(it.block.Kind))
		}
		return strings.Join(out, " ")
	}
	if got := kinds(bold(100, "1. Personal Budgets"), textLine(1, 40, 120, "Personal budgets can be a key enabler.")); got != "heading paragraph" {
		t.Errorf("section: %s", got)
	}
	if got := kinds(bold(100, "1. Personal Budgets"), bold(120, "2. Short breaks")); got != "list" {
		t.Errorf("list of bold items: %s", got)
	}
	if got := kinds(bold(100, "1. Personal Budgets"), textLine(1, 55, 120, "Explained under the item.")); got != "list paragraph" {
		t.Errorf("item with indented text: %s", got)
	}
	if got := kinds(bold(100, "1. We will publish the offer."), textLine(1, 40, 120, "Body.")); got != "list paragraph" {
		t.Errorf("bold sentence: %s", got)
	}
}

// A paragraph opening a page carries on the list item ending the page
// before only where the item is cut: a lower-case start, or an item
// written in sentences that stops mid-sentence. A phrase item and a
// capital are the list's end and the text after it.
func TestListItemAcrossPageBreak(t *testing.T) {
	list := func(text string) layout.Block {
		return layout.Block{Kind: layout.KindList, Page: 1, List: &layout.List{Items: []layout.ListItem{{Text: text, Page: 1}}}}
	}
	para := layout.Block{Kind: layout.KindParagraph, Page: 2, Text: "Sourced January 2021, census data"}
	for _, tt := range []struct {
		item string
		next string
		join bool
	}{
		{"721 are in specialist provision", "Sourced January 2021, census data", false},
		{"721 are in specialist provision", "and in special schools.", true},
		{"Support has been agreed. This includes a programme manager across the", "NHS Nottingham and Nottinghamshire ICB.", true},
		{"Support has been agreed. This includes a programme manager.", "Next steps follow.", false},
	} {
		prev, next := list(tt.item), para
		next.Text = tt.next
		if got := continuesText(&prev, &next, nil); got != tt.join {
			t.Errorf("%q + %q: joined %v, want %v", tt.item, tt.next, got, tt.join)
		}
	}
}

// A sidebar's list stays one list though the main text's lines fall
// between its items.
func TestListBesideMainText(t *testing.T) {
	bullet := func(y float64) string { return circle(403, y+3.5, 1.5) }
	page := textAt(40, 780, 10, "The local area partnership is the council and") +
		bullet(774) + textAt(410, 774, 9, "Our SEND Strategy") +
		textAt(40, 768, 10, "the integrated care board, who work with") +
		bullet(763.5) + textAt(410, 763.5, 9, "You said, we did") +
		textAt(40, 756, 10, "schools and the parent carer forum.") +
		bullet(753) + textAt(410, 753, 9, "Local offer") +
		textAt(40, 730, 10, "A second paragraph follows.")
	doc, err := extractBytes(t, testPDF{pages: []string{page}}.bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(summary(doc), "\n")
	want := "li0 • Our SEND Strategy\nli0 • You said, we did\nli0 • Local offer"
	if !strings.Contains(got, want) {
		t.Errorf("sidebar list broken:\n%s", got)
	}
	if !strings.Contains(got, "p The local area partnership is the council and the integrated care board, who work with schools and the parent carer forum.") {
		t.Errorf("main paragraph broken:\n%s", got)
	}
}

// A footnote mark set raised and small ends the line it follows, as the
// source writes it, instead of making a line of its own.
func TestRaisedFootnoteMark(t *testing.T) {
	g := func(x, y, size float64, s string) glyph {
		return glyph{x0: x, x1: x + 0.5*size*float64(len(s)), y: y, size: size, text: s}
	}
	gs := []glyph{
		g(10, 100, 10, "within"), g(45, 100, 10, " "), g(50, 100, 10, "20 weeks"),
		g(10, 112, 10, "(excluding"), g(65, 112, 10, " "), g(70, 112, 10, "exceptions)."),
		g(130, 107.5, 9, "1"),
	}
	var texts []string
	for _, l := range buildLines(gs, 1, lineOptions{splitGap: 3}) {
		texts = append(texts, l.text)
	}
	if got := strings.Join(texts, "|"); got != "within 20 weeks|(excluding exceptions).1" {
		t.Errorf("lines %q", got)
	}
}

// TestLatticeOrderSteady: two ruled tables side by side with the same top
// come out in one order every time, not in a map's order of the moment.
func TestLatticeOrderSteady(t *testing.T) {
	pc := &pageContent{number: 1, width: 600, height: 800}
	for _, x := range []float64{0, 200} {
		for _, y := range []float64{100, 120, 140} {
			pc.strokes = append(pc.strokes, segment{x0: x, y0: y, x1: x + 100, y1: y, width: 1})
		}
		for _, dx := range []float64{0, 50, 100} {
			pc.strokes = append(pc.strokes, segment{x0: x + dx, y0: 100, x1: x + dx, y1: 140, width: 1})
		}
	}
	var first []float64
	for range 30 {
		var got []float64
		for _, lt := range findLatticeTables(pc) {
			got = append(got, lt.box.x0)
		}
		if len(got) != 2 {
			t.Fatalf("tables at %v, want two", got)
		}
		if first == nil {
			first = got
		} else if !slices.Equal(got, first) {
			t.Fatalf("tables came out at %v, earlier at %v", got, first)
		}
	}
}
