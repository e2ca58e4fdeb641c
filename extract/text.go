package extract

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// readPlainText reads a .txt file. Plain text follows the same conventions
// as markdown where it uses them ("# " headings, "- " bullets, tables of
// tab-separated columns); only markdown's inline markup is left alone.
func readPlainText(ctx context.Context, _ string, data []byte, _ Options) (*layout.Document, error) {
	return readText(ctx, data, false)
}

// readMarkdown reads a .md file, dropping inline markup (emphasis, links,
// code spans, escapes) from the text.
func readMarkdown(ctx context.Context, _ string, data []byte, _ Options) (*layout.Document, error) {
	return readText(ctx, data, true)
}

func readText(ctx context.Context, data []byte, markdown bool) (*layout.Document, error) {
	text := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(decodeText(data))
	p := &textParser{markdown: markdown}
	// Form feeds separate pages in text printed from a PDF (pdftotext).
	pages := strings.Split(text, "\f")
	if len(pages) > 1 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1] // pdftotext ends every page with one
	}
	steps := 0
	for i, page := range pages {
		if len(pages) > 1 {
			p.page = i + 1
		}
		lines := strings.Split(page, "\n")
		for j := 0; j < len(lines); {
			if steps++; steps%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			j += p.line(lines[j:])
		}
	}
	p.endBlock()
	doc := &layout.Document{Format: layout.FormatText, Blocks: p.blocks}
	moveMarkings(doc)
	if !markdown {
		capitalHeadings(doc.Blocks)
		lineHeadings(doc.Blocks)
	}
	doc.Title = textTitle(doc.Blocks)
	if len(pages) > 1 {
		doc.Pages = len(pages)
	}
	return doc, nil
}

// capitalHeadings makes headings of the short paragraphs written in
// capitals: plain text has no other way to mark one ("KEY ACTIONS").
func capitalHeadings(blocks []layout.Block) {
	for i, b := range blocks {
		if b.Kind == layout.KindParagraph && isCapitalHeading(b.Text) {
			blocks[i].Kind, blocks[i].Level = layout.KindHeading, 2
		}
	}
}

// lineHeadings makes headings of the other way plain text marks one: a line
// standing alone between blank lines, short, not ending like a sentence or
// a lead-in (".", ":", ";"), and followed by more text ("Key actions" over
// the actions it names). The first block of the text is its title (level 1).
func lineHeadings(blocks []layout.Block) {
	for i, b := range blocks {
		if b.Kind != layout.KindParagraph || i+1 >= len(blocks) || !isLineHeading(b.Text) {
			continue
		}
		blocks[i].Kind, blocks[i].Level = layout.KindHeading, 2
		if i == 0 {
			blocks[i].Level = 1
		}
	}
}

func isLineHeading(s string) bool {
	if len(s) > 80 || strings.ContainsAny(s, "\n") || len(strings.Fields(s)) > 12 {
		return false
	}
	if strings.ContainsAny(s[len(s)-1:], ".:;,!?") {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(first) || unicode.IsDigit(first)
}

func isCapitalHeading(s string) bool {
	if len(s) > 80 || strings.ContainsAny(s, "\n") || strings.HasSuffix(s, ".") {
		return false
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 3
}

// textTitle is the first top-level heading, else the first heading, else
// the first line of the text.
func textTitle(blocks []layout.Block) string {
	for _, b := range blocks {
		if b.Kind == layout.KindHeading && b.Level == 1 {
			return b.Text
		}
	}
	for _, b := range blocks {
		if b.Kind == layout.KindHeading {
			return b.Text
		}
	}
	for _, b := range blocks {
		if b.Kind == layout.KindParagraph {
			first, _, _ := strings.Cut(b.Text, "\n")
			return first
		}
	}
	return ""
}
