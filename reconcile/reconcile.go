package reconcile

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sendrecon/sendrecon/normalize"
)

// Input is what reconciliation needs of a batch: its documents and items.
type Input struct {
	Documents []normalize.Document
	Items     []normalize.Item
}

// Output is what it proposes, with reviewers' decisions applied.
type Output struct {
	Links     []Link
	Coverage  []Coverage
	Conflicts []Conflict
	// Orphans are decisions whose items are no longer in the batch: kept in
	// the decisions file, reported, never applied.
	Orphans []Decision
	// Editions group the documents into copies of one content; every
	// document of the input is in exactly one, sorted by ID.
	Editions []Edition
}

// Run links the items of each local area, applies decisions and works out
// coverage and conflicts. Output is sorted, so equal input gives equal
// output.
func Run(in Input, decisions []Decision, opts Options) Output {
	byID := map[string]*normalize.Item{}
	for i := range in.Items {
		byID[in.Items[i].ID] = &in.Items[i]
	}
	var links []Link
	var out Output
	alias := map[string]string{}
	rep := map[string]string{}
	for _, area := range areas(in) {
		// Copies of one edition say the same thing: only the
		// representative's items are linked, once.
		set := area.editions(opts)
		for k, v := range set.alias {
			alias[k] = v
		}
		for k, v := range set.rep {
			rep[k] = v
		}
		out.Editions = append(out.Editions, set.editions...)
		area.items = slices.DeleteFunc(area.items, func(it *normalize.Item) bool { return set.rep[it.DocID] != it.DocID })
		links = append(links, area.link(opts)...)
	}
	for _, d := range in.Documents {
		if _, ok := rep[d.ID]; !ok {
			rep[d.ID] = d.ID
			out.Editions = append(out.Editions, Edition{ID: EditionID(d), Representative: d.ID, Copies: []string{d.ID}, LocalArea: d.LocalArea, Title: d.Title})
		}
	}
	slices.SortFunc(out.Editions, func(a, b Edition) int { return cmp.Compare(a.ID, b.ID) })
	out.Links, out.Orphans = apply(links, decisions, byID, alias)
	slices.SortFunc(out.Links, func(a, b Link) int {
		return cmp.Or(cmp.Compare(a.Src, b.Src), cmp.Compare(a.Relation, b.Relation), cmp.Compare(a.Dst, b.Dst))
	})
	out.Coverage = coverage(in, out.Links, rep, opts)
	out.Conflicts = conflicts(out.Links, byID, opts.PeopleMaxEdits)
	return out
}

// editions groups the area's documents into editions.
func (a *area) editions(opts Options) editionSet {
	docs := make([]*normalize.Document, 0, len(a.docs))
	for _, d := range a.docs {
		docs = append(docs, d)
	}
	items := map[string][]*normalize.Item{}
	for _, it := range a.items {
		items[it.DocID] = append(items[it.DocID], it)
	}
	return editions(docs, items, opts)
}

