package extract

import (
	"context"
	"strings"
	"unicode"

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
