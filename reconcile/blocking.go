package reconcile

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sendrecon/sendrecon/normalize"
)

// Blocking: each source item of an area (an action, a finding) is scored
// only against the items that could score above a threshold with it, not
// against every item of the area, so linking grows with the pairs that
// resemble each other rather than with the square of the area.
//
// A pair's score is the sum of its evidence (see scorer.score): the
// documents' codes (explicit), an action naming a document's title
// (title_ref), an action and an outcome under one finding (same_section),
// text similarity, and shared themes, leads, organisations and due dates,
// which count only on top of one of the others. So a pair can pass only
//   - by a code: it is found through an index of keys and cited codes;
//   - by a title: the title references, listed per action;
//   - by a cross-reference column: the priorities it names, per action;
//   - within one document (same_section, an action addressing its own
//     plan's finding): every item of the source's document is a candidate;
//   - by its words: its cosine must reach need(relation), what the text
//     must give when every shared theme, lead, organisation and date is
//     counted in full. An exact prefix filter (Bayardo, Ma and Srikant,
//     "Scaling up all pairs similarity search", 2007) finds every such
//     pair: terms are ordered rarest first across the area, and each
//     vector is indexed on its rarest terms only until what its remaining
//     terms could add to any cosine is below the need; two vectors whose
//     cosine reaches the need share a term in both such prefixes.
//
// Copies and versions of one document (one title in the area) are never
// linked with each other (renderings), so the index skips a source's own
// title wholesale: a plan re-issued 300 times costs no more per version.
// Options.Exhaustive scores every pair instead, for tests to check blocking
// loses nothing.

// minSimilarity is the least cosine similar counts.
const minSimilarity = 0.05

// needSlack keeps float rounding from dropping a pair exactly on a need.
const needSlack = 1e-9

// postings are the target items indexing one term, grouped by their
// document's title so a source skips its own title's run at once.
type postings struct {
	pos  []int32
	runs []run
}

type run struct{ group, end int32 }

// blocker is the candidate index of one area, built once.
type blocker struct {
	s     *scorer
	items []*normalize.Item
	pos   map[*normalize.Item]int32
	// group is each item's document title group; skip[i] is the group
	// item i may not link into (its copies and versions), -1 for none.
	group, skip []int32
	byDoc       map[string][]int32
	// byKey holds the items of each key, codes holds the items citing
	// each code (folded as strings.EqualFold compares).
	byKey, citing map[string][]int32
	titleRefs     map[*normalize.Item][]*normalize.Item
	// forAction and forFinding index the targets of an action's and a
	// finding's text links.
	forAction, forFinding map[pkey]*postings
	// vec and impl are each item's vector and implVec, numbered; leads
	// and orgs its leads and lead organisations, folded.
	vec, impl           []ivec
	leads, orgs, themes [][]string
	maxW                []float64
	text                bool
	// mark holds the stamp of the last source each item was a
	// candidate of, keyed the stamp of the last it was one of by a code,
	// a title or its document (not by its words alone).
	mark, keyed []uint32
	stamp       uint32
}

// need is the least cosine at which text similarity can lift a pair of
// relation rel, one of whose items is it, to its threshold (to the finding
// floor, for addresses): the evidence that only adds to a resemblance
// (themes, leads, organisations, due dates) counted in full where it has
// any, since a pair shares only what each of its items has.
//
// Leads are the exception: a pair sharing no lead (the most of them) needs
// more of its words, and the pairs sharing one are indexed apart, on their
// lead and term together (withLead), so neither index holds every pair.
func (b *blocker) need(rel string, it *normalize.Item, withLead bool) float64 {
	opts := b.s.opts
	t := threshold(rel, opts)
	if rel == RelAddresses && opts.FindingFloor > 0 {
		t = min(t, opts.FindingFloor)
	}
	w := opts.Weights
	extra := float64(min(len(b.s.themes[it]), 2)) * max(0, w.SharedTheme)
	if withLead && len(it.Leads) > 0 {
		extra += max(0, w.SharedLead)
	}
	if len(it.LeadOrgs) > 0 {
		extra += max(0, w.SharedOrg)
	}
	if !it.Due.IsZero() {
		extra += max(0, w.SharedDate)
	}
	return max(minSimilarity, (t-extra)/w.Text)
}

