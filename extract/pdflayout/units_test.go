package pdflayout

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/extract/layout"
)

func TestPageSpace(t *testing.T) {
	page := box{0, 0, 600, 800} // portrait MediaBox
	tests := []struct {
		rotate int64
		x, y   float64 // user space
		wx, wy float64 // page space, top-left origin as displayed
	}{
		{0, 0, 800, 0, 0}, // top-left stays top-left
		{0, 600, 0, 600, 800},
		{90, 0, 0, 0, 0}, // bottom-left turns to top-left
		{90, 0, 800, 800, 0},
		{180, 600, 0, 0, 0}, // bottom-right turns to top-left
		{270, 600, 800, 0, 0},
	}
	for _, tt := range tests {
		x, y := pageSpace(page, tt.rotate).apply(tt.x, tt.y)
		if math.Abs(x-tt.wx) > 1e-9 || math.Abs(y-tt.wy) > 1e-9 {
			t.Errorf("rotate %d: (%g, %g) -> (%g, %g), want (%g, %g)", tt.rotate, tt.x, tt.y, x, y, tt.wx, tt.wy)
		}
	}
}

func TestMatrix(t *testing.T) {
	tests := []struct {
		name   string
		m      matrix
		x, y   float64
		wx, wy float64
	}{
		{"identity", identity, 3, 4, 3, 4},
		{"translate", translate(10, 20), 1, 1, 11, 21},
		{"scale then translate", matrix{2, 0, 0, 3, 0, 0}.mul(translate(5, 5)), 1, 1, 7, 8},
		{"translate then scale", translate(5, 5).mul(matrix{2, 0, 0, 3, 0, 0}), 1, 1, 12, 18},
		// Chromium's page CTM: 0.24 scale with the y axis flipped.
		{"flip", matrix{.24, 0, 0, -.24, 0, 841.92}, 100, 100, 24, 817.92},
		{"rotate 90", matrix{0, 1, -1, 0, 0, 0}, 1, 0, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := tt.m.apply(tt.x, tt.y)
			if math.Abs(x-tt.wx) > 1e-9 || math.Abs(y-tt.wy) > 1e-9 {
				t.Errorf("apply(%g, %g) = (%g, %g), want (%g, %g)", tt.x, tt.y, x, y, tt.wx, tt.wy)
			}
		})
	}
}

// cellSpec is a grid cell as (row, col, rowSpan, colSpan).
type cellSpec [4]int

func specs(cells []gridCell) []cellSpec {
	var out []cellSpec
	for _, c := range cells {
		out = append(out, cellSpec{c.row, c.col, c.rowSpan, c.colSpan})
	}
	return out
}

