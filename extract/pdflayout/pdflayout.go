package pdflayout

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/ledongthuc/pdf"

	"github.com/sendrecon/sendrecon/extract/layout"
)

// Extract reads the PDF in r (size bytes) into a layout document. Path is
// only used in errors and in the returned document.
//
// A tagged PDF is read through its structure tree; an untagged one (or one
// whose tree cannot be used) by page geometry. A page that cannot be read is
// recorded in Document.PageErrors and the rest of the document is kept.
func Extract(ctx context.Context, path string, r io.ReaderAt, size int64, opts Options) (doc *layout.Document, err error) {
	opts = opts.withDefaults()
	defer func() {
		if x := recover(); x != nil {
			doc, err = nil, &Error{Path: path, Err: fmt.Errorf("%w: %w", ErrNotPDF, panicError(x))}
		}
	}()
	if size > opts.MaxFileBytes {
		return nil, &Error{Path: path, Err: fmt.Errorf("%w: file of %d bytes (limit %d)", ErrLimit, size, opts.MaxFileBytes)}
	}
	data := make([]byte, size)
	if n, err := r.ReadAt(data, 0); int64(n) < size {
		return nil, &Error{Path: path, Err: fmt.Errorf("read: %w", err)}
	}
	if err := checkXrefChain(data, opts.MaxObjects); err != nil {
		return nil, &Error{Path: path, Err: err}
	}
	rd, data, err := open(data) // repair.go: what mainstream readers accept
	if err != nil {
		if encrypted(data) {
			return nil, &Error{Path: path, Err: fmt.Errorf("%w: %v", ErrEncrypted, err)}
		}
		return nil, &Error{Path: path, Err: fmt.Errorf("%w: %v", ErrNotPDF, err)}
	}
	root := rd.Trailer().Key("Root")
	if root.Kind() != pdf.Dict {
		return nil, &Error{Path: path, Err: fmt.Errorf("%w: no document catalog", ErrNotPDF)}
	}
	refs, truncated, cycle := collectPages(root.Key("Pages"), opts.MaxPages)
	if cycle != 0 {
		return nil, &Error{Path: path, Err: fmt.Errorf("%w: page tree cycle: object %d is among its own /Kids", ErrNotPDF, cycle)}
	}
	if len(refs) == 0 {
		return nil, &Error{Path: path, Err: fmt.Errorf("%w: no pages", ErrNotPDF)}
	}

	doc = &layout.Document{Path: path, Format: layout.FormatPDF, Pages: len(refs), Blocks: []layout.Block{}}
	if truncated {
		doc.PageErrors = append(doc.PageErrors, layout.PageError{
			Page: len(refs) + 1,
			Err:  fmt.Sprintf("%v: pages after %d not read", ErrLimit, len(refs)),
		})
	}
	cache := newDocCache(data)
	pages := make([]*pageContent, len(refs))
	glyphHint := 0
	for i, ref := range refs {
		if err := ctx.Err(); err != nil {
			return nil, &Error{Path: path, Page: i + 1, Err: err}
		}
		pc, err := interpretPage(ref, i+1, opts, cache, glyphHint)
		if err != nil {
			doc.PageErrors = append(doc.PageErrors, layout.PageError{Page: i + 1, Err: err.Error()})
			continue
		}
		glyphHint = len(pc.glyphs)
		if readHook != nil {
			readHook(pc)
		}
		pages[i] = pc
	}

	built := false
	if tree := root.Key("StructTreeRoot"); tree.Kind() == pdf.Dict {
		built = buildTagged(doc, tree, refs, pages, opts)
	}
	if !built {
		buildGeometric(doc, pages)
	}
	doc.Title = documentTitle(rd, doc)
	return doc, nil
}

// readHook, set only by tests, sees each page's content as soon as it is
// read: the tests give its slices more or less spare capacity, which must
// never change the layout.
var readHook func(*pageContent)

// documentTitle is the Info dictionary's /Title, else the largest heading
// on the first page that has text (a cover's title is set larger than the
// banner or running header above it), else the first heading, else the
// first text, a table's first cell included.
func documentTitle(rd *pdf.Reader, doc *layout.Document) string {
	if t := strings.TrimSpace(rd.Trailer().Key("Info").Key("Title").Text()); t != "" {
		return t
	}
	return titleFromBlocks(doc.Blocks)
}

func titleFromBlocks(blocks []layout.Block) string {
	first := 0
	for _, b := range blocks {
		if b.Text != "" || b.Table != nil {
			first = b.Page
			break
		}
	}
	best := -1
	for i, b := range blocks {
		if b.Page != first {
			break
		}
		if b.Kind == layout.KindHeading && strings.TrimSpace(b.Text) != "" && (best < 0 || b.Level < blocks[best].Level) {
			best = i
		}
	}
	if best >= 0 {
		return strings.TrimSpace(blocks[best].Text)
	}
	for _, b := range blocks {
		if b.Kind == layout.KindHeading && strings.TrimSpace(b.Text) != "" {
			return strings.TrimSpace(b.Text)
		}
	}
	for _, b := range blocks {
		if t := strings.TrimSpace(b.Text); t != "" {
			return t
		}
		if b.Table != nil {
			for _, c := range b.Table.Cells {
				if t := strings.TrimSpace(firstLine(c.Text)); t != "" {
					return t
				}
			}
		}
	}
	return ""
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// encrypted reports whether the file's trailer names an /Encrypt
// dictionary; the library's errors do not say so reliably.
func encrypted(data []byte) bool {
	const window = 1 << 20
	return bytes.Contains(data[max(len(data)-window, 0):], []byte("/Encrypt"))
}
