package layout

import (
	"strings"
	"testing"
)

func TestTableCheck(t *testing.T) {
	one := func(row, col, rows, cols int) Cell {
		return Cell{Row: row, Col: col, RowSpan: rows, ColSpan: cols}
	}
	tests := []struct {
		name  string
		table Table
		want  string // "" for a valid table, else the start of the error
	}{
		{"valid with spans", Table{Rows: 2, Cols: 2, Cells: []Cell{one(0, 0, 2, 1), one(0, 1, 1, 1), one(1, 1, 1, 1)}}, ""},
		{"empty", Table{}, ""},
		{"zero span", Table{Rows: 1, Cols: 1, Cells: []Cell{one(0, 0, 0, 1)}}, "table 0 cell [0,0]: span 0×1"},
		{"outside the grid", Table{Rows: 1, Cols: 1, Cells: []Cell{one(0, 0, 1, 2)}}, "table 0 cell [0,0] span 1×2: outside the 1×1 grid"},
		{"overlap", Table{Rows: 2, Cols: 2, Cells: []Cell{one(0, 0, 2, 1), one(1, 0, 1, 2)}}, "table 0 cell [1,0]: overlaps another cell at [1,0]"},
		{"out of order", Table{Rows: 2, Cols: 1, Cells: []Cell{one(1, 0, 1, 1), one(0, 0, 1, 1)}}, "table 0 cell [0,0]: after [1,0], not in row-major order"},
		{"lines disagree with text", Table{Rows: 1, Cols: 1, Cells: []Cell{{RowSpan: 1, ColSpan: 1, Text: "a b", Lines: []Line{{Text: "a"}, {Text: "b"}}}}},
			"table 0 cell [0,0]: lines do not spell its text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.table.Check()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestDocumentCheck(t *testing.T) {
	tests := []struct {
		name   string
		blocks []Block
		want   string
	}{
		{"heading level", []Block{{Kind: KindHeading, Level: 7, Text: "x"}}, "block 0 (heading): heading level 7"},
		{"empty paragraph", []Block{{Kind: KindParagraph}}, "block 0 (paragraph): empty paragraph"},
		{"list without items", []Block{{Kind: KindList, List: &List{}}}, "block 0 (list): list without items"},
		{"table index", []Block{{Kind: KindTable, Table: &Table{Index: 1}}}, "block 0 (table): table index 1, want 0"},
		{"unknown kind", []Block{{Kind: "figure"}}, `block 0 (figure): unknown kind "figure"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := (&Document{Blocks: tt.blocks}).Check()
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestCellTextLines(t *testing.T) {
	c := Cell{Text: "a\nb", Page: 2}
	got := c.TextLines()
	if len(got) != 2 || got[0] != (Line{Text: "a", Page: 2}) || got[1] != (Line{Text: "b", Page: 2}) {
		t.Errorf("TextLines() = %+v", got)
	}
	kept := Cell{Text: "a", Lines: []Line{{Text: "a", Bullet: true}}}
	if got := kept.TextLines(); len(got) != 1 || !got[0].Bullet {
		t.Errorf("TextLines() = %+v, want the cell's own Lines", got)
	}
	if got := (&Cell{}).TextLines(); got != nil {
		t.Errorf("TextLines() of an empty cell = %+v", got)
	}
}
