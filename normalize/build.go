package normalize

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// builder walks a layout document in reading order, keeping the heading
// context (enclosing priority, period, skipped sections), and collects items.
type builder struct {
	doc      *layout.Document
	d        *Document
	opts     Options
	cols     columnMatcher
	refs     *refParser
	leads    *leadParser
	sections []sectionMatcher
	// sectionMemo caches sectionIndex by text.
	sectionMemo map[string]int
	skip        []*regexp.Regexp
	// label reads "Priority 1: ..." headings (normalize.heading_labels).
	label *regexp.Regexp

	// fields are the field_sections rules; captions the caption words.
	fields   []fieldMatcher
	captions *regexp.Regexp
	// pronoun finds a first-person word (statement_pronouns).
	pronoun *regexp.Regexp

	items []Item
	aux   []itemAux
	// headers caches each table's header with the roles its cells gave
	// (colroles.go): read for items and again for explain.
	headers map[*layout.Table]tableHeader
	// cur is the index of the block being read; rule names the rule that
	// is reading it, for explain.
	cur  int
	rule string
	// leadDone to quoteDone are the blocks already read as a finding's
	// statement: the lead-in before it ("The inspection letter said:"),
	// the quotation, every paragraph of a quotation broken line by line.
	quoteDone int
	leadDone  int
	// modal finds the words of an instruction (finding_modals).
	modal *regexp.Regexp
	// codeLabel reads "Action 1.1:" at the start of an item's text.
	codeLabel *regexp.Regexp
	// titleLine is the last heading-like paragraph since the last heading.
	titleLine string
	// headAt and skipAt are, per block, the nearest heading before it and
	// whether it is in a skipped section (index).
	headAt []int
	skipAt []bool
	// counters of positional keys, per prefix.
	counters map[string]int

	stack    []headingCtx
	lastPara string
	// delivers holds what mapping tables say each section (by folded
	// code) delivers of another document (delivers.go).
	delivers map[string][]string
	// prose finding under a heading like "Area for Priority Action 1:".
	prose *proseFinding
}

// itemAux is what the builder keeps beside an item while building.
type itemAux struct {
	// appendixBase is the referred code of an appendix row (A-<code>), to
	// add a, b suffixes when several rows refer to the same code.
	appendixBase string
	// periodStart/End are the enclosing heading's period.
	period [2]Date
	// ownDates is set when the item's own cells or text gave a date.
	ownDates bool
	// rawDue is the due or timescale text that was read.
	rawDue   string
	unparsed bool
	nullDue  bool
	// rule and block say which rule made the item from which layout
	// block (explain).
	rule  string
	block int
}

type fieldMatcher struct {
	field string
	res   []*regexp.Regexp
}

type headingCtx struct {
	level     int
	text      string
	priority  string
	period    [2]Date
	hasPeriod bool
	skip      bool
	// label marks a section opened by a finding label paragraph, not a
	// heading (sectionlabel.go).
	label bool
	// field is the list field (rationale, ...) the section's content
	// gives the enclosing item, from field_sections.
	field string
	// item is the finding a restating heading opened, whose section it is.
	item int
}

type proseFinding struct {
	item  int
	level int
	text  bool // text read
}

type sectionMatcher struct {
	kind   Kind
	prefix string
	res    []*regexp.Regexp
}

