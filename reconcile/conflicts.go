package reconcile

import (
	"slices"
	"strings"

	"github.com/sendrecon/sendrecon/normalize"
)

// conflicts lists the fields on which two linked items disagree in
// meaning, not spelling. Two statements of one commitment (same_as) must
// agree on leads (as people resolution has them), due date (at the coarser
// precision) and status (by its category); an action that delivers a priority or answers a finding must not
// be due after it.
func conflicts(links []Link, items map[string]*normalize.Item, maxEdits int) []Conflict {
	var out []Conflict
	for _, l := range links {
		if l.Review == ReviewRejected {
			continue
		}
		a, b := items[l.Src], items[l.Dst]
		if a == nil || b == nil {
			continue
		}
		add := func(field, av, bv string) {
			out = append(out, Conflict{LinkID: l.ID, SrcItemID: a.ID, DstItemID: b.ID, Field: field, SrcValue: av, DstValue: bv})
		}
		if l.Relation == RelSameAs {
			if len(a.Leads) > 0 && len(b.Leads) > 0 && !sharePerson(a.Leads, b.Leads, maxEdits) {
				add("leads", strings.Join(a.Leads, "; "), strings.Join(b.Leads, "; "))
			}
			// "G" and "Green", "B" and "Complete" are one status.
			if a.Status != "" && b.Status != "" && statusOf(a) != statusOf(b) {
				add("status", a.Status, b.Status)
			}
			if !a.Due.IsZero() && !b.Due.IsZero() && !sameDay(a.Due, b.Due) {
				add("due_date", dateText(a.Due), dateText(b.Due))
			}
			continue
		}
		if !a.Due.IsZero() && !b.Due.IsZero() && a.Due.Time.After(b.Due.Time) {
			add("due_date", dateText(a.Due), dateText(b.Due))
		}
	}
	return out
}

// sameDay compares two dates at the coarser of their precisions: "2023"
// and "2023-12" do not disagree.
func sameDay(a, b normalize.Date) bool {
	p := coarser(a.Precision, b.Precision)
	return dateAt(a, p) == dateAt(b, p)
}

var precisionRank = []normalize.Precision{normalize.PrecisionYear, normalize.PrecisionQuarter, normalize.PrecisionMonth, normalize.PrecisionDay}

func coarser(a, b normalize.Precision) normalize.Precision {
	ia, ib := slices.Index(precisionRank, a), slices.Index(precisionRank, b)
	if ia < 0 || ib < 0 {
		return normalize.PrecisionDay
	}
	return precisionRank[min(ia, ib)]
}

func dateAt(d normalize.Date, p normalize.Precision) string {
	t := d.Time
	switch p {
	case normalize.PrecisionYear:
		return t.Format("2006")
	case normalize.PrecisionQuarter:
		return t.Format("2006") + "Q" + string(rune('1'+(int(t.Month())-1)/3))
	case normalize.PrecisionMonth:
		return t.Format("2006-01")
	default:
		return t.Format("2006-01-02")
	}
}

func dateText(d normalize.Date) string { return dateAt(d, d.Precision) }

// sharePerson reports whether two lists of leads name one person in
// common, spelling variants ("A. Doe", "Alex Doe") resolved.
func sharePerson(a, b []string, maxEdits int) bool {
	if len(n1(a, b)) > 0 {
		return true
	}
	for _, x := range a {
		for _, y := range b {
			if normalize.SamePerson(x, y, maxEdits) {
				return true
			}
		}
	}
	return false
}

// statusOf is what an item's status means: its category when normalize
// gave one, otherwise the classifier seam's reading of its spelling.
func statusOf(it *normalize.Item) string {
	if it.StatusCategory != "" {
		return it.StatusCategory
	}
	return statusCategory(it.Status)
}
