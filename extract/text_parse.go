package extract

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// textParser reads text line by line. At most one block is open at a time:
// a paragraph gathering lines, or a list gathering items.
type textParser struct {
	markdown bool
	page     int
	blocks   []layout.Block
	tables   int

	para      []string // lines of the open paragraph
	paraBreak []bool   // whether the line before each line ended in a hard break

	list    *layout.List
	more    []string // continuation of the list's last item, joined when it ends
	indents []int    // the indent of each open list level
	blank   bool     // a blank line since the last list line
	fence   string
	code    []string
}

var (
	atxHeading  = regexp.MustCompile(`^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	setextLine  = regexp.MustCompile(`^(=+|-+)[ \t]*$`)
	thematic    = regexp.MustCompile(`^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	listItemRe  = regexp.MustCompile(`^([-*+•●▪■◦○‣∙·➢►✓–]|\d{1,3}[.)]|\(\d{1,3}\)|\(?[a-z]\))[ \t]+(\S.*)$`)
	fenceOpenRe = regexp.MustCompile("^(```+|~~~+)")
)

// line consumes the line at lines[0], and the lines after it when they
// belong to the same table, and returns how many lines it used.
func (p *textParser) line(lines []string) int {
	raw := strings.TrimRight(lines[0], " \t")
	if p.fence != "" || fenceOpenRe.MatchString(strings.TrimLeft(raw, " ")) {
		p.codeLine(raw)
		return 1
	}
	if raw == "" {
		p.blankLine()
		return 1
	}
	indent, content := indentOf(raw)
	if p.markdown {
		for strings.HasPrefix(content, ">") {
			content = strings.TrimLeft(content[1:], " ")
		}
	}
	switch {
	case atxHeading.MatchString(content):
		m := atxHeading.FindStringSubmatch(content)
		p.endBlock()
		p.heading(len(m[1]), m[2])
	case setextLine.MatchString(content) && len(p.para) == 1 && len(content) >= 2:
		level := 1
		if content[0] == '-' {
			level = 2
		}
		text := p.para[0]
		p.para, p.paraBreak = nil, nil
		p.heading(level, text)
	case thematic.MatchString(content):
		p.endBlock()
	default:
		if n := p.table(lines); n > 0 {
			return n
		}
		if m := listItemRe.FindStringSubmatch(content); m != nil {
			p.item(indent, m[1], m[2])
			return 1
		}

		p.textLine(indent, lines[0], content)
	}
	return 1
}

func (p *textParser) blankLine() {
	if p.list != nil {
		p.blank = true // a loose list may go on after a blank line
		return
	}
	p.endBlock()
}

func (p *textParser) heading(level int, text string) {
	if text = p.inline(text); text != "" {
		p.blocks = append(p.blocks, layout.Block{Kind: layout.KindHeading, Page: p.page, Level: level, Text: text})
	}
}

// textLine is a line of prose: the next line of the open paragraph, or of
// the open list item when it directly follows it (a wrapped bullet) or is
// indented under it after a blank line.
func (p *textParser) textLine(indent int, raw, content string) {
	if p.list != nil && (!p.blank || indent > p.indents[0]) {
		sep := " "
		if p.blank {
			sep = "\n"
		}
		p.more = append(p.more, sep, p.inline(content))
		p.blank = false
		return
	}
	if p.list != nil {
		p.endBlock()
	}
	// Markdown's hard line break: two trailing spaces or a backslash.
	hard := p.markdown && (strings.HasSuffix(raw, "  ") || strings.HasSuffix(content, `\`))
	if hard {
		content = strings.TrimSuffix(content, `\`)
	}
	p.para = append(p.para, content)
	p.paraBreak = append(p.paraBreak, hard)
}

// item adds a list item; its indent against the open levels gives its depth.
func (p *textParser) item(indent int, marker, text string) {
	p.endItem()
	if p.list == nil {
		p.endBlock()
		p.list = &layout.List{Ordered: !isBulletMarker(marker)}
		p.blocks = append(p.blocks, layout.Block{Kind: layout.KindList, Page: p.page, List: p.list})
	}
	for len(p.indents) > 0 && indent < p.indents[len(p.indents)-1] {
		p.indents = p.indents[:len(p.indents)-1]
	}
	if len(p.indents) == 0 || indent > p.indents[len(p.indents)-1] {
		p.indents = append(p.indents, indent)
	}
	it := layout.ListItem{Text: p.inline(text), Marker: marker, Depth: len(p.indents) - 1, Page: p.page}
	if !isBulletMarker(marker) {
		it.Number = markerNumber(marker)
	}
	p.list.Items = append(p.list.Items, it)
	p.blank = false
}

func (p *textParser) codeLine(raw string) {
	trimmed := strings.TrimLeft(raw, " ")
	if p.fence == "" {
		p.endBlock()
		p.fence = fenceOpenRe.FindString(trimmed)
		return
	}
	if strings.HasPrefix(trimmed, p.fence) && strings.TrimLeft(trimmed, p.fence[:1]) == "" {
		p.fence = ""
		if len(p.code) > 0 {
			p.blocks = append(p.blocks, layout.Block{Kind: layout.KindParagraph, Page: p.page, Text: strings.Join(p.code, "\n")})
		}
		p.code = nil
		return
	}
	if strings.TrimSpace(raw) != "" {
		p.code = append(p.code, raw)
	}
}

// endBlock closes the open paragraph or list.
func (p *textParser) endBlock() {
	if p.fence != "" && len(p.code) > 0 {
		// An unclosed fence runs to the end of the text.
		p.blocks = append(p.blocks, layout.Block{Kind: layout.KindParagraph, Page: p.page, Text: strings.Join(p.code, "\n")})
		p.fence, p.code = "", nil
	}
	p.endItem()
	p.list, p.indents, p.blank = nil, nil, false
	if len(p.para) == 0 {
		return
	}
	var b strings.Builder
	for i, l := range p.para {
		if i > 0 {
			if p.paraBreak[i-1] {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	p.para, p.paraBreak = nil, nil
	if text := p.inline(b.String()); text != "" {
		p.blocks = append(p.blocks, layout.Block{Kind: layout.KindParagraph, Page: p.page, Text: text})
	}
}

// endItem adds the gathered continuation lines to the list's last item.
func (p *textParser) endItem() {
	if len(p.more) > 0 {
		it := &p.list.Items[len(p.list.Items)-1]
		it.Text += strings.Join(p.more, "")
		p.more = nil
	}
}

// indentOf returns a line's indent in columns (a tab to the next multiple
// of four) and the line without it.
func indentOf(line string) (int, string) {
	n := 0
	for i, r := range line {
		switch r {
		case ' ':
			n++
		case '\t':
			n += 4 - n%4
		default:
			return n, line[i:]
		}
	}
	return n, ""
}

func isBulletMarker(m string) bool {
	_, _, ok := cutBullet(m + " x")
	return ok
}

// markerNumber is the position a marker gives: "3." is 3, "c)" is 3.
func markerNumber(m string) int {
	m = strings.Trim(m, "().")
	if n, err := strconv.Atoi(m); err == nil {
		return n
	}
	if len(m) == 1 && m[0] >= 'a' && m[0] <= 'z' {
		return int(m[0]-'a') + 1
	}
	return 0
}