func newBuilder(doc *layout.Document, d *Document, opts Options) *builder {
	b := &builder{
		doc:       doc,
		d:         d,
		opts:      opts,
		cols:      newColumnMatcher(opts.Columns),
		refs:      newRefParser(opts),
		leads:     newLeadParser(opts, d.Acronyms),
		counters:  map[string]int{},
		quoteDone: -1,
		leadDone:  -1,
	}
	for _, s := range opts.Sections {
		m := sectionMatcher{kind: Kind(s.Kind), prefix: s.KeyPrefix}
		for _, p := range s.Patterns {
			m.res = append(m.res, mustCompile("(?i)"+p))
		}
		b.sections = append(b.sections, m)
	}
	for _, p := range opts.SkipSections {
		b.skip = append(b.skip, mustCompile("(?i)"+p))
	}
	if len(opts.HeadingLabels) > 0 {
		b.label = mustCompile(headingLabelPattern(opts.HeadingLabels))
	}
	for _, f := range opts.FieldSections {
		m := fieldMatcher{field: f.Field}
		for _, p := range f.Patterns {
			m.res = append(m.res, mustCompile("(?i)"+p))
		}
		b.fields = append(b.fields, m)
	}
	if len(opts.CaptionWords) > 0 {
		b.captions = mustCompile(wordsPattern(`^\s*(?:`, opts.CaptionWords, `)\s*\d*\s*[:.]`))
	}
	if len(opts.CodeLabels) > 0 {
		b.codeLabel = mustCompile(wordsPattern(`^\s*(?:`, opts.CodeLabels, `)\s*(\d{1,2}(?:\.\d{1,2})*[a-z]?)\s*[:.)\-–—]?\s+`))
	}
	if len(opts.FindingModals) > 0 {
		b.modal = mustCompile(wordsPattern(`\b(?:`, opts.FindingModals, `)\b`))
	}
	if len(opts.StatementPronouns) > 0 {
		// Case matters: "I" is a pronoun, "i" in "i.e." is not.
		b.pronoun = mustCompile(strings.TrimPrefix(wordsPattern(`(?:^|[^\pL])(?:`, opts.StatementPronouns, `)(?:$|[^\pL])`), "(?i)"))
	}
	return b
}

// wordsPattern joins quoted words as alternatives between before and
// after, case-insensitive.
func wordsPattern(before string, words []string, after string) string {
	alts := make([]string, 0, len(words))
	for _, w := range words {
		if w = strings.TrimSpace(w); w != "" {
			alts = append(alts, strings.Join(strings.Fields(regexp.QuoteMeta(w)), `\s+`))
		}
	}
	return "(?i)" + before + strings.Join(alts, "|") + after
}

func (b *builder) run() {
	prio := b.priorityHeadings()
	for i := range b.doc.Blocks {
		blk := &b.doc.Blocks[i]
		b.cur = i
		b.rule = ""
		switch blk.Kind {
		case layout.KindHeading:
			b.heading(blk, prio[i])
		case layout.KindParagraph:
			if code := b.labelParagraph(blk); code != "" {
				b.openLabelSection(code, oneLine(blk.Text))
			}
			b.paragraph(blk)
		case layout.KindList:
			b.list(blk)
			b.lastPara = ""
		case layout.KindTable:
			b.table(blk)
			b.lastPara = ""
		}
	}
}

func (b *builder) top() headingCtx {
	if len(b.stack) == 0 {
		return headingCtx{}
	}
	return b.stack[len(b.stack)-1]
}

