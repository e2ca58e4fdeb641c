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
	skip     []*regexp.Regexp
	// label reads "Priority 1: ..." headings (normalize.heading_labels).
	label *regexp.Regexp

	items []Item
	aux   []itemAux
	// counters of positional keys, per prefix.
	counters map[string]int

	stack    []headingCtx
	lastPara string
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
		doc:      doc,
		d:        d,
		opts:     opts,
		cols:     newColumnMatcher(opts.Columns),
		refs:     newRefParser(opts),
		leads:    newLeadParser(opts, d.Acronyms),
		counters: map[string]int{},
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
	return b
}

func (b *builder) run() {
	prio := b.priorityHeadings()
	for i := range b.doc.Blocks {
		blk := &b.doc.Blocks[i]
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

// priorityHeadings finds the numbered headings that head an action table:
// those are priorities ("1. Next Step - SEND Partnership").
func (b *builder) priorityHeadings() map[int]string {
	out := map[int]string{}
	blocks := b.doc.Blocks
	for i, blk := range blocks {
		if blk.Kind != layout.KindHeading {
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
			if nb.Kind == layout.KindTable {
				h := b.cols.readHeader(nb.Table)
				if h.has(RoleText) && !h.has(RolePriority) {
					out[i] = code
					break
				}
			}
		}
	}
	return out
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
		if s, e, ok := Period(text); ok {
			ctx.period, ctx.hasPeriod = [2]Date{s, e}, true
		}
	}
	if prioKey != "" && !ctx.skip {
		_, rest := b.headingCode(text)
		b.addPriority(prioKey, rest, blk.Page)
		ctx.priority = prioKey
	}
	b.stack = append(b.stack, ctx)
	b.lastPara = ""
	if ctx.skip {
		return
	}
	if code, kind, ok := b.refs.Label(text); ok {
		idx := b.add(Item{Kind: kind, Key: code, Page: blk.Page}, itemAux{})
		b.prose = &proseFinding{item: idx, level: level}
	}
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

var reCaptionPara = regexp.MustCompile(`(?i)^(graph|figure|chart|table|diagram|image|source)\s*\d*\s*[:.]`)

func (b *builder) paragraph(blk *layout.Block) {
	text := oneLine(blk.Text)
	if text == "" {
		return
	}
	if b.prose != nil && !b.top().skip {
		it := &b.items[b.prose.item]
		switch {
		case reLeadsLabel.MatchString(text):
			l, o := b.leads.Parse(text)
			it.Leads = append(it.Leads, l...)
			it.LeadOrgs = append(it.LeadOrgs, o...)
		case !b.prose.text:
			it.Text = cleanText(text)
			b.prose.text = true
		case reCaptionPara.MatchString(text):
		default:
			it.Progress = append(it.Progress, cleanText(text))
		}
		return
	}
	b.lastPara = text
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
