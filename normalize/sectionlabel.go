package normalize

import (
	"regexp"
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// A plan laid out one section per inspection finding often opens each
// section with a styled line rather than a heading: "Area for priority
// action 1 (PA1): Data and information", "Area for Improvement 2 - what the
// inspectors said". Such a line starts a section as a heading would: it
// ends a skipped section above it (a glossary), and what follows, up to the
// next such line or a heading of the enclosing level, belongs to that
// finding.

// labelParagraph reads a paragraph that starts with a finding's label and
// says little else: the finding's code, or "".
func (b *builder) labelParagraph(blk *layout.Block) string {
	text := oneLine(blk.Text)
	if text == "" || len(strings.Fields(text)) > 16 {
		return ""
	}
	head := text
	if i := strings.IndexAny(head, ":(–—"); i > 0 {
		head = head[:i]
	} else if i := strings.Index(head, " - "); i > 0 {
		head = head[:i]
	}
	code, kind, ok := b.refs.Label(strings.TrimSpace(head))
	if !ok || kind != KindFinding {
		return ""
	}
	return code
}

// openLabelSection starts the section of a finding label paragraph: the
// skipped sections and earlier label sections above it are closed, and a
// section whose priority (the parent of the actions in it) is the finding
// is opened one level below the enclosing heading.
//
// Under a priority heading ("1. Leadership and governance" quoting "Area
// for Improvement 1") the heading stays the actions' parent: the label
// only quotes the finding the priority answers.
func (b *builder) openLabelSection(code, text string) {
	b.prose = nil // the previous finding's section ends here
	// An earlier label's section ends here, with the headings inside it.
	for k := len(b.stack) - 1; k >= 0; k-- {
		if b.stack[k].label {
			b.stack = b.stack[:k]
			break
		}
	}
	for len(b.stack) > 0 && b.stack[len(b.stack)-1].skip {
		b.stack = b.stack[:len(b.stack)-1]
	}
	parent := b.top()
	if parent.priority != "" {
		return
	}
	ctx := headingCtx{level: parent.level + 1, text: text, priority: code, label: true, item: -1}
	b.stack = append(b.stack, ctx)
	if b.find(KindFinding, code) >= 0 {
		return
	}
	// The finding is stated below its label: its statement, leads and
	// progress come from the paragraphs that follow (paragraph's prose
	// reading), the label line itself being read here.
	b.rule = "paragraph: finding label opening its section; statement from the paragraphs below"
	idx := b.add(Item{Kind: KindFinding, Key: code, Page: b.doc.Blocks[b.cur].Page}, itemAux{})
	b.prose = &proseFinding{item: idx, level: ctx.level}
	b.leadDone, b.quoteDone = b.cur, b.cur
}

// reFootnote is a footnote's mark and text: "1 Target dates given as ...".
var reFootnote = regexp.MustCompile(`^\d{1,2}\s+\p{Lu}`)

// footnote reports whether a paragraph right after a table is that table's
// footnote ("1 Target dates given as quarters use ..."): no progress of the
// finding whose section holds the table.
func (b *builder) footnote(text string) bool {
	return b.cur > 0 && b.doc.Blocks[b.cur-1].Kind == layout.KindTable && reFootnote.MatchString(text)
}