func TestGridFromRules(t *testing.T) {
	h := func(y, x0, x1 float64) rule { return rule{y, x0, x1} }
	v := func(x, y0, y1 float64) rule { return rule{x, y0, y1} }
	tests := []struct {
		name   string
		hs, vs []rule
		want   []cellSpec
	}{
		{
			name: "2x2",
			hs:   []rule{h(0, 0, 100), h(20, 0, 100), h(40, 0, 100)},
			vs:   []rule{v(0, 0, 40), v(50, 0, 40), v(100, 0, 40)},
			want: []cellSpec{{0, 0, 1, 1}, {0, 1, 1, 1}, {1, 0, 1, 1}, {1, 1, 1, 1}},
		},
		{
			name: "header spans two columns",
			hs:   []rule{h(0, 0, 100), h(20, 0, 100), h(40, 0, 100)},
			vs:   []rule{v(0, 0, 40), v(50, 20, 40), v(100, 0, 40)},
			want: []cellSpec{{0, 0, 1, 2}, {1, 0, 1, 1}, {1, 1, 1, 1}},
		},
		{
			name: "first column spans two rows",
			hs:   []rule{h(0, 0, 100), h(20, 50, 100), h(40, 0, 100)},
			vs:   []rule{v(0, 0, 40), v(50, 0, 40), v(100, 0, 40)},
			want: []cellSpec{{0, 0, 2, 1}, {0, 1, 1, 1}, {1, 1, 1, 1}},
		},
		{
			name: "inset cell backgrounds merge with the border between them",
			hs:   []rule{h(0, 0, 100), h(20, 0, 100), h(40, 0, 100)},
			vs:   []rule{v(0, 0, 40), v(47, 0, 40), v(50, 0, 40), v(53, 0, 40), v(100, 0, 40)},
			want: []cellSpec{{0, 0, 1, 1}, {0, 1, 1, 1}, {1, 0, 1, 1}, {1, 1, 1, 1}},
		},
		{
			name: "a single box is no table",
			hs:   []rule{h(0, 0, 100), h(20, 0, 100)},
			vs:   []rule{v(0, 0, 20), v(100, 0, 20)},
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, _ := gridFromRules(tt.hs, tt.vs)
			if got := specs(g.cells); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("cells = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSplitBands(t *testing.T) {
	// Two tables drawn touching: a two-column one above a three-column one,
	// sharing the rule at y=40; the outer verticals run through both.
	hs := []rule{{0, 0, 90}, {20, 0, 90}, {40, 0, 90}, {60, 0, 90}, {80, 0, 90}}
	vs := []rule{{0, 0, 80}, {90, 0, 80}, {45, 0, 40}, {30, 40, 80}, {60, 40, 80}}
	bands := splitBands(hs, vs)
	if len(bands) != 2 {
		t.Fatalf("got %d bands, want 2", len(bands))
	}
	var cols []int
	for _, b := range bands {
		g, ok := gridFromRules(b[0], b[1])
		if !ok {
			t.Fatal("band is not a table")
		}
		cols = append(cols, len(g.xs)-1)
	}
	if !reflect.DeepEqual(cols, []int{2, 3}) {
		t.Errorf("columns per band = %v, want [2 3]", cols)
	}
}

func cell(r, c int, text string) layout.Cell {
	return layout.Cell{Row: r, Col: c, RowSpan: 1, ColSpan: 1, Text: text, Lines: []layout.Line{{Text: text}}}
}

func TestJoinTable(t *testing.T) {
	header := []layout.Cell{cell(0, 0, "Action"), cell(0, 1, "Lead")}
	tests := []struct {
		name       string
		prev, next []layout.Cell
		want       []string // "row,col:text" of the joined table
		wantRows   int
	}{
		{
			name:     "repeated header dropped",
			prev:     append(append([]layout.Cell{}, header...), cell(1, 0, "Do a"), cell(1, 1, "Ann")),
			next:     append(append([]layout.Cell{}, header...), cell(1, 0, "Do b"), cell(1, 1, "Bob")),
			want:     []string{"0,0:Action", "0,1:Lead", "1,0:Do a", "1,1:Ann", "2,0:Do b", "2,1:Bob"},
			wantRows: 3,
		},
		{
			name:     "row split by the page break joined",
			prev:     []layout.Cell{cell(0, 0, "Progress to"), cell(0, 1, "The work began and")},
			next:     []layout.Cell{cell(0, 0, "date"), cell(0, 1, "goes on."), cell(1, 0, "Next"), cell(1, 1, "More")},
			want:     []string{"0,0:Progress to date", "0,1:The work began and goes on.", "1,0:Next", "1,1:More"},
			wantRows: 2,
		},
		{
			name:     "new rows kept apart",
			prev:     []layout.Cell{cell(0, 0, "One"), cell(0, 1, "Ann")},
			next:     []layout.Cell{cell(0, 0, "Two"), cell(0, 1, "Bob")},
			want:     []string{"0,0:One", "0,1:Ann", "1,0:Two", "1,1:Bob"},
			wantRows: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := func(cs []layout.Cell) int {
				n := 0
				for _, c := range cs {
					n = max(n, c.Row+1)
				}
				return n
			}
			prev := &pageTable{page: 1, lastPage: 1, rows: rows(tt.prev), cols: 2, cells: tt.prev}
			next := &pageTable{page: 2, lastPage: 2, rows: rows(tt.next), cols: 2, cells: tt.next}
			joinTable(prev, next, docText{})
			var got []string
			for _, c := range prev.cells {
				got = append(got, strings.Join([]string{itoa(c.Row) + "," + itoa(c.Col), c.Text}, ":"))
			}
			if !reflect.DeepEqual(got, tt.want) || prev.rows != tt.wantRows {
				t.Errorf("got %v (%d rows), want %v (%d rows)", got, prev.rows, tt.want, tt.wantRows)
			}
		})
	}
}

func itoa(i int) string { return string(rune('0' + i)) }

func TestJoinLines(t *testing.T) {
	vocab := vocabulary{"implementation": true, "well-being": true, "sef/dbv": true}
	tests := []struct {
		name  string
		lines []string
		want  string
	}{
		{"wrapped", []string{"one two", "three"}, "one two three"},
		{"hyphen splitting a known word", []string{"the implemen-", "tation plan"}, "the implementation plan"},
		{"compound hyphen kept", []string{"their well-", "being matters"}, "their well-being matters"},
		{"unknown hyphen kept without space", []string{"a co-", "production"}, "a co-production"},
		{"dash with spaces", []string{"before -", "after"}, "before - after"},
		{"slash in a known compound", []string{"SEF/", "DBV"}, "SEF/DBV"},
		{"slash ending a sentence part", []string{"in education/", "Reduce it"}, "in education/ Reduce it"},
		{"blank lines skipped", []string{"a", " ", "b"}, "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := joinLines(tt.lines, vocab); got != tt.want {
				t.Errorf("joinLines(%q) = %q, want %q", tt.lines, got, tt.want)
			}
		})
	}
}

