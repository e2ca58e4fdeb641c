package normalize

import (
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// field is what one row says under one role: the lines of its cells.
type field struct {
	lines []layout.Line
	cells []*layout.Cell
}

func (f *field) text() string {
	if f == nil {
		return ""
	}
	var parts []string
	for _, l := range f.lines {
		if t := strings.TrimSpace(l.Text); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n")
}

func (f *field) empty() bool { return f == nil || strings.TrimSpace(f.text()) == "" }

// row is one body row of a table, by role.
type row struct {
	r      int
	page   int
	fields map[string]*field
	// own marks roles whose cell starts on this row (not spanning from
	// above).
	own map[string]bool
}

// rows reads the body rows of a table. A row whose text cell is empty but
// which has cells of its own continues the row above (a row split over a
// page); rows repeating the header are dropped.
func (b *builder) rows(t *layout.Table, h tableHeader, textRole string) []*row {
	var out []*row
	for r := h.rows; r < t.Rows; r++ {
		if h.isRepeat(t, r) {
			continue
		}
		rw := &row{r: r, fields: map[string]*field{}, own: map[string]bool{}}
		seen := map[*layout.Cell]bool{}
		for c := 0; c < t.Cols; c++ {
			role := h.roles[c]
			cell := t.At(r, c)
			if role == "" || cell == nil || seen[cell] {
				continue
			}
			seen[cell] = true
			f := rw.fields[role]
			if f == nil {
				f = &field{}
				rw.fields[role] = f
			}
			f.cells = append(f.cells, cell)
			f.lines = append(f.lines, cellLines(cell)...)
			if cell.Row == r {
				rw.own[role] = true
				if rw.page == 0 {
					rw.page = cell.Page
				}
			}
		}
		hasOwn := false
		for role, f := range rw.fields {
			if rw.own[role] && !f.empty() {
				hasOwn = true
			}
		}
		if !hasOwn {
			continue
		}
		if textRole != "" && rw.fields[textRole].empty() && len(out) > 0 {
			prev := out[len(out)-1]
			for role, f := range rw.fields {
				if !rw.own[role] || f.empty() {
					continue
				}
				if prev.fields[role] == nil {
					prev.fields[role] = &field{}
				}
				prev.fields[role].lines = append(prev.fields[role].lines, f.lines...)
				prev.fields[role].cells = append(prev.fields[role].cells, f.cells...)
			}
			continue
		}
		out = append(out, rw)
	}
	return out
}

func (b *builder) table(blk *layout.Block) {
	ctx := b.top()
	t := blk.Table
	if ctx.skip || t == nil || t.Rows == 0 {
		return
	}
	if b.keyValueTable(t) {
		return
	}
	h := b.inferRoles(t, b.cols.readHeader(t))
	switch {
	case b.mappingTable(t, h):
		b.deliversTable(t, h)
	case isMeasureTable(h):
		b.measureTable(t, h)
	case h.has(RoleIndicator):
		b.indicatorTable(t, h)
	case h.has(RoleText):
		b.actionTable(t, h)
	case h.has(RolePriority) && h.count() >= 2:
		b.actionTable(t, h)
	case h.count() > 0 && onlyRoles(h, RoleRationale, RoleOutcomes, RoleMeasures) && ctx.priority != "":
		i := b.find(KindPriority, ctx.priority)
		for _, rw := range b.rows(t, h, "") {
			b.fill(&b.items[i], &b.aux[i], rw, true)
		}
	}
}

func onlyRoles(h tableHeader, roles ...string) bool {
	for _, r := range h.roles {
		if r == "" {
			continue
		}
		ok := false
		for _, want := range roles {
			if r == want {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// actionTable reads a table of actions: one action a row, or, where the
// row is a priority, one action per bullet of its action cell.
func (b *builder) actionTable(t *layout.Table, h tableHeader) {
	textRole := RoleText
	if !h.has(RoleText) {
		textRole = RolePriority
	}
	for _, rw := range b.rows(t, h, textRole) {
		b.labelledLines(rw)
		b.splitStatus(rw)
		parent := b.top().priority
		pf := rw.fields[RolePriority]
		if !pf.empty() {
			code, rest := splitCode(cleanText(strings.ReplaceAll(pf.text(), "\n", " ")))
			if code != "" && !strings.Contains(code, ".") {
				if rw.own[RolePriority] {
					i := b.addPriority(code, rest, rw.page)
					b.fill(&b.items[i], &b.aux[i], rw, true)
				}
				parent = code
			} else if k := b.priorityByLabel(rest); k != "" {
				parent = k
			}
		}
		tf := rw.fields[RoleText]
		if tf.empty() {
			continue
		}
		// A priority row lists its actions as bullets.
		if !pf.empty() && parent != "" {
			acts := entries(tf.lines, byParagraph)
			if countBullets(tf.lines) < 2 {
				acts = []string{cleanText(strings.ReplaceAll(tf.text(), "\n", " "))}
			}
			for _, a := range acts {
				it := Item{Kind: KindAction, ParentKey: parent, Page: rw.page}
				code, rest := splitCode(a)
				it.Text = rest
				if code != "" {
					it.Key = code
				} else {
					it.Key = b.positional(parent)
				}
				aux := itemAux{}
				b.fill(&it, &aux, rw, false)
				b.add(it, aux)
			}
			continue
		}
		it := Item{Kind: KindAction, Page: rw.page}
		aux := itemAux{}
		code, rest := splitCode(cleanText(strings.ReplaceAll(tf.text(), "\n", " ")))
		it.Text = rest
		finding := ""
		if kf := rw.fields[RoleKey]; !kf.empty() {
			// A row keyed by a finding's own code ("PA1 | Data and
			// information | Priority 5") speaks of that finding, as a
			// summary or mapping table does: it is no action.
			if fc, kind, ok := b.refs.Label(strings.TrimSpace(kf.text())); ok && kind == KindFinding {
				b.recordDelivers(fc, rw)
				continue
			}
			if c, f, ok := b.itemCode(kf.text()); code == "" && ok {
				code, finding = c, f
			} else if isPlaceholder(kf.text()) {
				// "–", "n/a": the row has no code.
			} else if rf := rw.fields[RoleRefs]; rf == nil {
				rw.fields[RoleRefs] = kf
			} else {
				rf.lines = append(append([]layout.Line{}, rf.lines...), kf.lines...)
			}
		}
		// A reference column holding nothing but an item code is the
		// item's own number ("Ref | 1.1").
		if rf := rw.fields[RoleRefs]; code == "" && !rf.empty() {
			if c, f, ok := b.itemCode(rf.text()); ok {
				code, finding = c, f
				delete(rw.fields, RoleRefs)
			}
		}
		if rf := rw.fields[RoleItemRef]; !rf.empty() && !isPlaceholder(rf.text()) {
			// A row that repeats the code of one of this document's
			// actions (an appendix of milestones) is keyed by the code
			// under that action's parent. A row that reports on
			// another plan's action ("WSoA ref | 1.3") is, inside a
			// priority's section, that priority's n-th action referring
			// to the code, and keyed by the code outside every priority.
			// A-keys of one code get a, b suffixes in finish.
			raw := cleanText(strings.ReplaceAll(rf.text(), "\n", " "))
			refs := b.itemRefs(rf.text())
			// A cell quoting an action with its statement ("3.9 Ensure
			// that ...") repeats that action, whether or not the
			// document lists it elsewhere.
			quoted := false
			if refs == nil {
				if rc, _ := splitCode(raw); rc != "" {
					refs, quoted = []string{rc}, true
				}
			}
			it.RefsRaw = raw
			if len(refs) > 0 {
				it.Refs = refs
				own := b.find(KindAction, refs[0])
				if own >= 0 || quoted || parent == "" {
					aux.appendixBase = refs[0]
					it.Key = "A-" + refs[0]
					parent = ""
					if own >= 0 {
						parent = b.items[own].ParentKey
					} else if quoted {
						parent = b.parentOf(refs[0])
					}
				}
			}
		}
		if of := rw.fields[RoleObjective]; !of.empty() {
			obj := cleanText(strings.ReplaceAll(of.text(), "\n", " "))
			if oc, _ := splitCode(obj); oc != "" && strings.Contains(oc, ".") && it.RefsRaw == "" {
				it.RefsRaw, it.Refs = obj, []string{oc}
			} else {
				it.Objective = obj
			}
		}
		switch {
		case it.Key != "":
		case code != "" && finding != "":
			// "PA1.3" answers finding PA1: its parent, and a reference.
			it.Key = code
			parent = finding
			it.Refs = append([]string{finding}, it.Refs...)
		case code != "":
			it.Key = code
			parent = b.parentOf(code)
		default:
			it.Key = b.positional(parent)
		}
		it.ParentKey = parent
		b.fill(&it, &aux, rw, true)
		b.add(it, aux)
	}
}

func countBullets(lines []layout.Line) int {
	n := 0
	for _, l := range lines {
		if (l.Bullet || reBulletCh.MatchString(l.Text)) && l.Depth == 0 {
			n++
		}
	}
	return n
}

// priorityByLabel finds the priority whose text contains the label, or
// whose text the label contains ("SEND Partnership" for "Next Step - SEND
// Partnership").
func (b *builder) priorityByLabel(label string) string {
	f := fold(label)
	if f == "" {
		return ""
	}
	for _, it := range b.items {
		if it.Kind != KindPriority {
			continue
		}
		pf := fold(it.Text)
		if pf == f || strings.HasSuffix(pf, " "+f) || strings.Contains(pf, f) && len(f) > 10 {
			return it.Key
		}
	}
	return ""
}

// indicatorTable reads a table whose rows are priorities (or labels naming
// them) and whose other columns are indicators.
func (b *builder) indicatorTable(t *layout.Table, h tableHeader) {
	for i, rw := range b.rows(t, h, "") {
		parent := ""
		if pf := rw.fields[RolePriority]; !pf.empty() {
			code, rest := splitCode(cleanText(pf.text()))
			if code != "" {
				parent = code
			} else {
				parent = b.priorityByLabel(rest)
			}
		}
		if parent == "" {
			parent = b.top().priority
		}
		f := rw.fields[RoleIndicator]
		if f == nil {
			continue
		}
		n := 0
		for _, c := range f.cells {
			text := cellText(c)
			if text == "" {
				continue
			}
			n++
			key := ""
			if parent != "" {
				key = "I-" + parent + "." + itoa(n)
			} else {
				key = "I-" + itoa(i+1) + "." + itoa(n)
			}
			b.add(Item{Kind: KindIndicator, Key: key, ParentKey: parent, Text: text, Page: c.Page}, itemAux{})
		}
	}
}

// keyValueTable reads a table whose first column labels its rows and whose
// first label is a finding code ("Area for Improvement 1 | statement",
// "Progress to date | ...").
func (b *builder) keyValueTable(t *layout.Table) bool {
	if t.Cols < 2 {
		return false
	}
	first := t.At(0, 0)
	if first == nil {
		return false
	}
	code, kind, ok := b.refs.Label(oneLine(first.Text))
	if !ok {
		return false
	}
	it := Item{Kind: kind, Key: code, Page: first.Page}
	if c := t.At(0, 1); c != nil {
		it.Text = cellText(c)
	}
	aux := itemAux{}
	rw := &row{fields: map[string]*field{}, own: map[string]bool{}}
	for r, c := 0, 2; r < t.Rows; r, c = r+1, 0 {
		lc, vc := t.At(r, c), t.At(r, c+1)
		if r == 0 {
			// "Area for improvement 1 | statement | Overall RAG | Green"
			// goes on with label/value pairs on the first row.
			lc, vc = t.At(0, 2), t.At(0, 3)
		}
		if lc == nil || vc == nil || lc == vc {
			continue
		}
		role := b.cols.Role(oneLine(lc.Text))
		if role == "" {
			continue
		}
		f := rw.fields[role]
		if f == nil {
			f = &field{}
			rw.fields[role] = f
		}
		f.cells = append(f.cells, vc)
		f.lines = append(f.lines, cellLines(vc)...)
		rw.own[role] = true
	}
	if i := b.find(kind, code); i >= 0 {
		// The finding was stated before: this table adds to it.
		b.fill(&b.items[i], &b.aux[i], rw, true)
		return true
	}
	b.fill(&it, &aux, rw, true)
	b.add(it, aux)
	return true
}

func itoa(n int) string {
	const digits = "0123456789"
	if n < 10 && n >= 0 {
		return digits[n : n+1]
	}
	return itoa(n/10) + digits[n%10:n%10+1]
}

// isPlaceholder reports whether a cell holds only a dash or "n/a": written
// to say there is nothing.
func isPlaceholder(s string) bool {
	f := strings.TrimSpace(s)
	return f == "" || strings.Trim(f, "-–—.") == "" || strings.EqualFold(f, "n/a") || strings.EqualFold(f, "none")
}
