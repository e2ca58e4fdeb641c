// Package pdflayout reads a PDF into the layout model of package layout:
// headings, paragraphs, lists and tables in reading order, each with the
// page it starts on, the same model the HTML and text readers produce.
//
// # Contract
//
// Extract parses with github.com/ledongthuc/pdf, going under its
// convenience API: the library reads the file's structure and objects,
// pages are walked and their content streams tokenized (contentlex.go,
// one pass, no allocation per token) and run by this package's own
// interpreter (content.go), which keeps the graphics state the library's
// Content ignores (the CTM, text and line state, marked content), takes
// glyph advances from the fonts' /W and /Widths (fonts.go) and text from
// their ToUnicode CMaps (cmap.go). Resources, fonts and Form XObjects'
// decoded content are kept per document (contentcache.go).
//
// Structure comes from one of two paths, which give the same model:
//
//   - A tagged PDF (a catalog /StructTreeRoot that reaches most of the
//     text) is read through its structure tree (structtree.go, tagged.go,
//     tagged_table.go): H1–H6, P, L/LI/Lbl, Table/TR/TH/TD with RowSpan and
//     ColSpan, joined to glyphs by marked-content ids.
//   - Otherwise the page geometry is read (geometry.go): rules drawn as
//     strokes, thin filled rectangles or cell backgrounds become lattice
//     tables (rules.go, lattice.go); a table drawn without rules but with
//     its header cells' backgrounds takes its columns from them and its
//     rows from the whitespace between them, a cell centred across rows
//     spanning them (bandtable.go); aligned text without rules becomes
//     stream tables (stream.go); the rest becomes lines and blocks
//     (text.go, blocks.go), headings by size and weight against the body
//     text, list items by bullets and numbers. White fills and what a
//     clip cuts away are not on the page (content.go); a framework of one
//     column (a box round a paragraph) is no table.
//
// Where a grid is inferred, not drawn (rows from whitespace, parts on two
// pages joined by their columns alone), layout.Table.Uncertain says so.
//
// A cell's visual lines become logical lines (cells.go): a new one at a
// bullet, at paragraph spacing, or where the next line's first word would
// have fitted before the cell's wrap edge (its box less its padding), so a
// wrapped item is one line and short entries stay apart.
//
// Tables continued on the next page are joined and their repeated header
// rows dropped; a row split by a page break (no rule closing it at the
// page end, or its text carrying on, the row incomplete) is joined back
// and its cells regrouped from both pages' visual lines; a table whose
// rows the producer cuts but which stops with room to spare has ended
// (tablejoin.go).
// Running headers, footers and page numbers go to Document.Furniture
// (furniture.go). A hyphen or slash at a line end is resolved against the
// words the document writes elsewhere (hyphenation.go).
//
// # Errors and limits
//
// Errors are *Error values wrapping ErrEncrypted, ErrNotPDF, ErrLimit or
// the context's error. A page that fails (the library panics on malformed
// input) is recorded in Document.PageErrors and the rest is kept. Options
// bound pages, objects, content-stream size and interpreter work, so no
// input can make Extract run away; the cross-reference chain is checked
// before the library sees it (xrefcheck.go), since a /Prev loop would hang
// it.
package pdflayout
