package reconcile

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/sendrecon/sendrecon/normalize"
)

// The fields a modified change names, in the order Diff lists them.
const (
	FieldKey       = "key"
	FieldParent    = "parent_key"
	FieldObjective = "objective"
	FieldText      = "text"
	FieldLeads     = "leads"
	FieldLeadOrgs  = "lead_orgs"
	FieldStart     = "start_date"
	FieldDue       = "due_date"
	FieldTimescale = "timescale"
	FieldStatus    = "status"
	FieldRefs      = "refs"
	FieldMeasures  = "measures"
	FieldOutcomes  = "outcomes"
	FieldRationale = "rationale"
	FieldMilestone = "milestones"
	FieldProgress  = "progress"
)

// How alike two statements must be (Dice over their words) to be taken for
// one item edited: a little alike when they also share a key, clearly alike
// when the key moved too.
const (
	sameKeyLikeness  = 0.5
	movedKeyLikeness = 0.7
)

// Diff aligns the items of two versions of one document and lists what
// changed: items added, items removed, and one Change per changed field of
// an item in both. Items pair up within a kind in four passes, each over
// what the earlier ones left: same key and same text; same text (the key
// moved, as positional keys do when a row above is added or removed); same
// key and alike text (wording edited); alike text alone. Pages and flags are
// not compared: they follow from the layout and the clock, not the plan.
// The result is sorted by kind, key (numbers in keys compared as numbers),
// change and field, so equal input gives equal output.
func Diff(oldDocID, newDocID string, old, new []normalize.Item) []Change {
	pairs, removed, added := align(old, new)
	var out []Change
	for _, p := range pairs {
		for _, f := range fieldChanges(p[0], p[1]) {
			f.OldDocID, f.NewDocID = oldDocID, newDocID
			f.OldItemID, f.NewItemID = p[0].ID, p[1].ID
			f.Key, f.Kind, f.Change = p[1].Key, string(p[1].Kind), ChangeModified
			out = append(out, f)
		}
	}
	for _, it := range removed {
		out = append(out, Change{OldDocID: oldDocID, NewDocID: newDocID, OldItemID: it.ID,
			Key: it.Key, Kind: string(it.Kind), Change: ChangeRemoved, Before: it.Text})
	}
	for _, it := range added {
		out = append(out, Change{OldDocID: oldDocID, NewDocID: newDocID, NewItemID: it.ID,
			Key: it.Key, Kind: string(it.Kind), Change: ChangeAdded, After: it.Text})
	}
	slices.SortStableFunc(out, compareChanges)
	return out
}

// align pairs old items with new ones, and returns the pairs in new order
// and what is left on each side in document order.
func align(old, new []normalize.Item) (pairs [][2]*normalize.Item, removed, added []*normalize.Item) {
	oldTaken := make([]bool, len(old))
	partner := make([]int, len(new))
	for i := range partner {
		partner[i] = -1
	}
	words := func(items []normalize.Item) []map[string]int {
		out := make([]map[string]int, len(items))
		for i := range items {
			out[i] = wordBag(items[i].Text)
		}
		return out
	}
	ow, nw := words(old), words(new)
	plain := func(items []normalize.Item) []string {
		out := make([]string, len(items))
		for i := range items {
			out[i] = plainText(items[i].Text)
		}
		return out
	}
	op, np := plain(old), plain(new)
	// Two passes need the likeness of the same pairs: work it out once.
	memo := make([]float64, len(old)*len(new))
	for i := range memo {
		memo[i] = -1
	}
	like := func(oi, ni int) float64 {
		m := &memo[oi*len(new)+ni]
		if *m < 0 {
			*m = dice(ow[oi], nw[ni])
		}
		return *m
	}
	pass := func(match func(o, n *normalize.Item, oi, ni int) (float64, bool)) {
		type cand struct {
			oi, ni int
			score  float64
		}
		var cs []cand
		for ni := range new {
			if partner[ni] >= 0 {
				continue
			}
			for oi := range old {
				if oldTaken[oi] || old[oi].Kind != new[ni].Kind {
					continue
				}
				if s, ok := match(&old[oi], &new[ni], oi, ni); ok {
					cs = append(cs, cand{oi, ni, s})
				}
			}
		}
		// Best pairs first; ties in document order, so a block of equal
		// statements pairs off top to bottom.
		slices.SortStableFunc(cs, func(a, b cand) int {
			return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.ni, b.ni), cmp.Compare(a.oi, b.oi))
		})
		for _, c := range cs {
			if partner[c.ni] < 0 && !oldTaken[c.oi] {
				partner[c.ni], oldTaken[c.oi] = c.oi, true
			}
		}
	}
	pass(func(o, n *normalize.Item, oi, ni int) (float64, bool) {
		return 1, o.Key == n.Key && op[oi] == np[ni]
	})
	pass(func(_, _ *normalize.Item, oi, ni int) (float64, bool) { return 1, op[oi] == np[ni] })
	pass(func(o, n *normalize.Item, oi, ni int) (float64, bool) {
		if o.Key != n.Key {
			return 0, false
		}
		s := like(oi, ni)
		return s, s >= sameKeyLikeness
	})
	pass(func(_, _ *normalize.Item, oi, ni int) (float64, bool) {
		s := like(oi, ni)
		return s, s >= movedKeyLikeness
	})
	for ni := range new {
		if oi := partner[ni]; oi >= 0 {
			pairs = append(pairs, [2]*normalize.Item{&old[oi], &new[ni]})
		} else {
			added = append(added, &new[ni])
		}
	}
	for oi := range old {
		if !oldTaken[oi] {
			removed = append(removed, &old[oi])
		}
	}
	return pairs, removed, added
}

