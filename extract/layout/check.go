package layout

import (
	"fmt"
	"strings"
)

// Check reports the first way d breaks the model's invariants, or nil.
// Readers' tests and fuzzers call it; it costs time in proportion to the
// grid area of the tables, so a batch need not.
func (d *Document) Check() error {
	tables := 0
	for i, b := range d.Blocks {
		var err error
		switch b.Kind {
		case KindHeading:
			if b.Level < 1 || b.Level > 6 {
				err = fmt.Errorf("heading level %d", b.Level)
			} else if b.Text == "" {
				err = fmt.Errorf("empty heading")
			}
		case KindParagraph:
			if b.Text == "" {
				err = fmt.Errorf("empty paragraph")
			}
		case KindList:
			err = b.List.check()
		case KindTable:
			if b.Table == nil {
				err = fmt.Errorf("table block without a table")
			} else if b.Table.Index != tables {
				err = fmt.Errorf("table index %d, want %d", b.Table.Index, tables)
			} else {
				err = b.Table.Check()
			}
			tables++
		default:
			err = fmt.Errorf("unknown kind %q", b.Kind)
		}
		if err != nil {
			return fmt.Errorf("block %d (%s): %w", i, b.Kind, err)
		}
	}
	return nil
}

func (l *List) check() error {
	if l == nil || len(l.Items) == 0 {
		return fmt.Errorf("list without items")
	}
	for i, it := range l.Items {
		if it.Depth < 0 {
			return fmt.Errorf("item %d: depth %d", i, it.Depth)
		}
	}
	return nil
}

// Check reports the first way t breaks the grid's invariants: every cell
// inside Rows × Cols with spans of at least 1, no two cells covering one
// position, cells in row-major order, Lines agreeing with Text.
func (t *Table) Check() error {
	if t.Rows < 0 || t.Cols < 0 {
		return fmt.Errorf("table %d: %d×%d grid", t.Index, t.Rows, t.Cols)
	}
	covered := make(map[[2]int]bool)
	prev := [2]int{-1, -1}
	for _, c := range t.Cells {
		at := fmt.Sprintf("table %d cell [%d,%d]", t.Index, c.Row, c.Col)
		switch {
		case c.RowSpan < 1 || c.ColSpan < 1:
			return fmt.Errorf("%s: span %d×%d", at, c.RowSpan, c.ColSpan)
		case c.Row < 0 || c.Col < 0 || c.Row+c.RowSpan > t.Rows || c.Col+c.ColSpan > t.Cols:
			return fmt.Errorf("%s span %d×%d: outside the %d×%d grid", at, c.RowSpan, c.ColSpan, t.Rows, t.Cols)
		case c.Row < prev[0] || (c.Row == prev[0] && c.Col <= prev[1]):
			return fmt.Errorf("%s: after [%d,%d], not in row-major order", at, prev[0], prev[1])
		case c.Lines != nil && joinText(c.Lines) != c.Text:
			return fmt.Errorf("%s: lines do not spell its text", at)
		}
		prev = [2]int{c.Row, c.Col}
		for r := c.Row; r < c.Row+c.RowSpan; r++ {
			for col := c.Col; col < c.Col+c.ColSpan; col++ {
				if covered[[2]int{r, col}] {
					return fmt.Errorf("%s: overlaps another cell at [%d,%d]", at, r, col)
				}
				covered[[2]int{r, col}] = true
			}
		}
	}
	return nil
}

// TextLines returns the cell's lines: Lines where the reader kept them,
// else Text split at its line breaks.
func (c *Cell) TextLines() []Line {
	if c.Lines != nil {
		return c.Lines
	}
	if c.Text == "" {
		return nil
	}
	parts := strings.Split(c.Text, "\n")
	lines := make([]Line, len(parts))
	for i, p := range parts {
		lines[i] = Line{Text: p, Page: c.Page}
	}
	return lines
}

func joinText(lines []Line) string {
	texts := make([]string, len(lines))
	for i, l := range lines {
		texts[i] = l.Text
	}
	return strings.Join(texts, "\n")
}