// LinkID is stable for the same pair and relation.
func LinkID(src, dst, relation string) string {
	h := sha256.New()
	for _, p := range []string{src, dst, relation} {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return "link-" + hex.EncodeToString(h.Sum(nil))[:16]
}

// area is the block of one local area: links never cross areas, so work
// grows with the documents of an area, not with the whole batch.
type area struct {
	name  string
	docs  map[string]*normalize.Document
	items []*normalize.Item
	// titles caches each document's folded title: renderings asks for
	// it for every pair of items.
	titles map[string]string
}

// title is the folded title of document id, folded once.
func (a *area) title(id string) string {
	t, ok := a.titles[id]
	if !ok {
		if a.titles == nil {
			a.titles = map[string]string{}
		}
		t = fold(a.docs[id].Title)
		a.titles[id] = t
	}
	return t
}

func areas(in Input) []*area {
	docs := map[string]*normalize.Document{}
	for i := range in.Documents {
		docs[in.Documents[i].ID] = &in.Documents[i]
	}
	byName := map[string]*area{}
	var out []*area
	for i := range in.Items {
		it := &in.Items[i]
		d := docs[it.DocID]
		if d == nil {
			continue
		}
		// A document of no known area can still link within itself.
		name := d.LocalArea
		if name == "" {
			name = "doc:" + d.ID
		}
		a := byName[name]
		if a == nil {
			a = &area{name: name, docs: map[string]*normalize.Document{}}
			byName[name] = a
			out = append(out, a)
		}
		a.docs[d.ID] = d
		a.items = append(a.items, it)
	}
	return out
}

// candidate is one scored pair.
type candidate struct {
	src, dst *normalize.Item
	relation string
	score    float64
	method   string
	evidence []string
	feat     Features
}

// scorer holds what scoring a pair of an area's items needs, built once
// per area: the linking pass scores every pair, the learning pass only the
// pairs reviewers decided.
type scorer struct {
	a             *area
	opts          Options
	c             *corpus
	vecs          map[*normalize.Item]vector
	themes        map[*normalize.Item][]string
	parents       map[*normalize.Item]*normalize.Item
	titleRefs     map[pair]bool
	codesFindings map[*normalize.Item]bool
	docsCoding    map[string]bool
	codes         *codeIndex
	// words caches wordsOf each source's statement: similar quotes it
	// for every candidate of the source.
	words map[*normalize.Item]map[string]string
	// implVecs caches implVec: blocking and scoring both need it.
	implVecs map[*normalize.Item]vector
}

// wordsOf is wordsOf(statement(src)), taken once per source.
func (s *scorer) wordsOf(src *normalize.Item) map[string]string {
	w, ok := s.words[src]
	if !ok {
		if s.words == nil {
			s.words = map[*normalize.Item]map[string]string{}
		}
		w = wordsOf(statement(src))
		s.words[src] = w
	}
	return w
}

func (a *area) scorer(opts Options) *scorer {
	texts := make([][]string, len(a.items))
	for i, it := range a.items {
		texts[i] = terms(statement(it))
	}
	s := &scorer{a: a, opts: opts, c: newCorpus(texts), vecs: map[*normalize.Item]vector{}, themes: map[*normalize.Item][]string{}}
	for i, it := range a.items {
		s.vecs[it] = s.c.vector(texts[i])
	}
	for _, it := range a.items {
		s.themes[it] = themesOf(statement(it), opts.Themes)
	}
	s.parents = a.parents()
	s.titleRefs = a.titleRefs(opts)
	s.codesFindings, s.docsCoding = a.actionsCodingFindings()
	s.codes = a.codes(opts)
	return s
}

// implVec is what src is compared with priorities and outcomes by: against
// them an action speaks with a share of its priority's heading and
// objective too; not the priority's rationale, which ranges wider than any
// one action.
func (s *scorer) implVec(src *normalize.Item) vector {
	if v, ok := s.implVecs[src]; ok {
		return v
	}
	v := s.vecs[src]
	if p := s.parents[src]; p != nil && s.opts.ParentShare > 0 {
		v = blend(v, s.c.vector(terms(p.Text+" "+p.Objective)), s.opts.ParentShare)
	}
	if s.implVecs == nil {
		s.implVecs = map[*normalize.Item]vector{}
	}
	s.implVecs[src] = v
	return v
}

// score scores the pair src → dst; false when the two cannot be linked.
func (s *scorer) score(src, dst *normalize.Item, implVec vector) (candidate, bool) {
	a, opts, codes := s.a, s.opts, s.codes
	if a.renderings(src, dst) {
		return candidate{}, false
	}
	rel := relation(src, dst)
	if rel == "" || rel == RelImplements && dst.DocID == src.DocID && !codes.holdsFindings[dst.DocID] {
		// Outcomes of the action's own document are what it
		// delivers only in a written statement of action, whose
		// outcomes say what answering its findings looks like.
		return candidate{}, false
	}
	if rel == RelAddresses && dst.DocID != src.DocID && codes.holdsActions[dst.DocID] {
		// A finding is answered where it is stated: in the
		// action's own plan, or in the inspection's letter or
		// report (findings, no actions). Another plan quoting it
		// restates it (same_as) and answers it with its own
		// actions.
		return candidate{}, false
	}
	cand := candidate{src: src, dst: dst, relation: rel}
	codes.explicit(&cand, opts)
	if s.titleRefs[pair{src, dst}] {
		cand.add(FeatureTitleRef, 1, opts.Weights.TitleRef, "title_ref", fmt.Sprintf("text names %q", a.docs[dst.DocID].Title))
	}
	if rel == RelAddresses && cand.score == 0 && (s.codesFindings[src] || codes.coded[src] || src.DocID == dst.DocID && s.docsCoding[src.DocID]) {
		// The action's own references name its findings, or its
		// document maps its actions to its own findings by
		// reference: that mapping is the document's word, and a
		// resemblance does not overrule it.
		return candidate{}, false
	}
	sv := s.vecs[src]
	if rel == RelImplements {
		sv = implVec
	}
	cand.similar(sv, s.vecs[dst], s.wordsOf(src), opts)
	codes.sameSection(&cand, opts)
	cand.themed(s.themes[src], s.themes[dst], opts)
	cand.shared(opts)
	return cand, true
}

func (a *area) link(opts Options) []Link {
	s := a.scorer(opts)
	b := s.blocker()
	logical := make(map[*normalize.Item]string, len(a.items))
	for _, it := range a.items {
		logical[it] = a.logical(it)
	}
	var cands []candidate
	// bestFor holds, per finding and per document, the best-scoring action
	// below the threshold: a finding's strongest candidate in each plan is
	// worth a reviewer's look even when the wording differs.
	bestFor := map[[2]string]candidate{}
	for _, src := range a.items {
		if src.Kind != normalize.KindAction && src.Kind != normalize.KindFinding {
			continue
		}
		implVec := s.implVec(src)
		var mine []candidate
		for _, dst := range b.candidates(src) {
			cand, ok := s.score(src, dst, implVec)
			if !ok {
				continue
			}
			rel := cand.relation
			if cand.score >= threshold(rel, opts) {
				mine = append(mine, cand)
			} else if rel == RelAddresses && opts.FindingFloor > 0 && cand.score >= opts.FindingFloor {
				k := [2]string{dst.ID, src.DocID}
				if b, ok := bestFor[k]; !ok || cand.score > b.score || cand.score == b.score && src.ID < b.src.ID {
					bestFor[k] = cand
				}
			}
		}
		cands = append(cands, best(mine, opts.MaxPerAction, logical)...)
	}
	cands = append(cands, bestPerFinding(cands, bestFor)...)
	links := make([]Link, 0, len(cands))
	for _, c := range cands {
		links = append(links, Link{
			ID: LinkID(c.src.ID, c.dst.ID, c.relation), Src: c.src.ID, Dst: c.dst.ID,
			Relation: c.relation, Score: round(min(c.score, 1)), Method: c.method,
			Evidence: strings.Join(c.evidence, "; "), Review: ReviewProposed,
		})
	}
	return links
}

type pair struct{ src, dst *normalize.Item }

// logical names an item the same way in every copy of its document (the
// same title in the area), so copies count as one item.
func (a *area) logical(it *normalize.Item) string {
	if t := a.docs[it.DocID].Title; t != "" && it.Key != "" {
		return fold(t) + "\x00" + string(it.Kind) + "\x00" + it.Key
	}
	return "\x00" + it.ID
}

// renderings reports whether two items come from two copies of one
// document: the same title in the same area, printed by two producers or
// saved twice. Linking them would only say a document agrees with itself.
func (a *area) renderings(x, y *normalize.Item) bool {
	if x.DocID == y.DocID {
		return false
	}
	return a.docs[x.DocID].Title != "" && a.title(x.DocID) == a.title(y.DocID)
}

// relation says which link src → dst could be, or "" for none. Actions
// address findings anywhere in the area; they implement priorities and
// outcomes of other documents; and an action can restate one of another
// document.
func relation(src, dst *normalize.Item) string {
	if src == dst {
		return ""
	}
	if src.Kind == normalize.KindFinding {
		// A finding quoted by a plan or a progress report is the
		// inspection's finding restated.
		if dst.Kind == normalize.KindFinding && dst.DocID != src.DocID && src.ID < dst.ID {
			return RelSameAs
		}
		return ""
	}
	if src.Kind != normalize.KindAction {
		return ""
	}
	switch dst.Kind {
	case normalize.KindFinding:
		return RelAddresses
	case normalize.KindOutcome:
		// A written statement of action states the outcomes its own
		// actions deliver.
		return RelImplements
	case normalize.KindPriority:
		if dst.DocID != src.DocID {
			return RelImplements
		}
	case normalize.KindAction:
		// same_as is symmetric: propose it once, from the lower id.
		if dst.DocID != src.DocID && src.ID < dst.ID {
			return RelSameAs
		}
	}
	return ""
}

func threshold(rel string, opts Options) float64 {
	switch rel {
	case RelAddresses:
		return opts.Threshold.Addresses
	case RelImplements:
		return opts.Threshold.Implements
	default:
		return opts.Threshold.SameAs
	}
}

// add counts one piece of evidence of the given kind: its value (a
// similarity, a share, a count) times the kind's weight joins the score,
// and the value is kept as the candidate's feature for learning. A kind
// weighted 0 is switched off: it neither scores nor is learnt.
func (c *candidate) add(kind Feature, value, weight float64, method, evidence string) {
	if weight*value <= 0 {
		return
	}
	c.feat[kind] += value
	c.score += weight * value
	if c.method == "" {
		c.method = method
	} else if !strings.Contains(c.method, method) {
		c.method += "+" + method
	}
	c.evidence = append(c.evidence, evidence)
}

// srcWords is wordsOf the source's statement, taken once per source.
func (c *candidate) similar(a, b vector, srcWords map[string]string, opts Options) {
	sim := cosine(a, b)
	if sim < 0.05 {
		return
	}
	// Two short statements sharing one or two words get a high cosine on
	// those words alone ("Review of the Local Offer" and "review the offer
	// and pathway"); similarity resting on fewer shared terms than
	// MinSharedTerms is scaled down in proportion.
	n := 0
	a.shared(b, func(string, float64, float64) { n++ })
	if n < opts.MinSharedTerms {
		sim *= float64(n) / float64(opts.MinSharedTerms)
	}
	shared := quoteTerms(srcWords, sharedTerms(a, b, 4))
	c.add(FeatureText, sim, opts.Weights.Text, "text", fmt.Sprintf("%.2f text similarity on '%s'", sim, strings.Join(shared, " ")))
}

// shared adds the evidence of shared leads, organisations and due dates;
// alone it never makes a link, but it separates two equally similar
// candidates.
func (c *candidate) shared(opts Options) {
	if c.score == 0 {
		return
	}
	if n, j := overlap(c.src.Leads, c.dst.Leads); n > 0 {
		c.add(FeatureSharedLead, j, opts.Weights.SharedLead, "people", "shared lead "+strings.Join(n1(c.src.Leads, c.dst.Leads), ", "))
	}
	if n, j := overlap(c.src.LeadOrgs, c.dst.LeadOrgs); n > 0 {
		c.add(FeatureSharedOrg, j, opts.Weights.SharedOrg, "orgs", fmt.Sprintf("%d shared lead organisations", n))
	}
	if a, b := c.src.Due, c.dst.Due; !a.IsZero() && !b.IsZero() && sameDay(a, b) {
		c.add(FeatureSharedDate, 1, opts.Weights.SharedDate, "dates", "both due "+dateAt(a, coarser(a.Precision, b.Precision)))
	}
}

// titleRefs finds actions whose text names another document of the area by
// its title ("implement the Integrated SEND Commissioning Strategy"): they
// implement every priority of that document.
func (a *area) titleRefs(opts Options) map[pair]bool {
	out := map[pair]bool{}
	if opts.Weights.TitleRef <= 0 {
		return out
	}
	holdsFindings := map[string]bool{}
	for _, it := range a.items {
		if it.Kind == normalize.KindFinding {
			holdsFindings[it.DocID] = true
		}
	}
	// Only a document with priorities can be implemented by name; each
	// is found through one of its title's distinctive words.
	priorities := map[string][]*normalize.Item{}
	for _, it := range a.items {
		if it.Kind == normalize.KindPriority {
			priorities[it.DocID] = append(priorities[it.DocID], it)
		}
	}
	titleWords := map[string][]string{}
	byWord := map[string][]string{}
	for id := range priorities {
		// A report on an inspection (it holds findings) is not
		// delivered by implementing it, though plans name it.
		if holdsFindings[id] {
			continue
		}
		if w := distinctive(a.docs[id]); len(w) >= 2 {
			titleWords[id] = w
			byWord[w[0]] = append(byWord[w[0]], id)
		}
	}
	for _, src := range a.items {
		if src.Kind != normalize.KindAction {
			continue
		}
		have := map[string]bool{}
		for _, t := range terms(src.Text + " " + strings.Join(src.Measures, " ")) {
			have[t] = true
		}
		for w := range have {
			for _, id := range byWord[w] {
				if id == src.DocID || a.title(id) == a.title(src.DocID) || !hasAll(have, titleWords[id]) {
					continue
				}
				for _, dst := range priorities[id] {
					out[pair{src, dst}] = true
				}
			}
		}
	}
	return out
}

// hasAll reports whether every word is among have.
func hasAll(have map[string]bool, words []string) bool {
	for _, w := range words {
		if !have[w] {
			return false
		}
	}
	return true
}

// distinctive lists the words of d's title that name it: its area and
// years left out.
func distinctive(d *normalize.Document) []string {
	area := map[string]bool{}
	for _, t := range terms(d.LocalArea) {
		area[t] = true
	}
	var out []string
	for _, t := range terms(d.Title) {
		if area[t] || strings.IndexFunc(t, func(r rune) bool { return r < '0' || r > '9' }) < 0 {
			continue
		}
		out = append(out, t)
	}
	return out
}

// bestPerFinding returns, for each finding and document that no proposed
// link already joins, the best candidate found there, in a stable order.
// Such a candidate is below the threshold, so it needs a second kind of
// evidence: the finding and the action speak to one theme. A finding that
// would be left with no candidate at all still gets its best one, so
// reviewers see a candidate rather than a gap.
func bestPerFinding(chosen []candidate, bestFor map[[2]string]candidate) []candidate {
	linked := map[[2]string]bool{}
	answered := map[string]bool{}
	for _, c := range chosen {
		if c.relation == RelAddresses {
			linked[[2]string{c.dst.ID, c.src.DocID}] = true
			answered[c.dst.ID] = true
		}
	}
	var out []candidate
	fallback := map[string]candidate{}
	for k, c := range bestFor {
		if linked[k] {
			continue
		}
		c.evidence = append(c.evidence, "best match in its document for "+c.dst.Key)
		if strings.Contains(c.method, "theme") {
			out = append(out, c)
			answered[c.dst.ID] = true
		} else if f, ok := fallback[c.dst.ID]; !ok || c.score > f.score || c.score == f.score && c.src.ID < f.src.ID {
			fallback[c.dst.ID] = c
		}
	}
	for id, c := range fallback {
		if !answered[id] {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(a.dst.ID, b.dst.ID), cmp.Compare(a.src.ID, b.src.ID))
	})
	return out
}

