package pdflayout

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// textLine is a visual line at (x0, y) on page, set in 10pt type with
// every character 5pt wide, as the test font draws it.
func textLine(page int, x0, y float64, text string) line {
	const size, adv = 10.0, 5.0
	first := firstWord(strings.TrimSpace(text))
	return line{
		page: page, x0: x0, y: y, size: size, text: text,
		x1:      x0 + adv*float64(utf8.RuneCountInString(text)),
		firstX1: x0 + adv*float64(utf8.RuneCountInString(first)),
	}
}

func TestGroupLines(t *testing.T) {
	dt := docText{pitch: 1.2}
	// Cells 100pt wide from x=10: text wraps at 110.
	const right = 110.0
	tests := []struct {
		name  string
		lines []line
		want  []layout.Line
	}{
		{
			name: "wrapped bullet is one line",
			lines: []line{
				textLine(1, 10, 100, "• Implement the"),
				textLine(1, 20, 112, "Strategy fully."), // "Strategy" would not fit after "the"
				textLine(1, 10, 124, "• Establish teams."),
			},
			want: []layout.Line{
				{Text: "Implement the Strategy fully.", Bullet: true, Page: 1},
				{Text: "Establish teams.", Bullet: true, Page: 1},
			},
		},
		{
			name: "short names on their own lines stay apart",
			lines: []line{
				textLine(1, 10, 100, "School Leads"), // ends at 70: "SENCO" fits
				textLine(1, 10, 112, "SENCO"),
			},
			want: []layout.Line{{Text: "School Leads", Page: 1}, {Text: "SENCO", Page: 1}},
		},
		{
			name: "a line reaching the edge wraps into the next",
			lines: []line{
				textLine(1, 10, 100, "Head of Performance"), // ends at 105
				textLine(1, 10, 112, "and Quality"),
			},
			want: []layout.Line{{Text: "Head of Performance and Quality", Page: 1}},
		},
		{
			name: "paragraph spacing starts a new line",
			lines: []line{
				textLine(1, 10, 100, "The first paragraph"),
				textLine(1, 10, 130, "Then another"),
			},
			want: []layout.Line{{Text: "The first paragraph", Page: 1}, {Text: "Then another", Page: 1}},
		},
		{
			name: "a paragraph carried over a page break stays one line",
			lines: []line{
				textLine(1, 10, 780, "• Deliver all the"),
				textLine(1, 20, 792, "'Well Being for"), // "Education" would not fit
				textLine(2, 20, 60, "Education Return'."),
			},
			want: []layout.Line{{Text: "Deliver all the 'Well Being for Education Return'.", Bullet: true, Page: 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := groupLines(tt.lines, right, dt)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("groupLines:\n got  %+v\n want %+v", got, tt.want)
			}
		})
	}
}

func TestCellRights(t *testing.T) {
	// Two columns, 0–100 and 100–200; text sits 3pt in from the left.
	tbl := latticeTable{cells: []gridCell{
		{row: 0, col: 0, rowSpan: 1, colSpan: 1, box: box{0, 0, 100, 20}},
		{row: 0, col: 1, rowSpan: 1, colSpan: 1, box: box{100, 0, 200, 20}},
		{row: 1, col: 0, rowSpan: 1, colSpan: 2, box: box{0, 20, 200, 40}},
	}}
	tests := []struct {
		name  string
		lines [][]line
		want  []float64
	}{
		{
			name:  "short text wraps at the box less its padding",
			lines: [][]line{{textLine(1, 3, 10, "NCC")}, {textLine(1, 103, 10, "Ann")}, nil},
			want:  []float64{97, 197, 197},
		},
		{
			name:  "text reaching past the padding counts",
			lines: [][]line{{textLine(1, 3, 10, "A line of nineteen.")}, {textLine(1, 103, 10, "Ann")}, nil},
			want:  []float64{98, 197, 197},
		},
		{
			name:  "centred text says nothing of the padding",
			lines: [][]line{{textLine(1, 40, 10, "NCC")}, {textLine(1, 140, 10, "Ann")}, nil},
			want:  []float64{88, 188, 188},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cellRights(tbl, tt.lines); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("cellRights = %v, want %v", got, tt.want)
			}
		})
	}
}

