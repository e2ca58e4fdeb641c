package reconcile

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/sendrecon/sendrecon/normalize"
)

// A plan's cross-reference column (normalize.Item.Delivers) names what of
// another document an action, or the section it sits in, delivers: a
// strategy's priority by its number ("3", "Priority 3: EHC plans ...") or
// by its title. An entry with a number names the priority of that key; one
// without names the priority whose statement it opens (a column may cut a
// long title short).

// deliveries lists, per action, the priorities deliveredBy names: few
// actions carry a cross-reference column and documents few priorities.
func (x *codeIndex) deliveries(items []*normalize.Item) map[*normalize.Item][]*normalize.Item {
	var prios []*normalize.Item
	for _, it := range items {
		if it.Kind == normalize.KindPriority {
			prios = append(prios, it)
		}
	}
	out := map[*normalize.Item][]*normalize.Item{}
	for _, src := range items {
		if src.Kind != normalize.KindAction || len(src.Delivers) == 0 && (x.parent[src] == nil || len(x.parent[src].Delivers) == 0) {
			continue
		}
		for _, dst := range prios {
			if x.deliveredBy(src, dst) != "" {
				out[src] = append(out[src], dst)
			}
		}
	}
	return out
}

// mappedFindings reads a plan's mapping the other way: where its finding
// sections deliver a strategy's priority, the strategy's actions under that
// priority help answer those findings. It lists, per action with no finding
// codes of its own (its document's word comes first), the keys of the
// findings mapped to its priority.
func (x *codeIndex) mappedFindings(items []*normalize.Item) map[*normalize.Item][]string {
	by := map[*normalize.Item][]string{}
	for _, f := range items {
		if f.Kind != normalize.KindFinding || len(f.Delivers) == 0 {
			continue
		}
		for _, p := range items {
			if p.Kind != normalize.KindPriority || p.DocID == f.DocID {
				continue
			}
			for _, e := range f.Delivers {
				if x.namesPriority(e, p, f) && !slices.Contains(by[p], strings.ToUpper(f.Key)) {
					by[p] = append(by[p], strings.ToUpper(f.Key))
				}
			}
		}
	}
	out := map[*normalize.Item][]string{}
	if len(by) == 0 {
		return out
	}
	for _, it := range items {
		if p := x.parent[it]; it.Kind == normalize.KindAction && p != nil && len(by[p]) > 0 && len(x.findings[it]) == 0 {
			out[it] = by[p]
		}
	}
	return out
}

// mapped adds the evidence of a finding mapped to the action's priority
// (mappedFindings): in full where the priority answers one finding, shared
// where it answers several, so that the action's words choose among them.
func (x *codeIndex) mapped(c *candidate, opts Options) {
	keys := x.answers[c.src]
	if !slices.Contains(keys, strings.ToUpper(c.dst.Key)) {
		return
	}
	c.add(FeatureSameSection, 1/float64(len(keys)), opts.Weights.SameSection, "mapped",
		fmt.Sprintf("a plan maps %s to its priority %s", c.dst.Key, x.parent[c.src].Key))
}

// minTitleWords is the fewest words a title must have to name a priority by
// itself: two words ("Our priorities") name nothing in particular.
const minTitleWords = 3

// deliveredBy reports why src, by its own cross-reference column or its
// section's, delivers dst: "" when it does not say so.
func (x *codeIndex) deliveredBy(src, dst *normalize.Item) string {
	if dst.DocID == src.DocID || dst.Kind != normalize.KindPriority {
		return ""
	}
	whose := []*normalize.Item{src}
	if p := x.parent[src]; p != nil {
		whose = append(whose, p)
	}
	for _, it := range whose {
		for _, e := range it.Delivers {
			if x.namesPriority(e, dst, src) {
				if it == src {
					return "its strategy column names " + dst.Key
				}
				return "its section " + it.Key + " delivers " + dst.Key
			}
		}
	}
	return ""
}

// namesPriority reports whether the entry e names dst: by number, when dst's key
// is that number and no other document of the area (src's copies aside)
// has a priority so keyed; else by title.
func (x *codeIndex) namesPriority(e string, dst, src *normalize.Item) bool {
	nums, title := splitDelivered(e)
	if len(nums) > 0 {
		for _, n := range nums {
			if n == dst.Key && x.unique(dst, src) {
				return true
			}
		}
		return false
	}
	// The shorter of the two opens the longer: the column may cut the
	// title short, or the priority's heading be the short form.
	t := strings.Fields(fold(title))
	d := strings.Fields(fold(dst.Text))
	if len(d) < len(t) {
		t, d = d, t
	}
	if len(t) < minTitleWords {
		return false
	}
	for i := range t {
		if strings.Trim(t[i], ".,;:") != strings.Trim(d[i], ".,;:") {
			return false
		}
	}
	return true
}

// splitDelivered reads an entry as the numbers it names and the title
// after them: "Priority 3: EHC plans ..." gives 3 and "EHC plans ...";
// "2, 4" gives 2 and 4; "P5" gives 5; a title alone gives no number. The
// numbers are those before the title: a label word, then numbers joined by
// commas, "and", "&" or "/".
func splitDelivered(e string) (nums []string, title string) {
	toks := strings.FieldsFunc(e, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' || r == '/' || r == '&' })
	i := 0
	// One label word ("Priority", "P5") before the number.
	if i < len(toks) && !startsDigitR(toks[i]) {
		if n := strings.TrimRight(strings.TrimLeftFunc(toks[i], unicode.IsLetter), ":.-–"); isItemNumber(n) && len(n) < len(toks[i]) {
			nums = append(nums, strings.TrimLeft(n, "0"))
			i++
		} else if i+1 < len(toks) && startsDigitR(toks[i+1]) {
			i++
		}
	}
	for ; i < len(toks); i++ {
		t := strings.TrimRight(toks[i], ":.-–)")
		if isItemNumber(t) {
			nums = append(nums, strings.TrimLeft(t, "0"))
			if t != toks[i] {
				i++ // "3:" ends the label
				break
			}
			continue
		}
		if strings.EqualFold(t, "and") || t == "" || t == "-" || t == "–" {
			continue
		}
		break
	}
	return nums, strings.Join(toks[i:], " ")
}

func startsDigitR(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// isItemNumber reports whether s numbers a priority: one or two digits,
// not 0 (priorities count from 1; "100" and "2024" are amounts and years).
func isItemNumber(s string) bool {
	return isNumber(s) && len(s) <= 2 && strings.TrimLeft(s, "0") != ""
}
