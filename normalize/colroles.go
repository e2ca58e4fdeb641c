package normalize

import (
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// Column roles from what a column holds. Councils head the same column a
// hundred ways ("RAG", "Progress (RAG)", "Rating", "How are we doing?"); what
// the cells hold says more than the heading: a column of ratings is a
// status column, of dates a due column, of people a lead column, whatever
// it is called.

// minShare is the share of a column's filled cells that must hold one kind
// of value for the column to take that role.
const minShare = 0.8

// inferRoles gives columns their role from their cells where the heading
// gave none, or gave one the cells contradict (a "Progress (RAG)" column
// holding ratings). It never takes a role from the text column.
func (b *builder) inferRoles(t *layout.Table, h tableHeader) tableHeader {
	if t.Rows-h.rows < 2 {
		return h // one body row says too little about a column
	}
	if got, ok := b.headers[t]; ok {
		return got
	}
	h = b.inferFromCells(t, h)
	if b.headers == nil {
		b.headers = map[*layout.Table]tableHeader{}
	}
	b.headers[t] = h
	return h
}

func (b *builder) inferFromCells(t *layout.Table, h tableHeader) tableHeader {
	roles := append([]string(nil), h.roles...)
	// Columns of dates, given their roles after the loop: dates run left
	// to right, a start before the due date.
	var dates []int
	has := func(role string) bool {
		for _, r := range roles {
			if r == role {
				return true
			}
		}
		return false
	}
	for c := 0; c < t.Cols; c++ {
		cur := roles[c]
		if cur == RoleText || cur == RoleKey || cur == RoleItemRef || cur == RolePriority || cur == RoleObjective || cur == RoleIndicator {
			continue
		}
		firsts := columnFirstLines(t, h, c)
		if len(firsts) < 2 {
			continue
		}
		switch {
		case cur == "" && !has(RoleKey) && b.share(firsts, b.isCode) >= minShare:
			roles[c] = RoleKey
		case cur != RoleStatus && (cur == "" || cur == RoleProgress) && b.share(firsts, b.statusWord) >= 0.5 && b.share(firsts, b.startsStatus) >= minShare:
			roles[c] = RoleStatus
		case (cur == "" || cur == RoleTarget || cur == RoleMilestones) && b.dateColumn(firsts):
			dates = append(dates, c)
		case cur == "" && !has(RoleLead) && b.share(firsts, b.looksLikeLead) >= minShare:
			roles[c] = RoleLead
		}
	}
	if len(dates) > 0 {
		due := !has(RoleDue) && !has(RoleTimescale)
		start := !has(RoleStart)
		last := dates[len(dates)-1]
		if due {
			roles[last] = RoleDue
		}
		if start && (len(dates) > 1 || !due) {
			roles[dates[0]] = RoleStart
		}
	}
	h.roles = roles
	return h
}

// columnFirstLines returns the first non-empty line of each body cell that
// starts in column c (a cell spanning rows counted once).
func columnFirstLines(t *layout.Table, h tableHeader, c int) []string {
	var out []string
	seen := map[*layout.Cell]bool{}
	for r := h.rows; r < t.Rows; r++ {
		cell := t.At(r, c)
		if cell == nil || seen[cell] || cell.Col != c || h.isRepeat(t, r) {
			continue
		}
		seen[cell] = true
		for _, l := range cellLines(cell) {
			if s := strings.TrimSpace(l.Text); s != "" {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

func (b *builder) share(ss []string, pred func(string) bool) float64 {
	if len(ss) == 0 {
		return 0
	}
	n := 0
	for _, s := range ss {
		if pred(s) {
			n++
		}
	}
	return float64(n) / float64(len(ss))
}

// dateColumn reports whether cells are dates: short, nearly all readable
// as a date or a "no date yet" word, and at least half of them real dates.
func (b *builder) dateColumn(ss []string) bool {
	words := b.opts.DateWords
	words.Null = b.opts.NullDates
	readable, dated := 0, 0
	for _, s := range ss {
		if len(strings.Fields(s)) > 6 {
			continue
		}
		ts, ok := words.Parse(s)
		if !ok {
			continue
		}
		readable++
		if !ts.Due.IsZero() || !ts.Start.IsZero() {
			dated++
		}
	}
	return float64(readable) >= minShare*float64(len(ss)) && dated*2 >= len(ss)
}

// looksLikeLead reports whether a cell's first line names people, posts or
// organisations and nothing else: short, no sentence, and read by the lead
// parser as at least one lead or organisation.
func (b *builder) looksLikeLead(s string) bool {
	if len(strings.Fields(s)) > 12 || endsSentence(s) && strings.Count(s, ".") > 1 {
		return false
	}
	if _, ok := ParseTimescale(s, b.opts.NullDates); ok && !b.leads.anyName(s) {
		return false
	}
	l, o := b.leads.Parse(s)
	return len(l)+len(o) > 0 && b.leads.anyName(s)
}

// anyName reports whether s names at least one person, post or
// organisation the lead parser knows as such.
func (p *leadParser) anyName(s string) bool {
	for _, part := range splitTop(s, " / ", "/", "&", ";", ", ", " and ", "\n") {
		head, _ := cutBracket(strings.TrimSpace(part))
		if head == "" {
			continue
		}
		if isPersonName(head, p) || p.isTitle(head) || p.isOrg(head) {
			return true
		}
	}
	return false
}

// isCode reports whether s is nothing but an item's or a finding's code
// ("1.2", "PA1.3", "AFI2").
func (b *builder) isCode(s string) bool {
	if _, _, ok := b.itemCode(s); ok {
		return true
	}
	_, kind, ok := b.refs.Label(s)
	return ok && kind == KindFinding
}
