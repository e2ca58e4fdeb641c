package normalize

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// The item flags: data-quality findings a reviewer would want to see.
const (
	FlagNoLead          = "no_lead"           // an action or finding with no lead, in a document that names leads
	FlagDueUnparsed     = "due_unparsed"      // a timescale or due date that could not be read
	FlagDueTBC          = "due_tbc"           // the due date is TBC, ongoing or similar
	FlagNoDue           = "no_due"            // an action with no date at all
	FlagStartAfterDue   = "start_after_due"   // the start date is after the due date
	FlagDuplicateKey    = "duplicate_key"     // another item of the kind has the same key
	FlagDueBeforePeriod = "due_before_period" // due before the years the document covers
	FlagDueAfterPeriod  = "due_after_period"  // due after the years the document covers
	FlagStartBefore     = "start_before_period"
	FlagRefUnknown      = "ref_unknown" // refers to an item code the document does not have
	FlagEmptyText       = "empty_text"
)

// fill sets an item's fields from a table row. listFields says whether the
// row's list fields (measures, outcomes, ...) belong to this item.
func (b *builder) fill(it *Item, aux *itemAux, rw *row, listFields bool) {
	if f := rw.fields[RoleLead]; !f.empty() {
		l, o := b.leads.Parse(f.text())
		it.Leads = dedupe(append(it.Leads, l...), fold)
		it.LeadOrgs = b.leads.dedupeOrgs(append(it.LeadOrgs, o...))
	}
	if f := rw.fields[RoleLeadOrg]; !f.empty() {
		it.LeadOrgs = b.leads.dedupeOrgs(append(it.LeadOrgs, b.leads.ParseOrgs(f.text())...))
	}
	if f := rw.fields[RoleTimescale]; !f.empty() {
		it.Timescale = oneLine(f.text())
		b.readDates(it, aux, it.Timescale, true)
	}
	if f := rw.fields[RoleStart]; !f.empty() {
		if d, ok := ParseDate(oneLine(f.text()), false); ok {
			it.Start = d
			aux.ownDates = true
		}
	}
	if f := rw.fields[RoleDue]; !f.empty() {
		raw := oneLine(f.text())
		if it.Timescale == "" {
			it.Timescale = raw
		}
		b.readDates(it, aux, raw, false)
	}
	if f := rw.fields[RoleStatus]; !f.empty() {
		it.Status = oneLine(f.text())
	}
	if f := rw.fields[RoleRefs]; !f.empty() {
		it.RefsRaw = oneLine(f.text())
		it.Refs = nil
	}
	if f := rw.fields[RoleDelivers]; !f.empty() {
		it.Delivers = deliversEntries(f)
	}
	if !listFields {
		return
	}
	list := func(role string, mode entryMode) []string {
		f := rw.fields[role]
		if f.empty() {
			return nil
		}
		lines := f.lines
		if role == RoleProgress {
			lines = dropSubheadings(lines)
		}
		return entries(lines, mode)
	}
	it.Measures = append(it.Measures, list(RoleMeasures, bySentence)...)
	it.Outcomes = append(it.Outcomes, list(RoleOutcomes, bySentence)...)
	it.Rationale = append(it.Rationale, list(RoleRationale, bySentence)...)
	it.Milestones = append(it.Milestones, list(RoleMilestones, byParagraph)...)
	it.Progress = append(it.Progress, list(RoleProgress, byParagraph)...)
}

// readDates reads a timescale or due text into the item's dates. A range
// gives the start too, unless a start column already did.
func (b *builder) readDates(it *Item, aux *itemAux, raw string, isTimescale bool) {
	aux.rawDue = raw
	words := b.opts.DateWords
	words.Null = b.opts.NullDates
	ts, ok := words.Parse(raw)
	switch {
	case !ok:
		aux.unparsed = true
	case ts.Null:
		aux.nullDue = true
		aux.ownDates = true
	default:
		if !ts.Due.IsZero() {
			it.Due = ts.Due
			aux.ownDates = true
		}
		if !ts.Start.IsZero() && (isTimescale || it.Start.IsZero()) {
			it.Start = ts.Start
		}
	}
}