// priorityHeadings finds the headings that are priorities, by what their
// sections hold: a numbered heading ("1. Next Step - SEND Partnership",
// "Priority 2: ...") over an action table or an action list. When no
// heading is numbered so, unnumbered headings of one level whose sections
// each hold an action list under a heading of their own are the
// priorities, numbered in order ("Listen to families" / "What we will do").
func (b *builder) priorityHeadings() map[int]string {
	out := map[int]string{}
	blocks := b.doc.Blocks
	for i, blk := range blocks {
		if blk.Kind != layout.KindHeading || b.skipped(i) {
			continue
		}
		code, _ := b.headingCode(oneLine(blk.Text))
		if code == "" || strings.Contains(code, ".") {
			continue
		}
		for j := i + 1; j < len(blocks); j++ {
			nb := blocks[j]
			if nb.Kind == layout.KindHeading && nb.Level <= blk.Level {
				break
			}
			if b.inSkipped(j) {
				continue
			}
			if nb.Kind == layout.KindTable {
				h := b.cols.readHeader(nb.Table)
				if h.has(RoleText) && !h.has(RolePriority) && !b.mappingTable(nb.Table, h) {
					out[i] = code
					break
				}
			}
			if nb.Kind == layout.KindList && b.listKindAt(j) == KindAction {
				out[i] = code
				break
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	// Unnumbered: the level with the most headings whose sections hold an
	// action list below a sub-heading.
	byLevel := map[int][]int{}
	for i, blk := range blocks {
		if blk.Kind != layout.KindHeading || b.skipped(i) {
			continue
		}
		if _, ok := b.sectionOf(oneLine(blk.Text), ""); ok {
			continue
		}
		for j := i + 1; j < len(blocks); j++ {
			nb := blocks[j]
			if nb.Kind == layout.KindHeading && nb.Level <= blk.Level {
				break
			}
			if nb.Kind == layout.KindList && b.listKindAt(j) == KindAction && b.headingOf(j) != i {
				byLevel[blk.Level] = append(byLevel[blk.Level], i)
				break
			}
		}
	}
	best := -1
	for lvl, hs := range byLevel {
		if best < 0 || len(hs) > len(byLevel[best]) || len(hs) == len(byLevel[best]) && lvl < best {
			best = lvl
		}
	}
	if best >= 0 && len(byLevel[best]) >= 2 {
		for n, i := range byLevel[best] {
			out[i] = strconv.Itoa(n + 1)
		}
	}
	return out
}

// headingOf is the index of the nearest heading before block j, or -1.
func (b *builder) headingOf(j int) int {
	b.index()
	return b.headAt[j]
}

// inSkipped reports whether block j is in a skipped section.
func (b *builder) inSkipped(j int) bool {
	b.index()
	return b.skipAt[j]
}

// skipped reports whether heading i is in a skipped section.
func (b *builder) skipped(i int) bool { return b.inSkipped(i) }

// index works out once, for every block, its nearest heading before it and
// whether it is in a skipped section (priorityHeadings asks for both many
// times).
func (b *builder) index() {
	if b.headAt != nil {
		return
	}
	n := len(b.doc.Blocks)
	b.headAt, b.skipAt = make([]int, n), make([]bool, n)
	type open struct {
		level int
		skip  bool
	}
	var stack []open
	last := -1
	for j, blk := range b.doc.Blocks {
		b.headAt[j] = last
		if blk.Kind != layout.KindHeading {
			b.skipAt[j] = len(stack) > 0 && stack[len(stack)-1].skip
			continue
		}
		for len(stack) > 0 && stack[len(stack)-1].level >= blk.Level {
			stack = stack[:len(stack)-1]
		}
		skip := (len(stack) > 0 && stack[len(stack)-1].skip) || matchAny(b.skip, blk.Text)
		stack = append(stack, open{blk.Level, skip})
		b.skipAt[j] = skip
		last = j
	}
}

// listKindAt is the kind of item the list at block j holds by its heading
// or the sentence introducing it ("We will:"), or "".
func (b *builder) listKindAt(j int) Kind {
	heading, lead := "", ""
	if h := b.headingOf(j); h >= 0 {
		heading = oneLine(b.doc.Blocks[h].Text)
	}
	if j > 0 && b.doc.Blocks[j-1].Kind == layout.KindParagraph && leadIn(b.doc.Blocks[j-1].Text) {
		lead = oneLine(b.doc.Blocks[j-1].Text)
	}
	if sec, ok := b.sectionOf(heading, lead); ok {
		return sec.kind
	}
	return ""
}

func (b *builder) heading(blk *layout.Block, prioKey string) {
	level := blk.Level
	if level == 0 {
		level = 6
	}
	for len(b.stack) > 0 && b.stack[len(b.stack)-1].level >= level {
		b.stack = b.stack[:len(b.stack)-1]
	}
	if b.prose != nil && level <= b.prose.level {
		b.prose = nil
	}
	parent := b.top()
	text := oneLine(blk.Text)
	ctx := headingCtx{level: level, text: text, priority: parent.priority, skip: parent.skip}
	for _, re := range b.skip {
		if re.MatchString(text) {
			ctx.skip = true
		}
	}
	if fold(text) != fold(b.d.Title) {
		if s, e, ok := HeadingPeriod(text); ok {
			ctx.period, ctx.hasPeriod = [2]Date{s, e}, true
		}
	}
	if prioKey != "" && !ctx.skip {
		_, rest := b.headingCode(text)
		b.rule = "heading: priority (its section holds actions)"
		b.addPriority(prioKey, rest, blk.Page)
		ctx.priority = prioKey
	}
	ctx.item = -1
	for _, f := range b.fields {
		if matchAny(f.res, text) {
			ctx.field = f.field
			break
		}
	}
	b.lastPara = ""
	b.titleLine = ""
	if ctx.skip {
		b.stack = append(b.stack, ctx)
		return
	}
	code, kind, rest, ok := b.refs.LabelText(text)
	if c := b.labelParagraph(blk); !ok && c != "" {
		// "Area for priority action 1 (PA1): Data and information": a
		// section per finding, the statement below the heading; the
		// actions in it answer the finding (sectionlabel.go). A heading
		// so labelled is the finding's section even under a numbered
		// one.
		code, kind, ok = c, KindFinding, true
		ctx.priority = c
	}
	switch {
	case !ok:
	case b.find(kind, code) >= 0:
		// A heading restating a finding stated before (an introduction's
		// list, then one section per finding) opens its section only: the
		// actions in it answer that finding (their parent).
		ctx.item = b.find(kind, code)
		ctx.priority = code
	case len(strings.Fields(rest)) >= 6 && !b.statementFollows(b.cur):
		// "Area of weakness 2: Leaders do not ..." states the finding.
		b.rule = "heading: finding label with its statement"
		b.add(Item{Kind: kind, Key: code, Text: cleanText(rest), Page: blk.Page}, itemAux{})
	default:
		// A label alone, or with a title ("Area for improvement 1 (AFI1):
		// Timeliness of plans", however long): the statement follows, then
		// the finding's leads and progress; the actions in its section
		// answer it.
		idx := -1
		if st := b.statementAfter(b.cur); st != "" {
			b.rule = "heading: finding label, statement in the paragraph below"
			idx = b.add(Item{Kind: kind, Key: code, Text: cleanText(st), Page: blk.Page}, itemAux{})
			b.prose = &proseFinding{item: idx, level: level, text: true}
		} else {
			b.rule = "heading: finding label; statement and progress from the paragraphs below"
			idx = b.add(Item{Kind: kind, Key: code, Page: blk.Page}, itemAux{})
			b.prose = &proseFinding{item: idx, level: level}
		}
		if kind == KindFinding && b.find(KindPriority, ctx.priority) < 0 {
			ctx.priority = code
		}
	}
	b.stack = append(b.stack, ctx)
}

// statementFollows reports whether a statement (statementAfter) follows
// the label at block i, without marking it read: where the inspectors'
// words are quoted below, the label's own words are its title.
func (b *builder) statementFollows(i int) bool {
	lead, quote := b.leadDone, b.quoteDone
	defer func() { b.leadDone, b.quoteDone = lead, quote }()
	return b.statementAfter(i) != ""
}

// statementAfter is a finding's statement in the blocks after its label
// at block i: a quoted paragraph (or two, the quotation opened in the
// first and closed in the second), or the paragraph after a short lead-in
// ("The inspection letter said:"). Both are marked read.
func (b *builder) statementAfter(i int) string {
	para := func(j int) string {
		if j < len(b.doc.Blocks) && b.doc.Blocks[j].Kind == layout.KindParagraph {
			return oneLine(b.doc.Blocks[j].Text)
		}
		return ""
	}
	next := para(i + 1)
	switch {
	case isQuoted(next):
		b.leadDone, b.quoteDone = i+1, i+1
		return unquote(next)
	case next != "" && !isQuoted(next) && opensQuote(next):
		// A quotation the producer's wide line spacing broke into
		// paragraphs, one a line: opened in the first, closed in a later
		// one, a few lines on. All of it is read.
		joined := next
		for j := i + 2; j <= i+maxQuoteParagraphs && para(j) != ""; j++ {
			joined += " " + para(j)
			if isQuoted(joined) {
				b.leadDone, b.quoteDone = i+1, j
				return unquote(joined)
			}
		}
	case next != "" && leadIn(next) && len(strings.Fields(next)) <= 8 && para(i+2) != "":
		b.leadDone, b.quoteDone = i+1, i+2
		return unquote(para(i + 2))
	}
	return ""
}

func matchAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// headingLabelPattern matches a heading label and its number at the start
// of a heading, "Next Step 2 - ...", whatever the spaces inside the label.
func headingLabelPattern(labels []string) string {
	alts := make([]string, len(labels))
	for i, l := range labels {
		alts[i] = strings.Join(strings.Fields(regexp.QuoteMeta(l)), `\s+`)
	}
	return `(?i)^\s*(?:` + strings.Join(alts, "|") + `)\s+(\d{1,2})\s*[:.\-–—]?\s*`
}

// headingCode reads a heading's number: "1. Next Step", "Priority 1: ...".
func (b *builder) headingCode(s string) (code, rest string) {
	if b.label != nil {
		if m := b.label.FindStringSubmatchIndex(s); m != nil {
			return s[m[2]:m[3]], strings.TrimSpace(s[m[1]:])
		}
	}
	return splitCode(s)
}

func (b *builder) paragraph(blk *layout.Block) {
	text := oneLine(blk.Text)
	if text == "" || b.leadDone <= b.cur && b.cur <= b.quoteDone {
		return
	}
	ctx := b.top()
	if !ctx.skip && b.findingParagraph(blk, text) {
		b.lastPara = ""
		return
	}
	if b.prose != nil && !ctx.skip {
		it := &b.items[b.prose.item]
		if rest, ok := b.leadsLine(text); ok {
			l, o := b.leads.Parse(rest)
			it.Leads = append(it.Leads, l...)
			it.LeadOrgs = append(it.LeadOrgs, o...)
			return
		}
		switch {
		case !b.prose.text && leadIn(text):
			// "The inspection letter said:" introduces the statement.
		case !b.prose.text:
			it.Text = cleanText(unquote(text))
			b.prose.text = true
		case b.caption(text) || b.footnote(text):
		default:
			it.Progress = append(it.Progress, cleanText(text))
		}
		return
	}
	if !ctx.skip && ctx.field != "" && !leadIn(text) && !b.caption(text) {
		if i := b.fieldTarget(); i >= 0 {
			b.addToField(&b.items[i], ctx.field, sentences(text))
			return
		}
	}
	if !ctx.skip && b.instruction(text) {
		return
	}
	if !ctx.skip && b.numberedAction(blk, text) {
		b.lastPara = ""
		return
	}
	if isSubheading(text) && len(strings.Fields(text)) <= 8 {
		// A short line without final punctuation heads what follows, as a
		// heading would, in a format without headings (plain text).
		b.titleLine = text
	}
	b.lastPara = text
}

var reByDate = regexp.MustCompile(`(?i)^(by|due|deadline|timescale)\b:?\s*`)

// numberedAction reads a paragraph that starts with an item code under a
// heading (or a heading-like line) that names actions ("Key actions"):
// "1.2 Work with partners to ... Lead: Jo Bloggs. By March 2024." is
// action 1.2 with its lead and due date. Outside such a section numbered
// paragraphs are a report's own numbering, not actions.
func (b *builder) numberedAction(blk *layout.Block, text string) bool {
	code, rest := b.leadCode(text)
	if code == "" || rest == "" {
		return false
	}
	heading := b.top().text
	if b.titleLine != "" {
		heading = b.titleLine
	}
	sec, ok := b.sectionOf(heading, "")
	if !ok || sec.kind != KindAction {
		return false
	}
	b.rule = fmt.Sprintf("paragraph: numbered action under %q", heading)
	it := Item{Kind: KindAction, Key: code, Page: blk.Page}
	aux := itemAux{}
	var keep []string
	for _, sent := range sentences(rest) {
		if r, ok := b.leadsLine(sent); ok {
			l, o := b.leads.Parse(strings.TrimSuffix(r, "."))
			it.Leads = append(it.Leads, l...)
			it.LeadOrgs = append(it.LeadOrgs, o...)
			continue
		}
		if m := reByDate.FindString(sent); m != "" && len(keep) > 0 {
			raw := strings.TrimSuffix(strings.TrimSpace(sent[len(m):]), ".")
			if _, ok := ParseTimescale(raw, b.opts.NullDates); ok {
				it.Timescale = raw
				b.readDates(&it, &aux, raw, false)
				continue
			}
		}
		keep = append(keep, sent)
	}
	it.Text = cleanText(strings.Join(keep, " "))
	it.ParentKey = b.parentOf(code)
	b.add(it, aux)
	return true
}

// leadsLine reads "Lead: ...", "Joint leads: ...": a label of a few words
// that names a lead column (normalize.columns.lead), then a colon. It
// returns what follows the colon.
func (b *builder) leadsLine(text string) (string, bool) {
	label, rest, ok := strings.Cut(text, ":")
	if !ok || len(strings.Fields(label)) > 4 || strings.TrimSpace(rest) == "" {
		return "", false
	}
	return strings.TrimSpace(rest), b.cols.Role(label) == RoleLead
}

// caption reports whether a paragraph is a caption ("Figure 2: ...").
func (b *builder) caption(text string) bool {
	return b.captions != nil && b.captions.MatchString(text)
}

// findingParagraph reads a paragraph that starts with a finding's label:
// "Area of weakness 2: Leaders ..." states it; "Area for Improvement 1 -
// what the inspectors said" followed by a quoted paragraph has the quote as
// its statement; a label alone opens a prose finding like a heading.
func (b *builder) findingParagraph(blk *layout.Block, text string) bool {
	code, kind, rest, ok := b.refs.LabelText(text)
	if !ok || kind != KindFinding {
		return false
	}
	quote := b.statementAfter(b.cur)
	b.prose = nil // a new finding's label ends the last one's prose
	if b.find(kind, code) >= 0 {
		return true // restated; its statement was read before
	}
	// A label that opens the finding's own section (not one quoted under
	// a priority) goes on with the finding's leads ("Executive lead: ...")
	// and progress in the paragraphs of its section.
	own := b.top().label
	level := b.top().level
	switch {
	case quote != "":
		b.rule = "paragraph: finding label, statement in the next paragraph"
		idx := b.add(Item{Kind: kind, Key: code, Text: cleanText(quote), Page: blk.Page}, itemAux{})
		if own {
			b.prose = &proseFinding{item: idx, level: level, text: true}
		}
	case len(strings.Fields(rest)) >= 6:
		b.rule = "paragraph: finding label with its statement"
		b.add(Item{Kind: kind, Key: code, Text: cleanText(rest), Page: blk.Page}, itemAux{})
	default:
		b.rule = "paragraph: finding label; statement and progress from the paragraphs below"
		idx := b.add(Item{Kind: kind, Key: code, Page: blk.Page}, itemAux{})
		b.prose = &proseFinding{item: idx, level: level + 1}
	}
	return true
}

// instruction reads a paragraph under a findings heading ("Areas for
// improvement") that instructs, as inspection findings do: "Leaders
// across the partnership should ...". It is a finding keyed by the
// section's prefix and its place.
func (b *builder) instruction(text string) bool {
	ctx := b.top()
	sec, ok := b.sectionOf(ctx.text, "")
	if !ok || sec.kind != KindFinding || sec.prefix == "" || b.modal == nil || leadIn(text) {
		return false
	}
	// Under a finding's own label the finding is read from the label.
	if _, _, _, labelled := b.refs.LabelText(ctx.text); labelled {
		return false
	}
	// The instruction is the paragraph's point: its first sentence has it.
	if first := sentences(unquote(text)); len(first) == 0 || !b.modal.MatchString(first[0]) {
		return false
	}
	b.rule = "paragraph: instruction under a findings heading (" + ctx.text + ")"
	key := sec.prefix + strconv.Itoa(b.next("finding:"+sec.prefix))
	b.add(Item{Kind: KindFinding, Key: key, Text: cleanText(unquote(text)), Page: b.doc.Blocks[b.cur].Page}, itemAux{})
	return true
}

// fieldTarget is the item a field section's content belongs to: the
// finding whose section it is, else the enclosing priority; -1 for none.
func (b *builder) fieldTarget() int {
	for i := len(b.stack) - 1; i >= 0; i-- {
		if b.stack[i].item >= 0 {
			return b.stack[i].item
		}
	}
	if p := b.top().priority; p != "" {
		return b.find(KindPriority, p)
	}
	return -1
}

// addToField appends entries to one list field of an item.
func (b *builder) addToField(it *Item, field string, entries []string) {
	switch field {
	case RoleRationale:
		it.Rationale = append(it.Rationale, entries...)
	case RoleMeasures:
		it.Measures = append(it.Measures, entries...)
	case RoleOutcomes:
		it.Outcomes = append(it.Outcomes, entries...)
	case RoleProgress:
		it.Progress = append(it.Progress, entries...)
	case RoleMilestones:
		it.Milestones = append(it.Milestones, entries...)
	}
}

// isQuoted reports whether a paragraph is one quotation from end to end.
// maxQuoteParagraphs bounds the paragraphs one quotation broken line by
// line may run to: an inspection finding is a few sentences.
const maxQuoteParagraphs = 8

// opensQuote reports whether s opens with a quotation mark.
func opensQuote(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.ContainsRune("\"“‘", []rune(s)[0])
}

func isQuoted(s string) bool {
	s = strings.TrimSpace(s)
	r := []rune(s)
	if len(r) < 3 {
		return false
	}
	open, end := r[0], r[len(r)-1]
	if end == '.' && len(r) > 3 {
		end = r[len(r)-2]
	}
	return strings.ContainsRune("\"“‘'", open) && strings.ContainsRune("\"”’'", end) &&
		!strings.ContainsAny(string(r[1:len(r)-2]), "“”\"")
}

// unquote drops the quotation marks around a whole statement.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	if !isQuoted(s) {
		return s
	}
	r := []rune(s)
	r = r[1:]
	if n := len(r); n > 0 && strings.ContainsRune("\"”’'", r[n-1]) {
		r = r[:n-1]
	} else if n > 1 && r[n-1] == '.' {
		r = append(r[:n-2], '.')
	}
	return strings.TrimSpace(string(r))
}

// period is the period of the nearest enclosing heading that states one.
func (b *builder) period() [2]Date {
	for i := len(b.stack) - 1; i >= 0; i-- {
		if b.stack[i].hasPeriod {
			return b.stack[i].period
		}
	}
	return [2]Date{}
}

// add appends an item and returns its index.
func (b *builder) add(it Item, aux itemAux) int {
	it.DocID = b.d.ID
	it.Text = strings.TrimSpace(it.Text)
	aux.block = b.cur
	if aux.rule == "" {
		aux.rule = b.rule
	}
	if aux.period[1].IsZero() {
		aux.period = b.period()
	}
	b.items = append(b.items, it)
	b.aux = append(b.aux, aux)
	return len(b.items) - 1
}

// addPriority adds priority key unless the document already has it.
func (b *builder) addPriority(key, text string, page int) int {
	if i := b.find(KindPriority, key); i >= 0 {
		return i
	}
	return b.add(Item{Kind: KindPriority, Key: key, Text: cleanText(text), Page: page}, itemAux{})
}

func (b *builder) find(kind Kind, key string) int {
	for i := range b.items {
		if b.items[i].Kind == kind && b.items[i].Key == key {
			return i
		}
	}
	return -1
}

func (b *builder) hasKind(k Kind) bool {
	for _, it := range b.items {
		if it.Kind == k {
			return true
		}
	}
	return false
}

// next returns the next positional number under prefix.
func (b *builder) next(prefix string) int {
	b.counters[prefix]++
	return b.counters[prefix]
}

// parentOf finds the priority an item code belongs to ("2.3" is under 2),
// else the heading's priority.
func (b *builder) parentOf(code string) string {
	if i := strings.Index(code, "."); i > 0 {
		if b.find(KindPriority, code[:i]) >= 0 {
			return code[:i]
		}
	}
	return b.top().priority
}

// positional returns the positional key of the n-th action under parent.
func (b *builder) positional(parent string) string {
	if parent == "" {
		return "A" + strconv.Itoa(b.next("A"))
	}
	return fmt.Sprintf("P%s.%d", parent, b.next("P"+parent))
}

// docPeriod is the years the document covers: from the title, else the
// first heading outside skipped sections that states a range, else the year
// of the first date in the opening blocks.
func (b *builder) docPeriod() (Date, Date) {
	if s, e, ok := Period(b.d.Title); ok {
		return s, e
	}
	var stack []headingCtx
	for _, blk := range b.doc.Blocks {
		if blk.Kind != layout.KindHeading {
			continue
		}
		for len(stack) > 0 && stack[len(stack)-1].level >= blk.Level {
			stack = stack[:len(stack)-1]
		}
		skip := len(stack) > 0 && stack[len(stack)-1].skip
		for _, re := range b.skip {
			if re.MatchString(blk.Text) {
				skip = true
			}
		}
		stack = append(stack, headingCtx{level: blk.Level, skip: skip})
		if skip {
			continue
		}
		if s, e, ok := Period(blk.Text); ok {
			return s, e
		}
	}
	for i, blk := range b.doc.Blocks {
		if i > 5 {
			break
		}
		if d, ok := ParseDate(blockText(blk), false); ok && d.Precision == PrecisionDay {
			s, _ := ParseDate(strconv.Itoa(d.Time.Year()), false)
			e, _ := ParseDate(strconv.Itoa(d.Time.Year()), true)
			return s, e
		}
	}
	return Date{}, Date{}
}

// leadCode separates an item's own code from its text: "1.2 Develop",
// "Action 1.2: Develop" (normalize.code_labels).
func (b *builder) leadCode(s string) (code, rest string) {
	if b.codeLabel != nil {
		if m := b.codeLabel.FindStringSubmatchIndex(s); m != nil {
			return s[m[2]:m[3]], strings.TrimSpace(s[m[1]:])
		}
	}
	return splitCode(s)
}
