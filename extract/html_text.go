package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// lineCollector folds the text of an HTML subtree into lines the way a
// browser would lay them out: runs of whitespace become one space, and <br>
// and the edges of block elements (<p>, <li>, <div>, ...) end a line.
// Empty lines are dropped. This is also how the gold cell grids are made.
type lineCollector struct {
	lines  []layout.Line
	cur    strings.Builder
	space  bool // whitespace seen since the last word
	bullet bool // the next line starts a list item
	depth  int  // the list depth of that item
	pre    bool // keep newlines (inside <pre> outside tables)
}

func (c *lineCollector) text(s string) {
	for _, r := range s {
		if r == '\n' && c.pre {
			c.lineBreak()
			continue
		}
		if unicode.IsSpace(r) {
			c.space = true
			continue
		}
		if c.space && c.cur.Len() > 0 {
			c.cur.WriteByte(' ')
		}
		c.space = false
		c.cur.WriteRune(r)
	}
}

func (c *lineCollector) lineBreak() {
	c.space = false
	if c.cur.Len() == 0 {
		return
	}
	l := layout.Line{Text: c.cur.String()}
	if c.bullet {
		l.Bullet, l.Depth = true, c.depth
		c.bullet = false
	}
	c.lines = append(c.lines, l)
	c.cur.Reset()
}

func (c *lineCollector) startItem(depth int) {
	c.lineBreak()
	c.bullet, c.depth = true, depth
}

func (c *lineCollector) endItem() {
	c.lineBreak()
	c.bullet = false
}

// take returns the lines collected so far and starts afresh.
func (c *lineCollector) take() []layout.Line {
	c.lineBreak()
	out := c.lines
	c.lines = nil
	c.bullet = false
	return out
}

// collectLines returns the lines of n's content. skip leaves out a subtree.
// Lists become bullet lines with their depth.
func collectLines(n *html.Node, skip func(*html.Node) bool) []layout.Line {
	var c lineCollector
	c.walk(n, 0, skip)
	return c.take()
}

func (c *lineCollector) walk(n *html.Node, listDepth int, skip func(*html.Node) bool) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			c.text(ch.Data)
			continue
		case html.ElementNode:
		default:
			continue
		}
		if skip(ch) {
			continue
		}
		switch a := ch.DataAtom; {
		case a == atom.Br:
			c.lineBreak()
		case a == atom.Ul || a == atom.Ol || a == atom.Menu:
			c.lineBreak()
			c.walk(ch, listDepth+1, skip)
			c.lineBreak()
		case a == atom.Li:
			c.startItem(max(listDepth-1, 0))
			c.walk(ch, listDepth, skip)
			c.endItem()
		case isBlock(a):
			c.lineBreak()
			c.walk(ch, listDepth, skip)
			c.lineBreak()
		default:
			c.walk(ch, listDepth, skip)
		}
	}
}

// joinLines is a cell's or paragraph's Text: its lines joined by "\n".
func joinLines(lines []layout.Line) string {
	texts := make([]string, len(lines))
	for i, l := range lines {
		texts[i] = l.Text
	}
	return strings.Join(texts, "\n")
}

// flatText is text for a heading or caption: its lines on one line.
func flatText(lines []layout.Line) string {
	texts := make([]string, len(lines))
	for i, l := range lines {
		texts[i] = l.Text
	}
	return strings.Join(texts, " ")
}

// isBlock reports whether an element's edges end a line of text. Lists,
// <li> and <br> are handled by the callers.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body,
		atom.Caption, atom.Center, atom.Dd, atom.Details, atom.Dialog,
		atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption,
		atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Header, atom.Hgroup, atom.Hr,
		atom.Html, atom.Legend, atom.Main, atom.Nav, atom.P, atom.Pre,
		atom.Section, atom.Summary, atom.Table, atom.Tbody, atom.Td,
		atom.Tfoot, atom.Th, atom.Thead, atom.Tr:
		return true
	}
	return false
}

// headingLevel is 1 to 6 for <h1> to <h6>, 0 otherwise.
func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}
