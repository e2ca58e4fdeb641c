package normalize

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

var reMarkerNumber = regexp.MustCompile(`\d+`)

// list reads a list: the progress of a prose finding, or items of the kind
// its heading or introducing sentence names.
func (b *builder) list(blk *layout.Block) {
	ctx := b.top()
	if ctx.skip || blk.List == nil {
		return
	}
	if b.prose != nil {
		it := &b.items[b.prose.item]
		for _, e := range listEntries(blk.List) {
			if !b.prose.text {
				it.Text = e
				b.prose.text = true
				continue
			}
			it.Progress = append(it.Progress, e)
		}
		return
	}
	top := topItems(blk.List)
	if len(top) < 2 {
		return
	}
	lead := ""
	if leadIn(b.lastPara) {
		lead = b.lastPara
	}
	sec, ok := b.sectionOf(ctx.text, lead)
	if !ok {
		return
	}
	for i, li := range top {
		n := li.Number
		if n == 0 {
			if m := reMarkerNumber.FindString(li.Marker); m != "" {
				n, _ = strconv.Atoi(m)
			}
		}
		if n == 0 {
			n = i + 1
		}
		text := cleanText(li.Text)
		code, rest := splitCode(text)
		if code != "" {
			text = rest
		}
		it := Item{Kind: sec.kind, Text: text, Page: li.Page}
		switch {
		case sec.prefix != "":
			it.Key = sec.prefix + strconv.Itoa(n)
		case code != "":
			it.Key = code
		case sec.kind == KindAction && ctx.priority != "":
			it.Key = b.positional(ctx.priority)
		default:
			it.Key = strconv.Itoa(n)
		}
		if sec.kind == KindAction || sec.kind == KindIndicator {
			it.ParentKey = b.parentOf(it.Key)
		}
		if sec.kind == KindPriority {
			if b.find(KindPriority, it.Key) >= 0 {
				continue
			}
		}
		b.add(it, itemAux{})
	}
}

// sectionOf finds the rule matching the heading, else the introducing
// sentence.
func (b *builder) sectionOf(heading, lead string) (sectionMatcher, bool) {
	for _, s := range []string{heading, lead} {
		if s == "" {
			continue
		}
		for _, m := range b.sections {
			for _, re := range m.res {
				if re.MatchString(s) {
					return m, true
				}
			}
		}
	}
	return sectionMatcher{}, false
}

// topItems returns the top-level items of a list; sub-items are details of
// their parent, not items.
func topItems(l *layout.List) []layout.ListItem {
	var out []layout.ListItem
	for _, it := range l.Items {
		if it.Depth > 0 && len(out) > 0 {
			continue
		}
		out = append(out, it)
	}
	return out
}

// listEntries is one entry per top-level item, sub-items joined to it.
func listEntries(l *layout.List) []string {
	var out []string
	for _, it := range l.Items {
		t := cleanText(it.Text)
		if t == "" {
			continue
		}
		if it.Depth > 0 && len(out) > 0 {
			out[len(out)-1] += " " + t
			continue
		}
		out = append(out, t)
	}
	return out
}

// leadIn reports whether a paragraph introduces what follows.
func leadIn(s string) bool {
	return strings.HasSuffix(strings.TrimSpace(s), ":")
}