func (s *scorer) blocker() *blocker {
	a, opts := s.a, s.opts
	b := &blocker{
		s: s, items: a.items, pos: make(map[*normalize.Item]int32, len(a.items)),
		group: make([]int32, len(a.items)), skip: make([]int32, len(a.items)),
		byDoc: map[string][]int32{}, byKey: map[string][]int32{}, citing: map[string][]int32{},
		titleRefs: map[*normalize.Item][]*normalize.Item{},
		mark:      make([]uint32, len(a.items)), keyed: make([]uint32, len(a.items)),
		text: opts.Weights.Text > 0,
	}
	groups := map[string]int32{}
	b.leads, b.orgs, b.themes = make([][]string, len(a.items)), make([][]string, len(a.items)), make([][]string, len(a.items))
	for i, it := range a.items {
		b.pos[it] = int32(i)
		b.themes[i] = s.themes[it]
		for _, l := range it.Leads {
			b.leads[i] = append(b.leads[i], fold(l))
		}
		for _, o := range it.LeadOrgs {
			b.orgs[i] = append(b.orgs[i], fold(o))
		}
		t := a.title(it.DocID)
		g, ok := groups[t]
		if !ok {
			g = int32(len(groups))
			groups[t] = g
		}
		b.group[i], b.skip[i] = g, -1
		if a.docs[it.DocID].Title != "" {
			b.skip[i] = g
		}
		// Within its own document an action can address a finding
		// and implement an outcome; nothing else links there.
		if it.Kind == normalize.KindFinding || it.Kind == normalize.KindOutcome {
			b.byDoc[it.DocID] = append(b.byDoc[it.DocID], int32(i))
		}
		if it.Key != "" {
			k := foldKey(it.Key)
			b.byKey[k] = append(b.byKey[k], int32(i))
		}
		for _, c := range s.codes.codesOf(it) {
			k := foldKey(c)
			if l := b.citing[k]; len(l) == 0 || l[len(l)-1] != int32(i) {
				b.citing[k] = append(b.citing[k], int32(i))
			}
		}
	}
	for p := range s.titleRefs {
		b.titleRefs[p.src] = append(b.titleRefs[p.src], p.dst)
	}
	if b.text {
		b.indexTerms()
	}
	return b
}

// ivec is a vector with its terms numbered by rank (rarest first across
// the area), sorted: blocking compares numbers, not strings.
type ivec struct {
	ids []int32
	w   []float64
}

func (b *blocker) ivec(v vector, rank map[string]int32) ivec {
	out := ivec{ids: make([]int32, len(v.terms)), w: make([]float64, len(v.terms))}
	order := make([]int, len(v.terms))
	for i, t := range v.terms {
		order[i] = i
		out.ids[i] = rank[t]
	}
	slices.SortFunc(order, func(x, y int) int { return cmp.Compare(out.ids[x], out.ids[y]) })
	ids := make([]int32, len(order))
	for k, i := range order {
		ids[k], out.w[k] = out.ids[i], v.weights[i]
	}
	out.ids = ids
	return out
}

func (a ivec) cosine(b ivec) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a.ids) && j < len(b.ids) {
		switch {
		case a.ids[i] < b.ids[j]:
			i++
		case a.ids[i] > b.ids[j]:
			j++
		default:
			s += a.w[i] * b.w[j]
			i, j = i+1, j+1
		}
	}
	return s
}

// pkey is a posting list's key: a term, or for the pairs sharing a lead
// the lead and a term.
type pkey struct {
	lead string
	term int32
}

