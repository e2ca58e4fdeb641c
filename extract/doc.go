// Package extract turns the bytes of one input document into a
// layout.Document: headings, paragraphs, lists and tables in reading order.
//
// The contract:
//   - File and Bytes choose a reader by file extension (.pdf, .html/.htm,
//     .txt, .md/.markdown) and check that the content fits the extension
//     before reading it, so a text file named .pdf fails with ErrFormat
//     rather than with a parser's riddle.
//   - Every error is an *Error naming the file (and the page, where one is
//     known) and wraps one of the sentinels in errors.go where one applies.
//   - A panic inside a reader, including a third-party PDF parser, is
//     recovered at this boundary and returned as an *Error wrapping ErrPanic:
//     a batch survives its worst document.
//   - Options caps what untrusted input may cost: bytes, pages, table area.
//   - Output is deterministic: the same bytes give the same document.
//   - Page furniture stays out of Blocks: HTML site chrome (navigation,
//     forms, cookie banners, "Back to top") is dropped, and a paragraph that
//     is only a protective marking ("OFFICIAL") goes to Furniture.
//
// HTML tables follow HTML's table model so that their cells agree with the
// gold cell grids the scorer derives from the same HTML: rows in drawing
// order (the first <thead> first, the first <tfoot> last), cells at their
// top-left grid position, spans stopping at the end of their row group, a
// nested table emitted right after the table holding it.
package extract
