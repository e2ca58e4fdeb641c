package normalize

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// Trace says how one item was read: the rule, and the layout block it was
// read from (sendrecon explain).
type Trace struct {
	// Rule names the rule in words, with what it matched.
	Rule string
	// Block is the index of the block in the layout's reading order;
	// BlockKind its kind (heading, paragraph, list, table).
	Block     int
	BlockKind string
	Page      int
	// Table is the block's place among the document's tables (0-based),
	// Row the table row the item's text is in; -1 where there is none.
	Table int
	Row   int
}

// trace builds the items' traces from what the builder kept beside them.
func (b *builder) trace() []Trace {
	tableAt := map[int]int{}
	n := 0
	for i, blk := range b.doc.Blocks {
		if blk.Kind == layout.KindTable {
			tableAt[i] = n
			n++
		}
	}
	out := make([]Trace, len(b.items))
	// A table's column roles are read, and its cells folded, once, not
	// once per row item.
	roles := map[int]string{}
	foldedCells := map[*layout.Table][]string{}
	folded := func(t *layout.Table) []string {
		f, ok := foldedCells[t]
		if !ok {
			f = make([]string, len(t.Cells))
			for i := range t.Cells {
				f[i] = fold(t.Cells[i].Text)
			}
			foldedCells[t] = f
		}
		return f
	}
	for i, it := range b.items {
		a := b.aux[i]
		tr := Trace{Rule: a.rule, Block: a.block, Page: it.Page, Table: -1, Row: -1}
		if a.block >= 0 && a.block < len(b.doc.Blocks) {
			blk := &b.doc.Blocks[a.block]
			tr.BlockKind = string(blk.Kind)
			if tr.Page == 0 {
				tr.Page = blk.Page
			}
			if blk.Kind == layout.KindTable && blk.Table != nil {
				tr.Table = tableAt[a.block]
				tr.Row = rowOf(blk.Table, folded(blk.Table), it.Text)
				if tr.Rule == "" {
					r, ok := roles[a.block]
					if !ok {
						r = b.rolesText(blk.Table)
						roles[a.block] = r
					}
					tr.Rule = "table: rows read by column roles " + r
				}
			}
		}
		if tr.Rule == "" {
			tr.Rule = string(tr.BlockKind)
		}
		out[i] = tr
	}
	return out
}

// rowOf is the first table row with a cell holding text, or -1.
func rowOf(t *layout.Table, foldedCells []string, text string) int {
	want := fold(text)
	if want == "" {
		return -1
	}
	for i, got := range foldedCells {
		if got != "" && (strings.Contains(got, want) || len(got) > 20 && strings.Contains(want, got)) {
			return t.Cells[i].Row
		}
	}
	return -1
}

// rolesText shows a table header's column roles: [Action=text, Lead=lead].
func (b *builder) rolesText(t *layout.Table) string {
	header := b.cols.readHeader(t)
	h := b.inferRoles(t, header)
	var parts []string
	for c, role := range h.roles {
		head := ""
		if cell := t.At(0, c); cell != nil {
			head = oneLine(cell.Text)
		}
		if role == "" {
			role = "-"
		} else if role != header.roles[c] {
			role += " (from its cells)"
		}
		parts = append(parts, fmt.Sprintf("%q=%s", head, role))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// notFound says, for a document with no items, what was looked for and
// not found: one line per kind of evidence, for explain and for the
// document's error.
func (b *builder) notFound() []string {
	var headings, leads []string
	tables := 0
	var headers []string
	for i, blk := range b.doc.Blocks {
		switch blk.Kind {
		case layout.KindHeading:
			headings = append(headings, fmt.Sprintf("%q", oneLine(blk.Text)))
		case layout.KindParagraph:
			if i+1 < len(b.doc.Blocks) && b.doc.Blocks[i+1].Kind == layout.KindList {
				leads = append(leads, fmt.Sprintf("%q", oneLine(blk.Text)))
			}
		case layout.KindTable:
			if blk.Table != nil {
				tables++
				headers = append(headers, b.rolesText(blk.Table))
			}
		}
	}
	clip := func(ss []string) string {
		if len(ss) == 0 {
			return "none"
		}
		if len(ss) > 8 {
			return strings.Join(ss[:8], ", ") + fmt.Sprintf(" and %d more", len(ss)-8)
		}
		return strings.Join(ss, ", ")
	}
	var kinds []string
	for _, s := range b.sections {
		if !slices.Contains(kinds, string(s.kind)) {
			kinds = append(kinds, string(s.kind))
		}
	}
	return []string{
		fmt.Sprintf("no heading matched normalize.sections (%s lists) or normalize.codes (finding labels); headings: %s", strings.Join(kinds, ", "), clip(headings)),
		fmt.Sprintf("no sentence introducing a list matched normalize.sections; sentences before lists: %s", clip(leads)),
		fmt.Sprintf("no table header gave a column the text, indicator or priority role (normalize.columns); %d table(s): %s", tables, clip(headers)),
		"no list of I statements (normalize.statement_pronouns) and no numbered heading over actions (normalize.heading_labels)",
	}
}

// WriteExplain writes, for each item of res, its kind, key, parent and
// text, the rule that made it and the layout block it came from; for a
// document with no items, what was looked for and not found.
func WriteExplain(w io.Writer, res Result) error {
	ew := &errWriter{w: w}
	d := res.Document
	ew.printf("%s (%s): %d items, status %s\n", d.SourcePath, d.Format, len(res.Items), d.Status)
	if d.Error != "" {
		ew.printf("error: %s\n", d.Error)
	}
	for i, it := range res.Items {
		ew.printf("\n%s %s", it.Kind, it.Key)
		if it.ParentKey != "" {
			ew.printf(" (parent %s)", it.ParentKey)
		}
		ew.printf(": %q\n", clipText(it.Text, 90))
		if i < len(res.Trace) {
			tr := res.Trace[i]
			ew.printf("  rule: %s\n", tr.Rule)
			ew.printf("  from: block %d (%s)", tr.Block, tr.BlockKind)
			if tr.Page > 0 {
				ew.printf(", page %d", tr.Page)
			}
			if tr.Table >= 0 {
				ew.printf(", table %d", tr.Table)
			}
			if tr.Row >= 0 {
				ew.printf(", row %d", tr.Row)
			}
			ew.printf("\n")
		}
		if len(it.Leads)+len(it.LeadOrgs) > 0 {
			ew.printf("  leads: %s\n", strings.Join(append(slices.Clone(it.Leads), it.LeadOrgs...), "; "))
		}
		if it.Timescale != "" || !it.Due.IsZero() {
			ew.printf("  when: %q", it.Timescale)
			if !it.Due.IsZero() {
				ew.printf(", due %s (%s)", it.Due.Time.Format("2006-01-02"), it.Due.Precision)
			}
			ew.printf("\n")
		}
		if len(it.Refs) > 0 {
			ew.printf("  refs: %s (from %q)\n", strings.Join(it.Refs, ", "), it.RefsRaw)
		}
		if len(it.Delivers) > 0 {
			ew.printf("  delivers (of another document): %s\n", strings.Join(it.Delivers, "; "))
		}
		if len(it.Flags) > 0 {
			ew.printf("  flags: %s\n", strings.Join(it.Flags, ", "))
		}
	}
	if len(res.Items) == 0 {
		ew.printf("\nNo items. Looked for, and did not find:\n")
		for _, l := range res.NotFound {
			ew.printf("  - %s\n", l)
		}
	}
	return ew.err
}

func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// errWriter keeps the first write error, so a printer need not check each.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
