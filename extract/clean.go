package extract

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// cleanControls removes control characters (NUL, escape, bell, C1
// controls) from every text of doc, keeping tabs and line breaks: they
// are never text a reader meant, and they must not reach a table's text
// columns (a NUL in a title breaks the tools reading the tables).
//
// A block or list item that held nothing but control characters is dropped,
// as the reader would have dropped it had it been blank.
func cleanControls(doc *layout.Document) {
	doc.Title = clean(doc.Title)
	kept := doc.Blocks[:0]
	for _, b := range doc.Blocks {
		b.Text = clean(b.Text)
		if b.List != nil {
			items := b.List.Items[:0]
			for _, it := range b.List.Items {
				it.Text, it.Marker = clean(it.Text), clean(it.Marker)
				if strings.TrimSpace(it.Text) != "" {
					items = append(items, it)
				}
			}
			b.List.Items = items
			if len(items) == 0 {
				continue
			}
		}
		if t := b.Table; t != nil {
			t.Caption = clean(t.Caption)
			for j := range t.Cells {
				c := &t.Cells[j]
				c.Text = clean(c.Text)
				cleanLines(c.Lines)
			}
		}
		if (b.Kind == layout.KindParagraph || b.Kind == layout.KindHeading) && strings.TrimSpace(b.Text) == "" {
			continue
		}
		kept = append(kept, b)
	}
	doc.Blocks = kept
	cleanLines(doc.Furniture)
}

func cleanLines(ls []layout.Line) {
	for i := range ls {
		ls[i].Text = clean(ls[i].Text)
	}
}

func clean(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case !isControl(r):
			return r
		case unicode.IsSpace(r): // \r, \f, \v still part words
			return ' '
		}
		return -1
	}, s)
}

func isControl(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\t'
}

// noText is the error of a document with no text: ErrEmpty, with the
// pages that failed when some did (a decompression bomb stopped at
// extract.max_stream_bytes leaves no text, but the reason is the limit).
func noText(pages []layout.PageError) error {
	if len(pages) == 0 {
		return fmt.Errorf("%w: no text found", ErrEmpty)
	}
	parts := make([]string, len(pages))
	limit := false
	for i, p := range pages {
		parts[i] = p.Err
		if prefix := fmt.Sprintf("page %d", p.Page); !strings.HasPrefix(p.Err, prefix) {
			parts[i] = prefix + ": " + p.Err
		}
		limit = limit || strings.Contains(p.Err, "resource limit exceeded")
	}
	err := fmt.Errorf("%w: no text found (%s)", ErrEmpty, strings.Join(parts, "; "))
	if limit {
		return alsoError{err: err, also: ErrTooLarge}
	}
	return err
}
