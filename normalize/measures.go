package normalize

import (
	"github.com/sendrecon/sendrecon/extract/layout"
)

// measureTable reads a table of measures: one indicator a row, its text
// from the indicator column ("Measure", "KPI"), beside a baseline, a
// target, a latest position (progress) and a RAG status. The indicators
// belong to the enclosing priority and are numbered through it
// (I-<priority>.<n>).
func (b *builder) measureTable(t *layout.Table, h tableHeader) {
	parent := b.top().priority
	b.rule = "table: measure rows (indicator column, one indicator a row)"
	for _, rw := range b.rows(t, h, RoleIndicator) {
		f := rw.fields[RoleIndicator]
		if f.empty() {
			continue
		}
		text := cleanText(f.text())
		prefix := parent
		if prefix == "" {
			prefix = "0"
		}
		key := "I-" + prefix + "." + itoa(b.next("I-"+prefix))
		it := Item{Kind: KindIndicator, Key: key, ParentKey: parent, Text: text, Page: rw.page}
		if sf := rw.fields[RoleStatus]; !sf.empty() {
			it.Status = oneLine(sf.text())
		}
		if pf := rw.fields[RoleProgress]; !pf.empty() {
			it.Progress = entries(pf.lines, byParagraph)
		}
		b.add(it, itemAux{})
	}
}

// isMeasureTable reports whether a table is a measure table: an indicator
// column and no priority column (a table of priorities with indicator
// columns is read by indicatorTable).
func isMeasureTable(h tableHeader) bool {
	return h.has(RoleIndicator) && !h.has(RolePriority)
}
