package reconcile

import (
	"slices"
	"strings"
	"unicode"

	"github.com/sendrecon/sendrecon/normalize"
)

// Codes are how SEND documents cite each other: an inspection's findings
// (AFI2, PA1), a written statement's actions (2.3, 2.4a), a plan's own
// sub-codes (AFI2.1, PA1.1, W3). A plan names them in a reference column,
// in its own keys and section headings, or in a sentence ("WSoA ref 2.3",
// "(also W3)", "see PA1.1").

// codeToken reports whether s looks like a code: a letter prefix with a
// number (AFI2, PA1.1, W3), or a dotted number (2.3, 2.4a). A bare number
// ("20", "2024") is not one: sentences are full of them.
func codeToken(s string) bool {
	if s == "" || !unicode.IsDigit(rune(s[len(s)-1])) && !(len(s) > 1 && unicode.IsDigit(rune(s[len(s)-2])) && unicode.IsLower(rune(s[len(s)-1]))) {
		return false
	}
	i := 0
	for i < len(s) && unicode.IsUpper(rune(s[i])) {
		i++
	}
	rest := s[i:]
	if rest == "" || !unicode.IsDigit(rune(rest[0])) {
		return false
	}
	if i > 0 {
		return true
	}
	return strings.Contains(rest, ".")
}

