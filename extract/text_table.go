package extract

import (
	"regexp"
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

var (
	separatorCell = regexp.MustCompile(`^:?-+:?$`)
	cellBreak     = regexp.MustCompile(`(?i)<br\s*/?>`)
)

// table reads a table starting at lines[0] and returns how many lines it
// used, 0 when no table starts there. Three shapes are tables: a markdown
// pipe table (header row, then a |---|---| row: the header cells are
// headers), two or more lines that start with "|", and two or more lines
// with tab-separated columns.
func (p *textParser) table(lines []string) int {
	first := strings.TrimSpace(lines[0])
	var rows [][]string
	header := false
	n := 0
	switch {
	case strings.Contains(first, "|") && len(lines) > 1 && isSeparatorRow(lines[1], len(splitPipes(first))):
		header = true
		rows = append(rows, splitPipes(first))
		for n = 2; n < len(lines) && strings.Contains(lines[n], "|"); n++ {
			rows = append(rows, splitPipes(lines[n]))
		}
	case strings.HasPrefix(first, "|") && len(lines) > 1 && strings.HasPrefix(strings.TrimSpace(lines[1]), "|"):
		for ; n < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[n]), "|"); n++ {
			rows = append(rows, splitPipes(lines[n]))
		}
	case isTabRow(lines[0]) && len(lines) > 1 && isTabRow(lines[1]):
		for ; n < len(lines) && isTabRow(lines[n]); n++ {
			rows = append(rows, strings.Split(strings.TrimRight(lines[n], " \t"), "\t"))
		}
	default:
		return 0
	}
	p.endBlock()
	t := &layout.Table{Index: p.tables, Rows: len(rows), Cells: []layout.Cell{}}
	p.tables++
	for r, row := range rows {
		t.Cols = max(t.Cols, len(row))
		for c, text := range row {
			t.Cells = append(t.Cells, p.textCell(r, c, text, header && r == 0))
		}
	}
	p.blocks = append(p.blocks, layout.Block{Kind: layout.KindTable, Page: p.page, Table: t})
	return n
}

// textCell makes a cell of a text table; "<br>" in a markdown cell breaks
// its lines, and a line starting with a bullet glyph is a bullet.
func (p *textParser) textCell(row, col int, text string, header bool) layout.Cell {
	var lines []layout.Line
	for _, part := range cellBreak.Split(text, -1) {
		part = p.inline(part)
		if part == "" {
			continue
		}
		if _, rest, ok := cutBullet(part); ok {
			lines = append(lines, layout.Line{Text: rest, Bullet: true})
			continue
		}
		lines = append(lines, layout.Line{Text: part})
	}
	cell := layout.Cell{Row: row, Col: col, RowSpan: 1, ColSpan: 1, Header: header, Text: joinLines(lines), Page: p.page}
	if len(lines) > 1 || (len(lines) == 1 && lines[0].Bullet) {
		cell.Lines = lines
	}
	return cell
}

// splitPipes splits a pipe table row into its cells: the outer pipes are
// optional, and "\|" is a pipe inside a cell.
func splitPipes(line string) []string {
	s := strings.TrimSpace(line)
	s = strings.TrimPrefix(s, "|")
	if strings.HasSuffix(s, "|") && !strings.HasSuffix(s, `\|`) {
		s = s[:len(s)-1]
	}
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == '|':
			cur.WriteByte('|')
			i++
		case s[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(s[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

// isSeparatorRow reports whether line is the |---|:--:| row under a pipe
// table's header of cols cells.
func isSeparatorRow(line string, cols int) bool {
	if !strings.Contains(line, "-") {
		return false
	}
	cells := splitPipes(line)
	if len(cells) != cols {
		return false
	}
	for _, c := range cells {
		if !separatorCell.MatchString(c) {
			return false
		}
	}
	return true
}

func isTabRow(line string) bool {
	return strings.Contains(strings.TrimSpace(line), "\t")
}
