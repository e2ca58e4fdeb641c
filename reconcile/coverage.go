package reconcile

import (
	"cmp"
	"slices"
	"strings"

	"github.com/sendrecon/sendrecon/normalize"
)

// coverage says, for every inspection finding, how many actions address it:
// covered when one of them is confirmed (the documents' own reference, or a
// reviewer's acceptance), partly covered when only text similarity suggests
// one, a gap when none does. Rejected links count for nothing.
func coverage(in Input, links []Link, rep map[string]string, opts Options) []Coverage {
	area := map[string]string{}
	for _, d := range in.Documents {
		area[d.ID] = d.LocalArea
	}
	by := map[string][]Link{}
	for _, l := range links {
		if l.Relation == RelAddresses && l.Review != ReviewRejected {
			by[l.Dst] = append(by[l.Dst], l)
		}
	}
	var out []Coverage
	for _, it := range in.Items {
		// A finding is counted once per edition, on its representative.
		if it.Kind != normalize.KindFinding || rep[it.DocID] != "" && rep[it.DocID] != it.DocID {
			continue
		}
		c := Coverage{FindingID: it.ID, DocID: it.DocID, LocalArea: area[it.DocID], Key: it.Key, Text: it.Text, Status: Gap}
		confirmed := false
		for _, l := range by[it.ID] {
			c.Actions++
			c.ActionIDs = append(c.ActionIDs, l.Src)
			if l.Review == ReviewAccepted {
				c.Accepted++
			}
			if l.Review == ReviewAccepted || strings.Contains(l.Method, "ref") {
				confirmed = true
			}
		}
		slices.Sort(c.ActionIDs)
		switch {
		case confirmed:
			c.Status = Covered
		case c.Actions > 0:
			c.Status = PartlyCovered
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Coverage) int {
		return cmp.Or(cmp.Compare(a.LocalArea, b.LocalArea), cmp.Compare(a.DocID, b.DocID), cmp.Compare(a.Key, b.Key))
	})
	return out
}
