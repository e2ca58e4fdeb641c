package pdflayout

import (
	"bytes"
	"fmt"
	"strings"
)

// testPDF builds small, valid PDFs for tests: one Helvetica font (a
// standard font with WinAnsi encoding and widths given), pages whose
// content streams the test writes, and optional extra catalog entries.
type testPDF struct {
	pages   []string // content streams, one per page
	catalog string   // extra catalog entries, e.g. "/StructTreeRoot 9 0 R"
	extra   []string // extra objects, numbered from 100 in order
	trailer string   // extra trailer entries, e.g. "/Encrypt 100 0 R"
	width   float64
	height  float64
	rotate  int // the pages' /Rotate, 0 for none
	// resources are extra entries of the pages' resource dictionary,
	// e.g. "/XObject << /X1 100 0 R >>".
	resources string
}

func (p testPDF) bytes() []byte {
	w, h := p.width, p.height
	if w == 0 {
		w, h = 595, 842
	}
	var objs []string // objs[i] is object i+1
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	catalog := add("")  // 1
	pagesObj := add("") // 2
	font := add(helveticaFont())
	var kids []string
	for _, content := range p.pages {
		c := add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content))
		pg := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Rotate %d /Resources << /Font << /F1 %d 0 R >> %s >> /Contents %d 0 R >>",
			pagesObj, w, h, p.rotate, font, p.resources, c))
		kids = append(kids, fmt.Sprintf("%d 0 R", pg))
	}
	objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R %s >>", pagesObj, p.catalog)
	objs[pagesObj-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	for len(objs) < 99 {
		add("null")
	}
	for _, e := range p.extra {
		add(e)
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info << /Title (Test document) >> %s >>\nstartxref\n%d\n%%%%EOF\n",
		len(objs)+1, p.trailer, xref)
	return b.Bytes()
}

// helveticaFont is a simple font dictionary with every WinAnsi code 500
// units wide (space 250), so tests can predict glyph positions.
func helveticaFont() string {
	ws := make([]string, 0, 224)
	for c := 32; c < 256; c++ {
		if c == 32 {
			ws = append(ws, "250")
		} else {
			ws = append(ws, "500")
		}
	}
	return "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [" +
		strings.Join(ws, " ") + "] >>"
}

// textAt is a content-stream fragment showing s at (x, y) in size pt.
func textAt(x, y, size float64, s string) string {
	return fmt.Sprintf("BT /F1 %g Tf %g %g Td (%s) Tj ET\n", size, x, y, s)
}

// ruledGrid draws a grid of stroked rules with its top-left corner at
// (x, y) in PDF user space (y up), column widths ws and row heights hs.
func ruledGrid(x, y float64, ws, hs []float64) string {
	var b strings.Builder
	width, height := 0.0, 0.0
	for _, v := range ws {
		width += v
	}
	for _, v := range hs {
		height += v
	}
	b.WriteString("0.5 w\n")
	yy := y
	for i := 0; i <= len(hs); i++ {
		fmt.Fprintf(&b, "%g %g m %g %g l S\n", x, yy, x+width, yy)
		if i < len(hs) {
			yy -= hs[i]
		}
	}
	xx := x
	for i := 0; i <= len(ws); i++ {
		fmt.Fprintf(&b, "%g %g m %g %g l S\n", xx, y, xx, y-height)
		if i < len(ws) {
			xx += ws[i]
		}
	}
	return b.String()
}
