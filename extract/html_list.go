package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// list emits a <ul> or <ol> as one list block, nested lists flattened into
// it with their depth, then any tables found inside its items.
func (w *htmlWalker) list(n *html.Node) {
	l := &layout.List{Ordered: n.DataAtom == atom.Ol, Items: []layout.ListItem{}}
	var tables []*html.Node
	listItems(n, 0, l, &tables)
	if len(l.Items) > 0 {
		w.blocks = append(w.blocks, layout.Block{Kind: layout.KindList, List: l})
	}
	for _, t := range tables {
		w.table(t)
	}
}

func listItems(list *html.Node, depth int, l *layout.List, tables *[]*html.Node) {
	ordered := list.DataAtom == atom.Ol
	num, step := listStart(list)
	for c := list.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			// Stray text between items still shows; keep it as an item.
			var lc lineCollector
			lc.text(c.Data)
			addItem(l, joinLines(lc.take()), 0, depth)
		case c.Type != html.ElementNode || isChrome(c):
		case c.DataAtom == atom.Li:
			if v, ok := attr(c, "value"); ok && ordered {
				if n, ok := parseInt(v); ok {
					num = n
				}
			}
			number := 0
			if ordered {
				number = num
			}
			addItem(l, joinLines(collectLines(c, skipNested)), number, depth)
			num += step
			forNested(c, func(sub *html.Node) {
				if sub.DataAtom == atom.Table {
					*tables = append(*tables, sub)
					return
				}
				listItems(sub, depth+1, l, tables)
			})
		case c.DataAtom == atom.Ul || c.DataAtom == atom.Ol || c.DataAtom == atom.Menu:
			// A list directly inside a list, as Word's HTML writes it.
			listItems(c, depth+1, l, tables)
		case c.DataAtom == atom.Table:
			*tables = append(*tables, c)
		default:
			addItem(l, joinLines(collectLines(c, skipNested)), 0, depth)
			forNested(c, func(sub *html.Node) {
				if sub.DataAtom == atom.Table {
					*tables = append(*tables, sub)
					return
				}
				listItems(sub, depth, l, tables)
			})
		}
	}
}

func addItem(l *layout.List, text string, number, depth int) {
	if text == "" {
		return
	}
	l.Items = append(l.Items, layout.ListItem{Text: text, Number: number, Depth: depth})
}

// skipNested leaves lists and tables out of an item's own text: they come
// after it as items and tables of their own.
func skipNested(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Ul, atom.Ol, atom.Menu, atom.Table:
		return true
	}
	return isChrome(n)
}

// forNested calls fn on the lists and tables inside n that are not inside
// another one, in document order.
func forNested(n *html.Node, fn func(*html.Node)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || isChrome(c) {
			continue
		}
		switch c.DataAtom {
		case atom.Ul, atom.Ol, atom.Menu, atom.Table:
			fn(c)
		default:
			forNested(c, fn)
		}
	}
}

// listStart is the number of an ordered list's first item and the step to
// the next: start="17" starts at 17, reversed counts down from the number
// of items.
func listStart(list *html.Node) (start, step int) {
	start, step = 1, 1
	if _, ok := attr(list, "reversed"); ok {
		step = -1
		start = 0
		for c := list.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Li {
				start++
			}
		}
	}
	if v, ok := attr(list, "start"); ok {
		if n, ok := parseInt(v); ok {
			start = n
		}
	}
	return start, step
}

// parseInt parses an HTML integer: optional whitespace and sign, then
// digits, anything after ignored; it refuses values beyond a million, which
// no list numbers to.
func parseInt(s string) (int, bool) {
	s = strings.TrimLeft(s, " \t\n\f\r")
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	v, digits := 0, 0
	for ; digits < len(s) && s[digits] >= '0' && s[digits] <= '9'; digits++ {
		v = v*10 + int(s[digits]-'0')
		if v > 1_000_000 {
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}