// dropSubheadings removes lines that head a group of paragraphs inside a
// cell: they are not entries themselves.
func dropSubheadings(lines []layout.Line) []layout.Line {
	var out []layout.Line
	for i, l := range lines {
		if !l.Bullet && i > 0 && i+1 < len(lines) && isSubheading(l.Text) && endsSentence(lines[i-1].Text) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// finish runs the passes that need every item: appendix suffixes, heading
// periods, references, flags and ids.
func (b *builder) finish() {
	b.attachDelivers()
	// Appendix rows referring to the same code: A-3.2a, A-3.2b.
	count := map[string]int{}
	for _, a := range b.aux {
		if a.appendixBase != "" {
			count[a.appendixBase]++
		}
	}
	seen := map[string]int{}
	for i, a := range b.aux {
		if a.appendixBase != "" && count[a.appendixBase] > 1 {
			b.items[i].Key = fmt.Sprintf("A-%s%c", a.appendixBase, 'a'+seen[a.appendixBase])
			seen[a.appendixBase]++
		}
	}
	known := map[string]bool{}
	hasLeads := false
	for _, it := range b.items {
		known[it.Key] = true
		if len(it.Leads)+len(it.LeadOrgs) > 0 {
			hasLeads = true
		}
	}
	occurrence := map[string]int{}
	total := map[string]int{}
	for _, it := range b.items {
		total[string(it.Kind)+"\x00"+it.Key]++
	}
	for i := range b.items {
		it, aux := &b.items[i], b.aux[i]
		if (it.Kind == KindAction || it.Kind == KindFinding) && !aux.ownDates && it.Timescale == "" && !aux.period[1].IsZero() {
			it.Start, it.Due = aux.period[0], aux.period[1]
		}
		if it.RefsRaw != "" && it.Refs == nil {
			it.Refs = b.refs.Parse(it.RefsRaw, known)
		}
		if it.Kind == KindAction {
			it.Refs = b.textRefs(it, known)
		}
		k := string(it.Kind) + "\x00" + it.Key
		it.Flags = b.flags(it, aux, known, hasLeads, total[k] > 1)
		it.ID = itemID(it.DocID, it.Kind, it.Key, occurrence[k])
		occurrence[k]++
	}
}

func (b *builder) flags(it *Item, aux itemAux, known map[string]bool, hasLeads, dup bool) []string {
	var f []string
	work := it.Kind == KindAction || it.Kind == KindFinding
	if strings.TrimSpace(it.Text) == "" {
		f = append(f, FlagEmptyText)
	}
	if work && hasLeads && len(it.Leads)+len(it.LeadOrgs) == 0 {
		f = append(f, FlagNoLead)
	}
	if aux.unparsed {
		f = append(f, FlagDueUnparsed)
	}
	if aux.nullDue {
		f = append(f, FlagDueTBC)
	}
	if it.Kind == KindAction && it.Due.IsZero() && !aux.unparsed && !aux.nullDue && it.Start.IsZero() {
		f = append(f, FlagNoDue)
	}
	if !it.Start.IsZero() && !it.Due.IsZero() && it.Start.Time.After(it.Due.Time) {
		f = append(f, FlagStartAfterDue)
	}
	if dup {
		f = append(f, FlagDuplicateKey)
	}
	ps, pe := b.d.PeriodStart, b.d.PeriodEnd
	if work && !ps.IsZero() && !pe.IsZero() && aux.ownDates {
		if !it.Due.IsZero() && it.Due.Time.Before(ps.Time) {
			f = append(f, FlagDueBeforePeriod)
		}
		if !it.Due.IsZero() && it.Due.Time.After(pe.Time) {
			f = append(f, FlagDueAfterPeriod)
		}
		if !it.Start.IsZero() && it.Start.Time.Before(ps.Time) {
			f = append(f, FlagStartBefore)
		}
	}
	for _, r := range it.Refs {
		if b.refs.itemCode.MatchString(r) && !known[r] {
			f = append(f, FlagRefUnknown)
			break
		}
		if _, _, ok := b.refs.Label(r); ok && !known[r] && b.hasKind(KindFinding) {
			f = append(f, FlagRefUnknown)
			break
		}
	}
	slices.Sort(f)
	return f
}

// reSeeCode is a cross-reference in an item's text: "(see PA1.1)", "see
// action 2.3".
var reSeeCode = regexp.MustCompile(`(?i)\bsee\s+(?:also\s+)?(?:action\s+)?([A-Za-z]{0,4}\s?\d{1,2}(?:\.\d{1,2})+[a-z]?)\b`)

// textRefs adds to an action's references the other items of the document
// its text points the reader to ("... on the dashboard (see PA1.1)").
func (b *builder) textRefs(it *Item, known map[string]bool) []string {
	refs := it.Refs
	for _, m := range reSeeCode.FindAllStringSubmatch(it.Text, -1) {
		code, _, ok := b.itemCode(m[1])
		if ok && known[code] && code != it.Key && !slices.Contains(refs, code) {
			refs = append(refs, code)
		}
	}
	return refs
}

// itemID is stable across runs for the same document content: it hashes
// the document id, kind, key and the occurrence of that key.
func itemID(docID string, kind Kind, key string, occurrence int) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%s\x00%d", docID, kind, key, occurrence)))
	return "i_" + hex.EncodeToString(sum[:8])
}
