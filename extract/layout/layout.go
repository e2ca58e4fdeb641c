// Package layout is the one document model every extractor produces: a
// document is a sequence of blocks (headings, paragraphs, lists, tables), each
// remembering the page it starts on. PDF, HTML and text readers all fill the
// same types, so the normalize stage never needs to know where a document came
// from.
package layout

// Format is the family of the input a document was read from.
type Format string

// The input formats of CONTRACT.md's documents.source_format.
const (
	FormatPDF  Format = "pdf"
	FormatHTML Format = "html"
	FormatText Format = "text"
)

// Kind says what a block is.
type Kind string

// The block kinds.
const (
	KindHeading   Kind = "heading"
	KindParagraph Kind = "paragraph"
	KindList      Kind = "list"
	KindTable     Kind = "table"
)

// Document is an extracted document.
type Document struct {
	Path   string `json:"path"`
	Format Format `json:"format"`
	// Title is the document's own title: an HTML <title> or first <h1>, a PDF's
	// Info dictionary or first large heading, a markdown "# " line.
	Title string `json:"title,omitempty"`
	// Pages is the page count of a paged format, 0 otherwise.
	Pages  int     `json:"pages,omitempty"`
	Blocks []Block `json:"blocks"`
	// Furniture holds running headers, footers and page numbers that a paged
	// reader recognised and kept out of Blocks.
	Furniture []Line `json:"furniture,omitempty"`
	// PageErrors are pages that failed while the rest of the document was read;
	// a document with any is partial, not failed.
	PageErrors []PageError `json:"page_errors,omitempty"`
}

// PageError is one page that could not be read.
type PageError struct {
	Page int    `json:"page"`
	Err  string `json:"error"`
}

// Block is one heading, paragraph, list or table, in reading order.
type Block struct {
	Kind Kind `json:"kind"`
	// Page is the 1-based page the block starts on, 0 where the format has none.
	Page int `json:"page,omitempty"`
	// Level is a heading's level, 1 to 6.
	Level int `json:"level,omitempty"`
	// Text is a heading's or paragraph's text.
	Text string `json:"text,omitempty"`
	// List is set for KindList.
	List *List `json:"list,omitempty"`
	// Table is set for KindTable.
	Table *Table `json:"table,omitempty"`
	// Uncertain says why a reader that inferred the block from page
	// geometry may have read it wrong (its lines told apart from text
	// beside them, a paragraph joined across a page break); empty when the
	// format said what the block is.
	Uncertain []string `json:"uncertain,omitempty"`
}

// List is a bulleted or numbered list. Nested lists are flattened into Items
// with a Depth, so that a sub-bullet stays next to its parent.
type List struct {
	Ordered bool       `json:"ordered,omitempty"`
	Items   []ListItem `json:"items"`
}

// ListItem is one entry of a list.
type ListItem struct {
	Text string `json:"text"`
	// Marker is the item's own number or bullet as written ("3.", "a)", "•"),
	// empty where the format numbers items implicitly.
	Marker string `json:"marker,omitempty"`
	// Number is the position an ordered list gives the item (its start value
	// counted on), 0 in an unordered list.
	Number int `json:"number,omitempty"`
	// Depth is 0 for a top-level item, 1 for a sub-item, and so on.
	Depth int `json:"depth,omitempty"`
	Page  int `json:"page,omitempty"`
}

// Table is a grid of cells. Cells are stored once, at their top-left grid
// position, in row-major order; spans say how far they reach.
type Table struct {
	// Index is the table's 0-based position among the document's tables, in
	// document order (a nested table right after the table holding it).
	Index   int    `json:"index"`
	Rows    int    `json:"rows"`
	Cols    int    `json:"cols"`
	Caption string `json:"caption,omitempty"`
	Cells   []Cell `json:"cells"`
	// Uncertain says why the grid may be wrong, one reason each, where a
	// reader had to infer it (rows told apart by whitespace alone, parts
	// on two pages joined by their columns alone); empty where the grid
	// was drawn or tagged.
	Uncertain []string `json:"uncertain,omitempty"`
}

// Cell is one table cell.
type Cell struct {
	Row     int  `json:"row"`
	Col     int  `json:"col"`
	RowSpan int  `json:"row_span"`
	ColSpan int  `json:"col_span"`
	Header  bool `json:"is_header,omitempty"`
	// Text is the cell's lines joined by "\n".
	Text string `json:"text"`
	// Lines keeps what Text flattens: which lines were bullets and how deep.
	Lines []Line `json:"lines,omitempty"`
	Page  int    `json:"page,omitempty"`
}

// Line is one line of a cell (or of page furniture).
type Line struct {
	Text string `json:"text"`
	// Bullet is set when the line was a list item.
	Bullet bool `json:"bullet,omitempty"`
	// Depth is the list nesting of a bullet line, 0 at the top.
	Depth int `json:"depth,omitempty"`
	Page  int `json:"page,omitempty"`
}

// At returns the cell covering grid position (row, col), following spans, or
// nil where no cell covers it.
func (t *Table) At(row, col int) *Cell {
	for i := range t.Cells {
		c := &t.Cells[i]
		if row >= c.Row && row < c.Row+c.RowSpan && col >= c.Col && col < c.Col+c.ColSpan {
			return c
		}
	}
	return nil
}

// Row returns the cells whose top-left corner is on the given row, in column
// order.
func (t *Table) Row(row int) []Cell {
	var out []Cell
	for _, c := range t.Cells {
		if c.Row == row {
			out = append(out, c)
		}
	}
	return out
}

// Tables returns the document's tables in document order.
func (d *Document) Tables() []*Table {
	var out []*Table
	for i := range d.Blocks {
		if t := d.Blocks[i].Table; t != nil {
			out = append(out, t)
		}
	}
	return out
}