// indexTerms builds the prefix-filter index.
func (b *blocker) indexTerms() {
	s := b.s
	terms := make([]string, 0, len(s.c.df))
	for t := range s.c.df {
		terms = append(terms, t)
	}
	slices.SortFunc(terms, func(x, y string) int { return cmp.Or(cmp.Compare(s.c.df[x], s.c.df[y]), cmp.Compare(x, y)) })
	rank := make(map[string]int32, len(terms))
	for i, t := range terms {
		rank[t] = int32(i)
	}
	// A parent's words may be no statement's (implVec): numbered after.
	for _, it := range b.items {
		if it.Kind == normalize.KindAction {
			for _, t := range s.implVec(it).terms {
				if _, ok := rank[t]; !ok {
					rank[t] = int32(len(rank))
				}
			}
		}
	}
	b.vec, b.impl = make([]ivec, len(b.items)), make([]ivec, len(b.items))
	// maxW bounds what any vector gives a term: the prefix stops where
	// the rest could not add up to the need even against the vector
	// heaviest on each of its terms.
	b.maxW = make([]float64, len(rank))
	note := func(v ivec) {
		for i, t := range v.ids {
			b.maxW[t] = max(b.maxW[t], v.w[i])
		}
	}
	for i, it := range b.items {
		b.vec[i] = b.ivec(s.vecs[it], rank)
		b.impl[i] = b.vec[i]
		if it.Kind == normalize.KindAction {
			b.impl[i] = b.ivec(s.implVec(it), rank)
		}
		note(b.vec[i])
		note(b.impl[i])
	}
	b.forAction, b.forFinding = map[pkey]*postings{}, map[pkey]*postings{}
	add := func(idx map[pkey]*postings, i int, rel string) {
		it, v := b.items[i], b.vec[i]
		put := func(k pkey) {
			p := idx[k]
			if p == nil {
				p = &postings{}
				idx[k] = p
			}
			p.pos = append(p.pos, int32(i))
		}
		for _, t := range v.ids[:b.prefix(v, b.need(rel, it, false))] {
			put(pkey{term: t})
		}
		if len(it.Leads) == 0 || b.s.opts.Weights.SharedLead <= 0 {
			return
		}
		loose := v.ids[:b.prefix(v, b.need(rel, it, true))]
		for _, l := range leadKeys(it) {
			for _, t := range loose {
				put(pkey{l, t})
			}
		}
	}
	for i, it := range b.items {
		switch it.Kind {
		case normalize.KindFinding:
			// An action addresses a finding of another document
			// only where that document holds no actions (an
			// inspection's letter); its own are in its document.
			if !s.codes.holdsActions[it.DocID] {
				add(b.forAction, i, RelAddresses)
			}
			add(b.forFinding, i, RelSameAs)
		case normalize.KindOutcome, normalize.KindPriority:
			add(b.forAction, i, RelImplements)
		case normalize.KindAction:
			add(b.forAction, i, RelSameAs)
		}
	}
	for _, idx := range []map[pkey]*postings{b.forAction, b.forFinding} {
		for _, p := range idx {
			slices.SortStableFunc(p.pos, func(x, y int32) int { return cmp.Compare(b.group[x], b.group[y]) })
			for k, i := range p.pos {
				if k+1 == len(p.pos) || b.group[p.pos[k+1]] != b.group[i] {
					p.runs = append(p.runs, run{group: b.group[i], end: int32(k + 1)})
				}
			}
		}
	}
}

// prefix is how many of v's terms, rarest first, to index: up to the last
// from which the remaining terms could still give a cosine of need with
// some vector. Their own norm (against any unit vector) and their weights
// against the heaviest weight any vector of the area gives each bound what
// they add.
func (b *blocker) prefix(v ivec, need float64) int {
	var norm2, dot float64
	for i := len(v.ids) - 1; i >= 0; i-- {
		norm2 += v.w[i] * v.w[i]
		dot += v.w[i] * b.maxW[v.ids[i]]
		if min(math.Sqrt(norm2), dot) >= need*(1-needSlack)-needSlack {
			return i + 1
		}
	}
	return 0
}