// mentions lists the codes an item cites: its references (the column as
// written too, where "1,7" is a slip for 1.7), and codes in its text,
// measures and progress. A letter-prefixed code counts anywhere; a dotted
// number in a sentence only after one of cues ("ref 2.3", "see 1.4"),
// because sentences also hold amounts and clause numbers.
func mentions(it *normalize.Item, cues map[string]bool) []string {
	seen := map[string]bool{}
	var out []string
	add := func(c string) {
		c = strings.ToUpper(strings.TrimRight(c, "."))
		if c != "" && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	for _, r := range it.Refs {
		add(r)
	}
	// In a reference column every code-like token is a reference.
	raw := strings.NewReplacer(",", ".").Replace(digitCommas(it.RefsRaw))
	for _, t := range tokens(raw) {
		if codeToken(t) || isNumber(t) {
			add(t)
		}
	}
	text := strings.Join(append(append([]string{it.Text}, it.Measures...), it.Progress...), " ")
	toks := tokens(text)
	for i, t := range toks {
		if !codeToken(t) {
			continue
		}
		if unicode.IsUpper(rune(t[0])) || i > 0 && cues[strings.ToLower(toks[i-1])] || i > 1 && cues[strings.ToLower(toks[i-2])] {
			add(t)
		}
	}
	return out
}

// digitCommas keeps a comma between digits ("1,7") and turns every other
// into a space, so a list "2.3, 2.8" still splits.
func digitCommas(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == ',' && !(i > 0 && i+1 < len(b) && isDigit(b[i-1]) && isDigit(b[i+1])) {
			b[i] = ' '
		}
	}
	return string(b)
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

func isNumber(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

// tokens splits text into words and codes: letters, digits and the dots
// inside a code.
func tokens(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.'
	})
	out := f[:0]
	for _, t := range f {
		if t = strings.Trim(t, "."); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// names reports whether a cited code names key: the same code, or a
// sub-code of a finding's ("AFI2.1" and "PA1.1" sit under AFI2 and PA1).
func names(code, key string, finding bool) bool {
	code, key = strings.ToUpper(code), strings.ToUpper(key)
	if code == key {
		return true
	}
	if !finding || strings.IndexFunc(key, unicode.IsLetter) < 0 || !strings.HasPrefix(code, key) {
		return false
	}
	next := code[len(key)]
	return next == '.' || next == '-' || next == '/'
}

// appendixCode is the action an appendix row refers to, by the project's
// positional key A-<code> (gold/FORMAT.md): "A-1.2a" refers to 1.2a, "A-2.4b"
// to 2.4b; a second row on one action gets a further letter.
func appendixCode(key string) string {
	c, ok := strings.CutPrefix(key, "A-")
	if !ok {
		return ""
	}
	return c
}

// sectionNumber is the leading number of a key or parent key: "1" of
// "1.2a" and of "P1.3".
func sectionNumber(key string) string {
	key = strings.TrimLeftFunc(key, unicode.IsLetter)
	end := strings.IndexFunc(key, func(r rune) bool { return !unicode.IsDigit(r) })
	if end < 0 {
		end = len(key)
	}
	return key[:end]
}

// codeIndex is what the codes of one area say: which findings each action
// is coded to, and which items cite which.
type codeIndex struct {
	cited map[*normalize.Item][]string
	// findings holds, per action, the findings its codes name: by
	// reference, by its own key or section (PA1.1 under PA1), or by the
	// number of its document's section that quotes one finding; only
	// those it can address (its own document's, or of a document
	// holding no actions).
	findings map[*normalize.Item]map[*normalize.Item]string
	// coded holds the actions coded to some finding, one findings
	// leaves out included.
	coded map[*normalize.Item]bool
	// actions maps a code to the actions keyed so, per edition.
	actions map[string][]*normalize.Item
	// docsCiting holds the documents some of whose actions cite findings
	// by code: their section numbers are not read as findings' numbers.
	docsCiting map[string]bool
	// holdsFindings holds the documents with findings of their own: a
	// written statement of action, a progress report on one.
	holdsFindings map[string]bool
	// holdsActions holds the documents with actions: plans, not an
	// inspection's letter.
	holdsActions map[string]bool
	title        func(*normalize.Item) string
	// parent is the section an action sits under in its own document: a
	// priority or a finding, by the action's parent key.
	parent map[*normalize.Item]*normalize.Item
	// section is the finding whose part of its document an outcome is
	// stated in, by the actions around it.
	section map[*normalize.Item]string
	// keyed lists the items of each kind and folded key.
	keyed map[[2]string][]*normalize.Item
	// delivered lists, per action, the priorities its or its section's
	// cross-reference column names (delivers.go), for blocking.
	delivered map[*normalize.Item][]*normalize.Item
	// answers lists, per action with no finding codes of its own, the
	// findings whose sections a plan maps to the action's priority.
	answers map[*normalize.Item][]string
}

// unique reports whether dst is the only item of its kind and key outside
// src's document: a bare "3" two strategies use cites neither.
func (x *codeIndex) unique(dst, src *normalize.Item) bool {
	n := 0
	for _, it := range x.keyed[[2]string{string(dst.Kind), strings.ToUpper(dst.Key)}] {
		if x.title(it) != x.title(src) {
			n++
		}
	}
	return n == 1
}

func (a *area) codes(opts Options) *codeIndex {
	cues := map[string]bool{}
	for _, c := range opts.RefCues {
		cues[strings.ToLower(c)] = true
	}
	x := &codeIndex{
		cited:    map[*normalize.Item][]string{},
		findings: map[*normalize.Item]map[*normalize.Item]string{}, coded: map[*normalize.Item]bool{},
		actions:    map[string][]*normalize.Item{},
		docsCiting: map[string]bool{}, holdsFindings: map[string]bool{}, holdsActions: map[string]bool{},
		parent: map[*normalize.Item]*normalize.Item{}, keyed: map[[2]string][]*normalize.Item{},
		section: map[*normalize.Item]string{},
		title:   func(it *normalize.Item) string { return a.title(it.DocID) },
	}
	// byKey finds the findings a code names (names): its own key and
	// the keys it is a sub-code of; byFold those of a key as
	// strings.EqualFold compares.
	byKey, byFold := map[string][]*normalize.Item{}, map[string][]*normalize.Item{}
	named := func(code string) []*normalize.Item {
		u := strings.ToUpper(code)
		out := byKey[u]
		for k := 0; k < len(u); k++ {
			if u[k] == '.' || u[k] == '-' || u[k] == '/' {
				out = append(slices.Clip(out), byKey[u[:k]]...)
			}
		}
		return out
	}
	// A document whose findings carry distinct numbers (AFI1..AFI4) and
	// whose sections are numbered alike answers finding n in section n.
	byNumber := map[[2]string][]*normalize.Item{}
	for _, it := range a.items {
		switch it.Kind {
		case normalize.KindFinding:
			x.holdsFindings[it.DocID] = true
			if it.Key != "" {
				byKey[strings.ToUpper(it.Key)] = append(byKey[strings.ToUpper(it.Key)], it)
				byFold[foldKey(it.Key)] = append(byFold[foldKey(it.Key)], it)
				if n := sectionNumber(it.Key); n != "" && n == strings.TrimLeftFunc(it.Key, unicode.IsLetter) {
					byNumber[[2]string{it.DocID, n}] = append(byNumber[[2]string{it.DocID, n}], it)
				}
			}
		case normalize.KindAction:
			x.holdsActions[it.DocID] = true
			if it.Key != "" {
				x.actions[strings.ToUpper(it.Key)] = append(x.actions[strings.ToUpper(it.Key)], it)
			}
		}
	}
	// An outcome stated amid a finding's actions (its table, before or
	// after them) is that finding's: the nearest action after it in its
	// document says which, else the nearest before.
	var waiting []*normalize.Item
	lastSection := map[string]string{}
	for _, it := range a.items {
		switch it.Kind {
		case normalize.KindOutcome:
			waiting = append(waiting, it)
		case normalize.KindAction:
			sec := strings.ToUpper(it.ParentKey)
			waiting = slices.DeleteFunc(waiting, func(o *normalize.Item) bool {
				if o.DocID == it.DocID {
					x.section[o] = sec
					return true
				}
				return false
			})
			lastSection[it.DocID] = sec
		}
	}
	for _, o := range waiting {
		x.section[o] = lastSection[o.DocID]
	}
	sections := map[[2]string]*normalize.Item{}
	for _, it := range a.items {
		x.cited[it] = mentions(it, cues)
		if it.Key != "" {
			k := [2]string{string(it.Kind), strings.ToUpper(it.Key)}
			x.keyed[k] = append(x.keyed[k], it)
			if it.Kind == normalize.KindPriority || it.Kind == normalize.KindFinding {
				sections[[2]string{it.DocID, strings.ToUpper(it.Key)}] = it
			}
		}
	}
	for _, it := range a.items {
		if p := sections[[2]string{it.DocID, strings.ToUpper(it.ParentKey)}]; it.Kind == normalize.KindAction && it.ParentKey != "" && p != nil {
			x.parent[it] = p
		}
	}
	for _, it := range a.items {
		if it.Kind != normalize.KindAction {
			continue
		}
		for _, c := range x.cited[it] {
			for _, f := range named(c) {
				if names(c, f.Key, true) {
					x.docsCiting[it.DocID] = true
				}
			}
		}
	}
	for _, it := range a.items {
		if it.Kind != normalize.KindAction {
			continue
		}
		coded := map[*normalize.Item]string{}
		// The findings its codes, its key or its parent key name; no
		// other can be coded to it.
		cited := x.findingCodes(it)
		var near []*normalize.Item
		for _, c := range cited {
			near = append(near, named(c)...)
		}
		near = append(append(near, named(it.Key)...), byFold[foldKey(it.ParentKey)]...)
		seen := map[*normalize.Item]bool{}
		for _, f := range near {
			if seen[f] {
				continue
			}
			seen[f] = true
			why := ""
			for _, c := range cited {
				if names(c, f.Key, true) {
					why = "refs name " + c
				}
			}
			// Its own code (PA1.1) or the section it sits in (PA1).
			if why == "" && strings.IndexFunc(f.Key, unicode.IsLetter) >= 0 {
				if names(it.Key, f.Key, true) && it.Key != f.Key {
					why = "coded " + it.Key + " under " + f.Key
				} else if strings.EqualFold(it.ParentKey, f.Key) {
					why = "sits under " + f.Key
				}
			}
			if why == "" {
				continue
			}
			x.coded[it] = true
			// A finding of another plan is never addressed (score):
			// it is kept only as the fact that the action is coded,
			// so a plan re-issued many times does not hold every
			// version's findings for every action.
			if f.DocID == it.DocID || !x.holdsActions[f.DocID] {
				coded[f] = why
			}
		}
		// Only a document that does not code its actions to findings
		// otherwise is read by its section numbers.
		if !x.coded[it] && !x.docsCiting[it.DocID] {
			n := sectionNumber(it.ParentKey)
			if n == "" {
				n = sectionNumber(it.Key)
			}
			if n == "" {
				// An appendix row (A-1.2a) is in the section of the
				// action it refers to.
				n = sectionNumber(appendixCode(it.Key))
			}
			if fs := byNumber[[2]string{it.DocID, n}]; n != "" && len(fs) > 0 {
				for _, f := range fs {
					coded[f] = "in section " + n + " of its document, which quotes " + f.Key
				}
			}
		}
		if len(coded) > 0 {
			x.coded[it] = true
			x.findings[it] = coded
		}
	}
	x.delivered = x.deliveries(a.items)
	x.answers = x.mappedFindings(a.items)
	return x
}

// explicit adds the strongest evidence there is: the documents' own codes.
// An action addresses the findings its codes name; an action citing
// another document's action by its code (or an appendix row listing it)
// restates it; two findings of one code in two documents are one finding
// quoted twice.
func (x *codeIndex) explicit(c *candidate, opts Options) {
	if c.dst.Key == "" {
		return
	}
	switch {
	case c.relation == RelAddresses:
		if why, ok := x.findings[c.src][c.dst]; ok {
			method := "explicit_ref"
			if strings.HasPrefix(why, "in section") {
				method = "section"
			}
			c.add(FeatureExplicitRef, 1, opts.Weights.ExplicitRef, method, why)
			return
		}
		x.mapped(c, opts)
	case c.relation == RelImplements:
		for _, code := range x.cited[c.src] {
			if strings.EqualFold(code, c.dst.Key) && x.unique(c.dst, c.src) {
				c.add(FeatureExplicitRef, 1, opts.Weights.ExplicitRef, "explicit_ref", "refs name "+c.dst.Key)
				return
			}
		}
		// A plan's section (a finding restated, a priority) may say which
		// priority of another document its actions deliver ("delivers
		// SEND Strategy priority 3"): its actions implement that one.
		if p := x.parent[c.src]; p != nil && c.dst.DocID != c.src.DocID {
			for _, code := range x.cited[p] {
				if strings.EqualFold(code, c.dst.Key) && x.unique(c.dst, c.src) {
					c.add(FeatureExplicitRef, 1, opts.Weights.ExplicitRef, "explicit_ref", "its section "+p.Key+" names "+c.dst.Key)
					return
				}
			}
		}
		if why := x.deliveredBy(c.src, c.dst); why != "" {
			c.add(FeatureExplicitRef, 1, opts.Weights.ExplicitRef, "explicit_ref", why)
			return
		}
	case c.relation == RelSameAs && c.src.Kind == normalize.KindFinding:
		if strings.EqualFold(c.src.Key, c.dst.Key) && strings.IndexFunc(c.dst.Key, unicode.IsLetter) >= 0 {
			c.add(FeatureExplicitRef, 1, opts.Weights.ExplicitRef, "explicit_ref", "both are finding "+c.dst.Key)
		}
	case c.relation == RelSameAs:
		if x.cites(c.src, c.dst) || x.cites(c.dst, c.src) {
			c.add(FeatureExplicitRef, 1, opts.Weights.ExplicitRef, "explicit_ref", "refs name "+c.dst.Key)
		}
	}
}

// cites reports whether src cites dst by dst's code, and that code names
// one action of the area outside src's document (a bare "1.3" that two
// plans use says nothing).
func (x *codeIndex) cites(src, dst *normalize.Item) bool {
	for _, code := range x.codesOf(src) {
		if !strings.EqualFold(code, dst.Key) {
			continue
		}
		others := map[string]bool{}
		for _, it := range x.actions[strings.ToUpper(dst.Key)] {
			if x.title(it) != x.title(src) {
				others[x.title(it)] = true
			}
		}
		return len(others) == 1
	}
	return false
}

// codesOf is every code it cites as the same_as evidence reads them: its
// mentions, and for an appendix row the action it lists (A-2.4b lists 2.4b,
// and 2.4 too).
func (x *codeIndex) codesOf(it *normalize.Item) []string {
	codes := x.cited[it]
	if a := appendixCode(it.Key); a != "" {
		codes = append(slices.Clip(codes), strings.ToUpper(a), strings.ToUpper(strings.TrimRightFunc(a, unicode.IsLower)))
	}
	return codes
}

// sameSection adds the evidence of an action and an outcome stated in one
// finding's part of a written statement of action: the outcomes under a
// finding say what answering it looks like, so its actions deliver them.
func (x *codeIndex) sameSection(c *candidate, opts Options) {
	if c.relation != RelImplements || c.dst.Kind != normalize.KindOutcome || c.dst.DocID != c.src.DocID {
		return
	}
	if f := x.section[c.dst]; f != "" && strings.EqualFold(c.src.ParentKey, f) {
		c.add(FeatureSameSection, 1, opts.Weights.SameSection, "section", "both under "+f)
	}
}

// findingCodes are the codes an action cites that may name findings: not
// the code of another action of its own document where the action's own
// key is itself coded under a finding ("AFI5.4 ... (see PA1.1)" points to
// action PA1.1, whose finding AFI5.4 does not answer).
func (x *codeIndex) findingCodes(it *normalize.Item) []string {
	if !strings.Contains(it.Key, ".") || strings.IndexFunc(it.Key, unicode.IsLetter) < 0 {
		return x.cited[it]
	}
	var out []string
	for _, c := range x.cited[it] {
		if strings.Contains(c, ".") && !strings.EqualFold(c, it.Key) && slices.ContainsFunc(x.actions[strings.ToUpper(c)], func(a *normalize.Item) bool { return a.DocID == it.DocID }) {
			continue
		}
		out = append(out, c)
	}
	return out
}
