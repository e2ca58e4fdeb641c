package extract

import (
	"context"
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// readHTML reads an HTML page: headings, paragraphs, lists and tables of its
// content, page chrome (navigation, banners, forms) left out.
func readHTML(ctx context.Context, path string, data []byte, opts Options) (*layout.Document, error) {
	page, err := goquery.NewDocumentFromReader(strings.NewReader(decodeHTML(data)))
	if err != nil {
		// The parser gives up only on extremes, such as elements nested
		// over 512 deep.
		return nil, fmt.Errorf("%w: parse HTML: %w", ErrFormat, err)
	}
	w := &htmlWalker{ctx: ctx, opts: opts}
	w.walk(contentRoot(page))
	w.flush()
	if w.err != nil {
		return nil, w.err
	}
	doc := &layout.Document{Format: layout.FormatHTML, Blocks: bulletParagraphsToLists(w.blocks)}
	moveMarkings(doc)
	doc.Title = htmlTitle(page, doc.Blocks)
	return doc, nil
}

// htmlWalker turns the content of a page into blocks, in document order.
// Inline text gathers in para until an element that breaks the flow (a
// block, a heading, a list, a table) turns it into a paragraph.
type htmlWalker struct {
	ctx    context.Context
	opts   Options
	blocks []layout.Block
	tables int
	para   lineCollector
	// Words of para inside and outside same-page links: a paragraph that is
	// only such a link is navigation ("Back to top").
	linkWords, otherWords int
	inLink                int
	steps                 int
	err                   error
}

func (w *htmlWalker) walk(n *html.Node) {
	for c := n.FirstChild; c != nil && w.err == nil; c = c.NextSibling {
		w.node(c)
	}
}

func (w *htmlWalker) node(n *html.Node) {
	if w.steps++; w.steps%4096 == 0 {
		if w.err = w.ctx.Err(); w.err != nil {
			return
		}
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	if isChrome(n) {
		return
	}
	switch a := n.DataAtom; {
	case a == atom.Br:
		w.para.lineBreak()
	case headingLevel(a) > 0:
		w.flush()
		w.heading(n, headingLevel(a))
	case a == atom.Ul || a == atom.Ol || a == atom.Menu:
		w.flush()
		w.list(n)
	case a == atom.Table:
		w.flush()
		w.table(n)
	case a == atom.Pre:
		w.flush()
		w.para.pre = true
		w.walk(n)
		w.para.pre = false
		w.flush()
	case isBlock(a):
		w.flush()
		w.walk(n)
		w.flush()
	case a == atom.A && inPageLink(n):
		w.inLink++
		w.walk(n)
		w.inLink--
	default:
		w.walk(n)
	}
}

func (w *htmlWalker) text(s string) {
	w.para.text(s)
	if strings.TrimSpace(s) == "" {
		return
	}
	if w.inLink > 0 {
		w.linkWords++
	} else {
		w.otherWords++
	}
}

// flush turns the pending inline text into a paragraph.
func (w *htmlWalker) flush() {
	lines := w.para.take()
	linkOnly := w.linkWords > 0 && w.otherWords == 0
	w.linkWords, w.otherWords = 0, 0
	if len(lines) == 0 || linkOnly {
		return
	}
	w.blocks = append(w.blocks, layout.Block{Kind: layout.KindParagraph, Text: joinLines(lines)})
}

func (w *htmlWalker) heading(n *html.Node, level int) {
	if text := flatText(collectLines(n, isChrome)); text != "" {
		w.blocks = append(w.blocks, layout.Block{Kind: layout.KindHeading, Level: level, Text: text})
	}
	// A table inside a heading is odd, but it is still a table of the page.
	for _, t := range nestedTables(n, nil) {
		w.table(t)
	}
}

// table emits a table and then, recursively, the tables nested in it, so
// that indices follow the document order of the <table> tags.
func (w *htmlWalker) table(n *html.Node) {
	if w.err != nil {
		return
	}
	t, nested, err := buildTable(n, w.opts.MaxTableArea)
	if err != nil {
		w.err = fmt.Errorf("table %d: %w", w.tables, err)
		return
	}
	t.Index = w.tables
	w.tables++
	w.blocks = append(w.blocks, layout.Block{Kind: layout.KindTable, Table: t})
	for _, c := range nested {
		w.table(c)
	}
}

// htmlTitle is what a reader would call the page's title: its first <h1>
// (the <title> often carries the site's name too), else the <title> without
// a " | Site name" suffix, else the first heading. A <title> that contains
// the whole <h1> and says more ("Area Partnership: Plan, 2024 to 2025" for
// an <h1> of "Plan") is the fuller name of the same document and wins.
func htmlTitle(page *goquery.Document, blocks []layout.Block) string {
	var c lineCollector
	c.text(page.Find("title").First().Text())
	title := flatText(c.take())
	if i := strings.LastIndex(title, " | "); i > 0 {
		title = title[:i]
	}
	for _, b := range blocks {
		if b.Kind == layout.KindHeading && b.Level == 1 {
			h1, full := foldTitle(b.Text), foldTitle(title)
			if h1 != "" && len(full) > len(h1) && strings.Contains(full, h1) {
				return title
			}
			return b.Text
		}
	}
	if title != "" {
		return title
	}
	for _, b := range blocks {
		if b.Kind == layout.KindHeading {
			return b.Text
		}
	}
	return ""
}

// foldTitle lowercases a title and folds its whitespace, so that a <title>
// and an <h1> that differ only in case or spacing compare equal.
func foldTitle(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}
