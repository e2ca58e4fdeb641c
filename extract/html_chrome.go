package extract

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// contentRoot is where a page's content is: its <main> when it declares one
// (a council web page wraps the document in site header, navigation, cookie
// banner and feedback box), otherwise <body>.
func contentRoot(doc *goquery.Document) *html.Node {
	if main := doc.Find(`main, [role="main"]`).First(); main.Length() > 0 {
		return main.Nodes[0]
	}
	if body := doc.Find("body").First(); body.Length() > 0 {
		return body.Nodes[0]
	}
	return doc.Nodes[0]
}

// skipInCell leaves out what never shows as text. Table cells keep
// everything else, so that they read as the gold grids do.
func skipInCell(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Title:
		return true
	}
	return false
}

// isChrome reports whether an element is page furniture rather than
// document content: scripts, navigation, forms, site headers and footers,
// hidden elements, cookie banners. It errs towards keeping content: a
// <header> holding a heading and no navigation stays.
func isChrome(n *html.Node) bool {
	if skipInCell(n) {
		return true
	}
	switch n.DataAtom {
	case atom.Form:
		// ASP.NET pages wrap the whole page in one <form>; only a form
		// without the page's content in it is furniture.
		return !hasDescendant(n, isPageContent)
	case atom.Nav, atom.Button, atom.Input, atom.Select,
		atom.Textarea, atom.Iframe, atom.Object, atom.Embed, atom.Svg,
		atom.Math, atom.Canvas, atom.Audio, atom.Video, atom.Dialog:
		return true
	case atom.Header, atom.Footer:
		if !inSection(n) && (hasDescendant(n, isNavigation) || !hasDescendant(n, isHeading)) {
			return true
		}
	case atom.Aside:
		if !inSection(n) {
			return true
		}
	case atom.Sup:
		if isFootnoteRef(n) {
			return true
		}
	}
	if _, ok := attr(n, "hidden"); ok || attrIs(n, "aria-hidden", "true") {
		return true
	}
	if style, _ := attr(n, "style"); strings.Contains(strings.ReplaceAll(strings.ToLower(style), " ", ""), "display:none") {
		return true
	}
	switch role, _ := attr(n, "role"); role {
	case "navigation", "banner", "contentinfo", "search":
		return true
	case "complementary":
		return !inSection(n)
	}
	return chromeName(n)
}

// chromeName catches the furniture that has no element of its own, by the
// class or id every CMS gives it.
func chromeName(n *html.Node) bool {
	class, _ := attr(n, "class")
	id, _ := attr(n, "id")
	names := strings.ToLower(class + " " + id)
	for _, s := range []string{"cookie", "breadcrumb", "skip-link", "skiplink"} {
		if strings.Contains(names, s) {
			return true
		}
	}
	return false
}

// inSection reports whether n is inside an <article>, <section> or <main>,
// where <header>, <footer> and <aside> belong to the content.
func inSection(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		switch p.DataAtom {
		case atom.Article, atom.Section, atom.Main:
			return true
		}
	}
	return false
}

func isNavigation(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Form, atom.Input:
		return true
	}
	return attrIs(n, "role", "navigation") || attrIs(n, "role", "search")
}

func isPageContent(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Main, atom.Article, atom.Section, atom.Table, atom.H1:
		return true
	}
	return false
}

func isHeading(n *html.Node) bool { return headingLevel(n.DataAtom) > 0 }

func hasDescendant(n *html.Node, match func(*html.Node) bool) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (match(c) || hasDescendant(c, match)) {
			return true
		}
	}
	return false
}

// isFootnoteRef reports whether a <sup> is only a link to a footnote on
// the same page: its number would glue onto the word before it
// ("scorecard1").
func isFootnoteRef(sup *html.Node) bool {
	links := 0
	for c := sup.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		case c.Type == html.ElementNode && c.DataAtom == atom.A && inPageLink(c):
			links++
		default:
			return false
		}
	}
	return links == 1
}

// inPageLink reports whether n is a link to somewhere on the same page
// ("Back to top", "Skip to content").
func inPageLink(n *html.Node) bool {
	href, ok := attr(n, "href")
	return ok && strings.HasPrefix(strings.TrimSpace(href), "#")
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func attrIs(n *html.Node, key, want string) bool {
	v, _ := attr(n, key)
	return strings.EqualFold(strings.TrimSpace(v), want)
}
