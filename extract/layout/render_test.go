package layout

import (
	"errors"
	"strings"
	"testing"
)

func TestWriteText(t *testing.T) {
	d := &Document{
		Path: "plan.pdf", Format: FormatPDF, Title: "Plan", Pages: 3,
		Blocks: []Block{
			{Kind: KindHeading, Page: 1, Level: 2, Text: "Priorities"},
			{Kind: KindList, Page: 1, List: &List{Ordered: true, Items: []ListItem{
				{Text: "First", Number: 1}, {Text: "Sub", Depth: 1, Marker: "a)"}, {Text: "Two\nlines", Number: 2},
			}}},
			{Kind: KindTable, Page: 2, Table: &Table{Index: 0, Rows: 2, Cols: 2, Caption: "Actions", Cells: []Cell{
				{Row: 0, Col: 0, RowSpan: 1, ColSpan: 2, Header: true, Text: "Head", Page: 2},
				{Row: 1, Col: 0, RowSpan: 1, ColSpan: 1, Text: "a\nb", Lines: []Line{{Text: "a", Bullet: true}, {Text: "b", Bullet: true, Depth: 1}}, Page: 3},
				{Row: 1, Col: 1, RowSpan: 1, ColSpan: 1, Page: 3},
			}, Uncertain: []string{"rows told apart by whitespace"}}},
			{Kind: KindParagraph, Page: 3, Text: "Done.", Uncertain: []string{"joined across a page break"}},
		},
		Furniture:  []Line{{Text: "OFFICIAL", Page: 1}},
		PageErrors: []PageError{{Page: 3, Err: "bad font"}},
	}
	want := `plan.pdf (pdf, 3 pages)
title: Plan

[p1] ## Priorities

[p1] list
  1. First
    a) Sub
  2. Two
     lines

[p2] table 0: 2 rows × 2 cols
  caption: Actions
  uncertain: rows told apart by whitespace
  row 0
    [0,0 1x2 th] Head
  row 1
    [1,0 p3] • a
               • b
    [1,1 p3]

[p3] Done.
  (uncertain: joined across a page break)

furniture:
  [p1] OFFICIAL

page errors:
  page 3: bad font
`
	var b strings.Builder
	if err := WriteText(&b, d); err != nil {
		t.Fatal(err)
	}
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteTextReturnsWriteError(t *testing.T) {
	d := &Document{Path: "x", Blocks: []Block{{Kind: KindParagraph, Text: "x"}}}
	if err := WriteText(failingWriter{}, d); err == nil || err.Error() != "disk full" {
		t.Errorf("error %v, want disk full", err)
	}
}
