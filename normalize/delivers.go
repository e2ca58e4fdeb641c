package normalize

import (
	"strings"
	"unicode"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// Cross-reference columns (RoleDelivers). A plan written to deliver a
// SEND strategy often says which of the strategy's priorities each of its
// areas or actions delivers, in a column headed by the other document's
// name ("SEND Strategy priority", "Link to strategy"). What the cells hold
// (a number, "Priority 3: title", a title) is kept as written, one entry
// per priority named; reconcile resolves the entries against the area's
// other documents, since one document cannot see the others.

// deliversEntries reads a delivers cell into its entries: one per bullet,
// and a run of text naming several labelled priorities ("Priority 2:
// ... Priority 4: ...", wrapped over lines as a PDF cell may be) split
// where the first entry's label word comes again before a number.
func deliversEntries(f *field) []string {
	if f.empty() {
		return nil
	}
	if countBullets(f.lines) >= 2 {
		return entries(f.lines, byParagraph)
	}
	return splitLabelled(cleanText(strings.ReplaceAll(f.text(), "\n", " ")))
}

// splitLabelled splits s before every repeat of its leading label ("Priority
// 2: ... Priority 4: ..."): a word followed by a number. Text that does not
// open with such a label stays one entry.
func splitLabelled(s string) []string {
	words := strings.Fields(s)
	if len(words) < 2 || !isWordToken(words[0]) || !startsNumber(words[1]) {
		if s == "" {
			return nil
		}
		return []string{s}
	}
	var out []string
	start := 0
	for i := 1; i+1 < len(words); i++ {
		if strings.EqualFold(words[i], words[0]) && startsNumber(words[i+1]) {
			out = append(out, strings.Join(words[start:i], " "))
			start = i
		}
	}
	return append(out, strings.Join(words[start:], " "))
}

func isWordToken(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
}

func startsNumber(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// recordDelivers keeps what a mapping table's row keyed by code (a finding
// such as PA1, a priority's number) says the code's section delivers; finish
// gives it to the item of that key, which the table may come before.
func (b *builder) recordDelivers(code string, rw *row) {
	e := deliversEntries(rw.fields[RoleDelivers])
	if code == "" || len(e) == 0 {
		return
	}
	if b.delivers == nil {
		b.delivers = map[string][]string{}
	}
	k := strings.ToUpper(code)
	b.delivers[k] = append(b.delivers[k], e...)
}

// deliversTable reads a table that maps this document's sections to what
// they deliver and holds no action column ("Plan area | SEND Strategy
// priority"): each row's code is its key column's, else its first column's
// (a finding label, a priority's number or label).
func (b *builder) deliversTable(t *layout.Table, h tableHeader) {
	keyCol := -1
	for c, r := range h.roles {
		if r == RoleKey || r == RolePriority {
			keyCol = c
			break
		}
	}
	if keyCol < 0 {
		for c, r := range h.roles {
			if r != RoleDelivers {
				keyCol = c
				break
			}
		}
	}
	if keyCol < 0 {
		return
	}
	for _, rw := range b.rows(t, h, "") {
		cell := t.At(rw.r, keyCol)
		if cell == nil {
			continue
		}
		b.recordDelivers(b.sectionCode(cell.Text), rw)
	}
}

// sectionCode reads the code a mapping row names its section by: a
// finding's label or code ("Area for priority action 1", "PA1"), or a
// leading number ("3", "3. Preparing for adulthood", "Priority 3").
func (b *builder) sectionCode(s string) string {
	s = cleanText(strings.ReplaceAll(s, "\n", " "))
	if c, _, _, ok := b.refs.LabelText(s); ok {
		return c
	}
	k, _ := b.headingCode(s)
	return k
}

// attachDelivers gives each finding and priority what a mapping table said
// its section delivers, unless its own cells said.
func (b *builder) attachDelivers() {
	for i := range b.items {
		it := &b.items[i]
		if (it.Kind == KindFinding || it.Kind == KindPriority) && it.Delivers == nil {
			it.Delivers = b.delivers[strings.ToUpper(it.Key)]
		}
	}
}

// mappingTable reports whether t maps sections to what they deliver rather
// than listing actions: it has a delivers column, and either no action
// column or rows each keyed, in their first cell, by a finding ("PA1 | Data
// and information | Priority 5": what the area covers, not an action).
func (b *builder) mappingTable(t *layout.Table, h tableHeader) bool {
	if !h.has(RoleDelivers) {
		return false
	}
	if !h.has(RoleText) {
		return !h.has(RoleIndicator)
	}
	n := 0
	for r := h.rows; r < t.Rows; r++ {
		c := t.At(r, 0)
		if c == nil || c.Row != r {
			continue
		}
		if _, kind, ok := b.refs.Label(cleanText(c.Text)); !ok || kind != KindFinding {
			return false
		}
		n++
	}
	return n > 0
}
