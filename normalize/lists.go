package normalize

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

var reMarkerNumber = regexp.MustCompile(`\d+`)

// list reads a list: items of the kind its heading or introducing sentence
// names, "I statements" (outcomes), the entries of a field section
// ("Why this is a priority"), or the progress of a prose finding.
func (b *builder) list(blk *layout.Block) {
	ctx := b.top()
	if ctx.skip || blk.List == nil {
		return
	}
	lead := ""
	if leadIn(b.lastPara) {
		lead = b.lastPara
	}
	sec, ok := b.sectionOf(ctx.text, lead)
	// A list in a prose finding's own section is its progress; one under a
	// sub-heading that names its kind is items.
	if b.prose != nil && !(ok && ctx.level > b.prose.level) {
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
	// In a finding's own section (its statement read there, as a prose
	// finding) a list of outcomes says what will be different once that
	// finding is answered: the finding's outcomes, not items of their own.
	if b.prose != nil && ok && sec.kind == KindOutcome {
		it := &b.items[b.prose.item]
		it.Outcomes = append(it.Outcomes, listEntries(blk.List)...)
		return
	}
	if ctx.field != "" && lead == "" {
		if i := b.fieldTarget(); i >= 0 {
			b.addToField(&b.items[i], ctx.field, listEntries(blk.List))
			return
		}
	}
	top := topItems(blk.List)
	if b.statements(top) {
		b.rule = "list: I statements (every item in the first person)"
		for _, li := range top {
			key := "O" + strconv.Itoa(b.next("list:O"))
			b.add(Item{Kind: KindOutcome, Key: key, ParentKey: b.priorityKey(), Text: cleanText(unquote(cleanText(li.Text))), Page: li.Page}, itemAux{})
		}
		return
	}
	if !ok || len(top) < 2 && sec.kind != KindAction {
		return
	}
	if lead != "" && ctx.text != "" {
		if _, byHeading := b.sectionOf(ctx.text, ""); !byHeading {
			b.rule = fmt.Sprintf("list: %s items, introduced by %q", sec.kind, lead)
		}
	}
	if b.rule == "" {
		b.rule = fmt.Sprintf("list: %s items under heading %q", sec.kind, ctx.text)
	}
	for _, li := range top {
		n := li.Number
		if n == 0 {
			if m := reMarkerNumber.FindString(li.Marker); m != "" {
				n, _ = strconv.Atoi(m)
			}
		}
		if n == 0 {
			n = b.next("list:" + sec.prefix + string(sec.kind))
		}
		text := cleanText(li.Text)
		code, rest := b.leadCode(text)
		if code == "" && sec.kind == KindPriority {
			code, rest = b.headingCode(text)
		}
		if code != "" {
			text = rest
		}
		it := Item{Kind: sec.kind, Text: text, Page: li.Page}
		if sec.kind == KindAction {
			it.Text, it.RefsRaw, it.Refs = b.trailingRefs(it.Text)
		}
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
		switch sec.kind {
		case KindAction, KindIndicator:
			it.ParentKey = b.parentOf(it.Key)
		case KindOutcome:
			it.ParentKey = b.priorityKey()
		}
		if (sec.kind == KindPriority || sec.kind == KindFinding) && b.find(sec.kind, it.Key) >= 0 {
			continue
		}
		b.add(it, itemAux{})
	}
}

// statements reports whether a list's items are all "I statements": every
// one in the first person (normalize.statement_pronouns), and quoted or
// mostly opening with the pronoun ("I know who to contact"). A list of
// quoted findings ("Leaders should ...") is not.
func (b *builder) statements(top []layout.ListItem) bool {
	if b.pronoun == nil || len(top) == 0 {
		return false
	}
	quoted, opens := 0, 0
	for _, li := range top {
		t := cleanText(li.Text)
		if isQuoted(t) {
			quoted++
		}
		u := unquote(t)
		if !b.pronoun.MatchString(u) {
			return false
		}
		if loc := b.pronoun.FindStringIndex(u); loc != nil && loc[0] == 0 {
			opens++
		}
	}
	return quoted > 0 || opens*2 > len(top)
}

var reTrailingParen = regexp.MustCompile(`\s*\(([^()]*)\)\s*[.;]?\s*$`)

// trailingRefs takes a bracket at the end of an action's text that holds
// references ("... services (PAIP AFI2.1)") out of the text: the bracket's
// content is refs_raw, its codes the refs.
func (b *builder) trailingRefs(text string) (string, string, []string) {
	m := reTrailingParen.FindStringSubmatchIndex(text)
	if m == nil {
		return text, "", nil
	}
	inner := strings.TrimSpace(text[m[2]:m[3]])
	codes := b.refs.Codes(inner)
	if len(codes) == 0 {
		return text, "", nil
	}
	return strings.TrimSpace(text[:m[0]]), inner, codes
}

// sectionOf finds the rule matching the heading, else the introducing
// sentence.
func (b *builder) sectionOf(heading, lead string) (sectionMatcher, bool) {
	for _, s := range []string{heading, lead} {
		if s == "" {
			continue
		}
		if i := b.sectionIndex(s); i >= 0 {
			return b.sections[i], true
		}
	}
	return sectionMatcher{}, false
}

// sectionIndex is the index of the first section rule matching s, -1 for
// none. The answer is kept per text: the same headings are asked about for
// every list below them, and the rules are case-insensitive regexps.
func (b *builder) sectionIndex(s string) int {
	if i, ok := b.sectionMemo[s]; ok {
		return i
	}
	found := -1
	for i, m := range b.sections {
		if slices.ContainsFunc(m.res, func(re *regexp.Regexp) bool { return re.MatchString(s) }) {
			found = i
			break
		}
	}
	if b.sectionMemo == nil {
		b.sectionMemo = map[string]int{}
	}
	b.sectionMemo[s] = found
	return found
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

var reFollowing = regexp.MustCompile(`(?i)\b(the following|as follows)\b`)

// leadIn reports whether a paragraph introduces what follows: it ends
// with a colon, or names "the following" ("... to tackle the following
// areas for improvement resulting from ...").
func leadIn(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, ":") || reFollowing.MatchString(s)
}

// priorityKey is the enclosing priority's key, "" when the enclosing
// section is a finding's rather than a priority's.
func (b *builder) priorityKey() string {
	if p := b.top().priority; p != "" && b.find(KindPriority, p) >= 0 {
		return p
	}
	return ""
}