// parents maps each action to the priority it sits under in its own
// document, whose statement says what the action is for.
func (a *area) parents() map[*normalize.Item]*normalize.Item {
	byKey := map[[2]string]*normalize.Item{}
	for _, it := range a.items {
		if it.Kind == normalize.KindPriority {
			byKey[[2]string{it.DocID, it.Key}] = it
		}
	}
	out := map[*normalize.Item]*normalize.Item{}
	for _, it := range a.items {
		if p := byKey[[2]string{it.DocID, it.ParentKey}]; it.ParentKey != "" && p != nil {
			out[it] = p
		}
	}
	return out
}

// actionsCodingFindings lists the actions whose references name a finding
// of the area, and the documents whose actions name findings of their own.
func (a *area) actionsCodingFindings() (map[*normalize.Item]bool, map[string]bool) {
	keys := map[string]bool{}
	own := map[[2]string]bool{}
	for _, it := range a.items {
		if it.Kind == normalize.KindFinding && it.Key != "" {
			keys[strings.ToUpper(it.Key)] = true
			own[[2]string{it.DocID, strings.ToUpper(it.Key)}] = true
		}
	}
	out := map[*normalize.Item]bool{}
	docs := map[string]bool{}
	for _, it := range a.items {
		if it.Kind != normalize.KindAction {
			continue
		}
		for _, r := range it.Refs {
			r = strings.ToUpper(r)
			if keys[r] {
				out[it] = true
			}
			if own[[2]string{it.DocID, r}] {
				docs[it.DocID] = true
			}
		}
	}
	return out, docs
}