// fieldChanges compares two versions of one item, field by field.
func fieldChanges(o, n *normalize.Item) []Change {
	var out []Change
	add := func(field, before, after string) {
		if before != after {
			out = append(out, Change{Field: field, Before: before, After: after})
		}
	}
	add(FieldKey, o.Key, n.Key)
	add(FieldParent, o.ParentKey, n.ParentKey)
	add(FieldObjective, o.Objective, n.Objective)
	if !sameText(o.Text, n.Text) {
		add(FieldText, o.Text, n.Text)
	}
	add(FieldLeads, list(o.Leads), list(n.Leads))
	add(FieldLeadOrgs, list(o.LeadOrgs), list(n.LeadOrgs))
	add(FieldStart, dateOrEmpty(o.Start), dateOrEmpty(n.Start))
	due, was := dateOrEmpty(n.Due), dateOrEmpty(o.Due)
	add(FieldDue, was, due)
	// The timescale is the due date as the document wrote it: it says
	// something of its own only when the date did not move ("Jul-24" became
	// "July 2024", or "TBC" became "Spring term").
	if due == was {
		add(FieldTimescale, o.Timescale, n.Timescale)
	}
	add(FieldStatus, o.Status, n.Status)
	add(FieldRefs, list(o.Refs), list(n.Refs))
	add(FieldMeasures, list(o.Measures), list(n.Measures))
	add(FieldOutcomes, list(o.Outcomes), list(n.Outcomes))
	add(FieldRationale, list(o.Rationale), list(n.Rationale))
	add(FieldMilestone, list(o.Milestones), list(n.Milestones))
	add(FieldProgress, list(o.Progress), list(n.Progress))
	return out
}

func list(vs []string) string { return strings.Join(vs, "; ") }

// DateText writes a date to the precision the document gave: "2024",
// "2024Q3", "2024-07" or "2024-07-31"; "" for no date.
func DateText(d normalize.Date) string { return dateOrEmpty(d) }

func dateOrEmpty(d normalize.Date) string {
	if d.IsZero() {
		return ""
	}
	return dateText(d)
}

// sameText compares statements as a reader would: case and spacing aside.
func sameText(a, b string) bool { return plainText(a) == plainText(b) }

func plainText(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// wordBag counts the folded words of a statement, every word kept: an
// edit to "the" is still an edit, but it barely moves the likeness.
func wordBag(s string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		m[w]++
	}
	return m
}

// dice is the Dice coefficient of two bags of words: 1 for the same words,
// 0 for none shared.
func dice(a, b map[string]int) float64 {
	var na, nb, both int
	for w, c := range a {
		na += c
		both += min(c, b[w])
	}
	for _, c := range b {
		nb += c
	}
	if na+nb == 0 {
		return 0
	}
	return 2 * float64(both) / float64(na+nb)
}

var kindOrder = []string{
	string(normalize.KindPriority), string(normalize.KindFinding), string(normalize.KindAction),
	string(normalize.KindOutcome), string(normalize.KindIndicator),
}

var fieldOrder = []string{
	FieldKey, FieldParent, FieldObjective, FieldText, FieldLeads, FieldLeadOrgs, FieldStart,
	FieldDue, FieldTimescale, FieldStatus, FieldRefs, FieldMeasures, FieldOutcomes,
	FieldRationale, FieldMilestone, FieldProgress,
}

var changeOrder = []string{ChangeModified, ChangeRemoved, ChangeAdded}

func compareChanges(a, b Change) int {
	return cmp.Or(
		cmp.Compare(slices.Index(kindOrder, a.Kind), slices.Index(kindOrder, b.Kind)),
		CompareKeys(a.Key, b.Key),
		cmp.Compare(slices.Index(changeOrder, a.Change), slices.Index(changeOrder, b.Change)),
		cmp.Compare(slices.Index(fieldOrder, a.Field), slices.Index(fieldOrder, b.Field)),
		cmp.Compare(a.OldItemID, b.OldItemID),
		cmp.Compare(a.NewItemID, b.NewItemID),
	)
}

// CompareKeys orders item keys as a reader numbers them: "P2.10" after
// "P2.9", "AFI2" before "AFI10".
func CompareKeys(a, b string) int {
	for a != "" && b != "" {
		da, db := unicode.IsDigit(rune(a[0])), unicode.IsDigit(rune(b[0]))
		if da && db {
			na, ra := leadingNumber(a)
			nb, rb := leadingNumber(b)
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
			a, b = ra, rb
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func leadingNumber(s string) (uint64, string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n, err := strconv.ParseUint(s[:i], 10, 64)
	if err != nil { // too many digits to be a number anyone wrote
		n = 1<<64 - 1
	}
	return n, s[i:]
}
