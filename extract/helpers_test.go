package extract

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// read extracts a document held in a string; name chooses the reader.
func read(t *testing.T, name, content string) *layout.Document {
	t.Helper()
	doc, err := Bytes(context.Background(), name, []byte(content), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Check(); err != nil {
		t.Errorf("invariant: %v", err)
	}
	return doc
}

// sameValue fails the test when got and want differ, showing both as JSON.
func sameValue(t *testing.T, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", "  ")
		w, _ := json.MarshalIndent(want, "", "  ")
		t.Errorf("got:\n%s\nwant:\n%s", g, w)
	}
}

// cell is a 1×1 cell, the usual case, to keep the tables below short.
func cell(row, col int, text string) layout.Cell {
	return layout.Cell{Row: row, Col: col, RowSpan: 1, ColSpan: 1, Text: text}
}

func span(c layout.Cell, rows, cols int) layout.Cell {
	c.RowSpan, c.ColSpan = rows, cols
	return c
}

func header(c layout.Cell) layout.Cell {
	c.Header = true
	return c
}

func lines(c layout.Cell, ls ...layout.Line) layout.Cell {
	c.Lines = ls
	return c
}

func bullet(text string, depth int) layout.Line {
	return layout.Line{Text: text, Bullet: true, Depth: depth}
}

func plain(text string) layout.Line { return layout.Line{Text: text} }

func heading(level int, text string) layout.Block {
	return layout.Block{Kind: layout.KindHeading, Level: level, Text: text}
}

func para(text string) layout.Block {
	return layout.Block{Kind: layout.KindParagraph, Text: text}
}

func list(ordered bool, items ...layout.ListItem) layout.Block {
	return layout.Block{Kind: layout.KindList, List: &layout.List{Ordered: ordered, Items: items}}
}

func item(text string, number, depth int) layout.ListItem {
	return layout.ListItem{Text: text, Number: number, Depth: depth}
}

func marked(marker, text string, number, depth int) layout.ListItem {
	return layout.ListItem{Text: text, Marker: marker, Number: number, Depth: depth}
}

func tableBlock(t layout.Table) layout.Block {
	return layout.Block{Kind: layout.KindTable, Table: &t}
}

func tablesOf(d *layout.Document) []layout.Table {
	var out []layout.Table
	for _, t := range d.Tables() {
		out = append(out, *t)
	}
	return out
}