// best keeps the candidates of each relation to the n highest-scoring
// targets; copies of one target (the HTML and a PDF of one report) count
// as one, so a batch holding both links an action to each.
func best(cands []candidate, n int, logical map[*normalize.Item]string) []candidate {
	slices.SortStableFunc(cands, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(a.relation, b.relation), cmp.Compare(b.score, a.score), cmp.Compare(a.dst.ID, b.dst.ID))
	})
	var out []candidate
	count := map[string]int{}
	kept := map[[2]string]bool{}
	for _, c := range cands {
		k := [2]string{c.relation, logical[c.dst]}
		// A reference is the document's own word: never cut.
		if kept[k] || count[c.relation] < n || strings.Contains(c.method, "ref") {
			out = append(out, c)
			if !kept[k] {
				kept[k] = true
				count[c.relation]++
			}
		}
	}
	return out
}

// statement is the text an item is compared by.
func statement(it *normalize.Item) string {
	parts := []string{it.Text, it.Objective}
	switch it.Kind {
	case normalize.KindFinding:
		parts = append(parts, it.Outcomes...)
		parts = append(parts, it.Progress...)
	case normalize.KindPriority:
		// A priority's heading is often two words ("Next Step - SEND
		// Provision"); why it is a priority says what it is for.
		parts = append(parts, it.Rationale...)
	}
	return strings.Join(parts, " ")
}

func overlap(a, b []string) (int, float64) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0
	}
	n := len(n1(a, b))
	union := len(a) + len(b) - n
	return n, float64(n) / float64(union)
}

// n1 lists the entries of a also in b, folded.
func n1(a, b []string) []string {
	in := map[string]bool{}
	for _, s := range b {
		in[fold(s)] = true
	}
	var out []string
	for _, s := range a {
		if in[fold(s)] {
			out = append(out, s)
		}
	}
	return out
}

// fold lowercases s and collapses its white space, for comparing names.
// It runs for every pair of candidate items' leads, so ASCII text takes a
// path of one allocation.
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return foldRunes(s)
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case ' ', '\t', '\n', '\v', '\f', '\r':
			continue
		}
		if i > 0 && b.Len() > 0 && isASCIISpace(s[i-1]) {
			b.WriteByte(' ')
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func foldRunes(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

func round(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
