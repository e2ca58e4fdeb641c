package pdflayout

import (
	"slices"
	"strings"

	"github.com/ledongthuc/pdf"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// contentKey names one piece of marked content: a page and an MCID.
type contentKey struct{ page, mcid int }

// taggedBuilder turns the structure tree into blocks.
type taggedBuilder struct {
	doc   *layout.Document
	pages []*pageContent
	// byMCID holds each piece of marked content's glyphs, as indexes
	// into its page's glyphs, in the order they were drawn.
	byMCID map[contentKey][]int32
	used   int // glyphs reached from the tree
	docText
	// onlyPages, when set, limits content to these page indexes: a table
	// cell drops the copies of itself that a repeated header row drew on
	// later pages.
	onlyPages map[int]bool
}

// Roles (ISO 32000-1 §14.8.4) by what they become.
var (
	headingLevel = map[string]int{"H": 1, "H1": 1, "H2": 2, "H3": 3, "H4": 4, "H5": 5, "H6": 6, "Title": 1}
	// blockRoles hold other blocks; an element holding none of them is a
	// paragraph of inline text.
	blockRoles = map[string]bool{
		"Document": true, "DocumentFragment": true, "Part": true, "Art": true, "Sect": true,
		"Div": true, "BlockQuote": true, "Caption": true, "TOC": true, "TOCI": true, "Index": true,
		"P": true, "L": true, "LI": true, "LBody": true, "Table": true, "TR": true, "TH": true,
		"TD": true, "THead": true, "TBody": true, "TFoot": true, "Figure": true, "Aside": true,
		"Note": true, "H": true, "H1": true, "H2": true, "H3": true,
		"H4": true, "H5": true, "H6": true, "Title": true,
	}
)

// minTaggedCoverage is the share of a document's visible glyphs the
// structure tree must reach for it to be trusted over geometry.
const minTaggedCoverage = 0.8

// buildTagged fills doc from the structure tree; false means the tree was
// unusable (empty, too big, or covering too little of the text) and the
// caller should fall back to geometry.
func buildTagged(doc *layout.Document, tree pdf.Value, refs []pageRef, pages []*pageContent, opts Options) bool {
	root := readStructTree(tree, refs, opts)
	if root == nil {
		return false
	}
	tb := &taggedBuilder{doc: doc, pages: pages, byMCID: map[contentKey][]int32{}}
	visible := 0
	for i, pc := range pages {
		if pc == nil {
			continue
		}
		// A piece of marked content is drawn in one run as a rule: the
		// map is looked up when the run changes, not for every glyph.
		var run []int32
		var runKey contentKey
		for gi := range pc.glyphs {
			g := &pc.glyphs[gi]
			if g.artifact || g.mcid < 0 {
				continue
			}
			visible++
			if k := (contentKey{i, g.mcid}); run == nil || k != runKey {
				if run != nil {
					tb.byMCID[runKey] = run
				}
				runKey, run = k, tb.byMCID[k]
			}
			run = append(run, int32(gi))
		}
		if run != nil {
			tb.byMCID[runKey] = run
		}
	}
	var all [][]line
	for _, pc := range pages {
		if pc != nil {
			all = append(all, buildLines(pc.glyphs, pc.number, lineOptions{splitGap: 3}))
		}
	}
	tb.docText = newDocText(all)
	blocks := tb.blocks(root, nil)
	if visible == 0 || float64(tb.used) < minTaggedCoverage*float64(visible) {
		return false
	}
	doc.Blocks = append(doc.Blocks, blocks...)
	addFurniture(doc, pages, func(g *glyph) bool { return g.artifact || g.mcid < 0 })
	return true
}

// blocks converts the kids of e into blocks, gathering loose inline content
// into paragraphs.
func (tb *taggedBuilder) blocks(e *structElem, out []layout.Block) []layout.Block {
	var inline []structKid
	flush := func() {
		if len(inline) == 0 {
			return
		}
		if text, page := tb.paragraph(inline); text != "" {
			out = append(out, layout.Block{Kind: layout.KindParagraph, Page: page, Text: text})
		}
		inline = nil
	}
	for _, k := range e.kids {
		if k.elem == nil || !isBlock(k.elem) {
			inline = append(inline, k)
			continue
		}
		flush()
		out = tb.block(k.elem, out)
	}
	flush()
	return out
}

func (tb *taggedBuilder) block(e *structElem, out []layout.Block) []layout.Block {
	switch {
	case headingLevel[e.role] > 0:
		if text, page := tb.paragraph(e.kids); text != "" {
			out = append(out, layout.Block{Kind: layout.KindHeading, Level: headingLevel[e.role], Page: page, Text: text})
		}
		return out
	case e.role == "L":
		list := &layout.List{}
		tb.listItems(e, 0, list)
		if len(list.Items) > 0 {
			out = append(out, layout.Block{Kind: layout.KindList, Page: list.Items[0].Page, List: list})
		}
		return out
	case e.role == "Table":
		return tb.table(e, out)
	case e.role == "Figure":
		// A figure's own text is a drawing's labels; only its caption reads
		// as text.
		for _, k := range e.kids {
			if k.elem != nil && k.elem.role == "Caption" {
				out = tb.blocks(k.elem, out)
			}
		}
		return out
	case !hasBlockKid(e):
		if text, page := tb.paragraph(e.kids); text != "" {
			out = append(out, layout.Block{Kind: layout.KindParagraph, Page: page, Text: text})
		}
		return out
	}
	return tb.blocks(e, out)
}

func isBlock(e *structElem) bool { return e.block }

func hasBlockKid(e *structElem) bool {
	for _, k := range e.kids {
		if k.elem != nil && isBlock(k.elem) {
			return true
		}
	}
	return false
}

// glyphRef is one glyph of the document: its page's index and its index
// among the page's glyphs.
type glyphRef struct{ page, i int32 }

func (tb *taggedBuilder) glyph(r glyphRef) *glyph { return &tb.pages[r.page].glyphs[r.i] }

// glyphsOf gathers the glyphs of kids and their descendants in tree order,
// skipping the subtrees skip says to.
func (tb *taggedBuilder) glyphsOf(kids []structKid, skip func(*structElem) bool, out []glyphRef) []glyphRef {
	for _, k := range kids {
		if k.elem != nil {
			if skip == nil || !skip(k.elem) {
				out = tb.glyphsOf(k.elem.kids, skip, out)
			}
			continue
		}
		if tb.onlyPages != nil && !tb.onlyPages[k.page] {
			continue
		}
		gs := tb.byMCID[contentKey{k.page, k.mcid}]
		tb.used += len(gs)
		for _, i := range gs {
			out = append(out, glyphRef{int32(k.page), i})
		}
	}
	return out
}

// paragraph is the text of kids as one paragraph: lines joined with spaces,
// page by page. It returns the first page (1-based).
func (tb *taggedBuilder) paragraph(kids []structKid) (string, int) {
	lines := tb.lines(tb.glyphsOf(kids, nil, nil))
	texts := make([]string, len(lines))
	for i, l := range lines {
		texts[i] = l.text
	}
	page := 0
	if len(lines) > 0 {
		page = lines[0].page
	}
	return joinLines(texts, tb.vocab), page
}

// lines builds lines from glyphs that may lie on several pages, page by
// page in order, each page's glyphs in the order given.
func (tb *taggedBuilder) lines(gs []glyphRef) []line {
	if len(gs) == 0 {
		return nil
	}
	var order []int32
	for _, g := range gs {
		if !slices.Contains(order, g.page) {
			order = append(order, g.page)
		}
	}
	slices.Sort(order)
	var out []line
	sel := make([]int32, 0, len(gs))
	for _, p := range order {
		sel = sel[:0]
		for _, g := range gs {
			if g.page == p {
				sel = append(sel, g.i)
			}
		}
		pc := tb.pages[p]
		out = append(out, buildLinesOf(pc.glyphs, sel, pc.number, lineOptions{})...)
	}
	return out
}

// paragraphLines is the text of kids as cell lines: wrapped lines joined,
// a new line at each hard break (where the next word would have fitted
// before right) and at each bullet.
func (tb *taggedBuilder) paragraphLines(kids []structKid, right float64) []layout.Line {
	return groupLines(tb.lines(tb.glyphsOf(kids, nil, nil)), right, tb.docText)
}

// listItems flattens list e into items, nested lists one level deeper.
func (tb *taggedBuilder) listItems(e *structElem, depth int, list *layout.List) {
	for _, k := range e.kids {
		if k.elem == nil {
			continue
		}
		switch k.elem.role {
		case "LI":
			tb.listItem(k.elem, depth, list)
		case "L":
			tb.listItems(k.elem, depth+1, list)
		}
	}
}

func (tb *taggedBuilder) listItem(li *structElem, depth int, list *layout.List) {
	var marker string
	var body []structKid
	var nested []*structElem
	collectItem(li, &marker, &body, &nested, tb)
	text, page := tb.paragraph(body)
	item := layout.ListItem{Text: text, Marker: marker, Depth: depth, Page: page}
	if n, ok := markerNumber(marker); ok {
		list.Ordered = true
		item.Number = n
	}
	if text != "" || marker != "" {
		list.Items = append(list.Items, item)
	}
	for _, n := range nested {
		tb.listItems(n, depth+1, list)
	}
}

// collectItem splits an LI into its label text, its body content and the
// lists nested in it.
func collectItem(e *structElem, marker *string, body *[]structKid, nested *[]*structElem, tb *taggedBuilder) {
	for _, k := range e.kids {
		switch {
		case k.elem == nil:
			*body = append(*body, k)
		case k.elem.role == "Lbl":
			lines := tb.lines(tb.glyphsOf(k.elem.kids, nil, nil))
			var parts []string
			for _, l := range lines {
				parts = append(parts, l.text)
			}
			*marker = strings.TrimSpace(strings.Join(parts, " "))
		case k.elem.role == "L":
			*nested = append(*nested, k.elem)
		case k.elem.role == "LBody":
			collectItem(k.elem, marker, body, nested, tb)
		default:
			*body = append(*body, k)
		}
	}
}