// cellOf is a one-row cell at (row, col) on page whose visual lines are
// texts, one under another from y, with text wrapping at x0+100.
func cellOf(page, row, col int, y float64, texts ...string) (layout.Cell, cellSource) {
	x0 := 10 + 110*float64(col)
	var ls []line
	for i, s := range texts {
		ls = append(ls, textLine(page, x0, y+12*float64(i), s))
	}
	lines := groupLines(ls, x0+100, docText{pitch: 1.2})
	c := layout.Cell{Row: row, Col: col, RowSpan: 1, ColSpan: 1, Text: joinCellLines(lines), Lines: lines, Page: page}
	return c, cellSource{lines: ls, right: x0 + 100}
}

func TestJoinSplitRow(t *testing.T) {
	type spec struct {
		row, col int
		texts    []string
	}
	build := func(page int, y float64, specs []spec) *pageTable {
		t := &pageTable{page: page, lastPage: page, cols: 3}
		for _, sp := range specs {
			c, src := cellOf(page, sp.row, sp.col, y, sp.texts...)
			t.cells = append(t.cells, c)
			t.src = append(t.src, src)
			t.rows = max(t.rows, sp.row+1)
		}
		return t
	}
	tests := []struct {
		name       string
		prev, next []spec
		want       []string // "row,col:text" of the joined table
	}{
		{
			name: "incomplete row carrying on a wrapped line is joined",
			prev: []spec{{0, 0, []string{"P2.5"}}, {0, 1, []string{"Write high quality", "Education, Health"}}, {0, 2, []string{"Feb-24"}}},
			next: []spec{{0, 0, nil}, {0, 1, []string{"and Care Plans."}}, {0, 2, nil},
				{1, 0, []string{"P2.6"}}, {1, 1, []string{"Embed it."}}, {1, 2, []string{"Apr-25"}}},
			want: []string{"0,0:P2.5", "0,1:Write high quality Education, Health and Care Plans.", "0,2:Feb-24",
				"1,0:P2.6", "1,1:Embed it.", "1,2:Apr-25"},
		},
		{
			name: "incomplete row opening in capitals after a full line is joined",
			prev: []spec{{0, 0, []string{"P2.5"}}, {0, 1, []string{"Train staff to write", "quality Education,"}}, {0, 2, []string{"Feb-24"}}},
			next: []spec{{0, 0, nil}, {0, 1, []string{"Health Plans."}}, {0, 2, nil}},
			want: []string{"0,0:P2.5", "0,1:Train staff to write quality Education, Health Plans.", "0,2:Feb-24"},
		},
		{
			name: "name written apart on the new page stays a line of its own",
			prev: []spec{{0, 0, []string{"Develop the whole", "Commissioning"}}, {0, 1, []string{"Jill Norman"}}, {0, 2, []string{"NCC"}}},
			next: []spec{{0, 0, []string{"Strategy for 2021."}}, {0, 1, []string{"Terry Hayes"}}, {0, 2, nil}},
			want: []string{"0,0:Develop the whole Commissioning Strategy for 2021.", "0,1:Jill Norman\nTerry Hayes", "0,2:NCC"},
		},
		{
			name: "complete new row kept apart though the text above has no full stop",
			prev: []spec{{0, 0, []string{"P1.1"}}, {0, 1, []string{"Head of the Service", "for Children"}}, {0, 2, []string{"Feb-24"}}},
			next: []spec{{0, 0, []string{"P1.2"}}, {0, 1, []string{"Assistant Director"}}, {0, 2, []string{"Mar-24"}}},
			want: []string{"0,0:P1.1", "0,1:Head of the Service for Children", "0,2:Feb-24",
				"1,0:P1.2", "1,1:Assistant Director", "1,2:Mar-24"},
		},
		{
			name: "incomplete row whose text starts afresh is a new row",
			prev: []spec{{0, 0, []string{"P1.1"}}, {0, 1, []string{"Agree the plan."}}, {0, 2, []string{"Feb-24"}}},
			next: []spec{{0, 0, nil}, {0, 1, []string{"Review the plan."}}, {0, 2, nil}},
			want: []string{"0,0:P1.1", "0,1:Agree the plan.", "0,2:Feb-24", "1,0:", "1,1:Review the plan.", "1,2:"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev, next := build(1, 700, tt.prev), build(2, 60, tt.next)
			joinTable(prev, next, docText{pitch: 1.2})
			var got []string
			for _, c := range prev.cells {
				got = append(got, itoa(c.Row)+","+itoa(c.Col)+":"+c.Text)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestContinueSpans(t *testing.T) {
	span := func(r, c, rs int, text string) layout.Cell {
		cell := cell(r, c, text)
		cell.RowSpan = rs
		return cell
	}
	tests := []struct {
		name     string
		prev     []layout.Cell
		next     []layout.Cell
		wantSpan int // the row span of prev's objective cell after the join
		wantRows int
	}{
		{
			name:     "empty cell spanning rows below the break continues the one above",
			prev:     []layout.Cell{cell(0, 0, "Objective"), cell(0, 1, "Do a.")},
			next:     []layout.Cell{span(0, 0, 2, ""), cell(0, 1, "Do b."), cell(1, 1, "Do c.")},
			wantSpan: 3,
			wantRows: 3,
		},
		{
			name:     "single empty cell is a row of its own",
			prev:     []layout.Cell{cell(0, 0, "Objective"), cell(0, 1, "Do a.")},
			next:     []layout.Cell{cell(0, 0, ""), cell(0, 1, "Do b.")},
			wantSpan: 1,
			wantRows: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev := &pageTable{page: 1, lastPage: 1, rows: 1, cols: 2, cells: tt.prev}
			next := &pageTable{page: 2, lastPage: 2, rows: 2, cols: 2, cells: tt.next}
			if tt.next[len(tt.next)-1].Row == 0 {
				next.rows = 1
			}
			joinTable(prev, next, docText{})
			if got := prev.cells[0].RowSpan; got != tt.wantSpan || prev.rows != tt.wantRows {
				t.Errorf("row span %d, %d rows; want %d, %d rows", got, prev.rows, tt.wantSpan, tt.wantRows)
			}
		})
	}
}

func TestNumberedHeading(t *testing.T) {
	ts := textStyles{body: 11, docText: docText{pitch: 1.2}}
	tests := []struct {
		name string
		size float64
		bold bool
		want layout.Kind
	}{
		{"bold, a little above the body: heading", 12, true, layout.KindHeading},
		{"bold at body size: list item", 11, true, layout.KindList},
		{"regular, a little above the body: list item", 12, false, layout.KindList},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := textLine(1, 10, 100, "1. To work towards clear communication")
			l.size, l.bold = tt.size, tt.bold
			items := ts.blocks([]line{l})
			if len(items) != 1 || items[0].block.Kind != tt.want {
				t.Fatalf("blocks = %+v, want one %s", items, tt.want)
			}
		})
	}
}

func TestDigitsCountForBold(t *testing.T) {
	g := func(x float64, s string, bold bool) glyph {
		return glyph{text: s, x0: x, x1: x + 5, y: 100, size: 10, bold: bold}
	}
	ls := buildLines([]glyph{g(0, "2", true), g(5, "0", true), g(10, "2", true), g(15, "4", true)}, 1, lineOptions{})
	if len(ls) != 1 || !ls[0].bold {
		t.Fatalf("lines = %+v, want one bold line", ls)
	}
}
