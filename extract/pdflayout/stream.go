package pdflayout

import (
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// Stream tables are tables drawn without rules (a contents list, a
// two-column key and value list): rows of text segments, separated by wide
// gaps, whose left edges line up in columns over several rows.

// minStreamRows is the fewest aligned rows that make a stream table.
const minStreamRows = 3

// leaderRE matches the dot leaders that run from a contents entry to its
// page number.
var leaderRE = regexp.MustCompile(`\s*(?:[.·…]\s*){3,}$`)

// findStreamTables takes a page's body lines (split at wide gaps, in
// reading order), and returns the stream tables among them and the lines
// left over.
func findStreamTables(lines []line, page int, pitch float64) ([]pageTable, []line) {
	rows := baselineRows(lines)
	var tables []pageTable
	var rest []line
	for i := 0; i < len(rows); {
		j := i
		var anchors []float64
		if len(rows[i]) >= 2 {
			anchors = rowAnchors(rows[i])
			j = i + 1
			for j < len(rows) && closeRows(rows[j-1], rows[j], pitch) {
				row, ok := alignRow(rows[j], anchors)
				if !ok {
					break
				}
				rows[j] = row
				j++
			}
		}
		if j-i >= minStreamRows && hasNarrowColumn(rows[i:j], anchors) {
			tables = append(tables, streamTable(rows[i:j], anchors, page))
			i = j
			continue
		}
		rest = append(rest, rows[i]...)
		i++
	}
	return tables, rest
}

// baselineRows groups lines sharing a baseline, left to right.
func baselineRows(lines []line) [][]line {
	var rows [][]line
	for _, l := range lines {
		if n := len(rows); n > 0 {
			last := rows[n-1][0]
			if math.Abs(l.y-last.y) < 0.3*max(l.size, last.size) {
				rows[n-1] = append(rows[n-1], l)
				continue
			}
		}
		rows = append(rows, []line{l})
	}
	return rows
}

func rowAnchors(row []line) []float64 {
	xs := make([]float64, len(row))
	for i, l := range row {
		xs[i] = l.x0
	}
	return xs
}

// alignRow matches the row's segments to the anchors. A segment reaching
// over an anchor (a contents entry running close to its page number) is
// cut at the word that starts there.
func alignRow(row []line, anchors []float64) ([]line, bool) {
	var out []line
	for _, l := range row {
		for len(out) < len(anchors)-1 {
			next := anchors[len(out)+1]
			if l.x1 < next {
				break
			}
			w := slices.IndexFunc(l.words, func(ws wordStart) bool { return math.Abs(ws.x-next) < l.size })
			if w < 0 {
				break
			}
			var head line
			head, l = l.splitAt(w)
			out = append(out, head)
		}
		out = append(out, l)
	}
	if len(out) != len(anchors) {
		return row, false
	}
	for i, l := range out {
		if math.Abs(l.x0-anchors[i]) > l.size {
			return row, false
		}
	}
	return out, true
}

// closeRows reports whether b follows a without a gap of more than two
// blank lines.
func closeRows(a, b []line, pitch float64) bool {
	return b[0].y-a[0].y < 3*pitch*max(a[0].size, b[0].size)
}

// hasNarrowColumn tells a table from a two-column page layout: some column
// holds only short entries.
func hasNarrowColumn(rows [][]line, anchors []float64) bool {
	left, right := math.Inf(1), math.Inf(-1)
	for _, r := range rows {
		left = min(left, r[0].x0)
		right = max(right, r[len(r)-1].x1)
	}
	for c := range anchors {
		widest := 0.0
		for _, r := range rows {
			widest = max(widest, r[c].x1-r[c].x0)
		}
		if widest < 0.3*(right-left) {
			return true
		}
	}
	return false
}

func streamTable(rows [][]line, anchors []float64, page int) pageTable {
	t := pageTable{page: page, lastPage: page, rows: len(rows), cols: len(anchors)}
	t.doubt(doubtAlignedText)
	t.box = box{math.Inf(1), rows[0][0].top(), math.Inf(-1), rows[len(rows)-1][0].bottom()}
	for r, row := range rows {
		for c, l := range row {
			text := strings.TrimSpace(leaderRE.ReplaceAllString(l.text, ""))
			t.cells = append(t.cells, layout.Cell{
				Row: r, Col: c, RowSpan: 1, ColSpan: 1, Page: page, Text: text,
				Lines: []layout.Line{{Text: text, Page: page}},
			})
			t.box.x0, t.box.x1 = min(t.box.x0, l.x0), max(t.box.x1, l.x1)
		}
	}
	t.xs = append(append([]float64{}, anchors...), t.box.x1)
	return t
}