// candidates lists, in the area's order, the items src is to be scored
// against: a superset of those it can link to. Those found by their words
// alone are kept only where their words could lift them to a threshold
// (mayPass).
func (b *blocker) candidates(src *normalize.Item) []*normalize.Item {
	if b.s.opts.Exhaustive {
		return b.items
	}
	b.stamp++
	if b.stamp == 0 {
		clear(b.mark)
		clear(b.keyed)
		b.stamp = 1
	}
	var hit []int32
	mark := func(i int32) {
		b.keyed[i] = b.stamp
		if b.mark[i] != b.stamp {
			b.mark[i] = b.stamp
			hit = append(hit, i)
		}
	}
	byWords := func(i int32) {
		if b.mark[i] != b.stamp {
			b.mark[i] = b.stamp
			hit = append(hit, i)
		}
	}
	for _, i := range b.byDoc[src.DocID] {
		mark(i)
	}
	x := b.s.codes
	for f := range x.findings[src] {
		mark(b.pos[f])
	}
	keys := slices.Clone(x.codesOf(src))
	keys = append(keys, x.answers[src]...)
	if p := x.parent[src]; p != nil {
		keys = append(keys, x.cited[p]...)
	}
	if src.Key != "" {
		keys = append(keys, src.Key)
		for _, i := range b.citing[foldKey(src.Key)] {
			mark(i)
		}
	}
	for _, k := range keys {
		for _, i := range b.byKey[foldKey(k)] {
			mark(i)
		}
	}
	for _, d := range b.titleRefs[src] {
		mark(b.pos[d])
	}
	// A cross-reference column names its priorities (delivers.go).
	for _, d := range x.delivered[src] {
		mark(b.pos[d])
	}
	if b.text {
		skip := b.skip[b.pos[src]]
		leads := leadKeys(src)
		probe := func(idx map[pkey]*postings, v ivec, rel string) {
			var keys []pkey
			for _, t := range v.ids[:b.prefix(v, b.need(rel, src, false))] {
				keys = append(keys, pkey{term: t})
			}
			if len(leads) > 0 && b.s.opts.Weights.SharedLead > 0 {
				for _, t := range v.ids[:b.prefix(v, b.need(rel, src, true))] {
					for _, l := range leads {
						keys = append(keys, pkey{l, t})
					}
				}
			}
			for _, t := range keys {
				p := idx[t]
				if p == nil {
					continue
				}
				start := int32(0)
				for _, r := range p.runs {
					if r.group != skip {
						for _, i := range p.pos[start:r.end] {
							byWords(i)
						}
					}
					start = r.end
				}
			}
		}
		me := b.pos[src]
		if src.Kind == normalize.KindFinding {
			probe(b.forFinding, b.vec[me], RelSameAs)
		} else {
			// The laxer of addresses and same_as: their targets
			// share the index.
			rel := RelAddresses
			if b.need(RelSameAs, src, false) < b.need(RelAddresses, src, false) {
				rel = RelSameAs
			}
			probe(b.forAction, b.vec[me], rel)
			probe(b.forAction, b.impl[me], RelImplements)
		}
	}
	slices.Sort(hit)
	out := make([]*normalize.Item, 0, len(hit))
	for _, i := range hit {
		if b.keyed[i] == b.stamp || b.mayPass(b.pos[src], i) {
			out = append(out, b.items[i])
		}
	}
	return out
}

// mayPass reports whether a pair with no code, title or document in common
// could reach its relation's threshold (the finding floor, for addresses):
// its text similarity in full (similar scales it down, never up) and every
// theme, lead, organisation and due date the two share.
func (b *blocker) mayPass(me, i int32) bool {
	src, dst := b.items[me], b.items[i]
	rel := relation(src, dst)
	if rel == "" {
		return false
	}
	sv := b.vec[me]
	if rel == RelImplements {
		sv = b.impl[me]
	}
	if len(sv.ids) == 0 || len(b.vec[i].ids) == 0 || sv.ids[0] > b.vec[i].ids[len(b.vec[i].ids)-1] || b.vec[i].ids[0] > sv.ids[len(sv.ids)-1] {
		return false // no term in common
	}
	sim := sv.cosine(b.vec[i])
	if sim < minSimilarity*(1-needSlack)-needSlack {
		return false // nothing to add the rest to
	}
	opts := b.s.opts
	w := opts.Weights
	t := threshold(rel, opts)
	if rel == RelAddresses && opts.FindingFloor > 0 {
		t = min(t, opts.FindingFloor)
	}
	score := max(0, w.Text) * sim
	shared := 0
	for _, th := range b.themes[me] {
		if slices.Contains(b.themes[i], th) {
			shared++
		}
	}
	score += float64(min(shared, 2)) * max(0, w.SharedTheme)
	if shareAny(b.leads[me], b.leads[i]) {
		score += max(0, w.SharedLead)
	}
	if shareAny(b.orgs[me], b.orgs[i]) {
		score += max(0, w.SharedOrg)
	}
	if !src.Due.IsZero() && !dst.Due.IsZero() && sameDay(src.Due, dst.Due) {
		score += max(0, w.SharedDate)
	}
	return score >= t*(1-needSlack)-needSlack
}

// shareAny reports whether a and b have an entry in common.
func shareAny(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// leadKeys are its leads as shared leads compare them (folded), each
// marked apart from the terms it is joined to in the index.
func leadKeys(it *normalize.Item) []string {
	out := make([]string, 0, len(it.Leads))
	for _, l := range it.Leads {
		out = append(out, "\x00"+fold(l)+"\x00")
	}
	return out
}

// foldKey is s folded as strings.EqualFold compares: each rune replaced by
// the least of its case-folding orbit, so two strings EqualFold calls equal
// have one foldKey.
func foldKey(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || 'a' <= s[i] && s[i] <= 'z' {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var sb strings.Builder
	for _, r := range s {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		sb.WriteRune(least)
	}
	return sb.String()
}
