package layout

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteText writes d for a person to read (`sendrecon layout FILE`):
// headings with #, lists with bullets or numbers indented by depth, tables
// row by row with each cell's [row,col] position, its spans as RxC when
// over 1×1, "th" for a header, and page numbers as [pN] wherever known (a
// cell's as pN when not the page its table starts on).
// The JSON form is encoding/json of the Document.
func WriteText(w io.Writer, d *Document) error {
	bw := bufio.NewWriter(w)
	// bufio.Writer keeps the first write error and Flush returns it.
	fmt.Fprintf(bw, "%s (%s", d.Path, d.Format)
	if d.Pages > 0 {
		fmt.Fprintf(bw, ", %d pages", d.Pages)
	}
	fmt.Fprintf(bw, ")\ntitle: %s\n", d.Title)
	for _, b := range d.Blocks {
		bw.WriteString("\n")
		writeBlock(bw, b)
	}
	if len(d.Furniture) > 0 {
		bw.WriteString("\nfurniture:\n")
		for _, l := range d.Furniture {
			fmt.Fprintf(bw, "  %s%s\n", pageTag(l.Page), l.Text)
		}
	}
	if len(d.PageErrors) > 0 {
		bw.WriteString("\npage errors:\n")
		for _, e := range d.PageErrors {
			fmt.Fprintf(bw, "  page %d: %s\n", e.Page, e.Err)
		}
	}
	return bw.Flush()
}

func writeBlock(w *bufio.Writer, b Block) {
	tag := pageTag(b.Page)
	switch {
	case b.Kind == KindHeading:
		writeIndented(w, tag+strings.Repeat("#", max(b.Level, 1))+" ", b.Text)
	case b.Kind == KindList && b.List != nil:
		w.WriteString(tag + "list\n")
		for _, it := range b.List.Items {
			prefix := strings.Repeat("  ", it.Depth+1) + itemMarker(b.List, it) + " "
			writeIndented(w, prefix, it.Text)
		}
	case b.Kind == KindTable && b.Table != nil:
		writeTable(w, tag, b.Page, b.Table)
	default:
		writeIndented(w, tag, b.Text)
	}
	for _, u := range b.Uncertain {
		fmt.Fprintf(w, "  (uncertain: %s)\n", u)
	}
}

func itemMarker(l *List, it ListItem) string {
	switch {
	case it.Marker != "":
		return it.Marker
	case l.Ordered && it.Number != 0:
		return strconv.Itoa(it.Number) + "."
	case l.Ordered:
		return "#."
	}
	return "•"
}

func writeTable(w *bufio.Writer, tag string, page int, t *Table) {
	fmt.Fprintf(w, "%stable %d: %d rows × %d cols\n", tag, t.Index, t.Rows, t.Cols)
	if t.Caption != "" {
		writeIndented(w, "  caption: ", t.Caption)
	}
	for _, u := range t.Uncertain {
		writeIndented(w, "  uncertain: ", u)
	}
	row := -1
	for _, c := range t.Cells {
		if c.Row != row {
			row = c.Row
			fmt.Fprintf(w, "  row %d\n", row)
		}
		ann := fmt.Sprintf("[%d,%d", c.Row, c.Col)
		if c.RowSpan != 1 || c.ColSpan != 1 {
			ann += fmt.Sprintf(" %dx%d", c.RowSpan, c.ColSpan)
		}
		if c.Header {
			ann += " th"
		}
		if c.Page > 0 && c.Page != page {
			ann += " p" + strconv.Itoa(c.Page)
		}
		ann += "] "
		lines := c.TextLines()
		if len(lines) == 0 {
			w.WriteString("    " + strings.TrimSpace(ann) + "\n")
			continue
		}
		for i, l := range lines {
			lead := "    " + ann
			if i > 0 {
				lead = "    " + strings.Repeat(" ", len(ann))
			}
			if l.Bullet {
				lead += strings.Repeat("  ", l.Depth) + "• "
			}
			w.WriteString(lead + l.Text + "\n")
		}
	}
}

// writeIndented writes text after prefix, its later lines lined up under
// its first.
func writeIndented(w *bufio.Writer, prefix, text string) {
	pad := strings.Repeat(" ", len([]rune(prefix)))
	for i, line := range strings.Split(text, "\n") {
		if i == 0 {
			w.WriteString(prefix + line + "\n")
		} else {
			w.WriteString(pad + line + "\n")
		}
	}
}

func pageTag(page int) string {
	if page <= 0 {
		return ""
	}
	return fmt.Sprintf("[p%d] ", page)
}