func TestSplitMarker(t *testing.T) {
	tests := []struct {
		text string
		want listMarker
		ok   bool
	}{
		{"• Item text", listMarker{marker: "•", body: "Item text"}, true},
		{"3. Third", listMarker{marker: "3.", body: "Third", ordered: true, number: 3}, true},
		{"10.Recruitment is underway", listMarker{marker: "10.", body: "Recruitment is underway", ordered: true, number: 10}, true},
		{"b) second", listMarker{marker: "b)", body: "second", ordered: true, number: 2}, true},
		{"1.1 Develop the plan", listMarker{}, false},
		{"2021. A year", listMarker{}, false},
		{"- not a dash list", listMarker{marker: "-", body: "not a dash list"}, true},
		{"-5 degrees", listMarker{}, false},
		{"Plain text", listMarker{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, ok := splitMarker(tt.text)
			if ok != tt.ok || got != tt.want {
				t.Errorf("splitMarker(%q) = %+v, %v; want %+v, %v", tt.text, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestIsPageNumber(t *testing.T) {
	for text, want := range map[string]bool{
		"7": true, "- 7 -": true, "Page 7": true, "Page 7 of 20": true, "7/20": true,
		"7 Introduction": false, "Page": false, "2023-2024": false, "": false,
	} {
		if got := isPageNumber(text); got != want {
			t.Errorf("isPageNumber(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestParseCMap(t *testing.T) {
	cm := parseCMap([]byte(`/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0010> <D835DC00> endbfchar
2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<0066006C> (\000x)] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`))
	tests := []struct {
		code uint32
		want string
	}{
		{0x03, " "}, {0x10, "\U0001D400"}, {0x24, "A"}, {0x26, "C"}, {0x30, "fl"}, {0x31, "x"},
	}
	for _, tt := range tests {
		if got, ok := cm.lookup(tt.code); !ok || got != tt.want {
			t.Errorf("lookup(%#x) = %q, %v; want %q", tt.code, got, ok, tt.want)
		}
	}
	if _, ok := cm.lookup(0x27); ok {
		t.Error("lookup(0x27) found a code outside every range")
	}
	if n := cm.codeLength("\x00\x24", 1); n != 2 {
		t.Errorf("codeLength = %d, want 2", n)
	}
}
